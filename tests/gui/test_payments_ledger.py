"""Payments ledger: add, edit and delete a payment, and import a finance system's export with a
mapping step and a preview (issue 15); an empty ledger says how payments get in."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QLineEdit

from govboard.store import TrustFile
from govboard.ui.dialogs import combo_value
from govboard.ui.payments_import import MAPPING_KEY, PaymentsImportDialog

from .conftest import DialogDriver, sha256


def _payments(path):
    with TrustFile.open(path, read_only=True) as tf:
        return {p.id: p for p in tf.load_snapshot().payments}


def _save(qtbot, dialog):
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def _type(dialog, name, text):
    edit = dialog.findChild(QLineEdit, name)
    edit.clear()
    edit.insert(text)


def _page(window):
    page = window.show_page("rpt")
    page.tabs.setCurrentIndex(1)
    return page


def test_add_edit_and_delete_a_payment_each_one_undoable_step(qtbot, window, demo_file, messages):
    page = _page(window)
    before = _payments(demo_file)
    errors = []

    def add(dialog):
        assert dialog.findChild(QLineEdit, "id").text().startswith("PAY")  # proposed
        _save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        _type(dialog, "date", "03/11/2025")
        _type(dialog, "supplier", "Zoë's Café")
        _type(dialog, "amount", "£49.50")
        _type(dialog, "company_number", "12-34")
        _save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        _type(dialog, "company_number", "1234567")
        _save(qtbot, dialog)

    driver = DialogDriver(add)
    qtbot.mouseClick(page.add_payment_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert errors[0] == "Enter a supplier"  # the date is proposed (the as-at date)
    assert "not a Companies House number" in errors[1]
    (new_id,) = set(_payments(demo_file)) - set(before)
    added = _payments(demo_file)[new_id]
    assert (added.date, added.supplier, added.amount, added.company_number) == (
        date(2025, 11, 3), "Zoë's Café", 4_950, "01234567")
    assert page.payments.current().id == new_id

    def change(dialog):
        assert dialog.findChild(QLineEdit, "id") is None  # the ID is the record's identity
        _type(dialog, "amount", "52.00")
        _save(qtbot, dialog)

    driver = DialogDriver(change)
    qtbot.mouseClick(page.edit_payment_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert _payments(demo_file)[new_id].amount == 5_200
    window.ui.actionUndo.trigger()
    assert _payments(demo_file)[new_id].amount == 4_950

    page.payments.select_where(lambda p: p.id == new_id)
    qtbot.mouseClick(page.delete_payment_btn, Qt.MouseButton.LeftButton)  # the test answers Yes
    assert messages[-1][:2] == ("question", "Delete payment") and new_id in messages[-1][2]
    assert new_id not in _payments(demo_file)
    window.ui.actionUndo.trigger()
    assert new_id in _payments(demo_file)


EXPORT = (
    "Payment date,Payee,Gross,Details,Trans ID\n"
    "01/09/2025,Acme Cleaning Ltd,\"1,250.00\",Cleaning,T100\n"
    "02/09/2025,Bright Sparks,lots,Wiring,T101\n"
    "03/09/2025,Chalk and Co,12.40,Chalk,T102\n"
    ",,1262.40,Total,\n"
)


def test_import_maps_columns_previews_every_row_and_writes_one_undoable_step(qtbot, window, demo_file,
                                                                             tmp_path, monkeypatch, messages):
    path = tmp_path / "sage export.csv"
    path.write_text(EXPORT, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    page = _page(window)
    before, file_before = _payments(demo_file), sha256(demo_file)
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, PaymentsImportDialog)
        assert sha256(demo_file) == file_before  # nothing written while previewing
        combos = {name: dialog.findChild(QComboBox, f"map_{name}") for name in
                  ("date", "supplier", "amount", "company_number", "description", "reference")}
        seen["guessed"] = {name: combo_value(c) for name, c in combos.items()}
        # Take the amount away: the import cannot go ahead, and says why.
        combos["amount"].setCurrentIndex(0)
        seen["refused"] = (dialog.summary.text(), dialog.import_btn.isEnabled())
        combos["amount"].setCurrentIndex(3)  # "Gross (e.g. …)"
        seen["statuses"] = [(r.row, r.status) for r in dialog.preview.model.rows]
        seen["problems"] = [(p.row, p.column, p.message) for p in dialog.problems.model.rows]
        seen["button"] = dialog.import_btn.text()
        qtbot.mouseClick(dialog.import_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.import_payments_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert seen["guessed"] == {"date": 0, "supplier": 1, "amount": 2, "company_number": None,
                               "description": 3, "reference": 4}
    assert seen["refused"] == ("Choose the column holding the amount.", False)
    assert seen["statuses"] == [(2, "New"), (3, "Problem"), (4, "New"), (5, "Skipped")]
    assert [(r, c) for r, c, _ in seen["problems"]] == [(3, "Gross")]
    assert "not an amount of money" in seen["problems"][0][2]
    assert seen["button"] == "Import 2 payments"
    after = _payments(demo_file)
    assert set(after) - set(before) == {"T100", "T102"}
    assert after["T100"].amount == 125_000 and after["T102"].supplier == "Chalk and Co"
    assert window.ui.actionUndo.text() == "&Undo Import 2 payments from sage export.csv"
    assert "1 with problems left out" in window.statusBar().currentMessage()
    assert "Gross" in window.settings.value(MAPPING_KEY)  # offered again next time
    # Importing the same file again adds nothing: the rows are already in the ledger.
    seen.clear()

    def again(dialog):
        seen["statuses"] = [r.status for r in dialog.preview.model.rows]
        seen["why"] = dialog.preview.model.rows[0].problem
        seen["enabled"] = dialog.import_btn.isEnabled()
        dialog.reject()

    driver = DialogDriver(again)
    qtbot.mouseClick(page.import_payments_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert seen["statuses"][0] == "In the ledger" and not seen["enabled"]
    assert seen["why"] == "Already in the ledger as T100: not added again"
    # One Undo takes the whole import out.
    window.ui.actionUndo.trigger()
    assert set(_payments(demo_file)) == set(before)
    assert messages == []


def test_an_empty_ledger_and_no_agreements_say_how_they_get_in(make_window, tmp_path):
    trust = TrustFile.create(tmp_path / "New Trust.govboard", name="New Trust")
    window = make_window()
    window.set_trust_file(trust)
    page = _page(window)
    assert page.payments_empty.isVisibleTo(page) and not page.payments.isVisibleTo(page)
    assert "finance system" in page.payments_empty.text.text()
    assert [b.text() for b in page.payments_empty.buttons] == ["Import payments…", "Add payment…"]
    assert all(b.isEnabled() for b in page.payments_empty.buttons)
    page.tabs.setCurrentIndex(0)
    assert page.agreements_empty.isVisibleTo(page) and not page.agreements_content.isVisibleTo(page)
    assert [b.text() for b in page.agreements_empty.buttons] == ["Add agreement…"]


def test_the_ledger_with_its_new_buttons_fits_a_1024_pixel_window(make_window, demo_file):
    window = make_window(demo_file, size=(1024, 738))
    page = window.show_page("rpt")
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        assert page.minimumSizeHint().width() <= 1024 - window.ui.navList.width(), tab
    assert window.width() == 1024
