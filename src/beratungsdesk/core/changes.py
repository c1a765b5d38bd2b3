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

from beratungsdesk.core.hlc import is_stamp

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


#: The one key of a *resolution change*: a decision about a conflict that travels like
#: any change, so the conflict is closed on every device (see storage/conflict_queries.py).
RESOLVE_FIELD = "__resolve__"
#: Which side of the race the decision kept: the value that won it, or the one that lost.
KEPT_WINNER, KEPT_LOSER = "winner", "loser"

Stamp = tuple[int, str]  # (hlc, device id) of one written value


@dataclass(frozen=True)
class Resolution:
    """A decision about one conflict: which field, which two writes raced, which was kept.

    A conflict is named by the two writes that raced (each a stamp and a device);
    every device that saw the race recorded the same pair, so it finds its own
    conflict row from these. ``value`` is the value the record holds after the
    decision (wire form); ``by`` the counselor who decided, if the device knows one.
    """

    field: str
    loser: Stamp
    winner: Stamp
    kept: str
    value: Any
    by: str | None = None

    @property
    def replaced(self) -> Stamp:
        """The write whose value the decision set aside."""
        return self.loser if self.kept == KEPT_WINNER else self.winner

    def to_values(self) -> dict[str, Any]:
        return {RESOLVE_FIELD: {"field": self.field, "loser": list(self.loser),
                                "winner": list(self.winner), "kept": self.kept,
                                "value": self.value, "by": self.by}}

    @classmethod
    def from_values(cls, values: dict[str, Any]) -> Resolution | None:
        """The resolution these change values carry, or None if they are not a well-formed one."""
        if not is_resolution(values):
            return None
        body = values[RESOLVE_FIELD]
        if not isinstance(body, dict) or set(body) != {"field", "loser", "winner", "kept", "value", "by"}:
            return None
        loser, winner = _stamp(body["loser"]), _stamp(body["winner"])
        if (not isinstance(body["field"], str) or loser is None or winner is None
                or body["kept"] not in (KEPT_WINNER, KEPT_LOSER)
                or not (body["by"] is None or (isinstance(body["by"], str) and len(body["by"]) <= 64))):
            return None
        return cls(body["field"], loser, winner, body["kept"], body["value"], body["by"])


def is_resolution(values: dict[str, Any]) -> bool:
    return len(values) == 1 and RESOLVE_FIELD in values


def _stamp(value: Any) -> Stamp | None:
    if (isinstance(value, list) and len(value) == 2 and is_stamp(value[0])
            and isinstance(value[1], str) and 0 < len(value[1]) <= 64):
        return value[0], value[1]
    return None
