"""Outreach day: today's town once, then per person one form and one button.

Step 1 choose the town (remembered for the day), step 2 the client code and
area of life, step 3 the conversation (timer or minutes) and "Save". The client,
case and first contact are written in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import AppSettings, duration_text, icon
from beratungsdesk.gui.drafts import restore_values, values_of
from beratungsdesk.gui.network_forms import QuickRecordDialog, quick_partner_dialog, quick_workshop_dialog
from beratungsdesk.gui.ops import clients as client_ops
from beratungsdesk.gui.session_timer import SessionTimer
from beratungsdesk.gui.widgets import (
    CounselorCombo,
    DateField,
    FieldMessage,
    VocabCombo,
    show_field_errors,
    with_message,
)
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_cases import OutreachEntry
from beratungsdesk.services.session_office import Labels

ENTRY_ROLE = Qt.ItemDataRole.UserRole


class OutreachView(QWidget):
    open_case = Signal(str)

    def __init__(self, runner: Runner, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.labels = Labels("de")
        self._start_time: str | None = None

        heading = QLabel(self.tr("Outreach day"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr("For consultations on site: choose today's town once, then record "
                               "each person with one form. Client, case and contact are saved together."))
        intro.setWordWrap(True)

        # Step 1: where and when.
        self.town = VocabCombo("town", optional=False)
        self.town.setAccessibleName(self.tr("Town of today's consultation"))
        self.town.currentIndexChanged.connect(self._remember_town)
        self.day = DateField()
        self.day.setAccessibleName(self.tr("Date of the consultation"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("e.g. town hall, room 2"))
        self.place.setAccessibleName(self.tr("Place"))
        self.counselor = CounselorCombo(self.tr("(nobody)"))
        self.counselor.setAccessibleName(self.tr("Counselor"))
        self._counselor_chosen = False  # by hand: then kept instead of the laptop's own counselor
        self.counselor.activated.connect(self._choose_counselor)
        where = QGroupBox(self.tr("1  Where and when"))
        where_form = QFormLayout(where)
        where_form.addRow(self.tr("&Town:"), self.town)
        where_form.addRow(self.tr("&Date:"), self.day)
        where_form.addRow(self.tr("&Place:"), self.place)
        where_form.addRow(self.tr("C&ounselor:"), self.counselor)

        # Step 2: who and what.
        self.messages: dict[str, FieldMessage] = {}
        self.client = QLineEdit()
        self.client.setPlaceholderText(self.tr("new or known client code"))
        self.client.setAccessibleName(self.tr("Client code"))
        self.client.textChanged.connect(self._check_known_client)
        self.client_hint = QLabel()
        self.client_hint.setStyleSheet("color: #4f5f5f;")
        self.area = VocabCombo("area", optional=False)
        self.area.setAccessibleName(self.tr("Area of life"))
        self.language = QLineEdit()
        self.language.setAccessibleName(self.tr("Language of the conversation"))
        who = QGroupBox(self.tr("2  Client and concern"))
        who_form = QFormLayout(who)
        for name, label, widget in (("code", self.tr("&Client code:"), self.client),
                                    ("area", self.tr("&Area of life:"), self.area),
                                    ("language", self.tr("&Language:"), self.language)):
            box, message = with_message(widget)
            self.messages[name] = message
            who_form.addRow(label, box)
        who_form.addRow("", self.client_hint)

        # Step 3: the conversation.
        self.timer = SessionTimer()
        self.timer.stopped.connect(self._timer_stopped)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 24 * 60 - 1)
        self.minutes.setValue(30)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Duration in minutes"))
        self.interpreter = QCheckBox(self.tr("with interpreter"))
        self.save_button = QPushButton(icon("save"), self.tr("&Save client, case and contact"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.general = FieldMessage()
        talk = QGroupBox(self.tr("3  Conversation"))
        talk_form = QFormLayout(talk)
        talk_form.addRow(self.tr("Timer:"), self.timer)
        box, message = with_message(self.minutes)
        self.messages["duration_min"] = message
        talk_form.addRow(self.tr("D&uration:"), box)
        talk_form.addRow("", self.interpreter)
        talk_form.addRow(self.general)
        talk_form.addRow(self.save_button)

        self.today = QListWidget()
        self.today.setAccessibleName(self.tr("Saved today"))
        self.today.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.today.itemActivated.connect(lambda item: self.open_case.emit(item.data(ENTRY_ROLE)))
        self.today.itemDoubleClicked.connect(lambda item: self.open_case.emit(item.data(ENTRY_ROLE)))
        today_box = QGroupBox(self.tr("Saved today (double-click opens the case)"))
        QVBoxLayout(today_box).addWidget(self.today)
        network_box = self._network_box()

        # Enter in any field of the three steps saves, as the default button
        # would in a dialog (a page has no default button of its own).
        self._form_boxes = (where, who, talk)
        left = QVBoxLayout()
        left.addWidget(where)
        left.addWidget(who)
        left.addWidget(talk)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        right = QVBoxLayout()
        right.addWidget(today_box, 1)
        right.addWidget(network_box)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Fields pass Enter on to their parent; it arrives here unless a popup took it.
        focus = self.focusWidget()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and focus is not None
                and any(box.isAncestorOf(focus) for box in self._form_boxes)):
            event.accept()
            if self.save_button.isEnabled():
                self.save()
            return
        super().keyPressEvent(event)

    def _network_box(self) -> QGroupBox:
        """At an appointment someone may ask for a workshop or offer cooperation: note it here."""
        self.workshop_button = QPushButton(icon("add"), self.tr("&Workshop request…"))
        self.workshop_button.clicked.connect(self.new_workshop)
        self.partner_button = QPushButton(icon("add"), self.tr("New network &partner…"))
        self.partner_button.clicked.connect(self.new_partner)
        self.network_note = FieldMessage()
        self.network_note.setStyleSheet("color: #2f6f73;")  # a confirmation, not an error
        box = QGroupBox(self.tr("Prevention and network"))
        layout = QVBoxLayout(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.workshop_button)
        buttons.addWidget(self.partner_button)
        layout.addLayout(buttons)
        layout.addWidget(self.network_note)
        return box

    def new_workshop(self) -> QuickRecordDialog:
        dialog = quick_workshop_dialog(self.runner, self.labels, self.town.code(),
                                       self.day.value() or dt.date.today(), self)
        dialog.accepted.connect(lambda: self.network_note.show_text(self.tr("Workshop request saved.")))
        dialog.open()
        return dialog

    def new_partner(self) -> QuickRecordDialog:
        dialog = quick_partner_dialog(self.runner, self.labels, self.town.code(), self)
        dialog.accepted.connect(lambda: self.network_note.show_text(
            self.tr("Network partner saved: {name}").format(name=getattr(dialog.saved, "name", ""))))
        dialog.open()
        return dialog

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self.town.blockSignals(True)
        self.town.set_labels(labels, self.town.code() or self.settings.outreach_town or None)
        self.town.blockSignals(False)
        self.area.set_labels(labels)
        # On a counselor's laptop: the counselor the office enrolled it for, from the store
        # (never the first of the list, nor a guess from the laptop's name). The store keeps
        # it, so it is preselected again after every unlock.
        current = self.counselor.counselor_id()
        self.counselor.set_labels(labels, current if self._counselor_chosen
                                  else current or labels.own_counselor)

    def _choose_counselor(self, _index: int) -> None:
        self._counselor_chosen = True

    def _remember_town(self) -> None:
        code = self.town.code()
        if code:
            self.settings.outreach_town = code  # a town is not personal data

    def _timer_stopped(self, start: str, minutes: int) -> None:
        self._start_time = start
        self.minutes.setValue(minutes)
        self.save_button.setFocus()

    def _check_known_client(self, text: str) -> None:
        code = text.strip()
        if not code:
            self.client_hint.clear()
            return

        def done(client: object) -> None:
            if self.client.text().strip() != code:
                return
            self.client_hint.setText(self.tr("Known client: the new case is added to it.") if client
                                     else self.tr("New client."))

        client_ops.find_client(code).run(self.runner, self, done)

    def save(self) -> None:
        for message in self.messages.values():
            message.show_text("")
        self.general.show_text("")
        code = self.client.text().strip()
        if not code:
            self.messages["code"].show_text(self.tr("Client code is required."))
            self.client.setFocus()
            return
        if not self.day.is_valid():  # the field says what is wrong with the typed date
            self.day.setFocus()
            return
        if self.timer.running:
            self.timer.toggle()
        start = self._start_time
        town, area = self.town.code() or "", self.area.code() or ""
        on, minutes = self.day.value() or dt.date.today(), self.minutes.value()
        counselor, place = self.counselor.counselor_id(), self.place.text().strip()
        language, interpreter = self.language.text().strip(), self.interpreter.isChecked()
        self.save_button.setEnabled(False)

        client_ops.outreach_entry(code, area, town, on, minutes, counselor, place, start, language,
                                  interpreter).run(self.runner, self, self._saved, self._failed)

    def _saved(self, entry: OutreachEntry) -> None:
        self.save_button.setEnabled(True)
        item = QListWidgetItem(icon("cases"), self.tr("{number} · {client} · {duration}").format(
            number=entry.case_number, client=entry.client_code, duration=duration_text(entry.duration_min)))
        item.setData(ENTRY_ROLE, entry.case_id)
        self.today.insertItem(0, item)
        self.general.show_text("")
        self.client.clear()
        self.language.clear()
        self.interpreter.setChecked(False)
        self.minutes.setValue(30)
        self.timer.reset()
        self._start_time = None
        self.client.setFocus()

    def _failed(self, error: BeratungsError) -> None:
        self.save_button.setEnabled(True)
        show_field_errors(error, self.messages, self.general)

    def is_dirty(self) -> bool:
        return bool(self.client.text().strip()) or self.timer.running

    # --- drafts: unsaved input kept while the program is locked (gui/drafts.py) ----

    def _draft_widgets(self) -> dict[str, QWidget]:
        return {"client": self.client, "area": self.area, "language": self.language,
                "minutes": self.minutes, "interpreter": self.interpreter, "place": self.place,
                "day": self.day, "counselor": self.counselor}

    def draft_state(self) -> dict[str, Any] | None:
        """The half-typed entry (and a running session), or None."""
        if not self.is_dirty():
            return None
        return {"values": values_of(self._draft_widgets()), "timer": self.timer.draft_state(),
                "start_time": self._start_time}

    def restore_draft(self, state: dict[str, Any]) -> bool:
        restore_values(self._draft_widgets(), state.get("values") or {})
        if state.get("timer"):
            self.timer.restore_draft(state["timer"])
        start = state.get("start_time")
        self._start_time = start if isinstance(start, str) else None
        return True

    def discard_draft(self) -> None:
        self.timer.reset()
        self._start_time = None
        self.client.clear()
        self.language.clear()
        self.interpreter.setChecked(False)
        self.minutes.setValue(30)

    def clear(self) -> None:
        self.timer.reset()
        self.client.clear()
        self.language.clear()
        self.place.clear()
        self.today.clear()
        self.network_note.show_text("")
