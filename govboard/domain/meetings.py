"""The meeting cycle as the core knows it (stdlib only): who is expected, who is conflicted at an
item and who was in the room for it, the body's quorum, the standing items of a new agenda,
relabelling an agenda without losing what refers to its items, and the state of actions.

Rules, reports and the GUI all ask these questions, so they answer them the same way.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .enums import (
    COMMITTEE_ROLES,
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    ActionStatus,
    Attendance,
    BodyType,
    ItemPresence,
    MeetingStatus,
    Role,
)
from .model import BOARD_BODY, Action, AgendaItem, ItemAttendance, Meeting, PayDecision, RptAgreement
from .snapshot import TrustSnapshot, _item_sort_key

# A new meeting's agenda starts from these (formats.md: "Standing item" Yes). The business of the
# meeting goes between the opening three and the closing two.
OPENING_STANDING_ITEMS = (
    "Welcome, apologies and quorum",
    "Declarations of interest",
    "Minutes of the last meeting and matters arising",
)
CLOSING_STANDING_ITEMS = (
    "Any other business",
    "Date of the next meeting",
)
DEFAULT_COMMITTEE_QUORUM = 3
# The order a person's roles on one body are listed in.
ROLE_ORDER = (Role.CHAIR_OF_TRUSTEES, Role.VICE_CHAIR_OF_TRUSTEES, Role.TRUSTEE, Role.LGB_CHAIR, Role.LOCAL_GOVERNOR,
              Role.COMMITTEE_CHAIR, Role.COMMITTEE_MEMBER, Role.MEMBER, Role.CHIEF_EXECUTIVE, Role.ACCOUNTING_OFFICER,
              Role.CHIEF_FINANCIAL_OFFICER, Role.HEADTEACHER, Role.GOVERNANCE_PROFESSIONAL)
IMPLIED_BY_CHAIR = {Role.CHAIR_OF_TRUSTEES: Role.TRUSTEE, Role.VICE_CHAIR_OF_TRUSTEES: Role.TRUSTEE,
                    Role.LGB_CHAIR: Role.LOCAL_GOVERNOR, Role.COMMITTEE_CHAIR: Role.COMMITTEE_MEMBER}


def item_sort_key(item: str) -> tuple:
    """Agenda items in order, number by number: 2 < 4.2 < 10."""
    return _item_sort_key(item)


def standing_agenda(meeting_id: str) -> list[AgendaItem]:
    """The standing items every new meeting starts from, numbered 1 to 5."""
    titles = OPENING_STANDING_ITEMS + CLOSING_STANDING_ITEMS
    return [AgendaItem(meeting_id, str(n), title, standing=True) for n, title in enumerate(titles, start=1)]


def business_insert_position(items: Sequence[AgendaItem]) -> int:
    """Where a new item goes: before the closing standing items (any other business, date of
    the next meeting) at the end of the agenda, else at the end."""
    position = len(items)
    closing = {title.casefold() for title in CLOSING_STANDING_ITEMS}
    while position > 0 and items[position - 1].standing and items[position - 1].title.casefold() in closing:
        position -= 1
    return position


_LAST_NUMBER = re.compile(r"^(.*?)(\d+)(\D*)$")


def next_label(label: str | None) -> str:
    """The label after `label`: '8' -> '9', '4.2' -> '4.3', none -> '1'."""
    if not label:
        return "1"
    match = _LAST_NUMBER.match(label)
    if not match:
        return f"{label}.1"
    return f"{match.group(1)}{int(match.group(2)) + 1}{match.group(3)}"


# --- relabelling an agenda ----------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaEdit:
    """What an agenda edit writes: agenda items out and in, and the records that name an item
    (item attendance, actions, pay decisions, related-party agreements) put right."""

    deleted: tuple = ()
    inserted: tuple = ()
    updated: tuple = ()  # (old, new) pairs

    def changes(self) -> list[tuple[str, object, object]]:
        """As ("delete", record, None) / ("insert", None, record) / ("update", old, new), in an
        order the store can apply: old keys out before new keys come in."""
        out: list[tuple[str, object, object]] = [("delete", r, None) for r in self.deleted]
        out += [("update", old, new) for old, new in self.updated]
        out += [("insert", None, r) for r in self.inserted]
        return out


def relabel_agenda(snapshot: TrustSnapshot, meeting_id: str, new_order: Sequence[AgendaItem],
                   labels: Sequence[str], *, removed: Iterable[AgendaItem] = ()) -> AgendaEdit:
    """The edit that gives the agenda items `new_order` the labels `labels` (position by position),
    removes `removed`, and moves every record naming an item with it.

    Items are written out and back in (a label is part of an item's key, and two items swapping
    labels would collide half-way), and so are the item attendance rows that move; actions, pay
    decisions and agreements are updated. What named a removed item loses the item: its item
    attendance goes, an action or a decision keeps its meeting but no longer names the item.
    """
    if len(new_order) != len(labels):
        raise ValueError("one label is needed for each agenda item")
    current = {i.item: i for i in snapshot.agenda_by_meeting.get(meeting_id, ())}
    renamed: dict[str, str | None] = {}
    deleted: list[AgendaItem] = []
    inserted: list[AgendaItem] = []
    for item, label in zip(new_order, labels):
        old = current.get(item.item) if item.meeting_id == meeting_id else None
        new = replace(item, meeting_id=meeting_id, item=label)
        if old is None:  # a new item
            inserted.append(new)
            continue
        if old.item != label:
            renamed[old.item] = label
        if new != old:
            deleted.append(old)
            inserted.append(new)
    for item in removed:
        if item.item in current:
            deleted.append(current[item.item])
            renamed[item.item] = None
    if not renamed:
        return AgendaEdit(tuple(deleted), tuple(inserted))

    updated: list[tuple[object, object]] = []
    for row in snapshot.item_attendance_by_meeting.get(meeting_id, ()):
        if row.item in renamed:
            deleted.append(row)
            if renamed[row.item] is not None:
                inserted.append(replace(row, item=renamed[row.item], id=0))
    for action in snapshot.actions_by_meeting.get(meeting_id, ()):
        if action.item in renamed:
            updated.append((action, replace(action, item=renamed[action.item])))
    for decision in snapshot.pay_decisions:
        if decision.meeting_id == meeting_id and decision.decision_item in renamed:
            updated.append((decision, replace(decision, decision_item=renamed[decision.decision_item])))
    for agreement in snapshot.rpt_agreements:
        if agreement.decision_meeting_id == meeting_id and agreement.decision_item in renamed:
            updated.append((agreement, replace(agreement, decision_item=renamed[agreement.decision_item])))
    return AgendaEdit(tuple(deleted), tuple(inserted), tuple(updated))


def insert_item(snapshot: TrustSnapshot, meeting_id: str, item: AgendaItem, position: int | None = None) -> AgendaEdit:
    """Add `item` at `position` (default: before the closing standing items); the items after it
    move down one, keeping the agenda's numbering."""
    items = list(snapshot.agenda_by_meeting.get(meeting_id, ()))
    at = business_insert_position(items) if position is None else max(0, min(position, len(items)))
    labels = [i.item for i in items] + [next_label(items[-1].item if items else None)]
    return relabel_agenda(snapshot, meeting_id, items[:at] + [item] + items[at:], labels)


