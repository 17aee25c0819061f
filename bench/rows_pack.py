"""Row for the board pack: the 150-academy trust's pack against a plain ReportLab document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.runner import Context, row


@row("pack", target=2.0,
     description="build_board_pack of the synthetic trust (board audience, every section but the "
                 "agenda: cover, contents, outline, running headers, 'Page X of Y'), against "
                 "reports.baseline's plain SimpleDocTemplate of the same register tables")
def pack(ctx: Context):
    pages_file = Path(ctx.workdir) / "pack-pages.json"
    kwargs = {"academies": ctx.academies, "pages_file": str(pages_file)}
    work = ctx.run_function("bench.rows_pack:build_pack", **kwargs)
    base = ctx.run_function("bench.rows_pack:build_plain", **kwargs)
    pages = json.loads(pages_file.read_text(encoding="utf-8"))
    print(f"    pack: {pages['pack']:,} pages; plain tables: {pages['plain']:,} pages",
          file=sys.stderr)
    return work, base, {"pack_pages": pages["pack"], "plain_pages": pages["plain"]}


def _trust(academies: int):
    from bench.rows_core import BENCH_TODAY
    from bench.synth import generate_trust

    return generate_trust(academies, today=BENCH_TODAY, payments=50_000, agreements=300)


def _record_pages(pages_file: str, key: str, pages: int) -> None:
    path = Path(pages_file)
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[key] = pages
    path.write_text(json.dumps(data), encoding="utf-8")


def build_pack(academies: int, pages_file: str) -> float:
    """Worker side: the board pack as `govboard-cli pack` makes it (checks run before timing)."""
    import tempfile
    import time

    from bench.rows_core import BENCH_TODAY
    from govboard.reports.board_pack import build_board_pack
    from govboard.rules import catalogue, due_soon, run_checks

    snapshot = _trust(academies)
    findings = run_checks(snapshot, BENCH_TODAY).findings
    rules, due = catalogue(), due_soon(snapshot, BENCH_TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        result = build_board_pack(snapshot, findings, rules, Path(tmp) / "pack.pdf", as_of=BENCH_TODAY,
                                  due_items=due)
        elapsed = time.perf_counter() - started
    _record_pages(pages_file, "pack", result.pages)
    return elapsed


def build_plain(academies: int, pages_file: str) -> float:
    """Worker side of the baseline: the same tables, one SimpleDocTemplate, nothing else."""
    import tempfile
    import time

    from pypdf import PdfReader

    from bench.rows_core import BENCH_TODAY
    from govboard.reports.baseline import build_plain_tables_document

    snapshot = _trust(academies)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "plain.pdf"
        started = time.perf_counter()
        build_plain_tables_document(snapshot, out, as_of=BENCH_TODAY)
        elapsed = time.perf_counter() - started
        pages = len(PdfReader(out).pages)
    _record_pages(pages_file, "plain", pages)
    return elapsed
