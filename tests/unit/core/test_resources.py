"""Where the resource folder is found: source checkout, PyInstaller build, override."""

from __future__ import annotations

from pathlib import Path

from beratungsdesk.core.resources import ENV_VARIABLE, resource_dir

CHECKOUT = Path(__file__).resolve().parents[3]


def test_a_source_checkout_uses_resources_beside_src() -> None:
    found = resource_dir(environ={}, frozen=False)
    assert found == CHECKOUT / "resources"
    assert (found / "icons" / "app.svg").is_file()
    assert (found / "translations" / "beratungsdesk_de.ts").is_file()


def test_a_frozen_build_uses_the_bundle_folder(tmp_path: Path) -> None:
    assert resource_dir(environ={}, frozen=True, bundle_dir=str(tmp_path)) == tmp_path / "resources"


def test_the_environment_variable_wins(tmp_path: Path) -> None:
    environ = {ENV_VARIABLE: str(tmp_path)}
    assert resource_dir(environ=environ, frozen=True, bundle_dir="/elsewhere") == tmp_path
    assert resource_dir(environ=environ, frozen=False) == tmp_path
