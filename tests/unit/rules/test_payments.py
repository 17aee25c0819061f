"""RPT-07 (payments to a related organisation) and RPT-08 (payments to a related person), v2."""

from datetime import date

import pytest

from govboard.domain.enums import Relationship, Role, Severity
from govboard.domain.model import Interest, Payment, PersonRelationship

from .factory import AS_OF, pounds


def _payment(trust, payment_id, on, supplier, amount=1_200, company_number=None, agreement_id=None):
    trust.payments.append(Payment(payment_id, on, supplier, pounds(amount),
                                  company_number=company_number, agreement_id=agreement_id))


def _keys(trust, rule_id):
    return [f.subject.key for f in trust.findings(rule_id)]


# --- RPT-07 --------------------------------------------------------------------------------------


def test_rpt_07_unlinked_payment_to_a_trustees_company(trust):
    assert not trust.fires("RPT-07")  # PY1 is linked to A1
    _payment(trust, "PY9", date(2025, 12, 1), "The Smith Partnership Ltd")
    [finding] = trust.findings("RPT-07")
    assert (finding.subject.kind, finding.subject.key) == ("organisation", "smith partnership")
    assert finding.subject.label == "Smith Partnership Limited"
    assert finding.severity == Severity.SHOULD
    assert finding.message == (
        "Smith Partnership Limited was paid £1,200 on 1 December 2025 outside any related-party "
        "agreement (2025/26). It is a registered interest of Una Reed (trustee).")
    assert finding.evidence["payments"] == [
        {"payment": "PY9", "date": "2025-12-01", "amount": "£1,200.00", "financial_year": "2025/26",
         "supplier": "The Smith Partnership Ltd"}]
    assert finding.evidence["interests"][0]["matched_on"] == "name"


def test_rpt_07_one_finding_per_organisation_with_its_payments_and_years(trust):
    for n in range(1, 13):  # monthly, across two financial years
        _payment(trust, f"PM{n:02d}", date(2025, 3 + n - 1, 1) if n <= 10 else date(2026, n - 10, 1),
                 "Smith Partnership Ltd", amount=1_000)
    [finding] = trust.findings("RPT-07")
    assert len(finding.evidence["payments"]) == 12
    assert finding.evidence["totals_by_year"] == {"2024/25": "£6,000.00", "2025/26": "£6,000.00"}
    assert "in 12 payments between 1 March 2025 and 1 February 2026" in finding.message
    assert "(£6,000 in 2024/25; £6,000 in 2025/26)" in finding.message


def test_rpt_07_must_above_the_threshold_in_one_financial_year(trust):
    _payment(trust, "PY9", date(2025, 10, 1), "Smith Partnership Ltd", amount=20_000)
    _payment(trust, "PY10", date(2026, 1, 1), "Smith Partnership Ltd", amount=20_000)
    [finding] = trust.findings("RPT-07")
    assert finding.severity == Severity.SHOULD  # £40,000 exactly is not over
    _payment(trust, "PY11", date(2026, 2, 1), "Smith Partnership Ltd", amount="0.01")
    [finding] = trust.findings("RPT-07")
    assert finding.severity == Severity.MUST
    assert finding.message.endswith("It was paid more than £40,000 in 2025/26, which needs the DfE's approval.")


def test_rpt_07_years_are_not_added_together(trust):
    _payment(trust, "PY9", date(2025, 8, 31), "Smith Partnership Ltd", amount=30_000)  # 2024/25
    _payment(trust, "PY10", date(2025, 9, 1), "Smith Partnership Ltd", amount=30_000)  # 2025/26
    [finding] = trust.findings("RPT-07")
    assert finding.severity == Severity.SHOULD


def test_rpt_07_ignores_payments_after_as_of(trust):
    _payment(trust, "PY9", date(2026, 3, 2), "Smith Partnership Ltd", amount=50_000)
    assert not trust.fires("RPT-07")
    _payment(trust, "PY10", AS_OF, "Smith Partnership Ltd")  # on as_of counts
    [finding] = trust.findings("RPT-07")
    assert [p["payment"] for p in finding.evidence["payments"]] == ["PY10"]
    assert finding.severity == Severity.SHOULD


def test_rpt_07_day_before_interest_starts_does_not_match(trust):
    trust.interests.append(Interest("T3", "Ward Consulting", nature_of_business="Consulting",
                                    nature_of_interest="Owner", start=date(2025, 6, 1)))
    _payment(trust, "PY9", date(2025, 5, 31), "Ward Consulting Ltd")
    assert not trust.fires("RPT-07")
    _payment(trust, "PY10", date(2025, 6, 1), "Ward Consulting Ltd")
    [finding] = trust.findings("RPT-07")
    assert finding.subject.key == "ward consulting"
    assert [p["payment"] for p in finding.evidence["payments"]] == ["PY10"]


def test_rpt_07_company_number_decides_when_both_have_one(trust):
    _payment(trust, "PY9", date(2025, 12, 1), "SPL Group", company_number="1234567")
    _payment(trust, "PY10", date(2025, 12, 1), "Smith Partnership Ltd", company_number="09999999")
    [finding] = trust.findings("RPT-07")
    assert [p["payment"] for p in finding.evidence["payments"]] == ["PY9"]
    assert finding.evidence["interests"][0]["matched_on"] == "company number"


