"""Validation shared by the dialogs, the workbook import and the command line.

The parsers turn what a person typed (or a spreadsheet held) into domain values and raise
`ValueError` with a message in plain words; the same message is shown in a dialog, an import
error row and on the command line. `validate_registers` checks a whole set of registers for
what no single field can show: unique IDs, references that resolve, end before start and a role
overlapping itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .enums import BodyType, Choice, DelegationCode
from .model import BOARD_BODY, MEMBERS_BODY

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONEY_RE = re.compile(r"^-?\d+(\.\d{1,2})?$")

YES = {"yes", "y", "true"}
NO = {"no", "n", "false"}


def parse_date(value) -> date | None:
    """A date from a real date, `dd/mm/yyyy` or `yyyy-mm-dd`; blank is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if m := _UK_RE.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _ISO_RE.match(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        raise ValueError(f"'{text}' is not a date (use dd/mm/yyyy, e.g. 31/08/2025)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date (there is no such day)") from None


_TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_time(value) -> str | None:
    """A time of day as "HH:MM" (24-hour) from "18:30", "6.30" or a spreadsheet time; blank is None."""
    if value is None:
        return None
    if hasattr(value, "hour") and hasattr(value, "minute"):  # datetime.time or datetime
        return f"{value.hour:02d}:{value.minute:02d}"
    text = str(value).strip()
    if not text:
        return None
    match = _TIME_RE.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"'{text}' is not a time of day (use HH:MM, e.g. 18:30)")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_urn_list(value) -> tuple[str, ...]:
    """Academy URNs separated by commas (or semicolons, spaces): "141872, 142305"."""
    if value is None:
        return ()
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # one URN typed into a cell comes back as a number
    urns: list[str] = []
    for part in re.split(r"[,;\s]+", str(value).strip()):
        if part and part not in urns:
            urns.append(part)
    return tuple(urns)


def parse_iso_date(text: str) -> date:
    """A command-line date: yyyy-mm-dd only."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the form yyyy-mm-dd") from None


def parse_yes_no(value) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(f"'{value}' is not Yes or No")


def parse_money(value) -> int | None:
    """Pence from a number or text like '£40,000.00'; blank is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not an amount of money")
    if isinstance(value, int):
        return value * 100
    if isinstance(value, (float, Decimal)):
        amount = Decimal(str(value))
    else:
        text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
        if not text:
            return None
        if not _MONEY_RE.match(text):
            raise ValueError(f"'{value}' is not an amount of money (e.g. £40,000.00)")
        amount = Decimal(text)
    pence = amount * 100
    if pence != pence.to_integral_value():
        raise ValueError(f"'{value}' has fractions of a penny")
    return int(pence)


def parse_percent(value, *, cell_is_percent: bool = False) -> Decimal | None:
    """'2.8', '2.8%', or 0.028 in a cell formatted as % -> Decimal('2.8')."""
    if value is None:
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = Decimal(str(value))
        if cell_is_percent and number.is_finite():
            number = (number * 100).normalize()
    else:
        text = str(value).strip()
        if not text:
            return None
        if text.endswith("%"):
            text = text[:-1].strip()
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():  # Decimal() also reads 'NaN' and 'Infinity'
        raise ValueError(f"'{value}' is not a percentage (e.g. 2.8%)")
    return number


