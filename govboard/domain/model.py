"""The trust's registers as immutable records (stdlib only).

One class per register of formats.md section 1. Money is held in whole pence (`int`) so
£40,000.00 and £40,000.01 compare exactly; percentages are `Decimal`. Every record names the
store table it lives in (`TABLE`) and the columns that identify it (`KEY`); records whose
register has no ID of its own carry an integer `id` given by the store (0 = not yet stored)
and a natural key (`NATURAL_KEY`) used to match rows on re-import.
"""

from __future__ import annotations

from dataclasses import field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

from .enums import (
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
    Severity,
    SodLevel,
    UnlistedAppointingBody,
)
from .names import fold_letters
from .record import record

Pence = int

MEMBERS_BODY = "Members"
BOARD_BODY = "Board"


def in_office(start: date | None, end: date | None, on: date) -> bool:
    """The rulebook's "in office on d": start <= d and (no end or end >= d)."""
    return start is not None and start <= on and (end is None or end >= on)


@record
class Academy:
    """An academy (school) of the trust, identified by its URN."""

    TABLE: ClassVar[str] = "academies"
    KEY: ClassVar[tuple[str, ...]] = ("urn",)
    urn: str
    name: str
    phase: str | None = None
    joined_on: date | None = None
    left_on: date | None = None


@record
class Person:
    """Anyone the registers name: members, trustees, governors, executives, clerks, relatives."""

    TABLE: ClassVar[str] = "people"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    id: str
    forename: str
    surname: str
    title: str | None = None
    middle_names: str | None = None
    date_of_birth: date | None = None
    email: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}".strip()

    @property
    def sort_name(self) -> str:
        """Alphabetical order by surname with accents folded: Ó Briain among the Os, not after Z."""
        return fold_letters(f"{self.surname}, {self.forename}")


@record
class Body:
    """A governing body: the members, the board, a committee or a local governing body."""

    TABLE: ClassVar[str] = "bodies"
    KEY: ClassVar[tuple[str, ...]] = ("name",)
    name: str
    type: BodyType
    academy_urns: tuple[str, ...] = ()  # an LGB's academies: one, or several for a hub LGB
    tor_reviewed_on: date | None = None
    quorum: int | None = None  # None: the articles' default (see `quorum_on`)

    @property
    def academy_urn(self) -> str | None:
        """The academy of an LGB that serves exactly one (None for none or several)."""
        return self.academy_urns[0] if len(self.academy_urns) == 1 else None


@record
class Appointment:
    """One row of the Roles sheet: a person holding a role on a body for one term."""

    TABLE: ClassVar[str] = "roles"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("person_id", "role", "body", "start")
    person_id: str
    role: Role
    body: str
    start: date
    appointed_by: AppointedBy | UnlistedAppointingBody | None = None  # unlisted: kept verbatim
    term_end: date | None = None
    end: date | None = None
    end_reason: str | None = None
    gias_start_recorded_on: date | None = None
    gias_end_recorded_on: date | None = None
    ch_start_filed_on: date | None = None
    ch_end_filed_on: date | None = None
    id: int = 0

    def in_office(self, on: date) -> bool:
        return in_office(self.start, self.end, on)


@record
class Employment:
    """A post a person holds or held with the trust (for EXE and pay rules)."""

    TABLE: ClassVar[str] = "employment"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("person_id", "job_title", "start")
    person_id: str
    job_title: str
    start: date
    academy_urn: str | None = None
    end: date | None = None
    off_payroll: bool | None = None  # engaged through a company or agency, not on the payroll
    offpayroll_approval_on: date | None = None  # DfE approval of an off-payroll appointment
    approval_ends_on: date | None = None
    id: int = 0

    def in_force(self, on: date) -> bool:
        return in_office(self.start, self.end, on)


@record
class PersonRelationship:
    """A recorded relationship between two people (spouse, relative, business partner)."""

    TABLE: ClassVar[str] = "relationships"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("person_id", "related_person_id", "relationship")
    person_id: str
    related_person_id: str
    relationship: Relationship
    start: date | None = None
    end: date | None = None
    id: int = 0

    def in_force(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or self.end >= on)


