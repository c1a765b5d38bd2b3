"""Aggregate queries for figures and reports (all SQL of the reports area lives here).

The queries count; they do not compute shares or format anything. That is the
pure part in ``reports.statistics``. Every query skips tombstoned rows
(``deleted = 0``) on every table it touches.

A case belongs to a period by its opening date (``opened_on`` between the
first and the last day, both included). Contacts, interventions and hours are
those *of the period's cases*, whenever they happened: the annual report's
"average counseling time per case" divides the hours of the period's cases by
their number.

Performance: the figures of live cases come from ``period_figures``, sums per
opening day kept by triggers (``storage/figures.py``), so a period costs a range
read over its days instead of a pass over a million contacts (see
``bench/bench_reports.py``). :func:`scanned_period_figures` counts the same
from the tables themselves; it is the reference the tests hold the sums to.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from beratungsdesk.core import model, records
from beratungsdesk.storage import queries
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.figures import NOT_STATED as NOT_STATED  # noqa: PLC0414 - the reports import it here

#: Measures of ``period_figures`` that are counters of RawFigures, by attribute name.
_COUNTER_MEASURES = {"status": "status", "area": "area", "level": "level",
                     "respondent": "respondent", "agg": "agg", "grounds": "grounds",
                     "racism_forms": "racism_forms", "intervention": "interventions",
                     "channel": "channel", "town": "town", "language": "language"}
#: Whitespace a recorded language is trimmed of (the same as the triggers).
_BLANKS = " \t\n\r"


@dataclass
class RawFigures:
    """Counts for one period, straight from the store."""

    start: dt.date
    end: dt.date
    cases: int = 0
    clients: int = 0
    status: Counter[str] = field(default_factory=Counter)
    area: Counter[str] = field(default_factory=Counter)
    level: Counter[str] = field(default_factory=Counter)
    respondent: Counter[str] = field(default_factory=Counter)
    agg: Counter[str] = field(default_factory=Counter)
    # Several codes per case: counts of cases naming each code.
    grounds: Counter[str] = field(default_factory=Counter)
    racism_forms: Counter[str] = field(default_factory=Counter)
    interventions: Counter[str] = field(default_factory=Counter)  # cases with >= 1 of the type
    # Contacts of the period's cases: number of contacts per value.
    contacts: int = 0
    minutes_total: int = 0
    channel: Counter[str] = field(default_factory=Counter)
    town: Counter[str] = field(default_factory=Counter)
    language: Counter[str] = field(default_factory=Counter)
    # Prevention and network work.
    workshops: dict[str, tuple[int, int]] | None = None  # type -> (held workshops, participants)
    partners: dict[str, int] | None = None  # kind -> partners in the network
    meetings: int | None = None  # cooperation meetings in the period
    referrals: int | None = None  # referral interventions of the period's cases
    referrals_to: int = 0  # cases referred to a partner in the period (referral records)
    referrals_from: int = 0  # cases referred to the center by a partner in the period
    # Cases by who and when (one cell per case): opening month "YYYY-MM", the client's
    # age band (vocabulary), the client's gender as a group (see gender_group), the
    # case's counselor (id; names in counselor_names, staff, not clients).
    month: Counter[str] = field(default_factory=Counter)
    age_band: Counter[str] = field(default_factory=Counter)
    gender: Counter[str] = field(default_factory=Counter)
    counselor: Counter[str] = field(default_factory=Counter)
    counselor_names: dict[str, str] = field(default_factory=dict)
    who_and_when: bool = True  # False: the four counters above were not read


#: Gender groups the figures use. The client's gender is a free self-description
#: (personal data): it is never counted as written, only as one of these groups.
GENDER_GROUPS = ("female", "male", "diverse", "self_described")
_GENDER_WORDS = {
    "female": {"w", "f", "weiblich", "frau", "female", "woman", "cis-frau", "cisfrau",
               "trans-frau", "transfrau", "trans frau"},
    "male": {"m", "männlich", "maennlich", "mann", "male", "man", "cis-mann", "cismann",
             "trans-mann", "transmann", "trans mann"},
    "diverse": {"d", "divers", "diverse", "x", "nicht-binär", "nicht binär", "nichtbinär",
                "non-binary", "nonbinary", "non binary", "enby", "inter", "intersex",
                "intergeschlechtlich", "genderqueer", "agender", "genderfluid"},
}
_GENDER_GROUP_OF = {word: group for group, words in _GENDER_WORDS.items() for word in words}
_GENDER_NOT_STATED = {"", "-", "?", "keine angabe", "ka", "k a", "unbekannt", "not stated",
                      "unknown", "n/a", "na", "prefer not to say"}


def gender_group(text: str | None) -> str:
    """The group a self-described gender is counted in: one of GENDER_GROUPS or not stated.

    Common words and abbreviations (German and English) map to their group; any other
    self-description counts as "self_described" so that no individual wording can ever
    reach a figure, a chart or a published table.
    """
    folded = " ".join((text or "").casefold().replace("*", "").replace(".", " ").split())
    if folded in _GENDER_NOT_STATED:
        return NOT_STATED
    return _GENDER_GROUP_OF.get(folded, "self_described")


_PERIOD = "c.deleted = 0 AND c.opened_on >= ? AND c.opened_on <= ?"


def period_figures(conn: Connection, start: dt.date, end: dt.date,
                   who_and_when: bool = True) -> RawFigures:
    """All counts of one period, read in one snapshot, from the running sums.

    ``who_and_when=False`` leaves out the cases by month, age band, gender and counselor:
    they need a pass over the period's cases (about 1 s at 100 000 cases, see
    docs/benchmarks.md), which the short report, not showing them, need not pay.
    """
    return _figures(conn, start, end, _summed_counts, who_and_when)


def scanned_period_figures(conn: Connection, start: dt.date, end: dt.date) -> RawFigures:
    """The same counts from a pass over the cases, contacts and interventions (reference)."""
    return _figures(conn, start, end, _scanned_counts, True)


def _figures(conn: Connection, start: dt.date, end: dt.date,
             live_counts: Any, who_and_when: bool) -> RawFigures:
    raw = RawFigures(start, end, who_and_when=who_and_when)
    bounds = (start.isoformat(), end.isoformat())
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")
    try:
        clients = live_counts(conn, bounds, raw)
        if who_and_when:
            _who_and_when_counts(conn, bounds, raw)
        _erased_counts(conn, bounds, raw, clients)
        raw.clients = len(clients)  # people over live cases and erased cases' footprints
        _network_counts(conn, bounds, raw)
    finally:
        if own_transaction:
            conn.execute("COMMIT")
    return raw


def _key(value: Any) -> str:
    return value if value not in (None, "") else NOT_STATED


def _summed_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures) -> set[str]:
    """Counts of the period's live cases from ``period_figures``; returns their clients."""
    clients: set[str] = set()
    raw.referrals = 0
    rows = conn.execute("SELECT measure, code, value FROM period_figures "
                        "WHERE day >= ? AND day <= ? AND value != 0", bounds)
    for measure, code, value in rows:
        if measure == "client":
            if code:
                clients.add(code)
        elif measure in _COUNTER_MEASURES:
            getattr(raw, _COUNTER_MEASURES[measure])[code] += value
        elif measure == "cases":
            raw.cases += value
        elif measure == "contacts":
            raw.contacts += value
        elif measure == "minutes":
            raw.minutes_total += value
        elif measure == "referrals":
            raw.referrals += value
    return clients


