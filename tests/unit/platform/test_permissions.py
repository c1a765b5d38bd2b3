"""Private files and folders: the icacls command built for Windows (tested everywhere), the
POSIX modes (tested where they exist), and on a Windows runner the access list for real."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from beratungsdesk.storage.permissions import (
    create_private_file,
    icacls_arguments,
    make_private,
    make_private_folder,
    sid_from_whoami,
)

SID = "S-1-5-21-3623811015-3361044348-30300820-1013"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def test_a_file_is_granted_to_the_user_alone() -> None:
    path = PureWindowsPath("C:/Users/Ayşe Yılmaz/AppData/Local/BeratungsDesk/store.key")
    assert icacls_arguments(path, SID, folder=False) == [
        "icacls", str(path), "/inheritance:r", "/grant:r", f"*{SID}:F", "/Q"]


def test_a_folder_passes_the_grant_on_to_what_is_created_in_it() -> None:
    path = PureWindowsPath("C:/Users/x/AppData/Local/BeratungsDesk")
    arguments = icacls_arguments(path, SID, folder=True)
    assert arguments[2:5] == ["/inheritance:r", "/grant:r", f"*{SID}:(OI)(CI)F"]
    # one argument per part: a path with spaces is never split by a shell
    assert arguments[1] == str(path)


@pytest.mark.parametrize("output", [
    f'"desktop-7h2k\\ayşe yılmaz","{SID}"\r\n',
    f'"AMT\\beratung","{SID}"\n',
])
def test_the_sid_is_read_from_whoami(output: str) -> None:
    assert sid_from_whoami(output) == SID


def test_whoami_without_a_sid_is_refused() -> None:
    with pytest.raises(ValueError):
        sid_from_whoami("ERROR: access denied\n")


@posix_only
def test_posix_modes(tmp_path: Path) -> None:
    old = os.umask(0)  # the modes must not depend on a permissive umask
    try:
        folder = tmp_path / "store"
        make_private_folder(folder)
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        create_private_file(folder / "store.db")
        assert stat.S_IMODE((folder / "store.db").stat().st_mode) == 0o600
        open_file = tmp_path / "open.txt"
        open_file.write_bytes(b"x")
        open_file.chmod(0o644)
        make_private(open_file)
        assert stat.S_IMODE(open_file.stat().st_mode) == 0o600
    finally:
        os.umask(old)
    with pytest.raises(FileExistsError):
        create_private_file(folder / "store.db")


@posix_only
def test_an_existing_folder_of_the_user_keeps_its_rights(tmp_path: Path) -> None:
    chosen = tmp_path / "Dokumente"
    chosen.mkdir()
    chosen.chmod(0o755)
    make_private_folder(chosen)
    assert stat.S_IMODE(chosen.stat().st_mode) == 0o755


@pytest.mark.skipif(sys.platform != "win32", reason="access lists are Windows'")
def test_windows_access_list_names_only_the_user(tmp_path: Path) -> None:
    folder = tmp_path / "privat"
    make_private_folder(folder)
    create_private_file(folder / "store.db")
    for path in (folder, folder / "store.db"):
        shown = subprocess.run(["icacls", str(path)], capture_output=True, text=True,
                               check=True).stdout
        entries = [line for line in shown.splitlines() if ":(" in line]
        assert len(entries) == 1, shown  # the user's entry and nothing inherited
        assert "(F)" in entries[0]
        assert not any(group in entries[0] for group in ("BUILTIN", "Everyone", "NT AUTHORITY"))
