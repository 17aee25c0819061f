"""File > Export board pack… and File > Publish register…, driven through the dialogs.

Each test writes a real PDF or HTML file from the demo trust and reads it back (pypdf, the
standard HTML parser). Opening the result is replaced by a recorder so no viewer starts.
"""

from __future__ import annotations

import io
import threading
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from reportlab.pdfgen.canvas import Canvas

from govboard.domain import model as m
from govboard.domain.enums import TRUSTEE_ROLES
from govboard.reports.board_pack import SECTIONS
from govboard.store import Insert, Update
from govboard.ui import pack_dialog
from govboard.ui.dialogs import combo_value
from govboard.ui.pack_dialog import ExportPackDialog, RegisterDialog

from .conftest import DialogDriver, finish_tasks

BUILD_TIMEOUT_MS = 60_000


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    seen: list[Path] = []
    monkeypatch.setattr(pack_dialog, "open_document", lambda path: seen.append(Path(path)) or True)
    return seen


def open_pack_dialog(window) -> ExportPackDialog:
    window.ui.actionExportPack.trigger()
    shown = [d for d in window.findChildren(ExportPackDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def outline(reader: PdfReader, entries=None, level: int = 0) -> list[tuple[int, str]]:
    out = []
    for entry in reader.outline if entries is None else entries:
        if isinstance(entry, list):
            out += outline(reader, entry, level + 1)
        else:
            out.append((level, entry.title))
    return out


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def export(qtbot, dialog: ExportPackDialog, out: Path, opened: list[Path]) -> PdfReader:
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == ""
    qtbot.waitUntil(lambda: out in opened, timeout=BUILD_TIMEOUT_MS)
    return PdfReader(out)


def test_dialog_defaults(window):
    dialog = open_pack_dialog(window)
    trust = window.session.snapshot.settings.name
    assert dialog.as_of_edit.text() == f"{window.session.as_of:%d/%m/%Y}"
    assert Path(dialog.path_edit.text()) == (
        window.session.file.path.parent / f"{trust} board pack {window.session.as_of:%Y-%m-%d}.pdf")
    assert [c.text() for c in dialog.section_boxes.values()] == list(SECTIONS.values())
    # Without a meeting there is no agenda; every other section is ticked.
    assert not dialog.section_boxes["agenda"].isEnabled()
    assert dialog.chosen_sections() == tuple(k for k in SECTIONS if k != "agenda")
    # The meetings list says body and date: the next meeting first (the one a pack is made for),
    # then the coming ones in date order, then the earlier ones, latest first.
    meetings = window.session.snapshot.meetings
    listed = [window.session.snapshot.meeting_by_id[combo_value(dialog.meeting_combo, i)].date
              for i in range(1, dialog.meeting_combo.count())]
    first = window.session.snapshot.meeting_by_id[combo_value(dialog.meeting_combo, 1)]
    assert dialog.meeting_combo.itemText(1).startswith(f"{first.body}, {first.date:%d/%m/%Y}")
    today = window.session.as_of
    coming_dates = [mt.date for mt in meetings if mt.date >= today]
    # The next meeting; on a day with none to come (31 August in the sample), the latest held.
    assert first.date == (min(coming_dates) if coming_dates else max(mt.date for mt in meetings))
    coming = [d for d in listed if d >= today]
    assert listed == coming + [d for d in listed if d < today]
    assert coming == sorted(coming) and listed[len(coming):] == sorted(listed[len(coming):], reverse=True)
    assert len(listed) == len(meetings)
    dialog.reject()


def test_export_chosen_sections(qtbot, window, tmp_path, opened):
    dialog = open_pack_dialog(window)
    for key in ("lgbs", "rpt", "appendix"):
        dialog.section_boxes[key].setChecked(False)
    out = tmp_path / "chosen.pdf"
    reader = export(qtbot, dialog, out, opened)

    chosen = [k for k in SECTIONS if k not in ("agenda", "lgbs", "rpt", "appendix")]
    assert [title for level, title in outline(reader) if level == 0] == ["Contents"] + [SECTIONS[k] for k in chosen]
    message = window.statusBar().currentMessage()
    assert str(out) in message and f"({len(reader.pages)} pages)" in message
    assert list(tmp_path.glob("*.part")) == []
    # The folder is remembered for next time.
    assert window.settings.value(pack_dialog.PACK_DIR_KEY) == str(tmp_path)
    again = open_pack_dialog(window)
    assert Path(again.path_edit.text()).parent == tmp_path
    again.reject()


def test_public_pack_leaves_out_pay_and_findings(qtbot, window, tmp_path, opened):
    dialog = open_pack_dialog(window)
    dialog.public_radio.setChecked(True)
    for key in ("summary", "pay", "appendix"):
        assert not dialog.section_boxes[key].isEnabled()
        assert not dialog.section_boxes[key].isChecked()
    assert "public pack" in Path(dialog.path_edit.text()).name
    reader = export(qtbot, dialog, tmp_path / "public.pdf", opened)

    titles = [title for level, title in outline(reader) if level == 0]
    assert SECTIONS["pay"] not in titles and SECTIONS["summary"] not in titles
    assert SECTIONS["interests"] in titles
    text = text_of(reader)
    assert "Public version" in text
    findings = window.session.findings
    assert findings, "the demo trust has seeded findings"
    assert not any(f.rule in text for f in findings)
    assert not any(p.email and p.email in text for p in window.session.snapshot.people)
    # Going back to the board version restores what was ticked.
    dialog_again = open_pack_dialog(window)
    dialog_again.public_radio.setChecked(True)
    dialog_again.board_radio.setChecked(True)
    assert dialog_again.section_boxes["pay"].isChecked()
    dialog_again.reject()


def test_personal_details_are_off_by_default_and_never_public(qtbot, window, tmp_path, opened):
    people = window.session.snapshot.people
    dialog = open_pack_dialog(window)
    assert not dialog.personal_check.isChecked() and dialog.personal_check.isEnabled()
    for key in SECTIONS:
        if key not in ("members", "board"):
            dialog.section_boxes[key].setChecked(False)
    text = text_of(export(qtbot, dialog, tmp_path / "plain.pdf", opened))
    assert not any(p.email and p.email in text for p in people)

    dialog = open_pack_dialog(window)
    dialog.personal_check.setChecked(True)
    dialog.public_radio.setChecked(True)  # the public version never has them
    assert not dialog.personal_check.isEnabled() and not dialog.personal_check.isChecked()
    dialog.board_radio.setChecked(True)
    qtbot.mouseClick(dialog.personal_check, Qt.MouseButton.LeftButton)
    assert dialog.personal_check.isChecked()
    text = text_of(export(qtbot, dialog, tmp_path / "personal.pdf", opened))
    text = text.replace(" @", "@")  # a long address is printed on two lines, before its @
    assert any(p.email and p.email in text for p in people)
    assert "Date of birth" in text


def test_cancel_leaves_no_file(qtbot, window, tmp_path, opened, monkeypatch):
    laying_out, may_go_on = threading.Event(), threading.Event()
    real_job = pack_dialog.build_pack_job

    def paused_job(job, progress):
        def held_progress(done, total):
            if done > 0 and not laying_out.is_set():
                laying_out.set()
                may_go_on.wait(BUILD_TIMEOUT_MS / 1000)
            return progress(done, total)
        return real_job(job, held_progress)

    monkeypatch.setattr(pack_dialog, "build_pack_job", paused_job)
    dialog = open_pack_dialog(window)
    out = tmp_path / "cancelled.pdf"
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(laying_out.is_set, timeout=BUILD_TIMEOUT_MS)
    assert not dialog.form_area.isEnabled() and not dialog.export_button.isEnabled()
    assert dialog.progress_bar.isVisible()

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # it waits for the worker to stop
    may_go_on.set()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=BUILD_TIMEOUT_MS)
    assert not out.exists()
    assert list(tmp_path.glob("*cancelled*")) == []
    assert opened == []


def test_cancel_after_the_last_progress_step_still_leaves_no_file(qtbot, window, tmp_path, opened, monkeypatch):
    finished, may_return = threading.Event(), threading.Event()
    real_job = pack_dialog.build_pack_job

    def slow_end(job, progress):  # the pack is written, then (say) papers are still merging
        result = real_job(job, progress)
        finished.set()
        may_return.wait(BUILD_TIMEOUT_MS / 1000)
        return result

    monkeypatch.setattr(pack_dialog, "build_pack_job", slow_end)
    dialog = open_pack_dialog(window)
    out = tmp_path / "late.pdf"
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(finished.is_set, timeout=BUILD_TIMEOUT_MS)
    assert out.exists()  # written, not yet reported
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    may_return.set()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage(), timeout=BUILD_TIMEOUT_MS)
    assert not out.exists() and opened == []


