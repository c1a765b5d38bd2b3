"""What only the office decides, refused on a laptop before anything is written.

The office refuses such changes from a laptop anyway (the rule table in
``sync/authorization.py``) and keeps them in its quarantine. Refusing them here as
well tells the counselor at once, in the window or on the command line, instead of
after the next handover, and keeps the laptop's store from differing from the
office's. The same table decides both, so the two can never disagree.
"""

from __future__ import annotations

from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import NotFound, PermissionDenied
from beratungsdesk.storage import queries
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync.authorization import LAPTOP_RULES, OFFICE_ONLY


def require_office(store: Store, entity: str) -> None:
    """Raise ``not_permitted`` on a laptop: ``entity`` is the office's alone."""
    if store.role != ROLE_OFFICE:
        raise PermissionDenied(entity=entity)


def check_insert(store: Store, entity: model.Entity) -> None:
    """A laptop may not create records of the entities only the office writes."""
    if store.role != ROLE_OFFICE and _office_only(entity.ENTITY):
        raise PermissionDenied(entity=entity.ENTITY)


def check_update(store: Store, entity_name: str, row_id: str, changes: dict[str, Any]) -> None:
    """A laptop may not change office-only entities, nor the fields the office decides
    (a case's counselor) on a record that exists."""
    if store.role == ROLE_OFFICE:
        return
    if _office_only(entity_name):
        raise PermissionDenied(entity=entity_name)
    rule = LAPTOP_RULES.get(entity_name)
    decided = [name for name in (rule.office_fields if rule else ()) if name in changes]
    if not decided:
        return
    try:
        stored = queries.load(store.conn, entity_name, row_id)
    except NotFound:
        return  # the unit of work reports the missing record
    for name in decided:
        if getattr(stored, name, None) != changes[name]:
            raise PermissionDenied(entity=entity_name, field=name)


def _office_only(entity_name: str) -> bool:
    rule = LAPTOP_RULES.get(entity_name)
    return rule is not None and rule.scope == OFFICE_ONLY
