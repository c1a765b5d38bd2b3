"""The PDF of a letter on the organisation's letterhead (DIN 5008, form B).

Form B: letterhead above 45 mm, return line and address field (85 mm wide) from
45 mm, information block 125 mm from the left edge, text from about 103 mm,
fold marks at 105 and 210 mm and a punch mark at 148.5 mm.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate, Paragraph

from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports import pdf_common as pdf
from beratungsdesk.reports.letter import MAX_RECIPIENT_LINES, LetterDraft
from beratungsdesk.reports.profile import OrganisationProfile


def build_letter(draft: LetterDraft, profile: OrganisationProfile, on: dt.date) -> bytes:
    """The letter as PDF: letterhead, return line, address field, info block, subject, body."""
    draft.check()
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
        _letterhead(canvas, profile)
        _address_and_info(canvas, draft, profile, on)
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
    pdf.build(doc, story)
    return buffer.getvalue()


def _letterhead(canvas: Any, profile: OrganisationProfile) -> None:
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


def _address_and_info(canvas: Any, draft: LetterDraft, profile: OrganisationProfile,
                      on: dt.date) -> None:
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
