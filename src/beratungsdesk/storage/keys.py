"""The data key and its wrapping under the passphrase.

The database is encrypted with a random 256-bit *data key* used as SQLCipher raw
key. The data key is stored only wrapped: AES-256-GCM under a key derived from
the passphrase with Argon2id. The key file holds the KDF parameters, the salt,
the nonce and the ciphertext; everything but the ciphertext is bound to it as
associated data, so a file with altered parameters does not unwrap.

Changing the passphrase rewraps the same data key and replaces the key file
atomically; the database itself is not re-encrypted.

A wrong passphrase and an altered file look the same to AES-GCM (the tag fails).
So that an altered file is reported as *damaged* (and does not count as a failed
unlock), the file also carries ``check``, a SHA-256 over all its other fields: not
a secret, only a way to tell "someone or something changed this file" from "wrong
passphrase". Parameters outside sane limits are refused before anything is derived,
so a file cannot make the program allocate 4 GiB or run for hours. Key files
written before the check existed have none and are read as before.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from beratungsdesk.core.errors import StoreError, StoreErrorCode
from beratungsdesk.storage import kdf_process
from beratungsdesk.storage.files import write_atomically

KEY_FORMAT = "beratungsdesk-key"
KEY_FORMAT_VERSION = 1
DATA_KEY_BYTES = 32
MIN_MEMORY_KIB = 64 * 1024  # the floor the design sets: at least 64 MiB
MAX_MEMORY_KIB = 1024 * 1024  # 1 GiB: calibration never goes higher, so no file may ask for more
LANES = 4
#: Sane limits for a key file's parameters (calibration stays far below them): checked before
#: deriving, so a tampered file can neither exhaust memory nor keep the unlock busy for hours.
MAX_ITERATIONS = 64
MAX_LANES = 16
SALT_BYTES = (16, 64)
NONCE_BYTES = 12
DEFAULT_KDF_SECONDS = 0.5


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    iterations: int
    lanes: int
    salt: str  # base64

    def derive(self, passphrase: str) -> bytes:
        """Argon2id in a short-lived child process (``kdf_process``): its 64 MiB–1 GiB
        never count towards the app's own memory."""
        try:
            return kdf_process.derive({**asdict(self), "passphrase": passphrase})
        except kdf_process.KdfChildError:
            # The child ran and failed (most often: the machine lacked the memory it needs).
            raise StoreError(StoreErrorCode.KDF_FAILED) from None


def _b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def calibrate(target_seconds: float = DEFAULT_KDF_SECONDS) -> KdfParams:
    """Argon2id parameters that take about ``target_seconds`` on this machine.

    Memory grows first (harder for attackers with GPUs), from 64 MiB up to 1 GiB,
    then iterations. A target below the 64 MiB/t=1 cost gives that floor.
    """
    salt = _b64e(secrets.token_bytes(16))
    memory, iterations = MIN_MEMORY_KIB, 1
    elapsed = _time_kdf(KdfParams(memory, iterations, LANES, salt))
    while elapsed * 2 <= target_seconds * 1.15 and memory < MAX_MEMORY_KIB:
        memory *= 2
        elapsed *= 2
    if elapsed < target_seconds:
        iterations = min(MAX_ITERATIONS, max(1, round(target_seconds / elapsed)))
    return KdfParams(memory, iterations, LANES, salt)


def _time_kdf(params: KdfParams) -> float:
    """The derivation's own time, measured in the child (not the child's start)."""
    try:
        return kdf_process.time_derivation(asdict(params))
    except kdf_process.KdfChildError:
        raise StoreError(StoreErrorCode.KDF_FAILED) from None


