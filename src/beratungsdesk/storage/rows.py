"""Mapping between entity tables and entities, and per-field clocks.

Per-field clocks are ``(hlc, origin_no, prev)``. Most rows are written once, so
all fields share one clock: the *base* clock in ``_hlc/_origin/_prev``. Fields
whose clock differs are listed in ``_fclock`` (JSON). This keeps the clocks of
a million contacts nearly free while merge still works field by field.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from typing import Any

from beratungsdesk.core import model, wire_form

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
    return {f.name: wire_form.from_column(f.kind, row[i + 1]) for i, f in enumerate(entity_spec.fields)}


def clocks_of(entity_spec: model.EntitySpec, row: tuple[Any, ...]) -> dict[str, Clock]:
    count = len(entity_spec.fields)
    base: Clock = (row[count + 1], row[count + 2], row[count + 3])
    exceptions = json.loads(row[count + 4]) if row[count + 4] else {}
    return {f.name: tuple(exceptions[f.name]) if f.name in exceptions else base
            for f in entity_spec.fields}


def encode_clocks(clocks: dict[str, Clock]) -> tuple[Clock, str | None]:
    """The most common clock becomes the base; the rest go to ``_fclock``."""
    distinct = set(clocks.values())
    if len(distinct) == 1:  # the usual row: every field written at once
        return distinct.pop(), None
    base = Counter(clocks.values()).most_common(1)[0][0]
    others = {name: list(clock) for name, clock in sorted(clocks.items()) if clock != base}
    return base, (json.dumps(others, separators=(",", ":")) if others else None)


#: Kinds whose wire value is stored as it is (see ``wire_form.to_column``).
_SAME_IN_THE_COLUMN = frozenset({model.TEXT, model.INT, model.DATE, model.TIME, model.DATETIME,
                                 model.CODE, model.REF})


@functools.cache
def _column_kinds(entity_name: str) -> tuple[tuple[str, str | None], ...]:
    """(field, kind) per field; kind None where ``to_column`` would change nothing."""
    return tuple((f.name, None if f.kind in _SAME_IN_THE_COLUMN else f.kind)
                 for f in model.spec(entity_name).fields)


def row_params(entity_spec: model.EntitySpec, row_id: str, wire: dict[str, Any],
               base: Clock, fclock: str | None) -> tuple[Any, ...]:
    values = [wire.get(name) if kind is None else wire_form.to_column(kind, wire.get(name))
              for name, kind in _column_kinds(entity_spec.name)]
    return (row_id, *values, *base, fclock)


@functools.cache
def _new_row_kinds(entity_name: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """(field, wire kind, column kind) per field; None where the value passes unchanged."""
    column_kinds = dict(_column_kinds(entity_name))
    return tuple((f.name, None if f.kind in wire_form.SAME_ON_THE_WIRE else f.kind, column_kinds[f.name])
                 for f in model.spec(entity_name).fields)


def new_row(entity_spec: model.EntitySpec, entity: model.Entity,
            base: Clock) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """``entity_to_wire`` and ``row_params`` of a new row in one pass (bulk inserts)."""
    wire: dict[str, Any] = {}
    values: list[Any] = [entity.id]
    for name, wire_kind, column_kind in _new_row_kinds(entity_spec.name):
        value = getattr(entity, name)
        # None stays None in both forms; a date and a boolean are converted here, without
        # a call per field (as to_wire converts them).
        if value is not None and wire_kind is not None:
            if wire_kind == model.DATE and type(value) is dt.date:
                value = value.isoformat()
            elif not (wire_kind == model.BOOL and type(value) is bool):
                value = wire_form.to_wire(wire_kind, value)
        wire[name] = value
        values.append(value if column_kind is None or value is None
                      else wire_form.to_column(column_kind, value))
    return wire, (*values, *base, None)


def _json_of_column(kind: str, column: str) -> str:
    """SQL for a column's value as its wire form inside ``json_object`` (see ``to_column``)."""
    if kind in (model.CODES, model.LIST):
        return f"json({column})"  # the column holds the list as compact JSON text
    if kind == model.BOOL:
        return f"CASE WHEN {column} IS NULL THEN NULL WHEN {column} THEN json('true') ELSE json('false') END"
    return column  # texts, codes, references, dates and numbers are the same in both forms


@functools.cache
def log_from_rows_sql(entity_name: str) -> str:
    """The change-log rows of a bulk insert, computed by SQLite from the rows just written.

    Each row's values as the change log holds them: its wire form as compact JSON, the text
    ``model.compact_json`` gives (a test compares them character for character), built by
    ``json_object`` in C instead of one JSON encoding and one parameter tuple per row in
    Python. The batch's stamps are consecutive (``HybridClock.stamps``) and so are its
    sequence numbers, so a row's ``seq`` follows from its ``_hlc``. Parameters: ``origin``,
    ``entity``, ``first_seq``, ``first_stamp``, ``last_stamp``, ``highest`` (the table's
    highest rowid before the batch: only the batch's rows are above it).
    """
    entity_spec = model.spec(entity_name)
    values = ", ".join(f"'{f.name}', {_json_of_column(f.kind, f.name)}" for f in entity_spec.fields)
    return ("INSERT INTO change_log(origin, seq, hlc, entity, row_id, vals, prev) "
            f"SELECT :origin, :first_seq + (_hlc - :first_stamp), _hlc, :entity, id, json_object({values}), "
            f"NULL FROM {entity_spec.table} WHERE rowid > :highest AND _origin = :origin "
            "AND _hlc BETWEEN :first_stamp AND :last_stamp")
