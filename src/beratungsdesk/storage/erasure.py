"""Erasure for data protection that reaches every copy.

An *erase change* is a change set whose values are ``{ERASE_FIELD: true}``. Every
store that applies it — the one where it was made, the office, each laptop —
erases the record and everything that belongs to it:

- client -> its cases and consents; case -> its contacts, interventions, notes,
  attachments, referrals, follow-ups and appointments (children present now, and children that arrive later);
- each erased row stays as a tombstone: id and ``deleted`` only, every other field NULL;
- its entries in the change log keep only origin, sequence number, clock, entity
  and id (values scrubbed), so a late copy of an old change is recognised as
  already known and can never bring the data back; its conflicts are removed;
  search-index entries go with the row (triggers); attachment bytes no longer
  referenced are deleted;
- the rows are listed in ``erased``. Any change to an erased row, or to a child
  of one, is recorded as known and dropped: erasure wins over every edit,
  concurrent or later.

Before a case is erased its *anonymous* statistical footprint is kept in
``erased_case_stats`` (dates, codes, minutes; no names, no texts), so yearly
figures already published can be reproduced.

Removed content may still sit in free pages and the WAL; ``secure_delete`` zeroes
freed cells, and the store's maintenance step (checkpoint, FTS optimize, VACUUM)
rewrites the file (see :func:`maintenance`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.changes import ERASE_FIELD, ERASE_VALUES_JSON, is_erase

__all__ = ["ERASE_FIELD", "erase", "erased_ids", "is_erase", "maintenance", "mark_erased", "sweep"]
from beratungsdesk.storage.connection import Connection

#: parent entity -> (child entity, field holding the parent's id)
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "client": (("case", "client_id"), ("consent", "client_id")),
    "case": (("contact", "case_id"), ("intervention", "case_id"), ("note", "case_id"),
             ("attachment", "case_id"), ("referral", "case_id"), ("followup", "case_id"),
             ("appointment", "case_id")),
}
#: child entity -> (parent entity, field)
PARENT: dict[str, tuple[str, str]] = {child: (parent, field) for parent, children in CHILDREN.items()
                                      for child, field in children}


def is_erased(conn: Connection, entity: str, row_id: str) -> bool:
    return conn.execute("SELECT 1 FROM erased WHERE entity = ? AND row_id = ?",
                        (entity, row_id)).fetchone() is not None


def erased_ids(conn: Connection) -> set[str]:
    """Ids of every erased row (a small set: erasure is rare)."""
    return {row[0] for row in conn.execute("SELECT row_id FROM erased")}


def parent_id(entity: str, values: dict[str, Any]) -> str | None:
    """The id of the record a change's row belongs to, when the change names it."""
    if entity not in PARENT:
        return None
    return values.get(PARENT[entity][1])


def sweep(conn: Connection) -> list[tuple[str, str]]:
    """Erase rows whose parent is erased but which arrived or stayed behind (any order of arrival)."""
    erased_now: list[tuple[str, str]] = []
    while True:
        found = []
        for parent, children in CHILDREN.items():
            for child, field in children:
                table = model.spec(child).table
                found += [(child, row_id, hlc, origin) for row_id, hlc, origin in conn.execute(
                    f"SELECT c.id, e.hlc, e.origin FROM {table} c JOIN erased e "
                    f"ON e.entity = ? AND e.row_id = c.{field} WHERE NOT EXISTS "
                    "(SELECT 1 FROM erased x WHERE x.entity = ? AND x.row_id = c.id)", (parent, child))]
        if not found:
            return erased_now
        for child, row_id, hlc, origin in found:
            erased_now += erase(conn, child, row_id, hlc, origin)


def _cascade(conn: Connection, entity: str, row_id: str) -> Iterator[tuple[str, str]]:
    yield entity, row_id
    for child, field in CHILDREN.get(entity, ()):
        table = model.spec(child).table
        for (child_id,) in conn.execute(f"SELECT id FROM {table} WHERE {field} = ?", (row_id,)).fetchall():
            yield from _cascade(conn, child, child_id)


