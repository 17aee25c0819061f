"""The Meetings page's tabs for one meeting: its agenda and papers, its minutes (per item: the
minute, the decision, who declared an interest and who withdrew) and its actions.

Every edit is one `TrustSession.apply()` (one undoable step). The attendance grid stays on the
page itself (pages/meetings.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.enums import ActionStatus, Attendance, ItemPresence, Outcome
from ...domain.meetings import (
    action_state,
    business_insert_position,
    conflicts_at_item,
    conflicts_of,
    decisions_at,
    expected_attendees,
    insert_item,
    move_item,
    next_label,
    owner_label,
    previous_meeting,
    remove_item,
    standing_agenda,
)
from ...store import Delete, Insert, Update
from ..dialogs import add_choice, combo_value, confirm, fill_combo
from ..models import SEVERITY_COLOURS, Column
from ..widgets import TableBox, button, label

NO_OUTCOME = "(none)"


def edit_changes(edit) -> list:
    """An AgendaEdit (domain) as store changes."""
    out = []
    for kind, old, new in edit.changes():
        out.append(Delete(old) if kind == "delete" else Insert(new) if kind == "insert" else Update(old, new))
    return out


def meeting_words(meeting: m.Meeting) -> str:
    return f"the {meeting.body} meeting on {meeting.date:%d/%m/%Y}"


def _pdf_paths(mime) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf")]


# --- agenda --------------------------------------------------------------------------------------


class AgendaTable(QTableWidget):
    """The agenda's items; a PDF dragged from the file manager onto an item becomes its paper."""

    pdf_dropped = Signal(int, object)  # row, Path

    def __init__(self):
        super().__init__(0, 4)
        self.setHorizontalHeaderLabels(["Item", "Title", "Presenter", "Paper"])
        self.verticalHeader().setVisible(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)

    def fit_columns(self) -> None:
        """Presenter and paper as wide as they need, up to a share of the view: the title keeps the
        most room (long titles show in full as a tooltip)."""
        cap = max(110, self.viewport().width() // 5)
        for col in (2, 3):
            self.resizeColumnToContents(col)
            self.horizontalHeader().resizeSection(col, min(self.horizontalHeader().sectionSize(col), cap))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_columns()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if _pdf_paths(event.mimeData()) and self.rowCount():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        row = self.rowAt(event.position().toPoint().y())
        if row >= 0 and _pdf_paths(event.mimeData()):
            self.selectRow(row)  # shows which item the paper will go to
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        paths = _pdf_paths(event.mimeData())
        row = self.rowAt(event.position().toPoint().y())
        if not paths or row < 0:
            event.ignore()
            return
        event.acceptProposedAction()
        self.pdf_dropped.emit(row, paths[0])


class AgendaTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.meeting: m.Meeting | None = None
        self.items: list[m.AgendaItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.standing_btn = button("Start from the standing items", "add", self.start_from_standing,
                                   tip="Welcome and apologies, declarations of interest, minutes of the last "
                                       "meeting and matters arising, any other business, date of the next meeting")
        self.empty = label("", "note", wrap=True)
        layout.addWidget(self.empty)
        layout.addWidget(self.standing_btn, 0, Qt.AlignmentFlag.AlignLeft)
        self.table = AgendaTable()
        self.table.setAccessibleName("Agenda")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _: self.edit_item())
        self.table.pdf_dropped.connect(self._dropped)
        layout.addWidget(self.table, 1)
        row1 = QHBoxLayout()
        self.add_btn = button("Add item…", "add", self.add_item, tip="A new item, before any other business")
        self.edit_btn = button("Edit…", "edit", self.edit_item)
        self.up_btn = button("↑", None, lambda: self.move(-1), tip="Move the item up (the numbers follow)")
        self.down_btn = button("↓", None, lambda: self.move(+1), tip="Move the item down (the numbers follow)")
        for btn, name in ((self.up_btn, "Move up"), (self.down_btn, "Move down")):
            btn.setAccessibleName(name)
            btn.setMaximumWidth(btn.fontMetrics().horizontalAdvance("↑") + 28)
        self.remove_btn = button("Remove…", "end", self.remove)
        for btn in (self.add_btn, self.edit_btn, self.up_btn, self.down_btn, self.remove_btn):
            row1.addWidget(btn)
        row1.addStretch(1)
        layout.addLayout(row1)
        row2 = QHBoxLayout()
        self.paper_btn = button("Attach paper…", "pdf", self.choose_paper,
                                tip="A PDF for the selected item; you can also drag one onto the item")
        self.unpaper_btn = button("Remove paper…", "end", self.remove_paper)
        row2.addWidget(self.paper_btn)
        row2.addWidget(self.unpaper_btn)
        hint = label("Or drag a PDF from your files onto an item.", "pageHint", wrap=True)
        row2.addWidget(hint, 1)
        layout.addLayout(row2)

    # --- showing ---

    def show_meeting(self, meeting: m.Meeting | None) -> None:
        keep = self.current()
        self.meeting = meeting
        snap = self.page.snapshot
        self.items = list(snap.agenda_by_meeting.get(meeting.id, ())) if meeting else []
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            title = item.title + (" (confidential)" if item.confidential else "")
            paper = (item.paper_title or item.paper_name or "") if item.paper_sha256 else ""
            cells = [item.item, title, item.presenter or "", paper]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text if col != 3 else f"{paper}\n(file: {item.paper_name})" if paper else "")
                if item.standing and col == 1:
                    cell.setForeground(Qt.GlobalColor.darkGray)
                    cell.setToolTip(f"{text} (a standing item)")
                self.table.setItem(row, col, cell)
        self.table.fit_columns()
        has_items = bool(self.items)
        self.table.setVisible(has_items)
        writable = meeting is not None and not self.page.session.read_only
        self.standing_btn.setVisible(meeting is not None and not has_items)
        self.standing_btn.setEnabled(writable)
        self.empty.setVisible(not has_items)
        self.empty.setText("" if meeting is None else
                           "The agenda has no items yet. Start from the standing items, then add the business "
                           "of the meeting between them.")
        if keep is not None:
            self.select(keep.item)
        self._update_buttons()

    def current(self) -> m.AgendaItem | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.items):
            return None
        return self.items[rows[0].row()]

    def select(self, label_: str) -> bool:
        for row, item in enumerate(self.items):
            if item.item == label_:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        item = self.current()
        writable = self.meeting is not None and not self.page.session.read_only
        at = self.items.index(item) if item is not None else -1
        self.add_btn.setEnabled(writable)
        for btn in (self.edit_btn, self.remove_btn, self.paper_btn):
            btn.setEnabled(writable and item is not None)
        self.up_btn.setEnabled(writable and at > 0)
        self.down_btn.setEnabled(writable and 0 <= at < len(self.items) - 1)
        self.unpaper_btn.setEnabled(writable and item is not None and bool(item.paper_sha256))

    # --- edits ---

    def _apply(self, changes: list, description: str, select: str | None = None) -> None:
        if not changes:
            return
        self.page.session.apply(changes, description)
        if select is not None:
            self.select(select)

    def start_from_standing(self) -> None:
        meeting = self.meeting
        if meeting is None or self.items:
            return
        self._apply([Insert(i) for i in standing_agenda(meeting.id)],
                    f"Start the agenda of {meeting_words(meeting)} from the standing items")

    def add_item(self) -> None:
        from ..meeting_dialogs import ask_item

        meeting = self.meeting
        if meeting is None:
            return
        record = ask_item(self, f"Add an item to {meeting_words(meeting)}", None, meeting.id)
        if record is None:
            return
        snap = self.page.snapshot
        at = business_insert_position(self.items)
        labels = [i.item for i in self.items] + [next_label(self.items[-1].item if self.items else None)]
        edit = insert_item(snap, meeting.id, record, at)
        self._apply(edit_changes(edit), f"Add item {labels[at]} ({record.title}) to {meeting_words(meeting)}",
                    labels[at])

    def edit_item(self) -> None:
        from ..meeting_dialogs import ask_item

        item = self.current()
        if item is None or self.page.session.read_only:
            return
        record = ask_item(self, f"Edit item {item.item}", item, item.meeting_id)
        if record is not None and record != item:
            self._apply([Update(item, record)], f"Edit item {item.item} of {meeting_words(self.meeting)}", item.item)

    def move(self, step: int) -> None:
        item = self.current()
        if item is None:
            return
        at = self.items.index(item)
        if not 0 <= at + step < len(self.items):
            return
        target = self.items[at + step].item
        edit = move_item(self.page.snapshot, item.meeting_id, item.item, step)
        self._apply(edit_changes(edit), f"Move item {item.item} ({item.title}) {'up' if step < 0 else 'down'}",
                    target)

    def remove(self) -> None:
        item = self.current()
        if item is None:
            return
        snap = self.page.snapshot
        deciding = [d for d in decisions_at(snap, item.meeting_id) if d.decision_item == item.item]
        records = [r for r in snap.item_attendance_by_meeting.get(item.meeting_id, ()) if r.item == item.item]
        extra = ""
        if deciding:
            extra += (f"\n\nIt is recorded as deciding {len(deciding)} pay decision(s) or agreement(s); they keep "
                      "the meeting but no longer name the item.")
        if records:
            extra += f"\n\nIts {len(records)} record(s) of declared interests and withdrawals go with it."
        if item.minute or item.decision:
            extra += "\n\nIts minute and decision go with it."
        if not confirm(self, "Remove agenda item",
                       f"Remove item {item.item}, {item.title}? The items after it move up one.{extra}\n\n"
                       "Edit > Undo brings it back."):
            return
        edit = remove_item(snap, item.meeting_id, item.item)
        self._apply(edit_changes(edit), f"Remove item {item.item} ({item.title}) from {meeting_words(self.meeting)}")

    def choose_paper(self) -> None:
        from ..meeting_dialogs import ask_paper_file

        item = self.current()
        if item is None or self.page.session.read_only:
            return
        path = ask_paper_file(self, getattr(self.window(), "settings", None))
        if path is not None:
            self.attach(item, path)

    def _dropped(self, row: int, path: Path) -> None:
        if self.page.session.read_only or not 0 <= row < len(self.items):
            return
        self.attach(self.items[row], path)

    def attach(self, item: m.AgendaItem, path: Path) -> None:
        from ..meeting_dialogs import ask_paper_title, attach_paper, read_paper, warn_paper

        try:
            read_paper(path)  # say what is wrong with the file before asking for its title
        except ValueError as exc:
            warn_paper(self, str(exc))
            return
        title = ask_paper_title(self, item, path)
        if title is None:
            return
        try:
            attach_paper(self.page.session, item, path, title)
        except ValueError as exc:
            warn_paper(self, str(exc))
            return
        self.select(item.item)

    def remove_paper(self) -> None:
        item = self.current()
        if item is None or not item.paper_sha256:
            return
        title = item.paper_title or item.paper_name
        if not confirm(self, "Remove paper", f"Remove the paper '{title}' from item {item.item}? Edit > Undo "
                                             "brings it back."):
            return
        new = replace(item, paper_name=None, paper_sha256=None, paper_title=None)
        self._apply([Update(item, new)], f"Remove the paper from item {item.item} of {meeting_words(self.meeting)}",
                    item.item)


