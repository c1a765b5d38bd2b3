"""Who may write what: the one rule table every incoming change is checked against.

Nothing inside a valid signature is trusted. A bundle proves *who sent it*; this
table decides *what that sender may change*. It is read per change by
``sync/admission.py`` (which looks up the scope facts in batches) on every device.

Senders:

- ``office``: the office store, or a change the office relays whose origin is the
  office. The office is the authority on the roster, the team, the vocabularies,
  the settings (retention included), case assignment and erasure of cases and
  clients: it may write everything.
- ``laptop``: a counselor's enrolled device (on the office: the sender itself; on a
  laptop: the origin device of a change the office relays). It may write only
  what the table below allows, and on the office only inside its *scope*: the
  cases assigned to its counselor or created on it, with their clients and what
  hangs off them. Writing never extends the scope: a reference it writes (a
  case's client, a note's case) must point into its scope or to a record it
  creates itself; a case it creates names nobody or an existing team member, and
  only the office changes a case's counselor afterwards.

Operations: ``insert`` (a record the receiver does not have), ``update``,
``delete`` (setting the ``deleted`` tombstone, which a later write can undo) and
``erase`` (the irreversible erase change of ``storage/erasure.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

INSERT, UPDATE, DELETE, ERASE = "insert", "update", "delete", "erase"
ALL_OPERATIONS = frozenset({INSERT, UPDATE, DELETE})

#: Scope kinds: how a record is tied to a case (and so to a counselor).
CASE = "case"  # the case itself: assigned to the counselor, or created on the device
CLIENT = "client"  # the client of a case in scope, or created on the device
CASE_CHILD = "case_child"  # has ``case_id``: the case must be in scope
CLIENT_CHILD = "client_child"  # has ``client_id``: the client must be in scope
SHARED = "shared"  # prevention and network records: every device may write them
OWN_AUDIT = "own_audit"  # audit entries: only the device's own chain, only appended
OFFICE_ONLY = "office_only"  # roster, team, vocabularies, settings: the office alone


@dataclass(frozen=True)
class LaptopRule:
    """What a laptop may do to one entity."""

    scope: str
    operations: frozenset[str]
    #: Reference fields whose target must be in the laptop's scope (or new from it).
    scoped_refs: tuple[str, ...] = ()
    #: Fields a laptop may not change on an existing record (the office decides them).
    office_fields: tuple[str, ...] = ()


_CHILD = LaptopRule(CASE_CHILD, ALL_OPERATIONS, scoped_refs=("case_id",))

#: The rule table for laptops (the office may write everything).
#: entity -> scope kind, allowed operations, references that must stay in scope,
#: fields only the office changes.
LAPTOP_RULES: dict[str, LaptopRule] = {
    "case": LaptopRule(CASE, ALL_OPERATIONS, scoped_refs=("client_id",),
                       office_fields=("counselor_id",)),
    "client": LaptopRule(CLIENT, ALL_OPERATIONS),
    "contact": _CHILD,
    "intervention": _CHILD,
    "note": _CHILD,
    "referral": _CHILD,
    "followup": _CHILD,
    "appointment": _CHILD,
    # A document attached to the wrong case may be erased from the laptop at once.
    "attachment": LaptopRule(CASE_CHILD, ALL_OPERATIONS | {ERASE}, scoped_refs=("case_id",)),
    "consent": LaptopRule(CLIENT_CHILD, ALL_OPERATIONS, scoped_refs=("client_id",)),
    "workshop": LaptopRule(SHARED, ALL_OPERATIONS),
    "partner": LaptopRule(SHARED, ALL_OPERATIONS),
    "meeting": LaptopRule(SHARED, ALL_OPERATIONS),
    # The outreach schedule: every counselor keeps their own office hours up to date.
    "office_hour": LaptopRule(SHARED, ALL_OPERATIONS),
    "audit": LaptopRule(OWN_AUDIT, frozenset({INSERT})),
    "counselor": LaptopRule(OFFICE_ONLY, frozenset()),
    "term": LaptopRule(OFFICE_ONLY, frozenset()),
    "setting": LaptopRule(OFFICE_ONLY, frozenset()),
}

# Refusal reasons (codes kept in the quarantine and shown by ``sync quarantine``).
OFFICE_ONLY_ENTITY = "office_only_entity"
OPERATION_NOT_ALLOWED = "operation_not_allowed"
OUT_OF_SCOPE = "out_of_scope"
REFERENCE_OUT_OF_SCOPE = "reference_out_of_scope"
OFFICE_FIELD = "office_field"
FOREIGN_AUDIT = "foreign_audit_chain"
INVALID = "invalid"


_OFFICE_ONLY_RULE = LaptopRule(OFFICE_ONLY, frozenset())  # built once: read for every change


def laptop_rule(entity: str) -> LaptopRule:
    """The laptop rule of ``entity``; an entity missing from the table is the office's."""
    return LAPTOP_RULES.get(entity, _OFFICE_ONLY_RULE)


def operation_refusal(entity: str, operation: str) -> str | None:
    """Why a laptop may not do ``operation`` on ``entity`` regardless of scope, or None."""
    rule = laptop_rule(entity)
    if rule.scope == OFFICE_ONLY:
        return OFFICE_ONLY_ENTITY
    if operation not in rule.operations:
        return OPERATION_NOT_ALLOWED
    return None
