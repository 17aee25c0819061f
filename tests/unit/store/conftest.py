"""Fixtures and helpers for the store tests: real trust files in tmp_path."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from govboard.store import TrustFile

# Tables that hold the trust's own data (not the change log or the migration record).
DATA_TABLES = (
    "govboard_meta", "settings", "academies", "people", "bodies", "roles", "employment",
    "relationships", "checks", "interests", "declarations", "meetings", "attendance", "papers",
    "agenda_items", "rpt_agreements", "rpt_values", "payments", "pay_decisions", "pay_awards",
    "sod_rows", "acknowledgements", "gias_snapshots", "gias_records", "ch_snapshots", "ch_officers",
)
LOG_TABLES = ("change_batches", "changes")


@pytest.fixture
def trust(tmp_path):
    tf = TrustFile.create(tmp_path / "trust.govboard", name="Test Trust")
    yield tf
    tf.close()


def dump(tf: TrustFile, tables=DATA_TABLES) -> dict[str, list[tuple]]:
    """Every row of every data table, sorted, for exact before/after comparisons."""
    out = {}
    for table in tables:
        rows = tf.conn.execute(f'SELECT * FROM "{table}"').fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def fingerprint(path: Path) -> tuple:
    """Content hash, size and modification time of a file, plus what else is in its folder."""
    data = path.read_bytes()
    st = os.stat(path)
    return (hashlib.sha256(data).hexdigest(), st.st_size, st.st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir()))
