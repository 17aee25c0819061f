"""formats.md section 1 v2: the meeting-cycle sheets and columns, hub LGBs and off-payroll posts,
read from clerk-style workbooks, and their errors named by sheet, row and column."""

from __future__ import annotations

from datetime import date, time

from govboard.domain.enums import ActionStatus, ItemPresence, Outcome
from govboard.io.workbook import read_workbook

from .helpers import PEOPLE, make_xlsx, messages

TODAY = date(2026, 1, 15)

ACADEMIES = [["URN", "Name"], ["100001", "Hill Primary"], ["100002", "Vale Primary"]]
MEETINGS = [["Meeting ID", "Body", "Date", "Start time", "Venue", "Minutes approved on", "Minutes approved at"],
            ["M1", "Board", "01/10/2025", "18:30", "Main hall", "10/12/2025", "M2"],
            ["M2", "Board", "10/12/2025", time(17, 0), "Online", None, None]]
AGENDA = [["Meeting ID", "Item", "Title", "Standing item", "Minute", "Decision", "Outcome", "Paper title"],
          ["M1", "1", "Welcome and apologies", "Yes", None, None, None, None],
          ["M1", "5", "Chief executive's pay", "no", "Jane left the room.", "Approved 3%.", "approved",
           "CEO pay paper"]]


def test_v2_sheets_and_columns_are_read(tmp_path):
    path = make_xlsx(tmp_path / "v2.xlsx", {
        "Academies": ACADEMIES,
        "People": PEOPLE,
        "Bodies": [["Body", "Type", "Academy URN", "Academy URNs", "Quorum"],
                   ["Hub LGB", "Local governing body", None, "100001, 100002", 3],
                   ["Hill LGB", "Local governing body", 100001, None, None]],
        "Employment": [["Person ID", "Job title", "Start date", "Off-payroll", "DfE off-payroll approval on",
                        "Approval ends on"],
                       ["P1", "Interim chief executive", "01/09/2025", "Yes", "20/08/2025", "19/08/2026"]],
        "Meetings": MEETINGS,
        "Agenda": AGENDA,
        "Item attendance": [["Meeting ID", "Item", "Person ID", "What", "Interest", "Voted"],
                            ["M1", "5", "P1", "Declared interest", "Her own pay", None],
                            ["M1", "5", "P1", "withdrew", None, "No"]],
        "Actions": [["Action ID", "Meeting ID", "Item", "Action", "Owner", "Due date", "Status"],
                    ["A1", "M1", "5", "Write to the CEO", "P2", "31/10/2025", None],
                    ["A2", "M1", None, "Book the auditors", "Finance team", "30/11/2025", "Done"]],
        "Pay decisions": [["Decision ID", "Person ID", "Effective date", "Salary after", "Meeting ID",
                           "Decision item"], ["D1", "P1", "01/09/2025", 120000, "M1", "5"]],
    })
    result = read_workbook(path, today=TODAY)
    assert messages(result) == [] and result.warnings == []
    regs = result.registers
    bodies = {b.name: b for b in regs.bodies}
    assert bodies["Hub LGB"].academy_urns == ("100001", "100002") and bodies["Hub LGB"].quorum == 3
    assert bodies["Hill LGB"].academy_urns == ("100001",) and bodies["Hill LGB"].academy_urn == "100001"
    [post] = regs.employment
    assert (post.off_payroll, post.offpayroll_approval_on, post.approval_ends_on) == (
        True, date(2025, 8, 20), date(2026, 8, 19))
    m1, m2 = regs.meetings
    assert (m1.start_time, m1.venue, m1.minutes_approved_on, m1.minutes_approved_at) == (
        "18:30", "Main hall", date(2025, 12, 10), "M2")
    assert m2.start_time == "17:00"
    standing, pay = regs.agenda
    assert standing.standing is True and pay.standing is False
    assert (pay.minute, pay.decision, pay.outcome, pay.paper_title) == (
        "Jane left the room.", "Approved 3%.", Outcome.APPROVED, "CEO pay paper")
    assert [r.what for r in regs.item_attendance] == [ItemPresence.DECLARED_INTEREST, ItemPresence.WITHDREW]
    assert regs.item_attendance[1].voted is False
    assert [(a.id, a.owner, a.status) for a in regs.actions] == [
        ("A1", "P2", ActionStatus.OPEN), ("A2", "Finance team", ActionStatus.DONE)]
    assert regs.pay_decisions[0].decision_item == "5"


def test_v2_mistakes_are_row_errors_naming_the_column(tmp_path):
    path = make_xlsx(tmp_path / "bad.xlsx", {
        "Academies": ACADEMIES,
        "People": PEOPLE,
        "Bodies": [["Body", "Type", "Academy URNs", "Quorum"],
                   ["Hub LGB", "Local governing body", "100001, 999999", None],
                   ["Finance", "Finance committee", None, 0]],
        "Meetings": [["Meeting ID", "Body", "Date", "Start time", "Minutes approved at"],
                     ["M1", "Board", "01/10/2025", "18:00", "M9"],
                     ["M2", "Board", "01/11/2025", "25:61", None]],
        "Agenda": [["Meeting ID", "Item", "Title", "Outcome"], ["M1", "1", "Welcome", "Maybe"]],
        "Item attendance": [["Meeting ID", "Item", "Person ID", "What"], ["M1", "7", "P1", "Withdrew"],
                            ["M1", "1", "P1", "Slept"]],
        "Actions": [["Action ID", "Meeting ID", "Action", "Due date"], ["A1", "M1", "Chase", "31/02/2026"]],
    })
    errors = {(e.sheet, e.row, e.column): e.message for e in read_workbook(path, today=TODAY).errors}
    assert "999999" in errors["Bodies", 2, "Academy URN"]
    assert "not a quorum" in errors["Bodies", 3, "Quorum"]
    assert "not a time of day" in errors["Meetings", 3, "Start time"]
    assert "meeting 'M9' does not exist" in errors["Meetings", 2, "Minutes approved at"]
    assert "Maybe" in errors["Agenda", 2, "Outcome"]
    assert "no agenda item '7'" in errors["Item attendance", 2, "Item"]
    assert "Slept" in errors["Item attendance", 3, "What"]
    assert "no such day" in errors["Actions", 2, "Due date"]
