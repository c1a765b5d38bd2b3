"""Driving real flows: open a case, log a contact, validation at the field, outreach entry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_list import NewCaseDialog
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from tests.gui.modal import answer_box


def _reopen(folder: Path) -> Store:
    return Store.open(folder, PASSPHRASE)


def test_create_a_case_and_log_a_contact(qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    dialog = NewCaseDialog(controller.runner, main.labels, main)
    dialog.client.setText("K-0815")
    dialog.area.set_code("housing")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.case_id is not None, timeout=10_000)
    main.cases.open_case(dialog.case_id)
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    assert "K-0815" in editor.fields["code"].text()
    editor.tabs.setCurrentIndex(2)
    editor.contacts.minutes.setValue(50)
    editor.contacts.channel.set_code("outreach")
    editor.contacts.place.setText("Rathaus")
    qtbot.mouseClick(editor.contacts.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.contacts.model.rowCount() == 1, timeout=10_000)
    assert "50 min" in editor.contacts.model.index(0, 2).data()
    # The list hears about the new case through the change notification.
    qtbot.waitUntil(lambda: main.cases.list.model.rowCount() == 4, timeout=10_000)
    controller.shutdown()
    with _reopen(filled_store) as store:
        record = CaseService(store).record(dialog.case_id)
        contacts = [(c.duration_min, c.channel, c.place) for c in record.contacts]
        assert contacts == [(50, "outreach", "Rathaus")]
        assert record.client is not None and record.client.code == "K-0815"


def test_a_logged_contact_is_corrected_in_place(qtbot, controller: AppController,
                                               filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    editor.tabs.setCurrentIndex(2)
    assert editor.contacts.total.text() == "1 contact, together 30 min"
    assert not editor.contacts.update_button.isEnabled()  # nothing selected yet
    [logged] = editor.record.contacts
    editor.contacts.table.selectRow(0)
    assert editor.contacts.update_button.isEnabled()
    assert editor.contacts.minutes.value() == 30 and editor.contacts.channel.code() == "phone"
    # Bad input at the field, nothing changes.
    editor.contacts.start.setText("25:99")
    qtbot.mouseClick(editor.contacts.update_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.contacts.messages["start_time"].text() != "", timeout=10_000)
    assert editor.record.contacts[0].start_time is None
    # While a new session is timed, the form is that session's: correcting is refused, nothing changes.
    editor.contacts.timer.toggle()
    qtbot.mouseClick(editor.contacts.update_button, Qt.MouseButton.LeftButton)
    assert "timer is running" in editor.contacts.messages["date"].text()
    assert editor.record.contacts[0].start_time is None
    editor.contacts.timer.reset()
    editor.contacts.start.setText("09:15")
    editor.contacts.minutes.setValue(75)
    editor.contacts.place.setText("Bücherei")
    qtbot.mouseClick(editor.contacts.update_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.record.contacts[0].duration_min == 75, timeout=10_000)
    assert editor.contacts.total.text() == "1 contact, together 1 h 15 min"
    assert not editor.contacts.update_button.isEnabled()  # the list was reloaded
    case_id = editor.record.case.id
    controller.shutdown()
    with _reopen(filled_store) as store:
        [contact] = CaseService(store).record(case_id).contacts
        assert contact.id == logged.id  # corrected, not a second contact
        assert (contact.start_time, contact.duration_min, contact.place, contact.channel) == \
            ("09:15", 75, "Bücherei", "phone")


def test_session_timer_fills_start_and_duration(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    editor.contacts.timer.toggle()
    assert editor.contacts.timer.running and editor.is_dirty()
    editor.contacts.timer.toggle()
    assert not editor.contacts.timer.running
    assert editor.contacts.minutes.value() == 1  # at least one minute
    assert len(editor.contacts.start.text()) == 5


def test_validation_message_appears_at_the_field_and_nothing_changes(
        qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    case_id = main.cases.list.model.case_id(0)
    main.cases.open_case(case_id)
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    editor.fields["status"].set_code("closed")  # closed without a closing date
    editor.fields["summary"].setPlainText("geändert")
    assert editor.save_button.isEnabled()
    editor.save()
    qtbot.waitUntil(lambda: editor.messages["closed_on"].isVisibleTo(editor), timeout=10_000)
    assert "closing date" in editor.messages["closed_on"].text()
    assert editor.is_dirty()  # the input is kept for correction
    controller.shutdown()
    with _reopen(filled_store) as store:
        case = CaseService(store).record(case_id).case
        assert case.status == "open" and case.summary == "Vorfall"


def test_saving_the_case_and_client_form(qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    case_id = main.cases.list.model.case_id(0)
    main.cases.open_case(case_id)
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    editor.fields["grounds"].set_codes(("religion", "language"))
    editor.fields["respondent"].set_code("school")
    editor.fields["languages"].setText("Türkisch, Deutsch")
    editor.save()
    qtbot.waitUntil(lambda: editor.state.text() != "" and not editor.is_dirty(), timeout=10_000)
    controller.shutdown()
    with _reopen(filled_store) as store:
        record = CaseService(store).record(case_id)
        assert record.case.grounds == ("language", "religion")
        assert record.case.respondent == "school"
        assert record.client is not None and record.client.languages == ("Türkisch", "Deutsch")


def test_saved_stays_after_the_refresh_that_follows_the_save(qtbot, controller: AppController) -> None:
    """"Saved" stays until the next edit, also through the reload every write triggers."""
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    shown_when_saved: list[object] = []
    editor.saved.connect(lambda _case_id: shown_when_saved.append(editor.record))
    editor.fields["summary"].setPlainText("Wohnung wegen des Namens verweigert")
    assert editor.state.text() == "Unsaved changes"
    editor.save()
    # The change notification of the save reloads the case once more (MainWindow._refresh).
    qtbot.waitUntil(lambda: bool(shown_when_saved) and editor.record is not shown_when_saved[0]
                    and not controller.runner.busy, timeout=10_000)
    assert editor.record.case.summary == "Wohnung wegen des Namens verweigert"
    assert editor.state.text() == "Saved", (editor.state.text(), editor._changes())
    editor.fields["outcome"].setPlainText("Stellungnahme angefordert")
    assert editor.state.text() == "Unsaved changes"


def test_unsaved_changes_guard_keeps_the_editor_open(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    editor.fields["outcome"].setPlainText("noch nicht gespeichert")
    cancel = answer_box(QMessageBox.StandardButton.Cancel)
    editor.request_close()
    cancel.check()
    assert "not saved yet" in cancel.text
    assert main.cases.currentWidget() is editor
    assert editor.fields["outcome"].toPlainText() == "noch nicht gespeichert"
    discard = answer_box(QMessageBox.StandardButton.Discard)
    editor.request_close()
    discard.check()
    assert main.cases.currentWidget() is main.cases.list


def test_typing_while_a_refresh_is_on_its_way_is_kept(qtbot, controller: AppController) -> None:
    """A write elsewhere asks the editor to refresh; what the user types before the fresh
    record arrives must survive it (it was once overwritten under load)."""
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    before = editor.record
    editor.on_changed({"contact"})  # the fresh record comes back on a later event-loop turn
    editor.fields["summary"].setPlainText("während der Aktualisierung getippt")
    qtbot.waitUntil(lambda: editor.record is not before, timeout=10_000)
    assert editor.fields["summary"].toPlainText() == "während der Aktualisierung getippt"
    assert editor.is_dirty()


def test_notes_are_append_only_and_replacements_are_marked(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    editor.notes.text.setPlainText("Erstgespräch geführt")
    editor.notes.add_note(replace=False)
    qtbot.waitUntil(lambda: editor.notes.model.rowCount() == 1, timeout=10_000)
    editor.notes.table.selectRow(0)
    editor.notes.text.setPlainText("Erstgespräch geführt, Dolmetscherin dabei")
    editor.notes.add_note(replace=True)
    qtbot.waitUntil(lambda: editor.notes.model.rowCount() == 2, timeout=10_000)
    texts = [editor.notes.model.index(row, 2).data() for row in range(2)]
    assert any(text.startswith("[replaced]") for text in texts)
    assert any(text == "Erstgespräch geführt, Dolmetscherin dabei" for text in texts)


def test_outreach_entry_saves_client_case_and_contact_together(
        qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.show_page("outreach")
    outreach = main.outreach
    outreach.town.set_code("hilden")
    outreach.place.setText("Rathaus")
    outreach.client.setText("K-0002")  # a known client: the new case is added to it
    outreach.area.set_code("work")
    outreach.minutes.setValue(40)
    qtbot.mouseClick(outreach.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: outreach.today.count() == 1 or bool(outreach.general.text()), timeout=10_000)
    assert outreach.today.count() == 1, outreach.general.text()
    # Enter in a field saves, like the button (a page has no default button).
    outreach.client.setText("K-NEU")
    outreach.client.setFocus()
    qtbot.keyClick(outreach.client, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: outreach.today.count() == 2, timeout=10_000)
    assert controller.settings.outreach_town == "hilden"
    controller.shutdown()
    with _reopen(filled_store) as store:
        service = CaseService(store)
        from beratungsdesk.services.cases import CaseFilter

        rows = service.page(CaseFilter(town="hilden")).rows
        assert sorted(r.client_code for r in rows) == ["K-0002", "K-NEU"]
        for row in rows:
            record = service.record(row.id)
            contacts = [(c.channel, c.town, c.place) for c in record.contacts]
            assert contacts == [("outreach", "hilden", "Rathaus")]
        assert sum(1 for r in service.page(CaseFilter()).rows if r.client_code == "K-0002") == 2


def test_search_as_you_type_and_filters_narrow_the_list(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    view = main.cases.list
    assert view.model.rowCount() == 3
    qtbot.keyClicks(view.search, "K-0002")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert view.model.index(0, 1).data() == "K-0002"
    view.search.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=10_000)
    view.area.set_code("work")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert view.model.index(0, 1).data() == "K-0003"


def test_office_adds_a_counselor_and_a_town_and_pickers_offer_them(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    office = main.office
    assert office is not None
    main.show_page("office")
    office.member_name.setText("Jonas Okafor")
    office.member_initials.setText("JO")
    office.add_member()
    qtbot.waitUntil(lambda: office.team_model.rowCount() == 2, timeout=10_000)
    office.kind.setCurrentIndex(office.kind.findData("town"))
    qtbot.waitUntil(lambda: office.terms_model.rowCount() == 10, timeout=10_000)
    office.label_de.setText("Düsseldorf")
    office.add_term()
    qtbot.waitUntil(lambda: office.terms_model.rowCount() == 11, timeout=10_000)
    codes = [office.terms_model.record(r).code for r in range(11)]
    assert "dusseldorf" in codes
    # The change notification reloads the pickers of the other views.
    town_picker = main.outreach.town
    qtbot.waitUntil(lambda: town_picker.findData("dusseldorf") >= 0, timeout=10_000)
    counselor_picker = main.outreach.counselor
    qtbot.waitUntil(lambda: counselor_picker.findText("Jonas Okafor") >= 0, timeout=10_000)


def test_clients_page_finds_a_client_and_shows_their_cases(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    main.show_page("clients")
    clients = main.clients
    qtbot.waitUntil(lambda: clients.model.rowCount() == 3, timeout=10_000)
    assert [clients.model.index(r, 0).data() for r in range(3)] == ["K-0001", "K-0002", "K-0003"]
    qtbot.keyClicks(clients.search, "Name K-0002")
    qtbot.waitUntil(lambda: clients.model.rowCount() == 1, timeout=10_000)
    assert clients.model.index(0, 1).data() == "Name K-0002"
    assert clients.model.index(0, 3).data() == "1"
    clients.table.doubleClicked.emit(clients.model.index(0, 0))
    model = main.cases.list.model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.index(0, 1).data() == "K-0002", timeout=10_000)
    assert main.pages.currentWidget() is main.cases


def test_office_edits_the_organisation_profile(qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    office = main.office
    assert office is not None
    main.show_page("office")
    qtbot.waitUntil(lambda: bool(office.profile_loaded), timeout=10_000)
    office.profile_fields["name"].setText("Beratungsstelle Kreis Mettmann")
    office.profile_fields["address"].setPlainText("Musterstraße 1\n40822 Mettmann")
    office.save_profile()
    qtbot.waitUntil(lambda: office.profile_loaded.get("name") == "Beratungsstelle Kreis Mettmann",
                    timeout=10_000)
    controller.shutdown()
    from beratungsdesk.services.reports import ProfileService

    with _reopen(filled_store) as store:
        profile = ProfileService(store).profile()
        assert profile.name == "Beratungsstelle Kreis Mettmann"
        assert profile.address == "Musterstraße 1\n40822 Mettmann"


def test_a_document_is_added_and_removed_after_a_confirmation(
        qtbot, controller: AppController, filled_store: Path, tmp_path: Path, monkeypatch) -> None:
    main = unlock(qtbot, controller)
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=10_000)
    source = tmp_path / "Bescheid.pdf"
    source.write_bytes(b"%PDF-1.4 the wrong client's letter")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kw: (str(source), ""))
    editor.tabs.setCurrentIndex(5)  # documents
    editor.documents.add_document()
    qtbot.waitUntil(lambda: editor.documents.model.rowCount() == 1, timeout=10_000)

    editor.documents.table.selectRow(0)
    cancel = answer_box(QMessageBox.StandardButton.Cancel)
    editor.documents.remove_document()
    cancel.check()
    assert "Bescheid.pdf" in cancel.text and "cannot be undone" in cancel.text
    assert editor.documents.model.rowCount() == 1  # Cancel: nothing happened
    # The box ran its own event loop: a refresh still due from the addition may have reloaded
    # the table meanwhile, which clears its selection. Select again, as a person would.
    editor.documents.table.selectRow(0)
    erase = answer_box(QMessageBox.StandardButton.Yes)
    editor.documents.remove_document()
    erase.check()
    qtbot.waitUntil(lambda: editor.documents.model.rowCount() == 0, timeout=10_000)
    assert editor.documents.message.text() == "The document was erased."
    case_id = editor.record.case.id
    controller.shutdown()
    with _reopen(filled_store) as store:
        assert CaseService(store).record(case_id).attachments == []
        assert store.conn.execute("SELECT count(*) FROM blobs").fetchone() == (0,)
