"""Write the trust workbook (export and the blank template) and the clerk's errors copy.

Export streams rows with openpyxl's write-only mode. Each styled column (dates, money) has one
prepared cell whose value is replaced row by row, so styling costs little more than plain values.
Text that a spreadsheet could take for a formula (=, +, -, @, tab, CR) is written as a string
cell with the quote-prefix style, so Excel and LibreOffice show it and never run it.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import suppress
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from govboard.domain.enums import Choice, DelegationCode
from govboard.domain.model import SETTING_ENUMS, SETTING_SPECS, SettingSpec
from govboard.domain.snapshot import TrustSnapshot

from .errors import RowError
from .schema import (
    CHOICE,
    CODES,
    DATE,
    DATE_FORMAT,
    ENUM_COLUMNS,
    ERRORS_COLUMN,
    FORMAT_VERSION,
    IMPORT_ERRORS_SHEET,
    LISTS_SHEET,
    META_SHEET,
    MONEY,
    MONEY_FORMAT,
    SHEET_BY_KEY,
    SHEETS,
    TRUST,
    URNS,
    YESNO,
    Column,
    SheetSpec,
    normalise_name,
)
from .xlsx_read import HEADER_SEARCH_ROWS, open_workbook_checked

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LAST_ROW = 1_048_576

HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
REQUIRED_FILL = PatternFill("solid", fgColor="305496")
HEADER_BORDER = Border(bottom=Side(style="thin", color="808080"))
HEADER_ALIGN = Alignment(vertical="center", wrap_text=True)
ERROR_FILL = PatternFill("solid", fgColor="F8CBAD")
ERROR_FONT = Font(color="9C0006")

YES_NO = ("Yes", "No")


class _Writer:
    """Per-workbook helpers: styled cells and dropdown sources."""

    def __init__(self, wb: Workbook):
        self.wb = wb
        self.list_ref: dict[str, str] = {}

    # -- cells

    def header_cell(self, ws, text: str, required: bool):
        cell = WriteOnlyCell(ws, value=text)
        cell.font = REQUIRED_FONT if required else HEADER_FONT
        cell.fill = REQUIRED_FILL if required else HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = HEADER_ALIGN
        return cell

    def converter(self, ws, col: Column) -> Callable:
        """A function turning a record's value into what ws.append takes, chosen once."""
        if col.kind == DATE:
            cell = WriteOnlyCell(ws)
            cell.number_format = DATE_FORMAT

            def conv_date(value, cell=cell):
                if value is None:
                    return None
                cell.value = value
                return cell

            return conv_date
        if col.kind == MONEY:
            cell = WriteOnlyCell(ws)
            cell.number_format = MONEY_FORMAT

            def conv_money(value, cell=cell):
                if value is None:
                    return None
                cell.value = pounds(value)
                return cell

            return conv_money
        if col.kind == YESNO:
            return lambda value: None if value is None else ("Yes" if value else "No")
        if col.kind == CHOICE:
            return lambda value: None if value is None else value.value
        if col.kind == URNS:  # only a hub LGB's several URNs: one academy goes in Academy URN
            return lambda value: self.text(ws, ", ".join(value)) if len(value) > 1 else None
        return lambda value: self.text(ws, value)

    def text(self, ws, value):
        if value is None:
            return None
        if isinstance(value, Choice):
            return value.value
        if not isinstance(value, str):
            return value
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith(FORMULA_START):
            return safe_text_cell(ws, value)
        return value

    # -- dropdowns

    def add_lists_sheet(self) -> None:
        ws = self.wb.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
        enums = (*ENUM_COLUMNS, *SETTING_ENUMS.values())
        lists: list[tuple[str, list[str]]] = [(e.__name__, e.labels()) for e in enums]
        lists.append(("YesNo", list(YES_NO)))
        lists.append(("DelegationCode", DelegationCode.labels()))
        longest = max(len(values) for _name, values in lists)
        for idx, (name, values) in enumerate(lists, start=1):
            letter = get_column_letter(idx)
            self.list_ref[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
        ws.append([name for name, _values in lists])
        for i in range(longest):
            ws.append([values[i] if i < len(values) else None for _name, values in lists])

    def dropdown(self, list_name: str, sqref: str, *, strict: bool = True) -> DataValidation:
        dv = DataValidation(type="list", formula1=self.list_ref[list_name], allow_blank=True)
        dv.showErrorMessage = strict
        if strict:
            dv.errorTitle = "Not in the list"
            dv.error = "Choose a value from the list."
        dv.add(sqref)
        return dv


def pounds(pence: int):
    """Pence as the number of pounds a cell shows (whole pounds stay integers)."""
    if isinstance(pence, Decimal):
        pence = int(pence)
    whole, part = divmod(pence, 100)
    return whole if part == 0 else pence / 100


def safe_text_cell(ws, value: str) -> WriteOnlyCell:
    """A string cell that no spreadsheet will run as a formula."""
    cell = WriteOnlyCell(ws)
    cell.value = value
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


# --- sheets ------------------------------------------------------------------------------------


def _start_sheet(w: _Writer, spec: SheetSpec, extra_headers: Iterable[str] = ()):
    ws = w.wb.create_sheet(spec.name)
    ws.freeze_panes = "A2"
    headers = [(c.header, c.required, c.display_width) for c in spec.columns]
    headers += [(h, False, 40 if h == "Explanation" else 18) for h in extra_headers]
    for idx, (_text, _req, width) in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(idx)].width = width
    for idx, col in enumerate(spec.columns, start=1):
        letter = get_column_letter(idx)
        sqref = f"{letter}2:{letter}{LAST_ROW}"
        if col.enum is not None:
            # An open list (Appointed by) suggests its values but keeps any other as written.
            ws.data_validations.append(w.dropdown(col.enum.__name__, sqref,
                                                  strict=not hasattr(col.enum, "from_text")))
        elif col.kind == YESNO:
            ws.data_validations.append(w.dropdown("YesNo", sqref))
        elif col.kind == CODES:
            # Several codes may share a cell ("R,C"), so the list only suggests.
            ws.data_validations.append(w.dropdown("DelegationCode", sqref, strict=False))
    ws.append([w.header_cell(ws, text, req) for text, req, _width in headers])
    return ws


