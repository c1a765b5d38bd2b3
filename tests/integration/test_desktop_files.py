"""Desktop integration files: the Linux install script, .desktop entry, file type, icons."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
ICONS = ROOT / "resources" / "icons" / "app"
SIZES = (16, 24, 32, 48, 64, 128, 256)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def test_the_icon_exists_in_every_size_and_as_ico_and_icns() -> None:
    for size in SIZES:
        with Image.open(ICONS / f"app-{size}.png") as png:
            assert png.size == (size, size) and png.mode == "RGBA"
    with Image.open(ICONS / "app.ico") as ico:
        assert {(s, s) for s in SIZES} <= set(ico.info["sizes"])
    with Image.open(ICONS / "app.icns") as icns:
        assert (256, 256, 1) in icns.info["sizes"] or (256, 256, 2) in icns.info["sizes"]


def test_the_file_type_matches_the_bundle_format() -> None:
    from beratungsdesk.sync.bundle import SUFFIX

    mime = ET.parse(LINUX / "beratungsdesk-mime.xml").getroot()
    [kind] = mime.findall(f"{MIME_NS}mime-type")
    assert kind.get("type") == "application/x-beratungsdesk-bundle"
    assert kind.find(f"{MIME_NS}glob").get("pattern") == f"*{SUFFIX}"
    magic = kind.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert "BDSKBND" in (ROOT / "docs" / "bundle-format.md").read_text(encoding="utf-8")
    assert (magic.get("offset"), magic.get("value")) == ("0", "BDSKBND")
    desktop = (LINUX / "beratungsdesk.desktop").read_text(encoding="utf-8")
    assert "MimeType=application/x-beratungsdesk-bundle;" in desktop
    assert "Exec=@EXEC@ --open-bundle %f" in desktop


def _fake_build(folder: Path) -> Path:
    """A stand-in for dist/BeratungsDesk: the script only copies and links it."""
    folder.mkdir()
    for name in ("BeratungsDesk", "beratungsdesk-cli"):
        program = folder / name
        program.write_text("#!/bin/sh\necho 'beratungsdesk 9.9'\n")
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return folder


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux desktop integration")
def test_the_linux_install_script_installs_for_the_user_and_removes_it_again(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".local" / "share" / "beratungsdesk").mkdir(parents=True)  # the user's data
    build = _fake_build(tmp_path / "BeratungsDesk")
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    script = LINUX / "install_desktop_linux.sh"
    result = subprocess.run(["sh", str(script), str(build)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    share = home / ".local" / "share"
    program = home / ".local" / "lib" / "beratungsdesk" / "BeratungsDesk"
    assert program.is_file()
    assert (home / ".local" / "bin" / "beratungsdesk").resolve() == program
    desktop = (share / "applications" / "beratungsdesk.desktop").read_text(encoding="utf-8")
    assert f"Exec={program} --open-bundle %f" in desktop
    assert (share / "mime" / "packages" / "beratungsdesk.xml").is_file()
    for size in SIZES:
        icon = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "beratungsdesk.png"
        assert icon.read_bytes() == (ICONS / f"app-{size}.png").read_bytes()
    if shutil.which("update-mime-database"):  # the file type is registered, by name and content
        globs = (share / "mime" / "globs2").read_text(encoding="utf-8")
        assert "application/x-beratungsdesk-bundle:*.bdsk" in globs
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(share / "applications" /
                                                             "beratungsdesk.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    result = subprocess.run(["sh", str(script), "--uninstall"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not program.exists() and not (share / "applications" / "beratungsdesk.desktop").exists()
    assert not (home / ".local" / "bin" / "beratungsdesk").exists()
    assert (share / "beratungsdesk").is_dir()  # the data folder stays
