"""Section text: blocks of formatted runs, and the Markdown that stores them.

The stored format is the CommonMark subset of DESIGN.md: paragraphs, ``**bold**``,
``*italic*``, ``- `` bullets, ``1. `` numbered lists (nested too) and ``### `` sub-headings.
The editor works on a neutral list of :class:`Block` objects and the export prints the
same blocks, so there is one reading of a section's text:

- section_blocks: the blocks and their normal form (no Markdown);
- section_reader: Markdown -> blocks (markdown-it-py with everything outside the subset
  switched off, and the rules that keep `1) ...`, `16. december ...` and a lone `*` as
  typed);
- section_writer: blocks -> Markdown that reads back the same.

No Qt here, so the round trip is tested on its own.
"""

from __future__ import annotations

from referat_desktop.domain.section_blocks import (
    LINE_BREAK,
    LIST_KINDS,
    Block,
    BlockKind,
    Run,
    normalise,
    strip_unholdable,
    visible,
)
from referat_desktop.domain.section_reader import parse
from referat_desktop.domain.section_writer import render

__all__ = [
    "LINE_BREAK",
    "LIST_KINDS",
    "Block",
    "BlockKind",
    "Run",
    "normalise",
    "parse",
    "render",
    "strip_unholdable",
    "visible",
]
