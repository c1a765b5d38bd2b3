"""Operations of the case and client lists and the quick entries (``session.cases``; the
case editor's own operations belong in ``gui/ops/cases.py``)."""

from __future__ import annotations

import datetime as dt

from beratungsdesk.core import model
from beratungsdesk.gui.ops import Op
from beratungsdesk.services.session_cases import CaseFilter, CaseListing, CaseRow, ClientRow, OutreachEntry


def case_listing(case_filter: CaseFilter, sort: str, descending: bool, text: str) -> Op[CaseListing]:
    return Op(lambda b: b.require().cases.case_listing(case_filter, sort, descending, text))


def case_ids(case_filter: CaseFilter, sort: str, descending: bool) -> Op[list[str]]:
    return Op(lambda b: b.require().cases.case_ids(case_filter, sort, descending))


def case_rows(ids: list[str]) -> Op[list[CaseRow]]:
    return Op(lambda b: b.require().cases.case_rows(ids))


def case_years() -> Op[list[int]]:
    return Op(lambda b: b.require().cases.case_years())


def new_case(client_code: str, area: str, opened_on: dt.date, counselor_id: str | None) -> Op[model.Case]:
    return Op(lambda b: b.require().cases.new_case(client_code, area, opened_on, counselor_id))


def clients(text: str) -> Op[list[ClientRow]]:
    return Op(lambda b: b.require().cases.clients(text))


def find_client(code: str) -> Op[model.Client | None]:
    return Op(lambda b: b.require().cases.find_client(code))


def outreach_entry(client_code: str, area: str, town: str, on: dt.date, minutes: int,
                   counselor_id: str | None, place: str, start_time: str | None, language: str,
                   interpreter: bool) -> Op[OutreachEntry]:
    return Op(lambda b: b.require().cases.outreach_entry(
        client_code, area, town, on, minutes, counselor_id=counselor_id, place=place,
        start_time=start_time, language=language, interpreter=interpreter))
