"""Forms for prevention and network records: a workshop, a partner, a meeting.

Each form edits one record locally; :meth:`values` gives every field as the
entity expects it, :meth:`show_errors` puts validation messages under their
fields. The same forms serve the network page and the quick dialogs used at an
outreach appointment, so both check and save a record the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.ops import Op
from beratungsdesk.gui.ops import network as network_ops
from beratungsdesk.gui.widgets import (
    DateField,
    FieldMessage,
    VocabCombo,
    set_text_kept,
    show_field_errors,
    with_message,
)
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_office import Labels

PARTNER_ROLE = Qt.ItemDataRole.UserRole
_T = "NetworkForms"


def _t(text: str) -> str:
    return QCoreApplication.translate(_T, text)


def _text(widget: QLineEdit | QPlainTextEdit) -> str | None:
    value = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
    return value.strip() or None


def _note_field(height: int = 60) -> QPlainTextEdit:
    field = QPlainTextEdit()
    field.setTabChangesFocus(True)
    field.setFixedHeight(height)
    return field


class RecordForm(QWidget):
    """Fields of one entity in a form layout, each with its message below it."""

    changed = Signal()
    ENTITY = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.messages: dict[str, FieldMessage] = {}
        self.general = FieldMessage()
        self.record: model.Entity | None = None
        self._widgets: list[QWidget] = []

    def _block(self, blocked: bool) -> None:
        for widget in self._widgets:
            widget.blockSignals(blocked)
            if not blocked and isinstance(widget, QLineEdit) and not widget.hasFocus():
                widget.setCursorPosition(0)  # show a long name from its start (not where one types)

    def _field(self, name: str, label: str, widget: QWidget) -> None:
        box, message = with_message(widget)
        self.messages[name] = message
        self._widgets.append(widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.form.addRow(label, box)
        for attribute in ("textChanged", "currentIndexChanged", "dateChanged", "valueChanged",
                          "itemChanged"):
            signal = getattr(widget, attribute, None)
            if signal is not None:
                signal.connect(lambda *_args: self.changed.emit())
                break

    def _finish(self) -> None:
        self.form.addRow(self.general)

    def vocab_widgets(self) -> list[VocabCombo]:
        return [w for w in self._widgets if isinstance(w, VocabCombo)]

    def set_labels(self, labels: Labels) -> None:
        for widget in self.vocab_widgets():
            widget.blockSignals(True)
            widget.set_labels(labels)
            widget.blockSignals(False)

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def set_record(self, record: model.Entity | None) -> None:
        raise NotImplementedError

    def changes(self) -> dict[str, Any]:
        """Fields that differ from the shown record (all of them for a new one)."""
        values = self.values()
        if self.record is None:
            return values
        return {k: v for k, v in values.items() if getattr(self.record, k) != v}

    def is_dirty(self) -> bool:
        return bool(self.changes()) if self.record is not None else False

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.show_text("")
        self.general.show_text("")

    def show_errors(self, error: BeratungsError) -> None:
        show_field_errors(error, self.messages, self.general)

    def save_op(self) -> Op[model.Entity]:
        """What saving this form does: add a new record or update the shown one."""
        entity_name, values = self.ENTITY, self.values()
        record = self.record
        if record is None:
            return network_ops.add_record(model.ENTITY_TYPES[entity_name](**values))
        return network_ops.update_record(entity_name, record.id, self.changes())


class WorkshopForm(RecordForm):
    ENTITY = "workshop"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type = VocabCombo("workshop_type", optional=False)
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText(_t("who asked for it"))
        self.target_group = QLineEdit()
        self.town = VocabCombo("town")
        self.date = DateField()
        self.end_date = DateField(optional=True)
        self.end_date.set_related(self.date)
        self.end_date.setToolTip(_t("Only for offers over several days"))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 2400)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(0.5)
        self.hours.setSpecialValueText(" ")  # 0: not known
        self.hours.setSuffix(_t(" h"))
        self.participants = QSpinBox()
        self.participants.setRange(0, 100_000)
        self.participants.setSpecialValueText(" ")  # 0: not known (yet)
        self.trainers = QLineEdit()
        self.trainers.setPlaceholderText(_t("separated by commas"))
        self.status = VocabCombo("workshop_status", optional=False)
        self.follow_up = _note_field()
        self.notes = _note_field()
        for name, label, widget in (
                ("type", _t("&Type:"), self.type),
                ("organisation", _t("&Organisation:"), self.organisation),
                ("target_group", _t("Target &group:"), self.target_group),
                ("town", _t("To&wn:"), self.town),
                ("date", _t("&Date:"), self.date),
                ("end_date", _t("&End date:"), self.end_date),
                ("duration_min", _t("D&uration:"), self.hours),
                ("participants", _t("&Participants:"), self.participants),
                ("trainers", _t("T&rainers:"), self.trainers),
                ("status", _t("&Status:"), self.status),
                ("follow_up", _t("&Follow-up:"), self.follow_up),
                ("notes", _t("&Notes:"), self.notes)):
            self._field(name, label, widget)
        self._finish()

    def values(self) -> dict[str, Any]:
        hours = self.hours.value()
        trainers = tuple(t.strip() for t in self.trainers.text().split(",") if t.strip())
        return {"type": self.type.code(), "organisation": _text(self.organisation),
                "target_group": _text(self.target_group), "town": self.town.code(),
                "date": self.date.value(), "end_date": self.end_date.value(),
                "duration_min": round(hours * 60) if hours else None,
                "participants": self.participants.value() or None, "trainers": trainers,
                "status": self.status.code(), "follow_up": _text(self.follow_up),
                "notes": _text(self.notes)}

    def set_record(self, record: model.Entity | None) -> None:
        self.record = record
        workshop = record if isinstance(record, model.Workshop) else model.Workshop()
        self._block(True)
        self.type.set_code(workshop.type)
        set_text_kept(self.organisation, workshop.organisation or "")
        set_text_kept(self.target_group, workshop.target_group or "")
        self.town.set_code(workshop.town)
        self.date.set_value(workshop.date)
        self.end_date.set_value(workshop.end_date)
        self.hours.setValue((workshop.duration_min or 0) / 60)
        self.participants.setValue(workshop.participants or 0)
        set_text_kept(self.trainers, ", ".join(workshop.trainers))
        self.status.set_code(workshop.status or "requested")
        set_text_kept(self.follow_up, workshop.follow_up or "")
        set_text_kept(self.notes, workshop.notes or "")
        self._block(False)
        self.clear_messages()


class PartnerForm(RecordForm):
    ENTITY = "partner"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = VocabCombo("partner_kind", optional=False)
        self.name = QLineEdit()
        self.contact_person = QLineEdit()
        self.contact = QLineEdit()
        self.contact.setPlaceholderText(_t("phone, e-mail, address"))
        self.town = VocabCombo("town")
        self.notes = _note_field(80)
        for name, label, widget in (("kind", _t("&Kind:"), self.kind),
                                    ("name", _t("&Name:"), self.name),
                                    ("contact_person", _t("Contact &person:"), self.contact_person),
                                    ("contact", _t("Con&tact details:"), self.contact),
                                    ("town", _t("To&wn:"), self.town),
                                    ("notes", _t("N&otes:"), self.notes)):
            self._field(name, label, widget)
        self._finish()

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind.code(), "name": _text(self.name),
                "contact_person": _text(self.contact_person), "contact": _text(self.contact),
                "town": self.town.code(), "notes": _text(self.notes)}

    def set_record(self, record: model.Entity | None) -> None:
        self.record = record
        partner = record if isinstance(record, model.Partner) else model.Partner()
        self._block(True)
        self.kind.set_code(partner.kind)
        set_text_kept(self.name, partner.name or "")
        set_text_kept(self.contact_person, partner.contact_person or "")
        set_text_kept(self.contact, partner.contact or "")
        self.town.set_code(partner.town)
        set_text_kept(self.notes, partner.notes or "")
        self._block(False)
        self.clear_messages()


class PartnerChecklist(QListWidget):
    """The partners of a meeting, as check boxes (names shown, ids kept)."""

    def set_partners(self, partners: list[tuple[str, str]], keep: tuple[str, ...] | None = None) -> None:
        checked = set(keep if keep is not None else self.partner_ids())
        self.blockSignals(True)
        self.clear()
        for ident, name in partners:
            item = QListWidgetItem(name, self)
            item.setData(PARTNER_ROLE, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if ident in checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)

    def partner_ids(self) -> tuple[str, ...]:
        return tuple(str(self.item(i).data(PARTNER_ROLE)) for i in range(self.count())
                     if self.item(i).checkState() == Qt.CheckState.Checked)

    def set_partner_ids(self, ids: tuple[str, ...]) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            state = Qt.CheckState.Checked if item.data(PARTNER_ROLE) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self.blockSignals(False)


class MeetingForm(RecordForm):
    ENTITY = "meeting"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = DateField()
        self.partners = PartnerChecklist()
        self.partners.setMinimumHeight(120)
        self.topic = QLineEdit()
        self.outcome = _note_field(80)
        for name, label, widget in (("date", _t("&Date:"), self.date),
                                    ("partner_ids", _t("&Partners:"), self.partners),
                                    ("topic", _t("&Topic:"), self.topic),
                                    ("outcome", _t("&Outcome:"), self.outcome)):
            self._field(name, label, widget)
        self._finish()

    def values(self) -> dict[str, Any]:
        ids = self.partners.partner_ids()
        if isinstance(self.record, model.Meeting) and set(ids) == set(self.record.partner_ids):
            ids = self.record.partner_ids  # same partners: the stored order is no change
        return {"date": self.date.value(), "partner_ids": ids,
                "topic": _text(self.topic), "outcome": _text(self.outcome)}

    def set_record(self, record: model.Entity | None) -> None:
        self.record = record
        meeting = record if isinstance(record, model.Meeting) else model.Meeting()
        self._block(True)
        self.date.set_value(meeting.date)
        self.partners.set_partner_ids(meeting.partner_ids)
        set_text_kept(self.topic, meeting.topic or "")
        set_text_kept(self.outcome, meeting.outcome or "")
        self._block(False)
        self.clear_messages()


class QuickRecordDialog(QDialog):
    """A new workshop or partner from another view (the outreach day), saved at once."""

    def __init__(self, runner: Runner, form: RecordForm, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.form = form
        self.saved: model.Entity | None = None
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_t("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_t("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(self.deleteLater)  # one dialog per request; the form holds input
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        self.form.clear_messages()
        self.buttons.setEnabled(False)
        self.form.save_op().run(self.runner, self, self._saved, self._failed)

    def _saved(self, entity: model.Entity) -> None:
        self.buttons.setEnabled(True)
        self.saved = entity
        self.accept()

    def _failed(self, error: BeratungsError) -> None:
        self.buttons.setEnabled(True)
        self.form.show_errors(error)


def quick_workshop_dialog(runner: Runner, labels: Labels, town: str | None, on: dt.date,
                          parent: QWidget | None = None) -> QuickRecordDialog:
    form = WorkshopForm()
    form.set_labels(labels)
    form.set_record(None)
    form.town.set_code(town)
    form.date.set_value(on)
    return QuickRecordDialog(runner, form, _t("Workshop request"), parent)


def quick_partner_dialog(runner: Runner, labels: Labels, town: str | None,
                         parent: QWidget | None = None) -> QuickRecordDialog:
    form = PartnerForm()
    form.set_labels(labels)
    form.set_record(None)
    form.town.set_code(town)
    return QuickRecordDialog(runner, form, _t("New network partner"), parent)
