"""Which rows a device receives (its scope), and what it is known to hold (office side)."""

from __future__ import annotations

from collections.abc import Iterable

from beratungsdesk.core import model
from beratungsdesk.core.changes import ERASE_VALUES_JSON, ChangeSet
from beratungsdesk.core.vocab import BUILTIN_ORIGIN
from beratungsdesk.storage.connection import Connection, translate_errors
from beratungsdesk.storage.handover.change_log import CHANGE_SELECT, change_of
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


def scope_sql() -> str:
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
    return f"""{SCOPED_CASES},
        scope(entity, row_id) AS (
            SELECT 'case', id FROM scoped_cases
            UNION ALL SELECT 'client', c.client_id FROM cases c JOIN scoped_cases s ON s.id = c.id
            UNION ALL {client_children}
            UNION ALL {children})
    """


#: The cases in a device's scope (see :func:`scope_sql`), for ``:counselor`` and ``:origin``.
SCOPED_CASES = """
        WITH scoped_cases(id) AS (
            SELECT id FROM cases WHERE counselor_id = :counselor
            UNION SELECT l.row_id FROM change_log l WHERE l.entity = 'case' AND l.origin = :origin
                AND NOT EXISTS (SELECT 1 FROM change_log e WHERE e.entity = 'case'
                                AND e.row_id = l.row_id AND e.origin != l.origin AND e.hlc < l.hlc)
            EXCEPT SELECT p.case_id FROM peer_purged p JOIN cases c ON c.id = p.case_id
                   WHERE p.peer = :origin AND c.status = 'closed')"""


def in_scope(entity: str) -> str:
    """The rows of ``entity`` (as ``t``) that :func:`scope_sql`'s scope holds, as a condition.

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
    sql = scope_sql() + f"""
        {CHANGE_SELECT}
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
    found = {(row[0], row[1]): change_of(row) for row in rows}
    for case_id in resend_cases:
        for entity, row_id in case_rows(store.conn, case_id):
            for row in store.conn.execute(CHANGE_SELECT + "WHERE l.entity = ? AND l.row_id = ?",
                                          (entity, row_id)):
                found.setdefault((row[0], row[1]), change_of(row))
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
    rows = case_rows(store.conn, case_id)
    with translate_errors():
        for entity, row_id in rows:
            store.conn.execute(
                "DELETE FROM peer_has WHERE peer = ? AND (origin, seq) IN "
                "(SELECT origin, seq FROM change_log WHERE entity = ? AND row_id = ?)",
                (peer_origin, entity, row_id))
        store.conn.execute("DELETE FROM peer_purged WHERE peer = ? AND case_id = ?", (peer_origin, case_id))


def case_rows(conn: Connection, case_id: str) -> list[tuple[str, str]]:
    """(entity, row id) of a case, its client and every row hanging off the case."""
    found = [("case", case_id)]
    client = conn.execute("SELECT client_id FROM cases WHERE id = ?", (case_id,)).fetchone()
    if client and client[0]:
        found.append(("client", client[0]))
    for entity, table in CASE_CHILDREN.items():
        found += [(entity, r[0]) for r in conn.execute(f"SELECT id FROM {table} WHERE case_id = ?",
                                                        (case_id,))]
    return found
