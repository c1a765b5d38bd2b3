"""The batched merge of a handover import gives exactly what merging one change at a time gives.

``apply_remote`` folds a batch's changes per row in memory and writes each row
once, with a shortcut for rows that arrive whole and new. Hypothesis draws
change sets of three devices to a few case and contact rows — whole new rows,
partial edits, tombstones, with and without knowledge of earlier stamps, with
clock ties between devices and repeated deliveries — and applies them to three
replicas: all in one batch, one change per batch in the batch's order, and
shuffled in two batches. Rows, per-field clocks and the change log must agree,
the kept conflicts too where the order was the same, and every field must hold
the value of its newest write.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.core import model
from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.storage import rows
from beratungsdesk.storage.store import Store

DEVICES = ["aaaaaaaa-0000-0000-0000-00000000000a", "bbbbbbbb-0000-0000-0000-00000000000b",
           "cccccccc-0000-0000-0000-00000000000c"]
ROWS = [("case", "c0000000-0000-0000-0000-000000000001"), ("case", "c0000000-0000-0000-0000-000000000002"),
        ("contact", "d0000000-0000-0000-0000-000000000001"),
        ("contact", "d0000000-0000-0000-0000-000000000002")]
_POOLS: dict[str, list[Any]] = {
    model.BOOL: [False, True], model.INT: [None, 15, 45], model.DATE: [None, "2024-01-02", "2024-03-04"],
    model.CODES: [[], ["religion"], ["origin", "religion"]], model.LIST: [[], ["Türkisch"]],
}
_TEXTS = [None, "a", "b"]


def _pool(entity: str, name: str) -> list[Any]:
    if name == "case_id":
        return [ROWS[0][1], ROWS[1][1]]  # contacts belong to one of the two cases
    return _POOLS.get(model.spec(entity).field(name).kind, _TEXTS)


@st.composite
def deliveries(draw: st.DrawFn) -> list[ChangeSet]:
    """Each device's change sets (strictly rising clocks), interleaved, some delivered twice."""
    issued: list[int] = [0]
    streams = []
    for device in DEVICES:
        stamp, changes = draw(st.integers(1, 4)), []
        for seq in range(1, draw(st.integers(1, 6)) + 1):
            entity, row_id = draw(st.sampled_from(ROWS))
            names = model.spec(entity).names
            whole = draw(st.booleans())
            fields = names if whole else draw(st.lists(st.sampled_from(names), min_size=1, max_size=3,
                                                        unique=True))
            values = {name: draw(st.sampled_from(_pool(entity, name))) for name in fields}
            # prev: what the writer had seen of each field (nothing, or some stamp issued so far).
            prev: dict[str, int] = {}
            if not (whole and draw(st.booleans())):
                for name in fields:
                    seen = draw(st.sampled_from(issued))
                    if seen:
                        prev[name] = seen
            stamp += draw(st.integers(1, 3))  # small steps: ties between devices happen
            issued.append(stamp)
            changes.append(ChangeSet(device, seq, stamp, entity, row_id, values, prev))
        streams.append(changes)
    merged = draw(st.permutations([c for stream in streams for c in stream]))
    again = draw(st.lists(st.sampled_from(merged), max_size=3))
    return [*merged, *again]


def _reset(store: Store) -> None:
    store.conn.execute("BEGIN IMMEDIATE")
    for entity, row_id in ROWS:
        store.conn.execute(f"DELETE FROM {model.spec(entity).table} WHERE id = ?", (row_id,))
    store.conn.execute("DELETE FROM change_log WHERE row_id IN (?, ?, ?, ?)", tuple(r for _, r in ROWS))
    store.conn.execute("DELETE FROM conflicts")
    store.conn.execute("COMMIT")


