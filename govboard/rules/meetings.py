"""Board, committees and local governing bodies (BRD, COM, LGB)."""

from __future__ import annotations

import math

from govboard.domain.dates import (
    current_year_bounds,
    last_completed_year_bounds,
    within_last_12_months,
    year_label,
)
from govboard.domain.enums import (
    Attendance,
    BodyType,
    MeetingStatus,
    Role,
)
from govboard.domain.model import BOARD_BODY, Subject

from .base import iso, long_date, names_list, plural, rule

BOARD_AREA = "Board"
COMMITTEE_AREA = "Committees and local governing bodies"


def _meeting_subject(meeting) -> Subject:
    return Subject("meeting", meeting.id, f"{meeting.body} meeting on {long_date(meeting.date)}")


@rule(
    "BRD-01", "must", "Board met fewer than 3 times last year", BOARD_AREA,
    """The board must meet at least three times a year. This counts board meetings held in the
    last completed academic year (1 September to 31 August). It is silent until meetings from
    before that year have been entered (no history yet).""",
    """Record the board meetings that were held; if fewer than three were, plan at least three for
    this year and explain the shortfall in the governance statement.""",
)
def brd_01(snapshot, ctx):
    start, end = last_completed_year_bounds(ctx.as_of)
    meetings = snapshot.meetings_by_body.get(BOARD_BODY, [])
    if not any(m.date < start for m in meetings):
        ctx.declare_silent(
            f"no board meetings are recorded before {long_date(start)}, the start of the last "
            "completed academic year (no history entered yet)"
        )
        return
    held = [m for m in meetings if m.status == MeetingStatus.HELD and start <= m.date <= end]
    if len(held) < 3:
        label = year_label(start.year)
        yield ctx.finding(
            ctx.body(BOARD_BODY),
            f"The board held {plural(len(held), 'meeting')} in {label}; it must meet at least 3 "
            "times a year.",
            {"academic_year": label, "meetings_held": [m.id for m in held]},
        )


@rule(
    "BRD-02", "should", "Fewer than 3 board meetings planned this year", BOARD_AREA,
    """Board meetings held or scheduled in the current academic year should number at least three,
    so the board can meet its duty to meet three times a year.""",
    """Schedule further board meetings for this academic year and record them.""",
)
def brd_02(snapshot, ctx):
    start, end = current_year_bounds(ctx.as_of)
    meetings = [
        m for m in snapshot.meetings_by_body.get(BOARD_BODY, [])
        if start <= m.date <= end and m.status in (MeetingStatus.HELD, MeetingStatus.SCHEDULED)
    ]
    ctx.read(f"board meetings held or scheduled from {long_date(start)} to {long_date(end)} "
             "(meetings after the check date are plans, and count)")
    if len(meetings) >= 3 and ctx.explaining:
        ctx.passed(ctx.body(BOARD_BODY), f"{len(meetings)} board meetings held or scheduled")
    if len(meetings) < 3:
        label = year_label(start.year)
        yield ctx.finding(
            ctx.body(BOARD_BODY),
            f"{plural(len(meetings), 'board meeting')} {'is' if len(meetings) == 1 else 'are'} held "
            f"or scheduled in {label}; at least 3 are needed.",
            {"academic_year": label, "meetings": [m.id for m in meetings]},
        )


def _recent_board_meetings(snapshot, as_of):
    return [
        m for m in snapshot.meetings_by_body.get(BOARD_BODY, [])
        if m.status == MeetingStatus.HELD and within_last_12_months(m.date, as_of)
    ]


