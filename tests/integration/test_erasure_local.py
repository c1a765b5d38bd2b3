"""Erasure in one store: cascade, tombstones, statistics footprint, and no trace in any page."""

from __future__ import annotations

import datetime as dt

import pytest

from beratungsdesk.core import model
from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.core.errors import PermissionDenied
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.services.protection import ConsentService
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.pages import plaintext_of_store

CANARIES = ["Zaunkoenig-4711", "Eisvogel-0815", "Pirol-2342", "Stieglitz-1234", "Gimpel-5678"]


def filled(store: Store) -> tuple[model.Client, model.Case]:
    service = CaseService(store)
    client = service.find_or_create_client("K-1", name=f"Name {CANARIES[0]}", contact=CANARIES[1])
    case = service.open_case(client, "housing", dt.date(2022, 2, 1), summary=f"Summary {CANARIES[2]}",
                             status="closed", closed_on=dt.date(2022, 6, 30), grounds=("religion",))
    service.log_contact(case.id, 90, dt.date(2022, 2, 1), channel="outreach", town="hilden")
    service.add_note(case.id, f"Note {CANARIES[3]}")
    service.add_attachment(case.id, "scan.txt", f"Attachment {CANARIES[4]}".encode() * 50)
    ConsentService(store).record(client.id, ("counseling",), "written", dt.date(2022, 2, 1))
    service.update("case", case.id, {"outcome": f"Outcome {CANARIES[2]}"})
    return client, case


def canaries_in(blob: bytes) -> list[str]:
    return [c for c in CANARIES if c.encode() in blob or c.encode("utf-16-le") in blob]


def test_erasing_a_client_leaves_no_trace_in_any_decrypted_page(office: Store) -> None:
    _client, _case = filled(office)
    office.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert canaries_in(plaintext_of_store(office.folder, PASSPHRASE)) == CANARIES  # the scanner works
    report = ErasureService(office).erase_client("K-1")
    assert report.cases == 1 and report.records == 6  # client, case, contact, note, attachment, consent
    found = canaries_in(plaintext_of_store(office.folder, PASSPHRASE))
    assert found == []
    office.close()
    assert canaries_in(plaintext_of_store(office.folder, PASSPHRASE)) == []


def test_erased_rows_are_tombstones_and_leave_search_and_lists(office: Store) -> None:
    _client, case = filled(office)
    ErasureService(office).erase_case(case.number)
    row = office.conn.execute("SELECT deleted, number, summary, client_id FROM cases WHERE id = ?",
                              (case.id,)).fetchone()
    assert row == (1, None, None, None)
    assert CaseService(office).search(CANARIES[2]) == []
    assert office.conn.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0
    logged = office.conn.execute("SELECT vals FROM change_log WHERE row_id = ?", (case.id,)).fetchall()
    assert all(CANARIES[2] not in vals for (vals,) in logged)
    assert queries.client_by_code(office.conn, "K-1") is not None  # the client was not named


def test_the_anonymous_footprint_keeps_the_figures(office: Store) -> None:
    _, case = filled(office)
    ErasureService(office).erase_case(case.number)
    footprint = office.conn.execute(
        "SELECT opened_on, area, grounds, footprint FROM erased_case_stats").fetchall()
    assert len(footprint) == 1
    opened, area, grounds, detail = footprint[0]
    assert (opened, area, grounds) == ("2022-02-01", "housing", '["religion"]')
    assert '"minutes": 90' in detail
    assert not canaries_in(repr(footprint).encode())


def test_changes_arriving_after_erasure_are_dropped(office: Store) -> None:
    _, case = filled(office)
    ErasureService(office).erase_case(case.number)
    late_edit = ChangeSet("dddddddd-0000-0000-0000-000000000001", 1, office.clock.now() + (1 << 20),
                          "case", case.id, {"summary": "neuer Text"})
    late_note = ChangeSet("dddddddd-0000-0000-0000-000000000001", 2, office.clock.now() + (1 << 20),
                          "note", "nnnnnnnn-0000-0000-0000-000000000001",
                          {"case_id": case.id, "text": "späte Notiz", "written_at": "2022-07-01T10:00:00"})
    with office.unit_of_work() as uow:
        result = uow.apply_remote([late_edit, late_note])
        again = uow.apply_remote([late_edit])
    assert result.applied == 0 and again.already_known == 1
    assert office.conn.execute("SELECT summary FROM cases WHERE id = ?", (case.id,)).fetchone() == (None,)
    assert office.conn.execute("SELECT text FROM notes WHERE id = ?", (late_note.row_id,)).fetchone() is None
    assert office.conn.execute("SELECT count(*) FROM erased WHERE row_id = ?",
                               (late_note.row_id,)).fetchone() == (1,)


def test_laptops_may_not_erase_by_request(laptop: Store) -> None:
    filled(laptop)
    with pytest.raises(PermissionDenied):
        ErasureService(laptop).erase_client("K-1")


def test_due_cases_and_their_orphaned_clients_are_erased(office: Store) -> None:
    _client, _case = filled(office)
    report = ErasureService(office).erase_due(dt.date(2026, 1, 1))
    assert report.cases == 1
    assert queries.client_by_code(office.conn, "K-1") is None  # no case left: the client goes too
    assert ErasureService(office).erase_due(dt.date(2026, 1, 1)).records == 0
