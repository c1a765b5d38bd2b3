"""A commit refreshes exactly what it changed: counted reloads on the real window.

Each test makes one change through the worker, waits until its commit notice was
handled (the refresh timer has fired and a job queued after every reload it started
has answered), and then counts what reloaded."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.gui.ops import Op, barrier
from beratungsdesk.gui.ops import clients as client_ops
from beratungsdesk.gui.ops import office as office_ops
from tests.gui.conftest import open_case_of, unlock

WAIT = 15_000


class Reloads:
    """Counts calls of chosen methods (each still runs)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts: Counter[str] = Counter()
        self._monkeypatch = monkeypatch

    def watch(self, name: str, owner: object, method: str) -> None:
        original: Callable[..., Any] = getattr(owner, method)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.counts[name] += 1
            return original(*args, **kwargs)

        self._monkeypatch.setattr(owner, method, counted)


def _ready(qtbot, monkeypatch: pytest.MonkeyPatch, controller) -> tuple[MainWindow, Reloads]:
    main = unlock(qtbot, controller)
    main.show_page("network")
    qtbot.waitUntil(lambda: main.network.workshops.count.text() != "", timeout=WAIT)
    main.show_page("cases")
    open_case_of(qtbot, main, "K-0001")
    _settle(qtbot, main)
    reloads = Reloads(monkeypatch)
    reloads.watch("labels", main.follower, "load_labels")
    reloads.watch("years", main.follower, "load_years")
    reloads.watch("case list", main.cases.list, "refresh")
    reloads.watch("network", main.network, "reload")
    reloads.watch("editor", main.cases.editor, "show_record")
    return main, reloads


def _settle(qtbot, main: MainWindow) -> None:
    """Wait until every commit notice so far was handled and what it started has answered."""
    follower = main.follower
    qtbot.waitUntil(lambda: follower.pending is None and not follower.timer.isActive(), timeout=WAIT)
    answered: list[object] = []
    barrier().run(main.runner, main, answered.append)
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    qtbot.waitUntil(lambda: follower.pending is None and not follower.timer.isActive(), timeout=WAIT)


def _run(qtbot, main: MainWindow, operation: Op[Any], owner: object) -> None:
    answered: list[object] = []
    operation.run(main.runner, owner, answered.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(answered), timeout=WAIT)
    _settle(qtbot, main)


def test_a_new_case_elsewhere_reloads_the_case_list_but_no_labels_and_not_the_open_editor(
        qtbot, monkeypatch, controller) -> None:
    main, reloads = _ready(qtbot, monkeypatch, controller)
    entry = client_ops.outreach_entry("K-0099", "education", "hilden", dt.date.today(), 20, None, "", None,
                                      "", False)
    _run(qtbot, main, entry, main.outreach)
    assert reloads.counts["case list"] == 1
    assert reloads.counts["years"] == 1  # the year filter follows the cases: one small query
    assert reloads.counts["labels"] == 0  # before: every case change reloaded every label list
    assert reloads.counts["network"] == 0  # not its kinds
    assert reloads.counts["editor"] == 0  # another case: the open one stays as it is


def test_a_change_to_the_open_case_from_elsewhere_reloads_the_editor_once(qtbot, monkeypatch,
                                                                           controller) -> None:
    main, reloads = _ready(qtbot, monkeypatch, controller)
    case_id = main.cases.editor.record.case.id
    _run(qtbot, main, Op(lambda b: b.require().cases.update("case", case_id, {"summary": "Von anderswo"})),
         main.cases.list)
    assert reloads.counts["editor"] == 1
    assert main.cases.editor.fields["summary"].toPlainText() == "Von anderswo"
    assert reloads.counts["labels"] == 0 and reloads.counts["network"] == 0


def test_the_editor_skips_the_echo_of_its_own_save(qtbot, monkeypatch, controller) -> None:
    main, reloads = _ready(qtbot, monkeypatch, controller)
    editor = main.cases.editor
    editor.fields["summary"].setPlainText("Selbst gespeichert")
    editor.save()
    qtbot.waitUntil(lambda: editor.record.case.summary == "Selbst gespeichert", timeout=WAIT)
    _settle(qtbot, main)
    assert reloads.counts["editor"] == 0  # the save answered with the stored record already
    assert reloads.counts["case list"] == 1 and reloads.counts["labels"] == 0


def test_a_new_vocabulary_entry_reloads_the_labels_once(qtbot, monkeypatch, controller) -> None:
    main, reloads = _ready(qtbot, monkeypatch, controller)
    _run(qtbot, main, office_ops.add_term("town", "Beispielstadt", "Example town"), main.office)
    assert reloads.counts["labels"] == 1
    assert reloads.counts["case list"] == 0  # its labels change in place; no query
    assert reloads.counts["editor"] == 0


def test_the_network_page_skips_the_echo_of_its_own_save(qtbot, monkeypatch, controller) -> None:
    main, reloads = _ready(qtbot, monkeypatch, controller)
    main.show_page("network")  # showing the page reloads it: counted from here on
    _settle(qtbot, main)
    reloads.counts.clear()
    tab = main.network.partners
    tab.new_record()
    tab.form.name.setText("Beratungsnetz Nord")
    tab.form.kind.set_code(tab.form.kind.itemData(1))
    tab.save()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=WAIT)
    _settle(qtbot, main)
    assert reloads.counts["network"] == 1  # the answer's reload; the echo is skipped
    assert reloads.counts["case list"] == 0 and reloads.counts["labels"] == 0
