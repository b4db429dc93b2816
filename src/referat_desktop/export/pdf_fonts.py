"""The PDF's fonts: Liberation Sans, and DejaVu Sans glyph by glyph where it has none.

Liberation Sans has Arial's metrics, so the PDF breaks lines as Word does, and it covers
Latin (Polish, Turkish, Hungarian ...), Greek and Cyrillic, but no symbols such as
☃ ✓ ☐ ★. Each character it lacks is drawn in DejaVu Sans (in bold text DejaVu Sans Bold),
so text made only of characters Liberation Sans has comes out exactly as before. What
neither font has (colour emoji such as ✅, CJK) is left out of the PDF and recorded with
where it first appears, so the export can say so: nothing is dropped silently.

Like pdf.py and pdf_numbers.py, this module imports reportlab. A face is parsed once
per process and only when a document needs it (a Liberation face ~6 ms, a DejaVu face
~15 ms): DejaVu is never read for a document that has no character Liberation lacks.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from html import escape  # not xml.sax.saxutils: that imports urllib.request (30 ms)
from importlib.resources import as_file

from referat_desktop.export import style
from referat_desktop.export.document import Place
from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use
from referat_desktop.resources_path import resource

# reportlab compiles a regular expression on import that we never use (60 ms); see
# pdf_startup.py.
with slow_patterns_compiled_on_first_use():
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import paragraph as reportlab_paragraph

FONTS = {variant: f"{style.PDF_FONT}-{variant}" for variant in style.PDF_FONT_FILES}
FALLBACK_FONTS = {variant: f"{style.PDF_FALLBACK_FONT}-{variant}"
                  for variant in style.PDF_FALLBACK_FONT_FILES}

_NOT_ASCII = re.compile(r"[^\x00-\x7f]")

Segment = tuple[str, str | None]  # text, and the fallback font drawing it (None: Liberation Sans)


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF as UTF-16 surrogate pairs.

    reportlab writes such a character as five hex digits (`<1F600>`), which readers take
    for U+1F60 and a stray digit: DejaVu's 😀 would copy, search and pdftotext as ὠ.
    """
    return re.sub(r"<([0-9A-F]{5,6})>$",
                  lambda m: f"<{chr(int(m[1], 16)).encode('utf-16-be').hex().upper()}>",
                  _reportlab_to_unicode_cmap(fontname, subset), flags=re.MULTILINE)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up by name when a font is embedded


_reportlab_split_string = TTFont.splitString


def _split_string(self: TTFont, text: str | bytes, doc: object,
                  encoding: str = "utf-8") -> list[tuple[int, bytes]]:
    """reportlab's TTFont.splitString, with a fast path for text whose characters all
    have a code in the font's first subset already (nearly every line of a long document).

    reportlab looks each character up in a Python loop: a tenth of a 200-item export. The
    fast path gives the very same bytes with one `str.translate`; anything else (a new
    character, a second subset, a character the font lacks) takes reportlab's own path.
    """
    state = self.state.get(doc)
    if state is not None and isinstance(text, str) and text:
        assignments = state.assignments
        fast = getattr(state, "referat_fast_path", None)
        if fast is None or fast[0] != len(assignments):
            table = {code: n for code, n in assignments.items() if n < 256}
            if 32 in table:
                table[0xA0] = table[32]  # reportlab draws a no-break space as a space
            fast = (len(assignments), frozenset(map(chr, table)), table)
            state.referat_fast_path = fast
        if fast[1].issuperset(text):
            return [(0, text.translate(fast[2]).encode("latin-1"))]
    result: list[tuple[int, bytes]] = _reportlab_split_string(self, text, doc, encoding)
    return result


TTFont.splitString = _split_string


@functools.lru_cache(maxsize=1 << 16)
def string_width(text: str, font_name: str, size: float, encoding: str = "utf8") -> float:
    """pdfmetrics.stringWidth, remembered per (text, font, size).

    reportlab's line breaking measures every word of every paragraph (and again for each
    width it is wrapped to): a fifth of a 200-item export, yet a meeting uses a few
    thousand distinct words. A width depends on nothing else (our fonts are registered
    once per process under fixed names), so the lines break exactly as before. The cache
    is bounded so that a long-running window does not grow without end."""
    width: float = pdfmetrics.stringWidth(text, font_name, size, encoding)
    return width


# Looked up as a module global by Paragraph.breakLines and its helpers.
reportlab_paragraph.stringWidth = string_width


