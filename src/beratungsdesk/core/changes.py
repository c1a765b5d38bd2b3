"""The unit of replication: one entity row's field-level changes made at one instant.

A change set groups the fields one write touched, sharing one hybrid-logical
clock stamp. Merge is still per field: every field is a last-writer-wins
register ordered by (hlc, origin device id). ``prev`` holds, per field, the stamp
of the value this write replaced on its origin device (absent = 0, nothing);
it tells a *concurrent* overwrite (kept as a conflict) from a stale one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

#: The values of an *erase change*: erase this record and all that belongs to it,
#: on every store (see storage/erasure.py). It carries no personal data.
ERASE_FIELD = "__erase__"
ERASE_VALUES = {ERASE_FIELD: True}
#: How an erase change's values are stored in the change log.
ERASE_VALUES_JSON = json.dumps(ERASE_VALUES)


def is_erase(values: dict[str, Any]) -> bool:
    return values == ERASE_VALUES


@dataclass(frozen=True)
class ChangeSet:
    origin: str  # device id that made the change
    seq: int  # per-origin sequence number, 1, 2, 3, ...
    hlc: int  # hybrid logical clock stamp (see core.hlc)
    entity: str  # entity name (core.model)
    row_id: str  # uuid of the row
    values: dict[str, Any]  # field -> wire value
    prev: dict[str, int] = field(default_factory=dict)  # field -> replaced stamp

    def clock_key(self) -> tuple[int, str]:
        return (self.hlc, self.origin)
