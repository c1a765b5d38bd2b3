"""A store's identity, and the signed documents of enrollment: invitation,
device certificate and roster.

Signed documents are canonical JSON bodies plus a detached Ed25519 signature
over a domain string and the exact body bytes; the body travels as a string so
the bytes that were signed are the bytes that are verified.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beratungsdesk.storage.files import write_atomically
from beratungsdesk.storage.handover import now_iso, peers
from beratungsdesk.storage.store import Store
from beratungsdesk.sync import crypto
from beratungsdesk.sync.bundle import canonical
from beratungsdesk.sync.errors import Reason, SyncError

INVITATION_SUFFIX = ".bdinvite"
INVITATION_TYPE = "beratungsdesk-invitation"
MAX_INVITATION_BYTES = 64 * 1024


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if length is not None and len(raw) != length:
        raise ValueError("wrong length")
    return raw


def ensure_identity(store: Store) -> crypto.Identity:
    """This store's key pairs, made on first use and kept only inside the store."""
    found = peers.load_keys(store.conn)
    if {"sign", "kx"} <= set(found):
        return crypto.Identity(found["sign"], found["kx"])
    identity = crypto.Identity.generate()
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        peers.save_keys(store.conn, {"sign": (identity.sign_private, identity.sign_public),
                                          "kx": (identity.kx_private, identity.kx_public)})
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise
    return identity


# --- signed documents -------------------------------------------------------------

@dataclass(frozen=True)
class Signed:
    body: bytes  # canonical JSON
    signature: bytes

    def to_json(self) -> dict[str, str]:
        return {"body": self.body.decode("utf-8"), "signature": b64(self.signature)}

    @classmethod
    def from_json(cls, value: Any) -> Signed:
        try:
            return cls(value["body"].encode("utf-8"), unb64(value["signature"], crypto.SIGNATURE_BYTES))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise SyncError(Reason.DAMAGED) from None

    def open(self, sign_public: bytes, domain: bytes) -> dict[str, Any]:
        if not crypto.verify(sign_public, domain, self.body, self.signature):
            raise SyncError(Reason.BAD_SIGNATURE)
        try:
            body = json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise SyncError(Reason.DAMAGED) from None
        if not isinstance(body, dict):
            raise SyncError(Reason.DAMAGED)
        return body


def sign(identity: crypto.Identity, domain: bytes, body: dict[str, Any]) -> Signed:
    raw = canonical(body)
    return Signed(raw, identity.sign(domain, raw))


# --- invitation ------------------------------------------------------------------------

@dataclass(frozen=True)
class Invitation:
    invite_id: str
    office_id: str
    sign_pub: bytes
    kx_pub: bytes


def write_invitation(store: Store, identity: crypto.Identity, folder: Path) -> tuple[Path, Invitation]:
    invitation = Invitation(secrets.token_hex(16), store.device_id, identity.sign_public,
                            identity.kx_public)
    signed = sign(identity, crypto.DOMAIN_INVITATION, {
        "type": INVITATION_TYPE, "format": 1, "invite_id": invitation.invite_id,
        "office": invitation.office_id, "sign_pub": b64(invitation.sign_pub),
        "kx_pub": b64(invitation.kx_pub)})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (secrets.token_hex(16) + INVITATION_SUFFIX)
    write_atomically(path, canonical(signed.to_json()))
    return path, invitation


def read_invitation(path: Path) -> Invitation:
    """Parse and self-verify an invitation (the verification code authenticates it)."""
    try:
        if path.stat().st_size > MAX_INVITATION_BYTES:
            raise SyncError("invitation_invalid")
        signed = Signed.from_json(json.loads(path.read_bytes().decode("utf-8")))
        body = json.loads(signed.body.decode("utf-8"))
        sign_pub = unb64(body["sign_pub"], crypto.KEY_BYTES)
        invitation = Invitation(str(body["invite_id"]), str(body["office"]), sign_pub,
                                unb64(body["kx_pub"], crypto.KEY_BYTES))
        valid = (body.get("type") == INVITATION_TYPE and body.get("format") == 1
                 and crypto.public_key_valid("kx", invitation.kx_pub))
    except OSError:
        raise SyncError("file_unreadable") from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError, RecursionError,
            SyncError):
        raise SyncError("invitation_invalid") from None
    if not valid or not crypto.verify(sign_pub, crypto.DOMAIN_INVITATION, signed.body, signed.signature):
        raise SyncError("invitation_invalid")
    return invitation


# --- certificate and roster ---------------------------------------------------------------

def certificate(identity: crypto.Identity, office_id: str, device: peers.Peer) -> Signed:
    return sign(identity, crypto.DOMAIN_CERTIFICATE, {
        "office": office_id, "device": device.device_id, "counselor": device.counselor_id,
        "epoch": device.epoch, "sign_pub": b64(device.sign_pub), "kx_pub": b64(device.kx_pub),
        "issued_at": now_iso()})


def issue_roster(store: Store, identity: crypto.Identity) -> Signed:
    """A new roster version listing every device (active and revoked). Caller holds a transaction."""
    latest = peers.latest_roster(store.conn)
    version = (latest[0] if latest else 0) + 1
    devices = [{"device": p.device_id, "counselor": p.counselor_id, "epoch": p.epoch,
                "status": p.status, "sign_pub": b64(p.sign_pub), "kx_pub": b64(p.kx_pub)}
               for p in peers.peers(store.conn, "counselor")]
    signed = sign(identity, crypto.DOMAIN_ROSTER, {
        "office": store.device_id, "version": version, "issued_at": now_iso(),
        "devices": devices})
    peers.save_roster(store.conn, version, signed.body, signed.signature)
    return signed


def current_roster(store: Store) -> Signed | None:
    latest = peers.latest_roster(store.conn)
    return Signed(latest[1], latest[2]) if latest else None
