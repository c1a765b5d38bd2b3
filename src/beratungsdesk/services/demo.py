"""Realistic synthetic data: a counseling center's year in ten towns with four counselors.

Everything here is invented. The names mix the scripts a multilingual team
meets (Turkish, Polish, Vietnamese, Arabic transliterations ...), so that
search, sorting and PDFs are exercised with real-world characters.

The same generator fills the benchmark stores (100 000 cases): it writes in
batches through the unit of work's bulk path.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.storage.store import Store

#: The demo store's number of cases (the first start's "Try the demo store" and
#: ``beratungsdesk demo``; the handbook names it).
DEMO_CASES = 60
COUNSELORS = (("Aylin Demir", "AD"), ("Jonas Okafor", "JO"), ("Marta Kowalczyk", "MK"),
              ("Thanh Nguyễn", "TN"))
FIRST_NAMES = ("Ayşe", "Mehmet", "Fatma", "Emre", "Oğuz", "Yağmur", "Łukasz", "Małgorzata", "Paweł",
               "Agnieszka", "Nguyễn Thị", "Trần Văn", "Phạm", "Amina", "Youssef", "Khadija", "Omar",
               "Fatou", "Kwame", "Abena", "Dragan", "Jelena", "Anastasia", "Dmitri", "Leyla",
               "Samira", "Ibrahim", "Chidi", "Mariam", "Hüseyin", "Gülşen", "İsmail")
LAST_NAMES = ("Yılmaz", "Şahin", "Öztürk", "Çelik", "Doğan", "Kowalski", "Wiśniewska", "Łapiński",
              "Nguyễn", "Trần", "Lê", "El Amrani", "Haddad", "Diallo", "Mensah", "Owusu", "Petrović",
              "Ivanova", "Kaya", "Aydın", "Benali", "Okonkwo", "Mahmoud", "Sarr")
LANGUAGES = ("Deutsch", "Türkisch", "Arabisch", "Polnisch", "Vietnamesisch", "Englisch",
             "Französisch", "Russisch", "Farsi", "Tigrinya")
GENDERS = ("weiblich", "männlich", "nicht-binär", "keine Angabe")
# Weights follow the seed report's areas of life (23 % public institutions, ...).
AREA_WEIGHTS = {"public_institutions": 23, "education": 20, "housing": 20, "work": 16,
                "everyday_life": 14, "violence": 2, "other": 5}
RESPONDENT_BY_AREA = {"public_institutions": ("authority", "police_justice", "health"),
                      "education": ("school",), "housing": ("landlord",), "work": ("employer",),
                      "everyday_life": ("business", "private_person", "media_internet"),
                      "violence": ("private_person",), "other": ("other",)}
SUMMARIES = {
    "public_institutions": "Bei der Vorsprache in der Ausländerbehörde abwertend behandelt; "
                           "Antrag ohne Begründung zurückgestellt.",
    "education": "Kind wird in der Schule wegen seiner Herkunft ausgegrenzt; Lehrkraft greift nicht ein.",
    "housing": "Wohnungsbesichtigung nach Nennung des Namens abgesagt.",
    "work": "Wiederholte rassistische Bemerkungen von Kollegen; Vorgesetzte reagiert nicht.",
    "everyday_life": "Im Supermarkt beim Einkauf beleidigt und des Ladens verwiesen.",
    "violence": "Auf dem Heimweg beschimpft und gestoßen.",
    "other": "Anfrage zu Handlungsmöglichkeiten nach Erlebnis im Sportverein.",
}
NOTE_TEXTS = ("Erstgespräch: Situation geschildert, Wünsche der Klientin festgehalten.",
              "Beschwerdebrief gemeinsam entworfen, Klient prüft bis nächste Woche.",
              "Rückmeldung der Gegenseite eingegangen, Termin für Vermittlungsgespräch vereinbart.",
              "Klient fühlt sich gestärkt; möchte vorerst keine weiteren Schritte.",
              "Verweis an Fachanwältin besprochen, Einverständnis für Kontaktaufnahme liegt vor.",
              "Telefonat: aktueller Stand besprochen, nächster Termin in zwei Wochen.")
PARTNERS = (
    ("migration_counseling_adults", "Migrationsberatung für Erwachsene {town}"),
    ("refugee_counseling", "Flüchtlingsberatung {town}"),
    ("youth_migration_service", "Jugendmigrationsdienst {town}"),
    ("integration_council", "Integrationsrat {town}"),
    ("integration_officer", "Integrationsbeauftragte der Stadt {town}"),
    ("migrant_organisation", "Türkisch-Deutscher Kulturverein {town}"),
    ("migrant_organisation", "Afrikanische Gemeinde {town}"),
    ("volunteer_initiative", "Flüchtlingshilfe {town}"),
    ("school", "Gesamtschule {town}"),
    ("day_care", "Kita Regenbogen {town}"),
    ("association", "Sportverein {town} 1921"),
    ("company", "Stadtwerke {town}"),
    ("specialist_counseling", "Opferberatung Rheinland"),
    ("supraregional_network", "Antidiskriminierungsverband NRW"),
    ("therapist", "Praxis für Psychotherapie Dr. Şahin"),
    ("trainer", "Trainerin für Empowerment Małgorzata Nowak"),
    ("lawyer", "Kanzlei Nguyễn & Partner"),
    ("authority", "Kreisintegrationszentrum"),
)
WORKSHOP_GROUPS = (("Gesamtschule {town}", "Lehrkräfte"), ("Jugendzentrum {town}", "Jugendliche"),
                   ("Stadtverwaltung {town}", "Mitarbeitende im Bürgerbüro"),
                   ("Familienzentrum {town}", "Eltern"), ("Sportverein {town} 1921", "Trainer*innen"),
                   ("Kita Regenbogen {town}", "Erzieher*innen"))
MEETING_TOPICS = ("Verweisstrukturen abstimmen", "Vorstellung der Beratungsstelle",
                  "Fallübergreifende Intervention Wohnungsmarkt", "Planung Aktionswochen gegen Rassismus",
                  "Austausch Beschwerdestellen")
PLACES = ("Rathaus", "Stadtbibliothek", "Migrationsdienst", "Familienzentrum", "Beratungsstelle")


@dataclass(frozen=True)
class DemoSummary:
    counselors: int
    clients: int
    cases: int
    contacts: int
    interventions: int
    notes: int


class _Generator:
    def __init__(self, seed: int, towns: list[str], first_day: dt.date, days: int) -> None:
        self.rng = random.Random(seed)
        self.towns = towns
        self.first_day = first_day
        self.days = days

    def pick_weighted(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def day(self) -> dt.date:
        return self.first_day + dt.timedelta(days=self.rng.randrange(self.days))

    def client(self, number: int) -> model.Client:
        rng = self.rng
        return model.Client(
            code=f"K-{number:05d}",
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if rng.random() < 0.6 else None,
            languages=tuple(rng.sample(LANGUAGES, rng.choice((1, 1, 2)))),
            age_group=rng.choice(("under_18", "18_26", "27_40", "27_40", "41_60", "over_60", "unknown")),
            gender=rng.choice(GENDERS), town=rng.choice(self.towns))

    def case(self, client: model.Client, number: str, opened: dt.date, counselor_id: str,
             today: dt.date) -> model.Case:
        rng = self.rng
        area = self.pick_weighted(AREA_WEIGHTS)
        closed = opened + dt.timedelta(days=rng.randrange(14, 200))
        is_closed = closed < today and rng.random() < 0.7
        status = "closed" if is_closed else rng.choice(("open", "open", "dormant"))
        grounds = {"racist_attribution"} | set(rng.sample(
            ("ethnic_origin", "religion", "language", "citizenship", "residence_status", "gender"),
            rng.choice((0, 1, 2))))
        return model.Case(
            number=number, client_id=client.id, opened_on=opened,
            closed_on=closed if is_closed else None, status=status, counselor_id=counselor_id,
            area=area, grounds=tuple(grounds),
            racism_forms=tuple(rng.sample(("anti_black", "anti_muslim", "anti_slavic", "anti_asian",
                                           "antiziganism", "antisemitism"), rng.choice((0, 1, 1)))),
            level=rng.choice(("individual", "individual", "institutional", "structural")),
            respondent=rng.choice(RESPONDENT_BY_AREA[area]),
            agg=rng.choice(("yes", "no", "unclear")), incident_town=client.town,
            summary=SUMMARIES[area],
            outcome="Beschwerde anerkannt, Entschuldigung erhalten." if is_closed else None)

    def contacts(self, case: model.Case, counselor_id: str, count: int,
                 today: dt.date) -> list[model.Contact]:
        rng = self.rng
        assert case.opened_on is not None
        last = min(case.closed_on or today, today)
        span = max((last - case.opened_on).days, 1)
        contacts = []
        for index in range(count):
            on = case.opened_on + dt.timedelta(days=0 if index == 0 else rng.randrange(span))
            channel = rng.choice(("outreach", "outreach", "office", "phone", "phone", "video", "written"))
            start = f"{rng.randrange(8, 18):02d}:{rng.choice((0, 15, 30, 45)):02d}"
            contacts.append(model.Contact(
                case_id=case.id, date=on, start_time=start,
                duration_min=rng.choice((30, 45, 60, 60, 90, 90, 120, 150)), channel=channel,
                town=case.incident_town if channel in ("outreach", "office") else None,
                place=rng.choice(PLACES) if channel == "outreach" else None,
                counselor_id=counselor_id,
                language=rng.choice(("Deutsch", "Türkisch", "Arabisch", "Polnisch")),
                interpreter=rng.random() < 0.15))
        return contacts

    def interventions(self, case: model.Case) -> list[model.Intervention]:
        rng = self.rng
        assert case.opened_on is not None
        further = rng.sample(("complaint_letter", "mediation_accompaniment", "testing", "press",
                              "legal_support", "lawsuit", "referral"), rng.choice((0, 1, 1, 2)))
        kinds = ["psychosocial_counseling", *further]
        result = []
        for kind in kinds:
            status = "done" if case.status == "closed" else rng.choice(("planned", "ongoing", "done"))
            result.append(model.Intervention(
                case_id=case.id, type=kind, date=case.opened_on + dt.timedelta(days=rng.randrange(0, 30)),
                status=status,
                result=rng.choice(("success", "partial", "none")) if status == "done" else "open"))
        return result

    def notes(self, case: model.Case, counselor_id: str) -> list[model.Note]:
        assert case.opened_on is not None
        opened = dt.datetime.combine(case.opened_on, dt.time(10, 0))
        return [model.Note(case_id=case.id, author_id=counselor_id, text=self.rng.choice(NOTE_TEXTS),
                           written_at=(opened + dt.timedelta(days=3 * index)).isoformat(timespec="seconds"))
                for index in range(self.rng.choice((1, 2, 3)))]


def _batches(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(start + size, total))


def fill(store: Store, cases: int = DEMO_CASES, seed: int = 2022, today: dt.date | None = None,
         contacts_per_case: float = 4.0, batch: int = 2000, network: bool = True) -> DemoSummary:
    """Add counselors and ``cases`` cases opened over the twelve months before ``today``."""
    if cases < 1:
        raise BeratungsError("invalid", field="cases")
    end = today or dt.date.today()
    towns = [t.code for t in store.vocabulary().terms("town")]
    generator = _Generator(seed, towns, end - dt.timedelta(days=365), 365)
    team = [model.Counselor(name=name, initials=initials) for name, initials in COUNSELORS]
    with store.unit_of_work() as uow:
        uow.insert_many(team)
    counts = {"clients": 0, "contacts": 0, "interventions": 0, "notes": 0}
    opened_days = sorted(generator.day() for _ in range(cases))
    per_year: dict[int, int] = {}
    clients: list[model.Client] = []
    opened_cases: list[tuple[str, dt.date]] = []
    for chunk in _batches(cases, batch):
        rows: list[model.Entity] = []
        for index in chunk:
            opened = opened_days[index]
            # About one in six people comes back with a second concern.
            if clients and generator.rng.random() < 0.15:
                client = generator.rng.choice(clients)
            else:
                client = generator.client(len(clients) + 1)
                clients.append(client)
                rows.append(client)
                counts["clients"] += 1
            per_year[opened.year] = per_year.get(opened.year, 0) + 1
            counselor = generator.rng.choice(team)
            number = f"{opened.year}-{per_year[opened.year]:04d}"
            case = generator.case(client, number, opened, counselor.id, end)
            count = max(1, round(generator.rng.gauss(contacts_per_case, contacts_per_case / 3)))
            children: list[model.Entity] = [
                *generator.contacts(case, counselor.id, count, end),
                *generator.interventions(case), *generator.notes(case, counselor.id)]
            rows.append(case)
            opened_cases.append((case.id, opened))
            rows += children
            for child in children:
                counts[child.ENTITY + "s"] += 1
        with store.unit_of_work() as uow:
            uow.insert_many(rows)
    if network:
        _fill_network(store, generator, end, opened_cases)
    return DemoSummary(len(team), counts["clients"], cases, counts["contacts"],
                       counts["interventions"], counts["notes"])


def _town_label(store: Store, code: str) -> str:
    return store.vocabulary().label("town", code, "de")


def _workshop_status(rng: random.Random, held: bool) -> str:
    if held:
        return "held" if rng.random() < 0.9 else "cancelled"
    return rng.choice(("requested", "planned"))


def _fill_network(store: Store, generator: _Generator, today: dt.date,
                  cases: list[tuple[str, dt.date]]) -> None:
    """Partners in the towns, a year of workshops and meetings, referrals of some cases."""
    rng = generator.rng
    partners = []
    for kind, pattern in PARTNERS:
        town = rng.choice(generator.towns)
        partners.append(model.Partner(kind=kind, name=pattern.format(town=_town_label(store, town)),
                                      town=town, contact_person=f"{rng.choice(FIRST_NAMES)} "
                                                                f"{rng.choice(LAST_NAMES)}"))
    workshops = []
    for _ in range(14):
        town = rng.choice(generator.towns)
        organisation, group = rng.choice(WORKSHOP_GROUPS)
        on = generator.day()
        status = _workshop_status(rng, on < today)
        workshops.append(model.Workshop(
            type=rng.choice(("racism_critique", "racism_critique", "empowerment",
                             "organisational_consulting", "multiplier_training")),
            organisation=organisation.format(town=_town_label(store, town)), target_group=group,
            town=town, date=on, duration_min=rng.choice((90, 180, 240, 360)),
            participants=rng.randrange(6, 28) if status == "held" else None,
            trainers=(rng.choice(COUNSELORS)[0],),
            status=status))
    meetings = [model.Meeting(date=generator.day(), topic=rng.choice(MEETING_TOPICS),
                              partner_ids=tuple(p.id for p in rng.sample(partners, rng.choice((1, 2, 3)))))
                for _ in range(12)]
    referrals = [model.Referral(case_id=case_id, partner_id=rng.choice(partners).id,
                                direction=rng.choice(("to", "from")), date=opened,
                                reason="Fachliche Unterstützung")
                 for case_id, opened in rng.sample(cases, max(1, len(cases) // 5))]
    with store.unit_of_work() as uow:
        uow.insert_many([*partners, *workshops, *meetings, *referrals])
