"""Schema migrations, stepwise, recorded in ``PRAGMA user_version``.

Each migration is a list of statements run in one transaction together with the
version bump. Never edit a released migration: add the next one.

Synced entity tables share three bookkeeping columns:
``_hlc``/``_origin``/``_prev`` hold the clock of most fields (the base clock),
``_fclock`` (JSON, usually NULL) the fields whose clock differs from the base.
References between entities are not SQL foreign keys on purpose: replicas
receive changes in any order, so a contact may arrive before its case.
"""

from __future__ import annotations

from collections.abc import Sequence

from beratungsdesk.storage import figures

_SYNC_COLUMNS = """
    deleted INTEGER NOT NULL DEFAULT 0,
    _hlc INTEGER NOT NULL DEFAULT 0,
    _origin INTEGER NOT NULL DEFAULT 0,
    _prev INTEGER NOT NULL DEFAULT 0,
    _fclock TEXT
"""


def _table(name: str, columns: str) -> str:
    return f"CREATE TABLE {name} (\n    id TEXT PRIMARY KEY,\n{columns},\n{_SYNC_COLUMNS})"


#: The tables in ``search_fts``: table -> (kind number, text expression, columns it reads).
#: The kind number is the rowid's remainder by 4 (rowid = row's rowid * 4 + kind).
FTS_SOURCES: dict[str, tuple[int, str, str]] = {
    "clients": (1, "coalesce({row}.code, '') || ' ' || coalesce({row}.name, '')", "code, name"),
    "cases": (2, "coalesce({row}.number, '') || ' ' || coalesce({row}.summary, '')"
                 " || ' ' || coalesce({row}.outcome, '')", "number, summary, outcome"),
    "notes": (3, "coalesce({row}.text, '')", "text"),
}


def _fts_triggers(table: str, kind_no: int, text_sql: str, columns: str) -> list[str]:
    """Keep ``search_fts`` in step with ``table`` (contentless: no plaintext copy)."""
    key = f"{{row}}.rowid * 4 + {kind_no}"
    # bd_fold() is registered on every connection (storage/connection.py).
    insert = (f"INSERT INTO search_fts(rowid, body) SELECT {key.format(row='NEW')}, "
              f"bd_fold({text_sql.format(row='NEW')}) WHERE NEW.deleted = 0;")
    delete = f"DELETE FROM search_fts WHERE rowid = {key.format(row='OLD')};"
    return [
        f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {columns}, deleted ON {table} "
        f"BEGIN {delete} {insert} END",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN {delete} END",
    ]


