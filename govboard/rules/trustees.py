"""Trustees (TRU): numbers, employees on the board, terms of office and absence."""

from __future__ import annotations

import math
from datetime import timedelta

from govboard.domain.dates import add_months, add_years, twelve_months_before
from govboard.domain.enums import (
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    Attendance,
    MeetingStatus,
    Role,
    Severity,
)
from govboard.domain.model import BOARD_BODY

from .base import continuous_start, iso, long_date, merged_spans, names_list, plural, rule

AREA = "Trustees"
TERM_ROLES = TRUSTEE_ROLES | LOCAL_GOVERNOR_ROLES


@rule(
    "TRU-01", "must", "Fewer than 3 trustees", AREA,
    """The articles require at least three trustees; with fewer the board cannot act except to
    appoint further trustees.""",
    """Ask the members (or the board, for co-opted places) to appoint trustees so at least three
    are in office.""",
)
def tru_01(snapshot, ctx):
    trustees = ctx.facts.trustees
    ctx.read(f"trustees in office on {long_date(ctx.as_of)}, a chair or vice-chair counting as a trustee")
    if len(trustees) >= 3 and ctx.explaining:
        ctx.passed(ctx.body(BOARD_BODY), f"{plural(len(trustees), 'trustee')} in office")
    if len(trustees) < 3:
        yield ctx.finding(
            ctx.body(BOARD_BODY),
            f"The board has {plural(len(trustees), 'trustee')} in office; it must have at least 3.",
            {"trustees_in_office": len(trustees), "trustee_ids": sorted(trustees)},
        )


@rule(
    "TRU-02", "must", "Too many employee trustees", AREA,
    """The articles limit the number of trust employees who may be trustees (counting the chief
    executive) to a share of the board, one third by default.""",
    """Reduce the number of employee trustees, or appoint further non-employee trustees, so that
    employees are within the cap.""",
)
def tru_02(snapshot, ctx):
    trustees = ctx.facts.trustees
    employees = sorted(pid for pid in trustees if ctx.facts.is_employee(pid))
    cap = ctx.settings.employee_trustee_cap
    allowed = math.floor(cap * len(trustees))
    ctx.read(f"trustees in office on {long_date(ctx.as_of)} ({len(trustees)}), which of them are "
             f"employees then, and the employee-trustee cap ({cap})")
    if len(employees) <= allowed and ctx.explaining:
        ctx.passed(ctx.body(BOARD_BODY), f"{plural(len(employees), 'employee trustee')}, within the "
                   f"{allowed} allowed")
    if len(employees) > allowed:
        who = names_list([ctx.facts.name(pid) for pid in employees])
        yield ctx.finding(
            ctx.body(BOARD_BODY),
            f"{len(employees)} of the {len(trustees)} trustees in office are employees of the trust "
            f"({who}); at most {allowed} may be.",
            {
                "trustees_in_office": len(trustees),
                "employee_trustees": employees,
                "allowed": allowed,
                "cap": str(cap),
            },
        )


@rule(
    "TRU-03", "should", "Employee trustee other than the chief executive", AREA,
    """The DfE's strong preference is that no employee other than the senior executive leader
    (accounting officer or chief executive) is a trustee, so the board stays independent of the
    management it oversees.""",
    """Consider whether the person should step down as a trustee (they can attend meetings to
    report instead), or record the board's reason.""",
)
def tru_03(snapshot, ctx):
    executives = set(ctx.facts.holders(Role.ACCOUNTING_OFFICER)) | set(
        ctx.facts.holders(Role.CHIEF_EXECUTIVE)
    )
    ctx.read(f"trustees in office on {long_date(ctx.as_of)}, their employment then, and who is the "
             "accounting officer or chief executive")
    for person_id in ctx.facts.trustees:
        if ctx.explaining and not (person_id not in executives and ctx.facts.is_employee(person_id)):
            ctx.passed(ctx.person(person_id), "the accounting officer or chief executive"
                       if person_id in executives else "not an employee")
        if person_id not in executives and ctx.facts.is_employee(person_id):
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} is a trustee and an employee of the trust, but not "
                "the accounting officer or chief executive.",
                {"employment": ctx.facts.employment_evidence(person_id)},
            )