def register_fonts(italic: bool) -> dict[int, int]:
    """Register Liberation Sans once per process; returns the regular face's character map.

    reportlab keeps registered fonts in its own process-wide registry, so a second
    export reuses the parsed font files. Parsing a face costs ~40 ms, a tenth of a whole
    `referat export`, so the italic faces are read only for a document that has italic
    text; until then the family maps italic to the upright faces, which no run asks for.
    """
    registered = set(pdfmetrics.getRegisteredFontNames())
    wanted = ("regular", "bold", "italic", "bolditalic") if italic else ("regular", "bold")
    for variant in wanted:
        if FONTS[variant] not in registered:
            _register(FONTS[variant], style.PDF_FONT_FILES[variant])
            registered.add(FONTS[variant])
    has_italic = FONTS["italic"] in registered
    pdfmetrics.registerFontFamily(
        FONTS["regular"], normal=FONTS["regular"], bold=FONTS["bold"],
        italic=FONTS["italic" if has_italic else "regular"],
        boldItalic=FONTS["bolditalic" if has_italic else "bold"],
    )
    char_map: dict[int, int] = pdfmetrics.getFont(FONTS["regular"]).face.charToGlyph
    return char_map


def _register(name: str, file_name: str) -> None:
    with as_file(resource("fonts", file_name)) as path:
        pdfmetrics.registerFont(TTFont(name, str(path)))


@functools.cache
def _fallback_map(variant: str) -> dict[int, int]:
    """Register a DejaVu face on first need; its character map (cached per process)."""
    _register(FALLBACK_FONTS[variant], style.PDF_FALLBACK_FONT_FILES[variant])
    # The markup names the exact face, and reportlab's <font name> resets bold and
    # italic to that face's own; this family only has to know the names. Italic text
    # falls back upright: DejaVu's oblique faces would be two more files for symbols.
    regular, bold = FALLBACK_FONTS["regular"], FALLBACK_FONTS["bold"]
    pdfmetrics.registerFontFamily(regular, normal=regular, bold=bold, italic=regular, boldItalic=bold)
    char_map: dict[int, int] = pdfmetrics.getFont(FALLBACK_FONTS[variant]).face.charToGlyph
    return char_map


def _invisible(char: str) -> bool:
    """Format characters and variation selectors (the U+FE0F after many emoji) draw
    nothing in any font: leaving them out loses nothing the reader would see."""
    code = ord(char)
    return unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


class Glyphs:
    """For one document: which font draws each character, and what no font could draw.

    `place` is set by the renderer to where the text it is converting comes from;
    `missing` maps each character left out to the place it was first met.
    """

    def __init__(self, character_map: dict[int, int]) -> None:
        self.character_map = character_map  # Liberation Sans regular's
        self.place = Place()
        self.missing: dict[str, Place] = {}

    def segments(self, text: str, bold: bool = False, record: bool = True) -> list[Segment]:
        """`text` as runs in one font each; characters no font has are left out (and,
        with `record`, noted). Only non-ASCII characters are looked up, so Danish text
        costs next to nothing and text Liberation Sans covers is a single run."""
        misses = [m.start() for m in _NOT_ASCII.finditer(text) if ord(m.group()) not in self.character_map]
        if not misses:
            return [(text, None)]
        result: list[Segment] = []

        def add(part: str, font: str | None) -> None:
            if result and result[-1][1] == font:
                result[-1] = (result[-1][0] + part, font)
            elif part:
                result.append((part, font))

        start = 0
        for index in misses:
            add(text[start:index], None)
            start = index + 1
            char = text[index]
            font = self._fallback(char, bold)
            if font is not None:
                add(char, font)
            elif char.isspace():  # an ideographic space, say: still a space
                add(" ", None)
            elif record and not _invisible(char):
                self.missing.setdefault(char, self.place)
        add(text[start:], None)
        return result

    def markup(self, text: str, bold: bool = False) -> str:
        """reportlab Paragraph markup of user text: escaped, fallback runs in <font>.
        The face is named exactly (the bold one in bold text), as <font name> sets bold
        and italic to the named face's own."""
        return "".join(escape(part, quote=False) if font is None
                       else f'<font name="{font}">{escape(part, quote=False)}</font>'
                       for part, font in self.segments(text, bold))

    def drawable(self, text: str) -> str:
        """`text` without what no font has (noted in `missing`), for `draw` and `width`."""
        return "".join(part for part, _font in self.segments(text))

    def width(self, text: str, size: float) -> float:
        """Width of `text` in the regular faces, each character in the font that draws it."""
        widths: list[float] = [string_width(part, font or FONTS["regular"], size)
                               for part, font in self.segments(text, record=False)]
        return sum(widths)

    def draw(self, canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
        """drawString in the regular faces, switching font where Liberation Sans has no glyph."""
        segments = self.segments(text, record=False)
        for part, font in segments:
            name = font or FONTS["regular"]
            canvas.setFont(name, size)
            canvas.drawString(x, y, part)
            x += string_width(part, name, size)
        if segments and segments[-1][1] is not None:
            canvas.setFont(FONTS["regular"], size)

    def _fallback(self, char: str, bold: bool) -> str | None:
        code = ord(char)
        if bold and code in _fallback_map("bold"):
            return FALLBACK_FONTS["bold"]
        if code in _fallback_map("regular"):  # DejaVu Sans Bold lacks a few that Book has
            return FALLBACK_FONTS["regular"]
        return None
