"""The devices of a team: this device's identity keys, its peers, invitations and the roster."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from beratungsdesk.storage.connection import Connection, translate_errors
from beratungsdesk.storage.handover import now_iso

# --- identity keys ------------------------------------------------------------

def load_keys(conn: Connection) -> dict[str, bytes]:
    return dict(conn.execute("SELECT purpose, private FROM identity_keys").fetchall())


def save_keys(conn: Connection, keys: dict[str, tuple[bytes, bytes]]) -> None:
    with translate_errors():
        conn.executemany("INSERT INTO identity_keys(purpose, private, public, created_at) "
                         "VALUES (?, ?, ?, ?)",
                         [(purpose, private, public, now_iso())
                          for purpose, (private, public) in keys.items()])


# --- peers ----------------------------------------------------------------------

@dataclass(frozen=True)
class Peer:
    device_id: str
    role: str  # office | counselor
    name: str | None
    sign_pub: bytes
    kx_pub: bytes
    counselor_id: str | None
    epoch: int
    status: str  # active | revoked
    enrolled_at: str | None
    revoked_at: str | None
    certificate: bytes | None


_PEER_COLUMNS = ("device_id, role, name, sign_pub, kx_pub, counselor_id, epoch, status, "
                 "enrolled_at, revoked_at, certificate")


def peer(conn: Connection, device_id: str) -> Peer | None:
    row = conn.execute(f"SELECT {_PEER_COLUMNS} FROM peers WHERE device_id = ?", (device_id,)).fetchone()
    return Peer(*row) if row else None


def peers(conn: Connection, role: str | None = None) -> list[Peer]:
    sql = f"SELECT {_PEER_COLUMNS} FROM peers"
    params: tuple[Any, ...] = ()
    if role:
        sql += " WHERE role = ?"
        params = (role,)
    return [Peer(*row) for row in conn.execute(sql + " ORDER BY enrolled_at, device_id", params)]


def save_peer(conn: Connection, item: Peer) -> None:
    with translate_errors():
        conn.execute(f"INSERT OR REPLACE INTO peers({_PEER_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (item.device_id, item.role, item.name, item.sign_pub, item.kx_pub,
                      item.counselor_id, item.epoch, item.status, item.enrolled_at,
                      item.revoked_at, item.certificate))


def forget_peer(conn: Connection, device_id: str) -> None:
    with translate_errors():
        conn.execute("DELETE FROM peers WHERE device_id = ?", (device_id,))


def revoke_peer(conn: Connection, device_id: str) -> None:
    with translate_errors():
        conn.execute("UPDATE peers SET status = 'revoked', revoked_at = ? WHERE device_id = ?",
                     (now_iso(), device_id))


# --- invitations ----------------------------------------------------------------

def add_invitation(conn: Connection, invite_id: str) -> None:
    with translate_errors():
        conn.execute("INSERT INTO invitations(invite_id, created_at) VALUES (?, ?)", (invite_id, now_iso()))


def invitation_state(conn: Connection, invite_id: str) -> str:
    """``unknown``, ``open`` or ``used``."""
    row = conn.execute("SELECT used_by FROM invitations WHERE invite_id = ?", (invite_id,)).fetchone()
    if row is None:
        return "unknown"
    return "used" if row[0] else "open"


def use_invitation(conn: Connection, invite_id: str, device_id: str) -> None:
    with translate_errors():
        conn.execute("UPDATE invitations SET used_by = ? WHERE invite_id = ?", (device_id, invite_id))


# --- roster -------------------------------------------------------------------------

def latest_roster(conn: Connection) -> tuple[int, bytes, bytes] | None:
    row = conn.execute("SELECT version, body, signature FROM roster ORDER BY version DESC LIMIT 1"
                       ).fetchone()
    return (row[0], row[1], row[2]) if row else None


def roster_body(conn: Connection, version: int) -> bytes | None:
    row = conn.execute("SELECT body FROM roster WHERE version = ?", (version,)).fetchone()
    return row[0] if row else None


def save_roster(conn: Connection, version: int, body: bytes, signature: bytes) -> None:
    with translate_errors():
        conn.execute("INSERT OR IGNORE INTO roster(version, body, signature, saved_at) VALUES (?, ?, ?, ?)",
                     (version, body, signature, now_iso()))