@record
class Check:
    """A safeguarding or eligibility check on a person (DBS, section 128, ...), by date."""

    TABLE: ClassVar[str] = "checks"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("person_id", "kind", "date")
    person_id: str
    kind: CheckKind
    date: date
    reference: str | None = None
    id: int = 0


@record
class Interest:
    """An entry in a person's register of business and pecuniary interests."""

    TABLE: ClassVar[str] = "interests"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("person_id", "organisation", "start")
    person_id: str
    organisation: str
    company_number: str | None = None
    nature_of_business: str | None = None
    nature_of_interest: str | None = None
    start: date | None = None
    end: date | None = None
    id: int = 0

    def current(self, on: date) -> bool:
        """Rulebook ROI-02: no end date, or end >= as_of."""
        return self.end is None or self.end >= on

    def in_force(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or self.end >= on)


@record
class Declaration:
    """An annual declaration of interests (possibly "nothing to declare")."""

    TABLE: ClassVar[str] = "declarations"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("person_id", "declared_on")
    person_id: str
    declared_on: date
    nothing_to_declare: bool | None = None
    id: int = 0


@record
class Meeting:
    """A meeting of a body, with its status and the date its papers went out."""

    TABLE: ClassVar[str] = "meetings"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    id: str
    body: str
    date: date
    papers_sent_on: date | None = None
    status: MeetingStatus = MeetingStatus.HELD
    start_time: str | None = None  # "HH:MM", 24-hour
    venue: str | None = None  # a place, or "Online" with a link
    minutes_approved_on: date | None = None
    minutes_approved_at: str | None = None  # Meeting ID of the meeting that approved them


@record
class AttendanceRecord:
    """One person's attendance at one meeting."""

    TABLE: ClassVar[str] = "attendance"
    KEY: ClassVar[tuple[str, ...]] = ("meeting_id", "person_id")
    meeting_id: str
    person_id: str
    attendance: Attendance


@record
class AgendaItem:
    """An agenda item; `paper_sha256` points at a PDF held in the trust file (table papers)."""

    TABLE: ClassVar[str] = "agenda_items"
    KEY: ClassVar[tuple[str, ...]] = ("meeting_id", "item")
    meeting_id: str
    item: str
    title: str
    presenter: str | None = None
    paper_name: str | None = None
    paper_sha256: str | None = None
    confidential: bool | None = None
    standing: bool | None = None  # a standing item (apologies, declarations, minutes, AOB, ...)
    minute: str | None = None  # the minute's text
    decision: str | None = None  # the resolution, if any
    outcome: Outcome | None = None
    paper_title: str | None = None  # shown in packs instead of the file name


@record
class ItemAttendance:
    """Who declared an interest, withdrew, arrived or left at one agenda item."""

    TABLE: ClassVar[str] = "item_attendance"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("meeting_id", "item", "person_id", "what")
    meeting_id: str
    item: str
    person_id: str
    what: ItemPresence
    interest: str | None = None  # the interest declared, in words
    voted: bool | None = None
    id: int = 0


@record
class Action:
    """An action arising from a meeting: what, who, by when, and whether it is done."""

    TABLE: ClassVar[str] = "actions"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    id: str
    meeting_id: str
    action: str
    due_date: date
    item: str | None = None
    owner: str | None = None  # a Person ID, or a name for someone outside the registers
    status: ActionStatus = ActionStatus.OPEN
    done_on: date | None = None
    notes: str | None = None

    def open_on(self, on: date) -> bool:
        """Open on `on`: not dropped, and not done on or before that day."""
        if self.status == ActionStatus.DROPPED:
            return False
        return not (self.status == ActionStatus.DONE and (self.done_on is None or self.done_on <= on))


