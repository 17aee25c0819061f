"""History: the change log, newest first, filterable."""

from __future__ import annotations

import re

from ..models import Column
from ..widgets import Page, TableBox

TABLE_LABELS = {
    "academies": "Academies", "people": "People", "bodies": "Bodies", "roles": "Roles",
    "employment": "Employment", "relationships": "Relationships", "checks": "Checks",
    "interests": "Interests", "declarations": "Declarations", "meetings": "Meetings",
    "attendance": "Attendance", "agenda_items": "Agenda", "papers": "Papers",
    "rpt_agreements": "Related party agreements", "rpt_values": "Related party values",
    "payments": "Payments", "pay_decisions": "Pay decisions", "pay_awards": "Pay awards",
    "sod_rows": "Scheme of delegation", "acknowledgements": "Acknowledgements",
    "settings": "Trust settings", "gias_snapshots": "GIAS extracts", "ch_snapshots": "Companies House lists",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ACTION_LABELS = {"insert": "Added", "update": "Changed", "delete": "Removed", "note": "Replaced"}


def describe_values(change) -> str:
    """'end: (blank) → 22/11/2026' for updates; the main values for inserts and deletes."""
    old, new = change.old or {}, change.new or {}
    if change.action == "note" and ("rows" in old or "rows" in new):
        # a whole register replaced (an import, the sample trust): how many rows went and came
        return f"{_rows(old.get('rows'))} replaced by {_rows(new.get('rows'))}"
    if change.action == "update":
        parts = [f"{k}: {_v(old.get(k))} → {_v(new.get(k))}" for k in new if old.get(k) != new.get(k)]
        return "; ".join(parts)
    row = new if change.action == "insert" else old
    shown = [f"{k}: {_v(v)}" for k, v in row.items() if v not in (None, "") and k != "id"]
    return "; ".join(shown[:6])


def _rows(count) -> str:
    return "?" if count is None else f"{count} row{'' if count == 1 else 's'}"


def _v(value) -> str:
    if value in (None, ""):
        return "(blank)"
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"  # dates read as everywhere else
    return str(value)


class HistoryPage(Page):
    key, title, icon_name = "history", "History", "history"
    hint = "Every change to this trust file, newest first: who made it, when, and the values before and after."

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.table = TableBox([
            Column("When", lambda r: r[0].at, display=lambda v: v.strftime("%d/%m/%Y %H:%M")),
            Column("Who", lambda r: r[0].who),
            Column("Change", lambda r: r[0].description),
            Column("Action", lambda r: ACTION_LABELS.get(r[1].action, r[1].action)),
            Column("Register", lambda r: TABLE_LABELS.get(r[1].table, r[1].table)),
            Column("Details", lambda r: describe_values(r[1])),
        ], filter_hint="Type to filter the history…")
        self.body.addWidget(self.table, 1)

    def refresh(self) -> None:
        rows = self.session.file.history(limit=5000)
        self.table.set_rows(rows)
        self.table.view.sortByColumn(-1, self.table.view.horizontalHeader().sortIndicatorOrder())
