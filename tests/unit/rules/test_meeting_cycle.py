"""The meeting cycle (rulebook v2): conflicts read per agenda item (PAY-04, RPT-06) and MTG-01..04.

The healthy trust's board meeting B6 (1 October 2025) decides the CEO's pay (D1) and agreement A1
with Una Reed's company (T2); all six trustees attend every board meeting; the ARC (T2 chair, T3
and T4) meets A1..A4; each meeting's minutes are approved at the next.
"""

from dataclasses import replace
from datetime import date

from govboard.domain.enums import (
    ActionStatus,
    Attendance,
    BodyType,
    ItemPresence,
    MeetingStatus,
    Relationship,
    Role,
    Severity,
)
from govboard.domain.model import (
    Action,
    AgendaItem,
    Body,
    ItemAttendance,
    PayDecision,
    PersonRelationship,
)

from .factory import ARC, AS_OF, LGB, pounds


def _agenda(trust, meeting_id, *labels):
    for label in labels:
        trust.agenda.append(AgendaItem(meeting_id, label, f"Item {label}"))


def _at_item(trust, meeting_id, item, person_id, what, voted=None):
    trust.item_attendance.append(ItemAttendance(meeting_id, item, person_id, what, voted=voted))


def _pay(trust, **changes):
    trust.pay_decisions = [replace(d, **changes) if d.id == "D1" else d for d in trust.pay_decisions]


def _rpt(trust, **changes):
    trust.rpt_agreements = [replace(a, **changes) if a.id == "A1" else a for a in trust.rpt_agreements]


def _meeting(trust, meeting_id, **changes):
    trust.meetings = [replace(m, **changes) if m.id == meeting_id else m for m in trust.meetings]


def _absent(trust, meeting_id, *person_ids):
    for pid in person_ids:
        trust.attend(meeting_id, pid, Attendance.APOLOGIES_ACCEPTED)


# --- PAY-04: per item ---------------------------------------------------------------------------


def test_pay_04_withdrawal_at_the_item_is_enough_whatever_the_attendance(trust):
    _agenda(trust, "B6", "1", "2", "5")
    trust.attend("B6", "CEO")
    _pay(trust, subject_withdrew=None, decision_item="5")
    assert trust.findings("PAY-04")[0].severity == Severity.ADVICE  # attended, nothing said
    _at_item(trust, "B6", "5", "CEO", ItemPresence.DECLARED_INTEREST)
    _at_item(trust, "B6", "5", "CEO", ItemPresence.WITHDREW)
    assert not trust.fires("PAY-04")


def test_pay_04_declared_interest_without_withdrawing_is_a_must(trust):
    _agenda(trust, "B6", "1", "5")
    trust.attend("B6", "CEO")
    _pay(trust, decision_item="5")  # the decision says they withdrew...
    _at_item(trust, "B6", "5", "CEO", ItemPresence.DECLARED_INTEREST)  # ...the item record says not
    [finding] = trust.findings("PAY-04")
    assert finding.severity == Severity.MUST
    assert finding.evidence["present"] == ["CEO"]
    assert "declared an interest at item 5" in finding.message


def test_pay_04_a_vote_recorded_at_the_item_is_a_must(trust):
    _agenda(trust, "B6", "5")
    trust.attend("B6", "CEO")
    _pay(trust, decision_item="5")
    _at_item(trust, "B6", "5", "CEO", ItemPresence.DECLARED_INTEREST, voted=True)
    assert trust.findings("PAY-04")[0].severity == Severity.MUST


def test_pay_04_left_before_or_arrived_after_the_item_counts_as_out(trust):
    _agenda(trust, "B6", "3", "5", "7")
    trust.attend("B6", "CEO")
    _pay(trust, subject_withdrew=None, decision_item="5")
    _at_item(trust, "B6", "3", "CEO", ItemPresence.LEFT)
    assert not trust.fires("PAY-04")
    trust.item_attendance.clear()
    _at_item(trust, "B6", "7", "CEO", ItemPresence.ARRIVED)
    assert not trust.fires("PAY-04")
    trust.item_attendance.clear()
    _at_item(trust, "B6", "5", "CEO", ItemPresence.ARRIVED)  # arrived for that very item
    assert trust.findings("PAY-04")[0].severity == Severity.MUST


