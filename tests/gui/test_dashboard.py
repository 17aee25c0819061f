"""Dashboard: counts by severity match run_checks, each count opens Findings filtered to it,
the must-fix list and what falls due soon open their records, and the counts follow edits."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from govboard import clock
from govboard.domain import model as m
from govboard.rules import catalogue, due_soon, run_checks
from govboard.store import Insert
from govboard.ui.pages.dashboard import DUE_DAYS, DashboardPage


@pytest.fixture
def dash(window) -> DashboardPage:
    window.session.set_as_of(clock.today())
    return window.show_page("dashboard")


def _double_click_row(qtbot, table, row):
    view = table.view
    rect = view.visualRect(table.proxy.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_models_are_sound(qtmodeltester, dash):
    assert dash.must_table.model.rowCount() > 0 and dash.due_table.model.rowCount() > 0
    qtmodeltester.check(dash.must_table.model)
    qtmodeltester.check(dash.due_table.model)


def test_counts_match_run_checks(dash):
    result = run_checks(dash.session.snapshot, dash.session.as_of)
    for sev in ("must", "should", "advice"):
        open_count = sum(1 for f in result.findings if f.severity.value == sev and not f.acknowledged)
        card = dash.cards[sev]
        assert card.count == open_count
        assert f">{open_count}<" in card.text()
        assert sev.capitalize() in card.text()  # "Must", not the enum's "must"
        assert "acknowledged" not in card.text()  # nothing acknowledged in the demo
    assert sum(c.count for c in dash.cards.values()) == len(result.findings)
    assert f"{len(result.findings)} findings to look at" in dash.subtitle.text()


def test_clicking_a_count_opens_findings_filtered_to_it(qtbot, window, dash):
    for sev in ("should", "must", "advice"):
        window.show_page("dashboard")
        qtbot.mouseClick(dash.cards[sev], Qt.MouseButton.LeftButton)
        findings = window.pages["findings"]
        assert window.ui.pageStack.currentWidget() is findings
        shown = findings.visible_findings()
        assert len(shown) == dash.cards[sev].count + dash.cards[sev].acknowledged
        assert {f.severity.value for f in shown} == {sev}
    # The keyboard works too.
    window.show_page("dashboard")
    dash.cards["must"].setFocus()
    qtbot.keyClick(dash.cards["must"], Qt.Key.Key_Return)
    assert {f.severity.value for f in window.pages["findings"].visible_findings()} == {"must"}


def test_must_fix_lists_unacknowledged_must_findings(dash):
    expected = [f.identity for f in dash.session.findings if f.severity.value == "must" and not f.acknowledged]
    assert [f.identity for f in dash.must_table.visible_objects()] == expected
    assert dash.must_title.text() == f"Must fix ({len(expected)})"
    assert not dash.must_empty.isVisible()


def test_double_clicking_a_must_fix_person_opens_where_it_is_put_right(qtbot, window, dash):
    rows = dash.must_table.visible_objects()
    # ROI-01 (a declaration overdue) opens the person on the Interests page ...
    row = next(i for i, f in enumerate(rows) if f.rule == "ROI-01")
    _double_click_row(qtbot, dash.must_table, row)
    interests = window.pages["interests"]
    assert window.ui.pageStack.currentWidget() is interests
    assert interests.table.current().person.id == rows[row].subject.key
    # ... and GIAS-01 (a start not recorded on GIAS) the appointment, to record the date.
    window.show_page("dashboard")
    row = next(i for i, f in enumerate(rows) if f.rule == "GIAS-01")
    _double_click_row(qtbot, dash.must_table, row)
    board = window.pages["board"]
    assert window.ui.pageStack.currentWidget() is board
    appointment = board.table.current()
    assert appointment.person_id == rows[row].subject.key and appointment.gias_start_recorded_on is None


def test_falls_due_soon_matches_due_soon(dash):
    items = due_soon(dash.session.snapshot, dash.session.as_of, DUE_DAYS)
    assert items  # the demo has a declaration overdue, a filing overdue and a term ending
    assert dash.due_table.visible_objects() == items
    kinds = {dash.due_table.proxy.index(r, 1).data() for r in range(dash.due_table.proxy.rowCount())}
    assert kinds <= {"Term ends", "Declaration", "Filing", "Chair election", "Action"}
    statuses = [dash.due_table.proxy.index(r, 2).data() for r in range(dash.due_table.proxy.rowCount())]
    for item, status in zip(items, statuses, strict=True):
        assert status.startswith("Overdue") == item.overdue


def test_double_clicking_a_due_item_opens_its_record(qtbot, window, dash):
    items = dash.due_table.visible_objects()
    kinds = [item.kind for item in items]
    # A declaration due: the person on the Interests page.
    row = kinds.index("declaration")
    _double_click_row(qtbot, dash.due_table, row)
    interests = window.pages["interests"]
    assert window.ui.pageStack.currentWidget() is interests
    assert interests.table.current().person.id == items[row].subject.key
    # A term ending: the appointment itself, ready for Reappoint.
    window.show_page("dashboard")
    row = kinds.index("term")
    _double_click_row(qtbot, dash.due_table, row)
    lgbs = window.pages["lgbs"]
    assert window.ui.pageStack.currentWidget() is lgbs
    appointment = lgbs.table.current()
    assert appointment.person_id == items[row].subject.key and appointment.term_end == items[row].due_on
    assert lgbs.reappoint_btn.isEnabled()
    # A filing: the person on the People page.
    window.show_page("dashboard")
    row = kinds.index("filing")
    _double_click_row(qtbot, dash.due_table, row)
    people = window.pages["people"]
    assert window.ui.pageStack.currentWidget() is people
    assert people.table.current().id == items[row].subject.key


def test_counts_and_lists_follow_a_fix(qtbot, window, dash):
    roi = next(f for f in dash.session.findings if f.rule == "ROI-01")
    must_before = dash.cards["must"].count
    due_before = len(dash.due_table.visible_objects())
    session = window.session
    session.apply([Insert(m.Declaration(person_id=roi.subject.key, declared_on=session.as_of))],
                  "Add declaration of interests")
    assert dash.cards["must"].count == must_before - 1  # the dashboard is showing: it refreshed at once
    assert roi.identity not in {f.identity for f in dash.must_table.visible_objects()}
    assert len(dash.due_table.visible_objects()) == due_before - 1
    assert window.statusBar().currentMessage() == "Add declaration of interests. 1 finding resolved."
    session.undo()
    assert dash.cards["must"].count == must_before
    assert window.statusBar().currentMessage() == "Undid: Add declaration of interests. 1 new."


def test_acknowledged_findings_show_beside_the_count(window, dash):
    finding = next(f for f in dash.session.findings if f.severity.value == "advice")
    before = dash.cards["advice"].count
    window.session.apply([Insert(m.Acknowledgement(
        rule=finding.rule, subject_kind=finding.subject.kind, subject_key=finding.subject.key,
        reason="Board decision", acknowledged_on=clock.today()))], "Acknowledge")
    assert dash.cards["advice"].count == before - 1
    assert "+1 acknowledged" in dash.cards["advice"].text()
    assert "(1 acknowledged)" in dash.subtitle.text()


def test_silent_rules_are_mentioned(dash):
    silent = dash.session.result.silent
    assert silent
    for rule_id, _ in silent:
        assert rule_id in dash.silent_note.text()


def test_empty_trust_is_calm(qtbot, make_window, tmp_path):
    from govboard.store import TrustFile

    window = make_window()
    window.set_trust_file(TrustFile.create(tmp_path / "Empty.govboard", name="Empty Trust"))
    dash = window.pages["dashboard"]
    assert window.ui.pageStack.currentWidget() is dash
    assert dash.due_empty.isVisible() and not dash.due_table.isVisible()
    assert "Empty Trust" in dash.subtitle.text()


def test_checking_as_at_another_date_says_what_changed(window, dash):
    before = len(window.session.findings)
    later = date(clock.today().year + 3, 1, 1)
    window.session.set_as_of(later)
    after = len(window.session.findings)
    assert after != before  # three years on, terms and declarations have run out
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Checked as at {later:%d/%m/%Y}. ")
    assert "new" in message or "resolved" in message
    open_counts = {sev: open_ for sev, (open_, _acknowledged) in dash.counts().items()}
    assert open_counts == {s: sum(1 for f in window.session.findings if f.severity.value == s and not f.acknowledged)
                           for s in ("must", "should", "advice")}


def test_overdue_reads_plainly_and_briefly():
    """'Overdue by 3873 days' was cut to 'Overdue by 3873 d…' in the column (issue 15)."""
    from govboard.ui.pages.dashboard import due_status

    as_of = date(2026, 12, 6)

    def status(due_on, overdue=True):
        return due_status(m.DueItem(kind="filing", subject=m.Subject("trust", "trust"), due_on=due_on,
                                    description="", overdue=overdue), as_of)

    assert status(date(2026, 12, 5)) == "Overdue by 1 day"
    assert status(date(2026, 10, 8)) == "Overdue by 59 days"
    assert status(date(2026, 10, 7)) == "Overdue by 2 months"
    assert status(date(2025, 12, 7)) == "Overdue by 11 months"
    assert status(date(2024, 12, 7)) == "Overdue by 23 months"
    assert status(date(2016, 3, 14)) == "Overdue since 2016"
    assert status(date(2026, 12, 6)) == "Overdue"
    assert status(date(2026, 12, 6), overdue=False) == "Due today"
    assert status(date(2026, 12, 26), overdue=False) == "In 20 days"
    assert all(len(status(date(y, 1, 1))) <= 20 for y in range(1990, 2026))


def test_rule_codes_come_with_their_titles(dash):
    """'DBS-01' alone means nothing to a clerk: every code shows with its short title (issue 15)."""
    rows = dash.must_table.visible_objects()
    assert rows
    col = [c.header for c in dash.must_table.model.columns].index("Rule")
    for r, finding in enumerate(rows):
        assert dash.must_table.proxy.index(r, col).data() == f"{finding.title} ({finding.rule})"
    titles = {info.id: info.title for info in catalogue()}
    for rule_id, _ in dash.session.result.silent:
        assert f"{titles[rule_id]} ({rule_id})" in dash.silent_note.text()


# --- Start here (issue 15) ------------------------------------------------------------------------


def _new_trust_window(make_window, tmp_path):
    from govboard.store import TrustFile

    path = tmp_path / "New Trust.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    return window, window.show_page("dashboard")


def test_a_new_trust_opens_on_start_here_and_ticks_steps_as_they_are_done(make_window, tmp_path, monkeypatch):
    from dataclasses import replace

    from govboard.domain.enums import Role

    window, dash = _new_trust_window(make_window, tmp_path)
    start = dash.start_here
    assert start.isVisible()
    assert start.done() == {"settings": False, "academies": False, "people": False, "bodies": False,
                            "gias": False, "meetings": False}
    assert start.progress.text() == "· 0 of 6 done"
    # Above the musts, which say where they come from.
    from PySide6.QtCore import QPoint

    card = dash.cards["must"]
    assert start.mapTo(dash, QPoint(0, 0)).y() + start.height() <= card.mapTo(dash, QPoint(0, 0)).y()
    assert "Start here" in dash.must_hint.text()
    session = window.session
    session.save_settings(replace(session.snapshot.settings, company_number="08123456"))
    session.apply([Insert(m.Person("P001", "Ada", "Lovelace")), Insert(m.Person("P002", "Mary", "Somerville"))],
                  "Add people")
    session.apply([Insert(m.Appointment("P001", Role.MEMBER, m.MEMBERS_BODY, session.as_of)),
                   Insert(m.Appointment("P002", Role.TRUSTEE, m.BOARD_BODY, session.as_of))], "Appoint")
    done = start.done()
    assert done["settings"] and done["people"] and done["bodies"] and not done["meetings"]
    assert start.marks["people"].text() == "✓" and start.marks["meetings"].text() == "○"
    assert start.progress.text() == "· 3 of 6 done"


def test_start_here_links_open_their_page_or_dialog(qtbot, make_window, tmp_path, monkeypatch):
    window, dash = _new_trust_window(make_window, tmp_path)
    start = dash.start_here
    for key, page in (("academies", "lgbs"), ("people", "people"), ("bodies", "board"), ("meetings", "meetings")):
        window.show_page("dashboard")
        qtbot.mouseClick(start.links[key], Qt.MouseButton.LeftButton)
        assert window.ui.pageStack.currentWidget() is window.pages[page], key
    opened = []
    monkeypatch.setattr("govboard.ui.settings_dialog.edit_settings", lambda w: opened.append("settings"))
    monkeypatch.setattr("govboard.ui.workbook_dialogs.import_gias", lambda w, create=False: opened.append(create))
    window.show_page("dashboard")
    qtbot.mouseClick(start.links["settings"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(start.links["gias"], Qt.MouseButton.LeftButton)
    assert opened == ["settings", True]  # an empty trust is built from the extract


def test_start_here_is_not_shown_on_an_established_trust_and_can_be_hidden(make_window, tmp_path, dash):
    assert dash.start_here is None  # the sample trust (people, meetings, appointments): not even built
    window, new_dash = _new_trust_window(make_window, tmp_path)
    assert new_dash.start_here.isVisible()
    new_dash.start_here.hide_btn.click()
    assert not new_dash.start_here.isVisible()
    window.session.apply([Insert(m.Person("P001", "Ada", "Lovelace"))], "Add Ada")  # a refresh
    assert not new_dash.start_here.isVisible()  # remembered for this file
