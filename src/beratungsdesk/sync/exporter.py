"""Writing handover bundles: laptop -> office, and office -> each enrolled device.

Bundles are *cumulative*: each one holds every change the recipient has not
confirmed yet (by its last receipt), so a lost or late bundle is covered by the
next one, and arrival order never matters.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.storage.handover import bundles, change_log, digests, now_iso, peers, purge, scope
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync import clocks, crypto
from beratungsdesk.sync.bundle import KIND_HANDOVER, EncodedChanges, canonical, write_bundle
from beratungsdesk.sync.envelope import DEFAULT_CHUNK_EXPONENT
from beratungsdesk.sync.errors import Reason, SyncError
from beratungsdesk.sync.handover_folder import all_present, file_names_of
from beratungsdesk.sync.identity import Signed, current_roster
from beratungsdesk.sync.state import own_epoch, receipt_for


@dataclass(frozen=True)
class ExportResult:
    recipient: str
    path: Path | None  # None: nothing new for this recipient
    seq: int
    changes: int
    blobs: int
    blob_bytes: int
    restamped: int = 0  # own changes given fresh stamps after this computer's clock was corrected
    parts: int = 1  # files the bundle was written as (see sync/handover_folder.py)
    #: path None: changes the last bundle holds that the recipient has not confirmed yet
    unconfirmed: int = 0
    #: written although nothing is new: the last bundle's files are not in the folder
    #: (a lost stick, a sync tool deleting it, a crash before its rename)
    rewritten: bool = False


def export_to_office(store: Store, identity: crypto.Identity, folder: Path,
                     force: bool = False, chunk_exponent: int = DEFAULT_CHUNK_EXPONENT,
                     part_bytes: int | None = None) -> ExportResult:
    """Every own change the office has not confirmed, with the attachments they name."""
    if store.role == ROLE_OFFICE:
        raise SyncError("not_permitted")
    if store.meta("sync_enrolled") != "1":
        raise SyncError(Reason.NOT_ENROLLED)
    if store.meta("sync_revoked") == "1":
        raise SyncError("device_revoked")
    office = next(iter(peers.peers(store.conn, "office")), None)
    if office is None:
        raise SyncError(Reason.NOT_ENROLLED)
    # Changes made while this computer's clock ran ahead get fresh stamps once it is right.
    restamped = clocks.restamp_before_export(store)

    def collect() -> tuple[list[ChangeSet], dict[str, Any]]:
        found = bundles.receipt(store.conn, office.device_id)
        confirmed = found[1].get("held_seq", 0) if found else 0
        extra = {"receipt": receipt_for(store, office), "covers_from": _covers_from(store, office),
                 "purged_cases": purge.purged_case_ids(store.conn),
                 "sanity": digests.digest_all(store.conn)}
        return change_log.own_changes_after(store, confirmed), extra

    result = _write(store, identity, office, collect, folder, force, chunk_exponent=chunk_exponent,
                    part_bytes=part_bytes)
    return replace(result, restamped=restamped)


def export_to_device(store: Store, identity: crypto.Identity, device: peers.Peer, folder: Path,
                     force: bool = False, part_bytes: int | None = None) -> ExportResult:
    """Receipt, roster, certificate and what the device's counselor needs.

    A revoked device gets one last bundle without any data: the roster that says
    it is revoked, so it stops handing over.
    """
    if device.certificate is None:
        raise SyncError(Reason.NOT_ENROLLED)
    active = device.status == "active"
    device_origin = store.origin_no(device.device_id, create=True)

    def collect() -> tuple[list[ChangeSet], dict[str, Any]]:
        # A case the device purged and that is open again for it goes out whole.
        resend = scope.reopened_purged_cases(store, device_origin, device.counselor_id) if active else []
        for case_id in resend:
            scope.forget_delivery_of_case(store, device_origin, case_id)
        changes = (scope.changes_for_peer(store, device_origin, device.counselor_id, resend)
                   if active else [])
        roster = current_roster(store)
        if roster is None:
            raise SyncError(Reason.NOT_ENROLLED)
        extra = {"receipt": receipt_for(store, device), "covers_from": _covers_from(store, device),
                 **restore_notice(store),
                 "roster": roster.to_json(),
                 "certificate": Signed.from_json(json.loads(device.certificate or b"{}")).to_json(),
                 "resend_cases": resend, **clocks.notice_for(store, device.device_id),
                 "sanity": (digests.digest_scope(store, device_origin, device.counselor_id)
                            if active else {})}
        return changes, extra

    return _write(store, identity, device, collect, folder, force,
                  record=lambda seq, sent: scope.record_sent(store, device_origin, seq, sent),
                  part_bytes=part_bytes)


def restore_notice(store: Store) -> dict[str, Any]:
    """``restored_from``: when the backup was taken that this office was restored from.

    Laptops accept the office's new bundle epoch only with it, and tell their users."""
    restored = store.meta("backup.restored_from")
    return {"restored_from": restored} if restored else {}


