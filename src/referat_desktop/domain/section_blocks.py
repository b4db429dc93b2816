"""Section text as blocks of formatted runs, and their normal form.

A section is a flat list of :class:`Block` objects: paragraphs, sub-headings and list
items (with their nesting depth). The editor shows exactly these blocks and the export
prints exactly these blocks (export/section_nodes.py nests the list items), so what the
secretary sees is what is printed. The normal form is what the stored Markdown can hold:
:func:`normalise` gives it, and reading back what section_writer wrote gives it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"  # always written as a level-3 heading (###)
    BULLET = "bullet"
    NUMBERED = "numbered"


LIST_KINDS = (BlockKind.BULLET, BlockKind.NUMBERED)

# A line break inside a paragraph or list item. It is the character QTextDocument uses
# for one (so the editor shows it as is), it is one character for one (so formatting
# marks stay aligned when other breaks are mapped to it), and it is plain text to
# Markdown, which reads a "\n" as a space or a paragraph end: it is stored as it is.
LINE_BREAK = "\u2028"


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


# --- characters no format can hold -------------------------------------------------------

# What Word and other programs paste for a line break inside a paragraph.
_PASTED_LINE_BREAKS = {"\x0b": LINE_BREAK, "\x0c": LINE_BREAK, "\u2029": LINE_BREAK}
# Control characters (Unicode category Cc) but tab and newline, lone surrogates (JSON can
# carry them) and the two non-characters XML forbids: neither Word nor PDF can hold them.
_UNHOLDABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_unholdable(text: str) -> str:
    """`text` with line ends made "\\n", pasted line breaks (vertical tab, form feed,
    U+2029) made LINE_BREAK, and every other character no export can hold dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _PASTED_LINE_BREAKS.items():
        if old in text:
            text = text.replace(old, new)
    return _UNHOLDABLE.sub("", text)


# --- normal form ------------------------------------------------------------------------


def normalise(blocks: list[Block], *, holdable: bool = False) -> list[Block]:
    """The canonical form of `blocks`: what writing them as Markdown and reading them
    back gives. Whitespace at the ends of a block goes, runs with
    the same formatting merge, empty blocks go, a heading is plain text on one line (it is
    printed bold), nesting has no gaps, list keys count from 1 and items are numbered from
    their list's first number.

    Two things Markdown cannot tell apart are made one: a numbered list that directly
    follows another at the same depth continues it (`1.` after `1.` is one list), and a
    numbered list of one item that does not start at 1 is text as typed, ``16. …`` (a
    paragraph or a list item starting with a date reads the same).

    `holdable` says the runs hold no character :func:`strip_unholdable` would change
    (the reader's runs are cut from text it has been through), so it is not run again."""
    result = _structure(blocks, holdable)
    while (index := _first_one_item_list_not_at_one(result)) is not None:
        result = _structure(_put_back_as_typed(result, index), holdable)
    return result


def _structure(blocks: list[Block], holdable: bool) -> list[Block]:
    result: list[Block] = []
    open_lists: list[tuple[BlockKind, int, int, int]] = []  # kind, source key, new key, next number
    new_key = 0
    for block in blocks:
        runs = clean_runs(block.runs, block.kind == BlockKind.HEADING, holdable=holdable)
        if not runs:
            continue
        if block.kind not in LIST_KINDS:
            open_lists.clear()
            # A block already in normal form is kept (a frozen dataclass is slow to make).
            unchanged = runs is block.runs and block.depth == 0 and block.list_key == 0 and block.number == 1
            result.append(block if unchanged else Block(block.kind, runs))
            continue
        depth = min(max(block.depth, 0), len(open_lists))
        here = open_lists[depth] if depth < len(open_lists) else None
        same_list = here is not None and here[:2] == (block.kind, block.list_key)
        # A numbered list right after one at the same depth: Markdown joins them.
        joined = here is not None and here[0] == block.kind == BlockKind.NUMBERED
        if here is not None and (same_list or joined):
            _, _, key, number = here
            del open_lists[depth:]
        else:
            del open_lists[depth:]
            new_key += 1
            key, number = new_key, block.number if block.kind == BlockKind.NUMBERED else 1
        open_lists.append((block.kind, block.list_key, key, number + 1))
        result.append(Block(block.kind, runs, depth, key, number))
    return result


