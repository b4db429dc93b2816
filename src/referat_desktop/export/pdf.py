"""The PDF renderer (reportlab): the neutral document model into the municipal template.

It, pdf_numbers.py and pdf_fonts.py are the only modules that import reportlab. Like a
mistune renderer it has one method per node type; sizes, fonts and margins come from
`style.py`, shared with the Word renderer; which font draws each character, from
pdf_fonts.py.

One layout pass is enough. The numbers that are only known at the end (a table of
contents entry's page, the `Y` of `Side X af Y`) are PDF form XObjects that the pages
reference at once and that are filled in when the file is saved (pdf_numbers.py), and
the table of contents reserves a fixed column for its page numbers, so no line depends
on them.
That makes `item_start_pages` (which the Word renderer writes into its table of
contents) the very same layout as the PDF, at the cost of a single pass.
"""

from __future__ import annotations

import functools
import io
from typing import Any, BinaryIO

from referat_desktop.export import style
from referat_desktop.export.document import (
    BulletList,
    Document,
    Heading,
    MetaTable,
    Node,
    NodeRenderer,
    NumberedList,
    PageBreak,
    Paragraph,
    ParagraphRole,
    Place,
    TableOfContents,
    TextRun,
    Title,
)
from referat_desktop.export.errors import ExportError, ExportWarning, missing_characters_warning
from referat_desktop.export.formats import RenderInput
from referat_desktop.export.pdf_fonts import FONTS, Glyphs, register_fonts
from referat_desktop.export.pdf_numbers import FOOTER_MARK, ItemAnchor, Layout, Link, NumberingCanvas, TocLine
from referat_desktop.export.pdf_objects import pdfdoc_name  # noqa: F401  # installs its shortcuts
from referat_desktop.export.pdf_startup import slow_patterns_compiled_on_first_use
from referat_desktop.export.pdf_tagging import StructNode, TaggedListFlowable, Tagger, tagged_paragraph

# reportlab compiles a regular expression on import that we never use (60 ms); see
# pdf_startup.py.
with slow_patterns_compiled_on_first_use():
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        CondPageBreak,
        Flowable,
        Frame,
        PageTemplate,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus import ListItem as PdfListItem
    from reportlab.platypus import Paragraph as PdfParagraph
    from reportlab.platypus.doctemplate import LayoutError
    from reportlab.platypus.flowables import PageBreakIfNotEmpty
    from reportlab.platypus.paragraph import cleanBlockQuotedText

BULLET = "\u2022"


def render_pdf(document: Document, out: BinaryIO) -> list[ExportWarning]:
    """Write `document` as a PDF to `out` (a file or an in-memory BytesIO, e.g. for printing).

    Returns what was left out: characters no shipped font can draw, with where each
    first appears (one warning, or none).
    """
    _layout, missing = _lay_out(document, out, save=True)
    return [missing_characters_warning(missing)] if missing else []


def render_export(source: RenderInput, out: BinaryIO) -> list[ExportWarning]:
    """The registry's entry (formats.py)."""
    return render_pdf(source.require_document(), out)


def item_start_pages(document: Document) -> dict[str, int]:
    """Each level-1 heading's key -> the 1-based page of the PDF on which that item starts."""
    return _lay_out(document, io.BytesIO(), save=False)[0].item_pages


def _has_italic(blocks: list[Node]) -> bool:
    for block in blocks:
        if isinstance(block, Paragraph) and (block.role is ParagraphRole.CLOSED  # set in italic
                                             or any(r.italic for r in block.runs)):
            return True
        if isinstance(block, (BulletList, NumberedList)) and any(_has_italic(i.blocks) for i in block.items):
            return True
    return False


