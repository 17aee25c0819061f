"""File > Attendance statement for the annual report: the board's and each committee's
attendance in one academic year, "N out of M" per person, as a PDF or an Excel workbook.

The same statement as `govboard-cli attendance FILE OUT --year 2025/26`; small enough to write
on the GUI thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from ..domain.dates import year_label, year_start
from .dialogs import add_choice, combo_value
from .widgets import save_path_row

log = logging.getLogger(__name__)
DIR_KEY = "attendance/last_dir"
PDF_FILTER = "PDF document (*.pdf)"
XLSX_FILTER = "Excel workbook (*.xlsx)"


def statement_years(snapshot, as_of) -> list[str]:
    """Academic years with meetings held by as_of, latest first; at least the current one."""
    first = {year_start(m.date) for m in snapshot.meetings if m.date <= as_of}
    first.add(year_start(as_of))
    return [year_label(y) for y in sorted(first, reverse=True)]


def default_year(as_of) -> str:
    """The year an annual report is written for: the last completed academic year."""
    return year_label(year_start(as_of) - 1)


class AttendanceDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.setWindowTitle("Attendance statement")
        self.setMinimumWidth(560)
        outer = QVBoxLayout(self)
        intro = QLabel("For the governance statement in the annual report: each trustee's meetings of the "
                       "board and of each committee attended, out of those held while they were in office.")
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("Academic year")
        years = statement_years(self.session.snapshot, self.session.as_of)
        for year in years:
            add_choice(self.year_combo, year, year)
        wanted = default_year(self.session.as_of)
        self.year_combo.setCurrentIndex(years.index(wanted) if wanted in years else 0)
        self.year_combo.currentIndexChanged.connect(self._suggest)
        form.addRow("Academic &year:", self.year_combo)
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName("Format")
        add_choice(self.format_combo, "PDF document", ".pdf")
        add_choice(self.format_combo, "Excel workbook", ".xlsx")
        self.format_combo.currentIndexChanged.connect(self._suggest)
        form.addRow("&Format:", self.format_combo)
        holder, self.path_edit = save_path_row(self.choose_path)
        form.addRow("&Save as:", holder)
        self.open_check = QCheckBox("&Open it when it is ready")
        self.open_check.setChecked(True)
        form.addRow("", self.open_check)
        outer.addLayout(form)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b42318;")
        outer.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.written: Path | None = None
        self._suggest()

    def _folder(self) -> Path:
        remembered = self.window_.settings.value(DIR_KEY, "")
        if remembered and Path(remembered).is_dir():
            return Path(remembered)
        return self.session.file.path.parent

    def _suggest(self) -> None:
        trust = self.session.snapshot.settings.name or self.session.file.path.stem
        year = (combo_value(self.year_combo) or "").replace("/", "-")
        name = f"{trust} attendance {year}{combo_value(self.format_combo)}"
        self.path_edit.setText(str(self._folder() / name))

    def choose_path(self) -> None:
        suffix = combo_value(self.format_combo)
        path, chosen = QFileDialog.getSaveFileName(self, "Save the attendance statement as", self.path_edit.text(),
                                                   f"{PDF_FILTER};;{XLSX_FILTER}",
                                                   PDF_FILTER if suffix == ".pdf" else XLSX_FILTER)
        if path:
            self.path_edit.setText(path)
            suffix = Path(path).suffix.lower()
            if suffix in (".pdf", ".xlsx"):
                self.format_combo.blockSignals(True)
                self.format_combo.setCurrentIndex(0 if suffix == ".pdf" else 1)
                self.format_combo.blockSignals(False)

    def save(self) -> None:
        from ..services.trust import InputError, write_attendance
        from .pack_dialog import open_document

        self.error_label.clear()
        out = Path(self.path_edit.text().strip()).expanduser()
        if not out.suffix:
            out = out.with_suffix(combo_value(self.format_combo))
        try:
            self.written = write_attendance(self.session.file, out, year=combo_value(self.year_combo),
                                            as_of=self.session.as_of)
        except InputError as exc:
            self.error_label.setText(str(exc))
            return
        except OSError as exc:
            self.error_label.setText(f"The statement could not be saved as {out}: {exc.strerror or exc}. If it is "
                                     "open in another program, close it and try again.")
            return
        self.window_.settings.setValue(DIR_KEY, str(out.parent))
        self.window_.statusBar().showMessage(f"Saved the attendance statement for {combo_value(self.year_combo)} "
                                             f"to {self.written}", 15000)
        if self.open_check.isChecked():
            open_document(self.written)
        self.accept()


def export_attendance(window) -> None:
    if window.session is None:
        return
    AttendanceDialog(window).open()
