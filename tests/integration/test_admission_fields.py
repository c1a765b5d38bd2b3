"""An invalid value in any field of an incoming update is refused, through real bundles.

The admission step checks an update only on the fields it touches (plus every cross-field
rule); tests/unit/core/test_wire_validation.py proves that equal to checking whole records.
Here a laptop sends, for every field of its own case and of one of its contacts, an update
that puts an invalid value of the right wire type (a control character, an unknown code, a
day that does not exist, a blank required reference, a duration out of range) into that one
field: the office refuses each, naming the field, and keeps the stored records as they were.
(A value of the wrong wire type never gets this far: the bundle reader refuses the bundle.
A flag, a list of texts or an optional reference has no invalid value of its wire type.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from beratungsdesk.core import model, wire_form
from beratungsdesk.services.cases import CaseService
from tests.integration.sync_helpers import forge
from tests.integration.test_zero_trust import Team, assert_honest_work_arrived, quarantined

#: One invalid value of the right wire type per field kind.
_INVALID: dict[str, Any] = {
    model.TEXT: "bad\x1b[2Jvalue", model.CODE: "no_such_code", model.CODES: ["no_such_code"],
    model.DATE: "2024-02-30", model.TIME: "25:00", model.DATETIME: "yesterday", model.INT: 0,
}


def _invalid_value(entity: str, spec: model.FieldSpec) -> Any:
    """An invalid value for the field, or None where its wire type admits none."""
    if spec.kind == model.REF:  # any text is a valid optional reference, unless scope decides
        return "" if spec.required or (entity, spec.name) in _SCOPE_REASONS else None
    return _INVALID.get(spec.kind)

#: Fields the scope rules refuse before validation is asked (still refused, with the field).
_SCOPE_REASONS = {("case", "client_id"): "reference_out_of_scope",
                  ("case", "counselor_id"): "office_field",
                  ("contact", "case_id"): "reference_out_of_scope"}


def test_an_invalid_value_in_any_field_of_an_update_is_refused(make_store, tmp_path: Path) -> None:
    team = Team(make_store, tmp_path)
    own, note = team.honest_work()
    contact = CaseService(team.a).log_contact(own.id, 45)
    team.round()
    stored_case = wire_form.entity_to_wire(CaseService(team.office).record(own.id).case)

    expected = set()
    for entity, row_id in (("case", own.id), ("contact", contact.id)):
        for spec in model.spec(entity).fields:
            bad = _invalid_value(entity, spec)
            if bad is None:
                continue
            forge(team.a, entity, row_id, {spec.name: bad})
            reason = _SCOPE_REASONS.get((entity, spec.name), "invalid")
            expected.add((entity, "update", reason, spec.name))
    team.round()

    assert set(quarantined(team.office)) == expected
    assert len(quarantined(team.office)) == len(expected)
    assert wire_form.entity_to_wire(CaseService(team.office).record(own.id).case) == stored_case
    assert_honest_work_arrived(team, own, note)
