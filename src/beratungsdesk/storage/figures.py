"""Running figures per opening day, kept by triggers (schema version 5).

The yearly figures count a period's cases by their opening day, and the
contacts, hours and interventions *of those cases*. Reading a million
contacts for every click on "Calculate" took seconds at 100 000 cases, so the
store keeps the sums instead: ``period_figures`` holds, per opening day, one
number per (measure, code), e.g. ``(2022-03-14, 'area', 'housing') -> 3`` or
``(2022-03-14, 'minutes', '') -> 540``. A period is then a range read over at
most a few hundred days. Distinct people are kept as measure ``client`` with
the client id as code (the number of the client's live cases opened that
day), because distinct counts do not add up over days.

Why triggers and not the unit of work: every path that writes these tables
(local edits, merged bundles, tombstones, erasure, purges on laptops, a
migration) then keeps the sums right without knowing about them, in the same
transaction. The triggers follow one rule: a row's contribution is removed
with its old values and added with its new ones, and only while both the row
and its case are live. A case that changes (opening day, deleted, a coded
field) moves its children's contributions with it, computed from the child
tables, so the order in which a case and its contacts arrive does not matter.

``storage/statistics.py`` keeps the plain scan over the tables as the
reference: tests compare both after random edits, merges and erasures.

The codes are vocabulary codes, ids, minutes and the contact's language as
recorded (a code-like word, already kept in erased cases' anonymous
footprint); no personal text is copied here.
"""

from __future__ import annotations

import contextlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from beratungsdesk.storage.connection import Connection

NOT_STATED = "not_stated"

TABLE = """CREATE TABLE period_figures (
    day TEXT NOT NULL, measure TEXT NOT NULL, code TEXT NOT NULL, value INTEGER NOT NULL,
    PRIMARY KEY (day, measure, code)) WITHOUT ROWID"""

_UPSERT = ("INSERT INTO period_figures (day, measure, code, value) {select} "
           "ON CONFLICT (day, measure, code) DO UPDATE SET value = value + excluded.value;")

#: Single-valued coded fields of a case, counted once per live case.
CASE_FIELDS = ("status", "area", "level", "respondent", "agg")
#: Code-list fields (JSON arrays): each code counted once per case naming it.
CASE_LIST_FIELDS = ("grounds", "racism_forms")


def code(expression: str) -> str:
    """A value as counted: empty and missing become ``not_stated``."""
    return f"coalesce(nullif({expression}, ''), '{NOT_STATED}')"


def language_code(expression: str) -> str:
    return code(f"trim({expression}, ' ' || char(9, 10, 13))")


def _day(row: str) -> str:
    return f"coalesce({row}.opened_on, '')"


def _case_rows(row: str, sign: int) -> str:
    """The case's own contribution: one case, one client, its codes."""
    parts = ["SELECT 'cases' AS measure, '' AS code", f"SELECT 'client', coalesce({row}.client_id, '')"]
    parts += [f"SELECT '{name}', {code(f'{row}.{name}')}" for name in CASE_FIELDS]
    parts += [f"SELECT DISTINCT '{name}', value FROM json_each(coalesce(nullif({row}.{name}, ''), '[]'))"
              for name in CASE_LIST_FIELDS]
    select = (f"SELECT {_day(row)}, measure, code, {sign} FROM ({' UNION ALL '.join(parts)}) "
              f"WHERE {row}.deleted = 0")
    return _UPSERT.format(select=select)


def _children_rows(row: str, sign: int) -> str:
    """What the case's live contacts and interventions contribute (moved with the case)."""
    live_contacts = f"FROM contacts WHERE case_id = {row}.id AND deleted = 0"
    live_interventions = f"FROM interventions WHERE case_id = {row}.id AND deleted = 0"
    parts = [
        f"SELECT 'contacts' AS measure, '' AS code, count(*) AS v {live_contacts}",
        f"SELECT 'minutes', '', coalesce(sum(duration_min), 0) {live_contacts}",
        f"SELECT 'channel', {code('channel')}, count(*) {live_contacts} GROUP BY 2",
        f"SELECT 'town', {code('town')}, count(*) {live_contacts} GROUP BY 2",
        f"SELECT 'language', {language_code('language')}, count(*) {live_contacts} GROUP BY 2",
        f"SELECT 'intervention', {code('type')}, 1 {live_interventions} GROUP BY 2",
        f"SELECT 'referrals', '', count(*) {live_interventions} AND type = 'referral'",
    ]
    select = (f"SELECT {_day(row)}, measure, code, {sign} * v FROM ({' UNION ALL '.join(parts)}) "
              f"WHERE v != 0 AND {row}.deleted = 0")
    return _UPSERT.format(select=select)


