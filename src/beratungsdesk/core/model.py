"""Domain entities as dataclasses, and the field registry derived from them.

Each entity field carries metadata: its *kind* (how it is validated, stored and
synced), the vocabulary it draws codes from, the entity it refers to, and
whether it holds personal data (erasure and log hygiene depend on that).
The dataclasses are the single source of truth: storage, sync and the change
log all read :func:`spec` rather than repeating field lists.
"""

from __future__ import annotations

import datetime as dt
import json
import json.encoder
import os
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

# Field kinds. Values travel in "wire form" (JSON-able): dates as ISO text,
# lists as lists, booleans as true/false.
TEXT = "text"
INT = "int"
BOOL = "bool"
DATE = "date"
TIME = "time"
DATETIME = "datetime"
CODE = "code"  # one vocabulary code
CODES = "codes"  # several vocabulary codes (a set, kept sorted)
LIST = "list"  # several free texts (e.g. languages)
REF = "ref"  # uuid of another entity


def new_id() -> str:
    """A random (version 4) UUID as text, as ``str(uuid.uuid4())`` gives it, built without the
    ``UUID`` object (an import makes one for almost every record it writes)."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _compact_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` without building an
    encoder for every call (that was a tenth of a bulk insert's time).

    ``JSONEncoder.encode`` still makes its C encoder anew for each value; that is made once
    here, with the arguments ``encode`` itself gives it for one value (no circular-reference
    bookkeeping: ``encode`` leaves that out for a single value too). Where Python has no C
    encoder, ``encode`` it is.
    """
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    make_c_encoder = getattr(json.encoder, "c_make_encoder", None)
    if make_c_encoder is None:
        return encoder.encode
    c_encode = make_c_encoder(None, encoder.default, json.encoder.encode_basestring, None,
                              encoder.key_separator, encoder.item_separator, encoder.sort_keys,
                              encoder.skipkeys, encoder.allow_nan)
    return lambda value: "".join(c_encode(value, 0))


compact_json = _compact_encoder()


