"""Data protection in the desktop app, on real stores: consents and their warnings, the audit
log with its chain check, retention and erasure after a confirmation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from beratungsdesk.core.errors import NotFound
from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.protection import AuditService, ConsentService
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import open_case_of, unlock
from tests.gui.modal import answer_box

WAIT = 10_000


def _reopen(folder: Path) -> Store:
    return Store.open(folder, PASSPHRASE)




def _show_office_tab(qtbot, main: MainWindow, tab: object) -> None:
    assert main.office is not None
    main.show_page("office")
    main.office.tabs.setCurrentWidget(tab)  # type: ignore[arg-type]
    qtbot.waitUntil(tab.isVisible, timeout=WAIT)  # type: ignore[attr-defined]


def test_consent_added_and_withdrawn_changes_the_warnings(
        qtbot, qtmodeltester, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.show_page("clients")
    clients = main.clients
    qtbot.waitUntil(lambda: clients.model.rowCount() == 3, timeout=WAIT)
    clients.table.selectRow(0)
    panel = clients.consents
    qtbot.waitUntil(lambda: panel.state is not None, timeout=WAIT)
    assert panel.model.rowCount() == 0 and "No valid consent" in panel.summary.text()
    # Bad input: no scope ticked -> a message at the field, nothing saved.
    panel.add()
    qtbot.waitUntil(lambda: panel.messages["scopes"].text() != "", timeout=WAIT)
    panel.given_on.set_value(dt.date(2022, 2, 1))
    panel.scopes.set_codes(("counseling", "documents"))
    panel.form.set_code("written")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT)
    assert panel.model.index(0, 0).data() == "01.02.2022"
    assert panel.model.index(0, 1).data() == "Beratung, Speichern von Dokumenten"
    assert panel.model.index(0, 2).data() == "Schriftlich"
    qtmodeltester.check(panel.model, force_py=True)

    # In the case editor: documents are covered, a referral (third parties) is not.
    main.show_page("cases")
    open_case_of(qtbot, main, "K-0001")
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.consents.model.rowCount() == 1, timeout=WAIT)
    referral_warning = editor.referrals.consent_warning
    assert editor.documents.warning.isHidden()
    assert not referral_warning.isHidden()
    assert "no consent" in referral_warning.text() and "Kontakt zu Dritten" in referral_warning.text()

    # Withdrawn from the client tab: the documents warning says so.
    editor.consents.table.selectRow(0)
    editor.consents.withdraw_on.set_value(dt.date.today())
    qtbot.mouseClick(editor.consents.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.documents.warning.isHidden(), timeout=WAIT)
    assert "withdrawn" in editor.documents.warning.text()
    assert "Speichern von Dokumenten" in editor.documents.warning.text()
    assert editor.consents.model.index(0, 3).data() == dt.date.today().strftime("%d.%m.%Y")
    # The clients page heard of the change too.
    qtbot.waitUntil(lambda: panel.model.index(0, 3).data() != "", timeout=WAIT)
    controller.shutdown()
    with _reopen(filled_store) as store:
        client = queries.client_by_code(store.conn, "K-0001")
        assert client is not None
        [consent] = ConsentService(store).consents(client.id)
        assert consent.scopes == ("counseling", "documents") and consent.withdrawn_on == dt.date.today()
        assert ConsentService(store).warning(client.id, "documents") == "consent_withdrawn"


def test_audit_tab_lists_entries_and_verify_reports_a_tampered_row(
        qtbot, qtmodeltester, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    assert main.office is not None
    audit = main.office.audit
    _show_office_tab(qtbot, main, audit)
    qtbot.waitUntil(lambda: audit.model.rowCount() > 0, timeout=WAIT)
    total = audit.model.total
    assert audit.model.rowCount() == total and f"{total} " in audit.count.text()
    qtmodeltester.check(audit.model, force_py=True)
    actions = {audit.model.index(r, 3).data() for r in range(total)}
    assert "created" in actions
    assert {audit.model.index(r, 1).data() for r in range(total)} == {"this office"}
    # Filter: only cases (three were opened).
    qtbot.waitUntil(lambda: audit.entity.findData("case") > 0, timeout=WAIT)
    audit.entity.setCurrentIndex(audit.entity.findData("case"))
    qtbot.waitUntil(lambda: audit.model.rowCount() == 3, timeout=WAIT)
    assert {audit.model.index(r, 4).data() for r in range(3)} == {"case"}

    qtbot.mouseClick(audit.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "intact" in audit.result.text(), timeout=WAIT)
    assert f"{total} entries checked" in audit.result.text()

    # A silent edit through SQL on the worker's own connection (as an attacker with the key could).
    tampered: list[bool] = []

    def tamper(backend) -> None:
        backend.require().store.conn.execute("UPDATE audit_log SET action = 'open' WHERE n = 3")

    controller.runner.call(tamper, lambda _r: tampered.append(True))
    qtbot.waitUntil(lambda: bool(tampered), timeout=WAIT)
    audit.verify()
    qtbot.waitUntil(lambda: "changed outside the program" in audit.result.text(), timeout=WAIT)
    assert "Device this office, entry no. 3: the entry was altered." in audit.result.text()


def test_audit_model_pages_through_a_long_log(qtbot, qtmodeltester, qapp, settings,
                                             make_store: Callable[..., Store]) -> None:
    store = make_store("long", "office")
    cases = CaseService(store)
    for number in range(230):  # one audit entry each
        cases.find_or_create_client(f"K-{number:04d}")
    cases.open_case(cases.find_or_create_client("K-0000"), "work")
    expected = AuditService(store).verify()[0]
    folder = store.folder
    store.close()
    controller = AppController(qapp, folder, settings)
    try:
        main = unlock(qtbot, controller)
        assert main.office is not None
        audit = main.office.audit
        _show_office_tab(qtbot, main, audit)
        qtbot.waitUntil(lambda: audit.model.total == expected, timeout=WAIT)
        table_model = audit.model
        # The view asked for more as it showed the first page; wait for everything.
        while table_model.canFetchMore():
            table_model.fetchMore()
            qtbot.waitUntil(lambda: table_model.rowCount() == expected or not table_model._fetching,
                            timeout=WAIT)
        qtbot.waitUntil(lambda: table_model.rowCount() == expected, timeout=WAIT)
        keys = [(e.device_id, e.n) for e in (table_model.entry(r) for r in range(expected)) if e]
        assert len(set(keys)) == expected  # no entry twice across the pages
        assert [n for _d, n in keys] == sorted((n for _d, n in keys), reverse=True)
        qtmodeltester.check(table_model, force_py=True)
    finally:
        controller.shutdown()


@pytest.fixture
def store_with_due_case(make_store: Callable[..., Store]) -> Path:
    """An office store: K-OLD's only case was closed in 2015 (due), K-NOW's case is open."""
    store = make_store("retention", "office")
    cases = CaseService(store)
    old = cases.find_or_create_client("K-OLD", name="Alte Akte")
    cases.open_case(old, "work", dt.date(2015, 3, 1), number="2015-0001", status="closed",
                    closed_on=dt.date(2015, 6, 30), summary="Erledigt")
    cases.open_case(cases.find_or_create_client("K-NOW"), "housing", number="2099-0001")
    folder = store.folder
    store.close()
    return folder


def test_retention_erases_after_confirmation_and_cancel_changes_nothing(
        qtbot, qtmodeltester, qapp, settings, store_with_due_case: Path) -> None:
    controller = AppController(qapp, store_with_due_case, settings)
    try:
        main = unlock(qtbot, controller)
        assert main.office is not None
        retention = main.office.retention
        _show_office_tab(qtbot, main, retention)
        qtbot.waitUntil(lambda: retention.model.rowCount() == 1, timeout=WAIT)
        qtmodeltester.check(retention.model, force_py=True)
        assert retention.years.value() == 3
        assert retention.model.index(0, 0).data() == "2015-0001"
        assert retention.model.index(0, 2).data() == "01.01.2019"
        cancel = answer_box(QMessageBox.StandardButton.Cancel)
        retention.erase_due()
        cancel.check()
        assert "Erase 1 case whose" in cancel.text and "1 client who has" in cancel.text
        assert "cannot be undone" in cancel.text
        # Cancel submits nothing: once the jobs already queued are answered, the case is listed.
        qtbot.waitUntil(lambda: not retention.runner.busy, timeout=WAIT)
        assert retention.model.rowCount() == 1
        assert "Eras" not in retention.message.text()
        erase = answer_box(QMessageBox.StandardButton.Yes)
        qtbot.mouseClick(retention.erase_button, Qt.MouseButton.LeftButton)
        erase.check()
        qtbot.waitUntil(lambda: "Erased: 1 case," in retention.message.text(), timeout=WAIT)
        qtbot.waitUntil(lambda: retention.model.rowCount() == 0, timeout=WAIT)
        assert not retention.erase_button.isEnabled()
        qtbot.waitUntil(lambda: main.cases.list.model.rowCount() == 1, timeout=WAIT)
    finally:
        controller.shutdown()
    with _reopen(store_with_due_case) as store:
        with pytest.raises(NotFound):
            queries.case_id_by_number(store.conn, "2015-0001")
        assert queries.client_by_code(store.conn, "K-OLD") is None
        assert queries.client_by_code(store.conn, "K-NOW") is not None


def test_retention_policy_is_saved(qtbot, qapp, settings, store_with_due_case: Path) -> None:
    controller = AppController(qapp, store_with_due_case, settings)
    try:
        main = unlock(qtbot, controller)
        assert main.office is not None
        retention = main.office.retention
        _show_office_tab(qtbot, main, retention)
        qtbot.waitUntil(lambda: retention.overview is not None, timeout=WAIT)
        retention.years.setValue(30)
        year = dt.date.today().year
        assert f"kept until 31 December {year + 30} and erased from 1 January {year + 31}" \
            in retention.policy.text()
        retention.save_policy()
        qtbot.waitUntil(lambda: retention.overview is not None and retention.overview.years == 30,
                        timeout=WAIT)
        assert retention.model.rowCount() == 0  # closed 2015: kept through 2045 now
    finally:
        controller.shutdown()


def test_erase_case_from_the_editor_asks_first(qtbot, controller: AppController,
                                               filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    assert not editor.erase_button.isHidden()  # office store
    number = editor.record.case.number  # type: ignore[union-attr]
    cancel = answer_box(QMessageBox.StandardButton.Cancel)
    editor.erase_case()
    cancel.check()
    assert number in cancel.text and "cannot be undone" in cancel.text
    assert main.cases.currentWidget() is editor
    erase = answer_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(editor.erase_button, Qt.MouseButton.LeftButton)
    erase.check()
    qtbot.waitUntil(lambda: main.cases.currentWidget() is main.cases.list, timeout=WAIT)
    qtbot.waitUntil(lambda: main.cases.list.model.rowCount() == 2, timeout=WAIT)
    assert "Erased: 1 case," in main.statusBar().currentMessage()
    controller.shutdown()
    with _reopen(filled_store) as store:
        with pytest.raises(NotFound):
            queries.case_id_by_number(store.conn, number)
        assert queries.client_by_code(store.conn, "K-0002") is not None  # only the case


def test_erase_client_from_the_clients_page(qtbot, controller: AppController, filled_store: Path) -> None:
    main = unlock(qtbot, controller)
    main.show_page("clients")
    clients = main.clients
    qtbot.waitUntil(lambda: clients.model.rowCount() == 3, timeout=WAIT)
    clients.table.selectRow(2)
    assert clients.selected().code == "K-0003"  # type: ignore[union-attr]
    cancel = answer_box(QMessageBox.StandardButton.Cancel)
    clients.erase_selected()
    cancel.check()
    assert "K-0003" in cancel.text and "their 1 case with" in cancel.text
    # A refresh during the box's own event loop may have cleared the selection: select again.
    clients.table.selectRow(2)
    assert clients.selected().code == "K-0003"  # type: ignore[union-attr]
    erase = answer_box(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(clients.erase_button, Qt.MouseButton.LeftButton)
    erase.check()
    qtbot.waitUntil(lambda: clients.model.rowCount() == 2, timeout=WAIT)
    assert "Erased: 1 case," in clients.message.text()
    controller.shutdown()
    with _reopen(filled_store) as store:
        assert queries.client_by_code(store.conn, "K-0003") is None
        assert queries.client_by_code(store.conn, "K-0001") is not None


def test_interventions_that_tell_others_warn_without_consent(
        qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    qtbot.waitUntil(lambda: editor.consents.state is not None, timeout=WAIT)
    warning = editor.interventions.warning
    editor.tabs.setCurrentIndex(3)  # interventions
    editor.interventions.type.set_code("psychosocial_counseling")
    assert warning.isHidden()  # counseling needs no consent to contact others
    editor.interventions.type.set_code("complaint_letter")
    assert not warning.isHidden() and "Kontakt zu Dritten" in warning.text()
    editor.interventions.type.set_code("testing")
    assert warning.isHidden()
    editor.interventions.type.set_code("mediation_accompaniment")
    assert not warning.isHidden()

    # The letter dialog says the same, above the letter.
    editor.open_letter()
    qtbot.waitUntil(lambda: editor.letter_dialog is not None and editor.letter_dialog.isVisible(),
                    timeout=WAIT)
    assert editor.letter_dialog is not None
    assert not editor.letter_dialog.consent_warning.isHidden()
    editor.letter_dialog.reject()

    # Consent to contact third parties recorded on the client tab: the warning goes.
    panel = editor.consents
    panel.given_on.set_value(dt.date.today())
    panel.scopes.set_codes(("counseling", "third_parties"))
    panel.form.set_code("oral")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(warning.isHidden, timeout=WAIT)
    editor.interventions.type.set_code("press")
    assert warning.isHidden()