def _contact_rows(row: str, sign: int) -> str:
    parts = [
        "SELECT 'contacts' AS measure, '' AS code, 1 AS v",
        f"SELECT 'minutes', '', coalesce({row}.duration_min, 0)",
        f"SELECT 'channel', {code(f'{row}.channel')}, 1",
        f"SELECT 'town', {code(f'{row}.town')}, 1",
        f"SELECT 'language', {language_code(f'{row}.language')}, 1",
    ]
    select = (f"SELECT {_day('c')}, m.measure, m.code, {sign} * m.v FROM cases c, "
              f"({' UNION ALL '.join(parts)}) m "
              f"WHERE c.id = {row}.case_id AND c.deleted = 0 AND {row}.deleted = 0 AND m.v != 0")
    return _UPSERT.format(select=select)


def _intervention_rows(row: str, sign: int) -> str:
    """A referral counts each time; a type counts once per case (the case's first of it)."""
    others = (f"SELECT 1 FROM interventions o WHERE o.case_id = {row}.case_id AND o.deleted = 0 "
              f"AND o.id != {row}.id AND {code('o.type')} = {code(f'{row}.type')}")
    parts = [
        f"SELECT 'referrals' AS measure, '' AS code WHERE {row}.type = 'referral'",
        f"SELECT 'intervention', {code(f'{row}.type')} WHERE NOT EXISTS ({others})",
    ]
    select = (f"SELECT {_day('c')}, m.measure, m.code, {sign} FROM cases c, "
              f"({' UNION ALL '.join(parts)}) m "
              f"WHERE c.id = {row}.case_id AND c.deleted = 0 AND {row}.deleted = 0")
    return _UPSERT.format(select=select)


def _triggers(table: str, columns: str, remove_add: tuple[str, ...]) -> list[str]:
    remove = "".join(part.format(row="OLD", sign=-1) for part in remove_add)
    add = "".join(part.format(row="NEW", sign=1) for part in remove_add)
    return [
        f"CREATE TRIGGER {table}_figures_insert AFTER INSERT ON {table} BEGIN {add} END",
        f"CREATE TRIGGER {table}_figures_update AFTER UPDATE OF {columns} ON {table} "
        f"BEGIN {remove} {add} END",
        f"CREATE TRIGGER {table}_figures_delete AFTER DELETE ON {table} BEGIN {remove} END",
    ]


def _template(builder: Callable[[str, Any], str]) -> str:
    # Triggers are written once per direction; {row} and {sign} are filled in by _triggers.
    return builder("{row}", "{sign}")


def _backfill() -> list[str]:
    """Sums for the data already in the store (the upgrade to version 5)."""
    live_case = "FROM cases c WHERE c.deleted = 0"
    child = "JOIN cases c ON c.id = x.case_id AND c.deleted = 0 WHERE x.deleted = 0"
    selects = [
        f"SELECT {_day('c')}, 'cases', '', count(*) {live_case} GROUP BY 1",
        f"SELECT {_day('c')}, 'client', coalesce(c.client_id, ''), count(*) {live_case} GROUP BY 1, 3",
        *(f"SELECT {_day('c')}, '{name}', {code(f'c.{name}')}, count(*) {live_case} GROUP BY 1, 3"
          for name in CASE_FIELDS),
        *(f"SELECT {_day('c')}, '{name}', j.value, count(DISTINCT c.id) FROM cases c, "
          f"json_each(coalesce(nullif(c.{name}, ''), '[]')) j WHERE c.deleted = 0 GROUP BY 1, 3"
          for name in CASE_LIST_FIELDS),
        f"SELECT {_day('c')}, 'contacts', '', count(*) FROM contacts x {child} GROUP BY 1",
        f"SELECT {_day('c')}, 'minutes', '', coalesce(sum(x.duration_min), 0) "
        f"FROM contacts x {child} GROUP BY 1",
        *(f"SELECT {_day('c')}, '{name}', {expression}, count(*) FROM contacts x {child} GROUP BY 1, 3"
          for name, expression in (("channel", code("x.channel")), ("town", code("x.town")),
                                   ("language", language_code("x.language")))),
        f"SELECT {_day('c')}, 'intervention', {code('x.type')}, count(DISTINCT c.id) "
        f"FROM interventions x {child} GROUP BY 1, 3",
        f"SELECT {_day('c')}, 'referrals', '', count(*) FROM interventions x {child} "
        f"AND x.type = 'referral' GROUP BY 1",
    ]
    # "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
    return [_UPSERT.format(select=f"SELECT * FROM ({select}) WHERE true") for select in selects]


