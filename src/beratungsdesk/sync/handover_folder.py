"""What lies in a handover folder: our bundle files, and everything else.

A handover folder is a USB stick, an office share or a folder kept by a sync tool
(Syncthing, Nextcloud, a Windows share). Besides our files it holds the tools'
own files (``.syncthing.x.tmp``, ``x.part``, ``~$x``, ``desktop.ini``,
``Thumbs.db``, ``.DS_Store`` ...), their conflict copies of our files
(``x.sync-conflict-….bdsk``, ``x (conflicted copy ….bdsk``), and our own
unfinished temporary files when writing was cut off. Only a file named exactly
like ours is ever read as a bundle; nothing here trusts a name beyond that: the
content is verified when it is read.

Bundle file names (random, they say nothing about anyone)::

    <32 hex>.bdsk                a bundle in one file
    <32 hex>-<k>of<n>.bdsk       part k of n of a bundle larger than one file may be

The parts of a split bundle are read as one file, in order, only once all ``n``
are present (the envelope's chunk numbering and final-chunk flag, not the names,
prove that they belong together and are complete).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from beratungsdesk.sync.bundle import MAX_PARTS, SUFFIX, part_names

BUNDLE_FILE = re.compile(r"^(?P<stem>[0-9a-f]{32})(?:-(?P<part>[1-9][0-9]{0,3})of(?P<parts>[1-9][0-9]{0,3}))?"
                         + re.escape(SUFFIX) + "$")
#: Our unfinished files (bundle being written; see ``bundle.write_bundle``).
OWN_TEMP = re.compile(r"^\.tmp-[0-9a-f]{16}$")

#: Files sync tools, office programs and operating systems leave in a folder: never ours,
#: never worth a word. Compared in lower case.
_TOOL_FILES = re.compile(
    r"^(desktop\.ini|thumbs\.db|ehthumbs\.db|\.ds_store|\.directory|\.stfolder|\.stignore"
    r"|\.owncloudsync\.log|\.sync_[0-9a-f]+\.db(-wal|-shm)?|\._.*|~\$.*|\.~lock\..*#"
    r"|\.syncthing\..*\.tmp|~syncthing~.*\.tmp|.*\.(part|partial|crdownload|tmp|temp|download|~))$")


def file_names_of(recorded: str) -> list[str]:
    """Every file name of the bundle recorded under ``recorded`` (its first file's name)."""
    match = BUNDLE_FILE.match(recorded)
    if match is None or match["parts"] is None:
        return [recorded]
    return part_names(match["stem"], int(match["parts"]))


def all_present(folder: Path, recorded: str) -> bool:
    """Whether every file of the bundle recorded under ``recorded`` is in ``folder``."""
    return all((folder / name).is_file() for name in file_names_of(recorded))


@dataclass(frozen=True)
class FolderBundle:
    """One bundle in the folder: a single file, or all parts of a split one, in order."""

    paths: list[Path]

    @property
    def name(self) -> str:
        return self.paths[0].name


@dataclass(frozen=True)
class FolderNote:
    """A file in the folder that is not read (yet), and why.

    ``kind``: ``copy`` (a sync tool's conflict copy or another copy of one of our files:
    never read), ``parts_missing`` (some parts of a split bundle have not arrived; read
    once all are there), ``unfinished`` (a file whose writing was cut off; never read).
    """

    file: str
    kind: str
    detail: str = ""  # parts_missing: the missing part numbers, e.g. "2, 3 of 3"
    first: bool = True  # not reported at an earlier handover


@dataclass
class FolderScan:
    bundles: list[FolderBundle] = field(default_factory=list)
    notes: list[FolderNote] = field(default_factory=list)


def scan(folder: Path, skip: Iterable[str] = ()) -> FolderScan:
    """The folder's bundles (complete ones only) and notes about what is left out.

    ``skip``: file names not to look at (our own bundles). Other files (tools' files,
    foreign files, folders) are left out without a word.
    """
    skipped = set(skip)
    found = FolderScan()
    parts: dict[tuple[str, int], dict[int, Path]] = {}
    for path in sorted(folder.iterdir()):
        name = path.name
        if name in skipped or not _is_file(path):
            continue
        match = BUNDLE_FILE.match(name)
        if match is not None and match["parts"] is None:
            found.bundles.append(FolderBundle([path]))
        elif match is not None:
            parts.setdefault((match["stem"], int(match["parts"])), {})[int(match["part"])] = path
        elif OWN_TEMP.match(name):
            found.notes.append(FolderNote(name, "unfinished"))
        elif _TOOL_FILES.match(name.lower()):
            continue
        elif _looks_like_ours(name):
            found.notes.append(FolderNote(name, "copy"))
    for (stem, count), present in sorted(parts.items()):
        if count == 1 or count > MAX_PARTS or any(k > count for k in present):
            found.notes += [FolderNote(p.name, "copy") for p in present.values()]  # not a name we write
        elif len(present) == count:
            found.bundles.append(FolderBundle([present[k] for k in range(1, count + 1)]))
        else:
            missing = [str(k) for k in range(1, count + 1) if k not in present]
            found.notes.append(FolderNote(part_names(stem, count)[0], "parts_missing",
                                          f"{', '.join(missing)} of {count}"))
    found.bundles.sort(key=lambda bundle: bundle.name)
    return found


def group_files(paths: Iterable[Path]) -> tuple[list[list[Path]], list[Path]]:
    """Files named on the command line, as bundles: (complete groups, files of incomplete ones).

    Parts of a split bundle form one group in part order; any other file is a group
    of its own (its content decides what it is).
    """
    groups: list[list[Path]] = []
    parts: dict[tuple[Path, str, int], dict[int, Path]] = {}
    for path in paths:
        match = BUNDLE_FILE.match(path.name)
        if match is None or match["parts"] is None:
            groups.append([path])
        else:
            key = (path.parent, match["stem"], int(match["parts"]))
            parts.setdefault(key, {})[int(match["part"])] = path
    incomplete: list[Path] = []
    for (_, _, count), present in parts.items():
        if len(present) == count and all(k in present for k in range(1, count + 1)):
            groups.append([present[k] for k in range(1, count + 1)])
        else:
            incomplete += sorted(present.values())
    return groups, incomplete


def _looks_like_ours(name: str) -> bool:
    """A copy of one of our bundle files under another name: sync tools and file managers
    keep the ending (``x.sync-conflict-….bdsk``, ``x (conflicted copy ….bdsk``, ``Kopie von
    x.bdsk``, ``x - Kopie.bdsk``). Invitations (``.bdinvite``) are not bundles: left alone."""
    return SUFFIX in name.lower()


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a file vanishing while we look (a sync tool at work), a broken link
        return False
