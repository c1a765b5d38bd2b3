"""Conflicts across devices: a resolution travels and closes the conflict on every device,
the losing side is told what replaced its text, and equal values are never a conflict.

Two real stores (office and an enrolled laptop), real bundles through a folder.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from beratungsdesk.core.changes import KEPT_LOSER, RESOLVE_FIELD, Resolution, is_resolution
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.session import PrivateTempFolder, Session
from beratungsdesk.services.session_conflicts import ConflictUseCases
from beratungsdesk.storage.handover import scope
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.errors import BundleRejected
from tests.conftest import PASSPHRASE, copy_store
from tests.integration.sync_helpers import (
    counselor_id,
    data_view,
    enroll,
    export_paths,
    forge,
    handover,
    open_case,
    store_digest,
)
from tests.integration.test_sync_clocks import DAY_MS, set_wall


def _session(store: Store) -> Session:
    return Session(store, PrivateTempFolder(store.folder.parent / f"temp-{store.device_id[:8]}"))


def _conflicts(store: Store) -> ConflictUseCases:
    return _session(store).conflicts


def _both_edit(office: Store, laptop: Store, tmp_path: Path, office_last: bool):
    """A case from the laptop, then both edit its summary; the laptop hands over."""
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="alt")
    handover(laptop_service, office_service, tmp_path)
    edits = [(laptop, "Fassung Laptop"), (office, "Fassung Büro")]
    for store, text in edits if office_last else reversed(edits):
        CaseService(store).update("case", case.id, {"summary": text})
    handover(laptop_service, office_service, tmp_path)
    return office_service, laptop_service, case


def test_the_office_keeps_its_own_text_and_the_laptop_shows_no_phantom(office, laptop, tmp_path) -> None:
    # The laptop wrote last: its text is current, the office's lost the race.
    office_service, laptop_service, case = _both_edit(office, laptop, tmp_path, office_last=False)
    [item] = _conflicts(office).open_conflicts()
    assert (item.current, item.other) == ("Fassung Laptop", "Fassung Büro")
    _conflicts(office).resolve_conflict(item, take_other=True)  # the office keeps its own text
    assert _conflicts(office).open_conflicts() == []

    [path] = export_paths(office_service, tmp_path)
    result = laptop_service.import_file(path)
    # The race this bundle brought is decided in it too: nothing to review, one text replaced.
    assert (result.conflicts, result.resolved, result.replaced) == (0, 0, 1)
    assert CaseService(laptop).record(case.id).case.summary == "Fassung Büro"
    assert _conflicts(laptop).open_conflicts() == []  # before the fix: one, with two equal values
    assert laptop_service.status().open_conflicts == 0
    assert data_view(office, ("case",)) == data_view(laptop, ("case",))

    # The counselor is told: her text in case K-…, field summary, was replaced by the office.
    [notice] = _conflicts(laptop).replaced_texts()
    assert (notice.field, notice.case_number, notice.old_text, notice.new_text) == (
        "summary", CaseService(laptop).record(case.id).case.number, "Fassung Laptop", "Fassung Büro")
    assert notice.by.device_id == office.device_id and notice.resolved_at
    # The office's own text was chosen by the office: nobody is told there.
    assert _conflicts(office).replaced_texts() == []
    _conflicts(laptop).acknowledge_replaced(notice.notice_id)
    assert _conflicts(laptop).replaced_texts() == []


def test_the_office_keeps_the_current_value_and_the_laptop_closes_its_conflict(
        office, laptop, tmp_path) -> None:
    # The office wrote last: both sides hold the office's text, both find a conflict.
    office_service, laptop_service, case = _both_edit(office, laptop, tmp_path, office_last=True)
    [item] = _conflicts(office).open_conflicts()
    assert (item.current, item.other) == ("Fassung Büro", "Fassung Laptop")
    assert item.current_by.device_id == office.device_id and item.other_by.device_id == laptop.device_id
    assert item.current_at and item.other_at and item.other_at <= item.current_at
    _conflicts(office).resolve_conflict(item, take_other=False)

    handover(office_service, laptop_service, tmp_path)
    assert CaseService(laptop).record(case.id).case.summary == "Fassung Büro"
    assert _conflicts(laptop).open_conflicts() == []
    [notice] = _conflicts(laptop).replaced_texts()
    assert (notice.old_text, notice.new_text) == ("Fassung Laptop", "Fassung Büro")


def test_a_laptop_resolves_and_the_office_is_told(office, laptop, tmp_path) -> None:
    office_service, laptop_service, case = _both_edit(office, laptop, tmp_path, office_last=True)
    handover(office_service, laptop_service, tmp_path)  # the laptop sees the conflict too
    [item] = _conflicts(laptop).open_conflicts()
    assert (item.current, item.other) == ("Fassung Büro", "Fassung Laptop")
    _conflicts(laptop).resolve_conflict(item, take_other=True)  # the counselor keeps her text

    [path] = export_paths(laptop_service, tmp_path)
    result = office_service.import_file(path)
    assert (result.conflicts, result.resolved, result.replaced) == (0, 1, 1)
    assert CaseService(office).record(case.id).case.summary == "Fassung Laptop"
    assert _conflicts(office).open_conflicts() == []
    [notice] = _conflicts(office).replaced_texts()
    assert (notice.old_text, notice.new_text) == ("Fassung Büro", "Fassung Laptop")
    assert notice.by.device_id == laptop.device_id
    handover(office_service, laptop_service, tmp_path)
    assert data_view(office, ("case",)) == data_view(laptop, ("case",))
    assert _conflicts(laptop).open_conflicts() == [] and _conflicts(laptop).replaced_texts() == []


def test_both_decide_differently_and_the_stores_still_converge(office, laptop, tmp_path) -> None:
    office_service, laptop_service, case = _both_edit(office, laptop, tmp_path, office_last=True)
    handover(office_service, laptop_service, tmp_path)
    [on_office], [on_laptop] = _conflicts(office).open_conflicts(), _conflicts(laptop).open_conflicts()
    _conflicts(office).resolve_conflict(on_office, take_other=False)  # the office keeps its text
    _conflicts(laptop).resolve_conflict(on_laptop, take_other=True)  # the counselor keeps hers
    for _ in range(2):
        handover(laptop_service, office_service, tmp_path)
        handover(office_service, laptop_service, tmp_path)
    assert data_view(office, ("case",)) == data_view(laptop, ("case",))
    assert _conflicts(office).open_conflicts() == [] and _conflicts(laptop).open_conflicts() == []
    assert office_service.status().open_conflicts == laptop_service.status().open_conflicts == 0
    # The counselor's decision came last: her text holds, so only the office is told.
    assert CaseService(laptop).record(case.id).case.summary == "Fassung Laptop"
    assert _conflicts(laptop).replaced_texts() == []
    [notice] = _conflicts(office).replaced_texts()
    assert (notice.old_text, notice.new_text) == ("Fassung Büro", "Fassung Laptop")


def test_a_later_write_of_the_same_value_settles_the_conflict(office, laptop, tmp_path) -> None:
    office_service, laptop_service, case = _both_edit(office, laptop, tmp_path, office_last=True)
    # The office types the laptop's text in by hand: nothing is left to decide, here or there.
    CaseService(office).update("case", case.id, {"summary": "Fassung Laptop"})
    assert _conflicts(office).open_conflicts() == [] and office_service.status().open_conflicts == 0
    handover(office_service, laptop_service, tmp_path)
    assert _conflicts(laptop).open_conflicts() == [] and laptop_service.status().open_conflicts == 0


def test_a_laptop_may_not_decide_a_conflict_outside_its_scope(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    other = open_case(office, "K-9", None, summary="nicht für Aylin")
    CaseService(office).update("case", other.id, {"summary": "neu"})
    stamp = office.conn.execute("SELECT _hlc FROM cases WHERE id = ?", (other.id,)).fetchone()[0]
    decision = Resolution("summary", (stamp - 1, laptop.device_id), (stamp, office.device_id),
                          KEPT_LOSER, "vom Laptop")
    forge(laptop, "case", other.id, decision.to_values())
    [path] = export_paths(laptop_service, tmp_path)
    result = office_service.import_file(path)
    assert result.refused == 1 and result.resolved == 0
    assert office.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 0
    assert _conflicts(office).replaced_texts() == []
    [(reason,)] = office.conn.execute("SELECT reason FROM quarantine").fetchall()
    assert reason == "out_of_scope"


def test_a_malformed_decision_refuses_the_whole_bundle(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="alt")
    forge(laptop, "case", case.id, {RESOLVE_FIELD: {"field": "no_such_field", "loser": [1, "x"],
                                                    "winner": [2, "y"], "kept": "winner", "value": 1,
                                                    "by": None}})
    [path] = export_paths(laptop_service, tmp_path)
    before = store_digest(office)
    with pytest.raises(BundleRejected) as refused:
        office_service.import_file(path)
    assert refused.value.code == "bundle_damaged"
    assert store_digest(office) == before


def test_erasing_the_case_takes_its_notice_and_old_text_along(office, laptop, tmp_path) -> None:
    office_service, laptop_service, _case = _both_edit(office, laptop, tmp_path, office_last=False)
    [item] = _conflicts(office).open_conflicts()
    _conflicts(office).resolve_conflict(item, take_other=True)
    handover(office_service, laptop_service, tmp_path)
    [notice] = _conflicts(laptop).replaced_texts()
    _session(office).protection.erase_case(notice.case_number)
    handover(office_service, laptop_service, tmp_path)
    assert _conflicts(laptop).replaced_texts() == []
    assert laptop.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 0
    texts = [row[0] for row in laptop.conn.execute("SELECT vals FROM change_log")]
    assert not any("Fassung Laptop" in text for text in texts)


def test_a_decision_made_while_the_clock_ran_ahead_names_the_new_stamps(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="alt")
    handover(laptop_service, office_service, tmp_path)
    CaseService(office).update("case", case.id, {"summary": "Fassung Büro"})
    set_wall(laptop, 3 * DAY_MS)  # the laptop's clock runs three days ahead
    CaseService(laptop).update("case", case.id, {"summary": "Fassung Laptop"})
    handover(office_service, laptop_service, tmp_path)
    [item] = _conflicts(laptop).open_conflicts()
    _conflicts(laptop).resolve_conflict(item, take_other=True)  # the office's text after all
    [refused] = export_paths(laptop_service, tmp_path)
    with pytest.raises(BundleRejected):
        office_service.import_file(refused)
    handover(office_service, laptop_service, tmp_path)  # the office says the clock is ahead
    set_wall(laptop, 0)  # corrected: the next export gives the pending changes new stamps

    [path] = export_paths(laptop_service, tmp_path)
    result = office_service.import_file(path)
    assert result.conflicts == 0 and _conflicts(office).open_conflicts() == []
    written = {json.loads(vals).get("summary"): hlc for hlc, vals in laptop.conn.execute(
        "SELECT hlc, vals FROM change_log WHERE origin = ?", (laptop.own_origin_no,))}
    [(vals,)] = laptop.conn.execute("SELECT vals FROM change_log WHERE vals LIKE '{\"__resolve__\"%'")
    decision = Resolution.from_values(json.loads(vals))
    assert decision is not None and decision.winner == (written["Fassung Laptop"], laptop.device_id)
    [(winner_hlc,)] = office.conn.execute("SELECT winner_hlc FROM conflicts").fetchall()
    assert winner_hlc == written["Fassung Laptop"]
    assert CaseService(office).record(case.id).case.summary == "Fassung Büro"


def test_in_any_order_of_arrival_no_conflict_stays_open(office, laptop, tmp_path) -> None:
    """The office's edit, its decision's update and the decision itself, applied one by one on
    copies of the laptop in every order: the same record, and nothing left to decide."""
    _office_service, _laptop_service, case = _both_edit(office, laptop, tmp_path, office_last=False)
    [item] = _conflicts(office).open_conflicts()
    _conflicts(office).resolve_conflict(item, take_other=True)
    laptop_origin = office.origin_no(laptop.device_id, create=True)
    changes = [c for c in scope.changes_for_peer(office, laptop_origin, counselor_id(laptop))
               if c.entity == "case"]
    assert len(changes) == 3 and is_resolution(changes[-1].values)
    laptop.close()
    views = []
    for number, order in enumerate(itertools.permutations(changes)):
        copy = Store.open(copy_store(laptop.folder, tmp_path / f"laptop-{number}"), PASSPHRASE)
        try:
            for change in order:  # each as if it came in a bundle of its own
                with copy.unit_of_work() as uow:
                    uow.apply_remote([change])
            assert CaseService(copy).record(case.id).case.summary == "Fassung Büro"
            assert _conflicts(copy).open_conflicts() == [], order
            views.append(data_view(copy, ("case",)))
        finally:
            copy.close()
    assert all(view == views[0] for view in views)