def _first_one_item_list_not_at_one(blocks: list[Block]) -> int | None:
    """The index of the first item of a numbered list that has one item and does not
    start at 1, which the reader takes for text (`16. december …`, see section_reader)."""
    counts: dict[int, int] = {}
    for block in blocks:
        if block.kind == BlockKind.NUMBERED:
            counts[block.list_key] = counts.get(block.list_key, 0) + 1
    return next(
        (
            index
            for index, block in enumerate(blocks)
            if block.kind == BlockKind.NUMBERED and block.number != 1 and counts[block.list_key] == 1
        ),
        None,
    )


def _put_back_as_typed(blocks: list[Block], index: int) -> list[Block]:
    """The item at `index` as the reader sees it: its number goes in front of its text,
    which goes on the text of the item it is nested in when it comes right after it (a
    second paragraph of an item), else is a paragraph of its own; what is nested in it
    moves up a level."""
    item = blocks[index]
    runs = (Run(f"{item.number}. "), *item.runs)
    result = blocks[:index]
    above = result[-1] if result else None
    if item.depth > 0 and above is not None and above.kind in LIST_KINDS and above.depth == item.depth - 1:
        result[-1] = replace(above, runs=(*above.runs, Run(" "), *runs))
    else:
        result.append(Block(BlockKind.PARAGRAPH, runs))
    lifting = True
    for block in blocks[index + 1 :]:
        lifting = lifting and block.kind in LIST_KINDS and block.depth > item.depth
        result.append(replace(block, depth=block.depth - 1) if lifting else block)
    return result


def clean_runs(runs: tuple[Run, ...], heading: bool, *, holdable: bool = False) -> tuple[Run, ...]:
    """The runs of a block in normal form (see :func:`normalise`)."""
    texts = [run.text for run in runs] if holdable else [strip_unholdable(run.text) for run in runs]
    full = "".join(texts)
    if "\n" in full:  # a line break in a run; one character for one keeps the marks aligned
        full = full.replace("\n", LINE_BREAK)
    if heading and LINE_BREAK in full:
        full = full.replace(LINE_BREAK, " ")  # a heading is one line
    text = full.strip()
    if not text:
        return ()
    if heading or not any(run.italic or run.bold for run in runs):
        if len(runs) == 1 and runs[0].text == text and not (runs[0].bold or runs[0].italic):
            return runs  # already in normal form
        return (Run(text),)  # the common case, without looking at each character
    marks: list[tuple[bool, bool]] = []
    for run, run_text in zip(runs, texts, strict=True):
        marks.extend([(run.bold, run.italic)] * len(run_text))
    leading = len(full) - len(full.lstrip())
    marks = marks[leading : leading + len(text)]
    return _runs_of(text, _marks_of_spaces(text, marks))


def _marks_of_spaces(text: str, marks: list[tuple[bool, bool]]) -> list[tuple[bool, bool]]:
    """Emphasis delimiters must touch text, so a space takes only the marks that the
    text on both sides of it shares (`**a** b`, never `**a **b`)."""
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
    return marks


def _runs_of(text: str, marks: list[tuple[bool, bool]]) -> tuple[Run, ...]:
    runs: list[Run] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or marks[index] != marks[start]:
            runs.append(Run(text[start:index], *marks[start]))
            start = index
    return tuple(runs)


def visible(runs: tuple[Run, ...]) -> tuple[tuple[str, bool, bool], ...]:
    """Each character with its formatting, as a reader sees it (a space is never bold)."""
    return tuple(
        (char, run.bold and not char.isspace(), run.italic and not char.isspace())
        for run in runs
        for char in run.text
    )
