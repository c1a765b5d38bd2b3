"""The first start: a laptop is set up only with a valid invitation, and the forms never squash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.first_start import FirstStartWindow
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.services.session import Session
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.errors import SyncError

PHRASE = "ein langer Satz fuer den Laptop"  # keyClicks types ASCII only


def _wizard(qtbot, controller: AppController) -> FirstStartWindow:
    controller.start()
    window = controller.window
    assert isinstance(window, FirstStartWindow)
    qtbot.waitExposed(window)
    return window


def _type_laptop_form(qtbot, window: FirstStartWindow, name: str) -> None:
    """Name, passphrase twice and the check box, by keyboard; Enter in the last field creates."""
    window.activateWindow()
    window.name.setFocus()
    qtbot.waitUntil(window.name.hasFocus)
    qtbot.keyClicks(window.name, name)
    qtbot.keyClick(window.name, Qt.Key.Key_Return)
    assert window.new_passphrase.first.hasFocus()
    qtbot.keyClicks(window.new_passphrase.first, PHRASE)
    qtbot.keyClick(window.new_passphrase.first, Qt.Key.Key_Return)
    assert window.new_passphrase.second.hasFocus()
    qtbot.keyClicks(window.new_passphrase.second, PHRASE)
    window.understood.setFocus()
    qtbot.keyClick(window.understood, Qt.Key.Key_Space)
    assert window.understood.isChecked()
    window.new_passphrase.second.setFocus()
    qtbot.keyClick(window.new_passphrase.second, Qt.Key.Key_Return)


def test_a_wrong_file_as_invitation_creates_nothing(qtbot, qapp: QApplication, settings,
                                                     tmp_path: Path) -> None:
    not_an_invitation = tmp_path / "Urlaubsfoto.jpg"
    not_an_invitation.write_bytes(b"\xff\xd8\xff\xe0 not an invitation")
    folder = tmp_path / "laptop-data"
    controller = AppController(qapp, folder, settings)
    try:
        window = _wizard(qtbot, controller)
        window.start_laptop(not_an_invitation)
        assert window.pages.currentIndex() == 0  # refused at once, on the choice page
        assert "invitation" in window.choice_message.text()
        assert not folder.exists()
    finally:
        controller.shutdown()


def test_a_join_that_fails_leaves_no_store_and_the_next_try_works(
        qtbot, qapp: QApplication, settings, office: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    invitation = HandoverService(office).invite(stick)
    valid = invitation.read_bytes()
    folder = tmp_path / "laptop-data"
    controller = AppController(qapp, folder, settings)
    try:
        window = _wizard(qtbot, controller)
        window.start_laptop(invitation)
        assert window.pages.currentIndex() == 1
        invitation.write_bytes(b"{}")  # the file changes after it was chosen (another stick)
        _type_laptop_form(qtbot, window, "Laptop Marta")
        qtbot.waitUntil(lambda: window.create_message.text() != "", timeout=30_000)
        assert "invitation" in window.create_message.text()
        assert not folder.exists()  # no store without an office behind: no dead end
        assert sorted(p.name for p in stick.iterdir()) == [invitation.name]  # no join request

        invitation.write_bytes(valid)
        window.create_store()  # the form kept its input: the same button again
        qtbot.waitUntil(lambda: window.pages.currentIndex() == 2, timeout=30_000)
        requests = [p for p in stick.iterdir() if p != invitation]
        assert len(requests) == 1
        _request, code = HandoverService(office).read_join_request(requests[0])
        assert window.code.text() == code
    finally:
        controller.shutdown()


def test_creating_a_laptop_keeps_what_the_folder_held_before(office: Store, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "notiz.txt").write_text("schon da", encoding="utf-8")
    wrong = tmp_path / "wrong.inv"
    wrong.write_text("{}", encoding="utf-8")
    try:
        Session.create_laptop(folder, PHRASE, "Laptop", wrong, tmp_path, kdf_seconds=0.0)
    except SyncError as error:
        assert error.code == "invitation_invalid"
    else:
        raise AssertionError("a wrong invitation was taken")
    assert [p.name for p in folder.iterdir()] == ["notiz.txt"]

    # The invitation is valid but joining fails (the request cannot be written: a file
    # stands where its folder should be): the new store goes again, what was there stays.
    invitation = HandoverService(office).invite(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    try:
        Session.create_laptop(folder, PHRASE, "Laptop", invitation, blocked, kdf_seconds=0.0)
    except Exception:
        pass
    else:
        raise AssertionError("the join request was written into a file")
    assert [p.name for p in folder.iterdir()] == ["notiz.txt"]


def _squashed(form: QWidget) -> list[str]:
    """Line edits shown lower than they need (the bug made them about 10 px high)."""
    from PySide6.QtWidgets import QLineEdit

    return [field.accessibleName() for field in form.findChildren(QLineEdit)
            if field.isVisible() and field.height() < field.minimumSizeHint().height()]


def test_the_forms_grow_with_their_content(qtbot, qapp: QApplication, settings, office: Store,
                                           tmp_path: Path) -> None:
    invitation = HandoverService(office).invite(tmp_path)
    controller = AppController(qapp, tmp_path / "data", settings)
    try:
        window = _wizard(qtbot, controller)
        window.start_laptop(invitation)  # the laptop form: the longest page
        qtbot.waitUntil(lambda: not _squashed(window.pages.currentWidget()))
        window.name.setText("Laptop")
        window.new_passphrase.first.setText("kurz")
        window.create_store()  # an error shows under the fields
        window.create_message.show_text("A second message line.\nAnd a third.")
        assert window.new_passphrase.message.isVisible()
        qtbot.waitUntil(lambda: not _squashed(window.pages.currentWidget()))
        assert window.new_passphrase.first.height() >= 18

        window.pages.setCurrentIndex(0)
        window.create_button.click()  # the office form, once an error shows
        window.name.clear()
        window.create_store()
        assert window.name_message.isVisible()
        qtbot.waitUntil(lambda: not _squashed(window.pages.currentWidget()))
    finally:
        controller.shutdown()


def test_a_laptop_that_sent_its_request_waits_for_the_office(
        qtbot, qapp: QApplication, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    from tests.conftest import PASSPHRASE

    HandoverService(laptop).join(HandoverService(office).invite(tmp_path), tmp_path)
    folder = laptop.folder
    laptop.close()
    controller = AppController(qapp, folder, settings)
    try:
        controller.start()
        controller.window.passphrase.setText(PASSPHRASE)
        controller.window.unlock()
        qtbot.waitUntil(lambda: controller.main is not None, timeout=10_000)
        main = controller.main
        main.show_page("handover")
        view = main.handover
        qtbot.waitUntil(lambda: "Waiting for the office" in view.state_label.text(), timeout=10_000)
        assert "join the office with its invitation" not in view.state_label.text()
        assert view.join_button.text() == "&Write a new join request…"
    finally:
        controller.shutdown()
