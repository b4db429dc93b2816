"""Approving the minutes, and the sealed state of an approved meeting (issue 13).

"Godkend referat…" asks who approves and when, then has the store seal the meeting: from
then on nothing in it can be changed (the store refuses; the window locks the fields so
nobody tries), the undo stack is emptied so no undo reaches across the approval, and the
one way to change the record is "Tilføj rettelse…", a dated correction added to an item.
Opening an approved meeting shows a bar that says so and by whom, and checks the seal:
a meeting changed behind the program's back gets a red bar naming what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from referat_desktop.domain.model import Meeting
from referat_desktop.domain.texts import short_date
from referat_desktop.store import StoreError
from referat_desktop.ui.language import DANISH
from referat_desktop.ui.session import Session

SEALED_STYLE = ("QLabel { background: #e6f4ea; color: #0d3d1f; border-bottom: 1px solid #81c995;"
                " padding: 6px 10px; }")
BROKEN_STYLE = ("QLabel { background: #b71c1c; color: white; border-bottom: 1px solid #7f0000;"
                " padding: 6px 10px; font-weight: bold; }")


def _date_edit(today: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(today.year, today.month, today.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd-MM-yyyy")
    edit.setLocale(DANISH)
    return edit


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day


def _lay_out(dialog: QDialog, intro: str, rows: list[tuple[str, QWidget]], ok_text: str) -> QDialogButtonBox:
    """An explanation, the labelled fields and OK (named `ok_text`) / Annuller."""
    explanation = QLabel(intro)
    explanation.setWordWrap(True)
    form = QFormLayout()
    for label, field in rows:
        form.addRow(label, field)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    if ok is not None:
        ok.setText(ok_text)
        ok.setDefault(True)  # Enter approves (or adds the correction) from any field
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(explanation)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return buttons


class ApprovalDialog(QDialog):
    """Who approves the minutes, and on which day (today unless changed)."""

    def __init__(self, parent: QWidget, meeting: Meeting, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Godkend referat")
        self.by = QLineEdit()
        self.by.setCompleter(QCompleter([*meeting.participants, meeting.secretary], self.by))
        self.on = _date_edit(today)
        self.buttons = _lay_out(self, (
            f"Godkend referatet af {meeting.body}s møde {short_date(meeting.date)}. Derefter kan "
            "intet i mødet ændres; fejl rettes med en dateret rettelse på punktet, som også "
            "kommer med i referatet."
        ), [("Godkendt &af", self.by), ("&Dato", self.on)], "Godkend")

    def answer(self) -> tuple[str, dt.date]:
        return self.by.text().strip(), _day(self.on)


class CorrectionDialog(QDialog):
    """A dated correction to an item of approved minutes: who, when and what."""

    def __init__(self, parent: QWidget, item_title: str, default_by: str, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle("Tilføj rettelse")
        self.by = QLineEdit(default_by)
        self.on = _date_edit(today)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.buttons = _lay_out(self, (
            f"Rettelsen tilføjes punktet \"{item_title}\" og trykkes efter dets beslutning. "
            "Den oprindelige tekst står uændret."
        ), [("&Rettelse", self.text), ("&Af", self.by), ("&Dato", self.on)], "Tilføj rettelse")

    def answer(self) -> tuple[str, str, dt.date]:
        return self.by.text().strip(), self.text.toPlainText().strip(), _day(self.on)


class SealBar(QLabel):
    """Above the window's parts while an approved meeting is shown: approved by whom, or
    (red) what was changed behind the program's back."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Godkendt referat")
        self.hide()

    def show_meeting(self, meeting: Meeting | None, differences: list[str]) -> None:
        approval = meeting.approval if meeting is not None else None
        if approval is None:
            self.hide()
            return
        if differences:
            shown = "; ".join(differences[:5]) + (" …" if len(differences) > 5 else "")
            self.setStyleSheet(BROKEN_STYLE)
            on = short_date(approval.approved_on)
            self.setText(f"Referatet er ændret efter godkendelsen {on}: {shown}.")
        else:
            self.setStyleSheet(SEALED_STYLE)
            on, by = short_date(approval.approved_on), approval.approved_by
            self.setText(f"Referatet er godkendt {on} af {by} og kan ikke ændres. "
                         "Fejl rettes med Tilføj rettelse i menuen Punkt.")
        self.show()


class Sealing:
    """Godkend referat and Tilføj rettelse, over the Session; the window asks `sealed()`."""

    def __init__(self, parent: QWidget, session: Session, stack: QUndoStack, flush: Callable[[], bool],
                 bar: SealBar, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.parent, self.session, self.stack, self.flush, self.bar = parent, session, stack, flush, bar
        self.today = today
        self._approved: Meeting | None = None  # the shown meeting, when it is approved

    def show_meeting(self, meeting: Meeting | None) -> None:
        """The bar for the shown meeting, with the seal checked (an approved meeting only)."""
        approved = meeting is not None and meeting.approval is not None
        self._approved = meeting if approved else None
        differences = self.session.verify(meeting.id) if approved and meeting and meeting.id else []
        self.bar.show_meeting(meeting, differences)

    def sealed(self) -> bool:
        return self._approved is not None

    def approve(self, meeting_id: int, ask: Callable[[ApprovalDialog], bool] | None = None) -> bool:
        """Godkend referat…: True once the meeting is approved."""
        if not meeting_id or not self.flush():
            return False
        meeting = self.session.get_meeting(meeting_id)
        dialog = ApprovalDialog(self.parent, meeting, self.today())
        if not (ask(dialog) if ask is not None else dialog.exec() == QDialog.DialogCode.Accepted):
            return False
        by, on = dialog.answer()
        try:
            self.session.approve(meeting_id, by, on)
        except StoreError as exc:
            self.session.report_error(str(exc))
            return False
        self.stack.clear()  # no undo reaches back across the approval
        return True

    def add_correction(self, item_id: int, item_title: str, default_by: str,
                       ask: Callable[[CorrectionDialog], bool] | None = None) -> bool:
        """Tilføj rettelse… on an item of the shown approved meeting."""
        if self._approved is None or not item_id:
            return False
        dialog = CorrectionDialog(self.parent, item_title, default_by, self.today())
        if not (ask(dialog) if ask is not None else dialog.exec() == QDialog.DialogCode.Accepted):
            return False
        by, text, on = dialog.answer()
        try:
            self.session.add_correction(item_id, by, text, on)
        except StoreError as exc:
            self.session.report_error(str(exc))
            return False
        return True
