"""The GIAS governance extract (formats.md section 2): read it, and build registers from it.

    read_gias_extract(path) -> GiasExtract
    registers_from_gias(records, *, trust_uid=None, as_of=None) -> TrustSnapshot
    unmapped_roles(records) -> dict[str, int]
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from govboard.domain.enums import AppointedBy, BodyType, Role
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
from govboard.domain.snapshot import TrustSnapshot
from govboard.domain.validate import parse_date

from .errors import GiasError, RowError
from .schema import normalise_name

# header (normalised) -> GiasRecord field
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
OPTIONAL = ("Companies House Number",)
DATE_FIELDS = {"appointed_on", "term_end"}
_KEY_TO_HEADER = {normalise_name(h): h for h in COLUMNS}
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")

# GIAS role (casefolded) -> govboard role
ROLE_MAP: dict[str, Role] = {
    "member": Role.MEMBER,
    "member - individual": Role.MEMBER,
    "trustee": Role.TRUSTEE,
    "chair of trustees": Role.CHAIR_OF_TRUSTEES,
    "accounting officer": Role.ACCOUNTING_OFFICER,
    "chief financial officer": Role.CHIEF_FINANCIAL_OFFICER,
    "local governor": Role.LOCAL_GOVERNOR,
    "shared local governor - group/establishment": Role.LOCAL_GOVERNOR,
    "shared local governor": Role.LOCAL_GOVERNOR,
    "chair of local governing body": Role.LGB_CHAIR,
    "shared chair of local governing body - group/establishment": Role.LGB_CHAIR,
    "shared chair of local governing body": Role.LGB_CHAIR,
    "governance professional to a multi-academy trust (mat)": Role.GOVERNANCE_PROFESSIONAL,
    "governance professional to a mat": Role.GOVERNANCE_PROFESSIONAL,
    "shared governance professional - group/establishment": Role.GOVERNANCE_PROFESSIONAL,
    "shared governance professional": Role.GOVERNANCE_PROFESSIONAL,
}
LOCAL_ROLES = {Role.LOCAL_GOVERNOR, Role.LGB_CHAIR}


@dataclass(frozen=True)
class GiasExtract:
    records: tuple[GiasRecord, ...]
    errors: list[RowError] = field(default_factory=list)
    extract_date_hint: date | None = None
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def extract_date_from_name(name: str) -> date | None:
    """governancematdata20261115.csv -> 2026-11-15."""
    for match in _DATE_IN_NAME.finditer(Path(name).stem):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    return text or None


def read_gias_extract(path) -> GiasExtract:
    """Read a GIAS governance CSV. Row problems go in `errors` (that row is left out);
    a file that cannot be read at all raises GiasError."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GiasError(f"{name}: the file does not exist ({path})") from None
    except OSError as exc:
        raise GiasError(f"{name} could not be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise GiasError(f"{name} is empty, not a GIAS governance extract")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise GiasError(f"{name} is a spreadsheet, not a CSV file: download the extract from GIAS as CSV")
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise GiasError(f"{name} has no header row") from None
    colmap: dict[int, str] = {}
    warnings: list[str] = []
    for idx, cell in enumerate(header):
        head = _KEY_TO_HEADER.get(normalise_name(cell))
        if head is None:
            if cell.strip():
                warnings.append(f"{name}: column '{cell.strip()}' is not used and was ignored")
            continue
        if COLUMNS[head] not in colmap.values():
            colmap[idx] = COLUMNS[head]
    present = set(colmap.values())
    missing = [h for h in COLUMNS if h not in OPTIONAL and COLUMNS[h] not in present]
    if any(COLUMNS[h] not in present for h in REQUIRED):
        raise GiasError(
            f"{name} is not a GIAS governance extract: it has no "
            + ", ".join(f"'{h}'" for h in missing) + " column"
            + ("s" if len(missing) > 1 else "")
        )
    for h in missing:
        warnings.append(f"{name}: there is no '{h}' column")
    records: list[GiasRecord] = []
    errors: list[RowError] = []
    header_of = {v: k for k, v in COLUMNS.items()}
    try:
        for line, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            values: dict[str, object] = {}
            bad = False
            for idx, fld in colmap.items():
                raw = _clean(row[idx]) if idx < len(row) else None
                if fld in DATE_FIELDS:
                    try:
                        values[fld] = parse_date(raw)
                    except ValueError as exc:
                        errors.append(RowError(name, line, header_of[fld], str(exc)))
                        bad = True
                else:
                    values[fld] = raw
            for h in ("GID", "Role"):
                if not values.get(COLUMNS[h]):
                    errors.append(RowError(name, line, h, f"{h} is required"))
                    bad = True
            if bad:
                continue
            values["forename1"] = values.get("forename1") or ""
            values["surname"] = values.get("surname") or ""
            records.append(GiasRecord(**values))
    except csv.Error as exc:
        raise GiasError(f"{name} is not a readable CSV file ({exc})") from None
    return GiasExtract(tuple(records), errors, extract_date_from_name(name), warnings)


# --- building registers ---------------------------------------------------------------------------


def map_role(text: str) -> Role | None:
    return ROLE_MAP.get(" ".join(str(text).split()).casefold())


def _appointed_by(text: str | None) -> AppointedBy | None:
    if not text:
        return None
    try:
        return AppointedBy.parse(text)
    except ValueError:
        return None


def unmapped_roles(records) -> dict[str, int]:
    """GIAS roles that registers_from_gias leaves out, with how many rows each."""
    return dict(Counter(r.role for r in records if map_role(r.role) is None))


def _lgb_name(urn: str) -> str:
    return f"Academy {urn} LGB"


def registers_from_gias(records, *, trust_uid: str | None = None,
                        as_of: date | None = None) -> TrustSnapshot:
    """People, academies, bodies and roles from a GIAS extract (`import-gias --create`).

    Rows with the same Title, Forename 1, Forename 2 and Surname (ignoring case) are one person,
    numbered G0001... in order of first appearance. A Chair of trustees also gets a Trustee role;
    each academy URN gets an Academy ("Academy <URN>") and a local governing body. Rows with a
    UID other than `trust_uid`, roles govboard does not track (see `unmapped_roles`), local roles
    without a URN and rows without an appointment date are left out. Trust-level roles go on the
    Members or Board body; a governance professional with a URN goes on that academy's LGB. A term whose end date is
    before `as_of` is ended on that date; a term followed by a later one of the same role ends
    the day before the next starts.
    """
    people: dict[tuple, Person] = {}
    academies: dict[str, Academy] = {}
    uids: Counter = Counter()
    company_numbers: Counter = Counter()
    terms: dict[tuple, list[dict]] = defaultdict(list)

    for rec in records:
        if trust_uid and rec.uid and rec.uid != trust_uid:
            continue
        role = map_role(rec.role)
        if role is None or rec.appointed_on is None:
            continue
        urn = rec.urn or None
        if role in LOCAL_ROLES and not urn:
            continue
        if rec.uid:
            uids[rec.uid] += 1
        if rec.companies_house_number:
            company_numbers[rec.companies_house_number] += 1
        key = tuple((v or "").strip().casefold() for v in (rec.title, rec.forename1, rec.forename2, rec.surname))
        person = people.get(key)
        if person is None:
            person = Person(
                id=f"G{len(people) + 1:04d}",
                forename=rec.forename1.strip(),
                surname=rec.surname.strip(),
                title=(rec.title or None),
                middle_names=(rec.forename2 or None),
            )
            people[key] = person
        if role in LOCAL_ROLES or (role == Role.GOVERNANCE_PROFESSIONAL and urn):
            if urn not in academies:
                academies[urn] = Academy(urn, f"Academy {urn}")
            body = _lgb_name(urn)
        elif role == Role.MEMBER:
            body = MEMBERS_BODY
        else:
            body = BOARD_BODY
        term = dict(start=rec.appointed_on, term_end=rec.term_end,
                    appointed_by=_appointed_by(rec.appointing_body))
        terms[(person.id, role, body)].append(term)
        if role == Role.CHAIR_OF_TRUSTEES:
            terms[(person.id, Role.TRUSTEE, BOARD_BODY)].append(dict(term))

    appointments: list[Appointment] = []
    for (person_id, role, body), items in terms.items():
        items.sort(key=lambda t: t["start"])
        merged: list[dict] = []
        for term in items:  # the same term listed twice (e.g. chair and trustee rows) is one
            if merged and merged[-1]["start"] == term["start"]:
                continue
            merged.append(term)
        for i, term in enumerate(merged):
            end = None
            if term["term_end"] and as_of and term["term_end"] < as_of:
                end = term["term_end"]
            if i + 1 < len(merged):
                next_start = merged[i + 1]["start"]
                if end is None or end >= next_start:
                    end = next_start - timedelta(days=1)
                    end = max(end, term["start"])
            appointments.append(Appointment(
                person_id=person_id, role=role, body=body, start=term["start"],
                appointed_by=term["appointed_by"], term_end=term["term_end"], end=end,
                gias_start_recorded_on=term["start"], gias_end_recorded_on=end,
            ))
    appointments.sort(key=lambda a: (a.person_id, a.start, a.role.value))

    bodies = [Body(MEMBERS_BODY, BodyType.MEMBERS), Body(BOARD_BODY, BodyType.BOARD)]
    bodies += [Body(_lgb_name(urn), BodyType.LOCAL_GOVERNING_BODY, (urn,)) for urn in academies]
    uid = trust_uid or (uids.most_common(1)[0][0] if len(uids) == 1 else None)
    company = company_numbers.most_common(1)[0][0] if len(company_numbers) == 1 else None
    return TrustSnapshot(
        settings=TrustSettings(gias_group_uid=uid, company_number=company),
        academies=tuple(academies.values()),
        people=tuple(people.values()),
        bodies=tuple(bodies),
        appointments=tuple(appointments),
    )


__all__ = [
    "GiasExtract",
    "GiasError",
    "decode_text",
    "extract_date_from_name",
    "map_role",
    "read_gias_extract",
    "registers_from_gias",
    "unmapped_roles",
]
