"""Scheme of delegation (SOD): approval, one decider per decision, reserved matters, and levels
that exist."""

from __future__ import annotations

from govboard.domain.dates import within_last_12_months
from govboard.domain.enums import BodyType, ReservedTo, Role, SodLevel
from govboard.domain.model import Subject

from .base import iso, long_date, names_list, plural, rule

AREA = "Scheme of delegation"


def _row_subject(row) -> Subject:
    return Subject("sod_row", row.ref, f"{row.ref} {row.decision}")


def _row_words(row) -> str:
    return f"Decision {row.ref} ({row.decision})"


@rule(
    "SOD-01", "must", "Scheme of delegation not approved in the last 12 months", AREA,
    """The board must approve a written scheme of delegation, and review it at least every year,
    so that everyone knows who decides what.""",
    """Have the board review and approve the scheme of delegation, and record the approval date in
    the trust settings.""",
)
def sod_01(snapshot, ctx):
    ctx.read("the scheme of delegation's approval date in the trust settings (an approval dated after "
             "the check date is no evidence)")
    approved = ctx.past(ctx.settings.sod_approved_on)  # an approval dated later is no evidence (v2)
    if within_last_12_months(approved, ctx.as_of):
        if ctx.explaining:
            ctx.passed(ctx.trust(), f"the scheme was approved on {long_date(approved)}")
        return
    if approved is None:
        message = "No board approval of the scheme of delegation is recorded."
    else:
        message = f"The scheme of delegation was last approved on {long_date(approved)}, more than 12 months ago."
    yield ctx.finding(ctx.trust(), message, {"approved_on": iso(approved)})


@rule(
    "SOD-02", "must", "Decision with no decider or more than one", AREA,
    """Each decision in the scheme of delegation must be decided (D) at exactly one level: with
    none it is orphaned, with more than one the scheme conflicts.""",
    """Amend the scheme so exactly one level decides the matter.""",
)
def sod_02(snapshot, ctx):
    ctx.read(f"the {plural(len(snapshot.sod_rows), 'decision')} in the scheme of delegation and their D codes")
    for row in snapshot.sod_rows:
        deciders = row.levels_with("D")
        if len(deciders) == 1:
            if ctx.explaining:
                ctx.passed(_row_subject(row), f"decided by {deciders[0]}")
            continue
        if deciders:
            message = f"{_row_words(row)} is decided at {len(deciders)} levels: {names_list([str(lvl) for lvl in deciders])}."
        else:
            message = f"{_row_words(row)} has no level that decides it."
        yield ctx.finding(_row_subject(row), message, {"deciders": [str(lvl) for lvl in deciders]})


@rule(
    "SOD-03", "must", "Reserved decision delegated", AREA,
    """A decision reserved to the members must be decided by the members; one reserved to the
    board must be decided by the board (it cannot be delegated below it).""",
    """Amend the scheme so the reserved decision is taken at the level it is reserved to.""",
)
def sod_03(snapshot, ctx):
    ctx.read("the scheme's decisions reserved to the members or the board, and who decides them")
    for row in snapshot.sod_rows:
        deciders = row.levels_with("D")
        if row.reserved_to == ReservedTo.MEMBERS:
            wrong = [lvl for lvl in deciders if lvl != SodLevel.MEMBERS]
        elif row.reserved_to == ReservedTo.BOARD:
            # Members deciding a board matter is SOD-04's finding, not a delegation below the board.
            wrong = [lvl for lvl in deciders if lvl not in (SodLevel.BOARD, SodLevel.MEMBERS)]
        else:
            continue
        if wrong:
            yield ctx.finding(
                _row_subject(row),
                f"{_row_words(row)} is reserved to {row.reserved_to} but decided by "
                f"{names_list([str(lvl) for lvl in wrong])}.",
                {"reserved_to": str(row.reserved_to), "deciders": [str(lvl) for lvl in wrong]},
            )


@rule(
    "SOD-04", "should", "Members decide a matter not reserved to them", AREA,
    """Members should not act as the board: they decide only the matters reserved to them (such as
    changing the articles and appointing trustees and auditors).""",
    """Move the decision to the board or the level it belongs to, or record it as reserved to the
    members if the articles reserve it.""",
)
def sod_04(snapshot, ctx):
    ctx.read("the scheme's decisions the members decide, and whether each is reserved to them")
    for row in snapshot.sod_rows:
        if row.reserved_to != ReservedTo.MEMBERS and "D" in row.codes_at(SodLevel.MEMBERS):
            yield ctx.finding(
                _row_subject(row),
                f"{_row_words(row)} is decided by the members but not reserved to them.",
                {"reserved_to": str(row.reserved_to) if row.reserved_to else None},
            )


_LEVEL_BODIES = {
    SodLevel.AUDIT_AND_RISK: (BodyType.AUDIT_AND_RISK, BodyType.FINANCE_AND_AUDIT),
    SodLevel.FINANCE: (BodyType.FINANCE, BodyType.FINANCE_AND_AUDIT),
    SodLevel.REMUNERATION: (BodyType.REMUNERATION,),
    SodLevel.STANDARDS: (BodyType.STANDARDS,),
    SodLevel.LOCAL_GOVERNING_BODY: (BodyType.LOCAL_GOVERNING_BODY,),
}
_LEVEL_ROLES = {
    SodLevel.CHIEF_EXECUTIVE: Role.CHIEF_EXECUTIVE,
    SodLevel.CHIEF_FINANCIAL_OFFICER: Role.CHIEF_FINANCIAL_OFFICER,
    SodLevel.HEADTEACHER: Role.HEADTEACHER,
}


@rule(
    "SOD-05", "should", "Scheme delegates to a level that does not exist", AREA,
    """Every level that decides or recommends in the scheme should exist: the committee or local
    governing body should be set up, and someone should hold the executive role.""",
    """Set up the body or appoint to the role, or amend the scheme to use a level that exists.""",
)
def sod_05(snapshot, ctx):
    ctx.read(f"the levels that decide or recommend in the scheme, the trust's bodies and who is in "
             f"office on {long_date(ctx.as_of)}")
    used: dict[SodLevel, list[str]] = {}
    for row in snapshot.sod_rows:
        for level, _ in row.codes:
            if row.codes_at(level) & {"D", "R"}:
                used.setdefault(level, []).append(row.ref)
    for level in SodLevel:  # Members and the Board always exist (rulebook: fixed bodies)
        if level not in used:
            continue
        if level in _LEVEL_BODIES:
            if snapshot.bodies_of_type(*_LEVEL_BODIES[level]):
                continue
            message = f"The scheme gives decisions or recommendations to the {str(level).lower()}, but the trust has no such body."
        elif level in _LEVEL_ROLES:
            if ctx.facts.holders(_LEVEL_ROLES[level]):
                continue
            message = f"The scheme gives decisions or recommendations to the {str(level).lower()}, but no one is in office in that role."
        else:
            continue
        refs = sorted(set(used[level]))
        yield ctx.finding(
            Subject("sod_level", str(level), str(level)), message, {"rows": refs}
        )
