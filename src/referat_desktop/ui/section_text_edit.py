"""The text field of the section editor: a QTextEdit that only ever holds what a
section's Markdown can hold.

Pasting (and dropping) HTML from Word or a web page keeps bold, italic, lists, headings
and paragraphs and drops everything else; plain text is inserted as typed. Shift+Enter
makes a new paragraph: the editor makes no line breaks inside a paragraph (one that
came with imported text is shown and kept, as it is printed).
"""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from referat_desktop.domain.section_text import LINE_BREAK, Block, BlockKind, Run, normalise
from referat_desktop.ui import formatting
from referat_desktop.ui.rich_text import block_format, blocks_of_qt_document, insert_blocks, run_char_format

# Word's HTML writes list items as paragraphs that start with the bullet or number
# itself ("·", "o", "§", "1.", "a)") followed by non-breaking spaces.
_WORD_BULLET = re.compile(r"^[\u00b7\u2022\u25aa\u25cf\u25e6\u2013\u2014o§\-]\s*[\u00a0\s]")
_WORD_NUMBER = re.compile(r"^([0-9]{1,3}|[a-zA-Z])[.)]\s*[\u00a0\s]")


_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _image_text(match: re.Match[str]) -> str:
    # Qt would drop the image and its alt text; the text is what the reader needs.
    alt = _ALT.search(match.group(0))
    return next((group for group in alt.groups() if group), "") if alt else ""


class SectionTextEdit(QTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)  # Tab leaves the field, as in a form

    # --- paste and drop --------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt's name)
        return source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt's name)
        if self.isReadOnly():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        try:
            cursor.removeSelectedText()
            if source.hasHtml():
                insert_blocks(cursor, html_blocks(source.html()))
            elif source.hasText():
                text = source.text().replace("\r\n", "\n").replace("\r", "\n")
                # Typed-in text: the characters as they are, in the format at the cursor.
                cursor.insertText(text.replace("\u2028", "\n").replace("\u2029", "\n"))
        finally:
            cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # --- keys ------------------------------------------------------------------------

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 (Qt's name)
        # In a list item Tab / Shift+Tab nest and un-nest the item (as in a word
        # processor); everywhere else they move the focus, as in a form.
        if not self.isReadOnly() and self.textCursor().currentList() is not None:
            if formatting.change_list_depth(self.textCursor(), 1 if next_ else -1):
                return True
        return super().focusNextPrevChild(next_)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isReadOnly():
            cursor = self.textCursor()
            block = cursor.block()
            if block.blockFormat().headingLevel() > 0 and cursor.atBlockEnd() and not cursor.hasSelection():
                # After a sub-heading comes ordinary text, as in a word processor.
                cursor.insertBlock(block_format(BlockKind.PARAGRAPH), run_char_format(Run("")))
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                return
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                # Qt would insert a line break (U+2028); the editor makes paragraphs.
                event = QKeyEvent(event.type(), event.key(), Qt.KeyboardModifier.NoModifier, event.text())
        super().keyPressEvent(event)


def html_blocks(html: str) -> list[Block]:
    """The section blocks of pasted HTML: Qt reads the HTML (Word's and browsers' alike),
    then only paragraphs, headings, lists, bold and italic are kept. An image becomes its
    alternative text, a link its text."""
    document = QTextDocument()
    document.setHtml(_IMAGE.sub(_image_text, html))
    blocks = [part for block in blocks_of_qt_document(document) for part in _split_at_line_breaks(block)]
    if "mso-list" in html or "urn:schemas-microsoft-com" in html:
        blocks = [_word_list_item(block) for block in blocks]
    return normalise(blocks)


def _split_at_line_breaks(block: Block) -> list[Block]:
    """A `<br>` (U+2028 in Qt) inside a pasted paragraph or heading starts a new one, as
    Shift+Enter does: lines (an address, a signature) stay lines. In a list item it
    becomes a space, so the item stays one item."""
    if not any(LINE_BREAK in run.text for run in block.runs):
        return [block]
    if block.kind in (BlockKind.BULLET, BlockKind.NUMBERED):
        spaced = tuple(replace(run, text=run.text.replace(LINE_BREAK, " ")) for run in block.runs)
        return [replace(block, runs=spaced)]
    parts: list[list[Run]] = [[]]
    for run in block.runs:
        for index, piece in enumerate(run.text.split(LINE_BREAK)):
            if index:
                parts.append([])
            if piece:
                parts[-1].append(Run(piece, run.bold, run.italic))
    return [Block(block.kind, tuple(runs)) for runs in parts]


def _word_list_item(block: Block) -> Block:
    """A paragraph that Word wrote as `·  text` or `1.  text` becomes a list item."""
    if block.kind != BlockKind.PARAGRAPH or not block.runs:
        return block
    text = block.text
    for pattern, kind in ((_WORD_NUMBER, BlockKind.NUMBERED), (_WORD_BULLET, BlockKind.BULLET)):
        match = pattern.match(text)
        if match:
            runs = _drop_prefix(block.runs, match.end())
            number = int(match.group(1)) if kind == BlockKind.NUMBERED and match.group(1).isdigit() else 1
            # All of Word's list paragraphs in a row form one list (key per kind).
            return Block(kind, runs, 0, -1 if kind == BlockKind.BULLET else -2, number)
    return block


def _drop_prefix(runs: tuple[Run, ...], count: int) -> tuple[Run, ...]:
    kept: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        kept.append(Run(run.text[count:], run.bold, run.italic))
        count = 0
    return tuple(kept)
