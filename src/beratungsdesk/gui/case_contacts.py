"""The case editor's Contacts tab: the case's contacts, the form to log or correct one, and
the session timer that fills start and duration when a conversation ends.

Each entry is saved at once (not with the case form); the editor runs the write and shows
the case as stored (``CaseEditor.run_write``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import wire_form
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, duration_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel, german_date, invalid_text, record_table
from beratungsdesk.gui.ops import cases as ops
from beratungsdesk.gui.session_timer import SessionTimer
from beratungsdesk.gui.widgets import CounselorCombo, DateField, FieldMessage, VocabCombo, with_message
from beratungsdesk.services.session_office import Labels

# The editor's translation context: the texts were the editor's before the tabs moved out.
_T = "CaseEditor"
# Saves an entry and shows the case as stored: (job, field messages, general message, done).
Write = Callable[[ops.Job[Any], dict[str, FieldMessage], FieldMessage, Callable[[], None]], None]
# Column headers (translated when shown; Qt's marker is typed as returning object).
_HEADERS = cast(tuple[str, ...], (
    QT_TRANSLATE_NOOP("CaseEditor", "Date"), QT_TRANSLATE_NOOP("CaseEditor", "Start"),
    QT_TRANSLATE_NOOP("CaseEditor", "Duration"), QT_TRANSLATE_NOOP("CaseEditor", "Channel"),
    QT_TRANSLATE_NOOP("CaseEditor", "Town"), QT_TRANSLATE_NOOP("CaseEditor", "Place"),
    QT_TRANSLATE_NOOP("CaseEditor", "Counselor")))


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def _minutes_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    return invalid_text(minutes) if wire_form.is_invalid(minutes) else duration_text(minutes)


class ContactsTab(QWidget):
    def __init__(self, labels: Callable[[], Labels], write: Write, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels = labels
        self._write = write
        self.record: CaseRecord | None = None
        self.model = RecordTableModel(_T, [
            Column(_HEADERS[0], lambda c: german_date(str(c.date))),
            Column(_HEADERS[1], lambda c: c.start_time or ""),
            Column(_HEADERS[2], lambda c: _minutes_text(c.duration_min), align_right=True),
            Column(_HEADERS[3], lambda c: labels().label_or("channel", c.channel, invalid_text)),
            Column(_HEADERS[4], lambda c: labels().label_or("town", c.town, invalid_text)),
            Column(_HEADERS[5], lambda c: c.place or ""),
            Column(_HEADERS[6], lambda c: labels().counselor(c.counselor_id)),
        ], self)
        self.table = record_table(self.model, _t("Contacts"))
        for column, width in enumerate((90, 60, 80, 200, 120, 140)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.total = QLabel()
        self.timer = SessionTimer()
        self.timer.stopped.connect(self._timer_stopped)
        self._build_form()
        layout = QVBoxLayout(self)
        totals = QHBoxLayout()
        totals.addWidget(self.total, 1)
        totals.addWidget(self.delete_button)
        layout.addWidget(self.table, 1)
        layout.addLayout(totals)
        layout.addWidget(self._form_box())

    def _build_form(self) -> None:
        self.date = DateField()
        self.start = QLineEdit()
        self.start.setPlaceholderText(_t("HH:MM"))
        self.start.setMaximumWidth(80)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60 - 1)
        self.minutes.setValue(30)
        self.minutes.setSuffix(_t(" min"))
        self.channel = VocabCombo("channel")
        self.town = VocabCombo("town")
        self.place = QLineEdit()
        self.place.setPlaceholderText(_t("e.g. town hall, library"))
        self.counselor = CounselorCombo(_t("(nobody)"))
        self.language = QLineEdit()
        self.interpreter = QCheckBox(_t("with interpreter"))
        self.messages: dict[str, FieldMessage] = {}
        self.add_button = QPushButton(icon("add"), _t("&Log contact"))
        self.add_button.clicked.connect(self.add_contact)
        self.update_button = QPushButton(_t("Save changes to the selected contact"))
        self.update_button.setToolTip(_t("Correct the selected contact with the values above"))
        self.update_button.clicked.connect(self.update_contact)
        self.update_button.setEnabled(False)
        self.delete_button = QPushButton(icon("delete"), _t("Delete selected contact"))
        self.delete_button.clicked.connect(self.delete_contact)

    def _form_box(self) -> QGroupBox:
        grid = QGridLayout()
        fields = (("date", _t("Date:"), self.date), ("start_time", _t("Start:"), self.start),
                  ("duration_min", _t("Duration:"), self.minutes),
                  ("channel", _t("Channel:"), self.channel), ("town", _t("Town:"), self.town),
                  ("place", _t("Place:"), self.place),
                  ("counselor_id", _t("Counselor:"), self.counselor),
                  ("language", _t("Language:"), self.language))
        for position, (name, label, widget) in enumerate(fields):
            box, message = with_message(widget)
            self.messages[name] = message
            widget.setAccessibleName(label.rstrip(":"))
            row, column = divmod(position, 2)
            grid.addWidget(QLabel(label), row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
        grid.addWidget(self.interpreter, 4, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.timer)
        buttons.addStretch(1)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.add_button)
        box = QGroupBox(_t("Contact"))
        inner = QVBoxLayout(box)
        inner.addLayout(grid)
        inner.addLayout(buttons)
        return box

    def vocab_widgets(self) -> list[Any]:
        return [self.channel, self.town, self.counselor]

    def draft_widgets(self) -> dict[str, QWidget]:
        return {"date": self.date, "start_time": self.start, "duration_min": self.minutes,
                "channel": self.channel, "town": self.town, "place": self.place,
                "counselor_id": self.counselor, "language": self.language,
                "interpreter": self.interpreter}

    # --- showing ------------------------------------------------------------------

    def show_record(self, record: CaseRecord) -> None:
        self.record = record
        self.model.set_records(record.contacts)
        self.update_button.setEnabled(False)  # the selection went with the reset
        # The editor's context keeps the existing translation (the text moved here from it).
        self.total.setText(QCoreApplication.translate(
            "CaseEditor", "%n contacts, together {duration}", None, len(record.contacts)).replace(
                "{duration}", duration_text(record.total_minutes)))

    def reset(self, record: CaseRecord) -> None:
        """A fresh form for the case just opened: today, 30 minutes, the case's town and counselor."""
        case, labels = record.case, self._labels()
        self.timer.reset()
        self.date.set_value(dt.date.today())
        self.start.clear()
        self.minutes.setValue(30)
        self.channel.set_labels(labels, None)
        self.town.set_labels(labels, case.incident_town)
        self.place.clear()
        self.counselor.set_labels(labels, case.counselor_id)
        self.language.clear()
        self.interpreter.setChecked(False)
        for message in self.messages.values():
            message.show_text("")

    def baseline(self) -> dict[str, Any]:
        """What the form shows when nothing was typed: the selected contact, or the values a
        fresh form starts with (:meth:`reset`)."""
        assert self.record is not None
        selected = self.model.record(self.table.currentIndex().row())
        if selected is not None:
            return {"date": str(selected.date), "start_time": selected.start_time or "",
                    "duration_min": selected.duration_min, "channel": selected.channel,
                    "town": selected.town, "place": selected.place or "",
                    "counselor_id": selected.counselor_id, "language": selected.language or "",
                    "interpreter": bool(selected.interpreter)}
        return {"date": dt.date.today().isoformat(), "start_time": "", "duration_min": 30, "channel": None,
                "town": self.record.case.incident_town, "place": "",
                "counselor_id": self.record.case.counselor_id, "language": "", "interpreter": False}

    def clear(self) -> None:
        self.record = None
        self.timer.reset()
        for widget in (self.place, self.language, self.start):
            widget.clear()
        self.model.set_records([])

    # --- entries ------------------------------------------------------------------

    def _timer_stopped(self, start: str, minutes: int) -> None:
        self.start.setText(start)
        self.minutes.setValue(minutes)
        self.channel.setFocus()

    def _details(self) -> dict[str, Any]:
        """The form's values except date and duration."""
        return {"start_time": self.start.text().strip() or None,
                "channel": self.channel.code(), "town": self.town.code(),
                "place": self.place.text().strip() or None,
                "counselor_id": self.counselor.counselor_id(),
                "language": self.language.text().strip() or None,
                "interpreter": self.interpreter.isChecked()}

    def _selected(self, current: Any, _previous: Any) -> None:
        """A contact picked in the list fills the form, to be corrected and saved back."""
        contact = self.model.record(current.row())
        self.update_button.setEnabled(contact is not None)
        if contact is None or self.timer.running:  # a running session keeps its form
            return
        self.date.set_value(contact.date)
        self.start.setText(contact.start_time or "")
        self.minutes.setValue(contact.duration_min or 1)
        self.channel.set_code(contact.channel)
        self.town.set_code(contact.town)
        self.place.setText(contact.place or "")
        self.counselor.set_counselor(contact.counselor_id)
        self.language.setText(contact.language or "")
        self.interpreter.setChecked(bool(contact.interpreter))

    def update_contact(self) -> None:
        contact = self.model.record(self.table.currentIndex().row())
        if contact is None:
            return
        if self.timer.running:  # the form belongs to the session being timed, not to the selection
            self.messages["date"].show_text(_t(
                "The session timer is running: log that contact first, then correct the selected one."))
            return
        values = {"date": self.date.value(), "duration_min": self.minutes.value(), **self._details()}
        self._write(ops.update_record("contact", contact.id, values), self.messages,
                    self.messages["date"], lambda: None)

    def add_contact(self) -> None:
        if self.record is None or not self.date.is_valid():  # keeps a running timer going
            return
        details = self._details()
        on, minutes, case_id = self.date.value() or dt.date.today(), self.minutes.value(), self.record.case.id
        if self.timer.running:
            self.timer.toggle()  # stopping fills start and duration
            start, minutes = self.start.text().strip() or None, self.minutes.value()
            details["start_time"] = start

        def done() -> None:
            self.start.clear()
            self.place.clear()
            self.minutes.setValue(30)

        self._write(ops.log_contact(case_id, minutes, on, details), self.messages, self.messages["date"],
                    done)

    def delete_contact(self) -> None:
        contact = self.model.record(self.table.currentIndex().row())
        if contact is None:
            return
        answer = QMessageBox.question(self, _t("Delete contact"), _t("Delete the contact of {date}?").format(
            date=german_date(str(contact.date))))
        if answer == QMessageBox.StandardButton.Yes:
            self._write(ops.delete_contact(contact.id), {}, self.messages["date"], lambda: None)
