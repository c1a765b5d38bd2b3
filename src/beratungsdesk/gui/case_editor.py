"""The case editor: every field of a case and its client, contacts with a session
timer, interventions, append-only notes and documents.

The case and client forms are edited locally and saved together (Ctrl+S); the
lists below them save each addition at once. Leaving with unsaved form changes
asks first. Validation problems appear under the field they concern.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError, NotFound
from beratungsdesk.gui.case_followups import CaseWeekPanel
from beratungsdesk.gui.common import duration_text, error_text, icon, plural
from beratungsdesk.gui.consent_view import ConsentPanel, ConsentWarning
from beratungsdesk.gui.drafts import restore_values, values_of
from beratungsdesk.gui.erasure import confirm_erasure, erased_text
from beratungsdesk.gui.letter_dialog import LetterDialog
from beratungsdesk.gui.models import (
    Column,
    RecordTableModel,
    german_date,
    invalid_text,
    record_table,
    size_text,
)
from beratungsdesk.gui.referrals import ReferralPanel
from beratungsdesk.gui.widgets import (
    CodeChecklist,
    CounselorCombo,
    DateField,
    FieldMessage,
    StagedBuild,
    VocabCombo,
    errors_by_field,
    set_text_kept,
    with_message,
)
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.protection import scope_needed_by_intervention
from beratungsdesk.services.session import CaseRecord, ErasureReport, Labels, LetterDraft, Session

_T = "CaseEditor"
#: Column headers of the case's lists (translated when shown).
_H = {
    "Date": QT_TRANSLATE_NOOP("CaseEditor", "Date"),
    "Start": QT_TRANSLATE_NOOP("CaseEditor", "Start"),
    "Duration": QT_TRANSLATE_NOOP("CaseEditor", "Duration"),
    "Channel": QT_TRANSLATE_NOOP("CaseEditor", "Channel"),
    "Town": QT_TRANSLATE_NOOP("CaseEditor", "Town"),
    "Place": QT_TRANSLATE_NOOP("CaseEditor", "Place"),
    "Counselor": QT_TRANSLATE_NOOP("CaseEditor", "Counselor"),
    "Type": QT_TRANSLATE_NOOP("CaseEditor", "Type"),
    "Status": QT_TRANSLATE_NOOP("CaseEditor", "Status"),
    "Result": QT_TRANSLATE_NOOP("CaseEditor", "Result"),
    "Written": QT_TRANSLATE_NOOP("CaseEditor", "Written"),
    "Author": QT_TRANSLATE_NOOP("CaseEditor", "Author"),
    "Note": QT_TRANSLATE_NOOP("CaseEditor", "Note"),
    "File": QT_TRANSLATE_NOOP("CaseEditor", "File"),
    "Size": QT_TRANSLATE_NOOP("CaseEditor", "Size"),
    "Added": QT_TRANSLATE_NOOP("CaseEditor", "Added"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def _invalid_values(entity: model.Entity | None, labels: Labels) -> dict[str, Any]:
    """Field -> stored value, for the fields of ``entity`` whose stored value is not valid
    (of the wrong kind, or a code the vocabulary does not have)."""
    if entity is None:
        return {}
    found = {}
    for spec in model.spec(entity.ENTITY).fields:
        value = getattr(entity, spec.name)
        codes = ((value,) if spec.kind == model.CODE and value else
                 value if spec.kind == model.CODES else ())
        if model.is_invalid(value) or (spec.vocab and any(not labels.knows(spec.vocab, str(code))
                                                          for code in codes)):
            found[spec.name] = value
    return found


def _vanished(record: CaseRecord) -> bool:
    """The case or its client was erased: what is left is a tombstone without data."""
    return bool(record.case.deleted or (record.client is not None and record.client.deleted))


def _stored_value(record: CaseRecord, part: str, name: str) -> Any:
    """A field's stored value as the form holds it (see CaseEditor._form_values)."""
    entity = record.case if part == "case" else record.client
    value = getattr(entity, name, None) if entity is not None else None
    if name in ("number", "code"):
        return value or ""
    if isinstance(value, (list, tuple)):
        return tuple(sorted(value)) if name in ("grounds", "racism_forms") else tuple(value)
    return value if value != "" else None


def _minutes_text(minutes: int | None) -> str:
    if minutes is None:
        return ""
    return invalid_text(minutes) if model.is_invalid(minutes) else duration_text(minutes)


