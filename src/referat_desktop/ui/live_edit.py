"""In-place editors (a title or heading in the tree, an attachment's name) that are saved
while they are typed, like every other field.

The delegate reports each keystroke (`typed`); the window's autosaver then calls
`commit_open_editor`, which hands the editor's text to the model as if Enter had been
pressed, without closing the editor. The view then pushes the stored value back into the
open editor, which would move the cursor to the end of the line (or put the old name back
into a field she has just emptied to retype it): `setEditorData` fills an editor once,
when it opens.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

AnyIndex = QModelIndex | QPersistentModelIndex
_FILLED = "referatFilled"


class LiveEditDelegate(QStyledItemDelegate):
    typed = Signal()

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text: self.typed.emit())
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        if editor.property(_FILLED):
            return
        super().setEditorData(editor, index)
        editor.setProperty(_FILLED, True)


def commit_open_editor(view: QAbstractItemView) -> bool:
    """Save what the open in-place editor of `view` holds, leaving it open. True: the
    store's refusals are reported by the undo command, and the text stays in the editor."""
    if view.state() == QAbstractItemView.State.EditingState:
        editor = view.indexWidget(view.currentIndex())
        # An emptied field is being retyped: there is nothing to save yet.
        if editor is not None and not (isinstance(editor, QLineEdit) and not editor.text().strip()):
            view.commitData(editor)
    return True
