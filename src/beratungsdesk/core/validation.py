"""Validation of entities and of values typed by people.

Every problem is a :class:`ValidationError` whose ``field`` names what is wrong;
the caller adds ``line``/``column`` when the value came from a file.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.core.text import forbidden_character
from beratungsdesk.core.vocab import Vocabulary

MINUTES_PER_DAY = 24 * 60
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
#: Long texts, typed in several lines: line breaks are allowed here and nowhere else (tabs
#: anywhere). Every other text (names, codes, numbers, places, file names) is one line. A field
#: the spec shows as a long text (``Shown(long=True)``) is one without being listed here.
MULTILINE_TEXT = frozenset({
    ("note", "text"), ("case", "summary"), ("case", "outcome"), ("client", "contact"),
    ("workshop", "follow_up"), ("workshop", "notes"), ("partner", "notes"), ("partner", "contact"),
    ("meeting", "outcome"), ("referral", "reason"), ("consent", "note"), ("setting", "value")}) | frozenset(
    (entity.name, field.name) for entity in model.all_specs() for field in entity.fields
    if field.shown is not None and field.shown.long)


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
    for spec, one_line in _field_kinds(entity.ENTITY):
        value = getattr(entity, spec.name)
        if not _plainly_valid(spec, value, vocab, one_line):
            problems.extend(_check_value(entity.ENTITY, spec, value, vocab))
    return problems


def _plainly_valid(spec: model.FieldSpec, value: Any, vocab: Vocabulary, one_line: bool) -> bool:
    """True for the values a bulk import writes by the hundred thousand when they certainly
    have no problem (what :func:`_check_value` would find for them: nothing); False means
    "ask :func:`_check_value`", never "invalid". Exact types only: a ``wire_form.Invalid`` is a
    subclass of ``str`` and never passes here."""
    if value is None:
        return not spec.required
    kind, value_type = spec.kind, type(value)
    if value_type is str:
        if not value.strip():
            return False
        if kind == model.REF:
            return True
        if kind == model.TEXT:
            return forbidden_character(value, not one_line) is None
        return kind == model.CODE and spec.vocab is not None and vocab.has(spec.vocab, value)
    return ((value_type is bool and kind == model.BOOL) or (value_type is int and kind == model.INT)
            or (value_type is dt.date and kind == model.DATE)
            or (value_type is tuple and not value and kind in (model.CODES, model.LIST)))


@functools.cache
def _field_kinds(entity_name: str) -> tuple[tuple[model.FieldSpec, bool], ...]:
    """Each field of an entity with whether it is a one-line text (looked up once per kind)."""
    return tuple((spec, (entity_name, spec.name) not in MULTILINE_TEXT)
                 for spec in model.spec(entity_name).fields)


def _check_value(entity_name: str, spec: model.FieldSpec, value: Any, vocab: Vocabulary
                 ) -> list[ValidationError]:
    """The problems of one field's value (as the entity holds it): the single rule for a
    field, used by :func:`problems` and :func:`wire_problems` alike."""
    if _is_blank(value):
        return [ValidationError("required", field=spec.name)] if spec.required else []
    kind = spec.kind
    problems = _check_kind(spec, value, vocab)
    if kind == model.TEXT and isinstance(value, str):
        problems.extend(check_text(value, spec.name, (entity_name, spec.name) in MULTILINE_TEXT))
    elif kind == model.LIST and isinstance(value, (list, tuple)):
        # Lists of texts (a client's languages, a workshop's trainers) are shown and printed
        # like any text: the same characters are refused in each of their items.
        problems.extend(next((check_text(item, spec.name) for item in value
                              if isinstance(item, str) and forbidden_character(item, False)), []))
    return problems


def check_text(value: str, field: str, multiline: bool = False) -> list[ValidationError]:
    """A text with a control or bidi character (NUL, BEL, ESC, U+202E ...) is refused; the
    message names the field and the character's code point, never the text."""
    found = forbidden_character(value, multiline)
    return [ValidationError("control_character", field=field, value=found)] if found else []


def _check_kind(spec: model.FieldSpec, value: Any, vocab: Vocabulary) -> list[ValidationError]:
    if wire_form.is_invalid(value):  # a stored value of the wrong kind (see wire_form.Invalid)
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
    return _rules(entity.ENTITY, functools.partial(getattr, entity))


