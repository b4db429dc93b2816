"""The section editor's formatting commands, on a QTextCursor.

Each command toggles the way a word processor does: if everything selected already has
the formatting it is taken off, otherwise it is put on. Each is one undo step.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from referat_desktop.domain.section_text import Block, BlockKind, Run
from referat_desktop.ui.rich_text import (
    block_format,
    heading_char_format,
    list_format,
    list_kind,
    run_char_format,
)


def selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    """The blocks the selection touches (or the cursor's block)."""
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    blocks = [first]
    while blocks[-1] != last and blocks[-1].next().isValid():
        blocks.append(blocks[-1].next())
    return blocks


def _selected_formats(cursor: QTextCursor) -> Iterator[QTextCharFormat]:
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    for block in selected_blocks(cursor):
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            low = fragment.position()
            high = low + fragment.length()
            if fragment.isValid() and high > start and low < end and fragment.text().strip():
                yield fragment.charFormat()
            iterator += 1


def is_bold(char_format: QTextCharFormat) -> bool:
    return char_format.fontWeight() >= QFont.Weight.DemiBold


def selection_has(cursor: QTextCursor, test) -> bool:
    """Whether all selected text passes `test` (the typing format when nothing is selected)."""
    if not cursor.hasSelection():
        return test(cursor.charFormat())
    formats = list(_selected_formats(cursor))
    return bool(formats) and all(test(f) for f in formats)


def toggle_bold(edit: QTextEdit) -> None:
    on = not selection_has(edit.textCursor(), is_bold)
    char_format = QTextCharFormat()
    char_format.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
    edit.mergeCurrentCharFormat(char_format)


def toggle_italic(edit: QTextEdit) -> None:
    on = not selection_has(edit.textCursor(), QTextCharFormat.fontItalic)
    char_format = QTextCharFormat()
    char_format.setFontItalic(on)
    edit.mergeCurrentCharFormat(char_format)


def block_kind(block: QTextBlock) -> BlockKind:
    text_list = block.textList()
    if text_list is not None:
        return list_kind(text_list)
    if block.blockFormat().headingLevel() > 0:
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def toggle_list(cursor: QTextCursor, kind: BlockKind) -> None:
    """Make the selected blocks items of one list of `kind`, or plain paragraphs again
    when they all are such items already."""
    blocks = selected_blocks(cursor)
    cursor.beginEditBlock()
    try:
        if any(block_kind(block) == BlockKind.HEADING for block in blocks):
            _make_list(cursor, blocks, kind)
            _refresh_typing_format(cursor)  # no longer a heading's size
        elif all(block_kind(block) == kind for block in blocks):
            for block in blocks:
                _make_paragraph(cursor.document(), block)
        else:
            _make_list(cursor, blocks, kind)
    finally:
        cursor.endEditBlock()


def _make_list(cursor: QTextCursor, blocks: list[QTextBlock], kind: BlockKind) -> None:
    for block in blocks:
        _make_paragraph(cursor.document(), block)
        QTextCursor(block).setBlockFormat(block_format(kind))
    # Join the list just above, so taking one item out and back in restores the list.
    above = blocks[0].previous()
    target = above.textList() if above.isValid() else None
    if target is None or list_kind(target) != kind or target.format().indent() != 1:
        target = QTextCursor(blocks[0]).createList(list_format(Block(kind)))
        blocks = blocks[1:]
    for block in blocks:
        target.add(block)


def change_list_depth(cursor: QTextCursor, step: int) -> bool:
    """Tab / Shift+Tab in a list: nest the selected items one level deeper under the
    item above, or bring them one level out. False when the cursor is not in a list
    item or the items cannot move that way (then Tab moves the focus on)."""
    blocks = selected_blocks(cursor)
    lists = [block.textList() for block in blocks]
    if any(text_list is None for text_list in lists):
        return False
    depths = [text_list.format().indent() for text_list in lists]
    above = blocks[0].previous()
    above_list = above.textList() if above.isValid() else None
    if step > 0 and (above_list is None or above_list.format().indent() < depths[0]):
        return False  # a nested list needs an item above it to belong to
    if step < 0 and min(depths) <= 1:
        return False
    cursor.beginEditBlock()
    try:
        for block, depth in zip(blocks, depths, strict=True):
            kind = list_kind(block.textList())
            target = _neighbour_list(block, depth + step, kind)
            block.textList().remove(block)
            QTextCursor(block).setBlockFormat(block_format(kind))
            if target is None:
                QTextCursor(block).createList(list_format(Block(kind, depth=depth + step - 1)))
            else:
                target.add(block)
    finally:
        cursor.endEditBlock()
    return True


def _neighbour_list(block: QTextBlock, indent: int, kind: BlockKind):
    """The list at `indent` that `block` continues: the nearest one above it, as long as
    no shallower list item or paragraph comes between."""
    above = block.previous()
    while above.isValid() and above.textList() is not None:
        above_indent = above.textList().format().indent()
        if above_indent == indent:
            return above.textList() if list_kind(above.textList()) == kind else None
        if above_indent < indent:
            return None
        above = above.previous()
    return None


def toggle_heading(cursor: QTextCursor) -> None:
    """Make the selected blocks sub-headings, or paragraphs when they all are headings."""
    blocks = selected_blocks(cursor)
    on = not all(block_kind(block) == BlockKind.HEADING for block in blocks)
    cursor.beginEditBlock()
    try:
        for block in blocks:
            _make_paragraph(cursor.document(), block)
            if on:
                QTextCursor(block).setBlockFormat(block_format(BlockKind.HEADING))
                _merge_block_chars(block, heading_char_format(True))
        _refresh_typing_format(cursor)
    finally:
        cursor.endEditBlock()


def _refresh_typing_format(cursor: QTextCursor) -> None:
    """What is typed next at the cursor looks like its block (a heading's size, or not):
    set the cursor's typing format, which the caller hands back to the editor."""
    if cursor.hasSelection():
        return
    typing = cursor.charFormat()
    typing.merge(heading_char_format(cursor.block().blockFormat().headingLevel() > 0))
    cursor.setCharFormat(typing)


def _make_paragraph(document, block: QTextBlock) -> None:
    text_list = block.textList()
    if text_list is not None:
        text_list.remove(block)
    was_heading = block.blockFormat().headingLevel() > 0
    # QTextList.remove() leaves the list's indent on the block; a paragraph has none.
    QTextCursor(block).setBlockFormat(block_format(BlockKind.PARAGRAPH))
    if was_heading:
        _merge_block_chars(block, heading_char_format(False))


def _merge_block_chars(block: QTextBlock, char_format: QTextCharFormat) -> None:
    block_cursor = QTextCursor(block)
    block_cursor.mergeBlockCharFormat(char_format)
    block_cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    block_cursor.mergeCharFormat(char_format)


def insert_phrase(cursor: QTextCursor, phrase: str) -> None:
    """Insert a standard phrase as its own paragraph: into the line if it is empty,
    otherwise on a new line after (or before, at the start of) the text, splitting the
    line when the cursor is inside it. One undo step."""
    plain = run_char_format(Run(""))
    cursor.beginEditBlock()
    try:
        cursor.removeSelectedText()
        block = cursor.block()
        if block.text().strip():
            at_start = not block.text()[: cursor.positionInBlock()].strip()
            at_end = not block.text()[cursor.positionInBlock() :].strip()
            if at_start:
                cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
                cursor.insertBlock(block_format(BlockKind.PARAGRAPH), plain)
                cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
                _make_paragraph(cursor.document(), cursor.block())
            else:
                if at_end:
                    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
                    cursor.insertBlock(block_format(BlockKind.PARAGRAPH), plain)
                else:
                    # The text after the cursor keeps its line's kind (list item, ...).
                    cursor.insertBlock()
                    cursor.insertBlock()
                    cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
                _make_paragraph(cursor.document(), cursor.block())
        else:
            # An empty line: whatever the stray spaces, the phrase is the line.
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        cursor.insertText(phrase, plain)
    finally:
        cursor.endEditBlock()
