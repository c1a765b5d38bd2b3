"""The release workflow (.github/workflows/release.yml): actionlint finds nothing wrong with it,
notices a broken copy, and the workflow does what the release needs on every system."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
LOCK_FILE = "requirements-build.lock"


def actionlint() -> str:
    """The actionlint of the test tools (pyproject's test extra), beside this interpreter."""
    name = "actionlint.exe" if sys.platform == "win32" else "actionlint"
    for candidate in (Path(sys.executable).parent / name, shutil.which("actionlint")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    pytest.fail("actionlint is missing: install the test tools (pip install -e .[test])")


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([actionlint(), "-no-color", str(path)], capture_output=True, text=True,
                          cwd=path.parent)


def workflow() -> dict[Any, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def build_steps() -> list[dict[str, Any]]:
    return workflow()["jobs"]["build"]["steps"]


def step(name_part: str) -> dict[str, Any]:
    found = [s for s in build_steps() if name_part in s.get("name", "")]
    assert len(found) == 1, name_part
    return found[0]


def test_actionlint_passes() -> None:
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_notices_a_broken_workflow(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    broken = folder / "release.yml"
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("${{ matrix.name }}", "${{ matrix.nmae }}")
                      .replace("runs-on: ubuntu-latest", "runs-on: ubuntu-lastest"), encoding="utf-8")
    result = lint(broken)
    assert result.returncode != 0
    assert "nmae" in result.stdout and "ubuntu-lastest" in result.stdout


def test_every_system_is_built() -> None:
    build = workflow()["jobs"]["build"]
    systems = {entry["os"] for entry in build["strategy"]["matrix"]["include"]}
    assert {"windows-latest", "macos-latest", "ubuntu-latest", "macos-15-intel"} <= systems
    assert build["strategy"]["fail-fast"] is False  # one system failing still shows the others
    setup = next(s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"


def test_bash_is_the_shell_unless_a_step_says_otherwise() -> None:
    """Windows' default shell is PowerShell: the bash steps would fail there without this."""
    assert workflow()["jobs"]["build"]["defaults"]["run"]["shell"] == "bash"
    for entry in build_steps():
        if entry.get("shell") == "pwsh":
            assert "$LASTEXITCODE" in entry["run"]  # native failures are checked by hand there


def test_the_build_installs_from_the_hashed_lock_file() -> None:
    install = step("lock file")["run"]
    assert f"--require-hashes -r {LOCK_FILE}" in install
    assert f"test -f {LOCK_FILE}" in install  # no silent fallback to unpinned packages
    assert "--no-deps ." in install
    assert "pip check" in install  # a dependency missing from the lock fails the build


def test_tests_run_offscreen_and_the_built_program_tests_itself() -> None:
    assert workflow()["env"]["QT_QPA_PLATFORM"] == "offscreen"
    assert "pytest" in step("Test suite")["run"]
    assert "build_installer.spec" in step("PyInstaller")["run"]
    assert "--self-test" in step("Self-test")["run"]
    names = [s.get("name", "") for s in build_steps()]
    assert names.index("Build with PyInstaller") < names.index("Self-test of the built program")


def test_installers_and_checksums_are_made_and_uploaded() -> None:
    windows = step("Inno Setup")
    assert windows["if"] == "runner.os == 'Windows'"
    assert "installer\\windows\\beratungsdesk.iss" in windows["run"]
    assert "/DAppVersion=" in windows["run"]
    mac = step("disk image")
    assert mac["if"] == "runner.os == 'macOS'" and "hdiutil create" in mac["run"]
    assert "tools/checksums.py" in step("Checksums")["run"]
    upload = next(s for s in build_steps() if str(s.get("uses", "")).startswith("actions/upload-artifact"))
    assert upload["with"]["if-no-files-found"] == "error"
    assert (ROOT / "tools" / "checksums.py").exists()


def test_the_windows_installer_is_tried_as_users_meet_it() -> None:
    run = step("uninstall")["run"]
    for fact in ("/VERYSILENT", "LOCALAPPDATA", "Programs\\BeratungsDesk", ".bdsk", "--self-test",
                 "unins000.exe", "kept.txt"):
        assert fact in run, fact


def test_a_tag_makes_a_release() -> None:
    # PyYAML reads the key "on" as True (YAML 1.1).
    triggers = workflow()[True]
    assert "v*" in triggers["push"]["tags"]
    release = workflow()["jobs"]["release"]
    assert release["needs"] == "build" and release["if"].startswith("startsWith(github.ref, 'refs/tags/v')")
    assert release["permissions"] == {"contents": "write"}
    assert workflow()["permissions"] == {"contents": "read"}


def test_checksum_files_check_with_the_usual_tools(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import checksums
    finally:
        sys.path.remove(str(ROOT / "tools"))
    download = tmp_path / "BeratungsDesk-0.1.0-setup.exe"
    download.write_bytes(b"installer")
    written = checksums.write_checksum(download)
    assert written.name == "BeratungsDesk-0.1.0-setup.exe.sha256"
    expected = hashlib.sha256(b"installer").hexdigest()
    assert written.read_text(encoding="ascii") == f"{expected}  BeratungsDesk-0.1.0-setup.exe\n"
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", written.name], cwd=tmp_path, capture_output=True,
                               text=True)
        assert check.returncode == 0 and "OK" in check.stdout
        download.write_bytes(b"tampered")
        assert subprocess.run(["sha256sum", "-c", written.name], cwd=tmp_path,
                              capture_output=True).returncode != 0
