"""German is complete and actually shown when the translation is installed."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.common import RESOURCES
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services import messages

TS_FILE = RESOURCES / "translations" / "beratungsdesk_de.ts"
ROOT = Path(__file__).resolve().parents[2]


def _translations() -> dict[tuple[str, str], str]:
    found = {}
    for context in ET.parse(TS_FILE).getroot().iter("context"):  # our own file
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            assert translation.get("type") != "unfinished", message.findtext("source")
            assert translation.text, message.findtext("source")
            found[(name, message.findtext("source") or "")] = translation.text
    return found


def test_every_string_has_a_german_translation() -> None:
    translations = _translations()
    assert translations[("UnlockWindow", "&Unlock")] == "&Entsperren"
    for key, template in messages.TEMPLATES.items():
        assert ("messages", template) in translations, key
    for field, label in messages.FIELD_LABELS.items():
        assert ("fields", label) in translations, field


def test_placeholders_survive_translation() -> None:
    for (_context, source), german in _translations().items():
        for name in ("{field}", "{value}", "{count}", "{number}", "{name}", "{folder}", "{line}"):
            assert (name in source) == (name in german), (source, german)


def test_the_compiled_translation_switches_the_ui_to_german(qapp: QApplication, tmp_path: Path) -> None:
    qm_file = tmp_path / "beratungsdesk_de.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(TS_FILE), "-qm", str(qm_file)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm_file))
    qapp.installTranslator(translator)
    runner = Runner()
    try:
        window = UnlockWindow(runner, tmp_path)
        assert window.unlock_button.text() == "&Entsperren"
        window.deleteLater()
    finally:
        qapp.removeTranslator(translator)
        runner.shutdown()


def test_the_tool_reports_complete_translations() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build_translations.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
