"""The publishing model itself: offices over continuous periods, relationships, declarations,
attendance, and what the public audience leaves out."""

from __future__ import annotations

from datetime import date

import pytest

from govboard.domain.enums import (
    AppointedBy,
    Attendance,
    BodyType,
    MeetingStatus,
    Relationship,
    Role,
)
from govboard.domain.model import (
    Appointment,
    AttendanceRecord,
    Body,
    Declaration,
    Employment,
    Meeting,
    Person,
    PersonRelationship,
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.reports.common import short_date
from govboard.reports.people_model import PUBLIC, PeopleModel

AS_OF = date(2026, 12, 6)
LGB = "Kingsmead School LGB"


def trust(*, appointments=(), people=(), relationships=(), employment=(), declarations=(),
          meetings=(), attendance=()) -> TrustSnapshot:
    base_people = [
        Person("P1", "Priya", "Raghunathan", title="Mrs"),
        Person("P2", "Anjali", "Raghunathan", title="Ms"),
        Person("P3", "Oluwaseun", "Bankole"),
        Person("P4", "Efua", "Boateng"),
        Person("P5", "Maeve", "O'Neill"),
        Person("P6", "James", "O'Neill", title="Mr"),
    ]
    return TrustSnapshot(
        settings=TrustSettings(name="Test Trust"),
        people=tuple(base_people) + tuple(people),
        bodies=(Body(LGB, BodyType.LOCAL_GOVERNING_BODY),),
        appointments=tuple(appointments), relationships=tuple(relationships),
        employment=tuple(employment), declarations=tuple(declarations),
        meetings=tuple(meetings), attendance=tuple(attendance),
    )


def trustee(pid, start, end=None, role=Role.TRUSTEE, **kw):
    return Appointment(pid, role, "Board", start, end=end, **kw)


def test_reappointment_without_a_gap_is_one_period_with_no_step_down():
    snap = trust(appointments=[
        trustee("P3", date(2021, 11, 1), date(2025, 10, 31), appointed_by=AppointedBy.ACADEMY_MEMBERS,
                term_end=date(2025, 10, 31)),
        trustee("P3", date(2025, 11, 1), appointed_by=AppointedBy.TRUSTEES, term_end=date(2029, 10, 31)),
    ])
    rows = PeopleModel(snap, AS_OF).group("Trustees")
    assert len(rows) == 1
    office = rows[0]
    assert (office.start, office.end, office.stepped_down(AS_OF)) == (date(2021, 11, 1), None, None)
    assert office.term_end == date(2029, 10, 31)  # the current term's
    assert office.appointed_by_text == "The trustees"


def test_a_gap_of_more_than_a_day_starts_a_new_period():
    snap = trust(appointments=[
        trustee("P3", date(2022, 1, 1), date(2026, 1, 31)),
        trustee("P3", date(2026, 2, 2)),  # 1 February missed
    ])
    rows = PeopleModel(snap, AS_OF).group("Trustees")
    assert [(o.start, o.stepped_down(AS_OF)) for o in rows] == [
        (date(2022, 1, 1), date(2026, 1, 31)), (date(2026, 2, 2), None)]


def test_yearly_chair_elections_are_one_position_on_the_trustee_office():
    snap = trust(appointments=[
        trustee("P3", date(2021, 1, 5), appointed_by=AppointedBy.ACADEMY_MEMBERS),
        trustee("P3", date(2025, 9, 1), date(2026, 8, 31), role=Role.CHAIR_OF_TRUSTEES,
                appointed_by=AppointedBy.GB_BOARD),
        trustee("P3", date(2026, 9, 1), role=Role.CHAIR_OF_TRUSTEES, appointed_by=AppointedBy.GB_BOARD),
    ])
    model = PeopleModel(snap, AS_OF)
    [office] = model.group("Trustees")
    assert office.title(AS_OF) == "Chair of trustees"
    assert [(p.start, p.end) for p in office.positions] == [(date(2025, 9, 1), None)]
    assert office.position_note(AS_OF, short_date) == "chair since 01/09/2025"
    assert office.appointed_by_text == "The members"  # the trustee term's, not the election's
    assert model.roles_of("P3") == ("Chair of trustees",)


def test_headteacher_with_an_ex_officio_seat_is_listed_once():
    snap = trust(appointments=[
        Appointment("P4", Role.HEADTEACHER, LGB, date(2021, 9, 1), appointed_by=AppointedBy.NOT_APPLICABLE),
        Appointment("P4", Role.LOCAL_GOVERNOR, LGB, date(2021, 9, 1),
                    appointed_by=AppointedBy.EX_OFFICIO_HEADTEACHER),
    ])
    rows = PeopleModel(snap, AS_OF).group("Local governors")
    assert len(rows) == 1
    assert rows[0].title(AS_OF) == "Headteacher (ex-officio governor)"
    assert rows[0].appointed_by_text == "Ex officio (headteacher)"


def test_terms_starting_after_as_of_and_periods_ended_before_the_12_months_are_left_out():
    snap = trust(appointments=[
        trustee("P3", date(2027, 1, 1)),
        trustee("P1", date(2015, 1, 1), date(2025, 12, 6)),  # left one day before the 12 months
        trustee("P2", date(2015, 1, 1), date(2025, 12, 7)),  # left on their first day
    ])
    rows = PeopleModel(snap, AS_OF).group("Trustees")
    assert [o.person_id for o in rows] == ["P2"]


def test_relationship_shows_each_persons_own_roles_in_plain_words():
    snap = trust(
        appointments=[
            trustee("P1", date(2023, 12, 2)),
            Appointment("P1", Role.COMMITTEE_MEMBER, "Finance committee", date(2024, 1, 1)),
            Appointment("P2", Role.LOCAL_GOVERNOR, LGB, date(2024, 3, 20),
                        appointed_by=AppointedBy.ELECTED_BY_PARENTS),
        ],
        relationships=[PersonRelationship("P1", "P2", Relationship.CHILD, id=1)],
    )
    [row] = PeopleModel(snap, AS_OF).relationships
    assert (row.person_name, row.related_name) == ("Priya Raghunathan", "Anjali Raghunathan")
    assert row.words == "Anjali is Priya's daughter"
    assert row.person_roles == ("Trustee",)
    assert row.related_roles == (f"Local governor, {LGB}",)


def test_relationship_recorded_from_either_side_or_twice_is_one_row():
    snap = trust(
        appointments=[trustee("P1", date(2023, 12, 2))],
        relationships=[PersonRelationship("P2", "P1", Relationship.PARENT, id=1),
                       PersonRelationship("P1", "P2", Relationship.CHILD, id=2)],
    )
    rows = PeopleModel(snap, AS_OF).relationships
    assert [(r.person_name, r.words) for r in rows] == [("Priya Raghunathan", "Anjali is Priya's daughter")]


def test_public_audience_leaves_out_relatives_with_no_role_and_every_date():
    snap = trust(
        appointments=[trustee("P6", date(2020, 1, 1)), trustee("P1", date(2023, 12, 2))],
        employment=[Employment("P3", "School business manager", date(2019, 1, 1))],
        relationships=[
            PersonRelationship("P6", "P5", Relationship.SPOUSE, start=date(1995, 6, 10), id=1),
            PersonRelationship("P1", "P3", Relationship.SIBLING, start=date(1980, 1, 1), id=2),
        ],
    )
    board = PeopleModel(snap, AS_OF).relationships
    public = PeopleModel(snap, AS_OF, PUBLIC).relationships
    assert {r.related_name for r in board} == {"Maeve O'Neill", "Oluwaseun Bankole"}
    assert next(r for r in board if r.related_id == "P5").start == date(1995, 6, 10)
    assert next(r for r in board if r.related_id == "P5").related_roles == ()
    assert [r.related_name for r in public] == ["Oluwaseun Bankole"]  # an employee stays
    assert all(r.start is None and r.end is None for r in public)


def test_declarations_are_told_apart_from_nothing_to_declare():
    snap = trust(
        appointments=[trustee("P1", date(2023, 12, 2)), trustee("P3", date(2023, 12, 2)),
                      trustee("P6", date(2023, 12, 2))],
        declarations=[Declaration("P1", date(2026, 9, 10), nothing_to_declare=True),
                      Declaration("P6", date(2026, 9, 10)),
                      Declaration("P3", date(2027, 1, 1), nothing_to_declare=True)],  # after as_of
    )
    texts = {p.person_id: p.none_text for p in PeopleModel(snap, AS_OF).interests}
    assert texts == {"P1": "Nothing to declare", "P3": "No declaration made", "P6": "No interests recorded"}


def test_attendance_counts_this_year_to_date_beside_the_last_complete_year():
    meetings = [Meeting("B1", "Board", date(2025, 10, 1)), Meeting("B2", "Board", date(2026, 3, 1)),
                Meeting("B3", "Board", date(2026, 10, 1)), Meeting("B4", "Board", date(2026, 11, 20)),
                Meeting("B5", "Board", date(2026, 11, 30)),  # no attendance recorded: not counted
                Meeting("B6", "Board", date(2026, 12, 20), status=MeetingStatus.SCHEDULED)]
    attendance = [AttendanceRecord(m, "P1", Attendance.PRESENT) for m in ("B1", "B2")]
    attendance += [AttendanceRecord("B3", "P1", Attendance.ABSENT),
                   AttendanceRecord("B4", "P1", Attendance.APOLOGIES_NOT_ACCEPTED)]
    snap = trust(appointments=[trustee("P1", date(2023, 12, 2))], meetings=meetings, attendance=attendance)
    model = PeopleModel(snap, AS_OF)
    current, last = model.attendance("P1", "Board")
    assert (model.years.current_label, model.years.last_label) == ("2026/27", "2025/26")
    assert (str(current), str(last)) == ("0 of 2", "2 of 2")


def test_unknown_audience_is_refused():
    with pytest.raises(ValueError):
        PeopleModel(trust(), AS_OF, "everyone")
