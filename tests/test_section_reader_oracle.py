"""The section reader walks markdown-it's flat token stream (for speed). This file keeps
the reader it replaced, which walked markdown-it's SyntaxTreeNode with its own parser, as
the oracle: both must give the same blocks for every text, tricky, sampled and generated.
"""

from __future__ import annotations

import json
import random

from hypothesis import given, settings
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode

from referat_desktop.domain.section_blocks import Block, BlockKind, Run, normalise, strip_unholdable
from referat_desktop.domain.section_reader import _section_parser, inline_runs, parse
from referat_desktop.resources_path import SAMPLE_MEETING, resource
from section_text_cases import SECTION_MARKDOWN, TRICKY

# --- the tree-based reader, as it was (the oracle) ----------------------------------------

_ORACLE_PARSER = MarkdownIt("commonmark", {"html": False}).disable(
    ["table", "code", "fence", "blockquote", "hr", "reference", "html_block", "lheading"]
    + ["backticks", "link", "image", "autolink", "html_inline", "entity"]
)


def tree_parse(markdown: str) -> list[Block]:
    source = strip_unholdable(markdown)
    if not source.strip():
        return []
    reader = _TreeReader()
    reader.nodes(SyntaxTreeNode(_ORACLE_PARSER.parse(source)).children, depth=0)
    return normalise(reader.blocks)


class _TreeReader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.keys = 0
        self.item: int | None = None
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
        for item in node.children:
            marker = f"{item.info}{item.markup}" if node.type == "ordered_list" else item.markup
            self.marker = marker if self.marker is None else f"{self.marker} {marker}"
            self.nodes(item.children, depth)
            self.flush_marker()

    def flush_marker(self) -> None:
        if self.marker is not None:
            marker, self.marker = self.marker, None
            self.text((Run(marker),), BlockKind.PARAGRAPH)


def _is_typed_text(node: SyntaxTreeNode) -> bool:
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


# --- the comparisons ----------------------------------------------------------------------

# Pieces of section text: list markers of every kind at every indent, emphasis, escapes,
# headings, hard and soft breaks, blank lines, tabs, pasted breaks, Danish letters.
_MARKERS = ["", "", "", "", "- ", "* ", "+ ", "1. ", "2. ", "16. ", "1) ", "3) ", "01. ", "0. ", "-", "*",
            "1.", "1)", "# ", "## ", "### ", "#### ", "###", "> "]
_INDENTS = ["", "", "", " ", "  ", "   ", "    ", "     ", "      ", "\t", " \t"]
_WORDS = ["a", "bc", "æble", "Øst", "å", "16.", "1)", "2019", "*", "**", "***", "_", "__",
          "\\", "\\*", "\\\\", "\\#", "1\\.", "#", "-", "=", "`", "[x](y)", "&amp;", "<b>",
          "\t", "\u2028", "\x0b", "\x01", "😀",
          "*a*", "**b**", "*a **b** c*", "**a*", "*a**"]
_ENDS = ["\n", "\n", "\n", "\n\n", "\n\n\n", "  \n", "\\\n", "\r\n", ""]


def _generated(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 9)):
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 5)))
        lines.append(rng.choice(_INDENTS) + rng.choice(_MARKERS) + words + rng.choice(_ENDS))
    return "".join(lines)


def test_the_reader_gives_the_tree_readers_blocks_for_a_large_generated_corpus():
    rng = random.Random(20191216)
    for _ in range(5_000):
        markdown = _generated(rng)
        assert parse(markdown) == tree_parse(markdown), repr(markdown)


def test_the_reader_gives_the_tree_readers_blocks_for_the_tricky_texts_and_the_sample():
    meeting = json.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))
    sample = [value for value in _strings(meeting) if value.strip()]
    assert len(sample) > 20
    for markdown in [markdown for markdown, _ in TRICKY] + sample:
        assert parse(markdown) == tree_parse(markdown), repr(markdown)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


@settings(max_examples=500, deadline=None)
@given(SECTION_MARKDOWN)
def test_the_reader_gives_the_tree_readers_blocks_for_any_section_text(markdown):
    assert parse(markdown) == tree_parse(markdown), repr(markdown)


def test_the_reader_skips_markdown_its_inline_parse_only_where_no_inline_rule_could_act():
    # _INLINE_MARKUP lists the characters of these rules; switching another inline rule on
    # (links, code spans, ...) must add its characters there.
    parser = _section_parser()
    assert parser.inline.ruler.get_active_rules() == ["text", "newline", "escape", "emphasis"]
    assert parser.inline.ruler2.get_active_rules() == ["balance_pairs", "emphasis", "fragments_join"]
    assert parser.core.ruler.get_active_rules() == ["block"]
    assert parse("a **b** c_d_ e\\*f\ng") == tree_parse("a **b** c_d_ e\\*f\ng")
