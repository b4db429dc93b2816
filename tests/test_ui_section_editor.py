"""The section editor, driven like a user: typing, toolbar buttons, shortcuts, paste."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QToolButton

from referat_desktop.domain.model import SectionKind
from referat_desktop.ui.section_editor import STANDARD_PHRASES, SectionEditor
from section_text_cases import SECTION_MARKDOWN, TRICKY, editor_shape, export_shape

MD = MarkdownIt("commonmark", {"html": False})


@pytest.fixture
def editor(qtbot):
    widget = SectionEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.set_section(7, SectionKind.BAGGRUND, "")
    widget.text_edit.setFocus()
    return widget


def html(markdown: str) -> str:
    return MD.render(markdown)


def button(editor: SectionEditor, name: str) -> QToolButton:
    return editor.toolbar.widgetForAction(editor.actions_by_name[name])


def select_all(editor: SectionEditor) -> None:
    editor.text_edit.selectAll()


def move(editor: SectionEditor, operation: QTextCursor.MoveOperation) -> None:
    editor.text_edit.moveCursor(operation)


# --- typing and the toolbar ---------------------------------------------------------------


def test_typing_emits_edited_with_markdown(editor, qtbot):
    emitted = []
    editor.edited.connect(lambda section_id, text: emitted.append((section_id, text)))
    qtbot.keyClicks(editor.text_edit, "Godkendt")
    assert emitted == [(7, "Godkendt"[:n]) for n in range(1, 9)]  # every keystroke
    assert editor.markdown() == "Godkendt"


def test_bold_and_italic_buttons_toggle_the_selection(editor, qtbot):
    qtbot.keyClicks(editor.text_edit, "vigtig sag")
    select_all(editor)
    qtbot.mouseClick(button(editor, "bold"), Qt.MouseButton.LeftButton)
    assert editor.markdown() == "**vigtig sag**"
    assert html(editor.markdown()) == "<p><strong>vigtig sag</strong></p>\n"
    assert editor.actions_by_name["bold"].isChecked()
    qtbot.mouseClick(button(editor, "italic"), Qt.MouseButton.LeftButton)
    assert html(editor.markdown()) in (
        "<p><em><strong>vigtig sag</strong></em></p>\n",
        "<p><strong><em>vigtig sag</em></strong></p>\n",
    )
    qtbot.mouseClick(button(editor, "bold"), Qt.MouseButton.LeftButton)  # off again
    qtbot.mouseClick(button(editor, "italic"), Qt.MouseButton.LeftButton)
    assert editor.markdown() == "vigtig sag"


def test_bold_toggles_on_a_partly_bold_selection_first(editor, qtbot):
    editor.set_section(7, SectionKind.BAGGRUND, "en **fed** sag")
    select_all(editor)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.markdown() == "**en fed sag**"
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.markdown() == "en fed sag"


def test_shortcuts_format_what_is_typed_next(editor, qtbot):
    qtbot.keyClicks(editor.text_edit, "Det er ")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text_edit, "vedtaget")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text_edit, " og ")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text_edit, "endeligt")
    assert editor.markdown() == "Det er **vedtaget** og *endeligt*"
    assert html(editor.markdown()) == "<p>Det er <strong>vedtaget</strong> og <em>endeligt</em></p>\n"


def test_bullet_list_on_and_off(editor, qtbot):
    qtbot.keyClicks(editor.text_edit, "Indstilling:")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_edit, "første")
    qtbot.mouseClick(button(editor, "bullets"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_edit, "anden")
    assert editor.markdown() == "Indstilling:\n\n- første\n- anden"
    assert "<ul>\n<li>første</li>\n<li>anden</li>\n</ul>" in html(editor.markdown())
    assert editor.actions_by_name["bullets"].isChecked()
    # Enter on an empty item ends the list; text after it is a paragraph again.
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_edit, "Slut")
    assert editor.markdown() == "Indstilling:\n\n- første\n- anden\n\nSlut"
    # Both items selected, the button turns them back into paragraphs.
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(editor.text_edit.document().findBlockByNumber(1).position())
    cursor.setPosition(
        editor.text_edit.document().findBlockByNumber(2).position() + 2, QTextCursor.MoveMode.KeepAnchor
    )
    editor.text_edit.setTextCursor(cursor)
    qtbot.keyClick(
        editor.text_edit,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.markdown() == "Indstilling:\n\nførste\n\nanden\n\nSlut"


def test_numbered_list_and_switching_kind(editor, qtbot):
    qtbot.keyClick(
        editor.text_edit,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.keyClicks(editor.text_edit, "en")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_edit, "to")
    assert editor.markdown() == "1. en\n2. to"
    assert "<ol>\n<li>en</li>\n<li>to</li>\n</ol>" in html(editor.markdown())
    select_all(editor)
    qtbot.mouseClick(button(editor, "bullets"), Qt.MouseButton.LeftButton)
    assert editor.markdown() == "- en\n- to"
    qtbot.mouseClick(button(editor, "bullets"), Qt.MouseButton.LeftButton)
    assert editor.markdown() == "en\n\nto"


def test_heading_on_and_off(editor, qtbot):
    qtbot.keyClicks(editor.text_edit, "Økonomi")
    qtbot.mouseClick(button(editor, "heading"), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_edit, "Ingen udgifter.")
    assert editor.markdown() == "### Økonomi\n\nIngen udgifter."
    assert html(editor.markdown()) == "<h3>Økonomi</h3>\n<p>Ingen udgifter.</p>\n"
    move(editor, QTextCursor.MoveOperation.Start)
    assert editor.actions_by_name["heading"].isChecked()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert editor.markdown() == "Økonomi\n\nIngen udgifter."
    assert not editor.actions_by_name["heading"].isChecked()


def test_each_toggle_is_one_undo_step(editor, qtbot):
    editor.set_section(7, SectionKind.BAGGRUND, "a\n\nb")
    select_all(editor)
    qtbot.mouseClick(button(editor, "numbers"), Qt.MouseButton.LeftButton)
    assert editor.markdown() == "1. a\n2. b"
    editor.text_edit.undo()
    assert editor.markdown() == "a\n\nb"


def test_shift_enter_starts_a_paragraph_not_a_line_break(editor, qtbot):
    qtbot.keyClicks(editor.text_edit, "a")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(editor.text_edit, "b")
    assert editor.markdown() == "a\n\nb"


def test_typed_markup_comes_back_as_typed(editor, qtbot):
    typed = [
        "24-09-2019: BY Temadrøftelse",
        "1) a 2) b",
        "<b>ikke fed</b>",
        "*",
        "# ikke overskrift",
        "- ikke punkt",
        "_x_ og snake_case",
        "R&D &amp; 5 < 6",
    ]
    for line in typed:
        editor.set_section(7, SectionKind.BAGGRUND, "")
        editor.text_edit.setFocus()
        qtbot.keyClicks(editor.text_edit, line)
        markdown = editor.markdown()
        tokens = [t for t in MD.parse(markdown) if t.type == "inline"]
        assert [t.content for t in MD.parse(markdown)][0] == "", markdown  # a paragraph_open
        assert len(tokens) == 1 and [c.type for c in tokens[0].children] == ["text"], markdown
        assert tokens[0].children[0].content == line
        # and the editor reads its own Markdown back unchanged
        editor.set_section(7, SectionKind.BAGGRUND, markdown)
        assert editor.text_edit.toPlainText() == line


# --- loading --------------------------------------------------------------------------------


MARKUP_LOOKALIKES = [
    "24-09-2019: BY Temadrøftelse om Charlotteager",
    "1) a 2) b",
    "<b>",
    "*",
    "Tekst med en \\* stjerne og a_b_c",
    "**fed** og *kursiv*\n\n### Under\n\n- a\n  - b\n- c\n\n3. tre\n4. fire",
]


@pytest.mark.parametrize("markdown", MARKUP_LOOKALIKES)
def test_loading_without_editing_changes_nothing(editor, qtbot, markdown):
    with qtbot.assertNotEmitted(editor.edited):
        editor.set_section(3, SectionKind.BESLUTNING, markdown)
    assert editor.markdown() == markdown
    assert not editor.text_edit.document().isUndoAvailable()


def test_sample_meeting_sections_load_unchanged_and_render_canonically(editor, qtbot, sample_meeting):
    from referat_desktop.domain.section_text import parse, render

    texts = [s.text for item in sample_meeting.items for s in item.sections if s.text]
    assert len(texts) > 15
    for text in texts:
        with qtbot.assertNotEmitted(editor.edited):
            editor.set_section(1, SectionKind.SAGSFREMSTILLING, text)
        assert editor.markdown() == text
        # and the text the editor would write after an edit is the same text
        from referat_desktop.ui.rich_text import blocks_of_qt_document

        assert render(blocks_of_qt_document(editor.text_edit.document())) == render(parse(text)) == text


def test_undo_back_to_the_loaded_text_gives_the_loaded_text(editor, qtbot):
    editor.set_section(2, SectionKind.BAGGRUND, "1) a 2) b")
    move(editor, QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(editor.edited):
        qtbot.keyClicks(editor.text_edit, "x")
    with qtbot.waitSignal(editor.edited) as blocker:
        editor.text_edit.undo()
    assert blocker.args == [2, "1) a 2) b"]


def test_nothing_selected_disables_the_editor(editor):
    editor.set_section(None, SectionKind.BAGGRUND, "")
    assert not editor.text_edit.isEnabled()
    assert editor.markdown() == "" and editor.current_section_id() is None
    assert not editor.actions_by_name["bold"].isEnabled()


def test_read_only_refuses_typing_and_formatting(editor, qtbot):
    editor.set_section(4, SectionKind.BESLUTNING, "Godkendt.")
    editor.set_read_only(True)
    with qtbot.assertNotEmitted(editor.edited):
        qtbot.keyClicks(editor.text_edit, "x")
        select_all(editor)
        editor.actions_by_name["bold"].trigger()
        editor.insert_phrase("Udsat.")
        mime = QMimeData()
        mime.setHtml("<b>indsat</b>")
        editor.text_edit.insertFromMimeData(mime)
    assert editor.markdown() == "Godkendt."
    assert all(not b.isEnabled() for b in editor.phrase_buttons)
    editor.set_read_only(False)
    assert editor.actions_by_name["italic"].isEnabled()


# --- paste ----------------------------------------------------------------------------------

WORD_LIKE_HTML = """<html><body>
<h1 style="color:#2f5496;font-family:Calibri Light">Overskrift fra Word</h1>
<p style="font-family:Times;font-size:18pt;color:red;background:yellow">Farvet <span
style="color:green">tekst</span>
med <b>fed</b>, <i>kursiv</i>, <u>understreget</u> og et <a href="https://example.org">link</a>
og et billede <img src="logo.png" alt="logo"></p>
<table border="1"><tr><td>Celle 1</td><td><b>Celle 2</b></td></tr></table>
<ul><li>punkt a</li><li>punkt b</li></ul>
<ol><li>nummer 1</li><li>nummer 2</li></ol>
</body></html>"""


def paste(editor: SectionEditor, qtbot, mime: QMimeData) -> None:
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasting_html_keeps_only_the_formats_of_the_section_text(editor, qtbot):
    mime = QMimeData()
    mime.setHtml(WORD_LIKE_HTML)
    mime.setText("plain fallback")
    paste(editor, qtbot, mime)
    markdown = editor.markdown()
    assert markdown == (
        "### Overskrift fra Word\n\n"
        "Farvet tekst med **fed**, *kursiv*, understreget og et link og et billede logo\n\n"
        "Celle 1\n\n"
        "**Celle 2**\n\n"
        "- punkt a\n- punkt b\n"
        "1. nummer 1\n2. nummer 2"
    )
    rendered = html(markdown)
    for gone in ("color", "font", "<a ", "<img", "<table", "<u>", "<h1"):
        assert gone not in rendered
    assert "<h3>Overskrift fra Word</h3>" in rendered
    assert "<ol>\n<li>nummer 1</li>" in rendered and "<ul>\n<li>punkt a</li>" in rendered


# What Word puts on the clipboard for a bold line, a bullet list and a numbered list:
# list items are paragraphs that start with the bullet or number itself.
WORD_CLIPBOARD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:w="urn:schemas-microsoft-com:office:word">
<head><style><!-- p.MsoNormal {font-family:Calibri;} --></style>
</head><body lang=DA><!--StartFragment-->
<p class=MsoNormal><b><span style='font-size:14.0pt;color:#2F5496'>Indstilling<o:p></o:p></span></b></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='font-family:Symbol'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>
</span><![endif]>Kulturhusene samarbejder<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>
<span style='font-family:Symbol'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>
</span><![endif]>Administrationen <i>undersøger</i><o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span>1.<span
 style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Første<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span>2.<span
 style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Anden<o:p></o:p></p>
<p class=MsoNormal>Almindelig tekst om 1. del<o:p></o:p></p>
<!--EndFragment--></body></html>"""


