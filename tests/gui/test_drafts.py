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

#: The idle timeout the tests switch to once their typing is done (the real one is minutes).
IDLE_MS = 1500
SUMMARY_ADDITION = " Nachtrag Zeugin Frau Oeztuerk"  # QTest types ASCII only
NOTE = "Klientin ruft zurueck wegen Termin"


@pytest.fixture
def idle_controller(qapp: QApplication, settings: AppSettings, filled_store: Path) -> Iterator[AppController]:
    """The app with its real idle timeout (minutes): a test shortens it with :func:`_idle_until_locked`."""
    ctl = AppController(qapp, filled_store, settings)
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
    editor.fields["summary"].setFocus()
    editor.fields["summary"].moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.fields["summary"], SUMMARY_ADDITION)
    editor.tabs.setCurrentIndex(4)
    editor.notes.text.setFocus()
    qtbot.keyClicks(editor.notes.text, NOTE)


def _idle_until_locked(qtbot, controller: AppController) -> None:
    """Nobody types for the idle timeout (a counselor listening): the program locks itself.

    The short timeout holds only from here until the lock. Injected from the start, it
    would lock a loaded machine while a test step is still loading or typing.
    """
    controller.inactivity.interval_ms = IDLE_MS
    controller.inactivity.set_minutes(controller.settings.auto_lock_minutes)  # restarts the timer
    qtbot.waitUntil(lambda: controller.main is None, timeout=20_000)
    controller.inactivity.interval_ms = None
    controller.inactivity.set_minutes(controller.settings.auto_lock_minutes)


def _store_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file())


def test_the_automatic_lock_keeps_typed_case_text_and_gives_it_back_after_unlocking(
        qtbot, idle_controller: AppController, filled_store: Path, tmp_path: Path) -> None:
    main = unlock(qtbot, idle_controller)
    _type_into_case(qtbot, main)
    _idle_until_locked(qtbot, idle_controller)
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
    qtbot.waitUntil(lambda: editor.fields["summary"].toPlainText().endswith(SUMMARY_ADDITION), timeout=10_000)
    assert editor.notes.text.toPlainText() == NOTE
    assert main.draft_banner.isVisible()
    assert "not saved yet" in main.draft_banner.text.text()
    assert editor.state.text() == "Unsaved changes"
    # Saving works and settles the draft.
    qtbot.mouseClick(editor.notes.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.notes.text.toPlainText() == "", timeout=10_000)
    qtbot.keyClick(editor.fields["summary"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
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
    _idle_until_locked(qtbot, controller)

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
