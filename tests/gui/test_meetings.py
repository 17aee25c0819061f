"""Meetings page: record attendance in the grid, add a meeting, delete one entered in error."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit

from govboard import clock
from govboard.domain import model as m
from govboard.domain.enums import Attendance, MeetingStatus
from govboard.store import TrustFile
from govboard.ui.dialogs import RecordDialog
from govboard.ui.pages.meetings import suggest_meeting_id

from .conftest import DialogDriver, sha256


def _snapshot(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


def test_change_attendance_and_save(qtbot, window, demo_file):
    page = window.show_page("meetings")
    assert page.body_choice.currentData() == m.BOARD_BODY
    held = next(mt for mt in page.table.visible_objects() if mt.status == MeetingStatus.HELD)
    assert page.table.select_where(lambda mt: mt.id == held.id)
    assert page.grid.rowCount() > 3 and page.save_btn.isEnabled()
    assert page.attendance_title.text() == f"Attendance, {held.date:%d %B %Y}"

    row = 1
    pid = page._grid_people[row]
    combo = page.grid.cellWidget(row, 2)
    assert isinstance(combo, QComboBox)
    recorded = {a.person_id: a.attendance for a in _snapshot(demo_file).attendance_by_meeting.get(held.id, [])}
    new_status = (Attendance.APOLOGIES_NOT_ACCEPTED if recorded.get(pid) != Attendance.APOLOGIES_NOT_ACCEPTED
                  else Attendance.PRESENT)
    combo.setCurrentIndex(combo.findText(new_status.value))
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)

    stored = {a.person_id: a.attendance for a in _snapshot(demo_file).attendance_by_meeting.get(held.id, [])}
    assert stored[pid] is new_status
    assert {k: v for k, v in stored.items() if k != pid} == {k: v for k, v in recorded.items() if k != pid}
    # The grid is rebuilt from the file and still shows the new value on the same meeting.
    assert page.table.current().id == held.id
    row = page._grid_people.index(pid)
    assert page.grid.cellWidget(row, 2).currentText() == new_status.value
    assert "Undo" in window.ui.actionUndo.text()

    # Saving again with nothing changed writes nothing.
    batches = len(window.session.file.batches())
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    assert len(window.session.file.batches()) == batches


def test_add_a_meeting(qtbot, window, demo_file):
    page = window.show_page("meetings")
    before = {mt.id for mt in _snapshot(demo_file).meetings}
    when = date(2031, 3, 14)

    def fill(dialog):
        assert isinstance(dialog, RecordDialog)
        meeting_id = dialog.findChild(QLineEdit, "id")
        # A fresh ID following the board's own numbering: its latest meeting's number, one up.
        latest = max((mt for mt in _snapshot(demo_file).meetings if mt.body == m.BOARD_BODY
                      and mt.id[-1].isdigit()), key=lambda mt: mt.date)
        prefix, number = latest.id.rsplit("-", 1)
        assert meeting_id.text() == f"{prefix}-{int(number) + 1}" and meeting_id.text() not in before
        qtbot.keyClicks(dialog.findChild(QLineEdit, "date"), f"{when:%d/%m/%Y}")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "papers_sent_on"), "06/03/2031")
        status = dialog.findChild(QComboBox, "status")
        assert status.currentText() == MeetingStatus.SCHEDULED.value
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    assert page.add_btn.isEnabled()
    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    after = {mt.id: mt for mt in _snapshot(demo_file).meetings}
    (new_id,) = set(after) - before
    new = after[new_id]
    assert (new.body, new.date, new.papers_sent_on, new.status) == (
        m.BOARD_BODY, when, date(2031, 3, 6), MeetingStatus.SCHEDULED)
    assert page.table.current().id == new_id
    assert page.body_choice.currentData() == m.BOARD_BODY
    notice_col = [c.header for c in page.table.model.columns].index("Notice")
    id_col = [c.header for c in page.table.model.columns].index("Meeting ID")
    row = next(r for r in range(page.table.proxy.rowCount())
               if page.table.proxy.index(r, id_col).data() == new_id)
    assert page.table.proxy.index(row, notice_col).data() == "8 days"


@pytest.fixture
def app_style(qapp):
    """The app's own style sheet (its padding widens headers), as the app runs it."""
    from govboard.ui.app import _read_qss
    from govboard.ui.forms import govboard_rc  # noqa: F401 - registers the style sheet

    qapp.setStyleSheet(_read_qss())
    yield
    qapp.setStyleSheet("")


