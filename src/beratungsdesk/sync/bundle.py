"""The signed inside of a bundle: manifest, change records and attachment bytes.

Plaintext payload (inside the envelope, see ``envelope`` and docs/bundle-format.md)::

    u32 BE   manifest length M (1 <= M <= MAX_MANIFEST_BYTES)
    M bytes  manifest: canonical JSON (UTF-8, sorted keys, no spaces)
    64 bytes Ed25519 signature of DOMAIN_MANIFEST || manifest by the sender
    changes  manifest["changes"]["bytes"] bytes: records, each u32 BE length + canonical JSON
             [origin, seq, hlc, entity, row_id, values, prev]
    blobs    for each [sha256, size] in manifest["blobs"]: size bytes of content

The manifest states counts, sizes and SHA-256 hashes of everything after it, so
the one signature covers the whole bundle. The *bundle hash* (what the next
bundle's ``prev_hash`` names, and what fork detection compares) is the SHA-256
of the manifest bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import secrets
import struct
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

from beratungsdesk.core import model
from beratungsdesk.core.changes import ChangeSet, Resolution, is_erase, is_resolution
from beratungsdesk.core.hlc import is_stamp
from beratungsdesk.storage import files
from beratungsdesk.sync import crypto
from beratungsdesk.sync.envelope import DEFAULT_CHUNK_EXPONENT, EnvelopeReader, EnvelopeWriter
from beratungsdesk.sync.errors import BundleRejected, Reason

FORMAT = 1
SUFFIX = ".bdsk"
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_RECORD_BYTES = 64 * 1024 * 1024
MAX_BLOB_BYTES = model.MAX_ATTACHMENT_BYTES

KIND_HANDOVER = "handover"
KIND_JOIN = "join"
KINDS = (KIND_HANDOVER, KIND_JOIN)

_U32 = struct.Struct(">I")
#: Change records are read from the envelope in blocks of this size.
_RECORD_BLOCK = 1 << 20


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def encode_change(change: ChangeSet) -> bytes:
    record = canonical([change.origin, change.seq, change.hlc, change.entity, change.row_id,
                        change.values, change.prev])
    return _U32.pack(len(record)) + record


@dataclass
class EncodedChanges:
    """Change records ready to write, with what the manifest says about them."""

    data: bytes
    count: int
    clock_min: int
    clock_max: int

    @classmethod
    def of(cls, changes: list[ChangeSet]) -> EncodedChanges:
        data = b"".join(encode_change(change) for change in changes)
        clocks = [change.hlc for change in changes]
        return cls(data, len(changes), min(clocks, default=0), max(clocks, default=0))

    def summary(self) -> dict[str, Any]:
        return {"count": self.count, "bytes": len(self.data),
                "sha256": hashlib.sha256(self.data).hexdigest()}


def random_stem() -> str:
    """32 random hex digits: a name that says nothing and never collides."""
    return secrets.token_hex(16)


def random_file_name() -> str:
    return random_stem() + SUFFIX


#: Largest file a bundle is written as (just under 2 GiB: FAT32 sticks take at most
#: 4 GiB per file, and some tools stumble over files beyond 2 GiB). A larger bundle is
#: written as several parts; see ``sync/handover_folder.py`` for their names.
PART_BYTES = 2**31 - 2**20
#: Most parts a bundle may have (their number has at most 4 digits in the file name).
MAX_PARTS = 9999


def write_bundle(folder: Path, sender: crypto.Identity, recipient_kx: bytes, manifest: dict[str, Any],
                 changes: EncodedChanges, blobs: list[tuple[str, int]],
                 blob_content: Callable[[str], bytes],
                 before_rename: Callable[[str, bytes], None] = lambda name, digest: None,
                 chunk_exponent: int = DEFAULT_CHUNK_EXPONENT,
                 part_bytes: int | None = None) -> tuple[Path, bytes]:
    """Write a bundle under temporary names, fsync, rename. Returns (first file, bundle hash).

    ``manifest`` gets the ``changes`` and ``blobs`` summaries added here. A bundle
    larger than ``part_bytes`` (default ``PART_BYTES``) is written as several files.
    ``before_rename(first file's name, bundle hash)`` runs when every file is
    complete on disk but none is visible yet (the exporter records and commits it
    there). Whole files or none: a file gets its final name only when complete,
    and when writing fails every file of this bundle is removed again (as far as
    the folder is still there; what remains has a temporary name and is never read).
    """
    manifest = {**manifest, "format": FORMAT, "changes": changes.summary(),
                "blobs": [[sha, size] for sha, size in blobs]}
    manifest_bytes = canonical(manifest)
    signature = sender.sign(crypto.DOMAIN_MANIFEST, manifest_bytes)
    digest = hashlib.sha256(manifest_bytes).digest()
    folder.mkdir(parents=True, exist_ok=True)
    out = _PartFiles(folder, part_bytes or PART_BYTES)
    published: list[Path] = []
    try:
        writer = EnvelopeWriter(cast(BinaryIO, out), recipient_kx, chunk_exponent)
        writer.write(_U32.pack(len(manifest_bytes)) + manifest_bytes + signature)
        writer.write(changes.data)
        for sha, size in blobs:
            content = blob_content(sha)
            if len(content) != size or hashlib.sha256(content).hexdigest() != sha:
                raise BundleRejected(Reason.MANIFEST_MISMATCH)
            writer.write(content)
        writer.close()
        out.finish()
        finals = [folder / name for name in part_names(random_stem(), len(out.temps))]
        before_rename(finals[0].name, digest)
        for temp, final in zip(out.temps, finals, strict=True):
            _rename_into_place(temp, final)
            published.append(final)
        files.fsync_folder(folder)
    except BaseException:
        out.abort()
        for path in published:  # a bundle with parts missing is no use to anyone
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return finals[0], digest


def part_names(stem: str, count: int) -> list[str]:
    """The file names of a bundle written as ``count`` files (see ``sync/handover_folder.py``)."""
    if count == 1:
        return [stem + SUFFIX]
    return [f"{stem}-{k}of{count}{SUFFIX}" for k in range(1, count + 1)]


def _rename_into_place(temp: Path, final: Path) -> None:
    """The step that makes a complete file visible under its bundle name (retried while a
    scanner holds the folder's new file on Windows)."""
    files.replace_with_retry(temp, final)


class _PartFiles:
    """A write-only stream into temporary files of at most ``part_bytes`` bytes each.

    Every file is created private to the user (0600, whatever the umask: a bundle is
    encrypted, but its size and times still say something); on file systems without
    permissions (FAT sticks) the mode is ignored, which is harmless.
    """

    def __init__(self, folder: Path, part_bytes: int) -> None:
        if part_bytes < 1:
            raise ValueError("part_bytes")
        self._folder = folder
        self._part_bytes = part_bytes
        self._handle: BinaryIO | None = None
        self._written = 0
        self.temps: list[Path] = []

    def write(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        while view:
            if self._handle is None or self._written == self._part_bytes:
                self._next_file()
            assert self._handle is not None
            take = min(len(view), self._part_bytes - self._written)
            self._handle.write(view[:take])
            self._written += take
            view = view[take:]

    def _next_file(self) -> None:
        if len(self.temps) >= MAX_PARTS:
            raise BundleRejected(Reason.TOO_LARGE)
        self._close_current()
        temp, handle = files.create_temp(self._folder)
        self.temps.append(temp)
        self._handle = handle
        self._written = 0

    def _close_current(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            try:
                files.sync_file(handle)
            finally:
                handle.close()

    def finish(self) -> None:
        if self._handle is None:
            self._next_file()  # nothing was written: still one (empty) file
        self._close_current()

    def abort(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self._handle.close()
            self._handle = None
        for temp in self.temps:
            with contextlib.suppress(OSError):
                temp.unlink()


class OpenedBundle:
    """A bundle whose header and manifest were decrypted (signature not yet checked)."""

    def __init__(self, handle: BinaryIO, reader: EnvelopeReader) -> None:
        self._handle = handle
        self._reader = reader
        length = _U32.unpack(reader.read(4))[0]
        if not 0 < length <= MAX_MANIFEST_BYTES or length + 64 > reader.remaining():
            raise BundleRejected(Reason.DAMAGED)
        self.manifest_bytes = reader.read(length)
        self.signature = reader.read(crypto.SIGNATURE_BYTES)
        self.hash = hashlib.sha256(self.manifest_bytes).digest()
        try:
            manifest = json.loads(self.manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):  # nesting bombs too
            raise BundleRejected(Reason.DAMAGED) from None
        self.manifest: dict[str, Any] = check_manifest(manifest)
        self._check_sizes()

    def _check_sizes(self) -> None:
        """The manifest's sizes must add up to exactly what the file holds."""
        blob_total = 0
        for sha, size in self.manifest["blobs"]:
            if not _is_hex(sha, 64) or not isinstance(size, int) or not 0 <= size <= MAX_BLOB_BYTES:
                raise BundleRejected(Reason.MANIFEST_MISMATCH)
            blob_total += size
        expected, present = self.manifest["changes"]["bytes"] + blob_total, self._reader.remaining()
        if expected != present:
            # First make sure the file itself is intact (a cut or extended file
            # fails a chunk tag here); only then blame the manifest.
            self._reader.verify_rest()
            raise BundleRejected(Reason.MANIFEST_MISMATCH)

    def verify(self, sign_public: bytes) -> None:
        if not crypto.verify(sign_public, crypto.DOMAIN_MANIFEST, self.manifest_bytes, self.signature):
            raise BundleRejected(Reason.BAD_SIGNATURE)

    def changes(self) -> Iterator[ChangeSet]:
        """Yield the change sets; the last step checks count and hash against the manifest."""
        summary = self.manifest["changes"]
        count = 0
        digest = hashlib.sha256()
        for record in self._records(summary["bytes"], digest):
            count += 1
            yield decode_change(record)
        if count != summary["count"] or digest.hexdigest() != summary["sha256"]:
            raise BundleRejected(Reason.MANIFEST_MISMATCH)

    def _records(self, size: int, digest: Any) -> Iterator[bytes]:
        """Split the ``size`` bytes of change records, adding every byte read to ``digest``.

        Reads blocks of about ``_RECORD_BLOCK`` bytes rather than two small reads
        per record (a handover holds 100 000s of records of some 100 bytes).
        """
        data, pos, unread = b"", 0, size

        def have(wanted: int) -> None:
            nonlocal data, pos, unread
            if len(data) - pos < wanted:
                block = self._reader.read(min(unread, max(_RECORD_BLOCK, wanted - (len(data) - pos))))
                digest.update(block)
                data, pos, unread = data[pos:] + block, 0, unread - len(block)

        while len(data) - pos + unread:
            left = len(data) - pos + unread  # bytes of the section not taken yet
            if left < 4:
                raise BundleRejected(Reason.MANIFEST_MISMATCH)
            have(4)
            length = _U32.unpack_from(data, pos)[0]
            if length > MAX_RECORD_BYTES or length + 4 > left:
                raise BundleRejected(Reason.MANIFEST_MISMATCH)
            have(4 + length)
            yield data[pos + 4:pos + 4 + length]
            pos += 4 + length

    def blobs(self) -> Iterator[tuple[str, bytes]]:
        for sha, size in self.manifest["blobs"]:
            content = self._reader.read(size)
            if hashlib.sha256(content).hexdigest() != sha:
                raise BundleRejected(Reason.MANIFEST_MISMATCH)
            yield sha, content

    def finish(self) -> None:
        if not self._reader.at_end():
            raise BundleRejected(Reason.MANIFEST_MISMATCH)

    def close(self) -> None:
        self._handle.close()


@contextlib.contextmanager
def open_bundle(path: Path | Sequence[Path], identity: crypto.Identity) -> Iterator[OpenedBundle]:
    """Open a bundle: one file, or the parts of a split one in order (read as one stream)."""
    paths = [path] if isinstance(path, Path) else list(path)
    handles: list[BinaryIO] = []
    try:
        for part in paths:
            handles.append(open(part, "rb"))
        sizes = [os.fstat(handle.fileno()).st_size for handle in handles]
    except OSError:
        for handle in handles:
            handle.close()
        raise BundleRejected("file_unreadable") from None
    stream = handles[0] if len(handles) == 1 else cast(BinaryIO, _Concatenated(handles))
    try:
        yield OpenedBundle(stream, EnvelopeReader(stream, sum(sizes), identity))
    except OSError:
        raise BundleRejected("file_unreadable") from None
    finally:
        for handle in handles:
            handle.close()


class _Concatenated:
    """Several open files read as one, in order (the parts of a split bundle)."""

    def __init__(self, handles: list[BinaryIO]) -> None:
        self._handles = handles
        self._current = 0

    def read(self, size: int) -> bytes:
        pieces = []
        while size > 0 and self._current < len(self._handles):
            piece = self._handles[self._current].read(size)
            if not piece:
                self._current += 1
                continue
            pieces.append(piece)
            size -= len(piece)
        return b"".join(pieces)

    def close(self) -> None:
        for handle in self._handles:
            handle.close()


def decode_change(record: bytes) -> ChangeSet:
    try:
        origin, seq, hlc, entity, row_id, values, prev = json.loads(record.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, TypeError, RecursionError):
        raise BundleRejected(Reason.DAMAGED) from None
    # seq and hlc are stored as SQLite integers: nothing outside 64 bits gets that far.
    valid = (isinstance(origin, str) and len(origin) <= 64 and is_stamp(seq) and seq > 0
             and is_stamp(hlc) and entity in model.ENTITY_TYPES
             and isinstance(row_id, str) and 0 < len(row_id) <= 200
             and isinstance(values, dict) and isinstance(prev, dict))
    if not valid:
        raise BundleRejected(Reason.DAMAGED)
    if is_erase(values) and not prev:
        return ChangeSet(origin, seq, hlc, entity, row_id, values, prev)  # erase change: ids only
    kinds = _field_kinds(entity)
    if is_resolution(values):  # a decision about a conflict: a field of the entity, its value
        resolution = Resolution.from_values(values)
        if (prev or resolution is None or resolution.field not in kinds
                or not _values_ok(kinds, {resolution.field: resolution.value})):
            raise BundleRejected(Reason.DAMAGED)
        return ChangeSet(origin, seq, hlc, entity, row_id, values, prev)
    if (not _values_ok(kinds, values) or not prev.keys() <= kinds.keys()
            or not all(_is_int(v) for v in prev.values())):
        raise BundleRejected(Reason.DAMAGED)
    return ChangeSet(origin, seq, hlc, entity, row_id, values, prev)


def _values_ok(kinds: dict[str, str], values: dict[str, Any]) -> bool:
    """Every value names a field of the entity and has its wire type (see ``_wire_type_ok``)."""
    for name, value in values.items():
        kind = kinds.get(name)
        if kind is None:
            return False
        # Most values are empty, texts or flags: decided here without a call (an import
        # checks millions); anything else gets the full check.
        if value is None or type(value) is _PLAIN_TYPES.get(kind, str):
            continue
        if not _wire_type_ok(kind, value):
            return False
    return True


@functools.cache
def _field_kinds(entity: str) -> dict[str, str]:
    return {f.name: f.kind for f in model.spec(entity).fields}


#: A type that is always right for a value of this kind (``None``: it takes a closer look);
#: every kind not named travels as text.
_PLAIN_TYPES: dict[str, type | None] = {model.BOOL: bool, model.INT: None, model.CODES: None,
                                        model.LIST: None}


def _wire_type_ok(kind: str, value: Any) -> bool:
    """A value of the wire type of its field (content is the sender's business)."""
    if value is None:
        return True
    if kind == model.INT:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63
    if kind == model.BOOL:
        return isinstance(value, bool)
    if kind in (model.CODES, model.LIST):
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, str)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63


def _is_hex(value: Any, length: int) -> bool:
    return isinstance(value, str) and len(value) == length and all(c in "0123456789abcdef" for c in value)


#: Manifest keys every bundle has, with their types.
_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "format": int, "kind": str, "bundle_id": str, "sender": str, "sender_epoch": int,
    "recipient": str, "recipient_key": str, "seq": int, "prev_hash": str, "created_at": str,
    "clock": dict, "changes": dict, "blobs": list,
}


def check_manifest(manifest: Any) -> dict[str, Any]:
    """Structure and types of a manifest; a newer format is refused as such."""
    if not isinstance(manifest, dict):
        raise BundleRejected(Reason.DAMAGED)
    if isinstance(manifest.get("format"), int) and manifest["format"] > FORMAT:
        raise BundleRejected(Reason.TOO_NEW)
    for key, kind in _REQUIRED.items():
        if not isinstance(manifest.get(key), kind) or isinstance(manifest.get(key), bool):
            raise BundleRejected(Reason.DAMAGED)
    changes, clock = manifest["changes"], manifest["clock"]
    if (manifest["format"] != FORMAT or manifest["kind"] not in KINDS
            or not _is_int(changes.get("count")) or not _is_int(changes.get("bytes"))
            or not _is_hex(changes.get("sha256"), 64)
            or not _is_int(clock.get("min")) or not _is_int(clock.get("max"))
            or not _is_int(manifest["seq"]) or not _is_int(manifest["sender_epoch"])
            or not all(isinstance(b, list) and len(b) == 2 for b in manifest["blobs"])):
        raise BundleRejected(Reason.DAMAGED)
    return manifest
