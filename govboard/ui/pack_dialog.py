"""Export the board pack and publish the register of interests.

The pack is built as a background `tasks.Task` so the window never freezes. Everything the work
needs is read here on the GUI thread and handed over frozen (`PackJob`): the session's snapshot,
which is immutable, and the chosen meeting's papers, read from the trust file now because an
SQLite connection belongs to the thread that opened it. The work never touches Qt; the dialog
shows its progress in place, and Cancel makes its progress callback answer False, so the report
code stops with PackCancelled and removes its half-written temporary file. The register is
written the same way, with the task's own progress box.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.meetings import next_meeting
from ..domain.snapshot import TrustSnapshot
from ..domain.validate import parse_date
from ..reports.board_pack import BOARD_ONLY, SECTIONS, PackCancelled, PackResult
from .dialogs import FieldError, add_choice, combo_value, confirm
from .models import fmt_date
from .tasks import Task
from .widgets import save_path_row

log = logging.getLogger(__name__)

PACK_DIR_KEY = "pack/last_dir"
PACK_OPEN_KEY = "pack/open_when_done"
REGISTER_DIR_KEY = "register/last_dir"
PUBLIC_LEAVES_OUT = ("The public version leaves out findings, pay, the rules appendix, DfE approvals, "
                     "relatives outside the trust, personal details and confidential items.")
HTML_FILTER = "Web page (*.html)"
PDF_FILTER = "PDF document (*.pdf)"
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|]+')


def open_document(path: Path) -> bool:
    """Open a finished file in the user's viewer. Tests replace this so no viewer starts."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# --- the work, Qt-free ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PackJob:
    snapshot: TrustSnapshot
    papers: Mapping[str, bytes]  # sha256 -> PDF bytes, for the chosen meeting's agenda
    out_path: Path
    as_of: date
    audience: str  # "board" or "public"
    meeting_id: str | None
    sections: tuple[str, ...]
    personal_details: bool = False  # dates of birth and email addresses (board only)


def build_pack_job(job: PackJob, progress: Callable[[int, int], bool | None]) -> PackResult:
    """Run the checks as at the chosen day and write the pack (on the worker thread)."""
    from ..reports.board_pack import build_board_pack
    from ..rules import catalogue, due_soon, run_checks

    result = run_checks(job.snapshot, job.as_of)
    findings = result.findings
    return build_board_pack(
        job.snapshot, findings, catalogue(result.handbook_edition), job.out_path, as_of=job.as_of, audience=job.audience,
        meeting_id=job.meeting_id, sections=job.sections, paper_content=job.papers.get,
        progress=progress, due_items=due_soon(job.snapshot, job.as_of),
        personal_details=job.personal_details,
    )


def describe_failure(exc: BaseException, path: Path) -> str:
    """A sentence for the user naming what went wrong and what to do."""
    if isinstance(exc, PermissionError):
        return (f"The board pack could not be saved as {path}: permission denied. If the file is "
                "open in a PDF viewer, close it and try again, or choose another name.")
    if isinstance(exc, OSError):
        return f"The board pack could not be saved as {path}: {exc.strerror or exc}."
    if isinstance(exc, ValueError):
        return f"The board pack could not be built: {exc}."
    return (f"The board pack could not be built ({type(exc).__name__}: {exc}). "
            "The details are in the log file (Help > Open log folder).")


def run_pack_job(job: PackJob, report: Callable[[int, int], bool], cancelling: Callable[[], bool]) -> PackResult:
    """The work of a pack task (on the worker thread): build it, and take it away again when
    Cancel came after the last progress step (while papers were merged): the user asked for no
    pack, so the finished one is removed rather than opened."""
    result = build_pack_job(job, report)
    if cancelling():
        result.path.unlink(missing_ok=True)
        raise PackCancelled()
    return result


# --- the dialog ---------------------------------------------------------------------------------


def _meeting_name(body: str) -> str:
    return body if body.lower().endswith("meeting") else f"{body} meeting"


