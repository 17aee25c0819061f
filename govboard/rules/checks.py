"""Safeguarding checks (DBS) for members, trustees and local governors."""

from __future__ import annotations

from govboard.domain.enums import CheckKind, Severity

from .base import continuous_start, iso, long_date, rule

AREA = "Safeguarding checks"


def _checks_of(snapshot, person_id, kind):
    return [c for c in snapshot.checks_by_person.get(person_id, ()) if c.kind == kind]


@rule(
    "DBS-01", "must", "No enhanced DBS check", AREA,
    """Members, trustees and local governors must have an enhanced DBS certificate (with a barred
    list check if they are in regulated activity).""",
    """Obtain an enhanced DBS check for the person and record it under Checks.""",
)
def dbs_01(snapshot, ctx):
    for person_id in sorted(ctx.facts.governors):
        if not _checks_of(snapshot, person_id, CheckKind.ENHANCED_DBS):
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} has no enhanced DBS check recorded.",
                {"roles": sorted({str(a.role) for a in ctx.facts.governors[person_id]})},
            )


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
    appointments_by_person = ctx.facts.governor_appointments_by_person
    for person_id in sorted(ctx.facts.governors):
        checks = _checks_of(snapshot, person_id, CheckKind.SECTION_128)
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
