"""A laptop joins from the command line: a wrong file changes nothing, and the status says
that the laptop waits for the office once its join request is written (real processes)."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import run


def test_a_wrong_invitation_changes_nothing_and_the_status_waits_for_the_office(tmp_path: Path) -> None:
    office, laptop, stick = tmp_path / "office", tmp_path / "laptop", tmp_path / "stick"
    assert run(office, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    assert run(laptop, "init", "--role", "counselor", "--name", "Laptop Marta",
               "--kdf-seconds", "0").returncode == 0
    before = run(laptop, "sync", "status")
    assert before.returncode == 0 and "not enrolled yet" in before.stdout

    photo = tmp_path / "Urlaubsfoto.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not an invitation")
    wrong = run(laptop, "device", "join", str(photo), "--out", str(stick))
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1 and "invitation" in wrong.stderr
    assert not stick.exists()  # no join request written
    assert run(laptop, "sync", "status").stdout == before.stdout  # nothing recorded

    assert run(office, "office", "invite", "--out", str(stick)).returncode == 0
    [invitation] = stick.glob("*.bdinvite")
    joined = run(laptop, "device", "join", str(invitation), "--out", str(stick))
    assert joined.returncode == 0, joined.stderr  # the wrong file left no dead end
    waiting = run(laptop, "sync", "status")
    assert waiting.returncode == 0
    assert "join request written, waiting for the office" in waiting.stdout
    assert "not enrolled yet" not in waiting.stdout
