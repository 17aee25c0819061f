"""The trust workbook's sheets and columns (formats.md section 1), described once.

Both the reader and the writer work from `SHEETS`: each sheet names the snapshot register it
fills, and each column its header text, whether it is required, how a cell is parsed (the shared
parsers of `govboard.domain.validate`, so messages match the dialogs and the command line), the
enumeration offered as a dropdown, and the record field it sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from govboard.domain.dates import normalise_year_label
from govboard.domain.enums import (
    ActionStatus,
    AppointedBy,
    Attendance,
    BodyType,
    CheckKind,
    Choice,
    DfeApproval,
    Direction,
    Exemption,
    ItemPresence,
    MeetingStatus,
    Outcome,
    Relationship,
    ReservedTo,
    Role,
    SodLevel,
)
from govboard.domain.validate import (
    parse_date,
    parse_delegation_codes,
    parse_int,
    parse_money,
    parse_percent,
    parse_text,
    parse_time,
    parse_urn_list,
    parse_yes_no,
)

FORMAT_VERSION = "2"  # formats.md section 1 v2: v1 workbooks (no v2 sheets or columns) still read

DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = '"£"#,##0.00'
PERCENT_NUMBER_FORMAT = "0.0##"

# Kinds of column. Each maps to a parser taking a non-blank cell value.
TEXT = "text"
DATE = "date"
YESNO = "yesno"
MONEY = "money"
PERCENT = "percent"
CHOICE = "choice"
CODES = "codes"
YEAR = "year"
INT = "int"
RAW = "raw"  # passed through as read (the Trust sheet's Value, parsed per setting)
TIME = "time"  # a time of day, HH:MM
URNS = "urns"  # academy URNs separated by commas


def normalise_name(text) -> str:
    """Header and sheet names match ignoring case and all spaces."""
    return "".join(str(text).split()).casefold()


def _text(value):
    return parse_text(value)


def _raw(value):
    return value


def _year(value):
    text = parse_text(value)
    return None if text is None else normalise_year_label(text)


def _choice_parser(enum: type[Choice]) -> Callable:
    if hasattr(enum, "from_text"):  # Appointed by: a value not in the list is kept as written
        return lambda value: enum.from_text(str(value))

    def parse(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # "2021" typed into a cell comes back as a number
        return enum.parse(str(value))

    return parse


@dataclass(frozen=True)
class Column:
    header: str
    field: str | None  # record attribute (None: handled by the sheet's own code)
    kind: str = TEXT
    required: bool = False
    enum: type[Choice] | None = None
    width: int = 0  # 0: from the header

    @property
    def key(self) -> str:
        return normalise_name(self.header)

    @property
    def parser(self) -> Callable:
        if self.kind == CHOICE:
            assert self.enum is not None
            return _choice_parser(self.enum)
        return {
            TEXT: _text,
            DATE: parse_date,
            YESNO: parse_yes_no,
            MONEY: parse_money,
            PERCENT: parse_percent,
            CODES: parse_delegation_codes,
            YEAR: _year,
            INT: parse_int,
            RAW: _raw,
            TIME: parse_time,
            URNS: parse_urn_list,
        }[self.kind]

    @property
    def display_width(self) -> float:
        if self.width:
            return self.width
        base = {DATE: 12, MONEY: 14, YESNO: 8, CODES: 10, PERCENT: 10, YEAR: 10, TIME: 8}.get(self.kind, 14)
        return max(base, len(self.header) + 3)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    register: str  # TrustSnapshot attribute ("" for the Trust sheet)
    columns: tuple[Column, ...]
    unique: tuple[str, ...] = ()  # headers whose values together must be unique on the sheet
    also_ignored: tuple[str, ...] = ()  # extra headers read silently (e.g. "Default")
    by_key: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_key", {c.key: c for c in self.columns})

    @property
    def key(self) -> str:
        return normalise_name(self.name)

    def column(self, header: str) -> Column:
        return self.by_key[normalise_name(header)]


def C(header, field_name, kind=TEXT, *, required=False, enum=None, width=0) -> Column:
    if enum is not None:
        kind = CHOICE
    return Column(header, field_name, kind, required, enum, width)


PERSON_ID = C("Person ID", "person_id", required=True, width=11)

TRUST = SheetSpec(
    "Trust", "",
    (C("Setting", "setting", required=True, width=34), C("Value", "value", RAW, required=True, width=30)),
    unique=("Setting",),
    also_ignored=("Default", "Explanation"),
)

SHEETS: tuple[SheetSpec, ...] = (
    TRUST,
    SheetSpec("Academies", "academies", (
        C("URN", "urn", required=True, width=10),
        C("Name", "name", required=True, width=34),
        C("Phase", "phase"),
        C("Joined on", "joined_on", DATE),
        C("Left on", "left_on", DATE),
    ), unique=("URN",)),
    SheetSpec("People", "people", (
        C("Person ID", "id", required=True, width=11),
        C("Title", "title", width=8),
        C("Forename", "forename", required=True, width=16),
        C("Middle names", "middle_names", width=16),
        C("Surname", "surname", required=True, width=18),
        C("Date of birth", "date_of_birth", DATE),
        C("Email", "email", width=30),
    ), unique=("Person ID",)),
    SheetSpec("Bodies", "bodies", (
        C("Body", "name", required=True, width=34),
        C("Type", "type", required=True, enum=BodyType, width=28),
        C("Academy URN", "academy_urn"),  # one academy; a hub LGB's several go in Academy URNs
        C("Terms of reference reviewed on", "tor_reviewed_on", DATE),
        C("Academy URNs", "academy_urns", URNS, width=22),
        C("Quorum", "quorum", INT, width=8),
    ), unique=("Body",)),
    SheetSpec("Roles", "appointments", (
        PERSON_ID,
        C("Role", "role", required=True, enum=Role, width=28),
        C("Body", "body", required=True, width=30),
        C("Appointed by", "appointed_by", enum=AppointedBy, width=36),
        C("Start date", "start", DATE, required=True),
        C("Term end date", "term_end", DATE),
        C("End date", "end", DATE),
        C("End reason", "end_reason", width=20),
        C("GIAS start recorded on", "gias_start_recorded_on", DATE),
        C("GIAS end recorded on", "gias_end_recorded_on", DATE),
        C("Companies House start filed on", "ch_start_filed_on", DATE),
        C("Companies House end filed on", "ch_end_filed_on", DATE),
    ), unique=("Person ID", "Role", "Body", "Start date")),
    SheetSpec("Employment", "employment", (
        PERSON_ID,
        C("Job title", "job_title", required=True, width=26),
        C("Academy URN", "academy_urn"),
        C("Start date", "start", DATE, required=True),
        C("End date", "end", DATE),
        C("Off-payroll", "off_payroll", YESNO),
        C("DfE off-payroll approval on", "offpayroll_approval_on", DATE),
        C("Approval ends on", "approval_ends_on", DATE),
    ), unique=("Person ID", "Job title", "Start date")),
    SheetSpec("Relationships", "relationships", (
        PERSON_ID,
        C("Related person ID", "related_person_id", required=True),
        C("Relationship", "relationship", required=True, enum=Relationship, width=24),
        C("Start date", "start", DATE),
        C("End date", "end", DATE),
    ), unique=("Person ID", "Related person ID", "Relationship")),
    SheetSpec("Checks", "checks", (
        PERSON_ID,
        C("Check", "kind", required=True, enum=CheckKind, width=30),
        C("Date", "date", DATE, required=True),
        C("Reference", "reference", width=18),
    ), unique=("Person ID", "Check", "Date")),
    SheetSpec("Interests", "interests", (
        PERSON_ID,
        C("Organisation", "organisation", required=True, width=30),
        C("Company number", "company_number"),
        C("Nature of business", "nature_of_business", width=24),
        C("Nature of interest", "nature_of_interest", width=24),
        C("Start date", "start", DATE),
        C("End date", "end", DATE),
    ), unique=("Person ID", "Organisation", "Start date")),
    SheetSpec("Declarations", "declarations", (
        PERSON_ID,
        C("Declared on", "declared_on", DATE, required=True),
        C("Nothing to declare", "nothing_to_declare", YESNO),
    ), unique=("Person ID", "Declared on")),
    SheetSpec("Meetings", "meetings", (
        C("Meeting ID", "id", required=True, width=12),
        C("Body", "body", required=True, width=30),
        C("Date", "date", DATE, required=True),
        C("Papers sent on", "papers_sent_on", DATE),
        C("Status", "status", enum=MeetingStatus, width=11),
        C("Start time", "start_time", TIME),
        C("Venue", "venue", width=24),
        C("Minutes approved on", "minutes_approved_on", DATE),
        C("Minutes approved at", "minutes_approved_at", width=14),
    ), unique=("Meeting ID",)),
    SheetSpec("Attendance", "attendance", (
        C("Meeting ID", "meeting_id", required=True, width=12),
        PERSON_ID,
        C("Attendance", "attendance", required=True, enum=Attendance, width=24),
    ), unique=("Meeting ID", "Person ID")),
    SheetSpec("Agenda", "agenda", (
        C("Meeting ID", "meeting_id", required=True, width=12),
        C("Item", "item", required=True, width=7),
        C("Title", "title", required=True, width=36),
        C("Presenter", "presenter", width=20),
        C("Paper", "paper", width=36),
        C("Confidential", "confidential", YESNO),
        C("Standing item", "standing", YESNO),
        C("Minute", "minute", width=48),
        C("Decision", "decision", width=36),
        C("Outcome", "outcome", enum=Outcome, width=11),
        C("Paper title", "paper_title", width=30),
    ), unique=("Meeting ID", "Item")),
    SheetSpec("Item attendance", "item_attendance", (
        C("Meeting ID", "meeting_id", required=True, width=12),
        C("Item", "item", required=True, width=7),
        PERSON_ID,
        C("What", "what", required=True, enum=ItemPresence, width=18),
        C("Interest", "interest", width=36),
        C("Voted", "voted", YESNO),
    ), unique=("Meeting ID", "Item", "Person ID", "What")),
    SheetSpec("Actions", "actions", (
        C("Action ID", "id", required=True, width=12),
        C("Meeting ID", "meeting_id", required=True, width=12),
        C("Item", "item", width=7),
        C("Action", "action", required=True, width=48),
        C("Owner", "owner", width=20),
        C("Due date", "due_date", DATE, required=True),
        C("Status", "status", enum=ActionStatus, width=10),
        C("Done on", "done_on", DATE),
        C("Notes", "notes", width=30),
    ), unique=("Action ID",)),
    SheetSpec("Related party transactions", "rpt_agreements", (
        C("Agreement ID", "id", required=True, width=13),
        C("Related organisation", "related_organisation", required=True, width=30),
        C("Company number", "company_number"),
        C("Related person ID", "related_person_id"),
        C("Description", "description", width=30),
        C("Direction", "direction", required=True, enum=Direction, width=13),
        # Required in formats.md; both blank is accepted for an agreement with no value yet.
        C("Financial year", None, YEAR, required=True),
        C("Value", None, MONEY, required=True),
        C("Confirmed on", "confirmed_on", DATE),
        C("Reported to DfE on", "reported_to_dfe_on", DATE),
        C("DfE approval", "dfe_approval", enum=DfeApproval, width=14),
        C("DfE decision on", "dfe_decision_on", DATE),
        C("At-cost statement on", "at_cost_statement_on", DATE),
        C("Exemption", "exemption", enum=Exemption, width=34),
        C("Novel or contentious", "novel_or_contentious", YESNO),
        C("Decision meeting ID", "decision_meeting_id"),
        C("Conflicted persons withdrew", "conflicted_withdrew", YESNO),
        C("Decision item", "decision_item", width=9),
    ), unique=("Agreement ID", "Financial year")),
    SheetSpec("Payments", "payments", (
        C("Payment ID", "id", required=True, width=12),
        C("Date", "date", DATE, required=True),
        C("Supplier", "supplier", required=True, width=30),
        C("Company number", "company_number"),
        C("Amount", "amount", MONEY, required=True),
        C("Description", "description", width=30),
        C("Agreement ID", "agreement_id"),
    ), unique=("Payment ID",)),
    SheetSpec("Pay decisions", "pay_decisions", (
        C("Decision ID", "id", required=True, width=12),
        PERSON_ID,
        C("Post", "post", width=24),
        C("Executive", "executive", YESNO),
        C("Effective date", "effective_date", DATE, required=True),
        C("Salary before", "salary_before", MONEY),
        C("Salary after", "salary_after", MONEY, required=True),
        C("Decided by", "decided_by", width=26),
        C("Meeting ID", "meeting_id", width=12),
        C("Evidence", "evidence", width=30),
        C("Subject withdrew", "subject_withdrew", YESNO),
        C("Decision item", "decision_item", width=9),
    ), unique=("Decision ID",)),
    SheetSpec("Pay awards", "pay_awards", (
        C("Academic year", "academic_year", YEAR, required=True),
        C("Teachers award percent", "percent", PERCENT, required=True),
    ), unique=("Academic year",)),
    SheetSpec("Scheme of delegation", "sod_rows", (
        C("Ref", "ref", required=True, width=8),
        C("Area", "area", width=20),
        C("Decision", "decision", required=True, width=48),
        C("Reserved to", "reserved_to", enum=ReservedTo, width=12),
        *(C(level.value, None, CODES, width=max(10, len(level.value) + 2)) for level in SodLevel),
    ), unique=("Ref",)),
    SheetSpec("Acknowledgements", "acknowledgements", (
        C("Rule", "rule", required=True, width=9),
        C("Subject kind", "subject_kind", required=True),
        C("Subject key", "subject_key", required=True, width=20),
        C("Reason", "reason", required=True, width=40),
        C("Acknowledged by", "acknowledged_by", width=20),
        C("Acknowledged on", "acknowledged_on", DATE),
        C("Expires on", "expires_on", DATE),
    ), unique=("Rule", "Subject kind", "Subject key")),
)

SHEET_BY_NAME: dict[str, SheetSpec] = {s.name: s for s in SHEETS}
SHEET_BY_KEY: dict[str, SheetSpec] = {s.key: s for s in SHEETS}

# Sheets and columns read silently (the writer's own helpers and the errors copy's additions).
META_SHEET = "_meta"
LISTS_SHEET = "_lists"
IMPORT_ERRORS_SHEET = "Import errors"
ERRORS_COLUMN = "Errors"


def is_ignored_sheet(title: str) -> bool:
    return str(title).startswith("_") or normalise_name(title) == normalise_name(IMPORT_ERRORS_SHEET)


ENUM_COLUMNS: tuple[type[Choice], ...] = tuple(
    dict.fromkeys(c.enum for s in SHEETS for c in s.columns if c.enum is not None)
)
