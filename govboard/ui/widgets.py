"""Building blocks shared by the pages: a filterable table and the page frame."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .models import Column, FilterProxy, ObjectRole, RecordTableModel

RESIZE_PRECISION_ROWS = 200
# A long-text column gives way down to about this many characters before the table scrolls sideways.
LEAST_TEXT_CHARS = 12
# A text column whose cells are no wider than this many characters (a date, a status) keeps its width.
SHORT_TEXT_CHARS = 22
HEADING_PADDING = 16  # the header's padding (app.qss) and a little air
# A stretch column keeps this many times the width of the other long columns as they give way.
STRETCH_WEIGHT = 3
# The key that deletes: Delete everywhere; on a Mac keyboard the key marked "delete" sends Backspace.
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) if sys.platform == "darwin" else (Qt.Key.Key_Delete,)


def html_text(text: str) -> str:
    """Plain text made safe for a rich-text label: html.escape's work, without importing the
    html package (and its entity tables) on the way to the first window."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


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


def button_row(actions: Sequence[tuple[str, str | None, Callable]]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A left-aligned row of buttons, one per (text, icon name, slot), and the buttons."""
    row = QHBoxLayout()
    buttons = [button(text, icon_name, slot) for text, icon_name, slot in actions]
    for btn in buttons:
        row.addWidget(btn)
    row.addStretch(1)
    return row, buttons


def save_path_row(choose: Callable[[], None]) -> tuple[QWidget, QLineEdit]:
    """The "Save as" row of an export dialog: the path, editable, and "Choose…" beside it."""
    edit = QLineEdit()
    edit.setAccessibleName("Save as")
    chooser = QPushButton("C&hoose…")
    chooser.clicked.connect(choose)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(chooser)
    return row, edit


def label(text: str, role: str | None = None, wrap: bool = False) -> QLabel:
    lbl = QLabel(text)
    if role:
        lbl.setProperty("role", role)
    lbl.setWordWrap(wrap)
    lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lbl


class _FittingTableView(QTableView):
    """A table view that says when its viewport (the cells' area) changes size.

    It watches the viewport through viewportEvent and keeps the width the event gives: calling
    viewport() itself makes PySide6 resolve the widget's class against every QtWidgets class,
    which builds their enums, ~25 ms once per process, on the path of every start-up."""

    viewport_resized = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.viewport_width = 0

    def viewportEvent(self, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.viewport_width = event.size().width()
            self.viewport_resized.emit()
        return super().viewportEvent(event)


class TableBox(QWidget):
    """A type-to-filter box above a sortable table of records."""

    activated = Signal(object)  # double click or Enter on a row
    selection_changed = Signal(object)  # the selected record or None
    delete_requested = Signal(object)  # the Delete key on a selected row

    def __init__(self, columns: Sequence[Column], *, filter_hint: str = "Type to filter…",
                 stretch: Sequence[int] = (), widest: dict[int, int] | None = None,
                 optional: Sequence[int] = (), parent=None):
        super().__init__(parent)
        self.model = RecordTableModel(columns, self)
        # Columns are measured on set_rows and fitted to the view on every resize (see fit_widths).
        # `stretch`: the long-text columns that take the spare width and keep their room longest;
        # with none, the widest text columns give way and the last column takes the spare width.
        # `widest`: caps on a text column's measured width (money and numbers are never capped).
        # `optional`: columns the page shows elsewhere too (a detail pane), hidden in this order
        # while the other columns would be cut short, rather than a sideways scroll bar.
        self.auto_fit = True  # measure the columns on set_rows (off when a page measures them itself)
        self.stretch: tuple[int, ...] = tuple(stretch)
        self.widest: dict[int, int] = dict(widest or {})
        self.optional: tuple[int, ...] = tuple(optional)
        self._dropped: set[int] = set()  # optional or empty columns hidden for want of room
        self._empty: set[int] = set()  # columns with nothing in them: the first to give way
        self._user_hidden: set[int] = set()  # unticked in the column chooser
        self._user_shown: set[int] = set()  # ticked there: not dropped for want of room
        self._remembered = None  # (settings, key) where the choice is kept (remember_columns)
        self._natural: dict[int, int] = {}  # measured widths of the visible columns
        self._least: dict[int, int] = {}  # the narrowest each may go before the table scrolls
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(filter_hint)
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter")
        self.filter.setMinimumWidth(120)  # room to type, whatever a page puts beside it
        self.filter.textChanged.connect(self.proxy.set_filter_text)
        self.view = _FittingTableView()
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
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)  # fit_widths hands out the spare width itself
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Fit columns to the first few hundred rows, not all of them: reading every cell of a
        # 2,000-person table made opening a large trust take seconds.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        # Right-click a heading to choose the columns; the hint beside the filter says when some
        # are hidden (by the user, or for want of room) and opens the same choice.
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().popup(header.mapToGlobal(pos)))
        self.hidden_hint = QToolButton()
        self.hidden_hint.setObjectName("hiddenColumns")
        self.hidden_hint.setAutoRaise(True)
        self.hidden_hint.setProperty("role", "link")
        self.hidden_hint.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hidden_hint.clicked.connect(
            lambda: self.column_menu().popup(self.hidden_hint.mapToGlobal(self.hidden_hint.rect().bottomLeft())))
        self.hidden_hint.hide()
        # Double-click and Enter/Return open a row. Not QAbstractItemView.activated: it fires on
        # a double-click as well (so the row opened twice), and on a single click where the
        # platform style activates on single click.
        self.view.doubleClicked.connect(lambda idx: self.activated.emit(idx.data(ObjectRole)))
        self.view.installEventFilter(self)
        self.view.viewport_resized.connect(self.fit_widths)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(self.current())
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter_bar = QHBoxLayout()  # pages may put options beside the filter box
        self.filter_bar.addWidget(self.filter, 1)
        self.filter_bar.addStretch(0)  # keeps the hint on the right where a page hides the filter
        self.filter_bar.addWidget(self.hidden_hint)
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
        self.measure_columns()

    def measure_columns(self) -> None:
        """Measure each visible column (the larger of its header and its first few hundred cells,
        text capped by `widest`) and the least it may take, then fit them to the view."""
        view, header = self.view, self.view.horizontalHeader()
        char = view.fontMetrics().averageCharWidth()
        bold = QFont(header.font())
        bold.setBold(True)
        heading_metrics = QFontMetrics(bold)
        self._natural, self._least = {}, {}
        self._empty = self._empty_columns()
        for col, column in enumerate(self.model.columns):
            if view.isColumnHidden(col) and col not in self._dropped:
                continue  # hidden by the page or by the user
            # The heading's text and padding; its natural width has room for the sort arrow too.
            heading = heading_metrics.horizontalAdvance(column.header) + HEADING_PADDING
            cells = view.sizeHintForColumn(col) + char if self.model.rows and col not in self._empty else 0
            if not column.align_right and col in self.widest:
                cells = min(cells, self.widest[col])
            # An empty column, or any column of an empty table, needs only its heading.
            hint = header.sectionSizeHint(col) if self.model.rows and col not in self._empty else 0
            natural = max(hint, heading, cells)
            if column.align_right or cells <= char * SHORT_TEXT_CHARS:
                least = max(heading, cells)  # money, numbers, dates and the like: never cut
            else:
                least = max(heading, char * LEAST_TEXT_CHARS)
            self._natural[col], self._least[col] = natural, min(least, natural)
        self.fit_widths()

    def _empty_columns(self) -> set[int]:
        """Columns with no text in the first few hundred rows (an Ended column when nobody has
        ended): they keep only their heading's width and are the first to give way."""
        rows = min(len(self.model.rows), RESIZE_PRECISION_ROWS)
        if not rows:
            return set()  # an empty table keeps its headings: they say what goes there
        model = self.model
        return {col for col in range(model.columnCount())
                if not any(model.index(row, col).data() for row in range(rows))}

    def fit_widths(self) -> None:
        """Fit the measured columns to the view's width: every column at its measured width when
        they fit, the spare width to the stretch columns (else shared by the columns with
        something in them); when they do not, empty
        columns give way first, then the optional ones (shown elsewhere on the page), then the
        long text columns shrink, the widest first (the stretch ones keep the most), and elide.
        Only when even the least widths do not fit does the table scroll sideways."""
        if not self._natural:
            return
        available = self.view.viewport_width
        if available <= 0:
            return  # not laid out yet: its first resize fits it
        header = self.view.horizontalHeader()
        shown = dict(self._natural)
        wanted = self._user_shown
        empty = [c for c in sorted(self._empty) if c in shown and c not in wanted]
        optional = [c for c in self.optional if c in shown and c not in wanted and c not in self._empty]

        def without_optional(columns: dict[int, int]) -> dict[int, int]:
            # An optional column stays only while the others keep their measured widths beside it.
            columns = dict(columns)
            for col in optional:
                if sum(self._least[c] if c in optional else self._natural[c] for c in columns) <= available:
                    break
                columns.pop(col, None)
            return columns

        trial = without_optional(shown)
        # Room is short when an optional column would go, or even the least widths overflow:
        # then the empty columns give way first, before anything with something in it.
        if empty and (any(c not in trial for c in optional)
                      or sum(self._least[c] for c in trial) > available):
            for col in empty:
                shown.pop(col)
            trial = without_optional(shown)
        shown = trial
        changed = False
        for col in set(empty) | set(optional) | self._dropped:
            if col in self._natural and (col in shown) == (col in self._dropped):
                self._dropped.symmetric_difference_update({col})
                self.view.setColumnHidden(col, col not in shown)
                changed = True
        least = {c: self._least[c] for c in shown}
        # With no stretch column the spare width is shared by the columns with something in them.
        widths = fitted_widths(shown, least, available, [c for c in self.stretch if c in shown],
                               spare_to=[c for c in shown if c not in self._empty])
        for col, width in widths.items():
            if header.sectionSize(col) != width:
                header.resizeSection(col, width)
        if changed or self.hidden_hint.isHidden() == bool(self.hidden_columns()):
            self._update_hidden_hint()

    # --- choosing columns -----------------------------------------------------------------------

    def hidden_columns(self) -> list[int]:
        """Columns hidden by the user or for want of room (not those the page never shows)."""
        return sorted(c for c in self._user_hidden | self._dropped if self.view.isColumnHidden(c))

    def _update_hidden_hint(self) -> None:
        hidden = self.hidden_columns()
        self.hidden_hint.setVisible(bool(hidden))
        if not hidden:
            return
        names = [self.model.columns[c].header for c in hidden]
        self.hidden_hint.setText(f"{len(hidden)} column{'s' if len(hidden) != 1 else ''} hidden")
        why = []
        for_room = [self.model.columns[c].header for c in hidden if c in self._dropped]
        by_user = [self.model.columns[c].header for c in hidden if c in self._user_hidden]
        if for_room:
            why.append(f"Hidden to make room: {', '.join(for_room)}.")
        if by_user:
            why.append(f"Hidden by you: {', '.join(by_user)}.")
        self.hidden_hint.setToolTip(" ".join(why) + " Click (or right-click a heading) to choose the columns.")
        self.hidden_hint.setAccessibleName(f"Hidden columns: {', '.join(names)}")

    def column_menu(self) -> QMenu:
        """A tick for each column: untick to hide it, tick to show it (even when room is short)."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setToolTipsVisible(True)
        shown = [c for c in range(self.model.columnCount()) if not self.view.isColumnHidden(c)]
        for col, column in enumerate(self.model.columns):
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(col in shown)
            action.setEnabled(shown != [col])  # the last column shown stays
            if col in self._dropped:
                action.setToolTip("Hidden to make room; tick to show it anyway")
            action.toggled.connect(lambda on, c=col: self.set_column_shown(c, on))
        if self.hidden_columns():
            menu.addSeparator()
            menu.addAction("Show all columns", self.show_all_columns)
        return menu

    def remember_columns(self, settings, key: str) -> None:
        """Keep the column choices in `settings` under `key`, and apply those kept there.

        Columns are kept by heading, so a release that adds or reorders columns keeps the choice."""
        import json

        self._remembered = (settings, key)
        try:
            kept = json.loads(settings.value(key, "{}") or "{}")
        except (TypeError, ValueError):
            kept = {}
        if not isinstance(kept, dict):
            kept = {}  # a damaged or foreign value: start from the page's own choice
        by_header = {column.header: col for col, column in enumerate(self.model.columns)}

        def columns(kind: str) -> list[int]:
            headings = kept.get(kind)
            return [by_header[h] for h in headings if isinstance(h, str) and h in by_header] \
                if isinstance(headings, list) else []

        hidden, shown = columns("hidden"), columns("shown")
        if len(hidden) >= len(by_header):
            return  # never every column
        self._user_hidden.update(hidden)
        self._user_shown.update(shown)
        for col in hidden:
            self.view.setColumnHidden(col, True)
        if hidden or shown:
            self.measure_columns()
            self._update_hidden_hint()

    def _keep_column_choice(self) -> None:
        if self._remembered is None:
            return
        import json

        settings, key = self._remembered
        headers = [column.header for column in self.model.columns]
        settings.setValue(key, json.dumps({"hidden": [headers[c] for c in sorted(self._user_hidden)],
                                           "shown": [headers[c] for c in sorted(self._user_shown)]}))

    def set_column_shown(self, col: int, shown: bool) -> None:
        if shown:
            self._user_hidden.discard(col)
            self._dropped.discard(col)
            self._user_shown.add(col)
        else:
            self._user_hidden.add(col)
            self._user_shown.discard(col)
            self._dropped.discard(col)
        self.view.setColumnHidden(col, not shown)
        self.measure_columns()
        self._update_hidden_hint()
        self._keep_column_choice()

    def show_all_columns(self) -> None:
        for col in self.hidden_columns():
            self.set_column_shown(col, True)

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

    # Edits a page holds before they are written (attendance chosen, a cell being typed in): the
    # window asks Save / Discard / Cancel before they could be lost (quitting, another file,
    # another page), or saves them at once where the page says so.

    saves_without_asking = False

    def unsaved_changes(self) -> str:
        """What is not saved yet, as a phrase ("attendance at the Board meeting on 01/09/2026"),
        or "" when nothing is."""
        return ""

    def save_changes(self) -> bool:
        """Write what unsaved_changes describes; False when it could not be written (and the page
        has said why)."""
        return True

    def discard_changes(self) -> None:
        """Drop what unsaved_changes describes."""

    @property
    def snapshot(self):
        return self.session.snapshot


def fitted_widths(natural: dict[int, int], least: dict[int, int], available: int,
                  stretch: Sequence[int] = (), spare_to: Sequence[int] = ()) -> dict[int, int]:
    """Column widths for a view `available` pixels wide; see TableBox.fit_widths.

    Room to spare is shared by the stretch columns, else by `spare_to`, else goes to the last. Too
    wide, the columns are cut down from the widest: every column is capped at one level (a
    stretch column at STRETCH_WEIGHT times it), never below its least width, at the highest level
    that fits; so short columns keep their width and the long text gives way."""
    widths = dict(natural)
    spare = available - sum(widths.values())
    if spare >= 0:
        takers = list(stretch) or [c for c in spare_to if c in widths] or [max(widths)]
        for i, col in enumerate(takers):
            widths[col] += spare // len(takers) + (1 if i < spare % len(takers) else 0)
        return widths
    weight = {c: STRETCH_WEIGHT if c in stretch else 1 for c in widths}

    def capped(level: int) -> dict[int, int]:
        return {c: min(natural[c], max(level * weight[c], least[c])) for c in natural}

    low, high = 0, max(natural.values())  # capped(low) may not fit; capped(high) is the natural widths
    while high - low > 1:
        mid = (low + high) // 2
        if sum(capped(mid).values()) <= available:
            low = mid
        else:
            high = mid
    widths = capped(low)
    spare = available - sum(widths.values())
    if spare > 0:  # the pixels the level's rounding left: to the columns still cut short
        for col in sorted(widths, key=lambda c: widths[c] - natural[c]):
            if spare <= 0:
                break
            give = min(spare, natural[col] - widths[col])
            widths[col] += give
            spare -= give
    return widths


def fit_columns(table: TableBox, *, stretch: int, widest: dict[int, int] | None = None) -> None:
    """Measure a TableBox's columns again, with column `stretch` taking the remaining width and
    keeping its room longest, and `widest` capping the others (see TableBox.fit_widths)."""
    table.auto_fit = False  # measured here; set_rows need not measure them first
    table.stretch = (stretch,)
    if widest is not None:
        table.widest = dict(widest)
    table.measure_columns()


class EmptyState(QWidget):
    """What a page (or a part of one) shows while nothing is recorded there: a sentence saying
    what goes there and how it gets in, and the buttons that do it, instead of a bare table."""

    def __init__(self, text: str = "", actions: Sequence[tuple[str, str | None, Callable]] = (), parent=None):
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.text = label(text, "emptyState", wrap=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.text)
        row, self.buttons = button_row(actions)
        row.setContentsMargins(24, 0, 0, 0)  # under the sentence (the label has 24 px of padding)
        layout.addLayout(row)
        layout.addStretch(1)

    def set_text(self, text: str) -> None:
        self.text.setText(text)


def menu_command(widget: QWidget, action_name: str) -> Callable[[], None]:
    """A slot running one of the main window's menu commands (e.g. 'actionImportWorkbook'), as
    the menu would: nothing when it is disabled (a read-only file)."""

    def run() -> None:
        action = getattr(getattr(widget.window(), "ui", None), action_name, None)
        if action is not None and action.isEnabled():
            action.trigger()

    return run


def page_opener(widget: QWidget, key: str) -> Callable[[], None]:
    """A slot showing another page of the main window."""

    def run() -> None:
        show = getattr(widget.window(), "show_page", None)
        if show is not None:
            show(key)

    return run


def gias_builder(widget: QWidget) -> Callable[[], None]:
    """A slot bringing in a GIAS extract: building the registers from it when the trust has no
    people yet (as the offer above the pages does), else storing it to compare."""

    def run() -> None:
        window = widget.window()
        session = getattr(window, "session", None)
        if session is None or session.read_only:
            return
        from .workbook_dialogs import import_gias, remove_offer

        if import_gias(window, create=not session.snapshot.people) and session.snapshot.people:
            remove_offer(window)

    return run
