"""Meetings and attendance: meetings per body, status, papers-sent date, who attended."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.enums import Attendance, BodyType, MeetingStatus
from ...domain.meetings import expected_attendees, standing_agenda
from ...domain.validate import parse_time
from ...store import Delete, Insert, Update
from ..dialogs import FieldError, FieldSpec, RecordDialog, choices, combo_value, confirm, fill_combo, next_id
from ..models import Column
from ..widgets import EmptyState, Page, TableBox, button, label
from .meeting_tabs import ActionsTab, AgendaTab, MinutesTab

NOT_RECORDED = "(not recorded)"
TABS = {"agenda": 0, "attendance": 1, "minutes": 2, "actions": 3}

_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def suggest_meeting_id(body_meetings, existing: set[str]) -> str:
    """The body's latest meeting ID with its last number one up ('BRD-2627-6' -> 'BRD-2627-7'),
    so a new meeting follows the trust's own numbering; 'M001'... when there is none to follow."""
    for meeting in sorted(body_meetings, key=lambda mt: (mt.date, mt.id), reverse=True):
        match = _TRAILING_NUMBER.match(meeting.id)
        if match:
            prefix, number = match.group(1), int(match.group(2))
            width = len(match.group(2))
            while f"{prefix}{number:0{width}d}" in existing:
                number += 1
            return f"{prefix}{number:0{width}d}"
    return next_id("M", existing)


