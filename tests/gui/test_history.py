"""History page: readable details for imports, updates and inserts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from govboard import clock
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
    assert f"{len(snap.people)} rows added" in details
    assert all("rows:" not in d and "0 rows replaced" not in d for d in details)
    people_row = details.index(f"{len(snap.people)} rows added")
    assert page.table.proxy.index(people_row, 3).data() == "Added"
    # Bodies were not empty: every new file holds the Members and the Board.
    assert f"2 rows replaced by {len(snap.bodies)} rows" in details


def test_an_update_shows_before_and_after_with_dates_as_dd_mm_yyyy(window):
    snap = window.session.snapshot
    trustee = next(a for a in snap.appointments if a.role == Role.TRUSTEE and a.end is None)
    end = clock.today() - timedelta(days=3)
    window.session.apply([Update(trustee, replace(trustee, end=end, end_reason="Resigned"))], "End a trustee")
    page = window.show_page("history")
    top = page.table.visible_objects()[0]
    assert top[0].description == "End a trustee"
    text = describe_values(top[1])
    # Fields by the names clerks know from the workbook, not the code's.
    assert f"End date: (blank) → {end:%d/%m/%Y}" in text and "End reason: (blank) → Resigned" in text
    assert "_" not in text
    # Long cells carry their whole text as a tooltip.
    col = [c.header for c in page.table.model.columns].index("Details")
    assert page.table.proxy.index(0, col).data(Qt.ItemDataRole.ToolTipRole) == text


def test_money_reads_as_pounds_and_flags_as_yes_or_no(window):
    snap = window.session.snapshot
    decision = snap.pay_decisions[0]
    window.session.apply([Update(decision, replace(decision, salary_after=decision.salary_after + 150_000_00,
                                                   subject_withdrew=not decision.subject_withdrew))],
                         "Correct a pay decision")
    window.session.save_settings(replace(snap.settings, last_audited_income=12_345_678_90))
    page = window.show_page("history")
    settings_change, pay_change = (row[1] for row in page.table.visible_objects()[:2])
    assert describe_values(settings_change).startswith("Last audited income: £") \
        and describe_values(settings_change).endswith("→ £12,345,678.90")
    text = describe_values(pay_change)
    after = decision.salary_after + 150_000_00
    assert f"Salary after: £{decision.salary_after / 100:,.2f} → £{after / 100:,.2f}" in text
    assert f"Subject withdrew: {'Yes' if decision.subject_withdrew else 'No'} → " in text