def test_opens_on_the_latest_meeting_held_with_notice_and_present_in_view(qtbot, app_style, window):
    page = window.show_page("meetings")
    qtbot.waitExposed(page)
    as_of = window.session.as_of
    held = [mt for mt in page.table.visible_objects() if mt.date <= as_of]
    assert page.table.current() == max(held, key=lambda mt: mt.date)
    assert page.grid.rowCount() > 3  # the attendance is shown without a click
    # Notice and Present are within the visible width of the meetings list.
    header = page.table.view.horizontalHeader()
    columns = [c.header for c in page.table.model.columns]
    for name in ("Notice", "Present"):
        col = columns.index(name)
        assert header.sectionViewportPosition(col) + header.sectionSize(col) <= page.table.view.viewport().width(), name


def test_choosing_another_meeting_offers_to_save_changed_attendance(qtbot, window, demo_file, messages):
    page = window.show_page("meetings")
    held = [mt for mt in page.table.visible_objects() if mt.status == MeetingStatus.HELD]
    first, second = held[0], held[1]
    assert page.table.select_where(lambda mt: mt.id == first.id)
    pid = page._grid_people[0]
    combo = page.grid.cellWidget(0, 2)
    combo.setCurrentIndex(combo.findText(Attendance.ABSENT.value))
    # Another meeting: the question is asked (the messages fixture answers Yes) and the change saved.
    assert page.table.select_where(lambda mt: mt.id == second.id)
    assert [m_[1] for m_ in messages] == ["Save attendance"]
    qtbot.waitUntil(lambda: "Record attendance" in window.ui.actionUndo.text())
    stored = {a.person_id: a.attendance for a in _snapshot(demo_file).attendance_by_meeting[first.id]}
    assert stored[pid] is Attendance.ABSENT
    assert page.table.current().id == second.id  # and the meeting chosen is shown
    assert "Record attendance" in window.ui.actionUndo.text()
    # No change, no question.
    assert page.table.select_where(lambda mt: mt.id == first.id)
    assert len(messages) == 1


def _plain_board_meeting(snap) -> m.Meeting:
    """A held board meeting that decided no pay or agreement and approved the minutes of the one
    before (the sample trust's IDs and dates follow the day it is built for)."""
    deciding = {d.meeting_id for d in snap.pay_decisions} | {a.decision_meeting_id for a in snap.rpt_agreements}
    approving = {mt.minutes_approved_at for mt in snap.meetings}
    return max((mt for mt in snap.meetings_by_body[m.BOARD_BODY]
                if mt.status == MeetingStatus.HELD and mt.id not in deciding and mt.id in approving
                and snap.actions_by_meeting.get(mt.id)), key=lambda mt: mt.date)


def test_delete_a_meeting_with_its_attendance_and_agenda_in_one_step_and_undo(qtbot, window, demo_file, messages):
    page = window.show_page("meetings")
    snap = _snapshot(demo_file)
    meeting = _plain_board_meeting(snap)
    meeting_id = meeting.id
    attendance = snap.attendance_by_meeting[meeting_id]
    agenda = snap.agenda_by_meeting[meeting_id]
    actions = snap.actions_by_meeting[meeting_id]
    assert len(attendance) >= 10 and len(agenda) == 8 and len(actions) >= 2
    assert page.go_to("meeting", meeting_id)
    assert page.delete_btn.isEnabled()
    batches = len(window.session.file.batches())
    page.table.view.setFocus()
    qtbot.keyClick(page.table.view, Qt.Key.Key_Delete)  # the same as Delete meeting…

    kind, title, text = messages[-1]
    assert (kind, title) == ("question", "Delete meeting")
    assert f"Board meeting on {meeting.date:%d/%m/%Y}" in text
    assert f"{len(attendance)} attendance records, 8 agenda items and {len(actions)} actions go with it" in text
    after = _snapshot(demo_file)
    assert meeting_id not in after.meeting_by_id
    assert meeting_id not in after.attendance_by_meeting and meeting_id not in after.agenda_by_meeting
    assert meeting_id not in after.actions_by_meeting
    # The minutes it approved keep their date and no longer name it.
    approved = next(mt for mt in snap.meetings if mt.minutes_approved_at == meeting_id)
    assert after.meeting_by_id[approved.id].minutes_approved_on == approved.minutes_approved_on
    assert after.meeting_by_id[approved.id].minutes_approved_at is None
    assert len(window.session.file.batches()) == batches + 1  # one undoable step
    assert meeting_id not in {mt.id for mt in page.table.visible_objects()}
    board_meetings = len(snap.meetings_by_body[m.BOARD_BODY])
    assert page.body_choice.currentText() == f"Board ({board_meetings - 1} meetings)"

    window.ui.actionUndo.trigger()
    restored = _snapshot(demo_file)
    assert restored.meeting_by_id[meeting_id] == snap.meeting_by_id[meeting_id]
    assert set(restored.attendance_by_meeting[meeting_id]) == set(attendance)
    assert restored.agenda_by_meeting[meeting_id] == agenda
    assert sorted(restored.actions_by_meeting[meeting_id], key=lambda a: a.id) == sorted(actions, key=lambda a: a.id)
    assert restored.meeting_by_id[approved.id] == approved
    assert page.go_to("meeting", meeting_id)
    assert page.grid.rowCount() == len(attendance)


