"""The GUI tests' way of answering modal boxes is itself reliable: it waits for the box."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tests.gui.modal import answer_box, when_modal


def _ask(parent: QWidget) -> QMessageBox.StandardButton:
    box = QMessageBox(QMessageBox.Icon.Question, "Title", "Really?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setInformativeText("Details")
    return QMessageBox.StandardButton(box.exec())


def test_a_box_that_opens_late_is_still_answered(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    answer = answer_box(QMessageBox.StandardButton.No)
    polls: list[None] = []
    answer._timer.timeout.connect(lambda: polls.append(None))
    # Several polls find no box (as when the code before the box is slow) ...
    qtbot.waitUntil(lambda: len(polls) >= 3, timeout=10_000)
    assert not answer.done
    # ... and the box, when it comes, gets its answer.
    assert _ask(parent) == QMessageBox.StandardButton.No
    answer.check()
    assert answer.text == "Really?\nDetails"


def test_a_failing_answer_closes_the_box_and_fails_the_test(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)

    def wrong(_box: QMessageBox) -> None:
        raise AssertionError("the box said something else")

    answer = when_modal(QMessageBox, wrong)
    _ask(parent)  # returns: the box was closed, not left open for ever
    assert QApplication.activeModalWidget() is None
    with pytest.raises(AssertionError, match="something else"):
        answer.check()


def test_check_fails_when_no_box_was_shown(qtbot) -> None:
    answer = answer_box(QMessageBox.StandardButton.Yes)
    with pytest.raises(AssertionError, match="no modal QMessageBox"):
        answer.check()
