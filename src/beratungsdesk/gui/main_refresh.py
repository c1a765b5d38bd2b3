"""How the main window follows the store: labels, and refreshing exactly what changed.

Commit notices (``core.changed.Changes``) arriving within a short time are merged
and handled together. What each one reloads:

- the labels of vocabularies and team (every page's combo boxes and lists) only when
  a vocabulary entry or a team member changed, or the language did; a new case only
  brings the years of the case list's filter;
- the case list when a kind it shows changed; the client list likewise, while shown;
- the open case editor only when its own case (or a record of it, or its client)
  changed, and not for its own writes: they answer with the fresh record;
- the other pages decide for themselves (``on_changed``), skipping their own echo.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from beratungsdesk.core.changed import Changes
from beratungsdesk.gui.ops import clients as client_ops
from beratungsdesk.gui.ops import office as office_ops
from beratungsdesk.gui.refresh import is_echo, touches_any
from beratungsdesk.gui.statistics_view import StatisticsView
from beratungsdesk.services.session_office import Labels

if TYPE_CHECKING:
    from beratungsdesk.gui.case_editor import CaseEditor
    from beratungsdesk.gui.main_window import MainWindow
    from beratungsdesk.gui.worker import Runner

#: Change notifications arriving within this time are handled together.
REFRESH_DELAY_MS = 120
#: Kinds the case list shows (the counselor's name is a column).
LIST_ENTITIES = frozenset({"case", "client", "contact", "counselor"})
#: Kinds the labels are made of.
LABEL_ENTITIES = frozenset({"term", "counselor"})
#: What the open case editor shows of its record (the rest it passes on to its panels).
RECORD_KINDS = frozenset({"case", "client", "contact", "intervention", "note", "attachment"})
#: Kinds the figures are counted from.
FIGURE_ENTITIES = frozenset({"case", "contact", "intervention", "client", "workshop", "partner",
                             "meeting", "referral", "term"})


def for_editor(changes: Changes, editor: CaseEditor) -> Changes:
    """The notice as the editor should see it: without the record's kinds when they concern
    another case, or when the editor's own write made them (it shows its answer already)."""
    record = editor.record
    if record is None:
        return changes
    own_echo = changes.origin is editor  # its panels and dialogs (letters, referrals) are not
    client = record.client
    concerned = changes.touches_case(record.case.id) or (
        client is not None and changes.touches("client", client.id))
    return changes if concerned and not own_echo else changes.without(RECORD_KINDS)


class ChangeFollower(QObject):
    """Keeps the main window's pages in step with the store (``window.follower``).

    A child of the window: its connection to the runner (which outlives every window) ends
    when the window is destroyed at locking, so no notice reaches a window that is gone."""

    def __init__(self, window: MainWindow, runner: Runner) -> None:
        super().__init__(window)
        self.window = window
        self.pending: Changes | None = None  # notices not handled yet
        # Owned here (so by the window): it stops when the window goes, unlike a singleShot.
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        runner.changed.connect(self.on_changed)

    def stop(self) -> None:
        """Locking: notices still waiting are dropped with the views' contents."""
        self.timer.stop()
        self.pending = None

    def load_labels(self, then: Callable[[], None] | None = None) -> None:
        """Labels and case years to every page built (after unlocking, a language change, and
        when a vocabulary or the team changed)."""
        def done(result: tuple[Labels, list[int]]) -> None:
            labels, years = result
            first = self.window.case_years is None
            self.window.labels, self.window.case_years = labels, years
            self.window.cases.list.set_labels(labels, years)
            self.window.overview.set_labels(labels)
            editor = self.window.cases.built_editor()
            if editor is not None:
                editor.set_labels(labels)
            for name in ("outreach", "network", "handover", "clients"):
                page = self.window.built(name)
                if page is not None:
                    page.set_labels(labels)  # type: ignore[attr-defined]
            if then:
                then()
            office = self.window.built("office")
            if office is not None:
                office.set_labels(labels)  # type: ignore[attr-defined]
                if first:  # built before the labels came: it loads now (later: its on_changed)
                    office.refresh()  # type: ignore[attr-defined]

        window = self.window
        office_ops.labels_and_years(window.settings.language).run(window.runner, window, done,
                                                                  window.show_error)

    def load_years(self) -> None:
        """Only the years of the case list's filter (a case was added or changed)."""
        def done(years: list[int]) -> None:
            if years != self.window.case_years:
                self.window.case_years = years
                self.window.cases.list.set_labels(self.window.labels, years)

        client_ops.case_years().run(self.window.runner, self.window, done, self.window.show_error)

    def on_changed(self, changes: Changes) -> None:
        self.pending = changes if self.pending is None else self.pending.merged(changes)
        self.timer.start()

    def refresh(self) -> None:
        changes, self.pending = self.pending, None
        if changes is None:
            return
        if touches_any(changes, LABEL_ENTITIES):
            self.load_labels()
        elif "case" in changes and self.window.case_years is not None:
            self.load_years()
        if touches_any(changes, LIST_ENTITIES):
            self.window.cases.list.refresh()
            if self.window.current_page() == "clients" and not is_echo(changes, self.window.clients):
                self.window.clients.refresh()
        editor = self.window.cases.built_editor()
        if editor is not None:
            # Its annotation still says a set of kinds; Changes answers like one (fields migrates).
            editor.on_changed(for_editor(changes, editor))  # type: ignore[arg-type]
        self.window.drafts.forget_settled()
        for name in ("overview", "clients", "office", "network"):  # a page built later loads afresh
            page = self.window.built(name)
            if page is not None:
                page.on_changed(changes)  # type: ignore[attr-defined]
        self.window.handover_timer.start()
        statistics = self.window.built("statistics")
        if isinstance(statistics, StatisticsView) and touches_any(changes, FIGURE_ENTITIES):
            statistics.stale = True
            if self.window.current_page() == "statistics":
                statistics.calculate()
