"""Export then import gives the same registers; export twice gives the same cells."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from govboard.domain.enums import MeetingStatus, SodLevel
from govboard.domain.snapshot import TrustSnapshot
from govboard.io.workbook import FORMAT_VERSION, read_workbook, write_template, write_workbook

from .factories import PAPER_SHA, PAPERS, sample_trust, tiny_pdf
from .helpers import PEOPLE, all_cell_values, make_xlsx, messages

TODAY = date(2026, 1, 15)


def test_round_trip_gives_equal_registers(tmp_path):
    snap = sample_trust()
    out = write_workbook(snap, tmp_path / "trust.xlsx", paper_content=PAPERS.__getitem__)
    result = read_workbook(out, today=TODAY)
    assert result.errors == []
    assert result.warnings == []
    assert result.registers == snap
    assert result.settings_given["name"] == "Hillside Learning Trust"
    assert result.sheet_rows["People"] == len(snap.people)
    assert result.sheet_rows["Related party transactions"] == 4  # A1 twice, A2, A3 without value
    paper = result.papers["trust papers/finance.pdf"]
    assert paper == (tmp_path / "trust papers" / "finance.pdf").resolve()
    assert result.papers_by_sha256[PAPER_SHA] == paper
    assert paper.read_bytes() == PAPERS[PAPER_SHA]


def test_write_read_write_is_identical_cell_for_cell(tmp_path):
    first = write_workbook(sample_trust(), tmp_path / "one.xlsx", paper_content=PAPERS.__getitem__)
    again = read_workbook(first, today=TODAY)
    assert again.errors == []
    second = write_workbook(again.registers, tmp_path / "one copy.xlsx", paper_content=PAPERS.__getitem__)
    a, b = all_cell_values(first), all_cell_values(second)
    assert list(a) == list(b)
    for title in a:
        # The Paper column names the papers folder, which follows the workbook's name.
        fix = [tuple(str(v).replace("one copy papers", "one papers") if isinstance(v, str) else v
                     for v in row) for row in b[title]]
        assert a[title] == fix, title


def test_empty_snapshot_and_template_round_trip(tmp_path):
    write_workbook(TrustSnapshot(), tmp_path / "empty.xlsx")
    result = read_workbook(tmp_path / "empty.xlsx")
    assert result.errors == [] and result.registers == TrustSnapshot()
    write_template(tmp_path / "template.xlsx")
    result = read_workbook(tmp_path / "template.xlsx")
    assert result.errors == [] and result.warnings == []
    assert result.registers == TrustSnapshot()
    assert result.settings_given == {}


def test_export_looks_like_a_register(tmp_path):
    path = write_workbook(sample_trust(), tmp_path / "t.xlsx", paper_content=PAPERS.__getitem__)
    wb = load_workbook(path)
    try:
        assert wb.sheetnames[:3] == ["Trust", "Academies", "People"]
        assert wb["_meta"].sheet_state == "hidden" and wb["_meta"]["B2"].value == FORMAT_VERSION == "2"
        people = wb["People"]
        assert people.freeze_panes == "A2"
        assert people["A1"].font.b and people["A1"].fill.fgColor.rgb.endswith("305496")
        assert people.column_dimensions["E"].width >= 18
        assert people["F3"].number_format == "dd/mm/yyyy"
        assert isinstance(people["F3"].value, datetime)
        payments = wb["Payments"]
        assert payments["E2"].value == 40000 and "£" in payments["E2"].number_format
        assert payments["E3"].value == 1.99
        assert wb["Pay awards"]["B3"].value == 2.8
        roles = wb["Roles"]
        sqrefs = {str(dv.sqref): dv.formula1 for dv in roles.data_validations.dataValidation}
        assert sqrefs["B2:B1048576"].startswith("'_lists'!")
        assert sqrefs["D2:D1048576"].startswith("'_lists'!")  # Appointed by: longer than 255 chars
        trust = wb["Trust"]
        assert [c.value for c in trust[1]] == ["Setting", "Value", "Default", "Explanation"]
        lists = wb["_lists"]
        col = next(c.column_letter for c in lists[1] if c.value == "AppointedBy")
        assert lists[f"{col}2"].value == "Appointed by academy members"
    finally:
        wb.close()


def test_template_has_defaults_and_dropdowns(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    wb = load_workbook(path)
    try:
        trust = wb["Trust"]
        rows = {r[0].value: (r[1].value, r[2].value) for r in trust.iter_rows(min_row=2)}
        assert rows["Term of office years"] == (None, 4)
        assert rows["RPT approval threshold"] == (None, 40000)
        assert rows["Employee trustee cap"] == (None, "1/3")
        assert wb["People"].max_row == 1
        assert any(dv.sqref and "B" in str(dv.sqref) for dv in wb["Bodies"].data_validations.dataValidation)
    finally:
        wb.close()


def test_formula_like_text_stays_text(tmp_path):
    path = write_workbook(sample_trust(), tmp_path / "t.xlsx", paper_content=PAPERS.__getitem__)
    wb = load_workbook(path)
    try:
        people = wb["People"]
        row = next(r for r in people.iter_rows(min_row=2) if r[0].value == "P003")
        forename, surname, title, middle = row[2], row[4], row[1], row[3]
        for cell, text in ((forename, "=1+1"), (surname, "@SUM(A1)"), (title, "-Dr"), (middle, "+44")):
            assert cell.value == text
            assert cell.data_type == "s"
            assert cell.quotePrefix
    finally:
        wb.close()
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        for name in names:
            assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    result = read_workbook(path, today=TODAY)
    person = result.registers.person_by_id["P003"]
    assert (person.forename, person.surname) == ("=1+1", "@SUM(A1)")


def test_clerk_style_workbook_is_read_leniently(tmp_path):
    """Columns in any order, odd case and spaces, text dates, money and percent as text."""
    path = make_xlsx(tmp_path / "clerk.xlsx", {
        "  people": [["surname", "PERSON  ID", "Fore name"], ["Smith", 1, "Jane"], [None, None, None],
                     ["  ", "", None], ["Jones", "P2", "Tom"]],
        "Meetings": [["Meeting ID", "Body", "Date", "Status"],
                     ["M1", "Board", "15/01/2026", None], ["M2", "Board", "2026-01-16", ""],
                     ["M3", "Board", datetime(2025, 1, 1), "cancelled"]],
        "Payments": [["Payment ID", "Date", "Supplier", "Amount"],
                     ["X1", "01/02/2025", "Acme", "£40,000.00"], ["X2", "1/2/2025", "Acme", 12.5]],
        "Pay awards": [["Academic year", "Teachers award percent"],
                       ["2024-25", "2.8%"], ["2025/2026", 0.04], ["2023/24", 6.5]],
        "Declarations": [["Person ID", "Declared on", "Nothing to declare"],
                         [1, "01/09/2025", "y"], ["P2", "01/09/2025", "FALSE"]],
    })
    wb = load_workbook(path)
    wb["Pay awards"]["B3"].number_format = "0.0%"
    wb.save(path)
    result = read_workbook(path, today=TODAY)
    assert messages(result) == []
    regs = result.registers
    assert [p.id for p in regs.people] == ["1", "P2"]
    assert [m.status for m in regs.meetings] == [MeetingStatus.HELD, MeetingStatus.SCHEDULED,
                                                 MeetingStatus.CANCELLED]
    assert [p.amount for p in regs.payments] == [40_000_00, 12_50]
    assert [(a.academic_year, a.percent) for a in regs.pay_awards] == [
        ("2024/25", Decimal("2.8")), ("2025/26", Decimal("4")), ("2023/24", Decimal("6.5"))]
    assert [d.nothing_to_declare for d in regs.declarations] == [True, False]
    assert result.sheet_rows["People"] == 2


def test_settings_sheet(tmp_path):
    path = make_xlsx(tmp_path / "s.xlsx", {"Trust": [
        ["Setting", "Value"], ["Name", "Oak Trust"], ["term of office YEARS", 5],
        ["Employee trustee cap", "25%"], ["RPT approval threshold", "£30,000"],
        ["Articles model", 2021], ["Pay policy approved on", "01/09/2025"], ["Company number", None],
        ["Mystery", "x"],
    ]})
    result = read_workbook(path)
    assert result.errors == []
    s = result.registers.settings
    assert (s.name, s.term_years, s.rpt_approval_threshold, s.pay_policy_approved_on) == (
        "Oak Trust", 5, 30_000_00, date(2025, 9, 1))
    assert s.employee_trustee_cap == Decimal("0.25")
    assert set(result.settings_given) == {"name", "term_years", "employee_trustee_cap",
                                          "rpt_approval_threshold", "articles_model",
                                          "pay_policy_approved_on"}
    assert any("Mystery" in w for w in result.warnings)


def test_multi_year_rpt_must_agree(tmp_path):
    head = ["Agreement ID", "Related organisation", "Direction", "Financial year", "Value", "Confirmed on"]
    path = make_xlsx(tmp_path / "r.xlsx", {"Related party transactions": [
        head,
        ["A1", "Acme Ltd", "Expenditure", "2024/25", 100, "01/05/2024"],
        ["A1", "Acme Ltd", "expenditure", "2025/26", 200, None],
        ["A1", "Acme Limited", "Expenditure", "2026/27", 300, None],
        ["A2", "Beta", "Income", "2024/25", None, None],
        ["A1", "Acme Ltd", "Expenditure", "2024/25", 5, None],
    ]})
    result = read_workbook(path)
    assert messages(result) == [
        "Related party transactions row 4, column Related organisation: agreement 'A1' has "
        "'Acme Limited' here but 'Acme Ltd' on row 2; an agreement's details must be the same on "
        "each of its rows",
        "Related party transactions row 5, column Value: Value is required (give both Financial "
        "year and Value, or leave both blank for an agreement with no value yet)",
        "Related party transactions row 6, column Agreement ID: this row repeats row 2 (same "
        "Agreement ID, Financial year)",
    ]


def test_scheme_of_delegation_codes_and_positions(tmp_path):
    path = make_xlsx(tmp_path / "sod.xlsx", {"Scheme of delegation": [
        ["Ref", "Decision", "Board", "finance committee", "Headteacher"],
        ["B", "Approve budget", "d", "r, c", None],
        ["A", "Appoint head", "D", "", "x"],
    ]})
    result = read_workbook(path)
    assert messages(result) == [
        "Scheme of delegation row 3, column Headteacher: 'X' is not a delegation code (use D, R, C, M or I)"
    ]
    (row,) = result.registers.sod_rows
    assert row.position == 1 and row.codes == ((SodLevel.BOARD, "D"), (SodLevel.FINANCE, "R,C"))


def test_missing_paper_is_a_row_error(tmp_path):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "ok.pdf").write_bytes(tiny_pdf())
    (tmp_path / "papers" / "notes.txt").write_text("hello")
    path = make_xlsx(tmp_path / "a.xlsx", {
        "Meetings": [["Meeting ID", "Body", "Date"], ["M1", "Board", "01/01/2025"]],
        "Agenda": [["Meeting ID", "Item", "Title", "Paper"], ["M1", 1, "A", "papers/ok.pdf"],
                   ["M1", 2, "B", "papers/gone.pdf"], ["M1", 3, "C", "papers\\notes.txt"]],
    })
    result = read_workbook(path)
    assert [(e.row, e.column) for e in result.errors] == [(3, "Paper"), (4, "Paper")]
    assert "was not found" in result.errors[0].message
    assert "is not a PDF" in result.errors[1].message
    assert list(result.papers) == ["papers/ok.pdf"]


def test_people_helper_workbook_reads(tmp_path):
    result = read_workbook(make_xlsx(tmp_path / "p.xlsx", {"People": PEOPLE}))
    assert result.errors == [] and len(result.registers.people) == 2


def test_failed_export_leaves_existing_file_and_no_temporary(tmp_path):
    target = tmp_path / "trust.xlsx"
    target.write_bytes(b"previous export")

    def broken(sha):
        raise KeyError(sha)

    with pytest.raises(KeyError):
        write_workbook(sample_trust(), target, paper_content=broken)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["trust.xlsx"]


def test_people_ids_that_look_like_numbers_stay_text(tmp_path):
    snap = TrustSnapshot(people=sample_trust().people)
    path = write_workbook(snap, tmp_path / "p.xlsx")
    wb = load_workbook(path)
    try:
        cell = next(r[0] for r in wb["People"].iter_rows(min_row=2) if r[0].value == "00123")
        assert cell.data_type == "s"
    finally:
        wb.close()
    assert read_workbook(path).registers.person_by_id["00123"].forename == "Łukasz"