def _scanned_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures) -> set[str]:
    clients = _case_counts(conn, bounds, raw)
    clients.discard(None)
    _intervention_counts(conn, bounds, raw)
    _contact_counts(conn, bounds, raw)
    return clients


# Counting happens in Python over one plain pass per table, not with GROUP BY or
# json_each: with SQLCipher's memory security every allocation is wiped and
# locked, which made SQLite's sorter (GROUP BY over a million contacts) and
# json_each several times slower than reading the rows (bench/bench_reports.py).

def _case_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures) -> set[str]:
    """Counts over the period's live cases; returns their clients (ids)."""
    clients: set[str] = set()
    decoded: dict[str | None, list[str]] = {}

    def codes(text: str | None) -> list[str]:
        # CODES columns hold a JSON array kept as a sorted set; few distinct values.
        if text not in decoded:
            decoded[text] = sorted(set(json.loads(text))) if text else []
        return decoded[text]

    rows = conn.execute(
        f"SELECT c.client_id, c.status, c.area, c.level, c.respondent, c.agg, c.grounds, "
        f"c.racism_forms FROM cases c WHERE {_PERIOD}", bounds)
    for client_id, status, area, level, respondent, agg, grounds, forms in rows:
        raw.cases += 1
        clients.add(client_id)
        raw.status[_key(status)] += 1
        raw.area[_key(area)] += 1
        raw.level[_key(level)] += 1
        raw.respondent[_key(respondent)] += 1
        raw.agg[_key(agg)] += 1
        raw.grounds.update(codes(grounds))
        raw.racism_forms.update(codes(forms))
    return clients


