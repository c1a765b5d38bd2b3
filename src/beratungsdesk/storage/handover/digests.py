"""The sanity digest: counts and clock sums both sides compute over what a device holds."""

from __future__ import annotations

from beratungsdesk.core import model
from beratungsdesk.storage.connection import Connection
from beratungsdesk.storage.handover.scope import GLOBAL_ENTITIES, OFFICE_ONLY, SCOPED_CASES, in_scope
from beratungsdesk.storage.store import Store

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
            sql = SCOPED_CASES + _digest_sql(table, f"WHERE {in_scope(entity)}")
        found[entity] = list(store.conn.execute(sql, params).fetchone())
    return found
