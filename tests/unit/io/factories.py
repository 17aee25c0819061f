"""Small trusts built in code for the io tests (no database, no demo module)."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from fractions import Fraction

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
from govboard.domain.model import (
    Academy,
    Acknowledgement,
    Action,
    AgendaItem,
    Appointment,
    AttendanceRecord,
    Body,
    Check,
    Declaration,
    Employment,
    Interest,
    ItemAttendance,
    Meeting,
    PayAward,
    PayDecision,
    Payment,
    Person,
    PersonRelationship,
    RptAgreement,
    RptValue,
    SodRow,
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot


def tiny_pdf(note: str = "a paper") -> bytes:
    """A real one-page PDF (the import opens every paper with pypdf); `note` makes it unique."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = bytearray(b"%PDF-1.4\n% " + note.encode() + b"\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PAPER_BYTES = tiny_pdf("a tiny test paper")
PAPER_SHA = hashlib.sha256(PAPER_BYTES).hexdigest()
PAPER2_BYTES = tiny_pdf("another paper")
PAPER2_SHA = hashlib.sha256(PAPER2_BYTES).hexdigest()
PAPERS = {PAPER_SHA: PAPER_BYTES, PAPER2_SHA: PAPER2_BYTES}


def sample_trust() -> TrustSnapshot:
    """A trust touching every register and every kind of column."""
    settings = TrustSettings(
        name="Hillside Learning Trust",
        company_number="01234567",
        gias_group_uid="17001",
        articles_model=ArticlesModel.PRE_2021,
        term_years=4,
        employee_trustee_cap=Fraction(1, 3),
        last_audited_income=12_345_678_90,
        rpt_approval_threshold=40_000_00,
        at_cost_de_minimis=2_500_50,
        pay_policy_approved_on=date(2025, 10, 1),
        internal_scrutiny_provider=ScrutinyProvider.INTERNAL_AUDIT,
        handbook_edition=HandbookEdition.ATH_2024,
    )
    academies = (
        Academy("100001", "Hillside Primary", "Primary", date(2019, 9, 1)),
        Academy("100002", "Valley Secondary", "Secondary", date(2020, 4, 1), date(2025, 8, 31)),
    )
    people = (
        Person("P001", "Jane", "Smith", title="Mrs", email="jane@example.org"),
        Person("P002", "Zoë", "Ó Briain", middle_names="Siobhán", date_of_birth=date(1970, 2, 28)),
        Person("P003", "=1+1", "@SUM(A1)", title="-Dr", middle_names="+44"),
        Person("P004", "Tom", "Jones"),
        Person("00123", "Łukasz", "Nowak"),
    )
    bodies = (
        Body("Members", BodyType.MEMBERS),
        Body("Board", BodyType.BOARD, tor_reviewed_on=date(2025, 9, 15), quorum=4),
        Body("Audit and risk committee", BodyType.AUDIT_AND_RISK),
        Body("Hillside LGB", BodyType.LOCAL_GOVERNING_BODY, ("100001",)),
        Body("Hill and Valley Hub LGB", BodyType.LOCAL_GOVERNING_BODY, ("100001", "100002"), quorum=3),
    )
    appointments = (
        Appointment("P001", Role.MEMBER, "Members", date(2019, 9, 1),
                    appointed_by=AppointedBy.ORIGINAL_SIGNATORY_MEMBERS),
        Appointment("P001", Role.CHAIR_OF_TRUSTEES, "Board", date(2020, 1, 1),
                    appointed_by=AppointedBy.ACADEMY_MEMBERS, term_end=date(2024, 1, 1),
                    end=date(2023, 12, 31), end_reason="Term ended",
                    gias_start_recorded_on=date(2020, 1, 5), gias_end_recorded_on=date(2024, 1, 3),
                    ch_start_filed_on=date(2020, 1, 6), ch_end_filed_on=date(2024, 1, 4)),
        Appointment("P002", Role.TRUSTEE, "Board", date(2021, 3, 1),
                    appointed_by=AppointedBy.EX_OFFICIO_FOUNDATION),
        Appointment("P003", Role.LOCAL_GOVERNOR, "Hillside LGB", date(2022, 9, 1),
                    appointed_by=AppointedBy.ELECTED_BY_PARENTS),
        Appointment("P004", Role.COMMITTEE_MEMBER, "Audit and risk committee", date(2023, 1, 1)),
    )
    employment = (
        Employment("P004", "Chief executive", date(2018, 9, 1), off_payroll=True,
                   offpayroll_approval_on=date(2018, 8, 20), approval_ends_on=date(2019, 8, 19)),
        Employment("P003", "Teacher", date(2015, 9, 1), academy_urn="100001", end=date(2022, 8, 31)),
    )
    relationships = (
        PersonRelationship("P001", "P004", Relationship.SPOUSE, date(2000, 6, 1)),
    )
    checks = (
        Check("P001", CheckKind.ENHANCED_DBS, date(2019, 8, 1), "001234567890"),
        Check("P002", CheckKind.SECTION_128, date(2021, 2, 1)),
    )
    interests = (
        Interest("P001", "Smith & Sons <Ltd>", "09876543", "Building", "Director", date(2015, 1, 1)),
        Interest("P002", "Diocese of Nowhere", nature_of_interest="Trustee", end=date(2024, 7, 31)),
    )
    declarations = (
        Declaration("P001", date(2025, 9, 20), False),
        Declaration("P002", date(2025, 9, 21), True),
        Declaration("P004", date(2025, 9, 22)),
    )
    meetings = (
        Meeting("M1", "Board", date(2025, 10, 1), date(2025, 9, 24), MeetingStatus.HELD, "18:00",
                "Online: https://meet.example.org/board?id=1&x=<2>", date(2026, 12, 1), "M2"),
        Meeting("M2", "Board", date(2026, 12, 1), status=MeetingStatus.SCHEDULED),
        Meeting("M3", "Hillside LGB", date(2025, 11, 5), status=MeetingStatus.CANCELLED),
    )
    attendance = (
        AttendanceRecord("M1", "P001", Attendance.PRESENT),
        AttendanceRecord("M1", "P002", Attendance.APOLOGIES_ACCEPTED),
        AttendanceRecord("M1", "P004", Attendance.ABSENT),
    )
    agenda = (
        AgendaItem("M1", "1", "Welcome and apologies", "Chair", standing=True),
        AgendaItem("M1", "4.2", "Finance report", "CFO", "finance.pdf", PAPER_SHA, True, False,
                   "=SUM(A1) The CFO presented the Q1 report.", "The board approved the report.",
                   Outcome.APPROVED, "Finance report, quarter 1"),
        AgendaItem("M1", "10", "=HYPERLINK(\"x\")", None, "other.pdf", PAPER2_SHA, False),
        AgendaItem("M2", "1", "Finance report again", None, "finance.pdf", PAPER_SHA),
    )
    item_attendance = (
        ItemAttendance("M1", "4.2", "P004", ItemPresence.DECLARED_INTEREST, "Spouse's company supplies us"),
        ItemAttendance("M1", "4.2", "P004", ItemPresence.WITHDREW, voted=False),
    )
    actions = (
        Action("ACT1", "M1", "Circulate the finance report", date(2025, 10, 15), "4.2", "P002",
               ActionStatus.DONE, date(2025, 10, 10), "Sent"),
        Action("ACT2", "M1", "@Chase the auditors", date(2026, 1, 31), owner="External auditor"),
    )
    rpt_agreements = (
        RptAgreement("A1", "Smith & Sons <Ltd>", Direction.EXPENDITURE, "09876543", "P001",
                     "Building works", date(2024, 5, 1), date(2024, 5, 10), DfeApproval.APPROVED,
                     date(2024, 6, 1), date(2024, 5, 2), Exemption.NONE, False, "M1", True, "4.2"),
        RptAgreement("A2", "Diocese of Nowhere", Direction.INCOME,
                     exemption=Exemption.RELIGIOUS_AUTHORITY),
        RptAgreement("A3", "No value yet Ltd", Direction.EXPENDITURE),
    )
    rpt_values = (
        RptValue("A1", "2024/25", 45_000_00),
        RptValue("A1", "2025/26", 12_345_67),
        RptValue("A2", "2025/26", 1_00),
    )
    payments = (
        Payment("PAY1", date(2024, 6, 3), "Smith & Sons <Ltd>", 40_000_00, "09876543", "Invoice 1", "A1"),
        Payment("PAY2", date(2024, 7, 3), "Acme", 1_99, description="+ extra"),
        Payment("PAY3", date(2024, 7, 4), "Refunds Ltd", -5_00),
    )
    pay_decisions = (
        PayDecision("D1", "P004", date(2025, 9, 1), 152_000_00, "Chief executive", True, 148_000_00,
                    "Board", "M1", "Benchmarking report", True, "4.2"),
    )
    pay_awards = (PayAward("2024/25", Decimal("5.5")), PayAward("2025/26", Decimal("2.8")))
    sod_rows = (
        SodRow("1.1", "Appoint trustees", "Governance", ReservedTo.MEMBERS, 1,
               ((SodLevel.MEMBERS, "D"), (SodLevel.BOARD, "R,C"))),
        SodRow("2.1", "Approve budget", "Finance", None, 2,
               ((SodLevel.BOARD, "D"), (SodLevel.FINANCE, "R"), (SodLevel.CHIEF_FINANCIAL_OFFICER, "R,M"),
                (SodLevel.HEADTEACHER, "I"))),
    )
    acknowledgements = (
        Acknowledgement("MEM-05", "person", "P001", "Agreed by the board", "Clerk", date(2025, 10, 1),
                        date(2026, 10, 1)),
    )
    return TrustSnapshot(
        settings=settings, academies=academies, people=people, bodies=bodies,
        appointments=appointments, employment=employment, relationships=relationships,
        checks=checks, interests=interests, declarations=declarations, meetings=meetings,
        attendance=attendance, agenda=agenda, item_attendance=item_attendance, actions=actions,
        rpt_agreements=rpt_agreements, rpt_values=rpt_values,
        payments=payments, pay_decisions=pay_decisions, pay_awards=pay_awards, sod_rows=sod_rows,
        acknowledgements=acknowledgements,
    )
