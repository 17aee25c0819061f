"""Issue 16 in the window: a file a crash left mid-save, a file another govboard holds, a
damaged file, values out of bounds in a dialog, an edit someone else got in before, and the
replace preview naming what it empties."""

from __future__ import annotations

import socket
import sqlite3
from dataclasses import replace

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from govboard.store import TrustFile, Update
from govboard.store.trustfile import FileChangedError
from govboard.ui import workbook_dialogs as wd
from govboard.ui.dialogs import PersonDialog

from ..unit.store.crash import held_by_another_govboard, kill_mid_write, people
from .conftest import DialogDriver, sha256


@pytest.mark.subprocess
def test_a_file_a_crash_left_mid_save_opens_and_says_so_once(make_window, demo_file, messages):
    before = people(demo_file)
    kill_mid_write(demo_file)
    window = make_window(demo_file)
    [(kind, title, text)] = messages
    assert (kind, title) == ("information", "Recovered after an interruption")
    assert "was not closed properly last time" in text and "unfinished change was undone" in text
    assert not window.session.read_only
    assert len(window.session.snapshot.people) == len(before)
    window.close()
    second = make_window(demo_file)  # nothing more to say the next time
    assert len(messages) == 1 and not second.session.read_only


@pytest.mark.subprocess
def test_a_file_another_govboard_holds_opens_read_only_with_try_again(qtbot, make_window, demo_file, messages):
    window = make_window()
    with held_by_another_govboard(demo_file):
        assert window.open_path(demo_file)
        [(kind, title, text)] = messages
        assert (kind, title) == ("information", "Opened read-only")
        assert f"is in use by govboard on {socket.gethostname()}" in text and "Try again" in text
        assert window.session.read_only and window.read_only_label.text() == "Read-only"
        assert window.retry_button.isVisible() and window.retry_button.text() == "Try again"
        assert not window.ui.actionImportWorkbook.isEnabled()
        window.show_page("people")
        qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)  # still held: stays read-only
        assert window.session.read_only and window.retry_button.isVisible()
        assert window.statusBar().currentMessage().startswith("Still read-only:")
        assert len(messages) == 1
    qtbot.mouseClick(window.retry_button, Qt.MouseButton.LeftButton)  # let go: now for editing
    assert not window.session.read_only and not window.retry_button.isVisible()
    assert window.read_only_label.text() == ""
    assert window.ui.actionImportWorkbook.isEnabled()
    assert list(window.pages)[window.ui.navList.currentRow()] == "people"  # the same page
    assert "is open for editing" in window.statusBar().currentMessage()


def test_a_damaged_file_is_refused_in_one_message(make_window, demo_file, messages):
    conn = sqlite3.connect(demo_file)
    with conn:
        conn.execute("UPDATE roles SET role = 'Wizard' WHERE id = (SELECT min(id) FROM roles)")
    conn.close()
    before = sha256(demo_file)
    window = make_window()
    assert window.open_path(demo_file) is False
    [(kind, title, text)] = messages
    assert (kind, title) == ("warning", "Cannot open trust file")
    assert "is damaged" in text and "'Wizard'" in text and "nothing was changed" in text
    assert "govboard-cli backup" in text and "\n" not in text
    assert window.session is None and list(window.pages) == ["welcome"]
    assert sha256(demo_file) == before


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_the_person_dialog_refuses_values_out_of_bounds(qtbot, window, demo_file):
    page = window.show_page("people")
    before = sha256(demo_file)
    existing = min(window.session.snapshot.people, key=lambda p: p.id)
    errors = []

    def fill(dialog):
        assert isinstance(dialog, PersonDialog)
        qtbot.keyClicks(dialog.ui.forename, "Grace")
        dialog.ui.surname.setText("S" * 101)
        _save(qtbot, dialog)
        errors.append(dialog.ui.errorLabel.text())
        dialog.ui.surname.setText("Hop\ufdd0per")
        _save(qtbot, dialog)
        errors.append(dialog.ui.errorLabel.text())
        dialog.ui.surname.setText("Hopper")
        dialog.ui.personId.setText(existing.id.lower())
        _save(qtbot, dialog)
        errors.append(dialog.ui.errorLabel.text())
        assert dialog.isVisible()
        dialog.reject()

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert errors[0] == "Surname: 'SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS…' is 101 characters long; at most 100 are allowed"
    assert errors[1].startswith("Surname: 'Hop<U+FDD0>per' contains U+FDD0")
    assert errors[2] == f"Person ID: '{existing.id.lower()}' is already used by {existing.full_name} (as '{existing.id}')"
    assert sha256(demo_file) == before


def test_an_edit_to_a_row_someone_else_changed_is_refused_and_the_file_reread(window, demo_file):
    session = window.session
    person = min(session.snapshot.people, key=lambda p: p.id)
    other = sqlite3.connect(demo_file)
    with other:
        other.execute("UPDATE people SET surname = 'Elsewhere' WHERE id = ?", [person.id])
    other.close()
    with pytest.raises(FileChangedError, match="by someone else"):
        session.apply([Update(person, replace(person, surname="Here"))], "Rename")
    assert session.snapshot.person_by_id[person.id].surname == "Elsewhere"  # read again
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert tf.load_snapshot().person_by_id[person.id].surname == "Elsewhere"


def test_the_replace_preview_says_which_registers_it_empties(qtbot, window, tmp_path, monkeypatch):
    book = tmp_path / "people only.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["Person ID", "Forename", "Surname"])
    ws.append(["P1", "Jane", "Smith"])
    wb.save(book)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(book), "")))
    meetings = len(window.session.snapshot.meetings)
    seen = {}

    def fill(dialog):
        seen["merge"] = dialog.detail.text()
        dialog.replace_radio.setChecked(True)
        seen["replace"] = dialog.detail.text()
        dialog.reject()

    driver = DialogDriver(fill)
    wd.import_workbook(window)
    driver.result()
    assert "emptied" not in seen["merge"]
    assert f"Meetings ({meetings:,} rows)" in seen["replace"] and "emptied: the workbook has no rows" in seen["replace"]
