"""What one store knows about its exchange with a peer: epochs, receipts, gaps."""

from __future__ import annotations

import json
from typing import Any

from beratungsdesk.storage import admission_queries, audit
from beratungsdesk.storage.handover import alerts, bundles, change_log, peers
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync import crypto

#: Laptop meta: the highest head of the office's audit chain the office has signed to us,
#: as JSON ``[n, hash]``. It lives outside the office store, so the office's chain cannot be
#: cut or rewritten up to it without the next handover showing it.
OFFICE_AUDIT_ANCHOR = "office_audit_anchor"


def own_epoch(store: Store) -> int:
    """The enrollment epoch in this store's certificate (the office is always epoch 1)."""
    return int(store.meta("sync_epoch") or 1)


def contiguous(seqs: list[int]) -> tuple[int, list[int]]:
    """(highest n with 1..n all present, the present numbers above n)."""
    present = sorted(set(seqs))
    highest = 0
    for seq in present:
        if seq != highest + 1:
            break
        highest = seq
    return highest, [s for s in present if s > highest]


def receipt_for(store: Store, peer: peers.Peer) -> dict[str, Any]:
    """What this store confirms to ``peer``: its bundles that arrived, and (office)
    the highest contiguous change sequence of the peer that is held here."""
    arrived = [b.seq for b in bundles.bundles_in(store.conn, peer.device_id, peer.epoch)]
    highest, above = contiguous(arrived)
    held, audit_head = 0, None
    receipt: dict[str, Any] = {"peer": peer.device_id, "epoch": peer.epoch, "contiguous": highest,
                               "above": above}
    if store.role == ROLE_OFFICE:
        held = change_log.contiguous_seq(store.conn, store.origin_no(peer.device_id, create=True))
        # Anchor the device's audit chain: the office confirms which entry it holds last,
        # so a later rewrite of that part of the chain on the device shows.
        n, digest = audit.chain_head(store.conn, peer.device_id)
        audit_head = [n, digest] if n else None
        receipt["office_audit"] = office_audit_statement(store, peer)
    else:
        receipt["office_audit_anchor"] = office_audit_anchor(store)
    # What of the peer's changes was refused here (kept in our quarantine, never applied).
    count, seqs = admission_queries.refused_from(store.conn, peer.device_id)
    return {**receipt, "held_seq": held, "audit_head": audit_head,
            "refused": {"count": count, "seqs": seqs}}


def office_audit_statement(store: Store, device: peers.Peer) -> dict[str, Any]:
    """What the office signs to a device about its own audit chain.

    ``head``: ``[n, hash]`` of its last entry; ``at``: ``[m, hash]`` of entry ``m``, the
    anchor the device echoed in its last receipt, as the chain holds it *now* (``hash``
    None when entry ``m`` is gone). The device compares both with the anchor it keeps.
    """
    n, digest = audit.chain_head(store.conn, store.device_id)
    at = None
    found = bundles.receipt(store.conn, device.device_id)
    echoed = valid_head(found[1].get("office_audit_anchor")) if found else None
    if echoed is not None:
        at = [echoed[0], alerts.audit_hash_at(store.conn, store.device_id, echoed[0])]
    return {"head": [n, digest] if n else None, "at": at}


def office_audit_anchor(store: Store) -> list[Any] | None:
    """The highest office audit head this laptop has seen (signed by the office), or None."""
    raw = store.meta(OFFICE_AUDIT_ANCHOR)
    return valid_head(json.loads(raw)) if raw else None


def valid_head(value: Any) -> list[Any] | None:
    """``[n, hash]`` with n >= 1 and a 64-digit hex hash, else None (old or damaged input)."""
    if (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)
            and not isinstance(value[0], bool) and value[0] >= 1 and isinstance(value[1], str)
            and len(value[1]) == 64 and all(c in "0123456789abcdef" for c in value[1])):
        return [value[0], value[1]]
    return None


def audit_anchors(store: Store) -> list[audit.Anchor]:
    """The audit chain heads other stores have signed to us, for ``audit.verify``.

    Read from the signed manifests the receipts came in (checked again here, so an
    edited receipts table gives no anchor rather than a false one): on the office, the
    office heads its laptops echoed; on a laptop, its own head as the office holds it.
    """
    anchors = []
    for peer_id, manifest, signature in bundles.signed_receipts(store.conn):
        peer = peers.peer(store.conn, peer_id)
        if peer is None or not crypto.verify(peer.sign_pub, crypto.DOMAIN_MANIFEST, manifest, signature):
            continue
        receipt = json.loads(manifest).get("receipt") or {}
        if store.role == ROLE_OFFICE:
            head = valid_head(receipt.get("office_audit_anchor"))
        else:
            head = valid_head(receipt.get("audit_head"))
        if head is not None:
            anchors.append(audit.Anchor(store.device_id, head[0], head[1], peer_id))
    return anchors


def missing_bundles(store: Store, peer: peers.Peer) -> tuple[list[int], list[int]]:
    """Bundle numbers from ``peer`` that have not arrived: (content lost, content covered).

    A number is *covered* when a later bundle that did arrive repeats its
    content (bundles are cumulative; see ``covers_from``).
    """
    arrived = bundles.bundles_in(store.conn, peer.device_id, peer.epoch)
    if not arrived:
        return [], []
    have = {b.seq for b in arrived}
    gaps = [seq for seq in range(1, max(have)) if seq not in have]
    lost = [s for s in gaps if not any(b.seq > s and b.covers_from <= s for b in arrived)]
    covered = [s for s in gaps if s not in lost]
    return lost, covered