# --- minutes -------------------------------------------------------------------------------------


# The tick columns of an item's grid: (key, what it records, heading, tooltip start).
PRESENCE_COLUMNS = (
    ("declared", ItemPresence.DECLARED_INTEREST, "Declared", "Declared an interest"),
    ("withdrew", ItemPresence.WITHDREW, "Withdrew", "Left the room for this item"),
    ("arrived", ItemPresence.ARRIVED, "Arrived", "Arrived during this item (not there for the items before)"),
    ("left", ItemPresence.LEFT, "Left", "Left the meeting during this item (not there for the items after)"),
)
INTEREST_COLUMN = len(PRESENCE_COLUMNS) + 1


def _nothing_recorded() -> dict:
    return {key: False for key, *_ in PRESENCE_COLUMNS} | {"interest": ""}


class MinutesTab(QWidget):
    """Per item: minute, decision, outcome, the decisions it takes, and who declared an interest
    and who withdrew (one click each; prefilled for the people the item's decisions concern)."""

    def __init__(self, page):
        super().__init__()
        self.page = page
        self.meeting: m.Meeting | None = None
        self.item: m.AgendaItem | None = None
        self.dirty = False
        self._people: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        approve_row = QHBoxLayout()
        self.approval = label("", "note", wrap=True)
        approve_row.addWidget(self.approval, 1)
        self.approve_btn = button("Approve the minutes of the last meeting", "save", self.approve_last)
        approve_row.addWidget(self.approve_btn, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(approve_row)
        chooser = QHBoxLayout()
        self.item_choice = QComboBox()
        self.item_choice.setAccessibleName("Agenda item")
        self.item_choice.setMinimumContentsLength(24)
        self.item_choice.currentIndexChanged.connect(self._item_chosen)
        self.prev_btn = button("Previous", None, lambda: self._step(-1))
        self.next_btn = button("Next", None, lambda: self._step(+1))
        chooser.addWidget(label("Item:"))
        chooser.addWidget(self.item_choice, 1)
        chooser.addWidget(self.prev_btn)
        chooser.addWidget(self.next_btn)
        outer.addLayout(chooser)
        self.empty = label("", "note", wrap=True)
        outer.addWidget(self.empty)

        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 4, 0, 0)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.minute = QPlainTextEdit()
        self.minute.setAccessibleName("Minute")
        self.minute.setPlaceholderText("What was discussed and agreed")
        self.minute.setFixedHeight(84)
        self.decision = QPlainTextEdit()
        self.decision.setAccessibleName("Decision")
        self.decision.setPlaceholderText("The resolution, if one was made")
        self.decision.setFixedHeight(46)
        self.outcome = QComboBox()
        self.outcome.setAccessibleName("Outcome")
        fill_combo(self.outcome, [(o.value, o) for o in Outcome], blank=NO_OUTCOME)
        form.addRow("Minute:", self.minute)
        form.addRow("Decision:", self.decision)
        form.addRow("Outcome:", self.outcome)
        self.decides = QListWidget()
        self.decides.setAccessibleName("Decisions taken at this item")
        self.decides.setFixedHeight(46)
        self.decides_label = label("Decides:")
        form.addRow(self.decides_label, self.decides)
        editor_layout.addLayout(form)
        self.grid = QTableWidget(0, INTEREST_COLUMN + 1)
        self.grid.setAccessibleName("Interests, withdrawals, arrivals and departures")
        self.grid.setHorizontalHeaderLabels(["Name", *(heading for _, _, heading, _ in PRESENCE_COLUMNS),
                                             "Interest"])
        for col, (_, _, _, tip) in enumerate(PRESENCE_COLUMNS, start=1):
            self.grid.horizontalHeaderItem(col).setToolTip(tip)
        self.grid.horizontalHeaderItem(INTEREST_COLUMN).setToolTip("The interest declared, in a few words")
        self.grid.verticalHeader().setVisible(False)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.grid.setWordWrap(False)
        header = self.grid.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for col in range(1, INTEREST_COLUMN):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(INTEREST_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.grid.setMinimumHeight(110)
        self.grid.itemChanged.connect(self._changed)
        self.conflict_note = label("", "pageHint", wrap=True)
        editor_layout.addWidget(label("Interests, withdrawals, arrivals and departures at this item "
                                      "(one click each):"))
        editor_layout.addWidget(self.grid, 1)
        editor_layout.addWidget(self.conflict_note)
        for widget in (self.minute, self.decision):
            widget.textChanged.connect(self._changed)
        self.outcome.currentIndexChanged.connect(self._changed)
        self.decides.itemChanged.connect(self._decides_changed)
        outer.addWidget(self.editor, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        self.save_btn = button("Save item", "save", self.save)
        save_row.addWidget(self.save_btn)
        outer.addLayout(save_row)

    def _changed(self, *_) -> None:
        if not getattr(self, "_loading", False):
            self.dirty = True

    # --- showing ---

    def show_meeting(self, meeting: m.Meeting | None, keep_item: bool = True) -> None:
        current = self.item.item if (self.item and keep_item and meeting and self.meeting
                                     and meeting.id == self.meeting.id) else None
        pending = self._pending() if self.dirty and current else None
        self.meeting = meeting
        snap = self.page.snapshot
        items = list(snap.agenda_by_meeting.get(meeting.id, ())) if meeting else []
        self.item_choice.blockSignals(True)
        self.item_choice.clear()
        for item in items:
            add_choice(self.item_choice, f"{item.item}. {item.title}", item.item)
        index = next((n for n, i in enumerate(items) if i.item == current), 0)
        self.item_choice.setCurrentIndex(index if items else -1)
        self.item_choice.blockSignals(False)
        self._show_approval()
        self.editor.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.empty.setText("" if meeting is None else "Add the agenda first (Agenda tab): the minutes follow its items.")
        self._load(items[index] if items else None, pending)

    def _show_approval(self) -> None:
        meeting = self.meeting
        snap = self.page.snapshot
        last = previous_meeting(snap, meeting) if meeting else None
        writable = not self.page.session.read_only
        if meeting is None:
            self.approval.setText("")
            self.approve_btn.setVisible(False)
            return
        own = ("Minutes of this meeting: approved on "
               f"{meeting.minutes_approved_on:%d/%m/%Y}." if meeting.minutes_approved_on
               else "Minutes of this meeting: draft (not yet approved).")
        if last is None:
            self.approval.setText(f"{own} No earlier meeting of {meeting.body} is recorded.")
            self.approve_btn.setVisible(False)
            return
        if last.minutes_approved_on:
            where = " at this meeting" if last.minutes_approved_at == meeting.id else ""
            said = f"approved on {last.minutes_approved_on:%d/%m/%Y}{where}"
        else:
            said = "draft, not yet approved"
        self.approval.setText(f"{own} The last meeting's ({last.date:%d/%m/%Y}) minutes: {said}.")
        self.approve_btn.setVisible(last.minutes_approved_at != meeting.id)
        self.approve_btn.setEnabled(writable)

    def _load(self, item: m.AgendaItem | None, pending: dict | None = None) -> None:
        self._loading = True
        try:
            self.item = item
            self.prev_btn.setEnabled(self.item_choice.currentIndex() > 0)
            self.next_btn.setEnabled(0 <= self.item_choice.currentIndex() < self.item_choice.count() - 1)
            writable = not self.page.session.read_only
            for widget in (self.minute, self.decision):
                widget.setReadOnly(not writable)
            self.outcome.setEnabled(writable)
            self.save_btn.setEnabled(writable and item is not None)
            if item is None:
                self.minute.setPlainText("")
                self.decision.setPlainText("")
                self.grid.setRowCount(0)
                self.dirty = False
                return
            values = pending or {}
            self.minute.setPlainText(values.get("minute", item.minute or ""))
            self.decision.setPlainText(values.get("decision", item.decision or ""))
            outcome = values.get("outcome", item.outcome)
            self.outcome.setCurrentIndex(next(i for i in range(self.outcome.count())
                                              if combo_value(self.outcome, i) == outcome))
            self._fill_decides(item, values.get("decides"))
            self._fill_grid(item, values.get("grid"))
            self.dirty = bool(pending)
        finally:
            self._loading = False

    def _fill_decides(self, item: m.AgendaItem, checked: set | None) -> None:
        snap = self.page.snapshot
        decisions = decisions_at(snap, item.meeting_id)
        self.decides.clear()
        for d in decisions:
            if isinstance(d, m.PayDecision):
                text = f"Pay decision {d.id}: {snap.person_label(d.person_id)}"
            else:
                text = f"Agreement {d.id} with {d.related_organisation}"
            if d.decision_item and d.decision_item != item.item:
                text += f" (now item {d.decision_item})"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, (type(d).__name__, d.id))
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = (type(d).__name__, d.id) in checked if checked is not None else d.decision_item == item.item
            entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.decides.addItem(entry)
        self.decides.setVisible(bool(decisions))
        self.decides_label.setVisible(bool(decisions))

    def _fill_grid(self, item: m.AgendaItem, pending: dict | None) -> None:
        snap = self.page.snapshot
        meeting = self.meeting
        conflicts = {c.person_id: c for c in conflicts_at_item(snap, meeting, item.item)}
        rows = [r for r in snap.item_attendance_by_meeting.get(meeting.id, ()) if r.item == item.item]
        recorded: dict[str, dict] = {}
        key_of = {what: key for key, what, *_ in PRESENCE_COLUMNS}
        for r in rows:
            entry = recorded.setdefault(r.person_id, _nothing_recorded())
            entry[key_of[r.what]] = True
            if r.what == ItemPresence.DECLARED_INTEREST:
                entry["interest"] = r.interest or entry["interest"]
        attending = [a.person_id for a in snap.attendance_by_meeting.get(meeting.id, ())
                     if a.attendance == Attendance.PRESENT]
        others = attending or list(expected_attendees(snap, meeting))
        people = list(conflicts) + [p for p in recorded if p not in conflicts]
        rest = sorted((p for p in others if p not in people),
                      key=lambda pid: snap.person_by_id[pid].sort_name if pid in snap.person_by_id else pid)
        self._people = people + rest
        # Prefilled: the people the item's decisions concern, when nothing is recorded at it yet.
        suggest = not rows and pending is None and bool(conflicts)
        self.grid.blockSignals(True)
        self.grid.setRowCount(0)
        for pid in self._people:
            state = (pending or {}).get(pid) or recorded.get(pid) or (
                _nothing_recorded() | {"declared": True, "withdrew": True, "interest": conflicts[pid].reason[:1].upper()
                                       + conflicts[pid].reason[1:]} if suggest and pid in conflicts
                else _nothing_recorded())
            self._add_row(pid, state, f" ({conflicts[pid].reason})" if pid in conflicts else "")
        self.grid.blockSignals(False)
        self.grid.resizeColumnToContents(0)
        cap = max(160, self.grid.width() * 2 // 5)
        self.grid.horizontalHeader().resizeSection(0, min(self.grid.horizontalHeader().sectionSize(0), cap))
        if suggest:
            names = ", ".join(snap.person_label(p) for p in conflicts)
            self.conflict_note.setText(f"Ticked for {names}: this item decides their pay or agreement. Check, "
                                       "then Save item to record it.")
        elif conflicts:
            self.conflict_note.setText("Listed first: the people this item's decisions concern.")
        else:
            self.conflict_note.setText("Tick who declared an interest in this item and who left the room for it; "
                                       "Arrived and Left are for anyone who came late or went early.")

    def _decides_changed(self, entry: QListWidgetItem) -> None:
        """Ticking a decision the item takes ticks its people's declaration and withdrawal (one
        click for the clerk, who can untick what did not happen)."""
        if getattr(self, "_loading", False):
            return
        self.dirty = True
        if entry.checkState() != Qt.CheckState.Checked or self.meeting is None:
            return
        kind, key = entry.data(Qt.ItemDataRole.UserRole)
        snap = self.page.snapshot
        decision = next(d for d in decisions_at(snap, self.meeting.id) if (type(d).__name__, d.id) == (kind, key))
        for conflict in conflicts_of(snap, decision, self.meeting.date):
            if conflict.person_id not in self._people:
                self._people.append(conflict.person_id)
                self._add_row(conflict.person_id, _nothing_recorded(), f" ({conflict.reason})")
            state = self._grid_state()[conflict.person_id]
            interest = state["interest"] or conflict.reason[:1].upper() + conflict.reason[1:]
            self.tick(conflict.person_id, declared=True, withdrew=True, interest=interest)

    def _add_row(self, pid: str, state: dict, note: str = "") -> None:
        snap = self.page.snapshot
        writable = not self.page.session.read_only
        blocked = self.grid.signalsBlocked()
        self.grid.blockSignals(True)
        row = self.grid.rowCount()
        self.grid.insertRow(row)
        text = snap.person_label(pid) + note
        name = QTableWidgetItem(text)
        name.setFlags(Qt.ItemFlag.ItemIsEnabled)
        name.setToolTip(text)
        self.grid.setItem(row, 0, name)
        for col, (key, _, _, tip) in enumerate(PRESENCE_COLUMNS, start=1):
            box = QTableWidgetItem("")
            box.setFlags(Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsUserCheckable if writable
                                                      else Qt.ItemFlag.NoItemFlags))
            box.setCheckState(Qt.CheckState.Checked if state.get(key) else Qt.CheckState.Unchecked)
            box.setToolTip(f"{tip}: {snap.person_label(pid)}")
            self.grid.setItem(row, col, box)
        interest = QTableWidgetItem(state["interest"])
        interest.setFlags(Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsEditable if writable
                                                       else Qt.ItemFlag.NoItemFlags))
        interest.setToolTip("The interest, in a few words (double-click to type)")
        self.grid.setItem(row, INTEREST_COLUMN, interest)
        self.grid.blockSignals(blocked)

    def _grid_state(self) -> dict[str, dict]:
        out = {}
        for row, pid in enumerate(self._people):
            out[pid] = {key: self.grid.item(row, col).checkState() == Qt.CheckState.Checked
                        for col, (key, *_) in enumerate(PRESENCE_COLUMNS, start=1)}
            out[pid]["interest"] = " ".join(self.grid.item(row, INTEREST_COLUMN).text().split())
        return out

    def tick(self, person_id: str, declared: bool | None = None, withdrew: bool | None = None,
             interest: str | None = None, *, arrived: bool | None = None, left: bool | None = None) -> None:
        """Set a person's boxes at the item shown (as one click each would)."""
        row = self._people.index(person_id)
        wanted = {"declared": declared, "withdrew": withdrew, "arrived": arrived, "left": left}
        for col, (key, *_) in enumerate(PRESENCE_COLUMNS, start=1):
            if wanted[key] is not None:
                self.grid.item(row, col).setCheckState(Qt.CheckState.Checked if wanted[key] else Qt.CheckState.Unchecked)
        if interest is not None:
            self.grid.item(row, INTEREST_COLUMN).setText(interest)

    def _pending(self) -> dict:
        return {"minute": self.minute.toPlainText(), "decision": self.decision.toPlainText(),
                "outcome": combo_value(self.outcome), "grid": self._grid_state(),
                "decides": {self.decides.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.decides.count())
                            if self.decides.item(i).checkState() == Qt.CheckState.Checked}}

    # --- moving between items ---

    def _item_chosen(self, index: int) -> None:
        label_ = combo_value(self.item_choice, index) if index >= 0 else None
        snap = self.page.snapshot
        item = next((i for i in snap.agenda_by_meeting.get(self.meeting.id, ()) if i.item == label_), None) \
            if self.meeting else None
        if self.dirty and self.item is not None and (item is None or item.item != self.item.item):
            self.offer_to_save()
        item = next((i for i in self.page.snapshot.agenda_by_meeting.get(self.meeting.id, ()) if i.item == label_),
                    None) if self.meeting else None
        self._load(item)

    def _step(self, step: int) -> None:
        self.item_choice.setCurrentIndex(self.item_choice.currentIndex() + step)

    def offer_to_save(self) -> None:
        """Leaving an item with edits not saved: ask, and save them if the answer is Yes."""
        if not self.dirty or self.item is None or self.meeting is None:
            self.dirty = False
            return
        if self.meeting.id not in self.page.snapshot.meeting_by_id:
            self.dirty = False
            return
        changes = self.changes()
        self.dirty = False
        if changes and confirm(self, "Save minute", f"Save what you changed at item {self.item.item}?",
                               default_yes=True):
            # Written once the choice that led here is over: a write refreshes the page, and
            # rebuilding a list in the middle of its own change handler is not safe in Qt.
            description = self._description()
            QTimer.singleShot(0, lambda: self.page.session.apply(changes, description))

    # --- saving ---

    def _description(self) -> str:
        return f"Minute item {self.item.item} of {meeting_words(self.meeting)}"

    def unsaved(self) -> str:
        if not self.dirty or self.item is None or not self.changes():
            return ""
        return f"the minute of item {self.item.item} of {meeting_words(self.meeting)}"

    def changes(self) -> list:
        item, meeting = self.item, self.meeting
        snap = self.page.snapshot
        current = next((i for i in snap.agenda_by_meeting.get(meeting.id, ()) if i.item == item.item), None)
        if current is None:
            return []
        out: list = []
        text = self.minute.toPlainText().strip() or None
        decision = self.decision.toPlainText().strip() or None
        new = replace(current, minute=text, decision=decision, outcome=combo_value(self.outcome))
        if new != current:
            out.append(Update(current, new))
        checked = {self.decides.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.decides.count())
                   if self.decides.item(i).checkState() == Qt.CheckState.Checked}
        for d in decisions_at(snap, meeting.id):
            key = (type(d).__name__, d.id)
            if key in checked and d.decision_item != item.item:
                out.append(Update(d, replace(d, decision_item=item.item)))
            elif key not in checked and d.decision_item == item.item:
                out.append(Update(d, replace(d, decision_item=None)))
        rows = {(r.person_id, r.what): r for r in snap.item_attendance_by_meeting.get(meeting.id, ())
                if r.item == item.item}
        for pid, state in self._grid_state().items():
            for key, what, *_ in PRESENCE_COLUMNS:
                wanted = state[key]
                interest = state["interest"] or None if what == ItemPresence.DECLARED_INTEREST else None
                old = rows.get((pid, what))
                if wanted and old is None:
                    out.append(Insert(m.ItemAttendance(meeting.id, item.item, pid, what, interest=interest)))
                elif not wanted and old is not None:
                    out.append(Delete(old))
                elif wanted and old is not None and what == ItemPresence.DECLARED_INTEREST and old.interest != interest:
                    out.append(Update(old, replace(old, interest=interest)))
        return out

    def save(self) -> bool:
        if self.item is None or self.meeting is None:
            return True
        changes = self.changes()
        self.dirty = False
        if changes:
            self.page.session.apply(changes, self._description())
        return True

    def approve_last(self) -> None:
        meeting = self.meeting
        if meeting is None or self.page.session.read_only:
            return
        last = previous_meeting(self.page.snapshot, meeting)
        if last is None:
            return
        as_of = self.page.session.as_of
        question = (f"Record the minutes of the {last.body} meeting on {last.date:%d/%m/%Y} as approved at "
                    f"{meeting_words(meeting)}?")
        if meeting.date > as_of:
            question += f"\n\nThat meeting is on {meeting.date:%d/%m/%Y}, after the date shown ({as_of:%d/%m/%Y})."
        if not confirm(self, "Approve minutes", question, default_yes=meeting.date <= as_of):
            return
        self.page.session.apply(
            [Update(last, replace(last, minutes_approved_on=meeting.date, minutes_approved_at=meeting.id))],
            f"Approve the minutes of {meeting_words(last)} at {meeting_words(meeting)}")


