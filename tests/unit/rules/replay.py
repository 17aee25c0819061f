"""Replay cases: five published DfE/ESFA investigation findings about real academy trusts, rebuilt
as small trusts with invented names and the real structure and events (issue 14). Each names the
real failure it encodes and the findings govboard must give for it.

Every case starts from the healthy trust of `factory` (on which no rule fires) and adds only what
the investigation found, so the findings expected are the whole story.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from govboard.domain.enums import CheckKind, Direction, Relationship, Role, Severity
from govboard.domain.model import (
    Employment,
    Interest,
    Payment,
    PersonRelationship,
    RptAgreement,
    RptValue,
)
from govboard.domain.snapshot import TrustSnapshot

from .factory import AS_OF, TrustBuilder, healthy, pounds


@dataclass(frozen=True)
class ReplayCase:
    name: str
    failure: str  # the published finding, in brief
    must_fire: dict[tuple[str, str], Severity]  # (rule, subject key) -> severity
    builder: Callable[[], TrustBuilder]
    as_of: date = AS_OF
    also: frozenset[str] = field(default_factory=frozenset)  # other rules that may fairly fire

    def build(self) -> TrustSnapshot:
        return self.builder().snapshot()


def _interim_ao_through_own_company() -> TrustBuilder:
    t = healthy()
    # The permanent chief executive left at Christmas 2024; an interim was engaged in January.
    t.change_roles("CEO", Role.ACCOUNTING_OFFICER, end=date(2024, 12, 31))
    t.change_roles("CEO", Role.CHIEF_EXECUTIVE, end=date(2024, 12, 31))
    t.employment = [replace_end(e, date(2024, 12, 31)) if e.person_id == "CEO" else e for e in t.employment]
    t.pay_decisions = []  # the interim's fees were never a pay decision
    t.person("IAO", "Declan", "Doyle")
    t.role("IAO", Role.ACCOUNTING_OFFICER, start=date(2025, 1, 6))
    t.role("IAO", Role.CHIEF_EXECUTIVE, start=date(2025, 1, 6))
    t.declare("IAO")
    # Paid through his own company, with no DfE approval of an off-payroll accounting officer.
    t.employment.append(Employment("IAO", "Interim chief executive, through Doyle Interim Services",
                                   date(2025, 1, 6), off_payroll=True))
    t.interests.append(Interest("IAO", "Doyle Interim Services Ltd", company_number="14500321",
                                nature_of_business="Interim management", nature_of_interest="Director",
                                start=date(2019, 4, 1)))
    # Monthly invoices of £8,500, none linked to an agreement: 14 of them by as_of (and one more
    # dated after it, which must not count).
    on = date(2025, 1, 31)
    n = 0
    while on <= AS_OF + timedelta(days=31):
        n += 1
        t.payments.append(Payment(f"DIS-{n:02d}", on, "DOYLE INTERIM SERVICES LIMITED", pounds(8_500),
                                  company_number="14500321", description="Interim CEO services"))
        on = _month_end(on)
    return t


def _payments_to_the_ao_mother() -> TrustBuilder:
    t = healthy()
    t.person("MUM", "Margaret", "Evans")  # in People as the accounting officer's parent
    t.relationships.append(PersonRelationship("CEO", "MUM", Relationship.PARENT))
    for pid, on, amount in (("ME-1", date(2025, 5, 12), "1200.00"), ("ME-2", date(2025, 7, 3), "1547.00"),
                            ("ME-3", date(2025, 11, 20), "2000.00")):  # £4,747 in all
        t.payments.append(Payment(pid, on, "Mrs Margaret Evans", pounds(amount),
                                  description="Catering for staff events"))
    return t


def _deals_with_people_who_registered_no_interest() -> TrustBuilder:
    t = healthy()
    for aid, person_id, org, confirmed, value in (
        ("RP-10", "T3", "Stone Facilities Management Ltd", date(2025, 4, 1), 18_000),
        ("RP-11", "M2", "Hughes Print & Design", date(2025, 10, 14), 6_400),
    ):
        t.rpt_agreements.append(RptAgreement(
            aid, org, Direction.EXPENDITURE, related_person_id=person_id, confirmed_on=confirmed,
            reported_to_dfe_on=confirmed - timedelta(days=7), at_cost_statement_on=confirmed,
            conflicted_withdrew=True, novel_or_contentious=False))
        t.rpt_values.append(RptValue(aid, "2024/25" if confirmed < date(2025, 9, 1) else "2025/26",
                                     pounds(value)))
    return t


def _clerk_is_the_chairs_daughter() -> TrustBuilder:
    t = healthy()
    t.remove_roles("GP")
    t.person("NIA", "Nia", "Chair")  # the chair of trustees is Tom Chair
    t.role("NIA", Role.GOVERNANCE_PROFESSIONAL, start=date(2023, 1, 9))
    t.relationships.append(PersonRelationship("T1", "NIA", Relationship.CHILD))
    t.interests.append(Interest("NIA", "Chair Governance Services Ltd", company_number="13000777",
                                nature_of_business="Clerking services", nature_of_interest="Owner",
                                start=date(2022, 11, 1)))
    for n, on in enumerate((date(2025, 9, 30), date(2025, 12, 31)), 1):
        t.payments.append(Payment(f"CGS-{n}", on, "Chair Governance Services", pounds(3_150),
                                  company_number="13000777", description="Clerking, termly"))
    return t


def _board_replaced_by_a_ceo_acting_as_member() -> TrustBuilder:
    t = healthy()
    # The chief executive became a member and, with the members, replaced four trustees in weeks.
    t.role("CEO", Role.MEMBER, "Members", start=date(2025, 9, 1), gias_start_recorded_on=date(2025, 9, 5))
    t.check("CEO", CheckKind.ENHANCED_DBS, date(2019, 11, 1))
    t.check("CEO", CheckKind.SECTION_128, date(2019, 11, 1))
    for person_id, last_day in (("T3", date(2025, 10, 6)), ("T4", date(2025, 10, 6)),
                                ("T5", date(2025, 10, 20)), ("T6", date(2025, 11, 3))):
        t.change_roles(person_id, Role.TRUSTEE, end=last_day, gias_end_recorded_on=last_day,
                       ch_end_filed_on=last_day)
    for n, start in enumerate((date(2025, 10, 7), date(2025, 10, 7), date(2025, 10, 21),
                               date(2025, 11, 4)), 1):
        t.governor(f"NT{n}", "Newly", f"Appointed{n}", Role.TRUSTEE, start=start,
                   gias_start_recorded_on=start, ch_start_filed_on=start)
        t.attend("B7", f"NT{n}")  # the new board met in December
    return t


def replace_end(employment: Employment, end: date) -> Employment:
    return replace(employment, end=end)


def _month_end(on: date) -> date:
    first_of_next = (on.replace(day=1) + timedelta(days=32)).replace(day=1)
    return (first_of_next + timedelta(days=32)).replace(day=1) - timedelta(days=1)


REPLAY_CASES: list[ReplayCase] = [
    ReplayCase(
        "interim accounting officer paid through his own company",
        "An interim accounting officer was paid through his own company, outside any pay decision "
        "and without the DfE approval an off-payroll accounting officer needs.",
        {("EXE-04", "IAO"): Severity.MUST,
         ("RPT-07", "doyle interim services"): Severity.MUST},
        _interim_ao_through_own_company,
    ),
    ReplayCase(
        "payments to the accounting officer's mother",
        "£4,747 was paid to the accounting officer's mother, recorded in the registers as her parent.",
        {("RPT-08", "ME-1"): Severity.SHOULD, ("RPT-08", "ME-2"): Severity.SHOULD,
         ("RPT-08", "ME-3"): Severity.SHOULD},
        _payments_to_the_ao_mother,
    ),
    ReplayCase(
        "related-party deals with people who registered no interest",
        "The trust contracted with related parties whose interests were never registered.",
        {("ROI-03", "RP-10"): Severity.MUST, ("ROI-03", "RP-11"): Severity.MUST},
        _deals_with_people_who_registered_no_interest,
    ),
    ReplayCase(
        "governance professional who was the chair's daughter",
        "The governance professional was the chair's daughter, and was paid through her own firm.",
        {("GP-03", "NIA"): Severity.ADVICE, ("RPT-07", "chair governance services"): Severity.SHOULD},
        _clerk_is_the_chairs_daughter,
    ),
    ReplayCase(
        "board replaced within weeks by a chief executive acting as a member",
        "Four trustees were replaced within weeks by a chief executive acting as a member.",
        {("BRD-05", "Board"): Severity.ADVICE, ("MEM-03", "CEO"): Severity.MUST},
        _board_replaced_by_a_ceo_acting_as_member,
        # Two of the trustees who went sat on the audit committee, which is left with one trustee
        # of three (COM-02). GIAS and Companies House were kept up to date.
        also=frozenset({"COM-02"}),
    ),
]
