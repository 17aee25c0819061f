from dataclasses import replace
from datetime import date

from govboard.domain.enums import BodyType, Role, ScrutinyProvider
from govboard.domain.model import Body
from govboard.rules import run_checks

from .factory import ARC, AS_OF, pounds


def test_arc_01_no_audit_committee(trust):
    assert not trust.fires("ARC-01")
    trust.bodies = [b for b in trust.bodies if b.name != ARC]
    [finding] = trust.findings("ARC-01")
    assert finding.subject.kind == "trust"


def test_arc_01_combined_committee_counts(trust):
    trust.bodies = [replace(b, type=BodyType.FINANCE_AND_AUDIT) if b.name == ARC else b
                    for b in trust.bodies]
    assert not trust.fires("ARC-01")


def test_arc_02_combined_committee_above_threshold(trust):
    trust.bodies = [replace(b, type=BodyType.FINANCE_AND_AUDIT) if b.name == ARC else b
                    for b in trust.bodies]
    trust.set(last_audited_income=pounds(50_000_000))
    assert not trust.fires("ARC-02")  # not above the threshold
    trust.set(last_audited_income=pounds("50000000.01"))
    [finding] = trust.findings("ARC-02")
    assert "£50,000,000.01" in finding.message


def test_arc_02_dedicated_committee_is_fine(trust):
    trust.set(last_audited_income=pounds(80_000_000))
    assert not trust.fires("ARC-02")


def test_arc_03_meetings_in_last_12_months(trust):
    assert not trust.fires("ARC-03")  # A2, A3, A4
    trust.meetings = [m for m in trust.meetings if m.id != "A2"]
    [finding] = trust.findings("ARC-03")
    assert (finding.subject.kind, finding.subject.key) == ("body", ARC)


def test_arc_03_history_caveat(trust):
    trust.meetings = [m for m in trust.meetings if m.id not in ("A1", "A2")]
    result = run_checks(trust.snapshot(), AS_OF, only=["ARC-03"])
    assert result.findings == []
    assert [rule_id for rule_id, _ in result.silent] == ["ARC-03"]


def test_arc_04_employee_on_committee(trust):
    assert not trust.fires("ARC-04")
    trust.role("CFO", Role.COMMITTEE_MEMBER, ARC, start=date(2025, 1, 1))
    [finding] = trust.findings("ARC-04")
    assert finding.subject.key == "CFO"


def test_arc_05_chair_of_trustees_chairs_arc(trust):
    assert not trust.fires("ARC-05")
    trust.remove_roles("T2", Role.COMMITTEE_CHAIR)
    trust.role("T1", Role.COMMITTEE_CHAIR, ARC, start=date(2025, 9, 15))
    [finding] = trust.findings("ARC-05")
    assert finding.subject.key == "T1"


def test_arc_06_internal_audit_above_threshold_from_september_2025(trust):
    trust.set(last_audited_income=pounds(60_000_000), internal_scrutiny_provider=ScrutinyProvider.OTHER)
    assert trust.fires("ARC-06")
    assert not trust.fires("ARC-06", as_of=date(2025, 8, 31))
    trust.set(internal_scrutiny_provider=ScrutinyProvider.INTERNAL_AUDIT)
    assert not trust.fires("ARC-06")
    trust.set(internal_scrutiny_provider=None)
    assert trust.fires("ARC-06")


def test_arc_06_below_threshold(trust):
    trust.set(internal_scrutiny_provider=ScrutinyProvider.OTHER)
    assert not trust.fires("ARC-06")


def test_arc_rules_ignore_other_committees(trust):
    trust.bodies.append(Body("Finance committee", BodyType.FINANCE, tor_reviewed_on=date(2025, 10, 1)))
    assert not any(trust.fires(r) for r in ("ARC-01", "ARC-03", "ARC-04", "ARC-05"))
