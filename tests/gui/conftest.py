"""GUI test fixtures: the real app on real stores, offscreen; any Qt warning fails a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.common import RESOURCES, AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE, StoreTemplates, copy_store

#: The offscreen platform plugin reports window-manager features it lacks;
#: these say nothing about our code.
_PLATFORM_NOTICES = ("This plugin does not support",)


@pytest.fixture(autouse=True)
def fail_on_qt_warnings() -> Iterator[None]:
    problems: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtDebugMsg or kind == QtMsgType.QtInfoMsg:
            return
        if message.startswith(_PLATFORM_NOTICES):
            return
        problems.append(f"{kind.name}: {message}")

    previous = qInstallMessageHandler(handler)
    yield
    qInstallMessageHandler(previous)
    assert not problems, "Qt warnings:\n" + "\n".join(problems)


@pytest.fixture(scope="session", autouse=True)
def english_plural_forms(qapp: QApplication) -> Iterator[None]:
    """What the program installs for English: the plural forms of the texts with a number
    ("%n cases" -> "1 case"), for the widgets a test builds without the app controller."""
    translator = QTranslator()
    if not translator.load("beratungsdesk_en", str(RESOURCES / "translations")):
        pytest.fail("no compiled translations: run tools/build_translations.py first")
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    # On in the program; off here, so that a test pressing "Hand over" is not raced by a
    # handover starting by itself (tests/gui/test_auto_handover.py switches it on).
    settings.auto_handover = False
    return settings


def _fill(store: Store) -> None:
    cases = CaseService(store)
    counselor = cases.add_counselor("Aylin Demir", "AD")
    for code, area in (("K-0001", "education"), ("K-0002", "housing"), ("K-0003", "work")):
        client = cases.find_or_create_client(code, name=f"Name {code}")
        case = cases.open_case(client, area, counselor_id=counselor.id, summary="Vorfall")
        cases.log_contact(case.id, 30, channel="phone")


@pytest.fixture
def filled_store(store_templates: StoreTemplates, tmp_path: Path) -> Path:
    """An office store with a counselor and three cases, closed (the app opens it).

    Filled once per session; each test gets its own copy."""
    return copy_store(store_templates.prepared("filled", "office", "office", _fill), tmp_path / "office")


@pytest.fixture
def controller(qapp: QApplication, settings: AppSettings, filled_store: Path) -> Iterator[AppController]:
    ctl = AppController(qapp, filled_store, settings)
    yield ctl
    ctl.shutdown()
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.cases.editor.discard()  # no "unsaved changes" question at teardown
        window.close()
        window.deleteLater()
    QApplication.processEvents()


def unlock(qtbot: object, ctl: AppController, passphrase: str = PASSPHRASE) -> MainWindow:
    """Type the passphrase into the unlock window and wait for the main window with its list."""
    if ctl.window is None:
        ctl.start()
    window = ctl.window
    window.passphrase.setText(passphrase)  # type: ignore[union-attr]
    window.unlock()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: ctl.main is not None, timeout=10_000)  # type: ignore[attr-defined]
    main = ctl.main
    assert main is not None
    model = main.cases.list.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.loading, timeout=10_000)  # type: ignore[attr-defined]
    return main


def open_case_of(qtbot: object, main: MainWindow, code: str, timeout: int = 15_000) -> None:
    """Open the case of client ``code`` from the case list and wait until the editor shows it."""
    main.show_page("cases")  # the start page comes first after unlocking
    table_model = main.cases.list.model
    row = next(r for r in range(table_model.rowCount()) if table_model.index(r, 1).data() == code)
    main.cases.open_case(table_model.case_id(row))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None and editor.record.client is not None  # type: ignore[attr-defined]
                    and editor.record.client.code == code, timeout=timeout)