def move_item(snapshot: TrustSnapshot, meeting_id: str, label: str, step: int) -> AgendaEdit:
    """Move an item up (step -1) or down (+1); the two items swap places and numbers."""
    items = list(snapshot.agenda_by_meeting.get(meeting_id, ()))
    at = next((n for n, i in enumerate(items) if i.item == label), None)
    if at is None or not 0 <= at + step < len(items):
        return AgendaEdit()
    labels = [i.item for i in items]
    items[at], items[at + step] = items[at + step], items[at]
    return relabel_agenda(snapshot, meeting_id, items, labels)


def remove_item(snapshot: TrustSnapshot, meeting_id: str, label: str) -> AgendaEdit:
    """Remove an item; the items after it move up one, keeping the agenda's numbering."""
    items = list(snapshot.agenda_by_meeting.get(meeting_id, ()))
    gone = [i for i in items if i.item == label]
    if not gone:
        return AgendaEdit()
    labels = [i.item for i in items][: len(items) - 1]
    kept = [i for i in items if i.item != label]
    return relabel_agenda(snapshot, meeting_id, kept, labels, removed=gone)


# --- who is expected, who is conflicted, who was in the room ------------------------------------


def member_roles(body_type: BodyType) -> frozenset[Role]:
    """The roles that make someone a member of a body of this type (role implication included)."""
    if body_type == BodyType.BOARD:
        return TRUSTEE_ROLES
    if body_type == BodyType.MEMBERS:
        return frozenset({Role.MEMBER})
    if body_type == BodyType.LOCAL_GOVERNING_BODY:
        return LOCAL_GOVERNOR_ROLES
    return COMMITTEE_ROLES


def body_members_on(snapshot: TrustSnapshot, body: str, on: date) -> list[str]:
    """The body's members in office on `on` (trustees of the board, a committee's members, an
    LGB's local governors, the trust's members), in a stable order."""
    kind = snapshot.body_by_name.get(body)
    roles = member_roles(kind.type if kind else BodyType.OTHER_COMMITTEE)
    seen: dict[str, None] = {}
    for a in snapshot.appointments_by_body.get(body, ()):
        if a.role in roles and a.in_office(on):
            seen.setdefault(a.person_id, None)
    return list(seen)