def _state(store: Store) -> dict[str, Any]:
    """Rows with decoded per-field clocks, remote change log and conflicts, free of local numbers."""
    found: dict[str, Any] = {}
    for entity, row_id in ROWS:
        entity_spec = model.spec(entity)
        row = store.conn.execute(f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
                                 "WHERE id = ?", (row_id,)).fetchone()
        if row is not None:
            clocks = {name: (hlc, store.device_id_of(origin), prev)
                      for name, (hlc, origin, prev) in rows.clocks_of(entity_spec, row).items()}
            found[row_id] = (rows.wire_values_of(entity_spec, row), clocks)
    found["log"] = sorted(
        (device, seq, hlc, entity, row_id, json.loads(vals), json.loads(prev or "{}"))
        for device, seq, hlc, entity, row_id, vals, prev in store.conn.execute(
            "SELECT o.device_id, l.seq, l.hlc, l.entity, l.row_id, l.vals, l.prev FROM change_log l "
            "JOIN origins o ON o.no = l.origin WHERE l.row_id IN (?, ?, ?, ?)", tuple(r for _, r in ROWS)))
    found["conflicts"] = sorted(store.conn.execute(
        "SELECT entity, row_id, field, value, hlc, origin, winner_hlc, winner_origin FROM conflicts"))
    return found


def _batch_order(changes: list[ChangeSet]) -> list[ChangeSet]:
    """The order a batch is merged in: each change once, grouped by origin (first seen first),
    in arrival order within an origin. Which value of a concurrent race is *kept as the
    conflict* depends on the order; the values and clocks do not."""
    by_origin: dict[str, dict[int, ChangeSet]] = {}
    for change in changes:
        by_origin.setdefault(change.origin, {}).setdefault(change.seq, change)
    return [change for group in by_origin.values() for change in group.values()]


def _newest(changes: list[ChangeSet]) -> dict[str, Any]:
    """The register semantics: per field, the write with the highest (hlc, device) wins."""
    expected: dict[str, Any] = {}
    for change in sorted({(c.origin, c.seq): c for c in changes}.values(), key=lambda c: (c.hlc, c.origin)):
        entity_spec = model.spec(change.entity)
        values, clocks = expected.setdefault(change.row_id, (
            {f.name: False if f.name == "deleted" else None for f in entity_spec.fields},
            dict.fromkeys(entity_spec.names, (0, "", 0))))
        for name, value in change.values.items():
            values[name] = value
            clocks[name] = (change.hlc, change.origin, change.prev.get(name, 0))
    return expected


_REPLICAS: dict[int, list[Store]] = {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=deliveries(), order=st.randoms(use_true_random=False), cut=st.integers(0, 30))
def test_batched_merge_equals_one_change_at_a_time(make_store, changes, order, cut) -> None:
    # Three replicas per test run, reused across examples (creating stores is the slow part).
    if id(make_store) not in _REPLICAS:
        _REPLICAS[id(make_store)] = [make_store("batch"), make_store("single"), make_store("shuffled")]
    batch, single, shuffled = stores = _REPLICAS[id(make_store)]
    for store in stores:
        _reset(store)
    distinct = len({(c.origin, c.seq) for c in changes})
    with batch.unit_of_work() as uow:
        result = uow.apply_remote(changes)
    assert (result.applied, result.already_known) == (distinct, len(changes) - distinct)
    conflicts = 0
    with single.unit_of_work() as uow:
        for change in _batch_order(changes):
            conflicts += uow.apply_remote([change]).conflicts
    assert conflicts == result.conflicts
    mixed = list(changes)
    order.shuffle(mixed)
    with shuffled.unit_of_work() as uow:
        uow.apply_remote(mixed[:cut])
        uow.apply_remote(mixed[cut:])
        again = uow.apply_remote(changes)  # a second delivery changes nothing
    assert (again.applied, again.already_known) == (0, len(changes))

    in_order, one_by_one, any_order = (_state(store) for store in stores)
    assert in_order == one_by_one  # conflicts included: same order, same races
    assert {k: v for k, v in in_order.items() if k != "conflicts"} == \
        {k: v for k, v in any_order.items() if k != "conflicts"}
    expected = _newest(changes)
    assert {row_id: in_order[row_id] for row_id in expected} == expected
