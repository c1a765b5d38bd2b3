"""The outer, encrypted layer of a bundle file (see docs/bundle-format.md).

    offset  size  field
    0       7     magic  b"BDSKBND"
    7       1     format version (1)
    8       1     chunk size exponent e, 16 <= e <= 24 (chunk = 2**e plaintext bytes)
    9       3     reserved, zero
    12      32    ephemeral X25519 public key
    44      32    header MAC: HMAC-SHA256(mac_key, bytes 0..43)
    76      ...   payload: chunks of AES-256-GCM ciphertext, each followed by its 16-byte tag

Keys: ``ikm = X25519(ephemeral, recipient)``; HKDF-SHA256 with salt
``ephemeral_pub || recipient_pub`` and info ``"BeratungsDesk bundle v1"`` gives 64
bytes: the payload key, then the header MAC key. Chunk ``i`` is encrypted with
the 12-byte nonce ``i`` (11 bytes, big-endian) followed by ``0x01`` for the last
chunk and ``0x00`` for every other one, so chunks cannot be reordered, dropped
or the file cut at a chunk boundary without a tag failing (age's STREAM).

Nothing in the clear names the recipient: a reader finds out whether a file is
for it by checking the header MAC with its own key (one X25519 operation).
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from beratungsdesk.sync.crypto import KEY_BYTES, Identity
from beratungsdesk.sync.errors import BundleRejected, Reason

MAGIC = b"BDSKBND"
VERSION = 1
HEADER_BYTES = 76
TAG_BYTES = 16
DEFAULT_CHUNK_EXPONENT = 20  # 1 MiB: large enough that AES-GCM runs near full speed
MIN_CHUNK_EXPONENT = 10  # 1 KiB: small chunks only make sense for tests
MAX_CHUNK_EXPONENT = 24
#: Largest bundle file accepted (checked on the file size before anything is read).
MAX_FILE_BYTES = 8 * 1024**3
_INFO = b"BeratungsDesk bundle v1"


def _derive(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes) -> tuple[bytes, bytes]:
    okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=ephemeral_pub + recipient_pub,
               info=_INFO).derive(shared)
    return okm[:32], okm[32:]


def _nonce(index: int, final: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if final else b"\x00")


class EnvelopeWriter:
    """Encrypts a payload stream to one recipient and writes it to ``out``."""

    def __init__(self, out: BinaryIO, recipient_kx_public: bytes,
                 chunk_exponent: int = DEFAULT_CHUNK_EXPONENT) -> None:
        ephemeral = Identity(sign_private=os.urandom(32), kx_private=os.urandom(32))
        ephemeral_pub = ephemeral.kx_public
        payload_key, mac_key = _derive(ephemeral.exchange(recipient_kx_public), ephemeral_pub,
                                       recipient_kx_public)
        head = MAGIC + bytes([VERSION, chunk_exponent, 0, 0, 0]) + ephemeral_pub
        out.write(head + hmac.digest(mac_key, head, "sha256"))
        self._out = out
        self._aead = AESGCM(payload_key)
        self._chunk = 1 << chunk_exponent
        self._buffer = bytearray()
        self._pending: memoryview | None = None  # the caller's last piece, not yet copied
        self._index = 0
        self.plaintext_bytes = 0

    def write(self, data: bytes) -> None:
        """Add plaintext. ``data`` is kept by reference until the next call: pass ``bytes``."""
        if not data:
            return
        self.plaintext_bytes += len(data)
        view = memoryview(data if isinstance(data, bytes) else bytes(data))
        if self._pending is not None:
            pending, self._pending = self._pending, None
            if len(pending) == self._chunk and not self._buffer:
                self._emit(pending, final=False)  # a whole chunk, and more follows
            else:
                self._buffer += pending
        if self._buffer:
            room = self._chunk - len(self._buffer)
            if len(view) <= room:
                self._buffer += view
                return
            self._buffer += view[:room]
            view = view[room:]
            self._emit(self._buffer, final=False)
            self._buffer = bytearray()
        # Whole chunks straight from the caller's bytes (no copy); the last piece is
        # held back: whether it is the final chunk is only known at close().
        while len(view) > self._chunk:
            self._emit(view[:self._chunk], final=False)
            view = view[self._chunk:]
        self._pending = view

    def close(self) -> None:
        if self._pending is not None and not self._buffer:
            self._emit(self._pending, final=True)
        else:
            if self._pending is not None:
                self._buffer += self._pending
            self._emit(self._buffer, final=True)
        self._pending, self._buffer = None, bytearray()

    def _emit(self, plaintext: bytes | bytearray | memoryview, final: bool) -> None:
        self._out.write(self._aead.encrypt(_nonce(self._index, final), plaintext, None))
        self._index += 1


def check_header(head: bytes) -> int:
    """Magic, version and chunk size of a header (no key needed). Returns the exponent."""
    if len(head) < HEADER_BYTES or head[:7] != MAGIC:
        raise BundleRejected(Reason.NOT_A_BUNDLE)
    if head[7] > VERSION:
        raise BundleRejected(Reason.TOO_NEW)
    if head[7] != VERSION or head[9:12] != b"\0\0\0":
        raise BundleRejected(Reason.DAMAGED)
    exponent = head[8]
    if not MIN_CHUNK_EXPONENT <= exponent <= MAX_CHUNK_EXPONENT:
        raise BundleRejected(Reason.DAMAGED)
    return exponent


class EnvelopeReader:
    """Decrypts a bundle file chunk by chunk; ``read(n)`` hands out verified plaintext.

    The number and sizes of the chunks follow from the file size, so nothing is
    allocated from a length an attacker wrote. A file cut short, or with bytes
    appended, fails the tag of what becomes its last chunk.
    """

    def __init__(self, handle: BinaryIO, file_size: int, identity: Identity) -> None:
        if file_size > MAX_FILE_BYTES:
            raise BundleRejected(Reason.TOO_LARGE)
        head = handle.read(HEADER_BYTES)
        exponent = check_header(head)
        ephemeral_pub = head[12:12 + KEY_BYTES]
        try:
            shared = identity.exchange(ephemeral_pub)
        except ValueError:
            raise BundleRejected(Reason.NOT_FOR_US) from None
        payload_key, mac_key = _derive(shared, ephemeral_pub, identity.kx_public)
        if not hmac.compare_digest(hmac.digest(mac_key, head[:44], "sha256"), head[44:76]):
            raise BundleRejected(Reason.NOT_FOR_US)
        self._handle = handle
        self._aead = AESGCM(payload_key)
        chunk = 1 << exponent
        payload = file_size - HEADER_BYTES
        full, rest = divmod(payload, chunk + TAG_BYTES)
        if rest and rest < TAG_BYTES:
            raise BundleRejected(Reason.INCOMPLETE)
        if payload <= 0:
            raise BundleRejected(Reason.INCOMPLETE)
        self._sizes = [chunk + TAG_BYTES] * full + ([rest] if rest else [])
        self._chunk_count = len(self._sizes)
        self._index = 0
        self._buffer = b""
        self._offset = 0
        self._remaining = sum(self._sizes) - TAG_BYTES * self._chunk_count
        self.plaintext_bytes = self._remaining

    def read(self, size: int) -> bytes:
        """Exactly ``size`` bytes of plaintext, or ``BundleRejected`` when the payload ends."""
        if size > self._remaining:
            raise BundleRejected(Reason.DAMAGED)
        if size == 0:
            return b""
        self._remaining -= size
        if self._offset == len(self._buffer):
            self._next_chunk()
        if self._offset == 0 and size == len(self._buffer):  # a whole chunk: no copy
            self._offset = size
            return self._buffer
        pieces = []
        while size:
            if self._offset == len(self._buffer):
                self._next_chunk()
            take = min(size, len(self._buffer) - self._offset)
            pieces.append(self._buffer[self._offset:self._offset + take])
            self._offset += take
            size -= take
        return pieces[0] if len(pieces) == 1 else b"".join(pieces)

    def remaining(self) -> int:
        """Plaintext bytes not yet read (known from the file size)."""
        return self._remaining

    def at_end(self) -> bool:
        return self._remaining == 0

    def verify_rest(self) -> None:
        """Decrypt (and discard) every chunk not read yet: raises if any is damaged."""
        while self._index < self._chunk_count:
            self._next_chunk()
        self._buffer, self._offset, self._remaining = b"", 0, 0

    def _next_chunk(self) -> None:
        if self._index >= self._chunk_count:
            raise BundleRejected(Reason.DAMAGED)
        size = self._sizes[self._index]
        data = self._handle.read(size)
        if len(data) != size:
            raise BundleRejected(Reason.INCOMPLETE)
        final = self._index == self._chunk_count - 1
        try:
            self._buffer = self._aead.decrypt(_nonce(self._index, final), data, None)
        except InvalidTag:
            # A final chunk that fails may be a cut file (a middle chunk decrypted
            # as if it were last); any other failure is damage.
            reason = Reason.INCOMPLETE if final and self._index_valid_as_middle(data) else Reason.DAMAGED
            raise BundleRejected(reason) from None
        self._offset = 0
        self._index += 1

    def _index_valid_as_middle(self, data: bytes) -> bool:
        try:
            self._aead.decrypt(_nonce(self._index, False), data, None)
        except InvalidTag:
            return False
        return True


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
