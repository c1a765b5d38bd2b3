"""Unlock, lock on demand and after inactivity: views cleared, temp files wiped."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.first_start import FirstStartWindow
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.services.demo import DEMO_CASES
from beratungsdesk.services.session import Session
from beratungsdesk.storage import keys
from beratungsdesk.storage.store import THROTTLE_NAME, Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock


def _open_document(qtbot, main: MainWindow, tmp_path: Path) -> Path:
    """Add a document to the first case and write its temp copy (as "Open" does)."""
    editor = main.cases.editor
    main.cases.open_case(main.cases.list.model.case_id(0))
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    source = tmp_path / "Bescheid.pdf"
    source.write_bytes(b"%PDF-1.4 private letter")
    case_id = editor.record.case.id
    opened: list[Path] = []

    def job(backend) -> Path:
        session = backend.require()
        attachment = session.cases.add_attachment_file(case_id, source)
        return session.cases.open_attachment(attachment)

    main.runner.call(job, opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    return opened[0]


def test_wrong_passphrase_is_refused_calmly(qtbot, controller: AppController) -> None:
    controller.start()
    window = controller.window
    assert isinstance(window, UnlockWindow)
    window.passphrase.setText("not the passphrase")
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.message.isVisibleTo(window), timeout=10_000)
    assert window.message.text() == "The passphrase is wrong."
    assert controller.main is None
    assert window.passphrase.isEnabled()


def test_repeated_wrong_passphrases_show_the_wait_and_keep_the_button_disabled(
        qtbot, controller: AppController) -> None:
    controller.start()
    window = controller.window
    assert isinstance(window, UnlockWindow)
    for attempt in range(keys.FREE_ATTEMPTS):
        qtbot.waitUntil(window.unlock_button.isEnabled, timeout=10_000)
        window.passphrase.setText(f"not the passphrase {attempt}")
        qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.message.isVisibleTo(window), timeout=10_000)
    # The next attempt is owed a wait of 1 s: said plainly, counted down, button disabled.
    qtbot.waitUntil(lambda: window.waiting, timeout=10_000)
    assert window.message.text() == "Too many wrong passphrases: please wait 1 second."
    assert not window.unlock_button.isEnabled() and not window.passphrase.isEnabled()
    window.unlock()  # ignored while waiting
    assert controller.main is None
    # The GUI thread keeps running (qtbot processes events) until the wait is over.
    qtbot.waitUntil(window.unlock_button.isEnabled, timeout=10_000)
    assert window.message.text() == "You can try again now."
    assert window.passphrase.isEnabled()
    # The wait was already served: the right passphrase now opens without a second pause.
    main = unlock(qtbot, controller)
    assert main.cases.list.model.rowCount() == 3


def test_the_unlock_window_shows_a_wait_owed_when_it_opens(qtbot, controller: AppController,
                                                            filled_store: Path) -> None:
    throttle = keys.UnlockThrottle(filled_store / THROTTLE_NAME)
    for _ in range(keys.FREE_ATTEMPTS + 2):  # the next attempt owes 4 s
        throttle.record_failure()
    controller.start()
    window = controller.window
    assert isinstance(window, UnlockWindow)
    qtbot.waitUntil(lambda: window.waiting, timeout=10_000)
    assert window.message.text() == "Too many wrong passphrases: please wait 4 seconds."
    assert not window.unlock_button.isEnabled()


def test_lock_on_ctrl_l_clears_views_and_wipes_opened_documents(
        qtbot, controller: AppController, tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    temp_copy = _open_document(qtbot, main, tmp_path)
    assert temp_copy.read_bytes() == b"%PDF-1.4 private letter"
    assert "Bescheid" not in temp_copy.name  # names of temp files reveal nothing
    qtbot.keyClick(main, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    # Locking is synchronous on the GUI side: the old window is emptied before it goes.
    assert controller.main is None
    assert main.cases.list.model.rowCount() == 0
    assert main.cases.editor.record is None and main.cases.editor.fields["code"].text() == ""
    assert isinstance(controller.window, UnlockWindow)
    qtbot.waitUntil(lambda: not shiboken6.isValid(main), timeout=10_000)
    qtbot.waitUntil(lambda: not temp_copy.exists(), timeout=10_000)
    # Unlocking again shows the data again.
    main_again = unlock(qtbot, controller)
    assert main_again is not main
    assert main_again.cases.list.model.rowCount() == 3


def test_long_lived_objects_are_frozen_once_the_window_is_complete_and_thawed_on_lock(
        qtbot, controller: AppController) -> None:
    """gc.freeze keeps full collections (holding the GIL) from stalling the
    GUI; the window's objects go back to the collector when it is locked away."""
    gc.unfreeze()
    main = unlock(qtbot, controller)
    names = list(main._page_names)
    qtbot.waitUntil(lambda: all(main.built(name) is not None for name in names)
                    and main.cases.built_editor() is not None, timeout=10_000)
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=10_000)
    main.lock_button.click()
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10_000)
    assert gc.get_freeze_count() == 0