class MeetingsPage(Page):
    """The meeting's home: the list of a body's meetings and, for the one chosen, its agenda and
    papers, attendance (expected, apologies, present), minutes item by item (with who declared an
    interest and who withdrew) and actions."""

    key, title, icon_name = "meetings", "Meetings and attendance", "meetings"
    hint = ("Each body's meetings: build the agenda and attach papers before, record attendance, minutes "
            "and actions after.")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        # The meeting whose attendance the grid shows, and whether a choice in it is not saved yet.
        self._grid_meeting: m.Meeting | None = None
        self._grid_dirty = False
        self._grid_people: list[str] = []
        bar = QHBoxLayout()
        self.body_choice = QComboBox()
        self.body_choice.setAccessibleName("Body")
        self.body_choice.setMinimumContentsLength(24)
        self.body_choice.currentIndexChanged.connect(lambda _: self._fill())
        bar.addWidget(self.body_choice)
        bar.addStretch(1)
        self.add_btn = button("Add meeting…", "add", self.add_meeting)
        self.edit_btn = button("Edit meeting…", "edit", self.edit_meeting,
                               tip="Date, time, venue, when the papers went out and whether it was held")
        self.delete_btn = button("Delete meeting…", "end", self.delete_meeting,
                                 tip="Delete a meeting entered in error, with its attendance, agenda and actions")
        bar.addWidget(self.add_btn)
        bar.addWidget(self.edit_btn)
        bar.addWidget(self.delete_btn)
        self.body.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = TableBox([
            Column("Date", lambda mt: mt.date),
            Column("Status", lambda mt: mt.status),
            Column("Papers sent", lambda mt: mt.papers_sent_on),
            Column("Notice", lambda mt: (mt.date - mt.papers_sent_on).days if mt.papers_sent_on else None,
                   display=lambda days: "" if days is None else f"{days} day{'' if days == 1 else 's'}",
                   align_right=True),
            # Blank until the meeting is held and its attendance recorded (apologies may come first).
            Column("Present", lambda mt: self._present_count(mt.id)
                   if mt.status == MeetingStatus.HELD and self.snapshot.attendance_by_meeting.get(mt.id) else None,
                   align_right=True),
            Column("Meeting ID", lambda mt: mt.id),
        ], optional=(5, 2, 3))  # beside the meeting in a narrow window: the ID, papers sent, notice give way
        # Room for the date, status and present count however narrow the window: the meeting
        # beside it gives way first.
        self.table.setMinimumWidth(self.fontMetrics().horizontalAdvance("00/00/0000  Scheduled  Present  ") + 60)
        self.table.selection_changed.connect(self._show_attendance)
        self.table.activated.connect(lambda _: self.edit_meeting())
        self.table.delete_with(self.delete_btn)
        splitter.addWidget(self.table)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.meeting_title = label("", "sectionTitle", wrap=True)
        self.meeting_where = label("", "pageHint", wrap=True)
        titles.addWidget(self.meeting_title)
        titles.addWidget(self.meeting_where)
        head.addLayout(titles, 1)
        self.pack_btn = button("Pack…", "pdf", self.make_pack,
                               tip="The pack for this meeting: agenda, apologies, declarations, the last minutes, "
                                   "matters arising and the papers")
        head.addWidget(self.pack_btn, 0, Qt.AlignmentFlag.AlignTop)
        right_layout.addLayout(head)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.agenda_tab = AgendaTab(self)
        self.tabs.addTab(self.agenda_tab, "Agenda and papers")

        attendance = QWidget()
        attendance_layout = QVBoxLayout(attendance)
        attendance_layout.setContentsMargins(0, 6, 0, 0)
        self.attendance_title = label("Attendance", "sectionTitle")
        attendance_layout.addWidget(self.attendance_title)
        attendance_layout.addWidget(label(
            "Everyone in office on the body on the meeting date is expected. Record apologies as they come in, "
            "and who was present after the meeting.", "pageHint", wrap=True))
        self.grid = QTableWidget(0, 3)
        self.grid.setHorizontalHeaderLabels(["Name", "Role", "Attendance"])
        self.grid.verticalHeader().setVisible(False)
        self.grid.setWordWrap(False)  # long roles are cut short (tooltip), rows stay one line high
        self.grid.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.grid.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        attendance_layout.addWidget(self.grid, 1)
        save_bar = QHBoxLayout()
        save_bar.addStretch(1)
        self.save_btn = button("Save attendance", "save", self.save_attendance)
        save_bar.addWidget(self.save_btn)
        attendance_layout.addLayout(save_bar)
        self.tabs.addTab(attendance, "Attendance")
        self.minutes_tab = MinutesTab(self)
        self.tabs.addTab(self.minutes_tab, "Minutes")
        self.actions_tab = ActionsTab(self)
        self.tabs.addTab(self.actions_tab, "Actions")
        right_layout.addWidget(self.tabs, 1)
        self.no_meeting = label("", "emptyState", wrap=True)
        self.no_meeting.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right_layout.addWidget(self.no_meeting, 1)
        splitter.addWidget(right)
        # The meeting beside the list has more to show: the list keeps about its least width.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 700])
        splitter.setChildrenCollapsible(False)
        self.body.addWidget(splitter, 1)
        self.content = splitter
        self.empty = EmptyState("", [("Add meeting…", "add", self.add_meeting)])
        self.empty.hide()
        self.body.addWidget(self.empty, 1)

    def _present_count(self, meeting_id: str) -> int:
        return sum(1 for a in self.snapshot.attendance_by_meeting.get(meeting_id, [])
                   if a.attendance == Attendance.PRESENT)

    def body_names(self) -> list[str]:
        order = {BodyType.BOARD: 0, BodyType.MEMBERS: 1, BodyType.LOCAL_GOVERNING_BODY: 3}
        bodies = sorted(self.snapshot.body_by_name.values(), key=lambda b: (order.get(b.type, 2), b.name))
        return [b.name for b in bodies]

    def refresh(self) -> None:
        current = self.body_choice.currentData() or m.BOARD_BODY
        names = self.body_names()
        self.body_choice.blockSignals(True)
        self.body_choice.clear()
        for name in names:
            count = len(self.snapshot.meetings_by_body.get(name, []))
            self.body_choice.addItem(f"{name} ({count} meetings)", name)
        if current in names:
            self.body_choice.setCurrentIndex(names.index(current))
        self.body_choice.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        body = self.body_choice.currentData()
        meetings = sorted(self.snapshot.meetings_by_body.get(body, []), key=lambda mt: mt.date, reverse=True)
        self.table.set_rows(meetings, keep=lambda mt: mt.id)
        if self.table.current() is None:
            # Open on the latest meeting held by the as-at date: the one whose attendance is recorded next.
            as_of = self.session.as_of
            self.table.select_where(lambda mt: mt.date <= as_of)
        self._show_attendance(self.table.current())
        self._show_empty(body, not meetings)

    def _show_empty(self, body, empty: bool) -> None:
        """A body with no meetings yet: what to record and how, instead of an empty list and grid."""
        self.content.setVisible(not empty)
        self.empty.setVisible(empty)
        for b in (self.add_btn, self.edit_btn, self.delete_btn):
            b.setVisible(not empty)
        if empty:
            duty = (" The board must meet at least three times a year." if body == m.BOARD_BODY else "")
            self.empty.set_text(
                f"No meetings of {'the board' if body == m.BOARD_BODY else body or 'this body'} are recorded "
                "yet. Add its meetings for this year, held "
                f"and planned, with the date the papers went out; then record who attended each one.{duty}")
            self.empty.buttons[0].setEnabled(body is not None and not self.session.read_only)

    def _offer_to_save(self, next_meeting) -> None:
        """Choosing another meeting (or body) would drop attendance chosen but not saved: ask."""
        shown = getattr(self, "_grid_meeting", None)
        if not getattr(self, "_grid_dirty", False) or shown is None:
            return
        if next_meeting is not None and next_meeting.id == shown.id:
            return
        self._grid_dirty = False
        if shown.id not in self.snapshot.meeting_by_id:
            return  # the meeting itself is gone (an undo removed it): nothing to save it to
        changes = self._attendance_changes(shown)
        if not changes:
            return
        if confirm(
            self, "Save attendance",
            f"Save the attendance you changed for the {shown.body} meeting on {shown.date:%d/%m/%Y}?",
            default_yes=True):
            # Written once the selection change is over: a write reloads the meetings list, and
            # resetting it in the middle of its own selection change crashed Qt.
            description = f"Record attendance at {shown.body} on {shown.date:%d/%m/%Y}"
            QTimer.singleShot(0, lambda: self.session.apply(changes, description))

    def _show_attendance(self, meeting) -> None:
        self._offer_to_save(meeting)
        if self.minutes_tab.meeting is not None and (meeting is None or meeting.id != self.minutes_tab.meeting.id):
            self.minutes_tab.offer_to_save()
        # The same meeting shown again (after any edit or undo elsewhere): choices not yet saved
        # are put back on the rebuilt grid, not lost.
        pending = (self._grid_choices() if getattr(self, "_grid_dirty", False) and meeting is not None
                   and getattr(self, "_grid_meeting", None) is not None and self._grid_meeting.id == meeting.id
                   else {})
        self._show_meeting(meeting)
        writable = not self.session.read_only
        self.add_btn.setEnabled(writable and self.body_choice.currentData() is not None)
        self.edit_btn.setEnabled(writable and meeting is not None)
        self.delete_btn.setEnabled(writable and meeting is not None)
        self.save_btn.setEnabled(writable and meeting is not None)
        self._grid_meeting, self._grid_dirty = meeting, False
        self.grid.setRowCount(0)
        if meeting is None:
            self.attendance_title.setText("Attendance")
            return
        self.attendance_title.setText(f"Attendance, {meeting.date:%d %B %Y}")
        snap = self.snapshot
        recorded = {a.person_id: a for a in snap.attendance_by_meeting.get(meeting.id, [])}
        expected = expected_attendees(snap, meeting)
        people = list(expected) + [pid for pid in recorded if pid not in expected]
        people.sort(key=lambda pid: snap.person_by_id[pid].sort_name if pid in snap.person_by_id else pid)
        self.grid.setRowCount(len(people))
        self._grid_people = people
        for row, pid in enumerate(people):
            name = QTableWidgetItem(snap.person_label(pid))
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            role = QTableWidgetItem(expected.get(pid, "(not in office then)"))
            role.setFlags(role.flags() & ~Qt.ItemFlag.ItemIsEditable)
            role.setToolTip(role.text())
            self.grid.setItem(row, 0, name)
            self.grid.setItem(row, 1, role)
            combo = QComboBox()
            fill_combo(combo, choices(Attendance), recorded[pid].attendance if pid in recorded else None,
                       blank=NOT_RECORDED)
            combo.setEnabled(writable)
            combo.setAccessibleName(f"Attendance of {snap.person_label(pid)}")
            if pid in pending:
                combo.setCurrentIndex(next(i for i in range(combo.count()) if combo_value(combo, i) == pending[pid]))
            combo.currentIndexChanged.connect(self._attendance_edited)
            self.grid.setCellWidget(row, 2, combo)
        self._grid_dirty = bool(pending) and bool(self._attendance_changes(meeting))

    def _grid_choices(self) -> dict[str, object]:
        return {pid: combo_value(self.grid.cellWidget(row, 2)) for row, pid in enumerate(self._grid_people)}

    def _attendance_edited(self, _index: int) -> None:
        self._grid_dirty = True

    def save_attendance(self) -> None:
        meeting = self.table.current()
        if meeting is None:
            return
        changes = self._attendance_changes(meeting)
        self._grid_dirty = False
        if changes:
            self.session.apply(changes, f"Record attendance at {meeting.body} on {meeting.date:%d/%m/%Y}")

    def _attendance_changes(self, meeting) -> list:
        recorded = {a.person_id: a for a in self.snapshot.attendance_by_meeting.get(meeting.id, [])}
        changes = []
        for row, pid in enumerate(self._grid_people):
            status = combo_value(self.grid.cellWidget(row, 2))
            old = recorded.get(pid)
            if status is None and old is not None:
                changes.append(Delete(old))
            elif status is not None and old is None:
                changes.append(Insert(m.AttendanceRecord(meeting.id, pid, status)))
            elif status is not None and old.attendance != status:
                changes.append(Update(old, replace(old, attendance=status)))
        return changes

    def _specs(self, editing: bool):
        specs = [] if editing else [FieldSpec("id", "Meeting ID", required=True)]
        specs += [
            FieldSpec("date", "Date", "date", required=True),
            FieldSpec("start_time", "Start time", hint="e.g. 18:00"),
            FieldSpec("venue", "Venue", hint="a place, or Online with the link"),
            FieldSpec("papers_sent_on", "Papers sent on", "date"),
            FieldSpec("status", "Status", "choice", required=True, choices=choices(MeetingStatus)),
        ]
        if not editing:
            specs.append(FieldSpec("standing", "Start the agenda from the standing items", "check"))
        return specs

    @staticmethod
    def _time(values: dict) -> dict:
        try:
            values["start_time"] = parse_time(values.get("start_time"))
        except ValueError as exc:
            raise FieldError("Start time", str(exc)) from None
        return values

    def add_meeting(self) -> None:
        body = self.body_choice.currentData()
        existing = set(self.snapshot.meeting_by_id)
        body_meetings = self.snapshot.meetings_by_body.get(body, [])
        latest = max(body_meetings, key=lambda mt: mt.date, default=None)
        initial = {"id": suggest_meeting_id(body_meetings, existing), "status": MeetingStatus.SCHEDULED,
                   "standing": True,
                   # The body usually meets at the same time and place.
                   "start_time": latest.start_time if latest else None, "venue": latest.venue if latest else None}
        standing: list[bool] = []

        def make(values):
            values = self._time(dict(values))
            standing[:] = [values.pop("standing")]
            if values["id"] in existing:
                raise ValueError(f"Meeting ID: '{values['id']}' is already used")
            return m.Meeting(body=body, **values)

        record = RecordDialog.ask(self, f"Add a meeting of {body}", self._specs(False), initial, make)
        if record:
            changes = [Insert(record)] + ([Insert(i) for i in standing_agenda(record.id)] if standing[0] else [])
            self.session.apply(changes, f"Add {body} meeting on {record.date:%d/%m/%Y}")
            self.table.select_where(lambda mt: mt.id == record.id)

    def edit_meeting(self) -> None:
        current = self.table.current()
        if current is None or self.session.read_only:
            return
        names = ("date", "start_time", "venue", "papers_sent_on", "status")
        initial = {name: getattr(current, name) for name in names}
        record = RecordDialog.ask(self, f"Edit meeting {current.id}", self._specs(True), initial,
                                  lambda v: replace(current, **self._time(dict(v))))
        if record and record != current:
            self.session.apply([Update(current, record)], f"Edit {current.body} meeting {current.id}")

    def delete_meeting(self) -> None:
        meeting = self.table.current()
        if meeting is None or self.session.read_only:
            return
        snap = self.snapshot
        when = f"the {meeting.body} meeting on {meeting.date:%d/%m/%Y}"
        deciding = ([f"pay decision {d.id} ({snap.person_label(d.person_id)})"
                     for d in snap.pay_decisions if d.meeting_id == meeting.id]
                    + [f"related party agreement {a.id} ({a.related_organisation})"
                       for a in snap.rpt_agreements if a.decision_meeting_id == meeting.id])
        if deciding:
            QMessageBox.information(
                self, "Cannot delete meeting",
                f"{when[0].upper()}{when[1:]} is recorded as the meeting that decided "
                f"{_and_list(deciding)}, so it cannot be deleted. Nothing was deleted.\n\n"
                "If the meeting was entered in error, first choose the right meeting on those records "
                "(Pay and Related parties pages), then delete this one.")
            return
        attendance = snap.attendance_by_meeting.get(meeting.id, [])
        agenda = snap.agenda_by_meeting.get(meeting.id, [])
        item_rows = snap.item_attendance_by_meeting.get(meeting.id, [])
        actions = snap.actions_by_meeting.get(meeting.id, [])
        goes_with = [f"{n} {noun}{'' if n == 1 else 's'}"
                     for n, noun in ((len(attendance), "attendance record"), (len(agenda), "agenda item"),
                                     (len(actions), "action")) if n]
        if not goes_with:
            going = "No attendance, agenda or actions are recorded for it."
        else:
            verb = "goes" if len(goes_with) == 1 and goes_with[0].startswith("1 ") else "go"
            going = f"Its {_and_list(goes_with)} {verb} with it."
        if not confirm(
            self, "Delete meeting",
            f"Delete {when} ({meeting.id})?\n\n{going} Delete only a meeting "
            "entered in error: a meeting that was held stays on the record. Edit > Undo brings it all back."):
            return
        self._grid_dirty = False  # unsaved attendance of a meeting being deleted is not worth asking about
        acknowledgements = [a for a in snap.acknowledgements
                            if a.subject_kind == "meeting" and a.subject_key == meeting.id]
        # Minutes it approved keep their approval date but no longer name it.
        approved_here = [Update(mt, replace(mt, minutes_approved_at=None)) for mt in snap.meetings
                         if mt.minutes_approved_at == meeting.id and mt.id != meeting.id]
        # The meeting last: its attendance, agenda, item records and actions refer to it.
        changes = approved_here + [Delete(r) for r in (*item_rows, *actions, *agenda, *attendance,
                                                       *acknowledgements)] + [Delete(meeting)]
        self.session.apply(changes, f"Delete {meeting.body} meeting on {meeting.date:%d/%m/%Y} ({meeting.id})")

    def go_to(self, kind: str, key: str) -> bool:
        if kind == "meeting" and key in self.snapshot.meeting_by_id:
            return self._select_meeting(key)
        if kind == "action":
            action = next((a for a in self.snapshot.actions if a.id == key), None)
            if action is not None and self._select_meeting(action.meeting_id):
                self.tabs.setCurrentIndex(TABS["actions"])
                return self.actions_tab.select(key)
        return False

    def _select_meeting(self, meeting_id: str) -> bool:
        meeting = self.snapshot.meeting_by_id[meeting_id]
        self.body_choice.setCurrentIndex(self.body_names().index(meeting.body))
        return self.table.select_where(lambda mt: mt.id == meeting_id)

    # --- the meeting beside the list -------------------------------------------------------

    def _show_meeting(self, meeting) -> None:
        self.tabs.setVisible(meeting is not None)
        self.no_meeting.setVisible(meeting is None)
        self.pack_btn.setEnabled(meeting is not None)
        if meeting is None:
            body = self.body_choice.currentData()
            self.meeting_title.setText("")
            self.meeting_where.setText("")
            has_any = bool(self.snapshot.meetings_by_body.get(body))
            self.no_meeting.setText(
                "Choose a meeting in the list to see its agenda, attendance, minutes and actions." if has_any else
                f"No meetings of {body} are recorded yet. Add the next one (Add meeting…): it starts with the "
                "standing items, ready for the business.")
        else:
            self.meeting_title.setText(f"{meeting.body}, {meeting.date:%A} {meeting.date.day} {meeting.date:%B %Y}"
                                       + (f", {meeting.start_time}" if meeting.start_time else ""))
            where = [meeting.venue or "No venue recorded", str(meeting.status)]
            if meeting.papers_sent_on:
                where.append(f"papers sent {meeting.papers_sent_on:%d/%m/%Y}")
            self.meeting_where.setText(" · ".join(where))
        self.agenda_tab.show_meeting(meeting)
        self.minutes_tab.show_meeting(meeting)
        self.actions_tab.show_meeting(meeting)

    def make_pack(self) -> None:
        meeting = self.table.current()
        window = self.window()
        if meeting is None or not hasattr(window, "session"):
            return
        from ..pack_dialog import export_pack

        export_pack(window, meeting_id=meeting.id)

    # --- edits not saved yet (attendance chosen, a minute being written) -----------------

    def unsaved_changes(self) -> str:
        parts = []
        shown = self._grid_meeting
        if (self._grid_dirty and shown is not None and shown.id in self.snapshot.meeting_by_id
                and self._attendance_changes(shown)):
            parts.append(f"the attendance you changed for the {shown.body} meeting on {shown.date:%d/%m/%Y}")
        minute = self.minutes_tab.unsaved()
        if minute:
            parts.append(minute)
        return " and ".join(parts)

    def save_changes(self) -> bool:
        shown = self._grid_meeting
        if self._grid_dirty and shown is not None and shown.id in self.snapshot.meeting_by_id:
            changes = self._attendance_changes(shown)
            self._grid_dirty = False
            if changes:
                self.session.apply(changes, f"Record attendance at {shown.body} on {shown.date:%d/%m/%Y}")
        return self.minutes_tab.save()

    def discard_changes(self) -> None:
        self._grid_dirty = False
        self.minutes_tab.dirty = False
        self._show_attendance(self.table.current())


def _and_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
