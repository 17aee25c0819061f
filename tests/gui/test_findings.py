"""Findings page: the table and its filters, the detail pane, Go to, fixing a record, and
acknowledging / editing / withdrawing / undoing an acknowledgement.

The demo trust is built for today (tests/gui/conftest.py) and the session checks as at today,
so the demo's seeded weaknesses give the findings used here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from govboard import clock
from govboard.domain import model as m
from govboard.rules import catalogue, run_checks
from govboard.rules.citations import spelt_out
from govboard.store import Insert, TrustFile
from govboard.ui.dialogs import RecordDialog
from govboard.ui.pages.findings import FindingsPage, evidence_lines, go_to_subject, readable_key

from .conftest import DialogDriver


@pytest.fixture
def page(window) -> FindingsPage:
    window.session.set_as_of(clock.today())
    return window.show_page("findings")


def _finding(page, rule, kind=None):
    return next(f for f in page.session.findings
                if f.rule == rule and (kind is None or f.subject.kind == kind))


def _select(qtbot, page, finding):
    assert page.select_finding(finding.identity)
    assert page.current().identity == finding.identity


def _fake_ask(monkeypatch, values, seen=None):
    """Replace the modal RecordDialog with one that 'types' `values` and saves (running the
    dialog's own make and check, so a refused value is refused here too)."""

    def ask(parent, title, specs, initial, make, check=None):
        if seen is not None:
            seen.update(title=title, specs=[s.name for s in specs], initial=dict(initial))
        record = make({**{s.name: initial.get(s.name) for s in specs}, **values})
        problems = check(record) if check else []
        if seen is not None:
            seen["problems"] = problems
        return None if problems else record

    monkeypatch.setattr(RecordDialog, "ask", staticmethod(ask))


def _acks_in_file(path):
    with TrustFile.open(path, read_only=True) as tf:
        return list(tf.load_snapshot().acknowledgements)


# --- the table ----------------------------------------------------------------------------


def test_models_are_sound(qtmodeltester, page):
    assert page.table.model.rowCount() > 0
    qtmodeltester.check(page.table.model)
    qtmodeltester.check(page.table.proxy)


def test_window_starts_on_the_dashboard(window):
    assert window.ui.pageStack.currentWidget() is window.pages["dashboard"]


def test_table_holds_every_finding_with_words_not_enum_names(page):
    result = run_checks(page.session.snapshot, page.session.as_of)
    assert [f.identity for f in page.visible_findings()] == [f.identity for f in result.findings]
    assert {f.severity.value for f in result.findings} == {"must", "should", "advice"}  # the demo has all
    shown = {page.table.proxy.index(r, 0).data() for r in range(page.table.proxy.rowCount())}
    assert shown == {"Must", "Should", "Advice"}
    headers = [page.table.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Severity", "Rule", "About", "Finding", "Acknowledged"]
    # Each row is coloured by its severity.
    must_row = next(r for r, f in enumerate(page.table.model.rows) if f.severity.value == "must")
    brush = page.table.model.index(must_row, 0).data(Qt.ItemDataRole.BackgroundRole)
    assert brush.name() == "#fde2e1"
    assert str(len(result.findings)) in page.summary.text()


def test_sorting_by_severity_puts_must_first(page):
    page.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    page.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    words = [page.table.proxy.index(r, 0).data() for r in range(page.table.proxy.rowCount())]
    order = {"Must": 0, "Should": 1, "Advice": 2}
    assert words == sorted(words, key=order.get)


@pytest.mark.parametrize("severity", ["must", "should", "advice"])
def test_filter_by_severity(page, severity):
    everything = page.session.findings
    page.severity_choice.setCurrentIndex(page.severity_choice.findData(severity))
    shown = page.visible_findings()
    assert shown and {f.severity.value for f in shown} == {severity}
    assert len(shown) == sum(1 for f in everything if f.severity.value == severity)
    assert f"{len(shown)} of {len(everything)}" in page.summary.text()
    page.show_severity(None)
    assert len(page.visible_findings()) == len(everything)


def test_filter_by_area_rule_and_text(page):
    areas = {info.id: info.area for info in catalogue()}
    finding = _finding(page, "ROI-01")
    area = areas["ROI-01"]
    page.area_choice.setCurrentIndex(page.area_choice.findData(area))
    assert page.visible_findings() and all(areas[f.rule] == area for f in page.visible_findings())
    # The rule list follows the area.
    rule_ids = {page.rule_choice.itemData(i) for i in range(1, page.rule_choice.count())}
    assert rule_ids == {rid for rid, a in areas.items() if a == area}
    page.rule_choice.setCurrentIndex(page.rule_choice.findData("ROI-01"))
    assert [f.rule for f in page.visible_findings()] == ["ROI-01"]
    page.show_severity(None)
    page.table.filter.setText(finding.subject.label.split()[-1])
    assert finding.identity in {f.identity for f in page.visible_findings()}
    page.table.filter.setText("zzz-no-such-words")
    assert page.visible_findings() == []


def test_detail_pane_explains_the_finding(qtbot, page):
    finding = _finding(page, "RPT-07")
    _select(qtbot, page, finding)
    text = page.detail.toPlainText()
    info = {i.id: i for i in catalogue()}["RPT-07"]
    assert "Should" in text and finding.title in text and finding.message in text
    assert info.explanation[:60] in text
    # The source as people read it (issue 15: abbreviations spelt out).
    assert spelt_out(finding.citation) in text and finding.remedy[:60] in text
    assert "Evidence" in text and "Financial year: " in text and "financial_year" not in text
    assert "Not acknowledged." in text
    # Buttons follow the selection.
    assert page.go_btn.isEnabled() and page.ack_btn.isEnabled()
    assert not page.edit_ack_btn.isEnabled() and not page.withdraw_btn.isEnabled()


def test_evidence_reads_as_key_value_lines():
    lines = evidence_lines({"last_declared_on": "2025-09-22", "dfe_decision_on": None,
                            "events": [{"event": "start", "date": "2026-09-22"}], "ok": True})
    assert lines == [(0, "Last declared on: 22/09/2025"), (0, "DfE decision on: (none)"),
                     (0, "Events:"), (1, "Event: start; Date: 22/09/2026"), (0, "Ok: Yes")]
    assert readable_key("academy_urn") == "Academy URN"


def test_silent_rules_are_listed_in_a_note(qtbot, page):
    silent = page.session.result.silent
    assert silent  # the demo has no GIAS extract or Companies House list
    assert page.silent_toggle.isVisible() and not page.silent_text.isVisible()
    assert str(len(silent)) in page.silent_toggle.text()
    qtbot.mouseClick(page.silent_toggle, Qt.MouseButton.LeftButton)
    assert page.silent_text.isVisible()
    for rule_id, _reason in silent:
        assert rule_id in page.silent_text.text()


# --- going to the record, fixing it -------------------------------------------------------------


def test_go_to_a_person_finding_selects_the_person(qtbot, window, page):
    # MEM-05 / ROI-01 open where they are put right; a person finding of another rule opens People.
    finding = replace(_finding(page, "ROI-01", "person"), rule="TRU-06")
    page.show()
    assert go_to_subject(page, finding.subject, finding)
    people = window.pages["people"]
    assert window.ui.pageStack.currentWidget() is people
    assert people.table.current().id == finding.subject.key


def _landing(window):
    """(page key, the record selected there) after a Go to."""
    key = list(window.pages)[window.ui.navList.currentRow()]
    page = window.pages[key]
    if key == "rpt":
        table = {0: page.agreements, 1: page.payments, 2: page.possible}[page.tabs.currentIndex()]
        return key, table.current()
    if key == "sod":
        return key, page.current_row()
    table = getattr(page, "table", None)
    return key, (table.current() if table is not None else None)


def test_go_to_lands_on_the_record_for_every_demo_finding(qtbot, window, page):
    """Each finding of the sample trust opens the page where it is put right, its record selected."""
    landed = {}
    for finding in list(window.session.findings):
        window.show_page("findings")
        assert page.select_finding(finding.identity)
        qtbot.mouseClick(page.go_btn, Qt.MouseButton.LeftButton)
        key, record = _landing(window)
        assert key != "findings", (finding.rule, finding.subject, window.statusBar().currentMessage())
        landed[finding.rule] = key
        subject = finding.subject
        if subject.kind == "body":
            assert window.pages[key].body_choice.currentData() == subject.key, finding.rule
            assert finding.rule in window.pages[key].body_facts.text()
        elif key == "interests":
            assert record.person.id == subject.key
        elif key in ("members", "board", "lgbs"):
            assert record.person_id == subject.key, finding.rule
        elif isinstance(record, m.Finding):  # a possible related-party payment is listed by its finding
            # RPT-07 (v2) is one finding per organisation: it lands on its first payment's row.
            paid = [p["payment"] for p in finding.evidence.get("payments", ())]
            assert (record.rule, record.subject.key) == (finding.rule, paid[0] if paid else subject.key)
        else:
            assert record.id == subject.key, (finding.rule, key)
    assert landed == {
        "COM-01": "board", "LGB-01": "lgbs", "GIAS-01": "board", "ROI-01": "interests", "RPT-01": "rpt",
        "RPT-07": "rpt", "MEM-05": "members", "TRU-05": "lgbs", "MTG-03": "meetings",
    }
    # GIAS-01 selects the very appointment whose start was not recorded, where its date is edited.
    window.show_page("findings")
    page.select_finding(("GIAS-01", "person", "P011"))
    page.go_to_record()
    _key, appointment = _landing(window)
    event = _finding(page, "GIAS-01").evidence["events"][0]
    assert appointment.start.isoformat() == event["date"]
    assert appointment.gias_start_recorded_on is None and str(appointment.role) == "Trustee"
    # The payment of RPT-07 is selected on the possible related-party payments tab.
    window.show_page("findings")
    page.select_finding(("RPT-07", "organisation", "raghunathan associates"))
    page.go_to_record()
    assert _landing(window)[1].subject.key == "PL-109417"


def test_go_to_a_payment_finding_opens_related_parties(qtbot, window, page):
    finding = _finding(page, "RPT-07")
    _select(qtbot, page, finding)
    qtbot.mouseClick(page.go_btn, Qt.MouseButton.LeftButton)
    assert window.ui.pageStack.currentWidget() is window.pages["rpt"]


def test_go_to_a_record_without_a_page_keeps_the_finding_in_view(qtbot, window, page):
    # Companies House officers have no page: the finding stays selected and the status bar says so.
    finding = replace(_finding(page, "RPT-07"), subject=m.Subject("ch_officer", "CH-1", "Officer A. Example"))
    page.show()
    assert not go_to_subject(page, finding.subject, finding)
    assert window.ui.pageStack.currentWidget() is page
    assert "Officer A. Example is not on any page" in window.statusBar().currentMessage()


def test_fixing_the_record_removes_the_finding_at_once(qtbot, window, page, demo_file):
    finding = _finding(page, "ROI-01", "person")
    dashboard = window.pages["dashboard"]
    must_before = dashboard.counts()["must"][0]
    session = window.session
    session.apply([Insert(m.Declaration(person_id=finding.subject.key, declared_on=session.as_of,
                                        nothing_to_declare=True))],
                  "Add declaration of interests")
    assert finding.identity not in {f.identity for f in page.visible_findings()}
    assert finding.identity not in {f.identity for f in page.session.findings}
    # The status bar says what the edit did to the findings.
    assert window.statusBar().currentMessage() == "Add declaration of interests. 1 finding resolved."
    window.show_page("dashboard")
    assert dashboard.counts()["must"][0] == must_before - 1
    assert dashboard.cards["must"].count == must_before - 1
    assert finding.identity not in {f.identity for f in dashboard.must_table.visible_objects()}


# --- acknowledgements ---------------------------------------------------------------------------


def test_acknowledge_through_the_dialog(qtbot, window, page, demo_file):
    finding = _finding(page, "MEM-05")
    assert finding.severity.value == "advice"
    _select(qtbot, page, finding)
    expires = page.session.as_of + timedelta(days=200)

    def fill(dialog):
        assert isinstance(dialog, RecordDialog)
        # Blank the first time: never the computer's login name (issue 15).
        by = dialog.findChild(QLineEdit, "acknowledged_by")
        assert by.text() == ""
        by.setText("Ruth Okafor")
        dialog.findChild(QPlainTextEdit, "reason").setPlainText("The board keeps one overlap by design.")
        dialog.findChild(QLineEdit, "expires_on").setText(expires.strftime("%d/%m/%Y"))
        qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    driver = DialogDriver(fill)
    qtbot.mouseClick(page.ack_btn, Qt.MouseButton.LeftButton)
    driver.result()
    [ack] = _acks_in_file(demo_file)
    assert (ack.rule, ack.subject_kind, ack.subject_key) == finding.identity
    assert ack.reason == "The board keeps one overlap by design."
    assert ack.expires_on == expires and ack.acknowledged_on == clock.today()
    assert ack.acknowledged_by == "Ruth Okafor"
    now = page.current()
    assert now.identity == finding.identity and now.acknowledged
    row = page.table.model.rows.index(now)
    assert page.table.model.index(row, 4).data() == f"Until {expires:%d/%m/%Y}"
    text = page.detail.toPlainText()
    assert "The board keeps one overlap by design." in text and f"{expires:%d/%m/%Y}" in text
    assert page.edit_ack_btn.isEnabled() and page.withdraw_btn.isEnabled() and not page.ack_btn.isEnabled()


def test_acknowledge_refuses_an_expiry_before_the_check_date(qtbot, page, monkeypatch):
    finding = _finding(page, "MEM-05")
    _select(qtbot, page, finding)
    seen = {}
    _fake_ask(monkeypatch, {"reason": "x", "expires_on": page.session.as_of - timedelta(days=1)}, seen)
    page.acknowledge()
    assert seen["problems"] and seen["problems"][0].startswith("Expires on: ")
    assert not page.snapshot.acknowledgements
    # Checking as at a later date: an expiry before that date would have no effect.
    page.session.set_as_of(clock.today() + timedelta(days=30))
    finding = _finding(page, "MEM-05")
    _select(qtbot, page, finding)
    _fake_ask(monkeypatch, {"reason": "x", "expires_on": clock.today() + timedelta(days=10)}, seen)
    page.acknowledge()
    assert "no effect" in seen["problems"][0]
    assert not page.snapshot.acknowledgements


def test_acknowledge_counts_follow_and_withdraw_restores(qtbot, window, page, monkeypatch, demo_file):
    dashboard = window.pages["dashboard"]
    before = dashboard.counts()
    finding = _finding(page, "RPT-07")
    assert finding.severity.value == "should"
    _select(qtbot, page, finding)
    _fake_ask(monkeypatch, {"reason": "Reported to the board in October; agreement to follow."})
    page.acknowledge()
    assert page.current().acknowledged
    assert window.statusBar().currentMessage().endswith(". 1 finding acknowledged.")
    window.show_page("dashboard")
    assert dashboard.counts()["should"] == (before["should"][0] - 1, before["should"][1] + 1)
    assert "+1 acknowledged" in dashboard.cards["should"].text()
    assert dashboard.cards["should"].count == before["should"][0] - 1

    # Withdraw: answering No changes nothing; Yes deletes the acknowledgement.
    window.show_page("findings")
    _select(qtbot, page, finding)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.withdraw_btn, Qt.MouseButton.LeftButton)
    assert asked and len(_acks_in_file(demo_file)) == 1
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.withdraw_btn, Qt.MouseButton.LeftButton)
    assert _acks_in_file(demo_file) == []
    assert not page.current().acknowledged and page.current().identity == finding.identity
    assert window.statusBar().currentMessage() == (
        f"Withdraw acknowledgement of RPT-07 ({finding.subject.label}). 1 finding no longer acknowledged.")
    window.show_page("dashboard")
    assert dashboard.counts() == before


