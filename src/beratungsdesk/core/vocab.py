"""Default vocabularies: stable codes with German and English labels.

Codes are stored and synced and never change meaning; labels are shown. The
office may add entries to an *extendable* kind or retire them (a retired entry
stays readable in old cases). Fixed kinds (statuses) drive program logic and are
not extendable.
"""

from __future__ import annotations

from dataclasses import dataclass

#: kind -> ((code, German, English), ...) in display order.
#: FROZEN as of schema version 1: every store numbers these defaults 1, 2, 3 ... in
#: this order (see ``builtin sequence`` below). Add new entries to ADDED_LATER only.
DEFAULTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "area": (
        ("public_institutions", "Öffentliche Institutionen", "Public institutions"),
        ("education", "Bildung", "Education"),
        ("housing", "Wohnen", "Housing"),
        ("work", "Arbeit", "Work"),
        ("everyday_life", "Alltag", "Everyday life"),
        ("violence", "Gewalterfahrung", "Experience of violence"),
        ("other", "Sonstiges", "Other"),
    ),
    "ground": (
        ("racist_attribution", "Rassistische Zuschreibung", "Racist attribution"),
        ("ethnic_origin", "Ethnische Herkunft", "Ethnic origin"),
        ("religion", "Religion", "Religion"),
        ("language", "Sprache", "Language"),
        ("citizenship", "Staatsangehörigkeit", "Citizenship"),
        ("residence_status", "Aufenthaltsstatus", "Residence status"),
        ("gender", "Geschlecht", "Gender"),
        ("disability", "Behinderung", "Disability"),
        ("age", "Lebensalter", "Age"),
        ("sexual_identity", "Sexuelle Identität", "Sexual identity"),
        ("social_status", "Sozialer Status", "Social status"),
        ("other", "Sonstiges", "Other"),
    ),
    "racism_form": (
        ("anti_black", "Anti-Schwarzer Rassismus", "Anti-Black racism"),
        ("anti_muslim", "Antimuslimischer Rassismus", "Anti-Muslim racism"),
        ("antisemitism", "Antisemitismus", "Antisemitism"),
        ("antiziganism", "Antiziganismus", "Antiziganism"),
        ("anti_asian", "Antiasiatischer Rassismus", "Anti-Asian racism"),
        ("anti_slavic", "Antislawischer Rassismus", "Anti-Slavic racism"),
        ("other", "Sonstige Form", "Other form"),
    ),
    "level": (
        ("individual", "Individuell", "Individual"),
        ("institutional", "Institutionell", "Institutional"),
        ("structural", "Strukturell", "Structural"),
    ),
    "intervention": (
        ("psychosocial_counseling", "Psychosoziale Beratung", "Psychosocial counseling"),
        ("mediation_accompaniment", "Begleitung Vermittlungsgespräch", "Accompanying a mediation talk"),
        ("complaint_letter", "Beschwerdebrief", "Complaint letter"),
        ("testing", "Testing", "Testing"),
        ("press", "Presse", "Press"),
        ("legal_support", "Rechtliche Unterstützung", "Legal support"),
        ("lawsuit", "Klage", "Lawsuit"),
        ("referral", "Verweis an Fachstelle", "Referral to a specialist service"),
    ),
    "channel": (
        ("office", "Persönlich in der Beratungsstelle", "In person at the office"),
        ("outreach", "Persönlich vor Ort (aufsuchend)", "In person on site (outreach)"),
        ("phone", "Telefonisch", "By phone"),
        ("video", "Video", "Video"),
        ("written", "Schriftlich (E-Mail, Brief)", "In writing (e-mail, letter)"),
    ),
    "respondent": (
        ("authority", "Behörde, Amt", "Authority"),
        ("school", "Schule, Kita, Hochschule", "School, day care, university"),
        ("landlord", "Vermieter*in, Wohnungsgesellschaft", "Landlord, housing company"),
        ("employer", "Arbeitgeber*in, Kolleg*innen", "Employer, colleagues"),
        ("police_justice", "Polizei, Justiz", "Police, justice"),
        ("business", "Geschäft, Dienstleister*in", "Shop, service provider"),
        ("health", "Gesundheitswesen", "Health care"),
        ("private_person", "Privatperson", "Private person"),
        ("media_internet", "Medien, Internet", "Media, internet"),
        ("other", "Sonstige", "Other"),
    ),
    "town": (
        ("erkrath", "Erkrath", "Erkrath"),
        ("haan", "Haan", "Haan"),
        ("heiligenhaus", "Heiligenhaus", "Heiligenhaus"),
        ("hilden", "Hilden", "Hilden"),
        ("langenfeld", "Langenfeld", "Langenfeld"),
        ("mettmann", "Mettmann", "Mettmann"),
        ("monheim", "Monheim am Rhein", "Monheim am Rhein"),
        ("ratingen", "Ratingen", "Ratingen"),
        ("velbert", "Velbert", "Velbert"),
        ("wuelfrath", "Wülfrath", "Wülfrath"),
    ),
    # Beyond the agreed category list: age bands commonly used in advd counseling statistics.
    "age_group": (
        ("under_18", "unter 18", "under 18"),
        ("18_26", "18–26", "18–26"),
        ("27_40", "27–40", "27–40"),
        ("41_60", "41–60", "41–60"),
        ("over_60", "über 60", "over 60"),
        ("unknown", "keine Angabe", "not stated"),
    ),
    "workshop_type": (
        ("racism_critique", "Rassismuskritik", "Racism-critical workshop"),
        ("empowerment", "Empowerment", "Empowerment workshop"),
        ("organisational_consulting", "Organisationsberatung", "Organisational consulting"),
        ("multiplier_training", "Multiplikator*innenschulung", "Training for multipliers"),
    ),
    "partner_kind": (
        ("migration_counseling_adults", "Migrationsberatung für Erwachsene",
         "Migration counseling for adults"),
        ("refugee_counseling", "Flüchtlingsberatung", "Refugee counseling"),
        ("youth_migration_service", "Jugendmigrationsdienst", "Youth migration service"),
        ("integration_council", "Integrationsrat", "Integration council"),
        ("integration_officer", "Integrationsbeauftragte*r", "Integration officer"),
        ("migrant_organisation", "Migrantenselbstorganisation", "Migrant self-organisation"),
        ("volunteer_initiative", "Ehrenamtliche Initiative", "Volunteer initiative"),
        ("school", "Schule", "School"),
        ("day_care", "Kita", "Day care centre"),
        ("association", "Verein", "Association"),
        ("company", "Unternehmen", "Company"),
        ("specialist_counseling", "Themenspezifische Beratungsstelle", "Specialist counseling service"),
        ("supraregional_network", "Überregionales Netzwerk, Verband",
         "Supra-regional network, umbrella body"),
        ("therapist", "Therapeut*in", "Therapist"),
        ("trainer", "Trainer*in", "Trainer"),
        ("lawyer", "Anwält*in", "Lawyer"),
        ("authority", "Behörde", "Authority"),
        ("other", "Sonstige", "Other"),
    ),
    # Fixed lists: program logic depends on these codes.
    "case_status": (
        ("open", "Offen", "Open"),
        ("dormant", "Ruhend", "Dormant"),
        ("closed", "Abgeschlossen", "Closed"),
    ),
    "intervention_status": (
        ("planned", "Geplant", "Planned"),
        ("ongoing", "Laufend", "Ongoing"),
        ("done", "Erledigt", "Done"),
        ("dropped", "Verworfen", "Dropped"),
    ),
    "intervention_result": (
        ("success", "Erfolgreich", "Successful"),
        ("partial", "Teilweise erfolgreich", "Partly successful"),
        ("none", "Ohne Erfolg", "Unsuccessful"),
        ("open", "Offen", "Open"),
    ),
    "workshop_status": (
        ("requested", "Angefragt", "Requested"),
        ("planned", "Geplant", "Planned"),
        ("held", "Durchgeführt", "Held"),
        ("cancelled", "Abgesagt", "Cancelled"),
    ),
    "agg": (
        ("yes", "Ja", "Yes"),
        ("no", "Nein", "No"),
        ("unclear", "Unklar", "Unclear"),
    ),
}

#: The default vocabularies are seeded into every store as change sets of this
#: pseudo-device at the smallest clock, identical everywhere.
BUILTIN_ORIGIN = "00000000-0000-0000-0000-000000000000"
BUILTIN_HLC = 1

#: Defaults added after version 1, appended in the order they were introduced:
#: (kind, code, German, English). Never reorder or remove: their place is their
#: builtin sequence number in every store.
ADDED_LATER: tuple[tuple[str, str, str, str], ...] = (
    ("referral_direction", "to", "An Partner verwiesen", "Referred to partner"),
    ("referral_direction", "from", "Von Partner verwiesen", "Referred by partner"),
    ("consent_scope", "counseling", "Beratung", "Counseling"),
    ("consent_scope", "documents", "Speichern von Dokumenten", "Storing documents"),
    ("consent_scope", "third_parties", "Kontakt zu Dritten", "Contacting third parties"),
    ("consent_scope", "statistics", "Anonyme Statistik", "Anonymous statistics"),
    ("consent_form", "written", "Schriftlich", "Written"),
    ("consent_form", "oral", "Mündlich", "Oral"),
    ("appointment_status", "planned", "Geplant", "Planned"),
    ("appointment_status", "kept", "Wahrgenommen", "Kept"),
    ("appointment_status", "cancelled", "Abgesagt", "Cancelled"),
    ("appointment_status", "missed", "Nicht erschienen", "Missed"),
)

