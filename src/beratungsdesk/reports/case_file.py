"""A case on paper: the whole case file as PDF, for the counselor's own records or a lawyer.

Client, case, contacts, interventions, notes (with superseded versions) and the list of
stored documents, in the same tables as the subject access export (``auskunft.py``), so a
field added there appears here too, and with the same safety for text of any length
(paragraphs and rows split across pages, long words break inside).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer

from beratungsdesk.core import model
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports import pdf_common as pdf
from beratungsdesk.reports.auskunft import Context, case_parts, case_table, person_section
from beratungsdesk.reports.profile import OrganisationProfile
from beratungsdesk.storage.statistics import ClientData

CONFIDENTIAL = ("Vertraulich: enthält besondere Kategorien personenbezogener Daten (Art. 9 DSGVO). "
                "Nur an Berechtigte weitergeben, sicher aufbewahren und vernichten.")


def build_case_file(record: CaseRecord, counselors: dict[str, str], profile: OrganisationProfile,
                    vocabulary: Vocabulary, as_of: dt.date) -> bytes:
    styles = pdf.styles()
    number = record.case.number or ""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pdf.PAGE, leftMargin=pdf.MARGIN, rightMargin=pdf.MARGIN,
        topMargin=pdf.MARGIN, bottomMargin=24 * mm,
        **pdf.document_info(f"Fallakte {number}", profile, "Vertrauliche Fallakte"))
    client = record.client or model.Client(code="")
    context = Context(ClientData(client, [record], counselors), profile, vocabulary, styles, doc.width)
    story: list[Any] = [
        Paragraph(f"Fallakte {pdf.escape(number)}", styles["h1"]),
        Paragraph(pdf.escape(profile.name), styles["h3"]),
        Paragraph(f"Stand: {fmt.date(as_of)}", styles["stand"]),
        Paragraph(pdf.escape(CONFIDENTIAL), styles["small"]),
        Spacer(1, 3 * mm),
        Paragraph("1. Klient*in", styles["h2"]),
        *(person_section(context)[1:] if record.client else
          [Paragraph("Zu diesem Fall ist keine Klient*in gespeichert.", styles["body"])]),
        CondPageBreak(60 * mm),
        Paragraph("2. Fall", styles["h2"]),
        case_table(context, record),
        Spacer(1, 3 * mm),
        CondPageBreak(70 * mm),  # the heading with the start of the first table below it
        Paragraph("3. Verlauf", styles["h2"]),
        *(case_parts(context, record) or
          [Paragraph("Zu diesem Fall sind keine Kontakte, Interventionen, Notizen oder Dokumente "
                     "gespeichert.", styles["body"])]),
    ]

    def on_page(canvas: Any, document: Any) -> None:
        pdf.draw_footer(canvas, profile, f"Fallakte {number}  ·  Vertraulich  ·  Stand {fmt.date(as_of)}"
                                         f"  ·  Seite {document.page}")

    pdf.build(doc, story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
