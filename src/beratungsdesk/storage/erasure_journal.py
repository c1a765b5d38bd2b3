"""The erasure journal: which records were erased, kept beside the backups.

A backup is a picture of the past. A client erased on request *after* that picture was
taken must not come back when the picture is restored (GDPR art. 17). The journal lists
every erased record of the store — kind, id and date only, never content — and lives in
the backup folder, so it survives the disk that held the store. Restoring re-applies it.

The whole list is one AES-256-GCM message under a key derived from the store's data key
(see ``backup_file.store_secret``), with the store id as associated data: without the
passphrase it reveals only how large it is, and a changed, shortened or foreign journal
does not decrypt (a restore then stops and says so, rather than silently skipping erasures).
It is rewritten whole, atomically, each time it grows.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.storage import keys
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.files import write_atomically

JOURNAL_NAME = "erasures.bdjournal"
FORMAT = "beratungsdesk-erasure-journal"
FORMAT_VERSION = 1
#: A journal larger than this is not one of ours (a million erasures take about 100 MB).
MAX_BYTES = 256 << 20


class JournalError(BeratungsError):
    code = "journal_damaged"


@dataclass(frozen=True, order=True)
class Erased:
    entity: str
    row_id: str
    erased_at: str


def _key(secret: bytes) -> bytes:
    return keys.derive_subkey(secret, b"erasure journal")


def erased_rows(conn: Connection) -> set[Erased]:
    """Every record this store has erased (its ``erased`` table)."""
    rows = conn.execute("SELECT entity, row_id, erased_at FROM erased").fetchall()
    return {Erased(str(entity), str(row_id), str(at)) for entity, row_id, at in rows}


def read(path: Path, secret: bytes, store_id: str) -> set[Erased]:
    """The journal's entries; an absent file is an empty journal."""
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else b""
    except FileNotFoundError:
        return set()
    except OSError:
        raise BeratungsError("file_unreadable") from None
    try:
        header_line, sealed_line = raw.split(b"\n")[:2]
        header = json.loads(header_line)
        if header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
            raise ValueError("not a journal of this version")
        if header.get("store_id") != store_id:
            raise JournalError("journal_foreign")
        sealed = base64.b64decode(sealed_line, validate=True)
        plain = keys.unseal(_key(secret), sealed, store_id.encode("utf-8"))
        if plain is None:
            raise ValueError("altered")
        return {Erased(str(e), str(i), str(a)) for e, i, a in json.loads(plain)}
    except JournalError:
        raise
    except (ValueError, TypeError, UnicodeDecodeError):
        raise JournalError() from None


def write(path: Path, secret: bytes, store_id: str, entries: set[Erased]) -> None:
    header = json.dumps({"format": FORMAT, "version": FORMAT_VERSION, "store_id": store_id})
    plain = json.dumps(sorted([e.entity, e.row_id, e.erased_at] for e in entries)).encode("utf-8")
    sealed = keys.seal(_key(secret), plain, store_id.encode("utf-8"))
    write_atomically(path, header.encode("utf-8") + b"\n" + base64.b64encode(sealed) + b"\n")


def record(folder: Path, secret: bytes, store_id: str, conn: Connection) -> int:
    """Add the store's erasures to the journal in ``folder``; how many were new."""
    path = folder / JOURNAL_NAME
    known = read(path, secret, store_id)
    new = erased_rows(conn) - known
    if new or not path.exists():
        write(path, secret, store_id, known | new)
    return len(new)
