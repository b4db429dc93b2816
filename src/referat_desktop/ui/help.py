"""Hjælp: the list of keyboard shortcuts (F1) and Om Referat.

The shortcut list is read from the window's actions and shortcuts when it is opened, so
it cannot go stale: a new action with a key appears by itself, in the menu it is in. The
licences shown in Om are found by scanning resources/ for licence files, so a font or
dictionary added there with its licence is listed without touching this module.
"""

from __future__ import annotations

import html
import importlib.metadata
import platform
import re
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from referat_desktop import __version__
from referat_desktop.resources_path import resource

# Keys that are no action of their own (the widgets handle them), listed after the actions.
OTHER_KEYS = (
    ("Tab / Shift+Tab", "Ryk et punkt i en liste ind / ud", "I teksten"),
    ("Shift+Enter", "Nyt afsnit (som Enter)", "I teksten"),
    ("Enter", "Gå til første søgeresultat", "I søgefeltet"),
    ("Pil ned", "Gå til søgeresultaterne", "I søgefeltet"),
    ("Esc", "Ryd søgningen", "I søgefeltet"),
)
_LICENCE_NAME = re.compile(r"licen[cs]e|copying", re.IGNORECASE)


@dataclass(frozen=True)
class ShortcutRow:
    keys: str  # as shown, e.g. "Ctrl+Shift+N" (several keys joined by " eller ")
    command: str  # the action's text without mnemonic and ellipsis
    where: str  # the menu it is in ("Møde"), or the part of the window it works in


def keys_text(sequences: list[QKeySequence]) -> str:
    return " eller ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)


def plain(text: str) -> str:
    """A menu text as read: "Å&bn database…" → "Åbn database"."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.replace("…", "").split("\t")[0].strip()


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every action and shortcut of the window that has a key: menu order first, then
    those that live in one part of the window (Delete in a list, Esc in the text)."""
    actions: list[QAction] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            actions += _menu_actions(menu)
    actions += [a for a in window.findChildren(QAction) if a not in actions]
    rows: list[ShortcutRow] = []
    for action in actions:
        try:
            sequences = action.shortcuts()
        except RuntimeError:  # a menu's own action that Qt deleted meanwhile (no key anyway)
            continue
        if sequences:
            row = ShortcutRow(keys_text(sequences), plain(action.text()), _where(action))
            if row not in rows:
                rows.append(row)
    for shortcut in window.findChildren(QShortcut):
        if not shortcut.key().isEmpty():
            parent = shortcut.parent()
            where = parent.accessibleName() if isinstance(parent, QWidget) else ""
            where = where or "Hele vinduet"
            rows.append(ShortcutRow(keys_text([shortcut.key()]), shortcut.whatsThis(), where))
    return rows


def _menu_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        submenu = action.menu()
        found += _menu_actions(submenu) if isinstance(submenu, QMenu) else [action]
    return found


def _menu_path(menu: QMenu) -> str:
    # Not the menu bar's overflow menu (no title), which holds every top-level menu too.
    parents = [m for m in menu.menuAction().associatedObjects() if isinstance(m, QMenu) and m.title()]
    own = plain(menu.title())
    return f"{_menu_path(parents[0])} › {own}" if parents else own


def _where(action: QAction) -> str:
    objects = action.associatedObjects()
    menus = [m for m in objects if isinstance(m, QMenu)]
    if menus:
        return _menu_path(menus[0])
    names = [w.accessibleName() for w in objects if isinstance(w, QWidget) and w.accessibleName()]
    return f"I {names[0].lower()}" if names else "Hele vinduet"


