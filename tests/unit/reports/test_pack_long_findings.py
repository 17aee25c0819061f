"""A Companies House list of thousands of directors who are not trustees: the pack stays short
and its time linear (ReportLab copies every row still to come at each page break of one table)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pypdf import PdfReader

from govboard.domain.model import ChOfficer, ChSnapshot
from govboard.reports.board_pack import build_board_pack
from govboard.reports.sections import MAX_FINDINGS_PER_RULE, TABLE_CHUNK_ROWS
from govboard.rules import catalogue, run_checks

from .factories import AS_OF, small_trust


def test_thousands_of_ch_02_findings_make_a_short_linear_pack(tmp_path):
    officers = tuple(ChOfficer(f"STRANGER{i:05d}, Sam", "director") for i in range(2_000))
    trust = replace(small_trust(), companies_house=ChSnapshot(1, AS_OF, datetime(2026, 1, 1), "big.json", officers,
                                                              total_results=len(officers)))
    result = run_checks(trust, AS_OF)
    ch = [f for f in result.findings if f.rule == "CH-02"]
    assert len(ch) >= 2_000
    out = tmp_path / "pack.pdf"
    build_board_pack(trust, result.findings, catalogue(), out, as_of=AS_OF, invariant=True)
    reader = PdfReader(out)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"and {len(ch) - MAX_FINDINGS_PER_RULE:,} more CH-02 findings, not listed here" in text
    assert "CH-02 · Registers disagree with Companies House (continued)" in text  # the list runs on
    assert len(reader.pages) < 60
    assert TABLE_CHUNK_ROWS < MAX_FINDINGS_PER_RULE  # so the chunking above was exercised
