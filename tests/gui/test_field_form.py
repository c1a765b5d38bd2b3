"""The case editor's Case and Client tabs are built from the field spec (core/model.py): one
labelled widget per form field, filled from the stored case, read back unchanged, saved
and cleared by the same loops."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit

from beratungsdesk.core import model
from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.field_form import LABELS, read_value, write_value
from beratungsdesk.gui.ops import cases as ops
from tests.gui.conftest import open_case_of, unlock

WAIT = 15_000
PARTS = ("case", "client")


def _labels_of(layouts: list[QFormLayout]) -> set[str]:
    found = set()
    for form in layouts:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                found.add(item.widget().text())
    return found


def test_every_form_field_of_the_spec_has_a_labelled_widget(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0001")
    editor = main.cases.editor
    shown_labels = _labels_of(editor.findChildren(QFormLayout))
    for part in PARTS:
        for field in model.spec(part).shown_in(model.FORM):
            widget = editor.fields[field.name]
            label = QCoreApplication.translate(LABELS, field.label_source)
            assert label + ":" in shown_labels, f"{part}.{field.name} has no label in the form"
            assert widget.accessibleName() == label.replace("&", "")
            assert field.name in editor.messages  # problems appear under the field


def test_fill_read_back_save_and_clear_follow_the_spec(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0002")
    editor = main.cases.editor
    record = editor.record
    # Read back right after filling: exactly the stored values, so nothing counts as changed.
    for part, entity in (("case", record.case), ("client", record.client)):
        assert editor.form.parts[part].values() == editor.form.parts[part].stored_values(entity)
    assert editor._changes() == ({}, {}) and not editor.is_dirty()

    # Every text field of the spec, typed and saved, is stored as typed.
    typed = {}
    for part in PARTS:
        for field in model.spec(part).shown_in(model.FORM):
            widget = editor.fields[field.name]
            if field.kind == model.TEXT and field.name not in ("number", "code"):
                write_value(field, widget, f"Neu {field.name}", editor.labels)
                typed[(part, field.name)] = read_value(field, widget)
            elif field.kind == model.LIST:
                write_value(field, widget, ("Arabisch", "Deutsch"), editor.labels)
                typed[(part, field.name)] = read_value(field, widget)
    assert typed[("case", "summary")] == "Neu summary"
    assert typed[("client", "languages")] == ("Arabisch", "Deutsch")
    saved: list[str] = []
    editor.saved.connect(saved.append)
    editor.save()
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    read: list = []  # the case as stored, read on the store's worker like any view does
    main.runner.call(ops.load_case(record.case.id), read.append)
    qtbot.waitUntil(lambda: bool(read), timeout=WAIT)
    stored = read[0]
    for (part, name), value in typed.items():
        assert getattr(stored.case if part == "case" else stored.client, name) == value, (part, name)
    assert not editor.is_dirty()

    # Locking clears every text of the forms: no personal data stays in the widgets.
    editor.clear()
    for part in PARTS:
        for field in model.spec(part).shown_in(model.FORM):
            widget = editor.fields[field.name]
            if isinstance(widget, QLineEdit):
                assert widget.text() == "", field.name
            elif isinstance(widget, QPlainTextEdit):
                assert widget.toPlainText() == "", field.name


def test_a_date_read_back_is_the_date_written(qtbot, controller: AppController) -> None:
    main = unlock(qtbot, controller)
    open_case_of(qtbot, main, "K-0003")
    editor = main.cases.editor
    field = model.spec("case").field("closed_on")
    write_value(field, editor.fields["closed_on"], dt.date(2026, 3, 4), editor.labels)
    assert read_value(field, editor.fields["closed_on"]) == dt.date(2026, 3, 4)
    assert editor._changes()[0] == {"closed_on": dt.date(2026, 3, 4)}
    editor.discard()
