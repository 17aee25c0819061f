"""The trust file: creation, foreign keys, the change log, undo/redo, snapshot round trip, backup."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from govboard.domain import model as m
from govboard.domain.enums import BodyType, CheckKind, Role
from govboard.store import Delete, Insert, ReadOnlyError, TrustFile, TrustFileError, Update
from govboard.store.schema import FILE_FORMAT, known_migration_names

from . import records
from .conftest import DATA_TABLES, LOG_TABLES, dump, fingerprint

ALICE = m.Person("P001", "Alice", "Ånström", title="Ms", email="alice@example.org")
BOB = m.Person("P002", "Bob", "Smith & Sons <Ltd>")


def tables_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


# --- creation ---------------------------------------------------------------------------------


def test_create_runs_the_migration_and_makes_every_table(tmp_path):
    path = tmp_path / "new.govboard"
    TrustFile.create(path, name="Fresh Trust").close()

    tables = tables_of(path)
    expected = {*DATA_TABLES, *LOG_TABLES, "_sqlite_migrations"}
    assert expected <= tables, expected - tables
    assert {cls.TABLE for cls in m.RECORD_TYPES} <= tables
    with sqlite3.connect(path) as conn:
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'govboard' ORDER BY id")]
        fmt = conn.execute("SELECT value FROM govboard_meta WHERE key = 'format'").fetchone()[0]
        bodies = sorted(conn.execute("SELECT name, type FROM bodies").fetchall())
        name = conn.execute("SELECT value FROM settings WHERE key = 'Name'").fetchone()[0]
    assert applied == known_migration_names() and applied[0] == "m0001_initial"
    assert fmt == FILE_FORMAT
    assert bodies == [("Board", "Board"), ("Members", "Members")]
    assert name == "Fresh Trust"


def test_created_file_is_owner_only(tmp_path):
    path = tmp_path / "private.govboard"
    old_umask = os.umask(0o002)  # a permissive umask must not widen it
    try:
        TrustFile.create(path).close()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_create_refuses_an_existing_file_and_leaves_it(tmp_path):
    path = tmp_path / "there.govboard"
    path.write_text("precious")
    with pytest.raises(TrustFileError, match="already exists"):
        TrustFile.create(path)
    assert path.read_text() == "precious"


def test_create_in_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(TrustFileError, match="does not exist"):
        TrustFile.create(tmp_path / "nowhere" / "t.govboard")
    assert not (tmp_path / "nowhere").exists()


def test_reopened_file_keeps_its_data_and_settings(trust):
    trust.save(ALICE, "Add Alice")
    path = trust.path
    trust.close()
    with TrustFile.open(path) as again:
        assert again.load(m.Person) == [ALICE]
        assert again.settings().name == "Test Trust"
        assert not again.read_only


# --- foreign keys -----------------------------------------------------------------------------


@pytest.mark.parametrize("read_only", [False, True])
def test_foreign_keys_are_on_for_every_connection(trust, read_only):
    assert trust.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    path = trust.path
    trust.close()
    with TrustFile.open(path, read_only=read_only) as again:
        assert again.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_appointment_for_unknown_person_is_refused_and_nothing_changes(trust):
    trust.save(ALICE, "Add Alice")
    before_rows = dump(trust, DATA_TABLES + LOG_TABLES)
    before_file = fingerprint(trust.path)[:2]
    ghost = m.Appointment("P999", Role.TRUSTEE, "Board", date(2024, 9, 1))
    with pytest.raises(TrustFileError, match="does not exist"):
        trust.save(ghost, "Appoint a ghost")
    assert dump(trust, DATA_TABLES + LOG_TABLES) == before_rows  # no batch either
    assert fingerprint(trust.path)[:2] == before_file


def test_a_failing_change_rolls_back_the_whole_batch(trust):
    before = dump(trust, DATA_TABLES + LOG_TABLES)
    with pytest.raises(TrustFileError):
        trust.apply([Insert(ALICE), Insert(m.Appointment("P404", Role.MEMBER, "Members", date(2024, 1, 1)))],
                    "Two changes, the second bad")
    assert dump(trust, DATA_TABLES + LOG_TABLES) == before


def test_deleting_a_person_still_referred_to_is_refused(trust):
    trust.save(ALICE, "Add Alice")
    trust.save(m.Appointment("P001", Role.TRUSTEE, "Board", date(2024, 9, 1)), "Appoint")
    with pytest.raises(TrustFileError, match="refer"):
        trust.delete(ALICE, "Remove Alice")
    assert trust.load(m.Person) == [ALICE]


def test_end_before_start_is_refused_by_the_database(trust):
    trust.save(ALICE, "Add Alice")
    bad = m.Appointment("P001", Role.TRUSTEE, "Board", date(2024, 9, 1), end=date(2024, 8, 31))
    with pytest.raises(TrustFileError, match="before its start"):
        trust.save(bad, "Backwards")
    assert trust.load(m.Appointment) == []


# --- the change log ---------------------------------------------------------------------------


def test_every_write_lands_in_the_change_log(trust):
    trust.who = "clerk@hillside"
    t0 = datetime.now().replace(microsecond=0)
    trust.save(ALICE, "Add Alice")
    batch = trust.batches(limit=1)[0]
    assert (batch.who, batch.description, batch.kind, batch.undoes) == (
        "clerk@hillside", "Add Alice", "edit", None)
    assert t0 - timedelta(seconds=1) <= batch.at <= datetime.now() + timedelta(seconds=1)
    [change] = trust.changes_of(batch.id)
    assert (change.action, change.table, change.key, change.old) == ("insert", "people", {"id": "P001"}, None)
    assert change.new == {"id": "P001", "forename": "Alice", "surname": "Ånström", "title": "Ms",
                          "middle_names": None, "date_of_birth": None, "email": "alice@example.org"}

    moved = replace(ALICE, email="alice@new.example", date_of_birth=date(1975, 5, 6))
    trust.save(moved, "Change Alice's email", old=ALICE)
    [change] = trust.changes_of(trust.batches(limit=1)[0].id)
    assert change.action == "update"
    assert change.old["email"] == "alice@example.org" and change.new["email"] == "alice@new.example"
    assert change.old["date_of_birth"] is None and change.new["date_of_birth"] == "1975-05-06"

    trust.delete(moved, "Remove Alice")
    [change] = trust.changes_of(trust.batches(limit=1)[0].id)
    assert (change.action, change.new) == ("delete", None)
    assert change.old["email"] == "alice@new.example"

    descriptions = [b.description for b in trust.batches()]
    assert descriptions[:3] == ["Remove Alice", "Change Alice's email", "Add Alice"]
    assert len(trust.history(search="Alice")) >= 3


def test_inserted_records_get_their_new_integer_id(trust):
    trust.save(ALICE, "Add Alice")
    stored = trust.save(m.Check("P001", CheckKind.ENHANCED_DBS, date(2024, 1, 2)), "DBS")
    assert stored.id > 0
    assert trust.load(m.Check) == [stored]
    [change] = trust.changes_of(trust.batches(limit=1)[0].id)
    assert change.key == {"id": stored.id} and change.new["id"] == stored.id


def test_settings_changes_are_logged(trust):
    trust.save_settings(replace(trust.settings(), term_years=3, company_number="0123"),
                        description="Adjust settings")
    batch = trust.batches(limit=1)[0]
    changes = {c.key["key"]: c for c in trust.changes_of(batch.id)}
    assert set(changes) == {"Term of office years", "Company number"}
    assert changes["Company number"].action == "insert"
    assert changes["Company number"].new == {"key": "Company number", "value": "0123"}
    assert trust.settings().term_years == 3
    assert trust.save_settings(trust.settings()) is None  # nothing changed, nothing logged
    assert trust.batches(limit=1)[0].id == batch.id


# --- undo and redo ----------------------------------------------------------------------------


def _assert_undo_redo(trust, write):
    """Undo restores the exact previous state and is logged; redo re-applies it."""
    before = dump(trust)
    batch = write()
    after = dump(trust)
    assert after != before
    undo = trust.undo_batch(batch)
    assert dump(trust) == before
    logged = trust.batches(limit=1)[0]
    original = next(b for b in trust.batches() if b.id == batch)
    assert (logged.id, logged.kind, logged.undoes) == (undo, "undo", batch)
    assert logged.description == f"Undo: {original.description}"
    redo = trust.undo_batch(undo, kind="redo")
    assert dump(trust) == after
    logged = trust.batches(limit=1)[0]
    assert (logged.id, logged.kind, logged.undoes, logged.description) == (
        redo, "redo", undo, f"Redo: {original.description}")
    return batch


def test_undo_redo_insert(trust):
    def write():
        batch, _ = trust.apply([Insert(ALICE), Insert(BOB)], "Add two people")
        return batch

    _assert_undo_redo(trust, write)
    assert sorted(p.id for p in trust.load(m.Person)) == ["P001", "P002"]


def test_undo_redo_insert_with_generated_id(trust):
    trust.save(ALICE, "Add Alice")

    def write():
        batch, _ = trust.apply([Insert(m.Check("P001", CheckKind.IDENTITY, date(2024, 3, 4), "passport"))],
                               "Add a check")
        return batch

    _assert_undo_redo(trust, write)


def test_undo_redo_update(trust):
    trust.save(ALICE, "Add Alice")

    def write():
        return trust.apply([Update(ALICE, replace(ALICE, surname="Ångström", email=None))], "Fix name")[0]

    _assert_undo_redo(trust, write)
    assert trust.load(m.Person)[0].surname == "Ångström"


def test_undo_redo_update_that_changes_the_key(trust):
    """Renaming a record (its key) must be undone too, not silently skipped."""
    trust.save(ALICE, "Add Alice")

    def write():
        return trust.apply([Update(ALICE, replace(ALICE, id="P100"))], "Renumber Alice")[0]

    _assert_undo_redo(trust, write)
    assert [p.id for p in trust.load(m.Person)] == ["P100"]


def test_undo_redo_delete(trust):
    trust.apply([Insert(ALICE), Insert(BOB)], "Add two")

    def write():
        return trust.apply([Delete(BOB)], "Remove Bob")[0]

    _assert_undo_redo(trust, write)
    assert [p.id for p in trust.load(m.Person)] == ["P001"]


def test_undo_redo_settings(trust):
    def write():
        return trust.save_settings(replace(trust.settings(), term_years=2, company_number="99"))

    _assert_undo_redo(trust, write)


def test_undo_that_would_break_a_reference_is_refused_and_changes_nothing(trust):
    batch = trust.save(ALICE, "Add Alice") and trust.batches(limit=1)[0].id
    trust.save(m.Appointment("P001", Role.MEMBER, "Members", date(2024, 1, 1)), "Appoint Alice")
    before = dump(trust, DATA_TABLES + LOG_TABLES)
    with pytest.raises(TrustFileError, match="cannot be undone"):
        trust.undo_batch(batch)
    assert dump(trust, DATA_TABLES + LOG_TABLES) == before


def test_undo_of_an_unknown_batch(trust):
    with pytest.raises(TrustFileError, match="no change 9999"):
        trust.undo_batch(9999)


def test_undo_of_an_insert_already_deleted_is_refused(trust):
    batch = trust.apply([Insert(ALICE)], "Add Alice")[0]
    trust.delete(ALICE, "Remove Alice")
    before = dump(trust, DATA_TABLES + LOG_TABLES)
    with pytest.raises(TrustFileError, match="cannot be undone"):
        trust.undo_batch(batch)
    assert dump(trust, DATA_TABLES + LOG_TABLES) == before


# --- snapshot round trip ----------------------------------------------------------------------


def _sorted(snapshot):
    """The snapshot with every register in a fixed order (the store does not promise order)."""
    out = {}
    for f in dataclasses.fields(snapshot):
        value = getattr(snapshot, f.name)
        out[f.name] = tuple(sorted(value, key=repr)) if isinstance(value, tuple) else value
    return out


def test_the_record_builder_sets_every_field():
    """Guards the round-trip test: each record type is present with no field left at None."""
    regs = records.registers()
    covered = {type(r) for _, items in _register_items(regs) for r in items}
    assert covered == set(m.RECORD_TYPES) - {m.Paper}
    for _, items in _register_items(regs):
        for record in items:
            for f in dataclasses.fields(record):
                if isinstance(record, m.Meeting) and record.id == "M2025-02":
                    continue  # the later meeting that approved the first one's minutes
                if isinstance(record, m.Academy) and record.urn == "100002":
                    continue  # the hub LGB's second academy
                assert getattr(record, f.name) is not None, (type(record).__name__, f.name)
    for f in dataclasses.fields(regs.settings):
        assert getattr(regs.settings, f.name) != f.default, f.name


def _register_items(snapshot):
    from govboard.store.trustfile import register_lists

    return register_lists(snapshot)


def test_load_snapshot_round_trips_every_record_type_by_replace(trust):
    regs = records.registers()
    trust.replace_registers(regs, papers=[records.paper()])
    loaded = trust.load_snapshot()
    assert _sorted(loaded) == _sorted(regs)
    assert loaded.settings == regs.settings
    assert loaded.pay_awards[0].percent == records.registers().pay_awards[0].percent
    assert isinstance(loaded.pay_awards[0].percent, type(regs.pay_awards[0].percent))
    assert loaded.rpt_values[0].value == 40_000_01
    assert trust.load(m.Paper) == [m.Paper(records.paper().sha256, "Finance report.pdf")]
    assert trust.paper_content(records.paper().sha256) == records.PAPER_BYTES


def test_loaded_records_are_ordinary_frozen_records(trust):
    """The store's row readers build records without calling __init__ (for speed): each loaded
    record must still be exactly its class, frozen, hashable and equal to one built normally."""
    regs = records.registers()
    trust.replace_registers(regs, papers=[records.paper()])
    for cls, items in _register_items(trust.load_snapshot()):
        assert items, cls.__name__
        for record in items:
            assert type(record) is cls
            rebuilt = cls(**{f.name: getattr(record, f.name) for f in dataclasses.fields(cls)})
            assert rebuilt == record and hash(rebuilt) == hash(record)
            first = dataclasses.fields(cls)[0].name
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(record, first, None)
            assert not hasattr(record, "__dict__")


def test_load_snapshot_round_trips_every_record_type_by_logged_inserts(trust):
    regs = records.registers()
    fixed = {"Members", "Board"}
    changes = [Insert(records.paper())]
    for cls, items in _register_items(regs):
        for record in items:
            if cls is m.Body and record.name in fixed:
                old = next(b for b in trust.load(m.Body) if b.name == record.name)
                changes.append(Update(old, record))
            else:
                changes.append(Insert(record))
    trust.apply(changes, "Everything")
    trust.save_settings(regs.settings)
    assert _sorted(trust.load_snapshot()) == _sorted(regs)
    # the paper's bytes are not copied into the log
    logged = [c for c in trust.changes_of(trust.batches()[1].id) if c.table == "papers"]
    assert logged[0].new["content"] == f"<{len(records.PAPER_BYTES)} bytes>"


def test_a_reopened_file_gives_the_same_snapshot(trust):
    regs = records.registers()
    trust.replace_registers(regs, papers=[records.paper()])
    path = trust.path
    trust.close()
    with TrustFile.open(path, read_only=True) as again:
        assert _sorted(again.load_snapshot()) == _sorted(regs)


def test_gias_and_companies_house_snapshots_round_trip(trust):
    gias = [m.GiasRecord("G1", "Trustee", "Zoë", "Nuñez", "100001", "17001", "0123", "Dr", "Anne",
                         date(2021, 9, 1), date(2025, 8, 31), "Appointed by academy members")]
    officers = [m.ChOfficer("NUÑEZ, Zoë Anne", "director", date(2021, 9, 1), None, 2, 1970)]
    trust.add_gias_snapshot(date(2025, 10, 1), "extract.csv", gias)
    trust.add_ch_snapshot(date(2025, 10, 2), "officers.json", officers)
    snap = trust.load_snapshot()
    assert snap.gias.extract_date == date(2025, 10, 1) and snap.gias.records == tuple(gias)
    assert snap.companies_house.as_of == date(2025, 10, 2) and snap.companies_house.officers == tuple(officers)
    # the latest extract by date wins; every extract is kept for checks as at an earlier date
    trust.add_gias_snapshot(date(2025, 9, 1), "older.csv", [])
    snap = trust.load_snapshot()
    assert snap.gias.source_name == "extract.csv"
    assert [g.source_name for g in snap.gias_history] == ["older.csv", "extract.csv"]
    assert snap.gias_on(date(2025, 9, 30)).source_name == "older.csv"
    assert snap.gias_on(date(2025, 8, 31)) is None


def test_undo_of_an_import_snapshot_is_refused_cleanly_on_redo(trust):
    """An imported extract is logged as a summary; redoing its undo cannot rebuild it."""
    trust.add_gias_snapshot(date(2025, 10, 1), "extract.csv",
                            [m.GiasRecord("G1", "Trustee", "Ann", "Lee")])
    batch = trust.batches(limit=1)[0].id
    undo = trust.undo_batch(batch)
    assert trust.load_snapshot().gias is None
    before = dump(trust, DATA_TABLES + LOG_TABLES)
    with pytest.raises(TrustFileError, match="import it again"):
        trust.undo_batch(undo, kind="redo")
    assert dump(trust, DATA_TABLES + LOG_TABLES) == before


def test_is_empty(trust):
    assert trust.is_empty()
    trust.save(ALICE, "Add Alice")
    assert not trust.is_empty()


# --- backup -----------------------------------------------------------------------------------


def test_backup_is_a_valid_copy_written_via_a_temporary_name(trust, tmp_path, monkeypatch):
    trust.replace_registers(records.registers(), papers=[records.paper()])
    dest = tmp_path / "copies" / "backup.govboard"
    dest.parent.mkdir()
    renames = []
    real_replace = os.replace

    def spy(src, dst):
        renames.append((Path(src), Path(dst)))
        assert Path(dst) == dest and not dest.exists()
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    assert trust.backup_to(dest) == dest
    [(src, dst)] = renames
    assert src.parent == dest.parent and src.name != dest.name and src.name.startswith(".backup.govboard.")
    assert sorted(p.name for p in dest.parent.iterdir()) == ["backup.govboard"]  # no temp file left
    assert stat.S_IMODE(os.stat(dest).st_mode) == 0o600
    with TrustFile.open(dest) as copy:
        assert _sorted(copy.load_snapshot()) == _sorted(trust.load_snapshot())
        assert copy.paper_content(records.paper().sha256) == records.PAPER_BYTES


def test_backup_replaces_an_older_backup(trust, tmp_path):
    dest = tmp_path / "b.govboard"
    trust.backup_to(dest)
    trust.save(ALICE, "Add Alice")
    trust.backup_to(dest)
    with TrustFile.open(dest, read_only=True) as copy:
        assert copy.load(m.Person) == [ALICE]


def test_backup_refuses_to_overwrite_the_open_file(trust, tmp_path):
    trust.save(ALICE, "Add Alice")
    before = fingerprint(trust.path)
    same = tmp_path / "." / "trust.govboard"
    with pytest.raises(TrustFileError, match="open trust file"):
        trust.backup_to(trust.path)
    with pytest.raises(TrustFileError, match="open trust file"):
        trust.backup_to(same)
    link = tmp_path / "link.govboard"
    link.symlink_to(trust.path)
    with pytest.raises(TrustFileError, match="open trust file"):
        trust.backup_to(link)
    link.unlink()
    assert fingerprint(trust.path) == before


def test_backup_into_a_missing_folder(trust, tmp_path):
    with pytest.raises(TrustFileError, match="does not exist"):
        trust.backup_to(tmp_path / "missing" / "b.govboard")


def test_backup_failure_leaves_no_temporary_file(trust, tmp_path, monkeypatch):
    dest_dir = tmp_path / "out"
    dest_dir.mkdir()

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        trust.backup_to(dest_dir / "b.govboard")
    assert list(dest_dir.iterdir()) == []


def test_read_only_file_can_be_backed_up_but_not_written(trust, tmp_path):
    trust.save(ALICE, "Add Alice")
    path = trust.path
    trust.close()
    with TrustFile.open(path, read_only=True) as ro:
        assert ro.read_only
        with pytest.raises(ReadOnlyError):
            ro.save(BOB, "Add Bob")
        ro.backup_to(tmp_path / "copy.govboard")
    with TrustFile.open(tmp_path / "copy.govboard") as copy:
        assert copy.load(m.Person) == [ALICE]


def test_lgb_body_round_trips_with_its_academy(trust):
    trust.save(m.Academy("123456", "Élan Academy"), "Add academy")
    body = m.Body("Élan LGB", BodyType.LOCAL_GOVERNING_BODY, ("123456",))
    trust.save(body, "Add LGB")
    assert body in trust.load(m.Body)


def test_read_meta_peeks_without_opening_and_changes_nothing(tmp_path):
    from govboard.store.trustfile import read_meta

    path = tmp_path / "Hillside.govboard"
    TrustFile.create(path, name="Hillside").close()
    before = path.read_bytes()
    assert read_meta(path, "format") == "govboard trust file"
    assert read_meta(path, "demo_built_for") is None
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    not_a_trust = tmp_path / "notes.govboard"
    not_a_trust.write_text("just text")
    assert read_meta(not_a_trust, "format") is None
    assert read_meta(tmp_path / "missing.govboard", "format") is None
    assert not (tmp_path / "missing.govboard").exists()
