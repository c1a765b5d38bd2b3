"""Clients: find a person by code or name and go to their cases."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session import CLIENT_LIMIT, ClientRow, Labels

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
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #4f5f5f;")
        self.message = FieldMessage()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels

    def refresh(self) -> None:
        text = self.search.text()
        self.runner.call(lambda b: b.require().clients(text), self._show, self._failed, self)

    def _show(self, rows: list[ClientRow]) -> None:
        self.message.show_text("")
        self.model.set_records(rows)
        self.hint.setText(self.tr("The first {limit} clients are shown; search to narrow the list.")
                          .format(limit=CLIENT_LIMIT) if len(rows) >= CLIENT_LIMIT
                          else self.tr("Double-click a client to see their cases."))

    def _failed(self, error: BeratungsError) -> None:
        self.message.show_text(error_text(error))

    def _open(self, index: QModelIndex) -> None:
        client = self.model.record(index.row())
        if client is not None:
            self.show_cases_of.emit(client.code)

    def clear(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_records([])
