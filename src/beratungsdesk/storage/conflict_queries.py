"""Open merge conflicts for review, and marking one resolved.

A conflict row keeps the *losing* value of a concurrent edit (the winner is
what the record holds). Resolving writes the chosen value as a new change
(through the unit of work) and marks the row resolved in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from beratungsdesk.storage.connection import Connection


@dataclass(frozen=True)
class ConflictRow:
    id: int
    entity: str
    row_id: str
    field: str
    other_value: Any  # wire form of the value that lost
    detected_at: str


def open_conflicts(conn: Connection, limit: int = 500) -> list[ConflictRow]:
    found = conn.execute(
        "SELECT id, entity, row_id, field, value, detected_at FROM conflicts "
        "WHERE resolved_at IS NULL ORDER BY detected_at, id LIMIT ?", (limit,)).fetchall()
    return [ConflictRow(i, e, r, f, json.loads(v) if v is not None else None, d)
            for i, e, r, f, v, d in found]


def mark_resolved(conn: Connection, conflict_id: int) -> None:
    """Call inside the unit of work that writes the chosen value."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute("UPDATE conflicts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL",
                 (now, conflict_id))
