"""Read the trust workbook into domain records (no database, nothing written).

Everything is validated before anything is returned: the caller imports only when `errors` is
empty (formats.md: import is all or nothing). Cost is kept close to openpyxl's own read-only
iteration: each sheet's XML is scanned once for the last row that holds data (so a sheet with a
million styled blank rows is not walked) and for formulas without a saved value; rows are read
with `values_only=True` and each column's parser is chosen once per sheet.
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from govboard.domain.enums import MeetingStatus, SodLevel
from govboard.domain.model import (
    BOARD_BODY,
    MEMBERS_BODY,
    SETTING_ENUMS,
    SETTING_SPECS,
    Academy,
    Acknowledgement,
    Action,
    AgendaItem,
    Appointment,
    AttendanceRecord,
    Body,
    Check,
    Declaration,
    Employment,
    Interest,
    ItemAttendance,
    Meeting,
    PayAward,
    PayDecision,
    Payment,
    Person,
    PersonRelationship,
    RptAgreement,
    RptValue,
    SodRow,
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.domain.validate import (
    MONEY_LIMIT,
    NON_NEGATIVE_MONEY,
    SETTING_RANGES,
    SHORT_TEXT_LENGTH,
    field_problem,
    parse_date,
    parse_field_text,
    parse_fraction,
    parse_int,
    parse_money,
    parse_percent,
    parse_text,
    parse_urn_list,
    printable,
    setting_problem,
    validate_registers,
)

from .. import clock
from .errors import RowError, WorkbookError
from .schema import (
    CODES,
    ERRORS_COLUMN,
    INT,
    MONEY,
    PERCENT,
    SHEET_BY_KEY,
    SHEET_BY_NAME,
    SHEETS,
    TEXT,
    TRUST,
    YEAR,
    SheetSpec,
    is_ignored_sheet,
    normalise_name,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 10

# Blank cells are allowed in these required columns (the column must still be there).
BLANK_OK = {
    "Trust": {"value"},  # a blank value takes the default
    "Related party transactions": {"financialyear", "value"},  # an agreement with no value yet
}

RECORD_CLASS = {
    "academies": Academy, "people": Person, "bodies": Body, "appointments": Appointment,
    "employment": Employment, "relationships": PersonRelationship, "checks": Check,
    "interests": Interest, "declarations": Declaration, "meetings": Meeting,
    "attendance": AttendanceRecord, "payments": Payment, "pay_decisions": PayDecision,
    "pay_awards": PayAward, "acknowledgements": Acknowledgement, "item_attendance": ItemAttendance,
    "actions": Action,
}

# (register, column header, record field, what it refers to)
REFERENCES = (
    ("bodies", "Academy URN", "academy_urns", "academy"),
    ("appointments", "Person ID", "person_id", "person"),
    ("appointments", "Body", "body", "body"),
    ("employment", "Person ID", "person_id", "person"),
    ("employment", "Academy URN", "academy_urn", "academy"),
    ("relationships", "Person ID", "person_id", "person"),
    ("relationships", "Related person ID", "related_person_id", "person"),
    ("checks", "Person ID", "person_id", "person"),
    ("interests", "Person ID", "person_id", "person"),
    ("declarations", "Person ID", "person_id", "person"),
    ("meetings", "Body", "body", "body"),
    ("meetings", "Minutes approved at", "minutes_approved_at", "meeting"),
    ("attendance", "Meeting ID", "meeting_id", "meeting"),
    ("attendance", "Person ID", "person_id", "person"),
    ("agenda", "Meeting ID", "meeting_id", "meeting"),
    ("item_attendance", "Meeting ID", "meeting_id", "meeting"),
    ("item_attendance", "Person ID", "person_id", "person"),
    ("actions", "Meeting ID", "meeting_id", "meeting"),
    ("rpt_agreements", "Related person ID", "related_person_id", "person"),
    ("rpt_agreements", "Decision meeting ID", "decision_meeting_id", "meeting"),
    ("payments", "Agreement ID", "agreement_id", "agreement"),
    ("pay_decisions", "Person ID", "person_id", "person"),
    ("pay_decisions", "Decided by", "decided_by", "body"),
    ("pay_decisions", "Meeting ID", "meeting_id", "meeting"),
)

# How validate_registers names a record, to map its problems back to a row.
PROBLEM_KEY = {
    "Bodies": ("bodies", lambda r: r.name),
    "Roles": ("appointments", lambda r: f"{r.person_id} {r.role} {r.body}"),
    "Employment": ("employment", lambda r: r.person_id),
    "Relationships": ("relationships", lambda r: r.person_id),
    "Checks": ("checks", lambda r: r.person_id),
    "Interests": ("interests", lambda r: r.person_id),
    "Declarations": ("declarations", lambda r: r.person_id),
    "Meetings": ("meetings", lambda r: r.id),
    "Attendance": ("attendance", lambda r: r.meeting_id),
    "Agenda": ("agenda", lambda r: r.meeting_id),
    "Item attendance": ("item_attendance", lambda r: r.meeting_id),
    "Actions": ("actions", lambda r: r.id),
    "Related party transactions": ("rpt_agreements", lambda r: r.id),
    "Payments": ("payments", lambda r: r.id),
    "Pay decisions": ("pay_decisions", lambda r: r.id),
    "Scheme of delegation": ("sod_rows", lambda r: r.ref),
    "People": ("people", lambda r: r.id),
    "Academies": ("academies", lambda r: r.urn),
}

SETTING_BY_KEY = {normalise_name(s.label): s for s in SETTING_SPECS}


@dataclass
class WorkbookRead:
    """What `read_workbook` found. Import it only when `errors` is empty."""

    registers: TrustSnapshot
    settings_given: dict[str, object] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    papers: dict[str, Path] = field(default_factory=dict)  # Paper cell text -> file
    sheet_rows: dict[str, int] = field(default_factory=dict)  # sheet -> data rows read
    papers_by_sha256: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- whole-file checks --------------------------------------------------------------------------


def open_workbook_checked(path: Path, *, read_only: bool = True, data_only: bool = True):
    """Open `path` with openpyxl or raise WorkbookError with a plain message naming the file.

    Returns (workbook, file object); the caller closes both.
    """
    name = path.name
    if not path.exists():
        raise WorkbookError(f"{name}: the file does not exist ({path})")
    if not path.is_file():
        raise WorkbookError(f"{name} is a folder, not an Excel workbook")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise WorkbookError(f"{name} could not be opened: {exc.strerror or exc}") from None
    if not head:
        raise WorkbookError(f"{name} is empty, not an Excel workbook")
    if head == OLE_MAGIC:
        raise WorkbookError(_ole_message(path))
    if not zipfile.is_zipfile(path):
        if head.startswith(b"PK"):
            raise WorkbookError(
                f"{name} could not be read as an Excel workbook; it is damaged or incomplete "
                "(copy it again, or open it in Excel and save it again)"
            )
        raise WorkbookError(
            f"{name} is not an Excel workbook (.xlsx): open it in Excel and save it as "
            "'Excel Workbook (.xlsx)'"
        )
    fh = path.open("rb")
    try:
        if read_only:
            reader = _LazyReader(fh, read_only=True, keep_vba=False, data_only=data_only,
                                 keep_links=False)
            reader.read()
            wb = reader.wb
        else:
            wb = load_workbook(fh, read_only=False, data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        fh.close()
        raise WorkbookError(
            f"{name} could not be read as an Excel workbook; it may be damaged "
            f"({type(exc).__name__}: {exc})"
        ) from None
    return wb, fh


class _LazySheet(ReadOnlyWorksheet):
    """A read-only sheet that does not size itself when opened.

    openpyxl looks for a <dimension> element when it opens each sheet; files without one
    (openpyxl's own write-only output, many exporters) are then parsed in full just to be
    sized. govboard finds each sheet's extent by its own scan, so skip that.
    """

    def _get_size(self):
        return None


class _LazyReader(ExcelReader):
    """openpyxl's reader for read-only mode, with lazily sized sheets and no chartsheets."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            ws = _LazySheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


def _ole_message(path: Path) -> str:
    try:
        data = path.read_bytes()[:4_000_000]
    except OSError:
        data = b""
    if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
        return (
            f"{path.name} is password-protected: open it in Excel, remove the password "
            "(File > Info > Protect Workbook > Encrypt with Password) and save it, then import again"
        )
    return (
        f"{path.name} is password-protected or is an old-style .xls file: remove any password "
        "and save it as 'Excel Workbook (.xlsx)', then import again"
    )


# --- sheet scanning -----------------------------------------------------------------------------

_DATA_MARKERS = (b"<v>", b"<v ", b"<is>", b"<f>", b"<f ", b":v>", b":v ", b":is>", b":f>", b":f ")
_FORMULA_MARKERS = (b"<f>", b"<f ", b":f>", b":f ")
_R_ATTR = re.compile(rb'\sr="(\d+)"')


@dataclass
class SheetScan:
    last_row: int | None  # None: unknown, read to the end
    uncached: dict[int, set[int]]  # row -> 1-based columns holding a formula with no saved value


def scan_sheet_xml(data: bytes) -> SheetScan:
    """Find the last row holding a value and the formulas without a saved value."""
    if not data.rstrip().endswith(b"worksheet>"):
        # Cut short (a copy interrupted, a damaged zip): openpyxl would read the rows before the
        # cut and say nothing, so the rest of the sheet would silently go missing.
        raise ElementTree.ParseError("the sheet's data ends early; the file is incomplete")
    end = data.rfind(b"sheetData>")
    if end < 0:
        return SheetScan(0, {})
    last = max(data.rfind(marker, 0, end) for marker in _DATA_MARKERS)
    if last < 0:
        return SheetScan(0, {})
    row_pos = max(data.rfind(b"<row", 0, last), data.rfind(b":row", 0, last))
    last_row = None
    if row_pos >= 0:
        tag_end = data.find(b">", row_pos)
        match = _R_ATTR.search(data, row_pos, tag_end + 1)
        if match:
            last_row = int(match.group(1))
    uncached: dict[int, set[int]] = {}
    if any(data.find(marker, 0, end) >= 0 for marker in _FORMULA_MARKERS):
        uncached = _uncached_formulas(data)
    return SheetScan(last_row, uncached)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _uncached_formulas(data: bytes) -> dict[int, set[int]]:
    out: dict[int, set[int]] = defaultdict(set)
    for _event, el in ElementTree.iterparse(io.BytesIO(data), events=("end",)):
        tag = _local(el.tag)
        if tag == "c":
            has_f = has_v = False
            for child in el:
                ctag = _local(child.tag)
                if ctag == "f":
                    has_f = True
                elif ctag == "is" or (ctag == "v" and (child.text or el.get("t") == "str")):
                    # openpyxl writes <v/> for a formula it never calculated; Excel writes
                    # t="str" with an empty <v> for a formula that gives "".
                    has_v = True
            if has_f and not has_v and (ref := el.get("r")):
                row, col = coordinate_to_tuple(ref)
                out[row].add(col)
            el.clear()
        elif tag == "row":
            el.clear()
    return dict(out)


def _scan(wb, ws) -> SheetScan:
    archive = getattr(wb, "_archive", None)
    member = getattr(ws, "_worksheet_path", None)
    if archive is None or member is None:
        return SheetScan(None, {})
    return scan_sheet_xml(archive.read(member))


# --- the reader ---------------------------------------------------------------------------------


def _show(value) -> str:
    if value is None:
        return "blank"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return f"'{value}'"


def _blank(value) -> bool:
    return value is None or (value.__class__ is str and not value.strip())


class _Reader:
    def __init__(self, wb, path: Path, today: date):
        self.wb = wb
        self.path = path
        self.folder = path.parent
        self.today = today
        self.errors: list[RowError] = []
        self.warnings: list[str] = []
        self.sheet_rows: dict[str, int] = {}
        self.rows: dict[str, list[tuple[int, object]]] = defaultdict(list)  # register -> [(row, rec)]
        self.rpt_values: list[tuple[int, RptValue]] = []
        self.settings_given: dict[str, object] = {}
        self.papers: dict[str, Path] = {}
        self.papers_by_sha256: dict[str, Path] = {}
        self._paper_cache: dict[Path, str | Exception] = {}
        # Sheets that could not be read at all (a required column missing): references to their
        # IDs are not reported, or one missing column would bury it under a row error per reference.
        self.unreadable: set[str] = set()
        # Rows of a referenced sheet (People, Academies, ...) rejected for their own errors, by
        # sheet and ID: {sheet: {id: index in self.errors of the row's first error}}. A reference
        # to such an ID is not reported again; the root error says how many rows refer to it.
        self.rejected: dict[str, dict[object, int]] = defaultdict(dict)

    def error(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.errors.append(RowError(sheet, row, column, printable(message)))

    def reject(self, sheet: str, values: dict, first_error: int) -> None:
        """Note that a row was rejected; `first_error` indexes its first error in self.errors.

        Only rows of sheets that others refer to matter, and only when their ID could be read.
        """
        id_field = _ID_FIELD_OF_SHEET.get(sheet)
        if id_field is None:
            return
        value = values.get(id_field)
        if value is not None:
            self.rejected[sheet].setdefault(value, first_error)

    # -- top level

    def run(self) -> WorkbookRead:
        found: dict[str, object] = {}
        for title in self.wb.sheetnames:
            key = normalise_name(title)
            if is_ignored_sheet(title):
                continue
            if key not in SHEET_BY_KEY:
                self.warnings.append(f"Sheet '{title}' is not a govboard register and was ignored")
                continue
            if key in found:
                self.warnings.append(
                    f"Sheet '{title}' repeats sheet '{found[key].title}' and was ignored"
                )
                continue
            ws = self.wb[title]
            if not hasattr(ws, "iter_rows"):
                self.warnings.append(f"Sheet '{title}' is a chart, not a register, and was ignored")
                continue
            found[key] = ws
        for spec in SHEETS:
            ws = found.get(spec.key)
            if ws is None:
                continue
            good = self.read_sheet(ws, spec)
            self.sheet_rows[spec.name] = len(good)
            self.build(spec, good)
        registers = self.snapshot()
        self.check_references(registers)
        self.map_problems(registers)
        self.errors.sort(key=lambda e: (_SHEET_ORDER.get(e.sheet, 99), e.row or 0))
        return WorkbookRead(
            registers=registers,
            settings_given=self.settings_given,
            errors=self.errors,
            warnings=self.warnings,
            papers=self.papers,
            sheet_rows=self.sheet_rows,
            papers_by_sha256=self.papers_by_sha256,
        )

    # -- one sheet

    def read_sheet(self, ws, spec: SheetSpec) -> list[tuple[int, dict]]:
        """Parse the sheet's rows; return [(row number, {field: value})] for rows without errors."""
        try:
            scan = _scan(self.wb, ws)
        except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, KeyError, OSError, EOFError,
                ValueError) as exc:
            raise WorkbookError(
                f"{self.path.name}: sheet '{ws.title}' is damaged and cannot be read ({exc})"
            ) from None
        if scan.last_row == 0:
            return []
        ws.reset_dimensions()
        head_limit = HEADER_SEARCH_ROWS if scan.last_row is None else min(HEADER_SEARCH_ROWS, scan.last_row)
        head = self._rows(ws, dict(min_row=1, max_row=head_limit, values_only=True), head_limit)
        header_row, headers = self._find_header(head, spec)
        if header_row is None:
            if any(e.sheet == spec.name for e in self.errors):
                self.unreadable.add(spec.name)
            return []
        colmap = self._map_columns(ws.title, spec, header_row, headers)
        if colmap is None:
            self.unreadable.add(spec.name)
            return []
        width = max(colmap) + 1
        if scan.last_row is not None and scan.last_row <= header_row:
            return []
        blank_ok = BLANK_OK.get(spec.name, set())
        cols = []
        percent_cols = set()
        for idx, col in sorted(colmap.items()):
            cols.append((idx, col.header, _bounded_parser(col), col.field or col.header,
                         col.required and col.key not in blank_ok))
            if col.kind == PERCENT:
                percent_cols.add(idx)
        uncached = scan.uncached
        sheet = spec.name
        error = self.error
        good: list[tuple[int, dict]] = []
        seen_unique: dict[tuple, tuple[int, tuple]] = {}
        unique_keys = [spec.column(h).field or spec.column(h).header for h in spec.unique]
        unique_head = spec.unique[0] if spec.unique else None
        unique_label = ", ".join(spec.unique)

        kwargs = dict(min_row=header_row + 1, max_row=scan.last_row, max_col=width,
                      values_only=not percent_cols)
        rownum = header_row
        for row in self._rows(ws, kwargs):
            rownum += 1
            if percent_cols:
                row = self._percent_row(row, percent_cols)
            if row.count(None) == width and rownum not in uncached:
                continue
            values = {}
            row_errors = []
            formula_cols = uncached.get(rownum, ()) if uncached else ()
            for idx, header, parse, key, required in cols:
                v = row[idx]
                if v is None or (v.__class__ is str and not v.strip()):
                    if idx + 1 in formula_cols:
                        row_errors.append((header, (
                            f"cell {get_column_letter(idx + 1)}{rownum} holds a formula with no "
                            "saved value; open the workbook in Excel and save it (or type the "
                            "value), then import again"
                        ), "f"))
                    elif required:
                        row_errors.append((header, f"{header} is required", "r"))
                    continue
                try:
                    values[key] = parse(v)
                except ValueError as exc:
                    row_errors.append((header, str(exc), "p"))
            if not values:
                # Nothing but blanks (perhaps spaces) is a blank row; a row holding only
                # uncalculated formulas or bad values gets just those errors.
                row_errors = [e for e in row_errors if e[2] != "r"]
                if not row_errors:
                    continue
            if row_errors:
                first_error = len(self.errors)
                for header, message, _ in row_errors:
                    error(sheet, rownum, header, message)
                self.reject(sheet, values, first_error)
                continue
            if unique_keys:
                ukey = tuple(values.get(k) for k in unique_keys)
                # P001 and p001 are one ID: two records told apart by case alone would be
                # confused by every reference and every reader.
                folded = tuple(v.casefold() if v.__class__ is str else v for v in ukey)
                first = seen_unique.get(folded)
                if first is not None:
                    first_row, first_key = first
                    if len(ukey) == 1:
                        msg = f"{_show(ukey[0])} is used more than once (first on row {first_row}"
                        msg += ")" if first_key == ukey else (
                            f" as {_show(first_key[0])}; IDs are the same whatever their case)")
                    else:
                        msg = f"this row repeats row {first_row} (same {unique_label}"
                        msg += ")" if first_key == ukey else ", whatever their case)"
                    error(sheet, rownum, unique_head, msg)
                    continue
                seen_unique[folded] = (rownum, ukey)
            good.append((rownum, values))
        return good

    def _rows(self, ws, kwargs, limit=None):
        """Iterate rows, turning damage found while parsing into WorkbookError."""
        try:
            it = ws.iter_rows(**kwargs)
            if limit is not None:
                return list(islice(it, limit))
            return self._guarded(it, ws.title)
        except WorkbookError:
            raise
        except Exception as exc:
            raise WorkbookError(
                f"{self.path.name}: sheet '{ws.title}' is damaged and cannot be read ({exc})"
            ) from None

    def _guarded(self, it, title):
        try:
            yield from it
        except Exception as exc:
            raise WorkbookError(
                f"{self.path.name}: sheet '{title}' is damaged and cannot be read ({exc})"
            ) from None

    @staticmethod
    def _percent_row(cells, percent_cols):
        values = []
        for idx, cell in enumerate(cells):
            v = cell.value
            if (idx in percent_cols and isinstance(v, (int, float)) and not isinstance(v, bool)
                    and "%" in (cell.number_format or "")):
                v = parse_percent(v, cell_is_percent=True)
            values.append(v)
        return tuple(values)

    def _find_header(self, head, spec: SheetSpec):
        known = set(spec.by_key)
        best_row, best_count, best = None, 0, ()
        for number, row in enumerate(head, start=1):
            count = sum(1 for v in row if v is not None and normalise_name(v) in known)
            if count > best_count:
                best_row, best_count, best = number, count, row
        if best_row is None:
            if any(not _blank(v) for row in head for v in row):
                for col in spec.columns:
                    if col.required:
                        self.error(spec.name, 1, col.header,
                                   f"the required column '{col.header}' is missing (no header row "
                                   f"with govboard's column names was found on sheet '{spec.name}')")
            return None, ()
        return best_row, best

    def _map_columns(self, title, spec: SheetSpec, header_row: int, headers) -> dict | None:
        colmap: dict[int, object] = {}
        seen: set[str] = set()
        ignored = {normalise_name(h) for h in spec.also_ignored} | {normalise_name(ERRORS_COLUMN)}
        for idx, value in enumerate(headers):
            if _blank(value):
                continue
            key = normalise_name(value)
            col = spec.by_key.get(key)
            if col is None:
                if key not in ignored:
                    self.warnings.append(
                        f"Sheet '{title}': column '{str(value).strip()}' "
                        f"({get_column_letter(idx + 1)}) is not used and was ignored"
                    )
                continue
            if key in seen:
                self.warnings.append(
                    f"Sheet '{title}': column '{col.header}' appears twice; "
                    f"column {get_column_letter(idx + 1)} was ignored"
                )
                continue
            seen.add(key)
            colmap[idx] = col
        missing = [c for c in spec.columns if c.required and c.key not in seen]
        for col in missing:
            self.error(spec.name, header_row, col.header,
                       f"the required column '{col.header}' is missing from sheet '{spec.name}'")
        return None if missing else colmap

    # -- records

    def build(self, spec: SheetSpec, good: list[tuple[int, dict]]) -> None:
        if spec is TRUST:
            self.build_settings(good)
        elif spec.register == "rpt_agreements":
            self.build_rpt(good)
        elif spec.register == "sod_rows":
            self.build_sod(good)
        elif spec.register == "agenda":
            self.build_agenda(good)
        elif spec.register == "bodies":
            out = self.rows["bodies"]
            for rownum, values in good:
                # Academy URN holds one academy, Academy URNs a hub LGB's several: one list.
                one = values.pop("academy_urn", None)
                values["academy_urns"] = tuple(dict.fromkeys(
                    (*parse_urn_list(one), *values.get("academy_urns", ()))))
                out.append((rownum, Body(**values)))
        elif spec.register == "meetings":
            out = self.rows["meetings"]
            for rownum, values in good:
                if "status" not in values:
                    values["status"] = (MeetingStatus.HELD if values["date"] <= self.today
                                        else MeetingStatus.SCHEDULED)
                out.append((rownum, Meeting(**values)))
        else:
            cls = RECORD_CLASS[spec.register]
            out = self.rows[spec.register]
            for rownum, values in good:
                out.append((rownum, cls(**values)))

    def build_settings(self, good) -> None:
        seen: dict[str, int] = {}
        for rownum, values in good:
            label = values["setting"]
            spec = SETTING_BY_KEY.get(normalise_name(label))
            if spec is None:
                self.warnings.append(f"Sheet 'Trust' row {rownum}: setting '{label}' is not known and was ignored")
                continue
            if spec.attr in seen:
                self.error("Trust", rownum, "Setting",
                           f"'{spec.label}' is given more than once (first on row {seen[spec.attr]})")
                continue
            seen[spec.attr] = rownum
            raw = values.get("value")
            if raw is None:
                continue
            try:
                value = _parse_setting(spec.kind, raw, spec.attr)
                problem = setting_problem(spec.attr, spec.kind, value)
                if problem:
                    raise ValueError(problem)
            except ValueError as exc:
                self.error("Trust", rownum, "Value", f"{spec.label}: {exc}")
                continue
            if value is not None:
                self.settings_given[spec.attr] = value

    def build_rpt(self, good) -> None:
        sheet = "Related party transactions"
        agreements: dict[str, tuple[int, dict]] = {}
        spec = SHEET_BY_NAME[sheet]
        agreement_cols = [c for c in spec.columns if c.field and c.field != "id"]
        for rownum, values in good:
            aid = values["id"]
            year, value = values.get("Financial year"), values.get("Value")
            if (year is None) != (value is None):
                missing = "Value" if value is None else "Financial year"
                self.reject(sheet, values, len(self.errors))
                self.error(sheet, rownum, missing,
                           f"{missing} is required (give both Financial year and Value, or leave "
                           "both blank for an agreement with no value yet)")
                continue
            if aid not in agreements:
                agreements[aid] = (rownum, {c.field: values.get(c.field) for c in agreement_cols})
            else:
                first_row, merged = agreements[aid]
                clash = False
                for c in agreement_cols:
                    new = values.get(c.field)
                    if new is None:
                        continue
                    old = merged.get(c.field)
                    if old is None:
                        merged[c.field] = new
                    elif old != new:
                        clash = True
                        self.error(sheet, rownum, c.header, (
                            f"agreement '{aid}' has {_show(new)} here but {_show(old)} on row "
                            f"{first_row}; an agreement's details must be the same on each of its rows"
                        ))
                if clash:
                    continue
            if year is not None:
                self.rpt_values.append((rownum, RptValue(aid, year, value)))
        out = self.rows["rpt_agreements"]
        for aid, (rownum, merged) in agreements.items():
            out.append((rownum, RptAgreement(id=aid, **merged)))

    def build_sod(self, good) -> None:
        out = self.rows["sod_rows"]
        levels = list(SodLevel)
        for position, (rownum, values) in enumerate(good, start=1):
            codes = tuple((lvl, values[lvl.value]) for lvl in levels if values.get(lvl.value))
            plain = {k: v for k, v in values.items() if k in ("ref", "decision", "area", "reserved_to")}
            out.append((rownum, SodRow(position=position, codes=codes, **plain)))

    def build_agenda(self, good) -> None:
        out = self.rows["agenda"]
        for rownum, values in good:
            paper = values.pop("paper", None)
            if paper is not None:
                found = self._paper(rownum, paper)
                if found is None:
                    continue
                values["paper_name"], values["paper_sha256"] = found
            out.append((rownum, AgendaItem(**values)))

    def _paper(self, rownum: int, text: str) -> tuple[str, str] | None:
        """A paper named by an Agenda row: a real PDF inside the workbook's folder, at most
        PAPER_MAX_BYTES. A full path, or one leading out of the folder (../), is refused: a
        workbook from elsewhere must not be able to copy any PDF on this computer into the file."""
        cached = _paper_path_problem(text)
        target = None
        if cached is None:
            folder = self.folder.resolve()
            target = (folder / text.replace("\\", "/")).resolve()
            if not target.is_relative_to(folder):
                cached = ValueError(
                    f"the paper '{text}' is outside the workbook's folder; papers must be in the "
                    "workbook's folder or a folder inside it")
            else:
                cached = self._paper_cache.get(target)
        if cached is None:
            try:
                cached = _check_paper(target, text)
            except ValueError as exc:
                cached = exc
            except OSError as exc:
                cached = ValueError(f"the paper '{text}' could not be read ({exc.strerror or exc})")
            self._paper_cache[target] = cached
        if isinstance(cached, Exception):
            self.error("Agenda", rownum, "Paper", str(cached))
            return None
        self.papers[text] = target
        self.papers_by_sha256[cached] = target
        return target.name, cached

    def snapshot(self) -> TrustSnapshot:
        def records(register):
            return tuple(rec for _row, rec in self.rows.get(register, ()))

        try:
            settings = TrustSettings(**self.settings_given)
        except TypeError:  # pragma: no cover - SETTING_SPECS and TrustSettings agree
            settings = TrustSettings()
        return TrustSnapshot(
            settings=settings,
            academies=records("academies"),
            people=records("people"),
            bodies=records("bodies"),
            appointments=records("appointments"),
            employment=records("employment"),
            relationships=records("relationships"),
            checks=records("checks"),
            interests=records("interests"),
            declarations=records("declarations"),
            meetings=records("meetings"),
            attendance=records("attendance"),
            agenda=records("agenda"),
            item_attendance=records("item_attendance"),
            actions=records("actions"),
            rpt_agreements=records("rpt_agreements"),
            rpt_values=tuple(v for _row, v in self.rpt_values),
            payments=records("payments"),
            pay_decisions=records("pay_decisions"),
            pay_awards=records("pay_awards"),
            sod_rows=records("sod_rows"),
            acknowledgements=records("acknowledgements"),
        )

    # -- cross-record checks

    def check_references(self, snap: TrustSnapshot) -> None:
        """Every reference must resolve. A reference to a row rejected for its own errors is not
        reported again (the rejected row's error is the one to fix; the reference is checked on
        the next import); that error says how many rows refer to it instead."""
        known = {
            "person": {p.id for p in snap.people},
            "academy": {a.urn for a in snap.academies},
            "body": {b.name for b in snap.bodies} | {MEMBERS_BODY, BOARD_BODY},
            "meeting": {m.id for m in snap.meetings},
            "agreement": {a.id for a in snap.rpt_agreements},
        }
        folded = {kind: {normalise_name(v): v for v in values} for kind, values in known.items()}
        rejected = {kind: self.rejected.get(sheet, {}) for kind, sheet in _SHEET_OF_KIND.items()}
        # (kind, id) -> {(sheet, row)} of the rows whose reference to it was not checked.
        dependants: dict[tuple[str, object], set[tuple[str, int]]] = defaultdict(set)
        for register, header, attr, kind in REFERENCES:
            rows = self.rows.get(register)
            if not rows or _SHEET_OF_KIND[kind] in self.unreadable:
                continue
            ids = known[kind]
            held_back = rejected[kind]
            sheet = _SHEET_OF_REGISTER[register]
            for rownum, rec in rows:
                value = getattr(rec, attr)
                if isinstance(value, tuple):  # an LGB's academy URNs: the first unknown one
                    value = next((v for v in value if v not in ids), None)
                if value is not None and value not in ids:
                    if value in held_back:
                        dependants[kind, value].add((sheet, rownum))
                        continue
                    msg = f"{kind} '{value}' does not exist"
                    hint = folded[kind].get(normalise_name(value))
                    if hint is None:
                        hint = next((r for r in held_back
                                     if normalise_name(r) == normalise_name(value)), None)
                    if hint is not None:
                        msg += f" (did you mean '{hint}'?)"
                    elif kind == "person":
                        msg += " (it is not a Person ID on the People sheet)"
                    self.error(sheet, rownum, header, msg)
        for rownum, value in self.rpt_values:
            if value.agreement_id not in known["agreement"]:  # pragma: no cover - built together
                self.error("Related party transactions", rownum, "Agreement ID",
                           f"agreement '{value.agreement_id}' does not exist")
        for (kind, value), rows in dependants.items():
            index = rejected[kind][value]
            root = self.errors[index]
            self.errors[index] = RowError(root.sheet, root.row, root.column,
                                          root.message + _dependants_note(kind, value, rows, root.sheet))

    def map_problems(self, snap: TrustSnapshot) -> None:
        problems = [
            p for p in validate_registers(snap)
            if not p.message.endswith("does not exist") and "is used more than once" not in p.message
        ]
        if not problems:
            return
        index: dict[str, dict[str, list]] = {}
        for problem in problems:
            register, keyfn = PROBLEM_KEY.get(problem.register, (None, None))
            sheet = problem.register
            column = problem.field
            if "term end date" in problem.message:
                column = "Term end date"
            if register is None:
                self.error(sheet, None, column, problem.message)
                continue
            if register not in index:
                grouped: dict[str, list] = defaultdict(list)
                for rownum, rec in self.rows.get(register, ()):
                    grouped[keyfn(rec)].append((rownum, rec))
                index[register] = grouped
            candidates = index[register].get(problem.key, [])
            rownum = _best_row(candidates, problem.message)
            self.error(sheet, rownum, column, problem.message)


_SHEET_ORDER = {s.name: i for i, s in enumerate(SHEETS)}
_SHEET_OF_REGISTER = {s.register: s.name for s in SHEETS if s.register}
_SHEET_OF_KIND = {"person": "People", "academy": "Academies", "body": "Bodies", "meeting": "Meetings",
                  "agreement": "Related party transactions"}
# The ID others refer to on each referenced sheet: the field of its first unique column.
_ID_FIELD_OF_SHEET = {
    sheet: SHEET_BY_NAME[sheet].column(SHEET_BY_NAME[sheet].unique[0]).field
    for sheet in _SHEET_OF_KIND.values()
}


def _dependants_note(kind: str, value, rows: set[tuple[str, int]], own_sheet: str) -> str:
    """'; 24 rows on other sheets refer to person 'P002' and were not checked against it (...)'."""
    per_sheet: dict[str, int] = defaultdict(int)
    for sheet, _row in rows:
        per_sheet[sheet] += 1
    n = len(rows)
    if own_sheet in per_sheet:
        where = "elsewhere in the workbook"
    else:
        where = "on another sheet" if n == 1 else "on other sheets"
    breakdown = ", ".join(f"{sheet} {count}" for sheet, count in
                          sorted(per_sheet.items(), key=lambda kv: _SHEET_ORDER.get(kv[0], 99)))
    rows_word, verb, were = ("row", "refers", "was") if n == 1 else ("rows", "refer", "were")
    return f"; {n} {rows_word} {where} {verb} to {kind} '{value}' and {were} not checked against it ({breakdown})"


def _best_row(candidates, message: str) -> int | None:
    """The candidate row the message speaks of: the one whose date it mentions first."""
    if not candidates:
        return None
    if "related to themselves" in message:
        for rownum, rec in candidates:
            if getattr(rec, "person_id", None) == getattr(rec, "related_person_id", 0):
                return rownum
    best, best_pos = candidates[0][0], len(message) + 1
    for rownum, rec in candidates:
        for attr in rec.__slots__:
            value = getattr(rec, attr, None)
            if isinstance(value, date):
                pos = message.find(value.strftime("%d/%m/%Y"))
                if 0 <= pos < best_pos:
                    best, best_pos = rownum, pos
    return best


PAPER_MAX_BYTES = 50 * 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def _paper_path_problem(text: str) -> ValueError | None:
    """A paper's path must be relative: no drive, no leading slash, no network share."""
    plain = text.replace("\\", "/")
    if plain.startswith("/") or _DRIVE.match(plain) or "://" in plain:
        return ValueError(f"the paper '{text}' must be given relative to the workbook's folder "
                          "(e.g. papers/finance.pdf), not as a full path")
    return None


def _check_paper(target: Path, text: str) -> str:
    """The SHA-256 of the paper at `target`, or ValueError saying why it cannot be taken."""
    if not target.exists():
        raise ValueError(f"the paper '{text}' was not found (looked for {target})")
    if not target.is_file():
        raise ValueError(f"the paper '{text}' is not a file")
    size = target.stat().st_size
    if size > PAPER_MAX_BYTES:
        raise ValueError(f"the paper '{text}' is {size / 1024 / 1024:,.0f} MB; a paper may be at most "
                         f"{PAPER_MAX_BYTES // 1024 // 1024} MB")
    with target.open("rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise ValueError(f"the paper '{text}' is not a PDF file")
        fh.seek(0)
        try:
            from pypdf import PdfReader

            pages = len(PdfReader(fh).pages)
        except Exception as exc:  # pypdf raises many kinds for a broken PDF  # noqa: BLE001
            raise ValueError(f"the paper '{text}' is a damaged PDF that cannot be read "
                             f"({type(exc).__name__})") from None
        if pages < 1:
            raise ValueError(f"the paper '{text}' is a PDF with no pages")
        fh.seek(0)
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _bounded_parser(col):
    """The column's parser with its field's bounds (validate.field_problem): text its length and
    characters, money its sign. Dates, percentages and numbers are bounded by their parsers."""
    parse = col.parser
    name = col.field or normalise_name(col.header)
    if col.kind == TEXT:
        return functools.partial(parse_field_text, name)
    if col.kind == MONEY:
        low = 0 if name in NON_NEGATIVE_MONEY else -MONEY_LIMIT
        return functools.partial(parse_money, minimum=low)
    if col.kind in (YEAR, CODES, INT):
        def bounded(value, parse=parse, name=name):
            parsed = parse(value)
            problem = field_problem(name, parsed)
            if problem:
                raise ValueError(problem)
            return parsed

        return bounded
    return parse


def _parse_setting(kind: str, raw, attr: str = ""):
    if kind == "text":
        return parse_text(raw, max_length=SHORT_TEXT_LENGTH, one_line=True)
    if kind == "int":
        low, high = SETTING_RANGES.get(attr, (0, None))
        return parse_int(raw, minimum=low, maximum=high)
    if kind == "money":
        return parse_money(raw, minimum=0)
    if kind == "fraction":
        return parse_fraction(raw)
    if kind == "date":
        return parse_date(raw)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if kind in SETTING_ENUMS:
        return SETTING_ENUMS[kind].parse(str(raw))
    raise ValueError(f"unknown setting kind {kind}")  # pragma: no cover


def read_workbook(path, *, today: date | None = None) -> WorkbookRead:
    """Read a trust workbook (formats.md section 1).

    Raises WorkbookError when the file as a whole cannot be read; everything else is reported in
    the result's `errors` (sheet, row, column, message) and `warnings`.
    """
    path = Path(path)
    wb, fh = open_workbook_checked(path)
    try:
        return _Reader(wb, path, today or clock.today()).run()
    finally:
        try:
            wb.close()
        finally:
            fh.close()


__all__ = ["WorkbookRead", "open_workbook_checked", "read_workbook", "scan_sheet_xml"]
