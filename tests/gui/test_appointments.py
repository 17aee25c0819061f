"""Members, Board and LGB pages: appoint, end and reappoint; close, reopen, history, undo, redo."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from govboard import clock
from govboard.domain import model as m
from govboard.domain.dates import add_years
from govboard.domain.enums import AppointedBy, Role
from govboard.store import TrustFile
from govboard.ui.dialogs import AppointmentDialog, RecordDialog

from .conftest import DialogDriver

TODAY = clock.today()


def _click_save(qtbot, dialog):
    box = dialog.ui.buttonBox if isinstance(dialog, AppointmentDialog) else dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def _appointments(path) -> dict[int, m.Appointment]:
    with TrustFile.open(path, read_only=True) as tf:
        return {a.id: a for a in tf.load_snapshot().appointments}


def _run(qtbot, button, fill):
    assert button.isEnabled(), button.text()
    driver = DialogDriver(fill)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return driver.result()


def _appoint_member(qtbot, window, demo_file):
    """Members page: appoint someone who is not yet a member. Returns the new appointment."""
    page = window.show_page("members")
    snap = window.session.snapshot
    members = {a.person_id for a in snap.appointments_by_body.get(m.MEMBERS_BODY, [])}
    newcomer = next(p for p in sorted(snap.people, key=lambda p: p.id) if p.id not in members)
    before = _appointments(demo_file)
    rows_before = page.table.model.rowCount()

    def fill(dialog):
        assert isinstance(dialog, AppointmentDialog)
        ui = dialog.ui
        assert dialog.windowTitle() == f"Appoint to {m.MEMBERS_BODY}"
        # No one is preselected: saving without choosing names the field and keeps the dialog open.
        # One placeholder for every choice, and a plain-words message (issue 15).
        assert ui.person.currentData() is None and ui.person.currentText() == "(choose one)"
        _click_save(qtbot, dialog)
        assert dialog.isVisible() and ui.errorLabel.text() == "Choose a person (add them on the People page first)"
        ui.person.setCurrentIndex(ui.person.findData(newcomer.id))
        assert ui.role.currentText() == Role.MEMBER.value and ui.role.count() == 1
        assert ui.body.currentText() == m.MEMBERS_BODY
        # Appointing bodies read in plain English with GIAS's wording beside them (formats.md 2 v2).
        ui.appointedBy.setCurrentIndex(ui.appointedBy.findText(
            "The foundation or sponsor (GIAS: Foundation/sponsor members)"))
        assert ui.startDate.text() == f"{TODAY:%d/%m/%Y}"  # today, as the page proposes
        ui.startDate.clear()
        qtbot.keyClicks(ui.startDate, "29/02/2023")
        _click_save(qtbot, dialog)
        assert dialog.isVisible() and "not a real date" in ui.errorLabel.text()
        ui.startDate.clear()
        qtbot.keyClicks(ui.startDate, f"{TODAY:%d/%m/%Y}")
        _click_save(qtbot, dialog)

    _run(qtbot, page.appoint_btn, fill)
    after = _appointments(demo_file)
    (new_id,) = set(after) - set(before)
    new = after[new_id]
    assert (new.person_id, new.role, new.body, new.start, new.appointed_by, new.end) == (
        newcomer.id, Role.MEMBER, m.MEMBERS_BODY, TODAY, AppointedBy.FOUNDATION_SPONSOR_MEMBERS, None)
    assert page.table.model.rowCount() == rows_before + 1
    return new


def _end_trustee(qtbot, window, demo_file):
    """Board page: end a sitting trustee's appointment yesterday, resigned."""
    page = window.show_page("board")
    assert page.body_choice.currentData() == m.BOARD_BODY
    assert not page.end_btn.isEnabled()  # nothing selected
    target = next(a for a in page.table.visible_objects()
                  if a.role == Role.TRUSTEE and a.end is None and a.start < TODAY - timedelta(days=30))
    assert page.table.select_where(lambda a: a.id == target.id)
    yesterday = TODAY - timedelta(days=1)

    def fill(dialog):
        assert isinstance(dialog, RecordDialog)
        end = dialog.findChild(QLineEdit, "end")
        assert end.text() == f"{TODAY:%d/%m/%Y}"
        end.clear()
        qtbot.keyClicks(end, f"{yesterday:%d/%m/%Y}")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "end_reason"), "Resigned")
        _click_save(qtbot, dialog)

    _run(qtbot, page.end_btn, fill)
    ended = _appointments(demo_file)[target.id]
    assert (ended.end, ended.end_reason) == (yesterday, "Resigned")
    # Gone from the current list; "Show past appointments" brings it back.
    assert target.id not in {a.id for a in page.table.visible_objects()}
    page.show_past.setChecked(True)
    shown = {a.id: a for a in page.table.visible_objects()}
    assert shown[target.id].end == yesterday
    assert page.table.select_where(lambda a: a.id == target.id)
    row = next(r for r in range(page.table.proxy.rowCount())
               if page.table.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).id == target.id)
    status_col = [c.header for c in page.table.model.columns].index("Status")
    assert page.table.proxy.index(row, status_col).data() == "Past"
    assert not page.end_btn.isEnabled()  # already ended
    page.show_past.setChecked(False)
    return ended


