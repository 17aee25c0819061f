"""Payments ledger: import from a finance system's export, with a mapping step and a preview.

The clerk chooses a CSV or xlsx file; it is read off the GUI thread; a dialog then asks which
column holds the date, supplier, amount, company number, description (and the system's own
reference), guessing from the headings or the last import's choice, and previews every row as it
would be recorded: new, already in the ledger, not a payment (a total), or a problem named by row
and column. Nothing is written until Import is pressed, and then in one undoable step.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..io.finance import (
    FIELD_LABELS,
    FIELDS,
    REQUIRED_FIELDS,
    FinanceExport,
    FinanceExportError,
    PaymentsPlan,
    guess_mapping,
    plan_payments,
    read_finance_export,
)
from ..store import Insert
from .dialogs import CHOOSE_ONE, REQUIRED_MARK, add_choice, combo_value, required_legend
from .models import Column, money
from .widgets import TableBox, label

FINANCE_FILTER = "Finance system exports (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx);;All files (*)"
FINANCE_DIR_KEY = "files/finance_dir"
MAPPING_KEY = "payments/mapping"
NOT_IN_FILE = "(not in the file)"
FIELD_HINTS = {
    "date": "the day the payment was made",
    "supplier": "who was paid",
    "amount": "in pounds; (80.00) or -80.00 for a refund",
    "company_number": "the supplier's Companies House number, if the system keeps it",
    "description": "what it was for",
    "reference": "the system's own ID for the payment; it becomes the Payment ID",
}
SAMPLE_ROWS = 3


# What happens to each row, in a word (the tooltip and the Description column say more).
NEW, IN_LEDGER, PROBLEM, SKIPPED = "New", "In the ledger", "Problem", "Skipped"
STATUS_COLOURS = {PROBLEM: "#fde2e1", IN_LEDGER: "#eef1f4", SKIPPED: "#eef1f4"}


class PreviewRow:
    """One row of the file as the import would treat it."""

    __slots__ = ("row", "status", "payment", "problem")

    def __init__(self, row: int, status: str, payment=None, problem: str = ""):
        self.row, self.status, self.payment, self.problem = row, status, payment, problem


def preview_rows(plan: PaymentsPlan) -> list[PreviewRow]:
    rows = [PreviewRow(r, NEW, p) for r, p in plan.new]
    rows += [PreviewRow(r, IN_LEDGER, p, f"Already in the ledger as {p.id}: not added again") for r, p in plan.already]
    by_row: dict[int, list[str]] = {}
    for problem in plan.problems:
        by_row.setdefault(problem.row, []).append(f"{problem.column}: {problem.message}")
    rows += [PreviewRow(r, PROBLEM, problem="; ".join(texts)) for r, texts in by_row.items()]
    rows += [PreviewRow(r, SKIPPED, problem="Not a payment (a blank line or a total)") for r in plan.skipped]
    return sorted(rows, key=lambda p: p.row)


PREVIEW_COLUMNS = [
    Column("Row", lambda p: p.row, align_right=True),
    Column("Status", lambda p: p.status, tooltip=lambda p: p.problem or p.status),
    Column("Date", lambda p: p.payment.date if p.payment else None),
    Column("Supplier", lambda p: p.payment.supplier if p.payment else None),
    Column("Amount", lambda p: p.payment.amount if p.payment else None, display=money, align_right=True),
    Column("Company no.", lambda p: p.payment.company_number if p.payment else None),
    Column("Description", lambda p: (p.problem if p.status != NEW else p.payment.description) or None,
           tooltip=lambda p: p.problem or (p.payment.description if p.payment else None)),
    Column("Payment ID", lambda p: p.payment.id if p.payment else None),
]
PROBLEM_COLUMNS = [
    Column("Row", lambda p: p.row, align_right=True),
    Column("Column", lambda p: p.column),
    Column("Problem", lambda p: p.message, tooltip=lambda p: p.message),
]


class PaymentsImportDialog(QDialog):
    """The mapping step and the preview, side by side with the problems."""

    def __init__(self, parent, snapshot, export: FinanceExport, remembered: dict[str, str] | None = None):
        super().__init__(parent)
        self.setObjectName("paymentsImport")
        self.export = export
        self.existing = list(snapshot.payments)
        self.plan: PaymentsPlan | None = None
        self.setWindowTitle(f"Import payments — {export.path.name}")
        layout = QVBoxLayout(self)
        where = f" (sheet {export.sheet})" if export.sheet else ""
        intro = label(
            f"{len(export.rows):,} rows read from {export.path.name}{where}, with headings on row "
            f"{export.first_row - 1}. Choose the column that holds each part of a payment; the preview shows "
            "every row as it will be recorded. Nothing is written until you press Import.", "note", wrap=True)
        layout.addWidget(intro)

        top = QHBoxLayout()
        mapping_box = QGroupBox("Which column holds…")
        form = QFormLayout(mapping_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.combos: dict[str, QComboBox] = {}
        guessed = guess_mapping(export.headers, remembered)
        for name in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            combo.setAccessibleName(FIELD_LABELS[name])
            combo.setToolTip(FIELD_HINTS[name])
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(22)
            add_choice(combo, CHOOSE_ONE if name in REQUIRED_FIELDS else NOT_IN_FILE, None)
            for index, heading in enumerate(export.headers):
                add_choice(combo, self._heading_text(index, heading), index)
            if guessed.get(name) is not None:
                combo.setCurrentIndex(guessed[name] + 1)
            combo.currentIndexChanged.connect(lambda _: self._replan())
            self.combos[name] = combo
            form.addRow(FIELD_LABELS[name] + (REQUIRED_MARK if name in REQUIRED_FIELDS else ""), combo)
        form.addRow("", required_legend())
        top.addWidget(mapping_box, 3)
        self.summary = label("", None, wrap=True)
        self.summary.setObjectName("summary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.summary, 2)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(label("Preview", "sectionTitle"))
        self.preview = TableBox(PREVIEW_COLUMNS, filter_hint="Type to filter the rows…", stretch=(3, 6))
        self.preview.setObjectName("preview")
        self.preview.model.row_colour = lambda p: STATUS_COLOURS.get(p.status)
        preview_layout.addWidget(self.preview, 1)
        splitter.addWidget(preview_box)
        self.problems_box = QWidget()
        problems_layout = QVBoxLayout(self.problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        self.problems_title = label("", "sectionTitle")
        problems_layout.addWidget(self.problems_title)
        self.problems = TableBox(PROBLEM_COLUMNS, filter_hint="Type to filter the problems…", stretch=(2,))
        self.problems.setObjectName("problems")
        problems_layout.addWidget(self.problems, 1)
        splitter.addWidget(self.problems_box)
        splitter.setSizes([320, 160])
        layout.addWidget(splitter, 1)

        self.buttons = QDialogButtonBox()
        self.import_btn = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_btn.setObjectName("importButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        screen = parent.screen().availableGeometry() if parent is not None and parent.screen() else None
        self.resize(min(980, screen.width() - 40) if screen else 980, min(680, screen.height() - 60) if screen else 680)
        self._replan()

    def _heading_text(self, index: int, heading: str) -> str:
        samples = [str(row[index]) for row in self.export.rows[:20]
                   if index < len(row) and row[index] not in (None, "")][:SAMPLE_ROWS]
        sample = ", ".join(s if len(s) <= 18 else s[:17] + "…" for s in samples)
        return f"{heading} (e.g. {sample})" if sample else heading

    def mapping(self) -> dict[str, int | None]:
        return {name: combo_value(combo) for name, combo in self.combos.items()}

    def remembered(self) -> dict[str, str]:
        """The choice as headings, to offer again next time."""
        return {name: self.export.headers[i] for name, i in self.mapping().items() if i is not None}

    def _replan(self) -> None:
        mapping = self.mapping()
        chosen = [i for i in mapping.values() if i is not None]
        if len(chosen) != len(set(chosen)):
            self._refuse("Each column can fill one part of a payment: two parts are set to the same column.")
            return
        try:
            self.plan = plan_payments(self.export, mapping, self.existing)
        except ValueError as exc:  # a required column not chosen yet
            self._refuse(f"{exc}.")
            return
        plan = self.plan
        self.preview.set_rows(preview_rows(plan))
        self.problems.set_rows(plan.problems)
        self.problems_box.setVisible(bool(plan.problems))
        self.problems_title.setText(f"Rows with problems, left out ({len({p.row for p in plan.problems}):,})")
        parts = [f"{len(plan.new):,} payment{'s' if len(plan.new) != 1 else ''} to add, "
                 f"{money(sum(p.amount for p in plan.payments))}"]
        if plan.already:
            parts.append(f"{len(plan.already):,} already in the ledger (not added again)")
        rows_with_problems = len({p.row for p in plan.problems})
        if rows_with_problems:
            parts.append(f"{rows_with_problems:,} row{'s' if rows_with_problems != 1 else ''} with problems, "
                         "left out: fix them in the file and import it again")
        if plan.skipped:
            parts.append(f"{len(plan.skipped):,} blank or total row{'s' if len(plan.skipped) != 1 else ''} skipped")
        self.summary.setText(f"<p style='font-size:12pt'><b>{html.escape(parts[0])}.</b></p>"
                             + "".join(f"<p>{html.escape(part)}.</p>" for part in parts[1:]))
        self.summary.setStyleSheet("")
        n = len(plan.new)
        self.import_btn.setText(f"Import {n:,} payment{'s' if n != 1 else ''}" if n else "Import")
        self.import_btn.setEnabled(n > 0)
        self.import_btn.setToolTip("" if n else "No new payment to add")

    def _refuse(self, message: str) -> None:
        self.plan = None
        self.preview.set_rows([])
        self.problems.set_rows([])
        self.problems_box.hide()
        self.summary.setText(message)
        self.summary.setStyleSheet("color: #a4262c;")
        self.import_btn.setText("Import")
        self.import_btn.setEnabled(False)

    def accept(self) -> None:
        if self.plan is None or not self.plan.new:
            return
        super().accept()


def _remembered(window) -> dict[str, str]:
    try:
        value = json.loads(str(window.settings.value(MAPPING_KEY, "") or "{}"))
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def import_payments(page) -> bool:
    """Payments ledger > Import payments…: choose, read, map and preview, then one undoable step."""
    window = page.window()
    session = page.session
    if session is None or session.read_only:
        return False
    from .workbook_dialogs import _start_dir, run_in_background  # the shared file-work helpers

    chosen, _ = QFileDialog.getOpenFileName(window, "Import payments from the finance system",
                                            str(_start_dir(window, FINANCE_DIR_KEY)), FINANCE_FILTER)
    if not chosen:
        return False
    path = Path(chosen)
    window.settings.setValue(FINANCE_DIR_KEY, str(path.parent))
    try:
        export = run_in_background(window, "Import payments", f"Reading {path.name}…",
                                   lambda: read_finance_export(path))
    except (FinanceExportError, OSError) as exc:
        QMessageBox.warning(window, "Cannot import payments", f"{exc}\n\nNothing was changed.")
        return False
    if export is None:
        window.statusBar().showMessage("Import cancelled; nothing was changed.", 15000)
        return False
    dialog = PaymentsImportDialog(window, session.snapshot, export, _remembered(window))
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.plan is None:
        window.statusBar().showMessage("Payments import cancelled; nothing was changed.", 15000)
        return False
    window.settings.setValue(MAPPING_KEY, json.dumps(dialog.remembered()))
    plan = dialog.plan
    n = len(plan.new)
    session.apply([Insert(p) for p in plan.payments],
                  f"Import {n:,} payment{'s' if n != 1 else ''} from {path.name}")
    left = []
    if plan.already:
        left.append(f"{len(plan.already):,} already in the ledger")
    rows_with_problems = len({p.row for p in plan.problems})
    if rows_with_problems:
        left.append(f"{rows_with_problems:,} with problems left out")
    if left:
        window.statusBar().showMessage(window.statusBar().currentMessage() + f" ({', '.join(left)}.)", 15000)
    return True
