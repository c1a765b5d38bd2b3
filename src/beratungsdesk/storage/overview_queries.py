"""SQL of the start page ("Übersicht"): open cases, and which cases changes belong to.

Every query here is bounded (a page of rows, or an index walk) so the start page stays
fast at 100 000 cases; counts that would need a scan of every case are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from beratungsdesk.core import model
from beratungsdesk.storage.connection import Connection

#: Records tied to a case through ``case_id``.
_CASE_CHILDREN = {s.name: s.table for s in model.all_specs()
                  if "case_id" in s.names and s.field("case_id").ref == "case"}


@dataclass(frozen=True)
class CaseLine:
    case_id: str
    number: str
    opened_on: str  # as stored (ISO date, or an invalid value shown as it is)
    status: str


def open_cases(conn: Connection, counselor_id: str | None, limit: int) -> list[CaseLine]:
    """The newest open cases (of ``counselor_id``, or everyone's), newest first.

    Walks ``cases_opened`` backwards and stops after ``limit`` matches: no sort, no scan
    of the whole table while open cases are common among the newest."""
    where = "deleted = 0 AND status = 'open'" + (" AND counselor_id = ?" if counselor_id else "")
    params: tuple[str, ...] = (counselor_id,) if counselor_id else ()
    rows = conn.execute(
        f"SELECT id, coalesce(number, ''), coalesce(opened_on, ''), status FROM cases "
        f"INDEXED BY cases_opened WHERE {where} ORDER BY coalesce(opened_on, '') DESC, id DESC "
        f"LIMIT {int(limit)}", params)
    return [CaseLine(*row) for row in rows]


def open_conflict_count(conn: Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0])


def own_changes_after(conn: Connection, origin_no: int, seq: int) -> list[tuple[str, str]]:
    """(entity, row id) of this store's own changes after ``seq``, each row once."""
    rows = conn.execute("SELECT DISTINCT entity, row_id FROM change_log WHERE origin = ? AND seq > ? "
                        "AND entity != '-'", (origin_no, seq)).fetchall()
    return [(str(entity), str(row_id)) for entity, row_id in rows]


def cases_of_rows(conn: Connection, rows: Iterable[tuple[str, str]]) -> tuple[list[CaseLine], int]:
    """The cases changed rows belong to (a client's change counts for its cases), and how
    many rows belong to no case (prevention and network records, settings)."""
    case_ids: set[str] = set()
    others = 0
    for entity, row_id in rows:
        if entity == "case":
            case_ids.add(row_id)
        elif entity in _CASE_CHILDREN:
            found = conn.execute(f"SELECT case_id FROM {_CASE_CHILDREN[entity]} WHERE id = ?",
                                 (row_id,)).fetchone()
            if found and found[0]:
                case_ids.add(found[0])
        elif entity == "client":
            case_ids.update(r[0] for r in conn.execute("SELECT id FROM cases WHERE client_id = ?", (row_id,)))
        else:
            others += 1
    lines = []
    for case_id in sorted(case_ids):
        row = conn.execute("SELECT id, coalesce(number, ''), coalesce(opened_on, ''), coalesce(status, '') "
                           "FROM cases WHERE id = ? AND deleted = 0", (case_id,)).fetchone()
        if row:
            lines.append(CaseLine(*row))
    lines.sort(key=lambda line: line.number)
    return lines, others
