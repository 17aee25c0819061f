"""GIAS governance roles as DfE prints them, and which rows of an extract are this trust's
(formats.md section 2 v2). Shared by the importer (io.gias) and the reconciliation rule (GIAS-02).
Stdlib only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .enums import Role
from .names import normalise_company_number

TRUST, ACADEMY = "trust", "academy"  # where an office sits: the trust's bodies, or an academy's LGB
GROUP, ESTABLISHMENT = "group", "establishment"  # the two kinds of shared row


@dataclass(frozen=True, slots=True)
class GiasRole:
    """A role as GIAS prints it and what govboard makes of it."""

    name: str  # Title Case, as in the extract
    office: Role | None  # the govboard role a row becomes; None: kept for reconciliation only
    level: str  # TRUST (Members / Board) or ACADEMY (the LGB serving the row's academy)
    shared: bool = False  # "Shared ... - Group" / "- Establishment": an LGB serving several academies
    makes: str = ""  # what govboard makes of a row, in words (the import summary, the docs)


_ROLES = (
    GiasRole("Member", Role.MEMBER, TRUST, makes="Member"),
    GiasRole("Member - Individual", Role.MEMBER, TRUST, makes="Member (secure single-academy trust)"),
    GiasRole("Member - Organisation", None, TRUST,
             makes="kept for reconciliation only: an organisation, not a person (secure single-academy trust)"),
    GiasRole("Trustee", Role.TRUSTEE, TRUST, makes="Trustee on the Board"),
    GiasRole("Chair of Trustees", Role.CHAIR_OF_TRUSTEES, TRUST,
             makes="Chair of trustees on the Board (the person's Trustee rows stay as GIAS gives them)"),
    GiasRole("Accounting Officer", Role.ACCOUNTING_OFFICER, TRUST, makes="Accounting officer on the Board"),
    GiasRole("Chief Financial Officer", Role.CHIEF_FINANCIAL_OFFICER, TRUST,
             makes="Chief financial officer on the Board"),
    GiasRole("Governance Professional - Multi-Academy Trust (MAT)", Role.GOVERNANCE_PROFESSIONAL, TRUST,
             makes="Governance professional on the Board"),
    GiasRole("Governance Professional - Single-Academy Trust (SAT)", Role.GOVERNANCE_PROFESSIONAL, TRUST,
             makes="Governance professional on the Board"),
    GiasRole("Governance Professional - Secure Single-Academy Trust (SSAT)", Role.GOVERNANCE_PROFESSIONAL, TRUST,
             makes="Governance professional on the Board"),
    GiasRole("Local Governor", Role.LOCAL_GOVERNOR, ACADEMY,
             makes="Local governor on the LGB serving the academy"),
    GiasRole("Chair of Local Governing Body", Role.LGB_CHAIR, ACADEMY,
             makes="Chair of local governing body on the LGB serving the academy"),
    GiasRole("Shared Local Governor - Group", Role.LOCAL_GOVERNOR, ACADEMY, True,
             makes="Local governor on the shared (hub) LGB the person sits on"),
    GiasRole("Shared Local Governor - Establishment", Role.LOCAL_GOVERNOR, ACADEMY, True,
             makes="Local governor on the shared (hub) LGB serving the academy"),
    GiasRole("Shared Chair of Local Governing Body - Group", Role.LGB_CHAIR, ACADEMY, True,
             makes="Chair of local governing body on the shared (hub) LGB the person chairs"),
    GiasRole("Shared Chair of Local Governing Body - Establishment", Role.LGB_CHAIR, ACADEMY, True,
             makes="Chair of local governing body on the shared (hub) LGB serving the academy"),
    GiasRole("Shared Governance Professional - Group", Role.GOVERNANCE_PROFESSIONAL, ACADEMY, True,
             makes="Governance professional on the shared LGB(s) the person clerks"),
    GiasRole("Shared Governance Professional - Establishment", Role.GOVERNANCE_PROFESSIONAL, ACADEMY, True,
             makes="Governance professional on the LGB serving the academy"),
    GiasRole("Local Governance Professional - Individual Academy or Free School", Role.GOVERNANCE_PROFESSIONAL,
             ACADEMY, makes="Governance professional on the LGB serving the academy"),
    # Roles of maintained schools and federations: never a trust's, listed so they are named.
    GiasRole("Governor", None, ACADEMY, makes="kept for reconciliation only: a maintained school's role"),
    GiasRole("Chair of Governors", None, ACADEMY, makes="kept for reconciliation only: a maintained school's role"),
    GiasRole("Governance Professional - Local Authority Maintained School", None, ACADEMY,
             makes="kept for reconciliation only: a maintained school's role"),
    GiasRole("Governance Professional - Federation", None, ACADEMY,
             makes="kept for reconciliation only: a federation's role"),
)

# Spellings GIAS used before its 2024 renaming, and govboard's v1 guesses, read as today's names.
_ALIASES = {
    "governance professional - individual academy or free school":
        "local governance professional - individual academy or free school",
    "governance professional - mat": "governance professional - multi-academy trust (mat)",
    "shared local governor - group/establishment": "shared local governor - establishment",
    "shared chair of local governing body - group/establishment":
        "shared chair of local governing body - establishment",
    "shared governance professional - group/establishment": "shared governance professional - establishment",
    "shared local governor": "shared local governor - establishment",
    "shared chair of local governing body": "shared chair of local governing body - establishment",
    "shared governance professional": "shared governance professional - establishment",
}

_DASHES = re.compile(r"\s*[-\u2010-\u2015]\s*")
_TO_A = re.compile(r" to an? ")


def role_key(text: str | None) -> str:
    """A role name folded for matching: case and spacing ignored, any dash read as "-", and "to a"
    read as "-" (GIAS renamed "Governance professional to a multi-academy trust (MAT)" in 2024)."""
    key = " ".join(str(text or "").split()).casefold()
    key = _DASHES.sub(" - ", _TO_A.sub(" - ", key))
    return _ALIASES.get(key, key)


ROLES_BY_KEY: dict[str, GiasRole] = {role_key(r.name): r for r in _ROLES}
GIAS_ROLES: tuple[GiasRole, ...] = _ROLES


@lru_cache(maxsize=256)
def gias_role(text: str | None) -> GiasRole | None:
    """The GIAS role a row's Role cell names, or None for a name govboard does not know."""
    return ROLES_BY_KEY.get(role_key(text))


