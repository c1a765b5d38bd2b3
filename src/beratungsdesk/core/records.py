"""Plain read shapes that lists and editors show: a case list line, a client list line,
a case with everything belonging to it, a case whose retention ended, and the
filters the lists are asked with.

They are filled by storage/ and passed up unchanged through services/ to the
command line and the window, so they live here, below every layer that uses them,
and hold no SQL and no store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from beratungsdesk.core import model

__all__ = ["CaseFilter", "CaseRecord", "CaseRow", "ClientRow", "DueCase", "NetworkFilter"]


@dataclass(frozen=True)
class CaseFilter:
    status: str | None = None
    area: str | None = None
    town: str | None = None
    counselor_id: str | None = None
    year: int | None = None
    case_ids: tuple[str, ...] | None = None  # e.g. from a search; None = no restriction


@dataclass(frozen=True)
class CaseRow:
    """One line of a case list. Values are text as stored; a value that is not valid for
    its field (a faulty older version, another device) is ``wire_form.Invalid``, never raised on."""

    id: str
    number: str | None
    client_code: str
    opened_on: str
    closed_on: str | None
    status: str
    area: str
    counselor_id: str | None
    incident_town: str | None


@dataclass
class CaseRecord:
    """A case with everything that belongs to it, for the editor and ``cases show``."""

    case: model.Case
    client: model.Client | None
    contacts: list[model.Contact] = field(default_factory=list)
    interventions: list[model.Intervention] = field(default_factory=list)
    notes: list[model.Note] = field(default_factory=list)
    attachments: list[model.Attachment] = field(default_factory=list)
    followups: list[model.FollowUp] = field(default_factory=list)
    appointments: list[model.Appointment] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        # Only valid durations count (a stored invalid one is shown as invalid, not added).
        return sum(minutes for contact in self.contacts
                   if isinstance(minutes := contact.duration_min, int) and not isinstance(minutes, bool))


@dataclass(frozen=True)
class ClientRow:
    id: str
    code: str
    name: str | None
    town: str | None
    cases: int


@dataclass(frozen=True)
class DueCase:
    case_id: str
    number: str
    client_id: str | None
    closed_on: dt.date
    due_on: dt.date


@dataclass(frozen=True)
class NetworkFilter:
    year: int | None = None
    kind: str | None = None  # workshop type or partner kind
    status: str | None = None
    town: str | None = None
    text: str | None = None
