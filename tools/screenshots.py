#!/usr/bin/env python3
"""Render the app's main views offscreen into ``docs/screenshots/`` (German UI, demo data).

    python tools/screenshots.py [--out docs/screenshots] [--lang de]

A fresh demo store with invented cases is created in a temporary folder, the
real app is started on it offscreen, and each view is grabbed as a PNG at
1200 × 780 logical pixels (device pixel ratio 2 for sharp images in the README).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_SCALE_FACTOR", "1")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from beratungsdesk.gui.app import AppController, install_translations
from beratungsdesk.gui.common import AppSettings
from beratungsdesk.gui.main_window import MainWindow
from beratungsdesk.services import demo
from beratungsdesk.services.network import NetworkService
from beratungsdesk.services.stores import init_store

ROOT = Path(__file__).resolve().parents[1]
PASSPHRASE = "screenshots only"
SIZE = (1200, 780)


def pump(app: QApplication, seconds: float = 0.3, until: Callable[[], bool] | None = None) -> None:
    end = time.perf_counter() + (30 if until else seconds)
    while time.perf_counter() < end:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.01)
    app.processEvents()


def grab(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="de", choices=("de", "en"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication([sys.argv[0]])
    install_translations(app, args.lang)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "demo"
        store = init_store(folder, PASSPHRASE, "office", "Beratungsstelle gegen Alltagsrassismus",
                           kdf_seconds=0.0)
        demo.fill(store, cases=240, seed=2022, today=dt.date(2022, 12, 15))
        store.close()
        settings = AppSettings(QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat))
        settings.language = args.lang
        first = AppController(app, Path(scratch) / "empty", settings)
        first.start()
        assert first.window is not None
        first.window.resize(600, 420)
        pump(app)
        grab(first.window, args.out / "first-start.png")
        first.window.close()
        first.shutdown()
        controller = AppController(app, folder, settings)
        controller.start()
        unlock = controller.window
        assert unlock is not None
        unlock.resize(520, 260)
        pump(app)
        grab(unlock, args.out / "unlock.png")
        unlock.passphrase.setText(PASSPHRASE)  # type: ignore[attr-defined]
        unlock.unlock()  # type: ignore[attr-defined]
        pump(app, until=lambda: controller.main is not None)
        main_window = controller.main
        assert isinstance(main_window, MainWindow)
        main_window.resize(*SIZE)
        model = main_window.cases.list.model
        pump(app, until=lambda: model.rowCount() > 0 and not model.loading)
        pump(app, 0.5)
        render_views(app, main_window, args.out)
        controller.shutdown()
    return 0


def render_views(app: QApplication, window: MainWindow, out: Path) -> None:
    grab(window, out / "case-list.png")
    editor = window.cases.editor
    window.cases.open_case(window.cases.list.model.case_id(3) or "")
    pump(app, until=lambda: editor.record is not None)
    pump(app, 0.3)
    grab(window, out / "case-editor.png")
    editor.tabs.setCurrentIndex(2)
    pump(app)
    grab(window, out / "case-contacts.png")
    editor.tabs.setCurrentIndex(4)
    pump(app)
    grab(window, out / "case-notes.png")
    referred: list[str] = []  # a case with referrals, found on the worker like every read
    window.runner.call(lambda b: NetworkService(b.require().store).referrals()[0].case_id, referred.append)
    pump(app, until=lambda: bool(referred))
    window.cases.open_case(referred[0])
    pump(app, until=lambda: editor.record is not None and editor.record.case.id == referred[0])
    editor.tabs.setCurrentWidget(editor.referrals)
    pump(app, until=lambda: editor.referrals.model.rowCount() > 0)
    pump(app, 0.3)
    grab(window, out / "case-referrals.png")
    window.cases.show_list()
    render_protection(app, window, out)
    render_network(app, window, out)
    for page, name in (("outreach", "outreach-day.png"), ("handover", "handover.png"),
                       ("office", "office.png"), ("clients", "clients.png"),
                       ("settings", "settings.png")):
        if page in window._page_names:
            window.show_page(page)
            pump(app, 0.6)
            grab(window, out / name)
    window.show_page("statistics")
    statistics = window.statistics
    statistics.breakdown.setCurrentIndex(statistics.breakdown.findData("areas"))
    statistics.set_period(dt.date(2022, 1, 1), dt.date(2022, 12, 31))  # the demo data's year
    pump(app, until=lambda: statistics.statistics is not None and not statistics.stale
         and statistics.statistics.start.year == 2022)
    pump(app, 0.3)
    grab(window, out / "statistics.png")


def render_protection(app: QApplication, window: MainWindow, out: Path) -> None:
    """Consents (clients page, case editor), the consent warning, the audit log and retention."""
    window.show_page("clients")
    clients = window.clients
    pump(app, until=lambda: clients.model.rowCount() > 1)
    client = clients.model.record(1)
    done: list[object] = []
    window.runner.call(lambda b: b.require().add_consent(
        client.id, ("counseling", "statistics"), "written", dt.date(2022, 3, 14)), done.append)
    pump(app, until=lambda: bool(done))
    clients.table.selectRow(1)
    pump(app, until=lambda: clients.consents.model.rowCount() > 0)
    pump(app, 0.4)
    grab(window, out / "clients-consents.png")
    editor = window.cases.editor
    window.show_page("cases")
    window.cases.list.search.setText(client.code)
    window.cases.list.apply_filter()
    model = window.cases.list.model
    pump(app, until=lambda: model.rowCount() > 0 and not model.loading
         and model.index(0, 1).data() == client.code)
    window.cases.open_case(model.case_id(0) or "")
    pump(app, until=lambda: editor.record is not None and editor.consents.state is not None)
    editor.tabs.setCurrentIndex(1)
    pump(app, 0.4)
    grab(window, out / "case-client-consents.png")
    editor.tabs.setCurrentIndex(5)
    pump(app, 0.4)
    grab(window, out / "case-documents-consent-warning.png")
    window.cases.show_list()
    window.cases.list.search.clear()
    window.cases.list.apply_filter()
    office = window.office
    if office is None:
        return
    window.show_page("office")
    office.tabs.setCurrentWidget(office.audit)
    pump(app, until=lambda: office.audit.model.rowCount() > 0)
    office.audit.verify()
    pump(app, until=lambda: "intakt" in office.audit.result.text() or "intact" in office.audit.result.text())
    pump(app, 0.3)
    grab(window, out / "office-audit.png")
    office.tabs.setCurrentWidget(office.retention)
    pump(app, until=lambda: office.retention.overview is not None)
    pump(app, 0.3)
    grab(window, out / "office-retention.png")


def render_network(app: QApplication, window: MainWindow, out: Path) -> None:
    """The prevention and network page: each tab with its first record selected."""
    window.show_page("network")
    network = window.network
    pump(app, until=lambda: network.workshops.model.rowCount() > 0)
    for tab, name in ((network.workshops, "network-workshops.png"),
                      (network.partners, "network-partners.png"),
                      (network.meetings, "network-meetings.png")):
        network.tabs.setCurrentWidget(tab)
        tab.table.selectRow(0)
        pump(app, 0.6)
        grab(window, out / name)
    window.show_page("outreach")
    dialog = window.outreach.new_workshop()
    pump(app, 0.4)
    grab(dialog, out / "outreach-workshop-request.png")
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
