"""The meeting cycle's core questions: standing items, relabelling an agenda with what refers to
it, who was in the room per item, quorum, next and previous meetings, action states."""

from datetime import date

from govboard.domain.enums import (
    ActionStatus,
    Attendance,
    BodyType,
    Direction,
    ItemPresence,
    MeetingStatus,
    Relationship,
    Role,
)
from govboard.domain.meetings import (
    ItemPresenceIndex,
    action_state,
    body_members_on,
    business_insert_position,
    conflicts_at_item,
    expected_attendees,
    insert_item,
    move_item,
    next_label,
    next_meeting,
    open_actions,
    previous_meeting,
    quorum_on,
    remove_item,
    standing_agenda,
    suggest_action_id,
)
from govboard.domain.model import (
    Action,
    AgendaItem,
    Appointment,
    AttendanceRecord,
    Body,
    ItemAttendance,
    Meeting,
    PayDecision,
    Person,
    PersonRelationship,
    RptAgreement,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.domain.validate import validate_registers

ON = date(2026, 1, 20)


def _trust(**kw) -> TrustSnapshot:
    people = tuple(Person(f"T{n}", f"Name{n}", f"Surname{n}") for n in range(1, 8)) + (Person("C", "Clara", "Clerk"),)
    appointments = tuple(Appointment(f"T{n}", Role.TRUSTEE, "Board", date(2024, 9, 1)) for n in range(1, 7))
    appointments += (Appointment("C", Role.GOVERNANCE_PROFESSIONAL, "Board", date(2024, 9, 1)),
                     Appointment("T7", Role.TRUSTEE, "Board", date(2024, 9, 1), end=date(2025, 12, 31)))
    meetings = (Meeting("B1", "Board", date(2025, 11, 18)), Meeting("B2", "Board", ON),
                Meeting("B3", "Board", date(2026, 3, 17), status=MeetingStatus.CANCELLED),
                Meeting("B4", "Board", date(2026, 5, 12), status=MeetingStatus.SCHEDULED))
    agenda = tuple(AgendaItem("B2", str(n), f"Item {n}") for n in range(1, 6))
    values = dict(people=people, appointments=appointments, meetings=meetings, agenda=agenda)
    values.update(kw)
    return TrustSnapshot(**values)


def test_standing_agenda_and_where_business_goes():
    items = standing_agenda("B9")
    assert [i.title for i in items] == [
        "Welcome, apologies and quorum", "Declarations of interest",
        "Minutes of the last meeting and matters arising", "Any other business", "Date of the next meeting"]
    assert [i.item for i in items] == ["1", "2", "3", "4", "5"] and all(i.standing for i in items)
    assert business_insert_position(items) == 3
    assert business_insert_position(items[:3]) == 3
    assert business_insert_position([]) == 0


def test_next_label():
    assert next_label("8") == "9" and next_label("4.2") == "4.3" and next_label(None) == "1"
    assert next_label("4a") == "5a" and next_label("AOB") == "AOB.1"


def _apply(snapshot: TrustSnapshot, edit) -> TrustSnapshot:
    changes = [(old, new) for _, old, new in edit.changes()]
    return snapshot.with_records(changes)


def test_insert_moves_the_later_items_and_what_refers_to_them():
    snap = _trust(
        item_attendance=(ItemAttendance("B2", "4", "T1", ItemPresence.WITHDREW),),
        actions=(Action("A001", "B2", "Do it", date(2026, 2, 1), item="5"),),
        pay_decisions=(PayDecision("D1", "T1", ON, 100, meeting_id="B2", decision_item="4"),),
        rpt_agreements=(RptAgreement("R1", "Org Ltd", Direction.EXPENDITURE, decision_meeting_id="B2",
                                     decision_item="5"),),
    )
    edit = insert_item(snap, "B2", AgendaItem("B2", "", "Budget"), position=3)
    after = _apply(snap, edit)
    assert [(i.item, i.title) for i in after.agenda_by_meeting["B2"]] == [
        ("1", "Item 1"), ("2", "Item 2"), ("3", "Item 3"), ("4", "Budget"), ("5", "Item 4"), ("6", "Item 5")]
    assert [(r.item, r.person_id) for r in after.item_attendance] == [("5", "T1")]
    assert after.actions[0].item == "6"
    assert after.pay_decisions[0].decision_item == "5"
    assert after.rpt_agreements[0].decision_item == "6"
    assert validate_registers(after) == []


def test_insert_goes_before_the_closing_standing_items_by_default():
    snap = _trust(agenda=tuple(standing_agenda("B2")))
    after = _apply(snap, insert_item(snap, "B2", AgendaItem("B2", "", "Finance report")))
    assert [i.title for i in after.agenda_by_meeting["B2"]][3:] == [
        "Finance report", "Any other business", "Date of the next meeting"]
    empty = _trust(agenda=())
    after = _apply(empty, insert_item(empty, "B2", AgendaItem("B2", "", "Only item")))
    assert [(i.item, i.title) for i in after.agenda] == [("1", "Only item")]


def test_move_swaps_two_items_and_their_records():
    snap = _trust(item_attendance=(ItemAttendance("B2", "2", "T1", ItemPresence.DECLARED_INTEREST),
                                   ItemAttendance("B2", "3", "T1", ItemPresence.DECLARED_INTEREST)))
    after = _apply(snap, move_item(snap, "B2", "2", +1))
    assert [i.title for i in after.agenda_by_meeting["B2"]] == ["Item 1", "Item 3", "Item 2", "Item 4", "Item 5"]
    # Both rows swapped items without colliding on (meeting, item, person, what) half-way.
    assert sorted(r.item for r in after.item_attendance) == ["2", "3"]
    assert move_item(snap, "B2", "1", -1).changes() == []  # already first
    assert move_item(snap, "B2", "5", +1).changes() == []  # already last


def test_remove_closes_the_gap_and_lets_go_of_the_item():
    snap = _trust(
        item_attendance=(ItemAttendance("B2", "2", "T1", ItemPresence.WITHDREW),
                         ItemAttendance("B2", "4", "T2", ItemPresence.WITHDREW)),
        actions=(Action("A001", "B2", "Do it", date(2026, 2, 1), item="2"),),
        pay_decisions=(PayDecision("D1", "T1", ON, 100, meeting_id="B2", decision_item="2"),),
    )
    after = _apply(snap, remove_item(snap, "B2", "2"))
    assert [(i.item, i.title) for i in after.agenda_by_meeting["B2"]] == [
        ("1", "Item 1"), ("2", "Item 3"), ("3", "Item 4"), ("4", "Item 5")]
    assert [(r.item, r.person_id) for r in after.item_attendance] == [("3", "T2")]
    assert after.actions[0].item is None and after.actions[0].meeting_id == "B2"
    assert after.pay_decisions[0].decision_item is None and after.pay_decisions[0].meeting_id == "B2"
    assert validate_registers(after) == []


def test_item_presence_per_item():
    snap = _trust(
        attendance=(AttendanceRecord("B2", "T1", Attendance.PRESENT), AttendanceRecord("B2", "T2", Attendance.PRESENT),
                    AttendanceRecord("B2", "T3", Attendance.PRESENT),
                    AttendanceRecord("B2", "T4", Attendance.APOLOGIES_ACCEPTED)),
        item_attendance=(ItemAttendance("B2", "3", "T1", ItemPresence.WITHDREW),
                         ItemAttendance("B2", "3", "T2", ItemPresence.LEFT),
                         ItemAttendance("B2", "4", "T3", ItemPresence.ARRIVED),
                         ItemAttendance("B2", "2", "T5", ItemPresence.ARRIVED)),
    )
    index = ItemPresenceIndex(snap, "B2")
    room = {item: sorted(p for p in ("T1", "T2", "T3", "T4", "T5") if index.in_room(p, item))
            for item in ("1", "2", "3", "4", "5")}
    assert room == {"1": ["T1", "T2"], "2": ["T1", "T2", "T5"], "3": ["T5"],
                    "4": ["T1", "T3", "T5"], "5": ["T1", "T3", "T5"]}
    assert index.withdrew("T1", "3") and not index.withdrew("T1", "4")
    assert index.withdrew("T2", "5") and index.withdrew("T3", "2")
    assert not index.withdrew("T4", "3")  # simply not there: nothing records a withdrawal


def test_conflicts_at_an_item_include_relatives():
    snap = _trust(
        relationships=(PersonRelationship("T2", "T1", Relationship.SPOUSE),),
        pay_decisions=(PayDecision("D1", "T1", ON, 100, meeting_id="B2", decision_item="4"),),
        rpt_agreements=(RptAgreement("R1", "Reed Ltd", Direction.EXPENDITURE, related_person_id="T3",
                                     decision_meeting_id="B2", decision_item="4"),),
    )
    conflicts = conflicts_at_item(snap, snap.meeting_by_id["B2"], "4")
    assert [(c.person_id, c.reason) for c in conflicts] == [
        ("T1", "their own pay"), ("T2", "a relative's pay"), ("T3", "their interest in Reed Ltd")]
    assert conflicts_at_item(snap, snap.meeting_by_id["B2"], "3") == []


def test_quorum_expected_and_members():
    snap = _trust()
    assert quorum_on(snap, "Board", ON) == 3  # 6 trustees: a third is 2, at least 3
    many = _trust(appointments=tuple(Appointment(f"T{n}", Role.TRUSTEE, "Board", date(2024, 9, 1))
                                     for n in range(1, 14)))
    assert quorum_on(many, "Board", ON) == 5  # 13 trustees: a third rounded up
    own = _trust(bodies=(Body("Board", BodyType.BOARD, quorum=4), Body("ARC", BodyType.AUDIT_AND_RISK)))
    assert quorum_on(own, "Board", ON) == 4 and quorum_on(own, "ARC", ON) == 3
    assert sorted(body_members_on(snap, "Board", ON)) == [f"T{n}" for n in range(1, 7)]
    assert "T7" in body_members_on(snap, "Board", date(2025, 12, 31))
    expected = expected_attendees(snap, snap.meeting_by_id["B2"])
    assert expected["C"] == "Governance professional" and "T7" not in expected


def test_previous_and_next_meetings():
    snap = _trust()
    assert previous_meeting(snap, snap.meeting_by_id["B2"]).id == "B1"
    assert previous_meeting(snap, snap.meeting_by_id["B1"]) is None
    assert next_meeting(snap, ON).id == "B2"  # on the day itself
    assert next_meeting(snap, date(2026, 1, 21)).id == "B4"  # B3 is cancelled
    assert next_meeting(snap, date(2026, 6, 1)) is None
    assert next_meeting(TrustSnapshot(), ON) is None


def test_action_states_and_open_actions():
    snap = _trust(actions=(
        Action("A001", "B1", "Overdue one", date(2026, 1, 10)),
        Action("A002", "B1", "Due later", date(2026, 2, 10)),
        Action("A003", "B1", "Done", date(2026, 1, 10), status=ActionStatus.DONE, done_on=date(2026, 1, 5)),
        Action("A004", "B1", "Dropped", date(2026, 1, 10), status=ActionStatus.DROPPED),
        Action("A005", "B2", "From today's meeting", date(2026, 3, 1)),
    ))
    states = {a.id: action_state(a, ON) for a in snap.actions}
    assert states == {"A001": "Overdue", "A002": "Open", "A003": "Done", "A004": "Dropped", "A005": "Open"}
    assert action_state(snap.actions[2], date(2026, 1, 4)) == "Open"  # not done yet then
    assert [a.id for a in open_actions(snap, ON)] == ["A001", "A002", "A005"]
    assert [a.id for a in open_actions(snap, ON, before=date(2026, 1, 19))] == ["A001", "A002"]
    assert suggest_action_id(a.id for a in snap.actions) == "A006"
    assert suggest_action_id([]) == "A001"