@record
class Paper:
    """A paper PDF copied into the trust file, addressed by its content hash."""

    TABLE: ClassVar[str] = "papers"
    KEY: ClassVar[tuple[str, ...]] = ("sha256",)
    sha256: str
    name: str
    content: bytes = field(repr=False, default=b"")


@record
class RptAgreement:
    """A related-party agreement: who, direction, confirmation, DfE reporting and approval."""

    TABLE: ClassVar[str] = "rpt_agreements"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    id: str
    related_organisation: str
    direction: Direction
    company_number: str | None = None
    related_person_id: str | None = None
    description: str | None = None
    confirmed_on: date | None = None
    reported_to_dfe_on: date | None = None
    dfe_approval: DfeApproval | None = None
    dfe_decision_on: date | None = None
    at_cost_statement_on: date | None = None
    exemption: Exemption | None = None
    novel_or_contentious: bool | None = None
    decision_meeting_id: str | None = None
    conflicted_withdrew: bool | None = None
    decision_item: str | None = None  # the agenda item at decision_meeting_id that decided it

    @property
    def exempt(self) -> bool:
        return self.exemption not in (None, Exemption.NONE)


@record
class RptValue:
    """The value of an agreement in one financial year ("2024/25")."""

    TABLE: ClassVar[str] = "rpt_values"
    KEY: ClassVar[tuple[str, ...]] = ("agreement_id", "financial_year")
    agreement_id: str
    financial_year: str
    value: Pence


@record
class Payment:
    """A line of the payments ledger, optionally linked to a related-party agreement."""

    TABLE: ClassVar[str] = "payments"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    id: str
    date: date
    supplier: str
    amount: Pence
    company_number: str | None = None
    description: str | None = None
    agreement_id: str | None = None


@record
class PayDecision:
    """A decision on a person's pay: salary before and after, who decided, who withdrew."""

    TABLE: ClassVar[str] = "pay_decisions"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    id: str
    person_id: str
    effective_date: date
    salary_after: Pence
    post: str | None = None
    executive: bool | None = None
    salary_before: Pence | None = None
    decided_by: str | None = None
    meeting_id: str | None = None
    evidence: str | None = None
    subject_withdrew: bool | None = None
    decision_item: str | None = None  # the agenda item at meeting_id that decided it

    @property
    def increase_percent(self) -> Decimal | None:
        if not self.salary_before:
            return None
        return (Decimal(self.salary_after - self.salary_before) * 100 / self.salary_before).quantize(
            Decimal("0.01")
        )


@record
class PayAward:
    """The teachers' pay award for an academic year."""

    TABLE: ClassVar[str] = "pay_awards"
    KEY: ClassVar[tuple[str, ...]] = ("academic_year",)
    academic_year: str
    percent: Decimal


@record
class SodRow:
    """A decision in the scheme of delegation. `codes` maps level -> codes like "R,C"."""

    TABLE: ClassVar[str] = "sod_rows"
    KEY: ClassVar[tuple[str, ...]] = ("ref",)
    ref: str
    decision: str
    area: str | None = None
    reserved_to: ReservedTo | None = None
    position: int = 0
    codes: tuple[tuple[SodLevel, str], ...] = ()

    def codes_at(self, level: SodLevel) -> frozenset[str]:
        for lvl, text in self.codes:
            if lvl == level:
                return frozenset(c.strip().upper() for c in text.split(",") if c.strip())
        return frozenset()

    def levels_with(self, code: str) -> list[SodLevel]:
        return [lvl for lvl in SodLevel if code in self.codes_at(lvl)]


@record
class Acknowledgement:
    """The board's acceptance of a finding, with reason, name and optional expiry."""

    TABLE: ClassVar[str] = "acknowledgements"
    KEY: ClassVar[tuple[str, ...]] = ("id",)
    NATURAL_KEY: ClassVar[tuple[str, ...]] = ("rule", "subject_kind", "subject_key")
    rule: str
    subject_kind: str
    subject_key: str
    reason: str
    acknowledged_by: str | None = None
    acknowledged_on: date | None = None
    expires_on: date | None = None
    id: int = 0

    def active(self, on: date) -> bool:
        return self.expires_on is None or self.expires_on >= on


