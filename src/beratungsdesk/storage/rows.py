"""Mapping between entity tables and entities, and per-field clocks.

Per-field clocks are ``(hlc, origin_no, prev)``. Most rows are written once, so
all fields share one clock: the *base* clock in ``_hlc/_origin/_prev``. Fields
whose clock differs are listed in ``_fclock`` (JSON). This keeps the clocks of
a million contacts nearly free while merge still works field by field.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from typing import Any

from beratungsdesk.core import model

Clock = tuple[int, int, int]
NO_CLOCK: Clock = (0, 0, 0)


def select_columns(entity_spec: model.EntitySpec) -> str:
    return ", ".join(("id", *entity_spec.names, "_hlc", "_origin", "_prev", "_fclock"))


def insert_sql(entity_spec: model.EntitySpec) -> str:
    columns = ("id", *entity_spec.names, "_hlc", "_origin", "_prev", "_fclock")
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {entity_spec.table} ({', '.join(columns)}) VALUES ({marks})"


def wire_values_of(entity_spec: model.EntitySpec, row: tuple[Any, ...]) -> dict[str, Any]:
    """Row from :func:`select_columns` -> field -> wire value."""
    return {f.name: model.from_column(f.kind, row[i + 1]) for i, f in enumerate(entity_spec.fields)}


def clocks_of(entity_spec: model.EntitySpec, row: tuple[Any, ...]) -> dict[str, Clock]:
    count = len(entity_spec.fields)
    base: Clock = (row[count + 1], row[count + 2], row[count + 3])
    exceptions = json.loads(row[count + 4]) if row[count + 4] else {}
    return {f.name: tuple(exceptions[f.name]) if f.name in exceptions else base  # type: ignore[misc]
            for f in entity_spec.fields}


def encode_clocks(clocks: dict[str, Clock]) -> tuple[Clock, str | None]:
    """The most common clock becomes the base; the rest go to ``_fclock``."""
    distinct = set(clocks.values())
    if len(distinct) == 1:  # the usual row: every field written at once
        return distinct.pop(), None
    base = Counter(clocks.values()).most_common(1)[0][0]
    others = {name: list(clock) for name, clock in sorted(clocks.items()) if clock != base}
    return base, (json.dumps(others, separators=(",", ":")) if others else None)


def row_params(entity_spec: model.EntitySpec, row_id: str, wire: dict[str, Any],
               base: Clock, fclock: str | None) -> tuple[Any, ...]:
    names, converted = _column_plan(entity_spec.name)
    values = [wire.get(name) for name in names]
    for index, kind in converted:
        values[index] = model.to_column(kind, values[index])
    return (row_id, *values, *base, fclock)


#: The kinds whose column value differs from the wire value (see ``model.to_column``).
_CONVERTED_KINDS = (model.CODES, model.LIST, model.BOOL)


@functools.cache
def _column_plan(entity_name: str) -> tuple[tuple[str, ...], tuple[tuple[int, str], ...]]:
    """The field names in column order, and which of them ``model.to_column`` converts.

    Bulk writes call ``row_params`` once per row; converting only the fields that
    need it keeps that cheap.
    """
    fields = model.spec(entity_name).fields
    return (tuple(f.name for f in fields),
            tuple((index, f.kind) for index, f in enumerate(fields) if f.kind in _CONVERTED_KINDS))
