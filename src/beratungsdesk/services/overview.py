"""The start page ("Übersicht"): what a counselor needs at a glance after unlocking.

Two parts, read in two jobs so the first shows at once: :meth:`OverviewService.today`
(my open cases, follow-ups due, this week's appointments and office hours, open
conflicts, retention due, the age of the last backup at the office) and
:meth:`OverviewService.next_handover` (which cases the next handover carries and when
the last one was), which costs more at the office.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from beratungsdesk.core import model
from beratungsdesk.services.backup import BackupService
from beratungsdesk.services.protection import RetentionService
from beratungsdesk.services.week import AppointmentRow, FollowUpRow, WeekService
from beratungsdesk.storage import overview_queries
from beratungsdesk.storage.handover import bundles, peers, scope
from beratungsdesk.storage.overview_queries import CaseLine
from beratungsdesk.storage.store import ROLE_OFFICE, Store

__all__ = ["CaseLine", "HandoverPreview", "Overview", "OverviewService"]

#: How many open cases the page lists (the case list has them all).
OPEN_CASES_SHOWN = 15
#: Follow-ups due up to this many days ahead are listed (overdue ones always).
FOLLOWUPS_AHEAD_DAYS = 7
#: Appointments and office hours: today and this many days after it (a week in all).
DAYS_AHEAD = 6

#: The recipient of a laptop's handover when the office has no name of its own (the page
#: shows it in the user's language).
OFFICE = "office"


@dataclass(frozen=True)
class Overview:
    today: dt.date
    is_office: bool
    open_cases: list[CaseLine]
    followups: list[FollowUpRow]  # overdue first, then by date
    appointments: list[AppointmentRow]  # today and the next six days
    office_hours: list[tuple[dt.date, model.OfficeHour]]  # the same days', by day
    open_conflicts: int
    retention_due: int
    backup_configured: bool = False
    last_backup: dt.datetime | None = None
    #: Town code -> label in the asked language: the page needs no other job's labels first.
    town_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HandoverPreview:
    #: Per recipient (the office on a laptop; each device at the office): its name and cases.
    cases: list[tuple[str, list[CaseLine]]] = field(default_factory=list)
    other_records: int = 0  # records the next handover carries that belong to no case
    last_at: str | None = None  # when the last handover file was written (UTC ISO)


class OverviewService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.week = WeekService(store)

    def today(self, today: dt.date | None = None, language: str = "de") -> Overview:
        today = today or dt.date.today()
        vocabulary = self.store.vocabulary()
        towns = {term.code: term.label(language) for term in vocabulary.terms("town", include_retired=True)}
        conn, mine = self.store.conn, self.week.own_counselor()
        # The coming seven days, not the calendar week: on a Friday the next week matters.
        end_of_week = today + dt.timedelta(days=DAYS_AHEAD)
        followups = self.week.followups_due(today + dt.timedelta(days=FOLLOWUPS_AHEAD_DAYS), mine, limit=50)
        hours = [(day, hour) for offset in range((end_of_week - today).days + 1)
                 for day in [today + dt.timedelta(days=offset)]
                 for hour in self.week.office_hours_on(day, mine)]
        is_office = self.store.role == ROLE_OFFICE
        overview = Overview(
            today, is_office, overview_queries.open_cases(conn, mine, OPEN_CASES_SHOWN), followups,
            self.week.appointments(today, end_of_week, mine), hours,
            overview_queries.open_conflict_count(conn), len(RetentionService(self.store).due(today)),
            town_labels=towns)
        if not is_office:
            return overview
        health = BackupService(self.store).health()
        return Overview(**{**overview.__dict__, "backup_configured": health.configured,
                           "last_backup": health.last_good})

    def next_handover(self) -> HandoverPreview:
        store, conn = self.store, self.store.conn
        recipients = peers.peers(conn, "office" if store.role != ROLE_OFFICE else "counselor")
        found: list[tuple[str, list[CaseLine]]] = []
        others, last_at = 0, None
        for peer in recipients:
            if peer.status != "active":
                continue
            if store.role == ROLE_OFFICE:
                origin = store.origin_no(peer.device_id, create=True)
                pending = scope.changes_for_peer(store, origin, peer.counselor_id)
                rows = [(change.entity, change.row_id) for change in pending]
            else:
                receipt = bundles.receipt(conn, peer.device_id)
                held = receipt[1].get("held_seq", 0) if receipt else 0
                rows = overview_queries.own_changes_after(conn, store.own_origin_no, held)
            cases, other = overview_queries.cases_of_rows(conn, dict.fromkeys(rows))
            found.append((peer.name or (OFFICE if peer.role == "office" else peer.device_id[:8]), cases))
            others += other
            last = bundles.last_bundle_out(conn, peer.device_id)
            if last and (last_at is None or last.created_at > last_at):
                last_at = last.created_at
        return HandoverPreview(found, others, last_at)
