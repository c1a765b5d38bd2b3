"""No Alt+letter is taken twice in what is on screen at once (issue 14: Alt+V was both
"Verwerfen" and "Verursachende Stelle"). Every page, every tab and the dialogs are walked
offscreen in German, the language the counselors use.

Qt's mnemonics are window shortcuts of visible widgets: a button on a hidden tab or page
does not compete, so the check is per window, for each state of its pages and tabs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QPushButton,
    QTabBar,
    QTabWidget,
    QWidget,
)

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_list import NewCaseDialog
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.first_start import FirstStartWindow
from beratungsdesk.gui.handover_view import EnrollDialog
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.network_forms import PartnerForm, QuickRecordDialog, WorkshopForm
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.services.cases import CaseService
from tests.gui.conftest import open_case_of, unlock
from tests.integration.sync_helpers import counselor_id, enroll, handover

WAIT = 15_000
#: "&x" marks x; "&&" is a literal ampersand.
_MNEMONIC = re.compile(r"&(&|.)", re.DOTALL)


def mnemonic(text: str) -> str | None:
    for match in _MNEMONIC.finditer(text):
        if match.group(1) != "&":
            return match.group(1).lower()
    return None


def _texts(widget: QWidget) -> list[str]:
    """The texts of ``widget`` that can carry an Alt+letter."""
    if isinstance(widget, QAbstractButton):
        return [widget.text()]
    if isinstance(widget, QLabel):
        return [widget.text()] if widget.buddy() is not None else []
    if isinstance(widget, QGroupBox):
        return [widget.title()]
    if isinstance(widget, QTabBar):
        return [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
    return []


def taken_twice(window: QWidget) -> dict[str, list[str]]:
    """Alt+letter -> the texts that claim it, for letters claimed twice in the visible window."""
    found: dict[str, list[str]] = defaultdict(list)
    for widget in (window, *window.findChildren(QWidget)):
        if widget is not window and not widget.isVisibleTo(window):
            continue
        for text in _texts(widget):
            key = mnemonic(text)
            if key is not None:
                found[key].append(text)
    return {key: texts for key, texts in found.items() if len(texts) > 1}


def tab_states(window: QWidget) -> Iterator[str]:
    """Shows every tab of every (visible) tab widget once, nested ones included."""
    yield "as shown"
    seen: set[tuple[int, int]] = set()
    more = True
    while more:
        more = False
        for tabs in window.findChildren(QTabWidget):
            if not tabs.isVisibleTo(window):
                continue
            for index in range(tabs.count()):
                if (id(tabs), index) in seen:
                    continue
                seen.add((id(tabs), index))
                tabs.setCurrentIndex(index)
                more = True
                yield f"tab {tabs.tabText(index)!r}"


def _check(window: QWidget, where: str, problems: list[str]) -> None:
    for state in tab_states(window):
        for key, texts in taken_twice(window).items():
            problems.append(f"{where}, {state}: Alt+{key.upper()} in {texts}")


def _walk_main_window(qtbot, main: MainWindow, problems: list[str], code: str = "K-0001") -> None:
    for name in list(main._page_names):
        main.show_page(name)
        _check(main, f"page {name}", problems)
    main.show_page("cases")
    open_case_of(qtbot, main, code)
    _check(main, "case editor", problems)


def _german(qtbot, controller: AppController) -> MainWindow:
    controller.set_language("de")
    main = unlock(qtbot, controller)
    assert main.nav.item(0).text() == "Übersicht"
    return main


def test_no_alt_letter_twice_on_any_page_in_german(qtbot, controller: AppController) -> None:
    problems: list[str] = []
    try:
        main = _german(qtbot, controller)
        _walk_main_window(qtbot, main, problems)
    finally:
        controller.set_language("en")
    assert not problems, "\n".join(problems)


def test_no_alt_letter_twice_on_a_laptops_pages_in_german(qtbot, qapp, settings: AppSettings,
                                                          make_store, tmp_path: Path) -> None:
    """A counselor's laptop has its own settings and handover pages."""
    office, laptop = make_store("office"), make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    cases = CaseService(office)
    client = cases.find_or_create_client("K-0777")
    cases.open_case(client, "housing", counselor_id=counselor_id(laptop))
    handover(office_service, laptop_service, tmp_path)
    folder = laptop.folder
    laptop.close()
    controller = AppController(qapp, folder, settings)
    problems: list[str] = []
    try:
        main = _german(qtbot, controller)
        _walk_main_window(qtbot, main, problems, "K-0777")
    finally:
        controller.shutdown()
        controller.set_language("en")
    assert not problems, "\n".join(problems)


