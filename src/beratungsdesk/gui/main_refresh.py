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

from beratungsdesk.core.changed import Changes
from beratungsdesk.gui.ops import clients as client_ops
from beratungsdesk.gui.ops import office as office_ops
from beratungsdesk.gui.refresh import is_echo, touches_any
from beratungsdesk.gui.statistics_view import StatisticsView
from beratungsdesk.services.session_office import Labels

if TYPE_CHECKING:
    from beratungsdesk.gui.case_editor import CaseEditor
    from beratungsdesk.gui.main_window import MainWindow

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


class RefreshMixin:
    """Mixed into :class:`~beratungsdesk.gui.main_window.MainWindow`."""

    _pending: Changes | None

    def load_labels(self: MainWindow, then: Callable[[], None] | None = None) -> None:
        """Labels and case years to every page built (after unlocking, a language change, and
        when a vocabulary or the team changed)."""
        def done(result: tuple[Labels, list[int]]) -> None:
            labels, years = result
            first = self._years is None
            self.labels, self._years = labels, years
            self.cases.list.set_labels(labels, years)
            editor = self.cases.built_editor()
            if editor is not None:
                editor.set_labels(labels)
            for name in ("outreach", "network", "handover", "clients"):
                page = self.built(name)
                if page is not None:
                    page.set_labels(labels)  # type: ignore[attr-defined]
            if then:
                then()
            office = self.built("office")
            if office is not None:
                office.set_labels(labels)  # type: ignore[attr-defined]
                if first:  # built before the labels came: it loads now (later: its on_changed)
                    office.refresh()  # type: ignore[attr-defined]

        office_ops.labels_and_years(self.settings.language).run(self.runner, self, done, self.show_error)

    def load_years(self: MainWindow) -> None:
        """Only the years of the case list's filter (a case was added or changed)."""
        def done(years: list[int]) -> None:
            if years != self._years:
                self._years = years
                self.cases.list.set_labels(self.labels, years)

        client_ops.case_years().run(self.runner, self, done, self.show_error)

    def on_changed(self: MainWindow, changes: Changes) -> None:
        self._pending = changes if self._pending is None else self._pending.merged(changes)
        self.refresh_timer.start()

    def _refresh(self: MainWindow) -> None:
        changes, self._pending = self._pending, None
        if changes is None:
            return
        if touches_any(changes, LABEL_ENTITIES):
            self.load_labels()
        elif "case" in changes and self._years is not None:
            self.load_years()
        if touches_any(changes, LIST_ENTITIES):
            self.cases.list.refresh()
            if self.current_page() == "clients" and not is_echo(changes, self.clients):
                self.clients.refresh()
        editor = self.cases.built_editor()
        if editor is not None:
            editor.on_changed(for_editor(changes, editor))
        self._forget_settled_drafts()
        for name in ("clients", "office", "network"):  # a page built later loads afresh
            page = self.built(name)
            if page is not None:
                page.on_changed(changes)  # type: ignore[attr-defined]
        self.handover_timer.start()
        statistics = self.built("statistics")
        if isinstance(statistics, StatisticsView) and touches_any(changes, FIGURE_ENTITIES):
            statistics.stale = True
            if self.current_page() == "statistics":
                statistics.calculate()
