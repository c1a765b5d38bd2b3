"""What the installers promise, read from their sources: the Inno Setup script installs per
user without administrator rights, registers .bdsk, uninstalls the program and leaves the data,
shows version and licence; the PyInstaller spec's macOS bundle declares the document type and
shows version and licence. The spec is executed for macOS with recording stand-ins for
PyInstaller's build steps (the real build runs in the release workflow)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

import beratungsdesk

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "installer" / "windows" / "beratungsdesk.iss"
SPEC = ROOT / "build_installer.spec"
UTI = "org.beratungsdesk.bundle"


def iss_sections() -> dict[str, list[str]]:
    """Section name (lower case) -> its lines, comments and preprocessor lines left out."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].lower()
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def setup_directives() -> dict[str, str]:
    return {key.strip().lower(): value.strip()
            for key, _, value in (line.partition("=") for line in iss_sections()["setup"])}


def entries(section: str) -> list[dict[str, str]]:
    """``Name: "x"; Flags: y`` lines as dictionaries (keys in lower case)."""
    parsed = []
    for line in iss_sections().get(section, []):
        fields = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
        parsed.append({key.lower(): value.strip().strip('"') for key, value in fields})
    return parsed


def test_installs_per_user_without_administrator_rights() -> None:
    setup = setup_directives()
    assert setup["privilegesrequired"] == "lowest"
    assert setup["defaultdirname"].startswith("{autopf}")  # per user: %LOCALAPPDATA%\Programs


def test_shows_version_and_licence() -> None:
    setup = setup_directives()
    assert setup["appversion"] == "{#AppVersion}" and "{#AppVersion}" in setup["appvername"]
    assert setup["versioninfoversion"] == "{#AppVersion}"
    licence = setup["licensefile"].replace("{#Root}", str(ISS.parent / ".." / ".."))
    text = Path(licence.replace("\\", "/")).read_text(encoding="utf-8")
    assert "GNU Affero General Public License" in text and "AGPL-3.0-or-later" in text


def test_registers_bdsk_and_takes_it_away_again() -> None:
    assert setup_directives()["changesassociations"] == "yes"
    registry = entries("registry")
    extension = [e for e in registry if e["subkey"] == r"Software\Classes\.bdsk"]
    assert extension and extension[0]["valuedata"] == "{#ProgId}"
    assert all(e["root"] == "HKA" for e in registry)  # HKCU when installed per user
    assert "uninsdeletevalue" in extension[0]["flags"]
    program = [e for e in registry if e["subkey"] == r"Software\Classes\{#ProgId}"]
    assert program and "uninsdeletekey" in program[0]["flags"]
    command = [e for e in registry if e["subkey"].endswith(r"shell\open\command")]
    assert command and "--open-bundle" in command[0]["valuedata"]


def test_uninstall_removes_the_program_and_leaves_the_data() -> None:
    deletes = entries("uninstalldelete") + entries("installdelete")
    assert deletes == [{"type": "dirifempty", "name": "{app}"}]
    text = ISS.read_text(encoding="utf-8").lower()
    for data_place in ("{localappdata}", "{userappdata}", "{commonappdata}", "{app}\\.."):
        assert data_place not in text
    files = entries("files")
    assert all(e["destdir"] == "{app}" for e in files)


class Recorder:
    """Stands in for one of PyInstaller's build steps and keeps what it was given."""

    calls: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]]

    def __init__(self, name: str, calls: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]]) -> None:
        self.name, self.calls = name, calls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.setdefault(self.name, []).append((args, kwargs))
        return type("Built", (), {"pure": [], "scripts": [], "binaries": [], "datas": []})()


@pytest.fixture
def mac_spec(tmp_path: Path, monkeypatch) -> dict[str, Any]:
    """The spec executed as on macOS, in a copy of the files it reads."""
    root = tmp_path / "repo"
    for relative in ("LICENSE", "src/beratungsdesk/__init__.py",
                     "src/beratungsdesk/resources/fonts/LICENSE-DejaVu.txt"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, root / relative)
    (root / "resources" / "translations").mkdir(parents=True)
    (root / "resources" / "translations" / "beratungsdesk_de.qm").write_bytes(b"")
    dist = tmp_path / "dist"
    (dist / "BeratungsDesk").mkdir(parents=True)
    calls: dict[str, list[tuple[tuple[Any, ...], dict[str, Any]]]] = {}
    namespace: dict[str, Any] = {"SPECPATH": str(root), "DISTPATH": str(dist), "__file__": str(SPEC)}
    steps = ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
    namespace.update({name: Recorder(name, calls) for name in steps})
    monkeypatch.setattr(sys, "platform", "darwin")
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    monkeypatch.undo()
    return {"calls": calls, "dist": dist}


def test_the_mac_bundle_declares_the_document_type(mac_spec: dict[str, Any]) -> None:
    (_args, bundle), = mac_spec["calls"]["BUNDLE"]
    plist = bundle["info_plist"]
    document, = plist["CFBundleDocumentTypes"]
    assert document["LSItemContentTypes"] == [UTI] and document["LSHandlerRank"] == "Owner"
    exported, = plist["UTExportedTypeDeclarations"]
    assert exported["UTTypeIdentifier"] == UTI
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["bdsk"]


def test_the_mac_bundle_shows_version_and_licence(mac_spec: dict[str, Any]) -> None:
    (_args, bundle), = mac_spec["calls"]["BUNDLE"]
    plist = bundle["info_plist"]
    assert bundle["version"] == beratungsdesk.__version__
    assert plist["CFBundleShortVersionString"] == beratungsdesk.__version__
    assert "AGPL-3.0-or-later" in plist["NSHumanReadableCopyright"]


def test_every_build_carries_the_licence(mac_spec: dict[str, Any]) -> None:
    (_args, analysis), = mac_spec["calls"]["Analysis"]
    assert any(Path(source).name == "LICENSE" for source, _target in analysis["datas"])
    beside = mac_spec["dist"] / "BeratungsDesk" / "LICENSE"
    assert beside.read_bytes() == (ROOT / "LICENSE").read_bytes()


def test_the_licence_file_carries_the_whole_agpl_text() -> None:
    # The installers show this file: a notice with a link is not the licence.
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    for clause in ("TERMS AND CONDITIONS", "13. Remote Network Interaction; Use with the GNU General "
                   "Public License.", "END OF TERMS AND CONDITIONS"):
        assert clause in text
