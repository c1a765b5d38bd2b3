"""Conflict operations: open conflicts, decisions and replaced-text notices
(``session.conflicts``)."""

from __future__ import annotations

from beratungsdesk.gui.ops import Op
from beratungsdesk.services.session_conflicts import ConflictItem, ReplacedNotice


def open_conflicts() -> Op[list[ConflictItem]]:
    return Op(lambda b: b.require().conflicts.open_conflicts())


def replaced_texts() -> Op[list[ReplacedNotice]]:
    return Op(lambda b: b.require().conflicts.replaced_texts())


def resolve_conflict(item: ConflictItem, take_other: bool) -> Op[None]:
    return Op(lambda b: b.require().conflicts.resolve_conflict(item, take_other))


def acknowledge_replaced(notice_id: int) -> Op[None]:
    return Op(lambda b: b.require().conflicts.acknowledge_replaced(notice_id))
