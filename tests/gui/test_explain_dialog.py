"""Findings > Why?: what a rule read, and why it fired or stayed silent for each subject."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from govboard import clock
from govboard.ui.explain_dialog import ExplainDialog
from govboard.ui.pages.findings import FindingsPage


@pytest.fixture
def page(window) -> FindingsPage:
    window.session.set_as_of(clock.today())
    return window.show_page("findings")


def test_why_a_finding_fired_puts_its_subject_first(qtbot, page):
    finding = next(f for f in page.session.findings if f.rule == "ROI-01")
    assert page.select_finding(finding.identity)
    assert page.why_btn.isEnabled() and page.why_btn.text() == "Why? (ROI-01)…"
    qtbot.mouseClick(page.why_btn, Qt.MouseButton.LeftButton)
    dialog = page._explain_dialog
    assert isinstance(dialog, ExplainDialog) and dialog.isVisible()
    text = dialog.text()
    first = text.index(finding.subject.label)
    assert first < text.index("When it fires.")  # the answer about this person comes first
    assert f"{finding.subject.label} (person {finding.subject.key}): fired (Must)" in text
    assert "What it read" in text and "declarations dated on or before it" in text
    assert "Weighed and passed (" in text and "within the 12 months" in text
    assert f"Academy Trust Handbook {page.result.handbook_edition}" in text
    dialog.reject()


def test_why_a_rule_stayed_silent_for_everyone(qtbot, page):
    assert not any(f.rule == "DBS-01" for f in page.session.findings)
    page.rule_choice.setCurrentIndex(page.rule_choice.findData("DBS-01"))
    assert page.current() is None and page.why_btn.isEnabled()
    dialog = page.explain()
    text = dialog.text()
    assert "Fired for (0)" in text and "Nothing." in text
    passed = int(text.split("Weighed and passed (")[1].split(")")[0])
    assert passed > 10 and "enhanced DBS check dated" in text
    # Find one person among them by typing part of a name, accents aside.
    someone = dialog.explanation.passed[0][0]
    qtbot.keyClicks(dialog.filter, someone.label.split()[-1][:4].upper())
    narrowed = dialog.text()
    assert someone.label in narrowed and "Weighed and passed (" in narrowed and f" of {passed})" in narrowed
    dialog.reject()


def test_summary_names_the_edition_cited(page):
    assert f"citing the Academy Trust Handbook {page.result.handbook_edition}" in page.summary.text()


def test_the_explanation_names_the_rule_and_spells_its_source_out(qtbot, window):
    """Issue 15: a title beside the code, and no 'MA 2021' where people read it."""
    from govboard.ui.explain_dialog import ExplainDialog

    dialog = ExplainDialog(window, window.session, "TRU-01")
    qtbot.addWidget(dialog)
    title = dialog.explanation.rule.title
    assert dialog.windowTitle() == f"Why “{title}” (TRU-01) fired or stayed silent"
    from PySide6.QtWidgets import QTextBrowser

    text = dialog.findChild(QTextBrowser).toPlainText()
    assert f"{title} (TRU-01)" in text and "DfE model articles (2021)" in text and "MA 2021" not in text
