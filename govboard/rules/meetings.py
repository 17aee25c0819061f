"""Board, committees and local governing bodies (BRD, COM, LGB)."""

from __future__ import annotations

import math

from govboard.domain.dates import (
    current_year_bounds,
    last_completed_year_bounds,
    twelve_months_before,
    within_last_12_months,
    year_label,
)
from govboard.domain.enums import (
    Attendance,
    BodyType,
    MeetingStatus,
    Role,
)
from govboard.domain.meetings import (
    ItemPresenceIndex,
    body_members_on,
    conflicts_of,
    member_roles,
    owner_label,
    quorum_on,
)
from govboard.domain.model import BOARD_BODY, PayDecision, Subject

from .base import iso, long_date, names_list, plural, rule

BOARD_AREA = "Board"
COMMITTEE_AREA = "Committees and local governing bodies"


def _meeting_subject(meeting) -> Subject:
    return Subject("meeting", meeting.id, f"{meeting.body} meeting on {long_date(meeting.date)}")


@rule(
    "BRD-01", "must", "Board met fewer than 3 times last year", BOARD_AREA,
    """The board must meet at least three times a year. This counts board meetings held in the
    last completed academic year (1 September to 31 August). Fewer than three are not reported
    until meetings from before that year have been entered (no history yet).""",
    """Record the board meetings that were held; if fewer than three were, plan at least three for
    this year and explain the shortfall in the governance statement.""",
)
def brd_01(snapshot, ctx):
    start, end = last_completed_year_bounds(ctx.as_of)
    meetings = snapshot.meetings_by_body.get(BOARD_BODY, [])
    held = [m for m in meetings if m.status == MeetingStatus.HELD and start <= m.date <= end]
    if len(held) >= 3:
        return  # met often enough, whatever history is missing: meetings not entered only add to it
    label = year_label(start.year)
    if not any(m.date < start for m in meetings):
        # The history caveat: a short year may only be meetings not entered yet.
        ctx.declare_silent(
            f"{plural(len(held), 'board meeting')} {'is' if len(held) == 1 else 'are'} recorded as held "
            f"in {label}, but none before {long_date(start)}, so the year's record may be incomplete "
            "(no history entered yet)"
        )
        return
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
    """LGBs serving an academy in the trust on `on` (a hub LGB serves several), by name."""
    return sorted(
        (b for b in snapshot.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY)
         if any(_academy_in_trust(snapshot, urn, on) for urn in b.academy_urns)),
        key=lambda b: b.name,
    )


def _lgb_evidence(body) -> dict:
    return {"academy_urn": body.academy_urn, "academy_urns": list(body.academy_urns)}


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
                {**_lgb_evidence(body), "parent_governors": parents},
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
                _lgb_evidence(body),
            )



# --- the meeting cycle (rulebook v2: MTG) -------------------------------------------------------

MEETINGS_AREA = "Meetings and minutes"


def _held_by(meeting, as_of) -> bool:
    return meeting.status == MeetingStatus.HELD and meeting.date <= as_of


def _decides_for_a_body(snapshot, meeting) -> bool:
    body = snapshot.body_by_name.get(meeting.body)
    return body is not None and (body.type == BodyType.BOARD or body.type.is_committee)


def _members_word(snapshot, body_name: str, count: int) -> str:
    body = snapshot.body_by_name.get(body_name)
    noun = "trustee" if body is not None and body.type == BodyType.BOARD else "member"
    return plural(count, noun)


