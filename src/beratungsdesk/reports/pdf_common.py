"""Shared PDF parts: the embedded font family, styles, text markup, logo and letterhead.

Only the builders import this module, and only when a document is built:
importing reportlab costs about 0.2 s, which the program's start must not pay.

The font is DejaVu Sans (shipped in ``resources/fonts`` under its licence), a
TrueType family with Latin Extended, Turkish, Polish and Vietnamese glyphs
(ş ğ ı ł ễ ...). reportlab embeds the used subset with a ToUnicode map, so the
text can be searched and copied from the PDF.
"""

from __future__ import annotations

import html
import io
import re
from importlib import resources
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, Paragraph, Table, TableStyle

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.core.text import visible
from beratungsdesk.reports.profile import Logo, OrganisationProfile

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

PAGE = A4
MARGIN = 20 * mm

# A calm, printable palette: deep petrol for structure, warm accent for figures.
PRIMARY = colors.HexColor("#0e5a6e")
PRIMARY_LIGHT = colors.HexColor("#e3eff2")
ACCENT = colors.HexColor("#e08a1e")
TEXT = colors.HexColor("#1d2529")
MUTED = colors.HexColor("#5c6b73")
RULE = colors.HexColor("#c9d6db")

_registered = False


def register_fonts() -> None:
    """Register the DejaVu Sans family once per process."""
    global _registered  # noqa: PLW0603 - a process-wide, idempotent registration
    if _registered:
        return
    folder = resources.files("beratungsdesk") / "resources" / "fonts"
    for name in (FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC):
        with resources.as_file(folder / f"{name}.ttf") as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD_ITALIC)
    _registered = True


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14.5, textColor=TEXT,
                          alignment=TA_LEFT, spaceAfter=6)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5, textColor=MUTED,
                                spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5, spaceAfter=0),
        "cell_num": ParagraphStyle("cell_num", parent=base, fontSize=9, leading=11.5, spaceAfter=0,
                                   alignment=2),
        "cell_num_bold": ParagraphStyle("cell_num_bold", parent=base, fontName=FONT_BOLD, fontSize=9,
                                        leading=11.5, spaceAfter=0, alignment=2),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=FONT_BOLD, fontSize=9,
                                    leading=11.5, spaceAfter=0),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19,
                             textColor=PRIMARY, spaceBefore=10, spaceAfter=8),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=15,
                             textColor=PRIMARY, spaceBefore=8, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontName=FONT_BOLD, fontSize=10, leading=13,
                             textColor=TEXT, spaceBefore=4, spaceAfter=2),
        "figure": ParagraphStyle("figure", parent=base, fontName=FONT_BOLD, fontSize=20, leading=23,
                                 textColor=PRIMARY, alignment=1, spaceAfter=0),
        "figure_label": ParagraphStyle("figure_label", parent=base, fontSize=8, leading=10,
                                       textColor=MUTED, alignment=1, spaceAfter=0),
        "stand": ParagraphStyle("stand", parent=base, fontSize=8.5, textColor=MUTED, spaceAfter=4),
    }


#: reportlab's ``splitInRow``: any value above 0 lets a table row continue on the next page,
#: and it is the least height (points) of either part. Kept at one point: a paragraph splits
#: only between its lines anyway, and a larger least height makes a row a little shorter or
#: taller than a page impossible to place (reportlab refuses to leave a smaller remainder).
SPLIT_IN_ROW = 1

#: The program's name: the author of a PDF when the profile names no organisation.
PROGRAM = "BeratungsDesk"


class FlowingTable(Table):
    """A table whose every part is left-aligned: reportlab makes the parts of a split table
    with the class's defaults, so the alignment is a default here, not an argument."""

    def __init__(self, data: list[list[Any]], **options: Any) -> None:
        options.setdefault("hAlign", "LEFT")
        super().__init__(data, **options)


def flowing_table(data: list[list[Any]], col_widths: list[float], repeat_rows: int = 0) -> Table:
    """A table that continues on the next page wherever it must.

    A row that does not fit on what is left of the page is split inside (``splitInRow``: a
    20 000-character note in one cell runs on over pages) where its cells' text can be
    split between lines, else it moves to the next page whole (the row split reportlab tries
    second); the header rows are repeated on every page. In-row first, not row first:
    a tall row would otherwise start a second copy of the table, header and all, below the
    rows that fitted. Cells must be Paragraphs (or other splittable flowables), never plain
    strings, so that their text wraps and can be split; the column widths are fixed, so that
    a long word cannot widen a column beyond the page.
    """
    # reportlab splits a row's cells only when each holds a list of flowables.
    cells = [[value if isinstance(value, list) else [value] for value in row] for row in data]
    return FlowingTable(cells, colWidths=col_widths, repeatRows=repeat_rows, splitByRow=0,
                        splitInRow=SPLIT_IN_ROW)


