"""The store moves once from Windows' roaming data folder to the local one. Temporary folders
stand in for %APPDATA% and %LOCALAPPDATA%; the stores are real, and open after the move."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from beratungsdesk.services import folders
from beratungsdesk.services.folders import APP_DIR_NAME, move_from_roaming
from beratungsdesk.storage.files import replace_with_retry
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE, StoreTemplates


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    """(old, new): BeratungsDesk in a stand-in roaming and local folder."""
    return tmp_path / "Roaming" / APP_DIR_NAME, tmp_path / "Local" / APP_DIR_NAME


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "store.lock"}


def opens(folder: Path) -> bool:
    Store.open(folder, PASSPHRASE).close()
    return True


def test_a_roaming_store_is_moved_once(places, store_templates: StoreTemplates) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    before = contents(old)
    assert move_from_roaming(old, new) == new
    assert not old.exists() and contents(new) == before and opens(new)
    assert move_from_roaming(old, new) == new  # the next start: nothing to do
    if os.name != "nt":
        assert new.stat().st_mode & 0o077 == 0  # private in its new place


def test_an_empty_local_folder_from_an_earlier_start_is_no_obstacle(places, store_templates) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    new.mkdir(parents=True)
    assert move_from_roaming(old, new) == new and opens(new) and not old.exists()


def test_nothing_to_move_creates_nothing(places) -> None:
    old, new = places
    assert move_from_roaming(old, new) == new
    assert not new.exists() and not new.parent.exists()


def test_a_store_in_both_places_keeps_both_and_uses_the_local_one(places, store_templates) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    store_templates.copy("laptop", "counselor", new)
    old_before, new_before = contents(old), contents(new)
    assert move_from_roaming(old, new) == new
    assert contents(old) == old_before and contents(new) == new_before


def test_a_local_folder_holding_other_files_is_not_mixed_into(places, store_templates) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    new.mkdir(parents=True)
    (new / "notiz.txt").write_text("x", encoding="utf-8")
    assert move_from_roaming(old, new) == old and opens(old)
    assert sorted(p.name for p in new.iterdir()) == ["notiz.txt"]


def test_a_store_open_in_a_running_older_version_stays_where_it_is(places, store_templates) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    running = Store.open(old, PASSPHRASE)
    try:
        assert move_from_roaming(old, new) == old
        assert not new.exists()
    finally:
        running.close()
    assert move_from_roaming(old, new) == new and opens(new)  # moved at the next start


def test_a_file_held_by_a_scanner_postpones_the_move(places, store_templates) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    before = contents(old)

    def held(source: Path, target: Path) -> None:
        error = PermissionError(errno.EACCES, "in use")
        replace_with_retry(source, target, pauses=(0.0,), windows=True,
                           replace=lambda s, t: (_ for _ in ()).throw(error))

    assert move_from_roaming(old, new, rename=held) == old
    assert contents(old) == before and not new.exists()


def test_a_roaming_folder_on_another_drive_is_copied_then_removed(places, store_templates) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    before = contents(old)

    def other_drive(source: Path, target: Path) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    assert move_from_roaming(old, new, rename=other_drive) == new
    assert contents(new) == before and opens(new) and not old.exists()
    assert sorted(p.name for p in new.parent.iterdir()) == [APP_DIR_NAME]  # no staging left


def test_a_failed_copy_leaves_the_store_where_it_was(places, store_templates, monkeypatch) -> None:
    old, new = places
    store_templates.copy("office", "office", old)
    before = contents(old)

    def other_drive(source: Path, target: Path) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    def full(source: Path, target: Path, *args, **kwargs) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(folders.shutil, "copytree", full)
    assert move_from_roaming(old, new, rename=other_drive) == old
    assert contents(old) == before and not new.exists()
    assert list(new.parent.iterdir()) == []


def test_other_systems_keep_their_folders(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert folders.default_data_dir("linux") == tmp_path / "beratungsdesk"
    assert folders.default_data_dir("darwin") == (Path.home() / "Library" / "Application Support"
                                                  / APP_DIR_NAME)


def test_windows_uses_the_local_folder(tmp_path: Path, monkeypatch, store_templates) -> None:
    """The path choice on Windows, with the two bases the shell would name stood in for."""
    local, roaming = tmp_path / "Local", tmp_path / "Roaming"
    store_templates.copy("office", "office", roaming / APP_DIR_NAME)
    monkeypatch.setattr(folders, "_windows_bases", lambda: (local, roaming))
    assert folders.default_data_dir("win32") == local / APP_DIR_NAME
    assert opens(local / APP_DIR_NAME) and not (roaming / APP_DIR_NAME).exists()


@pytest.mark.skipif(sys.platform != "win32", reason="the shell's folders are Windows'")
def test_the_local_base_is_the_non_roaming_one() -> None:
    local, roaming = folders._windows_bases()
    assert local == Path(os.environ["LOCALAPPDATA"]) and roaming == Path(os.environ["APPDATA"])
