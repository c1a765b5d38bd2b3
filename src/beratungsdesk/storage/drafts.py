"""Unsaved input kept when the program locks, offered back after unlocking (issue 14).

A draft is what one editor of the window held unsaved (the case editor, the outreach
form, a prevention form), as a JSON object the editor wrote and alone reads back. It
lives in the ``drafts`` table of the store, so it is encrypted at rest like every
record; it is local (never synced, never in the change log, never in a handover) and
goes when its input is saved or discarded, or with its case when that is erased.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from beratungsdesk.storage.connection import Connection, translate_errors


def keep(conn: Connection, drafts: dict[str, dict[str, Any]], replace: bool = True) -> None:
    """Keep ``drafts`` (key -> state) in one transaction, all or none: exactly these
    (``replace``), or these besides the ones kept already (a draft of the same key replaced)."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with translate_errors():
        conn.execute("BEGIN IMMEDIATE")
        try:
            if replace:
                conn.execute("DELETE FROM drafts")
            conn.executemany(
                "INSERT OR REPLACE INTO drafts(key, case_id, kept_at, body) VALUES (?, ?, ?, ?)",
                [(key, _case_id(state), now, json.dumps(state, ensure_ascii=False))
                 for key, state in drafts.items()])
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def load_all(conn: Connection) -> dict[str, dict[str, Any]]:
    """Every kept draft, key -> state; a body that is not a JSON object is left out."""
    found: dict[str, dict[str, Any]] = {}
    for key, body in conn.execute("SELECT key, body FROM drafts ORDER BY key").fetchall():
        try:
            state = json.loads(body)
        except ValueError:
            continue
        if isinstance(state, dict):
            found[key] = state
    return found


def delete(conn: Connection, keys: list[str]) -> None:
    with translate_errors():
        conn.executemany("DELETE FROM drafts WHERE key = ?", [(key,) for key in keys])


def _case_id(state: dict[str, Any]) -> str | None:
    case_id = state.get("case_id")
    return case_id if isinstance(case_id, str) else None
