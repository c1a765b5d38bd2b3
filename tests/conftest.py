"""Shared fixtures: real encrypted stores in temporary folders.

Stores are created with the smallest KDF cost the project allows (64 MiB,
one pass), so a test pays about 0.1 s per unlock instead of 0.5 s. Creating a
store pays that three times (calibration, wrapping the key, opening), so each
kind of fresh store is created once per test session and every test opens its
own copy of it (see :class:`StoreTemplates`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from beratungsdesk.storage.store import Store
from tests import timing

PASSPHRASE = "correct horse battery staple"
FAST_KDF = 0.0

timing.register_profiles()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo,
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    timing.measure(item, call, report)
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    timing.summarize(terminalreporter)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow first (otherwise in their order): run in parallel (pytest-xdist),
    a long test handed out last would run on alone while the other workers idle."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


class StoreTemplates:
    """Fresh stores, created once per session for each (name, role) and closed again.

    ``copy`` puts a copy of one into a test's folder: the same bytes as a store created
    there (database and key file; the lock file is per process and left out), at the cost
    of a file copy. Copies of one template share their store and device identities, so a
    test that needs two distinct stores asks for two names, as it would anyway.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._made: dict[tuple[str, str], Path] = {}
        self._prepared: dict[tuple[str, str], Path] = {}

    def template(self, name: str, role: str) -> Path:
        key = (name, role)
        if key not in self._made:
            folder = self.root / f"{role}-{name}"
            Store.create(folder, PASSPHRASE, role, name, kdf_seconds=FAST_KDF).close()
            self._made[key] = folder
        return self._made[key]

    def prepared(self, label: str, name: str, role: str, fill: Callable[[Store], object]) -> Path:
        """A template of store ``name``/``role`` after ``fill`` ran on it (once per session)."""
        key = (label, role)
        if key not in self._prepared:
            folder = self.root / f"prepared-{label}"
            copy_store(self.template(name, role), folder)
            store = Store.open(folder, PASSPHRASE)
            try:
                fill(store)
            finally:
                store.close()
            self._prepared[key] = folder
        return self._prepared[key]

    def copy(self, name: str, role: str, target: Path) -> Path:
        return copy_store(self.template(name, role), target)


def copy_store(source: Path, target: Path) -> Path:
    """A closed store's folder copied, without the per-process lock file."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("store.lock"))
    return target


@pytest.fixture(scope="session")
def store_templates(tmp_path_factory: pytest.TempPathFactory) -> StoreTemplates:
    return StoreTemplates(tmp_path_factory.mktemp("store-templates"))


class StoreMaker:
    """``make_store(name, role)``: a fresh store of the test's own, open, in tmp_path/name."""

    def __init__(self, templates: StoreTemplates, folder: Path) -> None:
        self.templates = templates
        self.folder = folder
        self.opened: list[Store] = []

    def __call__(self, name: str = "office", role: str = "office") -> Store:
        return self._open(self.templates.copy(name, role, self.folder / name))

    def prepared(self, label: str, fill: Callable[[Store], object], name: str = "office",
                 role: str = "office") -> Store:
        """Like calling it, but with ``fill`` applied: filled once per session, copied per test.

        ``fill`` must depend on nothing but the store (it runs once, for every test)."""
        return self._open(copy_store(self.templates.prepared(label, name, role, fill), self.folder / name))

    def _open(self, folder: Path) -> Store:
        store = Store.open(folder, PASSPHRASE)
        self.opened.append(store)
        return store

    def close_all(self) -> None:
        for store in self.opened:
            if store.conn is not None:
                store.close()


@pytest.fixture
def make_store(tmp_path: Path, store_templates: StoreTemplates) -> Iterator[StoreMaker]:
    maker = StoreMaker(store_templates, tmp_path)
    yield maker
    maker.close_all()


@pytest.fixture
def office(make_store: StoreMaker) -> Store:
    return make_store("office", "office")


@pytest.fixture
def laptop(make_store: StoreMaker) -> Store:
    return make_store("laptop", "counselor")
