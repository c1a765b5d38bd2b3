"""The calendar file (iCalendar, RFC 5545) built with the ``icalendar`` library.

A calendar leaves the encrypted store (Thunderbird, Outlook, a phone), so it carries
no personal data: each entry says what kind it is, the case number and the town,
nothing else. Never a client's code or name, never a follow-up's text, an
appointment's free-text place or its participants. The builder takes only those
fields (:class:`CalendarEntry`), so it cannot leak what it is never given.

Appointments are events with a start and a duration; open follow-ups are all-day
events on their due date; weekly office hours are events repeating every week
(``RRULE:FREQ=WEEKLY;BYDAY=..``). Times are local time of Germany (``Europe/Berlin``,
with its VTIMEZONE in the file), so the calendar shows them right wherever it is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:  # imported where used: only the calendar export needs it
    from icalendar import Event

ZONE = ZoneInfo("Europe/Berlin")
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_PRODID = "-//BeratungsDesk//Kalender//DE"
_UID_DOMAIN = "beratungsdesk.invalid"


@dataclass(frozen=True)
class AppointmentEntry:
    uid: str  # the record's id: random, says nothing about a person
    case_number: str
    town: str  # the town's label, "" when none
    start: dt.datetime  # local time, naive
    minutes: int
    status: str  # planned | kept | cancelled | missed


@dataclass(frozen=True)
class FollowUpEntry:
    uid: str
    case_number: str
    due_on: dt.date


@dataclass(frozen=True)
class OfficeHourEntry:
    uid: str
    town: str
    weekday: int  # 1 = Monday
    start: str  # HH:MM
    end: str


@dataclass(frozen=True)
class Words:
    """The few words of the file, in the user's language."""

    appointment: str = "Termin"
    followup: str = "Wiedervorlage"
    office_hour: str = "Sprechstunde"
    case: str = "Fall"


def build(appointments: list[AppointmentEntry], followups: list[FollowUpEntry],
          office_hours: list[OfficeHourEntry], today: dt.date, words: Words = Words()) -> bytes:
    """The .ics file's bytes. ``today`` anchors the weekly office hours (their first day)."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", _PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "BeratungsDesk")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for entry in appointments:
        calendar.add_component(_appointment(entry, words, stamp))
    for followup in followups:
        calendar.add_component(_followup(followup, words, stamp))
    for hour in office_hours:
        calendar.add_component(_office_hour(hour, today, words, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(uid: str, summary: str, stamp: dt.datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"{uid}@{_UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("class", "PRIVATE")
    return event


def _appointment(entry: AppointmentEntry, words: Words, stamp: dt.datetime):
    summary = f"{words.appointment} {words.case} {entry.case_number}"
    if entry.town:
        summary += f" – {entry.town}"
    event = _event(entry.uid, summary, stamp)
    start = entry.start.replace(tzinfo=ZONE)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=max(entry.minutes, 1)))
    if entry.town:
        event.add("location", entry.town)
    event.add("status", "CANCELLED" if entry.status == "cancelled" else "CONFIRMED")
    event.add("categories", [words.appointment])
    return event


def _followup(entry: FollowUpEntry, words: Words, stamp: dt.datetime):
    event = _event(entry.uid, f"{words.followup} {words.case} {entry.case_number}", stamp)
    event.add("dtstart", entry.due_on)  # a date: an all-day entry
    event.add("dtend", entry.due_on + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # does not block the day
    event.add("categories", [words.followup])
    return event


def _office_hour(entry: OfficeHourEntry, today: dt.date, words: Words, stamp: dt.datetime):
    event = _event(entry.uid, f"{words.office_hour} {entry.town}", stamp)
    first = today + dt.timedelta(days=(entry.weekday - today.isoweekday()) % 7)
    start = dt.datetime.combine(first, dt.time.fromisoformat(_padded(entry.start)), ZONE)
    end = dt.datetime.combine(first, dt.time.fromisoformat(_padded(entry.end)), ZONE)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", {"freq": "weekly", "byday": _BYDAY[entry.weekday - 1]})
    event.add("location", entry.town)
    event.add("categories", [words.office_hour])
    return event


def _padded(hh_mm: str) -> str:
    hours, minutes = hh_mm.split(":")
    return f"{int(hours):02d}:{minutes}"