def _paragraph_styles() -> dict[str, ParagraphStyle]:
    def make(name: str, size: float, font: str = "regular", before: float = 0.0,
             after: float = style.PARAGRAPH_SPACE_AFTER) -> ParagraphStyle:
        # Break lines as Word and LibreOffice do, so the pages agree: widow and orphan
        # control (no lone first or last line), a break may follow a hyphen ("2018-" /
        # "2022"), and spaces never shrink to squeeze a word in (reportlab's default 5%).
        return ParagraphStyle(name, fontName=FONTS[font], fontSize=size, leading=size * style.LINE_HEIGHT,
                              spaceBefore=before, spaceAfter=after, allowWidows=0, allowOrphans=0,
                              splitLongWords=1, embeddedHyphenation=1, spaceShrinkage=0)

    return {
        "body": make("body", style.BODY_SIZE),  # also the case number and attachment lines
        "closed": make("closed", style.BODY_SIZE, "italic"),
        "title": make("title", style.TITLE_SIZE, "bold"),
        "heading1": make("heading1", style.HEADING1_SIZE, "bold", after=style.HEADING1_SPACE_AFTER),
        "heading2": make("heading2", style.HEADING2_SIZE, "bold", style.HEADING2_SPACE_BEFORE,
                         style.HEADING2_SPACE_AFTER),
        "heading3": make("heading3", style.HEADING3_SIZE, "bold", style.HEADING3_SPACE_BEFORE,
                         style.HEADING3_SPACE_AFTER),
        "toc_heading": make("toc_heading", style.HEADING1_SIZE, "bold", after=style.HEADING1_SPACE_AFTER),
        "meta_label": make("meta_label", style.BODY_SIZE, "bold", after=0.0),
        "meta_value": make("meta_value", style.BODY_SIZE, after=0.0),
    }


