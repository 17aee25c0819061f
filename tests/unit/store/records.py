"""One record of every register type, every field set, awkward text included.

Shared by the store round-trip tests and the merge/replace service tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from govboard.domain import model as m
from govboard.domain.enums import (
    ActionStatus,
    AppointedBy,
    ArticlesModel,
    Attendance,
    BodyType,
    CheckKind,
    DfeApproval,
    Direction,
    Exemption,
    HandbookEdition,
    ItemPresence,
    MeetingStatus,
    Outcome,
    Relationship,
    ReservedTo,
    Role,
    ScrutinyProvider,
    SodLevel,
)
from govboard.domain.snapshot import TrustSnapshot

PAPER_BYTES = b"%PDF-1.4\n% a tiny paper\n"


def settings() -> m.TrustSettings:
    return m.TrustSettings(
        name="Hillside Learning Trust — Zoë & Sons <Ltd>",
        company_number="01234567",
        gias_group_uid="17001",
        articles_model=ArticlesModel.PRE_2021,
        term_years=3,
        employee_trustee_cap=Fraction(1, 4),
        term_warning_days=45,
        filing_deadline_days=21,
        absence_window_months=5,
        last_audited_income=12_345_678_90,
        arc_income_threshold=49_999_999_99,
        rpt_approval_threshold=40_000_01,
        legacy_rpt_threshold=19_999_99,
        at_cost_de_minimis=2_500_00,
        high_pay_threshold=150_000_01,
        high_pay_band_floor=99_999_99,
        pay_policy_approved_on=date(2025, 7, 10),
        sod_approved_on=date(2025, 9, 30),
        internal_scrutiny_provider=ScrutinyProvider.INTERNAL_AUDIT,
        handbook_edition=HandbookEdition.ATH_2025,
    )


def paper() -> m.Paper:
    import hashlib

    return m.Paper(hashlib.sha256(PAPER_BYTES).hexdigest(), "Finance report.pdf", PAPER_BYTES)


def registers(*, with_ids: bool = True) -> TrustSnapshot:
    """Every register holds one fully populated record (two people, for relationships).

    `with_ids` gives the integer-keyed records explicit ids so a stored copy compares equal.
    """

    def rid(n: int) -> int:
        return n if with_ids else 0

    pdf = paper()
    return TrustSnapshot(
        settings=settings(),
        academies=(m.Academy("100001", "Sainte-Thérèse C of E Primary", "Primary",
                             date(2019, 9, 1), date(2030, 8, 31)),
                   m.Academy("100002", "Ōta & Sons <Free> School", "Secondary", date(2021, 9, 1))),
        people=(
            m.Person("P001", "Zoë", "O'Brien-Nuñez", "Dr", "Anne Élise", date(1970, 2, 28),
                     "zoe@example.org"),
            m.Person("P002", "Łukasz", "Smith & Sons <Ltd>", "Mr", "Ōta", date(1981, 12, 31),
                     "lukasz@example.org"),
        ),
        bodies=(
            m.Body("Members", BodyType.MEMBERS, (), date(2025, 1, 15), quorum=2),
            m.Body("Board", BodyType.BOARD, (), date(2025, 1, 16), quorum=3),
            m.Body("Sainte-Thérèse LGB", BodyType.LOCAL_GOVERNING_BODY, ("100001", "100002"),
                   date(2024, 11, 5), quorum=4),
        ),
        appointments=(
            m.Appointment("P001", Role.CHAIR_OF_TRUSTEES, "Board", date(2021, 9, 1),
                          AppointedBy.ACADEMY_MEMBERS, date(2025, 8, 31), date(2025, 8, 30),
                          "Term ended — not re-elected", date(2021, 9, 10), date(2025, 9, 5),
                          date(2021, 9, 12), date(2025, 9, 6), id=rid(7)),
        ),
        employment=(m.Employment("P002", "Business manager", date(2020, 1, 6), "100001",
                                 date(2024, 7, 31), True, date(2019, 12, 20), date(2020, 12, 19), id=rid(3)),),
        relationships=(m.PersonRelationship("P001", "P002", Relationship.SPOUSE, date(2010, 6, 5),
                                            date(2022, 1, 1), id=rid(4)),),
        checks=(m.Check("P001", CheckKind.ENHANCED_DBS, date(2021, 8, 20), "DBS 0012 34567", id=rid(5)),),
        interests=(m.Interest("P002", "Smith & Sons <Ltd>", "09876543", "Catering", "Director",
                              date(2018, 4, 1), date(2026, 3, 31), id=rid(6)),),
        declarations=(m.Declaration("P001", date(2025, 9, 15), True, id=rid(8)),),
        meetings=(m.Meeting("M2025-01", "Board", date(2025, 10, 14), date(2025, 10, 7),
                            MeetingStatus.HELD, "18:30", "Room 4 & <Hall> — Zoë's school",
                            date(2025, 12, 9), "M2025-02"),
                  m.Meeting("M2025-02", "Board", date(2025, 12, 9), status=MeetingStatus.SCHEDULED)),
        attendance=(m.AttendanceRecord("M2025-01", "P001", Attendance.APOLOGIES_ACCEPTED),),
        agenda=(m.AgendaItem("M2025-01", "4.2", "Finance — Q1 report", "Łukasz Smith",
                             pdf.name, pdf.sha256, True, False, "=SUM(A1) noted; £1 & <b>",
                             "Approved the Q1 report", Outcome.APPROVED, "Q1 finance report — Zoë"),),
        item_attendance=(m.ItemAttendance("M2025-01", "4.2", "P002", ItemPresence.WITHDREW,
                                          "Director of Smith & Sons <Ltd>", False, id=rid(10)),),
        actions=(m.Action("A-1", "M2025-01", "Send the Q1 report to members & <staff>", date(2025, 11, 30),
                          "4.2", "P002", ActionStatus.DONE, date(2025, 11, 20), "Sent by e-mail"),),
        rpt_agreements=(m.RptAgreement(
            "RPT-01", "Smith & Sons <Ltd>", Direction.EXPENDITURE, "09876543", "P002",
            "Catering at cost — £40,000.01 a year", date(2024, 9, 2), date(2024, 9, 3),
            DfeApproval.APPROVED, date(2024, 10, 1), date(2024, 9, 4), Exemption.NONE, True,
            "M2025-01", False, "4.2"),),
        rpt_values=(m.RptValue("RPT-01", "2024/25", 40_000_01),),
        payments=(m.Payment("PAY-1", date(2024, 11, 30), "Smith & Sons <Ltd>", 3_333_34, "09876543",
                            "November catering", "RPT-01"),),
        pay_decisions=(m.PayDecision("PD-1", "P002", date(2025, 9, 1), 150_000_00, "CEO", True,
                                     145_500_50, "Board", "M2025-01", "Benchmarking paper", True, "4.2"),),
        pay_awards=(m.PayAward("2025/26", Decimal("2.8")),),
        sod_rows=(m.SodRow("F1", "Approve the budget", "Finance", ReservedTo.BOARD, 3,
                           ((SodLevel.BOARD, "D"), (SodLevel.FINANCE, "R,C"),
                            (SodLevel.CHIEF_FINANCIAL_OFFICER, "M,I"))),),
        acknowledgements=(m.Acknowledgement("MEM-05", "person", "P001", "Agreed by the board — minute 7",
                                            "Clerk", date(2025, 10, 14), date(2026, 10, 14), id=rid(9)),),
    )


def without_papers(snapshot: TrustSnapshot) -> TrustSnapshot:
    """The registers with agenda items pointing at no stored paper (for writes without papers)."""
    return replace(snapshot, agenda=tuple(replace(a, paper_sha256=None) for a in snapshot.agenda))