def test_edit_acknowledgement(qtbot, page, monkeypatch, demo_file):
    finding = _finding(page, "TRU-05")
    _select(qtbot, page, finding)
    _fake_ask(monkeypatch, {"reason": "First reason"})
    page.acknowledge()
    seen = {}
    _fake_ask(monkeypatch, {"reason": "Better reason"}, seen)
    qtbot.mouseClick(page.edit_ack_btn, Qt.MouseButton.LeftButton)
    assert seen["initial"]["reason"] == "First reason"
    [ack] = _acks_in_file(demo_file)
    assert ack.reason == "Better reason"
    assert "Better reason" in page.detail.toPlainText()


def test_a_must_finding_is_acknowledged_with_a_reason_only(qtbot, page, monkeypatch, demo_file):
    finding = _finding(page, "LGB-01")
    assert finding.severity.value == "must"
    _select(qtbot, page, finding)
    seen = {}
    _fake_ask(monkeypatch, {"reason": "Election called for January."}, seen)
    page.acknowledge()
    assert "expires_on" not in seen["specs"] and "reason" in seen["specs"]
    [ack] = _acks_in_file(demo_file)
    assert ack.expires_on is None and ack.reason == "Election called for January."
    assert page.current().acknowledged


def test_an_expired_acknowledgement_is_renewed_not_duplicated(qtbot, window, page, monkeypatch, demo_file):
    finding = _finding(page, "MEM-05")
    old = m.Acknowledgement(rule=finding.rule, subject_kind=finding.subject.kind,
                            subject_key=finding.subject.key, reason="Old reason", acknowledged_by="clerk",
                            acknowledged_on=clock.today() - timedelta(days=400),
                            expires_on=clock.today() - timedelta(days=30))
    window.session.apply([Insert(old)], "Old acknowledgement")
    _select(qtbot, page, finding)
    assert not page.current().acknowledged
    assert "expired on" in page.detail.toPlainText()
    _fake_ask(monkeypatch, {"reason": "Renewed"})
    page.acknowledge()
    [ack] = _acks_in_file(demo_file)
    assert ack.reason == "Renewed" and ack.expires_on is None
    assert page.current().acknowledged


