"""A case open in the editor whose client or case is erased elsewhere (another page, the
retention rules, a handover): the editor notices, closes with a clear message, and a save
never writes into what is left (issue 14, "ghost case")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_editor import CaseEditor
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock
from tests.gui.modal import answer_box, when_modal

WAIT = 15_000


def _open_with_typing(qtbot, controller: AppController, code: str) -> tuple[MainWindow, CaseEditor, str, str]:
    main = unlock(qtbot, controller)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=WAIT)
    open_case_of(qtbot, main, code)
    editor = main.cases.editor
    editor.fields["summary"].setFocus()
    qtbot.waitUntil(editor.fields["summary"].hasFocus, timeout=WAIT)
    qtbot.keyClicks(editor.fields["summary"], " noch nicht gespeichert")
    assert editor.is_dirty()
    record = editor.record
    assert record is not None
    return main, editor, record.case.id, record.case.number or ""


def _closed_and_empty(main: MainWindow, editor: CaseEditor) -> bool:
    return (main.cases.currentWidget() is main.cases.list and editor.record is None
            and editor.fields["summary"].toPlainText() == "" and editor.fields["code"].text() == ""
            and editor.title.text() == "")


def _stored_case(folder: Path, case_id: str) -> tuple[bool, str | None, str | None]:
    with Store.open(folder, PASSPHRASE) as store:
        case = queries.load(store.conn, "case", case_id)
        return case.deleted, case.summary, case.status  # type: ignore[attr-defined]


def test_client_erased_on_the_clients_page_closes_the_open_case(
        qtbot, controller: AppController, filled_store: Path) -> None:
    main, editor, case_id, number = _open_with_typing(qtbot, controller, "K-0001")
    main.show_page("clients")
    clients = main.clients
    qtbot.waitUntil(lambda: clients.model.rowCount() == 3, timeout=WAIT)
    row = next(r for r in range(3) if clients.model.index(r, 0).data() == "K-0001")
    clients.table.selectRow(row)
    erase = answer_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(clients.erase_button, Qt.MouseButton.LeftButton)
    erase.check()  # the erasure now runs on the worker; its change notice follows
    told = when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Ok).click())
    # The editor heard the change notice: closed, emptied, and the counselor is told why.
    qtbot.waitUntil(lambda: told.done, timeout=WAIT)
    told.check()
    assert number in told.text and "erased" in told.text
    assert _closed_and_empty(main, editor)
    assert not editor.is_dirty() and not main.has_unsaved_work()
    controller.shutdown()
    deleted, summary, status = _stored_case(filled_store, case_id)
    assert deleted and summary is None and status is None


def test_saving_a_case_erased_meanwhile_writes_nothing_and_closes(
        qtbot, controller: AppController, filled_store: Path) -> None:
    main, editor, case_id, number = _open_with_typing(qtbot, controller, "K-0002")
    # The erasure runs before the save on the worker, and before its change notice arrives:
    # the save itself must notice (without it the tombstone fails as "status missing").
    controller.runner.call(lambda backend: backend.require().protection.erase_case(number))
    told = when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Ok).click())
    qtbot.keyClick(editor.fields["summary"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: told.done, timeout=WAIT)
    told.check()
    assert number in told.text
    assert _closed_and_empty(main, editor)
    assert all(message.text() == "" for message in editor.messages.values())
    assert editor.general.text() == ""
    controller.shutdown()
    deleted, summary, status = _stored_case(filled_store, case_id)
    assert deleted and summary is None and status is None


def test_case_erased_behind_another_page_is_told_in_the_status_bar(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0003")
    editor = main.cases.editor
    number = editor.record.case.number  # type: ignore[union-attr]
    main.show_page("statistics")  # the editor (unchanged) waits behind another page
    controller.runner.call(lambda backend: backend.require().protection.erase_case(number))
    qtbot.waitUntil(lambda: editor.record is None, timeout=WAIT)
    assert main.cases.currentWidget() is main.cases.list
    assert number in main.statusBar().currentMessage()
    assert QApplication.activeModalWidget() is None  # nothing was taken from anybody