@rule(
    "BRD-03", "must", "Board meeting not quorate", BOARD_AREA,
    """The board can do business only when quorate: at least three trustees, or one third of the
    trustees in office (rounded up), whichever is greater, must be present. This checks board
    meetings held in the 12 months before the check date.""",
    """Record the attendance at the meeting; if it was not quorate, decisions taken there must be
    ratified at a quorate meeting.""",
)
def brd_03(snapshot, ctx):
    trustee_appointments = ctx.facts.trustee_appointments
    ctx.read(f"board meetings held in the 12 months to {long_date(ctx.as_of)}, the trustees in office "
             "on each date and the attendance recorded")
    for meeting in _recent_board_meetings(snapshot, ctx.as_of):
        in_office = {a.person_id for a in trustee_appointments if a.in_office(meeting.date)}
        quorum = max(3, math.ceil(len(in_office) / 3))
        records = snapshot.attendance_by_meeting.get(meeting.id, ())
        present = sorted(
            r.person_id for r in records
            if r.attendance == Attendance.PRESENT and r.person_id in in_office
        )
        if len(present) >= quorum:
            if ctx.explaining:
                ctx.passed(_meeting_subject(meeting), f"{len(present)} trustees present; the quorum was {quorum}")
            continue
        if records:
            message = (f"Only {plural(len(present), 'trustee')} {'was' if len(present) == 1 else 'were'} "
                       f"present at the board meeting on {long_date(meeting.date)}; the quorum was "
                       f"{quorum}.")
        else:
            message = (f"No attendance is recorded for the board meeting on {long_date(meeting.date)}, "
                       f"so it does not show the quorum of {quorum} trustees.")
        yield ctx.finding(
            _meeting_subject(meeting),
            message,
            {
                "date": iso(meeting.date),
                "trustees_in_office": len(in_office),
                "quorum": quorum,
                "trustees_present": present,
                "attendance_recorded": bool(records),
            },
        )


@rule(
    "BRD-04", "should", "Board papers sent late", BOARD_AREA,
    """Papers for a board meeting should be sent at least seven clear days before it: the meeting
    date minus the date papers were sent must be at least 8 days. This checks board meetings held
    in the 12 months before the check date.""",
    """Send papers at least seven clear days ahead and record the date they were sent; if a matter
    was urgent, record the chair's ruling.""",
)
def brd_04(snapshot, ctx):
    ctx.read(f"board meetings held in the 12 months to {long_date(ctx.as_of)} and the dates their "
             "papers were sent")
    for meeting in _recent_board_meetings(snapshot, ctx.as_of):
        sent = meeting.papers_sent_on
        if sent is None:
            message = f"No date is recorded for sending the papers for the board meeting on {long_date(meeting.date)}."
        elif (meeting.date - sent).days < 8:
            clear = max((meeting.date - sent).days - 1, 0)
            message = (f"Papers for the board meeting on {long_date(meeting.date)} were sent on "
                       f"{long_date(sent)}, {plural(clear, 'clear day')} before it; 7 are needed.")
        else:
            if ctx.explaining:
                ctx.passed(_meeting_subject(meeting), f"papers sent on {long_date(sent)}, "
                           f"{(meeting.date - sent).days - 1} clear days before")
            continue
        yield ctx.finding(
            _meeting_subject(meeting),
            message,
            {"date": iso(meeting.date), "papers_sent_on": iso(sent)},
        )


def _academy_in_trust(snapshot, urn, on) -> bool:
    academy = snapshot.academy_by_urn.get(urn) if urn else None
    return (
        academy is not None
        and (academy.joined_on is None or academy.joined_on <= on)
        and (academy.left_on is None or academy.left_on >= on)
    )


def _trust_lgbs(snapshot, on):
    """LGBs of academies in the trust on `on`, by name."""
    return sorted(
        (b for b in snapshot.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY)
         if _academy_in_trust(snapshot, b.academy_urn, on)),
        key=lambda b: b.name,
    )


@rule(
    "COM-01", "must", "Terms of reference not reviewed in 12 months", COMMITTEE_AREA,
    """Every committee and local governing body acts under written terms of reference, which the
    board reviews at least every 12 months together with its membership.""",
    """Have the board review the body's terms of reference and record the review date.""",
)
def com_01(snapshot, ctx):
    bodies = [b for b in snapshot.body_by_name.values() if b.type.is_committee]
    bodies += _trust_lgbs(snapshot, ctx.as_of)
    ctx.read(f"the terms-of-reference review dates of {plural(len(bodies), 'committee or LGB', 'committees and LGBs')}, "
             f"against the 12 months to {long_date(ctx.as_of)} (a review dated later is no evidence)")
    for body in sorted(bodies, key=lambda b: b.name):
        reviewed = ctx.past(body.tor_reviewed_on)  # a review dated later is no evidence (v2)
        if within_last_12_months(reviewed, ctx.as_of):
            if ctx.explaining:
                ctx.passed(ctx.body(body.name), f"terms of reference reviewed on {long_date(reviewed)}")
            continue
        if reviewed is None:
            message = f"{body.name} has no review of its terms of reference recorded."
        else:
            message = (f"{body.name}'s terms of reference were last reviewed on {long_date(reviewed)}, "
                       "more than 12 months ago.")
        yield ctx.finding(ctx.body(body.name), message, {"tor_reviewed_on": iso(reviewed)})


