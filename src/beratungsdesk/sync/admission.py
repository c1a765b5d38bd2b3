"""The admission step of an import: every incoming change is authorized and validated.

Runs on every device, once per batch, right before ``UnitOfWork.apply_remote``
(``sync/importer.py``). A change is admitted only if

1. its sender may write it (``sync/authorization.py``: entity, operation, fields,
   and on the office the sending laptop's scope), and
2. the record it leaves behind passes the same validation as a local write
   (``core/validation.py``: required fields, known codes, real dates, closing not
   before opening, sizes ...). An update may not add a problem the stored record
   did not have (so a record that is somehow invalid can still be repaired).

A refused change is never applied. It goes to the quarantine (kept for the office
to inspect, ``sync quarantine``) and leaves a stub in the change log, so the rest
of the bundle is applied and the sender's next cumulative bundle does not repeat
it. Only the refused changes are held back, not the whole bundle: bundles are
cumulative, so refusing a whole bundle would block every later piece of the
counselor's legitimate work behind one bad change, for ever.

Scope facts are looked up per batch (a few queries for the whole batch), so the
import stays fast.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from beratungsdesk.core import model, validation, wire_form
from beratungsdesk.core.changes import ChangeSet, Resolution, is_erase
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.storage import admission_queries as queries
from beratungsdesk.storage import erasure
from beratungsdesk.storage.handover import now_iso, peers
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync import authorization as rules

_PROBLEM = tuple[str, str | None]  # (code, field)


class _WithIncomingTerms(Vocabulary):
    """The store's vocabulary plus entries the office sends in the same bundle."""

    def __init__(self, base: Vocabulary, incoming: set[tuple[str, str]]) -> None:
        super().__init__([])  # validation asks only ``has``; labels are not needed here
        self._base, self._incoming = base, incoming

    def has(self, kind: str, code: str) -> bool:
        return (kind, code) in self._incoming or self._base.has(kind, code)


@dataclass
class _Batch:
    """What one batch needs to know about the store, looked up in a few queries."""

    rows: dict[tuple[str, str], dict[str, Any]]  # (entity, id) -> wire values, as the batch goes on
    cases: set[str] = field(default_factory=set)  # in the sender's scope (or new from it)
    clients: set[str] = field(default_factory=set)
    counselors: set[str] = field(default_factory=set)  # team members the batch's new cases name


