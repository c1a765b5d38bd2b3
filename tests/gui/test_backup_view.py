"""The office page's Backup tab on a real office store: the warning without a folder, a folder
chosen, "Back up now" writes and checks a backup, a damaged one is shown as damaged, and a
backup written when the program locks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.storage import backup_file
from tests.gui.conftest import unlock

WAIT = 15_000


def _backup_tab(qtbot, main: MainWindow):
    assert main.office is not None
    main.show_page("office")
    tab = main.office.backups
    main.office.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.isVisible, timeout=WAIT)
    return tab


def test_back_up_now_check_and_damage(qtbot, controller: AppController, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    main = unlock(qtbot, controller)
    tab = _backup_tab(qtbot, main)
    warning = main.office.backup_warning
    qtbot.waitUntil(lambda: "No backup folder" in warning.text() and warning.isVisible(), timeout=WAIT)

    nas = tmp_path / "nas"
    nas.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(nas))
    tab.choose_folder()
    qtbot.waitUntil(lambda: tab.folder_label.text() == str(nas), timeout=WAIT)
    qtbot.mouseClick(tab.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.model.index(0, 2).data() == "intact (checksum)",
                    timeout=WAIT)
    qtbot.waitUntil(warning.isHidden, timeout=WAIT)  # the warning above every tab goes too
    tab.grab().save(str(tmp_path / "backup-tab.png"))

    path = backup_file.listed(nas)[0]
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x10
    path.write_bytes(bytes(data))
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.index(0, 2).data() == "DAMAGED", timeout=WAIT)
    qtbot.waitUntil(lambda: "no checked, intact backup" in warning.text() and warning.isVisible(),
                    timeout=WAIT)


def test_locking_writes_a_backup_when_the_store_changed(qtbot, controller: AppController,
                                                         tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    nas = tmp_path / "nas"
    done = []
    controller.runner.call(lambda b: b.require().backup.set_folder(nas), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    controller.lock(automatic=True)
    qtbot.waitUntil(lambda: len(backup_file.listed(nas)) == 1, timeout=WAIT)
    assert main is not controller.main


def test_a_laptop_backs_up_only_when_switched_on_in_its_settings(
        qtbot, qapp, settings, make_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.gui.test_laptop_data import tick
    from tests.integration.sync_helpers import open_case

    laptop = make_store("laptop", "counselor")
    open_case(laptop, "K-9")  # the unlock helper waits for a case in the list
    folder = laptop.folder
    laptop.close()
    controller = AppController(qapp, folder, settings)
    nas = tmp_path / "laptop-backups"
    nas.mkdir()
    try:
        main = unlock(qtbot, controller)
        main.show_page("settings")
        box = main.settings_view.laptop_backup
        assert box is not None and box.isVisible() and main.office is None
        qtbot.waitUntil(lambda: box.folder_label.text() != "", timeout=WAIT)
        assert not box.enabled.isChecked()  # off by default
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kw: str(nas))
        box.choose_folder()
        qtbot.waitUntil(lambda: box.folder_label.text() == str(nas), timeout=WAIT)
        controller.lock(automatic=True)  # switched off: locking writes no backup
        main = unlock(qtbot, controller)
        assert backup_file.listed(nas) == []

        main.show_page("settings")
        box = main.settings_view.laptop_backup
        qtbot.waitUntil(lambda: box.folder_label.text() == str(nas), timeout=WAIT)
        tick(qtbot, box.enabled)
        qtbot.waitUntil(box.enabled.isChecked, timeout=WAIT)
        controller.lock(automatic=True)
        qtbot.waitUntil(lambda: len(backup_file.listed(nas)) == 1, timeout=WAIT)
    finally:
        controller.shutdown()
