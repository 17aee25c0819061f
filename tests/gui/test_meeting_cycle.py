"""The meeting cycle in the window: building an agenda with papers (file dialog and drag and
drop), minuting an item with who declared and who withdrew, actions and the action log, approving
the last minutes, the attendance statement, and a trust with no meetings at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
)

from govboard.domain.enums import ActionStatus, ItemPresence, MeetingStatus
from govboard.domain.meetings import next_meeting, previous_meeting
from govboard.store import Delete, TrustFile
from govboard.ui import attendance_dialog, pack_dialog

from .conftest import DialogDriver
from .test_pack_dialog import _paper_pdf


def _snapshot(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def _choose(combo: QComboBox, value) -> None:
    index = next(i for i in range(combo.count()) if combo.itemData(i) == value or combo.itemText(i) == value)
    combo.setCurrentIndex(index)


@pytest.fixture
def coming(window):
    page = window.show_page("meetings")
    meeting = next_meeting(window.session.snapshot, window.session.as_of)
    assert page.go_to("meeting", meeting.id)
    return page, meeting


def test_building_the_next_meetings_agenda(qtbot, window, demo_file, coming, monkeypatch, tmp_path):
    page, meeting = coming
    tab = page.agenda_tab
    before = [i.title for i in _snapshot(demo_file).agenda_by_meeting[meeting.id]]
    assert before[-2:] == ["Any other business", "Date of the next meeting"]

    def fill(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "title"), "Admissions policy 2027/28")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "presenter"), "Chief executive")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(tab.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    after = [(i.item, i.title) for i in _snapshot(demo_file).agenda_by_meeting[meeting.id]]
    n = len(before)
    # Before any other business, numbered in turn; the closing items move down one.
    assert after[n - 2] == (str(n - 1), "Admissions policy 2027/28")
    assert after[-2:] == [(str(n), "Any other business"), (str(n + 1), "Date of the next meeting")]
    assert tab.current().title == "Admissions policy 2027/28"

    # Up one: it swaps places (and numbers) with the item above.
    qtbot.mouseClick(tab.up_btn, Qt.MouseButton.LeftButton)
    moved = {i.title: i.item for i in _snapshot(demo_file).agenda_by_meeting[meeting.id]}
    assert moved["Admissions policy 2027/28"] == str(n - 2) and moved["Safeguarding update"] == str(n - 1)
    assert tab.current().title == "Admissions policy 2027/28"

    # A paper by the file dialog, with the title the pack will show.
    pdf = tmp_path / "admissions_policy-DRAFT v2.pdf"
    pdf.write_bytes(_paper_pdf("Admissions policy", 2))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(pdf), "")))
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(
        lambda parent, title, prompt, **k: asked.append(k.get("text")) or ("Admissions policy 2027/28 (draft)", True)))
    qtbot.mouseClick(tab.paper_btn, Qt.MouseButton.LeftButton)
    item = next(i for i in _snapshot(demo_file).agenda_by_meeting[meeting.id] if i.title.startswith("Admissions"))
    assert (item.paper_name, item.paper_title) == (pdf.name, "Admissions policy 2027/28 (draft)")
    assert asked == ["Admissions policy 2027/28"]  # the item's title proposed
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert tf.paper_content(item.paper_sha256) == pdf.read_bytes()
    row = [i.item for i in tab.items].index(item.item)
    assert tab.table.item(row, 3).text() == "Admissions policy 2027/28 (draft)"

    # Each step is one undo: the paper comes off, then the move, then the item.
    for _ in range(3):
        window.ui.actionUndo.trigger()
    assert [i.title for i in _snapshot(demo_file).agenda_by_meeting[meeting.id]] == before


def test_dragging_a_pdf_onto_an_item_attaches_it(qtbot, window, demo_file, coming, monkeypatch, tmp_path, messages):
    page, meeting = coming
    tab = page.agenda_tab
    pdf = tmp_path / "Safeguarding report.pdf"
    pdf.write_bytes(_paper_pdf("Safeguarding", 1))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (k.get("text"), True)))
    row = [i.title for i in tab.items].index("Safeguarding update")
    qtbot.waitExposed(tab.table)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    point = QPointF(tab.table.visualItemRect(tab.table.item(row, 1)).center())
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    tab.table.dropEvent(drop)
    item = next(i for i in _snapshot(demo_file).agenda_by_meeting[meeting.id] if i.title == "Safeguarding update")
    assert (item.paper_name, item.paper_title) == (pdf.name, "Safeguarding update")

    # Not a PDF: said plainly, nothing attached.
    fake = tmp_path / "notes.pdf"
    fake.write_text("just some notes")
    other = [i.title for i in tab.items].index("Risk register")
    before = _snapshot(demo_file).agenda_by_meeting[meeting.id][other]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fake))])
    point = QPointF(tab.table.visualItemRect(tab.table.item(other, 1)).center())
    tab.table.dropEvent(QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                                   Qt.KeyboardModifier.NoModifier))
    assert messages[-1][:2] == ("warning", "Cannot attach the paper") and "is not a PDF" in messages[-1][2]
    assert _snapshot(demo_file).agenda_by_meeting[meeting.id][other] == before


def _minutes_of_last_meeting(window, demo_file):
    """The Minutes tab of the last board meeting held: (snapshot, meeting, tab)."""
    page = window.show_page("meetings")
    snap = _snapshot(demo_file)
    meeting = previous_meeting(snap, next_meeting(snap, window.session.as_of))
    assert page.go_to("meeting", meeting.id)
    page.tabs.setCurrentIndex(2)
    return snap, meeting, page.minutes_tab


def test_recording_a_withdrawal_at_an_item(qtbot, window, demo_file, messages):
    snap, meeting, tab = _minutes_of_last_meeting(window, demo_file)
    _choose(tab.item_choice, "5")
    trustee = next(a.person_id for a in snap.attendance_by_meeting[meeting.id]
                   if a.attendance.value == "Present" and a.person_id in snap.trustees_in_office(meeting.date))
    tab.tick(trustee, declared=True, withdrew=True, interest="Director of a supplier")
    tab.minute.setPlainText("The CFO presented the accounts. " + tab.minute.toPlainText())
    assert window.pages["meetings"].unsaved_changes().startswith("the minute of item 5")
    batches = len(window.session.file.batches())
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    after = _snapshot(demo_file)
    rows = {(r.person_id, r.what, r.interest) for r in after.item_attendance_by_meeting[meeting.id] if r.item == "5"}
    assert rows == {(trustee, ItemPresence.DECLARED_INTEREST, "Director of a supplier"),
                    (trustee, ItemPresence.WITHDREW, None)}
    item = next(i for i in after.agenda_by_meeting[meeting.id] if i.item == "5")
    assert item.minute.startswith("The CFO presented the accounts.")
    assert len(window.session.file.batches()) == batches + 1 and window.pages["meetings"].unsaved_changes() == ""
    window.ui.actionUndo.trigger()
    assert not [r for r in _snapshot(demo_file).item_attendance_by_meeting.get(meeting.id, ()) if r.item == "5"]


def test_a_late_arrival_and_an_early_departure_are_recorded_at_their_items(qtbot, window, demo_file):
    """Arrived and Left (formats.md 1 v2) in the app, not only in the workbook: a trustee who
    left during item 5 is out of the room for item 6, which the conflict and quorum rules read."""
    from govboard.domain.meetings import ItemPresenceIndex

    snap, meeting, tab = _minutes_of_last_meeting(window, demo_file)
    headings = [tab.grid.horizontalHeaderItem(c).text() for c in range(tab.grid.columnCount())]
    assert headings == ["Name", "Declared", "Withdrew", "Arrived", "Left", "Interest"]
    present = [a.person_id for a in snap.attendance_by_meeting[meeting.id]
               if a.attendance.value == "Present" and a.person_id in snap.trustees_in_office(meeting.date)]
    late, early = present[0], present[1]
    _choose(tab.item_choice, "2")
    tab.tick(late, arrived=True)
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)
    _choose(tab.item_choice, "5")
    row = tab._people.index(early)
    left_box = tab.grid.item(row, headings.index("Left"))
    assert "Left the meeting during this item" in left_box.toolTip()
    left_box.setCheckState(Qt.CheckState.Checked)  # what a click on the box does
    qtbot.mouseClick(tab.save_btn, Qt.MouseButton.LeftButton)

    after = _snapshot(demo_file)
    rows = {(r.item, r.person_id, r.what) for r in after.item_attendance_by_meeting[meeting.id]
            if r.what in (ItemPresence.ARRIVED, ItemPresence.LEFT)}
    assert rows == {("2", late, ItemPresence.ARRIVED), ("5", early, ItemPresence.LEFT)}
    presence = ItemPresenceIndex(after, meeting.id)
    assert not presence.in_room(late, "1") and presence.in_room(late, "2")
    assert presence.in_room(early, "4") and not presence.in_room(early, "6")
    _choose(tab.item_choice, "5")
    assert tab._grid_state()[early]["left"] and not tab._grid_state()[early]["withdrew"]
    window.ui.actionUndo.trigger()
    window.ui.actionUndo.trigger()
    assert not [r for r in _snapshot(demo_file).item_attendance_by_meeting.get(meeting.id, ())
                if r.what in (ItemPresence.ARRIVED, ItemPresence.LEFT)]


def test_the_item_deciding_pay_prefills_its_subject_and_a_change_is_offered_when_leaving(
        qtbot, window, demo_file, messages):
    page = window.show_page("meetings")
    snap = _snapshot(demo_file)
    decision = next(d for d in snap.pay_decisions if d.person_id == "P003")
    meeting = snap.meeting_by_id[decision.meeting_id]
    assert page.go_to("meeting", meeting.id)
    page.tabs.setCurrentIndex(2)
    tab = page.minutes_tab
    # Clear what the item records (both executives' declarations and withdrawals): shown again,
    # the people its decisions concern are listed first and ticked, ready to save.
    old_rows = [r for r in snap.item_attendance_by_meeting[meeting.id] if r.item == decision.decision_item]
    window.session.apply([Delete(r) for r in old_rows], "Clear the item's records for the test")
    _choose(tab.item_choice, decision.decision_item)
    assert tab._people[:2] == ["P003", "P017"]
    state = tab._grid_state()["P003"]
    assert state["declared"] and state["withdrew"] and "Ticked for Zoë Adeyemi-Clarke" in tab.conflict_note.text()
    # Unlinking a decision and linking it again ticks its person again (one click).
    entry = next(tab.decides.item(i) for i in range(tab.decides.count())
                 if tab.decides.item(i).data(Qt.ItemDataRole.UserRole) == ("PayDecision", decision.id))
    tab.tick("P003", declared=False, withdrew=False)
    entry.setCheckState(Qt.CheckState.Unchecked)
    entry.setCheckState(Qt.CheckState.Checked)
    assert tab._grid_state()["P003"]["withdrew"]
    # Leaving the item with the ticks unsaved: asked, and saved.
    tab.minute.setPlainText(tab.minute.toPlainText() + " Agreed unanimously.")
    _choose(tab.item_choice, "1")
    assert [t for _, t, _ in messages] == ["Save minute"]
    qtbot.waitUntil(lambda: any(r.item == decision.decision_item and r.person_id == "P003"
                                for r in window.session.snapshot.item_attendance_by_meeting.get(meeting.id, ())))
    after = _snapshot(demo_file)
    whats = {r.what for r in after.item_attendance_by_meeting[meeting.id]
             if r.item == decision.decision_item and r.person_id == "P003"}
    assert whats == {ItemPresence.DECLARED_INTEREST, ItemPresence.WITHDREW}
    assert next(d for d in after.pay_decisions if d.id == decision.id).decision_item == decision.decision_item
    assert not window.session.findings_for("pay_decision", decision.id)


def test_an_action_recorded_at_the_meeting_is_in_the_log_until_done(qtbot, window, demo_file, coming):
    page, _ = coming
    snap = _snapshot(demo_file)
    held = previous_meeting(snap, next_meeting(snap, window.session.as_of))
    assert page.go_to("meeting", held.id)
    page.tabs.setCurrentIndex(3)
    tab = page.actions_tab
    due = date(2031, 1, 31)

    def fill(dialog):
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "action"), "Write to parents about the new uniform")
        _choose(dialog.findChild(QComboBox, "owner"), "P003")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "due_date"), f"{due:%d/%m/%Y}")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(tab.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    action = next(a for a in _snapshot(demo_file).actions if a.action == "Write to parents about the new uniform")
    assert (action.meeting_id, action.owner, action.due_date, action.status) == (held.id, "P003", due, ActionStatus.OPEN)
    assert tab.table.current().id == action.id

    log = window.show_page("actions")
    assert action.id in {a.id for a in log.table.visible_objects()}
    assert log.go_to("action", action.id)
    qtbot.mouseClick(log.done_btn, Qt.MouseButton.LeftButton)
    done = next(a for a in _snapshot(demo_file).actions if a.id == action.id)
    assert (done.status, done.done_on) == (ActionStatus.DONE, window.session.as_of)
    assert action.id not in {a.id for a in log.table.visible_objects()}  # the log shows open ones
    _choose(log.show_choice, "Done")
    assert action.id in {a.id for a in log.table.visible_objects()}


def test_the_overdue_action_opens_from_the_dashboard(qtbot, window):
    dash = window.show_page("dashboard")
    rows = dash.due_table.visible_objects()
    row = next(n for n, item in enumerate(rows) if item.kind == "action")
    index = dash.due_table.proxy.index(row, 0)
    dash.due_table.view.doubleClicked.emit(index)
    log = window.pages["actions"]
    assert window.ui.pageStack.currentWidget() is log
    assert log.table.current().id == rows[row].subject.key
    assert log.table.current().status == ActionStatus.OPEN


def test_approving_the_last_minutes_at_the_meeting(qtbot, window, demo_file, coming, messages):
    page, meeting = coming
    last = previous_meeting(window.session.snapshot, meeting)
    assert last.minutes_approved_on is None
    page.tabs.setCurrentIndex(2)
    tab = page.minutes_tab
    assert tab.approve_btn.isVisible() and "draft" in tab.approval.text()
    qtbot.mouseClick(tab.approve_btn, Qt.MouseButton.LeftButton)
    assert messages[-1][1] == "Approve minutes"
    approved = _snapshot(demo_file).meeting_by_id[last.id]
    assert (approved.minutes_approved_on, approved.minutes_approved_at) == (meeting.date, meeting.id)
    assert not tab.approve_btn.isVisible() and "at this meeting" in tab.approval.text()


def test_add_a_meeting_starts_from_the_standing_items(qtbot, window, demo_file):
    page = window.show_page("meetings")
    _choose(page.body_choice, "Audit and Risk Committee")

    def fill(dialog):
        assert dialog.findChild(QLineEdit, "venue").text() == "Online (Microsoft Teams)"  # as last time
        qtbot.keyClicks(dialog.findChild(QLineEdit, "date"), "14/03/2031")
        time = dialog.findChild(QLineEdit, "start_time")
        time.clear()
        qtbot.keyClicks(time, "25:00")
        _save(qtbot, dialog)
        assert "Start time" in dialog.error_label.text()
        time.clear()
        qtbot.keyClicks(time, "17.30")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    snap = _snapshot(demo_file)
    new = next(mt for mt in snap.meetings if mt.date == date(2031, 3, 14))
    assert (new.start_time, new.status) == ("17:30", MeetingStatus.SCHEDULED)
    assert [i.title for i in snap.agenda_by_meeting[new.id]][0] == "Welcome, apologies and quorum"
    assert page.tabs.isVisible() and page.agenda_tab.table.rowCount() == 5


def test_attendance_statement_from_the_menu(qtbot, window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(pack_dialog, "open_document", lambda path: opened.append(Path(path)) or True)
    window.ui.actionAttendanceStatement.trigger()
    dialog = next(d for d in window.findChildren(attendance_dialog.AttendanceDialog) if d.isVisible())
    last_year = attendance_dialog.default_year(window.session.as_of)
    assert dialog.year_combo.currentText() == last_year
    out = tmp_path / "attendance.xlsx"
    dialog.format_combo.setCurrentIndex(1)
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ""
    assert out.read_bytes()[:2] == b"PK" and opened == [out]
    assert "attendance statement" in window.statusBar().currentMessage()


def test_a_trust_with_no_meetings(qtbot, make_window, tmp_path):
    path = tmp_path / "Empty.govboard"
    TrustFile.create(path, name="Empty Trust").close()
    window = make_window(path)
    page = window.show_page("meetings")
    assert not page.tabs.isVisible() and "No meetings of Board are recorded yet" in page.no_meeting.text()
    log = window.show_page("actions")
    assert not log.table.isVisible() and "No actions are recorded yet" in log.empty.text()
    assert "0 overdue, 0 open, 0 done" in log.summary.text()
    window.ui.actionAttendanceStatement.trigger()
    dialog = next(d for d in window.findChildren(attendance_dialog.AttendanceDialog) if d.isVisible())
    out = tmp_path / "attendance.pdf"
    dialog.open_check.setChecked(False)
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes()[:5] == b"%PDF-"
    pack = pack_dialog.export_pack(window)
    assert pack.meeting_combo.count() == 1  # registers only
    pack.reject()
    dash = window.show_page("dashboard")
    assert not [i for i in dash.due_table.visible_objects() if i.kind == "action"]


def test_read_only_file_cannot_be_edited(qtbot, window, demo_file):
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    page = window.show_page("meetings")
    meeting = next_meeting(window.session.snapshot, window.session.as_of)
    assert page.go_to("meeting", meeting.id)
    for btn in (page.agenda_tab.add_btn, page.agenda_tab.paper_btn, page.actions_tab.add_btn,
                page.minutes_tab.save_btn, page.save_btn):
        assert not btn.isEnabled(), btn.text()
