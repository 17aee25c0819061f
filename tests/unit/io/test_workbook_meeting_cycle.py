"""The sample trust's meeting cycle survives the workbook: export, import into a new file, and
every new sheet and column (times, venues, minutes approval, standing items, minutes, decisions,
outcomes, paper titles and papers, item attendance, actions, decision items) comes back equal."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from openpyxl import load_workbook

from govboard.domain.model import ItemAttendance
from govboard.services.trust import create_demo, create_trust, export_workbook, import_workbook
from govboard.store import TrustFile

DAY = date(2026, 3, 15)


def _without_store_ids(records) -> list:
    """Records compared without the integer ids the store gives rows that have no ID of their own."""
    out = []
    for r in records:
        if any(f.name == "id" for f in fields(r)) and isinstance(r.id, int):
            r = replace(r, id=0)
        out.append(r)
    return sorted(out, key=repr)


def test_demo_meeting_cycle_round_trips(tmp_path):
    demo = tmp_path / "demo.govboard"
    create_demo(demo, today=DAY).close()
    book = tmp_path / "out" / "trust.xlsx"
    book.parent.mkdir()
    with TrustFile.open(demo, read_only=True) as tf:
        export_workbook(tf, book)
        before = tf.load_snapshot()
        papers = {i.paper_sha256: tf.paper_content(i.paper_sha256) for i in before.agenda if i.paper_sha256}

    # Every v2 sheet and column is in the export, with data in it.
    workbook = load_workbook(book, read_only=True)
    try:
        headers = {ws.title: next(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()
    assert {"Start time", "Venue", "Minutes approved on", "Minutes approved at"} <= set(headers["Meetings"])
    assert {"Standing item", "Minute", "Decision", "Outcome", "Paper title"} <= set(headers["Agenda"])
    assert set(headers["Item attendance"]) >= {"Meeting ID", "Item", "Person ID", "What", "Interest", "Voted"}
    assert set(headers["Actions"]) >= {"Action ID", "Meeting ID", "Item", "Action", "Owner", "Due date", "Status",
                                       "Done on", "Notes"}
    assert "Decision item" in headers["Pay decisions"] and "Decision item" in headers["Related party transactions"]
    assert before.item_attendance and before.actions and len(papers) == 3

    copy = tmp_path / "copy.govboard"
    create_trust(copy, "Placeholder").close()
    with TrustFile.open(copy) as tf:
        outcome = import_workbook(tf, book, replace_all=True, today=DAY)
        assert outcome.errors == [] and outcome.written
        after = tf.load_snapshot()
        for sha, content in papers.items():
            assert tf.paper_content(sha) == content

    for name in ("meetings", "attendance", "agenda", "actions", "pay_decisions", "rpt_agreements", "bodies"):
        assert _without_store_ids(getattr(after, name)) == _without_store_ids(getattr(before, name)), name
    assert _without_store_ids(after.item_attendance) == _without_store_ids(before.item_attendance)
    assert all(isinstance(r, ItemAttendance) for r in after.item_attendance)
    assert after.settings == before.settings