def _child_rows(conn: Connection, table: str, columns: str, bounds: tuple[str, str]) -> Any:
    """Rows of a child table (contacts, interventions) that belong to the period's cases.

    Through the ``case_id`` index. Measured on 100 000 cases / 1 M contacts, this was
    20-25 % faster than one sequential scan of the child table with a membership test
    against the period's case ids, even for a period holding every case.
    """
    return conn.execute(
        f"SELECT {columns} FROM cases c JOIN {table} x ON x.case_id = c.id AND x.deleted = 0 "
        f"WHERE {_PERIOD}", bounds)


def _intervention_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures) -> None:
    cases_by_type: dict[str, set[str]] = {}
    referrals = 0
    for kind, case_id in _child_rows(conn, "interventions", "x.type, x.case_id", bounds):
        cases_by_type.setdefault(_key(kind), set()).add(case_id)
        referrals += kind == "referral"
    # Cases with at least one intervention of a type; referrals count every referral.
    raw.interventions.update({kind: len(ids) for kind, ids in cases_by_type.items()})
    raw.referrals = referrals


def _contact_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures) -> None:
    combos: Counter[tuple[str | None, str | None, str | None]] = Counter()
    minutes = 0
    for channel, town, language, duration in _child_rows(
            conn, "contacts", "x.channel, x.town, x.language, x.duration_min", bounds):
        combos[channel, town, language] += 1
        minutes += duration or 0
    raw.minutes_total = minutes
    for (channel, town, language), count in combos.items():
        raw.contacts += count
        raw.channel[_key(channel)] += count
        raw.town[_key(town)] += count
        raw.language[_key((language or "").strip(_BLANKS))] += count


def _who_and_when_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures) -> None:
    """Cases by opening month, age band and gender group of the client, and counselor.

    One pass over the period's live cases with their clients: the running sums keep no
    counselor and no client fields, and this round leaves the schema as it is. Measured at
    100 000 cases, two plain passes (cases, then the clients table) cost the same as this
    join, so the join stays (docs/benchmarks.md). The gender text is grouped right here and
    never kept.
    """
    rows = conn.execute(
        f"SELECT substr(c.opened_on, 1, 7), p.age_group, p.gender, c.counselor_id FROM cases c "
        f"LEFT JOIN clients p ON p.id = c.client_id AND p.deleted = 0 WHERE {_PERIOD}", bounds)
    for month, age_band, gender, counselor_id in rows:
        raw.month[_key(month)] += 1
        raw.age_band[_key(age_band)] += 1
        raw.gender[gender_group(gender)] += 1
        raw.counselor[_key(counselor_id)] += 1
    raw.counselor_names = {row[0]: row[1] or "" for row in conn.execute(
        "SELECT id, name FROM counselors")}


_ERASED_PERIOD = "e.opened_on >= ? AND e.opened_on <= ?"


def _erased_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures,
                   clients: set[str]) -> None:
    """Erased cases still count: their anonymous footprint (storage/erasure.py) keeps the figures."""
    found = conn.execute(
        f"SELECT client_key, status, area, level, respondent, agg, grounds, racism_forms, footprint, "
        f"substr(opened_on, 1, 7), counselor_id FROM erased_case_stats e WHERE {_ERASED_PERIOD}",
        bounds).fetchall()
    for (client_key, status, area, level, respondent, agg, grounds, forms, footprint, month,
         counselor_id) in found:
        raw.cases += 1
        if raw.who_and_when:
            # The footprint keeps no client fields: age band and gender count as not stated.
            raw.month[_key(month)] += 1
            raw.age_band[NOT_STATED] += 1
            raw.gender[NOT_STATED] += 1
            raw.counselor[_key(counselor_id)] += 1
        clients.add(client_key)
        raw.status[_key(status)] += 1
        raw.area[_key(area)] += 1
        raw.level[_key(level)] += 1
        raw.respondent[_key(respondent)] += 1
        raw.agg[_key(agg)] += 1
        raw.grounds.update(set(json.loads(grounds or "[]")))
        raw.racism_forms.update(set(json.loads(forms or "[]")))
        detail = json.loads(footprint or "{}")
        kinds = detail.get("interventions", [])
        raw.interventions.update(set(kinds))
        raw.referrals = (raw.referrals or 0) + kinds.count("referral")
        for contact in detail.get("contacts", []):
            raw.contacts += 1
            raw.minutes_total += contact.get("minutes") or 0
            raw.channel[_key(contact.get("channel"))] += 1
            raw.town[_key(contact.get("town"))] += 1
            raw.language[_key((contact.get("language") or "").strip(_BLANKS))] += 1


