"""``beratungsdesk --self-test`` from the source tree, in a real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.services.selftest import describe_failure, run_self_test

CHECKS = ("key derivation", "encrypted store", "handover bundle", "PDF report", "Qt platform", "clean-up")


def _self_test(tmp_path: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp), **extra_env}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test chooses offscreen itself without a display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run([sys.executable, "-m", "beratungsdesk", "--self-test"], env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_self_test_passes_and_leaves_nothing_behind(tmp_path: Path) -> None:
    result = _self_test(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("BeratungsDesk ") and lines[0].endswith("self-test")
    for name in CHECKS:
        assert any(line.startswith("OK") and name in line for line in lines), (name, lines)
    assert "platform offscreen" in result.stdout
    assert lines[-1].startswith("Self-test passed: all 6 checks OK")
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary stores are gone


def test_a_broken_installation_fails_with_a_clear_line_and_exit_status(tmp_path: Path) -> None:
    # Resources missing (as in a build that forgot them): the Qt check must say so.
    empty = tmp_path / "no-resources"
    empty.mkdir()
    result = _self_test(tmp_path, BERATUNGSDESK_RESOURCES=str(empty))
    assert result.returncode == 1, result.stdout
    [qt_line] = [line for line in result.stdout.splitlines() if line[8:].startswith("Qt platform")]
    assert qt_line.startswith("FAILED") and "application icon" in qt_line
    assert result.stdout.splitlines()[-1].startswith("Self-test FAILED: 1 of 6 checks failed (Qt platform)")
    assert str(tmp_path) not in result.stdout
    assert list((tmp_path / "tmp").iterdir()) == []


def test_every_failing_check_is_reported_and_the_others_still_run() -> None:
    lines: list[str] = []

    def full_disk(folder: Path) -> str:
        raise BeratungsError("disk_full")

    assert run_self_test([("disk", full_disk)], write=lines.append) is False
    assert [line.split()[0] for line in lines[1:-1]] == ["OK", "OK", "OK", "OK", "FAILED", "OK"]
    assert "disk" in lines[-1] and "1 of 6" in lines[-1]


def test_failure_lines_shorten_the_temporary_and_the_home_folder(tmp_path: Path) -> None:
    home_file = Path.home() / "secret-name" / "x"
    error = OSError(f"cannot write {tmp_path / 'check-0' / 'store'} or {home_file}")
    line = describe_failure(error, tmp_path)
    assert str(tmp_path) not in line and str(Path.home()) not in line
    assert "<temp>" in line and "~" in line


def test_offscreen_only_without_a_display_and_without_a_chosen_platform() -> None:
    from beratungsdesk.gui.selftest import needs_offscreen

    assert needs_offscreen({}, "linux")
    assert not needs_offscreen({"DISPLAY": ":0"}, "linux")
    assert not needs_offscreen({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not needs_offscreen({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not needs_offscreen({}, "win32") and not needs_offscreen({}, "darwin")
