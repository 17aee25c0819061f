"""Enumerations of the trust registers.

Each member's value is the exact word the workbook, the GIAS extract and the screens use
(formats.md section 1), so nothing shows a raw Python name. Matching ignores case.
"""

from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """A str-valued enum whose value is the label people see."""

    @classmethod
    def parse(cls, text: str):
        """Find the member whose label matches `text` ignoring case and surrounding space.

        Raises ValueError with a message that lists the allowed words.
        """
        wanted = " ".join(str(text).split()).casefold()
        for member in cls:
            if member.value.casefold() == wanted:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise ValueError(f"'{text}' is not one of: {allowed}")

    @classmethod
    def labels(cls) -> list[str]:
        return [m.value for m in cls]


class Role(Choice):
    MEMBER = "Member"
    TRUSTEE = "Trustee"
    CHAIR_OF_TRUSTEES = "Chair of trustees"
    VICE_CHAIR_OF_TRUSTEES = "Vice-chair of trustees"
    ACCOUNTING_OFFICER = "Accounting officer"
    CHIEF_EXECUTIVE = "Chief executive"
    CHIEF_FINANCIAL_OFFICER = "Chief financial officer"
    GOVERNANCE_PROFESSIONAL = "Governance professional"
    LOCAL_GOVERNOR = "Local governor"
    LGB_CHAIR = "Chair of local governing body"
    COMMITTEE_MEMBER = "Committee member"
    COMMITTEE_CHAIR = "Committee chair"
    HEADTEACHER = "Headteacher"


class BodyType(Choice):
    MEMBERS = "Members"
    BOARD = "Board"
    AUDIT_AND_RISK = "Audit and risk committee"
    FINANCE_AND_AUDIT = "Finance and audit committee"
    FINANCE = "Finance committee"
    REMUNERATION = "Remuneration committee"
    STANDARDS = "Standards committee"
    OTHER_COMMITTEE = "Other committee"
    LOCAL_GOVERNING_BODY = "Local governing body"

    @property
    def is_committee(self) -> bool:
        """A board committee (not Members, not the Board, not an LGB)."""
        return self not in (BodyType.MEMBERS, BodyType.BOARD, BodyType.LOCAL_GOVERNING_BODY)


class AppointedBy(Choice):
    """GIAS's appointing bodies, in its own words (formats.md section 2 v2). A value GIAS gives
    that is not listed here is kept verbatim as an `UnlistedAppointingBody` (see `from_text`);
    `govboard.domain.appointing` has the plain-English labels and which roles each applies to."""

    # v1's order first (workbook dropdowns list them so), then the values v2 added.
    ACADEMY_MEMBERS = "Appointed by academy members"
    FOUNDATION_TRUST = "Appointed by foundation/Trust"
    GB_BOARD = "Appointed by GB/board"
    ELECTED_BY_PARENTS = "Elected by parents"
    ELECTED_BY_STAFF = "Elected by school staff"
    EX_OFFICIO_HEADTEACHER = "Ex-officio by virtue of office as headteacher/principal"
    EX_OFFICIO_FOUNDATION = (
        "Ex-officio foundation governor (appointed by foundation by virtue of the office they hold)"
    )
    FOUNDATION_SPONSOR_MEMBERS = "Foundation/sponsor members"
    NOMINATED_BY_LA = "Nominated by LA and appointed by GB"
    NOMINATED_BY_OTHER_BODY = "Nominated by other body and appointed by GB"
    ORIGINAL_SIGNATORY_MEMBERS = "Original (signatory) members"
    PARENT_APPOINTED_NO_CANDIDATES = "Parent appointed by GB/board due to no election candidates"
    ADDITIONAL_MEMBERS = "Any additional members appointed by the members of the academy trust"
    FOUNDATION_BODY_OR_SPONSOR = (
        "Persons who are appointed by the foundation body or sponsor (if applicable)"
    )
    TRUSTEES = "Appointed by trustees"
    NOT_APPLICABLE = "N/A"
    LOCAL_AUTHORITY = "Appointed by LA"
    REGIONAL_SCHOOLS_COMMISSIONER = "Appointed by Regional Schools Commissioner (RSC)"
    INTERIM_EXECUTIVE_BOARD = "Interim Executive Board"
    SSAT_ORIGINAL_SIGNATORY = "Appointed by SSAT original signatory member(s)"
    SSAT_MEMBERS = "Appointed by SSAT member(s)"

    @classmethod
    def from_text(cls, text) -> AppointedBy | UnlistedAppointingBody | None:
        """The listed value `text` names (ignoring case and spacing), else the text itself kept
        verbatim as an UnlistedAppointingBody; blank is None. Never refuses, never blanks."""
        if text is None or isinstance(text, (AppointedBy, UnlistedAppointingBody)):
            return text
        words = " ".join(str(text).split())
        if not words:
            return None
        member = _APPOINTED_BY_FOLDED.get(words.casefold())
        return member if member is not None else UnlistedAppointingBody(words)

    @property
    def is_ex_officio(self) -> bool:
        return self in (AppointedBy.EX_OFFICIO_HEADTEACHER, AppointedBy.EX_OFFICIO_FOUNDATION)

    @property
    def is_parent(self) -> bool:
        return self in (AppointedBy.ELECTED_BY_PARENTS, AppointedBy.PARENT_APPOINTED_NO_CANDIDATES)

    @property
    def listed(self) -> bool:
        """One of GIAS's values (an UnlistedAppointingBody is not)."""
        return True

    @property
    def plain_label(self) -> str:
        """GIAS's wording in plain English ("Appointed by GB/board" -> "The board"); "" for N/A."""
        return self.plain()

    def plain(self, body_type: BodyType | None = None) -> str:
        """The words a published register uses: GIAS's labels are data-entry jargon ("Appointed by
        GB/board"). `body_type` picks who "GB/board" and "foundation/Trust" are on that body."""
        on_lgb = body_type == BodyType.LOCAL_GOVERNING_BODY
        if self is AppointedBy.GB_BOARD:
            return "The local governing body" if on_lgb else "The board"
        if self is AppointedBy.FOUNDATION_TRUST:
            return "The trust" if on_lgb else "The foundation or trust"
        return _PLAIN_APPOINTED_BY.get(self, self.value)


