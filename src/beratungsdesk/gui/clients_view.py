"""Clients: find a person by code or name, go to their cases, record their consents, write
their subject access export (GDPR art. 15); the office can erase a client with everything
that belongs to them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.consent_view import ConsentPanel
from beratungsdesk.gui.erasure import confirm_erasure, erased_text
from beratungsdesk.gui.models import Column, RecordTableModel
from beratungsdesk.gui.ops import clients as client_ops
from beratungsdesk.gui.ops import protection as protection_ops
from beratungsdesk.gui.ops import reports as report_ops
from beratungsdesk.gui.refresh import Notice
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.erasure import ErasureReport
from beratungsdesk.services.session_cases import CLIENT_LIMIT, ClientRow
from beratungsdesk.services.session_office import Labels

_HEADERS = {
    "code": QT_TRANSLATE_NOOP("ClientsView", "Client code"),
    "name": QT_TRANSLATE_NOOP("ClientsView", "Name"),
    "town": QT_TRANSLATE_NOOP("ClientsView", "Town"),
    "cases": QT_TRANSLATE_NOOP("ClientsView", "Cases"),
}


class ClientsView(QWidget):
    show_cases_of = Signal(str)  # client code

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self._notice = ""
        heading = QLabel(self.tr("Clients"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by client code or name…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setAccessibleName(self.tr("Search clients"))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.search.textChanged.connect(self.timer.start)
        self.search.textChanged.connect(self._forget_notice)
        self.timer.timeout.connect(self.refresh)
        self.model = RecordTableModel("ClientsView", [
            Column(_HEADERS["code"], lambda c: c.code),
            Column(_HEADERS["name"], lambda c: c.name or ""),
            Column(_HEADERS["town"], lambda c: self.labels.label("town", c.town)),
            Column(_HEADERS["cases"], lambda c: str(c.cases), align_right=True),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Clients"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((160, 320, 180)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._select(current))
        self.consents = ConsentPanel(runner)
        self.consents.set_client(None)
        self.consents_box = QGroupBox(self.tr("Consents"))
        QVBoxLayout(self.consents_box).addWidget(self.consents)
        self.erase_button = QPushButton(icon("delete"), self.tr("Erase client…"))
        self.erase_button.setToolTip(self.tr("Erase the selected client and all their cases (office only)"))
        self.erase_button.clicked.connect(self.erase_selected)
        self.erase_button.hide()  # shown on the office store (set_office)
        self.access_button = QPushButton(icon("report"), self.tr("&Access report (PDF)…"))
        self.access_button.setToolTip(self.tr("Everything stored about the selected client, as PDF "
                                              "(right of access, GDPR art. 15)"))
        self.access_button.clicked.connect(self._access_clicked)
        self.last_saved: Path | None = None
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #4f5f5f;")
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(self.search)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.table)
        split.addWidget(self.consents_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.access_button)
        row.addWidget(self.erase_button)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self.consents.set_labels(labels)

    def _forget_notice(self) -> None:
        self._notice = ""

    def set_office(self, is_office: bool) -> None:
        self.erase_button.setVisible(is_office)

    def selected(self) -> ClientRow | None:
        return self.model.record(self.table.currentIndex().row())

    def _select(self, index: QModelIndex) -> None:
        client = self.model.record(index.row())
        self.consents.set_client(client.id if client else None)
        self.consents_box.setTitle(self.tr("Consents of {code}").format(code=client.code) if client
                                   else self.tr("Consents (select a client)"))

    def on_changed(self, changes: Notice) -> None:
        self.consents.on_changed(changes)

    def refresh(self) -> None:
        text = self.search.text()
        client_ops.clients(text).run(self.runner, self, self._show, self._failed)

    def _show(self, rows: list[ClientRow]) -> None:
        notice = self._notice  # kept through the refreshes the erasure's notification brings
        self.message.setStyleSheet("color: #2f6f73;" if notice else "color: #a12622;")
        self.message.show_text(notice)
        before = self.consents.client_id
        self.model.set_records(rows)
        row = next((n for n, r in enumerate(rows) if r.id == before), -1)
        if row >= 0:
            self.table.selectRow(row)
        self._select(self.model.index(row, 0))
        self.hint.setText(self.tr("The first {limit} clients are shown; search to narrow the list.")
                          .format(limit=CLIENT_LIMIT) if len(rows) >= CLIENT_LIMIT
                          else self.tr("Double-click a client to see their cases."))

    def _failed(self, error: BeratungsError) -> None:
        self.message.show_text(error_text(error))

    def _open(self, index: QModelIndex) -> None:
        client = self.model.record(index.row())
        if client is not None:
            self.show_cases_of.emit(client.code)

    def _access_clicked(self) -> None:
        self.export_access()  # `clicked` passes a flag that must not land in ``target``

    def export_access(self, target: Path | None = None) -> None:
        """The selected client's access export (as ``report auskunft``); asks where unless ``target``."""
        client = self.selected()
        if client is None:
            self.message.setStyleSheet("color: #a12622;")
            self.message.show_text(self.tr("Select a client first."))
            return
        if target is None:
            target = self._ask_target()
            if target is None:
                return
        code = client.code

        def done(path: Path) -> None:
            self.last_saved = path
            self.message.setStyleSheet("color: #2f6f73;")
            self.message.show_text(self.tr("Saved: {file}").format(file=path))

        def failed(error: BeratungsError) -> None:
            self.message.setStyleSheet("color: #a12622;")
            self.message.show_text(error_text(error))

        self.message.show_text("")
        report_ops.auskunft(code, target).run(self.runner, self, done, failed)

    def _ask_target(self) -> Path | None:
        # The suggested name holds no client code: file names show up in folders and mails.
        suggested = Path.home() / f"Auskunft-Art15-{dt.date.today().isoformat()}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the access report as"),
                                                      str(suggested), self.tr("PDF (*.pdf)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def erase_selected(self) -> None:
        client = self.selected()
        if client is None:
            self.message.show_text(self.tr("Select a client first."))
            return
        question = self.tr("Erase client {code} and their %n cases with everything that belongs to "
                           "them?", "", client.cases).replace("{code}", client.code)
        if not confirm_erasure(self, self.tr("Erase client"), question):
            return
        code = client.code

        def done(report: ErasureReport) -> None:
            self._notice = erased_text(report)  # shown with the refreshed list
            self.refresh()

        def failed(error: BeratungsError) -> None:
            self.message.setStyleSheet("color: #a12622;")
            self.message.show_text(error_text(error))

        protection_ops.erase_client(code).run(self.runner, self, done, failed)

    def clear(self) -> None:
        self._notice = ""
        self.message.show_text("")
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_records([])
        self._select(QModelIndex())  # forgets the client code in the box title, too
        self.consents.clear()
