"""What the spell check looks at, the personal word list and the shipped dictionary
(no Qt: the rules and files under the window's spell check)."""

from __future__ import annotations

import os

import pytest

from referat_desktop.ui.spell_checker import PersonalWordList, SpellChecker, load_danish
from referat_desktop.ui.spell_words import name_words, word_at, words_to_check


def checked(text: str) -> list[str]:
    return [text[s:s + n] for s, n in words_to_check(text)]


def test_words_with_digits_urls_addresses_and_abbreviations_are_skipped() -> None:
    text = "Sag 19/18529 (se www.kk.dk, https://x.dk/a og ib@kk.dk) fra ØU-mødet: 5eren, 2019-tal i FKU"
    assert checked(text) == ["Sag", "se", "og", "fra", "mødet"]


def test_words_keep_danish_letters_and_apostrophes() -> None:
    assert checked("Æblet på bordet, Anne's “ærø” – så") == ["Æblet", "på", "bordet", "Anne's", "ærø", "så"]


def test_the_word_under_the_cursor() -> None:
    assert word_at("En beslutnig her", 5) == (3, 9)
    assert word_at("En beslutnig her", 12) == (3, 9)  # just after it
    assert word_at("Sag 19/18529", 7) is None


def test_a_long_token_without_spaces_is_quick() -> None:
    assert checked("a" * 50_000 + "1") == []


def test_names_are_split_into_folded_words() -> None:
    assert name_words(["Kathrine Seier Skaastrup", "Bo Ærø-Hansen (V)"]) == {
        "kathrine", "seier", "skaastrup", "bo", "ærø", "hansen", "v"}


def test_the_personal_word_list_is_written_whole_and_read_back(tmp_path) -> None:
    path = tmp_path / "data" / "personlig-ordbog.txt"
    words = PersonalWordList(path)
    words.add("Charlottekvarteret")
    words.add("NærHeden")
    words.add("Charlottekvarteret")
    assert path.read_bytes() == "Charlottekvarteret\nNærHeden\n".encode()
    assert PersonalWordList(path).words == ["Charlottekvarteret", "NærHeden"]
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_an_unreadable_word_list_is_not_overwritten_by_reading(tmp_path) -> None:
    path = tmp_path / "personlig-ordbog.txt"
    path.write_bytes(b"\xff\xfe broken")
    assert PersonalWordList(path).words == []
    assert path.read_bytes() == b"\xff\xfe broken"


@pytest.fixture(scope="module")
def danish(tmp_path_factory):
    return load_danish(tmp_path_factory.mktemp("enchant"))


def test_the_shipped_dictionary_is_loaded_from_our_folder(danish, tmp_path_factory) -> None:
    assert danish.check("beslutning") and danish.check("kommunalbestyrelsen")
    assert not danish.check("beslutnig")
    assert "beslutning" in danish.suggest("beslutnig")[:5]
    folder = os.environ["ENCHANT_CONFIG_DIR"]
    for name in ("da_DK.aff", "da_DK.dic"):
        assert os.path.getsize(os.path.join(folder, "hunspell", name)) > 0


def test_the_checker_accepts_names_the_word_list_and_ignored_words(danish, tmp_path) -> None:
    checker = SpellChecker(PersonalWordList(tmp_path / "ord.txt"))
    assert not checker.misspelt("beslutnig")  # no dictionary yet: nothing is flagged
    checker.set_dictionary(danish)
    assert checker.misspelt("beslutnig") and checker.misspelt("Skaastrup")
    assert checker.set_names(["Kathrine Seier Skaastrup"]) and not checker.misspelt("Skaastrup")
    assert not checker.set_names(["Kathrine Seier Skaastrup"])  # the same names: nothing to redraw
    checker.add_to_word_list("Charlottekvarteret")
    assert not checker.misspelt("Charlottekvarteret")
    assert (tmp_path / "ord.txt").read_text(encoding="utf-8") == "Charlottekvarteret\n"
    checker.ignore("KlubInn")
    assert not checker.misspelt("KlubInn")
    assert SpellChecker(PersonalWordList(tmp_path / "ord.txt")).word_list.words == ["Charlottekvarteret"]
