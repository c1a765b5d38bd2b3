"""Full-text search (FTS5) over client codes and names, case numbers, summaries
and notes, inside the encrypted database.

Hits are ranked by bm25 when the hit set is small; a very common term would
make ranking cost seconds on a large store (see DESIGN), so then the newest
hits come first instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from beratungsdesk.core.text import fold_for_search
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.schema import FTS_KINDS

#: Above this many hits, order by recency instead of bm25 rank.
RANK_LIMIT = 2000
_KIND_NAMES = {1: "client", 2: "case", 3: "note"}
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # client | case | note
    row_id: str
    case_ids: tuple[str, ...]  # the cases this hit leads to


def fts_query(text: str) -> str | None:
    """User text -> FTS5 query: every word must match, each as a prefix.

    Words are quoted, so FTS5 operators typed by a user (AND, NEAR, ``*``,
    quotes) are treated as text, never as syntax.
    """
    tokens = _TOKEN.findall(fold_for_search(text))
    if not tokens:
        return None
    return " ".join('"' + token.replace('"', '""') + '"*' for token in tokens)


def search(conn: Connection, text: str, limit: int = 50) -> list[SearchHit]:
    query = fts_query(text)
    if query is None:
        return []
    hit_count = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)",
        (query, RANK_LIMIT + 1)).fetchone()[0]
    order = "rank" if hit_count <= RANK_LIMIT else "rowid DESC"
    found = conn.execute(
        f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY {order} LIMIT ?",
        (query, limit)).fetchall()
    return [hit for (rowid,) in found if (hit := _resolve(conn, rowid)) is not None]


def _resolve(conn: Connection, fts_rowid: int) -> SearchHit | None:
    kind_no, table_rowid = fts_rowid % 4, fts_rowid // 4
    table = FTS_KINDS[kind_no]
    row = conn.execute(f"SELECT id FROM {table} WHERE rowid = ?", (table_rowid,)).fetchone()
    if row is None:
        return None
    row_id = row[0]
    if kind_no == 1:
        case_ids = tuple(r[0] for r in conn.execute(
            "SELECT id FROM cases WHERE client_id = ? AND deleted = 0 ORDER BY opened_on DESC",
            (row_id,)))
    elif kind_no == 2:
        case_ids = (row_id,)
    else:
        case_row = conn.execute("SELECT case_id FROM notes WHERE id = ?", (row_id,)).fetchone()
        case_ids = (case_row[0],) if case_row else ()
    return SearchHit(_KIND_NAMES[kind_no], row_id, case_ids)


def matching_case_ids(conn: Connection, text: str, limit: int = 500) -> list[str]:
    """Distinct case ids for a search, best first (for filtering the case list)."""
    seen: dict[str, None] = {}
    for hit in search(conn, text, limit):
        for case_id in hit.case_ids:
            seen.setdefault(case_id, None)
    return list(seen)
