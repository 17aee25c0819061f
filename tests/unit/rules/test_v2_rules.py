"""The rules rulebook v2 adds: EXE-04, GP-03, ROI-03 and BRD-05 (firing, silent and boundary)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from govboard.domain.enums import Direction, Relationship, Role, Severity
from govboard.domain.model import (
    Employment,
    Interest,
    Payment,
    PersonRelationship,
    RptAgreement,
    RptValue,
)

from .factory import AS_OF, GOVERNOR_START, TERM_END, pounds


def _off_payroll(trust, person_id="CEO", start=date(2025, 9, 1), approved=date(2025, 8, 20),
                 ends=None, end=None):
    """Replace the person's employment with one off-payroll engagement."""
    trust.employment = [e for e in trust.employment if e.person_id != person_id]
    trust.employment.append(Employment(person_id, "Interim chief executive, through own company",
                                       start, end=end, off_payroll=True,
                                       offpayroll_approval_on=approved, approval_ends_on=ends))


# --- EXE-04 --------------------------------------------------------------------------------------


def test_exe_04_silent_for_employees_and_approved_engagements(trust):
    assert not trust.fires("EXE-04")  # the CEO and CFO are employees
    _off_payroll(trust)  # approved 20 August 2025, before the start on 1 September 2025
    assert not trust.fires("EXE-04")


def test_exe_04_no_employment_at_all(trust):
    trust.employment = [e for e in trust.employment if e.person_id != "CFO"]
    [finding] = trust.findings("EXE-04")
    assert finding.subject.key == "CFO" and finding.severity == Severity.MUST
    assert finding.message == (
        "Frank Osei is the chief financial officer but has no employment with the trust in force "
        "on 1 March 2026, and no DfE approval of an off-payroll appointment is recorded.")


def test_exe_04_off_payroll_without_approval(trust):
    _off_payroll(trust, approved=None)
    [finding] = trust.findings("EXE-04")
    assert finding.message == (
        "Carol Evans has been the accounting officer through an off-payroll engagement since "
        "1 September 2025 (Interim chief executive, through own company), and no DfE approval is "
        "recorded.")
    assert finding.evidence["engagements"][0]["off_payroll"] is True


def test_exe_04_approval_on_the_start_day_counts_but_not_the_day_after(trust):
    _off_payroll(trust, approved=date(2025, 9, 1))
    assert not trust.fires("EXE-04")
    _off_payroll(trust, approved=date(2025, 9, 2))
    [finding] = trust.findings("EXE-04")
    assert "dated 2 September 2025, after the engagement started on 1 September 2025" in finding.message


def test_exe_04_an_approval_lasts_at_most_12_months(trust):
    start = date(2025, 3, 1)
    _off_payroll(trust, start=start, approved=date(2025, 2, 1), ends=date(2027, 1, 1))
    assert not trust.fires("EXE-04", as_of=date(2026, 2, 28))  # the last day of 12 months
    [finding] = trust.findings("EXE-04", as_of=date(2026, 3, 1))
    assert "ran out on 28 February 2026 (an approval lasts at most 12 months)" in finding.message


def test_exe_04_recorded_approval_end(trust):
    _off_payroll(trust, start=date(2025, 9, 1), approved=date(2025, 8, 1), ends=date(2026, 2, 28))
    [finding] = trust.findings("EXE-04")  # as at 1 March 2026
    assert "ran out on 28 February 2026." in finding.message
    assert not trust.fires("EXE-04", as_of=date(2026, 2, 28))


def test_exe_04_a_renewal_is_a_new_engagement_with_its_own_approval(trust):
    _off_payroll(trust, start=date(2024, 9, 1), approved=date(2024, 8, 1), end=date(2025, 8, 31))
    trust.employment.append(Employment("CEO", "Interim CEO (renewed)", date(2025, 9, 1), off_payroll=True,
                                       offpayroll_approval_on=date(2025, 8, 15)))
    assert not trust.fires("EXE-04")


def test_exe_04_an_approval_dated_after_as_of_is_no_evidence(trust):
    _off_payroll(trust, start=date(2026, 3, 1), approved=date(2026, 3, 2))
    [finding] = trust.findings("EXE-04")
    assert "no DfE approval is recorded" in finding.message
    assert finding.evidence["engagements"][0]["dfe_approval_on"] is None


