#!/usr/bin/env python3
"""Write ``FILE.sha256`` beside each file named: its SHA-256 and its name, as ``sha256sum``
writes them, so ``sha256sum -c FILE.sha256`` (Linux), ``shasum -a 256 -c FILE.sha256``
(macOS) check the download, and the hex can be compared with Windows' ``certutil``.

    python tools/checksums.py dist/BeratungsDesk-0.1.0-setup.exe ...
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksum(path: Path) -> Path:
    target = path.with_name(path.name + ".sha256")
    target.write_text(f"{sha256_of(path)}  {path.name}\n", encoding="ascii", newline="\n")
    return target


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2
    for name in arguments:
        path = Path(name)
        if not path.is_file():
            print(f"checksums.py: no such file: {name}", file=sys.stderr)
            return 1
        print(write_checksum(path).read_text(encoding="ascii"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
