"""What a backup is checked against: the store's counts when it was taken, and the
checks an unpacked copy must pass before anyone trusts it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from beratungsdesk.storage import audit, schema
from beratungsdesk.storage.backup_file import DAMAGED, BackupError, InBackground, Manifest
from beratungsdesk.storage.connection import Connection, DatabaseError, connect
from beratungsdesk.storage.layout import DB_NAME


def _tables(conn: Connection) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [name for (name,) in rows]


def _counts(conn: Connection) -> dict[str, int]:
    # Names come from sqlite_master of our own schema, never from input.
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in _tables(conn)}


def change_log_mark(conn: Connection) -> str:
    """Changes when anything is written, received, erased or purged (for "changed since the
    last backup?"); cheap even at 100 000 cases."""
    # The newest sequence number of each origin: one index lookup each (a count or a max over
    # the clocks would read the whole log, seconds at 100 000 cases).
    origins = [no for (no,) in conn.execute("SELECT no FROM origins ORDER BY no")]
    newest = [conn.execute("SELECT max(seq) FROM change_log WHERE origin = ?", (no,)).fetchone()[0]
              for no in origins]
    return ",".join(f"{no}:{seq}" for no, seq in zip(origins, newest, strict=True))


def manifest(conn: Connection, role: str) -> Manifest:
    """Counts per table and audit entries, read in the caller's transaction."""
    counts = _counts(conn)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return Manifest(version, role, counts, counts.get("audit", 0))


def inspect(folder: Path, data_key: bytes, expected: Manifest) -> None:
    """Open the unpacked copy in ``folder`` and check structure, audit chain and counts.

    Raises ``backup_damaged`` (with ``kind`` naming the failed check) on the first problem.
    SQLite's ``integrity_check`` reads every page in use, and reading a page checks its
    SQLCipher HMAC, so a page that does not decrypt fails it; SQLCipher's own
    ``cipher_integrity_check`` would only add the free pages, whose bytes the backup's MAC
    has already covered. The audit chain and the counts are read on a second connection at
    the same time (SQLite releases the GIL while it works), so the check costs about the
    integrity check alone.
    """
    structure = InBackground(lambda: _check_structure(folder, data_key), "backup-structure")
    try:
        _with_connection(folder, data_key, lambda conn: _check_contents(conn, expected))
    finally:
        structure.wait()
    structure.result()


def _with_connection(folder: Path, data_key: bytes, check: Callable[[Connection], None]) -> None:
    try:
        conn = connect(folder / DB_NAME, data_key)
    except Exception:
        raise BackupError(DAMAGED, kind="open") from None
    try:
        check(conn)
    except DatabaseError:
        raise BackupError(DAMAGED, kind="structure") from None
    finally:
        conn.close()


def _check_structure(folder: Path, data_key: bytes) -> None:
    def check(conn: Connection) -> None:
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise BackupError(DAMAGED, kind="structure")
    _with_connection(folder, data_key, check)


def _check_contents(conn: Connection, expected: Manifest) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != expected.schema_version or version > schema.SCHEMA_VERSION:
        raise BackupError(DAMAGED, kind="schema")
    _, problems = audit.verify(conn)
    if problems:
        raise BackupError(DAMAGED, kind="audit")
    if _counts(conn) != expected.counts:
        raise BackupError(DAMAGED, kind="counts")