def expected_attendees(snapshot: TrustSnapshot, meeting: Meeting) -> dict[str, str]:
    """Everyone in office on the meeting's body on its date (members and officers such as the
    chief executive or the governance professional), with the role they hold there."""
    held: dict[str, set[Role]] = {}
    for a in snapshot.appointments_by_body.get(meeting.body, ()):
        if a.in_office(meeting.date):
            held.setdefault(a.person_id, set()).add(a.role)
    return {pid: roles_text(roles) for pid, roles in held.items()}


def roles_text(roles: Iterable[Role]) -> str:
    """A person's roles on one body as a clerk lists them: 'Chair of trustees', 'Trustee, chief
    executive, accounting officer' (a chair is not listed again as a trustee)."""
    roles = set(roles)
    for chair, member in IMPLIED_BY_CHAIR.items():
        if chair in roles:
            roles.discard(member)
    ordered = [str(r) for r in ROLE_ORDER if r in roles] + sorted(str(r) for r in roles if r not in ROLE_ORDER)
    text = ", ".join(ordered)
    return text[:1] + text[1:].lower()


def quorum_on(snapshot: TrustSnapshot, body: str, on: date) -> int:
    """The body's quorum on `on`: its own number when recorded, else the articles' default (the
    board: 3 or a third of the trustees in office, rounded up, whichever is more; a committee or
    local governing body: 3)."""
    record = snapshot.body_by_name.get(body)
    if record is not None and record.quorum:
        return record.quorum
    if record is not None and record.type == BodyType.BOARD:
        return max(3, math.ceil(len(snapshot.trustees_in_office(on)) / 3))
    return DEFAULT_COMMITTEE_QUORUM


def relatives_of(snapshot: TrustSnapshot, person_id: str, on: date) -> list[str]:
    """People recorded as the person's relatives (any relationship) in force on `on`."""
    out: dict[str, None] = {}
    for rel in snapshot.relationships_by_person.get(person_id, ()):
        if rel.in_force(on):
            other = rel.related_person_id if rel.person_id == person_id else rel.person_id
            if other != person_id:
                out.setdefault(other, None)
    return list(out)


@dataclass(frozen=True)
class Conflict:
    """A person conflicted at an agenda item, and why."""

    person_id: str
    reason: str  # "their own pay", "a relative's pay", "their interest in X Ltd", ...
    decision: PayDecision | RptAgreement
    relative_of: str | None = None  # the person whose pay or agreement it is, for a relative


def decisions_at(snapshot: TrustSnapshot, meeting_id: str) -> list[PayDecision | RptAgreement]:
    """Pay decisions and related-party agreements recorded as decided at the meeting."""
    return ([d for d in snapshot.pay_decisions if d.meeting_id == meeting_id]
            + [a for a in snapshot.rpt_agreements if a.decision_meeting_id == meeting_id])


def decision_item_of(decision: PayDecision | RptAgreement) -> str | None:
    return decision.decision_item


def conflicts_of(snapshot: TrustSnapshot, decision: PayDecision | RptAgreement, on: date) -> list[Conflict]:
    """Who is conflicted by a pay decision (its subject) or an agreement (its related person),
    with their recorded relatives on `on`."""
    if isinstance(decision, PayDecision):
        subject, own, relative = decision.person_id, "their own pay", "a relative's pay"
    else:
        subject = decision.related_person_id
        own = f"their interest in {decision.related_organisation}"
        relative = f"a relative's interest in {decision.related_organisation}"
    if not subject:
        return []
    out = [Conflict(subject, own, decision)]
    out += [Conflict(pid, relative, decision, relative_of=subject) for pid in relatives_of(snapshot, subject, on)]
    return out


def conflicts_at_item(snapshot: TrustSnapshot, meeting: Meeting, item: str) -> list[Conflict]:
    """The people the item's pay decisions and agreements conflict (one entry per person)."""
    seen: dict[str, Conflict] = {}
    for decision in decisions_at(snapshot, meeting.id):
        if decision.decision_item == item:
            for conflict in conflicts_of(snapshot, decision, meeting.date):
                seen.setdefault(conflict.person_id, conflict)
    return list(seen.values())


