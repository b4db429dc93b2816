"""The meeting's front-page facts, edited in place: a FactsForm over MEETING_FIELDS.

How the facts are saved while typed, tidied when left and merged into undo steps is
facts_form.py's; this module only lays them out the way the template reads: a time field
sits beside the date (with its hint below), a flag is a tick box under the fields.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QWidget

from referat_desktop.domain.model import MEETING_FIELDS, Meeting, ValueKind
from referat_desktop.ui.facts_form import FactsForm


class MeetingForm(FactsForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(MEETING_FIELDS, parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        date_row: QHBoxLayout | None = None
        for spec in MEETING_FIELDS:
            widget = self.widgets[spec.name]
            if spec.kind is ValueKind.TIME and date_row is not None:
                date_row.addSpacing(12)
                date_row.addWidget(self.label_for(spec.name))
                date_row.addWidget(widget)
                date_row.addStretch(1)
                layout.addRow("", self.errors[spec.name])
            elif spec.kind is ValueKind.DATE:
                date_row = QHBoxLayout()
                date_row.setContentsMargins(0, 0, 0, 0)
                date_row.addWidget(widget)
                layout.addRow(self.label_for(spec.name), date_row)
            elif spec.kind is ValueKind.FLAG:
                layout.addRow("", widget)
            else:
                if spec.kind is ValueKind.TIME:
                    layout.addRow("", self.errors[spec.name])
                layout.addRow(self.label_for(spec.name), widget)
        self.setEnabled(False)

    @property
    def meeting_id(self) -> int:
        return self.owner_id

    def show_meeting(self, meeting: Meeting | None) -> None:
        """Fill in the fields (after committing what was typed into the previous meeting)."""
        shown = meeting if meeting is not None else Meeting(body="", date=dt.date.today())
        facts = {spec.name: getattr(shown, spec.name) for spec in MEETING_FIELDS}
        self.show_facts((meeting.id or 0) if meeting else 0, facts)
        self.setEnabled(meeting is not None)

    def board_and_date(self) -> tuple[str, dt.date]:
        """The meeting's board and date as saved (for the decision's printed heading)."""
        body, date = self.saved("body"), self.saved("date")
        assert isinstance(body, str) and isinstance(date, dt.date)
        return body, date
