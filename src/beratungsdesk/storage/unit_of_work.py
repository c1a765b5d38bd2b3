"""The one way data is written: tables and change log in the same transaction.

Local writes (``insert``/``update``/``delete``) validate the entity, write its
table row and append a change set stamped with this device's next sequence
number and a fresh hybrid-logical-clock stamp.

Foreign writes (``apply_remote``) arrive from other stores. Each field is a
last-writer-wins register ordered by (hlc, origin device id); a value that
loses a *concurrent* race is kept in ``conflicts``. Applying a change set that
is already in the log does nothing, so replicas that have seen the same change
sets are identical in any order.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from beratungsdesk.core import model, validation, wire_form
from beratungsdesk.core.changes import ERASE_VALUES_JSON, ChangeSet, Resolution, is_resolution
from beratungsdesk.core.errors import BeratungsError, NotFound, StoreError
from beratungsdesk.storage import audit, conflict_queries, erasure, figures, fulltext, rows
from beratungsdesk.storage.connection import translate_errors

if TYPE_CHECKING:
    from beratungsdesk.storage.store import Store

_JSON = {"separators": (",", ":"), "ensure_ascii": False}


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


class UnitOfWork:
    """``with store.unit_of_work() as uow:`` — commits on success, rolls back on error."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn
        self._origin_no = store.own_origin_no
        self.touched: set[str] = set()  # entity names written, for change notifications
        self._audit_trail: list[tuple[str, str, str]] = []  # (action, entity, row id) of local writes
        self.actor: str | None = store.actor
        self._bulk_failed = False  # a failed bulk insert forbids the commit (insert_many)

    # --- transaction ------------------------------------------------------

    def __enter__(self) -> UnitOfWork:
        with translate_errors():
            self.conn.execute("BEGIN IMMEDIATE")
        self._seq = self.store.last_own_seq
        self._clock_before = self.store.clock.last
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is not None:
            self._rollback()
            return
        if self._bulk_failed:  # the caller went on after a failed bulk insert
            self._rollback()
            raise StoreError("database_error")
        try:
            with translate_errors():
                self._write_audit_trail()
                self.store.set_meta("hlc", str(self.store.clock.last))
                self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self.store.last_own_seq = self._seq
        self.store.after_commit(self.touched)

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.store.clock.last = max(self.store.clock.last, self._clock_before)

    # --- audit ----------------------------------------------------------------

    def audit(self, action: str, entity: str | None = None, row_id: str | None = None,
              detail: str | None = None) -> None:
        """Append an audit entry in this transaction (ids and actions only)."""
        entry = audit.new_entry(self.conn, self.store.device_id, self.actor, action, entity, row_id,
                                detail)
        self._insert_batch(model.spec("audit"), [entry], record=False)

    def _write_audit_trail(self) -> None:
        """One entry per written record, or per kind and action with a count for bulk writes."""
        trail = self._audit_trail
        self._audit_trail = []
        if len(trail) <= AUDIT_ROWS_PER_TRANSACTION:
            for action, entity, row_id in dict.fromkeys(trail):
                self.audit(action, entity, row_id)
            return
        counts: dict[tuple[str, str], int] = {}
        for action, entity, _ in trail:
            counts[(action, entity)] = counts.get((action, entity), 0) + 1
        for (action, entity), count in counts.items():
            self.audit(action, entity, None, detail=str(count))

    # --- local writes -------------------------------------------------------

    def insert(self, entity: model.Entity) -> None:
        self.insert_many([entity])

    def insert_many(self, entities: Iterable[model.Entity], validated: bool = False) -> None:
        """Insert new rows (batched per entity type: the fast path for imports).

        ``validated=True``: the caller has just found no ``validation.problems`` in
        each entity with this store's vocabulary (an import that reports every
        problem with its line does), so they are not checked a second time.

        From ``BULK_FIGURES_ROWS`` counted rows on, the running figures are added
        for the whole batch at once instead of by a trigger per row
        (``figures.bulk_insert``), and so are the full-text rows
        (``fulltext.bulk_rows``); then all entities are validated before the first
        is written, and if writing fails the unit of work will not commit.
        """
        batches: dict[str, list[model.Entity]] = {}
        for entity in entities:
            batches.setdefault(entity.ENTITY, []).append(entity)
        counted = sum(len(batches.get(name, ())) for name in figures.SUMMED_ENTITIES)
        if counted < BULK_FIGURES_ROWS:
            for name, batch in batches.items():
                self._insert_batch(model.spec(name), batch, validated=validated)
            return
        if not validated:  # every problem before anything is written
            vocabulary = self.store.vocabulary()
            for batch in batches.values():
                for entity in batch:
                    validation.check(entity, vocabulary)
        try:
            with translate_errors(), figures.bulk_insert(self.conn, batches) as written:
                for name, batch in batches.items():
                    entity_spec = model.spec(name)
                    with fulltext.bulk_rows(self.conn, entity_spec.table):
                        self._insert_batch(entity_spec, batch, validated=True, written=written)
        except BaseException:
            # Rows written before the error are not in the running sums: this
            # transaction must not be committed (see __exit__).
            self._bulk_failed = True
            raise

    def _insert_batch(self, entity_spec: model.EntitySpec, batch: list[model.Entity],
                      record: bool = True, validated: bool = False,
                      written: figures.BulkRows | None = None) -> None:
        vocabulary = self.store.vocabulary()
        if not validated:  # every entity before its stamp is taken
            for entity in batch:
                validation.check(entity, vocabulary)
        row_params, log_entries = [], []
        origin_no, name = self._origin_no, entity_spec.name
        first_seq = self._seq + 1
        self._seq += len(batch)
        for entity, stamp, seq in zip(batch, self.store.clock.stamps(len(batch)),
                                      range(first_seq, self._seq + 1), strict=True):
            wire, row = rows.new_row(entity_spec, entity, (stamp, origin_no, 0))
            row_params.append(row)
            log_entries.append((seq, stamp, entity.id, wire))
            if written is not None:
                written.add(name, entity.id, wire)
        with translate_errors():
            # A bulk insert (with ``written``) has SQLite build its change-log rows.
            highest = self._highest_rowid(entity_spec) if written is not None and batch else None
            self.conn.executemany(rows.insert_sql(entity_spec), row_params)
            if highest is None or not self._log_from_rows(entity_spec, highest, log_entries):
                to_json = model.compact_json
                self.conn.executemany(_LOG_INSERT, [(origin_no, seq, stamp, name, row_id, to_json(wire), None)
                                                    for seq, stamp, row_id, wire in log_entries])
        self.touched.add(entity_spec.name)
        if record and entity_spec.name not in _NOT_AUDITED:
            self._audit_trail += [("create", entity_spec.name, entity.id) for entity in batch]

    def _highest_rowid(self, entity_spec: model.EntitySpec) -> int | None:
        """The table's highest rowid, or None once rowids may no longer come in order."""
        highest = self.conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {entity_spec.table}").fetchone()[0]
        return highest if highest < _SEQUENTIAL_ROWIDS_BELOW else None

    def _log_from_rows(self, entity_spec: model.EntitySpec, highest: int,
                       log_entries: list[tuple[int, int, str, dict[str, Any]]]) -> bool:
        """The batch's change-log rows built by SQLite from its rows (``rows.log_from_rows_sql``);
        False (and nothing written) if that did not give exactly one per row, as it always should."""
        (first_seq, first_stamp, _, _), (last_seq, last_stamp, _, _) = log_entries[0], log_entries[-1]
        logged = self.conn.execute(rows.log_from_rows_sql(entity_spec.name), {
            "origin": self._origin_no, "entity": entity_spec.name, "first_seq": first_seq,
            "first_stamp": first_stamp, "last_stamp": last_stamp, "highest": highest}).rowcount
        if logged == len(log_entries):
            return True
        self.conn.execute("DELETE FROM change_log WHERE origin = ? AND seq BETWEEN ? AND ?",
                          (self._origin_no, first_seq, last_seq))
        return False

    def update(self, entity_name: str, row_id: str, changes: dict[str, Any]) -> None:
        """Change some fields of a row (Python values, as on the dataclass)."""
        entity_spec = model.spec(entity_name)
        current, clocks = self._load(entity_spec, row_id)
        if entity_spec.append_only and set(changes) - {"deleted"}:
            raise BeratungsError("append_only", entity=entity_name)
        unknown = set(changes) - set(entity_spec.names)
        if unknown:
            raise BeratungsError("unknown_field", entity=entity_name, field=sorted(unknown)[0])
        merged = wire_form.entity_from_wire(entity_name, row_id, current)
        for name, value in changes.items():
            setattr(merged, name, value)
        if set(changes) != {"deleted"}:  # a record with invalid stored values may still be deleted
            validation.check(merged, self.store.vocabulary())
        new_wire = wire_form.entity_to_wire(merged)
        changed = {name: new_wire[name] for name in changes if new_wire[name] != current[name]}
        if not changed:
            return
        self._seq += 1
        stamp = self.store.clock.now()
        prev = {name: clocks[name][0] for name in changed if clocks[name][0]}
        for name in changed:
            clocks[name] = (stamp, self._origin_no, clocks[name][0])
        current.update(changed)
        self._write_row(entity_spec, row_id, current, clocks, replace=True)
        with translate_errors():
            self.conn.execute(_LOG_INSERT, (self._origin_no, self._seq, stamp, entity_name, row_id,
                                            json.dumps(changed, **_JSON),
                                            json.dumps(prev) if prev else None))
            # A field given the value its open conflict kept: nothing is left to decide.
            conflict_queries.settle_written(self.conn, entity_name, row_id, changed)
        self.touched.add(entity_name)
        if entity_name not in _NOT_AUDITED:
            action = "delete" if changed.get("deleted") is True else "change"
            self._audit_trail.append((action, entity_name, row_id))

    def delete(self, entity_name: str, row_id: str) -> None:
        """Tombstone: the row stays with ``deleted`` set, so the deletion can travel."""
        self.update(entity_name, row_id, {"deleted": True})

    def erase(self, entity_name: str, row_id: str, must_exist: bool = True) -> list[tuple[str, str]]:
        """Erase a record for data protection, with everything that belongs to it.

        Recorded as an erase change that travels like any change and wins over
        every edit (see ``storage/erasure.py``). Returns the rows erased.
        ``must_exist=False`` records the erasure of a row this store does not hold
        (yet): a restored store re-applies erasures made after its backup, so a
        late copy of the row from a laptop is dropped when it arrives.
        """
        model.spec(entity_name)
        if must_exist and not queries_exists(self.conn, entity_name, row_id):
            raise NotFound(entity=entity_name)
        self._seq += 1
        stamp = self.store.clock.now()
        with translate_errors():
            self.conn.execute(_LOG_INSERT, (self._origin_no, self._seq, stamp, entity_name, row_id,
                                            ERASE_VALUES_JSON, None))
            erased = erasure.erase(self.conn, entity_name, row_id, stamp, self.store.device_id)
        self.touched |= {entity for entity, _ in erased}
        self._audit_trail.append(("erase", entity_name, row_id))
        return erased

    def resolve(self, entity_name: str, row_id: str, resolution: Resolution) -> None:
        """Record a decision about a conflict as a change that travels (see
        ``storage/conflict_queries.py``); to take the other value, ``update`` the field too."""
        model.spec(entity_name).field(resolution.field)
        self._seq += 1
        stamp = self.store.clock.now()
        with translate_errors():
            self.conn.execute(_LOG_INSERT, (self._origin_no, self._seq, stamp, entity_name, row_id,
                                            json.dumps(resolution.to_values(), **_JSON), None))
            conflict_queries.close(self.conn, entity_name, row_id, resolution)
        self.touched.add("conflict")

    def put_blob(self, content: bytes, sha256: str) -> None:
        """Store attachment bytes content-addressed (idempotent)."""
        with translate_errors():
            self.conn.execute("INSERT OR IGNORE INTO blobs(sha256, size, content) VALUES (?, ?, ?)",
                              (sha256, len(content), content))

    def _load(self, entity_spec: model.EntitySpec, row_id: str) -> tuple[dict[str, Any], dict]:
        found = self.conn.execute(
            f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} WHERE id = ?",
            (row_id,)).fetchone()
        if found is None:
            raise NotFound(entity=entity_spec.name)
        return rows.wire_values_of(entity_spec, found), rows.clocks_of(entity_spec, found)

    def _write_row(self, entity_spec: model.EntitySpec, row_id: str, wire: dict[str, Any],
                   clocks: dict[str, rows.Clock], replace: bool) -> None:
        base, fclock = rows.encode_clocks(clocks)
        params = rows.row_params(entity_spec, row_id, wire, base, fclock)
        if not replace:
            sql = rows.insert_sql(entity_spec)
        else:
            assignments = ", ".join(f"{name} = ?" for name in
                                    (*entity_spec.names, "_hlc", "_origin", "_prev", "_fclock"))
            sql = f"UPDATE {entity_spec.table} SET {assignments} WHERE id = ?"
            params = (*params[1:], row_id)
        with translate_errors():
            self.conn.execute(sql, params)

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
        erases, edits, decisions = [], [], []
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
            self.touched |= {entity for entity, _ in swept}

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
            raise StoreError("database_error")
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
        self.touched |= {entity for entity, _ in erased} | {change.entity}

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
            self.touched.add(entity_name)
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


