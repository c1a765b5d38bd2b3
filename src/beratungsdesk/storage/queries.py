"""Read-only queries for cases, clients and the team (all SQL stays in storage/).

List queries page with keysets, never OFFSET over the whole table, and return
small row dataclasses rather than whole entities.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.errors import NotFound
from beratungsdesk.core.records import CaseFilter, CaseRecord, CaseRow
from beratungsdesk.storage import rows
from beratungsdesk.storage.connection import Connection

#: Sort keys offered to lists -> SQL expression on ``c`` (cases) / ``cl`` (clients).
CASE_SORTS = {
    "number": "c.number",
    "opened_on": "c.opened_on",
    "status": "c.status",
    "area": "c.area",
    "client": "cl.code",
    "town": "c.incident_town",
}


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: the last row's sort value and id."""

    value: Any
    id: str


@dataclass
class CasePage:
    rows: list[CaseRow]
    next_key: PageKey | None


_CASE_ROW_SQL = """
SELECT c.id, c.number, cl.code, c.opened_on, c.closed_on, c.status, c.area, c.counselor_id,
       c.incident_town, {sort} AS sort_value
FROM cases c LEFT JOIN clients cl ON cl.id = c.client_id
"""


def case_row(row: tuple[Any, ...]) -> CaseRow:
    """A list line from the columns of ``_CASE_ROW_SQL`` (tolerant of any stored value)."""
    return CaseRow(row[0], _text(row[1]), _text(row[2]), _date_text(row[3]), _date_text(row[4]),
                   _text(row[5]), _text(row[6]), _text(row[7]), _text(row[8]))


def _text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else wire_form.Invalid(value)


def _date_text(value: Any) -> Any:
    """An ISO date as stored, or ``wire_form.Invalid`` when it is none."""
    if value is None:
        return None
    parsed = wire_form.from_wire(model.DATE, value)
    return value if not isinstance(parsed, wire_form.Invalid) else parsed


def _case_where(case_filter: CaseFilter) -> tuple[list[str], list[Any]]:
    clauses, params = ["c.deleted = 0"], []
    for column, value in (("c.status", case_filter.status), ("c.area", case_filter.area),
                          ("c.incident_town", case_filter.town),
                          ("c.counselor_id", case_filter.counselor_id)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if case_filter.year:
        clauses.append("c.opened_on >= ? AND c.opened_on < ?")
        params += [f"{case_filter.year:04d}-01-01", f"{case_filter.year + 1:04d}-01-01"]
    if case_filter.case_ids is not None:
        clauses.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(_json_list(case_filter.case_ids))
    return clauses, params


def _json_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values))


def case_page(conn: Connection, case_filter: CaseFilter, sort: str = "opened_on",
              descending: bool = True, after: PageKey | None = None, limit: int = 100) -> CasePage:
    """One page of the case list, sorted by ``sort`` then id, starting after ``after``."""
    expression = CASE_SORTS[sort]
    clauses, params = _case_where(case_filter)
    if after is not None:
        # Written so SQLite can seek the index (a row-value comparison walks it).
        op = "<" if descending else ">"
        clauses.append(f"(coalesce({expression}, '') {op}= ? AND "
                       f"(coalesce({expression}, '') {op} ? OR c.id {op} ?))")
        params += [after.value, after.value, after.id]
    direction = "DESC" if descending else "ASC"
    sql = (_CASE_ROW_SQL.format(sort=f"coalesce({expression}, '')") + " WHERE " + " AND ".join(clauses)
           + f" ORDER BY sort_value {direction}, c.id {direction} LIMIT ?")
    found = conn.execute(sql, (*params, limit + 1)).fetchall()
    more = len(found) > limit
    found = found[:limit]
    page_rows = [case_row(row) for row in found]
    next_key = PageKey(found[-1][9], found[-1][0]) if more else None
    return CasePage(page_rows, next_key)


#: An ISO date as SQLite can test it (rows written by faulty versions may hold anything).
_ISO_GLOB = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"


