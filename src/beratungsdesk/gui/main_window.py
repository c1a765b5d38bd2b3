"""The main window: navigation on the left, one page at a time, status bar below."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.case_editor import CaseEditor
from beratungsdesk.gui.case_list import CaseListView
from beratungsdesk.gui.clients_view import ClientsView
from beratungsdesk.gui.common import AppSettings, app_icon, error_text, icon, nav_icon
from beratungsdesk.gui.drafts import DraftBanner
from beratungsdesk.gui.handover_view import HandoverView
from beratungsdesk.gui.main_drafts import WindowDrafts
from beratungsdesk.gui.main_pages import build_page
from beratungsdesk.gui.main_refresh import ChangeFollower
from beratungsdesk.gui.memory import freeze_long_lived
from beratungsdesk.gui.network_view import NetworkView
from beratungsdesk.gui.office_hours import OfficeHoursDialog
from beratungsdesk.gui.office_view import OfficeView
from beratungsdesk.gui.outreach import OutreachView
from beratungsdesk.gui.overview_page import OverviewPage
from beratungsdesk.gui.settings_view import SettingsView
from beratungsdesk.gui.shortcuts import WindowCommands
from beratungsdesk.gui.statistics_view import StatisticsView
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session import StoreInfo
from beratungsdesk.services.session_office import Labels

log = logging.getLogger(__name__)

HANDOVER_STATE_DELAY_MS = 1500
#: After the first load is asked for, pages are built in idle time from then on.
IDLE_BUILD_DELAY_MS = 100


class CasesPage(QStackedWidget):
    """The case list and, in front of it when a case is open, the editor.

    The editor is the largest widget of the program (a third of the main
    window's build time): it is built when first needed, or in idle time after
    the first page of cases is on screen (:meth:`MainWindow._build_next_page`).
    """

    editor_built = Signal(object)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.list = CaseListView(runner)
        self.addWidget(self.list)
        self.list.open_case.connect(self.open_case)
        self._editor: CaseEditor | None = None
        self._half_built: CaseEditor | None = None  # being built in idle time

    @property
    def editor(self) -> CaseEditor:
        if self._editor is None:
            editor, self._half_built = self._half_built, None
            if editor is None:
                editor = CaseEditor(self.runner, self)
            editor.finish_building()
            self._adopt(editor)
        assert self._editor is not None
        return self._editor

    def build_editor_step(self) -> bool:
        """One part of the editor (a tab), for idle time; True once the editor is complete.

        The whole editor in one go held the GUI thread 30-65 ms (issue 16: <= 50 ms).
        """
        if self._editor is not None:
            return True
        if self._half_built is None:
            self._half_built = CaseEditor(self.runner, self, staged=True)  # a hidden child
            return False
        if not self._half_built.build_step():
            return False
        editor, self._half_built = self._half_built, None
        self._adopt(editor)
        return True

    def _adopt(self, editor: CaseEditor) -> None:
        self._editor = editor
        self.addWidget(editor)
        editor.closed.connect(self.show_list)
        self.editor_built.emit(editor)

    def built_editor(self) -> CaseEditor | None:
        """The editor if it exists (an editor never built holds no input and no data)."""
        return self._editor

    def editor_shown(self) -> bool:
        return self._editor is not None and self.currentWidget() is self._editor

    def open_case(self, case_id: str) -> None:
        def show() -> None:
            self.editor.load(case_id)
            self.setCurrentWidget(self.editor)
            self.editor.tabs.setCurrentIndex(0)

        if self.editor_shown():
            self.editor.maybe_leave(show)
        else:
            show()

    def show_list(self) -> None:
        if self._editor is not None:
            self._editor.clear()
        self.setCurrentWidget(self.list)
        self.list.table.setFocus()


#: The navigation: page name, icon, shortcut (labels in MainWindow._page_label).
PAGES = (("overview", "calendar", "Ctrl+0"),
         ("cases", "cases", "Ctrl+1"), ("outreach", "outreach", "Ctrl+2"), ("clients", "office", "Ctrl+5"),
         ("handover", "handover", "Ctrl+3"), ("statistics", "statistics", "Ctrl+4"),
         ("network", "network", "Ctrl+6"), ("office", "office", "Ctrl+8"),
         ("settings", "settings", "Ctrl+9"))


class MainWindow(QMainWindow):
    """Every page but the case list is built on first use or in idle time.

    Building all pages at once kept the GUI thread busy for 0.2-0.4 s right
    after unlocking; one page at a time, each between two turns of the event
    loop, the first rows of cases are on screen first and no step blocks long.
    The pages are properties: code that uses a page gets it built.
    """

    # Set by the controller when the window closes for a lock or a language change: no question.
    _closing_confirmed = False

    lock_requested = Signal()
    auto_lock_changed = Signal(int)
    language_changed = Signal(str)

    def __init__(self, runner: Runner, settings: AppSettings, info: StoreInfo,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.info = info
        self.labels = Labels(settings.language)
        self.setWindowTitle(self.tr("BeratungsDesk – {name}").format(name=info.name))
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(960, 620))

        self.cases = CasesPage(runner)
        self.cases.editor_built.connect(self._editor_built)
        self.overview = self._overview_page(runner, info.is_office)
        self._built: dict[str, QWidget] = {"cases": self.cases, "overview": self.overview}
        self._half_built: dict[str, NetworkView] = {}  # pages being built in idle time
        self._placeholders: dict[str, QWidget] = {}
        self.case_years: list[int] | None = None  # known once the labels arrived
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setObjectName("navigation")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._page_names: list[str] = []
        for name, icon_name, shortcut in PAGES:
            if name != "office" or info.is_office:
                self.add_page(name, nav_icon(icon_name), self._page_label(name), shortcut)
        self.nav.currentRowChanged.connect(self._switch)

        self.lock_button = QPushButton(icon("lock"), self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock the program (Ctrl+L)"))
        self.lock_button.setAccessibleName(self.tr("Lock"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        side = QWidget()
        side.setObjectName("sidebar")
        # On the sidebar only: a style sheet on the window made Qt polish every widget of
        # every page through the style-sheet style (100 ms of the window's start).
        side.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        side.setStyleSheet(
            "#sidebar { background: #eef3f2; border-right: 1px solid #d5dedc; }"
            "#navigation { background: transparent; font-size: 11pt; }"
            "#navigation::item { padding: 8px 6px; border-radius: 6px; color: #1f2d2d; }"
            "#navigation::item:selected { background: #2f6f73; color: white; }")
        side.setFixedWidth(252)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 12, 8, 12)
        store_label = QLabel(info.name)
        store_label.setWordWrap(True)
        store_label.setStyleSheet("font-weight: bold; padding: 2px 4px 8px 4px;")
        side_layout.addWidget(store_label)
        side_layout.addWidget(self.nav, 1)
        side_layout.addWidget(self.lock_button)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(side)
        self.draft_banner = DraftBanner()
        self.drafts = WindowDrafts(self)
        self.draft_banner.discarded.connect(self.drafts.discard_restored)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.draft_banner)
        right.addWidget(self.pages, 1)
        row.addLayout(right, 1)
        self.setCentralWidget(central)

        lock_action = QAction(self.tr("Lock"), self)
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        lock_action.triggered.connect(self.lock_requested.emit)
        self.addAction(lock_action)
        self._add_commands()

        role = self.tr("office") if info.is_office else self.tr("counselor laptop")
        self.store_status = QLabel(self.tr("Store: {name} ({role})").format(name=info.name, role=role))
        self.busy_label = QLabel()
        self.handover_status = QLabel()
        self.handover_status.setAccessibleName(self.tr("Handover state"))
        self.statusBar().addWidget(self.store_status)
        self.statusBar().addPermanentWidget(self.handover_status)
        self.statusBar().addPermanentWidget(self.busy_label)
        runner.busy_changed.connect(self._busy)
        runner.unhandled_error.connect(self.show_error)

        # Owned by the window: it stops when the window goes (locking), unlike a singleShot.
        self.build_timer = QTimer(self)
        self.build_timer.setSingleShot(True)
        self.build_timer.timeout.connect(self._build_next_page)
        self._building = True
        self.follower = ChangeFollower(self, runner)  # refreshes what a commit changed
        # The handover state (pending changes) follows the data, less eagerly.
        self.handover_timer = QTimer(self)
        self.handover_timer.setSingleShot(True)
        self.handover_timer.setInterval(HANDOVER_STATE_DELAY_MS)
        self.handover_timer.timeout.connect(self._refresh_handover_state)

        geometry = settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        self.nav.setCurrentRow(0)
        self.overview.refresh_today()  # the first page after unlocking: its job goes first
        self.follower.load_labels(then=self._first_load)

    def _add_commands(self) -> None:
        """Ctrl+N (new case) and Ctrl+U (hand over now) from every page, also while a text
        field has the keyboard: window shortcuts, not ones of the page that offers the button."""
        for text, keys, run in ((self.tr("New case"), "Ctrl+N", self.new_case),
                                (self.tr("Hand over now"), "Ctrl+U", self.hand_over_now)):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(run)
            self.addAction(action)
        self.commands = WindowCommands(self, [QKeySequence(keys) for keys in
                                              ("Ctrl+N", "Ctrl+U", "Ctrl+S", "Ctrl+L")])

    def new_case(self) -> None:
        """The new-case dialog over the case list (an open case with unsaved input is asked
        about before the new one replaces it in the editor)."""
        self.show_page("cases")
        self.cases.list.new_case()

    def hand_over_now(self) -> None:
        """Unsaved input of the open case is saved first, so that it travels too."""
        def run() -> None:
            self.show_page("handover")
            if self.handover.run_button.isEnabled():  # not while a handover is running
                self.handover.run()

        editor = self.cases.built_editor()
        if editor is not None and editor.is_dirty() and editor.record is not None:
            editor.save(after=run)
        else:
            run()

    def _first_load(self) -> None:
        # The worker runs jobs in order: the case list's first block goes first, the
        # handover state (for the status bar) after it; the other pages are built
        # while the first rows are on their way.
        self.cases.list.apply_filter()
        self.overview.refresh_preview()  # costs more at the office: after the first rows
        self.handover.refresh()
        self.build_timer.start(IDLE_BUILD_DELAY_MS)

    def _refresh_handover_state(self) -> None:
        self.handover.refresh()  # a property: the page is built if it was not yet
        self.overview.refresh_preview()

    def _page_label(self, name: str) -> str:
        return {"overview": self.tr("Overview"),
                "cases": self.tr("Cases"), "outreach": self.tr("Outreach day"),
                "clients": self.tr("Clients"), "handover": self.tr("Handover"),
                "statistics": self.tr("Statistics"),
                # Short in the navigation (its width is fixed); the page's heading says more.
                "network": self.tr("Prevention"), "office": self.tr("Office"),
                "settings": self.tr("Settings")}[name]

    def add_page(self, name: str, page_icon: object, text: str, shortcut: str) -> None:
        item = QListWidgetItem(page_icon, text)  # type: ignore[call-overload]
        item.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        self.nav.addItem(item)
        page = self._built.get(name)
        if page is None:
            page = self._placeholders[name] = QWidget()
        self.pages.addWidget(page)
        self._page_names.append(name)
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: self.show_page(name))
        self.addAction(action)

    def show_page(self, name: str) -> None:
        if name in self._page_names:
            self.nav.setCurrentRow(self._page_names.index(name))

    def current_page(self) -> str:
        row = self.nav.currentRow()
        return self._page_names[row] if 0 <= row < len(self._page_names) else ""

    # --- pages, built when first used ----------------------------------------

    @property
    def outreach(self) -> OutreachView:
        return self._page("outreach")  # type: ignore[return-value]

    @property
    def clients(self) -> ClientsView:
        return self._page("clients")  # type: ignore[return-value]

    @property
    def handover(self) -> HandoverView:
        return self._page("handover")  # type: ignore[return-value]

    @property
    def statistics(self) -> StatisticsView:
        return self._page("statistics")  # type: ignore[return-value]

    @property
    def network(self) -> NetworkView:
        return self._page("network")  # type: ignore[return-value]

    @property
    def office(self) -> OfficeView | None:
        return self._page("office") if self.info.is_office else None  # type: ignore[return-value]

    @property
    def settings_view(self) -> SettingsView:
        return self._page("settings")  # type: ignore[return-value]

    def built(self, name: str) -> QWidget | None:
        """The page if it exists: a page never built holds no data and no input."""
        return self._built.get(name)

    def _page(self, name: str) -> QWidget:
        page = self._built.get(name)
        if page is None:
            page = self._built[name] = self._build(name)
            placeholder = self._placeholders.pop(name)
            index = self.pages.indexOf(placeholder)
            was_current = self.pages.currentIndex() == index
            self.pages.insertWidget(index, page)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            if was_current:
                self.pages.setCurrentIndex(index)
        return page

    def _build(self, name: str) -> QWidget:
        return build_page(self, name)

    def _overview_page(self, runner: Runner, is_office: bool) -> OverviewPage:
        page = OverviewPage(runner, is_office, self.settings.language)
        page.open_case.connect(self._open_from_elsewhere)
        page.open_page.connect(self.show_page)
        page.open_office_hours.connect(lambda: OfficeHoursDialog(self.runner, self.labels, self).open())
        return page

    def _editor_built(self, editor: CaseEditor) -> None:
        editor.set_office(self.info.is_office)
        editor.closed.connect(self.drafts.forget_settled)  # left with its input discarded
        editor.erased.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        editor.vanished.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        if self.case_years is not None:
            editor.set_labels(self.labels)

    def _build_next_page(self) -> None:
        """Build one page not yet built, then come back in the next turn of the event loop."""
        if not self._building:
            return
        if self.cases.built_editor() is None:
            self.cases.build_editor_step()
        else:
            waiting = [name for name in self._page_names if name not in self._built]
            if not waiting:
                freeze_long_lived()  # the window is complete: keep full collections short
                return
            if waiting[0] == "network" and not self._network_step():
                self.build_timer.start(0)
                return
            self._page(waiting[0])
        self.build_timer.start(0)

    def _network_step(self) -> bool:
        """One tab of the prevention page (hidden until complete); True once it is complete."""
        half = self._half_built.get("network")
        if half is None:
            self._half_built["network"] = NetworkView(self.runner, staged=True)
            return False
        return half.build_step()

    def _switch(self, row: int) -> None:
        name = self._page_names[row] if 0 <= row < len(self._page_names) else ""
        if name:
            self._page(name)
        self.pages.setCurrentIndex(row)
        if name == "handover":
            self.handover.folder.setText(self.settings.handover_folder)
        if name == "clients":
            self.clients.refresh()
        if name == "network":
            self.network.refresh()
        if name == "statistics" and self.statistics.stale:
            self.statistics.calculate()

    def _show_cases_of(self, client_code: str) -> None:
        def show() -> None:
            self.cases.show_list()
            self.cases.list.search.setText(client_code)
            self.cases.list.apply_filter()

        self.show_page("cases")
        if self.cases.editor_shown():
            self.cases.editor.maybe_leave(show)
        else:
            show()

    def _open_from_elsewhere(self, case_id: str) -> None:
        self.show_page("cases")
        self.cases.open_case(case_id)

    def _busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    def show_error(self, error: BeratungsError) -> None:
        self.statusBar().showMessage(error_text(error), 10_000)

    # --- leaving ------------------------------------------------------------

    def has_unsaved_work(self) -> bool:
        editor = self.cases.built_editor()
        return (editor is not None and editor.is_dirty()) or self.has_unsaved_quick_entry()

    def has_unsaved_quick_entry(self) -> bool:
        """Half-typed input on the outreach or prevention page (never dropped silently)."""
        return any(page is not None and page.is_dirty()  # type: ignore[attr-defined]
                   for page in (self.built("outreach"), self.built("network")))

    def maybe_leave(self, proceed: Callable[[], None]) -> None:
        if self.cases.editor_shown():
            self.show_page("cases")
            self.cases.editor.maybe_leave(proceed)
        else:
            proceed()

    def clear(self) -> None:
        """Remove every piece of data from the widgets (locking)."""
        self.build_timer.stop()
        self._building = False  # a locked window builds nothing more
        self.drafts.restored = None  # what is unsaved now is kept by the lock (drafts.states)
        self.draft_banner.hide()
        self.follower.stop()
        self.handover_timer.stop()
        self.handover_status.clear()
        for name, page in self._built.items():
            if name != "cases":
                page.clear()  # type: ignore[attr-defined]
        editor = self.cases.built_editor()
        if editor is not None:
            editor.clear()
        self.cases.list.clear()
        self.cases.setCurrentWidget(self.cases.list)

    def save_geometry(self) -> None:
        self.settings.set_geometry("main", self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:
        editor = self.cases.built_editor()
        if getattr(self, "_closing_confirmed", False) or editor is None or not editor.is_dirty():
            self.drafts.forget_settled()
            self.save_geometry()
            event.accept()
            return
        event.ignore()

        def close_now() -> None:
            self._closing_confirmed = True
            self.close()

        self.maybe_leave(close_now)
