"""Audit and risk committee and internal scrutiny (ARC)."""

from __future__ import annotations

from datetime import date

from govboard.domain.dates import twelve_months_before, within_last_12_months
from govboard.domain.enums import BodyType, MeetingStatus, Role, ScrutinyProvider

from .base import iso, long_date, money, pounds, rule

AREA = "Audit and risk"
ARC_TYPES = (BodyType.AUDIT_AND_RISK, BodyType.FINANCE_AND_AUDIT)
INTERNAL_AUDIT_RULE_FROM = date(2025, 9, 1)  # ATH 2025 took effect on 1 September 2025


def arc_bodies(snapshot):
    """The audit and risk committee(s): dedicated or combined with finance, by name."""
    return sorted(snapshot.bodies_of_type(*ARC_TYPES), key=lambda b: b.name)


def _income_over_threshold(settings) -> bool:
    income = settings.last_audited_income
    return income is not None and income > settings.arc_income_threshold


@rule(
    "ARC-01", "must", "No audit and risk committee", AREA,
    """The board must have an audit and risk committee, either dedicated or combined with the
    finance committee, to direct the trust's programme of internal scrutiny.""",
    """Establish an audit and risk committee (record it as a body of type "Audit and risk
    committee" or "Finance and audit committee") with terms of reference.""",
)
def arc_01(snapshot, ctx):
    ctx.read("the trust's bodies of type Audit and risk committee or Finance and audit committee")
    for body in arc_bodies(snapshot):
        if ctx.explaining:
            ctx.passed(ctx.trust(), f"{body.name} is its audit and risk committee")
    if not arc_bodies(snapshot):
        yield ctx.finding(ctx.trust(), "The trust has no audit and risk committee.", {})


@rule(
    "ARC-02", "must", "Audit committee combined above the income threshold", AREA,
    """A trust whose income in its last audited accounts exceeds the threshold (£50 million by
    default) must have a dedicated audit and risk committee, not one combined with finance.""",
    """Establish a dedicated audit and risk committee, separate from the finance committee.""",
)
def arc_02(snapshot, ctx):
    settings = ctx.settings
    ctx.read("the last audited income and the ARC income threshold in the trust settings, and the "
             "audit committee's type")
    if not _income_over_threshold(settings):
        if ctx.explaining:
            ctx.passed(ctx.trust(), "last audited income is not recorded or not over the threshold")
        return
    bodies = arc_bodies(snapshot)
    if any(b.type == BodyType.AUDIT_AND_RISK for b in bodies) or not bodies:
        return  # none at all is ARC-01's finding
    yield ctx.finding(
        ctx.trust(),
        f"The trust's last audited income of {pounds(settings.last_audited_income)} exceeds "
        f"{pounds(settings.arc_income_threshold)}, but its audit committee is combined with finance "
        f"({', '.join(b.name for b in bodies)}).",
        {
            "last_audited_income": money(settings.last_audited_income),
            "threshold": money(settings.arc_income_threshold),
            "committees": [b.name for b in bodies],
        },
    )


@rule(
    "ARC-03", "should", "Audit and risk committee met fewer than 3 times", AREA,
    """The audit and risk committee should meet at least three times a year. This counts its
    meetings held in the 12 months before the check date. It is silent until meetings from before
    that period have been entered (no history yet).""",
    """Schedule the committee's meetings so it meets at least three times a year, and record
    them.""",
)
def arc_03(snapshot, ctx):
    first_day = twelve_months_before(ctx.as_of)
    ctx.read(f"meetings of the audit and risk committee held from {long_date(first_day)} to "
             f"{long_date(ctx.as_of)}")
    for body in arc_bodies(snapshot):
        meetings = snapshot.meetings_by_body.get(body.name, [])
        if not any(m.date < first_day for m in meetings):
            ctx.declare_silent(
                f"no meetings of {body.name} are recorded before {long_date(first_day)} "
                "(no history entered yet)"
            )
            continue
        held = [
            m for m in meetings
            if m.status == MeetingStatus.HELD and within_last_12_months(m.date, ctx.as_of)
        ]
        if len(held) >= 3 and ctx.explaining:
            ctx.passed(ctx.body(body.name), f"met {len(held)} times")
        if len(held) < 3:
            met = {0: "did not meet", 1: "met once", 2: "met twice"}[len(held)]
            yield ctx.finding(
                ctx.body(body.name),
                f"{body.name} {met} in the 12 months to {long_date(ctx.as_of)}; it should meet at "
                "least 3 times a year.",
                {"period_start": iso(first_day), "meetings_held": [m.id for m in held]},
            )


