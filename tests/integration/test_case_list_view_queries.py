"""The GUI's index-friendly case list queries give exactly the order of queries.case_ids."""

from __future__ import annotations

import pytest

from beratungsdesk.services import demo
from beratungsdesk.storage import case_list, queries
from beratungsdesk.storage.queries import CaseFilter


@pytest.mark.parametrize("case_filter", [CaseFilter(), CaseFilter(status="open"), CaseFilter(town="hilden")])
def test_same_order_and_first_rows_as_the_reference_queries(make_store, case_filter: CaseFilter) -> None:
    store = make_store("office", "office")
    demo.fill(store, cases=240, contacts_per_case=1.0)
    for sort in queries.CASE_SORTS:
        for descending in (True, False):
            reference = queries.case_ids(store.conn, case_filter, sort, descending)
            assert case_list.ordered_ids(store.conn, case_filter, sort, descending) == reference
            first = case_list.first_rows(store.conn, case_filter, sort, descending, 50)
            assert [row.id for row in first] == reference[:50]
    assert case_list.ordered_ids(store.conn, CaseFilter(case_ids=()), "number", False) == []
