"""The session timer: started when a conversation begins, stopped when it ends; stopping
gives the start time and the minutes (the case editor's contact form and the outreach page
take them). A running session survives locking as part of a draft."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from beratungsdesk.gui.common import icon


class SessionTimer(QWidget):
    """Start/stop timer for a conversation; stopping fills the contact's duration."""

    stopped = Signal(str, int)  # start time HH:MM, minutes (at least 1)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._started: float | None = None
        self._start_clock = ""
        self.display = QLabel("00:00")
        font = QFont(self.display.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setFamily("monospace")
        self.display.setFont(font)
        self.display.setAccessibleName(self.tr("Elapsed time"))
        self.button = QPushButton(icon("timer"), self.tr("Start &session"))
        self.button.setAccessibleName(self.tr("Start or stop the session timer"))
        self.button.clicked.connect(self.toggle)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._update)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.display)
        layout.addStretch(1)

    @property
    def running(self) -> bool:
        return self._started is not None

    def toggle(self) -> None:
        if self._started is None:
            self._started = time.monotonic()
            self._start_clock = dt.datetime.now().strftime("%H:%M")
            self.button.setText(self.tr("Stop &session"))
            self.tick.start()
            self._update()
        else:
            minutes = max(1, round((time.monotonic() - self._started) / 60))
            self.reset()
            self.stopped.emit(self._start_clock, minutes)

    def reset(self) -> None:
        self._started = None
        self.tick.stop()
        self.button.setText(self.tr("Start &session"))
        self.display.setText("00:00")

    def _update(self) -> None:
        if self._started is not None:
            seconds = int(time.monotonic() - self._started)
            self.display.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    def draft_state(self) -> dict[str, Any] | None:
        """A running session for a draft: when it started (wall clock), so it runs on while locked."""
        if self._started is None:
            return None
        return {"started_at": time.time() - (time.monotonic() - self._started), "clock": self._start_clock}

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Run on from the start a draft kept (the conversation went on while the program was locked)."""
        try:
            elapsed = max(0.0, time.time() - float(state["started_at"]))
        except (KeyError, TypeError, ValueError):
            return
        self._started = time.monotonic() - elapsed
        self._start_clock = str(state.get("clock") or "")
        self.button.setText(self.tr("Stop &session"))
        self.tick.start()
        self._update()
