"""Locking never loses what was typed (issue 14): the input is kept as an encrypted draft in
the store and offered back after unlocking, for the automatic lock and for Ctrl+L."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock

#: The idle timeout the tests inject: long enough to type, short enough to wait for.
IDLE_MS = 1500
SUMMARY_ADDITION = " Nachtrag Zeugin Frau Oeztuerk"  # QTest types ASCII only
NOTE = "Klientin ruft zurueck wegen Termin"


@pytest.fixture
def idle_controller(qapp: QApplication, settings: AppSettings, filled_store: Path) -> Iterator[AppController]:
    """The app with the idle timeout injected (the real one is minutes)."""
    ctl = AppController(qapp, filled_store, settings, idle_timeout_ms=IDLE_MS)
    yield ctl
    ctl.shutdown()
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.cases.editor.discard()
        window.close()
        window.deleteLater()
    QApplication.processEvents()


def _drafts(qtbot, main: MainWindow) -> dict:
    found: list[dict] = []
    main.runner.call(lambda backend: backend.require().drafts.load(), found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    return found[0]


def _type_into_case(qtbot, main: MainWindow) -> None:
    open_case_of(qtbot, main, "K-0001")
    editor = main.cases.editor
    editor.tabs.setCurrentIndex(0)
    editor.summary.setFocus()
    editor.summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.summary, SUMMARY_ADDITION)
    editor.tabs.setCurrentIndex(4)
    editor.note_text.setFocus()
    qtbot.keyClicks(editor.note_text, NOTE)


def _store_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


def test_the_automatic_lock_keeps_typed_case_text_and_gives_it_back_after_unlocking(
        qtbot, idle_controller: AppController, filled_store: Path, tmp_path: Path) -> None:
    main = unlock(qtbot, idle_controller)
    _type_into_case(qtbot, main)
    # Nobody types for the idle timeout (a counselor listening): the program locks itself.
    qtbot.waitUntil(lambda: isinstance(idle_controller.window, UnlockWindow), timeout=20_000)
    window = idle_controller.window
    assert "kept" in window.message.text() and "discarded" not in window.message.text()
    qtbot.waitUntil(lambda: not idle_controller.runner.busy, timeout=10_000)  # the store is closed
    # Kept encrypted: neither the store's files nor the settings hold the text in the clear.
    for secret in ("Nachtrag", "Oeztuerk", "Termin"):
        assert secret.encode() not in _store_bytes(filled_store)
        assert secret.encode() not in (tmp_path / "settings.ini").read_bytes()

    main = unlock(qtbot, idle_controller)
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.summary.toPlainText().endswith(SUMMARY_ADDITION), timeout=10_000)
    assert editor.note_text.toPlainText() == NOTE
    assert main.draft_banner.isVisible()
    assert "not saved yet" in main.draft_banner.text.text()
    assert editor.state.text() == "Unsaved changes"
    # Saving works and settles the draft.
    qtbot.mouseClick(editor.add_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.note_text.toPlainText() == "", timeout=10_000)
    qtbot.keyClick(editor.summary, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.state.text() == "Saved", timeout=10_000)
    qtbot.waitUntil(lambda: _drafts(qtbot, main) == {}, timeout=10_000)
    assert not main.draft_banner.isVisible()
    idle_controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:
        record = CaseService(store).record_by_number(editor_number(store))
        assert record.case.summary == "Vorfall" + SUMMARY_ADDITION
        assert [note.text for note in record.notes] == [NOTE]


def editor_number(store: Store) -> str:
    """The number of client K-0001's case."""
    row = store.conn.execute("SELECT cases.number FROM cases JOIN clients ON clients.id = cases.client_id "
                             "WHERE clients.code = 'K-0001'").fetchone()
    return row[0]