def test_exe_04_other_roles_are_out_of_scope(trust):
    trust.employment = [e for e in trust.employment if e.person_id != "H1"]  # a headteacher
    assert not trust.fires("EXE-04")


# --- GP-03 ---------------------------------------------------------------------------------------


def test_gp_03_clerk_related_to_the_chair(trust):
    assert not trust.fires("GP-03")
    trust.relationships.append(PersonRelationship("T1", "GP", Relationship.CHILD))
    [finding] = trust.findings("GP-03")
    assert (finding.subject.key, finding.severity) == ("GP", Severity.ADVICE)
    assert finding.message == ("Gill Price, the board's governance professional, is recorded as the "
                               "child of Tom Chair (chair of trustees).")


def test_gp_03_relatives_of_local_governors_or_ended_ties_do_not_count(trust):
    trust.relationships.append(PersonRelationship("L2", "GP", Relationship.SIBLING))
    trust.relationships.append(PersonRelationship("T3", "GP", Relationship.SPOUSE, end=date(2026, 2, 28)))
    trust.relationships.append(PersonRelationship("T4", "GP", Relationship.PARTNER, start=date(2026, 3, 2)))
    assert not trust.fires("GP-03")


def test_gp_03_interest_in_a_supplier(trust):
    trust.interests.append(Interest("GP", "Price Governance Services Ltd", company_number="11223344",
                                    start=date(2021, 1, 1)))
    assert not trust.fires("GP-03")  # never paid
    trust.payments.append(Payment("PY9", date(2025, 3, 1), "PRICE GOVERNANCE SERVICES", pounds(600)))
    assert not trust.fires("GP-03")  # paid more than 12 months before as_of
    trust.payments.append(Payment("PY10", date(2025, 3, 2), "Price Governance Services", pounds(600)))
    [finding] = trust.findings("GP-03")
    assert finding.message == (
        "Gill Price, the board's governance professional, has an interest in Price Governance "
        "Services Ltd, which supplies the trust (paid £600 in the 12 months to 1 March 2026).")


def test_gp_03_ignores_a_clerk_of_an_lgb(trust):
    trust.person("GP2", "Hal", "Chair")
    trust.role("GP2", Role.GOVERNANCE_PROFESSIONAL, "Oak Primary LGB", start=date(2020, 1, 1))
    trust.relationships.append(PersonRelationship("T1", "GP2", Relationship.CHILD))
    assert not trust.fires("GP-03")


# --- ROI-03 --------------------------------------------------------------------------------------


def _agreement(trust, person_id="T3", org="Ward Consulting Ltd", confirmed=date(2025, 10, 1), **kw):
    trust.rpt_agreements.append(RptAgreement("R9", org, Direction.EXPENDITURE, related_person_id=person_id,
                                             confirmed_on=confirmed, **kw))
    trust.rpt_values.append(RptValue("R9", "2025/26", pounds(1_000)))


def test_roi_03_related_person_registered_no_interest(trust):
    assert not trust.fires("ROI-03")  # A1: Una Reed's interest in Smith Partnership
    _agreement(trust)
    [finding] = trust.findings("ROI-03")
    assert (finding.subject.kind, finding.subject.key, finding.severity) == ("rpt", "R9", Severity.MUST)
    assert finding.message == (
        "Agreement R9 with Ward Consulting Ltd, confirmed on 1 October 2025, names Vic Stone as the "
        "related person, but the register of interests shows no interest of theirs in Ward "
        "Consulting Ltd on that date.")


def test_roi_03_interest_must_be_in_force_on_confirmation(trust):
    _agreement(trust)
    trust.interests.append(Interest("T3", "WARD CONSULTING", start=date(2025, 10, 2)))
    [finding] = trust.findings("ROI-03")
    assert "(an interest was registered only from 2 October 2025)" in finding.message
    trust.interests[-1] = replace(trust.interests[-1], start=date(2025, 10, 1))
    assert not trust.fires("ROI-03")


def test_roi_03_a_relatives_interest_covers_it(trust):
    trust.person("S1", "Sue", "Stone")
    trust.interests.append(Interest("S1", "Ward Consulting", start=date(2020, 1, 1)))
    _agreement(trust)
    assert trust.fires("ROI-03")
    trust.relationships.append(PersonRelationship("T3", "S1", Relationship.SPOUSE))
    assert not trust.fires("ROI-03")


