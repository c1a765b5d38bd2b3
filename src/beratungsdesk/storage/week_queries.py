"""SQL of the counselor's week: follow-ups, appointments and office hours (schema 8).

Each listing joins the case for its number (the start page and the calendar show the
number, never the client), and leaves out tombstoned rows and rows of deleted cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from beratungsdesk.core import model, wire_form
from beratungsdesk.storage import queries, rows
from beratungsdesk.storage.connection import Connection


@dataclass(frozen=True)
class FollowUpRow:
    followup: model.FollowUp
    case_number: str | None
    counselor_id: str | None  # the case's counselor


@dataclass(frozen=True)
class AppointmentRow:
    appointment: model.Appointment
    case_number: str | None
    counselor_id: str | None  # the appointment's counselor, else the case's


def _joined(conn: Connection, entity_name: str, where: str, params: tuple[str, ...], order: str
            ) -> list[tuple[model.Entity, str | None, str | None]]:
    entity_spec = model.spec(entity_name)
    columns = ", ".join(f"t.{column.strip()}" for column in rows.select_columns(entity_spec).split(","))
    sql = (f"SELECT {columns}, c.number, c.counselor_id FROM {entity_spec.table} t "
           f"JOIN cases c ON c.id = t.case_id AND c.deleted = 0 "
           f"WHERE t.deleted = 0 AND ({where}) ORDER BY {order}")
    found = []
    for row in conn.execute(sql, params):
        entity = wire_form.entity_from_wire(entity_name, row[0], rows.wire_values_of(entity_spec, row[:-2]))
        found.append((entity, row[-2], row[-1]))
    return found


def open_followups(conn: Connection, until: dt.date | None, counselor_id: str | None = None,
                   limit: int = 0) -> list[FollowUpRow]:
    """Open follow-ups due on or before ``until`` (all open ones without it), oldest first."""
    where, params = ["t.done = 0"], []
    if until is not None:
        where.append("t.due_on <= ?")
        params.append(until.isoformat())
    if counselor_id is not None:
        where.append("c.counselor_id = ?")
        params.append(counselor_id)
    # By date, then id: the index gives that order, so a LIMIT stops early.
    order = "t.due_on, t.id" + (f" LIMIT {int(limit)}" if limit else "")
    return [FollowUpRow(f, number, counselor)  # type: ignore[arg-type]
            for f, number, counselor in _joined(conn, "followup", " AND ".join(where), tuple(params), order)]


def appointments_between(conn: Connection, start: dt.date | None, end: dt.date | None,
                         counselor_id: str | None = None) -> list[AppointmentRow]:
    """Appointments from ``start`` to ``end`` (both included, either open), by date and time."""
    where, params = ["1"], []
    if start is not None:
        where.append("t.date >= ?")
        params.append(start.isoformat())
    if end is not None:
        where.append("t.date <= ?")
        params.append(end.isoformat())
    if counselor_id is not None:
        where.append("coalesce(t.counselor_id, c.counselor_id) = ?")
        params.append(counselor_id)
    found = _joined(conn, "appointment", " AND ".join(where), tuple(params), "t.date, t.start_time, c.number")
    return [AppointmentRow(a, number, a.counselor_id or counselor)  # type: ignore[arg-type,attr-defined]
            for a, number, counselor in found]


def of_case(conn: Connection, entity_name: str, case_id: str) -> list[model.Entity]:
    order = {"followup": "done, due_on", "appointment": "date, start_time"}[entity_name]
    return queries.load_where(conn, entity_name, "case_id = ?", (case_id,), order)


def office_hours(conn: Connection, counselor_id: str | None = None,
                 only_active: bool = True) -> list[model.OfficeHour]:
    where, params = ["1"], []
    if only_active:
        where.append("active = 1")
    if counselor_id is not None:
        where.append("counselor_id = ?")
        params.append(counselor_id)
    return queries.load_where(conn, "office_hour", " AND ".join(where), tuple(params),  # type: ignore[return-value]
                              "weekday, start_time, town")


def kept_appointments_by_town(conn: Connection, start: dt.date, end: dt.date) -> dict[str, int]:
    """Appointments kept in the period, per town code ('' where none is given)."""
    found = conn.execute(
        "SELECT coalesce(t.town, ''), count(*) FROM appointments t JOIN cases c ON c.id = t.case_id "
        "AND c.deleted = 0 WHERE t.deleted = 0 AND t.status = 'kept' AND t.date BETWEEN ? AND ? "
        "GROUP BY 1", (start.isoformat(), end.isoformat()))
    return dict(found)
