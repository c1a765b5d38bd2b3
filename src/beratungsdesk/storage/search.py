"""Full-text search (FTS5) over client codes and names, case numbers, summaries
and notes, inside the encrypted database.

Hits are ranked by bm25 only when the hit set is small: bm25 costs about
0.1 ms per hit here (a common term over a million texts took a second when measured).
Medium hit sets come newest first (FTS5 walks its rowids backwards, about
10 µs per hit); very large ones in the index's own order, which costs nothing
beyond the page of hits returned — by then the user is still typing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from beratungsdesk.core.text import fold_for_search
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.schema import FTS_KINDS

#: Up to this many hits are ranked by bm25; up to NEWEST_LIMIT come newest first.
RANK_LIMIT = 100
NEWEST_LIMIT = 2000
_KIND_NAMES = {1: "client", 2: "case", 3: "note"}
_TOKEN = re.compile(r"\w+", re.UNICODE)
_CASE_NUMBER = re.compile(r"\d{4}-(?:[A-Za-z]{1,4}-)?\d{1,6}")


@dataclass(frozen=True)
class SearchHit:
    kind: str  # client | case | note
    row_id: str
    case_ids: tuple[str, ...]  # the cases this hit leads to


def fts_query(text: str) -> str | None:
    """User text -> FTS5 query: every word must match, each as a prefix.

    Words are quoted, so FTS5 operators typed by a user (AND, NEAR, ``*``,
    quotes) are treated as text, never as syntax. A single letter is matched
    as a whole word: as a prefix it would expand to thousands of words (the
    "K" of "K-00042") and cost a tenth of a second for nothing.
    """
    tokens = _TOKEN.findall(fold_for_search(text))
    if not tokens:
        return None
    return " ".join('"' + token.replace('"', '""') + ('"*' if len(token) > 1 else '"')
                    for token in tokens)


def search(conn: Connection, text: str, limit: int = 50) -> list[SearchHit]:
    if _CASE_NUMBER.fullmatch(text.strip()):
        # A whole case number: its index answers at once (FTS would intersect the
        # posting lists of the year and the number, which every case shares).
        exact = [SearchHit("case", row[0], (row[0],)) for row in conn.execute(
            "SELECT id FROM cases WHERE number = ? AND deleted = 0", (text.strip(),))]
        if exact:
            return exact
    query = fts_query(text)
    if query is None:
        return []
    hit_count = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)",
        (query, NEWEST_LIMIT + 1)).fetchone()[0]
    if hit_count <= RANK_LIMIT:
        order = "ORDER BY rank"
    elif hit_count <= NEWEST_LIMIT:
        order = "ORDER BY rowid DESC"
    else:
        order = ""
    found = [row[0] for row in conn.execute(
        f"SELECT rowid FROM search_fts WHERE search_fts MATCH ? {order} LIMIT ?", (query, limit))]
    resolved = _resolve_all(conn, found)
    return [resolved[rowid] for rowid in found if rowid in resolved]


def _resolve_all(conn: Connection, fts_rowids: list[int]) -> dict[int, SearchHit]:
    """Hits for index rowids, with one query per kind of record instead of one per hit."""
    by_kind: dict[int, list[int]] = {}
    for rowid in fts_rowids:
        by_kind.setdefault(rowid % 4, []).append(rowid // 4)
    hits: dict[int, SearchHit] = {}
    for kind_no, table_rowids in by_kind.items():
        table = FTS_KINDS[kind_no]
        link = {1: "NULL", 2: "NULL", 3: "case_id"}[kind_no]
        rows = conn.execute(f"SELECT rowid, id, {link} FROM {table} WHERE rowid IN "
                            "(SELECT value FROM json_each(?))", (json.dumps(table_rowids),)).fetchall()
        cases_of_client = _cases_of_clients(conn, [row[1] for row in rows]) if kind_no == 1 else {}
        for table_rowid, row_id, case_id in rows:
            if kind_no == 1:
                case_ids = cases_of_client.get(row_id, ())
            elif kind_no == 2:
                case_ids = (row_id,)
            else:
                case_ids = (case_id,) if case_id else ()
            hits[table_rowid * 4 + kind_no] = SearchHit(_KIND_NAMES[kind_no], row_id, case_ids)
    return hits


def _cases_of_clients(conn: Connection, client_ids: list[str]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for client_id, case_id in conn.execute(
            "SELECT client_id, id FROM cases WHERE deleted = 0 AND client_id IN "
            "(SELECT value FROM json_each(?)) ORDER BY opened_on DESC", (json.dumps(client_ids),)):
        found.setdefault(client_id, []).append(case_id)
    return {client_id: tuple(ids) for client_id, ids in found.items()}


def matching_case_ids(conn: Connection, text: str, limit: int = 500) -> list[str]:
    """Distinct case ids for a search, best first (for filtering the case list)."""
    seen: dict[str, None] = {}
    for hit in search(conn, text, limit):
        for case_id in hit.case_ids:
            seen.setdefault(case_id, None)
    return list(seen)
