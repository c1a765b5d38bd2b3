#!/usr/bin/env python3
"""Set up a development environment and run the app or the tests.

    python3 dev.py demo    # set up, create a demo store, start the app on it
    python3 dev.py test    # set up, ruff, actionlint, mypy, then every test (what CI runs), on every core
    python3 dev.py test -n 0  # the same, one test after the other (pytest options pass through)
    python3 dev.py setup   # only set up .venv
    python3 dev.py build   # set up, then build the installable program in dist/BeratungsDesk/
    python3 dev.py test-installer  # build, then run the built program's tests (slow)
    python3 dev.py lock    # write requirements-build.lock anew from pyproject.toml (uv)

Setting up means: a virtual environment in .venv with the project and its test
tools installed, the Qt translations compiled, and on Debian/Ubuntu the few
system libraries Qt needs even offscreen (installed with apt-get when missing
and running as root), and, optionally, the tools of the test on a FAT file system.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
DEMO_DIR = ROOT / "demo-store"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
#: The installer build's exact versions and file hashes (``python3 dev.py lock`` writes it).
BUILD_LOCK = ROOT / "requirements-build.lock"
#: The Python of the released builds; the lock also resolves newer ones (markers).
LOCK_PYTHON = "3.11"
DEMO_PASSPHRASE = "demo store to look around"  # the passphrase policy applies to demos too
# Shared libraries the Qt xcb/offscreen plugins load on a bare Debian machine.
QT_DEBIAN_PACKAGES = ["libegl1", "libgl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3",
                      "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1",
                      "libxcb-shape0", "libxcb-xkb1", "libxcb-render-util0", "libxcb-image0",
                      "poppler-utils", "fonts-dejavu-core"]
# Tools of the handover test on a real FAT32 file system (tests/integration/test_sync_fat.py):
# an image is formatted and mounted with FUSE. Optional: without them that test is skipped.
FAT_DEBIAN_PACKAGES = ["dosfstools", "fusefat"]


def run(*command: object, **kwargs: object) -> None:
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **kwargs)  # type: ignore[call-overload]


def system_packages() -> None:
    """Install Qt's system libraries on Debian-like machines when we may."""
    if not shutil.which("apt-get") or os.geteuid() != 0:
        return
    missing = [p for p in QT_DEBIAN_PACKAGES
               if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        print(f"dev.py: installing system packages: {' '.join(missing)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                       check=True, env=env)
    optional = [p for p in FAT_DEBIAN_PACKAGES
                if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if optional:
        print(f"dev.py: installing test tools: {' '.join(optional)}", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if not missing:  # a fresh machine's package lists may be empty: read them first
            subprocess.run(["apt-get", "update", "-qq"], env=env)
        result = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *optional],
                                env=env)
        if result.returncode != 0:
            print("dev.py: the FAT test tools could not be installed; that test will be skipped",
                  flush=True)


def setup() -> None:
    if os.name != "nt":
        system_packages()
    if not PYTHON.exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-e", ".[test]")
    translations = ROOT / "tools" / "build_translations.py"
    if translations.exists():
        run(PYTHON, translations)


def demo() -> int:
    setup()
    env = {**os.environ, "BERATUNGSDESK_PASSPHRASE": DEMO_PASSPHRASE}
    if not (DEMO_DIR / "store.key").exists():
        run(PYTHON, "-m", "beratungsdesk", "--data-dir", DEMO_DIR, "demo", "--kdf-seconds", "0.5",
            env=env)
    print(f"dev.py: demo store in {DEMO_DIR}, passphrase: {DEMO_PASSPHRASE}", flush=True)
    return subprocess.run([str(PYTHON), "-m", "beratungsdesk", "--data-dir", str(DEMO_DIR)],
                          cwd=ROOT, env=env).returncode


def test(extra: list[str]) -> int:
    setup()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run(PYTHON, "-m", "ruff", "check", ".")  # every Python file of the repository, typings too
    # The release workflow runs only where the repository is hosted: a mistake in it would show
    # at the first release. actionlint (a test tool of pyproject.toml) finds most of them here.
    run(BIN / ("actionlint.exe" if os.name == "nt" else "actionlint"), *WORKFLOWS)
    # Types of src/ ([tool.mypy] in pyproject.toml: strict for core, storage and sync). Its cache
    # in .mypy_cache/ makes a run after a small change take seconds instead of about twenty.
    if subprocess.run([str(PYTHON), "-m", "mypy"], cwd=ROOT).returncode != 0:
        print("dev.py: mypy found type errors (see above)", flush=True)
        return 1
    # pytest-xdist: one worker process per core, each test handed to the next free one.
    # Options given after "test" come later and win (e.g. "-n 0" runs serially).
    parallel = ["-n", "auto", "--dist", "worksteal"]
    result = subprocess.run([str(PYTHON), "-m", "pytest", "-q", *parallel, *extra], cwd=ROOT, env=env)
    return result.returncode


def build() -> int:
    """The one-folder program of build_installer.spec, for the platform this runs on."""
    setup()
    # What goes into the program are the reviewed versions of the lock, each file checked
    # against its hash (pip refuses a file that differs), not what the index serves today.
    print("dev.py: installing the locked build requirements into .venv", flush=True)
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "--require-hashes", "-r", BUILD_LOCK)
    run(PYTHON, ROOT / "tools" / "build_translations.py", "--check")
    result = subprocess.run([str(PYTHON), "-m", "PyInstaller", "--noconfirm", "--clean",
                             "--log-level", "WARN", "build_installer.spec"], cwd=ROOT)
    if result.returncode == 0:
        print(f"dev.py: built {ROOT / 'dist' / 'BeratungsDesk'}", flush=True)
    return result.returncode


def test_installer(extra: list[str]) -> int:
    """Build, then run the slow tests that start the built program (marker ``installer``)."""
    if build() != 0:
        return 1
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(PYTHON), "-m", "pytest", "-q", "-s", "-m", "installer",
                           "tests/installer", *extra], cwd=ROOT, env=env).returncode


def lock() -> int:
    """requirements-build.lock from pyproject.toml (dependencies and the "build" extra): every
    platform (markers for Windows, macOS, Linux) and Python from 3.11 up, with hashes."""
    setup()
    run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "uv")
    return subprocess.run([str(PYTHON), "-m", "uv", "pip", "compile", "pyproject.toml",
                           "--extra", "build", "--universal", "--python-version", LOCK_PYTHON,
                           "--generate-hashes", "--custom-compile-command", "python3 dev.py lock",
                           "--output-file", str(BUILD_LOCK)], cwd=ROOT).returncode


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "test"
    if command == "setup":
        setup()
        return 0
    if command == "demo":
        return demo()
    if command == "test":
        return test(sys.argv[2:])
    if command == "build":
        return build()
    if command == "test-installer":
        return test_installer(sys.argv[2:])
    if command == "lock":
        return lock()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
