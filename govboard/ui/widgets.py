"""Building blocks shared by the pages: a filterable table and the page frame."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .models import Column, FilterProxy, ObjectRole, RecordTableModel

RESIZE_PRECISION_ROWS = 200
# The key that deletes: Delete everywhere; on a Mac keyboard the key marked "delete" sends Backspace.
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) if sys.platform == "darwin" else (Qt.Key.Key_Delete,)


def icon(name: str) -> QIcon:
    return QIcon(f":/icons/{name}.svg")


def button(text: str, icon_name: str | None = None, slot: Callable | None = None, tip: str = "") -> QPushButton:
    btn = QPushButton(text)
    if icon_name:
        btn.setIcon(icon(icon_name))
    if slot:
        btn.clicked.connect(slot)
    if tip:
        btn.setToolTip(tip)
    return btn


def label(text: str, role: str | None = None, wrap: bool = False) -> QLabel:
    lbl = QLabel(text)
    if role:
        lbl.setProperty("role", role)
    lbl.setWordWrap(wrap)
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lbl


class TableBox(QWidget):
    """A type-to-filter box above a sortable table of records."""

    activated = Signal(object)  # double click or Enter on a row
    selection_changed = Signal(object)  # the selected record or None
    delete_requested = Signal(object)  # the Delete key on a selected row

    def __init__(self, columns: Sequence[Column], *, filter_hint: str = "Type to filter…", parent=None):
        super().__init__(parent)
        self.model = RecordTableModel(columns, self)
        self.auto_fit = True  # size columns to contents on set_rows (off when a page sizes them)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(filter_hint)
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter")
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Fit columns to the first few hundred rows, not all of them: reading every cell of a
        # 2,000-person table made opening a large trust take seconds.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        # Double-click and Enter/Return open a row. Not QAbstractItemView.activated: it fires on
        # a double-click as well (so the row opened twice), and on a single click where the
        # platform style activates on single click.
        self.view.doubleClicked.connect(lambda idx: self.activated.emit(idx.data(ObjectRole)))
        self.view.installEventFilter(self)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(self.current())
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_bar = QHBoxLayout()  # pages may put options beside the filter box
        self.filter_bar.addWidget(self.filter, 1)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.view)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and self.view.state() != QAbstractItemView.State.EditingState):
            current = self.current()
            if current is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.activated.emit(current)
                return True
            # Plain Delete only: Shift+Delete and the like keep their own meanings.
            if (current is not None and event.key() in DELETE_KEYS
                    and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
                self.delete_requested.emit(current)
                return True
        return super().eventFilter(watched, event)

    def delete_with(self, action_button: QPushButton) -> None:
        """The Delete key does what `action_button` does (its confirmation included), when enabled."""
        self.delete_requested.connect(lambda _: action_button.isEnabled() and action_button.click())

    def set_rows(self, rows: Sequence, *, keep: Callable[[object], object] | None = None) -> None:
        """Replace the rows, keeping the selection on the same record when `keep` gives its key."""
        previous = self.current()
        previous_key = keep(previous) if (keep and previous is not None) else None
        self.model.set_rows(rows)
        if self.auto_fit:
            self._resize_columns()
        if previous_key is not None:
            self.select_where(lambda obj: keep(obj) == previous_key)
        else:
            self.selection_changed.emit(self.current())

    def _resize_columns(self) -> None:
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount() - 1):
            header.resizeSection(col, min(max(header.sectionSize(col) + 16, 70), 360))

    def current(self):
        indexes = self.view.selectionModel().selectedRows()
        return indexes[0].data(ObjectRole) if indexes else None

    def select_where(self, predicate: Callable[[object], bool]) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if predicate(index.data(ObjectRole)):
                self.view.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.view.scrollTo(index)
                return True
        self.selection_changed.emit(self.current())
        return False

    def visible_objects(self) -> list:
        return [self.proxy.index(r, 0).data(ObjectRole) for r in range(self.proxy.rowCount())]


class Page(QWidget):
    """A page of the main window: title, hint, content. Subclasses fill `body`."""

    key = ""
    title = ""
    icon_name = "dashboard"
    hint = ""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        header = QHBoxLayout()
        header.addWidget(label(self.title, "pageTitle"))
        header.addStretch(1)
        self.header_actions = header
        outer.addLayout(header)
        if self.hint:
            outer.addWidget(label(self.hint, "pageHint", wrap=True))
        self.body = QVBoxLayout()
        outer.addLayout(self.body, 1)
        if session is not None:
            session.changed.connect(self._on_session_changed)

    def _on_session_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if getattr(self, "_stale", True):
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Re-read the session's snapshot."""

    def go_to(self, kind: str, key: str) -> bool:
        """Select the record a finding is about; return False if this page does not hold it."""
        return False

    @property
    def snapshot(self):
        return self.session.snapshot


class EmptyPage(Page):
    """A page whose screens land in a later release: it says what it will hold."""

    def __init__(self, session, *, key: str, title: str, icon_name: str, text: str, parent=None):
        self.key, self.title, self.icon_name = key, title, icon_name
        super().__init__(session, parent)
        message = label(text, "emptyState", wrap=True)
        message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(message)
        self.body.addStretch(1)


def fit_columns(table: TableBox, *, stretch: int, widest: dict[int, int] | None = None) -> None:
    """Size a TableBox's columns to their contents (capped by `widest`), with column `stretch`
    taking the remaining width, so the longest text is the one elided, never a scroll bar."""
    view = table.view
    table.auto_fit = False  # sized here; set_rows need not size them first
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    for col in range(table.model.columnCount()):
        if col == stretch:
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        view.resizeColumnToContents(col)  # the larger of the header and the cells
        header.resizeSection(col, min(header.sectionSize(col) + 8, (widest or {}).get(col, 360)))
