from dataclasses import replace
from datetime import date

from govboard.domain.enums import Role, Severity
from govboard.domain.model import Interest


def _declarations_of(trust, person_id, *dates):
    trust.declarations = [d for d in trust.declarations if d.person_id != person_id]
    for on in dates:
        trust.declare(person_id, on)


def test_roi_01_declaration_within_12_months(trust):
    _declarations_of(trust, "T3", date(2025, 3, 2))
    assert not trust.fires("ROI-01")
    _declarations_of(trust, "T3", date(2025, 3, 1))
    [finding] = trust.findings("ROI-01")
    assert finding.severity == Severity.MUST
    assert finding.evidence["last_declared_on"] == "2025-03-01"


def test_roi_01_scope_includes_officers(trust):
    _declarations_of(trust, "CFO")
    _declarations_of(trust, "GP")  # the clerk is not in scope
    _declarations_of(trust, "H1")  # nor is a headteacher who is not a governor
    assert [f.subject.key for f in trust.findings("ROI-01")] == ["CFO"]


def test_roi_01_new_appointee_gets_advice(trust):
    trust.person("N1", "New", "Trustee")
    trust.role("N1", Role.TRUSTEE, start=date(2026, 2, 2), term_end=date(2030, 2, 1))  # 27 days ago
    [finding] = trust.findings("ROI-01")
    assert finding.severity == Severity.ADVICE
    trust.change_roles("N1", Role.TRUSTEE, start=date(2026, 2, 1))  # 28 days ago
    assert trust.findings("ROI-01")[0].severity == Severity.MUST


def test_roi_01_future_declaration_does_not_count(trust):
    _declarations_of(trust, "T3", date(2026, 3, 2))
    assert trust.fires("ROI-01")


def test_roi_02_incomplete_interest(trust):
    assert not trust.fires("ROI-02")
    trust.interests.append(Interest("T3", "Ward Consulting", nature_of_business="Consultancy"))
    [finding] = trust.findings("ROI-02")
    assert finding.evidence["interests"] == [
        {"organisation": "Ward Consulting", "missing": ["nature of interest", "start date"]}
    ]


def test_roi_02_ended_interest_is_not_current(trust):
    trust.interests.append(Interest("T3", "Old Co", end=date(2026, 2, 28)))
    assert not trust.fires("ROI-02")
    trust.interests = [replace(i, end=date(2026, 3, 1)) if i.organisation == "Old Co" else i
                       for i in trust.interests]
    assert trust.fires("ROI-02")
