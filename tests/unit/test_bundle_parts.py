"""Split bundles under Hypothesis: whatever the part size and content, the parts read in
order give back exactly what was written, no part is larger than the limit, and a bundle
with a part missing or out of order is refused as a whole."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beratungsdesk.sync import crypto
from beratungsdesk.sync.bundle import EncodedChanges, open_bundle, write_bundle
from beratungsdesk.sync.envelope import MIN_CHUNK_EXPONENT
from beratungsdesk.sync.errors import BundleRejected
from beratungsdesk.sync.handover_folder import file_names_of, group_files
from tests.timing import examples

RECIPIENT = crypto.Identity.generate()
SENDER = crypto.Identity.generate()
MANIFEST = {"kind": "handover", "bundle_id": "b", "sender": "s", "sender_epoch": 1, "recipient": "r",
            "recipient_key": "k", "seq": 1, "prev_hash": "", "created_at": "2026-01-01T00:00:00+00:00",
            "clock": {"min": 0, "max": 0}}


def _write(folder: Path, blobs: list[bytes], part_bytes: int) -> list[Path]:
    content = {hashlib.sha256(blob).hexdigest(): blob for blob in blobs}
    first, _ = write_bundle(folder, SENDER, RECIPIENT.kx_public, MANIFEST, EncodedChanges.of([]),
                            sorted((sha, len(blob)) for sha, blob in content.items()), content.__getitem__,
                            chunk_exponent=MIN_CHUNK_EXPONENT, part_bytes=part_bytes)
    return [folder / name for name in file_names_of(first.name)]


def _read(paths: list[Path]) -> dict[str, bytes]:
    with open_bundle(paths, RECIPIENT) as opened:
        opened.verify(SENDER.sign_public)
        list(opened.changes())
        found = dict(opened.blobs())
        opened.finish()
    return found


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blobs=st.lists(st.binary(min_size=0, max_size=6000), max_size=5),
       part_bytes=st.integers(min_value=512, max_value=9000))
def test_parts_read_in_order_give_back_what_was_written(blobs: list[bytes], part_bytes: int) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        paths = _write(folder, blobs, part_bytes)
        assert sorted(folder.iterdir()) == sorted(paths)  # no temporary file left
        assert all(path.stat().st_size <= part_bytes for path in paths)
        groups, incomplete = group_files(reversed(paths))  # the order named does not matter
        assert incomplete == [] and groups == [paths]
        assert _read(paths) == {hashlib.sha256(blob).hexdigest(): blob for blob in blobs}
        if len(paths) > 1:
            for missing in range(len(paths)):
                with pytest.raises(BundleRejected):
                    _read(paths[:missing] + paths[missing + 1:])
            with pytest.raises(BundleRejected):
                _read([paths[1], paths[0], *paths[2:]])
    finally:
        shutil.rmtree(folder)
