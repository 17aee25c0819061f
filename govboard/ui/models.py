"""Table models over lists of domain records, with native sort keys and a filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

SortRole = Qt.ItemDataRole.UserRole + 1
ObjectRole = Qt.ItemDataRole.UserRole + 2

_ROOT = QModelIndex()
SEVERITY_COLOURS = {"must": "#fde2e1", "should": "#fff1d6", "advice": "#e6f0fb"}


def display_value(value) -> str:
    """How a value reads in a table cell: dates dd/mm/yyyy, enums their label, money in £."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def money(pence: int | None) -> str:
    if pence is None:
        return ""
    return f"£{pence / 100:,.2f}"


def _sort_key(value):
    # Tuples keep None last and never compare values of different types.
    if value is None:
        return (1, "")
    if isinstance(value, Enum):
        return (0, str(value.value).casefold())
    if isinstance(value, str):
        return (0, value.casefold())
    if isinstance(value, bool):
        return (0, int(value))
    return (0, value)


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[object], object]
    display: Callable[[object], str] | None = None
    align_right: bool = False
    tooltip: Callable[[object], str] | None = None


class RecordTableModel(QAbstractTableModel):
    """Rows are arbitrary objects; columns say how to show and sort them."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list = []
        self.row_colour: Callable[[object], str | None] | None = None

    def set_rows(self, rows: Sequence) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return self.columns[section].header
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return column.display(value) if column.display else display_value(value)
        if role == SortRole:
            return _SortBox(_sort_key(column.value(row)))
        if role == ObjectRole:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip:
                return column.tooltip(row)
            # Long text is cut short in narrow columns; the tooltip shows all of it.
            value = column.value(row)
            text = column.display(value) if column.display else display_value(value)
            return text if len(text) > 24 else None
        if role == Qt.ItemDataRole.BackgroundRole and self.row_colour:
            colour = self.row_colour(row)
            return QBrush(QColor(colour)) if colour else None
        return None

    def object_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None


class _SortBox:
    """Wraps a Python sort key so Qt passes it through untouched (no int truncation)."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key


class FilterProxy(QSortFilterProxyModel):
    """Sorts on native keys and keeps rows whose text contains every typed word."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SortRole)
        self.extra_filter: Callable[[object], bool] | None = None

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()  # Qt 6.10+: replaces the deprecated invalidateFilter()
        self._words = [w.casefold() for w in text.split()]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_extra_filter(self, predicate: Callable[[object], bool] | None) -> None:
        self.beginFilterChange()
        self.extra_filter = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def lessThan(self, left, right) -> bool:  # noqa: N802 - Qt API
        a, b = left.data(SortRole), right.data(SortRole)
        try:
            return a.key < b.key
        except (AttributeError, TypeError):
            return str(left.data()) < str(right.data())

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802 - Qt API
        model = self.sourceModel()
        if self.extra_filter is not None:
            obj = model.index(source_row, 0, source_parent).data(ObjectRole)
            if not self.extra_filter(obj):
                return False
        if not self._words:
            return True
        text = " ".join(
            str(model.index(source_row, c, source_parent).data() or "")
            for c in range(model.columnCount())
        ).casefold()
        return all(word in text for word in self._words)
