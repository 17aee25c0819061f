"""Meetings page: record attendance in the grid and add a meeting."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit

from govboard.domain import model as m
from govboard.domain.enums import Attendance, MeetingStatus
from govboard.store import TrustFile
from govboard.ui.dialogs import RecordDialog

from .conftest import DialogDriver


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
        assert meeting_id.text() and meeting_id.text() not in before  # a fresh ID is proposed
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
