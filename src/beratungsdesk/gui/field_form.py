"""Forms built from the field spec (``model.spec(...).shown_in(model.FORM)``).

A small widget factory picks the widget by the field's kind: a vocabulary code -> a combo
box, several codes -> a checklist, a date -> :class:`DateField`, a counselor -> the counselor
combo, a text -> a line (or a text box for a long text), a list of texts -> a line of
comma-separated parts, a number -> a spin box. Filling, reading back and clearing are loops
over the spec, so a field added to the model appears in the form without code here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from beratungsdesk.core import model
from beratungsdesk.gui.widgets import (
    CodeChecklist,
    CounselorCombo,
    DateField,
    FieldMessage,
    VocabCombo,
    set_text_kept,
    with_message,
)
from beratungsdesk.services.session_office import Labels

#: The translation context of the field labels (``core/model.py`` marks them).
LABELS = "fields"


def field_label(field: model.FieldSpec) -> str:
    """The form's label: translated, with its Alt key mark and a colon."""
    return QCoreApplication.translate(LABELS, field.label_source) + ":"


def make_widget(field: model.FieldSpec, empty_counselor: str) -> QWidget:
    """The widget that edits ``field``, chosen by its kind."""
    widget: QWidget
    if field.kind == model.CODE and field.vocab:
        widget = VocabCombo(field.vocab, optional=not field.required)
    elif field.kind == model.CODES and field.vocab:
        widget = CodeChecklist(field.vocab)
    elif field.kind == model.DATE:
        widget = DateField(optional=not field.required)
    elif field.kind == model.REF and field.ref == "counselor":
        widget = CounselorCombo(empty_counselor)
    elif field.kind == model.INT:
        widget = QSpinBox()
        widget.setRange(0, 1_000_000)
    elif field.kind == model.BOOL:
        widget = QCheckBox()
    elif field.kind == model.TEXT and field.shown is not None and field.shown.long:
        widget = QPlainTextEdit()
        widget.setTabChangesFocus(True)
        widget.setMinimumHeight(70)
    elif field.kind in (model.TEXT, model.LIST):
        widget = QLineEdit()
    else:
        raise ValueError(f"no form widget for {field.name} ({field.kind})")
    if field.shown is not None and field.shown.hint and hasattr(widget, "setPlaceholderText"):
        widget.setPlaceholderText(QCoreApplication.translate(LABELS, field.shown.hint))
    return widget


def read_value(field: model.FieldSpec, widget: Any) -> Any:
    """The value the form holds, as the service takes it (empty optional texts as None)."""
    if isinstance(widget, VocabCombo):
        return widget.code()
    if isinstance(widget, CodeChecklist):
        return widget.codes()
    if isinstance(widget, DateField):
        return widget.value()
    if isinstance(widget, CounselorCombo):
        return widget.counselor_id()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    text = (widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()).strip()
    if field.kind == model.LIST:
        return tuple(part.strip() for part in text.split(",") if part.strip())
    return text if field.required else text or None


def write_value(field: model.FieldSpec, widget: Any, value: Any, labels: Labels) -> None:
    """Show ``value`` in ``widget``; a text only changes where it differs (cursor stays)."""
    if isinstance(widget, VocabCombo | CounselorCombo):
        widget.set_labels(labels, value)
    elif isinstance(widget, CodeChecklist):
        widget.set_labels(labels, tuple(value or ()))
    elif isinstance(widget, DateField):
        widget.set_value(value)
    elif isinstance(widget, QSpinBox):
        widget.setValue(value if isinstance(value, int) else 0)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif field.kind == model.LIST:
        set_text_kept(widget, ", ".join(value or ()))
    else:
        set_text_kept(widget, value or "")


def form_value(field: model.FieldSpec, value: Any) -> Any:
    """A stored value in the shape :func:`read_value` gives for it (to compare the two)."""
    if field.kind == model.CODES:
        return tuple(sorted(value or ()))
    if field.kind == model.LIST:
        return tuple(value or ())
    if field.kind == model.TEXT and field.required:
        return value or ""
    return value if value != "" else None


def _change_signal(widget: QWidget) -> Any:
    for attribute in ("textChanged", "currentIndexChanged", "dateChanged", "codes_changed",
                      "valueChanged", "toggled"):
        signal = getattr(widget, attribute, None)
        if signal is not None:
            return signal
    return None


class FieldForm:
    """The form fields of one entity (``"case"``, ``"client"``): widgets, their messages,
    and the loops that fill, read back and clear them."""

    def __init__(self, entity: str, on_change: Callable[[], None], empty_counselor: str) -> None:
        self.entity = entity
        self.fields = model.spec(entity).shown_in(model.FORM)
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self._boxes: dict[str, QWidget] = {}
        first_date: DateField | None = None
        for field in self.fields:
            widget = make_widget(field, empty_counselor)
            widget.setAccessibleName(field_label(field).replace("&", "").rstrip(":"))
            if isinstance(widget, DateField):
                if first_date is None:
                    first_date = widget
                else:  # a later date's calendar opens at the first one (a case's start)
                    widget.set_related(first_date)
            self._boxes[field.name], self.messages[field.name] = with_message(widget)
            self.widgets[field.name] = widget
            signal = _change_signal(widget)
            if signal is not None:
                signal.connect(on_change)

    def add_rows(self, form: QFormLayout, column: int = 0) -> None:
        """Put the fields of ``column`` (``Shown.column``) into ``form``, each with its message."""
        for field in self.fields:
            if field.shown is not None and field.shown.column == column:
                form.addRow(field_label(field), self._boxes[field.name])

    def values(self) -> dict[str, Any]:
        return {field.name: read_value(field, self.widgets[field.name]) for field in self.fields}

    def stored_values(self, entity: model.Entity | None) -> dict[str, Any]:
        """What the form shows for ``entity`` as stored (see :func:`form_value`)."""
        return {field.name: form_value(field, getattr(entity, field.name, None) if entity else None)
                for field in self.fields}

    def fill(self, entity: model.Entity | None, labels: Labels, keep: frozenset[str] = frozenset()) -> None:
        """Show ``entity`` (None: empty); the fields named in ``keep`` keep their input."""
        for field in self.fields:
            if field.name not in keep:
                value = getattr(entity, field.name, None) if entity is not None else None
                write_value(field, self.widgets[field.name], value, labels)

    def vocab_widgets(self) -> list[Any]:
        """The widgets whose entries come from the labels (vocabularies, counselors)."""
        return [widget for widget in self.widgets.values()
                if isinstance(widget, VocabCombo | CounselorCombo | CodeChecklist)]

    def clear(self) -> None:
        """Empty the text fields (locking: no personal data stays in the widgets)."""
        for widget in self.widgets.values():
            if isinstance(widget, QLineEdit | QPlainTextEdit):
                widget.clear()

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.show_text("")