class Gate:
    """Admission for one bundle from ``sender``; see the module docstring."""

    def __init__(self, store: Store, sender: peers.Peer, bundle_seq: int) -> None:
        self.store = store
        self.sender = sender
        self.bundle_seq = bundle_seq
        self.on_office = store.role == ROLE_OFFICE
        self.sender_origin = store.origin_no(sender.device_id, create=True)
        self.refused = 0
        self.reasons: dict[str, int] = {}  # reason code -> refused change sets (for callers and tests)
        self._terms: set[tuple[str, str]] = set()

    # --- per batch ----------------------------------------------------------------

    def admit(self, batch: list[ChangeSet]) -> list[ChangeSet]:
        """The changes of ``batch`` that may be applied; the others go to the quarantine."""
        if not batch:
            return batch
        known = queries.known_changes(self.store, batch)
        erased = erasure.erased_ids(self.store.conn)
        # Already known (a repeat) or about an erased record: apply_remote counts or drops them.
        passing = {id(c) for c in batch if (c.origin, c.seq) in known or (erased and (
            c.row_id in erased or erasure.parent_id(c.entity, c.values) in erased))}
        fresh = [c for c in batch if id(c) not in passing]
        state = self._look_up(fresh)
        self._note_terms(fresh)
        vocabulary = self.store.vocabulary()
        if self._terms:  # (a second lookup for every code only where the office sends terms)
            vocabulary = _WithIncomingTerms(vocabulary, self._terms)
        kept, refused = [], []
        for change in batch:
            if id(change) in passing:
                kept.append(change)
                continue
            verdict, after = self._judge(change, state, vocabulary)
            if verdict is None:
                kept.append(change)
                self._remember(change, state, after)
            else:
                refused.append(verdict)
        if refused:
            queries.quarantine(self.store, self.sender.device_id, self.bundle_seq, refused,
                               now_iso())
            self.refused += len(refused)
            for item in refused:
                self.reasons[item.reason] = self.reasons.get(item.reason, 0) + 1
        return kept

    def _look_up(self, fresh: list[ChangeSet]) -> _Batch:
        by_entity: dict[str, set[str]] = {}
        for change in fresh:
            by_entity.setdefault(change.entity, set()).add(change.row_id)
        rows = {(entity, row_id): values for entity, ids in by_entity.items()
                for row_id, values in queries.current_rows(self.store.conn, entity, ids).items()}
        state = _Batch(rows)
        if self.on_office:  # scope matters only where a laptop's own changes arrive
            case_ids, client_ids = _scope_candidates(fresh, rows)
            counselor = self.sender.counselor_id
            state.cases = queries.cases_in_scope(self.store, self.sender_origin, counselor, case_ids)
            state.clients = queries.clients_in_scope(self.store, self.sender_origin, counselor, client_ids)
            named = {c.values["counselor_id"] for c in fresh
                     if c.entity == "case" and isinstance(c.values.get("counselor_id"), str)}
            state.counselors = set(queries.current_rows(self.store.conn, "counselor", named))
        return state

    def _note_terms(self, fresh: list[ChangeSet]) -> None:
        """Vocabulary entries the office sends along (a new town, used by a case in the same bundle)."""
        if self.on_office:
            return
        for change in fresh:
            if change.entity == "term" and change.origin == self.sender.device_id and ":" in change.row_id:
                kind, code = change.row_id.split(":", 1)
                self._terms.add((kind, code))

    def _remember(self, change: ChangeSet, state: _Batch, after: dict[str, Any] | None) -> None:
        """An admitted change: later changes in the batch see its values (and its new records)."""
        if after is None:  # an erase change
            return
        key = (change.entity, change.row_id)
        if key not in state.rows:
            if change.entity == "case":
                state.cases.add(change.row_id)
            elif change.entity == "client":
                state.clients.add(change.row_id)
        state.rows[key] = after

    # --- one change -------------------------------------------------------------------

    def _judge(self, change: ChangeSet, state: _Batch, vocabulary: Vocabulary
               ) -> tuple[queries.Refused | None, dict[str, Any] | None]:
        """(why the change is refused, or None; the record as it will be if admitted)."""
        current = state.rows.get((change.entity, change.row_id))
        resolution = Resolution.from_values(change.values)
        if resolution is not None:
            return self._judge_resolution(change, resolution, current, state, vocabulary), None
        operation = _operation(change, current)

        def refuse(reason: str, field_name: str | None = None) -> queries.Refused:
            return queries.Refused(change, operation, reason, field_name)

        if self._from_laptop(change):
            found = rules.operation_refusal(change.entity, operation)
            if found:
                return refuse(found), None
            if self.on_office:
                found_field = self._scope_refusal(change, operation, current, state)
                if found_field:
                    return refuse(*found_field), None
        if operation == rules.ERASE:
            return None, None
        after = {**(current or _blank_template(change.entity)), **change.values}
        problem = _validation_problem(change, current, after, vocabulary)
        return (refuse(rules.INVALID, problem[1] or problem[0]), None) if problem else (None, after)

    def _judge_resolution(self, change: ChangeSet, resolution: Resolution, current: dict[str, Any] | None,
                          state: _Batch, vocabulary: Vocabulary) -> queries.Refused | None:
        """A decision about a conflict is judged as an update of its field to the value it kept:
        a laptop decides only inside its scope and never on a field only the office sets."""
        probe = ChangeSet(change.origin, change.seq, change.hlc, change.entity, change.row_id,
                          {resolution.field: resolution.value})
        if self._from_laptop(change):
            found = rules.operation_refusal(change.entity, rules.UPDATE)
            if found is None and self.on_office:
                found_field = (self._scope_refusal(probe, rules.UPDATE, current, state)
                               if current is not None else (rules.OUT_OF_SCOPE, None))
                found, field_name = found_field or (None, None)
                if found:
                    return queries.Refused(change, rules.UPDATE, found, field_name)
            elif found:
                return queries.Refused(change, rules.UPDATE, found, None)
        if current is None:
            return None  # a record not held here: the decision only closes what may come
        problem = _validation_problem(probe, current, {**current, **probe.values}, vocabulary)
        if problem:
            return queries.Refused(change, rules.UPDATE, rules.INVALID, problem[1] or problem[0])
        return None

    def _from_laptop(self, change: ChangeSet) -> bool:
        """Whose rules apply: on the office every change is the sending laptop's own; on a
        laptop, changes the office relays are judged by their origin device."""
        if self.on_office:
            return True
        return change.origin != self.sender.device_id

    def _scope_refusal(self, change: ChangeSet, operation: str, current: dict[str, Any] | None,
                       state: _Batch) -> tuple[str, str | None] | None:
        rule = rules.laptop_rule(change.entity)
        values = change.values
        if rule.scope == rules.CASE and operation != rules.INSERT and change.row_id not in state.cases:
            return rules.OUT_OF_SCOPE, None
        if rule.scope == rules.CLIENT and operation != rules.INSERT and change.row_id not in state.clients:
            return rules.OUT_OF_SCOPE, None
        if rule.scope in (rules.CASE_CHILD, rules.CLIENT_CHILD) and current is not None:
            ref = "case_id" if rule.scope == rules.CASE_CHILD else "client_id"
            allowed = state.cases if ref == "case_id" else state.clients
            if current.get(ref) not in allowed:
                return rules.OUT_OF_SCOPE, None
        if rule.scope == rules.OWN_AUDIT and values.get("device_id") != self.sender.device_id:
            return rules.FOREIGN_AUDIT, "device_id"
        for ref in rule.scoped_refs:
            if ref in values:
                allowed = state.cases if _ref_target(change.entity, ref) == "case" else state.clients
                if values[ref] not in allowed:
                    return rules.REFERENCE_OUT_OF_SCOPE, ref
        for name in rule.office_fields:
            if name in values and not _office_field_ok(name, values[name], operation, current, state):
                return rules.OFFICE_FIELD, name
        return None