def test_inactivity_locks_clears_the_widgets_and_says_that_unsaved_input_was_kept(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.show_page("outreach")
    main.outreach.client.setText("K-0999")  # typed but not saved
    cleared: list[str] = []
    controller.inactivity.timer.timeout.connect(lambda: cleared.append(main.outreach.client.text()))
    controller.inactivity.timer.setInterval(200)
    controller.inactivity.timer.start()
    qtbot.waitUntil(lambda: isinstance(controller.window, UnlockWindow), timeout=10_000)
    window = controller.window
    assert "kept" in window.message.text() and "discarded" not in window.message.text()
    assert cleared == [""]  # read right after the lock ran: nothing stays in the widgets


def test_activity_postpones_the_automatic_lock(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    timer = controller.inactivity.timer
    timer.setInterval(60_000)
    timer.start()
    # Once a second of the interval has passed, a key press starts it again from the top.
    qtbot.waitUntil(lambda: 0 <= timer.remainingTime() < 59_000, timeout=10_000)
    left_before = timer.remainingTime()
    qtbot.keyClick(main.cases.list.search, Qt.Key.Key_A)
    assert timer.remainingTime() > left_before
    assert controller.main is main
    timer.setInterval(300)  # without input, the lock comes
    timer.start()
    qtbot.waitUntil(lambda: controller.main is None, timeout=10_000)


def test_first_start_creates_the_office_store(qtbot, qapp: QApplication, settings, tmp_path: Path) -> None:
    folder = tmp_path / "new-store"
    controller = AppController(qapp, folder, settings)
    try:
        controller.start()
        window = controller.window
        assert isinstance(window, FirstStartWindow)
        window.create_button.click()
        window.name.setText("Beratungsstelle Kreis Mettmann")
        window.new_passphrase.first.setText("kurz")
        window.new_passphrase.second.setText("kurz")
        window.understood.setChecked(True)
        window.create_store()
        assert "at least 10" in window.new_passphrase.message.text()
        assert not (folder / "store.key").exists()
        window.new_passphrase.first.setText("a" * 20)  # long enough, but guessed at once
        window.new_passphrase.second.setText("a" * 20)
        assert window.new_passphrase.strength.value() == 1
        window.create_store()
        assert "too easy to guess" in window.new_passphrase.message.text()
        assert not (folder / "store.key").exists()
        phrase = "drei Wörter reichen nicht ganz"
        window.new_passphrase.first.setText(phrase)
        window.new_passphrase.second.setText(phrase)
        window.create_store()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=20_000)
        assert controller.main.info.name == "Beratungsstelle Kreis Mettmann"
    finally:
        controller.shutdown()
    with Store.open(folder, phrase) as store:
        assert store.role == "office"


def test_session_close_wipes_the_temp_folder(make_store) -> None:
    store = make_store("office", "office")
    session = Session(store)
    path = session.temp.write(b"content", ".pdf")
    assert path.exists()
    if os.name != "nt":  # Windows: an access list (tests/unit/platform/test_permissions.py)
        assert oct(path.stat().st_mode & 0o777) == "0o600"
    session.close()
    assert not path.exists()
    assert store.conn is None
    # A fresh store object for the fixture's teardown is not needed: it checks conn.
    Store.open(store.folder, PASSPHRASE).close()


def test_first_start_can_create_a_demo_store_beside_the_real_one(
        qtbot, qapp: QApplication, settings, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    controller = AppController(qapp, folder, settings)
    try:
        controller.start()
        window = controller.window
        assert isinstance(window, FirstStartWindow)
        window.demo_button.click()
        phrase = "nur zum Ausprobieren gedacht"
        window.new_passphrase.first.setText(phrase)
        window.new_passphrase.second.setText(phrase)
        window.understood.setChecked(True)
        window.create_store()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=60_000)
        main = controller.main
        qtbot.waitUntil(lambda: main.cases.list.model.rowCount() == DEMO_CASES, timeout=20_000)
    finally:
        controller.shutdown()
    assert not folder.exists()  # the real store's folder stays untouched
    assert (tmp_path / "data-demo" / "store.key").exists()


def test_leftovers_of_a_crashed_run_are_wiped_but_not_those_of_a_running_one(tmp_path: Path) -> None:
    import subprocess
    import sys

    from beratungsdesk.services.session import PrivateTempFolder

    crashed = tmp_path / "s-999999999-abc"  # no such process
    crashed.mkdir()
    (crashed / "x.pdf").write_bytes(b"secret")
    # A process that runs until we close its input (it stands for another running app).
    other = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        running = tmp_path / f"s-{other.pid}-def"
        running.mkdir()
        (running / "y.pdf").write_bytes(b"in use")
        folder = PrivateTempFolder(tmp_path)
        folder.wipe_leftovers()
        assert not crashed.exists()
        assert (running / "y.pdf").read_bytes() == b"in use"
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait()


def test_an_unexpected_error_in_a_job_reaches_the_caller_without_its_text_in_the_log(
        qtbot, caplog) -> None:
    from beratungsdesk.core.errors import BeratungsError
    from beratungsdesk.gui.worker import Runner

    runner = Runner()
    failures: list[BeratungsError] = []

    def job(_backend) -> None:
        raise KeyError("Ayşe Yılmaz")  # imagine a value from a record

    try:
        runner.call(job, None, failures.append)
        qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    finally:
        runner.shutdown()
    assert failures[0].code == "error"
    assert "Yılmaz" not in caplog.text
    assert "KeyError" in caplog.text
