"""Companies House officers JSON (formats.md section 3 v2), as saved from
`GET /company/{number}/officers`. govboard never goes online; the user saves the file(s).

    read_ch_officers(path) -> ChOfficers          one page, every field formats.md uses checked
    merge_ch_pages(pages) -> ChOfficers           several pages as one list, merged by start_index

The API returns 35 officers a page by default (active secretaries, active directors, then the
resigned), so a trust with more officers has several page files; together they make one list.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from govboard.domain.model import ChOfficer
from govboard.domain.names import normalise_company_number

from .errors import CompaniesHouseError, read_input_bytes

_COMPANY_IN_LINK = re.compile(r"/company/([A-Za-z0-9]+)/officers")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
EARLIEST_YEAR, LATEST_YEAR = 1850, 2200  # companies date from 1856; anything outside is a damaged file
SHOWN_PROBLEMS = 5


@dataclass(frozen=True)
class ChOfficers:
    """An officer list: one page file, or several merged (`names`)."""

    officers: tuple[ChOfficer, ...]
    company_number: str | None = None
    total_results: int | None = None  # how many officers Companies House has (None: the file does not say)
    start_index: int = 0
    names: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    positions: tuple[int, ...] = ()  # each officer's place in the whole list (start_index + place)

    @property
    def complete(self) -> bool:
        return self.total_results is None or len(self.officers) >= self.total_results

    @property
    def shortfall_text(self) -> str:
        """'35 of 42 officers: import the other pages', or '' for a complete list."""
        if self.complete:
            return ""
        return f"{len(self.officers)} of {self.total_results} officers: import the other pages"


class _Problems:
    def __init__(self, name: str):
        self.name, self.items = name, []

    def add(self, text: str) -> None:
        self.items.append(text)

    def raise_if_any(self) -> None:
        if self.items:
            more = (f" (and {len(self.items) - SHOWN_PROBLEMS} more)" if len(self.items) > SHOWN_PROBLEMS else "")
            error = CompaniesHouseError(f"{self.name}: " + "; ".join(self.items[:SHOWN_PROBLEMS]) + more)
            error.problems = list(self.items)
            raise error


def _count(data: dict, key: str, problems: _Problems) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.add(f"'{key}' is {json.dumps(value)[:40]}, not a count")
        return None
    return value


def _date(item: dict, key: str, who: str, problems: _Problems) -> date | None:
    value = item.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        shown = f"'{value[:40]}'" if isinstance(value, str) else json.dumps(value)[:40]
        problems.add(f"{who} has {shown} as {key}, which is not a date (yyyy-mm-dd)")
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        problems.add(f"{who} has '{value}' as {key}, which is not a real date")
        return None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        problems.add(f"{who} has '{value}' as {key}: the year is not a sensible one")
        return None
    return parsed


def _birth(item: dict, who: str, problems: _Problems) -> tuple[int | None, int | None]:
    dob = item.get("date_of_birth")
    if dob is None:
        return None, None
    if not isinstance(dob, dict):
        problems.add(f"{who} has a date_of_birth that is not a month and a year")
        return None, None
    out = []
    for key, low, high in (("month", 1, 12), ("year", 1850, 2200)):
        value = dob.get(key)
        if value is None:
            out.append(None)
        elif isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.add(f"{who} has {json.dumps(value)[:20]} as date_of_birth {key} ({low} to {high} expected)")
            out.append(None)
        else:
            out.append(value)
    return out[0], out[1]


def parse_officers(data, name: str) -> ChOfficers:
    """Check a decoded officer list against the fields formats.md section 3 uses. Every problem
    names the officer by its number in the whole list (start_index + position, from 1); all of
    them are reported in one CompaniesHouseError (its `problems` lists each)."""
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CompaniesHouseError(
            f"{name} is not a Companies House officers file: it has no 'items' list "
            "(save the response of GET /company/{number}/officers)")
    problems = _Problems(name)
    total = _count(data, "total_results", problems)
    start = _count(data, "start_index", problems) or 0
    _count(data, "items_per_page", problems)
    officers = []
    for position, item in enumerate(items):
        number = start + position + 1
        who = f"officer {number}"
        if not isinstance(item, dict):
            problems.add(f"{who} is not an officer record")
            continue
        raw_name = item.get("name")
        if not isinstance(raw_name, str):
            problems.add(f"{who} has no name" if raw_name in (None, "") else f"{who}'s name is not text")
            continue
        officer_name = " ".join(raw_name.split())
        if not officer_name:
            problems.add(f"{who} has no name")
            continue
        role = item.get("officer_role")
        if role is not None and not isinstance(role, str):
            problems.add(f"{who}'s officer_role is not text")
            continue
        appointed = _date(item, "appointed_on", who, problems)
        resigned = _date(item, "resigned_on", who, problems)
        if appointed and resigned and resigned < appointed:
            problems.add(f"{who} resigned on {resigned.isoformat()}, before being appointed on "
                         f"{appointed.isoformat()}")
        month, year = _birth(item, who, problems)
        officers.append(ChOfficer(name=officer_name, officer_role=(role or "").strip(), appointed_on=appointed,
                                  resigned_on=resigned, birth_month=month, birth_year=year))
    problems.raise_if_any()
    company = data.get("company_number")
    if not isinstance(company, str) or not company.strip():
        links = data.get("links") if isinstance(data.get("links"), dict) else {}
        match = _COMPANY_IN_LINK.search(str(links.get("self") or ""))
        company = match.group(1) if match else None
    return ChOfficers(tuple(officers), company.strip() if company else None, total, start, (name,),
                      positions=tuple(range(start, start + len(officers))))


def read_ch_officers(path) -> ChOfficers:
    """Read one saved officer list (a page). Raises CompaniesHouseError naming the file when it
    is not JSON, has no `items` list, or any officer's fields are not what the API gives."""
    path = Path(path)
    name = path.name
    raw = read_input_bytes(path, "a Companies House officers file", CompaniesHouseError)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise CompaniesHouseError(
            f"{name} is not a Companies House officers file: it is not JSON ({exc})") from None
    return parse_officers(data, name)


def merge_ch_pages(pages) -> ChOfficers:
    """Several pages of one company's officer list as one list, in the API's order (by
    start_index; a page given twice counts once). Refuses pages of different companies."""
    pages = sorted(pages, key=lambda p: p.start_index)
    if not pages:
        raise CompaniesHouseError("Give at least one Companies House officers file.")
    companies = {normalise_company_number(p.company_number): p for p in pages if p.company_number}
    if len(companies) > 1:
        first, second = list(companies.values())[:2]
        raise CompaniesHouseError(f"{first.names[0]} is company {first.company_number} but {second.names[0]} is "
                                  f"company {second.company_number}: import one company's pages together")
    warnings: list[str] = []
    by_index: dict[int, ChOfficer] = {}
    for page in pages:
        for position, officer in zip(page.positions or range(page.start_index, 10**9), page.officers):
            by_index.setdefault(position, officer)
    totals = sorted({p.total_results for p in pages if p.total_results is not None})
    if len(totals) > 1:
        warnings.append(f"The pages give different totals ({', '.join(map(str, totals))} officers): they were "
                        "saved at different times. Save them again together if the list looks wrong.")
    company = next((p.company_number for p in pages if p.company_number), None)
    order = sorted(by_index)
    return ChOfficers(tuple(by_index[i] for i in order), company, totals[-1] if totals else None, 0,
                      tuple(n for p in pages for n in p.names), warnings, tuple(order))


__all__ = ["ChOfficers", "CompaniesHouseError", "merge_ch_pages", "parse_officers", "read_ch_officers"]
