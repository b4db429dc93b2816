"""Bilag files through the real window (issue 15): add by the picker, a drop and Ctrl+V;
open, save as, replace, remove, move and the "Lukket" tick; each stored and undoable."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog

from referat_desktop.domain.model import Item, Meeting
from ui_support import focused, open_window

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, db_path, tmp_path, store):
    import datetime as dt

    items = [Item("Budget"), Item("Lukket sag", closed=True)]
    store.add_meeting(Meeting("Byrådet", dt.date(2026, 11, 24), items=items))
    store.close()
    win = open_window(qtbot, db_path, tmp_path)
    item_id = win.item_model.item_ids()[0]
    win.item_view.setCurrentIndex(win.item_model.section_index(item_id))  # the Bilag node
    qtbot.waitUntil(lambda: win.editor.attachments_editor.isVisible(), timeout=2000)
    return win


def item_id_of(window, row: int = 0) -> int:
    return window.item_model.item_ids()[row]


def stored(window, row: int = 0):
    return window.session.get_item(item_id_of(window, row)).attachments


def make_file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / "filer" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path


def test_add_by_the_picker_stores_the_file_and_undo_removes_it(qtbot, window, tmp_path, monkeypatch):
    content = os.urandom(300_000)
    path = make_file(tmp_path, "Budgetnotat.pdf", content)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    editor = window.editor.attachments_editor
    qtbot.mouseClick(editor.pick_button, Qt.MouseButton.LeftButton)
    (attachment,) = stored(window)
    assert attachment.name == "Budgetnotat.pdf" and attachment.media_type == "application/pdf"
    assert b"".join(attachment.chunks()) == content
    assert editor.names() == ["Budgetnotat.pdf"]
    note = editor.list.item(0).data(Qt.ItemDataRole.UserRole + 2)
    assert "kan ikke sættes ind i samlet PDF: filen er beskadiget" in note
    assert window.save_status.text().startswith("Gemt ")
    qtbot.keyClick(window.item_view, Qt.Key.Key_Z, CTRL)
    assert stored(window) == [] and editor.names() == []


def test_a_refused_file_is_named_and_the_others_are_added(qtbot, window, tmp_path, monkeypatch):
    good, empty = make_file(tmp_path, "god.txt", b"ok"), make_file(tmp_path, "tom.txt", b"")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(good), str(empty)], ""))
    with qtbot.waitSignal(window.session.error_occurred) as error:
        qtbot.mouseClick(window.editor.attachments_editor.pick_button, Qt.MouseButton.LeftButton)
    assert error.args[0].startswith("tom.txt er tom")
    assert [a.name for a in stored(window)] == ["god.txt"]


def drop_files(widget, paths: list[Path]) -> bool:
    """Drag file URLs onto `widget` and drop them, as Qt delivers a real drag (enter,
    move, drop); whether the drop was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(widget, kind(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_drop_files_on_the_list(qtbot, window, tmp_path):
    a, b = make_file(tmp_path, "a.odt", b"A" * 10), make_file(tmp_path, "b.xlsx", b"B" * 20)
    list_view = window.editor.attachments_editor.list
    assert drop_files(list_view.viewport(), [a, b])
    assert [(x.name, x.size) for x in stored(window)] == [("a.odt", 10), ("b.xlsx", 20)]


def test_paste_files_with_ctrl_v(qtbot, window, tmp_path):
    path = make_file(tmp_path, "kopieret.docx", b"docx-bytes")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    QGuiApplication.clipboard().setMimeData(mime)
    list_view = window.editor.attachments_editor.list
    focused(qtbot, list_view)
    qtbot.keyClick(list_view, Qt.Key.Key_V, CTRL)
    assert [(x.name, b"".join(x.chunks())) for x in stored(window)] == [("kopieret.docx", b"docx-bytes")]


def test_open_gives_the_system_a_read_only_copy(qtbot, window, tmp_path, monkeypatch):
    content = b"%PDF-1.4 \x00\xff" * 1000
    drop_files(window.editor.attachments_editor.list.viewport(), [make_file(tmp_path, "x.pdf", content)])
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    editor = window.editor.attachments_editor
    qtbot.mouseClick(editor.open_button, Qt.MouseButton.LeftButton)
    (url,) = opened
    copy = Path(url.toLocalFile())
    assert copy.name == "x.pdf" and copy.read_bytes() == content
    assert not copy.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    folder = editor.files.folder
    assert folder is not None and copy.is_relative_to(folder)
    window.close()
    assert not folder.exists()  # removed when the window closes


def test_save_as_writes_the_bytes(qtbot, window, tmp_path, monkeypatch):
    content = os.urandom(4 * 1024 * 1024)
    drop_files(window.editor.attachments_editor.list.viewport(), [make_file(tmp_path, "stor.bin", content)])
    target = tmp_path / "ud" / "gemt.bin"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(window.editor.attachments_editor.save_button, Qt.MouseButton.LeftButton)
    assert hashlib.sha256(target.read_bytes()).digest() == hashlib.sha256(content).digest()


def test_replace_keeps_name_place_and_tick(qtbot, window, tmp_path, monkeypatch):
    editor = window.editor.attachments_editor
    drop_files(editor.list.viewport(), [make_file(tmp_path, f"{n}.txt", n.encode()) for n in ("a", "b", "c")])
    editor.list.setCurrentRow(1)
    editor.list.item(1).setCheckState(Qt.CheckState.Checked)  # what a click on the box does
    assert [x.closed for x in stored(window)] == [False, True, False]
    new = make_file(tmp_path, "ny version.txt", b"B2")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(new), ""))
    editor.list.setCurrentRow(1)
    qtbot.mouseClick(editor.replace_button, Qt.MouseButton.LeftButton)
    after = stored(window)
    assert [(x.name, b"".join(x.chunks()), x.closed) for x in after] == [
        ("a.txt", b"a", False), ("b.txt", b"B2", True), ("c.txt", b"c", False)]
    qtbot.keyClick(window.item_view, Qt.Key.Key_Z, CTRL)  # undo the replacement
    assert b"".join(stored(window)[1].chunks()) == b"b"


