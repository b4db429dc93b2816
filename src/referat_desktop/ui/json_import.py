"""Filer > Importér møder…: meetings from a referat/1 JSON file into the open database.

The same reader as `referat import`, but the findings are in Danish with the place in the
secretary's words (domain/interchange_danish.py). Nothing is added unless the whole file
is valid; the import is one undo step ("Importér møder"), and the first imported meeting
is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from referat_desktop.domain import interchange
from referat_desktop.domain.interchange_danish import in_danish
from referat_desktop.domain.model import Meeting
from referat_desktop.ui import commands as c
from referat_desktop.ui.editing import Editing
from referat_desktop.ui.settings import UiSettings

JSON_FILTER = "referat/1 JSON (*.json);;Alle filer (*)"


def read_meetings(path: Path) -> list[Meeting]:
    """The meetings of a referat/1 file; ValueError with a Danish message if it cannot be."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"Filen {path.name} findes ikke.") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path.name} er ikke en tekstfil i UTF-8, som referat/1 kræver.") from None
    except OSError as exc:
        raise ValueError(f"{path.name} kan ikke læses ({exc.strerror or exc}).") from None
    try:
        meetings = interchange.loads(text)
    except interchange.FormatError as exc:
        raise ValueError(f"{path.name} er ikke en gyldig referat/1-fil: {in_danish(str(exc))}.") from None
    if not meetings:
        raise ValueError(f"{path.name} indeholder ingen møder.")
    return meetings


def import_meetings(parent: QWidget, editing: Editing, settings: UiSettings) -> int:
    """Ask for a file and import its meetings; the number imported (0 if none)."""
    name, _ = QFileDialog.getOpenFileName(parent, "Importér møder", settings.folder("import"), JSON_FILTER)
    if not name:
        return 0
    path = Path(name)
    settings.set_folder("import", path.parent)
    try:
        meetings = read_meetings(path)
    except ValueError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, "Filen kan ikke importeres", str(exc),
                          QMessageBox.StandardButton.Ok, parent)
        box.setInformativeText("Intet er importeret.")
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.exec()
        return 0
    editing.flush()
    editing.stack.beginMacro("Importér møder")
    try:
        added = [m for m in meetings
                 if editing.push(c.AddMeetingCommand(editing.session, m, "Importér møde"))]
    finally:
        editing.stack.endMacro()
    return len(added)
