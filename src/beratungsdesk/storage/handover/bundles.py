"""Bundles written and read, the receipts devices send back, and the document contents bundles carry."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from beratungsdesk.storage.connection import Connection, translate_errors
from beratungsdesk.storage.handover import now_iso


@dataclass(frozen=True)
class BundleOut:
    recipient: str
    seq: int
    bundle_id: str
    hash: bytes
    created_at: str
    changes: int
    blobs: int
    file_name: str
    content_digest: str


def last_bundle_out(conn: Connection, recipient: str) -> BundleOut | None:
    row = conn.execute("SELECT recipient, seq, bundle_id, hash, created_at, changes, blobs, file_name, "
                       "content_digest FROM bundles_out WHERE recipient = ? ORDER BY seq DESC LIMIT 1",
                       (recipient,)).fetchone()
    return BundleOut(*row) if row else None


def forget_content_of_last_bundle_out(conn: Connection, recipient: str) -> None:
    """The next bundle to ``recipient`` is written even if it holds what the last one held
    (the recipient lost it: an office restored from a backup)."""
    with translate_errors():
        conn.execute("UPDATE bundles_out SET content_digest = '' WHERE recipient = ? AND seq = "
                     "(SELECT max(seq) FROM bundles_out WHERE recipient = ?)", (recipient, recipient))


def bundles_out(conn: Connection, recipient: str | None = None) -> list[BundleOut]:
    sql = ("SELECT recipient, seq, bundle_id, hash, created_at, changes, blobs, file_name, content_digest "
           "FROM bundles_out")
    if recipient is None:
        return [BundleOut(*row) for row in conn.execute(sql + " ORDER BY recipient, seq")]
    return [BundleOut(*row) for row in conn.execute(sql + " WHERE recipient = ? ORDER BY seq", (recipient,))]


def record_bundle_out(conn: Connection, item: BundleOut) -> None:
    with translate_errors():
        conn.execute("INSERT INTO bundles_out(recipient, seq, bundle_id, hash, created_at, changes, blobs, "
                     "file_name, content_digest) VALUES (?,?,?,?,?,?,?,?,?)",
                     (item.recipient, item.seq, item.bundle_id, item.hash, item.created_at,
                      item.changes, item.blobs, item.file_name, item.content_digest))


@dataclass(frozen=True)
class BundleIn:
    sender: str
    epoch: int
    seq: int
    bundle_id: str
    hash: bytes
    prev_hash: bytes
    imported_at: str
    changes: int
    blobs: int
    covers_from: int


_IN_COLUMNS = "sender, epoch, seq, bundle_id, hash, prev_hash, imported_at, changes, blobs, covers_from"


def bundle_in(conn: Connection, sender: str, epoch: int, seq: int) -> BundleIn | None:
    row = conn.execute(f"SELECT {_IN_COLUMNS} FROM bundles_in WHERE sender = ? AND epoch = ? AND seq = ?",
                       (sender, epoch, seq)).fetchone()
    return BundleIn(*row) if row else None


def bundles_in(conn: Connection, sender: str, epoch: int) -> list[BundleIn]:
    return [BundleIn(*row) for row in conn.execute(
        f"SELECT {_IN_COLUMNS} FROM bundles_in WHERE sender = ? AND epoch = ? ORDER BY seq",
        (sender, epoch))]


def record_bundle_in(conn: Connection, item: BundleIn) -> None:
    with translate_errors():
        conn.execute(f"INSERT INTO bundles_in({_IN_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (item.sender, item.epoch, item.seq, item.bundle_id, item.hash, item.prev_hash,
                      item.imported_at, item.changes, item.blobs, item.covers_from))


# --- receipts -----------------------------------------------------------------------------

def save_receipt(conn: Connection, peer_id: str, body: dict[str, Any], manifest: bytes,
                 signature: bytes) -> None:
    with translate_errors():
        conn.execute("INSERT OR REPLACE INTO receipts(peer, received_at, body, manifest, signature) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (peer_id, now_iso(), json.dumps(body, sort_keys=True), manifest, signature))


def receipt(conn: Connection, peer_id: str) -> tuple[str, dict[str, Any]] | None:
    row = conn.execute("SELECT received_at, body FROM receipts WHERE peer = ?", (peer_id,)).fetchone()
    return (row[0], json.loads(row[1])) if row else None


def signed_receipts(conn: Connection) -> list[tuple[str, bytes, bytes]]:
    """(peer, manifest bytes, signature) of the newest receipt of every peer."""
    return conn.execute("SELECT peer, manifest, signature FROM receipts ORDER BY peer").fetchall()


# --- document contents ----------------------------------------------------------------------

def blob_sizes(conn: Connection, digests: Iterable[str]) -> list[tuple[str, int]]:
    found = []
    for digest in sorted(set(digests)):
        row = conn.execute("SELECT size FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
        if row:
            found.append((digest, row[0]))
    return found


def blob_content(conn: Connection, digest: str) -> bytes:
    row = conn.execute("SELECT content FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
    return bytes(row[0]) if row else b""
