"""Words: no English in the German window, real plural forms, one term per thing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import duration_text
from beratungsdesk.gui.main_window import PAGES, MainWindow
from tests.gui.conftest import open_case_of, unlock
from tests.gui.test_translations import _german_texts

#: English words that are no German words. Found in a German text, they are a leftover
#: (e.g. "Gesendet an office": a role's code formatted into a sentence).
_ENGLISH_WORDS = """
the and of to with from for this that these those which who what when where there
is are were be been has have had will would should could not none nothing yes no
office counselor counselors handover bundle bundles case cases file files device devices
change changes conflict conflicts please error warning save saved delete deleted erase erased
store join request enroll enrolled invitation report client clients contact contacts entry
entries nobody choose select new old all unknown missing pending waiting received refused
sent send active inactive closed open opened today yesterday days hours minutes seconds
laptop's office's
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())

#: What may stay as it is: commands quoted for the command line, names of things and formats.
ALLOWED = re.compile(r"'[^']*'|‚[^‘]*‘|„[^“]*“|\{[a-z_]+\}|https?://\S+|\b\w+\.(key|db|csv|pdf)\b")


#: English unit abbreviations (German writes "Min." and "Std."), matched as written.
ENGLISH_UNITS = re.compile(r"\b(min|h|hrs|sec)\b(?!\.)")


def english_words(text: str) -> set[str]:
    plain = ALLOWED.sub(" ", text.replace("&", ""))
    found = {word for word in re.findall(r"[A-Za-z']+", plain) if word.casefold() in ENGLISH}
    return found | {match.group(0) for match in ENGLISH_UNITS.finditer(plain)}


def test_no_german_translation_holds_english_words() -> None:
    found = [(context, source, german, english_words(german))
             for context, source, german in _german_texts() if english_words(german)]
    assert not found, "\n".join(f"{c}: {g!r} {sorted(w)}" for c, _s, g, w in found)


def test_no_slash_or_bracket_plurals_in_german() -> None:
    pattern = re.compile(r"Fall/Fälle|\(nen\)|\(e\)\b|\(n\)\b|\(s\)|/-innen")
    found = [german for _c, _s, german in _german_texts() if pattern.search(german)]
    assert not found, found


def _texts_of(widget: QWidget) -> list[str]:
    """Every text a user reads on a page: labels, buttons, titles, tabs, headers, lists."""
    texts: list[str] = []
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if isinstance(child, QLabel):
            texts.append(child.text())
        elif isinstance(child, QAbstractButton):
            texts += [child.text(), child.toolTip()]
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QAbstractSpinBox):  # with its unit, e.g. "30 Min."
            texts.append(child.text())
        elif isinstance(child, QLineEdit) and not isinstance(child.parent(), QAbstractSpinBox):
            texts.append(child.placeholderText())
        elif isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list's model: one column
                columns = 1
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
            texts += [str(model.index(r, c).data() or "")
                      for r in range(min(model.rowCount(QModelIndex()), 20)) for c in range(columns)]
    return [text for text in texts if text]


def test_the_main_pages_in_german_hold_no_english_words(qtbot, controller: AppController) -> None:
    controller.set_language("de")
    try:
        main: MainWindow = unlock(qtbot, controller)
        _check_pages(qtbot, main)
    finally:
        controller.set_language("en")


def _check_pages(qtbot, main: MainWindow) -> None:
    assert main.nav.item(0).text() == "Übersicht"  # German is on
    main.show_page("handover")
    qtbot.waitUntil(lambda: main.handover.state_label.text() != "", timeout=10_000)
    found: dict[str, set[str]] = {}
    for name, _icon, _shortcut in PAGES:
        main.show_page(name)
        for text in [*_texts_of(main.built(name)), main.statusBar().currentMessage()]:
            words = english_words(text.replace(main.info.name, ""))  # the store's name is a name
            if words:
                found[text] = words
    main.show_page("cases")
    open_case_of(qtbot, main, "K-0001")
    editor = main.cases.editor
    for index in range(editor.tabs.count()):  # every tab of the case editor
        editor.tabs.setCurrentIndex(index)
        for text in _texts_of(editor):
            words = english_words(text)
            if words:
                found[text] = words
    for label in main.statusBar().findChildren(QLabel):
        words = english_words(label.text().replace(main.info.name, ""))
        if words:
            found[label.text()] = words
    assert not found, found


def _german(qapp: QApplication, tmp_path: Path) -> QTranslator:
    ts_file = Path(__file__).resolve().parents[2] / "resources" / "translations" / "beratungsdesk_de.ts"
    qm_file = tmp_path / "de.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm_file))
    qapp.installTranslator(translator)
    return translator


