"""Workbook import (with preview) and export, GIAS and Companies House imports, and the offer to
build an empty trust from a GIAS extract.

Reading a workbook (openpyxl) runs off the GUI thread; the trust file is only touched on the GUI
thread (its SQLite connection belongs to it), and only after the user has seen a preview and
confirmed. Anything that goes wrong before that leaves the trust file exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
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
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QToolBar,
    QVBoxLayout,
)

from .. import clock
from ..domain.enums import BodyType
from ..domain.model import Appointment
from ..domain.validate import parse_date
from ..services import trust as svc
from ..store import TrustFileError
from .dialogs import REQUIRED_MARK, confirm, required_legend
from .models import Column, RecordTableModel
from .widgets import TableBox, button, label

XLSX_FILTER = "Excel workbooks (*.xlsx);;All files (*)"
CSV_FILTER = "GIAS files (*.csv *.zip);;All files (*)"
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
    if session is None or window.refuse_while_busy():
        return None
    if session.read_only:
        QMessageBox.information(window, "Read-only file",
                                f"{session.file.path.name} is open read-only; nothing can be imported into it.")
        return None
    return session


def run_in_background(window, title: str, text: str, work: Callable[[], object], *,
                      show_after_ms: int | None = None, cancellable: bool = False):
    """Run `work()` as a background Task (ui.tasks) and return its result here, for the flows
    that still read a file and then ask in a modal dialog (GIAS, Companies House, payments).

    The progress box is the Task's: made only once the work has run `show_after_ms`, destroyed
    as soon as it ends, so it can never come back over the dialog opened next. No Cancel: these
    reads cannot stop midway (`cancellable` is accepted and ignored). While it runs the window's
    file actions are off and closing asks, as for every task. An exception in `work` is raised
    here, on the GUI thread. New code: use window.tasks.run with on_done instead of waiting."""
    from PySide6.QtCore import QEventLoop

    outcome: dict[str, object] = {}
    loop = QEventLoop()
    task = window.tasks.run(window, title, text, lambda _report: work(), show_after_ms=show_after_ms,
                            on_done=lambda result: outcome.setdefault("result", result),
                            on_error=lambda exc: outcome.setdefault("error", exc))
    task.done.connect(loop.quit)
    if task.running:
        loop.exec()  # ends on the task's own signal: no polling
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


def export_workbook(window):
    """File > Export workbook: the registers to an .xlsx, written in the background."""
    session = window.session
    if session is None or window.refuse_while_busy():
        return None
    trust_name = session.snapshot.settings.name or session.file.path.stem
    suggested = f"{_UNSAFE_IN_NAME.sub(' ', trust_name).strip()} registers {clock.today():%Y-%m-%d}.xlsx"
    path = _save_path(window, "Export workbook", suggested)
    if path is None:
        return None
    from ..io.workbook import write_workbook

    snapshot = session.snapshot
    try:
        # Papers are read here: the trust file's connection belongs to the GUI thread.
        papers = {item.paper_sha256: session.file.paper_content(item.paper_sha256)
                  for item in snapshot.agenda if item.paper_sha256}
    except TrustFileError as exc:
        _write_failed(window, "Export failed", path, exc)
        return None

    def written(_result) -> None:
        where = f"Exported the registers to {path}"
        if papers:
            where += f" (papers in '{path.stem} papers' beside it)"
        _status(window, where)

    # No Cancel: the workbook is written whole or not at all, so a cancel could only pretend.
    return window.tasks.run(
        window, "Export workbook", f"Writing {path.name}…",
        lambda _report: write_workbook(snapshot, path, paper_content=papers.__getitem__),
        on_done=written, on_error=_failure_handler(window, "Export failed", path, (OSError, TrustFileError)))


def _failure_handler(window, title: str, path: Path, expected: tuple[type[BaseException], ...]):
    """on_error for a file task: the failures people can act on as a message naming the file;
    anything else goes to the app's error dialog."""
    def failed(exc: BaseException) -> None:
        if not isinstance(exc, expected):
            raise exc
        _write_failed(window, title, path, exc)
    return failed


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