# Where a field is shown. A field of a case or client that a person edits is declared once,
# here: the GUI builds its form from the spec, the CLI's detail view (``cases show``) and the
# access report (GDPR art. 15) walk it with the labels. See "How to add a field" in
# docs/architecture.md.
FORM = "form"  # the editing form (case editor: the Case or Client tab)
DETAIL = "detail"  # the command line's detail view
REPORT = "report"  # the access report (Auskunft), written for the person concerned
EVERYWHERE = frozenset({FORM, DETAIL, REPORT})


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Marks a label for the translation file (tools/build_translations.py reads this module);
    the GUI translates it in context ``"fields"``, the command line shows the English."""
    return text


@dataclass(frozen=True)
class Shown:
    """How and where a field appears to people (see :data:`FORM`, :data:`DETAIL`, :data:`REPORT`).

    ``label`` is the English source text, translated by the GUI (context ``"fields"``); an
    ``&`` marks the form's Alt key letter. ``label_de`` is the German text of documents that
    are always German (the access report); the command line shows the English.
    """

    label: str
    label_de: str
    where: frozenset[str] = EVERYWHERE
    long: bool = False  # a text of several lines (a text box, not a line)
    hint: str = ""  # placeholder text of the form field (English source, translated)
    column: int = 0  # the form's column (the case tab has two)
    after: str | None = None  # in the form, placed after this field instead of in declared order


def _f(kind: str, *, vocab: str | None = None, ref: str | None = None,
       personal: bool = False, required: bool = False, default: Any = None,
       shown: Shown | None = None) -> Any:
    meta = {"kind": kind, "vocab": vocab, "ref": ref, "personal": personal, "required": required,
            "shown": shown}
    if kind in (CODES, LIST):
        return field(default_factory=tuple, metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class Entity:
    """Common base: a UUID primary key and a tombstone flag."""

    id: str = field(default_factory=new_id, metadata={"kind": "id"})
    deleted: bool = field(default=False, metadata={"kind": BOOL, "system": True})

    ENTITY = ""  # overridden: the entity's name in the change log
    APPEND_ONLY = False  # True: rows are never updated, only superseded or deleted


@dataclass
class Counselor(Entity):
    ENTITY = "counselor"
    name: str | None = _f(TEXT, required=True)
    initials: str | None = _f(TEXT)
    active: bool = _f(BOOL, default=True)


@dataclass
class VocabTerm(Entity):
    """A vocabulary entry as stored and synced; its id is ``kind:code``."""

    ENTITY = "term"
    kind: str | None = _f(TEXT, required=True)
    code: str | None = _f(TEXT, required=True)
    label_de: str | None = _f(TEXT, required=True)
    label_en: str | None = _f(TEXT, required=True)
    retired: bool = _f(BOOL, default=False)
    position: int | None = _f(INT, default=0)


@dataclass
class Setting(Entity):
    """A synced, non-secret setting of the organisation; id is the key, value is JSON."""

    ENTITY = "setting"
    value: str | None = _f(TEXT)


# Labels of the fields people edit: English source (translated by the GUI in context "fields",
# "&" marks the Alt key letter) and the German of German documents. ``_F`` keeps lines short.
_F = "fields"
#: A client's details beyond code and name stay off the terminal's case view.
_NOT_IN_DETAIL = frozenset({FORM, REPORT})


@dataclass
class Client(Entity):
    ENTITY = "client"
    code: str | None = _f(TEXT, required=True, personal=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "Client &code"), "Kennung (Klient*innen-Code)"))
    name: str | None = _f(TEXT, personal=True, shown=Shown(QT_TRANSLATE_NOOP(_F, "&Name"), "Name"))
    contact: str | None = _f(TEXT, personal=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "Con&tact details"), "Kontaktdaten", where=_NOT_IN_DETAIL))
    languages: tuple[str, ...] = _f(LIST, personal=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "&Languages"), "Sprachen", where=_NOT_IN_DETAIL,
        hint=QT_TRANSLATE_NOOP(_F, "separated by commas, e.g. Türkisch, Deutsch")))
    age_group: str | None = _f(CODE, vocab="age_group", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "&Age group"), "Altersgruppe", where=_NOT_IN_DETAIL))
    gender: str | None = _f(TEXT, personal=True, shown=Shown(  # free self-description
        QT_TRANSLATE_NOOP(_F, "&Gender"), "Geschlecht (Selbstbeschreibung)", where=_NOT_IN_DETAIL,
        hint=QT_TRANSLATE_NOOP(_F, "as the client describes it")))
    town: str | None = _f(CODE, vocab="town", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "To&wn"), "Wohnort", where=_NOT_IN_DETAIL))


@dataclass
class Case(Entity):
    ENTITY = "case"
    # The number heads the detail view and each case of the access report.
    number: str | None = _f(TEXT, required=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "Case &number"), "Fallnummer", where=frozenset({FORM})))
    client_id: str | None = _f(REF, ref="client", required=True)
    opened_on: dt.date | None = _f(DATE, required=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "&Opened on"), "Eröffnet am"))
    closed_on: dt.date | None = _f(DATE, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "Closed o&n"), "Abgeschlossen am", after="status"))
    status: str | None = _f(CODE, vocab="case_status", required=True, default="open", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "S&tatus"), "Stand"))
    counselor_id: str | None = _f(REF, ref="counselor", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "C&ounselor"), "Berater*in"))
    area: str | None = _f(CODE, vocab="area", required=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "&Area of life"), "Lebensbereich"))
    grounds: tuple[str, ...] = _f(CODES, vocab="ground", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "&Grounds"), "Merkmale", column=1))
    racism_forms: tuple[str, ...] = _f(CODES, vocab="racism_form", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "&Forms of racism"), "Rassismusformen", column=1))
    level: str | None = _f(CODE, vocab="level", shown=Shown(QT_TRANSLATE_NOOP(_F, "&Level"), "Ebene"))
    respondent: str | None = _f(CODE, vocab="respondent", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "Res&pondent"), "Verursacher*in"))
    agg: str | None = _f(CODE, vocab="agg", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "Relevant under the A&GG"), "AGG-Relevanz"))
    incident_town: str | None = _f(CODE, vocab="town", shown=Shown(
        QT_TRANSLATE_NOOP(_F, "&Town of the incident"), "Ort des Vorfalls"))
    summary: str | None = _f(TEXT, personal=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "Summar&y"), "Beschreibung", long=True, column=1))
    outcome: str | None = _f(TEXT, personal=True, shown=Shown(
        QT_TRANSLATE_NOOP(_F, "O&utcome"), "Ergebnis", long=True, column=1))


@dataclass
class Contact(Entity):
    ENTITY = "contact"
    case_id: str | None = _f(REF, ref="case", required=True)
    date: dt.date | None = _f(DATE, required=True)
    start_time: str | None = _f(TIME)
    duration_min: int | None = _f(INT, required=True)
    channel: str | None = _f(CODE, vocab="channel")
    town: str | None = _f(CODE, vocab="town")
    place: str | None = _f(TEXT)
    counselor_id: str | None = _f(REF, ref="counselor")
    language: str | None = _f(TEXT)
    interpreter: bool = _f(BOOL, default=False)
    imported: bool = _f(BOOL, default=False)


@dataclass
class Intervention(Entity):
    ENTITY = "intervention"
    case_id: str | None = _f(REF, ref="case", required=True)
    type: str | None = _f(CODE, vocab="intervention", required=True)
    date: dt.date | None = _f(DATE)
    status: str | None = _f(CODE, vocab="intervention_status", default="planned")
    result: str | None = _f(CODE, vocab="intervention_result")


@dataclass
class Note(Entity):
    ENTITY = "note"
    APPEND_ONLY = True
    case_id: str | None = _f(REF, ref="case", required=True)
    author_id: str | None = _f(REF, ref="counselor")
    written_at: str | None = _f(DATETIME, required=True)
    text: str | None = _f(TEXT, required=True, personal=True)
    supersedes: str | None = _f(REF, ref="note")


@dataclass
class Attachment(Entity):
    """Metadata of a document; the bytes live content-addressed in the blob table."""

    ENTITY = "attachment"
    case_id: str | None = _f(REF, ref="case", required=True)
    file_name: str | None = _f(TEXT, required=True, personal=True)
    media_type: str | None = _f(TEXT)
    size: int | None = _f(INT, required=True)
    sha256: str | None = _f(TEXT, required=True)
    added_at: str | None = _f(DATETIME)


@dataclass
class Workshop(Entity):
    """A prevention offer: designed for one group, free of charge."""

    ENTITY = "workshop"
    type: str | None = _f(CODE, vocab="workshop_type", required=True)
    organisation: str | None = _f(TEXT)  # who asked for it
    target_group: str | None = _f(TEXT)
    town: str | None = _f(CODE, vocab="town")
    date: dt.date | None = _f(DATE, required=True)
    end_date: dt.date | None = _f(DATE)  # for offers over several days
    duration_min: int | None = _f(INT)
    participants: int | None = _f(INT)
    trainers: tuple[str, ...] = _f(LIST, personal=True)
    status: str | None = _f(CODE, vocab="workshop_status", required=True, default="requested")
    follow_up: str | None = _f(TEXT, personal=True)
    notes: str | None = _f(TEXT, personal=True)


@dataclass
class Partner(Entity):
    """An organisation or person of the network through which people find the center."""

    ENTITY = "partner"
    kind: str | None = _f(CODE, vocab="partner_kind", required=True)
    name: str | None = _f(TEXT, required=True)
    contact_person: str | None = _f(TEXT, personal=True)
    contact: str | None = _f(TEXT, personal=True)
    town: str | None = _f(CODE, vocab="town")
    notes: str | None = _f(TEXT, personal=True)


@dataclass
class Meeting(Entity):
    """A cooperation meeting with one or more partners."""

    ENTITY = "meeting"
    date: dt.date | None = _f(DATE, required=True)
    partner_ids: tuple[str, ...] = _f(LIST)  # partner ids
    topic: str | None = _f(TEXT)
    outcome: str | None = _f(TEXT, personal=True)


@dataclass
class Referral(Entity):
    """A case referred to a partner, or referred to the center by a partner."""

    ENTITY = "referral"
    case_id: str | None = _f(REF, ref="case", required=True)
    partner_id: str | None = _f(REF, ref="partner", required=True)
    direction: str | None = _f(CODE, vocab="referral_direction", required=True)
    date: dt.date | None = _f(DATE, required=True)
    reason: str | None = _f(TEXT, personal=True)


@dataclass
class Consent(Entity):
    """A client's consent (GDPR art. 6/9): what it covers, how it was given, when withdrawn."""

    ENTITY = "consent"
    client_id: str | None = _f(REF, ref="client", required=True)
    given_on: dt.date | None = _f(DATE, required=True)
    scopes: tuple[str, ...] = _f(CODES, vocab="consent_scope", required=True)
    form: str | None = _f(CODE, vocab="consent_form", required=True)
    withdrawn_on: dt.date | None = _f(DATE)
    note: str | None = _f(TEXT, personal=True)


