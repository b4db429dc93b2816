"""Section text as blocks of formatted runs, and the Markdown that stores it.

The stored format is the CommonMark subset of DESIGN.md: paragraphs, ``**bold**``,
``*italic*``, ``- `` bullets, ``1. `` numbered lists (nested too) and ``### `` sub-headings.
The editor works on a neutral list of :class:`Block` objects; this module turns Markdown
into blocks (with markdown-it-py, the parser the export uses) and blocks back into
Markdown. No Qt here, so the round trip is tested on its own.

Why not QTextDocument.toMarkdown()/setMarkdown(): Qt's writer hard-wraps paragraphs at
80 columns and leaves ``_x_``, ``> x`` and four-space indents unescaped (they come back as
italic, a quote, a code block), and Qt's reader drops text that looks like HTML (``<b>``).
Here every character the secretary typed comes back as typed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from markdown_it import MarkdownIt


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # always written as a level-3 heading (###)
    BULLET = "bullet"
    NUMBERED = "numbered"


LIST_KINDS = (BlockKind.BULLET, BlockKind.NUMBERED)


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph, sub-heading or list item.

    List items carry their nesting ``depth`` (0 = top level), a ``list_key`` shared by the
    items of one list (any int; only equality matters) and, when numbered, their ``number``.
    """

    kind: BlockKind
    runs: tuple[Run, ...] = ()
    depth: int = 0
    list_key: int = 0
    number: int = 1

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@functools.cache
def _parser() -> MarkdownIt:
    # Raw HTML is off: `<b>` in a section is text, exactly as the export prints it.
    return MarkdownIt("commonmark", {"html": False})


# --- Markdown -> blocks ---------------------------------------------------------------


def parse(markdown: str) -> list[Block]:
    """The blocks of a section's Markdown. Constructs outside the format are flattened
    to their text (links, images' alt text, code, quotes); headings of any level become
    sub-headings."""
    blocks: list[Block] = []
    lists: list[tuple[BlockKind, int, int]] = []  # open lists: kind, key, next number
    next_key = 0
    item_block: int | None = None  # index of the current list item's block, once it has text
    in_item = False
    heading = False
    for token in _parser().parse(markdown):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            next_key += 1
            start = int(token.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
            lists.append((BlockKind.BULLET if kind == "bullet_list_open" else BlockKind.NUMBERED, next_key, start))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            in_item = False
        elif kind == "list_item_open":
            list_kind, key, number = lists[-1]
            lists[-1] = (list_kind, key, number + 1)
            blocks.append(Block(list_kind, (), len(lists) - 1, key, number))
            item_block, in_item = len(blocks) - 1, True
        elif kind == "list_item_close":
            in_item = False
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "inline":
            runs = _inline_runs(token.children or [], heading)
            if in_item and item_block is not None:
                # The first paragraph of an item is its text; a later paragraph of the
                # same item (a "loose" item) is joined on with a space, not dropped.
                old = blocks[item_block]
                joined = old.runs + ((Run(" "),) if old.runs else ()) + runs
                blocks[item_block] = replace(old, runs=joined)
            else:
                blocks.append(Block(BlockKind.HEADING if heading else BlockKind.PARAGRAPH, runs))
        elif kind in ("code_block", "fence", "html_block"):
            for line in token.content.splitlines():
                blocks.append(Block(BlockKind.PARAGRAPH, (Run(line),)))
    return normalise(blocks)


def _inline_runs(children: list, heading: bool) -> tuple[Run, ...]:
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
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0))
        elif kind == "image":
            runs.append(Run(child.content, bold > 0, italic > 0))
        elif kind in ("text", "code_inline", "html_inline", "text_special"):
            runs.append(Run(child.content, bold > 0 and not heading, italic > 0))
    return tuple(runs)


# --- normal form ------------------------------------------------------------------------


def normalise(blocks: list[Block]) -> list[Block]:
    """The canonical form of `blocks`: what writing them as Markdown and reading them
    back gives. Whitespace at the ends of a block goes, runs with the same formatting
    merge, empty blocks go, bold in headings goes (a heading is bold), nesting has no
    gaps, list keys count from 1 and items are numbered from their list's first number."""
    result: list[Block] = []
    open_lists: list[tuple[BlockKind, int, int, int]] = []  # kind, source key, new key, next number
    new_key = 0
    for block in blocks:
        runs = _clean_runs(block.runs, block.kind == BlockKind.HEADING)
        if not runs:
            continue
        if block.kind not in LIST_KINDS:
            open_lists.clear()
            result.append(Block(block.kind, runs))
            continue
        depth = min(max(block.depth, 0), len(open_lists))
        if depth < len(open_lists) and open_lists[depth][:2] == (block.kind, block.list_key):
            kind, source_key, key, number = open_lists[depth]
            del open_lists[depth:]
        else:
            del open_lists[depth:]
            new_key += 1
            kind, source_key, key, number = block.kind, block.list_key, new_key, block.number
            if kind == BlockKind.BULLET:
                number = 1
        open_lists.append((kind, source_key, key, number + 1))
        result.append(Block(kind, runs, depth, key, number))
    return result


