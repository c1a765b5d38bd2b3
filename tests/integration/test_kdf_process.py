"""Argon2id runs in a short-lived child process (storage/kdf_process.py).

Real child processes, real Argon2id: the child derives exactly the key the app would,
the secrets travel over pipes only, a failing child is an error without the passphrase,
a frozen build's entry (``--derive-key``) answers the same, and the app's own peak
memory no longer carries the derivation's memory cost.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from beratungsdesk.storage import kdf_process, keys

SRC = Path(__file__).resolve().parents[2] / "src"
PASSPHRASE = "Kürbis-Ölmühle ğ 🙂 lange Passphrase"
SALT = base64.b64encode(b"0123456789abcdef").decode("ascii")
SMALL = {"memory_kib": keys.MIN_MEMORY_KIB, "iterations": 1, "lanes": 4, "salt": SALT}


def _reference_key(passphrase: str, memory_kib: int = keys.MIN_MEMORY_KIB) -> bytes:
    return Argon2id(salt=base64.b64decode(SALT), length=32, iterations=1, lanes=4,
                    memory_cost=memory_kib).derive(passphrase.encode("utf-8"))


def test_the_child_derives_the_key_argon2id_gives_in_process() -> None:
    assert kdf_process.derive({**SMALL, "passphrase": PASSPHRASE}) == _reference_key(PASSPHRASE)
    assert keys.KdfParams(**SMALL).derive(PASSPHRASE) == _reference_key(PASSPHRASE)


def test_the_passphrase_is_not_on_the_child_command_line() -> None:
    command = kdf_process.child_command()
    assert command[0] == sys.executable and "-I" in command  # isolated: no PYTHON* variables
    assert not any(PASSPHRASE in part for part in command)


def test_the_calibration_time_is_measured_inside_the_child() -> None:
    seconds = kdf_process.time_derivation(SMALL)
    assert 0.0 < seconds < 60.0


def test_a_failing_child_raises_without_the_passphrase() -> None:
    bad = {**SMALL, "salt": "not base64 at all!", "passphrase": PASSPHRASE}
    with pytest.raises(kdf_process.KdfChildError) as caught:
        kdf_process.derive(bad)
    assert "exited with 2" in str(caught.value)
    assert PASSPHRASE not in str(caught.value) and "Kürbis" not in str(caught.value)


def test_a_failing_child_is_a_store_error_the_user_can_read() -> None:
    # What the CLI and the unlock window show: a sentence, not "unexpected internal error".
    from beratungsdesk.core.errors import StoreError, StoreErrorCode
    from beratungsdesk.services.messages import describe

    params = keys.KdfParams(SMALL["memory_kib"], SMALL["iterations"], SMALL["lanes"], "not base64!")
    with pytest.raises(StoreError) as caught:
        params.derive(PASSPHRASE)
    assert caught.value.code == StoreErrorCode.KDF_FAILED
    assert "memory" in describe(caught.value)


def test_without_a_child_the_key_is_derived_in_process(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path) -> None:
    # An installation where no child can start (the executable is gone): unlocking still works.
    monkeypatch.setattr(kdf_process, "child_command", lambda: [str(tmp_path / "missing")])
    assert kdf_process.derive({**SMALL, "passphrase": PASSPHRASE}) == _reference_key(PASSPHRASE)


def test_the_frozen_entry_flag_answers_as_the_child() -> None:
    # A frozen build runs its own executable with --derive-key; from source that is
    # ``python -m beratungsdesk --derive-key`` through launch.py.
    request = json.dumps({**SMALL, "op": "derive", "passphrase": PASSPHRASE}).encode("utf-8")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-m", "beratungsdesk", kdf_process.CHILD_FLAG],
                          input=request, capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert bytes.fromhex(done.stdout.decode("ascii")) == _reference_key(PASSPHRASE)


_PEAK_PROBE = """
import base64, sys
from beratungsdesk.storage import keys

def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

params = keys.KdfParams(256 * 1024, 1, 4, base64.b64encode(b"0123456789abcdef").decode())
before = peak_kib()
key = params.derive("probe passphrase")
print(peak_kib() - before, len(key))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's")
def test_the_derivations_memory_never_counts_towards_the_apps_peak() -> None:
    # 256 MiB of Argon2id (this machine's calibrated cost): in process the peak would grow
    # by that much; with the child it stays where it was.
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", _PEAK_PROBE], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    growth_kib, key_length = map(int, done.stdout.split())
    assert key_length == 32
    assert growth_kib < 32 * 1024, f"peak grew by {growth_kib} KiB"
