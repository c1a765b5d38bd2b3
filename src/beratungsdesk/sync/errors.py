"""Typed errors of the handover (codes turned into sentences by services/messages.py).

Every refusal of a bundle carries one of the ``Reason`` codes; ``data`` holds only
locations and numbers (bundle sequence, device short id), never content.
"""

from __future__ import annotations

from beratungsdesk.core.errors import BeratungsError


class Reason:
    """Why a file was refused (stable codes; also used in ``--json`` output)."""

    NOT_A_BUNDLE = "bundle_not_a_bundle"  # wrong magic: not one of our files at all
    TOO_NEW = "bundle_too_new"  # a newer format version
    NOT_FOR_US = "bundle_not_for_us"  # another recipient (or a damaged header)
    DAMAGED = "bundle_damaged"  # an encrypted chunk, a length or a hash does not check out
    INCOMPLETE = "bundle_incomplete"  # truncated: the final chunk is missing
    TOO_LARGE = "bundle_too_large"  # a size limit is exceeded
    BAD_SIGNATURE = "bundle_bad_signature"  # manifest signature does not verify
    UNKNOWN_SENDER = "bundle_unknown_sender"
    REVOKED_SENDER = "bundle_revoked_sender"
    MANIFEST_MISMATCH = "bundle_manifest_mismatch"  # content differs from what the manifest says
    ALREADY_IMPORTED = "bundle_already_imported"
    FORK = "bundle_fork"  # same sequence, different content; or a history rewritten
    WRONG_KIND = "bundle_wrong_kind"  # e.g. a join request given to `sync import`
    NOT_ENROLLED = "sync_not_enrolled"
    STALE_ROSTER = "roster_stale"
    CLOCK_AHEAD = "bundle_clock_ahead"  # stamped more than 24 h ahead of our wall clock
    PARTS_MISSING = "bundle_parts_missing"  # a split bundle of which not every part is there


class SyncError(BeratungsError):
    """A handover step refused; ``code`` is a ``Reason`` or another sync code."""

    code = "sync_error"


class BundleRejected(SyncError):
    """A bundle file refused on import. Nothing was changed in the store."""

    code = Reason.DAMAGED
