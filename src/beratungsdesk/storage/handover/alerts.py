"""Alerts of the handover (forks, refused changes, clocks ahead ...) and the facts checks compare."""

from __future__ import annotations

from beratungsdesk.storage.connection import Connection, translate_errors
from beratungsdesk.storage.handover import now_iso


def add_alert(conn: Connection, kind: str, peer_id: str | None, seq: int | None,
              detail: str | None = None) -> None:
    with translate_errors():
        conn.execute("INSERT INTO sync_alerts(at, kind, peer, seq, detail) VALUES (?, ?, ?, ?, ?)",
                     (now_iso(), kind, peer_id, seq, detail))


def alerts(conn: Connection, limit: int = 50) -> list[tuple[str, str, str | None, int | None, str | None]]:
    # Notices "your text was replaced" are shown with the conflicts (storage/conflict_queries.py).
    return conn.execute("SELECT at, kind, peer, seq, detail FROM sync_alerts "
                        "WHERE kind NOT IN ('text_replaced', 'text_replaced_seen') ORDER BY id DESC LIMIT ?",
                        (limit,)).fetchall()


def audit_hash_at(conn: Connection, device_id: str, n: int) -> str | None:
    """The hash of entry ``n`` of a device's audit chain, as held here."""
    row = conn.execute("SELECT hash FROM audit_log WHERE device_id = ? AND n = ?", (device_id, n)).fetchone()
    return row[0] if row else None


def open_conflicts(conn: Connection) -> int:
    count: int = conn.execute("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0]
    return count
