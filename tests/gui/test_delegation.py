"""Scheme of delegation page: the editable matrix, findings beside the rows, the starting scheme."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
)

from govboard.domain.enums import ReservedTo, SodLevel
from govboard.services.starter_scheme import typical_scheme
from govboard.services.trust import create_trust
from govboard.store import TrustFile
from govboard.ui.models import SEVERITY_COLOURS
from govboard.ui.pages.delegation import (
    COL_DECISION,
    COL_FINDINGS,
    COL_REF,
    LEVEL_SHORT,
    LEVELS,
    column_of_level,
)

from .conftest import DialogDriver

CO_OPTED = "D10"  # the demo's "Appoint co-opted trustees": the board decides, no one else takes part


def _snapshot(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


def _row(path, ref):
    return next(r for r in _snapshot(path).sod_rows if r.ref == ref)


def _type_in_cell(qtbot, page, ref: str, level: SodLevel, text: str) -> None:
    """Select the cell and type into it as a user would: the first key opens the editor."""
    index = page.model.index(page.model.row_of_ref(ref), column_of_level(level))
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    qtbot.keyClicks(page.view, text[:1])
    # A closed editor may linger until deleted; the open one is the visible one.
    editors = [e for e in page.view.findChildren(QLineEdit, "codeEditor") if e.isVisible()]
    assert len(editors) == 1, "typing in a level cell opens its editor"
    editor = editors[0]
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits Return through a queued call: wait for the editor to close.
    qtbot.waitUntil(lambda: page.view.state() != QAbstractItemView.State.EditingState)


def _cell(page, ref: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(page.model.row_of_ref(ref), column).data(role)


def test_matrix_shows_the_scheme_grouped_by_area(window, demo_file):
    page = window.show_page("sod")
    stored = _snapshot(demo_file).sod_rows
    assert page.stack.currentIndex() == 1
    shown = [item for kind, item in page.model.entries if kind == "row"]
    assert sorted(r.ref for r in shown) == sorted(r.ref for r in stored)
    areas = [item for kind, item in page.model.entries if kind == "area"]
    assert len(areas) == len(set(areas)) == len({r.area for r in stored})  # each area once
    for level in LEVELS:
        header = page.model.headerData(column_of_level(level), Qt.Orientation.Horizontal)
        assert header.startswith(LEVEL_SHORT[level])
        tip = page.model.headerData(column_of_level(level), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(level.value)
    # The decision cell carries its own codes: the board decides co-opting trustees.
    assert _cell(page, CO_OPTED, column_of_level(SodLevel.BOARD)) == "D"
    assert _cell(page, CO_OPTED, COL_DECISION) == "Appoint co-opted trustees"


def test_every_level_column_shows_its_codes_whole(window):
    page = window.show_page("sod")
    header = page.view.horizontalHeader()
    metrics = page.view.fontMetrics()
    for r in range(page.model.rowCount()):
        if page.model.row_at(r) is None:
            continue
        for level in LEVELS:
            text = page.model.index(r, column_of_level(level)).data() or ""
            assert metrics.horizontalAdvance(text) + 4 < header.sectionSize(column_of_level(level))
    # And all ten levels are on screen beside the decision at 1024 pixels too.
    window.resize(1024, 700)
    QApplication.processEvents()
    last = column_of_level(LEVELS[-1])
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= page.view.viewport().width()


def test_typing_a_code_saves_it_as_one_undoable_edit(qtbot, window, demo_file):
    page = window.show_page("sod")
    batches = len(window.session.file.batches())
    _type_in_cell(qtbot, page, CO_OPTED, SodLevel.CHIEF_EXECUTIVE, "r, c")

    assert _row(demo_file, CO_OPTED).codes_at(SodLevel.CHIEF_EXECUTIVE) == {"R", "C"}
    assert len(window.session.file.batches()) == batches + 1
    assert window.ui.actionUndo.text().endswith("Change delegation: Appoint co-opted trustees at Chief executive")
    assert _cell(page, CO_OPTED, column_of_level(SodLevel.CHIEF_EXECUTIVE)) == "R,C"
    # The cursor stays on the cell just edited.
    assert page.view.currentIndex().column() == column_of_level(SodLevel.CHIEF_EXECUTIVE)
    assert page.current_row().ref == CO_OPTED

    # The change is in the file: a window opened on it afresh shows it.
    window.close()
    QApplication.processEvents()
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert tf.load_snapshot().sod_rows == _snapshot(demo_file).sod_rows
        assert tf.batches()[0].description == "Change delegation: Appoint co-opted trustees at Chief executive"


def test_a_second_decider_shows_sod_02_beside_the_row_and_undo_removes_it(qtbot, window, demo_file):
    page = window.show_page("sod")
    assert "SOD-02" not in (_cell(page, CO_OPTED, COL_FINDINGS) or "")
    assert _cell(page, CO_OPTED, COL_DECISION, Qt.ItemDataRole.BackgroundRole) is None

    _type_in_cell(qtbot, page, CO_OPTED, SodLevel.CHIEF_EXECUTIVE, "D")

    assert _row(demo_file, CO_OPTED).levels_with("D") == [SodLevel.BOARD, SodLevel.CHIEF_EXECUTIVE]
    assert "SOD-02" in _cell(page, CO_OPTED, COL_FINDINGS)
    tip = _cell(page, CO_OPTED, COL_FINDINGS, Qt.ItemDataRole.ToolTipRole)
    assert "decided at 2 levels: Board and Chief executive" in tip
    brush = _cell(page, CO_OPTED, COL_DECISION, Qt.ItemDataRole.BackgroundRole)
    assert brush.color().name() == SEVERITY_COLOURS["must"]
    assert "SOD-02" in page.detail.text() and "decided at 2 levels" in page.detail.text()
    # Other rows are not marked, and the board can narrow the matrix to the rows with findings.
    assert not _cell(page, "D11", COL_FINDINGS)
    page.only_findings.setChecked(True)
    visible = [page.model.entries[r] for r in range(page.model.rowCount()) if not page.view.isRowHidden(r)]
    assert [(kind, item if kind == "area" else item.ref) for kind, item in visible] == [
        ("area", "Governance"), ("row", CO_OPTED)]
    page.only_findings.setChecked(False)

    window.ui.actionUndo.trigger()
    assert _row(demo_file, CO_OPTED).levels_with("D") == [SodLevel.BOARD]
    assert not _cell(page, CO_OPTED, COL_FINDINGS)
    assert _cell(page, CO_OPTED, column_of_level(SodLevel.CHIEF_EXECUTIVE)) == ""
    assert "SOD-02" not in page.detail.text()


def test_letters_that_are_not_codes_are_refused_with_a_message(qtbot, window, demo_file):
    page = window.show_page("sod")
    before = _snapshot(demo_file).sod_rows
    batches = len(window.session.file.batches())
    _type_in_cell(qtbot, page, CO_OPTED, SodLevel.FINANCE, "X")

    assert page.error_label.isVisible()
    assert "Finance committee for D10" in page.error_label.text()
    assert "'X' is not a delegation code (use D, R, C, M or I)" in page.error_label.text()
    assert _snapshot(demo_file).sod_rows == before
    assert len(window.session.file.batches()) == batches
    # Moving to another cell clears the message; a good code afterwards is taken.
    page.view.setCurrentIndex(page.model.index(page.model.row_of_ref("D11"), column_of_level(SodLevel.BOARD)))
    assert not page.error_label.isVisible()
    _type_in_cell(qtbot, page, CO_OPTED, SodLevel.FINANCE, "m")
    assert _row(demo_file, CO_OPTED).codes_at(SodLevel.FINANCE) == {"M"}


def test_a_read_only_file_shows_the_scheme_but_offers_no_edits(qtbot, make_window, demo_file):
    window = make_window()
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    page = window.show_page("sod")
    index = page.model.index(page.model.row_of_ref(CO_OPTED), column_of_level(SodLevel.BOARD))
    assert index.data() == "D"
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not any(b.isEnabled() for b in (page.add_btn, page.edit_btn, page.delete_btn, page.approved_btn))
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    qtbot.keyClicks(page.view, "r")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert page.view.state() != QAbstractItemView.State.EditingState
    assert _row(demo_file, CO_OPTED).codes == ((SodLevel.BOARD, "D"),)


def test_delete_key_clears_a_cell(qtbot, window, demo_file):
    page = window.show_page("sod")
    index = page.model.index(page.model.row_of_ref(CO_OPTED), column_of_level(SodLevel.BOARD))
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert _row(demo_file, CO_OPTED).codes == ()
    assert "SOD-02" in _cell(page, CO_OPTED, COL_FINDINGS)  # now no level decides it


def test_start_from_a_typical_scheme_on_a_new_trust(qtbot, make_window, tmp_path):
    path = tmp_path / "Oakfield Academy Trust.govboard"
    create_trust(path, "Oakfield Academy Trust").close()
    window = make_window(path)
    page = window.show_page("sod")
    assert page.stack.currentIndex() == 0 and page.starter_btn.isVisible() and page.starter_btn.isEnabled()
    assert "SOD-01" in page.approval_label.text() and "not recorded" in page.approval_label.text()

    qtbot.mouseClick(page.starter_btn, Qt.MouseButton.LeftButton)

    assert _snapshot(path).sod_rows == typical_scheme()
    assert page.stack.currentIndex() == 1
    assert len([1 for kind, _ in page.model.entries if kind == "row"]) == 35
    assert _cell(page, "D01", COL_REF) == "D01"
    # The starting scheme raises no finding about its rows; the new trust has no committees or
    # executives yet, so the levels it uses are reported above the matrix and on the headings.
    assert not any(page.model.row_findings.values())
    assert page.level_label.isVisible() and "SOD-05" in page.level_label.text()
    finance = page.model.headerData(column_of_level(SodLevel.FINANCE), Qt.Orientation.Horizontal)
    assert finance.endswith("⚠")
    assert "no such body" in page.model.headerData(column_of_level(SodLevel.FINANCE), Qt.Orientation.Horizontal,
                                                   Qt.ItemDataRole.ToolTipRole)
    batches = window.session.file.batches()
    assert batches[0].description == "Start from a typical scheme of delegation (35 decisions)"

    # One batch: one undo takes the whole scheme out again.
    window.ui.actionUndo.trigger()
    assert _snapshot(path).sod_rows == ()
    assert page.stack.currentIndex() == 0


def test_add_and_delete_a_decision(qtbot, window, demo_file, messages):
    page = window.show_page("sod")
    before = {r.ref for r in _snapshot(demo_file).sod_rows}

    def fill(dialog):
        ref = dialog.findChild(QLineEdit, "ref")
        assert ref.text() == "D35"  # the next free ref is proposed
        qtbot.keyClicks(dialog.findChild(QLineEdit, "area"), "Estates")
        dialog.findChild(QPlainTextEdit, "decision").setPlainText("Approve capital projects over £250,000")
        reserved = dialog.findChild(QComboBox, "reserved_to")
        reserved.setCurrentIndex(reserved.findText(ReservedTo.BOARD.value))
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    added = _row(demo_file, "D35")
    assert (added.area, added.decision, added.reserved_to, added.codes) == (
        "Estates", "Approve capital projects over £250,000", ReservedTo.BOARD, ())
    assert {r.ref for r in _snapshot(demo_file).sod_rows} == before | {"D35"}
    # Shown under its own area, selected, and flagged at once: nobody decides it yet.
    assert ("area", "Estates") in page.model.entries
    assert page.current_row().ref == "D35"
    assert "SOD-02" in _cell(page, "D35", COL_FINDINGS)

    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)
    assert messages and messages[-1][0] == "question" and "D35" in messages[-1][2]
    assert {r.ref for r in _snapshot(demo_file).sod_rows} == before
    assert ("area", "Estates") not in page.model.entries
    assert window.session.file.batches()[0].description == "Delete decision D35 from the scheme of delegation"


def test_add_refuses_a_ref_already_used(qtbot, window, demo_file):
    page = window.show_page("sod")
    before = _snapshot(demo_file).sod_rows
    seen = {}

    def fill(dialog):
        ref = dialog.findChild(QLineEdit, "ref")
        ref.setText("D03")
        dialog.findChild(QPlainTextEdit, "decision").setPlainText("Something else")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.error_label.text()

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert seen == {"open": True, "error": "Ref: 'D03' is already used by another decision"}
    assert _snapshot(demo_file).sod_rows == before


def test_edit_a_decision_from_its_row(qtbot, window, demo_file):
    page = window.show_page("sod")
    assert window.go_to("sod_row", "D11")

    def fill(dialog):
        text = dialog.findChild(QPlainTextEdit, "decision")
        assert text.toPlainText() == _row(demo_file, "D11").decision
        text.setPlainText("Elect the chair and vice-chair of the board")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.edit_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert _row(demo_file, "D11").decision == "Elect the chair and vice-chair of the board"
    assert _cell(page, "D11", COL_DECISION) == "Elect the chair and vice-chair of the board"


def test_go_to_a_row_and_a_level(window):
    page = window.show_page("sod")
    page.filter.setText("auditors")  # a filter hiding the row is cleared
    assert window.go_to("sod_row", "D10")
    assert page.current_row().ref == "D10"
    r = page.model.row_of_ref("D10")
    assert not page.view.isRowHidden(r)
    assert page.view.selectionModel().isRowSelected(r)

    assert page.go_to("sod_level", SodLevel.FINANCE.value)
    column = column_of_level(SodLevel.FINANCE)
    assert page.view.currentIndex().column() == column
    assert page.view.selectionModel().isColumnSelected(column)
    assert not page.go_to("sod_row", "no such ref")


def test_approval_date_is_recorded_and_sod_01_shown(qtbot, window, demo_file):
    page = window.show_page("sod")
    assert "SOD-01" not in page.approval_label.text()
    old = date(window.session.as_of.year - 2, 9, 1)

    def fill(dialog):
        edit = dialog.findChild(QLineEdit, "approved_on")
        edit.setText(f"{old:%d/%m/%Y}")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.approved_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert _snapshot(demo_file).settings.sod_approved_on == old
    assert f"{old:%d/%m/%Y}" in page.approval_label.text()
    assert "SOD-01" in page.approval_label.text() and "more than 12 months ago" in page.approval_label.text()

    # A date in the future is refused in the dialog, naming the field.
    seen = {}

    def fill_future(dialog):
        dialog.findChild(QLineEdit, "approved_on").setText("01/01/2099")
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error_label.text()

    driver = DialogDriver(fill_future)
    qtbot.mouseClick(page.approved_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert seen["error"].startswith("Approved on:") and "future" in seen["error"]
    assert _snapshot(demo_file).settings.sod_approved_on == old


@pytest.mark.parametrize("size", [(1280, 800), (1024, 700)])
def test_screenshots(window, size, tmp_path):
    window.resize(*size)
    page = window.show_page("sod")
    QApplication.processEvents()
    assert not window.grab().isNull()
    assert page.view.horizontalHeader().sectionSize(COL_DECISION) >= page.view.fontMetrics().horizontalAdvance("M" * 12)


def test_delete_key_on_a_decision_cell_asks_to_delete_the_decision(qtbot, window, demo_file, messages):
    page = window.show_page("sod")
    before = {r.ref for r in _snapshot(demo_file).sod_rows}
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of_ref(CO_OPTED), COL_DECISION))
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert messages[-1][:2] == ("question", "Delete decision") and CO_OPTED in messages[-1][2]
    assert {r.ref for r in _snapshot(demo_file).sod_rows} == before - {CO_OPTED}


def test_deleting_a_decision_takes_its_acknowledgements_with_it(qtbot, window, demo_file, messages):
    from datetime import date

    from govboard.domain import model as m
    from govboard.store import Insert

    page = window.show_page("sod")
    ref = CO_OPTED
    window.session.apply([Insert(m.Acknowledgement("SOD-03", "sod_row", ref, "Board agreed it",
                                                   acknowledged_on=date(2026, 10, 1)))], "Acknowledge")
    assert window.go_to("sod_row", ref)
    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)
    snapshot = _snapshot(demo_file)
    assert ref not in {r.ref for r in snapshot.sod_rows}
    assert not [a for a in snapshot.acknowledgements if a.subject_kind == "sod_row" and a.subject_key == ref]
    window.session.undo()  # one step brings back both
    snapshot = _snapshot(demo_file)
    assert ref in {r.ref for r in snapshot.sod_rows}
    assert [a.rule for a in snapshot.acknowledgements if a.subject_key == ref] == ["SOD-03"]


def test_a_filter_that_hides_the_chosen_decision_leaves_nothing_to_edit_and_says_why(window):
    page = window.show_page("sod")
    assert window.go_to("sod_row", "D27")
    assert page.edit_btn.isEnabled() and page.delete_btn.isEnabled()
    page.filter.setText("zzz-no-such-decision")
    assert page.current_row() is None
    assert not page.edit_btn.isEnabled() and not page.delete_btn.isEnabled()
    assert page.detail.text().startswith("No decision matches")
    page.filter.clear()
    assert page.detail.text().startswith("Select a decision")
    # Accents and case are ignored, as everywhere else.
    decision = page.model.row_at(page.model.row_of_ref("D27")).decision
    page.filter.setText(decision.split()[0].upper())
    assert not page.view.isRowHidden(page.model.row_of_ref("D27"))
