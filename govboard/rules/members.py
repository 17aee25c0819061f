"""Members (MEM): how many there are, and their separation from the board and the staff."""

from __future__ import annotations

from govboard.domain.enums import ArticlesModel, Severity
from govboard.domain.model import MEMBERS_BODY

from .base import iso, long_date, names_list, plural, rule

AREA = "Members"


def _read_members(ctx, more: str = "") -> None:
    ctx.read(f"members in office on {long_date(ctx.as_of)} ({len(ctx.facts.members)})"
             + (f", {more}" if more else ""))


@rule(
    "MEM-01", "must", "Fewer than 3 members", AREA,
    """An academy trust must have at least three members. Members are the guardians of the trust's
    constitution: they appoint and remove trustees and can change the articles.""",
    """Appoint further members (by the existing members, under the articles) so at least three
    are in office, and record the appointments on GIAS within 14 days.""",
)
def mem_01(snapshot, ctx):
    members = ctx.facts.members
    _read_members(ctx)
    if len(members) >= 3 and ctx.explaining:
        ctx.passed(ctx.body(MEMBERS_BODY), f"{plural(len(members), 'member')} in office")
    if len(members) < 3:
        yield ctx.finding(
            ctx.body(MEMBERS_BODY),
            f"The trust has {plural(len(members), 'member')} in office; it must have at least 3.",
            {"members_in_office": len(members), "member_ids": sorted(members)},
        )


@rule(
    "MEM-02", "should", "Fewer than 5 members", AREA,
    """The DfE's strong preference is for at least five members, so that decisions can be taken
    without deadlock and the members can hold the board to account.""",
    """Consider appointing further members so that at least five are in office, or record the
    board's reason for keeping fewer.""",
)
def mem_02(snapshot, ctx):
    members = ctx.facts.members
    _read_members(ctx)
    if len(members) >= 5 and ctx.explaining:
        ctx.passed(ctx.body(MEMBERS_BODY), f"{plural(len(members), 'member')} in office")
    if len(members) < 5:
        yield ctx.finding(
            ctx.body(MEMBERS_BODY),
            f"The trust has {plural(len(members), 'member')} in office; the DfE expects at least 5.",
            {"members_in_office": len(members), "member_ids": sorted(members)},
        )


@rule(
    "MEM-03", "must", "Member is an employee", AREA,
    """Members must not be employees of the trust: their role is to oversee the board from
    outside the management of the trust.""",
    """Either end the person's membership or their employment; until then they cannot stay a
    member.""",
)
def mem_03(snapshot, ctx):
    ctx.read(f"members in office on {long_date(ctx.as_of)} and the employment records in force then")
    for person_id, appointments in ctx.facts.members.items():
        if not ctx.facts.is_employee(person_id):
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), "no employment with the trust in force")
        else:
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} is a member and also an employee of the trust.",
                {
                    "member_since": iso(min(a.start for a in appointments)),
                    "employment": ctx.facts.employment_evidence(person_id),
                },
            )


@rule(
    "MEM-04", ("must", "should"), "Members who are trustees are not a minority", AREA,
    """A majority of members should be independent of the board: members who are also trustees
    must be fewer than half of all members. Under the 2021 model articles this is a requirement
    (must); under earlier articles it is the DfE's strong preference (should).""",
    """Appoint further independent members, or have members who are trustees step down from one
    of the two roles, until members who are trustees are fewer than half.""",
)
def mem_04(snapshot, ctx):
    members = ctx.facts.members
    _read_members(ctx, "and which of them are trustees")
    if not members:
        return  # no members at all is MEM-01's finding, not a question of balance
    overlap = sorted(pid for pid in members if pid in ctx.facts.trustees)
    if 2 * len(overlap) < len(members) and ctx.explaining:
        ctx.passed(ctx.body(MEMBERS_BODY), f"{len(overlap)} of the {len(members)} members "
                   f"{'is a trustee' if len(overlap) == 1 else 'are trustees'}, fewer than half")
    if 2 * len(overlap) >= len(members):
        severity = (
            Severity.MUST
            if ctx.settings.articles_model == ArticlesModel.MODEL_2021
            else Severity.SHOULD
        )
        who = names_list([ctx.facts.name(pid) for pid in overlap])
        yield ctx.finding(
            ctx.body(MEMBERS_BODY),
            f"{len(overlap)} of the {len(members)} members in office are also trustees ({who}); "
            "members who are trustees must be fewer than half.",
            {
                "members_in_office": len(members),
                "members_who_are_trustees": overlap,
                "articles_model": str(ctx.settings.articles_model),
            },
            severity,
        )


@rule(
    "MEM-05", "advice", "Member is also a trustee", AREA,
    """A person who is both a member and a trustee blurs the separation between those who hold
    the board to account and the board itself. It is allowed, but the DfE expects it to be
    limited and the overlap to be known.""",
    """Review whether the person needs both roles; if so, record why, and keep members who are
    trustees fewer than half of the members (MEM-04).""",
)
def mem_05(snapshot, ctx):
    trustees = ctx.facts.trustees
    _read_members(ctx, "and which of them are trustees")
    for person_id, appointments in ctx.facts.members.items():
        if person_id not in trustees:
            if ctx.explaining:
                ctx.passed(ctx.person(person_id), "a member but not a trustee")
        else:
            yield ctx.finding(
                ctx.person(person_id),
                f"{ctx.facts.name(person_id)} is both a member and a trustee.",
                {
                    "member_since": iso(min(a.start for a in appointments)),
                    "trustee_since": iso(min(a.start for a in trustees[person_id])),
                },
            )