def test_undo_of_an_acknowledgement_restores_the_previous_state(qtbot, window, page, monkeypatch, demo_file):
    finding = _finding(page, "MEM-05")
    dashboard = window.pages["dashboard"]
    before = dashboard.counts()
    _select(qtbot, page, finding)
    _fake_ask(monkeypatch, {"reason": "Agreed at the AGM"})
    page.acknowledge()
    assert page.current().acknowledged
    window.session.undo()
    assert _acks_in_file(demo_file) == []
    now = next(f for f in page.visible_findings() if f.identity == finding.identity)
    assert not now.acknowledged
    assert dashboard.counts() == before
    assert window.statusBar().currentMessage() == (
        f"Undid: Acknowledge MEM-05 ({finding.subject.label}). 1 finding no longer acknowledged.")
    window.session.redo()
    assert next(f for f in page.visible_findings() if f.identity == finding.identity).acknowledged


def test_read_only_file_offers_no_acknowledging(qtbot, make_window, demo_file):
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert not tf.load_snapshot().acknowledgements
    window = make_window()
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    page = window.show_page("findings")
    _select(qtbot, page, page.session.findings[0])
    assert page.go_btn.isEnabled()
    assert not page.ack_btn.isEnabled()


def test_must_acknowledgement_keeps_no_expiry_even_if_one_was_stored(qtbot, window, page, monkeypatch, demo_file):
    finding = _finding(page, "LGB-01")
    stored = m.Acknowledgement(rule=finding.rule, subject_kind=finding.subject.kind,
                               subject_key=finding.subject.key, reason="r", acknowledged_by="clerk",
                               acknowledged_on=clock.today(), expires_on=clock.today() + timedelta(days=10))
    window.session.apply([Insert(stored)], "Imported acknowledgement")
    _select(qtbot, page, finding)
    assert page.current().acknowledged
    _fake_ask(monkeypatch, {"reason": "r2"})
    page.edit_acknowledgement()
    [ack] = _acks_in_file(demo_file)
    assert (ack.reason, ack.expires_on, ack.id) == ("r2", None, stored_id(window, finding))


