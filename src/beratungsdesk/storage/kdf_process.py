"""Argon2id in a short-lived child process, so the app never holds its memory.

The passphrase's key derivation costs 64 MiB to 1 GiB of memory (the store's
calibrated parameters). Derived in the app, that memory becomes part of the app's
peak RSS for the rest of its life (and the C allocator need not return it). A child
process does the derivation instead and exits; its memory is the operating system's
again at once, and the app's peak stays that of its working set.

The protocol keeps secrets off argv, the environment and the disk: the parent writes
one JSON request to the child's stdin (a pipe) and reads the result from its stdout
(a pipe); both are closed when the child exits. Requests:

* ``{"op": "derive", "memory_kib", "iterations", "lanes", "salt", "passphrase"}``
  answers the 32-byte key as hex;
* ``{"op": "time", "memory_kib", "iterations", "lanes", "salt"}`` derives from a
  fixed word and answers the seconds it took (calibration measures the derivation,
  not the start of a process).

The child runs with the same interpreter, isolated (``-I``: no ``PYTHON*`` variables,
no user site, not the current folder) on this file; in a frozen build (PyInstaller)
there is no interpreter to run a file with, so the app's own executable runs with
the hidden first argument ``--derive-key`` (see ``launch.py``). This module imports
nothing of the app at the top: the child needs only the standard library and
``cryptography``.

When no child can run (an unusual installation), the parent derives in its own
process, as before: the person must still be able to unlock; only the memory peak
is higher. A child that runs but fails says so on stderr (never with the passphrase)
and the parent raises.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

#: The hidden argument a frozen build's executable answers as the key derivation child.
CHILD_FLAG = "--derive-key"
_CALIBRATION_WORD = b"calibration"
_log = logging.getLogger(__name__)


class KdfChildError(Exception):
    """The child ran but gave no usable answer (no personal data in the message)."""


def _argon2(request: dict[str, Any], secret: bytes) -> bytes:
    import base64

    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    salt = base64.b64decode(str(request["salt"]).encode("ascii"), validate=True)
    kdf = Argon2id(salt=salt, length=32, iterations=int(request["iterations"]),
                   lanes=int(request["lanes"]), memory_cost=int(request["memory_kib"]))
    return kdf.derive(secret)


def _load_argon2() -> None:
    """Import ``cryptography``'s Argon2id before a timing starts (a child imports it fresh)."""
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id  # noqa: F401


def derive_in_process(request: dict[str, Any]) -> bytes:
    """The derivation itself (the child's work; the fallback when no child can run)."""
    return _argon2(request, str(request["passphrase"]).encode("utf-8"))


def time_in_process(request: dict[str, Any]) -> float:
    _load_argon2()
    started = time.perf_counter()
    _argon2(request, _CALIBRATION_WORD)
    return time.perf_counter() - started


def _answer(request: dict[str, Any]) -> str:
    if request.get("op") == "derive":
        return derive_in_process(request).hex()
    if request.get("op") == "time":
        return repr(time_in_process(request))
    raise ValueError("unknown request")


def child_main() -> int:
    """The child: one request from stdin, one answer on stdout, exit."""
    try:
        stdin = sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb")
        request = json.loads(stdin.read().decode("utf-8"))
        answer = _answer(request)
    except Exception as error:  # the type only: the request holds the passphrase
        os.write(2, f"key derivation failed: {type(error).__name__}\n".encode("ascii"))
        return 2
    os.write(1, answer.encode("ascii"))
    return 0


def child_command() -> list[str]:
    """How to start the child with this interpreter (or this frozen executable)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_FLAG]
    return [sys.executable, "-I", str(Path(__file__).resolve())]


def _run_child(request: dict[str, Any]) -> str | None:
    """The child's answer; None when no child could be started at all."""
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window flashing up on Windows
    command = child_command()
    if not command[0]:  # an embedding interpreter may not know its executable
        _log.warning("no executable for the key derivation child; deriving in this process")
        return None
    try:
        done = subprocess.run(command, input=json.dumps(request).encode("utf-8"),
                              capture_output=True, check=False, creationflags=flags)
    except OSError as error:
        _log.warning("key derivation child could not start (%s); deriving in this process",
                     type(error).__name__)
        return None
    if done.returncode != 0:
        detail = done.stderr.decode("ascii", "replace").strip().splitlines()[-1:] or ["no message"]
        if b"ModuleNotFoundError" in done.stderr or b"ImportError" in done.stderr:
            _log.warning("key derivation child cannot import its libraries; deriving in this process")
            return None
        raise KdfChildError(f"key derivation child exited with {done.returncode}: {detail[0][:200]}")
    return done.stdout.decode("ascii").strip()


def derive(request: dict[str, Any]) -> bytes:
    """The 32-byte key for ``request`` (op ``derive``), derived in a child process."""
    answer = _run_child({**request, "op": "derive"})
    if answer is None:
        return derive_in_process(request)
    try:
        key = bytes.fromhex(answer)
    except ValueError:
        raise KdfChildError("key derivation child answered no key") from None
    if len(key) != 32:
        raise KdfChildError("key derivation child answered a key of the wrong length")
    return key


def time_derivation(request: dict[str, Any]) -> float:
    """Seconds one derivation with these parameters takes, measured inside a child."""
    answer = _run_child({**request, "op": "time"})
    if answer is None:
        return time_in_process(request)
    try:
        return float(answer)
    except ValueError:
        raise KdfChildError("key derivation child answered no time") from None


def check_child() -> str:
    """For the self-test: the child starts (this build can run it) and derives the same key
    as this process would (no fallback here: a child that cannot run is a failure)."""
    import base64

    request = {"memory_kib": 64 * 1024, "iterations": 1, "lanes": 4,
               "salt": base64.b64encode(b"self-test-salt-16").decode("ascii"),
               "passphrase": "self-test äöü", "op": "derive"}
    started = time.perf_counter()
    answer = _run_child(request)
    seconds = time.perf_counter() - started
    if answer is None:
        raise KdfChildError("the key derivation child cannot run in this installation")
    if bytes.fromhex(answer) != derive_in_process(request):
        raise KdfChildError("the key derivation child derived a different key")
    return f"Argon2id in a child process, same key as in process ({seconds:.2f} s with 64 MiB)"


if __name__ == "__main__":  # started by child_command() with the interpreter
    sys.exit(child_main())
