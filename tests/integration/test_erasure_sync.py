"""Erasure reaches every copy: an office and two laptops, one of them offline for a while."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from beratungsdesk.core.errors import NotFound
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, enroll, handover
from tests.pages import plaintext_of_store

CANARY = "Wendehals-9931"


def traces(store: Store) -> bool:
    return CANARY.encode() in plaintext_of_store(store.folder, PASSPHRASE)


def test_an_erasure_reaches_a_laptop_that_comes_back_weeks_later(make_store, tmp_path: Path) -> None:
    office, first, second = make_store("office"), make_store("l1", "counselor"), make_store("l2", "counselor")
    office_service, first_service = enroll(office, first, "Aylin", tmp_path)
    _, second_service = enroll(office, second, "Jonas", tmp_path)

    # The office opens a case for Aylin; her laptop gets it and adds a note.
    cases = CaseService(office)
    client = cases.find_or_create_client("K-77", name=f"Name {CANARY}")
    case = cases.open_case(client, "housing", dt.date(2024, 2, 1), counselor_id=counselor_id(first),
                           summary=f"Summary {CANARY}")
    handover(office_service, first_service, tmp_path)
    CaseService(first).add_note(case.id, f"Note on laptop 1 {CANARY}")
    handover(first_service, office_service, tmp_path)
    # The case moves to Jonas; his laptop gets it, then goes offline.
    cases.update("case", case.id, {"counselor_id": counselor_id(second)})
    handover(office_service, second_service, tmp_path)
    assert CaseService(second).record(case.id).client.name == f"Name {CANARY}"

    # Offline, Jonas keeps working on the case, while the office erases the client.
    CaseService(second).add_note(case.id, f"Offline note {CANARY}")
    CaseService(second).update("case", case.id, {"outcome": f"Outcome {CANARY}"})
    ErasureService(office).erase_client("K-77")
    handover(office_service, first_service, tmp_path)  # laptop 1 is in the office today

    # Weeks later laptop 2 comes back: its offline work goes in, the erasure comes out.
    handover(second_service, office_service, tmp_path)
    handover(office_service, second_service, tmp_path)
    handover(second_service, office_service, tmp_path)  # acknowledges; nothing resurrects

    for store in (office, first, second):
        assert CaseService(store).search(CANARY) == []
        row = store.conn.execute("SELECT deleted, summary, outcome FROM cases WHERE id = ?",
                                 (case.id,)).fetchone()
        assert row in (None, (1, None, None)), store.name
        notes = store.conn.execute("SELECT count(*) FROM notes WHERE text LIKE ?", (f"%{CANARY}%",))
        assert notes.fetchone() == (0,), store.name
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert not traces(store), store.name


def test_a_laptop_lets_go_of_due_cases_once_the_office_confirmed_them(make_store, tmp_path: Path) -> None:
    office, laptop = make_store("office"), make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    cases = CaseService(laptop)
    client = cases.find_or_create_client("K-5")
    old = cases.open_case(client, "work", dt.date(2019, 3, 1), counselor_id=counselor_id(laptop),
                          status="closed", closed_on=dt.date(2019, 9, 1))
    recent = cases.open_case(client, "work", dt.date(2024, 3, 1), counselor_id=counselor_id(laptop))
    # Not yet confirmed by the office: the due case stays (its work would be lost).
    assert ErasureService(laptop).erase_due().cases == 0
    handover(laptop_service, office_service, tmp_path)
    handover(office_service, laptop_service, tmp_path)  # the receipt confirms; due cases leave
    assert [c.id for c in CaseService(laptop).page(CaseFilter()).rows] == [recent.id]
    # The office still holds both: only its own confirmed erasure removes a case for everyone.
    assert {c.id for c in CaseService(office).page(CaseFilter()).rows} == {old.id, recent.id}


def test_consents_travel_with_their_client_and_the_audit_log_stays_at_the_office(
        make_store, tmp_path: Path) -> None:
    from beratungsdesk.services.protection import AuditService, ConsentService

    office, first, second = make_store("office"), make_store("l1", "counselor"), make_store("l2", "counselor")
    office_service, first_service = enroll(office, first, "Aylin", tmp_path)
    _, second_service = enroll(office, second, "Jonas", tmp_path)
    cases = CaseService(office)
    client = cases.find_or_create_client("K-9")
    cases.open_case(client, "work", dt.date(2024, 2, 1), counselor_id=counselor_id(first))
    ConsentService(office).record(client.id, ("counseling",), "written", dt.date(2024, 2, 1))
    handover(office_service, first_service, tmp_path)
    handover(office_service, second_service, tmp_path)
    assert ConsentService(first).active_scopes(client.id) == {"counseling"}
    assert ConsentService(second).consents(client.id) == []  # not Jonas's client
    # Laptops get no copy of the office's audit log; the office gets theirs.
    assert all(e.device_id == first.device_id for e in AuditService(first).entries())
    CaseService(first).add_note(CaseService(first).page(CaseFilter()).rows[0].id, "Notiz")
    handover(first_service, office_service, tmp_path)
    assert first.device_id in {e.device_id for e in AuditService(office).entries()}
    checked, problems = AuditService(office).verify()
    assert checked > 0 and problems == []


def test_a_document_removed_on_the_laptop_is_erased_everywhere(make_store, tmp_path: Path) -> None:
    """Attached to the wrong case by mistake: the counselor removes it at once, on the laptop;
    the office's copy goes with the next handover, the case and its other document stay."""
    office, laptop = make_store("office"), make_store("l1", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    cases = CaseService(laptop)
    case = cases.open_case(cases.find_or_create_client("K-5"), "work", dt.date(2024, 3, 1),
                           counselor_id=counselor_id(laptop))
    wrong = tmp_path / "falsch.txt"
    wrong.write_bytes(f"Brief an eine andere Person {CANARY}".encode())
    right = tmp_path / "richtig.txt"
    right.write_bytes(b"Kuendigungsschreiben")
    mistaken = cases.add_attachment_file(case.id, wrong)
    kept = cases.add_attachment_file(case.id, right)
    handover(laptop_service, office_service, tmp_path)
    assert traces(office)

    report = ErasureService(laptop).erase_document(mistaken.id)  # a laptop may do this
    assert (report.records, report.cases) == (1, 0)
    handover(laptop_service, office_service, tmp_path)
    handover(office_service, laptop_service, tmp_path)

    for store in (office, laptop):
        record = CaseService(store).record(case.id)
        assert [a.id for a in record.attachments] == [kept.id], store.name
        assert CaseService(store).attachment_content(record.attachments[0]) == b"Kuendigungsschreiben"
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert not traces(store), store.name
    # Asked twice (a second click, a stale list): a clear "not found", nothing else changes.
    with pytest.raises(NotFound):
        ErasureService(laptop).erase_document(mistaken.id)
