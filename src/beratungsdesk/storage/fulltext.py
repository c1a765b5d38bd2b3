"""Full-text rows of a bulk insert in one statement instead of a trigger per row.

The insert trigger of a searchable table (``schema.FTS_SOURCES``) adds one row
to ``search_fts`` per inserted row. For a spreadsheet import of 10 000 cases that
is 18 000 trigger runs. A bulk insert (``UnitOfWork.insert_many``) instead drops
the table's insert trigger, writes its rows, and then adds the full-text rows of
all of them with one ``INSERT ... SELECT`` that uses the trigger's own
expressions, in the same rowid order the trigger would have used; so the index
ends up byte for byte as the triggers would have left it. Then the trigger is
created again. As in ``figures.bulk_insert`` the DDL is part of the transaction,
and a bulk insert that fails makes the unit of work roll back.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.schema import FTS_SOURCES

#: New rows get the highest rowid + 1 until the largest rowid is taken; only below this
#: are the batch's rows exactly those above the highest rowid before it.
_SEQUENTIAL_ROWIDS_BELOW = 2**62


def _trigger_name(table: str) -> str:
    return f"{table}_fts_insert"


def _bulk_sql(table: str) -> str:
    """The insert trigger's statement for every row above a rowid, in rowid order."""
    kind_no, text_sql, _ = FTS_SOURCES[table]
    row = table
    return (f"INSERT INTO search_fts(rowid, body) SELECT {row}.rowid * 4 + {kind_no}, "
            f"bd_fold({text_sql.format(row=row)}) FROM {table} "
            f"WHERE {row}.rowid > ? AND {row}.deleted = 0 ORDER BY {row}.rowid")


@contextlib.contextmanager
def bulk_rows(conn: Connection, table: str) -> Iterator[None]:
    """Inside: rows inserted into ``table`` get no full-text row; on leaving, all of them do.

    Tables outside the search index, and the (theoretical) case of a table whose
    rowids are no longer handed out in order, keep their trigger.
    """
    if table not in FTS_SOURCES:
        yield
        return
    highest = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                           (_trigger_name(table),)).fetchone()
    if trigger is None or highest >= _SEQUENTIAL_ROWIDS_BELOW:
        yield
        return
    conn.execute(f"DROP TRIGGER {_trigger_name(table)}")
    try:
        yield
        conn.execute(_bulk_sql(table), (highest,))
    finally:
        if conn.in_transaction:  # after an error the caller rolls back; until then, as before
            with contextlib.suppress(Exception):
                conn.execute(trigger[0])