def _covers_from(store: Store, recipient: peers.Peer) -> int:
    """The oldest of our bundles whose content this one repeats: the first not confirmed."""
    found = bundles.receipt(store.conn, recipient.device_id)
    return (found[1].get("contiguous", 0) if found else 0) + 1


def _content_digest(store: Store, recipient: peers.Peer, encoded: EncodedChanges,
                    blobs: list[tuple[str, int]], extra: dict[str, Any]) -> str:
    """``<what the recipient would learn>:<the data>``, to skip bundles that say nothing new.

    What the recipient learns: the roster, certificate, resend and purge lists, what
    we hold of its changes, and that its last bundle *with data* arrived. That its
    empty acknowledgements arrived, or our sanity digest, is no news: otherwise two
    stores would acknowledge each other's acknowledgements for ever.
    """
    receipt = extra.get("receipt") or {}
    with_data = [b.seq for b in bundles.bundles_in(store.conn, recipient.device_id, recipient.epoch)
                 if b.changes or b.blobs]
    news = {key: value for key, value in extra.items()
            if key not in ("receipt", "sanity", "covers_from")}
    news["acknowledged"] = [max(with_data, default=0), receipt.get("held_seq"), receipt.get("audit_head")]
    news["recipient_key"] = recipient.kx_pub.hex()
    data = {"changes": encoded.summary(), "blobs": blobs}
    return f"{hashlib.sha256(canonical(news)).hexdigest()}:{hashlib.sha256(canonical(data)).hexdigest()}"


def _nothing_new(last: str, now: str, change_count: int) -> bool:
    """The same news and no data, or the very same bundle again."""
    return last == now or (change_count == 0 and last.partition(":")[0] == now.partition(":")[0])


Collect = Callable[[], tuple[list[ChangeSet], dict[str, Any]]]


def _write(store: Store, identity: crypto.Identity, recipient: peers.Peer, collect: Collect,
           folder: Path, force: bool,
           record: Callable[[int, list[ChangeSet]], None] | None = None,
           chunk_exponent: int = DEFAULT_CHUNK_EXPONENT, part_bytes: int | None = None) -> ExportResult:
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        result = _write_in_transaction(store, identity, recipient, collect, folder, force, record,
                                       chunk_exponent, part_bytes)
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise
    if store.conn.in_transaction:  # nothing new: nothing was written
        store.conn.execute("ROLLBACK")
    return result


def _write_in_transaction(store: Store, identity: crypto.Identity, recipient: peers.Peer,
                          collect: Collect, folder: Path, force: bool,
                          record: Callable[[int, list[ChangeSet]], None] | None,
                          chunk_exponent: int, part_bytes: int | None) -> ExportResult:
    changes, extra = collect()
    encoded = EncodedChanges.of(changes)
    contents = {sha for c in changes
                if c.entity == "attachment" and isinstance(sha := c.values.get("sha256"), str)}
    blobs = bundles.blob_sizes(store.conn, contents)
    content_digest = _content_digest(store, recipient, encoded, blobs, extra)
    last = bundles.last_bundle_out(store.conn, recipient.device_id)
    rewritten = False
    if last and not force and _nothing_new(last.content_digest, content_digest, encoded.count):
        if not encoded.count or all_present(folder, last.file_name):
            return ExportResult(recipient.device_id, None, last.seq, 0, 0, 0, unconfirmed=encoded.count)
        # Changes the recipient has not confirmed, and the bundle holding them is not in
        # this folder: write them again, as the next bundle. Bundles are cumulative, so the
        # recipient takes it like any later one: what it already holds is known there (no
        # duplicates), the number follows on (no fork), and a lost one counts as covered.
        rewritten = True
    seq = (last.seq if last else 0) + 1
    manifest = {
        "kind": KIND_HANDOVER, "bundle_id": uuid.uuid4().hex, "sender": store.device_id,
        "sender_epoch": own_epoch(store), "recipient": recipient.device_id,
        "recipient_key": crypto.key_fingerprint(recipient.kx_pub), "seq": seq,
        "prev_hash": last.hash.hex() if last else "", "created_at": now_iso(),
        "clock": {"min": encoded.clock_min, "max": encoded.clock_max},
        "sender_clock": max(store.clock.last, 0), **extra}

    def commit_record(file_name: str, bundle_hash: bytes) -> None:
        # Recorded and committed before the file becomes visible: a crash after
        # this leaves a gap the next (cumulative) bundle covers, never two
        # different bundles with one sequence number.
        bundles.record_bundle_out(store.conn, bundles.BundleOut(
            recipient.device_id, seq, manifest["bundle_id"], bundle_hash, manifest["created_at"],
            encoded.count, len(blobs), file_name, content_digest))
        if record is not None:
            record(seq, changes)
        store.conn.execute("COMMIT")

    path, _ = write_bundle(folder, identity, recipient.kx_pub, manifest, encoded, blobs,
                           lambda sha: bundles.blob_content(store.conn, sha), commit_record,
                           chunk_exponent, part_bytes)
    return ExportResult(recipient.device_id, path, seq, encoded.count, len(blobs),
                        sum(size for _, size in blobs), parts=len(file_names_of(path.name)),
                        rewritten=rewritten)
