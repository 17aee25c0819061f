"""Rows for the trust workbook: import and export of the synthetic trust against plain openpyxl."""

from __future__ import annotations

from pathlib import Path

from bench.runner import Context, row

PAYMENTS = 5_000
AGREEMENTS = 300


def _workbook(ctx: Context) -> tuple[Path, Path]:
    """The synthetic trust file and its exported workbook, built once per bench run (not timed)."""
    trust = Path(ctx.workdir) / f"io-{ctx.academies}.govboard"
    book = trust.with_suffix(".xlsx")
    if not book.exists():
        ctx.run_function("bench.rows_io:build_files", trust=str(trust), book=str(book), academies=ctx.academies)
    return trust, book


def build_files(trust: str, book: str, academies: int) -> float:
    from bench.rows_core import BENCH_TODAY
    from bench.synth import generate_trust
    from govboard.services.trust import export_workbook
    from govboard.store import TrustFile

    snapshot = generate_trust(academies, today=BENCH_TODAY, payments=PAYMENTS, agreements=AGREEMENTS)
    with TrustFile.create(trust) as tf:
        tf.replace_registers(snapshot, description="Synthetic trust for benchmarks")
        export_workbook(tf, book)
    return 0.0


@row("import", target=2.5,
     description="govboard-cli import's work on the 150-academy trust's workbook (read, validate, plan, write "
                 "into an empty trust file), against openpyxl's read-only iteration over every cell of the "
                 "same workbook")
def import_(ctx: Context):
    _, book = _workbook(ctx)
    work = ctx.run_function("bench.rows_io:import_into_empty_file", book=str(book))
    base = ctx.run_function("bench.rows_io:openpyxl_read_only", book=str(book))
    return work, base


def import_into_empty_file(book: str) -> float:
    import tempfile
    import time

    from bench.rows_core import BENCH_TODAY
    from govboard.services.trust import import_workbook
    from govboard.store import TrustFile

    with tempfile.TemporaryDirectory() as tmp, TrustFile.create(Path(tmp) / "empty.govboard") as tf:
        started = time.perf_counter()
        outcome = import_workbook(tf, book, today=BENCH_TODAY)
        elapsed = time.perf_counter() - started
    if outcome.errors or not outcome.written:
        raise SystemExit(f"the import failed: {outcome.errors[:3]}")
    return elapsed


def openpyxl_read_only(book: str) -> float:
    import time

    from openpyxl import load_workbook

    started = time.perf_counter()
    wb = load_workbook(book, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        for values in ws.iter_rows(values_only=True):
            cells += len(values)
    wb.close()
    elapsed = time.perf_counter() - started
    if not cells:
        raise SystemExit("the workbook is empty")
    return elapsed


@row("export", target=2.0,
     description="govboard-cli export's work on the 150-academy trust (load the snapshot, write every sheet "
                 "with headers, formats and dropdowns), against openpyxl's write-only mode writing the "
                 "same cell values")
def export(ctx: Context):
    trust, book = _workbook(ctx)
    work = ctx.run_function("bench.rows_io:export_file", trust=str(trust))
    base = ctx.run_function("bench.rows_io:openpyxl_write_only", book=str(book))
    return work, base


def export_file(trust: str) -> float:
    import tempfile
    import time

    from govboard.services.trust import export_workbook
    from govboard.store import TrustFile

    with tempfile.TemporaryDirectory() as tmp, TrustFile.open(trust, read_only=True) as tf:
        started = time.perf_counter()
        export_workbook(tf, Path(tmp) / "out.xlsx")
        return time.perf_counter() - started


def openpyxl_write_only(book: str) -> float:
    import tempfile
    import time

    from openpyxl import Workbook, load_workbook

    source = load_workbook(book, read_only=True)  # the cells to write, read before timing
    sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in source.worksheets]
    source.close()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        wb = Workbook(write_only=True)
        for title, rows in sheets:
            ws = wb.create_sheet(title)
            for values in rows:
                ws.append(values)
        wb.save(Path(tmp) / "plain.xlsx")
        return time.perf_counter() - started