def test_ctrl_l_keeps_the_outreach_entry_and_discarding_it_removes_the_draft(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.show_page("outreach")
    outreach = main.outreach
    outreach.client.setFocus()
    qtbot.keyClicks(outreach.client, "K-0777")
    qtbot.keyClicks(outreach.language, "Tigrinya")
    qtbot.keyClick(outreach.client, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert controller.main is None  # no question asked: the entry is kept, not lost
    assert isinstance(controller.window, UnlockWindow)
    assert "kept" in controller.window.message.text()

    main = unlock(qtbot, controller)
    qtbot.waitUntil(lambda: main.built("outreach") is not None
                    and main.outreach.client.text() == "K-0777", timeout=10_000)
    assert main.outreach.language.text() == "Tigrinya"
    assert main.current_page() == "outreach"
    assert main.draft_banner.isVisible()
    assert set(_drafts(qtbot, main)) == {"outreach"}  # kept until saved or discarded
    qtbot.mouseClick(main.draft_banner.discard_button, Qt.MouseButton.LeftButton)
    assert main.outreach.client.text() == ""
    qtbot.waitUntil(lambda: _drafts(qtbot, main) == {}, timeout=10_000)


def test_a_draft_survives_closing_the_program_while_locked(
        qtbot, qapp: QApplication, settings: AppSettings, controller: AppController,
        filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.show_page("network")
    network = main.network
    qtbot.waitUntil(lambda: network.workshops.form.record is None, timeout=10_000)
    form = network.workshops.form
    form.organisation.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClicks(form.organisation, "Realschule am Park")  # type: ignore[attr-defined]
    main.lock_button.click()
    qtbot.waitUntil(lambda: not controller.runner.busy, timeout=10_000)
    controller.shutdown()  # the program ends while locked

    again = AppController(qapp, filled_store, settings)
    try:
        main = unlock(qtbot, again)
        qtbot.waitUntil(lambda: main.built("network") is not None
                        and main.network.workshops.form.organisation.text() == "Realschule am Park",
                        timeout=10_000)
        assert main.current_page() == "network"
        assert main.draft_banner.isVisible()
        # Keeping dismisses the note; the draft stays until the input is saved or discarded.
        qtbot.mouseClick(main.draft_banner.keep_button, Qt.MouseButton.LeftButton)
        assert not main.draft_banner.isVisible()
        assert set(_drafts(qtbot, main)) == {"network"}
    finally:
        again.shutdown()


def test_the_complaint_letter_being_edited_comes_back_after_the_lock(
        qtbot, idle_controller: AppController) -> None:
    controller = idle_controller
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    editor.open_letter()
    qtbot.waitUntil(lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible(),
                    timeout=10_000)
    body = editor.letter_dialog.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(body, " Wir bitten um Stellungnahme bis Freitag.")
    expected = body.toPlainText()
    qtbot.waitUntil(lambda: controller.main is None, timeout=20_000)  # locked after the idle time

    main = unlock(qtbot, controller)
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible(),
                    timeout=10_000)
    assert editor.letter_dialog.body.toPlainText() == expected
    editor.letter_dialog.close()


def test_a_changed_prevention_record_comes_back_as_the_record_with_the_change(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    added: list[object] = []
    main.runner.call(lambda backend: backend.require().network.add_workshop(
        "empowerment", dt.date(2026, 3, 2), organisation="Gesamtschule Nord", participants=20),
        added.append)
    qtbot.waitUntil(lambda: bool(added), timeout=10_000)
    main.show_page("network")
    tab = main.network.workshops
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.form.record is not None, timeout=10_000)
    tab.form.organisation.setFocus()  # type: ignore[attr-defined]
    tab.form.organisation.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(tab.form.organisation, "Gesamtschule Sued")  # type: ignore[attr-defined]
    main.lock_button.click()

    main = unlock(qtbot, controller)
    qtbot.waitUntil(lambda: main.built("network") is not None
                    and main.network.workshops.form.record is not None
                    and main.network.workshops.form.organisation.text() == "Gesamtschule Sued",
                    timeout=10_000)
    tab = main.network.workshops
    assert tab.form.record.id == added[0].id  # type: ignore[attr-defined]
    assert tab.state.text() == "Unsaved changes"
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _drafts(qtbot, main) == {}, timeout=10_000)


def test_a_running_session_timer_runs_on_through_the_lock(qtbot, controller: AppController) -> None:
    """The conversation goes on while the program is locked; its timer must too."""
    main = unlock(qtbot, controller)
    main.show_page("outreach")
    timer = main.outreach.timer
    qtbot.mouseClick(timer.button, Qt.MouseButton.LeftButton)
    assert timer.running
    main.lock_button.click()

    main = unlock(qtbot, controller)
    qtbot.waitUntil(lambda: main.built("outreach") is not None and main.outreach.timer.running,
                    timeout=10_000)
    assert main.outreach.timer.button.text() == "Stop &session"
    assert main.draft_banner.isVisible()
