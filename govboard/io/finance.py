"""Payments from a finance system's export (CSV or xlsx) into the payments ledger.

Finance systems name their columns as they like, so nothing is assumed: the file is read as
headings and rows, the clerk picks which column holds the date, supplier, amount, company number,
description (and, if there is one, the system's own reference), and `plan_payments` turns the
rows into Payment records, reporting each bad row by its row number and the file's column heading.
Nothing here touches a trust file.

    read_finance_export(path) -> FinanceExport
    guess_mapping(headers) -> {field: column index or None}
    plan_payments(export, mapping, existing) -> PaymentsPlan
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from govboard.domain.model import Payment
from govboard.domain.names import fold_letters, normalise_company_number
from govboard.domain.validate import parse_date, parse_money, parse_text

# The ledger's fields a column can fill, in the order the mapping step asks for them.
FIELDS = ("date", "supplier", "amount", "company_number", "description", "reference")
FIELD_LABELS = {"date": "Date", "supplier": "Supplier", "amount": "Amount", "company_number": "Company number",
                "description": "Description", "reference": "Payment reference"}
REQUIRED_FIELDS = ("date", "supplier", "amount")
# Headings finance systems use, folded (lower case, no punctuation); the first match wins.
_GUESSES = {
    "date": ("date", "payment date", "paid on", "date paid", "transaction date", "posting date", "trans date",
             "invoice date", "document date"),
    "supplier": ("supplier", "supplier name", "payee", "payee name", "vendor", "vendor name", "creditor",
                 "creditor name", "paid to", "name"),
    "amount": ("amount", "amount paid", "payment amount", "gross", "gross amount", "total", "value", "net",
               "net amount"),
    "company_number": ("company number", "company no", "companies house number", "company reg no",
                       "company registration number", "registration number", "crn"),
    "description": ("description", "details", "narrative", "memo", "line description", "comment"),
    "reference": ("payment id", "payment ref", "payment reference", "transaction id", "transaction ref", "trans id",
                  "trans ref", "transaction number", "payment number",
                  "reference", "ref", "document number", "doc no", "voucher"),
}
MAX_ROWS = 100_000
_SPACES = re.compile(r"[^0-9a-z]+")
_DATE_FORMATS = ("%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y", "%Y/%m/%d",
                 "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
_COMPANY_NUMBER = re.compile(r"^[A-Z0-9]{8}$")


class FinanceExportError(Exception):
    """The file as a whole cannot be read as a table (missing, empty, not CSV or xlsx)."""


@dataclass
class FinanceExport:
    """A finance export as read: its headings and the rows under them (cells as found)."""

    path: Path
    headers: list[str]
    rows: list[list]  # each as long as headers
    first_row: int  # the file's row number of rows[0] (as a spreadsheet numbers it)
    sheet: str | None = None  # the worksheet read, for an xlsx


@dataclass(frozen=True)
class PaymentProblem:
    """A row that cannot be recorded: its row number in the file, the file's column, and why."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.message}"


@dataclass
class PaymentsPlan:
    """What importing would add: new payments (with the file row each came from), rows already in
    the ledger, rows with problems, and rows that are not payments (blank lines, totals)."""

    new: list[tuple[int, Payment]] = field(default_factory=list)
    already: list[tuple[int, Payment]] = field(default_factory=list)  # (row, the payment in the ledger)
    problems: list[PaymentProblem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)

    @property
    def payments(self) -> list[Payment]:
        return [p for _, p in self.new]


def _fold(text) -> str:
    return _SPACES.sub(" ", fold_letters(str(text or ""))).strip()


# --- reading ----------------------------------------------------------------------------------