@record
class GiasRecord:
    """One governance row of an imported GIAS extract."""

    gid: str
    role: str
    forename1: str
    surname: str
    urn: str | None = None
    uid: str | None = None
    companies_house_number: str | None = None
    title: str | None = None
    forename2: str | None = None
    appointed_on: date | None = None
    term_end: date | None = None
    appointing_body: str | None = None


@record
class GiasSnapshot:
    """An imported GIAS governance extract, as it stood on `extract_date`."""

    id: int
    extract_date: date
    imported_at: datetime
    source_name: str
    records: tuple[GiasRecord, ...] = ()


@record
class ChOfficer:
    """One officer of an imported Companies House officer list."""

    name: str
    officer_role: str
    appointed_on: date | None = None
    resigned_on: date | None = None
    birth_month: int | None = None
    birth_year: int | None = None

    @property
    def active(self) -> bool:
        return self.resigned_on is None


@record
class ChSnapshot:
    """An imported Companies House officer list, as it stood on `as_of`."""

    id: int
    as_of: date
    imported_at: datetime
    source_name: str
    officers: tuple[ChOfficer, ...] = ()
    total_results: int | None = None  # how many officers Companies House has (None: not said)

    @property
    def complete(self) -> bool:
        """The list holds every officer (formats.md section 3 v2: items = total_results)."""
        return self.total_results is None or len(self.officers) >= self.total_results


# --- trust settings -------------------------------------------------------------------------


@record
class SettingSpec:
    """One row of the workbook's Trust sheet: its label, kind, default and explanation."""

    attr: str
    label: str
    kind: str  # text | int | money | fraction | date | articles | scrutiny
    default: object
    help: str


SETTING_SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("name", "Name", "text", "", "The trust's name as registered."),
    SettingSpec("company_number", "Company number", "text", None, "Companies House number."),
    SettingSpec("gias_group_uid", "GIAS group UID", "text", None, "The trust's UID on GIAS."),
    SettingSpec("articles_model", "Articles model", "articles", ArticlesModel.MODEL_2021,
                "The DfE model articles the trust has adopted (2021 or pre-2021)."),
    SettingSpec("term_years", "Term of office years", "int", 4,
                "Longest term of office for trustees and local governors."),
    SettingSpec("employee_trustee_cap", "Employee trustee cap", "fraction", Fraction(1, 3),
                "Largest share of trustees who may be employees (e.g. 1/3)."),
    SettingSpec("term_warning_days", "Term warning days", "int", 60,
                "How long before a term ends to start warning."),
    SettingSpec("filing_deadline_days", "Filing deadline days", "int", 14,
                "Days allowed to update GIAS and Companies House after a change."),
    SettingSpec("absence_window_months", "Absence window months", "int", 6,
                "Months of missed board meetings after which office may be vacated."),
    SettingSpec("last_audited_income", "Last audited income", "money", None,
                "Total income in the last audited accounts."),
    SettingSpec("arc_income_threshold", "ARC income threshold", "money", 50_000_000_00,
                "Income above which the audit and risk committee must be dedicated."),
    SettingSpec("rpt_approval_threshold", "RPT approval threshold", "money", 40_000_00,
                "Related-party value per financial year above which DfE approval is needed."),
    SettingSpec("legacy_rpt_threshold", "Legacy RPT threshold", "money", 20_000_00,
                "Cumulative threshold for agreements confirmed 2019-04-01 to 2023-08-31."),
    SettingSpec("at_cost_de_minimis", "At-cost de minimis", "money", 0,
                "Agreements at or below this value need no at-cost statement."),
    SettingSpec("high_pay_threshold", "High pay threshold", "money", 150_000_00,
                "An executive salary at or above this draws DfE attention."),
    SettingSpec("high_pay_band_floor", "High pay band floor", "money", 100_000_00,
                "Two or more salaries from this up to the high pay threshold draw attention."),
    SettingSpec("pay_policy_approved_on", "Pay policy approved on", "date", None,
                "When the board last approved the executive pay policy."),
    SettingSpec("sod_approved_on", "Scheme of delegation approved on", "date", None,
                "When the board last approved the scheme of delegation."),
    SettingSpec("internal_scrutiny_provider", "Internal scrutiny provider", "scrutiny", None,
                "Who delivers internal scrutiny: an internal audit function or other."),
    SettingSpec("handbook_edition", "Handbook edition", "edition", None,
                "The Academy Trust Handbook edition to cite (blank: the one in force on the date checked)."),
)

