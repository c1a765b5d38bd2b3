"""Shortcuts of the spreadsheet import give exactly what the general way gives."""

from __future__ import annotations

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from beratungsdesk.core.vocab import DEFAULTS, Vocabulary, _fold, default_terms
from beratungsdesk.services.case_import import _NAMESPACE, name_based_id
from tests.timing import examples

_LABELS = [label for entries in DEFAULTS.values() for entry in entries for label in entry]


@settings(max_examples=examples(200))
@given(st.text(max_size=40))
def test_case_ids_are_the_uuid5_of_earlier_imports(name: str) -> None:
    # A second import finds its rows by these ids: they must never change.
    assert name_based_id(name) == str(uuid.uuid5(_NAMESPACE, name))


@settings(max_examples=examples(150))
@given(kind=st.sampled_from(sorted(DEFAULTS)),
       cells=st.lists(st.one_of(st.sampled_from(_LABELS).map(lambda label: f"  {label.upper()} "),
                                st.sampled_from(_LABELS), st.text(max_size=8)), max_size=30))
def test_matching_remembers_spellings_without_changing_any_answer(kind: str, cells: list[str]) -> None:
    vocabulary = Vocabulary(default_terms())
    folded = {_fold(name): term.code for term in vocabulary.terms(kind, include_retired=True)
              for name in (term.label_en, term.label_de, term.code)}
    for cell in cells + cells:  # the second time from what was remembered
        expected = vocabulary._matcher(kind).get(_fold(cell))
        assert vocabulary.match(kind, cell) == expected
        assert expected is None or expected in folded.values()