def test_plural_forms_in_german_and_english(qapp: QApplication, tmp_path: Path) -> None:
    def cases(count: int) -> str:
        return QCoreApplication.translate("Erasure", "%n cases", None, count)

    def durations() -> list[str]:
        return [duration_text(minutes) for minutes in (1, 45, 60, 61, 150)]

    # English: the plural forms of beratungsdesk_en (installed for every GUI test, as the app does)
    assert [cases(n) for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    assert durations() == ["1 min", "45 min", "1 h", "1 h 1 min", "2 h 30 min"]
    translator = _german(qapp, tmp_path)
    try:
        assert [cases(n) for n in (0, 1, 2, 21)] == ["0 Fälle", "1 Fall", "2 Fälle", "21 Fälle"]
        assert durations() == ["1 Min.", "45 Min.", "1 Std.", "1 Std. 1 Min.", "2 Std. 30 Min."]
    finally:
        qapp.removeTranslator(translator)


def test_messages_with_a_number_take_plural_forms(qapp: QApplication, tmp_path: Path) -> None:
    """The services' sentences (also on the command line, in English) count correctly too."""
    from beratungsdesk.core.errors import ValidationError, ValidationErrors
    from beratungsdesk.services import messages

    def problems(count: int, translate=None) -> str:
        error = ValidationErrors([ValidationError("required", field="name")] * count)
        return messages.describe(error, translate) if translate else messages.describe(error)

    assert problems(1) == "1 problem was found; nothing was changed."
    assert problems(3) == "3 problems were found; nothing was changed."
    assert messages.clock_text("restamped", count=1).startswith("1 change made")
    translator = _german(qapp, tmp_path)
    try:
        german = QCoreApplication.translate
        assert problems(1, german) == "1 Problem wurde gefunden; es wurde nichts geändert."
        assert problems(3, german) == "Es wurden 3 Probleme gefunden; es wurde nichts geändert."
        assert messages.clock_text("restamped", count=2, translate=german).startswith(
            "2 Änderungen, die")
    finally:
        qapp.removeTranslator(translator)


def test_plural_takes_the_forms_of_any_language(qapp: QApplication, tmp_path: Path) -> None:
    """Polish has three forms (1 plik, 2 pliki, 5 plików): Qt's rules pick, not "one or many"."""
    ts_file = tmp_path / "pl.ts"
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="pl">'
        '<context><name>Words</name><message numerus="yes"><source>%n files</source>'
        '<translation><numerusform>%n plik</numerusform><numerusform>%n pliki</numerusform>'
        '<numerusform>%n plików</numerusform></translation></message></context></TS>',
        encoding="utf-8")
    qm_file = tmp_path / "pl.qm"
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm_file))
    qapp.installTranslator(translator)
    try:
        assert [QCoreApplication.translate("Words", "%n files", None, n) for n in (1, 2, 5, 22)] == [
            "1 plik", "2 pliki", "5 plików", "22 pliki"]
    finally:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("Words", "%n files", None, 2) == "2 files"


def test_a_laptop_hands_over_to_the_office_in_german_words(
        qtbot, qapp: QApplication, settings, office, laptop, tmp_path: Path) -> None:
    """"Gesendet an office" was the office's role code formatted into the sentence."""
    from beratungsdesk.services.cases import CaseService
    from beratungsdesk.services.handover import HandoverService
    from tests.conftest import PASSPHRASE

    CaseService(office).add_counselor("Aylin Demir", "AD")
    office_side = HandoverService(office)
    request_file, _code, _key = HandoverService(laptop).join(office_side.invite(tmp_path), tmp_path)
    request, _office_code = office_side.read_join_request(request_file)
    office_side.enroll(request, "Aylin Demir", tmp_path)
    HandoverService(laptop).run_folder(tmp_path)
    cases = CaseService(laptop)
    cases.open_case(cases.find_or_create_client("K-1"), "work")
    folder = laptop.folder
    office.close()
    laptop.close()
    settings.handover_folder = str(tmp_path)
    controller = AppController(qapp, folder, settings)
    controller.set_language("de")
    try:
        controller.start()
        controller.window.passphrase.setText(PASSPHRASE)
        controller.window.unlock()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
        main = controller.main
        main.show_page("handover")
        view = main.handover
        qtbot.waitUntil(lambda: view.state_label.text() != "", timeout=10_000)
        view.result.clear()
        view.run()
        qtbot.waitUntil(lambda: view.result.count() > 0 and view.run_button.isEnabled(), timeout=30_000)
        lines = [view.result.item(i).text() for i in range(view.result.count())]
        sent = [line for line in lines if line.startswith("Gesendet an")]
        assert sent and all(line.startswith("Gesendet an das Büro") for line in sent), lines
        for text in [*lines, view.state_label.text()]:
            assert not english_words(text), text
    finally:
        controller.set_language("en")
        controller.shutdown()
