"""Full-text search inside the encrypted store."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.core import model
from beratungsdesk.core.errors import StoreError
from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage import unit_of_work
from beratungsdesk.storage.search import fts_query
from beratungsdesk.storage.store import Store
from tests.conftest import StoreMaker
from tests.timing import examples


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


# --- bulk inserts (storage/fulltext.py): one statement instead of a trigger per row ----------

WORDS = ["Ayşe", "Yılmaz", "Łukasz", "Straße", "ÆRØ", "Wohnung", "wohnung", "K-1", "2022-0042", "", "  ",
         "Æ\tß"]
words = st.sampled_from(WORDS)
# Built without filters (Hypothesis stops a test that filters out most of its inputs).
codes = st.sampled_from([word for word in WORDS if word.strip()])  # one-line texts
line = st.just("Schule\nHof")
texts = st.one_of(st.none(), st.lists(st.one_of(words, line), max_size=4).map(" ".join))
one_line_texts = st.one_of(st.none(), st.lists(words, max_size=4).map(" ".join))
note_texts = st.lists(st.one_of(codes, line), min_size=1, max_size=4).map(" ".join)  # never blank
new_client = st.tuples(st.just("client"), codes, one_line_texts)
new_case = st.tuples(st.just("case"), codes, texts, texts, st.booleans())  # number, summary, outcome, deleted
new_note = st.tuples(st.just("note"), note_texts, st.booleans())
batches = st.lists(st.lists(st.one_of(new_client, new_case, new_note), min_size=1, max_size=12),
                   min_size=1, max_size=3)
_stores = itertools.count()


def _entities(batch: list[tuple[Any, ...]], anchor: model.Client) -> list[model.Entity]:
    """The batch as entities; every case belongs to ``anchor``, every note to the batch's first case."""
    first_case = model.Case(client_id=anchor.id, opened_on=dt.date(2022, 1, 1), area="work",
                            number="2022-0001")
    entities: list[model.Entity] = [first_case]
    for kind, *values in batch:
        if kind == "client":
            entities.append(model.Client(code=values[0].strip(), name=values[1]))
        elif kind == "case":
            number, summary, outcome, deleted = values
            entities.append(model.Case(client_id=anchor.id, opened_on=dt.date(2022, 1, 1), area="work",
                                       number=number.strip(), summary=summary, outcome=outcome,
                                       deleted=deleted))
        else:
            entities.append(model.Note(case_id=first_case.id, written_at="2022-01-01T10:00:00",
                                       text=values[0], deleted=values[1]))
    return entities


def _search_index(store: Store) -> list[list[tuple[Any, ...]]]:
    """What the contentless index holds: every token of every row with its position, the
    rows' token counts, and the totals record (the averages of bm25 ranking).

    How FTS5 splits that into segments (and the segment counter it keeps per row for
    deletions) is left out, as a table's page layout would be: a trigger per row flushes one
    segment per row (each statement of a trigger is a savepoint for FTS5), the bulk statement
    one per batch."""
    conn = store.conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tokens "
                  "USING fts5vocab(main, search_fts, instance)")
    tokens = "SELECT term, doc, col, offset FROM temp.search_tokens ORDER BY 1, 2, 3, 4"
    return [conn.execute(tokens).fetchall(),
            conn.execute("SELECT id, sz FROM search_fts_docsize ORDER BY 1").fetchall(),
            conn.execute("SELECT block FROM search_fts_data WHERE id = 1").fetchall()]


@settings(max_examples=examples(10), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=batches)
def test_a_bulk_insert_leaves_the_search_index_as_the_triggers_would(
        make_store: StoreMaker, steps: list[list[tuple[Any, ...]]], monkeypatch: pytest.MonkeyPatch) -> None:
    number = next(_stores)
    by_trigger, in_bulk = make_store(f"trigger-{number}"), make_store(f"bulk-{number}")
    anchor = model.Client(code="Anker")
    for store in (by_trigger, in_bulk):
        with store.unit_of_work() as uow:
            uow.insert_many([anchor])
    for step in steps:
        entities = _entities(step, anchor)
        monkeypatch.setattr(unit_of_work, "BULK_FIGURES_ROWS", 10**9)  # a trigger per row
        with by_trigger.unit_of_work() as uow:
            uow.insert_many(entities)
        monkeypatch.setattr(unit_of_work, "BULK_FIGURES_ROWS", 1)  # the bulk path
        with in_bulk.unit_of_work() as uow:
            uow.insert_many(entities)
    assert _search_index(in_bulk) == _search_index(by_trigger)
    for text in ("Yilmaz", "lukasz", "strasse", "wohn", "K-1", "2022-0042", "Anker", "Hof"):
        assert CaseService(in_bulk).search(text) == CaseService(by_trigger).search(text)
    triggers = {row[0] for row in in_bulk.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_fts_insert'")}
    assert triggers == {"clients_fts_insert", "cases_fts_insert", "notes_fts_insert"}


def test_the_search_index_of_a_bulk_insert_that_fails_is_rolled_back_with_it(
        office: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(unit_of_work, "BULK_FIGURES_ROWS", 1)
    client = model.Client(code="K-7", name="Yılmaz")
    case = model.Case(client_id=client.id, opened_on=dt.date(2022, 1, 1), area="work", number="2022-0001",
                      summary="Wohnung")
    with office.unit_of_work() as uow:
        uow.insert_many([client, case])
    before = _search_index(office)
    with pytest.raises(StoreError), office.unit_of_work() as uow:  # case is there: fails half-way
        uow.insert_many([model.Case(client_id=client.id, opened_on=dt.date(2022, 1, 2), area="work",
                                    number="2022-0002", summary="Schule"), case])
    assert _search_index(office) == before
    service = CaseService(office)
    later = service.open_case(client, "work", dt.date(2022, 3, 1), summary="Nachbarschaft")  # trigger path
    assert {hit.row_id for hit in service.search("Nachbarschaft")} == {later.id}
    assert {case_id for hit in service.search("Wohnung") for case_id in hit.case_ids} == {case.id}
