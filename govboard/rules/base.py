"""The rule registry, the context a rule runs in, and small helpers every rule family uses.

A rule is a pure function `(snapshot, ctx) -> Iterable[Finding]`, registered with `@rule(...)`.
It never reads the clock, the database or Qt: `ctx.as_of` is the date it checks "as at" and
`ctx.settings` the trust's settings. Findings are made with `ctx.finding(...)`, which fills in
the rule's title, citation and remedy so every face shows the same words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from govboard.domain.enums import (
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    Role,
    Severity,
)
from govboard.domain.model import (
    Appointment,
    Finding,
    RuleInfo,
    Subject,
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.domain.tenure import continuous_start, merged_spans  # noqa: F401 - rule modules import them here

from .citations import CITATIONS

RuleFunction = Callable[[TrustSnapshot, "RuleContext"], Iterable[Finding]]


@dataclass(frozen=True)
class RegisteredRule:
    """A rule function with its catalogue entry."""

    info: RuleInfo
    check: RuleFunction


REGISTRY: dict[str, RegisteredRule] = {}


def rule(
    id: str,
    severity: Severity | str | Sequence[Severity | str],
    title: str,
    area: str,
    explanation: str,
    remedy: str,
) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule. `severity` is one severity, or all the severities it can give
    (e.g. ("must", "advice")); the catalogue shows the most serious."""
    raw = [severity] if isinstance(severity, (str, Severity)) else list(severity)
    severities = tuple(sorted({Severity(s) for s in raw}, key=lambda s: s.rank))
    if id in REGISTRY:
        raise ValueError(f"rule {id} is registered twice")
    info = RuleInfo(
        id=id,
        severity=severities[0],
        title=title,
        citation=CITATIONS[id],  # KeyError here means the citation table lacks the rule
        explanation=" ".join(explanation.split()),
        remedy=" ".join(remedy.split()),
        area=area,
        severities=severities,
    )

    def register(check: RuleFunction) -> RuleFunction:
        REGISTRY[id] = RegisteredRule(info, check)
        return check

    return register


# --- the context a rule runs in -----------------------------------------------------------------


@dataclass
class RunState:
    """What one run of the checks shares between rules: derived facts and declared silences."""

    snapshot: TrustSnapshot
    as_of: date
    silent: list[tuple[str, str]] = field(default_factory=list)

    @cached_property
    def facts(self) -> Facts:
        return Facts(self.snapshot, self.as_of)


@dataclass(frozen=True)
class RuleContext:
    """What a rule sees besides the snapshot: the date, settings, its own info and shared facts."""

    as_of: date
    settings: TrustSettings
    info: RuleInfo
    state: RunState

    @property
    def facts(self) -> Facts:
        return self.state.facts

    def declare_silent(self, reason: str) -> None:
        """Say the rule is silent for lack of data (history caveat, no GIAS or CH snapshot)."""
        self.state.silent.append((self.info.id, reason))

    def finding(
        self,
        subject: Subject,
        message: str,
        evidence: dict | None = None,
        severity: Severity | str | None = None,
    ) -> Finding:
        return Finding(
            rule=self.info.id,
            severity=Severity(severity) if severity else self.info.severity,
            title=self.info.title,
            message=message,
            subject=subject,
            evidence=evidence or {},
            citation=self.info.citation,
            remedy=self.info.remedy,
        )

    # Subjects, labelled with human text.

    def person(self, person_id: str) -> Subject:
        return Subject("person", person_id, self.facts.name(person_id))

    def body(self, name: str) -> Subject:
        return Subject("body", name, name)

    def trust(self) -> Subject:
        name = self.settings.name or "The trust"
        return Subject("trust", name, name)


# --- facts derived once per run -----------------------------------------------------------------

GOVERNOR_ROLES = frozenset({Role.MEMBER}) | TRUSTEE_ROLES | LOCAL_GOVERNOR_ROLES
"""Roles that make someone a member, trustee or local governor (with role implication)."""


class Facts:
    """Questions many rules ask about the trust on as_of, answered once."""

    def __init__(self, snapshot: TrustSnapshot, as_of: date):
        self.snapshot = snapshot
        self.as_of = as_of

    def name(self, person_id: str) -> str:
        return self.snapshot.person_label(person_id)

    @cached_property
    def members(self) -> dict[str, list[Appointment]]:
        return self.snapshot.members_in_office(self.as_of)

    @cached_property
    def trustees(self) -> dict[str, list[Appointment]]:
        return self.snapshot.trustees_in_office(self.as_of)

    @cached_property
    def trustee_appointments(self) -> list[Appointment]:
        """Every trustee-role appointment ever (chair and vice-chair count as trustee)."""
        by_role = self.snapshot.appointments_by_role
        return [a for role in TRUSTEE_ROLES for a in by_role.get(role, ())]

    @cached_property
    def governor_appointments_by_person(self) -> dict[str, list[Appointment]]:
        """Member, trustee and local-governor appointments (any date), by person."""
        out: dict[str, list[Appointment]] = {}
        by_role = self.snapshot.appointments_by_role
        for role in GOVERNOR_ROLES:
            for a in by_role.get(role, ()):
                out.setdefault(a.person_id, []).append(a)
        return out

    @cached_property
    def governors(self) -> dict[str, list[Appointment]]:
        """Members, trustees and local governors in office on as_of, by person."""
        out: dict[str, list[Appointment]] = {}
        for pid, appts in self.governor_appointments_by_person.items():
            current = [a for a in appts if a.in_office(self.as_of)]
            if current:
                out[pid] = current
        return out

    def holders(self, role: Role, body: str | None = None) -> list[str]:
        return self.snapshot.holders(role, self.as_of, body)

    def is_employee(self, person_id: str) -> bool:
        return self.snapshot.is_employee(person_id, self.as_of)

    def employment_evidence(self, person_id: str) -> list[dict]:
        return [
            {"job_title": e.job_title, "academy_urn": e.academy_urn, "start": iso(e.start)}
            for e in self.snapshot.employment_by_person.get(person_id, ())
            if e.in_force(self.as_of)
        ]


# --- helpers ------------------------------------------------------------------------------------


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def long_date(d: date) -> str:
    """'3 March 2025' (no platform-specific strftime flags: the app runs on Windows too)."""
    return f"{d.day} {d:%B %Y}"


def money(pence: int) -> str:
    """'£40,000.01' from 4000001 pence."""
    sign = "-" if pence < 0 else ""
    pounds, pennies = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"


def names_list(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
