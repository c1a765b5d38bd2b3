"""Documents from the window, on real stores: the complaint letter from a case, the subject
access export from the clients page and the short report's texts in the profile; the PDFs
are read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.letter_dialog import suggested_file_name
from beratungsdesk.gui.ops import reports as report_ops
from beratungsdesk.reports.profile import DEFAULT_TEXTS
from beratungsdesk.services.reports import ProfileService
from beratungsdesk.storage import audit, queries
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock
from tests.gui.test_handbook_walkthrough import german, handbook, plain  # noqa: F401 (fixtures)

WAIT = 15_000


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))



def test_complaint_letter_from_the_case_editor(qtbot, controller: AppController, filled_store: Path,
                                               tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    number = editor.record.case.number  # type: ignore[union-attr]
    editor.tabs.setCurrentIndex(3)  # Interventions
    qtbot.mouseClick(editor.interventions.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible(),
                    timeout=WAIT)
    dialog = editor.letter_dialog
    assert dialog is not None
    # Prefilled as `report letter` proposes it: the case number, area (housing) and summary.
    assert number in dialog.subject.text()
    body = dialog.body.toPlainText()
    assert body.startswith("Sehr geehrte Damen und Herren,")
    assert "„Wohnen“" in body and "Zum Sachverhalt: Vorfall" in body
    assert suggested_file_name(str(number)) == f"Beschwerdebrief-{number}.pdf"

    # The recipient is missing: the message is under that field and nothing is written.
    target = tmp_path / "brief.pdf"
    dialog.save_pdf(target)
    assert dialog.messages["recipient"].isVisibleTo(dialog)
    assert "Recipient" in dialog.messages["recipient"].text()
    assert not target.exists()

    dialog.recipient.setPlainText("Wohnungsbau GmbH\nHauptstraße 5\n12345 Beispielstadt")
    dialog.body.setPlainText(body.replace("Mit freundlichen Grüßen",
                                          "Ein Satz, den die Beraterin ergänzt hat.\n\n"
                                          "Mit freundlichen Grüßen"))
    dialog.date.set_value(dt.date(2026, 3, 2))
    assert dialog.record_intervention.isChecked()  # the default: yes
    dialog.save_pdf(target)
    qtbot.waitUntil(lambda: dialog.last_saved == target, timeout=WAIT)
    assert f"Saved: {target}" in dialog.message.text()
    text = pdf_text(target)
    for expected in ("Wohnungsbau GmbH", "12345 Beispielstadt", f"unser Zeichen {number}",
                     "Ein Satz, den die Beraterin ergänzt hat.", "02.03.2026"):
        assert expected in text, expected
    # The intervention is recorded once and appears on the case; a second save adds none.
    assert not dialog.record_intervention.isChecked()
    qtbot.waitUntil(lambda: editor.interventions.model.rowCount() == 1, timeout=WAIT)
    second = tmp_path / "brief-2.pdf"
    dialog.save_pdf(second)
    qtbot.waitUntil(lambda: dialog.last_saved == second, timeout=WAIT)
    controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:
        record = queries.case_record(store.conn, queries.case_id_by_number(store.conn, str(number)))
        assert [(i.type, i.status, i.date) for i in record.interventions] == [
            ("complaint_letter", "done", dt.date(2026, 3, 2))]


def test_access_report_from_the_clients_page(qtbot, controller: AppController, filled_store: Path,
                                             tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    main.show_page("clients")
    clients = main.clients
    qtbot.waitUntil(lambda: clients.model.rowCount() == 3, timeout=WAIT)
    target = tmp_path / "auskunft.pdf"
    clients.export_access(target)  # nothing selected yet
    assert clients.message.text() == "Select a client first."
    assert not target.exists()
    clients.table.selectRow(1)
    assert clients.selected().code == "K-0002"  # type: ignore[union-attr]
    clients.export_access(target)
    qtbot.waitUntil(lambda: clients.last_saved == target, timeout=WAIT)
    assert f"Saved: {target}" in clients.message.text()
    text = pdf_text(target)
    assert "K-0002" in text and "Name K-0002" in text
    assert "K-0001" not in text, "another client's data must not appear"
    controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:  # logged like `report auskunft`
        entries = audit.page(store.conn, "export", "client", None, 10)
        assert [e.detail for e in entries] == ["auskunft"]


def test_report_texts_in_the_organisation_profile(qtbot, controller: AppController, filled_store: Path,
                                                  tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    office = main.office
    assert office is not None
    main.show_page("office")
    office.tabs.setCurrentIndex(2)  # Organisation profile
    texts = office.report_texts
    qtbot.waitUntil(lambda: texts.tabs.count() == 5, timeout=WAIT)
    assert [texts.tabs.tabText(i) for i in range(5)] == [
        "Einleitung", "Beratung", "Beratung in Zahlen", "Prävention", "Netzwerk"]
    # Unset: empty, with the built-in text as placeholder.
    assert texts.edits["einleitung"].toPlainText() == ""
    assert texts.edits["einleitung"].placeholderText() == DEFAULT_TEXTS["einleitung"]
    texts.edits["beratung"].setPlainText("Unser **eigener** Text zur Beratung.")
    texts.edits["netzwerk"].setPlainText("Netzwerk in Beispielstadt.")
    office.save_profile()
    qtbot.waitUntil(lambda: office.profile_message.text() == "The profile was saved.", timeout=WAIT)
    qtbot.waitUntil(lambda: texts.loaded.get("beratung") == "Unser **eigener** Text zur Beratung.",
                    timeout=WAIT)
    pdf = tmp_path / "kurzbericht.pdf"
    year = dt.date.today().year
    report_ops.kurzbericht(dt.date(year, 1, 1), dt.date(year, 12, 31), pdf, False).run(
        controller.runner, main.statistics, main.statistics._saved)
    qtbot.waitUntil(lambda: main.statistics.last_saved == pdf, timeout=30_000)
    text = pdf_text(pdf)
    assert "Unser eigener Text zur Beratung." in text  # bold markup printed as bold
    assert "Netzwerk in Beispielstadt." in text
    assert "steht allen Menschen" in text  # the introduction kept its default
    # Emptying a text brings the default back (the setting is reset, not saved empty).
    texts.edits["netzwerk"].setPlainText("")
    office.profile_message.show_text("")
    office.save_profile()
    qtbot.waitUntil(lambda: office.profile_message.text() == "The profile was saved.", timeout=WAIT)
    qtbot.waitUntil(lambda: texts.loaded.get("netzwerk") == "", timeout=WAIT)
    controller.shutdown()
    with Store.open(filled_store, PASSPHRASE) as store:
        profile = ProfileService(store).profile()
        assert profile.text("beratung") == "Unser **eigener** Text zur Beratung."
        assert profile.text("netzwerk") == DEFAULT_TEXTS["netzwerk"]


def test_the_handbook_names_the_german_buttons(qtbot, german, handbook: str,  # noqa: F811
                                               controller: AppController) -> None:
    """docs/handbuch.md describes these steps with the labels the German window shows."""
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0001")
    editor = main.cases.editor
    assert plain(editor.interventions.letter_button.text()) == "Beschwerdebrief…"
    qtbot.mouseClick(editor.interventions.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible(),
                    timeout=WAIT)
    dialog = editor.letter_dialog
    assert dialog is not None
    for text in (editor.interventions.letter_button.text(), dialog.save_button.text(),
                 dialog.record_intervention.text(), main.clients.access_button.text()):
        assert f"**{plain(text)}**" in handbook, text
    number = str(editor.record.case.number)  # type: ignore[union-attr]
    assert suggested_file_name(number).replace(number, "2025-0042") in handbook
    dialog.reject()
    assert main.office is not None
    texts = main.office.report_texts
    main.show_page("office")
    qtbot.waitUntil(lambda: texts.tabs.count() == 5, timeout=WAIT)
    assert "**Texte des Kurzberichts**" in handbook
    for index in range(texts.tabs.count()):
        assert f"**{texts.tabs.tabText(index)}**" in handbook


def test_locking_closes_the_letter_dialog(qtbot, controller: AppController) -> None:
    """The letter's text comes from the case: it must not stay on screen behind the lock."""
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0003")
    editor = main.cases.editor
    editor.open_letter()
    qtbot.waitUntil(lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible(),
                    timeout=WAIT)
    dialog = editor.letter_dialog
    assert dialog is not None and "Vorfall" in dialog.body.toPlainText()
    controller.lock(automatic=False)
    assert editor.letter_dialog is None
    assert not dialog.isVisible()  # hidden at once (deleted later by the event loop)
