"""Unsaved input kept as a draft when the program locks, and offered back after unlocking.

Each editor that can hold unsaved text has two small methods: ``draft_state()`` (a
JSON-ready dict of what is unsaved, or None) and ``restore_draft(state)``. Locking
collects them (:meth:`WindowDrafts.states` in ``gui/main_drafts.py``) and keeps them in the store's
``drafts`` table (storage/drafts.py), encrypted like every record; after unlocking
the window puts them back and shows :class:`DraftBanner` until the user keeps or
discards them. Drafts never go to logs, settings or files.

The helpers here read and write a widget's value in a JSON-ready form, so an
editor's draft methods only list which widget holds which field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from beratungsdesk.gui.widgets import CodeChecklist, CounselorCombo, DateField, VocabCombo


def widget_value(widget: QWidget) -> Any:
    """The widget's value as JSON can hold it (dates as ISO text, code lists as lists)."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, VocabCombo):
        return widget.code()
    if isinstance(widget, CounselorCombo):
        return widget.counselor_id()
    if isinstance(widget, DateField):
        value = widget.value()
        return value.isoformat() if value else None
    if isinstance(widget, CodeChecklist):
        return list(widget.codes())
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if hasattr(widget, "partner_ids"):  # the meeting's partners (gui/network_forms.py)
        return list(widget.partner_ids())
    raise TypeError(type(widget).__name__)


def set_widget_value(widget: QWidget, value: Any) -> None:
    """Put back what :func:`widget_value` gave (the widget's change signals fire as for typing)."""
    if isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, VocabCombo):
        widget.set_code(value or None)
    elif isinstance(widget, CounselorCombo):
        widget.set_counselor(value or None)
    elif isinstance(widget, DateField):
        widget.set_value(_date(value))
    elif isinstance(widget, CodeChecklist):
        widget.set_codes(tuple(str(code) for code in value or ()))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value))
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(float(value))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif hasattr(widget, "set_partner_ids"):
        widget.set_partner_ids(tuple(str(ident) for ident in value or ()))
    else:
        raise TypeError(type(widget).__name__)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def values_of(widgets: dict[str, QWidget], names: object = None) -> dict[str, Any]:
    """Field -> value for the named fields (all when ``names`` is None)."""
    chosen = widgets if names is None else [name for name in widgets if name in names]  # type: ignore[operator]
    return {name: widget_value(widgets[name]) for name in chosen}


def restore_values(widgets: dict[str, QWidget], values: dict[str, Any]) -> None:
    """Put the values of known fields back; unknown ones (an older draft) are left out."""
    for name, value in values.items():
        widget = widgets.get(name)
        if widget is not None:
            set_widget_value(widget, value)


class DraftBanner(QFrame):
    """"Restored from a draft, not saved yet": keep editing, or discard what was restored."""

    kept = Signal()
    discarded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self.setStyleSheet("#draftBanner { background: #fff4d6; border-bottom: 1px solid #e0c36a; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        # No mnemonics: the banner shows above every page, whose Alt+letters it must not take.
        self.keep_button = QPushButton(self.tr("Keep and go on"))
        self.keep_button.clicked.connect(self._keep)
        self.discard_button = QPushButton(self.tr("Discard the draft"))
        self.discard_button.clicked.connect(self._discard)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.discard_button)
        row.addWidget(self.keep_button)
        self.hide()

    def offer(self, places: list[str]) -> None:
        self.text.setText(self.tr(
            "Input that was not saved when the program locked is back: {places}. "
            "It is not saved yet. Save it where it is, or discard it.").format(places=", ".join(places)))
        self.show()

    def _keep(self) -> None:
        self.hide()
        self.kept.emit()

    def _discard(self) -> None:
        self.hide()
        self.discarded.emit()
