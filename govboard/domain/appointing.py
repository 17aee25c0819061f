"""Appointing bodies in plain English, and which apply to which role (stdlib only).

GIAS words appointing bodies tersely ("Appointed by GB/board", "Nominated by LA and appointed by
GB"). Screens show a plain-English label beside GIAS's own wording, from the one function here,
`appointing_body_label`, whose words are the published register's (`AppointedBy.plain`), so
every face says the same thing. The Appoint dialog offers first the bodies that can appoint to
the role (`appointing_bodies_for`).
"""

from __future__ import annotations

from .enums import (
    COMMITTEE_ROLES,
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    AppointedBy,
    Role,
    UnlistedAppointingBody,
)

A = AppointedBy

# One vocabulary: the published register's (AppointedBy.plain), by member.
PLAIN_LABELS: dict[AppointedBy, str] = {member: member.plain() for member in AppointedBy}

_MEMBER_BODIES = (A.ORIGINAL_SIGNATORY_MEMBERS, A.ADDITIONAL_MEMBERS, A.FOUNDATION_SPONSOR_MEMBERS,
                  A.FOUNDATION_BODY_OR_SPONSOR, A.SSAT_ORIGINAL_SIGNATORY, A.SSAT_MEMBERS)
_TRUSTEE_BODIES = (A.ACADEMY_MEMBERS, A.TRUSTEES, A.GB_BOARD, A.FOUNDATION_TRUST, A.FOUNDATION_BODY_OR_SPONSOR,
                   A.EX_OFFICIO_HEADTEACHER, A.EX_OFFICIO_FOUNDATION, A.REGIONAL_SCHOOLS_COMMISSIONER,
                   A.SSAT_ORIGINAL_SIGNATORY, A.SSAT_MEMBERS)
_LOCAL_BODIES = (A.GB_BOARD, A.TRUSTEES, A.ELECTED_BY_PARENTS, A.PARENT_APPOINTED_NO_CANDIDATES,
                 A.ELECTED_BY_STAFF, A.EX_OFFICIO_HEADTEACHER, A.EX_OFFICIO_FOUNDATION, A.FOUNDATION_TRUST,
                 A.FOUNDATION_BODY_OR_SPONSOR, A.NOMINATED_BY_LA, A.NOMINATED_BY_OTHER_BODY, A.LOCAL_AUTHORITY,
                 A.INTERIM_EXECUTIVE_BOARD)
_OFFICER_BODIES = (A.NOT_APPLICABLE, A.TRUSTEES, A.GB_BOARD)


def appointing_bodies_for(role: Role | None) -> tuple[AppointedBy, ...]:
    """The appointing bodies that can appoint to `role`, most usual first (a trustee is never
    elected by parents; a member is never ex officio). Every body for an unknown role."""
    if role == Role.MEMBER:
        return _MEMBER_BODIES
    if role in TRUSTEE_ROLES:
        return _TRUSTEE_BODIES
    if role in LOCAL_GOVERNOR_ROLES:
        return _LOCAL_BODIES
    if role in COMMITTEE_ROLES:
        return (A.GB_BOARD, A.TRUSTEES, A.NOT_APPLICABLE)
    if role is None:
        return tuple(AppointedBy)
    return _OFFICER_BODIES


def appointing_body_label(value, *, body_type=None, with_gias: bool = True) -> str:
    """How screens show an appointing body: the plain words, with GIAS's own wording beside them
    when they differ ("The board (GIAS: Appointed by GB/board)"). `body_type` says whose board
    "GB/board" is (an LGB's or the trust's). A value GIAS gave that govboard does not list is
    shown exactly as given; blank is "". `with_gias=False` gives the plain words alone (narrow
    columns, with GIAS's wording in a tooltip)."""
    if value is None or value == "":
        return ""
    if not isinstance(value, (AppointedBy, UnlistedAppointingBody)):
        value = AppointedBy.from_text(value)
        if value is None:
            return ""
    if not value.listed:
        return str(value.value)
    plain = value.plain(body_type) or value.value  # N/A has no plain words
    if not with_gias or plain.casefold() == value.value.casefold():
        return plain
    return f"{plain} (GIAS: {value.value})"


__all__ = ["PLAIN_LABELS", "appointing_bodies_for", "appointing_body_label"]