_V1: list[str] = [
    # Local, never synced: identity of this store, counters, clocks.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID",
    # Compact local numbering of device ids, used inside the change log and clocks.
    "CREATE TABLE origins (no INTEGER PRIMARY KEY, device_id TEXT NOT NULL UNIQUE)",
    """CREATE TABLE change_log (
        origin INTEGER NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL,
        entity TEXT NOT NULL, row_id TEXT NOT NULL, vals TEXT NOT NULL, prev TEXT,
        PRIMARY KEY (origin, seq)) WITHOUT ROWID""",
    "CREATE INDEX change_log_row ON change_log(entity, row_id)",
    """CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY, entity TEXT NOT NULL, row_id TEXT NOT NULL,
        field TEXT NOT NULL, value TEXT, hlc INTEGER NOT NULL, origin TEXT NOT NULL,
        winner_hlc INTEGER NOT NULL, winner_origin TEXT NOT NULL,
        detected_at TEXT NOT NULL, resolved_at TEXT,
        UNIQUE (entity, row_id, field, hlc, origin))""",
    "CREATE INDEX conflicts_open ON conflicts(resolved_at, entity, row_id)",
    """CREATE TABLE blobs (
        sha256 TEXT NOT NULL UNIQUE, size INTEGER NOT NULL, content BLOB NOT NULL)""",
    _table("counselors", "    name TEXT, initials TEXT, active INTEGER"),
    _table("terms", "    kind TEXT, code TEXT, label_de TEXT, label_en TEXT, "
                    "retired INTEGER, position INTEGER"),
    _table("settings", "    value TEXT"),
    _table("clients", "    code TEXT, name TEXT, contact TEXT, languages TEXT, age_group TEXT, "
                      "gender TEXT, town TEXT"),
    "CREATE INDEX clients_code ON clients(code COLLATE NOCASE)",
    _table("cases", "    number TEXT, client_id TEXT, opened_on TEXT, closed_on TEXT, "
                    "status TEXT, counselor_id TEXT, area TEXT, grounds TEXT, racism_forms TEXT, "
                    "level TEXT, respondent TEXT, agg TEXT, incident_town TEXT, summary TEXT, "
                    "outcome TEXT"),
    "CREATE INDEX cases_number ON cases(number)",
    # Expression indexes matching the list's ORDER BY (storage/queries.py CASE_SORTS),
    # so the first page and every keyset page are index walks, not sorts.
    "CREATE INDEX cases_opened ON cases(coalesce(opened_on, ''), id)",
    "CREATE INDEX cases_number_sort ON cases(coalesce(number, ''), id)",
    "CREATE INDEX cases_client ON cases(client_id)",
    _table("contacts", "    case_id TEXT, date TEXT, start_time TEXT, duration_min INTEGER, "
                       "channel TEXT, town TEXT, place TEXT, counselor_id TEXT, language TEXT, "
                       "interpreter INTEGER, imported INTEGER"),
    "CREATE INDEX contacts_case ON contacts(case_id)",
    _table("interventions", "    case_id TEXT, type TEXT, date TEXT, status TEXT, result TEXT"),
    "CREATE INDEX interventions_case ON interventions(case_id)",
    _table("notes", "    case_id TEXT, author_id TEXT, written_at TEXT, text TEXT, "
                    "supersedes TEXT"),
    "CREATE INDEX notes_case ON notes(case_id, written_at)",
    _table("attachments", "    case_id TEXT, file_name TEXT, media_type TEXT, size INTEGER, "
                          "sha256 TEXT, added_at TEXT"),
    "CREATE INDEX attachments_case ON attachments(case_id)",
    # One full-text index for clients (1), cases (2) and notes (3); rowid = row*4+kind.
    # Contentless with delete support: the index holds tokens, not a second copy of
    # the texts, and erased rows can be removed from it.
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        body, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 2')""",
    *(statement for table, (kind_no, text_sql, columns) in FTS_SOURCES.items()
      for statement in _fts_triggers(table, kind_no, text_sql, columns)),
]

