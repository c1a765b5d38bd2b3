""""Import table…": a CSV, Excel or LibreOffice file, previewed before anything is written.

Choosing a file (or another kind or sheet) runs a dry run on the worker: the first rows as
the import reads them and every problem found, or what the import would add. Only a file
without problems can be imported; the import runs on the worker too and reports its
progress (rows checked, then writing) through a queued signal.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.models import german_date
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.case_import import ImportReport
from beratungsdesk.services.table_import import KINDS, TablePreview, import_table, preview_table

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"\d+(\.\d+)?")


class _ProgressRelay(QObject):
    """Emitted on the worker thread, received on the GUI thread (a queued connection)."""

    progress = Signal(str, int, int)


class TableImportDialog(QDialog):
    """Preview, then import, one table file of cases, workshops or partners."""

    imported = Signal(object)  # the import's report

    def __init__(self, runner: Runner, kind: str = "cases", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.path: Path | None = None
        self.preview: TablePreview | None = None
        self._filling = False
        self._importing = False
        self.setWindowTitle(self.tr("Import table"))
        self.resize(900, 600)

        self.file_label = QLabel(self.tr("No file chosen."))
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(icon("open"), self.tr("&Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.kind = QComboBox()
        for code, label in zip(KINDS, (self.tr("Cases"), self.tr("Workshops"),
                                       self.tr("Network partners")), strict=True):
            self.kind.addItem(label, code)
        self.kind.setCurrentIndex(KINDS.index(kind))
        self.kind.currentIndexChanged.connect(lambda _index: self._check_again(keep_sheet=True))
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        self.sheet.currentIndexChanged.connect(lambda _index: self._check_again(keep_sheet=True))

        self.table = QTableWidget()
        self.table.setAccessibleName(self.tr("First rows of the table"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Problems found"))
        self.problems.setMaximumHeight(160)
        self.problems.hide()
        self.progress = QProgressBar()
        self.progress.hide()
        self.status = QLabel()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(self.tr("&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        choice = QHBoxLayout()
        choice.addWidget(self.file_label, 1)
        choice.addWidget(self.choose_button)
        form = QFormLayout()
        form.addRow(self.tr("File:"), choice)
        form.addRow(self.tr("&Rows are:"), self.kind)
        form.addRow(self.tr("&Sheet:"), self.sheet)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    # --- choosing -----------------------------------------------------------

    @property
    def chosen_kind(self) -> str:
        return str(self.kind.currentData())

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import table"), "",
            self.tr("Tables (*.xlsx *.xlsm *.ods *.csv *.txt);;All files (*)"))
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        """Show ``path`` and check it (a dry run on the worker)."""
        self.path = path
        self.file_label.setText(path.name)
        self._check_again(keep_sheet=False)

    def _check_again(self, keep_sheet: bool) -> None:
        if self._filling or self.path is None:
            return
        path, kind = self.path, self.chosen_kind
        sheet = self.sheet.currentText() if keep_sheet and self.sheet.count() else None
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Checking the file…"))

        def job(backend: Backend) -> TablePreview:
            return preview_table(backend.require().store, path, kind, sheet)

        self.runner.call(job, self._show_preview, self._failed, self)

    # --- showing the dry run ------------------------------------------------

    def _show_preview(self, preview: TablePreview) -> None:
        self.preview = preview
        self._fill_sheets(preview)
        self._fill_table(preview)
        self.status.setText("")
        if preview.error is not None:
            self.summary.setText(self.tr("Nothing can be imported from this file until these problems "
                                         "are corrected:"))
            self.problems.setPlainText(error_text(preview.error))
            self.problems.show()
        else:
            self.problems.hide()
            self.summary.setText(self._outcome_text(preview.report, dry_run=True))
        self.import_button.setEnabled(preview.importable and _adds_anything(preview.report))

    def _fill_sheets(self, preview: TablePreview) -> None:
        self._filling = True  # the combo's signals would start another check
        try:
            self.sheet.clear()
            self.sheet.addItems(preview.sheet_names)
            if preview.sheet:
                self.sheet.setCurrentText(preview.sheet)
            self.sheet.setEnabled(len(preview.sheet_names) > 1)
        finally:
            self._filling = False

    def _fill_table(self, preview: TablePreview) -> None:
        self.table.clear()
        self.table.setColumnCount(len(preview.headers) + 1)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), *preview.headers])
        self.table.setRowCount(len(preview.rows))
        for row, (line, cells) in enumerate(preview.rows):
            self.table.setItem(row, 0, QTableWidgetItem(str(line)))
            for column, (text, kind) in enumerate(zip(cells, preview.column_kinds, strict=True), start=1):
                self.table.setItem(row, column, QTableWidgetItem(_shown(text, kind)))
        self.table.resizeColumnsToContents()

    def _outcome_text(self, report: Any, dry_run: bool) -> str:
        if report is None:
            return ""
        parts = [self.tr("%n row(s) checked, nothing written yet.", "", report.rows) if dry_run
                 else self.tr("%n row(s) read.", "", report.rows)]
        if isinstance(report, ImportReport):  # cases (a list import reports added records)
            parts.append(self.tr("%n case(s) would be imported.", "", report.cases) if dry_run
                         else self.tr("%n case(s) imported.", "", report.cases))
            parts.append(self.tr("New clients: {clients}, contacts: {contacts}, interventions: "
                                 "{interventions}.").format(clients=report.clients_new,
                                                            contacts=report.contacts,
                                                            interventions=report.interventions))
            if report.already_imported:
                parts.append(self.tr("%n row(s) were imported before and stay as they are.", "",
                                     report.already_imported))
            if report.counselors_new:
                parts.append(self.tr("New team members: {names}.").format(
                    names=", ".join(report.counselors_new)))
        else:
            parts.append(self.tr("%n record(s) would be added.", "", report.added) if dry_run
                         else self.tr("%n record(s) added.", "", report.added))
            if report.already_present:
                parts.append(self.tr("%n row(s) were already present.", "", report.already_present))
        return " ".join(parts)

    # --- importing ----------------------------------------------------------

    def start_import(self) -> None:
        if self.path is None or self.preview is None or not self.preview.importable:
            return
        path, kind, sheet = self.path, self.chosen_kind, self.preview.sheet
        # No parent: the job holds it, so closing the dialog cannot delete it under the worker.
        relay = _ProgressRelay()
        relay.progress.connect(self._show_progress)
        self._importing = True
        for widget in (self.import_button, self.choose_button, self.kind, self.sheet,
                       self.buttons.button(QDialogButtonBox.StandardButton.Close)):
            widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Reading the file…"))

        def job(backend: Backend) -> Any:
            return import_table(backend.require().store, path, kind, sheet, relay.progress.emit)

        self.runner.call(job, self._imported, self._failed, self)

    def _show_progress(self, phase: str, done: int, total: int) -> None:
        if phase == "check" and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status.setText(self.tr("Checking row {done} of {total}…").format(done=done, total=total))
        elif phase == "write":
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Writing %n row(s)…", "", total))

    def reject(self) -> None:
        if not self._importing:  # the import finishes first (it takes seconds, all or nothing)
            super().reject()

    def _imported(self, report: Any) -> None:
        self._finished_importing()
        self.progress.hide()
        self.status.setText("")
        self.summary.setText(self._outcome_text(report, dry_run=False))
        self.choose_button.setEnabled(True)
        self.kind.setEnabled(True)
        self.preview = None  # imported: a second click would only find the rows again
        self.imported.emit(report)

    def _finished_importing(self) -> None:
        self._importing = False
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setEnabled(True)

    def _failed(self, error: BeratungsError) -> None:
        self._finished_importing()
        self.progress.hide()
        self.status.setText("")
        self.summary.setText(self.tr("Nothing was imported:"))
        self.problems.setPlainText(error_text(error))
        self.problems.show()
        for widget in (self.choose_button, self.kind):
            widget.setEnabled(True)
        self.sheet.setEnabled(self.sheet.count() > 1)


def _shown(text: str, kind: str) -> str:
    """A value as the rest of the program shows it: 01.03.2022, 1,5 (a bad value as it is)."""
    if kind == "date" and _ISO_DATE.fullmatch(text):
        return german_date(text)
    if kind == "hours" and _DECIMAL.fullmatch(text):
        return text.replace(".", ",")
    return text


def _adds_anything(report: Any) -> bool:
    if report is None:
        return False
    return bool(getattr(report, "cases", 0) or getattr(report, "added", 0)
                or getattr(report, "counselors_new", None))
