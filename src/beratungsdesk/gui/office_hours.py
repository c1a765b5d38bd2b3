"""The weekly office hours (Sprechstunden) of the towns: a dialog to see, add and remove them.

Shared by every device (the outreach schedule); saved at once, like referrals.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from beratungsdesk.core import model
from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.gui.common import QT_TRANSLATE_NOOP, icon
from beratungsdesk.gui.models import Column, RecordTableModel, record_table
from beratungsdesk.gui.widgets import FieldMessage, VocabCombo, show_field_errors, with_message
from beratungsdesk.gui.worker import Backend, Runner
from beratungsdesk.services.session_office import Labels
from beratungsdesk.services.week import WeekService

_T = "OfficeHoursDialog"
WEEKDAYS = (
    QT_TRANSLATE_NOOP("OfficeHoursDialog", "Monday"),
    QT_TRANSLATE_NOOP("OfficeHoursDialog", "Tuesday"),
    QT_TRANSLATE_NOOP("OfficeHoursDialog", "Wednesday"),
    QT_TRANSLATE_NOOP("OfficeHoursDialog", "Thursday"),
    QT_TRANSLATE_NOOP("OfficeHoursDialog", "Friday"),
    QT_TRANSLATE_NOOP("OfficeHoursDialog", "Saturday"),
    QT_TRANSLATE_NOOP("OfficeHoursDialog", "Sunday"),
)
_H = {
    "Day": QT_TRANSLATE_NOOP("OfficeHoursDialog", "Day"),
    "Time": QT_TRANSLATE_NOOP("OfficeHoursDialog", "Time"),
    "Town": QT_TRANSLATE_NOOP("OfficeHoursDialog", "Town"),
    "Counselor": QT_TRANSLATE_NOOP("OfficeHoursDialog", "Counselor"),
    "Place": QT_TRANSLATE_NOOP("OfficeHoursDialog", "Place"),
}


def week(backend: Backend) -> WeekService:
    return WeekService(backend.require().store)


class OfficeHoursDialog(QDialog):
    def __init__(self, runner: Runner, labels: Labels, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Office hours"))
        self.runner, self.labels = runner, labels
        self.model = RecordTableModel(_T, [
            Column(_H["Day"], self._weekday),
            Column(_H["Time"], lambda r: f"{r.start_time or ''}–{r.end_time or ''}"),
            Column(_H["Town"], lambda r: self.labels.label("town", r.town)),
            Column(_H["Counselor"], lambda r: self.labels.counselor(r.counselor_id)),
            Column(_H["Place"], lambda r: r.place or ""),
        ], self)
        self.table = record_table(self.model, self.tr("Office hours"))
        self.weekday = QComboBox()
        for number, name in enumerate(WEEKDAYS, start=1):
            self.weekday.addItem(self.tr(name), number)
        self.start, self.end, self.place = QLineEdit(), QLineEdit(), QLineEdit()
        self.start.setPlaceholderText("HH:MM")
        self.end.setPlaceholderText("HH:MM")
        self.town = VocabCombo("town", optional=False)
        self.town.set_labels(labels)
        self.counselor = QComboBox()
        self.counselor.addItem(self.tr("(nobody in particular)"), None)
        for counselor_id, name in labels.counselors:
            if counselor_id not in labels.inactive:
                self.counselor.addItem(name, counselor_id)
        self.messages: dict[str, FieldMessage] = {}
        grid = QGridLayout()
        for position, (name, label, widget) in enumerate((
                ("weekday", self.tr("Weekday:"), self.weekday), ("start_time", self.tr("From:"), self.start),
                ("end_time", self.tr("To:"), self.end), ("town", self.tr("Town:"), self.town),
                ("counselor_id", self.tr("Counselor:"), self.counselor),
                ("place", self.tr("Place:"), self.place))):
            box, self.messages[name] = with_message(widget)
            widget.setAccessibleName(label.rstrip(":"))
            row, column = divmod(position, 3)
            grid.addWidget(QLabel(label), row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
        self.general = FieldMessage()
        self.add_button = QPushButton(icon("add"), self.tr("&Add office hour"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(grid)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(760, 480)
        self.reload()

    def _weekday(self, hour: model.OfficeHour) -> str:
        valid = isinstance(hour.weekday, int) and 1 <= hour.weekday <= 7
        return self.tr(WEEKDAYS[hour.weekday - 1]) if valid else str(hour.weekday)  # type: ignore[operator]

    def reload(self) -> None:
        self.runner.call(lambda b: week(b).office_hours(), self.model.set_records, self._failed, self)

    def _failed(self, error: BeratungsError) -> None:
        show_field_errors(error, self.messages, self.general)

    def add(self) -> None:
        for message in (*self.messages.values(), self.general):
            message.show_text("")
        weekday = int(self.weekday.currentData())
        start, end = self.start.text().strip(), self.end.text().strip()
        town, counselor_id = self.town.code() or "", self.counselor.currentData()
        place = self.place.text().strip() or None

        def done(_hour: model.OfficeHour) -> None:
            self.start.clear()
            self.end.clear()
            self.place.clear()
            self.reload()

        self.runner.call(lambda b: week(b).add_office_hour(weekday, start, end, town, counselor_id, place),
                         done, self._failed, self)

    def remove_selected(self) -> None:
        hour = self.model.record(self.table.currentIndex().row())
        if hour is None:
            self.general.show_text(self.tr("Select an office hour first."))
            return
        self.runner.call(lambda b: week(b).delete("office_hour", hour.id), lambda _r: self.reload(),
                         self._failed, self)