MAX_CHANGE_LINES = 500  # a long list is cut, with a line saying how many more


@dataclass(frozen=True)
class _Change:
    """A planned change shaped like a logged one, so History's sentences describe it."""

    action: str
    table: str
    old: dict | None
    new: dict | None


def change_lines(plan, current, incoming, *, removed=()) -> dict[str, list[str]]:
    """What the import changes, sheet by sheet, as sentences: "Changed Jane Smith (P003): Email
    a@x → b@y", "Added Nadia Newcomer (P900)", "Removed …" (a replacement). Records are named
    as History names them, people by name."""
    from ..services.registers import SHEET_OF
    from ..store.mapping import to_row
    from ..store.trustfile import settings_to_text
    from .pages.history import describe_change

    names = {p.id: p.full_name for p in (*incoming.people, *current.people)}

    def name_of(key):
        return names.get(key, key)

    out: dict[str, list[str]] = {}
    for change in plan.changes if plan else ():
        old = getattr(change, "old", None)
        record = getattr(change, "record", None) or getattr(change, "new", None)
        sheet = SHEET_OF.get(type(record))
        if sheet is None:
            continue  # papers: listed with their agenda items
        if old is None:
            logged = _Change("insert", record.TABLE, None, to_row(record))
        else:
            logged = _Change("update", record.TABLE, to_row(old), to_row(record))
        out.setdefault(sheet, []).append(describe_change(logged, name_of))
    for record in removed:
        sheet = SHEET_OF.get(type(record))
        if sheet is not None:
            out.setdefault(sheet, []).append(describe_change(_Change("delete", record.TABLE, to_row(record), None),
                                                             name_of))
    if plan is not None and plan.settings_changed and plan.settings is not None:
        before, after = settings_to_text(current.settings), settings_to_text(plan.settings)
        out["Trust"] = [describe_change(_Change("update", "settings", {"key": k, "value": before.get(k)},
                                                {"key": k, "value": after.get(k)}))
                        for k in plan.settings_changed]
    return out


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
        # A sheet is chosen to see its changes, record by record, in the list beside it.
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.counts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.counts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_view.verticalHeader().setDefaultSectionSize(self.counts_view.fontMetrics().height() + 8)
        # Sheets the import changes stand out from the unchanged ones.
        self.counts_model.row_colour = lambda r: "#e3f1e3" if (r.new or r.changed) else None
        header = self.counts_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COUNT_COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        changes_side = QVBoxLayout()
        self.changes_title = label("", "note")
        self.changes_title.setObjectName("changesTitle")
        self.change_list = QListWidget()
        self.change_list.setObjectName("changeList")
        self.change_list.setWordWrap(True)
        self.change_list.setAccessibleName("What changes in the sheet chosen")
        changes_side.addWidget(self.changes_title)
        changes_side.addWidget(self.change_list, 1)
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.counts_view, 2)
        counts_row.addLayout(changes_side, 3)
        counts_layout.addLayout(counts_row)
        layout.addWidget(self.counts_box, 3)
        self.counts_view.selectionModel().selectionChanged.connect(lambda *_: self._show_sheet_changes())
        self.lines: dict[bool, dict[str, list[str]]] = {}
        self.removed_count = 0

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
        if self.replace_all not in self.lines:
            self.lines[self.replace_all] = self._change_lines()
        if self.replace_all:
            removed = self.removed_count
            a_new, a_changed, _ = _totals(self.plans[False])
            self.summary.setText(f"Replace every register in {file_name} with this workbook: "
                                 f"{_plural(new, 'row')}.")
            emptied = svc.describe_emptied(self.outcome.emptied)
            self.detail.setText(
                "Everything now in the trust file is replaced, including anything the workbook does not "
                f"list. Compared with the file now: {_plural(a_new, 'row')} added, {a_changed:,} changed, "
                f"{removed:,} removed, and {_plural(len(plan.settings_changed), 'trust setting')} changed. "
                + (emptied + " " if emptied else "")
                + "A backup copy of the file is saved beside it first; choose a sheet to see its changes.")
            self.import_btn.setText("Replace everything")
            self.import_btn.setEnabled(True)
        else:
            self.summary.setText(f"{_plural(new, 'new row')}, {_plural(changed, 'changed row')}, "
                                 f"{unchanged:,} unchanged.")
            self.detail.setText(f"Nothing is written to {file_name} until you press Import. Edit > Undo "
                                "cannot undo an import, nor the edits made before it; History lists what "
                                "it changed. Choose a sheet to see its changes.")
            self.import_btn.setText("Import")
            self.import_btn.setEnabled(not plan.is_noop)
            self.import_btn.setToolTip("" if not plan.is_noop else "The workbook matches the trust file")
            if plan.is_noop:
                self.summary.setText("The workbook matches the trust file: importing it would change nothing.")
        self.summary.setStyleSheet("")
        # Open on the first sheet with changes, so the list beside it is never empty for no reason.
        rows = self.counts_model.rows
        first = next((i for i, r in enumerate(rows) if self.lines[self.replace_all].get(r.sheet)), None)
        if first is not None:
            self.counts_view.selectRow(first)
        else:
            self.counts_view.clearSelection()
        self._show_sheet_changes()

    def _change_lines(self) -> dict[str, list[str]]:
        from ..services.registers import SHEET_OF, records_replaced_away

        current = self.session.snapshot
        incoming = self.outcome.registers
        if self.replace_all:
            # Row by row against the file as it is: what is added or changed, and what goes.
            removed = [r for r in records_replaced_away(current, incoming) if type(r) in SHEET_OF]
            self.removed_count = len(removed)
            lines = change_lines(self.plans[False], current, incoming, removed=removed)
            trust = change_lines(self.plans[True], current, incoming).get("Trust")
            lines.pop("Trust", None)
            if trust:
                lines["Trust"] = trust
            return lines
        return change_lines(self.plan, current, incoming)

    def _show_sheet_changes(self) -> None:
        indexes = self.counts_view.selectionModel().selectedRows()
        row = self.counts_model.object_at(indexes[0].row()) if indexes else None
        self.change_list.clear()
        if row is None:
            self.changes_title.setText("Choose a sheet to see what changes in it.")
            return
        lines = self.lines.get(self.replace_all, {}).get(row.sheet, [])
        if not lines:
            self.changes_title.setText(f"Nothing changes in {row.sheet}.")
            return
        self.changes_title.setText(f"What changes in {row.sheet} ({len(lines):,}):")
        self.change_list.addItems(lines[:MAX_CHANGE_LINES])
        if len(lines) > MAX_CHANGE_LINES:
            self.change_list.addItem(f"… and {len(lines) - MAX_CHANGE_LINES:,} more")

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


