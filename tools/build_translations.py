#!/usr/bin/env python3
"""Collect the app's strings into the German translation file and compile it.

    python tools/build_translations.py          # lupdate, then lrelease
    python tools/build_translations.py --check  # also fail when a string lacks German

``pyside6-lupdate`` (shipped with PySide6-Essentials) reads ``self.tr()``,
``QCoreApplication.translate()`` and the ``QT_TRANSLATE_NOOP``/``QT_TR_NOOP``
markers in ``gui/``, ``services/messages.py`` and ``core/model.py`` (field labels) and merges them into
``resources/translations/beratungsdesk_de.ts`` (existing translations are kept,
strings no longer in the code are dropped). ``pyside6-lrelease`` compiles the
``.qm`` the app loads; ``.qm`` files are build output and not committed.
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "beratungsdesk"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de",)


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv), else on PATH."""
    for folder in (Path(sys.executable).parent, ):
        candidate = folder / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"build_translations: {name} not found (is PySide6 installed?)")
    return found


def marked_strings(path: Path) -> list[tuple[str, str]]:
    """(context, text) of every ``QT_TRANSLATE_NOOP`` call in ``path``.

    ``services/messages.py`` names its context through a module constant
    (``_C``), which lupdate cannot follow; resolving it here keeps that module
    free of Qt and of repeated literals.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for target in node.targets if isinstance(target, ast.Name)}
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP" and len(node.args) == 2):
            context, text = (_literal(arg, constants) for arg in node.args)
            if context and text:
                found.append((context, text))
    return found


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


def plural_strings(path: Path) -> list[tuple[str, str, str]]:
    """(context, one, many) of every ``plural(CONTEXT, count, "one", "many")`` call
    (``gui/common.py``); the context may be a module constant such as ``_C``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "plural"
                and len(node.args) == 4):
            context = _literal(node.args[0], constants)
            one, many = _literal(node.args[2], {}), _literal(node.args[3], {})
            if context and one and many:
                found.append((context, one, many))
    return found


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


def message_plurals(path: Path) -> list[tuple[str, str, str]]:
    """(context, one, many) of ``PLURAL_TEMPLATES`` in ``services/messages.py`` (plain literals)."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and node.target.id == "PLURAL_TEMPLATES" and node.value is not None):
            table = ast.literal_eval(node.value)
            return [("messages", one, many) for one, many in table.values()]
    return []


def all_plurals() -> list[tuple[str, str, str]]:
    found = [item for module in sorted((PACKAGE / "gui").rglob("*.py")) for item in plural_strings(module)]
    return found + message_plurals(PACKAGE / "services" / "messages.py")


def sources(scratch: Path) -> list[Path]:
    """The GUI modules, plus a generated file listing the messages' templates literally.

    A ``plural(...)`` call becomes a numerus message (its "many" text, translated
    into every plural form of the language)."""
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication", ""]
    marked = marked_strings(PACKAGE / "services" / "messages.py")
    marked += marked_strings(PACKAGE / "core" / "model.py")  # the labels of the field spec
    for module in sorted((PACKAGE / "gui").rglob("*.py")):
        marked += helper_strings(module)
    lines += [f"QT_TRANSLATE_NOOP({context!r}, {text!r})" for context, text in marked]
    lines += [f"QCoreApplication.translate({context!r}, {many!r}, None, 2)"
              for context, _one, many in all_plurals()]
    generated = scratch / "messages_for_lupdate.py"
    generated.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [*sorted((PACKAGE / "gui").rglob("*.py")), generated]


def plain_translations(ts_file: Path) -> dict[tuple[str, str], str]:
    """(context, source) -> finished translation of every plain (not numerus) message."""
    if not ts_file.exists():
        return {}
    found = {}
    for context in ET.parse(ts_file).getroot().iter("context"):  # noqa: S314 - our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if (message.get("numerus") != "yes" and translation is not None and translation.text
                    and not translation.get("type")):
                found[(name, message.findtext("source") or "")] = translation.text
    return found


def fill_plural_forms(ts_file: Path, known: dict[tuple[str, str], str],
                      plurals: list[tuple[str, str, str]]) -> int:
    """Fill a new numerus message whose two texts were translated as plain messages before
    (strings from before numerus messages, or from a branch merged since): German has
    two forms, one and many. Returns how many were filled."""
    texts = {(context, many): one for context, one, many in plurals}
    tree = ET.parse(ts_file)  # noqa: S314 - our own file
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source") or ""
            one = texts.get((name, source))
            if (message.get("numerus") != "yes" or translation is None
                    or translation.get("type") != "unfinished" or one is None):
                continue
            forms = translation.findall("numerusform")
            german = (known.get((name, one)), known.get((name, source)))
            if len(forms) == 2 and all(german):
                for form, text in zip(forms, german, strict=True):
                    form.text = text
                del translation.attrib["type"]
                filled += 1
    if filled:
        ET.indent(tree, space="    ")
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts_file.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                           encoding="utf-8")
    return filled


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
        known = plain_translations(ts_file)
        lupdate = [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                   "-target-language", language]
        with tempfile.TemporaryDirectory() as scratch:
            inputs = [*map(str, sources(Path(scratch)))]
            subprocess.run([*lupdate, *inputs, "-ts", str(ts_file)], check=True, cwd=ROOT)
            if fill_plural_forms(ts_file, known, all_plurals()):
                # lupdate writes the file in its own form again (quoting, order).
                subprocess.run([*lupdate, *inputs, "-ts", str(ts_file)], check=True, cwd=ROOT)
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts_file),
                        "-qm", str(ts_file.with_suffix(".qm"))], check=True, cwd=ROOT)
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
