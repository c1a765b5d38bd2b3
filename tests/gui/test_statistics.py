"""Statistics view: figures of a period, a breakdown with chart, the short report PDF and CSV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from beratungsdesk.gui.app import AppController
from tests.gui.conftest import unlock


def test_figures_breakdown_and_exports(
        qtbot, qtmodeltester, controller: AppController, tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    view = main.statistics
    # The page makes what leaves the office (short report, CSV): for publication by default.
    assert view.publication.isChecked()
    view.publication.setChecked(False)  # the team's own view: every number
    main.show_page("statistics")  # showing the page calculates the current year
    qtbot.waitUntil(lambda: view.statistics is not None, timeout=20_000)
    assert not view.statistics.publication
    assert view.headline["cases"].text() == "3"
    assert view.headline["clients"].text() == "3"
    view.breakdown.setCurrentIndex(view.breakdown.findData("areas"))
    labels = {view.cells_model.index(r, 0).data(): view.cells_model.index(r, 1).data()
              for r in range(view.cells_model.rowCount())}
    assert labels["Bildung"] == "1" and labels["Wohnen"] == "1" and labels["Arbeit"] == "1"
    assert len(view.chart.bars) == 3
    qtmodeltester.check(view.cells_model, force_py=True)
    # Publication mode withholds numbers below 3.
    view.publication.setChecked(True)
    view.statistics = None
    view.calculate()
    qtbot.waitUntil(lambda: view.statistics is not None, timeout=20_000)
    assert view.headline["cases"].text() == "3"  # three is published ...
    counts = [view.cells_model.index(r, 1).data() for r in range(view.cells_model.rowCount())]
    assert "1" not in counts and "< 3" in counts  # ... but an area with one case is not
    # The exports, written on the worker (the save dialog is bypassed here).
    start, end = dt.date(dt.date.today().year, 1, 1), dt.date.today()
    pdf, csv = tmp_path / "kurzbericht.pdf", tmp_path / "zahlen.csv"
    controller.runner.call(lambda b: b.require().reports.kurzbericht(start, end, pdf, False), view._saved)
    qtbot.waitUntil(lambda: view.last_saved == pdf, timeout=30_000)
    assert pdf.read_bytes().startswith(b"%PDF")
    figures = view.statistics  # the job gets the figures, never the view (a GUI object)
    controller.runner.call(lambda b: b.require().reports.export_csv(figures, csv), view._saved)
    qtbot.waitUntil(lambda: view.last_saved == csv, timeout=10_000)
    assert csv.stat().st_size > 0


def test_every_new_breakdown_has_its_chart_months_in_calendar_order(
        qtbot, controller: AppController, tmp_path: Path) -> None:
    main = unlock(qtbot, controller)
    view = main.statistics
    view.publication.setChecked(False)
    main.show_page("statistics")
    qtbot.waitUntil(lambda: view.statistics is not None, timeout=20_000)
    main.resize(1100, 760)
    for key in ("by_month", "age_bands", "genders", "counselors"):
        view.breakdown.setCurrentIndex(view.breakdown.findData(key))
        assert view.breakdown.currentData() == key
        assert view.chart.bars, key
        assert view.chart.grab().save(str(tmp_path / f"chart-{key}.png"))
    view.breakdown.setCurrentIndex(view.breakdown.findData("by_month"))
    today = dt.date.today()
    # Every month of the period from January on, empty ones too, in calendar order.
    assert len(view.chart.bars) == today.month
    assert [count for _label, count, _text in view.chart.bars][-1] == 3  # the three cases of today
    view.breakdown.setCurrentIndex(view.breakdown.findData("counselors"))
    assert [label for label, _count, _text in view.chart.bars] == ["Aylin Demir"]
    assert view.grab().save(str(tmp_path / "statistics-page.png"))
