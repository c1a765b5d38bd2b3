"""One running app per store: a handover file opened while it runs goes to that app.

Double-clicking a ``.bdsk`` file starts ``beratungsdesk --open-bundle FILE``. If the
app already runs on the same store, a second process could not open the store
(it is locked), so the new process hands the file's path to the running one
over a local socket (a Unix socket or a Windows named pipe, readable only by
this user) and exits; the running app shows it on the handover page.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_TIMEOUT_MS = 2000


def server_name(folder: Path) -> str:
    """A name per user and store folder; hashed, as names of sockets are visible to others."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = str(Path.home())
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:24]
    return f"beratungsdesk-{digest}"


def send_to_running(folder: Path, path: Path) -> bool:
    """Hand ``path`` to the app running on ``folder``; False when none runs."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(folder))
    if not socket.waitForConnected(_TIMEOUT_MS):
        return False
    socket.write(str(path).encode("utf-8") + b"\n")
    sent = socket.waitForBytesWritten(_TIMEOUT_MS)
    socket.disconnectFromServer()
    return sent


class InstanceServer(QObject):
    """Listens for paths sent by later starts; emits ``file_received`` for each."""

    file_received = Signal(str)

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        name = server_name(folder)
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a socket file left by a crashed run (Unix)
            self.server.listen(name)

    def is_listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            received = bytearray()

            def read(socket: QLocalSocket = socket, received: bytearray = received) -> None:
                received.extend(bytes(socket.readAll().data()))
                if received.endswith(b"\n"):
                    socket.disconnectFromServer()
                    text = received.decode("utf-8", errors="replace").strip()
                    received.clear()
                    if text:
                        self.file_received.emit(text)

            socket.readyRead.connect(read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                read()