def import_workbook(window):
    """File > Import workbook: read it in the background, then a preview; written only when the
    user confirms. Returns the reading task (or None when nothing was chosen)."""
    session = _writable_session(window)
    if session is None:
        return None
    chosen, _ = QFileDialog.getOpenFileName(window, "Import workbook", str(_start_dir(window, WORKBOOK_DIR_KEY)),
                                            XLSX_FILTER)
    if not chosen:
        return None
    path = Path(chosen)
    _remember_dir(window, WORKBOOK_DIR_KEY, path)
    today = clock.today()

    def read(outcome) -> None:
        if window.session is not session:
            return
        if not outcome.errors:
            svc.plan_workbook_import(session.file, outcome, current=session.snapshot)
        dialog = ImportPreviewDialog(window, session, path, outcome)
        dialog.finished.connect(lambda code: _workbook_preview_closed(window, session, path, dialog, code))
        dialog.open()

    def unreadable(exc: BaseException) -> None:
        if not isinstance(exc, svc.InputError):
            raise exc
        QMessageBox.warning(window, "Cannot import workbook", f"{exc}\n\nNothing was changed.")

    return window.tasks.run(window, "Import workbook", f"Reading {path.name}…",
                            lambda _report: svc.read_workbook_file(path, today=today),
                            on_done=read, on_error=unreadable)


