"""Rulebook v2's convention: every rule sees the trust as it stood on as_of. A record dated after
as_of (a payment, a review, a declaration, a meeting held, a filing, a check, an appointment
starting later) is no evidence for or against anything, so:

- adding such records to a trust leaves every finding as at as_of unchanged, message and
  evidence included (`with_later_records`);
- removing every record dated after as_of, and blanking every date after it, leaves them
  unchanged too (`as_it_stood`), on the sample trust checked as at days well before its data ends.

A rule that reads the future fails one of these, naming itself.
"""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date, timedelta

import pytest

from govboard.demo import build_demo_trust
from govboard.domain.enums import (
    Attendance,
    CheckKind,
    MeetingStatus,
    Relationship,
    Role,
)
from govboard.domain.model import (
    Appointment,
    AttendanceRecord,
    Check,
    Declaration,
    Employment,
    Interest,
    Meeting,
    PayDecision,
    Payment,
    Person,
    PersonRelationship,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.rules import run_checks

from .factory import AS_OF, healthy
from .replay import REPLAY_CASES
from .test_engine import broken

# BRD-02 counts meetings held or scheduled in the current academic year: a meeting dated after
# as_of is a plan, which is exactly its evidence. Later meetings may only quieten it.
PLANS_ARE_EVIDENCE = {"BRD-02"}


def _findings(snapshot: TrustSnapshot, as_of: date) -> dict:
    return {
        f.identity: (f.severity, f.subject.label, f.message, f.evidence, f.citation)
        for f in run_checks(snapshot, as_of).findings
    }


def _assert_same(before: dict, after: dict, what: str, allowed_quieter: frozenset = frozenset()):
    for identity in sorted(set(before) | set(after)):
        rule = identity[0]
        if rule in allowed_quieter and identity not in after:
            continue  # a plan may satisfy it
        assert before.get(identity) == after.get(identity), (
            f"{rule} reads records dated after as_of ({what}): {identity}\n"
            f"  before: {before.get(identity)}\n  after:  {after.get(identity)}")


# --- adding records dated after as_of -------------------------------------------------------------


def with_later_records(snap: TrustSnapshot, as_of: date, days: int) -> TrustSnapshot:
    """`snap` plus records of every dated kind, all dated `days` after as_of, chosen to change a
    rule's answer if it read them: payments to every supplier, interest holder and person; a
    declaration and every check for everyone; a held meeting of every body with everyone present;
    re-appointments of every appointment and new officers; interests, relationships and
    employment starting then; and pay decisions taken then without evidence."""
    later = as_of + timedelta(days=days)
    people = [p.id for p in snap.people]
    chair = next(iter(snap.holders(Role.CHAIR_OF_TRUSTEES, as_of)), people[0] if people else None)
    payees = sorted({p.supplier for p in snap.payments} | {i.organisation for i in snap.interests}
                    | {f"{p.forename} {p.surname}" for p in snap.people})
    payments = [Payment(f"LATER-P{n}", later, payee, 50_000_00) for n, payee in enumerate(payees)]
    payments += [Payment(f"LATER-L{n}", later, a.related_organisation, 90_000_00, agreement_id=a.id)
                 for n, a in enumerate(snap.rpt_agreements)]
    declarations = [Declaration(pid, later, nothing_to_declare=True) for pid in people]
    checks = [Check(pid, kind, later) for pid in people for kind in CheckKind]
    meetings, attendance = [], []
    for n, body in enumerate(sorted(snap.body_by_name)):
        meeting_id = f"LATER-M{n}"
        meetings.append(Meeting(meeting_id, body, later, papers_sent_on=later - timedelta(days=1),
                                status=MeetingStatus.HELD))
        attendance += [AttendanceRecord(meeting_id, pid, Attendance.PRESENT)
                       for pid in sorted({a.person_id for a in snap.appointments_by_body.get(body, ())})]
    appointments = [replace(a, start=later, end=None, term_end=later + timedelta(days=365 * 4), id=0,
                            gias_start_recorded_on=None, ch_start_filed_on=None)
                    for a in snap.appointments]
    newcomers = []
    for n, role in enumerate([Role.TRUSTEE] * 4 + [Role.MEMBER, Role.CHAIR_OF_TRUSTEES, Role.ACCOUNTING_OFFICER,
                              Role.CHIEF_FINANCIAL_OFFICER, Role.GOVERNANCE_PROFESSIONAL]):
        body = "Members" if role == Role.MEMBER else "Board"
        newcomers.append(Appointment(f"LATER-NEW{n}", role, body, later))
    interests = [Interest(pid, payee, start=later) for pid in people[:40] for payee in payees[:10]]
    relationships = ([PersonRelationship(chair, pid, Relationship.CHILD, start=later)
                      for pid in people if pid != chair] if chair else [])
    employment = [Employment(pid, "Later post", later) for pid in people]
    decisions = [PayDecision(f"LATER-D{n}", pid, later, 200_000_00, executive=True,
                             salary_before=100_000_00, decided_by="Members", subject_withdrew=True)
                 for n, pid in enumerate(people[:5])]
    extra_people = [Person(f"LATER-NEW{n}", "Later", f"Newcomer{n}") for n in range(len(newcomers))]
    return replace(
        snap,
        people=snap.people + tuple(extra_people),
        payments=snap.payments + tuple(payments),
        declarations=snap.declarations + tuple(declarations),
        checks=snap.checks + tuple(checks),
        meetings=snap.meetings + tuple(meetings),
        attendance=snap.attendance + tuple(attendance),
        appointments=snap.appointments + tuple(appointments) + tuple(newcomers),
        interests=snap.interests + tuple(interests),
        relationships=snap.relationships + tuple(relationships),
        employment=snap.employment + tuple(employment),
        pay_decisions=snap.pay_decisions + tuple(decisions),
    )


def _fixtures():
    yield "healthy trust", healthy().snapshot(), AS_OF
    yield "trust with many faults", broken().snapshot(), AS_OF
    demo_day = date(2026, 3, 15)
    demo = build_demo_trust(demo_day)
    yield "sample trust", demo, demo_day
    yield "sample trust, 2 months back", demo, demo_day - timedelta(days=61)
    for case in REPLAY_CASES:
        yield case.name, case.build(), case.as_of


FIXTURES = list(_fixtures())


@pytest.mark.parametrize("days", [1, 400])
@pytest.mark.parametrize("name, snap, as_of", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_records_dated_after_as_of_change_no_finding(name, snap, as_of, days):
    before = _findings(snap, as_of)
    after = _findings(with_later_records(snap, as_of, days), as_of)
    _assert_same(before, after, f"{name}, records {days} days later", frozenset(PLANS_ARE_EVIDENCE))


def test_the_later_records_would_be_noticed_if_read():
    """The records added are strong enough: as at their own date, they change the findings."""
    snap, as_of = healthy().snapshot(), AS_OF
    changed = with_later_records(snap, as_of, 1)
    later = as_of + timedelta(days=1)
    assert _findings(changed, later).keys() != _findings(snap, later).keys()


# --- the trust as it stood on as_of -------------------------------------------------------------


def _blank_later(record, as_of: date, names: tuple[str, ...]):
    changes = {n: None for n in names if (d := getattr(record, n)) is not None and d > as_of}
    return replace(record, **changes) if changes else record


def as_it_stood(snap: TrustSnapshot, as_of: date) -> TrustSnapshot:
    """`snap` without the records dated after as_of, and with every recorded date after it blank:
    what the trust file would have held had it been saved on as_of (meetings held later were then
    scheduled; their attendance was not yet known)."""
    held_later = {m.id for m in snap.meetings if m.date > as_of and m.status == MeetingStatus.HELD}

    def decided_on(d):
        meeting = snap.meeting_by_id.get(d.meeting_id) if d.meeting_id else None
        return meeting.date if meeting else d.effective_date

    def agreement(a):
        if a.dfe_decision_on is not None and a.dfe_decision_on > as_of:
            a = replace(a, dfe_approval=None, dfe_decision_on=None)
        return _blank_later(a, as_of, ("reported_to_dfe_on", "at_cost_statement_on"))

    settings = _blank_later(snap.settings, as_of, ("sod_approved_on", "pay_policy_approved_on"))
    filings = ("gias_start_recorded_on", "gias_end_recorded_on", "ch_start_filed_on", "ch_end_filed_on")
    return replace(
        snap,
        settings=settings,
        payments=tuple(p for p in snap.payments if p.date <= as_of),
        declarations=tuple(d for d in snap.declarations if d.declared_on <= as_of),
        checks=tuple(c for c in snap.checks if c.date <= as_of),
        # A meeting held after as_of was, on as_of, a meeting scheduled.
        meetings=tuple(_blank_later(replace(m, status=MeetingStatus.SCHEDULED) if m.id in held_later else m,
                                    as_of, ("minutes_approved_on",)) for m in snap.meetings),
        attendance=tuple(a for a in snap.attendance if a.meeting_id not in held_later),
        item_attendance=tuple(a for a in snap.item_attendance if a.meeting_id not in held_later),
        appointments=tuple(_blank_later(a, as_of, filings) for a in snap.appointments if a.start <= as_of),
        interests=tuple(i for i in snap.interests if i.start is None or i.start <= as_of),
        relationships=tuple(r for r in snap.relationships if r.start is None or r.start <= as_of),
        employment=tuple(_blank_later(e, as_of, ("offpayroll_approval_on",)) for e in snap.employment
                         if e.start <= as_of),
        bodies=tuple(_blank_later(b, as_of, ("tor_reviewed_on",)) for b in snap.bodies),
        rpt_agreements=tuple(agreement(a) for a in snap.rpt_agreements),
        pay_decisions=tuple(d for d in snap.pay_decisions if decided_on(d) <= as_of),
    )


STOOD_FIXTURES = [
    ("sample trust", date(2026, 3, 15), date(2025, 6, 1)),
    ("sample trust", date(2026, 3, 15), date(2025, 9, 1)),
    ("sample trust", date(2026, 3, 15), date(2026, 1, 10)),
    ("sample trust built in 2027", date(2027, 8, 31), date(2026, 11, 22)),
]


@pytest.mark.parametrize("name, built, as_of", STOOD_FIXTURES, ids=[f"{f[0]} as at {f[2]}" for f in STOOD_FIXTURES])
def test_findings_as_at_a_past_day_are_those_of_the_file_as_it_stood(name, built, as_of):
    full = build_demo_trust(built)
    stood = as_it_stood(full, as_of)
    assert stood != full  # there was something later to ignore
    _assert_same(_findings(stood, as_of), _findings(full, as_of), f"{name}, as at {as_of}")


@pytest.mark.parametrize("case", REPLAY_CASES, ids=[c.name for c in REPLAY_CASES])
def test_replay_cases_as_they_stood(case):
    snap = case.build()
    for as_of in (case.as_of, case.as_of - timedelta(days=120)):
        _assert_same(_findings(as_it_stood(snap, as_of), as_of), _findings(snap, as_of),
                     f"{case.name}, as at {as_of}")


def test_every_dated_field_is_considered():
    """A new dated field on a record must be handled here (blanked, or the record dropped) or named
    as not evidence of the past, so the convention keeps covering the registers."""
    handled = {
        "Payment": {"date"}, "Declaration": {"declared_on"}, "Check": {"date"},
        "Meeting": {"date", "papers_sent_on", "minutes_approved_on"},
        "Appointment": {"start", "term_end", "end", "gias_start_recorded_on", "gias_end_recorded_on",
                        "ch_start_filed_on", "ch_end_filed_on"},
        "Interest": {"start", "end"}, "PersonRelationship": {"start", "end"},
        "Employment": {"start", "end", "offpayroll_approval_on", "approval_ends_on"},
        "Body": {"tor_reviewed_on"},
        "RptAgreement": {"confirmed_on", "reported_to_dfe_on", "dfe_decision_on", "at_cost_statement_on"},
        "PayDecision": {"effective_date"},
        "Academy": {"joined_on", "left_on"}, "Person": {"date_of_birth"},
        "Action": {"due_date", "done_on"},
        "Acknowledgement": {"acknowledged_on", "expires_on"},
    }
    from govboard.domain import model

    for name, names in handled.items():
        cls = getattr(model, name)
        dated = {f.name for f in fields(cls) if "date" in str(f.type)}
        assert dated == names, (name, dated ^ names)
