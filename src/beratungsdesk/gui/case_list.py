"""The case list: filters, search as you type, and a table over the paged model."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.models import CaseTableModel
from beratungsdesk.gui.ops import clients as client_ops
from beratungsdesk.gui.table_import_dialog import TableImportDialog
from beratungsdesk.gui.widgets import CounselorCombo, DateField, VocabCombo, errors_by_field, with_message
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_cases import CaseFilter
from beratungsdesk.services.session_office import Labels

#: Pause after the last key press before searching (typing stays fluid).
SEARCH_DELAY_MS = 250


class CaseListView(QWidget):
    open_case = Signal(str)

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.model = CaseTableModel(runner, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: client code, name, case number, notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search.textChanged.connect(self.search_timer.start)
        self.search_timer.timeout.connect(self.apply_filter)

        self.status = VocabCombo("case_status", empty_text=self.tr("All statuses"))
        self.area = VocabCombo("area", empty_text=self.tr("All areas"))
        self.town = VocabCombo("town", empty_text=self.tr("All towns"))
        self.counselor = CounselorCombo(self.tr("All counselors"), offer_inactive=True)  # old cases too
        self.year = QComboBox()
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year.setMinimumContentsLength(9)
        self.year.addItem(self.tr("All years"), None)
        for combo, name in ((self.status, self.tr("Filter by status")),
                            (self.area, self.tr("Filter by area of life")),
                            (self.town, self.tr("Filter by town")),
                            (self.counselor, self.tr("Filter by counselor")),
                            (self.year, self.tr("Filter by year"))):
            combo.setAccessibleName(name)
            combo.currentIndexChanged.connect(self.apply_filter)

        self.new_button = QPushButton(icon("add"), self.tr("&New case"))
        self.new_button.setToolTip(self.tr("Open a new case (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_case)
        self.import_button = QPushButton(icon("open"), self.tr("Import &table…"))
        self.import_button.setToolTip(self.tr("Import cases from a CSV, Excel or LibreOffice file"))
        self.import_button.clicked.connect(self.import_table)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of cases shown"))

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.table.verticalHeader()
        vertical.hide()
        # Fixed row height: ResizeToContents would measure all 100 000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        for column, width in enumerate((120, 120, 95, 110, 190, 150)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.model.loaded.connect(self._show_count)
        self.model.load_failed.connect(lambda error: self.count_label.setText(error_text(error)))

        filters = QHBoxLayout()
        filters.setSpacing(6)
        for widget in (self.status, self.area, self.town, self.counselor, self.year):
            filters.addWidget(widget)
        filters.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.import_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search)

    # --- data ---------------------------------------------------------------

    def set_labels(self, labels: Labels, years: list[int]) -> None:
        self.labels = labels
        for combo in (self.status, self.area, self.town, self.counselor):
            combo.blockSignals(True)
            combo.set_labels(labels)
            combo.blockSignals(False)
        self.year.blockSignals(True)
        current = self.year.currentData()
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0) if current else 0)
        self.year.blockSignals(False)
        self.model.set_labels(labels)

    def current_filter(self) -> CaseFilter:
        year = self.year.currentData()
        return CaseFilter(status=self.status.code(), area=self.area.code(), town=self.town.code(),
                          counselor_id=self.counselor.counselor_id(),
                          year=int(year) if year else None)

    def apply_filter(self) -> None:
        self.search_timer.stop()
        self.model.set_filter(self.current_filter(), self.search.text())

    def refresh(self) -> None:
        self.model.reload()

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.clear()
        self.count_label.clear()

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("Cases shown: {count}").format(count=QLocale().toString(count)))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _open_index(self, index: object) -> None:
        case_id = self.model.case_id(index.row())  # type: ignore[attr-defined]
        if case_id:
            self.open_case.emit(case_id)

    def import_table(self) -> TableImportDialog:
        """The import dialog for cases; the list follows the store's change notice."""
        dialog = TableImportDialog(self.runner, "cases", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.choose_file()
        return dialog

    def new_case(self) -> None:
        dialog = NewCaseDialog(self.runner, self.labels, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.case_id:
            self.open_case.emit(dialog.case_id)


class NewCaseDialog(QDialog):
    """Client code (known or new), area of life, date, counselor: then the editor opens."""

    def __init__(self, runner: Runner, labels: Labels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.case_id: str | None = None
        self.setWindowTitle(self.tr("New case"))
        self.client = QLineEdit()
        self.client.setAccessibleName(self.tr("Client code"))
        self.client.setPlaceholderText(self.tr("e.g. K-0815 (a known code adds a case to that client)"))
        self.area = VocabCombo("area", optional=False)
        self.area.set_labels(labels)
        self.area.setAccessibleName(self.tr("Area of life"))
        self.opened = DateField()
        self.opened.setAccessibleName(self.tr("Opened on"))
        self.counselor = CounselorCombo(self.tr("(nobody yet)"))
        self.counselor.set_labels(labels, labels.own_counselor)  # a laptop: its own counselor
        self.counselor.setAccessibleName(self.tr("Counselor"))
        form = QFormLayout()
        self.messages = {}
        for name, label, widget in (("code", self.tr("&Client code:"), self.client),
                                    ("area", self.tr("&Area of life:"), self.area),
                                    ("opened_on", self.tr("&Opened on:"), self.opened),
                                    ("counselor_id", self.tr("C&ounselor:"), self.counselor)):
            box, message = with_message(widget)
            self.messages[name] = message
            form.addRow(label, box)
        self.general = QLabel()
        self.general.setWordWrap(True)
        self.general.setStyleSheet("color: #a12622;")
        self.general.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open case"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)

    def save(self) -> None:
        for message in self.messages.values():
            message.show_text("")
        code = self.client.text().strip()
        if not code:
            self.messages["code"].show_text(self.tr("Client code is required."))
            self.client.setFocus()
            return
        area, opened, counselor = self.area.code() or "", self.opened.value() or dt.date.today(), \
            self.counselor.counselor_id()
        self.buttons.setEnabled(False)

        client_ops.new_case(code, area, opened, counselor).run(self.runner, self, self._done, self._failed)

    def _done(self, case: model.Case) -> None:
        self.case_id = case.id
        self.accept()

    def _failed(self, error: BeratungsError) -> None:
        self.buttons.setEnabled(True)
        shown = False
        for field, problem in errors_by_field(error).items():
            if field in self.messages:
                self.messages[field].show_text(error_text(problem))
                shown = True
        if not shown:
            self.general.setText(error_text(error))
            self.general.show()
