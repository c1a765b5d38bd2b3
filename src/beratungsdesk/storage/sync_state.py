"""SQL of the handover: keys, peers, bundle bookkeeping, receipts, scopes, purging.

Everything here is local state of one store (migration 2); none of it is in the
change log. The sync layer calls these functions; it holds no SQL itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.changes import ERASE_VALUES_JSON, ChangeSet
from beratungsdesk.core.vocab import BUILTIN_ORIGIN
from beratungsdesk.storage.connection import Connection, translate_errors
from beratungsdesk.storage.store import Store

#: Entities that hang off a case through ``case_id`` (contacts, notes, referrals ...).
CASE_CHILDREN = {s.name: s.table for s in model.all_specs()
                 if "case_id" in s.names and s.field("case_id").ref == "case"}
#: Records that belong to a client rather than a case (they travel with the client).
CLIENT_CHILDREN = {s.name: s.table for s in model.all_specs()
                   if "client_id" in s.names and s.field("client_id").ref == "client" and s.name != "case"}
#: Records that stay where they were made and at the office: the audit log is the
#: office's to see; laptops need no copy of the office's entries.
OFFICE_ONLY = ("audit",)
#: Entities every device receives whole: the team, vocabularies, settings,
#: prevention and network records (everything not tied to one case or client).
GLOBAL_ENTITIES = tuple(s.name for s in model.all_specs()
                        if s.name not in ("case", "client") and s.name not in CASE_CHILDREN
                        and s.name not in CLIENT_CHILDREN and s.name not in OFFICE_ONLY)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# --- identity keys ------------------------------------------------------------

def load_keys(conn: Connection) -> dict[str, bytes]:
    return dict(conn.execute("SELECT purpose, private FROM identity_keys").fetchall())


def save_keys(conn: Connection, keys: dict[str, tuple[bytes, bytes]]) -> None:
    with translate_errors():
        conn.executemany("INSERT INTO identity_keys(purpose, private, public, created_at) "
                         "VALUES (?, ?, ?, ?)",
                         [(purpose, private, public, now_iso())
                          for purpose, (private, public) in keys.items()])


# --- peers ----------------------------------------------------------------------

@dataclass(frozen=True)
class Peer:
    device_id: str
    role: str  # office | counselor
    name: str | None
    sign_pub: bytes
    kx_pub: bytes
    counselor_id: str | None
    epoch: int
    status: str  # active | revoked
    enrolled_at: str | None
    revoked_at: str | None
    certificate: bytes | None


_PEER_COLUMNS = ("device_id, role, name, sign_pub, kx_pub, counselor_id, epoch, status, "
                 "enrolled_at, revoked_at, certificate")


def peer(conn: Connection, device_id: str) -> Peer | None:
    row = conn.execute(f"SELECT {_PEER_COLUMNS} FROM peers WHERE device_id = ?", (device_id,)).fetchone()
    return Peer(*row) if row else None


def peers(conn: Connection, role: str | None = None) -> list[Peer]:
    sql = f"SELECT {_PEER_COLUMNS} FROM peers"
    params: tuple[Any, ...] = ()
    if role:
        sql += " WHERE role = ?"
        params = (role,)
    return [Peer(*row) for row in conn.execute(sql + " ORDER BY enrolled_at, device_id", params)]


def save_peer(conn: Connection, item: Peer) -> None:
    with translate_errors():
        conn.execute(f"INSERT OR REPLACE INTO peers({_PEER_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     (item.device_id, item.role, item.name, item.sign_pub, item.kx_pub,
                      item.counselor_id, item.epoch, item.status, item.enrolled_at,
                      item.revoked_at, item.certificate))


def forget_peer(conn: Connection, device_id: str) -> None:
    with translate_errors():
        conn.execute("DELETE FROM peers WHERE device_id = ?", (device_id,))


def revoke_peer(conn: Connection, device_id: str) -> None:
    with translate_errors():
        conn.execute("UPDATE peers SET status = 'revoked', revoked_at = ? WHERE device_id = ?",
                     (now_iso(), device_id))


# --- invitations ----------------------------------------------------------------

def add_invitation(conn: Connection, invite_id: str) -> None:
    with translate_errors():
        conn.execute("INSERT INTO invitations(invite_id, created_at) VALUES (?, ?)", (invite_id, now_iso()))


def invitation_state(conn: Connection, invite_id: str) -> str:
    """``unknown``, ``open`` or ``used``."""
    row = conn.execute("SELECT used_by FROM invitations WHERE invite_id = ?", (invite_id,)).fetchone()
    if row is None:
        return "unknown"
    return "used" if row[0] else "open"


def use_invitation(conn: Connection, invite_id: str, device_id: str) -> None:
    with translate_errors():
        conn.execute("UPDATE invitations SET used_by = ? WHERE invite_id = ?", (device_id, invite_id))


# --- roster -------------------------------------------------------------------------

def latest_roster(conn: Connection) -> tuple[int, bytes, bytes] | None:
    row = conn.execute("SELECT version, body, signature FROM roster ORDER BY version DESC LIMIT 1"
                       ).fetchone()
    return (row[0], row[1], row[2]) if row else None


def roster_body(conn: Connection, version: int) -> bytes | None:
    row = conn.execute("SELECT body FROM roster WHERE version = ?", (version,)).fetchone()
    return row[0] if row else None


def save_roster(conn: Connection, version: int, body: bytes, signature: bytes) -> None:
    with translate_errors():
        conn.execute("INSERT OR IGNORE INTO roster(version, body, signature, saved_at) VALUES (?, ?, ?, ?)",
                     (version, body, signature, now_iso()))


# --- bundles written and read -----------------------------------------------------------

@dataclass(frozen=True)
class BundleOut:
    recipient: str
    seq: int
    bundle_id: str
    hash: bytes
    created_at: str
    changes: int
    blobs: int
    file_name: str
    content_digest: str


def last_bundle_out(conn: Connection, recipient: str) -> BundleOut | None:
    row = conn.execute("SELECT recipient, seq, bundle_id, hash, created_at, changes, blobs, file_name, "
                       "content_digest FROM bundles_out WHERE recipient = ? ORDER BY seq DESC LIMIT 1",
                       (recipient,)).fetchone()
    return BundleOut(*row) if row else None


def forget_content_of_last_bundle_out(conn: Connection, recipient: str) -> None:
    """The next bundle to ``recipient`` is written even if it holds what the last one held
    (the recipient lost it: an office restored from a backup)."""
    with translate_errors():
        conn.execute("UPDATE bundles_out SET content_digest = '' WHERE recipient = ? AND seq = "
                     "(SELECT max(seq) FROM bundles_out WHERE recipient = ?)", (recipient, recipient))


def bundles_out(conn: Connection, recipient: str | None = None) -> list[BundleOut]:
    sql = ("SELECT recipient, seq, bundle_id, hash, created_at, changes, blobs, file_name, content_digest "
           "FROM bundles_out")
    if recipient is None:
        return [BundleOut(*row) for row in conn.execute(sql + " ORDER BY recipient, seq")]
    return [BundleOut(*row) for row in conn.execute(sql + " WHERE recipient = ? ORDER BY seq", (recipient,))]


def record_bundle_out(conn: Connection, item: BundleOut) -> None:
    with translate_errors():
        conn.execute("INSERT INTO bundles_out(recipient, seq, bundle_id, hash, created_at, changes, blobs, "
                     "file_name, content_digest) VALUES (?,?,?,?,?,?,?,?,?)",
                     (item.recipient, item.seq, item.bundle_id, item.hash, item.created_at,
                      item.changes, item.blobs, item.file_name, item.content_digest))


@dataclass(frozen=True)
class BundleIn:
    sender: str
    epoch: int
    seq: int
    bundle_id: str
    hash: bytes
    prev_hash: bytes
    imported_at: str
    changes: int
    blobs: int
    covers_from: int


_IN_COLUMNS = "sender, epoch, seq, bundle_id, hash, prev_hash, imported_at, changes, blobs, covers_from"


def bundle_in(conn: Connection, sender: str, epoch: int, seq: int) -> BundleIn | None:
    row = conn.execute(f"SELECT {_IN_COLUMNS} FROM bundles_in WHERE sender = ? AND epoch = ? AND seq = ?",
                       (sender, epoch, seq)).fetchone()
    return BundleIn(*row) if row else None


def bundles_in(conn: Connection, sender: str, epoch: int) -> list[BundleIn]:
    return [BundleIn(*row) for row in conn.execute(
        f"SELECT {_IN_COLUMNS} FROM bundles_in WHERE sender = ? AND epoch = ? ORDER BY seq",
        (sender, epoch))]


def record_bundle_in(conn: Connection, item: BundleIn) -> None:
    with translate_errors():
        conn.execute(f"INSERT INTO bundles_in({_IN_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (item.sender, item.epoch, item.seq, item.bundle_id, item.hash, item.prev_hash,
                      item.imported_at, item.changes, item.blobs, item.covers_from))


# --- receipts -----------------------------------------------------------------------------

def save_receipt(conn: Connection, peer_id: str, body: dict[str, Any], manifest: bytes,
                 signature: bytes) -> None:
    with translate_errors():
        conn.execute("INSERT OR REPLACE INTO receipts(peer, received_at, body, manifest, signature) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (peer_id, now_iso(), json.dumps(body, sort_keys=True), manifest, signature))


def receipt(conn: Connection, peer_id: str) -> tuple[str, dict[str, Any]] | None:
    row = conn.execute("SELECT received_at, body FROM receipts WHERE peer = ?", (peer_id,)).fetchone()
    return (row[0], json.loads(row[1])) if row else None


def signed_receipts(conn: Connection) -> list[tuple[str, bytes, bytes]]:
    """(peer, manifest bytes, signature) of the newest receipt of every peer."""
    return conn.execute("SELECT peer, manifest, signature FROM receipts ORDER BY peer").fetchall()


# --- alerts ---------------------------------------------------------------------------------

def add_alert(conn: Connection, kind: str, peer_id: str | None, seq: int | None,
              detail: str | None = None) -> None:
    with translate_errors():
        conn.execute("INSERT INTO sync_alerts(at, kind, peer, seq, detail) VALUES (?, ?, ?, ?, ?)",
                     (now_iso(), kind, peer_id, seq, detail))


def alerts(conn: Connection, limit: int = 50) -> list[tuple[str, str, str | None, int | None, str | None]]:
    # Notices "your text was replaced" are shown with the conflicts (storage/conflict_queries.py).
    return conn.execute("SELECT at, kind, peer, seq, detail FROM sync_alerts "
                        "WHERE kind NOT IN ('text_replaced', 'text_replaced_seen') ORDER BY id DESC LIMIT ?",
                        (limit,)).fetchall()


def audit_hash_at(conn: Connection, device_id: str, n: int) -> str | None:
    """The hash of entry ``n`` of a device's audit chain, as held here."""
    row = conn.execute("SELECT hash FROM audit_log WHERE device_id = ? AND n = ?", (device_id, n)).fetchone()
    return row[0] if row else None


def open_conflicts(conn: Connection) -> int:
    return conn.execute("SELECT count(*) FROM conflicts WHERE resolved_at IS NULL").fetchone()[0]


# --- change log reading ---------------------------------------------------------------------

_CHANGE_SELECT = ("SELECT o.device_id, l.seq, l.hlc, l.entity, l.row_id, l.vals, l.prev "
                  "FROM change_log l JOIN origins o ON o.no = l.origin ")


def _change_of(row: tuple[Any, ...]) -> ChangeSet:
    return ChangeSet(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]),
                     json.loads(row[6]) if row[6] else {})


def own_changes_after(store: Store, seq: int) -> list[ChangeSet]:
    """This device's change sets with a sequence number above ``seq``."""
    rows = store.conn.execute(_CHANGE_SELECT + "WHERE l.origin = ? AND l.seq > ? AND l.entity != '-' "
                              "ORDER BY l.seq", (store.own_origin_no, seq))
    return [_change_of(row) for row in rows]


def contiguous_seq(conn: Connection, origin_no: int) -> int:
    """Highest n such that change sets 1..n of ``origin_no`` are all in the log."""
    count, highest = conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM change_log "
                                  "WHERE origin = ?", (origin_no,)).fetchone()
    if count == highest:
        return highest
    expected = 0
    for (seq,) in conn.execute("SELECT seq FROM change_log WHERE origin = ? ORDER BY seq", (origin_no,)):
        if seq != expected + 1:
            break
        expected = seq
    return expected


def count_own_after(store: Store, seq: int) -> int:
    return store.conn.execute("SELECT count(*) FROM change_log WHERE origin = ? AND seq > ? "
                              "AND entity != '-'", (store.own_origin_no, seq)).fetchone()[0]


# --- what a device needs (office side) ----------------------------------------------------------

def _scope_sql() -> str:
    """Rows in a device's scope as (entity, row_id), for ``:counselor`` and ``:origin``.

    A device gets the cases assigned to its counselor plus the cases it opened
    itself, with their client and everything hanging off them; cases it reported
    as purged stay out while they are closed. "Opened itself" means the case's
    first change here came from the device: a later change it sent naming a case
    (even an empty one) never pulls that case into its scope; the office's
    assignment decides.
    """
    children = " UNION ALL ".join(
        f"SELECT '{entity}', t.id FROM {table} t JOIN scoped_cases s ON s.id = t.case_id"
        for entity, table in CASE_CHILDREN.items())
    client_children = " UNION ALL ".join(
        f"SELECT '{entity}', t.id FROM {table} t JOIN cases c ON c.client_id = t.client_id "
        f"JOIN scoped_cases s ON s.id = c.id"
        for entity, table in CLIENT_CHILDREN.items())
    return f"""{_SCOPED_CASES},
        scope(entity, row_id) AS (
            SELECT 'case', id FROM scoped_cases
            UNION ALL SELECT 'client', c.client_id FROM cases c JOIN scoped_cases s ON s.id = c.id
            UNION ALL {client_children}
            UNION ALL {children})
    """


#: The cases in a device's scope (see :func:`_scope_sql`), for ``:counselor`` and ``:origin``.
_SCOPED_CASES = """
        WITH scoped_cases(id) AS (
            SELECT id FROM cases WHERE counselor_id = :counselor
            UNION SELECT l.row_id FROM change_log l WHERE l.entity = 'case' AND l.origin = :origin
                AND NOT EXISTS (SELECT 1 FROM change_log e WHERE e.entity = 'case'
                                AND e.row_id = l.row_id AND e.origin != l.origin AND e.hlc < l.hlc)
            EXCEPT SELECT p.case_id FROM peer_purged p JOIN cases c ON c.id = p.case_id
                   WHERE p.peer = :origin AND c.status = 'closed')"""


def _in_scope(entity: str) -> str:
    """The rows of ``entity`` (as ``t``) that :func:`_scope_sql`'s scope holds, as a condition.

    The same rows as ``t.id IN (SELECT row_id FROM scope WHERE entity = ...)``, but
    without building the whole scope for each table: after a big handover the
    sanity digest took as long as a tenth of the import that way.
    """
    clients = "SELECT c.client_id FROM cases c WHERE c.id IN (SELECT id FROM scoped_cases)"
    if entity == "case":
        return "t.id IN (SELECT id FROM scoped_cases)"
    if entity == "client":
        return f"t.id IN ({clients})"
    if entity in CASE_CHILDREN:
        return "t.case_id IN (SELECT id FROM scoped_cases)"
    if entity in CLIENT_CHILDREN:
        return f"t.client_id IN ({clients})"
    raise ValueError(entity)


