"""The office's sanity digest for a device covers exactly the rows the device is sent.

``digest_scope`` names the device's rows table by table (fast after a big
handover); the handover itself sends what ``_scope_sql``'s scope holds. Both must
describe the same rows: cases of the device's counselor and cases it opened
itself, minus those it purged while closed, with their clients, the clients'
consents and the cases' children; every global record; nothing of another
counselor's.
"""

from __future__ import annotations

import datetime as dt

from beratungsdesk.core import model
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.handover import digests, scope
from beratungsdesk.storage.store import Store
from tests.integration.sync_helpers import counselor_id, enroll, handover, open_case


def _digest_by_scope(store: Store, origin: int, counselor: str) -> dict[str, list[int]]:
    """The digest over ``t.id IN scope``: the definition the sends use, table by table."""
    params = {"counselor": counselor, "origin": origin}
    found = {}
    for entity in digests._SYNCED:
        table = model.spec(entity).table
        if entity in scope.GLOBAL_ENTITIES:
            sql = digests._digest_sql(table, "")
        else:
            sql = scope.scope_sql() + digests._digest_sql(
                table, f"WHERE t.id IN (SELECT row_id FROM scope WHERE entity = '{entity}')")
        found[entity] = list(store.conn.execute(sql, params).fetchone())
    return found


def _consent(store: Store, client_id: str) -> None:
    with store.unit_of_work() as uow:
        uow.insert(model.Consent(client_id=client_id, given_on=dt.date(2024, 3, 1),
                                 scopes=("counseling",), form="written"))


def test_the_digest_of_a_device_covers_its_scope_and_nothing_else(office, make_store, tmp_path) -> None:
    laptop = make_store("laptop", "counselor")
    other = make_store("other", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    enroll(office, other, "Jonas", tmp_path)
    mine, theirs = counselor_id(laptop), counselor_id(other)
    # A case the laptop opened itself, later handed to the other counselor: still its own.
    own = open_case(laptop, "K-own", mine)
    handover(laptop_service, office_service, tmp_path)
    service = CaseService(office)
    service.update("case", own.id, {"counselor_id": theirs})

    assigned = open_case(office, "K-1", mine, summary="Wohnung")
    service.log_contact(assigned.id, 30, dt.date(2024, 3, 2))
    service.add_intervention(assigned.id, "referral")
    service.add_note(assigned.id, "Erstgespräch")
    service.update("case", assigned.id, {"level": "individual"})  # a field clock of its own
    _consent(office, assigned.client_id)
    shared = service.find_or_create_client("K-shared")  # one client, a case for each counselor
    service.open_case(shared, "work", dt.date(2024, 3, 1), counselor_id=mine)
    elsewhere = service.open_case(shared, "housing", dt.date(2024, 3, 1), counselor_id=theirs)
    service.log_contact(elsewhere.id, 45, dt.date(2024, 3, 3))
    _consent(office, shared.id)
    foreign = open_case(office, "K-2", theirs)
    service.log_contact(foreign.id, 60, dt.date(2024, 3, 4))
    _consent(office, foreign.client_id)
    purged = open_case(office, "K-3", mine)
    service.update("case", purged.id, {"status": "closed", "closed_on": dt.date(2024, 6, 1)})
    gone = open_case(office, "K-4", mine)
    service.delete("case", gone.id)  # a tombstone stays in scope

    origin = office.origin_no(laptop.device_id, create=True)
    office.conn.execute("BEGIN IMMEDIATE")
    scope.record_peer_purged(office, origin, [purged.id])  # purged while closed: out of scope
    office.conn.execute("COMMIT")

    digest = digests.digest_scope(office, origin, mine)
    assert digest == _digest_by_scope(office, origin, mine)
    # own, assigned, the shared client's case of this counselor, the tombstone; not purged, not theirs
    assert digest["case"][0] == 4 and digest["case"][3] == 1
    assert digest["client"][0] == 4 and digest["consent"][0] == 2
    assert digest["contact"][0] == 1 and digest["intervention"][0] == 1 and digest["note"][0] == 1
    assert digest["case"][2] > 0  # the field clock of ``level`` is counted
    assert digest["counselor"][0] == 2  # global records: all of them
    other_origin = office.origin_no(other.device_id, create=True)
    assert digests.digest_scope(office, other_origin, theirs) == \
        _digest_by_scope(office, other_origin, theirs)
