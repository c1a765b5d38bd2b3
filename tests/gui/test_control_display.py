"""The window shows stored control and bidi characters as escapes (a name from another
device cannot reorder or hide what a table says)."""

from __future__ import annotations

from pathlib import Path

from beratungsdesk.gui.app import AppController
from beratungsdesk.storage.store import Store
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock


def test_tables_show_control_characters_as_escapes(qtbot, controller: AppController,
                                                   filled_store: Path) -> None:
    with Store.open(filled_store, PASSPHRASE) as store:
        store.conn.execute("UPDATE clients SET name = ? WHERE code = 'K-0001'", ("Ay\u202elin\x1b[2J",))
    main = unlock(qtbot, controller)
    main.show_page("clients")
    clients = main.clients
    qtbot.waitUntil(lambda: clients.model.rowCount() == 3, timeout=10_000)
    names = [clients.model.index(row, 1).data() for row in range(3)]
    assert "Ay\\u202elin\\u001b[2J" in names
    assert not any("\u202e" in name or "\x1b" in name for name in names)
