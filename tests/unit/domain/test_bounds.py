"""Issue 16 item 3: every value bounded at the door (govboard.domain.validate)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from govboard.domain import model as m
from govboard.domain.validate import (
    MONEY_LIMIT,
    SETTING_RANGES,
    field_problem,
    money_text,
    parse_date,
    parse_fraction,
    parse_int,
    parse_iso_date,
    parse_money,
    parse_percent,
    parse_text,
    record_problems,
    setting_problem,
    settings_problems,
    text_problem,
)

HUGE = [1e20, 1e300, "1E999", 10**20, "9" * 30, float("inf"), float("nan"), "1" * 5000]


@pytest.mark.parametrize("value", HUGE + [-(10**15), "£20,000,000,000.00"])
def test_money_out_of_range_is_a_plain_error_naming_the_range(value):
    with pytest.raises(ValueError) as info:
        parse_money(value)
    message = str(info.value)
    assert "out of range" in message and "£10,000,000,000.00" in message or "is not an amount" in message
    assert len(message) < 200


def test_money_limits_are_inclusive():
    assert parse_money("£10,000,000,000.00") == MONEY_LIMIT
    assert parse_money(-10_000_000_000) == -MONEY_LIMIT
    with pytest.raises(ValueError, match="out of range"):
        parse_money("£10,000,000,000.01")
    assert parse_money(0, minimum=0) == 0
    with pytest.raises(ValueError, match=r"negative: an amount must be from £0.00 to £10,000,000,000.00"):
        parse_money("-0.01", minimum=0)
    assert money_text(-123456) == "-£1,234.56"


@pytest.mark.parametrize("value", HUGE + [True, -1])
def test_whole_numbers_out_of_range(value):
    with pytest.raises(ValueError) as info:
        parse_int(value, minimum=0)
    assert "out of range" in str(info.value) or "not a whole number" in str(info.value) or "less than" in str(info.value)


def test_whole_number_range_is_named():
    assert parse_int("24", minimum=1, maximum=24) == 24
    with pytest.raises(ValueError, match="must be a whole number from 1 to 24"):
        parse_int(25, minimum=1, maximum=24)


@pytest.mark.parametrize("value", [1e300, "1E999", "-500", 1001, "NaN", "Infinity"])
def test_percentages_out_of_range(value):
    with pytest.raises(ValueError, match="out of range|not a percentage"):
        parse_percent(value)


def test_percentages_in_range_and_with_too_many_places():
    assert parse_percent("-100") == Decimal(-100) and parse_percent("6.5%") == Decimal("6.5")
    with pytest.raises(ValueError, match="more than four decimal places"):
        parse_percent("2.123456")


@pytest.mark.parametrize("text", ["01/01/0001", "31/12/9999", "31/12/1899", "2101-01-01"])
def test_dates_outside_1900_to_2100(text):
    with pytest.raises(ValueError, match="dates must fall in the years 1900 to 2100"):
        parse_date(text)


def test_date_bounds_apply_to_real_dates_and_the_command_line():
    assert parse_date(date(1900, 1, 1)) == date(1900, 1, 1) and parse_date("31/12/2100") == date(2100, 12, 31)
    with pytest.raises(ValueError, match="1900 to 2100"):
        parse_date(date(2200, 1, 1))
    with pytest.raises(ValueError, match="1900 to 2100"):
        parse_iso_date("0001-01-01")


@pytest.mark.parametrize("text", ["1e-300", "1/100000", "0.000001"])
def test_shares_too_fine(text):
    with pytest.raises(ValueError, match="too fine a share"):
        parse_fraction(text)


def test_simple_shares_still_read():
    assert parse_fraction("1/3") == Fraction(1, 3) and parse_fraction("33.33%") == Fraction(3333, 10000)


@pytest.mark.parametrize("text, words", [
    ("Ja\x07ne", "U+0007 (a control character) at position 3"),
    ("Smi\uffffth", "U+FFFF (not a character)"),
    ("Smi\ufffeth", "U+FFFE (not a character)"),
    ("Smi\ufdd0th", "U+FDD0 (not a character)"),
    ("x\U0010ffff", "U+10FFFF (not a character)"),
    ("half \ud800 pair", "U+D800 (half of a character pair)"),
    ("esc\x1b[31m", "U+001B"),
    ("c1\x85control", "U+0085"),
])
def test_control_and_non_characters_are_refused(text, words):
    with pytest.raises(ValueError) as info:
        parse_text(text)
    message = str(info.value)
    assert words in message
    # The message itself is safe to print, log and write to a workbook.
    assert not any(ord(c) < 32 or 0xFDD0 <= ord(c) <= 0xFDEF or ord(c) in (0xFFFE, 0xFFFF) for c in message)


def test_text_length_and_one_line():
    assert text_problem("a" * 100, max_length=100) is None
    assert "101 characters long; at most 100" in text_problem("a" * 101, max_length=100)
    assert "line break" in text_problem("two\nlines", one_line=True)
    assert text_problem("two\nlines") is None  # long text may have paragraphs
    assert "tab" in text_problem("a\tb", one_line=True)


@pytest.mark.parametrize("field, value, words", [
    ("surname", "S" * 101, "at most 100"),
    ("id", "P" * 51, "at most 50"),
    ("forename", "Jane\nSmith", "line break"),
    ("email", "a" * 300, "at most 200"),
    ("description", "d" * 4001, "at most 4,000"),
    ("salary_after", -1, "negative"),
    ("value", MONEY_LIMIT + 1, "out of range"),
    ("amount", -MONEY_LIMIT - 1, "out of range"),
    ("position", 10**12, "out of range"),
    ("date", date(2999, 1, 1), "1900 to 2100"),
    ("percent", Decimal("1E+999"), "out of range"),
    ("employee_trustee_cap", Fraction(1, 10**9), "out of range"),
])
def test_field_problem(field, value, words):
    problem = field_problem(field, value)
    assert problem is not None and words in problem


def test_fields_in_range_have_no_problem():
    for field, value in (("surname", "Ó Briain"), ("amount", -500), ("description", "Line one\nLine two"),
                         ("date", date(2026, 11, 22)), ("percent", Decimal("6.5")), ("flag", True)):
        assert field_problem(field, value) is None


def test_record_problems_name_each_field():
    person = m.Person("P" * 60, "Ja\x07ne", "S" * 200, email="ok@example.org")
    assert [f for f, _ in record_problems(person)] == ["id", "forename", "surname"]
    assert record_problems(m.Person("P1", "Jane", "Smith")) == []
    pay = m.PayDecision("D1", "P1", date(2025, 9, 1), salary_after=10**15)
    assert [f for f, _ in record_problems(pay)] == ["salary_after"]


@pytest.mark.parametrize("attr", sorted(SETTING_RANGES))
def test_setting_ranges(attr):
    low, high = SETTING_RANGES[attr]
    assert setting_problem(attr, "int", low) is None and setting_problem(attr, "int", high) is None
    for bad in (low - 1, high + 1, 10**20):
        assert f"from {low:,} to {high:,}" in setting_problem(attr, "int", bad)


def test_settings_problems():
    assert settings_problems(m.TrustSettings()) == []  # the rulebook defaults are in range
    bad = m.TrustSettings(term_years=10**20, rpt_approval_threshold=-1, name="Trust\x00")
    labels = [label for label, _ in settings_problems(bad)]
    assert labels == ["Name", "Term of office years", "RPT approval threshold"]
