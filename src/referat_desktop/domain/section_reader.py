"""Reading a section's Markdown into blocks: the one reading both the editor and the
export use, so what the secretary sees is what is printed.

The stored format is the CommonMark subset of DESIGN.md: paragraphs, ``**bold**``,
``*italic*``, ``- `` bullets, ``1. `` numbered lists (nested too) and ``### `` sub-headings.
Everything outside it is switched off in markdown-it-py, so text that merely looks like
other markup (``> x``, `` `x` ``, ``[x](y)``, ``&amp;``, ``---``, a line underlined with
``=``, a four-space indent) reads as typed instead of vanishing or changing. Three kinds of
"list" CommonMark would see are put back as typed text (see :func:`_is_typed_text`).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from referat_desktop.domain.section_blocks import (
    LINE_BREAK,
    Block,
    BlockKind,
    Run,
    normalise,
    strip_unholdable,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

# Rules outside the subset. `escape` stays on: the writer writes `\*`, `1\.` and the like
# for characters that would otherwise be markup.
_DISABLED_BLOCK_RULES = ["table", "code", "fence", "blockquote", "hr", "reference", "html_block", "lheading"]
_DISABLED_INLINE_RULES = ["backticks", "link", "image", "autolink", "html_inline", "entity"]


@functools.cache
def markdown_parser() -> MarkdownIt:
    # Imported on first use: markdown-it builds its rules on import (~80 ms), which the
    # window's start does not need (it opens on an item, not on section text).
    from markdown_it import MarkdownIt

    # Raw HTML is off as well: `<b>` in a section is text.
    parser = MarkdownIt("commonmark", {"html": False})
    parser.disable(_DISABLED_BLOCK_RULES + _DISABLED_INLINE_RULES)
    return parser


def parse(markdown: str) -> list[Block]:
    """The blocks of a section's Markdown, in normal form. Headings of any level are
    sub-headings (levels 1 and 2 belong to the template's item and section headings);
    a hard line break (or a pasted vertical tab) is a LINE_BREAK in a run; characters no
    export can hold are dropped."""
    source = strip_unholdable(markdown)
    if not source.strip():
        return []
    from markdown_it.tree import SyntaxTreeNode

    reader = _Reader()
    reader.nodes(SyntaxTreeNode(markdown_parser().parse(source)).children, depth=0)
    return normalise(reader.blocks)


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.keys = 0
        # The list item whose text a paragraph goes on: a second paragraph of an item (a
        # "loose" item) is joined on with a space, not dropped. After a nested list there
        # is none: text there becomes a paragraph of its own, in its place.
        self.item: int | None = None
        # The marker of a list item read as typed, waiting for the text it goes in front of.
        self.marker: str | None = None

    def nodes(self, nodes: list[SyntaxTreeNode], depth: int) -> None:
        for node in nodes:
            self.node(node, depth)

    def node(self, node: SyntaxTreeNode, depth: int) -> None:
        if node.type == "paragraph":
            self.text(inline_runs(_inline_tokens(node), False), BlockKind.PARAGRAPH)
        elif node.type == "heading":
            self.flush_marker()
            self.text(inline_runs(_inline_tokens(node), True), BlockKind.HEADING)
        elif node.type in ("bullet_list", "ordered_list"):
            if _is_typed_text(node):
                self.as_typed(node, depth)
            else:
                self.flush_marker()
                self.list(node, depth)
        else:
            # Nothing else is switched on; keep the text of anything unexpected.
            for line in node.content.splitlines():
                self.text((Run(line),), BlockKind.PARAGRAPH)

    def text(self, runs: tuple[Run, ...], kind: BlockKind) -> None:
        if self.marker is not None:
            runs = (Run(self.marker + " "), *runs)
            self.marker = None
        if self.item is None:
            self.blocks.append(Block(kind, runs))
            return
        item = self.blocks[self.item]
        joined = item.runs + ((Run(" "),) if item.runs else ()) + runs
        self.blocks[self.item] = Block(item.kind, joined, item.depth, item.list_key, item.number)

    def list(self, node: SyntaxTreeNode, depth: int) -> None:
        self.keys += 1
        key = self.keys
        ordered = node.type == "ordered_list"
        kind = BlockKind.NUMBERED if ordered else BlockKind.BULLET
        number = _start(node) if ordered else 1
        for item in node.children:
            self.blocks.append(Block(kind, (), depth, key, number))
            number += 1
            self.item = len(self.blocks) - 1
            self.nodes(item.children, depth + 1)
        self.item = None

    def as_typed(self, node: SyntaxTreeNode, depth: int) -> None:
        """A list that was not meant as one: each item's marker goes back in front of its
        text, and what is nested in it stays where it is."""
        for item in node.children:
            marker = f"{item.info}{item.markup}" if node.type == "ordered_list" else item.markup
            # In front of the item's first text, even when that is in a list read as typed
            # too (`2. *`); alone on its line before a sub-heading or a real list.
            self.marker = marker if self.marker is None else f"{self.marker} {marker}"
            self.nodes(item.children, depth)
            self.flush_marker()

    def flush_marker(self) -> None:
        if self.marker is not None:
            marker, self.marker = self.marker, None
            self.text((Run(marker),), BlockKind.PARAGRAPH)


def _is_typed_text(node: SyntaxTreeNode) -> bool:
    """Lists CommonMark sees where a person typed ordinary text (TEMPLATE.md):

    - `1) ... 2) ...`: the template's inline numbering; our lists are written `1.`.
    - A list of one item numbered other than 1: a paragraph or list item that starts
      with a date, `16. december blev ...`, which CommonMark reads as a list from 16.
    - Items that are all empty: a lone `*`, `-` or `1.` on a line.
    """
    items = node.children
    if all(not item.children for item in items):
        return True
    if node.type != "ordered_list":
        return False
    return node.markup == ")" or (len(items) == 1 and _start(node) != 1)


def _start(node: SyntaxTreeNode) -> int:
    return int(node.attrs.get("start", 1))


def _inline_tokens(node: SyntaxTreeNode) -> list[Token]:
    inline = node.children[0].token if node.children else None
    return (inline.children or []) if inline is not None else []


def inline_runs(children: list[Token], heading: bool) -> tuple[Run, ...]:
    """The runs of an inline token's children: a wrapped source line is a space, a hard
    break a LINE_BREAK."""
    runs: list[Run] = []
    bold = italic = 0
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0))
        elif kind == "hardbreak":
            runs.append(Run(LINE_BREAK, bold > 0, italic > 0))
        elif child.content:
            runs.append(Run(child.content, bold > 0 and not heading, italic > 0 and not heading))
    return tuple(runs)