def test_pasting_from_word_gives_lists_and_drops_the_styling(editor, qtbot):
    mime = QMimeData()
    mime.setHtml(WORD_CLIPBOARD_HTML)
    paste(editor, qtbot, mime)
    assert editor.markdown() == (
        "**Indstilling**\n\n"
        "- Kulturhusene samarbejder\n- Administrationen *undersøger*\n"
        "1. Første\n2. Anden\n\n"
        "Almindelig tekst om 1. del"
    )


def test_pasting_plain_text_keeps_markup_lookalikes_as_text(editor, qtbot):
    mime = QMimeData()
    mime.setText("**ikke fed**\r\n1) a 2) b\n<i>")
    paste(editor, qtbot, mime)
    assert editor.text_edit.toPlainText() == "**ikke fed**\n1) a 2) b\n<i>"
    parsed = [
        "".join(c.content for c in t.children) for t in MD.parse(editor.markdown()) if t.type == "inline"
    ]
    assert parsed == ["**ikke fed**", "1) a 2) b", "<i>"]


def test_paste_into_a_line_joins_the_first_pasted_paragraph(editor, qtbot):
    qtbot.keyClicks(editor.text_edit, "Start ")
    mime = QMimeData()
    mime.setHtml("<p><b>fed</b></p><p>næste</p>")
    paste(editor, qtbot, mime)
    assert editor.markdown() == "Start **fed**\n\nnæste"
    editor.text_edit.undo()  # the paste is one undo step
    assert editor.text_edit.toPlainText() == "Start "


