"""The Word renderer: the neutral document model into a .docx, in the municipal template.

Like a mistune renderer: one method per node type. Every size, margin, font and style
name comes from `style.py`, which the PDF renderer reads too, so Word, LibreOffice and
the PDF break lines and pages alike. The table of contents is a real TOC field whose
stored result already carries the PDF's page numbers (Word shows it as stored and
never asks to update fields on opening); its entries come from a TC field in each item
heading, so updating it in Word or LibreOffice prints the same lines.

This module and its helpers `docx_xml.py` (raw OOXML), `docx_template.py` (the
template's page, styles, lists and footer) and `docx_package.py` (app.xml and settings)
are the only ones importing python-docx.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Pt

from referat_desktop.export import docx_package, docx_template, docx_xml, style
from referat_desktop.export.document import (
    BulletList,
    Document,
    Heading,
    ListItem,
    MetaTable,
    NodeRenderer,
    NumberedList,
    PageBreak,
    Paragraph,
    ParagraphRole,
    TableOfContents,
    TextRun,
    Title,
)
from referat_desktop.export.docx_template import MAX_LIST_LEVEL, StyleSpec, level_style
from referat_desktop.export.errors import ExportWarning
from referat_desktop.export.formats import RenderInput

# Entries from TC fields (\f), level 1 (\l): one in each item heading, holding the item
# title alone. Built from the headings' outline (\o) instead, an update in Word or
# LibreOffice would print "Punkt N: title", which the template's TOC does not have.
TOC_INSTRUCTION = 'TOC \\f \\l "1-1" \\h \\z'

# The facts table's caption and description (Word: Tabelegenskaber > Alternativ tekst),
# read by screen readers and by LibreOffice's tagged PDF export.
FACTS_CAPTION = "Mødets oplysninger"
FACTS_DESCRIPTION = "{labels}. Første kolonne er rækkernes overskrifter, anden kolonne deres værdier."


def render_docx(document: Document, out: BinaryIO, *, toc_pages: Mapping[str, int]) -> None:
    """Write `document` as a .docx to `out`.

    `toc_pages` maps each level-1 heading's key to the page it starts on. The export
    pipeline takes them from the PDF layout (pdf.item_start_pages), so the stored table of
    contents matches the PDF page for page (and Word/LibreOffice, which paginate alike
    from the same style constants); a key without a page gets an empty number.
    """
    DocxRenderer(document, toc_pages).render(out)


def render_export(source: RenderInput, out: BinaryIO) -> list[ExportWarning]:
    """The registry's entry (formats.py): Word keeps every character, the reader's fonts draw them."""
    render_docx(source.require_document(), out, toc_pages=source.item_pages)
    return []


class DocxRenderer(NodeRenderer[None]):
    """Adds each node to the Word document, one method per node type (document.NodeRenderer)."""

    def __init__(self, document: Document, toc_pages: Mapping[str, int]) -> None:
        self._source = document
        self._toc_pages = toc_pages
        self._docx = docx.Document()
        self._numbering = self._docx.part.numbering_part.element
        # python-docx's template starts with one empty paragraph; the document starts with ours.
        body = self._docx.element.body
        for empty in body.findall(qn("w:p")):
            body.remove(empty)
        self._section_properties = body.find(qn("w:sectPr"))  # new paragraphs go before it
        self._break_before_next = False
        self._styles = docx_template.paragraph_styles()
        self._previous: StyleSpec | None = None  # the last paragraph's look, for spacing
        self._previous_was_subheading = False
        self._style_ids: dict[str, str] = {}
        self._lists = docx_template.ListNumbering(0, 0)  # set up in render()
        # Word's own TOC links to hidden `_Toc...` bookmarks on the headings; ours too, so
        # an update in Word replaces like with like.
        keys = [b.key for b in document.blocks if isinstance(b, Heading) and b.level == 1 and b.key]
        self._bookmarks = {key: f"_Toc{100000001 + n}" for n, key in enumerate(dict.fromkeys(keys))}
        self._toc_titles = {entry.key: entry.text for block in document.blocks
                            if isinstance(block, TableOfContents) for entry in block.entries}
        self._next_bookmark_id = 1

    def render(self, out: BinaryIO) -> None:
        section = self._docx.sections[0]
        docx_template.drop_template_leftovers(self._docx)
        docx_package.set_app_properties(self._docx)
        docx_package.set_honest_settings(self._docx)
        docx_template.setup_page(section)
        self._style_ids = docx_template.setup_styles(self._docx.styles, self._styles)
        self._lists = docx_template.setup_lists(self._docx.styles, self._numbering)
        docx_template.setup_footer(section, self._style_ids[style.WORD_STYLES["footer"]])
        source = self._source
        docx_template.set_properties(self._docx.core_properties, source.title, source.author, source.subject,
                                source.language, source.status, source.status_note)
        for block in source.blocks:
            self.render_node(block)
        self._docx.save(out)

    # --- node types -----------------------------------------------------------------

    def title(self, node: Title) -> None:
        paragraph = self._new_paragraph(style.WORD_STYLES["title"])
        self._add_text(paragraph, node.text)

    def meta_table(self, node: MetaTable) -> None:
        if not node.rows:
            return
        self._flush_page_break()
        table = self._docx.add_table(rows=0, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        label_width = Mm(style.META_LABEL_WIDTH_MM)
        value_width = Mm(docx_template.text_width_mm() - style.META_LABEL_WIDTH_MM)
        for label, value in node.rows:
            cells = table.add_row().cells
            for cell, text, width, bold in ((cells[0], label, label_width, True),
                                            (cells[1], value, value_width, False)):
                cell.width = width
                paragraph = cell.paragraphs[0]._p
                paragraph.style = self._style_ids[style.WORD_STYLES["body"]]
                self._add_runs(paragraph, [TextRun(text, bold=bold)])
        docx_template.fixed_table_layout(table, (label_width, value_width))
        labels = ", ".join(label for label, _ in node.rows)
        docx_xml.describe_table(table._tbl, FACTS_CAPTION, FACTS_DESCRIPTION.format(labels=labels))
        self._previous = self._styles[style.WORD_STYLES["body"]]  # rows end with body spacing
        self._previous_was_subheading = False

    def table_of_contents(self, node: TableOfContents) -> None:
        heading = self._new_paragraph(style.WORD_STYLES["toc_heading"])
        self._add_text(heading, node.heading)
        # One paragraph per entry; a meeting without items still gets one to hold the field.
        lines = max(len(node.entries), 1)
        paragraphs = [self._new_paragraph(style.WORD_STYLES["toc1"]) for _ in range(lines)]
        first, last = paragraphs[0], paragraphs[-1]
        first.append(docx_xml.field_char("begin"))
        first.append(docx_xml.instruction(TOC_INSTRUCTION))
        first.append(docx_xml.field_char("separate"))
        for paragraph, entry in zip(paragraphs, node.entries, strict=False):  # no entries: no lines
            self._toc_line(paragraph, entry.text, entry.key)
        last.append(docx_xml.field_char("end"))

    def page_break(self, node: PageBreak) -> None:
        # A break in its own paragraph would leave an empty line at the top of the next
        # page; "page break before" on the next paragraph breaks exactly like the PDF.
        self._break_before_next = True

    def heading(self, node: Heading) -> None:
        paragraph = self._new_paragraph(style.WORD_STYLES[f"heading{min(max(node.level, 1), 3)}"])
        toc_title = self._toc_titles.get(node.key) if node.level == 1 else None
        if toc_title is not None:  # the TOC's entry for this item: its title alone
            docx_xml.append_tc_field(paragraph, docx_xml.xml_safe(toc_title).replace("\n", " "))
        self._add_text(paragraph, docx_xml.xml_safe(node.text).replace("\n", " "))
        bookmark = self._bookmarks.get(node.key) if node.level == 1 else None
        if bookmark is not None:
            docx_xml.wrap_in_bookmark(paragraph, bookmark, self._next_bookmark_id)
            self._next_bookmark_id += 1

    def paragraph(self, node: Paragraph, style_name: str | None = None, num_id: int | None = None,
                  level: int = 1) -> None:
        paragraph = self._new_paragraph(style_name or style.WORD_STYLES["body"], num_id, level)
        runs = node.runs
        if node.role is ParagraphRole.CLOSED:  # `Lukket punkt` stands out in italics, as in the PDF
            runs = [TextRun(run.text, run.bold, italic=True) for run in runs]
        self._add_runs(paragraph, runs)

    def bullet_list(self, node: BulletList, level: int = 1) -> None:
        for item in node.items:
            self._list_item(item, style.WORD_STYLES["bullet"], self._lists.bullets, level)

    def numbered_list(self, node: NumberedList, level: int = 1) -> None:
        num_id = docx_xml.restarting_num(self._numbering, self._lists.numbers, node.start, level - 1)
        for item in node.items:
            self._list_item(item, style.WORD_STYLES["number"], num_id, level)

    # --- pieces -----------------------------------------------------------------------

    def _list_item(self, item: ListItem, base_style: str, num_id: int, level: int) -> None:
        """The first paragraph carries the bullet or number; further paragraphs of the
        item are indented like it without one; nested lists go one level deeper."""
        marked = False
        for block in item.blocks:
            if isinstance(block, BulletList):
                self.bullet_list(block, min(level + 1, MAX_LIST_LEVEL))
            elif isinstance(block, NumberedList):
                self.numbered_list(block, min(level + 1, MAX_LIST_LEVEL))
            elif isinstance(block, Paragraph) and not marked:
                self.paragraph(block, level_style(base_style, level), num_id, level)
                marked = True
            elif isinstance(block, Paragraph):
                self.paragraph(block, level_style(style.WORD_STYLES["list_continue"], level))
            else:
                self.render_node(block)

    def _toc_line(self, paragraph: CT_P, title: str, key: str) -> None:
        """`title<TAB>page` inside a link to the heading's bookmark, the page number a
        PAGEREF field, as Word writes its own TOC entries."""
        page = self._toc_pages.get(key)
        page_text = "" if page is None else str(page)
        bookmark = self._bookmarks.get(key)
        container = paragraph if bookmark is None else docx_xml.internal_hyperlink(bookmark)
        container.append(docx_xml.make_run(docx_xml.xml_safe(title).replace("\n", " "), no_proof=True))
        container.append(docx_xml.make_run(tab=True, no_proof=True))
        if bookmark is None:  # an entry without a heading: nothing to link or refer to
            container.append(docx_xml.make_run(page_text, no_proof=True))
            return
        docx_xml.append_field(container, f"PAGEREF {bookmark} \\h", page_text)
        paragraph.append(container)

    def _new_paragraph(self, style_name: str, num_id: int | None = None, list_level: int = 1) -> CT_P:
        spec = self._styles[style_name]
        is_subheading = style_name in (style.WORD_STYLES["heading2"], style.WORD_STYLES["heading3"])
        space_before = None
        page_break = self._break_before_next
        if page_break:
            self._break_before_next = False
            if spec.before:
                space_before = 0.0  # the PDF drops space at the top of a page
        elif is_subheading and self._previous is not None and not self._previous_was_subheading:
            # Word, LibreOffice and reportlab all keep the larger of one paragraph's space
            # after and the next one's space before. But pdf.py puts a conditional page
            # break (its keep-with-next) before a run of section/sub-headings, and that
            # zero-height flowable stops reportlab from merging the two: the PDF adds
            # them. Ask Word for the sum explicitly, so both paginate alike.
            space_before = self._previous.after + spec.before
        self._previous = spec
        self._previous_was_subheading = is_subheading
        # Built directly rather than with add_paragraph()/paragraph_format: python-docx
        # looks styles up by name and searches the whole body for each new paragraph,
        # which is quadratic in a 200-item meeting.
        return docx_xml.new_paragraph(
            self._section_properties, self._style_ids[style_name], page_break_before=page_break,
            num_id=num_id, list_level=list_level - 1,
            space_before_twips=None if space_before is None else Pt(space_before).twips,
        )

    def _flush_page_break(self) -> None:
        """Before a table there is no paragraph to carry the break: give it its own."""
        if self._break_before_next:
            self._new_paragraph(style.WORD_STYLES["body"])

    def _add_text(self, paragraph: CT_P, text: str) -> None:
        self._add_runs(paragraph, [TextRun(text)])

    @staticmethod
    def _add_runs(paragraph: CT_P, runs: list[TextRun]) -> None:
        for run in runs:
            text = docx_xml.xml_safe(run.text)
            if text:
                docx_xml.append_run(paragraph, text, bold=run.bold, italic=run.italic)
