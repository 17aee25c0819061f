"""Related parties page: agreements and their yearly values, the payments ledger, and turning a
payment that RPT-07 flags into an agreement (one undoable step)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit

from govboard.demo import SEEDED_PAYMENT_ID, SEEDED_RPT_ORGANISATION
from govboard.domain.dates import financial_year_of, parse_year_label, year_label
from govboard.domain.enums import Direction
from govboard.rules import catalogue
from govboard.store import TrustFile
from govboard.ui.dialogs import RecordDialog, combo_value
from govboard.ui.models import money
from govboard.ui.pages.related_parties import RelatedPartiesPage

from .conftest import DialogDriver


def _snapshot(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


def _rpt_state(path):
    snap = _snapshot(path)
    return snap.rpt_agreements, snap.rpt_values, snap.payments


def _page(window) -> RelatedPartiesPage:
    page = window.show_page("rpt")
    assert isinstance(page, RelatedPartiesPage)
    return page


def _type(qtbot, dialog, name: str, text: str) -> None:
    edit = dialog.findChild(QLineEdit, name)
    assert edit is not None, name
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest cannot type letters outside Latin-1 reliably
        edit.insert(text)


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def _choose(dialog, name: str, value) -> None:
    combo = dialog.findChild(QComboBox, name)
    for i in range(combo.count()):
        if combo_value(combo, i) == value:
            combo.setCurrentIndex(i)
            return
    raise AssertionError(f"{value!r} is not offered in {name}")


def _rules_for(window, kind: str, key: str) -> set[str]:
    return {f.rule for f in window.session.findings_for(kind, key)}


def test_add_agreement_with_a_value(qtbot, window, demo_file):
    page = _page(window)
    before = {a.id for a in _snapshot(demo_file).rpt_agreements}

    def fill(dialog):
        assert isinstance(dialog, RecordDialog)
        new_id = dialog.findChild(QLineEdit, "id").text()
        assert new_id and new_id not in before  # a fresh ID is proposed
        assert combo_value(dialog.findChild(QComboBox, "direction")) is Direction.EXPENDITURE
        _type(qtbot, dialog, "related_organisation", "Hartley & Daughters Catering Ltd")
        _type(qtbot, dialog, "company_number", "09876543")
        _choose(dialog, "related_person_id", "P005")
        _type(qtbot, dialog, "description", "Sixth-form café")
        _type(qtbot, dialog, "financial_year", "2025-26")  # normalised to 2025/26
        _type(qtbot, dialog, "value", "£12,345.67")
        _type(qtbot, dialog, "confirmed_on", "01/10/2025")
        _type(qtbot, dialog, "reported_to_dfe_on", "15/09/2025")
        _choose(dialog, "conflicted_withdrew", True)
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_agreement_btn, Qt.MouseButton.LeftButton)
    driver.result()

    snap = _snapshot(demo_file)
    (new_id,) = {a.id for a in snap.rpt_agreements} - before
    new = snap.agreement_by_id[new_id]
    assert (new.related_organisation, new.company_number, new.related_person_id, new.description) == (
        "Hartley & Daughters Catering Ltd", "09876543", "P005", "Sixth-form café")
    assert (new.confirmed_on, new.reported_to_dfe_on, new.conflicted_withdrew) == (
        date(2025, 10, 1), date(2025, 9, 15), True)
    assert [(v.financial_year, v.value) for v in snap.values_of(new_id)] == [("2025/26", 1_234_567)]

    # The new agreement is selected, its value shown in pounds, and its findings beside it:
    # no at-cost statement (RPT-04), reported in time (no RPT-01), and (rulebook v2) no interest
    # of the related person in the caterer in the register (ROI-03).
    assert page.tabs.currentIndex() == 0 and page.agreements.current().id == new_id
    assert [(page.values.proxy.index(0, c).data()) for c in (0, 1)] == ["2025/26", "£12,345.67"]
    assert _rules_for(window, "rpt", new_id) == {"RPT-04", "ROI-03"}
    assert "RPT-04" in page.agreement_findings.toPlainText()
    row = next(r for r in range(page.agreements.proxy.rowCount())
               if page.agreements.proxy.index(r, 0).data() == new_id)
    # the row is marked, each rule's title beside its code (issue 15)
    titles = {info.id: info.title for info in catalogue()}
    assert page.agreements.proxy.index(row, 2).data() == (
        f"{titles['ROI-03']} (ROI-03); {titles['RPT-04']} (RPT-04)")
    assert page.agreements.proxy.index(row, 4).data() == "£12,345.67"

    # Agreement and value were one step: one Undo removes both.
    window.session.undo()
    snap = _snapshot(demo_file)
    assert new_id not in snap.agreement_by_id and not snap.values_of(new_id)


def test_edit_agreement_resolves_late_reporting(qtbot, window, demo_file):
    page = _page(window)
    assert window.go_to("rpt", "AGR-003")
    assert page.agreements.current().id == "AGR-003"
    assert "RPT-01" in _rules_for(window, "rpt", "AGR-003")
    assert "RPT-01" in page.agreement_findings.toPlainText()
    confirmed = _snapshot(demo_file).agreement_by_id["AGR-003"].confirmed_on

    def fill(dialog):
        assert dialog.findChild(QLineEdit, "id") is None  # the ID is the agreement's identity
        assert dialog.findChild(QLineEdit, "related_organisation").text() == "Greenway Grounds Maintenance Ltd"
        _type(qtbot, dialog, "reported_to_dfe_on", f"{confirmed.replace(day=1):%d/%m/%Y}")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.edit_agreement_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert _snapshot(demo_file).agreement_by_id["AGR-003"].reported_to_dfe_on == confirmed.replace(day=1)
    assert "RPT-01" not in _rules_for(window, "rpt", "AGR-003")
    assert page.agreements.current().id == "AGR-003"
    assert "RPT-01" not in page.agreement_findings.toPlainText()


def test_add_edit_and_remove_a_yearly_value(qtbot, window, demo_file, messages):
    page = _page(window)
    assert page.go_to("rpt", "AGR-002")
    [(last, last_value)] = [(v.financial_year, v.value) for v in page.values.visible_objects()]
    following = year_label(parse_year_label(last) + 1)

    def add(dialog):
        # The year after the last one recorded is proposed.
        assert dialog.findChild(QLineEdit, "financial_year").text() == following
        _type(qtbot, dialog, "value", "1000")
        _save(qtbot, dialog)

    driver = DialogDriver(add)
    qtbot.mouseClick(page.add_value_btn, Qt.MouseButton.LeftButton)
    driver.result()
    values = {v.financial_year: v.value for v in _snapshot(demo_file).values_of("AGR-002")}
    assert values == {last: last_value, following: 100_000}
    assert page.values.current().financial_year == following

    def edit(dialog):
        assert dialog.findChild(QLineEdit, "value").text() == "1,000.00"
        _type(qtbot, dialog, "value", "1,500.50")
        _save(qtbot, dialog)

    driver = DialogDriver(edit)
    qtbot.mouseClick(page.edit_value_btn, Qt.MouseButton.LeftButton)
    driver.result()
    values = {v.financial_year: v.value for v in _snapshot(demo_file).values_of("AGR-002")}
    assert values == {last: last_value, following: 150_050}
    row = next(r for r in range(page.agreements.proxy.rowCount())
               if page.agreements.proxy.index(r, 0).data() == "AGR-002")
    assert page.agreements.proxy.index(row, 5).data() == f"{last}: {money(last_value)}; {following}: £1,500.50"

    assert page.values.select_where(lambda v: v.financial_year == following)
    page.values.view.setFocus()
    qtbot.keyClick(page.values.view, Qt.Key.Key_Delete)  # the same as Remove value…
    assert messages and messages[-1][0] == "question" and following in messages[-1][2]
    values = {v.financial_year: v.value for v in _snapshot(demo_file).values_of("AGR-002")}
    assert values == {last: last_value}


def test_link_and_unlink_a_payment(qtbot, window, demo_file):
    page = _page(window)
    page.tabs.setCurrentIndex(1)
    page.show_choice.setCurrentIndex(page.show_choice.findData("unlinked"))
    shown = page.payments.visible_objects()
    assert shown and all(p.agreement_id is None for p in shown)
    payment = next(p for p in shown if p.id != SEEDED_PAYMENT_ID)
    assert page.payments.select_where(lambda p: p.id == payment.id)
    assert not page.unlink_btn.isEnabled()

    def fill(dialog):
        _choose(dialog, "agreement_id", "AGR-002")
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.link_btn, Qt.MouseButton.LeftButton)
    driver.result()
    stored = {p.id: p for p in _snapshot(demo_file).payments}
    assert stored[payment.id].agreement_id == "AGR-002"
    # Linked now, so the "not linked" view no longer lists it.
    assert payment.id not in {p.id for p in page.payments.visible_objects()}

    page.show_choice.setCurrentIndex(page.show_choice.findData("all"))
    page.payments.filter.setText(payment.id)
    assert page.payments.select_where(lambda p: p.id == payment.id)
    assert page.payments.proxy.index(0, 5).data() == "AGR-002"
    assert page.unlink_btn.isEnabled()
    qtbot.mouseClick(page.unlink_btn, Qt.MouseButton.LeftButton)
    stored = {p.id: p for p in _snapshot(demo_file).payments}
    assert stored[payment.id].agreement_id is None


def test_create_agreement_from_a_flagged_payment(qtbot, window, demo_file):
    page = _page(window)
    # RPT-07 (v2) is about the organisation; its payments are listed one a row to deal with.
    assert "RPT-07" in _rules_for(window, "organisation", SEEDED_RPT_ORGANISATION)
    assert window.go_to("payment", SEEDED_PAYMENT_ID)
    assert page.tabs.currentIndex() == 2
    assert page.possible.current().subject.key == SEEDED_PAYMENT_ID
    assert page.tabs.tabText(2) == "Possible related-party payments (1)"
    assert "Raghunathan Associates LLP" in page.possible_detail.toPlainText()
    payment = next(p for p in _snapshot(demo_file).payments if p.id == SEEDED_PAYMENT_ID)
    agreements_before = {a.id for a in _snapshot(demo_file).rpt_agreements}
    batches_before = len(window.session.file.batches())

    def fill(dialog):
        # Pre-filled from the payment and the registered interest it matches.
        text = lambda name: dialog.findChild(QLineEdit, name).text()  # noqa: E731
        assert text("related_organisation") == "Raghunathan Associates LLP"
        assert text("company_number") == "OC412876"
        assert combo_value(dialog.findChild(QComboBox, "related_person_id")) == "P005"
        assert combo_value(dialog.findChild(QComboBox, "direction")) is Direction.EXPENDITURE
        assert text("financial_year") == financial_year_of(payment.date)
        assert text("value") == "850.00"
        assert text("confirmed_on") == f"{payment.date:%d/%m/%Y}"
        assert text("reported_to_dfe_on") == ""
        _save(qtbot, dialog)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.create_btn, Qt.MouseButton.LeftButton)
    driver.result()

    snap = _snapshot(demo_file)
    (new_id,) = {a.id for a in snap.rpt_agreements} - agreements_before
    assert [(v.financial_year, v.value) for v in snap.values_of(new_id)] == [
        (financial_year_of(payment.date), 85_000)]
    assert next(p for p in snap.payments if p.id == SEEDED_PAYMENT_ID).agreement_id == new_id
    assert len(window.session.file.batches()) == batches_before + 1  # one step
    # RPT-07 is resolved; the agreement was never reported to the DfE, so RPT-01 fires for it.
    assert "RPT-07" not in _rules_for(window, "payment", SEEDED_PAYMENT_ID)
    assert "RPT-01" in _rules_for(window, "rpt", new_id)
    assert page.tabs.currentIndex() == 0 and page.agreements.current().id == new_id
    assert "RPT-01" in page.agreement_findings.toPlainText()
    assert page.tabs.tabText(2) == "Possible related-party payments (0)"
    assert not page.create_btn.isEnabled()

    # One Undo takes it all back and the RPT-07 finding returns.
    window.ui.actionUndo.trigger()
    snap = _snapshot(demo_file)
    assert new_id not in snap.agreement_by_id and not snap.values_of(new_id)
    assert next(p for p in snap.payments if p.id == SEEDED_PAYMENT_ID).agreement_id is None
    assert "RPT-07" in _rules_for(window, "organisation", SEEDED_RPT_ORGANISATION)
    assert not _rules_for(window, "rpt", new_id)
    assert page.tabs.tabText(2) == "Possible related-party payments (1)"


def test_bad_input_is_rejected_and_nothing_is_written(qtbot, window, demo_file):
    page = _page(window)
    before = _rpt_state(demo_file)
    batches = len(window.session.file.batches())
    errors = []

    def fill(dialog):
        _type(qtbot, dialog, "related_organisation", "Example Supplies Ltd")
        _type(qtbot, dialog, "value", "twelve pounds")
        _save(qtbot, dialog)
        assert dialog.isVisible()
        errors.append(dialog.error_label.text())
        _type(qtbot, dialog, "value", "120")
        _type(qtbot, dialog, "reported_to_dfe_on", "01/02/2026")
        _type(qtbot, dialog, "dfe_decision_on", "01/01/2026")
        _save(qtbot, dialog)
        assert dialog.isVisible()
        errors.append(dialog.error_label.text())
        _type(qtbot, dialog, "dfe_decision_on", "")
        _type(qtbot, dialog, "financial_year", "2025/27")
        _save(qtbot, dialog)
        assert dialog.isVisible()
        errors.append(dialog.error_label.text())
        dialog.reject()

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.add_agreement_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert errors[0].startswith("Value in that year:") and "not an amount of money" in errors[0]
    assert "DfE decision on 01/01/2026 is before Reported to DfE on 01/02/2026" in errors[1]
    assert errors[2].startswith("Financial year:") and "2025/27" in errors[2]

    # A yearly value that is not a number, or a year already recorded.
    assert page.go_to("rpt", "AGR-001")
    recorded = sorted(v.financial_year for v in window.session.snapshot.values_of("AGR-001"))[0]
    value_errors = []

    def bad_value(dialog):
        _type(qtbot, dialog, "value", "12.345")
        _save(qtbot, dialog)
        value_errors.append(dialog.error_label.text())
        _type(qtbot, dialog, "value", "100")
        _type(qtbot, dialog, "financial_year", recorded)
        _save(qtbot, dialog)
        value_errors.append(dialog.error_label.text())
        assert dialog.isVisible()
        dialog.reject()

    driver = DialogDriver(bad_value)
    qtbot.mouseClick(page.add_value_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert value_errors[0].startswith("Value:") and "not an amount of money" in value_errors[0]
    assert value_errors[1] == f"Financial year: AGR-001 already has a value for {recorded}; edit that one"

    assert _rpt_state(demo_file) == before
    assert len(window.session.file.batches()) == batches


def test_go_to_lands_on_the_record(window):
    page = _page(window)
    window.show_page("dashboard")
    assert window.go_to("rpt", "AGR-002")
    assert window.pages["rpt"] is page and page.isVisible()
    assert page.tabs.currentIndex() == 0 and page.agreements.current().id == "AGR-002"

    # A payment without a finding opens in the ledger, even when a filter hid it.
    linked = next(p for p in window.session.snapshot.payments if p.agreement_id == "AGR-001")
    page.tabs.setCurrentIndex(1)
    page.payments.filter.setText("no such payee")
    assert window.go_to("payment", linked.id)
    assert page.tabs.currentIndex() == 1 and page.payments.current().id == linked.id
    assert page.payment_agreement_btn.isEnabled()
    page.show_payment_agreement()
    assert page.tabs.currentIndex() == 0 and page.agreements.current().id == "AGR-001"

    # An organisation (RPT-05's subject) shows only its agreements and payments.
    assert window.go_to("organisation", "okafor facilities management")
    assert [a.id for a in page.agreements.visible_objects()] == ["AGR-001"]
    assert page.org_banner.isVisibleTo(page)
    page.tabs.setCurrentIndex(1)
    payees = {p.supplier for p in page.payments.visible_objects()}
    assert payees == {"Okafor Facilities Management Ltd"}
    page.clear_organisation_filter()
    assert not page.org_banner.isVisibleTo(page)
    assert len(page.agreements.visible_objects()) == 3

    assert not window.go_to("rpt", "AGR-999")
    assert not page.go_to("payment", "PL-000000")
    assert not page.go_to("organisation", "nobody at all")


def test_read_only_file_offers_no_edits(make_window, demo_file):
    window = make_window()
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    page = _page(window)
    assert page.go_to("rpt", "AGR-001") and page.values.select_where(lambda v: True)
    assert not any(b.isEnabled() for b in (page.add_agreement_btn, page.edit_agreement_btn, page.add_value_btn,
                                           page.edit_value_btn, page.remove_value_btn))
    linked = next(p for p in window.session.snapshot.payments if p.agreement_id)
    assert page.go_to("payment", linked.id)
    assert page.payment_agreement_btn.isEnabled()  # looking is fine
    assert not page.link_btn.isEnabled() and not page.unlink_btn.isEnabled()
    assert page.go_to("payment", SEEDED_PAYMENT_ID) and page.tabs.currentIndex() == 2
    assert page.show_in_ledger_btn.isEnabled()
    assert not page.create_btn.isEnabled() and not page.possible_link_btn.isEnabled()