def case_year_range(conn: Connection) -> tuple[int, int] | None:
    """First and last year a live case was opened in, ignoring opening dates that are not dates.

    Ordered like the ``cases_opened`` index, so each end is a short index walk.
    """
    ends = []
    for direction in ("ASC", "DESC"):
        row = conn.execute(f"SELECT substr(opened_on, 1, 4) FROM cases WHERE deleted = 0 "
                           f"AND opened_on GLOB '{_ISO_GLOB}' ORDER BY coalesce(opened_on, '') "
                           f"{direction}, id {direction} LIMIT 1").fetchone()
        if row is None:
            return None
        ends.append(int(row[0]))
    return ends[0], ends[1]


def case_count(conn: Connection, case_filter: CaseFilter) -> int:
    clauses, params = _case_where(case_filter)
    sql = ("SELECT count(*) FROM cases c WHERE " + " AND ".join(clauses))
    count: int = conn.execute(sql, params).fetchone()[0]
    return count


def case_ids(conn: Connection, case_filter: CaseFilter, sort: str = "opened_on",
             descending: bool = True) -> list[str]:
    """All matching case ids in order (for views that jump anywhere in a long list)."""
    expression = CASE_SORTS[sort]
    clauses, params = _case_where(case_filter)
    direction = "DESC" if descending else "ASC"
    join = "LEFT JOIN clients cl ON cl.id = c.client_id" if sort == "client" else ""
    sql = (f"SELECT c.id FROM cases c {join} WHERE " + " AND ".join(clauses)
           + f" ORDER BY coalesce({expression}, '') {direction}, c.id {direction}")
    return [row[0] for row in conn.execute(sql, params)]


def case_rows(conn: Connection, ids: list[str]) -> list[CaseRow]:
    """Rows for the given ids, in the given order."""
    sql = _CASE_ROW_SQL.format(sort="NULL") + " WHERE c.id IN (SELECT value FROM json_each(?))"
    by_id = {row[0]: case_row(row) for row in conn.execute(sql, (_json_list(tuple(ids)),))}
    return [by_id[i] for i in ids if i in by_id]


# --- whole records --------------------------------------------------------------

#: An entity class: ``load`` and ``load_where`` given the class return that class.
E = TypeVar("E", bound=model.Entity)


@overload
def load(conn: Connection, entity: type[E], row_id: str) -> E: ...
@overload
def load(conn: Connection, entity: str, row_id: str) -> model.Entity: ...
def load(conn: Connection, entity: str | type[model.Entity], row_id: str) -> model.Entity:
    """One row by id (deleted or not); ``entity`` by name, or by class for a typed result."""
    entity_name = entity if isinstance(entity, str) else entity.ENTITY
    entity_spec = model.spec(entity_name)
    found = conn.execute(f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
                         "WHERE id = ?", (row_id,)).fetchone()
    if found is None:
        raise NotFound(entity=entity_name)
    return wire_form.entity_from_wire(entity_name, row_id, rows.wire_values_of(entity_spec, found))


def exists(conn: Connection, entity_name: str, row_id: str) -> bool:
    """True if the row is present (deleted or not: ids are never reused)."""
    table = model.spec(entity_name).table
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None


@overload
def load_where(conn: Connection, entity: type[E], where: str, params: tuple[Any, ...] = (),
               order: str = "rowid") -> list[E]: ...
@overload
def load_where(conn: Connection, entity: str, where: str, params: tuple[Any, ...] = (),
               order: str = "rowid") -> list[model.Entity]: ...
def load_where(conn: Connection, entity: str | type[model.Entity], where: str,
               params: tuple[Any, ...] = (), order: str = "rowid") -> list[Any]:
    """Entities matching an SQL condition on their own table (not deleted); ``entity`` by
    name, or by class for a list of that class."""
    entity_name = entity if isinstance(entity, str) else entity.ENTITY
    entity_spec = model.spec(entity_name)
    sql = (f"SELECT {rows.select_columns(entity_spec)} FROM {entity_spec.table} "
           f"WHERE deleted = 0 AND ({where}) ORDER BY {order}")
    return [wire_form.entity_from_wire(entity_name, row[0], rows.wire_values_of(entity_spec, row))
            for row in conn.execute(sql, params)]


