"""Small factories for rule tests: a healthy trust on which no rule fires, and helpers to break it.

The healthy trust is checked as at AS_OF (1 March 2026: academic year 2025/26; the last completed
year is 2024/25). Each rule test changes one thing and asserts the rule fires, or that a
boundary case stays silent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from govboard.domain.enums import (
    AppointedBy,
    Attendance,
    BodyType,
    CheckKind,
    DfeApproval,
    Direction,
    Exemption,
    MeetingStatus,
    ReservedTo,
    Role,
    ScrutinyProvider,
    SodLevel,
)
from govboard.domain.model import (
    Academy,
    Appointment,
    AttendanceRecord,
    Body,
    Check,
    Declaration,
    Employment,
    Interest,
    Meeting,
    PayAward,
    PayDecision,
    Payment,
    Person,
    RptAgreement,
    RptValue,
    SodRow,
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.rules import run_checks

AS_OF = date(2026, 3, 1)
TRUST_NAME = "Hillside Learning Trust"
LGB = "Oak Primary LGB"
ARC = "Audit and risk committee"
URN = "100001"

GOVERNOR_START = date(2023, 9, 1)
TERM_END = date(2027, 8, 31)


def pounds(amount: str | int) -> int:
    """Pence from pounds: pounds("40000.01") == 4000001."""
    return int(Decimal(str(amount)) * 100)


@dataclass
class TrustBuilder:
    settings: TrustSettings = field(default_factory=lambda: TrustSettings(name=TRUST_NAME))
    academies: list = field(default_factory=list)
    people: list = field(default_factory=list)
    bodies: list = field(default_factory=list)
    appointments: list = field(default_factory=list)
    employment: list = field(default_factory=list)
    relationships: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    interests: list = field(default_factory=list)
    declarations: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    attendance: list = field(default_factory=list)
    agenda: list = field(default_factory=list)
    item_attendance: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    rpt_agreements: list = field(default_factory=list)
    rpt_values: list = field(default_factory=list)
    payments: list = field(default_factory=list)
    pay_decisions: list = field(default_factory=list)
    pay_awards: list = field(default_factory=list)
    sod_rows: list = field(default_factory=list)
    acknowledgements: list = field(default_factory=list)
    gias: object = None
    gias_history: tuple = ()
    companies_house: object = None
    companies_house_history: tuple = ()

    # --- adding things -------------------------------------------------------------------------

    def person(self, person_id: str, forename: str, surname: str) -> str:
        self.people.append(Person(person_id, forename, surname))
        return person_id

    def role(self, person_id: str, role: Role, body: str = "Board", start: date = GOVERNOR_START,
             **kw) -> Appointment:
        appointment = Appointment(person_id, role, body, start, **kw)
        self.appointments.append(appointment)
        return appointment

    def employ(self, person_id: str, start: date = date(2020, 1, 1), end: date | None = None,
               job_title: str = "Teacher") -> None:
        self.employment.append(Employment(person_id, job_title, start, end=end))

    def check(self, person_id: str, kind: CheckKind, on: date) -> None:
        self.checks.append(Check(person_id, kind, on))

    def declare(self, person_id: str, on: date = date(2025, 9, 15)) -> None:
        self.declarations.append(Declaration(person_id, on, nothing_to_declare=True))

    def meeting(self, meeting_id: str, body: str, on: date, status=MeetingStatus.HELD,
                papers_sent_on: date | None = None) -> Meeting:
        m = Meeting(meeting_id, body, on, papers_sent_on=papers_sent_on, status=status)
        self.meetings.append(m)
        return m

    def attend(self, meeting_id: str, person_id: str, attendance=Attendance.PRESENT) -> None:
        self.attendance = [
            a for a in self.attendance
            if not (a.meeting_id == meeting_id and a.person_id == person_id)
        ]
        self.attendance.append(AttendanceRecord(meeting_id, person_id, attendance))

    def governor(self, person_id: str, forename: str, surname: str, role: Role,
                 body: str = "Board", **kw) -> str:
        """A person with a governance role, checks and a declaration: healthy on every rule."""
        self.person(person_id, forename, surname)
        kw.setdefault("term_end", None if role == Role.MEMBER else TERM_END)
        self.role(person_id, role, body, **kw)
        self.check(person_id, CheckKind.ENHANCED_DBS, date(2023, 6, 1))
        self.check(person_id, CheckKind.SECTION_128, date(2023, 6, 1))
        self.declare(person_id)
        return person_id

    # --- changing things -----------------------------------------------------------------------

    def remove_roles(self, person_id: str, role: Role | None = None) -> None:
        self.appointments = [
            a for a in self.appointments
            if not (a.person_id == person_id and (role is None or a.role == role))
        ]

    def change_roles(self, person_id: str, role: Role, **changes) -> None:
        self.appointments = [
            replace(a, **changes) if a.person_id == person_id and a.role == role else a
            for a in self.appointments
        ]

    def set(self, **settings) -> None:
        self.settings = replace(self.settings, **settings)

    def trustee_ids(self) -> list[str]:
        trustee_roles = {Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES}
        return sorted({a.person_id for a in self.appointments if a.role in trustee_roles})

    def snapshot(self) -> TrustSnapshot:
        return TrustSnapshot(
            settings=self.settings,
            academies=tuple(self.academies),
            people=tuple(self.people),
            bodies=tuple(self.bodies),
            appointments=tuple(self.appointments),
            employment=tuple(self.employment),
            relationships=tuple(self.relationships),
            checks=tuple(self.checks),
            interests=tuple(self.interests),
            declarations=tuple(self.declarations),
            meetings=tuple(self.meetings),
            attendance=tuple(self.attendance),
            agenda=tuple(self.agenda),
            item_attendance=tuple(self.item_attendance),
            actions=tuple(self.actions),
            rpt_agreements=tuple(self.rpt_agreements),
            rpt_values=tuple(self.rpt_values),
            payments=tuple(self.payments),
            pay_decisions=tuple(self.pay_decisions),
            pay_awards=tuple(self.pay_awards),
            sod_rows=tuple(self.sod_rows),
            acknowledgements=tuple(self.acknowledgements),
            gias=self.gias,
            gias_history=self.gias_history,
            companies_house=self.companies_house,
            companies_house_history=self.companies_house_history,
        )

    def findings(self, rule_id: str, as_of: date = AS_OF):
        return run_checks(self.snapshot(), as_of, only=[rule_id]).findings

    def fires(self, rule_id: str, as_of: date = AS_OF) -> bool:
        return bool(self.findings(rule_id, as_of))


BOARD_MEETING_DATES = (
    date(2024, 6, 1),  # history before the last completed year
    date(2024, 10, 1), date(2024, 12, 1), date(2025, 3, 1), date(2025, 6, 1),  # 2024/25
    date(2025, 10, 1), date(2025, 12, 1),  # 2025/26 so far
)
ARC_MEETING_DATES = (date(2025, 1, 10), date(2025, 5, 10), date(2025, 10, 10), date(2026, 1, 10))


def healthy() -> TrustBuilder:
    """A small, well-run trust: no rule fires on it as at AS_OF."""
    t = TrustBuilder()
    t.set(
        sod_approved_on=date(2025, 10, 1),
        pay_policy_approved_on=date(2025, 7, 1),
        last_audited_income=pounds(10_000_000),
        internal_scrutiny_provider=ScrutinyProvider.INTERNAL_AUDIT,
    )
    t.academies.append(Academy(URN, "Oak Primary School", joined_on=date(2015, 9, 1)))
    t.bodies += [
        Body(ARC, BodyType.AUDIT_AND_RISK, tor_reviewed_on=date(2025, 10, 1)),
        Body(LGB, BodyType.LOCAL_GOVERNING_BODY, academy_urns=(URN,), tor_reviewed_on=date(2025, 10, 1)),
    ]
    for n, (forename, surname) in enumerate(
        [("Amara", "Okafor"), ("Ben", "Hughes"), ("Chloe", "Ward"), ("Dev", "Patel"), ("Erin", "Walsh")], 1
    ):
        t.governor(f"M{n}", forename, surname, Role.MEMBER, "Members")
    for n, (forename, surname) in enumerate(
        [("Tom", "Chair"), ("Una", "Reed"), ("Vic", "Stone"), ("Will", "Young"), ("Xena", "Ford"),
         ("Yusuf", "Khan")], 1
    ):
        t.governor(f"T{n}", forename, surname, Role.TRUSTEE)
    t.role("T1", Role.CHAIR_OF_TRUSTEES, start=date(2025, 9, 15), gias_start_recorded_on=date(2025, 9, 20))
    t.check("T1", CheckKind.SOS_CHAIR_CHECK, date(2023, 6, 1))
    t.role("T2", Role.COMMITTEE_CHAIR, ARC)
    t.role("T3", Role.COMMITTEE_MEMBER, ARC)
    t.role("T4", Role.COMMITTEE_MEMBER, ARC)

    t.person("CEO", "Carol", "Evans")
    t.role("CEO", Role.ACCOUNTING_OFFICER, start=date(2020, 1, 1))
    t.role("CEO", Role.CHIEF_EXECUTIVE, start=date(2020, 1, 1))
    t.employ("CEO", job_title="Chief executive")
    t.declare("CEO")
    t.person("CFO", "Frank", "Osei")
    t.role("CFO", Role.CHIEF_FINANCIAL_OFFICER, start=date(2020, 1, 1))
    t.employ("CFO", job_title="Chief financial officer")
    t.declare("CFO")
    t.person("GP", "Gill", "Price")
    t.role("GP", Role.GOVERNANCE_PROFESSIONAL, start=date(2020, 1, 1))

    t.governor("L1", "Lara", "Moss", Role.LOCAL_GOVERNOR, LGB, appointed_by=AppointedBy.GB_BOARD)
    t.role("L1", Role.LGB_CHAIR, LGB, start=date(2025, 9, 10), gias_start_recorded_on=date(2025, 9, 12))
    t.governor("L2", "Priya", "Shah", Role.LOCAL_GOVERNOR, LGB, appointed_by=AppointedBy.ELECTED_BY_PARENTS)
    t.governor("L3", "Sam", "Cole", Role.LOCAL_GOVERNOR, LGB,
               appointed_by=AppointedBy.PARENT_APPOINTED_NO_CANDIDATES)
    t.person("H1", "Helen", "Head")
    t.role("H1", Role.HEADTEACHER, LGB, start=date(2019, 9, 1))
    t.employ("H1", job_title="Headteacher")

    trustees = t.trustee_ids()
    for n, on in enumerate(BOARD_MEETING_DATES, 1):
        meeting_id = f"B{n}"
        t.meeting(meeting_id, "Board", on, papers_sent_on=date.fromordinal(on.toordinal() - 10))
        for person_id in trustees:
            t.attend(meeting_id, person_id)
    t.meeting("B8", "Board", date(2026, 3, 20), status=MeetingStatus.SCHEDULED)
    t.meeting("B9", "Board", date(2026, 6, 20), status=MeetingStatus.SCHEDULED)
    for n, on in enumerate(ARC_MEETING_DATES, 1):
        t.meeting(f"A{n}", ARC, on)
        for person_id in ("T2", "T3", "T4"):
            t.attend(f"A{n}", person_id)
    # Each meeting's minutes approved at the body's next meeting (MTG-02).
    for body in ("Board", ARC):
        held = [m for m in t.meetings if m.body == body and m.status == MeetingStatus.HELD]
        for earlier, later in zip(held, held[1:]):
            t.meetings[t.meetings.index(earlier)] = replace(
                earlier, minutes_approved_on=later.date, minutes_approved_at=later.id)

    t.sod_rows += [
        SodRow("1", "Amend the articles", reserved_to=ReservedTo.MEMBERS,
               codes=((SodLevel.MEMBERS, "D"), (SodLevel.BOARD, "R"))),
        SodRow("2", "Approve the budget", reserved_to=ReservedTo.BOARD,
               codes=((SodLevel.BOARD, "D"), (SodLevel.CHIEF_FINANCIAL_OFFICER, "R"))),
        SodRow("3", "Appoint a headteacher",
               codes=((SodLevel.CHIEF_EXECUTIVE, "D"), (SodLevel.LOCAL_GOVERNING_BODY, "R"),
                      (SodLevel.HEADTEACHER, "I"))),
    ]

    t.interests.append(Interest(
        "T2", "Smith Partnership Limited", company_number="01234567",
        nature_of_business="Building contractor", nature_of_interest="Director",
        start=date(2020, 1, 1),
    ))
    t.rpt_agreements.append(RptAgreement(
        "A1", "Smith Partnership Ltd", Direction.EXPENDITURE, company_number="01234567",
        related_person_id="T2", confirmed_on=date(2025, 10, 1), reported_to_dfe_on=date(2025, 9, 20),
        dfe_approval=DfeApproval.NOT_REQUIRED, at_cost_statement_on=date(2025, 9, 25),
        exemption=Exemption.NONE, novel_or_contentious=False, decision_meeting_id="B6",
        conflicted_withdrew=True,
    ))
    t.rpt_values.append(RptValue("A1", "2025/26", pounds(30_000)))
    t.payments += [
        Payment("PY1", date(2025, 11, 1), "Smith Partnership Ltd", pounds(10_000), agreement_id="A1"),
        Payment("PY2", date(2025, 11, 2), "Acme Supplies", pounds(500)),
    ]
    t.pay_awards.append(PayAward("2025/26", Decimal("4.0")))
    t.pay_decisions.append(PayDecision(
        "D1", "CEO", date(2025, 9, 1), pounds(123_000), post="Chief executive", executive=True,
        salary_before=pounds(120_000), decided_by="Board", meeting_id="B6",
        evidence="Benchmarking report 2025", subject_withdrew=True,
    ))
    return t