# --- standard phrases -------------------------------------------------------------------------


def test_phrase_row_only_in_decision_sections(editor):
    editor.set_section(1, SectionKind.BAGGRUND, "")
    assert editor.phrase_row.isHidden()
    editor.set_section(2, SectionKind.BESLUTNING, "")
    assert not editor.phrase_row.isHidden()
    assert [b.text() for b in editor.phrase_buttons] == list(STANDARD_PHRASES)
    assert "Alt+1" in editor.phrase_buttons[0].toolTip()


@pytest.mark.parametrize("number", range(1, 6))
def test_each_phrase_by_click_and_by_alt_number(editor, qtbot, number):
    phrase = STANDARD_PHRASES[number - 1]
    editor.set_section(2, SectionKind.BESLUTNING, "")
    editor.text_edit.setFocus()
    qtbot.mouseClick(editor.phrase_buttons[number - 1], Qt.MouseButton.LeftButton)
    assert editor.markdown() == phrase
    editor.set_section(2, SectionKind.BESLUTNING, "Drøftet.")
    editor.text_edit.setFocus()
    move(editor, QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor.text_edit, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
    assert editor.markdown() == f"Drøftet.\n\n{phrase}"


def test_phrase_placement_and_single_undo(editor, qtbot):
    editor.set_section(2, SectionKind.BESLUTNING, "Første. Anden.")
    cursor = editor.text_edit.textCursor()
    cursor.setPosition(len("Første. "))
    editor.text_edit.setTextCursor(cursor)
    editor.insert_phrase("Udsat.")
    assert editor.markdown() == "Første.\n\nUdsat.\n\nAnden."
    editor.text_edit.undo()
    assert editor.text_edit.toPlainText() == "Første. Anden."
    move(editor, QTextCursor.MoveOperation.Start)
    editor.insert_phrase("Godkendt.")
    assert editor.markdown() == "Godkendt.\n\nFørste. Anden."
    # typing goes on after the phrase
    qtbot.keyClicks(editor.text_edit, " Enstemmigt.")
    assert editor.markdown() == "Godkendt. Enstemmigt.\n\nFørste. Anden."


def test_phrase_after_a_list_item_is_a_paragraph(editor):
    editor.set_section(2, SectionKind.BESLUTNING, "- a\n- b")
    move(editor, QTextCursor.MoveOperation.End)
    editor.insert_phrase("Anbefales.")
    assert editor.markdown() == "- a\n- b\n\nAnbefales."


def test_tab_nests_a_list_item_and_shift_tab_brings_it_back(editor, qtbot):
    editor.set_section(7, SectionKind.BESLUTNING, "- a\n- b\n- c")  # phrase buttons take Tab focus
    editor.text_edit.setFocus()
    editor.text_edit.setTextCursor(QTextCursor(editor.text_edit.document().findBlockByNumber(1)))
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Tab)
    assert editor.markdown() == "- a\n  - b\n- c"
    assert "<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>" in html(editor.markdown())
    assert editor.text_edit.hasFocus()
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.markdown() == "- a\n- b\n- c"
    # The first item has nothing to nest under; in a paragraph Tab leaves the field.
    editor.text_edit.setTextCursor(QTextCursor(editor.text_edit.document().findBlockByNumber(0)))
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Tab)
    assert editor.markdown() == "- a\n- b\n- c"
    assert QApplication.focusWidget() is editor.phrase_buttons[0]


