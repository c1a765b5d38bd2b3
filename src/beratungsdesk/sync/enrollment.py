"""Enrollment in person: invitation -> join request -> certificate bundle.

1. The office writes an invitation (its id and public keys; nothing secret, nothing personal).
2. The laptop reads it, records the office, and writes a *join request*: a bundle
   of kind ``join`` encrypted to the office and signed with the laptop's new key
   (proof that it holds the key). Both sides show the verification code.
3. The office reads the request, shows the same code, registers the device with
   its counselor, issues a certificate and a new roster version, and writes the
   device's first ordinary bundle. The laptop imports it with ``sync import``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from beratungsdesk.core.text import visible
from beratungsdesk.storage.handover import now_iso, peers
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync import crypto
from beratungsdesk.sync.bundle import KIND_JOIN, EncodedChanges, canonical, open_bundle, write_bundle
from beratungsdesk.sync.errors import BundleRejected, Reason, SyncError
from beratungsdesk.sync.identity import Invitation, b64, certificate, issue_roster, unb64


@dataclass(frozen=True)
class JoinRequest:
    device_id: str
    name: str
    sign_pub: bytes
    kx_pub: bytes
    invite_id: str


def join(store: Store, identity: crypto.Identity, invitation: Invitation, folder: Path) -> tuple[Path, str]:
    """Record the office and write the join request. Returns (file, verification code)."""
    if store.role == ROLE_OFFICE:
        raise SyncError("not_permitted")
    if store.meta("sync_enrolled") == "1":
        raise SyncError("already_enrolled")
    office = peers.Peer(invitation.office_id, "office", None, invitation.sign_pub,
                             invitation.kx_pub, None, 1, "active", None, None, None)
    manifest = {
        "kind": KIND_JOIN, "bundle_id": uuid.uuid4().hex, "sender": store.device_id, "sender_epoch": 1,
        "recipient": invitation.office_id, "recipient_key": crypto.key_fingerprint(invitation.kx_pub),
        "seq": 0, "prev_hash": "", "created_at": now_iso(), "clock": {"min": 0, "max": 0},
        "join": {"invite_id": invitation.invite_id, "name": store.name,
                 "sign_pub": b64(identity.sign_public), "kx_pub": b64(identity.kx_public)}}
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        # Joining again (a lost request, a new invitation) replaces the recorded office.
        for old in peers.peers(store.conn, "office"):
            peers.forget_peer(store.conn, old.device_id)
        peers.save_peer(store.conn, office)
        path, _ = write_bundle(folder, identity, invitation.kx_pub, manifest, EncodedChanges.of([]), [],
                               lambda sha: b"")
        store.conn.execute("COMMIT")
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise
    code = crypto.verification_code(invitation.sign_pub, invitation.kx_pub, identity.sign_public,
                                    identity.kx_public, invitation.invite_id)
    return path, code


def read_join_request(store: Store, identity: crypto.Identity, path: Path) -> tuple[JoinRequest, str]:
    """Decrypt and check a join request. Returns it with the verification code."""
    if store.role != ROLE_OFFICE:
        raise SyncError("not_permitted")
    with open_bundle(path, identity) as opened:
        manifest = opened.manifest
        if manifest["kind"] != KIND_JOIN:
            raise BundleRejected(Reason.WRONG_KIND)
        if (manifest["recipient"] != store.device_id
                or manifest["recipient_key"] != crypto.key_fingerprint(identity.kx_public)):
            raise BundleRejected(Reason.NOT_FOR_US)
        try:
            body = manifest["join"]
            # Anyone can write a join request: its name is shown on the office's screen and
            # stored as the device's name, so control and bidi characters become escapes.
            request = JoinRequest(str(manifest["sender"]), visible(str(body["name"])[:200]),
                                  unb64(body["sign_pub"], crypto.KEY_BYTES),
                                  unb64(body["kx_pub"], crypto.KEY_BYTES), str(body["invite_id"]))
        except (TypeError, KeyError, ValueError):
            raise BundleRejected(Reason.DAMAGED) from None
        if not crypto.public_key_valid("kx", request.kx_pub):
            raise BundleRejected(Reason.DAMAGED)
        opened.verify(request.sign_pub)  # the request is signed by the key it brings
        for _ in opened.changes():
            raise BundleRejected(Reason.MANIFEST_MISMATCH)
        opened.finish()
    state = peers.invitation_state(store.conn, request.invite_id)
    if state != "open":
        raise SyncError(f"invitation_{state}")
    if peers.peer(store.conn, request.device_id) is not None:
        raise SyncError("already_enrolled")
    code = crypto.verification_code(identity.sign_public, identity.kx_public, request.sign_pub,
                                    request.kx_pub, request.invite_id)
    return request, code


def register(store: Store, identity: crypto.Identity, request: JoinRequest,
             counselor_id: str) -> peers.Peer:
    """Register the device, issue its certificate and a new roster (one transaction)."""
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        device = peers.Peer(request.device_id, "counselor", request.name, request.sign_pub,
                                 request.kx_pub, counselor_id, 1, "active", now_iso(), None, None)
        signed = certificate(identity, store.device_id, device)
        device = peers.Peer(**{**device.__dict__, "certificate": canonical(signed.to_json())})
        peers.save_peer(store.conn, device)
        peers.use_invitation(store.conn, request.invite_id, request.device_id)
        issue_roster(store, identity)
        store.conn.execute("COMMIT")
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise
    return device


def revoke(store: Store, identity: crypto.Identity, device_id: str) -> peers.Peer:
    """Mark a device revoked and issue a roster that says so. Its bundles are refused from now on."""
    if store.role != ROLE_OFFICE:
        raise SyncError("not_permitted")
    device = peers.peer(store.conn, device_id)
    if device is None or device.role != "counselor":
        raise SyncError("device_unknown")
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        peers.revoke_peer(store.conn, device_id)
        issue_roster(store, identity)
        store.conn.execute("COMMIT")
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise
    return peers.peer(store.conn, device_id) or device