def test_no_alt_letter_twice_in_the_dialogs_in_german(qtbot, controller: AppController,
                                                      tmp_path: Path) -> None:
    problems: list[str] = []
    try:
        main = _german(qtbot, controller)
        open_case_of(qtbot, main, "K-0002")
        editor = main.cases.editor
        editor._fetch_letter_draft()
        qtbot.waitUntil(lambda: editor.letter_dialog is not None, timeout=WAIT)
        dialogs: list[tuple[str, QWidget]] = [
            ("new case", NewCaseDialog(controller.runner, main.labels, main)),
            ("letter", editor.letter_dialog),  # type: ignore[list-item]
            ("enroll", EnrollDialog("123-456", "Laptop Marta", main.labels, main)),
            ("quick workshop", QuickRecordDialog(controller.runner, WorkshopForm(), "Workshop", main)),
            ("quick partner", QuickRecordDialog(controller.runner, PartnerForm(), "Partner", main)),
            ("unlock", UnlockWindow(controller.runner, tmp_path / "store")),
            ("first start", FirstStartWindow(controller.runner, tmp_path / "new")),
        ]
        for where, dialog in dialogs:
            dialog.show()
            _check(dialog, where, problems)
            if isinstance(dialog, FirstStartWindow):
                for button in dialog.findChildren(QAbstractButton):  # its office and laptop forms
                    if button.isVisibleTo(dialog) and button.isCheckable():
                        button.click()
                        _check(dialog, f"{where} after {button.text()!r}", problems)
            dialog.close()
            dialog.deleteLater()
    finally:
        controller.set_language("en")
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_letter_taken_twice(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    first, second, hidden = QPushButton(window), QLabel(window), QLabel(window)
    first.setText("&Verwerfen")
    second.setText("&Verursachende Stelle:")
    second.setBuddy(first)
    hidden.setText("&Vorher:")
    hidden.setBuddy(first)
    hidden.hide()
    window.show()
    assert taken_twice(window) == {"v": ["&Verwerfen", "&Verursachende Stelle:"]}
    assert mnemonic("A && B") is None and mnemonic("Save a &copy") == "c"


def test_alt_letters_reach_their_fields_in_the_case_editor(qtbot, controller: AppController) -> None:
    """Alt+V was both "Verwerfen" and "Verursachende Stelle"; now each letter does one thing,
    and a label's letter puts the keyboard into its field."""
    try:
        main = _german(qtbot, controller)
        main.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT)
        open_case_of(qtbot, main, "K-0001")
        editor = main.cases.editor
        editor.fields["summary"].setFocus()
        qtbot.waitUntil(editor.fields["summary"].hasFocus, timeout=WAIT)
        qtbot.keyClicks(editor.fields["summary"], "Entwurf ")
        alt = Qt.KeyboardModifier.AltModifier
        fields = editor.fields
        for key, field in ((Qt.Key.Key_V, fields["respondent"]), (Qt.Key.Key_A, fields["closed_on"].edit),
                           (Qt.Key.Key_H, fields["summary"]), (Qt.Key.Key_R, fields["outcome"])):
            qtbot.keyClick(QApplication.focusWidget(), key, alt)
            qtbot.waitUntil(field.hasFocus, timeout=WAIT)
        assert editor.is_dirty()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_W, alt)  # Verwerfen
        qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=WAIT)
        assert editor.fields["summary"].toPlainText() == "Vorfall"
    finally:
        controller.set_language("en")
