"""The editor of one section's text: a formatting toolbar, the text field and, in a
decision section, a row of standard phrases.

The window loads a section with :meth:`SectionEditor.set_section` and listens to
``edited(section_id, markdown)``, which it hands to the autosaver. The editor offers
only what the stored Markdown holds (bold, italic, bullet and numbered lists,
sub-headings), so what is on screen is what is saved and exported.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton, QVBoxLayout, QWidget

from referat_desktop.domain.model import SectionKind
from referat_desktop.domain.section_text import BlockKind, parse, render
from referat_desktop.ui import formatting
from referat_desktop.ui.rich_text import blocks_of_qt_document, insert_blocks
from referat_desktop.ui.section_text_edit import SectionTextEdit

STANDARD_PHRASES = (
    "Godkendt.",
    "Godkendt som indstillet.",
    "Taget til efterretning.",
    "Anbefales.",
    "Udsat.",
)

# (name, toolbar label, name in the Formatér menu, shortcut). Ctrl+B/Ctrl+I as everywhere;
# lists and the heading use keys that type no character on a Danish keyboard (no AltGr,
# no Shift+digit).
_FORMAT_ACTIONS = (
    ("bold", "F", "&Fed", "Ctrl+B"),
    ("italic", "K", "&Kursiv", "Ctrl+I"),
    ("bullets", "• Punkter", "&Punktopstilling", "Ctrl+Shift+L"),
    ("numbers", "1. Nummereret", "&Nummereret liste", "Ctrl+Shift+O"),
    ("heading", "Underoverskrift", "&Underoverskrift", "Ctrl+3"),
)


class SectionEditor(QWidget):
    edited = Signal(int, str)  # section id, the section's Markdown
    document_replaced = Signal()  # a section was loaded into a new QTextDocument

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._section_id: int | None = None
        self._kind = SectionKind.BAGGRUND
        self._loaded = ""  # the Markdown as loaded, given back until the text is edited
        self._last_emitted = ""
        self._loading = False
        self._read_only = False
        self._document: QTextDocument | None = None  # the section's document, ours to delete

        self.text_edit = SectionTextEdit(self)
        self.text_edit.setAccessibleName("Afsnittets tekst")
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_by_name: dict[str, QAction] = {}
        for name, label, text, keys in _FORMAT_ACTIONS:
            shown_keys = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            action = self._action(label, f"{text.replace('&', '')} ({shown_keys})", keys, text)
            action.setCheckable(True)
            self.actions_by_name[name] = action
            self.toolbar.addAction(action)
        self._style_label_font("bold", bold=True)
        self._style_label_font("italic", italic=True)
        self.actions_by_name["bold"].triggered.connect(lambda: self._format(formatting.toggle_bold))
        self.actions_by_name["italic"].triggered.connect(lambda: self._format(formatting.toggle_italic))
        self.actions_by_name["bullets"].triggered.connect(lambda: self._block_format(BlockKind.BULLET))
        self.actions_by_name["numbers"].triggered.connect(lambda: self._block_format(BlockKind.NUMBERED))
        self.actions_by_name["heading"].triggered.connect(lambda: self._block_format(BlockKind.HEADING))

        # A tool bar, so on a narrow pane (meeting mode on a laptop) the phrases that do not
        # fit go into its » menu instead of holding the editor wide.
        self.phrase_row = QToolBar(self)
        self.phrase_row.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.phrase_row.addWidget(QLabel("Indsæt:", self.phrase_row))
        self.phrase_buttons: list[QToolButton] = []
        for number, phrase in enumerate(STANDARD_PHRASES, start=1):
            action = self._action(phrase, f"Indsæt »{phrase}« ved markøren (Alt+{number})", f"Alt+{number}",
                                  f"Indsæt »{phrase}«")
            action.triggered.connect(lambda _=False, p=phrase: self.insert_phrase(p))
            self.phrase_row.addAction(action)
            button = self.phrase_row.widgetForAction(action)
            assert isinstance(button, QToolButton)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.phrase_buttons.append(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.phrase_row)

        self.text_edit.textChanged.connect(self._on_text_changed)
        self.text_edit.cursorPositionChanged.connect(self._update_actions)
        self.text_edit.currentCharFormatChanged.connect(self._update_actions)
        self.set_section(None, SectionKind.BAGGRUND, "")

    # --- the interface the window uses -----------------------------------------------

    def set_section(self, section_id: int | None, kind: SectionKind, markdown: str) -> None:
        """Show a section (None: nothing selected). Loading is not an edit: it emits
        nothing and cannot be undone."""
        self._loading = True
        try:
            # A fresh document, filled before the view sees it: no layout per inserted
            # line (a long section loads in a few ms) and an empty undo history.
            document = QTextDocument(self.text_edit)
            document.setDefaultFont(self.text_edit.font())
            document.setIndentWidth(24)  # list nesting; Qt's 40 px wastes the narrow pane
            document.setUndoRedoEnabled(False)  # loading is not an edit to undo
            if section_id is not None:
                insert_blocks(QTextCursor(document), parse(markdown))
            document.setUndoRedoEnabled(True)
            document.setModified(False)
            previous, self._document = self._document, document
            self.text_edit.setDocument(document)  # deletes the editor's own first document
            # A new cursor: no typing format (say bold) carried over from the last section.
            self.text_edit.setTextCursor(QTextCursor(document))
            if previous is not None:
                previous.deleteLater()
        finally:
            self._loading = False
        self._section_id = section_id
        self._kind = kind
        self._loaded = markdown if section_id is not None else ""
        self._last_emitted = self._loaded
        self._update_enabled()
        self.document_replaced.emit()

    def markdown(self) -> str:
        """The section's Markdown. Until the text is edited it is exactly the text that
        was loaded, so opening a section never rewrites it."""
        if self._section_id is None:
            return ""
        if not self.text_edit.document().isModified():
            return self._loaded
        return render(blocks_of_qt_document(self.text_edit.document()))

    def current_section_id(self) -> int | None:
        return self._section_id

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_enabled()

    def insert_phrase(self, phrase: str) -> None:
        """Insert a standard phrase at the cursor as its own paragraph (one undo step)."""
        if not self._editable():
            return
        cursor = self.text_edit.textCursor()
        formatting.insert_phrase(cursor, phrase)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- inside ----------------------------------------------------------------------

    def _action(self, label: str, tip: str, keys: str, menu_text: str) -> QAction:
        # The menu (Formatér, ui/format_menu.py) and the shortcut list show the text; the
        # toolbar and the phrase buttons show the short icon text.
        action = QAction(menu_text, self)
        action.setIconText(label)
        action.setToolTip(tip)
        action.setShortcut(QKeySequence(keys))
        # Only while this editor has the focus, so two editors never share a key.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _style_label_font(self, name: str, bold: bool = False, italic: bool = False) -> None:
        font = QFont(self.font())
        font.setBold(bold)
        font.setItalic(italic)
        self.actions_by_name[name].setFont(font)

    def _editable(self) -> bool:
        return self._section_id is not None and not self._read_only

    def _format(self, command) -> None:
        if self._editable():
            command(self.text_edit)
        self._update_actions()

    def _block_format(self, kind: BlockKind) -> None:
        if self._editable():
            cursor = self.text_edit.textCursor()
            if kind == BlockKind.HEADING:
                formatting.toggle_heading(cursor)
            else:
                formatting.toggle_list(cursor, kind)
            # Typing goes on in the block's new look (a heading's size), not in a typing
            # format the editor remembered from before.
            self.text_edit.setTextCursor(cursor)
        self._update_actions()

    def _on_text_changed(self) -> None:
        if self._loading or self._section_id is None:
            return
        markdown = self.markdown()
        if markdown != self._last_emitted:
            self._last_emitted = markdown
            self.edited.emit(self._section_id, markdown)

    def _update_enabled(self) -> None:
        editable = self._editable()
        self.text_edit.setEnabled(self._section_id is not None)
        self.text_edit.setReadOnly(not editable)
        for action in self.actions_by_name.values():
            action.setEnabled(editable)
        decision = self._kind == SectionKind.BESLUTNING and self._section_id is not None
        self.phrase_row.setVisible(decision)
        for button in self.phrase_buttons:
            button.defaultAction().setEnabled(decision and editable)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        cursor = self.text_edit.textCursor()
        kind = formatting.block_kind(cursor.block())
        actions = self.actions_by_name
        bold = kind != BlockKind.HEADING and formatting.selection_has(cursor, formatting.is_bold)
        actions["bold"].setChecked(bold)
        actions["bold"].setEnabled(self._editable() and kind != BlockKind.HEADING)
        # A sub-heading is printed in the heading style alone: no bold or italic of its own.
        italic = formatting.selection_has(cursor, QTextCharFormat.fontItalic)
        actions["italic"].setChecked(kind != BlockKind.HEADING and italic)
        actions["italic"].setEnabled(self._editable() and kind != BlockKind.HEADING)
        actions["bullets"].setChecked(kind == BlockKind.BULLET)
        actions["numbers"].setChecked(kind == BlockKind.NUMBERED)
        actions["heading"].setChecked(kind == BlockKind.HEADING)
