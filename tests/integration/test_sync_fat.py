"""The handover on a real FAT32 file system, as on a USB stick: no permissions (chmod
fails), coarse timestamps, at most 4 GiB per file.

The stick is a FAT32 image made by ``mkfs.vfat`` and mounted with ``fusefat`` (a FUSE
implementation of FAT: the kernel's vfat module cannot be loaded in most containers).
``python3 dev.py setup`` installs both on Debian-like machines when it runs as root; where
they or /dev/fuse are missing the test is skipped, saying why. The code paths FAT needs
(no chmod, a directory that cannot be synced) are the same everywhere; what the test adds
is the real file system underneath.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from beratungsdesk.services.cases import CaseService
from beratungsdesk.storage.handover import alerts
from tests.conftest import PASSPHRASE
from tests.integration.sync_helpers import counselor_id, enroll, open_case
from tests.integration.test_cli import run as run_cli
from tests.integration.test_sync_stick_pulled import CHILD as PAUSING_CHILD

TOOLS = ("mkfs.vfat", "fusefat", "fusermount", "fsck.vfat")
MOUNT_WAIT_SECONDS = 30  # how long a loaded machine may take to mount or let go of the image


def _why_no_fat() -> str | None:
    if not sys.platform.startswith("linux"):
        return "a FAT file system is mounted with FUSE on Linux only"
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return (f"no FAT tools ({', '.join(missing)} missing); 'python3 dev.py setup' as root "
                "installs dosfstools and fusefat")
    if not os.access("/dev/fuse", os.R_OK | os.W_OK):
        return "/dev/fuse is not available here (a container without FUSE)"
    return None


def _wait_for_mount(path: Path, process: subprocess.Popen, what: str) -> None:
    """Until ``path`` is mounted or ``process`` ended: woken by the kernel, not by a timer.

    The mount table (``/proc/self/mountinfo``) reports every mount and unmount to ``poll`` as an
    exceptional condition, and a process descriptor (``pidfd``) becomes readable when the
    process ends; the deadline only bounds a machine that never answers.
    """
    deadline = time.monotonic() + MOUNT_WAIT_SECONDS
    with open("/proc/self/mountinfo", "rb") as mounts:
        pidfd = os.pidfd_open(process.pid)
        try:
            watch = select.poll()
            watch.register(mounts, select.POLLPRI | select.POLLERR)
            watch.register(pidfd, select.POLLIN)
            while not (os.path.ismount(path) or process.poll() is not None):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"gave up waiting: {what}")
                if watch.poll(remaining * 1000):
                    mounts.seek(0)
                    mounts.read()  # reading re-arms the mount table's notice
        finally:
            os.close(pidfd)


class FatStick:
    """A FAT32 image file mounted at ``path`` by a fusefat process of our own."""

    def __init__(self, folder: Path, size_mb: int = 64) -> None:
        self.image = folder / "stick.img"
        self.path = folder / "stick"
        self.log = folder / "fusefat.log"
        with open(self.image, "wb") as handle:
            handle.truncate(size_mb * 1024 * 1024)
        subprocess.run(["mkfs.vfat", "-F", "32", "-n", "STICK", str(self.image)], check=True,
                       capture_output=True)
        self.path.mkdir()
        self._process: subprocess.Popen | None = None

    def plug_in(self) -> None:
        # fusefat talks a lot: into a file, as a full pipe would stop it (and the test with it).
        with open(self.log, "ab") as log:
            self._process = subprocess.Popen(["fusefat", "-f", "-o", "rw+", str(self.image), str(self.path)],
                                             stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        process = self._process
        _wait_for_mount(self.path, process, "the FAT image to be mounted")
        if not os.path.ismount(self.path):
            error = self.log.read_text(errors="replace").strip()[-200:]
            pytest.skip(f"fusefat could not mount a FAT image here: {error}")

    def pull_out(self) -> None:
        """Unmount cleanly and wait until fusefat has written everything to the image."""
        if self._process is None:
            return
        subprocess.run(["fusermount", "-u", str(self.path)], check=False, capture_output=True)
        try:
            self._process.wait(timeout=MOUNT_WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()  # ours; a stuck FUSE process would hang every later access
            self._process.wait()
            raise
        finally:
            self._process = None

    def yank(self) -> None:
        """The stick pulled: the FAT driver dies at once, whatever it was doing."""
        if self._process is None:
            return
        self._process.kill()  # our own fusefat process
        self._process.wait(timeout=MOUNT_WAIT_SECONDS)
        self._process = None
        # The dead mount point answers "not connected" until it is taken away.
        subprocess.run(["fusermount", "-u", "-z", str(self.path)], check=False, capture_output=True)

    def check(self) -> str:
        """``fsck.vfat`` on the unplugged image: the file system is consistent."""
        result = subprocess.run(["fsck.vfat", "-n", str(self.image)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout


@pytest.fixture
def fat_stick(tmp_path: Path) -> Iterator[FatStick]:
    reason = _why_no_fat()
    if reason:
        pytest.skip(reason)
    stick = FatStick(tmp_path)
    stick.plug_in()
    try:
        yield stick
    finally:
        stick.pull_out()


def test_the_stick_is_really_fat(fat_stick: FatStick) -> None:
    """What the handover has to live with: chmod is refused, times are coarse."""
    probe = fat_stick.path / "probe.txt"
    probe.write_bytes(b"x")
    with pytest.raises(OSError):
        os.chmod(probe, 0o600)
    probe.unlink()


def test_enrollment_and_handover_through_a_fat_stick(office, laptop, fat_stick: FatStick) -> None:
    # Every enrollment file (invitation, join request, first bundle) goes over the stick.
    office_service, laptop_service = enroll(office, laptop, "Aylin", fat_stick.path)
    case = open_case(laptop, "F-1", counselor_id(laptop), summary="auf dem Stick")
    for number in range(3):
        CaseService(laptop).add_attachment(case.id, f"scan{number}.bin", os.urandom(90_000))
    laptop_service.part_bytes = 64 * 1024  # split, as a bundle beyond 2 GiB would be

    [sent] = laptop_service.run_folder(fat_stick.path).exported
    assert sent.path is not None and sent.parts >= 4
    names = sorted(p.name for p in fat_stick.path.iterdir())
    assert not any(name.startswith(".tmp-") for name in names)

    # Pulled and plugged in again (unmounted, checked, mounted): every file is whole.
    fat_stick.pull_out()
    fat_stick.check()
    fat_stick.plug_in()
    assert sorted(p.name for p in fat_stick.path.iterdir()) == names

    report = office_service.run_folder(fat_stick.path)
    [taken] = [o for o in report.imported if o.status == "imported"]
    assert taken.result is not None and taken.result.blobs == 3
    assert office.conn.execute("SELECT summary FROM cases WHERE id = ?", (case.id,)).fetchone() == (
        "auf dem Stick",)
    laptop_service.run_folder(fat_stick.path)  # the receipt comes back
    assert laptop_service.status().peers[0].confirmation == "all_confirmed"


def test_a_bundle_lost_from_a_fat_stick_is_written_again(office, laptop, fat_stick: FatStick) -> None:
    # Every enrollment file (invitation, join request, first bundle) goes over the stick.
    office_service, laptop_service = enroll(office, laptop, "Aylin", fat_stick.path)
    open_case(laptop, "F-2", counselor_id(laptop), summary="verloren")
    [sent] = laptop_service.run_folder(fat_stick.path).exported
    assert sent.path is not None
    sent.path.unlink()
    [again] = laptop_service.run_folder(fat_stick.path).exported
    assert again.path is not None and again.rewritten
    fat_stick.pull_out()
    fat_stick.check()
    fat_stick.plug_in()
    report = office_service.run_folder(fat_stick.path)
    assert [o.status for o in report.imported] == ["imported"]
    assert not [a for a in alerts.alerts(office.conn) if a[1] == "fork"]


def test_a_fat_stick_pulled_while_parts_are_written(office, laptop, fat_stick: FatStick) -> None:
    """The FAT driver dies mid-write (as when the stick is pulled): one clear line, no file
    under a bundle name, and after plugging it in again the next run writes the bundle."""
    office_service, _ = enroll(office, laptop, "Aylin", fat_stick.path)
    case = open_case(laptop, "F-3", counselor_id(laptop), summary="abgezogen")
    for number in range(3):
        CaseService(laptop).add_attachment(case.id, f"scan{number}.bin", os.urandom(60_000))
    laptop_dir = Path(laptop.folder)
    laptop.close()

    env = {key: value for key, value in os.environ.items() if not key.startswith("BERATUNGSDESK_")}
    env["BERATUNGSDESK_PASSPHRASE"] = PASSPHRASE
    child = subprocess.Popen([sys.executable, "-c", PAUSING_CHILD, "writing", "--data-dir", str(laptop_dir),
                              "sync", "run", "--folder", str(fat_stick.path)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "pull"
    fat_stick.yank()
    _, err = child.communicate("go\n", timeout=120)
    assert child.returncode == 1 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "was the stick removed?" in err

    fat_stick.plug_in()
    assert not list(fat_stick.path.glob("*.bdsk"))  # nothing under a bundle name
    again = run_cli(laptop_dir, "sync", "run", "--folder", str(fat_stick.path), passphrase=PASSPHRASE)
    assert again.returncode == 0, again.stderr
    report = office_service.run_folder(fat_stick.path)
    [taken] = [o for o in report.imported if o.status == "imported"]
    assert taken.result is not None and taken.result.blobs == 3
