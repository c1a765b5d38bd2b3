"""Shared fixtures: real encrypted stores in temporary folders.

Stores are created with the smallest KDF cost the project allows (64 MiB,
one pass), so a test pays about 0.1 s per unlock instead of 0.5 s.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from beratungsdesk.storage.store import Store

PASSPHRASE = "correct horse battery staple"
FAST_KDF = 0.0


@pytest.fixture
def make_store(tmp_path: Path) -> Iterator[Callable[..., Store]]:
    opened: list[Store] = []

    def make(name: str = "office", role: str = "office") -> Store:
        store = Store.create(tmp_path / name, PASSPHRASE, role, name, kdf_seconds=FAST_KDF)
        opened.append(store)
        return store

    yield make
    for store in opened:
        if store.conn is not None:
            store.close()


@pytest.fixture
def office(make_store: Callable[..., Store]) -> Store:
    return make_store("office", "office")


@pytest.fixture
def laptop(make_store: Callable[..., Store]) -> Store:
    return make_store("laptop", "counselor")
