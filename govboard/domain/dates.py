"""Calendar arithmetic the registers need: academic/financial years and anniversaries.

The academic and financial year both run 1 September to 31 August; "2025/26" is
2025-09-01..2026-08-31.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

_YEAR_RE = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$")


def year_start(on: date) -> int:
    """The calendar year in which the academic year containing `on` starts."""
    return on.year if on.month >= 9 else on.year - 1


def year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def academic_year_of(on: date) -> str:
    """'2025/26' for any date from 2025-09-01 to 2026-08-31."""
    return year_label(year_start(on))


financial_year_of = academic_year_of  # academy trusts' financial year is the academic year


def year_bounds(label: str) -> tuple[date, date]:
    """First and last day of the year named like '2024/25' (also '2024-25', '2024/2025')."""
    start = parse_year_label(label)
    return date(start, 9, 1), date(start + 1, 8, 31)


def parse_year_label(label: str) -> int:
    """Return the start year of '2024/25'; raise ValueError if it is not a valid year label."""
    match = _YEAR_RE.match(str(label))
    if not match:
        raise ValueError(f"'{label}' is not a year like 2024/25")
    first, second = int(match.group(1)), match.group(2)
    expected = first + 1
    if (len(second) == 2 and int(second) != expected % 100) or (
        len(second) == 4 and int(second) != expected
    ):
        raise ValueError(f"'{label}' is not a year like 2024/25 (the second year must follow the first)")
    return first


def normalise_year_label(label: str) -> str:
    return year_label(parse_year_label(label))


def current_year_bounds(as_of: date) -> tuple[date, date]:
    start = year_start(as_of)
    return date(start, 9, 1), date(start + 1, 8, 31)


def last_completed_year_bounds(as_of: date) -> tuple[date, date]:
    start = year_start(as_of) - 1
    return date(start, 9, 1), date(start + 1, 8, 31)


def add_years(on: date, years: int) -> date:
    """The same day `years` later; 29 February falls back to 28 February."""
    try:
        return on.replace(year=on.year + years)
    except ValueError:
        return on.replace(year=on.year + years, day=28)


def add_months(on: date, months: int) -> date:
    """The same day `months` later (negative for earlier), clamped to the month's end."""
    index = on.year * 12 + (on.month - 1) + months
    year, month = divmod(index, 12)
    day = min(on.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


@lru_cache(maxsize=256)  # rules ask it for the same as_of once per person
def twelve_months_before(as_of: date) -> date:
    """The first day of "the 12 months before as_of": as_of one year earlier, plus one day.

    A date d is within the 12 months before as_of when twelve_months_before(as_of) <= d <= as_of.
    """
    return add_years(as_of, -1) + timedelta(days=1)


def within_last_12_months(d: date | None, as_of: date) -> bool:
    return d is not None and twelve_months_before(as_of) <= d <= as_of


def days_between(earlier: date, later: date) -> int:
    return (later - earlier).days