def test_pay_04_relative_recorded_as_withdrawing_is_silent(trust):
    trust.relationships.append(PersonRelationship("T5", "CEO", Relationship.SIBLING))
    _agenda(trust, "B6", "5")
    _pay(trust, decision_item="5")
    assert trust.findings("PAY-04")[0].severity == Severity.ADVICE  # T5 at the meeting
    _at_item(trust, "B6", "5", "T5", ItemPresence.WITHDREW)
    assert not trust.fires("PAY-04")


def test_pay_04_a_meeting_after_the_check_date_is_no_evidence(trust):
    trust.attend("B6", "CEO")
    _pay(trust, subject_withdrew=None)
    assert not trust.fires("PAY-04", as_of=date(2025, 9, 30))  # B6 is on 1 October 2025
    assert trust.fires("PAY-04", as_of=date(2025, 10, 1))


def test_pay_04_a_decision_taken_after_the_check_date_is_no_evidence_even_when_it_says_so(trust):
    _pay(trust, subject_withdrew=False)  # the record says the subject stayed: a must once decided
    assert not trust.fires("PAY-04", as_of=date(2025, 9, 30))
    assert trust.findings("PAY-04", as_of=date(2025, 10, 1))[0].severity == Severity.MUST


# --- RPT-06: the same reading ---------------------------------------------------------------------


def test_rpt_06_an_agreement_decided_after_the_check_date_is_no_evidence(trust):
    _rpt(trust, conflicted_withdrew=False)
    assert not trust.fires("RPT-06", as_of=date(2025, 9, 30))  # decided at B6, 1 October 2025
    assert trust.findings("RPT-06", as_of=date(2025, 10, 1))[0].severity == Severity.MUST
    _rpt(trust, decision_meeting_id=None, confirmed_on=date(2025, 11, 1))
    assert not trust.fires("RPT-06", as_of=date(2025, 10, 31))
    assert trust.fires("RPT-06", as_of=date(2025, 11, 1))


def test_rpt_06_reads_the_deciding_item(trust):
    assert not trust.fires("RPT-06")  # A1: T2 present at B6, the agreement says they withdrew
    _rpt(trust, conflicted_withdrew=None)
    assert trust.findings("RPT-06")[0].severity == Severity.ADVICE
    _agenda(trust, "B6", "4")
    _rpt(trust, decision_item="4")
    _at_item(trust, "B6", "4", "T2", ItemPresence.WITHDREW)
    assert not trust.fires("RPT-06")
    trust.item_attendance.clear()
    _rpt(trust, conflicted_withdrew=True)
    _at_item(trust, "B6", "4", "T2", ItemPresence.DECLARED_INTEREST)
    [finding] = trust.findings("RPT-06")
    assert finding.severity == Severity.MUST and finding.evidence["present"] == ["T2"]


def test_rpt_06_relative_of_the_related_person(trust):
    trust.relationships.append(PersonRelationship("T2", "T4", Relationship.SPOUSE))
    _agenda(trust, "B6", "4")
    _rpt(trust, decision_item="4")
    _at_item(trust, "B6", "4", "T4", ItemPresence.DECLARED_INTEREST, voted=True)
    [finding] = trust.findings("RPT-06")
    assert finding.severity == Severity.MUST
    assert "Will Young (a relative)" in finding.message


# --- MTG-01 -------------------------------------------------------------------------------------