def read_finance_export(path: str | Path) -> FinanceExport:
    """Read a CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or the fullest sheet of an
    xlsx; the headings are the first row with two or more cells filled."""
    path = Path(path)
    if not path.is_file():
        raise FinanceExportError(f"{path.name} does not exist.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table, sheet = _read_xlsx(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        table, sheet = _read_csv(path), None
    else:
        raise FinanceExportError(f"{path.name} is not a CSV or Excel (.xlsx) file: export the payments from the "
                                 "finance system as one of those.")
    for index, row in enumerate(table):
        if sum(1 for cell in row if str(cell if cell is not None else "").strip()) >= 2:
            headers = [str(c).strip() if c is not None else "" for c in row]
            width = len(headers)
            while width and not headers[width - 1]:
                width -= 1
            headers = [h or f"Column {i + 1}" for i, h in enumerate(headers[:width])]
            rows = [list(r[:width]) + [None] * (width - len(r[:width])) for r in table[index + 1:]]
            if not rows:
                raise FinanceExportError(f"{path.name} has headings but no rows under them.")
            return FinanceExport(path, headers, rows, index + 2, sheet)
    raise FinanceExportError(f"{path.name} holds no table: no row has two or more cells filled in.")


def _read_csv(path: Path) -> list[list]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    if "\x00" in text:
        raise FinanceExportError(f"{path.name} is not a text (CSV) file.")
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if len(rows) > MAX_ROWS:
        raise FinanceExportError(f"{path.name} has {len(rows):,} rows; export at most {MAX_ROWS:,} at a time.")
    return rows


def _read_xlsx(path: Path) -> tuple[list[list], str]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise FinanceExportError(f"{path.name} cannot be opened as an Excel workbook ({exc.__class__.__name__}).") \
            from None
    try:
        best: tuple[list[list], str] | None = None
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > MAX_ROWS:
                    raise FinanceExportError(f"{path.name} has more than {MAX_ROWS:,} rows on {sheet.title}.")
            while rows and not any(c not in (None, "") for c in rows[-1]):
                rows.pop()
            if best is None or len(rows) > len(best[0]):
                best = (rows, sheet.title)
    finally:
        book.close()
    return best if best is not None else ([], "")


# --- the mapping ------------------------------------------------------------------------------


def guess_mapping(headers: list[str], remembered: dict[str, str] | None = None) -> dict[str, int | None]:
    """Which column holds each field: the heading remembered from the last import if it is there,
    else the first heading finance systems commonly use; None where nothing fits."""
    folded = [_fold(h) for h in headers]
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for name, wanted in (remembered or {}).items():  # the clerk's own choice first
        if name in mapping and wanted and _fold(wanted) in folded and folded.index(_fold(wanted)) not in taken:
            mapping[name] = folded.index(_fold(wanted))
            taken.add(mapping[name])
    for name in FIELDS:
        if mapping[name] is not None:
            continue
        for guess in _GUESSES[name]:
            hits = [i for i, h in enumerate(folded) if h == guess and i not in taken]
            if hits:
                mapping[name] = hits[0]
                taken.add(hits[0])
                break
    return mapping


# --- rows into payments -----------------------------------------------------------------------


def _date(value) -> date:
    if isinstance(value, (date, datetime)):
        return value.date() if isinstance(value, datetime) else value
    text = str(value).strip()
    try:
        parsed = parse_date(text)
    except ValueError as exc:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise exc from None
    if parsed is None:
        raise ValueError("is required")
    return parsed


def _amount(value) -> int:
    if isinstance(value, str):
        text = value.strip()
        negative = text.startswith("(") and text.endswith(")")  # accountants' negative
        if negative:
            text = text[1:-1]
        for mark in ("GBP", "£"):
            text = text.replace(mark, "")
        pence = parse_money(text.strip())
        if pence is None:
            raise ValueError("is required")
        return -pence if negative else pence
    pence = parse_money(value)
    if pence is None:
        raise ValueError("is required")
    return pence


def _key(date_, supplier: str, amount: int) -> tuple:
    return (date_, _fold(supplier), amount)


def next_payment_id(existing_ids, prefix: str = "PAY") -> str:
    numbers = [int(x[len(prefix):]) for x in existing_ids if x.startswith(prefix) and x[len(prefix):].isdigit()]
    return f"{prefix}{(max(numbers) + 1) if numbers else 1:05d}"


def plan_payments(export: FinanceExport, mapping: dict[str, int | None], existing: list[Payment]) -> PaymentsPlan:
    """Turn the rows into payments. A row matching a payment already in the ledger (same date,
    supplier and amount, or the same reference) is not added twice; a row with no date, supplier
    or amount at all (a blank line, a total) is skipped; any other bad cell is a problem naming
    its row and column. New payments take the file's reference as their ID when it is mapped and
    free, else the next PAY number."""
    missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if mapping.get(f) is None]
    if missing:
        raise ValueError(f"Choose the column holding the {' and the '.join(m.lower() for m in missing)}")
    plan = PaymentsPlan()
    by_key = {_key(p.date, p.supplier, p.amount): p for p in existing}
    by_id = {p.id: p for p in existing}
    ids = set(by_id)
    seen_in_file: dict[tuple, int] = {}

    def cell(row, name):
        index = mapping.get(name)
        return row[index] if index is not None and index < len(row) else None

    for offset, row in enumerate(export.rows):
        number = export.first_row + offset
        raw = {name: cell(row, name) for name in FIELDS}
        blank = {name for name in REQUIRED_FIELDS if raw[name] is None or not str(raw[name]).strip()}
        if not any(str(c).strip() for c in row if c is not None) or blank >= {"date", "supplier"}:
            plan.skipped.append(number)  # a blank line, or a total with no date or supplier
            continue
        values, problems = {}, []
        for name, parse in (("date", _date), ("supplier", lambda v: parse_text(v, required=True)),
                            ("amount", _amount)):
            heading = export.headers[mapping[name]]
            if name in blank:
                problems.append(PaymentProblem(number, heading, f"no {FIELD_LABELS[name].lower()} in this row"))
                continue
            try:
                values[name] = parse(raw[name])
            except ValueError as exc:  # the domain's words, as an import or the CLI says them
                problems.append(PaymentProblem(number, heading, str(exc)))
        company = parse_text(raw["company_number"])
        if company is not None:
            company = normalise_company_number(company)
            if not _COMPANY_NUMBER.match(company):
                problems.append(PaymentProblem(
                    number, export.headers[mapping["company_number"]],
                    f"'{raw['company_number']}' is not a Companies House number (8 letters or digits)"))
        if problems:
            plan.problems.extend(problems)
            continue
        reference = parse_text(raw["reference"])
        key = _key(values["date"], values["supplier"], values["amount"])
        in_ledger = by_id.get(reference) if reference else None
        if in_ledger is None:
            in_ledger = by_key.get(key)
        if in_ledger is not None:
            plan.already.append((number, in_ledger))
            continue
        if key in seen_in_file and not reference:
            plan.problems.append(PaymentProblem(
                number, export.headers[mapping["amount"]],
                f"the same payment (date, supplier and amount) as row {seen_in_file[key]}; give each a "
                "reference column, or remove the repeat"))
            continue
        seen_in_file[key] = number
        payment_id = reference if reference and reference not in ids else next_payment_id(ids)
        ids.add(payment_id)
        plan.new.append((number, Payment(id=payment_id, date=values["date"], supplier=values["supplier"],
                                         amount=values["amount"], company_number=company,
                                         description=parse_text(raw["description"]))))
    return plan
