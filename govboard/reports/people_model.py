"""The one publishing model: who served, in which office, for which continuous period, with which
interests and relationships.

The published register (HTML and PDF), the public pack and the board pack's people sections all
read a `PeopleModel`, so they cannot disagree about who served or when:

- one `Office` per person per office per continuous period: a re-appointment or a yearly
  re-election that starts on or the day after the previous term ends continues the period
  (`domain.tenure.merged_spans`, the rules' own reading), so nobody "steps down" the day before
  they are re-appointed;
- a chair or vice-chair is a trustee holding a position, a committee chair a committee member
  and an LGB chair a local governor (the rulebook's role implication): positions are listed on
  the office, not as offices of their own;
- a headteacher is listed once: the headteacher role and an ex-officio governor seat on the same
  body are one office;
- each relationship is shown from the person in the register, with each person's own roles
  beside them and the tie in plain words ("Anjali is Priya's daughter"). The public audience
  sees only relationships between people who hold an office or are employed by the trust, with
  no dates.

Qt-free and ReportLab-free: tests build it from a snapshot and read it directly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from govboard.domain.dates import (
    current_year_bounds,
    last_completed_year_bounds,
    twelve_months_before,
    year_label,
)
from govboard.domain.enums import (
    COMMITTEE_ROLES,
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    AppointedBy,
    Attendance,
    BodyType,
    MeetingStatus,
    Relationship,
    Role,
)
from govboard.domain.model import Appointment, Declaration, Interest, Person
from govboard.domain.snapshot import TrustSnapshot
from govboard.domain.tenure import merged_spans

BOARD = "board"
PUBLIC = "public"
AUDIENCES = (BOARD, PUBLIC)

POSITION_ROLES = frozenset({Role.CHAIR_OF_TRUSTEES, Role.VICE_CHAIR_OF_TRUSTEES, Role.LGB_CHAIR,
                            Role.COMMITTEE_CHAIR})
OFFICER_ROLES = (Role.ACCOUNTING_OFFICER, Role.CHIEF_EXECUTIVE, Role.CHIEF_FINANCIAL_OFFICER,
                 Role.GOVERNANCE_PROFESSIONAL)
GOVERNANCE_OFFICES = (Role.MEMBER, Role.TRUSTEE, Role.LOCAL_GOVERNOR, Role.HEADTEACHER)
"""Offices the published register lists, in its order (officers and committees are not offices
of governance in their own right, but their holders' interests are published)."""

GROUPS = {Role.MEMBER: "Members", Role.TRUSTEE: "Trustees", Role.LOCAL_GOVERNOR: "Local governors",
          Role.HEADTEACHER: "Local governors"}


def office_of(appt: Appointment) -> Role | None:
    """The office an appointment is a term of (chair -> trustee; ex-officio seat -> headteacher)."""
    role = appt.role
    if role == Role.MEMBER or role == Role.HEADTEACHER or role in OFFICER_ROLES:
        return role
    if role in TRUSTEE_ROLES:
        return Role.TRUSTEE
    if role in LOCAL_GOVERNOR_ROLES:
        if appt.appointed_by == AppointedBy.EX_OFFICIO_HEADTEACHER:
            return Role.HEADTEACHER
        return Role.LOCAL_GOVERNOR
    if role in COMMITTEE_ROLES:
        return Role.COMMITTEE_MEMBER
    return None


@dataclass(frozen=True)
class Position:
    """A chair held within an office, over one continuous period (yearly elections joined)."""

    role: Role
    start: date
    end: date | None

    def in_office(self, on: date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass(frozen=True)
class Office:
    """One person in one office on one body for one continuous period of service."""

    person_id: str
    name: str
    sort_name: str
    role: Role  # the office: Member, Trustee, Local governor, Headteacher, Committee member, an officer
    body: str
    body_type: BodyType | None
    start: date  # first day of the continuous period
    end: date | None  # its last day; None while open-ended
    term_end: date | None  # when the latest term ends
    appointed_by: AppointedBy | None  # of the latest term
    positions: tuple[Position, ...]
    terms: tuple[Appointment, ...]

    def in_office(self, on: date) -> bool:
        return self.start <= on and (self.end is None or self.end >= on)

    def stepped_down(self, as_of: date) -> date | None:
        """The last day in office, once it has passed."""
        return self.end if self.end is not None and self.end <= as_of else None

    @property
    def ex_officio(self) -> bool:
        return self.appointed_by is not None and self.appointed_by.is_ex_officio

    @property
    def appointed_by_text(self) -> str:
        return self.appointed_by.plain(self.body_type) if self.appointed_by else ""

    def position_on(self, on: date) -> Position | None:
        """The chair held on `on` (or, for a period that has ended, at its end)."""
        when = on if self.end is None or self.end >= on else self.end
        return next((p for p in self.positions if p.in_office(when)), None)

    def title(self, as_of: date) -> str:
        """'Chair of trustees', 'Trustee', 'Headteacher (ex-officio governor)'."""
        position = self.position_on(as_of)
        if position is not None:
            return str(position.role)
        if self.role == Role.HEADTEACHER and self.ex_officio:
            return "Headteacher (ex-officio governor)"
        return str(self.role)

    def position_note(self, as_of: date, fmt) -> str:
        """When a chair began after the office did, or ended within it: 'chair since 01/09/2025'."""
        notes = []
        current = self.position_on(as_of)
        for p in self.positions:
            word = _POSITION_WORD[p.role]
            if p is current:
                if p.start > self.start:
                    notes.append(f"{word} since {fmt(p.start)}")
            elif p.end is not None and p.end <= as_of:
                notes.append(f"{word} until {fmt(p.end)}")
        return "; ".join(notes)

    def label(self) -> str:
        """The office with its body where that is not obvious: 'Local governor, Oak Academy LGB'."""
        if self.role in (Role.MEMBER, Role.TRUSTEE) or self.role in OFFICER_ROLES:
            return str(self.role)
        return f"{self.role}, {self.body}"


_POSITION_WORD = {Role.CHAIR_OF_TRUSTEES: "chair", Role.VICE_CHAIR_OF_TRUSTEES: "vice-chair",
                  Role.LGB_CHAIR: "chair", Role.COMMITTEE_CHAIR: "chair"}


@dataclass(frozen=True)
class PersonInterests:
    """A person in the register of interests, with their entries and latest declaration."""

    person_id: str
    name: str
    sort_name: str
    roles: tuple[str, ...]
    interests: tuple[Interest, ...]
    declaration: Declaration | None  # the latest made on or before as_of

    @property
    def none_text(self) -> str:
        """What to say when no interest is listed: honest about whether anyone asked."""
        if self.declaration is None:
            return "No declaration made"
        if self.declaration.nothing_to_declare:
            return "Nothing to declare"
        return "No interests recorded"


@dataclass(frozen=True)
class RelationshipRow:
    """A relationship seen from the person in the register, each side with their own roles."""

    person_id: str
    person_name: str
    person_roles: tuple[str, ...]
    related_id: str
    related_name: str
    related_roles: tuple[str, ...]
    relationship: Relationship  # what the related person is to the person
    words: str  # "Anjali is Priya's daughter"
    start: date | None  # None for the public audience
    end: date | None


@dataclass(frozen=True)
class Count:
    """Meetings attended of those the person could have attended."""

    attended: int
    possible: int

    def __str__(self) -> str:
        return f"{self.attended} of {self.possible}" if self.possible else "–"


NO_MEETINGS = Count(0, 0)


class _AttendanceCounts:
    """Attended/possible per (person, body) over one period, built in one sweep.

    A meeting counts when it was held in the period (never after as_of) and has an attendance
    register: a meeting with nobody's attendance recorded says nothing about who was there (the
    TRU-06 reading). "Possible" is the meetings while the person held an office on that body.
    """

    def __init__(self, snapshot: TrustSnapshot, offices_by_body: dict[str, list[Office]],
                 start: date, end: date):
        self.counts: dict[tuple[str, str], Count] = {}
        present = {(a.meeting_id, a.person_id) for a in snapshot.attendance
                   if a.attendance == Attendance.PRESENT}
        recorded = snapshot.attendance_by_meeting
        for body, offices in offices_by_body.items():
            held = [m for m in snapshot.meetings_by_body.get(body, ())
                    if m.status == MeetingStatus.HELD and start <= m.date <= end and recorded.get(m.id)]
            if not held:
                continue
            possible: dict[str, set[str]] = defaultdict(set)
            for office in offices:
                for m in held:
                    if office.in_office(m.date):
                        possible[office.person_id].add(m.id)
            for person_id, ids in possible.items():
                attended = sum(1 for mid in ids if (mid, person_id) in present)
                self.counts[(person_id, body)] = Count(attended, len(ids))


@dataclass(frozen=True)
class AttendanceYears:
    current_label: str  # "2026/27"
    current_start: date
    last_label: str  # "2025/26"
    last_start: date
    last_end: date


class PeopleModel:
    """Who served in the 12 months to as_of, and everything published about them.

    Build with `PeopleModel(snapshot, as_of, audience)`; the rest is read-only.
    """

    def __init__(self, snapshot: TrustSnapshot, as_of: date, audience: str = BOARD):
        if audience not in AUDIENCES:
            raise ValueError(f"audience must be 'board' or 'public', not {audience!r}")
        self.snapshot = snapshot
        self.as_of = as_of
        self.audience = audience
        self.since = twelve_months_before(as_of)
        self.offices: tuple[Office, ...] = tuple(self._build_offices())
        self.by_person: dict[str, list[Office]] = defaultdict(list)
        self.by_body: dict[str, list[Office]] = defaultdict(list)
        for office in self.offices:
            self.by_person[office.person_id].append(office)
            self.by_body[office.body].append(office)
        self.interests: tuple[PersonInterests, ...] = tuple(self._build_interests())
        self.relationships: tuple[RelationshipRow, ...] = tuple(self._build_relationships())
        cur_start, _ = current_year_bounds(as_of)
        last_start, last_end = last_completed_year_bounds(as_of)
        self.years = AttendanceYears(year_label(cur_start.year), cur_start, year_label(last_start.year),
                                     last_start, last_end)
        self._attendance: dict[str, _AttendanceCounts] = {}

    # --- offices -------------------------------------------------------------------------------

    def _build_offices(self) -> list[Office]:
        s, as_of = self.snapshot, self.as_of
        terms: dict[tuple[str, Role, str], list[Appointment]] = defaultdict(list)
        for a in s.appointments:
            # A term that has not started by as_of is not yet evidence of anything (rulebook v2).
            if a.start > as_of or a.person_id not in s.person_by_id:
                continue
            office = office_of(a)
            if office is None:
                continue
            if office == Role.HEADTEACHER and a.body not in s.body_by_name:
                continue  # a headteacher recorded against an academy, not a governing body
            terms[(a.person_id, office, a.body)].append(a)
        out = []
        for (person_id, role, body), appts in terms.items():
            person = s.person_by_id[person_id]
            body_record = s.body_by_name.get(body)
            for start, end, run in merged_spans(appts):
                if end is not None and end < self.since:
                    continue  # left before the 12 months the register covers
                out.append(self._office(person, role, body, body_record, start, end, run))
        out.sort(key=lambda o: (o.sort_name, o.person_id, _ROLE_ORDER.get(o.role, 99),
                                o.body.casefold(), o.start))
        return out

    def _office(self, person: Person, role: Role, body: str, body_record, start, end, run) -> Office:
        base = [a for a in run if a.role not in POSITION_ROLES] or run
        # The latest term in office on as_of, else the last one that started.
        current = [a for a in base if a.in_office(self.as_of)]
        latest = max(current or base, key=lambda a: (a.start, a.id))
        appointed_by = latest.appointed_by
        if role == Role.HEADTEACHER:
            ex_officio = [a for a in run if a.appointed_by == AppointedBy.EX_OFFICIO_HEADTEACHER]
            if ex_officio:
                appointed_by = AppointedBy.EX_OFFICIO_HEADTEACHER
        positions = []
        by_position: dict[Role, list[Appointment]] = defaultdict(list)
        for a in run:
            if a.role in POSITION_ROLES:
                by_position[a.role].append(a)
        for position_role, appts in by_position.items():
            for p_start, p_end, _ in merged_spans(appts):
                positions.append(Position(position_role, p_start, p_end))
        positions.sort(key=lambda p: p.start)
        return Office(
            person_id=person.id, name=person.full_name, sort_name=person.sort_name, role=role,
            body=body, body_type=body_record.type if body_record else None, start=start, end=end,
            term_end=latest.term_end, appointed_by=appointed_by, positions=tuple(positions),
            terms=tuple(run),
        )

    def offices_in(self, *roles: Role, body: str | None = None) -> list[Office]:
        """Offices of these kinds (all kinds when none given), optionally on one body."""
        source = self.by_body.get(body, ()) if body is not None else self.offices
        return [o for o in source if not roles or o.role in roles]

    def group(self, title: str) -> list[Office]:
        """The register's groups: 'Members', 'Trustees', 'Local governors' (with headteachers)."""
        rows = [o for o in self.offices if GROUPS.get(o.role) == title]
        if title == "Local governors":
            rows.sort(key=lambda o: (o.sort_name, o.person_id, o.body.casefold(), o.start))
        return rows

    def holds_office(self, person_id: str, on: date | None = None) -> bool:
        on = on or self.as_of
        return any(o.in_office(on) for o in self.by_person.get(person_id, ()))

    def is_employee(self, person_id: str) -> bool:
        return self.snapshot.is_employee(person_id, self.as_of)

    def roles_of(self, person_id: str) -> tuple[str, ...]:
        """A person's offices and posts, in words: current ones, then those left in the 12 months."""
        out: dict[str, None] = {}
        offices = [o for o in self.by_person.get(person_id, ()) if o.role != Role.COMMITTEE_MEMBER]
        for o in offices:
            if o.in_office(self.as_of):
                position = o.position_on(self.as_of)
                text = o.label() if position is None else (
                    str(position.role) if o.role == Role.TRUSTEE else f"{position.role}, {o.body}")
                out.setdefault(text, None)
        for o in offices:
            if not o.in_office(self.as_of) and o.end is not None and o.end <= self.as_of:
                out.setdefault(f"Former {o.label()[0].lower()}{o.label()[1:]} "
                               f"(until {o.end.day:02d}/{o.end.month:02d}/{o.end.year})", None)
        s = self.snapshot
        for e in s.employment_by_person.get(person_id, ()):
            if e.in_force(self.as_of):
                academy = s.academy_by_urn.get(e.academy_urn or "")
                where = academy.name if academy else "central team"
                out.setdefault(f"Employee: {e.job_title}, {where}", None)
        return tuple(out)

    # --- interests -----------------------------------------------------------------------------

    def _build_interests(self) -> list[PersonInterests]:
        s, as_of, since = self.snapshot, self.as_of, self.since
        people = sorted({o.person_id for o in self.offices if o.role != Role.COMMITTEE_MEMBER},
                        key=lambda p: (s.person_by_id[p].sort_name, p))
        out = []
        for pid in people:
            person = s.person_by_id[pid]
            mine = [i for i in s.interests_by_person.get(pid, ())
                    if (i.end is None or i.end >= since) and (i.start is None or i.start <= as_of)]
            mine.sort(key=lambda i: (i.start or date.min, i.organisation.casefold()))
            decls = [d for d in s.declarations_by_person.get(pid, ()) if d.declared_on <= as_of]
            latest = max(decls, key=lambda d: d.declared_on) if decls else None
            out.append(PersonInterests(pid, person.full_name, person.sort_name, self.roles_of(pid),
                                       tuple(mine), latest))
        return out

    # --- relationships ---------------------------------------------------------------------------

    def _build_relationships(self) -> list[RelationshipRow]:
        s, as_of, since = self.snapshot, self.as_of, self.since
        covered = {p.person_id for p in self.interests}
        public = self.audience == PUBLIC
        seen: set[tuple] = set()
        out = []
        for entry in self.interests:  # people in register order
            pid = entry.person_id
            for rel in s.relationships_by_person.get(pid, ()):
                if rel.end is not None and rel.end < since or rel.start is not None and rel.start > as_of:
                    continue
                if rel.person_id == pid:
                    other, tie = rel.related_person_id, rel.relationship
                else:
                    other, tie = rel.person_id, rel.relationship.inverse
                # One row per tie, however many times (and from whichever side) it is recorded.
                ident = (frozenset((pid, other)), tie if pid < other else tie.inverse)
                if ident in seen or other == pid:
                    continue
                seen.add(ident)
                if public and not (other in covered or self.is_employee(other)):
                    continue  # relatives with no role in the trust are not published
                if other in covered and rel.person_id == other:
                    pid, other, tie = other, pid, tie.inverse  # both listed: as it was recorded
                person = s.person_by_id.get(pid)
                related = s.person_by_id.get(other)
                first, other_first = _short_names(person, related)
                out.append(RelationshipRow(
                    person_id=pid, person_name=person.full_name if person else pid,
                    person_roles=self.roles_of(pid), related_id=other,
                    related_name=related.full_name if related else other,
                    related_roles=self.roles_of(other), relationship=tie,
                    words=tie.sentence(first, other_first, related.title if related else None),
                    start=None if public else rel.start, end=None if public else rel.end,
                ))
                pid = entry.person_id
        name = {p: person.sort_name for p, person in s.person_by_id.items()}
        out.sort(key=lambda r: (name.get(r.person_id, r.person_id), r.person_id,
                                name.get(r.related_id, r.related_id), r.related_id))
        return out

    # --- attendance ----------------------------------------------------------------------------

    def attendance(self, person_id: str, body: str) -> tuple[Count, Count]:
        """(this academic year to as_of, the last completed year) at one body's meetings."""
        return (self._counts("current").get((person_id, body), NO_MEETINGS),
                self._counts("last").get((person_id, body), NO_MEETINGS))

    def _counts(self, which: str) -> dict[tuple[str, str], Count]:
        if which not in self._attendance:
            y = self.years
            start, end = (y.current_start, self.as_of) if which == "current" else (y.last_start, y.last_end)
            bodies: dict[str, list[Office]] = defaultdict(list)
            for body, offices in self.by_body.items():
                bodies[body] = [o for o in offices if o.role not in OFFICER_ROLES]
            self._attendance[which] = _AttendanceCounts(self.snapshot, bodies, start, end)
        return self._attendance[which].counts


_ROLE_ORDER = {Role.MEMBER: 0, Role.TRUSTEE: 1, Role.LOCAL_GOVERNOR: 2, Role.HEADTEACHER: 3,
               Role.COMMITTEE_MEMBER: 4}


def _short_names(person: Person | None, related: Person | None) -> tuple[str, str]:
    """Forenames when they tell the two apart ("Anjali is Priya's daughter"), else full names."""
    if person is None or related is None:
        return (person.full_name if person else "", related.full_name if related else "")
    if person.forename and related.forename and person.forename.casefold() != related.forename.casefold():
        return person.forename, related.forename
    return person.full_name, related.full_name