def stored_id(window, finding):
    return window.session.snapshot.acknowledgement_by_subject[finding.identity].id


def test_acknowledged_by_remembers_the_name_last_typed(qtbot, window, page, monkeypatch):
    """The next acknowledgement offers the name typed in the last one (kept in the settings)."""
    first, second = _finding(page, "MEM-05"), _finding(page, "RPT-07")
    seen = {}
    _select(qtbot, page, first)
    _fake_ask(monkeypatch, {"reason": "By design.", "acknowledged_by": "Ruth Okafor"}, seen)
    page.acknowledge()
    assert seen["initial"]["acknowledged_by"] is None  # nothing remembered yet, and no login name
    _select(qtbot, page, _finding(page, second.rule))
    _fake_ask(monkeypatch, {"reason": "Reviewed."}, seen)
    page.acknowledge()
    assert seen["initial"]["acknowledged_by"] == "Ruth Okafor"
    assert window.settings.value("findings/acknowledged_by") == "Ruth Okafor"


def test_the_source_is_spelt_out(qtbot, page):
    """'MA 2021' means nothing to most clerks: the detail says 'DfE model articles (2021)'."""
    finding = next(f for f in page.session.findings if "MA 2021" in f.citation)
    _select(qtbot, page, finding)
    text = page.detail.toPlainText()
    assert "DfE model articles (2021)" in text and "MA 2021" not in text


def test_a_trustee_in_the_evidence_is_never_called_governor(qtbot, page):
    """RPT-07's evidence names whoever the interest connects to the trust under the key
    'governor': a trustee read 'Governor: Priya Raghunathan' (issue 15)."""
    finding = next(f for f in page.session.findings if f.rule == "RPT-07")
    _select(qtbot, page, finding)
    text = page.detail.toPlainText()
    assert "Governor" not in text
    assert "Interest held by: Priya Raghunathan" in text