SETTINGS_BY_LABEL = {spec.label.casefold(): spec for spec in SETTING_SPECS}

# Settings whose value is one of an enumeration's words, by SettingSpec.kind.
SETTING_ENUMS: dict[str, type] = {
    "articles": ArticlesModel, "scrutiny": ScrutinyProvider, "edition": HandbookEdition,
}


@record
class TrustSettings:
    """The trust's settings; defaults are the rulebook's."""

    name: str = ""
    company_number: str | None = None
    gias_group_uid: str | None = None
    articles_model: ArticlesModel = ArticlesModel.MODEL_2021
    term_years: int = 4
    employee_trustee_cap: Fraction = Fraction(1, 3)
    term_warning_days: int = 60
    filing_deadline_days: int = 14
    absence_window_months: int = 6
    last_audited_income: Pence | None = None
    arc_income_threshold: Pence = 50_000_000_00
    rpt_approval_threshold: Pence = 40_000_00
    legacy_rpt_threshold: Pence = 20_000_00
    at_cost_de_minimis: Pence = 0
    high_pay_threshold: Pence = 150_000_00
    high_pay_band_floor: Pence = 100_000_00
    pay_policy_approved_on: date | None = None
    sod_approved_on: date | None = None
    internal_scrutiny_provider: ScrutinyProvider | None = None
    handbook_edition: HandbookEdition | None = None

    def with_changes(self, **changes) -> TrustSettings:
        return replace(self, **changes)


# --- findings (produced by rules, shown by every face) ---------------------------------------


@record
class Subject:
    """What a finding is about: a kind, the key of the record, and a label for people."""

    kind: str
    key: str
    label: str = ""


@record
class Finding:
    """One result of a rule: what is wrong, about what, on what evidence, and the remedy."""

    rule: str
    severity: Severity
    title: str
    message: str
    subject: Subject
    evidence: dict = field(default_factory=dict, hash=False, compare=False)
    citation: str = ""
    remedy: str = ""
    acknowledged: bool = False
    acknowledgement: Acknowledgement | None = None

    @property
    def identity(self) -> tuple[str, str, str]:
        """(rule, subject kind, subject key): one finding per rule and subject."""
        return (self.rule, self.subject.kind, self.subject.key)

    def sort_key(self) -> tuple:
        return (self.severity.rank, self.rule, self.subject.key)


@record
class RuleInfo:
    """A rule's entry in the catalogue: what `rules` lists and the pack's appendix prints."""

    id: str
    severity: Severity  # the most serious severity the rule can give
    title: str
    citation: str
    explanation: str
    remedy: str
    area: str  # e.g. "Members", "Trustees", "Related parties"
    severities: tuple[Severity, ...] = ()  # every severity it can give (must / advice rules)


@record
class DueItem:
    """Something falling due: a term ending, a declaration due, a filing overdue."""

    due_on: date
    kind: str  # "term", "declaration", "filing", "chair election", ...
    subject: Subject
    description: str
    overdue: bool = False


# The registers, in the order they are stored, exported and imported.
RECORD_TYPES: tuple[type, ...] = (
    Academy, Person, Body, Appointment, Employment, PersonRelationship, Check, Interest,
    Declaration, Meeting, AttendanceRecord, Paper, AgendaItem, ItemAttendance, Action, RptAgreement,
    RptValue, Payment, PayDecision, PayAward, SodRow, Acknowledgement,
)


def record_fields(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]
