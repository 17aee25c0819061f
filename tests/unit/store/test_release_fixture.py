"""A trust file and a workbook written by release 0.1 (before formats.md section 1 v2) still work.

The fixtures in tests/fixtures were made by govboard at commit 431d6d2 (`govboard-cli demo` and
`export` with GOVBOARD_TODAY=2026-12-06). Opening the file migrates it (after taking a copy);
importing the workbook gives the same registers.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from datetime import date
from pathlib import Path

from govboard.domain.enums import BodyType
from govboard.io.workbook import read_workbook
from govboard.rules import run_checks
from govboard.services import trust as svc
from govboard.store import TrustFile
from govboard.store.schema_names import MIGRATION_NAMES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
RELEASE_FILE = FIXTURES / "release-0.1-demo.govboard"
RELEASE_WORKBOOK = FIXTURES / "release-0.1-demo.xlsx"
BUILT_FOR = date(2026, 12, 6)


def _v1_rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_release_0_1_file_opened_read_only_is_read_without_being_changed(tmp_path):
    path = tmp_path / "Hillside.govboard"
    shutil.copyfile(RELEASE_FILE, path)
    with TrustFile.open(path, read_only=True) as tf:
        snapshot = tf.load_snapshot()
        assert tf.read_only and "earlier govboard" in tf.read_only_reason
    assert path.read_bytes() == RELEASE_FILE.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Hillside.govboard"]
    assert {b.academy_urns for b in snapshot.bodies if b.type == BodyType.LOCAL_GOVERNING_BODY} == {
        (urn,) for (urn,) in _v1_rows(path, "SELECT academy_urn FROM bodies WHERE academy_urn IS NOT NULL")}


def _without_ids(snapshot):
    """Records compared by content: store-given integer ids differ between two files."""
    out = {}
    for f in dataclasses.fields(snapshot):
        value = getattr(snapshot, f.name)
        if isinstance(value, tuple):
            records = [dataclasses.replace(r, id=0) if isinstance(getattr(r, "id", None), int) else r
                       for r in value]
            out[f.name] = sorted(records, key=repr)  # compared by equality (5 == 5.0 for a Decimal)
    return out


def test_a_release_0_1_file_is_migrated_after_a_copy_and_keeps_every_record(tmp_path):
    path = tmp_path / "Hillside.govboard"
    shutil.copyfile(RELEASE_FILE, path)
    lgbs_before = dict(_v1_rows(path, "SELECT name, academy_urn FROM bodies WHERE type = 'Local governing body'"))
    counts_before = {t: _v1_rows(path, f'SELECT count(*) FROM "{t}"')[0][0]
                     for t in ("people", "roles", "meetings", "attendance", "agenda_items", "payments")}
    assert len(lgbs_before) == 5 and all(lgbs_before.values())

    with TrustFile.open(path) as tf:
        assert tf.backup_made is not None and tf.backup_made.exists()
        snapshot = tf.load_snapshot()
        applied = [r[0] for r in tf.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(MIGRATION_NAMES)
    # The backup holds the release-0.1 file's content, unmigrated.
    assert _v1_rows(tf.backup_made, "SELECT name FROM _sqlite_migrations") == [("m0001_initial",)]
    assert _dump(tf.backup_made) == _dump(RELEASE_FILE)

    lgbs = {b.name: b.academy_urns for b in snapshot.bodies if b.type == BodyType.LOCAL_GOVERNING_BODY}
    assert lgbs == {name: (urn,) for name, urn in lgbs_before.items()}
    assert all(snapshot.lgb_by_urn[urn].name == name for name, urn in lgbs_before.items())
    assert len(snapshot.people) == counts_before["people"]
    assert len(snapshot.appointments) == counts_before["roles"]
    assert len(snapshot.meetings) == counts_before["meetings"]
    assert len(snapshot.attendance) == counts_before["attendance"]
    assert len(snapshot.agenda) == counts_before["agenda_items"]
    assert len(snapshot.payments) == counts_before["payments"]
    assert snapshot.item_attendance == () and snapshot.actions == ()
    # The old single-academy column is left empty: the URN list is the one source.
    assert _v1_rows(path, "SELECT count(*) FROM bodies WHERE academy_urn IS NOT NULL") == [(0,)]
    # The migrated file checks as the sample trust did.
    assert run_checks(snapshot, BUILT_FOR).findings


def test_a_release_0_1_workbook_imports_unchanged_and_matches_the_migrated_file(tmp_path):
    read = read_workbook(RELEASE_WORKBOOK, today=BUILT_FOR)
    assert read.errors == [] and read.warnings == []
    path = tmp_path / "Migrated.govboard"
    shutil.copyfile(RELEASE_FILE, path)
    with TrustFile.open(path) as tf:
        migrated = tf.load_snapshot()
    fresh = tmp_path / "Imported.govboard"
    svc.create_trust(fresh, "Imported").close()
    with TrustFile.open(fresh) as tf:
        svc.import_workbook(tf, RELEASE_WORKBOOK, today=BUILT_FOR)
        imported = tf.load_snapshot()
    assert _without_ids(imported) == _without_ids(migrated)
    assert imported.settings == migrated.settings
