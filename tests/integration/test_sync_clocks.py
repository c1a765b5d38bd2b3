"""Clocks with bounds through the real handover: the attack stamp, and laptops whose
clock is wrong by days (ahead and behind), with real enrolled stores and bundles."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from beratungsdesk.core import hlc
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.storage.store import Store
from beratungsdesk.sync import clocks
from beratungsdesk.sync.errors import BundleRejected, Reason
from tests.integration.sync_helpers import counselor_id, enroll, export_paths, handover, open_case

DAY_MS = 24 * 3600 * 1000


def real_ms() -> int:
    return time.time_ns() // 1_000_000


def set_wall(store: Store, offset_ms: int) -> None:
    """The computer's clock, wrong by ``offset_ms`` (the store's clock reads it)."""
    store.clock = hlc.HybridClock(store.clock.last, wall=lambda: real_ms() + offset_ms)


def within_bound(store: Store) -> bool:
    saved = int(store.meta("hlc") or 0)
    return all(hlc.wall_ms_of(stamp) - real_ms() <= DAY_MS for stamp in (store.clock.last, saved))


def summary_of(store: Store, case_id: str) -> str | None:
    return CaseService(store).record(case_id).case.summary


def update_summary(store: Store, case_id: str, text: str) -> None:
    with store.unit_of_work() as uow:
        uow.update("case", case_id, {"summary": text})


def import_one(service: HandoverService, paths: list[Path]) -> None:
    for outcome in service.import_files(paths):
        assert outcome.status in ("imported", "already") or outcome.reason == "bundle_not_for_us", \
            outcome.reason


def poison_last_case_change(store: Store) -> None:
    """The attacker's edit: the largest stamp SQLite holds, on the laptop's last case change."""
    store.conn.execute(
        "UPDATE change_log SET hlc = ? WHERE origin = ? AND seq = (SELECT max(seq) FROM change_log "
        "WHERE origin = ? AND entity = 'case')", (2**63 - 1, store.own_origin_no, store.own_origin_no))
    store.conn.commit()


def test_a_change_stamped_2_63_minus_1_is_refused_and_poisons_nobody(make_store, tmp_path,
                                                                      monkeypatch) -> None:
    office = make_store("office", "office")
    laptop_a, laptop_b = make_store("a", "counselor"), make_store("b", "counselor")
    office_service, service_a = enroll(office, laptop_a, "Aylin", tmp_path)
    _, service_b = enroll(office, laptop_b, "Bekir", tmp_path)
    case = open_case(laptop_a, "K-1", counselor_id(laptop_a), summary="honest")
    handover(service_a, office_service, tmp_path)
    # The attacker holds laptop A and its passphrase: a change in A's own log with the
    # largest stamp SQLite can hold, exported and signed by the normal export, with the
    # laptop's own repair of far-ahead stamps switched off (the attacker runs modified code).
    update_summary(laptop_a, case.id, "poisoned")
    poison_last_case_change(laptop_a)
    monkeypatch.setattr(clocks, "restamp_before_export", lambda store: 0)
    [path] = export_paths(service_a, tmp_path)

    with pytest.raises(BundleRejected) as refused:
        office_service.import_file(path)
    assert refused.value.code == Reason.CLOCK_AHEAD
    assert summary_of(office, case.id) == "honest"
    assert within_bound(office)
    # The office keeps saving normally.
    other = open_case(office, "K-2", counselor_id(laptop_b), summary="office work")
    update_summary(office, other.id, "still saving")
    assert within_bound(office)
    status = office_service.status()
    assert any(a["kind"] == "clock_ahead_refused" and a["peer"] == laptop_a.device_id
               for a in status.alerts)
    assert [(w["kind"], w["peer"]) for w in status.to_json()["clock"]] == [("device_ahead",
                                                                            laptop_a.device_id)]
    # The other laptops are unaffected: B takes in the office's work and saves.
    handover(office_service, service_b, tmp_path)
    assert summary_of(laptop_b, other.id) == "still saving"
    update_summary(laptop_b, other.id, "B edits")
    assert within_bound(laptop_b)
    handover(service_b, office_service, tmp_path)
    assert summary_of(office, other.id) == "B edits"


def test_a_laptop_three_days_ahead_is_told_and_hands_over_after_the_fix(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    set_wall(laptop, 3 * DAY_MS)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="made with a wrong clock")
    [path] = export_paths(laptop_service, tmp_path)
    with pytest.raises(BundleRejected) as refused:
        office_service.import_file(path)
    assert refused.value.code == Reason.CLOCK_AHEAD and refused.value.data["hours"] >= 71
    assert not office.conn.execute("SELECT 1 FROM cases WHERE id = ?", (case.id,)).fetchone()
    # The office's answer tells the laptop that its clock is ahead.
    handover(office_service, laptop_service, tmp_path)
    [warning] = laptop_service.clock_warnings()
    assert (warning.kind, warning.seq) == ("ahead", 1) and 71 <= warning.hours <= 73
    # The counselor corrects the clock; the next handover re-stamps and delivers the work.
    set_wall(laptop, 0)
    results = laptop_service.export(tmp_path / "fixed")
    assert results[0].restamped >= 3  # client, case, and the audit entries written with them
    office_service.import_file(results[0].path)
    assert summary_of(office, case.id) == "made with a wrong clock"
    assert within_bound(laptop) and within_bound(office)
    assert office_service.clock_warnings() == []
    handover(office_service, laptop_service, tmp_path)
    assert laptop_service.clock_warnings() == []
    # Later edits on either side order correctly (the stamps are on one time line again).
    update_summary(office, case.id, "office corrects")
    handover(office_service, laptop_service, tmp_path)
    assert summary_of(laptop, case.id) == "office corrects"
    update_summary(laptop, case.id, "laptop adds")
    handover(laptop_service, office_service, tmp_path)
    assert summary_of(office, case.id) == "laptop adds"


def test_a_laptop_three_days_behind_hands_over_and_is_told(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    set_wall(laptop, -3 * DAY_MS)
    assert [w.kind for w in laptop_service.clock_warnings()] == ["behind"]
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="made behind")
    handover(laptop_service, office_service, tmp_path)  # stamps in the past: accepted
    assert summary_of(office, case.id) == "made behind"
    update_summary(office, case.id, "office reply")
    paths = export_paths(office_service, tmp_path)
    [outcome] = laptop_service.import_files(paths)
    assert outcome.status == "refused" and outcome.error.code == Reason.CLOCK_AHEAD
    [warning] = laptop_service.clock_warnings()
    assert warning.kind == "behind" and 71 <= warning.hours <= 73
    # Clock corrected: the same file is taken in, and the warning goes.
    set_wall(laptop, 0)
    import_one(laptop_service, paths)
    assert summary_of(laptop, case.id) == "office reply"
    assert laptop_service.clock_warnings() == []


def test_the_honest_export_repairs_a_far_future_stamp_in_its_own_log(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="first")
    update_summary(laptop, case.id, "second")
    poison_last_case_change(laptop)
    handover(laptop_service, office_service, tmp_path)
    assert summary_of(office, case.id) == "second"
    assert within_bound(office) and within_bound(laptop)


def test_the_command_line_tells_a_laptop_that_its_clock_is_behind(office, laptop, tmp_path) -> None:
    from tests.conftest import PASSPHRASE
    from tests.integration.test_cli import run

    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop))
    handover(laptop_service, office_service, tmp_path)
    # Seen from the laptop, an office three days ahead is a laptop three days behind.
    set_wall(office, 3 * DAY_MS)
    update_summary(office, case.id, "from the office")
    stick = tmp_path / "stick"
    office_service.export(stick)
    laptop_folder = laptop.folder
    laptop.close()

    ran = run(laptop_folder, "sync", "run", "--folder", str(stick), passphrase=PASSPHRASE)
    assert ran.returncode == 1, ran.stderr
    assert "Traceback" not in ran.stderr
    assert "hours ahead of this computer's clock" in ran.stderr  # the refusal, one line
    assert "This computer's clock is about 72 hours behind the office's" in ran.stderr
    status = run(laptop_folder, "sync", "status", passphrase=PASSPHRASE)
    assert status.returncode == 0
    assert "Clock: This computer's clock is about 72 hours behind the office's" in status.stdout
    as_json = run(laptop_folder, "sync", "status", "--json", passphrase=PASSPHRASE)
    [warning] = json.loads(as_json.stdout)["clock"]
    assert (warning["kind"], warning["hours"]) == ("behind", 72)