def migration() -> list[str]:
    """Schema version 5: the table, its triggers, and the sums of what is already stored."""
    case_columns = ", ".join(("opened_on", "deleted", "client_id", *CASE_FIELDS, *CASE_LIST_FIELDS))
    return [
        TABLE,
        *_triggers("cases", case_columns, (_template(_case_rows), _template(_children_rows))),
        *_triggers("contacts", "case_id, duration_min, channel, town, language, deleted",
                   (_template(_contact_rows),)),
        *_triggers("interventions", "case_id, type, deleted", (_template(_intervention_rows),)),
        *_backfill(),
    ]


# --- bulk inserts: the sums of a whole batch at once -----------------------------------
#
# A trigger costs 5 to 10 upserts per inserted row: for a spreadsheet import or a
# generated store that was half the time of the writes. A bulk insert (see
# ``UnitOfWork.insert_many``) therefore drops the three *insert* triggers,
# inserts, adds up in memory what those triggers would have added, and
# writes the sums with one upsert per (day, measure, code); then it creates the
# triggers again. Updates, deletions, merges, erasure and purges keep the
# triggers. The DDL is part of the transaction: a rollback, or a crash before the
# commit, brings the triggers back with everything else; a bulk insert that fails
# makes the unit of work roll back (rows written before the error are not summed).

#: The triggers a bulk insert replaces by summing in memory.
INSERT_TRIGGERS = ("cases_figures_insert", "contacts_figures_insert", "interventions_figures_insert")
#: Entities whose inserts the figures count (the tables of INSERT_TRIGGERS).
SUMMED_ENTITIES = ("case", "contact", "intervention")

_UPSERT_ONE = ("INSERT INTO period_figures (day, measure, code, value) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (day, measure, code) DO UPDATE SET value = value + excluded.value")
_LANGUAGE_SPACE = " \t\n\r"  # what language_code() trims


def _code_of(value: str | None) -> str:
    """code() of the triggers, in Python."""
    return NOT_STATED if value is None or value == "" else value


@dataclass
class BulkRows:
    """What a bulk insert wrote: (row id, wire values) per summed entity."""

    rows: dict[str, list[tuple[str, dict[str, Any]]]] = field(
        default_factory=lambda: {name: [] for name in SUMMED_ENTITIES})

    def add(self, entity_name: str, row_id: str, wire: dict[str, Any]) -> None:
        if entity_name in self.rows:
            self.rows[entity_name].append((row_id, wire))