# --- actions -------------------------------------------------------------------------------------


class ActionsTab(QWidget):
    def __init__(self, page):
        super().__init__()
        self.page = page
        self.meeting: m.Meeting | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.table = TableBox([
            Column("Action", lambda a: a.action, tooltip=lambda a: a.action + (f"\n\n{a.notes}" if a.notes else "")),
            Column("Owner", lambda a: owner_label(self.page.snapshot, a.owner)),
            Column("Due", lambda a: a.due_date),
            Column("Status", lambda a: action_state(a, self.page.session.as_of)),
            Column("Item", lambda a: a.item or ""),
        ], stretch=(0,), optional=(4,))
        self.table.filter.hide()
        self.table.model.row_colour = lambda a: (SEVERITY_COLOURS["must"]
                                                 if action_state(a, self.page.session.as_of) == "Overdue" else None)
        self.table.selection_changed.connect(lambda _: self._update_buttons())
        self.table.activated.connect(lambda _: self.edit_action())
        self.empty = label("", "note", wrap=True)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_btn = button("Add action…", "add", self.add_action)
        self.edit_btn = button("Edit…", "edit", self.edit_action)
        self.done_btn = button("Mark done", "save", self.mark_done)
        self.remove_btn = button("Remove…", "end", self.remove_action)
        for btn in (self.add_btn, self.edit_btn, self.done_btn, self.remove_btn):
            row.addWidget(btn)
        row.addStretch(1)
        layout.addLayout(row)

    def show_meeting(self, meeting: m.Meeting | None) -> None:
        self.meeting = meeting
        actions = sorted(self.page.snapshot.actions_by_meeting.get(meeting.id, ()) if meeting else [],
                         key=lambda a: (a.due_date, a.id))
        self.table.set_rows(actions, keep=lambda a: a.id)
        self.table.setVisible(bool(actions))
        self.empty.setVisible(not actions)
        self.empty.setText("" if meeting is None else
                           "No actions are recorded for this meeting. Add each one with its owner and due date; "
                           "the action log lists them until they are done.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        current = self.table.current()
        writable = self.meeting is not None and not self.page.session.read_only
        self.add_btn.setEnabled(writable)
        self.edit_btn.setEnabled(writable and current is not None)
        self.remove_btn.setEnabled(writable and current is not None)
        self.done_btn.setEnabled(writable and current is not None and current.status == ActionStatus.OPEN)

    def select(self, action_id: str) -> bool:
        return self.table.select_where(lambda a: a.id == action_id)

    def add_action(self) -> None:
        from ..meeting_dialogs import ask_action

        if self.meeting is None:
            return
        record = ask_action(self, self.page.snapshot, self.meeting, today=self.page.session.as_of)
        if record is not None:
            self.page.session.apply([Insert(record)], f"Add action {record.id} from {meeting_words(self.meeting)}")
            self.select(record.id)

    def edit_action(self) -> None:
        from ..meeting_dialogs import ask_action

        action = self.table.current()
        if action is None or self.page.session.read_only:
            return
        record = ask_action(self, self.page.snapshot, self.meeting, action, today=self.page.session.as_of)
        if record is not None and record != action:
            self.page.session.apply([Update(action, record)], f"Edit action {action.id}")

    def mark_done(self) -> None:
        action = self.table.current()
        if action is None or action.status != ActionStatus.OPEN:
            return
        done_on = max(self.page.session.as_of, self.meeting.date)
        self.page.session.apply([Update(action, replace(action, status=ActionStatus.DONE, done_on=done_on))],
                                f"Mark action {action.id} done")

    def remove_action(self) -> None:
        action = self.table.current()
        if action is None:
            return
        if not confirm(self, "Remove action",
                       f"Remove the action '{action.action}'? Remove only an action recorded in error; one the "
                       "board no longer wants can be marked Dropped instead (Edit…). Edit > Undo brings it back."):
            return
        self.page.session.apply([Delete(action)], f"Remove action {action.id}")
