"""The action log: actions agreed at every meeting, open, overdue or done, by owner and by body.

Each action is recorded at its meeting (Meetings page, Actions tab); here they are listed
together so a clerk can chase them. The Dashboard's "Falls due soon" opens an overdue one here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QHBoxLayout

from ...domain.enums import ActionStatus
from ...domain.meetings import action_state, owner_label
from ...store import Update
from ..dialogs import add_choice, combo_value
from ..models import SEVERITY_COLOURS, Column
from ..widgets import Page, TableBox, button, label

SHOW_CHOICES = (("Open and overdue", ("Open", "Overdue")), ("Overdue", ("Overdue",)), ("Done", ("Done",)),
                ("Dropped", ("Dropped",)), ("All actions", ("Open", "Overdue", "Done", "Dropped")))
STATE_ORDER = {"Overdue": 0, "Open": 1, "Done": 2, "Dropped": 3}


class ActionLogPage(Page):
    key, title, icon_name = "actions", "Action log", "actions"
    hint = ("Actions agreed at meetings, until they are done. Record a new action on the meeting it was "
            "agreed at (Meetings page); mark them done here.")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        bar = QHBoxLayout()
        self.show_choice = QComboBox()
        self.show_choice.setAccessibleName("Show")
        for text, states in SHOW_CHOICES:
            add_choice(self.show_choice, text, states)
        self.body_filter = QComboBox()
        self.body_filter.setAccessibleName("Body")
        self.body_filter.setMinimumContentsLength(16)
        self.owner_filter = QComboBox()
        self.owner_filter.setAccessibleName("Owner")
        self.owner_filter.setMinimumContentsLength(18)
        for combo in (self.show_choice, self.body_filter, self.owner_filter):
            combo.currentIndexChanged.connect(lambda _: self._fill())
        bar.addWidget(label("Show:"))
        bar.addWidget(self.show_choice)
        bar.addSpacing(8)
        bar.addWidget(self.body_filter)
        bar.addWidget(self.owner_filter)
        bar.addStretch(1)
        self.body.addLayout(bar)
        self.done_btn = button("Mark done", "save", self.mark_done, tip="Record the action as done today")
        self.edit_btn = button("Edit…", "edit", self.edit_action)
        self.meeting_btn = button("Open its meeting", "meetings", self.open_meeting)
        self.table = TableBox([
            Column("Due", lambda a: a.due_date),
            Column("Status", lambda a: self._state(a),
                   tooltip=lambda a: f"Done on {a.done_on:%d/%m/%Y}" if a.done_on else ""),
            Column("Action", lambda a: a.action, tooltip=lambda a: a.action + (f"\n\n{a.notes}" if a.notes else "")),
            Column("Owner", lambda a: owner_label(self.snapshot, a.owner)),
            Column("Body", lambda a: self._meeting(a).body),
            Column("Meeting", lambda a: self._meeting(a).date),
            Column("Item", lambda a: a.item or ""),
        ], stretch=(2,), optional=(6, 4))
        self.table.model.row_colour = lambda a: SEVERITY_COLOURS["must"] if self._state(a) == "Overdue" else None
        self.table.selection_changed.connect(lambda _: self._update_buttons())
        self.table.activated.connect(lambda _: self.edit_action())
        self.body.addWidget(self.table, 1)
        self.empty = label("", "emptyState", wrap=True)
        self.body.addWidget(self.empty, 1)
        below = QHBoxLayout()
        self.summary = label("", "pageHint", wrap=True)
        below.addWidget(self.summary, 1)
        for btn in (self.done_btn, self.edit_btn, self.meeting_btn):
            below.addWidget(btn)
        self.body.addLayout(below)

    # --- data ---

    def _meeting(self, action):
        return self.snapshot.meeting_by_id[action.meeting_id]

    def _state(self, action) -> str:
        return action_state(action, self.session.as_of)

    def refresh(self) -> None:
        snap = self.snapshot
        for combo, everyone, values in (
            (self.body_filter, "All bodies",
             sorted({snap.meeting_by_id[a.meeting_id].body for a in snap.actions})),
            (self.owner_filter, "All owners",
             sorted({a.owner for a in snap.actions if a.owner}, key=lambda o: owner_label(snap, o).casefold())),
        ):
            current = combo_value(combo)
            combo.blockSignals(True)
            combo.clear()
            add_choice(combo, everyone, None)
            for value in values:
                add_choice(combo, owner_label(snap, value) if combo is self.owner_filter else value, value)
            index = next((i for i in range(combo.count()) if combo_value(combo, i) == current), 0)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        states = combo_value(self.show_choice) or ("Open", "Overdue")
        body, owner = combo_value(self.body_filter), combo_value(self.owner_filter)
        actions = [a for a in self.snapshot.actions
                   if self._state(a) in states and (body is None or self._meeting(a).body == body)
                   and (owner is None or a.owner == owner)]
        actions.sort(key=lambda a: (STATE_ORDER[self._state(a)], a.due_date, a.id))
        self.table.set_rows(actions, keep=lambda a: a.id)
        everything = self.snapshot.actions
        counts = {state: sum(1 for a in everything if self._state(a) == state) for state in STATE_ORDER}
        as_of = self.session.as_of
        self.summary.setText(f"As at {as_of:%d/%m/%Y}: {counts['Overdue']} overdue, {counts['Open']} open, "
                             f"{counts['Done']} done" + (f", {counts['Dropped']} dropped" if counts["Dropped"] else "")
                             + ".")
        self.table.setVisible(bool(actions))
        self.empty.setVisible(not actions)
        if not everything:
            self.empty.setText("No actions are recorded yet. Add them to a meeting on the Meetings page "
                               "(Actions tab), as they are agreed.")
        else:
            self.empty.setText("No action matches what is chosen above.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        current = self.table.current()
        writable = not self.session.read_only
        self.done_btn.setEnabled(writable and current is not None and current.status == ActionStatus.OPEN)
        self.edit_btn.setEnabled(writable and current is not None)
        self.meeting_btn.setEnabled(current is not None)

    # --- edits ---

    def mark_done(self) -> None:
        action = self.table.current()
        if action is None or self.session.read_only or action.status != ActionStatus.OPEN:
            return
        meeting = self._meeting(action)
        done_on = max(self.session.as_of, meeting.date)
        self.session.apply([Update(action, replace(action, status=ActionStatus.DONE, done_on=done_on))],
                           f"Mark action {action.id} done")

    def edit_action(self) -> None:
        from ..meeting_dialogs import ask_action

        action = self.table.current()
        if action is None or self.session.read_only:
            return
        record = ask_action(self, self.snapshot, self._meeting(action), action, today=self.session.as_of)
        if record is not None and record != action:
            self.session.apply([Update(action, record)], f"Edit action {action.id}")

    def open_meeting(self) -> None:
        action = self.table.current()
        window = self.window()
        if action is None or not hasattr(window, "show_page"):
            return
        page = window.show_page("meetings")
        if page is not None:
            page.go_to("action", action.id)

    def go_to(self, kind: str, key: str) -> bool:
        if kind != "action":
            return False
        action = next((a for a in self.snapshot.actions if a.id == key), None)
        if action is None:
            return False
        if not self.table.select_where(lambda a: a.id == key):
            # Not among what is shown: show every action, then select it.
            self.show_choice.setCurrentIndex(len(SHOW_CHOICES) - 1)
            self.body_filter.setCurrentIndex(0)
            self.owner_filter.setCurrentIndex(0)
            return self.table.select_where(lambda a: a.id == key)
        return True