@dataclass
class AuditEntry(Entity):
    """Who did what to which record, and when: ids and actions only, never content.

    Entries of one device form a hash chain (``n`` counts them, ``prev_hash``
    links them), so a silent edit or removal shows when the chain is verified.
    """

    ENTITY = "audit"
    APPEND_ONLY = True
    at: str | None = _f(DATETIME, required=True)
    device_id: str | None = _f(TEXT, required=True)
    actor: str | None = _f(TEXT)
    action: str | None = _f(TEXT, required=True)
    entity: str | None = _f(TEXT)
    row_id: str | None = _f(TEXT)
    detail: str | None = _f(TEXT)  # a count or a code, never personal data
    n: int | None = _f(INT, required=True)
    prev_hash: str | None = _f(TEXT, required=True)
    hash: str | None = _f(TEXT, required=True)


@dataclass
class FollowUp(Entity):
    """A follow-up (Wiedervorlage) on a case: a date and what to do then, open or done."""

    ENTITY = "followup"
    case_id: str | None = _f(REF, ref="case", required=True)
    due_on: dt.date | None = _f(DATE, required=True)
    what: str | None = _f(TEXT, required=True, personal=True)
    done: bool = _f(BOOL, default=False)
    done_on: dt.date | None = _f(DATE)


@dataclass
class Appointment(Entity):
    """An appointment on a case: when, how long, where (a town and/or a place) and who comes."""

    ENTITY = "appointment"
    case_id: str | None = _f(REF, ref="case", required=True)
    date: dt.date | None = _f(DATE, required=True)
    start_time: str | None = _f(TIME, required=True)
    duration_min: int | None = _f(INT, default=60)
    town: str | None = _f(CODE, vocab="town")
    place: str | None = _f(TEXT, personal=True)  # free text: an address may name a person
    participants: tuple[str, ...] = _f(LIST, personal=True)
    counselor_id: str | None = _f(REF, ref="counselor")
    status: str | None = _f(CODE, vocab="appointment_status", required=True, default="planned")


