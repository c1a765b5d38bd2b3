"""The pages of the main window, built on first use or in idle time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from beratungsdesk.gui.clients_view import ClientsView
from beratungsdesk.gui.handover_view import HandoverView
from beratungsdesk.gui.handover_view import status_line as handover_status_line
from beratungsdesk.gui.network_view import NetworkView
from beratungsdesk.gui.office_view import OfficeView
from beratungsdesk.gui.outreach import OutreachView
from beratungsdesk.gui.settings_view import SettingsView
from beratungsdesk.gui.statistics_view import StatisticsView

if TYPE_CHECKING:
    from beratungsdesk.gui.main_window import MainWindow


def build_page(window: MainWindow, name: str) -> QWidget:
    """A new page of the main window, connected to it and given the labels if they came."""
    runner, settings, info, labels = window.runner, window.settings, window.info, window.labels
    known = window.case_years is not None  # labels arrived: a new page gets them at once
    if name == "outreach":
        outreach = OutreachView(runner, settings)
        outreach.open_case.connect(window._open_from_elsewhere)
        if known:
            outreach.set_labels(labels)
        return outreach
    if name == "clients":
        clients = ClientsView(runner)
        clients.set_office(info.is_office)
        clients.show_cases_of.connect(window._show_cases_of)
        if known:
            clients.set_labels(labels)
        return clients
    if name == "handover":
        handover = HandoverView(runner, settings, info)
        handover.state_changed.connect(
            lambda state: window.handover_status.setText(handover_status_line(state)))
        # Stays until the next message: the counselor may look only later.
        handover.auto_noted.connect(window.statusBar().showMessage)
        # A double-click in the conflict list opens the record it is about.
        handover.conflicts.open_case.connect(window._open_from_elsewhere)
        handover.conflicts.open_page.connect(window.show_page)
        if known:
            handover.set_labels(labels)
        return handover
    if name == "statistics":
        return StatisticsView(runner, settings)
    if name == "network":
        network = window._half_built.pop("network", None) or NetworkView(runner)
        network.finish_building()
        if known:
            network.set_labels(labels)
        return network
    if name == "office":
        office = OfficeView(runner, True)
        if known:
            office.set_labels(labels)
            office.refresh()
        return office
    settings_view = SettingsView(runner, settings, laptop=not info.is_office)
    settings_view.auto_lock_changed.connect(window.auto_lock_changed)
    settings_view.language_changed.connect(window.language_changed)
    settings_view.auto_handover_changed.connect(window.handover.set_auto_enabled)
    return settings_view
