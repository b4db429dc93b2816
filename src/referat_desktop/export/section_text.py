"""Section text (stored as Markdown) into document blocks, and the cleaning of all text.

Parsing is markdown-it-py's CommonMark with every rule outside our subset switched off
(see DESIGN.md: paragraphs, bold, italic, bullet and numbered lists, sub-headings), so
text that merely looks like other markup (`> quote`, `` `code` ``, `[x](y)`, `&amp;`,
`---`, a line underlined with `=`) comes out exactly as typed instead of vanishing.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from referat_desktop.export.document import (
    Block,
    BulletList,
    Heading,
    ListItem,
    NumberedList,
    Paragraph,
    Run,
)

# What Word and other programs paste for a line break inside a paragraph. They are
# mapped to LINE SEPARATOR before parsing (Markdown would read a "\n" as a space or a
# paragraph end) and to "\n" in the runs afterwards.
_LINE_BREAKS = {"\x0b": "\u2028", "\x0c": "\u2028", "\u2029": "\u2028"}

# Rules outside the subset. `escape` stays on: the editor writes `\*`, `1\.` and the like
# for characters that would otherwise be markup.
_DISABLED_BLOCK_RULES = ["table", "code", "fence", "blockquote", "hr", "reference", "html_block", "lheading"]
_DISABLED_INLINE_RULES = ["backticks", "link", "image", "autolink", "html_inline", "entity"]


# Control characters (Unicode category Cc) but tab and newline, lone surrogates (JSON can
# carry them) and the two non-characters XML forbids: no export format can hold them.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _strip_unholdable(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _LINE_BREAKS.items():
        text = text.replace(old, new)
    return _UNHOLDABLE.sub("", text)


def clean_text(text: str) -> str:
    """Text for a run: control characters dropped, pasted line breaks become "\\n"."""
    return _strip_unholdable(text).replace("\u2028", "\n")


def clean_line(text: str) -> str:
    """Text that must stay on one line (titles, names, headings): every break becomes a space."""
    return re.sub(r"[\t\n\u2028]", " ", _strip_unholdable(text))


class SectionParser:
    """Turns one section's Markdown into Heading(3)/Paragraph/BulletList/NumberedList blocks."""

    def __init__(self) -> None:
        self._markdown = MarkdownIt("commonmark", {"html": False})
        self._markdown.disable(_DISABLED_BLOCK_RULES + _DISABLED_INLINE_RULES)

    def blocks(self, text: str) -> list[Block]:
        source = _strip_unholdable(text)
        if not source.strip():
            return []
        tree = SyntaxTreeNode(self._markdown.parse(source))
        return self._blocks(tree.children)

    def _blocks(self, nodes: list[SyntaxTreeNode]) -> list[Block]:
        blocks: list[Block] = []
        for node in nodes:
            blocks.extend(self._block(node))
        return blocks

    def _block(self, node: SyntaxTreeNode) -> list[Block]:
        if node.type == "paragraph":
            return [Paragraph(_runs(node.children[0]))]
        if node.type == "heading":
            # Any level inside a section is a sub-heading: levels 1 and 2 belong to the
            # item and section headings of the template.
            return [Heading(3, "".join(run.text for run in _runs(node.children[0])).replace("\n", " "))]
        if node.type in ("bullet_list", "ordered_list"):
            return self._list(node)
        # Nothing else is enabled; keep the text of anything unexpected rather than lose it.
        return [Paragraph([Run(clean_text(node.content))])] if node.content.strip() else []

    def _list(self, node: SyntaxTreeNode) -> list[Block]:
        items = node.children
        if _is_literal_list(node):
            return self._as_typed(items)
        list_items = [ListItem(self._blocks(item.children) or [Paragraph([])]) for item in items]
        if node.type == "bullet_list":
            return [BulletList(list_items)]
        start = node.attrs.get("start", 1)
        return [NumberedList(list_items, start=int(start))]

    def _as_typed(self, items: list[SyntaxTreeNode]) -> list[Block]:
        """A list that was not meant as one: each item's marker goes back in front of its text."""
        blocks: list[Block] = []
        for item in items:
            marker = f"{item.info}{item.markup}" if item.info else item.markup
            content = self._blocks(item.children)
            if content and isinstance(content[0], Paragraph):
                first = content[0]
                content[0] = Paragraph(_merge([Run(marker + " "), *first.runs]), first.role)
            else:
                content.insert(0, Paragraph([Run(marker)]))
            blocks.extend(content)
        return blocks


def _is_literal_list(node: SyntaxTreeNode) -> bool:
    """Lists CommonMark sees where a person typed ordinary text.

    - `1) ... 2) ...`: the template's inline numbering; our lists are written `1.`.
    - A single item numbered other than 1: a paragraph that starts with a date,
      `16. december blev ...`, which CommonMark reads as a list starting at 16.
    - Items that are all empty: a lone `*` or `-` on a line.
    """
    items = node.children
    if all(not item.children for item in items):
        return True
    if node.type != "ordered_list":
        return False
    return node.markup == ")" or (len(items) == 1 and int(node.attrs.get("start", 1)) != 1)


def _runs(inline: SyntaxTreeNode) -> list[Run]:
    runs: list[Run] = []
    _collect_runs(inline.children, bold=False, italic=False, into=runs)
    return _merge(runs)


def _collect_runs(nodes: list[SyntaxTreeNode], bold: bool, italic: bool, into: list[Run]) -> None:
    for node in nodes:
        if node.type == "strong":
            _collect_runs(node.children, True, italic, into)
        elif node.type == "em":
            _collect_runs(node.children, bold, True, into)
        elif node.type == "softbreak":
            into.append(Run(" ", bold, italic))  # a wrapped source line, not a break
        elif node.type == "hardbreak":
            into.append(Run("\n", bold, italic))
        elif node.children:
            _collect_runs(node.children, bold, italic, into)
        elif node.content:
            into.append(Run(node.content.replace("\u2028", "\n"), bold, italic))


def _merge(runs: list[Run]) -> list[Run]:
    """Neighbouring runs with the same formatting become one (fewer runs in Word and PDF)."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged
