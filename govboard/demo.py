"""A believable sample trust, built relative to a given day (domain only, stdlib only).

`build_demo_trust(today)` returns "Hillside Learning Trust": five academies, members, a board
with its committees, a local governing body per academy, two academic years of meetings with
attendance, interests and declarations, checks, employment, related-party agreements with a
payments ledger, executive pay and a scheme of delegation.

The registers are sound except for a handful of weaknesses planted on purpose, so the checks
have something true to say: `SEEDED_WEAKNESSES` lists them as (rule, subject kind, subject key)
and the checks run as at `today` find exactly those. Everything is placed relative to `today`
(terms of office, filings, declarations) or to the academic year containing it (meetings, chair
elections), so the sample stays sound whichever day it is built for. The same `today` always
gives the same trust.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from govboard.domain.dates import add_months, add_years, financial_year_of, year_label, year_start
from govboard.domain.enums import (
    COMMITTEE_ROLES,
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    ActionStatus,
    AppointedBy,
    Attendance,
    BodyType,
    CheckKind,
    DfeApproval,
    Direction,
    Exemption,
    ItemPresence,
    MeetingStatus,
    Outcome,
    Relationship,
    Role,
    ScrutinyProvider,
)
from govboard.domain.model import (
    BOARD_BODY,
    MEMBERS_BODY,
    Academy,
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
from govboard.services.starter_scheme import typical_scheme

__all__ = ["DEMO_TRUST_NAME", "SEEDED_WEAKNESSES", "TEACHERS_PAY_AWARDS", "build_demo_trust", "seeded_weaknesses"]

DEMO_TRUST_NAME = "Hillside Learning Trust"
SEED = 20210901

ARC_BODY = "Audit and Risk Committee"
FINANCE_BODY = "Finance and Resources Committee"
PAY_BODY = "Pay and Remuneration Committee"

# (URN, name, phase, short name used for the LGB, joined: (years before the current academic
# year, month), years the current headteacher has been in post, LGB meetings a year)
ACADEMIES = (
    ("141872", "Hillside Academy", "Secondary", (10, 9), 6, 6),
    ("142305", "St Aidan's CE Primary Academy", "Primary", (9, 4), 3, 5),
    ("143518", "Oakfield Primary Academy", "Primary", (7, 1), 2, 4),
    ("144207", "Kingsmead School", "Secondary", (6, 9), 5, 6),
    ("145961", "Brookvale Primary Academy", "Primary", (5, 4), 4, 3),
)


def lgb_name(academy_name: str) -> str:
    return f"{academy_name} LGB"


# Seeded weaknesses: (rule, subject kind, subject key). The checks as at `today` find exactly
# these on build_demo_trust(today).
SEEDED_PAYMENT_ID = "PL-109417"
SEEDED_RPT_ORGANISATION = "raghunathan associates"  # the organisation's normalised name
SEEDED_WEAKNESSES: list[tuple[str, str, str]] = [
    # The chair of trustees is also a member (members stay mostly independent: 1 of 5).
    ("MEM-05", "person", "P001"),
    # Rhiannon Pryce-Jones joined the board two months ago; nobody has updated GIAS.
    ("GIAS-01", "person", "P011"),
    # An Oakfield co-opted governor's term ends in 30 days (a heads-up).
    ("TRU-05", "person", "P308"),
    # Graham Whitlock's last declaration of interests is 14 months old.
    ("ROI-01", "person", "P010"),
    # A payment to Priya Raghunathan's LLP with no related-party agreement behind it (RPT-07 gives
    # one finding per organisation, its payments in the evidence).
    ("RPT-07", "organisation", SEEDED_RPT_ORGANISATION),
    # The grounds maintenance agreement was reported to DfE after the trust committed to it.
    ("RPT-01", "rpt", "AGR-003"),
    # Kingsmead's LGB is down to one parent governor.
    ("LGB-01", "body", lgb_name("Kingsmead School")),
    # The finance committee's terms of reference were last reviewed 14 months ago.
    ("COM-01", "body", FINANCE_BODY),
]
"""The weaknesses whose subject is the same on every day; `seeded_weaknesses(today)` adds those
that name a meeting (meeting IDs carry the academic year)."""


def seeded_weaknesses(today: date) -> list[tuple[str, str, str]]:
    """Everything the checks as at `today` find on build_demo_trust(today)."""
    builder = _Builder(today)
    builder.build()
    # An action from the latest board meeting at least three weeks ago is overdue (MTG-03).
    return [*SEEDED_WEAKNESSES, ("MTG-03", "meeting", builder.overdue_meeting)]

# Teachers' pay awards (main pay range, England) by academic year; later years assume 3.0.
TEACHERS_PAY_AWARDS = {
    "2018/19": Decimal("3.5"),
    "2019/20": Decimal("2.75"),
    "2020/21": Decimal("2.75"),
    "2021/22": Decimal("0.0"),
    "2022/23": Decimal("5.0"),
    "2023/24": Decimal("6.5"),
    "2024/25": Decimal("5.5"),
    "2025/26": Decimal("4.0"),
}

GIAS_ROLES = frozenset({
    Role.MEMBER, Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES, Role.ACCOUNTING_OFFICER, Role.CHIEF_FINANCIAL_OFFICER, Role.GOVERNANCE_PROFESSIONAL,
    Role.LOCAL_GOVERNOR, Role.LGB_CHAIR,
})
# Companies House knows trustees as directors; chair and vice-chair are offices within that.
DIRECTOR_ROLES = frozenset({Role.TRUSTEE})

TUESDAY, WEDNESDAY, THURSDAY = 1, 2, 3

# Name pools for local governors and staff: forenames and surnames that go together, from many
# backgrounds (accents, apostrophes and spaces kept), with a weight for how often each is drawn.
NAME_GROUPS = (
    (6, ("Grace", "Thomas", "Olivia", "Rachel", "Matthew", "Sophie", "Liam", "Ella", "Daniel", "Joanna"),
     ("Williams", "Wright", "Lewis", "Ashworth", "Greenhalgh", "Fairclough", "Thornley", "Clarke")),
    (2, ("Aoife", "Ciarán", "Niamh", "Oisín", "Siobhan", "Pádraig"),
     ("O'Neill", "Murphy", "Kelly", "Byrne", "Brennan", "Ó Súilleabháin", "Fitzgerald", "D'Arcy")),
    (2, ("Gareth", "Nia", "Siân", "Gwyneth", "Bronwen", "Iwan", "Rhodri"),
     ("Davies", "Evans", "Roberts", "Hughes", "Llewellyn", "Pritchard", "Jones")),
    (1, ("Eilidh", "Callum", "Fiona", "Hamish"), ("MacLeod", "Campbell", "McAllister")),
    (2, ("Rohan", "Sunita", "Ravi", "Deepa", "Anjali"), ("Patel", "Sharma", "Iyer", "Mistry")),
    (1, ("Harpreet", "Gurpreet", "Jaspreet", "Manjit"), ("Sandhu", "Gill", "Dhillon")),
    (3, ("Imran", "Sadia", "Tariq", "Aisha", "Mohammed", "Zainab", "Yusuf", "Mariam"),
     ("Khan", "Hussain", "Begum", "Chowdhury", "Ahmed", "Rahman")),
    (2, ("Kwame", "Efua", "Kofi", "Olusegun", "Precious", "Amara", "Chiamaka"),
     ("Mensah", "Boateng", "Asante", "Okonkwo", "Adebayo", "Nkemelu")),
    (1, ("Tendai", "Rutendo"), ("Moyo", "Chikwanha")),
    (1, ("Tomasz", "Agnieszka", "Małgorzata", "Dorota", "Paweł"), ("Wójcik", "Kowalczyk", "Mazur", "Krawczyk")),
    (1, ("Mehmet", "Elif", "Şükrü", "Emre"), ("Öztürk", "Demir", "Kaya")),
    (1, ("Ioana", "Andrei"), ("Popescu", "Ionescu")),
    (1, ("Kateryna", "Oleksandr"), ("Kovalenko", "Shevchenko")),
    (1, ("Hoàng", "Mai", "Minh"), ("Trần", "Phạm", "Lê")),
    (1, ("Maëlle", "Chloé", "François", "Renée"), ("Le Roux", "Dubois", "Lefèvre")),
    (1, ("Jürgen", "Björn", "Annika"), ("Müller", "Lindqvist", "Schäfer")),
    (1, ("Javier", "Lucía"), ("Fernández", "García")),
    (1, ("Jamal", "Leila", "Marcia"), ("Campbell", "Clarke", "Robinson")),
)
FORENAMES = tuple(dict.fromkeys(f for _, forenames, _ in NAME_GROUPS for f in forenames))
SURNAMES = tuple(dict.fromkeys(s for _, _, surnames in NAME_GROUPS for s in surnames))

# Organisations local governors declare (none of them is paid by the trust).
LG_INTERESTS = (
    ("Ashcombe Primary School", None, "Local authority maintained school", "Governor"),
    ("Northern Care Alliance NHS Foundation Trust", None, "Hospital trust", "Employee"),
    ("Pennine Housing Association", None, "Social housing", "Board member"),
    ("Riverside Youth Football Club", None, "Junior sports club", "Volunteer treasurer"),
    ("Moorland Solicitors LLP", "OC318472", "Legal services", "Partner"),
    ("Brightstart Nursery Ltd", "09217365", "Childcare", "Director"),
    ("St Oswald's Parochial Church Council", None, "Church council", "Member"),
    ("Canal & River Trust", None, "Charity (waterways)", "Volunteer"),
)

# Ordinary suppliers (no trustee, member or governor has an interest in any of them).
SUPPLIERS = (
    ("ESPO", None, "Classroom supplies", 180, 6_500),
    ("YPO", None, "Stationery and furniture", 120, 4_800),
    ("Crown Commercial Service", None, "Energy framework", 2_500, 18_000),
    ("Brakes Bros Ltd", "01257894", "Catering supplies", 600, 7_500),
    ("Hays Specialist Recruitment Ltd", "02888004", "Supply teachers", 900, 12_000),
    ("RM Education Ltd", "01148594", "IT services", 400, 9_000),
    ("Rentokil Initial UK Ltd", "00301044", "Hygiene services", 150, 1_600),
    ("Veolia ES (UK) Ltd", "02215767", "Waste collection", 300, 2_400),
    ("Pearson Education Ltd", "00872828", "Exam entries and textbooks", 250, 14_000),
    ("AQA Education", "03644723", "Exam entries", 1_200, 16_000),
    ("Zurich Municipal", None, "Insurance", 1_800, 9_500),
    ("Arbor Education Partners Ltd", "07287014", "MIS licence", 900, 5_200),
    ("Bidfood Ltd", "00237541", "Food supplies", 700, 6_900),
    ("Kier Services Ltd", "02099562", "Building maintenance", 1_500, 17_500),
)


def _ascii(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())


def _on_or_after(year: int, month: int, day: int, weekday: int) -> date:
    d = date(year, month, day)
    return d + timedelta(days=(weekday - d.weekday()) % 7)


# Meeting calendars: (month, day, weekday) for an academic year starting in September.
BOARD_DATES = ((9, 16, TUESDAY), (11, 18, TUESDAY), (1, 20, TUESDAY), (3, 17, TUESDAY),
               (5, 12, TUESDAY), (7, 7, TUESDAY))
MEMBERS_DATES = ((12, 8, WEDNESDAY),)
ARC_DATES = ((10, 7, WEDNESDAY), (12, 2, WEDNESDAY), (2, 24, WEDNESDAY), (6, 9, WEDNESDAY))
FINANCE_DATES = ((10, 1, THURSDAY), (1, 13, THURSDAY), (6, 2, THURSDAY))
PAY_DATES = ((11, 4, WEDNESDAY), (3, 3, WEDNESDAY), (6, 23, WEDNESDAY))
LGB_DATES = ((9, 26, 0), (11, 14, 0), (1, 27, 0), (3, 10, 0), (5, 8, 0), (6, 26, 0))
LGB_PICKS = {3: (1, 3, 5), 4: (0, 2, 3, 5), 5: (0, 1, 2, 4, 5), 6: (0, 1, 2, 3, 4, 5)}

BOARD_AGENDA = (
    ("1", "Welcome, apologies and quorum", "Chair"),
    ("2", "Declarations of interest", "Chair"),
    ("3", "Minutes of the previous meeting and matters arising", "Governance professional"),
    ("4", "Chief executive's report", "Chief executive"),
    ("5", "Finance report and management accounts", "Chief financial officer"),
    ("6", "Risk register", "Chair of audit and risk committee"),
    ("7", "Safeguarding update", "Chief executive"),
    ("8", "Any other business", "Chair"),
)
STANDING_TITLES = frozenset({"Welcome, apologies and quorum", "Declarations of interest",
                             "Minutes of the previous meeting and matters arising", "Any other business",
                             "Date of the next meeting"})
PAY_ITEM = "Executive pay (confidential)"
PAY_PRESENTER = "Chair of pay and remuneration committee"
RPT_ITEM = "5.1"  # a related-party agreement is decided under the finance report

# Actions from each held board meeting: (action, owner, days after the meeting it is due).
BOARD_ACTIONS = (
    ("Circulate the updated reserves policy to trustees", "P017", 21),
    ("Bring the revised risk appetite statement to the audit and risk committee", "P004", 35),
)
# The next board meeting's papers: (item title, file name as sent, title shown in the pack).
NEXT_MEETING_PAPERS = (
    ("Chief executive's report", "CEO report v3 FINAL.pdf", "Chief executive's report"),
    ("Finance report and management accounts", "MA P4 board.pdf", "Management accounts and finance report"),
    ("Risk register", "risk-register-changes.pdf", "Risk register: changes since the last meeting"),
)
# Where and when each body meets: (start time, venue; None: the academy).
MEETING_PLACES = {
    BOARD_BODY: ("18:00", "Hillside Academy, Learning Resource Centre"),
    MEMBERS_BODY: ("18:30", "Trust office, Hillside House"),
    ARC_BODY: ("17:00", "Online (Microsoft Teams)"),
    FINANCE_BODY: ("17:00", "Trust office, Hillside House"),
    PAY_BODY: ("16:30", "Trust office, Hillside House"),
}

# What the minutes of a held board meeting say at each item: (minute, decision, outcome).
BOARD_MINUTES = {
    "Chief executive's report": (
        "The chief executive presented the report on admissions, staffing and the trust's "
        "improvement priorities. Trustees asked about attendance at Kingsmead School and heard the "
        "actions being taken.", None, Outcome.NOTED),
    "Finance report and management accounts": (
        "The chief financial officer presented the management accounts. Income and expenditure are "
        "in line with the budget and reserves remain within the trust's reserves policy.",
        "The board approved the management accounts.", Outcome.APPROVED),
    "Risk register": (
        "The chair of the audit and risk committee presented the changes to the risk register since "
        "the last meeting.", None, Outcome.NOTED),
    "Safeguarding update": (
        "Trustees received the termly safeguarding report. No concerns were raised about the "
        "trust's arrangements.", None, Outcome.NOTED),
    "Any other business": ("There was no other business.", None, None),
}


class _Builder:
    def __init__(self, today: date):
        self.t = today
        self.cy = year_start(today)
        self.rng = random.Random(SEED)
        self.people: dict[str, Person] = {}
        self.apps: list[Appointment] = []
        self.employment: list[Employment] = []
        self.relationships: list[PersonRelationship] = []
        self.checks: list[Check] = []
        self.interests: list[Interest] = []
        self.declarations: list[Declaration] = []
        self.meetings: list[Meeting] = []
        self.attendance: list[AttendanceRecord] = []
        self.agenda: list[AgendaItem] = []
        self.item_attendance: list[ItemAttendance] = []
        self.actions: list[Action] = []
        self.agreements: list[RptAgreement] = []
        self.values: list[RptValue] = []
        self.payments: list[Payment] = []
        self.pay_decisions: list[PayDecision] = []
        self.bodies: list[Body] = []
        self.academies: list[Academy] = []
        self.no_gias_start: set[str] = set()

    # --- small helpers ------------------------------------------------------------------------

    def ago(self, days: int) -> date:
        return self.t - timedelta(days=days)

    def filed(self, event: date | None, lo: int = 2, hi: int = 9) -> date | None:
        """A filing made promptly after `event`, or None when that day has not come yet."""
        if event is None:
            return None
        on = event + timedelta(days=self.rng.randint(lo, hi))
        return on if on <= self.t else None

    def person(self, pid: str, forename: str, surname: str, title: str | None = None,
               middle: str | None = None, born: date | None = None) -> str:
        email = f"{_ascii(forename)}.{_ascii(surname)}@hillsidetrust.org.uk".lower()
        self.people[pid] = Person(pid, forename, surname, title=title, middle_names=middle,
                                  date_of_birth=born, email=email)
        return pid

    def appoint(self, pid: str, role: Role, body: str, start: date, *,
                by: AppointedBy | None = None, term: bool = False, end: date | None = None,
                end_reason: str | None = None, ch_start: bool = True, ch_end: bool = True,
                term_end: date | None = None) -> Appointment:
        if term and term_end is None:
            term_end = add_years(start, 4) - timedelta(days=1)
        gias = role in GIAS_ROLES
        ch = role in DIRECTOR_ROLES
        app = Appointment(
            person_id=pid, role=role, body=body, start=start, appointed_by=by,
            term_end=term_end, end=end, end_reason=end_reason,
            gias_start_recorded_on=self.filed(start) if gias else None,
            gias_end_recorded_on=self.filed(end) if gias and end else None,
            ch_start_filed_on=self.filed(start) if ch and ch_start else None,
            ch_end_filed_on=self.filed(end) if ch and end and ch_end else None,
        )
        self.apps.append(app)
        return app

    def terms(self, pid: str, role: Role, body: str, current_start: date, prior: int,
              by: AppointedBy) -> date:
        """A current four-year term from `current_start`, after `prior` full earlier terms
        (each re-appointment the day after the previous term ended). Returns the first start."""
        starts = [current_start]
        for _ in range(prior):
            starts.insert(0, add_years(starts[0], -4))
        for i, start in enumerate(starts):
            last = i == len(starts) - 1
            end = None if last else starts[i + 1] - timedelta(days=1)
            self.appoint(pid, role, body, start, by=by, term=True, end=end,
                         end_reason=None if last else "Term ended (re-appointed)",
                         term_end=end, ch_start=(i == 0), ch_end=last)
        return starts[0]

    def check_before(self, pid: str, first: date) -> None:
        dbs_on = first - timedelta(days=self.rng.randint(30, 80))
        ref = f"00{self.rng.randint(1000000000, 9999999999)}"
        self.checks.append(Check(pid, CheckKind.ENHANCED_DBS, dbs_on, reference=ref))
        self.checks.append(Check(pid, CheckKind.SECTION_128, dbs_on + timedelta(days=self.rng.randint(0, 10))))
        self.checks.append(Check(pid, CheckKind.IDENTITY, dbs_on))

    def interest(self, pid: str, org: str, number: str | None, business: str, nature: str,
                 start: date, end: date | None = None) -> None:
        self.interests.append(Interest(pid, org, company_number=number, nature_of_business=business,
                                       nature_of_interest=nature, start=start, end=end))

    # --- the trust ----------------------------------------------------------------------------

    def build(self) -> TrustSnapshot:
        self.build_academies_and_bodies()
        self.build_trust_people()
        self.build_lgbs()
        self.build_meetings()
        self.build_checks_and_declarations()
        self.build_related_parties()
        self.build_pay()
        self.build_meeting_records()
        sod = build_scheme_of_delegation()
        board_held = [m for m in self.meetings if m.body == BOARD_BODY and m.status == MeetingStatus.HELD]
        settings = TrustSettings(
            name=DEMO_TRUST_NAME,
            company_number="08123456",
            gias_group_uid="16824",
            last_audited_income=38_412_650_00,
            pay_policy_approved_on=self.pay_policy_on,
            sod_approved_on=_first_within(board_held, self.t, 335),
            internal_scrutiny_provider=ScrutinyProvider.INTERNAL_AUDIT,
        )
        years = range(self.cy - 7, self.cy + 2)
        awards = tuple(
            PayAward(year_label(y), TEACHERS_PAY_AWARDS.get(year_label(y), Decimal("3.0")))
            for y in years
        )
        return TrustSnapshot(
            settings=settings,
            academies=tuple(self.academies),
            people=tuple(sorted(self.people.values(), key=lambda p: p.id)),
            bodies=tuple(self.bodies),
            appointments=tuple(self.apps),
            employment=tuple(self.employment),
            relationships=tuple(self.relationships),
            checks=tuple(self.checks),
            interests=tuple(self.interests),
            declarations=tuple(self.declarations),
            meetings=tuple(sorted(self.meetings, key=lambda m: (m.date, m.id))),
            attendance=tuple(self.attendance),
            agenda=tuple(self.agenda),
            item_attendance=tuple(self.item_attendance),
            actions=tuple(self.actions),
            rpt_agreements=tuple(self.agreements),
            rpt_values=tuple(self.values),
            payments=tuple(sorted(self.payments, key=lambda p: (p.date, p.id))),
            pay_decisions=tuple(self.pay_decisions),
            pay_awards=awards,
            sod_rows=sod,
        )

    def build_academies_and_bodies(self) -> None:
        cy = self.cy
        for urn, name, phase, (years_ago, month), _, _ in ACADEMIES:
            joined = date(cy - years_ago if month >= 9 else cy - years_ago + 1, month, 1)
            self.academies.append(Academy(urn, name, phase, joined_on=joined))
        # Terms of reference are set once meetings exist (build_meetings).

    def build_trust_people(self) -> None:
        cy = self.cy
        ago = self.ago
        founded = date(cy - 10, 4, 1)
        self.founded = founded
        P = self.person
        P("P001", "Siobhán", "Ó Briain", "Ms", born=date(1964, 3, 12))
        P("P002", "Chidi", "Okafor", "Mr", born=date(1971, 8, 2))
        P("P003", "Zoë", "Adeyemi-Clarke", "Dr", born=date(1973, 11, 23))
        P("P004", "Łukasz", "Nowak", "Mr", born=date(1979, 5, 30))
        P("P005", "Priya", "Raghunathan", "Mrs", born=date(1976, 1, 17))
        P("P006", "Fatima", "Al-Sayed", "Dr", born=date(1982, 9, 9))
        P("P007", "Ayşe", "Yılmaz", "Ms", born=date(1985, 12, 4))
        P("P008", "Oluwaseun", "Bankole", "Mr", born=date(1988, 6, 14))
        P("P009", "Hannah", "Fairweather", "Mrs", born=date(1968, 2, 27))
        P("P010", "Graham", "Whitlock", "Mr", born=date(1959, 10, 5))
        P("P011", "Rhiannon", "Pryce-Jones", "Ms", born=date(1990, 4, 21))
        P("P012", "Marcus", "Delaney", "Mr", born=date(1966, 7, 11))
        P("P013", "Margaret", "Whitfield", "Revd Canon", born=date(1955, 1, 8))
        P("P014", "Dafydd", "ap Rhys", "Mr", born=date(1961, 3, 1))
        P("P015", "Lan", "Nguyễn", "Dr", middle="Thị", born=date(1978, 8, 19))
        P("P016", "Seán", "O'Connell", "Mr", born=date(1969, 12, 30))
        P("P017", "Ifeoma", "Nwosu", "Mrs", born=date(1980, 5, 6))
        P("P018", "Bethan", "D'Souza", "Ms", born=date(1987, 10, 12))
        P("P019", "Rebecca", "Thornton-Mills", "Ms", born=date(1974, 6, 25))
        P("P020", "Karim", "Al-Sayed", "Mr", born=date(1980, 2, 3))

        by_members = AppointedBy.ACADEMY_MEMBERS
        # Members: two original signatories, two appointed later, and the chair of trustees.
        self.appoint("P013", Role.MEMBER, MEMBERS_BODY, founded, by=AppointedBy.ORIGINAL_SIGNATORY_MEMBERS)
        self.appoint("P014", Role.MEMBER, MEMBERS_BODY, founded, by=AppointedBy.ORIGINAL_SIGNATORY_MEMBERS)
        self.appoint("P015", Role.MEMBER, MEMBERS_BODY, ago(2000), by=AppointedBy.ADDITIONAL_MEMBERS)
        self.appoint("P016", Role.MEMBER, MEMBERS_BODY, ago(900), by=AppointedBy.ADDITIONAL_MEMBERS)
        self.appoint("P001", Role.MEMBER, MEMBERS_BODY, ago(1500), by=AppointedBy.ADDITIONAL_MEMBERS)

        # Trustees: (person, days since the current term began, earlier full terms, appointed by)
        firsts = {}
        for pid, offset, prior, by in (
            ("P001", 700, 1, by_members),
            ("P002", 1200, 0, by_members),
            ("P004", 900, 1, by_members),
            ("P005", 1100, 0, by_members),
            ("P006", 500, 0, AppointedBy.TRUSTEES),
            ("P007", 1300, 0, by_members),
            ("P008", 400, 1, by_members),
            ("P009", 1000, 1, by_members),
            ("P010", 1000, 0, by_members),
        ):
            firsts[pid] = self.terms(pid, Role.TRUSTEE, BOARD_BODY, ago(offset), prior, by)
        # New this term: appointed two months ago; GIAS not yet updated (seeded GIAS-01).
        new = self.appoint("P011", Role.TRUSTEE, BOARD_BODY, ago(61), by=AppointedBy.TRUSTEES, term=True)
        self.apps[-1] = replace(new, gias_start_recorded_on=None)
        firsts["P011"] = new.start
        # Resigned five months ago; GIAS and Companies House were told.
        firsts["P012"] = ago(1500)
        self.appoint("P012", Role.TRUSTEE, BOARD_BODY, ago(1500), by=by_members, term=True,
                     end=ago(150), end_reason="Resigned")

        # The chief executive: accounting officer and an ex-officio trustee appointed by members.
        ceo_start = date(cy - 5, 9, 1)
        self.ceo_start = ceo_start
        self.employment.append(Employment("P003", "Chief Executive Officer", ceo_start))
        self.appoint("P003", Role.CHIEF_EXECUTIVE, BOARD_BODY, ceo_start, by=AppointedBy.NOT_APPLICABLE)
        self.appoint("P003", Role.ACCOUNTING_OFFICER, BOARD_BODY, ceo_start, by=AppointedBy.NOT_APPLICABLE)
        self.appoint("P003", Role.TRUSTEE, BOARD_BODY, ceo_start, by=by_members)
        firsts["P003"] = ceo_start
        cfo_start = date(cy - 4, 1, 6)
        self.employment.append(Employment("P017", "Chief Financial Officer", cfo_start))
        self.appoint("P017", Role.CHIEF_FINANCIAL_OFFICER, BOARD_BODY, cfo_start, by=AppointedBy.NOT_APPLICABLE)
        clerk_start = date(cy - 3, 4, 15)
        self.employment.append(Employment("P018", "Governance Professional", clerk_start))
        self.appoint("P018", Role.GOVERNANCE_PROFESSIONAL, BOARD_BODY, clerk_start, by=AppointedBy.NOT_APPLICABLE)
        # Fatima Al-Sayed's husband works at Oakfield.
        self.employment.append(Employment("P020", "School Business Manager", date(cy - 6, 11, 1), academy_urn="143518"))
        self.relationships.append(PersonRelationship("P006", "P020", Relationship.SPOUSE, start=date(2009, 7, 18)))

        # Chair and vice-chair are elected each July to take office on 1 September.
        chair_years = range(cy - 3, cy + 1)
        for y in chair_years:
            last = y == cy
            self.appoint("P001", Role.CHAIR_OF_TRUSTEES, BOARD_BODY, date(y, 9, 1),
                         by=AppointedBy.GB_BOARD, end=None if last else date(y + 1, 8, 31),
                         end_reason=None if last else "Re-elected for the next year")
        self.chair_first = date(cy - 3, 9, 1)
        for y in range(cy - 1, cy + 1):
            last = y == cy
            self.appoint("P002", Role.VICE_CHAIR_OF_TRUSTEES, BOARD_BODY, date(y, 9, 1),
                         by=AppointedBy.GB_BOARD, end=None if last else date(y + 1, 8, 31),
                         end_reason=None if last else "Re-elected for the next year")

        # Committees: (body, type, chair, members)
        self.committees = (
            (ARC_BODY, BodyType.AUDIT_AND_RISK, "P004", ("P008", "P010", "P019")),
            (FINANCE_BODY, BodyType.FINANCE, "P002", ("P005", "P006", "P003")),
            (PAY_BODY, BodyType.REMUNERATION, "P009", ("P001", "P007")),
        )
        firsts["P019"] = ago(800)
        for body, _, chair, members in self.committees:
            for pid in (chair, *members):
                start = firsts[pid] + timedelta(days=30)
                role = Role.COMMITTEE_CHAIR if pid == chair else Role.COMMITTEE_MEMBER
                self.appoint(pid, role, body, start, by=AppointedBy.GB_BOARD)
        self.firsts = firsts

        # Interests of the trust-level people.
        add = self.interest
        add("P001", "St Brigid's Community Foundation", None, "Community grants charity", "Trustee", date(2015, 5, 1))
        add("P002", "Okafor Facilities Management Ltd", "10293847", "Facilities management and cleaning",
          "Director and shareholder", date(2016, 2, 1))
        add("P003", "Adeyemi Education Consulting Ltd", "09911223", "School improvement consultancy",
          "Director", date(2014, 9, 1), end=ceo_start - timedelta(days=1))
        add("P004", "Nowak & Partners Chartered Accountants LLP", "OC399120", "Accountancy", "Partner",
          date(2012, 4, 6))
        add("P005", "Raghunathan Associates LLP", "OC412876", "HR and governance consultancy",
          "Designated member", date(2017, 6, 1))
        add("P006", "Al-Noor Women's Aid", None, "Domestic abuse charity", "Trustee", date(2018, 1, 10))
        add("P007", "Yılmaz Print & Design Ltd", "11834520", "Commercial printing", "Director and shareholder",
          date(2019, 3, 4))
        add("P010", "Whitlock Property Holdings Ltd", "06655443", "Residential lettings", "Director",
          date(2005, 11, 1))
        add("P013", "Diocese of Ashby Board of Education", None, "Diocesan education board", "Member",
          date(2011, 9, 1))
        add("P015", "Lotus Bridge CIC", "12377810", "Community interpreting", "Director", date(2020, 10, 1))
        add("P016", "Smith & Sons <Builders> Ltd", "04455667", "Building contractor", "Non-executive director",
          date(2016, 1, 1))
        add("P017", "Hillside Credit Union", None, "Credit union", "Volunteer treasurer", date(2019, 6, 1))

    def build_lgbs(self) -> None:
        cy = self.cy
        rng = self.rng
        weights = [w for w, _, _ in NAME_GROUPS]
        used: set[tuple[str, str]] = set()
        used_forenames: set[str] = set()

        def draw_name() -> tuple[str, str]:
            while True:
                _, forenames, surnames = rng.choices(NAME_GROUPS, weights)[0]
                name = (rng.choice(forenames), rng.choice(surnames))
                if name not in used and name[0] not in used_forenames:
                    used.add(name)
                    used_forenames.add(name[0])
                    return name
        self.lgb_people: dict[str, list[str]] = {}
        for index, (urn, name, phase, (joined_years, _), ht_years, _) in enumerate(ACADEMIES, start=1):
            body = lgb_name(name)
            members: list[str] = []
            self.lgb_people[body] = members
            kingsmead = urn == "144207"
            # slot -> kind; Kingsmead has lost a parent governor (seeded LGB-01).
            kinds = ["ht", "parent", "coopted" if kingsmead else "parent", "staff", "chair", "trust",
                     "coopted", "coopted"]
            for slot, kind in enumerate(kinds, start=1):
                pid = f"P{index}{slot:02d}"
                forename, surname = draw_name()
                title = "Dr" if rng.random() < 0.15 else None  # titles are optional; no guessing
                self.person(pid, forename, surname, title)
                members.append(pid)
                if kind == "ht":
                    start = date(cy - ht_years, 9, 1)
                    job = "Principal" if phase == "Secondary" else "Headteacher"
                    self.employment.append(Employment(pid, job, start, academy_urn=urn))
                    self.appoint(pid, Role.HEADTEACHER, body, start, by=AppointedBy.NOT_APPLICABLE)
                    self.appoint(pid, Role.LOCAL_GOVERNOR, body, start, by=AppointedBy.EX_OFFICIO_HEADTEACHER)
                    self.firsts[pid] = start
                    continue
                if pid == "P308":  # seeded TRU-05: the term ends 30 days from today
                    start = add_years(self.t + timedelta(days=31), -4)
                    self.appoint(pid, Role.LOCAL_GOVERNOR, body, start, by=AppointedBy.GB_BOARD, term=True)
                    self.firsts[pid] = start
                    continue
                offset = 800 if pid == "P506" else rng.randint(100, 1350)
                prior = 1 if joined_years >= 9 and kind in ("chair", "trust") and rng.random() < 0.6 else 0
                by = {
                    "parent": AppointedBy.ELECTED_BY_PARENTS,
                    "staff": AppointedBy.ELECTED_BY_STAFF,
                    "chair": AppointedBy.FOUNDATION_TRUST,
                    "trust": AppointedBy.FOUNDATION_TRUST,
                    "coopted": AppointedBy.GB_BOARD,
                }[kind]
                first = self.terms(pid, Role.LOCAL_GOVERNOR, body, self.ago(offset), prior, by)
                self.firsts[pid] = first
                if kind == "staff":
                    job = rng.choice(("Teacher", "Head of Year", "Teaching Assistant", "SENCo"))
                    self.employment.append(Employment(pid, job, first - timedelta(days=rng.randint(400, 2500)),
                                                      academy_urn=urn))
                    self.firsts[pid] = self.employment[-1].start
                if kind == "chair":
                    span = max((self.t - first).days // 2, 1)
                    self.appoint(pid, Role.LGB_CHAIR, body, first + timedelta(days=rng.randint(0, span)),
                                 by=AppointedBy.GB_BOARD)
                if kind in ("trust", "coopted") and rng.random() < 0.45:
                    org, number, business, nature = LG_INTERESTS[(index * 3 + slot) % len(LG_INTERESTS)]
                    self.interest(pid, org, number, business, nature, first - timedelta(days=rng.randint(200, 2000)))
        # The grounds maintenance company of a Brookvale co-opted governor (agreement AGR-003).
        self.interests = [i for i in self.interests if i.person_id != "P506"]
        self.interest("P506", "Greenway Grounds Maintenance Ltd", "08765123", "Grounds maintenance",
                      "Owner and director", date(2013, 3, 1))
        # Kingsmead's one parent governor is Priya Raghunathan's daughter.
        self.person("P402", "Anjali", "Raghunathan", "Ms", born=date(1994, 9, 2))
        self.relationships.append(PersonRelationship("P005", "P402", Relationship.CHILD))

    # --- meetings -----------------------------------------------------------------------------

    def _dates(self, year: int, pattern) -> list[date]:
        out = []
        for month, day, weekday in pattern:
            y = year if month >= 9 else year + 1
            out.append(_on_or_after(y, month, day, weekday))
        return out

    def in_office(self, body: str, roles, on: date) -> list[str]:
        seen: dict[str, None] = {}
        for a in self.apps:
            if a.body == body and a.role in roles and a.start <= on and (a.end is None or a.end >= on):
                seen.setdefault(a.person_id, None)
        return list(seen)

    def meeting(self, mid: str, body: str, on: date, attendees: list[str], *,
                extra: tuple[str, ...] = (), papers_days: int = 10, quorum: int = 0,
                must_attend: tuple[str, ...] = ()) -> Meeting:
        held = on <= self.t
        papers = on - timedelta(days=papers_days)
        meeting = Meeting(mid, body, on, papers_sent_on=papers if papers <= self.t else None,
                          status=MeetingStatus.HELD if held else MeetingStatus.SCHEDULED)
        self.meetings.append(meeting)
        if not held:
            return meeting
        rng = random.Random(f"{SEED}:{mid}")
        marks = {}
        for pid in attendees:
            missed_last = self.last_absent.get((body, pid), False)
            apologies = not missed_last and rng.random() < 0.12
            marks[pid] = Attendance.APOLOGIES_ACCEPTED if apologies else Attendance.PRESENT
        for pid in must_attend:
            if pid in marks:
                marks[pid] = Attendance.PRESENT
        present = [p for p, a in marks.items() if a == Attendance.PRESENT]
        for pid in attendees:  # keep the meeting quorate
            if len(present) >= quorum:
                break
            if marks[pid] != Attendance.PRESENT:
                marks[pid] = Attendance.PRESENT
                present.append(pid)
        for pid, mark in marks.items():
            self.last_absent[(body, pid)] = mark != Attendance.PRESENT
            self.attendance.append(AttendanceRecord(mid, pid, mark))
        for pid in extra:
            self.attendance.append(AttendanceRecord(mid, pid, Attendance.PRESENT))
        return meeting

    def build_meetings(self) -> None:
        self.last_absent: dict[tuple[str, str], bool] = {}
        self.pay_meetings: list[Meeting] = []
        self.board_by_year: dict[int, list[Meeting]] = {}
        years = (self.cy - 1, self.cy)
        for year in years:
            yy = f"{year % 100:02d}{(year + 1) % 100:02d}"
            board = []
            for n, on in enumerate(self._dates(year, BOARD_DATES), start=1):
                trustees = self.in_office(BOARD_BODY, TRUSTEE_ROLES, on)
                quorum = max(3, -(-len(trustees) // 3))
                # Executive pay is decided at the year's last board meeting, in a confidential
                # item the chief executive (a trustee) and the CFO leave the room for.
                pay = n == len(BOARD_DATES)
                m = self.meeting(f"BRD-{yy}-{n}", BOARD_BODY, on, trustees,
                                 extra=("P017", "P018"), quorum=quorum + 1,
                                 must_attend=("P003",) if pay else ())
                board.append(m)
                if m.status == MeetingStatus.HELD:
                    for item, title, presenter in BOARD_AGENDA:
                        if pay and item == "8":
                            self.agenda.append(AgendaItem(m.id, "8", PAY_ITEM, presenter=PAY_PRESENTER,
                                                          confidential=True))
                            item = "9"
                        self.agenda.append(AgendaItem(m.id, item, title, presenter=presenter,
                                                      standing=title in STANDING_TITLES or None))
                    if pay:
                        self.pay_meetings.append(m)
            self.board_by_year[year] = board
            for n, on in enumerate(self._dates(year, MEMBERS_DATES), start=1):
                self.meeting(f"MEM-{yy}-{n}", MEMBERS_BODY, on, self.in_office(MEMBERS_BODY, {Role.MEMBER}, on),
                             extra=("P018",), papers_days=21, quorum=2)
            for body, _, _, _ in self.committees:
                code, pattern = {
                    ARC_BODY: ("ARC", ARC_DATES), FINANCE_BODY: ("FRC", FINANCE_DATES), PAY_BODY: ("PRC", PAY_DATES)
                }[body]
                for n, on in enumerate(self._dates(year, pattern), start=1):
                    self.meeting(f"{code}-{yy}-{n}", body, on, self.in_office(body, COMMITTEE_ROLES, on),
                                 extra=("P018",), quorum=2)
            for index, (urn, name, _, _, _, per_year) in enumerate(ACADEMIES, start=1):
                body = lgb_name(name)
                dates = self._dates(year, LGB_DATES)
                weekday = index % 4
                for n, pick in enumerate(LGB_PICKS[per_year], start=1):
                    d = dates[pick]
                    d = d + timedelta(days=(weekday - d.weekday()) % 7)
                    self.meeting(f"LGB-{urn}-{yy}-{n}", body, d,
                                 self.in_office(body, LOCAL_GOVERNOR_ROLES, d), papers_days=9, quorum=3)

        # Bodies, with terms of reference reviewed at a meeting within the last year
        # (the finance committee's review has lapsed: seeded COM-01).
        held = {}
        for m in self.meetings:
            if m.status == MeetingStatus.HELD:
                held.setdefault(m.body, []).append(m)
        self.bodies.append(Body(MEMBERS_BODY, BodyType.MEMBERS))
        self.bodies.append(Body(BOARD_BODY, BodyType.BOARD))
        for body, kind, _, _ in self.committees:
            tor = _first_within(held.get(body, []), self.t, 335)
            if body == FINANCE_BODY:
                tor = add_months(self.t, -14)
            self.bodies.append(Body(body, kind, tor_reviewed_on=tor))
        for urn, name, *_ in ACADEMIES:
            body = lgb_name(name)
            self.bodies.append(Body(body, BodyType.LOCAL_GOVERNING_BODY, academy_urns=(urn,),
                                    tor_reviewed_on=_first_within(held.get(body, []), self.t, 335)))

    # --- checks, declarations ------------------------------------------------------------------

    def build_checks_and_declarations(self) -> None:
        scope_roles = {Role.MEMBER, Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES, Role.VICE_CHAIR_OF_TRUSTEES,
                       Role.LOCAL_GOVERNOR, Role.LGB_CHAIR, Role.ACCOUNTING_OFFICER,
                       Role.CHIEF_FINANCIAL_OFFICER, Role.COMMITTEE_MEMBER, Role.COMMITTEE_CHAIR}
        first: dict[str, date] = {}
        scope_first: dict[str, date] = {}
        scope_last: dict[str, date | None] = {}
        for a in self.apps:
            first[a.person_id] = min(first.get(a.person_id, a.start), a.start)
            if a.role in scope_roles:
                scope_first[a.person_id] = min(scope_first.get(a.person_id, a.start), a.start)
                prev = scope_last.get(a.person_id, date.min)
                scope_last[a.person_id] = None if prev is None or a.end is None else max(prev, a.end)
        for e in self.employment:
            first[e.person_id] = min(first.get(e.person_id, e.start), e.start)
            self.checks.append(Check(e.person_id, CheckKind.RIGHT_TO_WORK, e.start - timedelta(days=21)))
        for pid in sorted(first):
            self.check_before(pid, first[pid])
        self.checks.append(Check("P001", CheckKind.SOS_CHAIR_CHECK, self.chair_first - timedelta(days=41),
                                 reference="SoS-2291-0457"))

        by_person: dict[str, list[Interest]] = {}
        for i in self.interests:
            by_person.setdefault(i.person_id, []).append(i)
        for pid in sorted(scope_first):
            start = scope_first[pid]
            last = scope_last[pid] or self.t
            dates = set()
            if start >= add_years(self.t, -3):
                dates.add(start)
            for y in range(self.cy - 2, self.cy + 1):
                d = date(y, 9, 10)
                if start < d <= min(last, self.t):
                    dates.add(d)
            if pid == "P010":  # seeded ROI-01: nothing since 14 months ago
                dates = {start, add_months(self.t, -14)}
            for d in sorted(dates):
                has = any(i.in_force(d) for i in by_person.get(pid, ()))
                self.declarations.append(Declaration(pid, d, nothing_to_declare=not has))

    # --- related parties and payments ----------------------------------------------------------

    def build_related_parties(self) -> None:
        board_prev = self.board_by_year[self.cy - 1]
        t = self.t
        rng = self.rng

        def days(d: date, n: int) -> date:
            return d + timedelta(days=n)

        # AGR-001: Okafor FM cleaning contract across two financial years, over £40,000 a year,
        # approved by DfE before the trust committed.
        m = board_prev[1]
        confirmed = days(m.date, 40)
        self.agreements.append(RptAgreement(
            "AGR-001", "Okafor Facilities Management Ltd", Direction.EXPENDITURE, company_number="10293847",
            related_person_id="P002", description="Cleaning and caretaking services for three primary academies",
            confirmed_on=confirmed, reported_to_dfe_on=days(m.date, 5), dfe_approval=DfeApproval.APPROVED,
            dfe_decision_on=days(m.date, 33), at_cost_statement_on=days(m.date, 30),
            exemption=Exemption.NONE, novel_or_contentious=False, decision_meeting_id=m.id,
            conflicted_withdrew=True, decision_item=RPT_ITEM,
        ))
        fy1 = financial_year_of(confirmed)
        fy2 = year_label(year_start(confirmed) + 1)
        self.values += [RptValue("AGR-001", fy1, 42_000_00), RptValue("AGR-001", fy2, 63_000_00)]
        end_of_fy2 = date(year_start(confirmed) + 2, 8, 31)
        d = date(confirmed.year + (confirmed.month == 12), confirmed.month % 12 + 1, 28)
        a_payments = []
        while d <= min(t, end_of_fy2):
            a_payments.append(d)
            d = add_months(d, 1)
        for on in a_payments:
            self.payments.append(Payment("", on, "Okafor Facilities Management Ltd", 5_250_00,
                                         company_number="10293847", description="Cleaning services (monthly)",
                                         agreement_id="AGR-001"))

        # AGR-002: printing at cost from a trustee's company, well under the thresholds.
        m = board_prev[3]
        confirmed = days(m.date, 10)
        self.agreements.append(RptAgreement(
            "AGR-002", "Yılmaz Print & Design Ltd", Direction.EXPENDITURE, company_number="11834520",
            related_person_id="P007", description="Prospectus and admissions leaflets, supplied at cost",
            confirmed_on=confirmed, reported_to_dfe_on=days(m.date, 3), dfe_approval=DfeApproval.NOT_REQUIRED,
            at_cost_statement_on=days(m.date, 8), exemption=Exemption.NONE, novel_or_contentious=False,
            decision_meeting_id=m.id, conflicted_withdrew=True, decision_item=RPT_ITEM,
        ))
        self.values.append(RptValue("AGR-002", financial_year_of(confirmed), 3_450_00))
        for n, amount in ((20, 1_725_00), (60, 1_725_00)):
            self.payments.append(Payment("", days(confirmed, n), "Yılmaz Print & Design Ltd", amount,
                                         company_number="11834520", description="Printing (at cost)",
                                         agreement_id="AGR-002"))

        # AGR-003: grounds maintenance from a local governor's firm, reported to DfE late
        # (seeded RPT-01).
        m = board_prev[2]
        confirmed = days(m.date, 7)
        self.agreements.append(RptAgreement(
            "AGR-003", "Greenway Grounds Maintenance Ltd", Direction.EXPENDITURE, company_number="08765123",
            related_person_id="P506", description="Grounds maintenance at Brookvale, spring and summer terms",
            confirmed_on=confirmed, reported_to_dfe_on=days(confirmed, 26), dfe_approval=DfeApproval.NOT_REQUIRED,
            at_cost_statement_on=days(m.date, 5), exemption=Exemption.NONE, novel_or_contentious=False,
            decision_meeting_id=m.id, conflicted_withdrew=True, decision_item=RPT_ITEM,
        ))
        self.values.append(RptValue("AGR-003", financial_year_of(confirmed), 12_600_00))
        for n in (1, 2, 3):
            self.payments.append(Payment("", add_months(confirmed, n), "Greenway Grounds Maintenance Ltd",
                                         4_200_00, company_number="08765123",
                                         description="Grounds maintenance", agreement_id="AGR-003"))

        # Ordinary suppliers over the last fifteen months.
        for _ in range(82):
            supplier, number, what, lo, hi = rng.choice(SUPPLIERS)
            amount = rng.randint(lo * 100, hi * 100)
            self.payments.append(Payment("", self.ago(rng.randint(1, 450)), supplier, amount,
                                         company_number=number, description=what))
        self.payments = [p for p in self.payments if p.date <= t]
        self.payments.sort(key=lambda p: (p.date, p.supplier, p.amount))
        self.payments = [
            Payment(f"PL-{100001 + n}", p.date, p.supplier, p.amount, company_number=p.company_number,
                    description=p.description, agreement_id=p.agreement_id)
            for n, p in enumerate(self.payments)
        ]
        # Seeded RPT-07: a trustee's LLP paid for a training session with no agreement recorded.
        self.payments.append(Payment(SEEDED_PAYMENT_ID, self.ago(47), "Raghunathan Associates", 850_00,
                                     company_number="OC412876",
                                     description="Safer recruitment training for LGB chairs"))

    # --- executive pay -------------------------------------------------------------------------

    def build_pay(self) -> None:
        session = self.pay_meetings[-1]
        self.pay_policy_on = session.date
        effective = date(session.date.year, 9, 1)
        award = TEACHERS_PAY_AWARDS.get(year_label(effective.year), Decimal("3.0"))
        evidence = ("Benchmarked against DfE school financial benchmarking and a regional survey of "
                    "trusts with 4,000-6,000 pupils; performance review by the pay committee")
        for did, pid, post, before, cap in (
            (f"PD-{effective.year}-01", "P003", "Chief Executive Officer", 136_500_00, Decimal("3.0")),
            (f"PD-{effective.year}-02", "P017", "Chief Financial Officer", 88_400_00, Decimal("3.5")),
        ):
            pct = min(award, cap)
            after = before + (before * int(pct * 100) // 10_000) // 100 * 100
            self.pay_decisions.append(PayDecision(
                did, pid, effective, after, post=post, executive=True, salary_before=before,
                decided_by=BOARD_BODY, meeting_id=session.id, evidence=evidence, subject_withdrew=True,
                decision_item="8",
            ))

    # --- the meeting cycle: minutes, conflicts, actions, the next meeting ----------------------

    def build_meeting_records(self) -> None:
        """Minutes of the board's held meetings (with who declared and withdrew), actions (one
        overdue: seeded MTG-03), each meeting's minutes approved at the body's next, times and
        venues, and the board's next meeting with a full agenda, papers and apologies."""
        t = self.t
        board = [m for m in self.meetings if m.body == BOARD_BODY]
        held_board = [m for m in board if m.status == MeetingStatus.HELD]
        self._related_party_items()
        self._pay_item_conflicts()
        previous: Meeting | None = None
        for m in sorted(held_board, key=lambda m: m.date):
            self._board_minutes(m, previous)
            previous = m
        # Actions from each board meeting; those due before today are done, except the one
        # chased in vain since the latest board meeting at least three weeks ago.
        late_from = max((m for m in held_board if m.date <= t - timedelta(days=21)), key=lambda m: m.date)
        self.overdue_meeting = late_from.id
        latest = max(held_board, key=lambda m: m.date)
        for m in sorted(held_board, key=lambda m: m.date):
            for n, (text, owner, days) in enumerate(BOARD_ACTIONS, start=1):
                due = m.date + timedelta(days=days)
                if m is latest:  # the latest meeting's actions are due before the next one
                    due = max(due, t + timedelta(days=7 * n + 7))
                done = due < t
                item = {"P017": "5", "P004": "6"}.get(owner, "4")
                self.actions.append(Action(
                    f"ACT-{m.id[4:]}-{n}", m.id, text, due, item=item, owner=owner,
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                    done_on=due - timedelta(days=2) if done else None))
            if m is late_from:
                self.actions.append(Action(
                    f"ACT-{m.id[4:]}-3", m.id, "Arrange the trustees' visit to Brookvale Primary Academy",
                    m.date + timedelta(days=14), item="4", owner="P009",
                    notes="Two dates offered by the headteacher; awaiting trustees' replies."))
        next_board = next((m for m in sorted(board, key=lambda m: m.date) if m.date >= t), None)
        if next_board is None:  # the summer holiday: the new year's first meeting is planned
            on = self._dates(self.cy + 1, BOARD_DATES[:1])[0]
            yy = f"{(self.cy + 1) % 100:02d}{(self.cy + 2) % 100:02d}"
            next_board = self.meeting(f"BRD-{yy}-1", BOARD_BODY, on, [])
        self.next_board = next_board.id
        self._next_board_agenda(next_board)
        self.meetings = [self._finished(m) for m in self.meetings]

    def _related_party_items(self) -> None:
        for a in self.agreements:
            meeting = next((m for m in self.meetings if m.id == a.decision_meeting_id), None)
            if meeting is None or meeting.body != BOARD_BODY:
                continue
            self.agenda.append(AgendaItem(
                meeting.id, RPT_ITEM, f"Related-party agreement: {a.related_organisation} ({a.id})",
                presenter="Chief financial officer",
                minute=(f"Trustees considered the agreement with {a.related_organisation}: "
                        f"{(a.description or '').lower()}. The value and the at-cost statement were reviewed."),
                decision=f"The board approved agreement {a.id} with {a.related_organisation}.",
                outcome=Outcome.APPROVED))
            if self._present(meeting.id, a.related_person_id):
                interest = f"Interest in {a.related_organisation}"
                self.item_attendance += [
                    ItemAttendance(meeting.id, RPT_ITEM, a.related_person_id, ItemPresence.DECLARED_INTEREST,
                                   interest=interest, voted=False),
                    ItemAttendance(meeting.id, RPT_ITEM, a.related_person_id, ItemPresence.WITHDREW),
                ]

    def _pay_item_conflicts(self) -> None:
        for m in self.pay_meetings:
            for pid, interest in (("P003", "Own pay as chief executive"), ("P017", "Own pay as chief financial officer")):
                if self._present(m.id, pid):
                    self.item_attendance += [
                        ItemAttendance(m.id, "8", pid, ItemPresence.DECLARED_INTEREST, interest=interest, voted=False),
                        ItemAttendance(m.id, "8", pid, ItemPresence.WITHDREW),
                    ]

    def _present(self, meeting_id: str, person_id: str | None) -> bool:
        return any(a.meeting_id == meeting_id and a.person_id == person_id and a.attendance == Attendance.PRESENT
                   for a in self.attendance)

    def _board_minutes(self, m: Meeting, previous: Meeting | None) -> None:
        names = {pid: p.full_name for pid, p in self.people.items()}
        apologies = sorted(names[a.person_id] for a in self.attendance
                           if a.meeting_id == m.id and a.attendance == Attendance.APOLOGIES_ACCEPTED)
        declared = sorted({(names[r.person_id], r.item, r.interest) for r in self.item_attendance
                           if r.meeting_id == m.id and r.what == ItemPresence.DECLARED_INTEREST},
                          key=lambda d: (d[1], d[0]))
        for n, item in enumerate(self.agenda):
            if item.meeting_id != m.id or item.minute:
                continue
            minute, decision, outcome = BOARD_MINUTES.get(item.title, (None, None, None))
            if item.title == "Welcome, apologies and quorum":
                minute = ("The chair welcomed trustees. "
                          + (f"Apologies were received and accepted from {_and(apologies)}. " if apologies
                             else "There were no apologies. ")
                          + "The meeting was quorate.")
            elif item.title == "Declarations of interest":
                minute = (" ".join(f"{who} declared an interest at item {at} ({what.lower()})." for who, at, what in declared)
                          or "No interests were declared beyond those in the register.")
            elif item.title.startswith("Minutes of the previous meeting"):
                if previous is None:
                    minute = "Matters arising were covered by the action log."
                else:
                    minute = (f"The minutes of the meeting on {_long(previous.date)} were approved as a "
                              "correct record. Matters arising were covered by the action log.")
                    decision, outcome = (f"The minutes of the meeting on {_long(previous.date)} were approved.",
                                         Outcome.APPROVED)
            elif item.title == PAY_ITEM:
                withdrew = sorted(names[r.person_id] for r in self.item_attendance
                                  if r.meeting_id == m.id and r.item == item.item and r.what == ItemPresence.WITHDREW)
                minute = ((f"{_and(withdrew)} declared an interest in their own pay and left the meeting for "
                           "this item. " if withdrew else "")
                          + "The chair of the pay and remuneration committee presented its recommendations "
                            "and the benchmarking evidence.")
                decision = ("The board approved the pay of the chief executive and the chief financial officer "
                            "from 1 September, as the committee recommended.")
                outcome = Outcome.APPROVED
            self.agenda[n] = replace(item, minute=minute, decision=decision, outcome=outcome)

    def _next_board_agenda(self, meeting: Meeting) -> None:
        """The next board meeting's agenda in full: the standing items, the business with three
        papers (made into PDFs when the trust file is written), and the date of the next meeting."""
        kept = [i for i in self.agenda if i.meeting_id == meeting.id]
        self.agenda = [i for i in self.agenda if i.meeting_id != meeting.id]
        items = kept or [AgendaItem(meeting.id, item, title, presenter=presenter)
                         for item, title, presenter in BOARD_AGENDA]
        papers = {title: paper for title, *paper in NEXT_MEETING_PAPERS}
        for i in items:
            name, paper_title = papers.get(i.title, (None, None))
            self.agenda.append(replace(i, standing=i.title in STANDING_TITLES or None,
                                       paper_name=name, paper_title=paper_title))
        last = max(int(i.item) for i in items if i.item.isdigit())
        self.agenda.append(AgendaItem(meeting.id, str(last + 1), "Date of the next meeting", presenter="Chair",
                                      standing=True))
        if meeting.status == MeetingStatus.SCHEDULED:
            # Apologies already received for the coming meeting.
            self.attendance.append(AttendanceRecord(meeting.id, "P010", Attendance.APOLOGIES_ACCEPTED))

    def _finished(self, m: Meeting) -> Meeting:
        """Times and venues; minutes approved at the body's next held meeting."""
        time, venue = MEETING_PLACES.get(m.body, ("16:30", None))
        if venue is None:
            venue = m.body.removesuffix(" LGB")
        later = [o for o in self.meetings if o.body == m.body and o.status == MeetingStatus.HELD and o.date > m.date]
        approved = min(later, key=lambda o: o.date) if later and m.status == MeetingStatus.HELD else None
        return replace(m, start_time=time, venue=venue,
                       minutes_approved_on=approved.date if approved else None,
                       minutes_approved_at=approved.id if approved else None)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _long(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _first_within(meetings: list[Meeting], today: date, days: int) -> date | None:
    """The first held meeting in the `days` before `today` (its date), else the latest."""
    held = sorted(m.date for m in meetings if m.status == MeetingStatus.HELD and m.date <= today)
    recent = [d for d in held if d > today - timedelta(days=days)]
    if recent:
        return recent[0]
    return held[-1] if held else None


# --- scheme of delegation (rules-research.md section 2.2) ---------------------------------------

def build_scheme_of_delegation() -> tuple[SodRow, ...]:
    """The sample trust's scheme: the typical starting scheme without the members' power to direct
    the trustees (its articles leave that to the Companies Act), numbered D01-D34."""
    rows = [r for r in typical_scheme() if not r.decision.startswith("Direct the trustees")]
    return tuple(replace(r, ref=f"D{n:02d}", position=n) for n, r in enumerate(rows, start=1))


def build_demo_trust(today: date) -> TrustSnapshot:
    """The sample trust as it stands on `today` (the same `today` gives the same trust)."""
    return _Builder(today).build()
