"""The chair and officers (CHR, EXE, GP): chair of trustees, accounting officer, CFO, clerk."""

from __future__ import annotations

from datetime import date, timedelta

from govboard.domain.dates import (
    add_years,
    financial_year_of,
    twelve_months_before,
    within_last_12_months,
)
from govboard.domain.enums import TRUSTEE_ROLES, CheckKind, Direction, Role
from govboard.domain.model import BOARD_BODY
from govboard.domain.names import normalise_company_number, normalise_org

from .base import continuous_start, iso, long_date, names_list, pounds, rule
from .payments import RELATIONSHIP_WORDS, role_words

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
    ctx.read(f"chair of trustees appointments in office on {long_date(ctx.as_of)}")
    if len(chairs) == 1:
        if ctx.explaining:
            ctx.passed(ctx.body(BOARD_BODY), f"{ctx.facts.name(chairs[0])} is the chair")
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
    ctx.read(f"the chair of trustees' appointment in office on {long_date(ctx.as_of)}, against "
             f"{long_date(first_day)}, the start of the 12 months before it")
    for a in snapshot.appointments_by_role.get(Role.CHAIR_OF_TRUSTEES, ()):
        if a.in_office(ctx.as_of) and a.start >= first_day and ctx.explaining:
            ctx.passed(ctx.person(a.person_id), f"elected chair on {long_date(a.start)}")
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
    ctx.read(f"the chair of trustees and chairs of local governing bodies in office on "
             f"{long_date(ctx.as_of)}, and the employment records in force then")
    for person_id, appointments in chairs.items():
        if not ctx.facts.is_employee(person_id):
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), "not an employee")
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
    ctx.read(f"the chair of trustees in office on {long_date(ctx.as_of)}, the start of their "
             "unbroken time as chair, and their Secretary of State checks dated on or before as_of")
    chair_appointments: dict[str, list] = {}
    for a in snapshot.appointments_by_role.get(Role.CHAIR_OF_TRUSTEES, ()):
        chair_appointments.setdefault(a.person_id, []).append(a)
    for person_id, appointments in chair_appointments.items():
        since = continuous_start(appointments, ctx.as_of)
        if since is None:
            continue
        checks = ctx.facts.checks_of(person_id, CheckKind.SOS_CHAIR_CHECK)  # later ones: no evidence
        if any(c.date <= since for c in checks):
            if ctx.explaining:
                ctx.passed(ctx.person(person_id),
                           f"chair since {long_date(since)}; Secretary of State check dated "
                           f"{long_date(min(c.date for c in checks))}")
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
    ctx.read(f"accounting officer appointments in office on {long_date(ctx.as_of)}")
    if len(holders) == 1:
        if ctx.explaining:
            ctx.passed(ctx.trust(), f"{ctx.facts.name(holders[0])} is the accounting officer")
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
    ctx.read(f"chief financial officer appointments in office on {long_date(ctx.as_of)}")
    cfos = ctx.facts.holders(Role.CHIEF_FINANCIAL_OFFICER)
    if cfos and ctx.explaining:
        ctx.passed(ctx.trust(), f"{names_list([ctx.facts.name(p) for p in cfos])} is the chief "
                   "financial officer")
    if not cfos:
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
    ctx.read(f"the accounting officer and chief financial officer in office on {long_date(ctx.as_of)}")
    for person_id in ctx.facts.holders(Role.ACCOUNTING_OFFICER):
        if person_id not in cfos and ctx.explaining:
            ctx.passed(ctx.person(person_id), "the accounting officer, not the chief financial officer")
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
    ctx.read(f"the board's governance professional appointments in office on {long_date(ctx.as_of)}")
    clerks = ctx.facts.holders(Role.GOVERNANCE_PROFESSIONAL, BOARD_BODY)
    if clerks and ctx.explaining:
        ctx.passed(ctx.trust(), f"{names_list([ctx.facts.name(p) for p in clerks])} is the governance "
                   "professional")
    if not clerks:
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
    ctx.read(f"the board's governance professional in office on {long_date(ctx.as_of)} and their other "
             "roles then")
    for person_id in ctx.facts.holders(Role.GOVERNANCE_PROFESSIONAL, BOARD_BODY):
        conflicts = sorted({
            str(a.role)
            for a in snapshot.appointments_by_person.get(person_id, ())
            if a.role in _CONFLICTING_ROLES and a.in_office(ctx.as_of)
        })
        if not conflicts and ctx.explaining:
            ctx.passed(ctx.person(person_id), "holds no trustee, accounting officer, chief executive or "
                       "headteacher role")
        if conflicts:
            roles = names_list([_ROLE_PHRASES[Role(r)] for r in conflicts])
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} is the board's governance professional and also "
                f"{roles}.",
                {"other_roles": conflicts},
            )


# --- off-payroll accounting officer or CFO (EXE-04) ----------------------------------------------

