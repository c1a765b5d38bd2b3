"""The admission step validates incoming records on their wire values
(``validation.wire_problems``) instead of building an entity for each. These properties prove
that this refuses exactly what the local write rules refuse, for any values in any field of
every entity, and that an update's shortcut (checking only the fields it touches, plus every
cross-field rule) finds exactly the problems the whole-record comparison finds."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.core import model, validation, wire_form
from beratungsdesk.core.vocab import Vocabulary, default_terms

VOCABULARY = Vocabulary(default_terms())
ENTITIES = sorted(model.ENTITY_TYPES)

#: Codes the vocabulary knows, and some it does not.
_KNOWN_CODES = sorted({term.code for term in default_terms()})[:40]
_CODES = st.sampled_from([*_KNOWN_CODES, "no_such_code", "", " ", "Work", "work\x1b"])

#: Values near every edge a check has: blanks, control and bidi characters, line breaks and
#: tabs, dates that do not exist or are not ``YYYY-MM-DD``, times and datetimes of both kinds,
#: numbers at the rule bounds, values of the wrong JSON type.
_EDGES = st.sampled_from([
    "", " ", "\t", "\n", "ok", "line\nbreak", "tab\there", "esc\x1b[31m", "nul\x00", "del\x7f",
    "c1\x85", "bidi\u202efdp.exe", "iso\u2066", "2024-05-01", "2024-02-30", "2024-5-01",
    "20240501", "2024-W01-1", " 2024-05-01", "2024-05-01\n", "12:30", "7:05", "24:00", "12:30\n",
    "2024-05-01T10:00:00", "2024-05-01 10:00", "not-a-date", "open", "closed", "work",
    "case_status", "town:berlin", "A:b", 0, 1, -1, 59, 1439, 1440, 144_000, 144_001, 100_000,
    100_001, model.MAX_ATTACHMENT_BYTES, model.MAX_ATTACHMENT_BYTES + 1, True, False, 1.5,
    [], ["work"], ["work", "no_such_code"], [1], ["a", None], {"a": 1}, None])

_ANY_VALUE = st.one_of(
    _EDGES, _CODES, st.text(max_size=12), st.integers(-10, 10**9), st.booleans(),
    st.lists(st.one_of(_CODES, st.text(max_size=5), st.integers()), max_size=3),
    st.dates().map(lambda day: day.isoformat()))


def _records(entity: str) -> st.SearchStrategy[dict[str, Any]]:
    """A wire record: some fields missing, each present one any value."""
    names = model.spec(entity).names
    return st.dictionaries(st.sampled_from(names), _ANY_VALUE, max_size=len(names))


def _reference(entity: str, row_id: str, values: dict[str, Any]) -> set[tuple[str, str | None]]:
    """The problems the local write rules find: the record as an entity, fully validated."""
    record = wire_form.entity_from_wire(entity, row_id, values)
    return {(problem.code, problem.data.get("field"))
            for problem in validation.problems(record, VOCABULARY)}


_ROW_IDS = st.sampled_from(["case-1", "town:berlin", "area:work", "x"])
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("entity", ENTITIES)
@_SETTINGS
@given(data=st.data(), row_id=_ROW_IDS)
def test_wire_validation_finds_exactly_what_the_entity_validation_finds(
        entity: str, data: st.DataObject, row_id: str) -> None:
    values = data.draw(_records(entity))
    assert validation.wire_problems(entity, row_id, values, VOCABULARY) == _reference(entity, row_id, values)


@pytest.mark.parametrize("entity", ENTITIES)
@_SETTINGS
@given(data=st.data(), row_id=_ROW_IDS)
def test_an_update_checked_on_its_fields_finds_what_the_whole_records_find(
        entity: str, data: st.DataObject, row_id: str) -> None:
    current = data.draw(_records(entity))
    change = data.draw(_records(entity))
    after = {**current, **change}
    whole = _reference(entity, row_id, after) - _reference(entity, row_id, current)
    touched = change.keys()
    shortcut = (validation.wire_problems(entity, row_id, after, VOCABULARY, touched)
                - validation.wire_problems(entity, row_id, current, VOCABULARY, touched))
    assert shortcut == whole


_INVALID_BY_KIND: dict[str, list[Any]] = {
    model.TEXT: ["bad\x1b[2Jvalue", "rtl\u202eexe", 5, ["a"]],
    model.CODE: ["no_such_code", 5],
    model.CODES: [["no_such_code"], "work", [5]],
    model.LIST: [[5], "text", {"a": 1}],
    model.REF: [5, ["x"]],
    model.DATE: ["2024-02-30", "01.05.2024", 20240501],
    model.TIME: ["25:00", "12:30\n", 1230],
    model.DATETIME: ["yesterday", 5],
    model.INT: ["seven", 1.5, True],
    model.BOOL: ["yes", "true", 1.5],
}


def _valid_record(entity: str) -> dict[str, Any]:
    """A record of ``entity`` that the rules accept, to put one invalid value into."""
    record = {spec.name: _valid_value(spec) for spec in model.spec(entity).fields}
    if entity == "term":
        record.update(kind="town", code="berlin")
    if entity == "office_hour":
        record.update(weekday=2, end_time="11:00")  # a weekday 1-7, ending after it starts
    assert validation.wire_problems(entity, "town:berlin", record, VOCABULARY) == set()
    return record


def _valid_value(spec: model.FieldSpec) -> Any:
    code = next(term.code for term in default_terms() if term.kind == spec.vocab) if spec.vocab else None
    return {model.TEXT: "text", model.CODE: code, model.CODES: [code], model.LIST: ["de"],
            model.REF: "some-id", model.DATE: "2024-05-01", model.TIME: "10:15",
            model.DATETIME: "2024-05-01T10:15:00", model.INT: 30, model.BOOL: False}[spec.kind]


_EVERY_FIELD = [(entity, spec.name, bad) for entity in ENTITIES for spec in model.spec(entity).fields
                for bad in _INVALID_BY_KIND[spec.kind]]


@pytest.mark.parametrize(("entity", "field_name", "bad"), _EVERY_FIELD,
                         ids=[f"{e}.{f}={b!r}" for e, f, b in _EVERY_FIELD])
def test_an_invalid_value_in_any_field_is_found_in_an_insert_and_in_an_update(
        entity: str, field_name: str, bad: Any) -> None:
    stored = _valid_record(entity)
    after = {**stored, field_name: bad}
    as_insert = validation.wire_problems(entity, "town:berlin", after, VOCABULARY)
    as_update = (validation.wire_problems(entity, "town:berlin", after, VOCABULARY, [field_name])
                 - validation.wire_problems(entity, "town:berlin", stored, VOCABULARY, [field_name]))
    assert field_name in {field for _code, field in as_insert}  # (a rule may name a second one)
    assert as_update == as_insert
