"""The bundle reader under Hypothesis: whatever the bytes, only the project's own
errors come out (never a KeyError, struct.error, MemoryError ...)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.core.errors import BeratungsError
from beratungsdesk.sync import crypto
from beratungsdesk.sync.bundle import canonical, decode_change, open_bundle
from beratungsdesk.sync.envelope import MAGIC, EnvelopeWriter
from tests.timing import examples

RECIPIENT = crypto.Identity.generate()
SENDER = crypto.Identity.generate()
_PROBES: dict[str, Path] = {}


@pytest.fixture(scope="module", autouse=True)
def _probe_folder() -> Iterator[None]:
    """One folder for the probe files of all examples (in memory where the system offers it),
    made when the module's first test runs and removed after its last: nothing stays behind,
    also in a pytest-xdist worker that collects this module but runs none of its tests."""
    _PROBES["folder"] = Path(tempfile.mkdtemp(dir="/dev/shm" if Path("/dev/shm").is_dir() else None))
    yield
    shutil.rmtree(_PROBES.pop("folder"), ignore_errors=True)


def _probe(name: str) -> Path:
    return _PROBES["folder"] / name


def _read_all(path: Path) -> None:
    """Everything a reader does with a file, short of writing to a store."""
    with open_bundle(path, RECIPIENT) as opened:
        opened.verify(SENDER.sign_public)
        for _ in opened.changes():
            pass
        for _ in opened.blobs():
            pass
        opened.finish()


def _expect_own_errors(path: Path) -> None:
    with contextlib.suppress(BeratungsError):
        _read_all(path)


def _seal(payload: bytes, name: str, exponent: int = 10) -> Path:
    path = _probe(name)
    with open(path, "wb") as handle:
        writer = EnvelopeWriter(handle, RECIPIENT.kx_public, exponent)
        writer.write(payload)
        writer.close()
    return path


FAST = settings(max_examples=examples(150), deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(st.binary(max_size=3000))
def test_random_files(data: bytes) -> None:
    path = _probe("random.bdsk")
    path.write_bytes(data)
    _expect_own_errors(path)


@FAST
@given(st.binary(max_size=3000))
def test_random_files_with_our_magic(data: bytes) -> None:
    path = _probe("magic.bdsk")
    path.write_bytes(MAGIC + b"\x01\x0a\0\0\0" + data)
    _expect_own_errors(path)


@FAST
@given(st.binary(max_size=5000))
def test_random_payload_inside_a_valid_envelope(payload: bytes) -> None:
    # Gets past the encryption: exercises manifest, record and blob parsing.
    _expect_own_errors(_seal(payload, "payload.bdsk"))


def _containers(inner: st.SearchStrategy) -> st.SearchStrategy:
    # A named function: Hypothesis reads a lambda's source to check that it recurses, and
    # misreads this one when it spans lines (a deprecation warning).
    return st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)


_JSON = st.recursive(st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.text(max_size=20)
                     | st.floats(allow_nan=True), _containers, max_leaves=20)
_KEYS = ["format", "kind", "bundle_id", "sender", "sender_epoch", "recipient", "recipient_key", "seq",
         "prev_hash", "created_at", "clock", "changes", "blobs"]


def _valid_manifest(records: bytes, blobs: list[bytes]) -> dict:
    return {"format": 1, "kind": "handover", "bundle_id": "x", "sender": "s", "sender_epoch": 1,
            "recipient": "r", "recipient_key": "k", "seq": 1, "prev_hash": "", "created_at": "",
            "clock": {"min": 0, "max": 0},
            "changes": {"count": 1, "bytes": len(records), "sha256": hashlib.sha256(records).hexdigest()},
            "blobs": [[hashlib.sha256(b).hexdigest(), len(b)] for b in blobs]}


@FAST
@given(key=st.sampled_from(_KEYS), value=_JSON, record=_JSON, blob=st.binary(max_size=100))
def test_signed_manifests_with_wrong_types(key: str, value: object, record: object, blob: bytes) -> None:
    record_bytes = json.dumps(record).encode()
    records = struct.pack(">I", len(record_bytes)) + record_bytes
    manifest = _valid_manifest(records, [blob])
    manifest[key] = value
    manifest_bytes = canonical(manifest)
    payload = (struct.pack(">I", len(manifest_bytes)) + manifest_bytes
               + SENDER.sign(crypto.DOMAIN_MANIFEST, manifest_bytes) + records + blob)
    _expect_own_errors(_seal(payload, "manifest.bdsk"))


@FAST
@given(_JSON)
def test_change_records_of_any_shape(record: object) -> None:
    with contextlib.suppress(BeratungsError):
        decode_change(json.dumps(record).encode())


def test_a_valid_sealed_bundle_reads_through() -> None:
    # Guard the guard: the harness accepts a well-formed bundle.
    record = canonical(["s", 1, 5, "case", "id-1", {"summary": "x"}, {}])
    records = struct.pack(">I", len(record)) + record
    manifest = _valid_manifest(records, [b"blob"])
    manifest["clock"] = {"min": 5, "max": 5}
    manifest_bytes = canonical(manifest)
    payload = (struct.pack(">I", len(manifest_bytes)) + manifest_bytes
               + SENDER.sign(crypto.DOMAIN_MANIFEST, manifest_bytes) + records + b"blob")
    _read_all(_seal(payload, "valid.bdsk"))
    with pytest.raises(BeratungsError):
        _read_all(_seal(payload[:-1], "short.bdsk"))


def test_deeply_nested_json_is_refused_not_crashing() -> None:
    bomb = b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(BeratungsError):
        decode_change(bomb)
    payload = struct.pack(">I", len(bomb)) + bomb + b"\0" * 64
    with pytest.raises(BeratungsError):
        _read_all(_seal(payload, "bomb.bdsk", exponent=20))


@pytest.mark.parametrize(("seq", "hlc"), [(1, 2**63), (1, -1), (2**63, 5), (1, True)])
def test_sequence_numbers_and_clocks_outside_64_bits_are_refused(seq: int, hlc: int) -> None:
    # They would fail in SQLite (OverflowError) halfway through an import.
    with pytest.raises(BeratungsError):
        decode_change(canonical(["s", seq, hlc, "case", "id-1", {"summary": "x"}, {}]))
    decode_change(canonical(["s", 2**63 - 1, 2**63 - 1, "case", "id-1", {"summary": "x"}, {}]))
