"""Clock, validation, vocabulary matching and error texts of the core layer."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beratungsdesk.core import hlc, model, validation, wire_form
from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.core.vocab import Vocabulary, default_terms
from tests.timing import examples

VOCAB = Vocabulary(default_terms())


class FakeWall:
    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


@given(st.lists(st.tuples(st.integers(0, 3), st.booleans(), st.integers(0, 2**40)), max_size=60))
def test_clock_stamps_strictly_increase_and_pass_every_observed_stamp(steps) -> None:
    wall = FakeWall(1_000_000)
    clock = hlc.HybridClock(wall=wall)
    previous = 0
    for advance, observe, remote in steps:
        wall.now += advance - 1  # the wall clock may even step back
        if observe:
            clock.observe(remote)
            previous = max(previous, remote)
        stamp = clock.now()
        assert stamp > previous
        previous = stamp


def test_clock_counter_overflow_moves_to_next_millisecond() -> None:
    clock = hlc.HybridClock(last=hlc.pack(5, hlc.COUNTER_MASK), wall=FakeWall(5))
    assert clock.now() == hlc.pack(6, 0)


@pytest.mark.parametrize("text", ["31.06.2022", "2022-02-30", "29.02.2023"])
def test_dates_that_do_not_exist_are_refused_naming_the_field(text) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.parse_date(text, "opened_on")
    assert caught.value.code == "date_not_real"
    assert caught.value.data["field"] == "opened_on"


@pytest.mark.parametrize(("text", "expected"), [("03.01.2022", dt.date(2022, 1, 3)),
                                                ("2022-01-03", dt.date(2022, 1, 3)),
                                                (" 29.02.2024 ", dt.date(2024, 2, 29))])
def test_both_date_forms_are_read(text, expected) -> None:
    assert validation.parse_date(text, "date") == expected


@pytest.mark.parametrize(("text", "hours"), [("9,5", 9.5), ("9.5", 9.5), ("0", 0.0)])
def test_hours_with_decimal_comma_or_point(text, hours) -> None:
    assert validation.parse_decimal_hours(text, "hours") == hours


def _case(**changes) -> model.Case:
    values = {"number": "2022-0001", "client_id": "c", "opened_on": dt.date(2022, 3, 1),
              "area": "housing"}
    return model.Case(**{**values, **changes})


def test_a_case_may_not_close_before_it_opened() -> None:
    found = validation.problems(_case(status="closed", closed_on=dt.date(2022, 2, 1)), VOCAB)
    assert [(p.code, p.data["field"]) for p in found] == [("closed_before_opened", "closed_on")]


def test_required_fields_and_unknown_codes_are_named() -> None:
    found = validation.problems(_case(area=None, grounds=("religion", "colour")), VOCAB)
    assert {(p.code, p.data["field"]) for p in found} == {("required", "area"),
                                                         ("unknown_code", "grounds")}


@pytest.mark.parametrize(("minutes", "valid"), [(0, False), (1, True), (1439, True), (1440, False)])
def test_contact_duration_is_above_zero_and_under_a_day(minutes, valid) -> None:
    contact = model.Contact(case_id="c", date=dt.date(2022, 1, 1), duration_min=minutes)
    assert (validation.problems(contact, VOCAB) == []) is valid


def test_check_raises_all_problems_at_once() -> None:
    with pytest.raises(ValidationErrors) as caught:
        validation.check(model.Case(), VOCAB)
    assert {e.data["field"] for e in caught.value.errors} >= {"number", "client_id", "opened_on", "area"}


@pytest.mark.parametrize("cell", ["Wohnen", "housing", "HOUSING", "  wohnen ", "Housing"])
def test_vocabulary_matches_german_english_or_code(cell) -> None:
    assert VOCAB.match("area", cell) == "housing"


def test_vocabulary_does_not_guess() -> None:
    assert VOCAB.match("area", "Wohnung") is None


def test_error_text_never_contains_the_value() -> None:
    error = ValidationError("unknown_code", field="code", value="Ayşe Yılmaz", line=3)
    assert "Ayşe" not in str(error)
    assert "code" in str(error) and "line=3" in str(error)


def test_wire_form_round_trips_every_entity() -> None:
    case = _case(grounds=("religion", "language"), closed_on=dt.date(2022, 4, 1), status="closed")
    wire = wire_form.entity_to_wire(case)
    assert wire["grounds"] == ["language", "religion"]
    back = wire_form.entity_from_wire("case", case.id, wire)
    assert back.grounds == ("language", "religion") and back.closed_on == dt.date(2022, 4, 1)


# --- the shortcuts of validation._check_fields give what the checks of every kind give ---------

def _problems_field_by_field(entity: model.Entity, vocab: Vocabulary) -> list[ValidationError]:
    """Every field through ``_check_kind`` and, for texts, ``check_text``: no shortcuts."""
    found: list[ValidationError] = []
    for spec in model.spec(entity.ENTITY).fields:
        value = getattr(entity, spec.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                found.append(ValidationError("required", field=spec.name))
            continue
        found += validation._check_kind(spec, value, vocab)
        if spec.kind == model.TEXT and isinstance(value, str):
            found += validation.check_text(value, spec.name,
                                           (entity.ENTITY, spec.name) in validation.MULTILINE_TEXT)
    return found


_any_value = st.one_of(
    st.none(), st.sampled_from(["", " ", "work", "referral", "phone", "Hilden", "2022-01-05", "10:30",
                                "2022-01-05T10:30:00", "Tab\tgut"]),
    st.sampled_from(["Zeile\nzwei", "\x1b[31m", "a\u202eb", "\x00"]),
    st.text(max_size=6), st.builds(wire_form.Invalid, st.text(max_size=4)), st.dates(), st.datetimes(),
    st.integers(-5, 2000), st.booleans(), st.tuples(st.sampled_from(["religion", "language", "x"])),
    st.tuples(st.builds(wire_form.Invalid, st.just("x"))), st.just(()))


def _outcome(check: Any, entity: model.Entity, vocab: Vocabulary) -> Any:
    try:
        return [(problem.code, problem.data) for problem in check(entity, vocab)]
    except Exception as error:  # a value no form or file can produce (an int in a code list)
        return type(error)


@settings(max_examples=examples(60))
@given(kind=st.sampled_from(["client", "case", "contact", "intervention", "note"]), data=st.data())
def test_field_checks_find_what_checking_each_kind_finds(kind: str, data: st.DataObject) -> None:
    entity = model.ENTITY_TYPES[kind]()
    for spec in model.spec(kind).fields:
        setattr(entity, spec.name, data.draw(_any_value, label=spec.name))
    vocab = Vocabulary(default_terms())
    assert _outcome(validation._check_fields, entity, vocab) == \
        _outcome(_problems_field_by_field, entity, vocab)


def test_new_ids_are_random_version_4_uuids_in_their_usual_text_form() -> None:
    ids = [model.new_id() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant, str(parsed)) == (4, uuid.RFC_4122, text)
    # every bit outside version and variant is random: each takes both values somewhere
    bits = [uuid.UUID(text).int for text in ids]
    fixed = (0xF << 76) | (0x3 << 62)
    assert all(any(value >> bit & 1 for value in bits) and not all(value >> bit & 1 for value in bits)
               for bit in range(128) if not fixed >> bit & 1)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


@given(value=_json_values)
def test_compact_json_is_json_dumps_with_compact_separators(value: Any) -> None:
    assert model.compact_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_compact_json_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        model.compact_json({"when": dt.date(2022, 1, 5)})
