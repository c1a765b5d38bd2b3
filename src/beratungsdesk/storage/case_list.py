"""Case list queries shaped for a scrolling view over 100 000 cases.

The view shows a first page at once (served by the expression indexes
``cases_opened`` / ``cases_number_sort``, which order by ``coalesce(column, '')``
like ``queries.case_page``) and then fetches every matching id in one step for
jumping anywhere; for the whole list a scan and sort beats walking an index
(one random table read per case), measured in ``bench/bench_gui.py``.
"""

from __future__ import annotations

from beratungsdesk.core.records import CaseFilter, CaseRow
from beratungsdesk.storage import queries
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.queries import CASE_SORTS

#: Sort keys whose column is a required field (never NULL in a live row).
NOT_NULL_SORTS = frozenset({"number", "opened_on", "status", "area"})


def _order(sort: str, descending: bool, whole_list: bool = False) -> str:
    # The schema indexes the same expressions (cases_opened, cases_number_sort).
    expression = f"coalesce({CASE_SORTS[sort]}, '')"
    if whole_list and sort in NOT_NULL_SORTS:
        # For *every* row, walking cases_number means one random table read per
        # case (measured 5 s at 100 000); a scan plus sort takes a tenth of that.
        # Unary plus keeps SQLite from choosing the index.
        expression = f"+{expression}"
    direction = "DESC" if descending else "ASC"
    return f"{expression} {direction}, c.id {direction}"


def first_rows(conn: Connection, case_filter: CaseFilter, sort: str, descending: bool,
               limit: int) -> list[CaseRow]:
    """The first ``limit`` rows in display order (index-served for the default sorts)."""
    clauses, params = queries._case_where(case_filter)
    sql = (queries._CASE_ROW_SQL.format(sort="NULL")
           + " WHERE " + " AND ".join(clauses) + f" ORDER BY {_order(sort, descending)} LIMIT ?")
    return [queries.case_row(row) for row in conn.execute(sql, (*params, limit))]


def ordered_ids(conn: Connection, case_filter: CaseFilter, sort: str, descending: bool) -> list[str]:
    """Every matching case id in display order.

    Collected by SQLite into one string (ids are UUIDs, without commas): the
    whole query then runs inside one step, which releases the GIL, instead of
    100 000 row fetches that each take it back from the GUI thread.
    """
    clauses, params = queries._case_where(case_filter)
    join = "LEFT JOIN clients cl ON cl.id = c.client_id" if sort == "client" else ""
    sql = (f"SELECT group_concat(c.id, ',' ORDER BY {_order(sort, descending, whole_list=True)}) "
           f"FROM cases c {join} WHERE " + " AND ".join(clauses))
    joined = conn.execute(sql, params).fetchone()[0]
    return joined.split(",") if joined else []
