"""Table models over lists of domain records, with native sort keys and a filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from ..domain.names import fold_letters

SortRole = Qt.ItemDataRole.UserRole + 1
ObjectRole = Qt.ItemDataRole.UserRole + 2

_ROOT = QModelIndex()
# The severities' words and colours, shared by every page that shows findings.
SEVERITIES = ("must", "should", "advice")
SEVERITY_WORDS = {"must": "Must", "should": "Should", "advice": "Advice"}
SEVERITY_MEANING = {
    "must": "Required by law, the articles or the Academy Trust Handbook",
    "should": "DfE strong preference or firm good practice",
    "advice": "Warnings and deadlines coming up",
}
SEVERITY_COLOURS = {"must": "#fde2e1", "should": "#fff1d6", "advice": "#e6f0fb"}  # backgrounds
SEVERITY_TEXT_COLOURS = {"must": "#9b1c1c", "should": "#8a5a00", "advice": "#1f4e79"}


def rule_words(finding) -> str:
    """A rule's short title beside its code, 'No enhanced DBS check (DBS-01)': a bare code means
    nothing to most readers, the code is what the rulebook and the board pack cite."""
    title = getattr(finding, "title", "")
    return f"{title} ({finding.rule})" if title else finding.rule


def rules_words(findings) -> str:
    """Each rule once, the most serious first: 'No enhanced DBS check (DBS-01); Declaration of …'."""
    seen: dict[str, str] = {}
    for f in sorted(findings, key=lambda f: (SEVERITIES.index(f.severity.value)
                                             if f.severity.value in SEVERITIES else 9, f.rule)):
        seen.setdefault(f.rule, rule_words(f))
    return "; ".join(seen.values())


def findings_tooltip(findings) -> str | None:
    """One line per finding: 'Must · No enhanced DBS check (DBS-01): Jane Smith has no …'."""
    return "\n".join(f"{SEVERITY_WORDS.get(f.severity.value, f.severity.value)} · {rule_words(f)}: {f.message}"
                     for f in findings) or None


def rule_column(header: str = "Rule") -> Column:
    """A findings table's rule column: title and code, sorted by code."""
    return Column(header, lambda f: (f.rule, f.title), display=lambda v: f"{v[1]} ({v[0]})" if v[1] else v[0],
                  tooltip=lambda f: f"{f.rule}: {f.title}")


def fmt_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


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
    sign = "-" if pence < 0 else ""  # "-£80.00", as a refund reads, not "£-80.00"
    return f"{sign}£{abs(pence) / 100:,.2f}"


@lru_cache(maxsize=65536)
def sort_text(text: str) -> tuple[str, str]:
    """Alphabetical order for people's text: accents and case folded, then as typed to break ties."""
    return (fold_letters(text), text)


def _sort_key(value):
    # Tuples keep None last and never compare values of different types.
    if value is None:
        return (1, "")
    if isinstance(value, Enum):
        return (0, sort_text(str(value.value)))
    if isinstance(value, str):
        # Accents folded, so "Ó Briain" sorts with the Os and "Łukasz" with the Ls, as a clerk
        # expects in a list of names (plain casefold put them after Z).
        return (0, sort_text(value))
    if isinstance(value, bool):
        return (0, int(value))
    return (0, value)


@dataclass(frozen=True)
class Column:
    """A table column: header, the value it sorts on, how it displays, alignment and tooltip."""

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
        # Asked some 250 times per table while a page is laid out: Qt's enum members are looked
        # up once, at import, not on every call.
        if orientation != _HORIZONTAL or not 0 <= section < len(self.columns):
            return None
        if role == _DISPLAY:
            return self.columns[section].header
        if role == _ALIGNMENT and self.columns[section].align_right:
            return _RIGHT  # money and number headers line up with their cells
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        # Views ask for a dozen roles per cell; looking the role up once (rather than comparing
        # it with Qt's enum members in turn, ~1 µs each) keeps big tables quick to size and paint.
        handler = _ROLE_HANDLERS.get(role)
        if handler is None:
            return None
        row = index.row()
        if not 0 <= row < len(self.rows):
            return None
        return handler(self, self.rows[row], self.columns[index.column()])

    def _display(self, row, column: Column):
        value = column.value(row)
        return column.display(value) if column.display else display_value(value)

    def _sort(self, row, column: Column):
        return _SortBox(_sort_key(column.value(row)))

    def _object(self, row, column: Column):
        return row

    def _alignment(self, row, column: Column):
        return _RIGHT if column.align_right else None

    def _tooltip(self, row, column: Column):
        if column.tooltip:
            return column.tooltip(row)
        # Long text is cut short in narrow columns; the tooltip shows all of it.
        text = self._display(row, column)
        return text if len(text) > 24 else None

    def _background(self, row, column: Column):
        if self.row_colour is None:
            return None
        colour = self.row_colour(row)
        if not colour:
            return None
        # A colour, which the view paints as a brush: a QBrush here would make PySide6 build
        # QBrush's and QImage's enums before the first window (~3 ms).
        found = _COLOURS.get(colour)
        if found is None:  # a handful of severity colours: made once, not per cell painted
            found = _COLOURS[colour] = QColor(colour)
        return found

    def object_at(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None


_COLOURS: dict[str, QColor] = {}
_HORIZONTAL = Qt.Orientation.Horizontal
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROLE_HANDLERS = {
    Qt.ItemDataRole.DisplayRole: RecordTableModel._display,
    SortRole: RecordTableModel._sort,
    ObjectRole: RecordTableModel._object,
    Qt.ItemDataRole.TextAlignmentRole: RecordTableModel._alignment,
    Qt.ItemDataRole.ToolTipRole: RecordTableModel._tooltip,
    Qt.ItemDataRole.BackgroundRole: RecordTableModel._background,
}


class _SortBox:
    """Wraps a Python sort key so Qt passes it through untouched (no int truncation)."""

    __slots__ = ("key",)

    def __init__(self, key):
        self.key = key


class FilterProxy(QSortFilterProxyModel):
    """Sorts on native keys and keeps rows whose text contains every typed word, ignoring case and
    accents (a clerk types "Siobhan" for Siobhán), as the name sort does."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SortRole)
        self.extra_filter: Callable[[object], bool] | None = None

    def set_filter_text(self, text: str) -> None:
        self.beginFilterChange()  # Qt 6.10+: replaces the deprecated invalidateFilter()
        self._words = [fold_letters(w) for w in text.split()]
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
        text = fold_letters(" ".join(
            str(model.index(source_row, c, source_parent).data() or "")
            for c in range(model.columnCount())
        ))
        return all(word in text for word in self._words)


# --- field names as people read them ---------------------------------------------------------

_KEY_WORDS = {
    "id": "ID", "ids": "IDs", "dfe": "DfE", "urn": "URN", "gias": "GIAS", "ch": "Companies House",
    "rpt": "RPT", "sod": "SoD", "tor": "terms of reference", "uid": "UID", "gid": "GID",
    "arc": "ARC", "lgb": "LGB", "lgbs": "LGBs", "dbs": "DBS", "ceo": "CEO", "cfo": "CFO",
}


def readable_key(key: str) -> str:
    """'last_declared_on' -> 'Last declared on', 'dfe_decision_on' -> 'DfE decision on'."""
    words = [_KEY_WORDS.get(w.casefold(), w) for w in str(key).replace("-", "_").split("_") if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else str(key)