class ShortcutsDialog(QDialog):
    """Hjælp > Tastaturgenveje (F1)."""

    def __init__(self, window: QMainWindow) -> None:
        rows = shortcut_rows(window)  # before this dialog is one of the window's children
        super().__init__(window)
        self.setWindowTitle("Tastaturgenveje")
        self.resize(640, 560)
        self.rows = rows
        self.table = QTreeWidget(self)
        self.table.setHeaderLabels(["Tast", "Kommando", "Hvor"])
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName("Tastaturgenveje")
        for row in self.rows:
            self.table.addTopLevelItem(QTreeWidgetItem([row.keys, row.command, row.where]))
        for keys, command, where in OTHER_KEYS:
            self.table.addTopLevelItem(QTreeWidgetItem([keys, command, where]))
        for column in range(2):
            self.table.resizeColumnToContents(column)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Genvejene virker, hvor der står; de fleste i hele vinduet."))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.table.setFocus()


@dataclass(frozen=True)
class LicenceFile:
    path: str  # under resources/, e.g. "fonts/LICENSE-DejaVuSans.txt"
    text: str


def licence_files(root: Traversable | None = None) -> list[LicenceFile]:
    """Every licence file shipped in resources/ (LICENSE*, LICENCE*, COPYING*, …), sorted."""
    found: list[LicenceFile] = []

    def walk(folder: Traversable, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_dir() and not entry.name.startswith(("__", ".")):
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.is_file() and _LICENCE_NAME.search(entry.name):
                text = entry.read_bytes().decode("utf-8", errors="replace")
                found.append(LicenceFile(prefix + entry.name, text))

    walk(root if root is not None else resource(), "")
    return found


def library_licences() -> list[tuple[str, str, str]]:
    """(name, version, licence) of Python, Qt and the program's runtime libraries."""
    rows = [("Python", platform.python_version(), "PSF License"),
            ("Qt", qVersion(), "LGPL v3"), ("PySide6", PySide6.__version__, "LGPL v3")]
    try:
        requirements = importlib.metadata.requires("referat-desktop") or []
    except importlib.metadata.PackageNotFoundError:  # a frozen build may carry no metadata
        requirements = []
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        name = re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0]
        if name.lower().startswith("pyside6"):
            continue
        try:
            meta = importlib.metadata.metadata(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        rows.append((name, meta["Version"] or "", _licence_of(meta)))
    return rows


def _licence_of(meta: importlib.metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression") if hasattr(meta, "get") else None
    if expression:
        return str(expression)
    licences = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if licences:
        return ", ".join(c.split("::")[-1].strip() for c in licences)
    text = str(meta["License"] or "").strip() if "License" in meta else ""
    return text.split("(")[0].strip()[:60] if text else "se pakken"


def about_html(database: Path) -> str:
    libraries = "".join(
        f"<tr><td>{html.escape(n)}</td><td>{html.escape(v)}</td><td>{html.escape(lic)}</td></tr>"
        for n, v, lic in library_licences())
    files = licence_files()
    listed = "".join(f"<li>{html.escape(f.path)}</li>" for f in files)
    texts = "".join(f"<h4>{html.escape(f.path)}</h4><pre>{html.escape(f.text)}</pre>" for f in files)
    return (f"<h2>Referat {html.escape(__version__)}</h2>"
            "<p>Dagsordener og referater, uden netværk.</p>"
            f"<p>Databasefil: {html.escape(str(database))}</p>"
            "<h3>Programmet bygger på</h3>"
            f"<table cellpadding='2'><tr><th align='left'>Del</th><th align='left'>Version</th>"
            f"<th align='left'>Licens</th></tr>{libraries}</table>"
            "<p>Qt og PySide6 bruges under LGPL v3; de kan udskiftes med en anden udgave af "
            "samme version.</p>"
            f"<h3>Filer med egen licens</h3><ul>{listed}</ul>{texts}")


class AboutDialog(QDialog):
    """Hjælp > Om Referat: version, the database file, and every licence."""

    def __init__(self, parent: QWidget, database: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle("Om Referat")
        self.resize(620, 560)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Om Referat")
        self.text.setHtml(about_html(database))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def open_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def open_about(window: QWidget, database: Path) -> AboutDialog:
    dialog = AboutDialog(window, database)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