def changes_for_peer(store: Store, peer_origin: int, counselor_id: str | None,
                     resend_cases: Iterable[str] = ()) -> list[ChangeSet]:
    """Change sets in the device's scope that it has not confirmed, oldest clock first.

    For ``resend_cases`` (purged on the device, now open for it again) every
    change of their rows goes out, the device's own included: it dropped them.
    """
    builtin = store.origin_no(BUILTIN_ORIGIN, create=True)
    sql = _scope_sql() + f"""
        {_CHANGE_SELECT}
        WHERE l.origin NOT IN (:origin, :builtin) AND l.entity != '-'
          AND (l.entity IN {GLOBAL_ENTITIES!r}
               OR l.vals = :erase
               OR (l.entity, l.row_id) IN (SELECT entity, row_id FROM scope))
          AND NOT EXISTS (SELECT 1 FROM peer_has h
                          WHERE h.peer = :origin AND h.origin = l.origin AND h.seq = l.seq)
        ORDER BY l.hlc, l.origin, l.seq"""
    # Erase changes go to every device: they name no one, and a device may hold a
    # copy that is no longer in its scope (the erased case has no counselor any more).
    rows = store.conn.execute(sql, {"counselor": counselor_id or "", "origin": peer_origin,
                                    "builtin": builtin, "erase": ERASE_VALUES_JSON})
    found = {(row[0], row[1]): _change_of(row) for row in rows}
    for case_id in resend_cases:
        for entity, row_id in _case_rows(store.conn, case_id):
            for row in store.conn.execute(_CHANGE_SELECT + "WHERE l.entity = ? AND l.row_id = ?",
                                          (entity, row_id)):
                found.setdefault((row[0], row[1]), _change_of(row))
    return sorted(found.values(), key=lambda c: (c.hlc, c.origin, c.seq))


def record_sent(store: Store, peer_origin: int, bundle_seq: int, changes: Iterable[ChangeSet]) -> None:
    params = [(peer_origin, bundle_seq, store.origin_no(c.origin, create=True), c.seq) for c in changes]
    with translate_errors():
        store.conn.executemany("INSERT OR IGNORE INTO sent_changes(peer, bundle_seq, origin, seq) "
                               "VALUES (?, ?, ?, ?)", params)


def confirm_sent(conn: Connection, peer_origin: int, bundle_seqs: Iterable[int]) -> None:
    """The device confirmed these bundles: their changes count as held by it.

    Bundles are cumulative (each holds everything not yet confirmed), so
    confirming bundle n also retires the bookkeeping of every older bundle.
    """
    seqs = sorted(set(bundle_seqs))
    if not seqs:
        return
    with translate_errors():
        conn.executemany("INSERT OR IGNORE INTO peer_has(peer, origin, seq) SELECT peer, origin, seq "
                         "FROM sent_changes WHERE peer = ? AND bundle_seq = ?",
                         [(peer_origin, s) for s in seqs])
        conn.execute("DELETE FROM sent_changes WHERE peer = ? AND bundle_seq <= ?", (peer_origin, seqs[-1]))


def record_peer_purged(store: Store, peer_origin: int, case_ids: Iterable[str]) -> None:
    with translate_errors():
        store.conn.executemany("INSERT OR IGNORE INTO peer_purged(peer, case_id) VALUES (?, ?)",
                               [(peer_origin, case_id) for case_id in case_ids])


def reopened_purged_cases(store: Store, peer_origin: int, counselor_id: str | None) -> list[str]:
    """Cases the device purged that are open again and still its own: to be sent anew."""
    rows = store.conn.execute(
        "SELECT p.case_id FROM peer_purged p JOIN cases c ON c.id = p.case_id "
        "WHERE p.peer = ? AND c.status != 'closed' AND c.deleted = 0 AND c.counselor_id = ?",
        (peer_origin, counselor_id or ""))
    return [row[0] for row in rows]


def forget_delivery_of_case(store: Store, peer_origin: int, case_id: str) -> None:
    """Send a whole case again: drop what the device is known to hold of it."""
    rows = _case_rows(store.conn, case_id)
    with translate_errors():
        for entity, row_id in rows:
            store.conn.execute(
                "DELETE FROM peer_has WHERE peer = ? AND (origin, seq) IN "
                "(SELECT origin, seq FROM change_log WHERE entity = ? AND row_id = ?)",
                (peer_origin, entity, row_id))
        store.conn.execute("DELETE FROM peer_purged WHERE peer = ? AND case_id = ?", (peer_origin, case_id))


