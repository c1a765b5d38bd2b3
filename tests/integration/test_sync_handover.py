"""End-to-end handover between real stores: enrollment, both directions, receipts,
idempotence, forks, revocation, rosters, clocks, purging, folder transport."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from beratungsdesk.core.hlc import pack
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService, Reason
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.errors import BundleRejected, SyncError
from tests.integration.sync_helpers import (
    counselor_id,
    data_view,
    enroll,
    export_paths,
    handover,
    open_case,
    store_digest,
)

PASSPHRASE = "correct horse battery staple"
SHARED = ("counselor", "term", "setting", "client", "case", "contact", "intervention", "note",
          "attachment")


def test_enrollment_links_the_device_to_its_counselor(office, laptop, tmp_path: Path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    assert laptop.meta("sync_enrolled") == "1"
    devices = office_service.devices()
    assert [(d.device_id, d.counselor, d.status) for d in devices] == [(laptop.device_id, "Aylin", "active")]
    assert devices[0].fingerprint == laptop_service.fingerprint
    # The team member arrived on the laptop with the first bundle.
    assert counselor_id(laptop) in data_view(laptop)["counselor"]


def test_a_laptops_work_reaches_the_office_and_the_receipt_comes_back(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    service = CaseService(laptop)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="Wohnungssuche")
    service.log_contact(case.id, 45, dt.date(2024, 3, 2), channel="outreach", town="hilden")
    service.add_note(case.id, "Erstgespräch im Rathaus")
    attachment = service.add_attachment(case.id, "brief.pdf", b"%PDF-1.4 " + bytes(range(256)) * 40)

    [path] = handover(laptop_service, office_service, tmp_path)
    assert data_view(office, SHARED) == data_view(laptop, SHARED)
    assert CaseService(office).attachment_content(attachment) == service.attachment_content(attachment)

    # The office's next bundle carries the receipt; after it nothing is pending.
    own = laptop.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?",
                              (laptop.own_origin_no,)).fetchone()[0]
    assert own >= 5 and laptop_service.status().peers[0].pending_changes == own
    handover(office_service, laptop_service, tmp_path)
    status = laptop_service.status().peers[0]
    assert status.pending_changes == 0
    assert status.last_receipt["contiguous"] == 1
    assert status.sanity == {"at": status.sanity["at"], "seq": 2, "differs": []}
    # The office's bundle held only a receipt: nothing to hand over, nothing to acknowledge.
    assert export_paths(laptop_service, tmp_path) == []
    assert path.exists()


def test_importing_a_bundle_twice_changes_nothing(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "K-1", counselor_id(laptop))
    [path] = export_paths(laptop_service, tmp_path)
    office_service.import_file(path)
    before = store_digest(office)
    with pytest.raises(BundleRejected) as refused:
        office_service.import_file(path)
    assert refused.value.code == Reason.ALREADY_IMPORTED
    assert store_digest(office) == before


def test_a_case_handed_over_by_the_office_is_continued_on_the_laptop(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    colleague_case = open_case(office, "K-9", None, summary="nicht für Aylin")
    case = open_case(office, "K-2", counselor_id(office_service.store) or None)
    CaseService(office).update("case", case.id, {"counselor_id": counselor_id(laptop)})
    CaseService(office).add_note(case.id, "Übergabe an Aylin")

    handover(office_service, laptop_service, tmp_path)
    on_laptop = data_view(laptop)
    assert case.id in on_laptop["case"] and colleague_case.id not in on_laptop["case"]
    assert len(on_laptop["note"]) == 1

    CaseService(laptop).log_contact(case.id, 30, dt.date(2024, 4, 1))
    CaseService(laptop).update("case", case.id, {"level": "institutional"})
    handover(laptop_service, office_service, tmp_path)
    record = CaseService(office).record(case.id)
    assert record.case.level == "institutional" and len(record.contacts) == 1


def test_concurrent_edits_converge_and_the_loser_is_kept_as_conflict(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop))
    handover(laptop_service, office_service, tmp_path)
    CaseService(laptop).update("case", case.id, {"respondent": "school"})
    CaseService(office).update("case", case.id, {"respondent": "authority"})
    handover(laptop_service, office_service, tmp_path)
    handover(office_service, laptop_service, tmp_path)
    assert data_view(office, ("case",)) == data_view(laptop, ("case",))
    assert office_service.status().open_conflicts == 1
    assert laptop_service.status().open_conflicts == 1


def test_bundles_in_any_order_and_missing_ones_are_reported(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "K-1", counselor_id(laptop))
    [first] = export_paths(laptop_service, tmp_path)
    open_case(laptop, "K-2", counselor_id(laptop))
    [second] = export_paths(laptop_service, tmp_path)
    result = office_service.import_file(second)
    assert result.missing == [1] and result.missing_covered == [1]
    assert len(data_view(office)["case"]) == 2  # bundles are cumulative: nothing lost
    office_service.import_file(first)  # late, and harmless
    assert office_service.status().peers[0].missing_bundles == []


def test_a_restored_laptop_forks_and_is_refused_with_an_alert(office, laptop, tmp_path) -> None:
    office_service, _laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "K-1", counselor_id(laptop))
    laptop.close()
    shutil.copytree(laptop.folder, tmp_path / "backup", ignore=shutil.ignore_patterns("store.lock"))
    laptop = Store.open(laptop.folder, PASSPHRASE)
    [path] = export_paths(HandoverService(laptop), tmp_path)
    office_service.import_file(path)
    laptop.close()

    restored = Store.open(tmp_path / "backup", PASSPHRASE)
    try:
        open_case(restored, "K-7", counselor_id(restored))
        [forked] = export_paths(HandoverService(restored), tmp_path)
        before = store_digest(office)
        with pytest.raises(BundleRejected) as refused:
            office_service.import_file(forked)
        assert refused.value.code == Reason.FORK
        alerts = office_service.status().alerts
        assert alerts[0]["kind"] == "fork" and alerts[0]["seq"] == 1
        assert len(data_view(office)["case"]) == 1
        del before
    finally:
        restored.close()


def test_revoked_devices_are_refused_and_the_roster_tells_the_others(make_store, tmp_path) -> None:
    office = make_store("office", "office")
    laptop_a, laptop_b = make_store("a", "counselor"), make_store("b", "counselor")
    office_service, service_a = enroll(office, laptop_a, "Aylin", tmp_path)
    _, service_b = enroll(office, laptop_b, "Bekir", tmp_path)
    open_case(laptop_a, "K-1", counselor_id(laptop_a))
    [pending] = export_paths(service_a, tmp_path)

    office_service.revoke(laptop_a.device_id[:8])
    before = store_digest(office)
    with pytest.raises(BundleRejected) as refused:
        office_service.import_file(pending)
    assert refused.value.code == Reason.REVOKED_SENDER
    assert store_digest(office) == before

    # The new roster reaches laptop B; an older roster is refused afterwards.
    bundles = export_paths(office_service, tmp_path, force=True)
    assert len(bundles) == 2  # B's, and A's last one (the roster, no data)
    for path in bundles:
        for outcome in [*service_a.import_files([path]), *service_b.import_files([path])]:
            assert outcome.status in ("imported", "refused")
    assert laptop_b.meta("sync_revoked") == "0"
    import json

    from beratungsdesk.storage.handover import peers

    version, body, _ = peers.latest_roster(laptop_b.conn)
    statuses = {d["device"]: d["status"] for d in json.loads(body)["devices"]}
    assert version == 3  # enrolled A, enrolled B, revoked A
    assert statuses == {laptop_a.device_id: "revoked", laptop_b.device_id: "active"}
    # The revoked laptop learned it from its last bundle, and stops handing over.
    assert laptop_a.meta("sync_revoked") == "1"
    with pytest.raises(SyncError) as stopped:
        service_a.export(tmp_path / "after")
    assert stopped.value.code == "device_revoked"


def test_an_older_roster_is_refused(make_store, tmp_path) -> None:
    office = make_store("office", "office")
    laptop_a, laptop_b = make_store("a", "counselor"), make_store("b", "counselor")
    office_service, service_a = enroll(office, laptop_a, "Aylin", tmp_path)
    [old] = export_paths(office_service, tmp_path, force=True)  # roster version 1
    enroll(office, laptop_b, "Bekir", tmp_path)  # roster version 2
    [new] = [p for p in export_paths(office_service, tmp_path, force=True)
             if _addressed_to(service_a, p)]
    service_a.import_file(new)
    before = store_digest(laptop_a)
    with pytest.raises(BundleRejected) as refused:
        service_a.import_file(old)
    assert refused.value.code == Reason.STALE_ROSTER
    assert store_digest(laptop_a) == before


def _addressed_to(service: HandoverService, path: Path) -> bool:
    from beratungsdesk.sync.bundle import open_bundle

    try:
        with open_bundle(path, service.identity):
            return True
    except BundleRejected:
        return False


def test_a_clock_set_back_after_running_ahead_is_repaired_at_export(office, laptop, tmp_path) -> None:
    # Changes stamped two days ahead (the clock was wrong, and is right again now) would be
    # refused by the office; the export gives them fresh stamps first (sync/clocks.py).
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    two_days = 2 * 24 * 3600 * 1000
    laptop.clock.last = pack(int(dt.datetime.now(dt.UTC).timestamp() * 1000) + two_days, 0)
    case = open_case(laptop, "K-1", counselor_id(laptop))
    [result] = laptop_service.export(tmp_path / "out")
    assert result.restamped >= 2
    office_service.import_file(result.path)
    assert CaseService(office).record(case.id).case.number == case.number
    assert office_service.status().alerts == []


def test_a_laptop_cannot_speak_for_another_device(office, laptop, tmp_path) -> None:
    # The office accepts from a device only changes made by that device.
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(office, "K-3", counselor_id(laptop))
    handover(office_service, laptop_service, tmp_path)
    laptop.set_meta("sync_enrolled", "1")
    # Forge: re-export the office's changes as if they were the laptop's pending work.
    from beratungsdesk.storage.handover import change_log, peers, scope
    from beratungsdesk.sync.exporter import _write

    office_peer = peers.peers(laptop.conn, "office")[0]
    foreign = list(change_log.own_changes_after(laptop, 0)) + \
        scope.changes_for_peer(laptop, 999, None)
    path = _write(laptop, laptop_service.identity, office_peer,
                  lambda: (foreign, {}), tmp_path / "forged", force=True).path
    assert foreign and any(c.origin != laptop.device_id for c in foreign)
    with pytest.raises(BundleRejected) as refused:
        office_service.import_file(path)
    assert refused.value.code == Reason.MANIFEST_MISMATCH


def test_export_before_enrollment_is_refused(laptop, tmp_path) -> None:
    with pytest.raises(SyncError) as refused:
        HandoverService(laptop).export(tmp_path)
    assert refused.value.code == Reason.NOT_ENROLLED


def test_closed_cases_are_purged_after_the_receipt_and_not_resurrected(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    service = CaseService(laptop)
    closed = open_case(laptop, "K-1", counselor_id(laptop), summary="Kanarienvogel")
    service.add_note(closed.id, "Notiz zum Fall")
    service.add_attachment(closed.id, "scan.png", b"\x89PNG" + b"x" * 1000)
    kept = open_case(laptop, "K-2", counselor_id(laptop))
    service.update("case", closed.id, {"status": "closed", "closed_on": dt.date(2024, 5, 1)})
    assert laptop_service.set_purge_closed(True) == 0  # the office has not confirmed anything yet

    handover(laptop_service, office_service, tmp_path)
    [office_bundle] = handover(office_service, laptop_service, tmp_path)
    view = data_view(laptop)
    assert closed.id not in view["case"] and kept.id in view["case"]
    assert view["note"] == {} and view["attachment"] == {}
    assert laptop.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
    assert CaseService(laptop).search("Kanarienvogel") == []
    assert "Kanarienvogel" not in str(laptop.conn.execute("SELECT vals FROM change_log").fetchall())
    # The office still holds everything.
    assert closed.id in data_view(office)["case"]

    # A late edit at the office to the closed case does not come back piecemeal...
    CaseService(office).update("case", closed.id, {"outcome": "abgeschlossen"})
    handover(laptop_service, office_service, tmp_path)  # reports the purge
    handover(office_service, laptop_service, tmp_path)
    assert closed.id not in data_view(laptop)["case"]
    # ...but when the office reopens it, the laptop receives the whole case again.
    CaseService(office).update("case", closed.id, {"status": "open", "closed_on": None})
    handover(office_service, laptop_service, tmp_path)
    assert data_view(laptop)["case"][closed.id] == data_view(office)["case"][closed.id]
    assert len(data_view(laptop)["note"]) == 1
    CaseService(laptop).log_contact(closed.id, 20, dt.date(2024, 6, 1))
    handover(laptop_service, office_service, tmp_path)
    assert len(CaseService(office).record(closed.id).contacts) == 1
    del office_bundle


def test_folder_run_moves_everything_and_ignores_foreign_files(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    open_case(laptop, "K-1", counselor_id(laptop))
    report = laptop_service.run_folder(stick)
    [written] = [r.path for r in report.exported]
    # What sync clients and interrupted copies leave behind:
    (stick / f"{written.stem} (conflicted copy 2024-05-01).bdsk").write_bytes(written.read_bytes())
    (stick / f"{written.stem}.sync-conflict-20240501-101010-ABCDEFG.bdsk").write_bytes(b"junk")
    (stick / ".tmp-0123456789abcdef").write_bytes(written.read_bytes()[:100])
    (stick / "notes.txt").write_text("unrelated")

    report = office_service.run_folder(stick)
    assert [o.status for o in report.imported] == ["imported"]
    assert not written.exists()  # imported files are removed
    report = laptop_service.run_folder(stick)
    assert [o.status for o in report.imported] == ["imported"]
    assert laptop_service.status().peers[0].pending_changes == 0
    assert data_view(office, SHARED) == data_view(laptop, SHARED)
    assert (stick / "notes.txt").exists()


def test_an_erasure_at_the_office_reaches_the_laptop_and_wins(office, laptop, tmp_path) -> None:
    from beratungsdesk.services.erasure import ErasureService

    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="zu löschen")
    CaseService(laptop).add_note(case.id, "Notiz, die verschwinden muss")
    handover(laptop_service, office_service, tmp_path)
    handover(office_service, laptop_service, tmp_path)
    # A late edit on the laptop, while the office erases the case.
    CaseService(laptop).update("case", case.id, {"summary": "noch eine Änderung"})
    ErasureService(office).erase_case(case.number)
    handover(office_service, laptop_service, tmp_path)
    handover(laptop_service, office_service, tmp_path)
    for store in (office, laptop):
        row = data_view(store)["case"][case.id]
        assert row["deleted"] and row["summary"] is None
        assert all(n["text"] is None for n in data_view(store)["note"].values())
        text = str(store.conn.execute("SELECT vals FROM change_log").fetchall())
        assert "verschwinden" not in text and "Änderung" not in text


def test_the_office_anchors_the_laptops_audit_chain_in_its_receipt(office, laptop, tmp_path) -> None:
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "K-1", counselor_id(laptop))
    handover(laptop_service, office_service, tmp_path)
    head = laptop.conn.execute("SELECT max(n) FROM audit_log WHERE device_id = ?",
                               (laptop.device_id,)).fetchone()[0]
    # Someone rewrites the laptop's audit log before the receipt arrives.
    laptop.conn.execute("UPDATE audit_log SET hash = ? WHERE device_id = ? AND n = ?",
                        ("0" * 64, laptop.device_id, head))
    handover(office_service, laptop_service, tmp_path)
    receipt = laptop_service.status().peers[0].last_receipt
    assert receipt["audit_head"][0] == head
    assert [a["kind"] for a in laptop_service.status().alerts] == ["audit_chain_differs"]


def test_a_handover_stopped_between_files_leaves_every_file_whole_or_untouched(make_store, tmp_path) -> None:
    from beratungsdesk.services.handover import HandoverService

    office = make_store("office-stop")
    laptops = [make_store(f"laptop-stop-{n}", "counselor") for n in range(2)]
    folder = tmp_path / "stick"
    folder.mkdir()
    services = [enroll(office, laptop, f"Counselor {n}", tmp_path)[1] for n, laptop in enumerate(laptops)]
    for n, (laptop, service) in enumerate(zip(laptops, services, strict=True)):
        open_case(laptop, f"K-{n}", counselor_id(laptop))
        service.run_folder(folder)
    asked = []

    def stop_after_first_file() -> bool:
        asked.append(1)
        return len(asked) > 1

    report = HandoverService(office).run_folder(folder, should_stop=stop_after_first_file)
    assert report.cancelled and len(report.imported) == 1 and report.exported == []
    assert len(data_view(office, ("case",))["case"]) == 1  # one laptop's work, complete
    finished = HandoverService(office).run_folder(folder)
    assert not finished.cancelled and len(data_view(office, ("case",))["case"]) == 2
