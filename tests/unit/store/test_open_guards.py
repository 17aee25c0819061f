"""Opening refuses what is not a usable trust file, and leaves that file exactly as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from govboard.domain import model as m
from govboard.domain.enums import Role
from govboard.store import Insert, ReadOnlyError, TrustFile, TrustFileError
from govboard.store import trustfile as trustfile_module

from .conftest import fingerprint

ALICE = m.Person("P001", "Alice", "Ånström")


@pytest.fixture
def closed_trust(tmp_path):
    """A closed trust file holding one person."""
    path = tmp_path / "trust.govboard"
    with TrustFile.create(path, name="Guarded Trust") as tf:
        tf.save(ALICE, "Add Alice")
    return path


@pytest.fixture
def short_timeout(monkeypatch):
    """Keep the lock tests quick: wait 0.3 s for a lock instead of 2 s."""
    monkeypatch.setattr(trustfile_module, "OPEN_TIMEOUT_MS", 300)


def _refused(path, match):
    before = fingerprint(path)
    with pytest.raises(TrustFileError, match=match) as info:
        TrustFile.open(path)
    assert fingerprint(path) == before
    assert "\n" not in str(info.value)
    return info.value


def test_text_file_named_govboard(tmp_path):
    path = tmp_path / "notes.govboard"
    path.write_text("Minutes of the meeting held on 14 October\n")
    _refused(path, r"notes\.govboard is not a govboard trust file")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.govboard"
    path.write_bytes(b"")
    _refused(path, "is not a govboard trust file")


def test_another_apps_database(tmp_path):
    path = tmp_path / "photos.govboard"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    conn.close()
    _refused(path, "is not a govboard trust file")


def test_another_apps_wal_database(tmp_path):
    path = tmp_path / "wal.govboard"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert not (tmp_path / "wal.govboard-wal").exists()
    before = path.read_bytes()
    with pytest.raises(TrustFileError, match="is not a govboard trust file"):
        TrustFile.open(path)
    assert path.read_bytes() == before


def test_a_database_with_a_meta_table_of_another_format(tmp_path):
    path = tmp_path / "other.govboard"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE govboard_meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO govboard_meta VALUES ('format', 'something else')")
    conn.close()
    _refused(path, "is not a govboard trust file")


def test_damaged_file_with_a_sqlite_header(tmp_path):
    path = tmp_path / "damaged.govboard"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 2000)
    _refused(path, "damaged or is not a govboard trust file")


def test_missing_path(tmp_path):
    with pytest.raises(TrustFileError, match="does not exist"):
        TrustFile.open(tmp_path / "absent.govboard")
    assert list(tmp_path.iterdir()) == []


def test_folder(tmp_path):
    folder = tmp_path / "folder.govboard"
    folder.mkdir()
    with pytest.raises(TrustFileError, match="is a folder"):
        TrustFile.open(folder)
    assert list(folder.iterdir()) == []


def test_opening_a_good_file_writes_nothing(closed_trust):
    before = fingerprint(closed_trust)
    for read_only in (False, True):
        with TrustFile.open(closed_trust, read_only=read_only) as tf:
            assert tf.load(m.Person) == [ALICE]
            assert tf.backup_made is None
    assert fingerprint(closed_trust) == before


def test_awkward_path_names_open(tmp_path):
    folder = tmp_path / "Board papers #2 (50% done) é"
    folder.mkdir()
    path = folder / "Trust & co?.govboard"
    with TrustFile.create(path, name="Awkward") as tf:
        tf.save(ALICE, "Add Alice")
    for read_only in (False, True):
        with TrustFile.open(path, read_only=read_only) as tf:
            assert tf.load(m.Person) == [ALICE]


# --- a file from a newer govboard -------------------------------------------------------------


def _from_newer_govboard(path):
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('govboard', 'm0099_from_the_future', '2031-01-01 00:00:00+00:00')"
        )
    conn.close()


def test_newer_file_opens_read_only_and_refuses_writes(closed_trust):
    _from_newer_govboard(closed_trust)
    before = fingerprint(closed_trust)
    with TrustFile.open(closed_trust) as tf:
        assert tf.read_only
        assert "newer version" in tf.read_only_reason
        assert tf.load_snapshot().people == (ALICE,)
        writes = [
            lambda: tf.save(m.Person("P002", "Bob", "Lee"), "Add Bob"),
            lambda: tf.apply([Insert(m.Appointment("P001", Role.MEMBER, "Members", date(2024, 1, 1)))], "x"),
            lambda: tf.delete(ALICE, "Remove Alice"),
            lambda: tf.save_settings(tf.settings().with_changes(term_years=2)),
            lambda: tf.undo_batch(tf.batches()[0].id),
            lambda: tf.replace_registers(tf.load_snapshot()),
            lambda: tf.add_gias_snapshot(date(2025, 1, 1), "x.csv", []),
            lambda: tf.add_ch_snapshot(date(2025, 1, 1), "x.json", []),
        ]
        for write in writes:
            with pytest.raises(ReadOnlyError, match="newer version"):
                write()
    assert fingerprint(closed_trust) == before


def test_newer_file_is_not_migrated_even_with_a_pending_migration(closed_trust, monkeypatch):
    from sqlite_utils.migrations import Migrations

    from govboard.store import schema

    _from_newer_govboard(closed_trust)
    extra = Migrations(schema.MIGRATION_SET)
    extra._migrations = list(schema.migrations._migrations)

    @extra(name="m0002_never_run")
    def _never(db):  # pragma: no cover - must not run
        raise AssertionError("a newer file must not be migrated")

    monkeypatch.setattr(trustfile_module, "migrations", extra)
    monkeypatch.setattr(trustfile_module, "known_migration_names",
                        lambda: [mig.name for mig in extra._migrations])
    before = fingerprint(closed_trust)
    with TrustFile.open(closed_trust) as tf:
        assert tf.read_only and tf.backup_made is None
    assert fingerprint(closed_trust) == before


# --- a file another program holds -------------------------------------------------------------

_HOLDER = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN " + sys.argv[2])
    if sys.argv[2] == "EXCLUSIVE":
        conn.execute("UPDATE settings SET value = value")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
""")


