"""The joint report of several centers as PDF: a column per center and the totals.

Many centers do not fit side by side on a page, so the centers are set in groups of
:data:`CENTERS_PER_TABLE` columns, each group a table of its own, and the totals with their
shares follow in a last table. Every cell is a Paragraph in a ``flowing_table`` (any length
of a center's name wraps and splits, as in every PDF of the program).
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer

from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports import pdf_common as pdf
from beratungsdesk.reports.joint import AreaRow, CenterFigures, JointFigures, JointTotal
from beratungsdesk.reports.profile import OrganisationProfile

CENTERS_PER_TABLE = 4
TITLE = "Gemeinsame Zahlen der Beratungsstellen"
_WITHHELD = "–"


def build_joint(figures: JointFigures) -> bytes:
    styles = pdf.styles()
    buffer = io.BytesIO()
    profile = OrganisationProfile(name="")  # the report is of several centers, no one's letterhead
    doc = SimpleDocTemplate(buffer, pagesize=pdf.PAGE, leftMargin=pdf.MARGIN, rightMargin=pdf.MARGIN,
                            topMargin=pdf.MARGIN, bottomMargin=24 * mm,
                            **pdf.document_info(TITLE, profile, fmt.period_range(figures.start,
                                                                                 figures.end)))
    story: list[Any] = [
        Paragraph(TITLE, styles["h1"]),
        Paragraph(f"Berichtszeitraum {fmt.period_range(figures.start, figures.end)} · "
                  f"{len(figures.centers)} Beratungsstellen", styles["h3"]),
        Paragraph("Jede Beratungsstelle hat ihre Zahlen ohne personenbezogene Daten und mit "
                  "zurückgehaltenen kleinen Zahlen („–“: weniger als 3 oder zum Schutz einer "
                  "kleinen Zahl zurückgehalten) ausgegeben und signiert. Die Summen enthalten "
                  "nur, was die Dateien zeigen („mind.“, wo eine Stelle eine Zahl "
                  "zurückgehalten hat); kleine Summen sind erneut zurückgehalten („< 3“, „•“).",
                  styles["small"]),
        Spacer(1, 2 * mm),
        Paragraph("Beteiligte Beratungsstellen und ihre Schlüssel-Fingerabdrücke", styles["h2"]),
        _grid(doc.width, styles, ["Beratungsstelle", "Fingerabdruck"],
              [[c.center, c.fingerprint] for c in figures.centers], [0.62, 0.38]),
    ]
    for first in range(0, len(figures.centers), CENTERS_PER_TABLE):
        group = figures.centers[first:first + CENTERS_PER_TABLE]
        story += [CondPageBreak(50 * mm),
                  Paragraph(f"Zahlen je Beratungsstelle ({first + 1}–{first + len(group)})",
                            styles["h2"]),
                  _center_table(doc.width, styles, figures, first, group)]
    story += [CondPageBreak(60 * mm), Paragraph("Gesamt", styles["h2"]),
              _totals_table(doc.width, styles, figures)]
    for title, rows in (("Lebensbereiche", figures.areas),
                        ("Altersgruppen (Fälle)", figures.extra.get("age_bands", [])),
                        ("Geschlecht (Fälle)", figures.extra.get("genders", []))):
        story += [CondPageBreak(50 * mm), Paragraph(f"{title}: Gesamt und Anteile", styles["h2"]),
                  _share_table(doc.width, styles, rows)]

    def on_page(canvas: Any, document: Any) -> None:
        pdf.draw_footer(canvas, profile, f"{TITLE}  ·  Seite {document.page}")

    pdf.build(doc, story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()


def _count(value: int | None) -> str:
    return _WITHHELD if value is None else fmt.number(value)


def _center_table(width: float, styles: dict[str, Any], figures: JointFigures, first: int,
                  group: list[CenterFigures]) -> Any:
    header = ["", *(f"{first + i + 1}. {c.center}" for i, c in enumerate(group))]
    rows = [["Beratungssuchende", *(_count(c.totals["clients"]) for c in group)],
            ["Fälle", *(_count(c.totals["cases"]) for c in group)],
            ["Beratungskontakte", *(_count(c.totals["contacts"]) for c in group)],
            ["Beratungsstunden", *(_WITHHELD if c.hours_total is None
                                   else fmt.decimal(c.hours_total, 1) for c in group)],
            ["Workshops (Teilnehmende)", *(f"{fmt.number(c.workshops)} ({fmt.number(c.participants)})"
                                           for c in group)]]
    offset = first
    for row in figures.areas:
        rows.append([row.label, *(_count(value) for value in row.per_center[offset:offset + len(group)])])
    label_share = 0.34
    widths = [label_share] + [(1 - label_share) / len(group)] * len(group)
    return _grid(width, styles, header, rows, widths, numbers_from=1, bold_rows=5)


def _totals_table(width: float, styles: dict[str, Any], figures: JointFigures) -> Any:
    def total(value: JointTotal) -> str:
        return value.text()

    hours = fmt.decimal(figures.hours_total, 1)
    rows = [["Beratungssuchende", total(figures.totals["clients"])],
            ["Fälle", total(figures.totals["cases"])],
            ["Beratungskontakte", total(figures.totals["contacts"])],
            ["Beratungsstunden", hours if figures.hours_complete else f"mind. {hours}"],
            ["Workshops", fmt.number(figures.workshops)],
            ["Teilnehmende an Workshops", fmt.number(figures.participants)]]
    return _grid(width, styles, ["", "Gesamt"], rows, [0.6, 0.4], numbers_from=1)


def _share_table(width: float, styles: dict[str, Any], rows: list[AreaRow]) -> Any:
    data = [[row.label, row.total_text(), "" if row.suppressed else fmt.percent(row.percent)]
            for row in rows]
    return _grid(width, styles, ["", "Fälle gesamt", "Anteil"], data, [0.6, 0.2, 0.2], numbers_from=1)


def _grid(width: float, styles: dict[str, Any], header: list[str], rows: list[list[str]], shares: list[float],
          numbers_from: int | None = None, bold_rows: int = 0) -> Any:
    def cell(text: str, column: int, bold: bool) -> Paragraph:
        numeric = numbers_from is not None and column >= numbers_from
        style = ("cell_num_bold" if bold else "cell_num") if numeric else ("cell_bold" if bold else "cell")
        return Paragraph(pdf.escape(text), styles[style])

    data = [[cell(text, column, True) for column, text in enumerate(header)]]
    data += [[cell(text, column, index < bold_rows and column == 0)
              for column, text in enumerate(row)] for index, row in enumerate(rows)]
    table = pdf.flowing_table(data, [width * share for share in shares], repeat_rows=1)
    table.setStyle(pdf.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, pdf.PRIMARY),
                                    ("LINEBELOW", (0, 1), (-1, -1), 0.3, pdf.RULE),
                                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 2)]))
    return table
