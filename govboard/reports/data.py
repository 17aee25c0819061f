"""Questions the reports ask of a snapshot about bodies (who serves is people_model.py's).

Everything is computed from the snapshot's indexes so a report stays linear in the data.
"""

from __future__ import annotations

from datetime import date

from govboard.domain.enums import BodyType, Role
from govboard.domain.model import Body
from govboard.domain.snapshot import TrustSnapshot


def chair_of(snapshot: TrustSnapshot, body: Body, as_of: date) -> str | None:
    if body.type == BodyType.BOARD:
        ids = snapshot.holders(Role.CHAIR_OF_TRUSTEES, as_of)
    elif body.type == BodyType.LOCAL_GOVERNING_BODY:
        ids = snapshot.holders(Role.LGB_CHAIR, as_of, body.name)
    elif body.type.is_committee:
        ids = snapshot.holders(Role.COMMITTEE_CHAIR, as_of, body.name)
    else:
        return None
    return ", ".join(snapshot.person_label(p) for p in ids) or None


def ordered_bodies(snapshot: TrustSnapshot) -> tuple[list[Body], list[Body]]:
    """(board committees, local governing bodies), each sorted by name."""
    committees = sorted(
        (b for b in snapshot.body_by_name.values() if b.type.is_committee), key=lambda b: b.name
    )
    lgbs = sorted(
        snapshot.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY), key=lambda b: b.name.casefold()
    )
    return committees, lgbs


def academies_of(snapshot: TrustSnapshot, body: Body) -> str:
    """The academy names a body serves ('Oak Academy; Ash Primary' for a hub LGB)."""
    names = [snapshot.academy_by_urn[u].name if u in snapshot.academy_by_urn else u
             for u in body.academy_urns]
    return "; ".join(names)
