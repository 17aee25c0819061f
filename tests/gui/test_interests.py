"""Interests and declarations page: status per person, interests, declarations and relationships,
driven through the real dialogs on a copy of the sample trust and read back from the file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit

from govboard import clock
from govboard.domain import model as m
from govboard.domain.dates import add_years
from govboard.domain.enums import Relationship, Role
from govboard.store import Insert, TrustFile, Update
from govboard.ui.dialogs import RecordDialog
from govboard.ui.pages.interests import (
    DECLARED,
    DUE,
    DUE_SOON_DAYS,
    MISSING,
    NEEDS_ATTENTION,
    NOT_IN_SCOPE,
    NOTHING,
    OVERDUE,
    SHOW_ATTENTION,
    SHOW_EVERYONE,
    InterestsPage,
)

from .conftest import DialogDriver, sha256


def _snapshot(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


def _save(qtbot, dialog):
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _cancel(qtbot, dialog):
    button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot, dialog, name: str, text: str):
    edit = dialog.findChild(QLineEdit, name)
    edit.clear()
    qtbot.keyClicks(edit, text)


def _choose(dialog, name: str, text: str):
    combo = dialog.findChild(QComboBox, name)
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered in {name}"
    combo.setCurrentIndex(index)


def _open(window, person_id: str) -> InterestsPage:
    page = window.show_page("interests")
    assert isinstance(page, InterestsPage)
    assert page.go_to("person", person_id)
    assert page.table.current().person.id == person_id
    return page


def _run(qtbot, fill, click):
    driver = DialogDriver(fill)
    qtbot.mouseClick(click, Qt.MouseButton.LeftButton)
    return driver.result()


def _free_day(snapshot, person_id: str) -> date:
    """Today, or the latest earlier day with no declaration by this person."""
    taken = {d.declared_on for d in snapshot.declarations_by_person.get(person_id, ())}
    day = clock.today()
    while day in taken:
        day -= timedelta(days=1)
    return day


# --- the list ------------------------------------------------------------------------------


def test_people_in_scope_with_status_and_findings(window):
    page = window.show_page("interests")
    rows = {r.person.id: r for r in page.table.visible_objects()}
    # The sample trust's seeded weakness: P010's last declaration is more than 12 months old.
    assert rows["P010"].status.word == OVERDUE
    assert [f.rule for f in rows["P010"].findings] == ["ROI-01"]
    # P001 declared within the year: up to date, or due in the weeks before the anniversary of
    # that declaration (10 September in the sample), with no finding either way.
    chair = rows["P001"].status
    assert chair.word in (DECLARED, NOTHING, DUE) and rows["P001"].findings == ()
    assert (chair.word == DUE) == (chair.due_on <= clock.today() + timedelta(days=DUE_SOON_DAYS))
    # In scope: a member (P013), a local governor (P101) and the CFO (P017); not P020, who only
    # works for the trust.
    assert {"P013", "P101", "P017"} <= set(rows) and "P020" not in rows
    # The status cell reads the word; the Findings cell names the rule.
    row = page.table.visible_objects().index(rows["P010"])
    model = page.table.proxy
    assert model.index(row, 1).data() == OVERDUE
    # The rule's short title beside its code (issue 15), not the bare code.
    assert model.index(row, 2).data() == "Declaration of interests not made in 12 months (ROI-01)"
    assert "1 overdue or missing" in page.counts.text()


def test_filter_shows_only_due_or_overdue_and_go_to_finds_anyone(window):
    page = window.show_page("interests")
    page.show_choice.setCurrentIndex(page.show_choice.findData(SHOW_ATTENTION))
    visible = page.table.visible_objects()
    assert visible and {r.status.word for r in visible} <= NEEDS_ATTENTION
    assert "P010" in {r.person.id for r in visible}
    # Going to someone the filter hides lists everyone; P020 is out of scope.
    assert page.go_to("person", "P020")
    assert page.show_choice.currentData() == SHOW_EVERYONE
    assert page.table.current().status.word == NOT_IN_SCOPE
    assert "Not in scope" in page.status_line.text()
    assert not page.go_to("meeting", "M001") and not page.go_to("person", "NOBODY")


# --- declarations --------------------------------------------------------------------------


def test_recording_a_declaration_resolves_roi01_for_p010(qtbot, window, demo_file):
    assert any(f.rule == "ROI-01" for f in window.session.findings_for("person", "P010"))
    page = _open(window, "P010")
    when = _free_day(_snapshot(demo_file), "P010")
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, RecordDialog)
        assert dialog.findChild(QLineEdit, "declared_on").text() == f"{clock.today():%d/%m/%Y}"
        _type(qtbot, dialog, "declared_on", f"{when:%d/%m/%Y}")
        # No answer chosen: the dialog asks for one.
        _save(qtbot, dialog)
        assert dialog.isVisible()
        seen["unanswered"] = dialog.error_label.text()
        # P010 holds a current interest, so "nothing to declare" contradicts the register.
        _choose(dialog, "nothing_to_declare", "Nothing to declare")
        _save(qtbot, dialog)
        assert dialog.isVisible()
        seen["contradiction"] = dialog.error_label.text()
        _choose(dialog, "nothing_to_declare", "Interests as listed in the register")
        _save(qtbot, dialog)
        assert not dialog.isVisible()

    _run(qtbot, fill, page.declarations.buttons["Record declaration…"])
    assert seen["unanswered"].startswith("Declaration:")
    assert seen["contradiction"].startswith("Declaration:") and "Whitlock Property Holdings" in seen["contradiction"]

    stored = [d for d in _snapshot(demo_file).declarations if d.person_id == "P010" and d.declared_on == when]
    assert len(stored) == 1 and stored[0].nothing_to_declare is False
    assert not any(f.rule == "ROI-01" for f in window.session.findings_for("person", "P010"))
    row = page.table.current()
    assert row.person.id == "P010" and row.status.word == DECLARED and row.findings == ()
    assert page.declarations.table.current().declared_on == when  # the new one is selected
    assert "1 finding resolved" in window.statusBar().currentMessage()

    # One undoable step: undo brings the finding back.
    window.ui.actionUndo.trigger()
    assert any(f.rule == "ROI-01" for f in window.session.findings_for("person", "P010"))
    assert page.table.current().status.word == OVERDUE


def test_record_nothing_to_declare(qtbot, window, demo_file):
    snapshot = _snapshot(demo_file)
    person_id = "P008"  # a trustee with no interests registered
    assert not snapshot.interests_by_person.get(person_id)
    page = _open(window, person_id)
    when = _free_day(snapshot, person_id)

    def fill(dialog):
        _type(qtbot, dialog, "declared_on", f"{when:%d/%m/%Y}")
        _choose(dialog, "nothing_to_declare", "Nothing to declare")
        _save(qtbot, dialog)

    _run(qtbot, fill, page.declarations.buttons["Record declaration…"])
    (stored,) = [d for d in _snapshot(demo_file).declarations if d.person_id == person_id and d.declared_on == when]
    assert stored.nothing_to_declare is True
    assert page.table.current().status.word == NOTHING
    assert page.declarations.table.current().declared_on == when
    row = page.declarations.table.view.currentIndex().row()
    assert page.declarations.table.proxy.index(row, 2).data() == "Nothing to declare"


def test_a_declaration_in_the_future_is_refused(qtbot, window, demo_file):
    page = _open(window, "P010")
    before = sha256(demo_file)
    seen = {}

    def fill(dialog):
        _type(qtbot, dialog, "declared_on", f"{clock.today() + timedelta(days=3):%d/%m/%Y}")
        _choose(dialog, "nothing_to_declare", "Interests as listed in the register")
        _save(qtbot, dialog)
        seen["error"] = dialog.error_label.text()
        _cancel(qtbot, dialog)

    _run(qtbot, fill, page.declarations.buttons["Record declaration…"])
    assert seen["error"].startswith("Date signed:") and "future" in seen["error"]
    assert sha256(demo_file) == before


# --- interests -----------------------------------------------------------------------------


def _add_interest(qtbot, page, organisation="Acme Tutoring Ltd", start="01/03/2024", number="1234567"):
    def fill(dialog):
        assert dialog.findChild(QLineEdit, "end") is None  # a new interest is current
        _type(qtbot, dialog, "organisation", organisation)
        _type(qtbot, dialog, "company_number", number)
        _type(qtbot, dialog, "nature_of_business", "Private tuition")
        _type(qtbot, dialog, "nature_of_interest", "Director and shareholder")
        _type(qtbot, dialog, "start", start)
        _save(qtbot, dialog)
        assert not dialog.isVisible(), dialog.error_label.text()

    _run(qtbot, fill, page.interests.buttons["Add…"])


def test_add_edit_end_and_show_ended_interest(qtbot, window, demo_file):
    page = _open(window, "P008")
    _add_interest(qtbot, page)
    (added,) = [i for i in _snapshot(demo_file).interests if i.person_id == "P008"]
    assert (added.organisation, added.company_number, added.nature_of_business, added.nature_of_interest,
            added.start, added.end) == ("Acme Tutoring Ltd", "01234567", "Private tuition",
                                        "Director and shareholder", date(2024, 3, 1), None)
    assert page.interests.table.current().id == added.id

    def edit(dialog):
        assert dialog.findChild(QLineEdit, "organisation").text() == "Acme Tutoring Ltd"
        _type(qtbot, dialog, "nature_of_interest", "Shareholder")
        _save(qtbot, dialog)

    _run(qtbot, edit, page.interests.buttons["Edit…"])
    (edited,) = [i for i in _snapshot(demo_file).interests if i.person_id == "P008"]
    assert edited.id == added.id and edited.nature_of_interest == "Shareholder"

    ended_on = clock.today() - timedelta(days=2)

    def end(dialog):
        field = dialog.findChild(QLineEdit, "end")
        assert field.text() == f"{clock.today():%d/%m/%Y}"  # today is offered
        _type(qtbot, dialog, "end", f"{ended_on:%d/%m/%Y}")
        _save(qtbot, dialog)

    _run(qtbot, end, page.interests.buttons["End…"])
    (ended,) = [i for i in _snapshot(demo_file).interests if i.person_id == "P008"]
    assert ended.id == added.id and ended.end == ended_on  # ended, not deleted
    assert page.interests.table.visible_objects() == []
    page.show_ended.setChecked(True)
    assert [i.id for i in page.interests.table.visible_objects()] == [added.id]
    page.interests.table.select_where(lambda i: i.id == added.id)
    assert not page.interests.buttons["End…"].isEnabled()  # already ended


def test_bad_dates_are_refused_with_the_field_named_and_the_file_unchanged(qtbot, window, demo_file):
    page = _open(window, "P010")
    before = sha256(demo_file)
    seen = {}

    def fill(dialog):
        _type(qtbot, dialog, "organisation", "Nowhere Ltd")
        _type(qtbot, dialog, "nature_of_business", "Consulting")
        _type(qtbot, dialog, "nature_of_interest", "Director")
        _type(qtbot, dialog, "start", "31/02/2025")
        _save(qtbot, dialog)
        assert dialog.isVisible()
        seen["bad"] = dialog.error_label.text()
        _type(qtbot, dialog, "start", "")
        _save(qtbot, dialog)
        seen["blank"] = dialog.error_label.text()
        _type(qtbot, dialog, "start", "01/01/2025")
        _type(qtbot, dialog, "company_number", "12-34")
        _save(qtbot, dialog)
        seen["number"] = dialog.error_label.text()
        _cancel(qtbot, dialog)

    _run(qtbot, fill, page.interests.buttons["Add…"])
    assert seen["bad"].startswith("From (start date):") and "not a real date" in seen["bad"]
    assert seen["blank"] == "Enter a start date"  # plain words (issue 15)
    assert seen["number"].startswith("Company number:")

    # Ending before the interest started is refused too.
    page.interests.table.select_where(lambda i: i.organisation == "Whitlock Property Holdings Ltd")
    start = page.interests.table.current().start

    def end(dialog):
        _type(qtbot, dialog, "end", f"{start - timedelta(days=1):%d/%m/%Y}")
        _save(qtbot, dialog)
        seen["end"] = dialog.error_label.text()
        _cancel(qtbot, dialog)

    _run(qtbot, end, page.interests.buttons["End…"])
    assert seen["end"].startswith("End date:") and "before the interest started" in seen["end"]
    assert sha256(demo_file) == before


def test_delete_an_interest_entered_in_error_asks_first(qtbot, window, demo_file, messages):
    page = _open(window, "P008")
    _add_interest(qtbot, page, organisation="Typo Holdings")
    assert any(i.organisation == "Typo Holdings" for i in _snapshot(demo_file).interests)
    assert page.interests.table.current().organisation == "Typo Holdings"
    page.interests.table.view.setFocus()
    qtbot.keyClick(page.interests.table.view, Qt.Key.Key_Delete)  # the same as Delete…
    assert messages and messages[-1][0] == "question" and "entered in error" in messages[-1][2]
    assert not any(i.organisation == "Typo Holdings" for i in _snapshot(demo_file).interests)


def test_incomplete_interest_is_shown_with_roi02(qtbot, window, demo_file):
    """An interest imported without its nature of business carries ROI-02 beside the person."""
    page = _open(window, "P010")
    interest = page.interests.table.visible_objects()[0]
    window.session.apply([Update(interest, replace(interest, nature_of_business=None))], "test: blank a field")
    row = page.table.current()
    assert "ROI-02" in [f.rule for f in row.findings]
    assert "ROI-02" in page.findings_line.text()
    (shown,) = page.interests.table.visible_objects()
    assert shown.nature_of_business is None
    assert page.interests.table.model.row_colour(shown) is not None  # tinted as incomplete


# --- relationships -------------------------------------------------------------------------


def test_add_and_remove_a_relationship(qtbot, window, demo_file, messages):
    page = _open(window, "P010")

    def fill(dialog):
        _choose(dialog, "relationship", Relationship.PARENT.value)
        _choose(dialog, "other", "Pryce-Jones, Rhiannon (P011)")
        _save(qtbot, dialog)
        assert not dialog.isVisible(), dialog.error_label.text()

    _run(qtbot, fill, page.relationships.buttons["Add…"])
    (stored,) = [r for r in _snapshot(demo_file).relationships if {r.person_id, r.related_person_id} == {"P010", "P011"}]
    # Stored from P010's side: P011 is P010's child.
    assert (stored.person_id, stored.related_person_id, stored.relationship) == ("P010", "P011", Relationship.CHILD)
    table = page.relationships.table
    assert table.proxy.index(0, 0).data() == "Parent of Rhiannon Pryce-Jones"
    page.go_to("person", "P011")
    assert page.relationships.table.proxy.index(0, 0).data() == "Child of Graham Whitlock"

    # The same pair again is refused, naming the field.
    seen = {}

    def again(dialog):
        _choose(dialog, "relationship", Relationship.SIBLING.value)
        _choose(dialog, "other", "Whitlock, Graham (P010)")
        _save(qtbot, dialog)
        seen["error"] = dialog.error_label.text()
        _cancel(qtbot, dialog)

    _run(qtbot, again, page.relationships.buttons["Add…"])
    assert seen["error"].startswith("of:") and "already have a relationship" in seen["error"]

    page.relationships.table.select_where(lambda r: r.id == stored.id)
    qtbot.mouseClick(page.relationships.buttons["Remove…"], Qt.MouseButton.LeftButton)
    assert messages[-1][0] == "question"
    assert not [r for r in _snapshot(demo_file).relationships if {r.person_id, r.related_person_id} == {"P010", "P011"}]


def test_read_only_file_offers_no_edits(qtbot, make_window, demo_file):
    window = make_window()
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    page = _open(window, "P010")
    page.interests.table.select_where(lambda i: True)
    buttons = [*page.interests.buttons.values(), *page.declarations.buttons.values(),
               *page.relationships.buttons.values()]
    assert buttons and not any(b.isEnabled() for b in buttons)
    assert page.table.current().status.word in (OVERDUE, MISSING)


def test_due_soon_and_missing_follow_roi01(window):
    page = window.show_page("interests")
    today = window.session.as_of
    # Two new trustees without a declaration: appointed 60 days ago (past ROI-01's 28 days of
    # grace: missing) and 5 days ago (first declaration due soon).
    window.session.apply([
        Insert(m.Person(id="P900", forename="Nora", surname="Late")),
        Insert(m.Person(id="P901", forename="Ned", surname="New")),
        Insert(m.Appointment(person_id="P900", role=Role.TRUSTEE, body=m.BOARD_BODY, start=today - timedelta(days=60))),
        Insert(m.Appointment(person_id="P901", role=Role.TRUSTEE, body=m.BOARD_BODY, start=today - timedelta(days=5))),
    ], "test: two new trustees")
    rows = {r.person.id: r for r in page.table.visible_objects()}
    assert rows["P900"].status.word == MISSING and [f.rule for f in rows["P900"].findings] == ["ROI-01"]
    assert rows["P901"].status.word == DUE and "first declaration is due by" in rows["P901"].status.sentence(today)
    assert [f.severity.value for f in rows["P901"].findings] == ["advice"]

    # Thirty days before P001's declaration is a year old, it falls due.
    last = max(d.declared_on for d in window.session.snapshot.declarations_by_person["P001"])
    window.session.set_as_of(add_years(last, 1) - timedelta(days=30))
    rows = {r.person.id: r for r in page.table.visible_objects()}
    assert rows["P001"].status.word == DUE and rows["P001"].findings == ()