OFF_PAYROLL_ROLES = (Role.ACCOUNTING_OFFICER, Role.CHIEF_FINANCIAL_OFFICER)
_OFFICER_WORDS = {Role.ACCOUNTING_OFFICER: "the accounting officer",
                  Role.CHIEF_FINANCIAL_OFFICER: "the chief financial officer"}


def approval_covers_until(engagement) -> date | None:
    """The last day a DfE off-payroll approval covers: its recorded end, but never more than 12
    months from the engagement's start (a blank end means the full 12 months); None when no
    approval is recorded."""
    if engagement.offpayroll_approval_on is None:
        return None
    longest = add_years(engagement.start, 1) - timedelta(days=1)
    end = engagement.approval_ends_on
    return longest if end is None else min(end, longest)


def _engagement_words(e) -> str:
    return f"{e.job_title}, from {long_date(e.start)}"


def _off_payroll_problem(e, as_of) -> str | None:
    """Why one off-payroll engagement in force on as_of is not covered by a DfE approval, or None."""
    approved = e.offpayroll_approval_on
    if approved is None or approved > as_of:  # an approval dated later is no evidence (v2)
        return "no DfE approval is recorded"
    if approved > e.start:
        return (f"the DfE approval is dated {long_date(approved)}, after the engagement started "
                f"on {long_date(e.start)}; approval cannot be given afterwards")
    until = approval_covers_until(e)
    if until < as_of:
        capped = e.approval_ends_on is None or until < e.approval_ends_on
        return (f"the DfE approval of {long_date(approved)} ran out on {long_date(until)}"
                + (" (an approval lasts at most 12 months)" if capped else ""))
    return None


@rule(
    "EXE-04", "must", "Accounting officer or CFO off payroll without DfE approval", OFFICERS_AREA,
    """The accounting officer and the chief financial officer should be employees of the trust.
    One engaged off payroll (through their own company or an agency) needs the DfE's approval
    before the engagement starts; approval is never given afterwards, lasts at most 12 months, and
    a longer arrangement needs a fresh approval each year. This fires for an accounting officer or
    CFO in office who has no employment with the trust in force (an employment record not marked
    off-payroll) and no off-payroll engagement in force whose DfE approval is dated on or before
    its start and still covers the check date.""",
    """Put the officer on the trust's payroll, or seek the DfE's approval of the off-payroll
    appointment (before it starts), and record each engagement, with its approval date and end,
    under the person's Employment; record a renewal as a new engagement with its own approval.""",
)
def exe_04(snapshot, ctx):
    as_of = ctx.as_of
    officers: dict[str, list[Role]] = {}
    for role in OFF_PAYROLL_ROLES:
        for person_id in ctx.facts.holders(role):
            officers.setdefault(person_id, []).append(role)
    ctx.read(f"the accounting officer and chief financial officer in office on {long_date(as_of)} "
             "and their employment records in force on that date")
    for person_id, roles in officers.items():
        name = ctx.facts.name(person_id)
        in_force = [e for e in snapshot.employment_by_person.get(person_id, ()) if e.in_force(as_of)]
        on_payroll = [e for e in in_force if e.off_payroll is not True]
        if on_payroll:
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), f"employed by the trust ({_engagement_words(on_payroll[0])})")
            continue
        engagements = sorted((e for e in in_force if e.off_payroll), key=lambda e: (e.start, e.job_title))
        problems = [(e, _off_payroll_problem(e, as_of)) for e in engagements]
        covered = [e for e, problem in problems if problem is None]
        if covered:
            if ctx.explaining:
                ctx.passed(ctx.person(person_id),
                           f"off payroll ({_engagement_words(covered[0])}) with DfE approval of "
                           f"{long_date(covered[0].offpayroll_approval_on)}, covering "
                           f"{long_date(as_of)}")
            continue
        office = names_list([_OFFICER_WORDS[r] for r in roles])
        if not engagements:
            message = (f"{name} is {office} but has no employment with the trust in force on "
                       f"{long_date(as_of)}, and no DfE approval of an off-payroll appointment is "
                       "recorded.")
        else:
            reasons = "; ".join(f"{_engagement_words(e)}: {problem}" for e, problem in problems)
            message = (f"{name} is {office} off the trust's payroll, and none of their engagements "
                       f"is covered by a DfE approval ({reasons}).")
            if len(problems) == 1:
                e = engagements[0]
                message = (f"{name} has been {office} through an off-payroll engagement since "
                           f"{long_date(e.start)} ({e.job_title}), and {problems[0][1]}.")
        yield ctx.finding(
            ctx.person(person_id),
            message,
            {
                "roles": [str(r) for r in roles],
                "engagements": [
                    {"job_title": e.job_title, "start": iso(e.start), "end": iso(e.end),
                     "off_payroll": bool(e.off_payroll),
                     "dfe_approval_on": iso(ctx.past(e.offpayroll_approval_on)),
                     "approval_ends_on": iso(e.approval_ends_on),
                     "covered_until": iso(approval_covers_until(e)
                                          if ctx.past(e.offpayroll_approval_on) else None)}
                    for e in engagements
                ],
            },
        )


