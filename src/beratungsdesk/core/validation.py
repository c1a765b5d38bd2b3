"""Validation of entities and of values typed by people.

Every problem is a :class:`ValidationError` whose ``field`` names what is wrong;
the caller adds ``line``/``column`` when the value came from a file.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.core.text import forbidden_character
from beratungsdesk.core.vocab import Vocabulary

MINUTES_PER_DAY = 24 * 60
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
#: Long texts, typed in several lines: line breaks are allowed here and nowhere else (tabs
#: anywhere). Every other text (names, codes, numbers, places, file names) is one line.
MULTILINE_TEXT = frozenset({
    ("note", "text"), ("case", "summary"), ("case", "outcome"), ("client", "contact"),
    ("workshop", "follow_up"), ("workshop", "notes"), ("partner", "notes"), ("partner", "contact"),
    ("meeting", "outcome"), ("referral", "reason"), ("consent", "note"), ("setting", "value")})


def parse_date(text: str, field: str) -> dt.date:
    """``DD.MM.YYYY`` or ``YYYY-MM-DD``; refuses dates that do not exist (31.06.)."""
    cleaned = text.strip()
    if match := _GERMAN_DATE.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValidationError("date_format", field=field, value=cleaned)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError("date_not_real", field=field, value=cleaned) from None


def parse_decimal_hours(text: str, field: str) -> float:
    """Hours with a decimal comma or point (``9,5`` or ``9.5``)."""
    cleaned = text.strip().replace(",", ".")
    try:
        hours = float(cleaned)
    except ValueError:
        raise ValidationError("number_format", field=field, value=text.strip()) from None
    if not 0 <= hours < 10_000:
        raise ValidationError("number_range", field=field, value=text.strip())
    return hours


def is_time(text: str) -> bool:
    return bool(_TIME.match(text))


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@functools.cache
def _field_plan(entity_name: str) -> tuple[tuple[model.FieldSpec, bool], ...]:
    """Each field's spec with whether it is a multi-line text (looked up once per kind)."""
    return tuple((spec, (entity_name, spec.name) in MULTILINE_TEXT)
                 for spec in model.spec(entity_name).fields)


def _check_fields(entity: model.Entity, vocab: Vocabulary) -> list[ValidationError]:
    problems: list[ValidationError] = []
    for spec, multiline in _field_plan(entity.ENTITY):
        value = getattr(entity, spec.name)
        if value is None or (isinstance(value, str) and not value.strip()):  # _is_blank, inlined
            if spec.required:
                problems.append(ValidationError("required", field=spec.name))
            continue
        # Shortcuts for the values imports write by the hundred thousand, each giving what
        # _check_kind and check_text would give (an exact str is never model.Invalid).
        kind, value_type = spec.kind, type(value)
        if value_type is str and kind == model.TEXT:
            problems.extend(check_text(value, spec.name, multiline))
            continue
        if value_type is str and kind == model.CODE and spec.vocab:
            if not vocab.has(spec.vocab, value):
                problems.append(ValidationError("unknown_code", field=spec.name, kind=spec.vocab,
                                                value=value))
            continue
        if (value_type is str and kind == model.REF) or (value_type is dt.date and kind == model.DATE) \
                or (value_type is int and kind == model.INT) or (value_type is bool and kind == model.BOOL) \
                or (value_type is tuple and not value and kind in (model.CODES, model.LIST)):
            continue
        problems.extend(_check_kind(spec, value, vocab))
        if kind == model.TEXT and isinstance(value, str):
            problems.extend(check_text(value, spec.name, multiline))
    return problems


def check_text(value: str, field: str, multiline: bool = False) -> list[ValidationError]:
    """A text with a control or bidi character (NUL, BEL, ESC, U+202E ...) is refused; the
    message names the field and the character's code point, never the text."""
    found = forbidden_character(value, multiline)
    return [ValidationError("control_character", field=field, value=found)] if found else []