def _network_counts(conn: Connection, bounds: tuple[str, str], raw: RawFigures) -> None:
    """Held workshops and meetings of the period, partners of the network, referrals in and out."""
    raw.workshops = {kind: (count, people) for kind, count, people in conn.execute(
        "SELECT type, count(*), coalesce(sum(participants), 0) FROM workshops "
        "WHERE deleted = 0 AND status = 'held' AND date >= ? AND date <= ? GROUP BY type", bounds)}
    raw.partners = dict(conn.execute(
        "SELECT kind, count(*) FROM partners WHERE deleted = 0 GROUP BY kind").fetchall())
    raw.meetings = conn.execute("SELECT count(*) FROM meetings WHERE deleted = 0 AND date >= ? "
                                "AND date <= ?", bounds).fetchone()[0]
    for direction, count in conn.execute(
            "SELECT direction, count(*) FROM referrals WHERE deleted = 0 AND date >= ? AND date <= ? "
            "GROUP BY direction", bounds):
        if direction == "to":
            raw.referrals_to = count
        elif direction == "from":
            raw.referrals_from = count


# --- one client's data (subject access) ---------------------------------------

@dataclass
class ClientData:
    """Everything the store holds about one client, for the GDPR art. 15 export."""

    client: model.Client
    cases: list[records.CaseRecord]
    counselors: dict[str, str]  # id -> name, for authors and case owners
    consents: list[model.Consent] = field(default_factory=list)
    audit: list[model.AuditEntry] = field(default_factory=list)  # entries about any of these records


def client_data(conn: Connection, client_id: str) -> ClientData:
    own_transaction = not conn.in_transaction
    if own_transaction:
        conn.execute("BEGIN")
    try:
        client = queries.load(conn, model.Client, client_id)
        case_ids = [row[0] for row in conn.execute(
            "SELECT id FROM cases WHERE client_id = ? AND deleted = 0 ORDER BY opened_on, number",
            (client_id,))]
        records = [queries.case_record(conn, case_id) for case_id in case_ids]
        names = {c.id: c.name or "" for c in queries.counselors(conn, include_inactive=True)}
        consents = queries.load_where(conn, model.Consent, "client_id = ?", (client_id,), "given_on, id")
        audit = _audit_about(conn, [client_id, *(c.id for c in consents)], records)
    finally:
        if own_transaction:
            conn.execute("COMMIT")
    return ClientData(client, records, names, consents, audit)


def _audit_about(conn: Connection, own_ids: list[str], records: list[records.CaseRecord]) -> list[Any]:
    ids = list(own_ids)
    for record in records:
        ids.append(record.case.id)
        ids += [item.id for group in (record.contacts, record.interventions, record.notes,
                                      record.attachments) for item in group]
    return queries.load_where(conn, "audit", "row_id IN (SELECT value FROM json_each(?))",
                              (json.dumps(ids),), "at, n")


# --- settings (organisation profile) --------------------------------------------

def settings_with_prefix(conn: Connection, prefix: str) -> dict[str, str]:
    """Setting id -> JSON value for every live setting whose id starts with ``prefix``."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return {row[0]: row[1] for row in conn.execute(
        "SELECT id, value FROM settings WHERE deleted = 0 AND id LIKE ? ESCAPE '\\'", (pattern,))}


def setting_exists(conn: Connection, key: str) -> bool:
    """True when a row exists for ``key``, even a tombstoned one (update, don't re-insert)."""
    return conn.execute("SELECT 1 FROM settings WHERE id = ?", (key,)).fetchone() is not None


def raw_scan(conn: Connection, start: dt.date, end: dt.date) -> tuple[int, int, int]:
    """The floor for the benchmark: one plain pass over the period's cases and their contacts."""
    bounds = (start.isoformat(), end.isoformat())
    cases = conn.execute(f"SELECT count(*) FROM cases c WHERE {_PERIOD}", bounds).fetchone()[0]
    contacts, minutes = conn.execute(
        f"SELECT count(*), coalesce(sum(t.duration_min), 0) FROM cases c "
        f"JOIN contacts t ON t.case_id = c.id AND t.deleted = 0 WHERE {_PERIOD}", bounds).fetchone()
    return cases, contacts, minutes
