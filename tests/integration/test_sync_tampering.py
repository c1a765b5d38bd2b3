"""A tampered, cut, extended, misaddressed or forged bundle is refused with its
reason, and the receiving store stays exactly as it was."""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from beratungsdesk.services.cases import CaseService
from beratungsdesk.services.handover import HandoverService, Reason
from beratungsdesk.storage.handover import change_log, peers
from beratungsdesk.sync import crypto
from beratungsdesk.sync.bundle import EncodedChanges, canonical
from beratungsdesk.sync.envelope import HEADER_BYTES, TAG_BYTES, EnvelopeWriter
from beratungsdesk.sync.errors import BundleRejected
from beratungsdesk.sync.exporter import export_to_office
from tests.integration.sync_helpers import counselor_id, enroll, open_case, store_digest

HEADER_REASONS = {Reason.NOT_A_BUNDLE, Reason.TOO_NEW, Reason.DAMAGED, Reason.NOT_FOR_US}
PAYLOAD_REASONS = {Reason.DAMAGED, Reason.INCOMPLETE}
CHUNK_EXPONENT = 10  # 1 KiB chunks: a small bundle of several chunks


@pytest.fixture
def setup(make_store, tmp_path: Path):
    office = make_store("office", "office")
    laptop = make_store("laptop", "counselor")
    office_service, laptop_service = enroll(office, laptop, "Aylin", tmp_path)
    case = open_case(laptop, "K-1", counselor_id(laptop), summary="kurz")
    CaseService(laptop).add_note(case.id, "Notiz " * 60)
    result = export_to_office(laptop, laptop_service.identity, tmp_path / "out",
                              chunk_exponent=CHUNK_EXPONENT)
    assert result.path is not None
    return office_service, laptop_service, result.path, make_store