def _office_field_ok(name: str, value: Any, operation: str, current: dict[str, Any] | None,
                     state: _Batch) -> bool:
    """A new case may name nobody or any member of the team (a colleague's case taken at an
    outreach day); after that only the office assigns it: a laptop may only repeat its value."""
    if operation == rules.INSERT:
        return value is None or value in state.counselors
    return current is not None and current.get(name) == value


def _operation(change: ChangeSet, current: dict[str, Any] | None) -> str:
    if is_erase(change.values):
        return rules.ERASE
    if current is None:
        return rules.INSERT
    if change.values.get("deleted") is True:
        return rules.DELETE
    return rules.UPDATE


def _scope_candidates(fresh: list[ChangeSet], rows: dict[tuple[str, str], dict[str, Any]]
                      ) -> tuple[set[str], set[str]]:
    """Every case and client id the batch's scope checks will ask about."""
    cases: set[str] = set()
    clients: set[str] = set()
    for change in fresh:
        current = rows.get((change.entity, change.row_id)) or {}
        if change.entity == "case":
            cases.add(change.row_id)
        elif change.entity == "client":
            clients.add(change.row_id)
        for source in (change.values, current):
            if isinstance(source.get("case_id"), str):
                cases.add(source["case_id"])
            if isinstance(source.get("client_id"), str):
                clients.add(source["client_id"])
    return cases, clients


@functools.cache
def _blank_template(entity: str) -> dict[str, Any]:
    """A record not seen yet, as the merge starts it (``deleted`` false, nothing else);
    shared, never changed (callers copy it)."""
    return {f.name: wire_form.to_wire(f.kind, f.default if f.name == "deleted" else None)
            for f in model.spec(entity).fields}


@functools.cache
def _ref_target(entity: str, ref: str) -> str | None:
    return model.spec(entity).field(ref).ref


@functools.cache
def _date_fields(entity: str) -> frozenset[str]:
    return frozenset(f.name for f in model.spec(entity).fields if f.kind == model.DATE)


def _validation_problem(change: ChangeSet, current: dict[str, Any] | None, after: dict[str, Any],
                        vocabulary: Vocabulary) -> _PROBLEM | None:
    """The first problem the change brings into its record (``after``), by the local write rules."""
    if current is not None and model.spec(change.entity).append_only and set(change.values) - {"deleted"}:
        return ("append_only", None)
    dates = _date_fields(change.entity)
    for name, value in change.values.items():
        if name in dates and value is not None and not _is_iso_date(value):
            return ("date_format", name)
    if current is None:
        found = validation.wire_problems(change.entity, change.row_id, after, vocabulary)
    else:
        # An update: a field it does not touch has the same value before and after, so its
        # problems would cancel out below; only the touched fields and every cross-field rule
        # can bring something new (the rule codes are not field-check codes).
        touched = change.values.keys()
        found = validation.wire_problems(change.entity, change.row_id, after, vocabulary, touched)
        if found:
            found -= validation.wire_problems(change.entity, change.row_id, current, vocabulary, touched)
    return min(found, key=lambda p: (p[1] or "", p[0])) if found else None


def _is_iso_date(value: Any) -> bool:
    """Exactly ``YYYY-MM-DD`` of a real day, as dates travel on the wire."""
    try:
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
