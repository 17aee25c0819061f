"""Small hand-made trusts (and one generated large one) for the report tests."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from govboard.domain.enums import (
    AppointedBy,
    Attendance,
    BodyType,
    DfeApproval,
    Direction,
    MeetingStatus,
    Relationship,
    ReservedTo,
    Role,
    Severity,
    SodLevel,
)
from govboard.domain.model import (
    Academy,
    Acknowledgement,
    AgendaItem,
    Appointment,
    AttendanceRecord,
    Body,
    Declaration,
    DueItem,
    Employment,
    Finding,
    Interest,
    Meeting,
    PayAward,
    PayDecision,
    Person,
    PersonRelationship,
    RptAgreement,
    RptValue,
    RuleInfo,
    SodRow,
    Subject,
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot

AS_OF = date(2026, 11, 22)
BOARD = "Board"
MEMBERS = "Members"
ARC = "Audit and risk committee"
LGB_OAK = "Oak Academy LGB"
LGB_ASH = "Ash Primary LGB"

SOD_DEMO = [
    ("1", "Governance", "Amend articles of association", ReservedTo.MEMBERS,
     {SodLevel.MEMBERS: "D", SodLevel.BOARD: "R", SodLevel.CHIEF_EXECUTIVE: "C"}),
    ("2", "Governance", "Appoint or remove members", ReservedTo.MEMBERS,
     {SodLevel.MEMBERS: "D", SodLevel.BOARD: "C"}),
    ("10", "Governance", "Approve and review the scheme of delegation, committee structure and "
     "terms of reference (at least annually)", ReservedTo.BOARD,
     {SodLevel.BOARD: "D", SodLevel.CHIEF_EXECUTIVE: "R", SodLevel.LOCAL_GOVERNING_BODY: "C"}),
    ("21", "Finance", "Approve the annual trust budget (balanced) and the 3-year forecast",
     ReservedTo.BOARD,
     {SodLevel.BOARD: "D", SodLevel.FINANCE: "R", SodLevel.CHIEF_EXECUTIVE: "R",
      SodLevel.CHIEF_FINANCIAL_OFFICER: "R", SodLevel.LOCAL_GOVERNING_BODY: "C",
      SodLevel.HEADTEACHER: "C"}),
    ("26", "Finance", "Related-party transaction: decide, report to DfE, seek approval if over "
     "£40k", None,
     {SodLevel.BOARD: "D", SodLevel.FINANCE: "R", SodLevel.AUDIT_AND_RISK: "M",
      SodLevel.CHIEF_EXECUTIVE: "R"}),
    ("31", "Academies", "Academy-specific policies (e.g. behaviour) and their local application",
     None, {SodLevel.CHIEF_EXECUTIVE: "M", SodLevel.LOCAL_GOVERNING_BODY: "D",
            SodLevel.HEADTEACHER: "R,C"}),
]


def small_trust() -> TrustSnapshot:
    """Hillside Learning Trust: 2 academies, names that need a real font, awkward text."""
    people = [
        Person("P001", "Zoë", "Hargreaves", date_of_birth=date(1970, 3, 4), email="zoe@example.org"),
        Person("P002", "Łukasz", "Nowak", date_of_birth=date(1981, 7, 9), email="lukasz@example.org"),
        Person("P003", "Siobhán", "Ó Briain", date_of_birth=date(1975, 1, 30),
               email="siobhan@example.org"),
        Person("P004", "Thị Mai", "Nguyễn", date_of_birth=date(1988, 11, 2)),
        Person("P005", "Jane", "Smith", email="jane.smith@example.org"),
        Person("P006", "Robert", "Leftlongago"),  # left 13 months before AS_OF
        Person("P007", "Amara", "Okafor"),
        Person("P008", "David", "Recentleaver"),  # left 2 months before AS_OF
        Person("P009", "Priya", "Patel"),  # CEO / accounting officer, employee
        Person("P010", "Tom", "Headteacher"),
        Person("P011", "Grace", "Parentgov"),
        Person("P012", "Hugh", "Staffmember"),
    ]
    appts = [
        Appointment("P001", Role.MEMBER, MEMBERS, date(2019, 9, 1),
                    appointed_by=AppointedBy.ORIGINAL_SIGNATORY_MEMBERS),
        Appointment("P002", Role.MEMBER, MEMBERS, date(2020, 1, 15),
                    appointed_by=AppointedBy.ADDITIONAL_MEMBERS),
        Appointment("P003", Role.MEMBER, MEMBERS, date(2021, 5, 1),
                    appointed_by=AppointedBy.ADDITIONAL_MEMBERS),
        Appointment("P001", Role.CHAIR_OF_TRUSTEES, BOARD, date(2022, 9, 1),
                    appointed_by=AppointedBy.ACADEMY_MEMBERS, term_end=date(2026, 8, 31) + timedelta(days=365)),
        Appointment("P004", Role.TRUSTEE, BOARD, date(2023, 1, 10),
                    appointed_by=AppointedBy.ACADEMY_MEMBERS, term_end=date(2027, 1, 9)),
        Appointment("P005", Role.VICE_CHAIR_OF_TRUSTEES, BOARD, date(2021, 9, 1),
                    appointed_by=AppointedBy.TRUSTEES, term_end=date(2025, 8, 31)),
        Appointment("P005", Role.TRUSTEE, BOARD, date(2025, 9, 1),
                    appointed_by=AppointedBy.TRUSTEES, term_end=date(2029, 8, 31)),
        Appointment("P006", Role.TRUSTEE, BOARD, date(2018, 9, 1), end=date(2025, 10, 1),
                    appointed_by=AppointedBy.ACADEMY_MEMBERS),
        Appointment("P008", Role.TRUSTEE, BOARD, date(2020, 9, 1), end=date(2026, 9, 20),
                    appointed_by=AppointedBy.ACADEMY_MEMBERS, end_reason="Resigned"),
        Appointment("P007", Role.TRUSTEE, BOARD, date(2024, 3, 1),
                    appointed_by=AppointedBy.ACADEMY_MEMBERS, term_end=date(2028, 2, 28)),
        Appointment("P004", Role.COMMITTEE_CHAIR, ARC, date(2023, 2, 1)),
        Appointment("P007", Role.COMMITTEE_MEMBER, ARC, date(2024, 3, 1)),
        Appointment("P002", Role.COMMITTEE_MEMBER, ARC, date(2024, 3, 1)),
        Appointment("P009", Role.ACCOUNTING_OFFICER, BOARD, date(2020, 4, 1)),
        Appointment("P009", Role.CHIEF_EXECUTIVE, BOARD, date(2020, 4, 1)),
        Appointment("P007", Role.LGB_CHAIR, LGB_OAK, date(2024, 9, 1),
                    appointed_by=AppointedBy.FOUNDATION_TRUST, term_end=date(2028, 8, 31)),
        Appointment("P010", Role.HEADTEACHER, LGB_OAK, date(2019, 9, 1),
                    appointed_by=AppointedBy.EX_OFFICIO_HEADTEACHER),
        Appointment("P011", Role.LOCAL_GOVERNOR, LGB_OAK, date(2023, 11, 1),
                    appointed_by=AppointedBy.ELECTED_BY_PARENTS, term_end=date(2027, 1, 31)),
        Appointment("P012", Role.LOCAL_GOVERNOR, LGB_ASH, date(2022, 9, 1),
                    appointed_by=AppointedBy.ELECTED_BY_STAFF, term_end=date(2026, 12, 31)),
    ]
    meetings = [
        Meeting("B1", BOARD, date(2025, 10, 14)),
        Meeting("B2", BOARD, date(2026, 2, 3)),
        Meeting("B3", BOARD, date(2026, 6, 30)),
        Meeting("A1", ARC, date(2025, 11, 20)),
        Meeting("L1", LGB_OAK, date(2025, 12, 2)),
        Meeting("B4", BOARD, date(2026, 12, 8), papers_sent_on=date(2026, 12, 1),
                status=MeetingStatus.SCHEDULED),
    ]
    attendance = []
    for m in ("B1", "B2", "B3"):
        for p in ("P001", "P004", "P005", "P007", "P008"):
            att = Attendance.PRESENT if (m, p) != ("B2", "P007") else Attendance.APOLOGIES_ACCEPTED
            attendance.append(AttendanceRecord(m, p, att))
    attendance += [AttendanceRecord("A1", "P004", Attendance.PRESENT),
                   AttendanceRecord("A1", "P007", Attendance.ABSENT),
                   AttendanceRecord("L1", "P007", Attendance.PRESENT),
                   AttendanceRecord("L1", "P011", Attendance.PRESENT)]
    interests = [
        Interest("P001", "Smith & Sons <Ltd>", "01234567", "Building contractors", "Director",
                 date(2015, 1, 1)),
        Interest("P004", "Nguyễn Consulting", None, "Education consultancy", "Owner",
                 date(2020, 6, 1)),
        Interest("P005", "Hillside Parish Council", None, "Local government", "Councillor",
                 date(2022, 5, 1), date(2026, 5, 1)),
        Interest("P005", "A very long organisation name that keeps going: The Federation of "
                 "Northern Multi-Academy Trust Partnerships and Associated Charitable Bodies",
                 None, "Charity supporting schools across the north of England with training, "
                 "procurement and back-office services", "Trustee (unpaid)", date(2024, 1, 1)),
        Interest("P006", "Old Co", None, "Retail", "Director", date(2010, 1, 1)),
    ]
    rpts = [
        RptAgreement("RPT1", "Smith & Sons <Ltd>", Direction.EXPENDITURE, company_number="01234567",
                     related_person_id="P001", description="Minor building works",
                     confirmed_on=date(2025, 10, 1), reported_to_dfe_on=date(2025, 10, 10),
                     dfe_approval=DfeApproval.APPROVED, dfe_decision_on=date(2025, 11, 1)),
        RptAgreement("RPT2", "Nguyễn Consulting", Direction.EXPENDITURE, related_person_id="P004",
                     confirmed_on=date(2026, 1, 5)),
    ]
    rpt_values = [RptValue("RPT1", "2024/25", 12_500_00), RptValue("RPT1", "2025/26", 45_000_00),
                  RptValue("RPT2", "2025/26", 4_000_00)]
    pay = [PayDecision("PD1", "P009", date(2025, 9, 1), 152_000_00, post="Chief executive",
                       executive=True, salary_before=147_500_00, decided_by="Board",
                       meeting_id="B1", subject_withdrew=True)]
    sod = tuple(
        SodRow(ref, decision, area, reserved, position=i, codes=tuple(codes.items()))
        for i, (ref, area, decision, reserved, codes) in enumerate(SOD_DEMO)
    )
    agenda = [
        AgendaItem("B4", "1", "Welcome, apologies and declarations of interest", "Chair"),
        AgendaItem("B4", "2", "Finance report: management accounts to October",
                   "Chief financial officer", paper_name="Finance report.pdf", paper_sha256="sha-fin"),
        AgendaItem("B4", "3", "Executive pay review", "Chair", paper_name="Pay review.pdf",
                   paper_sha256="sha-pay", confidential=True),
        AgendaItem("B4", "4", "Risk register & <new> risks", "Siobhán Ó Briain",
                   paper_name="Risk register.pdf", paper_sha256="sha-risk"),
    ]
    return TrustSnapshot(
        settings=TrustSettings(name="Hillside Learning Trust", company_number="09876543",
                               sod_approved_on=date(2026, 3, 1)),
        academies=(Academy("100001", "Oak Academy", "Secondary"),
                   Academy("100002", "Ash Primary", "Primary")),
        people=tuple(people),
        bodies=(Body(ARC, BodyType.AUDIT_AND_RISK, tor_reviewed_on=date(2026, 1, 10)),
                Body(LGB_OAK, BodyType.LOCAL_GOVERNING_BODY, ("100001",)),
                Body(LGB_ASH, BodyType.LOCAL_GOVERNING_BODY, ("100002",))),
        appointments=tuple(appts),
        employment=(Employment("P009", "Chief executive", date(2020, 4, 1)),
                    Employment("P012", "Teaching assistant", date(2018, 9, 1), "100002")),
        relationships=(PersonRelationship("P005", "P012", Relationship.SPOUSE, id=1),),
        interests=tuple(interests),
        declarations=(Declaration("P001", date(2026, 9, 10)),
                      Declaration("P007", date(2026, 9, 12), nothing_to_declare=True)),
        meetings=tuple(meetings),
        attendance=tuple(attendance),
        agenda=tuple(agenda),
        rpt_agreements=tuple(rpts),
        rpt_values=tuple(rpt_values),
        pay_decisions=tuple(pay),
        pay_awards=(PayAward("2025/26", Decimal("4.0")),),
        sod_rows=sod,
    )


def findings_and_rules() -> tuple[list[Finding], list[RuleInfo], list[DueItem]]:
    rules = [
        RuleInfo("MEM-05", Severity.ADVICE, "Member is also a trustee", "ATH 2024 para 1.6",
                 "Members should be independent of the board so they can hold it to account.",
                 "Consider whether the member should step down as a trustee.", "Members"),
        RuleInfo("RPT-03", Severity.MUST, "Related-party agreement above £40,000 without approval",
                 "ATH 2024 para 5.40", "Agreements with a related party worth more than £40,000 in "
                 "a financial year need the DfE's approval before they are made.",
                 "Request approval through the DfE's online form.", "Related parties"),
        RuleInfo("ROI-02", Severity.SHOULD, "Declaration of interests overdue",
                 "ATH 2024 para 1.45", "Everyone in the register should confirm their interests "
                 "each year.", "Ask for a fresh declaration.", "Interests"),
        RuleInfo("TRU-99", Severity.ADVICE, "Uncited rule", "", "Not cited.", "", "Trustees"),
    ]
    findings = [
        Finding("RPT-03", Severity.MUST, "Related-party agreement above £40,000 without approval",
                "Smith & Sons <Ltd>: £45,000.00 in 2025/26 and no DfE approval before the agreement.",
                Subject("agreement", "RPT1", "Smith & Sons <Ltd>"), remedy="Request approval."),
        Finding("ROI-02", Severity.SHOULD, "Declaration of interests overdue",
                "Łukasz Nowak has not declared interests in the last 12 months.",
                Subject("person", "P002", "Łukasz Nowak"), remedy="Ask for a declaration."),
        Finding("MEM-05", Severity.ADVICE, "Member is also a trustee",
                "Zoë Hargreaves is both a member and a trustee.",
                Subject("person", "P001", "Zoë Hargreaves"), acknowledged=True,
                acknowledgement=Acknowledgement("MEM-05", "person", "P001",
                                                "Founding member; chair until the 2027 review.",
                                                "Board", date(2026, 3, 1), date(2027, 3, 1))),
    ]
    due = [
        DueItem(date(2026, 12, 31), "term", Subject("person", "P012", "Hugh Staffmember"),
                "Term of office as local governor ends (Ash Primary LGB)."),
        DueItem(date(2026, 11, 1), "filing", Subject("person", "P008", "David Recentleaver"),
                "Companies House termination not filed.", overdue=True),
        DueItem(date(2027, 6, 1), "term", Subject("person", "P004", "Thị Mai Nguyễn"),
                "Far in the future: not shown."),
    ]
    return findings, rules, due


def paper_pdf(title: str, pages: int, *, landscape_pages: bool = False) -> bytes:
    """A small paper made with ReportLab."""
    import io

    buf = io.BytesIO()
    size = landscape(A4) if landscape_pages else A4
    c = Canvas(buf, pagesize=size, invariant=1)
    for n in range(pages):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(72, size[1] - 100, f"{title}")
        c.setFont("Helvetica", 12)
        c.drawString(72, size[1] - 130, f"Paper page {n + 1} of {pages} (PAPERTEXT-{title[:3]}-{n + 1})")
        c.rect(36, 36, size[0] - 72, size[1] - 72)
        c.showPage()
    c.save()
    return buf.getvalue()


def papers() -> dict[str, bytes]:
    return {
        "sha-fin": paper_pdf("Finance report", 2),
        "sha-pay": paper_pdf("Pay review", 1),
        "sha-risk": paper_pdf("Risk register", 1, landscape_pages=True),
    }


# --- a generated large trust, for timing -------------------------------------------------------

FIRST = ["Zoë", "Łukasz", "Siobhán", "Amara", "Tom", "Priya", "Grace", "Hugh", "Mohammed",
         "Olivia", "Nguyễn", "Chloé", "Rhys", "Aoife", "Kwame", "Fatima", "Oliver", "Isla"]
LAST = ["Smith", "Ó Briain", "Nowak", "Okafor", "Patel", "Jones", "Williams", "Brown", "Taylor",
        "Davies", "Evans", "Thomas", "Roberts", "Khan", "Wilson", "Hughes", "Walker", "Wright"]


def big_trust(n_academies: int = 150, seed: int = 7) -> TrustSnapshot:
    rnd = random.Random(seed)
    people: list[Person] = []
    appts: list[Appointment] = []
    bodies = [Body(ARC, BodyType.AUDIT_AND_RISK), Body("Finance committee", BodyType.FINANCE)]
    academies = []
    meetings = []
    attendance = []
    interests = []

    def person() -> str:
        pid = f"P{len(people) + 1:05d}"
        people.append(Person(pid, rnd.choice(FIRST), rnd.choice(LAST),
                             date_of_birth=date(1950 + rnd.randrange(50), 1 + rnd.randrange(12), 1),
                             email=f"{pid.lower()}@example.org"))
        for k in range(rnd.randrange(3)):
            interests.append(Interest(pid, f"Company {k} of {pid} & Partners <LLP>", None,
                                      "Professional services and consultancy", "Director",
                                      date(2015 + k, 1, 1)))
        return pid

    for _ in range(5):
        appts.append(Appointment(person(), Role.MEMBER, MEMBERS, date(2019, 9, 1)))
    for i in range(12):
        pid = person()
        appts.append(Appointment(pid, Role.TRUSTEE, BOARD, date(2021, 9, 1), term_end=date(2027, 8, 31)))
        appts.append(Appointment(pid, Role.COMMITTEE_MEMBER, ARC if i % 2 else "Finance committee",
                                 date(2021, 9, 1)))
    for m in range(6):
        meetings.append(Meeting(f"BM{m}", BOARD, date(2025, 9, 15) + timedelta(days=55 * m)))
    for a in range(n_academies):
        urn = f"{140000 + a}"
        name = f"Academy number {a} {rnd.choice(LAST)} Primary"
        academies.append(Academy(urn, name))
        lgb = f"{name} LGB"
        bodies.append(Body(lgb, BodyType.LOCAL_GOVERNING_BODY, (urn,)))
        lgb_people = []
        for g in range(12):
            pid = person()
            lgb_people.append(pid)
            role = Role.LGB_CHAIR if g == 0 else Role.LOCAL_GOVERNOR
            by = AppointedBy.ELECTED_BY_PARENTS if g in (1, 2) else AppointedBy.FOUNDATION_TRUST
            end = date(2026, 3, 1) if g == 11 else None
            appts.append(Appointment(pid, role, lgb, date(2022, 9, 1), appointed_by=by,
                                     term_end=date(2026, 8, 31) + timedelta(days=30 * g), end=end))
        for m in range(3):
            mid = f"L{a}-{m}"
            meetings.append(Meeting(mid, lgb, date(2025, 10, 1) + timedelta(days=90 * m)))
            for pid in lgb_people:
                attendance.append(AttendanceRecord(mid, pid, Attendance.PRESENT))
    rpts, values, pay = [], [], []
    for r in range(60):
        rid = f"RPT{r}"
        rpts.append(RptAgreement(rid, f"Supplier {r} & Co <Ltd>", Direction.EXPENDITURE,
                                 related_person_id=people[r].id))
        values.append(RptValue(rid, "2025/26", rnd.randrange(1_000_00, 90_000_00)))
    for d in range(30):
        pay.append(PayDecision(f"PD{d}", people[d].id, date(2025, 9, 1), 110_000_00 + d * 1000_00,
                               post="Headteacher", salary_before=105_000_00 + d * 1000_00,
                               decided_by="Board"))
    sod = tuple(
        SodRow(f"{i}", f"Decision number {i} about a matter of some importance to the trust", area,
               position=i, codes=tuple(codes.items()))
        for i, (area, codes) in enumerate((row[1], row[4]) for row in SOD_DEMO * 6)
    )
    return TrustSnapshot(
        settings=TrustSettings(name="Big Generated Learning Trust"),
        academies=tuple(academies), people=tuple(people), bodies=tuple(bodies),
        appointments=tuple(appts), interests=tuple(interests), meetings=tuple(meetings),
        attendance=tuple(attendance), rpt_agreements=tuple(rpts), rpt_values=tuple(values),
        pay_decisions=tuple(pay), sod_rows=sod,
    )