def case_record(conn: Connection, case_id: str) -> CaseRecord:
    case = load(conn, model.Case, case_id)
    client = None
    if case.client_id:
        try:
            client = load(conn, model.Client, case.client_id)
        except NotFound:
            client = None  # not yet arrived from another device
    return CaseRecord(
        case=case, client=client,
        contacts=load_where(conn, model.Contact, "case_id = ?", (case_id,), "date, start_time"),
        interventions=load_where(conn, model.Intervention, "case_id = ?", (case_id,), "date"),
        notes=load_where(conn, model.Note, "case_id = ?", (case_id,), "written_at"),
        attachments=load_where(conn, model.Attachment, "case_id = ?", (case_id,), "added_at"),
        followups=load_where(conn, model.FollowUp, "case_id = ?", (case_id,), "due_on"),
        appointments=load_where(conn, model.Appointment, "case_id = ?", (case_id,), "date, start_time"),
    )


def case_id_by_number_or_id(conn: Connection, text: str) -> str:
    """A case by its number, else by its id (a case whose number is missing has only that)."""
    try:
        return case_id_by_number(conn, text)
    except NotFound:
        row = conn.execute("SELECT id FROM cases WHERE id = ? AND deleted = 0", (text.strip(),)).fetchone()
        if row is None:
            raise
        found: str = row[0]
        return found


def case_id_by_number(conn: Connection, number: str) -> str:
    row = conn.execute("SELECT id FROM cases WHERE number = ? AND deleted = 0 ORDER BY rowid LIMIT 1",
                       (number.strip(),)).fetchone()
    if row is None:
        raise NotFound(entity="case", field="number")
    case_id: str = row[0]
    return case_id


def client_by_code(conn: Connection, code: str) -> model.Client | None:
    found = load_where(conn, model.Client, "code = ? COLLATE NOCASE", (code.strip(),))
    return found[0] if found else None


#: SQLite's NOCASE folds ASCII letters only; ``code_key`` keys codes the same way.
_NOCASE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def code_key(code: str) -> str:
    """A client code as ``client_by_code`` compares it (trimmed, ASCII case ignored)."""
    return code.strip().translate(_NOCASE)


def clients_by_codes(conn: Connection, codes: list[str]) -> dict[str, model.Client]:
    """``client_by_code`` for many codes in one query: ``code_key(code)`` -> client."""
    keys = sorted({code_key(code) for code in codes})
    found: dict[str, model.Client] = {}
    for client in load_where(conn, model.Client, "code COLLATE NOCASE IN (SELECT value FROM json_each(?))",
                             (json.dumps(keys),)):
        found.setdefault(code_key(client.code or ""), client)
    return found


def existing_ids(conn: Connection, entity_name: str, row_ids: list[str]) -> set[str]:
    """Those of ``row_ids`` present in the table (deleted or not, as ``exists``)."""
    table = model.spec(entity_name).table
    return {row[0] for row in conn.execute(
        f"SELECT id FROM {table} WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(row_ids),))}


def live_case_numbers(conn: Connection, numbers: list[str]) -> set[str]:
    """Those of ``numbers`` that a live case carries (as ``case_id_by_number`` finds them)."""
    wanted = sorted({number.strip() for number in numbers})
    return {row[0] for row in conn.execute(
        "SELECT DISTINCT number FROM cases WHERE deleted = 0 AND number IN "
        "(SELECT value FROM json_each(?))", (json.dumps(wanted),))}


def case_numbers_with_prefix(conn: Connection, prefix: str) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT number FROM cases WHERE number LIKE ? ESCAPE '\\'",
        (prefix.replace("%", "\\%").replace("_", "\\_") + "%",))]


def counselors(conn: Connection, include_inactive: bool = False) -> list[model.Counselor]:
    where = "1" if include_inactive else "active = 1"
    return load_where(conn, model.Counselor, where, order="name")


def counselors_matching(conn: Connection, reference: str) -> list[model.Counselor]:
    """Team members (inactive ones too) whose id, name or initials is ``reference`` (case-insensitive)."""
    wanted = reference.strip().casefold()
    return [c for c in counselors(conn, include_inactive=True)
            if wanted in (c.id, (c.name or "").casefold(), (c.initials or "").casefold())]


def blob(conn: Connection, sha256: str) -> bytes:
    row = conn.execute("SELECT content FROM blobs WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise NotFound(entity="attachment", field="content")
    return bytes(row[0])

