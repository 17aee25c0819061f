"""Related-party transactions (RPT): reporting, approval, at-cost, splitting and conflicts.

Payments to related parties outside any agreement (RPT-07, RPT-08) are in `payments`."""

from __future__ import annotations

from govboard.domain.enums import DfeApproval, Severity
from govboard.domain.meetings import relatives_of
from govboard.domain.model import Subject
from govboard.domain.related_parties import (  # noqa: F401 - the GUI groups agreements with Agreements
    CURRENT,
    CURRENT_REGIME_FROM,
    LEGACY,
    LEGACY_REGIME,
    Agreements,
    approval_tests,
    is_expenditure,
)

from .base import iso, long_date, money, pounds, rule
from .conflicts import (
    DID_NOT_WITHDRAW,
    NOT_RECORDED,
    Reading,
    Withdrawals,
    conflict_message,
    withdrawal_summary,
)

AREA = "Related parties"


def _subject(agreement) -> Subject:
    return Subject("rpt", agreement.id, f"Agreement {agreement.id} with {agreement.related_organisation}")


def _is_expenditure(agreement) -> bool:
    return is_expenditure(agreement)


def _confirmed_by(agreement, as_of) -> bool:
    # Reading: an agreement not yet confirmed (no date, or a date after as_of) has not yet
    # breached a duty that falls due on confirmation.
    return agreement.confirmed_on is not None and agreement.confirmed_on <= as_of


def _confirmed_later(agreement, as_of) -> bool:
    """Confirmed after as_of: an agreement not yet made on as_of is no evidence (rulebook v2)."""
    return agreement.confirmed_on is not None and agreement.confirmed_on > as_of


def _money_by_year(values) -> dict[str, str]:
    return {v.financial_year: money(v.value) for v in values}


@rule(
    "RPT-01", "must", "Related-party agreement not reported to DfE in time", AREA,
    """Every expenditure agreement with a related party must be reported to the DfE before it is
    confirmed (contract signed or first order), whatever its value.""",
    """Report the agreement to the DfE on its related party transactions form now, record the
    date, and report future agreements before they are confirmed.""",
)
def rpt_01(snapshot, ctx):
    for a in snapshot.rpt_agreements:
        if not _is_expenditure(a) or not _confirmed_by(a, ctx.as_of):
            continue
        reported = ctx.past(a.reported_to_dfe_on)  # a report dated later is no evidence (v2)
        if reported is None:
            message = (f"Agreement {a.id} with {a.related_organisation}, confirmed on "
                       f"{long_date(a.confirmed_on)}, has not been reported to the DfE.")
        elif reported > a.confirmed_on:
            message = (f"Agreement {a.id} with {a.related_organisation} was reported to the DfE on "
                       f"{long_date(reported)}, after it was confirmed on "
                       f"{long_date(a.confirmed_on)}.")
        else:
            if ctx.explaining:
                ctx.passed(_subject(a), f"reported on {long_date(reported)}, on or before confirmation "
                           f"on {long_date(a.confirmed_on)}")
            continue
        yield ctx.finding(
            _subject(a), message,
            {"confirmed_on": iso(a.confirmed_on), "reported_to_dfe_on": iso(reported)},
        )


def _decision_as_at(a, as_of):
    """(approval status, decision date) as they stood on as_of: a decision dated later had not
    been given yet (rulebook v2), so neither its status nor its date is evidence."""
    if a.dfe_decision_on is not None and a.dfe_decision_on > as_of:
        return None, None
    return a.dfe_approval, a.dfe_decision_on


def _approval_words(a, as_of) -> str:
    status, decided = _decision_as_at(a, as_of)
    if status == DfeApproval.APPROVED and decided:
        return f"DfE approval is dated {long_date(decided)}, after confirmation"
    if status in (None, DfeApproval.NOT_REQUIRED):
        return "no DfE approval is recorded"
    return f"DfE approval is recorded as '{status}'"


def _approval_evidence(a, as_of) -> dict:
    status, decided = _decision_as_at(a, as_of)
    return {
        "confirmed_on": iso(a.confirmed_on),
        "dfe_approval": str(status) if status else None,
        "dfe_decision_on": iso(decided),
    }


