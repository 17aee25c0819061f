"""GIAS governance files (formats.md section 2 v2): read them, keep this trust's rows, and build
registers from them.

    read_gias_sources(paths) -> list[GiasSource]        every CSV, as read (a ZIP may hold several)
    trusts_in(sources) -> list[TrustInFiles]            the trusts whose trust-level rows are there
    academy_rows(sources) -> Counter[urn]               academy-level rows by URN
    select_rows(sources, scope, ...) -> GiasSelection   this trust's rows as records, the rest counted
    registers_from_gias(records, ...) -> GiasBuild      People, Bodies and Roles (`import-gias --create`)

Reading keeps every row as text; only this trust's rows are turned into records (dates parsed,
names checked), so a national extract of 50,000 rows costs little more than reading it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from govboard.domain.enums import AppointedBy, BodyType, Role
from govboard.domain.gias import ACADEMY, TRUST, GiasScope, gias_role, role_display
from govboard.domain.model import (
    BOARD_BODY,
    MEMBERS_BODY,
    Academy,
    Appointment,
    Body,
    GiasRecord,
    Person,
    TrustSettings,
)
from govboard.domain.names import normalise_company_number
from govboard.domain.snapshot import TrustSnapshot

from .errors import GiasError, RowError, read_input_bytes
from .schema import normalise_name

# header (as DfE writes it) -> GiasRecord field
COLUMNS = {
    "GID": "gid",
    "URN": "urn",
    "UID": "uid",
    "Companies House Number": "companies_house_number",
    "Role": "role",
    "Title": "title",
    "Forename 1": "forename1",
    "Forename 2": "forename2",
    "Surname": "surname",
    "Date of appointment": "appointed_on",
    "Date term of office ends/ended": "term_end",
    "Appointing body": "appointing_body",
}
REQUIRED = ("GID", "Role", "Forename 1", "Surname")
OPTIONAL = ("Companies House Number",)  # the governor search download has none
DATE_FIELDS = ("appointed_on", "term_end")
HEADER_OF = {v: k for k, v in COLUMNS.items()}
_KEY_TO_FIELD = {normalise_name(h): f for h, f in COLUMNS.items()}
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")
_LOOSE_DATE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$|^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
MAX_MEMBER_BYTES = 512 * 1024 * 1024  # a CSV inside a ZIP larger than this is refused (zip bombs)
EARLIEST_YEAR, LATEST_YEAR = 1900, 2199


@dataclass
class GiasSource:
    """One CSV as read: its rows as text, where its columns are, and what kind of file it is."""

    name: str  # "governancematdata20261115.csv" or "governors.zip (edubase-governor-search-results.csv)"
    columns: dict[str, int]  # GiasRecord field -> column index
    rows: list[list[str]]  # blank rows included (skipped when selecting)
    lines: Sequence[int]  # the file line each row starts on
    date_hint: date | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def search_download(self) -> bool:
        """The governor search download (already scoped by the clerk's search) has no Companies
        House Number column; the published extracts have one."""
        return "companies_house_number" not in self.columns


def extract_date_from_name(name: str) -> date | None:
    """governancematdata20261115.csv -> 2026-11-15."""
    for match in _DATE_IN_NAME.finditer(Path(name).stem):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_text(data: bytes, name: str = "the file") -> str:
    """UTF-8 (with or without BOM), else Windows-1252 (GIAS's published extracts), or UTF-16
    with its BOM (Excel's "Unicode text"). A file that is UTF-8 except for a few bytes is
    refused naming the line: re-reading it as Windows-1252 would garble every accented name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise GiasError(f"{name} is not readable text (it starts as UTF-16 but is damaged)") from None
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Any valid multi-byte UTF-8 sequence means the file is UTF-8 with damaged bytes (a
        # Windows-1252 name practically never forms one); both passes run at C speed.
        if bom or not data.decode("utf-8", "ignore").isascii():
            line = _line_of(data, exc.start)
            raise GiasError(
                f"{name} is UTF-8 text except for line {line}, which has a byte that is not UTF-8 "
                f"(0x{data[exc.start]:02X}): the file is damaged; download it again from GIAS") from None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        raise GiasError(f"{name} is neither UTF-8 nor Windows-1252 text: line {line} has the byte "
                        f"0x{data[exc.start]:02X}") from None


def parse_gias_date(text: str) -> date | None:
    """A GIAS date: dd/MM/yyyy or dd-MM-yyyy (both seen in GIAS files), or yyyy-mm-dd; a time
    after the date (00:00:00) is ignored. Blank is None; anything else raises ValueError."""
    text = text.strip()
    if not text:
        return None
    if " " in text:
        text = text.split(" ", 1)[0]
    if len(text) == 10 and text[2] in "/-" and text[5] == text[2] and text.isascii():
        day, month, year = text[:2], text[3:5], text[6:]
    elif len(text) == 10 and text[4] == "-" == text[7] and text.isascii():
        year, month, day = text[:4], text[5:7], text[8:]
    elif m := _LOOSE_DATE.match(text):
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5),
                                                                                      m.group(4))
    else:
        raise ValueError(f"'{text}' is not a date (GIAS writes dd/mm/yyyy, e.g. 31/08/2025)")
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        raise ValueError(f"'{text}' is not a date (GIAS writes dd/mm/yyyy, e.g. 31/08/2025)")
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"'{text}' is not a real date (there is no such day)") from None
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(f"'{text}' is not a sensible date (the year must be {EARLIEST_YEAR} to {LATEST_YEAR})")
    return value


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in ",;\t"}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _parse_csv(text: str, name: str, date_hint: date | None) -> GiasSource:
    first_line = text[:text.find("\n")] if "\n" in text else text
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(reader)
    except StopIteration:
        raise GiasError(f"{name} is empty, not a GIAS governance extract") from None
    except csv.Error as exc:
        raise GiasError(f"{name} line 1 is not readable CSV ({exc})") from None
    columns: dict[str, int] = {}
    warnings: list[str] = []
    for idx, cell in enumerate(header):
        fld = _KEY_TO_FIELD.get(normalise_name(cell))
        if fld is None:
            if cell.strip():
                warnings.append(f"{name}: column '{cell.strip()}' is not used and was ignored")
            continue
        columns.setdefault(fld, idx)
    missing = [h for h in COLUMNS if h not in OPTIONAL and COLUMNS[h] not in columns]
    if any(COLUMNS[h] not in columns for h in REQUIRED):
        raise GiasError(
            f"{name} is not a GIAS governance extract: it has no "
            + ", ".join(f"'{h}'" for h in missing) + " column" + ("s" if len(missing) > 1 else ""))
    for h in missing:
        warnings.append(f"{name}: there is no '{h}' column")
    width = max(columns.values()) + 1
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise GiasError(f"{name} line {reader.line_num} is not readable CSV ({exc})") from None
    if reader.line_num == len(rows) + 1:  # one line per row (GIAS writes no line breaks in a field)
        lines = range(2, len(rows) + 2)
    else:
        lines = _line_numbers(text, first_line)
    short = [i for i, row in enumerate(rows) if len(row) < width]
    for i in short:
        rows[i] = rows[i] + [""] * (width - len(rows[i]))
    return GiasSource(name, columns, rows, lines, date_hint, warnings)