def _workbook_preview_closed(window, session, path: Path, dialog, code: int) -> None:
    dialog.deleteLater()
    if code != QDialog.DialogCode.Accepted:
        _status(window, "Import cancelled; nothing was changed.")
        return
    if window.session is not session:
        return
    outcome, replace_all = dialog.outcome, dialog.replace_all
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
    session.reload(message, undo_barrier="the workbook import", backup=outcome.backup)


# --- GIAS and Companies House ---------------------------------------------------------------------


class _SnapshotDialog(QDialog):
    """Shared frame: what was read (a form of facts), a date field, notes, OK/Cancel."""

    date_label = "Date"
    date_missing = "Enter a date"

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
        self.facts.addRow(f"{self.date_label}{REQUIRED_MARK}:", date_row)
        self.layout_.addWidget(required_legend())
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
            self._show_error(f"{self.date_missing} (dd/mm/yyyy)")
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


def _role_columns(create: bool) -> list[Column]:
    made = [Column("Offices made", lambda r: r.offices, _count, align_right=True,
                   tooltip=lambda r: r.makes)] if create else []
    kept = "Reconciliation only" if create else "Kept for reconciliation"
    return [
        Column("Role (as GIAS prints it)", lambda r: r.role, tooltip=lambda r: r.makes),
        *made,
        Column(kept, lambda r: r.reconciliation_only, _count, align_right=True),
        Column("Other trusts (ignored)", lambda r: r.other_trusts, _count, align_right=True),
    ]