@rule(
    "COM-02", "must", "Trustees not a majority of a committee", COMMITTEE_AREA,
    """A board committee (other than a local governing body) must have a majority of trustees
    among its members.""",
    """Appoint further trustees to the committee, or change its membership, so trustees are a
    majority.""",
)
def com_02(snapshot, ctx):
    trustees = ctx.facts.trustees
    committees = sorted(
        (b for b in snapshot.body_by_name.values() if b.type.is_committee), key=lambda b: b.name
    )
    ctx.read(f"the members of each board committee in office on {long_date(ctx.as_of)}, and which of "
             "them are trustees then")
    for body in committees:
        members = snapshot.committee_members_in_office(ctx.as_of, body.name)
        if not members:
            if ctx.explaining:
                ctx.passed(ctx.body(body.name), "no one in office on it (a dormant committee)")
            continue  # Reading: a committee with no one in office is dormant, not mis-composed.
        trustee_members = sorted(pid for pid in members if pid in trustees)
        if 2 * len(trustee_members) > len(members):
            if ctx.explaining:
                ctx.passed(ctx.body(body.name), f"{len(trustee_members)} of its {len(members)} members are trustees")
            continue
        yield ctx.finding(
            ctx.body(body.name),
            f"{body.name} has {plural(len(members), 'member')} in office, of whom "
            f"{len(trustee_members)} {'is a trustee' if len(trustee_members) == 1 else 'are trustees'}; "
            "trustees must be a majority.",
            {"members_in_office": sorted(members), "trustee_members": trustee_members},
        )


@rule(
    "LGB-01", "must", "Fewer than 2 parent local governors", COMMITTEE_AREA,
    """Under the 2021 model articles each local governing body includes at least two parent
    governors: elected by parents, or appointed by the board when no parent stood for election.""",
    """Hold a parent governor election (or, if no parent stands, appoint a parent) and record the
    appointing body.""",
)
def lgb_01(snapshot, ctx):
    ctx.read(f"local governors of each academy's LGB in office on {long_date(ctx.as_of)} and who "
             "appointed them")
    for body in _trust_lgbs(snapshot, ctx.as_of):
        governors = snapshot.local_governors_in_office(ctx.as_of, body.name)
        parents = sorted(
            pid for pid, appointments in governors.items()
            if any(a.appointed_by is not None and a.appointed_by.is_parent for a in appointments)
        )
        if len(parents) >= 2 and ctx.explaining:
            ctx.passed(ctx.body(body.name), f"{len(parents)} parent governors in office")
        if len(parents) < 2:
            names = names_list([ctx.facts.name(pid) for pid in parents])
            yield ctx.finding(
                ctx.body(body.name),
                f"{body.name} has {plural(len(parents), 'parent governor')} in office"
                f"{f' ({names})' if names else ''}; it must have at least 2.",
                {"academy_urn": body.academy_urn, "parent_governors": parents},
            )


@rule(
    "LGB-02", "should", "Local governing body has no chair", COMMITTEE_AREA,
    """Each local governing body should have a chair in office to lead it and link with the
    board.""",
    """Elect or appoint a chair of the local governing body and record the appointment.""",
)
def lgb_02(snapshot, ctx):
    ctx.read(f"chairs of each academy's LGB in office on {long_date(ctx.as_of)}")
    for body in _trust_lgbs(snapshot, ctx.as_of):
        chairs = ctx.facts.holders(Role.LGB_CHAIR, body.name)
        if chairs and ctx.explaining:
            ctx.passed(ctx.body(body.name), f"chaired by {names_list([ctx.facts.name(p) for p in chairs])}")
        if not chairs:
            yield ctx.finding(
                ctx.body(body.name),
                f"{body.name} has no chair in office.",
                {"academy_urn": body.academy_urn},
            )

