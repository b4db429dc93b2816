"""Filer > Importér møder (referat/1 JSON): the window's import, with Danish findings."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from referat_desktop.domain.interchange_danish import in_danish, place_in_danish
from ui_support import open_window


@pytest.fixture
def window(qtbot, db_path, tmp_path):
    return open_window(qtbot, db_path, tmp_path)


@pytest.fixture
def shown_boxes(monkeypatch):
    """The message boxes the window shows (their text), closed at once as a user would."""
    boxes: list[tuple[str, str]] = []

    def exec_(box):
        boxes.append((box.windowTitle(), box.text()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes


def pick(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))


def test_import_adds_the_meetings_as_one_undo_step(qtbot, window, sample_json_path, monkeypatch, shown_boxes):
    document = json.loads(sample_json_path.read_text(encoding="utf-8"))
    document["meetings"].append(dict(document["meetings"][0], body="Økonomiudvalget"))
    path = window.session.path.parent / "to møder.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    pick(monkeypatch, path)
    window.acts.import_json.trigger()
    assert sorted(m.body for m in window.session.list_meetings()) == ["Direktionen", "Økonomiudvalget"]
    assert shown_boxes == []
    assert window.stack.undoText() == "Importér møder"
    window.acts.undo.trigger()
    assert window.session.list_meetings() == []


def test_a_bad_file_is_named_in_danish_and_adds_nothing(qtbot, window, sample_json_path, monkeypatch,
                                                        shown_boxes):
    document = json.loads(sample_json_path.read_text(encoding="utf-8"))
    del document["meetings"][0]["items"][2]["title"]
    path = window.session.path.parent / "forkert.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    pick(monkeypatch, path)
    window.acts.import_json.trigger()
    assert shown_boxes == [("Filen kan ikke importeres",
                            "forkert.json er ikke en gyldig referat/1-fil: "
                            "møde 1, punkt 3, titel: mangler.")]
    assert window.session.list_meetings() == []


def test_not_json_and_not_utf8(qtbot, window, monkeypatch, shown_boxes):
    folder = window.session.path.parent
    (folder / "halv.json").write_text('{"format": "referat/1", "meetings": [', encoding="utf-8")
    (folder / "latin1.json").write_bytes('{"body": "Økonomi"}'.encode("latin-1"))
    for name in ("halv.json", "latin1.json"):
        pick(monkeypatch, folder / name)
        window.acts.import_json.trigger()
    assert [text for _, text in shown_boxes] == [
        "halv.json er ikke en gyldig referat/1-fil: Filen er ikke gyldig JSON (linje 1, kolonne 38).",
        "latin1.json er ikke en tekstfil i UTF-8, som referat/1 kræver.",
    ]


def test_messages_keep_the_english_contract_form_elsewhere():
    # The command line and other systems keep interchange's English; the window translates.
    assert in_danish("meetings[0].date: expected a date as YYYY-MM-DD, found '16-12-2019'") == (
        "møde 1, dato: forventede en dato som ÅÅÅÅ-MM-DD, fandt '16-12-2019'")
    assert place_in_danish("meetings[1].items[0].votes[2].against[0]") == (
        "møde 2, punkt 1, afstemning 3, stemme imod 1")
    assert in_danish("something else entirely") == "something else entirely"