def test_a_new_heading_looks_like_one_while_typing(editor, qtbot):
    from PySide6.QtGui import QTextFormat

    qtbot.keyClick(editor.text_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text_edit, "Økonomi")
    typed = editor.text_edit.textCursor().charFormat()
    assert typed.property(QTextFormat.Property.FontSizeAdjustment) == 1 and formatting_is_bold(typed)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.text_edit, "Ingen.")
    assert not formatting_is_bold(editor.text_edit.textCursor().charFormat())
    assert editor.markdown() == "### Økonomi\n\nIngen."


def formatting_is_bold(char_format) -> bool:
    from referat_desktop.ui.formatting import is_bold

    return is_bold(char_format)


def test_typing_format_does_not_follow_into_the_next_section(editor, qtbot):
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    editor.set_section(8, SectionKind.BAGGRUND, "")
    editor.text_edit.setFocus()
    qtbot.keyClicks(editor.text_edit, "almindelig")
    assert editor.markdown() == "almindelig"


def test_pasted_line_breaks_start_paragraphs(editor, qtbot):
    mime = QMimeData()
    mime.setHtml("<p>Med venlig hilsen<br><b>Kathrine</b><br>Sekretær</p><ul><li>a<br>b</li></ul>")
    paste(editor, qtbot, mime)
    assert editor.markdown() == "Med venlig hilsen\n\n**Kathrine**\n\nSekretær\n\n- a b"


