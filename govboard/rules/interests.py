"""Register of interests (ROI): declarations up to date and interests fully described."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from govboard.domain.dates import within_last_12_months
from govboard.domain.enums import Role, Severity
from govboard.domain.model import Subject
from govboard.domain.names import normalise_company_number, normalise_org

from .base import GOVERNOR_ROLES, iso, long_date, names_list, plural, rule

AREA = "Register of interests"
SCOPE_ROLES = GOVERNOR_ROLES | {Role.ACCOUNTING_OFFICER, Role.CHIEF_FINANCIAL_OFFICER}
NEW_APPOINTEE_DAYS = 28


class InterestScope:
    """People whose interests must be registered on a date, with their in-scope appointments."""

    def __init__(self, snapshot, as_of):
        self.snapshot = snapshot
        self.as_of = as_of

    @cached_property
    def appointments_by_person(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for role in SCOPE_ROLES:
            for a in self.snapshot.appointments_by_role.get(role, ()):
                out.setdefault(a.person_id, []).append(a)
        return out

    @cached_property
    def people(self) -> list[str]:
        """Person IDs in scope on as_of, in a stable order."""
        return sorted(
            pid for pid, appts in self.appointments_by_person.items()
            if any(a.in_office(self.as_of) for a in appts)
        )

    def first_start(self, person_id: str):
        return min(a.start for a in self.appointments_by_person[person_id])

    def last_declaration(self, person_id: str):
        dates = [
            d.declared_on for d in self.snapshot.declarations_by_person.get(person_id, ())
            if d.declared_on <= self.as_of
        ]
        return max(dates) if dates else None


@rule(
    "ROI-01", ("must", "advice"), "Declaration of interests not made in 12 months", AREA,
    """Members, trustees, local governors, the accounting officer and the chief financial officer
    must declare their business and pecuniary interests (or that they have nothing to declare) at
    least every 12 months. Someone appointed within the last 28 days gets advice rather than a
    must, to allow time for their first declaration.""",
    """Ask the person for a declaration of interests (recording "nothing to declare" where that is
    the answer) and enter it in the register.""",
)
def roi_01(snapshot, ctx):
    scope = ctx.state.shared("interest_scope", lambda: InterestScope(snapshot, ctx.as_of))
    if ctx.explaining:
        later = ctx.facts.later_count(snapshot.declarations, lambda d: d.declared_on)
        ctx.read(f"{plural(len(scope.people), 'person', 'people')} in scope of the register on "
                 f"{long_date(ctx.as_of)} (members, trustees, local governors, the accounting officer "
                 "and the CFO) and their declarations dated on or before it"
                 + (f" ({plural(later, 'later declaration')} not counted)" if later else ""))
    for person_id in scope.people:
        last = scope.last_declaration(person_id)
        if within_last_12_months(last, ctx.as_of):
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), f"declared on {long_date(last)}, within the 12 months")
            continue
        first = scope.first_start(person_id)
        is_new = (ctx.as_of - first).days < NEW_APPOINTEE_DAYS
        name = ctx.facts.name(person_id)
        if last is None:
            message = f"{name} has no declaration of interests recorded."
        else:
            message = f"{name}'s last declaration of interests was on {long_date(last)}, more than 12 months ago."
        if is_new:
            message += f" They were appointed on {long_date(first)}, so it is due soon."
        yield ctx.finding(
            ctx.person(person_id),
            message,
            {"last_declared_on": iso(last), "first_appointed_on": iso(first)},
            Severity.ADVICE if is_new else Severity.MUST,
        )


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_REQUIRED_FIELDS = (
    ("organisation", "organisation"),
    ("nature_of_business", "nature of business"),
    ("nature_of_interest", "nature of interest"),
    ("start", "start date"),
)


@rule(
    "ROI-02", "must", "Interest incompletely described", AREA,
    """Each registered interest must give the organisation, the nature of its business, the
    nature of the person's interest and when it started, so readers can judge possible conflicts.""",
    """Complete the missing details of the interest in the register.""",
)
def roi_02(snapshot, ctx):
    scope = ctx.state.shared("interest_scope", lambda: InterestScope(snapshot, ctx.as_of))
    ctx.read(f"the current interests of the {plural(len(scope.people), 'person', 'people')} in scope "
             f"of the register on {long_date(ctx.as_of)} (interests registered from a later date are "
             "not yet in it)")
    for person_id in scope.people:
        incomplete = []
        for interest in snapshot.interests_by_person.get(person_id, ()):
            if not interest.current(ctx.as_of):
                continue
            if interest.start is not None and interest.start > ctx.as_of:
                continue  # registered from a later date: not in the register yet (rulebook v2)
            missing = [
                label for attr, label in _REQUIRED_FIELDS if _blank(getattr(interest, attr))
            ]
            if missing:
                incomplete.append((interest, missing))
        if not incomplete:
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), "every current interest gives organisation, nature "
                           "of business, nature of interest and start date")
            continue
        parts = [
            f"{interest.organisation or 'an unnamed organisation'} lacks {names_list(missing)}"
            for interest, missing in incomplete
        ]
        yield ctx.finding(
            ctx.person(person_id),
            f"{ctx.facts.name(person_id)}'s register of interests is incomplete: {'; '.join(parts)}.",
            {
                "interests": [
                    {"organisation": interest.organisation, "missing": missing}
                    for interest, missing in incomplete
                ]
            },
        )


