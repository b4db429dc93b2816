"""QTextDocument <-> section text blocks (see domain/section_text.py).

The editor shows a section as a QTextDocument; these functions read the document as
blocks (for the Markdown that is stored) and write blocks into it at a cursor (for
loading a section and for pasting). Only the format's constructs exist here: bold,
italic, bullet and numbered lists (nested), and the level-3 sub-heading.
"""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from referat_desktop.domain.section_text import Block, BlockKind, Run

HEADING_LEVEL = 3
# QTextDocument's own Markdown reader shows a level-3 heading one size step up and bold.
HEADING_SIZE_ADJUSTMENT = 1
LIST_STYLES = {
    BlockKind.BULLET: (
        QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle, QTextListFormat.Style.ListSquare,
    ),
    BlockKind.NUMBERED: (QTextListFormat.Style.ListDecimal,),
}
_NUMBERED_STYLES = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
# Characters a pasted or loaded document may hold that are not text: images and other
# embedded objects (U+FFFC). They have no place in a section.
_OBJECT_REPLACEMENT = "\ufffc"


# --- document -> blocks -----------------------------------------------------------------


def blocks_of_qt_document(document: QTextDocument) -> list[Block]:
    """The document's paragraphs, headings and list items, in order (table cells read
    as paragraphs)."""
    blocks: list[Block] = []
    block = document.begin()
    while block.isValid():
        blocks.append(_block(block))
        block = block.next()
    return blocks


def list_kind(text_list: QTextList) -> BlockKind:
    return BlockKind.NUMBERED if text_list.format().style() in _NUMBERED_STYLES else BlockKind.BULLET


def _block(block: QTextBlock) -> Block:
    runs = _runs(block)
    text_list = block.textList()
    if text_list is not None:
        list_format = text_list.format()
        kind = list_kind(text_list)
        # Python wrappers of a QTextList are not unique; its object index in the document is.
        key = text_list.objectIndex()
        number = text_list.itemNumber(block) + max(list_format.start(), 1)
        return Block(kind, runs, max(list_format.indent(), 1) - 1, key, number)
    if block.blockFormat().headingLevel() > 0:
        return Block(BlockKind.HEADING, runs)
    return Block(BlockKind.PARAGRAPH, runs)


def _runs(block: QTextBlock) -> tuple[Run, ...]:
    runs: list[Run] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            text = fragment.text().replace(_OBJECT_REPLACEMENT, "")
            if text:
                char_format = fragment.charFormat()
                bold = char_format.fontWeight() >= QFont.Weight.DemiBold
                runs.append(Run(text, bold, char_format.fontItalic()))
        iterator += 1
    return tuple(runs)


# --- blocks -> document -----------------------------------------------------------------


def heading_char_format(on: bool) -> QTextCharFormat:
    """The character format that makes a heading look like one (or undoes that)."""
    char_format = QTextCharFormat()
    char_format.setProperty(QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE_ADJUSTMENT if on else 0)
    char_format.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
    if on:
        char_format.setFontItalic(False)  # a heading is printed plain (export/section_nodes.py)
    return char_format


def run_char_format(run: Run, heading: bool = False) -> QTextCharFormat:
    char_format = heading_char_format(heading)
    char_format.setFontWeight(QFont.Weight.Bold if run.bold or heading else QFont.Weight.Normal)
    char_format.setFontItalic(run.italic)
    return char_format


def block_format(kind: BlockKind) -> QTextBlockFormat:
    """The look of a block of `kind`: a little air around paragraphs and sub-headings
    (as when the text is printed), none between the items of a list."""
    fmt = QTextBlockFormat()
    if kind == BlockKind.HEADING:
        fmt.setHeadingLevel(HEADING_LEVEL)
        fmt.setTopMargin(8)
        fmt.setBottomMargin(2)
    elif kind == BlockKind.PARAGRAPH:
        fmt.setTopMargin(3)
        fmt.setBottomMargin(3)
    return fmt


def list_format(block: Block) -> QTextListFormat:
    styles = LIST_STYLES[block.kind]
    fmt = QTextListFormat()
    fmt.setStyle(styles[block.depth % len(styles)])
    fmt.setIndent(block.depth + 1)
    if block.kind == BlockKind.NUMBERED:
        fmt.setStart(block.number)
    return fmt


def insert_blocks(cursor: QTextCursor, blocks: list[Block]) -> None:
    """Insert `blocks` at the cursor. The first block's text goes into the cursor's
    current block (as pasting into a line does); each further block starts a new one.
    The caller wraps this in one edit block when it should undo as one step."""
    lists: dict[tuple[int, int], QTextList] = {}  # (depth, list key) -> its QTextList
    for index, block in enumerate(blocks):
        if index > 0:
            cursor.insertBlock(block_format(block.kind), run_char_format(Run("")))
        if index > 0 or cursor.block().length() <= 1:
            # A new (or empty) line takes the pasted block's kind; text pasted into the
            # middle of an existing line keeps that line's kind.
            _apply_kind(cursor, block, lists)
        heading = cursor.block().blockFormat().headingLevel() > 0
        for run in block.runs:
            cursor.insertText(run.text, run_char_format(run, heading))


def _apply_kind(cursor: QTextCursor, block: Block, lists: dict[tuple[int, int], QTextList]) -> None:
    current = cursor.block().textList()
    if block.kind in LIST_STYLES:
        existing = lists.get((block.depth, block.list_key))
        if existing is not None:
            if current is not None:
                current.remove(cursor.block())
            cursor.setBlockFormat(block_format(block.kind))
            existing.add(cursor.block())
        else:
            if current is not None:
                current.remove(cursor.block())
            cursor.setBlockFormat(block_format(block.kind))
            lists[(block.depth, block.list_key)] = cursor.createList(list_format(block))
        return
    if current is not None:
        current.remove(cursor.block())
    cursor.setBlockFormat(block_format(block.kind))
