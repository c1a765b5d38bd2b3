"""Prevention and network: workshops held or planned, and the partners of the center."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel, german_date
from beratungsdesk.gui.widgets import DateField, FieldMessage, VocabCombo, errors_by_field
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session import Labels

_H = {
    "date": QT_TRANSLATE_NOOP("NetworkView", "Date"),
    "type": QT_TRANSLATE_NOOP("NetworkView", "Type"),
    "organisation": QT_TRANSLATE_NOOP("NetworkView", "Requested by"),
    "town": QT_TRANSLATE_NOOP("NetworkView", "Town"),
    "participants": QT_TRANSLATE_NOOP("NetworkView", "Participants"),
    "status": QT_TRANSLATE_NOOP("NetworkView", "Status"),
    "name": QT_TRANSLATE_NOOP("NetworkView", "Name"),
    "kind": QT_TRANSLATE_NOOP("NetworkView", "Kind"),
}


def _table(table_model: RecordTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(table_model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class NetworkView(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        heading = QLabel(self.tr("Prevention and network"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._workshops_tab(), self.tr("Workshops"))
        self.tabs.addTab(self._partners_tab(), self.tr("Partners"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def _workshops_tab(self) -> QWidget:
        labels = lambda: self.labels  # noqa: E731 - labels change after construction
        self.workshops_model = RecordTableModel("NetworkView", [
            Column(_H["date"], lambda w: german_date(str(w.date)) if w.date else ""),
            Column(_H["type"], lambda w: labels().label("workshop_type", w.type)),
            Column(_H["organisation"], lambda w: w.organisation or ""),
            Column(_H["town"], lambda w: labels().label("town", w.town)),
            Column(_H["participants"], lambda w: "" if w.participants is None else str(w.participants),
                   align_right=True),
            Column(_H["status"], lambda w: labels().label("workshop_status", w.status)),
        ], self)
        self.workshops_table = _table(self.workshops_model, self.tr("Workshops"))
        for column, width in enumerate((95, 220, 220, 130, 100)):
            self.workshops_table.setColumnWidth(column, width)
        self.workshop_type = VocabCombo("workshop_type", optional=False)
        self.workshop_date = DateField()
        self.workshop_org = QLineEdit()
        self.workshop_town = VocabCombo("town")
        self.workshop_people = QSpinBox()
        self.workshop_people.setRange(0, 10_000)
        self.workshop_status = VocabCombo("workshop_status", optional=False)
        form = QFormLayout()
        for label, widget in ((self.tr("Type:"), self.workshop_type), (self.tr("Date:"), self.workshop_date),
                              (self.tr("Requested by:"), self.workshop_org),
                              (self.tr("Town:"), self.workshop_town),
                              (self.tr("Participants:"), self.workshop_people),
                              (self.tr("Status:"), self.workshop_status)):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.workshop_message = FieldMessage()
        add = QPushButton(icon("add"), self.tr("Add &workshop"))
        add.clicked.connect(self.add_workshop)
        box = QGroupBox(self.tr("New workshop"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.workshop_message, 1)
        row.addWidget(add)
        inner.addLayout(row)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.workshops_table, 1)
        layout.addWidget(box)
        return page

    def _partners_tab(self) -> QWidget:
        labels = lambda: self.labels  # noqa: E731
        self.partners_model = RecordTableModel("NetworkView", [
            Column(_H["name"], lambda p: p.name or ""),
            Column(_H["kind"], lambda p: labels().label("partner_kind", p.kind)),
            Column(_H["town"], lambda p: labels().label("town", p.town)),
        ], self)
        self.partners_table = _table(self.partners_model, self.tr("Partners"))
        self.partners_table.setColumnWidth(0, 300)
        self.partners_table.setColumnWidth(1, 300)
        self.partner_name = QLineEdit()
        self.partner_kind = VocabCombo("partner_kind", optional=False)
        self.partner_town = VocabCombo("town")
        form = QFormLayout()
        for label, widget in ((self.tr("Name:"), self.partner_name), (self.tr("Kind:"), self.partner_kind),
                              (self.tr("Town:"), self.partner_town)):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self.partner_message = FieldMessage()
        add = QPushButton(icon("add"), self.tr("Add &partner"))
        add.clicked.connect(self.add_partner)
        box = QGroupBox(self.tr("New partner"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(self.partner_message, 1)
        row.addWidget(add)
        inner.addLayout(row)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.partners_table, 1)
        layout.addWidget(box)
        return page

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        for combo in (self.workshop_type, self.workshop_town, self.workshop_status, self.partner_kind,
                      self.partner_town):
            combo.set_labels(labels)

    def refresh(self) -> None:
        self.runner.call(lambda b: b.require().workshops(), self.workshops_model.set_records,
                         self._failed, self)
        self.runner.call(lambda b: b.require().partners(), self.partners_model.set_records,
                         self._failed, self)

    def _failed(self, error: BeratungsError) -> None:
        self.workshop_message.show_text(error_text(error))

    def _write(self, job: Any, message: FieldMessage) -> None:
        message.show_text("")

        def failed(error: BeratungsError) -> None:
            message.show_text("\n".join(error_text(p) for p in errors_by_field(error).values()))

        self.runner.call(job, lambda _r: self.refresh(), failed, self)

    def add_workshop(self) -> None:
        type_code = self.workshop_type.code() or ""
        on = self.workshop_date.value() or dt.date.today()
        details = {"organisation": self.workshop_org.text().strip() or None,
                   "town": self.workshop_town.code(),
                   "participants": self.workshop_people.value() or None,
                   "status": self.workshop_status.code()}
        self._write(lambda b: b.require().add_workshop(type_code, on, **details), self.workshop_message)
        self.workshop_org.clear()

    def add_partner(self) -> None:
        name = self.partner_name.text().strip()
        if not name:
            self.partner_message.show_text(self.tr("Please enter the partner's name."))
            return
        kind, town = self.partner_kind.code() or "", self.partner_town.code()
        self._write(lambda b: b.require().add_partner(kind, name, town=town), self.partner_message)
        self.partner_name.clear()

    def clear(self) -> None:
        self.workshops_model.set_records([])
        self.partners_model.set_records([])
