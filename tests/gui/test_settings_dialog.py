"""Trust settings dialog (File > Trust settings…): every setting, validation, save, undo, read-only."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QSpinBox

from govboard import clock
from govboard.domain import model as m
from govboard.domain.enums import ArticlesModel, ScrutinyProvider
from govboard.store import TrustFile
from govboard.ui.settings_dialog import GROUPS, SettingsDialog

from .conftest import DialogDriver, sha256


def _settings(path) -> m.TrustSettings:
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot().settings


def _button(dialog, which):
    return dialog.findChild(QDialogButtonBox).button(which)


def _save(qtbot, dialog):
    qtbot.mouseClick(_button(dialog, QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _type(qtbot, dialog, attr: str, text: str):
    edit = dialog.findChild(QLineEdit, attr)
    edit.clear()
    qtbot.keyClicks(edit, text)


def _open_settings(qtbot, window, fill):
    driver = DialogDriver(fill)
    window.ui.actionSettings.trigger()
    dialog = driver.result()
    assert isinstance(dialog, SettingsDialog)
    return dialog


def test_every_setting_has_one_editor_with_its_value_and_default(qtbot, window, demo_file):
    grouped = [attr for _title, attrs in GROUPS for attr in attrs]
    assert sorted(grouped) == sorted(spec.attr for spec in m.SETTING_SPECS)  # each once
    settings = _settings(demo_file)
    dialog = SettingsDialog(window, settings)
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == set(grouped)
    # Proper widgets showing the stored values in the user's terms.
    assert dialog.findChild(QLineEdit, "rpt_approval_threshold").text() == "£40,000.00"
    assert dialog.findChild(QLineEdit, "last_audited_income").text() == "£38,412,650.00"
    assert dialog.findChild(QLineEdit, "employee_trustee_cap").text() == "1/3"
    assert dialog.findChild(QLineEdit, "pay_policy_approved_on").text() == f"{settings.pay_policy_approved_on:%d/%m/%Y}"
    term = dialog.findChild(QSpinBox, "term_years")
    assert (term.value(), term.suffix(), term.minimum()) == (4, " years", 1)
    articles = dialog.findChild(QComboBox, "articles_model")
    assert articles.currentText() == "2021 model articles"
    assert dialog.findChild(QComboBox, "internal_scrutiny_provider").currentText() == "Internal audit function"
    # Each setting's default and explanation are on screen beside it.
    texts = [w.text() for w in dialog.findChildren(type(dialog.error_label))]
    assert "Default £50,000,000.00" in texts and "Default 4 years" in texts and "Default 1/3" in texts
    assert any("(ARC-02)" in t for t in texts) and any("TRU-04" in t for t in texts)
    # Reading it back unchanged gives the same settings.
    assert dialog.read() == settings


def test_change_a_threshold_save_reopen_and_undo(qtbot, make_window, window, demo_file):
    original = _settings(demo_file)

    def fill(dialog):
        _type(qtbot, dialog, "rpt_approval_threshold", "£45,500")
        dialog.findChild(QSpinBox, "term_warning_days").setValue(90)
        _save(qtbot, dialog)
        assert not dialog.isVisible(), dialog.error_label.text()

    _open_settings(qtbot, window, fill)
    saved = _settings(demo_file)
    assert (saved.rpt_approval_threshold, saved.term_warning_days) == (4_550_000, 90)
    assert saved.with_changes(rpt_approval_threshold=original.rpt_approval_threshold,
                              term_warning_days=original.term_warning_days) == original
    assert window.session.snapshot.settings == saved  # the checks now run with it
    # Named as the dialog names it, in plain words (issue 15).
    assert "Related-party value that needs DfE approval" in window.ui.actionUndo.text()

    # Reopened in a new window, the dialog shows the saved values.
    window.close()
    again = make_window(demo_file)
    seen = {}

    def look(dialog):
        seen["rpt"] = dialog.findChild(QLineEdit, "rpt_approval_threshold").text()
        seen["warn"] = dialog.findChild(QSpinBox, "term_warning_days").value()
        dialog.reject()

    _open_settings(qtbot, again, look)
    assert seen == {"rpt": "£45,500.00", "warn": 90}


def test_undo_restores_the_settings(qtbot, window, demo_file):
    original = _settings(demo_file)

    def fill(dialog):
        _choose = dialog.findChild(QComboBox, "articles_model")
        _choose.setCurrentIndex(_choose.findText("Pre-2021 model articles"))
        _type(qtbot, dialog, "employee_trustee_cap", "25%")
        _save(qtbot, dialog)

    _open_settings(qtbot, window, fill)
    changed = _settings(demo_file)
    assert (changed.articles_model, changed.employee_trustee_cap) == (ArticlesModel.PRE_2021, Fraction(1, 4))
    window.ui.actionUndo.trigger()
    assert _settings(demo_file) == original
    assert window.session.snapshot.settings == original
    window.ui.actionRedo.trigger()
    assert _settings(demo_file) == changed


def test_invalid_values_are_refused_naming_the_field(qtbot, window, demo_file):
    before = sha256(demo_file)
    errors = {}

    def fill(dialog):
        for attr, text in (("arc_income_threshold", "lots"), ("high_pay_band_floor", "£200,000"),
                           ("sod_approved_on", "31/02/2026"),
                           ("pay_policy_approved_on", f"{clock.today() + timedelta(days=30):%d/%m/%Y}"),
                           ("employee_trustee_cap", "3/2"), ("company_number", "12-3"),
                           ("rpt_approval_threshold", ""), ("name", "")):
            original = dialog.findChild(QLineEdit, attr).text()
            _type(qtbot, dialog, attr, text)
            _save(qtbot, dialog)
            assert dialog.isVisible()
            errors[attr] = dialog.error_label.text()
            # The dialog shows the tab holding the bad field.
            assert dialog.tabs.currentWidget().isAncestorOf(dialog.editors[attr])
            _type(qtbot, dialog, attr, original)
        qtbot.mouseClick(_button(dialog, QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    _open_settings(qtbot, window, fill)
    # Each field named as the dialog labels it (plain words; issue 15).
    assert errors["arc_income_threshold"].startswith("Income that needs a separate audit committee:")
    assert "not an amount of money" in errors["arc_income_threshold"]
    assert errors["high_pay_band_floor"].startswith("Lower end of the high pay band:") and "above the high pay" in errors["high_pay_band_floor"]
    assert errors["sod_approved_on"].startswith("Scheme of delegation last approved on:")
    assert "in the future" in errors["pay_policy_approved_on"]
    assert errors["employee_trustee_cap"].startswith("Most trustees who may be employees:")
    assert errors["company_number"].startswith("Company number:")
    assert errors["rpt_approval_threshold"] == ("Enter an amount for “Related-party value that needs DfE approval” "
                                                "(the default is £40,000.00)")
    assert errors["name"] == "Enter the trust's name"
    assert sha256(demo_file) == before


def test_restore_defaults_keeps_the_trusts_own_facts(qtbot, window, demo_file):
    original = _settings(demo_file)

    def fill(dialog):
        dialog.findChild(QSpinBox, "term_years").setValue(3)
        _type(qtbot, dialog, "high_pay_threshold", "£175,000")
        qtbot.mouseClick(_button(dialog, QDialogButtonBox.StandardButton.RestoreDefaults), Qt.MouseButton.LeftButton)
        assert dialog.findChild(QSpinBox, "term_years").value() == 4
        assert dialog.findChild(QLineEdit, "high_pay_threshold").text() == "£150,000.00"
        scrutiny = dialog.findChild(QComboBox, "internal_scrutiny_provider")
        scrutiny.setCurrentIndex(scrutiny.findText("Other arrangements"))
        _save(qtbot, dialog)

    _open_settings(qtbot, window, fill)
    saved = _settings(demo_file)
    defaults = m.TrustSettings()
    assert (saved.term_years, saved.high_pay_threshold) == (defaults.term_years, defaults.high_pay_threshold)
    # Name, numbers, income and approval dates are the trust's, not defaults: kept.
    for attr in ("name", "company_number", "gias_group_uid", "last_audited_income", "pay_policy_approved_on",
                 "sod_approved_on"):
        assert getattr(saved, attr) == getattr(original, attr), attr
    assert saved.internal_scrutiny_provider == ScrutinyProvider.OTHER


def test_saving_unchanged_settings_writes_nothing(qtbot, window, demo_file):
    before = sha256(demo_file)
    batches = len(window.session.file.batches())
    _open_settings(qtbot, window, lambda dialog: _save(qtbot, dialog))
    assert len(window.session.file.batches()) == batches
    assert sha256(demo_file) == before


def test_read_only_file_shows_settings_without_saving(qtbot, make_window, demo_file):
    window = make_window()
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    assert not window.ui.actionSettings.isEnabled()
    dialog = SettingsDialog(window, window.session.snapshot.settings, read_only=True)
    qtbot.addWidget(dialog)
    assert "read-only" in dialog.windowTitle()
    assert not any(editor.isEnabled() for editor in dialog.editors.values())
    assert _button(dialog, QDialogButtonBox.StandardButton.Save) is None
    assert _button(dialog, QDialogButtonBox.StandardButton.Close) is not None


def test_labels_are_plain_words_with_the_workbook_name_in_the_tooltip(qtbot, window):
    """'Warn before a term ends', not 'Term warning days'; the Trust sheet's row name (a contract
    with the workbook) is in the tooltip, so a clerk can find it there (issue 15)."""
    dialog = SettingsDialog(window, window.session.snapshot.settings)
    qtbot.addWidget(dialog)
    captions = {label.buddy().objectName(): label for label in dialog.findChildren(QLabel) if label.buddy()}
    assert captions["term_warning_days"].text() == "Warn before a term ends"
    assert captions["absence_window_months"].text() == "Absence after which office may be vacated"
    assert captions["at_cost_de_minimis"].text().startswith("No at-cost statement needed up to")
    assert captions["legacy_rpt_threshold"].text().startswith("Related-party approval limit before September 2023")
    for spec in m.SETTING_SPECS:
        assert spec.label in dialog.editors[spec.attr].toolTip(), spec.attr
        assert spec.label in captions[spec.attr].toolTip()
    # Required fields carry the same mark as every other dialog, and the legend says what it means.
    assert captions["name"].text() == "Trust name *"
    assert captions["rpt_approval_threshold"].text().endswith(" *")
    assert not captions["pay_policy_approved_on"].text().endswith("*")
    legend = dialog.findChild(QLabel, "requiredLegend")
    assert legend is not None and legend.text() == "* must be filled in"


def test_explanations_name_the_checks_by_title_not_bare_code(qtbot, window):
    """Issue 15: a rule code never stands alone; each setting's line names the checks it drives."""
    import re

    from govboard.rules import catalogue

    titles = {info.id: info.title for info in catalogue()}
    dialog = SettingsDialog(window, window.session.snapshot.settings)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    term = next(t for t in texts if t.startswith("How long before a term ends"))
    assert term.endswith(f"Used by: {titles['TRU-05']} (TRU-05).")
    filing = next(t for t in texts if t.startswith("Days allowed to update GIAS"))
    assert f"{titles['GIAS-01']} (GIAS-01); {titles['GIAS-02']} (GIAS-02)" in filing
    coded = 0
    for text in texts:
        for match in re.finditer(r"\b[A-Z]{2,4}-\d{2}\b", text):
            coded += 1
            assert text[:match.start()].endswith(f"{titles[match.group()]} ("), text
    assert coded >= 18  # every setting that drives a check says which
