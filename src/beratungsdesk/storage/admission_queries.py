"""SQL of the admission step (``sync/admission.py``): batch look-ups and the quarantine.

Every look-up takes a whole batch of ids and costs a few statements per batch,
never one per change: the import must stay fast (bench/bench_sync.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.storage import rows
from beratungsdesk.storage.connection import Connection, translate_errors
from beratungsdesk.storage.store import Store

_IN_LIMIT = 500  # bound parameters per IN (...) list
_JSON: dict[str, Any] = {"separators": (",", ":"), "ensure_ascii": False}


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for start in range(0, len(items), _IN_LIMIT):
        yield items[start:start + _IN_LIMIT]


def known_changes(store: Store, changes: list[ChangeSet]) -> set[tuple[str, int]]:
    """(origin, seq) of the changes already in the log (applied, quarantined or purged)."""
    found: set[tuple[str, int]] = set()
    by_origin: dict[str, set[int]] = {}
    for change in changes:
        by_origin.setdefault(change.origin, set()).add(change.seq)
    for origin, seqs in by_origin.items():
        origin_no = store.origin_no(origin, create=True)
        ordered = sorted(seqs)
        for start in range(0, len(ordered), _IN_LIMIT):
            part = ordered[start:start + _IN_LIMIT]
            found.update((origin, row[0]) for row in store.conn.execute(
                f"SELECT seq FROM change_log WHERE origin = ? AND seq IN ({','.join('?' * len(part))})",
                (origin_no, *part)))
    return found


def current_rows(conn: Connection, entity: str, row_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Wire values of the rows that exist here, by id."""
    entity_spec = model.spec(entity)
    found: dict[str, dict[str, Any]] = {}
    for part in _chunks(row_ids):
        for row in conn.execute(f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
                                f"WHERE id IN ({','.join('?' * len(part))})", part):
            found[row[0]] = rows.wire_values_of(entity_spec, row)
    return found


def _created_by(store: Store, entity: str, origin_no: int, row_ids: list[str]) -> set[str]:
    """Of ``row_ids``, those whose first change here came from ``origin_no`` (made on that device).

    Only changes admitted earlier are in the log (refused ones are stubs without an
    entity), so a device cannot become the maker of a record it did not make.
    """
    found: set[str] = set()
    for part in _chunks(row_ids):
        found.update(row[0] for row in store.conn.execute(
            f"SELECT DISTINCT l.row_id FROM change_log l WHERE l.entity = ? AND l.origin = ? "
            f"AND l.row_id IN ({','.join('?' * len(part))}) AND NOT EXISTS ("
            f" SELECT 1 FROM change_log e WHERE e.entity = l.entity AND e.row_id = l.row_id"
            f" AND e.origin != l.origin AND e.hlc < l.hlc)", (entity, origin_no, *part)))
    return found


def cases_in_scope(store: Store, origin_no: int, counselor_id: str | None,
                   case_ids: Iterable[str]) -> set[str]:
    """Of ``case_ids``, the cases assigned to the counselor or created on the device."""
    wanted = sorted(set(case_ids))
    found: set[str] = set()
    if counselor_id:
        for part in _chunks(wanted):
            found.update(row[0] for row in store.conn.execute(
                f"SELECT id FROM cases WHERE counselor_id = ? AND id IN ({','.join('?' * len(part))})",
                (counselor_id, *part)))
    return found | _created_by(store, "case", origin_no, [c for c in wanted if c not in found])


def clients_in_scope(store: Store, origin_no: int, counselor_id: str | None,
                     client_ids: Iterable[str]) -> set[str]:
    """Of ``client_ids``, the clients of a case in scope, or created on the device."""
    wanted = sorted(set(client_ids))
    cases: dict[str, list[str]] = {}
    for part in _chunks(wanted):
        for case_id, client_id in store.conn.execute(
                f"SELECT id, client_id FROM cases WHERE client_id IN ({','.join('?' * len(part))})", part):
            cases.setdefault(client_id, []).append(case_id)
    scoped = cases_in_scope(store, origin_no, counselor_id, [c for ids in cases.values() for c in ids])
    found = {client for client, ids in cases.items() if scoped.intersection(ids)}
    return found | _created_by(store, "client", origin_no, [c for c in wanted if c not in found])


# --- the quarantine -------------------------------------------------------------------------


@dataclass(frozen=True)
class Refused:
    """One refused change set, as the quarantine keeps it."""

    change: ChangeSet
    operation: str
    reason: str
    field: str | None  # the field the reason names, if any


def quarantine(store: Store, sender: str, bundle_seq: int, refused: list[Refused], at: str) -> None:
    """Keep refused change sets for the office to inspect; log each as a stub without values.

    The stub (entity ``-``, as for purged rows) takes the change's (origin, seq) in the
    log, so the sender's cumulative bundles stop repeating it once confirmed and a
    repeat is *already known*; it is never exported and names no record.
    """
    if not refused:
        return
    with translate_errors():
        store.conn.executemany(
            "INSERT OR IGNORE INTO quarantine(at, sender, bundle_seq, origin, seq, hlc, entity, row_id, "
            "operation, reason, field, vals, prev) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(at, sender, bundle_seq, r.change.origin, r.change.seq, r.change.hlc, r.change.entity,
              r.change.row_id, r.operation, r.reason, r.field, json.dumps(r.change.values, **_JSON),
              json.dumps(r.change.prev) if r.change.prev else None) for r in refused])
        store.conn.executemany(
            "INSERT OR IGNORE INTO change_log(origin, seq, hlc, entity, row_id, vals, prev) "
            "VALUES (?, ?, ?, '-', '', '{}', NULL)",
            [(store.origin_no(r.change.origin, create=True), r.change.seq, r.change.hlc) for r in refused])


@dataclass(frozen=True)
class QuarantineEntry:
    id: int
    at: str
    sender: str
    bundle_seq: int
    origin: str
    seq: int
    entity: str
    row_id: str
    operation: str
    reason: str
    field: str | None
    values: dict[str, Any] | None  # the refused values (None where a caller leaves them out)


def quarantine_entries(conn: Connection, limit: int = 1000) -> list[QuarantineEntry]:
    rows_found = conn.execute(
        "SELECT id, at, sender, bundle_seq, origin, seq, entity, row_id, operation, reason, field, vals "
        "FROM quarantine ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [_quarantine_entry(row) for row in rows_found]


def _quarantine_entry(row: tuple[Any, ...]) -> QuarantineEntry:
    (number, at, sender, bundle_seq, origin, seq, entity, row_id, operation, reason, field, vals) = row
    return QuarantineEntry(number, at, sender, bundle_seq, origin, seq, entity, row_id, operation, reason,
                           field, json.loads(vals) if vals else {})


def quarantine_counts(conn: Connection) -> list[tuple[str, int, str]]:
    """Per sender: (sender, refused change sets, newest refusal time)."""
    return conn.execute("SELECT sender, count(*), max(at) FROM quarantine GROUP BY sender "
                        "ORDER BY sender").fetchall()


def refused_from(conn: Connection, sender: str, limit: int = 100) -> tuple[int, list[int]]:
    """How many change sets ``sender`` brought that were refused here, and the lowest
    sequence numbers among those it made itself (for its receipt)."""
    count = conn.execute("SELECT count(*) FROM quarantine WHERE sender = ?", (sender,)).fetchone()[0]
    seqs = [row[0] for row in conn.execute(
        "SELECT seq FROM quarantine WHERE sender = ? AND origin = ? ORDER BY seq LIMIT ?",
        (sender, sender, limit))]
    return count, seqs
