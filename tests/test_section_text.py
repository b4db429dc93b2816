"""Section text blocks <-> Markdown, without Qt: what is written reads back the same."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from referat_desktop.domain.section_text import (
    LINE_BREAK,
    LIST_KINDS,
    Block,
    BlockKind,
    Run,
    normalise,
    parse,
    render,
    visible,
)
from referat_desktop.resources_path import SAMPLE_MEETING, resource

MD = MarkdownIt("commonmark", {"html": False})

def equivalent(first: list[Block], second: list[Block]) -> bool:
    """Whether two block lists show the same: the same blocks, lists, text and formatting
    of every visible character."""
    first, second = normalise(first), normalise(second)
    return (
        [(a.kind, a.depth, a.number, visible(a.runs)) for a in first]
        == [(b.kind, b.depth, b.number, visible(b.runs)) for b in second]
        and _list_partition(first) == _list_partition(second)
    )


def _list_partition(blocks: list[Block]) -> list[int]:
    keys: dict[int, int] = {}
    return [keys.setdefault(b.list_key, len(keys)) if b.kind in LIST_KINDS else -1 for b in blocks]


# Text with everything that could be mistaken for markup, and the odd non-ASCII letter.
_ALPHABET = st.sampled_from(
    list("ab æøå 12.)-+*_#>`[]()<>&;!\\|~=:'\"\t") + ["&amp;", "1.", "1)", "- ", "**", "\u00a0"]
)
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=12).map("".join)
_RUN = st.builds(Run, _TEXT, st.booleans(), st.booleans())


@st.composite
def _blocks(draw, run_strategy) -> list[Block]:
    blocks = []
    for _ in range(draw(st.integers(1, 7))):
        kind = draw(st.sampled_from(list(BlockKind)))
        runs = tuple(draw(st.lists(run_strategy, min_size=1, max_size=4)))
        if kind in (BlockKind.BULLET, BlockKind.NUMBERED):
            depth, number, key = draw(st.integers(0, 2)), draw(st.integers(1, 3)), draw(st.integers(1, 12))
            blocks.append(Block(kind, runs, depth, number, key))
        else:
            blocks.append(Block(kind, runs))
    return blocks


# Formatting that changes between words (not inside one, where CommonMark runs the
# delimiters of neighbouring spans together) always survives exactly.
_WORDS = st.lists(st.sampled_from(["ab", "æø", "12", "x y", "ok."]), min_size=1, max_size=3).map(
    lambda w: f" {' '.join(w)} "
)


@settings(max_examples=60, deadline=None)
@given(_blocks(st.builds(Run, _WORDS, st.booleans(), st.booleans())))
def test_formatted_words_read_back_exactly(blocks):
    markdown = render(blocks)
    assert equivalent(parse(markdown), blocks), markdown


@settings(max_examples=80, deadline=None)
@given(_blocks(_RUN))
def test_any_text_reads_back_with_every_character_and_no_new_formatting(blocks):
    markdown = render(blocks)
    back = parse(markdown)
    expected = normalise(blocks)
    assert [(b.kind, b.depth, b.number, b.text) for b in back] == [
        (b.kind, b.depth, b.number, b.text) for b in expected
    ], markdown
    for got, want in zip(back, expected, strict=True):
        # Formatting CommonMark cannot hold (``a*.*``) may be dropped, never invented.
        for (char, bold, italic), (_, want_bold, want_italic) in zip(_chars(got), _chars(want), strict=False):
            assert (bold <= want_bold and italic <= want_italic) or char.isspace(), markdown
    assert render(back) == markdown  # stable: saving again changes nothing


def _chars(block: Block) -> list[tuple[str, bool, bool]]:
    return [(char, run.bold, run.italic) for run in block.runs for char in run.text]


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_typed_text_comes_back_as_typed(text):
    markdown = render([Block(BlockKind.PARAGRAPH, (Run(text),))])
    inline = [t for t in MD.parse(markdown) if t.type == "inline"]
    expected = text.strip()
    if not expected:
        assert markdown == ""
        return
    assert [t.type for t in MD.parse(markdown)] == ["paragraph_open", "inline", "paragraph_close"], markdown
    assert "".join(c.content for c in inline[0].children if c.type == "text") == expected


def test_markup_lookalikes():
    cases = {
        "24-09-2019: BY Temadrøftelse": "24-09-2019: BY Temadrøftelse",
        "1) a 2) b": "1\\) a 2) b",
        "<b>": "\\<b>",
        "*": "\\*",
        "# x": "\\# x",
        "- x": "\\- x",
        "> x": "\\> x",
        "snake_case og _x_": "snake_case og \\_x\\_",
        "R&D &amp; 5 > 3": "R&D \\&amp; 5 > 3",
        "C:\\mappe": "C:\\\\mappe",
        "~~ikke overstreget~~ ~5": "\\~\\~ikke overstreget\\~\\~ ~5",
    }
    for typed, markdown in cases.items():
        assert render([Block(BlockKind.PARAGRAPH, (Run(typed),))]) == markdown
        assert parse(markdown)[0].text == typed


def test_formatting_lists_and_headings():
    blocks = [
        Block(BlockKind.HEADING, (Run("Økonomi"),)),
        Block(BlockKind.PARAGRAPH, (Run("Det er "), Run("vedtaget ", bold=True), Run("nu", italic=True))),
        Block(BlockKind.BULLET, (Run("a"),), 0, 1),
        Block(BlockKind.NUMBERED, (Run("b"),), 1, 2, 3),
        Block(BlockKind.NUMBERED, (Run("c"),), 1, 2, 4),
        Block(BlockKind.BULLET, (Run("d"),), 0, 1),
        Block(BlockKind.BULLET, (Run("e"),), 0, 5),  # another list right after the first
    ]
    markdown = render(blocks)
    assert markdown == "### Økonomi\n\nDet er **vedtaget** *nu*\n\n- a\n\n  3. b\n  4. c\n- d\n* e"
    assert MD.render(markdown).count("<ul>") == 2
    assert equivalent(parse(markdown), blocks)


def test_constructs_outside_the_format_keep_their_text():
    # As the export prints them (one reading for both): markup outside the subset is
    # text as typed, not a quote, a link or code. A heading of any level is a sub-heading.
    markdown = (
        "# Stor\n\n> citat\n\n[link](https://x.dk) ![alt tekst](b.png) `kode`\n\n"
        "    indrykket\n\n- a\n\n  fortsat"
    )
    assert [(b.kind, b.text) for b in parse(markdown)] == [
        (BlockKind.HEADING, "Stor"),
        (BlockKind.PARAGRAPH, "> citat"),
        (BlockKind.PARAGRAPH, "[link](https://x.dk) ![alt tekst](b.png) `kode`"),
        (BlockKind.PARAGRAPH, "indrykket"),
        (BlockKind.BULLET, "a fortsat"),
    ]


_WORDS_AND_BREAKS = st.lists(
    st.sampled_from(["ab", "æø", "12", "x y", "ok.", LINE_BREAK]), min_size=1, max_size=4
).map(
    lambda w: f" {' '.join(w)} "
)


@settings(max_examples=60, deadline=None)
@given(_blocks(st.builds(Run, _WORDS_AND_BREAKS, st.booleans(), st.booleans())))
def test_line_breaks_and_their_formatting_read_back_exactly(blocks):
    markdown = render(blocks)
    assert equivalent(parse(markdown), blocks), markdown


def test_line_breaks_are_kept_with_their_spaces_and_a_heading_is_one_line():
    blocks = [
        Block(BlockKind.PARAGRAPH,
              (Run("Med venlig hilsen \u2028"), Run("Kathrine", bold=True), Run("\u2028 - 1. sal"))),
        Block(BlockKind.BULLET, (Run("a\u2028\u2028b"),), 0, 1),
        Block(BlockKind.HEADING, (Run("Over\u2028skrift"),)),
    ]
    assert render(blocks) == (
        "Med venlig hilsen \u2028**Kathrine**\u2028 - 1. sal\n\n- a\u2028\u2028b\n\n### Over skrift"
    )
    assert [b.text for b in parse(render(blocks))] == [
        "Med venlig hilsen \u2028Kathrine\u2028 - 1. sal", "a\u2028\u2028b", "Over skrift",
    ]
    # Read from other systems: a hard break, and from Word a vertical tab or form feed;
    # other control characters go.
    assert parse("a\\\nb  \nc\x0bd\x0c e\x01f")[0].text == "a\u2028b\u2028c\u2028d\u2028 ef"


def test_what_markdown_cannot_tell_apart_is_made_one():
    # `1)` would separate two numbered lists, but reads as typed text: they become one.
    two_lists = [Block(BlockKind.NUMBERED, (Run("a"),), 0, 1, 1),
                 Block(BlockKind.NUMBERED, (Run("b"),), 0, 2, 1)]
    assert render(two_lists) == "1. a\n2. b"
    assert [(b.list_key, b.number) for b in normalise(two_lists)] == [(1, 1), (1, 2)]
    # A top-level list of one item from 16 is the paragraph `16. december` as typed.
    one_item = [Block(BlockKind.PARAGRAPH, (Run("Dato:"),)),
                Block(BlockKind.NUMBERED, (Run("december"),), 0, 1, 16),
                Block(BlockKind.BULLET, (Run("under"),), 1, 2)]
    assert render(one_item) == "Dato:\n\n16\\. december\n\n- under"
    assert normalise(one_item)[1:] == [Block(BlockKind.PARAGRAPH, (Run("16. december"),)),
                                       Block(BlockKind.BULLET, (Run("under"),), 0, 1)]


def test_a_heading_has_no_formatting_of_its_own():
    assert parse("### **Fed** og *kursiv*") == [Block(BlockKind.HEADING, (Run("Fed og kursiv"),))]
    assert render([Block(BlockKind.HEADING, (Run("x", italic=True),))]) == "### x"


def test_emphasis_commonmark_cannot_hold_keeps_the_text():
    blocks = [Block(BlockKind.PARAGRAPH, (Run("a"), Run("(x)", bold=True), Run("b")))]
    assert parse(render(blocks))[0].text == "a(x)b"


def test_the_sample_meeting_is_already_in_normal_form():
    data = json.loads(resource(*SAMPLE_MEETING).read_text(encoding="utf-8"))
    texts = [s["text"] for item in data["meetings"][0]["items"] for s in item["sections"] if s["text"]]
    assert texts and all(render(parse(text)) == text for text in texts)