class GiasDialog(_SnapshotDialog):
    """What the GIAS files hold for this trust and the date they are stored under, with every
    row accounted for by role; with `create`, also what building People, Bodies and Roles from
    them would add (the new-trust wizard). Nothing is written until OK."""

    date_label = "Extract date"
    date_missing = "Enter the date of the extract"

    def __init__(self, parent, session, gias, *, create: bool = False):
        title = "Build the trust from GIAS" if create else "Import GIAS extract"
        super().__init__(parent, title, "Create registers" if create else "Store extract")
        self.setObjectName("giasDialog")
        self.setMinimumWidth(720)
        self.session, self.gias, self.create = session, gias, create
        file_name = session.file.path.name
        if create:
            self.intro.setText(
                f"govboard can fill {file_name} with the people, bodies and roles in these GIAS rows, and "
                "keep them to compare with the registers (GIAS-02). Check the numbers below, then press "
                "Create registers.")
        else:
            self.intro.setText(
                "This trust's rows are stored with their date, and the registers are compared with them "
                "(rule GIAS-02). Other trusts' rows are ignored. Nothing else in the trust file changes.")
        self.fact("Files", gias.names, "files")
        self.fact("Rows read", f"{gias.rows_read:,}: {len(gias.records):,} this trust's "
                               f"({gias.scope.describe()})", "rowsRead")
        self.fact("Records", f"{len(gias.records):,} ({gias.current_records:,} current on the extract's date)",
                  "records")
        if not create:  # the wizard shows what it will create instead
            self.fact("People named", f"{gias.people:,}")
            self.fact("Academies", f"{gias.academies:,}")
        self.date_edit.setText(f"{gias.extract_date:%d/%m/%Y}")
        self.date_note.setText("taken from the file's name" if gias.date_from_name else
                               "the file's name has no date: give the day you downloaded it")
        self.roles_box = QGroupBox("Every row, by role")
        roles_layout = QVBoxLayout(self.roles_box)
        self.roles = TableBox(_role_columns(create), filter_hint="Type to filter the roles…", stretch=(0,))
        self.roles.setObjectName("roleSummary")
        self.roles.view.setMinimumHeight(self.roles.view.fontMetrics().height() * 12)
        roles_layout.addWidget(self.roles)
        self.totals = label("", "note", wrap=True)
        self.totals.setObjectName("totals")
        roles_layout.addWidget(self.totals)
        self.layout_.addWidget(self.roles_box, 1)
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
            form.addRow("No office made:", self.unmapped_lbl)
            self.layout_.addWidget(self.plan_box)
            self.date_edit.editingFinished.connect(self._replan)
        self.notes_lbl = label("Notes:", "note")
        self.notes = _notes_list([])
        self.layout_.addWidget(self.notes_lbl)
        self.layout_.addWidget(self.notes)
        # An import cannot be undone step by step, and it ends the undo steps before it: said
        # before the clerk confirms, not found out later from a greyed-out Undo.
        self.undo_note = label("", "note", wrap=True)
        self.undo_note.setObjectName("undoNote")
        button = "Create registers" if create else "Store extract"
        self.undo_note.setText(
            f"Nothing is written to {file_name} until you press {button}. Edit > Undo cannot undo this "
            "import, and the edits made before it can no longer be undone either: a backup copy of the "
            "file as it is now is saved beside it first, so it can always be opened again.")
        self.layout_.addWidget(self.undo_note)
        self._show_plan()
        self.finish_layout()
        self.layout_.setStretchFactor(self.roles_box, 6)  # the table takes the room, not the space below
        self.ok_btn.setFocus()

    def _replan(self) -> None:
        when = self.parsed_date()
        if when is None or when == self.gias.extract_date:
            return
        self.gias.extract_date = when
        self._show_plan()

    def _show_plan(self) -> None:
        if self.create:
            plan = svc.plan_gias_create(self.session.file, self.gias)
            counts = {sheet: c.new for sheet, c in plan.counts.items()}
            self.people_lbl.setText(f"{counts.get('People', 0):,}")
            lgbs = [b for b in self.gias.build.registers.bodies if b.type == BodyType.LOCAL_GOVERNING_BODY]
            shared = [b for b in lgbs if len(b.academy_urns) != 1]
            text = f"{counts.get('Bodies', 0):,} (local governing bodies"
            if shared:
                text += f", {len(shared)} shared by several academies"
            self.bodies_lbl.setText(text + ")")
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
                + ". govboard makes no office of these rows: they are kept to compare with GIAS."
                if unmapped else "none: every row of this trust becomes an office.")
        rows = self.gias.summary()
        self.roles.set_rows(rows)
        made, kept, other = (sum(r.offices for r in rows), sum(r.reconciliation_only for r in rows),
                             sum(r.other_trusts for r in rows))
        parts = [f"{made:,} made into offices"] if self.create else []
        parts += [f"{kept:,} kept for reconciliation" + (" only" if self.create else ""),
                  f"{other:,} of other trusts ignored"]
        self.totals.setText(f"All {made + kept + other:,} rows: " + ", ".join(parts) + ".")
        notes = self.gias.notes
        self.notes.clear()
        self.notes.addItems(notes)
        self.notes.setVisible(bool(notes))
        self.notes_lbl.setVisible(bool(notes))

    def _accept(self) -> None:
        when = self.parsed_date()
        if when is None:
            return
        if when != self.gias.extract_date:
            self.gias.extract_date = when
            self._show_plan()
        self.chosen_date = when
        self.accept()