@rule(
    "RPT-02", "must", "Related-party agreement lacks DfE approval", AREA,
    """An expenditure agreement confirmed on or after 1 September 2023 needs the DfE's approval
    before it is confirmed when it is worth more than £40,000 in any single financial year, or is
    novel or contentious, unless the supplier is exempt. The threshold applies to the agreement
    alone; it is not added up across agreements.""",
    """Seek the DfE's approval (retrospectively if need be), record the decision, and do not
    confirm such agreements again before approval.""",
)
def rpt_02(snapshot, ctx):
    threshold = ctx.settings.rpt_approval_threshold
    agreements = Agreements(snapshot)
    tests = approval_tests(snapshot, ctx.settings)  # the same answer the board pack prints
    for a in snapshot.rpt_agreements:
        test = tests.get(a.id)  # none for income and exempt suppliers
        if test is None or test.regime != CURRENT or not _confirmed_by(a, ctx.as_of):
            continue
        if not test.needed or test.approved_in_time:
            continue
        values = agreements.values(a.id)
        over = [v for v, _ in test.breaches]
        reasons = []
        if over:
            reasons.append("worth " + ", ".join(f"{pounds(v.value)} in {v.financial_year}" for v in over))
        if a.novel_or_contentious:
            reasons.append("novel or contentious")
        yield ctx.finding(
            _subject(a),
            f"Agreement {a.id} with {a.related_organisation} is {' and '.join(reasons)}, but "
            f"{_approval_words(a, ctx.as_of)}.",
            {**_approval_evidence(a, ctx.as_of), "values": _money_by_year(values),
             "threshold": money(threshold), "novel_or_contentious": bool(a.novel_or_contentious)},
        )


@rule(
    "RPT-03", "must", "Legacy related-party agreement lacks DfE approval", AREA,
    """Under the rules in force from 1 April 2019 to 31 August 2023, an expenditure agreement
    needed the DfE's approval before confirmation when its value, added to earlier agreements with
    the same related organisation in that financial year, exceeded £20,000 (exempt suppliers
    aside).""",
    """Seek the DfE's retrospective approval and record the decision.""",
)
def rpt_03(snapshot, ctx):
    threshold = ctx.settings.legacy_rpt_threshold
    tests = approval_tests(snapshot, ctx.settings)  # the same answer the board pack prints
    confirmed = sorted((a for a in snapshot.rpt_agreements if a.confirmed_on is not None),
                       key=lambda a: (a.confirmed_on, a.id))
    for a in confirmed:
        test = tests.get(a.id)
        if (test is None or test.regime != LEGACY or not test.breaches
                or not _confirmed_by(a, ctx.as_of) or test.approved_in_time):
            continue
        parts = [
            f"{pounds(v.value)} in {v.financial_year} on top of {pounds(before)} already agreed"
            if before else f"{pounds(v.value)} in {v.financial_year}"
            for v, before in test.breaches
        ]
        yield ctx.finding(
            _subject(a),
            f"Agreement {a.id} with {a.related_organisation} ({'; '.join(parts)}) took the total "
            f"with that organisation over {pounds(threshold)}, but {_approval_words(a, ctx.as_of)}.",
            {
                **_approval_evidence(a, ctx.as_of),
                "threshold": money(threshold),
                "years": [
                    {"financial_year": v.financial_year, "value": money(v.value),
                     "earlier_agreements_total": money(before)}
                    for v, before in test.breaches
                ],
            },
        )


@rule(
    "RPT-04", "must", "No at-cost statement for a related-party agreement", AREA,
    """Goods and services bought from a related party must be provided at no more than cost,
    supported by a statement of assurance from the supplier. Exempt suppliers and agreements at
    or below the at-cost de minimis (£0 by default) are excluded.""",
    """Obtain the supplier's written at-cost statement (and open-book arrangement) and record its
    date.""",
)
def rpt_04(snapshot, ctx):
    de_minimis = ctx.settings.at_cost_de_minimis
    agreements = Agreements(snapshot)
    for a in snapshot.rpt_agreements:
        if not _is_expenditure(a) or a.exempt or _confirmed_later(a, ctx.as_of):
            continue
        if ctx.past(a.at_cost_statement_on) is not None:  # a statement dated later: no evidence (v2)
            if ctx.explaining:
                ctx.passed(_subject(a), f"at-cost statement dated {long_date(a.at_cost_statement_on)}")
            continue
        total = sum(v.value for v in agreements.values(a.id))
        if total > de_minimis:
            yield ctx.finding(
                _subject(a),
                f"Agreement {a.id} with {a.related_organisation}, worth {pounds(total)}, has no "
                "at-cost statement recorded.",
                {"total_value": money(total), "de_minimis": money(de_minimis)},
            )