def _write_trust(w: _Writer, settings, *, blank: bool) -> None:
    ws = _start_sheet(w, TRUST, ("Default", "Explanation"))
    value_conv = {}
    default_conv = {}
    for kind, fmt in (("money", MONEY_FORMAT), ("date", DATE_FORMAT)):
        for store in (value_conv, default_conv):
            cell = WriteOnlyCell(ws)
            cell.number_format = fmt
            store[kind] = cell
    for rownum, spec in enumerate(SETTING_SPECS, start=2):
        value = None if blank else getattr(settings, spec.attr)
        ws.append([
            spec.label,
            _setting_cell(w, ws, spec, value, value_conv),
            _setting_cell(w, ws, spec, spec.default, default_conv),
            spec.help,
        ])
        if spec.kind in SETTING_ENUMS:
            ws.data_validations.append(w.dropdown(SETTING_ENUMS[spec.kind].__name__, f"B{rownum}"))


def _setting_cell(w: _Writer, ws, spec: SettingSpec, value, cells: dict):
    if value is None or value == "":
        return None
    if spec.kind == "money":
        cell = cells["money"]
        cell.value = pounds(value)
        return cell
    if spec.kind == "date":
        cell = cells["date"]
        cell.value = value
        return cell
    if spec.kind == "fraction":
        return str(value)
    if spec.kind == "int":
        return value
    return w.text(ws, value.value if isinstance(value, Choice) else value)


def _plain_rows(w: _Writer, ws, spec: SheetSpec, records) -> Iterable[list]:
    getters = [(c.field, w.converter(ws, c)) for c in spec.columns]
    for rec in records:
        yield [conv(getattr(rec, name)) for name, conv in getters]


def _rpt_rows(w: _Writer, ws, spec: SheetSpec, snapshot: TrustSnapshot) -> Iterable[list]:
    by_agreement: dict[str, list] = defaultdict(list)
    for value in snapshot.rpt_values:
        by_agreement[value.agreement_id].append(value)
    convs = [(c.field, c.header, w.converter(ws, c)) for c in spec.columns]
    for agreement in snapshot.rpt_agreements:
        for value in by_agreement.get(agreement.id) or [None]:
            row = []
            for name, header, conv in convs:
                if name is not None:
                    row.append(conv(getattr(agreement, name)))
                elif header == "Financial year":
                    row.append(None if value is None else value.financial_year)
                else:
                    row.append(None if value is None else conv(value.value))
            yield row