def test_closed_tick_by_keyboard_and_a_closed_items_bilag(qtbot, window, tmp_path):
    editor = window.editor.attachments_editor
    drop_files(editor.list.viewport(), [make_file(tmp_path, "fortroligt.pdf", b"%PDF-x")])
    focused(qtbot, editor.list)
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_Space)
    assert stored(window)[0].closed
    assert "lukket" in editor.list.item(0).data(Qt.ItemDataRole.UserRole + 2)
    # a closed item's bilag show as closed
    closed_item = item_id_of(window, 1)
    window.item_view.setCurrentIndex(window.item_model.section_index(closed_item))
    drop_files(editor.list.viewport(), [make_file(tmp_path, "del.txt", b"d")])
    assert editor.list.item(0).checkState() == Qt.CheckState.Checked
    assert "lukket, da punktet er lukket" in editor.list.item(0).data(Qt.ItemDataRole.UserRole + 2)


def test_remove_and_move_keep_the_files(qtbot, window, tmp_path):
    editor = window.editor.attachments_editor
    drop_files(editor.list.viewport(), [make_file(tmp_path, f"{n}.txt", n.encode()) for n in ("a", "b", "c")])
    focused(qtbot, editor.list)
    editor.list.setCurrentRow(2)
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [b"".join(x.chunks()) for x in stored(window)] == [b"a", b"c", b"b"]
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_Delete)
    assert [(x.name, b"".join(x.chunks())) for x in stored(window)] == [("c.txt", b"c"), ("b.txt", b"b")]
    qtbot.keyClick(window.item_view, Qt.Key.Key_Z, CTRL)
    assert [b"".join(x.chunks()) for x in stored(window)] == [b"a", b"c", b"b"]


def test_a_name_only_bilag_has_nothing_to_open(qtbot, window):
    editor = window.editor.attachments_editor
    qtbot.keyClicks(editor.name_field, "Papirbilag")
    qtbot.keyClick(editor.name_field, Qt.Key.Key_Return)
    assert [(x.name, x.has_file) for x in stored(window)] == [("Papirbilag", False)]
    assert not editor.open_button.isEnabled() and not editor.save_button.isEnabled()
    assert editor.replace_button.isEnabled()


def test_drop_files_on_an_item_in_the_tree(qtbot, window, tmp_path):
    view = window.item_view
    second = window.item_model.item_ids()[1]
    rect = view.visualRect(window.item_model.item_index(second))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(make_file(tmp_path, "plan.pdf", b"%PDF-plan")))])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for kind in (QDragEnterEvent, QDragMoveEvent):
        event = kind(rect.center(), Qt.DropAction.CopyAction, mime, buttons, keys)
        QApplication.sendEvent(view.viewport(), event)
    drop = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    assert [a.name for a in stored(window, 1)] == ["plan.pdf"] and stored(window, 0) == []
    assert window.item_model.section_index(second).data() == "Bilag (1)"
