"""Reading change sets from the change log for a bundle."""

from __future__ import annotations

import json
from typing import Any

from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.store import Store

CHANGE_SELECT = ("SELECT o.device_id, l.seq, l.hlc, l.entity, l.row_id, l.vals, l.prev "
                 "FROM change_log l JOIN origins o ON o.no = l.origin ")


def change_of(row: tuple[Any, ...]) -> ChangeSet:
    return ChangeSet(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]),
                     json.loads(row[6]) if row[6] else {})


def own_changes_after(store: Store, seq: int) -> list[ChangeSet]:
    """This device's change sets with a sequence number above ``seq``."""
    rows = store.conn.execute(CHANGE_SELECT + "WHERE l.origin = ? AND l.seq > ? AND l.entity != '-' "
                              "ORDER BY l.seq", (store.own_origin_no, seq))
    return [change_of(row) for row in rows]


def contiguous_seq(conn: Connection, origin_no: int) -> int:
    """Highest n such that change sets 1..n of ``origin_no`` are all in the log."""
    count: int
    highest: int
    count, highest = conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM change_log "
                                  "WHERE origin = ?", (origin_no,)).fetchone()
    if count == highest:
        return highest
    expected = 0
    for (seq,) in conn.execute("SELECT seq FROM change_log WHERE origin = ? ORDER BY seq", (origin_no,)):
        if seq != expected + 1:
            break
        expected = seq
    return expected


def count_own_after(store: Store, seq: int) -> int:
    count: int = store.conn.execute("SELECT count(*) FROM change_log WHERE origin = ? AND seq > ? "
                                    "AND entity != '-'", (store.own_origin_no, seq)).fetchone()[0]
    return count
