"""Letters on the organisation's letterhead (DIN 5008, form B), e.g. a complaint from a case.

A letter is made in two steps so that a person can edit it before it is written:
:func:`complaint_draft` proposes recipient, subject and body from the case;
:class:`LetterDraft` can be saved as a plain text file, edited in any editor,
and read back (:meth:`LetterDraft.from_text`); :func:`build_letter` writes the PDF.

Text file format (German keywords, as the counselors read it)::

    Empfänger:
    Stadtverwaltung Beispielstadt
    Marktplatz 1
    40000 Beispielstadt

    Betreff: Beschwerde über ...
    ---
    Sehr geehrte Damen und Herren,
    ...
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.reports import formatting as fmt
from beratungsdesk.storage.queries import CaseRecord

RECIPIENT_KEY = "Empfänger:"
SUBJECT_KEY = "Betreff:"
BODY_SEPARATOR = "---"
MAX_RECIPIENT_LINES = 6  # the DIN 5008 address field has room for six lines


@dataclass(frozen=True)
class LetterDraft:
    case_number: str
    recipient: str
    subject: str
    body: str

    def to_text(self) -> str:
        return (f"{RECIPIENT_KEY}\n{self.recipient.strip()}\n\n{SUBJECT_KEY} {self.subject.strip()}\n"
                f"{BODY_SEPARATOR}\n{self.body.strip()}\n")

    @classmethod
    def from_text(cls, case_number: str, text: str) -> LetterDraft:
        """Read an edited draft; problems name the line (1-based) and nothing is written."""
        lines = text.replace("\r\n", "\n").split("\n")
        recipient: list[str] = []
        subject, body_start, section = None, None, ""
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            if stripped == BODY_SEPARATOR:
                body_start = number
                break
            if stripped.startswith(RECIPIENT_KEY):
                section = "recipient"
                rest = stripped[len(RECIPIENT_KEY):].strip()
                recipient += [rest] if rest else []
            elif stripped.startswith(SUBJECT_KEY):
                section = "subject"
                subject = stripped[len(SUBJECT_KEY):].strip()
            elif section == "recipient" and stripped:
                recipient.append(stripped)
            elif stripped and section != "recipient":
                raise ValidationError("letter_format", field="letter", line=number)
        if body_start is None:
            raise ValidationError("letter_no_body", field="letter", line=len(lines))
        draft = cls(case_number, "\n".join(recipient), subject or "",
                    "\n".join(lines[body_start:]).strip())
        draft.check()
        return draft

    def check(self) -> None:
        problems = []
        if not self.recipient.strip():
            problems.append(ValidationError("required", field="recipient"))
        elif len(self.recipient.strip().splitlines()) > MAX_RECIPIENT_LINES:
            problems.append(ValidationError("recipient_too_long", field="recipient",
                                            limit=MAX_RECIPIENT_LINES))
        if not self.subject.strip():
            problems.append(ValidationError("required", field="subject"))
        if not self.body.strip():
            problems.append(ValidationError("required", field="body"))
        if len(problems) == 1:
            raise problems[0]
        if problems:
            raise ValidationErrors(problems)


def complaint_draft(record: CaseRecord, vocabulary: Vocabulary,
                    today: dt.date | None = None) -> LetterDraft:
    """A complaint proposed from the case; the counselor completes and edits it."""
    case = record.case
    today = today or dt.date.today()
    area = vocabulary.label("area", case.area, "de")
    incident_town = vocabulary.label("town", case.incident_town, "de")
    where = f" in {incident_town}" if incident_town else ""
    paragraphs = [
        "Sehr geehrte Damen und Herren,",
        "wir wenden uns als Beratungsstelle gegen Alltagsrassismus an Sie. Eine Person, die wir "
        f"beraten, hat uns von einer Diskriminierungserfahrung im Bereich „{area}“{where} "
        "berichtet, die in Ihren Verantwortungsbereich fällt.",
    ]
    if case.summary:
        paragraphs.append(f"Zum Sachverhalt: {case.summary.strip()}")
    if case.agg == "yes":
        paragraphs.append(
            "Wir weisen darauf hin, dass Benachteiligungen aus rassistischen Gründen oder wegen "
            "der ethnischen Herkunft nach dem Allgemeinen Gleichbehandlungsgesetz (AGG) unzulässig "
            "sind.")
    deadline = today + dt.timedelta(days=14)
    paragraphs += [
        "Wir bitten Sie, zu dem geschilderten Vorfall Stellung zu nehmen und uns mitzuteilen, "
        "welche Maßnahmen Sie ergreifen, damit sich ein solcher Vorfall nicht wiederholt. "
        f"Für Ihre Antwort bis zum {fmt.date(deadline)} danken wir Ihnen.",
        "Mit freundlichen Grüßen",
    ]
    return LetterDraft(case_number=case.number or "", recipient="",
                       subject=f"Beschwerde über eine Diskriminierung – unser Zeichen {case.number}",
                       body="\n\n".join(paragraphs))


# --- PDF ------------------------------------------------------------------------------

def build_letter(draft: LetterDraft, profile: Any, on: dt.date) -> bytes:
    """The letter as PDF: letterhead, return line, address field, info block, subject, body."""
    draft.check()
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate, Paragraph

    from beratungsdesk.reports import pdf_common as pdf

    styles = pdf.styles()
    width, height = pdf.PAGE
    left, right = 25 * mm, 20 * mm
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=pdf.PAGE, leftMargin=left, rightMargin=right,
                          topMargin=25 * mm, bottomMargin=25 * mm,
                          **pdf.document_info(draft.subject, profile, f"Schreiben {draft.case_number}"))
    body_width = width - left - right
    first_top = height - 103.4 * mm  # DIN 5008 form B: text starts below the subject line
    # No frame padding: the text lines up with the address field at 25 mm (DIN 5008).
    padding = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first = Frame(left, 25 * mm, body_width, first_top - 25 * mm, id="first", **padding)
    later = Frame(left, 25 * mm, body_width, height - 45 * mm, id="later", **padding)

    def first_page(canvas: Any, document: Any) -> None:
        _letterhead(canvas, profile, pdf)
        _address_and_info(canvas, draft, profile, on, pdf)
        pdf.draw_footer(canvas, profile, f"Seite {document.page}")

    def later_pages(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(pdf.FONT, 8)
        canvas.setFillColor(pdf.MUTED)
        canvas.drawString(left, height - 15 * mm, pdf.fit(canvas, f"{profile.name}  ·  {draft.subject}",
                                                         body_width, 8))
        canvas.restoreState()
        pdf.draw_footer(canvas, profile, f"Seite {document.page}")

    doc.addPageTemplates([PageTemplate("first", [first], onPage=first_page),
                          PageTemplate("later", [later], onPage=later_pages)])
    story: list[Any] = [NextPageTemplate("later"),
                        Paragraph(f"<b>{pdf.escape(draft.subject)}</b>", styles["body"])]
    body_style = styles["body"].clone("letter", fontSize=10.5, leading=15, spaceAfter=9)
    story += pdf.paragraphs(draft.body, body_style)
    if profile.signature:
        story.append(Paragraph("<br/><br/>" + pdf.inline(profile.signature), body_style))
    story.append(Paragraph(pdf.escape(profile.name), body_style))
    doc.build(story)
    return buffer.getvalue()


def _letterhead(canvas: Any, profile: Any, pdf: Any) -> None:
    from reportlab.lib.units import mm

    width, height = pdf.PAGE
    canvas.saveState()
    canvas.setFillColor(pdf.PRIMARY)
    canvas.rect(0, height - 6 * mm, width, 6 * mm, stroke=0, fill=1)
    logo = pdf.logo_image(profile.logo, 45 * mm, 22 * mm)
    room = width - 45 * mm
    if logo is not None:
        logo.drawOn(canvas, width - 20 * mm - logo.drawWidth, height - 12 * mm - logo.drawHeight)
        room -= logo.drawWidth + 6 * mm
    canvas.setFillColor(pdf.PRIMARY)
    size = pdf.fitting_size(canvas, profile.name, room, 12, 9, pdf.FONT_BOLD)
    canvas.setFont(pdf.FONT_BOLD, size)
    canvas.drawString(25 * mm, height - 17 * mm, pdf.fit(canvas, profile.name, room, size, pdf.FONT_BOLD))
    canvas.setFont(pdf.FONT, 8)
    canvas.setFillColor(pdf.MUTED)
    y = height - 22 * mm
    for line in [profile.cooperation, *profile.contact_lines()]:
        if line and y > height - 40 * mm:
            canvas.drawString(25 * mm, y, pdf.fit(canvas, line, room, 8))
            y -= 3.6 * mm
    # Fold marks (105 mm, 210 mm) and the punch mark (148.5 mm) of form B.
    canvas.setStrokeColor(pdf.MUTED)
    canvas.setLineWidth(0.4)
    for from_top, length in ((105, 4), (148.5, 6), (210, 4)):
        canvas.line(4 * mm, height - from_top * mm, (4 + length) * mm, height - from_top * mm)
    canvas.restoreState()


def _address_and_info(canvas: Any, draft: LetterDraft, profile: Any, on: dt.date, pdf: Any) -> None:
    from reportlab.lib.units import mm

    _, height = pdf.PAGE
    canvas.saveState()
    # Return line (Rücksendeangabe) in the top of the address field, 45 mm from the top.
    sender = " · ".join(part for part in [profile.name, *profile.address.splitlines()] if part)
    size = pdf.fitting_size(canvas, sender, 85 * mm, 7, 6)
    canvas.setFont(pdf.FONT, size)
    canvas.setFillColor(pdf.MUTED)
    if canvas.stringWidth(sender, pdf.FONT, size) <= 85 * mm:
        canvas.drawString(25 * mm, height - 50 * mm, sender)
    else:  # a long name: name above, address below, both inside the field
        address = " · ".join(part for part in profile.address.splitlines() if part)
        canvas.drawString(25 * mm, height - 47.5 * mm, pdf.fit(canvas, profile.name, 85 * mm, size))
        canvas.drawString(25 * mm, height - 50 * mm, pdf.fit(canvas, address, 85 * mm, size))
    canvas.setFont(pdf.FONT, 10.5)
    canvas.setFillColor(pdf.TEXT)
    y = height - 58 * mm
    for line in draft.recipient.strip().splitlines()[:MAX_RECIPIENT_LINES]:
        canvas.drawString(25 * mm, y, pdf.fit(canvas, line, 85 * mm, 10.5))
        y -= 4.8 * mm
    # Information block, 125 mm from the left edge.
    info = [("Unser Zeichen", draft.case_number), ("Datum", fmt.date(on))]
    if profile.phone:
        info.insert(1, ("Telefon", profile.phone))
    if profile.email:
        info.insert(2, ("E-Mail", profile.email))
    y = height - 55 * mm
    for label, value in info:
        canvas.setFont(pdf.FONT, 7.5)
        canvas.setFillColor(pdf.MUTED)
        canvas.drawString(125 * mm, y, label)
        canvas.setFont(pdf.FONT, 9)
        canvas.setFillColor(pdf.TEXT)
        canvas.drawString(125 * mm, y - 3.6 * mm, pdf.fit(canvas, value, 65 * mm, 9))
        y -= 9 * mm
    canvas.restoreState()
