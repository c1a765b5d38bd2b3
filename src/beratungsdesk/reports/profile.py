"""The organisation profile: letterhead data, logo and the report's editable texts (pure).

Kept in the store as synced ``setting`` rows (id ``profile.<key>``, value JSON),
so the office edits it once and every laptop prints the same letterhead. This
module only converts between those rows and :class:`OrganisationProfile`.

Texts may mark emphasis with ``**bold**`` (as the center's own report does);
a blank line starts a new paragraph.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field, replace

from beratungsdesk.core.errors import ValidationError

PREFIX = "profile."
MAX_LOGO_BYTES = 2 * 1024 * 1024

#: Sections of the short report whose introduction text is editable.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("einleitung", "Einleitung"),
    ("beratung", "Beratung"),
    ("zahlen", "Beratung in Zahlen"),
    ("praevention", "Prävention"),
    ("netzwerk", "Netzwerk"),
)

#: Editable texts: the report's sections and the privacy text of the subject access export.
DOCUMENT_TEXTS: dict[str, str] = {**dict(SECTIONS), "datenschutz": "Auskunft nach Art. 15 DSGVO"}

#: Simple text fields: key -> (English description for ``profile show``).
TEXT_FIELDS: dict[str, str] = {
    "name": "Name of the organisation",
    "cooperation": "Cooperation line (who runs it)",
    "funding": "Funding line (who funds it)",
    "address": "Postal address (one line per line)",
    "phone": "Phone",
    "web": "Web address",
    "email": "E-mail",
    "social": "Social media handle",
    "signature": "Name(s) under letters",
}

DEFAULT_TEXTS: dict[str, str] = {
    "einleitung": (
        "Die **Beratungsstelle gegen Alltagsrassismus** steht allen Menschen, die von Rassismus "
        "betroffen sind, sowie Menschen und Institutionen, die sich mit dem Thema beschäftigen "
        "möchten, mit Rat und Tat zur Seite.\n\n"
        "Die **individuelle Beratung** bildet den Kern der Arbeit. Darüber hinaus sind die "
        "**Präventionsarbeit** sowie die **Netzwerk- und Anti-Rassismus-Arbeit** fest im Konzept "
        "der Beratungsstelle verankert. Die Beratung ist **kostenlos, vertraulich und wohnortnah**."),
    "beratung": (
        "Wirksame **Antidiskriminierungsarbeit** stellt die **Perspektive der Betroffenen** in den "
        "Mittelpunkt. Durch die **parteiliche Arbeitsweise** stehen die Interessen und Bedürfnisse "
        "der Klient*innen im Vordergrund; Diskriminierungserlebnisse werden im strukturellen "
        "Kontext aus einer **intersektionalen Perspektive** betrachtet.\n\n"
        "Die Interventionsformen reichen von der **psychosozialen Beratung** über die "
        "**Begleitung von Vermittlungsgesprächen**, **Beschwerdebriefe** und **Testings** bis zur "
        "**rechtlichen Unterstützung** bei der Vorbereitung einer **Klage**."),
    "zahlen": "",
    "praevention": (
        "Neben der individuellen Beratung nimmt die **Präventionsarbeit** einen hohen Stellenwert "
        "ein. Alle Workshop- und Beratungsangebote werden **individuell konzipiert** und sind "
        "**kostenlos**."),
    "netzwerk": (
        "Diskriminierung ist eine **Alltagserfahrung**. Betroffene brauchen deshalb "
        "**alltagsnahe und niederschwellige** Anlaufstellen, die sie stärken und ihnen den Weg in "
        "eine spezialisierte Beratung bahnen. Nur wenn Antidiskriminierungsberatung **Teil der "
        "regionalen Strukturen** ist, entstehen funktionierende Verweisstrukturen."),
}

#: Descriptions of the prevention offers, per workshop type code (editable).
DEFAULT_OFFERS: dict[str, str] = {
    "racism_critique": (
        "Geschichte und Formen des Rassismus, die eigene gesellschaftliche Position reflektieren, "
        "Vorurteile abbauen und Handlungsweisen im Umgang mit Rassismus stärken."),
    "empowerment": (
        "Betroffene werden gestärkt, gegen Diskriminierung anzugehen und im Austausch mit anderen "
        "eigene Strategien im Umgang mit Rassismus zu entwickeln."),
    "organisational_consulting": (
        "Organisationen erarbeiten Konzepte zur rassismuskritischen Arbeit, richten "
        "Meldestrukturen ein und setzen präventive Maßnahmen um."),
}


@dataclass(frozen=True)
class Logo:
    media_type: str  # image/png or image/jpeg
    data: bytes


@dataclass(frozen=True)
class OrganisationProfile:
    name: str = "Beratungsstelle gegen Alltagsrassismus"
    cooperation: str = ""
    funding: str = ""
    address: str = ""
    phone: str = ""
    web: str = ""
    email: str = ""
    social: str = ""
    signature: str = ""
    logo: Logo | None = None
    texts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_TEXTS))
    offers: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_OFFERS))

    def text(self, section: str) -> str:
        return self.texts.get(section, "")

    def contact_lines(self) -> list[str]:
        return [line for line in (self.web, self.email, self.phone, self.social) if line]


def from_settings(rows: dict[str, str]) -> OrganisationProfile:
    """Profile from ``setting`` rows (id -> JSON value); unset keys keep their defaults."""
    profile = OrganisationProfile()
    values: dict[str, object] = {}
    texts, offers = dict(profile.texts), dict(profile.offers)
    for key, raw in rows.items():
        name = key[len(PREFIX):] if key.startswith(PREFIX) else key
        try:
            value = json.loads(raw) if raw is not None else None
        except ValueError:
            continue  # a damaged value must not stop a report; the default stays
        if name in TEXT_FIELDS and isinstance(value, str):
            values[name] = value
        elif name.startswith("text.") and isinstance(value, str):
            texts[name[5:]] = value
        elif name.startswith("offer.") and isinstance(value, str):
            offers[name[6:]] = value
        elif name == "logo" and isinstance(value, dict):
            values["logo"] = _logo_from_json(value)
    return replace(profile, texts=texts, offers=offers, **values)  # type: ignore[arg-type]


def _logo_from_json(value: dict) -> Logo | None:
    try:
        return Logo(str(value["media_type"]), base64.b64decode(value["data"], validate=True))
    except (KeyError, TypeError, ValueError, binascii.Error):
        return None


def setting_key(key: str) -> str:
    """Validate a user-facing key (``name``, ``text.einleitung``, ``offer.empowerment``, ``logo``)."""
    valid = (key in TEXT_FIELDS or key == "logo"
             or (key.startswith("text.") and key[5:] in DOCUMENT_TEXTS)
             or (key.startswith("offer.") and len(key) > 6))
    if not valid:
        raise ValidationError("profile_key", field="profile")
    return PREFIX + key


def text_value(text: str) -> str:
    return json.dumps(text.replace("\r\n", "\n").strip(), ensure_ascii=False)


def logo_value(content: bytes) -> str:
    """JSON for a logo file; refuses anything but a PNG or JPEG of sensible size."""
    if len(content) > MAX_LOGO_BYTES:
        raise ValidationError("logo_too_large", field="logo", limit=MAX_LOGO_BYTES)
    media_type = image_type(content)
    if media_type is None:
        raise ValidationError("logo_format", field="logo")
    return json.dumps({"media_type": media_type, "data": base64.b64encode(content).decode("ascii")})


def image_type(content: bytes) -> str | None:
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def described_keys() -> list[tuple[str, str]]:
    """(key, description) of everything ``profile set`` accepts, for help and ``profile show``."""
    keys = [*list(TEXT_FIELDS.items()), ("logo", "Logo image (PNG or JPEG file)")]
    keys += [(f"text.{code}", f"Text of \"{title}\"") for code, title in DOCUMENT_TEXTS.items()]
    keys += [(f"offer.{code}", "Description of a prevention offer (workshop type code)")
             for code in DEFAULT_OFFERS]
    return keys