# Handover (sync/): identities, peers, bundle bookkeeping, receipts, alerts.
# All local: none of these tables is synced through the change log.
_V3_SYNC: list[str] = [
    # This store's private keys (Ed25519 "sign", X25519 "kx"): never leave the store.
    """CREATE TABLE identity_keys (
        purpose TEXT PRIMARY KEY, private BLOB NOT NULL, public BLOB NOT NULL,
        created_at TEXT NOT NULL) WITHOUT ROWID""",
    # Other stores this one exchanges bundles with: the office on a laptop, the
    # enrolled devices on the office. status: active | revoked.
    """CREATE TABLE peers (
        device_id TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT,
        sign_pub BLOB NOT NULL, kx_pub BLOB NOT NULL, counselor_id TEXT,
        epoch INTEGER NOT NULL DEFAULT 1, status TEXT NOT NULL,
        enrolled_at TEXT, revoked_at TEXT, certificate BLOB) WITHOUT ROWID""",
    # Invitations the office issued (one enrollment each).
    """CREATE TABLE invitations (
        invite_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, used_by TEXT) WITHOUT ROWID""",
    # Bundles written, per recipient: seq counts 1, 2, 3 ... for each recipient.
    """CREATE TABLE bundles_out (
        recipient TEXT NOT NULL, seq INTEGER NOT NULL, bundle_id TEXT NOT NULL,
        hash BLOB NOT NULL, created_at TEXT NOT NULL, changes INTEGER NOT NULL,
        blobs INTEGER NOT NULL, file_name TEXT NOT NULL, content_digest TEXT NOT NULL,
        PRIMARY KEY (recipient, seq)) WITHOUT ROWID""",
    # Bundles imported, per sender and epoch.
    """CREATE TABLE bundles_in (
        sender TEXT NOT NULL, epoch INTEGER NOT NULL, seq INTEGER NOT NULL,
        bundle_id TEXT NOT NULL, hash BLOB NOT NULL, prev_hash BLOB NOT NULL,
        imported_at TEXT NOT NULL, changes INTEGER NOT NULL, blobs INTEGER NOT NULL,
        covers_from INTEGER NOT NULL, PRIMARY KEY (sender, epoch, seq)) WITHOUT ROWID""",
    # The newest receipt each peer signed for this store (kept with its signed manifest).
    """CREATE TABLE receipts (
        peer TEXT PRIMARY KEY, received_at TEXT NOT NULL, body TEXT NOT NULL,
        manifest BLOB NOT NULL, signature BLOB NOT NULL) WITHOUT ROWID""",
    # Office side: which changes went into which bundle to a device, and which
    # changes a device has confirmed (so they are not sent again).
    """CREATE TABLE sent_changes (
        peer INTEGER NOT NULL, bundle_seq INTEGER NOT NULL, origin INTEGER NOT NULL,
        seq INTEGER NOT NULL, PRIMARY KEY (peer, bundle_seq, origin, seq)) WITHOUT ROWID""",
    """CREATE TABLE peer_has (
        peer INTEGER NOT NULL, origin INTEGER NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (peer, origin, seq)) WITHOUT ROWID""",
    # The signed device roster: every version seen (the office writes, devices keep).
    """CREATE TABLE roster (
        version INTEGER PRIMARY KEY, body BLOB NOT NULL, signature BLOB NOT NULL,
        saved_at TEXT NOT NULL)""",
    # Forks, missing bundles, clocks ahead, stale rosters: for the status view.
    """CREATE TABLE sync_alerts (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, peer TEXT,
        seq INTEGER, detail TEXT)""",
    # Laptop: rows removed locally after the office confirmed them (ids only).
    """CREATE TABLE purged_rows (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, case_id TEXT NOT NULL,
        purged_at TEXT NOT NULL, PRIMARY KEY (entity, row_id)) WITHOUT ROWID""",
    "CREATE INDEX purged_rows_case ON purged_rows(case_id)",
    # Office: cases a device reported as purged (not sent again unless reopened).
    """CREATE TABLE peer_purged (
        peer INTEGER NOT NULL, case_id TEXT NOT NULL,
        PRIMARY KEY (peer, case_id)) WITHOUT ROWID""",
]

# Prevention and network work: workshops, partners, cooperation meetings, referrals.
_PREVENTION_AND_NETWORK: list[str] = [
    _table("workshops", "    type TEXT, organisation TEXT, target_group TEXT, town TEXT, date TEXT, "
                        "end_date TEXT, duration_min INTEGER, participants INTEGER, trainers TEXT, "
                        "status TEXT, follow_up TEXT, notes TEXT"),
    "CREATE INDEX workshops_date ON workshops(coalesce(date, ''), id)",
    _table("partners", "    kind TEXT, name TEXT, contact_person TEXT, contact TEXT, town TEXT, notes TEXT"),
    "CREATE INDEX partners_name ON partners(name COLLATE NOCASE)",
    _table("meetings", "    date TEXT, partner_ids TEXT, topic TEXT, outcome TEXT"),
    "CREATE INDEX meetings_date ON meetings(date)",
    _table("referrals", "    case_id TEXT, partner_id TEXT, direction TEXT, date TEXT, reason TEXT"),
    "CREATE INDEX referrals_case ON referrals(case_id)",
    "CREATE INDEX referrals_partner ON referrals(partner_id)",
]