@rule(
    "MTG-01", "must", "Conflicted decision taken without a quorum free of the conflict", MEETINGS_AREA,
    """A decision at which someone is conflicted (the person whose pay it decides, the related
    person of a related-party agreement, or anyone recorded as their relative) must still be taken
    by a quorum: the trustees (for a committee, its members) present for that item who are not
    conflicted must be at least the body's quorum. Presence is read per item: those who withdrew
    from the item, left before it or arrived after it do not count. A body's quorum is its own
    number when recorded, else the articles' default (the board: 3 or a third of the trustees,
    whichever is more; a committee: 3).""",
    """Take the decision again at a quorate meeting, with the conflicted people out of the room,
    and minute who was present for the item.""",
)
def mtg_01(snapshot, ctx):
    by_meeting: dict[str, list] = {}
    for decision in (*snapshot.pay_decisions, *snapshot.rpt_agreements):
        meeting_id = decision.meeting_id if isinstance(decision, PayDecision) else decision.decision_meeting_id
        if meeting_id:
            by_meeting.setdefault(meeting_id, []).append(decision)
    ctx.read("pay decisions and related-party agreements taken at board and committee meetings held by "
             f"{long_date(ctx.as_of)}, who was in the room for each deciding item, and each body's quorum")
    for meeting_id in sorted(by_meeting):
        meeting = snapshot.meeting_by_id.get(meeting_id)
        if meeting is None or not _held_by(meeting, ctx.as_of) or not _decides_for_a_body(snapshot, meeting):
            continue
        index = ItemPresenceIndex(snapshot, meeting.id)
        members = body_members_on(snapshot, meeting.body, meeting.date)
        quorum = quorum_on(snapshot, meeting.body, meeting.date)
        short = []
        for decision in by_meeting[meeting_id]:
            conflicted = {c.person_id for c in conflicts_of(snapshot, decision, meeting.date)}
            if not conflicted:
                continue
            item = decision.decision_item
            present = [pid for pid in members
                       if (index.in_room(pid, item) if item else pid in index.present)]
            free = sorted(pid for pid in present if pid not in conflicted)
            if len(free) < quorum:
                short.append((decision, item, sorted(conflicted), free))
        if not short:
            if ctx.explaining:
                ctx.passed(_meeting_subject(meeting), f"each conflicted decision had at least {quorum} present "
                                                      "who were not conflicted")
            continue
        sentences = []
        for decision, item, _conflicted, free in short:
            at = f" at item {item}" if item else ""
            sentences.append(
                f"the decision on {_decision_words(ctx, decision)}{at} had "
                f"{_members_word(snapshot, meeting.body, len(free))} present who were not conflicted")
        message = (f"At the {meeting.body} meeting on {long_date(meeting.date)}, "
                   f"{'; '.join(sentences)}; the quorum is {quorum}.")
        yield ctx.finding(
            _meeting_subject(meeting), message,
            {"date": iso(meeting.date), "quorum": quorum,
             "decisions": [{"decision": d.id, "kind": "pay decision" if isinstance(d, PayDecision) else "agreement",
                            "item": item, "conflicted": conflicted, "present_not_conflicted": free}
                           for d, item, conflicted, free in short]},
        )


def _decision_words(ctx, decision) -> str:
    if isinstance(decision, PayDecision):
        return f"{ctx.facts.name(decision.person_id)}'s pay ({decision.id})"
    return f"agreement {decision.id} with {decision.related_organisation}"


@rule(
    "MTG-02", "should", "Minutes not approved by the next meeting", MEETINGS_AREA,
    """The minutes of a meeting should be approved at the body's next meeting. This looks at
    meetings held in the 12 months before the check date whose body has met again since (on or
    before the check date): the minutes-approved date must be on or before that next meeting.""",
    """Put the minutes to the next meeting for approval and record the date they were approved
    (Meetings page: "Approve the minutes of the last meeting").""",
)
def mtg_02(snapshot, ctx):
    start = twelve_months_before(ctx.as_of)
    ctx.read(f"meetings held from {long_date(start)} to {long_date(ctx.as_of)}, each body's next meeting and "
             "the dates minutes were approved")
    for body, meetings in sorted(snapshot.meetings_by_body.items()):
        held = [m for m in meetings if _held_by(m, ctx.as_of)]  # in date order
        after = 0  # the first held meeting dated after the one looked at
        for meeting in held:
            while after < len(held) and held[after].date <= meeting.date:
                after += 1
            if meeting.date < start:
                continue
            if after == len(held):
                continue  # the body has not met again yet
            following = held[after]
            approved = meeting.minutes_approved_on
            if approved is not None and approved <= following.date:
                if ctx.explaining:
                    ctx.passed(_meeting_subject(meeting), f"minutes approved on {long_date(approved)}, by the next "
                                                          f"meeting on {long_date(following.date)}")
                continue
            if approved is None:
                said = "are not recorded as approved"
            else:
                said = f"were approved on {long_date(approved)}"
            yield ctx.finding(
                _meeting_subject(meeting),
                f"The minutes of the {body} meeting on {long_date(meeting.date)} {said}; the "
                f"{body} met again on {long_date(following.date)}.",
                {"date": iso(meeting.date), "next_meeting": following.id,
                 "next_meeting_date": iso(following.date), "minutes_approved_on": iso(approved)},
            )


