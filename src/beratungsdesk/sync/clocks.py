"""Wrong clocks at handover: the bound on incoming stamps, and telling both sides.

Rule: a bundle whose highest stamp is more than ``hlc.AHEAD_LIMIT_MS`` (24 h)
ahead of the receiver's wall clock is refused whole, like any other refused
bundle (nothing applied, an alert recorded). Whole rather than change by change:
every stamp in it comes from the same clock, so if one is beyond the bound the
clock that made them is wrong (or the device is hostile), and changes of one
bundle depend on each other (a case and its contacts, ``prev`` stamps). Nothing
is lost: bundles are cumulative, the same changes come again.

What the sides learn, so that a counselor can fix a wrong clock:

* The receiver keeps ``clock_refused:<peer>`` (bundle number, how far ahead)
  until a bundle from that peer is accepted. On a laptop that means *this
  computer's clock is behind the office's*; on the office, *that device's clock is
  ahead*.
* The office repeats its note in every bundle to that device (``clock_refused``
  in the signed manifest); the laptop keeps it as ``clock_notice`` and shows that
  its clock is ahead.
* A laptop also compares its clock with the time of the office's last handover
  file it took in (the receipt's ``issued_at``): earlier by more than the bound
  means its own clock is behind.

After the clock is corrected, the laptop's next export gives its unconfirmed
changes stamped beyond the bound fresh stamps (``storage/clock_repair.py``);
the office then accepts them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from beratungsdesk.core import hlc
from beratungsdesk.storage import clock_repair
from beratungsdesk.storage.handover import alerts, bundles, now_iso, peers
from beratungsdesk.storage.store import ROLE_OFFICE, Store
from beratungsdesk.sync.errors import BundleRejected, Reason

REFUSED_KEY = "clock_refused:"  # + peer id
NOTICE_KEY = "clock_notice"
MANIFEST_KEY = "clock_refused"


@dataclass(frozen=True)
class ClockWarning:
    """``behind``: this computer's clock; ``ahead``: this computer's clock (the office said so);
    ``device_ahead``: a device's clock (office). ``hours`` is rounded, at least 1."""

    kind: str
    hours: int
    peer: str | None = None
    seq: int | None = None


def hours_of(ms: int) -> int:
    return max(1, (min(ms, 10**9 * 3_600_000) + 1_800_000) // 3_600_000)  # rounded


def check_bundle(store: Store, sender: peers.Peer, manifest: dict[str, Any]) -> None:
    """Refuse a bundle stamped beyond the bound of our wall clock (an alert is kept)."""
    ahead = hlc.refusal_ahead_ms(manifest["clock"]["max"], store.clock.physical())
    if not ahead:
        return
    seq, hours = manifest["seq"], hours_of(ahead)
    note = json.dumps({"seq": seq, "hours": hours, "at": now_iso()})
    store.conn.execute("BEGIN IMMEDIATE")
    try:
        alerts.add_alert(store.conn, "clock_ahead_refused", sender.device_id, seq, str(hours))
        store.set_meta(REFUSED_KEY + sender.device_id, note)
        store.conn.execute("COMMIT")
    except BaseException:
        if store.conn.in_transaction:
            store.conn.execute("ROLLBACK")
        raise
    raise BundleRejected(Reason.CLOCK_AHEAD, seq=seq, hours=hours)


def accepted_from(store: Store, sender_id: str) -> None:
    """A bundle from ``sender_id`` was accepted: an earlier clock refusal is history."""
    if store.meta(REFUSED_KEY + sender_id):
        store.save_meta(REFUSED_KEY + sender_id, "")


def take_notice(store: Store, manifest: dict[str, Any]) -> None:
    """Laptop, inside the import's transaction: keep (or clear) the office's clock note."""
    note = manifest.get(MANIFEST_KEY)
    if isinstance(note, dict) and _count(note.get("seq")) and _count(note.get("hours")):
        store.set_meta(NOTICE_KEY, json.dumps({"seq": note["seq"], "hours": note["hours"]}))
    else:
        store.set_meta(NOTICE_KEY, "")


def notice_for(store: Store, device_id: str) -> dict[str, Any]:
    """Office, for the manifest to ``device_id``: its last bundle refused for its clock, if so."""
    note = _json(store.meta(REFUSED_KEY + device_id))
    return {MANIFEST_KEY: {"seq": note["seq"], "hours": note["hours"]}} if note else {}


def restamp_before_export(store: Store) -> int:
    """Laptop: re-stamp unconfirmed own changes made while the clock ran ahead (see module)."""
    wall = store.clock.physical()
    if _behind_office(store, wall):
        return 0  # our clock is the wrong one now: fresh stamps would be wrong too
    confirmed = _confirmed_seq(store)
    if not clock_repair.stamps_beyond(store, confirmed, wall):
        return 0
    return clock_repair.restamp_own_pending(store, confirmed, wall)


def warnings(store: Store) -> list[ClockWarning]:
    found = []
    for peer in peers.peers(store.conn):
        note = _json(store.meta(REFUSED_KEY + peer.device_id))
        if note:
            kind = "device_ahead" if store.role == ROLE_OFFICE else "behind"
            found.append(ClockWarning(kind, note["hours"], peer.device_id, note["seq"]))
    if store.role == ROLE_OFFICE:
        return found
    notice = _json(store.meta(NOTICE_KEY))
    if notice:
        found.append(ClockWarning("ahead", notice["hours"], None, notice["seq"]))
    behind = _behind_office(store, store.clock.physical())
    if behind and not any(w.kind == "behind" for w in found):
        found.append(ClockWarning("behind", hours_of(behind)))
    return found


def _office(store: Store) -> peers.Peer | None:
    return next(iter(peers.peers(store.conn, "office")), None)


def _confirmed_seq(store: Store) -> int:
    office = _office(store)
    found = bundles.receipt(store.conn, office.device_id) if office else None
    return found[1].get("held_seq", 0) if found else 0


def _behind_office(store: Store, wall_ms: int) -> int:
    """How far (ms) our clock is behind the office's last handover file, beyond the bound; else 0."""
    office = _office(store)
    found = bundles.receipt(store.conn, office.device_id) if office else None
    issued = found[1].get("issued_at") if found else None
    try:
        issued_ms = int(dt.datetime.fromisoformat(issued).timestamp() * 1000)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    behind = issued_ms - wall_ms
    return behind if behind > hlc.AHEAD_LIMIT_MS else 0


def _json(text: str | None) -> dict[str, Any] | None:
    try:
        value = json.loads(text) if text else None
    except ValueError:
        return None
    if isinstance(value, dict) and _count(value.get("seq")) and _count(value.get("hours")):
        return value
    return None


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