#: The fields each entity's cross-field rules read (see :func:`_rules`).
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "case": ("closed_on", "opened_on", "status"),
    "workshop": ("date", "end_date", "participants", "duration_min"),
    "consent": ("given_on", "withdrawn_on"),
    "contact": ("duration_min",),
    "appointment": ("duration_min",),
    "office_hour": ("weekday", "start_time", "end_time"),
    "attachment": ("size",),
    "term": ("id", "kind", "code"),
}


def _rules(entity_name: str, get: Callable[[str], Any]) -> list[ValidationError]:
    """Rules that relate fields to each other or bound numbers; ``get(name)`` gives a
    field's value as the entity holds it (only the names in ``RULE_FIELDS`` are asked)."""
    problems: list[ValidationError] = []
    if entity_name == "case":
        closed_on, opened_on = get("closed_on"), get("opened_on")
        if _dates(closed_on, opened_on) and closed_on < opened_on:
            problems.append(ValidationError("closed_before_opened", field="closed_on"))
        if get("status") == "closed" and not closed_on:
            problems.append(ValidationError("closed_without_date", field="closed_on"))
    elif entity_name == "workshop":
        problems += _workshop_rules(get)
    elif entity_name == "consent":
        withdrawn_on, given_on = get("withdrawn_on"), get("given_on")
        if _dates(withdrawn_on, given_on) and withdrawn_on < given_on:
            problems.append(ValidationError("withdrawn_before_given", field="withdrawn_on"))
    elif entity_name == "office_hour":
        problems += _office_hour_rules(get)
    elif entity_name in ("contact", "appointment"):
        duration = get("duration_min")
        if isinstance(duration, int) and not 0 < duration < MINUTES_PER_DAY:
            code = "duration_range" if entity_name == "contact" else "number_range"
            problems.append(ValidationError(code, field="duration_min", value=duration))
    elif entity_name == "attachment":
        size = get("size")
        if isinstance(size, int) and size > model.MAX_ATTACHMENT_BYTES:
            problems.append(ValidationError("attachment_too_large", field="size",
                                            limit=model.MAX_ATTACHMENT_BYTES))
    elif entity_name == "term" and get("id") != f"{get('kind')}:{get('code')}":
        problems.append(ValidationError("term_id_mismatch", field="code"))
    return problems


def _dates(*values: Any) -> bool:
    """All real dates (an invalid stored value is reported by its field, not compared)."""
    return all(isinstance(value, dt.date) for value in values)


def _workshop_rules(get: Callable[[str], Any]) -> list[ValidationError]:
    found = []
    end_date, date = get("end_date"), get("date")
    if _dates(end_date, date) and end_date < date:
        found.append(ValidationError("end_before_start", field="end_date"))
    participants, duration_min = get("participants"), get("duration_min")
    if isinstance(participants, int) and not 0 <= participants <= 100_000:
        found.append(ValidationError("number_range", field="participants", value=participants))
    if isinstance(duration_min, int) and not 0 < duration_min <= 100 * MINUTES_PER_DAY:
        found.append(ValidationError("number_range", field="duration_min", value=duration_min))
    return found


def _office_hour_rules(get: Callable[[str], Any]) -> list[ValidationError]:
    found = []
    weekday = get("weekday")
    if isinstance(weekday, int) and not 1 <= weekday <= 7:
        found.append(ValidationError("number_range", field="weekday", value=weekday))
    start, end = get("start_time"), get("end_time")
    if (isinstance(start, str) and isinstance(end, str) and is_time(start) and is_time(end)
            and _minutes(end) <= _minutes(start)):
        found.append(ValidationError("end_before_start", field="end_time"))
    return found


def _minutes(hh_mm: str) -> int:
    hours, minutes = hh_mm.split(":")
    return int(hours) * 60 + int(minutes)


def problems(entity: model.Entity, vocab: Vocabulary) -> list[ValidationError]:
    return _check_fields(entity, vocab) + _check_rules(entity)


def check(entity: model.Entity, vocab: Vocabulary) -> None:
    """Raise the single problem, or all of them, if ``entity`` is invalid."""
    found = problems(entity, vocab)
    if len(found) == 1:
        raise found[0]
    if found:
        raise ValidationErrors(found, entity=entity.ENTITY)


