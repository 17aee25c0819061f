from dataclasses import replace
from datetime import date

from govboard.domain.enums import AppointedBy, Attendance, BodyType, MeetingStatus, Role
from govboard.domain.model import Academy, Body
from govboard.rules import run_checks

from .factory import AS_OF, LGB


def _without_meetings(trust, *meeting_ids):
    trust.meetings = [m for m in trust.meetings if m.id not in meeting_ids]


def test_brd_01_three_meetings_last_year_is_enough(trust):
    _without_meetings(trust, "B5")  # 2024/25 had B2, B3, B4, B5
    assert not trust.fires("BRD-01")
    _without_meetings(trust, "B4")
    [finding] = trust.findings("BRD-01")
    assert finding.evidence["academic_year"] == "2024/25"


def test_brd_01_history_caveat(trust):
    _without_meetings(trust, "B1", "B3", "B4", "B5")
    result = run_checks(trust.snapshot(), AS_OF, only=["BRD-01"])
    assert result.findings == []
    assert result.silent and result.silent[0][0] == "BRD-01"
    assert "1 board meeting is recorded as held in 2024/25, but none before" in result.silent[0][1]


def test_brd_01_runs_without_history_when_the_year_had_three_meetings(trust):
    """Meetings not entered can only add to a year: three held are enough whatever history is
    missing, so the rule runs (the sample trust said it 'could not run' beside 7 meetings)."""
    _without_meetings(trust, "B1")  # no board meeting before the last completed year
    result = run_checks(trust.snapshot(), AS_OF, only=["BRD-01"])
    assert result.findings == [] and result.silent == []
    _without_meetings(trust, "B5", "B4")  # two held: may be missing history, so silent
    result = run_checks(trust.snapshot(), AS_OF, only=["BRD-01"])
    assert result.findings == [] and [r for r, _ in result.silent] == ["BRD-01"]


def test_brd_02_counts_held_and_scheduled_this_year(trust):
    assert not trust.fires("BRD-02")  # B6, B7 held; B8, B9 scheduled
    _without_meetings(trust, "B8")
    assert not trust.fires("BRD-02")
    trust.meetings = [replace(m, status=MeetingStatus.CANCELLED) if m.id == "B9" else m
                      for m in trust.meetings]
    [finding] = trust.findings("BRD-02")
    assert finding.evidence["meetings"] == ["B6", "B7"]


def test_brd_03_quorum(trust):
    for person_id in ("T4", "T5", "T6"):
        trust.attend("B7", person_id, Attendance.APOLOGIES_ACCEPTED)
    assert not trust.fires("BRD-03")  # 3 of 6 present: quorum is max(3, 2)
    trust.attend("B7", "T3", Attendance.ABSENT)
    [finding] = trust.findings("BRD-03")
    assert (finding.subject.kind, finding.subject.key) == ("meeting", "B7")
    assert finding.evidence["quorum"] == 3


def test_brd_03_a_third_of_a_large_board(trust):
    for n in range(7, 13):  # 12 trustees: quorum max(3, 4) = 4
        trust.governor(f"T{n}", "Extra", f"Trustee{n}", Role.TRUSTEE)
    # Present at B7: T1..T6 only (the extra trustees were added after attendance was taken).
    assert not trust.fires("BRD-03")
    for person_id in ("T4", "T5", "T6"):
        trust.attend("B7", person_id, Attendance.ABSENT)
    assert trust.fires("BRD-03")


def test_brd_03_looks_back_12_months_only(trust):
    for person_id in ("T2", "T3", "T4", "T5", "T6"):
        trust.attend("B4", person_id, Attendance.ABSENT)  # 2025-03-01: more than 12 months ago
    assert not trust.fires("BRD-03")


def test_brd_04_papers_seven_clear_days(trust):
    trust.meetings = [replace(m, papers_sent_on=date(2025, 11, 23)) if m.id == "B7" else m
                      for m in trust.meetings]  # 8 days before 1 December: 7 clear days
    assert not trust.fires("BRD-04")
    trust.meetings = [replace(m, papers_sent_on=date(2025, 11, 24)) if m.id == "B7" else m
                      for m in trust.meetings]
    [finding] = trust.findings("BRD-04")
    assert finding.subject.key == "B7"
    trust.meetings = [replace(m, papers_sent_on=None) if m.id == "B7" else m for m in trust.meetings]
    assert "No date is recorded" in trust.findings("BRD-04")[0].message


def test_com_01_terms_of_reference(trust):
    trust.bodies = [replace(b, tor_reviewed_on=date(2025, 3, 2)) for b in trust.bodies]
    assert not trust.fires("COM-01")
    trust.bodies = [replace(b, tor_reviewed_on=date(2025, 3, 1)) if b.name == LGB else b
                    for b in trust.bodies]
    [finding] = trust.findings("COM-01")
    assert (finding.subject.kind, finding.subject.key) == ("body", LGB)


def test_com_01_missing_review_date(trust):
    trust.bodies.append(Body("Finance committee", BodyType.FINANCE))
    [finding] = trust.findings("COM-01")
    assert finding.subject.key == "Finance committee"


def test_com_02_trustees_majority(trust):
    trust.person("X1", "Co", "Opted")
    trust.role("X1", Role.COMMITTEE_MEMBER, "Audit and risk committee")
    assert not trust.fires("COM-02")  # 3 trustees of 4
    trust.person("X2", "Co", "Opted2")
    trust.role("X2", Role.COMMITTEE_MEMBER, "Audit and risk committee")
    trust.person("X3", "Co", "Opted3")
    trust.role("X3", Role.COMMITTEE_MEMBER, "Audit and risk committee")
    [finding] = trust.findings("COM-02")  # 3 of 6: not a majority
    assert finding.subject.key == "Audit and risk committee"


def test_com_02_ignores_lgbs(trust):
    trust.person("X1", "Local", "Only")
    for n in range(5):
        trust.role("X1", Role.LOCAL_GOVERNOR, LGB, start=date(2020 + n, 1, 1), end=date(2020 + n, 6, 1))
    assert not trust.fires("COM-02")


def test_lgb_01_two_parent_governors(trust):
    assert not trust.fires("LGB-01")
    trust.change_roles("L3", Role.LOCAL_GOVERNOR, appointed_by=AppointedBy.GB_BOARD)
    [finding] = trust.findings("LGB-01")
    assert finding.subject.key == LGB
    assert finding.evidence["parent_governors"] == ["L2"]


def test_lgb_01_ignores_academies_that_left(trust):
    trust.change_roles("L3", Role.LOCAL_GOVERNOR, appointed_by=AppointedBy.GB_BOARD)
    trust.academies = [replace(a, left_on=date(2025, 8, 31)) for a in trust.academies]
    assert not trust.fires("LGB-01")


def test_lgb_02_no_chair(trust):
    assert not trust.fires("LGB-02")
    trust.remove_roles("L1", Role.LGB_CHAIR)
    [finding] = trust.findings("LGB-02")
    assert finding.message == f"{LGB} has no chair in office."


def test_lgb_rules_cover_every_lgb(trust):
    trust.academies.append(Academy("100002", "Elm Academy"))
    trust.bodies.append(Body("Elm LGB", BodyType.LOCAL_GOVERNING_BODY, academy_urns=("100002",),
                             tor_reviewed_on=date(2025, 10, 1)))
    assert [f.subject.key for f in trust.findings("LGB-02")] == ["Elm LGB"]
    assert [f.subject.key for f in trust.findings("LGB-01")] == ["Elm LGB"]
