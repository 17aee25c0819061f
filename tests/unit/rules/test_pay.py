from dataclasses import replace
from datetime import date
from decimal import Decimal

from govboard.domain.enums import Attendance, BodyType, Relationship, Severity
from govboard.domain.model import Body, PayDecision, PersonRelationship

from .factory import pounds


def _decision(trust, **changes):
    trust.pay_decisions = [replace(d, **changes) if d.id == "D1" else d for d in trust.pay_decisions]


def test_pay_01_no_evidence(trust):
    assert not trust.fires("PAY-01")
    _decision(trust, evidence="  ")
    [finding] = trust.findings("PAY-01")
    assert (finding.subject.kind, finding.subject.key) == ("pay_decision", "D1")


def test_pay_rules_ignore_non_executive_decisions(trust):
    trust.pay_decisions.append(PayDecision("D2", "H1", date(2025, 9, 1), pounds(90_000),
                                           executive=False, salary_before=pounds(80_000)))
    assert not any(trust.fires(r) for r in ("PAY-01", "PAY-02", "PAY-03", "PAY-05"))


def test_executive_by_role_on_effective_date(trust):
    trust.pay_decisions.append(PayDecision("D2", "CFO", date(2025, 9, 1), pounds(90_000)))
    assert [f.subject.key for f in trust.findings("PAY-01")] == ["D2"]


def test_pay_02_pay_policy(trust):
    assert not trust.fires("PAY-02")
    trust.set(pay_policy_approved_on=date(2025, 10, 2))  # after the meeting on 2025-10-01
    [finding] = trust.findings("PAY-02")
    assert finding.evidence == {"decided_on": "2025-10-01", "pay_policy_approved_on": "2025-10-02"}
    trust.set(pay_policy_approved_on=None)
    assert "no pay policy" in trust.findings("PAY-02")[0].message


def test_pay_02_and_03_apply_from_september_2025(trust):
    trust.set(pay_policy_approved_on=None)
    _decision(trust, effective_date=date(2025, 8, 31), decided_by="Remuneration committee")
    assert not trust.fires("PAY-02")
    assert not trust.fires("PAY-03")


def test_pay_03_full_board(trust):
    trust.bodies.append(Body("Remuneration committee", BodyType.REMUNERATION))
    _decision(trust, decided_by="Remuneration committee")
    [finding] = trust.findings("PAY-03")
    assert "Remuneration committee" in finding.message
    _decision(trust, decided_by=None)
    assert trust.fires("PAY-03")


def test_pay_04_subject_present_but_recorded_as_withdrawing_is_silent(trust):
    # v2: a decision that records that they withdrew never fires on meeting attendance alone.
    assert not trust.fires("PAY-04")
    trust.attend("B6", "CEO", Attendance.PRESENT)
    assert not trust.fires("PAY-04")


def test_pay_04_subject_present_with_nothing_said_is_advice(trust):
    trust.attend("B6", "CEO", Attendance.PRESENT)
    _decision(trust, subject_withdrew=None)
    [finding] = trust.findings("PAY-04")
    assert finding.severity == Severity.ADVICE
    assert finding.evidence["not_recorded"] == ["CEO"]
    assert "record whether they withdrew" in finding.message


def test_pay_04_relative_present(trust):
    trust.relationships.append(PersonRelationship("T5", "CEO", Relationship.SIBLING))
    [finding] = trust.findings("PAY-04")  # T5 is present at B6; the decision speaks for the CEO only
    assert finding.severity == Severity.ADVICE
    assert "Xena Ford (a relative)" in finding.message


def test_pay_04_did_not_withdraw(trust):
    _decision(trust, subject_withdrew=False)
    [finding] = trust.findings("PAY-04")
    assert finding.severity == Severity.MUST
    _decision(trust, subject_withdrew=None)
    assert not trust.fires("PAY-04")  # not at the meeting, nothing said


def test_pay_05_rise_above_teachers_award(trust):
    _decision(trust, salary_after=pounds(124_800))  # 4.00%: equal to the award
    assert not trust.fires("PAY-05")
    _decision(trust, salary_after=pounds(124_900))
    [finding] = trust.findings("PAY-05")
    assert finding.severity == Severity.SHOULD
    assert finding.evidence["teachers_award_percent"] == str(Decimal("4.0"))


def test_pay_05_no_award_recorded(trust):
    _decision(trust, salary_after=pounds(200_000))
    trust.pay_awards.clear()
    assert not trust.fires("PAY-05")


def test_pay_06_high_salary(trust):
    _decision(trust, salary_after=pounds("149999.99"))
    assert not trust.fires("PAY-06")
    _decision(trust, salary_after=pounds(150_000))
    [finding] = trust.findings("PAY-06")
    assert finding.subject.kind == "trust"


def test_pay_06_two_in_band(trust):
    trust.pay_decisions.append(PayDecision("D2", "CFO", date(2025, 9, 1), pounds(99_999)))
    assert not trust.fires("PAY-06")
    trust.pay_decisions.append(PayDecision("D3", "CFO", date(2025, 12, 1), pounds(100_000)))
    assert trust.fires("PAY-06")  # latest decision is current


def test_pay_06_ignores_people_who_left(trust):
    _decision(trust, salary_after=pounds(200_000))
    trust.remove_roles("CEO")
    trust.employment = [e for e in trust.employment if e.person_id != "CEO"]
    assert not trust.fires("PAY-06")


def test_pay_06_uses_latest_decision_to_date(trust):
    trust.pay_decisions.append(PayDecision("D2", "CEO", date(2026, 9, 1), pounds(200_000),
                                           executive=True))
    assert not trust.fires("PAY-06")  # effective after as_of