def _check_kind(spec: model.FieldSpec, value: Any, vocab: Vocabulary) -> list[ValidationError]:
    if model.is_invalid(value):  # a stored value of the wrong kind (see model.Invalid)
        return [ValidationError("date_format" if spec.kind == model.DATE else "invalid",
                                field=spec.name, value=str(value))]
    if spec.kind == model.CODE and spec.vocab and not vocab.has(spec.vocab, value):
        return [ValidationError("unknown_code", field=spec.name, kind=spec.vocab, value=value)]
    if spec.kind == model.CODES and spec.vocab:
        return [ValidationError("unknown_code", field=spec.name, kind=spec.vocab, value=code)
                for code in value if not vocab.has(spec.vocab, code)]
    if spec.kind == model.DATE and not isinstance(value, dt.date):
        return [ValidationError("date_format", field=spec.name, value=str(value))]
    if spec.kind == model.TIME and not is_time(str(value)):
        return [ValidationError("time_format", field=spec.name, value=str(value))]
    if spec.kind == model.DATETIME and not _is_datetime(str(value)):
        return [ValidationError("datetime_format", field=spec.name, value=str(value))]
    if spec.kind == model.INT and (isinstance(value, bool) or not isinstance(value, int)):
        return [ValidationError("number_format", field=spec.name, value=str(value))]
    return []


def _is_datetime(text: str) -> bool:
    try:
        dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_rules(entity: model.Entity) -> list[ValidationError]:
    """Rules that relate fields to each other or bound numbers."""
    problems: list[ValidationError] = []
    if isinstance(entity, model.Case):
        if _dates(entity.closed_on, entity.opened_on) and entity.closed_on < entity.opened_on:
            problems.append(ValidationError("closed_before_opened", field="closed_on"))
        if entity.status == "closed" and not entity.closed_on:
            problems.append(ValidationError("closed_without_date", field="closed_on"))
    if isinstance(entity, model.Workshop):
        problems += _workshop_rules(entity)
    if isinstance(entity, model.Consent) and _dates(entity.withdrawn_on, entity.given_on) \
            and entity.withdrawn_on < entity.given_on:
        problems.append(ValidationError("withdrawn_before_given", field="withdrawn_on"))
    duration = getattr(entity, "duration_min", None) if isinstance(entity, model.Contact) else None
    if isinstance(duration, int) and not 0 < duration < MINUTES_PER_DAY:
        problems.append(ValidationError("duration_range", field="duration_min", value=duration))
    size = entity.size if isinstance(entity, model.Attachment) else None
    if isinstance(size, int) and size > model.MAX_ATTACHMENT_BYTES:
        problems.append(ValidationError("attachment_too_large", field="size",
                                        limit=model.MAX_ATTACHMENT_BYTES))
    if isinstance(entity, model.VocabTerm) and entity.id != f"{entity.kind}:{entity.code}":
        problems.append(ValidationError("term_id_mismatch", field="code"))
    return problems


def _dates(*values: Any) -> bool:
    """All real dates (an invalid stored value is reported by its field, not compared)."""
    return all(isinstance(value, dt.date) for value in values)


def _workshop_rules(workshop: model.Workshop) -> list[ValidationError]:
    found = []
    if workshop.end_date and workshop.date and workshop.end_date < workshop.date:
        found.append(ValidationError("end_before_start", field="end_date"))
    if isinstance(workshop.participants, int) and not 0 <= workshop.participants <= 100_000:
        found.append(ValidationError("number_range", field="participants", value=workshop.participants))
    if isinstance(workshop.duration_min, int) and not 0 < workshop.duration_min <= 100 * MINUTES_PER_DAY:
        found.append(ValidationError("number_range", field="duration_min", value=workshop.duration_min))
    return found


def problems(entity: model.Entity, vocab: Vocabulary) -> list[ValidationError]:
    return _check_fields(entity, vocab) + _check_rules(entity)


def check(entity: model.Entity, vocab: Vocabulary) -> None:
    """Raise the single problem, or all of them, if ``entity`` is invalid."""
    found = problems(entity, vocab)
    if len(found) == 1:
        raise found[0]
    if found:
        raise ValidationErrors(found, entity=entity.ENTITY)
