"""Safeguarding checks (DBS) for members, trustees and local governors."""

from __future__ import annotations

from govboard.domain.enums import CheckKind, Severity

from .base import continuous_start, iso, long_date, plural, rule

AREA = "Safeguarding checks"


def _checks_of(ctx, person_id, kind):
    """The person's checks of `kind` dated on or before as_of (a later one is no evidence)."""
    return ctx.facts.checks_of(person_id, kind)


def _read_checks(snapshot, ctx, kind) -> None:
    if ctx.explaining:
        governors = len(ctx.facts.governors)
        later = ctx.facts.later_count((c for c in snapshot.checks if c.kind == kind), lambda c: c.date)
        ctx.read(f"{plural(governors, 'member, trustee or local governor', 'members, trustees and local governors')} "
                 f"in office on {long_date(ctx.as_of)}, and their {kind.value[0].lower() + kind.value[1:]} "
                 "checks dated on or before it"
                 + (f" ({plural(later, 'later check')} not counted)" if later else ""))


@rule(
    "DBS-01", "must", "No enhanced DBS check", AREA,
    """Members, trustees and local governors must have an enhanced DBS certificate (with a barred
    list check if they are in regulated activity).""",
    """Obtain an enhanced DBS check for the person and record it under Checks.""",
)
def dbs_01(snapshot, ctx):
    _read_checks(snapshot, ctx, CheckKind.ENHANCED_DBS)
    for person_id in sorted(ctx.facts.governors):
        checks = _checks_of(ctx, person_id, CheckKind.ENHANCED_DBS)
        if not checks:
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} has no enhanced DBS check recorded.",
                {"roles": sorted({str(a.role) for a in ctx.facts.governors[person_id]})},
            )
        elif ctx.explaining:
            ctx.passed(ctx.person(person_id),
                       f"enhanced DBS check dated {long_date(max(c.date for c in checks))}")


@rule(
    "DBS-02", ("must", "should"), "Section 128 check missing or late", AREA,
    """Members, trustees and local governors must be checked against section 128 directions
    (barring from the management of independent schools), before they take office. No check at
    all is a must; a check dated after their appointment started is a should. The appointment's
    start is the start of their unbroken time in office.""",
    """Carry out the section 128 check (through the Teacher Regulation Agency's service) and
    record it; in future check before appointment.""",
)
def dbs_02(snapshot, ctx):
    _read_checks(snapshot, ctx, CheckKind.SECTION_128)
    appointments_by_person = ctx.facts.governor_appointments_by_person
    for person_id in sorted(ctx.facts.governors):
        checks = _checks_of(ctx, person_id, CheckKind.SECTION_128)
        since = continuous_start(appointments_by_person[person_id], ctx.as_of)
        name = ctx.facts.name(person_id)
        if not checks:
            yield ctx.finding(
                ctx.person(person_id),
                f"{name} has no section 128 check recorded.",
                {"in_office_since": iso(since)},
                Severity.MUST,
            )
            continue
        first = min(c.date for c in checks)
        if since is not None and first > since:
            yield ctx.finding(
                ctx.person(person_id),
                f"{name}'s section 128 check is dated {long_date(first)}, after their appointment "
                f"started on {long_date(since)}.",
                {"in_office_since": iso(since), "check_date": iso(first)},
                Severity.SHOULD,
            )
        elif ctx.explaining:
            ctx.passed(ctx.person(person_id),
                       f"section 128 check dated {long_date(first)}, on or before their appointment "
                       f"started on {long_date(since)}" if since else
                       f"section 128 check dated {long_date(first)}")
