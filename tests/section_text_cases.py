"""Section texts that are easy to get wrong, and the shape of what the editor shows and
what the export prints, so tests can check the two are the same.

A shape is one tuple per paragraph, sub-heading or list item, in reading order:
``(kind, depth, number, list, runs)`` with `list` the index of the list an item belongs
to (in order of first appearance, -1 outside lists) and `runs` the (text, bold, italic)
of the visible text, a line break written "\\n". Shapes are worked out independently on
each side: from the editor's flat blocks, and by walking the export's nested lists.
"""

from __future__ import annotations

from hypothesis import strategies as st

from referat_desktop.domain.section_text import LINE_BREAK, LIST_KINDS, Block, Run, visible
from referat_desktop.export.document import BulletList, Heading, NumberedList, Paragraph

Shape = list[tuple[str, int, int, int, tuple[tuple[str, bool, bool], ...]]]


def _visible_runs(runs) -> tuple[tuple[str, bool, bool], ...]:
    """Runs as a reader sees them: merged where the visible formatting is the same."""
    merged: list[list] = []
    for char, bold, italic in visible(tuple(runs)):
        char = "\n" if char == LINE_BREAK else char
        if merged and merged[-1][1:] == [bold, italic]:
            merged[-1][0] += char
        else:
            merged.append([char, bold, italic])
    return tuple((text, bold, italic) for text, bold, italic in merged)


def editor_shape(blocks: list[Block]) -> Shape:
    lists: dict[int, int] = {}
    shape = []
    for block in blocks:
        in_list = block.kind in LIST_KINDS
        list_index = lists.setdefault(block.list_key, len(lists)) if in_list else -1
        shape.append((
            block.kind.value,
            block.depth if in_list else 0,
            block.number if block.kind.value == "numbered" else 1,
            list_index,
            _visible_runs(block.runs),
        ))
    return shape


def export_shape(blocks: list) -> Shape:
    shape: Shape = []
    counter = [0]

    def walk(block, depth: int) -> None:
        if isinstance(block, Heading):
            assert block.level == 3, block
            shape.append(("heading", 0, 1, -1, _visible_runs([Run(block.text)])))
        elif isinstance(block, Paragraph):
            assert block.role == "body", block
            shape.append(("paragraph", 0, 1, -1, _visible_runs(block.runs)))
        elif isinstance(block, (BulletList, NumberedList)):
            numbered = isinstance(block, NumberedList)
            list_index = counter[0]
            counter[0] += 1
            for position, item in enumerate(block.items):
                first, *nested = item.blocks
                assert isinstance(first, Paragraph), item  # an item is its text, then its lists
                number = block.start + position if numbered else 1
                kind = "numbered" if numbered else "bullet"
                shape.append((kind, depth, number, list_index, _visible_runs(first.runs)))
                for inner in nested:
                    assert isinstance(inner, (BulletList, NumberedList)), item
                    walk(inner, depth + 1)
        else:
            raise AssertionError(f"not a section block: {block!r}")

    for block in blocks:
        walk(block, 0)
    return shape


def plain(kind: str, text: str, depth: int = 0, number: int = 1, list_index: int = -1):
    """The shape of one block of unformatted text."""
    return (kind, depth, number, list_index, ((text, False, False),))


def para(text: str):
    return plain("paragraph", text)