def test_a_meeting_that_decided_pay_cannot_be_deleted(qtbot, window, demo_file, messages):
    page = window.show_page("meetings")
    decisions = _snapshot(demo_file).pay_decisions
    pay_meeting = decisions[0].meeting_id  # executive pay is decided at the year's last board meeting
    assert page.go_to("meeting", pay_meeting)
    before = sha256(demo_file)
    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)
    kind, title, text = messages[-1]
    assert (kind, title) == ("information", "Cannot delete meeting")
    assert all(f"pay decision {d.id}" in text for d in decisions) and "Nothing was deleted" in text
    assert sha256(demo_file) == before
    # The same for the meeting that approved a related party agreement.
    assert page.go_to("meeting", _snapshot(demo_file).agreement_by_id["AGR-003"].decision_meeting_id)
    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)
    assert "related party agreement AGR-003" in messages[-1][2]
    assert sha256(demo_file) == before
    assert not [msg for msg in messages if msg[0] == "question"]


def test_deleting_a_meeting_with_unsaved_attendance_does_not_offer_to_save_it(qtbot, window, demo_file, messages):
    page = window.show_page("meetings")
    meeting_id = _plain_board_meeting(_snapshot(demo_file)).id
    assert page.go_to("meeting", meeting_id)
    combo = page.grid.cellWidget(0, 2)
    combo.setCurrentIndex(combo.findText(Attendance.ABSENT.value))  # changed, not saved
    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)
    assert [title for _, title, _ in messages] == ["Delete meeting"]
    assert meeting_id not in _snapshot(demo_file).meeting_by_id


def test_undoing_a_new_meeting_with_unsaved_attendance_asks_nothing_and_writes_nothing(
        qtbot, window, demo_file, messages):

    from govboard.domain import model as m
    from govboard.store import Insert, TrustFile

    page = window.show_page("meetings")
    body = page.body_choice.currentData()
    window.session.apply([Insert(m.Meeting("MNEW", body, clock.today()))], "Add meeting MNEW")
    assert page.table.select_where(lambda mt: mt.id == "MNEW")
    page.grid.cellWidget(0, 2).setCurrentIndex(1)  # attendance chosen, not saved
    assert page._grid_dirty
    window.session.undo()  # the meeting goes; its unsaved attendance has nowhere to go
    qtbot.wait(50)
    assert not [msg for msg in messages if msg[1] == "Save attendance"]
    with TrustFile.open(demo_file, read_only=True) as tf:
        snapshot = tf.load_snapshot()
    assert "MNEW" not in snapshot.meeting_by_id
    assert not [a for a in snapshot.attendance if a.meeting_id == "MNEW"]


def test_suggested_meeting_ids_follow_the_bodys_numbering():
    def mt(meeting_id, day):
        return m.Meeting(meeting_id, "Board", date(2026, 1, day))

    # the latest by date with a number to follow; a taken ID is skipped; zero padding kept
    assert suggest_meeting_id([mt("BRD-2627-5", 1), mt("BRD-2627-6", 9), mt("BRD-2627-6C", 9)],
                              {"BRD-2627-5", "BRD-2627-6", "BRD-2627-6C", "BRD-2627-7"}) == "BRD-2627-8"
    assert suggest_meeting_id([mt("FIN-009", 3)], {"FIN-009"}) == "FIN-010"
    assert suggest_meeting_id([], {"M001", "M002"}) == "M003"
    assert suggest_meeting_id([mt("Board autumn", 3)], set()) == "M001"
