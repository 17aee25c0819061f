"""The menus where the README says, and the Help menu's windows (issue 15)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from govboard.rules import catalogue
from govboard.ui.help import HelpWindow


def _titles(menu):
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_trust_settings_is_under_file_with_ctrl_comma(window):
    ui = window.ui
    assert "Trust settings…" in _titles(ui.menuFile)
    assert "Trust settings…" not in _titles(ui.menuEdit)
    assert ui.actionSettings.shortcut().toString() == "Ctrl+,"


def test_help_menu_offers_getting_started_shortcuts_rules_log_and_about(window):
    assert _titles(window.ui.menuHelp) == ["Getting started", "Keyboard shortcuts", "The rules govboard checks",
                                           "Open log folder", "About govboard"]
    assert window.ui.actionGettingStarted.shortcut().toString() == "F1"


def _open(qtbot, window, action) -> HelpWindow:
    action.trigger()
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow) and w.isVisible()]
    assert len(shown) == 1
    qtbot.addWidget(shown[0])
    return shown[0]


def test_getting_started_opens_once_and_names_the_first_steps(qtbot, window):
    help_window = _open(qtbot, window, window.ui.actionGettingStarted)
    text = help_window.browser.toPlainText()
    for step in ("Trust settings", "Academies", "People", "Board and committees", "Meetings", "Start here"):
        assert step in text
    window.ui.actionGettingStarted.trigger()  # asking again raises the same window
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow) and w.isVisible()] == [help_window]
    help_window.close()


def test_keyboard_shortcuts_are_read_from_the_menus(qtbot, window):
    help_window = _open(qtbot, window, window.ui.actionShortcuts)
    text = help_window.browser.toPlainText()
    assert "Edit > Undo" in text and "Ctrl+Z" in text
    assert "File > Trust settings" in text and "Ctrl+," in text
    assert "Help > Getting started" in text and "F1" in text
    assert "Delete the selected row" in text
    help_window.close()


def test_rules_list_every_rule_with_sources_spelt_out_and_filters(qtbot, window):
    help_window = _open(qtbot, window, window.ui.actionRules)
    text = help_window.browser.toPlainText()
    for info in catalogue():
        assert info.id in text and info.title in text
    assert "DfE model articles (2021)" in text and "MA 2021" not in text
    assert "Academy Trust Handbook 2025 paragraph" in text and "ATH 20" not in text
    help_window.filter.setText("quorum")
    narrowed = help_window.browser.toPlainText()
    assert "BRD-03" in narrowed and "MEM-01" not in narrowed
    help_window.filter.setText("zzzz")
    assert "No rule mentions" in help_window.browser.toPlainText()
    help_window.close()