def _datetime_text(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return dt.datetime.fromisoformat(iso).strftime("%d.%m.%Y %H:%M")
    except (TypeError, ValueError):
        return invalid_text(iso)


class SessionTimer(QWidget):
    """Start/stop timer for a conversation; stopping fills the contact's duration."""

    stopped = Signal(str, int)  # start time HH:MM, minutes (at least 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._started: float | None = None
        self._start_clock = ""
        self.display = QLabel("00:00")
        font = QFont(self.display.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setFamily("monospace")
        self.display.setFont(font)
        self.display.setAccessibleName(self.tr("Elapsed time"))
        self.button = QPushButton(icon("timer"), self.tr("Start &session"))
        self.button.setAccessibleName(self.tr("Start or stop the session timer"))
        self.button.clicked.connect(self.toggle)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._update)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.display)
        layout.addStretch(1)

    @property
    def running(self) -> bool:
        return self._started is not None

    def toggle(self) -> None:
        if self._started is None:
            self._started = time.monotonic()
            self._start_clock = dt.datetime.now().strftime("%H:%M")
            self.button.setText(self.tr("Stop &session"))
            self.tick.start()
            self._update()
        else:
            minutes = max(1, round((time.monotonic() - self._started) / 60))
            self.reset()
            self.stopped.emit(self._start_clock, minutes)

    def reset(self) -> None:
        self._started = None
        self.tick.stop()
        self.button.setText(self.tr("Start &session"))
        self.display.setText("00:00")

    def _update(self) -> None:
        if self._started is not None:
            seconds = int(time.monotonic() - self._started)
            self.display.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    def draft_state(self) -> dict[str, Any] | None:
        """A running session for a draft: when it started (wall clock), so it runs on while locked."""
        if self._started is None:
            return None
        return {"started_at": time.time() - (time.monotonic() - self._started), "clock": self._start_clock}

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Run on from the start a draft kept (the conversation went on while the program was locked)."""
        try:
            elapsed = max(0.0, time.time() - float(state["started_at"]))
        except (KeyError, TypeError, ValueError):
            return
        self._started = time.monotonic() - elapsed
        self._start_clock = str(state.get("clock") or "")
        self.button.setText(self.tr("Stop &session"))
        self.tick.start()
        self._update()


class CaseEditor(StagedBuild, QWidget):
    closed = Signal()
    saved = Signal(str)
    erased = Signal(str)  # what was erased, in words (for the status bar)
    vanished = Signal(str)  # the open case was erased elsewhere and the editor closed (words)

    def __init__(self, runner: Runner, parent: QWidget | None = None, staged: bool = False) -> None:
        """``staged``: build only the header now, the rest by :meth:`build_step` calls."""
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.record: CaseRecord | None = None
        self._snapshot: dict[str, Any] = {}
        self._filling = False  # True while _fill_form writes a record into the form
        self._after_save: Callable[[], None] | None = None
        self._saving: dict[str, Any] = {}  # the form's values when the running save began
        self.messages: dict[str, FieldMessage] = {}
        self.consents = ConsentPanel(runner)  # on the client tab; saves on its own

        self.back_button = QPushButton(icon("back"), self.tr("Case &list"))
        self.back_button.setToolTip(self.tr("Back to the case list (Alt+Left)"))
        self.back_button.clicked.connect(self.request_close)
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.state = QLabel()
        self._just_saved = False  # "Saved" shown until the next edit
        self.state.setStyleSheet("color: #4f5f5f;")
        self.revert_button = QPushButton(self.tr("&Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(icon("save"), self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the case and client data (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.erase_button = QPushButton(icon("delete"), self.tr("Erase case…"))
        self.erase_button.setToolTip(self.tr("Erase this case for data protection (office only)"))
        self.erase_button.clicked.connect(self.erase_case)
        self.erase_button.hide()  # shown on the office store (set_office)
        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addSpacing(8)
        header.addWidget(self.title)
        header.addWidget(self.state, 1)
        header.addWidget(self.erase_button)
        header.addWidget(self.revert_button)
        header.addWidget(self.save_button)
        self.general = FieldMessage()

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # The largest widget of the program, built in steps (one tab each) when built in
        # idle time, so no single step holds the GUI thread long (``staged``).
        self._steps: list[Callable[[], object]] = [
            lambda: self.tabs.addTab(self._case_tab(), self.tr("Case")),
            lambda: self.tabs.addTab(self._client_tab(), self.tr("Client")),
            lambda: self.tabs.addTab(self._contacts_tab(), self.tr("Contacts")),
            lambda: self.tabs.addTab(self._interventions_tab(), self.tr("Interventions")),
            lambda: self.tabs.addTab(self._notes_tab(), self.tr("Notes")),
            lambda: self.tabs.addTab(self._documents_tab(), self.tr("Documents")),
            self._referrals_tab,
            self._week_tab,
            lambda: self._finish_layout(header),
        ]
        if not staged:
            self.finish_building()


    def _referrals_tab(self) -> None:
        self.referrals = ReferralPanel(self.runner)  # saves on its own, like the lists
        self.tabs.addTab(self.referrals, self.tr("Referrals"))

    def _week_tab(self) -> None:
        self.week = CaseWeekPanel(self.runner)  # follow-ups and appointments, saved on their own
        self.tabs.addTab(self.week, self.tr("Follow-ups and appointments"))

    def _finish_layout(self, header: QHBoxLayout) -> None:
        # One consent query feeds the warnings where an action needs a consent.
        self.consents.loaded.connect(self.documents_warning.show_state)
        self.consents.loaded.connect(self.referrals.consent_warning.show_state)
        self.consents.loaded.connect(self.intervention_warning.show_state)
        self._intervention_type_changed()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addLayout(header)
        layout.addWidget(self.general)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Alt+Left"), self, self.request_close)
        self._update_state()

    # --- building the tabs ------------------------------------------------

    def _field(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        box, message = with_message(widget)
        self.messages[name] = message
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        form.addRow(label, box)
        signal = None
        for attribute in ("textChanged", "currentIndexChanged", "dateChanged", "codes_changed"):
            signal = getattr(widget, attribute, None)
            if signal is not None:
                break
        if signal is not None:
            signal.connect(self._update_state)

    def _case_tab(self) -> QWidget:
        self.number = QLineEdit()
        self.opened_on = DateField()
        self.closed_on = DateField(optional=True)
        self.closed_on.set_related(self.opened_on)  # its calendar opens at the case's start
        self.status = VocabCombo("case_status", optional=False)
        self.counselor = CounselorCombo(self.tr("(nobody)"))
        self.area = VocabCombo("area", optional=False)
        self.level = VocabCombo("level")
        self.respondent = VocabCombo("respondent")
        self.agg = VocabCombo("agg")
        self.incident_town = VocabCombo("town")
        self.grounds = CodeChecklist("ground")
        self.racism_forms = CodeChecklist("racism_form")
        self.summary = QPlainTextEdit()
        self.outcome = QPlainTextEdit()
        for text in (self.summary, self.outcome):
            text.setTabChangesFocus(True)
            text.setMinimumHeight(70)
        left = QFormLayout()
        for name, label, widget in (
                ("number", self.tr("Case &number:"), self.number),
                ("opened_on", self.tr("&Opened on:"), self.opened_on),
                ("status", self.tr("S&tatus:"), self.status),
                ("closed_on", self.tr("Closed o&n:"), self.closed_on),
                ("counselor_id", self.tr("C&ounselor:"), self.counselor),
                ("area", self.tr("&Area of life:"), self.area),
                ("level", self.tr("&Level:"), self.level),
                ("respondent", self.tr("Res&pondent:"), self.respondent),
                ("agg", self.tr("Relevant under the A&GG:"), self.agg),
                ("incident_town", self.tr("&Town of the incident:"), self.incident_town)):
            self._field(left, name, label, widget)
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for name, label, widget in (
                ("grounds", self.tr("&Grounds:"), self.grounds),
                ("racism_forms", self.tr("&Forms of racism:"), self.racism_forms),
                ("summary", self.tr("Summar&y:"), self.summary),
                ("outcome", self.tr("O&utcome:"), self.outcome)):
            self._field(right, name, label, widget)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(24)
        return _scrolling(grid)

    def _client_tab(self) -> QWidget:
        self.client_code = QLineEdit()
        self.client_name = QLineEdit()
        self.client_contact = QLineEdit()
        self.client_languages = QLineEdit()
        self.client_languages.setPlaceholderText(self.tr("separated by commas, e.g. Türkisch, Deutsch"))
        self.client_age = VocabCombo("age_group")
        self.client_gender = QLineEdit()
        self.client_gender.setPlaceholderText(self.tr("as the client describes it"))
        self.client_town = VocabCombo("town")
        form = QFormLayout()
        for name, label, widget in (
                ("code", self.tr("Client &code:"), self.client_code),
                ("name", self.tr("&Name:"), self.client_name),
                ("contact", self.tr("Con&tact details:"), self.client_contact),
                ("languages", self.tr("&Languages:"), self.client_languages),
                ("age_group", self.tr("&Age group:"), self.client_age),
                ("gender", self.tr("&Gender:"), self.client_gender),
                ("town", self.tr("To&wn:"), self.client_town)):
            self._field(form, name, label, widget)
        hint = QLabel(self.tr("The client code is what appears in lists; the name and contact "
                              "details are only shown here."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        form.addRow(hint)
        consents = QGroupBox(self.tr("Consents of the client"))
        QVBoxLayout(consents).addWidget(self.consents)
        self.consents.setMinimumHeight(330)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(consents, 1)
        return _scrolling(column)

    def _contacts_tab(self) -> QWidget:
        labels = lambda: self.labels  # noqa: E731 - labels change after construction
        self.contacts_model = RecordTableModel(_T, [
            Column(_H["Date"], lambda c: german_date(str(c.date))),
            Column(_H["Start"], lambda c: c.start_time or ""),
            Column(_H["Duration"], lambda c: _minutes_text(c.duration_min), align_right=True),
            Column(_H["Channel"], lambda c: labels().label_or("channel", c.channel, invalid_text)),
            Column(_H["Town"], lambda c: labels().label_or("town", c.town, invalid_text)),
            Column(_H["Place"], lambda c: c.place or ""),
            Column(_H["Counselor"], lambda c: labels().counselor(c.counselor_id)),
        ], self)
        self.contacts_table = record_table(self.contacts_model, self.tr("Contacts"))
        for column, width in enumerate((90, 60, 80, 200, 120, 140)):
            self.contacts_table.setColumnWidth(column, width)
        self.contacts_table.selectionModel().currentRowChanged.connect(self._contact_selected)
        self.contacts_total = QLabel()

        self.timer = SessionTimer()
        self.timer.stopped.connect(self._timer_stopped)
        self.contact_date = DateField()
        self.contact_start = QLineEdit()
        self.contact_start.setPlaceholderText(self.tr("HH:MM"))
        self.contact_start.setMaximumWidth(80)
        self.contact_minutes = QSpinBox()
        self.contact_minutes.setRange(1, 24 * 60 - 1)
        self.contact_minutes.setValue(30)
        self.contact_minutes.setSuffix(self.tr(" min"))
        self.contact_channel = VocabCombo("channel")
        self.contact_town = VocabCombo("town")
        self.contact_place = QLineEdit()
        self.contact_place.setPlaceholderText(self.tr("e.g. town hall, library"))
        self.contact_counselor = CounselorCombo(self.tr("(nobody)"))
        self.contact_language = QLineEdit()
        self.contact_interpreter = QCheckBox(self.tr("with interpreter"))
        self.contact_messages: dict[str, FieldMessage] = {}
        grid = QGridLayout()
        fields = (("date", self.tr("Date:"), self.contact_date),
                  ("start_time", self.tr("Start:"), self.contact_start),
                  ("duration_min", self.tr("Duration:"), self.contact_minutes),
                  ("channel", self.tr("Channel:"), self.contact_channel),
                  ("town", self.tr("Town:"), self.contact_town),
                  ("place", self.tr("Place:"), self.contact_place),
                  ("counselor_id", self.tr("Counselor:"), self.contact_counselor),
                  ("language", self.tr("Language:"), self.contact_language))
        for position, (name, label, widget) in enumerate(fields):
            box, message = with_message(widget)
            self.contact_messages[name] = message
            widget.setAccessibleName(label.rstrip(":"))
            row, column = divmod(position, 2)
            grid.addWidget(QLabel(label), row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
        grid.addWidget(self.contact_interpreter, 4, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.add_contact_button = QPushButton(icon("add"), self.tr("&Log contact"))
        self.add_contact_button.clicked.connect(self.add_contact)
        self.update_contact_button = QPushButton(self.tr("Save changes to the selected contact"))
        self.update_contact_button.setToolTip(self.tr("Correct the selected contact with the "
                                                      "values above"))
        self.update_contact_button.clicked.connect(self.update_contact)
        self.update_contact_button.setEnabled(False)
        self.delete_contact_button = QPushButton(icon("delete"), self.tr("Delete selected contact"))
        self.delete_contact_button.clicked.connect(self.delete_contact)
        buttons = QHBoxLayout()
        buttons.addWidget(self.timer)
        buttons.addStretch(1)
        buttons.addWidget(self.update_contact_button)
        buttons.addWidget(self.add_contact_button)
        box = QGroupBox(self.tr("Contact"))
        inner = QVBoxLayout(box)
        inner.addLayout(grid)
        inner.addLayout(buttons)
        totals = QHBoxLayout()
        totals.addWidget(self.contacts_total, 1)
        totals.addWidget(self.delete_contact_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.contacts_table, 1)
        layout.addLayout(totals)
        layout.addWidget(box)
        return page

    def _interventions_tab(self) -> QWidget:
        labels = lambda: self.labels  # noqa: E731
        self.interventions_model = RecordTableModel(_T, [
            Column(_H["Type"], lambda i: labels().label_or("intervention", i.type, invalid_text)),
            Column(_H["Date"], lambda i: german_date(str(i.date)) if i.date else ""),
            Column(_H["Status"], lambda i: labels().label_or("intervention_status", i.status, invalid_text)),
            Column(_H["Result"], lambda i: labels().label_or("intervention_result", i.result, invalid_text)),
        ], self)
        self.interventions_table = record_table(self.interventions_model, self.tr("Interventions"))
        self.interventions_table.setColumnWidth(0, 260)
        self.interventions_table.setColumnWidth(1, 100)
        self.interventions_table.setColumnWidth(2, 120)
        self.interventions_table.selectionModel().currentRowChanged.connect(self._intervention_selected)
        self.intervention_type = VocabCombo("intervention", optional=False)
        self.intervention_date = DateField(optional=True)
        self.intervention_status = VocabCombo("intervention_status", optional=False)
        self.intervention_result = VocabCombo("intervention_result")
        # Letters, mediation, press, legal steps and referrals tell others about the client.
        self.intervention_warning = ConsentWarning("third_parties")
        self.intervention_type.currentIndexChanged.connect(self._intervention_type_changed)
        form = QFormLayout()
        self.intervention_messages: dict[str, FieldMessage] = {}
        for name, label, widget in (("type", self.tr("Type:"), self.intervention_type),
                                    ("date", self.tr("Date:"), self.intervention_date),
                                    ("status", self.tr("Status:"), self.intervention_status),
                                    ("result", self.tr("Result:"), self.intervention_result)):
            box, message = with_message(widget)
            widget.setAccessibleName(label.rstrip(":"))
            self.intervention_messages[name] = message
            form.addRow(label, box)
        self.add_intervention_button = QPushButton(icon("add"), self.tr("&Add intervention"))
        self.add_intervention_button.clicked.connect(self.add_intervention)
        self.update_intervention_button = QPushButton(self.tr("Save changes to the selected one"))
        self.update_intervention_button.clicked.connect(self.update_intervention)
        self.update_intervention_button.setEnabled(False)
        self.letter_button = QPushButton(icon("report"), self.tr("Co&mplaint letter…"))
        self.letter_button.setToolTip(self.tr("Write a complaint letter from this case as PDF"))
        self.letter_button.clicked.connect(self.open_letter)
        self.letter_dialog: LetterDialog | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.letter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.update_intervention_button)
        buttons.addWidget(self.add_intervention_button)
        box = QGroupBox(self.tr("Intervention"))
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.intervention_warning)
        inner.addLayout(buttons)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.interventions_table, 1)
        layout.addWidget(box)
        return page

    def _notes_tab(self) -> QWidget:
        labels = lambda: self.labels  # noqa: E731
        self.notes_model = RecordTableModel(_T, [
            Column(_H["Written"], lambda n: _datetime_text(n.written_at)),
            Column(_H["Author"], lambda n: labels().counselor(n.author_id)),
            Column(_H["Note"], self._note_text),
        ], self)
        self.notes_table = record_table(self.notes_model, self.tr("Notes"))
        self.notes_table.setColumnWidth(0, 130)
        self.notes_table.setColumnWidth(1, 150)
        self.notes_table.setWordWrap(True)
        self.note_text = QPlainTextEdit()
        self.note_text.setAccessibleName(self.tr("New note"))
        self.note_text.setPlaceholderText(self.tr("Write a new note. Notes cannot be changed later; "
                                                  "a correction is a new note that replaces the old one."))
        self.note_text.setMaximumHeight(110)
        self.note_text.setTabChangesFocus(True)
        self.note_text.textChanged.connect(self._update_state)
        self.note_author = CounselorCombo(self.tr("(no author)"))
        self.note_author.setAccessibleName(self.tr("Author"))
        self.note_message = FieldMessage()
        self.add_note_button = QPushButton(icon("add"), self.tr("Add &note"))
        self.add_note_button.clicked.connect(lambda: self.add_note(replace=False))
        self.replace_note_button = QPushButton(self.tr("Replace selected note"))
        self.replace_note_button.clicked.connect(lambda: self.add_note(replace=True))
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Author:")))
        buttons.addWidget(self.note_author)
        buttons.addStretch(1)
        buttons.addWidget(self.replace_note_button)
        buttons.addWidget(self.add_note_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.notes_table, 1)
        layout.addWidget(self.note_text)
        layout.addWidget(self.note_message)
        layout.addLayout(buttons)
        return page

    def _documents_tab(self) -> QWidget:
        self.documents_model = RecordTableModel(_T, [
            Column(_H["File"], lambda a: a.file_name or ""),
            Column(_H["Type"], lambda a: a.media_type or ""),
            Column(_H["Size"], lambda a: size_text(a.size), align_right=True),
            Column(_H["Added"], lambda a: _datetime_text(a.added_at)),
        ], self)
        self.documents_table = record_table(self.documents_model, self.tr("Documents"))
        self.documents_table.setColumnWidth(0, 260)
        self.documents_table.setColumnWidth(1, 160)
        self.documents_table.doubleClicked.connect(lambda _index: self.open_document())
        self.add_document_button = QPushButton(icon("attachment"), self.tr("A&dd document…"))
        self.add_document_button.clicked.connect(self.add_document)
        self.open_document_button = QPushButton(icon("open"), self.tr("&Open"))
        self.open_document_button.clicked.connect(self.open_document)
        self.save_document_button = QPushButton(icon("download"), self.tr("Save a &copy…"))
        self.save_document_button.clicked.connect(self.save_document)
        self.remove_document_button = QPushButton(icon("delete"), self.tr("Re&move…"))
        self.remove_document_button.setToolTip(self.tr("Erase the selected document here and, "
                                                       "with the next handover, on every device"))
        self.remove_document_button.clicked.connect(self.remove_document)
        self.document_message = FieldMessage()
        self.documents_warning = ConsentWarning("documents")
        hint = QLabel(self.tr("Documents are stored encrypted. Opening one writes a temporary copy "
                              "that is wiped when the case list is locked or the program ends."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_document_button)
        buttons.addWidget(self.remove_document_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_document_button)
        buttons.addWidget(self.save_document_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.documents_warning)
        layout.addWidget(self.documents_table, 1)
        layout.addWidget(self.document_message)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        return page

    # --- loading ------------------------------------------------------------

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        for widget in self._vocab_widgets():
            widget.blockSignals(True)
            widget.set_labels(labels)
            widget.blockSignals(False)
        self.referrals.set_labels(labels)
        self.week.set_labels(labels)
        self.consents.set_labels(labels)
        self.documents_warning.set_labels(labels)
        self.referrals.consent_warning.set_labels(labels)
        self.intervention_warning.set_labels(labels)
        if self.record is not None:
            self._show_lists(self.record)

    def _vocab_widgets(self) -> list[Any]:
        return [self.status, self.counselor, self.area, self.level, self.respondent, self.agg,
                self.incident_town, self.grounds, self.racism_forms, self.client_age, self.client_town,
                self.contact_channel, self.contact_town, self.contact_counselor, self.intervention_type,
                self.intervention_status, self.intervention_result, self.note_author]

    def load(self, case_id: str) -> None:
        """Fetch a case on the worker and show it."""
        self._just_saved = False
        self.state.setText(self.tr("Loading…"))
        self.runner.call(lambda backend: backend.require().record(case_id), self.show_record,
                         self._load_failed, self)

    def _load_failed(self, error: BeratungsError) -> None:
        self.general.show_text(error_text(error))

    def show_record(self, record: CaseRecord, keep_form: bool = False) -> None:
        if _vanished(record):
            self._close_vanished()
            return
        first = self.record is None or self.record.case.id != record.case.id
        self.record = record
        if not keep_form:
            self._fill_form(record)
        self._show_lists(record)
        if first:
            self.referrals.set_case(record.case.id)
            self.week.set_case(record.case.id)
            self.consents.set_client(record.client.id if record.client else None)
            self._reset_entry_forms(record)
            self.general.show_text("")
            for message in self.messages.values():
                message.show_text("")
        if not keep_form:
            self._mark_invalid(record)
        self._update_state()

    def _mark_invalid(self, record: CaseRecord) -> None:
        """Say under each field whose stored value is not valid what was stored."""
        stored = {**_invalid_values(record.client, self.labels), **_invalid_values(record.case, self.labels)}
        for name, value in stored.items():
            if name in self.messages:
                self.messages[name].show_text(self.tr(
                    "The stored value “{value}” is not valid. Choose a valid value and "
                    "save.").format(value=", ".join(map(str, value)) if isinstance(value, tuple)
                                   else value))

    def _repairs(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Fields whose stored value is not valid: saving writes what the form shows for them."""
        if self.record is None:
            return {}, {}
        now = self._form_values()
        case = {name: now["case"][name] for name in _invalid_values(self.record.case, self.labels)
                if name in now["case"]}
        client = {name: now["client"][name] for name in _invalid_values(self.record.client, self.labels)
                  if name in now["client"]}
        return case, client

    def _fill_form(self, record: CaseRecord, typed: frozenset[tuple[str, str]] = frozenset()) -> None:
        """Show ``record`` in the form; the fields in ``typed`` ((part, field)) keep their input.

        Only fields whose value differs are written, so after a save (and after a refresh
        that another part of the app caused) cursor, selection and scroll stay where they were.
        """
        # Filling emits the fields' change signals (text fields, and the combo boxes as
        # set_labels selects their value); compared with the previous record's snapshot,
        # the half-filled form would count as edited and end "Saved" (_just_saved).
        self._filling = True
        try:
            self._write_form(record, typed)
        finally:
            self._filling = False
        self._snapshot = self._form_values()
        for part, name in typed:  # input typed while saving is compared with what is stored
            self._snapshot[part][name] = _stored_value(record, part, name)

    def _write_form(self, record: CaseRecord, typed: frozenset[tuple[str, str]] = frozenset()) -> None:
        case, client = record.case, record.client
        widgets = self._vocab_widgets()
        for widget in widgets:
            widget.blockSignals(True)
        labels = self.labels
        writers: dict[tuple[str, str], Callable[[], None]] = {
            ("case", "number"): lambda: set_text_kept(self.number, case.number or ""),
            ("case", "opened_on"): lambda: self.opened_on.set_value(case.opened_on),
            ("case", "closed_on"): lambda: self.closed_on.set_value(case.closed_on),
            ("case", "status"): lambda: self.status.set_labels(labels, case.status),
            ("case", "counselor_id"): lambda: self.counselor.set_labels(labels, case.counselor_id),
            ("case", "area"): lambda: self.area.set_labels(labels, case.area),
            ("case", "level"): lambda: self.level.set_labels(labels, case.level),
            ("case", "respondent"): lambda: self.respondent.set_labels(labels, case.respondent),
            ("case", "agg"): lambda: self.agg.set_labels(labels, case.agg),
            ("case", "incident_town"): lambda: self.incident_town.set_labels(labels, case.incident_town),
            ("case", "grounds"): lambda: self.grounds.set_labels(labels, tuple(case.grounds)),
            ("case", "racism_forms"): lambda: self.racism_forms.set_labels(labels, tuple(case.racism_forms)),
            ("case", "summary"): lambda: set_text_kept(self.summary, case.summary or ""),
            ("case", "outcome"): lambda: set_text_kept(self.outcome, case.outcome or ""),
            ("client", "code"): lambda: set_text_kept(self.client_code, client.code or "" if client else ""),
            ("client", "name"): lambda: set_text_kept(self.client_name, client.name or "" if client else ""),
            ("client", "contact"): lambda: set_text_kept(self.client_contact,
                                                         client.contact or "" if client else ""),
            ("client", "languages"): lambda: set_text_kept(
                self.client_languages, ", ".join(client.languages) if client else ""),
            ("client", "age_group"): lambda: self.client_age.set_labels(
                labels, client.age_group if client else None),
            ("client", "gender"): lambda: set_text_kept(self.client_gender,
                                                        client.gender or "" if client else ""),
            ("client", "town"): lambda: self.client_town.set_labels(labels, client.town if client else None),
        }
        for key, write in writers.items():
            if key not in typed:
                write()
        for widget in widgets:
            widget.blockSignals(False)
        self.tabs.widget(1).setEnabled(client is not None)

    def _show_lists(self, record: CaseRecord) -> None:
        title = self.tr("Case {number}").format(number=record.case.number or "")
        if record.client is not None and record.client.code:
            title += f" · {record.client.code}"
        self.title.setText(title)
        self.contacts_model.set_records(record.contacts)
        self.update_contact_button.setEnabled(False)  # the selection went with the reset
        self.contacts_total.setText(plural(
            _T, len(record.contacts), "{count} contact, together {duration}",
            "{count} contacts, together {duration}").replace(
                "{duration}", duration_text(record.total_minutes)))
        self.interventions_model.set_records(record.interventions)
        replaced = {note.supersedes for note in record.notes if note.supersedes}
        self._replaced = replaced
        self.notes_model.set_records(sorted(record.notes, key=lambda n: n.written_at or "", reverse=True))
        self.notes_table.resizeRowsToContents()  # a few dozen notes at most
        self.documents_model.set_records(record.attachments)
        for index, (text, count) in enumerate(((self.tr("Contacts"), len(record.contacts)),
                                               (self.tr("Interventions"), len(record.interventions)),
                                               (self.tr("Notes"), len(record.notes) - len(replaced)),
                                               (self.tr("Documents"), len(record.attachments))),
                                              start=2):
            self.tabs.setTabText(index, f"{text} ({count})" if count else text)

    def _note_text(self, note: model.Note) -> str:
        text = note.text or ""
        if note.id in getattr(self, "_replaced", set()):
            return self.tr("[replaced] {text}").format(text=text)
        return text

    def _reset_entry_forms(self, record: CaseRecord) -> None:
        case = record.case
        self.timer.reset()
        self.contact_date.set_value(dt.date.today())
        self.contact_start.clear()
        self.contact_minutes.setValue(30)
        self.contact_channel.set_labels(self.labels, None)
        self.contact_town.set_labels(self.labels, case.incident_town)
        self.contact_place.clear()
        self.contact_counselor.set_labels(self.labels, case.counselor_id)
        self.contact_language.clear()
        self.contact_interpreter.setChecked(False)
        self.note_text.clear()
        self.note_author.set_labels(self.labels, case.counselor_id)
        for message in (*self.contact_messages.values(), *self.intervention_messages.values(),
                        self.note_message, self.document_message):
            message.show_text("")

    # --- form state ---------------------------------------------------------

    def _form_values(self) -> dict[str, Any]:
        languages = tuple(part.strip() for part in self.client_languages.text().split(",") if part.strip())
        return {
            "case": {
                "number": self.number.text().strip(), "opened_on": self.opened_on.value(),
                "closed_on": self.closed_on.value(), "status": self.status.code(),
                "counselor_id": self.counselor.counselor_id(), "area": self.area.code(),
                "level": self.level.code(), "respondent": self.respondent.code(),
                "agg": self.agg.code(), "incident_town": self.incident_town.code(),
                "grounds": self.grounds.codes(), "racism_forms": self.racism_forms.codes(),
                "summary": self.summary.toPlainText().strip() or None,
                "outcome": self.outcome.toPlainText().strip() or None,
            },
            "client": {
                "code": self.client_code.text().strip(), "name": self.client_name.text().strip() or None,
                "contact": self.client_contact.text().strip() or None, "languages": languages,
                "age_group": self.client_age.code(), "gender": self.client_gender.text().strip() or None,
                "town": self.client_town.code(),
            },
        }

    def _changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        if self.record is None or not self._snapshot:
            return {}, {}
        now = self._form_values()
        case = {k: v for k, v in now["case"].items() if v != self._snapshot["case"][k]}
        client = {k: v for k, v in now["client"].items() if v != self._snapshot["client"][k]}
        return case, client

    def is_dirty(self) -> bool:
        case, client = self._changes()
        return bool(case or client or self.note_text.toPlainText().strip() or self.timer.running)

    def _update_state(self) -> None:
        if self._filling:  # called again once the form and its snapshot agree
            return
        case, client = self._changes()
        form_dirty = bool(case or client)
        repairs = any(self._repairs())
        self.save_button.setEnabled(form_dirty or repairs)
        self.revert_button.setEnabled(form_dirty)
        # "Saved" stays until the next edit: the refresh that follows every write
        # (on_changed) must not wipe it a moment after it appeared.
        self._just_saved = self._just_saved and not form_dirty
        self.state.setText(self.tr("Unsaved changes") if form_dirty
                           else self.tr("Saved") if self._just_saved
                           else self.tr("Values that are not valid are marked") if repairs else "")

    def revert(self) -> None:
        if self.record is not None:
            self._fill_form(self.record)
            for message in self.messages.values():
                message.show_text("")
            self._update_state()

    def save(self, after: Callable[[], None] | None = None) -> None:
        case_changes, client_changes = self._changes()
        repair_case, repair_client = self._repairs()
        case_changes, client_changes = {**repair_case, **case_changes}, {**repair_client, **client_changes}
        if self.record is None or not (case_changes or client_changes):
            if after:
                after()
            return
        for message in self.messages.values():
            message.show_text("")
        self.general.show_text("")
        case_id = self.record.case.id
        client_id = self.record.client.id if self.record.client else None
        self._after_save = after
        self.save_button.setEnabled(False)

        self._saving = self._form_values()  # what is typed from now on is kept (_saved)

        def job(backend: Backend) -> CaseRecord:
            session = backend.require()
            session.save_case(case_id, case_changes, client_id, client_changes)
            return session.record(case_id)

        self.runner.call(job, self._saved, self._save_failed, self)

    def _saved(self, record: CaseRecord) -> None:
        """Show what was stored without disturbing the person typing: fields that hold the
        stored value stay untouched (cursor, selection, scroll), and input typed while the
        save ran is kept as an unsaved change."""
        saving, self._saving = self._saving, {}
        if _vanished(record):
            self._close_vanished()
            return
        now = self._form_values()
        typed = frozenset((part, name) for part, values in saving.items()
                          for name, value in values.items() if now[part][name] != value)
        self._just_saved = True
        self.record = record
        self._fill_form(record, typed)
        self._show_lists(record)
        self._mark_invalid(record)
        self._update_state()  # says "Saved", or "Unsaved changes" for what was typed meanwhile
        self.saved.emit(record.case.id)
        after, self._after_save = self._after_save, None
        if after:
            after()

    def _save_failed(self, error: BeratungsError) -> None:
        self._after_save = None
        self._saving = {}
        if isinstance(error, NotFound) and error.data.get("entity") in ("case", "client"):
            self._close_vanished()  # erased while the form was open: nothing was written
            return
        self._update_state()
        unplaced = []
        for field, problem in errors_by_field(error).items():
            message = self.messages.get(field)
            if message is not None:
                message.show_text(error_text(problem))
            else:
                unplaced.append(error_text(problem))
        client_fields = {"code", "name", "contact", "languages", "age_group", "gender", "town"}
        if set(errors_by_field(error)) & client_fields and not set(errors_by_field(error)) - client_fields:
            self.tabs.setCurrentIndex(1)
        elif self.tabs.currentIndex() > 1:
            self.tabs.setCurrentIndex(0)
        self.general.show_text("\n".join(unplaced) if unplaced else
                               self.tr("Please correct the marked fields; nothing was saved."))

    # --- leaving ------------------------------------------------------------

    def request_close(self) -> None:
        self.maybe_leave(self.closed.emit)

    def maybe_leave(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` now, after saving, or not at all, as the user chooses."""
        if not self.is_dirty():
            proceed()
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("This case has changes that are not saved yet."),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Save"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Discard"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            if self.timer.running:
                self.timer.toggle()
            self.save(after=proceed)
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard()
            proceed()

    def discard(self) -> None:
        self.timer.reset()
        self.note_text.clear()
        if self.record is not None:
            self._fill_form(self.record)
        self._update_state()

    def clear(self) -> None:
        """Forget the shown case (locking): no personal data stays in the widgets."""
        self.record = None
        self._snapshot = {}
        self.timer.reset()
        if self.letter_dialog is not None:  # its text comes from the case
            self.letter_dialog.close()
            self.letter_dialog.deleteLater()
            self.letter_dialog = None
        for widget in (self.number, self.client_code, self.client_name, self.client_contact,
                       self.client_languages, self.client_gender, self.contact_place,
                       self.contact_language, self.contact_start):
            widget.clear()
        for text in (self.summary, self.outcome, self.note_text):
            text.clear()
        for table_model in (self.contacts_model, self.interventions_model, self.notes_model,
                            self.documents_model):
            table_model.set_records([])
        self.title.clear()
        self.referrals.clear()
        self.week.clear()
        self.consents.clear()
        self.documents_warning.show_state(None)
        self.referrals.consent_warning.show_state(None)
        self.intervention_warning.show_state(None)

    def on_changed(self, touched: set[str]) -> None:
        """Another part of the app (or a handover) wrote: refresh, keeping unsaved input."""
        self.referrals.on_changed(touched)
        self.week.on_changed(touched)
        self.consents.on_changed(touched)
        if self.record is None or not touched & {"case", "client", "contact", "intervention", "note",
                                                 "attachment", "counselor"}:
            return
        case_id = self.record.case.id

        def done(record: CaseRecord) -> None:
            if self.record is not None and self.record.case.id == record.case.id:
                # Asked now, not when the refresh was requested: the user may have typed
                # while the worker was busy, and that input must not be overwritten.
                case, client = self._changes()
                self.show_record(record, keep_form=bool(case or client))

        def failed(error: BeratungsError) -> None:
            if isinstance(error, NotFound) and self.record is not None and self.record.case.id == case_id:
                self._close_vanished()
            else:
                self.general.show_text(error_text(error))

        self.runner.call(lambda backend: backend.require().record(case_id), done, failed, self)

    def _close_vanished(self) -> None:
        """The open case or its client was erased elsewhere (another page, the retention
        rules, a handover): close the editor and say so; the form's input goes with it, as
        erased data must."""
        number = self.record.case.number if self.record is not None else None
        # Told in a box when it takes something from the person: the form on screen, or
        # input not yet saved; else (the editor behind another page) in the status bar.
        tell = self.isVisible() or self.is_dirty()
        self.timer.reset()
        self.note_text.clear()
        self._snapshot = self._form_values()  # nothing left to save or to ask about
        self._after_save = None
        self.closed.emit()  # the case list takes over and clears the editor
        self.clear()
        text = self.tr("Case {number} was erased elsewhere (on another page, by the retention "
                       "rules or with a handover). The editor was closed; input not yet saved "
                       "was discarded with it.").format(number=number or "")
        self.vanished.emit(text)
        if not tell:
            return
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Case erased"), text,
                          QMessageBox.StandardButton.Ok, self.window())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): this comes from a change notice, nothing waits for it

    # --- lists: contacts, interventions, notes, documents -------------------

    def _timer_stopped(self, start: str, minutes: int) -> None:
        self.contact_start.setText(start)
        self.contact_minutes.setValue(minutes)
        self.contact_channel.setFocus()

    def _run_write(self, job: Callable[[Backend], Any], messages: dict[str, FieldMessage],
                   general: FieldMessage, done: Callable[[], None]) -> None:
        if self.record is None:
            return
        case_id = self.record.case.id
        for message in messages.values():
            message.show_text("")
        general.show_text("")

        def full_job(backend: Backend) -> CaseRecord:
            job(backend)
            return backend.require().record(case_id)

        def ok(record: CaseRecord) -> None:
            done()
            self.show_record(record, keep_form=True)

        def failed(error: BeratungsError) -> None:
            rest = []
            for field, problem in errors_by_field(error).items():
                if field in messages:
                    messages[field].show_text(error_text(problem))
                else:
                    rest.append(error_text(problem))
            general.show_text("\n".join(rest))

        self.runner.call(full_job, ok, failed, self)

    def _contact_details(self) -> dict[str, Any]:
        """The contact form's values except date and duration."""
        return {"start_time": self.contact_start.text().strip() or None,
                "channel": self.contact_channel.code(), "town": self.contact_town.code(),
                "place": self.contact_place.text().strip() or None,
                "counselor_id": self.contact_counselor.counselor_id(),
                "language": self.contact_language.text().strip() or None,
                "interpreter": self.contact_interpreter.isChecked()}

    def _contact_selected(self, current: Any, _previous: Any) -> None:
        """A contact picked in the list fills the form, to be corrected and saved back."""
        contact = self.contacts_model.record(current.row())
        self.update_contact_button.setEnabled(contact is not None)
        if contact is None or self.timer.running:  # a running session keeps its form
            return
        self.contact_date.set_value(contact.date)
        self.contact_start.setText(contact.start_time or "")
        self.contact_minutes.setValue(contact.duration_min or 1)
        self.contact_channel.set_code(contact.channel)
        self.contact_town.set_code(contact.town)
        self.contact_place.setText(contact.place or "")
        self.contact_counselor.set_counselor(contact.counselor_id)
        self.contact_language.setText(contact.language or "")
        self.contact_interpreter.setChecked(bool(contact.interpreter))

    def update_contact(self) -> None:
        contact = self.contacts_model.record(self.contacts_table.currentIndex().row())
        if contact is None:
            return
        if self.timer.running:  # the form belongs to the session being timed, not to the selection
            self.contact_messages["date"].show_text(self.tr(
                "The session timer is running: log that contact first, then correct the selected one."))
            return
        values = {"date": self.contact_date.value(), "duration_min": self.contact_minutes.value(),
                  **self._contact_details()}
        self._run_write(lambda b: b.require().update("contact", contact.id, values),
                        self.contact_messages, self.contact_messages["date"], lambda: None)

    def add_contact(self) -> None:
        if self.record is None or not self.contact_date.is_valid():  # keeps a running timer going
            return
        details = self._contact_details()
        on, minutes, case_id = self.contact_date.value() or dt.date.today(), \
            self.contact_minutes.value(), self.record.case.id
        if self.timer.running:
            self.timer.toggle()  # stopping fills start and duration
            start, minutes = self.contact_start.text().strip() or None, self.contact_minutes.value()
            details["start_time"] = start

        def done() -> None:
            self.contact_start.clear()
            self.contact_place.clear()
            self.contact_minutes.setValue(30)

        self._run_write(lambda b: b.require().log_contact(case_id, minutes, on, **details),
                        self.contact_messages, self.contact_messages["date"], done)

    def delete_contact(self) -> None:
        contact = self.contacts_model.record(self.contacts_table.currentIndex().row())
        if contact is None:
            return
        answer = QMessageBox.question(self, self.tr("Delete contact"),
                                      self.tr("Delete the contact of {date}?").format(
                                          date=german_date(str(contact.date))))
        if answer == QMessageBox.StandardButton.Yes:
            self._run_write(lambda b: b.require().delete("contact", contact.id), {},
                            self.contact_messages["date"], lambda: None)

    def _intervention_type_changed(self) -> None:
        self.intervention_warning.set_needed(
            scope_needed_by_intervention(self.intervention_type.code()) == self.intervention_warning.scope)

    def _intervention_selected(self, current: Any, _previous: Any) -> None:
        intervention = self.interventions_model.record(current.row())
        self.update_intervention_button.setEnabled(intervention is not None)
        if intervention is not None:
            self.intervention_type.set_code(intervention.type)
            self.intervention_date.set_value(intervention.date)
            self.intervention_status.set_code(intervention.status)
            self.intervention_result.set_code(intervention.result)

    def _intervention_values(self) -> dict[str, Any]:
        return {"type": self.intervention_type.code(), "date": self.intervention_date.value(),
                "status": self.intervention_status.code(), "result": self.intervention_result.code()}

    def add_intervention(self) -> None:
        if self.record is None:
            return
        values = self._intervention_values()
        type_code = values.pop("type") or ""
        case_id = self.record.case.id
        self._run_write(lambda b: b.require().add_intervention(case_id, type_code, **values),
                        self.intervention_messages, self.intervention_messages["type"], lambda: None)

    def update_intervention(self) -> None:
        intervention = self.interventions_model.record(self.interventions_table.currentIndex().row())
        if intervention is None:
            return
        values = self._intervention_values()
        self._run_write(lambda b: b.require().update("intervention", intervention.id, values),
                        self.intervention_messages, self.intervention_messages["type"], lambda: None)

    def add_note(self, replace: bool) -> None:
        if self.record is None:
            return
        text = self.note_text.toPlainText().strip()
        if not text:
            self.note_message.show_text(self.tr("Please write the note first."))
            self.note_text.setFocus()
            return
        supersedes = None
        if replace:
            selected = self.notes_model.record(self.notes_table.currentIndex().row())
            if selected is None:
                self.note_message.show_text(self.tr("Select the note that the new one replaces."))
                return
            supersedes = selected.id
        case_id, author = self.record.case.id, self.note_author.counselor_id()
        self._run_write(lambda b: b.require().add_note(case_id, text, author, supersedes),
                        {}, self.note_message, self.note_text.clear)

    def add_document(self) -> None:
        if self.record is None:
            return
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Add a document"))
        if not chosen:
            return
        case_id, path = self.record.case.id, Path(chosen)
        self._run_write(lambda b: b.require().add_attachment_file(case_id, path), {},
                        self.document_message, lambda: None)

    def _selected_document(self) -> model.Attachment | None:
        document = self.documents_model.record(self.documents_table.currentIndex().row())
        if document is None:
            self.document_message.show_text(self.tr("Select a document first."))
        return document

    def open_document(self) -> None:
        document = self._selected_document()
        if document is None:
            return
        self.document_message.show_text("")

        def done(path: Path) -> None:
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.document_message.show_text(self.tr("No program is available to open this document."))

        self.runner.call(lambda b: b.require().open_attachment(document), done,
                         lambda e: self.document_message.show_text(error_text(e)), self)

    def save_document(self) -> None:
        document = self._selected_document()
        if document is None:
            return
        target, _filter = QFileDialog.getSaveFileName(self, self.tr("Save a copy"),
                                                      Session.document_save_name(document))
        if not target:
            return
        path = Path(target)
        self.runner.call(lambda b: b.require().save_attachment_copy(document, path),
                         lambda _r: self.document_message.show_text(self.tr("Copy saved.")),
                         lambda e: self.document_message.show_text(error_text(e)), self)

    def remove_document(self) -> None:
        """Erase a document (attached by mistake, or no longer needed) after a confirmation."""
        document = self._selected_document()
        if document is None or self.record is None:
            return
        question = self.tr("Remove the document \"{file}\" from this case?").format(
            file=document.file_name or "")
        detail = self.tr("This cannot be undone. The document is erased on this computer now and "
                         "on every other device with the next handover.")
        if not confirm_erasure(self, self.tr("Remove document"), question, detail):
            return
        document_id = document.id
        self._run_write(lambda b: b.require().erase_document(document_id), {}, self.document_message,
                        lambda: self.document_message.show_text(self.tr("The document was erased.")))

    # --- complaint letter ------------------------------------------------------

    def open_letter(self) -> None:
        """The letter is proposed from the saved case: unsaved form changes are saved first."""
        if self.record is not None:
            self.save(after=self._fetch_letter_draft)

    def _fetch_letter_draft(self) -> None:
        if self.record is None:
            return
        case_id, number = self.record.case.id, self.record.case.number or ""
        self.intervention_messages["type"].show_text("")

        def done(draft: LetterDraft) -> None:
            if self.letter_dialog is not None:
                self.letter_dialog.close()
                self.letter_dialog.deleteLater()
            self.letter_dialog = LetterDialog(self.runner, case_id, draft, self)
            self.letter_dialog.consent_warning.set_labels(self.labels)
            self.letter_dialog.consent_warning.show_state(self.consents.state)
            self.letter_dialog.open()

        self.runner.call(lambda b: b.require().letter_draft(number), done,
                         lambda e: self.intervention_messages["type"].show_text(error_text(e)), self)

    # --- erasure (office) ------------------------------------------------------

    def set_office(self, is_office: bool) -> None:
        self.erase_button.setVisible(is_office)
        # Only the office assigns a case to a counselor (it would refuse the change from a
        # laptop at the next handover); the laptop shows the assignment without offering it.
        self.counselor.setEnabled(is_office)
        self.counselor.setToolTip("" if is_office else self.tr("Only the office assigns a case to a "
                                                               "counselor."))

    def erase_case(self) -> None:
        """Erase the open case after confirmation; unsaved form input goes with it."""
        if self.record is None:
            return
        number = self.record.case.number or ""
        question = self.tr("Erase case {number} with its contacts, notes, documents and "
                           "referrals?").format(number=number)
        if not confirm_erasure(self, self.tr("Erase case"), question):
            return

        def done(report: ErasureReport) -> None:
            self.timer.reset()
            self._snapshot = self._form_values()  # nothing left to save
            self.closed.emit()
            self.erased.emit(erased_text(report))

        self.runner.call(lambda b: b.require().erase_case(number), done,
                         lambda e: self.general.show_text(error_text(e)), self)

    # --- drafts: unsaved input kept while the program is locked (gui/drafts.py) ----

    def _draft_widgets(self) -> dict[str, dict[str, QWidget]]:
        return {
            "case": {"number": self.number, "opened_on": self.opened_on, "closed_on": self.closed_on,
                     "status": self.status, "counselor_id": self.counselor, "area": self.area,
                     "level": self.level, "respondent": self.respondent, "agg": self.agg,
                     "incident_town": self.incident_town, "grounds": self.grounds,
                     "racism_forms": self.racism_forms, "summary": self.summary, "outcome": self.outcome},
            "client": {"code": self.client_code, "name": self.client_name, "contact": self.client_contact,
                       "languages": self.client_languages, "age_group": self.client_age,
                       "gender": self.client_gender, "town": self.client_town},
            "contact": {"date": self.contact_date, "start_time": self.contact_start,
                        "duration_min": self.contact_minutes, "channel": self.contact_channel,
                        "town": self.contact_town, "place": self.contact_place,
                        "counselor_id": self.contact_counselor, "language": self.contact_language,
                        "interpreter": self.contact_interpreter},
        }

    def _contact_baseline(self) -> dict[str, Any]:
        """What the contact form shows when nothing was typed: the selected contact, or the
        values a fresh form starts with (_reset_entry_forms)."""
        assert self.record is not None
        selected = self.contacts_model.record(self.contacts_table.currentIndex().row())
        if selected is not None:
            return {"date": str(selected.date), "start_time": selected.start_time or "",
                    "duration_min": selected.duration_min, "channel": selected.channel,
                    "town": selected.town, "place": selected.place or "",
                    "counselor_id": selected.counselor_id, "language": selected.language or "",
                    "interpreter": bool(selected.interpreter)}
        return {"date": dt.date.today().isoformat(), "start_time": "", "duration_min": 30, "channel": None,
                "town": self.record.case.incident_town, "place": "",
                "counselor_id": self.record.case.counselor_id, "language": "", "interpreter": False}

    def draft_state(self) -> dict[str, Any] | None:
        """What is typed here and not saved (form fields, new note, contact form, running
        session, open letter), or None."""
        if self.record is None:
            return None
        widgets = self._draft_widgets()
        case_changes, client_changes = self._changes()
        contact = values_of(widgets["contact"])
        baseline = self._contact_baseline()
        typed_contact = {name: value for name, value in contact.items() if value != baseline.get(name)}
        letter = self._letter_draft_state()
        note = self.note_text.toPlainText()
        timer = self.timer.draft_state()
        if not (case_changes or client_changes or note.strip() or typed_contact or timer or letter):
            return None
        return {"case_id": self.record.case.id, "case_number": self.record.case.number or "",
                "case": values_of(widgets["case"], case_changes),
                "client": values_of(widgets["client"], client_changes),
                "contact": contact if typed_contact else {}, "note": note, "timer": timer,
                "letter": letter, "tab": self.tabs.currentIndex()}

    def _letter_draft_state(self) -> dict[str, Any] | None:
        dialog = self.letter_dialog
        if dialog is None or not dialog.isVisible():
            return None
        date = dialog.date.value()
        return {"recipient": dialog.recipient.toPlainText(), "subject": dialog.subject.text(),
                "body": dialog.body.toPlainText(), "date": date.isoformat() if date else None}

    def restore_draft(self, state: dict[str, Any]) -> bool:
        """Put a draft back into the case shown; False if it belongs to another case."""
        if self.record is None or self.record.case.id != state.get("case_id"):
            return False
        widgets = self._draft_widgets()
        for part in ("case", "client", "contact"):
            restore_values(widgets[part], state.get(part) or {})
        self.note_text.setPlainText(str(state.get("note") or ""))
        if state.get("timer"):
            self.timer.restore_draft(state["timer"])
        if isinstance(state.get("tab"), int):
            self.tabs.setCurrentIndex(state["tab"])
        if state.get("letter"):
            self._restore_letter(state["letter"])
        self._update_state()
        return True

    def _restore_letter(self, letter: dict[str, Any]) -> None:
        assert self.record is not None
        draft = LetterDraft(self.record.case.number or "", str(letter.get("recipient") or ""),
                            str(letter.get("subject") or ""), str(letter.get("body") or ""))
        if self.letter_dialog is not None:
            self.letter_dialog.close()
            self.letter_dialog.deleteLater()
        self.letter_dialog = LetterDialog(self.runner, self.record.case.id, draft, self)
        restore_values({"date": self.letter_dialog.date}, {"date": letter.get("date")})
        self.letter_dialog.consent_warning.set_labels(self.labels)
        self.letter_dialog.consent_warning.show_state(self.consents.state)
        self.letter_dialog.open()

    def discard_draft(self) -> None:
        """The restored draft is not wanted: back to the saved case."""
        if self.letter_dialog is not None:
            self.letter_dialog.close()
        self.discard()
        if self.record is not None:
            self._reset_entry_forms(self.record)


def _scrolling(layout: Any) -> QWidget:
    inner = QWidget()
    inner.setLayout(layout)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll

