"""Backups of a store: create, verify, restore (with the erasure journal re-applied).

``create`` copies the open store while holding its write lock (see
``Store.files_held_still``) into one encrypted file in the backup folder and brings the
erasure journal there up to date. ``verify`` needs only the file and the passphrase that
opened the store when the backup was taken. ``restore`` verifies, then builds a new store
folder (never over an existing store) and erases again what the journal lists, so a
record erased after the backup was taken stays erased.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core.errors import BeratungsError, StoreError, StoreErrorCode
from beratungsdesk.services.backup_rotation import DEFAULT_POLICY, KeepPolicy, to_keep
from beratungsdesk.storage import backup_check, backup_file, erasure_journal, keys
from beratungsdesk.storage.files import replace_with_retry
from beratungsdesk.storage.layout import DB_NAME, KEY_NAME
from beratungsdesk.storage.permissions import make_private_folder
from beratungsdesk.storage.store import OWN_SEQ_FLOOR, Store

#: Store meta keys (no personal data: a folder path and timestamps).
META_FOLDER = "backup.folder"
META_LAST = "backup.last"
META_RESTORED_FROM = "backup.restored_from"
META_CHECKS = "backup.checks"  # JSON: file name -> {"ok": bool, "at": ISO time}
META_LOG_MARK = "backup.log_mark"  # the change log's extent at the last backup
META_ON_LAPTOP = "backup.laptop_enabled"
#: The start and office pages warn when the last good backup is older than this.
WARN_AFTER = dt.timedelta(days=7)


@dataclass(frozen=True)
class VerifiedBackup:
    path: Path
    created: dt.datetime
    store_id: str
    role: str
    counts: dict[str, int]

    @property
    def cases(self) -> int:
        return self.counts.get("cases", 0)

    @property
    def clients(self) -> int:
        return self.counts.get("clients", 0)


@dataclass(frozen=True)
class Restored:
    folder: Path
    backup: VerifiedBackup
    erasures_applied: int
    journal_found: bool


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class BackupService:
    def __init__(self, store: Store, clock: Callable[[], dt.datetime] = _now) -> None:
        self.store = store
        self.clock = clock

    def create(self, folder: Path, progress: Callable[[int, int], None] | None = None) -> Path:
        """A backup of the store in ``folder`` (created if needed); its path. ``progress(done,
        total)`` hears the bytes copied so far."""
        _prepare_folder(folder)
        created = self.clock()
        key_file = keys.read_key_file(self.store.folder / KEY_NAME)
        header = backup_file.Header(created.isoformat(), key_file.store_id, key_file)
        def counts() -> backup_file.Manifest:
            # Read inside the same write lock as the copy, while it runs (backup_file.write).
            return backup_check.manifest(self.store.conn, self.store.role)

        with self.store.files_held_still() as (database, wal):
            path = _written(folder, lambda: backup_file.write(
                folder, header, counts, self.store.backup_secret, database, wal, progress))
        self.record_erasures(folder)
        self.store.save_meta(META_FOLDER, str(folder))
        self.store.save_meta(META_LAST, created.isoformat())
        self.store.save_meta(META_LOG_MARK, self._log_mark())
        return path

    def record_erasures(self, folder: Path | None = None) -> int:
        """Bring the erasure journal in the backup folder up to date; new entries written.

        Called after every erasure. Without a backup folder yet, or while it is not
        reachable, this does nothing: the next backup writes the whole journal.
        """
        target = folder or self.folder()
        if target is None or not target.is_dir():
            return 0
        store_id = self.store.meta("store_id") or ""
        with self.store.read() as conn:
            return erasure_journal.record(target, self.store.backup_secret, store_id, conn)

    def folder(self) -> Path | None:
        """The backup folder (set once, by the first backup or in the office page)."""
        value = self.store.meta(META_FOLDER)
        return Path(value) if value else None

    def last_backup(self) -> dt.datetime | None:
        value = self.store.meta(META_LAST)
        return dt.datetime.fromisoformat(value) if value else None


    # --- automatic backups ------------------------------------------------------

    def set_folder(self, folder: Path) -> None:
        _prepare_folder(folder)
        self.store.save_meta(META_FOLDER, str(folder))

    def enabled(self) -> bool:
        """Automatic backups: at the office once a folder is set; on a laptop only if switched on."""
        if self.folder() is None:
            return False
        return self.store.role == "office" or self.store.meta(META_ON_LAPTOP) == "1"

    def laptop_enabled(self) -> bool:
        return self.store.meta(META_ON_LAPTOP) == "1"

    def set_laptop_enabled(self, enabled: bool) -> None:
        self.store.save_meta(META_ON_LAPTOP, "1" if enabled else "0")

    def changed_since_last_backup(self) -> bool:
        return self.store.meta(META_LOG_MARK) != self._log_mark()

    def _log_mark(self) -> str:
        with self.store.read() as conn:
            return backup_check.change_log_mark(conn)

    def auto(self) -> Path | None:
        """After a handover that brought changes, and when the app closes: back up, check the
        new backup, and remove what the keep policy no longer needs. None when nothing changed
        or automatic backups are off; raises when the folder cannot be reached."""
        folder = self.folder()
        if not self.enabled() or folder is None or not self.changed_since_last_backup():
            return None
        if not folder.is_dir():
            raise BeratungsError("backup_folder_unwritable")
        path = self.create(folder)
        self.check(path, full=False)
        self.prune()
        return path

    def create_checked(self, folder: Path, progress: Callable[[int, int], None] | None = None) -> Path:
        """``create`` and ``check``: what "Back up now" does."""
        path = self.create(folder, progress)
        self.check(path, full=False)
        return path

    def check(self, path: Path, full: bool = True) -> bool:
        """Check one of this store's backups with the key in memory; remember the result.

        ``full=False`` (after each automatic backup): every byte as written (the MAC) and the
        manifest decrypts, about what reading the file costs. ``full=True`` ("Check" in the
        office page, ``backup verify``): also unpack and run both integrity checks, the audit
        chains and the counts, which decrypts and walks every page (a minute at 100 000 cases).
        """
        try:
            if full:
                with tempfile.TemporaryDirectory(prefix="bd-verify-") as scratch:
                    manifest = backup_file.unpack(path, self.store.backup_secret, Path(scratch),
                                                  durable=False)
                    backup_check.inspect(Path(scratch), self.store.data_key, manifest)
            else:
                backup_file.check_mac(path, self.store.backup_secret)
                backup_file.read_manifest(path, self.store.backup_secret)
            ok = True
        except BeratungsError:
            ok = False
        checks = self._checks()
        checks[path.name] = {"ok": ok, "full": full, "at": self.clock().isoformat()}
        self._save_checks(checks)
        return ok

    def _checks(self) -> dict[str, dict]:
        try:
            value = json.loads(self.store.meta(META_CHECKS) or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _save_checks(self, checks: dict[str, dict]) -> None:
        self.store.save_meta(META_CHECKS, json.dumps(checks, sort_keys=True))

    def listing(self) -> list[BackupEntry]:
        """The backups in the folder, newest first, with what the last check found."""
        folder = self.folder()
        if folder is None or not folder.is_dir():
            return []
        checks = self._checks()
        entries = []
        for path in backup_file.listed(folder):
            try:
                header = backup_file.read_header(path)
            except BeratungsError:
                entries.append(BackupEntry(path, None, path.stat().st_size, False))
                continue
            found = checks.get(path.name, {})
            entries.append(BackupEntry(path, header.created_at, path.stat().st_size, found.get("ok"),
                                       bool(found.get("full")), header.store_id))
        return sorted(entries, key=lambda e: e.created or dt.datetime.min.replace(tzinfo=dt.UTC),
                      reverse=True)

    def prune(self, policy: KeepPolicy = DEFAULT_POLICY) -> list[Path]:
        """Remove the backups the keep policy does not need; the removed paths.

        Only backups of this store with a readable header take part; anything else in the
        folder is left alone.
        """
        own_id = self.store.meta("store_id")
        ours = [e for e in self.listing() if e.created is not None and e.store_id == own_id]
        keep = to_keep(e.created for e in ours if e.created is not None)
        removed = []
        for entry in ours:
            if entry.created not in keep:
                with contextlib.suppress(OSError):
                    entry.path.unlink()
                    removed.append(entry.path)
        checks = self._checks()
        self._save_checks({name: c for name, c in checks.items()
                           if name not in {p.name for p in removed}})
        return removed

    def health(self) -> BackupHealth:
        """For the warnings on the start and office pages."""
        folder = self.folder()
        if folder is None:
            return BackupHealth(None, None, reachable=False, configured=False)
        reachable = folder.is_dir()
        good = [e.created for e in self.listing() if e.ok and e.created is not None]
        last_good = max(good) if good else None
        return BackupHealth(folder, last_good, reachable, configured=True)


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    created: dt.datetime | None  # None: the header cannot be read (damaged, foreign)
    size: int
    ok: bool | None  # last check: True good, False failed, None not checked yet
    full: bool = False  # the last check unpacked and checked everything (not only the MAC)
    store_id: str | None = None  # whose backup it is (a folder may hold a laptop's too)


@dataclass(frozen=True)
class BackupHealth:
    folder: Path | None
    last_good: dt.datetime | None
    reachable: bool
    configured: bool

    def warning(self, now: dt.datetime) -> str | None:
        """``no_folder``, ``unreachable``, ``none_good`` or ``too_old``; None when all is well."""
        if not self.configured:
            return "no_folder"
        if not self.reachable:
            return "unreachable"
        if self.last_good is None:
            return "none_good"
        if now - self.last_good > WARN_AFTER:
            return "too_old"
        return None


def open_beside(folder: Path, passphrase: str) -> Store:
    """The store in ``folder`` while another process (the app) has it open, for ``create``."""
    return Store.open_beside(folder, passphrase)


def _prepare_folder(folder: Path) -> None:
    try:
        make_private_folder(folder)
    except OSError:
        raise BeratungsError("backup_folder_unwritable") from None
    if not os.access(folder, os.W_OK):
        raise BeratungsError("backup_folder_unwritable")


def _written(folder: Path, write: Callable[[], Path]) -> Path:
    try:
        return write()
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise StoreError(StoreErrorCode.DISK_FULL) from None
        raise BeratungsError("backup_folder_unwritable") from None


@contextlib.contextmanager
def _unpacked(path: Path, passphrase: str, scratch: Path,
              durable: bool) -> Iterator[tuple[VerifiedBackup, bytes]]:
    """Check the MAC, decrypt and check the copy in ``scratch``; yields it verified."""
    header = backup_file.read_header(path)
    data_key = keys.unwrap(header.key_file, passphrase)
    secret = backup_file.store_secret(data_key)
    manifest = backup_file.unpack(path, secret, scratch, durable)
    backup_check.inspect(scratch, data_key, manifest)
    yield VerifiedBackup(path, header.created_at, header.store_id, manifest.role, manifest.counts), secret


def verify(path: Path, passphrase: str, scratch_parent: Path | None = None) -> VerifiedBackup:
    """Every byte as written, the pages decrypt, the structure, audit chain and counts hold.

    The unpacked copy lives in a private temporary folder (encrypted pages only) that is
    removed before this returns.
    """
    with (tempfile.TemporaryDirectory(prefix="bd-verify-", dir=scratch_parent) as scratch,
          _unpacked(path, passphrase, Path(scratch), durable=False) as (verified, _)):
        return verified


def restore(path: Path, passphrase: str, target: Path, journal: Path | None = None,
            clock: Callable[[], dt.datetime] = _now) -> Restored:
    """Verify ``path`` and build a new store in ``target`` from it (``target`` must be empty).

    The erasure journal beside the backup (or ``journal``) is re-applied: what was erased
    after the backup was taken is erased again, at once.
    """
    _require_empty(target)
    journal_path = journal or path.parent / erasure_journal.JOURNAL_NAME
    created_target = not target.exists()
    make_private_folder(target)
    staging = target / f".restore-{secrets.token_hex(6)}"
    make_private_folder(staging)
    try:
        with _unpacked(path, passphrase, staging, durable=True) as (verified, secret):
            entries = erasure_journal.read(journal_path, secret, verified.store_id)
            header = backup_file.read_header(path)
            keys.save_key_file(staging / KEY_NAME, header.key_file)
            for name in (DB_NAME, f"{DB_NAME}-wal"):
                if (staging / name).exists():
                    replace_with_retry(staging / name, target / name)
            replace_with_retry(staging / KEY_NAME, target / KEY_NAME)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_partial_restore(target)
        if created_target:
            with contextlib.suppress(OSError):
                target.rmdir()
        raise
    shutil.rmtree(staging, ignore_errors=True)
    with Store.open(target, passphrase) as store:
        _continue_after_restore(store)
        applied = _apply_journal(store, entries)
        store.save_meta(META_RESTORED_FROM, verified.created.isoformat())
        store.save_meta("backup.restored_at", clock().isoformat())
        # The restored store has not been backed up yet; it chooses its folder anew.
        for key in (META_FOLDER, META_LAST, META_CHECKS, META_LOG_MARK):
            store.save_meta(key, "")
    return Restored(target, verified, applied, journal_path.exists())


#: How far a restored office's own change numbers jump: above anything it can have used
#: between the backup and the loss (automatic backups follow every handover).
SEQ_JUMP = 1_000_000_000


def _continue_after_restore(store: Store) -> None:
    """A restored store is behind what the other devices have seen from it. It must never
    use a bundle or change number again with other content (they would take it for a fork,
    or drop the change as known): the office's bundles start a new epoch, which the laptops
    accept from the office's signature and the restore notice, and its own change numbers
    continue far above the old ones. A restored laptop is enrolled again instead (see the
    handbook): its numbers are the office's record of it."""
    if store.role != "office":
        return
    store.save_meta("sync_epoch", str(int(store.meta("sync_epoch") or 1) + 1))
    store.save_meta(OWN_SEQ_FLOOR, str(store.last_own_seq + SEQ_JUMP))
    store.last_own_seq += SEQ_JUMP


def _require_empty(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BeratungsError("restore_target_not_empty")


def _remove_partial_restore(target: Path) -> None:
    for name in (KEY_NAME, DB_NAME, f"{DB_NAME}-wal"):
        with contextlib.suppress(OSError):
            (target / name).unlink()


def _apply_journal(store: Store, entries: set[erasure_journal.Erased]) -> int:
    """Erase again what the journal lists and the restored store still holds."""
    with store.read() as conn:
        already = {(e.entity, e.row_id) for e in erasure_journal.erased_rows(conn)}
    pending = sorted({(e.entity, e.row_id) for e in entries} - already)
    if not pending:
        return 0
    with store.unit_of_work() as uow:
        for entity, row_id in pending:
            uow.erase(entity, row_id, must_exist=False)
    return len(pending)


def restored_from(store: Store) -> dt.datetime | None:
    """When the backup this store was restored from was taken (None: never restored)."""
    value = store.meta(META_RESTORED_FROM)
    return dt.datetime.fromisoformat(value) if value else None