@rule(
    "MTG-03", "advice", "Overdue actions from a meeting", MEETINGS_AREA,
    """Actions agreed at a meeting should be done by their due date. This lists, per meeting,
    the actions still open whose due date has passed.""",
    """Chase the owners, or record the actions as done (with the date) or dropped.""",
)
def mtg_03(snapshot, ctx):
    ctx.read(f"actions from meetings held by {long_date(ctx.as_of)}: their due dates, and whether and when they "
             "were done")
    for meeting_id, actions in sorted(snapshot.actions_by_meeting.items()):
        meeting = snapshot.meeting_by_id.get(meeting_id)
        if meeting is None or meeting.date > ctx.as_of:
            continue
        overdue = sorted((a for a in actions if a.open_on(ctx.as_of) and a.due_date < ctx.as_of),
                         key=lambda a: (a.due_date, a.id))
        if not overdue:
            if ctx.explaining:
                ctx.passed(_meeting_subject(meeting), f"none of its {plural(len(actions), 'action')} is open past "
                                                      "its due date")
            continue
        if len(overdue) == 1:
            a = overdue[0]
            owner = owner_label(snapshot, a.owner)
            message = (f"An action from the {meeting.body} meeting on {long_date(meeting.date)} is overdue: "
                       f"{a.action.rstrip('.')}{f' ({owner})' if owner else ''}, due {long_date(a.due_date)}.")
        else:
            message = (f"{len(overdue)} actions from the {meeting.body} meeting on {long_date(meeting.date)} "
                       f"are overdue, the oldest due {long_date(overdue[0].due_date)}.")
        yield ctx.finding(
            _meeting_subject(meeting), message,
            {"date": iso(meeting.date),
             "actions": [{"id": a.id, "action": a.action, "owner": owner_label(snapshot, a.owner) or None,
                          "due_date": iso(a.due_date)} for a in overdue]},
        )


@rule(
    "MTG-04", "should", "Attendance not recorded for someone in office", MEETINGS_AREA,
    """The record of a board or committee meeting should say, for everyone in office on the body
    that day (trustees for the board, members for a committee), whether they were present, sent
    apologies or were absent. This looks at meetings held in the 12 months before the check date.""",
    """Record the attendance of the people listed (present, apologies accepted or not, or absent).""",
)
def mtg_04(snapshot, ctx):
    start = twelve_months_before(ctx.as_of)
    ctx.read(f"board and committee meetings held from {long_date(start)} to {long_date(ctx.as_of)}, who was in "
             "office on each body that day, and the attendance recorded")
    for body in sorted(snapshot.body_by_name.values(), key=lambda b: b.name):
        if not (body.type == BodyType.BOARD or body.type.is_committee):
            continue
        roles = member_roles(body.type)
        members = [a for a in snapshot.appointments_by_body.get(body.name, ()) if a.role in roles]
        for meeting in snapshot.meetings_by_body.get(body.name, ()):
            if meeting.status != MeetingStatus.HELD or not start <= meeting.date <= ctx.as_of:
                continue
            yield from _missing_attendance(snapshot, ctx, meeting, members)


def _missing_attendance(snapshot, ctx, meeting, members):
    recorded = {a.person_id for a in snapshot.attendance_by_meeting.get(meeting.id, ())}
    in_office = dict.fromkeys(a.person_id for a in members if a.in_office(meeting.date))
    missing = [pid for pid in in_office if pid not in recorded]
    if not missing:
        if ctx.explaining:
            ctx.passed(_meeting_subject(meeting), f"attendance recorded for all {len(in_office)} in office")
        return
    missing.sort(key=lambda pid: snapshot.person_by_id[pid].sort_name if pid in snapshot.person_by_id else pid)
    names = names_list([ctx.facts.name(pid) for pid in missing])
    yield ctx.finding(
        _meeting_subject(meeting),
        f"No attendance is recorded at the {meeting.body} meeting on {long_date(meeting.date)} for "
        f"{names}.",
        {"date": iso(meeting.date), "people": missing},
    )
