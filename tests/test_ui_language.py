"""Qt's own texts (standard buttons, a text field's menu) appear in Danish, as ours do."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox

from referat_desktop.ui.language import DANISH, install_danish


@pytest.fixture
def danish(qapp: QApplication):
    before = QLocale()
    translator = install_danish(qapp)
    yield translator
    if translator is not None:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def test_question_buttons_are_danish(danish):
    assert danish is not None, "Qt's Danish catalogue (qtbase_da.qm) was not found"
    box = QMessageBox(QMessageBox.Icon.Question, "Slet punkt", "Slet punktet?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert sorted(button.text() for button in box.buttons()) == ["&Ja", "&Nej"]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    assert sorted(button.text() for button in buttons.buttons()) == ["Annuller", "Gem"]


def test_text_field_menu_is_danish(danish, qtbot):
    field = QLineEdit()  # kept: the menu is the field's child
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert texts[:2] == ["&Fortryd", "&Omgør"]
    assert "&Kopiér" in texts and "&Sæt ind" in texts and "Markér alt" in texts


def test_default_locale_is_danish(danish):
    assert QLocale().name() == DANISH.name() == "da_DK"
    assert QLocale().monthName(5) == "maj"


START_AND_ASK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from referat_desktop.app import main

app = QApplication(sys.argv[:1])

def report():
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes)
    windows = [w.windowTitle() for w in app.topLevelWidgets() if w.isVisible()]
    print(box.buttons()[0].text(), windows)
    app.quit()

QTimer.singleShot(0, report)
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_the_program_starts_in_danish(tmp_path):
    """`referat-desktop` itself installs the catalogue (not just this module's tests)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", START_AND_ASK, str(tmp_path / "r.sqlite")],
                          capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "&Ja ['Referat – r.sqlite']"


def test_file_dialog_is_danish(danish, qtbot, tmp_path):
    """Qt 6's file dialog labels with mnemonics and its file types, which the older
    catalogue lists under other source texts, come out Danish too (issue 16)."""
    from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

    (tmp_path / "Referater").mkdir()
    dialog = QFileDialog(None, "Gem referat", str(tmp_path), "PDF-dokument (*.pdf)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())
    assert labels == ["&Filnavn:", "&Kig i:", "Filer af &type:"]
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Navn", "Størrelse", "Type", "Ændringsdato"]
    folder = model.index(str(tmp_path / "Referater"))
    qtbot.waitUntil(lambda: model.data(folder.siblingAtColumn(2)) not in (None, ""))
    assert model.data(folder.siblingAtColumn(2)) == "Mappe"


def test_mnemonic_kept_in_fallback():
    from referat_desktop.ui.language import with_mnemonic

    assert with_mnemonic("Filer af type:", "Files of &type:") == "Filer af &type:"
    assert with_mnemonic("Kig i:", "&Look in:") == "&Kig i:"
    assert with_mnemonic("&Filnavn:", "File &name:") == "&Filnavn:"
