"""Validation of entities and of values typed by people.

Every problem is a :class:`ValidationError` whose ``field`` names what is wrong;
the caller adds ``line``/``column`` when the value came from a file.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.core.vocab import Vocabulary

MINUTES_PER_DAY = 24 * 60
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


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


def _check_fields(entity: model.Entity, vocab: Vocabulary) -> list[ValidationError]:
    problems: list[ValidationError] = []
    for spec in model.spec(entity.ENTITY).fields:
        value = getattr(entity, spec.name)
        if spec.required and _is_blank(value):
            problems.append(ValidationError("required", field=spec.name))
            continue
        if _is_blank(value):
            continue
        problems.extend(_check_kind(spec, value, vocab))
    return problems


def _check_kind(spec: model.FieldSpec, value: Any, vocab: Vocabulary) -> list[ValidationError]:
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
        if entity.closed_on and entity.opened_on and entity.closed_on < entity.opened_on:
            problems.append(ValidationError("closed_before_opened", field="closed_on"))
        if entity.status == "closed" and not entity.closed_on:
            problems.append(ValidationError("closed_without_date", field="closed_on"))
    if isinstance(entity, model.Workshop):
        problems += _workshop_rules(entity)
    if isinstance(entity, model.Consent) and entity.withdrawn_on and entity.given_on \
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
