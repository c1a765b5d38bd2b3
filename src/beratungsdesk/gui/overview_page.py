"""The start page "Übersicht": the first page after unlocking.

Open cases, follow-ups due (overdue first), this week's appointments and office hours,
what the next handover carries, open conflicts, retention due and (at the office) the
age of the last backup. Every line opens its record: a case line (also a follow-up's or
an appointment's) opens the case, an office hour the office hours, the others their page.

Read in two jobs (services/overview.py): the handover preview costs more at the office
and follows the rest, so the page shows at once.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.text import visible
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text
from beratungsdesk.gui.models import german_date
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.overview import OFFICE, HandoverPreview, Overview, OverviewService
from beratungsdesk.services.session_office import Labels

#: What the page reads again when these records change.
WATCHED = frozenset({"case", "followup", "appointment", "office_hour", "client", "contact",
                     "intervention", "note", "attachment", "referral"})
_WEEKDAYS = (QT_TRANSLATE_NOOP("OverviewPage", "Mon"), QT_TRANSLATE_NOOP("OverviewPage", "Tue"),
             QT_TRANSLATE_NOOP("OverviewPage", "Wed"), QT_TRANSLATE_NOOP("OverviewPage", "Thu"),
             QT_TRANSLATE_NOOP("OverviewPage", "Fri"), QT_TRANSLATE_NOOP("OverviewPage", "Sat"),
             QT_TRANSLATE_NOOP("OverviewPage", "Sun"))
#: Where a line leads: (kind, target) in the item's user data.
_CASE, _PAGE, _HOURS = "case", "page", "hours"


def overview(backend: Backend) -> OverviewService:
    return OverviewService(backend.require().store)


def _date(value: object) -> str:
    return german_date(value.isoformat()) if isinstance(value, dt.date) else visible(str(value or ""))


class OverviewPage(QWidget):
    open_case = Signal(str)
    open_page = Signal(str)
    open_office_hours = Signal()
    #: Emitted when the first part is on screen (the benchmark and the tests wait for it).
    shown = Signal()

    def __init__(self, runner: Runner, is_office: bool, language: str = "de",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.language = language
        self.is_office = is_office
        self.labels = Labels(language)
        self.data: Overview | None = None
        self.preview: HandoverPreview | None = None
        heading = QLabel(self.tr("Overview"))
        heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.date_label = QLabel()
        self.lists: dict[str, QListWidget] = {}
        grid = QGridLayout()
        # At the office nobody's own: the newest open cases of the whole team.
        cases_title = self.tr("Newest open cases") if is_office else self.tr("My open cases")
        sections = (("cases", cases_title), ("followups", self.tr("Follow-ups due")),
                    ("appointments", self.tr("Appointments, next 7 days")),
                    ("hours", self.tr("Office hours, next 7 days")),
                    ("handover", self.tr("Next handover")), ("attention", self.tr("Needs attention")))
        for position, (name, title) in enumerate(sections):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            shown = self.lists[name] = QListWidget()
            shown.setAccessibleName(title)
            shown.itemActivated.connect(self._activated)
            inner.addWidget(shown)
            grid.addWidget(box, position // 2, position % 2)
        self.hours_button = QPushButton(self.tr("Office hours…"))
        self.hours_button.clicked.connect(self.open_office_hours.emit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(self.date_label)
        layout.addLayout(grid, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.hours_button, 0, Qt.AlignmentFlag.AlignRight)

    # --- reading ---------------------------------------------------------------------------

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        if self.data is not None:
            self._show(self.data)

    def refresh(self) -> None:
        self.refresh_today()
        self.refresh_preview()

    def refresh_today(self) -> None:
        language = self.language
        self.runner.call(lambda b: overview(b).today(language=language), self._show, self._failed, self)

    def refresh_preview(self) -> None:
        """What the next handover carries (after the rest: it costs more at the office)."""
        self.runner.call(lambda b: overview(b).next_handover(), self._show_preview, self._failed, self)

    def on_changed(self, touched: set[str]) -> None:
        if touched & WATCHED:
            self.refresh()

    def clear(self) -> None:
        self.data, self.preview = None, None
        for shown in self.lists.values():
            shown.clear()
        self.date_label.clear()
        self.message.clear()

    def _failed(self, error: Exception) -> None:
        self.message.setText(error_text(error))

    # --- showing ----------------------------------------------------------------------------

    def _show(self, data: Overview) -> None:
        self.data = data
        self.date_label.setText(self.tr("Today is {weekday}, {date}.").format(
            weekday=self.tr(_WEEKDAYS[data.today.isoweekday() - 1]), date=_date(data.today)))
        self._fill("cases", [(self.tr("{number} opened {date}").format(
            number=visible(line.number), date=_date(_iso(line.opened_on))), _CASE, line.case_id)
            for line in data.open_cases], self.tr("No open cases."))
        self._fill("followups", [self._followup_line(row, data.today) for row in data.followups],
                   self.tr("No follow-ups due."))
        self._fill("appointments", [self._appointment_line(row, data.today) for row in data.appointments],
                   self.tr("No appointments in the next 7 days."))
        self._fill("hours", [(self.tr("{weekday} {date}, {start}–{end}, {town}").format(
            weekday=self.tr(_WEEKDAYS[day.isoweekday() - 1]), date=_date(day), start=hour.start_time or "",
            end=hour.end_time or "", town=self._town(hour.town)), _HOURS, hour.id)
            for day, hour in data.office_hours], self.tr("No office hours in the next 7 days."))
        self._fill("attention", self._attention(data), self.tr("Nothing needs attention."))
        self.shown.emit()

    def _followup_line(self, row: object, today: dt.date) -> tuple[str, str, str]:
        followup = row.followup  # type: ignore[attr-defined]
        overdue = isinstance(followup.due_on, dt.date) and followup.due_on < today
        text = self.tr("{date}: {number} – {what}").format(
            date=_date(followup.due_on), number=visible(row.case_number or ""),  # type: ignore[attr-defined]
            what=visible(followup.what or ""))
        return ((self.tr("overdue") + " · " + text) if overdue else text, _CASE, followup.case_id or "")

    def _appointment_line(self, row: object, today: dt.date) -> tuple[str, str, str]:
        found: model.Appointment = row.appointment  # type: ignore[attr-defined]
        where = self._town(found.town) if found.town else visible(found.place or "")
        day = self.tr("today") if found.date == today else _date(found.date)
        text = self.tr("{day} {time}: {number}, {where}").format(
            day=day, time=found.start_time or "", number=visible(row.case_number or ""),  # type: ignore[attr-defined]
            where=where)
        return text, _CASE, found.case_id or ""

    def _town(self, code: str | None) -> str:
        labels = self.data.town_labels if self.data is not None else {}
        return labels.get(code or "") or self.labels.label("town", code)

    def _attention(self, data: Overview) -> list[tuple[str, str, str]]:
        lines = []
        if data.open_conflicts:
            lines.append((self.tr("%n open conflicts to review", "", data.open_conflicts), _PAGE, "handover"))
        if data.is_office and data.retention_due:
            lines.append((self.tr("%n cases due for erasure (retention)", "",
                                  data.retention_due), _PAGE, "office"))
        if data.is_office:
            lines.append((self._backup_text(data), _PAGE, "office"))
        return lines

    def _backup_text(self, data: Overview) -> str:
        if not data.backup_configured:
            return self.tr("No backup folder is set up yet.")
        if data.last_backup is None:
            return self.tr("No good backup yet.")
        now = dt.datetime.now(data.last_backup.tzinfo)
        days = max((now - data.last_backup).days, 0)
        if days == 0:
            return self.tr("Last backup: today.")
        return self.tr("Last backup: %n days ago.", "", days)

    def _show_preview(self, preview: HandoverPreview) -> None:
        self.preview = preview
        lines: list[tuple[str, str, str]] = []
        for recipient, cases in preview.cases:
            if len(preview.cases) > 1 or self.is_office:
                count = self.tr("%n cases", "", len(cases))
                name = self.tr("the office") if recipient == OFFICE else visible(recipient)
                lines.append((self.tr("To {name}: {cases}").format(name=name, cases=count),
                              _PAGE, "handover"))
            lines += [(self.tr("Case {number}").format(number=visible(line.number)), _CASE, line.case_id)
                      for line in cases]
        if preview.other_records:
            lines.append((self.tr("%n other records", "", preview.other_records),
                          _PAGE, "handover"))
        when = (self.tr("Last handover: {date}").format(date=_date(_iso(preview.last_at[:10])))
                if preview.last_at else self.tr("No handover yet."))
        lines.append((when, _PAGE, "handover"))
        self._fill("handover", lines, "")

    def _fill(self, name: str, lines: list[tuple[str, str, str]], empty: str) -> None:
        shown = self.lists[name]
        shown.clear()
        for text, kind, target in lines:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (kind, target))
            shown.addItem(item)
        if not lines and empty:
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            shown.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if not target:
            return
        kind, value = target
        if kind == _CASE and value:
            self.open_case.emit(value)
        elif kind == _PAGE:
            self.open_page.emit(value)
        elif kind == _HOURS:
            self.open_office_hours.emit()


def _iso(text: str) -> object:
    """An ISO date text as a date (shown German), else the text as it is."""
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text
