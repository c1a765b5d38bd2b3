"""The case editor's draft: what is typed and not saved (form fields, a new note, the contact
form, a running session, an open letter), kept while the program is locked and put back
after unlocking (``gui/drafts.py`` keeps the drafts of every page); and the letter dialog,
opened from a proposal or from a draft."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from beratungsdesk.gui.drafts import restore_values, values_of
from beratungsdesk.gui.letter_dialog import LetterDialog
from beratungsdesk.services.reports import LetterDraft

if TYPE_CHECKING:
    from beratungsdesk.gui.case_editor import CaseEditor


def draft_widgets(editor: CaseEditor) -> dict[str, dict[str, QWidget]]:
    return {"case": editor.form.parts["case"].widgets, "client": editor.form.parts["client"].widgets,
            "contact": editor.contacts.draft_widgets()}


def draft_state(editor: CaseEditor) -> dict[str, Any] | None:
    """What is typed in ``editor`` and not saved, or None."""
    if editor.record is None:
        return None
    widgets = draft_widgets(editor)
    case_changes, client_changes = editor.form.changes()
    contact = values_of(widgets["contact"])
    baseline = editor.contacts.baseline()
    typed_contact = {name: value for name, value in contact.items() if value != baseline.get(name)}
    letter = _letter_state(editor)
    note = editor.notes.text.toPlainText()
    timer = editor.contacts.timer.draft_state()
    if not (case_changes or client_changes or note.strip() or typed_contact or timer or letter):
        return None
    return {"case_id": editor.record.case.id, "case_number": editor.record.case.number or "",
            "case": values_of(widgets["case"], case_changes),
            "client": values_of(widgets["client"], client_changes),
            "contact": contact if typed_contact else {}, "note": note, "timer": timer,
            "letter": letter, "tab": editor.tabs.currentIndex()}


def _letter_state(editor: CaseEditor) -> dict[str, Any] | None:
    dialog = editor.letter_dialog
    if dialog is None or not dialog.isVisible():
        return None
    date = dialog.date.value()
    return {"recipient": dialog.recipient.toPlainText(), "subject": dialog.subject.text(),
            "body": dialog.body.toPlainText(), "date": date.isoformat() if date else None}


def restore_draft(editor: CaseEditor, state: dict[str, Any]) -> bool:
    """Put a draft back into the case shown; False if it belongs to another case."""
    if editor.record is None or editor.record.case.id != state.get("case_id"):
        return False
    widgets = draft_widgets(editor)
    for part in ("case", "client", "contact"):
        restore_values(widgets[part], state.get(part) or {})
    editor.notes.text.setPlainText(str(state.get("note") or ""))
    if state.get("timer"):
        editor.contacts.timer.restore_draft(state["timer"])
    if isinstance(state.get("tab"), int):
        editor.tabs.setCurrentIndex(state["tab"])
    letter = state.get("letter")
    if letter:
        draft = LetterDraft(editor.record.case.number or "", str(letter.get("recipient") or ""),
                            str(letter.get("subject") or ""), str(letter.get("body") or ""))
        dialog = letter_dialog(editor, editor.record.case.id, draft)
        restore_values({"date": dialog.date}, {"date": letter.get("date")})
    editor._update_state()
    return True


def letter_dialog(editor: CaseEditor, case_id: str, draft: LetterDraft) -> LetterDialog:
    """Open the complaint letter dialog for ``draft`` (proposed from the case, or restored);
    it becomes the editor's ``letter_dialog``, the previous one goes."""
    if editor.letter_dialog is not None:
        editor.letter_dialog.close()
        editor.letter_dialog.deleteLater()
    dialog = editor.letter_dialog = LetterDialog(editor.runner, case_id, draft, editor)
    dialog.consent_warning.set_labels(editor.labels)
    dialog.consent_warning.show_state(editor.consents.state)
    dialog.open()
    return dialog


def discard_draft(editor: CaseEditor) -> None:
    """The restored draft is not wanted: back to the saved case."""
    if editor.letter_dialog is not None:
        editor.letter_dialog.close()
    editor.discard()
    if editor.record is not None:
        editor.reset_entry_forms(editor.record)
