"""Issue 16 item 8: --replace says what it empties, the log is private, read-only commands and
dry runs leave the file and its folder as they were, and IDs differing only in case are one."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

from govboard.cli import main
from govboard.store import TrustFile

from ..io.helpers import make_xlsx

AS_OF = "2026-11-22"
PEOPLE = [["Person ID", "Forename", "Surname"], ["P1", "Jane", "Smith"]]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _count(path, table):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


# --- --replace with sheets missing ---------------------------------------------------------------


def test_replace_says_which_registers_it_empties(demo, tmp_path):
    meetings, payments = _count(demo, "meetings"), _count(demo, "payments")
    book = make_xlsx(tmp_path / "people.xlsx", {"People": PEOPLE})
    dry = run("import", demo, book, "--replace", "--dry-run")
    assert dry.exit_code == 0
    assert f"Meetings: emptied, {meetings} rows removed (the workbook has none)" in dry.stdout
    assert f"Payments: emptied, {payments} rows removed (the workbook has none)" in dry.stdout
    assert "People: emptied" not in dry.stdout
    as_json = json.loads(run("import", demo, book, "--replace", "--dry-run", "--format", "json").stdout)
    assert as_json["emptied"]["Meetings"] == meetings and "People" not in as_json["emptied"]
    done = run("import", demo, book, "--replace")
    assert done.exit_code == 0 and "Meetings: emptied" in done.stdout and "Imported." in done.stdout
    assert _count(demo, "meetings") == 0


def test_a_merge_import_empties_nothing_and_says_nothing_of_it(demo, tmp_path):
    result = run("import", demo, make_xlsx(tmp_path / "people.xlsx", {"People": PEOPLE}), "--dry-run")
    assert result.exit_code == 0 and "emptied" not in result.stdout


# --- the log file ------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.subprocess
def test_the_log_file_is_readable_by_its_owner_only(tmp_path):
    old = tmp_path / "govboard.log"
    old.write_text("from an older govboard\n")
    os.chmod(old, 0o644)
    for folder in (tmp_path, tmp_path / "fresh"):
        env = {**os.environ, "GOVBOARD_LOG_DIR": str(folder)}
        subprocess.run([sys.executable, "-c", "from govboard.ui.app import setup_logging; setup_logging()"],
                       env=env, check=True, timeout=60)
        assert stat.S_IMODE((folder / "govboard.log").stat().st_mode) == 0o600


# --- read-only commands and dry runs -------------------------------------------------------------


@pytest.fixture
def wal_demo(demo):
    conn = sqlite3.connect(demo)
    assert conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] == "wal"
    conn.close()
    assert sorted(p.name for p in demo.parent.iterdir()) == ["hillside.govboard"]
    return demo


@pytest.mark.parametrize("command", [
    ["check", "{f}", "--as-of", AS_OF, "--fail-on", "never"],
    ["export", "{f}", "{d}/out.xlsx"],
    ["backup", "{f}", "{d}/copy.govboard"],
    ["register", "{f}", "{d}/register.html", "--as-of", AS_OF],
])
def test_read_only_commands_leave_no_wal_or_shm_files(wal_demo, tmp_path, command):
    out = tmp_path / "out"
    out.mkdir()
    result = run(*[part.format(f=wal_demo, d=out) for part in command])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in wal_demo.parent.iterdir()) == ["hillside.govboard", "out"]


@pytest.mark.parametrize("wal", [False, True])
def test_a_dry_run_leaves_the_file_byte_for_byte(demo, tmp_path, wal):
    if wal:
        conn = sqlite3.connect(demo)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.close()
    before = demo.read_bytes()
    book = make_xlsx(tmp_path / "people.xlsx", {"People": PEOPLE})
    for extra in ([], ["--replace"]):
        result = run("import", demo, book, "--dry-run", *extra)
        assert result.exit_code == 0 and "Dry run: nothing was written." in result.stdout
        assert demo.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hillside.govboard", "people.xlsx"]


# --- IDs differing only in case ---------------------------------------------------------------


def test_ids_differing_only_in_case_on_one_sheet_are_a_row_error(tmp_path):
    trust = tmp_path / "t.govboard"
    TrustFile.create(trust, name="T").close()
    book = make_xlsx(tmp_path / "case.xlsx", {"People": [
        ["Person ID", "Forename", "Surname"], ["P001", "Jane", "Smith"], ["p001", "Tom", "Jones"]]})
    result = CliRunner().invoke(main, ["import", str(trust), str(book)])
    assert result.exit_code == 2
    assert ("People, row 3, Person ID: 'p001' is used more than once (first on row 2 as 'P001'; IDs are the "
            "same whatever their case)") in result.stderr
    assert _count(trust, "people") == 0


def test_an_id_differing_only_in_case_from_one_in_the_file_is_an_error(tmp_path):
    trust = tmp_path / "t.govboard"
    TrustFile.create(trust, name="T").close()
    assert run("import", trust, make_xlsx(tmp_path / "a.xlsx", {"People": [
        ["Person ID", "Forename", "Surname"], ["P001", "Jane", "Smith"]]})).exit_code == 0
    before = trust.read_bytes()
    for extra in (["--dry-run"], []):
        result = CliRunner().invoke(main, ["import", str(trust), str(make_xlsx(tmp_path / "b.xlsx", {"People": [
            ["Person ID", "Forename", "Surname"], ["p001", "Tom", "Jones"]]})), *extra])
        assert result.exit_code == 2
        assert ("People, row None" not in result.stderr
                and "'p001' differs only in case from 'P001' already in the trust file" in result.stderr)
        assert trust.read_bytes() == before
