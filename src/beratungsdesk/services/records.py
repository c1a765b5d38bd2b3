"""Writing single records through the unit of work: shared by the record services."""

from __future__ import annotations

from typing import Any, TypeVar

from beratungsdesk.core import model
from beratungsdesk.services import office_rights
from beratungsdesk.storage.store import Store

#: An entity class: ``add`` returns what it was given, typed as given.
E = TypeVar("E", bound=model.Entity)


class RecordService:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, entity: E) -> E:
        office_rights.check_insert(self.store, entity)
        with self.store.unit_of_work() as uow:
            uow.insert(entity)
        return entity

    def update(self, entity_name: str, row_id: str, changes: dict[str, Any]) -> None:
        office_rights.check_update(self.store, entity_name, row_id, changes)
        with self.store.unit_of_work() as uow:
            uow.update(entity_name, row_id, changes)

    def delete(self, entity_name: str, row_id: str) -> None:
        """A tombstone that travels with the handover (not an erasure)."""
        with self.store.unit_of_work() as uow:
            uow.delete(entity_name, row_id)
