"""An encrypted store: one folder with ``store.db`` (SQLCipher) and ``store.key``.

Folder contents (no file name says anything about a person):
- ``store.db`` (+ ``-wal``/``-shm`` while open): the encrypted database;
- ``store.key``: the data key, wrapped under the passphrase (see ``keys``);
- ``store.lock``: held while a process has the store open;
- ``unlock-failures.json``: count of failed unlock attempts, for throttling.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.changed import Changes
from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.core.errors import StoreError, StoreErrorCode
from beratungsdesk.core.hlc import HybridClock
from beratungsdesk.core.vocab import BUILTIN_HLC, BUILTIN_ORIGIN, Term, Vocabulary, default_terms
from beratungsdesk.storage import backup_file, keys, schema
from beratungsdesk.storage.connection import Connection, connect, translate_errors
from beratungsdesk.storage.files import FolderLock, replace_with_retry
from beratungsdesk.storage.layout import DB_NAME, KEY_NAME, LOCK_NAME, THROTTLE_NAME
from beratungsdesk.storage.permissions import create_private_file, make_private_folder
from beratungsdesk.storage.unit_of_work import UnitOfWork

ROLE_OFFICE = "office"
ROLE_COUNSELOR = "counselor"
ROLES = (ROLE_OFFICE, ROLE_COUNSELOR)

#: Called after each commit with what it wrote: entity names and ids (views refresh from it).
ChangeListener = Callable[[Changes], None]


#: Store meta: own change sequence numbers continue above this (set by a restore).
OWN_SEQ_FLOOR = "own_seq_floor"


class Store:
    def __init__(self, folder: Path, conn: Connection, lock: FolderLock | _NoLock) -> None:
        self.folder = folder
        self.conn = conn
        self._lock = lock
        self._vocabulary: Vocabulary | None = None
        self._origin_cache: dict[str, int] = {}
        self._device_cache: dict[int, str] = {}
        self.listeners: list[ChangeListener] = []
        #: Seals this store's backups and erasure journal (derived from the data key at unlock).
        self.backup_secret = b""
        #: The data key, kept to check this store's own backups in the app. SQLCipher holds it in
        #: memory for as long as the connection is open anyway, so this adds no exposure.
        self.data_key = b""
        #: Opened beside the process that owns the store (``open_beside``), for a backup.
        self.beside = False
        #: Who is working (a team member's name or id); goes into audit entries.
        self.actor: str | None = None
        self.device_id = self.meta("device_id") or ""
        self.role = self.meta("role") or ""
        self.clock = HybridClock(int(self.meta("hlc") or 0))
        self.own_origin_no = self.origin_no(self.device_id, create=False)
        # A restored office continues above every number it may have used before the backup
        # was taken (see services/backup.py), so no device ever sees one number twice.
        self.last_own_seq = max(self._max_seq(self.own_origin_no), int(self.meta(OWN_SEQ_FLOOR) or 0))

    # --- creating and opening ----------------------------------------------

    @classmethod
    def create(cls, folder: Path, passphrase: str, role: str, name: str,
               kdf_seconds: float = keys.DEFAULT_KDF_SECONDS) -> Store:
        """Initialise a new store; refuses a folder that already holds one."""
        if role not in ROLES:
            raise StoreError("invalid_role")
        if not passphrase:
            raise StoreError("empty_passphrase")
        make_private_folder(folder)
        for existing in (KEY_NAME, DB_NAME):
            if (folder / existing).exists():
                raise StoreError(StoreErrorCode.EXISTS)
        data_key = keys.new_data_key()
        store_id = str(uuid.uuid4())
        key_file = keys.wrap(data_key, passphrase, store_id, keys.calibrate(kdf_seconds))
        # Build in a private temporary folder, then move into place (key file
        # last): a crash never leaves a half-initialised store behind.
        staging = folder / f".init-{secrets.token_hex(6)}"
        make_private_folder(staging)
        try:
            _create_private_file(staging / DB_NAME)
            conn = connect(staging / DB_NAME, data_key)
            try:
                _migrate(conn)
                _seed(conn, store_id, role, name)
            finally:
                conn.close()
            keys.save_key_file(staging / KEY_NAME, key_file)
            replace_with_retry(staging / DB_NAME, folder / DB_NAME)
            replace_with_retry(staging / KEY_NAME, folder / KEY_NAME)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return cls.open(folder, passphrase)

    @classmethod
    def open(cls, folder: Path, passphrase: str,
             sleep: Callable[[float], None] = time.sleep) -> Store:
        key_file = keys.read_key_file(folder / KEY_NAME)
        db_path = folder / DB_NAME
        if not db_path.exists() or db_path.stat().st_size == 0:
            raise StoreError(StoreErrorCode.DAMAGED)
        lock = FolderLock(folder / LOCK_NAME)
        lock.acquire()
        try:
            data_key = _unlock(folder, key_file, passphrase, sleep)
            conn = connect(db_path, data_key)
            try:
                _check_identity(conn, key_file.store_id)
                _migrate(conn)
                store = cls(folder, conn, lock)
                store.backup_secret = backup_file.store_secret(data_key)
                store.data_key = data_key
                store.ensure_builtin_terms()
                return store
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open_beside(cls, folder: Path, passphrase: str) -> Store:
        """A second connection to a store another process holds open (the app), for a backup.

        No folder lock, no migration, no writes at open: the owner's process is in charge of
        the store. SQLite's own locks keep the two apart (``files_held_still`` takes its write
        lock, so the owner's writes wait); raises ``store_too_new`` or ``store_foreign`` when
        the owner would migrate first or the files do not belong together.
        """
        key_file = keys.read_key_file(folder / KEY_NAME)
        data_key = _unlock(folder, key_file, passphrase, time.sleep)
        conn = connect(folder / DB_NAME, data_key)
        try:
            _check_identity(conn, key_file.store_id)
            if conn.execute("PRAGMA user_version").fetchone()[0] != schema.SCHEMA_VERSION:
                raise StoreError(StoreErrorCode.TOO_NEW)
            conn.execute("PRAGMA busy_timeout = 30000")  # the owner may be in the middle of a write
            store = cls(folder, conn, _NoLock())
        except BaseException:
            conn.close()
            raise
        store.backup_secret = backup_file.store_secret(data_key)
        store.data_key = data_key
        store.beside = True
        return store

    def close(self) -> None:
        if self.conn is not None:
            if not self.beside:  # the owner checkpoints its own store
                with contextlib.suppress(Exception):
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def change_passphrase(self, old: str, new: str,
                          kdf_seconds: float = keys.DEFAULT_KDF_SECONDS) -> None:
        """Rewrap the data key under ``new``; the database is not re-encrypted."""
        if not new:
            raise StoreError("empty_passphrase")
        key_path = self.folder / KEY_NAME
        key_file = keys.read_key_file(key_path)
        data_key = keys.unwrap(key_file, old)
        rewrapped = keys.wrap(data_key, new, key_file.store_id, keys.calibrate(kdf_seconds))
        keys.save_key_file(key_path, rewrapped)

    # --- meta, origins, clocks ----------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Inside a transaction the caller opened (see :meth:`save_meta` for one on its own)."""
        with translate_errors():
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def save_meta(self, key: str, value: str) -> None:
        """:meth:`set_meta` in a transaction of its own: written completely or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.set_meta(key, value)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def files_held_still(self) -> Iterator[tuple[Path, Path]]:
        """The database file and its WAL, while no writer can change either.

        Holds the write lock (``BEGIN IMMEDIATE``) on the store's one connection: nothing
        appends to the WAL and no checkpoint moves pages until the block ends, so the two
        files are together exactly the last committed state. Reads inside see that state.
        """
        with translate_errors():
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.folder / DB_NAME, self.folder / f"{DB_NAME}-wal"
        finally:
            self.conn.execute("ROLLBACK")

    @property
    def name(self) -> str:
        return self.meta("name") or ""

    def origin_no(self, device_id: str, create: bool) -> int:
        if device_id in self._origin_cache:
            return self._origin_cache[device_id]
        row = self.conn.execute("SELECT no FROM origins WHERE device_id = ?", (device_id,)).fetchone()
        if row is None:
            if not create:
                raise StoreError(StoreErrorCode.DAMAGED)
            inserted = self.conn.execute("INSERT INTO origins(device_id) VALUES (?)", (device_id,)).lastrowid
            assert inserted is not None  # an INSERT always sets it
            number = inserted
        else:
            number = row[0]
        self._origin_cache[device_id] = number
        self._device_cache[number] = device_id
        return number

    def device_id_of(self, origin_no: int) -> str:
        if origin_no not in self._device_cache:
            row = self.conn.execute("SELECT device_id FROM origins WHERE no = ?",
                                    (origin_no,)).fetchone()
            self._device_cache[origin_no] = row[0] if row else ""
        return self._device_cache[origin_no]

    def _max_seq(self, origin_no: int) -> int:
        row = self.conn.execute("SELECT max(seq) FROM change_log WHERE origin = ?",
                                (origin_no,)).fetchone()
        return row[0] or 0

    # --- writing ------------------------------------------------------------

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self)

    def after_commit(self, changes: Changes) -> None:
        if "term" in changes:
            self._vocabulary = None
        if changes:
            for listener in list(self.listeners):
                listener(changes)

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot for several queries (one read transaction)."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    # --- vocabulary ---------------------------------------------------------

    def ensure_builtin_terms(self) -> None:
        """Give a store made by an older version the defaults added since (idempotent)."""
        builtin = self.origin_no(BUILTIN_ORIGIN, create=True)
        if self._max_seq(builtin) < len(default_terms()):
            with self.unit_of_work() as uow:
                uow.apply_remote(builtin_term_changes())

    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            found = self.conn.execute(
                "SELECT kind, code, label_de, label_en, retired, position FROM terms "
                "WHERE deleted = 0").fetchall()
            self._vocabulary = Vocabulary([Term(k, c, de, en, bool(r), p or 0)
                                           for k, c, de, en, r, p in found])
        return self._vocabulary


class _NoLock:
    """The folder lock of a store opened beside its owner: the owner holds the real one."""

    def release(self) -> None:
        return None


def _create_private_file(path: Path) -> None:
    """An empty private file: SQLite keeps its mode, and gives it to -wal/-shm too."""
    create_private_file(path)


def unlock_wait(folder: Path) -> float:
    """Seconds before the store in ``folder`` takes the next passphrase attempt."""
    return keys.UnlockThrottle(folder / THROTTLE_NAME).remaining()


def _unlock(folder: Path, key_file: keys.KeyFile, passphrase: str,
            sleep: Callable[[float], None]) -> bytes:
    throttle = keys.UnlockThrottle(folder / THROTTLE_NAME)
    delay = throttle.remaining()
    if delay:
        sleep(delay)
    try:
        data_key = keys.unwrap(key_file, passphrase)
    except StoreError as error:
        if error.code == StoreErrorCode.WRONG_PASSPHRASE:
            throttle.record_failure()
        raise
    throttle.reset()
    return data_key


def _migrate(conn: Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > schema.SCHEMA_VERSION:
        raise StoreError(StoreErrorCode.TOO_NEW)
    for target in range(version + 1, schema.SCHEMA_VERSION + 1):
        with translate_errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in schema.MIGRATIONS[target - 1]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise


def _check_identity(conn: Connection, store_id: str) -> None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
    except Exception:
        raise StoreError(StoreErrorCode.FOREIGN) from None
    if row is None or row[0] != store_id:
        raise StoreError(StoreErrorCode.FOREIGN)


def _seed(conn: Connection, store_id: str, role: str, name: str) -> None:
    """Identity, own origin and the default vocabularies."""
    device_id = str(uuid.uuid4())
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.execute("BEGIN IMMEDIATE")
    for key, value in (("store_id", store_id), ("device_id", device_id), ("role", role),
                       ("name", name), ("created_at", now), ("hlc", "0")):
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (key, value))
    conn.execute("INSERT INTO origins(no, device_id) VALUES (1, ?)", (device_id,))
    conn.execute("COMMIT")
    # The defaults arrive as the same "builtin" change sets in every store, so
    # they never travel in a handover and any edit by the office wins over them.
    seeding = Store(Path(), conn, FolderLock(Path(os.devnull)))
    with seeding.unit_of_work() as uow:
        uow.apply_remote(builtin_term_changes())


def builtin_term_changes() -> list[ChangeSet]:
    changes = []
    for seq, term in enumerate(default_terms(), start=1):
        entity = model.VocabTerm(id=f"{term.kind}:{term.code}", kind=term.kind, code=term.code,
                                 label_de=term.label_de, label_en=term.label_en,
                                 retired=False, position=term.position)
        changes.append(ChangeSet(BUILTIN_ORIGIN, seq, BUILTIN_HLC, "term", entity.id,
                                 wire_form.entity_to_wire(entity)))
    return changes
