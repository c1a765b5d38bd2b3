"""Subject access export (GDPR art. 15): everything the store holds about one client.

Written for the person concerned: German labels instead of codes, dates as
31.12.2022, durations in minutes, superseded notes shown with their newer
version, documents listed with name, type, size and checksum.

The document is a sequence of *sections*. Each section is a function from the
data to flowables; later features (consent records, audit entries) add their
own section to :data:`SECTIONS` or pass ``extra_sections`` without touching
the others.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from beratungsdesk.core import model, wire_form
from beratungsdesk.core.model import Entity
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports import pdf_common as pdf
from beratungsdesk.reports.profile import OrganisationProfile
from beratungsdesk.storage.statistics import ClientData


@dataclass
class Context:
    data: ClientData
    profile: OrganisationProfile
    vocabulary: Vocabulary
    styles: dict
    width: float

    def label(self, kind: str, code: str | None) -> str:
        if not code:
            return "–"
        if not self.vocabulary.has(kind, code):  # unknown or malformed: shown as stored, marked
            return fmt.invalid(code)
        return self.vocabulary.label(kind, code, "de")

    def labels(self, kind: str, codes: Sequence[str]) -> str:
        return ", ".join(self.label(kind, code) for code in codes) or "–"

    def counselor(self, counselor_id: str | None) -> str:
        return self.data.counselors.get(counselor_id or "", "") or "–"


Section = Callable[[Context], list[Any]]


def build_auskunft(data: ClientData, profile: OrganisationProfile, vocabulary: Vocabulary,
                   as_of: dt.date, extra_sections: Sequence[Section] = ()) -> bytes:
    styles = pdf.styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pdf.PAGE, leftMargin=pdf.MARGIN, rightMargin=pdf.MARGIN,
        topMargin=pdf.MARGIN, bottomMargin=24 * mm,
        **pdf.document_info("Auskunft nach Art. 15 DSGVO", profile,
                            "Über die gespeicherten personenbezogenen Daten"))
    context = Context(data, profile, vocabulary, styles, doc.width)
    story: list[Any] = _title(context, as_of)
    for section in (*SECTIONS, *extra_sections):
        story += section(context)

    def on_page(canvas: Any, document: Any) -> None:
        pdf.draw_footer(canvas, profile, f"Auskunft nach Art. 15 DSGVO  ·  Stand {fmt.date(as_of)}"
                                         f"  ·  Seite {document.page}")

    pdf.build(doc, story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _title(ctx: Context, as_of: dt.date) -> list[Any]:
    styles = ctx.styles
    story: list[Any] = []
    logo = pdf.logo_image(ctx.profile.logo, 40 * mm, 20 * mm)
    if logo is not None:
        logo.hAlign = "RIGHT"
        story.append(logo)
    story += [
        Paragraph("Auskunft über Ihre gespeicherten Daten", styles["h1"]),
        Paragraph("nach Art. 15 der Datenschutz-Grundverordnung (DSGVO)", styles["h3"]),
        Paragraph(f"Stand: {fmt.date(as_of)}", styles["stand"]),
        Spacer(1, 3 * mm),
    ]
    controller = [ctx.profile.name, *ctx.profile.address.splitlines(),
                  *[line for line in (ctx.profile.phone, ctx.profile.email) if line]]
    story.append(Paragraph("<b>Verantwortliche Stelle:</b> " + pdf.escape(", ".join(controller)),
                           styles["body"]))
    story += pdf.paragraphs(ctx.profile.text("datenschutz") or PRIVACY_TEXT, styles["body"])
    return story


PRIVACY_TEXT = (
    "Dieses Dokument enthält alle Daten, die die Beratungsstelle zum Zeitpunkt des Stands über "
    "Sie gespeichert hat: Ihre Angaben zur Person, Ihre Beratungsfälle mit allen Kontakten, "
    "Interventionen und Notizen sowie eine Liste der gespeicherten Dokumente.\n\n"
    "**Zweck** der Verarbeitung ist Ihre Beratung und Unterstützung; für Jahresberichte werden "
    "nur zusammengefasste Zahlen ohne Bezug zu Ihrer Person verwendet. Die Daten werden "
    "verschlüsselt gespeichert und nur den Berater*innen der Beratungsstelle zugänglich gemacht; "
    "an Dritte werden sie nur mit Ihrer Einwilligung weitergegeben.\n\n"
    "Sie haben das Recht auf **Berichtigung** unrichtiger Daten, auf **Löschung**, auf "
    "**Einschränkung der Verarbeitung** und auf **Widerspruch** (Art. 16–21 DSGVO) sowie das "
    "Recht, sich bei einer **Datenschutz-Aufsichtsbehörde** zu beschweren (Art. 77 DSGVO). "
    "Ersetzte Notizen sind mit aufgeführt, weil sie weiterhin gespeichert sind. Aufgeführt sind "
    "auch Ihre Einwilligungen und das Protokoll der Zugriffe auf Ihre Daten.\n\n"
    "**Speicherdauer:** Abgeschlossene Fälle werden nach Ablauf der Aufbewahrungsfrist der "
    "Beratungsstelle vollständig gelöscht – auf allen Geräten; für die Jahresstatistik bleiben nur "
    "anonyme Zahlen ohne Bezug zu Ihrer Person.")


# --- sections --------------------------------------------------------------------------

def _cell(text: str, style: Any) -> Paragraph:
    """Stored text as a table cell: wraps, breaks inside words too long for the column."""
    return Paragraph(pdf.inline(text or "–"), style)


def _pairs_table(ctx: Context, pairs: list[tuple[str, str]]) -> Table:
    rows = [[Paragraph(pdf.escape(label), ctx.styles["cell_bold"]), _cell(value, ctx.styles["cell"])]
            for label, value in pairs]
    table = pdf.flowing_table(rows, [48 * mm, ctx.width - 48 * mm])
    table.setStyle(pdf.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.3, pdf.RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return table


def _grid(ctx: Context, header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    data = [[Paragraph(pdf.escape(h), ctx.styles["cell_bold"]) for h in header]]
    data += [[_cell(value, ctx.styles["cell"]) for value in row] for row in rows]
    scale = ctx.width / sum(widths)
    table = pdf.flowing_table(data, [w * scale for w in widths], repeat_rows=1)
    table.setStyle(pdf.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, 0), 0.8, pdf.PRIMARY),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.3, pdf.RULE),
                               ("TOPPADDING", (0, 0), (-1, -1), 2),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return table


def field_pairs(ctx: Context, entity: Entity) -> list[tuple[str, str]]:
    """(German label, value in words) of every field of ``entity`` the spec shows in this report."""
    return [(field.label_in("de"), field_text(ctx, field, getattr(entity, field.name)))
            for field in model.spec(entity.ENTITY).shown_in(model.REPORT)]


def field_text(ctx: Context, field: model.FieldSpec, value: Any) -> str:
    """A stored value for the person concerned: labels instead of codes, German dates."""
    if field.kind == model.CODE and field.vocab:
        return ctx.label(field.vocab, value)
    if field.kind == model.CODES and field.vocab:
        return ctx.labels(field.vocab, value)
    if field.kind == model.REF and field.ref == "counselor":
        return ctx.counselor(value)
    if value is None or value == ():
        return ""
    if wire_form.is_invalid(value):
        return fmt.invalid(", ".join(value) if isinstance(value, tuple) else str(value))
    if field.kind == model.DATE:
        return fmt.date(value)
    if field.kind == model.LIST:
        return ", ".join(value)
    return str(value)


def person_section(ctx: Context) -> list[Any]:
    pairs = field_pairs(ctx, ctx.data.client)
    return [Paragraph("1. Angaben zu Ihrer Person", ctx.styles["h2"]), _pairs_table(ctx, pairs)]


def cases_section(ctx: Context) -> list[Any]:
    # Room for the heading and the start of the first case (which keeps 60 mm itself).
    story: list[Any] = [CondPageBreak(75 * mm), Paragraph("2. Ihre Beratungsfälle", ctx.styles["h2"])]
    if not ctx.data.cases:
        story.append(Paragraph("Zu Ihrer Person sind keine Beratungsfälle gespeichert.",
                               ctx.styles["body"]))
    for number, record in enumerate(ctx.data.cases, start=1):
        story += _case(ctx, number, record)
    return story


def _case(ctx: Context, number: int, record: CaseRecord) -> list[Any]:
    story: list[Any] = [
        CondPageBreak(60 * mm),
        Paragraph(f"2.{number} Fall {pdf.escape(record.case.number or '')}", ctx.styles["h3"]),
        _pairs_table(ctx, case_pairs(ctx, record)), Spacer(1, 3 * mm)]
    return story + case_parts(ctx, record)


def case_parts(ctx: Context, record: CaseRecord) -> list[Any]:
    """Contacts, interventions, notes and the documents list of one case (also the case file's)."""
    return _contacts(ctx, record) + _interventions(ctx, record) + _notes(ctx, record) \
        + _attachments(ctx, record) + _followups(ctx, record) + _appointments(ctx, record)


def case_table(ctx: Context, record: CaseRecord) -> Table:
    """The case's own fields as a two-column table (also the case file's)."""
    return _pairs_table(ctx, case_pairs(ctx, record))


def case_pairs(ctx: Context, record: CaseRecord) -> list[tuple[str, str]]:
    case = record.case
    minutes = record.total_minutes
    return [
        *field_pairs(ctx, case),
        ("Beratungszeit", f"{fmt.number(minutes)} Minuten ({fmt.hours(minutes / 60)}) in "
                          f"{len(record.contacts)} Kontakt(en)"),
    ]


def _sub(ctx: Context, title: str, table: Table) -> list[Any]:
    return [KeepTogether([Paragraph(title, ctx.styles["h3"]), table]), Spacer(1, 3 * mm)]


def _contacts(ctx: Context, record: CaseRecord) -> list[Any]:
    if not record.contacts:
        return []
    rows = [[fmt.date(c.date) if c.date else "", c.start_time or "", fmt.minutes(c.duration_min),
             ctx.label("channel", c.channel),
             ", ".join(p for p in (ctx.label("town", c.town) if c.town else "", c.place or "") if p),
             ctx.counselor(c.counselor_id),
             ", ".join(p for p in (c.language or "", "Sprachmittlung" if c.interpreter else "") if p)]
            for c in record.contacts]
    return _sub(ctx, "Beratungskontakte", _grid(
        ctx, ["Datum", "Zeit", "Dauer", "Kontaktart", "Ort", "Berater*in", "Sprache"], rows,
        [20, 12, 15, 30, 27, 24, 26]))  # date "02.03.2024" and time "08:00" each on one line


def _interventions(ctx: Context, record: CaseRecord) -> list[Any]:
    if not record.interventions:
        return []
    rows = [[ctx.label("intervention", i.type), fmt.date(i.date) if i.date else "",
             ctx.label("intervention_status", i.status), ctx.label("intervention_result", i.result)]
            for i in record.interventions]
    return _sub(ctx, "Interventionen", _grid(ctx, ["Intervention", "Datum", "Stand", "Ergebnis"],
                                               rows, [50, 20, 20, 30]))


def _notes(ctx: Context, record: CaseRecord) -> list[Any]:
    if not record.notes:
        return []
    superseded = {note.supersedes for note in record.notes if note.supersedes}
    rows = []
    for note in record.notes:
        when = _datetime(note.written_at)
        state = "ersetzt durch eine neuere Fassung" if note.id in superseded else "aktuell"
        rows.append([when, ctx.counselor(note.author_id), state, note.text or ""])
    return _sub(ctx, "Notizen (einschließlich ersetzter Fassungen)", _grid(
        ctx, ["Geschrieben", "Von", "Fassung", "Text"], rows, [22, 22, 22, 80]))


def _attachments(ctx: Context, record: CaseRecord) -> list[Any]:
    if not record.attachments:
        return []
    rows = [[a.file_name or "", a.media_type or "", fmt.file_size(a.size or 0),
             _datetime(a.added_at), (a.sha256 or "")[:16]] for a in record.attachments]
    return _sub(ctx, "Gespeicherte Dokumente (auf Wunsch erhalten Sie Kopien)", _grid(
        ctx, ["Datei", "Art", "Größe", "Gespeichert", "Prüfsumme (SHA-256, Anfang)"], rows,
        [44, 26, 14, 24, 32]))


def _followups(ctx: Context, record: CaseRecord) -> list[Any]:
    if not record.followups:
        return []
    rows = [[fmt.date(f.due_on) if f.due_on else "", f.what or "",
             ("erledigt" + (f" am {fmt.date(f.done_on)}" if f.done_on else "")) if f.done else "offen"]
            for f in record.followups]
    return _sub(ctx, "Wiedervorlagen", _grid(ctx, ["Fällig am", "Was zu tun ist", "Stand"], rows,
                                             [22, 94, 30]))


def _appointments(ctx: Context, record: CaseRecord) -> list[Any]:
    if not record.appointments:
        return []
    rows = [[fmt.date(a.date) if a.date else "", a.start_time or "", fmt.minutes(a.duration_min),
             ", ".join(p for p in (ctx.label("town", a.town) if a.town else "", a.place or "") if p),
             ", ".join(a.participants), ctx.label("appointment_status", a.status)]
            for a in record.appointments]
    return _sub(ctx, "Termine", _grid(ctx, ["Datum", "Zeit", "Dauer", "Ort", "Wer teilnimmt", "Stand"],
                                      rows, [20, 12, 16, 40, 36, 22]))


def _datetime(text: str | None) -> str:
    if not text:
        return ""
    try:
        moment = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return fmt.invalid(text)
    return f"{fmt.date(moment.date())} {moment:%H:%M}"


_CONSENT_SCOPES = {"counseling": "Beratung", "documents": "Speichern von Dokumenten",
                   "third_parties": "Kontakt zu Dritten", "statistics": "Anonyme Statistik"}
_AUDIT_ACTIONS = {"create": "angelegt", "change": "geändert", "delete": "gelöscht (markiert)",
                  "open": "geöffnet", "export": "ausgegeben", "erase": "gelöscht",
                  "import": "importiert"}
_AUDIT_RECORDS = {"client": "Angaben zur Person", "case": "Beratungsfall", "contact": "Kontakt",
                  "intervention": "Intervention", "note": "Notiz", "attachment": "Dokument",
                  "consent": "Einwilligung"}


def consents_section(ctx: Context) -> list[Any]:
    story: list[Any] = [CondPageBreak(40 * mm),
                        Paragraph("3. Ihre Einwilligungen", ctx.styles["h2"])]
    if not ctx.data.consents:
        story.append(Paragraph("Es ist keine Einwilligung gespeichert.", ctx.styles["body"]))
        return story
    rows = [[fmt.date(c.given_on) if c.given_on else "–",
             ", ".join(_CONSENT_SCOPES.get(scope, scope) for scope in c.scopes),
             ctx.label("consent_form", c.form),
             fmt.date(c.withdrawn_on) if c.withdrawn_on else "–"] for c in ctx.data.consents]
    story.append(_grid(ctx, ["Erteilt am", "Umfang", "Form", "Widerrufen am"], rows,
                       [0.16, 0.5, 0.16, 0.18]))
    return story


def audit_section(ctx: Context) -> list[Any]:
    story: list[Any] = [CondPageBreak(40 * mm),
                        Paragraph("4. Wer hat wann auf Ihre Daten zugegriffen?", ctx.styles["h2"]),
                        Paragraph("Das Protokoll der Beratungsstelle verzeichnet jedes Anlegen, Ändern, "
                                  "Öffnen, Ausgeben und Löschen Ihrer Daten – ohne deren Inhalt.",
                                  ctx.styles["body"])]
    if not ctx.data.audit:
        story.append(Paragraph("Es sind keine Protokolleinträge vorhanden.", ctx.styles["body"]))
        return story
    rows = [[_datetime(entry.at), _AUDIT_ACTIONS.get(entry.action or "", entry.action or ""),
             _AUDIT_RECORDS.get(entry.entity or "", entry.entity or ""),
             _who(ctx, entry.actor, entry.device_id)]
            for entry in ctx.data.audit]
    story.append(_grid(ctx, ["Zeitpunkt", "Vorgang", "Datensatz", "Durch"], rows,
                       [0.24, 0.22, 0.26, 0.28]))
    return story


def _who(ctx: Context, actor: str | None, device_id: str | None) -> str:
    if actor:
        return ctx.data.counselors.get(actor) or actor
    return "Gerät " + (device_id or "")[:8]


#: The sections in order.
SECTIONS: list[Section] = [person_section, cases_section, consents_section, audit_section]
