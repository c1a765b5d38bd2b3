"""Merge conflicts: open ones for review, decisions about them, and texts replaced by a decision.

A conflict row keeps the *losing* value of a concurrent edit (the winner is what
the record holds). It is named by the two writes that raced: the loser's stamp and
device (the row's unique key) and the winner's. Every device that saw the race
recorded the same pair, so a decision made on one device finds the matching row on
every other one.

A decision is a *resolution change* (``core.changes.Resolution``) that travels like
any change: the device that decides writes it (and, to take the other value, a
normal update of the field) through the unit of work; every device that receives it
closes its matching conflict here, or records the conflict closed if the race has
not reached it yet, so the race never opens it there.

The device whose text the decision set aside is told: a notice (a ``sync_alerts``
row of kind ``text_replaced``, ids only) names the resolution change; the old text
is read back from the device's own change log, the rest from the resolution. The
notice stays until someone acknowledges it (its kind becomes ``text_replaced_seen``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.changes import Resolution
from beratungsdesk.storage import rows
from beratungsdesk.storage.connection import Connection

#: ``sync_alerts`` kinds of the notice "your text was replaced", open and acknowledged.
NOTICE, NOTICE_SEEN = "text_replaced", "text_replaced_seen"
NOTICE_KINDS = (NOTICE, NOTICE_SEEN)
#: As the unit of work encodes values.
_JSON: dict[str, Any] = {"separators": (",", ":"), "ensure_ascii": False}


@dataclass(frozen=True)
class ConflictRow:
    id: int
    entity: str
    row_id: str
    field: str
    other_value: Any  # wire form of the value that lost
    detected_at: str
    other_stamp: tuple[int, str]  # (hlc, device id) of the losing write
    winner_stamp: tuple[int, str]  # ... and of the write that won the race


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def open_conflicts(conn: Connection, limit: int = 500) -> list[ConflictRow]:
    found = conn.execute(
        "SELECT id, entity, row_id, field, value, detected_at, hlc, origin, winner_hlc, winner_origin "
        "FROM conflicts WHERE resolved_at IS NULL ORDER BY detected_at, id LIMIT ?", (limit,)).fetchall()
    return [ConflictRow(i, e, r, f, json.loads(v) if v is not None else None, d, (h, o), (wh, wo))
            for i, e, r, f, v, d, h, o, wh, wo in found]


def open_ids(conn: Connection) -> set[int]:
    return {row[0] for row in conn.execute("SELECT id FROM conflicts WHERE resolved_at IS NULL")}


def still_held(conn: Connection, conflict_ids: Iterable[int]) -> int:
    """How many of these conflicts are still here (an erasure removes a record's conflicts)."""
    return sum(1 for i in conflict_ids
               if conn.execute("SELECT 1 FROM conflicts WHERE id = ?", (i,)).fetchone() is not None)


def next_id(conn: Connection) -> int:
    """The id the next conflict recorded here gets (ids only grow)."""
    number: int = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM conflicts").fetchone()[0]
    return number


def conflict(conn: Connection, conflict_id: int) -> ConflictRow | None:
    """One conflict, open or not."""
    found = conn.execute(
        "SELECT id, entity, row_id, field, value, detected_at, hlc, origin, winner_hlc, winner_origin "
        "FROM conflicts WHERE id = ?", (conflict_id,)).fetchone()
    if found is None:
        return None
    i, e, r, f, v, d, h, o, wh, wo = found
    return ConflictRow(i, e, r, f, json.loads(v) if v is not None else None, d, (h, o), (wh, wo))


def mark_resolved(conn: Connection, conflict_id: int) -> None:
    """Call inside the unit of work that writes the decision."""
    conn.execute("UPDATE conflicts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
                 (_now(), conflict_id))


def field_stamp(conn: Connection, entity: str, row_id: str, field: str) -> tuple[int, str] | None:
    """(hlc, device id) of the value a record's field holds now."""
    entity_spec = model.spec(entity)
    found = conn.execute(f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
                         "WHERE id = ?", (row_id,)).fetchone()
    if found is None or field not in entity_spec.names:
        return None
    hlc, origin_no, _prev = rows.clocks_of(entity_spec, found)[field]
    device = conn.execute("SELECT device_id FROM origins WHERE no = ?", (origin_no,)).fetchone()
    return (hlc, device[0]) if device and hlc else None


def case_of_client(conn: Connection, client_id: str) -> str | None:
    """The newest case of a client (a conflict on the client opens it)."""
    found = conn.execute("SELECT id FROM cases WHERE client_id = ? AND deleted = 0 "
                         "ORDER BY coalesce(opened_on, '') DESC, id LIMIT 1", (client_id,)).fetchone()
    return found[0] if found else None


# --- decisions -------------------------------------------------------------------------------------

def close(conn: Connection, entity: str, row_id: str, resolution: Resolution) -> bool:
    """Close the conflict ``resolution`` decides; True if an open one was closed here.

    If the race has not been seen here (yet), the conflict is recorded closed: the
    race finds it (the same unique key) and does not open it again.
    """
    (loser_hlc, loser), (winner_hlc, winner) = resolution.loser, resolution.winner
    now = _now()
    closed = conn.execute(
        "UPDATE conflicts SET resolved_at = ? WHERE entity = ? AND row_id = ? AND field = ? "
        "AND hlc = ? AND origin = ? AND resolved_at IS NULL",
        (now, entity, row_id, resolution.field, loser_hlc, loser)).rowcount
    conn.execute(
        "INSERT OR IGNORE INTO conflicts(entity, row_id, field, value, hlc, origin, winner_hlc, "
        "winner_origin, detected_at, resolved_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
        (entity, row_id, resolution.field, loser_hlc, loser, winner_hlc, winner, now, now))
    return closed > 0


def settle_equal(conn: Connection) -> int:
    """Close open conflicts whose losing value is what the record holds now: nothing to decide.

    Reads only the records of open conflicts (they are few), so it can run after every import.
    """
    by_entity: dict[str, list[ConflictRow]] = {}
    for row in open_conflicts(conn, limit=10_000):
        by_entity.setdefault(row.entity, []).append(row)
    settled = []
    for entity, found in by_entity.items():
        current = _current_rows(conn, entity, sorted({row.row_id for row in found}))
        settled += [row.id for row in found
                    if row.row_id in current and current[row.row_id].get(row.field) == row.other_value]
    now = _now()
    conn.executemany("UPDATE conflicts SET resolved_at = ? WHERE id = ?", [(now, i) for i in settled])
    return len(settled)


def _current_rows(conn: Connection, entity: str, row_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Wire values of the rows that exist here, by id."""
    entity_spec = model.spec(entity)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(row_ids), 500):
        part = row_ids[start:start + 500]
        for row in conn.execute(f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
                                f"WHERE id IN ({','.join('?' * len(part))})", part):
            found[row[0]] = rows.wire_values_of(entity_spec, row)
    return found


def settle_written(conn: Connection, entity: str, row_id: str, written: dict[str, Any]) -> None:
    """A local write gave fields the value their open conflicts kept: those are settled."""
    now = _now()
    conn.executemany(
        "UPDATE conflicts SET resolved_at = ? WHERE resolved_at IS NULL AND entity = ? AND row_id = ? "
        "AND field = ? AND value = ?",
        [(now, entity, row_id, name, json.dumps(value, **_JSON)) for name, value in written.items()])


# --- notices: "your text was replaced" -------------------------------------------------------------

@dataclass(frozen=True)
class ReplacedText:
    """A notice: a decision made elsewhere set this device's text aside."""

    notice_id: int
    entity: str
    row_id: str
    resolution: Resolution
    resolver: str  # device id that decided
    resolved_hlc: int  # its stamp: when it decided
    old_value: Any  # wire value this device had written (None if no longer held)
    noticed_at: str


def add_notice(conn: Connection, resolver: str, seq: int) -> None:
    """Tell this device that the resolution change (resolver, seq) replaced its text (ids only)."""
    conn.execute("INSERT INTO sync_alerts(at, kind, peer, seq, detail) VALUES (?, ?, ?, ?, ?)",
                 (_now(), NOTICE, resolver, seq, None))


def replaced_texts(conn: Connection, own_origin_no: int, limit: int = 200) -> list[ReplacedText]:
    """Open notices, oldest first; a notice whose decision is no longer held (erased, purged) is left out."""
    found = conn.execute(
        "SELECT a.id, a.peer, a.at, l.hlc, l.entity, l.row_id, l.vals FROM sync_alerts a "
        "JOIN origins o ON o.device_id = a.peer JOIN change_log l ON l.origin = o.no AND l.seq = a.seq "
        "WHERE a.kind = ? ORDER BY a.id LIMIT ?", (NOTICE, limit)).fetchall()
    notices = []
    for notice_id, resolver, at, hlc, entity, row_id, vals in found:
        resolution = Resolution.from_values(json.loads(vals))
        if resolution is None:  # scrubbed by an erasure
            continue
        old = own_value(conn, own_origin_no, entity, row_id, resolution.field, resolution.replaced[0])
        notices.append(ReplacedText(notice_id, entity, row_id, resolution, resolver, hlc, old, at))
    return notices


def own_value(conn: Connection, own_origin_no: int, entity: str, row_id: str, field: str,
              hlc: int) -> Any:
    """The value this device wrote into ``field`` with stamp ``hlc``, from its change log."""
    found = conn.execute("SELECT vals FROM change_log WHERE origin = ? AND entity = ? AND row_id = ? "
                         "AND hlc = ?", (own_origin_no, entity, row_id, hlc)).fetchone()
    return json.loads(found[0]).get(field) if found else None


def own_text_gone(conn: Connection, own_origin_no: int, entity: str, row_id: str,
                  resolution: Resolution) -> bool:
    """Whether the record no longer holds what this device wrote in the write the decision set
    aside (if both sides decided at once, the other decision may have kept it after all)."""
    mine = own_value(conn, own_origin_no, entity, row_id, resolution.field, resolution.replaced[0])
    held = _current_rows(conn, entity, [row_id]).get(row_id)
    return held is None or held.get(resolution.field) != mine


def acknowledge(conn: Connection, notice_ids: Iterable[int]) -> None:
    conn.executemany("UPDATE sync_alerts SET kind = ? WHERE id = ? AND kind = ?",
                     [(NOTICE_SEEN, i, NOTICE) for i in notice_ids])
