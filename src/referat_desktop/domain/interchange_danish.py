"""referat/1 validation messages in Danish, for the window.

`interchange.FormatError` speaks the contract's language: English, with the JSON path
(`meetings[0].items[2].title: expected non-empty text`), which other systems and the
command line keep (docs/formats.md). The secretary importing a file in the window reads
the same finding in Danish, with the place in her words ("møde 1, punkt 3, Titel: må ikke
være tom"). Translating the finished message keeps interchange.py free of a second set of
texts; a message this table does not know is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from referat_desktop.domain.model import ITEM_FIELDS, MEETING_FIELDS

# JSON lists: key -> the Danish noun counted from 1.
_LISTS = {
    "meetings": "møde", "items": "punkt", "sections": "afsnit", "attachments": "bilag",
    "participants": "deltager", "absent": "fraværende", "conflicts": "inhabilitet",
    "votes": "afstemning", "statements": "protokoltilførsel", "corrections": "rettelse",
    "for": "stemme for", "against": "stemme imod", "abstain": "undlader",
}
_KEYS = {spec.name: spec.label.replace("&", "").lower() for spec in (*MEETING_FIELDS, *ITEM_FIELDS)} | {
    "format": "format", "kind": "slags", "heading": "overskrift", "text": "tekst", "name": "navn",
    "data": "fil (data)", "media_type": "medietype", "approval": "godkendelse",
    "approved_on": "godkendt den", "approved_by": "godkendt af", "sha256": "sha256",
    "motion": "forslag", "result": "resultat", "by": "af", "date": "dato", "note": "bemærkning",
    "meetings": "møder", "items": "punkter", "sections": "afsnit", "attachments": "bilag",
}
_Problem = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]


def _problem(pattern: str, danish: Callable[[re.Match[str]], str]) -> _Problem:
    return re.compile(pattern, re.DOTALL), danish


_PROBLEMS: list[_Problem] = [
    _problem(r"not valid JSON \(line (\d+), column (\d+): .*\)",
             lambda m: f"filen er ikke gyldig JSON (linje {m[1]}, kolonne {m[2]})"),
    _problem(r"expected a JSON object at the top", lambda m: "filen skal indeholde ét JSON-objekt"),
    _problem(r'expected "(.*?)", found (.*)', lambda m: f'forventede "{m[1]}", fandt {m[2]}'),
    _problem(r"expected a date as YYYY-MM-DD, found (.*)",
             lambda m: f"forventede en dato som ÅÅÅÅ-MM-DD, fandt {m[1]}"),
    _problem(r"expected a time as HH:MM, found (.*)",
             lambda m: f"forventede et klokkeslæt som TT:MM, fandt {m[1]}"),
    _problem(r"expected 64 lower-case hexadecimal digits",
             lambda m: "forventede 64 hexadecimale cifre med små bogstaver"),
    _problem(r"expected non-empty text", lambda m: "må ikke være tom"),
    _problem(r"expected true or false", lambda m: "forventede true eller false"),
    _problem(r"expected one of (.*), found (.*)", lambda m: f"forventede en af {m[1]}, fandt {m[2]}"),
    _problem(r"expected base64", lambda m: "forventede base64"),
    _problem(r"expected an object", lambda m: "forventede et objekt"),
    _problem(r"expected a list of text", lambda m: "forventede en liste af tekster"),
    _problem(r"expected a list", lambda m: "forventede en liste"),
    _problem(r"expected text", lambda m: "forventede tekst"),
    _problem(r"missing", lambda m: "mangler"),
]
_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")


def in_danish(message: str) -> str:
    """A FormatError's message in Danish; unchanged if it is not one this table knows."""
    place, separator, problem = message.partition(": ")
    if not separator or not _is_place(place):
        place, problem = "", message
    for pattern, danish in _PROBLEMS:
        match = pattern.fullmatch(problem)
        if match:
            translated = danish(match)
            return f"{place_in_danish(place)}: {translated}" if place else _sentence(translated)
    return message


def place_in_danish(place: str) -> str:
    """`meetings[0].items[2].title` -> `møde 1, punkt 3, Titel`."""
    words = []
    for step in place.split("."):
        match = _STEP.fullmatch(step)
        if match is None:
            words.append(step)
        elif match[2] is not None:
            words.append(f"{_LISTS.get(match[1], match[1])} {int(match[2]) + 1}")
        else:
            words.append(_KEYS.get(match[1], match[1]))
    return ", ".join(words)


def _is_place(text: str) -> bool:
    return all(_STEP.fullmatch(step) for step in text.split("."))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