def _case_rows(conn: Connection, case_id: str) -> list[tuple[str, str]]:
    found = [("case", case_id)]
    client = conn.execute("SELECT client_id FROM cases WHERE id = ?", (case_id,)).fetchone()
    if client and client[0]:
        found.append(("client", client[0]))
    for entity, table in CASE_CHILDREN.items():
        found += [(entity, r[0]) for r in conn.execute(f"SELECT id FROM {table} WHERE case_id = ?",
                                                        (case_id,))]
    return found


# --- blobs ----------------------------------------------------------------------------------------

def blob_sizes(conn: Connection, digests: Iterable[str]) -> list[tuple[str, int]]:
    found = []
    for digest in sorted(set(digests)):
        row = conn.execute("SELECT size FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
        if row:
            found.append((digest, row[0]))
    return found


def blob_content(conn: Connection, digest: str) -> bytes:
    row = conn.execute("SELECT content FROM blobs WHERE sha256 = ?", (digest,)).fetchone()
    return bytes(row[0]) if row else b""


# --- sanity check -----------------------------------------------------------------------------------

_SYNCED = tuple(s.name for s in model.all_specs() if s.name not in OFFICE_ONLY)
_MOD = 2_147_483_647


def _digest_sql(table: str, where: str) -> str:
    # Count, and sums of every field clock (base clock plus the per-field exceptions)
    # modulo a prime: order-independent and free of local origin numbers.
    # Rows without exceptions (nearly all) skip the JSON walk.
    return (f"SELECT count(*), coalesce(sum(t._hlc % {_MOD}), 0), "
            f"coalesce(sum(CASE WHEN t._fclock IS NULL THEN 0 ELSE "
            f"(SELECT coalesce(sum(json_extract(j.value, '$[0]') % {_MOD}), 0) "
            f"FROM json_each(t._fclock) j) END), 0), coalesce(sum(t.deleted), 0) "
            f"FROM {table} t {where}")


def digest_all(conn: Connection) -> dict[str, list[int]]:
    """Per entity: [rows, clock sum, exception clock sum, tombstones] over the whole store."""
    return {entity: list(conn.execute(_digest_sql(model.spec(entity).table, "")).fetchone())
            for entity in _SYNCED}


def digest_scope(store: Store, peer_origin: int, counselor_id: str | None) -> dict[str, list[int]]:
    """The same digest over what a device holds (its scope); see :func:`digest_all`."""
    params = {"counselor": counselor_id or "", "origin": peer_origin}
    found = {}
    for entity in _SYNCED:
        table = model.spec(entity).table
        if entity in GLOBAL_ENTITIES:
            sql = _digest_sql(table, "")
        else:
            sql = _SCOPED_CASES + _digest_sql(table, f"WHERE {_in_scope(entity)}")
        found[entity] = list(store.conn.execute(sql, params).fetchone())
    return found


# --- purging closed cases on a laptop ----------------------------------------------------------

def purgeable_cases(store: Store, confirmed_seq: int) -> list[str]:
    """Closed cases none of whose rows carries an own change the office has not confirmed."""
    rows = store.conn.execute(
        "SELECT c.id FROM cases c WHERE c.status = 'closed' AND NOT EXISTS ("
        " SELECT 1 FROM change_log l WHERE l.origin = :own AND l.seq > :confirmed AND ("
        "  (l.entity = 'case' AND l.row_id = c.id)"
        "  OR (l.entity = 'client' AND l.row_id = c.client_id)"
        + "".join(f"  OR (l.entity = '{e}' AND l.row_id IN (SELECT id FROM {t} WHERE case_id = c.id))"
                  for e, t in CASE_CHILDREN.items())
        + "".join(f"  OR (l.entity = '{e}' AND l.row_id IN "
                  f"(SELECT id FROM {t} WHERE client_id = c.client_id))"
                  for e, t in CLIENT_CHILDREN.items())
        + "))", {"own": store.own_origin_no, "confirmed": confirmed_seq})
    return [row[0] for row in rows]


def purge_case(store: Store, case_id: str) -> int:
    """Remove a case and what hangs off it from this store only. Returns rows removed.

    The change log keeps a stub of each removed change (origin, seq, entity '-',
    no values): the stubs make a re-import of the same changes a no-op and keep
    this device's sequence numbers from being reused. No stub holds content.
    """
    conn = store.conn
    rows = _case_rows(conn, case_id)
    client = next((row_id for entity, row_id in rows if entity == "client"), None)
    if client and conn.execute("SELECT count(*) FROM cases WHERE client_id = ? AND id != ?",
                               (client, case_id)).fetchone()[0]:
        rows = [r for r in rows if r[0] != "client"]  # another case still needs the client
    elif client:
        for entity, table in CLIENT_CHILDREN.items():  # consents leave with their client
            rows += [(entity, r[0]) for r in conn.execute(f"SELECT id FROM {table} WHERE client_id = ?",
                                                           (client,))]
    now = now_iso()
    with translate_errors():
        for entity, row_id in rows:
            conn.execute(f"DELETE FROM {model.spec(entity).table} WHERE id = ?", (row_id,))
            conn.execute("UPDATE change_log SET entity = '-', vals = '{}', prev = NULL "
                         "WHERE entity = ? AND row_id = ?", (entity, row_id))
            conn.execute("INSERT OR REPLACE INTO purged_rows(entity, row_id, case_id, purged_at) "
                         "VALUES (?, ?, ?, ?)", (entity, row_id, case_id, now))
        conn.execute("DELETE FROM conflicts WHERE row_id IN (SELECT row_id FROM purged_rows "
                     "WHERE case_id = ?)", (case_id,))
        conn.execute("DELETE FROM blobs WHERE sha256 NOT IN "
                     "(SELECT sha256 FROM attachments WHERE sha256 IS NOT NULL)")
    return len(rows)


# --- documents kept at the office only (laptop setting) ----------------------------------------

def office_held_blobs(store: Store, confirmed_seq: int) -> list[str]:
    """Document contents this laptop may let go: the office holds them.

    A content stays while any attachment naming it carries an own change above
    ``confirmed_seq`` (the office's ``held_seq``): that change, and with it the
    bytes, must still travel. Contents of attachments from elsewhere (the office
    sent them, so it holds them) and of confirmed own attachments may go.
    """
    rows = store.conn.execute(
        "SELECT b.sha256 FROM blobs b WHERE NOT EXISTS ("
        " SELECT 1 FROM attachments a JOIN change_log l"
        "  ON l.entity = 'attachment' AND l.row_id = a.id"
        " WHERE a.sha256 = b.sha256 AND l.origin = ? AND l.seq > ?)",
        (store.own_origin_no, confirmed_seq))
    return [row[0] for row in rows]


def drop_blobs(conn: Connection, digests: Iterable[str]) -> int:
    """Delete document contents (the attachment rows stay). Returns how many went.

    With ``secure_delete`` on, the freed cells are overwritten; the caller runs the
    store's maintenance so no copy survives in free pages or the WAL.
    """
    wanted = sorted(set(digests))
    with translate_errors():
        for digest in wanted:
            conn.execute("DELETE FROM blobs WHERE sha256 = ?", (digest,))
    return len(wanted)


def purged_row_ids(conn: Connection) -> set[tuple[str, str]]:
    return {(e, r) for e, r in conn.execute("SELECT entity, row_id FROM purged_rows")}


def purged_case_ids(conn: Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT DISTINCT case_id FROM purged_rows ORDER BY case_id")]


def unpurge_case(conn: Connection, case_id: str) -> None:
    """The office sends a purged case whole again: drop its stubs so its changes apply."""
    with translate_errors():
        conn.execute("DELETE FROM change_log WHERE entity = '-' AND row_id IN "
                     "(SELECT row_id FROM purged_rows WHERE case_id = ?)", (case_id,))
        conn.execute("DELETE FROM purged_rows WHERE case_id = ?", (case_id,))
