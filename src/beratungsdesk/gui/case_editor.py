"""The case editor: every field of a case and its client, contacts with a session
timer, interventions, append-only notes and documents.

The case and client forms (``gui/case_form.py``, built from the field spec) are edited
locally and saved together (Ctrl+S); the lists below them (``gui/case_contacts.py``,
``gui/case_records.py``) save each addition at once. Leaving with unsaved form changes
asks first. Validation problems appear under the field they concern. What runs on the
worker is in ``gui/ops/cases.py``; unsaved input kept while locked in ``gui/case_drafts.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from beratungsdesk.core.errors import BeratungsError, NotFound
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.gui import case_drafts, case_print
from beratungsdesk.gui.case_contacts import ContactsTab
from beratungsdesk.gui.case_followups import CaseWeekPanel
from beratungsdesk.gui.case_form import CaseForm, relabel
from beratungsdesk.gui.case_records import DocumentsTab, InterventionsTab, NotesTab
from beratungsdesk.gui.common import error_text, icon
from beratungsdesk.gui.consent_view import ConsentPanel
from beratungsdesk.gui.erasure import confirm_erasure, erased_text
from beratungsdesk.gui.letter_dialog import LetterDialog
from beratungsdesk.gui.ops import cases as ops
from beratungsdesk.gui.referrals import ReferralPanel
from beratungsdesk.gui.widgets import FieldMessage, StagedBuild, errors_by_field
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.erasure import ErasureReport
from beratungsdesk.services.reports import LetterDraft
from beratungsdesk.services.session_office import Labels

_T = "CaseEditor"


def _t(text: str) -> str:
    """Translated in the editor's context (the header's texts were the editor's own)."""
    return QCoreApplication.translate(_T, text)


# Tabs by position (the Client tab is disabled for a case without a client).
CLIENT_TAB = 1


def _vanished(record: CaseRecord) -> bool:
    """The case or its client was erased: what is left is a tombstone without data."""
    return bool(record.case.deleted or (record.client is not None and record.client.deleted))


class EditorHeader(QWidget):
    """Back to the list, the case's title, its state ("Unsaved changes", "Saved") and the
    buttons that act on the whole case."""

    def __init__(self, back: Callable[[], None], revert: Callable[[], None], save: Callable[[], None],
                 erase: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton(icon("back"), _t("Case &list"))
        self.back_button.setToolTip(_t("Back to the case list (Alt+Left)"))
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.state = QLabel()
        self.state.setStyleSheet("color: #4f5f5f;")
        self.revert_button = QPushButton(_t("&Revert"))
        self.save_button = QPushButton(icon("save"), _t("&Save"))
        self.save_button.setToolTip(_t("Save the case and client data (Ctrl+S)"))
        self.erase_button = QPushButton(icon("delete"), _t("Erase case…"))
        self.erase_button.setToolTip(_t("Erase this case for data protection (office only)"))
        self.erase_button.hide()  # shown on the office store (CaseEditor.set_office)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.back_button)
        layout.addSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.state, 1)
        for button, action in ((self.back_button, back), (self.erase_button, erase),
                               (self.revert_button, revert), (self.save_button, save)):
            button.clicked.connect(lambda _checked=False, act=action: act())
        for button in (self.erase_button, self.revert_button, self.save_button):
            layout.addWidget(button)


