"""The case editor's form: the Case and Client tabs, built from the field spec
(:class:`FieldForm`), edited locally and saved together.

It keeps a snapshot of what the form showed when it was filled, so it can tell the
changes (what saving writes), the repairs (fields whose stored value is not valid) and,
after a save, which input was typed meanwhile and must stay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.gui.common import error_text
from beratungsdesk.gui.consent_view import ConsentPanel
from beratungsdesk.gui.field_form import FieldForm
from beratungsdesk.gui.widgets import FieldMessage
from beratungsdesk.services.session_office import Labels

# The editor's translation context: the texts were the editor's before the form moved out.
_T = "CaseEditor"
PARTS = ("case", "client")


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def invalid_values(entity: model.Entity | None, labels: Labels) -> dict[str, Any]:
    """Field -> stored value, for the fields of ``entity`` whose stored value is not valid
    (of the wrong kind, or a code the vocabulary does not have)."""
    if entity is None:
        return {}
    found = {}
    for spec in model.spec(entity.ENTITY).fields:
        value = getattr(entity, spec.name)
        codes = ((value,) if spec.kind == model.CODE and value else
                 value if spec.kind == model.CODES else ())
        if wire_form.is_invalid(value) or (spec.vocab and any(not labels.knows(spec.vocab, str(code))
                                                          for code in codes)):
            found[spec.name] = value
    return found


def relabel(widgets: list[Any], labels: Labels) -> None:
    """New labels (vocabularies, counselors) into ``widgets``, keeping each one's value quietly."""
    for widget in widgets:
        widget.blockSignals(True)
        widget.set_labels(labels)
        widget.blockSignals(False)


def scrolling(layout: Any) -> QWidget:
    inner = QWidget()
    inner.setLayout(layout)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll


class CaseForm:
    """The fields of a case and of its client, with the snapshot they were filled from."""

    def __init__(self, on_change: Callable[[], None]) -> None:
        self.parts = {part: FieldForm(part, on_change, _t("(nobody)")) for part in PARTS}
        #: Every form field by name (case and client names differ; the model keeps them apart).
        self.widgets: dict[str, QWidget] = {**self.parts["case"].widgets, **self.parts["client"].widgets}
        self.messages: dict[str, FieldMessage] = {**self.parts["case"].messages,
                                                  **self.parts["client"].messages}
        self.snapshot: dict[str, dict[str, Any]] = {}
        self.filling = False  # True while fill writes a record into the form

    def case_tab(self) -> QWidget:
        left, right = QFormLayout(), QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.parts["case"].add_rows(left, column=0)
        self.parts["case"].add_rows(right, column=1)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(24)
        return scrolling(grid)

    def client_tab(self, consents: ConsentPanel) -> QWidget:
        form = QFormLayout()
        self.parts["client"].add_rows(form)
        hint = QLabel(_t("The client code is what appears in lists; the name and contact "
                         "details are only shown here."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #4f5f5f;")
        form.addRow(hint)
        box = QGroupBox(_t("Consents of the client"))
        QVBoxLayout(box).addWidget(consents)
        consents.setMinimumHeight(330)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(box, 1)
        return scrolling(column)

    def vocab_widgets(self) -> list[Any]:
        return [*self.parts["case"].vocab_widgets(), *self.parts["client"].vocab_widgets()]

    def client_fields(self) -> set[str]:
        return set(self.parts["client"].widgets)

    # --- filling and reading back ---------------------------------------------------

    def values(self) -> dict[str, dict[str, Any]]:
        return {part: form.values() for part, form in self.parts.items()}

    def fill(self, record: CaseRecord, labels: Labels,
             typed: frozenset[tuple[str, str]] = frozenset()) -> None:
        """Show ``record``; the fields in ``typed`` ((part, field)) keep their input.

        Only fields whose value differs are written, so after a save (and after a refresh
        that another part of the app caused) cursor, selection and scroll stay where they were.
        """
        # Filling emits the fields' change signals (text fields, and the combo boxes as
        # set_labels selects their value); compared with the previous record's snapshot,
        # the half-filled form would count as edited (the editor's "Saved" would go).
        self.filling = True
        widgets = self.vocab_widgets()
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for part, entity in (("case", record.case), ("client", record.client)):
                keep = frozenset(name for typed_part, name in typed if typed_part == part)
                self.parts[part].fill(entity, labels, keep)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
            self.filling = False
        self.snapshot = self.values()
        stored = {"case": self.parts["case"].stored_values(record.case),
                  "client": self.parts["client"].stored_values(record.client)}
        for part, name in typed:  # input typed while saving is compared with what is stored
            self.snapshot[part][name] = stored[part][name]

    def set_labels(self, labels: Labels) -> None:
        relabel(self.vocab_widgets(), labels)

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(case, client) fields whose input differs from the snapshot."""
        if not self.snapshot:
            return {}, {}
        now = self.values()
        case, client = ({name: value for name, value in now[part].items()
                         if value != self.snapshot[part][name]} for part in PARTS)
        return case, client

    def to_save(self, record: CaseRecord | None, labels: Labels) -> tuple[dict[str, Any], dict[str, Any]]:
        """(case, client) values saving writes: the changes, and the repairs of values not valid."""
        if record is None:
            return {}, {}
        (case, client), (repair_case, repair_client) = self.changes(), self.repairs(record, labels)
        return {**repair_case, **case}, {**repair_client, **client}

    def typed_since(self, values: dict[str, dict[str, Any]]) -> frozenset[tuple[str, str]]:
        """(part, field) of the fields whose input differs from ``values`` (the form when a
        save began): typed meanwhile, so the save's result must not overwrite them."""
        now = self.values()
        return frozenset((part, name) for part, fields in values.items()
                         for name, value in fields.items() if now[part][name] != value)

    def repairs(self, record: CaseRecord | None, labels: Labels) -> tuple[dict[str, Any], dict[str, Any]]:
        """Fields whose stored value is not valid: saving writes what the form shows for them."""
        if record is None:
            return {}, {}
        now = self.values()
        case = {name: now["case"][name] for name in invalid_values(record.case, labels)
                if name in now["case"]}
        client = {name: now["client"][name] for name in invalid_values(record.client, labels)
                  if name in now["client"]}
        return case, client

    def mark_invalid(self, record: CaseRecord, labels: Labels) -> None:
        """Say under each field whose stored value is not valid what was stored."""
        stored = {**invalid_values(record.client, labels), **invalid_values(record.case, labels)}
        for name, value in stored.items():
            if name in self.messages:
                self.messages[name].show_text(_t(
                    "The stored value “{value}” is not valid. Choose a valid value and "
                    "save.").format(value=", ".join(map(str, value)) if isinstance(value, tuple)
                                   else value))

    def show_errors(self, problems: dict[str, BeratungsError]) -> list[str]:
        """Each problem under its field; the texts of those without a field of the form."""
        unplaced = []
        for field, problem in problems.items():
            message = self.messages.get(field)
            if message is not None:
                message.show_text(error_text(problem))
            else:
                unplaced.append(error_text(problem))
        return unplaced

    def clear_messages(self) -> None:
        for form in self.parts.values():
            form.clear_messages()

    def clear(self) -> None:
        """Forget the values (locking): no personal data stays in the widgets."""
        self.snapshot = {}
        for form in self.parts.values():
            form.clear()
