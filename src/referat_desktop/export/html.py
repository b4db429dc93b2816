"""The web page renderer: the neutral document model as one self-contained HTML file.

Municipalities publish agendas and minutes on their web site, and the page must be
accessible (lov om tilgængelighed af offentlige organers websteder, EN 301 549). So the
page is plain semantic HTML with its CSS inline: no script, no font, no image, nothing
fetched; it opens the same from a file, a mail or a web server.

The outline (docs/formats.md): the document title is the page's only h1, each item
("Punkt N: ...") an h2 with the id the table of contents links to, a section heading an
h3, a sub-heading inside a section an h4. Like the other renderers it has one method per
node type (document.NodeRenderer); each returns the node's HTML. The standard library
writes it: `html.escape` on every piece of text, attribute values included.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any, BinaryIO

from referat_desktop.export.document import (
    NODE_TYPES,
    BulletList,
    Document,
    Heading,
    ListItem,
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
    method_name,
)
from referat_desktop.export.errors import ExportWarning, replaced_characters_warning
from referat_desktop.export.formats import RenderInput
from referat_desktop.export.html_style import STYLESHEET

GENERATOR = "Referat Desktop"
FACTS_CAPTION = "Mødeoplysninger"  # the facts table's caption (screen readers announce it)
CASE_NUMBER_LABEL = "Sagsnummer: "  # read out before the bare number the template prints
REPLACEMENT = "\ufffd"

# Characters an HTML file cannot hold: the noncharacters (a parse error even as a
# character reference). build.py has already dropped control characters and surrogates.
_NONCHARACTERS = re.compile("[\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF)
                                                      for plane in range(17)) + "]")


def render_html(document: Document) -> tuple[bytes, list[ExportWarning]]:
    """The page in UTF-8, and what it could not hold (noncharacters, shown as U+FFFD)."""
    page = HtmlRenderer(document.places).page(document).encode("utf-8")
    if not _may_hold_noncharacters(page):
        return page, []
    # Rare: render again, looking at every text, to replace them and name where they are.
    renderer = HtmlRenderer(document.places, replace_noncharacters=True)
    page = renderer.page(document).encode("utf-8")
    if not renderer.replaced:
        return page, []
    return page, [replaced_characters_warning(renderer.replaced, "i websiden", "er erstattet af \ufffd")]


def render_export(source: RenderInput, out: BinaryIO) -> list[ExportWarning]:
    """The registry's entry (formats.py)."""
    page, warnings = render_html(source.require_document())
    out.write(page)
    return warnings


def _may_hold_noncharacters(page: bytes) -> bool:
    """False when `page` surely holds none. In UTF-8 every noncharacter is EF B7 xx
    (U+FDD0-U+FDEF) or ends in BF BE / BF BF (U+nFFFE, U+nFFFF); searching bytes for these
    is a fast scan, where a regular expression over every text took a third of the render."""
    return b"\xef\xb7" in page or b"\xbf\xbe" in page or b"\xbf\xbf" in page