def role_display(text: str | None) -> str:
    """A row's role under the name GIAS prints today (an unknown one as written)."""
    known = gias_role(text)
    return known.name if known else " ".join(str(text or "").split())


@dataclass(frozen=True, slots=True)
class GiasScope:
    """Which rows of GIAS files are this trust's: trust-level rows carrying its group UID or its
    company number, academy-level rows carrying one of its academies' URNs."""

    uid: str | None = None
    company_number: str | None = None
    urns: frozenset[str] = frozenset()

    def __post_init__(self):
        object.__setattr__(self, "company_number",
                           normalise_company_number(self.company_number) or None)

    @property
    def known(self) -> bool:
        return bool(self.uid or self.company_number or self.urns)

    def owns(self, uid: str | None, company_number: str | None, urn: str | None) -> bool:
        if uid and uid == self.uid:
            return True
        if urn and urn in self.urns:
            return True
        return bool(company_number and self.company_number
                    and normalise_company_number(company_number) == self.company_number)

    def describe(self) -> str:
        parts = []
        if self.uid:
            parts.append(f"UID {self.uid}")
        if self.company_number:
            parts.append(f"company {self.company_number}")
        if self.urns:
            parts.append(f"{len(self.urns)} academ{'y' if len(self.urns) == 1 else 'ies'}")
        return ", ".join(parts) or "no identifiers"


def scope_of(settings, academies=()) -> GiasScope:
    """This trust's scope from its settings (GIAS group UID, company number) and academies."""
    return GiasScope(settings.gias_group_uid or None, settings.company_number or None,
                     frozenset(a.urn for a in academies))


__all__ = ["ACADEMY", "GIAS_ROLES", "GROUP", "ESTABLISHMENT", "GiasRole", "GiasScope", "ROLES_BY_KEY", "TRUST",
           "gias_role", "role_display", "role_key", "scope_of"]
