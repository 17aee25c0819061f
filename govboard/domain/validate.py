"""Validation shared by the dialogs, the workbook import and the command line.

The parsers turn what a person typed (or a spreadsheet held) into domain values and raise
`ValueError` with a message in plain words; the same message is shown in a dialog, an import
error row and on the command line. `validate_registers` checks a whole set of registers for
what no single field can show: unique IDs, references that resolve, end before start and a role
overlapping itself.

Bounds at the door: every value has a range (money, years, percentages, settings, text length
and characters), checked by the parsers and by `field_problem` / `record_problems`, which the
workbook import, the dialogs and the store itself share. Nothing outside these ranges is
stored, so no rule, report or screen meets a year 10000, a 30-digit sum or a U+FFFF in a name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Context, Decimal, InvalidOperation
from fractions import Fraction

from .enums import BodyType, Choice, DelegationCode
from .model import BOARD_BODY, MEMBERS_BODY

_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONEY_RE = re.compile(r"^-?\d+(\.\d{1,2})?$")

_WIDE = Context(prec=60)  # quantize a bounded percentage without InvalidOperation

YES = {"yes", "y", "true"}
NO = {"no", "n", "false"}

# --- bounds -----------------------------------------------------------------------------------

MONEY_LIMIT = 10_000_000_000_00  # pence: £10,000,000,000.00; the largest trusts' income is near £1bn
YEAR_MIN, YEAR_MAX = 1900, 2100
PERCENT_MIN, PERCENT_MAX = Decimal(-100), Decimal(1000)
INT_LIMIT = 1_000_000_000  # any whole number a person types (a quorum, a count)
FRACTION_DENOMINATOR_MAX = 10_000  # 1/3, 0.3333 and 33.33% all fit

# Whole-number trust settings: (smallest, largest).
SETTING_RANGES: dict[str, tuple[int, int]] = {
    "term_years": (1, 10),
    "term_warning_days": (0, 365),
    "filing_deadline_days": (1, 90),
    "absence_window_months": (1, 24),
}

ID_LENGTH = 50
NAME_LENGTH = 100
SHORT_TEXT_LENGTH = 200
LONG_TEXT_LENGTH = 4000

# Longest text per field, by the record field's name; other text fields take LONG_TEXT_LENGTH.
TEXT_LIMITS: dict[str, int] = {
    **dict.fromkeys((
        "id", "person_id", "related_person_id", "meeting_id", "agreement_id", "decision_meeting_id",
        "urn", "academy_urn", "ref", "item", "rule", "subject_kind", "financial_year", "academic_year",
        "company_number", "gias_group_uid", "decided_by_meeting",
    ), ID_LENGTH),
    **dict.fromkeys(("forename", "surname", "middle_names", "phase", "job_title", "post",
                     "presenter", "acknowledged_by", "end_reason", "reference"), NAME_LENGTH),
    **dict.fromkeys(("name", "body", "organisation", "supplier", "related_organisation", "subject_key",
                     "paper_name", "email", "area", "decided_by", "nature_of_business",
                     "nature_of_interest"), SHORT_TEXT_LENGTH),
    "title": 300,  # a person's title, or an agenda item's
}
# Fields that hold one line: no line breaks or tabs.
ONE_LINE_FIELDS = frozenset(
    f for f, n in TEXT_LIMITS.items() if n <= SHORT_TEXT_LENGTH and f not in ("nature_of_business",
                                                                             "nature_of_interest")
)
# Money fields that cannot be negative (a payment can: a refund).
NON_NEGATIVE_MONEY = frozenset(("value", "salary_before", "salary_after"))
MONEY_FIELDS = frozenset(("amount", "value", "salary_before", "salary_after"))


# C0 controls except tab, line feed and carriage return; DEL and the C1 controls; lone
# surrogates; and Unicode's non-characters (U+FDD0..U+FDEF and the last two of every plane).
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17))
    + "]"
)
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029\x85]")


def money_text(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    pounds, p = divmod(abs(pence), 100)
    return f"{sign}£{pounds:,}.{p:02d}"


def printable(text: str) -> str:
    """`text` on one line with anything unprintable shown as its code: safe for a message that
    echoes what a cell held (stderr, the log, an errors column written back to a workbook)."""
    return _LINE_BREAKS.sub(" ", _BAD_CHARS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text))


def _show_value(value) -> str:
    """A value quoted for a message: cut to 40 characters, with anything unprintable shown as
    its code (the message itself must be safe to print, log and write to a workbook)."""
    text = str(value)
    cut = len(text) > 40
    text = _LINE_BREAKS.sub(" ", _BAD_CHARS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text[:40]))
    return f"'{text}…'" if cut else f"'{text}'"


def check_money_range(pence: int, value=None, *, minimum: int = -MONEY_LIMIT, maximum: int = MONEY_LIMIT) -> int:
    if not minimum <= pence <= maximum:
        shown = _show_value(value) if value is not None else money_text(pence)
        what = "is negative" if minimum == 0 and pence < 0 else "is out of range"
        raise ValueError(f"{shown} {what}: an amount must be from {money_text(minimum)} "
                         f"to {money_text(maximum)}")
    return pence


def check_year_range(value: date, shown=None) -> date:
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        what = _show_value(shown) if shown is not None else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        raise ValueError(f"{what} is out of range: dates must fall in the years {YEAR_MIN} to {YEAR_MAX}")
    return value


def text_problem(text: str, *, max_length: int = LONG_TEXT_LENGTH, one_line: bool = False) -> str | None:
    """Why `text` cannot be stored (too long, a control or non-character), or None."""
    if len(text) > max_length:
        return f"is {len(text):,} characters long; at most {max_length:,} are allowed"
    bad = _BAD_CHARS.search(text)
    if bad:
        code = ord(bad.group())
        kind = ("a control character" if code < 0xA0 else
                "half of a character pair" if 0xD800 <= code <= 0xDFFF else "not a character")
        return (f"contains U+{code:04X} ({kind}) at position {bad.start() + 1}; only printable "
                "characters are allowed")
    if one_line and (brk := _LINE_BREAKS.search(text)):
        what = "a tab" if brk.group() == "\t" else "a line break"
        return f"contains {what} at position {brk.start() + 1}; it must fit on one line"
    return None


def field_problem(field: str, value) -> str | None:
    """Why a parsed value cannot be stored in the record field `field`, or None.

    The bounds every importer, dialog and the store apply to what they are about to write."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        problem = text_problem(value, max_length=TEXT_LIMITS.get(field, LONG_TEXT_LENGTH),
                               one_line=field in ONE_LINE_FIELDS)
        return None if problem is None else f"{_show_value(value)} {problem}"
    if isinstance(value, int):
        if field in MONEY_FIELDS:
            low = 0 if field in NON_NEGATIVE_MONEY else -MONEY_LIMIT
            try:
                check_money_range(value, minimum=low)
            except ValueError as exc:
                return str(exc)
        elif not -INT_LIMIT <= value <= INT_LIMIT:
            return f"{value} is out of range: a number must be from {-INT_LIMIT:,} to {INT_LIMIT:,}"
        return None
    if isinstance(value, date):
        try:
            check_year_range(value)
        except ValueError as exc:
            return str(exc)
        return None
    if isinstance(value, Decimal):
        if not value.is_finite() or not PERCENT_MIN <= value <= PERCENT_MAX:
            return f"{_show_value(value)} is out of range: a percentage must be from {PERCENT_MIN} to {PERCENT_MAX}"
        return None
    if isinstance(value, Fraction):
        if not 0 <= value <= 1 or value.denominator > FRACTION_DENOMINATOR_MAX:
            return f"{_show_value(value)} is out of range: a share must be from 0 to 1, like 1/3"
        return None
    if isinstance(value, tuple):  # a scheme of delegation row's codes: ((level, "R,C"), ...)
        for item in value:
            for part in item if isinstance(item, tuple) else (item,):
                if isinstance(part, str) and (problem := text_problem(part, max_length=ID_LENGTH)):
                    return f"{_show_value(part)} {problem}"
        return None
    return None


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def record_problems(record) -> list[tuple[str, str]]:
    """[(field, message)] for every field of `record` outside its bounds; [] when it may be stored."""
    cls = type(record)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        from dataclasses import fields as dataclass_fields

        # A paper's PDF bytes are not a value to bound.
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclass_fields(cls) if f.name != "content")
    out = []
    for name in names:
        value = getattr(record, name)
        if value is None or value.__class__ is bool:
            continue
        problem = field_problem(name, value)
        if problem:
            out.append((name, problem))
    return out


