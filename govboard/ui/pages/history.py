"""History: the change log, newest first, filterable."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass

from ...domain import model as m
from ...io.schema import SHEETS
from ..models import Column, readable_key
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


def _record_fields() -> tuple[dict[str, str], set[tuple[str, str]], set[tuple[str, str]]]:
    """Field labels (the workbook's column headers, which clerks know), and the (table, field)
    pairs holding money in pence and yes/no flags, from the domain model's annotations."""
    labels = {c.field: c.header for sheet in SHEETS for c in sheet.columns
              if c.field and c.field not in ("id", "name", "value")}
    money, flags = set(), set()
    for cls in vars(m).values():
        if isinstance(cls, type) and is_dataclass(cls) and isinstance(getattr(cls, "TABLE", None), str):
            for f in fields(cls):
                if "Pence" in str(f.type):
                    money.add((cls.TABLE, f.name))
                elif str(f.type).startswith("bool"):
                    flags.add((cls.TABLE, f.name))
    return labels, money, flags


FIELD_LABELS, _MONEY, _FLAGS = _record_fields()
_MONEY_SETTINGS = {spec.label for spec in m.SETTING_SPECS if spec.kind == "money"}


def field_label(name: str) -> str:
    """'end_reason' -> 'End reason', as the workbook heads the column."""
    return FIELD_LABELS.get(name) or readable_key(name)


def describe_values(change) -> str:
    """'End date: (blank) → 22/11/2026' for updates; the main values for inserts and deletes."""
    old, new = change.old or {}, change.new or {}
    if change.action == "note" and ("rows" in old or "rows" in new):
        # a whole register replaced (an import, the sample trust): how many rows went and came
        if not old.get("rows"):
            return f"{_rows(new.get('rows'))} added"
        return f"{_rows(old.get('rows'))} replaced by {_rows(new.get('rows'))}"

    def shown(key, value):
        return _v(value, (change.table, key))

    if change.table == "settings" and "key" in (new or old):
        # one row per setting: its label is the row's key; money settings are held in pence
        key = (new or old)["key"]
        money = key in _MONEY_SETTINGS

        def setting(value):
            return f"£{int(value) / 100:,.2f}" if money and str(value).isdigit() else _v(value)

        if change.action == "update":
            return f"{key}: {setting(old.get('value'))} → {setting(new.get('value'))}"
        return f"{key}: {setting((new or old).get('value'))}"
    if change.action == "update":
        parts = [f"{field_label(k)}: {shown(k, old.get(k))} → {shown(k, new.get(k))}"
                 for k in new if old.get(k) != new.get(k)]
        return "; ".join(parts)
    row = new if change.action == "insert" else old
    parts = [f"{field_label(k)}: {shown(k, v)}" for k, v in row.items() if v not in (None, "") and k != "id"]
    return "; ".join(parts[:6])


def action_label(change) -> str:
    """Added, Changed, Removed; a register filled from empty (a new or sample trust) is Added."""
    if change.action == "note" and not (change.old or {}).get("rows") and (change.new or {}).get("rows"):
        return ACTION_LABELS["insert"]
    return ACTION_LABELS.get(change.action, change.action)


def _rows(count) -> str:
    return "?" if count is None else f"{count} row{'' if count == 1 else 's'}"


def _v(value, where: tuple[str, str] = ("", "")) -> str:
    if value in (None, ""):
        return "(blank)"
    if where in _MONEY and isinstance(value, int):
        return f"£{value / 100:,.2f}"
    if where in _FLAGS and value in (0, 1, True, False):
        return "Yes" if value else "No"
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
            Column("Action", lambda r: action_label(r[1])),
            Column("Register", lambda r: TABLE_LABELS.get(r[1].table, r[1].table)),
            Column("Details", lambda r: describe_values(r[1])),
        ], filter_hint="Type to filter the history…", stretch=(2, 5))  # the change and its details take the room
        self.body.addWidget(self.table, 1)

    def refresh(self) -> None:
        rows = self.session.file.history(limit=5000)
        self.table.set_rows(rows)
        self.table.view.sortByColumn(-1, self.table.view.horizontalHeader().sortIndicatorOrder())
