"""Scheme of delegation: who decides what, as a matrix of decisions (grouped by area) and the ten
levels from the members to the headteacher, with the scheme's findings beside each decision.

A cell holds none, one or several of the codes D R C M I ("R,C"). Each cell edit is one undoable
batch through the session. Findings are the linter's: SOD-02/03/04 against a decision (row),
SOD-05 against a level (column), SOD-01 (the board's approval date) at the top.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.enums import DelegationCode, ReservedTo, SodLevel
from ...domain.names import fold_letters
from ...domain.validate import parse_delegation_codes
from ...services.starter_scheme import typical_scheme
from ...store import Delete, Insert, TrustFileError, Update
from ..dialogs import FieldSpec, RecordDialog, choices, confirm
from ..models import SEVERITY_COLOURS, fmt_date, rule_words
from ..widgets import DELETE_KEYS, Page, button, label

LEVELS: tuple[SodLevel, ...] = tuple(SodLevel)
# The board pack's abbreviations, so the screen and the printed scheme read the same; the full
# name is each header's tooltip. Members and Board are short enough to spell out.
LEVEL_SHORT = {level: level.abbreviation for level in SodLevel} | {
    SodLevel.MEMBERS: "Members", SodLevel.BOARD: "Board"}
# Under a level's short name when a finding is about that level: on its own line, so the mark
# never widens the column (the ten levels must fit a 1024-pixel window).
LEVEL_MARK = "\n⚠"

COL_REF, COL_DECISION = 0, 1
FIRST_LEVEL_COL = 2
COL_RESERVED = FIRST_LEVEL_COL + len(LEVELS)
COL_FINDINGS = COL_RESERVED + 1
COLUMN_COUNT = COL_FINDINGS + 1

CODES_LEGEND = " · ".join(f"<b>{c.value}</b> {c.meaning}" for c in DelegationCode)
NO_AREA = "Other decisions"
AREA_BACKGROUND = "#e4eaf1"
_ROOT = QModelIndex()


def level_of_column(column: int) -> SodLevel | None:
    index = column - FIRST_LEVEL_COL
    return LEVELS[index] if 0 <= index < len(LEVELS) else None


def column_of_level(level: SodLevel) -> int:
    return FIRST_LEVEL_COL + LEVELS.index(level)


def codes_meaning(text: str) -> str:
    """'R,C' -> 'R recommends, C consulted'."""
    parts = [c.strip() for c in text.split(",") if c.strip()]
    return ", ".join(f"{c} {DelegationCode(c).meaning}" for c in parts if c in DelegationCode._value2member_map_)


def with_codes(row: m.SodRow, level: SodLevel, text: str | None) -> m.SodRow:
    """The row with `level`'s cell set to `text` (None clears it), cells kept in level order."""
    cells = {lvl: codes for lvl, codes in row.codes if lvl != level}
    if text:
        cells[level] = text
    return replace(row, codes=tuple((lvl, cells[lvl]) for lvl in LEVELS if lvl in cells))


def short_finding(finding: m.Finding) -> str:
    """A few words for the findings column; the full message is in the tooltip and detail pane."""
    evidence = finding.evidence or {}
    if finding.rule == "SOD-02":
        deciders = evidence.get("deciders") or []
        return "no level decides" if not deciders else f"{len(deciders)} levels decide"
    if finding.rule == "SOD-03":
        wrong = evidence.get("deciders") or []
        shorts = [LEVEL_SHORT.get(SodLevel.parse(w), w) if _is_level(w) else w for w in wrong]
        return f"reserved, but {', '.join(shorts)} decides" if shorts else "reserved matter delegated"
    if finding.rule == "SOD-04":
        return "members decide; not reserved"
    return finding.title[:1].lower() + finding.title[1:]


def _level_link(level: SodLevel, text: str) -> str:
    return f"<a href='{html.escape(level.value)}'>{html.escape(text)}</a>"


def _is_level(text: str) -> bool:
    try:
        SodLevel.parse(text)
    except ValueError:
        return False
    return True


def _worst(findings: list[m.Finding]) -> m.Finding | None:
    live = [f for f in findings if not f.acknowledged]
    return min(live, key=lambda f: f.severity.rank) if live else None


# --- the matrix model ---------------------------------------------------------------------------


