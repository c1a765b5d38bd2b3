"""The prevention and network area of the desktop app's
:class:`~beratungsdesk.services.session.Session`: workshops, partners, meetings,
referrals and the list imports, on the session's store.

Runs on the GUI's worker thread; returns ``core.model`` entities and never imports Qt.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from beratungsdesk.core import model
from beratungsdesk.core.errors import ValidationError
from beratungsdesk.services.network import NetworkService
from beratungsdesk.services.network_import import ListImportReport, import_partners, import_workshops

__all__ = ["ListImportReport", "NetworkUseCases"]


class NetworkUseCases(NetworkService):
    """``session.network``: the network service plus what the window adds to it."""

    def add_partner(self, kind: str, name: str, **details: Any) -> model.Partner:
        if not name.strip():
            raise ValidationError("required", field="name")
        return super().add_partner(kind, name, **details)

    def import_list(self, kind: str, path: Path) -> ListImportReport:
        """A workshop list (``kind`` "workshops") or a partner list from a spreadsheet file."""
        if kind == "workshops":
            return import_workshops(self.store, path)
        return import_partners(self.store, path)
