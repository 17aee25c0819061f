"""Issue 16 item 2: one writer at a time, said plainly.

A lock record beside the file says who holds it for writing; a second writer is refused with
that; stale records are ignored; a write re-checks rows someone else changed (data_version);
the command line holds the file from reading what an import changes until it commits.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from datetime import datetime

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from govboard.cli import main
from govboard.domain import model as m
from govboard.store import TrustFile, TrustFileError, Update
from govboard.store import trustfile as trustfile_module
from govboard.store.lockfile import STALE_AFTER_SECONDS, lock_path, read_lock
from govboard.store.trustfile import FileChangedError, FileInUseError

from .crash import held_by_another_govboard, people

ALICE = m.Person("P001", "Alice", "Archer", email="alice@example.org")


@pytest.fixture
def trust(tmp_path):
    path = tmp_path / "trust.govboard"
    with TrustFile.create(path, name="Lock Trust") as tf:
        tf.save(ALICE, "Add Alice")
    return path


def _record(path, **fields):
    data = {"app": "govboard", "host": "LAPTOP-3", "user": "jane", "pid": 4242,
            "since": "2026-11-22T10:42:00", "token": "theirs", **fields}
    lock_path(path).write_text(json.dumps(data), encoding="utf-8")


# --- the lock record --------------------------------------------------------------------------


def test_a_writer_leaves_a_record_beside_the_file_and_removes_it_on_close(trust):
    record = lock_path(trust)
    assert record.name == ".~lock.trust.govboard#"
    with TrustFile.open(trust) as tf:
        info = read_lock(trust)
        assert info is not None and info.ours and not tf.read_only
        assert info.host == socket.gethostname() and info.pid == os.getpid()
        data = json.loads(record.read_text(encoding="utf-8"))
        assert data["app"] == "govboard" and data["file"] == "trust.govboard"
    assert not record.exists()


def test_read_only_opens_take_no_lock(trust):
    with TrustFile.open(trust, read_only=True):
        assert not lock_path(trust).exists()


def test_within_one_process_the_lock_is_shared_until_the_last_closes(trust):
    first = TrustFile.open(trust)
    second = TrustFile.open(trust)
    first.close()
    assert read_lock(trust).ours
    second.close()
    assert not lock_path(trust).exists()


@pytest.mark.subprocess
def test_a_second_govboard_is_refused_with_who_holds_the_file(trust):
    with held_by_another_govboard(trust):
        holder = read_lock(trust)
        with pytest.raises(FileInUseError) as info:
            TrustFile.open(trust)
        message = str(info.value)
        assert f"trust.govboard is in use by govboard on {socket.gethostname()}" in message
        assert f"since {holder.since:%H:%M}" in message and "nothing was changed" in message
        assert info.value.holder == holder
        with TrustFile.open(trust, read_only=True) as tf:  # reading is fine meanwhile
            assert tf.load(m.Person) == [ALICE]
    with TrustFile.open(trust) as tf:  # and writing once it is closed there
        assert not tf.read_only


def test_a_fresh_record_from_another_computer_refuses(trust):
    _record(trust, since=datetime.now().replace(microsecond=0).isoformat())
    with pytest.raises(FileInUseError, match=r"in use by govboard on LAPTOP-3 \(jane\) since \d\d:\d\d;"):
        TrustFile.open(trust)
    assert read_lock(trust).token == "theirs"  # left alone


def test_a_record_is_aged_by_the_file_systems_clock_not_this_computers(trust, monkeypatch):
    """On a shared drive the record is stamped by the server: a laptop whose clock runs hours fast
    (or slow) must still see a fresh record as fresh, and an old one as old."""
    _record(trust, since=datetime.now().replace(microsecond=0).isoformat())
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 10 * 3600)
    with pytest.raises(FileInUseError, match="LAPTOP-3"):
        TrustFile.open(trust)
    monkeypatch.setattr(time, "time", lambda: real() - 10 * 3600)
    old = lock_path(trust).stat().st_mtime - STALE_AFTER_SECONDS - 60
    os.utime(lock_path(trust), (old, old))
    with TrustFile.open(trust):
        assert read_lock(trust).ours


def test_a_record_from_another_day_names_the_day(trust):
    _record(trust)
    with pytest.raises(FileInUseError, match="since 10:42 on 22/11/2026"):
        TrustFile.open(trust)


def test_a_record_whose_process_is_gone_is_ignored(trust):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    _record(trust, host=socket.gethostname(), pid=int(done.stdout))
    with TrustFile.open(trust) as tf:
        assert not tf.read_only and read_lock(trust).ours


def test_an_old_record_from_another_computer_is_ignored(trust):
    _record(trust)
    old = lock_path(trust).stat().st_mtime - STALE_AFTER_SECONDS - 60  # by the file system's clock
    os.utime(lock_path(trust), (old, old))
    with TrustFile.open(trust):
        assert read_lock(trust).ours


@pytest.mark.subprocess
def test_an_old_record_of_a_live_process_on_this_computer_still_refuses(trust):
    alive = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.readline()"], stdin=subprocess.PIPE)
    try:
        _record(trust, host=socket.gethostname(), pid=alive.pid)
        old = time.time() - STALE_AFTER_SECONDS - 3600
        os.utime(lock_path(trust), (old, old))
        with pytest.raises(FileInUseError):
            TrustFile.open(trust)
    finally:
        alive.communicate(b"\n", timeout=10)


def test_keep_alive_refreshes_the_record(trust):
    with TrustFile.open(trust) as tf:
        written = lock_path(trust).stat().st_mtime
        os.utime(lock_path(trust), (written - 3600, written - 3600))
        tf.keep_alive()
        assert lock_path(trust).stat().st_mtime >= written  # refreshed, by the file system's clock


def test_a_damaged_record_is_ignored(trust):
    lock_path(trust).write_bytes(b"\x00\xffnot json")
    with TrustFile.open(trust):
        assert read_lock(trust).ours


def test_a_holder_whose_file_was_taken_over_writes_nothing(trust):
    tf = TrustFile.open(trust)
    try:
        _record(trust, since=datetime.now().isoformat(timespec="seconds"))  # another govboard took over
        with pytest.raises(FileInUseError, match="taken over by govboard on LAPTOP-3"):
            tf.save(replace(ALICE, surname="Changed"), "Rename", old=ALICE)
        assert tf.load(m.Person) == [ALICE]
    finally:
        tf.close()
    assert read_lock(trust).token == "theirs"  # theirs is not removed by our close


# --- re-checking before a write (data_version) -------------------------------------------------


def test_a_change_to_a_row_someone_else_changed_is_refused(trust):
    with TrustFile.open(trust) as tf:
        snapshot = tf.load_snapshot()
        other = sqlite3.connect(trust)
        with other:
            other.execute("UPDATE people SET surname = 'Byrne' WHERE id = 'P001'")
        other.close()
        person = snapshot.person_by_id["P001"]
        with pytest.raises(FileChangedError, match="was changed in trust.govboard by someone else"):
            tf.apply([Update(person, replace(person, surname="Carter"))], "Rename")
        assert tf.load(m.Person)[0].surname == "Byrne"  # theirs stands, ours was not written


def test_a_change_to_other_columns_of_that_row_goes_through(trust):
    with TrustFile.open(trust) as tf:
        person = tf.load_snapshot().person_by_id["P001"]
        other = sqlite3.connect(trust)
        with other:
            other.execute("UPDATE people SET email = 'new@example.org' WHERE id = 'P001'")
        other.close()
        tf.apply([Update(person, replace(person, surname="Carter"))], "Rename")
        assert tf.load(m.Person) == [replace(ALICE, surname="Carter", email="new@example.org")]


def test_without_changes_elsewhere_writes_are_not_rechecked(trust, monkeypatch):
    with TrustFile.open(trust) as tf:
        person = tf.load_snapshot().person_by_id["P001"]
        fetched = []
        monkeypatch.setattr(tf, "_fetch_row", lambda *a: fetched.append(a))
        tf.apply([Update(person, replace(person, surname="Carter"))], "Rename")
        assert fetched == []


# --- the command line -------------------------------------------------------------------------


def _big_workbook(path, rows=12_000):
    """A workbook that takes a few seconds to read, so an import holds the file that long."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Payments")
    ws.append(["Payment ID", "Date", "Supplier", "Amount"])
    for n in range(rows):
        ws.append([f"BIG{n:05d}", "01/09/2025", f"Supplier {n % 97}", 100 + n])
    wb.save(path)
    return path