FIXED_KINDS = frozenset(
    {"case_status", "intervention_status", "intervention_result", "workshop_status", "agg",
     "referral_direction", "consent_scope", "consent_form",
     "appointment_status"}
)


@dataclass(frozen=True)
class Term:
    kind: str
    code: str
    label_de: str
    label_en: str
    retired: bool = False
    position: int = 0

    def label(self, language: str) -> str:
        return self.label_de if language == "de" else self.label_en


def default_terms() -> list[Term]:
    """Every default term in builtin sequence order (v1 defaults first, then later ones)."""
    terms = [Term(kind, code, de, en, False, position)
             for kind, rows in DEFAULTS.items()
             for position, (code, de, en) in enumerate(rows)]
    positions: dict[str, int] = {kind: len(rows) for kind, rows in DEFAULTS.items()}
    for kind, code, de, en in ADDED_LATER:
        position = positions.get(kind, 0)
        positions[kind] = position + 1
        terms.append(Term(kind, code, de, en, False, position))
    return terms


def is_extendable(kind: str) -> bool:
    return kind in DEFAULTS and kind not in FIXED_KINDS


#: How many spellings ``Vocabulary.match`` remembers.
_AS_GIVEN_LIMIT = 10_000


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class Vocabulary:
    """Lookup over the terms of one store: code validation and label matching."""

    def __init__(self, terms: list[Term]) -> None:
        self._by_kind: dict[str, dict[str, Term]] = {}
        for term in sorted(terms, key=lambda t: (t.kind, t.position, t.code)):
            self._by_kind.setdefault(term.kind, {})[term.code] = term
        #: kind -> folded code or label -> code, built on first use (imports match
        #: tens of thousands of cells; folding every label for each was most of their time).
        self._matchers: dict[str, dict[str, str]] = {}
        #: (kind, text as given) -> code: a spreadsheet names the same few entries in the
        #: same spelling thousands of times, and folding each cell again was half of matching.
        self._as_given: dict[tuple[str, str], str | None] = {}

    def terms(self, kind: str, include_retired: bool = False) -> list[Term]:
        return [t for t in self._by_kind.get(kind, {}).values() if include_retired or not t.retired]

    def has(self, kind: str, code: str) -> bool:
        return code in self._by_kind.get(kind, {})

    def term(self, kind: str, code: str) -> Term | None:
        return self._by_kind.get(kind, {}).get(code)

    def label(self, kind: str, code: str | None, language: str = "de") -> str:
        if code is None:
            return ""
        term = self.term(kind, code)
        return term.label(language) if term else code

    def match(self, kind: str, text: str) -> str | None:
        """Code for a cell that names an entry by German label, English label or code.

        Case-insensitive, ignoring surrounding and repeated spaces, as the category list defines.
        Retired entries still match: old spreadsheets use them.
        """
        key = (kind, text)
        if key in self._as_given:
            return self._as_given[key]
        matcher = self._matchers.get(kind)
        if matcher is None:
            matcher = self._matchers[kind] = self._matcher(kind)
        found = matcher.get(_fold(text))
        if len(self._as_given) < _AS_GIVEN_LIMIT:  # bounded: a file of many odd spellings
            self._as_given[key] = found
        return found

    def _matcher(self, kind: str) -> dict[str, str]:
        """Folded names -> code; the first term in display order wins a shared name."""
        matcher: dict[str, str] = {}
        for term in self._by_kind.get(kind, {}).values():
            for name in (term.code, term.label_de, term.label_en):
                matcher.setdefault(_fold(name), term.code)
        return matcher
