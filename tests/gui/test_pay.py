"""Pay decisions page: decisions and their PAY findings, teachers' pay awards, the pay policy date."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit

from govboard import clock
from govboard.domain import model as m
from govboard.domain.dates import academic_year_of, parse_year_label, year_label
from govboard.store import TrustFile
from govboard.ui.dialogs import RecordDialog
from govboard.ui.models import SEVERITY_COLOURS, ObjectRole

from .conftest import DialogDriver, sha256


def _snapshot(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def _choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not among {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def _type(qtbot, dialog, name: str, text: str) -> None:
    edit = dialog.findChild(QLineEdit, name)
    edit.clear()
    qtbot.keyClicks(edit, text)


def _index(page, decision_id: str, header: str):
    col = [c.header for c in page.table.model.columns].index(header)
    row = next(r for r in range(page.table.proxy.rowCount())
               if page.table.proxy.index(r, 0).data(ObjectRole).id == decision_id)
    return page.table.proxy.index(row, col)


def _cell(page, decision_id: str, header: str) -> str:
    return _index(page, decision_id, header).data()


def _ceo_decision(path) -> m.PayDecision:
    return next(d for d in _snapshot(path).pay_decisions if d.post == "Chief Executive Officer")


def test_add_a_decision_shows_the_increase(qtbot, window, demo_file):
    page = window.show_page("pay")
    snap = _snapshot(demo_file)
    before_ids = {d.id for d in snap.pay_decisions}
    person = snap.person_by_id["P017"]
    # Executive pay is decided at a board meeting (a confidential item the executives leave for);
    # a rise one point above the teachers' award for the year it takes effect (the sample's own).
    pay_session = snap.meeting_by_id[next(d for d in snap.pay_decisions if d.person_id == "P003").meeting_id]
    effective = date(pay_session.date.year, 9, 1)
    award = snap.pay_award_by_year[academic_year_of(effective)].percent
    after = 90_000_00 * (100 + int(award) + 1) // 100
    rise = f"+£{(after - 90_000_00) / 100:,.2f} (+{int(award) + 1}.00%)"
    shown = {}

    def fill(dialog):
        assert isinstance(dialog, RecordDialog)
        new_id = dialog.findChild(QLineEdit, "id").text()
        assert new_id and new_id not in before_ids  # a fresh ID is proposed
        people = dialog.findChild(QComboBox, "person_id")
        assert all(not people.itemText(i).startswith("P0") for i in range(people.count()))  # names, not IDs
        _choose(people, person.full_name)
        _type(qtbot, dialog, "post", "Chief Financial Officer")
        _type(qtbot, dialog, "effective_date", f"{effective:%d/%m/%Y}")
        _type(qtbot, dialog, "salary_before", "90,000")
        _type(qtbot, dialog, "salary_after", f"£{after / 100:,.2f}")
        shown["increase"] = dialog.findChild(QLabel, "increase").text()
        assert dialog.findChild(QComboBox, "decided_by").currentText() == m.BOARD_BODY
        _choose(dialog.findChild(QComboBox, "meeting_id"), f"{pay_session.date:%d/%m/%Y}")
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "evidence"), "Regional CFO salary survey 2026")
        _choose(dialog.findChild(QComboBox, "subject_withdrew"), "Yes")
        shown["id"] = new_id
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert shown["increase"] == rise

    stored = {d.id: d for d in _snapshot(demo_file).pay_decisions}
    new = stored[shown["id"]]
    assert (new.person_id, new.effective_date, new.salary_before, new.salary_after) == (
        "P017", effective, 90_000_00, after)
    assert (new.decided_by, new.meeting_id, new.subject_withdrew, new.executive) == (
        m.BOARD_BODY, pay_session.id, True, True)
    assert new.evidence == "Regional CFO salary survey 2026"

    # The list shows it selected, in pounds, with the rise, which is above the teachers' award.
    assert page.table.current().id == new.id
    assert _cell(page, new.id, "Salary after") == f"£{after / 100:,.2f}"
    assert _cell(page, new.id, "Increase") == rise
    assert _cell(page, new.id, "Name") == person.full_name
    assert "PAY-05" in {f.rule for f in window.session.findings_for("pay_decision", new.id)}
    assert _cell(page, new.id, "Findings") == "Executive pay rise above the teachers' pay award (PAY-05)"
    detail = page.decision_detail.toPlainText()
    assert "PAY-05" in detail and "What to do:" in detail and rise in detail


def test_not_withdrawing_raises_pay_04_and_withdrawing_resolves_it(qtbot, window, demo_file):
    decision = _ceo_decision(demo_file)
    assert decision.subject_withdrew is True
    assert window.go_to("pay_decision", decision.id)
    page = window.pages["pay"]
    assert window.ui.pageStack.currentWidget() is page
    assert page.table.current().id == decision.id
    assert not window.session.findings_for("pay_decision", decision.id)

    def set_withdrew(answer):
        def fill(dialog):
            assert dialog.findChild(QLineEdit, "id") is None  # the ID is not edited
            _choose(dialog.findChild(QComboBox, "subject_withdrew"), answer)
            _save(qtbot, dialog)
        driver = DialogDriver(fill)
        qtbot.mouseClick(page.edit_btn, Qt.MouseButton.LeftButton)
        driver.result()

    set_withdrew("No")
    assert _ceo_decision(demo_file).subject_withdrew is False
    rules = {f.rule for f in window.session.findings_for("pay_decision", decision.id)}
    assert rules == {"PAY-04"}
    assert page.table.current().id == decision.id
    assert _cell(page, decision.id, "Findings") == "Person present at the decision on their own pay (PAY-04)"
    assert _cell(page, decision.id, "Person withdrew") == "No"
    detail = page.decision_detail.toPlainText()
    assert "PAY-04" in detail and "did not withdraw" in detail
    assert "Have the decision retaken without the conflicted person present" in detail  # the remedy
    # The row is marked in the colour of a must finding.
    row_colour = _index(page, decision.id, "Name").data(Qt.ItemDataRole.BackgroundRole)
    assert row_colour is not None and row_colour.name() == SEVERITY_COLOURS["must"]

    set_withdrew("Yes")
    assert _ceo_decision(demo_file).subject_withdrew is True
    assert not window.session.findings_for("pay_decision", decision.id)
    assert "passes the executive pay checks" in page.decision_detail.toPlainText()
    assert _cell(page, decision.id, "Findings") == ""
    assert _index(page, decision.id, "Name").data(Qt.ItemDataRole.BackgroundRole) is None


def test_delete_a_decision_entered_in_error_then_undo(qtbot, window, demo_file, messages):
    decision = _ceo_decision(demo_file)
    page = window.show_page("pay")
    assert page.table.select_where(lambda d: d.id == decision.id)
    page.table.view.setFocus()
    qtbot.keyClick(page.table.view, Qt.Key.Key_Delete)  # the same as Delete decision…
    assert messages and messages[-1][0] == "question" and "entered in error" in messages[-1][2]
    assert decision.id not in {d.id for d in _snapshot(demo_file).pay_decisions}
    assert decision.id not in {d.id for d in page.table.visible_objects()}
    window.ui.actionUndo.trigger()
    assert _ceo_decision(demo_file) == decision


def test_add_a_teachers_pay_award(qtbot, window, demo_file):
    page = window.show_page("pay")
    known = {a.academic_year for a in _snapshot(demo_file).pay_awards}
    start = max(parse_year_label(y) for y in known) + 1  # the year after the last, which the dialog offers
    label = year_label(start)
    assert label not in known
    errors = []

    def fill(dialog):
        assert dialog.findChild(QLineEdit, "academic_year").text() == label
        _type(qtbot, dialog, "academic_year", f"{start}/{(start + 2) % 100:02d}")
        _type(qtbot, dialog, "percent", "3.5%")
        _save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        assert dialog.isVisible()
        _type(qtbot, dialog, "academic_year", f"{start}-{(start + 1) % 100:02d}")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_award_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert errors[0].startswith("Academic year:")
    award = _snapshot(demo_file).pay_award_by_year[label]
    assert award.percent == Decimal("3.5")
    assert page.awards.current().academic_year == label
    col = [c.header for c in page.awards.model.columns].index("Teachers' award")
    row = next(r for r in range(page.awards.proxy.rowCount()) if page.awards.proxy.index(r, 0).data() == label)
    assert page.awards.proxy.index(row, col).data() == "3.50%"


def test_every_percentage_on_the_page_has_two_decimals(window):
    page = window.show_page("pay")
    shown = [page.awards.proxy.index(r, c).data() for r in range(page.awards.proxy.rowCount()) for c in (1, 2)]
    shown += [_cell(page, d.id, "Increase") for d in page.table.visible_objects()]
    percentages = re.findall(r"[\d.]+%", " ".join(shown))
    assert "3.00%" in percentages  # the teachers' award for 2026/27, as the rises read
    assert len(percentages) > 10 and all(re.fullmatch(r"\d+\.\d\d%", p) for p in percentages), percentages


def test_pay_policy_date_edit_persists_and_undo_restores_it(qtbot, window, demo_file, make_window, monkeypatch):
    page = window.show_page("pay")
    original = _snapshot(demo_file).settings.pay_policy_approved_on
    assert original is not None and f"{original:%d/%m/%Y}" in page.policy_date.text()
    # The sample's policy was approved at the meeting that decided executive pay; a day later
    # puts both decisions before it. On the day of that meeting, the clerk records it tomorrow.
    later = original + timedelta(days=1)
    if later > clock.today():
        monkeypatch.setenv(clock.ENV_VAR, later.isoformat())

    def fill(dialog):
        _type(qtbot, dialog, "pay_policy_approved_on", f"{later:%d/%m/%Y}")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.policy_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert _snapshot(demo_file).settings.pay_policy_approved_on == later
    assert f"{later:%d/%m/%Y}" in page.policy_date.text()
    # Both demo decisions were now taken before the policy: PAY-02 shows beside it.
    policy_text = page.policy_findings.toPlainText()
    assert policy_text.count("PAY-02") == 2 and "before the pay policy was approved" in policy_text

    window.ui.actionUndo.trigger()
    assert _snapshot(demo_file).settings.pay_policy_approved_on == original
    assert f"{original:%d/%m/%Y}" in page.policy_date.text()
    assert "PAY-02" not in page.policy_findings.toPlainText()

    window.ui.actionRedo.trigger()
    window.close()
    reopened = make_window(demo_file)
    page = reopened.show_page("pay")
    assert reopened.session.snapshot.settings.pay_policy_approved_on == later
    assert f"{later:%d/%m/%Y}" in page.policy_date.text()


def test_bad_input_is_rejected_and_the_file_is_unchanged(qtbot, window, demo_file):
    page = window.show_page("pay")
    digest = sha256(demo_file)
    errors = []

    def try_value(dialog, name, text):
        _type(qtbot, dialog, name, text)
        _save(qtbot, dialog)
        assert dialog.isVisible()  # still open: nothing saved
        errors.append(dialog.error_label.text())

    def fill(dialog):
        assert dialog.findChild(QComboBox, "person_id").currentText() == "(choose one)"
        _save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        _choose(dialog.findChild(QComboBox, "person_id"), "Ifeoma Nwosu")
        _type(qtbot, dialog, "effective_date", "01/09/2026")
        _type(qtbot, dialog, "salary_before", "80,000")
        try_value(dialog, "salary_after", "-5")
        try_value(dialog, "salary_after", "ninety thousand")
        _type(qtbot, dialog, "salary_after", "84,000")
        try_value(dialog, "salary_before", "0")
        _type(qtbot, dialog, "salary_before", "80,000")
        try_value(dialog, "effective_date", "31/02/2026")
        _type(qtbot, dialog, "effective_date", "")
        _save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        dialog.reject()

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert errors.pop(0) == "Choose a person"
    assert errors[0].startswith("Salary after:") and "negative" in errors[0]
    assert errors[1].startswith("Salary after:") and "not an amount of money" in errors[1]
    assert errors[2].startswith("Salary before:")
    assert errors[3].startswith("Effective date:") and "not a real date" in errors[3]
    assert errors[4] == "Enter an effective date"  # plain words (issue 15)

    policy_errors = []

    def fill_policy(dialog):
        _type(qtbot, dialog, "pay_policy_approved_on", "01/01/2099")
        _save(qtbot, dialog)
        policy_errors.append(dialog.error_label.text())
        dialog.reject()

    driver = DialogDriver(fill_policy)
    qtbot.mouseClick(page.policy_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert policy_errors[0].startswith("Pay policy approved on:") and "later than today" in policy_errors[0]
    assert sha256(demo_file) == digest