@dataclass(frozen=True)
class KeyFile:
    store_id: str
    kdf: KdfParams
    nonce: str
    ciphertext: str

    def associated_data(self) -> bytes:
        header = {"format": KEY_FORMAT, "version": KEY_FORMAT_VERSION,
                  "store_id": self.store_id, "kdf": asdict(self.kdf)}
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")

    def _fields(self) -> dict[str, Any]:
        return {"format": KEY_FORMAT, "version": KEY_FORMAT_VERSION, "store_id": self.store_id,
                "kdf": asdict(self.kdf),
                "wrap": {"cipher": "aes-256-gcm", "nonce": self.nonce, "ciphertext": self.ciphertext}}

    def check(self) -> str:
        """SHA-256 over every other field (canonical JSON): tells damage from a wrong passphrase."""
        canonical = json.dumps(self._fields(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def to_json(self) -> str:
        return json.dumps({**self._fields(), "check": self.check()}, indent=2)

    @classmethod
    def parse(cls, text: str) -> KeyFile:
        try:
            data = json.loads(text)
            if data.get("format") != KEY_FORMAT:
                raise StoreError(StoreErrorCode.FOREIGN)
            if data.get("version") != KEY_FORMAT_VERSION:
                raise StoreError(StoreErrorCode.TOO_NEW)
            kdf = KdfParams(**data["kdf"])
            key_file = cls(str(data["store_id"]), kdf, data["wrap"]["nonce"], data["wrap"]["ciphertext"])
            if data["wrap"].get("cipher") != "aes-256-gcm" or not _sane(key_file):
                raise StoreError(StoreErrorCode.KEYFILE_DAMAGED)
            if "check" in data and data["check"] != key_file.check():
                raise StoreError(StoreErrorCode.KEYFILE_DAMAGED)  # changed after it was written
            return key_file
        except StoreError:
            raise
        except (ValueError, KeyError, TypeError, AttributeError):
            raise StoreError(StoreErrorCode.KEYFILE_DAMAGED) from None


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _sane(key_file: KeyFile) -> bool:
    """Parameters a file of ours can hold; anything else is damage or tampering."""
    kdf = key_file.kdf
    if not (_is_int(kdf.memory_kib) and _is_int(kdf.iterations) and _is_int(kdf.lanes)):
        return False
    if not (MIN_MEMORY_KIB <= kdf.memory_kib <= MAX_MEMORY_KIB and 1 <= kdf.iterations <= MAX_ITERATIONS
            and 1 <= kdf.lanes <= MAX_LANES):
        return False
    return (SALT_BYTES[0] <= len(_b64d(kdf.salt)) <= SALT_BYTES[1]
            and len(_b64d(key_file.nonce)) == NONCE_BYTES and len(_b64d(key_file.ciphertext)) > 16)


def wrap(data_key: bytes, passphrase: str, store_id: str, kdf: KdfParams) -> KeyFile:
    nonce = secrets.token_bytes(12)
    unsealed = KeyFile(store_id, kdf, _b64e(nonce), "")
    sealed = AESGCM(kdf.derive(passphrase)).encrypt(nonce, data_key, unsealed.associated_data())
    return KeyFile(store_id, kdf, _b64e(nonce), _b64e(sealed))


def unwrap(key_file: KeyFile, passphrase: str) -> bytes:
    try:
        wrapping_key = key_file.kdf.derive(passphrase)
        return AESGCM(wrapping_key).decrypt(_b64d(key_file.nonce), _b64d(key_file.ciphertext),
                                            key_file.associated_data())
    except InvalidTag:
        raise StoreError(StoreErrorCode.WRONG_PASSPHRASE) from None
    except ValueError:
        raise StoreError(StoreErrorCode.KEYFILE_DAMAGED) from None


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def read_key_file(path: Path) -> KeyFile:
    try:
        return KeyFile.parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(StoreErrorCode.MISSING) from None
    except UnicodeDecodeError:
        raise StoreError(StoreErrorCode.FOREIGN) from None


def save_key_file(path: Path, key_file: KeyFile) -> None:
    write_atomically(path, key_file.to_json().encode("utf-8"))


# --- keys derived from the data key (backups, the erasure journal) -------------------

def derive_subkey(secret: bytes, purpose: bytes) -> bytes:
    """A 256-bit key for one purpose (HKDF-SHA-256); the data key itself never leaves here."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)


def seal(key: bytes, plain: bytes, associated: bytes) -> bytes:
    """AES-256-GCM: a fresh nonce, then the ciphertext with its tag."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, associated)


def unseal(key: bytes, sealed: bytes, associated: bytes) -> bytes | None:
    """The plaintext of :func:`seal`, or None when anything was changed."""
    try:
        return AESGCM(key).decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)
    except (InvalidTag, ValueError):
        return None


def sqlcipher_key_pragma(data_key: bytes) -> str:
    """The ``PRAGMA key`` statement for a raw 256-bit key (no SQLCipher KDF)."""
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


# --- throttling of failed unlock attempts ----------------------------------

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60.0


class UnlockThrottle:
    """Remembers failed unlock attempts in a small file beside the store.

    After ``FREE_ATTEMPTS`` failures each further attempt must come 1, 2, 4, ...
    up to 60 seconds after the last failure. The wait counts from that failure,
    so a program that showed the wait to the person (and let it pass) does not
    make them wait twice. Nothing is ever deleted; a success resets the count.
    The file holds only a count and a time.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock

    def _state(self) -> tuple[int, float]:
        try:
            payload = json.loads(self.path.read_text(encoding="utf-8"))
            return int(payload["failures"]), float(payload.get("last", 0))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return 0, 0.0

    def failures(self) -> int:
        return self._state()[0]

    def delay_before_next(self) -> float:
        """The full wait the next attempt owes after the last failure."""
        over = self.failures() - FREE_ATTEMPTS
        return 0.0 if over < 0 else min(2.0**over, MAX_DELAY_SECONDS)

    def remaining(self) -> float:
        """Seconds still to wait now; never more than the full wait (a clock set back)."""
        delay = self.delay_before_next()
        if not delay:
            return 0.0
        elapsed = self.clock() - self._state()[1]
        return min(delay, max(0.0, delay - elapsed))

    def record_failure(self) -> None:
        payload = {"failures": self.failures() + 1, "last": self.clock()}
        # A read-only medium must not hide the real error (wrong passphrase).
        with contextlib.suppress(OSError):
            write_atomically(self.path, json.dumps(payload).encode("ascii"))

    def reset(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.remove(self.path)
