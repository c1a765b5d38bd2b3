"""Start-up: the unlock window does not wait for the main window's code; the editor builds in steps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.case_editor import CaseEditor
from beratungsdesk.gui.main_window import CasesPage
from beratungsdesk.gui.network_view import NetworkView
from beratungsdesk.gui.preload import GUI_MODULES, WORKER_MODULES, Preloader
from beratungsdesk.gui.unlock import UnlockWindow
from beratungsdesk.gui.worker import Runner

SRC = Path(__file__).resolve().parents[2] / "src"


def test_the_app_module_imports_neither_pages_nor_store() -> None:
    # A fresh interpreter: in this one every module is imported already.
    probe = ("import sys, beratungsdesk.gui.app\n"
             "heavy = ['beratungsdesk.gui.main_window', 'beratungsdesk.gui.case_editor',"
             " 'beratungsdesk.services.session', 'beratungsdesk.storage.store', 'sqlcipher3']\n"
             "print(','.join(name for name in heavy if name in sys.modules))\n")
    env = dict(os.environ, PYTHONPATH=str(SRC), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == ""


def test_preloader_imports_every_listed_module(qtbot, qapp: QApplication) -> None:
    runner = Runner()
    try:
        preloader = Preloader(runner)
        assert not preloader.done
        preloader.start()
        qtbot.waitUntil(lambda: preloader.done, timeout=60_000)
        assert all(name in sys.modules for name in WORKER_MODULES + GUI_MODULES)
    finally:
        runner.shutdown()


def test_unlock_window_starts_the_preloader_once_painted(qtbot, controller: AppController) -> None:
    controller.start()
    assert isinstance(controller.window, UnlockWindow)
    preloader = controller.preloader
    assert preloader is not None
    qtbot.waitUntil(lambda: preloader.done, timeout=60_000)


def test_editor_built_in_steps_is_the_whole_editor(qtbot, qapp: QApplication) -> None:
    runner = Runner()
    try:
        whole = CaseEditor(runner)
        qtbot.addWidget(whole)
        page = CasesPage(runner)
        qtbot.addWidget(page)
        built: list[CaseEditor] = []
        page.editor_built.connect(built.append)
        steps = 1
        while not page.build_editor_step():
            steps += 1
            assert page.built_editor() is None  # half built: not offered to anyone yet
        assert steps > 3  # really in parts
        editor = page.editor
        assert built == [editor]
        assert page.indexOf(editor) >= 0
        assert [editor.tabs.tabText(i) for i in range(editor.tabs.count())] == \
            [whole.tabs.tabText(i) for i in range(whole.tabs.count())]
    finally:
        runner.shutdown()


def test_editor_asked_for_while_half_built_is_finished_at_once(qtbot, qapp: QApplication) -> None:
    runner = Runner()
    try:
        page = CasesPage(runner)
        qtbot.addWidget(page)
        page.build_editor_step()
        page.build_editor_step()
        editor = page.editor
        assert editor.tabs.count() == 8  # the follow-ups and appointments tab too
        assert page.built_editor() is editor
        assert page.build_editor_step()  # nothing left to build
    finally:
        runner.shutdown()


def test_prevention_page_built_in_steps_is_the_whole_page(qtbot, qapp: QApplication) -> None:
    runner = Runner()
    try:
        whole = NetworkView(runner)
        qtbot.addWidget(whole)
        staged = NetworkView(runner, staged=True)
        qtbot.addWidget(staged)
        assert staged.tabs.count() == 0
        steps = 1
        while not staged.build_step():
            steps += 1
        assert steps == 3
        assert [staged.tabs.tabText(i) for i in range(staged.tabs.count())] == \
            [whole.tabs.tabText(i) for i in range(whole.tabs.count())]
        assert not staged.is_dirty()  # every tab and its form exist, nothing typed
    finally:
        runner.shutdown()
