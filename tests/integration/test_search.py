"""Full-text search inside the encrypted store."""

from __future__ import annotations

import datetime as dt

from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.search import fts_query
from beratungsdesk.storage.store import Store


def seeded(store: Store) -> tuple[CaseService, dict[str, str]]:
    service = CaseService(store)
    ayse = service.find_or_create_client("K-100", name="Ayşe Yılmaz")
    lukasz = service.find_or_create_client("K-200", name="Łukasz Wiśniewski")
    first = service.open_case(ayse, "housing", dt.date(2022, 1, 5), number="2022-0042",
                              summary="Wohnungsbesichtigung abgesagt")
    second = service.open_case(lukasz, "work", dt.date(2022, 2, 5), number="2022-0043",
                               summary="Bemerkungen am Arbeitsplatz")
    service.add_note(second.id, "Vermittlungsgespräch mit der Personalabteilung vereinbart")
    return service, {"ayse": first.id, "lukasz": second.id}


def case_ids(service: CaseService, text: str) -> set[str]:
    return {case_id for hit in service.search(text) for case_id in hit.case_ids}


def test_search_finds_clients_cases_numbers_summaries_and_notes(office: Store) -> None:
    service, ids = seeded(office)
    assert case_ids(service, "Yılmaz") == {ids["ayse"]}
    assert case_ids(service, "K-200") == {ids["lukasz"]}
    assert case_ids(service, "2022-0042") == {ids["ayse"]}
    assert case_ids(service, "Wohnungsbesichtigung") == {ids["ayse"]}
    assert case_ids(service, "Personalabteilung") == {ids["lukasz"]}


def test_search_ignores_accents_and_special_letters(office: Store) -> None:
    service, ids = seeded(office)
    assert case_ids(service, "ayse yilmaz") == {ids["ayse"]}
    assert case_ids(service, "lukasz wisniewski") == {ids["lukasz"]}


def test_search_as_you_type_matches_prefixes(office: Store) -> None:
    service, ids = seeded(office)
    assert case_ids(service, "Wohnungsbes") == {ids["ayse"]}
    assert case_ids(service, "Verm") == {ids["lukasz"]}


def test_search_ranks_the_better_match_first(office: Store) -> None:
    service = CaseService(office)
    client = service.find_or_create_client("K-1")
    weak = service.open_case(client, "work", summary="Schule " + "und so weiter " * 30)
    strong = service.open_case(client, "work", summary="Schule Schule Schule")
    hits = [hit.row_id for hit in service.search("Schule") if hit.kind == "case"]
    assert hits.index(strong.id) < hits.index(weak.id)


def test_deleted_records_and_changed_texts_leave_the_index(office: Store) -> None:
    service, ids = seeded(office)
    service.update("case", ids["ayse"], {"summary": "Anderer Text"})
    assert case_ids(service, "Wohnungsbesichtigung") == set()
    assert case_ids(service, "Anderer") == {ids["ayse"]}
    service.delete("case", ids["lukasz"])
    assert ids["lukasz"] not in case_ids(service, "Arbeitsplatz")


def test_query_syntax_typed_by_users_is_text_not_operators(office: Store) -> None:
    service, _ = seeded(office)
    for text in ['NEAR("x', "AND OR NOT", '"', "*", "a:b", "(", "^Yılmaz"]:
        service.search(text)  # must not raise an FTS syntax error
    assert fts_query("  ") is None
    assert fts_query('Ayşe "xy') == '"Ayşe"* "xy"*'
    assert fts_query("K-00042") == '"K" "00042"*'
