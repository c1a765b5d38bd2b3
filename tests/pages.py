"""Decrypting every page of a SQLCipher 4 file, free pages included, for canary scans.

Test-only: it reads the store the way an attacker holding the data key would,
page by page, so that removed text lingering in free pages or the WAL is found.
SQLCipher 4 with a raw key: AES-256-CBC per page with the raw key, a 16-byte IV
and a 64-byte HMAC-SHA512 reserved at the end of each page, the 16-byte salt in
place of page 1's first bytes.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from beratungsdesk.storage import keys

PAGE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
WAL_HEADER = 32
FRAME_HEADER = 24


def data_key(folder: Path, passphrase: str) -> bytes:
    return keys.unwrap(keys.read_key_file(folder / "store.key"), passphrase)


def decrypt_page(page: bytes, number: int, key: bytes) -> bytes:
    start = 16 if number == 1 else 0
    iv = page[PAGE - RESERVE: PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start: PAGE - RESERVE]) + decryptor.finalize()


def database_pages(path: Path, key: bytes) -> list[bytes]:
    data = path.read_bytes()
    return [decrypt_page(data[offset: offset + PAGE], offset // PAGE + 1, key)
            for offset in range(0, len(data) - PAGE + 1, PAGE)]


def wal_pages(path: Path, key: bytes) -> list[bytes]:
    if not path.exists():
        return []
    data = path.read_bytes()
    pages = []
    offset = WAL_HEADER
    while offset + FRAME_HEADER + PAGE <= len(data):
        number = int.from_bytes(data[offset: offset + 4], "big")
        page = data[offset + FRAME_HEADER: offset + FRAME_HEADER + PAGE]
        pages.append(decrypt_page(page, number, key))
        offset += FRAME_HEADER + PAGE
    return pages


def plaintext_of_store(folder: Path, passphrase: str) -> bytes:
    """Every decrypted page of the database and WAL, plus the raw -shm file."""
    key = data_key(folder, passphrase)
    pieces = database_pages(folder / "store.db", key) + wal_pages(folder / "store.db-wal", key)
    shm = folder / "store.db-shm"
    if shm.exists():
        pieces.append(shm.read_bytes())
    return b"".join(pieces)
