"""The attendance statement for the trust's annual report (stdlib only).

The governance statement in an academy trust's annual report lists, for the board (and usually
each committee), every trustee's meetings attended out of those they could have attended. Here a
meeting counts for someone when it was held in the year, on or before the as-at date, while they
were in office on that body (trustees for the board, members for a committee; a chair counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import parse_year_label, year_label
from .enums import Attendance, BodyType, MeetingStatus, Role
from .meetings import member_roles
from .model import BOARD_BODY, Meeting
from .snapshot import TrustSnapshot

CHAIR_ROLES = {Role.CHAIR_OF_TRUSTEES: "Chair", Role.VICE_CHAIR_OF_TRUSTEES: "Vice-chair",
               Role.COMMITTEE_CHAIR: "Chair"}


@dataclass(frozen=True)
class AttendanceLine:
    """One person on one body: meetings attended out of those held while they were in office."""

    person_id: str
    name: str
    role: str  # "Trustee", "Chair", "Vice-chair", "Member" (of a committee)
    attended: int
    possible: int
    note: str = ""  # "From 12/01/2026", "Until 30/06/2026", "Not a trustee" (a committee's co-opted member)

    @property
    def out_of(self) -> str:
        """'5 out of 6' (the governance statement's words)."""
        return f"{self.attended} out of {self.possible}"


@dataclass(frozen=True)
class BodyAttendance:
    """A body's meetings held in the year and the attendance of everyone in office on it."""

    body: str
    body_type: BodyType
    meetings: tuple[Meeting, ...]
    lines: tuple[AttendanceLine, ...]


@dataclass(frozen=True)
class AttendanceStatement:
    trust: str
    year: str  # "2025/26"
    start: date
    end: date
    as_of: date
    bodies: tuple[BodyAttendance, ...]

    @property
    def complete(self) -> bool:
        """The year had ended by the as-at date."""
        return self.as_of >= self.end


def attendance_statement(snapshot: TrustSnapshot, year: str, as_of: date) -> AttendanceStatement:
    """The board's and each committee's attendance in academic year `year` ('2025/26'), counting
    meetings held up to `as_of`. Raises ValueError for a year that is not like 2025/26."""
    first = parse_year_label(year)
    start, end = date(first, 9, 1), date(first + 1, 8, 31)
    last = min(end, as_of)
    bodies = [snapshot.body_by_name[BOARD_BODY]] + sorted(
        (b for b in snapshot.body_by_name.values() if b.type.is_committee), key=lambda b: b.name)
    trustee_ids = {a.person_id for a in snapshot.appointments
                   if a.role in member_roles(BodyType.BOARD) and a.start <= end and (a.end is None or a.end >= start)}
    out = []
    for body in bodies:
        meetings = tuple(m for m in snapshot.meetings_by_body.get(body.name, ())
                         if m.status == MeetingStatus.HELD and start <= m.date <= last)
        roles = member_roles(body.type)
        appointments: dict[str, list] = {}
        for a in snapshot.appointments_by_body.get(body.name, ()):
            if a.role in roles and a.start <= last and (a.end is None or a.end >= start):
                appointments.setdefault(a.person_id, []).append(a)
        present = {(r.meeting_id, r.person_id) for m in meetings
                   for r in snapshot.attendance_by_meeting.get(m.id, ()) if r.attendance == Attendance.PRESENT}
        lines = []
        for pid, appts in appointments.items():
            held = [m for m in meetings if any(a.in_office(m.date) for a in appts)]
            attended = sum(1 for m in held if (m.id, pid) in present)
            chair = next((CHAIR_ROLES[a.role] for a in appts if a.role in CHAIR_ROLES), None)
            role = chair or ("Trustee" if body.type == BodyType.BOARD else "Member")
            notes = []
            began = min(a.start for a in appts)
            ends = [a.end for a in appts]
            ended = None if any(e is None for e in ends) else max(ends)
            if began > start:
                notes.append(f"From {began:%d/%m/%Y}")
            if ended is not None and ended < last:
                notes.append(f"Until {ended:%d/%m/%Y}")
            if body.type != BodyType.BOARD and pid not in trustee_ids:
                notes.append("Not a trustee")
            person = snapshot.person_by_id.get(pid)
            lines.append((person.sort_name if person else pid, AttendanceLine(
                pid, snapshot.person_label(pid), role, attended, len(held), "; ".join(notes))))
        lines.sort(key=lambda pair: pair[0])
        if meetings or lines:
            out.append(BodyAttendance(body.name, body.type, meetings, tuple(line for _, line in lines)))
    return AttendanceStatement(snapshot.settings.name or "The trust", year_label(first), start, end, as_of,
                               tuple(out))
