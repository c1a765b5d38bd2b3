"""The audit log: who opened, changed, exported or erased which record, and when.

Entries hold ids, actions and counts, never content. They are synced records
(``AuditEntry``), so the office sees the entries its laptops made. The entries
of each device form a hash chain: ``hash = SHA-256(prev_hash | the entry's
fields)``, numbered ``n = 1, 2, ...``. ``verify`` recomputes every chain; an
edited, removed or inserted entry breaks it at that point.

The chain alone detects silent edits by anyone who does not also rewrite every
later entry. Someone who re-chains (edits an entry and recomputes every later
hash), cuts off the last entries or drops one and renumbers is caught only by an
*anchor*: an ``(n, hash)`` of a chain held outside this store. Handover receipts
carry them (``sync/state.py``: the office anchors each laptop's chain, laptops
keep and echo the office's), and anything else that holds a head (a backup) can
pass its own; ``verify`` checks every anchor it is given. The audit log is
append-only, so an entry marked deleted is itself a finding. What is and is not
detected: docs/threat-model.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from beratungsdesk.core import model, wire_form
from beratungsdesk.storage import rows
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.queries import load_where

GENESIS = "0" * 64


def entry_hash(entry: model.AuditEntry) -> str:
    fields = [entry.device_id, entry.n, entry.at, entry.actor, entry.action, entry.entity,
              entry.row_id, entry.detail, entry.prev_hash]
    canonical = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chain_head(conn: Connection, device_id: str) -> tuple[int, str]:
    """(last n, last hash) of a device's chain, or (0, GENESIS)."""
    row = conn.execute("SELECT n, hash FROM audit_log WHERE device_id = ? ORDER BY n DESC LIMIT 1",
                       (device_id,)).fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def new_entry(conn: Connection, device_id: str, actor: str | None, action: str,
              entity: str | None = None, row_id: str | None = None,
              detail: str | None = None) -> model.AuditEntry:
    last_n, last_hash = chain_head(conn, device_id)
    entry = model.AuditEntry(at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                             device_id=device_id, actor=actor, action=action, entity=entity,
                             row_id=row_id, detail=detail, n=last_n + 1, prev_hash=last_hash, hash="")
    entry.hash = entry_hash(entry)
    return entry


@dataclass(frozen=True)
class ChainProblem:
    device_id: str
    n: int
    #: "hash" (entry altered), "link" (chain broken), "gap" (entry missing), "deleted" (an
    #: entry marked deleted: the log is append-only), "cut" (an anchored entry is no longer
    #: there: the chain was shortened), "anchor" (the anchored entry has another hash: the
    #: chain was rewritten up to it)
    problem: str


@dataclass(frozen=True)
class Anchor:
    """A chain head kept outside this store: entry ``n`` of ``device_id``'s chain had ``hash``.

    ``source`` says where it was kept (a peer's device id, ``"backup"``, ...); it is not
    part of the check. Anything that can carry two values can carry an anchor.
    """

    device_id: str
    n: int
    hash: str
    source: str = ""


def verify(conn: Connection, anchors: Iterable[Anchor] = ()) -> tuple[int, list[ChainProblem]]:
    """(entries checked, problems found) over every device's chain and the given anchors."""
    entries = _every_entry(conn)
    problems: list[ChainProblem] = []
    previous: dict[str, model.AuditEntry] = {}
    held: dict[tuple[str, int], str] = {}
    for entry in entries:
        assert isinstance(entry, model.AuditEntry)
        device = entry.device_id or ""
        before = previous.get(device)
        expected_n = (before.n or 0) + 1 if before else 1
        if entry.n != expected_n:
            problems.append(ChainProblem(device, expected_n, "gap"))
        if entry.prev_hash != (before.hash if before else GENESIS):
            problems.append(ChainProblem(device, entry.n or 0, "link"))
        if entry_hash(entry) != entry.hash:
            problems.append(ChainProblem(device, entry.n or 0, "hash"))
        if entry.deleted:
            problems.append(ChainProblem(device, entry.n or 0, "deleted"))
        previous[device] = entry
        held[(device, entry.n or 0)] = entry.hash or ""
    problems += anchor_problems(held, anchors)
    return len(entries), problems


def _every_entry(conn: Connection) -> list[model.AuditEntry]:
    """Every entry, *including* those marked deleted (``load_where`` hides them)."""
    entity_spec = model.spec("audit")
    sql = (f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
           "ORDER BY device_id, n")
    return [wire_form.entity_from_wire("audit", row[0], rows.wire_values_of(entity_spec, row))  # type: ignore[misc]
            for row in conn.execute(sql)]


def anchor_problems(held: dict[tuple[str, int], str], anchors: Iterable[Anchor]) -> list[ChainProblem]:
    """Anchors the held chains (``(device, n) -> hash``) no longer contain."""
    found: set[ChainProblem] = set()
    for anchor in anchors:
        digest = held.get((anchor.device_id, anchor.n))
        if digest is None:
            found.add(ChainProblem(anchor.device_id, anchor.n, "cut"))
        elif digest != anchor.hash:
            found.add(ChainProblem(anchor.device_id, anchor.n, "anchor"))
    return sorted(found, key=lambda p: (p.device_id, p.n, p.problem))


def entries(conn: Connection, row_id: str | None = None, limit: int = 1000) -> list[model.AuditEntry]:
    where, params = ("row_id = ?", (row_id,)) if row_id else ("1", ())
    found = load_where(conn, model.AuditEntry, where, params, order="at DESC, n DESC")
    return found[:limit]


#: Newest first; ``device_id`` and ``n`` make the order total (several devices, one second).
_PAGE_ORDER = "at DESC, device_id DESC, n DESC"


def _filter(action: str | None, entity: str | None) -> tuple[list[str], list[object]]:
    where, params = ["deleted = 0"], list[object]()
    if action:
        where.append("action = ?")
        params.append(action)
    if entity:
        where.append("entity = ?")
        params.append(entity)
    return where, params


def page(conn: Connection, action: str | None = None, entity: str | None = None,
         after: tuple[str, str, int] | None = None, limit: int = 200) -> list[model.AuditEntry]:
    """One page of entries, newest first, continuing after ``(at, device_id, n)`` of the last
    entry shown (keyset paging: entries arriving meanwhile shift nothing)."""
    where, params = _filter(action, entity)
    if after is not None:
        where.append("(at, device_id, n) < (?, ?, ?)")
        params += list(after)
    return load_where(conn, model.AuditEntry, " AND ".join(where), tuple(params),
                      order=f"{_PAGE_ORDER} LIMIT {int(limit)}")


def count(conn: Connection, action: str | None = None, entity: str | None = None) -> int:
    where, params = _filter(action, entity)
    return int(conn.execute(f"SELECT count(*) FROM audit_log WHERE {' AND '.join(where)}",
                            tuple(params)).fetchone()[0])


def kinds(conn: Connection) -> tuple[list[str], list[str]]:
    """The actions and the entity names that occur in the log (for the filters)."""
    actions = [r[0] for r in conn.execute(
        "SELECT DISTINCT action FROM audit_log WHERE action IS NOT NULL ORDER BY action")]
    entities = [r[0] for r in conn.execute(
        "SELECT DISTINCT entity FROM audit_log WHERE entity IS NOT NULL ORDER BY entity")]
    return actions, entities
