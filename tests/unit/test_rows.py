"""The bulk insert's one-pass row builder gives what the wire form and the row parameters give."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from beratungsdesk.core import model, wire_form
from beratungsdesk.storage import rows
from tests.timing import examples

_values = st.one_of(
    st.none(), st.text(max_size=5), st.builds(wire_form.Invalid, st.text(max_size=4)), st.dates(),
    st.datetimes(), st.integers(-5, 2000), st.booleans(), st.just(()),
    st.lists(st.sampled_from(["religion", "language", "b", "a"]), max_size=3).map(tuple),
    st.tuples(st.builds(wire_form.Invalid, st.just("x"))))


def _outcome(build: Any) -> Any:
    try:
        return build()
    except Exception as error:  # values no form or file can produce (an int in a code list)
        return type(error)


@settings(max_examples=examples(80))
@given(kind=st.sampled_from(["client", "case", "contact", "intervention", "note", "workshop"]),
       data=st.data())
def test_new_row_is_the_wire_form_and_the_row_parameters(kind: str, data: st.DataObject) -> None:
    entity = model.ENTITY_TYPES[kind]()
    for spec in model.spec(kind).fields:
        setattr(entity, spec.name, data.draw(_values, label=spec.name))
    entity_spec = model.spec(kind)
    base = (123, 1, 0)

    def separately() -> tuple[dict[str, Any], tuple[Any, ...]]:
        wire = wire_form.entity_to_wire(entity)
        return wire, rows.row_params(entity_spec, entity.id, wire, base, None)

    assert _outcome(lambda: rows.new_row(entity_spec, entity, base)) == _outcome(separately)


def test_new_row_writes_dates_as_iso_text_and_booleans_as_numbers() -> None:
    case = model.Case(number="2022-0001", client_id=model.new_id(), opened_on=dt.date(2022, 1, 5),
                      area="work", grounds=("religion", "language"), deleted=False)
    wire, row = rows.new_row(model.spec("case"), case, (7, 1, 0))
    assert wire["opened_on"] == "2022-01-05" and wire["deleted"] is False
    assert wire["grounds"] == ["language", "religion"]
    columns = dict(zip(("id", *model.spec("case").names), row, strict=False))
    assert (columns["opened_on"], columns["deleted"], columns["grounds"]) == (
        "2022-01-05", 0, '["language","religion"]')
