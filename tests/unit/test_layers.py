"""The layer rules of docs/architecture.md, checked on every import of the package.

This is the project's one import checker (see "Layers" in docs/architecture.md): which layer
may import which, which third-party packages each layer may use, crypto only in sync/ and in
storage's key modules, SQL only in storage/. Absolute imports, relative imports (resolved to
the module they name), imports inside functions and ``importlib.import_module("beratungsdesk...")``
names all count. The checks take the package folder as an argument, so the tests that guard
the guard write their probes into a temporary copy, never into src/.
"""

from __future__ import annotations

import ast
import functools
import re
import sqlite3
import sys
from collections.abc import Iterator
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
#: layer -> third-party packages it may import. Qt only in gui/, the PDF tools only in reports/.
THIRD_PARTY = {
    "core": set(),
    "storage": {"sqlcipher3", "cryptography"},
    "sync": {"cryptography"},
    "reports": {"reportlab", "pypdf", "icalendar"},
    # data folders; imported tables; the strength estimate of the passphrase policy
    "services": {"platformdirs", "openpyxl", "python_calamine", "zxcvbn"},
    "gui": {"PySide6", "shiboken6"},
    "cli": set(),
}
#: The program's entry points, which start the GUI or the CLI: no layer imports them.
ENTRY_MODULES = {"launch", "__main__"}
CRYPTO_LAYERS = {"storage", "sync"}
#: The passphrase's key: wrapping (keys.py) and Argon2id in its child process (kdf_process.py).
#: Inside storage/ only these two may use ``cryptography``.
STORAGE_KEY_MODULES = {"keys.py", "kdf_process.py"}
#: Words that start an SQL statement; a string holding one is handed to SQLite's parser.
SQL_WORDS = re.compile(r"\b(select|insert|update|delete|replace|create|drop|alter|pragma|with|vacuum)\b",
                       re.IGNORECASE)


@functools.cache
def syntax_tree(path: Path) -> ast.Module:
    """The parsed module (both checks walk every module; each is parsed once per run)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def _parser() -> sqlite3.Connection:
    return sqlite3.connect(":memory:")


def package_name(path: Path, root: Path) -> list[str]:
    """``beratungsdesk.storage.store`` of ``root/storage/store.py`` as its parts (a package's
    ``__init__.py`` is the package itself)."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports_of(path: Path, root: Path) -> list[str]:
    """Every module ``path`` imports, relative imports resolved to absolute names."""
    tree = syntax_tree(path)
    module = package_name(path, root)
    package = module if path.name == "__init__.py" else module[:-1]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == root.name:
            names += [f"{root.name}.{alias.name}" for alias in node.names]  # from beratungsdesk import gui
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1]
            if node.module:
                names.append(".".join([*base, node.module]))
            else:  # from .. import storage: each name may be a module
                names += [".".join([*base, alias.name]) for alias in node.names]
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and re.fullmatch(r"beratungsdesk(\.\w+)+", node.value)):
            names.append(node.value)  # importlib.import_module("beratungsdesk.gui.x") and the like
    return names


def layer_of(path: Path, root: Path) -> str | None:
    parts = path.relative_to(root).parts
    return parts[0] if len(parts) > 1 else None


def violations(root: Path = PACKAGE) -> list[str]:
    stdlib = set(sys.stdlib_module_names)
    found = []
    for path in sorted(root.rglob("*.py")):
        layer = layer_of(path, root)
        if layer is None:
            continue
        where = path.relative_to(root)
        for name in imports_of(path, root):
            top = name.split(".")[0]
            if top == root.name:
                parts = name.split(".")
                target = parts[1] if len(parts) > 1 else ""
                if target != layer and ((target in ALLOWED and target not in ALLOWED[layer])
                                        or target in ENTRY_MODULES):
                    found.append(f"{where} imports {name}")
            elif top not in stdlib and top not in THIRD_PARTY[layer]:
                found.append(f"{where} imports third-party {name}")
            elif top == "cryptography" and (layer not in CRYPTO_LAYERS or (
                    layer == "storage" and path.name not in STORAGE_KEY_MODULES)):
                found.append(f"{where} uses crypto outside storage/keys and sync")
    return found