def test_mtg_01_quorum_of_unconflicted_trustees_at_the_item(trust):
    # Six trustees in office: the quorum is max(3, a third of 6) = 3. A1 conflicts T2.
    _absent(trust, "B6", "T5", "T6")
    assert not trust.fires("MTG-01")  # T1, T3, T4 present and free of the conflict: exactly 3
    _agenda(trust, "B6", "3", "4")
    _rpt(trust, decision_item="4")
    _at_item(trust, "B6", "4", "T4", ItemPresence.WITHDREW)
    [finding] = trust.findings("MTG-01")
    assert (finding.subject.kind, finding.subject.key) == ("meeting", "B6")
    [decision] = finding.evidence["decisions"]
    assert decision == {"decision": "A1", "kind": "agreement", "item": "4", "conflicted": ["T2"],
                        "present_not_conflicted": ["T1", "T3"]}
    assert finding.evidence["quorum"] == 3
    assert "2 trustees present who were not conflicted" in finding.message
    # Someone who withdrew from another item still counts for this one.
    trust.item_attendance.clear()
    _at_item(trust, "B6", "3", "T4", ItemPresence.WITHDREW)
    assert not trust.fires("MTG-01")


def test_mtg_01_relatives_are_conflicted_too(trust):
    _absent(trust, "B6", "T5", "T6")
    trust.relationships.append(PersonRelationship("T2", "T3", Relationship.PARTNER))
    [finding] = trust.findings("MTG-01")
    assert finding.evidence["decisions"][0]["conflicted"] == ["T2", "T3"]


def test_mtg_01_the_bodys_own_quorum(trust):
    _absent(trust, "B6", "T5", "T6")
    trust.bodies.append(Body("Board", BodyType.BOARD, quorum=4))
    assert trust.findings("MTG-01")[0].evidence["quorum"] == 4


def test_mtg_01_committee_decision_counts_committee_members(trust):
    # ARC: T2, T3, T4 (default committee quorum 3); a pay decision for T3 taken there leaves 2.
    trust.pay_decisions.append(PayDecision("D9", "T3", date(2026, 1, 10), pounds(5_000),
                                           decided_by=ARC, meeting_id="A4"))
    [finding] = trust.findings("MTG-01")
    assert finding.subject.key == "A4"
    assert "2 members present" in finding.message
    # Not yet held as at an earlier date: no evidence, no finding.
    assert not trust.fires("MTG-01", as_of=date(2026, 1, 9))


def test_mtg_01_ignores_lgb_meetings_and_unconflicted_decisions(trust):
    trust.meeting("L9", LGB, date(2025, 11, 1))
    trust.pay_decisions.append(PayDecision("D9", "L1", date(2025, 11, 1), pounds(5_000), meeting_id="L9"))
    _absent(trust, "B6", "T3", "T4", "T5", "T6")  # two trustees left at B6
    assert trust.fires("MTG-01")
    _rpt(trust, related_person_id=None)  # an agreement with no related person conflicts no one
    _pay(trust, meeting_id=None)
    assert [f.subject.key for f in trust.findings("MTG-01")] == []


# --- MTG-02 -------------------------------------------------------------------------------------


def test_mtg_02_minutes_approved_by_the_next_meeting(trust):
    assert not trust.fires("MTG-02")
    _meeting(trust, "B6", minutes_approved_on=None, minutes_approved_at=None)
    [finding] = trust.findings("MTG-02")
    assert finding.subject.key == "B6"
    assert finding.evidence["next_meeting"] == "B7"
    assert "are not recorded as approved" in finding.message
    _meeting(trust, "B6", minutes_approved_on=date(2025, 12, 1))  # on the day of B7: in time
    assert not trust.fires("MTG-02")
    _meeting(trust, "B6", minutes_approved_on=date(2025, 12, 2))
    assert "were approved on 2 December 2025" in trust.findings("MTG-02")[0].message


def test_mtg_02_only_once_the_body_has_met_again_and_within_12_months(trust):
    _meeting(trust, "B7", minutes_approved_on=None)  # B8 is only scheduled
    assert not trust.fires("MTG-02")
    _meeting(trust, "B8", status=MeetingStatus.HELD, date=AS_OF)
    assert [f.subject.key for f in trust.findings("MTG-02")] == ["B7"]
    _meeting(trust, "B8", date=date(2026, 3, 2))  # held after the check date: not yet
    assert not trust.fires("MTG-02")
    _meeting(trust, "B4", minutes_approved_on=None)  # 1 March 2025
    assert not trust.fires("MTG-02")  # more than 12 months before 1 March 2026
    assert [f.subject.key for f in trust.findings("MTG-02", as_of=date(2026, 2, 28))] == ["B4"]


# --- MTG-03 -------------------------------------------------------------------------------------


def test_mtg_03_overdue_actions_one_finding_per_meeting(trust):
    trust.actions.append(Action("X1", "B7", "Write to the auditors", date(2026, 3, 1), owner="T1"))
    assert not trust.fires("MTG-03")  # due on the check date: not overdue yet
    trust.actions[0] = replace(trust.actions[0], due_date=date(2026, 2, 28))
    [finding] = trust.findings("MTG-03")
    assert finding.severity == Severity.ADVICE and finding.subject.key == "B7"
    assert "Write to the auditors (Tom Chair), due 28 February 2026" in finding.message
    trust.actions.append(Action("X2", "B7", "Book the venue", date(2026, 1, 5), owner="Caretaker"))
    [finding] = trust.findings("MTG-03")
    assert [a["id"] for a in finding.evidence["actions"]] == ["X2", "X1"]
    assert finding.message.startswith("2 actions from the Board meeting on 1 December 2025 are overdue")


def test_mtg_03_done_dropped_and_done_after_the_check_date(trust):
    trust.actions.append(Action("X1", "B7", "Write to the auditors", date(2026, 2, 1),
                                status=ActionStatus.DONE, done_on=date(2026, 2, 20)))
    trust.actions.append(Action("X2", "B7", "Book the venue", date(2026, 2, 1), status=ActionStatus.DROPPED))
    assert not trust.fires("MTG-03")
    trust.actions[0] = replace(trust.actions[0], done_on=date(2026, 3, 5))  # done after as_of
    assert [a["id"] for a in trust.findings("MTG-03")[0].evidence["actions"]] == ["X1"]


def test_mtg_03_ignores_meetings_after_the_check_date(trust):
    trust.actions.append(Action("X1", "B8", "Prepare the budget", date(2026, 2, 1)))
    assert not trust.fires("MTG-03")


# --- MTG-04 -------------------------------------------------------------------------------------


def test_mtg_04_attendance_missing_for_someone_in_office(trust):
    assert not trust.fires("MTG-04")
    trust.attendance = [a for a in trust.attendance if not (a.meeting_id == "B6" and a.person_id == "T3")]
    trust.attendance = [a for a in trust.attendance if not (a.meeting_id == "A4" and a.person_id == "T4")]
    findings = {f.subject.key: f for f in trust.findings("MTG-04")}
    assert set(findings) == {"B6", "A4"}
    assert findings["B6"].evidence["people"] == ["T3"]
    assert "for Vic Stone" in findings["B6"].message


def test_mtg_04_scope_body_dates_and_12_months(trust):
    trust.meeting("L9", LGB, date(2025, 11, 1))  # no attendance recorded: an LGB is out of scope
    trust.attendance = [a for a in trust.attendance if not (a.meeting_id == "B4" and a.person_id == "T3")]
    assert not trust.fires("MTG-04")  # B4 (1 March 2025) is more than 12 months before
    assert [f.subject.key for f in trust.findings("MTG-04", as_of=date(2026, 2, 28))] == ["B4"]
    # A trustee appointed on the meeting's date is in office that day (boundary).
    trust.governor("T7", "Zara", "Lane", Role.TRUSTEE, start=date(2025, 12, 1))
    assert [f.subject.key for f in trust.findings("MTG-04")] == ["B7"]
    trust.change_roles("T7", Role.TRUSTEE, start=date(2025, 12, 2))
    assert not trust.fires("MTG-04")


def test_due_soon_lists_overdue_actions_only(trust):
    from govboard.rules import due_soon

    trust.actions += [Action("X1", "B7", "Write to the auditors", date(2026, 2, 28), owner="T1"),
                      Action("X2", "B7", "Book the venue", date(2026, 3, 10))]
    due = [i for i in due_soon(trust.snapshot(), AS_OF) if i.kind == "action"]
    assert [(i.subject.kind, i.subject.key, i.overdue) for i in due] == [("action", "X1", True)]
    assert due[0].description == "Write to the auditors (Tom Chair): from the Board meeting on 01/12/2025"
