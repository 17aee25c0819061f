from dataclasses import replace
from datetime import date

from govboard.domain.enums import DfeApproval, Direction, Exemption, Severity
from govboard.domain.model import RptAgreement, RptValue

from .factory import pounds


def _agreement(trust, agreement_id, values, org="Brown Builders Ltd", **kw):
    fields = dict(
        confirmed_on=date(2025, 10, 1), reported_to_dfe_on=date(2025, 9, 1),
        dfe_approval=DfeApproval.NOT_REQUIRED, at_cost_statement_on=date(2025, 9, 1),
        exemption=Exemption.NONE, conflicted_withdrew=True,
    )
    fields.update(kw)
    trust.rpt_agreements.append(RptAgreement(agreement_id, org, Direction.EXPENDITURE, **fields))
    for year, amount in values.items():
        trust.rpt_values.append(RptValue(agreement_id, year, pounds(amount)))


def _keys(trust, rule_id):
    return [f.subject.key for f in trust.findings(rule_id)]


def test_rpt_01_not_reported_or_late(trust):
    assert not trust.fires("RPT-01")
    _agreement(trust, "R1", {"2025/26": 100}, reported_to_dfe_on=None)
    _agreement(trust, "R2", {"2025/26": 100}, reported_to_dfe_on=date(2025, 10, 2))
    _agreement(trust, "R3", {"2025/26": 100}, reported_to_dfe_on=date(2025, 10, 1))  # same day
    assert _keys(trust, "RPT-01") == ["R1", "R2"]


def test_rpt_01_ignores_income_and_unconfirmed(trust):
    _agreement(trust, "R1", {"2025/26": 100}, reported_to_dfe_on=None)
    trust.rpt_agreements[-1] = replace(trust.rpt_agreements[-1], direction=Direction.INCOME)
    _agreement(trust, "R2", {"2025/26": 100}, reported_to_dfe_on=None, confirmed_on=None)
    _agreement(trust, "R3", {"2025/26": 100}, reported_to_dfe_on=None, confirmed_on=date(2026, 4, 1))
    assert not trust.fires("RPT-01")


def test_rpt_02_threshold_boundary(trust):
    _agreement(trust, "R1", {"2025/26": "40000.00"})
    assert not trust.fires("RPT-02")
    _agreement(trust, "R2", {"2025/26": "40000.01"})
    [finding] = trust.findings("RPT-02")
    assert finding.subject.key == "R2"
    assert "£40,000.01 in 2025/26" in finding.message


def test_rpt_02_per_year_not_total(trust):
    _agreement(trust, "R1", {"2025/26": 30_000, "2026/27": 30_000})
    assert not trust.fires("RPT-02")


def test_rpt_02_novel_or_contentious_needs_approval_at_any_value(trust):
    _agreement(trust, "R1", {"2025/26": 10}, novel_or_contentious=True)
    assert _keys(trust, "RPT-02") == ["R1"]


def test_rpt_02_approval_must_precede_confirmation(trust):
    _agreement(trust, "R1", {"2025/26": 50_000}, dfe_approval=DfeApproval.APPROVED,
               dfe_decision_on=date(2025, 10, 1))
    assert not trust.fires("RPT-02")
    trust.rpt_agreements[-1] = replace(trust.rpt_agreements[-1], dfe_decision_on=date(2025, 10, 2))
    assert "after confirmation" in trust.findings("RPT-02")[0].message


def test_rpt_02_exempt_and_legacy_are_out_of_scope(trust):
    _agreement(trust, "R1", {"2025/26": 50_000}, exemption=Exemption.STATE_FUNDED)
    _agreement(trust, "R2", {"2022/23": 50_000}, confirmed_on=date(2023, 8, 31),
               reported_to_dfe_on=date(2023, 8, 1))
    assert not trust.fires("RPT-02")


