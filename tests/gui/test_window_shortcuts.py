"""Ctrl+N (new case) and Ctrl+U (hand over now) work on every page and inside text fields
(issue 14): real key presses into the focused field, the command's window or result as proof."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_list import NewCaseDialog
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock
from tests.gui.modal import when_modal

WAIT = 15_000
CTRL = Qt.KeyboardModifier.ControlModifier


class _GreedyField(QLineEdit):
    """A text field that claims every Ctrl combination, as platform key bindings make some
    fields do (Ctrl+U deletes the line on X11 desktops)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.accept()
            return True
        return super().event(event)


def _active(qtbot, main: MainWindow) -> None:
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT)


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT)


def _ctrl_n_opens_the_new_case_dialog(qtbot, field: QWidget) -> None:
    _focus(qtbot, field)
    shown = when_modal(NewCaseDialog, lambda dialog: dialog.reject())
    qtbot.keyClick(field, Qt.Key.Key_N, CTRL)  # returns once the dialog was answered
    shown.check()


def _text_field_of(page: QWidget) -> QWidget:
    return next(field for field in page.findChildren(QLineEdit)
                if field.isVisibleTo(page) and field.isEnabled() and not field.isReadOnly())


@pytest.mark.parametrize("page", ["outreach", "clients", "statistics", "network", "settings"])
def test_ctrl_n_works_on_every_page_inside_a_text_field(qtbot, controller: AppController, page: str) -> None:
    main = unlock(qtbot, controller)
    _active(qtbot, main)
    main.show_page(page)
    _ctrl_n_opens_the_new_case_dialog(qtbot, _text_field_of(main.pages.currentWidget()))
    assert main.current_page() == "cases"


def test_ctrl_n_in_the_case_editor_and_in_a_field_that_claims_the_key(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    _active(qtbot, main)
    open_case_of(qtbot, main, "K-0001")
    editor = main.cases.editor
    _ctrl_n_opens_the_new_case_dialog(qtbot, editor.fields["summary"])
    assert main.cases.currentWidget() is editor  # cancelled: the open case stays
    greedy = _GreedyField(main.settings_view)
    main.show_page("settings")
    greedy.show()
    _active(qtbot, main)  # back from the dialog
    _ctrl_n_opens_the_new_case_dialog(qtbot, greedy)


def test_ctrl_u_in_the_case_editor_saves_and_hands_over(
        qtbot, controller: AppController, settings: AppSettings, filled_store: Path,
        tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    settings.handover_folder = str(folder)
    main = unlock(qtbot, controller)
    _active(qtbot, main)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    _focus(qtbot, editor.fields["summary"])
    qtbot.keyClick(editor.fields["summary"], Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor.fields["summary"], " mit Zeugen")
    handover = main.handover
    with qtbot.waitSignal(handover.handed_over, timeout=WAIT):
        qtbot.keyClick(editor.fields["summary"], Qt.Key.Key_U, CTRL)
    assert main.current_page() == "handover"
    assert handover.result.count() > 0
    assert not editor.is_dirty()  # saved first, so that it travels too
    case_id = editor.record.case.id  # type: ignore[union-attr]
    # From a field that claims the key, on another page, too.
    greedy = _GreedyField(main.settings_view)
    main.show_page("settings")
    greedy.show()
    _focus(qtbot, greedy)
    with qtbot.waitSignal(handover.handed_over, timeout=WAIT):
        qtbot.keyClick(greedy, Qt.Key.Key_U, CTRL)
    controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:
        assert CaseService(store).record(case_id).case.summary == "Vorfall mit Zeugen"