_LINE_BREAKS = ("\u2028", "\u2029", "\r", "\n")


def _clean_runs(runs: tuple[Run, ...], heading: bool) -> tuple[Run, ...]:
    full = "".join(run.text for run in runs)
    for line_break in _LINE_BREAKS:  # one character for one: the marks stay aligned
        if line_break in full:
            full = full.replace(line_break, " ")
    text = full.strip()
    if not text:
        return ()
    if not any(run.italic or (run.bold and not heading) for run in runs):
        return (Run(text),)  # the common case, without looking at each character
    # Whitespace at either end of a block means nothing in Markdown, and emphasis
    # delimiters must touch text: so a space takes only the marks that the text on both
    # sides of it shares (`**a** b`, never `**a **b`).
    leading = len(full) - len(full.lstrip())
    marks: list[tuple[bool, bool]] = []
    for run in runs:
        marks.extend([(run.bold and not heading, run.italic)] * len(run.text))
    marks = marks[leading : leading + len(text)]
    previous = [(False, False)] * len(text)
    seen = (False, False)
    for index, char in enumerate(text):
        if not char.isspace():
            seen = marks[index]
        previous[index] = seen
    following = (False, False)
    for index in range(len(text) - 1, -1, -1):
        if text[index].isspace():
            marks[index] = (
                marks[index][0] and previous[index][0] and following[0],
                marks[index][1] and previous[index][1] and following[1],
            )
        else:
            following = marks[index]
    cleaned: list[Run] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or marks[index] != marks[start]:
            cleaned.append(Run(text[start:index], *marks[start]))
            start = index
    return tuple(cleaned)


# --- blocks -> Markdown -----------------------------------------------------------------


def render(blocks: list[Block]) -> str:
    """The Markdown of `blocks`: one line per block, no wrapping, blank lines between
    paragraphs, tight lists. Reading it back with :func:`parse` gives ``normalise(blocks)``."""
    lines: list[str] = []
    open_keys: list[int] = []  # the list open at each depth
    markers: list[str] = []  # its marker
    indents: list[int] = []  # the content column of its current item
    for block in normalise(blocks):
        if block.kind not in LIST_KINDS:
            if lines:
                lines.append("")
            prefix = "### " if block.kind == BlockKind.HEADING else ""
            lines.append(prefix + _inline(block, heading=block.kind == BlockKind.HEADING))
            open_keys.clear(), markers.clear(), indents.clear()
            continue
        depth = block.depth
        continuing = depth < len(open_keys) and open_keys[depth] == block.list_key
        if lines and not open_keys:
            lines.append("")
        if continuing:
            marker = markers[depth] if block.kind == BlockKind.BULLET else f"{block.number}{markers[depth][-1]}"
        else:
            replaced = markers[depth] if depth < len(markers) else ""
            marker = _first_marker(block, replaced)
            if block.kind == BlockKind.NUMBERED and block.number != 1 and open_keys:
                # Only a list starting at 1 may interrupt the text of the item above;
                # a blank line keeps e.g. `3.` from being read as that text.
                lines.append("")
        del open_keys[depth:], markers[depth:], indents[depth:]
        indent = indents[-1] if indents else 0
        open_keys.append(block.list_key)
        markers.append(marker)
        indents.append(indent + len(marker) + 1)
        lines.append(" " * indent + marker + " " + _inline(block, heading=False))
    return "\n".join(lines)


def _first_marker(block: Block, replaced: str) -> str:
    """`-`/`1.` normally; `*`/`1)` for a list that directly follows another list of the
    same kind at the same depth, since Markdown would otherwise run the two together."""
    if block.kind == BlockKind.BULLET:
        return "*" if replaced == "-" else "-"
    return f"{block.number}{')' if replaced.endswith('.') else '.'}"