def test_rpt_03_legacy_boundary(trust):
    _agreement(trust, "R1", {"2022/23": 25_000}, confirmed_on=date(2023, 8, 31),
               reported_to_dfe_on=date(2023, 8, 1))
    assert _keys(trust, "RPT-03") == ["R1"]
    trust.rpt_agreements[-1] = replace(trust.rpt_agreements[-1], confirmed_on=date(2023, 9, 1))
    assert not trust.fires("RPT-03")


def test_rpt_03_cumulative_with_same_organisation(trust):
    legacy = dict(reported_to_dfe_on=date(2021, 1, 1))
    _agreement(trust, "R1", {"2021/22": 15_000}, org="Brown Builders Ltd",
               confirmed_on=date(2021, 10, 1), **legacy)
    _agreement(trust, "R2", {"2021/22": 5_000}, org="BROWN BUILDERS LIMITED",
               confirmed_on=date(2021, 11, 1), **legacy)
    assert not trust.fires("RPT-03")  # £20,000 exactly is not over
    _agreement(trust, "R3", {"2021/22": "0.01"}, org="The Brown Builders",
               confirmed_on=date(2021, 12, 1), **legacy)
    [finding] = trust.findings("RPT-03")
    assert finding.subject.key == "R3"
    assert finding.evidence["years"][0]["earlier_agreements_total"] == "£20,000.00"


def test_rpt_03_approved_in_time_is_fine(trust):
    _agreement(trust, "R1", {"2021/22": 25_000}, confirmed_on=date(2021, 10, 1),
               reported_to_dfe_on=date(2021, 9, 1), dfe_approval=DfeApproval.APPROVED,
               dfe_decision_on=date(2021, 9, 30))
    assert not trust.fires("RPT-03")


def test_rpt_04_at_cost_statement(trust):
    _agreement(trust, "R1", {"2025/26": 100}, at_cost_statement_on=None)
    _agreement(trust, "R2", {"2025/26": 100}, at_cost_statement_on=None, exemption=Exemption.SPONSOR)
    assert _keys(trust, "RPT-04") == ["R1"]
    trust.set(at_cost_de_minimis=pounds(100))
    assert not trust.fires("RPT-04")


def test_rpt_05_possible_splitting(trust):
    _agreement(trust, "R1", {"2025/26": 25_000}, org="Brown Builders Ltd")
    assert not trust.fires("RPT-05")
    _agreement(trust, "R2", {"2025/26": 15_000}, org="Brown Builders Limited")
    assert not trust.fires("RPT-05")  # £40,000 exactly
    _agreement(trust, "R3", {"2025/26": "0.01"}, org="brown builders")
    [finding] = trust.findings("RPT-05")
    assert (finding.subject.kind, finding.subject.key) == ("organisation", "brown builders")
    assert finding.severity == Severity.ADVICE


def test_rpt_05_silent_when_one_is_over_threshold_alone(trust):
    _agreement(trust, "R1", {"2025/26": 45_000}, org="Brown Builders Ltd")
    _agreement(trust, "R2", {"2025/26": 1_000}, org="Brown Builders Ltd")
    assert not trust.fires("RPT-05")


def test_rpt_05_groups_by_company_number(trust):
    _agreement(trust, "R1", {"2025/26": 25_000}, org="Brown Builders", company_number="07654321")
    _agreement(trust, "R2", {"2025/26": 25_000}, org="BB Construction", company_number="7654321")
    assert len(trust.findings("RPT-05")) == 1


def test_rpt_06_withdrawal(trust):
    _agreement(trust, "R1", {"2025/26": 100}, conflicted_withdrew=False)
    # v2 reads withdrawal per item, as PAY-04: "does not say" is advice only for a conflicted
    # person who attended the deciding meeting (T3 is present at B6), silent otherwise.
    _agreement(trust, "R2", {"2025/26": 100}, conflicted_withdrew=None, related_person_id="T3",
               decision_meeting_id="B6")
    _agreement(trust, "R3", {"2025/26": 100}, conflicted_withdrew=None)
    findings = {f.subject.key: f.severity for f in trust.findings("RPT-06")}
    assert findings == {"R1": Severity.MUST, "R2": Severity.ADVICE}
