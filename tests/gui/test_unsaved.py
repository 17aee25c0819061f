"""Nothing lost: edits a page holds before they are written are asked about (Save / Discard /
Cancel) on quitting (Ctrl+Q, File > Quit, the window's close button), on opening another file
and on leaving the page. The pages that hold such edits: Meetings (attendance chosen in the
grid, saved with its button) and the scheme of delegation (a cell being typed in, which is saved
as leaving the cell saves it)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox

from govboard.domain.enums import Attendance, MeetingStatus, SodLevel
from govboard.store import TrustFile
from govboard.ui.pages.delegation import column_of_level

from .conftest import sha256

Save, Discard, Cancel = (QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
                         QMessageBox.StandardButton.Cancel)


def _snapshot(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


@pytest.fixture
def answer(monkeypatch):
    """Answer the Save / Discard / Cancel question with `answer.button`; `answer.asked` lists it."""
    class Answer:
        button = Save
        asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        Answer.asked.append(text)
        return Answer.button

    Answer.asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return Answer


def _quit_by_shortcut(qtbot, window):
    assert window.ui.actionQuit.shortcut() == QKeySequence("Ctrl+Q")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


QUIT_WAYS = {
    "Ctrl+Q": _quit_by_shortcut,
    "File > Quit": lambda qtbot, window: window.ui.actionQuit.trigger(),
    "the close button": lambda qtbot, window: window.close(),
}


def _change_attendance(window):
    """Choose a different attendance for someone at a held Board meeting; return what to expect."""
    page = window.show_page("meetings")
    held = next(mt for mt in page.table.visible_objects() if mt.status == MeetingStatus.HELD)
    assert page.table.select_where(lambda mt: mt.id == held.id)
    pid = page._grid_people[0]
    combo = page.grid.cellWidget(0, 2)
    combo.setCurrentIndex(combo.findText(Attendance.ABSENT.value))
    recorded = {a.person_id: a.attendance for a in window.session.snapshot.attendance_by_meeting[held.id]}
    assert recorded.get(pid) is not Attendance.ABSENT, "the demo must have someone not absent"
    assert page.unsaved_changes()
    return page, held, pid


def _stored(path, meeting_id, pid):
    return {a.person_id: a.attendance for a in _snapshot(path).attendance_by_meeting[meeting_id]}.get(pid)


# --- Meetings: quitting ----------------------------------------------------------------------------


@pytest.mark.parametrize("way", list(QUIT_WAYS))
def test_quitting_with_unsaved_attendance_asks_and_saves(qtbot, window, demo_file, answer, way):
    _, held, pid = _change_attendance(window)
    answer.button = Save
    QUIT_WAYS[way](qtbot, window)
    qtbot.waitUntil(lambda: not window.isVisible())
    [text] = answer.asked
    assert text.startswith("Meetings and attendance: save the attendance you changed for the Board meeting on "
                           f"{held.date:%d/%m/%Y} before closing govboard?")
    assert _stored(demo_file, held.id, pid) is Attendance.ABSENT


def test_quitting_and_discarding_writes_nothing(qtbot, window, demo_file, answer):
    _, held, pid = _change_attendance(window)
    before = sha256(demo_file)
    answer.button = Discard
    window.ui.actionQuit.trigger()
    assert not window.isVisible() and len(answer.asked) == 1
    assert sha256(demo_file) == before


def test_quitting_and_cancelling_keeps_the_window_and_the_choice(qtbot, window, demo_file, answer):
    page, held, pid = _change_attendance(window)
    before = sha256(demo_file)
    answer.button = Cancel
    window.ui.actionQuit.trigger()
    assert window.isVisible() and window.session is not None
    assert sha256(demo_file) == before
    row = page._grid_people.index(pid)
    assert page.grid.cellWidget(row, 2).currentText() == Attendance.ABSENT.value  # still there to save
    # Saved with the page's own button afterwards, nothing more is asked on quitting.
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    assert _stored(demo_file, held.id, pid) is Attendance.ABSENT
    window.close()
    assert not window.isVisible() and len(answer.asked) == 1


# --- Meetings: another file, another page ----------------------------------------------------------


def test_opening_another_file_asks_first(qtbot, window, demo_file, tmp_path, answer):
    from govboard.services.trust import create_trust

    other = tmp_path / "Other.govboard"
    create_trust(other, name="Other Trust").close()
    _, held, pid = _change_attendance(window)
    answer.button = Cancel
    assert not window.open_path(other)
    assert window.session.file.path == demo_file and len(answer.asked) == 1
    assert "before opening another file" in answer.asked[0]
    answer.button = Save
    assert window.open_path(other)
    assert window.session.file.path == other
    assert _stored(demo_file, held.id, pid) is Attendance.ABSENT


def test_leaving_the_page_asks(qtbot, window, demo_file, answer):
    page, held, pid = _change_attendance(window)
    before = sha256(demo_file)
    answer.button = Cancel
    window.show_page("people")
    assert window.ui.pageStack.currentWidget() is page  # Cancel: still on Meetings, choice kept
    assert window.ui.navList.currentRow() == list(window.pages).index("meetings")
    assert "before leaving Meetings and attendance" in answer.asked[0]
    assert sha256(demo_file) == before and page.unsaved_changes()

    answer.button = Discard
    window.show_page("people")
    assert window.ui.pageStack.currentWidget() is window.pages["people"]
    assert sha256(demo_file) == before
    assert not page.unsaved_changes()  # the grid shows what is recorded again
    row = page._grid_people.index(pid)
    assert page.grid.cellWidget(row, 2).currentText() != Attendance.ABSENT.value

    _change_attendance(window)
    answer.button = Save
    window.show_page("dashboard")
    assert window.ui.pageStack.currentWidget() is window.pages["dashboard"]
    assert _stored(demo_file, held.id, pid) is Attendance.ABSENT
    assert len(answer.asked) == 3


def test_an_undo_elsewhere_keeps_the_attendance_chosen(qtbot, window, demo_file, answer):
    """An edit or undo re-reads the page; choices not yet saved are put back, not lost."""
    from dataclasses import replace

    from govboard.store import Update

    page, held, pid = _change_attendance(window)
    person = window.session.snapshot.people[0]
    window.session.apply([Update(person, replace(person, email="new@example.org"))], "Edit email")
    window.session.undo()
    row = page._grid_people.index(pid)
    assert page.grid.cellWidget(row, 2).currentText() == Attendance.ABSENT.value
    assert page.unsaved_changes()


# --- Scheme of delegation: a cell being typed in ---------------------------------------------------


def _start_typing(qtbot, page, ref: str, level: SodLevel, text: str) -> QLineEdit:
    index = page.model.index(page.model.row_of_ref(ref), column_of_level(level))
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    qtbot.keyClicks(page.view, text[:1])
    [editor] = [e for e in page.view.findChildren(QLineEdit, "codeEditor") if e.isVisible()]
    qtbot.keyClicks(editor, text[1:])
    assert page.view.state() == QAbstractItemView.State.EditingState
    return editor


@pytest.mark.parametrize("way", list(QUIT_WAYS))
def test_quitting_while_typing_in_a_scheme_cell_saves_it(qtbot, window, demo_file, answer, way):
    page = window.show_page("sod")
    _start_typing(qtbot, page, "D10", SodLevel.CHIEF_EXECUTIVE, "R")
    assert page.unsaved_changes().startswith("the Chief executive cell you are typing in for D10")
    QUIT_WAYS[way](qtbot, window)
    qtbot.waitUntil(lambda: not window.isVisible())
    QApplication.processEvents()
    row = next(r for r in _snapshot(demo_file).sod_rows if r.ref == "D10")
    assert row.codes_at(SodLevel.CHIEF_EXECUTIVE) == {"R"}
    assert answer.asked == []  # saved as leaving the cell saves it, without a question


def test_codes_that_cannot_be_saved_keep_the_window_open(qtbot, window, demo_file, answer):
    page = window.show_page("sod")
    before = sha256(demo_file)
    _start_typing(qtbot, page, "D10", SodLevel.FINANCE, "X")
    window.ui.actionQuit.trigger()
    assert window.isVisible()
    assert "'X' is not a delegation code" in page.error_label.text()
    assert sha256(demo_file) == before


def test_leaving_the_scheme_while_typing_saves_the_cell(qtbot, window, demo_file, answer):
    page = window.show_page("sod")
    _start_typing(qtbot, page, "D10", SodLevel.CHIEF_EXECUTIVE, "C")
    window.show_page("people")
    assert window.ui.pageStack.currentWidget() is window.pages["people"]
    row = next(r for r in _snapshot(demo_file).sod_rows if r.ref == "D10")
    assert row.codes_at(SodLevel.CHIEF_EXECUTIVE) == {"C"}


def test_pages_without_held_edits_ask_nothing(qtbot, window, answer):
    for key in window.pages:
        window.show_page(key)
    for key in window.pages:
        assert window.pages[key].unsaved_changes() == "", key
    window.close()
    assert not window.isVisible() and answer.asked == []
