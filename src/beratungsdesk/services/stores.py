"""Creating, opening and re-keying stores; where stores live by default."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from beratungsdesk.core.validation import check_text
from beratungsdesk.services import passphrase_policy
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
    passphrase_policy.check(passphrase, context=(name,))
    store = Store.create(folder, passphrase, role, name, kdf_seconds)
    try:
        ensure_identity(store)  # the store's signing and encryption keys, made once at init
    except BaseException:
        store.close()
        raise
    return store


@contextlib.contextmanager
def removed_on_failure(folder: Path) -> Iterator[None]:
    """Undo what the block created in ``folder`` when it fails.

    Setting up a laptop is "create the store, then answer the invitation": if the
    second step fails, a store without an office would be left behind and the
    first start would only say "there is already a store". Entries that were in
    the folder before are never touched; the folder itself goes only if the block
    made it. Close every store opened in the block before it raises.
    """
    existed = folder.exists()
    before = set(folder.iterdir()) if existed else set()
    try:
        yield
    except BaseException:
        if folder.exists():
            for path in set(folder.iterdir()) - before:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            if not existed:
                with contextlib.suppress(OSError):
                    folder.rmdir()
        raise


def open_store(folder: Path, passphrase: str) -> Store:
    return Store.open(folder, passphrase)


def change_passphrase(store: Store, old: str, new: str,
                      kdf_seconds: float = keys.DEFAULT_KDF_SECONDS) -> None:
    passphrase_policy.check(new, context=(store.name,))
    store.change_passphrase(old, new, kdf_seconds)
