"""The attendance statement: per body, meetings attended out of those held while in office."""

from datetime import date

import pytest

from govboard.domain.attendance import attendance_statement
from govboard.domain.enums import Attendance, BodyType, MeetingStatus, Role
from govboard.domain.model import Appointment, AttendanceRecord, Body, Meeting, Person
from govboard.domain.snapshot import TrustSnapshot

ARC = "Audit and risk committee"


def _trust() -> TrustSnapshot:
    people = (Person("A", "Ann", "Ash"), Person("B", "Ben", "Birch"), Person("C", "Cat", "Cedar"),
              Person("D", "Dev", "Dogwood"), Person("X", "Xavi", "Co-opted"))
    appointments = (
        Appointment("A", Role.TRUSTEE, "Board", date(2020, 1, 1)),
        Appointment("A", Role.CHAIR_OF_TRUSTEES, "Board", date(2025, 9, 1)),
        Appointment("B", Role.TRUSTEE, "Board", date(2020, 1, 1), end=date(2025, 12, 31)),  # left mid-year
        Appointment("C", Role.TRUSTEE, "Board", date(2026, 1, 15)),  # joined mid-year
        Appointment("D", Role.TRUSTEE, "Board", date(2018, 1, 1), end=date(2025, 8, 31)),  # left before
        Appointment("A", Role.COMMITTEE_CHAIR, ARC, date(2020, 1, 1)),
        Appointment("X", Role.COMMITTEE_MEMBER, ARC, date(2020, 1, 1)),
    )
    meetings = (
        Meeting("B0", "Board", date(2025, 7, 1)),  # the year before
        Meeting("B1", "Board", date(2025, 10, 1)),
        Meeting("B2", "Board", date(2026, 1, 15)),
        Meeting("B3", "Board", date(2026, 3, 1), status=MeetingStatus.CANCELLED),
        Meeting("B4", "Board", date(2026, 5, 1)),
        Meeting("B5", "Board", date(2026, 7, 1), status=MeetingStatus.SCHEDULED),
        Meeting("A1", ARC, date(2025, 11, 1)),
    )
    attendance = (
        AttendanceRecord("B1", "A", Attendance.PRESENT), AttendanceRecord("B1", "B", Attendance.PRESENT),
        AttendanceRecord("B2", "A", Attendance.APOLOGIES_ACCEPTED), AttendanceRecord("B2", "C", Attendance.PRESENT),
        AttendanceRecord("B4", "A", Attendance.PRESENT), AttendanceRecord("B4", "C", Attendance.ABSENT),
        AttendanceRecord("B0", "D", Attendance.PRESENT), AttendanceRecord("A1", "X", Attendance.PRESENT),
    )
    return TrustSnapshot(people=people, appointments=appointments, meetings=meetings, attendance=attendance,
                         bodies=(Body("Board", BodyType.BOARD), Body(ARC, BodyType.AUDIT_AND_RISK)))


def test_n_out_of_m_while_in_office():
    statement = attendance_statement(_trust(), "2025/26", date(2026, 9, 30))
    assert statement.complete and statement.year == "2025/26"
    board, arc = statement.bodies
    assert board.body == "Board" and [m.id for m in board.meetings] == ["B1", "B2", "B4"]
    lines = {line.person_id: line for line in board.lines}
    assert set(lines) == {"A", "B", "C"}  # D left before the year began
    assert (lines["A"].out_of, lines["A"].role, lines["A"].note) == ("2 out of 3", "Chair", "")
    assert (lines["B"].out_of, lines["B"].note) == ("1 out of 1", "Until 31/12/2025")
    assert (lines["C"].out_of, lines["C"].note) == ("1 out of 2", "From 15/01/2026")  # in office on its first day
    assert [line.name for line in board.lines] == ["Ann Ash", "Ben Birch", "Cat Cedar"]
    assert [(line.name, line.role, line.out_of, line.note) for line in arc.lines] == [
        ("Ann Ash", "Chair", "0 out of 1", ""), ("Xavi Co-opted", "Member", "1 out of 1", "Not a trustee")]


def test_a_year_not_over_counts_meetings_held_so_far():
    statement = attendance_statement(_trust(), "2025/26", date(2026, 1, 14))
    assert not statement.complete
    board = statement.bodies[0]
    assert [m.id for m in board.meetings] == ["B1"]
    assert {line.person_id: line.out_of for line in board.lines} == {"A": "1 out of 1", "B": "1 out of 1"}


def test_empty_trust_and_bad_year():
    assert attendance_statement(TrustSnapshot(), "2025/26", date(2026, 9, 1)).bodies == ()
    with pytest.raises(ValueError, match="2024/25"):
        attendance_statement(TrustSnapshot(), "2025-27", date(2026, 9, 1))