def _people_book(path, surname="Imported"):
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["Person ID", "Forename", "Surname"])
    ws.append(["NEW1", "Ada", surname])
    wb.save(path)
    return path


def _cli_process(*args):
    return subprocess.Popen([sys.executable, "-c", "import sys; from govboard.cli import main; sys.exit(main())",
                             *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_lock(path, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while read_lock(path) is None:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the import never took the file"
        time.sleep(0.02)


@pytest.mark.subprocess
def test_two_imports_started_together_one_imports_the_other_is_refused(demo, tmp_path):
    first = _cli_process("import", demo, _big_workbook(tmp_path / "big.xlsx"))
    _wait_for_lock(demo, first)
    second = _cli_process("import", demo, _people_book(tmp_path / "people.xlsx"))
    out2, err2 = second.communicate(timeout=120)
    out1, err1 = first.communicate(timeout=120)
    assert first.returncode == 0 and "Imported." in out1, err1
    assert second.returncode == 2 and "Imported." not in out2
    (line,) = err2.splitlines()
    assert line.startswith("govboard-cli: hillside.govboard is in use by govboard on ")
    assert "nothing was changed" in line
    assert "NEW1" not in {row[0] for row in people(demo)}
    assert not lock_path(demo).exists()


_LOCK_LATER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("ROLLBACK")
""")


@pytest.mark.subprocess
@pytest.mark.parametrize("replace_all", [False, True])
def test_a_lock_taken_by_another_program_while_an_import_reads_is_a_clear_refusal(
        demo, tmp_path, monkeypatch, replace_all):
    before = demo.read_bytes()
    book = _big_workbook(tmp_path / "big.xlsx", rows=6000)
    args = ["import", demo, book] + (["--replace"] if replace_all else [])
    importer = _cli_process(*args)
    _wait_for_lock(demo, importer)  # it has opened the file and is reading the workbook
    holder = subprocess.Popen([sys.executable, "-c", _LOCK_LATER, str(demo), "8"], stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout.readline().strip() == "locked"
    out, err = importer.communicate(timeout=120)
    holder.wait(timeout=30)
    holder.stdout.close()
    assert importer.returncode == 2, (out, err)
    (line,) = err.splitlines()
    assert "Traceback" not in err and "OperationalError" not in err
    assert "is in use by another program" in line
    assert demo.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if "before-replace" in p.name] == []  # no backup left


def test_replace_that_fails_leaves_no_backup(demo, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise TrustFileError("the disk holding hillside.govboard is full, so nothing was saved")

    monkeypatch.setattr(trustfile_module.TrustFile, "replace_registers", refuse)
    result = CliRunner().invoke(main, ["import", str(demo), str(_people_book(tmp_path / "p.xlsx")), "--replace"])
    assert result.exit_code == 2 and "disk" in result.stderr
    assert [p.name for p in tmp_path.iterdir() if "before-replace" in p.name] == []


@pytest.mark.subprocess
def test_the_command_line_is_refused_while_the_app_holds_the_file(demo, tmp_path):
    before = demo.read_bytes()
    with held_by_another_govboard(demo):
        result = CliRunner().invoke(main, ["import", str(demo), str(_people_book(tmp_path / "p.xlsx"))])
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert "is in use by govboard on" in line
        # Reading commands still work: they take no lock.
        check = CliRunner().invoke(main, ["check", str(demo), "--fail-on", "never"])
        assert check.exit_code == 0, check.stderr
        dry = CliRunner().invoke(main, ["import", str(demo), str(tmp_path / "p.xlsx"), "--dry-run"])
        assert dry.exit_code == 0 and "Dry run" in dry.stdout
    assert demo.read_bytes() == before


_RACER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from govboard.store.lockfile import InUse, WriterLock
    path, start_at = Path(sys.argv[1]), float(sys.argv[2])
    while time.monotonic() < start_at:
        pass
    try:
        lock = WriterLock.acquire(path, who="racer")
    except InUse:
        print("in use")
        sys.exit(0)
    time.sleep(1.0)
    print("held" if lock.still_ours() else "taken over")
    lock.release()
""")


@pytest.mark.subprocess
def test_govboards_starting_at_the_same_moment_never_both_hold_the_file(tmp_path):
    """The record used to be created empty and then written: a second govboard reading it in
    between took it for a damaged (stale) record and replaced it, so both held the file until
    the first came to save (the robustness probe: 3 of 4 simultaneous imports)."""
    for attempt in range(4):
        path = tmp_path / f"race{attempt}.govboard"
        path.write_bytes(b"")
        start_at = time.monotonic() + 1.5  # every racer has imported govboard by then
        racers = [subprocess.Popen([sys.executable, "-c", _RACER, str(path), repr(start_at)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                  for _ in range(4)]
        said = sorted(racer.communicate(timeout=60)[0].strip() for racer in racers)
        assert said == ["held", "in use", "in use", "in use"], (attempt, said)
        assert not lock_path(path).exists()
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~lock")] == []
