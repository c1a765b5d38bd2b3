"""Statistics: the figures of a period, one breakdown as table and bar chart, and the exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, AppSettings, error_text, icon
from beratungsdesk.gui.models import Column, RecordTableModel
from beratungsdesk.gui.ops import reports as report_ops
from beratungsdesk.gui.widgets import DateField, FieldMessage
from beratungsdesk.gui.worker import Runner
from beratungsdesk.services.session_reports import BREAKDOWNS, Statistics

_C = "StatisticsView"
_HEADERS = {
    "label": QT_TRANSLATE_NOOP("StatisticsView", "Entry"),
    "count": QT_TRANSLATE_NOOP("StatisticsView", "Number"),
    "percent": QT_TRANSLATE_NOOP("StatisticsView", "Share"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_C, text)


def _number(value: object) -> str:
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else str(value)


class BarChart(QWidget):
    """Horizontal bars of one breakdown (largest first); suppressed cells are left out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int, str]] = []  # label, count, text shown
        self.setMinimumHeight(160)
        self.setAccessibleName(_t("Bar chart of the chosen breakdown"))

    def set_bars(self, bars: list[tuple[str, int, str]]) -> None:
        self.bars = bars
        self.setMinimumHeight(max(160, 26 * len(bars) + 16))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.bars:
            painter.setPen(QColor("#4f5f5f"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _t("No figures for this period."))
            return
        metrics = self.fontMetrics()
        label_width = min(max(metrics.horizontalAdvance(label) for label, _c, _t2 in self.bars) + 16,
                          self.width() // 2)
        value_width = metrics.horizontalAdvance("00.000 (100 %)") + 12
        bar_space = max(self.width() - label_width - value_width - 16, 10)
        highest = max(count for _l, count, _t2 in self.bars) or 1
        row_height = 26
        for row, (label, count, text) in enumerate(self.bars):
            top = 8 + row * row_height
            painter.setPen(QColor("#1f2d2d"))
            painter.drawText(QRectF(8, top, label_width - 12, row_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 12))
            length = bar_space * count / highest
            painter.fillRect(QRectF(label_width, top + 5, max(length, 2), row_height - 10), QColor("#2f6f73"))
            painter.drawText(QRectF(label_width + length + 6, top, value_width, row_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


class StatisticsView(QWidget):
    def __init__(self, runner: Runner, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.statistics: Statistics | None = None
        self.stale = True  # data changed since the figures were calculated
        self.last_saved: Path | None = None
        heading = QLabel(self.tr("Statistics"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)

        today = dt.date.today()
        self.start = DateField()
        self.start.set_value(dt.date(today.year, 1, 1))
        self.start.setAccessibleName(self.tr("Period from"))
        self.end = DateField()
        self.end.set_value(today)
        self.end.setAccessibleName(self.tr("Period to"))
        this_year = QPushButton(self.tr("This year"))
        this_year.clicked.connect(lambda: self.set_period(dt.date(today.year, 1, 1), today))
        last_year = QPushButton(self.tr("Last year"))
        last_year.clicked.connect(lambda: self.set_period(dt.date(today.year - 1, 1, 1),
                                                          dt.date(today.year - 1, 12, 31)))
        self.publication = QCheckBox(self.tr("For publication (numbers below 3 withheld)"))
        # On by default: the short report and the CSV are made to leave the office.
        self.publication.setChecked(True)
        self.calculate_button = QPushButton(icon("statistics"), self.tr("&Calculate"))
        self.calculate_button.setDefault(True)
        self.calculate_button.clicked.connect(self.calculate)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("From:")))
        period.addWidget(self.start)
        period.addWidget(QLabel(self.tr("to:")))
        period.addWidget(self.end)
        period.addWidget(this_year)
        period.addWidget(last_year)
        period.addStretch(1)
        period.addWidget(self.calculate_button)
        options = QHBoxLayout()
        options.addWidget(self.publication)
        options.addStretch(1)
        self.pdf_button = QPushButton(icon("report"), self.tr("Short report (&PDF)…"))
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_button = QPushButton(icon("download"), self.tr("&CSV export…"))
        self.csv_button.clicked.connect(self.save_csv)
        options.addWidget(self.pdf_button)
        options.addWidget(self.csv_button)
        self.message = FieldMessage()

        self.headline: dict[str, QLabel] = {}
        figures = QGroupBox(self.tr("Figures"))
        grid = QGridLayout(figures)
        for column, (key, title) in enumerate((("clients", self.tr("Clients")), ("cases", self.tr("Cases")),
                                               ("contacts", self.tr("Contacts")),
                                               ("hours", self.tr("Hours of counseling")),
                                               ("average", self.tr("Hours per case")))):
            value = QLabel("–")
            big = QFont(value.font())
            big.setPointSizeF(big.pointSizeF() * 1.8)
            big.setBold(True)
            value.setFont(big)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setAccessibleName(title)
            caption = QLabel(title)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(value, 0, column)
            grid.addWidget(caption, 1, column)
            self.headline[key] = value

        self.breakdown = QComboBox()
        self.breakdown.setAccessibleName(self.tr("Breakdown"))
        language = settings.language
        for spec in BREAKDOWNS:
            self.breakdown.addItem(spec.title(language), spec.key)
        self.breakdown.currentIndexChanged.connect(self.show_breakdown)
        self.cells_model = RecordTableModel(_C, [
            Column(_HEADERS["label"], lambda c: c.label),
            Column(_HEADERS["count"], lambda c: c.count_text(), align_right=True),
            Column(_HEADERS["percent"], lambda c: "" if c.shown_percent is None else f"{c.percent} %",
                   align_right=True),
        ], self)
        self.cells_table = QTableView()
        self.cells_table.setModel(self.cells_model)
        self.cells_table.setAccessibleName(self.tr("Figures of the breakdown"))
        self.cells_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.cells_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cells_table.verticalHeader().hide()
        self.cells_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.cells_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.cells_table.setAlternatingRowColors(True)
        self.chart = BarChart()
        splitter = QSplitter()
        splitter.addWidget(self.cells_table)
        splitter.addWidget(self.chart)
        splitter.setSizes([380, 520])
        breakdown_row = QHBoxLayout()
        breakdown_row.addWidget(QLabel(self.tr("Breakdown:")))
        breakdown_row.addWidget(self.breakdown, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addLayout(period)
        layout.addLayout(options)
        layout.addWidget(self.message)
        layout.addWidget(figures)
        layout.addLayout(breakdown_row)
        layout.addWidget(splitter, 1)
        self._set_export_enabled(False)

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.start.set_value(start)
        self.end.set_value(end)
        self.calculate()

    def _period(self) -> tuple[dt.date, dt.date]:
        return self.start.value() or dt.date.today(), self.end.value() or dt.date.today()

    def _set_export_enabled(self, enabled: bool) -> None:
        self.pdf_button.setEnabled(enabled)
        self.csv_button.setEnabled(enabled)

    def calculate(self) -> None:
        if not (self.start.is_valid() and self.end.is_valid()):
            return  # the field says what is wrong with the typed date
        start, end = self._period()
        publication, language = self.publication.isChecked(), self.settings.language
        self.message.show_text("")
        self.calculate_button.setEnabled(False)
        report_ops.statistics(start, end, publication, language).run(self.runner, self, self._show,
                                                                    self._failed)

    def _show(self, statistics: Statistics) -> None:
        self.calculate_button.setEnabled(True)
        self.stale = False
        self.statistics = statistics
        average = statistics.avg_hours_per_case
        hours = "–" if statistics.cases.suppressed else str(statistics.hours_total).replace(".", ",")
        values = {"clients": statistics.clients.text(statistics.lang),
                  "cases": statistics.cases.text(statistics.lang),
                  "contacts": statistics.contacts.text(statistics.lang),
                  "hours": hours,
                  "average": "–" if average is None else str(average).replace(".", ",")}
        for key, text in values.items():
            self.headline[key].setText(text)
        self._set_export_enabled(True)
        self.show_breakdown()

    def show_breakdown(self) -> None:
        if self.statistics is None:
            return
        breakdown = self.statistics.breakdowns.get(str(self.breakdown.currentData()))
        if breakdown is None:
            self.cells_model.set_records([])
            self.chart.set_bars([])
            return
        self.cells_model.set_records(list(breakdown.cells))
        # Months read as a time line (calendar order, empty months too); the others largest first.
        cells = breakdown.cells if breakdown.key == "by_month" else breakdown.ranked()
        self.chart.set_bars([(c.label, c.count, f"{_number(c.count)} ({c.percent} %)")
                             for c in cells if not c.suppressed])

    def _failed(self, error: BeratungsError) -> None:
        self.calculate_button.setEnabled(True)
        self.message.setStyleSheet("color: #a12622;")
        self.message.show_text(error_text(error))

    def save_pdf(self) -> None:
        start, end = self._period()
        name = f"Kurzbericht-{start.isoformat()}-{end.isoformat()}.pdf"
        target = self._ask_target(name, self.tr("PDF (*.pdf)"))
        if target is None:
            return
        publication = self.publication.isChecked()
        self.message.show_text("")
        report_ops.kurzbericht(start, end, target, publication).run(self.runner, self, self._saved,
                                                                   self._failed)

    def save_csv(self) -> None:
        statistics = self.statistics
        if statistics is None:
            return
        name = f"Zahlen-{statistics.start.isoformat()}-{statistics.end.isoformat()}.csv"
        target = self._ask_target(name, self.tr("CSV (*.csv)"))
        if target is None:
            return
        report_ops.export_csv(statistics, target).run(self.runner, self, self._saved, self._failed)

    def _ask_target(self, name: str, file_filter: str) -> Path | None:
        folder = self.settings.q.value("reports/folder", str(Path.home()))
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as"),
                                                      str(Path(str(folder)) / name), file_filter)
        if not chosen:
            return None
        self.settings.q.setValue("reports/folder", str(Path(chosen).parent))
        return Path(chosen)

    def _saved(self, path: Path) -> None:
        self.message.setStyleSheet("color: #2f6f73;")
        self.message.show_text(self.tr("Saved: {file}").format(file=path))
        self.last_saved = path

    def clear(self) -> None:
        self.statistics = None
        self.cells_model.set_records([])
        self.chart.set_bars([])
        for label in self.headline.values():
            label.setText("–")
        self._set_export_enabled(False)
