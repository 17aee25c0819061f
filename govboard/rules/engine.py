"""Running the rules over a snapshot: ordering, acknowledgements and --fail-on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from govboard.domain.enums import Severity
from govboard.domain.gc_pause import gc_paused
from govboard.domain.model import Finding, RuleInfo
from govboard.domain.snapshot import TrustSnapshot

from .base import REGISTRY, RuleContext, RunState

RULES_VERSION = "1"
FAIL_ON_LEVELS = ("must", "should", "advice", "never")


@dataclass(frozen=True)
class CheckResult:
    """The findings of one run, the as-of date, and the rules that were silent for lack of history."""

    findings: list[Finding]
    as_of: date
    silent: list[tuple[str, str]] = field(default_factory=list)  # (rule ID, reason)
    rules_version: str = RULES_VERSION

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

    Raises ValueError naming an unknown rule ID in `only`.
    """
    with gc_paused():
        return _run_checks(snapshot, as_of, only)


def _run_checks(snapshot: TrustSnapshot, as_of: date, only: Iterable[str] | None) -> CheckResult:
    state = RunState(snapshot, as_of)
    acknowledgements = snapshot.acknowledgement_by_subject
    findings: dict[tuple[str, str, str], Finding] = {}
    for rule_id in _selected(only):
        registered = REGISTRY[rule_id]
        ctx = RuleContext(as_of, snapshot.settings, registered.info, state)
        for finding in registered.check(snapshot, ctx):
            if finding.identity in findings:
                continue  # one finding per (rule, subject); rules are written to give one anyway
            ack = acknowledgements.get(finding.identity)
            if ack is not None and ack.active(as_of):
                finding = replace(finding, acknowledged=True, acknowledgement=ack)
            findings[finding.identity] = finding
    ordered = sorted(findings.values(), key=Finding.sort_key)
    return CheckResult(findings=ordered, as_of=as_of, silent=list(state.silent))


def catalogue() -> list[RuleInfo]:
    """Every rule, sorted by ID."""
    return [REGISTRY[rule_id].info for rule_id in sorted(REGISTRY)]


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
