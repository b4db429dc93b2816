"""The neutral document model: built once from a Meeting, rendered by each format.

Like mistune's AST: plain nodes, no formatting decisions. Sizes, fonts and style names
live in `style.py`; `docx.py` and `pdf.py` each have one method per node type.
Text in runs is already clean: control characters are gone, and a "\\n" inside a run is
a hard line break within its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar, Union, cast, get_args


@dataclass(frozen=True)
class TextRun:
    """Text with one formatting; a "\\n" in it is a hard line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Title:
    """The document's title line."""

    text: str


@dataclass
class MetaTable:
    """The front page's label/value rows (`Mødedato`, `Mødested`, ...)."""

    rows: list[tuple[str, str]]


@dataclass
class TocEntry:
    """One line of the table of contents."""

    text: str  # the item title alone, as the template prints it
    key: str  # the anchor of the Heading it points at, or of a bilag after the document
    level: int = 1  # 2: a bilag appended after the document (the combined PDF), under its item


@dataclass
class TableOfContents:
    """The table of contents: its heading and one entry per item (and bilag)."""

    heading: str  # "Indholdsfortegnelse"
    entries: list[TocEntry]


@dataclass
class PageBreak:
    """The next block starts a new page."""


@dataclass
class Heading:
    """Level 1: `Punkt N: title`; 2: a section heading; 3: a sub-heading inside a section."""

    level: int
    text: str
    key: str = ""  # anchor for bookmarks and the TOC (level-1 headings only)


class ParagraphRole(StrEnum):
    """What a paragraph is in the template; renderers may set some roles apart."""

    BODY = "body"
    CASE_NUMBER = "case_number"
    CLOSED = "closed"  # `Lukket punkt` in the public version, set in italics
    ATTACHMENT = "attachment"


@dataclass
class Paragraph:
    """A paragraph of runs; its role picks the template style."""

    runs: list[TextRun]
    role: ParagraphRole = ParagraphRole.BODY


@dataclass
class ListItem:
    """One list item: its paragraphs and nested lists."""

    blocks: list[Node] = field(default_factory=list)  # paragraphs and nested lists


@dataclass
class BulletList:
    """A bulleted list."""

    items: list[ListItem]


@dataclass
class NumberedList:
    """A numbered list, counting from `start`."""

    items: list[ListItem]
    start: int = 1


@dataclass(frozen=True)
class Place:
    """Where blocks come from, so a warning can name it: item 0 is the front page and the
    table of contents; `section` is the printed section heading, "" for a section printed
    without one, None for the item's own lines (heading, case number)."""

    item: int = 0
    title: str = ""
    section: str | None = None


Node = Union[Title, MetaTable, TableOfContents, PageBreak, Heading, Paragraph, BulletList, NumberedList]
NODE_TYPES: tuple[type, ...] = get_args(Node)


@dataclass
class Document:
    """A whole document as every renderer gets it: metadata and blocks in order."""

    title: str  # `REFERAT Direktionen d. 16-12-2019`, also the file's metadata title
    author: str  # the secretary
    subject: str  # e.g. "Referat af møde i Direktionen 16-12-2019"
    blocks: list[Node]
    language: str = "da-DK"
    # Approved minutes (issue 13): "Godkendt" and "Referatet er godkendt <dato> af <navn>.";
    # empty for a draft and for an agenda. Each renderer puts them in the file's properties.
    status: str = ""
    status_note: str = ""
    # Index of a block -> where it and the blocks after it come from (until the next entry).
    # Only for warnings; renderers that do not warn ignore it.
    places: dict[int, Place] = field(default_factory=dict)
    # The combined PDF (pdf_combine.py): pages appended after the document's own. Key of a
    # level-2 TocEntry -> its first page, counted from the first page after the document
    # (1); and how many pages are appended in all, so "Side X af Y" counts them.
    appended_pages: dict[str, int] = field(default_factory=dict)
    appended_page_count: int = 0


# --- how renderers are dispatched ---------------------------------------------------------

R = TypeVar("R")


def method_name(node_type: type) -> str:
    """The renderer method for a node type: its class name in snake case
    (`MetaTable` -> `meta_table`, `TableOfContents` -> `table_of_contents`)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", node_type.__name__).lower()


def missing_methods(renderer: type) -> list[str]:
    """The node methods a renderer class lacks (a test requires none for every renderer)."""
    return [method_name(t) for t in NODE_TYPES if not callable(getattr(renderer, method_name(t), None))]


class NodeRenderer(Generic[R]):
    """The one dispatch convention of every renderer, as in mistune: one method per node
    type, named by `method_name`, each taking the node and returning the renderer's `R`."""

    def render_node(self, node: Node) -> R:
        return cast(R, getattr(self, method_name(type(node)))(node))
