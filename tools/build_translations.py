#!/usr/bin/env python3
"""Collect the app's strings into the German translation file and compile it.

    python tools/build_translations.py          # lupdate, then lrelease
    python tools/build_translations.py --check  # also fail when a string lacks German

``pyside6-lupdate`` (shipped with PySide6-Essentials) reads ``self.tr()``,
``QCoreApplication.translate()`` and the ``QT_TRANSLATE_NOOP``/``QT_TR_NOOP``
markers in ``gui/``, ``services/messages.py`` and ``core/model.py`` (field labels) and merges them into
``resources/translations/beratungsdesk_de.ts`` (existing translations are kept,
strings no longer in the code are dropped). A text with a number is a numerus
message, ``self.tr("%n cases", "", count)``: each language gives one text per
plural form, Qt picks by its rules; ``beratungsdesk_en.ts`` holds only those
forms for English. ``pyside6-lrelease`` compiles the ``.qm`` files the app
loads; they are build output and not committed.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "beratungsdesk"
TRANSLATIONS = ROOT / "resources" / "translations"
#: German in full; English, the language of the source texts, for its plural forms only
#: ("%n cases" -> "1 case", "2 cases"): Qt's numerus messages have no singular in the source.
LANGUAGES = ("de", "en")
SOURCE_LANGUAGE = "en"


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv, also when it is not activated), else on
    PATH. ``shutil.which`` adds Windows' ``.exe`` (PATHEXT) to the name."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"build_translations: {name} not found (is PySide6 installed?)")
    return found


def marked_strings(path: Path) -> list[tuple[str, str, bool]]:
    """(context, text, numerus) of every ``QT_TRANSLATE_NOOP`` / ``QT_TRANSLATE_N_NOOP`` call
    in ``path`` (the second marks a text with a number: a numerus message).

    ``services/messages.py`` names its context through a module constant
    (``_C``), which lupdate cannot follow; resolving it here keeps that module
    free of Qt and of repeated literals.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _MARKERS and len(node.args) == 2):
            context, text = (_literal(arg, constants) for arg in node.args)
            if context and text:
                found.append((context, text, node.func.id == "QT_TRANSLATE_N_NOOP"))
    return found


_MARKERS = ("QT_TRANSLATE_NOOP", "QT_TRANSLATE_N_NOOP")


def helper_strings(path: Path) -> list[tuple[str, str]]:
    """(context, text) of ``_t("...")`` calls, where the module defines ``_t`` as
    ``QCoreApplication.translate(CONTEXT, text)`` (short lines; lupdate cannot see through it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    context = None
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "_t":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "attr", "") == "translate":
                    context = _literal(call.args[0], constants)
    if context is None:
        return []
    return [(context, text) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_t"
            and node.args and (text := _literal(node.args[0], {})) is not None]


def _constants(tree: ast.Module) -> dict[str, str]:
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def _literal(node: ast.expr, constants: dict[str, str]) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def numerus_calls(path: Path) -> list[tuple[str, str]]:
    """(context, text) of ``QCoreApplication.translate(CONTEXT, TEXT, None, count)`` calls.

    Module-level functions (the handover's result lines, say) have no ``self.tr``; they call
    ``translate`` with a number. pyside6-lupdate's Python parser (6.11) makes such a call a
    numerus message only when the number is a literal, and reads it as a plain message or
    drops it when the number is a variable; listing these calls with a literal number, before
    the modules, gives lupdate what it needs. ``self.tr(text, "", count)`` needs no help."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "translate" and len(node.args) == 4
                and not isinstance(node.args[3], ast.Constant)):
            context, text = _literal(node.args[0], {}), _literal(node.args[1], {})
            if context and text:
                found.append((context, text))
    return found


def sources(scratch: Path) -> list[Path]:
    """A generated file listing the messages' templates and the numerus calls literally,
    then the GUI modules (lupdate keeps the first reading of a text)."""
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication", ""]
    marked = marked_strings(PACKAGE / "services" / "messages.py")
    marked += marked_strings(PACKAGE / "core" / "model.py")  # the labels of the field spec
    modules = sorted((PACKAGE / "gui").rglob("*.py"))
    for module in modules:
        marked += [(context, text, False) for context, text in helper_strings(module)]
        marked += [(context, text, True) for context, text in numerus_calls(module)]
    lines += [f"QCoreApplication.translate({context!r}, {text!r}, None, 2)" if numerus
              else f"QT_TRANSLATE_NOOP({context!r}, {text!r})" for context, text, numerus in marked]
    generated = scratch / "messages_for_lupdate.py"
    generated.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [generated, *modules]


def unfinished(ts_file: Path) -> list[str]:
    """Source texts without a finished translation."""
    missing = []
    for message in ET.parse(ts_file).getroot().iter("message"):  # noqa: S314 - our own file
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            missing.append(message.findtext("source") or "")
        elif message.get("numerus") == "yes":
            # A numerus message (``%n``) needs every form of the language filled in.
            forms = translation.findall("numerusform")
            if not forms or not all((form.text or "").strip() for form in forms):
                missing.append(message.findtext("source") or "")
        elif not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a translation is missing")
    args = parser.parse_args()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts_file = TRANSLATIONS / f"beratungsdesk_{language}.ts"
        lupdate = [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                   "-target-language", language]
        if language == SOURCE_LANGUAGE:
            lupdate.append("-pluralonly")  # the source texts need only their plural forms
        with tempfile.TemporaryDirectory() as scratch:
            inputs = [*map(str, sources(Path(scratch)))]
            subprocess.run([*lupdate, *inputs, "-ts", str(ts_file)], check=True, cwd=ROOT)
        # Written beside, then renamed over the old file: a running program (or test) has the
        # old .qm mapped into memory, and rewriting it in place would crash it (SIGBUS).
        qm_file = ts_file.with_suffix(".qm")
        fresh = qm_file.with_name(f".{qm_file.name}.{os.getpid()}.tmp")
        try:
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(fresh)],
                           check=True, cwd=ROOT)
            os.replace(fresh, qm_file)
        finally:
            fresh.unlink(missing_ok=True)
        missing = unfinished(ts_file)
        if missing:
            print(f"build_translations: {len(missing)} strings lack a {language} translation",
                  file=sys.stderr)
            if args.check:
                for text in missing:
                    print(f"  {text}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
