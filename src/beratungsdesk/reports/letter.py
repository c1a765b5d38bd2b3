"""Letters on the organisation's letterhead (DIN 5008, form B), e.g. a complaint from a case.

A letter is made in two steps so that a person can edit it before it is written:
:func:`complaint_draft` proposes recipient, subject and body from the case;
:class:`LetterDraft` can be saved as a plain text file, edited in any editor,
and read back (:meth:`LetterDraft.from_text`); ``letter_pdf.build_letter`` writes
the PDF (a separate module, so that reading drafts does not import reportlab).

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
from dataclasses import dataclass

from beratungsdesk.core.errors import ValidationError, ValidationErrors
from beratungsdesk.core.records import CaseRecord
from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.reports import formatting as fmt

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