# --- the editor shows what is printed ---------------------------------------------------------


@pytest.mark.parametrize(("markdown", "expected"), TRICKY, ids=[repr(m)[:40] for m, _ in TRICKY])
def test_the_editor_shows_what_the_export_prints(editor, markdown, expected):
    from referat_desktop.domain.section_text import normalise
    from referat_desktop.export.section_nodes import SectionParser
    from referat_desktop.ui.rich_text import blocks_of_qt_document

    editor.set_section(5, SectionKind.BAGGRUND, markdown)
    # The document as Qt holds it: its blocks, QTextList numbers and character formats.
    shown = editor_shape(normalise(blocks_of_qt_document(editor.text_edit.document())))
    assert shown == expected
    assert export_shape(SectionParser().blocks(markdown)) == shown


def test_an_imported_line_break_is_shown_and_kept(editor, qtbot):
    editor.set_section(5, SectionKind.BAGGRUND, "Med venlig hilsen\\\nKathrine\x0bSekretær")
    document = editor.text_edit.document()
    assert document.blockCount() == 1
    assert document.firstBlock().text() == "Med venlig hilsen\u2028Kathrine\u2028Sekretær"
    move(editor, QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.text_edit, "!")
    assert editor.markdown() == "Med venlig hilsen\u2028Kathrine\u2028Sekretær!"


def test_a_heading_takes_no_italic_as_it_prints_none(editor, qtbot):
    editor.set_section(5, SectionKind.BAGGRUND, "### Økonomi\n\n*tekst*")
    assert not editor.actions_by_name["italic"].isEnabled()
    move(editor, QTextCursor.MoveOperation.End)
    assert editor.actions_by_name["italic"].isEnabled() and editor.actions_by_name["italic"].isChecked()
    move(editor, QTextCursor.MoveOperation.Start)
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text_edit, "Ny ")
    assert not editor.text_edit.textCursor().charFormat().fontItalic()
    assert editor.markdown() == "### Ny Økonomi\n\n*tekst*"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(markdown=SECTION_MARKDOWN)
def test_any_section_text_shows_in_the_editor_as_it_prints(editor, markdown):
    from referat_desktop.domain.section_text import normalise
    from referat_desktop.export.section_nodes import SectionParser
    from referat_desktop.ui.rich_text import blocks_of_qt_document

    editor.set_section(5, SectionKind.BAGGRUND, markdown)  # a fresh document each time
    shown = editor_shape(normalise(blocks_of_qt_document(editor.text_edit.document())))
    assert export_shape(SectionParser().blocks(markdown)) == shown, markdown
