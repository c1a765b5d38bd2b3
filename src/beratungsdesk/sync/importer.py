"""Reading a handover bundle into a store: verify, decrypt, check, apply in one transaction.

Order of checks (each refusal leaves the store exactly as it was; only a fork
is written down, as an alert, in a transaction of its own):

1. envelope: magic, version, header MAC with our key (else *not for this store*);
2. manifest: structure, kind, recipient id and key fingerprint;
3. sender: a known, active peer of the right role and epoch; signature;
4. office documents (on a device): roster not older than one seen, certificate for us;
5. sequence: already imported (same hash), fork (same number, other hash, or a
   broken ``prev_hash`` chain);
5a. clock: stamps more than 24 h ahead of our wall clock refuse the whole bundle
   (``sync/clocks.py``; an alert is recorded, like a fork);
6. content, streamed: every change and attachment checked against the
   manifest's counts and hashes while it is applied; the end of the file must
   be the end of the content. Any failure rolls the whole bundle back;
7. admission, per batch before the merge (``sync/admission.py``): a change its
   sender may not write, or with invalid values, is not applied but quarantined.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from beratungsdesk.core.changes import ChangeSet
from beratungsdesk.core.collection import cycle_collection_paused
from beratungsdesk.core.hlc import AHEAD_LIMIT_MS, ahead_of_wall_ms
from beratungsdesk.storage import conflict_queries
from beratungsdesk.storage.handover import alerts, bundles, digests, now_iso, peers, purge, scope
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.storage.unit_of_work import ApplyResult
from beratungsdesk.sync import clocks, crypto
from beratungsdesk.sync.admission import Gate
from beratungsdesk.sync.bundle import KIND_HANDOVER, OpenedBundle, open_bundle
from beratungsdesk.sync.errors import BundleRejected, Reason, SyncError
from beratungsdesk.sync.identity import Signed, b64
from beratungsdesk.sync.state import OFFICE_AUDIT_ANCHOR, missing_bundles, office_audit_anchor, valid_head

#: Laptop setting (store meta): document contents stay at the office only.
OFFICE_ONLY_DOCUMENTS = "attachments_office_only"
#: A bundle stamped this far ahead of our wall clock is refused (``sync/clocks.py``).
CLOCK_AHEAD_LIMIT_MS = AHEAD_LIMIT_MS
_BATCH = 5000


@dataclass
class ImportResult:
    sender: str
    seq: int
    applied: int = 0
    already_known: int = 0
    skipped_purged: int = 0
    conflicts: int = 0
    blobs: int = 0
    enrolled: bool = False
    clock_ahead_ms: int = 0  # > 0: the sender's own clock (not its changes) is beyond the bound
    sanity_differs: list[str] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # sender's bundles not arrived
    missing_covered: list[int] = field(default_factory=list)  # ... whose content came with a later one
    purged_cases: int = 0
    documents_removed: int = 0  # document contents let go (kept at the office only)
    erased: int = 0  # records erased by erase changes in this bundle
    dropped: int = 0  # changes to erased records, kept without their values
    refused: int = 0  # changes not allowed for the sender or invalid: quarantined, not applied
    resolved: int = 0  # open conflicts closed by decisions made elsewhere
    replaced: int = 0  # texts of this device set aside by those decisions (a notice each)


@dataclass(frozen=True)
class _OfficeDocuments:
    """What a device takes from the office's signed roster and certificate."""

    roster_version: int
    roster: Signed
    certificate: Signed
    epoch: int
    counselor_id: str | None
    revoked: bool


def import_bundle(store: Store, identity: crypto.Identity, path: Path | Sequence[Path]) -> ImportResult:
    with open_bundle(path, identity) as opened:
        manifest = opened.manifest
        if manifest["kind"] != KIND_HANDOVER:
            raise BundleRejected(Reason.WRONG_KIND)
        if (manifest["recipient"] != store.device_id
                or manifest["recipient_key"] != crypto.key_fingerprint(identity.kx_public)):
            raise BundleRejected(Reason.NOT_FOR_US)
        sender = _sender(store, manifest)
        opened.verify(sender.sign_pub)
        documents = None if store.role == ROLE_OFFICE else _office_documents(store, identity, sender,
                                                                               manifest)
        _check_sequence(store, sender, manifest, opened.hash)
        clocks.check_bundle(store, sender, manifest)
        with cycle_collection_paused():
            result = _apply(store, sender, opened, documents)
    clocks.accepted_from(store, sender.device_id)
    if store.role != ROLE_OFFICE and store.meta("purge_closed") == "1":
        result.purged_cases = purge_confirmed(store)
    if keeps_documents_at_office(store):
        result.documents_removed = drop_confirmed_documents(store)
    return result


