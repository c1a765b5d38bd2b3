"""Foreign writes: merging change sets made on other stores into this one.

Each field is a last-writer-wins register ordered by (hlc, origin device id); a
value that loses a *concurrent* race is kept in ``conflicts``. Applying a change
set that is already in the log does nothing, so replicas that have seen the same
change sets are identical in any order. Mixed into
:class:`~beratungsdesk.storage.unit_of_work.UnitOfWork` (the same transaction).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.changes import ERASE_VALUES_JSON, ChangeSet, Resolution, is_resolution
from beratungsdesk.core.errors import StoreError, StoreErrorCode
from beratungsdesk.storage import conflict_queries, erasure, rows
from beratungsdesk.storage.connection import Connection, translate_errors

if TYPE_CHECKING:
    from beratungsdesk.storage.store import Store

JSON_OPTIONS: dict[str, Any] = {"separators": (",", ":"), "ensure_ascii": False}
_JSON = JSON_OPTIONS
LOG_INSERT = ("INSERT INTO change_log(origin, seq, hlc, entity, row_id, vals, prev) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)")
_LOG_INSERT = LOG_INSERT
_APPLY_BATCH = 5000
_IN_LIMIT = 500  # bound parameters per IN (...) list


@dataclass
class ApplyResult:
    applied: int = 0
    already_known: int = 0
    conflicts: int = 0
    dropped: int = 0  # changes to erased records: logged without values, not applied
    erased: int = 0  # rows erased by erase changes (and rows found to belong to them)
    resolved: int = 0  # open conflicts closed by decisions made elsewhere
    replaced: int = 0  # this device's texts set aside by those decisions (a notice each)
    touched: set[tuple[str, str]] = field(default_factory=set)  # (entity, row id)


class RemoteMerge:
    """``apply_remote`` and its folding; needs the unit of work's store, connection,
    ``touched`` and ``wrote``."""

    store: Store
    conn: Connection
    touched: set[str]
    _origin_no: int  # this store's own origin number

    def wrote(self, entity_name: str, row_ids: Iterable[str]) -> None:
        raise NotImplementedError

    def wrote_pairs(self, written: Iterable[tuple[str, str]]) -> None:
        """Note (entity name, id) pairs written."""
        by_name: dict[str, list[str]] = {}
        for entity_name, row_id in written:
            by_name.setdefault(entity_name, []).append(row_id)
        for entity_name, row_ids in by_name.items():
            self.wrote(entity_name, row_ids)

    # --- foreign writes -----------------------------------------------------

    def apply_remote(self, change_sets: Iterable[ChangeSet]) -> ApplyResult:
        """Merge change sets made elsewhere. The caller has verified their origin.

        Works in batches: one query finds the change sets already in the log,
        one the rows they touch; each row's changes are folded in memory (the
        same per-field race as one by one) and the row is written once. A big
        import thus costs a few statements per batch instead of several per change.
        """
        result = ApplyResult()
        batch: list[ChangeSet] = []
        for change in change_sets:
            batch.append(change)
            if len(batch) >= _APPLY_BATCH:
                self._apply_batch(batch, result)
                batch = []
        if batch:
            self._apply_batch(batch, result)
        return result

    def _apply_batch(self, batch: list[ChangeSet], result: ApplyResult) -> None:
        fresh = self._unknown(batch, result)
        if not fresh:
            return
        erases: list[tuple[ChangeSet, int]] = []
        edits: list[tuple[ChangeSet, int]] = []
        decisions: list[tuple[ChangeSet, int]] = []
        for item in fresh:
            values = item[0].values
            if len(values) != 1:  # (nearly every change: neither kind below has more keys)
                edits.append(item)
            elif erasure.is_erase(values):
                erases.append(item)
            else:
                (decisions if is_resolution(values) else edits).append(item)
        edits = self._drop_erased(edits, result)
        if decisions:
            decisions = self._drop_erased(decisions, result)
        if edits:
            self._merge_batch(edits, result)
        # After the edits: a decision closes the conflict that the race above may have opened.
        for change, origin_no in decisions:
            self._apply_resolution(change, origin_no, result)
        for change, origin_no in erases:
            self._apply_erase(change, origin_no, result)
        if erases or result.dropped:
            # Children that arrived in this batch before (or without) their erased parent.
            with translate_errors():
                swept = erasure.sweep(self.conn)
            result.erased += len(swept)
            self.wrote_pairs(swept)

    def _drop_erased(self, fresh: list[tuple[ChangeSet, int]],
                     result: ApplyResult) -> list[tuple[ChangeSet, int]]:
        """Changes to erased records are logged without values and not applied: erasure wins."""
        erased_ids = erasure.erased_ids(self.conn)
        if not erased_ids:
            return fresh
        kept = []
        for change, origin_no in fresh:
            if change.row_id in erased_ids or erasure.parent_id(change.entity, change.values) in erased_ids:
                with translate_errors():
                    self.conn.execute(_LOG_INSERT, (origin_no, change.seq, change.hlc, change.entity,
                                                    change.row_id, "{}", None))
                    erasure.mark_erased(self.conn, change.entity, change.row_id, change.hlc,
                                        change.origin)
                self.store.clock.observe(change.hlc)
                result.dropped += 1
            else:
                kept.append((change, origin_no))
        return kept

    def _apply_resolution(self, change: ChangeSet, origin_no: int, result: ApplyResult) -> None:
        resolution = Resolution.from_values(change.values)
        if resolution is None:  # the bundle reader lets only well-formed ones through
            raise StoreError(StoreErrorCode.DATABASE_ERROR)
        with translate_errors():
            self.conn.execute(_LOG_INSERT, (origin_no, change.seq, change.hlc, change.entity,
                                            change.row_id, model.compact_json(change.values), None))
            result.resolved += conflict_queries.close(self.conn, change.entity, change.row_id, resolution)
            if (resolution.replaced[1] == self.store.device_id and change.origin != self.store.device_id
                    and conflict_queries.own_text_gone(self.conn, self._origin_no, change.entity,
                                                       change.row_id, resolution)):
                # Someone elsewhere set this device's text aside: tell the people here.
                conflict_queries.add_notice(self.conn, change.origin, change.seq)
                result.replaced += 1
        self.store.clock.observe(change.hlc)
        result.applied += 1
        self.touched.add("conflict")

    def _apply_erase(self, change: ChangeSet, origin_no: int, result: ApplyResult) -> None:
        with translate_errors():
            self.conn.execute(_LOG_INSERT, (origin_no, change.seq, change.hlc, change.entity,
                                            change.row_id, ERASE_VALUES_JSON, None))
            # Also when the record is not (yet) here: listed as erased, it is dropped on arrival.
            erased = erasure.erase(self.conn, change.entity, change.row_id, change.hlc, change.origin)
        self.store.clock.observe(change.hlc)
        result.applied += 1
        result.erased += len(erased)
        result.touched |= set(erased)
        self.wrote_pairs([*erased, (change.entity, change.row_id)])

    def _merge_batch(self, fresh: list[tuple[ChangeSet, int]], result: ApplyResult) -> None:
        with translate_errors():
            self.conn.executemany(_LOG_INSERT, [
                (origin_no, c.seq, c.hlc, c.entity, c.row_id, model.compact_json(c.values),
                 json.dumps(c.prev) if c.prev else None) for c, origin_no in fresh])
        by_row: dict[tuple[str, str], list[tuple[ChangeSet, int]]] = {}
        for item in fresh:
            by_row.setdefault((item[0].entity, item[0].row_id), []).append(item)
        for entity_name in sorted({entity for entity, _ in by_row}):
            entity_spec = model.spec(entity_name)
            row_ids = [row_id for entity, row_id in by_row if entity == entity_name]
            existing = self._load_many(entity_spec, row_ids)
            inserts, updates = [], []
            for row_id in row_ids:
                found = existing.get(row_id)
                params, conflicts = self._fold_row(entity_spec, row_id, found, by_row[(entity_name, row_id)])
                result.conflicts += conflicts
                if found is None:
                    inserts.append(params)
                else:
                    updates.append((*params[1:], row_id))
            with translate_errors():
                if inserts:
                    self.conn.executemany(rows.insert_sql(entity_spec), inserts)
                if updates:
                    self.conn.executemany(_update_sql(entity_spec), updates)
            self.wrote(entity_name, row_ids)
        # The clock only moves forward: observing the newest stamp is observing them all.
        self.store.clock.observe(max(change.hlc for change, _ in fresh))
        result.touched.update((change.entity, change.row_id) for change, _ in fresh)
        result.applied += len(fresh)

    def _fold_row(self, entity_spec: model.EntitySpec, row_id: str, found: tuple[Any, ...] | None,
                  changes: list[tuple[ChangeSet, int]]) -> tuple[tuple[Any, ...], int]:
        """A row's parameters after folding its changes of this batch in; and the conflicts found."""
        if found is None and _whole_at_once(entity_spec, changes):
            # New, whole and written at one instant (most rows of a handover): every field
            # wins with the change's clock, which becomes the row's base clock.
            first, origin_no = changes[0]
            return rows.row_params(entity_spec, row_id, first.values, (first.hlc, origin_no, 0), None), 0
        if found is None:
            current, clocks, changes = _new_row(entity_spec, changes)
        else:
            current, clocks = rows.wire_values_of(entity_spec, found), rows.clocks_of(entity_spec, found)
        conflicts = 0
        for change, origin_no in changes:
            conflicts += self._merge_fields(change, origin_no, current, clocks)
        base, fclock = rows.encode_clocks(clocks)
        return rows.row_params(entity_spec, row_id, current, base, fclock), conflicts

    def _unknown(self, batch: list[ChangeSet], result: ApplyResult) -> list[tuple[ChangeSet, int]]:
        """The change sets of ``batch`` not yet in the log (each once), with their origin numbers."""
        by_origin: dict[str, list[ChangeSet]] = {}
        for change in batch:
            by_origin.setdefault(change.origin, []).append(change)
        fresh = []
        for origin, changes in by_origin.items():
            origin_no = self.store.origin_no(origin, create=True)
            seqs = sorted({c.seq for c in changes})
            known: set[int] = set()
            for start in range(0, len(seqs), _IN_LIMIT):
                part = seqs[start:start + _IN_LIMIT]
                known.update(row[0] for row in self.conn.execute(
                    f"SELECT seq FROM change_log WHERE origin = ? AND seq IN ({','.join('?' * len(part))})",
                    (origin_no, *part)))
            for change in changes:
                if change.seq in known:
                    result.already_known += 1
                    continue
                known.add(change.seq)
                fresh.append((change, origin_no))
        return fresh

    def _load_many(self, entity_spec: model.EntitySpec, row_ids: list[str]) -> dict[str, tuple[Any, ...]]:
        found: dict[str, tuple[Any, ...]] = {}
        for start in range(0, len(row_ids), _IN_LIMIT):
            part = row_ids[start:start + _IN_LIMIT]
            for row in self.conn.execute(
                    f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
                    f"WHERE id IN ({','.join('?' * len(part))})", part):
                found[row[0]] = row
        return found

    def _merge_fields(self, change: ChangeSet, origin_no: int, current: dict[str, Any],
                      clocks: dict[str, rows.Clock]) -> int:
        """Fold one change set into a row's values and field clocks. Returns conflicts found."""
        conflicts = 0
        for name, value in change.values.items():
            incoming: rows.Clock = (change.hlc, origin_no, change.prev.get(name, 0))
            winner = self._field_race(change, name, value, current[name], clocks[name], incoming)
            if winner is None:
                continue
            conflicts += winner.conflict
            if winner.incoming_wins:
                current[name], clocks[name] = value, incoming
        return conflicts

    def _field_race(self, change: ChangeSet, name: str, value: Any, held: Any,
                    held_clock: rows.Clock, incoming: rows.Clock) -> _Race | None:
        if held_clock == rows.NO_CLOCK:
            return _WINS
        held_key = (held_clock[0], self.store.device_id_of(held_clock[1]))
        incoming_key = (change.hlc, change.origin)
        if incoming_key == held_key:
            return None
        if incoming_key > held_key:
            # The held value loses. Concurrent if the incoming writer had not seen it.
            if incoming[2] < held_clock[0] and value != held:
                self._record_conflict(change, name, held, held_clock, winner=incoming_key)
                return _WINS_CONCURRENT
            return _WINS
        # The incoming value loses. Concurrent if the held writer had not seen it.
        if held_clock[2] < change.hlc and value != held:
            lost = (change.hlc, self.store.origin_no(change.origin, create=True), 0)
            self._record_conflict(change, name, value, lost, winner=held_key)
            return _LOSES_CONCURRENT
        return _LOSES

    def _record_conflict(self, change: ChangeSet, name: str, losing_value: Any,
                         losing_clock: rows.Clock, winner: tuple[int, str]) -> None:
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.conn.execute(
            "INSERT OR IGNORE INTO conflicts(entity, row_id, field, value, hlc, origin, "
            "winner_hlc, winner_origin, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (change.entity, change.row_id, name, json.dumps(losing_value, **_JSON),
             losing_clock[0], self.store.device_id_of(losing_clock[1]), winner[0], winner[1], now))


