"""The backup file: a consistent, encrypted, tamper-evident copy of a store in one file.

Layout (all lengths big-endian)::

    MAGIC
    u32 length + header      JSON, public: format, version, created (UTC), store id, key file
    u64 length + database    the store's SQLCipher file, byte for byte (already encrypted)
    u64 length + WAL         its write-ahead log, byte for byte (already encrypted)
    u32 length + manifest    AES-256-GCM under a key from the data key (counts, schema, audit
                             entries); the header is its associated data
    32 bytes                 HMAC-SHA-256 over everything before, under a key from the data key

The manifest comes after the files because its counts are read while they are copied (both
under the same write lock, on two threads): the backup costs about the slower of the two.

Why the store's encrypted pages are copied as they are instead of exported: the copy
costs what copying the file costs (no page is decrypted or re-encrypted), and the backup
is encrypted with the store's own data key, which the key file in the header wraps under
the passphrase. So the passphrase that opened the store when the backup was taken opens
the backup; nothing in the file is readable without it. The copy is consistent because it
is taken while holding the store's write lock (``BEGIN IMMEDIATE``): no writer can append
to the WAL and no checkpoint can move pages while the two files are read, and the
database file plus its WAL are exactly the committed state at that moment.

The HMAC covers every byte, so one changed byte anywhere fails ``verify`` before anything
is decrypted; the manifest's counts and audit heads then tell a file that is intact but
not the one that was written (e.g. a store swapped under a valid MAC cannot happen
without the data key).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import queue
import secrets
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Generic, Protocol, TypeVar

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.storage import keys
from beratungsdesk.storage.files import fsync_folder, replace_with_retry
from beratungsdesk.storage.layout import DB_NAME
from beratungsdesk.storage.permissions import make_private

T = TypeVar("T")

MAGIC = b"BERATUNGSDESK-BACKUP\n"
FORMAT = "beratungsdesk-backup"
FORMAT_VERSION = 1
SUFFIX = ".bdbackup"
MAC_BYTES = 32
CHUNK = 1 << 20
#: A header or manifest larger than this is damage, not a backup of ours.
MAX_SECTION = 1 << 20


class _Source(Protocol):
    """What the readers below need: a file, or a reader that hashes what passes."""

    def read(self, size: int, /) -> bytes: ...


class BackupError(BeratungsError):
    """A backup that cannot be written, read or trusted (codes below)."""

    code = "backup_damaged"

    def __init__(self, code: str | None = None, **data: object) -> None:
        if (code or self.code) == DAMAGED:
            data.setdefault("kind", "file")  # which check failed: file, structure, schema, ...
        super().__init__(code, **data)


DAMAGED = "backup_damaged"
FOREIGN = "backup_foreign"
TOO_NEW = "backup_too_new"


def store_secret(data_key: bytes) -> bytes:
    """The secret backups are sealed with, derived from the data key (never the key itself)."""
    return _derive(data_key, b"beratungsdesk backup secret")


def _derive(secret: bytes, info: bytes) -> bytes:
    return keys.derive_subkey(secret, info)


def _mac_key(secret: bytes) -> bytes:
    return _derive(secret, b"mac")


def _manifest_key(secret: bytes) -> bytes:
    return _derive(secret, b"manifest")


@dataclass(frozen=True)
class Header:
    created: str  # ISO 8601, UTC, seconds
    store_id: str
    key_file: keys.KeyFile

    def to_bytes(self) -> bytes:
        fields = {"format": FORMAT, "version": FORMAT_VERSION, "created": self.created,
                  "store_id": self.store_id, "key_file": json.loads(self.key_file.to_json())}
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")

    @classmethod
    def parse(cls, data: bytes) -> Header:
        try:
            fields = json.loads(data.decode("utf-8"))
            if fields.get("format") != FORMAT:
                raise BackupError(FOREIGN)
            if fields.get("version") != FORMAT_VERSION:
                raise BackupError(TOO_NEW)
            key_file = keys.KeyFile.parse(json.dumps(fields["key_file"]))
            created = str(fields["created"])
            dt.datetime.fromisoformat(created)
            if key_file.store_id != fields["store_id"]:
                raise BackupError(DAMAGED)
            return cls(created, str(fields["store_id"]), key_file)
        except BackupError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, BeratungsError):
            raise BackupError(DAMAGED) from None

    @property
    def created_at(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.created)


@dataclass(frozen=True)
class Manifest:
    """What the store held when the backup was taken: checked again after decrypting."""

    schema_version: int
    role: str
    counts: dict[str, int]
    audit_entries: int

    def to_bytes(self) -> bytes:
        return json.dumps({"schema_version": self.schema_version, "role": self.role,
                           "counts": self.counts, "audit_entries": self.audit_entries},
                          sort_keys=True).encode("utf-8")

    @classmethod
    def parse(cls, data: bytes) -> Manifest:
        try:
            fields = json.loads(data.decode("utf-8"))
            counts = {str(k): int(v) for k, v in dict(fields["counts"]).items()}
            return cls(int(fields["schema_version"]), str(fields["role"]), counts,
                       int(fields["audit_entries"]))
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise BackupError(DAMAGED) from None


def backup_name(created: dt.datetime) -> str:
    """Date and time only: a backup's name never carries personal data."""
    return f"beratungsdesk-{created.strftime('%Y-%m-%d_%H-%M-%S')}{SUFFIX}"


