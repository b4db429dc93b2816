"""The search box above the meeting list: type, see the matching items, jump to one.

Searching waits for a short pause in typing (the store's FTS5 query is fast, but there is
no point in searching for every letter of a word being typed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from referat_desktop.domain.texts import short_date
from referat_desktop.store.search import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
PAUSE_MS = 200


class SearchBox(QWidget):
    hit_activated = Signal(int, int, int, str)  # meeting_id, item_id, section_id (0: title), query
    active_changed = Signal(bool)  # True while there is a query (the list replaces the meetings)

    def __init__(self, search: Callable[[str], list[SearchHit]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.field = QLineEdit()
        self.field.setPlaceholderText("Søg i punkter og tekst (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Søg")
        self.results = QListWidget()
        self.results.setAccessibleName("Søgeresultater")
        self.results.setWordWrap(True)
        self.results.hide()
        self.summary = QLabel()
        self.summary.setStyleSheet("color: palette(mid);")
        self.summary.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._activate_first)
        self.field.installEventFilter(self)
        self.results.itemActivated.connect(self._activate)
        self.results.itemClicked.connect(self._activate)

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run(self) -> None:
        """Search now for what is in the field."""
        self._timer.stop()
        query = self.field.text().strip()
        self.results.clear()
        active = bool(query)
        self.results.setVisible(active)
        self.summary.setVisible(active)
        self.active_changed.emit(active)
        if not active:
            return
        hits = self._search(query)
        self.summary.setText(hits_found(len(hits)))
        for hit in hits:
            snippet = hit.snippet.replace("\n", " ")
            text = f"{hit.body} {short_date(hit.meeting_date)}: {hit.item_title}"
            if snippet and snippet != hit.item_title:
                text += f"\n{snippet}"
            entry = QListWidgetItem(text)
            entry.setData(HIT_ROLE, (hit.meeting_id, hit.item_id, hit.section_id or 0, query))
            entry.setToolTip(text)
            self.results.addItem(entry)

    def clear(self) -> None:
        self.field.clear()
        self.run()

    def _activate(self, entry: QListWidgetItem) -> None:
        self.hit_activated.emit(*entry.data(HIT_ROLE))

    def _activate_first(self) -> None:
        self.run()
        if self.results.count():
            self.results.setCurrentRow(0)
            self._activate(self.results.item(0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.field.text():
                self.clear()
                return True
            if event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                self.results.setCurrentRow(0)
                return True
        return super().eventFilter(watched, event)


def hits_found(count: int) -> str:
    """ "Ingen punkter fundet", "1 punkt fundet", "2 punkter fundet"."""
    if count == 0:
        return "Ingen punkter fundet"
    return f"{count} {'punkt' if count == 1 else 'punkter'} fundet"