class ItemPresenceIndex:
    """Who was in the room for each agenda item of one meeting.

    Someone recorded present at the meeting is in the room for every item, except: from the item
    at which they arrived (if they arrived late), until the item at which they left, and not for
    an item from which they withdrew. An arrival makes someone present from that item even if the
    meeting's attendance does not say Present.
    """

    def __init__(self, snapshot: TrustSnapshot, meeting_id: str):
        self.present = {a.person_id for a in snapshot.attendance_by_meeting.get(meeting_id, ())
                        if a.attendance == Attendance.PRESENT}
        self.rows: dict[tuple[str, str], list[ItemAttendance]] = {}
        for row in snapshot.item_attendance_by_meeting.get(meeting_id, ()):
            self.rows.setdefault((row.person_id, row.item), []).append(row)
        self.by_person: dict[str, list[ItemAttendance]] = {}
        for row in snapshot.item_attendance_by_meeting.get(meeting_id, ()):
            self.by_person.setdefault(row.person_id, []).append(row)

    def records(self, person_id: str, item: str) -> list[ItemAttendance]:
        return self.rows.get((person_id, item), [])

    def what(self, person_id: str, item: str) -> set[ItemPresence]:
        return {r.what for r in self.records(person_id, item)}

    def withdrew(self, person_id: str, item: str) -> bool:
        """Recorded as out of the room for the item: withdrew from it, left at or before it, or
        arrived only after it."""
        here, explained = self._state(person_id, item)
        return explained and not here

    def in_room(self, person_id: str, item: str) -> bool:
        return self._state(person_id, item)[0]

    def _state(self, person_id: str, item: str) -> tuple[bool, bool]:
        """(in the room for the item, whether an item record says why not)."""
        key = item_sort_key(item)
        rows = sorted(self.by_person.get(person_id, ()), key=lambda r: item_sort_key(r.item))
        arrives = any(r.what == ItemPresence.ARRIVED for r in rows)
        here = person_id in self.present and not arrives  # with an arrival, they came late
        moved = arrives
        for r in rows:
            if item_sort_key(r.item) > key:
                break
            if r.what == ItemPresence.ARRIVED:
                here = True
            elif r.what == ItemPresence.LEFT:
                here, moved = False, True
        if ItemPresence.WITHDREW in self.what(person_id, item):
            return False, True
        return here, moved and not here


# --- meetings in order --------------------------------------------------------------------------


def held_on_or_before(meeting: Meeting, as_of: date) -> bool:
    return meeting.status == MeetingStatus.HELD and meeting.date <= as_of


def previous_meeting(snapshot: TrustSnapshot, meeting: Meeting) -> Meeting | None:
    """The body's latest meeting held before this one's date: the one whose minutes this
    meeting approves and whose actions are its matters arising."""
    earlier = [m for m in snapshot.meetings_by_body.get(meeting.body, ())
               if m.status == MeetingStatus.HELD and m.date < meeting.date]
    return earlier[-1] if earlier else None


def next_held_meeting(snapshot: TrustSnapshot, meeting: Meeting) -> Meeting | None:
    """The body's first meeting held after this one's date."""
    for later in snapshot.meetings_by_body.get(meeting.body, ()):
        if later.status == MeetingStatus.HELD and later.date > meeting.date:
            return later
    return None


def next_meeting(snapshot: TrustSnapshot, as_of: date, body: str = BOARD_BODY) -> Meeting | None:
    """The body's next meeting on or after `as_of` that is not cancelled (the pack's `next`)."""
    for meeting in snapshot.meetings_by_body.get(body, ()):
        if meeting.date >= as_of and meeting.status != MeetingStatus.CANCELLED:
            return meeting
    return None


# --- actions ------------------------------------------------------------------------------------

ACTION_STATES = ("Open", "Overdue", "Done", "Dropped")


def action_state(action: Action, on: date) -> str:
    """'Overdue' (open and its due date has passed), 'Open', 'Done' or 'Dropped' on `on`."""
    if action.status == ActionStatus.DROPPED:
        return "Dropped"
    if not action.open_on(on):
        return "Done"
    return "Overdue" if action.due_date < on else "Open"


def owner_label(snapshot: TrustSnapshot, owner: str | None) -> str:
    """An action's owner as a name: a Person ID is shown as the person's name."""
    if not owner:
        return ""
    return snapshot.person_label(owner) if owner in snapshot.person_by_id else owner


def open_actions(snapshot: TrustSnapshot, on: date, *, before: date | None = None,
                 body: str | None = None) -> list[Action]:
    """Actions open on `on` from meetings held on or before `before` (default `on`), optionally
    of one body, by due date."""
    cutoff = before or on
    out = []
    for action in snapshot.actions:
        meeting = snapshot.meeting_by_id.get(action.meeting_id)
        if meeting is None or meeting.date > cutoff or (body and meeting.body != body):
            continue
        if action.open_on(on):
            out.append(action)
    return sorted(out, key=lambda a: (a.due_date, a.id))


def suggest_action_id(existing: Iterable[str]) -> str:
    """The next free 'A001'-style action ID."""
    numbers = [int(x[1:]) for x in existing if x[:1] == "A" and x[1:].isdigit()]
    return f"A{(max(numbers) + 1) if numbers else 1:03d}"
