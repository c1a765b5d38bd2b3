"""The office's audit chain is anchored on its laptops: an attacker with the office
passphrase who edits the office store's audit table with SQL is caught by
`audit verify` and at the next handover, on the laptop and on the office.

The four manipulations are the ones the chain alone missed: cutting off the last
entries, marking the last entry deleted, editing an entry and re-chaining every
later one, and deleting the "erase" entry with renumbering and re-chaining.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from beratungsdesk.core import model
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.protection import AuditService
from beratungsdesk.storage import audit
from beratungsdesk.storage.queries import load_where
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.state import OFFICE_AUDIT_ANCHOR
from tests.integration.sync_helpers import counselor_id, enroll, export_paths, handover, open_case


def _chain(store: Store) -> list[model.AuditEntry]:
    return load_where(store.conn, "audit", "device_id = ?", (store.device_id,),  # type: ignore[return-value]
                      order="n")


def _rechain(store: Store, from_n: int) -> None:
    """What a careful attacker does after an edit: recompute every later link and hash."""
    before = {e.n: e for e in _chain(store)}
    for entry in _chain(store):
        if (entry.n or 0) < from_n:
            continue
        previous = before.get((entry.n or 0) - 1)
        entry.prev_hash = previous.hash if previous else audit.GENESIS
        entry.hash = audit.entry_hash(entry)
        store.conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                           (entry.prev_hash, entry.hash, entry.id))
        before[entry.n or 0] = entry


def _cut_last_entries(office: Store, anchored: int) -> None:
    office.conn.execute("DELETE FROM audit_log WHERE device_id = ? AND n >= ?",
                        (office.device_id, anchored - 1))


def _mark_last_deleted(office: Store, anchored: int) -> None:
    office.conn.execute("UPDATE audit_log SET deleted = 1 WHERE device_id = ? AND n = "
                        "(SELECT max(n) FROM audit_log WHERE device_id = ?)",
                        (office.device_id, office.device_id))


def _edit_and_rechain(office: Store, anchored: int) -> None:
    office.conn.execute("UPDATE audit_log SET actor = 'someone else' WHERE device_id = ? AND n = 1",
                        (office.device_id,))
    _rechain(office, 1)


def _drop_erase_entry_and_rechain(office: Store, anchored: int) -> None:
    [erase] = [e for e in _chain(office) if e.action == "erase" and e.entity == "case"]
    office.conn.execute("DELETE FROM audit_log WHERE id = ?", (erase.id,))
    office.conn.execute("UPDATE audit_log SET n = n - 1 WHERE device_id = ? AND n > ?",
                        (office.device_id, erase.n))
    _rechain(office, erase.n or 1)


MANIPULATIONS: dict[str, Callable[[Store, int], None]] = {
    "cut": _cut_last_entries, "deleted": _mark_last_deleted, "rechained": _edit_and_rechain,
    "erase_entry_dropped": _drop_erase_entry_and_rechain}


def _anchored_pair(office: Store, laptop: Store, tmp_path: Path) -> tuple[HandoverService, HandoverService]:
    """Enrolled, an erasure at the office, and two round trips: the laptop keeps the office's
    head and has echoed it back."""
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    open_case(laptop, "K-1", counselor_id(laptop))
    open_case(office, "K-2")
    ErasureService(office).erase_case(_number(office, "K-2"))
    for _ in range(2):
        handover(laptop_service, office_service, tmp_path)
        _force(office_service, laptop_service, tmp_path)
    handover(laptop_service, office_service, tmp_path)
    return office_service, laptop_service


def _number(store: Store, client_code: str) -> str:
    return store.conn.execute("SELECT c.number FROM cases c JOIN clients k ON k.id = c.client_id "
                              "WHERE k.code = ?", (client_code,)).fetchone()[0]


def _force(source: HandoverService, target: HandoverService, tmp_path: Path) -> None:
    for outcome in target.import_files(export_paths(source, tmp_path, force=True)):
        assert outcome.status == "imported", outcome.reason


def _alerts(service: HandoverService) -> list[dict]:
    return [a for a in service.status().alerts if a["kind"] == "office_audit_altered"]


def test_an_untouched_chain_is_anchored_and_verifies(office, laptop, tmp_path) -> None:
    office_service, laptop_service = _anchored_pair(office, laptop, tmp_path)
    anchor = laptop.meta(OFFICE_AUDIT_ANCHOR)
    assert anchor is not None
    n, digest = audit.chain_head(office.conn, office.device_id)
    assert [n, digest] != [0, audit.GENESIS]
    # The laptop's anchor is an entry of the office's chain, and the office knows it.
    assert any(e.hash in anchor for e in _chain(office))
    checked, problems = AuditService(office).verify()
    assert checked > 0 and problems == []
    _force(office_service, laptop_service, tmp_path)
    handover(laptop_service, office_service, tmp_path)
    assert _alerts(laptop_service) == [] and _alerts(office_service) == []


@pytest.mark.parametrize("manipulation", MANIPULATIONS)
def test_a_manipulated_office_chain_is_found(office, laptop, tmp_path, manipulation: str) -> None:
    office_service, laptop_service = _anchored_pair(office, laptop, tmp_path)
    anchored = AuditService(office).verify()
    assert anchored[1] == []
    anchor_n = int(laptop.meta(OFFICE_AUDIT_ANCHOR).strip("[]").split(",")[0])

    MANIPULATIONS[manipulation](office, anchor_n)

    # The office's own check, with the anchors its laptops signed to it.
    _, problems = AuditService(office).verify()
    kinds = {p.problem for p in problems if p.device_id == office.device_id}
    # Dropping an entry shortens the chain: the anchored entry is then gone ("cut") or,
    # with more entries after it, another one ("anchor"); either is a finding.
    expected = {"cut": {"cut"}, "deleted": {"deleted"}, "rechained": {"anchor"},
                "erase_entry_dropped": {"anchor", "cut"}}[manipulation]
    assert kinds & expected, problems
    if manipulation == "deleted":
        return  # the flag is outside the hashes: verify names it; the chain itself is whole
    # Without the anchors the chain alone looks whole: the anchor is what finds it.
    assert [p for p in audit.verify(office.conn)[1] if p.device_id == office.device_id] == []

    # The next handover: the laptop, outside the office store, raises the alert ...
    _force(office_service, laptop_service, tmp_path)
    [alert] = _alerts(laptop_service)
    assert alert["peer"] == office.device_id and alert["detail"].endswith(f":{anchor_n}")
    # ... keeps its anchor and echoes it in its next bundle, so the office is told too
    # (status and --json).
    _force(laptop_service, office_service, tmp_path)
    [at_office] = _alerts(office_service)
    assert at_office["peer"] == laptop.device_id and at_office["detail"].endswith(f":{anchor_n}")
    assert any(a["kind"] == "office_audit_altered" for a in office_service.status().to_json()["alerts"])
    from beratungsdesk.cli.sync_cmds import _format_status
    assert "audit log was cut or rewritten" in _format_status(laptop_service.status())


def test_bundles_without_the_anchor_fields_are_still_taken(office, laptop, tmp_path) -> None:
    """An office of an older version sends no statement: nothing to compare, no alert."""
    from beratungsdesk.sync import importer

    _, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    before = laptop.meta(OFFICE_AUDIT_ANCHOR)
    laptop.conn.execute("BEGIN IMMEDIATE")
    importer._check_office_audit(laptop, _office_peer(laptop), None, 1)
    laptop.conn.execute("COMMIT")
    assert laptop.meta(OFFICE_AUDIT_ANCHOR) == before and _alerts(laptop_service) == []


def _office_peer(store: Store):
    from beratungsdesk.storage.handover import peers

    return peers.peers(store.conn, "office")[0]