# Data protection: consent records and the audit log (hash chain per device).
_DATA_PROTECTION: list[str] = [
    _table("consents", "    client_id TEXT, given_on TEXT, scopes TEXT, form TEXT, withdrawn_on TEXT, "
                       "note TEXT"),
    "CREATE INDEX consents_client ON consents(client_id)",
    _table("audit_log", "    at TEXT, device_id TEXT, actor TEXT, action TEXT, entity TEXT, row_id TEXT, "
                        "detail TEXT, n INTEGER, prev_hash TEXT, hash TEXT"),
    "CREATE INDEX audit_log_chain ON audit_log(device_id, n)",
    "CREATE INDEX audit_log_row ON audit_log(row_id)",
    # Rows erased for data protection (ids only): later changes to them are dropped.
    """CREATE TABLE erased (entity TEXT NOT NULL, row_id TEXT NOT NULL, hlc INTEGER NOT NULL,
        origin TEXT NOT NULL, erased_at TEXT NOT NULL, PRIMARY KEY (entity, row_id)) WITHOUT ROWID""",
    # The anonymous statistical footprint of erased cases (codes, dates, minutes).
    """CREATE TABLE erased_case_stats (case_id TEXT PRIMARY KEY, client_key TEXT, opened_on TEXT,
        closed_on TEXT, status TEXT, counselor_id TEXT, area TEXT, grounds TEXT, racism_forms TEXT,
        level TEXT, respondent TEXT, agg TEXT, incident_town TEXT, footprint TEXT)""",
]

#: Version 5: running figures per opening day (storage/figures.py).
_PERIOD_FIGURES = figures.migration()

#: Version 6: change sets refused on import (not allowed for their sender, or invalid),
#: kept for the office to inspect (sync/admission.py). Local, never synced. ``vals``
#: holds the refused values (personal data: erasure scrubs them, storage/erasure.py).
_QUARANTINE: list[str] = [
    """CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, sender TEXT NOT NULL, bundle_seq INTEGER NOT NULL,
        origin TEXT NOT NULL, seq INTEGER NOT NULL, hlc INTEGER NOT NULL, entity TEXT NOT NULL,
        row_id TEXT NOT NULL, operation TEXT NOT NULL, reason TEXT NOT NULL, field TEXT,
        vals TEXT NOT NULL, prev TEXT, UNIQUE (origin, seq))""",
    "CREATE INDEX quarantine_sender ON quarantine(sender)",
    "CREATE INDEX quarantine_row ON quarantine(row_id)",
]

#: Version 7: unsaved input kept when the program locks (storage/drafts.py), offered back
#: after unlocking. Local, never synced, never in the change log; encrypted at rest like
#: every table. ``case_id`` (if the draft belongs to a case) lets erasure remove it.
_DRAFTS: list[str] = [
    """CREATE TABLE drafts (
        key TEXT PRIMARY KEY, case_id TEXT, kept_at TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID""",
    "CREATE INDEX drafts_case ON drafts(case_id)",
]

#: Version 8: the counselor's week (issue 18): follow-ups and appointments on cases (they
#: travel and are erased with their case) and the weekly office hours of the towns (shared
#: by every device). Synced like every entity table.
_WEEK: list[str] = [
    _table("followups", "    case_id TEXT, due_on TEXT, what TEXT, done INTEGER, done_on TEXT"),
    "CREATE INDEX followups_case ON followups(case_id)",
    # The start page and `followups due` read the open ones by date.
    "CREATE INDEX followups_due ON followups(done, due_on)",
    _table("appointments", "    case_id TEXT, date TEXT, start_time TEXT, duration_min INTEGER, "
                           "town TEXT, place TEXT, participants TEXT, counselor_id TEXT, status TEXT"),
    "CREATE INDEX appointments_case ON appointments(case_id)",
    "CREATE INDEX appointments_date ON appointments(date, start_time)",
    _table("office_hours", "    weekday INTEGER, start_time TEXT, end_time TEXT, town TEXT, "
                           "counselor_id TEXT, place TEXT, active INTEGER"),
    # Retention due (the start page asks at every unlock): closed cases by closing date,
    # without reading every case (storage/protection_queries.py cases_due).
    "CREATE INDEX cases_closed ON cases(closed_on) WHERE status = 'closed' AND deleted = 0",
]

#: MIGRATIONS[i] brings a store from version i to i + 1.
MIGRATIONS: list[Sequence[str]] = [_V1, _PREVENTION_AND_NETWORK, _V3_SYNC, _DATA_PROTECTION,
                                   _PERIOD_FIGURES, _QUARANTINE, _DRAFTS, _WEEK]

SCHEMA_VERSION = len(MIGRATIONS)

#: Search index kind numbers (rowid % 4) -> table.
FTS_KINDS = {1: "clients", 2: "cases", 3: "notes"}
