"""The editor pane for an item row: a FactsForm over ITEM_FIELDS (title, case number, the
closed flag), saved like the meeting's facts (see facts_form.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from referat_desktop.domain.model import ITEM_FIELDS, ValueKind
from referat_desktop.ui.facts_form import FactsForm
from referat_desktop.ui.item_rows import Row

CLOSED_HINT = (
    "Et lukket punkt kommer med i referatet, men i den offentlige udgave står kun "
    "nummer og titel."
)
PLACEHOLDERS = {"case_number": "fx 19/18529"}


class ItemForm(FactsForm):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ITEM_FIELDS, parent)
        form = QFormLayout()
        for spec in ITEM_FIELDS:
            widget = self.widgets[spec.name]
            if isinstance(widget, QLineEdit) and spec.name in PLACEHOLDERS:
                widget.setPlaceholderText(PLACEHOLDERS[spec.name])
            if spec.kind is ValueKind.FLAG:
                form.addRow("", widget)
            else:
                form.addRow(self.label_for(spec.name), widget)
        hint = QLabel(CLOSED_HINT)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6368;")
        form.addRow("", hint)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addStretch(1)

    @property
    def item_id(self) -> int:
        return self.owner_id

    def show_item(self, row: Row | None) -> None:
        """Show an item's facts (after committing what was typed into the previous one)."""
        if row is None:
            self.commit()
            self.owner_id = 0
            return
        self.show_facts(row.id, _facts_of(row))

    def refresh_row(self, row: Row) -> None:
        """Show the item's current facts (also after an undo changed them)."""
        self.refresh(_facts_of(row))


def _facts_of(row: Row) -> dict[str, object]:
    return {spec.name: getattr(row, spec.name) for spec in ITEM_FIELDS}
