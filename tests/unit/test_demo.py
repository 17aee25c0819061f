"""The sample trust: sound registers, believable sizes, deterministic, and the checks find exactly
the weaknesses seeded on purpose."""

from collections import Counter
from datetime import date, timedelta

import pytest

from govboard.demo import DEMO_TRUST_NAME, SEEDED_WEAKNESSES, build_demo_trust, seeded_weaknesses
from govboard.domain.dates import year_start
from govboard.domain.enums import (
    ActionStatus,
    AppointedBy,
    Attendance,
    BodyType,
    ItemPresence,
    MeetingStatus,
    Role,
)
from govboard.domain.meetings import action_state, next_meeting, previous_meeting
from govboard.domain.validate import validate_registers

TODAY = date(2026, 3, 15)

# Days across the academic year and its edges, and a leap day: the demo is built relative to
# the day, so it must stay sound whichever day it is.
DAYS = [
    date(2025, 9, 1), date(2025, 9, 2), date(2025, 10, 20), date(2025, 12, 31), TODAY,
    date(2026, 6, 30), date(2026, 7, 20), date(2026, 8, 31), date(2028, 2, 29), date(2030, 1, 6),
]


@pytest.fixture(scope="module")
def demo():
    return build_demo_trust(TODAY)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_registers_are_sound(today):
    assert validate_registers(build_demo_trust(today)) == []


def test_same_day_same_trust_and_another_day_differs():
    assert build_demo_trust(TODAY) == build_demo_trust(TODAY)
    assert build_demo_trust(TODAY) != build_demo_trust(TODAY + timedelta(days=1))


def test_sizes(demo):
    assert demo.settings.name == DEMO_TRUST_NAME
    assert len(demo.academies) == 5
    assert len(demo.members_in_office(TODAY)) == 5
    assert 9 <= len(demo.trustees_in_office(TODAY)) <= 12
    assert len(demo.holders(Role.ACCOUNTING_OFFICER, TODAY)) == 1
    assert len(demo.holders(Role.CHIEF_FINANCIAL_OFFICER, TODAY)) == 1
    assert len(demo.holders(Role.GOVERNANCE_PROFESSIONAL, TODAY)) == 1
    lgbs = demo.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY)
    assert len(lgbs) == 5
    for lgb in lgbs:
        assert 7 <= len(demo.local_governors_in_office(TODAY, lgb.name)) <= 9
    committees = [b for b in demo.bodies if b.type.is_committee]
    assert {b.type for b in committees} == {BodyType.AUDIT_AND_RISK, BodyType.FINANCE, BodyType.REMUNERATION}
    for c in committees:
        members = demo.committee_members_in_office(TODAY, c.name)
        trustees = set(demo.trustees_in_office(TODAY))
        assert len(members) >= 3
        assert sum(p in trustees for p in members) * 2 > len(members)


def test_meetings_over_two_years(demo):
    current = year_start(TODAY)
    per_body_year = Counter((m.body, year_start(m.date)) for m in demo.meetings if year_start(m.date) <= current)
    for (body, _), n in per_body_year.items():
        kind = demo.body_by_name[body].type
        if kind == BodyType.BOARD:
            assert 6 <= n <= 8
        elif kind.is_committee:
            assert 3 <= n <= 4
        elif kind == BodyType.LOCAL_GOVERNING_BODY:
            assert 3 <= n <= 6
    assert len({year for _, year in per_body_year}) == 2
    held = [m for m in demo.meetings if m.status == MeetingStatus.HELD]
    assert all(m.date <= TODAY for m in held)
    assert all(m.date > TODAY for m in demo.meetings if m.status == MeetingStatus.SCHEDULED)
    assert all(demo.attendance_by_meeting.get(m.id) for m in held)
    marks = Counter(a.attendance.value for a in demo.attendance)
    assert marks["Present"] > 5 * marks["Apologies accepted"] > 0


