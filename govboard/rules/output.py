"""Check results and the rule catalogue as JSON (formats.md section 4) and as readable text."""

from __future__ import annotations

import textwrap

from govboard.domain.enums import Severity
from govboard.domain.model import Finding

from .engine import CheckResult, catalogue

_SEVERITY_HEADINGS = {
    Severity.MUST: "MUST: requirements not met",
    Severity.SHOULD: "SHOULD: strong expectations not met",
    Severity.ADVICE: "ADVICE: heads-up",
}


def finding_to_json(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "title": finding.title,
        "message": finding.message,
        "subject": {
            "kind": finding.subject.kind,
            "key": finding.subject.key,
            "label": finding.subject.label,
        },
        "evidence": finding.evidence,
        "citation": finding.citation,
        "remedy": finding.remedy,
        "acknowledged": finding.acknowledged,
    }


def result_to_json(result: CheckResult, trust_name: str) -> dict:
    """The object `govboard-cli check --format json` prints."""
    return {
        "trust": trust_name,
        "as_of": result.as_of.isoformat(),
        "rules_version": result.rules_version,
        "counts": result.counts(),
        "findings": [finding_to_json(f) for f in result.findings],
    }


def _wrap(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, width=96, initial_indent=indent, subsequent_indent=indent) or [indent]


def format_text(result: CheckResult, trust_name: str, explain: bool = False) -> str:
    """Readable text: a summary line, then findings grouped by severity, a few lines each.

    With `explain`, each rule that gave a finding is explained once, and rules that stayed
    silent for lack of data are listed with the reason.
    """
    counts = result.counts()
    lines = [
        f"{trust_name}: governance check as at {result.as_of.isoformat()} (rules v{result.rules_version})",
        f"{counts['must']} must, {counts['should']} should, {counts['advice']} advice",
    ]
    if not result.findings:
        lines += ["", "No findings."]
    explained: set[str] = set()
    info = {r.id: r for r in catalogue()} if explain else {}
    for severity in Severity:
        group = [f for f in result.findings if f.severity == severity]
        if not group:
            continue
        lines += ["", _SEVERITY_HEADINGS[severity], "-" * len(_SEVERITY_HEADINGS[severity])]
        for f in group:
            ack = " [acknowledged]" if f.acknowledged else ""
            lines.append(f"{f.rule} {f.title} - {f.subject.label or f.subject.key}{ack}")
            lines += _wrap(f.message, "    ")
            lines += _wrap(f"What to do: {f.remedy}", "    ")
            lines += _wrap(f"Source: {f.citation}", "    ")
            if f.acknowledged and f.acknowledgement is not None:
                ack_by = f" by {f.acknowledgement.acknowledged_by}" if f.acknowledgement.acknowledged_by else ""
                until = (f" until {f.acknowledgement.expires_on.isoformat()}"
                         if f.acknowledgement.expires_on else "")
                lines += _wrap(f"Acknowledged{ack_by}{until}: {f.acknowledgement.reason}", "    ")
            if explain and f.rule not in explained:
                explained.add(f.rule)
                lines += _wrap(f"Why this matters: {info[f.rule].explanation}", "    ")
    if explain:
        lines += ["", "Rules silent for lack of data", "-----------------------------"]
        if result.silent:
            for rule_id, reason in result.silent:
                lines += _wrap(f"{rule_id}: {reason}", "  ")
        else:
            lines.append("  None: every rule had the data it needs.")
    return "\n".join(lines) + "\n"


def catalogue_to_json() -> list[dict]:
    """What `govboard-cli rules --format json` prints: one entry per rule."""
    return [
        {
            "id": r.id,
            "severity": r.severity.value,
            "title": r.title,
            "citation": r.citation,
            "explanation": r.explanation,
        }
        for r in catalogue()
    ]


def format_catalogue_text() -> str:
    """Every rule, grouped by area (areas in the order of their first rule ID)."""
    by_area: dict[str, list] = {}
    for r in catalogue():
        by_area.setdefault(r.area, []).append(r)
    lines: list[str] = []
    for area, rules in by_area.items():
        if lines:
            lines.append("")
        lines += [area, "-" * len(area)]
        for r in rules:
            severities = " / ".join(s.value for s in r.severities)
            lines.append(f"{r.id} [{severities}] {r.title}")
            lines += _wrap(r.explanation, "    ")
            lines += _wrap(f"Source: {r.citation}", "    ")
    return "\n".join(lines) + "\n"