def _line_numbers(text: str, first_line: str) -> list[int]:
    """The line each row starts on, for a file with line breaks inside fields (slow path)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    next(reader)
    lines, line = [], 2
    for _row in reader:
        lines.append(line)
        line = reader.line_num + 1
    return lines


def _open_zip(data: bytes, name: str) -> list[tuple[str, bytes, date | None]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in archive.infolist() if not i.is_dir()]
        names = {i.filename for i in members}
        if "[Content_Types].xml" in names:
            raise GiasError(f"{name} is an Excel workbook, not a GIAS extract: use the CSV file GIAS "
                            "gives you (or the ZIP of the governor search download) as it is")
        csvs = [i for i in members if i.filename.lower().endswith(".csv")]
        if not csvs:
            raise GiasError(f"{name} is a ZIP file with no CSV file in it: GIAS's governor search "
                            "download holds edubase-governor-search-results.csv")
        out = []
        for info in csvs:
            if info.file_size > MAX_MEMBER_BYTES:
                raise GiasError(f"{name}: {info.filename} is too large to be a GIAS extract")
            inner = f"{name} ({Path(info.filename).name})"
            out.append((inner, archive.read(info), extract_date_from_name(info.filename)))
        return out
    except GiasError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged ZIP raises anything (ValueError, zlib.error, ...)
        raise GiasError(f"{name} is a damaged ZIP file ({type(exc).__name__}: {exc})") from None


def read_gias_file(path) -> list[GiasSource]:
    """Read one GIAS file: a CSV, or a ZIP holding CSVs (the governor search download).
    Raises GiasError naming the file when it cannot be read at all."""
    path = Path(path)
    name = path.name
    data = read_input_bytes(path, "a GIAS extract", GiasError)
    if not data.strip():
        raise GiasError(f"{name} is empty, not a GIAS governance extract")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise GiasError(f"{name} is an old Excel workbook, not a GIAS extract: use the CSV file GIAS gives you")
    if data.startswith(b"PK\x03\x04"):
        parts = _open_zip(data, name)
        hint = extract_date_from_name(name)
        return [_parse_csv(decode_text(raw, inner), inner, inner_hint or hint) for inner, raw, inner_hint in parts]
    return [_parse_csv(decode_text(data, name), name, extract_date_from_name(name))]


def read_gias_sources(paths) -> list[GiasSource]:
    """Read every file given (typically the mat and acad extracts together)."""
    sources: list[GiasSource] = []
    for path in paths:
        sources.extend(read_gias_file(path))
    return sources


# --- which rows are whose ------------------------------------------------------------------


@dataclass(frozen=True)
class TrustInFiles:
    """A trust whose trust-level rows are in the files, to pick from when there are several."""

    uid: str | None
    company_number: str | None
    rows: int
    chair: str = ""  # the chair of trustees on GIAS, to help people recognise the trust

    def describe(self) -> str:
        parts = [f"UID {self.uid}" if self.uid else "no UID",
                 f"company {self.company_number}" if self.company_number else "no company number",
                 f"{self.rows:,} row{'s' if self.rows != 1 else ''}"]
        if self.chair:
            parts.append(f"chair {self.chair}")
        return ", ".join(parts)


def _cell(row, columns, fld) -> str:
    idx = columns.get(fld)
    return row[idx].strip() if idx is not None else ""


def trusts_in(sources) -> list[TrustInFiles]:
    """The trusts with trust-level rows (a UID or company number and no URN), most rows first."""
    counts: Counter = Counter()
    company_of: dict[str, Counter] = defaultdict(Counter)
    chairs: dict[str, str] = {}
    for src in sources:
        cols = src.columns
        iu, ic, iurn, irole = cols.get("uid"), cols.get("companies_house_number"), cols.get("urn"), cols["role"]
        for row in src.rows:
            if iurn is not None and row[iurn].strip():
                continue
            uid = row[iu].strip() if iu is not None else ""
            company = normalise_company_number(row[ic]) if ic is not None else ""
            key = (uid or f"company:{company}") if (uid or company) else ""
            if not key:
                continue
            counts[key] += 1
            if company:
                company_of[key][company] += 1
            if key not in chairs and role_display(row[irole]) == "Chair of Trustees":
                chairs[key] = " ".join(_cell(row, cols, f) for f in ("forename1", "surname")).strip()
    out = []
    for key, n in counts.most_common():
        company = company_of[key].most_common(1)[0][0] if company_of.get(key) else None
        uid = None if key.startswith("company:") else key
        out.append(TrustInFiles(uid, company, n, chairs.get(key, "")))
    return out


def academy_rows(sources, *, unattributed: bool = False) -> Counter:
    """How many rows each academy URN has (`unattributed`: only rows carrying no UID or company
    number, which only the URN can tie to a trust)."""
    counts: Counter = Counter()
    for src in sources:
        iurn, iu, ic = src.columns.get("urn"), src.columns.get("uid"), src.columns.get("companies_house_number")
        if iurn is None:
            continue
        for row in src.rows:
            urn = row[iurn].strip()
            if not urn:
                continue
            if unattributed and ((iu is not None and row[iu].strip()) or (ic is not None and row[ic].strip())):
                continue
            counts[urn] += 1
    return counts


def rows_name_no_trust(sources) -> bool:
    """True when no row carries a UID, company number or URN (a hand-made file)."""
    for src in sources:
        idx = [src.columns[f] for f in ("uid", "companies_house_number", "urn") if f in src.columns]
        if any(row[i].strip() for row in src.rows for i in idx):
            return False
    return True


@dataclass
class GiasSelection:
    """This trust's rows as records, with what was left out and why (nothing is dropped unsaid)."""

    records: tuple[GiasRecord, ...]
    errors: list[RowError]  # this trust's rows that cannot be read (dates): the import is refused
    nameless: list[str]  # "governors.csv line 45": this trust's rows with no forename or surname
    this_trust: Counter  # role (as GIAS prints it today) -> rows kept
    other_trusts: Counter  # role -> rows of other trusts, ignored
    rows_read: int = 0