_PLAIN_APPOINTED_BY = {
    AppointedBy.ACADEMY_MEMBERS: "The members",
    AppointedBy.ELECTED_BY_PARENTS: "Elected by parents",
    AppointedBy.ELECTED_BY_STAFF: "Elected by staff",
    AppointedBy.EX_OFFICIO_HEADTEACHER: "Ex officio (headteacher)",
    AppointedBy.EX_OFFICIO_FOUNDATION: "Ex officio (foundation)",
    AppointedBy.FOUNDATION_SPONSOR_MEMBERS: "The foundation or sponsor",
    AppointedBy.NOMINATED_BY_LA: "Nominated by the local authority",
    AppointedBy.NOMINATED_BY_OTHER_BODY: "Nominated by another body",
    AppointedBy.ORIGINAL_SIGNATORY_MEMBERS: "Founding member",
    AppointedBy.PARENT_APPOINTED_NO_CANDIDATES: "Appointed as parent governor (no candidates)",
    AppointedBy.ADDITIONAL_MEMBERS: "The members",
    AppointedBy.FOUNDATION_BODY_OR_SPONSOR: "The foundation body or sponsor",
    AppointedBy.TRUSTEES: "The trustees",
    AppointedBy.NOT_APPLICABLE: "",
    AppointedBy.LOCAL_AUTHORITY: "The local authority",
    AppointedBy.REGIONAL_SCHOOLS_COMMISSIONER: "The Regional Schools Commissioner (DfE)",
    AppointedBy.INTERIM_EXECUTIVE_BOARD: "An interim executive board",
    AppointedBy.SSAT_ORIGINAL_SIGNATORY: "The founding members",
    AppointedBy.SSAT_MEMBERS: "The members",
}
_APPOINTED_BY_FOLDED = {m.value.casefold(): m for m in AppointedBy}


class UnlistedAppointingBody(str):
    """An appointing body govboard's list lacks (GIAS adds values from time to time), kept exactly
    as given. It behaves like an AppointedBy member where rules and screens read one: it is
    neither a parent nor an ex-officio appointment, and its label is its own text."""

    __slots__ = ()
    listed = False
    is_parent = False
    is_ex_officio = False

    @property
    def value(self) -> str:
        return str.__str__(self)

    @property
    def plain_label(self) -> str:
        return str.__str__(self)

    def plain(self, body_type=None) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"UnlistedAppointingBody({str.__repr__(self)})"


class CheckKind(Choice):
    ENHANCED_DBS = "Enhanced DBS"
    SECTION_128 = "Section 128"
    SOS_CHAIR_CHECK = "Secretary of State chair check"
    IDENTITY = "Identity"
    RIGHT_TO_WORK = "Right to work"


class Relationship(Choice):
    """What the related person is to the person: a row (A, B, Child) says B is A's child."""

    SPOUSE = "Spouse or civil partner"
    PARTNER = "Partner"
    PARENT = "Parent"
    CHILD = "Child"
    SIBLING = "Sibling"
    HOUSEHOLD = "Household member"
    OTHER_CLOSE_FAMILY = "Other close family"

    @property
    def inverse(self) -> Relationship:
        """The same tie seen from the other side: B is A's child, so A is B's parent."""
        return {Relationship.PARENT: Relationship.CHILD, Relationship.CHILD: Relationship.PARENT}.get(self, self)

    def sentence(self, person: str, related: str, related_title: str | None = None) -> str:
        """Plain words for a row (person, related, self): "Anjali is Priya's daughter".

        The related person's title (Mr, Mrs, Ms, Miss) picks son or daughter, mother or father,
        brother or sister; with no such title the neutral word stands ("child").
        """
        title = (related_title or "").strip().rstrip(".").casefold()
        sex = "m" if title == "mr" else "f" if title in ("mrs", "ms", "miss") else ""
        if self is Relationship.HOUSEHOLD:
            return f"{related} is a member of {person}'s household"
        if self is Relationship.OTHER_CLOSE_FAMILY:
            return f"{related} is a close relative of {person}"
        word = _RELATIONSHIP_WORDS[self].get(sex) or _RELATIONSHIP_WORDS[self][""]
        return f"{related} is {person}'s {word}"