def _reappoint_governor(qtbot, window, demo_file):
    """LGB page: reappoint a local governor for a new term, starting the day after the old one."""
    page = window.show_page("lgbs")
    snap = window.session.snapshot
    target = None
    for i in range(page.body_choice.count()):
        page.body_choice.setCurrentIndex(i)
        target = next((a for a in page.table.visible_objects()
                       if a.role == Role.LOCAL_GOVERNOR and a.end is None and a.term_end), None)
        if target:
            break
    assert target is not None
    assert page.table.select_where(lambda a: a.id == target.id)
    new_start = target.term_end + timedelta(days=1)
    new_term_end = add_years(new_start, snap.settings.term_years) - timedelta(days=1)

    def fill(dialog):
        ui = dialog.ui
        name = snap.person_label(target.person_id)
        assert dialog.windowTitle() == f"Reappoint {name} as {Role.LOCAL_GOVERNOR} for a new term"
        assert ui.person.currentData() == target.person_id and not ui.person.isEnabled()
        assert ui.role.currentText() == Role.LOCAL_GOVERNOR.value
        assert ui.startDate.text() == f"{new_start:%d/%m/%Y}"
        assert ui.termEndDate.text() == f"{new_term_end:%d/%m/%Y}"
        assert ui.giasStart.text() == ""  # the new term's filings are not yet made
        _click_save(qtbot, dialog)

    before = _appointments(demo_file)
    _run(qtbot, page.reappoint_btn, fill)
    after = _appointments(demo_file)
    (new_id,) = set(after) - set(before)
    assert after[target.id].end == target.term_end
    assert after[target.id].end_reason == "Term ended (reappointed)"
    new = after[new_id]
    assert (new.person_id, new.role, new.body, new.start, new.term_end, new.end) == (
        target.person_id, Role.LOCAL_GOVERNOR, target.body, new_start, new_term_end, None)
    assert new.appointed_by == target.appointed_by
    return target, new