def table_style(commands: list[tuple]) -> TableStyle:
    """A table style whose cells use our font (reportlab's default would add Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def inline(text: str) -> str:
    """Plain text to reportlab markup: escaped, ``**bold**`` kept, single newlines as breaks.

    Control and bidi characters become visible escapes (``core.text.visible``), here and in
    :func:`escape` and :func:`fit`, the ways stored text enters our PDFs."""
    escaped = html.escape(visible(text), quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    return escaped.replace("\n", "<br/>")


def paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """One Paragraph per blank-line separated block of ``text``."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
    return [Paragraph(inline(block), style) for block in blocks]


def escape(text: str) -> str:
    return html.escape(visible(text or ""), quote=False)


def logo_image(logo: Logo | None, max_width: float, max_height: float) -> Image | None:
    """The logo scaled into the box, aspect ratio kept; None when missing or unreadable."""
    if logo is None:
        return None
    try:
        reader = ImageReader(io.BytesIO(logo.data))
        width, height = reader.getSize()
    except Exception:  # an unreadable image must not stop the document; it is left out
        return None
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(logo.data), width=width * scale, height=height * scale)


def document_info(title: str, profile: OrganisationProfile, subject: str) -> dict[str, Any]:
    """Metadata and base font for a doc template (reportlab sets the creation date to the
    build time). The initial font is ours, so the PDF references no unembedded Helvetica.

    Every PDF is tagged with its title, its language (``/Lang`` de-DE in the catalog, read by
    screen readers) and its author: the organisation named in the profile, or the program."""
    register_fonts()
    return {"title": title, "author": author(profile), "subject": subject,
            "creator": "BeratungsDesk", "producer": "BeratungsDesk (reportlab)", "lang": "de-DE",
            "initialFontName": FONT, "initialFontSize": 10}


def author(profile: OrganisationProfile) -> str:
    """Who the PDF's metadata names as author: the organisation, else the program."""
    return " ".join(profile.name.split()) or PROGRAM


def draw_footer(canvas: Any, profile: OrganisationProfile, page_label: str) -> None:
    """Rule, contact line and page number at the foot of a page."""
    width, _ = PAGE
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, 16 * mm, width - MARGIN, 16 * mm)
    canvas.setFont(FONT, 7.5)
    canvas.setFillColor(MUTED)
    contact = "  ·  ".join([profile.name, *profile.contact_lines()])
    room = width - 2 * MARGIN - canvas.stringWidth(page_label, FONT, 7.5) - 8 * mm
    canvas.drawString(MARGIN, 11.5 * mm, fit(canvas, contact, room, 7.5))
    canvas.drawRightString(width - MARGIN, 11.5 * mm, page_label)
    canvas.restoreState()


def fitting_size(canvas: Any, text: str, width: float, size: float, smallest: float,
                 font: str = FONT) -> float:
    """The largest font size from ``size`` down to ``smallest`` at which ``text`` fits."""
    while size > smallest and canvas.stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def fit(canvas: Any, text: str, width: float, size: float, font: str = FONT) -> str:
    """``text``, shortened with an ellipsis until it fits ``width`` points."""
    text = visible(text)
    if canvas.stringWidth(text, font, size) <= width:
        return text
    # The longest prefix that fits with the ellipsis, found by bisection: a name or an
    # address line may be thousands of characters long.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if canvas.stringWidth(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip(" ·") + "…"


def wrapped_lines(canvas: Any, text: str, width: float, size: float, font: str,
                  max_lines: int) -> list[str]:
    """``text`` broken into at most ``max_lines`` lines of ``width`` points, for the page
    furniture drawn straight onto the canvas (title band, letterhead), whose room is fixed.

    Lines break between words; a word wider than a line breaks inside. What does not fit
    into ``max_lines`` ends the last line with an ellipsis."""
    lines: list[str] = []
    line = ""
    for word in visible(text).split():
        candidate = f"{line} {word}" if line else word
        if canvas.stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        # A word wider than a line is cut into lines, only as far as lines are kept: a
        # 100 000-character word must not be cut up to the end.
        while (canvas.stringWidth(line, font, size) > width and len(line) > 1
               and len(lines) <= max_lines):
            head = _longest_fitting_prefix(canvas, line, width, size, font)
            lines.append(line[:head])
            line = line[head:]
        if len(lines) > max_lines:
            break
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = fit(canvas, lines[-1].rstrip(" ·") + "…", width, size, font)
    return lines


def _longest_fitting_prefix(canvas: Any, text: str, width: float, size: float, font: str) -> int:
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if canvas.stringWidth(text[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def build(doc: Any, story: list[Any], **page_callbacks: Any) -> None:
    """``doc.build`` that turns reportlab's ``LayoutError`` into a typed error.

    reportlab raises it when one piece cannot be placed on any page. Our documents are
    built so that this does not happen for any text (paragraphs and table rows split
    across pages, long words break inside); should it happen anyway, its text quotes the
    piece, which may be personal, so the error carries only a code.
    """
    from reportlab.platypus.doctemplate import LayoutError

    try:
        doc.build(story, **page_callbacks)
    except LayoutError:
        raise BeratungsError("pdf_layout") from None
