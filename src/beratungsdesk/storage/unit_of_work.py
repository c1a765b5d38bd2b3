"""The one way data is written: tables and change log in the same transaction.

Local writes (``insert``/``update``/``delete``) validate the entity, write its
table row and append a change set stamped with this device's next sequence
number and a fresh hybrid-logical-clock stamp.

Foreign writes (``apply_remote``) arrive from other stores and are merged field
by field (``storage/remote_merge.py``).

Every write notes which records it touched; after the commit the store tells its
listeners exactly those (a ``core.changed.Changes``), so the window refreshes only
what shows them.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from beratungsdesk.core import model, validation, wire_form
from beratungsdesk.core.changed import CASE_KINDS, MAX_IDS, Changes
from beratungsdesk.core.changes import ERASE_VALUES_JSON, Resolution
from beratungsdesk.core.errors import BeratungsError, NotFound, StoreError, StoreErrorCode
from beratungsdesk.storage import audit, conflict_queries, erasure, figures, fulltext, rows
from beratungsdesk.storage.connection import translate_errors
from beratungsdesk.storage.remote_merge import JSON_OPTIONS as _JSON
from beratungsdesk.storage.remote_merge import LOG_INSERT as _LOG_INSERT
from beratungsdesk.storage.remote_merge import ApplyResult, RemoteMerge

if TYPE_CHECKING:
    from beratungsdesk.storage.store import Store

__all__ = ["AUDIT_ROWS_PER_TRANSACTION", "BULK_FIGURES_ROWS", "ApplyResult", "UnitOfWork"]


class UnitOfWork(RemoteMerge):
    """``with store.unit_of_work() as uow:`` — commits on success, rolls back on error."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn
        self._origin_no = store.own_origin_no
        self.touched: set[str] = set()  # entity names written, for change notifications
        #: The ids written per entity name (a name in ``touched`` without ids: any of it).
        self._written: dict[str, set[str]] = {}
        #: The cases whose records were written (None: not known, e.g. after foreign changes).
        self._cases: set[str] | None = set()
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
            raise StoreError(StoreErrorCode.DATABASE_ERROR)
        try:
            with translate_errors():
                self._write_audit_trail()
                self.store.set_meta("hlc", str(self.store.clock.last))
                self.conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise
        self.store.last_own_seq = self._seq
        self.store.after_commit(self.changes())

    def changes(self) -> Changes:
        """What this unit of work wrote: entity names and, where noted, their ids and cases."""
        cases = self._cases
        if any(kind in CASE_KINDS and kind not in self._written for kind in self.touched):
            cases = None  # noted by name only (e.g. ``uow.touched.add``): any case may be concerned
        return Changes.of(self.touched, {name: ids for name, ids in self._written.items()
                                         if name in self.touched}, case_ids=cases)

    def wrote(self, entity_name: str, row_ids: Iterable[str],
              case_ids: Iterable[str] | None = None) -> None:
        """Note records written (for the commit notice) and, for records of a case, the cases
        they belong to (``None``: not known). Past ``MAX_IDS`` of one kind only the kind is kept:
        the window then reloads whatever shows that kind."""
        self.touched.add(entity_name)
        # One past the limit is enough to know it was passed (a bulk insert of 100 000 rows
        # does not build a set of them all).
        ids = self._written.setdefault(entity_name, set())
        ids.update(itertools.islice(row_ids, max(MAX_IDS + 1 - len(ids), 0)))
        if entity_name in CASE_KINDS and self._cases is not None:
            if case_ids is None:
                self._cases = None
            else:
                self._cases.update(itertools.islice(case_ids, max(MAX_IDS + 1 - len(self._cases), 0)))

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
        self.wrote(entity_spec.name, (entity.id for entity in batch), _cases_of(batch))
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
        self.wrote(entity_name, (row_id,), _cases_of([merged]))
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
        self.wrote_pairs(erased)
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

    def _load(self, entity_spec: model.EntitySpec, row_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
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


#: From this many cases, contacts and interventions in one ``insert_many`` on, their
#: running figures are summed for the batch (storage/figures.py). The bulk path has a
#: fixed cost (dropping and creating three triggers, four look-ups): measured with
#: contacts of one case (2026-12-06, load 3.5), 100 rows took 14 ms against 9 ms with
#: the triggers, 500 rows 40 against 33 ms, 2 000 rows 98 against 110 ms (a case
#: costs the triggers about twice a contact). Smaller writes keep the triggers.
BULK_FIGURES_ROWS = 1000



#: Up to this many records written in one transaction get an audit entry each.
AUDIT_ROWS_PER_TRANSACTION = 20
#: Not audited record by record: the audit log itself, and the vocabularies seeded by the app.
_NOT_AUDITED = frozenset({"audit"})

def _cases_of(entities: Iterable[model.Entity]) -> Iterator[str]:
    """The cases these records belong to (a case belongs to itself)."""
    for entity in entities:
        case_id = entity.id if entity.ENTITY == "case" else getattr(entity, "case_id", None)
        if isinstance(case_id, str):
            yield case_id


def queries_exists(conn: Any, entity_name: str, row_id: str) -> bool:
    table = model.spec(entity_name).table
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None




#: New rows get the highest rowid + 1 until the largest rowid is taken (as in storage/fulltext.py).
_SEQUENTIAL_ROWIDS_BELOW = 2**62
