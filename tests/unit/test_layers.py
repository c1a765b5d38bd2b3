"""The layer rules of DESIGN.md, checked on every import statement of the package."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "beratungsdesk"

#: layer -> layers it may import (besides itself and the standard library).
ALLOWED = {
    "core": set(),
    "storage": {"core"},
    "sync": {"core", "storage"},
    "reports": {"core", "storage"},
    "services": {"core", "storage", "sync", "reports"},
    "gui": {"core", "services"},
    "cli": {"core", "services"},
}
THIRD_PARTY = {
    "core": set(),
    "storage": {"sqlcipher3", "cryptography"},
    "sync": {"cryptography"},
    "reports": {"reportlab", "pypdf", "icalendar"},
    "services": set(),
    "gui": {"PySide6", "shiboken6"},
    "cli": set(),
}
CRYPTO_LAYERS = {"storage", "sync"}  # and inside storage only keys.py


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


#: The passphrase's key: wrapping (keys.py) and Argon2id in its child process (kdf_process.py).
STORAGE_KEY_MODULES = {"keys.py", "kdf_process.py"}


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def violations() -> list[str]:
    import sys

    stdlib = set(sys.stdlib_module_names)
    found = []
    for path in PACKAGE.rglob("*.py"):
        layer = layer_of(path)
        if layer is None:
            continue
        for name in imports_of(path):
            top = name.split(".")[0]
            if top == "beratungsdesk":
                parts = name.split(".")
                target = parts[1] if len(parts) > 1 else ""
                if target in ALLOWED and target != layer and target not in ALLOWED[layer]:
                    found.append(f"{path.relative_to(PACKAGE)} imports {name}")
                if target in ("gui", "cli", "launch") and target != layer:
                    found.append(f"{path.relative_to(PACKAGE)} imports {name}")
            elif top not in stdlib and top not in THIRD_PARTY[layer]:
                found.append(f"{path.relative_to(PACKAGE)} imports third-party {name}")
            elif top == "cryptography" and (layer not in CRYPTO_LAYERS or (
                    layer == "storage" and path.name not in STORAGE_KEY_MODULES)):
                found.append(f"{path.relative_to(PACKAGE)} uses crypto outside storage/keys and sync")
    return found


def test_layers_import_only_what_design_allows() -> None:
    assert violations() == []


def test_checker_notices_a_forbidden_import(tmp_path: Path, monkeypatch) -> None:
    # Guard the guard: a core module importing storage must be reported.
    bad = PACKAGE / "core" / "_layer_probe.py"
    bad.write_text("from beratungsdesk.storage import store\nimport PySide6\n", encoding="utf-8")
    try:
        found = violations()
    finally:
        bad.unlink()
    assert any("_layer_probe.py imports beratungsdesk.storage" in v for v in found)
    assert any("_layer_probe.py imports third-party PySide6" in v for v in found)


def test_no_sql_outside_storage() -> None:
    keywords = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "CREATE TABLE", "PRAGMA ")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if layer_of(path) in (None, "storage"):
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(PACKAGE)}: {k.strip()}" for k in keywords
                      if f'"{k}' in text or f"'{k}" in text]
    assert offenders == []