# Characters that can start inline markup anywhere in a line. `_` is handled apart:
# between two letters or digits it cannot emphasise, so snake_case stays readable;
# `&` only matters where it starts an entity such as `&amp;`, and `~` where it is
# doubled (strikethrough, should a renderer turn that on).
_SPECIAL = re.compile(r"[\\*`\[<_]|~(?=~)|(?<=~)~|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_SPECIAL_IN_HEADING = re.compile(_SPECIAL.pattern + "|#")
_LINE_START = re.compile(r"^(#|>|\+|-|=|~|[0-9]{1,9}(?=[.)]))")


def _escape(text: str, heading: bool) -> str:
    return (_SPECIAL_IN_HEADING if heading else _SPECIAL).sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char == "_":
        text, index = match.string, match.start()
        if 0 < index < len(text) - 1 and text[index - 1].isalnum() and text[index + 1].isalnum():
            return char
    return "\\" + char


def _escape_line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if not match:
        return line
    if match.group(1).isdigit():  # `1.` / `1)`: escape the delimiter after the digits
        end = match.end()
        return line[:end] + "\\" + line[end:]
    return "\\" + line


def _inline(block: Block, heading: bool) -> str:
    plain = _escape(block.text, heading)
    if len(block.runs) == 1 and not (block.runs[0].bold or block.runs[0].italic):
        return _escape_line_start(plain)
    runs = list(block.runs)
    text = _emphasised(runs, heading, block.text)
    while text != plain:
        want = visible(tuple(runs))
        back = visible(_read_back(text))
        if back == want:
            break
        # CommonMark cannot read this emphasis back (for example `*a***b**`, where the
        # delimiters of neighbouring spans run together). Keep every character and drop
        # the formatting of the run where the reading first goes wrong, then try again.
        wrong = next((i for i, (a, b) in enumerate(zip(back, want)) if a != b), min(len(back), len(want)) - 1)
        offset = 0
        for index, run in enumerate(runs):
            offset += len(run.text)
            if offset > wrong:
                runs[index] = Run(run.text)
                break
        runs = list(_clean_runs(tuple(runs), heading))
        text = _emphasised(runs, heading, block.text)
    return _escape_line_start(text)


def visible(runs: tuple[Run, ...]) -> tuple[tuple[str, bool, bool], ...]:
    """Each character with its formatting, as a reader sees it (a space is never bold)."""
    return tuple(
        (char, run.bold and not char.isspace(), run.italic and not char.isspace())
        for run in runs
        for char in run.text
    )


def _read_back(text: str) -> tuple[Run, ...]:
    tokens = _parser().parseInline(_escape_line_start(text))
    children = tokens[0].children if tokens else []
    return _clean_runs(_inline_runs(children or [], False), False)


def _emphasised(
    runs: list[Run], heading: bool, whole: str, offset: int = 0, active: frozenset[str] = frozenset()
) -> str:
    """Runs with `**`/`*` around them, nested so that each delimiter pair spans the
    longest stretch it can (``*a **b** c*``, not ``*a* ***b*** *c*``). `whole` is the
    block's text and `offset` where `runs` start in it."""
    out: list[str] = []
    index = 0
    while index < len(runs):
        marks = _marks(runs[index]) - active
        if not marks:
            out.append(_escape(runs[index].text, heading))
            offset += len(runs[index].text)
            index += 1
            continue
        best = max(sorted(marks), key=lambda mark: _extent(runs, index, mark))
        end = index + _extent(runs, index, best)
        span = "".join(run.text for run in runs[index:end])
        # Delimiters must touch text, so whitespace at the edges stays outside them.
        lead = len(span) - len(span.lstrip())
        trail = len(span) - len(span.rstrip())
        inner = _slice(runs[index:end], lead, len(span) - trail)
        start, stop = offset + lead, offset + len(span) - trail
        if not span.strip() or not _can_emphasise(whole, start, stop):
            # CommonMark cannot mark this stretch (say, bold that starts at a bracket
            # inside a word): keep its text and any formatting inside it.
            out.append(_emphasised(list(runs[index:end]), heading, whole, offset, active | {best}))
        else:
            delimiter = "**" if best == "bold" else "*"
            body = _emphasised(inner, heading, whole, start, active | {best})
            out.append(_escape(span[:lead], heading) + delimiter + body + delimiter + _escape(span[len(span) - trail :], heading))
        offset += len(span)
        index = end
    return "".join(out)


def _can_emphasise(whole: str, start: int, stop: int) -> bool:
    """CommonMark's flanking rules for `*` runs around whole[start:stop]: an opening run
    followed by punctuation must follow whitespace or punctuation, and a closing run
    after punctuation must be followed by whitespace or punctuation."""
    before = whole[start - 1] if start > 0 else " "
    after = whole[stop] if stop < len(whole) else " "
    opens = not _is_punctuation(whole[start]) or before.isspace() or _is_punctuation(before)
    closes = not _is_punctuation(whole[stop - 1]) or after.isspace() or _is_punctuation(after)
    return opens and closes


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _slice(runs: list[Run], start: int, stop: int) -> list[Run]:
    """The runs covering characters start..stop of their joined text."""
    result: list[Run] = []
    offset = 0
    for run in runs:
        low, high = max(start - offset, 0), min(stop - offset, len(run.text))
        if low < high:
            result.append(replace(run, text=run.text[low:high]))
        offset += len(run.text)
    return result


def _marks(run: Run) -> frozenset[str]:
    return frozenset(mark for mark, on in (("bold", run.bold), ("italic", run.italic)) if on)


def _extent(runs: list[Run], start: int, mark: str) -> int:
    length = 0
    while start + length < len(runs) and mark in _marks(runs[start + length]):
        length += 1
    return length
