"""What an export reports: an error that stopped it, or warnings about what it left out.

A module of its own so that a renderer (pdf.py warns about characters no font can draw)
needs nothing from the pipeline that calls it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from referat_desktop.export.document import Place

LISTED_CHARACTERS = 20  # a warning lists at most this many characters, and
LISTED_PLACES = 3  # this many places: a Chinese text could otherwise fill the screen
LISTED_TITLE = 50  # characters of an item title


class ExportError(Exception):
    """The export could not be written; the message says why in plain words."""


@dataclass(frozen=True)
class ExportWarning:
    """Something a written export had to leave out.

    `message` is one line in Danish, lower-case and without a full stop like ExportError's
    (`referat export` prints it after `referat: advarsel:`; the window makes it a sentence).
    """

    message: str
    characters: tuple[str, ...] = ()  # the characters left out, in order of first appearance
    places: tuple[Place, ...] = ()  # where each of them first appears


def missing_characters_warning(missing: dict[str, Place]) -> ExportWarning:
    """The warning for characters the PDF left out, naming where each first appears:
    `tegnene ✅ 中 文 kan ikke vises i PDF'en og er udeladt (i punkt 3 "Titel", afsnittet "Beslutning")`."""
    return replaced_characters_warning(missing, "i PDF'en", "er udeladt")


def replaced_characters_warning(missing: dict[str, Place], medium: str, done: str) -> ExportWarning:
    """The warning for characters a format cannot hold: `tegnet X kan ikke vises <medium> og
    <done> (<where>)`, e.g. medium "i websiden", done "er erstattet af �". A key of
    `missing` is the character, or its name ("U+FDD0") where the character shows as nothing."""
    characters = list(missing)
    by_place: dict[Place, list[str]] = {}
    for character, place in missing.items():
        by_place.setdefault(place, []).append(character)
    if len(by_place) == 1:
        where = _describe(next(iter(by_place)))
    else:
        where = "; ".join(f"{_listed(chars)} {_describe(place)}"
                          for place, chars in list(by_place.items())[:LISTED_PLACES])
        if len(by_place) > LISTED_PLACES:
            where += f"; og {len(by_place) - LISTED_PLACES} steder mere"
    noun = "tegnet" if len(characters) == 1 else "tegnene"
    return ExportWarning(f"{noun} {_listed(characters)} kan ikke vises {medium} og {done} ({where})",
                         tuple(characters), tuple(missing.values()))


def _listed(characters: list[str]) -> str:
    # A lone combining mark is shown on a dotted circle, or it would sit on the space before it.
    shown = ["\u25cc" + c if len(c) == 1 and unicodedata.combining(c) else c
             for c in characters[:LISTED_CHARACTERS]]
    more = len(characters) - LISTED_CHARACTERS
    return " ".join(shown) + (f" og {more} andre" if more > 0 else "")


def _describe(place: Place) -> str:
    if not place.item:
        return "på forsiden"
    title = place.title if len(place.title) <= LISTED_TITLE else place.title[:LISTED_TITLE - 1] + "…"
    item = f'i punkt {place.item} "{title}"'
    if place.section is None:
        return item
    return f'{item}, afsnittet "{place.section}"' if place.section else f"{item}, et afsnit uden overskrift"
