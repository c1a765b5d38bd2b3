"""The counselor's week: follow-ups (Wiedervorlagen), appointments and office hours.

Written through the unit of work like every record, so they travel with the handover
under the same scope rules as the rest of a case (``sync/authorization.py``: a
follow-up or appointment belongs to its case; office hours are shared by every
device) and are erased with their case (``storage/erasure.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import ValidationError
from beratungsdesk.core.validation import is_time, parse_date
from beratungsdesk.services.records import RecordService
from beratungsdesk.storage import queries, week_queries
from beratungsdesk.storage.store import ROLE_OFFICE
from beratungsdesk.storage.week_queries import AppointmentRow, FollowUpRow

__all__ = ["AppointmentRow", "FollowUpRow", "WeekService", "parse_when"]

#: ISO weekday numbers (1 = Monday) and the names the command line accepts for them.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_when(text: str, field: str = "at") -> tuple[dt.date, str]:
    """``YYYY-MM-DD HH:MM`` -> (date, "HH:MM"); a clear error naming ``field`` otherwise."""
    parts = text.strip().split()
    if len(parts) != 2:
        raise ValidationError("datetime_format", field=field, value=text.strip())
    if not is_time(parts[1]):
        raise ValidationError("time_format", field=field, value=parts[1])
    hours, minutes = parts[1].split(":")
    return parse_date(parts[0], field), f"{int(hours):02d}:{minutes}"


#: German short names (Mo, Di, ... So), as the handbook writes them.
WEEKDAYS_DE = ("mo", "di", "mi", "do", "fr", "sa", "so")


def parse_weekday(text: str) -> int:
    """``Tue``, ``tuesday``, ``Di``, ``Dienstag`` or ``2`` -> 2 (ISO: Monday is 1)."""
    cleaned = text.strip().lower()
    if cleaned[:3] in WEEKDAYS:
        return WEEKDAYS.index(cleaned[:3]) + 1
    if cleaned[:2] in WEEKDAYS_DE:
        return WEEKDAYS_DE.index(cleaned[:2]) + 1
    if cleaned in {"1", "2", "3", "4", "5", "6", "7"}:  # not isdigit(): "²" is a digit too
        return int(cleaned)
    raise ValidationError("weekday_format", field="weekday")


class WeekService(RecordService):
    """Follow-ups, appointments and office hours of one store."""

    # --- whose week -----------------------------------------------------------------------

    def own_counselor(self) -> str | None:
        """The counselor this laptop belongs to; None at the office (it sees everyone's)."""
        if self.store.role == ROLE_OFFICE:
            return None
        return self.store.meta("counselor_id")

    # --- follow-ups ---------------------------------------------------------------------

    def add_followup(self, case_id: str, due_on: dt.date, what: str) -> model.FollowUp:
        self._require_case(case_id)
        return self.add(model.FollowUp(case_id=case_id, due_on=due_on, what=what.strip()))

    def set_followup_done(self, followup_id: str, done: bool, on: dt.date | None = None) -> None:
        self.update("followup", followup_id,
                    {"done": done, "done_on": (on or dt.date.today()) if done else None})

    def followups_due(self, until: dt.date | None = None, counselor_id: str | None = None,
                      limit: int = 0) -> list[FollowUpRow]:
        return week_queries.open_followups(self.store.conn, until, counselor_id, limit)

    def followups_of_case(self, case_id: str) -> list[model.FollowUp]:
        return week_queries.of_case(self.store.conn, "followup", case_id)  # type: ignore[return-value]

    # --- appointments ---------------------------------------------------------------------

    def add_appointment(self, case_id: str, on: dt.date, start_time: str, *, town: str | None = None,
                        minutes: int = 60, **details: Any) -> model.Appointment:
        self._require_case(case_id)
        return self.add(model.Appointment(case_id=case_id, date=on, start_time=start_time,
                                          duration_min=minutes, town=town, **details))

    def set_appointment_status(self, appointment_id: str, status: str) -> None:
        self.update("appointment", appointment_id, {"status": status})

    def appointments(self, start: dt.date | None = None, end: dt.date | None = None,
                     counselor_id: str | None = None) -> list[AppointmentRow]:
        return week_queries.appointments_between(self.store.conn, start, end, counselor_id)

    def appointments_of_case(self, case_id: str) -> list[model.Appointment]:
        return week_queries.of_case(self.store.conn, "appointment", case_id)  # type: ignore[return-value]

    def kept_by_town(self, start: dt.date, end: dt.date) -> dict[str, int]:
        return week_queries.kept_appointments_by_town(self.store.conn, start, end)

    # --- office hours -------------------------------------------------------------------

    def add_office_hour(self, weekday: int, start_time: str, end_time: str, town: str,
                        counselor_id: str | None = None, place: str | None = None) -> model.OfficeHour:
        return self.add(model.OfficeHour(weekday=weekday, start_time=start_time, end_time=end_time,
                                         town=town, counselor_id=counselor_id, place=place))

    def office_hours(self, counselor_id: str | None = None) -> list[model.OfficeHour]:
        return week_queries.office_hours(self.store.conn, counselor_id)

    def office_hours_on(self, day: dt.date, counselor_id: str | None = None) -> list[model.OfficeHour]:
        return [hour for hour in self.office_hours(counselor_id) if hour.weekday == day.isoweekday()]

    def counselor_id_by_name(self, name: str) -> str:
        """A team member by name, initials or id (case-insensitive); two that match are refused."""
        matches = queries.counselors_matching(self.store.conn, name)
        if len(matches) > 1:
            raise ValidationError("counselor_ambiguous", field="counselor")
        if not matches:
            raise ValidationError("unknown_counselor", field="counselor")
        return matches[0].id

    def _require_case(self, case_id: str) -> None:
        queries.load(self.store.conn, "case", case_id)  # NotFound names the case, not its content
