"""Sentences for error codes, in English (the source language).

The templates are marked with ``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate``
collects them into the translation files; the GUI translates them with
``QCoreApplication.translate("messages", template)`` before formatting, the CLI
uses the English text. This module does not import Qt: the marker is a plain
function of the same name, which is all lupdate looks for.

Formatting fills ``{field}``, ``{line}``, ``{column}``, ``{value}`` ... from the
error's data. Field names are shown with their user-facing labels.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError, ValidationError, ValidationErrors


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    return text


def QT_TRANSLATE_N_NOOP(context: str, text: str) -> str:  # noqa: N802 - as Qt's C++ marker
    """Marks a text with a number: the translation file holds it as a numerus message."""
    return text


_C = "messages"

#: Templates with a number: (one, many). The GUI translates "many" as a numerus message
#: (``translate(_C, many, None, count)``), so each language gives its own plural forms;
#: the command line (English, untranslated) picks "one" or "many" by the English rule.
PLURAL_TEMPLATES: dict[str, tuple[str, str]] = {
    "invalid_many": ("{count} problem was found; nothing was changed.",
                     QT_TRANSLATE_N_NOOP(_C, "{count} problems were found; nothing was changed.")),
    "clock_restamped": ("{count} change made while this computer's clock was wrong now carries "
                        "the corrected time.",
                        QT_TRANSLATE_N_NOOP(_C, "{count} changes made while this computer's clock "
                                                "was wrong now carry the corrected time.")),
}

TEMPLATES: dict[str, str] = {
    "error": QT_TRANSLATE_NOOP(_C, "Something went wrong ({code})."),
    "invalid": QT_TRANSLATE_NOOP(_C, "{field}: the value is not valid."),
    "invalid_many": PLURAL_TEMPLATES["invalid_many"][1],
    "required": QT_TRANSLATE_NOOP(_C, "{field} is required."),
    "unknown_code": QT_TRANSLATE_NOOP(_C, "{field}: \"{value}\" is not an entry of the list."),
    "date_format": QT_TRANSLATE_NOOP(
        _C, "{field}: \"{value}\" is not a date (use DD.MM.YYYY or YYYY-MM-DD)."),
    "date_not_real": QT_TRANSLATE_NOOP(_C, "{field}: the date {value} does not exist."),
    "time_format": QT_TRANSLATE_NOOP(_C, "{field}: \"{value}\" is not a time (use HH:MM)."),
    "datetime_format": QT_TRANSLATE_NOOP(_C, "{field}: \"{value}\" is not a date and time."),
    "number_format": QT_TRANSLATE_NOOP(_C, "{field}: \"{value}\" is not a number."),
    "number_range": QT_TRANSLATE_NOOP(_C, "{field}: {value} is out of range."),
    "control_character": QT_TRANSLATE_NOOP(
        _C, "{field}: contains an invisible control character ({value}) that is not allowed; "
            "remove it (it often comes with copied text)."),
    "closed_before_opened": QT_TRANSLATE_NOOP(_C, "{field}: a case cannot close before it opened."),
    "closed_without_date": QT_TRANSLATE_NOOP(_C, "{field}: a closed case needs a closing date."),
    "duration_range": QT_TRANSLATE_NOOP(
        _C, "{field}: a contact lasts more than 0 minutes and less than 24 hours."),
    "attachment_too_large": QT_TRANSLATE_NOOP(
        _C, "The document is larger than {limit_mb} MB and cannot be stored."),
    "document_at_office": QT_TRANSLATE_NOOP(_C, "This document is kept at the office only."),
    "term_id_mismatch": QT_TRANSLATE_NOOP(_C, "{field}: the entry's code does not match its id."),
    "append_only": QT_TRANSLATE_NOOP(
        _C, "Notes cannot be changed; write a new note that replaces the old one."),
    "unknown_field": QT_TRANSLATE_NOOP(_C, "{field} is not a field of this record."),
    "not_found": QT_TRANSLATE_NOOP(_C, "No such {entity} was found."),
    "not_permitted": QT_TRANSLATE_NOOP(
        _C, "Only the office may do that. On a laptop, ask the office to make the change."),
    "wrong_passphrase": QT_TRANSLATE_NOOP(_C, "The passphrase is wrong."),
    "store_missing": QT_TRANSLATE_NOOP(
        _C, "There is no store in this folder. Create one with \"init\" or choose another folder."),
    "store_exists": QT_TRANSLATE_NOOP(_C, "This folder already holds a store; nothing was changed."),
    "store_damaged": QT_TRANSLATE_NOOP(
        _C, "The store's database file is damaged or incomplete. Nothing was changed; "
            "restore it from a backup."),
    "store_foreign": QT_TRANSLATE_NOOP(
        _C, "The files in this folder do not belong to one BeratungsDesk store."),
    "store_locked": QT_TRANSLATE_NOOP(
        _C, "The store is open in another BeratungsDesk window or process. Close it there first."),
    "disk_full": QT_TRANSLATE_NOOP(
        _C, "The disk is full. Nothing was changed; free some space and try again."),
    "file_in_use": QT_TRANSLATE_NOOP(
        _C, "Another program (often a virus scanner or the search indexer) keeps a file open that "
            "has to be replaced. Nothing was changed; wait a moment or close that program, then "
            "try again."),
    "store_too_new": QT_TRANSLATE_NOOP(
        _C, "This store was written by a newer version of BeratungsDesk. Please update."),
    "store_read_only": QT_TRANSLATE_NOOP(_C, "The store's folder cannot be written to."),
    "store_io_error": QT_TRANSLATE_NOOP(
        _C, "The disk reported an error while reading or writing the store (is the drive still "
            "connected?). The change was not saved."),
    "unlock_throttled": QT_TRANSLATE_NOOP(_C, "Too many wrong passphrases; wait a moment."),
    "key_derivation_failed": QT_TRANSLATE_NOOP(
        _C, "The passphrase could not be checked: the key derivation did not finish (often too "
            "little free memory). Close other programs and try again."),
    "keyfile_damaged": QT_TRANSLATE_NOOP(
        _C, "The store's key file (store.key) is damaged or was altered; the passphrase was not "
            "tried. Restore store.key from a backup."),
    "backup_damaged": QT_TRANSLATE_NOOP(
        _C, "The backup file is damaged or was altered ({kind}); it cannot be trusted. "
            "Use another backup."),
    "backup_foreign": QT_TRANSLATE_NOOP(_C, "This file is not a BeratungsDesk backup."),
    "backup_too_new": QT_TRANSLATE_NOOP(
        _C, "This backup was written by a newer version of BeratungsDesk. Please update."),
    "backup_folder_unwritable": QT_TRANSLATE_NOOP(
        _C, "The backup folder cannot be written to (is the disk connected?). Nothing was saved."),
    "backup_no_folder": QT_TRANSLATE_NOOP(_C, "Choose a backup folder first."),
    "journal_damaged": QT_TRANSLATE_NOOP(
        _C, "The erasure journal beside the backups is damaged or was altered. Nothing was "
            "restored: without it, erased records could come back."),
    "journal_foreign": QT_TRANSLATE_NOOP(
        _C, "The erasure journal beside the backup belongs to another store. Nothing was restored."),
    "restore_target_not_empty": QT_TRANSLATE_NOOP(
        _C, "A backup is restored into a new, empty folder only; this one is not empty. "
            "Nothing was changed."),
    "invalid_role": QT_TRANSLATE_NOOP(_C, "The role must be \"office\" or \"counselor\"."),
    "empty_passphrase": QT_TRANSLATE_NOOP(_C, "The passphrase must not be empty."),
    "passphrase_mismatch": QT_TRANSLATE_NOOP(_C, "The two passphrases differ."),
    "passphrase_too_short": QT_TRANSLATE_NOOP(
        _C, "The passphrase is too short: it needs at least {minimum} characters; a sentence of "
            "several words is easy to remember."),
    "passphrase_weak": QT_TRANSLATE_NOOP(
        _C, "The passphrase is too easy to guess: it needs a strength of at least 3 of 4 in the "
            "zxcvbn estimate. Use a sentence of four or more words, not a well-known saying."),
    "file_unreadable": QT_TRANSLATE_NOOP(_C, "The file cannot be read."),
    "file_missing": QT_TRANSLATE_NOOP(_C, "The file does not exist."),
    "figures_file_unreadable": QT_TRANSLATE_NOOP(_C, "{file}: the file cannot be read."),
    "figures_file_invalid": QT_TRANSLATE_NOOP(
        _C, "{file}: not a valid file of anonymous figures ({value}); no report was written."),
    "figures_bad_signature": QT_TRANSLATE_NOOP(
        _C, "{file}: the signature does not match the figures (the file was changed or damaged); "
            "no report was written."),
    "figures_duplicate": QT_TRANSLATE_NOOP(
        _C, "{file}: the center \"{value}\" or its key is already in the report; no report was written."),
    "figures_period_mixed": QT_TRANSLATE_NOOP(
        _C, "{file}: covers {value}, the files before it {expected}; a joint report needs one "
            "period. No report was written."),
    "figures_none": QT_TRANSLATE_NOOP(_C, "Give at least one file of anonymous figures."),
    "store_closed": QT_TRANSLATE_NOOP(_C, "The store is locked; unlock it first."),
    "database_error": QT_TRANSLATE_NOOP(_C, "The store reported an error; nothing was changed."),
    "constraint": QT_TRANSLATE_NOOP(_C, "The change conflicts with stored data; nothing was changed."),
    "unknown_entity": QT_TRANSLATE_NOOP(_C, "Unknown kind of record."),
    "csv_empty": QT_TRANSLATE_NOOP(_C, "The file is empty or has no header line."),
    "csv_too_large": QT_TRANSLATE_NOOP(_C, "The file is larger than {limit_mb} MB."),
    "csv_unknown_column": QT_TRANSLATE_NOOP(_C, "This column is not known; rename or remove it."),
    "csv_duplicate_column": QT_TRANSLATE_NOOP(_C, "This column appears twice."),
    "csv_missing_column": QT_TRANSLATE_NOOP(_C, "This required column is missing."),
    "pdf_layout": QT_TRANSLATE_NOOP(
        _C, "The PDF could not be laid out: one part of it does not fit on a page. Nothing was "
            "written."),
    "csv_cell_too_long": QT_TRANSLATE_NOOP(_C, "cell too long (more than {count} characters)."),
    "csv_malformed": QT_TRANSLATE_NOOP(
        _C, "The file cannot be read as a spreadsheet here (quoting or a stray control character)."),
    "csv_hours_too_many": QT_TRANSLATE_NOOP(
        _C, "{field}: {value} hours do not fit in one contact (less than 24 hours)."),
    "csv_duplicate_number": QT_TRANSLATE_NOOP(
        _C, "{field}: {value} appears already in line {first_line}."),
    "end_before_start": QT_TRANSLATE_NOOP(_C, "{field}: the end lies before the start."),
    "withdrawn_before_given": QT_TRANSLATE_NOOP(
        _C, "{field}: a consent cannot be withdrawn before it was given."),
    "consent_missing": QT_TRANSLATE_NOOP(
        _C, "There is no consent of the client for this ({scope})."),
    "consent_withdrawn": QT_TRANSLATE_NOOP(
        _C, "The client has withdrawn the consent for this ({scope})."),
    "sheet_unreadable": QT_TRANSLATE_NOOP(
        _C, "The file cannot be read as an Excel (.xlsx) or LibreOffice (.ods) table."),
    "sheet_missing": QT_TRANSLATE_NOOP(
        _C, "The file has no sheet named \"{value}\". Its sheets: {sheets}."),
    "sheet_in_csv": QT_TRANSLATE_NOOP(_C, "A CSV file has no sheets; leave out the sheet name."),
    "sheet_old_format": QT_TRANSLATE_NOOP(
        _C, "This is an old spreadsheet format (.xls). Save the file as .xlsx or .ods in Excel or "
            "LibreOffice and import that."),
    "sheet_formula_without_result": QT_TRANSLATE_NOOP(
        _C, "the formula in this cell has no stored result; open the file in Excel or LibreOffice, "
            "save it and import it again."),
    "where_line_column": QT_TRANSLATE_NOOP(_C, "Line {line}, column {column}"),
    "where_line": QT_TRANSLATE_NOOP(_C, "Line {line}"),
    # Handover (sync)
    "bundle_not_a_bundle": QT_TRANSLATE_NOOP(_C, "This is not a BeratungsDesk handover file."),
    "bundle_too_new": QT_TRANSLATE_NOOP(
        _C, "The file was written by a newer version of BeratungsDesk (newer format version). "
            "Please update."),
    "bundle_not_for_us": QT_TRANSLATE_NOOP(
        _C, "The file is not for this store (it is addressed to another office or device, "
            "or its header is damaged)."),
    "bundle_damaged": QT_TRANSLATE_NOOP(
        _C, "The file is damaged: its content does not check out. Nothing was changed."),
    "bundle_incomplete": QT_TRANSLATE_NOOP(
        _C, "The file is incomplete (cut short, perhaps still being copied). Nothing was changed."),
    "bundle_too_large": QT_TRANSLATE_NOOP(_C, "The file is larger than any handover file can be."),
    "bundle_bad_signature": QT_TRANSLATE_NOOP(
        _C, "The file's signature does not match its sender. Nothing was changed."),
    "bundle_unknown_sender": QT_TRANSLATE_NOOP(
        _C, "The file comes from a device or office this store does not know. Nothing was changed."),
    "bundle_revoked_sender": QT_TRANSLATE_NOOP(
        _C, "The file comes from a device that was revoked. Nothing was changed."),
    "bundle_manifest_mismatch": QT_TRANSLATE_NOOP(
        _C, "The file's content does not match its signed list of contents. Nothing was changed."),
    "bundle_already_imported": QT_TRANSLATE_NOOP(
        _C, "Bundle {seq} was already imported; nothing to do."),
    "bundle_fork": QT_TRANSLATE_NOOP(
        _C, "Bundle {seq} contradicts one already imported from the same sender (was the device "
            "restored from a backup?). It was refused and an alert recorded; ask the office."),
    "bundle_wrong_kind": QT_TRANSLATE_NOOP(
        _C, "This file is a join request; the office reads it with \"office enroll\"."),
    "sync_not_enrolled": QT_TRANSLATE_NOOP(
        _C, "This device is not enrolled yet: join the office and import its first bundle."),
    "roster_stale": QT_TRANSLATE_NOOP(
        _C, "The file carries an older list of devices than one already seen. It was refused."),
    "bundle_clock_ahead": QT_TRANSLATE_NOOP(
        _C, "The file is stamped {hours} hours ahead of this computer's clock (more than the 24 "
            "hours allowed). It was refused; nothing was changed. Check the date and time on this "
            "computer and on the sending device, correct the wrong one, then hand over again: "
            "nothing is lost."),
    # Clock warnings (sync/clocks.py: ClockWarning kinds), for status and the handover page.
    "clock_behind": QT_TRANSLATE_NOOP(
        _C, "This computer's clock is about {hours} hours behind the office's. Set the correct date "
            "and time, then hand over again."),
    "clock_ahead": QT_TRANSLATE_NOOP(
        _C, "This computer's clock was about {hours} hours ahead: the office refused handover file "
            "{seq}. Set the correct date and time, then hand over again; your work is kept and goes "
            "out then."),
    "clock_device_ahead": QT_TRANSLATE_NOOP(
        _C, "The clock of device {device} was about {hours} hours ahead: its handover file {seq} was "
            "refused. The counselor should set the correct date and time on that laptop and hand "
            "over again."),
    "clock_restamped": PLURAL_TEMPLATES["clock_restamped"][1],
    "already_enrolled": QT_TRANSLATE_NOOP(_C, "This device is already enrolled."),
    "device_revoked": QT_TRANSLATE_NOOP(
        _C, "The office has revoked this device; it can no longer hand over. Ask the office."),
    "invitation_invalid": QT_TRANSLATE_NOOP(_C, "The file is not a valid invitation of an office."),
    "invitation_unknown": QT_TRANSLATE_NOOP(
        _C, "The join request answers an invitation this office did not issue."),
    "invitation_used": QT_TRANSLATE_NOOP(
        _C, "The invitation of this join request was already used; write a new invitation."),
    "counselor_unknown": QT_TRANSLATE_NOOP(
        _C, "No team member of that name; check the name or use --create-counselor."),
    "counselor_ambiguous": QT_TRANSLATE_NOOP(_C, "Several team members match; give the id."),
    "device_unknown": QT_TRANSLATE_NOOP(_C, "No enrolled device matches."),
    "device_ambiguous": QT_TRANSLATE_NOOP(_C, "Several devices match; give more of the id."),
    "folder_missing": QT_TRANSLATE_NOOP(_C, "The folder does not exist."),
    "folder_lost": QT_TRANSLATE_NOOP(
        _C, "The handover folder went away during the handover (USB stick pulled, network gone). "
            "Files already taken in are complete; the rest is handed over the next time the "
            "folder is there."),
    "folder_unavailable": QT_TRANSLATE_NOOP(
        _C, "The handover folder could not be read or written (was the stick removed?). Files "
            "already taken in are complete, and nothing is lost: the next handover writes what is "
            "missing again."),
    "folder_full": QT_TRANSLATE_NOOP(
        _C, "The handover folder is full; no handover file was written. Nothing is lost: free "
            "some space (or use another stick) and hand over again."),
    "bundle_parts_missing": QT_TRANSLATE_NOOP(
        _C, "Not every part of this handover file is there; it is read once all parts have "
            "arrived."),
    # Figures, reports and documents
    "period_order": QT_TRANSLATE_NOOP(_C, "{field}: the period ends before it starts."),
    "file_unwritable": QT_TRANSLATE_NOOP(
        _C, "{field}: the file cannot be written there (does the folder exist?); nothing was written."),
    "profile_key": QT_TRANSLATE_NOOP(
        _C, "This is not an entry of the organisation profile (see \"profile show\")."),
    "logo_format": QT_TRANSLATE_NOOP(_C, "{field}: the logo must be a PNG or JPEG image file."),
    "logo_too_large": QT_TRANSLATE_NOOP(_C, "{field}: the logo is larger than {limit_mb} MB."),
    "letter_format": QT_TRANSLATE_NOOP(
        _C, "{field}: unexpected text before the \"---\" line; start it with "
            "\"Empfänger:\" or \"Betreff:\"."),
    "letter_no_body": QT_TRANSLATE_NOOP(
        _C, "{field}: the line \"---\" that starts the letter's text is missing."),
    "recipient_too_long": QT_TRANSLATE_NOOP(
        _C, "{field}: the address has more than {limit} lines and does not fit the window."),
    "unknown_template": QT_TRANSLATE_NOOP(_C, "{field}: there is no such letter template."),
    "weekday_format": QT_TRANSLATE_NOOP(
        _C, "{field}: give a weekday as Mon ... Sun, Mo ... So or 1 (Monday) to 7 (Sunday)."),
    "unknown_counselor": QT_TRANSLATE_NOOP(_C, "{field}: no team member has that name or initials."),
}

FIELD_LABELS: dict[str, str] = {
    "code": QT_TRANSLATE_NOOP("fields", "Client code"),
    "name": QT_TRANSLATE_NOOP("fields", "Name"),
    "number": QT_TRANSLATE_NOOP("fields", "Case number"),
    "client_id": QT_TRANSLATE_NOOP("fields", "Client"),
    "opened_on": QT_TRANSLATE_NOOP("fields", "Opened on"),
    "closed_on": QT_TRANSLATE_NOOP("fields", "Closed on"),
    "status": QT_TRANSLATE_NOOP("fields", "Status"),
    "area": QT_TRANSLATE_NOOP("fields", "Area of life"),
    "grounds": QT_TRANSLATE_NOOP("fields", "Grounds"),
    "racism_forms": QT_TRANSLATE_NOOP("fields", "Forms of racism"),
    "level": QT_TRANSLATE_NOOP("fields", "Level"),
    "respondent": QT_TRANSLATE_NOOP("fields", "Respondent"),
    "agg": QT_TRANSLATE_NOOP("fields", "Relevant under the AGG"),
    "incident_town": QT_TRANSLATE_NOOP("fields", "Town of the incident"),
    "date": QT_TRANSLATE_NOOP("fields", "Date"),
    "start_time": QT_TRANSLATE_NOOP("fields", "Start time"),
    "duration_min": QT_TRANSLATE_NOOP("fields", "Duration (minutes)"),
    "channel": QT_TRANSLATE_NOOP("fields", "Channel"),
    "town": QT_TRANSLATE_NOOP("fields", "Town"),
    "type": QT_TRANSLATE_NOOP("fields", "Type"),
    "text": QT_TRANSLATE_NOOP("fields", "Text"),
    "size": QT_TRANSLATE_NOOP("fields", "Size"),
    "written_at": QT_TRANSLATE_NOOP("fields", "Written at"),
    "file": QT_TRANSLATE_NOOP("fields", "File"),
    "hours": QT_TRANSLATE_NOOP("fields", "Hours"),
    "end_date": QT_TRANSLATE_NOOP("fields", "End date"),
    "participants": QT_TRANSLATE_NOOP("fields", "Participants"),
    "withdrawn_on": QT_TRANSLATE_NOOP("fields", "Withdrawn on"),
    "given_on": QT_TRANSLATE_NOOP("fields", "Given on"),
    "scopes": QT_TRANSLATE_NOOP("fields", "Scope of consent"),
    "retention_years": QT_TRANSLATE_NOOP("fields", "Retention (years)"),
    "partner_id": QT_TRANSLATE_NOOP("fields", "Partner"),
    "direction": QT_TRANSLATE_NOOP("fields", "Direction"),
    "kind": QT_TRANSLATE_NOOP("fields", "Kind"),
    "from": QT_TRANSLATE_NOOP("fields", "Start of the period (--from)"),
    "to": QT_TRANSLATE_NOOP("fields", "End of the period (--to)"),
    "as_of": QT_TRANSLATE_NOOP("fields", "Date of the figures (--as-of)"),
    "out": QT_TRANSLATE_NOOP("fields", "Output file"),
    "profile": QT_TRANSLATE_NOOP("fields", "Profile entry"),
    "logo": QT_TRANSLATE_NOOP("fields", "Logo"),
    "letter": QT_TRANSLATE_NOOP("fields", "Letter text file"),
    "recipient": QT_TRANSLATE_NOOP("fields", "Recipient"),
    "subject": QT_TRANSLATE_NOOP("fields", "Subject"),
    "body": QT_TRANSLATE_NOOP("fields", "Letter text"),
    "template": QT_TRANSLATE_NOOP("fields", "Letter template"),
    "due_on": QT_TRANSLATE_NOOP("fields", "Due on"),
    "what": QT_TRANSLATE_NOOP("fields", "What to do"),
    "done_on": QT_TRANSLATE_NOOP("fields", "Done on"),
    "weekday": QT_TRANSLATE_NOOP("fields", "Weekday"),
    "end_time": QT_TRANSLATE_NOOP("fields", "End time"),
    "at": QT_TRANSLATE_NOOP("fields", "Date and time (--at)"),
    "until": QT_TRANSLATE_NOOP("fields", "Until (--until)"),
    "counselor": QT_TRANSLATE_NOOP("fields", "Counselor"),
    # Fields a person edits: they also name the field in the conflict review after a handover.
    "summary": QT_TRANSLATE_NOOP("fields", "Summary"),
    "outcome": QT_TRANSLATE_NOOP("fields", "Outcome"),
    "counselor_id": QT_TRANSLATE_NOOP("fields", "Counselor"),
    "contact": QT_TRANSLATE_NOOP("fields", "Contact details"),
    "languages": QT_TRANSLATE_NOOP("fields", "Languages"),
    "age_group": QT_TRANSLATE_NOOP("fields", "Age group"),
    "gender": QT_TRANSLATE_NOOP("fields", "Gender"),
    "place": QT_TRANSLATE_NOOP("fields", "Place"),
    "language": QT_TRANSLATE_NOOP("fields", "Language"),
    "interpreter": QT_TRANSLATE_NOOP("fields", "With interpreter"),
    "result": QT_TRANSLATE_NOOP("fields", "Result"),
    "initials": QT_TRANSLATE_NOOP("fields", "Initials"),
    "active": QT_TRANSLATE_NOOP("fields", "Active"),
    "label_de": QT_TRANSLATE_NOOP("fields", "German label"),
    "label_en": QT_TRANSLATE_NOOP("fields", "English label"),
    "retired": QT_TRANSLATE_NOOP("fields", "Retired"),
    "organisation": QT_TRANSLATE_NOOP("fields", "Organisation"),
    "target_group": QT_TRANSLATE_NOOP("fields", "Target group"),
    "trainers": QT_TRANSLATE_NOOP("fields", "Trainers"),
    "follow_up": QT_TRANSLATE_NOOP("fields", "Follow-up"),
    "notes": QT_TRANSLATE_NOOP("fields", "Notes"),
    "contact_person": QT_TRANSLATE_NOOP("fields", "Contact person"),
    "partner_ids": QT_TRANSLATE_NOOP("fields", "Partners"),
    "topic": QT_TRANSLATE_NOOP("fields", "Topic"),
    "reason": QT_TRANSLATE_NOOP("fields", "Reason"),
    "form": QT_TRANSLATE_NOOP("fields", "Form of consent"),
    "note": QT_TRANSLATE_NOOP("fields", "Note"),
}

Translate = Callable[..., str]


def _identity(context: str, text: str) -> str:
    return text


def _template(code: str, translate: Translate, count: object = None) -> str:
    """The translated template of ``code``; for a count, in the plural form it needs."""
    if code in PLURAL_TEMPLATES and isinstance(count, int):
        one, many = PLURAL_TEMPLATES[code]
        try:
            text = translate(_C, many, None, count)  # Qt picks the language's form
        except TypeError:  # a translate without plural forms (the English identity)
            text = many
        return text if text != many else (one if count == 1 else many)
    return translate(_C, TEMPLATES.get(code, TEMPLATES["error"]))


def field_label(field: str, translate: Translate = _identity) -> str:
    """A field's label for people: from :data:`FIELD_LABELS`, else the label the field spec
    gives a case or client field (so a field added to the model needs no entry here)."""
    if field in FIELD_LABELS:
        return translate("fields", FIELD_LABELS[field])
    for entity in ("case", "client"):
        entity_spec = model.spec(entity)
        if field in entity_spec.names and entity_spec.field(field).shown is not None:
            return translate("fields", entity_spec.field(field).label_source).replace("&", "")
    return translate("fields", field)


def describe(error: BeratungsError, translate: Translate = _identity) -> str:
    """One sentence for ``error``, with its location (file line and column) first."""
    template = _template(error.code, translate, error.data.get("count"))
    data: dict[str, Any] = {"code": error.code, "value": "", "count": "", "entity": "",
                            "limit_mb": "", "first_line": "", "minimum": "", "sheets": "",
                            "scope": "", **error.data}
    if "field" in data:
        data["field"] = field_label(str(data["field"]), translate)
    if "limit" in data:
        data["limit_mb"] = int(data["limit"]) // (1024 * 1024)
    try:
        text = template.format(**data)
    except (KeyError, IndexError, ValueError):
        text = template
    return _located(error, text, translate)


def _located(error: BeratungsError, text: str, translate: Translate) -> str:
    line, column = error.data.get("line"), error.data.get("column")
    if line is not None and column:
        where = translate(_C, TEMPLATES["where_line_column"]).format(line=line, column=column)
        return f"{where}: {text}"
    if line is not None:
        return translate(_C, TEMPLATES["where_line"]).format(line=line) + f": {text}"
    return text


def clock_text(kind: str, hours: int = 0, seq: int | None = None, device: str = "",
               count: int = 0, translate: Translate = _identity) -> str:
    """A sentence for a clock warning (``behind``, ``ahead``, ``device_ahead``) or ``restamped``."""
    template = _template(f"clock_{kind}", translate, count if kind == "restamped" else None)
    return template.format(hours=hours, seq=seq if seq is not None else "", device=device,
                           count=count, code=kind)


def describe_all(error: BeratungsError, translate: Translate = _identity) -> list[str]:
    """The headline and, for several problems, one line per problem."""
    if isinstance(error, ValidationErrors):
        return [describe(error, translate)] + [describe(e, translate) for e in error.errors]
    return [describe(error, translate)]


__all__ = ["FIELD_LABELS", "TEMPLATES", "ValidationError", "clock_text", "describe", "describe_all",
           "field_label"]
