"""The settings page's "Data on this laptop" group, on real stores through the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from tests.integration.sync_helpers import counselor_id, enroll, handover

DOCUMENT = b"Bescheid der Wohnungsgesellschaft, Seite 1. " * 30


def tick(qtbot, box: QCheckBox) -> None:
    """Click the box itself, as a user does (the widget is wider than its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _laptop_with_a_document(make_store, tmp_path: Path) -> tuple[Path, str, str]:
    """An enrolled laptop that received a case with a document from the office (stored)."""
    office, laptop = make_store("office"), make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    cases = CaseService(office)
    client = cases.find_or_create_client("K-0042")
    case = cases.open_case(client, "housing", dt.date(2024, 4, 3), counselor_id=counselor_id(laptop))
    document = cases.add_attachment(case.id, "bescheid.txt", DOCUMENT)
    handover(office_service, laptop_service, tmp_path)
    assert CaseService(laptop).attachment_content(document) == DOCUMENT
    office.close()
    laptop.close()
    return laptop.folder, case.id, document.sha256 or ""


def test_the_checkboxes_set_the_laptops_settings_and_documents_stay_at_the_office(
        qtbot, qapp, settings, make_store, tmp_path: Path) -> None:
    folder, case_id, sha = _laptop_with_a_document(make_store, tmp_path)
    controller = AppController(qapp, folder, settings)
    try:
        main = unlock(qtbot, controller)
        main.show_page("settings")
        box = main.settings_view.laptop_data
        assert box is not None and box.isVisible()
        qtbot.waitUntil(box.documents.isEnabled, timeout=10_000)  # the state loaded
        assert not box.purge.isChecked() and not box.documents.isChecked()

        tick(qtbot, box.documents)
        qtbot.waitUntil(lambda: box.documents.isEnabled() and box.message.isVisible(), timeout=10_000)
        assert box.documents.isChecked()
        assert "1" in box.message.text()  # the office's document left the laptop at once
        tick(qtbot, box.purge)
        qtbot.waitUntil(lambda: box.purge.isEnabled() and box.purge.isChecked(), timeout=10_000)
        main.settings_view.grab().save(str(tmp_path.parent / "laptop-settings.png"))

        # The case editor says where the document is instead of opening it.
        main.show_page("cases")
        main.cases.open_case(case_id)
        editor = main.cases.editor
        qtbot.waitUntil(lambda: editor.documents.model.rowCount() == 1, timeout=10_000)
        editor.documents.table.selectRow(0)
        editor.documents.open_document()
        qtbot.waitUntil(lambda: editor.documents.message.text() != "", timeout=10_000)
        assert editor.documents.message.text() == "This document is kept at the office only."
    finally:
        controller.shutdown()
    with Store.open(folder, PASSPHRASE) as store:
        assert store.meta("attachments_office_only") == "1"
        assert store.meta("purge_closed") == "1"
        assert store.conn.execute("SELECT count(*) FROM blobs WHERE sha256 = ?", (sha,)).fetchone() == (0,)


def test_unticking_writes_the_setting_back(qtbot, qapp, settings, make_store, tmp_path: Path) -> None:
    folder, _case_id, _sha = _laptop_with_a_document(make_store, tmp_path)
    with Store.open(folder, PASSPHRASE) as store:
        store.conn.execute("BEGIN IMMEDIATE")
        store.set_meta("purge_closed", "1")  # switched on from the command line
        store.conn.execute("COMMIT")
    controller = AppController(qapp, folder, settings)
    try:
        main = unlock(qtbot, controller)
        main.show_page("settings")
        box = main.settings_view.laptop_data
        assert box is not None
        qtbot.waitUntil(lambda: box.purge.isEnabled() and box.purge.isChecked(), timeout=10_000)
        tick(qtbot, box.purge)
        qtbot.waitUntil(lambda: box.purge.isEnabled() and box.message.isVisible(), timeout=10_000)
        assert not box.purge.isChecked()
    finally:
        controller.shutdown()
    with Store.open(folder, PASSPHRASE) as store:
        assert store.meta("purge_closed") == "0"
        assert store.meta("attachments_office_only") is None


def test_the_office_has_no_laptop_settings(qtbot, controller: AppController) -> None:
    main: MainWindow = unlock(qtbot, controller)
    main.show_page("settings")
    assert main.settings_view.laptop_data is None


def test_the_handbook_names_the_checkboxes_as_the_german_app_shows_them(qapp) -> None:
    from beratungsdesk.core.errors import KeptAtOffice
    from beratungsdesk.gui.app import install_translations
    from beratungsdesk.gui.common import error_text
    from beratungsdesk.gui.settings_view import LaptopDataBox
    from beratungsdesk.gui.worker import Runner

    handbook = " ".join((Path(__file__).resolve().parents[2] / "docs" / "handbuch.md")
                        .read_text(encoding="utf-8").split())
    translators = install_translations(qapp, "de")
    runner = Runner()
    try:
        box = LaptopDataBox(runner)
        labels = [box.title(), box.purge.text().replace("&", ""), box.documents.text().replace("&", "")]
        assert labels[0] == "Daten auf diesem Laptop"
        for label in labels:
            assert f"**{label}" in handbook, label
        assert f"„{error_text(KeptAtOffice())}“" in handbook
    finally:
        runner.shutdown()
        for translator in translators:
            qapp.removeTranslator(translator)