@dataclass
class OfficeHour(Entity):
    """A weekly office hour (Sprechstunde) of the outreach schedule: weekday, time, town,
    counselor. No personal data of clients."""

    ENTITY = "office_hour"
    weekday: int | None = _f(INT, required=True)  # 1 = Monday ... 7 = Sunday (ISO)
    start_time: str | None = _f(TIME, required=True)
    end_time: str | None = _f(TIME, required=True)
    town: str | None = _f(CODE, vocab="town", required=True)
    counselor_id: str | None = _f(REF, ref="counselor")
    place: str | None = _f(TEXT)
    active: bool = _f(BOOL, default=True)


ENTITY_TYPES: dict[str, type[Entity]] = {
    cls.ENTITY: cls
    for cls in (Counselor, VocabTerm, Setting, Client, Case, Contact, Intervention, Note, Attachment,
                Workshop, Partner, Meeting, Referral, Consent, AuditEntry, FollowUp, Appointment,
                OfficeHour)
}

#: Attachments larger than this are refused (bytes).
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    vocab: str | None
    ref: str | None
    personal: bool
    required: bool
    default: Any
    shown: Shown | None = None  # None: not shown to people as a field of its own

    def appears_in(self, where: str) -> bool:
        return self.shown is not None and where in self.shown.where

    @property
    def label_source(self) -> str:
        """The English label as the translation file holds it (with the Alt key mark)."""
        return self.shown.label if self.shown else self.name

    @property
    def label(self) -> str:
        """The English label without the Alt key mark (command line, messages)."""
        return self.shown.label.replace("&", "") if self.shown else self.name

    def label_in(self, lang: str) -> str:
        """The label in ``lang`` ("de" or "en") without the Alt key mark."""
        if self.shown is None:
            return self.name
        return (self.shown.label_de if lang == "de" else self.shown.label).replace("&", "")


