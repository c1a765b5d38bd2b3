"""Drafts in the store (storage/drafts.py): kept all or nothing, read back, removed when
saved or discarded, erased with their case, never part of a handover."""

from __future__ import annotations

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.session import Session
from beratungsdesk.storage.store import Store

CASE_DRAFT = {"case": {"summary": "Zeugin: Frau Öztürk"}, "note": "ruft zurück"}


def _session_with_case(store: Store) -> tuple[Session, str]:
    cases = CaseService(store)
    case = cases.open_case(cases.find_or_create_client("K-0001"), "work")
    return Session(store), case.id


def test_drafts_are_kept_read_back_and_replaced_or_added(office: Store) -> None:
    session, case_id = _session_with_case(office)
    session.drafts.keep({"case": {**CASE_DRAFT, "case_id": case_id},
                         "outreach": {"values": {"client": "K-9"}}})
    assert session.drafts.load() == {"case": {**CASE_DRAFT, "case_id": case_id},
                                "outreach": {"values": {"client": "K-9"}}}
    # Locked before the drafts were read back: the new one is added, the others stay.
    session.drafts.keep({"network": {"forms": {}}}, replace=False)
    assert set(session.drafts.load()) == {"case", "outreach", "network"}
    # A later lock keeps exactly what is unsaved then.
    session.drafts.keep({"outreach": {"values": {"client": "K-10"}}})
    assert session.drafts.load() == {"outreach": {"values": {"client": "K-10"}}}
    session.drafts.discard(["outreach"])
    assert session.drafts.load() == {}


def test_a_draft_is_local_and_never_in_the_change_log(office: Store) -> None:
    session, case_id = _session_with_case(office)
    before = office.conn.execute("SELECT count(*) FROM change_log").fetchone()
    session.drafts.keep({"case": {**CASE_DRAFT, "case_id": case_id}})
    assert office.conn.execute("SELECT count(*) FROM change_log").fetchone() == before
    assert office.conn.execute("SELECT case_id FROM drafts").fetchall() == [(case_id,)]


def test_erasing_the_case_removes_its_draft(office: Store) -> None:
    session, case_id = _session_with_case(office)
    number = office.conn.execute("SELECT number FROM cases WHERE id = ?", (case_id,)).fetchone()[0]
    session.drafts.keep({"case": {**CASE_DRAFT, "case_id": case_id}, "outreach": {"values": {}}})
    session.protection.erase_case(number)
    assert set(session.drafts.load()) == {"outreach"}


def test_a_draft_that_is_not_a_json_object_is_left_out(office: Store) -> None:
    session, _case_id = _session_with_case(office)
    office.conn.execute("INSERT INTO drafts(key, case_id, kept_at, body) VALUES ('x', NULL, '', 'not json')")
    office.conn.execute("INSERT INTO drafts(key, case_id, kept_at, body) VALUES ('y', NULL, '', '[1]')")
    assert session.drafts.load() == {}
