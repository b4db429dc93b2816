"""What the section editor shows is what the export prints: one reading of the Markdown.

The editor shows domain.section_text.parse(); the export nests the same blocks into its
document model. These tests compare the two shapes (see section_text_cases), worked out
independently on each side, for tricky texts and for generated ones. The same table is
loaded into the real editor in test_ui_section_editor.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referat_desktop.domain.section_text import LINE_BREAK, Block, BlockKind, Run, normalise, parse, render
from referat_desktop.domain.texts import Variant
from referat_desktop.export.build import build_document
from referat_desktop.export.document import Heading, NumberedList
from referat_desktop.export.section_nodes import SectionParser, document_nodes
from section_text_cases import SECTION_MARKDOWN, TRICKY, editor_shape, export_shape


def printed(markdown: str) -> list:
    return SectionParser().blocks(markdown)


@pytest.mark.parametrize(("markdown", "expected"), TRICKY, ids=[repr(m)[:40] for m, _ in TRICKY])
def test_tricky_texts_show_and_print_alike(markdown, expected):
    shown = editor_shape(parse(markdown))
    assert shown == expected
    assert export_shape(printed(markdown)) == shown
    # Saving after an edit writes the normal form; it prints the same.
    assert export_shape(printed(render(parse(markdown)))) == shown


def test_heading_of_any_level_prints_at_level_3_and_a_list_keeps_its_start():
    assert printed("# Heading") == [Heading(3, "Heading")]
    (numbered,) = printed("4. fire\n5. fem")
    assert isinstance(numbered, NumberedList) and numbered.start == 4 and len(numbered.items) == 2


@settings(max_examples=300, deadline=None)
@given(SECTION_MARKDOWN)
def test_any_section_text_shows_as_it_prints(markdown):
    shown = parse(markdown)
    assert export_shape(printed(markdown)) == editor_shape(shown), markdown
    # What the editor saves after an edit prints as it then shows, with every character
    # (formatting CommonMark cannot hold, such as bold `-` right after a line break, may
    # go), and saving again changes nothing.
    saved = render(shown)
    assert export_shape(printed(saved)) == editor_shape(parse(saved)), (markdown, saved)
    assert _without_formatting(parse(saved)) == _without_formatting(shown), (markdown, saved)
    assert render(parse(saved)) == saved


def _without_formatting(blocks: list[Block]) -> list:
    return [shape[:4] + ("".join(text for text, _, _ in shape[4]),) for shape in editor_shape(blocks)]


_RUN_TEXT = st.lists(st.sampled_from(["ab", " ", "æ", "1.", "*", "_", "\\", LINE_BREAK, "\x0b", "\n", "  "]),
                     min_size=1, max_size=6).map("".join)


@st.composite
def _edited_blocks(draw) -> list[Block]:
    """Blocks as the editor may hand them over: any kinds, depths, lists and numbers."""
    blocks = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(list(BlockKind)))
        run = st.builds(Run, _RUN_TEXT, st.booleans(), st.booleans())
        runs = tuple(draw(st.lists(run, min_size=1, max_size=3)))
        depth, number, key = draw(st.integers(0, 3)), draw(st.integers(1, 3)), draw(st.integers(0, 12))
        blocks.append(Block(kind, runs, depth, number, key))
    return blocks


@settings(max_examples=300, deadline=None)
@given(_edited_blocks())
def test_what_the_editor_saves_prints_as_the_editor_shows_it(blocks):
    # Once saved, the editor shows parse(saved), the blocks in normal form; formatting
    # CommonMark cannot hold (`ab*` italic) is dropped, never a character or a block.
    saved = render(blocks)
    shown = parse(saved)
    assert export_shape(printed(saved)) == editor_shape(shown), saved
    assert export_shape(document_nodes(shown)) == editor_shape(shown)
    assert _without_formatting(shown) == _without_formatting(normalise(blocks)), saved


def test_sample_meeting_prints_every_section_as_the_editor_shows_it(sample_meeting):
    texts = [s.text for item in sample_meeting.items for s in item.sections if s.text]
    for text in texts:
        assert export_shape(printed(text)) == editor_shape(parse(text))
    # and the minutes hold exactly those blocks (nothing else reads section text)
    document = build_document(sample_meeting, Variant.MINUTES)
    body = [b for b in document.blocks if not isinstance(b, Heading) or b.level == 3]
    section_blocks = [b for text in texts for b in printed(text)]
    assert all(any(b is not s and b == s for b in body) for s in section_blocks)
