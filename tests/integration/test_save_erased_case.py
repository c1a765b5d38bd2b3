"""A form saved after its case or client was erased (another page, retention, a handover)
writes nothing into the tombstone: the save is refused as "not found" (issue 14, ghost case)."""

from __future__ import annotations

import pytest

from beratungsdesk.core.errors import NotFound
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.session import Session
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store


def _changes(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]


@pytest.mark.parametrize("erased", ["case", "client"])
def test_saving_into_an_erased_case_or_client_is_refused(office: Store, erased: str) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-0042", name="Name")
    case = cases.open_case(client, "housing", summary="Vorfall")
    session = Session(office)
    if erased == "case":
        session.protection.erase_case(case.number or "")
    else:
        session.protection.erase_client("K-0042")
    before = _changes(office)
    with pytest.raises(NotFound) as refused:
        session.cases.save_case(case.id, {"summary": "noch getippt"}, client.id, {"name": "Neu"})
    assert refused.value.data["entity"] in ("case", "client")
    assert _changes(office) == before
    stored = queries.load(office.conn, "case", case.id)
    assert stored.deleted and stored.summary is None  # type: ignore[attr-defined]


def test_saving_a_case_that_exists_still_works(office: Store) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-0043")
    case = cases.open_case(client, "housing")
    Session(office).cases.save_case(case.id, {"summary": "geändert"}, client.id, {"name": "Name"})
    assert cases.record(case.id).case.summary == "geändert"
