"""Row for the board pack: the 150-academy trust's pack against a plain ReportLab document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.runner import Context, row


@row("pack", target=1.5,
     description="build_board_pack of the synthetic trust (board audience, every section but the "
                 "agenda: cover, contents, outline, running headers, 'Page X of Y'), against "
                 "reports.baseline's plain SimpleDocTemplate of the same register tables")
def pack(ctx: Context):
    pages_file = Path(ctx.workdir) / "pack-pages.json"
    kwargs = {"academies": ctx.academies, "pages_file": str(pages_file)}
    work = ctx.run_function("bench.rows_pack:build_pack", **kwargs)
    base = ctx.run_function("bench.rows_pack:build_plain", **kwargs)
    # The whole pack also has the compliance summary and the rules appendix, which the plain
    # document lacks; the same sections alone show what contents, outline and numbering cost.
    same = ctx.run_function("bench.rows_pack:build_pack", same_sections=True, **kwargs)
    pages = json.loads(pages_file.read_text(encoding="utf-8"))
    print(f"    pack: {pages['pack']:,} pages in {work.seconds:.2f}s; same sections only: "
          f"{pages['pack_same']:,} pages in {same.seconds:.2f}s; plain tables: {pages['plain']:,} pages "
          f"in {base.seconds:.2f}s", file=sys.stderr)
    return work, base, {"pack_pages": pages["pack"], "plain_pages": pages["plain"],
                        "same_sections_pages": pages["pack_same"],
                        "same_sections_seconds": round(same.seconds, 4)}


def _trust(academies: int):
    from bench.rows_core import BENCH_TODAY
    from bench.synth import generate_trust

    return generate_trust(academies, today=BENCH_TODAY, payments=50_000, agreements=300)


def _record_pages(pages_file: str, key: str, pages: int) -> None:
    path = Path(pages_file)
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data[key] = pages
    path.write_text(json.dumps(data), encoding="utf-8")


BASELINE_SECTIONS = ("members", "board", "lgbs", "interests", "rpt", "pay", "sod")


def build_pack(academies: int, pages_file: str, same_sections: bool = False) -> float:
    """Worker side: the board pack as `govboard-cli pack` makes it (checks run before timing),
    or with only the sections the plain document has."""
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
                                  due_items=due, sections=BASELINE_SECTIONS if same_sections else None)
        elapsed = time.perf_counter() - started
    _record_pages(pages_file, "pack_same" if same_sections else "pack", result.pages)
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