def keeps_documents_at_office(store: Store) -> bool:
    return store.role != ROLE_OFFICE and store.meta(OFFICE_ONLY_DOCUMENTS) == "1"


def _sender(store: Store, manifest: dict[str, Any]) -> peers.Peer:
    peer = peers.peer(store.conn, manifest["sender"])
    expected_role = "counselor" if store.role == ROLE_OFFICE else "office"
    if peer is None or peer.role != expected_role:
        raise BundleRejected(Reason.UNKNOWN_SENDER)
    if peer.status == "revoked" or manifest["sender_epoch"] < peer.epoch:
        raise BundleRejected(Reason.REVOKED_SENDER)
    if manifest["sender_epoch"] > peer.epoch and not _office_restored(peer, manifest):
        raise BundleRejected(Reason.UNKNOWN_SENDER)
    return peer


def _office_restored(peer: peers.Peer, manifest: dict[str, Any]) -> bool:
    """The office, restored from a backup, starts a new epoch of bundles (its old numbers may
    repeat with other content). Taken only from the office, with the restore notice; the
    signature is checked after this like every other bundle's, and the new epoch is kept
    only once the whole bundle was taken in."""
    return (peer.role == "office" and isinstance(manifest.get("restored_from"), str)
            and manifest["sender_epoch"] == peer.epoch + 1)


def _office_documents(store: Store, identity: crypto.Identity, office: peers.Peer,
                      manifest: dict[str, Any]) -> _OfficeDocuments:
    try:
        roster = Signed.from_json(manifest.get("roster"))
        certificate = Signed.from_json(manifest.get("certificate"))
        roster_body = roster.open(office.sign_pub, crypto.DOMAIN_ROSTER)
        cert = certificate.open(office.sign_pub, crypto.DOMAIN_CERTIFICATE)
    except SyncError as error:
        raise BundleRejected(Reason.BAD_SIGNATURE if error.code == Reason.BAD_SIGNATURE
                             else Reason.DAMAGED) from None
    version = roster_body.get("version")
    if (not isinstance(version, int) or roster_body.get("office") != office.device_id
            or not isinstance(roster_body.get("devices"), list)):
        raise BundleRejected(Reason.DAMAGED)
    latest = peers.latest_roster(store.conn)
    if latest and (version < latest[0] or (version == latest[0] and roster.body != latest[1])):
        raise BundleRejected(Reason.STALE_ROSTER)
    if (cert.get("device") != store.device_id or cert.get("office") != office.device_id
            or cert.get("sign_pub") != b64(identity.sign_public)
            or cert.get("kx_pub") != b64(identity.kx_public) or not isinstance(cert.get("epoch"), int)):
        raise BundleRejected(Reason.NOT_FOR_US)
    own = [d for d in roster_body["devices"] if isinstance(d, dict) and d.get("device") == store.device_id]
    return _OfficeDocuments(version, roster, certificate, cert["epoch"], cert.get("counselor"),
                            revoked=not own or own[0].get("status") != "active")


def _check_sequence(store: Store, sender: peers.Peer, manifest: dict[str, Any],
                    bundle_hash: bytes) -> None:
    seq, epoch = manifest["seq"], manifest["sender_epoch"]
    if seq < 1:
        raise BundleRejected(Reason.DAMAGED)
    same = bundles.bundle_in(store.conn, sender.device_id, epoch, seq)
    if same is not None:
        if same.hash == bundle_hash:
            raise BundleRejected(Reason.ALREADY_IMPORTED, seq=seq)
        _fork(store, sender, seq, "same_sequence_other_content")
    before = bundles.bundle_in(store.conn, sender.device_id, epoch, seq - 1)
    if before is not None and manifest["prev_hash"] != before.hash.hex():
        _fork(store, sender, seq, "previous_hash_differs")
    after = bundles.bundle_in(store.conn, sender.device_id, epoch, seq + 1)
    if after is not None and after.prev_hash != bundle_hash:
        _fork(store, sender, seq, "next_bundle_names_another")


def _fork(store: Store, sender: peers.Peer, seq: int, detail: str) -> None:
    store.conn.execute("BEGIN IMMEDIATE")
    alerts.add_alert(store.conn, "fork", sender.device_id, seq, detail)
    store.conn.execute("COMMIT")
    raise BundleRejected(Reason.FORK, seq=seq)