class HtmlRenderer(NodeRenderer[str]):
    """Turns nodes into HTML, one method per node type (document.NodeRenderer)."""

    def __init__(self, places: dict[int, Place], replace_noncharacters: bool = False) -> None:
        self.places = places  # of the top-level blocks, see Document.places
        self.replace_noncharacters = replace_noncharacters
        self.place = Place()
        self.replaced: dict[str, Place] = {}  # "U+FDD0" -> where that character first appears
        # NodeRenderer's dispatch, looked up once: its per-node name regex was a sixth of the time.
        self._methods: dict[type, Callable[[Any], str]] = {
            node_type: getattr(self, method_name(node_type)) for node_type in NODE_TYPES}

    def render_node(self, node: Node) -> str:
        return self._methods[type(node)](node)

    def page(self, document: Document) -> str:
        head = [
            "<!DOCTYPE html>",
            f'<html lang="{self.attribute(_primary_language(document.language))}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{self.text(document.title)}</title>",
        ]
        if document.author:
            head.append(f'<meta name="author" content="{self.attribute(document.author)}">')
        if document.subject:
            head.append(f'<meta name="description" content="{self.attribute(document.subject)}">')
        head += [f'<meta name="generator" content="{GENERATOR}">', f"<style>{STYLESHEET}</style>", "</head>"]
        return "\n".join([*head, "<body>", "<main>", *self.body(document.blocks), "</main>",
                          *self.footer(document), "</body>", "</html>", ""])

    def body(self, blocks: list[Node]) -> list[str]:
        """The top-level blocks. A page break ends a part of the document: each item (from
        its level-1 heading to the next break) is a <section> named by its heading, so a
        screen reader's region list is the agenda; printing starts each on a new page."""
        lines: list[str] = []
        in_section = False
        attachments: list[str] = []  # consecutive attachment lines become one list
        for index, block in enumerate(blocks):
            self.place = self.places.get(index, self.place)
            if attachments and not _is_attachment(block):
                lines.append(_list_of("ul", attachments, ' class="attachments"'))
                attachments = []
            if isinstance(block, PageBreak) and in_section:
                lines.append("</section>")
                in_section = False
            if isinstance(block, Heading) and block.level == 1 and block.key:
                if in_section:  # build.py puts a page break between items; never nest them
                    lines.append("</section>")
                lines.append(f'<section class="item" aria-labelledby="{self.attribute(block.key)}">')
                in_section = True
            if isinstance(block, Paragraph) and block.role is ParagraphRole.ATTACHMENT:
                attachments.append(self.runs(block.runs))
                continue
            rendered = self.render_node(block)
            if rendered:
                lines.append(rendered)
        if attachments:
            lines.append(_list_of("ul", attachments, ' class="attachments"'))
        if in_section:
            lines.append("</section>")
        return lines

    def footer(self, document: Document) -> list[str]:
        """What the file's properties say in the other formats: what it is, and whether the
        minutes are approved (Document.status and status_note)."""
        lines = ["<footer>"]
        if document.subject:
            lines.append(f"<p>{self.text(document.subject)}</p>")
        if document.status:
            note = f" {self.text(document.status_note)}" if document.status_note else ""
            lines.append(f'<p class="status"><strong>{self.text(document.status)}.</strong>{note}</p>')
        lines.append("</footer>")
        return lines

    # --- node types -----------------------------------------------------------------

    def title(self, node: Title) -> str:
        return f"<h1>{self.text(node.text)}</h1>"

    def meta_table(self, node: MetaTable) -> str:
        if not node.rows:
            return ""
        rows = "\n".join(f'<tr><th scope="row">{self.text(label)}</th><td>{self.text(value)}</td></tr>'
                         for label, value in node.rows)
        return "\n".join(['<table class="facts">', f"<caption>{FACTS_CAPTION}</caption>", "<tbody>", rows,
                          "</tbody>", "</table>"])

    def table_of_contents(self, node: TableOfContents) -> str:
        lines = ['<nav aria-labelledby="indholdsfortegnelse">',
                 f'<h2 id="indholdsfortegnelse">{self.text(node.heading)}</h2>']
        if node.entries:  # numbered like the items: entry N links to "Punkt N"
            lines.append(_list_of("ol", [f'<a href="#{self.attribute(entry.key)}">{self.text(entry.text)}</a>'
                                         for entry in node.entries]))
        lines.append("</nav>")
        return "\n".join(lines)

    def page_break(self, node: PageBreak) -> str:
        # A web page has no pages; body() ends the item's <section> here instead.
        return ""

    def heading(self, node: Heading) -> str:
        level = min(max(node.level, 1), 3) + 1  # the page's h1 is the document title
        key = f' id="{self.attribute(node.key)}"' if node.key else ""
        return f"<h{level}{key}>{self.text(node.text.replace(chr(10), ' '))}</h{level}>"

    def paragraph(self, node: Paragraph) -> str:
        text = self.runs(node.runs)
        if node.role is ParagraphRole.CLOSED:
            return f'<p class="closed"><em>{text}</em></p>'
        if node.role is ParagraphRole.CASE_NUMBER:
            label = f'<span class="visually-hidden">{CASE_NUMBER_LABEL}</span>'
            return f'<p class="case-number">{label}{text}</p>'
        if node.role is ParagraphRole.ATTACHMENT:  # alone (body() lists consecutive ones)
            return _list_of("ul", [text], ' class="attachments"')
        return f"<p>{text}</p>"

    def bullet_list(self, node: BulletList) -> str:
        return _list_of("ul", [self.list_item(item) for item in node.items])

    def numbered_list(self, node: NumberedList) -> str:
        return _list_of("ol", [self.list_item(item) for item in node.items],
                        f' start="{node.start}"' if node.start != 1 else "")

    # --- pieces -----------------------------------------------------------------------

    def list_item(self, item: ListItem) -> str:
        return "\n".join(self.render_node(block) for block in item.blocks)

    def runs(self, runs: list[TextRun]) -> str:
        parts = []
        for run in runs:
            text = self.text(run.text).replace("\n", "<br>\n")
            if run.italic:
                text = f"<em>{text}</em>"
            if run.bold:
                text = f"<strong>{text}</strong>"
            parts.append(text)
        return "".join(parts)

    def text(self, text: str) -> str:
        """User text, escaped; a character HTML cannot hold becomes U+FFFD and is reported."""
        if self.replace_noncharacters and _NONCHARACTERS.search(text):
            for character in _NONCHARACTERS.findall(text):  # named by code point: they show as nothing
                self.replaced.setdefault(f"U+{ord(character):04X}", self.place)
            text = _NONCHARACTERS.sub(REPLACEMENT, text)
        return html.escape(text)

    attribute = text  # html.escape quotes " and ' too, so the same escaping serves attributes


def _list_of(tag: str, items: list[str], attributes: str = "") -> str:
    return "\n".join([f"<{tag}{attributes}>", *(f"<li>{item}</li>" for item in items), f"</{tag}>"])


def _is_attachment(block: Node) -> bool:
    return isinstance(block, Paragraph) and block.role is ParagraphRole.ATTACHMENT


def _primary_language(language: str) -> str:
    """`da-DK` -> `da`: the page is Danish wherever it is read."""
    return language.partition("-")[0] or "da"
