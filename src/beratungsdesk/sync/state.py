"""What one store knows about its exchange with a peer: epochs, receipts, gaps."""

from __future__ import annotations

from typing import Any

from beratungsdesk.storage import admission_queries, audit, sync_state
from beratungsdesk.storage.store import ROLE_OFFICE, Store


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


def receipt_for(store: Store, peer: sync_state.Peer) -> dict[str, Any]:
    """What this store confirms to ``peer``: its bundles that arrived, and (office)
    the highest contiguous change sequence of the peer that is held here."""
    arrived = [b.seq for b in sync_state.bundles_in(store.conn, peer.device_id, peer.epoch)]
    highest, above = contiguous(arrived)
    held, audit_head = 0, None
    if store.role == ROLE_OFFICE:
        held = sync_state.contiguous_seq(store.conn, store.origin_no(peer.device_id, create=True))
        # Anchor the device's audit chain: the office confirms which entry it holds last,
        # so a later rewrite of that part of the chain on the device shows.
        n, digest = audit.chain_head(store.conn, peer.device_id)
        audit_head = [n, digest] if n else None
    # What of the peer's changes was refused here (kept in our quarantine, never applied).
    count, seqs = admission_queries.refused_from(store.conn, peer.device_id)
    return {"peer": peer.device_id, "epoch": peer.epoch, "contiguous": highest, "above": above,
            "held_seq": held, "audit_head": audit_head, "refused": {"count": count, "seqs": seqs}}


def missing_bundles(store: Store, peer: sync_state.Peer) -> tuple[list[int], list[int]]:
    """Bundle numbers from ``peer`` that have not arrived: (content lost, content covered).

    A number is *covered* when a later bundle that did arrive repeats its
    content (bundles are cumulative; see ``covers_from``).
    """
    arrived = sync_state.bundles_in(store.conn, peer.device_id, peer.epoch)
    if not arrived:
        return [], []
    have = {b.seq for b in arrived}
    gaps = [seq for seq in range(1, max(have)) if seq not in have]
    lost = [s for s in gaps if not any(b.seq > s and b.covers_from <= s for b in arrived)]
    covered = [s for s in gaps if s not in lost]
    return lost, covered
