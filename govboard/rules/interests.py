"""Register of interests (ROI): declarations up to date and interests fully described."""

from __future__ import annotations

from functools import cached_property

from govboard.domain.dates import within_last_12_months
from govboard.domain.enums import Role, Severity

from .base import GOVERNOR_ROLES, iso, long_date, names_list, rule

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
    scope = InterestScope(snapshot, ctx.as_of)
    for person_id in scope.people:
        last = scope.last_declaration(person_id)
        if within_last_12_months(last, ctx.as_of):
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
    scope = InterestScope(snapshot, ctx.as_of)
    for person_id in scope.people:
        incomplete = []
        for interest in snapshot.interests_by_person.get(person_id, ()):
            if not interest.current(ctx.as_of):
                continue
            missing = [
                label for attr, label in _REQUIRED_FIELDS if _blank(getattr(interest, attr))
            ]
            if missing:
                incomplete.append((interest, missing))
        if not incomplete:
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
