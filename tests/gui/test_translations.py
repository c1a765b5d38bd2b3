"""German is complete and actually shown when the translation is installed."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import RESOURCES, AppSettings
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services import messages
from tests.gui.conftest import unlock

TS_FILE = RESOURCES / "translations" / "beratungsdesk_de.ts"
ROOT = Path(__file__).resolve().parents[2]
FORMS = "\x00"  # between the plural forms of one translation


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
            source = message.findtext("source") or ""
            if message.get("numerus") == "yes":  # every plural form, one per line
                forms = [form.text or "" for form in translation.findall("numerusform")]
                assert forms and all(forms), source
                found[(name, source)] = FORMS.join(forms)
                continue
            assert translation.text, source
            found[(name, source)] = translation.text
    return found


def _german_texts() -> list[tuple[str, str, str]]:
    """(context, source, one German text) for every translation, each plural form apart."""
    return [(context, source, text) for (context, source), german in _translations().items()
            for text in german.split(FORMS)]


def test_every_string_has_a_german_translation() -> None:
    translations = _translations()
    assert translations[("UnlockWindow", "&Unlock")] == "&Entsperren"
    for key, template in messages.TEMPLATES.items():
        assert ("messages", template) in translations, key
    for field, label in messages.FIELD_LABELS.items():
        assert ("fields", label) in translations, field


def test_placeholders_survive_translation() -> None:
    for _context, source, german in _german_texts():
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


def test_the_language_changes_at_once_and_keeps_the_page(qtbot, controller: AppController,
                                                          settings: AppSettings) -> None:
    settings.language = "en"
    try:
        main = unlock(qtbot, controller)
        assert main.nav.item(0).text() == "Overview"  # no translator installed yet
        main.show_page("settings")
        main.settings_view.language.setCurrentIndex(main.settings_view.language.findData("de"))
        qtbot.waitUntil(lambda: controller.main is not None and controller.main is not main,
                        timeout=10_000)
        german = controller.main
        assert german.nav.item(0).text() == "Übersicht"
        assert german.current_page() == "settings"
        assert german.settings_view.language.currentData() == "de"
        assert settings.language == "de"
        qtbot.waitUntil(lambda: german.cases.list.model.rowCount() == 3, timeout=10_000)

        german.settings_view.language.setCurrentIndex(german.settings_view.language.findData("en"))
        qtbot.waitUntil(lambda: controller.main is not german, timeout=10_000)
        assert controller.main.nav.item(0).text() == "Overview"
    finally:
        controller.set_language("en")


def test_a_half_typed_quick_entry_keeps_the_language_until_the_next_start(
        qtbot, controller: AppController, settings: AppSettings) -> None:
    settings.language = "en"
    try:
        main = unlock(qtbot, controller)
        main.outreach.client.setText("K-0099")
        assert main.outreach.is_dirty()
        main.settings_view.language.setCurrentIndex(main.settings_view.language.findData("de"))
        assert controller.main is main and main.outreach.client.text() == "K-0099"
        assert main.settings_view.language_hint.text() != ""
        assert settings.language == "de"  # for the next start
    finally:
        controller.set_language("en")


def test_the_check_wants_every_plural_form_filled(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_translations
    finally:
        sys.path.remove(str(ROOT / "tools"))
    ts_file = tmp_path / "x.ts"
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="de"><context><name>C</name>'
        '<message numerus="yes"><source>%n file(s)</source><translation>'
        '<numerusform>%n Datei</numerusform><numerusform></numerusform></translation></message>'
        '<message numerus="yes"><source>%n change(s)</source><translation>'
        '<numerusform>%n Änderung</numerusform><numerusform>%n Änderungen</numerusform></translation>'
        '</message><message><source>Save</source><translation>Speichern</translation></message>'
        '<message><source>Open</source><translation> </translation></message>'
        '</context></TS>', encoding="utf-8")
    assert build_translations.unfinished(ts_file) == ["%n file(s)", "Open"]
