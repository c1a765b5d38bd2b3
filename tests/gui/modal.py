"""Answering modal windows in GUI tests: wait until the window is really open, then act.

A modal box (``QMessageBox.exec()``, ``QFileDialog``, our own dialogs) blocks the test at the
call that opens it, so the answer has to be arranged beforehand. Arming a one-shot timer with a
fixed delay is racy: on a loaded machine the timer can fire before the box is shown, find no
modal window, and leave the box open for ever. Here a short repeating timer polls until a
visible modal window of the wanted kind is the active one, acts on it once, and stops.

    answer = answer_box(QMessageBox.StandardButton.Cancel)
    editor.request_close()          # returns once the box was answered
    answer.check()                  # the box was shown (and the answer did not fail)
    assert "cannot be undone" in answer.text
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

Window = TypeVar("Window", bound=QWidget)

#: How often to look for the window; polling, not a guess of when it opens.
POLL_MS = 10
#: After this long without the window the polling stops (the test then fails in ``check``).
GIVE_UP_S = 60.0

# Armed answers stay referenced here until they acted or gave up: a test may not keep the
# returned object, and a QTimer that is garbage-collected never fires.
_armed: set[ModalAnswer] = set()


class ModalAnswer(Generic[Window]):
    """Acts on the next visible modal window of ``kind``; records what it saw."""

    def __init__(self, kind: type[Window], act: Callable[[Window], None]) -> None:
        self.kind = kind
        self.act = act
        self.done = False
        self.text = ""
        self.error: BaseException | None = None
        self._give_up_at = time.monotonic() + GIVE_UP_S
        self._timer = QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        _armed.add(self)
        self._timer.start()

    def _poll(self) -> None:
        window = QApplication.activeModalWidget()
        if isinstance(window, self.kind) and window.isVisible():
            self._stop()
            if isinstance(window, QMessageBox):
                self.text = f"{window.text()}\n{window.informativeText()}"
            try:
                self.act(window)
            except BaseException as error:  # the test sees it in check(); the box must not stay open
                self.error = error
                if isinstance(window, QDialog):
                    window.reject()
                else:
                    window.close()
            self.done = True
        elif time.monotonic() > self._give_up_at:
            self._stop()

    def _stop(self) -> None:
        self._timer.stop()
        _armed.discard(self)

    def check(self) -> None:
        """Fail unless the window was shown and answered without error; stop polling either way."""
        self._stop()
        if self.error is not None:
            raise self.error
        assert self.done, f"no modal {self.kind.__name__} was shown"


def when_modal(kind: type[Window], act: Callable[[Window], None]) -> ModalAnswer[Window]:
    """Act on the next modal window of ``kind`` once it is open (as a person would)."""
    return ModalAnswer(kind, act)


def answer_box(button: QMessageBox.StandardButton) -> ModalAnswer[QMessageBox]:
    """Click ``button`` in the next message box; its text and informative text are kept."""
    return ModalAnswer(QMessageBox, lambda box: box.button(button).click())