def _apply(store: Store, sender: peers.Peer, opened: OpenedBundle,
           documents: _OfficeDocuments | None) -> ImportResult:
    manifest = opened.manifest
    result = ImportResult(sender.device_id, manifest["seq"])
    office = store.role == ROLE_OFFICE
    # The bytes are still read and checked against the manifest; a laptop that keeps
    # documents at the office only does not store them (the attachment rows arrive).
    store_blobs = not keeps_documents_at_office(store)
    gate = Gate(store, sender, manifest["seq"])  # authorization and validation (sync/admission.py)
    with store.unit_of_work() as uow:
        open_before, first_new = conflict_queries.open_ids(store.conn), conflict_queries.next_id(store.conn)
        skip: set[tuple[str, str]] = set()
        if not office:
            for case_id in manifest.get("resend_cases") or []:
                if isinstance(case_id, str):
                    purge.unpurge_case(store.conn, case_id)
            skip = purge.purged_row_ids(store.conn)
        stamps: list[int] = []  # lowest and highest stamp of each batch
        for batch in _batches(opened.changes()):
            _check_batch(batch, sender, office)
            stamps += (min(change.hlc for change in batch), max(change.hlc for change in batch))
            kept = [change for change in batch if (change.entity, change.row_id) not in skip]
            result.skipped_purged += len(batch) - len(kept)
            _count(result, uow.apply_remote(gate.admit(kept)))
        if (min(stamps, default=0), max(stamps, default=0)) != (manifest["clock"]["min"],
                                                                manifest["clock"]["max"]):
            raise BundleRejected(Reason.MANIFEST_MISMATCH)
        for sha, content in opened.blobs():
            if store_blobs:
                uow.put_blob(content, sha)
                result.blobs += 1
        opened.finish()
        # Later writes may have given a conflict's field the very value that lost: then
        # there is nothing left to decide, and two equal values are never shown.
        conflict_queries.settle_equal(store.conn)
        # What people are told: conflicts this bundle opened that are still open (a decision in
        # the same bundle may have closed the race it brought), and earlier ones it closed.
        open_now = conflict_queries.open_ids(store.conn)
        result.conflicts = sum(1 for i in open_now if i >= first_new)
        result.resolved = conflict_queries.still_held(store.conn, open_before - open_now)  # not erased
        if gate.refused:
            result.refused = gate.refused
            alerts.add_alert(store.conn, "changes_refused", sender.device_id, manifest["seq"],
                                 str(gate.refused))
        _bookkeeping(store, sender, opened, documents, result)
    lost, covered = missing_bundles(store, sender)
    result.missing, result.missing_covered = sorted(lost + covered), covered
    return result


def _check_batch(batch: list[ChangeSet], sender: peers.Peer, office: bool) -> None:
    """Checks of incoming change sets, a whole batch at a time, before any of it is merged.

    A failed check rejects the bundle; the transaction rolls back what earlier
    batches merged.
    """
    if office and any(change.origin != sender.device_id for change in batch):
        raise BundleRejected(Reason.MANIFEST_MISMATCH)  # a device speaks for itself only


def _batches(changes: Iterator[ChangeSet]) -> Iterator[list[ChangeSet]]:
    """The bundle's change sets in batches of up to ``_BATCH`` (none empty)."""
    while batch := list(itertools.islice(changes, _BATCH)):
        yield batch


def _count(result: ImportResult, applied: ApplyResult) -> None:
    result.applied += applied.applied
    result.already_known += applied.already_known
    result.conflicts += applied.conflicts
    result.erased += applied.erased
    result.dropped += applied.dropped
    result.replaced += applied.replaced


