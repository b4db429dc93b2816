"""The template: python-docx's default document turned into ours (page, styles, lists,
footer, properties), all from `style.py`. Raw OOXML pieces come from `docx_xml.py`; with
`docx.py` and `docx_package.py` these are the only modules that import python-docx.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.styles.styles import Styles
from docx.table import Table

from referat_desktop.export import style
from referat_desktop.export.docx_xml import (
    add_right_tab,
    append_field,
    drop_numbering,
    link_style_to_list,
    multilevel_list,
    remove_children,
    set_fonts,
    set_language,
    xml_safe,
    zero_cell_margins,
)

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
MAX_LIST_LEVEL = 3  # the template defines List Bullet/Number 1-3; deeper lists stay at 3
WORD_LIST_LEVELS = 9  # levels of a Word list definition (ilvl 0-8), as Word writes them
BULLET_SYMBOL = "\u2022"


@dataclass(frozen=True)
class StyleSpec:
    size: float
    before: float = 0.0
    after: float = style.PARAGRAPH_SPACE_AFTER
    bold: bool = False
    keep_with_next: bool = False


def level_style(base: str, level: int) -> str:
    """`List Bullet`, `List Bullet 2`, `List Bullet 3` ..."""
    return base if level <= 1 else f"{base} {level}"


def paragraph_styles() -> dict[str, StyleSpec]:
    """Word style name -> its look, all from style.py and as pdf.py lays out the same node."""
    names = style.WORD_STYLES
    body = StyleSpec(style.BODY_SIZE)
    specs = {
        names["body"]: body,
        names["title"]: StyleSpec(style.TITLE_SIZE, bold=True),
        names["heading1"]: StyleSpec(style.HEADING1_SIZE, after=style.HEADING1_SPACE_AFTER, bold=True,
                                     keep_with_next=True),
        names["heading2"]: StyleSpec(style.HEADING2_SIZE, style.HEADING2_SPACE_BEFORE,
                                     style.HEADING2_SPACE_AFTER, bold=True, keep_with_next=True),
        names["heading3"]: StyleSpec(style.HEADING3_SIZE, style.HEADING3_SPACE_BEFORE,
                                     style.HEADING3_SPACE_AFTER, bold=True, keep_with_next=True),
        names["toc_heading"]: StyleSpec(style.HEADING1_SIZE, after=style.HEADING1_SPACE_AFTER, bold=True,
                                        keep_with_next=True),
        names["toc1"]: body,
        names["footer"]: StyleSpec(style.FOOTER_SIZE, after=0.0),
    }
    # Every list paragraph is spaced like body text, as each list item is in the PDF.
    for key in ("bullet", "number", "list_continue"):
        for level in range(1, MAX_LIST_LEVEL + 1):
            specs[level_style(names[key], level)] = body
    return specs


def drop_template_leftovers(document: DocxDocument) -> None:
    """Parts of python-docx's template that would undo or misrepresent ours: the
    thumbnail (a picture of python-docx's own sample page, shown by file managers) and
    stylesWithEffects.xml (which Word 2010 reads instead of styles.xml, in Calibri)."""
    unwanted = (RT.THUMBNAIL, STYLES_WITH_EFFECTS)
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id in [r.rId for r in rels.values() if r.reltype in unwanted]:
            del rels[rel_id]


def text_width_mm() -> float:
    return style.PAGE_WIDTH_MM - style.MARGIN_LEFT_MM - style.MARGIN_RIGHT_MM


def setup_page(section: Section) -> None:
    section.page_width = Mm(style.PAGE_WIDTH_MM)
    section.page_height = Mm(style.PAGE_HEIGHT_MM)
    section.top_margin = Mm(style.MARGIN_TOP_MM)
    section.bottom_margin = Mm(style.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(style.MARGIN_LEFT_MM)
    section.right_margin = Mm(style.MARGIN_RIGHT_MM)
    section.footer_distance = Mm(style.FOOTER_DISTANCE_MM)


def setup_styles(styles: Styles, specs: dict[str, StyleSpec]) -> dict[str, str]:
    """Arial, Danish and our sizes on the defaults and every style we use; their ids."""
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(defaults, style.WORD_FONT)
    set_language(defaults, style.LANGUAGE)
    for rfonts in list(styles.element.iter(qn("w:rFonts"))):  # table styles' parts too
        set_fonts(rfonts.getparent(), style.WORD_FONT)
    if style.WORD_STYLES["toc1"] not in styles:
        toc1 = styles.add_style(  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
            style.WORD_STYLES["toc1"], WD_STYLE_TYPE.PARAGRAPH)
        toc1.base_style = styles[style.WORD_STYLES["body"]]
    for name, spec in specs.items():
        _format_style(styles[name], spec)
    toc1 = styles[style.WORD_STYLES["toc1"]]
    # The page number sits at a right tab on the margin. No right indent to keep a column
    # free for it, as the PDF does: in Word 2013 compatibility (compatibilityMode 15)
    # LibreOffice drops a number whose tab lies beyond the right indent.
    add_right_tab(toc1.element.get_or_add_pPr(), Mm(text_width_mm()).twips)
    remove_children(styles[style.WORD_STYLES["footer"]].element.get_or_add_pPr(), ("w:tabs",))  # US Letter's
    for level in range(1, MAX_LIST_LEVEL + 1):
        continued = styles[level_style(style.WORD_STYLES["list_continue"], level)]
        continued.paragraph_format.left_indent = Mm(level * style.LIST_INDENT_MM)
    return {name: styles[name].style_id for name in specs}


def _format_style(paragraph_style: ParagraphStyle, spec: StyleSpec) -> None:
    element = paragraph_style.element
    # The template's styles are blue, ruled and in theme fonts; ours are plain black Arial.
    remove_children(element.get_or_add_pPr(), ("w:pBdr", "w:contextualSpacing"))
    rpr = element.get_or_add_rPr()
    remove_children(rpr, ("w:color", "w:spacing", "w:kern"))
    set_fonts(rpr, style.WORD_FONT)
    set_language(rpr, style.LANGUAGE)
    paragraph_style.font.size = Pt(spec.size)
    paragraph_style.font.bold = spec.bold
    layout = paragraph_style.paragraph_format
    layout.space_before = Pt(spec.before)
    layout.space_after = Pt(spec.after)
    # Exact points: Word's "auto" line height depends on the font's own line gap,
    # reportlab's leading does not.
    layout.line_spacing = Pt(spec.size * style.LINE_HEIGHT)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    # Word's widow control (no lone first or last line); pdf.py forbids both as well.
    layout.widow_control = True
    layout.keep_with_next = spec.keep_with_next


@dataclass(frozen=True)
class ListNumbering:
    """The document's two list definitions: `bullets` is the one `w:num` every bullet
    paragraph uses (bullets do not count); each numbered list gets its own `w:num` on
    the `numbers` definition, so it counts from its own start."""

    bullets: int  # a w:numId
    numbers: int  # a w:abstractNumId


def setup_lists(styles: Styles, numbering: BaseOxmlElement) -> ListNumbering:
    """One multi-level definition for bullets and one for numbers, replacing the
    template's single-level ones (one per List Bullet/List Number style): a nested list
    is a deeper level (`w:ilvl`) of the same definition, as Word makes them and as
    pandoc and mammoth read them. Our indentation per level, and a plain bullet that
    every machine draws alike. The list styles point at their level."""
    drop_numbering(numbering)
    indent = Mm(style.LIST_INDENT_MM).twips
    multilevel_list(numbering, 0, "52440001", [BULLET_SYMBOL] * WORD_LIST_LEVELS, indent, style.WORD_FONT,
                    bullet=True)
    multilevel_list(numbering, 1, "52440002", [f"%{n}." for n in range(1, WORD_LIST_LEVELS + 1)], indent,
                    style.WORD_FONT, bullet=False)
    lists = ListNumbering(bullets=int(numbering.add_num(0).numId), numbers=1)
    numbers_default = int(numbering.add_num(1).numId)  # what a List Number typed in Word continues
    for kind, num_id in (("bullet", lists.bullets), ("number", numbers_default)):
        for level in range(1, MAX_LIST_LEVEL + 1):
            link_style_to_list(styles[level_style(style.WORD_STYLES[kind], level)].element, num_id, level - 1)
    return lists


def setup_footer(section: Section, footer_style_id: str) -> None:
    """`Side X af Y`: the words of style.FOOTER_TEXT around PAGE and NUMPAGES fields,
    centred between the margins as in the PDF (docs/decisions.md: the footer)."""
    paragraph = section.footer.paragraphs[0]
    paragraph._p.style = footer_style_id
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fields = {"page": "PAGE", "pages": "NUMPAGES"}
    for literal, name, _, _ in string.Formatter().parse(style.FOOTER_TEXT):
        if literal:
            paragraph.add_run(literal)
        if name:
            append_field(paragraph._p, fields[name], "1")


def set_properties(properties: CoreProperties, title: str, author: str, subject: str, language: str,
                   status: str = "", status_note: str = "") -> None:
    """`status`/`status_note`: approved minutes' "Godkendt" (content status and keywords)
    and "Referatet er godkendt ..." (comments); empty for a draft."""
    properties.title = xml_safe(title)
    properties.author = xml_safe(author)
    properties.last_modified_by = xml_safe(author)
    properties.subject = xml_safe(subject)
    properties.language = language
    # Empty for a draft: python-docx's template says "generated by python-docx".
    properties.comments = xml_safe(status_note)
    properties.content_status = xml_safe(status)
    properties.keywords = xml_safe(status)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.created = properties.modified = now
    properties.revision = 1


def fixed_table_layout(table: Table, widths: tuple[Mm, Mm]) -> None:
    """Fixed column widths (Word and LibreOffice otherwise autofit differently) and
    no cell padding left and right, as in the PDF."""
    table.autofit = False
    zero_cell_margins(table._tbl)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
