"""Clients for the app's client list: code, name, town and how many cases each has."""

from __future__ import annotations

import json

from beratungsdesk.core.records import ClientRow
from beratungsdesk.storage.connection import Connection


def client_rows(conn: Connection, client_ids: list[str] | None, limit: int) -> list[ClientRow]:
    """Clients ordered by code; ``client_ids`` restricts them (e.g. to search hits)."""
    where, params = "cl.deleted = 0", []
    if client_ids is not None:
        where += " AND cl.id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(client_ids))
    sql = ("SELECT cl.id, cl.code, cl.name, cl.town, "
           "(SELECT count(*) FROM cases c WHERE c.client_id = cl.id AND c.deleted = 0) "
           f"FROM clients cl WHERE {where} ORDER BY cl.code COLLATE NOCASE, cl.id LIMIT ?")
    return [ClientRow(*row) for row in conn.execute(sql, (*params, limit))]
