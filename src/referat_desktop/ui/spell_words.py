"""Which words of a text the spell check looks at (no Qt, no dictionary).

A word is a run of letters. Not checked, because a dictionary cannot know them and a red
line under them would only be noise: anything in a token with a digit (a case number
19/18529, "5eren", "2019-tal"), URLs and e-mail addresses, all-capital abbreviations (ØU,
FKU) and single letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A token is what stands between spaces; a word is a run of letters inside it, with an
# apostrophe between letters kept ("Anne's").
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_URL = re.compile(r"^[(\[<\"']*(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)|@\w", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def words_to_check(text: str) -> list[tuple[int, int]]:
    """(start, length) of every word in `text` worth looking up, in order."""
    spans: list[tuple[int, int]] = []
    for token in _TOKEN.finditer(text):
        value = token.group()
        if _DIGIT.search(value) or _URL.search(value):
            continue
        for word in _WORD.finditer(value):
            found = word.group()
            if len(found) < 2 or found.isupper():
                continue
            spans.append((token.start() + word.start(), len(found)))
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