def erase(conn: Connection, entity: str, row_id: str, hlc: int, origin: str) -> list[tuple[str, str]]:
    """Erase a record and what belongs to it; returns the rows erased."""
    rows = list(dict.fromkeys(_cascade(conn, entity, row_id)))
    for erased_entity, erased_id in rows:
        if erased_entity == "case":
            _keep_anonymous_footprint(conn, erased_id)
    for erased_entity, erased_id in rows:
        mark_erased(conn, erased_entity, erased_id, hlc, origin)
    _drop_unreferenced_blobs(conn)
    return rows


def mark_erased(conn: Connection, entity: str, row_id: str, hlc: int, origin: str) -> None:
    """Tombstone the row, scrub its log entries and conflicts, list it as erased."""
    entity_spec = model.spec(entity)
    conn.execute("INSERT OR IGNORE INTO erased(entity, row_id, hlc, origin, erased_at) "
                 "VALUES (?, ?, ?, ?, ?)",
                 (entity, row_id, hlc, origin, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
    nulls = ", ".join(f"{name} = NULL" for name in entity_spec.names if name != "deleted")
    conn.execute(f"UPDATE {entity_spec.table} SET deleted = 1, {nulls}, _fclock = NULL WHERE id = ?",
                 (row_id,))
    conn.execute("UPDATE change_log SET vals = ?, prev = NULL WHERE entity = ? AND row_id = ? "
                 "AND vals != ?", ("{}", entity, row_id, ERASE_VALUES_JSON))
    conn.execute("DELETE FROM conflicts WHERE entity = ? AND row_id = ?", (entity, row_id))
    # Refused changes kept for inspection hold values too (sync/admission.py).
    conn.execute("UPDATE quarantine SET vals = '{}', prev = NULL WHERE row_id = ? "
                 "OR json_extract(vals, '$.case_id') = ? OR json_extract(vals, '$.client_id') = ?",
                 (row_id, row_id, row_id))
    # Unsaved input kept when the program locked (storage/drafts.py) goes with its case.
    conn.execute("DELETE FROM drafts WHERE case_id = ?", (row_id,))


def _drop_unreferenced_blobs(conn: Connection) -> None:
    conn.execute("DELETE FROM blobs WHERE sha256 NOT IN "
                 "(SELECT sha256 FROM attachments WHERE sha256 IS NOT NULL)")


def _keep_anonymous_footprint(conn: Connection, case_id: str) -> None:
    """Codes, dates and minutes of a case, without anything that names or describes a person."""
    case = conn.execute(
        "SELECT client_id, opened_on, closed_on, status, counselor_id, area, grounds, racism_forms, "
        "level, respondent, agg, incident_town FROM cases WHERE id = ? AND deleted = 0",
        (case_id,)).fetchone()
    if case is None:
        return
    contacts = conn.execute(
        "SELECT duration_min, channel, town, language FROM contacts WHERE case_id = ? AND deleted = 0",
        (case_id,)).fetchall()
    interventions = [row[0] for row in conn.execute(
        "SELECT type FROM interventions WHERE case_id = ? AND deleted = 0", (case_id,))]
    footprint = {
        "contacts": [{"minutes": m, "channel": c, "town": t, "language": lang} for m, c, t, lang in contacts],
        "interventions": interventions,
    }
    conn.execute(
        "INSERT OR REPLACE INTO erased_case_stats(case_id, client_key, opened_on, closed_on, status, "
        "counselor_id, area, grounds, racism_forms, level, respondent, agg, incident_town, footprint) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, *case, json.dumps(footprint, ensure_ascii=False)))


def maintenance(conn: Connection) -> None:
    """Rewrite the store so removed content leaves no trace in free pages or the WAL."""
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