@dataclass(frozen=True)
class EntitySpec:
    name: str
    cls: type[Entity]
    fields: tuple[FieldSpec, ...]  # every synced field, without ``id``
    append_only: bool

    @property
    def table(self) -> str:
        # "case" is an SQL keyword; every table gets a plural name.
        return {"case": "cases", "client": "clients", "contact": "contacts", "note": "notes",
                "attachment": "attachments", "intervention": "interventions",
                "counselor": "counselors", "term": "terms", "setting": "settings",
                "workshop": "workshops", "partner": "partners", "meeting": "meetings",
                "referral": "referrals", "consent": "consents", "audit": "audit_log",
                "followup": "followups", "appointment": "appointments",
                "office_hour": "office_hours"}[self.name]

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def shown_in(self, where: str) -> tuple[FieldSpec, ...]:
        """The fields shown in ``where`` (:data:`FORM`, :data:`DETAIL`, :data:`REPORT`), in
        declared order; in the form, a field naming the one it follows (``Shown.after``) moves."""
        chosen = [f for f in self.fields if f.appears_in(where)]
        if where != FORM:
            return tuple(chosen)
        follows = {f.name: f.shown.after for f in chosen if f.shown is not None and f.shown.after}
        placed = [f for f in chosen if f.name not in follows]
        for moved in (f for f in chosen if f.name in follows):
            names = [f.name for f in placed]
            anchor = names.index(follows[moved.name]) + 1 if follows[moved.name] in names else len(placed)
            placed.insert(anchor, moved)
        return tuple(placed)


def _default_of(dc_field: Any) -> Any:
    if dc_field.default is not MISSING:
        return dc_field.default
    if dc_field.default_factory is not MISSING:
        return dc_field.default_factory()
    return None


def _build_spec(cls: type[Entity]) -> EntitySpec:
    specs = []
    for dc_field in fields(cls):
        meta = dc_field.metadata
        if meta.get("kind") == "id":
            continue
        specs.append(FieldSpec(dc_field.name, meta["kind"], meta.get("vocab"), meta.get("ref"),
                               bool(meta.get("personal")), bool(meta.get("required")),
                               _default_of(dc_field), meta.get("shown")))
    return EntitySpec(cls.ENTITY, cls, tuple(specs), cls.APPEND_ONLY)


_SPECS = {name: _build_spec(cls) for name, cls in ENTITY_TYPES.items()}


def spec(entity: str) -> EntitySpec:
    try:
        return _SPECS[entity]
    except KeyError:
        from beratungsdesk.core.errors import BeratungsError

        raise BeratungsError("unknown_entity", entity=entity) from None


def all_specs() -> list[EntitySpec]:
    return list(_SPECS.values())