class PdfRenderer(NodeRenderer[list[Flowable]]):
    """Turns nodes into reportlab flowables, one method per node type (document.NodeRenderer),
    and builds the PDF's structure tree beside them (pdf_tagging.py): each node method adds
    its elements under `self.parent`, and the flowables mark what they draw as theirs."""

    def __init__(self, layout: Layout, text_width: float, frame_height: float, glyphs: Glyphs,
                 places: dict[int, Place], tagger: Tagger) -> None:
        self.tagger = tagger
        self.parent: StructNode = tagger.document
        self.layout = layout
        self.text_width = text_width
        self.frame_height = frame_height
        self.styles = _paragraph_styles()
        self.glyphs = glyphs
        self.places = places  # of the top-level blocks, see Document.places
        self.item_places: dict[str, Place] = {}  # level-1 heading key -> its place
        self.plain_fragments: dict[str, Any] = {}  # style key -> its parse of "x"

    def flowables(self, blocks: list[Node]) -> list[Flowable]:
        """The story of the document's top-level `blocks`."""
        # Each item's level-1 heading starts its place: the TOC names the item it points at.
        self.item_places = {block.key: self.places[index] for index, block in enumerate(blocks)
                            if isinstance(block, Heading) and block.level == 1 and index in self.places}
        self.item_headings = {block.key: block.text.replace("\n", " ") for block in blocks
                              if isinstance(block, Heading) and block.level == 1}
        converted = []
        for index, block in enumerate(blocks):
            self.glyphs.place = self.places.get(index, self.glyphs.place)
            converted.append(self.render_node(block))
        story: list[Flowable] = []
        for index, block in enumerate(blocks):
            if _is_heading(block) and (index == 0 or not _is_heading(blocks[index - 1])):
                story.append(CondPageBreak(self._keep_with_next_height(blocks, converted, index)))
            story.extend(converted[index])
        return story

    # --- node types -----------------------------------------------------------------

    def title(self, node: Title) -> list[Flowable]:
        return [self._paragraph([TextRun(node.text)], "title", self.parent.child("P"))]

    def meta_table(self, node: MetaTable) -> list[Flowable]:
        if not node.rows:
            return []
        label_width = style.META_LABEL_WIDTH_MM * mm
        # A table with a row header per line (PDF/UA: TH with Scope Row).
        table_node = self.parent.child("Table")
        rows = []
        for label, value in node.rows:
            row_node = table_node.child("TR")
            rows.append([self._paragraph([TextRun(label)], "meta_label", row_node.child("TH", scope="Row")),
                         self._paragraph([TextRun(value)], "meta_value", row_node.child("TD"))])
        # splitInRow: a value longer than a page (hundreds of participants) may split.
        table = Table(rows, colWidths=[label_width, self.text_width - label_width], splitInRow=1,
                      hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONTS["regular"], style.BODY_SIZE),  # else it names Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), style.PARAGRAPH_SPACE_AFTER),
        ]))
        return [table]

    def table_of_contents(self, node: TableOfContents) -> list[Flowable]:
        heading = self._paragraph([TextRun(node.heading)], "toc_heading", self.parent.child("H1"))
        lines: list[Flowable] = [heading]
        front = self.glyphs.place
        toc = self.parent.child("TOC")
        for entry in node.entries:
            self.glyphs.place = self.item_places.get(entry.key, front)
            # A bilag (level 2, the combined PDF) is indented under its item.
            indent = (entry.level - 1) * style.LIST_INDENT_MM * mm
            # The annotation's description names where it leads ("Punkt 3: ...").
            description = self.item_headings.get(entry.key, entry.text)
            line = toc.child("TOCI")
            # reportlab links only to its own pages: a bilag's line is its text alone.
            target = line.child("P") if entry.key in self.layout.appended else line.child("Link")
            link = Link(self.tagger, target, description)
            lines.append(TocLine(self.glyphs.drawable(entry.text), entry.key, self.layout, self.glyphs, link,
                                 indent=indent))
        self.glyphs.place = front
        return lines

    def page_break(self, node: PageBreak) -> list[Flowable]:
        # Like Word's "page break before": a page that is still empty is not left blank.
        return [PageBreakIfNotEmpty()]

    def heading(self, node: Heading) -> list[Flowable]:
        level = min(max(node.level, 1), 3)
        paragraph = self._paragraph([TextRun(node.text.replace("\n", " "))], f"heading{level}",
                                    self.parent.child(f"H{level}"))
        if node.level == 1 and node.key:
            return [ItemAnchor(node.key, node.text, self.layout), paragraph]
        return [paragraph]

    def paragraph(self, node: Paragraph) -> list[Flowable]:
        # Only `Lukket punkt` looks different; case numbers and attachments are body text.
        return [self._paragraph(node.runs, "closed" if node.role is ParagraphRole.CLOSED else "body",
                                self.parent.child("P"))]

    def bullet_list(self, node: BulletList) -> list[Flowable]:
        return [self._list(node, bulletType="bullet", start=BULLET)]

    def numbered_list(self, node: NumberedList) -> list[Flowable]:
        # "%s." : reportlab's numbers have no dot of their own. Each ListFlowable counts
        # from its own start, so every list restarts.
        return [self._list(node, bulletType="1", start=node.start, bulletFormat="%s.")]

    # --- pieces -----------------------------------------------------------------------

    def _list(self, node: BulletList | NumberedList, **numbering: object) -> TaggedListFlowable:
        # L > LI > (Lbl, LBody > the item's paragraphs and nested lists).
        list_node, outer = self.parent.child("L"), self.parent
        items, labels = [], {}
        for item in node.items:
            item_node = list_node.child("LI")
            label = item_node.child("Lbl")
            self.parent = item_node.child("LBody")
            flowables = [f for block in item.blocks for f in self.render_node(block)] or [Spacer(0, 0)]
            labels[id(flowables[0])] = label
            items.append(PdfListItem(flowables))
        self.parent = outer
        indent = style.LIST_INDENT_MM * mm
        # spaceAfter: a nested list ending an item would otherwise swallow the space after it.
        return TaggedListFlowable(items, self.tagger, labels, leftIndent=indent, bulletDedent=indent,
                                  bulletFontName=FONTS["regular"], bulletFontSize=style.BODY_SIZE,
                                  spaceAfter=style.PARAGRAPH_SPACE_AFTER, **numbering)

    def _paragraph(self, runs: list[TextRun], style_key: str, node: StructNode) -> Flowable:
        paragraph_style = self.styles[style_key]
        markup = self._markup(runs, paragraph_style.fontName == FONTS["bold"])
        frags = self._plain_frags(style_key, markup)
        return tagged_paragraph(markup, paragraph_style, self.tagger, node, frags)

    def _plain_frags(self, style_key: str, markup: str) -> list[Any] | None:
        """reportlab's parse of markup that is plain text (no tag, no entity), made without
        its HTML parser (a tenth of a long export): the one fragment it would make, copied
        from this style's parse of "x". None for anything else: reportlab parses it."""
        text = markup if _already_clean(markup) else cleanBlockQuotedText(markup)
        if not text or "<" in text or "&" in text:
            return None
        if style_key not in self.plain_fragments:
            (self.plain_fragments[style_key],) = PdfParagraph("x", self.styles[style_key]).frags
        # ABag.clone: a shallow copy like copy.copy, without its generic reduce protocol.
        return [self.plain_fragments[style_key].clone(text=text)]

    def _markup(self, runs: list[TextRun], bold: bool) -> str:
        """reportlab's Paragraph text is markup: every character of user text is escaped
        (Glyphs.markup), and characters Liberation Sans lacks are set in the fallback font."""
        parts = []
        for run in runs:
            text = self.glyphs.markup(run.text, bold or run.bold).replace("\n", "<br/>")
            if run.bold:
                text = f"<b>{text}</b>"
            if run.italic:
                text = f"<i>{text}</i>"
            parts.append(text)
        return "".join(parts)

    def _keep_with_next_height(self, blocks: list[Node], converted: list[list[Flowable]],
                               index: int) -> float:
        """Room a heading needs at the bottom of a page, as Word's "keep with next" would:
        the heading (and any headings right after it) plus two lines of what follows."""
        needed = 0.0
        while index < len(blocks) and _is_heading(blocks[index]):
            heading = converted[index][-1]
            needed += heading.wrap(self.text_width, self.frame_height)[1] + heading.getSpaceBefore()
            needed += heading.getSpaceAfter()
            index += 1
        line = style.BODY_SIZE * style.LINE_HEIGHT
        following = blocks[index] if index < len(blocks) else None
        follows_in_one_line = (
            isinstance(following, Paragraph)
            and "\n" not in (text := "".join(r.text for r in following.runs))
            and self.glyphs.width(text, style.BODY_SIZE) < self.text_width
        )
        needed += line if follows_in_one_line or index == len(blocks) else 2 * line
        # Never more than a page: a heading taller than that could not be placed at all.
        return min(needed, self.frame_height)


