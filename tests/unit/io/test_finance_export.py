"""Payments from a finance system's export: read CSV or xlsx, map columns, plan the rows."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook

from govboard.domain.model import Payment
from govboard.io.finance import (
    FinanceExportError,
    guess_mapping,
    next_payment_id,
    plan_payments,
    read_finance_export,
)

CSV = (
    "Sage export,,,,,\n"
    "Trans Date,Payee Name,Gross,Company Reg No,Details,Trans ID\n"
    "01/09/2025,Acme Cleaning Ltd,\"1,250.00\",1234567,Cleaning September,T100\n"
    "15-09-2025,Bright Sparks Electrical,(80.00),,Credit note,T101\n"
    "31/02/2025,Bad Date Ltd,10.00,,,T102\n"
    "02/10/2025,No Money Ltd,lots,,,T103\n"
    "03/10/2025,,12.00,,,T104\n"
    ",,1330.00,,Total,\n"
    "\n"
    "05/10/2025,Acme Cleaning Ltd,\"1,250.00\",12-34,Bad company,T105\n"
)


def _write(tmp_path, text, name="export.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_headings_found_below_a_title_row_and_columns_guessed(tmp_path):
    export = read_finance_export(_write(tmp_path, CSV))
    assert export.headers == ["Trans Date", "Payee Name", "Gross", "Company Reg No", "Details", "Trans ID"]
    assert export.first_row == 3  # the file's own row numbers, as a spreadsheet shows them
    mapping = guess_mapping(export.headers)
    assert mapping == {"date": 0, "supplier": 1, "amount": 2, "company_number": 3, "description": 4, "reference": 5}
    # A heading remembered from the last import wins over the guess.
    assert guess_mapping(export.headers, {"description": "Payee Name"})["description"] == 1


def test_rows_become_payments_and_bad_rows_are_named_by_row_and_column(tmp_path):
    export = read_finance_export(_write(tmp_path, CSV))
    plan = plan_payments(export, guess_mapping(export.headers), existing=[])
    assert [(row, p.id, p.date, p.supplier, p.amount, p.company_number) for row, p in plan.new] == [
        (3, "T100", date(2025, 9, 1), "Acme Cleaning Ltd", 125_000, "01234567"),
        (4, "T101", date(2025, 9, 15), "Bright Sparks Electrical", -8_000, None),
    ]
    problems = [(p.row, p.column, p.message) for p in plan.problems]
    assert problems[0][:2] == (5, "Trans Date") and "not a real date" in problems[0][2]
    assert problems[1][:2] == (6, "Gross") and "not an amount of money" in problems[1][2]
    assert problems[2] == (7, "Payee Name", "no supplier in this row")
    assert problems[3][:2] == (10, "Company Reg No") and "not a Companies House number" in problems[3][2]
    assert plan.skipped == [8, 9]  # the total line and the blank line are not payments
    assert str(plan.problems[2]) == "Row 7, Payee Name: no supplier in this row"


def test_payments_already_in_the_ledger_are_not_added_twice(tmp_path):
    export = read_finance_export(_write(tmp_path, CSV))
    mapping = guess_mapping(export.headers)
    mapping["reference"] = None  # no reference: matched on date, supplier and amount
    existing = [Payment("PL-1", date(2025, 9, 1), "ACME CLEANING LTD", 125_000)]
    plan = plan_payments(export, mapping, existing)
    assert [(row, p.id) for row, p in plan.already] == [(3, "PL-1")]
    assert [p.id for p in plan.payments] == ["PAY00001"]
    assert next_payment_id(["PAY00009", "PL-1"]) == "PAY00010"


def test_a_mapping_without_the_required_columns_is_refused(tmp_path):
    export = read_finance_export(_write(tmp_path, CSV))
    with pytest.raises(ValueError, match="the amount"):
        plan_payments(export, {**guess_mapping(export.headers), "amount": None}, [])


def test_xlsx_dates_and_numbers_as_excel_holds_them(tmp_path):
    book = Workbook()
    book.active.title = "Notes"
    book.active.append(["exported by Pay360"])
    sheet = book.create_sheet("Payments")
    sheet.append(["Payment date", "Supplier", "Amount", "Description"])
    sheet.append([datetime(2025, 11, 3), "Zoë's Café", 49.5, "Catering"])
    sheet.append([date(2025, 11, 4), "Łukasz Supplies", 1200, None])
    path = tmp_path / "payments.xlsx"
    book.save(path)
    export = read_finance_export(path)
    assert export.sheet == "Payments" and export.first_row == 2
    plan = plan_payments(export, guess_mapping(export.headers), [])
    assert [(p.date, p.supplier, p.amount, p.description) for p in plan.payments] == [
        (date(2025, 11, 3), "Zoë's Café", 4_950, "Catering"), (date(2025, 11, 4), "Łukasz Supplies", 120_000, None)]


def test_windows_csv_with_semicolons(tmp_path):
    export = read_finance_export(_write(tmp_path, "Date;Supplier;Amount\n01/09/2025;Café Noël;£12.50\n",
                                        encoding="cp1252"))
    plan = plan_payments(export, guess_mapping(export.headers), [])
    assert [(p.supplier, p.amount) for p in plan.payments] == [("Café Noël", 1_250)]


def test_files_that_are_not_a_table_say_so(tmp_path):
    with pytest.raises(FinanceExportError, match="does not exist"):
        read_finance_export(tmp_path / "absent.csv")
    with pytest.raises(FinanceExportError, match="not a CSV or Excel"):
        read_finance_export(_write(tmp_path, "x", "payments.pdf"))
    with pytest.raises(FinanceExportError, match="no table"):
        read_finance_export(_write(tmp_path, "just one line\n"))
    with pytest.raises(FinanceExportError, match="cannot be opened as an Excel workbook"):
        read_finance_export(_write(tmp_path, "not a zip", "payments.xlsx"))
