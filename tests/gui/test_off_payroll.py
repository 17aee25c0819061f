"""People > Employment records an off-payroll engagement and its DfE approval (rulebook v2 EXE-04)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit

from govboard.domain.enums import Role
from govboard.store import TrustFile
from govboard.ui.dialogs import RecordDialog

from .conftest import DialogDriver


def _save(qtbot, dialog):
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _type(qtbot, dialog, name, text):
    edit = dialog.findChild(QLineEdit, name)
    edit.clear()
    qtbot.keyClicks(edit, text)


def _employment(path, person_id):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot().employment_by_person.get(person_id, [])


def test_record_an_off_payroll_accounting_officer_and_their_approval(qtbot, window, demo_file):
    session = window.session
    page = window.show_page("people")
    [ao] = session.snapshot.holders(Role.ACCOUNTING_OFFICER, session.as_of)
    assert page.table.select_where(lambda p: p.id == ao)
    page.tabs.setCurrentWidget(page.employment_tab)
    [job] = page.employment_tab.table.visible_objects()
    assert page.employment_tab.table.model.index(0, 4).data() == ""  # on the payroll
    assert not any(f.rule == "EXE-04" for f in session.findings)
    start = job.start.strftime("%d/%m/%Y")

    def off_payroll_without_approval(dialog):
        assert isinstance(dialog, RecordDialog)
        labels = [w.text() for w in dialog.findChildren(QLabel)]
        assert "Off payroll (paid through a company or agency)" in labels
        assert "DfE off-payroll approval on" in labels and "Approval ends on (blank: 12 months)" in labels
        box = dialog.findChild(QComboBox, "off_payroll")
        box.setCurrentIndex(box.findText("Yes"))
        _save(qtbot, dialog)

    assert page.employment_tab.table.select_where(lambda e: e.id == job.id)
    driver = DialogDriver(off_payroll_without_approval)
    qtbot.mouseClick(page.employment_tab.buttons[1], Qt.MouseButton.LeftButton)
    driver.result()
    [stored] = _employment(demo_file, ao)
    assert stored.off_payroll is True and stored.offpayroll_approval_on is None
    assert page.employment_tab.table.model.index(0, 4).data() == "Yes, no DfE approval"
    [finding] = [f for f in session.findings if f.rule == "EXE-04"]
    assert finding.subject.key == ao and finding.severity.value == "must"
    assert "EXE-04" in page.person_findings.text()

    def approval_after_the_end(dialog):
        _type(qtbot, dialog, "offpayroll_approval_on", start)
        _type(qtbot, dialog, "approval_ends_on",
              (job.start - timedelta(days=1)).strftime("%d/%m/%Y"))
        _save(qtbot, dialog)
        assert dialog.isVisible() and "approval end date" in dialog.error_label.text()
        _type(qtbot, dialog, "approval_ends_on", "")
        _save(qtbot, dialog)

    assert page.employment_tab.table.select_where(lambda e: e.id == job.id)
    driver = DialogDriver(approval_after_the_end)
    qtbot.mouseClick(page.employment_tab.buttons[1], Qt.MouseButton.LeftButton)
    driver.result()
    [stored] = _employment(demo_file, ao)
    assert stored.offpayroll_approval_on == job.start and stored.approval_ends_on is None
    assert page.employment_tab.table.model.index(0, 4).data() == f"Yes, DfE approval {start}"
    # Approved on the day it started, so EXE-04 is satisfied while the 12 months last.
    as_of, ends = session.as_of, job.start.replace(year=job.start.year + 1) - timedelta(days=1)
    assert any(f.rule == "EXE-04" for f in session.findings) == (as_of > ends)