@rule(
    "RPT-05", "advice", "Possible splitting of related-party agreements", AREA,
    """Two or more agreements with the same related organisation in one financial year, none over
    £40,000 alone but together over £40,000, may be one arrangement split to stay under the DfE
    approval threshold. Planned transactions that form one programme are one agreement.""",
    """Review whether the agreements are really one arrangement; if so, treat them as one and
    seek DfE approval.""",
)
def rpt_05(snapshot, ctx):
    threshold = ctx.settings.rpt_approval_threshold
    agreements = Agreements(snapshot)
    by_group_year: dict[tuple[str, str], list] = {}
    labels: dict[str, str] = {}
    for a in sorted(snapshot.rpt_agreements, key=lambda a: a.id):
        if not _is_expenditure(a) or a.exempt or _confirmed_later(a, ctx.as_of):
            continue
        group = agreements.group_of[a.id]
        labels.setdefault(group, a.related_organisation)
        for v in agreements.values(a.id):
            if v.value > 0:
                by_group_year.setdefault((group, v.financial_year), []).append((a, v))
    flagged: dict[str, list] = {}
    for (group, year), items in sorted(by_group_year.items()):
        total = sum(v.value for _, v in items)
        if len(items) >= 2 and total > threshold and all(v.value <= threshold for _, v in items):
            flagged.setdefault(group, []).append((year, items, total))
    for group, years in flagged.items():
        parts = [
            f"{len(items)} agreements totalling {pounds(total)} in {year}" for year, items, total in years
        ]
        yield ctx.finding(
            Subject("organisation", group, labels[group]),
            f"{labels[group]} has {'; '.join(parts)}, none over {pounds(threshold)} alone.",
            {
                "threshold": money(threshold),
                "years": [
                    {"financial_year": year, "total": money(total),
                     "agreements": {a.id: money(v.value) for a, v in items}}
                    for year, items, total in years
                ],
            },
        )


@rule(
    "RPT-06", ("must", "advice"), "Conflicted person's withdrawal not recorded", AREA,
    """Anyone with an interest in a related-party agreement (the related person, and anyone
    recorded as their relative) must withdraw from the decision on it. Conflicts are handled per
    agenda item, as for executive pay (PAY-04): the decision record or the meeting's record of the
    deciding item saying a conflicted person did not withdraw, or placing them at that item, is a
    must; when they attended the meeting and nothing says whether they withdrew, it is advice.""",
    """Record in the minutes that the conflicted person withdrew from the item; where they did
    not, have the decision reconsidered without them.""",
)
def rpt_06(snapshot, ctx):
    yield from rpt_06_findings(snapshot, ctx)


def rpt_06_findings(snapshot, ctx):
    """RPT-06 per agreement, read per item as PAY-04 (rules/conflicts.py)."""
    withdrawals = Withdrawals(snapshot)
    ctx.read("related-party agreements, the meeting and agenda item that decided each, who attended, and who "
             "declared an interest or withdrew at the item")
    for a in snapshot.rpt_agreements:
        meeting = snapshot.meeting_by_id.get(a.decision_meeting_id) if a.decision_meeting_id else None
        on = meeting.date if meeting is not None else (a.confirmed_on or ctx.as_of)
        if on > ctx.as_of:
            continue  # decided (or confirmed) after the date checked: no evidence yet (v2)
        conflicted = [a.related_person_id] if a.related_person_id else []
        if a.related_person_id:
            conflicted += relatives_of(snapshot, a.related_person_id, on)
        readings = [withdrawals.read(pid, meeting, a.decision_item, a.conflicted_withdrew, ctx.as_of)
                    for pid in conflicted]
        if not conflicted and a.conflicted_withdrew is False:  # the record says so, whoever it was
            readings = [Reading("", DID_NOT_WITHDRAW,
                                "the decision records that the conflicted person did not withdraw")]
        what = f"The decision on agreement {a.id} with {a.related_organisation}"
        said = conflict_message(what, readings, a.related_person_id, ctx.facts.name)
        if said is None:
            if ctx.explaining:
                ctx.passed(_subject(a), withdrawal_summary(readings, ctx.facts.name))
            continue
        message, is_must = said
        yield ctx.finding(
            _subject(a), message,
            {"decision_meeting": a.decision_meeting_id, "decision_item": a.decision_item,
             "conflicted_withdrew": a.conflicted_withdrew,
             "present": sorted(r.person_id for r in readings if r.must and r.person_id),
             "not_recorded": sorted(r.person_id for r in readings if r.state == NOT_RECORDED)},
            Severity.MUST if is_must else Severity.ADVICE,
        )