def _safe_name(text: str) -> str:
    return _UNSAFE_IN_NAME.sub("-", text).strip(" .")


class ExportPackDialog(QDialog):
    def __init__(self, window, meeting_id: str | None = None):
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.snapshot: TrustSnapshot = self.session.snapshot
        self.trust_name = self.snapshot.settings.name or self.session.file.path.stem
        self.path_chosen = False  # once the user picks a path, stop suggesting names
        self.task: Task | None = None
        self.shown_percent = -1
        self.setWindowTitle("Export board pack")
        self.setMinimumWidth(620)
        self._build()
        if meeting_id is not None:  # opened from the meeting itself (Meetings page, Pack…)
            index = next((i for i in range(self.meeting_combo.count())
                          if combo_value(self.meeting_combo, i) == meeting_id), 0)
            self.meeting_combo.setCurrentIndex(index)
        self._update_sections()
        self._suggest_path()

    # --- layout ---

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        intro = QLabel(f"Make a PDF pack of <b>{_html(self.trust_name)}</b>'s registers, with a cover, "
                       "contents, bookmarks and page numbers.")
        intro.setWordWrap(True)
        outer.addWidget(intro)

        self.form_area = QWidget()
        form = QFormLayout(self.form_area)
        form.setContentsMargins(0, 6, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.meeting_combo = QComboBox()
        self.meeting_combo.setAccessibleName("Meeting")
        add_choice(self.meeting_combo, "None: registers only", None)
        # The meetings a pack is made for first: the coming ones, soonest first; then the
        # earlier ones, latest first.
        today = self.session.as_of
        coming = sorted((mt for mt in self.snapshot.meetings if mt.date >= today), key=lambda mt: (mt.date, mt.id))
        earlier = sorted((mt for mt in self.snapshot.meetings if mt.date < today), key=lambda mt: (mt.date, mt.id),
                         reverse=True)
        next_board = next_meeting(self.snapshot, today)
        for meeting in coming + earlier:
            items = self.snapshot.agenda_by_meeting.get(meeting.id, ())
            papers = sum(1 for item in items if item.paper_sha256)
            detail = (f"{len(items)} agenda item{'s' if len(items) != 1 else ''}"
                      + (f", {papers} paper{'s' if papers != 1 else ''}" if papers else "")
                      if items else "no agenda")
            mark = " · the board's next meeting" if meeting is next_board else ""
            add_choice(self.meeting_combo, f"{meeting.body}, {fmt_date(meeting.date)} ({detail}){mark}", meeting.id)
        self.meeting_combo.setMaxVisibleItems(15)
        self.meeting_combo.currentIndexChanged.connect(self._meeting_changed)
        meeting_box = _with_hint(self.meeting_combo,
                                 "With a meeting, the pack starts with its agenda, apologies, declarations, "
                                 "the last minutes, open actions and the papers merged in.")
        form.addRow("&Meeting:", meeting_box)

        self.as_of_edit = QLineEdit(fmt_date(self.session.as_of))
        self.as_of_edit.setPlaceholderText("dd/mm/yyyy")
        self.as_of_edit.setMaximumWidth(120)
        self.as_of_edit.setAccessibleName("As at")
        self.as_of_edit.textChanged.connect(self._suggest_path)
        form.addRow("&As at:", _with_hint(self.as_of_edit, "The registers and checks as they stand on this day.",
                                          inline=True))

        self.board_radio = QRadioButton("&Board (confidential)")
        self.public_radio = QRadioButton("P&ublic")
        self.board_radio.setChecked(True)
        self.audience_group = QButtonGroup(self)
        self.audience_group.addButton(self.board_radio)
        self.audience_group.addButton(self.public_radio)
        self.public_radio.toggled.connect(self._audience_changed)
        audience_row = QHBoxLayout()
        audience_row.setContentsMargins(0, 0, 0, 0)
        audience_row.addWidget(self.board_radio)
        audience_row.addWidget(self.public_radio)
        audience_row.addStretch(1)
        audience_box = QWidget()
        box = QVBoxLayout(audience_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(audience_row)
        box.addWidget(_hint(PUBLIC_LEAVES_OUT))
        form.addRow("Audience:", audience_box)

        self.section_group = QGroupBox("Sections")
        grid = QGridLayout(self.section_group)
        self.section_boxes: dict[str, QCheckBox] = {}
        keys = list(SECTIONS)
        rows = (len(keys) + 1) // 2
        for n, key in enumerate(keys):
            check = QCheckBox(SECTIONS[key])
            check.setChecked(True)
            check.toggled.connect(lambda on, k=key: self._section_toggled(k, on))
            self.section_boxes[key] = check
            grid.addWidget(check, n % rows, n // rows)
        self.wanted = {key: True for key in keys}  # what the user asked for, before audience rules
        outer.addWidget(self.form_area)
        outer.addWidget(self.section_group)

        save_area = QWidget()
        save_form = QFormLayout(save_area)
        save_form.setContentsMargins(0, 0, 0, 0)
        path_box, self.path_edit = save_path_row(self.choose_path)
        self.path_edit.textEdited.connect(self._path_edited)
        save_form.addRow("&Save as:", path_box)
        # Off unless someone needs them: a board pack is printed and forwarded.
        self.personal_check = QCheckBox("Include &dates of birth and email addresses (board version only)")
        self.personal_check.setChecked(False)
        save_form.addRow("", self.personal_check)
        self.open_check = QCheckBox("&Open the pack when it is ready")
        self.open_check.setChecked(_as_bool(self.window_.settings.value(PACK_OPEN_KEY, True)))
        save_form.addRow("", self.open_check)
        self.save_area = save_area
        outer.addWidget(save_area)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b42318;")
        outer.addWidget(self.error_label)

        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        for widget in (self.progress_label, self.progress_bar):
            # Keep their room while hidden, so showing them never squeezes the form.
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
            widget.hide()
        outer.addWidget(self.progress_label)
        outer.addWidget(self.progress_bar)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    # --- reacting to choices ---

    def _meeting_changed(self) -> None:
        has_meeting = combo_value(self.meeting_combo) is not None
        if has_meeting:
            self.wanted["agenda"] = True
        self._update_sections()
        self._suggest_path()

    def _audience_changed(self) -> None:
        public = self.public_radio.isChecked()
        self.personal_check.setEnabled(not public)
        if public:
            self.personal_check.setChecked(False)
        self.personal_check.setToolTip("Never in the public version." if public else "")
        self._update_sections()
        self._suggest_path()

    def _section_toggled(self, key: str, on: bool) -> None:
        if self.section_boxes[key].isEnabled():
            self.wanted[key] = on

    def _update_sections(self) -> None:
        """Sections the pack cannot contain are shown greyed and unticked, with the reason."""
        public = self.public_radio.isChecked()
        has_meeting = combo_value(self.meeting_combo) is not None
        for key, check in self.section_boxes.items():
            reason = ""
            if key == "agenda" and not has_meeting:
                reason = "Choose a meeting to include its agenda and papers."
            elif public and key in BOARD_ONLY:
                reason = "Board version only."
            check.blockSignals(True)
            check.setEnabled(not reason)
            check.setChecked(self.wanted[key] and not reason)
            check.setToolTip(reason)
            check.blockSignals(False)

    def chosen_sections(self) -> tuple[str, ...]:
        return tuple(k for k, check in self.section_boxes.items() if check.isEnabled() and check.isChecked())

    def suggested_name(self) -> str:
        try:
            as_of = parse_date(self.as_of_edit.text()) or self.session.as_of
        except ValueError:
            as_of = self.session.as_of
        kind = "public pack" if self.public_radio.isChecked() else "board pack"
        meeting = self.snapshot.meeting_by_id.get(combo_value(self.meeting_combo) or "")
        if meeting is not None:
            name = f"{self.trust_name} {_meeting_name(meeting.body)} {meeting.date:%Y-%m-%d} {kind}"
        else:
            name = f"{self.trust_name} {kind} {as_of:%Y-%m-%d}"
        return f"{_safe_name(name)}.pdf"

    def _folder(self) -> Path:
        remembered = self.window_.settings.value(PACK_DIR_KEY, "")
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        return self.session.file.path.parent

    def _suggest_path(self) -> None:
        if self.path_chosen:
            return
        self.path_edit.setText(str(self._folder() / self.suggested_name()))

    def _path_edited(self) -> None:
        self.path_chosen = True

    def choose_path(self) -> None:
        current = self.path_edit.text().strip() or str(self._folder() / self.suggested_name())
        path, _ = QFileDialog.getSaveFileName(self, "Save the board pack as", current, f"{PDF_FILTER};;All files (*)")
        if path:
            self.path_chosen = True
            self.path_edit.setText(str(_with_suffix(Path(path), ".pdf")))
            self.confirmed_path = Path(self.path_edit.text())

    # --- building ---

    def read_job(self) -> PackJob:
        """The job from the form, or FieldError naming the field that is wrong."""
        try:
            as_of = parse_date(self.as_of_edit.text())
        except ValueError as exc:
            raise FieldError("As at", str(exc)) from None
        if as_of is None:
            raise FieldError("As at", "is required (dd/mm/yyyy)", missing="Enter the date to report as at")
        sections = self.chosen_sections()
        if not sections:
            raise FieldError("Sections", "choose at least one section")
        text = self.path_edit.text().strip()
        if not text:
            raise FieldError("Save as", "choose where to save the pack")
        out = _with_suffix(Path(text).expanduser(), ".pdf")
        if not out.is_absolute():
            out = self._folder() / out
        if not out.parent.is_dir():
            raise FieldError("Save as", f"the folder {out.parent} does not exist")
        if out.is_dir():
            raise FieldError("Save as", f"{out} is a folder; give the pack a file name")
        meeting_id = combo_value(self.meeting_combo)
        return PackJob(snapshot=self.snapshot, papers=MappingProxyType(self._papers(meeting_id)),
                       out_path=out, as_of=as_of,
                       audience="public" if self.public_radio.isChecked() else "board",
                       meeting_id=meeting_id, sections=sections,
                       personal_details=self.personal_check.isChecked()
                       and not self.public_radio.isChecked())

    def _papers(self, meeting_id: str | None) -> dict[str, bytes]:
        """The meeting's papers, read here on the GUI thread (the worker must not use the file)."""
        papers: dict[str, bytes] = {}
        if meeting_id is None:
            return papers
        for item in self.snapshot.agenda_by_meeting.get(meeting_id, ()):
            if item.paper_sha256 and item.paper_sha256 not in papers:
                try:
                    papers[item.paper_sha256] = self.session.file.paper_content(item.paper_sha256)
                except Exception:  # a missing paper gets a note in the pack, not a failure
                    log.warning("Paper %s for %s item %s is not in the file", item.paper_sha256,
                                meeting_id, item.item)
        return papers

    def start(self) -> None:
        if self.is_building():
            return
        self.error_label.clear()
        try:
            job = self.read_job()
        except FieldError as exc:
            self.error_label.setText(str(exc))
            return
        confirmed = getattr(self, "confirmed_path", None)
        if job.out_path.exists() and confirmed != job.out_path and not confirm(
                self, "Replace the file?",
                f"{job.out_path.name} already exists in {job.out_path.parent}. Replace it?"):
            return
        self._set_building(True)
        self.progress_label.setText("Running the checks…")
        self.progress_bar.setRange(0, 0)  # busy until the first page is laid out
        self.shown_percent = -1
        task = Task(self, "Export board pack", "Laying out the pack…",
                    lambda report: run_pack_job(job, report, lambda: task.cancelling),
                    on_done=self._succeeded, on_error=lambda exc: self._failed_with(exc, job.out_path),
                    on_cancelled=self._cancelled, cancellable=True, dialog=False)
        task.progressed.connect(self._show_progress)
        task.done.connect(self._build_ended)
        self.task = task
        task.watch_progress()
        self.window_.tasks.start(task)

    def is_building(self) -> bool:
        return self.task is not None

    def _set_building(self, building: bool) -> None:
        self.form_area.setEnabled(not building)
        self.section_group.setEnabled(not building)
        self.save_area.setEnabled(not building)
        self.export_button.setEnabled(not building)
        self.progress_label.setVisible(building)
        self.progress_bar.setVisible(building)
        self.cancel_button.setEnabled(True)
        if building:
            self.progress_bar.setRange(0, 0)
            self.progress_bar.setValue(0)

    def _show_progress(self, done: int, total: int) -> None:
        task = self.task
        percent = done * 100 // total if total else -1
        # Touch the widgets only when the percentage moves: no repaint for nothing.
        if task is None or task.cancelling or percent < 0 or percent == self.shown_percent:
            return
        if self.shown_percent < 0:
            self.progress_bar.setRange(0, 100)
        self.shown_percent = percent
        self.progress_bar.setValue(percent)
        self.progress_label.setText("Laying out the pack…")

    def _build_ended(self) -> None:
        self.task = None
        if self.isVisible():
            self._set_building(False)

    def _succeeded(self, result: PackResult) -> None:
        self.task = None
        settings = self.window_.settings
        settings.setValue(PACK_DIR_KEY, str(result.path.parent))
        settings.setValue(PACK_OPEN_KEY, self.open_check.isChecked())
        self.result_path = result.path
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        self.window_.statusBar().showMessage(f"Saved the board pack to {result.path} ({pages}).", 30000)
        if self.open_check.isChecked():
            open_document(result.path)
        self.accept()

    def _failed_with(self, exc: BaseException, path: Path) -> None:
        log.error("Board pack failed: %s", path, exc_info=exc)
        self.task = None
        self._set_building(False)
        message = describe_failure(exc, path)
        QMessageBox.warning(self, "Board pack not saved", message)
        self.error_label.setText(message)

    def _cancelled(self) -> None:
        self.task = None
        self.window_.statusBar().showMessage("Board pack cancelled; nothing was saved.", 15000)
        super().reject()

    def reject(self) -> None:
        """Cancel while building stops the build; the dialog closes once the worker has stopped."""
        if self.is_building():
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Stopping…")
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.is_building():
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)


def export_pack(window, meeting_id: str | None = None) -> ExportPackDialog | None:
    """File > Export board pack…: open the dialog (window-modal; the build runs in the background);
    with `meeting_id`, that meeting is chosen."""
    if window.session is None:
        return None
    dialog = ExportPackDialog(window, meeting_id)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


# --- publish register ---------------------------------------------------------------------------


class RegisterDialog(QDialog):
    """Asks for the as-at date; the format comes from the Save-as filter."""

    def __init__(self, window):
        super().__init__(window)
        self.session = window.session
        self.setWindowTitle("Publish register of interests")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel("The register for the trust's website: the governance structure, members, "
                       "trustees and local governors who served in the 12 months before the date "
                       "below, their interests and relationships, and attendance. Nothing private: "
                       "no dates of birth, email addresses or pay.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.as_of_edit = QLineEdit(fmt_date(self.session.as_of))
        self.as_of_edit.setPlaceholderText("dd/mm/yyyy")
        self.as_of_edit.setMaximumWidth(120)
        self.as_of_edit.setAccessibleName("As at")
        form.addRow("&As at:", self.as_of_edit)
        self.open_check = QCheckBox("&Open it when it is ready")
        self.open_check.setChecked(_as_bool(window.settings.value(PACK_OPEN_KEY, True)))
        form.addRow("", self.open_check)
        layout.addLayout(form)
        layout.addWidget(_hint("You choose a web page (.html) or a PDF in the next step."))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b42318;")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        ok = buttons.addButton("&Publish…", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.as_of: date | None = None

    def accept(self) -> None:
        try:
            value = parse_date(self.as_of_edit.text())
            if value is None:
                raise ValueError("is required (dd/mm/yyyy)")
        except ValueError as exc:
            self.error_label.setText(str(FieldError("As at", str(exc))))
            return
        self.as_of = value
        super().accept()


def publish_register(window) -> Path | None:
    """File > Publish register…: as-at date, then Save as .html or .pdf, written in the background
    and opened. Returns where it is being written (None when the user stopped short)."""
    from ..services.trust import write_register_file

    session = window.session
    if session is None or window.refuse_while_busy():
        return None
    dialog = RegisterDialog(window)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        as_of, open_when_done = dialog.as_of, dialog.open_check.isChecked()
    finally:
        dialog.deleteLater()
    trust = session.snapshot.settings.name or session.file.path.stem
    remembered = window.settings.value(REGISTER_DIR_KEY, "")
    folder = Path(remembered) if remembered and Path(remembered).is_dir() else session.file.path.parent
    start = folder / f"{_safe_name(f'{trust} register of interests {as_of:%Y-%m-%d}')}.html"
    path, chosen_filter = QFileDialog.getSaveFileName(
        window, "Publish the register as", str(start), f"{HTML_FILTER};;{PDF_FILTER}", HTML_FILTER)
    if not path:
        return None
    out = Path(path)
    if out.suffix.lower() not in (".html", ".htm", ".pdf"):
        out = out.with_name(out.name + (".pdf" if chosen_filter == PDF_FILTER else ".html"))
    snapshot = session.snapshot

    def written(_result) -> None:
        window.settings.setValue(REGISTER_DIR_KEY, str(out.parent))
        kind = "PDF" if out.suffix.lower() == ".pdf" else "web page"
        window.statusBar().showMessage(f"Published the register of interests ({kind}) to {out}.", 30000)
        if open_when_done:
            open_document(out)

    def failed(exc: BaseException) -> None:
        from ..services.trust import InputError

        if not isinstance(exc, (InputError, OSError, ValueError)):
            raise exc
        reason = ("permission denied; if the file is open in another program, close it and try again"
                  if isinstance(exc, PermissionError) else getattr(exc, "strerror", None) or str(exc))
        QMessageBox.warning(window, "Register not saved", f"The register could not be saved as {out}: {reason}.")

    window.tasks.run(window, "Publish register", f"Writing {out.name}…",
                     lambda _report: write_register_file(snapshot, out, as_of=as_of),
                     on_done=written, on_error=failed)
    return out


# --- small helpers ------------------------------------------------------------------------------


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _as_bool(value) -> bool:
    # QSettings' INI format hands booleans back as the strings "true"/"false".
    return value if isinstance(value, bool) else str(value).lower() not in ("false", "0", "")


def _html(text: str) -> str:
    from html import escape

    return escape(text)


HINT_WIDTH = 440  # about the narrowest a hint is laid out at in the 620-pixel dialog


def _hint(text: str) -> QLabel:
    hint = QLabel(text)
    hint.setWordWrap(True)
    hint.setProperty("role", "pageHint")
    # A dialog does not size itself by its wrapped labels' height for width, so a row added
    # below squeezed the hints above until their lines were clipped; keep room for every line.
    hint.ensurePolished()
    lines = hint.fontMetrics().boundingRect(0, 0, HINT_WIDTH, 10_000,
                                            int(Qt.TextFlag.TextWordWrap), text)
    hint.setMinimumHeight(lines.height() + 2)
    return hint


def _with_hint(field: QWidget, text: str, *, inline: bool = False) -> QWidget:
    box = QWidget()
    layout = (QHBoxLayout if inline else QVBoxLayout)(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8 if inline else 2)
    layout.addWidget(field)
    layout.addWidget(_hint(text), 1)
    return box