@pytest.fixture
def hold_lock(tmp_path):
    procs = []

    def start(path, mode):
        proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path), mode],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout.readline().strip() == "locked"
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(timeout=10)


@pytest.mark.parametrize("mode", ["EXCLUSIVE", "IMMEDIATE"])
@pytest.mark.subprocess
def test_file_in_use_by_another_process(closed_trust, hold_lock, short_timeout, mode):
    before_bytes = closed_trust.read_bytes()
    holder = hold_lock(closed_trust, mode)
    with pytest.raises(TrustFileError, match="is in use by another program"):
        TrustFile.open(closed_trust)
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.wait(timeout=10) == 0
    assert closed_trust.read_bytes() == before_bytes
    with TrustFile.open(closed_trust) as tf:  # free again
        assert tf.load(m.Person) == [ALICE]


def test_file_in_use_in_this_process(closed_trust, short_timeout):
    other = sqlite3.connect(closed_trust, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(TrustFileError, match="in use"):
            TrustFile.open(closed_trust)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_second_window_on_an_open_file_can_still_read(closed_trust):
    with TrustFile.open(closed_trust) as first, TrustFile.open(closed_trust) as second:
        first.save(m.Person("P002", "Bob", "Lee"), "Add Bob")
        assert len(second.load(m.Person)) == 2


@pytest.mark.subprocess
def test_read_only_open_works_while_another_process_is_writing(closed_trust, hold_lock, short_timeout):
    hold_lock(closed_trust, "IMMEDIATE")
    with TrustFile.open(closed_trust, read_only=True) as tf:
        assert tf.load(m.Person) == [ALICE]