def test_rpt_07_relatives_interests(trust):
    trust.person("R1", "Rita", "Reed")
    trust.interests.append(Interest("R1", "Reed Catering", nature_of_business="Catering",
                                    nature_of_interest="Owner", start=date(2020, 1, 1)))
    _payment(trust, "PY9", date(2025, 12, 1), "Reed Catering")
    assert not trust.fires("RPT-07")
    trust.relationships.append(PersonRelationship("T2", "R1", Relationship.SPOUSE))
    [finding] = trust.findings("RPT-07")
    assert "It is a registered interest of Rita Reed, the spouse or civil partner of Una Reed (trustee)." \
        in finding.message


def test_rpt_07_senior_employees_and_their_relatives_are_related_persons(trust):
    """v2: the accounting officer and CFO are in scope, not only members, trustees and governors."""
    trust.person("MUM", "Margaret", "Evans")
    trust.relationships.append(PersonRelationship("CEO", "MUM", Relationship.PARENT))
    trust.interests.append(Interest("MUM", "Evans Tutoring", start=date(2019, 1, 1)))
    trust.interests.append(Interest("CFO", "Osei Advisory", start=date(2019, 1, 1)))
    _payment(trust, "PY9", date(2025, 12, 1), "Evans Tutoring Ltd")
    _payment(trust, "PY10", date(2025, 12, 2), "OSEI ADVISORY LIMITED")
    by_key = {f.subject.key: f for f in trust.findings("RPT-07")}
    assert set(by_key) == {"evans tutoring", "osei advisory"}
    assert "Margaret Evans, the parent of Carol Evans (accounting officer and chief executive)" \
        in by_key["evans tutoring"].message
    assert "Frank Osei (chief financial officer)" in by_key["osei advisory"].message


def test_rpt_07_holder_must_be_in_office_on_payment_date(trust):
    _payment(trust, "PY9", date(2023, 8, 31), "Smith Partnership Ltd")  # T2 joined 2023-09-01
    assert not trust.fires("RPT-07")


@pytest.mark.parametrize("supplier", ["Smithson Ltd", "Smith Partners"])
def test_rpt_07_similar_names_do_not_match(trust, supplier):
    _payment(trust, "PY9", date(2025, 12, 1), supplier)
    assert not trust.fires("RPT-07")


# --- RPT-08 --------------------------------------------------------------------------------------


def test_rpt_08_payment_to_a_relative_by_name(trust):
    trust.person("MUM", "Margaret", "Evans")
    _payment(trust, "PY9", date(2025, 12, 1), "Mrs Margaret Evans", amount="395.58")
    assert not trust.fires("RPT-08")  # not recorded as anyone's relative
    trust.relationships.append(PersonRelationship("CEO", "MUM", Relationship.PARENT))
    [finding] = trust.findings("RPT-08")
    assert (finding.subject.kind, finding.subject.key) == ("payment", "PY9")
    assert finding.severity == Severity.SHOULD
    assert finding.message == (
        "Payment PY9 of £395.58 on 1 December 2025 to Mrs Margaret Evans is not linked to any "
        "related-party agreement; the payee is Margaret Evans, the parent of Carol Evans "
        "(accounting officer and chief executive).")


@pytest.mark.parametrize("payee", ["Una Reed", "REED, Una", "Dr Una Reed", "ÚNA REED"])
def test_rpt_08_payment_to_a_trustee_by_name(trust, payee):
    _payment(trust, "PY9", date(2025, 12, 1), payee)
    [finding] = trust.findings("RPT-08")
    assert finding.message.endswith("the payee is Una Reed (trustee).")


@pytest.mark.parametrize("payee", ["U Reed", "Reed", "Una Reeds", "Una Reed Ltd"])
def test_rpt_08_initials_and_other_names_do_not_match(trust, payee):
    _payment(trust, "PY9", date(2025, 12, 1), payee)
    assert not trust.fires("RPT-08")


def test_rpt_08_linked_later_or_out_of_office_payments_are_silent(trust):
    _payment(trust, "PY9", date(2025, 12, 1), "Una Reed", agreement_id="A1")
    _payment(trust, "PY10", date(2026, 3, 2), "Una Reed")  # after as_of
    _payment(trust, "PY11", date(2023, 8, 31), "Una Reed")  # before she was a trustee
    assert not trust.fires("RPT-08")
    _payment(trust, "PY12", AS_OF, "Una Reed")
    assert _keys(trust, "RPT-08") == ["PY12"]


def test_rpt_08_people_with_no_related_role_are_silent(trust):
    trust.person("X1", "Xavier", "Nobody")
    _payment(trust, "PY9", date(2025, 12, 1), "Xavier Nobody")
    assert not trust.fires("RPT-08")
    trust.role("X1", Role.CHIEF_FINANCIAL_OFFICER, start=date(2025, 12, 2))  # a day too late
    assert not trust.fires("RPT-08")
