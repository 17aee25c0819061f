"""A row rejected for its own errors is reported once: references to its ID on other sheets are
not reported again as "does not exist" (a compiler's follow-on errors), but the root error says
how many rows refer to it. A reference to an ID that is nowhere in the workbook is still an error.

Every test writes a real workbook with openpyxl and reads it back.
"""

from __future__ import annotations

from govboard.io.workbook import read_workbook

from .helpers import make_xlsx, messages

PEOPLE = [
    ["Person ID", "Forename", "Surname", "Date of birth"],
    ["P001", "Ann", "Ames", "12/03/1964"],
    ["P002", "Chidi", "Okafor", "31/02/1971"],  # no such day: the row is rejected
    ["P003", "Zoe", "Adeyemi", "23/11/1973"],
    ["P003", "Zoe", "Adeyemi", "23/11/1973"],  # the same Person ID again
]

ROLES = [
    ["Person ID", "Role", "Body", "Start date"],
    ["P001", "Trustee", "Board", "01/09/2021"],
    ["P002", "Trustee", "Board", "01/09/2021"],
    ["P002", "Member", "Members", "01/09/2021"],
    ["P003", "Trustee", "Board", "01/09/2022"],
]


def _book(tmp_path, **sheets):
    return make_xlsx(tmp_path / "t.xlsx", {name.replace("_", " "): rows for name, rows in sheets.items()})


def test_bad_date_and_duplicate_id_give_exactly_the_two_root_problems(tmp_path):
    path = _book(
        tmp_path,
        People=PEOPLE,
        Roles=ROLES,
        Checks=[["Person ID", "Check", "Date"], ["P002", "Enhanced DBS", "01/09/2021"],
                ["P002", "Identity", "01/09/2021"], ["P001", "Identity", "01/09/2021"]],
        Relationships=[["Person ID", "Related person ID", "Relationship"], ["P001", "P002", "Sibling"]],
        Interests=[["Person ID", "Organisation"], ["P002", "Okafor Ltd"]],
        Declarations=[["Person ID", "Declared on"], ["P002", "01/09/2024"]],
        Employment=[["Person ID", "Job title", "Start date"], ["P002", "Caretaker", "01/09/2020"]],
        Meetings=[["Meeting ID", "Body", "Date"], ["M1", "Board", "01/10/2024"]],
        Attendance=[["Meeting ID", "Person ID", "Attendance"], ["M1", "P001", "Present"],
                    ["M1", "P002", "Present"]],
        Related_party_transactions=[
            ["Agreement ID", "Related organisation", "Related person ID", "Direction", "Financial year", "Value"],
            ["A1", "Okafor Ltd", "P002", "Expenditure", "2024/25", 1000]],
        Pay_decisions=[["Decision ID", "Person ID", "Effective date", "Salary after"],
                       ["D1", "P002", "01/09/2024", 50000]],
    )
    result = read_workbook(path)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [
        ("People", 3, "Date of birth"), ("People", 5, "Person ID")]
    assert messages(result) == [
        "People row 3, column Date of birth: '31/02/1971' is not a real date (there is no such day); "
        "11 rows on other sheets refer to person 'P002' and were not checked against it "
        "(Roles 2, Employment 1, Relationships 1, Checks 2, Interests 1, Declarations 1, Attendance 1, "
        "Related party transactions 1, Pay decisions 1)",
        "People row 5, column Person ID: 'P003' is used more than once (first on row 4)",
    ]
    assert not any("does not exist" in m for m in messages(result))


def test_one_dependant_is_counted_in_the_singular(tmp_path):
    path = _book(tmp_path, People=PEOPLE[:3], Roles=ROLES[:3])
    assert messages(read_workbook(path)) == [
        "People row 3, column Date of birth: '31/02/1971' is not a real date (there is no such day); "
        "1 row on another sheet refers to person 'P002' and was not checked against it (Roles 1)"]


def test_unknown_id_is_still_reported_beside_a_rejected_one(tmp_path):
    path = _book(tmp_path, People=PEOPLE[:4], Roles=ROLES + [["P999", "Trustee", "Board", "01/09/2023"],
                                                          ["p002", "Trustee", "Board", "01/09/2023"]])
    assert messages(read_workbook(path)) == [
        "People row 3, column Date of birth: '31/02/1971' is not a real date (there is no such day); "
        "2 rows on other sheets refer to person 'P002' and were not checked against it (Roles 2)",
        "Roles row 6, column Person ID: person 'P999' does not exist (it is not a Person ID on the People sheet)",
        # A near miss of a rejected ID is its own mistake, reported with the hint.
        "Roles row 7, column Person ID: person 'p002' does not exist (did you mean 'P002'?)",
    ]


def test_a_rejected_row_with_no_readable_id_leaves_references_reported(tmp_path):
    # Without its ID the row cannot stand for anything: references to P002 name an ID that is
    # nowhere in the workbook, so they are reported as before.
    people = [PEOPLE[0], PEOPLE[1], [None, "Chidi", "Okafor", "02/08/1971"]]
    path = _book(tmp_path, People=people, Roles=ROLES[:3])
    assert messages(read_workbook(path)) == [
        "People row 3, column Person ID: Person ID is required",
        "Roles row 3, column Person ID: person 'P002' does not exist (it is not a Person ID on the People sheet)",
    ]