@rule(
    "ARC-04", "should", "Employee on the audit and risk committee", AREA,
    """Members of the audit and risk committee should be independent of the trust's management;
    employees (including the accounting officer) attend to report but are not members.""",
    """Replace the employee on the committee with an independent trustee or co-opted member; they
    can still attend to report.""",
)
def arc_04(snapshot, ctx):
    seen: set[str] = set()
    ctx.read(f"members of the audit and risk committee in office on {long_date(ctx.as_of)} and the "
             "employment records in force then")
    for body in arc_bodies(snapshot):
        for person_id in snapshot.committee_members_in_office(ctx.as_of, body.name):
            if person_id not in seen and not ctx.facts.is_employee(person_id) and ctx.explaining:
                ctx.passed(ctx.person(person_id), f"on {body.name}; not an employee")
            if person_id in seen or not ctx.facts.is_employee(person_id):
                continue
            seen.add(person_id)
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} is on {body.name} and is an employee of the trust.",
                {"committee": body.name, "employment": ctx.facts.employment_evidence(person_id)},
            )


@rule(
    "ARC-05", "should", "Chair of trustees chairs the audit committee", AREA,
    """The chair of trustees should not chair the audit and risk committee, so the committee can
    challenge the board's leadership independently.""",
    """Appoint another trustee (or a suitably skilled co-opted member) to chair the committee.""",
)
def arc_05(snapshot, ctx):
    chairs = set(ctx.facts.holders(Role.CHAIR_OF_TRUSTEES))
    ctx.read(f"the chair of trustees and the chair of the audit and risk committee on {long_date(ctx.as_of)}")
    for body in arc_bodies(snapshot):
        for person_id in ctx.facts.holders(Role.COMMITTEE_CHAIR, body.name):
            if person_id in chairs:
                yield ctx.finding(
                    ctx.person(person_id),
                    f"{ctx.facts.name(person_id)} is chair of trustees and chairs {body.name}.",
                    {"committee": body.name},
                )


@rule(
    "ARC-06", "must", "Internal scrutiny not by an internal audit function", AREA,
    """From 1 September 2025, a trust whose last audited income exceeds the threshold (£50 million
    by default) must have its internal scrutiny delivered by an internal audit function.""",
    """Commission an internal audit function (in-house or outsourced) and record it as the
    internal scrutiny provider in the trust settings.""",
)
def arc_06(snapshot, ctx):
    settings = ctx.settings
    ctx.read("the last audited income, the ARC income threshold and the internal scrutiny provider "
             "in the trust settings")
    if ctx.as_of < INTERNAL_AUDIT_RULE_FROM or not _income_over_threshold(settings):
        if ctx.explaining:
            ctx.passed(ctx.trust(), "before 1 September 2025" if ctx.as_of < INTERNAL_AUDIT_RULE_FROM else
                       "last audited income is not recorded or not over the threshold")
        return
    provider = settings.internal_scrutiny_provider
    if provider == ScrutinyProvider.INTERNAL_AUDIT:
        return
    said = f"is recorded as '{provider}'" if provider else "is not recorded"
    yield ctx.finding(
        ctx.trust(),
        f"The trust's last audited income of {pounds(settings.last_audited_income)} exceeds "
        f"{pounds(settings.arc_income_threshold)}, and its internal scrutiny provider {said} rather "
        "than an internal audit function.",
        {
            "last_audited_income": money(settings.last_audited_income),
            "threshold": money(settings.arc_income_threshold),
            "internal_scrutiny_provider": str(provider) if provider else None,
        },
    )