@dataclass
class _StoredBefore:
    """What the sums of a batch depend on in the store, read before the batch is written."""

    cases: dict[str, tuple[str, bool]]  # cases of the batch's children outside it: id -> (day, live)
    types: set[tuple[str, str]]  # (case id, intervention code) already counted for those cases
    contacts: list[tuple[str, Any, Any, Any, Any]]  # live contacts that came before their new case
    interventions: list[tuple[str, Any]]  # live interventions that came before their new case

    @classmethod
    def read(cls, conn: Connection, batches: dict[str, list[Any]]) -> _StoredBefore:
        new_cases = [case.id for case in batches.get("case", [])]
        new_ids = set(new_cases)
        children = [*batches.get("contact", []), *batches.get("intervention", [])]
        outside = sorted({child.case_id for child in children
                          if child.case_id and child.case_id not in new_ids})

        def rows(sql: str, ids: list[str]) -> list[tuple[Any, ...]]:
            return conn.execute(sql, (json.dumps(ids),)).fetchall() if ids else []
        in_list = "IN (SELECT value FROM json_each(?))"
        cases = {row[0]: (row[1], row[2] == 0) for row in rows(
            f"SELECT id, coalesce(opened_on, ''), deleted FROM cases WHERE id {in_list}", outside)}
        types = {(row[0], row[1]) for row in rows(
            f"SELECT case_id, {code('type')} FROM interventions WHERE deleted = 0 AND case_id {in_list}",
            sorted(cases))}
        contacts = rows("SELECT case_id, duration_min, channel, town, language FROM contacts "
                        f"WHERE deleted = 0 AND case_id {in_list}", new_cases)
        interventions = rows(
            f"SELECT case_id, type FROM interventions WHERE deleted = 0 AND case_id {in_list}", new_cases)
        return cls(cases, types, contacts, interventions)

    def sums(self, written: BulkRows) -> dict[tuple[str, str, str], int]:
        """The insert triggers' rules: live rows of live cases, by the case's opening day."""
        # defaultdict, not Counter: a new key costs no Python-level __missing__ call (a batch
        # of 10 000 cases makes about 50 000 of them).
        found: defaultdict[tuple[str, str, str], int] = defaultdict(int)
        cases = dict(self.cases)
        for case_id, case in written.rows["case"]:
            day = case["opened_on"] or ""
            cases[case_id] = (day, not case["deleted"])
            if case["deleted"]:
                continue
            found[(day, "cases", "")] += 1
            found[(day, "client", case["client_id"] if case["client_id"] is not None else "")] += 1
            for name in CASE_FIELDS:
                found[(day, name, _code_of(case[name]))] += 1
            for name in CASE_LIST_FIELDS:
                for value in set(case[name] or ()):
                    found[(day, name, value)] += 1
        contacts = self.contacts + [
            (row["case_id"], row["duration_min"], row["channel"], row["town"], row["language"])
            for _, row in written.rows["contact"] if not row["deleted"]]
        for case_id, minutes, channel, town, language in contacts:
            day, live = cases.get(case_id, ("", False))
            if live:
                found[(day, "contacts", "")] += 1
                found[(day, "minutes", "")] += minutes or 0
                found[(day, "channel", _code_of(channel))] += 1
                found[(day, "town", _code_of(town))] += 1
                found[(day, "language", _code_of(None if language is None
                                                  else language.strip(_LANGUAGE_SPACE)))] += 1
        counted = set(self.types)
        interventions = self.interventions + [
            (row["case_id"], row["type"]) for _, row in written.rows["intervention"] if not row["deleted"]]
        for case_id, kind in interventions:
            day, live = cases.get(case_id, ("", False))
            if not live:
                continue
            if kind == "referral":
                found[(day, "referrals", "")] += 1
            if (case_id, _code_of(kind)) not in counted:  # a type counts once per case
                counted.add((case_id, _code_of(kind)))
                found[(day, "intervention", _code_of(kind))] += 1
        return found


@contextlib.contextmanager
def bulk_insert(conn: Connection, batches: dict[str, list[Any]]) -> Iterator[BulkRows]:
    """Inside: the insert triggers are off; on leaving, the batch's sums are added.

    ``batches`` are the entities about to be written, by entity name (their ids
    and case ids are read here, before they exist in the store). The caller must
    roll the transaction back if this raises: rows written before the error are
    then missing from the sums (``UnitOfWork`` does so). No savepoint is used on
    purpose: inside one, FTS5 flushes its pending index data at every statement
    a full-text trigger runs, and a batch of notes took 60 times as long.
    """
    before = _StoredBefore.read(conn, batches)
    triggers = [row[0] for row in conn.execute(
        f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' * len(INSERT_TRIGGERS))})", INSERT_TRIGGERS)]
    for name in INSERT_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        written = BulkRows()
        yield written
        conn.executemany(_UPSERT_ONE, [(*key, value) for key, value in before.sums(written).items()
                                       if value != 0])  # rows of 0 are left out, as by the triggers
    finally:
        if conn.in_transaction:  # after an error the caller rolls back; until then, triggers as before
            for sql in triggers:
                with contextlib.suppress(Exception):
                    conn.execute(sql)