def _role_words(appointment) -> str:
    """'trustee', 'chair of trustees', 'local governor of Oak Primary LGB': as a sentence says it."""
    role = str(appointment.role).lower()
    return f"{role} of {appointment.body}" if appointment.role in LOCAL_GOVERNOR_ROLES else role


@rule(
    "TRU-04", "must", "Term of office longer than the articles allow", AREA,
    """The articles limit a trustee's or local governor's term of office (four years by default);
    the term may end on the fourth anniversary of its start but not later. Re-appointment for a
    further term is allowed. Ex-officio appointments have no term.""",
    """Correct the term end date to no later than the anniversary allowed, or record the
    appointment's real terms; a longer term needs re-appointment instead.""",
)
def tru_04(snapshot, ctx):
    # Reading: only appointments not yet ended on as_of are checked; a past term that was too
    # long can no longer be put right and would only add noise.
    years = ctx.settings.term_years
    ctx.read(f"trustee and local-governor appointments in office or yet to end on {long_date(ctx.as_of)} "
             f"that have a term end, against the {years}-year term (ex-officio appointments exempt; "
             "appointments starting later not counted)")
    offending: dict[str, list] = {}
    for role in TERM_ROLES:
        for a in snapshot.appointments_by_role.get(role, ()):
            if a.term_end is None or (a.end is not None and a.end < ctx.as_of):
                continue
            if a.start > ctx.as_of:
                continue  # an appointment starting later is no evidence yet (rulebook v2)
            if a.appointed_by is not None and a.appointed_by.is_ex_officio:
                continue
            latest = add_years(a.start, years)
            if a.term_end > latest:
                offending.setdefault(a.person_id, []).append((a, latest))
            elif ctx.explaining:
                ctx.passed(ctx.person(a.person_id), f"term as {_role_words(a)} from {long_date(a.start)} "
                           f"to {long_date(a.term_end)}, within {years} years")
    for person_id, items in offending.items():
        items.sort(key=lambda item: (item[0].start, item[0].role))
        parts = [
            f"as {_role_words(a)} from {long_date(a.start)} to {long_date(a.term_end)}"
            for a, _ in items
        ]
        yield ctx.finding(
            ctx.person(person_id),
            f"{ctx.facts.name(person_id)} has a term longer than {years} years: "
            f"{'; and '.join(parts)}.",
            {
                "term_years": years,
                "appointments": [
                    {
                        "role": str(a.role), "body": a.body, "start": iso(a.start),
                        "term_end": iso(a.term_end), "latest_allowed": iso(latest),
                    }
                    for a, latest in items
                ],
            },
        )


@rule(
    "TRU-05", ("must", "advice"), "Term of office ended or ending soon", AREA,
    """A trustee's or local governor's office ends with their term. Someone still acting after
    the term end without being re-appointed is not validly in office (must). A term ending within
    the warning window is flagged in advance (advice). GIAS holds one record per term, so a
    re-appointment is a new appointment.""",
    """Re-appoint the person for a new term (recording it as a new appointment, and on GIAS), or
    record the end of their office.""",
)
def tru_05(snapshot, ctx):
    as_of = ctx.as_of
    warn_until = as_of + timedelta(days=ctx.settings.term_warning_days)
    ctx.read(f"trustee and local-governor appointments in office on {long_date(as_of)} whose term ends "
             f"by {long_date(warn_until)} ({ctx.settings.term_warning_days} days ahead), and "
             "re-appointments already started")
    findings: dict[str, list] = {}
    for role in TERM_ROLES:
        for a in snapshot.appointments_by_role.get(role, ()):
            if a.term_end is None or not a.in_office(as_of) or a.term_end > warn_until:
                if ctx.explaining and a.in_office(as_of):
                    ctx.passed(ctx.person(a.person_id), f"term as {_role_words(a)} ends on "
                               f"{long_date(a.term_end)}" if a.term_end else
                               f"no term end recorded as {_role_words(a)}")
                continue
            overdue = a.term_end < as_of
            # Reading (v2): only a re-appointment already started counts; one recorded to start
            # after as_of is no evidence yet, so the warning stands until it starts.
            if _reappointed(snapshot, a, as_of):
                if ctx.explaining:
                    ctx.passed(ctx.person(a.person_id), f"re-appointed as {_role_words(a)}")
                continue
            findings.setdefault(a.person_id, []).append((a, overdue))
    for person_id, items in findings.items():
        items.sort(key=lambda item: (item[0].term_end, item[0].role))
        name = ctx.facts.name(person_id)
        overdue_items = [a for a, overdue in items if overdue]
        if overdue_items:
            parts = [f"as {_role_words(a)}, whose term ended on {long_date(a.term_end)}"
                     for a in overdue_items]
            message = (f"{name} is still in office after their term ended: {'; and '.join(parts)}, "
                       "with no re-appointment recorded.")
            severity = Severity.MUST
        else:
            parts = [f"as {_role_words(a)} ends on {long_date(a.term_end)}" for a, _ in items]
            message = f"{name}'s term {' and term '.join(parts)}."
            severity = Severity.ADVICE
        yield ctx.finding(
            ctx.person(person_id),
            message,
            {
                "appointments": [
                    {
                        "role": str(a.role), "body": a.body, "start": iso(a.start),
                        "term_end": iso(a.term_end),
                        "status": "term ended" if overdue else "term ending",
                    }
                    for a, overdue in items
                ]
            },
            severity,
        )