# (Markdown as stored, e.g. imported from JSON; what the editor shows and the export prints)
TRICKY = [
    ("24-09-2019: BY Temadrøftelse om Hedehusene", [para("24-09-2019: BY Temadrøftelse om Hedehusene")]),
    ("1) a 2) b", [para("1) a 2) b")]),
    ("Der er tre kriterier:\n1) måle\n2) forbedre",
     [para("Der er tre kriterier:"), para("1) måle"), para("2) forbedre")]),
    ("16. december 2019 blev planen vedtaget", [para("16. december 2019 blev planen vedtaget")]),
    ("Indledning\n\n16. december 2019 blev planen vedtaget",
     [para("Indledning"), para("16. december 2019 blev planen vedtaget")]),
    ("1. punkt", [plain("numbered", "punkt", list_index=0)]),
    ("*", [para("*")]),
    ("-", [para("-")]),
    ("- punkt", [plain("bullet", "punkt", list_index=0)]),
    ("<b>x</b>", [para("<b>x</b>")]),
    ("R&D", [para("R&D")]),
    ("a<b", [para("a<b")]),
    ("&amp; og &copy;", [para("&amp; og &copy;")]),
    ("**bold** and *it*",
     [("paragraph", 0, 1, -1, (("bold", True, False), (" and ", False, False), ("it", False, True)))]),
    ("***begge*** **fed *kursiv***", [("paragraph", 0, 1, -1, (  # a space is never bold to a reader
        ("begge", True, True), (" ", False, False), ("fed", True, False), (" ", False, False),
        ("kursiv", True, True)))]),
    ("- a\n  - b\n    - c\n- d", [
        plain("bullet", "a", 0, 1, 0), plain("bullet", "b", 1, 1, 1), plain("bullet", "c", 2, 1, 2),
        plain("bullet", "d", 0, 1, 0),
    ]),
    ("1. a\n   - b\n     1. c\n     2. d\n2. e", [
        plain("numbered", "a", 0, 1, 0), plain("bullet", "b", 1, 1, 1), plain("numbered", "c", 2, 1, 2),
        plain("numbered", "d", 2, 2, 2), plain("numbered", "e", 0, 2, 0),
    ]),
    ("4. fire\n5. fem\n6. seks",
     [plain("numbered", t, 0, n, 0) for t, n in (("fire", 4), ("fem", 5), ("seks", 6))]),
    ("- en\n\n  3. tre\n  4. fire", [plain("bullet", "en", 0, 1, 0), plain("numbered", "tre", 1, 3, 1),
                                   plain("numbered", "fire", 1, 4, 1)]),
    ("- 16. december 2019 møde\n- 17. december 2019 møde",
     [plain("bullet", "16. december 2019 møde", 0, 1, 0),
      plain("bullet", "17. december 2019 møde", 0, 1, 0)]),
    ("- en\n\n  3. tre", [plain("bullet", "en 3. tre", list_index=0)]),
    ("### Heading", [plain("heading", "Heading")]),
    ("# Heading", [plain("heading", "Heading")]),
    ("## To *x* **y**", [plain("heading", "To x y")]),
    ("> quote", [para("> quote")]),
    ("`kode` og ``mere``", [para("`kode` og ``mere``")]),
    ("[x](y) og <http://x.dk>", [para("[x](y) og <http://x.dk>")]),
    ("    indrykket", [para("indrykket")]),
    ("\\*escaped\\* 1\\. \\# \\- x", [para("*escaped* 1. # - x")]),
    ("---", [para("---")]),
    ("Linje\n===", [para("Linje ===")]),
    ("- a\n\n  fortsat", [plain("bullet", "a fortsat", list_index=0)]),
    ("en\nto  \ntre\\\nfire", [para("en to\ntre\nfire")]),
    ("første\x0banden\x0ctredje\x01\x7f slut\tfane", [para("første\nanden\ntredje slut\tfane")]),
    ("- a\x0bb\n- c", [plain("bullet", "a\nb", 0, 1, 0), plain("bullet", "c", 0, 1, 0)]),
    ("1. a\n1) b", [plain("numbered", "a", 0, 1, 0), para("1) b")]),
    ("5. x\n   - y", [para("5. x"), plain("bullet", "y", 0, 1, 0)]),
    ("- a\n-\n- b", [plain("bullet", "a", 0, 1, 0), plain("bullet", "b", 0, 1, 0)]),
    ("Æble, øl og å – ”citat” 10 m² 😀", [para("Æble, øl og å – ”citat” 10 m² 😀")]),
]


# Lines of section text as other systems write it: list markers of every kind, indents,
# emphasis, markup look-alikes, escapes, pasted line breaks and control characters.
_PREFIX = st.sampled_from(
    ["", "", "", "- ", "* ", "+ ", "1. ", "2. ", "16. ", "1) ", "3) ", "# ", "### ", "> ", "  ", "   ",
     "    ", "  - ", "   1. ", "     - ", "-", "*", "1."]
)
_WORD = st.sampled_from(
    ["a", "bc", "æø", "16.", "1)", "2019", "**", "*", "_", "`", "[x](y)", "<b>", "&amp;", "R&D", "\\", "\\*",
     "#", ">", "-", "=", "~~", "  ", "\x0b", "\x01", "\t", "\u2028", "😀"]
)
_LINE = st.builds(lambda prefix, words: prefix + " ".join(words), _PREFIX, st.lists(_WORD, max_size=5))
_LINE_END = st.sampled_from(["\n", "\n", "\n\n", "  \n", "\\\n"])
SECTION_MARKDOWN = st.lists(st.tuples(_LINE, _LINE_END), min_size=1, max_size=7).map(
    lambda lines: "".join(line + end for line, end in lines)
)