@dataclass(frozen=True)
class _Race:
    incoming_wins: bool
    conflict: int


# The four outcomes of a field race (shared: a merge runs one race per field).
_WINS, _WINS_CONCURRENT = _Race(incoming_wins=True, conflict=0), _Race(incoming_wins=True, conflict=1)
_LOSES, _LOSES_CONCURRENT = _Race(incoming_wins=False, conflict=0), _Race(incoming_wins=False, conflict=1)


def _whole_at_once(entity_spec: model.EntitySpec, changes: list[tuple[ChangeSet, int]]) -> bool:
    """One change set that names every field of the row and replaced nothing (``prev`` empty)."""
    first = changes[0][0]
    return (len(changes) == 1 and not first.prev
            and first.values.keys() == _blank_template(entity_spec.name)[1].keys())


def _new_row(entity_spec: model.EntitySpec, changes: list[tuple[ChangeSet, int]],
             ) -> tuple[dict[str, Any], dict[str, rows.Clock], list[tuple[ChangeSet, int]]]:
    """A row not held yet with its first change set applied, and the change sets left to merge.

    Nothing is held, so the first change set wins every field it names without a
    race (what ``_field_race`` decides against an empty clock).
    """
    current, clocks = _blank_row(entity_spec)
    first, origin_no = changes[0]
    if not first.values.keys() <= clocks.keys():
        return current, clocks, changes  # a field the entity lacks: the race fails on it as ever
    current.update(first.values)
    for name in first.values:
        clocks[name] = (first.hlc, origin_no, first.prev.get(name, 0))
    return current, clocks, changes[1:]


def _blank_row(entity_spec: model.EntitySpec) -> tuple[dict[str, Any], dict[str, rows.Clock]]:
    """A row not seen yet: defaults for ``deleted``, nothing else, no clocks."""
    current, clocks = _blank_template(entity_spec.name)
    return dict(current), dict(clocks)


@functools.cache
def _blank_template(entity_name: str) -> tuple[dict[str, Any], dict[str, rows.Clock]]:
    entity_spec = model.spec(entity_name)
    current = {f.name: wire_form.to_wire(f.kind, f.default if f.name == "deleted" else None)
               for f in entity_spec.fields}
    return current, dict.fromkeys(entity_spec.names, rows.NO_CLOCK)


def _update_sql(entity_spec: model.EntitySpec) -> str:
    assignments = ", ".join(f"{name} = ?" for name in
                            (*entity_spec.names, "_hlc", "_origin", "_prev", "_fclock"))
    return f"UPDATE {entity_spec.table} SET {assignments} WHERE id = ?"