def test_appoint_end_reappoint_close_reopen_history_undo(qtbot, make_window, demo_file):
    window = make_window(demo_file)
    member = _appoint_member(qtbot, window, demo_file)
    ended = _end_trustee(qtbot, window, demo_file)
    old, new = _reappoint_governor(qtbot, window, demo_file)

    # Edit > Undo reverts the last edit (both halves of the reappointment) ...
    undo, redo = window.ui.actionUndo, window.ui.actionRedo
    assert undo.isEnabled() and "Reappoint" in undo.text()
    assert not redo.isEnabled()
    undo.trigger()
    now = _appointments(demo_file)
    assert new.id not in now and now[old.id].end is None and now[old.id].end_reason is None
    assert now[ended.id].end == ended.end  # the earlier edits stay
    assert "End" in undo.text() and redo.isEnabled() and "Reappoint" in redo.text()
    assert "Undid" in window.statusBar().currentMessage()
    # ... and Redo re-applies it.
    redo.trigger()
    now = _appointments(demo_file)
    assert now[new.id] == new and now[old.id].end == old.term_end
    assert not redo.isEnabled()

    window.close()
    assert window.session is None

    # Reopen in a new window: the changes are there and History lists them, newest first.
    again = make_window(demo_file)
    snap = again.session.snapshot
    by_id = {a.id: a for a in snap.appointments}
    assert by_id[member.id] == member
    assert by_id[ended.id].end == ended.end and by_id[ended.id].end_reason == "Resigned"
    assert by_id[new.id] == new and by_id[old.id].end == old.term_end

    history = again.show_page("history")
    descriptions = []
    for batch, _change in history.table.visible_objects():
        if batch.description not in descriptions:
            descriptions.append(batch.description)
    member_name = snap.person_label(member.person_id)
    expected = [
        "Redo: Reappoint",
        "Undo: Reappoint",
        "Reappoint",
        "End",
        f"Appoint {member_name} as Member",
    ]
    assert len(descriptions) >= len(expected)
    for got, start in zip(descriptions, expected, strict=False):
        assert got.startswith(start), (got, start)
    whens = [batch.at for batch, _ in history.table.visible_objects()]
    assert whens == sorted(whens, reverse=True)
    # Filter the history by the member's name.
    qtbot.keyClicks(history.table.filter, member_name)
    assert history.table.visible_objects()
    assert all(member_name in b.description or member_name in str(c.new) or member_name in str(c.old)
               for b, c in history.table.visible_objects())
    # History shows readable values, not raw dicts.
    details_col = [c.header for c in history.table.model.columns].index("Details")
    cell = history.table.proxy.index(0, details_col).data()
    assert cell and "{" not in cell


def test_buttons_follow_the_selection_and_read_only(window):
    page = window.show_page("board")
    assert page.appoint_btn.isEnabled()
    assert not any(b.isEnabled() for b in (page.edit_btn, page.end_btn, page.reappoint_btn))
    trustee = next(a for a in page.table.visible_objects() if a.role == Role.TRUSTEE and a.end is None)
    page.table.select_where(lambda a: a.id == trustee.id)
    assert all(b.isEnabled() for b in (page.edit_btn, page.end_btn, page.reappoint_btn))
    officer = next(a for a in page.table.visible_objects() if a.role == Role.ACCOUNTING_OFFICER)
    page.table.select_where(lambda a: a.id == officer.id)
    assert not page.reappoint_btn.isEnabled()  # an officer has no term


def test_committee_chooser_lists_committees(window):
    page = window.show_page("board")
    names = [page.body_choice.itemData(i) for i in range(page.body_choice.count())]
    assert names[0] == m.BOARD_BODY and len(names) > 1
    page.body_choice.setCurrentIndex(1)
    rows = page.table.visible_objects()
    assert rows and all(a.body == names[1] for a in rows)
    assert Role.TRUSTEE not in page.roles