def select_rows(sources, scope: GiasScope, *, search_urns: bool = False, unmarked: bool = False) -> GiasSelection:
    """Keep this trust's rows (`scope`), as records; count the others by role. A row is this
    trust's when its UID or company number is the trust's, or its URN one of its academies'.

    `search_urns`: every academy-level row of a governor search download counts as this trust's
    (the clerk's search already chose the trust and its academies). `unmarked`: rows carrying no
    UID, company number or URN at all count as this trust's (a file that names no trust)."""
    records: list[GiasRecord] = []
    errors: list[RowError] = []
    nameless: list[str] = []
    mine: Counter = Counter()
    others: Counter = Counter()
    target_uid, target_company, urns = scope.uid, scope.company_number, scope.urns
    company_is_ours: dict[str, bool] = {}
    total = 0
    for src in sources:
        cols = src.columns
        iu, ic, iurn, irole = cols.get("uid"), cols.get("companies_house_number"), cols.get("urn"), cols["role"]
        take_all_academies = search_urns and src.search_download
        total += len(src.rows)
        for row, line in zip(src.rows, src.lines):
            if not row[0] and not any(cell.strip() for cell in row):
                total -= 1  # a blank row
                continue
            urn = row[iurn].strip() if iurn is not None else ""
            ours = bool(urn) and (urn in urns or take_all_academies)
            if not ours and target_uid and iu is not None:
                ours = row[iu].strip() == target_uid
            if not ours and target_company and ic is not None and (company := row[ic].strip()):
                ours = company_is_ours.get(company)
                if ours is None:
                    ours = company_is_ours[company] = normalise_company_number(company) == target_company
            if not ours and unmarked and not urn and not (iu is not None and row[iu].strip()) \
                    and not (ic is not None and row[ic].strip()):
                ours = True
            if not ours:
                others[row[irole]] += 1
                continue
            record = _record(row, cols, src.name, line, errors)
            if record is None:
                continue
            if not (record.forename1 and record.surname):
                nameless.append(f"{src.name} line {line}")
                continue
            records.append(record)
            mine[role_display(record.role)] += 1
    folded: Counter = Counter()
    for role, n in others.items():
        folded[role_display(role)] += n
    return GiasSelection(tuple(records), errors, nameless, mine, folded, total)


