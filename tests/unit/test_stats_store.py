"""Figures counted from a real encrypted store with a known data set (hand-counted below)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from beratungsdesk.cli import main
from beratungsdesk.core.errors import ValidationError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.reports import ProfileService, ReportService
from beratungsdesk.storage.store import Store
from tests.conftest import StoreMaker

D = dt.date
YEAR = (D(2022, 1, 1), D(2022, 12, 31))


def known_data(store: Store) -> dict[str, str]:
    """Four cases of three clients in 2022, plus rows that must not count.

    Hand count for 2022: clients 3; cases 4 (c1 c2 c3 c4); areas public 2, education 1,
    housing 1 -> 50/25/25 %; contact minutes 90+60+120+30+60 = 360 -> 6 h, 1.5 h per case.
    """
    cases = CaseService(store)
    counselor = cases.add_counselor("Thanh Nguyễn", "TN")
    ayse = cases.find_or_create_client("K-001", name="Ayşe Yılmaz")
    lukasz = cases.find_or_create_client("K-002", name="Łukasz Wiśniewski")
    ngoc = cases.find_or_create_client("K-003", name="Nguyễn Thị Ngọc")
    other = cases.find_or_create_client("K-004", name="Oğuz Doğan")
    c1 = cases.open_case(ayse, "public_institutions", D(2022, 1, 1), grounds=("religion", "language"),
                         level="institutional", respondent="authority", counselor_id=counselor.id)
    cases.log_contact(c1.id, 90, D(2022, 1, 3), channel="office", town="mettmann", language="Türkisch")
    cases.log_contact(c1.id, 60, D(2023, 2, 1), channel="phone", language="Türkisch")
    dropped = cases.log_contact(c1.id, 500, D(2022, 1, 4), channel="video")
    cases.delete("contact", dropped.id)
    cases.add_intervention(c1.id, "complaint_letter", date=D(2022, 2, 1))
    cases.add_intervention(c1.id, "complaint_letter", date=D(2022, 3, 1))
    cases.add_intervention(c1.id, "referral", date=D(2022, 3, 1))
    c2 = cases.open_case(ayse, "education", D(2022, 3, 5), grounds=("religion",))
    cases.log_contact(c2.id, 120, D(2022, 3, 5), channel="outreach", town="hilden")
    c3 = cases.open_case(lukasz, "housing", D(2022, 12, 31), level="individual")
    cases.log_contact(c3.id, 30, D(2022, 12, 31), channel="phone", language="Polnisch")
    c4 = cases.open_case(ngoc, "public_institutions", D(2022, 6, 1), status="closed",
                         closed_on=D(2022, 9, 1))
    cases.log_contact(c4.id, 60, D(2022, 6, 1), channel="office", town="mettmann")
    # Outside the period (one day before) and deleted: must not count.
    c5 = cases.open_case(other, "work", D(2021, 12, 31))
    cases.log_contact(c5.id, 600, D(2022, 1, 2))
    c6 = cases.open_case(other, "violence", D(2022, 5, 5))
    cases.log_contact(c6.id, 45, D(2022, 5, 5))
    cases.delete("case", c6.id)
    return {"c1": c1.id, "c3": c3.id}


@pytest.fixture
def store(make_store: StoreMaker) -> Store:
    return make_store.prepared("known-data", known_data)


def test_figures_match_the_hand_count(store: Store) -> None:
    stats = ReportService(store).statistics(*YEAR)
    assert stats.clients.value == 3
    assert stats.cases.value == 4
    assert stats.contacts.value == 5
    assert stats.minutes_total == 360
    assert stats.hours_total == Decimal("6.00")
    assert stats.avg_hours_per_case == Decimal("1.5")
    areas = {c.code: (c.count, c.percent) for c in stats.areas.cells if c.count}
    assert areas == {"public_institutions": (2, 50), "education": (1, 25), "housing": (1, 25)}
    assert stats.status_count("open") == 3 and stats.status_count("closed") == 1
    grounds = stats.breakdowns["grounds"]
    assert grounds.cell("religion").count == 2 and grounds.cell("language").count == 1
    levels = {c.code: c.count for c in stats.breakdowns["levels"].cells if c.count}
    assert levels == {"institutional": 1, "individual": 1, "not_stated": 2}
    # Two complaint letters in one case count as one case with a complaint letter.
    assert stats.breakdowns["interventions"].cell("complaint_letter").count == 1
    assert stats.referrals == 1
    channels = {c.code: c.count for c in stats.breakdowns["channels"].cells if c.count}
    assert channels == {"office": 2, "phone": 2, "outreach": 1}
    towns = {c.code: c.count for c in stats.breakdowns["towns"].cells if c.count}
    assert towns == {"mettmann": 2, "hilden": 1, "not_stated": 2}
    languages = {c.code: c.count for c in stats.breakdowns["languages"].cells}
    assert languages == {"Türkisch": 2, "Polnisch": 1, "not_stated": 2}


def test_period_bounds_are_inclusive_and_by_opening_date(store: Store) -> None:
    service = ReportService(store)
    last_day = service.statistics(D(2022, 12, 31), D(2022, 12, 31))
    assert last_day.cases.value == 1 and last_day.areas.cell("housing").count == 1
    one_case = service.statistics(D(2021, 12, 31), D(2021, 12, 31))
    assert one_case.cases.value == 1 and one_case.minutes_total == 600
    assert one_case.avg_hours_per_case == Decimal("10.0")
    assert one_case.areas.cell("work").percent == 100


def test_empty_period(store: Store) -> None:
    stats = ReportService(store).statistics(D(2030, 1, 1), D(2030, 12, 31))
    assert stats.cases.value == 0 and stats.clients.value == 0
    assert stats.avg_hours_per_case is None
    assert sum(c.count for c in stats.areas.cells) == 0


def test_a_period_that_ends_before_it_starts_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as caught:
        ReportService(store).statistics(D(2022, 2, 1), D(2022, 1, 1))
    assert caught.value.code == "period_order" and caught.value.data["field"] == "to"


def test_rounding_ties_over_a_real_store(office: Store) -> None:
    cases = CaseService(office)
    for number, area in enumerate(("housing", "work", "education"), start=1):
        client = cases.find_or_create_client(f"T-{number}")
        cases.open_case(client, area, D(2022, 4, number))
    stats = ReportService(office).statistics(*YEAR)
    shares = {c.code: c.percent for c in stats.areas.cells if c.count}
    # Equal thirds: the extra point goes to the first in display order (education).
    assert shares == {"education": 34, "housing": 33, "work": 33}


def test_stats_cli_json_and_csv(store: Store, tmp_path, monkeypatch, capsys) -> None:
    folder = store.folder
    store.close()
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", "correct horse battery staple")
    out = tmp_path / "zahlen.csv"
    code = main(["--data-dir", str(folder), "stats", "--from", "2022-01-01", "--to", "31.12.2022",
                 "--json", "--csv", str(out)])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["clients"] == 3 and data["cases"] == 4
    assert data["areas"]["public_institutions"] == {"label": "Public institutions", "count": 2,
                                                    "percent": 50}
    assert data["hours_total"] == 6.0 and data["avg_hours_per_case"] == 1.5
    text = out.read_bytes().decode("utf-8-sig")
    assert "Lebensbereiche;public_institutions;Öffentliche Institutionen;2;50" in text
    assert "Kennzahlen;avg_hours_per_case;Durchschnittliche Stunden pro Fall;1,5;" in text


def test_stats_cli_table_and_bad_dates(store: Store, monkeypatch, capsys) -> None:
    folder = store.folder
    store.close()
    monkeypatch.setenv("BERATUNGSDESK_PASSPHRASE", "correct horse battery staple")
    assert main(["--data-dir", str(folder), "stats", "--from", "2022-01-01", "--to",
                 "2022-12-31"]) == 0
    printed = capsys.readouterr().out
    assert "People seeking advice:  3" in printed and "Public institutions" in printed
    assert main(["--data-dir", str(folder), "stats", "--from", "2022-02-30", "--to",
                 "2022-12-31"]) == 1
    assert "Start of the period (--from): the date 2022-02-30 does not exist." in \
        capsys.readouterr().err


def test_profile_is_stored_as_settings_and_resets(office: Store, tmp_path) -> None:
    profiles = ProfileService(office)
    assert profiles.profile().phone == ""
    profiles.set_text("phone", "02104 / 95282-45")
    profiles.set_text("text.einleitung", "Erster **Satz**.\r\n\r\nZweiter Absatz.")
    profiles.set_text("phone", "0211 123")
    profile = profiles.profile()
    assert profile.phone == "0211 123"
    assert profile.text("einleitung") == "Erster **Satz**.\n\nZweiter Absatz."
    profiles.reset("phone")
    assert profiles.profile().phone == ""
    profiles.set_text("phone", "0211 999")  # a reset entry can be set again
    assert profiles.profile().phone == "0211 999"
    with pytest.raises(ValidationError) as caught:
        profiles.set_text("colour", "red")
    assert caught.value.code == "profile_key"
    bad = tmp_path / "logo.gif"
    bad.write_bytes(b"GIF89a....")
    with pytest.raises(ValidationError):
        profiles.set_logo_file(bad)
    assert profiles.profile().logo is None
