"""Academic/financial years and anniversaries (govboard.domain.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from govboard.domain.dates import (
    academic_year_of,
    add_months,
    add_years,
    current_year_bounds,
    days_between,
    financial_year_of,
    last_completed_year_bounds,
    normalise_year_label,
    parse_year_label,
    twelve_months_before,
    within_last_12_months,
    year_bounds,
)


@pytest.mark.parametrize("on, label", [
    (date(2025, 8, 31), "2024/25"),
    (date(2025, 9, 1), "2025/26"),
    (date(2026, 1, 1), "2025/26"),
    (date(2026, 8, 31), "2025/26"),
    (date(2099, 9, 1), "2099/00"),
    (date(2000, 3, 1), "1999/00"),
])
def test_academic_year_boundaries(on, label):
    assert academic_year_of(on) == label
    assert financial_year_of(on) == label


def test_year_bounds():
    assert year_bounds("2024/25") == (date(2024, 9, 1), date(2025, 8, 31))
    assert year_bounds("2024-25") == year_bounds("2024/2025") == year_bounds(" 2024 / 25 ")
    assert current_year_bounds(date(2025, 8, 31)) == (date(2024, 9, 1), date(2025, 8, 31))
    assert current_year_bounds(date(2025, 9, 1)) == (date(2025, 9, 1), date(2026, 8, 31))
    assert last_completed_year_bounds(date(2025, 9, 1)) == (date(2024, 9, 1), date(2025, 8, 31))
    assert last_completed_year_bounds(date(2025, 8, 31)) == (date(2023, 9, 1), date(2024, 8, 31))


@pytest.mark.parametrize("label, start", [("2024/25", 2024), ("2024/2025", 2024), ("2099/00", 2099)])
def test_parse_year_label(label, start):
    assert parse_year_label(label) == start


@pytest.mark.parametrize("label", ["2024/26", "2024/2026", "2024", "24/25", "2024/5", "next year", ""])
def test_parse_year_label_rejects(label):
    with pytest.raises(ValueError, match="is not a year like 2024/25"):
        parse_year_label(label)


def test_normalise_year_label():
    assert normalise_year_label("2024-2025") == "2024/25"


@pytest.mark.parametrize("on, years, expected", [
    (date(2024, 2, 29), 1, date(2025, 2, 28)),
    (date(2024, 2, 29), 4, date(2028, 2, 29)),
    (date(2024, 2, 29), -1, date(2023, 2, 28)),
    (date(2021, 9, 1), 4, date(2025, 9, 1)),
])
def test_add_years(on, years, expected):
    assert add_years(on, years) == expected


@pytest.mark.parametrize("on, months, expected", [
    (date(2025, 1, 31), 1, date(2025, 2, 28)),
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2025, 3, 31), -6, date(2024, 9, 30)),
    (date(2025, 12, 15), 1, date(2026, 1, 15)),
    (date(2025, 1, 15), -1, date(2024, 12, 15)),
])
def test_add_months(on, months, expected):
    assert add_months(on, months) == expected


def test_twelve_months_before():
    assert twelve_months_before(date(2025, 10, 14)) == date(2024, 10, 15)
    assert twelve_months_before(date(2024, 2, 29)) == date(2023, 3, 1)
    assert twelve_months_before(date(2025, 3, 1)) == date(2024, 3, 2)
    as_of = date(2025, 10, 14)
    assert within_last_12_months(date(2024, 10, 15), as_of)
    assert not within_last_12_months(date(2024, 10, 14), as_of)
    assert within_last_12_months(as_of, as_of)
    assert not within_last_12_months(date(2025, 10, 15), as_of)
    assert not within_last_12_months(None, as_of)


def test_days_between():
    assert days_between(date(2024, 2, 28), date(2024, 3, 1)) == 2
