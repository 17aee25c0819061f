"""Companies House officers JSON (formats.md section 3), as saved from
`GET /company/{number}/officers`. govboard never goes online; the user saves the file.

    read_ch_officers(path) -> ChOfficers
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from govboard.domain.model import ChOfficer

from .errors import CompaniesHouseError

_COMPANY_IN_LINK = re.compile(r"/company/([A-Za-z0-9]+)/officers")


@dataclass(frozen=True)
class ChOfficers:
    officers: tuple[ChOfficer, ...]
    company_number: str | None = None


def _date(value, name: str, index: int, key: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise CompaniesHouseError(
            f"{name}: officer {index + 1} has '{value}' as {key}, which is not a date (yyyy-mm-dd)"
        ) from None


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def read_ch_officers(path) -> ChOfficers:
    """Read a saved officers list. Raises CompaniesHouseError naming the file when it is not
    JSON, has no `items` list, or an officer has no name or a date that is not a date."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CompaniesHouseError(f"{name}: the file does not exist ({path})") from None
    except OSError as exc:
        raise CompaniesHouseError(f"{name} could not be read: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CompaniesHouseError(
            f"{name} is not a Companies House officers file: it is not JSON ({exc})"
        ) from None
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise CompaniesHouseError(
            f"{name} is not a Companies House officers file: it has no 'items' list "
            "(save the response of GET /company/{number}/officers)"
        )
    officers = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            raise CompaniesHouseError(f"{name}: officer {index + 1} has no name")
        dob = item.get("date_of_birth") if isinstance(item.get("date_of_birth"), dict) else {}
        officers.append(ChOfficer(
            name=str(item["name"]).strip(),
            officer_role=str(item.get("officer_role") or "").strip(),
            appointed_on=_date(item.get("appointed_on"), name, index, "appointed_on"),
            resigned_on=_date(item.get("resigned_on"), name, index, "resigned_on"),
            birth_month=_int(dob.get("month")),
            birth_year=_int(dob.get("year")),
        ))
    company = data.get("company_number")
    if not company:
        links = data.get("links") if isinstance(data.get("links"), dict) else {}
        match = _COMPANY_IN_LINK.search(str(links.get("self") or ""))
        company = match.group(1) if match else None
    return ChOfficers(tuple(officers), str(company) if company else None)


__all__ = ["ChOfficers", "CompaniesHouseError", "read_ch_officers"]