# --- the governance professional's independence (GP-03) ------------------------------------------

_GP_RELATED_ROLES = (Role.MEMBER, *sorted(TRUSTEE_ROLES), Role.ACCOUNTING_OFFICER,
                     Role.CHIEF_FINANCIAL_OFFICER)


def _supplier_keys(snapshot, ctx) -> dict[str, tuple[str, list[str]]]:
    """Organisations supplying the trust on as_of, by normalised name and by company number:
    paid in the 12 months before as_of, or party to an expenditure related-party agreement
    confirmed by as_of with a value in the current financial year or later."""
    out: dict[str, tuple[str, list[str]]] = {}

    def add(name, number, why):
        for key in filter(None, ("name:" + normalise_org(name),
                                 "number:" + normalise_company_number(number) if number else None)):
            out.setdefault(key, (name, []))[1].append(why)

    paid: dict[tuple, int] = {}
    for p in ctx.facts.payments:
        if within_last_12_months(p.date, ctx.as_of):
            paid[(p.supplier, p.company_number)] = paid.get((p.supplier, p.company_number), 0) + p.amount
    for (supplier, number), amount in paid.items():
        add(supplier, number, f"paid {pounds(amount)} in the 12 months to {long_date(ctx.as_of)}")
    this_year = financial_year_of(ctx.as_of)
    for a in snapshot.rpt_agreements:
        if (a.direction == Direction.EXPENDITURE and a.confirmed_on is not None
                and a.confirmed_on <= ctx.as_of
                and any(v.financial_year >= this_year for v in snapshot.values_of(a.id))):
            add(a.related_organisation, a.company_number, f"related-party agreement {a.id}")
    return out


@rule(
    "GP-03", "advice", "Governance professional close to the board or a supplier", OFFICERS_AREA,
    """The board's governance professional advises the board independently. It is worth the
    board's attention when they are recorded as a relative of a member, a trustee, the accounting
    officer or the chief financial officer, or hold a current interest in an organisation that
    supplies the trust (paid in the last 12 months, or party to a current related-party
    agreement).""",
    """Have the board consider the governance professional's independence and how conflicts are
    managed (for example, another clerk for items involving the relative or the supplier), and
    record its decision; make sure any supply is handled as a related-party transaction.""",
)
def gp_03(snapshot, ctx):
    as_of = ctx.as_of
    clerks = ctx.facts.holders(Role.GOVERNANCE_PROFESSIONAL, BOARD_BODY)
    ctx.read(f"the board's governance professional in office on {long_date(as_of)}, their recorded "
             "relationships and current interests, and the trust's suppliers (payments in the last "
             "12 months, current related-party agreements)")
    if not clerks:
        return
    role_holders: dict[str, set[Role]] = {}
    for role in _GP_RELATED_ROLES:
        for pid in ctx.facts.holders(role):
            role_holders.setdefault(pid, set()).add(role)
    suppliers = None
    for person_id in clerks:
        name = ctx.facts.name(person_id)
        relatives = []
        for rel in snapshot.relationships_by_person.get(person_id, ()):
            if not rel.in_force(as_of) or (rel.start is not None and rel.start > as_of):
                continue
            if rel.related_person_id == person_id:
                other, what = rel.person_id, rel.relationship
            else:
                other, what = rel.related_person_id, rel.relationship.inverse
            if other in role_holders and other != person_id:
                relatives.append((other, RELATIONSHIP_WORDS[what], role_holders[other]))
        supplied = []
        interests = [i for i in snapshot.interests_by_person.get(person_id, ()) if i.in_force(as_of)]
        if interests:
            suppliers = suppliers if suppliers is not None else _supplier_keys(snapshot, ctx)
            for interest in interests:
                keys = ["name:" + normalise_org(interest.organisation)]
                if interest.company_number:
                    keys.insert(0, "number:" + normalise_company_number(interest.company_number))
                found = next((suppliers[k] for k in keys if k in suppliers), None)
                if found is not None:
                    supplied.append((interest, found[1]))
        if not relatives and not supplied:
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), "no recorded relative among the members, trustees, "
                           "accounting officer or CFO, and no current interest in a supplier")
            continue
        parts = []
        for other, what, roles in relatives:
            roles_text = names_list(role_words(roles))
            parts.append(f"is recorded as the {what} of {ctx.facts.name(other)} ({roles_text})")
        for interest, why in supplied:
            parts.append(f"has an interest in {interest.organisation}, which supplies the trust "
                         f"({'; '.join(dict.fromkeys(why))})")
        yield ctx.finding(
            ctx.person(person_id),
            f"{name}, the board's governance professional, {names_list(parts)}.",
            {
                "relatives": [{"person": other, "relationship": what, "roles": role_words(roles)}
                              for other, what, roles in relatives],
                "supplier_interests": [{"organisation": i.organisation, "supplies": list(dict.fromkeys(why))}
                                       for i, why in supplied],
            },
        )
