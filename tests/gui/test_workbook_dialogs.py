"""File menu: workbook export/import with preview, GIAS and Companies House imports, GIAS wizard.

Real trust files, real workbooks written and read back; file dialogs are answered by
monkeypatching QFileDialog's static functions, modal dialogs are driven with DialogDriver.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit

from govboard import clock
from govboard.domain import model as m
from govboard.domain.enums import Role
from govboard.io.workbook import read_workbook
from govboard.store import TrustFile, Update
from govboard.ui import tasks
from govboard.ui import workbook_dialogs as wd

from ..unit.io.factories import tiny_pdf
from .conftest import DialogDriver, finish_tasks, sha256

PDF = tiny_pdf("a board paper")
GIAS_HEADER = ("GID,URN,UID,Companies House Number,Role,Title,Forename 1,Forename 2,Surname,"
               "Date of appointment,Date term of office ends/ended,Appointing body")


@pytest.fixture(autouse=True)
def _no_progress_dialog(monkeypatch):
    # A slow machine must not show the progress dialog where a test expects the preview.
    monkeypatch.setattr(tasks, "SHOW_AFTER_MS", 10**9)


def answer_open(monkeypatch, path):
    paths = path if isinstance(path, list) else [path]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(paths[0]), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(p) for p in paths], "")))


def answer_save(monkeypatch, path, seen=None):
    def save(parent, caption, start, *args, **kwargs):
        if seen is not None:
            seen.append(start)
        return str(path), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))


def snapshot_of(path):
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


@pytest.fixture
def demo_book(qtbot, window, tmp_path, monkeypatch):
    """The open demo trust exported through File > Export workbook."""
    book = tmp_path / "exported.xlsx"
    answer_save(monkeypatch, book)
    wd.export_workbook(window)
    finish_tasks(qtbot, window)
    return book


# --- export ---------------------------------------------------------------------------------------


def test_export_workbook_suggests_a_name_and_remembers_the_folder(qtbot, window, tmp_path, monkeypatch):
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    seen = []
    answer_save(monkeypatch, out_dir / "registers", seen)  # no suffix typed: .xlsx is added
    wd.export_workbook(window)
    finish_tasks(qtbot, window)
    out = out_dir / "registers.xlsx"
    assert out.exists()
    assert Path(seen[0]).name == f"Hillside Learning Trust registers {clock.today():%Y-%m-%d}.xlsx"
    assert window.statusBar().currentMessage().startswith(f"Exported the registers to {out}")
    assert window.settings.value(wd.WORKBOOK_DIR_KEY) == str(out_dir)
    read = read_workbook(out)
    assert read.errors == []
    assert {p.id for p in read.registers.people} == {p.id for p in window.session.snapshot.people}
    # Next time the save dialog starts in the remembered folder.
    wd.export_workbook(window)
    finish_tasks(qtbot, window)
    assert Path(seen[1]).parent == out_dir


def test_export_blank_template(window, tmp_path, monkeypatch):
    out = tmp_path / "template.xlsx"
    answer_save(monkeypatch, out)
    wd.export_template(window)
    assert window.statusBar().currentMessage() == f"Saved a blank template to {out}"
    read = read_workbook(out)
    assert read.errors == [] and read.registers.people == ()


def test_export_to_an_unwritable_place_says_so(qtbot, window, tmp_path, monkeypatch, messages):
    answer_save(monkeypatch, tmp_path / "no such folder" / "x.xlsx")
    wd.export_workbook(window)
    finish_tasks(qtbot, window)
    [(kind, title, text)] = messages
    assert kind == "warning" and "x.xlsx could not be written" in text


# --- import: preview, then write --------------------------------------------------------------------


def _edit_book(book: Path, tmp_path: Path) -> Path:
    """A clerk's edit: one surname changed, one person added, an agenda paper named."""
    wb = load_workbook(book)
    people = wb["People"]
    header = [c.value for c in people[1]]
    surname_col = header.index("Surname") + 1
    people.cell(row=2, column=surname_col).value = "Renamed"
    people.append({header.index("Person ID") + 1: "P900", header.index("Forename") + 1: "Nadia",
                   surname_col: "Newcomer"})
    agenda = wb["Agenda"]
    head = [c.value for c in agenda[1]]
    meeting_id = agenda.cell(row=2, column=head.index("Meeting ID") + 1).value
    agenda.append({head.index("Meeting ID") + 1: meeting_id, head.index("Item") + 1: "99",
                   head.index("Title") + 1: "Estates strategy", head.index("Paper") + 1: "papers/estates.pdf"})
    (tmp_path / "papers").mkdir(exist_ok=True)
    (tmp_path / "papers" / "estates.pdf").write_bytes(PDF)
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def test_import_shows_a_preview_and_writes_only_when_confirmed(qtbot, window, demo_file, demo_book,
                                                               tmp_path, monkeypatch):
    edited = _edit_book(demo_book, tmp_path)
    first_person = min(snapshot_of(demo_file).people, key=lambda p: p.id)
    answer_open(monkeypatch, edited)
    before = sha256(demo_file)
    seen = {}

    def cancel(dialog):
        assert isinstance(dialog, wd.ImportPreviewDialog)
        rows = {r.sheet: (r.new, r.changed) for r in dialog.counts_model.rows}
        seen.update(rows)
        assert not dialog.errors_box.isVisibleTo(dialog) and dialog.import_btn.isEnabled()
        assert dialog.upsert_radio.isChecked()
        assert sha256(demo_file) == before  # nothing written while previewing
        dialog.reject()

    driver = DialogDriver(cancel)
    wd.import_workbook(window)
    driver.result()
    assert seen["People"] == (1, 1) and seen["Agenda"] == (1, 0)
    assert seen["Roles"] == (0, 0)
    assert sha256(demo_file) == before
    assert window.statusBar().currentMessage() == "Import cancelled; nothing was changed."

    def accept(dialog):
        qtbot.mouseClick(dialog.import_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(accept)
    wd.import_workbook(window)
    driver.result()
    after = snapshot_of(demo_file)
    assert after.person_by_id[first_person.id].surname == "Renamed"
    assert after.person_by_id["P900"].forename == "Nadia"
    [item] = [a for a in after.agenda if a.title == "Estates strategy"]
    # The paper named in the Agenda sheet is copied into the trust file.
    with TrustFile.open(demo_file, read_only=True) as tf:
        assert tf.paper_content(item.paper_sha256) == PDF
    assert item.paper_name == "estates.pdf"
    assert window.session.snapshot.person_by_id["P900"].surname == "Newcomer"  # the session reloaded
    assert window.statusBar().currentMessage().startswith(
        "Imported edited.xlsx: 2 new rows, 1 changed row.")


def test_replace_everything_makes_a_backup_first(qtbot, window, demo_file, demo_book, tmp_path,
                                                 monkeypatch, messages):
    # Something the workbook does not hold: replace removes it, the backup keeps it.
    window.session.apply([Update(p := min(window.session.snapshot.people, key=lambda p: p.id),
                                 replace(p, email="only-in-the-file@example.org"))], "Edit email")
    answer_open(monkeypatch, demo_book)

    def fill(dialog):
        dialog.replace_radio.setChecked(True)
        assert dialog.import_btn.text() == "Replace everything"
        assert {r.sheet: r.new for r in dialog.counts_model.rows}["People"] == len(window.session.snapshot.people)
        qtbot.mouseClick(dialog.import_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    wd.import_workbook(window)
    driver.result()
    assert [m_[0:2] for m_ in messages] == [("question", "Replace everything?")]
    backups = list(tmp_path.glob(f"{demo_file.stem}.before-replace-*.govboard"))
    assert len(backups) == 1
    assert snapshot_of(backups[0]).person_by_id[p.id].email == "only-in-the-file@example.org"
    assert snapshot_of(demo_file).person_by_id[p.id].email != "only-in-the-file@example.org"
    assert f"the previous file is saved as {backups[0].name}" in window.statusBar().currentMessage()


def test_import_with_errors_shows_them_and_saves_an_annotated_copy(qtbot, window, demo_file, demo_book,
                                                                   tmp_path, monkeypatch):
    wb = load_workbook(demo_book)
    people = wb["People"]
    first_id = people.cell(row=2, column=1).value
    people.append([first_id, None, "Dup", None, "Licate"])
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    answer_open(monkeypatch, bad)
    annotated = tmp_path / "bad - errors.xlsx"
    answer_save(monkeypatch, annotated)
    before = sha256(demo_file)
    seen = {}

    def fill(dialog):
        assert dialog.errors_box.isVisibleTo(dialog) and not dialog.import_btn.isEnabled()
        assert not dialog.counts_box.isVisibleTo(dialog) and not dialog.options_box.isVisibleTo(dialog)
        seen["errors"] = [(e.sheet, e.row, e.column, e.message) for e in dialog.errors.visible_objects()]
        seen["summary"] = dialog.summary.text()
        qtbot.mouseClick(dialog.save_copy_btn, Qt.MouseButton.LeftButton)
        dialog.reject()

    driver = DialogDriver(fill)
    wd.import_workbook(window)
    driver.result()
    row = people.max_row
    assert seen["errors"] == [("People", row, "Person ID", f"'{first_id}' is used more than once (first on row 2)")]
    assert seen["summary"].startswith("1 problem in bad.xlsx must be fixed")
    assert sha256(demo_file) == before
    copy = load_workbook(annotated)
    assert "Import errors" in copy.sheetnames
    header = [c.value for c in copy["People"][1]]
    assert "used more than once" in copy["People"].cell(row=row, column=header.index("Errors") + 1).value


# --- bad input through the GUI: a clear message, the trust file byte-for-byte unchanged -------------


def _book_from(demo_book, tmp_path, edit) -> Path:
    wb = load_workbook(demo_book)
    edit(wb)
    out = tmp_path / "input.xlsx"
    wb.save(out)
    return out


def _not_a_workbook(demo_book, tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("Minutes of the meeting\n")
    return path


def _corrupt(demo_book, tmp_path):
    path = tmp_path / "corrupt.xlsx"
    path.write_bytes(demo_book.read_bytes()[:4000])
    return path


def _password_protected(demo_book, tmp_path):
    path = tmp_path / "locked.xlsx"  # what Excel writes: an OLE container holding EncryptedPackage
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le"))
    return path


def _missing_column(demo_book, tmp_path):
    return _book_from(demo_book, tmp_path, lambda wb: wb["People"].delete_cols(
        [c.value for c in wb["People"][1]].index("Surname") + 1))


def _impossible_date(demo_book, tmp_path):
    def edit(wb):
        ws = wb["Roles"]
        col = [c.value for c in ws[1]].index("Start date") + 1
        ws.cell(row=2, column=col).value = "31/02/2024"
    return _book_from(demo_book, tmp_path, edit)


def _unknown_role(demo_book, tmp_path):
    def edit(wb):
        ws = wb["Roles"]
        ws.cell(row=2, column=[c.value for c in ws[1]].index("Role") + 1).value = "Governor"
    return _book_from(demo_book, tmp_path, edit)


def _missing_person(demo_book, tmp_path):
    def edit(wb):
        ws = wb["Roles"]
        ws.cell(row=2, column=[c.value for c in ws[1]].index("Person ID") + 1).value = "P-NOBODY"
    return _book_from(demo_book, tmp_path, edit)


def _formula_without_value(demo_book, tmp_path):
    def edit(wb):
        ws = wb["People"]
        ws.cell(row=3, column=[c.value for c in ws[1]].index("Surname") + 1).value = '=UPPER("smith")'
    return _book_from(demo_book, tmp_path, edit)  # openpyxl saves formulas with no cached value


# case: (make the file, whole file unreadable (a message box) or row problems (the preview), expected text)
BAD_INPUTS = {
    "not a workbook": (_not_a_workbook, True, "notes.xlsx is not an Excel workbook (.xlsx)"),
    "corrupt": (_corrupt, True, "corrupt.xlsx could not be read as an Excel workbook; it is damaged or incomplete"),
    "password-protected": (_password_protected, True, "locked.xlsx is password-protected"),
    "missing column": (_missing_column, False,
                       "People row 1, column Surname: the required column 'Surname' is missing"),
    "impossible date": (_impossible_date, False, "Roles row 2, column Start date: '31/02/2024' is not a real date"),
    "unknown role": (_unknown_role, False, "Roles row 2, column Role: 'Governor' is not one of"),
    "missing person": (_missing_person, False, "Roles row 2, column Person ID: person 'P-NOBODY' does not exist"),
    "formula without value": (_formula_without_value, False, "People row 3, column Surname"),
}


def _import_expecting_a_message(qtbot, window, messages) -> str:
    wd.import_workbook(window)
    finish_tasks(qtbot, window)
    assert window.findChildren(wd.ImportPreviewDialog) == [], "the preview opened for a file that cannot be read"
    [(kind, title, text)] = messages
    assert (kind, title) == ("warning", "Cannot import workbook") and text.endswith("Nothing was changed.")
    return text


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_workbooks_leave_the_trust_file_unchanged(case, qtbot, window, demo_file, demo_book, tmp_path,
                                                      monkeypatch, messages):
    make, whole_file, expected = BAD_INPUTS[case]
    answer_open(monkeypatch, make(demo_book, tmp_path))
    before = sha256(demo_file)
    if whole_file:
        text = _import_expecting_a_message(qtbot, window, messages)
    else:
        shown = []

        def fill(dialog):
            shown.extend(str(e) for e in dialog.outcome.errors)
            assert not dialog.import_btn.isEnabled()
            dialog.reject()

        driver = DialogDriver(fill)
        wd.import_workbook(window)
        driver.result()
        assert messages == []
        text = "\n".join(shown)
    assert expected in text, text
    assert sha256(demo_file) == before
    print(f"{case}: {text.splitlines()[0]}")


def test_import_into_a_read_only_file_is_refused(make_window, demo_file, messages):
    window = make_window()
    window.set_trust_file(TrustFile.open(demo_file, read_only=True))
    wd.import_workbook(window)
    assert messages and messages[0][1] == "Read-only file"


# --- GIAS and Companies House ------------------------------------------------------------------------


def _write_gias(path: Path, rows: list[str], encoding="utf-8") -> Path:
    path.write_bytes(("\r\n".join([GIAS_HEADER, *rows]) + "\r\n").encode(encoding))
    return path


def test_gias_import_stores_a_snapshot_and_gias_02_appears(qtbot, window, demo_file, tmp_path, monkeypatch):
    session = window.session
    extract_day = clock.today() - timedelta(days=1)
    # A trustee who left two months ago in govboard but is still current on GIAS.
    trustee = next(a for a in session.snapshot.appointments_by_role[Role.TRUSTEE] if a.in_office(extract_day))
    person = session.snapshot.person_by_id[trustee.person_id]
    session.apply([Update(trustee, replace(trustee, end=extract_day - timedelta(days=61)))], "End a trustee")
    assert session.findings_for("person", person.id) == [] or all(
        f.rule != "GIAS-02" for f in session.findings_for("person", person.id))
    csv = _write_gias(tmp_path / "governors.csv", [
        f"9001,,,,Trustee,,{person.forename},,{person.surname},{trustee.start:%d/%m/%Y},,Appointed by academy members",
    ], "cp1252")
    answer_open(monkeypatch, csv)
    before = sha256(demo_file)
    facts = {}

    def fill(dialog):
        assert isinstance(dialog, wd.GiasDialog)
        assert sha256(demo_file) == before
        facts["records"] = dialog.findChild(QLabel, "records").text()
        facts["note"] = dialog.date_note.text()
        date_edit = dialog.findChild(QLineEdit, "date")
        date_edit.clear()
        qtbot.keyClicks(date_edit, "31/02/2026")  # a bad date: a message naming the field, still open
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.error.text().startswith("Extract date: '31/02/2026' is not a real date")
        assert sha256(demo_file) == before
        date_edit.clear()
        qtbot.keyClicks(date_edit, f"{extract_day:%d/%m/%Y}")
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    assert wd.import_gias(window)
    driver.result()
    assert facts["records"] == "1 (1 current on the extract's date)"
    assert "no date" in facts["note"]  # governors.csv: the date must be given
    stored = snapshot_of(demo_file).gias
    assert stored.extract_date == extract_day and stored.source_name == "governors.csv"
    rules = {f.rule for f in session.findings_for("person", person.id)}
    assert "GIAS-02" in rules
    status = window.statusBar().currentMessage()
    assert status.startswith(f"Stored the GIAS extract of {extract_day:%d/%m/%Y} (1 record)")
    assert "Registers disagree with GIAS (GIAS-02): " in status and "difference" in status


def test_gias_file_that_is_not_gias_is_refused(window, demo_file, tmp_path, monkeypatch, messages):
    path = tmp_path / "people.csv"
    path.write_text("Name,Email\nJane,jane@example.org\n")
    answer_open(monkeypatch, path)
    before = sha256(demo_file)
    assert not wd.import_gias(window)
    [(kind, _title, text)] = messages
    assert kind == "warning" and "people.csv is not a GIAS governance extract" in text
    assert sha256(demo_file) == before
    print(f"not GIAS: {text.splitlines()[0]}")


def test_companies_house_import_and_ch_02(qtbot, window, demo_file, tmp_path, monkeypatch):
    officers = tmp_path / "officers.json"
    officers.write_text(json.dumps({"items": [
        {"name": "STRANGER, Sally", "officer_role": "director", "appointed_on": "2020-01-01"},
        {"name": "GONE, Gary", "officer_role": "director", "appointed_on": "2015-01-01", "resigned_on": "2019-01-01"},
    ]}))
    answer_open(monkeypatch, officers)

    def fill(dialog):
        assert isinstance(dialog, wd.ChDialog)
        assert dialog.findChild(QLabel, "officers").text() == "2 (1 active director)"
        assert dialog.date_edit.text() == f"{clock.today():%d/%m/%Y}"
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    wd.import_companies_house(window)
    driver.result()
    stored = snapshot_of(demo_file).companies_house
    assert stored.as_of == clock.today() and len(stored.officers) == 2
    ch = [f for f in window.session.findings if f.rule == "CH-02"]
    assert any("STRANGER, Sally" in f.message for f in ch)
    assert "Registers disagree with Companies House (CH-02): " in window.statusBar().currentMessage()


def test_companies_house_file_that_is_not_json(window, demo_file, tmp_path, monkeypatch, messages):
    path = tmp_path / "officers.json"
    path.write_text("<html>Sign in to Companies House</html>")
    answer_open(monkeypatch, path)
    before = sha256(demo_file)
    wd.import_companies_house(window)
    [(kind, _title, text)] = messages
    assert kind == "warning" and text.startswith("officers.json") and "JSON" in text
    assert sha256(demo_file) == before
    print(f"CH not JSON: {text.splitlines()[0]}")


# --- the offer to build a new trust from GIAS ------------------------------------------------------


@pytest.fixture
def gias_csv(tmp_path) -> Path:
    return _write_gias(tmp_path / "governancematdata20260115.csv", [
        "1,,17001,01234567,Chair of trustees,Ms,Zoë,,Ó Briain,01/09/2021,,Appointed by academy members",
        "2,,17001,01234567,Trustee,Mr,Tom,,Jones,01/09/2020,31/08/2024,Appointed by academy members",
        "3,,17001,01234567,Member - individual,Mrs,Ann,,Lee,01/09/2019,,Original (signatory) members",
        "4,100001,17001,01234567,Local governor,Mrs,Siobhán,,Kelly,01/01/2023,,Elected by parents",
        "5,,17001,01234567,Member - organisation,,Diocese,,of Nowhere,01/01/2020,,",
    ], "cp1252")


def test_empty_trust_offers_to_build_from_gias_once(qtbot, make_window, tmp_path):
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    bar = wd.offer_bar(window)
    assert bar is not None and bar.isVisible()
    qtbot.mouseClick(bar.decline_btn, Qt.MouseButton.LeftButton)
    assert wd.offer_bar(window) is None
    # Reopening the same empty file does not ask again; another empty file does.
    window.open_path(path)
    assert wd.offer_bar(window) is None
    other = tmp_path / "Other.govboard"
    TrustFile.create(other, name="Other Trust").close()
    window.open_path(other)
    assert wd.offer_bar(window) is not None


def test_no_offer_for_a_trust_with_people(window):
    assert wd.offer_bar(window) is None


def test_gias_wizard_previews_then_creates(qtbot, make_window, tmp_path, gias_csv, monkeypatch):
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    bar = wd.offer_bar(window)
    answer_open(monkeypatch, gias_csv)
    before = sha256(path)
    preview = {}

    def fill(dialog):
        assert isinstance(dialog, wd.GiasDialog) and dialog.create
        assert sha256(path) == before
        for name in ("people", "bodies", "appointments", "academies", "unmapped"):
            preview[name] = dialog.findChild(QLabel, name).text()
        preview["date"] = dialog.date_edit.text()
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    qtbot.mouseClick(bar.build_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert preview["people"] == "4"
    assert preview["bodies"].startswith("1 ")
    # v2: the chair row makes the chair role only; no trustee term is invented (formats.md 2 v2).
    assert preview["appointments"] == "4 (1 already ended, kept as history)"
    assert preview["academies"] == "1"
    assert preview["unmapped"].startswith("Member - Organisation (1 record)")  # GIAS's v2 spelling
    assert preview["date"] == "15/01/2026"
    snap = window.session.snapshot
    assert sorted(p.surname for p in snap.people) == ["Jones", "Kelly", "Lee", "Ó Briain"]
    assert snap.gias is not None and snap.gias.extract_date == date(2026, 1, 15)
    assert snap.settings.gias_group_uid == "17001" and snap.settings.company_number == "01234567"
    assert wd.offer_bar(window) is None
    assert "and created 1 academy, 4 people, 1 body, 4 roles." in window.statusBar().currentMessage()


def test_gias_wizard_cancelled_writes_nothing(qtbot, make_window, tmp_path, gias_csv, monkeypatch):
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    answer_open(monkeypatch, gias_csv)
    before = sha256(path)
    driver = DialogDriver(lambda dialog: dialog.reject())
    qtbot.mouseClick(wd.offer_bar(window).build_btn, Qt.MouseButton.LeftButton)
    driver.result()
    assert sha256(path) == before
    assert wd.offer_bar(window) is not None  # still offered: the user only cancelled


def test_people_added_another_way_remove_the_offer(make_window, tmp_path):
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    assert wd.offer_bar(window) is not None
    from govboard.store import Insert

    window.session.apply([Insert(m.Person("P1", "Jane", "Smith"))], "Add Jane")
    assert wd.offer_bar(window) is None


def test_damaged_sheet_is_reported(qtbot, window, demo_file, demo_book, tmp_path, monkeypatch, messages):
    """A workbook whose People sheet XML is cut short: a message naming the sheet, nothing written."""
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(demo_book) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet3.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    answer_open(monkeypatch, damaged)
    before = sha256(demo_file)
    text = _import_expecting_a_message(qtbot, window, messages)
    assert text.startswith("damaged.xlsx") and "damaged" in text[len("damaged.xlsx"):]
    assert sha256(demo_file) == before
    print(f"damaged sheet: {text.splitlines()[0]}")


def test_export_progress_offers_no_cancel_it_could_not_honour(qtbot, window, monkeypatch):
    import time

    from PySide6.QtCore import QTimer

    monkeypatch.setattr(tasks, "SHOW_AFTER_MS", 0)
    seen = []

    def look():
        boxes = [d for d in window.findChildren(tasks.ProgressDialog) if d.isVisible()]
        seen.append((len(boxes), [b.cancel_button is not None for b in boxes]))

    for cancellable in (False, True):
        QTimer.singleShot(250, look)
        task = window.tasks.run(window, "Export workbook", "Writing…", lambda report: time.sleep(0.5) or 42,
                                cancellable=cancellable)
        with qtbot.waitSignal(task.done, timeout=10_000):
            pass
    assert seen == [(1, [False]), (1, [True])]  # the progress showed; Cancel only where it works
    assert wd.run_in_background(window, "Reading", "Reading…", lambda: 7) == 7  # the waiting form, for dialogs
    assert window.findChildren(tasks.ProgressDialog) == []


# --- the GIAS wizard on DfE's national files ---------------------------------------------------------


def test_gias_wizard_on_national_files_asks_which_trust_and_academies(qtbot, make_window, tmp_path, monkeypatch):
    from ..unit.io import gias_files as gf

    # The files are DfE's of 15/11/2026, holding terms that start on 01/09/2026: the clerk imports
    # them after that day (on an earlier clock the extract would predate its own rows).
    monkeypatch.setenv("GOVBOARD_TODAY", "2026-11-20")

    mat, acad = gf.write_national(tmp_path)
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="Oakfield Learning Trust").close()
    window = make_window(path)
    answer_open(monkeypatch, [mat, acad])
    before = sha256(path)
    seen: dict = {}

    def fill_preview(dialog):
        assert isinstance(dialog, wd.GiasDialog) and dialog.create
        assert sha256(path) == before  # nothing written before the preview is accepted
        rows = {r.role: r for r in dialog.roles.model.rows}
        seen["rows"] = rows
        seen["undo"] = dialog.findChild(QLabel, "undoNote").text()
        seen["bodies"] = dialog.findChild(QLabel, "bodies").text()
        seen["notes"] = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
        assert dialog.date_edit.text() == "15/11/2026"  # the date in the files' names
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    def fill_academies(dialog):
        assert isinstance(dialog, wd.AcademyChoiceDialog)
        assert dialog.list.count() == 7 and not dialog.ok_btn.isEnabled()
        qtbot.keyClicks(dialog.filter, ", ".join(gf.ACADEMIES))  # a pasted list ticks them
        assert dialog.chosen == list(gf.ACADEMIES)
        seen["preview"] = DialogDriver(fill_preview)
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    def fill_trust(dialog):
        assert isinstance(dialog, wd.TrustChoiceDialog)
        assert [t.uid for t in dialog.table.model.rows] == ["17001", "17002", "17003", "17004"]
        assert not dialog.ok_btn.isEnabled()
        assert dialog.table.select_where(lambda t: t.uid == gf.UID)
        seen["academies"] = DialogDriver(fill_academies)
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    first = DialogDriver(fill_trust)
    assert wd.import_gias(window, create=True)
    first.result()
    seen["academies"].result()
    seen["preview"].result()
    rows = seen["rows"]
    assert (rows["Trustee"].offices, rows["Trustee"].reconciliation_only, rows["Trustee"].other_trusts) == (8, 0, 3)
    assert (rows["Member - Organisation"].offices, rows["Member - Organisation"].other_trusts) == (0, 1)
    assert sum(r.this_trust + r.other_trusts for r in rows.values()) == 67  # every row accounted for
    assert "cannot undo this import" in seen["undo"] and "a backup copy of the file" in seen["undo"]
    assert seen["bodies"].startswith("3 (local governing bodies, 1 shared by several academies)")
    assert any("Appointed by the Diocesan Board of Education" in n for n in seen["notes"])
    snap = window.session.snapshot
    assert snap.lgb_by_urn["141001"].academy_urns == gf.HUB
    assert snap.settings.gias_group_uid == gf.UID and snap.settings.company_number == gf.COMPANY
    backups = list(tmp_path.glob("New.before-gias-*.govboard"))
    assert len(backups) == 1
    assert f"the file as it was is saved as {backups[0].name}" in window.statusBar().currentMessage()
    assert not {f.rule for f in window.session.findings} & {"GIAS-02", "GP-01", "LGB-01", "LGB-02"}


def test_choosing_no_trust_writes_nothing(qtbot, make_window, tmp_path, monkeypatch):
    from ..unit.io import gias_files as gf

    mat, _acad = gf.write_national(tmp_path)
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    answer_open(monkeypatch, [mat])
    before = sha256(path)
    driver = DialogDriver(lambda dialog: dialog.reject())
    assert not wd.import_gias(window, create=True)
    assert isinstance(driver.result(), wd.TrustChoiceDialog)
    assert sha256(path) == before
    assert window.statusBar().currentMessage() == "GIAS import cancelled; nothing was changed."


def test_companies_house_pages_one_then_the_others(qtbot, window, demo_file, tmp_path, monkeypatch):
    from ..unit.io.test_companies_house import officer_page

    company = window.session.snapshot.settings.company_number
    pages = []
    for n, start in enumerate((0, 35), start=1):
        path = tmp_path / f"officers-{n}.json"
        path.write_text(json.dumps(officer_page(start, 35 if start == 0 else 7, 42, company=company)))
        pages.append(path)
    answer_open(monkeypatch, pages[0])
    seen = {}

    def fill(dialog):
        assert isinstance(dialog, wd.ChDialog)
        assert dialog.findChild(QLabel, "officers").text() == "35 of 42 (10 active directors)"
        seen["shortfall"] = dialog.shortfall.text()
        assert dialog.add_pages_btn.isVisible()
        answer_open(monkeypatch, pages[1])
        qtbot.mouseClick(dialog.add_pages_btn, Qt.MouseButton.LeftButton)
        assert dialog.findChild(QLabel, "officers").text() == "42 (10 active directors)"
        assert not dialog.shortfall.isVisible()
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    wd.import_companies_house(window)
    driver.result()
    assert seen["shortfall"].startswith("35 of 42 officers: import the other pages.")
    stored = snapshot_of(demo_file).companies_house
    assert stored.complete and len(stored.officers) == 42
    assert "(42 officers)" in window.statusBar().currentMessage()


def _sheet_lines(dialog, sheet):
    row = next(i for i, r in enumerate(dialog.counts_model.rows) if r.sheet == sheet)
    dialog.counts_view.selectRow(row)
    return [dialog.change_list.item(i).text() for i in range(dialog.change_list.count())]


def test_preview_opens_a_sheet_to_show_which_record_and_field_change(qtbot, window, demo_file, demo_book,
                                                                     tmp_path, monkeypatch):
    """'People: 1 changed' can be opened: which person, which field, old -> new (issue 15)."""
    edited = _edit_book(demo_book, tmp_path)
    snap = window.session.snapshot
    first = min(snap.people, key=lambda p: p.id)
    answer_open(monkeypatch, edited)
    seen = {}

    def look(dialog):
        # It opens on the first sheet with changes.
        seen["opened"] = dialog.changes_title.text()
        seen["people"] = _sheet_lines(dialog, "People")
        seen["people_title"] = dialog.changes_title.text()
        seen["roles"] = _sheet_lines(dialog, "Roles")
        seen["roles_title"] = dialog.changes_title.text()
        dialog.reject()

    driver = DialogDriver(look)
    wd.import_workbook(window)
    driver.result()
    assert seen["opened"].startswith("What changes in ")
    assert seen["people_title"] == "What changes in People (2):"
    assert f"Changed {first.forename} {first.surname} ({first.id}): Surname {first.surname} → Renamed" \
        in seen["people"]
    assert "Added Nadia Newcomer (P900)" in seen["people"]
    assert seen["roles"] == [] and seen["roles_title"] == "Nothing changes in Roles."


def test_replace_everything_with_a_fresh_export_reports_no_setting_changed(qtbot, window, demo_file, demo_book,
                                                                           monkeypatch):
    """It said 7 trust settings changed on a workbook exported moments earlier (issue 15)."""
    answer_open(monkeypatch, demo_book)
    seen = {}

    def look(dialog):
        dialog.replace_radio.setChecked(True)
        seen["trust"] = {r.sheet: r.changed for r in dialog.counts_model.rows}.get("Trust")
        seen["detail"] = dialog.detail.text()
        seen["lines"] = _sheet_lines(dialog, "Trust")
        dialog.reject()

    driver = DialogDriver(look)
    wd.import_workbook(window)
    driver.result()
    assert seen["trust"] == 0 and seen["lines"] == []
    assert "0 rows added, 0 changed, 0 removed, and 0 trust settings changed" in seen["detail"]


def test_gias_import_explains_the_end_of_undo_and_keeps_a_backup(qtbot, window, demo_file, tmp_path,
                                                                  monkeypatch):
    """After a GIAS import Undo was greyed out and the earlier steps gone, unannounced (issue 15):
    the confirmation and the status bar say so, a backup is kept, and Undo says why it is empty."""
    session = window.session
    person = min(session.snapshot.people, key=lambda p: p.id)
    session.apply([Update(person, replace(person, email="before-import@example.org"))], "Edit email")
    assert window.ui.actionUndo.isEnabled()
    csv = _write_gias(tmp_path / f"governancematdata{clock.today():%Y%m%d}.csv", [
        f"9001,,,,Trustee,,{person.forename},,{person.surname},01/09/2024,,Appointed by academy members",
    ])
    answer_open(monkeypatch, csv)
    seen = {}

    def fill(dialog):
        note = dialog.findChild(QLabel, "undoNote")
        seen["note"] = note.text() if note is not None and note.isVisibleTo(dialog) else ""
        qtbot.mouseClick(dialog.ok_btn, Qt.MouseButton.LeftButton)

    driver = DialogDriver(fill)
    assert wd.import_gias(window)
    driver.result()
    assert "cannot undo this import" in seen["note"] and "backup copy" in seen["note"]
    [backup] = list(tmp_path.glob(f"{demo_file.stem}.before-gias-*.govboard"))
    assert snapshot_of(backup).person_by_id[person.id].email == "before-import@example.org"
    assert snapshot_of(backup).gias is None  # the file as it was before the import
    status = window.statusBar().currentMessage()
    assert f"Undo steps before the import end here; the file as it was is saved as {backup.name}." in status
    undo = window.ui.actionUndo
    assert not undo.isEnabled()
    assert undo.text() == "&Undo (nothing since the GIAS import)" and backup.name in undo.toolTip()
    # The next edit is undoable as usual.
    person = window.session.snapshot.person_by_id[person.id]
    window.session.apply([Update(person, replace(person, email="after@example.org"))], "Edit email again")
    assert undo.isEnabled() and undo.text() == "&Undo Edit email again"
