"""Read queries for prevention and network work: workshops, partners, meetings, referrals.

These lists are small (hundreds of rows a year), so they are read whole, filtered
in SQL; text filters compare folded, case-insensitive text (``bd_norm``).
"""

from __future__ import annotations

from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.records import NetworkFilter
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.queries import load_where


def _where(conditions: list[tuple[str, Any]], text_columns: tuple[str, ...],
           network_filter: NetworkFilter, date_column: str | None) -> tuple[str, tuple[Any, ...]]:
    clauses, params = [], []
    for clause, value in conditions:
        if value:
            clauses.append(clause)
            params.append(value)
    if date_column and network_filter.year:
        clauses.append(f"{date_column} >= ? AND {date_column} < ?")
        params += [f"{network_filter.year:04d}-01-01", f"{network_filter.year + 1:04d}-01-01"]
    if network_filter.text and text_columns:
        joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in text_columns)
        clauses.append(f"instr(bd_norm({joined}), bd_norm(?)) > 0")
        params.append(network_filter.text.strip())
    return (" AND ".join(clauses) or "1"), tuple(params)


def workshops(conn: Connection, network_filter: NetworkFilter) -> list[model.Workshop]:
    where, params = _where([("type = ?", network_filter.kind), ("status = ?", network_filter.status),
                            ("town = ?", network_filter.town)],
                           ("organisation", "target_group", "notes"), network_filter, "date")
    return load_where(conn, model.Workshop, where, params, "date DESC, id")


def partners(conn: Connection, network_filter: NetworkFilter) -> list[model.Partner]:
    where, params = _where([("kind = ?", network_filter.kind), ("town = ?", network_filter.town)],
                           ("name", "contact_person", "notes"), network_filter, None)
    return load_where(conn, model.Partner, where, params, "name COLLATE NOCASE, id")


def meetings(conn: Connection, network_filter: NetworkFilter,
             partner_id: str | None = None) -> list[model.Meeting]:
    conditions: list[tuple[str, Any]] = [
        ("EXISTS (SELECT 1 FROM json_each(partner_ids) WHERE value = ?)", partner_id)]
    where, params = _where(conditions, ("topic", "outcome"), network_filter, "date")
    return load_where(conn, model.Meeting, where, params, "date DESC, id")


def referrals(conn: Connection, case_id: str | None = None,
              partner_id: str | None = None) -> list[model.Referral]:
    where, params = _where([("case_id = ?", case_id), ("partner_id = ?", partner_id)], (),
                           NetworkFilter(), None)
    return load_where(conn, model.Referral, where, params, "date DESC, id")


def partner_by_name(conn: Connection, name: str) -> model.Partner | None:
    found = load_where(conn, model.Partner, "bd_norm(name) = bd_norm(?)", (name.strip(),))
    return found[0] if found else None