def _sod_rows(w: _Writer, ws, spec: SheetSpec, snapshot: TrustSnapshot) -> Iterable[list]:
    convs = [(c.field, c.header, w.converter(ws, c)) for c in spec.columns]
    for rec in sorted(snapshot.sod_rows, key=lambda r: r.position):
        codes = {level.value: text for level, text in rec.codes}
        yield [conv(getattr(rec, name)) if name else conv(codes.get(header))
               for name, header, conv in convs]


def _agenda_rows(w: _Writer, ws, spec: SheetSpec, snapshot: TrustSnapshot, paper_path) -> Iterable[list]:
    convs = [(c.field, w.converter(ws, c)) for c in spec.columns]
    for rec in snapshot.agenda:
        yield [conv(paper_path(rec)) if name == "paper" else conv(getattr(rec, name))
               for name, conv in convs]


_SAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class _Papers:
    """Places each agenda paper in '<stem> papers/<name>' beside the workbook."""

    def __init__(self, workbook_path: Path, content: Callable[[str], bytes] | None):
        self.folder_name = f"{workbook_path.stem} papers"
        self.folder = workbook_path.parent / self.folder_name
        self.content = content
        self.by_sha: dict[str, str] = {}
        self.used: set[str] = set()

    def path_for(self, item) -> str | None:
        sha = item.paper_sha256
        if not sha and not item.paper_name:
            return None
        key = sha or f"name:{item.paper_name}"
        if key in self.by_sha:
            return self.by_sha[key]
        name = _SAFE_NAME.sub("_", (item.paper_name or f"{sha[:12]}.pdf").strip()) or "paper.pdf"
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        n = 1
        while name.casefold() in self.used:
            n += 1
            name = f"{stem} ({n}){dot}{suffix}"
        self.used.add(name.casefold())
        if self.content is not None and sha:
            data = self.content(sha)
            self.folder.mkdir(exist_ok=True)
            target = self.folder / name
            if not (target.is_file() and target.read_bytes() == data):
                target.write_bytes(data)
        rel = f"{self.folder_name}/{name}"
        self.by_sha[key] = rel
        return rel


def _build(path: Path, snapshot: TrustSnapshot | None, paper_content) -> None:
    wb = Workbook(write_only=True)
    try:
        _fill(wb, path, snapshot, paper_content)
    except BaseException:
        _discard(wb)
        raise
    _save_atomically(wb, path)


