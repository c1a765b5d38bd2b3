"""The program's one atomic writer (storage/files.py) and its rename retry policy.

The retry policy is tested with an injected failing rename and a recording sleep: no test
waits for real time. The Windows errors are built as Windows raises them (PermissionError,
or an OSError carrying ``winerror`` 32, the sharing violation).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from beratungsdesk.core.errors import BeratungsError, StoreError
from beratungsdesk.services import reports
from beratungsdesk.storage import files
from beratungsdesk.storage.files import RENAME_PAUSES, replace_with_retry, write_atomically


def sharing_violation() -> OSError:
    error = OSError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32  # type: ignore[attr-defined]
    return error


class FlakyRename:
    """os.replace that fails ``failures`` times with ``error``, then renames for real."""

    def __init__(self, failures: int, error: OSError) -> None:
        self.failures, self.error, self.calls = failures, error, 0

    def __call__(self, source: Path, target: Path) -> None:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        os.replace(source, target)


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "denied"), sharing_violation()])
def test_a_held_file_is_renamed_once_the_other_program_lets_go(tmp_path: Path, error: OSError) -> None:
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    slept: list[float] = []
    rename = FlakyRename(3, error)
    replace_with_retry(source, target, replace=rename, sleep=slept.append, windows=True)
    assert target.read_bytes() == b"new" and not source.exists()
    assert slept == list(RENAME_PAUSES[:3]) and rename.calls == 4


def test_a_file_that_stays_held_is_a_clear_error_and_nothing_changes(tmp_path: Path) -> None:
    source, target = tmp_path / "new", tmp_path / "old"
    source.write_bytes(b"new")
    target.write_bytes(b"old")
    slept: list[float] = []
    rename = FlakyRename(100, sharing_violation())
    with pytest.raises(StoreError) as raised:
        replace_with_retry(source, target, replace=rename, sleep=slept.append, windows=True)
    assert raised.value.code == "file_in_use"
    assert slept == list(RENAME_PAUSES) and sum(slept) < 5  # briefly: seconds, not minutes
    assert rename.calls == len(RENAME_PAUSES) + 1
    assert target.read_bytes() == b"old" and source.read_bytes() == b"new"


def test_file_in_use_has_a_sentence_for_people() -> None:
    from beratungsdesk.services.messages import describe

    text = describe(StoreError("file_in_use"))
    assert "another program" in text.lower() and "try again" in text


def test_other_errors_are_not_retried(tmp_path: Path) -> None:
    slept: list[float] = []
    missing = FlakyRename(1, FileNotFoundError(errno.ENOENT, "gone"))
    with pytest.raises(FileNotFoundError):
        replace_with_retry(tmp_path / "a", tmp_path / "b", replace=missing, sleep=slept.append,
                           windows=True)
    # On POSIX a refused rename is a real lack of rights: no retry either.
    refused = FlakyRename(1, PermissionError(errno.EACCES, "denied"))
    with pytest.raises(PermissionError):
        replace_with_retry(tmp_path / "a", tmp_path / "b", replace=refused, sleep=slept.append,
                           windows=False)
    assert slept == [] and missing.calls == 1 and refused.calls == 1


def test_the_writer_replaces_whole_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "store.key"
    target.write_bytes(b"old")
    assert write_atomically(target, b"new content") == target
    assert target.read_bytes() == b"new content"
    assert files_in(tmp_path) == ["store.key"]
    if os.name != "nt":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path,
                                                                       monkeypatch) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")

    def held(source: Path, destination: Path) -> None:
        raise StoreError("file_in_use")

    monkeypatch.setattr(files, "replace_with_retry", held)
    with pytest.raises(StoreError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old" and files_in(tmp_path) == ["report.pdf"]


def test_a_full_disk_is_disk_full(tmp_path: Path, monkeypatch) -> None:
    def full(source: Path, destination: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "replace_with_retry", full)
    with pytest.raises(StoreError) as raised:
        write_atomically(tmp_path / "x", b"data")
    assert raised.value.code == "disk_full" and files_in(tmp_path) == []


def test_no_room_even_for_the_temporary_file_is_disk_full(tmp_path: Path, monkeypatch) -> None:
    def no_inode(folder: Path, private: bool = True):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "create_temp", no_inode)
    with pytest.raises(StoreError) as raised:
        write_atomically(tmp_path / "x", b"data")
    assert raised.value.code == "disk_full"


@pytest.mark.skipif(sys.platform == "win32", reason="folders cannot be fsynced on Windows")
def test_folder_sync_tolerates_file_systems_that_cannot(tmp_path: Path, monkeypatch) -> None:
    def refuse(code: int):
        def fsync(fd: int) -> None:
            raise OSError(code, os.strerror(code))
        return fsync

    monkeypatch.setattr(files.os, "fsync", refuse(errno.EINVAL))  # a FAT stick
    files.fsync_folder(tmp_path)
    monkeypatch.setattr(files.os, "fsync", refuse(errno.EIO))  # a real failure is not hidden
    with pytest.raises(OSError):
        files.fsync_folder(tmp_path)


def test_reports_write_through_the_same_writer(tmp_path: Path, monkeypatch) -> None:
    calls: list[Path] = []
    original = files.write_atomically

    def spy(path: Path, data: bytes, private: bool = True) -> Path:
        calls.append(path)
        return original(path, data, private)

    monkeypatch.setattr(files, "write_atomically", spy)
    out = tmp_path / "Zahlen.csv"
    assert reports.write_atomically(out, b"a;b\n") == out and calls == [out]
    assert out.read_bytes() == b"a;b\n"
    with pytest.raises(BeratungsError) as raised:
        reports.write_atomically(tmp_path / "missing" / "x.csv", b"")
    assert raised.value.code == "file_unwritable"


def test_no_module_has_a_writer_of_its_own() -> None:
    """Every rename that publishes a file goes through storage/files.py."""
    package = Path(files.__file__).resolve().parents[1]
    offenders = [str(path.relative_to(package)) for path in package.rglob("*.py")
                 if "os.replace(" in path.read_text(encoding="utf-8")
                 and path.name != "files.py"]
    assert offenders == []
