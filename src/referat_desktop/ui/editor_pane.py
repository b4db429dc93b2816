"""The right-hand pane: what is being edited, with a heading that says where it belongs.

One page at a time: the section editor, the attachment list (the Bilag node), the item
form (an item row), or a hint when nothing is selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from referat_desktop.domain.model import Attachment, Item, SectionKind
from referat_desktop.domain.texts import correction_line
from referat_desktop.ui.attachments_editor import AttachmentsEditor
from referat_desktop.ui.elided_label import ElidedLabel
from referat_desktop.ui.item_form import ItemForm
from referat_desktop.ui.item_rows import Node, Row
from referat_desktop.ui.protocol_editor import ProtocolEditor
from referat_desktop.ui.section_editor import SectionEditor

HINT = "Vælg et punkt eller et afsnit i dagsordenen til venstre."


class EditorPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Elided with the whole text as tooltip: a long title never widens the pane.
        self.heading = ElidedLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.subheading = ElidedLabel()
        self.subheading.setStyleSheet("color: #5f6368;")
        for label in (self.heading, self.subheading):
            # One line of fixed size, always shown: a label that may resize or hide makes
            # every item switch re-lay out (and repaint) the whole window.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            label.setFixedHeight(label.fontMetrics().height() + 6)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hint = QLabel(HINT)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")
        self.section_editor = SectionEditor()
        # The standard-phrase row keeps its place while hidden: the text box does not jump
        # between a decision and other sections, and showing or hiding the row no longer
        # re-lays out the whole window (40-65 ms per switch on a big archive, now ~5 ms).
        policy = self.section_editor.phrase_row.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.section_editor.phrase_row.setSizePolicy(policy)
        self.attachments_editor = AttachmentsEditor()
        self.item_form = ItemForm()
        # The decision's protocol part (absent, inhabil, votes, tilførsler), under its text.
        self.protocol_editor = ProtocolEditor()
        self.protocol_editor.hide()
        # An approved meeting's corrections to the item, as they print (read-only).
        self.corrections = QLabel()
        self.corrections.setWordWrap(True)
        self.corrections.setAccessibleName("Rettelser")
        self.corrections.hide()
        self.stack = QStackedWidget()
        for page in (self.hint, self.section_editor, self.attachments_editor, self.item_form):
            self.stack.addWidget(page)
        # The text over its protocol part; meeting mode turns it to put them side by side.
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.body.addWidget(self.stack, 1)
        self.body.addWidget(self.protocol_editor)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 12, 8)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.subheading)
        self._layout.addSpacing(4)
        self._layout.addLayout(self.body, 1)
        self._layout.addWidget(self.corrections)
        self._protocol_beside = False
        self.show_nothing()

    def add_meeting_mode_parts(self, top: QWidget, above_text: QWidget) -> None:
        """Meeting mode's bar (over the heading) and its read-only Indstilling (over the
        text); the mode shows and hides them (ui/meeting_mode.py)."""
        self._layout.insertWidget(0, top)
        self._layout.insertWidget(self._layout.indexOf(self.body), above_text)

    def put_protocol_beside(self, beside: bool) -> None:
        """Meeting mode: the protocol entries right of the decision text, not under it,
        when the pane is wide enough for both; otherwise (a narrow screen) under it, so
        neither is squeezed below the width its buttons and labels need."""
        self._protocol_beside = beside
        self._apply_protocol_place()

    def beside_width(self) -> int:
        """The width the pane needs to show the protocol entries beside the text."""
        margins = self._layout.contentsMargins()
        return (self.stack.minimumSizeHint().width() + self.body.spacing()
                + self.protocol_editor.minimumSizeHint().width() + margins.left() + margins.right())

    def _apply_protocol_place(self) -> None:
        direction = QBoxLayout.Direction
        beside = self._protocol_beside and self.width() >= self.beside_width()
        wanted = direction.LeftToRight if beside else direction.TopToBottom
        if self.body.direction() != wanted:
            self.body.setDirection(wanted)
            # Beside the text, the entries get half the width: names in the absence list
            # and the vote table's columns must be readable while she types.
            self.body.setStretchFactor(self.stack, 1)
            self.body.setStretchFactor(self.protocol_editor, 1 if beside else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self._protocol_beside:
            self._apply_protocol_place()

    def _set_heading(self, heading: str, subheading: str = "") -> None:
        for label, text in ((self.heading, heading), (self.subheading, subheading)):
            if label.full_text() != text:
                label.set_full_text(text)

    def show_nothing(self) -> None:
        self.protocol_editor.hide()
        self.corrections.hide()
        self.section_editor.set_section(None, SectionKind.BAGGRUND, "")
        self.attachments_editor.set_item(None, [])
        self.item_form.show_item(None)
        self._set_heading("")
        self.stack.setCurrentWidget(self.hint)

    def show_section(
        self, number: int, row: Row, section_id: int | None, kind: SectionKind, label: str, markdown: str
    ) -> None:
        self.item_form.show_item(None)
        self.section_editor.set_section(section_id, kind, markdown)
        self._set_heading(label, _item_line(number, row))
        self.stack.setCurrentWidget(self.section_editor)
        if kind is not SectionKind.BESLUTNING:
            self.protocol_editor.hide()
            self.corrections.hide()

    def show_protocol(self, item: Item, participants: list[str], absent_all_meeting: list[str]) -> None:
        """Under a decision: the item's protocol entries, for its participants, and the
        corrections made to it after approval."""
        self.protocol_editor.set_item(item.id or 0, item.protocol, participants, absent_all_meeting)
        self.protocol_editor.show()
        self.show_corrections(item)

    def show_corrections(self, item: Item) -> None:
        lines = [correction_line(c) for c in item.corrections]
        self.corrections.setText("\n".join(lines))
        self.corrections.setVisible(bool(lines) and self.protocol_editor.isVisibleTo(self))

    def show_attachments(self, number: int, row: Row, attachments: list[Attachment],
                         item_closed: bool) -> None:
        self.protocol_editor.hide()
        self.corrections.hide()
        self.item_form.show_item(None)
        self.attachments_editor.set_item(row.id, attachments, item_closed)
        self._set_heading("Bilag", _item_line(number, row))
        self.stack.setCurrentWidget(self.attachments_editor)

    def show_item(self, number: int, row: Row) -> None:
        self.protocol_editor.hide()
        self.corrections.hide()
        self.item_form.show_item(row)
        self._set_heading(f"Punkt {number}", _item_line(number, row))
        self.stack.setCurrentWidget(self.item_form)

    def rename_section(self, section_id: int, label: str) -> None:
        """The shown section's heading was changed (in place, or by an undo)."""
        if self.shown() == Node.SECTION and self.section_editor.current_section_id() == section_id:
            self._set_heading(label, self.subheading.full_text())

    def update_item(self, number: int, row: Row) -> None:
        """The shown item was renumbered, renamed or closed: update what names it."""
        if self.shown() == Node.ITEM and self.item_form.item_id == row.id:
            self.item_form.refresh_row(row)
            self._set_heading(f"Punkt {number}", _item_line(number, row))
        elif self.shown() in (Node.SECTION, Node.ATTACHMENTS):
            self._set_heading(self.heading.full_text(), _item_line(number, row))

    def shown(self) -> Node | str:
        """The Node whose page is shown, or "" (for tests and the window's refreshes)."""
        page = self.stack.currentWidget()
        if page is self.section_editor:
            return Node.SECTION
        if page is self.attachments_editor:
            return Node.ATTACHMENTS
        return Node.ITEM if page is self.item_form else ""

    def set_read_only(self, read_only: bool) -> None:
        self.section_editor.set_read_only(read_only)
        self.attachments_editor.set_read_only(read_only)
        self.item_form.set_read_only(read_only)
        self.protocol_editor.set_read_only(read_only)


def _item_line(number: int, row: Row) -> str:
    text = f"Punkt {number}: {row.title}"
    if row.case_number:
        text += f"  ·  {row.case_number}"
    return text + ("  ·  lukket punkt" if row.closed else "")