def _reappointed(snapshot, appointment, by) -> bool:
    """A later appointment of the same person to the same role and body (starting on or before
    `by`, when given)."""
    for other in snapshot.appointments_by_person.get(appointment.person_id, ()):
        if (
            other.role == appointment.role
            and other.body == appointment.body
            and other.start > appointment.start
            and (by is None or other.start <= by)
        ):
            return True
    return False


@rule(
    "TRU-06", "must", "Absent from board meetings for the absence window", AREA,
    """Under the articles, a trustee who has been absent from all board meetings for six months
    without the board's consent may have their office vacated by the board. This flags a trustee
    in office for the whole window who attended none of the board meetings held in it, where at
    least one absence was not accepted. It is silent until meetings from before the window have
    been entered (no history yet).""",
    """Put the trustee's attendance to the chair and the board: record apologies the board
    accepted, or decide whether to vacate the office.""",
)
def tru_06(snapshot, ctx):
    as_of = ctx.as_of
    window_start = add_months(as_of, -ctx.settings.absence_window_months) + timedelta(days=1)
    board_meetings = snapshot.meetings_by_body.get(BOARD_BODY, [])
    if not any(m.date < window_start for m in board_meetings):
        ctx.declare_silent(
            f"no board meetings are recorded before {long_date(window_start)}, the start of the "
            "absence window (no history entered yet)"
        )
        return
    held = [
        m for m in board_meetings
        if m.status == MeetingStatus.HELD and window_start <= m.date <= as_of
    ]
    # Reading: a meeting with no attendance recorded at all says nothing about who was absent.
    registers = {
        m.id: {r.person_id: r.attendance for r in snapshot.attendance_by_meeting.get(m.id, ())}
        for m in held
    }
    held = [m for m in held if registers[m.id]]
    ctx.read(f"{plural(len(held), 'board meeting')} held from {long_date(window_start)} to "
             f"{long_date(as_of)} with attendance recorded, and the trustees in office for the whole "
             "of that time")
    if not held:
        return
    trustee_appointments: dict[str, list] = {}
    for a in ctx.facts.trustee_appointments:
        trustee_appointments.setdefault(a.person_id, []).append(a)
    for person_id in ctx.facts.trustees:
        since = continuous_start(trustee_appointments[person_id], as_of)
        if since is None or since > window_start:
            continue  # not in office for the whole window
        marks = [registers[m.id].get(person_id) for m in held]
        if Attendance.PRESENT in marks:
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), f"present at {plural(marks.count(Attendance.PRESENT), 'meeting')}")
            continue
        if all(mark == Attendance.APOLOGIES_ACCEPTED for mark in marks):
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), "apologies accepted for every meeting")
            continue
        yield ctx.finding(
            ctx.person(person_id),
            f"{ctx.facts.name(person_id)} attended none of the {plural(len(held), 'board meeting')} "
            f"held since {long_date(window_start)}, and not every absence had apologies accepted.",
            {
                "window_start": iso(window_start),
                "window_end": iso(as_of),
                "meetings": [
                    {
                        "meeting": m.id, "date": iso(m.date),
                        "attendance": str(mark) if mark else "not recorded",
                    }
                    for m, mark in zip(held, marks)
                ],
            },
        )