def _bookkeeping(store: Store, sender: peers.Peer, opened: OpenedBundle,
                 documents: _OfficeDocuments | None, result: ImportResult) -> None:
    manifest = opened.manifest
    conn = store.conn
    if manifest["sender_epoch"] > sender.epoch:  # the office was restored (see _office_restored)
        peers.save_peer(conn, replace(sender, epoch=manifest["sender_epoch"]))
        # What the office confirmed before may be what its backup lacks: our next bundle holds
        # everything its receipt does not, even if our last one held the same.
        bundles.forget_content_of_last_bundle_out(conn, sender.device_id)
        alerts.add_alert(conn, "office_restored", sender.device_id, manifest["seq"],
                             str(manifest["restored_from"])[:32])
    covers_from = manifest.get("covers_from")
    bundles.record_bundle_in(conn, bundles.BundleIn(
        sender.device_id, manifest["sender_epoch"], manifest["seq"], manifest["bundle_id"], opened.hash,
        bytes.fromhex(manifest["prev_hash"]) if _hex(manifest["prev_hash"]) else b"",
        now_iso(), manifest["changes"]["count"], len(manifest["blobs"]),
        covers_from if isinstance(covers_from, int) else manifest["seq"]))
    _take_receipt(store, sender, opened)
    if documents is not None:
        peers.save_roster(conn, documents.roster_version, documents.roster.body,
                               documents.roster.signature)
        if store.meta("sync_enrolled") != "1":
            result.enrolled = True
        store.set_meta("sync_enrolled", "1")
        store.set_meta("sync_epoch", str(documents.epoch))
        store.set_meta("sync_certificate", json.dumps(documents.certificate.to_json()))
        if documents.counselor_id:
            store.set_meta("counselor_id", documents.counselor_id)
        store.set_meta("sync_revoked", "1" if documents.revoked else "0")
        clocks.take_notice(store, manifest)
    elif isinstance(manifest.get("purged_cases"), list):
        scope.record_peer_purged(store, store.origin_no(sender.device_id, create=True),
                                      [c for c in manifest["purged_cases"] if isinstance(c, str)])
    ahead = ahead_of_wall_ms(max(manifest["clock"]["max"], _int(manifest.get("sender_clock"))))
    if ahead > CLOCK_AHEAD_LIMIT_MS:
        result.clock_ahead_ms = ahead
        alerts.add_alert(conn, "clock_ahead", sender.device_id, manifest["seq"], str(ahead // 1000))
    result.sanity_differs = _sanity(store, sender, manifest.get("sanity"))
    store.set_meta(f"sanity:{sender.device_id}", json.dumps(
        {"at": now_iso(), "seq": manifest["seq"], "differs": result.sanity_differs}))


def _take_receipt(store: Store, sender: peers.Peer, opened: OpenedBundle) -> None:
    receipt = opened.manifest.get("receipt")
    if not isinstance(receipt, dict) or receipt.get("peer") != store.device_id:
        return
    contiguous = _int(receipt.get("contiguous"))
    above = [s for s in receipt.get("above") or [] if isinstance(s, int) and not isinstance(s, bool)]
    head = receipt.get("audit_head")
    audit_head = head if (isinstance(head, list) and len(head) == 2 and _int(head[0])
                          and isinstance(head[1], str)) else None
    body = {"contiguous": contiguous, "above": above, "held_seq": _int(receipt.get("held_seq")),
            "bundle_seq": opened.manifest["seq"], "bundle_epoch": opened.manifest["sender_epoch"],
            "issued_at": opened.manifest["created_at"],
            "audit_head": audit_head, "refused": _refused(receipt.get("refused")),
            "office_audit_anchor": valid_head(receipt.get("office_audit_anchor"))}
    saved = bundles.receipt(store.conn, sender.device_id)
    if saved and ((saved[1].get("bundle_epoch", 1), saved[1].get("bundle_seq", 0))
                  >= (body["bundle_epoch"], body["bundle_seq"])):
        return  # an older bundle arriving late: its receipt says less than the one we have
    if body["refused"]["count"] > ((saved[1].get("refused") or {}).get("count", 0) if saved else 0):
        # The other side refused some of what we sent: say so where people look.
        alerts.add_alert(store.conn, "refused_by_peer", sender.device_id, opened.manifest["seq"],
                             str(body["refused"]["count"]))
    bundles.save_receipt(store.conn, sender.device_id, body, opened.manifest_bytes, opened.signature)
    if audit_head and alerts.audit_hash_at(store.conn, store.device_id, audit_head[0]) != audit_head[1]:
        # Our own audit chain no longer matches what the office confirmed holding.
        alerts.add_alert(store.conn, "audit_chain_differs", sender.device_id, audit_head[0])
    if store.role == ROLE_OFFICE:
        _check_echoed_office_anchor(store, sender, body["office_audit_anchor"], body["bundle_seq"])
    else:
        _check_office_audit(store, sender, receipt.get("office_audit"), opened.manifest["seq"])
    if store.role == ROLE_OFFICE:
        scope.confirm_sent(store.conn, store.origin_no(sender.device_id, create=True),
                                [*range(1, contiguous + 1), *above])


def _check_echoed_office_anchor(store: Store, sender: peers.Peer, anchor: list[Any] | None,
                                seq: int) -> None:
    """Office: the head of our own audit chain that this laptop keeps must still be ours."""
    if anchor is None:
        return  # an older laptop, or none seen yet
    held = alerts.audit_hash_at(store.conn, store.device_id, anchor[0])
    if held != anchor[1]:
        problem = "cut" if held is None else "rewritten"
        alerts.add_alert(store.conn, "office_audit_altered", sender.device_id, seq,
                             f"{problem}:{anchor[0]}")


def _check_office_audit(store: Store, office: peers.Peer, statement: Any, seq: int) -> None:
    """Laptop: compare the office's signed audit statement with the anchor we keep.

    The anchor is the office's head we last *confirmed*. The office says its head now
    and, for the anchor we echoed in our last receipt, what its chain holds at that
    entry now. Shorter than the anchor, the entry gone, or another hash there: the
    office's chain was cut or rewritten; the alert is written here, outside the office
    store, and the anchor stays, so every later handover shows it again. A newer head
    is taken as the anchor only once the statement confirms the old one (so nothing
    between two anchors goes unchecked); until then we keep echoing the old one.
    """
    if not isinstance(statement, dict):
        return  # an office without anchoring (older version): nothing to compare
    anchor = office_audit_anchor(store)
    head = valid_head(statement.get("head"))
    if anchor is None:
        if head is not None:
            store.set_meta(OFFICE_AUDIT_ANCHOR, json.dumps(head))
        return
    at = statement.get("at")
    now: str | None = None  # what the office holds at the anchor's entry; "" when it is gone
    if head is not None and head[0] == anchor[0]:
        now = head[1]
    elif isinstance(at, list) and len(at) == 2 and at[0] == anchor[0]:
        now = at[1] if isinstance(at[1], str) else ""
    if head is None or head[0] < anchor[0] or now == "":
        problem = "cut"
    elif now is not None and now != anchor[1]:
        problem = "rewritten"
    else:
        if now is not None and head[0] > anchor[0]:
            store.set_meta(OFFICE_AUDIT_ANCHOR, json.dumps(head))
        return
    alerts.add_alert(store.conn, "office_audit_altered", office.device_id, seq, f"{problem}:{anchor[0]}")


def _sanity(store: Store, sender: peers.Peer, theirs: Any) -> list[str]:
    """Tables whose counts and clock sums differ from the sender's (Anki-style check)."""
    if not isinstance(theirs, dict):
        return []
    if store.role == ROLE_OFFICE:
        ours = digests.digest_scope(store, store.origin_no(sender.device_id, create=True),
                                       sender.counselor_id)
    else:
        ours = digests.digest_all(store.conn)
    return sorted(entity for entity, value in ours.items() if theirs.get(entity) != value)


def purge_confirmed(store: Store, among: set[str] | None = None) -> int:
    """Remove closed cases the office has confirmed (laptop setting); local only.

    ``among`` restricts it to these cases (e.g. those whose retention ended).
    A case with work the office has not confirmed yet stays: nothing is lost.
    """
    office = next(iter(peers.peers(store.conn, "office")), None)
    found = bundles.receipt(store.conn, office.device_id) if office else None
    if found is None:
        return 0
    purged = set(purge.purged_case_ids(store.conn))
    with store.unit_of_work() as uow:
        cases = [c for c in purge.purgeable_cases(store, found[1].get("held_seq", 0))
                 if c not in purged and (among is None or c in among)]
        for case_id in cases:
            purge.purge_case(store, case_id)
        if cases:
            uow.touched.update({"case", "client", "contact", "intervention", "note", "attachment",
                                "followup", "appointment"})
    return len(cases)


def drop_confirmed_documents(store: Store) -> int:
    """Let go of document contents the office holds (laptop setting); local only.

    Needs the office's receipt: without one nothing is known to be held there. A
    document whose attachment the office has not confirmed yet keeps its bytes:
    they still have to travel. The caller runs the store's maintenance.
    """
    office = next(iter(peers.peers(store.conn, "office")), None)
    found = bundles.receipt(store.conn, office.device_id) if office else None
    if found is None:
        return 0
    with store.unit_of_work() as uow:
        held = purge.office_held_blobs(store, found[1].get("held_seq", 0))
        removed = purge.drop_blobs(store.conn, held)
        if removed:
            uow.touched.add("attachment")
    return removed


def _refused(value: Any) -> dict[str, Any]:
    """The receipt's ``refused`` field; receipts from before it existed have none (0)."""
    if not isinstance(value, dict):
        return {"count": 0, "seqs": []}
    seqs = value.get("seqs")
    return {"count": _int(value.get("count")),
            "seqs": [s for s in seqs if _int(s)][:100] if isinstance(seqs, list) else []}


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _hex(value: Any) -> bool:
    try:
        bytes.fromhex(value)
    except (TypeError, ValueError):
        return False
    return True
