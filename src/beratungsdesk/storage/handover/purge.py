"""What a laptop lets go: closed cases the office holds, and document contents kept at the office."""

from __future__ import annotations

from collections.abc import Iterable

from beratungsdesk.core import model
from beratungsdesk.storage.connection import Connection, translate_errors
from beratungsdesk.storage.handover import now_iso
from beratungsdesk.storage.handover.scope import CASE_CHILDREN, CLIENT_CHILDREN, case_rows
from beratungsdesk.storage.store import Store

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
    rows = case_rows(conn, case_id)
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
