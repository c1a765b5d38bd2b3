"""Automatic handover: the laptop hands over when its folder appears, the office takes in
files that arrive; safe when the stick is pulled; never twice for nothing; never two at once.

Real stores (office and laptop, enrolled as in test_handover.py), a real folder that
appears (renamed into place) and disappears, the real app offscreen. The watch looks
every 20 ms here (its poll interval is injectable); tests wait for its looks and
signals, never for a time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication

from beratungsdesk.gui.app import AppController
from beratungsdesk.gui.auto_handover import AutoHandover, AutoResult
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services.cases import CaseFilter, CaseService
from beratungsdesk.services.handover import HandoverService
from beratungsdesk.storage.store import Store
from beratungsdesk.sync.bundle import SUFFIX
from tests.conftest import PASSPHRASE
from tests.gui.test_handover import _enrolled_pair, _unlock_empty

FAST = 20  # ms between looks in these tests


def _start(qtbot, qapp: QApplication, store_folder: Path, settings: AppSettings,
           handover: Path) -> tuple[AppController, MainWindow, AutoHandover]:
    settings.handover_folder = str(handover)
    settings.auto_handover = True
    controller = AppController(qapp, store_folder, settings)
    main = _unlock_empty(qtbot, controller)
    auto = main.handover.auto
    auto.watch.set_intervals(FAST, FAST)
    return controller, main, auto


def _stop(controller: AppController, main: MainWindow) -> None:
    main.handover.auto.stop()
    controller.shutdown()


def _wait_looks(qtbot, auto: AutoHandover, more: int) -> None:
    target = auto.watch.looks + more
    qtbot.waitUntil(lambda: auto.watch.looks >= target, timeout=20_000)


def _bundles(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.endswith(SUFFIX)} if folder.is_dir() else set()


def _laptop_with_new_work(office: Store, laptop: Store, stick: Path, code: str) -> tuple[Path, Path]:
    office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)
    with Store.open(laptop_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)  # enrolled by the office's first bundle
        cases = CaseService(store)
        cases.open_case(cases.find_or_create_client(code), "work", summary="unterwegs")
    return office_folder, laptop_folder


def test_the_setting_is_on_by_default_and_kept_in_qsettings(tmp_path: Path) -> None:
    settings = AppSettings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    assert settings.auto_handover is True
    settings.auto_handover = False
    again = AppSettings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat))
    assert again.auto_handover is False


def test_the_laptop_hands_over_by_itself_when_the_stick_is_plugged_in(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    _office_folder, laptop_folder = _laptop_with_new_work(office, laptop, stick, "K-AUTO")
    away = tmp_path / "in-the-bag"
    stick.rename(away)  # the stick is not plugged in when the program is unlocked
    before = _bundles(away)
    controller, main, auto = _start(qtbot, qapp, laptop_folder, settings, stick)
    view = main.handover
    results: list[AutoResult] = []
    auto.finished.connect(results.append)
    try:
        _wait_looks(qtbot, auto, 3)
        assert results == [] and not auto.running  # no folder: nothing happens
        assert view.run_button.isEnabled()

        with qtbot.waitSignal(auto.finished, timeout=30_000):
            away.rename(stick)  # plugged in: the folder appears
        [result] = results
        assert result.error is None and result.report is not None
        [written] = result.own_files
        assert written in _bundles(stick) and written not in before
        note = view.auto_note.text()
        assert note.startswith("Automatic handover at ") and "changes handed over" in note, note
        assert main.statusBar().currentMessage() == note
        assert any(view.result.item(i).text().startswith("Sent to")
                   for i in range(view.result.count()))
        qtbot.waitUntil(lambda: view.history.count() == 1, timeout=10_000)
        assert " · automatic: " in view.history.item(0).text()
        assert "changes handed over" in view.history.item(0).text()

        # Still plugged in, nothing new: no second handover, no second file.
        files = _bundles(stick)
        _wait_looks(qtbot, auto, 8)
        assert len(results) == 1 and _bundles(stick) == files

        # Pulled and plugged in again with nothing new: a look, no new file, no history entry.
        with qtbot.waitSignal(auto.watch.lost, timeout=20_000):
            stick.rename(away)
        with qtbot.waitSignal(auto.finished, timeout=30_000):
            away.rename(stick)
        assert results[-1].report is not None and results[-1].own_files == set()
        assert view.auto_note.text().startswith("Checked automatically at ")
        assert _bundles(stick) == files
        view.refresh()
        qtbot.waitUntil(lambda: view.history.count() == 1, timeout=10_000)
    finally:
        _stop(controller, main)


def test_the_office_takes_in_a_file_only_once_it_has_settled(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    office_folder, laptop_folder = _laptop_with_new_work(office, laptop, share, "K-SYNC")
    with Store.open(laptop_folder, PASSPHRASE) as store:
        report = HandoverService(store).run_folder(share)
    [sent] = [r.path for r in report.exported if r.path is not None]
    content = sent.read_bytes()
    sent.unlink()  # it reaches the office's folder only through the "sync tool" below
    assert _bundles(share) == set()

    controller, main, auto = _start(qtbot, qapp, office_folder, settings, share)
    view = main.handover
    results: list[AutoResult] = []
    auto.finished.connect(results.append)
    started: list[int] = []
    auto.started.connect(lambda: started.append(auto.watch.looks))
    try:
        _wait_looks(qtbot, auto, 3)
        assert started == []  # the office has nothing to take in

        # A sync tool writes the file in pieces: a new piece after every look.
        target = share / sent.name
        half = len(content) // 2
        step = max(1, half // 5)
        pieces = [content[i:min(i + step, half)] for i in range(0, half, step)]
        growing = list(pieces)
        target.write_bytes(growing.pop(0))

        def write_on() -> None:
            if growing:
                assert started == [], "a handover started while the file was still growing"
                with target.open("ab") as handle:
                    handle.write(growing.pop(0))

        auto.watch.looked.connect(write_on)
        # It stops at half the file (a sync tool stalled): once settled, the office tries
        # it and refuses it with a clear reason, changing nothing.
        qtbot.waitUntil(lambda: len(results) == 1, timeout=30_000)
        auto.watch.looked.disconnect(write_on)
        assert len(pieces) >= 3 and target.stat().st_size == half
        assert results[0].report is not None
        lines = [view.result.item(i).text() for i in range(view.result.count())]
        # Cut inside an encrypted chunk ("damaged") or at its end ("incomplete"): either way
        # a reason, and nothing changed.
        assert any(line.startswith("Refused file") and line.endswith("Nothing was changed.")
                   for line in lines), lines
        assert "1 file refused" in view.auto_note.text()
        assert main.cases.list.model.rowCount() == 0 and target.exists()

        # The rest arrives: the file changed, so it is new again, and now it is complete.
        with qtbot.waitSignal(auto.finished, timeout=30_000), target.open("ab") as handle:
            handle.write(content[half:])
        result = results[-1]
        assert result.report is not None
        [outcome] = result.report.imported
        assert outcome.status == "imported", outcome
        assert "changes received" in view.auto_note.text(), view.auto_note.text()
        model = main.cases.list.model
        qtbot.waitUntil(lambda: model.rowCount() == 1 and model.index(0, 1).data() == "K-SYNC",
                        timeout=10_000)
        assert not target.exists()  # taken in: removed from the folder
        qtbot.waitUntil(lambda: view.history.count() == 2, timeout=10_000)
        assert "changes received" in view.history.item(0).text()
        assert "1 file refused" in view.history.item(1).text()
    finally:
        _stop(controller, main)
    with Store.open(office_folder, PASSPHRASE) as store:
        assert [r.client_code for r in CaseService(store).page(CaseFilter()).rows] == ["K-SYNC"]


def test_a_stick_pulled_in_the_middle_leaves_whole_files_and_is_retried_when_back(
        qtbot, qapp, settings, monkeypatch, office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    office_folder, laptop_folder = _laptop_with_new_work(office, laptop, stick, "K-PULL")
    with Store.open(laptop_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)
    with Store.open(office_folder, PASSPHRASE) as store:
        HandoverService(store).run_folder(stick)  # the office's answer (a receipt) waits on the stick
    with Store.open(laptop_folder, PASSPHRASE) as store:
        cases = CaseService(store)
        cases.open_case(cases.find_or_create_client("K-LATER"), "work")  # new work to send
    away = tmp_path / "pulled"
    stick.rename(away)
    answer = _bundles(away)
    assert len(answer) == 1  # the office's answer (it took in and removed the laptop's file)

    controller, main, auto = _start(qtbot, qapp, laptop_folder, settings, stick)
    view = main.handover
    results: list[AutoResult] = []
    auto.finished.connect(results.append)
    pulled = threading.Event()

    calls: list[int] = []

    # The stick is pulled at an exact point of the handover on the worker: the question the
    # handover asks between two steps. Everything else (stores, bundles, folder) is real.
    def pull_after_the_first_file() -> bool:
        # Asked on the worker between two steps: before the first file, then before
        # sending. The stick goes after the office's answer was taken in, before sending.
        calls.append(1)
        if len(calls) == 2:
            stick.rename(away)
            pulled.set()
        return False

    monkeypatch.setattr(auto, "_should_stop", pull_after_the_first_file)
    try:
        with qtbot.waitSignal(auto.finished, timeout=30_000):
            away.rename(stick)
        [result] = results
        assert pulled.is_set() and result.error is not None and result.error.code == "folder_lost"
        note = view.auto_note.text()
        assert "The handover folder went away during the handover" in note, note
        assert "tried again when the folder is next reachable" in note
        assert not stick.exists()  # nothing wrote a folder where the stick was
        # The answer was taken in whole (and removed from the stick); nothing was written.
        assert _bundles(away) == set()
        qtbot.waitUntil(lambda: view.history.count() == 1, timeout=10_000)
        assert "went away" in view.history.item(0).text()

        with qtbot.waitSignal(auto.finished, timeout=30_000):
            away.rename(stick)  # back in: tried again
        retry = results[-1]
        assert retry.error is None and retry.report is not None
        [written] = retry.own_files
        assert written in _bundles(stick)
        assert "handed over" in view.auto_note.text()
        qtbot.waitUntil(lambda: view.history.count() == 2, timeout=10_000)
    finally:
        _stop(controller, main)


def test_no_handover_starts_while_another_runs_or_after_locking(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    _office_folder, laptop_folder = _laptop_with_new_work(office, laptop, stick, "K-GATE")
    away = tmp_path / "away"
    stick.rename(away)
    controller, main, auto = _start(qtbot, qapp, laptop_folder, settings, stick)
    view = main.handover
    results: list[AutoResult] = []
    auto.finished.connect(results.append)
    gate = threading.Event()
    try:
        main.show_page("handover")
        main.runner.call(lambda _backend: gate.wait(30))  # the worker is busy with something else
        away.rename(stick)
        qtbot.waitUntil(lambda: auto.running, timeout=20_000)
        assert not view.run_button.isEnabled()
        assert view.auto_note.text().startswith("The handover folder is reachable: handing over")
        view.run()  # the button's shortcut (Ctrl+U) works while the button is disabled
        assert view.message.text() == "A handover is running already."
        gate.set()
        qtbot.waitUntil(lambda: len(results) == 1 and view.run_button.isEnabled(), timeout=30_000)
        assert results[0].own_files

        # Locking ends the watch: the window and its watch are gone, nothing starts.
        controller.lock(automatic=False)
        qtbot.waitUntil(lambda: controller.main is None, timeout=10_000)
        assert not auto.watch.active
    finally:
        auto.stop()
        controller.shutdown()


def test_switching_it_off_in_the_settings_stops_the_watch(
        qtbot, qapp, settings, office: Store, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    office_folder = office.folder
    office.close()
    controller, main, auto = _start(qtbot, qapp, office_folder, settings, share)
    try:
        assert auto.watch.active
        main.show_page("settings")
        box = main.settings_view.auto_handover
        assert box.isChecked()
        on_indicator = QPoint(8, box.height() // 2)
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_indicator)
        assert not box.isChecked() and settings.auto_handover is False
        assert not auto.watch.active
        assert main.handover.auto_note.text() == "Automatic handover is off (see Settings)."
        with qtbot.waitSignal(auto.watch.settled, timeout=20_000) as settled:
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=on_indicator)
            assert settings.auto_handover is True and auto.watch.active
        assert settled.args[1] is True  # switched on again: the folder there counts as arrived
    finally:
        _stop(controller, main)


def test_a_laptop_not_enrolled_yet_hands_over_nothing_by_itself(
        qtbot, qapp, settings, office: Store, laptop: Store, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    _office_folder, laptop_folder = _enrolled_pair(office, laptop, stick)  # not yet taken in
    [first] = _bundles(stick)
    controller, main, auto = _start(qtbot, qapp, laptop_folder, settings, stick)
    view = main.handover
    results: list[AutoResult] = []
    auto.finished.connect(results.append)
    try:
        qtbot.waitUntil(lambda: len(results) == 1, timeout=30_000)
        assert results[0].not_ready and results[0].report is None
        assert "this laptop is not enrolled" in view.auto_note.text()
        assert _bundles(stick) == {first}  # nothing taken in, nothing written
        assert view.run_button.isEnabled()
        # The first handover is the button's, as the handbook says; then it is enrolled.
        view.run()
        qtbot.waitUntil(lambda: view.result.count() > 0 and view.run_button.isEnabled(), timeout=30_000)
        lines = [view.result.item(i).text() for i in range(view.result.count())]
        assert any(line.startswith("Received from") for line in lines), lines
        _wait_looks(qtbot, auto, 5)
        assert len(results) == 1  # what the button did is not done again
    finally:
        _stop(controller, main)


def test_a_hanging_folder_never_holds_up_the_window_and_is_looked_at_once(
        qtbot, monkeypatch, tmp_path: Path) -> None:
    """A share that does not answer: the look waits on its side thread, the GUI thread runs on,
    and no second look piles up behind the first."""
    from PySide6.QtCore import QTimer

    from beratungsdesk.gui import auto_handover

    share = tmp_path / "share"
    share.mkdir()
    answering = threading.Event()
    threads: list[threading.Thread] = []
    real_look = auto_handover.look

    def hanging_look(folder: str) -> auto_handover.FolderSnapshot:
        threads.append(threading.current_thread())
        answering.wait(30)  # the server went away: the stat hangs until it gives up
        return real_look(folder)

    monkeypatch.setattr(auto_handover, "look", hanging_look)
    watch = auto_handover.FolderWatch(lambda: str(share), poll_ms=FAST, settle_ms=FAST)
    ticks: list[int] = []
    clock = QTimer()
    clock.timeout.connect(lambda: ticks.append(1))
    clock.start(FAST)
    try:
        watch.start()
        qtbot.waitUntil(lambda: len(ticks) >= 20, timeout=20_000)  # the GUI thread keeps running
        assert len(threads) == 1 and watch.looks == 0  # one look, still waiting; none behind it
        assert threads[0] is not threading.main_thread()
        with qtbot.waitSignal(watch.settled, timeout=20_000) as settled:
            answering.set()
        snapshot, arrived = settled.args
        assert arrived and snapshot.reachable and snapshot.files == frozenset()
        assert all(thread is not threading.main_thread() for thread in threads)
    finally:
        answering.set()
        clock.stop()
        watch.stop()
