"""Prevention and network views: workshops, partners, meetings, referrals, CSV import, outreach."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services.network import NetworkFilter, NetworkService
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock
from tests.gui.modal import answer_box

WAIT = 10_000


def _reopen(folder: Path) -> Store:
    return Store.open(folder, PASSPHRASE)


def _network_page(qtbot, controller: AppController) -> MainWindow:
    main = unlock(qtbot, controller)
    main.show_page("network")
    qtbot.waitUntil(lambda: main.network.workshops.count.text() != "", timeout=WAIT)
    return main


def test_create_and_edit_a_workshop(qtbot, qtmodeltester, controller: AppController,
                                    filled_store: Path) -> None:
    main = _network_page(qtbot, controller)
    tab = main.network.workshops
    form = tab.form
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    form.type.set_code("empowerment")
    form.organisation.setText("Jugendzentrum Nord")
    form.target_group.setText("Jugendliche")
    form.town.set_code(form.town.itemData(1))
    form.date.set_value(dt.date(2024, 3, 5))
    form.end_date.set_value(dt.date(2024, 3, 6))
    form.hours.setValue(6.5)
    form.participants.setValue(14)
    form.trainers.setText("A. Demir, B. Kaya")
    form.status.set_code("held")
    form.follow_up.setPlainText("Zweiter Termin im Herbst")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(tab.model)
    assert tab.model.index(0, 2).data() == "Jugendzentrum Nord"
    assert tab.model.index(0, 4).data() == "14"
    assert form.record is not None
    workshop_id = form.record.id

    # Edit: an end before the start is shown at the field and nothing is written.
    form.end_date.set_value(dt.date(2024, 3, 1))
    tab.save()
    qtbot.waitUntil(lambda: form.messages["end_date"].isVisibleTo(form), timeout=WAIT)
    form.end_date.set_value(dt.date(2024, 3, 6))
    form.participants.setValue(16)
    assert tab.state.text()  # unsaved changes are announced
    tab.save()
    qtbot.waitUntil(lambda: tab.model.index(0, 4).data() == "16", timeout=WAIT)
    main.clear()  # locking: nothing of the record stays in the widgets
    assert tab.model.rowCount() == 0 and form.organisation.text() == "" and form.record is None
    controller.shutdown()
    with _reopen(filled_store) as store:
        [workshop] = NetworkService(store).workshops()
        assert workshop.id == workshop_id
        assert (workshop.type, workshop.participants, workshop.duration_min, workshop.trainers) == (
            "empowerment", 16, 390, ("A. Demir", "B. Kaya"))
        assert (workshop.end_date, workshop.status, workshop.follow_up) == (
            dt.date(2024, 3, 6), "held", "Zweiter Termin im Herbst")


def _add_partner(qtbot, main: MainWindow, name: str, kind: str, town_index: int = 1) -> str:
    tab = main.network.partners
    tab.new_record()
    tab.form.kind.set_code(kind)
    tab.form.name.setText(name)
    tab.form.town.setCurrentIndex(town_index)
    tab.form.contact_person.setText("Frau Beispiel")
    tab.save()
    qtbot.waitUntil(lambda: tab.form.record is not None and tab.form.record.name == name, timeout=WAIT)
    return tab.form.record.id


def test_partners_filters_and_search_narrow_the_list(qtbot, qtmodeltester,
                                                      controller: AppController) -> None:
    main = _network_page(qtbot, controller)
    view, tab = main.network, main.network.partners
    main.network.tabs.setCurrentWidget(tab)
    # A partner without a name is refused at the field.
    tab.new_record()
    tab.form.kind.set_code("refugee_counseling")
    tab.save()
    qtbot.waitUntil(lambda: tab.form.messages["name"].isVisibleTo(tab.form), timeout=WAIT)
    assert "Name" in tab.form.messages["name"].text()
    _add_partner(qtbot, main, "Flüchtlingsberatung Süd", "refugee_counseling", 1)
    _add_partner(qtbot, main, "Integrationsrat Mitte", "integration_council", 2)
    _add_partner(qtbot, main, "Jugendmigrationsdienst", "youth_migration_service", 1)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=WAIT)
    qtmodeltester.check(tab.model)

    def names() -> list[str]:
        return [tab.model.index(row, 0).data() for row in range(tab.model.rowCount())]

    view.partner_kind.set_code("integration_council")
    qtbot.waitUntil(lambda: names() == ["Integrationsrat Mitte"], timeout=WAIT)
    view.partner_kind.set_code(None)
    view.partner_town.setCurrentIndex(1)
    qtbot.waitUntil(lambda: names() == ["Flüchtlingsberatung Süd", "Jugendmigrationsdienst"], timeout=WAIT)
    view.partner_town.setCurrentIndex(0)
    qtbot.keyClicks(tab.search, "fluchtlings")  # search as you type, folded
    qtbot.waitUntil(lambda: names() == ["Flüchtlingsberatung Süd"], timeout=WAIT)
    tab.search.clear()
    qtbot.waitUntil(lambda: len(names()) == 3, timeout=WAIT)

    # Editing the selected partner.
    tab.table.selectRow(names().index("Integrationsrat Mitte"))
    qtbot.waitUntil(lambda: tab.form.name.text() == "Integrationsrat Mitte", timeout=WAIT)
    tab.form.contact.setText("rat@example.org")
    tab.save()
    qtbot.waitUntil(lambda: tab.form.record.contact == "rat@example.org", timeout=WAIT)
    assert tab.state.text() == "Saved"
    # The reloads the save starts (its own and the change notice's) keep the confirmation.
    qtbot.waitUntil(lambda: not view.search_timer.isActive() and not view.runner.busy, timeout=WAIT)
    assert tab.state.text() == "Saved" and tab.form.record.contact == "rat@example.org"


def test_workshop_filters_year_type_status_and_search(qtbot, controller: AppController,
                                                      filled_store: Path) -> None:
    main = _network_page(qtbot, controller)
    view, tab = main.network, main.network.workshops
    for on, kind, status, organisation in (
            (dt.date(2023, 5, 2), "racism_critique", "held", "Schule am Park"),
            (dt.date(2024, 2, 1), "empowerment", "planned", "Frauentreff"),
            (dt.date(2024, 9, 9), "racism_critique", "requested", "Kita Sonne")):
        tab.new_record()
        tab.form.type.set_code(kind)
        tab.form.status.set_code(status)
        tab.form.date.set_value(on)
        tab.form.organisation.setText(organisation)
        tab.save()
        qtbot.waitUntil(lambda o=organisation: tab.form.record is not None
                        and tab.form.record.organisation == o, timeout=WAIT)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=WAIT)

    def organisations() -> set[str]:
        return {tab.model.index(row, 2).data() for row in range(tab.model.rowCount())}

    qtbot.waitUntil(lambda: view.workshop_year.findData(2023) > 0, timeout=WAIT)
    view.workshop_year.setCurrentIndex(view.workshop_year.findData(2024))
    qtbot.waitUntil(lambda: organisations() == {"Frauentreff", "Kita Sonne"}, timeout=WAIT)
    view.workshop_type.set_code("racism_critique")
    qtbot.waitUntil(lambda: organisations() == {"Kita Sonne"}, timeout=WAIT)
    view.workshop_year.setCurrentIndex(0)
    view.workshop_status.set_code("held")
    qtbot.waitUntil(lambda: organisations() == {"Schule am Park"}, timeout=WAIT)
    view.workshop_status.set_code(None)
    view.workshop_type.set_code(None)
    qtbot.keyClicks(tab.search, "sonne")
    qtbot.waitUntil(lambda: organisations() == {"Kita Sonne"}, timeout=WAIT)
    # Deleting the shown workshop removes it from the list and the store.
    tab.table.selectRow(0)
    qtbot.waitUntil(lambda: tab.form.organisation.text() == "Kita Sonne", timeout=WAIT)

    yes = answer_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)  # asks first
    yes.check()
    assert "09.09.2024" in yes.text
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=WAIT)
    controller.shutdown()
    with _reopen(filled_store) as store:
        left = {w.organisation for w in NetworkService(store).workshops()}
        assert left == {"Schule am Park", "Frauentreff"}


def test_referral_from_the_case_editor_appears_at_the_partner(qtbot, qtmodeltester,
                                                               controller: AppController) -> None:
    main = _network_page(qtbot, controller)
    partner_id = _add_partner(qtbot, main, "Migrationsberatung Ost", "migration_counseling_adults")
    main.cases.open_case(main.cases.list.model.case_id(0))
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.record is not None, timeout=WAIT)
    panel = editor.referrals
    editor.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.partner.findData(partner_id) > 0, timeout=WAIT)
    panel.add()
    assert panel.messages["partner_id"].isVisibleTo(panel)  # no partner chosen: nothing saved
    panel.partner.setCurrentIndex(panel.partner.findData(partner_id))
    panel.direction.set_code("to")
    panel.date.set_value(dt.date(2024, 4, 2))
    panel.reason.setText("Aufenthaltsrecht")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(panel.model)
    assert panel.model.index(0, 2).data() == "Migrationsberatung Ost"
    # The partner's page shows it (through the change notification).
    partners = main.network.partners
    qtbot.waitUntil(lambda: partners.referrals_model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(partners.referrals_model)
    assert partners.referrals_model.index(0, 2).data() == editor.record.case.number
    assert partners.referrals_model.index(0, 3).data() == "Aufenthaltsrecht"
    panel.remove(panel.model.record(0).id)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: partners.referrals_model.rowCount() == 0, timeout=WAIT)


def test_meeting_with_several_partners(qtbot, qtmodeltester, controller: AppController,
                                       filled_store: Path) -> None:
    main = _network_page(qtbot, controller)
    first = _add_partner(qtbot, main, "Integrationsbeauftragte", "integration_officer")
    second = _add_partner(qtbot, main, "Verein Miteinander", "volunteer_initiative")
    tab = main.network.meetings
    form = tab.form
    qtbot.waitUntil(lambda: form.partners.count() == 2, timeout=WAIT)
    tab.new_record()
    form.date.set_value(dt.date(2024, 6, 12))
    form.partners.set_partner_ids((first, second))
    form.topic.setText("Runder Tisch")
    tab.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    qtmodeltester.check(tab.model)
    assert tab.model.index(0, 2).data() == "Integrationsbeauftragte, Verein Miteinander"
    partners = main.network.partners
    partners.table.selectRow(0)
    qtbot.waitUntil(lambda: partners.meetings_model.rowCount() == 1, timeout=WAIT)
    assert partners.meetings_model.index(0, 1).data() == "Runder Tisch"
    controller.shutdown()
    with _reopen(filled_store) as store:
        [meeting] = NetworkService(store).meetings(NetworkFilter(year=2024))
        assert set(meeting.partner_ids) == {first, second} and meeting.topic == "Runder Tisch"


def test_a_bad_csv_shows_its_line_and_changes_nothing(qtbot, controller: AppController,
                                                      tmp_path: Path, filled_store: Path) -> None:
    main = _network_page(qtbot, controller)
    view = main.network
    bad = tmp_path / "workshops.csv"
    bad.write_text("Datum;Art;Organisation;Teilnehmende\n"
                   "01.03.2024;Empowerment-Workshop;Verein A;12\n"
                   "31.02.2024;Empowerment-Workshop;Verein B;8\n", encoding="utf-8")
    view.import_file("workshops", bad)
    qtbot.waitUntil(lambda: view.message.isVisibleTo(view), timeout=WAIT)
    assert "workshops.csv" in view.message.text() and "Line 3" in view.message.text()
    good = tmp_path / "partner.csv"
    good.write_text("Name,Art\nMigrationsberatung West,Migrationsberatung für Erwachsene\n",
                    encoding="utf-8")
    view.import_file("partners", good)
    qtbot.waitUntil(lambda: view.partners.model.rowCount() == 1, timeout=WAIT)
    assert "1 added" in view.info.text() and not view.message.isVisibleTo(view)
    controller.shutdown()
    with _reopen(filled_store) as store:
        assert NetworkService(store).workshops() == []
        assert [p.name for p in NetworkService(store).partners()] == ["Migrationsberatung West"]


def test_workshop_and_partner_from_the_outreach_day(qtbot, controller: AppController,
                                                    filled_store: Path) -> None:
    main = _network_page(qtbot, controller)
    main.show_page("outreach")
    outreach = main.outreach
    town = outreach.town.code()
    dialog = outreach.new_workshop()
    assert dialog.form.town.code() == town and dialog.form.status.code() == "requested"
    dialog.form.organisation.setText("Stadtteilzentrum")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=WAIT)
    assert outreach.network_note.text()
    partner_dialog = outreach.new_partner()
    partner_dialog.save()  # without a name: the message appears in the dialog
    qtbot.waitUntil(lambda: partner_dialog.form.messages["name"].isVisibleTo(partner_dialog), timeout=WAIT)
    partner_dialog.form.name.setText("Elterninitiative")
    partner_dialog.save()
    qtbot.waitUntil(lambda: partner_dialog.saved is not None, timeout=WAIT)
    # The network page hears about both.
    qtbot.waitUntil(lambda: main.network.workshops.model.rowCount() == 1
                    and main.network.partners.model.rowCount() == 1, timeout=WAIT)
    controller.shutdown()
    with _reopen(filled_store) as store:
        [workshop] = NetworkService(store).workshops()
        assert (workshop.organisation, workshop.town, workshop.status) == (
            "Stadtteilzentrum", town, "requested")
        assert [p.name for p in NetworkService(store).partners()] == ["Elterninitiative"]
