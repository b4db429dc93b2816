"""Every size, margin, font and style name of the printed template, in one place.

Both renderers read these, so Word, LibreOffice and the PDF break lines and pages alike:
Word names Arial, which every Windows PC has; the PDF embeds Liberation Sans, Arial's
metric-compatible free twin, shipped in resources/fonts/ with DejaVu Sans for the
characters Liberation Sans has no glyph for (pdf_fonts.py).
"""

from __future__ import annotations

# Page: A4, in millimetres.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 25.0
MARGIN_BOTTOM_MM = 25.0
MARGIN_LEFT_MM = 25.0
MARGIN_RIGHT_MM = 20.0
FOOTER_DISTANCE_MM = 12.0  # from the bottom edge to the footer's baseline

# Fonts.
WORD_FONT = "Arial"
PDF_FONT = "LiberationSans"  # registered from resources/fonts/LiberationSans-*.ttf
PDF_FONT_FILES = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
    "bolditalic": "LiberationSans-BoldItalic.ttf",
}
# Drawn glyph by glyph where Liberation Sans has no glyph (☃ ✓ ☐ ★); see pdf_fonts.py.
# No oblique faces: italic text falls back to the upright ones.
PDF_FALLBACK_FONT = "DejaVuSans"
PDF_FALLBACK_FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
}

# Sizes in points; line height as a multiple of the font size. With these values the
# sample meeting's items start on the reference's pages 3, 4, 7, 11, 13 and 14, and stay
# there when any one value moves a little (checked by a sweep), so Word's slightly
# different line placement does not shift a page.
BODY_SIZE = 10.5
LINE_HEIGHT = 1.4
TITLE_SIZE = 18.0
HEADING1_SIZE = 14.0
HEADING2_SIZE = 11.5
HEADING3_SIZE = 10.5
FOOTER_SIZE = 8.5

# Space before/after blocks, in points.
PARAGRAPH_SPACE_AFTER = 11.0
HEADING1_SPACE_AFTER = 4.0
HEADING2_SPACE_BEFORE = 12.0
HEADING2_SPACE_AFTER = 4.0
HEADING3_SPACE_BEFORE = 8.0
HEADING3_SPACE_AFTER = 2.0
LIST_INDENT_MM = 6.0  # per nesting level
META_LABEL_WIDTH_MM = 40.0  # the label column of the front page's meeting facts
TOC_NUMBER_WIDTH_MM = 12.0  # right-hand column of a TOC line kept free for its page number

# Word style names (built-in ones, so Word's navigation pane and TOC know them).
WORD_STYLES = {
    "title": "Title",
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "heading3": "Heading 3",
    "body": "Normal",
    "bullet": "List Bullet",
    "number": "List Number",
    "toc1": "TOC 1",
    "toc_heading": "TOC Heading",  # looks like Heading 1, but is not picked up by the TOC
    "list_continue": "List Continue",  # further paragraphs of a list item
    "footer": "Footer",
}

FOOTER_TEXT = "Side {page} af {pages}"
LANGUAGE = "da-DK"
