"""Section text into document blocks, and the cleaning of all text.

A section's Markdown is read once, by domain/section_text.py: the same blocks the editor
shows. This module only nests them into the document model (list items by depth into
BulletList/NumberedList trees, runs into document Runs), so the editor and the printed
document cannot disagree about what a text is: a list, a heading, `1) ...` as typed.
"""

from __future__ import annotations

import re

from referat_desktop.domain import section_text
from referat_desktop.domain.section_text import LINE_BREAK, BlockKind
from referat_desktop.export.document import (
    BulletList,
    Heading,
    ListItem,
    Node,
    NumberedList,
    Paragraph,
    TextRun,
)


def clean_text(text: str) -> str:
    """Text for a run: control characters dropped, pasted line breaks become "\\n"."""
    return section_text.strip_unholdable(text).replace(LINE_BREAK, "\n")


def clean_line(text: str) -> str:
    """Text that must stay on one line (titles, names, headings): every break becomes a space."""
    return re.sub(f"[\t\n{LINE_BREAK}]", " ", section_text.strip_unholdable(text))


class SectionParser:
    """Turns one section's Markdown into Heading(3)/Paragraph/BulletList/NumberedList blocks."""

    def blocks(self, text: str) -> list[Node]:
        return document_nodes(section_text.parse(text))


def document_nodes(blocks: list[section_text.Block]) -> list[Node]:
    """The document blocks of a section's blocks (in normal form, as parse gives them):
    each list item is a ListItem whose first block is its paragraph, followed by the
    lists nested in it; a numbered list starts at its first item's number."""
    result: list[Node] = []
    open_lists: list[tuple[int, BulletList | NumberedList]] = []  # (list key, list) per depth
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            open_lists.clear()
            # Any level inside a section is a sub-heading: levels 1 and 2 belong to the
            # item and section headings of the template.
            result.append(Heading(3, block.text))
        elif block.kind == BlockKind.PARAGRAPH:
            open_lists.clear()
            result.append(Paragraph(_runs(block)))
        else:
            depth = min(block.depth, len(open_lists))  # no gaps, even in blocks not normalised
            if depth < len(open_lists) and open_lists[depth][0] == block.list_key:
                del open_lists[depth + 1 :]
            else:
                del open_lists[depth:]
                new: BulletList | NumberedList = (
                    BulletList([]) if block.kind == BlockKind.BULLET else NumberedList([], start=block.number)
                )
                (open_lists[-1][1].items[-1].blocks if open_lists else result).append(new)
                open_lists.append((block.list_key, new))
            open_lists[depth][1].items.append(ListItem([Paragraph(_runs(block))]))
    return result


def _runs(block: section_text.Block) -> list[TextRun]:
    return [TextRun(run.text.replace(LINE_BREAK, "\n"), run.bold, run.italic) for run in block.runs]