def test_registers_have_content(demo):
    assert 90 <= len(demo.payments) <= 130
    assert len(demo.rpt_agreements) >= 3
    assert any(len(demo.rpt_values_by_agreement.get(a.id, ())) == 2 for a in demo.rpt_agreements)
    assert {d.person_id for d in demo.pay_decisions} == {"P003", "P017"}
    assert demo.pay_award_by_year["2024/25"].percent == 5.5
    assert demo.pay_award_by_year["2025/26"].percent == 4
    assert 28 <= len(demo.sod_rows) <= 36
    for row in demo.sod_rows:
        assert len(row.levels_with("D")) == 1, row.ref
    assert any(d.nothing_to_declare for d in demo.declarations)
    assert demo.relationships
    parents = [a for a in demo.appointments if a.appointed_by == AppointedBy.ELECTED_BY_PARENTS]
    assert len(parents) >= 9
    chairs = demo.holders(Role.CHAIR_OF_TRUSTEES, TODAY)
    assert len(chairs) == 1


def test_names_from_many_backgrounds(demo):
    names = {p.full_name for p in demo.people}
    for name in ("Siobhán Ó Briain", "Zoë Adeyemi-Clarke", "Łukasz Nowak", "Seán O'Connell",
                 "Ayşe Yılmaz", "Dafydd ap Rhys", "Fatima Al-Sayed"):
        assert name in names
    assert any(p.surname == "Nguyễn" for p in demo.people)
    assert any("&" in i.organisation and "<" in i.organisation for i in demo.interests)


def _run_checks():
    try:
        from govboard.rules import run_checks
    except ImportError:
        pytest.skip("govboard.rules has no run_checks yet")
    return run_checks


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_checks_find_exactly_the_seeded_weaknesses(today):
    run_checks = _run_checks()
    result = run_checks(build_demo_trust(today), today)
    found = sorted((f.rule, f.subject.kind, f.subject.key) for f in result.findings)
    assert found == sorted(seeded_weaknesses(today))
    assert set(SEEDED_WEAKNESSES) <= set(found)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_next_board_meeting_has_a_full_agenda_with_papers(today):
    demo = build_demo_trust(today)
    coming = next_meeting(demo, today)
    assert coming is not None and coming.date >= today
    assert coming.start_time == "18:00" and coming.venue
    agenda = demo.agenda_by_meeting[coming.id]
    titles = [i.title for i in agenda]
    assert titles[:3] == ["Welcome, apologies and quorum", "Declarations of interest",
                          "Minutes of the previous meeting and matters arising"]
    assert titles[-2:] == ["Any other business", "Date of the next meeting"]
    assert all(i.standing for i in agenda if i.title in (titles[:3] + titles[-2:]))
    papers = [i for i in agenda if i.paper_name]
    assert len(papers) == 3 and all(i.paper_title and i.paper_title != i.paper_name for i in papers)
    # The last meeting's minutes are in draft: approved at the next meeting, not yet.
    last = previous_meeting(demo, coming)
    assert last is not None and last.minutes_approved_on is None
    assert sum(1 for i in demo.agenda_by_meeting[last.id] if i.minute) >= 6
    if coming.status == MeetingStatus.SCHEDULED:
        assert [(a.person_id, a.attendance) for a in demo.attendance_by_meeting[coming.id]] == [
            ("P010", Attendance.APOLOGIES_ACCEPTED)]


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_chief_executive_withdraws_from_their_own_pay(today):
    demo = build_demo_trust(today)
    ceo_pay = next(d for d in demo.pay_decisions if d.person_id == "P003")
    assert "P003" in demo.trustees_in_office(ceo_pay.effective_date)
    attended = {a.person_id: a.attendance for a in demo.attendance_by_meeting[ceo_pay.meeting_id]}
    assert attended["P003"] == Attendance.PRESENT
    rows = {(r.person_id, r.what) for r in demo.item_attendance
            if r.meeting_id == ceo_pay.meeting_id and r.item == ceo_pay.decision_item}
    assert {("P003", ItemPresence.DECLARED_INTEREST), ("P003", ItemPresence.WITHDREW)} <= rows
    item = next(i for i in demo.agenda_by_meeting[ceo_pay.meeting_id] if i.item == ceo_pay.decision_item)
    assert item.confidential and item.decision and "left the meeting" in item.minute


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_actions_one_overdue_the_rest_open_or_done(today):
    demo = build_demo_trust(today)
    states = Counter(action_state(a, today) for a in demo.actions)
    assert states["Overdue"] == 1 and states["Done"] >= 4 and states["Open"] >= 1
    assert all(a.done_on <= today for a in demo.actions if a.status == ActionStatus.DONE)
    held = {m.id for m in demo.meetings if m.status == MeetingStatus.HELD}
    assert {a.meeting_id for a in demo.actions} <= held