def test_rejected_academy_body_meeting_and_agreement_rows(tmp_path):
    path = _book(
        tmp_path,
        Academies=[["URN", "Name", "Joined on"], ["100001", "Oak Academy", "1st Sept 2016"],
                   ["100002", "Elm Academy", "01/09/2016"]],
        People=PEOPLE[:2],
        Bodies=[["Body", "Type", "Academy URN"], ["Oak LGB", "Local governing body", "100001"],
                ["Elm LGB", "Local governing body", "100002"], ["Audit", "Audit committee", None]],
        Roles=[["Person ID", "Role", "Body", "Start date"], ["P001", "Committee member", "Audit", "01/09/2021"],
               ["P001", "Local governor", "Elm LGB", "01/09/2021"]],
        Employment=[["Person ID", "Job title", "Academy URN", "Start date"],
                    ["P001", "Teacher", "100001", "01/09/2020"], ["P001", "Teacher", "100003", "01/09/2019"]],
        Meetings=[["Meeting ID", "Body", "Date"], ["M1", "Board", "16/9/25"], ["M2", "Audit", "01/10/2024"],
                  ["M3", "Board", "01/11/2024"]],
        Attendance=[["Meeting ID", "Person ID", "Attendance"], ["M1", "P001", "Present"],
                    ["M3", "P001", "Present"]],
        Agenda=[["Meeting ID", "Item", "Title"], ["M1", "1", "Welcome"], ["M1", "2", "Minutes"]],
        Related_party_transactions=[
            ["Agreement ID", "Related organisation", "Direction", "Financial year", "Value", "Decision meeting ID"],
            ["A1", "Ames Ltd", "Outgoing", "2024/25", 1000, "M1"],
            ["A1", "Ames Ltd", "Outgoing", "2025/26", 1000, None],
            ["A2", "Bee Ltd", "Expenditure", "2024/25", None, None],  # Value missing: A2 rejected
            ["A3", "Cee Ltd", "Income", "2024/25", 500, "M1"],
        ],
        Payments=[["Payment ID", "Date", "Supplier", "Amount", "Agreement ID"],
                  ["PAY1", "01/10/2024", "Ames Ltd", 100, "A1"], ["PAY2", "01/11/2024", "Ames Ltd", 100, "A1"],
                  ["PAY3", "01/11/2024", "Bee Ltd", 100, "A2"], ["PAY4", "01/11/2024", "Cee Ltd", 100, "A9"]],
    )
    got = messages(read_workbook(path))
    assert got == [
        "Academies row 2, column Joined on: '1st Sept 2016' is not a date (use dd/mm/yyyy, e.g. 31/08/2025); "
        "2 rows on other sheets refer to academy '100001' and were not checked against it "
        "(Bodies 1, Employment 1)",
        "Bodies row 4, column Type: " + got[1].split(": ", 1)[1].split(";")[0]
        + "; 2 rows on other sheets refer to body 'Audit' and were not checked against it (Roles 1, Meetings 1)",
        "Employment row 3, column Academy URN: academy '100003' does not exist",
        "Meetings row 2, column Date: '16/9/25' is not a date (use dd/mm/yyyy, e.g. 31/08/2025); "
        "4 rows on other sheets refer to meeting 'M1' and were not checked against it "
        "(Attendance 1, Agenda 2, Related party transactions 1)",
        "Related party transactions row 2, column Direction: 'Outgoing' is not one of: Expenditure, Income; "
        "2 rows on other sheets refer to agreement 'A1' and were not checked against it (Payments 2)",
        "Related party transactions row 3, column Direction: 'Outgoing' is not one of: Expenditure, Income",
        "Related party transactions row 4, column Value: Value is required (give both Financial year and "
        "Value, or leave both blank for an agreement with no value yet); 1 row on another sheet refers to "
        "agreement 'A2' and was not checked against it (Payments 1)",
        "Payments row 5, column Agreement ID: agreement 'A9' does not exist",
    ]
    assert got[1].startswith("Bodies row 4, column Type: 'Audit committee' is not one of: ")


def test_an_agreement_with_one_good_row_is_known(tmp_path):
    # A multi-year agreement whose second year's row is rejected still exists (its first row was
    # read), so its payments resolve and nothing is counted against the rejected row.
    path = _book(
        tmp_path,
        Related_party_transactions=[
            ["Agreement ID", "Related organisation", "Direction", "Financial year", "Value"],
            ["A1", "Ames Ltd", "Expenditure", "2024/25", 1000],
            ["A1", "Ames Ltd", "Expenditure", "2025/26", "lots"]],
        Payments=[["Payment ID", "Date", "Supplier", "Amount", "Agreement ID"],
                  ["PAY1", "01/10/2024", "Ames Ltd", 100, "A1"]],
    )
    result = read_workbook(path)
    assert [(e.sheet, e.row, e.column) for e in result.errors] == [("Related party transactions", 3, "Value")]
    assert "refer" not in result.errors[0].message


def test_errors_copy_marks_only_the_root_rows(tmp_path):
    from openpyxl import load_workbook

    from govboard.io.workbook import write_errors_copy

    path = _book(tmp_path, People=PEOPLE, Roles=ROLES)
    result = read_workbook(path)
    copy = write_errors_copy(path, tmp_path / "errors.xlsx", result.errors)
    wb = load_workbook(copy)
    try:
        listed = [r for r in wb["Import errors"].iter_rows(min_row=2, values_only=True) if any(r)]
        assert [(r[0], r[1], r[2]) for r in listed] == [("People", 3, "Date of birth"), ("People", 5, "Person ID")]
        roles = wb["Roles"]
        header = [c.value for c in roles[1]]
        assert "Errors" not in header or all(
            roles.cell(r, header.index("Errors") + 1).value in (None, "") for r in range(2, roles.max_row + 1))
    finally:
        wb.close()
