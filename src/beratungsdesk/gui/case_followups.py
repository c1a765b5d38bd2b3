"""A case's follow-ups (Wiedervorlagen) and appointments: one tab of the case editor.

Each entry is saved at once, like referrals, and travels with the case in the handover.
The panel reads and writes through the worker like every view.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel, german_date, record_table
from beratungsdesk.gui.widgets import DateField, FieldMessage, VocabCombo, show_field_errors, with_message
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.session_office import Labels
from beratungsdesk.services.week import WeekService

_T = "CaseWeekPanel"
_H = {
    "Due": QT_TRANSLATE_NOOP("CaseWeekPanel", "Due"),
    "What to do": QT_TRANSLATE_NOOP("CaseWeekPanel", "What to do"),
    "State": QT_TRANSLATE_NOOP("CaseWeekPanel", "State"),
    "Date": QT_TRANSLATE_NOOP("CaseWeekPanel", "Date"),
    "Time": QT_TRANSLATE_NOOP("CaseWeekPanel", "Time"),
    "Minutes": QT_TRANSLATE_NOOP("CaseWeekPanel", "Minutes"),
    "Place": QT_TRANSLATE_NOOP("CaseWeekPanel", "Place"),
    "With": QT_TRANSLATE_NOOP("CaseWeekPanel", "With"),
    "Status": QT_TRANSLATE_NOOP("CaseWeekPanel", "Status"),
}
WATCHED = frozenset({"followup", "appointment"})


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def week(backend: Backend) -> WeekService:
    """The week's use cases on the worker's open store."""
    return WeekService(backend.require().store)


def _date_text(value: object) -> str:
    return german_date(value.isoformat()) if isinstance(value, dt.date) else str(value or "")


class CaseWeekPanel(QWidget):
    """Follow-ups above, appointments below, each with a small form to add one."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.case_id: str | None = None
        self.followups_model = RecordTableModel(_T, [
            Column(_H["Due"], lambda r: _date_text(r.due_on)),
            Column(_H["What to do"], lambda r: r.what or ""),
            Column(_H["State"], lambda r: _t("done") if r.done else _t("open")),
        ], self)
        self.followups_table = record_table(self.followups_model, _t("Follow-ups"))
        self.appointments_model = RecordTableModel(_T, [
            Column(_H["Date"], lambda r: _date_text(r.date)),
            Column(_H["Time"], lambda r: r.start_time or ""),
            Column(_H["Minutes"], lambda r: str(r.duration_min or "")),
            Column(_H["Place"], self._place),
            Column(_H["With"], lambda r: ", ".join(r.participants)),
            Column(_H["Status"], lambda r: self.labels.label("appointment_status", r.status)),
        ], self)
        self.appointments_table = record_table(self.appointments_model, _t("Appointments"))
        for column, width in enumerate((90, 520)):  # the text of a follow-up gets the room
            self.followups_table.setColumnWidth(column, width)
        for column, width in enumerate((90, 70, 70, 200, 200)):
            self.appointments_table.setColumnWidth(column, width)
        self.general = FieldMessage()
        self.messages: dict[str, FieldMessage] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._followups_box(), 1)
        layout.addWidget(self._appointments_box(), 1)
        layout.addWidget(self.general)

    # --- building -------------------------------------------------------------------------

    def _followups_box(self) -> QGroupBox:
        self.due_on = DateField()
        self.what = QLineEdit()
        self.what.setAccessibleName(_t("What to do"))
        self.add_followup_button = QPushButton(icon("add"), _t("Add &follow-up"))
        self.add_followup_button.clicked.connect(self.add_followup)
        self.done_button = QPushButton(_t("Done / open again"))
        self.done_button.clicked.connect(self.toggle_done)
        form = QGridLayout()
        for column, (name, label, widget) in enumerate((("due_on", _t("Due on:"), self.due_on),
                                                        ("what", _t("What to do:"), self.what))):
            box, self.messages[name] = with_message(widget)
            form.addWidget(QLabel(label), 0, column * 2)
            form.addWidget(box, 0, column * 2 + 1)
        form.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.add_followup_button)
        box = QGroupBox(_t("Follow-ups"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.followups_table, 1)
        inner.addLayout(form)
        inner.addLayout(buttons)
        return box

    def _appointments_box(self) -> QGroupBox:
        self.appointment_date = DateField()
        self.appointment_time = QLineEdit()
        self.appointment_time.setPlaceholderText("HH:MM")
        self.appointment_time.setAccessibleName(_t("Time"))
        self.appointment_minutes = QSpinBox()
        self.appointment_minutes.setRange(5, 24 * 60 - 1)
        self.appointment_minutes.setValue(60)
        self.appointment_minutes.setAccessibleName(_t("Minutes"))
        self.appointment_town = VocabCombo("town")
        self.appointment_place = QLineEdit()
        self.appointment_place.setAccessibleName(_t("Place"))
        self.appointment_with = QLineEdit()
        self.appointment_with.setPlaceholderText(_t("names, separated by commas"))
        self.appointment_with.setAccessibleName(_t("Who takes part"))
        self.status = QComboBox()
        self.status.setAccessibleName(_t("Status"))
        self.add_appointment_button = QPushButton(icon("add"), _t("Add &appointment"))
        self.add_appointment_button.clicked.connect(self.add_appointment)
        self.status_button = QPushButton(_t("Set status"))
        self.status_button.clicked.connect(self.set_status)
        form = QGridLayout()
        fields = (("date", _t("Date:"), self.appointment_date),
                  ("start_time", _t("Time:"), self.appointment_time),
                  ("duration_min", _t("Minutes:"), self.appointment_minutes),
                  ("town", _t("Town:"), self.appointment_town),
                  ("place", _t("Place:"), self.appointment_place),
                  ("participants", _t("Who takes part:"), self.appointment_with))
        for position, (name, label, widget) in enumerate(fields):
            box, self.messages[name] = with_message(widget)
            row, column = divmod(position, 3)
            form.addWidget(QLabel(label), row, column * 2)
            form.addWidget(box, row, column * 2 + 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addWidget(self.status_button)
        buttons.addWidget(self.add_appointment_button)
        box = QGroupBox(_t("Appointments"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.appointments_table, 1)
        inner.addLayout(form)
        inner.addLayout(buttons)
        return box

    def _place(self, appointment: model.Appointment) -> str:
        town = self.labels.label("town", appointment.town) if appointment.town else ""
        return ", ".join(part for part in (town, appointment.place or "") if part)

    # --- showing --------------------------------------------------------------------------

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self.appointment_town.set_labels(labels)
        current = self.status.currentData()
        self.status.clear()
        for code in ("planned", "kept", "cancelled", "missed"):
            self.status.addItem(labels.label("appointment_status", code), code)
        self.status.setCurrentIndex(max(self.status.findData(current), 0))
        self.appointments_model.set_records(self.appointments_model.records())

    def set_case(self, case_id: str) -> None:
        if case_id != self.case_id:
            self.case_id = case_id
            self.followups_model.set_records([])
            self.appointments_model.set_records([])
            self._clear_messages()
        self.reload()

    def reload(self) -> None:
        case_id = self.case_id
        if case_id is None:
            return

        def job(backend: Backend) -> tuple[list[model.FollowUp], list[model.Appointment]]:
            service = week(backend)
            return service.followups_of_case(case_id), service.appointments_of_case(case_id)

        def done(result: tuple[list[model.FollowUp], list[model.Appointment]]) -> None:
            if case_id == self.case_id:
                self.followups_model.set_records(result[0])
                self.appointments_model.set_records(result[1])

        self.runner.call(job, done, lambda e: self.general.show_text(error_text(e)), self)

    def on_changed(self, touched: set[str]) -> None:
        if self.case_id is not None and touched & WATCHED:
            self.reload()

    def clear(self) -> None:
        self.case_id = None
        self.followups_model.set_records([])
        self.appointments_model.set_records([])
        for widget in (self.what, self.appointment_time, self.appointment_place, self.appointment_with):
            widget.clear()
        self._clear_messages()

    def _clear_messages(self) -> None:
        for message in self.messages.values():
            message.show_text("")
        self.general.show_text("")

    def _failed(self, error: BeratungsError) -> None:
        show_field_errors(error, self.messages, self.general)

    # --- writing ---------------------------------------------------------------------------

    def add_followup(self) -> None:
        self._clear_messages()
        case_id, due_on, what = self.case_id, self.due_on.value(), self.what.text()
        if case_id is None:
            return

        def done(_followup: model.FollowUp) -> None:
            self.what.clear()
            self.reload()

        self.runner.call(lambda b: week(b).add_followup(case_id, due_on, what),  # type: ignore[arg-type]
                         done, self._failed, self)

    def toggle_done(self) -> None:
        followup = self.followups_model.record(self.followups_table.currentIndex().row())
        if followup is None:
            self.general.show_text(_t("Select a follow-up first."))
            return
        self.runner.call(lambda b: week(b).set_followup_done(followup.id, not followup.done),
                         lambda _r: self.reload(), self._failed, self)

    def add_appointment(self) -> None:
        self._clear_messages()
        case_id = self.case_id
        if case_id is None:
            return
        on, start = self.appointment_date.value(), self.appointment_time.text().strip()
        minutes, town = self.appointment_minutes.value(), self.appointment_town.code()
        place = self.appointment_place.text().strip() or None
        participants = tuple(name.strip() for name in self.appointment_with.text().split(",") if name.strip())

        def done(_appointment: model.Appointment) -> None:
            for widget in (self.appointment_time, self.appointment_place, self.appointment_with):
                widget.clear()
            self.reload()

        self.runner.call(lambda b: week(b).add_appointment(case_id, on, start, town=town,  # type: ignore[arg-type]
                                                           minutes=minutes, place=place,
                                                           participants=participants),
                         done, self._failed, self)

    def set_status(self) -> None:
        appointment = self.appointments_model.record(self.appointments_table.currentIndex().row())
        if appointment is None:
            self.general.show_text(_t("Select an appointment first."))
            return
        status = str(self.status.currentData() or "planned")
        self.runner.call(lambda b: week(b).set_appointment_status(appointment.id, status),
                         lambda _r: self.reload(), self._failed, self)