def _record(row, cols, name: str, line: int, errors: list[RowError]) -> GiasRecord | None:
    values: dict[str, object] = {}
    bad = False
    for fld, idx in cols.items():
        text = row[idx].strip()
        if fld in DATE_FIELDS:
            try:
                values[fld] = parse_gias_date(text)
            except ValueError as exc:
                errors.append(RowError(name, line, HEADER_OF[fld], str(exc)))
                bad = True
        else:
            values[fld] = " ".join(text.split()) or None
    for fld in ("gid", "role"):
        if not values.get(fld):
            errors.append(RowError(name, line, HEADER_OF[fld], f"{HEADER_OF[fld]} is required"))
            bad = True
    if bad:
        return None
    values["forename1"] = values.get("forename1") or ""
    values["surname"] = values.get("surname") or ""
    return GiasRecord(**values)


# --- building registers -------------------------------------------------------------------------


def map_role(text: str) -> Role | None:
    """The govboard role a GIAS role becomes (None: kept for reconciliation only)."""
    known = gias_role(text)
    return known.office if known else None


def unmapped_roles(records) -> dict[str, int]:
    """GIAS roles that `registers_from_gias` makes no office from, with how many rows each."""
    return dict(Counter(role_display(r.role) for r in records if map_role(r.role) is None))