# --- board turnover (BRD-05) ---------------------------------------------------------------------

TURNOVER_DAYS = 60


def trustee_changes(trustee_appointments, first_day, last_day):
    """(date, "left" | "joined", person) for each start and end of a trustee's unbroken time in
    office between first_day and last_day; re-appointments that follow within a day are one span,
    so they are no change. An end is dated on the last day in office."""
    by_person: dict[str, list] = {}
    for a in trustee_appointments:
        by_person.setdefault(a.person_id, []).append(a)
    changes = []
    for person_id, appointments in by_person.items():
        for start, end, _ in merged_spans(appointments):
            if first_day <= start <= last_day:
                changes.append((start, "joined", person_id))
            if end is not None and first_day <= end <= last_day:
                changes.append((end, "left", person_id))
    return sorted(changes), by_person


@rule(
    "BRD-05", "advice", "Rapid turnover of trustees", "Board",
    """Investigations of failing trusts often found the board changed hands within weeks. This
    gives advice when, in the 12 months before the check date, there is a 60-day period in which
    trustees leaving office plus trustees newly appointed number half or more of the trustees in
    office when the period began. A re-appointment that continues a trustee's office is not a
    change. The busiest such period is reported, with the people in it.""",
    """Check that the changes were made by those entitled to make them under the articles (the
    members, or the board for co-opted trustees), minuted, and notified to GIAS and Companies
    House; make sure the members know, and consider whether the board still has the skills and
    independence it needs.""",
)
def brd_05(snapshot, ctx):
    as_of = ctx.as_of
    first_day = twelve_months_before(as_of)
    last_start = as_of - timedelta(days=TURNOVER_DAYS - 1)  # the last period ends on as_of
    started = [a for a in ctx.facts.trustee_appointments if a.start <= as_of]  # later: no evidence
    changes, by_person = trustee_changes(started, first_day, as_of)
    ctx.read(f"trustees' appointments and departures from {long_date(first_day)} to "
             f"{long_date(as_of)} ({plural(len(changes), 'change')}), in {TURNOVER_DAYS}-day periods")
    best = None
    for start in sorted({min(max(day, first_day), last_start) for day, _, _ in changes}):
        end = start + timedelta(days=TURNOVER_DAYS - 1)
        inside = [c for c in changes if start <= c[0] <= end]
        # The board as it stood when the period began: in office on the day before.
        before = start - timedelta(days=1)
        board = sum(1 for appointments in by_person.values()
                    if any(a.in_office(before) for a in appointments))
        if board and 2 * len(inside) >= board:
            score = (len(inside) / board, len(inside))
            if best is None or score > best[0]:
                best = (score, start, end, inside, board)
    if best is None:
        if ctx.explaining:
            ctx.passed(ctx.body(BOARD_BODY), f"no {TURNOVER_DAYS}-day period had changes numbering half "
                       "the board or more")
        return
    _, start, end, inside, board = best
    left = [(d, pid) for d, what, pid in inside if what == "left"]
    joined = [(d, pid) for d, what, pid in inside if what == "joined"]
    was = "was" if len(joined) == 1 else "were"
    if left and joined:
        what = f"{plural(len(left), 'trustee')} left and {len(joined)} {was} appointed"
    elif left:
        what = f"{plural(len(left), 'trustee')} left"
    else:
        what = f"{plural(len(joined), 'trustee')} {was} appointed"
    yield ctx.finding(
        ctx.body(BOARD_BODY),
        f"Between {long_date(start)} and {long_date(end)}, {what}: "
        f"{plural(len(inside), 'change')} on a board of {board}.",
        {
            "period_start": iso(start),
            "period_end": iso(end),
            "trustees_at_start": board,
            "left": [{"person": pid, "last_day": iso(d)} for d, pid in left],
            "joined": [{"person": pid, "start": iso(d)} for d, pid in joined],
        },
    )
