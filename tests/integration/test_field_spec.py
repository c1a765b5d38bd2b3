"""A field of a case or client is declared once (core/model.py) and reaches every place that
shows it: the access report (GDPR art. 15), the command line's detail view and the form.

The fields are taken from the spec, so a personal-data field added to the model without
reaching the access report fails here."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from beratungsdesk.cli.case_cmds import format_record
from beratungsdesk.core import model
from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.reports import ReportService
from beratungsdesk.storage.store import Store

PEOPLE_FIELDS = ("client", "case")


def _personal(entity: str) -> list[model.FieldSpec]:
    return [field for field in model.spec(entity).fields if field.personal]


def _marker(field: model.FieldSpec) -> str:
    return f"Marker{field.name.replace('_', '')}"


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("entity", PEOPLE_FIELDS)
def test_every_personal_field_is_declared_for_the_report_and_the_form(entity: str) -> None:
    personal = _personal(entity)
    assert personal, "the spec marks personal data"
    for field in personal:
        # The person concerned learns it (art. 15) and a counselor can correct it (art. 16).
        assert field.appears_in(model.REPORT), f"{entity}.{field.name} is missing in the access report"
        assert field.appears_in(model.FORM), f"{entity}.{field.name} cannot be corrected in the form"


def test_every_personal_field_appears_in_the_access_report(office: Store, tmp_path: Path) -> None:
    """Each personal-data field of the client and the case is filled with a value of its own;
    the access report must show every one of them, under the field's German label."""
    cases = CaseService(office)
    client_values = {field.name: (_marker(field),) if field.kind == model.LIST else _marker(field)
                     for field in _personal("client")}
    client = cases.find_or_create_client(client_values.pop("code"), **client_values)
    case_values = {field.name: _marker(field) for field in _personal("case")}
    assert all(field.kind == model.TEXT for field in _personal("case")), "extend the values above"
    cases.open_case(client, "work", dt.date(2024, 5, 2), **case_values)
    out = tmp_path / "auskunft.pdf"
    ReportService(office).auskunft(_marker(model.spec("client").field("code")), out,
                                   as_of=dt.date(2024, 6, 1))
    text = _pdf_text(out)
    for entity in PEOPLE_FIELDS:
        for field in _personal(entity):
            assert _marker(field) in text, f"{entity}.{field.name} is not in the access report"
        for field in model.spec(entity).shown_in(model.REPORT):
            assert field.label_in("de") in text, f"the label of {entity}.{field.name} is missing"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_detail_view_names_every_field_it_shows(office: Store, lang: str) -> None:
    cases = CaseService(office)
    client = cases.find_or_create_client("K-77", name="Name Marker")
    case = cases.open_case(client, "work", dt.date(2024, 5, 2), summary="Summary Marker",
                           grounds=("racist_attribution",))
    record = cases.record(case.id)
    shown = format_record(record, office.vocabulary(), {}, lang)
    for entity in PEOPLE_FIELDS:
        for field in model.spec(entity).shown_in(model.DETAIL):
            assert f"  {field.label}:" in shown, (entity, field.name)  # English, as all output
    assert "Name Marker" in shown and "Summary Marker" in shown
    assert office.vocabulary().label("ground", "racist_attribution", lang) in shown


def test_messages_name_a_field_by_its_spec_label(monkeypatch: pytest.MonkeyPatch) -> None:
    """A case or client field without an entry in the messages' table is named by the label
    the spec gives it, so adding a field does not mean adding it there too."""
    from beratungsdesk.core.errors import ValidationError
    from beratungsdesk.services import messages

    monkeypatch.delitem(messages.FIELD_LABELS, "respondent")
    text = messages.describe(ValidationError("required", field="respondent"))
    assert text == "Respondent is required."


def test_the_form_places_a_field_after_the_one_it_names() -> None:
    case = model.spec("case")
    form = [field.name for field in case.shown_in(model.FORM)]
    assert form.index("closed_on") == form.index("status") + 1  # "after" in the spec
    report = [field.name for field in case.shown_in(model.REPORT)]
    assert report == [name for name in case.names if case.field(name).appears_in(model.REPORT)]
    assert "number" in form and "number" not in report  # it heads each case of the report