@dataclass
class GiasBuild:
    """What `import-gias --create` makes of this trust's rows."""

    registers: TrustSnapshot
    made: Counter  # role (as GIAS prints it) -> rows made into offices
    kept: Counter  # role -> rows kept for reconciliation only (no office made)
    notes: list[str] = field(default_factory=list)


def _lgb_name(urns: list[str]) -> str:
    if len(urns) == 1:
        return f"Academy {urns[0]} LGB"
    shown = ", ".join(urns[:3]) + (f" and {len(urns) - 3} more" if len(urns) > 3 else "")
    return f"Shared LGB ({shown})"


SHARED_LGB = "Shared LGB"  # a hub LGB whose academies GIAS does not say (only `- Group` rows)


def _person_key(rec: GiasRecord) -> tuple:
    return tuple(" ".join((v or "").split()).casefold() for v in (rec.title, rec.forename1, rec.forename2,
                                                                    rec.surname))


class _Hubs:
    """Academies joined into one LGB when a shared governor sits for several of them."""

    def __init__(self, urns):
        self.parent = {u: u for u in urns}

    def find(self, u: str) -> str:
        while self.parent[u] != u:
            self.parent[u] = self.parent[self.parent[u]]
            u = self.parent[u]
        return u

    def join(self, urns) -> None:
        urns = list(urns)
        for other in urns[1:]:
            a, b = self.find(urns[0]), self.find(other)
            if a != b:
                self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for u in self.parent:
            out[self.find(u)].append(u)
        return sorted((sorted(g) for g in out.values()), key=lambda g: g[0])


