"""Pending migrations: a copy is taken first; a failing migration changes nothing."""

from __future__ import annotations

import re
import sqlite3

import pytest
from sqlite_utils.migrations import Migrations

from govboard.domain import model as m
from govboard.store import TrustFile, TrustFileError, schema
from govboard.store import trustfile as trustfile_module

ALICE = m.Person("P001", "Alice", "Ånström")
CURRENT = schema.known_migration_names()


@pytest.fixture
def older_file(tmp_path):
    """A trust file made by this govboard, which the 'next' govboard will find one migration behind."""
    path = tmp_path / "Hillside trust.govboard"
    with TrustFile.create(path, name="Hillside") as tf:
        tf.save(ALICE, "Add Alice")
    return path


def _next_version(monkeypatch, migration, name):
    """Register one extra migration on a copy of the real set, as a newer govboard would."""
    newer = Migrations(schema.MIGRATION_SET)
    newer._migrations = list(schema.migrations._migrations)
    newer(name=name)(migration)
    monkeypatch.setattr(trustfile_module, "migrations", newer)
    monkeypatch.setattr(trustfile_module, "known_migration_names",
                        lambda: [mig.name for mig in newer._migrations])
    return newer


def _content(path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _applied(path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'govboard' ORDER BY id")]
    finally:
        conn.close()


def _add_nickname(db):
    db.execute("ALTER TABLE people ADD COLUMN nickname TEXT")
    db.execute("UPDATE people SET nickname = 'Ali'")


def test_pending_migration_is_applied_after_a_copy_is_taken(older_file, monkeypatch):
    before = _content(older_file)
    _next_version(monkeypatch, _add_nickname, "m9002_nickname")

    with TrustFile.open(older_file) as tf:
        backup = tf.backup_made
        assert backup is not None
        assert tf.load(m.Person) == [ALICE]
        assert tf.conn.execute("SELECT nickname FROM people").fetchone()[0] == "Ali"

    assert backup.parent == older_file.parent
    assert re.fullmatch(r"Hillside trust\.before-m9002_nickname-\d{8}-\d{6}\.govboard", backup.name), backup.name
    assert _content(backup) == before  # the copy is the file as it was before the migration
    assert _applied(backup) == CURRENT
    assert _applied(older_file) == [*CURRENT, "m9002_nickname"]
    leftovers = [p.name for p in older_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []

    # opened again: nothing pending, no second copy
    with TrustFile.open(older_file) as tf:
        assert tf.backup_made is None
    assert len(list(older_file.parent.glob("*.before-*"))) == 1


def test_read_only_open_does_not_migrate(older_file, monkeypatch):
    before = older_file.read_bytes()
    _next_version(monkeypatch, _add_nickname, "m9002_nickname")
    with TrustFile.open(older_file, read_only=True) as tf:
        assert tf.backup_made is None
        assert tf.load(m.Person) == [ALICE]
    assert older_file.read_bytes() == before
    assert list(older_file.parent.glob("*.before-*")) == []


def test_failing_migration_leaves_the_file_as_it_was_and_the_copy_beside_it(older_file, monkeypatch):
    before_bytes = older_file.read_bytes()
    before = _content(older_file)

    def _broken(db):
        db.execute("ALTER TABLE people ADD COLUMN nickname TEXT")
        db.execute("DELETE FROM people")
        raise RuntimeError("migration bug")

    _next_version(monkeypatch, _broken, "m9002_broken")
    with pytest.raises(TrustFileError) as info:
        TrustFile.open(older_file)
    message = str(info.value)
    assert "m9002_broken" in message or "upgrade" in message
    [backup] = older_file.parent.glob("*.before-m9002_broken-*.govboard")
    assert backup.name in message  # the user is told where the copy is

    assert older_file.read_bytes() == before_bytes  # rolled back
    assert _content(older_file) == before
    assert _applied(older_file) == CURRENT
    assert _content(backup) == before


def _child_keys_without_an_index(path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        missing = []
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            leading = {conn.execute(f'PRAGMA index_info("{index[1]}")').fetchone()[2]
                       for index in conn.execute(f'PRAGMA index_list("{table}")')}
            missing += [f"{table}.{fk[3]}" for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")')
                        if fk[3] not in leading]
        return missing
    finally:
        conn.close()


def test_every_foreign_key_child_column_is_indexed(older_file):
    """Without an index, each delete of a person or meeting scans the child tables, and during an
    import the deferred minutes_approved_at key made every meeting insert scan the meetings (the
    import bench spent 0.5 s of its 5.8 s there)."""
    assert _child_keys_without_an_index(older_file) == []
