"""The PyInstaller build (dist/BeratungsDesk/) starts and passes its own self-test.

Slow (a build takes minutes), so not part of ``python3 dev.py test``; run them with
``python3 dev.py test-installer``, which builds first. Without a build in dist/ the
fixture builds one; with one it is used as it is.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "BeratungsDesk"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = [pytest.mark.slow, pytest.mark.installer]
START_TIMEOUT_S = 60
STAYS_UP_S = 5


@pytest.fixture(scope="module")
def build() -> Path:
    if not (DIST / f"beratungsdesk-cli{EXE}").exists():
        subprocess.run([sys.executable, str(ROOT / "dev.py"), "build"], check=True, cwd=ROOT)
    return DIST


def _environment(tmp_path: Path) -> dict[str, str]:
    """No display, no Qt platform, no source tree on the path: as on a fresh laptop."""
    temp = tmp_path / "tmp"
    temp.mkdir(exist_ok=True)
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH",
                          "BERATUNGSDESK_RESOURCES", "VIRTUAL_ENV")}
    return {**env, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp), "HOME": str(tmp_path)}


def test_the_built_program_passes_its_self_test(build: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    result = subprocess.run([str(build / f"beratungsdesk-cli{EXE}"), "--self-test"],
                            env=_environment(tmp_path), capture_output=True, text=True, timeout=300)
    seconds = time.perf_counter() - started
    print(result.stdout)
    print(f"self-test of the built program: {seconds:.1f} s")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in ("key derivation", "encrypted store", "handover bundle", "PDF report", "Qt platform",
                 "clean-up"):
        assert any(line.startswith("OK") and name in line for line in lines), (name, lines)
    assert lines[-1].startswith("Self-test passed")
    assert list((tmp_path / "tmp").iterdir()) == []


def test_the_built_command_line_creates_and_reads_a_store(build: Path, tmp_path: Path) -> None:
    env = {**_environment(tmp_path), "BERATUNGSDESK_PASSPHRASE": "built program test passphrase"}
    cli = str(build / f"beratungsdesk-cli{EXE}")
    store = tmp_path / "store"
    version = subprocess.run([cli, "--version"], env=env, capture_output=True, text=True)
    from beratungsdesk import __version__

    assert version.stdout.strip() == f"beratungsdesk {__version__}"
    subprocess.run([cli, "--data-dir", str(store), "init", "--role", "office", "--name", "Test",
                    "--kdf-seconds", "0"], env=env, check=True, capture_output=True, timeout=120)
    listing = subprocess.run([cli, "--data-dir", str(store), "cases", "list"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert listing.returncode == 0, listing.stderr


def _wait_until_listening(app: subprocess.Popen, temp: Path) -> None:
    """Until the app listens for handover files (its last step before the event loop).

    On POSIX the listening socket is a file in the app's temp folder; Windows uses a named
    pipe, which is no file, so there the app only has to be running.
    """
    deadline = time.monotonic() + START_TIMEOUT_S
    while sys.platform != "win32" and not list(temp.glob("beratungsdesk-*")):
        assert app.poll() is None, app.communicate()
        assert time.monotonic() < deadline, "the app did not start listening"
        with contextlib.suppress(subprocess.TimeoutExpired):
            app.wait(timeout=0.1)  # returns early if the app ends (then the assert above fails)


def test_the_built_app_starts_and_stays_up(build: Path, tmp_path: Path) -> None:
    # The desktop program on an empty data folder shows its first-start window and runs
    # until it is ended; offscreen here, as this machine has no display.
    env = {**_environment(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([str(build / f"BeratungsDesk{EXE}"), "--data-dir", str(tmp_path / "data")],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_until_listening(app, tmp_path / "tmp")
        # Up and listening for handover files; it must not end by itself afterwards.
        with pytest.raises(subprocess.TimeoutExpired):
            app.wait(timeout=STAYS_UP_S)
    finally:
        app.terminate()
        _, errors = app.communicate(timeout=30)
    assert "Traceback" not in errors, errors


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktop integration")
def test_the_build_installs_for_a_user_and_the_installed_program_passes_its_self_test(
        build: Path, tmp_path: Path) -> None:
    env = _environment(tmp_path)
    env.pop("XDG_DATA_HOME", None)
    script = build / "install_desktop_linux.sh"  # travels in the build folder
    installed = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    command = tmp_path / ".local" / "bin" / "beratungsdesk"
    result = subprocess.run([str(command), "--self-test"], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    desktop = tmp_path / ".local" / "share" / "applications" / "beratungsdesk.desktop"
    assert f"Exec={tmp_path / '.local' / 'lib' / 'beratungsdesk' / 'BeratungsDesk'} --open-bundle %f" \
        in desktop.read_text(encoding="utf-8")
