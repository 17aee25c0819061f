"""History page: readable details for imports, updates and inserts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt

from govboard.domain.enums import Role
from govboard.store import Update
from govboard.ui.pages.history import describe_values


def _details(page):
    col = [c.header for c in page.table.model.columns].index("Details")
    return [page.table.proxy.index(r, col).data() for r in range(page.table.proxy.rowCount())]


def test_sample_trust_rows_read_as_row_counts(window):
    page = window.show_page("history")
    snap = window.session.snapshot
    details = _details(page)
    assert f"0 rows replaced by {len(snap.people)} rows" in details
    assert all("rows:" not in d for d in details)


def test_an_update_shows_before_and_after_with_dates_as_dd_mm_yyyy(window):
    snap = window.session.snapshot
    trustee = next(a for a in snap.appointments if a.role == Role.TRUSTEE and a.end is None)
    end = date.today() - timedelta(days=3)
    window.session.apply([Update(trustee, replace(trustee, end=end, end_reason="Resigned"))], "End a trustee")
    page = window.show_page("history")
    top = page.table.visible_objects()[0]
    assert top[0].description == "End a trustee"
    text = describe_values(top[1])
    assert f"end: (blank) → {end:%d/%m/%Y}" in text and "end_reason: (blank) → Resigned" in text
    # Long cells carry their whole text as a tooltip.
    col = [c.header for c in page.table.model.columns].index("Details")
    assert page.table.proxy.index(0, col).data(Qt.ItemDataRole.ToolTipRole) == text
