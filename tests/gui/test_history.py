"""History page: readable details for imports, updates and inserts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from govboard import clock
from govboard.domain.enums import Role
from govboard.store import Update
from govboard.ui.pages.history import describe_change, describe_values


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
    # The setting by the name the Trust settings dialog gives it (plain words, issue 15).
    assert describe_values(settings_change).startswith("Income in the last audited accounts: £") \
        and describe_values(settings_change).endswith("→ £12,345,678.90")
    text = describe_values(pay_change)
    after = decision.salary_after + 150_000_00
    assert f"Salary after: £{decision.salary_after / 100:,.2f} → £{after / 100:,.2f}" in text
    assert f"Subject withdrew: {'Yes' if decision.subject_withdrew else 'No'} → " in text


def test_history_reads_in_sentences_with_names_not_ids(window):
    """'Ended Jane Smith's appointment as Trustee (Board) on 31/08/2026 (Resigned)', not
    'Person ID: P509'; 'Acknowledged …', not 'Subject kind: person' (issue 15)."""
    from govboard import clock as _clock
    from govboard.domain import model as m
    from govboard.store import Insert

    session = window.session
    snap = session.snapshot
    trustee = next(a for a in snap.appointments if a.role == Role.TRUSTEE and a.end is None)
    name = snap.person_label(trustee.person_id)
    end = clock.today() - timedelta(days=2)
    session.apply([Update(trustee, replace(trustee, end=end, end_reason="Resigned"))], "End a trustee")
    session.apply([Insert(m.Acknowledgement("MEM-05", "person", trustee.person_id, "Board decided",
                                            acknowledged_on=_clock.today()))], "Acknowledge")
    session.save_settings(replace(session.snapshot.settings, term_warning_days=90))
    newcomer = m.Person(id="P990", forename="Nadia", surname="Newcomer")
    session.apply([Insert(newcomer)], "Add Nadia")
    session.apply([Insert(m.Appointment(person_id="P990", role=Role.TRUSTEE, body=m.BOARD_BODY,
                                        start=clock.today()))], "Appoint Nadia")
    page = window.show_page("history")
    rows = page.table.visible_objects()[:5]
    cells = [page.table.proxy.index(r, 5).data() for r in range(5)]
    assert cells[0] == f"Appointed Nadia Newcomer as Trustee (Board) from {clock.today():%d/%m/%Y}"
    assert cells[1] == "Added Nadia Newcomer (P990)"
    assert cells[2] == "Changed “Warn before a term ends” from 60 days to 90 days"
    assert cells[3] == f"Acknowledged MEM-05 for {name}: “Board decided”"
    assert cells[4] == f"Ended {name}'s appointment as Trustee (Board) on {end:%d/%m/%Y} (Resigned)"
    assert not any("Person ID" in c or "Subject kind" in c or "_" in c for c in cells)
    # The fields before and after stay a hover away.
    assert page.table.proxy.index(4, 5).data(Qt.ItemDataRole.ToolTipRole) == describe_values(rows[4][1])
    # A person since deleted is still named from the log.
    assert describe_change(rows[0][1], lambda key: {"P990": "Nadia Newcomer"}.get(key, key)).startswith(
        "Appointed Nadia Newcomer")
