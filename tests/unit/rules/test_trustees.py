from datetime import date
from fractions import Fraction

from govboard.domain.enums import AppointedBy, Attendance, MeetingStatus, Role, Severity

from .factory import AS_OF, LGB


def test_tru_01_boundary(trust):
    for person_id in ("T4", "T5", "T6"):
        trust.remove_roles(person_id)
    assert not trust.fires("TRU-01")  # exactly 3
    trust.remove_roles("T3")
    [finding] = trust.findings("TRU-01")
    assert finding.subject.key == "Board"
    assert finding.evidence["trustees_in_office"] == 2


def test_tru_02_employee_trustees_over_a_third(trust):
    # 6 trustees: floor(6/3) = 2 employees allowed.
    trust.employ("T5")
    trust.employ("T6")
    assert not trust.fires("TRU-02")
    trust.employ("T4")
    [finding] = trust.findings("TRU-02")
    assert finding.evidence["allowed"] == 2
    assert finding.evidence["employee_trustees"] == ["T4", "T5", "T6"]


def test_tru_02_uses_the_cap_setting(trust):
    trust.employ("T6")
    trust.set(employee_trustee_cap=Fraction(1, 10))  # floor(0.6) = 0
    assert trust.fires("TRU-02")


def test_tru_03_employee_trustee_other_than_ceo(trust):
    trust.role("CEO", Role.TRUSTEE, start=date(2023, 9, 1), term_end=date(2027, 8, 31))
    assert not trust.fires("TRU-03")  # the chief executive may be a trustee
    trust.employ("T3")
    [finding] = trust.findings("TRU-03")
    assert finding.subject.key == "T3"
    assert finding.severity == Severity.SHOULD


def test_tru_04_term_boundary(trust):
    trust.change_roles("T3", Role.TRUSTEE, start=date(2025, 9, 1), term_end=date(2029, 9, 1))
    assert not trust.fires("TRU-04")
    trust.change_roles("T3", Role.TRUSTEE, term_end=date(2029, 9, 2))
    [finding] = trust.findings("TRU-04")
    assert finding.subject.key == "T3"
    assert finding.evidence["appointments"][0]["latest_allowed"] == "2029-09-01"


def test_tru_04_ex_officio_exempt_and_local_governors_included(trust):
    trust.change_roles("L2", Role.LOCAL_GOVERNOR, start=date(2025, 9, 1), term_end=date(2030, 9, 1))
    assert [f.subject.key for f in trust.findings("TRU-04")] == ["L2"]
    trust.change_roles("L2", Role.LOCAL_GOVERNOR, appointed_by=AppointedBy.EX_OFFICIO_HEADTEACHER)
    assert not trust.fires("TRU-04")


def test_tru_04_one_finding_lists_every_offending_appointment(trust):
    trust.change_roles("T3", Role.TRUSTEE, term_end=date(2030, 1, 1))
    trust.role("T3", Role.LOCAL_GOVERNOR, LGB, start=date(2024, 1, 1), term_end=date(2029, 1, 1))
    [finding] = trust.findings("TRU-04")
    assert len(finding.evidence["appointments"]) == 2


def test_tru_05_term_ending_on_as_of_is_still_in_term(trust):
    trust.change_roles("T3", Role.TRUSTEE, start=date(2022, 3, 2), term_end=AS_OF)
    [finding] = trust.findings("TRU-05")
    assert finding.severity == Severity.ADVICE  # ending (today), not ended


def test_tru_05_in_office_after_term_end(trust):
    trust.change_roles("T3", Role.TRUSTEE, start=date(2022, 2, 28), term_end=date(2026, 2, 28))
    [finding] = trust.findings("TRU-05")
    assert finding.severity == Severity.MUST
    assert "still in office after their term ended" in finding.message


def test_tru_05_reappointment_clears_it(trust):
    trust.change_roles("T3", Role.TRUSTEE, start=date(2022, 2, 28), term_end=date(2026, 2, 28),
                       end=date(2026, 2, 28))
    trust.role("T3", Role.TRUSTEE, start=date(2026, 3, 1), term_end=date(2030, 2, 28))
    assert not trust.fires("TRU-05")


def test_tru_05_warning_window(trust):
    trust.change_roles("T3", Role.TRUSTEE, term_end=date(2026, 4, 30))  # 60 days after as_of
    [finding] = trust.findings("TRU-05")
    assert finding.severity == Severity.ADVICE
    trust.change_roles("T3", Role.TRUSTEE, term_end=date(2026, 5, 1))  # 61 days
    assert not trust.fires("TRU-05")


def _absent(trust, person_id, attendance):
    for meeting_id in ("B6", "B7"):  # the board meetings in the absence window
        trust.attend(meeting_id, person_id, attendance)


def test_tru_06_absent_from_every_board_meeting(trust):
    _absent(trust, "T4", Attendance.ABSENT)
    [finding] = trust.findings("TRU-06")
    assert finding.subject.key == "T4"
    assert [m["meeting"] for m in finding.evidence["meetings"]] == ["B6", "B7"]


def test_tru_06_silent_when_all_apologies_accepted(trust):
    _absent(trust, "T4", Attendance.APOLOGIES_ACCEPTED)
    assert not trust.fires("TRU-06")
    trust.attend("B7", "T4", Attendance.APOLOGIES_NOT_ACCEPTED)
    assert trust.fires("TRU-06")


def test_tru_06_one_attendance_is_enough(trust):
    trust.attend("B6", "T4", Attendance.ABSENT)
    assert not trust.fires("TRU-06")


def test_tru_06_needs_office_for_the_whole_window(trust):
    trust.change_roles("T4", Role.TRUSTEE, start=date(2025, 9, 3))
    _absent(trust, "T4", Attendance.ABSENT)
    assert not trust.fires("TRU-06")


def test_tru_06_history_caveat(trust):
    from govboard.rules import run_checks

    _absent(trust, "T4", Attendance.ABSENT)
    trust.meetings = [m for m in trust.meetings if m.id in ("B6", "B7")]
    result = run_checks(trust.snapshot(), AS_OF, only=["TRU-06"])
    assert result.findings == []
    assert [rule_id for rule_id, _ in result.silent] == ["TRU-06"]


def test_tru_06_cancelled_meetings_do_not_count(trust):
    _absent(trust, "T4", Attendance.ABSENT)
    trust.meetings = [
        m if m.id != "B6" else type(m)(m.id, m.body, m.date, status=MeetingStatus.CANCELLED)
        for m in trust.meetings
    ]
    [finding] = trust.findings("TRU-06")
    assert [m["meeting"] for m in finding.evidence["meetings"]] == ["B7"]
