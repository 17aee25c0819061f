"""The chair and officers (CHR, EXE, GP): chair of trustees, accounting officer, CFO, clerk."""

from __future__ import annotations

from govboard.domain.dates import twelve_months_before
from govboard.domain.enums import TRUSTEE_ROLES, CheckKind, Role
from govboard.domain.model import BOARD_BODY

from .base import continuous_start, iso, long_date, names_list, rule

CHAIR_AREA = "Chair"
OFFICERS_AREA = "Officers"


def _names(ctx, person_ids) -> str:
    return names_list([ctx.facts.name(pid) for pid in person_ids])


@rule(
    "CHR-01", "must", "Not exactly one chair of trustees", CHAIR_AREA,
    """The board elects one chair of trustees from among the trustees. With no chair, or with
    more than one recorded in office, the board's leadership is unclear.""",
    """Have the board elect a chair (and record the election), or end the appointment of the
    chair who has been replaced.""",
)
def chr_01(snapshot, ctx):
    chairs = ctx.facts.holders(Role.CHAIR_OF_TRUSTEES)
    if len(chairs) == 1:
        return
    if chairs:
        message = f"{len(chairs)} people are in office as chair of trustees: {_names(ctx, chairs)}."
    else:
        message = "No chair of trustees is in office."
    yield ctx.finding(ctx.body(BOARD_BODY), message, {"chairs": chairs})


@rule(
    "CHR-02", "must", "Chair not elected within the last 12 months", CHAIR_AREA,
    """The articles require the board to elect its chair each school year. A chair whose current
    appointment started more than 12 months ago is due for re-election.""",
    """Hold the chair's election at the next board meeting and record it as a new appointment
    of the chair, starting on the election date.""",
)
def chr_02(snapshot, ctx):
    # "More than 12 months before as_of" = before the first day of the 12 months before as_of,
    # the same boundary the declarations and meetings rules use.
    first_day = twelve_months_before(ctx.as_of)
    for a in snapshot.appointments_by_role.get(Role.CHAIR_OF_TRUSTEES, ()):
        if a.in_office(ctx.as_of) and a.start < first_day:
            yield ctx.finding(
                ctx.person(a.person_id),
                f"{ctx.facts.name(a.person_id)} was elected chair of trustees on "
                f"{long_date(a.start)}, more than 12 months ago.",
                {"elected_on": iso(a.start)},
            )


@rule(
    "CHR-03", "must", "Chair is an employee", CHAIR_AREA,
    """The chair of trustees, and the chair of a local governing body, must not be employees of
    the trust; employment ends the chair's office under the model articles.""",
    """Elect a chair who is not an employee, and end the current chair's appointment.""",
)
def chr_03(snapshot, ctx):
    chairs: dict[str, list] = {}
    for role in (Role.CHAIR_OF_TRUSTEES, Role.LGB_CHAIR):
        for a in snapshot.appointments_by_role.get(role, ()):
            if a.in_office(ctx.as_of):
                chairs.setdefault(a.person_id, []).append(a)
    for person_id, appointments in chairs.items():
        if not ctx.facts.is_employee(person_id):
            continue
        roles = sorted(
            "chair of trustees" if a.role == Role.CHAIR_OF_TRUSTEES else f"chair of {a.body}"
            for a in appointments
        )
        yield ctx.finding(
            ctx.person(person_id),
            f"{ctx.facts.name(person_id)} is {names_list(roles)} and an employee of the trust.",
            {
                "chair_of": sorted(a.body for a in appointments),
                "employment": ctx.facts.employment_evidence(person_id),
            },
        )


@rule(
    "CHR-04", "must", "Chair has no Secretary of State check", CHAIR_AREA,
    """A chair of trustees needs an enhanced DBS check countersigned by the Secretary of State
    (DfE chair check) before taking office. The check must be dated on or before the start of
    their continuous time as chair; annual re-elections do not restart it.""",
    """Apply to the DfE for the chair's Secretary of State check and record it under Checks.""",
)
def chr_04(snapshot, ctx):
    chair_appointments: dict[str, list] = {}
    for a in snapshot.appointments_by_role.get(Role.CHAIR_OF_TRUSTEES, ()):
        chair_appointments.setdefault(a.person_id, []).append(a)
    for person_id, appointments in chair_appointments.items():
        since = continuous_start(appointments, ctx.as_of)
        if since is None:
            continue
        checks = [
            c for c in snapshot.checks_by_person.get(person_id, ())
            if c.kind == CheckKind.SOS_CHAIR_CHECK
        ]
        if any(c.date <= since for c in checks):
            continue
        name = ctx.facts.name(person_id)
        if checks:
            dated = long_date(min(c.date for c in checks))
            message = (f"{name}'s Secretary of State chair check is dated {dated}, after they "
                       f"became chair on {long_date(since)}.")
        else:
            message = f"{name} is chair of trustees but has no Secretary of State chair check recorded."
        yield ctx.finding(
            ctx.person(person_id),
            message,
            {"chair_since": iso(since), "checks": sorted(iso(c.date) for c in checks)},
        )