def tell_erased(window: QWidget, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, _t("Case erased"), text, QMessageBox.StandardButton.Ok,
                      window)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not exec(): this comes from a change notice, nothing waits for it


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel, asked before leaving a case with unsaved changes."""
    box = QMessageBox(QMessageBox.Icon.Question, _t("Unsaved changes"),
                      _t("This case has changes that are not saved yet."),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    box.button(QMessageBox.StandardButton.Save).setText(_t("Save"))
    box.button(QMessageBox.StandardButton.Discard).setText(_t("Discard"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_t("Cancel"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return QMessageBox.StandardButton(box.exec())


class CaseEditor(StagedBuild, QWidget):
    closed = Signal()
    saved = Signal(str)
    erased = Signal(str)  # what was erased, in words (for the status bar)
    vanished = Signal(str)  # the open case was erased elsewhere and the editor closed (words)

    def __init__(self, runner: Runner, parent: QWidget | None = None, staged: bool = False) -> None:
        """``staged``: build only the header now, the rest by :meth:`build_step` calls."""
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.record: CaseRecord | None = None
        self._after_save: Callable[[], None] | None = None
        self._saving: dict[str, Any] = {}  # the form's values when the running save began
        self.letter_dialog: LetterDialog | None = None
        self.consents = ConsentPanel(runner)  # on the client tab; saves on its own
        self.form = CaseForm(self._update_state)
        self.fields = self.form.widgets  # every case and client field by name
        self.messages = self.form.messages
        self.header = EditorHeader(self.request_close, self.revert, self.save, self.erase_case)
        self.print_action = case_print.print_action(self, lambda: case_print.print_saved_case(self))
        case_print.add_print_button(self.header, self.print_action)
        self._just_saved = False  # "Saved" shown until the next edit
        self.title, self.state = self.header.title, self.header.state
        self.save_button, self.erase_button = self.header.save_button, self.header.erase_button
        self.general = FieldMessage()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        labels = lambda: self.labels  # noqa: E731 - labels change after construction
        # The largest widget of the program, built in steps (one tab each) when built in
        # idle time, so no single step holds the GUI thread long (``staged``).
        self._steps: list[Callable[[], object]] = [
            lambda: self.tabs.addTab(self.form.case_tab(), self.tr("Case")),
            lambda: self.tabs.addTab(self.form.client_tab(self.consents), self.tr("Client")),
            lambda: self._add_tab("contacts", ContactsTab(labels, self.run_write), self.tr("Contacts")),
            lambda: self._add_tab("interventions", InterventionsTab(labels, self.run_write),
                                  self.tr("Interventions")),
            lambda: self._add_tab("notes", NotesTab(labels, self.run_write, self._update_state),
                                  self.tr("Notes")),
            lambda: self._add_tab("documents", DocumentsTab(runner, self.run_write), self.tr("Documents")),
            lambda: self._add_tab("referrals", ReferralPanel(runner), self.tr("Referrals")),
            lambda: self._add_tab("week", CaseWeekPanel(runner), self.tr("Follow-ups and appointments")),
            self._finish_layout,
        ]
        if not staged:
            self.finish_building()

    def _add_tab(self, name: str, tab: QWidget, title: str) -> None:
        setattr(self, name, tab)
        self.tabs.addTab(tab, title)

    # Set by the build steps (``_add_tab``).
    contacts: ContactsTab
    interventions: InterventionsTab
    notes: NotesTab
    documents: DocumentsTab
    referrals: ReferralPanel
    week: CaseWeekPanel

    def _finish_layout(self) -> None:
        # One consent query feeds the warnings where an action needs a consent.
        for warning in self._warnings():
            self.consents.loaded.connect(warning.show_state)
        self.interventions.letter_button.clicked.connect(self.open_letter)
        self.interventions.type_changed()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.addWidget(self.header)
        layout.addWidget(self.general)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Alt+Left"), self, self.request_close)
        self._update_state()

    def _warnings(self) -> list[Any]:
        return [self.documents.warning, self.referrals.consent_warning, self.interventions.warning]

    # --- loading ------------------------------------------------------------

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self.form.set_labels(labels)
        relabel([widget for tab in (self.contacts, self.interventions, self.notes)
                 for widget in tab.vocab_widgets()], labels)
        for part in (self.referrals, self.week, self.consents, *self._warnings()):
            part.set_labels(labels)
        if self.record is not None:
            self._show_lists(self.record)

    def load(self, case_id: str) -> None:
        """Fetch a case on the worker and show it."""
        self._just_saved = False
        self.state.setText(self.tr("Loading…"))
        self.runner.call(ops.load_case(case_id), self.show_record,
                         lambda error: self.general.show_text(error_text(error)), self)

    def show_record(self, record: CaseRecord, keep_form: bool = False) -> None:
        if _vanished(record):
            self._close_vanished()
            return
        first = self.record is None or self.record.case.id != record.case.id
        self.record = record
        if not keep_form:
            self._fill_form(record)
        self._show_lists(record)
        if first:
            self.referrals.set_case(record.case.id)
            self.week.set_case(record.case.id)
            self.consents.set_client(record.client.id if record.client else None)
            self.reset_entry_forms(record)
            self.general.show_text("")
            self.form.clear_messages()
        if not keep_form:
            self.form.mark_invalid(record, self.labels)
        self._update_state()

    def _fill_form(self, record: CaseRecord, typed: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.form.fill(record, self.labels, typed)
        client_tab = self.tabs.widget(CLIENT_TAB)
        if client_tab is not None:  # built: the editor is complete before it shows a case
            client_tab.setEnabled(record.client is not None)

    def _show_lists(self, record: CaseRecord) -> None:
        title = self.tr("Case {number}").format(number=record.case.number or "")
        if record.client is not None and record.client.code:
            title += f" · {record.client.code}"
        self.title.setText(title)
        for tab in (self.contacts, self.interventions, self.notes, self.documents):
            tab.show_record(record)
        for index, (text, count) in enumerate(((self.tr("Contacts"), len(record.contacts)),
                                               (self.tr("Interventions"), len(record.interventions)),
                                               (self.tr("Notes"), self.notes.shown_count(record)),
                                               (self.tr("Documents"), len(record.attachments))),
                                              start=2):
            self.tabs.setTabText(index, f"{text} ({count})" if count else text)

    def reset_entry_forms(self, record: CaseRecord) -> None:
        for tab in (self.contacts, self.interventions, self.notes, self.documents):
            tab.reset(record)

    # --- form state ---------------------------------------------------------

    def _changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        if self.record is None:
            return {}, {}
        return self.form.changes()

    def is_dirty(self) -> bool:
        case, client = self._changes()
        return bool(case or client or self.notes.text.toPlainText().strip() or self.contacts.timer.running)

    def _update_state(self) -> None:
        if self.form.filling:  # called again once the form and its snapshot agree
            return
        case, client = self._changes()
        form_dirty = bool(case or client)
        repairs = any(self.form.repairs(self.record, self.labels))
        self.save_button.setEnabled(form_dirty or repairs)
        self.header.revert_button.setEnabled(form_dirty)
        # "Saved" stays until the next edit: the refresh that follows every write
        # (on_changed) must not wipe it a moment after it appeared.
        self._just_saved = self._just_saved and not form_dirty
        self.state.setText(self.tr("Unsaved changes") if form_dirty
                           else self.tr("Saved") if self._just_saved
                           else self.tr("Values that are not valid are marked") if repairs else "")

    def revert(self) -> None:
        if self.record is not None:
            self._fill_form(self.record)
            self.form.clear_messages()
            self._update_state()

    def save(self, after: Callable[[], None] | None = None) -> None:
        case_changes, client_changes = self.form.to_save(self.record, self.labels)
        if self.record is None or not (case_changes or client_changes):
            if after:
                after()
            return
        self.form.clear_messages()
        self.general.show_text("")
        client_id = self.record.client.id if self.record.client else None
        self._after_save = after
        self.save_button.setEnabled(False)
        self._saving = self.form.values()  # what is typed from now on is kept (_saved)
        self.runner.call(ops.save_case(self.record.case.id, case_changes, client_id, client_changes),
                         self._saved, self._save_failed, self)

    def _saved(self, record: CaseRecord) -> None:
        """Show what was stored without disturbing the person typing: fields that hold the
        stored value stay untouched (cursor, selection, scroll), and input typed while the
        save ran is kept as an unsaved change."""
        saving, self._saving = self._saving, {}
        if _vanished(record):
            self._close_vanished()
            return
        self._just_saved = True
        self.record = record
        self._fill_form(record, self.form.typed_since(saving))
        self._show_lists(record)
        self.form.mark_invalid(record, self.labels)
        self._update_state()  # says "Saved", or "Unsaved changes" for what was typed meanwhile
        self.saved.emit(record.case.id)
        after, self._after_save = self._after_save, None
        if after:
            after()

    def _save_failed(self, error: BeratungsError) -> None:
        self._after_save = None
        self._saving = {}
        if isinstance(error, NotFound) and error.data.get("entity") in ("case", "client"):
            self._close_vanished()  # erased while the form was open: nothing was written
            return
        self._update_state()
        problems = errors_by_field(error)
        unplaced = self.form.show_errors(problems)
        client_fields = self.form.client_fields()
        if set(problems) & client_fields and not set(problems) - client_fields:
            self.tabs.setCurrentIndex(CLIENT_TAB)
        elif self.tabs.currentIndex() > CLIENT_TAB:
            self.tabs.setCurrentIndex(0)
        self.general.show_text("\n".join(unplaced) if unplaced else
                               self.tr("Please correct the marked fields; nothing was saved."))

    # --- leaving ------------------------------------------------------------

    def request_close(self) -> None:
        self.maybe_leave(self.closed.emit)

    def maybe_leave(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` now, after saving, or not at all, as the user chooses."""
        if not self.is_dirty():
            proceed()
            return
        answer = ask_unsaved(self)
        if answer == QMessageBox.StandardButton.Save:
            if self.contacts.timer.running:
                self.contacts.timer.toggle()
            self.save(after=proceed)
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard()
            proceed()

    def discard(self) -> None:
        self.contacts.timer.reset()
        self.notes.text.clear()
        if self.record is not None:
            self._fill_form(self.record)
        self._update_state()

    def clear(self) -> None:
        """Forget the shown case (locking): no personal data stays in the widgets."""
        self.record = None
        self.form.clear()
        if self.letter_dialog is not None:  # its text comes from the case
            self.letter_dialog.close()
            self.letter_dialog.deleteLater()
            self.letter_dialog = None
        self.contacts.clear()
        self.notes.text.clear()
        for tab in (self.interventions, self.notes, self.documents):
            tab.model.set_records([])
        self.title.clear()
        self.referrals.clear()
        self.week.clear()
        self.consents.clear()
        for warning in self._warnings():
            warning.show_state(None)

    def on_changed(self, touched: set[str]) -> None:
        """Another part of the app (or a handover) wrote: refresh, keeping unsaved input."""
        self.referrals.on_changed(touched)
        self.week.on_changed(touched)
        self.consents.on_changed(touched)
        if self.record is None or not touched & {"case", "client", "contact", "intervention", "note",
                                                 "attachment", "counselor"}:
            return
        case_id = self.record.case.id

        def done(record: CaseRecord) -> None:
            if self.record is not None and self.record.case.id == record.case.id:
                # Asked now, not when the refresh was requested: the user may have typed
                # while the worker was busy, and that input must not be overwritten.
                case, client = self._changes()
                self.show_record(record, keep_form=bool(case or client))

        def failed(error: BeratungsError) -> None:
            if isinstance(error, NotFound) and self.record is not None and self.record.case.id == case_id:
                self._close_vanished()
            else:
                self.general.show_text(error_text(error))

        self.runner.call(ops.load_case(case_id), done, failed, self)

    def _close_vanished(self) -> None:
        """The open case or its client was erased elsewhere (another page, the retention
        rules, a handover): close the editor and say so; the form's input goes with it, as
        erased data must."""
        number = self.record.case.number if self.record is not None else None
        # Told in a box when it takes something from the person: the form on screen, or
        # input not yet saved; else (the editor behind another page) in the status bar.
        tell = self.isVisible() or self.is_dirty()
        self.contacts.timer.reset()
        self.notes.text.clear()
        self.form.snapshot = self.form.values()  # nothing left to save or to ask about
        self._after_save = None
        self.closed.emit()  # the case list takes over and clears the editor
        self.clear()
        text = self.tr("Case {number} was erased elsewhere (on another page, by the retention "
                       "rules or with a handover). The editor was closed; input not yet saved "
                       "was discarded with it.").format(number=number or "")
        self.vanished.emit(text)
        if tell:
            tell_erased(self.window(), text)

    # --- the lists' entries: saved at once -------------------------------------

    def run_write(self, job: ops.Job[Any], messages: dict[str, FieldMessage], general: FieldMessage,
                  done: Callable[[], None]) -> None:
        """Run an entry's write, then show the case as stored (the form keeps its input);
        problems go under the fields in ``messages``, the rest into ``general``."""
        if self.record is None:
            return
        for message in messages.values():
            message.show_text("")
        general.show_text("")

        def ok(record: CaseRecord) -> None:
            done()
            self.show_record(record, keep_form=True)

        def failed(error: BeratungsError) -> None:
            rest = []
            for field, problem in errors_by_field(error).items():
                if field in messages:
                    messages[field].show_text(error_text(problem))
                else:
                    rest.append(error_text(problem))
            general.show_text("\n".join(rest))

        self.runner.call(ops.then_record(self.record.case.id, job), ok, failed, self)

    # --- complaint letter ------------------------------------------------------

    def open_letter(self) -> None:
        """The letter is proposed from the saved case: unsaved form changes are saved first."""
        if self.record is not None:
            self.save(after=self._fetch_letter_draft)

    def _fetch_letter_draft(self) -> None:
        if self.record is None:
            return
        case_id, number = self.record.case.id, self.record.case.number or ""
        message = self.interventions.messages["type"]
        message.show_text("")

        def done(draft: LetterDraft) -> None:
            case_drafts.letter_dialog(self, case_id, draft)

        self.runner.call(ops.letter_draft(number), done, lambda e: message.show_text(error_text(e)), self)

    # --- erasure (office) ------------------------------------------------------

    def set_office(self, is_office: bool) -> None:
        self.erase_button.setVisible(is_office)
        # Only the office assigns a case to a counselor (it would refuse the change from a
        # laptop at the next handover); the laptop shows the assignment without offering it.
        counselor = self.fields["counselor_id"]
        counselor.setEnabled(is_office)
        counselor.setToolTip("" if is_office else self.tr("Only the office assigns a case to a counselor."))

    def erase_case(self) -> None:
        """Erase the open case after confirmation; unsaved form input goes with it."""
        if self.record is None:
            return
        number = self.record.case.number or ""
        question = self.tr("Erase case {number} with its contacts, notes, documents and "
                           "referrals?").format(number=number)
        if not confirm_erasure(self, self.tr("Erase case"), question):
            return

        def done(report: ErasureReport) -> None:
            self.contacts.timer.reset()
            self.form.snapshot = self.form.values()  # nothing left to save
            self.closed.emit()
            self.erased.emit(erased_text(report))

        self.runner.call(ops.erase_case(number), done, lambda e: self.general.show_text(error_text(e)), self)

    # --- drafts: unsaved input kept while the program is locked -----------------

    def draft_state(self) -> dict[str, Any] | None:
        return case_drafts.draft_state(self)

    def restore_draft(self, state: dict[str, Any]) -> bool:
        return case_drafts.restore_draft(self, state)

    def discard_draft(self) -> None:
        """The restored draft is not wanted: back to the saved case."""
        case_drafts.discard_draft(self)
