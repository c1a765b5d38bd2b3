"""The main window: navigation on the left, one page at a time, status bar below."""

from __future__ import annotations

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
from beratungsdesk.gui.common import AppSettings, app_icon, error_text, icon
from beratungsdesk.gui.handover_view import HandoverView
from beratungsdesk.gui.handover_view import status_line as handover_status_line
from beratungsdesk.gui.network_view import NetworkView
from beratungsdesk.gui.office_view import OfficeView
from beratungsdesk.gui.outreach import OutreachView
from beratungsdesk.gui.settings_view import SettingsView
from beratungsdesk.gui.statistics_view import StatisticsView
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.session import Labels, StoreInfo

#: Change notifications arriving within this time are handled together.
REFRESH_DELAY_MS = 120
HANDOVER_STATE_DELAY_MS = 1500
LIST_ENTITIES = {"case", "client", "contact", "counselor"}


class CasesPage(QStackedWidget):
    """The case list and, in front of it when a case is open, the editor."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = CaseListView(runner)
        self.editor = CaseEditor(runner)
        self.addWidget(self.list)
        self.addWidget(self.editor)
        self.list.open_case.connect(self.open_case)
        self.editor.closed.connect(self.show_list)

    def open_case(self, case_id: str) -> None:
        def show() -> None:
            self.editor.load(case_id)
            self.setCurrentWidget(self.editor)
            self.editor.tabs.setCurrentIndex(0)

        if self.currentWidget() is self.editor:
            self.editor.maybe_leave(show)
        else:
            show()

    def show_list(self) -> None:
        self.editor.clear()
        self.setCurrentWidget(self.list)
        self.list.table.setFocus()


class MainWindow(QMainWindow):
    lock_requested = Signal()

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
        self.outreach = OutreachView(runner, settings)
        self.outreach.open_case.connect(self._open_from_elsewhere)
        self.network = NetworkView(runner)
        self.settings_view = SettingsView(runner, settings, laptop=not info.is_office)
        self.office = OfficeView(runner, info.is_office) if info.is_office else None
        self.handover = HandoverView(runner, settings, info)
        self.clients = ClientsView(runner)
        self.clients.set_office(info.is_office)
        self.cases.editor.set_office(info.is_office)
        self.cases.editor.erased.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.clients.show_cases_of.connect(self._show_cases_of)
        self.statistics = StatisticsView(runner, settings)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        self.nav.setObjectName("navigation")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._page_names: list[str] = []
        self.add_page("cases", icon("cases"), self.tr("Cases"), self.cases, "Ctrl+1")
        self.add_page("outreach", icon("outreach"), self.tr("Outreach day"), self.outreach, "Ctrl+2")
        self.add_page("clients", icon("office"), self.tr("Clients"), self.clients, "Ctrl+5")
        self.add_page("handover", icon("handover"), self.tr("Handover"), self.handover, "Ctrl+3")
        self.add_page("statistics", icon("statistics"), self.tr("Statistics"), self.statistics, "Ctrl+4")
        # Short in the navigation (its width is fixed); the page's heading says "Prevention & network".
        self.add_page("network", icon("network"), self.tr("Prevention"), self.network, "Ctrl+6")
        if self.office is not None:
            self.add_page("office", icon("office"), self.tr("Office"), self.office, "Ctrl+8")
        self.add_page("settings", icon("settings"), self.tr("Settings"), self.settings_view, "Ctrl+9")
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
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        lock_action = QAction(self.tr("Lock"), self)
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        lock_action.triggered.connect(self.lock_requested.emit)
        self.addAction(lock_action)

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

        self._pending: set[str] = set()
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self._refresh)
        runner.changed.connect(self.on_changed)
        # The handover state (pending changes) follows the data, less eagerly.
        self.handover_timer = QTimer(self)
        self.handover_timer.setSingleShot(True)
        self.handover_timer.setInterval(HANDOVER_STATE_DELAY_MS)
        self.handover_timer.timeout.connect(self.handover.refresh)
        self.handover.state_changed.connect(
            lambda state: self.handover_status.setText(handover_status_line(state)))

        geometry = settings.geometry("main")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)
        self.nav.setCurrentRow(0)
        self.load_labels(then=self._first_load)

    def _first_load(self) -> None:
        # The worker runs jobs in order: the case list's first block goes first, the
        # handover state (a walk over the change log, seconds at 100 000 cases) after it.
        self.cases.list.apply_filter()
        self.handover.refresh()

    def add_page(self, name: str, page_icon: object, text: str, page: QWidget, shortcut: str) -> None:
        item = QListWidgetItem(page_icon, text)  # type: ignore[call-overload]
        item.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        self.nav.addItem(item)
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

    def _switch(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if self.pages.currentWidget() is self.handover:
            self.handover.folder.setText(self.settings.handover_folder)
        if self.pages.currentWidget() is self.clients:
            self.clients.refresh()
        if self.pages.currentWidget() is self.network:
            self.network.refresh()
        if self.pages.currentWidget() is self.statistics and self.statistics.stale:
            self.statistics.calculate()

    def _show_cases_of(self, client_code: str) -> None:
        def show() -> None:
            self.cases.show_list()
            self.cases.list.search.setText(client_code)
            self.cases.list.apply_filter()

        self.show_page("cases")
        if self.cases.currentWidget() is self.cases.editor:
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

    # --- data ---------------------------------------------------------------

    def load_labels(self, then: Callable[[], None] | None = None) -> None:
        language = self.settings.language

        def job(backend: Backend) -> tuple[Labels, list[int]]:
            session = backend.require()
            return session.labels(language), session.case_years()

        def done(result: tuple[Labels, list[int]]) -> None:
            labels, years = result
            self.labels = labels
            self.cases.list.set_labels(labels, years)
            self.cases.editor.set_labels(labels)
            self.outreach.set_labels(labels)
            self.network.set_labels(labels)
            self.handover.set_labels(labels)
            self.clients.set_labels(labels)
            if then:
                then()
            if self.office is not None:
                self.office.set_labels(labels)
                self.office.refresh()

        self.runner.call(job, done, self.show_error, self)

    def on_changed(self, touched: set[str]) -> None:
        self._pending |= set(touched)
        self.refresh_timer.start()

    def _refresh(self) -> None:
        touched, self._pending = self._pending, set()
        if touched & {"term", "counselor", "case"}:
            self.load_labels()
        if touched & LIST_ENTITIES:
            self.cases.list.refresh()
            if self.pages.currentWidget() is self.clients:
                self.clients.refresh()
        self.cases.editor.on_changed(touched)
        self.clients.on_changed(touched)
        if self.office is not None:
            self.office.on_changed(touched)
        self.network.on_changed(touched)
        self.handover_timer.start()
        if touched & {"case", "contact", "intervention", "client", "workshop", "partner", "meeting",
                      "referral", "term"}:
            self.statistics.stale = True
            if self.pages.currentWidget() is self.statistics:
                self.statistics.calculate()

    # --- leaving ------------------------------------------------------------

    def has_unsaved_work(self) -> bool:
        return self.cases.editor.is_dirty() or self.outreach.is_dirty() or self.network.is_dirty()

    def maybe_leave(self, proceed: Callable[[], None]) -> None:
        if self.cases.currentWidget() is self.cases.editor:
            self.show_page("cases")
            self.cases.editor.maybe_leave(proceed)
        else:
            proceed()

    def clear(self) -> None:
        """Remove every piece of data from the widgets (locking)."""
        self.refresh_timer.stop()
        self.handover_timer.stop()
        self.handover.clear()
        self.statistics.clear()
        self.clients.clear()
        self.network.clear()
        self.handover_status.clear()
        self.cases.editor.clear()
        self.cases.list.clear()
        self.cases.setCurrentWidget(self.cases.list)
        self.outreach.clear()
        self.settings_view.clear()
        if self.office is not None:
            self.office.clear()

    def save_geometry(self) -> None:
        self.settings.set_geometry("main", self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:
        if getattr(self, "_closing_confirmed", False) or not self.cases.editor.is_dirty():
            self.save_geometry()
            event.accept()
            return
        event.ignore()

        def close_now() -> None:
            self._closing_confirmed = True
            self.close()

        self.maybe_leave(close_now)