def registers_from_gias(records, *, as_of: date, scope: GiasScope | None = None) -> GiasBuild:
    """People, academies, bodies and roles from this trust's GIAS rows (`import-gias --create`).

    - Rows with the same Title, Forename 1, Forename 2 and Surname are one person (G0001, ...).
    - Every academy (a URN on a row, or in `scope`) gets an LGB, except that academies a shared
      governor currently sits for together share one ("Shared LGB (100001, 100002)").
    - Each row becomes the office its role names (formats.md section 2 v2) on Members, the Board,
      or the LGB serving its academy; a `- Group` shared row (no URN) goes on the shared LGB the
      person's `- Establishment` rows name. A Chair of Trustees row makes the chair role only: the
      person's Trustee rows are their trustee terms, as GIAS gives them.
    - Terms: a term whose end date is before `as_of` is ended on it; a later term of the same role
      ends the earlier the day before. Rows of one office from several academies of a hub LGB (and
      its `- Group` row) are one term when their dates overlap.
    """
    scope = scope or GiasScope()
    people: dict[tuple, Person] = {}
    made: Counter = Counter()
    kept: Counter = Counter()
    notes: list[str] = []
    unlisted: Counter = Counter()
    no_date: Counter = Counter()

    def current(rec) -> bool:
        return rec.term_end is None or rec.term_end >= as_of

    # Academies and the LGBs serving them.
    academy_urns = set(scope.urns)
    for rec in records:
        known = gias_role(rec.role)
        if rec.urn and (known is None or known.level == ACADEMY):
            academy_urns.add(rec.urn)
    hubs = _Hubs(sorted(academy_urns))
    shared_urns_of: dict[tuple, set[str]] = defaultdict(set)  # person -> URNs of their shared rows
    sits_for: dict[tuple, set[str]] = defaultdict(set)  # person -> URNs they now govern as shared
    for rec in records:
        known = gias_role(rec.role)
        if known and known.shared and rec.urn:
            shared_urns_of[_person_key(rec)].add(rec.urn)
            # Shared governors and chairs in office join their academies into one LGB; a shared
            # clerk does not (one clerk often serves several separate LGBs).
            if known.office in (Role.LOCAL_GOVERNOR, Role.LGB_CHAIR) and current(rec):
                sits_for[_person_key(rec)].add(rec.urn)
    for urns in sits_for.values():
        hubs.join(sorted(urns))
    lgb_of: dict[str, str] = {}
    bodies: dict[str, Body] = {}
    for group in hubs.groups():
        name = _lgb_name(group)
        bodies[name] = Body(name, BodyType.LOCAL_GOVERNING_BODY, tuple(group))
        for urn in group:
            lgb_of[urn] = name
    hub_names = [b.name for b in bodies.values() if len(b.academy_urns) > 1]

    def group_bodies(rec, office: Role) -> list[str]:
        """The LGBs a `- Group` row (no URN) is on: where the person's shared rows sit."""
        named = sorted({lgb_of[u] for u in shared_urns_of.get(_person_key(rec), ()) if u in lgb_of})
        if named:
            return named
        if office == Role.GOVERNANCE_PROFESSIONAL and hub_names:
            return hub_names
        if len(hub_names) == 1:
            return hub_names
        if not hub_names and len(bodies) == 1:
            return list(bodies)
        if SHARED_LGB not in bodies:
            bodies[SHARED_LGB] = Body(SHARED_LGB, BodyType.LOCAL_GOVERNING_BODY, ())
            notes.append(f"GIAS does not say which academies the shared governors' LGB serves: they are on "
                         f"'{SHARED_LGB}'. Set the academies it serves on the Local governing bodies page.")
        return [SHARED_LGB]

    # Terms by office: (person, role, body) -> [(start, term_end, appointed_by, source)].
    terms: dict[tuple, list[tuple]] = defaultdict(list)
    for rec in records:
        known = gias_role(rec.role)
        display = role_display(rec.role)
        office = known.office if known else None
        if office is None:
            kept[display] += 1
            continue
        if rec.appointed_on is None:
            kept[display] += 1
            no_date[display] += 1
            continue
        if known.level == TRUST:
            targets = [MEMBERS_BODY if office == Role.MEMBER else BOARD_BODY]
        elif rec.urn:
            targets = [lgb_of[rec.urn]]
        elif known.shared:
            targets = group_bodies(rec, office)
        else:  # an academy's role with no URN: no way to tell which LGB
            kept[display] += 1
            notes.append(f"A {display} row for {rec.forename1} {rec.surname} has no URN: no office was made from it.")
            continue
        key = _person_key(rec)
        person = people.get(key)
        if person is None:
            person = Person(id=f"G{len(people) + 1:04d}", forename=rec.forename1, surname=rec.surname,
                            title=rec.title, middle_names=rec.forename2)
            people[key] = person
        appointed_by = AppointedBy.from_text(rec.appointing_body)
        if appointed_by is not None and not appointed_by.listed:
            unlisted[str(appointed_by)] += 1
        for body in targets:
            terms[(person.id, office, body)].append((rec.appointed_on, rec.term_end, appointed_by, rec.urn or ""))
        made[display] += 1

    appointments = [
        Appointment(person_id=pid, role=role, body=body, start=start, appointed_by=appointed_by,
                    term_end=term_end, end=end, gias_start_recorded_on=start, gias_end_recorded_on=end)
        for (pid, role, body), items in terms.items()
        for start, term_end, end, appointed_by in _merge_terms(items, as_of)
    ]
    appointments.sort(key=lambda a: (a.person_id, a.start, a.role.value, a.body))

    for text, n in sorted(unlisted.items()):
        notes.append(f"Appointing body '{text}' ({n} row{'s' if n != 1 else ''}) is not in govboard's list of "
                     "GIAS values: kept as GIAS wrote it.")
    for display, n in sorted(no_date.items()):
        notes.append(f"{n} {display} row{'s have' if n != 1 else ' has'} no date of appointment: kept for "
                     "reconciliation only, no office made.")
    all_bodies = [Body(MEMBERS_BODY, BodyType.MEMBERS), Body(BOARD_BODY, BodyType.BOARD), *bodies.values()]
    registers = TrustSnapshot(
        settings=TrustSettings(gias_group_uid=scope.uid, company_number=scope.company_number),
        academies=tuple(Academy(urn, f"Academy {urn}") for urn in sorted(academy_urns)),
        people=tuple(people.values()),
        bodies=tuple(all_bodies),
        appointments=tuple(appointments),
    )
    return GiasBuild(registers, made, kept, notes)


