"""The short annual report ("Kurzbericht"), built like the center's own (seed/kurzbericht-2021-22).

Sections: Einleitung, Beratung, Beratung in Zahlen (headline figures, a sentence
on the most frequent areas of life, a chart of all areas, "Stand:"), Prävention,
Netzwerk. Texts come from the organisation profile; every number comes from
:class:`Statistics`. Prevention and network figures appear only where the store
holds such records: nothing is invented.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from beratungsdesk.core.vocab import Vocabulary
from beratungsdesk.reports import formatting as fmt
from beratungsdesk.reports import pdf_common as pdf
from beratungsdesk.reports.profile import OrganisationProfile
from beratungsdesk.reports.statistics import (
    WITHHELD_TEXT,
    Breakdown,
    Cell,
    Statistics,
    WorkshopFigures,
)
from beratungsdesk.storage.statistics import NOT_STATED

BAND_HEIGHT = 62 * mm
CONTACT_WIDTH = 70 * mm  # the widest a contact line in the title band may be
BAR_HEIGHT = 6 * mm  # one bar of the area chart
SIDE_BY_SIDE_MAX = 90 * mm  # the tallest two tables may be to stand next to each other


def build_kurzbericht(stats: Statistics, profile: OrganisationProfile, vocabulary: Vocabulary,
                      as_of: dt.date) -> bytes:
    styles = pdf.styles()
    title = f"Kurzbericht {fmt.period_title(stats.start, stats.end)}"
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=pdf.PAGE, leftMargin=pdf.MARGIN, rightMargin=pdf.MARGIN,
        topMargin=pdf.MARGIN, bottomMargin=24 * mm,
        **pdf.document_info(_document_title(title, profile), profile,
                            f"Berichtszeitraum {fmt.period_range(stats.start, stats.end)}"))
    story: list[Any] = [Spacer(1, BAND_HEIGHT - 6 * mm)]
    story += _section("Einleitung", profile.text("einleitung"), styles)
    story += _section("Beratung", profile.text("beratung"), styles)
    story += _figures_section(stats, profile, as_of, styles, doc.width)
    story += _prevention_section(stats, profile, vocabulary, styles, doc.width)
    story += _network_section(stats, profile, vocabulary, styles, doc.width)

    def first_page(canvas: Any, document: Any) -> None:
        _draw_band(canvas, profile, title, stats)
        later_pages(canvas, document)

    def later_pages(canvas: Any, document: Any) -> None:
        # Every footer names the report, the first page's too: a page printed or passed on
        # alone still says what it belongs to.
        pdf.draw_footer(canvas, profile, f"{title}  ·  Seite {document.page}")

    pdf.build(doc, story, onFirstPage=first_page, onLaterPages=later_pages)
    return buffer.getvalue()


def _document_title(title: str, profile: OrganisationProfile) -> str:
    """The title in the PDF's metadata: the report and, if the profile names one, who made it."""
    name = " ".join(profile.name.split())
    return f"{title} – {name}" if name else title


# --- page furniture -----------------------------------------------------------------