# --- the same checks on wire values (the admission step of an import) -------------------
#
# An import judges tens of thousands of incoming records. Building an entity (a dataclass)
# for each only to read its fields back, and running every value through the general checks,
# was most of the admission step. So the checks run on the wire values directly: a value of
# the usual shape that plainly passes (a plain string without control characters, a known
# code, an ``int``, a real ``YYYY-MM-DD`` ...) is let through by a quick test of its kind;
# every other value goes the general way, ``wire_form.from_wire`` (the conversion
# ``entity_from_wire`` makes) and the same ``_check_value``, and the cross-field rules are
# the same ``_rules``. tests/unit/core/test_wire_validation.py proves the result equal to
# ``problems(entity_from_wire(...))`` for any values.

#: A problem as the admission step compares them: (code, field).
Problem = tuple[str, str | None]

_NO_VALUE_LISTS = frozenset({model.CODES, model.LIST})  # None reads as () there: never blank
_HH_MM = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")  # with fullmatch, as wire_form.from_wire takes it


def wire_problems(entity_name: str, row_id: str, values: dict[str, Any], vocab: Vocabulary,
                  only: Iterable[str] | None = None) -> set[Problem]:
    """The problems of the record ``values`` (wire form, every field) as (code, field).

    Equal to the problems of ``wire_form.entity_from_wire(entity_name, row_id, values)``. With
    ``only``: the field checks of those fields alone, but every cross-field rule (an update
    compares the record before and after it, where untouched fields cannot differ).
    """
    found: set[Problem] = set()
    for name, spec, multiline, passes, none_is_missing in _field_plan(
            entity_name, None if only is None else frozenset(only)):
        wire = values.get(name)
        if wire is None:
            if none_is_missing:
                found.add(("required", name))
        elif not passes(wire, spec, multiline, vocab):
            found.update((problem.code, name) for problem in
                         _check_value(entity_name, spec, wire_form.from_wire(spec.kind, wire), vocab))
    if entity_name in RULE_FIELDS:
        kinds = _kinds(entity_name)

        def get(name: str) -> Any:
            return row_id if name == "id" else wire_form.from_wire(kinds[name], values.get(name))

        found.update((problem.code, problem.data.get("field")) for problem in _rules(entity_name, get))
    return found


# Quick tests: True only for a wire value that ``from_wire`` keeps as it is (or makes a real
# date, a bool) and ``_check_value`` finds nothing wrong with; False sends it the general way.

def _text_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is str and bool(wire.strip()) and forbidden_character(wire, multiline) is None


def _code_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is str and bool(wire.strip()) and (not spec.vocab or vocab.has(spec.vocab, wire))


def _ref_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is str and bool(wire.strip())


def _codes_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is list and all(type(code) is str and (not spec.vocab or vocab.has(spec.vocab, code))
                                      for code in wire)


def _list_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is list and all(type(item) is str and forbidden_character(item, False) is None
                                      for item in wire)


def _bool_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is bool


def _int_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is int


def _date_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    if type(wire) is not str or len(wire) != 10 or wire[4] != "-" or wire[7] != "-":
        return False
    try:
        dt.date.fromisoformat(wire)
    except ValueError:
        return False
    return True


def _time_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is str and _HH_MM.fullmatch(wire) is not None


def _datetime_passes(wire: Any, spec: model.FieldSpec, multiline: bool, vocab: Vocabulary) -> bool:
    return type(wire) is str and _is_datetime(wire)


_QUICK: dict[str, Callable[[Any, model.FieldSpec, bool, Vocabulary], bool]] = {
    model.TEXT: _text_passes, model.CODE: _code_passes, model.REF: _ref_passes,
    model.CODES: _codes_passes, model.LIST: _list_passes, model.BOOL: _bool_passes,
    model.INT: _int_passes, model.DATE: _date_passes, model.TIME: _time_passes,
    model.DATETIME: _datetime_passes}


@functools.lru_cache(maxsize=1024)  # bounded: a bundle chooses which fields its changes name
def _field_plan(entity_name: str, only: frozenset[str] | None
                ) -> tuple[tuple[str, model.FieldSpec, bool, Callable[..., bool], bool], ...]:
    """The fields to check (all, or those in ``only``): name, spec, "may hold line breaks",
    quick test, "a missing value is a missing required one"."""
    return tuple((spec.name, spec, (entity_name, spec.name) in MULTILINE_TEXT, _QUICK[spec.kind],
                  spec.required and spec.kind not in _NO_VALUE_LISTS)
                 for spec in model.spec(entity_name).fields if only is None or spec.name in only)


@functools.cache
def _kinds(entity_name: str) -> dict[str, str]:
    return {spec.name: spec.kind for spec in model.spec(entity_name).fields}
