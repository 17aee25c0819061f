"""Check results and the rule catalogue as JSON (formats.md section 4) and as readable text."""

from __future__ import annotations

import json
import textwrap

from govboard.domain.enums import Severity
from govboard.domain.model import Finding

from .engine import CheckResult, Explanation, catalogue

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
        f"{trust_name}: governance check as at {result.as_of.isoformat()} (rules v{result.rules_version}, "
        f"citing the Academy Trust Handbook {result.handbook_edition})",
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


# --- explanations (`govboard-cli check --explain RULE`) -----------------------------------------


def _bullet(text: str) -> list[str]:
    return textwrap.wrap(text, width=96, initial_indent="  - ", subsequent_indent="    ")


def _subject_words(subject) -> str:
    label = subject.label or subject.key
    return label if label == subject.key else f"{label} ({subject.kind.replace('_', ' ')} {subject.key})"


def format_explanations(explanations: list[Explanation], trust_name: str) -> str:
    """Each rule explained: when it fires, what it read, the subjects it fired for (message and
    evidence) and those it weighed and passed, with the reason."""
    lines: list[str] = []
    for ex in explanations:
        r = ex.rule
        severities = " / ".join(s.value for s in r.severities)
        heading = f"{r.id} {r.title} [{severities}]"
        if lines:
            lines.append("")
        lines += [heading, "=" * len(heading)]
        lines += _wrap(f"{trust_name}, as at {ex.as_of.isoformat()}; citations from the Academy Trust "
                       f"Handbook {ex.handbook_edition}.", "")
        lines += _wrap(f"When it fires: {r.explanation}", "")
        lines += _wrap(f"Source: {r.citation}", "")
        lines += ["", "What it read:"]
        if ex.read:
            for text in ex.read:
                lines += _bullet(text)
        else:
            lines.append("  - what 'When it fires' above names (this rule does not list its reading yet)")
        for reason in ex.silent:
            lines += _bullet(f"It could not run: {reason}.")
        lines += ["", f"Fired for ({len(ex.findings)}):"]
        if not ex.findings:
            lines.append("  (nothing)")
        for f in ex.findings:
            ack = " [acknowledged]" if f.acknowledged else ""
            lines += _bullet(f"{_subject_words(f.subject)} [{f.severity.value}]{ack}: {f.message}")
            for key, value in (f.evidence or {}).items():
                lines += textwrap.wrap(f"{key}: {json.dumps(value, ensure_ascii=False)}", width=96,
                                       initial_indent="      ", subsequent_indent="        ")
        lines += ["", f"Weighed and passed ({len(ex.passed)}):"]
        if not ex.passed:
            lines.append("  (no subject listed: it either fired for every subject it weighed, had "
                         "none to weigh, or does not list them)" if ex.read else
                         "  (this rule does not list the subjects it passed)")
        for subject, why in ex.passed:
            lines += _bullet(f"{_subject_words(subject)}: {why}")
    return "\n".join(lines) + "\n"


def explanations_to_json(explanations: list[Explanation]) -> list[dict]:
    """The `explanations` list `check --format json --explain` adds to its object."""
    return [
        {
            "rule": ex.rule.id,
            "title": ex.rule.title,
            "citation": ex.rule.citation,
            "handbook_edition": str(ex.handbook_edition),
            "when_it_fires": ex.rule.explanation,
            "read": list(ex.read),
            "could_not_run": list(ex.silent),
            "fired": [finding_to_json(f) for f in ex.findings],
            "passed": [
                {"subject": {"kind": s.kind, "key": s.key, "label": s.label}, "why": why}
                for s, why in ex.passed
            ],
        }
        for ex in explanations
    ]