class TrustChoiceDialog(QDialog):
    """The GIAS files hold several trusts: which is this one?"""

    def __init__(self, parent, gias, trusts):
        super().__init__(parent)
        self.setObjectName("trustChoice")
        self.setWindowTitle("Which trust is this?")
        self.resize(720, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(label(
            f"{gias.names} hold{'s' if len(gias.paths) == 1 else ''} the governance records of "
            f"{len(trusts):,} trusts. Choose this trust (its group UID is on its GIAS page; the company number "
            "is on its Companies House page). Only its rows are used; the others are ignored.", "note", wrap=True))
        self.table = TableBox([
            Column("GIAS group UID", lambda t: t.uid or ""),
            Column("Company number", lambda t: t.company_number or ""),
            Column("Rows", lambda t: t.rows, _count, align_right=True),
            Column("Chair of trustees on GIAS", lambda t: t.chair),
        ], filter_hint="Type a UID, company number or name…", stretch=(3,))
        self.table.setObjectName("trusts")
        self.table.set_rows(trusts)
        self.table.activated.connect(lambda _: self._accept())
        self.table.selection_changed.connect(lambda t: self.ok_btn.setEnabled(t is not None))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.ok_btn = buttons.addButton("Use this trust", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_btn.setObjectName("okButton")
        self.ok_btn.setEnabled(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.chosen = None

    def _accept(self) -> None:
        self.chosen = self.table.current()
        if self.chosen is not None:
            self.accept()


class AcademyChoiceDialog(QDialog):
    """A national academy-level extract: which academies are this trust's?"""

    def __init__(self, parent, gias, academies: dict[str, int]):
        super().__init__(parent)
        self.setObjectName("academyChoice")
        self.setWindowTitle("Which academies are this trust's?")
        self.resize(560, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(label(
            f"{gias.names} hold{'s' if len(gias.paths) == 1 else ''} the local governors of "
            f"{len(academies):,} academies, and the file does not say which trust each belongs to. Tick this "
            "trust's academies (their URNs are on GIAS). GIAS's governor search download for the trust "
            "needs no such choice.", "note", wrap=True))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type URNs to find them, or paste several separated by commas…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        self.list = QListWidget()
        self.list.setObjectName("academies")
        for urn, rows in sorted(academies.items()):
            item = QListWidgetItem(f"{urn}  ({_plural(rows, 'row')})")
            item.setData(Qt.ItemDataRole.UserRole, urn)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _: self._update())
        layout.addWidget(self.list, 1)
        self.count = label("", "note")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox()
        self.ok_btn = buttons.addButton("Use these academies", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_btn.setObjectName("okButton")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update()

    def _filter(self, text: str) -> None:
        wanted = [w for w in re.split(r"[,;\s]+", text.strip()) if w]
        pasted = len(wanted) > 1
        for i in range(self.list.count()):
            item = self.list.item(i)
            urn = item.data(Qt.ItemDataRole.UserRole)
            hit = not wanted or any(urn.startswith(w) for w in wanted)
            item.setHidden(not hit)
            if pasted and urn in wanted:  # a pasted list ticks them all
                item.setCheckState(Qt.CheckState.Checked)

    @property
    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _update(self) -> None:
        n = len(self.chosen)
        self.count.setText(f"{_plural(n, 'academy', 'academies')} ticked")
        self.ok_btn.setEnabled(n > 0)


class ChDialog(_SnapshotDialog):
    """What a Companies House officer list holds (one page or several), and the day it was saved;
    an incomplete list says so and offers to add the other pages."""

    date_label = "Downloaded on"
    date_missing = "Enter the day the list was downloaded"

    def __init__(self, parent, session, read):
        super().__init__(parent, "Import Companies House officers", "Store officer list")
        self.setObjectName("chDialog")
        self.session, self.read = session, read
        self.intro.setText(
            "The officer list is stored with the day it was downloaded, and the trustees are compared "
            "with the active directors (rule CH-02). Nothing else in the trust file changes. Companies "
            "House gives 35 officers a page: choose every page file together.")
        self.files_lbl = self.fact("Files", "", "files")
        self.officers_lbl = self.fact("Officers", "", "officers")
        self.company_lbl = self.fact("Company number", "", "company")
        self.shortfall = label("", "note", wrap=True)
        self.shortfall.setObjectName("shortfall")
        self.shortfall.setStyleSheet(ERROR_STYLE)
        self.add_pages_btn = button("Add the other pages…", "open", self.add_pages,
                                    "Choose the other page files of this officer list")
        self.add_pages_btn.setObjectName("addPages")
        row = QHBoxLayout()
        row.addWidget(self.shortfall, 1)
        row.addWidget(self.add_pages_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.layout_.addLayout(row)
        self.notes = _notes_list([])
        self.layout_.addWidget(self.notes)
        self.date_edit.setText(f"{clock.today():%d/%m/%Y}")
        self.date_note.setText("the file does not say: give the day you saved it")
        self._show()
        self.finish_layout()

    def _show(self) -> None:
        read = self.read
        self.files_lbl.setText(read.names)
        count = f"{len(read.officers):,}" if read.complete else f"{len(read.officers):,} of {read.total_results:,}"
        self.officers_lbl.setText(f"{count} ({_plural(read.active_directors, 'active director')})")
        ours = self.session.snapshot.settings.company_number
        self.company_lbl.setText(read.company_number or "not given in the file")
        self.company_lbl.setStyleSheet("")
        if read.company_number and ours and read.company_number.lstrip("0") != ours.lstrip("0"):
            self.company_lbl.setText(f"{read.company_number}: not this trust's ({ours})")
            self.company_lbl.setStyleSheet(ERROR_STYLE)
        self.shortfall.setText(f"{read.shortfall}. Until it is complete, CH-02 only says the list is "
                               "incomplete." if not read.complete else "")
        self.shortfall.setVisible(not read.complete)
        self.add_pages_btn.setVisible(not read.complete)
        self.notes.clear()
        self.notes.addItems(read.warnings)
        self.notes.setVisible(bool(read.warnings))

    def add_pages(self) -> None:
        more = _choose_files(self.parent() or self, "Add the other pages", JSON_FILTER)
        if not more:
            return
        paths = list(dict.fromkeys([*self.read.paths, *more]))
        try:
            self.read = svc.read_ch_files(paths)
        except svc.InputError as exc:
            QMessageBox.warning(self, "Cannot add those pages", str(exc))
            return
        self._show()


CREATED_WORDS = {"Academies": ("academy", "academies"), "People": ("person", "people"),
                 "Bodies": ("body", "bodies"), "Roles": ("role", "roles")}


def _rule_count(session, rule: str) -> int:
    return sum(1 for f in session.findings if f.rule == rule)


def _report_rule(window, session, rule: str, what: str) -> None:
    n = _rule_count(session, rule)
    title = next((f.title for f in session.findings if f.rule == rule), f"Compared with {what}")
    tail = (f" {title} ({rule}): {_plural(n, 'difference')} with {what} (see Findings)." if n
            else f" The registers agree with {what} ({rule}).")
    _status(window, window.statusBar().currentMessage() + tail)


def _read_extract(window, path, reader: Callable):
    names = ", ".join(p.name for p in path) if isinstance(path, list) else path.name
    try:
        return run_in_background(window, "Reading", f"Reading {names}…", lambda: reader(path))
    except svc.InputError as exc:
        QMessageBox.warning(window, "Cannot import", f"{exc}\n\nNothing was changed.")
        return None


def _choose_files(window, caption: str, file_filter: str) -> list[Path]:
    chosen, _ = QFileDialog.getOpenFileNames(window, caption, str(_start_dir(window, EXTRACT_DIR_KEY)), file_filter)
    paths = [Path(c) for c in chosen or ()]
    if paths:
        _remember_dir(window, EXTRACT_DIR_KEY, paths[0])
    return paths


def _scope_gias(window, session, gias, create: bool) -> bool:
    """Pick out this trust's rows, asking which trust (and, for a national academy-level file,
    which academies) when the files cannot say. False when cancelled or refused."""
    uid = company = None
    urns: list[str] = []
    snapshot = session.snapshot
    while True:
        try:
            done = run_in_background(
                window, "Reading", f"Finding this trust's rows in {gias.names}…",
                lambda uid=uid, company=company, urns=urns: svc.scope_gias(
                    snapshot, gias, create=create, uid=uid, company_number=company, urns=urns))
            return done is not None
        except svc.GiasChoiceNeeded as exc:
            dialog = TrustChoiceDialog(window, gias, exc.trusts)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
                return False
            uid, company = dialog.chosen.uid, dialog.chosen.company_number
        except svc.GiasAcademiesNeeded as exc:
            dialog = AcademyChoiceDialog(window, gias, exc.academies)
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen:
                return False
            urns = dialog.chosen
        except svc.InputError as exc:
            QMessageBox.warning(window, "Cannot import", f"{exc}\n\nNothing was changed.")
            return False


def import_gias(window, *, create: bool = False) -> bool:
    """File > Import GIAS extract (or, with create, the new-trust wizard). True when stored.

    One or more files (typically the mat and acad extracts, or the search download's ZIP); this
    trust's rows only; the summary by role before anything is written."""
    session = _writable_session(window)
    if session is None:
        return False
    caption = "Choose the GIAS governance files" if create else "Import GIAS extract"
    paths = _choose_files(window, caption, CSV_FILTER)
    if not paths:
        return False
    gias = _read_extract(window, paths, svc.read_gias_files)
    if gias is None or not _scope_gias(window, session, gias, create):
        _status(window, "GIAS import cancelled; nothing was changed.")
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
    backup = None
    if not create:  # building registers takes its own backup (store_gias), removed if nothing is written
        try:
            backup = svc.backup_beside(session.file, "before-gias")
        except (TrustFileError, OSError) as exc:
            QMessageBox.warning(window, "GIAS import not started",
                                f"The backup copy of the trust file could not be saved, so nothing was "
                                f"imported: {exc}")
            return False
    try:
        summary = svc.store_gias(session.file, gias, create=create)
    except (svc.InputError, TrustFileError, OSError) as exc:
        QMessageBox.warning(window, "GIAS import failed", f"{exc}\n\nNothing was changed.")
        return False
    message = f"Stored the GIAS extract of {gias.extract_date:%d/%m/%Y} ({_plural(summary['records'], 'record')})"
    if summary["created"]:
        made = ", ".join(_plural(n, *CREATED_WORDS.get(sheet, (sheet.lower(), sheet.lower())))
                         for sheet, n in summary["created"].items() if n)
        message += f" and created {made}"
    backup = gias.backup or backup
    session.reload(message, undo_barrier="the GIAS import", backup=backup)
    _report_rule(window, session, "GIAS-02", "GIAS")
    if backup is not None:
        _status(window, window.statusBar().currentMessage()
                + f" Undo steps before the import end here; the file as it was is saved as {backup.name}.")
    return True


def import_companies_house(window) -> None:
    session = _writable_session(window)
    if session is None:
        return
    paths = _choose_files(window, "Import Companies House officers", JSON_FILTER)
    if not paths:
        return
    read = _read_extract(window, paths, svc.read_ch_files)
    if read is None:
        return
    try:
        svc.check_ch_company(session.snapshot, read)
    except svc.InputError as exc:
        QMessageBox.warning(window, "Cannot import", f"{exc}\n\nNothing was changed.")
        return
    dialog = ChDialog(window, session, read)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        _status(window, "Companies House import cancelled; nothing was changed.")
        return
    try:
        summary = svc.store_companies_house(session.file, dialog.read, dialog.chosen_date)
    except TrustFileError as exc:
        QMessageBox.warning(window, "Companies House import failed", f"{exc}\n\nNothing was changed.")
        return
    stored = (_plural(summary["officers"], "officer") if summary["complete"] else summary["shortfall"])
    session.reload(f"Stored the Companies House officer list of {dialog.chosen_date:%d/%m/%Y} ({stored})",
                   undo_barrier="the Companies House import")
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
    "AcademyChoiceDialog", "ChDialog", "GiasDialog", "TrustChoiceDialog", "GiasOfferBar", "ImportPreviewDialog", "export_template", "export_workbook",
    "import_companies_house", "import_gias", "import_workbook", "offer_bar", "offer_gias_wizard",
    "remove_offer", "run_in_background",
]

