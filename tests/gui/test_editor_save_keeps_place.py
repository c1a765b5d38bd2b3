"""Ctrl+S keeps where the counselor is: cursor, selection and scroll position stay, and
typing goes on where it stopped (issue 14)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_editor import CaseEditor
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock

WAIT = 15_000
CTRL = Qt.KeyboardModifier.ControlModifier


def _editor(qtbot, controller: AppController) -> CaseEditor:
    main = unlock(qtbot, controller)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT)
    open_case_of(qtbot, main, "K-0001")
    return main.cases.editor


def _type_into(qtbot, field: QPlainTextEdit, text: str) -> None:
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT)
    qtbot.keyClick(field, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(field, text)


def _save_with_ctrl_s(qtbot, editor: CaseEditor, field: QWidget) -> None:
    saved: list[str] = []
    editor.saved.connect(saved.append)
    qtbot.keyClick(field, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    editor.saved.disconnect(saved.append)


def _stored(folder: Path, case_id: str) -> tuple[str | None, str | None]:
    with Store.open(folder, PASSPHRASE) as store:
        case = CaseService(store).record(case_id).case
    return case.summary, case.outcome


def test_typing_goes_on_where_it_stopped_after_ctrl_s(qtbot, controller: AppController,
                                                      filled_store: Path) -> None:
    editor = _editor(qtbot, controller)
    for field in (editor.fields["summary"], editor.fields["outcome"]):
        _type_into(qtbot, field, " am Bahnhof.")
        _save_with_ctrl_s(qtbot, editor, field)
        assert field.hasFocus()
        assert field.textCursor().position() == len(field.toPlainText())  # not at the start
        qtbot.keyClicks(field, " Zeugin")
    assert editor.fields["summary"].toPlainText() == "Vorfall am Bahnhof. Zeugin"
    assert editor.fields["outcome"].toPlainText() == " am Bahnhof. Zeugin"  # the typed space stays too
    assert editor.is_dirty()  # typed after the last save: unsaved, not lost
    _save_with_ctrl_s(qtbot, editor, editor.fields["outcome"])
    case_id = editor.record.case.id  # type: ignore[union-attr]
    controller.shutdown()
    assert _stored(filled_store, case_id) == ("Vorfall am Bahnhof. Zeugin", "am Bahnhof. Zeugin")


def test_selection_and_scroll_position_survive_a_save(qtbot, controller: AppController) -> None:
    editor = _editor(qtbot, controller)
    field = editor.fields["outcome"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT)
    for line in range(60):
        qtbot.keyClicks(field, f"Zeile {line}")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    cursor = field.textCursor()  # select "Zeile 30" in the middle of the text
    start = field.toPlainText().index("Zeile 30")
    cursor.setPosition(start)
    cursor.setPosition(start + len("Zeile 30"), QTextCursor.MoveMode.KeepAnchor)
    field.setTextCursor(cursor)
    field.centerCursor()
    scroll = field.verticalScrollBar().value()
    assert scroll > 0
    _save_with_ctrl_s(qtbot, editor, field)
    assert not editor.is_dirty()
    assert field.textCursor().selectedText() == "Zeile 30"
    assert field.verticalScrollBar().value() == scroll
    # The one-line fields and the lists of codes keep their place as well.
    editor.tabs.setCurrentIndex(1)
    name = editor.fields["name"]
    name.setFocus()
    qtbot.waitUntil(name.hasFocus, timeout=WAIT)
    qtbot.keyClick(name, Qt.Key.Key_Home)
    qtbot.keyClicks(name, "Dr. ")
    assert name.cursorPosition() == 4
    _save_with_ctrl_s(qtbot, editor, name)
    assert not editor.is_dirty()
    assert name.text() == "Dr. Name K-0001" and name.cursorPosition() == 4


def test_input_typed_while_the_save_runs_is_kept(qtbot, controller: AppController) -> None:
    editor = _editor(qtbot, controller)
    field = editor.fields["summary"]
    _type_into(qtbot, field, " eins")
    qtbot.keyClick(field, Qt.Key.Key_S, CTRL)
    qtbot.keyClicks(field, " zwei")  # at once, before or while the worker saves
    qtbot.waitUntil(lambda: editor.state.text() == editor.tr("Unsaved changes")
                    and not editor._saving, timeout=WAIT)
    assert field.toPlainText() == "Vorfall eins zwei"
    assert field.textCursor().position() == len("Vorfall eins zwei")
    assert editor.is_dirty()
