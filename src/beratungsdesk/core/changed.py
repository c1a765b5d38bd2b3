"""What one commit changed: entity kinds and, where known, the ids written.

The unit of work collects it while it writes and the store hands it to its
listeners after the commit; the window refreshes exactly what it names (a list
page when its kind changed, an open editor when its record did) and the view
that started the change skips its own echo (it already shows the result).
Plain data, no Qt and no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

__all__ = ["CASE_KINDS", "MAX_IDS", "Changes"]

#: Kinds whose records belong to one case (the case itself included).
CASE_KINDS = frozenset({"case", "contact", "intervention", "note", "attachment", "referral"})

#: More ids than this of one kind (an import, a handover of many records) are not listed:
#: the kind counts as "anything of it may have changed" and the window reloads what shows it.
MAX_IDS = 1000


@dataclass(frozen=True)
class Changes:
    """Kind -> the ids written (``None``: not known which; any of that kind may have changed).

    ``origin`` names who asked for the change (the window sets the view that started the
    job); ``None`` when no one in particular did. It behaves like the set of kinds for code
    that only asks whether any of some kinds changed (``changes & {"case", "client"}``).
    """

    ids: Mapping[str, frozenset[str] | None] = field(default_factory=dict)
    origin: object = None
    #: The cases whose records (the case, its contacts, notes, ...) were written; ``None``: not
    #: known which (foreign changes from a handover), any case may have changed.
    case_ids: frozenset[str] | None = frozenset()

    @classmethod
    def of(cls, kinds: Iterable[str], ids: Mapping[str, Iterable[str]] | None = None,
           origin: object = None, case_ids: Iterable[str] | None = ()) -> Changes:
        """``kinds`` written; ``ids`` the ids known per kind (a kind without them: any);
        ``case_ids`` the cases concerned (``None``: not known)."""
        known = ids or {}
        return cls({kind: _capped(known[kind]) if kind in known else None for kind in kinds}, origin,
                   None if case_ids is None else _capped(case_ids))

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self.ids)

    def touches(self, kind: str, row_id: str | None = None) -> bool:
        """Whether ``kind`` (and, given, the record ``row_id`` of it) may have changed."""
        if kind not in self.ids:
            return False
        written = self.ids[kind]
        return row_id is None or written is None or row_id in written

    def touches_any(self, kinds: Iterable[str]) -> bool:
        return any(kind in self.ids for kind in kinds)

    def touches_case(self, case_id: str) -> bool:
        """Whether the case ``case_id`` or a record of it may have changed."""
        if not self.touches_any(CASE_KINDS):
            return False
        return self.case_ids is None or case_id in self.case_ids

    def without(self, kinds: Iterable[str]) -> Changes:
        """The same notice minus ``kinds`` (e.g. for a view those do not concern)."""
        dropped = set(kinds)
        return Changes({kind: ids for kind, ids in self.ids.items() if kind not in dropped},
                       self.origin, self.case_ids)

    def merged(self, other: Changes) -> Changes:
        """Both together (notices gathered before one refresh); the origin stays only if both
        came from the same one."""
        ids: dict[str, frozenset[str] | None] = dict(self.ids)
        for kind, written in other.ids.items():
            mine = ids.get(kind, frozenset())
            ids[kind] = None if mine is None or written is None else _capped(mine | written)
        cases = (None if self.case_ids is None or other.case_ids is None
                 else _capped(self.case_ids | other.case_ids))
        return Changes(ids, self.origin if self.origin is other.origin else None, cases)

    # --- the set of kinds, for "did any of these change" -----------------------------

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __contains__(self, kind: object) -> bool:
        return kind in self.ids

    def __len__(self) -> int:
        return len(self.ids)

    def __and__(self, kinds: Iterable[str]) -> set[str]:
        return {kind for kind in kinds if kind in self.ids}

    __rand__ = __and__


def _capped(ids: Iterable[str]) -> frozenset[str] | None:
    found = frozenset(ids)
    return None if len(found) > MAX_IDS else found