def _paper_pdf(title: str, pages: int) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for n in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 20)
        canvas.drawString(72, 760, f"{title}, page {n}")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(72, 730, "Income and expenditure against budget for the first term.")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def attach_paper(session, meeting_id: str, item_no: str, name: str, pages: int) -> m.AgendaItem:
    from govboard.store import TrustFile

    item = next(i for i in session.snapshot.agenda_by_meeting[meeting_id] if i.item == item_no)
    paper = TrustFile.paper_record(name, _paper_pdf(name.removesuffix(".pdf"), pages))
    session.apply([Insert(paper), Update(item, replace(item, paper_name=name, paper_sha256=paper.sha256))],
                  f"Attach {name}")
    return item


def test_meeting_pack_has_agenda_bookmarks_and_merged_paper(qtbot, window, tmp_path, opened):
    snapshot = window.session.snapshot
    # The latest meeting with an agenda and no paper yet (the sample's next board meeting has three).
    meeting = max((mt for mt in snapshot.meetings if snapshot.agenda_by_meeting.get(mt.id)
                   and not any(i.paper_sha256 for i in snapshot.agenda_by_meeting[mt.id])),
                  key=lambda mt: mt.date)
    items = snapshot.agenda_by_meeting[meeting.id]
    item = attach_paper(window.session, meeting.id, items[1].item, "Finance report.pdf", 2)

    dialog = open_pack_dialog(window)
    index = next(i for i in range(dialog.meeting_combo.count())
                 if combo_value(dialog.meeting_combo, i) == meeting.id)
    assert "1 paper" in dialog.meeting_combo.itemText(index)
    dialog.meeting_combo.setCurrentIndex(index)
    assert dialog.section_boxes["agenda"].isEnabled() and dialog.section_boxes["agenda"].isChecked()
    assert f"{meeting.date:%Y-%m-%d}" in Path(dialog.path_edit.text()).name
    reader = export(qtbot, dialog, tmp_path / "meeting.pdf", opened)

    entries = outline(reader)
    assert entries[1] == (0, SECTIONS["agenda"])
    children = [title for level, title in entries if level == 1]
    assert children[:len(items)] == [f"{i.item}. {i.title}" for i in items]
    assert (2, f"Paper: {item.title}") in entries  # a paper goes by its title, never its file's name
    text = text_of(reader)
    assert "Finance report, page 1" in text and "Finance report, page 2" in text
    assert f"Item {item.item}: {item.title}" in text  # the band above the merged paper