_RELATIONSHIP_WORDS = {
    Relationship.SPOUSE: {"": "spouse or civil partner"},
    Relationship.PARTNER: {"": "partner"},
    Relationship.PARENT: {"": "parent", "m": "father", "f": "mother"},
    Relationship.CHILD: {"": "child", "m": "son", "f": "daughter"},
    Relationship.SIBLING: {"": "brother or sister", "m": "brother", "f": "sister"},
}


class Attendance(Choice):
    PRESENT = "Present"
    APOLOGIES_ACCEPTED = "Apologies accepted"
    APOLOGIES_NOT_ACCEPTED = "Apologies not accepted"
    ABSENT = "Absent"


class MeetingStatus(Choice):
    HELD = "Held"
    SCHEDULED = "Scheduled"
    CANCELLED = "Cancelled"


class Outcome(Choice):
    """What became of an agenda item's resolution."""

    APPROVED = "Approved"
    REJECTED = "Rejected"
    NOTED = "Noted"
    DEFERRED = "Deferred"


class ItemPresence(Choice):
    """What the item attendance register records of a person at one agenda item (the "What"
    column): conflicts are declared and handled per item, not per meeting."""

    DECLARED_INTEREST = "Declared interest"
    WITHDREW = "Withdrew"
    ARRIVED = "Arrived"
    LEFT = "Left"


class ActionStatus(Choice):
    OPEN = "Open"
    DONE = "Done"
    DROPPED = "Dropped"


class HandbookEdition(Choice):
    """Editions of the Academy Trust Handbook govboard cites (each in force from 1 September)."""

    ATH_2024 = "2024"
    ATH_2025 = "2025"


class Direction(Choice):
    EXPENDITURE = "Expenditure"
    INCOME = "Income"


class DfeApproval(Choice):
    NOT_REQUIRED = "Not required"
    REQUESTED = "Requested"
    APPROVED = "Approved"
    DECLINED = "Declined"


class Exemption(Choice):
    NONE = "None"
    SPONSOR = "Sponsor college university or school"
    STATE_FUNDED = "State-funded school or college"
    RELIGIOUS_AUTHORITY = "Religious authority"


class ArticlesModel(Choice):
    MODEL_2021 = "2021"
    PRE_2021 = "pre-2021"


class ScrutinyProvider(Choice):
    INTERNAL_AUDIT = "Internal audit"
    OTHER = "Other"


class SodLevel(Choice):
    """The ten columns of the scheme of delegation, in the order they are shown."""

    MEMBERS = "Members"
    BOARD = "Board"
    AUDIT_AND_RISK = "Audit and risk committee"
    FINANCE = "Finance committee"
    REMUNERATION = "Remuneration committee"
    STANDARDS = "Standards committee"
    CHIEF_EXECUTIVE = "Chief executive"
    CHIEF_FINANCIAL_OFFICER = "Chief financial officer"
    LOCAL_GOVERNING_BODY = "Local governing body"
    HEADTEACHER = "Headteacher"

    @property
    def abbreviation(self) -> str:
        """The column heading where ten levels share a page's width (board pack, matrix)."""
        return _SOD_ABBREVIATIONS[self]


_SOD_ABBREVIATIONS = {
    SodLevel.MEMBERS: "M", SodLevel.BOARD: "B", SodLevel.AUDIT_AND_RISK: "ARC", SodLevel.FINANCE: "FC",
    SodLevel.REMUNERATION: "RC", SodLevel.STANDARDS: "SC", SodLevel.CHIEF_EXECUTIVE: "CEO",
    SodLevel.CHIEF_FINANCIAL_OFFICER: "CFO", SodLevel.LOCAL_GOVERNING_BODY: "LGB", SodLevel.HEADTEACHER: "HT",
}


class ReservedTo(Choice):
    MEMBERS = "Members"
    BOARD = "Board"


class DelegationCode(Choice):
    D = "D"
    R = "R"
    C = "C"
    M = "M"
    I = "I"  # noqa: E741 - the scheme's own letter for "informed"

    @property
    def meaning(self) -> str:
        return {
            "D": "decides",
            "R": "recommends",
            "C": "consulted",
            "M": "monitors",
            "I": "informed",
        }[self.value]


class Severity(Choice):
    MUST = "must"
    SHOULD = "should"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        """0 is the most serious; used for sorting and --fail-on."""
        return {"must": 0, "should": 1, "advice": 2}[self.value]


TRUSTEE_ROLES = frozenset({Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES, Role.VICE_CHAIR_OF_TRUSTEES})
LOCAL_GOVERNOR_ROLES = frozenset({Role.LOCAL_GOVERNOR, Role.LGB_CHAIR})
COMMITTEE_ROLES = frozenset({Role.COMMITTEE_MEMBER, Role.COMMITTEE_CHAIR})