#: From this many cases, contacts and interventions in one ``insert_many`` on, their
#: running figures are summed for the batch (storage/figures.py). The bulk path has a
#: fixed cost (dropping and creating three triggers, four look-ups): measured with
#: contacts of one case (2026-12-06, load 3.5), 100 rows took 14 ms against 9 ms with
#: the triggers, 500 rows 40 against 33 ms, 2 000 rows 98 against 110 ms (a case
#: costs the triggers about twice a contact). Smaller writes keep the triggers.
BULK_FIGURES_ROWS = 1000


# The four outcomes of a field race (shared: a merge runs one race per field).
_WINS, _WINS_CONCURRENT = _Race(incoming_wins=True, conflict=0), _Race(incoming_wins=True, conflict=1)
_LOSES, _LOSES_CONCURRENT = _Race(incoming_wins=False, conflict=0), _Race(incoming_wins=False, conflict=1)


#: Up to this many records written in one transaction get an audit entry each.
AUDIT_ROWS_PER_TRANSACTION = 20
#: Not audited record by record: the audit log itself, and the vocabularies seeded by the app.
_NOT_AUDITED = frozenset({"audit"})

def queries_exists(conn: Any, entity_name: str, row_id: str) -> bool:
    table = model.spec(entity_name).table
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None



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


_APPLY_BATCH = 5000
_IN_LIMIT = 500  # bound parameters per IN (...) list
#: New rows get the highest rowid + 1 until the largest rowid is taken (as in storage/fulltext.py).
_SEQUENTIAL_ROWIDS_BELOW = 2**62
_LOG_INSERT = ("INSERT INTO change_log(origin, seq, hlc, entity, row_id, vals, prev) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