def _draw_band(canvas: Any, profile: OrganisationProfile, title: str, stats: Statistics) -> None:
    """The title band of the first page: logo, organisation, title, period, contact.

    The band has a fixed height, so every text in it is confined to its room: the name to
    three lines, each other line to the width left; what is longer ends with an ellipsis."""
    width, height = pdf.PAGE
    top = height - BAND_HEIGHT
    canvas.saveState()
    canvas.setFillColor(pdf.PRIMARY)
    canvas.rect(0, top, width, BAND_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(pdf.ACCENT)
    canvas.rect(0, top - 2.2 * mm, width, 2.2 * mm, stroke=0, fill=1)
    text_left = pdf.MARGIN
    logo = pdf.logo_image(profile.logo, 38 * mm, 30 * mm)
    if logo is not None:
        box_w, box_h = logo.drawWidth + 6 * mm, logo.drawHeight + 6 * mm
        box_x, box_y = pdf.MARGIN, height - 12 * mm - box_h
        canvas.setFillColor(pdf.colors.white)
        canvas.roundRect(box_x, box_y, box_w, box_h, 2 * mm, stroke=0, fill=1)
        logo.drawOn(canvas, box_x + 3 * mm, box_y + 3 * mm)
        text_left = box_x + box_w + 8 * mm
    text_room = width - pdf.MARGIN - text_left
    contact = [pdf.fit(canvas, line, CONTACT_WIDTH, 8) for line in profile.contact_lines()[:4]]
    contact_width = max((canvas.stringWidth(line, pdf.FONT, 8) for line in contact), default=0)
    canvas.setFillColor(pdf.colors.white)
    canvas.setFont(pdf.FONT, 10.5)
    name_lines = pdf.wrapped_lines(canvas, profile.name, text_room - contact_width - 8 * mm, 10.5,
                                   pdf.FONT, max_lines=3)
    y = height - 18 * mm
    for line in name_lines:
        canvas.drawString(text_left, y, line)
        y -= 10.5 * 1.3
    size = pdf.fitting_size(canvas, title.upper(), text_room, 30, 16, pdf.FONT_BOLD)
    canvas.setFont(pdf.FONT_BOLD, size)
    canvas.drawString(text_left, height - 38 * mm,
                      pdf.fit(canvas, title.upper(), text_room, size, pdf.FONT_BOLD))
    canvas.setFont(pdf.FONT, 10)
    canvas.drawString(text_left, height - 46 * mm,
                      f"Berichtszeitraum {fmt.period_range(stats.start, stats.end)}")
    lines = [pdf.fit(canvas, line, text_room, 8) for line in (profile.cooperation, profile.funding)
             if line]
    canvas.setFont(pdf.FONT, 8)
    y = top + 5 * mm + 3.6 * mm * (len(lines) - 1)
    for line in lines:
        canvas.drawString(text_left, y, line)
        y -= 3.6 * mm
    y = height - 14 * mm
    for line in contact:
        canvas.drawRightString(width - pdf.MARGIN, y, line)
        y -= 4 * mm
    canvas.restoreState()


# --- sections -----------------------------------------------------------------------

def _heading(title: str, styles: dict) -> Paragraph:
    return Paragraph(pdf.escape(title.upper()), styles["h1"])


def _section(title: str, text: str, styles: dict) -> list[Any]:
    body = pdf.paragraphs(text, styles["body"])
    if not body:
        return []
    return [CondPageBreak(40 * mm), _heading(title, styles), *body]


def _figures_section(stats: Statistics, profile: OrganisationProfile, as_of: dt.date,
                     styles: dict, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(75 * mm), KeepTogether([
        _heading("Beratung in Zahlen", styles), _headline_figures(stats, styles, width),
        Spacer(1, 4 * mm), Paragraph(figures_sentence(stats), styles["body"])])]
    story += pdf.paragraphs(profile.text("zahlen"), styles["body"])
    if stats.cases.value:
        story.append(KeepTogether([
            Paragraph("Themen der Beratung: Lebensbereiche (Anteil der Fälle)", styles["h3"]),
            area_chart(stats.areas, width, styles)]))
        story.append(Spacer(1, 3 * mm))
        story += _side_by_side(
            _breakdown_table(stats.breakdowns["channels"], "Kontaktart", styles, width / 2 - 4 * mm),
            _breakdown_table(stats.breakdowns["towns"], "Beratungsort", styles, width / 2 - 4 * mm),
            width)
    story.append(Spacer(1, 2 * mm))
    notes = [f"Stand: {fmt.date(as_of)}"]
    if stats.publication:
        notes.append("Werte unter 3 sind als „< 3“ ausgewiesen; mit „•“ markierte Werte sind aus "
                     "Datenschutzgründen nicht ausgewiesen.")
    notes.append("Anteile sind auf ganze Prozent gerundet und ergeben zusammen 100 %. Ein Fall "
                 "gehört zum Berichtszeitraum, wenn er darin eröffnet wurde.")
    story += [Paragraph(pdf.escape(note), styles["stand"]) for note in notes]
    return story


def _headline_figures(stats: Statistics, styles: dict, width: float) -> Table:
    average = (fmt.decimal(stats.avg_hours_per_case, 1) if stats.avg_hours_per_case is not None
               else "–")
    figures = [
        (stats.clients.text(), "Beratungssuchende"),
        (stats.cases.text(), "Fälle"),
        (stats.contacts.text(), "Beratungskontakte"),
        (average, "Stunden durchschnittliche Beratungsdauer pro Fall"),
    ]
    cells = [[Paragraph(pdf.escape(value), styles["figure"]),
              Paragraph(pdf.escape(label), styles["figure_label"])] for value, label in figures]
    table = Table([[cell[0] for cell in cells], [cell[1] for cell in cells]],
                  colWidths=[width / 4] * 4)
    table.setStyle(pdf.table_style([
        ("BACKGROUND", (0, 0), (-1, -1), pdf.PRIMARY_LIGHT),
        ("LINEAFTER", (0, 0), (-2, -1), 2, pdf.colors.white),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
    ]))
    return table


def figures_sentence(stats: Statistics) -> str:
    """The seed report's paragraph, written from the figures (markup with <b>)."""
    period = fmt.period_range(stats.start, stats.end).replace("–", "bis")
    if not stats.cases.value:
        return f"Im Berichtszeitraum vom {period} wurden keine Beratungsfälle erfasst."
    people = _count_phrase(stats.clients, "beratungssuchende Person", "Beratungssuchende")
    cases = _count_phrase(stats.cases, "Fall", "Fälle")
    parts = [f"Im Berichtszeitraum vom {period} haben <b>{people}</b> Kontakt zur Beratungsstelle "
             f"aufgenommen; bearbeitet wurden <b>{cases}</b>."]
    groups = _percent_groups([c for c in stats.areas.ranked() if not c.suppressed])
    if groups:
        first, *rest = groups
        sentence = f"Die häufigsten Themen der Beratung waren {_group_phrase(first)}"
        if rest:
            sentence += f", gefolgt von {_group_phrase(rest[0])}"
        parts.append(sentence + ".")
        others = [cell for group in rest[1:] for cell in group]
        if others:
            listed = [f"<b>{pdf.escape(c.label)}</b> ({fmt.percent(c.percent)})" for c in others]
            parts.append(f"Weitere Anfragen betrafen {_join(listed)}.")
    if stats.avg_hours_per_case is not None:
        parts.append("Die durchschnittliche Beratungsdauer pro Fall lag bei "
                     f"<b>{fmt.hours(stats.avg_hours_per_case)}</b>.")
    return " ".join(parts)


def _count_phrase(total: Any, singular: str, plural: str) -> str:
    if total.suppressed:
        return f"weniger als drei {plural}"
    if total.value == 1:
        return f"1 {singular}"
    return f"{fmt.number(total.value)} {plural}"


def _percent_groups(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped by equal share, largest share first."""
    groups: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: -c.percent):
        if groups and groups[-1][0].percent == cell.percent:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    return groups


def _group_phrase(group: list[Cell]) -> str:
    names = _join([f"<b>{pdf.escape(c.label)}</b>" for c in group])
    share = fmt.percent(group[0].percent)
    return f"{names} ({'je ' if len(group) > 1 else ''}{share})"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " und " + items[-1]


def area_chart(areas: Breakdown, width: float, styles: dict) -> Table:
    """Horizontal bars, one per area of life, largest share first; labels in German format.

    A table of label and bar, one row per area: a long label (the office may name an area
    as it likes) wraps in its column and the chart continues on the next page if need be."""
    # Shown shares largest first, then withheld cells, then areas without cases.
    cells = sorted((c for c in areas.cells if c.count or c.code != NOT_STATED),
                   key=lambda c: (2 if not c.count else 1 if c.suppressed else 0, -c.percent))
    label_width = 52 * mm
    top_share = max((c.percent for c in cells if not c.suppressed), default=0) or 1
    label_style = styles["cell"].clone("chart_label", alignment=2)
    rows = [[Paragraph(pdf.escape(cell.label), label_style), _bar(cell, width - label_width, top_share)]
            for cell in cells]
    table = pdf.flowing_table(rows, [label_width, width - label_width])
    # Aligned at the top, not in the middle: a row split over two pages then keeps its bar
    # beside the label's first lines. The label's padding centres one line on its bar.
    label_padding = 1.3 * mm + (BAR_HEIGHT - label_style.leading) / 2
    table.setStyle(pdf.table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.3 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.3 * mm),
        ("TOPPADDING", (0, 0), (0, -1), label_padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 3 * mm),
        ("RIGHTPADDING", (1, 0), (1, -1), 0)]))
    return table


def _bar(cell: Cell, width: float, top_share: float) -> Drawing:
    """One bar of the area chart: the share as a bar on a light track, the value after it."""
    bar_height, value_width = BAR_HEIGHT, 16 * mm
    bar_room = width - value_width
    drawing = Drawing(width, bar_height, initialFontName=pdf.FONT, initialFontSize=9)
    drawing.add(Rect(0, 0, bar_room, bar_height, fillColor=pdf.PRIMARY_LIGHT, strokeColor=None))
    if cell.suppressed:
        value = cell.count_text() if cell.suppressed == "small" else WITHHELD_TEXT
        bar = 0.0
    else:
        value = fmt.percent(cell.percent)
        bar = bar_room * cell.percent / top_share
    if bar:
        drawing.add(Rect(0, 0, bar, bar_height, fillColor=pdf.PRIMARY, strokeColor=None))
    drawing.add(String(bar + 2 * mm, bar_height / 2 - 3, value, fontName=pdf.FONT_BOLD, fontSize=9,
                       fillColor=pdf.ACCENT))
    return drawing


def _breakdown_table(breakdown: Breakdown, header: str, styles: dict, width: float) -> Table:
    rows = [[Paragraph(pdf.escape(header), styles["cell_bold"]),
             Paragraph("Anzahl", styles["cell_num_bold"]),
             Paragraph("Anteil", styles["cell_num_bold"])]]
    for cell in breakdown.cells:
        if not cell.count:
            continue
        share = "" if cell.suppressed else fmt.percent(cell.percent)
        rows.append([Paragraph(pdf.escape(cell.label), styles["cell"]),
                     Paragraph(pdf.escape(cell.count_text()), styles["cell_num"]),
                     Paragraph(share, styles["cell_num"])])
    table = pdf.flowing_table(rows, [width - 36 * mm, 18 * mm, 18 * mm], repeat_rows=1)
    table.setStyle(pdf.table_style([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, pdf.PRIMARY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, pdf.RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _side_by_side(left: Table, right: Table, width: float) -> list[Any]:
    """The two tables next to each other when both are short, else one below the other.

    A table inside another cannot continue on the next page; long tables (many towns, or
    long names the office gave them) therefore stand alone, where they can."""
    half = width / 2 - 4 * mm
    short = max(left.wrap(half, pdf.PAGE[1])[1], right.wrap(half, pdf.PAGE[1])[1]) <= SIDE_BY_SIDE_MAX
    if not short:
        return [left, Spacer(1, 3 * mm), right]
    outer = Table([[left, right]], colWidths=[width / 2, width / 2])
    outer.setStyle(pdf.table_style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (0, -1), 8 * mm)]))
    return [outer]


def _prevention_section(stats: Statistics, profile: OrganisationProfile, vocabulary: Vocabulary,
                        styles: dict, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(60 * mm), _heading("Prävention", styles)]
    story += pdf.paragraphs(profile.text("praevention"), styles["body"])
    offers = [(term.label("de"), profile.offers[term.code])
              for term in vocabulary.terms("workshop_type") if profile.offers.get(term.code)]
    for number, (label, text) in enumerate(offers, start=1):
        story.append(KeepTogether([
            Paragraph(f"<font color='#{pdf.ACCENT.hexval()[2:]}' name='{pdf.FONT_BOLD}'>"
                      f"{number}</font>&nbsp;&nbsp;{pdf.escape(label)}", styles["h3"]),
            *pdf.paragraphs(text, styles["body"])]))
    if stats.workshops is not None and stats.workshops.total:
        story.append(workshop_table(stats.workshops, vocabulary, styles, width))
    return story if len(story) > 2 else []


def workshop_table(workshops: WorkshopFigures, vocabulary: Vocabulary, styles: dict,
                   width: float) -> Table:
    """Held workshops per offer in the order the text above lists the offers (the
    vocabulary's), and a last row "Gesamt" with all events and all participants."""
    rows = [[vocabulary.label("workshop_type", code, "de"), fmt.number(count), fmt.number(people)]
            for code, count, people in workshops.in_order(vocabulary) if count]
    total = ["Gesamt", fmt.number(workshops.total), fmt.number(workshops.participants)]
    return _simple_table(["Angebot", "Veranstaltungen", "Teilnehmende"], rows, styles, width, total)


def _network_section(stats: Statistics, profile: OrganisationProfile, vocabulary: Vocabulary,
                     styles: dict, width: float) -> list[Any]:
    story: list[Any] = [CondPageBreak(50 * mm), _heading("Netzwerk", styles)]
    story += pdf.paragraphs(profile.text("netzwerk"), styles["body"])
    facts = []
    if stats.partners:
        facts.append(f"<b>{fmt.number(sum(stats.partners.values()))}</b> Kooperationspartner*innen")
    if stats.meetings:
        facts.append(f"<b>{fmt.number(stats.meetings)}</b> Netzwerk- und Kooperationstreffen")
    if stats.referrals_to:
        facts.append(f"<b>{fmt.number(stats.referrals_to)}</b> Verweise an Partner*innen im Netzwerk")
    if stats.referrals_from:
        facts.append(f"<b>{fmt.number(stats.referrals_from)}</b> Zugänge über Partner*innen")
    if stats.referrals:
        facts.append(f"<b>{fmt.number(stats.referrals)}</b> Verweise an Fachstellen aus der Beratung")
    if facts:
        story.append(Paragraph("Im Berichtszeitraum: " + ", ".join(facts) + ".", styles["body"]))
    if stats.partners:
        story.append(_simple_table(["Art der Partner*innen", "Anzahl"],
                                   [[vocabulary.label("partner_kind", code, "de"), fmt.number(count)]
                                    for code, count in stats.partners.items() if count],
                                   styles, width))
    return story if len(story) > 2 else []


def _simple_table(header: list[str], rows: list[list[str]], styles: dict, width: float,
                  total: list[str] | None = None) -> Table:
    """A name column and figure columns, with a bold total row below a rule if given; the
    name wraps, and the table continues on the next page with its header repeated."""

    def row_of(values: list[str], bold: bool) -> list[Paragraph]:
        names = ("cell_bold", "cell_num_bold") if bold else ("cell", "cell_num")
        return [Paragraph(pdf.escape(value), styles[names[0] if i == 0 else names[1]])
                for i, value in enumerate(values)]

    data = [row_of(header, bold=True), *(row_of(row, bold=False) for row in rows)]
    commands = [("LINEBELOW", (0, 0), (-1, 0), 0.8, pdf.PRIMARY),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, pdf.RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if total is not None:
        data.append(row_of(total, bold=True))
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, pdf.PRIMARY))
    figure_width = 36 * mm  # "Veranstaltungen" in bold on one line
    figures = len(header) - 1
    table = pdf.flowing_table(data, [width - figures * figure_width] + [figure_width] * figures,
                              repeat_rows=1)
    table.setStyle(pdf.table_style(commands))
    return table
