"""The main window: for now the meeting list of the open database."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QMainWindow

from referat_desktop.store import Store


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(f"Referat – {store.path.name}")
        self.meeting_list = QListWidget(self)
        self.setCentralWidget(self.meeting_list)
        self.resize(1100, 750)
        self.reload_meetings()

    def reload_meetings(self) -> None:
        self.meeting_list.clear()
        for m in self.store.list_meetings():
            text = f"{m.body} – {m.date.strftime('%d-%m-%Y')} ({m.item_count} punkter)"
            entry = QListWidgetItem(text)
            entry.setData(256, m.id)
            self.meeting_list.addItem(entry)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.store.close()
        super().closeEvent(event)
