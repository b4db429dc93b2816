"""Which words of a text the spell check looks at (no Qt, no dictionary).

A word is a run of letters. Not checked, because a dictionary cannot know them and a red
line under them would only be noise: anything in a token with a digit (a case number
19/18529, "5eren", "2019-tal"), URLs and e-mail addresses, all-capital abbreviations (ØU,
FKU) and single letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A word is a run of letters, with an apostrophe between letters kept ("Anne's"). A
# token (what stands between spaces) with a digit or a URL's or address's mark in it is
# skipped whole. Both are found by a regular expression over the whole text: a keystroke
# re-checks its whole paragraph, so this runs in C, not word by word in Python.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SKIPPED_TOKEN = re.compile(r"(?<!\S)\S*?(?:\d|://|www\.|mailto:|@)\S*", re.IGNORECASE)


def words_to_check(text: str) -> list[tuple[int, int]]:
    """(start, length) of every word in `text` worth looking up, in order."""
    skipped = [m.span() for m in _SKIPPED_TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    next_skip = 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        while next_skip < len(skipped) and skipped[next_skip][1] <= start:
            next_skip += 1
        if next_skip < len(skipped) and skipped[next_skip][0] <= start:
            continue  # inside a token with a digit or a URL
        if end - start < 2 or word.group().isupper():
            continue
        spans.append((start, end - start))
    return spans


def word_at(text: str, position: int) -> tuple[int, int] | None:
    """The checked word (start, length) under `position` (the cursor before or inside it)."""
    for start, length in words_to_check(text):
        if start <= position <= start + length:
            return start, length
    return None


def name_words(names: Iterable[str]) -> set[str]:
    """The words of people's names, folded: "Kathrine Skaastrup-Holm" gives three."""
    return {word.casefold() for name in names for word in _WORD.findall(name)}
