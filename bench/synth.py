"""A large synthetic trust for benchmarks (deterministic for a given size, day and seed).

    generate_trust(150, today=date(2026, 3, 15))                  # ~2,000 people, ~4,500 meetings
    generate_trust(150, today=..., payments=50_000, agreements=300)  # plus a payments ledger

The registers are internally consistent (`validate_registers` is clean) and look like a real
trust's: local governing bodies of about twelve with turnover over five academic years, the board
and its committees, attendance, interests and annual declarations, checks, employment, executive
pay and a scheme of delegation. Unlike the demo it is not tuned to be compliant: a realistic
scatter of findings is the point when timing the checks.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from govboard.demo import FORENAMES, SURNAMES, TEACHERS_PAY_AWARDS, build_scheme_of_delegation
from govboard.domain.dates import add_years, financial_year_of, year_label, year_start
from govboard.domain.enums import (
    AppointedBy,
    Attendance,
    BodyType,
    CheckKind,
    DfeApproval,
    Direction,
    Exemption,
    MeetingStatus,
    Role,
    ScrutinyProvider,
)
from govboard.domain.model import (
    BOARD_BODY,
    MEMBERS_BODY,
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
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot

__all__ = ["generate_trust"]

PLACES = (
    "Ashby", "Bramley", "Carlton", "Denby", "Eastwood", "Fernhill", "Glenfield", "Hartley",
    "Ivybridge", "Kirkby", "Langley", "Marston", "Newbold", "Oakley", "Pendle", "Queensbury",
    "Rowley", "Selby", "Thornton", "Upton", "Wickham", "Yardley", "Alderley", "Beckton",
    "Coleshill", "Dunmore", "Elmswell", "Foxton", "Greystone", "Holbrook", "Kelsall", "Lindley",
    "Millbrook", "Northfield", "Overton", "Prestwich", "Radcliffe", "Southgate", "Tilbury",
    "Whitmore", "Ainsworth", "Birchwood", "Clayton", "Dalston", "Everton", "Fairfield",
)
KINDS = (
    ("Primary Academy", "Primary"), ("CE Primary Academy", "Primary"), ("Junior School", "Primary"),
    ("Infant and Nursery School", "Primary"), ("Academy", "Secondary"), ("High School", "Secondary"),
)
ORG_WORDS = (
    "Apex", "Beacon", "Cedar", "Delta", "Evergreen", "Fusion", "Granite", "Harbour", "Insight",
    "Juniper", "Keystone", "Lumen", "Meridian", "Northstar", "Orchard", "Pinnacle", "Quartz",
    "Riverside", "Summit", "Thistle", "Unity", "Vantage", "Willow", "Zenith",
)
ORG_TRADES = (
    ("Facilities", "Facilities management"), ("Catering", "School catering"),
    ("IT Solutions", "IT services"), ("Consulting", "Management consultancy"),
    ("Print", "Printing"), ("Building Services", "Building maintenance"),
    ("Training", "Professional training"), ("Legal", "Legal services"),
    ("Grounds", "Grounds maintenance"), ("Travel", "Coach hire"),
)
ORG_SUFFIXES = ("Ltd", "Limited", "LLP", "plc", "& Co Ltd", "Group Ltd")
NATURES = ("Director", "Shareholder", "Partner", "Trustee", "Employee", "Governor", "Volunteer")

LGB_PLAN = ((9, 25), (11, 12), (1, 22), (3, 11), (5, 6), (6, 24))
BOARD_PLAN = ((9, 16), (11, 18), (1, 20), (3, 17), (5, 12), (7, 7))
COMMITTEE_PLANS = (
    ("Audit and Risk Committee", BodyType.AUDIT_AND_RISK, ((10, 7), (12, 2), (2, 24), (6, 9))),
    ("Finance and Resources Committee", BodyType.FINANCE, ((10, 1), (1, 13), (6, 2))),
    ("Pay and Remuneration Committee", BodyType.REMUNERATION, ((11, 4), (3, 3), (6, 23))),
    ("Standards Committee", BodyType.STANDARDS, ((10, 14), (2, 10), (6, 16))),
)
YEARS = 5


class _Synth:
    def __init__(self, academies: int, today: date, seed: int):
        self.n = academies
        self.t = today
        self.cy = year_start(today)
        self.first_year = self.cy - (YEARS - 1)
        self.window_start = date(self.first_year, 9, 1)
        self.rng = random.Random(seed)
        self.people: list[Person] = []
        self.apps: list[Appointment] = []
        self.employment: list[Employment] = []
        self.checks: list[Check] = []
        self.interests: list[Interest] = []
        self.declarations: list[Declaration] = []
        self.meetings: list[Meeting] = []
        self.attendance: list[AttendanceRecord] = []
        self.orgs: list[tuple[str, str | None, str]] = []
        self.names = [(f, s) for f in FORENAMES for s in SURNAMES]
        self.rng.shuffle(self.names)
        self.by_body: dict[str, list[Appointment]] = {}

    def filed(self, event: date | None) -> date | None:
        if event is None:
            return None
        late = self.rng.random() < 0.03
        on = event + timedelta(days=self.rng.randint(15, 40) if late else self.rng.randint(1, 12))
        return on if on <= self.t else None

    def new_person(self, first_start: date) -> str:
        rng = self.rng
        pid = f"S{len(self.people) + 1:05d}"
        forename, surname = self.names[len(self.people) % len(self.names)]
        self.people.append(Person(pid, forename, surname, title=rng.choice(("Mr", "Mrs", "Ms", "Dr")),
                                  email=f"{pid.lower()}@example.org"))
        dbs = first_start - timedelta(days=rng.randint(10, 90))
        self.checks.append(Check(pid, CheckKind.ENHANCED_DBS, dbs, reference=f"00{rng.randint(10**9, 10**10 - 1)}"))
        if rng.random() < 0.97:
            late = rng.random() < 0.03
            self.checks.append(Check(pid, CheckKind.SECTION_128, dbs + timedelta(days=rng.randint(0, 200 if late else 9))))
        if rng.random() < 0.4:
            org = self.make_org()
            self.interests.append(Interest(
                pid, org[0], company_number=org[1], nature_of_business=org[2],
                nature_of_interest=rng.choice(NATURES),
                start=first_start - timedelta(days=rng.randint(30, 3000)),
                end=None if rng.random() < 0.85 else first_start + timedelta(days=rng.randint(30, 900)),
            ))
        return pid

    def make_org(self, supplier: bool = False) -> tuple[str, str | None, str]:
        """An organisation someone declares (word, place, trade) or, with `supplier`, one of the
        trust's ordinary suppliers (place, trade, "Supplies"): the two never share a name."""
        rng = self.rng
        word, place, (trade, business) = rng.choice(ORG_WORDS), rng.choice(PLACES), rng.choice(ORG_TRADES)
        if supplier:
            name = f"{place} {trade} Supplies {rng.choice(ORG_SUFFIXES)}"
        else:
            name = f"{word} {place} {trade} {rng.choice(ORG_SUFFIXES)}"
        number = f"{rng.randint(1_000_000, 13_999_999):08d}" if rng.random() < 0.7 else None
        org = (name, number, business)
        self.orgs.append(org)
        return org

    def appoint(self, pid: str, role: Role, body: str, start: date, *, by: AppointedBy | None = None,
                end: date | None = None, term: bool = True) -> None:
        app = Appointment(
            pid, role, body, start, appointed_by=by,
            term_end=add_years(start, 4) - timedelta(days=1) if term else None,
            end=end, gias_start_recorded_on=self.filed(start),
            gias_end_recorded_on=self.filed(end),
            ch_start_filed_on=self.filed(start) if role == Role.TRUSTEE else None,
            ch_end_filed_on=self.filed(end) if role == Role.TRUSTEE else None,
        )
        self.apps.append(app)
        self.by_body.setdefault(body, []).append(app)

    def seat(self, body: str, role: Role, by: AppointedBy, *, turnover: float = 0.35) -> list[str]:
        """Fill one seat over the five years: the current holder (re-appointed if their term
        ran out) and perhaps a predecessor who left part-way."""
        rng = self.rng
        start = self.t - timedelta(days=rng.randint(20, 2200))
        pid = self.new_person(start)
        holders = [pid]
        s = start
        while True:  # terms of four years, re-appointed the day after each ends
            next_start = add_years(s, 4)
            if next_start > self.t:
                self.appoint(pid, role, body, s, by=by)
                break
            self.appoint(pid, role, body, s, by=by, end=next_start - timedelta(days=1))
            s = next_start
        if start > self.window_start and rng.random() < turnover:
            before = start - timedelta(days=rng.randint(400, 1400))
            prev = self.new_person(before)
            self.appoint(prev, role, body, before, by=by, end=start - timedelta(days=1))
            holders.append(prev)
        return holders

    def build(self, payments: int, agreements: int) -> TrustSnapshot:
        rng, t, cy = self.rng, self.t, self.cy
        academies, bodies = [], [Body(MEMBERS_BODY, BodyType.MEMBERS), Body(BOARD_BODY, BodyType.BOARD)]
        seen_names: set[str] = set()
        for i in range(self.n):
            kind, phase = KINDS[i % len(KINDS)]
            place = PLACES[i % len(PLACES)]
            name = f"{place} {kind}"
            if name in seen_names:
                name = f"{place} {kind} ({i // len(PLACES) + 1})"
            seen_names.add(name)
            urn = str(140_001 + i * 37)
            academies.append(Academy(urn, name, phase, joined_on=date(cy - rng.randint(1, 12), 9, 1)))
            lgb = f"{name} LGB"
            bodies.append(Body(lgb, BodyType.LOCAL_GOVERNING_BODY, academy_urns=(urn,),
                               tor_reviewed_on=t - timedelta(days=rng.randint(10, 420))))
            # Headteacher: employed, ex officio governor.
            ht_start = date(cy - rng.randint(0, 9), 9, 1)
            ht = self.new_person(ht_start)
            self.employment.append(Employment(ht, "Headteacher", ht_start, academy_urn=urn))
            self.appoint(ht, Role.HEADTEACHER, lgb, ht_start, term=False)
            self.appoint(ht, Role.LOCAL_GOVERNOR, lgb, ht_start, by=AppointedBy.EX_OFFICIO_HEADTEACHER, term=False)
            size = rng.randint(10, 13)
            for seat in range(size - 1):
                if seat < 2 or (seat == 2 and rng.random() < 0.5):
                    by = AppointedBy.ELECTED_BY_PARENTS
                elif seat == 3:
                    by = AppointedBy.ELECTED_BY_STAFF
                else:
                    by = rng.choice((AppointedBy.FOUNDATION_TRUST, AppointedBy.GB_BOARD))
                holders = self.seat(lgb, Role.LOCAL_GOVERNOR, by)
                if by == AppointedBy.ELECTED_BY_STAFF:
                    for pid in holders:
                        self.employment.append(Employment(pid, "Teacher", self.window_start - timedelta(days=400),
                                                          academy_urn=urn))
                if seat == 4:
                    current = holders[0]
                    start = max(a.start for a in self.apps if a.person_id == current)
                    self.appoint(current, Role.LGB_CHAIR, lgb, start, term=False)
            # Some staff with no governance role (business managers), so employment is not all governors.
            staff = self.new_person(date(cy - 3, 9, 1))
            self.employment.append(Employment(staff, "School Business Manager", date(cy - 3, 9, 1), academy_urn=urn))

        # Trust level: members, trustees, officers, committees.
        founded = date(cy - 12, 4, 1)
        for _ in range(5):
            pid = self.new_person(founded)
            self.appoint(pid, Role.MEMBER, MEMBERS_BODY, founded, by=AppointedBy.ORIGINAL_SIGNATORY_MEMBERS, term=False)
        trustees = []
        for _ in range(11):
            trustees += self.seat(BOARD_BODY, Role.TRUSTEE, AppointedBy.ACADEMY_MEMBERS, turnover=0.25)
        chair = trustees[0]
        self.appoint(chair, Role.CHAIR_OF_TRUSTEES, BOARD_BODY, date(cy, 9, 1) if date(cy, 9, 1) <= t else date(cy - 1, 9, 1),
                     by=AppointedBy.GB_BOARD, term=False)
        self.checks.append(Check(chair, CheckKind.SOS_CHAIR_CHECK, date(cy - 2, 7, 1)))
        ceo_start = date(cy - 6, 9, 1)
        ceo = self.new_person(ceo_start)
        self.employment.append(Employment(ceo, "Chief Executive Officer", ceo_start))
        for role in (Role.CHIEF_EXECUTIVE, Role.ACCOUNTING_OFFICER):
            self.appoint(ceo, role, BOARD_BODY, ceo_start, term=False)
        self.appoint(ceo, Role.TRUSTEE, BOARD_BODY, ceo_start, by=AppointedBy.ACADEMY_MEMBERS, term=False)
        cfo = self.new_person(ceo_start)
        self.employment.append(Employment(cfo, "Chief Financial Officer", ceo_start))
        self.appoint(cfo, Role.CHIEF_FINANCIAL_OFFICER, BOARD_BODY, ceo_start, term=False)
        clerk = self.new_person(ceo_start)
        self.employment.append(Employment(clerk, "Governance Professional", ceo_start))
        self.appoint(clerk, Role.GOVERNANCE_PROFESSIONAL, BOARD_BODY, ceo_start, term=False)
        current_trustees = [a.person_id for a in self.by_body[BOARD_BODY]
                            if a.role == Role.TRUSTEE and a.end is None and a.person_id != ceo]
        for name, kind, _ in COMMITTEE_PLANS:
            bodies.append(Body(name, kind, tor_reviewed_on=t - timedelta(days=rng.randint(10, 300))))
            picked = rng.sample(current_trustees, 4)
            self.appoint(picked[0], Role.COMMITTEE_CHAIR, name, self.window_start, term=False)
            for pid in picked[1:]:
                self.appoint(pid, Role.COMMITTEE_MEMBER, name, self.window_start, term=False)

        # Meetings over five academic years with attendance.
        plans = [(BOARD_BODY, BOARD_PLAN)] + [(name, plan) for name, _, plan in COMMITTEE_PLANS]
        plans += [(b.name, LGB_PLAN) for b in bodies if b.type == BodyType.LOCAL_GOVERNING_BODY]
        governing = {Role.TRUSTEE, Role.LOCAL_GOVERNOR, Role.COMMITTEE_MEMBER, Role.COMMITTEE_CHAIR}
        for body, plan in plans:
            seats = [a for a in self.by_body.get(body, ()) if a.role in governing]
            for year in range(self.first_year, cy + 1):
                for month, day in plan:
                    on = date(year if month >= 9 else year + 1, month, day)
                    on += timedelta(days=(rng.randint(0, 3) - on.weekday()) % 7)
                    mid = f"M{len(self.meetings) + 1:06d}"
                    held = on <= t
                    self.meetings.append(Meeting(mid, body, on, papers_sent_on=on - timedelta(days=rng.randint(5, 14)),
                                                 status=MeetingStatus.HELD if held else MeetingStatus.SCHEDULED))
                    if not held:
                        continue
                    for a in seats:
                        if a.start <= on and (a.end is None or a.end >= on):
                            r = rng.random()
                            mark = (Attendance.PRESENT if r < 0.86 else Attendance.APOLOGIES_ACCEPTED if r < 0.97
                                    else Attendance.ABSENT)
                            self.attendance.append(AttendanceRecord(mid, a.person_id, mark))

        # Each meeting's minutes approved at the body's next meeting, as a well-run trust records
        # them (formats.md 1 v2); no random draws, so the rest of the trust is as it was.
        by_body: dict[str, list[int]] = {}
        for n, m in enumerate(self.meetings):
            if m.status == MeetingStatus.HELD:
                by_body.setdefault(m.body, []).append(n)
        for indexes in by_body.values():
            indexes.sort(key=lambda n: self.meetings[n].date)
            for n, later in zip(indexes, indexes[1:]):
                nxt = self.meetings[later]
                if nxt.date > self.meetings[n].date:
                    self.meetings[n] = replace(self.meetings[n], minutes_approved_on=nxt.date,
                                               minutes_approved_at=nxt.id)

        # Annual declarations for everyone in scope.
        first_by_person: dict[str, date] = {}
        for a in self.apps:
            if a.role != Role.HEADTEACHER:
                first_by_person[a.person_id] = min(first_by_person.get(a.person_id, a.start), a.start)
        for pid, first in first_by_person.items():
            if first >= self.window_start:
                self.declarations.append(Declaration(pid, first, nothing_to_declare=rng.random() < 0.5))
            for year in range(self.first_year, cy + 1):
                on = date(year, 9, rng.randint(5, 30))
                if first < on <= t and rng.random() < 0.985:
                    self.declarations.append(Declaration(pid, on, nothing_to_declare=rng.random() < 0.5))

        # Executive pay and awards.
        pay_decisions, awards = [], []
        for year in range(self.first_year - 2, cy + 2):
            label = year_label(year)
            awards.append(PayAward(label, TEACHERS_PAY_AWARDS.get(label, Decimal("3.0"))))
        salaries = {ceo: 140_000_00, cfo: 92_000_00}
        for year in range(self.first_year, cy + 1):
            effective = date(year, 9, 1)
            for pid, code, post in ((ceo, "CEO", "Chief Executive Officer"), (cfo, "CFO", "Chief Financial Officer")):
                before = salaries[pid]
                after = before + before * rng.randint(0, 45) // 1000 // 100 * 100
                salaries[pid] = after
                pay_decisions.append(PayDecision(
                    f"PD-{year}-{code}", pid, effective, after, post=post, executive=True,
                    salary_before=before, decided_by=BOARD_BODY, evidence="Benchmarking survey",
                    subject_withdrew=True,
                ))

        rpt_agreements, rpt_values, ledger = self.related_parties(payments, agreements)
        settings = TrustSettings(
            name=f"Synthetic Trust ({self.n} academies)", company_number="09999999",
            last_audited_income=self.n * 7_600_000_00, pay_policy_approved_on=t - timedelta(days=200),
            sod_approved_on=t - timedelta(days=150), internal_scrutiny_provider=ScrutinyProvider.INTERNAL_AUDIT,
        )
        return TrustSnapshot(
            settings=settings, academies=tuple(academies), people=tuple(self.people), bodies=tuple(bodies),
            appointments=tuple(self.apps), employment=tuple(self.employment), checks=tuple(self.checks),
            interests=tuple(self.interests), declarations=tuple(self.declarations),
            meetings=tuple(self.meetings), attendance=tuple(self.attendance),
            rpt_agreements=tuple(rpt_agreements), rpt_values=tuple(rpt_values), payments=tuple(ledger),
            pay_decisions=tuple(pay_decisions), pay_awards=tuple(awards),
            sod_rows=build_scheme_of_delegation(),
        )

    def related_parties(self, payments: int, agreements: int):
        rng, t = self.rng, self.t
        rpt_agreements, rpt_values, ledger = [], [], []
        interests = [i for i in self.interests if i.end is None]
        people_of_interest = {}
        for i in interests:
            people_of_interest.setdefault(i.organisation, i)
        related = list(people_of_interest.values())
        for k in range(min(agreements, len(related) * 3)):
            interest = related[k % len(related)]
            confirmed = t - timedelta(days=rng.randint(10, 1500))
            approval_needed = rng.random() < 0.25
            good = rng.random() < 0.85
            aid = f"AGR-{k + 1:04d}"
            rpt_agreements.append(RptAgreement(
                aid, interest.organisation, Direction.EXPENDITURE if rng.random() < 0.92 else Direction.INCOME,
                company_number=interest.company_number, related_person_id=interest.person_id,
                description=f"Services from {interest.organisation}", confirmed_on=confirmed,
                reported_to_dfe_on=confirmed - timedelta(days=rng.randint(1, 30)) if good
                else confirmed + timedelta(days=rng.randint(1, 60)),
                dfe_approval=DfeApproval.APPROVED if approval_needed else DfeApproval.NOT_REQUIRED,
                dfe_decision_on=confirmed - timedelta(days=3) if approval_needed else None,
                at_cost_statement_on=confirmed if good else None,
                exemption=Exemption.NONE, novel_or_contentious=False,
                conflicted_withdrew=True if good else rng.choice((None, False)),
            ))
            start_year = year_start(confirmed)
            for y in range(start_year, start_year + rng.randint(1, 3)):
                value = rng.randint(2_000_00, 80_000_00 if approval_needed else 38_000_00)
                rpt_values.append(RptValue(aid, year_label(y), value))
        suppliers = [self.make_org(supplier=True) for _ in range(300)]
        by_org = {a.related_organisation: a for a in rpt_agreements}
        for n in range(payments):
            on = t - timedelta(days=rng.randint(0, 730))
            agreement_id = None
            if related and rng.random() < 0.03:
                interest = rng.choice(related)
                supplier, number = interest.organisation, interest.company_number
                agreement = by_org.get(supplier)
                if agreement is not None and rng.random() < 0.9:
                    agreement_id = agreement.id
            else:
                supplier, number, _ = rng.choice(suppliers)
            ledger.append(Payment(f"PL-{n + 1:07d}", on, supplier, rng.randint(50_00, 25_000_00),
                                  company_number=number, description=financial_year_of(on),
                                  agreement_id=agreement_id))
        return rpt_agreements, rpt_values, ledger


def generate_trust(academies: int = 150, *, today: date, seed: int = 1, payments: int = 0,
                   agreements: int = 0) -> TrustSnapshot:
    """A synthetic trust of `academies` academies as it stands on `today`."""
    if academies < 1:
        raise ValueError("a trust needs at least one academy")
    return _Synth(academies, today, seed).build(payments, agreements)
