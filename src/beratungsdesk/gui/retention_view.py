"""The office's retention tab: the policy (years after the end of the closing year), what is
due under it, and erasing all of that in one step after a confirmation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.erasure import confirm_erasure, erased_text
from beratungsdesk.gui.models import Column, RecordTableModel, german_date, record_table
from beratungsdesk.gui.ops import protection as protection_ops
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.erasure import ErasureReport
from beratungsdesk.services.session_protection import RetentionOverview

_T = "RetentionView"
_H = {
    "number": QT_TRANSLATE_NOOP("RetentionView", "Case number"),
    "closed": QT_TRANSLATE_NOOP("RetentionView", "Closed on"),
    "due": QT_TRANSLATE_NOOP("RetentionView", "Due for erasure since"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


class RetentionView(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.overview: RetentionOverview | None = None
        self.years = QSpinBox()
        self.years.setRange(0, 30)
        self.years.setSuffix(_t(" years"))
        self.years.setAccessibleName(_t("Years after the end of the closing year"))
        self.years.valueChanged.connect(self._explain)
        self.save_button = QPushButton(icon("save"), _t("&Save policy"))
        self.save_button.clicked.connect(self.save_policy)
        self.policy = QLabel()
        self.policy.setWordWrap(True)
        self.model = RecordTableModel(_T, [
            Column(_H["number"], lambda d: d.number),
            Column(_H["closed"], lambda d: german_date(d.closed_on.isoformat())),
            Column(_H["due"], lambda d: german_date(d.due_on.isoformat())),
        ], self)
        self.table = record_table(self.model, _t("Cases due for erasure"))
        for column, width in enumerate((160, 140)):
            self.table.setColumnWidth(column, width)
        self.summary = QLabel()
        self.erase_button = QPushButton(icon("delete"), _t("&Erase due records…"))
        self.erase_button.clicked.connect(self.erase_due)
        self.message = FieldMessage()
        top = QHBoxLayout()
        top.addWidget(QLabel(_t("Keep closed cases for")))
        top.addWidget(self.years)
        top.addWidget(QLabel(_t("after the end of the year in which they were closed.")), 1)
        top.addWidget(self.save_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.erase_button)
        hint = QLabel(_t("Laptops erase due cases they hold on their own after the next handover. "
                         "The anonymous figures of erased cases stay in the statistics."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.policy)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        layout.addWidget(hint)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # what is due changes with the cases, and with the date

    def refresh(self) -> None:
        protection_ops.retention().run(self.runner, self, self._show, self._failed)

    def _show(self, overview: RetentionOverview) -> None:
        self.overview = overview
        self.years.blockSignals(True)
        self.years.setValue(overview.years)
        self.years.blockSignals(False)
        self._explain()
        self.model.set_records(overview.due)
        self.summary.setText(_t("{cases} due; {clients}").format(
            cases=self.tr("%n cases", "", len(overview.due)),
            clients=self.tr("%n clients have no other case and are erased with them.", "", overview.clients))
            if overview.due else _t("Nothing is due for erasure."))
        self.erase_button.setEnabled(bool(overview.due))

    def _explain(self) -> None:
        years, closed = self.years.value(), dt.date.today().year
        self.policy.setText(_t("A case closed in {closed} is kept until 31 December {last} and "
                               "erased from 1 January {due} on.").format(
            closed=closed, last=closed + years, due=closed + years + 1))

    def _failed(self, error: object) -> None:
        self._say(error_text(error), ok=False)  # type: ignore[arg-type]

    def _say(self, text: str, ok: bool) -> None:
        self.message.setStyleSheet("color: #2f6f73;" if ok else "color: #a12622;")
        self.message.show_text(text)

    def save_policy(self) -> None:
        years = self.years.value()

        def done(_result: object) -> None:
            self._say(_t("The policy was saved; the laptops receive it with the next handover."), ok=True)
            self.refresh()

        protection_ops.set_retention_years(years).run(self.runner, self, done, self._failed)

    def erase_due(self) -> None:
        overview = self.overview
        if overview is None or not overview.due:
            return
        question = _t("Erase {cases} and {clients}?").format(
            cases=self.tr("%n cases whose retention has ended,", "", len(overview.due)),
            clients=self.tr("%n clients who have no other case", "", overview.clients))
        if not confirm_erasure(self, _t("Erase due records"), question):
            return
        self._say(_t("Erasing…"), ok=True)

        def done(report: ErasureReport) -> None:
            self._say(erased_text(report), ok=True)
            protection_ops.retention().run(self.runner, self, self._show, self._failed)

        protection_ops.erase_due().run(self.runner, self, done, self._failed)

    def clear(self) -> None:
        self.overview = None
        self.model.set_records([])
        self.summary.clear()
        self.message.show_text("")
