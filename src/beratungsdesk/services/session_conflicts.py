"""The conflict area of the desktop app's :class:`~beratungsdesk.services.session.Session`:
open conflicts with who wrote each side and when, decisions that travel, and the
notices "your text was replaced" on the device whose text a decision set aside.

Runs on the GUI's worker thread like the rest of the session; returns plain
dataclasses and never imports Qt.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.changes import KEPT_LOSER, KEPT_WINNER, Resolution
from beratungsdesk.core.errors import NotFound
from beratungsdesk.core.hlc import wall_ms_of
from beratungsdesk.storage import conflict_queries, queries
from beratungsdesk.storage.handover import peers
from beratungsdesk.storage.store import ROLE_OFFICE, Store

__all__ = ["Author", "ConflictItem", "ConflictUseCases", "ReplacedNotice"]


@dataclass(frozen=True)
class Author:
    """Who wrote a value (or made a decision): the device and, where known, its counselor."""

    device_id: str
    device: str  # the device's name ("" if not known here)
    counselor: str  # the counselor using it ("" if none or not known)
    this_device: bool = False
    office: bool = False


@dataclass(frozen=True)
class ConflictItem:
    conflict_id: int
    entity: str
    row_id: str
    field: str
    vocab: str | None  # vocabulary of the values (labels are shown), if any
    current: Any  # wire value the record holds (the winner)
    other: Any  # wire value of the concurrent edit that lost
    case_number: str | None
    detected_at: str
    current_by: Author | None = None  # who wrote the value the record holds
    current_at: str | None = None  # when (ISO, UTC)
    other_by: Author | None = None  # who wrote the value that lost
    other_at: str | None = None
    case_id: str | None = None  # the case the record belongs to (double-click opens it)


@dataclass(frozen=True)
class ReplacedNotice:
    """A decision made elsewhere set this device's text aside (shown until acknowledged)."""

    notice_id: int
    entity: str
    row_id: str
    field: str
    case_number: str | None
    case_id: str | None
    old_text: Any  # wire value this device had written (None if no longer held here)
    new_text: Any  # wire value the decision kept
    by: Author  # who decided
    resolved_at: str  # when (ISO, UTC)
    new_by: Author | None  # who wrote the kept value


def stamp_time(hlc: int) -> str:
    """A clock stamp as an ISO time (UTC, seconds)."""
    return dt.datetime.fromtimestamp(wall_ms_of(hlc) / 1000, dt.UTC).isoformat(timespec="seconds")


class ConflictUseCases:
    """``session.conflicts``: open conflicts, decisions, and notices of replaced texts."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def open_conflicts(self) -> list[ConflictItem]:
        """Open conflicts with both values, who wrote each and when; never two equal values."""
        authors = _Authors(self.store)
        items = []
        for row in conflict_queries.open_conflicts(self.store.conn):
            try:
                entity = queries.load(self.store.conn, row.entity, row.row_id)
            except NotFound:
                continue
            kind = model.spec(row.entity).field(row.field)
            current = wire_form.to_wire(kind.kind, getattr(entity, row.field, None))
            if current == row.other_value:
                continue  # settled: nothing to decide (closed at the next import)
            held = conflict_queries.field_stamp(self.store.conn, row.entity, row.row_id, row.field)
            held = held or row.winner_stamp
            case_id, case_number = _case_of(self.store, row.entity, entity)
            items.append(ConflictItem(
                row.id, row.entity, row.row_id, row.field, kind.vocab, current, row.other_value,
                case_number, row.detected_at, authors.of(held[1]), stamp_time(held[0]),
                authors.of(row.other_stamp[1]), stamp_time(row.other_stamp[0]), case_id))
        return items

    def resolve_conflict(self, item: ConflictItem, take_other: bool) -> None:
        """Keep the held value, or write the other one as a new change; both close the conflict
        here and, through the decision that travels with the next handover, everywhere."""
        row = conflict_queries.conflict(self.store.conn, item.conflict_id)
        if row is None:
            raise NotFound(entity="conflict")
        spec = model.spec(item.entity).field(item.field)
        # The race is named by its two writes; "other" is the loser, "current" the winner's side.
        resolution = Resolution(item.field, row.other_stamp, row.winner_stamp,
                                KEPT_LOSER if take_other else KEPT_WINNER,
                                item.other if take_other else item.current,
                                self.store.meta("counselor_id") if self.store.role != ROLE_OFFICE else None)
        with self.store.unit_of_work() as uow:
            if take_other:
                uow.update(item.entity, item.row_id, {item.field: wire_form.from_wire(spec.kind, item.other)})
            uow.resolve(item.entity, item.row_id, resolution)
            conflict_queries.mark_resolved(self.store.conn, item.conflict_id)
            uow.touched.add("conflict")

    def replaced_texts(self) -> list[ReplacedNotice]:
        """Texts of this device that a decision elsewhere set aside, not yet acknowledged."""
        authors = _Authors(self.store)
        notices = []
        for found in conflict_queries.replaced_texts(self.store.conn, self.store.own_origin_no):
            try:
                entity = queries.load(self.store.conn, found.entity, found.row_id)
            except NotFound:
                entity = None
            case_id, case_number = _case_of(self.store, found.entity, entity)
            kept = found.resolution.winner if found.resolution.kept == KEPT_WINNER else found.resolution.loser
            notices.append(ReplacedNotice(
                found.notice_id, found.entity, found.row_id, found.resolution.field, case_number, case_id,
                found.old_value, found.resolution.value, authors.of(found.resolver, found.resolution.by),
                stamp_time(found.resolved_hlc), authors.of(kept[1])))
        return notices

    def acknowledge_replaced(self, *notice_ids: int) -> None:
        """The people here have read these notices: they are no longer shown."""
        with self.store.unit_of_work() as uow:
            conflict_queries.acknowledge(self.store.conn, notice_ids)
            uow.touched.add("conflict")


def _case_of(store: Store, entity_name: str, entity: model.Entity | None) -> tuple[str | None, str | None]:
    """(case id, case number) of the case a record belongs to, if it belongs to one."""
    if entity is None:
        return None, None
    if entity_name == "case":
        return entity.id, getattr(entity, "number", None)
    case_id = getattr(entity, "case_id", None)
    if case_id is None and entity_name == "client":
        case_id = conflict_queries.case_of_client(store.conn, entity.id)
    if not isinstance(case_id, str):
        return None, None
    try:
        case = queries.load(store.conn, "case", case_id)
    except NotFound:
        return None, None
    return case_id, getattr(case, "number", None)


class _Authors:
    """Device id -> :class:`Author`, from this store, its peers and the office's roster."""

    def __init__(self, store: Store) -> None:
        names = {c.id: c.name or "" for c in queries.counselors(store.conn, True)}
        self._known: dict[str, Author] = {}
        own_counselor = names.get(store.meta("counselor_id") or "", "") if store.role != ROLE_OFFICE else ""
        self._known[store.device_id] = Author(store.device_id, store.name, own_counselor, this_device=True,
                                              office=store.role == ROLE_OFFICE)
        for peer in peers.peers(store.conn):
            self._known[peer.device_id] = Author(peer.device_id, peer.name or "",
                                                 names.get(peer.counselor_id or "", ""),
                                                 office=peer.role == "office")
        self._roster = _roster_counselors(store)
        self._names = names

    def of(self, device_id: str, counselor_id: str | None = None) -> Author:
        known = self._known.get(device_id)
        if known is None:
            counselor = self._names.get(self._roster.get(device_id, ""), "")
            known = Author(device_id, "", counselor)
        if counselor_id and counselor_id in self._names and not known.counselor:
            return Author(known.device_id, known.device, self._names[counselor_id], known.this_device,
                          known.office)
        return known


def _roster_counselors(store: Store) -> dict[str, str]:
    """Device id -> counselor id, from the newest roster this store holds (a laptop's view)."""
    latest = peers.latest_roster(store.conn)
    if latest is None:
        return {}
    try:
        devices = json.loads(latest[1]).get("devices") or []
    except (ValueError, AttributeError):
        return {}
    return {d["device"]: d.get("counselor") or "" for d in devices
            if isinstance(d, dict) and isinstance(d.get("device"), str)}