def test_committee_terms_of_reference_review_resolves_com01_and_undoes(qtbot, window, demo_file):
    committee = "Finance and Resources Committee"
    assert any(f.rule == "COM-01" for f in window.session.findings_for("body", committee))
    # The finding's Go to lands on the committee, which shows the review date and the finding.
    assert window.go_to("body", committee)
    page = window.pages["board"]
    assert page.body_choice.currentData() == committee
    reviewed = f"{window.session.snapshot.body_by_name[committee].tor_reviewed_on:%d/%m/%Y}"
    assert reviewed in page.body_facts.text() and "COM-01" in page.body_facts.text()
    assert page.tor_btn.isVisible() and page.tor_btn.isEnabled()

    def fill(dialog):
        edit = dialog.findChild(QLineEdit, "tor_reviewed_on")
        assert edit.text() == reviewed
        edit.clear()
        qtbot.keyClicks(edit, f"{TODAY + timedelta(days=1):%d/%m/%Y}")
        _click_save(qtbot, dialog)
        assert dialog.isVisible() and "Reviewed on: cannot be later than today" in dialog.error_label.text()
        edit.clear()
        qtbot.keyClicks(edit, f"{TODAY:%d/%m/%Y}")
        _click_save(qtbot, dialog)

    _run(qtbot, page.tor_btn, fill)
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert tf.load_snapshot().body_by_name[committee].tor_reviewed_on == TODAY
    assert not any(f.rule == "COM-01" for f in window.session.findings_for("body", committee))
    assert f"{TODAY:%d/%m/%Y}" in page.body_facts.text() and "COM-01" not in page.body_facts.text()
    assert "1 finding resolved" in window.statusBar().currentMessage()

    window.ui.actionUndo.trigger()
    reviewed = f"{window.session.snapshot.body_by_name[committee].tor_reviewed_on:%d/%m/%Y}"
    assert reviewed in page.body_facts.text() and "COM-01" in page.body_facts.text()
    # The board itself has no terms of reference to review here.
    page.body_choice.setCurrentIndex(0)
    assert page.body_choice.currentData() == m.BOARD_BODY and not page.tor_btn.isVisible()


def test_read_only_file_offers_no_appointment_edits(make_window, demo_file):
    window = make_window()
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    window.go_to("body", "Kingsmead School LGB")
    page = window.pages["lgbs"]
    assert "LGB-01" in page.body_facts.text()  # the findings still show
    assert page.tor_btn.isVisible() and not page.tor_btn.isEnabled()
    page.table.select_where(lambda a: a.role == Role.LOCAL_GOVERNOR)
    assert not any(b.isEnabled() for b in (page.appoint_btn, page.edit_btn, page.end_btn, page.reappoint_btn))


# --- setting up bodies -------------------------------------------------------------------------


def _type(dialog, name, text):
    edit = dialog.widgets[name]
    assert isinstance(edit, QLineEdit)
    edit.setText(text)


def test_add_a_committee_then_appoint_to_it(qtbot, window, demo_file):
    from govboard.domain.enums import BodyType
    from govboard.ui.dialogs import combo_value

    page = window.show_page("board")
    errors = []

    def fill(dialog):
        _type(dialog, "name", "finance and resources committee")  # the demo has this one
        _click_save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        _type(dialog, "name", "  Pay  &  <Remuneration> Committee ")
        combo = dialog.widgets["type"]
        combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i) == BodyType.REMUNERATION))
        assert combo_value(combo) == BodyType.REMUNERATION
        _click_save(qtbot, dialog)

    _run(qtbot, page.add_body_btn, fill)
    assert errors == ["Name: there is already a body called 'finance and resources committee'"]
    with TrustFile.open(demo_file, read_only=True) as tf:
        body = tf.load_snapshot().body_by_name["Pay & <Remuneration> Committee"]
    assert body.type == BodyType.REMUNERATION
    assert page.body_choice.currentData() == body.name and page.appoint_btn.isEnabled()
    window.session.undo()
    assert "Pay & <Remuneration> Committee" not in window.session.snapshot.body_by_name


