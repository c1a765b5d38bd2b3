"""A client's consents (GDPR): the list, adding one, withdrawing one; and the warning
shown where an action needs a consent that is missing or withdrawn.

The panel appears on the clients page and in the case editor's client tab. It
loads a :class:`ConsentState` (the consents and, per scope, whether one is
missing or withdrawn) and hands it on through ``loaded``, so the warnings on
the documents and referrals tabs follow every change without a query of their own.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, error_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel, german_date, record_table
from beratungsdesk.gui.ops import protection as protection_ops
from beratungsdesk.gui.refresh import Notice, is_echo, touches
from beratungsdesk.gui.widgets import (
    CodeChecklist,
    DateField,
    FieldMessage,
    VocabCombo,
    show_field_errors,
    with_message,
)
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_office import Labels
from beratungsdesk.services.session_protection import ConsentState

_T = "ConsentPanel"
_H = {
    "given": QT_TRANSLATE_NOOP("ConsentPanel", "Given on"),
    "scope": QT_TRANSLATE_NOOP("ConsentPanel", "Scope"),
    "form": QT_TRANSLATE_NOOP("ConsentPanel", "Form"),
    "withdrawn": QT_TRANSLATE_NOOP("ConsentPanel", "Withdrawn on"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def _date(value: object) -> str:
    return german_date(str(value)) if value else ""


def warning_text(state: ConsentState | None, scope: str, labels: Labels) -> str:
    """The translated warning for ``scope``, or "" when a consent covers it."""
    code = state.warnings.get(scope) if state is not None else None
    if not code:
        return ""
    return error_text(BeratungsError(code, scope=labels.label("consent_scope", scope)))


class ConsentWarning(QLabel):
    """A clear, non-blocking notice above an action that needs a consent (one scope)."""

    def __init__(self, scope: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = scope
        self.labels = Labels("de")
        self.state: ConsentState | None = None
        self.needed = True  # False while the action at hand does not need this scope
        self.setWordWrap(True)
        self.setObjectName("consentWarning")
        self.setStyleSheet("#consentWarning { background: #fff4d6; color: #5c3d00; "
                           "border: 1px solid #e0b64a; border-radius: 4px; padding: 6px; }")
        self.hide()

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels

    def set_needed(self, needed: bool) -> None:
        """Show the warning only while the chosen action needs the scope."""
        self.needed = needed
        self.show_state(self.state)

    def show_state(self, state: ConsentState | None) -> None:
        self.state = state
        text = warning_text(state, self.scope, self.labels) if self.needed else ""
        if text:
            text += " " + _t("You can go on; please record the consent on the client tab first if "
                             "the client gives it.")
        self.setText(text)
        self.setVisible(bool(text))


class ConsentPanel(QWidget):
    """The consents of one client, saved at once like the case's contacts."""

    loaded = Signal(object)  # ConsentState, or None when no client is shown

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.labels = Labels("de")
        self.client_id: str | None = None
        self.state: ConsentState | None = None
        self.model = RecordTableModel(_T, [
            Column(_H["given"], lambda c: _date(c.given_on)),
            Column(_H["scope"], lambda c: ", ".join(self.labels.label("consent_scope", s)
                                                    for s in c.scopes)),
            Column(_H["form"], lambda c: self.labels.label("consent_form", c.form)),
            Column(_H["withdrawn"], lambda c: _date(c.withdrawn_on)),
        ], self)
        self.table = record_table(self.model, _t("Consents"))
        self.table.setMinimumHeight(110)
        for column, width in enumerate((100, 330, 110)):
            self.table.setColumnWidth(column, width)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #4f5f5f;")
        self.withdraw_on = DateField()
        self.withdraw_on.setAccessibleName(_t("Withdrawn on"))
        self.withdraw_button = QPushButton(_t("&Withdraw selected consent"))
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        withdraw_row = QHBoxLayout()
        withdraw_row.addWidget(self.summary, 1)
        withdraw_row.addWidget(QLabel(_t("Withdrawn on:")))
        withdraw_row.addWidget(self.withdraw_on)
        withdraw_row.addWidget(self.withdraw_button)
        self.general = FieldMessage()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(withdraw_row)
        layout.addWidget(self._add_box())
        layout.addWidget(self.general)

    def _add_box(self) -> QGroupBox:
        self.given_on = DateField()
        self.scopes = CodeChecklist("consent_scope")
        self.scopes.setMinimumHeight(84)
        self.scopes.setMaximumHeight(96)
        self.form = VocabCombo("consent_form", optional=False)
        self.messages: dict[str, FieldMessage] = {}
        grid = QGridLayout()
        for row, (name, label, widget) in enumerate((("given_on", _t("Given on:"), self.given_on),
                                                     ("form", _t("Form:"), self.form))):
            box, self.messages[name] = with_message(widget)
            widget.setAccessibleName(label.rstrip(":"))
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(box, row, 1)
        scopes_box, self.messages["scopes"] = with_message(self.scopes)
        self.scopes.setAccessibleName(_t("Scope"))
        grid.addWidget(QLabel(_t("Scope:")), 0, 2)
        grid.addWidget(scopes_box, 0, 3, 3, 1)
        self.add_button = QPushButton(icon("add"), _t("Add &consent"))
        self.add_button.clicked.connect(self.add)
        grid.addWidget(self.add_button, 2, 1)
        grid.setColumnStretch(3, 1)
        box = QGroupBox(_t("New consent"))
        box.setLayout(grid)
        return box

    def set_labels(self, labels: Labels) -> None:
        self.labels = labels
        self.scopes.set_labels(labels)
        self.form.set_labels(labels)
        self.model.set_records(self.model.records())

    def set_client(self, client_id: str | None) -> None:
        if client_id != self.client_id:
            self.client_id = client_id
            self.state = None
            self.model.set_records([])
            self.summary.clear()
            self._clear_messages()
            self.scopes.set_codes(())
        self.setEnabled(client_id is not None)
        if client_id is None:
            self.loaded.emit(None)
        self.reload()

    def reload(self) -> None:
        client_id = self.client_id
        if client_id is None:
            return

        def done(state: ConsentState) -> None:
            if state.client_id == self.client_id:
                self._show(state)

        protection_ops.consent_state(client_id).run(self.runner, self, done,
                                                    lambda e: self.general.show_text(error_text(e)))

    def _show(self, state: ConsentState) -> None:
        self.state = state
        self.model.set_records(state.consents)
        active = [self.labels.label("consent_scope", scope) for scope, problem in state.warnings.items()
                  if problem is None]
        self.summary.setText(_t("Consent given for: {scopes}").format(scopes=", ".join(active))
                             if active else _t("No valid consent recorded."))
        self.loaded.emit(state)

    def on_changed(self, changes: Notice) -> None:
        # Its own additions and withdrawals reload when answered: no echo.
        if self.client_id is None or is_echo(changes, self):
            return
        if touches(changes, "consent") or touches(changes, "client", self.client_id):
            self.reload()

    def _clear_messages(self) -> None:
        for message in self.messages.values():
            message.show_text("")
        self.general.show_text("")

    def _failed(self, error: BeratungsError) -> None:
        show_field_errors(error, self.messages, self.general)

    def add(self) -> None:
        self._clear_messages()
        client_id = self.client_id
        if client_id is None:
            return
        scopes, form, given_on = self.scopes.codes(), self.form.code(), self.given_on.value()

        def done(_consent: object) -> None:
            self.scopes.set_codes(())
            self.reload()

        protection_ops.add_consent(client_id, scopes, form, given_on).run(self.runner, self, done,
                                                                          self._failed)

    def withdraw_selected(self) -> None:
        self._clear_messages()
        consent = self.model.record(self.table.currentIndex().row())
        if consent is None:
            self.general.show_text(_t("Select a consent first."))
            return
        if consent.withdrawn_on:
            self.general.show_text(_t("This consent was already withdrawn."))
            return
        on = self.withdraw_on.value()
        protection_ops.withdraw_consent(consent.id, on).run(self.runner, self, lambda _r: self.reload(),
                                                            self._withdraw_failed)

    def _withdraw_failed(self, error: BeratungsError) -> None:
        self.general.show_text(error_text(error))

    def clear(self) -> None:
        self.client_id = None
        self.state = None
        self.model.set_records([])
        self.summary.clear()
        self._clear_messages()
