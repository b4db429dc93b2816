"""argparse in Danish, for `referat` and `referat-desktop`.

argparse's own texts ("usage:", "options", "the following arguments are required") come
from gettext, and no Danish catalogue for them exists on any of our platforms. Installing
one would change gettext's global domain for the whole process, so instead the parser
is built with Danish titles, a Danish -h/--help and usage prefix, and `error()` turns
argparse's English message into Danish before printing it on one line.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any, NoReturn

EXIT_USAGE = 2

# Patterns as text: compiled (and cached by `re`) when an error is first translated, not at
# every start of `referat`.
_Rule = tuple[str, Callable[[re.Match[str]], str]]
_TYPES: dict[str, str] = {"int": "et helt tal"}


def _rule(pattern: str, danish: Callable[[re.Match[str]], str]) -> _Rule:
    return pattern, danish


# argparse's messages (Python 3.11-3.13), most specific first. `argument X: ...` wraps the
# others, so its inner message is translated too.
_RULES: list[_Rule] = [
    _rule(r"argument (.+?): (.*)", lambda m: f"argumentet {m[1]}: {translate(m[2])}"),
    _rule(r"the following arguments are required: (.*)", lambda m: f"mangler: {m[1]}"),
    _rule(r"one of the arguments (.*) is required", lambda m: f"et af argumenterne {m[1]} skal med"),
    _rule(r"unrecognized arguments: (.*)", lambda m: f"ukendte argumenter: {m[1]}"),
    _rule(r"invalid choice: (.*?) \(choose from (.*)\)",
          lambda m: f"ugyldigt valg: {m[1]} (vælg mellem {m[2]})"),
    _rule(r"invalid (\w+) value: (.*)", lambda m: f"ugyldig værdi: {m[2]} ({_TYPES.get(m[1], m[1])})"),
    _rule(r"expected one argument", lambda m: "forventede én værdi"),
    _rule(r"expected at most one argument", lambda m: "forventede højst én værdi"),
    _rule(r"expected at least one argument", lambda m: "forventede mindst én værdi"),
    _rule(r"expected (\d+) arguments?", lambda m: f"forventede {m[1]} værdier"),
    _rule(r"not allowed with argument (.*)", lambda m: f"kan ikke bruges sammen med {m[1]}"),
    _rule(r"ignored explicit argument (.*)", lambda m: f"tager ingen værdi: {m[1]}"),
    _rule(r"ambiguous option: (.*?) could match (.*)", lambda m: f"tvetydigt: {m[1]} kan være {m[2]}"),
    _rule(r"unexpected option string: (.*)", lambda m: f"uventet valgmulighed: {m[1]}"),
]


def translate(message: str) -> str:
    """argparse's English error message in Danish (unchanged if it is not argparse's)."""
    for pattern, danish in _RULES:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            return danish(match)
    return message


class DanishHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Brug: " if prefix is None else prefix)


class DanishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Danish, and whose errors are one line
    ("referat: <besked> (se 'referat --help')") with exit status 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DanishHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "valgmuligheder"
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og afslut")

    def add_version(self, version: str) -> None:
        self.add_argument("--version", action="version", version=version,
                          help="vis programmets version og afslut")

    def error(self, message: str) -> NoReturn:
        top = self.prog.split()[0]
        self.exit(EXIT_USAGE, f"{top}: {translate(message)} (se '{top} --help')\n")