@pytest.fixture
def scratch(tmp_path: Path):
    """A folder for the thousands of probe files: in memory where the system offers it."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=shm) as folder:
        yield Path(folder)


def _refusal(service: HandoverService, path: Path) -> str:
    with pytest.raises(BundleRejected) as refused:
        service.import_file(path)
    return refused.value.code


def test_every_byte_changed_cut_or_appended_is_refused(setup, scratch: Path) -> None:
    office_service, laptop_service, path, _ = setup
    laptop = laptop_service.store
    own = laptop.conn.execute("SELECT count(*) FROM change_log WHERE origin = ?",
                              (laptop.own_origin_no,)).fetchone()[0]
    original = path.read_bytes()
    chunks = (len(original) - HEADER_BYTES + (1 << CHUNK_EXPONENT) + TAG_BYTES - 1) \
        // ((1 << CHUNK_EXPONENT) + TAG_BYTES)
    assert chunks >= 3 and len(original) < 8000
    before = store_digest(office_service.store)
    probe = scratch / "probe.bdsk"
    reasons: Counter[str] = Counter()
    for position in range(len(original)):
        changed = bytearray(original)
        changed[position] ^= 0x01
        probe.write_bytes(changed)
        reason = _refusal(office_service, probe)
        assert reason in (HEADER_REASONS if position < HEADER_BYTES else PAYLOAD_REASONS), position
        reasons[reason] += 1
    for length in range(len(original)):
        probe.write_bytes(original[:length])
        reason = _refusal(office_service, probe)
        assert reason in {Reason.NOT_A_BUNDLE, Reason.INCOMPLETE, Reason.DAMAGED}, length
        reasons[reason] += 1
    for extra in (b"\0", b"x" * TAG_BYTES, b"y" * 5000, original[HEADER_BYTES:]):
        probe.write_bytes(original + extra)
        assert _refusal(office_service, probe) in PAYLOAD_REASONS
    assert store_digest(office_service.store) == before
    # Each kind of damage was seen and named.
    assert {Reason.NOT_A_BUNDLE, Reason.NOT_FOR_US, Reason.DAMAGED, Reason.INCOMPLETE} <= set(reasons)
    # The untouched file still imports: the refusals were about the changes only.
    assert office_service.import_file(path).applied == own


def test_swapped_and_dropped_chunks_are_refused(setup, scratch: Path) -> None:
    office_service, _, path, _ = setup
    original = path.read_bytes()
    size = (1 << CHUNK_EXPONENT) + TAG_BYTES
    body = original[HEADER_BYTES:]
    chunks = [body[i:i + size] for i in range(0, len(body), size)]
    head = original[:HEADER_BYTES]
    before = store_digest(office_service.store)
    probe = scratch / "probe.bdsk"
    variants = {
        "swap first two": [chunks[1], chunks[0], *chunks[2:]],
        "swap last two": [*chunks[:-2], chunks[-1], chunks[-2]],
        "drop last": chunks[:-1],
        "drop middle": [chunks[0], *chunks[2:]],
        "repeat first": [chunks[0], *chunks],
    }
    for name, parts in variants.items():
        probe.write_bytes(head + b"".join(parts))
        assert _refusal(office_service, probe) in PAYLOAD_REASONS, name
    probe.write_bytes(head + b"".join(chunks[:-1]))
    assert _refusal(office_service, probe) == Reason.INCOMPLETE  # cut at a chunk boundary
    assert store_digest(office_service.store) == before


def test_another_recipient_an_unknown_and_a_revoked_signer(setup, tmp_path: Path) -> None:
    office_service, laptop_service, path, make_store = setup
    office = office_service.store
    # Addressed to the office: another laptop cannot read it.
    other = make_store("other", "counselor")
    other_office = make_store("other-office", "office")
    _, other_service = enroll(other_office, other, "Bekir", tmp_path)
    before_other = store_digest(other)
    assert _refusal(other_service, path) == Reason.NOT_FOR_US
    assert store_digest(other) == before_other

    # A device that joined but was never enrolled (unknown signer).
    stranger = make_store("stranger", "counselor")
    stranger_service = HandoverService(stranger)
    invitation = office_service.invite(tmp_path / "inv")
    stranger_service.join(invitation, tmp_path / "inv")
    stranger.conn.execute("BEGIN")
    stranger.set_meta("sync_enrolled", "1")
    stranger.conn.execute("COMMIT")
    open_case(stranger, "S-1")
    [forged] = [r.path for r in stranger_service.export(tmp_path / "stranger")]
    before = store_digest(office)
    assert _refusal(office_service, forged) == Reason.UNKNOWN_SENDER

    # A revoked device.
    office_service.revoke(laptop_service.store.device_id)
    before = store_digest(office)
    assert _refusal(office_service, path) == Reason.REVOKED_SENDER
    assert store_digest(office) == before


def _craft(sender: crypto.Identity, recipient_kx: bytes, manifest: dict, payload_after: bytes,
           folder: Path, name: str) -> Path:
    """A bundle signed by a real sender but with a manifest that lies about its content."""
    manifest_bytes = canonical(manifest)
    path = folder / name
    with open(path, "wb") as handle:
        writer = EnvelopeWriter(handle, recipient_kx, CHUNK_EXPONENT)
        writer.write(struct.pack(">I", len(manifest_bytes)) + manifest_bytes
                     + sender.sign(crypto.DOMAIN_MANIFEST, manifest_bytes) + payload_after)
        writer.close()
    return path


def test_a_manifest_that_does_not_match_its_content(setup, tmp_path: Path) -> None:
    office_service, laptop_service, _, _ = setup
    laptop, office = laptop_service.store, office_service.store
    CaseService(laptop).add_attachment(
        open_case(laptop, "K-2", counselor_id(laptop)).id, "a.txt", b"attachment bytes")
    changes = change_log.own_changes_after(laptop, 0)
    encoded = EncodedChanges.of(changes)
    blob = b"attachment bytes"
    office_peer = peers.peers(laptop.conn, "office")[0]
    base = {"format": 1, "kind": "handover", "bundle_id": "b" * 32, "sender": laptop.device_id,
            "sender_epoch": 1, "recipient": office.device_id,
            "recipient_key": crypto.key_fingerprint(office_peer.kx_pub), "seq": 1, "prev_hash": "",
            "created_at": "2024-01-01T00:00:00+00:00",
            "clock": {"min": encoded.clock_min, "max": encoded.clock_max},
            "changes": encoded.summary(), "blobs": [[hashlib.sha256(blob).hexdigest(), len(blob)]]}
    folder = tmp_path / "crafted"
    folder.mkdir()
    honest = encoded.data + blob
    lies = {
        "count": ({**base, "changes": {**base["changes"], "count": encoded.count + 1}}, honest),
        "hash": ({**base, "changes": {**base["changes"], "sha256": "0" * 64}}, honest),
        "blob": (base, encoded.data + b"attachment bytez"),
        "extra": (base, honest + b"more"),
        "short": (base, honest[:-1]),
        "clock": ({**base, "clock": {"min": 1, "max": 2}}, honest),
        "size": ({**base, "changes": {**base["changes"], "bytes": len(encoded.data) - 1}}, honest),
        "newer": ({**base, "format": 2}, honest),
        "recipient": ({**base, "recipient": laptop.device_id}, honest),
    }
    expected = {"newer": Reason.TOO_NEW, "recipient": Reason.NOT_FOR_US}
    before = store_digest(office)
    for name, (manifest, payload) in lies.items():
        path = _craft(laptop_service.identity, office_peer.kx_pub, manifest, payload, folder, name)
        assert _refusal(office_service, path) == expected.get(name, Reason.MANIFEST_MISMATCH), name
    # Signed by someone else than the sender it names.
    path = _craft(crypto.Identity.generate(), office_peer.kx_pub, base, honest, folder, "signer")
    assert _refusal(office_service, path) == Reason.BAD_SIGNATURE
    assert store_digest(office) == before
    # The honest version of the same bundle is accepted.
    path = _craft(laptop_service.identity, office_peer.kx_pub, base, honest, folder, "honest")
    assert office_service.import_file(path).applied == len(changes)


def test_a_canary_from_a_note_is_nowhere_in_the_clear(setup, tmp_path: Path) -> None:
    office_service, laptop_service, _, _ = setup
    laptop = laptop_service.store
    canary = "KANARIE-3f9c1e"
    case = open_case(laptop, "CANARY-CASE-77", counselor_id(laptop), summary=canary)
    CaseService(laptop).add_note(case.id, f"Gespräch mit {canary}")
    CaseService(laptop).add_attachment(case.id, f"{canary}.txt", canary.encode() * 10)
    out = tmp_path / "canary"
    [result] = laptop_service.export(out, force=True)
    office_service.import_file(result.path)
    [back] = office_service.export(out, force=True)
    for path in (result.path, back.path):
        data = path.read_bytes()
        for secret in (canary, "CANARY-CASE-77", "Aylin", laptop.name, laptop.device_id, case.id,
                       office_service.store.device_id):
            assert secret.encode() not in data and secret.encode("utf-16-le") not in data
            assert secret.encode().hex().encode() not in data
    assert all(canary not in p.name and "CANARY" not in p.name for p in out.rglob("*"))
    assert dt.date.today().isoformat().encode() not in result.path.read_bytes()
