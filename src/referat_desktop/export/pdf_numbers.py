"""Page numbers the PDF knows only when its layout is done, written in the same pass.

The footer's "Side X af Y" and the table of contents' page numbers are not known while a
page is drawn: the page count and the pages of later items come at the end. Where such
text belongs, the one layout pass leaves a mark in the page's content (a PDF comment line,
`FOOTER_MARK` / `toc_mark(n)`), and when the canvas is saved each mark is replaced by the
operators that draw the text, made by reportlab's own drawing calls from what the pass
recorded in a `Layout`. `ItemAnchor` records where each item starts; `TocLine` draws one
contents entry and marks its number. See docs/decisions.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from referat_desktop.export import style
from referat_desktop.export.pdf_fonts import FONTS, Glyphs
from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use
from referat_desktop.export.pdf_tagging import StructNode, Tagger

# reportlab compiles a regular expression on import that we never use (60 ms); see
# pdf_startup.py.
with slow_patterns_compiled_on_first_use():
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Flowable

TOC_DOT_GAP = 3.0  # points of white space either side of the dot leader

# Comment lines in a page's content stream, replaced on save (a comment draws nothing,
# should one ever stay). Each is a line of its own (reportlab joins a page's operators
# with newlines), so only whole lines are replaced: text a secretary typed that reads like
# a mark is inside a `(...) Tj` line and stays as typed.
FOOTER_MARK = "%referat-footer"
_MARK_LINE = re.compile(r"^%referat-(?:footer|toc-(\d+))$", re.MULTILINE)


def toc_mark(index: int) -> str:
    """The mark of the table of contents' `index`th page number."""
    return f"%referat-toc-{index}"


@dataclass
class Layout:
    """What one layout pass learns; the canvas writes the deferred numbers from it."""

    item_pages: dict[str, int] = field(default_factory=dict)
    toc_numbers: list[tuple[str, float]] = field(default_factory=list)  # key, dots width; by mark index
    pages: int = 0
    # The combined PDF: pages that follow the document's own (Document.appended_pages).
    appended: dict[str, int] = field(default_factory=dict)  # key -> page counted after the last
    appended_count: int = 0

    def page_of(self, key: str) -> int | None:
        if key in self.appended:
            return self.pages + self.appended[key]
        return self.item_pages.get(key)


class NumberingCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type information
    """Fills in the deferred page numbers when the document is saved (or skips saving)."""

    def __init__(self, *args: Any, layout: Layout, save: bool, tagger: Tagger, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._layout = layout
        self._really_save = save
        self._tagger = tagger
        # A pass that only finds where the pages break (item_start_pages, for the Word
        # TOC) need not draw the text: what is drawn never moves a break. Flowables that
        # draw much (TaggedParagraph, the list labels) look at this and draw nothing.
        self.layout_only = not save

    def save(self) -> None:
        if not self._really_save:
            return
        layout = self._layout
        total = layout.pages + layout.appended_count
        toc_code = [self._toc_number_code("" if (number := layout.page_of(key)) is None else str(number),
                                          dots_width)
                    for key, dots_width in layout.toc_numbers]
        for page_number, page in enumerate(self._doc.Pages.pages, start=1):
            # Drawn inline rather than as a form XObject per page: 442 forms of a 200-item
            # meeting, each a dictionary, resources and a compressed stream, were ~4% of it.
            def drawn(mark: re.Match[str], page_number: int = page_number) -> str:
                toc_index = mark.group(1)
                if toc_index is None:
                    return self._footer_code(page_number, total)
                return toc_code[int(toc_index)]

            page.stream = _MARK_LINE.sub(drawn, page.stream)
        self._tagger.write(self)
        super().save()

    def _drawn_apart(self, draw: Callable[[], None]) -> str:
        """The operators `draw` makes, from a fresh graphics state, as one block of text;
        nothing is added to the current page, and the canvas's state is as before."""
        code: list[str] = self._code
        self._code: list[str] = []
        self.push_state_stack()
        self.init_graphics_state()
        try:
            draw()
            return "\n".join(self._code)
        finally:
            self.pop_state_stack()
            self._code = code

    def _footer_code(self, page: int, pages: int) -> str:
        """`Side X af Y` centred on the origin (where the page put its mark), as the Word
        footer is."""
        def draw() -> None:
            self.setFont(FONTS["regular"], style.FOOTER_SIZE)
            self.drawCentredString(0, 0, style.FOOTER_TEXT.format(page=page, pages=pages))

        return self._drawn_apart(draw)

    def _toc_number_code(self, text: str, dots_width: float) -> str:
        """`text` right-aligned at the origin, after a dot leader `dots_width` wide."""
        size = style.BODY_SIZE

        def draw() -> None:
            self.setFont(FONTS["regular"], size)
            self.drawRightString(0, 0, text)
            text_width = self.stringWidth(text, FONTS["regular"], size)
            # Close-set periods, as Word's dot leader draws them.
            dot_width = self.stringWidth(".", FONTS["regular"], size)
            dots = int((dots_width - text_width - TOC_DOT_GAP) // dot_width)
            if dots > 0:
                self.drawRightString(-text_width - TOC_DOT_GAP, 0, "." * dots)

        return self._drawn_apart(draw)


class ItemAnchor(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """Zero-height mark where an item starts: records its page, bookmark and outline entry."""

    def __init__(self, key: str, title: str, layout: Layout) -> None:
        super().__init__()
        self.key, self.title, self.layout = key, title, layout

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.layout.item_pages[self.key] = self.canv.getPageNumber()
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title or self.key, self.key, level=0)


@dataclass(frozen=True)
class Link:
    """A contents line's Link element and its annotations' description (PDF/UA)."""

    tagger: Tagger
    node: StructNode
    description: str


class TocLine(Flowable):  # type: ignore[misc]  # reportlab has no type information
    """One table-of-contents entry: the title (wrapped), a dot leader and the page number.

    Drawn line by line rather than as a Paragraph so the end of the last line is known,
    and the page number goes into a fixed right-hand column as a deferred form.
    `text` holds only characters `glyphs` can draw (Glyphs.drawable).
    """

    def __init__(self, text: str, key: str, layout: Layout, glyphs: Glyphs, link: Link,
                 lines: list[str] | None = None, last_part: bool = True, indent: float = 0.0) -> None:
        super().__init__()
        self.text, self.key, self.layout, self.glyphs, self.link = text, key, layout, glyphs, link
        self.lines, self.last_part, self.indent = lines, last_part, indent
        self.leading = style.BODY_SIZE * style.LINE_HEIGHT
        self.spaceAfter = style.PARAGRAPH_SPACE_AFTER if last_part else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        if self.lines is None:
            title_width = available_width - style.TOC_NUMBER_WIDTH_MM * mm - self.indent
            self.lines = wrap_words(self.text, self._width, title_width) or [""]
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def _wrapped(self) -> list[str]:
        """The lines; reportlab wraps a flowable before it splits or draws it."""
        if self.lines is None:
            raise RuntimeError("TocLine used before wrap()")
        return self.lines

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        lines = self._wrapped()
        fits = int(available_height // self.leading)
        if fits < 1 or fits >= len(lines):
            return []
        return [
            TocLine(self.text, self.key, self.layout, self.glyphs, self.link, part, last, self.indent)
            for part, last in ((lines[:fits], False), (lines[fits:], self.last_part))
        ]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(FONTS["regular"], style.BODY_SIZE)
        baseline = self.height - style.BODY_SIZE
        lines = self._wrapped()
        link = self.link
        link.tagger.begin(canvas, link.node)
        for line in lines:
            self.glyphs.draw(canvas, self.indent, baseline, line, style.BODY_SIZE)
            baseline -= self.leading
        link.tagger.end(canvas)
        if self.key not in self.layout.appended:  # reportlab links only to its own pages
            link.tagger.link(canvas, link.node, (0, 0, self.width, self.height), self.key, link.description)
        if not self.last_part:
            return
        end = self.indent + (self._width(lines[-1]) if lines else 0.0)
        mark = toc_mark(len(self.layout.toc_numbers))
        self.layout.toc_numbers.append((self.key, self.width - end - TOC_DOT_GAP))
        # The dot leader and the number repeat what the link leads to: not read out.
        link.tagger.begin_artifact(canvas)
        canvas.saveState()
        canvas.translate(self.width, baseline + self.leading)
        canvas.addLiteral(mark)
        canvas.restoreState()
        link.tagger.end(canvas)

    def _width(self, text: str) -> float:
        return self.glyphs.width(text, style.BODY_SIZE)


def wrap_words(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Greedy line breaking at spaces; a word wider than a line is broken anywhere."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and measure(line + char) > width:
                lines.append(line)
                line = ""
            line += char
    return [*lines, line] if line else lines
