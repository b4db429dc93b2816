"""How the main window's parts are arranged (like a Designer `Ui_` class, by hand).

Three resizable parts: search and meeting list | the meeting's facts over the agenda |
the editor. The empty-database panel takes the whole page while there are no meetings,
and a read-only file gets the yellow bar on top. Splitter positions and the window's
geometry are kept in the settings the composition root handed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from referat_desktop.ui.actions import WindowActions
from referat_desktop.ui.settings import UiSettings


@dataclass
class WindowParts:
    """Everything the layout places; the window builds them and hands them over."""

    search: QWidget
    meeting_view: QAbstractItemView
    meeting_form: QWidget
    item_view: QAbstractItemView
    editor: QWidget
    empty_state: QWidget
    acts: WindowActions
    menus: dict[str, QMenu]
    read_only_bar: QWidget | None  # the yellow bar of a read-only file
    seal_bar: QWidget  # shown over an approved meeting (ui/approval.py)
    tab_chain: list[QWidget]  # the order Tab moves in, search field first
    delete_in_tree: Callable[[], None]  # Delete in the agenda tree

DEFAULT_SIZE = (1360, 860)
DEFAULT_SPLIT = [280, 440, 640]


@dataclass
class WindowLayout:
    splitter: QSplitter  # the three parts
    middle_splitter: QSplitter  # facts over agenda
    pages: QStackedWidget  # the parts, or the empty-database panel

    central: QWidget  # the window's central widget

    def restore(self, window: QMainWindow, settings: UiSettings) -> None:
        geometry = settings.state("geometry")
        if geometry is None or not window.restoreGeometry(geometry):
            self._first_size(window)
        for name, splitter in (("splitter", self.splitter), ("middle_splitter", self.middle_splitter)):
            state = settings.state(name)
            if state is not None:
                splitter.restoreState(state)

    @staticmethod
    def _first_size(window: QMainWindow) -> None:
        """DEFAULT_SIZE, or the whole screen on a smaller one (a 1366×768 laptop), so the
        status bar and the editor's right edge are never off screen."""
        screen = window.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is None or (room.width() >= DEFAULT_SIZE[0] and room.height() >= DEFAULT_SIZE[1]):
            window.resize(*DEFAULT_SIZE)
            return
        window.resize(min(DEFAULT_SIZE[0], room.width()), min(DEFAULT_SIZE[1], room.height()))
        window.move(room.topLeft())
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def save(self, window: QMainWindow, settings: UiSettings) -> None:
        settings.set_state("geometry", window.saveGeometry())
        settings.set_state("splitter", self.splitter.saveState())
        settings.set_state("middle_splitter", self.middle_splitter.saveState())
        settings.sync()


def lay_out(window: WindowParts) -> WindowLayout:
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(8, 8, 4, 8)
    left_layout.addWidget(window.search)
    left_layout.addWidget(window.meeting_view, 1)
    search_field = window.tab_chain[0]
    if isinstance(search_field, QLineEdit):  # its hint "Søg i punkter og tekst (Ctrl+F)" whole
        metrics = search_field.fontMetrics()
        search_field.setMinimumWidth(metrics.horizontalAdvance(search_field.placeholderText())
                                     + 4 * metrics.averageCharWidth())

    facts = QGroupBox("Mødet")
    facts_layout = QVBoxLayout(facts)
    facts_layout.addWidget(window.meeting_form)
    agenda = QWidget()
    agenda_layout = QVBoxLayout(agenda)
    agenda_layout.setContentsMargins(0, 4, 0, 0)
    title = QLabel("Dagsorden")
    title.setStyleSheet("font-weight: 600;")
    agenda_layout.addWidget(title)
    agenda_layout.addWidget(window.item_view, 1)
    # A tool bar, not a row of buttons: when the pane is narrow (a 1280-pixel screen) the
    # buttons that do not fit move into its » menu instead of widening the whole window.
    buttons = QToolBar("Dagsorden")
    buttons.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    acts = window.acts
    for action in (acts.new_item, acts.move_up, acts.move_down, acts.delete_item, acts.meeting_mode):
        buttons.addAction(action)
        button = buttons.widgetForAction(action)
        if isinstance(button, QToolButton):
            button.setAutoRaise(False)  # looks like the buttons it replaces
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the menu and the keys do the same
    agenda_layout.addWidget(buttons)
    middle_splitter = QSplitter(Qt.Orientation.Vertical)
    middle_splitter.addWidget(facts)
    middle_splitter.addWidget(agenda)
    middle_splitter.setStretchFactor(1, 1)
    middle_splitter.setChildrenCollapsible(False)
    middle = QWidget()
    middle_layout = QVBoxLayout(middle)
    middle_layout.setContentsMargins(4, 8, 4, 8)
    middle_layout.addWidget(middle_splitter)

    splitter = QSplitter(Qt.Orientation.Horizontal)
    for part in (left, middle, window.editor):
        splitter.addWidget(part)
    splitter.setStretchFactor(2, 1)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(DEFAULT_SPLIT)

    pages = QStackedWidget()
    pages.addWidget(splitter)
    pages.addWidget(window.empty_state)
    central = QWidget()
    central_layout = QVBoxLayout(central)
    central_layout.setContentsMargins(0, 0, 0, 0)
    central_layout.setSpacing(0)
    if window.read_only_bar is not None:
        central_layout.addWidget(window.read_only_bar)
    central_layout.addWidget(window.seal_bar)
    central_layout.addWidget(pages, 1)

    chain = window.tab_chain
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
    _view_keys_and_menus(window)
    return WindowLayout(splitter, middle_splitter, pages, central)


def _view_keys_and_menus(window: WindowParts) -> None:
    """Delete in a list deletes what is selected there; right-click offers the list's menu."""
    for view, on_delete, menu in (
        (window.meeting_view, window.acts.delete_meeting.trigger, window.menus["meeting"]),
        (window.item_view, window.delete_in_tree, window.menus["item"]),
    ):
        delete = QAction("Slet", view)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # not while typing elsewhere
        delete.triggered.connect(on_delete)
        view.addAction(delete)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(
            lambda pos, v=view, m=menu: _popup(v, m, pos)
        )


def _popup(view: QAbstractItemView, menu: QMenu, pos: QPoint) -> None:
    menu.popup(view.viewport().mapToGlobal(pos))
