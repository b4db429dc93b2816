"""The Formatér menu: the section editor's own formatting and standard-phrase actions, so
their keys are found in a menu and not only in the toolbar's tooltips.

The menu holds the editor's actions themselves (not copies with the same keys, which Qt
would find ambiguous and run neither); they keep acting on the section text only.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

from referat_desktop.ui.section_editor import SectionEditor


def add_format_menu(bar: QMenuBar, before: QAction, editor: SectionEditor) -> QMenu:
    """Formatér, placed before the menu whose action is `before`."""
    menu = QMenu("F&ormatér", bar)
    actions = editor.actions_by_name
    menu.addActions([actions["bold"], actions["italic"]])
    menu.addSeparator()
    menu.addActions([actions["bullets"], actions["numbers"], actions["heading"]])
    menu.addSeparator()
    phrases = menu.addMenu("&Standardtekst i beslutning")
    for button in editor.phrase_buttons:
        action = button.defaultAction()
        if action is not None:
            phrases.addAction(action)
    bar.insertMenu(before, menu)
    return menu