def test_add_an_academy_with_its_lgb(qtbot, window, demo_file):
    page = window.show_page("lgbs")
    taken = window.session.snapshot.academies[0].urn
    joined = clock.today()  # joined by now: LGB-01 applies to it at once
    errors = []

    def fill(dialog):
        _type(dialog, "urn", "14A")
        _type(dialog, "name", "St Ethelburga's C of E Primary")
        _type(dialog, "joined_on", f"{joined:%d/%m/%Y}")
        _click_save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        _type(dialog, "urn", taken)
        _click_save(qtbot, dialog)
        errors.append(dialog.error_label.text())
        _type(dialog, "urn", "149999")
        _click_save(qtbot, dialog)

    _run(qtbot, page.add_body_btn, fill)
    assert errors == ["URN: '14A' is not a URN (six digits, as on GIAS)",
                      f"URN: academy {taken} is already recorded"]
    with TrustFile.open(demo_file, read_only=True) as tf:
        snapshot = tf.load_snapshot()
    academy = snapshot.academy_by_urn["149999"]
    assert academy.name == "St Ethelburga's C of E Primary" and academy.joined_on == joined
    lgb = snapshot.body_by_name["St Ethelburga's C of E Primary LGB"]
    assert lgb.academy_urn == "149999"
    assert page.body_choice.currentData() == lgb.name
    # A new LGB has no governors: LGB-01 (parent governors) says so at once.
    assert any(f.rule == "LGB-01" for f in window.session.findings_for("body", lgb.name))


def test_lgb_page_of_a_new_trust_says_how_to_add_academies(qtbot, make_window, tmp_path):
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    page = window.show_page("lgbs")
    assert page.empty_note.isVisible() and "Add academy" in page.empty_note.text()
    assert not page.table.view.isVisible() and page.add_body_btn.isEnabled()
    from govboard.domain.enums import BodyType
    from govboard.store import Insert

    window.session.apply([Insert(m.Academy("140001", "Vale Primary")),
                          Insert(m.Body("Vale Primary LGB", BodyType.LOCAL_GOVERNING_BODY, ("140001",)))],
                         "Add academy Vale Primary")
    assert not page.empty_note.isVisible()
    assert page.body_choice.currentData() == "Vale Primary LGB"
    # The new LGB has no one yet: the page says who goes there and offers Appoint (issue 15:
    # empty states, not bare tables); it was an empty table before.
    assert page.empty.isVisible() and not page.table.isVisible()
    assert "No one is appointed to Vale Primary LGB yet" in page.empty.text.text()
    assert page.empty.buttons[1].isVisible()  # no people yet: the way to the People page


def _offered(combo) -> list:
    from govboard.ui.dialogs import combo_value

    return [combo_value(combo, i) for i in range(combo.count())]


def test_appoint_offers_the_bodies_that_apply_to_the_role_then_show_all(qtbot, window):
    from govboard.ui.dialogs import SHOW_ALL_BODIES

    snap = window.session.snapshot
    initial = m.Appointment(person_id="", role=Role.TRUSTEE, body=m.BOARD_BODY, start=TODAY)
    dialog = AppointmentDialog(window, snap, initial, roles=[Role.TRUSTEE, Role.LOCAL_GOVERNOR], bodies=["Board"])
    qtbot.addWidget(dialog)
    combo = dialog.ui.appointedBy
    offered = _offered(combo)
    assert AppointedBy.ELECTED_BY_PARENTS not in offered  # a trustee is never elected by parents
    assert AppointedBy.ACADEMY_MEMBERS in offered and offered[-1] == SHOW_ALL_BODIES
    assert combo.itemText(offered.index(AppointedBy.GB_BOARD)) == "The board (GIAS: Appointed by GB/board)"
    # "Show all appointing bodies…" lists every one, and choosing one keeps it.
    combo.setCurrentIndex(len(offered) - 1)
    combo.activated.emit(len(offered) - 1)
    dialog.ui.appointedBy.hidePopup()
    every = _offered(combo)
    assert set(every) - {None} == set(AppointedBy)
    combo.setCurrentIndex(every.index(AppointedBy.ELECTED_BY_PARENTS))
    combo.activated.emit(combo.currentIndex())
    assert dialog.appointed_by is AppointedBy.ELECTED_BY_PARENTS
    # Changing the role keeps a value that does not apply to it visible rather than dropping it.
    dialog.ui.role.setCurrentIndex(1)  # Local governor: elected by parents applies
    assert dialog.appointed_by is AppointedBy.ELECTED_BY_PARENTS and SHOW_ALL_BODIES in _offered(combo)


