"""Workbook import (with preview) and export, GIAS and Companies House imports, and the offer to
build an empty trust from a GIAS extract.

Reading a workbook (openpyxl) runs off the GUI thread; the trust file is only touched on the GUI
thread (its SQLite connection belongs to it), and only after the user has seen a preview and
confirmed. Anything that goes wrong before that leaves the trust file exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QToolBar,
    QVBoxLayout,
)

from .. import clock
from ..domain.model import Appointment
from ..domain.validate import parse_date
from ..services import trust as svc
from ..store import TrustFileError
from .dialogs import confirm
from .models import Column, RecordTableModel
from .widgets import TableBox, button, label

XLSX_FILTER = "Excel workbooks (*.xlsx);;All files (*)"
CSV_FILTER = "GIAS extracts (*.csv);;All files (*)"
JSON_FILTER = "Companies House officer lists (*.json);;All files (*)"
WORKBOOK_DIR_KEY = "files/workbook_dir"
EXTRACT_DIR_KEY = "files/extract_dir"
DECLINED_KEY = "gias_wizard/declined"
BANNER_NAME = "giasOfferBar"
ERROR_STYLE = "color: #a4262c; font-weight: 600;"
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|]+')


# --- small helpers --------------------------------------------------------------------------------


def _start_dir(window, key: str) -> Path:
    for candidate in (window.settings.value(key), window.settings.value("files/last_dir")):
        if candidate and Path(str(candidate)).is_dir():
            return Path(str(candidate))
    if window.session is not None:
        return window.session.file.path.parent
    return Path.home()


def _remember_dir(window, key: str, path: Path) -> None:
    window.settings.setValue(key, str(path.parent))


def _status(window, text: str) -> None:
    window.statusBar().showMessage(text, 20000)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _writable_session(window):
    session = window.session
    if session is None:
        return None
    if session.read_only:
        QMessageBox.information(window, "Read-only file",
                                f"{session.file.path.name} is open read-only; nothing can be imported into it.")
        return None
    return session


PROGRESS_DELAY_MS = 600  # quick work shows no progress dialog at all


def run_in_background(window, title: str, text: str, work: Callable[[], object], *,
                      show_after_ms: int | None = None, cancellable: bool = True):
    """Run `work()` on a worker thread while the window stays responsive; return its result.

    A progress dialog with a Cancel button appears if the work takes more than `show_after_ms`.
    Cancel returns None at once (the worker finishes on its own and its result is dropped).
    An exception in `work` is raised here, on the GUI thread.
    """
    show_after_ms = PROGRESS_DELAY_MS if show_after_ms is None else show_after_ms
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the GUI thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name=f"govboard: {title}", daemon=True)
    loop = QEventLoop()
    progress = QProgressDialog(text, "Cancel", 0, 0, window)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    if not cancellable:  # work that finishes what it starts (a file written whole or not at all)
        progress.setCancelButton(None)
    progress.hide()
    cancelled = []
    progress.canceled.connect(lambda: (cancelled.append(True), loop.quit()))
    waited = [0]

    def poll() -> None:
        if not worker.is_alive():
            loop.quit()
            return
        waited[0] += 40
        if waited[0] >= show_after_ms and not progress.isVisible() and not cancelled:
            progress.show()

    timer = QTimer()
    timer.setInterval(40)
    timer.timeout.connect(poll)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        worker.start()
        timer.start()
        if worker.is_alive():
            loop.exec()
    finally:
        timer.stop()
        progress.hide()
        progress.deleteLater()
        QGuiApplication.restoreOverrideCursor()
    if cancelled and worker.is_alive():
        return None
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def _write_failed(window, title: str, path: Path, exc: BaseException) -> None:
    if isinstance(exc, PermissionError):
        text = (f"{path.name} could not be written: it may be open in Excel, or the folder may be "
                "read-only. Close it (or choose another name) and try again.")
    elif isinstance(exc, OSError):
        text = f"{path.name} could not be written: {exc.strerror or exc}"
    else:
        text = str(exc)
    QMessageBox.warning(window, title, text)


def _save_path(window, caption: str, suggested_name: str) -> Path | None:
    start = _start_dir(window, WORKBOOK_DIR_KEY) / suggested_name
    chosen, _ = QFileDialog.getSaveFileName(window, caption, str(start), XLSX_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    _remember_dir(window, WORKBOOK_DIR_KEY, path)
    return path


# --- export ---------------------------------------------------------------------------------------


def export_workbook(window) -> None:
    session = window.session
    if session is None:
        return
    trust_name = session.snapshot.settings.name or session.file.path.stem
    suggested = f"{_UNSAFE_IN_NAME.sub(' ', trust_name).strip()} registers {clock.today():%Y-%m-%d}.xlsx"
    path = _save_path(window, "Export workbook", suggested)
    if path is None:
        return
    from ..io.workbook import write_workbook

    snapshot = session.snapshot
    try:
        # Papers are read here: the trust file's connection belongs to the GUI thread.
        papers = {item.paper_sha256: session.file.paper_content(item.paper_sha256)
                  for item in snapshot.agenda if item.paper_sha256}
        # No Cancel: the workbook is written whole or not at all, so a cancel could only
        # pretend to stop it.
        run_in_background(window, "Export workbook", f"Writing {path.name}…",
                          lambda: write_workbook(snapshot, path, paper_content=papers.__getitem__),
                          cancellable=False)
    except (OSError, TrustFileError) as exc:
        _write_failed(window, "Export failed", path, exc)
        return
    where = f"Exported the registers to {path}"
    if papers:
        where += f" (papers in '{path.stem} papers' beside it)"
    _status(window, where)


def export_template(window) -> None:
    path = _save_path(window, "Export blank template", "govboard template.xlsx")
    if path is None:
        return
    from ..io.workbook import write_template

    try:
        write_template(path)
    except OSError as exc:
        _write_failed(window, "Export failed", path, exc)
        return
    _status(window, f"Saved a blank template to {path}")


# --- workbook import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetChange:
    sheet: str
    read: int | None
    new: int
    changed: int
    unchanged: int


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


COUNT_COLUMNS = [
    Column("Sheet", lambda r: r.sheet),
    Column("New", lambda r: r.new, _count, align_right=True),
    Column("Changed", lambda r: r.changed, _count, align_right=True),
    Column("Unchanged", lambda r: r.unchanged, _count, align_right=True),
]

ERROR_COLUMNS = [
    Column("Sheet", lambda e: e.sheet),
    Column("Row", lambda e: e.row, _count, align_right=True),
    Column("Column", lambda e: e.column or ""),
    Column("Problem", lambda e: e.message, tooltip=lambda e: e.message),
]


def sheet_changes(outcome, plan) -> list[SheetChange]:
    from ..io.schema import SHEETS

    rows = []
    for spec in SHEETS:
        counts = plan.counts.get(spec.name) if plan else None
        read = outcome.sheet_rows.get(spec.name)
        if counts is None and not read:
            continue
        rows.append(SheetChange(spec.name, read, counts.new if counts else 0,
                                counts.changed if counts else 0, counts.unchanged if counts else 0))
    return rows


def _totals(plan) -> tuple[int, int, int]:
    new = sum(c.new for c in plan.counts.values())
    changed = sum(c.changed for c in plan.counts.values())
    unchanged = sum(c.unchanged for c in plan.counts.values())
    return new, changed, unchanged


class ImportPreviewDialog(QDialog):
    """What importing a workbook would do, before anything is written; or why it cannot."""

    def __init__(self, parent, session, workbook: Path, outcome):
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.session = session
        self.workbook = workbook
        self.outcome = outcome
        self.plans = {False: outcome.plan, True: None}
        self.setWindowTitle(f"Import workbook — {workbook.name}")
        self.resize(920, 640)
        layout = QVBoxLayout(self)

        self.summary = label("", "sectionTitle", wrap=True)
        self.summary.setObjectName("summary")
        layout.addWidget(self.summary)
        self.detail = label("", "note", wrap=True)
        layout.addWidget(self.detail)

        self.counts_box = QGroupBox("Rows by sheet")
        counts_layout = QVBoxLayout(self.counts_box)
        self.counts_model = RecordTableModel(COUNT_COLUMNS, self)
        self.counts_view = QTableView()
        self.counts_view.setObjectName("counts")
        self.counts_view.setModel(self.counts_model)
        self.counts_view.verticalHeader().setVisible(False)
        self.counts_view.setAlternatingRowColors(True)
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts_view.verticalHeader().setDefaultSectionSize(self.counts_view.fontMetrics().height() + 8)
        # Sheets the import changes stand out from the unchanged ones.
        self.counts_model.row_colour = lambda r: "#e3f1e3" if (r.new or r.changed) else None
        header = self.counts_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COUNT_COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        counts_layout.addWidget(self.counts_view)
        layout.addWidget(self.counts_box, 3)

        self.errors_box = QGroupBox()
        errors_layout = QVBoxLayout(self.errors_box)
        self.errors = TableBox(ERROR_COLUMNS, filter_hint="Type to filter the problems…")
        self.errors.setObjectName("errors")
        self.errors.view.setWordWrap(True)
        errors_layout.addWidget(self.errors)
        self.save_copy_btn = button("Save annotated copy…", "save", self.save_annotated_copy,
                                    "Save a copy of the workbook with an Errors column on each row "
                                    "that needs fixing, and a sheet listing them all")
        self.save_copy_btn.setObjectName("saveAnnotatedCopy")
        self.errors.filter_bar.addWidget(self.save_copy_btn)
        layout.addWidget(self.errors_box, 4)

        self.notes_box = QGroupBox()
        notes_layout = QVBoxLayout(self.notes_box)
        self.notes = QListWidget()
        self.notes.setObjectName("notes")
        self.notes.setMaximumHeight(90)
        notes_layout.addWidget(self.notes)
        layout.addWidget(self.notes_box, 1)

        self.options_box = QGroupBox("How to import")
        options_layout = QVBoxLayout(self.options_box)
        self.upsert_radio = QRadioButton("Add new rows and update changed ones; nothing is deleted")
        self.upsert_radio.setObjectName("upsert")
        self.replace_radio = QRadioButton("Replace everything (a backup is made first)")
        self.replace_radio.setObjectName("replaceAll")
        self.upsert_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.upsert_radio)
        group.addButton(self.replace_radio)
        self.replace_radio.toggled.connect(self._show_plan)
        options_layout.addWidget(self.upsert_radio)
        options_layout.addWidget(self.replace_radio)
        layout.addWidget(self.options_box)

        self.buttons = QDialogButtonBox()
        self.import_btn = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_btn.setObjectName("importButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._fill()

    @property
    def replace_all(self) -> bool:
        return self.replace_radio.isChecked()

    @property
    def plan(self):
        return self.plans[self.replace_all]

    def _fill(self) -> None:
        outcome = self.outcome
        errors = outcome.errors
        self.errors_box.setVisible(bool(errors))
        self.errors_box.setTitle(f"Problems to fix ({len(errors):,})")
        self.errors.set_rows(errors)
        if len(errors) <= 300:  # measuring every wrapped row of a long list is slow
            self.errors.view.resizeRowsToContents()
        self.notes_box.setVisible(bool(outcome.warnings))
        self.notes_box.setTitle(f"Notes ({len(outcome.warnings):,})")
        self.notes.addItems(outcome.warnings)
        if errors:
            self.summary.setText(
                f"{_plural(len(errors), 'problem')} in {self.workbook.name} must be fixed before it can be "
                "imported. Nothing has been changed.")
            self.summary.setStyleSheet(ERROR_STYLE)
            self.detail.setText(
                "Fix them in the workbook and import it again. 'Save annotated copy…' writes a copy with "
                "each problem beside its row.")
            self.counts_box.hide()
            self.options_box.hide()
            self.import_btn.setEnabled(False)
            self.import_btn.setToolTip("Fix the problems first")
            return
        self._show_plan()

    def _show_plan(self) -> None:
        if self.outcome.errors:
            return
        if self.plan is None:
            self.plans[True] = svc.plan_workbook_import(self.session.file, self.outcome, replace_all=True)
        plan = self.plan
        self.counts_model.set_rows(sheet_changes(self.outcome, plan))
        new, changed, unchanged = _totals(plan)
        file_name = self.session.file.path.name
        if self.replace_all:
            self.summary.setText(f"Replace every register in {file_name} with this workbook: "
                                 f"{_plural(new, 'row')}.")
            emptied = svc.describe_emptied(self.outcome.emptied)
            self.detail.setText("Everything now in the trust file is replaced, including anything the "
                                "workbook does not list. " + (emptied + " " if emptied else "")
                                + "A backup copy of the file is saved beside it first.")
            self.import_btn.setText("Replace everything")
            self.import_btn.setEnabled(True)
        else:
            self.summary.setText(f"{_plural(new, 'new row')}, {_plural(changed, 'changed row')}, "
                                 f"{unchanged:,} unchanged.")
            self.detail.setText(f"Nothing is written to {file_name} until you press Import. Edit > Undo "
                                "cannot undo an import; History lists what it changed.")
            self.import_btn.setText("Import")
            self.import_btn.setEnabled(not plan.is_noop)
            self.import_btn.setToolTip("" if not plan.is_noop else "The workbook matches the trust file")
            if plan.is_noop:
                self.summary.setText("The workbook matches the trust file: importing it would change nothing.")
        self.summary.setStyleSheet("")

    def _confirm(self) -> None:
        if self.replace_all and not confirm(
                self, "Replace everything?",
                f"Replace every register in {self.session.file.path.name} with {self.workbook.name}?\n\n"
                "A backup copy of the trust file is saved beside it first."):
            return
        self.outcome.plan = self.plan
        self.accept()

    def save_annotated_copy(self) -> None:
        from ..io.workbook import WorkbookError, write_errors_copy

        window = self.parent()
        suggested = self.workbook.with_name(f"{self.workbook.stem} - errors.xlsx")
        chosen, _ = QFileDialog.getSaveFileName(self, "Save annotated copy", str(suggested), XLSX_FILTER)
        if not chosen:
            return
        dest = Path(chosen)
        if dest.suffix.lower() != ".xlsx":
            dest = dest.with_name(dest.name + ".xlsx")
        if dest.resolve() == self.workbook.resolve():
            QMessageBox.warning(self, "Save annotated copy", "Choose another name: that is the workbook itself.")
            return
        try:
            write_errors_copy(self.workbook, dest, self.outcome.errors)
        except (OSError, WorkbookError) as exc:
            _write_failed(self, "Save annotated copy", dest, exc)
            return
        self.detail.setText(f"Saved an annotated copy to {dest}. Fix the rows marked in its Errors column, "
                            "then import it.")
        if window is not None and hasattr(window, "statusBar"):
            _status(window, f"Saved an annotated copy to {dest}")


def import_workbook(window) -> None:
    session = _writable_session(window)
    if session is None:
        return
    chosen, _ = QFileDialog.getOpenFileName(window, "Import workbook", str(_start_dir(window, WORKBOOK_DIR_KEY)),
                                            XLSX_FILTER)
    if not chosen:
        return
    path = Path(chosen)
    _remember_dir(window, WORKBOOK_DIR_KEY, path)
    today = clock.today()
    try:
        outcome = run_in_background(window, "Import workbook", f"Reading {path.name}…",
                                    lambda: svc.read_workbook_file(path, today=today))
    except svc.InputError as exc:
        QMessageBox.warning(window, "Cannot import workbook", f"{exc}\n\nNothing was changed.")
        return
    if outcome is None:
        _status(window, "Import cancelled; nothing was changed.")
        return
    if not outcome.errors:
        svc.plan_workbook_import(session.file, outcome, current=session.snapshot)
    dialog = ImportPreviewDialog(window, session, path, outcome)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        _status(window, "Import cancelled; nothing was changed.")
        return
    replace_all = dialog.replace_all
    try:
        svc.apply_workbook_import(session.file, outcome, path, replace_all=replace_all)
    except (svc.InputError, TrustFileError, OSError) as exc:
        QMessageBox.warning(window, "Import failed", f"{exc}\n\nNothing was changed.")
        return
    new, changed, _ = _totals(outcome.plan)
    if replace_all:
        message = (f"Replaced the registers with {path.name} ({_plural(new, 'row')}); "
                   f"the previous file is saved as {outcome.backup.name}")
    else:
        message = f"Imported {path.name}: {_plural(new, 'new row')}, {_plural(changed, 'changed row')}"
    session.reload(message)


# --- GIAS and Companies House ---------------------------------------------------------------------


class _SnapshotDialog(QDialog):
    """Shared frame: what was read (a form of facts), a date field, notes, OK/Cancel."""

    date_label = "Date"

    def __init__(self, parent, title: str, ok_text: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.layout_ = QVBoxLayout(self)
        self.intro = label("", "note", wrap=True)
        self.layout_.addWidget(self.intro)
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.layout_.addLayout(self.facts)
        self.date_edit = QLineEdit()
        self.date_edit.setObjectName("date")
        self.date_edit.setPlaceholderText("dd/mm/yyyy")
        self.date_edit.setMaximumWidth(140)
        self.date_note = label("", "note", wrap=True)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.ok_btn = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_btn.setObjectName("okButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.chosen_date: date | None = None

    def finish_layout(self) -> None:
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.date_note, 1)
        self.facts.addRow(f"{self.date_label}:", date_row)
        self.layout_.addWidget(self.error)
        self.layout_.addStretch(1)
        self.layout_.addWidget(self.buttons)

    def fact(self, name: str, text: str, object_name: str = "") -> QLabel:
        value = label(text)
        if object_name:
            value.setObjectName(object_name)
        self.facts.addRow(f"{name}:", value)
        return value

    def parsed_date(self) -> date | None:
        try:
            when = parse_date(self.date_edit.text())
        except ValueError as exc:
            self._show_error(f"{self.date_label}: {exc}")
            return None
        if when is None:
            self._show_error(f"{self.date_label}: give a date (dd/mm/yyyy)")
            return None
        if when > clock.today():
            self._show_error(f"{self.date_label}: {when:%d/%m/%Y} is in the future")
            return None
        self.error.hide()
        return when

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.date_edit.setFocus()

    def _accept(self) -> None:
        when = self.parsed_date()
        if when is None:
            return
        self.chosen_date = when
        self.accept()


def _notes_list(items: list[str]) -> QListWidget:
    notes = QListWidget()
    notes.setObjectName("notes")
    notes.addItems(items)
    notes.setMaximumHeight(80)
    return notes


class GiasDialog(_SnapshotDialog):
    """What a GIAS extract holds and the date it is stored under; with `create`, also what
    building People, Bodies and Roles from it would add (the new-trust wizard)."""

    date_label = "Extract date"

    def __init__(self, parent, session, gias, *, create: bool = False):
        title = "Build the trust from a GIAS extract" if create else "Import GIAS extract"
        super().__init__(parent, title, "Create registers" if create else "Store extract")
        self.setObjectName("giasDialog")
        self.session, self.gias, self.create = session, gias, create
        if create:
            self.intro.setText(
                f"govboard can fill {session.file.path.name} with the people, bodies and roles in this "
                "GIAS governance extract, and keep the extract to compare with the registers (GIAS-02). "
                "Check the numbers below, then press Create registers.")
        else:
            self.intro.setText(
                "The extract is stored with its date, and the registers are compared with it "
                "(rule GIAS-02). Nothing else in the trust file changes.")
        self.fact("File", gias.path.name)
        self.fact("Records", f"{len(gias.records):,} ({gias.current_records:,} current on the extract's date)",
                  "records")
        if not create:  # the wizard shows what it will create instead
            self.fact("People named", f"{gias.people:,}")
            self.fact("Academies", f"{gias.academies:,}")
        self.date_edit.setText(f"{gias.extract_date:%d/%m/%Y}")
        self.date_note.setText("taken from the file's name" if gias.date_from_name else
                               "the file's name has no date: give the day you downloaded it")
        self.plan_box = None
        if create:
            self.plan_box = QGroupBox("What will be created")
            form = QFormLayout(self.plan_box)
            self.people_lbl, self.bodies_lbl = label(""), label("")
            self.roles_lbl, self.academies_lbl = label(""), label("")
            for name, widget, obj in (("People", self.people_lbl, "people"), ("Bodies", self.bodies_lbl, "bodies"),
                                      ("Appointments", self.roles_lbl, "appointments"),
                                      ("Academies", self.academies_lbl, "academies")):
                widget.setObjectName(obj)
                form.addRow(f"{name}:", widget)
            self.unmapped_lbl = label("", "note", wrap=True)
            self.unmapped_lbl.setObjectName("unmapped")
            form.addRow("Not created:", self.unmapped_lbl)
            self.layout_.addWidget(self.plan_box)
            self.date_edit.editingFinished.connect(self._replan)
            self._show_plan()
        if gias.warnings:
            self.layout_.addWidget(label("Notes:", "note"))
            self.layout_.addWidget(_notes_list(gias.warnings))
        self.finish_layout()

    def _replan(self) -> None:
        when = self.parsed_date()
        if when is None or when == self.gias.extract_date:
            return
        self.gias.extract_date = when
        self._show_plan()

    def _show_plan(self) -> None:
        plan = svc.plan_gias_create(self.session.file, self.gias)
        counts = {sheet: c.new for sheet, c in plan.counts.items()}
        self.people_lbl.setText(f"{counts.get('People', 0):,}")
        # Members and Board exist in every trust file; the new bodies are the LGBs.
        self.bodies_lbl.setText(f"{counts.get('Bodies', 0):,} (a local governing body for each academy)")
        roles = [c.record for c in plan.changes if isinstance(getattr(c, "record", None), Appointment)]
        ended = sum(1 for a in roles if a.end is not None)
        text = f"{counts.get('Roles', 0):,}"
        if ended:
            text += f" ({ended:,} already ended, kept as history)"
        self.roles_lbl.setText(text)
        self.academies_lbl.setText(f"{counts.get('Academies', 0):,}")
        unmapped = self.gias.unmapped_roles
        self.unmapped_lbl.setText(
            "; ".join(f"{role} ({_plural(n, 'record')})" for role, n in sorted(unmapped.items()))
            + ". govboard does not track these roles: add them by hand if they matter."
            if unmapped else "nothing: every role in the extract is one govboard tracks.")

    def _accept(self) -> None:
        when = self.parsed_date()
        if when is None:
            return
        if when != self.gias.extract_date:
            self.gias.extract_date = when
            if self.create:
                self._show_plan()
        self.chosen_date = when
        self.accept()


class ChDialog(_SnapshotDialog):
    date_label = "Downloaded on"

    def __init__(self, parent, session, read):
        super().__init__(parent, "Import Companies House officers", "Store officer list")
        self.setObjectName("chDialog")
        self.intro.setText(
            "The officer list is stored with the day it was downloaded, and the trustees are compared "
            "with the active directors (rule CH-02). Nothing else in the trust file changes.")
        self.fact("File", read.path.name)
        self.fact("Officers", f"{len(read.officers):,} ({_plural(read.active_directors, 'active director')})",
                  "officers")
        ours = session.snapshot.settings.company_number
        company = self.fact("Company number", read.company_number or "not given in the file", "company")
        if read.company_number and ours and read.company_number.lstrip("0") != ours.lstrip("0"):
            company.setText(f"{read.company_number}: not this trust's ({ours})")
            company.setStyleSheet(ERROR_STYLE)
        self.date_edit.setText(f"{clock.today():%d/%m/%Y}")
        self.date_note.setText("the file does not say: give the day you saved it")
        self.finish_layout()


CREATED_WORDS = {"Academies": ("academy", "academies"), "People": ("person", "people"),
                 "Bodies": ("body", "bodies"), "Roles": ("role", "roles")}


def _rule_count(session, rule: str) -> int:
    return sum(1 for f in session.findings if f.rule == rule)


def _report_rule(window, session, rule: str, what: str) -> None:
    n = _rule_count(session, rule)
    tail = (f" {rule}: {_plural(n, 'difference')} with {what} (see Findings)." if n
            else f" {rule}: the registers agree with {what}.")
    _status(window, window.statusBar().currentMessage() + tail)


def _read_extract(window, path: Path, reader: Callable):
    try:
        return run_in_background(window, "Reading", f"Reading {path.name}…", lambda: reader(path))
    except svc.InputError as exc:
        QMessageBox.warning(window, "Cannot import", f"{exc}\n\nNothing was changed.")
        return None


def import_gias(window, *, create: bool = False) -> bool:
    """File > Import GIAS extract (or, with create, the new-trust wizard). True when stored."""
    session = _writable_session(window)
    if session is None:
        return False
    caption = "Choose the GIAS governance extract" if create else "Import GIAS extract"
    chosen, _ = QFileDialog.getOpenFileName(window, caption, str(_start_dir(window, EXTRACT_DIR_KEY)), CSV_FILTER)
    if not chosen:
        return False
    path = Path(chosen)
    _remember_dir(window, EXTRACT_DIR_KEY, path)
    gias = _read_extract(window, path, svc.read_gias_file)
    if gias is None:
        return False
    if create:
        try:
            svc.plan_gias_create(session.file, gias)
        except svc.InputError as exc:
            QMessageBox.warning(window, "Cannot build from GIAS", str(exc))
            return False
    dialog = GiasDialog(window, session, gias, create=create)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        _status(window, "GIAS import cancelled; nothing was changed.")
        return False
    try:
        summary = svc.store_gias(session.file, gias, create=create)
    except (svc.InputError, TrustFileError) as exc:
        QMessageBox.warning(window, "GIAS import failed", f"{exc}\n\nNothing was changed.")
        return False
    message = f"Stored the GIAS extract of {gias.extract_date:%d/%m/%Y} ({_plural(summary['records'], 'record')})"
    if summary["created"]:
        made = ", ".join(_plural(n, *CREATED_WORDS.get(sheet, (sheet.lower(), sheet.lower())))
                         for sheet, n in summary["created"].items() if n)
        message += f" and created {made}"
    session.reload(message)
    _report_rule(window, session, "GIAS-02", "GIAS")
    return True


def import_companies_house(window) -> None:
    session = _writable_session(window)
    if session is None:
        return
    chosen, _ = QFileDialog.getOpenFileName(window, "Import Companies House officers",
                                            str(_start_dir(window, EXTRACT_DIR_KEY)), JSON_FILTER)
    if not chosen:
        return
    path = Path(chosen)
    _remember_dir(window, EXTRACT_DIR_KEY, path)
    read = _read_extract(window, path, svc.read_ch_file)
    if read is None:
        return
    dialog = ChDialog(window, session, read)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        _status(window, "Companies House import cancelled; nothing was changed.")
        return
    try:
        summary = svc.store_companies_house(session.file, read, dialog.chosen_date)
    except TrustFileError as exc:
        QMessageBox.warning(window, "Companies House import failed", f"{exc}\n\nNothing was changed.")
        return
    session.reload(f"Stored the Companies House officer list of {dialog.chosen_date:%d/%m/%Y} "
                   f"({_plural(summary['officers'], 'officer')})")
    _report_rule(window, session, "CH-02", "Companies House")


# --- the offer to build a new trust from GIAS -----------------------------------------------------


def _file_key(path: Path) -> str:
    # QSettings keys cannot hold a path's slashes; a digest of it is stable and short.
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]


def offer_declined(window, path: Path) -> bool:
    return str(window.settings.value(f"{DECLINED_KEY}/{_file_key(path)}", "")).lower() in ("true", "1")


class GiasOfferBar(QFrame):
    """A quiet bar above the pages: 'this trust has no people yet — build it from GIAS?'"""

    def __init__(self, window):
        super().__init__()
        self.window_ = window
        self.setObjectName("giasOffer")
        self.setStyleSheet("QFrame#giasOffer { background: #e6f0fb; border: 1px solid #9dbde3; "
                           "border-radius: 4px; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        text = label("This trust file has no people yet. Build its people, boards and roles from a GIAS "
                     "governance extract (.csv)?")
        text.setMinimumWidth(120)  # a narrow window elides the sentence rather than widening the bar
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        text.setObjectName("offerText")
        layout.addWidget(text, 1)
        self.build_btn = button("Build from GIAS extract…", "open", self.build)
        self.build_btn.setObjectName("buildFromGias")
        self.decline_btn = button("No thanks", None, self.decline,
                                  "Don't offer this again for this trust file")
        self.decline_btn.setObjectName("declineGias")
        layout.addWidget(self.build_btn)
        layout.addWidget(self.decline_btn)

    def build(self) -> None:
        if import_gias(self.window_, create=True):
            remove_offer(self.window_)

    def decline(self) -> None:
        session = self.window_.session
        if session is not None:
            self.window_.settings.setValue(f"{DECLINED_KEY}/{_file_key(session.file.path)}", True)
        remove_offer(self.window_)
        _status(self.window_, "You can import a GIAS extract or a workbook at any time from the File menu.")


def offer_bar(window) -> GiasOfferBar | None:
    bar = window.findChild(QToolBar, BANNER_NAME)
    return bar.widget_ if bar is not None else None


def remove_offer(window) -> None:
    bar = window.findChild(QToolBar, BANNER_NAME)
    if bar is not None:
        window.removeToolBar(bar)
        bar.hide()
        bar.setParent(None)
        bar.deleteLater()


def offer_gias_wizard(window) -> None:
    """Called after a trust file opens: offer to build an empty trust from a GIAS extract.

    A bar above the pages rather than a question dialog: it does not interrupt opening the
    file, and 'No thanks' is remembered for that file so it is offered once, not every time.
    """
    remove_offer(window)
    session = window.session
    if session is None or session.read_only or session.snapshot.people:
        return
    if offer_declined(window, session.file.path):
        return
    bar = QToolBar("New trust", window)
    bar.setObjectName(BANNER_NAME)
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    bar.setStyleSheet("QToolBar { border: none; padding: 6px 8px 2px 8px; }")
    bar.widget_ = GiasOfferBar(window)
    bar.addWidget(bar.widget_)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.show()

    def on_change() -> None:
        # Someone added people another way (typed them, imported a workbook): the offer is moot.
        if window.session is session and session.snapshot.people:
            remove_offer(window)

    session.changed.connect(on_change)


__all__ = [
    "ChDialog", "GiasDialog", "GiasOfferBar", "ImportPreviewDialog", "export_template", "export_workbook",
    "import_companies_house", "import_gias", "import_workbook", "offer_bar", "offer_gias_wizard",
    "remove_offer", "run_in_background",
]

