"""The Eksport menu: write a meeting as Word or PDF off the UI thread, then offer to open it.
What the file had to leave out (characters the PDF cannot draw) is said in the same box.

The Meeting is fetched on the UI thread (the store's connection belongs to it); the worker
gets only that plain domain object, so typing goes on while a long export renders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget

from referat_desktop.domain.model import Meeting
from referat_desktop.domain.texts import Variant, short_date
from referat_desktop.export import formats
from referat_desktop.export.errors import ExportError, ExportWarning
from referat_desktop.export.pipeline import write_export
from referat_desktop.ui.settings import UiSettings


@dataclass(frozen=True)
class ExportKind:
    label: str  # menu text with its mnemonic
    fmt: str  # a format name of export/formats.py: "docx", "pdf"
    variant: Variant
    shortcut: str = ""

    @property
    def noun(self) -> str:
        if self.fmt == "json":
            return "Møde"  # the whole meeting, not one of its printed documents
        nouns = {Variant.MINUTES: "Referat", Variant.AGENDA: "Dagsorden",
                 Variant.PUBLIC: "Offentligt referat", Variant.PUBLIC_AGENDA: "Offentlig dagsorden"}
        return nouns[self.variant]


# The menu, in order, and the save dialog's filters come from the format registry.
EXPORT_KINDS = tuple(ExportKind(entry.label, fmt.name, entry.variant, entry.shortcut)
                     for fmt, entry in formats.menu_entries())
FILTERS = {fmt.name: fmt.file_filter for fmt in formats.FORMATS}


def default_file_name(meeting: Meeting, kind: ExportKind) -> str:
    """`Referat Direktionen 16-12-2019.docx`; slashes in a board's name would make folders."""
    body = meeting.body.replace("/", "-").replace("\\", "-").strip()
    return f"{kind.noun} {body} {short_date(meeting.date)}.{kind.fmt}"


def plain_message(message: str) -> str:
    """An ExportError's text as a sentence."""
    message = message.strip().rstrip(".")
    return (message[:1].upper() + message[1:] + ".") if message else "Ukendt fejl."


class _Signals(QObject):
    finished = Signal(str, object)  # the written path, list[ExportWarning]
    failed = Signal(str)  # a message in Danish


class ExportJob(QRunnable):
    """Renders one export in a pool thread; it never touches the store or a widget."""

    def __init__(self, meeting: Meeting, kind: ExportKind, target: Path) -> None:
        super().__init__()
        self.meeting, self.kind, self.target = meeting, kind, target
        self.signals = _Signals()

    def run(self) -> None:
        try:
            warnings = write_export(self.meeting, self.kind.fmt, self.kind.variant, self.target)
        except ExportError as exc:
            self.signals.failed.emit(plain_message(str(exc)))
        except Exception as exc:  # a renderer bug must not take the window down
            self.signals.failed.emit(f"Der skete en uventet fejl under eksporten: {exc}")
        else:
            self.signals.finished.emit(str(self.target), warnings)


class ExportController(QObject):
    """Asks for a file name, runs the job with a busy indicator and reports the result."""

    finished = Signal(str)  # path
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        settings: UiSettings,
        current_meeting: Callable[[], Meeting | None],
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self._settings = settings
        self._current_meeting = current_meeting
        self._pool = pool or QThreadPool.globalInstance()
        self._jobs: list[ExportJob] = []
        self._progress: QProgressDialog | None = None
        self.last_message: QMessageBox | None = None
        self.last_warnings: list[ExportWarning] = []  # of the last export written
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl

    def export(self, kind: ExportKind) -> None:
        meeting = self._current_meeting()
        if meeting is None:
            return
        folder = Path(self._settings.folder("export"))
        name, _filter = QFileDialog.getSaveFileName(
            self._window,
            kind.label.replace("&", "").rstrip("…"),
            str(folder / default_file_name(meeting, kind)),
            FILTERS[kind.fmt],
        )
        if not name:
            return
        target = Path(name)
        if target.suffix.lower() != f".{kind.fmt}":
            target = target.with_name(f"{target.name}.{kind.fmt}")
        self._settings.set_folder("export", target.parent)
        self.start(meeting, kind, target)

    def start(self, meeting: Meeting, kind: ExportKind, target: Path) -> None:
        job = ExportJob(meeting, kind, target)
        job.setAutoDelete(False)  # kept in self._jobs until its result has been shown
        job.signals.finished.connect(lambda path, warnings, j=job: self._done(j, path, warnings))
        job.signals.failed.connect(lambda message, j=job: self._fail(j, message))
        self._jobs.append(job)
        self._show_progress(f"Gemmer {target.name} …")
        self._pool.start(job)

    def _show_progress(self, text: str) -> None:
        if self._progress is None:
            self._progress = QProgressDialog(self._window)
            self._progress.setWindowTitle("Eksport")
            self._progress.setRange(0, 0)  # busy: a renderer cannot say how far it is
            self._progress.setCancelButton(None)
            self._progress.setMinimumDuration(300)  # quick exports never flash a dialog
            self._progress.setWindowModality(Qt.WindowModality.NonModal)
            self._progress.setAutoClose(False)
        self._progress.setLabelText(text)
        self._progress.setValue(0)

    def _finish_job(self, job: ExportJob) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        if not self._jobs and self._progress is not None:
            self._progress.reset()
            self._progress.hide()

    def _done(self, job: ExportJob, path: str, warnings: list[ExportWarning]) -> None:
        self._finish_job(job)
        self.last_warnings = warnings
        self._offer_to_open(Path(path), warnings)
        self.finished.emit(path)

    def _fail(self, job: ExportJob, message: str) -> None:
        self._finish_job(job)
        box = QMessageBox(QMessageBox.Icon.Warning, "Eksporten mislykkedes", message, parent=self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()
        self.failed.emit(message)

    def _offer_to_open(self, path: Path, warnings: list[ExportWarning]) -> None:
        # One box either way, opened non-modally: a warning never hides the way to the file.
        text = "\n\n".join([f"Filen er gemt:\n{path}", *(plain_message(w.message) for w in warnings)])
        box = QMessageBox(QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Information,
                          "Eksporten er gemt med en advarsel" if warnings else "Eksporten er gemt", text,
                          parent=self._window)
        open_file = box.addButton("Åbn &filen", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Åbn &mappen", QMessageBox.ButtonRole.ActionRole)
        box.addButton("&Luk", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_file)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: QPushButton) -> None:
            role = box.buttonRole(button)
            if role == QMessageBox.ButtonRole.AcceptRole:
                self.open_url(QUrl.fromLocalFile(str(path)))
            elif role == QMessageBox.ButtonRole.ActionRole:
                self.open_url(QUrl.fromLocalFile(str(path.parent)))

        box.buttonClicked.connect(clicked)
        self.last_message = box
        box.open()