def test_roi_03_company_number_decides_when_both_have_one(trust):
    trust.interests.append(Interest("T3", "WC Holdings", company_number="5550001", start=date(2020, 1, 1)))
    _agreement(trust, company_number="05550001")
    assert not trust.fires("ROI-03")
    trust.rpt_agreements[-1] = replace(trust.rpt_agreements[-1], company_number="05550002")
    assert trust.fires("ROI-03")


def test_roi_03_unnamed_undated_or_later_agreements_are_silent(trust):
    _agreement(trust, person_id=None)
    trust.rpt_agreements.append(RptAgreement("R10", "Ward Consulting", Direction.EXPENDITURE,
                                             related_person_id="T3", confirmed_on=None))
    trust.rpt_agreements.append(RptAgreement("R11", "Ward Consulting", Direction.EXPENDITURE,
                                             related_person_id="T3", confirmed_on=date(2026, 3, 2)))
    assert not trust.fires("ROI-03")


# --- BRD-05 --------------------------------------------------------------------------------------


def _replace_trustees(trust, leavers, on, joiners_from=None):
    """End `leavers`' trustee terms on `on` and appoint as many new trustees the next day."""
    for person_id in leavers:
        trust.change_roles(person_id, Role.TRUSTEE, end=on)
    day = joiners_from or on + timedelta(days=1)
    for n, _ in enumerate(leavers, 1):
        trust.governor(f"N{n}", "New", f"Trustee{n}", Role.TRUSTEE, start=day)


def test_brd_05_board_replaced_within_weeks(trust):
    assert not trust.fires("BRD-05")
    _replace_trustees(trust, ["T3", "T4"], date(2025, 11, 10), joiners_from=date(2025, 12, 1))
    [finding] = trust.findings("BRD-05")
    assert (finding.subject.kind, finding.subject.key, finding.severity) == ("body", "Board", Severity.ADVICE)
    assert finding.evidence["trustees_at_start"] == 6
    assert [p["person"] for p in finding.evidence["left"]] == ["T3", "T4"]
    assert [p["person"] for p in finding.evidence["joined"]] == ["N1", "N2"]
    assert finding.message == ("Between 10 November 2025 and 8 January 2026, 2 trustees left and 2 "
                               "were appointed: 4 changes on a board of 6.")


def test_brd_05_boundary_half_the_board(trust):
    # A board of 6: two changes (one left, one joined) are a third; three are half.
    trust.change_roles("T5", Role.TRUSTEE, end=date(2025, 11, 10))
    trust.governor("N1", "New", "One", Role.TRUSTEE, start=date(2025, 11, 20))
    assert not trust.fires("BRD-05")
    trust.governor("N2", "New", "Two", Role.TRUSTEE, start=date(2026, 1, 8))  # day 60 from 10 Nov
    assert trust.fires("BRD-05")
    trust.appointments[-1] = replace(trust.appointments[-1], start=date(2026, 1, 9))  # day 61
    assert not trust.fires("BRD-05")


def test_brd_05_reappointments_are_not_changes(trust):
    for person_id in ("T3", "T4", "T5", "T6"):
        trust.change_roles(person_id, Role.TRUSTEE, term_end=date(2025, 11, 30), end=date(2025, 11, 30))
        trust.role(person_id, Role.TRUSTEE, start=date(2025, 12, 1), term_end=date(2029, 11, 30))
    assert not trust.fires("BRD-05")


def test_brd_05_looks_only_at_the_12_months_before_as_of(trust):
    _replace_trustees(trust, ["T3", "T4", "T5"], date(2025, 2, 27))  # changes on 27 and 28 Feb 2025
    assert not trust.fires("BRD-05")
    assert trust.fires("BRD-05", as_of=date(2026, 2, 27))


def test_brd_05_appointments_starting_after_as_of_are_no_evidence(trust):
    trust.governor("N1", "New", "One", Role.TRUSTEE, start=AS_OF + timedelta(days=1))
    trust.governor("N2", "New", "Two", Role.TRUSTEE, start=AS_OF + timedelta(days=2))
    trust.governor("N3", "New", "Three", Role.TRUSTEE, start=AS_OF + timedelta(days=3))
    assert not trust.fires("BRD-05")


@pytest.mark.parametrize("rule_id", ["EXE-04", "GP-03", "ROI-03", "BRD-05"])
def test_new_rules_are_silent_on_the_healthy_trust(trust, rule_id):
    assert not trust.fires(rule_id)
    assert GOVERNOR_START < AS_OF < TERM_END
