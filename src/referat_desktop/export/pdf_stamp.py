"""The header line stamped on each page of a bilag in the combined PDF (reportlab).

`Bilag 3.1: name` at the left and `Side 12 af 40` at the right, in the footer's font and
size, drawn as real text (it can be searched and copied). Each stamp is a page of its own,
as wide as the page it goes on and `STAMP_HEIGHT` high; pdf_combine.py lays it over the top
of that page. The fonts are the document's (pdf_fonts.py), so a name in Greek or with a
symbol is drawn as in the minutes.
"""

from __future__ import annotations

import io

from referat_desktop.export import style
from referat_desktop.export.pdf_fonts import Glyphs, register_fonts
from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use

with slow_patterns_compiled_on_first_use():
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

STAMP_HEIGHT = 12 * mm  # the strip at the top of a page the stamp is drawn in
STAMP_MARGIN = 15 * mm  # from the page's left and right edges
BASELINE = 5 * mm  # from the strip's bottom
ELLIPSIS = "\u2026"


def stamp_pages(pages: list[tuple[float, str, str]]) -> bytes:
    """A PDF with one stamp per (page width, left-hand text, right-hand text), all in one
    file (the font is embedded once): the left text is cut short with an ellipsis where it
    would run into the right-hand one."""
    glyphs = Glyphs(register_fonts(italic=False))
    size = style.FOOTER_SIZE
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=1, invariant=1)
    canvas.setCreator("Referat Desktop")
    for width, label, right in pages:
        label = glyphs.drawable(label)
        canvas.setPageSize((width, STAMP_HEIGHT))
        right_width = glyphs.width(right, size)
        room = width - 2 * STAMP_MARGIN - right_width - 3 * mm
        glyphs.draw(canvas, STAMP_MARGIN, BASELINE, _fitted(label, room, glyphs, size), size)
        glyphs.draw(canvas, width - STAMP_MARGIN - right_width, BASELINE, right, size)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _fitted(text: str, room: float, glyphs: Glyphs, size: float) -> str:
    if glyphs.width(text, size) <= room:
        return text
    text = text[:300]  # far more than a line holds; what follows is cut a character at a time
    while text and glyphs.width(text + ELLIPSIS, size) > room:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS
