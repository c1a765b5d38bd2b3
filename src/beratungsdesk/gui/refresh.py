"""Refreshing exactly what a commit changed.

Every commit notice is a :class:`~beratungsdesk.core.changed.Changes`: the kinds
and ids written, and as ``origin`` the view whose operation made the change
(``gui/worker.py``). A list page reloads when its kind changed; an editor only when
its own record did; the view that made the change skips the echo, since the
operation's answer already shows the result. Older callers may still hand a plain
set of kinds: it counts as "any record of these kinds".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import shiboken6
from PySide6.QtCore import QObject

from beratungsdesk.core.changed import Changes

__all__ = ["Changes", "is_echo", "touches", "touches_any"]

#: What a commit notice may be: the notice itself, or a plain set of kinds.
Notice = Changes | Collection[str]


def touches(changes: Notice, kind: str, row_id: str | None = None) -> bool:
    """Whether ``kind`` (and given, its record ``row_id``) may have changed."""
    if isinstance(changes, Changes):
        return changes.touches(kind, row_id)
    return kind in changes


def touches_any(changes: Notice, kinds: Iterable[str]) -> bool:
    return any(kind in changes for kind in kinds)


def is_echo(changes: Notice, view: QObject) -> bool:
    """Whether ``view`` (or a widget inside it) started the operation that made ``changes``."""
    origin = changes.origin if isinstance(changes, Changes) else None
    while isinstance(origin, QObject) and shiboken6.isValid(origin):
        if origin is view:
            return True
        origin = origin.parent()
    return False