def _merge_terms(items, as_of: date) -> list[tuple]:
    """One office's rows as terms (start, term_end, end, appointed_by).

    Within one source (an academy's rows, or the trust's) each row is a term: one ended before
    `as_of` ends on its end date, and one followed by a later term ends the day before that starts.
    Across sources (a hub LGB's academies, its `- Group` row) rows whose dates overlap are one term.
    """
    by_source: dict[str, list[tuple]] = defaultdict(list)
    for item in items:
        by_source[item[3]].append(item)
    spans = []
    for rows in by_source.values():
        rows.sort(key=lambda t: t[0])
        distinct = []
        for row in rows:  # the same term listed twice is one
            if not distinct or distinct[-1][0] != row[0]:
                distinct.append(row)
        for i, (start, term_end, appointed_by, _src) in enumerate(distinct):
            end = term_end if term_end is not None and term_end < as_of else None
            if i + 1 < len(distinct):
                next_start = distinct[i + 1][0]
                if end is None or end >= next_start:
                    end = max(next_start - timedelta(days=1), start)
            spans.append([start, term_end, end, appointed_by])
    spans.sort(key=lambda s: (s[0], s[2] is None, s[2] or date.max))
    merged: list[list] = []
    for span in spans:
        last = merged[-1] if merged else None
        if last is not None and (last[2] is None or span[0] <= last[2]):
            last[2] = None if last[2] is None or span[2] is None else max(last[2], span[2])
            last[1] = last[1] or span[1]
            last[3] = last[3] if last[3] is not None else span[3]
            continue
        merged.append(list(span))
    return [tuple(s) for s in merged]


__all__ = [
    "GiasBuild", "GiasError", "GiasSelection", "GiasSource", "TrustInFiles", "academy_rows", "decode_text",
    "extract_date_from_name", "map_role", "parse_gias_date", "read_gias_file", "read_gias_sources",
    "registers_from_gias", "rows_name_no_trust", "select_rows", "trusts_in", "unmapped_roles",
]
