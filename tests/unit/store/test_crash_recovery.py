"""Issue 16 item 1: a save cut off by a crash (kill -9, power cut) never needs a database tool.

A writer subprocess is killed in the middle of a save, leaving a hot journal and a half-written
file; every command after it recovers the file (a writable open rolls the journal back), says
so once, and finds the registers as they were after the last complete save.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from govboard.cli import main
from govboard.store import TrustFile, TrustFileError
from govboard.store.lockfile import lock_path, read_lock
from govboard.store.trustfile import _hot_journal

from .crash import kill_mid_write, people, read_only_folder

pytestmark = pytest.mark.subprocess
AS_OF = "2026-11-22"


@pytest.fixture
def crashed(demo_master, tmp_path):
    """A copy of the sample trust with a save killed half way; returns (path, people before)."""
    path = tmp_path / "hillside.govboard"
    shutil.copyfile(demo_master, path)
    before_people = people(path)
    before_bytes = path.read_bytes()
    kill_mid_write(path)
    assert _hot_journal(path), "the kill left no hot journal: the test did not test anything"
    assert path.read_bytes() != before_bytes, "nothing reached the file before the kill"
    # Without recovery, a read-only connection cannot even read it.
    ro = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.execute("SELECT count(*) FROM people").fetchone()
    ro.close()
    return path, before_people


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _note_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "was not closed properly" in line]


def test_check_recovers_the_file_and_says_so_once(crashed):
    path, before = crashed
    result = _cli("check", path, "--as-of", AS_OF, "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    (note,) = _note_lines(result.stderr)
    assert note.startswith("govboard-cli: note: hillside.govboard was not closed properly")
    assert "unfinished change was undone" in note
    assert "Traceback" not in result.stderr
    assert not _hot_journal(path)
    assert people(path) == before  # the half-written save is gone, everything before it is there
    again = _cli("check", path, "--as-of", AS_OF, "--fail-on", "never")
    assert again.exit_code == 0 and _note_lines(again.stderr) == []  # said once


def test_backup_recovers_first_and_copies_the_recovered_file(crashed, tmp_path):
    path, before = crashed
    copy = tmp_path / "copy.govboard"
    result = _cli("backup", path, copy)
    assert result.exit_code == 0, result.stderr
    assert len(_note_lines(result.stderr)) == 1
    assert people(copy) == before
    with TrustFile.open(copy, read_only=True) as tf:
        assert {p.id for p in tf.load_snapshot().people} == {row[0] for row in before}


def test_the_killed_writers_lock_record_does_not_block_the_next_writer(crashed):
    path, before = crashed
    stale = read_lock(path)
    assert stale is not None and stale.stale()  # its process is gone
    with TrustFile.open(path) as tf:
        assert tf.recovered and "was not closed properly" in tf.recovered
        assert not tf.read_only
        assert read_lock(path).ours
        assert len(tf.load_snapshot().people) == len(before)
    assert not lock_path(path).exists()


def test_import_after_a_crash_works(crashed, tmp_path):
    path, before = crashed
    book = tmp_path / "book.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["Person ID", "Forename", "Surname"])
    ws.append(["NEW1", "Ada", "Lovelace"])
    wb.save(book)
    result = _cli("import", path, book)
    assert result.exit_code == 0, result.stderr
    assert len(_note_lines(result.stderr)) == 1 and "Imported." in result.stdout
    assert len(people(path)) == len(before) + 1


def test_a_crashed_file_in_a_read_only_folder_is_refused_plainly(crashed):
    path, _ = crashed
    with read_only_folder(path.parent):
        result = CliRunner().invoke(main, ["check", str(path), "--fail-on", "never"])
        with pytest.raises(TrustFileError, match="not closed properly"):
            TrustFile.open(path, read_only=True)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert "was not closed properly" in line and "nothing was changed" in line and "-journal" in line
    assert _hot_journal(path)  # left for a copy to recover elsewhere