def _covers(interest, agreement) -> bool:
    """The interest names the agreement's organisation: on company number when both have one,
    else on the normalised organisation name (as RPT-07 matches payees)."""
    if interest.company_number and agreement.company_number:
        return (normalise_company_number(interest.company_number)
                == normalise_company_number(agreement.company_number))
    return normalise_org(interest.organisation) == normalise_org(agreement.related_organisation)


@rule(
    "ROI-03", "must", "Related party with no registered interest", AREA,
    """A related-party agreement names the person who makes it related. The register of interests
    must then show an interest of that person (or of someone recorded as their relative) in the
    related organisation, in force on the date the agreement was confirmed. Organisations are
    matched on company number where both have one, otherwise on the name ignoring case,
    punctuation and words such as "Ltd". Agreements with no related person or no confirmation date,
    or confirmed after the check date, are not looked at.""",
    """Record the person's interest in the organisation in the register of interests, with the
    date it began, and ask why it was not declared; if the agreement names the wrong person,
    correct it.""",
)
def roi_03(snapshot, ctx):
    as_of = ctx.as_of
    ctx.read(f"related-party agreements confirmed on or before {long_date(as_of)} that name a "
             "related person, and the register of interests of that person and their recorded "
             "relatives on each confirmation date")
    for a in sorted(snapshot.rpt_agreements, key=lambda a: a.id):
        subject = Subject("rpt", a.id, f"Agreement {a.id} with {a.related_organisation}")
        if not a.related_person_id or a.confirmed_on is None or a.confirmed_on > as_of:
            if ctx.explaining:
                ctx.passed(subject, "no related person is named" if not a.related_person_id else
                           "no confirmation date is recorded" if a.confirmed_on is None else
                           f"confirmed after {long_date(as_of)}")
            continue
        on = a.confirmed_on
        holders = [a.related_person_id] + [
            rel.related_person_id if rel.person_id == a.related_person_id else rel.person_id
            for rel in snapshot.relationships_by_person.get(a.related_person_id, ())
            if rel.in_force(on)
        ]
        naming = [i for pid in dict.fromkeys(holders)
                  for i in snapshot.interests_by_person.get(pid, ()) if _covers(i, a)]
        in_force = [i for i in naming if i.in_force(on)]
        name = ctx.facts.name(a.related_person_id)
        if in_force:
            i = in_force[0]
            whose = "their" if i.person_id == a.related_person_id else f"{ctx.facts.name(i.person_id)}'s"
            if ctx.explaining:
                ctx.passed(subject, f"{whose} interest in {i.organisation}"
                           + (f", registered from {long_date(i.start)}" if i.start else "")
                           + f", was in force on {long_date(on)}")
            continue
        # Interests naming the organisation but not in force then: say when they ran (as far as
        # as_of: a record dated later is no evidence).
        known = [i for i in naming if i.start is None or i.start <= as_of]
        notes = []
        for i in sorted(known, key=lambda i: (i.start or date.min)):
            whose = "" if i.person_id == a.related_person_id else f" ({ctx.facts.name(i.person_id)})"
            if i.start and i.start > on:
                notes.append(f"an interest{whose} was registered only from {long_date(i.start)}")
            elif i.end and i.end < on:
                notes.append(f"an interest{whose} ended on {long_date(i.end)}")
        message = (f"Agreement {a.id} with {a.related_organisation}, confirmed on {long_date(on)}, "
                   f"names {name} as the related person, but the register of interests shows no "
                   f"interest of theirs in {a.related_organisation} on that date")
        message += f" ({'; '.join(notes)})." if notes else "."
        yield ctx.finding(
            subject,
            message,
            {
                "related_person": a.related_person_id,
                "confirmed_on": iso(on),
                "interests_naming_it": [
                    {"person": i.person_id, "organisation": i.organisation,
                     "start": iso(i.start), "end": iso(i.end)}
                    for i in known
                ],
            },
        )
