"""Writing section blocks as Markdown that section_reader reads back the same.

Why not QTextDocument.toMarkdown(): Qt's writer hard-wraps paragraphs at 80 columns and
leaves ``_x_``, ``> x`` and four-space indents unescaped, and Qt's reader drops text that
looks like HTML (``<b>``). Here every character the secretary typed comes back as typed,
escaped as little as possible so the stored text stays readable.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from referat_desktop.domain.section_blocks import (
    LINE_BREAK,
    LIST_KINDS,
    Block,
    BlockKind,
    Run,
    clean_runs,
    normalise,
    visible,
)
from referat_desktop.domain.section_reader import inline_runs, markdown_parser


def render(blocks: list[Block]) -> str:
    """The Markdown of `blocks`: one line per block, no wrapping, blank lines between
    paragraphs, tight lists. Reading it back with section_reader.parse gives
    ``normalise(blocks)``.

    A line break inside a block is written as the LINE_BREAK character itself, which
    Markdown takes for text. A hard break (`\\` at the end of a line) would be more usual,
    but Markdown drops the spaces that start the next line, and those are the secretary's
    (`linje<VT> <tekst>` from Word must print as it came)."""
    lines: list[str] = []
    open_keys: list[int] = []  # the list open at each depth
    markers: list[str] = []  # its marker
    indents: list[int] = []  # the content column of its current item
    for block in normalise(blocks):
        if block.kind not in LIST_KINDS:
            if lines:
                lines.append("")
            prefix = "### " if block.kind == BlockKind.HEADING else ""
            lines.append(prefix + _escape_line_start(_inline(block, heading=block.kind == BlockKind.HEADING)))
            open_keys.clear()
            markers.clear()
            indents.clear()
            continue
        depth = block.depth
        continuing = depth < len(open_keys) and open_keys[depth] == block.list_key
        if lines and not open_keys:
            lines.append("")
        if continuing:
            marker = markers[depth] if block.kind == BlockKind.BULLET else f"{block.number}."
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
        lines.append(" " * indent + marker + " " + _escape_line_start(_inline(block, heading=False)))
    return "\n".join(lines)


def _first_marker(block: Block, replaced: str) -> str:
    """`-`/`1.` normally; `*` for a bullet list that directly follows another at the same
    depth, since Markdown would otherwise run the two together. (Numbered lists cannot be
    told apart that way: a `1)` list reads as typed text, so normalise joins them.)"""
    if block.kind == BlockKind.BULLET:
        return "*" if replaced == "-" else "-"
    return f"{block.number}."


# Characters that can start inline markup anywhere in a line. `_` is handled apart:
# between two letters or digits it cannot emphasise, so snake_case stays readable;
# `&` only matters where it starts an entity such as `&amp;`, and `~` where it is
# doubled (strikethrough, should a renderer turn that on). The reader has backticks,
# links, entities and HTML switched off; escaping them anyway keeps the stored text
# meaning the same to any other CommonMark reader.
_SPECIAL = re.compile(
    r"[\\*`\[<_]|~(?=~)|(?<=~)~|&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)"
)
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
        return plain
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
        wrong = next(
            (i for i, (a, b) in enumerate(zip(back, want, strict=False)) if a != b),
            min(len(back), len(want)) - 1,
        )
        offset = 0
        for index, run in enumerate(runs):
            offset += len(run.text)
            if offset > wrong:
                runs[index] = Run(run.text)
                break
        runs = list(clean_runs(tuple(runs), heading))
        text = _emphasised(runs, heading, block.text)
    return text


def _read_back(text: str) -> tuple[Run, ...]:
    tokens = markdown_parser().parseInline(_escape_line_start(text))
    children = tokens[0].children if tokens else []
    return clean_runs(inline_runs(children or [], False), False)


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
            before, after = _escape(span[:lead], heading), _escape(span[len(span) - trail :], heading)
            out.append(before + delimiter + body + delimiter + after)
        offset += len(span)
        index = end
    return "".join(out)


def _can_emphasise(whole: str, start: int, stop: int) -> bool:
    """CommonMark's flanking rules for `*` runs around whole[start:stop]: an opening run
    followed by punctuation must follow whitespace or punctuation, and a closing run
    after punctuation must be followed by whitespace or punctuation. (A LINE_BREAK is
    neither to Markdown: the character is text there.)"""
    before = whole[start - 1] if start > 0 else " "
    after = whole[stop] if stop < len(whole) else " "
    opens = not _is_punctuation(whole[start]) or _is_space(before) or _is_punctuation(before)
    closes = not _is_punctuation(whole[stop - 1]) or _is_space(after) or _is_punctuation(after)
    return opens and closes


def _is_space(char: str) -> bool:
    return char.isspace() and char != LINE_BREAK


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
