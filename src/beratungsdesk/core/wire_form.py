"""The wire form of entities: how a value travels in the change log, in bundles and in
columns, and what a stored value that is no longer valid becomes when it is read.

Split from ``model`` (the entities and their field specification) to keep each module a size
one can hold; the conversions follow the kinds that ``model`` declares.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from typing import Any

from beratungsdesk.core.model import (
    BOOL,
    CODE,
    CODES,
    DATE,
    DATETIME,
    INT,
    LIST,
    REF,
    TEXT,
    TIME,
    Entity,
    compact_json,
    spec,
)


def to_wire(kind: str, value: Any) -> Any:
    """Python value -> JSON-able value used in the change log, bundles and columns."""
    if value is None:
        return None
    if isinstance(value, Invalid):
        return str(value)  # kept as it was stored; validation refuses to write it anew
    if kind == DATE:
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind == BOOL:
        return bool(value)
    if kind == CODES:
        return sorted(set(value))
    if kind == LIST:
        return list(value)
    if kind == INT:
        return int(value)
    return value


# --- stored values that are not valid ---------------------------------------------

class Invalid(str):
    """A stored value that is not valid for its field, as text.

    Rows written by a faulty older version or received from another device may
    hold anything: ``"not-a-date"`` in a date, text in a number. Reading them
    never raises: the value becomes ``Invalid`` (its text), views show it marked
    as invalid, and validation names the field, so saving a valid value repairs
    the row. In a list field (codes, texts) the bad element is ``Invalid``.
    """

    __slots__ = ()


def is_invalid(value: Any) -> bool:
    return isinstance(value, Invalid) or (isinstance(value, tuple) and any(
        isinstance(item, Invalid) for item in value))


_HH_MM = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")  # as core/validation.py accepts


def _as_text(value: Any) -> Invalid:
    if isinstance(value, str):
        return Invalid(value)
    return Invalid(json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else str(value))


_PLAIN = frozenset({TEXT, CODE, REF})


def _strict_from_wire(kind: str, value: Any) -> Any:
    if kind == DATE:
        # YYYY-MM-DD only (fromisoformat alone would also take 20240301 or 2024-W01-1).
        if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
            return dt.date.fromisoformat(value)
        raise ValueError
    if kind == BOOL:
        if not isinstance(value, bool | int):
            raise ValueError
        return bool(value)
    if kind in (CODES, LIST):
        if not isinstance(value, list | tuple):
            return (_as_text(value),)
        return tuple(item if isinstance(item, str) else _as_text(item) for item in value)
    if kind == INT:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError
        return value
    if not isinstance(value, str):
        raise ValueError
    if kind == TIME and not _HH_MM.fullmatch(value):
        raise ValueError
    if kind == DATETIME:
        dt.datetime.fromisoformat(value)
    return value


def from_wire(kind: str, value: Any) -> Any:
    """Wire value -> Python value; a value not valid for ``kind`` becomes :class:`Invalid`."""
    if value is None:
        return () if kind in (CODES, LIST) else None
    if kind in _PLAIN and type(value) is str:
        return value  # the common case, first: lists of thousands of records read this
    try:
        return _strict_from_wire(kind, value)
    except (TypeError, ValueError, OverflowError):
        return _as_text(value)


def to_column(kind: str, wire: Any) -> Any:
    """Wire value -> SQLite column value (lists as JSON text, booleans as 0/1)."""
    if wire is None:
        return None
    if kind in (CODES, LIST):
        return compact_json(wire)
    if kind == BOOL:
        return 1 if wire else 0
    return wire


def from_column(kind: str, column: Any) -> Any:
    """SQLite column value -> wire value."""
    if column is None:
        return None
    if kind in (CODES, LIST):
        try:
            return json.loads(column)
        except (TypeError, ValueError):
            return column  # not JSON: from_wire shows it as invalid
    if kind == BOOL:
        return bool(column)
    return column


#: Kinds whose Python value already is the wire value.
SAME_ON_THE_WIRE = frozenset({TEXT, CODE, REF, TIME, DATETIME})


@functools.cache
def _wire_kinds(entity_name: str) -> tuple[tuple[str, str | None], ...]:
    """(field, kind) per field; kind None where ``to_wire`` would change nothing."""
    return tuple((f.name, None if f.kind in SAME_ON_THE_WIRE else f.kind) for f in spec(entity_name).fields)


def entity_to_wire(entity: Entity) -> dict[str, Any]:
    wire = {}
    for name, kind in _wire_kinds(entity.ENTITY):
        value = getattr(entity, name)
        wire[name] = value if kind is None else to_wire(kind, value)
    return wire


def entity_from_wire(entity_name: str, row_id: str, values: dict[str, Any]) -> Entity:
    entity_spec = spec(entity_name)
    kwargs = {f.name: from_wire(f.kind, values.get(f.name)) for f in entity_spec.fields}
    return entity_spec.cls(id=row_id, **kwargs)