def test_an_unlisted_appointing_body_is_kept_when_editing(qtbot, window):
    snap = window.session.snapshot
    unlisted = AppointedBy.from_text("Appointed by the Diocesan Board")
    initial = m.Appointment(person_id=snap.people[0].id, role=Role.LOCAL_GOVERNOR, body="Board",
                            start=date(2024, 9, 1), appointed_by=unlisted)
    dialog = AppointmentDialog(window, snap, initial, editing=True)
    qtbot.addWidget(dialog)
    assert dialog.appointed_by == unlisted
    assert dialog.ui.appointedBy.currentText() == "Appointed by the Diocesan Board (not in GIAS's list)"


# --- LGBs serving several academies ----------------------------------------------------------------


def _trust_from_gias(tmp_path):
    from govboard.services import trust as svc

    from ..unit.io import gias_files as gf

    mat, acad = gf.write_national(tmp_path)
    path = tmp_path / "Oakfield.govboard"
    with TrustFile.create(path, name="Oakfield Learning Trust") as tf:
        svc.import_gias(tf, [mat, acad], create=True, uid=gf.UID, urns=gf.ACADEMIES)
    return path


def test_lgb_page_shows_and_edits_the_academies_an_lgb_serves(qtbot, make_window, tmp_path):
    from PySide6.QtWidgets import QListWidget

    window = make_window(_trust_from_gias(tmp_path))
    page = window.show_page("lgbs")
    hub = "Shared LGB (141001, 141002)"
    labels = [page.body_choice.itemText(i) for i in range(page.body_choice.count())]
    assert f"{hub} — 2 academies" in labels
    page.body_choice.setCurrentIndex(page.body_choice.findData(hub))
    assert "Serves (a shared LGB): Academy 141001, Academy 141002." in page.body_facts.text()
    # The shared governors and the shared chair sit on the hub LGB.
    names = {window.session.snapshot.person_label(a.person_id) for a in page.table.visible_objects()}
    assert {"Bronwen Evans", "Ibrahim Sesay", "Fiona Grant", "Luca Romano", "Priya Nair"} <= names

    def fill(dialog):
        box = dialog.findChild(QListWidget, "academies")
        items = {box.item(i).data(Qt.ItemDataRole.UserRole): box.item(i) for i in range(box.count())}
        assert items["141003"].text() == "Academy 141003 (141003) — now served by Academy 141003 LGB"
        assert items["141001"].checkState() == Qt.CheckState.Checked
        items["141003"].setCheckState(Qt.CheckState.Checked)
        dialog.accept()

    _run(qtbot, page.academies_btn, fill)
    snap = window.session.snapshot
    assert snap.body_by_name[hub].academy_urns == ("141001", "141002", "141003")
    assert snap.body_by_name["Academy 141003 LGB"].academy_urns == ()  # it served 141003 alone
    assert snap.lgb_by_urn["141003"].name == hub
    page.body_choice.setCurrentIndex(page.body_choice.findData("Academy 141003 LGB"))
    assert "Serves no academy yet." in page.body_facts.text()
    window.session.undo()
    assert window.session.snapshot.lgb_by_urn["141003"].name == "Academy 141003 LGB"


def test_an_added_academy_can_join_a_shared_lgb(qtbot, make_window, tmp_path):
    window = make_window(_trust_from_gias(tmp_path))
    page = window.show_page("lgbs")
    hub = "Shared LGB (141001, 141002)"

    def fill(dialog):
        _type(dialog, "urn", "141005")
        _type(dialog, "name", "Oakfield Infants")
        _type(dialog, "lgb", hub.upper())  # an existing LGB's name, in any case
        _click_save(qtbot, dialog)

    _run(qtbot, page.add_body_btn, fill)
    snap = window.session.snapshot
    assert snap.body_by_name[hub].academy_urns == ("141001", "141002", "141005")
    assert snap.lgb_by_urn["141005"].name == hub and page.body_choice.currentData() == hub
    assert "Oakfield Infants (141005)" in page.body_facts.text()