@rule(
    "EXE-01", "must", "Not exactly one accounting officer", OFFICERS_AREA,
    """The board must appoint one named accounting officer (in a multi-academy trust, normally
    the chief executive), personally responsible to Parliament for the trust's funds.""",
    """Have the board appoint the accounting officer in writing and record the appointment; end
    any appointment that has been superseded.""",
)
def exe_01(snapshot, ctx):
    holders = ctx.facts.holders(Role.ACCOUNTING_OFFICER)
    if len(holders) == 1:
        return
    if holders:
        message = f"{len(holders)} people are in office as accounting officer: {_names(ctx, holders)}."
    else:
        message = "No accounting officer is in office."
    yield ctx.finding(ctx.trust(), message, {"accounting_officers": holders})


@rule(
    "EXE-02", "must", "No chief financial officer", OFFICERS_AREA,
    """The trust must appoint a chief financial officer, who leads its financial management and
    is recorded on GIAS with direct contact details.""",
    """Appoint a chief financial officer and record the appointment (and on GIAS).""",
)
def exe_02(snapshot, ctx):
    if not ctx.facts.holders(Role.CHIEF_FINANCIAL_OFFICER):
        yield ctx.finding(ctx.trust(), "No chief financial officer is in office.", {})


@rule(
    "EXE-03", "should", "Accounting officer is also the CFO", OFFICERS_AREA,
    """The accounting officer and the chief financial officer should be different people, so that
    financial management is separated from the accounting officer's oversight of it.""",
    """Appoint a different person as chief financial officer, or record why the board accepts the
    combination for now.""",
)
def exe_03(snapshot, ctx):
    cfos = set(ctx.facts.holders(Role.CHIEF_FINANCIAL_OFFICER))
    for person_id in ctx.facts.holders(Role.ACCOUNTING_OFFICER):
        if person_id in cfos:
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} is both the accounting officer and the chief "
                "financial officer.",
                {},
            )


@rule(
    "GP-01", "must", "No governance professional", OFFICERS_AREA,
    """The board must appoint a governance professional (clerk) to support it and advise on its
    duties and procedure.""",
    """Appoint a governance professional to the board and record the appointment.""",
)
def gp_01(snapshot, ctx):
    if not ctx.facts.holders(Role.GOVERNANCE_PROFESSIONAL, BOARD_BODY):
        yield ctx.finding(
            ctx.trust(), "No governance professional (clerk) is in office for the board.", {}
        )


_CONFLICTING_ROLES = TRUSTEE_ROLES | {Role.ACCOUNTING_OFFICER, Role.CHIEF_EXECUTIVE, Role.HEADTEACHER}
_ROLE_PHRASES = {
    Role.TRUSTEE: "a trustee",
    Role.CHAIR_OF_TRUSTEES: "the chair of trustees",
    Role.VICE_CHAIR_OF_TRUSTEES: "the vice-chair of trustees",
    Role.ACCOUNTING_OFFICER: "the accounting officer",
    Role.CHIEF_EXECUTIVE: "the chief executive",
    Role.HEADTEACHER: "a headteacher",
}


@rule(
    "GP-02", "must", "Governance professional holds a conflicting role", OFFICERS_AREA,
    """The board's governance professional must be independent of those they advise: not a
    trustee, the accounting officer, the chief executive or a headteacher.""",
    """Appoint someone independent as governance professional, or have the person give up the
    conflicting role.""",
)
def gp_02(snapshot, ctx):
    for person_id in ctx.facts.holders(Role.GOVERNANCE_PROFESSIONAL, BOARD_BODY):
        conflicts = sorted({
            str(a.role)
            for a in snapshot.appointments_by_person.get(person_id, ())
            if a.role in _CONFLICTING_ROLES and a.in_office(ctx.as_of)
        })
        if conflicts:
            roles = names_list([_ROLE_PHRASES[Role(r)] for r in conflicts])
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} is the board's governance professional and also "
                f"{roles}.",
                {"other_roles": conflicts},
            )