def _already_clean(text: str) -> bool:
    """Whether reportlab's cleanBlockQuotedText would give `text` back unchanged (most
    paragraphs), which is cheaper to see than to run it: it only collapses white space,
    and every white-space character but the space (line breaks, tabs, no-break and
    zero-width spaces ...) is unprintable, so printable text whose words are separated by
    single spaces, without one at either end, has nothing to collapse."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def _is_heading(block: Node) -> bool:
    return isinstance(block, Heading) and block.level > 1


def _lay_out(document: Document, out: BinaryIO, save: bool) -> tuple[Layout, dict[str, Place]]:
    """The layout pass; also returns the characters left out, with where each first appears."""
    layout = Layout(appended=document.appended_pages, appended_count=document.appended_page_count)
    tagger = Tagger(document.title, document.language, document.author)
    glyphs = Glyphs(register_fonts(italic=_has_italic(document.blocks)))
    template = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=style.MARGIN_LEFT_MM * mm,
        rightMargin=style.MARGIN_RIGHT_MM * mm,
        topMargin=style.MARGIN_TOP_MM * mm,
        bottomMargin=style.MARGIN_BOTTOM_MM * mm,
        title=document.title,
        author=document.author,
        subject=document.subject,
        keywords=", ".join(text for text in (document.status, document.status_note) if text),
        creator="Referat Desktop",
        lang=document.language,
        # Our font from the start, or every page would name Helvetica (unembedded, unused).
        initialFontName=FONTS["regular"],
        initialFontSize=style.BODY_SIZE,
    )
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")

    def footer(canvas: Canvas, _template: BaseDocTemplate) -> None:
        # The text needs the page count, known only at the end: a mark replaced on save.
        layout.pages = canvas.getPageNumber()
        canvas.saveState()
        canvas.translate(template.leftMargin + template.width / 2, style.FOOTER_DISTANCE_MM * mm)
        tagger.begin_artifact(canvas, "Footer")
        canvas.addLiteral(FOOTER_MARK)
        tagger.end(canvas)
        canvas.restoreState()

    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    renderer = PdfRenderer(layout, template.width, template.height, glyphs, document.places, tagger)
    story = renderer.flowables(document.blocks)
    try:
        template.build(story, canvasmaker=functools.partial(NumberingCanvas, layout=layout, save=save,
                                                                 tagger=tagger))
    except LayoutError:  # not expected for any text (long words split), but never a traceback
        raise ExportError("PDF-siderne kunne ikke sættes op: noget i mødet er større end en side") from None
    return layout, glyphs.missing
