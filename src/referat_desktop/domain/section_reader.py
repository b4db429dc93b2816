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
import re
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


# What the inline rules left on (emphasis, escape, newline) act on. An inline token whose
# text has none of these is one text token: markdown-it's inline parse is run only on the
# others (most paragraphs; it was about a third of reading a section).
_INLINE_MARKUP = re.compile(r"[*_\\\n]")


@functools.cache
def _section_parser() -> MarkdownIt:
    """markdown_parser() for parse(): without the core rule `normalize` (line ends made
    "\\n", NUL made U+FFFD), which strip_unholdable has already done to its text, and
    without the core rules `inline` and `text_join`: the reader parses an inline token's
    text itself when it holds markup (:meth:`_Reader.runs`; clean_runs joins text runs)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False})
    parser.disable(["normalize", "inline", "text_join", *_DISABLED_BLOCK_RULES, *_DISABLED_INLINE_RULES])
    return parser


def parse(markdown: str) -> list[Block]:
    """The blocks of a section's Markdown, in normal form. Headings of any level are
    sub-headings (levels 1 and 2 belong to the template's item and section headings);
    a hard line break (or a pasted vertical tab) is a LINE_BREAK in a run; characters no
    export can hold are dropped."""
    source = strip_unholdable(markdown)
    if not source.strip():
        return []
    reader = _Reader(_section_parser().parse(source))
    reader.nodes(0, depth=0)
    return normalise(reader.blocks, holdable=True)


class _Reader:
    """Reads markdown-it's flat token stream (`x_open` ... `x_close`, nested) directly:
    building its SyntaxTreeNode first cost more than the reading itself."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.blocks: list[Block] = []
        self.keys = 0
        # The list item whose text a paragraph goes on: a second paragraph of an item (a
        # "loose" item) is joined on with a space, not dropped. After a nested list there
        # is none: text there becomes a paragraph of its own, in its place.
        self.item: int | None = None
        # The marker of a list item read as typed, waiting for the text it goes in front of.
        self.marker: str | None = None

    def nodes(self, index: int, depth: int) -> int:
        """Reads the blocks from `index` up to the end of their container; returns the
        index of the container's closing token (or the end of the stream)."""
        tokens = self.tokens
        end = len(tokens)
        while index < end:
            token = tokens[index]
            kind = token.type
            if kind == "paragraph_open":
                # Always paragraph_open, inline, paragraph_close.
                self.text(self.runs(tokens[index + 1], False), BlockKind.PARAGRAPH)
                index += 3
            elif kind == "heading_open":
                self.flush_marker()
                self.text(self.runs(tokens[index + 1], True), BlockKind.HEADING)
                index += 3
            elif kind == "bullet_list_open" or kind == "ordered_list_open":
                if _is_typed_text(tokens, index):
                    index = self.as_typed(index, depth)
                else:
                    self.flush_marker()
                    index = self.list(index, depth)
            elif token.nesting == -1:
                return index
            elif token.nesting == 1:
                # Nothing else is switched on; an unexpected container is skipped whole.
                index = _closing(tokens, index) + 1
            else:
                # Keep the text of anything unexpected.
                for line in token.content.splitlines():
                    self.text((Run(line),), BlockKind.PARAGRAPH)
                index += 1
        return index

    def runs(self, inline: Token, heading: bool) -> tuple[Run, ...]:
        """The runs of an inline token (its text is stripped: no space at either end)."""
        text = inline.content
        if _INLINE_MARKUP.search(text) is None:
            return (Run(text),) if text else ()
        parser = _section_parser()
        return inline_runs(parser.inline.parse(text, parser, {}, []), heading)

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

    def list(self, index: int, depth: int) -> int:
        """Reads the list opening at `index`; returns the index after its closing token."""
        tokens = self.tokens
        self.keys += 1
        key = self.keys
        ordered = tokens[index].type == "ordered_list_open"
        kind = BlockKind.NUMBERED if ordered else BlockKind.BULLET
        number = _start(tokens[index]) if ordered else 1
        index += 1
        while tokens[index].type == "list_item_open":
            self.blocks.append(Block(kind, (), depth, key, number))
            number += 1
            self.item = len(self.blocks) - 1
            index = self.nodes(index + 1, depth + 1) + 1
        self.item = None
        return index + 1

    def as_typed(self, index: int, depth: int) -> int:
        """A list that was not meant as one: each item's marker goes back in front of its
        text, and what is nested in it stays where it is. Returns the index after the
        list's closing token."""
        tokens = self.tokens
        ordered = tokens[index].type == "ordered_list_open"
        index += 1
        while (item := tokens[index]).type == "list_item_open":
            marker = f"{item.info}{item.markup}" if ordered else item.markup
            # In front of the item's first text, even when that is in a list read as typed
            # too (`2. *`); alone on its line before a sub-heading or a real list.
            self.marker = marker if self.marker is None else f"{self.marker} {marker}"
            index = self.nodes(index + 1, depth) + 1
            self.flush_marker()
        return index + 1

    def flush_marker(self) -> None:
        if self.marker is not None:
            marker, self.marker = self.marker, None
            self.text((Run(marker),), BlockKind.PARAGRAPH)


def _is_typed_text(tokens: list[Token], index: int) -> bool:
    """Lists CommonMark sees where a person typed ordinary text (TEMPLATE.md), for the
    list opening at `index`:

    - `1) ... 2) ...`: the template's inline numbering; our lists are written `1.`.
    - A list of one item numbered other than 1: a paragraph or list item that starts
      with a date, `16. december blev ...`, which CommonMark reads as a list from 16.
    - Items that are all empty: a lone `*`, `-` or `1.` on a line.
    """
    opening = tokens[index]
    if opening.type == "ordered_list_open":
        if opening.markup == ")":
            return True
        if _start(opening) != 1 and tokens[_closing(tokens, index + 1) + 1].type == "ordered_list_close":
            return True  # one item
    # An empty item is its opening token right before its closing one.
    index += 1
    while tokens[index].type == "list_item_open":
        if tokens[index + 1].type != "list_item_close":
            return False
        index += 2
    return True


def _closing(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the one opening at `index`."""
    level = tokens[index].level
    index += 1
    while tokens[index].nesting != -1 or tokens[index].level != level:
        index += 1
    return index


def _start(token: Token) -> int:
    return int(token.attrs.get("start", 1))


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
