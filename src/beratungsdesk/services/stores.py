"""Creating, opening and re-keying stores; where stores live by default."""

from __future__ import annotations

from pathlib import Path

from beratungsdesk.core.validation import check_text
from beratungsdesk.services.folders import APP_DIR_NAME, default_data_dir, store_exists
from beratungsdesk.storage import keys
from beratungsdesk.storage.store import ROLE_COUNSELOR, ROLE_OFFICE, ROLES, Store
from beratungsdesk.sync.identity import ensure_identity

DEFAULT_KDF_SECONDS = keys.DEFAULT_KDF_SECONDS

__all__ = ["APP_DIR_NAME", "DEFAULT_KDF_SECONDS", "ROLES", "ROLE_COUNSELOR", "ROLE_OFFICE", "Store",
           "default_data_dir", "init_store", "open_store", "store_exists"]


def init_store(folder: Path, passphrase: str, role: str, name: str,
               kdf_seconds: float = keys.DEFAULT_KDF_SECONDS) -> Store:
    # The store's name travels (join request, device lists): one line, no control characters.
    problems = check_text(name, "name")
    if problems:
        raise problems[0]
    store = Store.create(folder, passphrase, role, name, kdf_seconds)
    try:
        ensure_identity(store)  # the store's signing and encryption keys, made once at init
    except BaseException:
        store.close()
        raise
    return store


def open_store(folder: Path, passphrase: str) -> Store:
    return Store.open(folder, passphrase)


def change_passphrase(store: Store, old: str, new: str,
                      kdf_seconds: float = keys.DEFAULT_KDF_SECONDS) -> None:
    store.change_passphrase(old, new, kdf_seconds)