class SchemeModel(QAbstractTableModel):
    """Rows are area headings and decisions; columns Ref, Decision, the ten levels, Reserved to,
    Findings. Editing a level cell asks the page (signal `cell_edited`) to write it."""

    cell_edited = Signal(object, object, str)  # (SodRow, SodLevel, typed text)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[tuple[str, object]] = []  # ("area", name) or ("row", SodRow)
        self.row_findings: dict[str, list[m.Finding]] = {}
        self.level_findings: dict[SodLevel, list[m.Finding]] = {}
        self.editable = True
        self._bold = QFont()
        self._bold.setBold(True)

    # --- filling -------------------------------------------------------------------------------

    @staticmethod
    def _shape(entries) -> list:
        return [(kind, item if kind == "area" else item.ref) for kind, item in entries]

    def set_entries(self, entries, row_findings, level_findings, editable: bool) -> bool:
        """Show new data; returns True when the rows changed shape (the model was reset).

        An edit that keeps the same decisions in the same order only changes data, so an open
        editor, the selection and the scroll position survive the refresh after each edit.
        """
        same_shape = self._shape(entries) == self._shape(self.entries)
        if not same_shape:
            self.beginResetModel()
        self.entries = list(entries)
        self.row_findings, self.level_findings, self.editable = row_findings, level_findings, editable
        if same_shape:
            if self.entries:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, COLUMN_COUNT - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        else:
            self.endResetModel()
        return not same_shape

    def row_at(self, row: int) -> m.SodRow | None:
        if 0 <= row < len(self.entries) and self.entries[row][0] == "row":
            return self.entries[row][1]
        return None

    def row_of_ref(self, ref: str) -> int:
        for i, (kind, item) in enumerate(self.entries):
            if kind == "row" and item.ref == ref:
                return i
        return -1

    # --- Qt model API --------------------------------------------------------------------------

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        level = level_of_column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if level is not None:
                return LEVEL_SHORT[level] + (LEVEL_MARK if self._live_level_findings(level) else "")
            return {COL_REF: "Ref", COL_DECISION: "Decision", COL_RESERVED: "Reserved to",
                    COL_FINDINGS: "Findings"}.get(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if level is not None:
                lines = [str(level)] + [f"{rule_words(f)}: {f.message}" for f in self.level_findings.get(level, [])]
                return "\n".join(lines)
            return {COL_RESERVED: "Whether the law or the articles reserve the decision to the members or the board",
                    COL_FINDINGS: "What the governance checks found about the decision"}.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and (level is not None or section == COL_REF):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _live_level_findings(self, level: SodLevel) -> list:
        return [f for f in self.level_findings.get(level, []) if not f.acknowledged]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.entries[index.row()][0] == "area":
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and level_of_column(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.entries)):
            return None
        kind, item = self.entries[index.row()]
        column = index.column()
        if kind == "area":
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return item
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(AREA_BACKGROUND))
            return None
        row: m.SodRow = item
        level = level_of_column(column)
        findings = self.row_findings.get(row.ref, [])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if level is not None:
                return ",".join(sorted(row.codes_at(level), key=_code_order))
            if column == COL_REF:
                return row.ref
            if column == COL_DECISION:
                return row.decision
            if column == COL_RESERVED:
                return row.reserved_to.value if row.reserved_to else ""
            if column == COL_FINDINGS:
                return "; ".join(f"{short_finding(f)} ({f.rule}{', ack.' if f.acknowledged else ''})"
                                 for f in findings)
        if role == Qt.ItemDataRole.ToolTipRole:
            if level is not None:
                text = ",".join(sorted(row.codes_at(level), key=_code_order))
                meaning = codes_meaning(text) if text else "no part in this decision"
                return f"{level}: {meaning}"
            if column == COL_DECISION:
                return row.decision
            if column in (COL_FINDINGS, COL_REF) and findings:
                return "\n".join(f"{rule_words(f)}: {f.message}" for f in findings)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and (level is not None or column == COL_REF):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and level is not None and "D" in row.codes_at(level):
            return self._bold  # the decider stands out along the row
        if role == Qt.ItemDataRole.BackgroundRole:
            worst = _worst(findings)
            if worst is not None:
                return QBrush(QColor(SEVERITY_COLOURS.get(worst.severity.value, SEVERITY_COLOURS["must"])))
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        row = self.row_at(index.row())
        level = level_of_column(index.column())
        if role != Qt.ItemDataRole.EditRole or row is None or level is None or not self.editable:
            return False
        self.cell_edited.emit(row, level, str(value or ""))
        return True


