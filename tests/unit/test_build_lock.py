"""requirements-build.lock pins what pyproject.toml asks for, on every platform and Python
the installer is built with, each file with its hash; PySide6 < 6.12 only where 6.12.0 crashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements-build.lock"

#: The builds: each operating system, on the release Python and a newer one.
PLATFORMS = {"linux": ("linux", "Linux", "posix"), "win32": ("win32", "Windows", "nt"),
             "darwin": ("darwin", "Darwin", "posix")}
PYTHONS = ("3.11.9", "3.12.7", "3.13.1")


def _environment(platform: str, python: str) -> dict[str, str]:
    sys_platform, system, os_name = PLATFORMS[platform]
    return {"sys_platform": sys_platform, "platform_system": system, "os_name": os_name,
            "python_version": ".".join(python.split(".")[:2]), "python_full_version": python,
            "platform_python_implementation": "CPython", "implementation_name": "cpython",
            "platform_machine": "x86_64", "extra": ""}


def _locked() -> list[tuple[str, Version, Marker | None, list[str]]]:
    """(name, version, marker, hashes) of every entry of the lock."""
    entries = []
    text = re.sub(r"\\\n", " ", LOCK.read_text(encoding="utf-8"))
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        pin = line.split("--hash", 1)[0].strip()
        spec, _, marker = pin.partition(";")
        name, _, version = spec.strip().partition("==")
        entries.append((canonicalize_name(name), Version(version), Marker(marker) if marker.strip()
                        else None, hashes))
    return entries


def _wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["build"]]


def _pin(name: str, environment: dict[str, str]) -> Version | None:
    found = [version for locked, version, marker, _ in _locked()
             if locked == name and (marker is None or marker.evaluate(environment))]
    assert len(found) <= 1, (name, found)
    return found[0] if found else None


def test_every_entry_is_an_exact_version_with_hashes() -> None:
    entries = _locked()
    assert len(entries) >= 10
    for name, _version, _marker, hashes in entries:
        assert hashes, f"{name} has no hash: pip --require-hashes would refuse the lock"


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_the_lock_pins_every_requirement_of_the_project(platform: str, python: str) -> None:
    environment = _environment(platform, python)
    for requirement in _wanted():
        if requirement.marker is not None and not requirement.marker.evaluate(environment):
            continue
        version = _pin(canonicalize_name(requirement.name), environment)
        assert version is not None, f"{requirement.name} is not in the lock for {platform} {python}"
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_pyside6_stays_below_6_12_on_python_3_11_only() -> None:
    """6.12.0 aborts the process on Python 3.11 (tests/unit/test_qt_refcount.py)."""
    for platform in PLATFORMS:
        old = _pin("pyside6-essentials", _environment(platform, "3.11.9"))
        new = _pin("pyside6-essentials", _environment(platform, "3.12.7"))
        assert old is not None and old < Version("6.12")
        assert new is not None
    wanted = [r for r in _wanted() if canonicalize_name(r.name) == "pyside6-essentials"]
    assert {str(r.marker) for r in wanted} == {'python_version < "3.12"', 'python_version >= "3.12"'}
    newer = next(r for r in wanted if str(r.marker) == 'python_version >= "3.12"')
    assert newer.specifier.contains("6.12.0")  # the fixed releases are open to newer Pythons


def test_windows_and_macos_get_their_own_build_tools() -> None:
    """A lock resolved on Linux alone would miss these, and the build there would stop."""
    assert _pin("pefile", _environment("win32", "3.11.9")) is not None
    assert _pin("pywin32-ctypes", _environment("win32", "3.11.9")) is not None
    assert _pin("macholib", _environment("darwin", "3.11.9")) is not None
    assert _pin("pefile", _environment("linux", "3.11.9")) is None