# --- issue 15: what the rows and the dialog say -------------------------------------------------


def _status_of(page, appointment_id):
    col = [c.header for c in page.table.model.columns].index("Status")
    for r in range(page.table.proxy.rowCount()):
        if page.table.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).id == appointment_id:
            return page.table.proxy.index(r, col).data()
    raise AssertionError(f"appointment {appointment_id} not shown")


def test_ending_an_appointment_today_no_longer_reads_in_office(window):
    from dataclasses import replace

    from govboard.store import Update

    page = window.show_page("board")
    as_of = window.session.as_of
    trustee = next(a for a in page.table.visible_objects()
                   if a.role == Role.TRUSTEE and a.end is None and a.start < as_of)
    assert _status_of(page, trustee.id) == "In office"
    window.session.apply([Update(trustee, replace(trustee, end=as_of, end_reason="Resigned"))], "End today")
    # Still listed (the last day in office is today), but not as if the ending had not been saved.
    assert _status_of(page, trustee.id) == "Last day today"
    ended = window.session.snapshot.appointments_by_body[m.BOARD_BODY]
    ended = next(a for a in ended if a.id == trustee.id)
    later = as_of + timedelta(days=10)
    window.session.apply([Update(ended, replace(ended, end=later))], "End later")
    assert _status_of(page, trustee.id) == f"Leaving {later:%d/%m/%Y}"


def test_term_end_follows_the_start_date_as_it_is_typed(qtbot, window):
    snap = window.session.snapshot
    years = snap.settings.term_years
    initial = m.Appointment(person_id="", role=Role.TRUSTEE, body=m.BOARD_BODY, start=TODAY)
    dialog = AppointmentDialog(window, snap, initial, roles=[Role.TRUSTEE, Role.ACCOUNTING_OFFICER],
                               bodies=[m.BOARD_BODY])
    qtbot.addWidget(dialog)
    ui = dialog.ui
    # Proposed from the start date the dialog opens with.
    assert ui.termEndDate.text() == f"{add_years(TODAY, years) - timedelta(days=1):%d/%m/%Y}"
    ui.startDate.clear()
    qtbot.keyClicks(ui.startDate, "01/09/202")  # half typed: the suggestion waits
    qtbot.keyClicks(ui.startDate, "6")  # whole: filled at once, without leaving the field
    assert ui.termEndDate.text() == f"{add_years(date(2026, 9, 1), years) - timedelta(days=1):%d/%m/%Y}"
    # An officer has no fixed term: the suggestion goes; a term end typed by hand stays.
    ui.role.setCurrentIndex(ui.role.findData(Role.ACCOUNTING_OFFICER))
    assert ui.termEndDate.text() == ""
    ui.role.setCurrentIndex(ui.role.findData(Role.TRUSTEE))
    ui.termEndDate.setText("31/12/2027")
    ui.startDate.setText("01/01/2026")
    assert ui.termEndDate.text() == "31/12/2027"


def test_appointment_pages_sort_by_surname_like_people(window):
    for key in ("members", "board", "lgbs"):
        page = window.show_page(key)
        page.show_past.setChecked(True)
        rows = page.table.visible_objects()
        people = window.session.snapshot.person_by_id
        col = [c.header for c in page.table.model.columns].index("Name")
        for r, a in enumerate(rows):
            person = people[a.person_id]
            assert page.table.proxy.index(r, col).data() == f"{person.surname}, {person.forename}"
        # Within the same status and role, by surname (as People and Interests).
        groups: dict = {}
        for a in rows:
            groups.setdefault((a.in_office(window.session.as_of), a.role), []).append(people[a.person_id].sort_name)
        assert all(names == sorted(names) for names in groups.values()), key
        # Clicking the Name heading sorts by surname too.
        page.table.view.sortByColumn(col, Qt.SortOrder.AscendingOrder)
        names = [people[a.person_id].sort_name for a in page.table.visible_objects()]
        assert names == sorted(names), key
        page.show_past.setChecked(False)
