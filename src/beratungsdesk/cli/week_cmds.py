"""``followups``, ``appointments``, ``officehours`` and ``calendar export``: the counselor's week."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from beratungsdesk.cli.common import code_label, opened_store, shown, table
from beratungsdesk.core.errors import ValidationError
from beratungsdesk.core.validation import is_time, parse_date
from beratungsdesk.services import week
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.week import WeekService


def register(subparsers: argparse._SubParsersAction) -> None:
    _register_followups(subparsers)
    _register_appointments(subparsers)
    _register_office_hours(subparsers)
    calendar = subparsers.add_parser("calendar", help="calendar file for Thunderbird or Outlook")
    actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write appointments, open follow-ups and office hours "
                                               "as an iCalendar file (.ics), without personal data")
    export.add_argument("--out", type=Path, required=True, help=".ics file to write")
    export.add_argument("--counselor", help="only this team member's (name or initials)")
    export.set_defaults(handler=run_calendar_export)
    folder = actions.add_parser("folder", help="laptop: also write the calendar into this folder on "
                                               "every handover (off until set)")
    folder.add_argument("path", nargs="?", type=Path, help="the folder (without it: show the setting)")
    folder.add_argument("--off", action="store_true", help="stop writing the calendar on handover")
    folder.set_defaults(handler=run_calendar_folder)


def _register_followups(subparsers: argparse._SubParsersAction) -> None:
    followups = subparsers.add_parser("followups", help="follow-ups (Wiedervorlagen) on cases")
    actions = followups.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a follow-up to a case")
    add.add_argument("case", metavar="CASE", help="case number (or id)")
    add.add_argument("--on", required=True, help="due date (YYYY-MM-DD or DD.MM.YYYY)")
    add.add_argument("--what", required=True, help="what to do then")
    add.set_defaults(handler=run_followup_add)
    due = actions.add_parser("due", help="open follow-ups, overdue first")
    due.add_argument("--until", help="due on or before this day (default: all open ones)")
    due.add_argument("--json", action="store_true", help="print as JSON")
    due.set_defaults(handler=run_followups_due)
    done = actions.add_parser("done", help="mark a follow-up done (its id from `followups due`)")
    done.add_argument("id")
    done.add_argument("--undo", action="store_true", help="open it again")
    done.set_defaults(handler=run_followup_done)


def _register_appointments(subparsers: argparse._SubParsersAction) -> None:
    appointments = subparsers.add_parser("appointments", help="appointments on cases")
    actions = appointments.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add an appointment to a case")
    add.add_argument("case", metavar="CASE", help="case number (or id)")
    add.add_argument("--at", required=True, help='"YYYY-MM-DD HH:MM"')
    add.add_argument("--town", help="town (code), where it takes place")
    add.add_argument("--place", help="place as free text (instead of or besides the town)")
    add.add_argument("--minutes", type=int, default=60, help="duration (default 60)")
    add.add_argument("--with", dest="participants", action="append", default=[], metavar="NAME",
                     help="who takes part (repeat for several)")
    add.set_defaults(handler=run_appointment_add)
    listing = actions.add_parser("list", help="appointments by date and time")
    listing.add_argument("--from", dest="start", help="first day (default: today)")
    listing.add_argument("--to", dest="end", help="last day, included (default: open)")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.set_defaults(handler=run_appointments_list)
    status = actions.add_parser("status", help="mark an appointment planned, kept, cancelled or missed")
    status.add_argument("id")
    status.add_argument("status", choices=("planned", "kept", "cancelled", "missed"))
    status.set_defaults(handler=run_appointment_status)
    kept = actions.add_parser("kept", help="appointments kept per town in a period")
    kept.add_argument("--from", dest="start", required=True, help="first day")
    kept.add_argument("--to", dest="end", required=True, help="last day, included")
    kept.add_argument("--json", action="store_true", help="print as JSON")
    kept.set_defaults(handler=run_appointments_kept)


def _register_office_hours(subparsers: argparse._SubParsersAction) -> None:
    hours = subparsers.add_parser("officehours", help="weekly office hours (Sprechstunden) per town")
    actions = hours.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a weekly office hour")
    add.add_argument("--weekday", required=True, help="Mon ... Sun, Mo ... So, or 1 (Monday) to 7")
    add.add_argument("--from", dest="start", required=True, help="start time HH:MM")
    add.add_argument("--to", dest="end", required=True, help="end time HH:MM")
    add.add_argument("--town", required=True, help="town (code)")
    add.add_argument("--counselor", help="team member (name or initials)")
    add.add_argument("--place", help="address or room")
    add.set_defaults(handler=run_office_hour_add)
    listing = actions.add_parser("list", help="the weekly schedule")
    listing.add_argument("--json", action="store_true", help="print as JSON")
    listing.set_defaults(handler=run_office_hours_list)
    remove = actions.add_parser("remove", help="remove an office hour (its id from the list)")
    remove.add_argument("id")
    remove.set_defaults(handler=run_office_hour_remove)


def _time(text: str, field: str) -> str:
    if not is_time(text.strip()):
        raise ValidationError("time_format", field=field, value=text.strip())
    hours, minutes = text.strip().split(":")
    return f"{int(hours):02d}:{minutes}"


def _print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    print()


# --- follow-ups ------------------------------------------------------------------------

def run_followup_add(args: argparse.Namespace) -> int:
    due_on = parse_date(args.on, "due_on")
    with opened_store(args) as store:
        case = CaseService(store).record_by_number_or_id(args.case).case
        followup = WeekService(store).add_followup(case.id, due_on, args.what)
    print(f"Follow-up {followup.id} on case {shown(case.number)} due {due_on.isoformat()}")
    return 0


def run_followups_due(args: argparse.Namespace) -> int:
    until = parse_date(args.until, "until") if args.until else None
    today = dt.date.today()
    with opened_store(args) as store:
        service = WeekService(store)
        found = service.followups_due(until, service.own_counselor())
    if args.json:
        _print_json([{"id": r.followup.id, "case": r.case_number, "due_on": shown(r.followup.due_on),
                      "what": r.followup.what,
                      "overdue": isinstance(r.followup.due_on, dt.date) and r.followup.due_on < today}
                     for r in found])
        return 0
    rows = [[shown(r.followup.due_on), shown(r.case_number),
             "overdue" if isinstance(r.followup.due_on, dt.date) and r.followup.due_on < today else "",
             shown(r.followup.what), r.followup.id] for r in found]
    print(table(["Due", "Case", "", "What", "Id"], rows))
    print(f"\n{len(rows)} open follow-up(s)")
    return 0


def run_followup_done(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        WeekService(store).set_followup_done(args.id.strip(), not args.undo)
    print("Follow-up opened again" if args.undo else "Follow-up done")
    return 0


# --- appointments ------------------------------------------------------------------------

def run_appointment_add(args: argparse.Namespace) -> int:
    on, start = week.parse_when(args.at, "at")
    with opened_store(args) as store:
        case = CaseService(store).record_by_number_or_id(args.case).case
        appointment = WeekService(store).add_appointment(
            case.id, on, start, town=args.town, minutes=args.minutes, place=args.place,
            participants=tuple(args.participants))
    print(f"Appointment {appointment.id} on case {shown(case.number)} at {on.isoformat()} {start}")
    return 0


def run_appointments_list(args: argparse.Namespace) -> int:
    start = parse_date(args.start, "from") if args.start else dt.date.today()
    end = parse_date(args.end, "to") if args.end else None
    with opened_store(args) as store:
        service = WeekService(store)
        vocab = store.vocabulary()
        found = service.appointments(start, end, service.own_counselor())
    if args.json:
        _print_json([{"id": r.appointment.id, "case": r.case_number, "date": shown(r.appointment.date),
                      "time": r.appointment.start_time, "minutes": r.appointment.duration_min,
                      "town": r.appointment.town, "place": r.appointment.place,
                      "participants": list(r.appointment.participants),
                      "status": r.appointment.status} for r in found])
        return 0
    rows = [[shown(a.date), shown(a.start_time), shown(a.duration_min), shown(r.case_number),
             code_label(vocab, "town", a.town, args.lang), shown(a.place),
             code_label(vocab, "appointment_status", a.status, args.lang), a.id]
            for r in found for a in [r.appointment]]
    print(table(["Date", "Time", "Min", "Case", "Town", "Place", "Status", "Id"], rows))
    print(f"\n{len(rows)} appointment(s)")
    return 0


def run_appointment_status(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        WeekService(store).set_appointment_status(args.id.strip(), args.status)
    print(f"Appointment {args.status}")
    return 0


def run_appointments_kept(args: argparse.Namespace) -> int:
    start, end = parse_date(args.start, "from"), parse_date(args.end, "to")
    with opened_store(args) as store:
        vocab = store.vocabulary()
        kept = WeekService(store).kept_by_town(start, end)
    if args.json:
        _print_json({"from": start.isoformat(), "to": end.isoformat(), "kept_by_town": kept,
                     "total": sum(kept.values())})
        return 0
    rows = [[code_label(vocab, "town", town, args.lang) if town else "(no town)", count]
            for town, count in sorted(kept.items())]
    print(table(["Town", "Kept"], rows))
    print(f"\n{sum(kept.values())} appointment(s) kept")
    return 0


# --- office hours ------------------------------------------------------------------------

def run_office_hour_add(args: argparse.Namespace) -> int:
    weekday = week.parse_weekday(args.weekday)
    start, end = _time(args.start, "start_time"), _time(args.end, "end_time")
    with opened_store(args) as store:
        service = WeekService(store)
        counselor_id = service.counselor_id_by_name(args.counselor) if args.counselor else None
        hour = service.add_office_hour(weekday, start, end, args.town.strip(), counselor_id, args.place)
    print(f"Office hour {hour.id}: {week.WEEKDAYS[weekday - 1].capitalize()} {start}-{end}")
    return 0


def run_office_hours_list(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        vocab = store.vocabulary()
        names = {c.id: c.name or "" for c in CaseService(store).counselors(include_inactive=True)}
        hours = WeekService(store).office_hours()
    if args.json:
        _print_json([{"id": h.id, "weekday": h.weekday, "start": h.start_time, "end": h.end_time,
                      "town": h.town, "counselor": names.get(h.counselor_id or ""), "place": h.place}
                     for h in hours])
        return 0
    rows = [[week.WEEKDAYS[h.weekday - 1].capitalize() if isinstance(h.weekday, int) and 1 <= h.weekday <= 7
             else shown(h.weekday), f"{shown(h.start_time)}-{shown(h.end_time)}",
             code_label(vocab, "town", h.town, args.lang), names.get(h.counselor_id or "", ""),
             shown(h.place), h.id] for h in hours]
    print(table(["Day", "Time", "Town", "Counselor", "Place", "Id"], rows))
    print(f"\n{len(rows)} office hour(s)")
    return 0


def run_office_hour_remove(args: argparse.Namespace) -> int:
    with opened_store(args) as store:
        WeekService(store).delete("office_hour", args.id.strip())
    print("Office hour removed")
    return 0


# --- calendar ------------------------------------------------------------------------------

def run_calendar_export(args: argparse.Namespace) -> int:
    from beratungsdesk.services.calendar import CalendarService

    with opened_store(args) as store:
        counselor_id = WeekService(store).counselor_id_by_name(args.counselor) if args.counselor else None
        counts = CalendarService(store).export(args.out, counselor_id)
    print(f"Calendar written to {args.out}: {counts.appointments} appointment(s), "
          f"{counts.followups} follow-up(s), {counts.office_hours} office hour(s)")
    return 0


def run_calendar_folder(args: argparse.Namespace) -> int:
    from beratungsdesk.services.calendar import CalendarService

    with opened_store(args) as store:
        service = CalendarService(store)
        if args.off or args.path:
            service.set_folder(None if args.off else args.path)
        folder = service.folder()
    print(f"On each handover the calendar is written to {folder}" if folder
          else "The calendar is not written on handover")
    return 0
