"""The governance linter: pure rules over a trust snapshot (rulebook v2).

    result = run_checks(snapshot, as_of)           # CheckResult: findings, silent, as_of, edition
    explain_rules(snapshot, as_of, ["TRU-05"])     # Explanations: what each read, fired, passed
    fails(result, "must")                          # the CLI's --fail-on
    catalogue()                                    # every rule's RuleInfo, by ID
    due_soon(snapshot, as_of, days=90)             # DueItems for the dashboard and board pack

Rules never read the clock, the database or Qt. The rule families register themselves on import.
"""

from __future__ import annotations

from . import (  # noqa: F401 - importing a family registers its rules
    arc,
    checks,
    filings,
    interests,
    meetings,
    members,
    officers,
    pay,
    payments,
    rpt,
    sod,
    trustees,
)
from .due import due_soon
from .engine import (
    FAIL_ON_LEVELS,
    RULES_VERSION,
    CheckResult,
    Explanation,
    catalogue,
    explain_rules,
    fails,
    run_checks,
)

__all__ = [
    "FAIL_ON_LEVELS",
    "RULES_VERSION",
    "CheckResult",
    "Explanation",
    "catalogue",
    "explain_rules",
    "due_soon",
    "fails",
    "run_checks",
]