def test_bad_date_is_named_and_nothing_written(qtbot, window, tmp_path, opened):
    dialog = open_pack_dialog(window)
    out = tmp_path / "never.pdf"
    dialog.path_edit.setText(str(out))
    dialog.as_of_edit.setText("31/02/2026")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("As at:")
    assert "no such day" in dialog.error_label.text()
    for check in dialog.section_boxes.values():
        check.setChecked(False)
    dialog.as_of_edit.setText("01/09/2026")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "Sections: choose at least one section"
    dialog.section_boxes["members"].setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "x.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text().startswith("Save as: the folder")
    assert not dialog.is_building() and dialog.isVisible()
    assert list(tmp_path.glob("*.pdf")) == []
    dialog.reject()


def test_build_failure_is_shown(qtbot, window, tmp_path, opened, messages, monkeypatch):
    def refuse(job, progress):
        raise PermissionError(13, "Permission denied", str(job.out_path))

    monkeypatch.setattr(pack_dialog, "build_pack_job", refuse)
    dialog = open_pack_dialog(window)
    out = tmp_path / "locked.pdf"
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(messages), timeout=BUILD_TIMEOUT_MS)
    kind, title, text = messages[0]
    assert kind == "warning" and title == "Board pack not saved"
    assert str(out) in text and "close it" in text
    assert dialog.isVisible() and dialog.export_button.isEnabled()  # the user can try another name
    dialog.reject()


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.parts.append(data)


def publish(qtbot, window, monkeypatch, save_as: Path, chosen_filter: str, as_of: str | None = None):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(save_as), chosen_filter)))

    def fill(dialog):
        assert isinstance(dialog, RegisterDialog)
        if as_of is not None:
            dialog.as_of_edit.setText(as_of)
        dialog.accept()

    driver = DialogDriver(fill)
    result = pack_dialog.publish_register(window)
    driver.result()
    finish_tasks(qtbot, window)
    return result


def test_publish_register_html(qtbot, window, tmp_path, opened, monkeypatch):
    out = publish(qtbot, window, monkeypatch, tmp_path / "register", pack_dialog.HTML_FILTER)
    assert out == tmp_path / "register.html" and opened == [out]
    parser = _Text()
    parser.feed(out.read_text(encoding="utf-8"))
    text = " ".join(" ".join(parser.parts).split())
    assert "table" in parser.tags and "script" not in parser.tags
    snapshot = window.session.snapshot
    trustees = [p for p in snapshot.people
                if any(a.role in TRUSTEE_ROLES and a.end is None for a in snapshot.appointments
                       if a.person_id == p.id)]
    assert trustees
    for person in trustees:
        assert person.full_name in text
    assert not any(p.email and p.email in text for p in snapshot.people)
    assert str(out) in window.statusBar().currentMessage()


def test_publish_register_pdf_by_filter(qtbot, window, tmp_path, opened, monkeypatch):
    out = publish(qtbot, window, monkeypatch, tmp_path / "register", pack_dialog.PDF_FILTER, as_of="01/09/2026")
    assert out == tmp_path / "register.pdf"
    reader = PdfReader(out)
    assert len(reader.pages) >= 1
    assert "1 September 2026" in text_of(reader)