def setting_problem(attr: str, kind: str, value) -> str | None:
    """Why a trust setting's value is outside its range, or None."""
    if value is None:
        return None
    if kind == "int":
        low, high = SETTING_RANGES.get(attr, (0, INT_LIMIT))
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            return f"{_show_value(value)} is out of range: it must be a whole number from {low:,} to {high:,}"
        return None
    if kind == "money":
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MONEY_LIMIT:
            shown = money_text(value) if isinstance(value, int) else _show_value(value)
            return f"{shown} is out of range: it must be from £0.00 to {money_text(MONEY_LIMIT)}"
        return None
    if kind == "text":
        return field_problem("company_number" if attr in ("company_number", "gias_group_uid") else "name",
                             value)
    return field_problem(attr, value)


def settings_problems(settings) -> list[tuple[str, str]]:
    """[(setting label, message)] for every trust setting outside its range."""
    from .model import SETTING_SPECS

    out = []
    for spec in SETTING_SPECS:
        problem = setting_problem(spec.attr, spec.kind, getattr(settings, spec.attr))
        if problem:
            out.append((spec.label, problem))
    return out


def parse_date(value) -> date | None:
    """A date from a real date, `dd/mm/yyyy` or `yyyy-mm-dd`; blank is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return check_year_range(value.date())
    if isinstance(value, date):
        return check_year_range(value)
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
        parsed = date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date (there is no such day)") from None
    return check_year_range(parsed, text)


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
        parsed = date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the form yyyy-mm-dd") from None
    return check_year_range(parsed, text)


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


def parse_money(value, *, minimum: int = -MONEY_LIMIT) -> int | None:
    """Pence from a number or text like '£40,000.00'; blank is None. At most £10,000,000,000.00
    either side of zero (`minimum=0` for an amount that cannot be negative)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not an amount of money")
    if isinstance(value, int):
        return check_money_range(value * 100, value, minimum=minimum)
    if isinstance(value, (float, Decimal)):
        amount = Decimal(str(value))
        if not amount.is_finite():
            raise ValueError(f"'{value}' is not an amount of money (e.g. £40,000.00)")
    else:
        text = str(value).strip().replace("£", "").replace(",", "").replace(" ", "")
        if not text:
            return None
        if len(text) > 40 or not _MONEY_RE.match(text):
            raise ValueError(f"{_show_value(value)} is not an amount of money (e.g. £40,000.00)")
        amount = Decimal(text)
    if abs(amount) > MONEY_LIMIT:  # before anything is done with a 1e300
        check_money_range(MONEY_LIMIT + 1, value, minimum=minimum)
    pence = amount * 100
    if pence != pence.to_integral_value():
        raise ValueError(f"'{value}' has fractions of a penny")
    return check_money_range(int(pence), value, minimum=minimum)


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
        raise ValueError(f"{_show_value(value)} is not a percentage (e.g. 2.8%)")
    if not PERCENT_MIN <= number <= PERCENT_MAX:
        raise ValueError(f"{_show_value(value)} is out of range: a percentage must be from "
                         f"{PERCENT_MIN} to {PERCENT_MAX}")
    if number != number.quantize(Decimal("0.0001"), context=_WIDE):
        raise ValueError(f"{_show_value(value)} has more than four decimal places")
    return number


