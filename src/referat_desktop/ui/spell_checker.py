"""The Danish dictionary, the personal word list and the rules on top (no Qt).

The engine is Enchant's Hunspell provider through pyenchant (measured against spylls:
docs/decisions.md). Enchant finds a Hunspell dictionary only in its configuration folder
(ENCHANT_CONFIG_DIR/hunspell) or the system's folders, and it writes its own empty
word-list files into the configuration folder. So the configuration folder is one of
ours in the user's data folder, and the dictionary shipped in resources/dictionaries is
linked (or, where links are not allowed, copied) into it: it works the same with no
system dictionary, on Windows and in the installed program.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from referat_desktop.resources_path import resource
from referat_desktop.ui.spell_words import name_words

LANGUAGE = "da_DK"
DICTIONARY_FILES = (f"{LANGUAGE}.aff", f"{LANGUAGE}.dic")


class Dictionary(Protocol):
    def check(self, word: str) -> bool: ...
    def suggest(self, word: str) -> list[str]: ...


def load_danish(folder: Path) -> Dictionary:
    """The shipped Danish dictionary, with `folder` as Enchant's own folder."""
    prepare_folder(folder)
    return open_danish()


def prepare_folder(folder: Path) -> None:
    """Link the shipped dictionary into `folder` and point Enchant there. On the window's
    thread: it changes the process environment, which no other thread may be reading."""
    hunspell = folder / "hunspell"
    hunspell.mkdir(parents=True, exist_ok=True)
    for name in DICTIONARY_FILES:
        _link_or_copy(Path(str(resource("dictionaries", name))), hunspell / name)
    # Read when a broker is created (pyenchant's own default broker, made at import,
    # is not used): the one process-wide setting the library offers for this.
    os.environ["ENCHANT_CONFIG_DIR"] = str(folder)


def open_danish() -> Dictionary:
    """Slow (about 0.15 s, mostly in C): call it off the window's thread. Raises
    ImportError (no Enchant library) or enchant's error when it cannot be had."""
    import enchant  # imported here: the window starts without it (and without libenchant)

    broker = enchant.Broker()
    dictionary: Dictionary = broker.request_dict(LANGUAGE)
    return dictionary


def _link_or_copy(source: Path, target: Path) -> None:
    if target.is_symlink() and target.resolve() == source.resolve():
        return
    if not target.is_symlink() and target.is_file() and target.stat().st_size == source.stat().st_size:
        return
    if target.is_symlink() or target.exists():
        target.unlink()
    try:
        target.symlink_to(source)
    except OSError:  # Windows without the right to make links
        shutil.copyfile(source, target)


class PersonalWordList:
    """Words the user added ("Tilføj til ordbog"): one a line, UTF-8, in her data folder.
    Written whole to a temporary file that then replaces the old one, so a crash never
    leaves half a list."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.words: list[str] = []
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        self.words = [line.strip() for line in text.splitlines() if line.strip()]

    def add(self, word: str) -> None:
        if word in self.words:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        words = [*self.words, word]
        handle, temporary = tempfile.mkstemp(prefix=".ordbog-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write("".join(f"{w}\n" for w in words))
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.words = words


class SpellChecker:
    """Is a word misspelt? The dictionary's answer, cached (a keystroke re-checks its
    whole paragraph), unless the word is the user's, ignored or part of a name."""

    def __init__(self, word_list: PersonalWordList | None) -> None:
        self.dictionary: Dictionary | None = None
        self.word_list = word_list
        self._cache: dict[str, bool] = {}
        self._accepted: set[str] = {w.casefold() for w in word_list.words} if word_list else set()
        self._names: set[str] = set()

    @property
    def ready(self) -> bool:
        return self.dictionary is not None

    def set_dictionary(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self._cache.clear()

    def set_names(self, names: Iterable[str]) -> bool:
        """The meeting's people; True if that changed what is flagged."""
        words = name_words(names)
        if words == self._names:
            return False
        self._names = words
        return True

    def misspelt(self, word: str) -> bool:
        verdict = self.known_verdict(word)
        if verdict is not None:
            return verdict
        assert self.dictionary is not None
        known = self._cache[word] = self.dictionary.check(word)
        return not known

    def known_verdict(self, word: str) -> bool | None:
        """`misspelt(word)` if it needs no dictionary look-up, else None."""
        if self.dictionary is None:
            return False
        folded = word.casefold()
        if folded in self._accepted or folded in self._names:
            return False
        known = self._cache.get(word)
        return None if known is None else not known

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        if self.dictionary is None:
            return []
        return [s for s in self.dictionary.suggest(word) if s != word][:limit]

    def ignore(self, word: str) -> None:
        """Not flagged again while the program runs."""
        self._accepted.add(word.casefold())

    def add_to_word_list(self, word: str) -> None:
        """Raises OSError if the list cannot be written (the word is then not added)."""
        if self.word_list is not None:
            self.word_list.add(word)
        self._accepted.add(word.casefold())
