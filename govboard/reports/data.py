"""Questions the reports ask of a snapshot (kept here, not in the domain core).

Everything is computed from the snapshot's indexes so a report stays linear in the data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from govboard.domain.dates import last_completed_year_bounds, twelve_months_before, year_label, year_start
from govboard.domain.enums import (
    COMMITTEE_ROLES,
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    Attendance,
    BodyType,
    MeetingStatus,
    Role,
)
from govboard.domain.model import BOARD_BODY, MEMBERS_BODY, Appointment, Body, Person
from govboard.domain.snapshot import TrustSnapshot

GOVERNANCE_ROLES = frozenset({Role.MEMBER}) | TRUSTEE_ROLES | LOCAL_GOVERNOR_ROLES
CHAIR_ROLE_FOR = {
    BodyType.BOARD: Role.CHAIR_OF_TRUSTEES,
    BodyType.LOCAL_GOVERNING_BODY: Role.LGB_CHAIR,
}
OFFICER_ROLES = (
    Role.CHAIR_OF_TRUSTEES,
    Role.VICE_CHAIR_OF_TRUSTEES,
    Role.ACCOUNTING_OFFICER,
    Role.CHIEF_EXECUTIVE,
    Role.CHIEF_FINANCIAL_OFFICER,
    Role.GOVERNANCE_PROFESSIONAL,
)


def attendance_year(as_of: date) -> tuple[date, date, str]:
    """The last completed academic year: (first day, last day, '2024/25')."""
    start, end = last_completed_year_bounds(as_of)
    return start, end, year_label(year_start(start))


@dataclass(frozen=True)
class AttendanceCount:
    attended: int
    possible: int

    def __str__(self) -> str:
        return f"{self.attended} of {self.possible}" if self.possible else "–"


class AttendanceIndex:
    """Attended/possible per (person, body) over one period, built in one sweep.

    "Possible" counts the body's held meetings in the period on which the person was in
    office on that body; "attended" the ones among them they were present at.
    """

    def __init__(self, snapshot: TrustSnapshot, start: date, end: date):
        self._counts: dict[tuple[str, str], tuple[int, int]] = {}
        present = {
            (a.meeting_id, a.person_id)
            for a in snapshot.attendance
            if a.attendance == Attendance.PRESENT
        }
        for body, meetings in snapshot.meetings_by_body.items():
            held = [m for m in meetings if m.status == MeetingStatus.HELD and start <= m.date <= end]
            if not held:
                continue
            possible: dict[str, set[str]] = defaultdict(set)  # person -> meeting ids
            for appt in snapshot.appointments_by_body.get(body, ()):
                for m in held:
                    if appt.in_office(m.date):
                        possible[appt.person_id].add(m.id)
            for person_id, meeting_ids in possible.items():
                attended = sum(1 for mid in meeting_ids if (mid, person_id) in present)
                self._counts[(person_id, body)] = (attended, len(meeting_ids))

    def get(self, person_id: str, body: str) -> AttendanceCount:
        counts = self._counts.get((person_id, body))
        return AttendanceCount(*counts) if counts else AttendanceCount(0, 0)


def served_within(appt: Appointment, since: date, as_of: date) -> bool:
    """In office at some point from `since` to `as_of`."""
    return appt.start <= as_of and (appt.end is None or appt.end >= since)


def recent_appointments(snapshot: TrustSnapshot, as_of: date, roles=None,
                        body: str | None = None) -> list[Appointment]:
    """Appointments held at some time in the 12 months before as_of."""
    since = twelve_months_before(as_of)
    source = snapshot.appointments_by_body.get(body, ()) if body else snapshot.appointments
    return [a for a in source if (roles is None or a.role in roles) and served_within(a, since, as_of)]


def by_person(appts: list[Appointment]) -> dict[str, list[Appointment]]:
    out: dict[str, list[Appointment]] = defaultdict(list)
    for a in appts:
        out[a.person_id].append(a)
    return dict(out)


def sorted_people(snapshot: TrustSnapshot, person_ids) -> list[Person]:
    people = [snapshot.person_by_id[p] for p in set(person_ids) if p in snapshot.person_by_id]
    return sorted(people, key=lambda p: (p.sort_name, p.id))


def first_start(appts: list[Appointment]) -> date | None:
    return min((a.start for a in appts), default=None)


def last_end(appts: list[Appointment], as_of: date) -> date | None:
    """The date stepped down: only if no appointment in the list is still in office."""
    if any(a.in_office(as_of) or a.start > as_of for a in appts):
        return None
    ends = [a.end for a in appts if a.end is not None]
    return max(ends) if ends else None


def current_term_end(appts: list[Appointment], as_of: date) -> date | None:
    ends = [a.term_end for a in appts if a.in_office(as_of) and a.term_end]
    return min(ends) if ends else None


def chair_of(snapshot: TrustSnapshot, body: Body, as_of: date) -> str | None:
    if body.type == BodyType.BOARD:
        ids = snapshot.holders(Role.CHAIR_OF_TRUSTEES, as_of)
    elif body.type == BodyType.LOCAL_GOVERNING_BODY:
        ids = snapshot.holders(Role.LGB_CHAIR, as_of, body.name)
    elif body.type.is_committee:
        ids = snapshot.holders(Role.COMMITTEE_CHAIR, as_of, body.name)
    else:
        return None
    return ", ".join(snapshot.person_label(p) for p in ids) or None


def role_summary(appts: list[Appointment]) -> str:
    """'Trustee (Board); Local governor (Oak Academy LGB)' for a person's appointments."""
    seen: dict[str, None] = {}
    for a in sorted(appts, key=lambda a: (a.start, str(a.role))):
        if a.body in (MEMBERS_BODY, BOARD_BODY) and a.role in ({Role.MEMBER} | TRUSTEE_ROLES):
            seen.setdefault(str(a.role), None)
        else:
            seen.setdefault(f"{a.role} ({a.body})", None)
    return "; ".join(seen)


def ordered_bodies(snapshot: TrustSnapshot) -> tuple[list[Body], list[Body]]:
    """(board committees, local governing bodies), each sorted by name."""
    committees = sorted(
        (b for b in snapshot.body_by_name.values() if b.type.is_committee), key=lambda b: b.name
    )
    lgbs = sorted(
        snapshot.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY), key=lambda b: b.name.casefold()
    )
    return committees, lgbs


def academies_of(snapshot: TrustSnapshot, body: Body) -> str:
    """The academy names a body serves ('Oak Academy; Ash Primary' for a hub LGB)."""
    names = [snapshot.academy_by_urn[u].name if u in snapshot.academy_by_urn else u
             for u in body.academy_urns]
    return "; ".join(names)


def body_roles(body: Body):
    if body.type == BodyType.LOCAL_GOVERNING_BODY:
        return LOCAL_GOVERNOR_ROLES | {Role.HEADTEACHER}
    if body.type == BodyType.BOARD:
        return TRUSTEE_ROLES
    if body.type == BodyType.MEMBERS:
        return frozenset({Role.MEMBER})
    return COMMITTEE_ROLES
