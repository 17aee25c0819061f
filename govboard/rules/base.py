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
    HandbookEdition,
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

from .citations import CITATIONS, LATEST_EDITION, citation

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
    """What one run of the checks shares between rules: derived facts, declared silences and the
    handbook edition its citations come from."""

    snapshot: TrustSnapshot
    as_of: date
    edition: HandbookEdition = LATEST_EDITION
    silent: list[tuple[str, str]] = field(default_factory=list)

    memo: dict = field(default_factory=dict)

    @cached_property
    def facts(self) -> Facts:
        return Facts(self.snapshot, self.as_of)

    def shared(self, key: str, make: Callable[[], object]):
        """A value several rules derive the same way, made once per run."""
        value = self.memo.get(key)
        if value is None:
            value = self.memo[key] = make()
        return value


@dataclass
class Trace:
    """What a rule read and why it stayed silent for each subject it weighed, collected only when
    someone asks for an explanation (`govboard-cli check --explain RULE`, the Findings page), so
    the ordinary check does none of this work."""

    read: list[str] = field(default_factory=list)
    passed: list[tuple[Subject, str]] = field(default_factory=list)


@dataclass(frozen=True)
class RuleContext:
    """What a rule sees besides the snapshot: the date, settings, its own info and shared facts."""

    as_of: date
    settings: TrustSettings
    info: RuleInfo
    state: RunState
    trace: Trace | None = None

    @property
    def facts(self) -> Facts:
        return self.state.facts

    def declare_silent(self, reason: str) -> None:
        """Say the rule is silent for lack of data (history caveat, no GIAS or CH snapshot)."""
        self.state.silent.append((self.info.id, reason))

    # Explanations. Rules write `if ctx.explaining:` around anything costly to say.

    @property
    def explaining(self) -> bool:
        return self.trace is not None

    def read(self, text: str) -> None:
        """Note what the rule read ("12 trustees in office on 1 March 2026")."""
        if self.trace is not None:
            self.trace.read.append(text)

    def passed(self, subject: Subject, why: str) -> None:
        """Note a subject the rule weighed and stayed silent for, and why."""
        if self.trace is not None:
            self.trace.passed.append((subject, why))

    def past(self, d: date | None) -> date | None:
        """`d` if it is on or before as_of, else None: a record dated later is no evidence
        (rulebook v2 convention)."""
        return d if d is not None and d <= self.as_of else None

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
            citation=citation(self.info.id, self.state.edition),
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

    # Dated registers as they stood on as_of: a record dated later is no evidence (v2).

    @cached_property
    def checks_by_person(self) -> dict[str, list]:
        """Safeguarding checks dated on or before as_of, by person."""
        as_of = self.as_of
        if not any(c.date > as_of for c in self.snapshot.checks):
            return self.snapshot.checks_by_person  # nothing later to leave out (the usual case)
        out: dict[str, list] = {}
        for person_id, checks in self.snapshot.checks_by_person.items():
            kept = [c for c in checks if c.date <= as_of]
            if kept:
                out[person_id] = kept
        return out

    def checks_of(self, person_id: str, kind) -> list:
        return [c for c in self.checks_by_person.get(person_id, ()) if c.kind == kind]

    @cached_property
    def payments(self) -> list:
        """Payments dated on or before as_of, in ledger order."""
        as_of = self.as_of
        return [p for p in self.snapshot.payments if p.date <= as_of]

    def later_count(self, records, when) -> int:
        """How many of `records` are dated after as_of by `when(record)` (for explanations)."""
        as_of = self.as_of
        return sum(1 for r in records if (d := when(r)) is not None and d > as_of)


# --- helpers ------------------------------------------------------------------------------------


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(d: date) -> str:
    """'3 March 2025', in English whatever the machine's locale (strftime's %B is not), and with
    no platform-specific strftime flags: the app runs on Windows too."""
    return f"{d.day} {_MONTHS[d.month]} {d.year}"


def money(pence: int) -> str:
    """'£40,000.01' from 4000001 pence."""
    sign = "-" if pence < 0 else ""
    pounds, pennies = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{pennies:02d}"


def pounds(pence: int) -> str:
    """Money as a clerk writes it in a sentence: '£150,000' for whole pounds, else '£4,747.50'.
    (Evidence keeps `money`'s exact pence.)"""
    whole, pennies = divmod(abs(pence), 100)
    sign = "-" if pence < 0 else ""
    return f"{sign}£{whole:,}" if not pennies else f"{sign}£{whole:,}.{pennies:02d}"


def is_are(count: int) -> str:
    return "is" if count == 1 else "are"


def names_list(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"
