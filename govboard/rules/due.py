"""What falls due soon: terms ending, declarations, filings, the chair's re-election, and actions
from meetings that are overdue.

Used by the dashboard and the board pack. Dates follow the rules that would fire, so an item
falls "overdue" on the day its rule starts to give a finding.
"""

from __future__ import annotations

from datetime import date, timedelta

from govboard.domain.dates import add_years
from govboard.domain.enums import LOCAL_GOVERNOR_ROLES, TRUSTEE_ROLES, Role
from govboard.domain.model import DueItem, Subject
from govboard.domain.snapshot import TrustSnapshot

from .filings import ch_events, gias_events
from .interests import NEW_APPOINTEE_DAYS, InterestScope


def due_soon(snapshot: TrustSnapshot, as_of: date, days: int = 90) -> list[DueItem]:
    """Items due within `days` of as_of (terms: within the longer of `days` and the term
    warning window), and anything already overdue; sorted by date."""
    horizon = as_of + timedelta(days=days)

    def person(person_id: str) -> Subject:
        return Subject("person", person_id, snapshot.person_label(person_id))

    items: list[DueItem] = []
    items += _terms(snapshot, as_of, person, max(days, snapshot.settings.term_warning_days))
    items += _declarations(snapshot, as_of, horizon, person)
    items += _filings(snapshot, as_of, horizon, person)
    items += _chair_elections(snapshot, as_of, horizon, person)
    items += _overdue_actions(snapshot, as_of)
    return sorted(items, key=lambda i: (i.due_on, i.kind, i.subject.key, i.description))


def _terms(snapshot, as_of, person, window_days):
    until = as_of + timedelta(days=window_days)
    for role in TRUSTEE_ROLES | LOCAL_GOVERNOR_ROLES:
        for a in snapshot.appointments_by_role.get(role, ()):
            if a.term_end is None or not a.in_office(as_of) or a.term_end > until:
                continue
            later = any(
                o.role == a.role and o.body == a.body and o.start > a.start
                for o in snapshot.appointments_by_person.get(a.person_id, ())
            )
            if later:
                continue
            where = f" of {a.body}" if a.role in LOCAL_GOVERNOR_ROLES else ""
            yield DueItem(
                due_on=a.term_end, kind="term", subject=person(a.person_id),
                description=f"{snapshot.person_label(a.person_id)}'s term as {a.role}{where} ends",
                overdue=a.term_end < as_of,
            )


def _declarations(snapshot, as_of, horizon, person):
    scope = InterestScope(snapshot, as_of)
    for person_id in scope.people:
        last = scope.last_declaration(person_id)
        name = snapshot.person_label(person_id)
        if last is None:
            due = scope.first_start(person_id) + timedelta(days=NEW_APPOINTEE_DAYS)
            text = f"{name}'s first declaration of interests"
        else:
            due = add_years(last, 1)  # ROI-01 fires from this day: the last one is 12 months old
            text = f"{name}'s annual declaration of interests"
        if due <= horizon:
            yield DueItem(due_on=due, kind="declaration", subject=person(person_id),
                          description=text, overdue=due <= as_of)


def _filings(snapshot, as_of, horizon, person):
    deadline = snapshot.settings.filing_deadline_days
    # The same events GIAS-01 and CH-01 look at: the 12 months before as_of.
    for event in [*gias_events(snapshot, as_of), *ch_events(snapshot, as_of)]:
        if event.recorded_on is not None:
            continue
        due = event.on + timedelta(days=deadline)
        if due > horizon:
            continue
        yield DueItem(
            due_on=due, kind="filing", subject=person(event.person_id),
            description=f"{event.register}: {snapshot.person_label(event.person_id)}, {event.describe()}",
            overdue=due < as_of,
        )


def _chair_elections(snapshot, as_of, horizon, person):
    for a in snapshot.appointments_by_role.get(Role.CHAIR_OF_TRUSTEES, ()):
        if not a.in_office(as_of):
            continue
        due = add_years(a.start, 1)  # CHR-02 fires from this day
        if due <= horizon:
            yield DueItem(
                due_on=due, kind="chair election", subject=person(a.person_id),
                description=f"Election of the chair of trustees ({snapshot.person_label(a.person_id)} "
                            f"elected {a.start.isoformat()})",
                overdue=due <= as_of,
            )


def _overdue_actions(snapshot, as_of):
    """Open actions past their due date (MTG-03's), from meetings held by as_of."""
    from govboard.domain.meetings import open_actions, owner_label

    for action in open_actions(snapshot, as_of):
        if action.due_date >= as_of:
            continue
        meeting = snapshot.meeting_by_id[action.meeting_id]
        owner = owner_label(snapshot, action.owner)
        yield DueItem(
            due_on=action.due_date, kind="action",
            subject=Subject("action", action.id, action.action),
            description=f"{action.action.rstrip('.')}{f' ({owner})' if owner else ''}: from the {meeting.body} "
                        f"meeting on {meeting.date:%d/%m/%Y}",
            overdue=True,
        )
