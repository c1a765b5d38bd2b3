"""A case's referrals: to a network partner or from one (shown as a tab of the case editor).

Each referral is saved at once (like contacts); the partner sees it in the
network page. The panel reads and writes through the worker like every view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.consent_view import ConsentWarning
from beratungsdesk.gui.models import Column, RecordTableModel, german_date, record_table
from beratungsdesk.gui.ops import network as network_ops
from beratungsdesk.gui.refresh import Notice, is_echo, touches_any
from beratungsdesk.gui.widgets import (
    DateField,
    FieldMessage,
    VocabCombo,
    show_field_errors,
    with_message,
)
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_office import Labels

_T = "ReferralPanel"
_H = {
    "Date": QT_TRANSLATE_NOOP("ReferralPanel", "Date"),
    "Direction": QT_TRANSLATE_NOOP("ReferralPanel", "Direction"),
    "Partner": QT_TRANSLATE_NOOP("ReferralPanel", "Partner"),
    "Reason": QT_TRANSLATE_NOOP("ReferralPanel", "Reason"),
}
WATCHED = frozenset({"referral", "partner"})


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


class ReferralPanel(QWidget):
    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.case_id: str | None = None
        self.partner_names: dict[str, str] = {}
        # A referral passes the client's story to a partner: it needs that consent.
        self.consent_warning = ConsentWarning("third_parties")
        self.model = RecordTableModel(_T, [
            Column(_H["Date"], lambda r: german_date(str(r.date)) if r.date else ""),
            Column(_H["Direction"], lambda r: self.labels.label("referral_direction", r.direction)),
            Column(_H["Partner"], lambda r: self.partner_names.get(r.partner_id or "", "")),
            Column(_H["Reason"], lambda r: r.reason or ""),
        ], self)
        self.table = record_table(self.model, _t("Referrals"))
        for column, width in enumerate((90, 190, 240)):
            self.table.setColumnWidth(column, width)
        self.partner = QComboBox()
        self.partner.setMinimumContentsLength(24)
        self.direction = VocabCombo("referral_direction", optional=False)
        self.date = DateField()
        self.reason = QLineEdit()
        self.messages: dict[str, FieldMessage] = {}
        grid = QGridLayout()
        for position, (name, label, widget) in enumerate((
                ("partner_id", _t("Partner:"), self.partner),
                ("direction", _t("Direction:"), self.direction),
                ("date", _t("Date:"), self.date),
                ("reason", _t("Reason:"), self.reason))):
            box, message = with_message(widget)
            self.messages[name] = message
            widget.setAccessibleName(label.rstrip(":"))
            row, column = divmod(position, 2)
            grid.addWidget(QLabel(label), row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.general = FieldMessage()
        self.add_button = QPushButton(icon("add"), _t("Add &referral"))
        self.add_button.clicked.connect(self.add)
        self.delete_button = QPushButton(icon("delete"), _t("Delete selected referral"))
        self.delete_button.clicked.connect(self.delete_selected)
        hint = QLabel(_t("New partners are added on the page \"Prevention\"."))
        hint.setStyleSheet("color: #4f5f5f;")
        buttons = QHBoxLayout()
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.add_button)
        box = QGroupBox(_t("New referral"))
        inner = QVBoxLayout(box)
        inner.addLayout(grid)
        inner.addWidget(self.general)
        inner.addLayout(buttons)
        below = QHBoxLayout()
        below.addStretch(1)
        below.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.consent_warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(below)
        layout.addWidget(box)

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self.direction.set_labels(labels)
        self.model.set_records(self.model.records())

    def set_case(self, case_id: str) -> None:
        if case_id != self.case_id:
            self.case_id = case_id
            self.model.set_records([])
            self.reason.clear()
            self._clear_messages()
        self.reload()

    def reload(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return

        def done(result: tuple[list[model.Referral], list[model.Partner]]) -> None:
            if case_id != self.case_id:
                return
            referrals, partners = result
            self.partner_names = {p.id: p.name or "" for p in partners}
            current = self.partner.currentData()
            self.partner.clear()
            self.partner.addItem(_t("(choose a partner)"), None)
            for partner in partners:
                self.partner.addItem(partner.name or "", partner.id)
            self.partner.setCurrentIndex(max(self.partner.findData(current), 0) if current else 0)
            self.model.set_records(referrals)

        network_ops.case_referrals(case_id).run(self.runner, self, done,
                                                lambda e: self.general.show_text(error_text(e)))

    def on_changed(self, changes: Notice) -> None:
        # Its own additions and deletions reload when answered: no echo.
        if self.case_id is not None and touches_any(changes, WATCHED) and not is_echo(changes, self):
            self.reload()

    def _clear_messages(self) -> None:
        for message in self.messages.values():
            message.show_text("")
        self.general.show_text("")

    def add(self) -> None:
        self._clear_messages()
        case_id, partner_id = self.case_id, self.partner.currentData()
        if case_id is None:
            return
        if not partner_id:
            self.messages["partner_id"].show_text(_t("Please choose a partner."))
            return
        direction, on = self.direction.code() or "", self.date.value()
        reason = self.reason.text().strip() or None

        def done(_referral: model.Referral) -> None:
            self.reason.clear()
            self.reload()

        network_ops.add_referral(case_id, str(partner_id), direction, on, reason).run(
            self.runner, self, done, self._failed)

    def _failed(self, error: BeratungsError) -> None:
        show_field_errors(error, self.messages, self.general)

    def delete_selected(self) -> None:
        referral = self.model.record(self.table.currentIndex().row())
        if referral is None:
            self.general.show_text(_t("Select a referral first."))
            return
        question = _t("Delete the referral of {date}?").format(date=german_date(str(referral.date)))
        answer = QMessageBox.question(self, _t("Delete referral"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.remove(referral.id)

    def remove(self, referral_id: str) -> None:
        network_ops.delete_record("referral", referral_id).run(self.runner, self, lambda _r: self.reload(),
                                                               self._failed)

    def clear(self) -> None:
        self.case_id = None
        self.partner_names = {}
        self.model.set_records([])
        self.partner.clear()
        self.reason.clear()
        self._clear_messages()
