"""The handover history: what each handover made in the program brought and sent.

One entry per handover (by the button or automatically when the folder became
reachable), newest last, at most :data:`HISTORY_SIZE`. Entries hold a time and
counts only, never names or contents; they live in the store's local meta table
(encrypted with the store, never handed over).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, fields

from beratungsdesk.services.handover import FolderReport
from beratungsdesk.storage.store import Store

#: Meta key of the history and how many entries it keeps.
HISTORY_KEY = "handover_history"
HISTORY_SIZE = 50


@dataclass(frozen=True)
class HandoverEntry:
    at: str  # ISO time (UTC) the handover ended
    automatic: bool  # started by the folder becoming reachable, not by the button
    sent_changes: int = 0
    sent_documents: int = 0
    files_received: int = 0  # handover files taken in
    changes_received: int = 0  # changes from them that were applied
    conflicts: int = 0
    files_refused: int = 0  # files refused at this handover (not those refused before)
    cancelled: bool = False
    error: str | None = None  # the error code, when the handover failed

    @property
    def nothing_new(self) -> bool:
        return not (self.sent_changes or self.sent_documents or self.files_received
                    or self.files_refused or self.cancelled or self.error)


def entry_for(report: FolderReport, automatic: bool) -> HandoverEntry:
    """The counts of one finished handover."""
    sent = [r for r in report.exported if r.path is not None]
    taken = [o.result for o in report.imported if o.status == "imported" and o.result is not None]
    refused = [o for o in report.imported if o.status == "refused" and not o.earlier]
    return HandoverEntry(
        _now(), automatic, sent_changes=sum(r.changes for r in sent),
        sent_documents=sum(r.blobs for r in sent), files_received=len(taken),
        changes_received=sum(r.applied for r in taken), conflicts=sum(r.conflicts for r in taken),
        files_refused=len(refused), cancelled=report.cancelled)


def failed_entry(code: str, automatic: bool) -> HandoverEntry:
    return HandoverEntry(_now(), automatic, error=code)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def history(store: Store) -> list[HandoverEntry]:
    """The remembered handovers, newest first."""
    try:
        raw = json.loads(store.meta(HISTORY_KEY) or "[]")
    except ValueError:
        return []
    known = {f.name for f in fields(HandoverEntry)}
    entries = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, dict):
            try:
                entries.append(HandoverEntry(**{k: v for k, v in item.items() if k in known}))
            except TypeError:  # an entry of another version without a required field
                continue
    return entries[::-1]


def remember(store: Store, entry: HandoverEntry) -> None:
    """Add ``entry`` to the history (its own small transaction), dropping the oldest."""
    kept = [asdict(e) for e in history(store)[::-1]]
    store.save_meta(HISTORY_KEY, json.dumps([*kept, asdict(entry)][-HISTORY_SIZE:]))