def parse_int(value, *, minimum: int | None = None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError
            number = int(value)
        else:
            number = int(str(value).strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a whole number") from None
    if minimum is not None and number < minimum:
        raise ValueError(f"{number} is less than {minimum}")
    return number


def parse_fraction(value) -> Fraction | None:
    """'1/3', '0.333' or 33% style shares of a whole, between 0 and 1."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().rstrip("%")
    try:
        share = Fraction(text) if "/" in text else Fraction(Decimal(text))
    except (ValueError, ZeroDivisionError, InvalidOperation):
        raise ValueError(f"'{value}' is not a fraction like 1/3") from None
    if str(value).strip().endswith("%"):
        share /= 100
    if not 0 <= share <= 1:
        raise ValueError(f"'{value}' must be between 0 and 1 (e.g. 1/3)")
    return share


def parse_choice(enum: type[Choice], value, *, required: bool = False):
    if value is None or not str(value).strip():
        if required:
            raise ValueError("is required")
        return None
    return enum.parse(str(value))


def parse_text(value, *, required: bool = False) -> str | None:
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))  # IDs typed as numbers come back as floats
    else:
        text = str(value)
    text = text.strip()
    if not text:
        if required:
            raise ValueError("is required")
        return None
    return text


def parse_delegation_codes(value) -> str | None:
    """'D', 'r, c' -> 'R,C' in the scheme's order; at most one D; letters from D R C M I."""
    text = parse_text(value)
    if text is None:
        return None
    letters: list[str] = []
    for part in re.split(r"[,\s/]+", text.upper()):
        if not part:
            continue
        try:
            code = DelegationCode.parse(part)
        except ValueError:
            raise ValueError(f"'{part}' is not a delegation code (use D, R, C, M or I)") from None
        if code.value not in letters:
            letters.append(code.value)
    order = [c.value for c in DelegationCode]
    letters.sort(key=order.index)
    return ",".join(letters) or None


# --- whole-register checks --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem with one record: where it is (register and key), which field, and what."""

    register: str
    key: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.register} {self.key}: {self.field}: {self.message}"


def check_dates_in_order(start: date | None, end: date | None, start_label: str, end_label: str):
    """Return a message when an end date comes before its start, else None."""
    if start and end and end < start:
        return f"{end_label} {end:%d/%m/%Y} is before {start_label} {start:%d/%m/%Y}"
    return None


def validate_registers(snapshot) -> list[Problem]:
    """Check a whole TrustSnapshot for cross-record problems. Returns [] when sound."""
    problems: list[Problem] = []
    add = problems.append
    people = {p.id for p in snapshot.people}
    bodies = {b.name for b in snapshot.bodies} | {MEMBERS_BODY, BOARD_BODY}
    academies = {a.urn for a in snapshot.academies}
    meetings = {m.id for m in snapshot.meetings}
    agreements = {a.id for a in snapshot.rpt_agreements}

    def unique(register: str, items, key):
        seen: set = set()
        for item in items:
            k = key(item)
            if k in seen:
                add(Problem(register, str(k), "ID", f"'{k}' is used more than once"))
            seen.add(k)

    unique("People", snapshot.people, lambda p: p.id)
    unique("Academies", snapshot.academies, lambda a: a.urn)
    unique("Bodies", snapshot.bodies, lambda b: b.name)
    unique("Meetings", snapshot.meetings, lambda m: m.id)
    unique("Payments", snapshot.payments, lambda p: p.id)
    unique("Pay decisions", snapshot.pay_decisions, lambda p: p.id)
    unique("Scheme of delegation", snapshot.sod_rows, lambda r: r.ref)
    unique("Related party transactions", snapshot.rpt_agreements, lambda a: a.id)
    unique("Pay awards", snapshot.pay_awards, lambda a: a.academic_year)
    unique("Actions", snapshot.actions, lambda a: a.id)
    agenda_items = {(i.meeting_id, i.item) for i in snapshot.agenda}

    def item_ref(register: str, key: str, field_name: str, meeting_id, item):
        if not item:
            return
        if not meeting_id:
            add(Problem(register, key, field_name, f"item '{item}' needs the meeting it was taken at"))
        elif meeting_id in meetings and (meeting_id, item) not in agenda_items:
            add(Problem(register, key, field_name, f"meeting '{meeting_id}' has no agenda item '{item}'"))

    def ref(register: str, key: str, field_name: str, value, known: set, what: str):
        if value and value not in known:
            add(Problem(register, key, field_name, f"{what} '{value}' does not exist"))

    for body in snapshot.bodies:
        if body.type == BodyType.LOCAL_GOVERNING_BODY and not body.academy_urns:
            add(Problem("Bodies", body.name, "Academy URN", "a local governing body needs the URN of its academy"))
        for urn in body.academy_urns:
            ref("Bodies", body.name, "Academy URN", urn, academies, "academy")
        if body.quorum is not None and not 1 <= body.quorum <= 100:
            add(Problem("Bodies", body.name, "Quorum", f"{body.quorum} is not a quorum (give a number from 1 to 100)"))
        if body.academy_urns and body.type != BodyType.LOCAL_GOVERNING_BODY:
            add(Problem("Bodies", body.name, "Academy URN", "only a local governing body serves academies"))

    overlaps: dict[tuple, list] = defaultdict(list)
    for a in snapshot.appointments:
        key = f"{a.person_id} {a.role} {a.body}"
        ref("Roles", key, "Person ID", a.person_id, people, "person")
        ref("Roles", key, "Body", a.body, bodies, "body")
        for msg in (
            check_dates_in_order(a.start, a.end, "start date", "end date"),
            check_dates_in_order(a.start, a.term_end, "start date", "term end date"),
        ):
            if msg:
                add(Problem("Roles", key, "End date", msg))
        overlaps[(a.person_id, a.role, a.body)].append(a)
    for (person_id, role, body), items in overlaps.items():
        items.sort(key=lambda a: a.start)
        for earlier, later in zip(items, items[1:]):
            if earlier.end is None or earlier.end >= later.start:
                add(Problem(
                    "Roles", f"{person_id} {role} {body}", "Start date",
                    f"the appointment starting {later.start:%d/%m/%Y} overlaps the one starting "
                    f"{earlier.start:%d/%m/%Y} (end the earlier one first)",
                ))

    for e in snapshot.employment:
        ref("Employment", e.person_id, "Person ID", e.person_id, people, "person")
        ref("Employment", e.person_id, "Academy URN", e.academy_urn, academies, "academy")
        if msg := check_dates_in_order(e.start, e.end, "start date", "end date"):
            add(Problem("Employment", e.person_id, "End date", msg))
        if msg := check_dates_in_order(e.offpayroll_approval_on, e.approval_ends_on,
                                       "DfE off-payroll approval date", "approval end date"):
            add(Problem("Employment", e.person_id, "Approval ends on", msg))
    for r in snapshot.relationships:
        ref("Relationships", r.person_id, "Person ID", r.person_id, people, "person")
        ref("Relationships", r.person_id, "Related person ID", r.related_person_id, people, "person")
        if r.person_id == r.related_person_id:
            add(Problem("Relationships", r.person_id, "Related person ID", "a person cannot be related to themselves"))
    for c in snapshot.checks:
        ref("Checks", c.person_id, "Person ID", c.person_id, people, "person")
    for i in snapshot.interests:
        ref("Interests", i.person_id, "Person ID", i.person_id, people, "person")
        if msg := check_dates_in_order(i.start, i.end, "start date", "end date"):
            add(Problem("Interests", i.person_id, "End date", msg))
    for d in snapshot.declarations:
        ref("Declarations", d.person_id, "Person ID", d.person_id, people, "person")
    for m in snapshot.meetings:
        ref("Meetings", m.id, "Body", m.body, bodies, "body")
        ref("Meetings", m.id, "Minutes approved at", m.minutes_approved_at, meetings, "meeting")
        if m.minutes_approved_at == m.id:
            add(Problem("Meetings", m.id, "Minutes approved at", "a meeting cannot approve its own minutes"))
        if msg := check_dates_in_order(m.date, m.minutes_approved_on, "meeting date", "minutes approved on"):
            add(Problem("Meetings", m.id, "Minutes approved on", msg))
    for a in snapshot.attendance:
        ref("Attendance", a.meeting_id, "Meeting ID", a.meeting_id, meetings, "meeting")
        ref("Attendance", a.meeting_id, "Person ID", a.person_id, people, "person")
    for item in snapshot.agenda:
        ref("Agenda", item.meeting_id, "Meeting ID", item.meeting_id, meetings, "meeting")
    for r in snapshot.item_attendance:
        ref("Item attendance", r.meeting_id, "Meeting ID", r.meeting_id, meetings, "meeting")
        ref("Item attendance", r.meeting_id, "Person ID", r.person_id, people, "person")
        item_ref("Item attendance", r.meeting_id, "Item", r.meeting_id, r.item)
    for a in snapshot.actions:
        ref("Actions", a.id, "Meeting ID", a.meeting_id, meetings, "meeting")
        item_ref("Actions", a.id, "Item", a.meeting_id, a.item)
    for a in snapshot.rpt_agreements:
        ref("Related party transactions", a.id, "Related person ID", a.related_person_id, people, "person")
        ref("Related party transactions", a.id, "Decision meeting ID", a.decision_meeting_id, meetings, "meeting")
        item_ref("Related party transactions", a.id, "Decision item", a.decision_meeting_id, a.decision_item)
    for v in snapshot.rpt_values:
        ref("Related party transactions", v.agreement_id, "Agreement ID", v.agreement_id, agreements, "agreement")
    for p in snapshot.payments:
        ref("Payments", p.id, "Agreement ID", p.agreement_id, agreements, "agreement")
    for d in snapshot.pay_decisions:
        ref("Pay decisions", d.id, "Person ID", d.person_id, people, "person")
        ref("Pay decisions", d.id, "Decided by", d.decided_by, bodies, "body")
        ref("Pay decisions", d.id, "Meeting ID", d.meeting_id, meetings, "meeting")
        item_ref("Pay decisions", d.id, "Decision item", d.meeting_id, d.decision_item)
    for row in snapshot.sod_rows:
        # More than one D across levels is a finding (SOD-02), not an input error.
        for level, text in row.codes:
            if text and text.count("D") > 1:
                add(Problem("Scheme of delegation", row.ref, str(level), "a cell may hold at most one D"))
    return problems