def _code_order(code: str) -> int:
    order = [c.value for c in DelegationCode]
    return order.index(code) if code in order else len(order)


class CodeDelegate(QStyledItemDelegate):
    """A small text editor for a level cell: type the letters, e.g. D or R,C."""

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt API
        editor = QLineEdit(parent)
        editor.setObjectName("codeEditor")
        editor.setMaxLength(20)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setToolTip("Type D, R, C, M or I; several with commas (R,C). Leave empty to clear.")
        return editor


class SchemeView(QTableView):
    """The matrix: Delete or Backspace clears a level cell (an edit like any other); on the
    decision's own cells (reference, area, wording) Delete asks to delete the decision."""

    clear_requested = Signal(QModelIndex)
    delete_row_requested = Signal()
    resized = Signal()

    def resizeEvent(self, event):  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.resized.emit()

    def keyPressEvent(self, event):  # noqa: N802 - Qt API
        index = self.currentIndex()
        if (self.state() != QAbstractItemView.State.EditingState and index.isValid()
                and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
                and index.flags() & Qt.ItemFlag.ItemIsEditable):
            self.clear_requested.emit(index)
            return
        if (self.state() != QAbstractItemView.State.EditingState and index.isValid()
                and event.key() in DELETE_KEYS and level_of_column(index.column()) is None
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.delete_row_requested.emit()
            return
        super().keyPressEvent(event)


# --- the page -----------------------------------------------------------------------------------


class DelegationPage(Page):
    key, title, icon_name = "sod", "Scheme of delegation", "sod"
    hint = "Who decides what, from the members to the headteacher. Type letters in a cell or right-click it."

    def __init__(self, session, parent=None):
        super().__init__(session, parent)

        # Approval (SOD-01): the date, and the finding when it is missing or stale.
        self.approval_frame = QFrame()
        self.approval_frame.setObjectName("sodApproval")
        approval_row = QHBoxLayout(self.approval_frame)
        approval_row.setContentsMargins(10, 6, 10, 6)
        self.approval_label = label("", wrap=True)
        self.approval_label.setTextFormat(Qt.TextFormat.RichText)
        approval_row.addWidget(self.approval_label, 1)
        self.approved_btn = button("Approved on…", "edit", self.record_approval,
                                   tip="Record the date the board last approved the scheme")
        approval_row.addWidget(self.approved_btn)
        self.body.addWidget(self.approval_frame)

        # Level findings (SOD-05) above the matrix: they are about columns, not rows.
        self.level_label = label("", wrap=True)
        self.level_label.setTextFormat(Qt.TextFormat.RichText)
        self.level_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.level_label.linkActivated.connect(lambda level: self.go_to("sod_level", level))
        self.level_label.setObjectName("sodLevelFindings")
        self.level_label.setStyleSheet(f"QLabel#sodLevelFindings {{ background: {SEVERITY_COLOURS['should']};"
                                       " border: 1px solid #e8c47a; border-radius: 4px; padding: 6px 10px; }")
        self.body.addWidget(self.level_label)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty_state())
        self.stack.addWidget(self._build_matrix())
        self.body.addWidget(self.stack, 1)

    # --- building ----------------------------------------------------------------------------

    def _build_empty_state(self) -> QWidget:
        empty = QWidget()
        layout = QVBoxLayout(empty)
        layout.setContentsMargins(0, 12, 0, 0)
        text = label(
            "No scheme of delegation is recorded for this trust yet.\n\n"
            "The scheme says who decides each matter: the members, the board, its committees, the "
            "executive, the local governing bodies or the headteachers. You can start from a typical "
            "scheme of 35 common decisions (the usual allocation in a multi-academy trust with local "
            "governing bodies) and change it to match what your board approved, or add decisions one "
            "by one.", "emptyState", wrap=True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(text)
        bar = QHBoxLayout()
        bar.setContentsMargins(24, 0, 0, 0)
        self.starter_btn = button("Start from a typical scheme", "new", self.start_from_typical,
                                  tip="Insert 35 common decisions; undo takes them out again")
        self.starter_btn.setDefault(True)
        self.empty_add_btn = button("Add a decision…", "add", self.add_row)
        bar.addWidget(self.starter_btn)
        bar.addWidget(self.empty_add_btn)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addStretch(1)
        return empty

    def _build_matrix(self) -> QWidget:
        matrix = QWidget()
        layout = QVBoxLayout(matrix)
        layout.setContentsMargins(0, 0, 0, 0)

        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter decisions…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter")
        self.filter.textChanged.connect(lambda _: self._apply_filter())
        bar.addWidget(self.filter, 1)
        self.only_findings = QCheckBox("Only decisions with findings")
        self.only_findings.toggled.connect(lambda _: self._apply_filter())
        bar.addWidget(self.only_findings)
        self.add_btn = button("Add…", "add", self.add_row, tip="Add a decision to the scheme")
        self.edit_btn = button("Edit…", "edit", self.edit_row, tip="Edit the decision's area, wording and reservation")
        self.delete_btn = button("Delete…", "end", self.delete_row, tip="Delete the decision from the scheme")
        for b in (self.add_btn, self.edit_btn, self.delete_btn):
            bar.addWidget(b)
        layout.addLayout(bar)

        self.legend = label(f"Codes: {CODES_LEGEND}. Hover over a heading for the level's name.",
                            "pageHint", wrap=True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)

        self.model = SchemeModel(self)
        self.model.cell_edited.connect(self.set_cell)
        self.view = SchemeView()
        self.view.setObjectName("sodMatrix")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CodeDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._cell_menu)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.clear_requested.connect(lambda idx: self._set_cell_at(idx, ""))
        self.view.delete_row_requested.connect(lambda: self.delete_btn.isEnabled() and self.delete_btn.click())
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.resized.connect(self._fit_columns)
        self._size_columns()
        layout.addWidget(self.view, 1)

        self.error_label = QLabel("")
        self.error_label.setObjectName("sodError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.detail = label("", "note", wrap=True)
        self.detail.setObjectName("sodDetail")
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setMinimumHeight(self.detail.fontMetrics().height() * 3 + 8)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.detail)
        return matrix

    def _size_columns(self) -> None:
        """Level columns just wide enough for their heading and a cell like R,C; the decision
        takes the rest of the width (see _fit_columns)."""
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        # The style sheet makes headings bold, and a D is bold in its cell: measure bold text.
        bold = QFont(self.view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        # Each level column fits its heading and its longest cell (usually one letter, at most
        # "R,C,M"), so the ten levels fit beside the decision and no code is ever cut off.
        longest = {level: metrics.horizontalAdvance("D") for level in LEVELS}
        for kind, row in self.model.entries:
            if kind == "row":
                for level, _ in row.codes:
                    text = ",".join(sorted(row.codes_at(level), key=_code_order))
                    longest[level] = max(longest[level], metrics.horizontalAdvance(text))
        marked = {level for level in LEVELS if self.model._live_level_findings(level)}
        for level in LEVELS:
            heading = max(metrics.horizontalAdvance(LEVEL_SHORT[level]),
                          metrics.horizontalAdvance(LEVEL_MARK.strip()) if level in marked else 0)
            header.setSectionResizeMode(column_of_level(level), QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column_of_level(level), max(heading, longest[level]) + 14)
        for column, sample in ((COL_REF, "D000"), (COL_RESERVED, "Reserved to")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 14)
        header.setSectionResizeMode(COL_DECISION, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_FINDINGS, QHeaderView.ResizeMode.Fixed)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width left over by the fixed columns between the decision and the findings.

        The decision keeps a readable minimum; below that the matrix scrolls sideways rather
        than squeezing the level columns (whose codes must never be cut off).
        """
        header = self.view.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in range(COLUMN_COUNT) if c not in (COL_DECISION, COL_FINDINGS))
        spare = self.view.viewport().width() - fixed
        bold = QFont(self.view.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        # Rule IDs fit the findings column; the messages are in its tooltip and the pane below.
        widest = max((metrics.horizontalAdvance(self.model.data(self.model.index(r, COL_FINDINGS)) or "")
                      for r in range(self.model.rowCount()) if self.model.row_at(r) is not None), default=0)
        findings = max(widest, metrics.horizontalAdvance("Findings")) + 14
        decision = max(spare - findings, metrics.horizontalAdvance("M" * 12))
        header.resizeSection(COL_FINDINGS, findings)
        header.resizeSection(COL_DECISION, decision)
        # A narrow window (1024 wide) wraps the decisions onto a second line rather than cutting
        # them to a few words; rows are one line high again when there is room.
        plain = self.view.fontMetrics()
        longest = max((plain.horizontalAdvance(row.decision) for kind, row in self.model.entries if kind == "row"),
                      default=0)
        wrap = longest + 12 > decision
        if wrap or wrap != self.view.wordWrap():
            self.view.setWordWrap(wrap)
            rows = self.view.verticalHeader()
            one_line = rows.defaultSectionSize()
            for row in range(self.model.rowCount()):
                height = max(one_line, self.view.sizeHintForRow(row)) if wrap else one_line
                if rows.sectionSize(row) != height:
                    rows.resizeSection(row, height)

    # --- reading the session -----------------------------------------------------------------

    def refresh(self) -> None:
        snap = self.snapshot
        writable = not self.session.read_only
        row_findings: dict[str, list] = {}
        level_findings: dict[SodLevel, list] = {}
        for f in self.session.findings:
            if f.subject.kind == "sod_row":
                row_findings.setdefault(f.subject.key, []).append(f)
            elif f.subject.kind == "sod_level" and _is_level(f.subject.key):
                level_findings.setdefault(SodLevel.parse(f.subject.key), []).append(f)

        self._show_approval()
        self._show_level_findings(level_findings)
        self.stack.setCurrentIndex(1 if snap.sod_rows else 0)
        self.starter_btn.setEnabled(writable)
        self.empty_add_btn.setEnabled(writable)

        current = self._current_position()
        reset = self.model.set_entries(self._grouped(snap.sod_rows), row_findings, level_findings, writable)
        self._size_columns()  # a level's warning mark or the first finding changes the widths
        if reset:
            for r, (kind, _) in enumerate(self.model.entries):
                if kind == "area":
                    self.view.setSpan(r, 0, 1, COLUMN_COUNT)
            if current is not None:
                self._select(*current)
        self._apply_filter()
        self._show_current()

    @staticmethod
    def _grouped(rows) -> list[tuple[str, object]]:
        """Area headings in the order the areas first appear, each area's decisions by position."""
        areas: dict[str, list[m.SodRow]] = {}
        for row in sorted(rows, key=lambda r: (r.position, r.ref)):
            areas.setdefault(row.area or NO_AREA, []).append(row)
        if NO_AREA in areas:  # decisions without an area go last
            areas[NO_AREA] = areas.pop(NO_AREA)
        entries: list[tuple[str, object]] = []
        for area, items in areas.items():
            entries.append(("area", area))
            entries.extend(("row", row) for row in items)
        return entries

    def _show_approval(self) -> None:
        settings = self.snapshot.settings
        approved = settings.sod_approved_on
        sod01 = [f for f in self.session.findings if f.rule == "SOD-01"]
        when = f"<b>{fmt_date(approved)}</b>" if approved else "<b>not recorded</b>"
        text = f"Approved by the board on: {when}."
        if sod01:
            f = sod01[0]
            extra = " (acknowledged)" if f.acknowledged else ""
            text += (f"<br><b>{html.escape(rule_words(f))}</b>{extra}: {html.escape(f.message)} Once the board "
                     "has approved the "
                     "scheme, record the date with <i>Approved on…</i>")
            colour, border = (SEVERITY_COLOURS["must"], "#e9a19d") if not f.acknowledged else ("#f3f5f8", "#cdd6df")
        else:
            text += " The board reviews it at least every 12 months."
            colour, border = "#f3f5f8", "#cdd6df"
        self.approval_label.setText(text)
        self.approval_frame.setStyleSheet(f"QFrame#sodApproval {{ background: {colour}; border: 1px solid {border};"
                                          " border-radius: 4px; }")
        self.approved_btn.setEnabled(not self.session.read_only)

    def _show_level_findings(self, level_findings: dict) -> None:
        """One line per finding when there are one or two; otherwise one line per rule naming the
        levels (a new trust with no committees yet would otherwise push the matrix off screen)."""
        by_rule: dict[str, list[tuple[SodLevel, m.Finding]]] = {}
        for level in LEVELS:
            for f in level_findings.get(level, []):
                by_rule.setdefault(f.rule, []).append((level, f))
        total = sum(len(items) for items in by_rule.values())
        lines = []
        for _rule, items in sorted(by_rule.items()):
            if total <= 2:
                for level, f in items:
                    extra = " (acknowledged)" if f.acknowledged else ""
                    lines.append(f"<b>{html.escape(rule_words(f))}</b>{extra} · {_level_link(level, level.value)}: "
                                 f"{html.escape(f.message)}")
            else:
                links = ", ".join(_level_link(level, LEVEL_SHORT[level]) for level, _ in items)
                lines.append(f"<b>{html.escape(rule_words(items[0][1]))}</b>: {links}. Hover over a heading or "
                             "choose a level "
                             "for the details.")
        self.level_label.setText("<br>".join(lines))
        self.level_label.setToolTip("\n".join(f.message for items in by_rule.values() for _, f in items))
        self.level_label.setVisible(bool(lines))

    def _current_position(self) -> tuple[str, int] | None:
        index = self.view.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return (row.ref, index.column()) if row else None

    def current_row(self) -> m.SodRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _select(self, ref: str, column: int = COL_DECISION, *, whole_row: bool = False) -> bool:
        r = self.model.row_of_ref(ref)
        if r < 0:
            return False
        index = self.model.index(r, column)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        if whole_row:
            flags |= QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        return True

    def _apply_filter(self) -> None:
        words = [fold_letters(w) for w in self.filter.text().split()]
        only_findings = self.only_findings.isChecked()
        area_row = None
        area_has_visible = False
        shown = 0
        for r, (kind, item) in enumerate(self.model.entries):
            if kind == "area":
                if area_row is not None:
                    self.view.setRowHidden(area_row, not area_has_visible)
                area_row, area_has_visible = r, False
                continue
            text = fold_letters(" ".join([item.ref, item.decision, item.area or "",
                                          item.reserved_to.value if item.reserved_to else ""]))
            visible = all(w in text for w in words)
            if only_findings and not self.model.row_findings.get(item.ref):
                visible = False
            self.view.setRowHidden(r, not visible)
            area_has_visible = area_has_visible or visible
            shown += visible
        if area_row is not None:
            self.view.setRowHidden(area_row, not area_has_visible)
        current = self.view.currentIndex()
        if current.isValid() and self.view.isRowHidden(current.row()):
            # A hidden decision must not stay the one Edit and Delete act on.
            self.view.selectionModel().clear()
            self.view.setCurrentIndex(QModelIndex())
        self._show_current()
        if not shown and self.model.entries:
            self.detail.setText("No decision matches. Clear the filter box"
                                + (" or untick \u201cOnly decisions with findings\u201d." if only_findings else "."))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if (current.row(), current.column()) != (previous.row(), previous.column()):
            self.error_label.hide()  # a refused entry's message belongs to the cell it was typed in
        self._show_current()

    def _show_current(self) -> None:
        row = self.current_row()
        writable = not self.session.read_only
        self.add_btn.setEnabled(writable)
        self.edit_btn.setEnabled(writable and row is not None)
        self.delete_btn.setEnabled(writable and row is not None)
        level = level_of_column(self.view.currentIndex().column())
        parts = []
        if row is None:
            self.detail.setText("Select a decision to see what the checks found about it.")
            return
        where = f"<b>{html.escape(row.ref)}</b> {html.escape(row.decision)}"
        if row.reserved_to:
            where += f" <i>(reserved to the {html.escape(row.reserved_to.value.lower())})</i>"
        parts.append(where)
        findings = self.model.row_findings.get(row.ref, [])
        for f in findings:
            extra = " (acknowledged)" if f.acknowledged else ""
            parts.append(f"<b>{html.escape(rule_words(f))}</b>{extra}: {html.escape(f.message)}")
        if not findings:
            parts.append("No findings about this decision.")
        if level is not None:
            text = ",".join(sorted(row.codes_at(level), key=_code_order))
            cell = f"{html.escape(level.value)}: " + (html.escape(codes_meaning(text)) if text else "no part")
            for f in self.model.level_findings.get(level, []):
                cell += f" · <b>{html.escape(rule_words(f))}</b>: {html.escape(f.message)}"
            parts.append(cell)
        self.detail.setText("<br>".join(parts))

    # --- a cell being typed in, when the window closes, opens another file or leaves the page ---
    # Saved without asking, as clicking anywhere else saves it (the delegate commits on losing
    # focus, which a question box would cause anyway); codes it cannot take keep the window open.

    saves_without_asking = True

    def _open_editor(self):
        if self.view.state() != QAbstractItemView.State.EditingState:
            return None, QModelIndex()
        index = self.view.currentIndex()
        return self.view.indexWidget(index), index

    def unsaved_changes(self) -> str:
        editor, index = self._open_editor()
        row, level = self.model.row_at(index.row()), level_of_column(index.column())
        if editor is None or row is None or level is None:
            return ""
        current = next((r for r in self.snapshot.sod_rows if r.ref == row.ref), None)
        try:
            if current is not None and with_codes(current, level, parse_delegation_codes(editor.text())) == current:
                return ""  # typed in, but nothing changed
        except ValueError:
            pass
        return f"the {level} cell you are typing in for {row.ref} ({row.decision})"

    def save_changes(self) -> bool:
        editor, index = self._open_editor()
        if editor is None:
            return True
        row, level = self.model.row_at(index.row()), level_of_column(index.column())
        typed = editor.text()
        self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return row is None or level is None or self.set_cell(row, level, typed)

    def discard_changes(self) -> None:
        editor, _ = self._open_editor()
        if editor is not None:
            self.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)

    # --- editing cells -----------------------------------------------------------------------

    def _refuse(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.session.status.emit(message)

    def set_cell(self, row: m.SodRow, level: SodLevel, typed: str) -> bool:
        """Write one cell as one undoable edit; refuse letters that are not codes, with a message."""
        try:
            text = parse_delegation_codes(typed)
        except ValueError as exc:
            self._refuse(f"{level} for {row.ref}: {exc}. The cell was not changed.")
            return False
        self.error_label.hide()
        # The stored row, not the one the model showed: the file is the truth.
        current = next((r for r in self.snapshot.sod_rows if r.ref == row.ref), None)
        if current is None:
            return False
        new = with_codes(current, level, text)
        if new == current:
            return True
        return self._apply([Update(current, new)], f"Change delegation: {current.decision} at {level}")

    def _set_cell_at(self, index: QModelIndex, typed: str) -> None:
        row, level = self.model.row_at(index.row()), level_of_column(index.column())
        if row is not None and level is not None and not self.session.read_only:
            self.set_cell(row, level, typed)

    def _apply(self, changes, description: str) -> bool:
        try:
            self.session.apply(changes, description)
        except TrustFileError as exc:
            QMessageBox.warning(self, "Scheme of delegation", str(exc))
            return False
        return True

    def _cell_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        row, level = self.model.row_at(index.row()), level_of_column(index.column())
        if row is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        writable = not self.session.read_only
        if level is not None:
            have = set(row.codes_at(level))
            for code in DelegationCode:
                action = menu.addAction(f"{code.value}  {code.meaning}")
                action.setCheckable(True)
                action.setChecked(code.value in have)
                action.setEnabled(writable)
                action.triggered.connect(lambda checked, c=code.value: self._set_cell_at(
                    index, ",".join((have | {c}) if checked else (have - {c}))))
            clear = menu.addAction("Clear cell")
            clear.setShortcut(QKeySequence(Qt.Key.Key_Delete))
            clear.setEnabled(writable and bool(have))
            clear.triggered.connect(lambda: self._set_cell_at(index, ""))
            menu.addSeparator()
        menu.addAction("Edit decision…", self.edit_row).setEnabled(writable)
        menu.addAction("Delete decision…", self.delete_row).setEnabled(writable)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _double_clicked(self, index: QModelIndex) -> None:
        # Level cells open their editor; the rest of the row opens the decision's dialog.
        if level_of_column(index.column()) is None and self.model.row_at(index.row()) is not None:
            self.edit_row()

    # --- rows, the starter scheme and approval -----------------------------------------------

    def _areas(self) -> list[str]:
        return sorted({r.area for r in self.snapshot.sod_rows if r.area})

    def _row_specs(self, adding: bool) -> list[FieldSpec]:
        specs = [FieldSpec("ref", "Ref", required=True, hint="e.g. D36", missing="Enter the decision's ref")] if adding else []
        return specs + [
            FieldSpec("area", "Area", hint="e.g. Finance, Governance, People"),
            FieldSpec("decision", "Decision", "longtext", required=True),
            FieldSpec("reserved_to", "Reserved to", "choice", choices=choices(ReservedTo)),
        ]

    def _ask_row(self, title: str, adding: bool, initial: dict, make):
        dialog = RecordDialog(self, title, self._row_specs(adding), initial, make)
        completer = QCompleter(self._areas(), dialog)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        dialog.widgets["area"].setCompleter(completer)
        dialog.widgets["reserved_to"].setItemText(0, "Not reserved")  # the blank choice
        return dialog.result_record if dialog.exec() == RecordDialog.DialogCode.Accepted else None

    def next_ref(self) -> str:
        numbers = [int(r.ref[1:]) for r in self.snapshot.sod_rows if r.ref[:1] == "D" and r.ref[1:].isdigit()]
        return f"D{(max(numbers) + 1) if numbers else 1:02d}"

    def add_row(self) -> None:
        if self.session.read_only:
            return
        existing = {r.ref for r in self.snapshot.sod_rows}
        current = self.current_row()
        position = max((r.position for r in self.snapshot.sod_rows), default=0) + 1

        def make(values):
            ref = values["ref"].strip()
            if ref in existing:
                raise ValueError(f"Ref: '{ref}' is already used by another decision")
            return m.SodRow(ref, values["decision"], area=values["area"], reserved_to=values["reserved_to"],
                            position=position)

        initial = {"ref": self.next_ref(), "area": current.area if current else None}
        record = self._ask_row("Add a decision", True, initial, make)
        if record and self._apply([Insert(record)], f"Add decision {record.ref} to the scheme of delegation"):
            self._select(record.ref, COL_DECISION)

    def edit_row(self) -> None:
        current = self.current_row()
        if current is None or self.session.read_only:
            return
        initial = {"area": current.area, "decision": current.decision, "reserved_to": current.reserved_to}
        record = self._ask_row(f"Edit decision {current.ref}", False, initial, lambda v: replace(current, **v))
        if record and record != current:
            self._apply([Update(current, record)], f"Edit decision {current.ref} in the scheme of delegation")

    def delete_row(self) -> None:
        current = self.current_row()
        if current is None or self.session.read_only:
            return
        if not confirm(
            self, "Delete decision",
            f"Delete decision {current.ref} ({current.decision}) from the scheme of delegation?\n\n"
            "You can undo this from the Edit menu."):
            return
        r = self.model.row_of_ref(current.ref)
        neighbours = [self.model.row_at(i) for i in (r + 1, r + 2, r - 1, r - 2)]
        # Its acknowledgements go with it: a later decision given the same ref must not inherit them.
        acknowledged = [a for a in self.snapshot.acknowledgements
                        if a.subject_kind == "sod_row" and a.subject_key == current.ref]
        self._apply([Delete(a) for a in acknowledged] + [Delete(current)],
                    f"Delete decision {current.ref} from the scheme of delegation")
        for row in neighbours:
            if row is not None and self._select(row.ref):
                break

    def start_from_typical(self) -> None:
        if self.session.read_only or self.snapshot.sod_rows:
            return
        rows = typical_scheme()
        if self._apply([Insert(r) for r in rows],
                       f"Start from a typical scheme of delegation ({len(rows)} decisions)"):
            self._select(rows[0].ref)

    def record_approval(self) -> None:
        if self.session.read_only:
            return
        settings = self.snapshot.settings
        today = self.session.as_of

        def make(values):
            when: date = values["approved_on"]
            if when > today:
                raise ValueError(f"Approved on: {fmt_date(when)} is in the future")
            return when

        spec = FieldSpec("approved_on", "Approved by the board on", "date", required=True,
                         missing="Enter the date the board approved it")
        when = RecordDialog.ask(self, "Scheme of delegation approval", [spec],
                                {"approved_on": settings.sod_approved_on}, make)
        if when and when != settings.sod_approved_on:
            self.session.save_settings(replace(settings, sod_approved_on=when),
                                       f"Record scheme of delegation approval on {fmt_date(when)}")

    # --- going to a finding's subject ------------------------------------------------------------

    def go_to(self, kind: str, key: str) -> bool:
        if kind == "sod_row":
            if self.model.row_of_ref(key) < 0:
                return False
            self._clear_filter()
            ok = self._select(key, COL_DECISION, whole_row=True)
            self.view.setFocus()
            return ok
        if kind == "sod_level" and _is_level(key):
            level = SodLevel.parse(key)
            column = column_of_level(level)
            first = next((r for r in range(self.model.rowCount()) if self.model.row_at(r) is not None), None)
            if first is None:
                return False
            self._clear_filter()
            index = self.model.index(first, column)
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Columns)
            self.view.scrollTo(index)
            self.view.setFocus()
            return True
        return False

    def _clear_filter(self) -> None:
        if self.filter.text() or self.only_findings.isChecked():
            self.filter.clear()
            self.only_findings.setChecked(False)
