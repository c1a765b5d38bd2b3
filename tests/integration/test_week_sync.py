"""Follow-ups, appointments and office hours travel with the handover under the scope
rules, are validated at the office like local input, and are erased with their case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from beratungsdesk.core import model
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.services.week import WeekService
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, forge
from tests.integration.test_zero_trust import Team, assert_honest_work_arrived, quarantined
from tests.pages import plaintext_of_store

CANARY = "Rohrdommel-5820"


@pytest.fixture
def team(make_store, tmp_path: Path) -> Team:
    return Team(make_store, tmp_path)


def texts(store, case_id: str) -> list[str]:
    return [f.what or "" for f in WeekService(store).followups_of_case(case_id)]


def test_they_reach_the_case_counselor_only_and_office_hours_reach_everyone(team: Team) -> None:
    week = WeekService(team.office)
    week.add_followup(team.case.id, dt.date(2024, 3, 1), f"Call back {CANARY}")
    week.add_appointment(team.case.id, dt.date(2024, 3, 5), "10:00", town="hilden", minutes=30,
                         participants=(f"Lawyer {CANARY}",))
    week.add_office_hour(2, "09:00", "12:00", "hilden", counselor_id=counselor_id(team.b))
    team.round()

    # Jonas's case: his laptop gets its follow-up and appointment, Aylin's does not.
    assert texts(team.b, team.case.id) == [f"Call back {CANARY}"]
    [appointment] = WeekService(team.b).appointments_of_case(team.case.id)
    assert (appointment.town, appointment.duration_min) == ("hilden", 30)
    assert WeekService(team.a).followups_due() == [] and WeekService(team.a).appointments() == []
    assert CANARY.encode() not in plaintext_of_store(team.a.folder, PASSPHRASE)
    # The outreach schedule is shared by every device.
    for store in (team.a, team.b):
        [hour] = WeekService(store).office_hours()
        assert (hour.weekday, hour.start_time, hour.town) == (2, "09:00", "hilden")


def test_a_laptops_own_follow_ups_and_appointments_reach_the_office(team: Team) -> None:
    own, note = team.honest_work()
    week = WeekService(team.a)
    followup = week.add_followup(own.id, dt.date(2024, 4, 1), "Brief schicken")
    week.add_appointment(own.id, dt.date(2024, 4, 2), "14:30", town="ratingen")
    team.round()
    assert texts(team.office, own.id) == ["Brief schicken"]
    [row] = WeekService(team.office).appointments(dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert (row.case_number, row.appointment.start_time) == (own.number, "14:30")
    # Done on the laptop: the office sees it done.
    week.set_followup_done(followup.id, True, dt.date(2024, 3, 30))
    team.round()
    assert WeekService(team.office).followups_due() == []
    assert_honest_work_arrived(team, own, note)


def test_out_of_scope_and_invalid_ones_are_refused_at_the_office(team: Team) -> None:
    own, note = team.honest_work()
    # On a colleague's case (the attacker knows its id): refused, as for a note.
    forge(team.a, "followup", model.new_id(), {"case_id": team.case.id, "due_on": "2024-05-01",
                                               "what": "snooping", "done": False})
    # On its own case, but invalid: the office checks them like local input.
    forge(team.a, "appointment", model.new_id(), {"case_id": own.id, "date": "2024-05-02",
                                                  "start_time": "25:00", "duration_min": 60,
                                                  "status": "planned"})
    forge(team.a, "appointment", model.new_id(), {"case_id": own.id, "date": "2024-05-03",
                                                  "start_time": "10:00", "duration_min": 0,
                                                  "status": "planned"})
    forge(team.a, "office_hour", model.new_id(), {"weekday": 9, "start_time": "09:00",
                                                  "end_time": "10:00", "town": "hilden"})
    team.round()
    assert sorted(quarantined(team.office)) == [
        ("appointment", "insert", "invalid", "duration_min"),
        ("appointment", "insert", "invalid", "start_time"),
        ("followup", "insert", "reference_out_of_scope", "case_id"),
        ("office_hour", "insert", "invalid", "weekday")]
    assert texts(team.office, team.case.id) == [] and WeekService(team.office).office_hours() == []
    assert WeekService(team.b).followups_due() == []
    assert_honest_work_arrived(team, own, note)


def test_erasing_the_case_erases_its_follow_ups_and_appointments_everywhere(team: Team) -> None:
    week = WeekService(team.office)
    week.add_followup(team.case.id, dt.date(2024, 3, 1), f"Call back {CANARY}")
    week.add_appointment(team.case.id, dt.date(2024, 3, 5), "10:00", place=f"At {CANARY}")
    team.round()
    assert texts(team.b, team.case.id) == [f"Call back {CANARY}"]

    ErasureService(team.office).erase_client("J-1")
    team.round()
    for store in (team.office, team.b):
        assert WeekService(store).followups_of_case(team.case.id) == []
        assert WeekService(store).appointments_of_case(team.case.id) == []
        for table in ("followups", "appointments"):
            row = store.conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()
            assert row == (0,), (store.name, table)
    team.office.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert CANARY.encode() not in plaintext_of_store(team.office.folder, PASSPHRASE)


def test_the_start_page_names_the_cases_the_next_handover_carries(team: Team) -> None:
    from beratungsdesk.services.overview import OverviewService

    own, _note = team.honest_work()
    WeekService(team.a).add_followup(own.id, dt.date(2024, 4, 1), "Brief schicken")
    [(recipient, cases)] = OverviewService(team.a).next_handover().cases
    assert recipient == "office" and [line.number for line in cases] == [own.number]
    # At the office: what goes to each device, by case.
    WeekService(team.office).add_appointment(team.case.id, dt.date(2024, 4, 2), "09:00")
    at_office = dict(OverviewService(team.office).next_handover().cases)
    assert [line.case_id for line in at_office["laptop-b"]] == [team.case.id]
    assert at_office["laptop-a"] == []  # Jonas's case is not Aylin's
    team.round()
    team.round()  # the office's receipt confirms what the laptop sent
    preview = OverviewService(team.a).next_handover()
    assert preview.cases == [("office", [])] and preview.last_at is not None
