"""Field parsers and whole-register validation (govboard.domain.validate)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from govboard.domain import model as m
from govboard.domain.enums import (
    AppointedBy,
    BodyType,
    DelegationCode,
    Role,
    Severity,
    SodLevel,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.domain.validate import (
    Problem,
    check_dates_in_order,
    parse_choice,
    parse_date,
    parse_delegation_codes,
    parse_fraction,
    parse_int,
    parse_iso_date,
    parse_money,
    parse_percent,
    parse_text,
    parse_yes_no,
    validate_registers,
)

# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    (date(2025, 8, 31), date(2025, 8, 31)),
    (datetime(2025, 8, 31, 14, 30), date(2025, 8, 31)),
    ("31/08/2025", date(2025, 8, 31)),
    (" 1/9/2025 ", date(2025, 9, 1)),
    ("2025-08-31", date(2025, 8, 31)),
    ("29/02/2024", date(2024, 2, 29)),
    (None, None),
    ("", None),
    ("   ", None),
])
def test_parse_date_accepts(value, expected):
    assert parse_date(value) == expected


def test_parse_date_is_day_first():
    assert parse_date("02/03/2025") == date(2025, 3, 2)


@pytest.mark.parametrize("text", ["31/02/2024", "29/02/2025", "2025-13-01", "00/01/2025"])
def test_parse_date_rejects_days_that_do_not_exist(text):
    with pytest.raises(ValueError) as info:
        parse_date(text)
    assert text in str(info.value) and "not a real date" in str(info.value)


@pytest.mark.parametrize("text", ["next Tuesday", "31.08.2025", "2025/08/31", "08/31/25", "31/08/2025 10:00"])
def test_parse_date_rejects_other_text(text):
    with pytest.raises(ValueError, match="is not a date") as info:
        parse_date(text)
    assert text in str(info.value)


def test_parse_iso_date():
    assert parse_iso_date("2026-11-22") == date(2026, 11, 22)
    for bad in ("2026-13-01", "22/11/2026", "today"):
        with pytest.raises(ValueError, match="yyyy-mm-dd"):
            parse_iso_date(bad)


def test_check_dates_in_order():
    assert check_dates_in_order(date(2024, 1, 2), date(2024, 1, 2), "start", "end") is None
    assert check_dates_in_order(None, date(2024, 1, 1), "start", "end") is None
    msg = check_dates_in_order(date(2024, 1, 2), date(2024, 1, 1), "start date", "end date")
    assert msg == "end date 01/01/2024 is before start date 02/01/2024"


# --- yes/no, money, percent, numbers ------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("Yes", True), ("yes", True), (" Y ", True), ("TRUE", True), (True, True),
    ("No", False), ("n", False), ("False", False), (False, False),
    (None, None), ("", None), ("  ", None),
])
def test_parse_yes_no(value, expected):
    assert parse_yes_no(value) is expected


@pytest.mark.parametrize("value", ["maybe", "Yes please", "1", 1])
def test_parse_yes_no_rejects(value):
    with pytest.raises(ValueError, match="is not Yes or No"):
        parse_yes_no(value)


@pytest.mark.parametrize("value, pence", [
    ("£40,000.00", 4_000_000),
    ("£40,000.01", 4_000_001),
    ("40000", 4_000_000),
    ("£ 40 000.5", 4_000_050),
    (40000, 4_000_000),
    (40000.01, 4_000_001),
    (Decimal("0.01"), 1),
    ("-£5.00".replace("-£", "£-"), -500),
    (None, None),
    ("", None),
])
def test_parse_money(value, pence):
    assert parse_money(value) == pence


def test_the_rpt_threshold_boundary_is_exact():
    assert parse_money("£40,000.01") - parse_money("£40,000.00") == 1
    assert parse_money(40000.01) > parse_money("£40,000")


@pytest.mark.parametrize("value, match", [
    ("forty", "is not an amount of money"),
    ("£40,000.001", "is not an amount of money"),
    ("1e5", "is not an amount of money"),
    (True, "is not an amount of money"),
    (40000.005, "fractions of a penny"),
])
def test_parse_money_rejects(value, match):
    with pytest.raises(ValueError, match=match):
        parse_money(value)


@pytest.mark.parametrize("value, kw, expected", [
    ("2.8", {}, Decimal("2.8")),
    ("2.8%", {}, Decimal("2.8")),
    (" 2.8 % ", {}, Decimal("2.8")),
    (0.028, {"cell_is_percent": True}, Decimal("2.8")),
    (Decimal("0.05"), {"cell_is_percent": True}, Decimal("5")),
    (2.8, {}, Decimal("2.8")),
    (3, {}, Decimal("3")),
    (None, {}, None),
    ("", {}, None),
])
def test_parse_percent(value, kw, expected):
    result = parse_percent(value, **kw)
    assert result == expected
    if expected is not None:
        assert isinstance(result, Decimal)


@pytest.mark.parametrize("value", ["two point eight", "2.8%%", "%", "NaN", "Infinity", "-inf", float("nan")])
def test_parse_percent_rejects(value):
    with pytest.raises(ValueError, match="is not a percentage"):
        parse_percent(value)


def test_parse_int_and_fraction():
    assert parse_int("4") == 4 and parse_int(4.0) == 4 and parse_int("") is None
    with pytest.raises(ValueError, match="whole number"):
        parse_int(4.5)
    with pytest.raises(ValueError, match="less than 1"):
        parse_int("0", minimum=1)
    assert parse_fraction("1/3") == Fraction(1, 3)
    assert parse_fraction("0.25") == Fraction(1, 4)
    assert parse_fraction("25%") == Fraction(1, 4)
    for bad in ("4/3", "a third", "1/0"):
        with pytest.raises(ValueError):
            parse_fraction(bad)


def test_parse_text():
    assert parse_text("  P001 ") == "P001"
    assert parse_text(17.0) == "17"  # an ID typed as a number
    assert parse_text("   ") is None
    with pytest.raises(ValueError, match="is required"):
        parse_text(None, required=True)


# --- choices and delegation codes -------------------------------------------------------------


def test_choice_parse_ignores_case_and_spacing():
    assert Role.parse("  chair   OF trustees ") is Role.CHAIR_OF_TRUSTEES
    assert BodyType.parse("local GOVERNING body") is BodyType.LOCAL_GOVERNING_BODY
    assert AppointedBy.parse("n/a") is AppointedBy.NOT_APPLICABLE
    assert Severity.parse("MUST") is Severity.MUST
    with pytest.raises(ValueError) as info:
        Role.parse("Chairman")
    assert "'Chairman' is not one of:" in str(info.value) and "Chair of trustees" in str(info.value)


def test_parse_choice():
    assert parse_choice(Role, "trustee") is Role.TRUSTEE
    assert parse_choice(Role, "  ") is None
    with pytest.raises(ValueError, match="is required"):
        parse_choice(Role, None, required=True)


@pytest.mark.parametrize("value, expected", [
    ("D", "D"),
    ("r, c", "R,C"),
    ("c, r", "R,C"),  # the scheme's order: D R C M I
    ("I D", "D,I"),
    ("m/r", "R,M"),
    ("r,,c", "R,C"),
    ("D,D", "D"),  # a repeated letter in one cell says the same thing once
    ("  ", None),
    (None, None),
])
def test_parse_delegation_codes(value, expected):
    assert parse_delegation_codes(value) == expected


@pytest.mark.parametrize("value, bad", [("X", "X"), ("R, Z", "Z"), ("RC", "RC")])
def test_parse_delegation_codes_rejects(value, bad):
    with pytest.raises(ValueError) as info:
        parse_delegation_codes(value)
    assert f"'{bad}' is not a delegation code" in str(info.value)


def test_delegation_code_meanings():
    assert [c.meaning for c in DelegationCode] == ["decides", "recommends", "consulted", "monitors", "informed"]


# --- validate_registers -----------------------------------------------------------------------

ANN = m.Person("P1", "Ann", "Lee")
BEN = m.Person("P2", "Ben", "Ode")


def _problems(**registers) -> list[Problem]:
    registers.setdefault("people", (ANN, BEN))
    return validate_registers(TrustSnapshot(**registers))


def _one(problems, register, field, *words):
    matching = [p for p in problems if p.register == register and p.field == field]
    assert len(matching) == 1, problems
    for word in words:
        assert word in matching[0].message, matching[0]
    return matching[0]


def test_sound_registers_have_no_problems():
    assert _problems(
        academies=(m.Academy("100001", "Hill Primary"),),
        bodies=(m.Body("Hill LGB", BodyType.LOCAL_GOVERNING_BODY, ("100001",)),),
        appointments=(m.Appointment("P1", Role.MEMBER, "Members", date(2020, 1, 1)),
                      m.Appointment("P1", Role.LOCAL_GOVERNOR, "Hill LGB", date(2020, 1, 1))),
        meetings=(m.Meeting("M1", "Board", date(2025, 1, 1)),),
        attendance=(m.AttendanceRecord("M1", "P2", m.Attendance.PRESENT),),
    ) == []


@pytest.mark.parametrize("register, field, registers", [
    ("People", "ID", {"people": (ANN, ANN)}),
    ("Academies", "ID", {"academies": (m.Academy("1", "A"), m.Academy("1", "B"))}),
    ("Bodies", "ID", {"bodies": (m.Body("F", BodyType.FINANCE), m.Body("F", BodyType.FINANCE))}),
    ("Meetings", "ID", {"meetings": (m.Meeting("M1", "Board", date(2025, 1, 1)),) * 2}),
    ("Payments", "ID", {"payments": (m.Payment("X", date(2025, 1, 1), "S", 1),) * 2}),
    ("Pay decisions", "ID", {"pay_decisions": (m.PayDecision("D", "P1", date(2025, 1, 1), 1),) * 2}),
    ("Scheme of delegation", "ID", {"sod_rows": (m.SodRow("F1", "x"), m.SodRow("F1", "y"))}),
    ("Related party transactions", "ID", {"rpt_agreements": (
        m.RptAgreement("R1", "Org", m.Direction.EXPENDITURE),
        m.RptAgreement("R1", "Other org", m.Direction.INCOME))}),
    ("Pay awards", "ID", {"pay_awards": (m.PayAward("2025/26", Decimal("2.8")),
                                         m.PayAward("2025/26", Decimal("3")))}),
])
def test_duplicate_ids(register, field, registers):
    problem = _one(_problems(**registers), register, field, "is used more than once")
    assert str(problem).startswith(f"{register} ")


@pytest.mark.parametrize("register, field, what, registers", [
    ("Roles", "Person ID", "person 'P9'",
     {"appointments": (m.Appointment("P9", Role.TRUSTEE, "Board", date(2024, 1, 1)),)}),
    ("Roles", "Body", "body 'Nowhere'",
     {"appointments": (m.Appointment("P1", Role.TRUSTEE, "Nowhere", date(2024, 1, 1)),)}),
    ("Meetings", "Body", "body 'Ghost committee'",
     {"meetings": (m.Meeting("M1", "Ghost committee", date(2025, 1, 1)),)}),
    ("Attendance", "Meeting ID", "meeting 'M9'",
     {"attendance": (m.AttendanceRecord("M9", "P1", m.Attendance.PRESENT),)}),
    ("Agenda", "Meeting ID", "meeting 'M9'", {"agenda": (m.AgendaItem("M9", "1", "Welcome"),)}),
    ("Related party transactions", "Agreement ID", "agreement 'R9'",
     {"rpt_values": (m.RptValue("R9", "2024/25", 100),)}),
    ("Payments", "Agreement ID", "agreement 'R9'",
     {"payments": (m.Payment("X", date(2025, 1, 1), "S", 1, agreement_id="R9"),)}),
    ("Related party transactions", "Related person ID", "person 'P9'",
     {"rpt_agreements": (m.RptAgreement("R1", "Org", m.Direction.EXPENDITURE, related_person_id="P9"),)}),
    ("Pay decisions", "Meeting ID", "meeting 'M9'",
     {"pay_decisions": (m.PayDecision("D", "P1", date(2025, 1, 1), 1, meeting_id="M9"),)}),
    ("Employment", "Academy URN", "academy '999'",
     {"employment": (m.Employment("P1", "Teacher", date(2020, 1, 1), "999"),)}),
    ("Bodies", "Academy URN", "academy '999'",
     {"bodies": (m.Body("LGB", BodyType.LOCAL_GOVERNING_BODY, ("999",)),)}),
])
def test_unresolved_references(register, field, what, registers):
    _one(_problems(**registers), register, field, what, "does not exist")


def test_members_and_board_always_resolve():
    assert _problems(appointments=(
        m.Appointment("P1", Role.MEMBER, "Members", date(2024, 1, 1)),
        m.Appointment("P2", Role.TRUSTEE, "Board", date(2024, 1, 1)),
    )) == []


def test_end_before_start():
    problems = _problems(appointments=(
        m.Appointment("P1", Role.TRUSTEE, "Board", date(2024, 9, 1), end=date(2024, 8, 31)),))
    _one(problems, "Roles", "End date", "31/08/2024 is before", "01/09/2024")
    problems = _problems(appointments=(
        m.Appointment("P1", Role.TRUSTEE, "Board", date(2024, 9, 1), term_end=date(2023, 8, 31)),))
    _one(problems, "Roles", "End date", "term end date")
    problems = _problems(interests=(
        m.Interest("P1", "Org", start=date(2024, 1, 2), end=date(2024, 1, 1)),))
    _one(problems, "Interests", "End date", "before")
    problems = _problems(employment=(m.Employment("P1", "Head", date(2024, 1, 2), end=date(2024, 1, 1)),))
    _one(problems, "Employment", "End date", "before")
    # ending on the day it starts is fine
    assert _problems(appointments=(
        m.Appointment("P1", Role.TRUSTEE, "Board", date(2024, 9, 1), end=date(2024, 9, 1)),)) == []


def test_an_identical_role_overlapping_itself():
    first = m.Appointment("P1", Role.TRUSTEE, "Board", date(2020, 9, 1), end=date(2024, 8, 31))
    overlapping = m.Appointment("P1", Role.TRUSTEE, "Board", date(2024, 8, 31))
    problem = _one(_problems(appointments=(overlapping, first)), "Roles", "Start date", "overlaps",
                   "31/08/2024", "01/09/2020")
    assert problem.key == "P1 Trustee Board"
    open_ended = m.Appointment("P1", Role.TRUSTEE, "Board", date(2020, 9, 1))
    _one(_problems(appointments=(open_ended, m.Appointment("P1", Role.TRUSTEE, "Board", date(2023, 1, 1)))),
         "Roles", "Start date", "overlaps")


def test_a_reappointment_the_day_after_is_fine():
    first = m.Appointment("P1", Role.TRUSTEE, "Board", date(2020, 9, 1), end=date(2024, 8, 31))
    second = m.Appointment("P1", Role.TRUSTEE, "Board", date(2024, 9, 1))
    assert _problems(appointments=(second, first)) == []
    # different roles, bodies or people may overlap
    assert _problems(appointments=(
        m.Appointment("P1", Role.TRUSTEE, "Board", date(2020, 9, 1)),
        m.Appointment("P1", Role.CHAIR_OF_TRUSTEES, "Board", date(2021, 9, 1)),
        m.Appointment("P2", Role.TRUSTEE, "Board", date(2020, 9, 1)),
        m.Appointment("P1", Role.MEMBER, "Members", date(2020, 9, 1)),
    )) == []


def test_lgb_without_academy_urn():
    # v2 (issue 11): a shared LGB built from GIAS '- Group' rows has no academies until the clerk
    # sets them, so an LGB without academies is accepted; a committee still may not serve one.
    assert _problems(bodies=(m.Body("Hill LGB", BodyType.LOCAL_GOVERNING_BODY),)) == []
    assert _problems(bodies=(m.Body("Finance", BodyType.FINANCE),)) == []


def test_relationship_with_oneself():
    problems = _problems(relationships=(m.PersonRelationship("P1", "P1", m.Relationship.SPOUSE),))
    _one(problems, "Relationships", "Related person ID", "themselves")


def test_two_ds_in_one_cell():
    row = m.SodRow("F1", "Approve the budget", codes=((SodLevel.BOARD, "D,D"),))
    _one(_problems(sod_rows=(row,)), "Scheme of delegation", "Board", "at most one D")
    # D at two levels is a rule finding (SOD-02), not an input problem
    two_levels = m.SodRow("F1", "Approve", codes=((SodLevel.BOARD, "D"), (SodLevel.FINANCE, "D")))
    assert _problems(sod_rows=(two_levels,)) == []
