"""Office: the team, the extendable lists (vocabularies), the organisation profile, and for
data protection the audit log and retention (gui/audit_view.py, gui/retention_view.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.vocab import Term
from beratungsdesk.gui.audit_view import AuditView
from beratungsdesk.gui.backup_view import BackupView, health_warning
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel, record_table
from beratungsdesk.gui.ops import Op
from beratungsdesk.gui.ops import backup as backup_ops
from beratungsdesk.gui.ops import office as office_ops
from beratungsdesk.gui.refresh import Notice, is_echo, touches_any
from beratungsdesk.gui.report_texts import ReportTextsEditor
from beratungsdesk.gui.retention_view import RetentionView
from beratungsdesk.gui.widgets import FieldMessage, set_text_kept
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.backup import BackupHealth
from beratungsdesk.services.session_office import Labels, OrganisationProfile, ReportText

#: The lists the office may extend, with their names as shown.
LIST_NAMES = {
    "area": QT_TRANSLATE_NOOP("OfficeView", "Areas of life"),
    "ground": QT_TRANSLATE_NOOP("OfficeView", "Grounds"),
    "racism_form": QT_TRANSLATE_NOOP("OfficeView", "Forms of racism"),
    "level": QT_TRANSLATE_NOOP("OfficeView", "Levels"),
    "intervention": QT_TRANSLATE_NOOP("OfficeView", "Interventions"),
    "channel": QT_TRANSLATE_NOOP("OfficeView", "Contact channels"),
    "respondent": QT_TRANSLATE_NOOP("OfficeView", "Respondents"),
    "town": QT_TRANSLATE_NOOP("OfficeView", "Towns"),
    "age_group": QT_TRANSLATE_NOOP("OfficeView", "Age groups"),
    "workshop_type": QT_TRANSLATE_NOOP("OfficeView", "Workshop types"),
    "partner_kind": QT_TRANSLATE_NOOP("OfficeView", "Kinds of network partners"),
}
#: Profile lines edited here; the report's section texts are in gui/report_texts.py (the
#: prevention offers and the access export's privacy text stay on the command line).
PROFILE_FIELDS = {key: key for key in ("name", "cooperation", "funding", "address", "phone", "web",
                                       "email", "social", "signature")}
_HEADERS = {
    "name": QT_TRANSLATE_NOOP("OfficeView", "Name"),
    "initials": QT_TRANSLATE_NOOP("OfficeView", "Initials"),
    "active": QT_TRANSLATE_NOOP("OfficeView", "Active"),
    "german": QT_TRANSLATE_NOOP("OfficeView", "German"),
    "english": QT_TRANSLATE_NOOP("OfficeView", "English"),
    "code": QT_TRANSLATE_NOOP("OfficeView", "Code"),
    "state": QT_TRANSLATE_NOOP("OfficeView", "In use"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("OfficeView", text)


def _clear(*fields: QLineEdit) -> None:
    for field in fields:
        field.clear()


def _yes_no(value: bool) -> str:
    return _t("yes") if value else _t("no")



class MemberNameDialog(QDialog):
    """Name and initials of one team member, to correct a typo."""

    def __init__(self, member: model.Counselor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Correct the name"))
        self.name = QLineEdit(member.name or "")
        self.name.setAccessibleName(self.tr("Name"))
        self.initials = QLineEdit(member.initials or "")
        self.initials.setAccessibleName(self.tr("Initials"))
        self.message = FieldMessage()
        hint = QLabel(self.tr("The cases, contacts and notes of this counselor show the new name; "
                              "the laptops receive it with the next handover."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Initials:"), self.initials)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Save"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.name.selectAll()

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), self.initials.text().strip()

    def accept(self) -> None:
        if not self.values()[0]:
            self.message.show_text(self.tr("Please enter a name."))
            self.name.setFocus()
            return
        super().accept()


class OfficeView(QWidget):
    def __init__(self, runner: Runner, is_office: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.is_office = is_office
        heading = QLabel(self.tr("Office"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._team_tab(), self.tr("Team"))
        self.tabs.addTab(self._lists_tab(), self.tr("Lists"))
        self.tabs.addTab(self._profile_tab(), self.tr("Organisation profile"))
        self.audit = AuditView(runner)
        self.retention = RetentionView(runner)
        self.tabs.addTab(self.audit, self.tr("Audit log"))
        self.tabs.addTab(self.retention, self.tr("Retention"))
        self.backups = BackupView(runner, is_office)
        self.backups.health_changed.connect(self._show_backup_health)
        self.tabs.addTab(self.backups, self.tr("Backup"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        # Shown on every tab: a missing or stale backup is the one thing the office must not miss.
        self.backup_warning = QLabel()
        self.backup_warning.setWordWrap(True)
        self.backup_warning.setStyleSheet("color: #a12622;")
        self.backup_warning.hide()
        layout.addWidget(heading)
        layout.addWidget(self.backup_warning)
        layout.addWidget(self.tabs, 1)

    # --- team ---------------------------------------------------------------

    def _team_tab(self) -> QWidget:
        self.team_model = RecordTableModel("OfficeView", [
            Column(_HEADERS["name"], lambda c: c.name or ""),
            Column(_HEADERS["initials"], lambda c: c.initials or ""),
            Column(_HEADERS["active"], lambda c: _yes_no(bool(c.active))),
        ], self)
        self.team_table = record_table(self.team_model, self.tr("Team"))
        self.team_table.setColumnWidth(0, 260)
        self.member_name = QLineEdit()
        self.member_name.setPlaceholderText(self.tr("Name"))
        self.member_name.setAccessibleName(self.tr("Name of the new counselor"))
        self.member_initials = QLineEdit()
        self.member_initials.setPlaceholderText(self.tr("Initials"))
        self.member_initials.setAccessibleName(self.tr("Initials of the new counselor"))
        self.member_initials.setMaximumWidth(90)
        add = QPushButton(icon("add"), self.tr("&Add to the team"))
        add.clicked.connect(self.add_member)
        # Enter in either field adds (the page is no dialog: no default button).
        self.member_name.returnPressed.connect(self.add_member)
        self.member_initials.returnPressed.connect(self.add_member)
        self.toggle_member = QPushButton(self.tr("Mark selected as active / inactive"))
        self.toggle_member.clicked.connect(self.toggle_selected_member)
        self.rename_button = QPushButton(self.tr("&Correct the name…"))
        self.rename_button.setToolTip(self.tr("Correct the selected member's name or initials; "
                                              "their cases show the new name."))
        self.rename_button.clicked.connect(self.rename_selected_member)
        self.team_table.doubleClicked.connect(lambda _index: self.rename_selected_member())
        self.team_message = FieldMessage()
        row = QHBoxLayout()
        row.addWidget(self.member_name, 1)
        row.addWidget(self.member_initials)
        row.addWidget(add)
        hint = QLabel(self.tr("Inactive counselors stay in old cases but are no longer offered."))
        hint.setWordWrap(True)  # beside two buttons: wrapped, never cut off
        hint.setStyleSheet("color: #4f5f5f;")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.team_table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.rename_button)
        bottom.addWidget(self.toggle_member)
        layout.addLayout(bottom)
        layout.addLayout(row)
        layout.addWidget(self.team_message)
        page.setEnabled(self.is_office)
        return page

    def add_member(self) -> None:
        name, initials = self.member_name.text().strip(), self.member_initials.text().strip()
        if not name:
            self.team_message.show_text(self.tr("Please enter a name."))
            return
        self._write(office_ops.add_counselor(name, initials), self.team_message,
                    lambda: _clear(self.member_name, self.member_initials))

    def rename_selected_member(self) -> MemberNameDialog | None:
        """Correct a misspelt name; the cases name their counselor by id and follow."""
        member = self.team_model.record(self.team_table.currentIndex().row())
        if member is None:
            self.team_message.show_text(self.tr("Select a counselor first."))
            return None
        dialog = MemberNameDialog(member, self)

        def save() -> None:
            name, initials = dialog.values()
            self._write(office_ops.rename_counselor(member.id, name, initials),
                        self.team_message, lambda: None)

        dialog.accepted.connect(save)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def toggle_selected_member(self) -> None:
        member = self.team_model.record(self.team_table.currentIndex().row())
        if member is None:
            self.team_message.show_text(self.tr("Select a counselor first."))
            return
        self._write(office_ops.set_counselor_active(member.id, not member.active),
                    self.team_message, lambda: None)

    # --- lists --------------------------------------------------------------

    def _lists_tab(self) -> QWidget:
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("List"))
        for kind, name in LIST_NAMES.items():
            self.kind.addItem(_t(name), kind)
        self.kind.currentIndexChanged.connect(self.load_terms)
        self.terms_model = RecordTableModel("OfficeView", [
            Column(_HEADERS["german"], lambda t: t.label_de),
            Column(_HEADERS["english"], lambda t: t.label_en),
            Column(_HEADERS["code"], lambda t: t.code),
            Column(_HEADERS["state"], lambda t: _yes_no(not t.retired)),
        ], self)
        self.terms_table = record_table(self.terms_model, self.tr("Entries of the list"))
        self.terms_table.setColumnWidth(0, 280)
        self.terms_table.setColumnWidth(1, 280)
        self.terms_table.setColumnWidth(2, 200)
        self.label_de = QLineEdit()
        self.label_de.setPlaceholderText(self.tr("German label"))
        self.label_de.setAccessibleName(self.tr("German label of the new entry"))
        self.label_en = QLineEdit()
        self.label_en.setPlaceholderText(self.tr("English label"))
        self.label_en.setAccessibleName(self.tr("English label of the new entry"))
        add = QPushButton(icon("add"), self.tr("Add &entry"))
        add.clicked.connect(self.add_term)
        self.retire = QPushButton(self.tr("Retire / reuse selected entry"))
        self.retire.clicked.connect(self.toggle_selected_term)
        self.lists_message = FieldMessage()
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("List:")))
        top.addWidget(self.kind, 1)
        top.addWidget(self.retire)
        row = QHBoxLayout()
        row.addWidget(self.label_de, 1)
        row.addWidget(self.label_en, 1)
        row.addWidget(add)
        hint = QLabel(self.tr("Codes never change; a retired entry stays readable in old cases and "
                              "figures. The laptops receive the lists with the next handover."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.terms_table, 1)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.lists_message)
        page.setEnabled(self.is_office)
        return page

    def load_terms(self) -> None:
        kind = str(self.kind.currentData())
        office_ops.terms(kind).run(self.runner, self, self._show_terms, self._list_failed)

    def _show_terms(self, terms: list[Term]) -> None:
        self.terms_model.set_records(terms)

    def _list_failed(self, error: BeratungsError) -> None:
        self.lists_message.show_text(error_text(error))

    def add_term(self) -> None:
        kind = str(self.kind.currentData())
        german, english = self.label_de.text().strip(), self.label_en.text().strip()
        if not german:
            self.lists_message.show_text(self.tr("Please enter the German label."))
            return
        self._write(office_ops.add_term(kind, german, english), self.lists_message,
                    lambda: _clear(self.label_de, self.label_en))

    def toggle_selected_term(self) -> None:
        term = self.terms_model.record(self.terms_table.currentIndex().row())
        if term is None:
            self.lists_message.show_text(self.tr("Select an entry first."))
            return
        self._write(office_ops.set_term_retired(term.kind, term.code, not term.retired),
                    self.lists_message, lambda: None)

    # --- organisation profile (reports and letters) ----------------------------

    def _profile_tab(self) -> QWidget:
        self.profile_fields: dict[str, QWidget] = {}
        self.profile_loaded: dict[str, str] = {}
        self.logo_file: Path | None = None
        form = QFormLayout()
        for key, label in ((PROFILE_FIELDS["name"], self.tr("Name:")),
                           (PROFILE_FIELDS["cooperation"], self.tr("Run by:")),
                           (PROFILE_FIELDS["funding"], self.tr("Funded by:")),
                           (PROFILE_FIELDS["address"], self.tr("Postal address:")),
                           (PROFILE_FIELDS["phone"], self.tr("Phone:")),
                           (PROFILE_FIELDS["web"], self.tr("Web:")),
                           (PROFILE_FIELDS["email"], self.tr("E-mail:")),
                           (PROFILE_FIELDS["social"], self.tr("Social media:")),
                           (PROFILE_FIELDS["signature"], self.tr("Signature under letters:"))):
            widget: QWidget = QPlainTextEdit() if key == "address" else QLineEdit()
            if isinstance(widget, QPlainTextEdit):
                widget.setMaximumHeight(80)
                widget.setTabChangesFocus(True)
            widget.setAccessibleName(label.rstrip(":"))
            self.profile_fields[key] = widget
            form.addRow(label, widget)
        self.logo_label = QLabel(self.tr("Logo: unchanged"))
        logo = QPushButton(self.tr("Choose a &logo…"))
        logo.clicked.connect(self._choose_logo)
        save = QPushButton(icon("save"), self.tr("&Save profile"))
        save.clicked.connect(self.save_profile)
        self.profile_message = FieldMessage()
        hint = QLabel(self.tr("The profile appears on the short report and on letters; the laptops "
                              "receive it with the next handover. An empty line means the default."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        row = QHBoxLayout()
        row.addWidget(self.logo_label, 1)
        row.addWidget(logo)
        row.addWidget(save)
        self.report_texts = ReportTextsEditor()
        texts_box = QGroupBox(self.tr("Texts of the short report"))
        QVBoxLayout(texts_box).addWidget(self.report_texts)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(texts_box, 1)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.profile_message)
        page.setEnabled(self.is_office)
        return page

    def _profile_texts(self) -> dict[str, str]:
        return {key: (w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()).strip()  # type: ignore[attr-defined]
                for key, w in self.profile_fields.items()}

    def _show_profile(self, profile: OrganisationProfile) -> None:
        self.profile_loaded = {key: str(getattr(profile, key, "") or "") for key in self.profile_fields}
        for key, widget in self.profile_fields.items():
            text = self.profile_loaded[key]
            set_text_kept(widget, text)  # type: ignore[arg-type]  # a save refills: the cursor stays
        self.logo_label.setText(self.tr("Logo: set") if profile.logo else self.tr("Logo: none"))

    def _show_report_texts(self, texts: list[ReportText]) -> None:
        self.report_texts.set_texts(texts)

    def _choose_logo(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a logo"), "",
                                                      self.tr("Images (*.png *.jpg *.jpeg)"))
        if chosen:
            self.logo_file = Path(chosen)
            self.logo_label.setText(self.tr("Logo: {file} (save to apply)").format(file=Path(chosen).name))

    def save_profile(self) -> None:
        changed = {k: v for k, v in self._profile_texts().items() if v != self.profile_loaded.get(k, "")}
        changed.update(self.report_texts.changes())
        logo, self.logo_file = self.logo_file, None

        def done(_result: object) -> None:
            self.profile_message.setStyleSheet("color: #2f6f73;")
            self.profile_message.show_text(self.tr("The profile was saved."))
            self.refresh()

        def failed(error: BeratungsError) -> None:
            self.profile_message.setStyleSheet("color: #a12622;")
            self.profile_message.show_text(error_text(error))

        office_ops.save_profile(changed, logo).run(self.runner, self, done, failed)

    # --- shared ---------------------------------------------------------------

    def _write(self, operation: Op[Any], message: FieldMessage, done: Callable[[], object]) -> None:
        message.show_text("")

        def ok(_result: object) -> None:
            done()
            self.refresh()

        operation.run(self.runner, self, ok, lambda e: message.show_text(error_text(e)))

    def refresh(self) -> None:
        office_ops.team().run(self.runner, self, self._show_team, self._list_failed)
        self.load_terms()
        office_ops.organisation_profile().run(self.runner, self, self._show_profile, self._list_failed)
        office_ops.report_texts().run(self.runner, self, self._show_report_texts, self._list_failed)
        # The audit log and the retention overview load when their tab is shown (the
        # overview reads every case: seconds at 100 000, which would hold up the worker).
        if self.audit.isVisible():
            self.audit.refresh()
        if self.retention.isVisible():
            self.retention.refresh()
        self._refresh_backup_health()
        if self.backups.isVisible():
            self.backups.refresh()

    def _refresh_backup_health(self) -> None:
        if self.is_office:
            backup_ops.backup_health().run(self.runner, self, self._show_backup_health)

    def _show_backup_health(self, health: BackupHealth) -> None:
        text = health_warning(health)
        self.backup_warning.setText(text or "")
        self.backup_warning.setVisible(bool(text))

    def set_labels(self, labels: Labels) -> None:
        self.audit.set_labels(labels)

    def on_changed(self, changes: Notice) -> None:
        """Every write adds audit entries: refresh the data-protection tabs only while shown.
        The team, the lists and the profile reload when one of them changed elsewhere (this
        page's own writes reload when answered); the backup warning after any other write."""
        if self.audit.isVisible():
            self.audit.model.reload()
        if self.retention.isVisible() and touches_any(changes, ("case", "setting")):
            self.retention.refresh()
        if is_echo(changes, self):
            return
        if touches_any(changes, ("counselor", "term", "setting")):
            self.refresh()
        elif touches_any(changes, ("case", "client", "contact", "intervention", "note", "attachment")):
            self._refresh_backup_health()

    def _show_team(self, team: list[model.Counselor]) -> None:
        self.team_model.set_records(team)

    def clear(self) -> None:
        self.team_model.set_records([])
        self.terms_model.set_records([])
        self.report_texts.clear()
        self.audit.clear()
        self.retention.clear()
