"""The command line as a user runs it: real processes, exit codes, messages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PASS = "cli test passphrase"


def run(data_dir: Path, *args: str, passphrase: str | None = PASS, stdin: str = "",
        extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BERATUNGSDESK_")}
    if passphrase is not None:
        env["BERATUNGSDESK_PASSPHRASE"] = passphrase
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "beratungsdesk", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env=env, input=stdin, timeout=120)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "store"
    result = run(folder, "demo", "--cases", "30", "--kdf-seconds", "0")
    assert result.returncode == 0, result.stderr
    assert "30 cases" in result.stdout
    return folder


def test_init_then_list_an_empty_store(tmp_path: Path) -> None:
    result = run(tmp_path / "s", "init", "--role", "counselor", "--name", "Laptop 1", "--kdf-seconds", "0")
    assert result.returncode == 0, result.stderr
    listing = run(tmp_path / "s", "cases", "list")
    assert listing.returncode == 0 and "0 case(s)" in listing.stdout


def test_cases_list_show_and_search_on_the_demo(demo_dir: Path) -> None:
    listing = run(demo_dir, "cases", "list", "--limit", "5")
    assert listing.returncode == 0 and "5 case(s)" in listing.stdout
    number = listing.stdout.splitlines()[2].split()[0]
    shown = run(demo_dir, "cases", "show", number)
    assert shown.returncode == 0 and f"Case {number}" in shown.stdout and "Contacts:" in shown.stdout
    found = run(demo_dir, "search", number)
    assert found.returncode == 0 and number in found.stdout


def test_wrong_passphrase_is_one_line_and_exit_1(demo_dir: Path) -> None:
    result = run(demo_dir, "cases", "list", passphrase="wrong")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: The passphrase is wrong."


def test_passphrase_file_is_used_when_no_environment_variable(demo_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text(PASS + "\n")
    result = run(demo_dir, "--passphrase-file", str(secret), "cases", "list", "--limit", "1",
                 passphrase=None)
    assert result.returncode == 0, result.stderr


def test_no_passphrase_without_a_terminal_is_a_user_error(demo_dir: Path) -> None:
    result = run(demo_dir, "cases", "list", passphrase=None)
    assert result.returncode == 1 and "BERATUNGSDESK_PASSPHRASE" in result.stderr


def test_usage_errors_exit_2(demo_dir: Path) -> None:
    assert run(demo_dir, "cases", "frobnicate").returncode == 2
    assert run(demo_dir, "init", "--role", "boss", "--name", "x").returncode == 2


def test_unknown_case_number_is_exit_1(demo_dir: Path) -> None:
    result = run(demo_dir, "cases", "show", "1999-9999")
    assert result.returncode == 1 and "No such case" in result.stderr


def test_demo_refuses_a_store_with_cases(demo_dir: Path) -> None:
    result = run(demo_dir, "demo")
    assert result.returncode == 1 and "only a new store" in result.stderr


def test_passwd_changes_the_passphrase(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    changed = run(folder, "passwd", "--kdf-seconds", "0",
                  extra_env={"BERATUNGSDESK_NEW_PASSPHRASE": "brand new words for the office"})
    assert changed.returncode == 0, changed.stderr
    assert run(folder, "cases", "list").returncode == 1
    assert run(folder, "cases", "list", passphrase="brand new words for the office").returncode == 0


@pytest.mark.parametrize(("weak", "rule"), [("brand new", "at least 10 characters"),
                                            ("a" * 20, "at least 3 of 4")])
def test_init_and_passwd_refuse_a_weak_passphrase_naming_the_rule(tmp_path: Path, weak: str,
                                                                   rule: str) -> None:
    folder = tmp_path / "s"
    refused = run(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0", passphrase=weak)
    assert refused.returncode == 1
    [line] = refused.stderr.splitlines()
    assert line.startswith("error: ") and rule in line and weak not in line
    assert not folder.exists() or not any(folder.iterdir())  # nothing created

    assert run(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    key_before = (folder / "store.key").read_bytes()
    refused = run(folder, "passwd", "--kdf-seconds", "0", extra_env={"BERATUNGSDESK_NEW_PASSPHRASE": weak})
    assert refused.returncode == 1
    [line] = refused.stderr.splitlines()
    assert rule in line and weak not in line
    assert (folder / "store.key").read_bytes() == key_before  # the old passphrase still opens it
    assert run(folder, "cases", "list").returncode == 0


def test_passwd_reads_the_new_passphrase_from_its_file_option(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0").returncode == 0
    weak, strong = tmp_path / "weak.txt", tmp_path / "strong.txt"
    weak.write_text("passwort123456\n", encoding="utf-8")
    strong.write_text("Marta fährt dienstags nach Velbert\n", encoding="utf-8")
    refused = run(folder, "passwd", "--kdf-seconds", "0", "--new-passphrase-file", str(weak))
    assert refused.returncode == 1 and "too easy to guess" in refused.stderr
    changed = run(folder, "passwd", "--kdf-seconds", "0", "--new-passphrase-file", str(strong))
    assert changed.returncode == 0, changed.stderr
    assert run(folder, "cases", "list", passphrase="Marta fährt dienstags nach Velbert").returncode == 0


def test_import_csv_dry_run_then_real_then_again(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    run(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0")
    sheet = tmp_path / "faelle.csv"
    sheet.write_bytes("Klient;Erstkontakt;Lebensbereich;Stunden\nK-1;03.01.2022;Wohnen;9,5\n"
                      .encode("cp1252"))
    dry = run(folder, "import-csv", str(sheet), "--dry-run")
    assert dry.returncode == 0 and "Would import 1 case(s)" in dry.stdout
    assert "0 case(s)" in run(folder, "cases", "list").stdout
    assert "Imported 1 case(s)" in run(folder, "import-csv", str(sheet)).stdout
    again = run(folder, "import-csv", str(sheet))
    assert "Imported 0 case(s)" in again.stdout and "imported before" in again.stdout


def test_import_csv_errors_list_every_problem(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    run(folder, "init", "--role", "office", "--name", "O", "--kdf-seconds", "0")
    sheet = tmp_path / "faelle.csv"
    sheet.write_text("Klient;Erstkontakt;Lebensbereich\nK-1;31.06.2022;Wohnen\nK-2;01.01.2022;Mond\n")
    result = run(folder, "import-csv", str(sheet))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "error: 2 problems were found; nothing was changed."
    assert "Line 2, column Erstkontakt" in lines[1] and "does not exist" in lines[1]
    assert "Line 3, column Lebensbereich" in lines[2] and '"Mond"' in lines[2]


def test_cases_show_logs_one_open_per_command(tmp_path: Path) -> None:
    folder = tmp_path / "s"
    assert run(folder, "demo", "--cases", "3", "--kdf-seconds", "0").returncode == 0
    number = run(folder, "cases", "list").stdout.splitlines()[2].split()[0]
    for _ in range(2):
        assert run(folder, "cases", "show", number).returncode == 0
    listing = run(folder, "audit", "--json")
    import json

    opens = [e for e in json.loads(listing.stdout) if e["action"] == "open"]
    assert len(opens) == 2 and all(e["entity"] == "case" for e in opens)  # one per command
    assert len({e["id"] for e in opens}) == 1
