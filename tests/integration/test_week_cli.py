"""``followups``, ``appointments``, ``officehours`` and ``calendar export`` as a user runs them,
and the calendar file read back with the icalendar library."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from beratungsdesk.services.calendar import FILE_NAME, CalendarService
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.week import WeekService
from beratungsdesk.storage.store import Store
from tests.integration.sync_helpers import counselor_id, enroll, handover, store_digest
from tests.integration.test_cli import run

CLIENT_CODE, CLIENT_NAME = "KZ-7781", "Zeynep Kalkan-Wróbel"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("week") / "store"
    assert run(folder, "init", "--role", "office", "--name", "Büro", "--kdf-seconds", "0").returncode == 0
    from tests.integration.test_cli import PASS

    with Store.open(folder, PASS) as store:
        cases = CaseService(store)
        team_member = cases.add_counselor("Aylin Demir", "AD")
        client = cases.find_or_create_client(CLIENT_CODE, name=CLIENT_NAME)
        case = cases.open_case(client, "housing", dt.date(2026, 1, 5), counselor_id=team_member.id)
        number = case.number or ""
    return folder, number


def digest(folder: Path) -> str:
    from tests.integration.test_cli import PASS

    with Store.open(folder, PASS) as store:
        return store_digest(store)


def test_follow_ups_add_and_due_overdue_first(store_dir) -> None:
    folder, number = store_dir
    later = run(folder, "followups", "add", number, "--on", "2099-01-10", "--what", "Brief nachfassen")
    assert later.returncode == 0, later.stderr
    assert run(folder, "followups", "add", number, "--on", "2020-01-02", "--what", "Rückruf").returncode == 0
    due = json.loads(run(folder, "followups", "due", "--json").stdout)
    assert [(d["case"], d["what"], d["overdue"]) for d in due] == [
        (number, "Rückruf", True), (number, "Brief nachfassen", False)]
    until = json.loads(run(folder, "followups", "due", "--until", "2021-01-01", "--json").stdout)
    assert [d["what"] for d in until] == ["Rückruf"]
    done = run(folder, "followups", "done", due[0]["id"])
    assert done.returncode == 0, done.stderr
    assert [d["what"] for d in json.loads(run(folder, "followups", "due", "--json").stdout)] == [
        "Brief nachfassen"]


def test_appointments_add_list_and_kept_per_town(store_dir) -> None:
    folder, number = store_dir
    added = run(folder, "appointments", "add", number, "--at", "2030-03-04 09:15", "--town", "hilden",
                "--minutes", "45", "--with", "Anwältin")
    assert added.returncode == 0, added.stderr
    assert run(folder, "appointments", "add", number, "--at", "2030-03-05 14:00",
               "--place", "Rathaus Mettmann").returncode == 0
    listed = json.loads(run(folder, "appointments", "list", "--from", "2030-03-01", "--to", "2030-03-04",
                            "--json").stdout)
    assert [(a["date"], a["time"], a["minutes"], a["town"]) for a in listed] == [
        ("2030-03-04", "09:15", 45, "hilden")]
    assert run(folder, "appointments", "status", listed[0]["id"], "kept").returncode == 0
    kept = json.loads(run(folder, "appointments", "kept", "--from", "2030-01-01", "--to", "2030-12-31",
                          "--json").stdout)
    assert kept["kept_by_town"] == {"hilden": 1} and kept["total"] == 1


@pytest.mark.parametrize("args, message", [
    (("appointments", "add", "NOPE-1", "--at", "2030-03-04 09:15"), "No such case"),
    (("appointments", "add", "{number}", "--at", "2030-03-04 9h"), "is not a time"),
    (("appointments", "add", "{number}", "--at", "2030-02-30 09:00"), "does not exist"),
    (("appointments", "add", "{number}", "--at", "2030-03-04 09:00", "--town", "atlantis"),
     "is not an entry of the list"),
    (("appointments", "add", "{number}", "--at", "2030-03-04 09:00", "--minutes", "0"), "out of range"),
    (("followups", "add", "{number}", "--on", "morgen", "--what", "x"), "is not a date"),
    (("followups", "add", "{number}", "--on", "2030-01-01", "--what", " "), "is required"),
    (("officehours", "add", "--weekday", "Funday", "--from", "9:00", "--to", "10:00", "--town", "haan"),
     "weekday"),
    (("officehours", "add", "--weekday", "Mon", "--from", "11:00", "--to", "10:00", "--town", "haan"),
     "the end lies before the start"),
])
def test_bad_input_is_one_line_and_changes_nothing(store_dir, args, message: str) -> None:
    folder, number = store_dir
    before = digest(folder)
    result = run(folder, *(a.format(number=number) for a in args))
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2 and "Traceback" not in result.stderr
    assert digest(folder) == before


def test_calendar_export_parses_back_with_rrule_and_no_personal_data(store_dir, tmp_path: Path) -> None:
    folder, number = store_dir
    assert run(folder, "followups", "add", number, "--on", "2099-02-01",
               "--what", f"Über {CLIENT_NAME} sprechen").returncode == 0
    assert run(folder, "appointments", "add", number, "--at", "2099-02-03 10:30", "--town", "velbert",
               "--place", f"bei {CLIENT_NAME}", "--with", CLIENT_CODE).returncode == 0
    added = run(folder, "officehours", "add", "--weekday", "Wed", "--from", "9:00", "--to", "12:30",
                "--town", "ratingen", "--counselor", "AD")
    assert added.returncode == 0, added.stderr
    out = tmp_path / "kalender.ics"
    result = run(folder, "calendar", "export", "--out", str(out))
    assert result.returncode == 0, result.stderr

    raw = out.read_bytes()
    for personal in (CLIENT_CODE, CLIENT_NAME, "Kalkan", "Zeynep", "Rathaus", "Anwältin"):
        assert personal.encode() not in raw and personal.encode("utf-8").lower() not in raw.lower()
    calendar = Calendar.from_ical(raw)
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    summaries = sorted(str(e["summary"]) for e in events.values())
    assert f"Termin Fall {number} – Velbert" in summaries
    assert f"Wiedervorlage Fall {number}" in summaries
    assert "Sprechstunde Ratingen" in summaries
    [hour] = [e for e in events.values() if str(e["summary"]) == "Sprechstunde Ratingen"]
    assert hour["rrule"]["FREQ"] == ["WEEKLY"] and hour["rrule"]["BYDAY"] == ["WE"]
    start, end = hour.decoded("dtstart"), hour.decoded("dtend")
    assert (start.weekday(), start.strftime("%H:%M"), end.strftime("%H:%M")) == (2, "09:00", "12:30")
    assert str(start.tzinfo) == "Europe/Berlin" and calendar.walk("VTIMEZONE")
    [velbert] = [e for e in events.values() if "Velbert" in str(e["summary"])]
    assert velbert.decoded("dtstart") == dt.datetime(2099, 2, 3, 10, 30, tzinfo=start.tzinfo)
    assert velbert.decoded("dtend") - velbert.decoded("dtstart") == dt.timedelta(minutes=60)
    followup = next(e for e in events.values() if str(e["summary"]).startswith("Wiedervorlage")
                    and e.decoded("dtstart") == dt.date(2099, 2, 1))
    assert followup.decoded("dtend") == dt.date(2099, 2, 2)

    # --counselor: only that team member's office hours (and cases).
    mine = tmp_path / "mine.ics"
    assert run(folder, "calendar", "export", "--out", str(mine), "--counselor", "nobody").returncode == 1
    assert run(folder, "calendar", "export", "--out", str(mine), "--counselor", "Aylin Demir").returncode == 0
    mine_events = Calendar.from_ical(mine.read_bytes()).walk("VEVENT")
    assert "Sprechstunde Ratingen" in {str(e["summary"]) for e in mine_events}


def test_a_laptop_writes_the_calendar_on_each_handover_only_when_asked(make_store, tmp_path: Path) -> None:
    office, laptop = make_store("office"), make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    cases = CaseService(office)
    case = cases.open_case(cases.find_or_create_client(CLIENT_CODE, name=CLIENT_NAME), "work",
                           dt.date(2026, 2, 1), counselor_id=counselor_id(laptop))
    WeekService(office).add_appointment(case.id, dt.date.today() + dt.timedelta(days=3), "11:00",
                                        town="haan")
    handover(office_service, laptop_service, tmp_path)
    stick, calendar_folder = tmp_path / "stick", tmp_path / "kalender"
    stick.mkdir()
    calendar_folder.mkdir()
    laptop_service.run_folder(stick)
    assert not (calendar_folder / FILE_NAME).exists()  # off by default

    CalendarService(laptop).set_folder(calendar_folder)
    laptop_service.run_folder(stick)
    raw = (calendar_folder / FILE_NAME).read_bytes()
    assert [str(e["summary"]) for e in Calendar.from_ical(raw).walk("VEVENT")] == [
        f"Termin Fall {case.number} – Haan"]
    assert CLIENT_CODE.encode() not in raw and CLIENT_NAME.encode() not in raw
    CalendarService(laptop).set_folder(None)
    assert CalendarService(laptop).folder() is None


def test_stats_counts_kept_appointments_per_town(store_dir) -> None:
    folder, number = store_dir  # its own year: the other tests may run on another worker
    added = run(folder, "appointments", "add", number, "--at", "2031-05-06 10:00", "--town", "haan")
    assert added.returncode == 0, added.stderr
    [added] = json.loads(run(folder, "appointments", "list", "--from", "2031-01-01", "--to", "2031-12-31",
                             "--json").stdout)
    assert run(folder, "appointments", "status", added["id"], "kept").returncode == 0
    figures = json.loads(run(folder, "stats", "--from", "2031-01-01", "--to", "2031-12-31", "--json").stdout)
    assert figures["appointments_kept_by_town"] == {"haan": 1}
    published = json.loads(run(folder, "stats", "--from", "2031-01-01", "--to", "2031-12-31",
                               "--publication", "--json").stdout)
    assert published["appointments_kept_by_town"] == {"haan": "< 3"}  # small numbers withheld