def write(folder: Path, header: Header, manifest: Callable[[], Manifest], secret: bytes,
          database: Path, wal: Path, progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the backup into ``folder`` atomically (temporary name, fsync, rename); its path.

    The caller holds the store's write lock while this runs (see ``Store.files_held_still``).
    ``progress(done, total)`` hears the bytes of the store copied so far, after each block.
    """
    _remove_stale_partials(folder)
    target = folder / backup_name(header.created_at)
    if target.exists():
        target = target.with_name(f"{target.stem}-{secrets.token_hex(2)}{SUFFIX}")
    partial = folder / f".{target.name}.{secrets.token_hex(4)}.partial"
    header_bytes = header.to_bytes()
    mac = hmac.new(_mac_key(secret), digestmod=hashlib.sha256)
    writer: _MacWriter | None = None
    counting = InBackground(manifest, "backup-counts")  # the counts are read while the files are copied
    try:
        with open(partial, "xb") as out:
            make_private(partial)
            writer = _MacWriter(out, mac)
            writer.write(MAGIC)
            writer.write(struct.pack(">I", len(header_bytes)) + header_bytes)
            sizes = [part.stat().st_size if part.exists() else 0 for part in (database, wal)]
            copied = 0
            for part, size in zip((database, wal), sizes, strict=True):
                copied = _copy_part(part, size, writer, copied, sum(sizes), progress)
            sealed = keys.seal(_manifest_key(secret), counting.result().to_bytes(), header_bytes)
            writer.write(struct.pack(">I", len(sealed)) + sealed)
            out.write(writer.digest())
            out.flush()
            os.fsync(out.fileno())
        replace_with_retry(partial, target)
        fsync_folder(folder)
    except BaseException:
        if writer is not None:
            writer.close()
        counting.wait()
        partial.unlink(missing_ok=True)
        raise
    return target


class InBackground(Generic[T]):
    """``job()`` on a thread of its own; ``result()`` waits for it and re-raises its error."""

    def __init__(self, job: Callable[[], T], name: str) -> None:
        self._job = job
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._job()
        except BaseException as error:  # handed to the waiting thread
            self._error = error

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> T:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when no error was raised


#: A partial file older than this belongs to a backup that was killed, not to one running.
STALE_PARTIAL_SECONDS = 3600


def _remove_stale_partials(folder: Path) -> None:
    """Leftovers of killed backups: never listed (no ``.bdbackup`` suffix), removed later."""
    now = dt.datetime.now().timestamp()
    for leftover in folder.glob(".beratungsdesk-*.partial"):
        try:
            if now - leftover.stat().st_mtime > STALE_PARTIAL_SECONDS:
                leftover.unlink()
        except OSError:
            continue


def listed(folder: Path) -> list[Path]:
    """The backups in ``folder``, oldest first (partial files are never listed)."""
    return sorted(p for p in folder.glob(f"beratungsdesk-*{SUFFIX}") if p.is_file())


class _Hasher:
    """Feeds a MAC on a second thread while the caller reads or writes the same blocks.

    Hashing and file I/O both release the GIL, so on two cores a pass costs about the slower
    of the two instead of their sum (SHA-256 runs at about the speed of the disk copy). The
    queue is short, so memory stays a few blocks.
    """

    def __init__(self, mac: hmac.HMAC) -> None:
        self.mac = mac
        self._blocks: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self._thread = threading.Thread(target=self._hash, name="backup-mac", daemon=True)
        self._thread.start()

    def _hash(self) -> None:
        while (block := self._blocks.get()) is not None:
            self.mac.update(block)

    def feed(self, data: bytes) -> None:
        self._blocks.put(data)

    def digest(self) -> bytes:
        """The MAC over everything fed (waits for the hashing thread)."""
        self.close()
        return self.mac.digest()

    def close(self) -> None:
        if self._thread.is_alive():
            self._blocks.put(None)
            self._thread.join()


class _MacWriter:
    """Writes blocks and hashes them at the same time (see ``_Hasher``)."""

    def __init__(self, out: BinaryIO, mac: hmac.HMAC) -> None:
        self.out = out
        self._hasher = _Hasher(mac)

    def write(self, data: bytes) -> None:
        self._hasher.feed(data)
        self.out.write(data)

    def digest(self) -> bytes:
        return self._hasher.digest()

    def close(self) -> None:
        self._hasher.close()


class _MacReader:
    """Reads at most ``limit`` bytes of ``source`` and hashes every byte read (see ``_Hasher``).

    Reading past the limit returns nothing, so a length field that points beyond the end of
    the covered bytes ends as damage, never as a read of the MAC itself.
    """

    def __init__(self, source: BinaryIO, mac: hmac.HMAC, limit: int) -> None:
        self.source = source
        self.remaining = limit
        self._hasher = _Hasher(mac)

    def read(self, size: int) -> bytes:
        data = self.source.read(max(0, min(size, self.remaining)))
        self.remaining -= len(data)
        self._hasher.feed(data)
        return data

    def digest(self) -> bytes:
        return self._hasher.digest()

    def close(self) -> None:
        self._hasher.close()


def _copy_part(path: Path, size: int, writer: _MacWriter, before: int, total: int,
               progress: Callable[[int, int], None] | None) -> int:
    """Copy one file of ``size`` bytes; returns the bytes copied of all parts so far."""
    writer.write(struct.pack(">Q", size))
    if not size:
        return before
    copied = 0
    with open(path, "rb") as source:
        while copied < size:
            block = source.read(min(CHUNK, size - copied))
            if not block:
                raise BackupError(DAMAGED)  # the file shrank under the write lock: never expected
            writer.write(block)
            copied += len(block)
            if progress is not None:
                progress(before + copied, total)
    return before + copied


def read_header(path: Path) -> Header:
    """The public header (no passphrase needed): when the backup was taken, of which store."""
    with _open(path) as source:
        return _read_header(source)[0]


@contextmanager
def _open(path: Path) -> Iterator[BinaryIO]:
    try:
        source = open(path, "rb")
    except FileNotFoundError:
        raise BeratungsError("file_missing") from None
    except OSError:
        raise BeratungsError("file_unreadable") from None
    with source:
        yield source


def _read_header(source: _Source) -> tuple[Header, bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError(FOREIGN)
    header_bytes = _read_section(source, ">I")
    return Header.parse(header_bytes), header_bytes


def _read_section(source: _Source, fmt: str, limit: int = MAX_SECTION) -> bytes:
    raw = source.read(struct.calcsize(fmt))
    if len(raw) != struct.calcsize(fmt):
        raise BackupError(DAMAGED)
    (length,) = struct.unpack(fmt, raw)
    if length > limit:
        raise BackupError(DAMAGED)
    data = source.read(length)
    if len(data) != length:
        raise BackupError(DAMAGED)
    return data


def check_mac(path: Path, secret: bytes) -> None:
    """Every byte as written: raises ``backup_damaged`` otherwise (streamed, constant memory)."""
    size = path.stat().st_size
    if size < len(MAGIC) + MAC_BYTES:
        raise BackupError(DAMAGED)
    mac = hmac.new(_mac_key(secret), digestmod=hashlib.sha256)
    with _open(path) as source:
        for block in _blocks(source, size - MAC_BYTES):
            mac.update(block)
        stored = source.read(MAC_BYTES)
    if not hmac.compare_digest(mac.digest(), stored):
        raise BackupError(DAMAGED)


def _blocks(source: _Source, size: int) -> Iterator[bytes]:
    """The next ``size`` bytes of ``source`` in blocks; a file that ends early is damaged."""
    remaining = size
    while remaining:
        block = source.read(min(CHUNK, remaining))
        if not block:
            raise BackupError(DAMAGED)
        yield block
        remaining -= len(block)


def read_manifest(path: Path, secret: bytes) -> Manifest:
    """The decrypted manifest (call ``check_mac`` first): skips the files to reach it."""
    with _open(path) as source:
        _, header_bytes = _read_header(source)
        for _part in range(2):
            source.seek(_part_size(source), os.SEEK_CUR)
        return _manifest(source, secret, header_bytes)


def _part_size(source: _Source) -> int:
    raw = source.read(8)
    if len(raw) != 8:
        raise BackupError(DAMAGED)
    return int(struct.unpack(">Q", raw)[0])


def _manifest(source: _Source, secret: bytes, header_bytes: bytes) -> Manifest:
    sealed = _read_section(source, ">I")
    manifest_bytes = keys.unseal(_manifest_key(secret), sealed, header_bytes)
    if manifest_bytes is None:
        raise BackupError(DAMAGED)
    return Manifest.parse(manifest_bytes)


def unpack(path: Path, secret: bytes, into: Path, durable: bool = True) -> Manifest:
    """Check every byte (the MAC) and write the database and WAL into folder ``into``, in one
    read of the file; the decrypted manifest.

    Raises ``backup_damaged`` when the MAC does not match; what was written into ``into`` is
    then the caller's to remove (it is only ever the store's encrypted pages). ``durable``
    flushes the files to the disk (a restore keeps them; a verify throws them away).
    """
    size = path.stat().st_size
    if size < len(MAGIC) + MAC_BYTES:
        raise BackupError(DAMAGED)
    mac = hmac.new(_mac_key(secret), digestmod=hashlib.sha256)
    with _open(path) as source:
        reader = _MacReader(source, mac, size - MAC_BYTES)
        try:
            _, header_bytes = _read_header(reader)
            for name in (DB_NAME, DB_NAME + "-wal"):
                _extract_part(reader, into / name, durable)
            sealed = _read_section(reader, ">I")
            if reader.remaining:
                raise BackupError(DAMAGED)
            computed = reader.digest()
        finally:
            reader.close()
        stored = source.read(MAC_BYTES)
    if not hmac.compare_digest(computed, stored):
        raise BackupError(DAMAGED)
    manifest_bytes = keys.unseal(_manifest_key(secret), sealed, header_bytes)
    if manifest_bytes is None:
        raise BackupError(DAMAGED)
    return Manifest.parse(manifest_bytes)


def _extract_part(source: _Source, target: Path, durable: bool) -> None:
    size = _part_size(source)
    if not size:
        return
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        for block in _blocks(source, size):
            out.write(block)
        if durable:
            out.flush()
            os.fsync(out.fileno())
