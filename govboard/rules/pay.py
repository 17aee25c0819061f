"""Executive pay (PAY): evidence, pay policy, who decides, conflicts, and pay levels.

Only executive pay decisions are looked at: those marked Executive, or whose subject holds the
accounting officer, chief executive or chief financial officer role on the effective date.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from govboard.domain.dates import academic_year_of
from govboard.domain.enums import BodyType, Role
from govboard.domain.meetings import relatives_of
from govboard.domain.model import Subject

from .base import is_are, iso, long_date, money, plural, pounds, rule
from .conflicts import NOT_RECORDED, Withdrawals, conflict_message, withdrawal_summary

AREA = "Executive pay"
EXECUTIVE_ROLES = (Role.ACCOUNTING_OFFICER, Role.CHIEF_EXECUTIVE, Role.CHIEF_FINANCIAL_OFFICER)
PAY_POLICY_RULES_FROM = date(2025, 9, 1)  # ATH 2025 and the 2025 executive pay guidance


class ExecutivePay:
    def __init__(self, snapshot):
        self.snapshot = snapshot

    @cached_property
    def executive_appointments(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for role in EXECUTIVE_ROLES:
            for a in self.snapshot.appointments_by_role.get(role, ()):
                out.setdefault(a.person_id, []).append(a)
        return out

    def holds_executive_role(self, person_id: str, on: date) -> bool:
        return any(a.in_office(on) for a in self.executive_appointments.get(person_id, ()))

    @cached_property
    def decisions(self) -> list:
        """Executive pay decisions, by effective date then ID."""
        return sorted(
            (d for d in self.snapshot.pay_decisions
             if d.executive or self.holds_executive_role(d.person_id, d.effective_date)),
            key=lambda d: (d.effective_date, d.id),
        )


def _executive_decisions(snapshot):
    return ExecutivePay(snapshot).decisions


def _decided_on(snapshot, decision) -> date:
    """When a decision was taken: the date of the meeting that took it, else its effective date."""
    meeting = snapshot.meeting_by_id.get(decision.meeting_id) if decision.meeting_id else None
    return meeting.date if meeting else decision.effective_date


def _decisions_to_date(snapshot, ctx) -> list:
    """Executive decisions taken on or before as_of: a decision taken later is no evidence (v2)."""
    decisions = [d for d in _executive_decisions(snapshot) if _decided_on(snapshot, d) <= ctx.as_of]
    if ctx.explaining:
        later = len(_executive_decisions(snapshot)) - len(decisions)
        ctx.read(f"{plural(len(decisions), 'executive pay decision')} taken on or before "
                 f"{long_date(ctx.as_of)}" + (f" ({plural(later, 'later decision')} not counted)" if later else ""))
    return decisions


def _subject(ctx, decision) -> Subject:
    return Subject(
        "pay_decision", decision.id,
        f"Pay decision {decision.id} for {ctx.facts.name(decision.person_id)}",
    )


def _describe(ctx, decision) -> str:
    return (f"The pay decision for {ctx.facts.name(decision.person_id)} effective "
            f"{long_date(decision.effective_date)}")


@rule(
    "PAY-01", "must", "Executive pay decision without evidence", AREA,
    """Executive pay must be set through a robust, evidence-based process: each decision should
    record the benchmark or evidence it relied on.""",
    """Record the benchmarking or other evidence the decision relied on; if there was none, take
    the decision again with evidence.""",
)
def pay_01(snapshot, ctx):
    for d in _decisions_to_date(snapshot, ctx):
        if (d.evidence or "").strip():
            if ctx.explaining:
                ctx.passed(_subject(ctx, d), f"evidence recorded: {d.evidence.strip()}")
        else:
            yield ctx.finding(
                _subject(ctx, d),
                f"{_describe(ctx, d)} records no benchmark or evidence.",
                {"effective_date": iso(d.effective_date)},
            )


@rule(
    "PAY-02", "must", "Executive pay decided without an approved pay policy", AREA,
    """From 1 September 2025 the trust must have an agreed pay policy setting out how executive
    pay is decided, approved before the decisions it governs. A decision's date is the date of the
    meeting that took it, or its effective date when no meeting is recorded.""",
    """Have the board approve an executive pay policy, record its approval date in the trust
    settings, and take pay decisions under it.""",
)
def pay_02(snapshot, ctx):
    approved = ctx.past(ctx.settings.pay_policy_approved_on)  # approved later: no evidence (v2)
    for d in _decisions_to_date(snapshot, ctx):
        if d.effective_date < PAY_POLICY_RULES_FROM:
            if ctx.explaining:
                ctx.passed(_subject(ctx, d), "effective before 1 September 2025, when the pay-policy duty began")
            continue
        decided_on = _decided_on(snapshot, d)
        if approved is None:
            message = f"{_describe(ctx, d)} was taken with no pay policy recorded as approved."
        elif decided_on < approved:
            message = (f"{_describe(ctx, d)} was taken on {long_date(decided_on)}, before the pay "
                       f"policy was approved on {long_date(approved)}.")
        else:
            if ctx.explaining:
                ctx.passed(_subject(ctx, d), f"taken on {long_date(decided_on)}, after the pay policy "
                           f"was approved on {long_date(approved)}")
            continue
        yield ctx.finding(
            _subject(ctx, d), message,
            {"decided_on": iso(decided_on), "pay_policy_approved_on": iso(approved)},
        )


@rule(
    "PAY-03", "must", "Executive pay not decided by the full board", AREA,
    """From September 2025 the DfE expects executive pay to be approved by the full board, even
    where a remuneration committee does the detailed work.""",
    """Put the decision to the full board for approval and record it.""",
)
def pay_03(snapshot, ctx):
    for d in _decisions_to_date(snapshot, ctx):
        if d.effective_date < PAY_POLICY_RULES_FROM:
            if ctx.explaining:
                ctx.passed(_subject(ctx, d), "effective before 1 September 2025, when full-board "
                           "approval became the expectation")
            continue
        body = snapshot.body_by_name.get(d.decided_by) if d.decided_by else None
        if body is not None and body.type == BodyType.BOARD:
            if ctx.explaining:
                ctx.passed(_subject(ctx, d), f"decided by {d.decided_by}, the full board")
            continue
        said = f"was taken by {d.decided_by}" if d.decided_by else "does not record who took it"
        yield ctx.finding(
            _subject(ctx, d),
            f"{_describe(ctx, d)} {said}, not the full board.",
            {"decided_by": d.decided_by, "effective_date": iso(d.effective_date)},
        )


@rule(
    "PAY-04", ("must", "advice"), "Person present at the decision on their own pay", AREA,
    """The person whose pay is decided, and anyone recorded as their relative, must take no part
    in the decision and leave the room for it. Conflicts are handled per agenda item: the decision
    (or the meeting's record of who withdrew from the item that decided it) saying they did not
    withdraw, or an item record placing them at that item, is a must; a withdrawal recorded by the
    decision or at the item is enough, whatever the meeting's attendance says. When they attended
    the meeting and nothing says whether they withdrew, it is advice.""",
    """Have the decision retaken without the conflicted person present, and minute their
    withdrawal from the item; where they did withdraw, record it on the decision or at the item
    (Meetings page, the item's interests and withdrawals).""",
)
def pay_04(snapshot, ctx):
    withdrawals = Withdrawals(snapshot)
    ctx.read("executive pay decisions, the meeting and agenda item that took each, who attended, and who "
             "declared an interest or withdrew at the item")
    for d in _decisions_to_date(snapshot, ctx):
        meeting = snapshot.meeting_by_id.get(d.meeting_id) if d.meeting_id else None
        on = meeting.date if meeting is not None else d.effective_date
        readings = [withdrawals.read(d.person_id, meeting, d.decision_item, d.subject_withdrew, ctx.as_of)]
        readings += [withdrawals.read(pid, meeting, d.decision_item, None, ctx.as_of)
                     for pid in relatives_of(snapshot, d.person_id, on)]
        said = conflict_message(_describe(ctx, d), readings, d.person_id, ctx.facts.name)
        if said is None:
            if ctx.explaining:
                ctx.passed(_subject(ctx, d), withdrawal_summary(readings, ctx.facts.name))
            continue
        message, is_must = said
        yield ctx.finding(
            _subject(ctx, d),
            message,
            {"meeting": d.meeting_id, "item": d.decision_item,
             "present": sorted(r.person_id for r in readings if r.must),
             "not_recorded": sorted(r.person_id for r in readings if r.state == NOT_RECORDED),
             "subject_withdrew": d.subject_withdrew,
             "readings": {r.person_id: r.state for r in readings}},
            "must" if is_must else "advice",
        )


@rule(
    "PAY-05", "should", "Executive pay rise above the teachers' pay award", AREA,
    """The DfE expects executive pay not to rise faster than teachers' pay: a percentage increase
    above the teachers' pay award for that academic year needs a clear justification.""",
    """Record the board's justification for the rise, or reduce it to the teachers' award.""",
)
def pay_05(snapshot, ctx):
    for d in _decisions_to_date(snapshot, ctx):
        increase = d.increase_percent
        year = academic_year_of(d.effective_date)
        award = snapshot.pay_award_by_year.get(year)
        if increase is None or award is None or increase <= award.percent:
            if ctx.explaining:
                ctx.passed(_subject(ctx, d), "no salary before is recorded" if increase is None else
                           f"no teachers' pay award is recorded for {year}" if award is None else
                           f"a rise of {increase}%, within the teachers' award of {award.percent}% for {year}")
            continue
        yield ctx.finding(
            _subject(ctx, d),
            f"{_describe(ctx, d)} is a rise of {increase}%, above the teachers' pay award of "
            f"{award.percent}% for {year}.",
            {"increase_percent": str(increase), "teachers_award_percent": str(award.percent),
             "academic_year": year, "salary_before": money(d.salary_before),
             "salary_after": money(d.salary_after)},
        )


@rule(
    "PAY-06", "advice", "Executive pay likely to draw DfE attention", AREA,
    """The DfE has written to trusts paying any executive £150,000 or more, or paying two or more
    executives between £100,000 and £150,000. A current salary is the latest executive pay
    decision for someone still employed or in an executive role.""",
    """Make sure the board can show its pay decisions are evidence-based and proportionate, and
    that the pay policy explains them.""",
)
def pay_06(snapshot, ctx):
    settings = ctx.settings
    pay = ExecutivePay(snapshot)
    current: dict[str, object] = {}
    for d in _decisions_to_date(snapshot, ctx):
        if d.effective_date <= ctx.as_of:
            current[d.person_id] = d  # decisions are in date order: the last one wins
    # Reading: a salary is current only while the person is still employed or an executive.
    salaries = {
        pid: d.salary_after for pid, d in current.items()
        if ctx.facts.is_employee(pid) or pay.holds_executive_role(pid, ctx.as_of)
    }
    high = sorted(pid for pid, s in salaries.items() if s >= settings.high_pay_threshold)
    band = sorted(
        pid for pid, s in salaries.items()
        if settings.high_pay_band_floor <= s < settings.high_pay_threshold
    )
    if not high and len(band) < 2:
        return
    if len(band) < 2:
        band = []  # one salary in the band alone draws no attention
    def who(person_ids) -> str:
        return "; ".join(f"{ctx.facts.name(pid)}, {pounds(salaries[pid])}" for pid in person_ids)

    threshold, floor = pounds(settings.high_pay_threshold), pounds(settings.high_pay_band_floor)
    parts = []
    if high:
        parts.append(f"{plural(len(high), 'current executive salary', 'current executive salaries')} "
                     f"{is_are(len(high))} {threshold} or more ({who(high)})")
    if band:
        counted = (f"{len(band)} {is_are(len(band))}" if high else
                   f"{len(band)} current executive salaries are")
        parts.append(f"{counted} between {floor} and {threshold} ({who(band)})")
    yield ctx.finding(
        ctx.trust(),
        f"{', and '.join(parts)}.",
        {
            "salaries": {
                pid: money(salaries[pid]) for pid in sorted(set(high) | set(band))
            },
            "high_pay_threshold": money(settings.high_pay_threshold),
            "band_floor": money(settings.high_pay_band_floor),
        },
    )
