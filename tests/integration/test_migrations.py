"""Stores written by older versions open and upgrade stepwise (PRAGMA user_version).

``tests/fixtures/store-vN`` is a store written by the code of schema version N
(passphrase ``fixture vN``). Each is copied, opened with today's code, and must
come out at the current version with its data intact. Versions 2 and 3 were
never released (they existed only during the first development session); v4
is the first released schema. Every later version adds its fixture, written with
``tools/make_fixture_store.py`` by the code of that version.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.week import WeekService
from beratungsdesk.storage import schema, statistics
from beratungsdesk.storage.store import Store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
VERSIONS = sorted(int(p.name.split("-v")[1]) for p in FIXTURES.glob("store-v*"))


@pytest.mark.parametrize("version", VERSIONS)
def test_an_older_store_upgrades_and_keeps_its_data(tmp_path: Path, version: int) -> None:
    folder = tmp_path / "store"
    shutil.copytree(FIXTURES / f"store-v{version}", folder)
    with Store.open(folder, f"fixture v{version}") as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        record = CaseService(store).record_by_number("2022-0001")
        assert record.client is not None and record.client.name == "Ayşe Yılmaz"
        assert [c.duration_min for c in record.contacts] == [90]
        assert [n.text for n in record.notes] == ["Erstgespräch"]
        assert CaseService(store).attachment_content(record.attachments[0]).startswith(b"Sehr geehrte")
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Version 5 sums up what older versions stored (the figures' running sums).
        year = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
        summed = statistics.period_figures(store.conn, *year)
        assert summed == statistics.scanned_period_figures(store.conn, *year)
        assert (summed.cases, summed.minutes_total) == (1, 90)
        CaseService(store).add_note(record.case.id, "nach dem Upgrade")  # still writable
        # Version 6 keeps refused incoming changes (sync/admission.py): empty after an upgrade.
        assert store.conn.execute("SELECT count(*) FROM quarantine").fetchone() == (0,)
        # Version 7 keeps unsaved input while locked (storage/drafts.py): none after an upgrade.
        assert store.conn.execute("SELECT count(*) FROM drafts").fetchone() == (0,)
        # Version 8 adds follow-ups, appointments and office hours (services/week.py); the
        # fixture of version 8 holds one of each, older ones none, and all take new ones.
        week = WeekService(store)
        expected = 1 if version >= 8 else 0
        assert len(week.followups_of_case(record.case.id)) == expected
        assert len(week.appointments_of_case(record.case.id)) == expected
        assert len(week.office_hours()) == expected
        week.add_followup(record.case.id, dt.date(2022, 4, 1), "nach dem Upgrade")
        week.add_appointment(record.case.id, dt.date(2022, 4, 2), "09:30", town="hilden")
        assert store.vocabulary().has("appointment_status", "kept")  # reaches older stores


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    shutil.copytree(FIXTURES / f"store-v{VERSIONS[-1]}", folder)
    with Store.open(folder, f"fixture v{VERSIONS[-1]}") as store:
        store.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    with pytest.raises(Exception) as caught:
        Store.open(folder, f"fixture v{VERSIONS[-1]}")
    assert caught.value.code == "store_too_new"


def test_every_entity_table_has_exactly_the_model_fields(office) -> None:
    from beratungsdesk.core import model

    bookkeeping = {"id", "_hlc", "_origin", "_prev", "_fclock"}
    for entity_spec in model.all_specs():
        columns = {row[1] for row in office.conn.execute(f"PRAGMA table_info({entity_spec.table})")}
        assert columns - bookkeeping == set(entity_spec.names), entity_spec.name


def test_defaults_added_after_version_1_reach_old_stores(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    shutil.copytree(FIXTURES / "store-v1", folder)
    with Store.open(folder, "fixture v1") as store:
        assert store.vocabulary().match("referral_direction", "Referred to partner") == "to"
