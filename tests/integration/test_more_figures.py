"""Issue 18 item 5: cases by month, age band, gender group and counselor, from a real store.

The same rounding (largest remainder, adding up to 100) and the same publication
suppression as every exclusive breakdown; the gender is a free self-description and
is only ever counted as a group, so no wording reaches JSON or CSV.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.erasure import ErasureService
from beratungsdesk.services.reports import ReportService
from beratungsdesk.storage import statistics
from beratungsdesk.storage.statistics import gender_group
from beratungsdesk.storage.store import Store
from tests.conftest import StoreMaker

D = dt.date
YEAR = (D(2023, 1, 1), D(2023, 12, 31))
#: (month, age band, gender as written, counselor) per case.
CASES = (
    [(1, "27_40", "weiblich", "A")] * 4 + [(1, "18_26", "Frau", "B")] * 2
    + [(3, "41_60", "männlich", "A")] * 5 + [(3, None, "nicht-binär", "B")] * 3
    + [(7, "under_18", "Zwei-Geist, sehr eigene Worte", "A")] * 1 + [(12, "27_40", "", "B")] * 3
)


def _fill(office: Store) -> None:
    cases = CaseService(office)
    people = {"A": cases.add_counselor("Aylin Demir", "AD"), "B": cases.add_counselor("Jonas Okafor", "JO")}
    for number, (month, age, gender, who) in enumerate(CASES):
        client = cases.find_or_create_client(f"K-{number:03d}", name=f"Person {number}",
                                             age_group=age, gender=gender or None)
        cases.open_case(client, "housing", D(2023, month, 10), counselor_id=people[who].id)


@pytest.fixture
def store(make_store: StoreMaker) -> Store:
    return make_store.prepared("more-figures", _fill)


def test_breakdowns_count_each_case_once_and_add_up_to_100(store: Store) -> None:
    figures = ReportService(store).statistics(*YEAR, lang="de")
    data = figures.to_json()
    months = data["by_month"]
    assert list(months) == [f"2023-{m:02d}" for m in range(1, 13)]  # every month, in order
    assert months["2023-01"]["count"] == 6 and months["2023-01"]["label"] == "Januar 2023"
    assert months["2023-02"]["count"] == 0 and months["2023-12"]["count"] == 3
    ages = {code: cell["count"] for code, cell in data["age_bands"].items()}
    assert ages == {"under_18": 1, "18_26": 2, "27_40": 7, "41_60": 5, "over_60": 0, "unknown": 0,
                    "not_stated": 3}
    genders = {code: cell["count"] for code, cell in data["genders"].items()}
    assert genders == {"female": 6, "male": 5, "diverse": 3, "self_described": 1, "not_stated": 3}
    counselors = {cell["label"]: cell["count"] for cell in data["counselors"].values()}
    assert counselors == {"Aylin Demir": 10, "Jonas Okafor": 8}
    for key in ("by_month", "age_bands", "genders", "counselors"):
        assert sum(cell["percent"] for cell in data[key].values()) == 100, key
        assert sum(cell["count"] for cell in data[key].values()) == data["cases"], key


def test_the_running_sums_and_the_scan_agree_on_the_new_breakdowns(store: Store) -> None:
    summed = statistics.period_figures(store.conn, *YEAR)
    assert summed == statistics.scanned_period_figures(store.conn, *YEAR)
    assert sum(summed.month.values()) == summed.cases == len(CASES)


def test_publication_withholds_small_cells_and_protects_them(store: Store) -> None:
    data = ReportService(store).statistics(*YEAR, publication=True, lang="de").to_json()
    genders = data["genders"]
    # One "self-described" case: withheld, and the smallest shown cell with it (else 18 - 17 = 1).
    assert genders["self_described"] == {"label": "andere Selbstbeschreibung", "count": None,
                                         "percent": None, "suppressed": "small"}
    assert genders["diverse"]["suppressed"] == "complementary"
    assert data["age_bands"]["18_26"]["count"] is None  # two cases: "< 3"
    assert data["by_month"]["2023-03"]["count"] == 8


def test_no_self_description_reaches_the_figures_or_the_csv(store: Store, tmp_path: Path) -> None:
    service = ReportService(store)
    figures = service.statistics(*YEAR, lang="de")
    text = str(figures.to_json())
    out = service.export_csv(figures, tmp_path / "zahlen.csv")
    csv_text = out.read_text(encoding="utf-8-sig")
    for written in ("Zwei-Geist", "eigene Worte", "Frau"):
        assert written not in text and written not in csv_text
    for section in ("Fälle nach Monat", "Alter der Ratsuchenden (Fälle)",
                    "Geschlecht der Ratsuchenden (Fälle)", "Fälle nach Berater*in"):
        assert section in csv_text
    assert "Fälle nach Berater*in;" in csv_text and ";Jonas Okafor;8;44" in csv_text


def test_erased_cases_still_count_by_month_and_counselor(store: Store) -> None:
    number = store.conn.execute("SELECT number FROM cases WHERE opened_on = '2023-07-10'").fetchone()[0]
    ErasureService(store).erase_case(number)
    data = ReportService(store).statistics(*YEAR).to_json()
    assert data["by_month"]["2023-07"]["count"] == 1  # the anonymous footprint keeps the month
    assert data["genders"]["self_described"]["count"] == 0  # ... but no client field
    assert data["genders"]["not_stated"]["count"] == 4
    assert {cell["label"]: cell["count"] for cell in data["counselors"].values()}["Aylin Demir"] == 10


@pytest.mark.parametrize(("written", "group"), [
    ("weiblich", "female"), (" W. ", "female"), ("Frau*", "female"), ("MÄNNLICH", "male"),
    ("m", "male"), ("divers", "diverse"), ("Non-Binary", "diverse"), ("keine Angabe", "not_stated"),
    ("", "not_stated"), (None, "not_stated"), ("Two-Spirit", "self_described"),
])
def test_gender_groups(written: str | None, group: str) -> None:
    assert gender_group(written) == group


def test_the_short_report_skips_the_pass_over_the_cases(store: Store) -> None:
    quick = statistics.period_figures(store.conn, *YEAR, who_and_when=False)
    assert not quick.month and not quick.counselor and quick.cases == len(CASES)
    figures = ReportService(store).statistics(*YEAR, who_and_when=False)
    assert "genders" not in figures.breakdowns and "genders" not in figures.to_json()
    assert figures.to_json()["areas"] == ReportService(store).statistics(*YEAR).to_json()["areas"]
