"""Bad workbooks never crash the import: whole-file problems raise WorkbookError, the rest are
row errors naming sheet, row and column."""

from __future__ import annotations

import re
import time
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from govboard.io.workbook import RowError, WorkbookError, read_workbook, write_errors_copy
from govboard.io.xlsx_read import open_workbook_checked

from .helpers import PEOPLE, make_xlsx, messages


def test_text_file_named_xlsx(tmp_path):
    path = tmp_path / "trust.xlsx"
    path.write_text("Person ID,Forename\nP1,Jane\n")
    with pytest.raises(WorkbookError) as err:
        read_workbook(path)
    assert str(err.value) == (
        "trust.xlsx is not an Excel workbook (.xlsx): open it in Excel and save it as "
        "'Excel Workbook (.xlsx)'"
    )


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(WorkbookError, match=r"^nowhere.xlsx: the file does not exist"):
        read_workbook(tmp_path / "nowhere.xlsx")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    with pytest.raises(WorkbookError, match=r"^empty.xlsx is empty, not an Excel workbook$"):
        read_workbook(tmp_path / "empty.xlsx")


def test_corrupt_zip(tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx", {"People": PEOPLE})
    data = good.read_bytes()
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(data[: len(data) // 2])  # truncated download
    with pytest.raises(WorkbookError, match=r"^broken.xlsx "):
        read_workbook(bad)
    # A zip that is not a workbook at all.
    other = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(WorkbookError) as err:
        read_workbook(other)
    assert err.value.message.startswith("photos.xlsx could not be read as an Excel workbook; it may be damaged")


def test_damaged_sheet_xml(tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx", {"People": PEOPLE})
    bad = tmp_path / "mangled.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) - 40]  # cut off mid-element
            dst.writestr(item, data)
    with pytest.raises(WorkbookError, match=r"^mangled.xlsx"):
        read_workbook(bad)


def test_sheet_cut_short_between_rows_is_not_read_as_empty(tmp_path):
    """Cut where the XML still parses as far as it goes: openpyxl alone reads no rows and no error."""
    good = make_xlsx(tmp_path / "good.xlsx", {"People": PEOPLE})
    bad = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: data.index(b"<sheetData>") + len(b"<sheetData>")]
            dst.writestr(item, data)
    with pytest.raises(WorkbookError) as err:
        read_workbook(bad)
    assert err.value.message == ("cut.xlsx: sheet 'People' is damaged and cannot be read "
                                 "(the sheet's data ends early; the file is incomplete)")


def test_password_protected(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(WorkbookError) as err:
        read_workbook(path)
    assert str(err.value) == (
        "secret.xlsx is password-protected or is an old-style .xls file: remove any password and "
        "save it as 'Excel Workbook (.xlsx)', then import again"
    )
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(WorkbookError, match=r"^secret.xlsx is password-protected: open it in Excel"):
        read_workbook(path)


def test_missing_required_column(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {"People": [["Person ID", "Forename"], ["P1", "Jane"]]})
    result = read_workbook(path)
    assert messages(result) == [
        "People row 1, column Surname: the required column 'Surname' is missing from sheet 'People'"
    ]
    assert result.registers.people == ()


def test_missing_column_is_not_buried_under_reference_errors(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {
        "People": [["Person ID", "Forename"], ["P1", "Jane"], ["P2", "Tom"]],
        "Roles": [["Person ID", "Role", "Body", "Start date"], ["P1", "Trustee", "Board", "01/09/2024"],
                  ["P2", "Member", "Members", "01/09/2024"]],
    })
    # One problem to fix, not one per role naming a person the unreadable sheet would have held.
    assert messages(read_workbook(path)) == [
        "People row 1, column Surname: the required column 'Surname' is missing from sheet 'People'"
    ]


def test_impossible_date(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {"People": [
        ["Person ID", "Forename", "Surname", "Date of birth"], ["P1", "Jane", "Smith", "31/02/2024"],
        ["P2", "Tom", "Jones", "next Tuesday"]]})
    result = read_workbook(path)
    assert messages(result) == [
        "People row 2, column Date of birth: '31/02/2024' is not a real date (there is no such day)",
        "People row 3, column Date of birth: 'next Tuesday' is not a date (use dd/mm/yyyy, e.g. 31/08/2025)",
    ]


def test_unknown_role_and_blank_required(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {
        "People": PEOPLE,
        "Roles": [["Person ID", "Role", "Body", "Start date"],
                  ["P1", "Trusty", "Board", "01/09/2024"],
                  ["P2", "trustee", "Board", None]],
    })
    result = read_workbook(path)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("Roles", 2, "Role"), ("Roles", 3, "Start date")]
    assert result.errors[0].message.startswith("'Trusty' is not one of: Member, Trustee, Chair of trustees")
    assert result.errors[1].message == "Start date is required"


def test_duplicate_person_id(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {"People": PEOPLE + [["P1", "Janet", "Smythe"]]})
    result = read_workbook(path)
    assert messages(result) == [
        "People row 4, column Person ID: 'P1' is used more than once (first on row 2)"]


def test_reference_to_missing_person_and_body(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {
        "People": PEOPLE,
        "Roles": [["Person ID", "Role", "Body", "Start date"],
                  ["P9", "Trustee", "Board", "01/09/2024"],
                  ["P1", "Trustee", "board", "01/09/2024"]],
        "Attendance": [["Meeting ID", "Person ID", "Attendance"], ["M1", "P1", "Present"]],
    })
    result = read_workbook(path)
    assert messages(result) == [
        "Roles row 2, column Person ID: person 'P9' does not exist (it is not a Person ID on the People sheet)",
        "Roles row 3, column Body: body 'board' does not exist (did you mean 'Board'?)",
        "Attendance row 2, column Meeting ID: meeting 'M1' does not exist",
    ]


def test_cross_record_problems_map_to_rows(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {
        "People": PEOPLE,
        "Bodies": [["Body", "Type", "Academy URN"], ["Oak LGB", "Local governing body", None]],
        "Roles": [["Person ID", "Role", "Body", "Start date", "End date"],
                  ["P1", "Trustee", "Board", "01/09/2020", None],
                  ["P2", "Trustee", "Board", "01/09/2020", "01/01/2020"],
                  ["P1", "Trustee", "Board", "01/09/2022", None]],
        "Relationships": [["Person ID", "Related person ID", "Relationship"],
                          ["P1", "P2", "Sibling"], ["P1", "P1", "Sibling"]],
    })
    result = read_workbook(path)
    got = [(e.sheet, e.row, e.column) for e in result.errors]
    # v2 (issue 11): an LGB may have no academies yet (a shared LGB built from GIAS '- Group' rows).
    assert ("Bodies", 2, "Academy URN") not in got
    assert ("Roles", 3, "End date") in got
    assert ("Roles", 4, "Start date") in got  # the later of two overlapping terms
    assert ("Relationships", 3, "Related person ID") in got


def test_formula_without_cached_value(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {"People": [
        ["Person ID", "Forename", "Surname", "Date of birth"],
        ["P1", "Jane", '=UPPER("smith")', None],
        ["P2", "Tom", "Jones", "=DATE(1970,1,1)"],
        [None, None, None, "=TODAY()"],
    ]})
    result = read_workbook(path)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Surname"), (3, "Date of birth"), (4, "Date of birth")]
    assert result.errors[0].message == (
        "cell C2 holds a formula with no saved value; open the workbook in Excel and save it "
        "(or type the value), then import again"
    )


def test_formula_with_cached_value_is_fine(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {"People": PEOPLE})
    # Give one cell a formula with a cached value, as Excel would have saved it.
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<c r="C2"[^>]*>.*?</c>',
                   '<c r="C2" t="str"><f>UPPER("smith")</f><v>SMITH</v></c>', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    result = read_workbook(path)
    assert result.errors == []
    assert result.registers.people[0].surname == "SMITH"


def test_merged_header_cells_and_title_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["People register - Oak Trust"])
    ws.merge_cells("A1:E1")
    ws.append(["Person ID", "Forename", None, "Surname", "Email"])
    ws.merge_cells("B2:C2")  # a header merged across two columns
    ws.append(["P1", "Jane", None, "Smith", "j@example.org"])
    ws.merge_cells("D4:E4")
    ws.append(["P2", "Tom", None, "Jones", None])
    wb.save(tmp_path / "m.xlsx")
    result = read_workbook(tmp_path / "m.xlsx")
    assert result.errors == []
    assert [(p.id, p.surname) for p in result.registers.people] == [("P1", "Smith"), ("P2", "Jones")]

    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["Person ID", "Forename and surname", None])
    ws.merge_cells("B1:C1")
    ws.append(["P1", "Jane", "Smith"])
    wb.save(tmp_path / "m2.xlsx")
    result = read_workbook(tmp_path / "m2.xlsx")
    assert {(e.sheet, e.column) for e in result.errors} == {("People", "Forename"), ("People", "Surname")}
    assert any("Forename and surname" in w for w in result.warnings)


def test_million_blank_rows_stay_fast(tmp_path):
    """A sheet whose formatted-but-empty rows run to row 1,000,000 (as a clerk who formats
    whole columns leaves it) is read quickly and those rows are skipped without errors."""
    path = tmp_path / "big.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    for row in PEOPLE:
        ws.append(row)
    ws["D1"].number_format = "dd/mm/yyyy"  # gives the workbook a second cell style (s="1")
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    blank = b"".join(b'<row r="%d"><c r="D%d" s="1"/></row>' % (r, r) for r in range(4, 1_000_001))
    sheet = sheet.replace(b"</sheetData>", blank + b"</sheetData>")
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:D1000000"', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    start = time.perf_counter()
    result = read_workbook(path)
    elapsed = time.perf_counter() - start
    assert result.errors == []
    assert len(result.registers.people) == 2
    assert result.sheet_rows["People"] == 2
    assert elapsed < 10, f"reading took {elapsed:.1f}s"  # walking the rows takes 20s or more


def test_million_blank_rows_without_dimension(tmp_path):
    """Write-only files have no <dimension>; openpyxl would parse such a sheet twice."""
    path = tmp_path / "wo.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("People")
    for row in PEOPLE:
        ws.append(row)
    styled = WriteOnlyCell(ws)
    styled.number_format = "dd/mm/yyyy"
    for _ in range(50_000):
        ws.append([None, None, None, styled])
    wb.save(path)
    start = time.perf_counter()
    result = read_workbook(path)
    assert time.perf_counter() - start < 5
    assert result.errors == [] and len(result.registers.people) == 2
    wb, fh = open_workbook_checked(path)
    try:
        assert wb["People"].max_row is None  # not sized (parsed) on opening
    finally:
        wb.close()
        fh.close()


def test_far_away_single_cell(tmp_path):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("People")
    for row in PEOPLE:
        ws.append(row)
    wb.save(tmp_path / "far.xlsx")
    wb = load_workbook(tmp_path / "far.xlsx")
    wb["People"]["D1000000"].number_format = "0.00"  # a formatted, empty cell far below
    wb["People"]["C1000000"] = "  "
    wb.save(tmp_path / "far.xlsx")
    start = time.perf_counter()
    result = read_workbook(tmp_path / "far.xlsx")
    assert time.perf_counter() - start < 10
    assert result.errors == [] and len(result.registers.people) == 2


def test_extra_sheets_and_columns_warn(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {
        "People": [["Person ID", "Forename", "Surname", "Shoe size"], ["P1", "Jane", "Smith", 5]],
        "Notes": [["anything"]],
        "_scratch": [["ignored silently"]],
    })
    result = read_workbook(path)
    assert result.errors == []
    assert result.warnings == [
        "Sheet 'Notes' is not a govboard register and was ignored",
        "Sheet 'People': column 'Shoe size' (D) is not used and was ignored",
    ]


def test_sheet_with_no_header_row(tmp_path):
    path = make_xlsx(tmp_path / "t.xlsx", {"People": [["P1", "Jane", "Smith"]]})
    result = read_workbook(path)
    assert {e.column for e in result.errors} == {"Person ID", "Forename", "Surname"}
    assert all(e.sheet == "People" and e.row == 1 for e in result.errors)


def test_errors_copy(tmp_path):
    source = make_xlsx(tmp_path / "clerk.xlsx", {
        "People": [["Person ID", "Forename", "Surname", "Date of birth"],
                   ["P1", "Jane", "Smith", "31/02/2024"], ["P2", "Tom", "Jones", None]],
        "Roles": [["Person ID", "Role", "Body", "Start date"], ["P1", "Trusty", "Board", "=TODAY()"]],
    })
    result = read_workbook(source)
    assert len(result.errors) == 3
    dest = write_errors_copy(source, tmp_path / "clerk errors.xlsx", result.errors)
    wb = load_workbook(dest)
    try:
        assert wb.sheetnames[0] == "Import errors"
        listing = [tuple(c.value for c in row) for row in wb["Import errors"].iter_rows()]
        assert listing[0] == ("Sheet", "Row", "Column", "Problem")
        assert len(listing) == 4
        people = wb["People"]
        assert people["E1"].value == "Errors"
        assert "31/02/2024" in people["E2"].value and people["E3"].value is None
        assert wb["Roles"]["E2"].value.count("\n") == 1  # two problems on one row
        assert wb["Roles"]["D2"].value == "=TODAY()"  # the clerk's formula is kept
    finally:
        wb.close()
    # The copy reads back with the same errors and no warnings about the additions.
    again = read_workbook(dest)
    assert [str(e) for e in again.errors] == [str(e) for e in result.errors]
    assert again.warnings == []
    # Fixing and re-running reuses the Errors column rather than adding another.
    dest2 = write_errors_copy(dest, tmp_path / "second.xlsx", [RowError("People", 3, "Surname", "x")])
    wb = load_workbook(dest2)
    try:
        assert wb["People"]["E2"].value is None and wb["People"]["E3"].value == "Surname: x"
        assert wb["People"].max_column == 5
    finally:
        wb.close()


def test_errors_copy_of_bad_file_raises(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("nope")
    with pytest.raises(WorkbookError):
        write_errors_copy(path, tmp_path / "y.xlsx", [])
