"""Running the rules over a snapshot: ordering, acknowledgements and --fail-on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from govboard.domain.enums import HandbookEdition, Severity
from govboard.domain.gc_pause import gc_paused
from govboard.domain.model import Finding, RuleInfo, Subject
from govboard.domain.snapshot import TrustSnapshot

from .base import REGISTRY, RuleContext, RunState, Trace
from .citations import LATEST_EDITION, citation, edition_for

RULES_VERSION = "2"
FAIL_ON_LEVELS = ("must", "should", "advice", "never")


@dataclass(frozen=True)
class CheckResult:
    """The findings of one run, the as-of date, and the rules that were silent for lack of history."""

    findings: list[Finding]
    as_of: date
    silent: list[tuple[str, str]] = field(default_factory=list)  # (rule ID, reason)
    rules_version: str = RULES_VERSION
    handbook_edition: HandbookEdition = LATEST_EDITION  # the edition the citations come from

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out


def _selected(only: Iterable[str] | None) -> list[str]:
    if only is None:
        return sorted(REGISTRY)
    wanted = []
    for rule_id in only:
        key = str(rule_id).strip().upper()
        if key not in REGISTRY:
            raise ValueError(f"'{rule_id}' is not a rule (see `govboard-cli rules`)")
        if key not in wanted:
            wanted.append(key)
    return sorted(wanted)


def run_checks(
    snapshot: TrustSnapshot, as_of: date, *, only: Iterable[str] | None = None
) -> CheckResult:
    """Run every rule (or only the rules named) over `snapshot` as at `as_of`.

    Citations come from the handbook edition the trust's settings choose, else the one in force
    on as_of. Raises ValueError naming an unknown rule ID in `only`.
    """
    with gc_paused():
        return _run_checks(snapshot, as_of, only)


def _state(snapshot: TrustSnapshot, as_of: date) -> RunState:
    return RunState(snapshot, as_of, edition_for(as_of, snapshot.settings.handbook_edition))


def _run_checks(snapshot: TrustSnapshot, as_of: date, only: Iterable[str] | None) -> CheckResult:
    state = _state(snapshot, as_of)
    acknowledgements = snapshot.acknowledgement_by_subject
    findings: dict[tuple[str, str, str], Finding] = {}
    for rule_id in _selected(only):
        registered = REGISTRY[rule_id]
        ctx = RuleContext(as_of, snapshot.settings, registered.info, state)
        for finding in registered.check(snapshot, ctx):
            if finding.identity in findings:
                continue  # one finding per (rule, subject); rules are written to give one anyway
            findings[finding.identity] = _acknowledged(finding, acknowledgements, as_of)
    ordered = sorted(findings.values(), key=Finding.sort_key)
    return CheckResult(findings=ordered, as_of=as_of, silent=list(state.silent),
                       handbook_edition=state.edition)


def _acknowledged(finding: Finding, acknowledgements: dict, as_of: date) -> Finding:
    ack = acknowledgements.get(finding.identity)
    if ack is not None and ack.active(as_of):
        return replace(finding, acknowledged=True, acknowledgement=ack)
    return finding


def catalogue(edition: HandbookEdition | str | None = None) -> list[RuleInfo]:
    """Every rule, sorted by ID, citing `edition` (default: the latest edition)."""
    infos = [REGISTRY[rule_id].info for rule_id in sorted(REGISTRY)]
    if edition is None or HandbookEdition(edition) == LATEST_EDITION:
        return infos
    return [replace(info, citation=citation(info.id, edition)) for info in infos]


# --- explanations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    """Why one rule fired or stayed silent as at a date: what it read, the findings it gave, the
    subjects it weighed and passed (with the reason), and any silence for lack of data."""

    rule: RuleInfo  # citing the run's edition
    as_of: date
    handbook_edition: HandbookEdition
    read: list[str]
    findings: list[Finding]
    passed: list[tuple[Subject, str]]
    silent: list[str]  # reasons the rule could not run (history caveat, no snapshot)

    def about(self, kind: str, key: str) -> tuple[Finding | None, str | None]:
        """(the finding, or the reason it passed) for one subject; (None, None) when the rule
        did not weigh it."""
        for f in self.findings:
            if (f.subject.kind, f.subject.key) == (kind, key):
                return f, None
        for subject, why in self.passed:
            if (subject.kind, subject.key) == (kind, key):
                return None, why
        return None, None


def explain_rules(snapshot: TrustSnapshot, as_of: date, rule_ids: Iterable[str]) -> list[Explanation]:
    """Run the rules named, tracing what each read and weighed, and explain each one.

    Raises ValueError naming an unknown rule ID.
    """
    out = []
    state = _state(snapshot, as_of)
    acknowledgements = snapshot.acknowledgement_by_subject
    for rule_id in _selected(list(rule_ids)):
        registered = REGISTRY[rule_id]
        trace = Trace()
        ctx = RuleContext(as_of, snapshot.settings, registered.info, state, trace)
        silent_before = len(state.silent)
        found: dict[tuple[str, str, str], Finding] = {}
        for finding in registered.check(snapshot, ctx):
            found.setdefault(finding.identity, _acknowledged(finding, acknowledgements, as_of))
        fired = {(f.subject.kind, f.subject.key) for f in found.values()}
        passed, seen = [], set()
        for subject, why in trace.passed:
            key = (subject.kind, subject.key)
            if key not in fired and key not in seen:  # one reason per subject, the first given
                seen.add(key)
                passed.append((subject, why))
        out.append(Explanation(
            rule=replace(registered.info, citation=citation(rule_id, state.edition)),
            as_of=as_of,
            handbook_edition=state.edition,
            read=list(trace.read),
            findings=sorted(found.values(), key=Finding.sort_key),
            passed=passed,
            silent=[why for _, why in state.silent[silent_before:]],
        ))
    return out


def fails(result: CheckResult, fail_on: str) -> bool:
    """True when an unacknowledged finding is at or above `fail_on` (must | should | advice);
    never for "never"."""
    level = str(fail_on).strip().casefold()
    if level not in FAIL_ON_LEVELS:
        raise ValueError(f"'{fail_on}' is not one of: {', '.join(FAIL_ON_LEVELS)}")
    if level == "never":
        return False
    worst = Severity(level).rank
    return any(not f.acknowledged and f.severity.rank <= worst for f in result.findings)
