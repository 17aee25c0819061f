"""Rows for the trust file and the linter: open + People, check vs a plain sqlite3 read."""

from __future__ import annotations

from pathlib import Path

from bench.runner import Context, row


def _trust_file(ctx: Context, payments: int = 50_000, agreements: int = 300) -> Path:
    """Build the synthetic trust file once per bench run (not timed)."""
    path = Path(ctx.workdir) / f"synthetic-{ctx.academies}-{payments}.govboard"
    if not path.exists():
        ctx.run_function("bench.rows_trust:build_file", path=str(path), academies=ctx.academies,
                         payments=payments, agreements=agreements)
    return path


def build_file(path: str, academies: int, payments: int, agreements: int) -> float:
    from bench.rows_core import BENCH_TODAY
    from bench.synth import generate_trust
    from govboard.store import TrustFile

    snapshot = generate_trust(academies, today=BENCH_TODAY, payments=payments, agreements=agreements)
    with TrustFile.create(path) as tf:
        tf.replace_registers(snapshot, description="Synthetic trust for benchmarks")
    return 0.0


@row("check", target=2.5,
     description="govboard-cli check's work (open, load snapshot, run every rule) on the synthetic "
                 "trust with 50,000 payments, against reading every row of the file with plain sqlite3")
def check(ctx: Context):
    path = _trust_file(ctx)
    work = ctx.run_function("bench.rows_trust:open_and_check", path=str(path))
    base = ctx.run_function("bench.rows_trust:read_every_row", path=str(path))
    return work, base


def open_and_check(path: str) -> float:
    import time

    from bench.rows_core import BENCH_TODAY
    from govboard.rules import run_checks
    from govboard.store import TrustFile

    started = time.perf_counter()
    with TrustFile.open(path, read_only=True) as tf:
        snapshot = tf.load_snapshot()
    run_checks(snapshot, BENCH_TODAY)
    return time.perf_counter() - started


def read_every_row(path: str) -> float:
    import sqlite3
    import time

    started = time.perf_counter()
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        conn.execute(f'SELECT * FROM "{table}"').fetchall()
    conn.close()
    return time.perf_counter() - started


@row("open_people", target_seconds=1.0,
     description="open the 150-academy synthetic trust in the main window and show the People page "
                 "(offscreen; Qt start-up excluded)")
def open_people(ctx: Context):
    path = _trust_file(ctx, payments=0, agreements=0)
    work = ctx.run_function("bench.rows_trust:open_in_window", path=str(path))
    return work, None


def open_in_window(path: str) -> float:
    import os
    import tempfile
    import time

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from govboard.ui.forms import govboard_rc  # noqa: F401 - icons
    from govboard.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        started = time.perf_counter()
        window.open_path(path)
        window.show_page("people")
        app.processEvents()
        elapsed = time.perf_counter() - started
        rows = window.pages["people"].table.model.rowCount()
        window.close()
    if rows == 0:
        raise SystemExit("the People page showed no one")
    return elapsed
