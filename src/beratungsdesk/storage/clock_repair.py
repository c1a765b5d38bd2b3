"""Re-stamping this device's own unconfirmed changes after its wall clock was wrong.

A laptop whose clock ran days ahead stamps its changes in the future; the office
refuses them (more than the 24 h bound ahead). Once the clock is corrected, the
changes it made meanwhile are given fresh stamps from the corrected clock before
they go out again. That is sound only for changes nobody else has accepted: own
changes above the office's confirmed sequence number, which the office refused
(a stamp beyond the bound of a correct clock was beyond the office's bound too).
The new stamps are above every other stamp this store holds, in the old order, so
what the changes won locally they still win everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from beratungsdesk.core import hlc, model
from beratungsdesk.core.changes import RESOLVE_FIELD, Resolution
from beratungsdesk.storage import rows
from beratungsdesk.storage.connection import translate_errors
from beratungsdesk.storage.store import Store


def stamps_beyond(store: Store, confirmed_seq: int, wall_ms: int) -> int:
    """How many own unconfirmed change sets carry a stamp beyond the bound of ``wall_ms``."""
    count: int = store.conn.execute(
        "SELECT count(*) FROM change_log WHERE origin = ? AND seq > ? AND hlc > ?",
        (store.own_origin_no, confirmed_seq, hlc.ceiling(wall_ms))).fetchone()[0]
    return count


def restamp_own_pending(store: Store, confirmed_seq: int, wall_ms: int) -> int:
    """Give own unconfirmed changes stamped beyond the bound fresh stamps. Returns how many.

    Runs in one transaction; the change log, the rows' field clocks, the ``prev``
    stamps of later own changes and recorded conflicts are rewritten together.
    """
    limit = hlc.ceiling(wall_ms)
    own = store.own_origin_no
    conn = store.conn
    with store.unit_of_work():
        pending = conn.execute("SELECT seq, hlc, entity, row_id FROM change_log "
                               "WHERE origin = ? AND seq > ? AND hlc > ? ORDER BY seq",
                               (own, confirmed_seq, limit)).fetchall()
        if not pending:
            return 0
        # Above every other stamp held, so what these changes won they still win. (When the
        # office's receipt shows our clock is right, those are all within the bound.)
        floor = conn.execute("SELECT coalesce(max(hlc), 0) FROM change_log "
                             "WHERE NOT (origin = ? AND seq > ? AND hlc > ?)",
                             (own, confirmed_seq, limit)).fetchone()[0]
        clock = hlc.HybridClock(last=floor, wall=lambda: wall_ms)
        mapping = {old: clock.now() for _, old, _, _ in pending}
        with translate_errors():
            conn.executemany("UPDATE change_log SET hlc = ? WHERE origin = ? AND seq = ?",
                             [(mapping[old], own, seq) for seq, old, _, _ in pending])
            _rewrite_prev(store, confirmed_seq, mapping)
            _rewrite_resolutions(store, confirmed_seq, mapping)
            for entity in sorted({entity for _, _, entity, _ in pending if entity in model.ENTITY_TYPES}):
                _rewrite_row_clocks(store, model.spec(entity),
                                    {row_id for _, _, e, row_id in pending if e == entity},
                                    lambda stamp: mapping.get(stamp, stamp))
            for column in ("hlc", "winner_hlc"):
                conn.executemany(f"UPDATE conflicts SET {column} = ? WHERE {column} = ?",
                                 [(new, old) for old, new in mapping.items()])
        # Lowered on purpose: the old stamps are gone, and the clock continues from the
        # highest stamp the store now holds.
        store.clock.last = clock.last
    return len(pending)


def _rewrite_prev(store: Store, confirmed_seq: int, mapping: dict[int, int]) -> None:
    """Later own changes name replaced values by their stamps (``prev``)."""
    found = store.conn.execute("SELECT seq, prev FROM change_log WHERE origin = ? AND seq > ? "
                               "AND prev IS NOT NULL", (store.own_origin_no, confirmed_seq)).fetchall()
    updates = []
    for seq, prev in found:
        stamps = json.loads(prev)
        renewed = {name: mapping.get(stamp, stamp) for name, stamp in stamps.items()}
        if renewed != stamps:
            updates.append((json.dumps(renewed), store.own_origin_no, seq))
    store.conn.executemany("UPDATE change_log SET prev = ? WHERE origin = ? AND seq = ?", updates)


def _rewrite_resolutions(store: Store, confirmed_seq: int, mapping: dict[int, int]) -> None:
    """Own decisions about conflicts name the two writes that raced by their stamps."""
    found = store.conn.execute("SELECT seq, vals FROM change_log WHERE origin = ? AND seq > ? "
                               "AND vals LIKE ?", (store.own_origin_no, confirmed_seq,
                                                   f'{{"{RESOLVE_FIELD}":%')).fetchall()
    updates = []
    for seq, vals in found:
        resolution = Resolution.from_values(json.loads(vals))
        if resolution is None:
            continue
        renewed = replace(resolution, loser=_renewed(store, resolution.loser, mapping),
                          winner=_renewed(store, resolution.winner, mapping))
        if renewed != resolution:
            updates.append((json.dumps(renewed.to_values(), separators=(",", ":"), ensure_ascii=False),
                            store.own_origin_no, seq))
    store.conn.executemany("UPDATE change_log SET vals = ? WHERE origin = ? AND seq = ?", updates)


def _renewed(store: Store, stamp: tuple[int, str], mapping: dict[int, int]) -> tuple[int, str]:
    return (mapping.get(stamp[0], stamp[0]), stamp[1]) if stamp[1] == store.device_id else stamp


def _rewrite_row_clocks(store: Store, entity_spec: model.EntitySpec, row_ids: set[str],
                        renew: Callable[[int], int]) -> None:
    own = store.own_origin_no
    marks = ", ".join("?" * len(row_ids))
    found = store.conn.execute(f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
                               f"WHERE id IN ({marks})", sorted(row_ids)).fetchall()
    updates = []
    for row in found:
        clocks = {name: ((renew(stamp) if origin == own else stamp), origin, renew(prev))
                  for name, (stamp, origin, prev) in rows.clocks_of(entity_spec, row).items()}
        base, fclock = rows.encode_clocks(clocks)
        updates.append((*base, fclock, row[0]))
    store.conn.executemany(f"UPDATE {entity_spec.table} SET _hlc = ?, _origin = ?, _prev = ?, "
                           f"_fclock = ? WHERE id = ?", updates)
