"""Opening a keyed SQLCipher connection with the pragmas the design requires,
and turning SQLite's errors into the project's typed errors (by result code)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3

from beratungsdesk.core.errors import StoreError, StoreErrorCode
from beratungsdesk.core.text import fold_for_search, normalise_for_matching
from beratungsdesk.storage.keys import sqlcipher_key_pragma

Connection = sqlcipher3.Connection
DatabaseError = sqlcipher3.DatabaseError

#: Above the working set so each page is decrypted once (measured: 12x slower
#: deep pages with the 8 MB default). Negative = KiB.
CACHE_KIB = 128 * 1024
PAGE_SIZE = 4096

_PRAGMAS_AFTER_KEY = (
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA cipher_memory_security = OFF",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA cache_size = -{CACHE_KIB}",
)


def connect(db_path: Path, data_key: bytes) -> Connection:
    """A keyed connection in autocommit mode (transactions are explicit).

    Raises ``StoreError`` with ``store_damaged`` when the file cannot be read with
    this key (foreign, truncated or overwritten file).
    """
    if db_path.exists():
        _check_file_shape(db_path)
    with translate_errors():  # a folder that cannot be opened is a store error, not a traceback
        conn = sqlcipher3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    try:
        with translate_errors():
            conn.create_function("bd_fold", 1, fold_for_search, deterministic=True)
            conn.create_function("bd_norm", 1, normalise_for_matching, deterministic=True)
            conn.execute(sqlcipher_key_pragma(data_key))
            for pragma in _PRAGMAS_AFTER_KEY:
                conn.execute(pragma).fetchall()
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _check_file_shape(db_path: Path) -> None:
    # A truncated file is found here cheaply; SQLite itself would only notice
    # when it reads the missing page, perhaps much later.
    size = db_path.stat().st_size
    if size % PAGE_SIZE:  # 0 is a database being created
        raise StoreError(StoreErrorCode.DAMAGED)


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Map SQLite's errors to typed store errors without leaking SQL or values."""
    try:
        yield
    except sqlcipher3.DatabaseError as error:
        raise typed_error(error) from None


#: SQLite's primary result codes (the low byte of an extended code such as
#: SQLITE_IOERR_WRITE) -> the store's own error. The one place that knows them.
_STORE_ERRORS: dict[int, str] = {
    sqlcipher3.SQLITE_BUSY: StoreErrorCode.LOCKED,  # another connection holds the write lock
    sqlcipher3.SQLITE_LOCKED: StoreErrorCode.LOCKED,  # a conflict inside this connection's cache
    sqlcipher3.SQLITE_FULL: StoreErrorCode.DISK_FULL,
    sqlcipher3.SQLITE_READONLY: StoreErrorCode.READ_ONLY,
    sqlcipher3.SQLITE_PERM: StoreErrorCode.READ_ONLY,
    sqlcipher3.SQLITE_CORRUPT: StoreErrorCode.DAMAGED,
    sqlcipher3.SQLITE_NOTADB: StoreErrorCode.DAMAGED,  # also a page SQLCipher cannot decrypt
    sqlcipher3.SQLITE_IOERR: StoreErrorCode.IO_ERROR,
    sqlcipher3.SQLITE_CANTOPEN: StoreErrorCode.IO_ERROR,
    sqlcipher3.SQLITE_CONSTRAINT: StoreErrorCode.CONSTRAINT,
}


def typed_error(error: sqlcipher3.Error) -> StoreError:
    """The store error for one of SQLite's, chosen by its result code.

    The code is ``sqlite_errorcode`` (set by the driver, as in the standard ``sqlite3``
    module since Python 3.11): unlike the English message text it does not change with
    SQLite's wording. An error the driver raised itself (a closed connection, a misuse)
    carries no code and becomes the generic ``database_error``.
    """
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return StoreError(_STORE_ERRORS.get(code & 0xFF, StoreErrorCode.DATABASE_ERROR))
    return StoreError(StoreErrorCode.DATABASE_ERROR)