def parse_int(value, *, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number; out of [minimum, maximum] (by default +-1,000,000,000) is an error naming
    the range."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    low = -INT_LIMIT if minimum is None else minimum
    high = INT_LIMIT if maximum is None else maximum
    try:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError
            if not low <= value <= high:  # compare as a float: int(1e300) is a 301-digit number
                raise OverflowError
            number = int(value)
        else:
            text = str(value).strip()
            if len(text) > 20:
                raise OverflowError if text.lstrip("+-").isdigit() else ValueError
            number = int(text)
    except ValueError:
        raise ValueError(f"{_show_value(value)} is not a whole number") from None
    except OverflowError:
        number = None
    if number is None or not low <= number <= high:
        shown = _show_value(value)
        if minimum is not None and maximum is None and number is not None and number < minimum:
            raise ValueError(f"{number} is less than {minimum}")
        raise ValueError(f"{shown} is out of range: it must be a whole number from {low:,} to {high:,}")
    return number


def parse_fraction(value) -> Fraction | None:
    """'1/3', '0.333' or 33% style shares of a whole, between 0 and 1."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().rstrip("%")
    try:
        if len(text) > 40:
            raise ValueError
        share = Fraction(text) if "/" in text else Fraction(Decimal(text))
    except (ValueError, ZeroDivisionError, InvalidOperation, OverflowError):
        raise ValueError(f"'{value}' is not a fraction like 1/3") from None
    if str(value).strip().endswith("%"):
        share /= 100
    if not 0 <= share <= 1:
        raise ValueError(f"'{value}' must be between 0 and 1 (e.g. 1/3)")
    if share.denominator > FRACTION_DENOMINATOR_MAX:
        raise ValueError(f"{_show_value(value)} is too fine a share: use a fraction like 1/3 or a "
                         "decimal with at most four places")
    return share


def parse_choice(enum: type[Choice], value, *, required: bool = False):
    if value is None or not str(value).strip():
        if required:
            raise ValueError("is required")
        return None
    return enum.parse(str(value))


def parse_text(value, *, required: bool = False, max_length: int = LONG_TEXT_LENGTH,
               one_line: bool = False) -> str | None:
    """Text with surrounding space removed; blank is None. Longer than `max_length`, or holding
    a control or non-character (or, `one_line`, a line break) is an error."""
    if value is None:
        text = ""
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        text = str(int(value))  # IDs typed as numbers come back as floats
    else:
        text = str(value)
    text = text.strip()
    if not text:
        if required:
            raise ValueError("is required")
        return None
    problem = text_problem(text, max_length=max_length, one_line=one_line)
    if problem:
        raise ValueError(f"{_show_value(text)} {problem}")
    return text


def parse_field_text(field: str, value, *, required: bool = False) -> str | None:
    """parse_text with the length and one-line rule of the record field `field`."""
    return parse_text(value, required=required, max_length=TEXT_LIMITS.get(field, LONG_TEXT_LENGTH),
                      one_line=field in ONE_LINE_FIELDS)


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
        # An LGB may have no academies yet: a shared LGB built from GIAS '- Group' rows, whose
        # academies GIAS does not name, until the clerk sets them (the LGB rules skip it till then).
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
