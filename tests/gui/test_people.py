"""People page: add and edit people through the real dialogs, filter, detail tabs, checks."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QMessageBox

from govboard import clock
from govboard.domain import model as m
from govboard.domain.enums import CheckKind
from govboard.store import Insert, TrustFile
from govboard.ui.dialogs import PersonDialog, RecordDialog
from govboard.ui.models import SEVERITY_COLOURS, ObjectRole

from .conftest import DialogDriver, sha256


def _save(qtbot, dialog):
    box = dialog.ui.buttonBox if hasattr(dialog, "ui") else dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _people_in_file(path):
    with TrustFile.open(path, read_only=True) as tf:
        return {p.id: p for p in tf.load_snapshot().people}


def test_add_person_with_a_bad_date_then_a_good_one(qtbot, window, demo_file):
    page = window.show_page("people")
    before = page.table.model.rowCount()
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, PersonDialog)
        seen["id"] = dialog.ui.personId.text()
        qtbot.keyClicks(dialog.ui.title, "Ms")
        qtbot.keyClicks(dialog.ui.forename, "Grace")
        qtbot.keyClicks(dialog.ui.surname, "Hopper-Tester")
        qtbot.keyClicks(dialog.ui.dateOfBirth, "31/02/2024")
        qtbot.keyClicks(dialog.ui.email, "grace@example.org")
        _save(qtbot, dialog)
        # The domain's message, and the dialog stays open with what was typed.
        assert dialog.isVisible()
        seen["error"] = dialog.ui.errorLabel.text()
        assert "not a real date" in seen["error"]
        dialog.ui.dateOfBirth.clear()
        qtbot.keyClicks(dialog.ui.dateOfBirth, "09/12/1976")
        _save(qtbot, dialog)
        assert not dialog.isVisible()

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert seen["error"].startswith("Date of birth:")

    person = _people_in_file(demo_file)[seen["id"]]
    assert (person.title, person.forename, person.surname) == ("Ms", "Grace", "Hopper-Tester")
    assert person.date_of_birth == date(1976, 12, 9)
    assert person.email == "grace@example.org"
    assert page.table.model.rowCount() == before + 1
    assert page.table.current().id == seen["id"]  # the new person is selected
    assert "Hopper-Tester" in page.person_heading.text()
    assert window.ui.actionUndo.isEnabled()


def test_cancel_adds_no_one(qtbot, window, demo_file):
    page = window.show_page("people")
    before = _people_in_file(demo_file)

    def fill(dialog):
        qtbot.keyClicks(dialog.ui.forename, "Nobody")
        qtbot.mouseClick(dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel),
                         Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert _people_in_file(demo_file) == before


def test_edit_person(qtbot, window, demo_file):
    page = window.show_page("people")
    assert not page.edit_btn.isEnabled()  # nothing selected yet
    target = page.table.visible_objects()[3]
    assert page.table.select_where(lambda p: p.id == target.id)
    assert page.edit_btn.isEnabled()

    def fill(dialog):
        assert dialog.ui.personId.isReadOnly() and dialog.ui.personId.text() == target.id
        assert dialog.ui.surname.text() == target.surname
        dialog.ui.email.clear()
        qtbot.keyClicks(dialog.ui.email, "changed@example.org")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.edit_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert _people_in_file(demo_file)[target.id].email == "changed@example.org"
    assert page.table.current().id == target.id  # still selected after the refresh
    assert "changed@example.org" in page.person_facts.text()


def test_type_to_filter_narrows_the_rows(qtbot, window):
    page = window.show_page("people")
    everyone = page.table.visible_objects()
    target = everyone[10]
    qtbot.keyClicks(page.table.filter, target.surname)
    shown = page.table.visible_objects()
    assert target in shown and 0 < len(shown) < len(everyone)
    assert all(target.surname.casefold() in f"{p.surname}, {p.forename}".casefold() for p in shown)
    qtbot.keyClicks(page.table.filter, " zzzz-no-such-name")
    assert page.table.visible_objects() == []
    page.table.filter.clear()
    assert len(page.table.visible_objects()) == len(everyone)
    # Current roles are searchable too.
    qtbot.keyClicks(page.table.filter, "chair of trustees")
    assert 1 <= len(page.table.visible_objects()) <= 2


def test_selecting_a_person_fills_the_detail_tabs(window):
    page = window.show_page("people")
    snap = window.session.snapshot
    assert not page.tabs.isEnabled() and page.person_heading.text() == "No one selected"

    def rows(tab):
        return tab.table.model.rowCount()

    # Someone with roles and employment, someone with a relationship, someone with checks.
    employed = next(p for p in snap.people if snap.employment_by_person.get(p.id)
                    and snap.appointments_by_person.get(p.id))
    related = next(p for p in snap.people if snap.relationships_by_person.get(p.id))
    checked = next(p for p in snap.people if snap.checks_by_person.get(p.id))

    page.table.select_where(lambda p: p.id == employed.id)
    assert page.tabs.isEnabled()
    assert employed.surname in page.person_heading.text()
    assert f"ID {employed.id}" in page.person_facts.text()
    assert rows(page.roles_tab) == len(snap.appointments_by_person[employed.id])
    assert rows(page.employment_tab) == len(snap.employment_by_person[employed.id])
    role_cell = page.roles_tab.table.model.index(0, 0).data()
    assert role_cell and "." not in role_cell and "_" not in role_cell  # a label, not an enum name

    page.table.select_where(lambda p: p.id == related.id)
    assert rows(page.relationships_tab) == len(snap.relationships_by_person[related.id])
    page.table.select_where(lambda p: p.id == checked.id)
    assert rows(page.checks_tab) == len(snap.checks_by_person[checked.id])
    kinds = {page.checks_tab.table.model.index(r, 0).data() for r in range(rows(page.checks_tab))}
    assert kinds <= {k.value for k in CheckKind}


def test_add_a_check_on_the_checks_tab(qtbot, window, demo_file):
    page = window.show_page("people")
    snap = window.session.snapshot
    person = next(p for p in snap.people
                  if all(c.kind != CheckKind.SOS_CHAIR_CHECK for c in snap.checks_by_person.get(p.id, [])))
    had = len(snap.checks_by_person.get(person.id, []))
    page.table.select_where(lambda p: p.id == person.id)
    page.tabs.setCurrentWidget(page.checks_tab)
    assert page.checks_tab.table.model.rowCount() == had
    add = page.checks_tab.buttons[0]
    assert add.isEnabled()

    def fill(dialog):
        assert isinstance(dialog, RecordDialog)
        kind = dialog.findChild(QComboBox, "kind")
        kind.setCurrentIndex(kind.findText(CheckKind.SOS_CHAIR_CHECK.value))
        when = dialog.findChild(QLineEdit, "date")
        qtbot.keyClicks(when, "30/02/2025")
        _save(qtbot, dialog)
        assert dialog.isVisible() and "not a real date" in dialog.error_label.text()
        when.clear()
        qtbot.keyClicks(when, "03/03/2025")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "reference"), "SOS-001")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    driver.result()
    with TrustFile.open(demo_file, read_only=True) as tf:
        checks = tf.load_snapshot().checks_by_person.get(person.id, [])
    added = [(c.kind, c.date, c.reference) for c in checks if c.kind == CheckKind.SOS_CHAIR_CHECK]
    assert added == [(CheckKind.SOS_CHAIR_CHECK, date(2025, 3, 3), "SOS-001")]
    assert len(checks) == had + 1
    assert page.table.current().id == person.id
    shown = page.checks_tab.table.model
    assert shown.rowCount() == had + 1
    assert "Secretary of State chair check" in {shown.index(r, 0).data() for r in range(shown.rowCount())}


def test_checks_tab_edit_on_enter_and_delete_with_undo(qtbot, window, demo_file, messages):
    page = window.show_page("people")
    assert page.table.select_where(lambda p: p.id == "P010")
    page.tabs.setCurrentWidget(page.checks_tab)
    add, edit, delete = page.checks_tab.buttons
    # Edit and Delete wait for a check to be chosen.
    assert add.isEnabled() and not edit.isEnabled() and not delete.isEnabled()
    view = page.checks_tab.table.view
    first = page.checks_tab.table.visible_objects()[0]
    assert page.checks_tab.table.select_where(lambda c: c.id == first.id)
    assert edit.isEnabled() and delete.isEnabled()

    # Enter on the chosen check opens its editor (double-click does too, see TableBox.activated).
    def fill(dialog):
        assert isinstance(dialog, RecordDialog) and dialog.windowTitle() == "Edit check"
        assert dialog.findChild(QLineEdit, "date").text() == f"{first.date:%d/%m/%Y}"
        dialog.reject()

    driver = DialogDriver(fill)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    driver.result()

    # Delete asks (the messages fixture answers Yes), removes the check, and Undo brings it back.
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert messages and messages[-1][1] == "Delete check"
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert first.id not in {c.id for c in tf.load_snapshot().checks}
    assert first.id not in {c.id for c in page.checks_tab.table.visible_objects()}
    window.ui.actionUndo.trigger()
    assert first.id in {c.id for c in page.checks_tab.table.visible_objects()}
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert first.id in {c.id for c in tf.load_snapshot().checks}


def test_a_person_added_in_error_is_deleted_with_the_delete_key_and_undo_brings_them_back(
        qtbot, window, demo_file, messages):
    window.session.apply([Insert(m.Person(id="P990", forename="Grace", surname="Hopper-Tester"))],
                         "Add Grace Hopper-Tester")
    page = window.show_page("people")
    assert page.table.select_where(lambda p: p.id == "P990")
    assert page.delete_btn.isEnabled()
    batches = len(window.session.file.batches())
    page.table.view.setFocus()
    qtbot.keyClick(page.table.view, Qt.Key.Key_Delete)  # the same as Delete person…

    kind, title, text = messages[-1]
    assert (kind, title) == ("question", "Delete person")
    assert "Grace Hopper-Tester (P990)" in text
    assert "P990" not in _people_in_file(demo_file)
    assert len(window.session.file.batches()) == batches + 1  # one undoable step
    assert "P990" not in {p.id for p in page.table.visible_objects()}
    assert page.table.current() is not None  # the next person is chosen, ready for the next action

    window.ui.actionUndo.trigger()
    assert _people_in_file(demo_file)["P990"].surname == "Hopper-Tester"
    assert "P990" in {p.id for p in page.table.visible_objects()}


def test_answering_no_deletes_no_one(qtbot, window, demo_file, monkeypatch):
    window.session.apply([Insert(m.Person(id="P990", forename="Grace", surname="Hopper-Tester"))], "Add")
    asked = []

    def answer_no(parent, title, text, buttons, default):
        asked.append(default)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer_no))
    page = window.show_page("people")
    assert page.table.select_where(lambda p: p.id == "P990")
    before = sha256(demo_file)
    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)
    assert asked == [QMessageBox.StandardButton.No]  # No is the default: Enter keeps the person
    assert sha256(demo_file) == before


def test_a_person_with_appointments_cannot_be_deleted_and_the_file_is_unchanged(
        qtbot, window, demo_file, messages):
    page = window.show_page("people")
    assert page.table.select_where(lambda p: p.id == "P010")
    before = sha256(demo_file)
    batches = len(window.session.file.batches())
    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)

    kind, title, text = messages[-1]
    assert (kind, title) == ("information", "Cannot delete person")
    assert text.startswith("Graham Whitlock has 2 appointments, ")
    assert "1 interest" in text and "End their appointments instead" in text
    assert not [msg for msg in messages if msg[0] == "question"]  # nothing to confirm: nothing is deleted
    assert sha256(demo_file) == before
    assert len(window.session.file.batches()) == batches
    assert "P010" in _people_in_file(demo_file)


def test_a_person_with_only_an_interest_is_told_to_delete_it_first(qtbot, window, demo_file, messages):
    window.session.apply([Insert(m.Person(id="P990", forename="Grace", surname="Hopper-Tester"))], "Add")
    window.session.apply([Insert(m.Interest(person_id="P990", organisation="Hopper Consulting Ltd"))], "Add")
    page = window.show_page("people")
    assert page.table.select_where(lambda p: p.id == "P990")
    qtbot.mouseClick(page.delete_btn, Qt.MouseButton.LeftButton)
    kind, _, text = messages[-1]
    assert kind == "information"
    assert text.startswith("Grace Hopper-Tester has 1 interest, so they cannot be deleted.")
    assert "delete them first" in text and "Interests page" in text
    assert "P990" in _people_in_file(demo_file)


def test_people_list_shows_open_findings_tinted_by_severity(qtbot, window, demo_file):
    page = window.show_page("people")
    col = [c.header for c in page.table.model.columns].index("Findings")

    def cells(person_id):
        row = next(r for r in range(page.table.proxy.rowCount())
                   if page.table.proxy.index(r, 0).data(ObjectRole).id == person_id)
        index = page.table.proxy.index(row, col)
        brush = index.data(Qt.ItemDataRole.BackgroundRole)
        return index.data(), (brush.name() if brush else None)

    assert cells("P010") == ("Declaration of interests not made in 12 months (ROI-01)", SEVERITY_COLOURS["must"])
    assert cells("P001") == ("Member is also a trustee (MEM-05)", SEVERITY_COLOURS["advice"])
    assert cells("P015") == ("", None)
    assert page.table.select_where(lambda p: p.id == "P010")
    assert page.person_findings.isVisible()
    assert "ROI-01" in page.person_findings.text() and "Graham Whitlock" in page.person_findings.text()
    assert "(Must)" in page.person_findings.text()  # the severity's word, as on every page
    row = next(r for r in range(page.table.proxy.rowCount())
               if page.table.proxy.index(r, 0).data(ObjectRole).id == "P010")
    assert page.table.proxy.index(row, col).data(Qt.ItemDataRole.ToolTipRole).startswith(
        "Must · Declaration of interests not made in 12 months (ROI-01): ")
    assert page.table.select_where(lambda p: p.id == "P015")
    assert not page.person_findings.isVisible()
    # Typing a rule ID finds the people it is about.
    qtbot.keyClicks(page.table.filter, "ROI-01")
    assert [p.id for p in page.table.visible_objects()] == ["P010"]
    page.table.filter.clear()

    # An acknowledged finding is no longer open: no rule ID, no tint.
    window.session.apply([Insert(m.Acknowledgement("ROI-01", "person", "P010", "Declaration signed, being filed",
                                                   acknowledged_on=clock.today()))], "Acknowledge")
    assert cells("P010") == ("", None)


def test_a_relationship_reads_right_from_both_sides_and_edits_from_the_other_side(qtbot, window, demo_file):
    page = window.show_page("people")
    snap = window.session.snapshot
    rel = next(r for r in snap.relationships if r.relationship in (m.Relationship.CHILD, m.Relationship.PARENT))
    tab = page.relationships_tab

    def shown_for(person_id):
        assert page.table.select_where(lambda p: p.id == person_id)
        model = tab.table.model
        return {(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())}

    # The row (A, B, Child) says B is A's child: A's page shows "B, Child"; B's shows "A, Parent".
    a, b = rel.person_id, rel.related_person_id
    assert (snap.person_label(b), rel.relationship.value) in shown_for(a)
    assert (snap.person_label(a), rel.relationship.inverse.value) in shown_for(b)

    # Edited on B's page, the form shows A and what A is to B; saving an end date keeps the row's
    # orientation and relationship.
    assert tab.table.select_where(lambda r: r == rel)

    def fill(dialog):
        assert dialog.findChild(QComboBox, "related_person_id").currentData() == a
        assert dialog.findChild(QComboBox, "relationship").currentData() == rel.relationship.inverse
        qtbot.keyClicks(dialog.findChild(QLineEdit, "end"), "31/08/2026")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    tab.buttons[1].click()
    driver.result()
    with TrustFile.open(demo_file, read_only=True) as tf:
        saved = [r for r in tf.load_snapshot().relationships if r.id == rel.id]
    assert saved == [m.PersonRelationship(id=rel.id, person_id=a, related_person_id=b,
                                          relationship=rel.relationship, start=rel.start,
                                          end=date(2026, 8, 31))]


def test_a_new_relationship_starts_with_no_one_chosen(qtbot, window, demo_file):
    page = window.show_page("people")
    assert page.table.select_where(lambda p: p.id == "P010")
    before = sha256(demo_file)

    def fill(dialog):
        related = dialog.findChild(QComboBox, "related_person_id")
        assert related.currentData() is None and related.currentText() == "(choose one)"
        kind = dialog.findChild(QComboBox, "relationship")
        kind.setCurrentIndex(kind.findText("Sibling"))
        _save(qtbot, dialog)
        assert dialog.isVisible() and dialog.error_label.text() == "Choose a related person"
        dialog.reject()

    driver = DialogDriver(fill)
    page.relationships_tab.buttons[0].click()
    driver.result()
    assert sha256(demo_file) == before



def test_add_person_starts_in_forename_marks_required_fields_and_speaks_plainly(qtbot, window):
    """Issue 15: focus in the first field a person fills (the ID is proposed, last), the same
    required mark and legend as every dialog, and 'Enter a forename', not 'Forename: is required'."""
    from PySide6.QtWidgets import QLabel

    page = window.show_page("people")
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, PersonDialog)
        ui = dialog.ui
        seen["focus"] = dialog.focusWidget()  # the field that has (or gets) the keyboard
        assert ui.personId.text()  # proposed
        assert [lbl.text() for lbl in (ui.forenameLabel, ui.surnameLabel, ui.personIdLabel)] == [
            "&Forename *", "&Surname *", "Person &ID *"]
        assert not ui.titleLabel.text().endswith("*") and not ui.emailLabel.text().endswith("*")
        assert dialog.findChild(QLabel, "requiredLegend").text() == "* must be filled in"
        # The form reads top to bottom: forename, then surname, then the ID.
        layout = ui.formLayout
        rows = [layout.getWidgetPosition(w)[0] for w in (ui.forename, ui.surname, ui.personId)]
        assert rows == sorted(rows)
        qtbot.mouseClick(ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        seen["first"] = ui.errorLabel.text()
        qtbot.keyClicks(ui.forename, "Ada")
        qtbot.mouseClick(ui.buttonBox.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        seen["second"] = ui.errorLabel.text()
        dialog.reject()

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    dialog = driver.result()
    assert seen["focus"] is dialog.ui.forename
    assert seen["first"] == "Enter a forename"
    assert seen["second"] == "Enter a surname"
