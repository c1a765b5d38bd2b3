"""The calendar export: appointments, open follow-ups and office hours as an .ics file.

Only what a calendar may carry outside the encrypted store is handed to the builder
(``reports/calendar_ics.py``): case number, town and kind. Entries whose stored
values are not valid (an older version's row) are left out rather than guessed.
A laptop can write the file into a folder on every handover (``calendar_folder``,
a local setting of the store, off until set).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core import wire_form
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.reports import calendar_ics
from beratungsdesk.services.reports import write_atomically
from beratungsdesk.services.week import WeekService
from beratungsdesk.storage.store import Store

#: Store meta key: the folder a laptop writes its calendar into on each handover.
FOLDER_META = "calendar_folder"
#: The file's name in that folder (says nothing about anyone).
FILE_NAME = "beratungsdesk.ics"
#: How far back appointments are exported (older ones clutter the calendar).
PAST_DAYS = 90


@dataclass(frozen=True)
class CalendarCounts:
    appointments: int
    followups: int
    office_hours: int


class CalendarService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.week = WeekService(store)

    def build(self, counselor_id: str | None = None, today: dt.date | None = None
              ) -> tuple[bytes, CalendarCounts]:
        today = today or dt.date.today()
        appointments = self._appointments(counselor_id, today)
        followups = [calendar_ics.FollowUpEntry(row.followup.id, row.case_number or "", due_on)
                     for row in self.week.followups_due(None, counselor_id)
                     if isinstance(due_on := row.followup.due_on, dt.date)]
        hours = [calendar_ics.OfficeHourEntry(h.id, self._town(h.town), h.weekday,  # type: ignore[arg-type]
                                              h.start_time, h.end_time)  # type: ignore[arg-type]
                 for h in self.week.office_hours(counselor_id)
                 if _is_int(h.weekday) and 1 <= h.weekday <= 7  # type: ignore[operator]
                 and _real_time(h.start_time) and _real_time(h.end_time)]
        content = calendar_ics.build(appointments, followups, hours, today)
        return content, CalendarCounts(len(appointments), len(followups), len(hours))

    def _appointments(self, counselor_id: str | None, today: dt.date) -> list[calendar_ics.AppointmentEntry]:
        entries = []
        for row in self.week.appointments(today - dt.timedelta(days=PAST_DAYS), None, counselor_id):
            found = row.appointment
            if not (_real_date(found.date) and _real_time(found.start_time)):
                continue  # an invalid stored value: left out, not guessed
            start = dt.datetime.combine(found.date, dt.time.fromisoformat(_padded(found.start_time)))  # type: ignore[arg-type]
            minutes = found.duration_min if _is_int(found.duration_min) else 60
            entries.append(calendar_ics.AppointmentEntry(
                found.id, row.case_number or "", self._town(found.town), start, minutes,  # type: ignore[arg-type]
                str(found.status or "")))
        return entries

    def _town(self, code: object) -> str:
        labels = self.store.vocabulary()
        valid = isinstance(code, str) and not isinstance(code, wire_form.Invalid) and labels.has("town", code)
        return labels.label("town", code, "de") if valid else ""  # type: ignore[arg-type]

    def export(self, out: Path, counselor_id: str | None = None) -> CalendarCounts:
        content, counts = self.build(counselor_id)
        write_atomically(out, content)
        return counts

    # --- the laptop's folder ------------------------------------------------------------

    def folder(self) -> Path | None:
        value = self.store.meta(FOLDER_META)
        return Path(value) if value else None

    def set_folder(self, folder: Path | None) -> None:
        if folder is not None and not folder.is_dir():
            raise BeratungsError("file_unwritable", field="path")
        self.store.save_meta(FOLDER_META, str(folder.resolve()) if folder else "")

    def after_handover(self) -> Path | None:
        """Write the calendar into the chosen folder, if one is set (own counselor's only).

        Never stops the handover: a folder that went missing is skipped."""
        folder = self.folder()
        if folder is None:
            return None
        try:
            self.export(folder / FILE_NAME, self.week.own_counselor())
        except BeratungsError:
            return None
        return folder / FILE_NAME


def _padded(hh_mm: str) -> str:
    hours, minutes = hh_mm.split(":")
    return f"{int(hours):02d}:{minutes}"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _real_date(value: object) -> bool:
    return isinstance(value, dt.date)


def _real_time(value: object) -> bool:
    from beratungsdesk.core.validation import is_time

    return isinstance(value, str) and not isinstance(value, wire_form.Invalid) and is_time(value)
