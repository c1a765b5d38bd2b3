"""SQL of the handover between devices: the local bookkeeping of one store (migration 2).

None of it is in the change log; the sync layer calls these modules and holds no SQL itself.

- ``peers``: this device's identity keys, the other devices, invitations, the signed roster
- ``bundles``: bundles written and read, receipts, the document contents a bundle carries
- ``alerts``: what went wrong with a handover, and the facts the checks compare
- ``change_log``: reading this device's own change sets
- ``scope``: which rows a device receives, and what it is known to hold
- ``digests``: the sanity digest both sides compute over a device's scope
- ``purge``: closed cases and office-held documents a laptop lets go
"""

from __future__ import annotations

import datetime as dt


def now_iso() -> str:
    """The time of a bookkeeping entry: UTC, whole seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