def _discard(wb: Workbook) -> None:
    """Close and delete the temporary files of a write-only workbook that will not be saved."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        with suppress(Exception):
            if ws._rows is not None:
                ws._rows.close()
        with suppress(Exception):
            writer.xf.close()
        with suppress(Exception):
            writer.cleanup()


def _fill(wb: Workbook, path: Path, snapshot: TrustSnapshot | None, paper_content) -> None:
    w = _Writer(wb)
    # The dropdown sources are needed first for their cell ranges; the sheet is placed last.
    w.add_lists_sheet()
    snap = snapshot or TrustSnapshot()
    papers = _Papers(path, paper_content)
    _write_trust(w, snap.settings, blank=snapshot is None)
    for spec in SHEETS:
        if spec is TRUST:
            continue
        ws = _start_sheet(w, spec)
        if snapshot is None:
            continue
        if spec.register == "rpt_agreements":
            rows = _rpt_rows(w, ws, spec, snap)
        elif spec.register == "sod_rows":
            rows = _sod_rows(w, ws, spec, snap)
        elif spec.register == "agenda":
            rows = _agenda_rows(w, ws, spec, snap, papers.path_for)
        else:
            rows = _plain_rows(w, ws, spec, getattr(snap, spec.register))
        append = ws.append
        for row in rows:
            append(row)
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["Format", "govboard trust workbook"])
    meta.append(["Format version", FORMAT_VERSION])
    wb._sheets.append(wb._sheets.pop(0))  # the hidden lists after the registers


def _save_atomically(wb, path: Path) -> None:
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx.tmp", dir=path.parent)
    except BaseException:
        _discard(wb)  # else its open sheet writers complain when garbage-collected
        raise
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def write_workbook(snapshot: TrustSnapshot, path, *,
                   paper_content: Callable[[str], bytes] | None = None) -> Path:
    """Export the whole trust to `path` (formats.md section 1); returns the path.

    `paper_content(sha256) -> bytes` supplies each agenda paper; the papers are written to
    "<workbook stem> papers/<name>" beside the workbook and that relative path goes in the Paper
    column. Without it the Paper column still names that path but no file is written.
    """
    path = Path(path)
    _build(path, snapshot, paper_content)
    return path


def write_template(path) -> Path:
    """The blank workbook a clerk fills in: headers, dropdowns and formats, no data."""
    path = Path(path)
    _build(path, None, None)
    return path


# --- errors copy -------------------------------------------------------------------------------


def write_errors_copy(source_path, dest_path, errors: Iterable[RowError]) -> Path:
    """Copy the clerk's workbook with an "Errors" column on each offending row and an
    "Import errors" sheet listing every error (sheet, row, column, problem)."""
    source_path, dest_path = Path(source_path), Path(dest_path)
    errors = list(errors)
    wb, fh = open_workbook_checked(source_path, read_only=False, data_only=False)
    try:
        by_sheet: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
        for err in errors:
            if err.row is not None:
                text = f"{err.column}: {err.message}" if err.column else err.message
                by_sheet[normalise_name(err.sheet)][err.row].append(text)
        for title in list(wb.sheetnames):
            if normalise_name(title) == normalise_name(IMPORT_ERRORS_SHEET):
                del wb[title]
        for ws in wb.worksheets:
            rows = by_sheet.get(normalise_name(ws.title))
            col = _errors_column(ws, rows)
            if col is None:
                continue
            for rownum, messages in sorted((rows or {}).items()):
                cell = ws.cell(row=rownum, column=col)
                cell.value = "\n".join(messages)
                cell.fill = ERROR_FILL
                cell.font = ERROR_FONT
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws = wb.create_sheet(IMPORT_ERRORS_SHEET, 0)
        ws.append(["Sheet", "Row", "Column", "Problem"])
        for cell in ws[1]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
        for err in errors:
            ws.append([err.sheet, err.row, err.column, _plain_text(err.message)])
        for letter, width in zip("ABCD", (26, 7, 26, 90)):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
        wb.active = 0
        for sheet in wb.worksheets:
            sheet.sheet_view.tabSelected = sheet is ws
        _save_atomically(wb, dest_path)
    finally:
        try:
            wb.close()
        finally:
            fh.close()
    return dest_path


def _plain_text(text: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return "'" + text if text.startswith(FORMULA_START) else text


def _errors_column(ws, rows) -> int | None:
    """The sheet's Errors column (cleared), added after the last header when there is none."""
    header_row, existing = 1, None
    for r in range(1, min(HEADER_SEARCH_ROWS, ws.max_row) + 1):
        for cell in ws[r]:
            if isinstance(cell.value, str) and normalise_name(cell.value) == normalise_name(ERRORS_COLUMN):
                header_row, existing = r, cell.column
                break
        if existing:
            break
    if existing is None and not rows:
        return None
    if existing is not None:
        for r in range(header_row + 1, ws.max_row + 1):
            cell = ws.cell(row=r, column=existing)
            cell.value = None
            cell.fill = PatternFill()
        if not rows:
            return None
        return existing
    header_row = _guess_header_row(ws)
    col = ws.max_column + 1
    head = ws.cell(row=header_row, column=col, value=ERRORS_COLUMN)
    head.font = Font(bold=True, color="9C0006")
    head.fill = ERROR_FILL
    ws.column_dimensions[get_column_letter(col)].width = 60
    return col


def _guess_header_row(ws) -> int:
    spec = SHEET_BY_KEY.get(normalise_name(ws.title))
    if spec is None:
        return 1
    best, best_count = 1, 0
    for r in range(1, min(HEADER_SEARCH_ROWS, ws.max_row) + 1):
        count = sum(1 for c in ws[r] if c.value is not None and normalise_name(c.value) in spec.by_key)
        if count > best_count:
            best, best_count = r, count
    return best


__all__ = ["write_workbook", "write_template", "write_errors_copy", "safe_text_cell"]