def string_texts(tree: ast.AST) -> Iterator[str]:
    """The text of every string literal except docstrings; an f-string's holes become ``x``."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    inside_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                       for part in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            yield "".join(part.value if isinstance(part, ast.Constant) else "x" for part in node.values)
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and id(node) not in inside_fstrings):
            yield node.value


def is_sql(text: str) -> bool:
    """Whether SQLite reads ``text`` (from its first SQL word on) as a statement.

    An empty in-memory database parses it: "no such table", a wrong number of
    bindings and the like mean it parsed; a syntax error or an incomplete input
    mean it is prose ("Select a case from the list").
    """
    match = SQL_WORDS.search(text)
    if match is None:
        return False
    statement = text[match.start():]
    try:
        _parser().execute("EXPLAIN " + statement)
    except sqlite3.ProgrammingError:
        return True  # parsed; only the values for its placeholders are missing
    except (sqlite3.OperationalError, sqlite3.Warning) as error:
        message = str(error)
        return not ("syntax error" in message or "incomplete input" in message
                    or "unrecognized token" in message)
    return True


def sql_outside_storage(root: Path = PACKAGE) -> list[str]:
    offenders = []
    for path in sorted(root.rglob("*.py")):
        if layer_of(path, root) in (None, "storage"):
            continue
        offenders += [f"{path.relative_to(root)}: {text.strip()[:40]!r}"
                      for text in string_texts(syntax_tree(path)) if is_sql(text)]
    return offenders


def test_layers_import_only_what_the_architecture_allows() -> None:
    assert violations() == []


def test_no_sql_outside_storage() -> None:
    assert sql_outside_storage() == []


def _probe_package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "beratungsdesk"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for layer in ALLOWED:
        (root / layer).mkdir(parents=True, exist_ok=True)
        (root / layer / "__init__.py").touch()
    return root


def test_checker_notices_forbidden_imports_of_every_kind(tmp_path: Path) -> None:
    # Guard the guard, in a temporary package: each kind of forbidden import is reported.
    root = _probe_package(tmp_path, {
        "core/absolute.py": "from beratungsdesk.storage import store\nimport PySide6\n",
        "core/relative.py": "from ..storage import store\nfrom .. import gui\n",
        "core/from_root.py": "from beratungsdesk import __version__, cli\n",
        "storage/handover/deep.py": "from ...sync import crypto\n",
        "storage/lazy.py": "def later():\n    import beratungsdesk.services.cases\n",
        "services/by_name.py": "import importlib\nimportlib.import_module('beratungsdesk.gui.app')\n",
        "services/crypto_use.py": "from cryptography.hazmat.primitives import hashes\n",
        "storage/rows_crypto.py": "import cryptography\n",
        "storage/keys.py": "import cryptography\n",
        "sync/ok.py": "from beratungsdesk.storage import store\nfrom . import crypto\nimport cryptography\n",
    })
    found = violations(root)
    assert "core/absolute.py imports beratungsdesk.storage" in found
    assert "core/absolute.py imports third-party PySide6" in found
    assert "core/relative.py imports beratungsdesk.storage" in found
    assert "core/relative.py imports beratungsdesk.gui" in found
    assert found.count("core/from_root.py imports beratungsdesk.cli") == 1  # the version is fine
    assert "storage/handover/deep.py imports beratungsdesk.sync" in found
    assert "storage/lazy.py imports beratungsdesk.services.cases" in found
    assert "services/by_name.py imports beratungsdesk.gui.app" in found
    assert "services/crypto_use.py imports third-party cryptography.hazmat.primitives" in found
    assert "storage/rows_crypto.py uses crypto outside storage/keys and sync" in found
    assert not [v for v in found if v.startswith(("storage/keys.py", "sync/ok.py"))]


def test_sql_check_notices_sql_in_any_case_and_leaves_prose(tmp_path: Path) -> None:
    root = _probe_package(tmp_path, {
        "gui/lower.py": 'def rows(conn):\n    return conn.execute("select id from cases where id = ?")\n',
        "services/mixed.py": 'QUERY = f"Update {TABLE} set deleted = 1 where id = :id"\n',
        "cli/pragma.py": 'PRAGMA = "pragma foreign_keys = ON"\n',
        "gui/prose.py": ('"""Select rows from the list: this docstring names no statement."""\n'
                         'HINT = "Select a case from the list, then update its notes."\n'
                         'OTHER = "Delete from this device only"\n'),
        "storage/queries.py": 'SQL = "select id from cases"\n',
    })
    found = sql_outside_storage(root)
    assert {line.split(":")[0] for line in found} == {"gui/lower.py", "services/mixed.py", "cli/pragma.py"}
