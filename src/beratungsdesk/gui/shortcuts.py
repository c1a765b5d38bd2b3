"""The main window's commands stay the window's while a text field has the keyboard.

A focused text field is asked first whether it wants a key combination
(``ShortcutOverride``). Depending on the platform's key bindings a line edit claims
some of ours (on X11 desktops Ctrl+U deletes the whole line), and then the command
silently does not run. The fields of the main window are told to let these go.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


class WindowCommands(QObject):
    """Keeps ``sequences`` for ``window``'s own shortcuts in whichever of its widgets has focus.

    The filter sits only on the focused widget (moved along with the focus), not on the
    whole application, so no other event pays for it.
    """

    def __init__(self, window: QWidget, sequences: Iterable[QKeySequence]) -> None:
        super().__init__(window)
        self.window = window
        self.combinations = {sequence[0].toCombined()  # type: ignore[index]  # PySide6's stubs lack []
                             for sequence in sequences if not sequence.isEmpty()}
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, QApplication.focusWidget())

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if new is not None and new.window() is self.window:
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.keyCombination().toCombined() in self.combinations:
            event.ignore()  # not the field's: the window's shortcut runs
            return True
        return False
