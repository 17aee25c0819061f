"""Conflicts handled per agenda item (rulebook v2, PAY-04 and RPT-06): what the records say about
whether a conflicted person withdrew from the item that decided their pay or agreement.

One reading, shared by PAY-04 and RPT-06, so the two rules cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from govboard.domain.enums import ItemPresence
from govboard.domain.meetings import ItemPresenceIndex
from govboard.domain.model import Meeting
from govboard.domain.snapshot import TrustSnapshot

# How a conflicted person stood at the deciding item, from the most serious down.
DID_NOT_WITHDRAW = "did not withdraw"  # must
PRESENT_FOR_ITEM = "present for the item"  # must
NOT_RECORDED = "not recorded"  # advice: attended the meeting, nothing says whether they withdrew
WITHDREW = "withdrew"
NOT_THERE = "not there"


@dataclass(frozen=True)
class Reading:
    """What the records say about one conflicted person at one decision, and on what evidence."""

    person_id: str
    state: str
    because: str  # a phrase: "the decision records that they did not withdraw"

    @property
    def must(self) -> bool:
        return self.state in (DID_NOT_WITHDRAW, PRESENT_FOR_ITEM)


class Withdrawals:
    """Item presence indexes per meeting, built once per run of a rule."""

    def __init__(self, snapshot: TrustSnapshot):
        self.snapshot = snapshot
        self._indexes: dict[str, ItemPresenceIndex] = {}

    def index(self, meeting_id: str) -> ItemPresenceIndex:
        found = self._indexes.get(meeting_id)
        if found is None:
            found = self._indexes[meeting_id] = ItemPresenceIndex(self.snapshot, meeting_id)
        return found

    def read(self, person_id: str, meeting: Meeting | None, item: str | None,
             said_withdrew: bool | None, as_of: date) -> Reading:
        """How `person_id` stood at `item` of `meeting`; `said_withdrew` is the decision record's
        own yes/no (None when it does not say, or does not speak for this person).

        The decision saying they did not withdraw, a vote recorded at the item, or an item record
        placing them at it (a declared interest with no withdrawal, an arrival) is a must. A
        withdrawal recorded by the decision or at the item is enough, whatever the meeting's
        attendance says. Attending the meeting with nothing said either way is advice.
        """
        if meeting is not None and meeting.date > as_of:
            meeting = None  # not held yet as at the date checked: no evidence either way
        if said_withdrew is False:
            return Reading(person_id, DID_NOT_WITHDRAW, "the decision records that they did not withdraw")
        index = self.index(meeting.id) if meeting is not None else None
        if index is not None and item:
            records = index.records(person_id, item)
            if any(r.voted for r in records):
                return Reading(person_id, DID_NOT_WITHDRAW, f"they are recorded as voting on item {item}")
            if index.withdrew(person_id, item):
                return Reading(person_id, WITHDREW, f"they withdrew from item {item}")
            what = {r.what for r in records}
            if ItemPresence.DECLARED_INTEREST in what:
                return Reading(person_id, PRESENT_FOR_ITEM,
                               f"they declared an interest at item {item} and are not recorded as withdrawing")
            if ItemPresence.ARRIVED in what:
                return Reading(person_id, PRESENT_FOR_ITEM, f"they are recorded as arriving at item {item}")
        if said_withdrew is True:
            return Reading(person_id, WITHDREW, "the decision records that they withdrew")
        if index is not None and person_id in index.present:
            return Reading(person_id, NOT_RECORDED,
                           "they attended the meeting and nothing records whether they withdrew")
        return Reading(person_id, NOT_THERE, "")


def conflict_message(what: str, readings: list[Reading], subject_id: str | None, name) -> tuple[str, bool] | None:
    """The finding's sentence for a decision (`what`: "The pay decision for ...") and whether it is
    a must; None when no reading calls for a finding. `name(person_id)` gives a person's name."""
    must = [r for r in readings if r.must]
    unknown = [r for r in readings if r.state == NOT_RECORDED]
    if not must and not unknown:
        return None

    def who(reading: Reading) -> str:
        if not reading.person_id:
            return "The conflicted person"
        label = name(reading.person_id)
        return label if reading.person_id == subject_id else f"{label} (a relative)"

    if must:
        parts = " ".join(f"{who(r)}: {r.because}." for r in must)
        return f"{what} was taken with a conflicted person in the room. {parts}", True
    names = [who(r) for r in unknown]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    verb = "was" if len(unknown) == 1 else "were"
    return (f"{what}: {listed} {verb} at the meeting and nothing records whether they withdrew from "
            "the decision; record whether they withdrew."), False


def withdrawal_summary(readings: list[Reading], name) -> str:
    """Why no finding, for an explanation: 'Zoë Adeyemi-Clarke withdrew from item 8'."""
    if not readings:
        return "no conflicted person is recorded"
    parts = []
    for r in readings:
        who = name(r.person_id) if r.person_id else "the conflicted person"
        parts.append(f"{who}: {r.because}" if r.because else f"{who} was not at the meeting")
    return "; ".join(parts)
