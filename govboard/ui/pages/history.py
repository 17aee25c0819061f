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
        # one row per setting, keyed by its Trust-sheet name; shown by the name the dialog uses
        key = (new or old)["key"]
        label = _setting_label(key)
        if change.action == "update":
            return f"{label}: {_setting_value(key, old.get('value'))} → {_setting_value(key, new.get('value'))}"
        return f"{label}: {_setting_value(key, (new or old).get('value'))}"
    if change.action == "update":
        parts = [f"{field_label(k)}: {shown(k, old.get(k))} → {shown(k, new.get(k))}"
                 for k in new if old.get(k) != new.get(k)]
        return "; ".join(parts)
    row = new if change.action == "insert" else old
    parts = [f"{field_label(k)}: {shown(k, v)}" for k, v in row.items() if v not in (None, "") and k != "id"]
    return "; ".join(parts[:6])


def _setting_label(row_name: str) -> str:
    from ..settings_dialog import label_of_row  # the dialog's plain names

    return label_of_row(row_name)


def _setting_value(row_name: str, value) -> str:
    # money settings are held in pence; whole numbers have a unit (days, months, years)
    if row_name in _MONEY_SETTINGS and str(value).isdigit():
        return f"£{int(value) / 100:,.2f}"
    spec = m.SETTINGS_BY_LABEL.get(str(row_name).casefold())
    if spec is not None and spec.kind == "int" and str(value).isdigit():
        from ..settings_dialog import INT_RANGES

        unit = INT_RANGES.get(spec.attr, (0, 0, ""))[2]
        return f"{value} {unit}".strip()
    return _v(value)


# --- the change as a sentence --------------------------------------------------------------------


def _d(value) -> str:
    """A stored date (yyyy-mm-dd) as dd/mm/yyyy; anything else as it is."""
    return _v(value) if value not in (None, "") else ""


def record_phrase(table: str, row: dict, name_of) -> str:
    """The record a change is about, as a clerk would name it: "Jane Smith's appointment as
    Trustee (Board)", "payment PL-109417 to Acme Ltd". `name_of` turns a person ID into a name."""
    g = row.get
    person = name_of(g("person_id", "")) if g("person_id") else ""
    phrases = {
        "people": lambda: " ".join(x for x in (g("forename"), g("surname")) if x) + f" ({g('id')})",
        "academies": lambda: f"{g('name')} (URN {g('urn')})",
        "bodies": lambda: f"{g('name')}",
        "roles": lambda: f"{person}'s appointment as {g('role')} ({g('body')})",
        "employment": lambda: f"{person}'s employment as {g('job_title')}",
        "relationships": lambda: f"the relationship between {person} and {name_of(g('related_person_id', ''))}",
        "checks": lambda: f"{person}'s {g('kind')} check",
        "interests": lambda: f"{person}'s interest in {g('organisation')}",
        "declarations": lambda: f"{person}'s declaration of interests signed {_d(g('declared_on'))}",
        "meetings": lambda: f"the {g('body')} meeting on {_d(g('date'))} ({g('id')})",
        "attendance": lambda: f"{person}'s attendance at meeting {g('meeting_id')}",
        "agenda_items": lambda: f"item {g('item')} of meeting {g('meeting_id')}",
        "item_attendance": lambda: f"{person} at item {g('item')} of meeting {g('meeting_id')}",
        "actions": lambda: f"action {g('id')} from meeting {g('meeting_id')}",
        "rpt_agreements": lambda: f"related-party agreement {g('id')} with {g('related_organisation')}",
        "rpt_values": lambda: f"the value of agreement {g('agreement_id')} in {g('financial_year')}",
        "payments": lambda: f"payment {g('id')} to {g('supplier')}",
        "pay_decisions": lambda: f"pay decision {g('id')} for {person}",
        "pay_awards": lambda: f"the teachers' pay award for {g('academic_year')}",
        "sod_rows": lambda: f"scheme of delegation decision {g('ref')}",
        "acknowledgements": lambda: (f"the acknowledgement of {g('rule')} for "
                                     f"{name_of(g('subject_key')) if g('subject_kind') == 'person' else g('subject_key')}"),
        "papers": lambda: f"the paper {g('name')}",
    }
    make = phrases.get(table)
    try:
        return make() if make else f"a record in {TABLE_LABELS.get(table, table)}"
    except (TypeError, KeyError):
        return f"a record in {TABLE_LABELS.get(table, table)}"


def describe_change(change, name_of=lambda key: key) -> str:
    """One logged change as a sentence: "Ended Jane Smith's appointment as Trustee (Board) on
    31/08/2026 (Resigned)", "Added Nadia Newcomer (P900)". A register replaced whole (an import)
    keeps its row counts; the fields before and after are in describe_values."""
    if change.action == "note":
        return describe_values(change)
    old, new = change.old or {}, change.new or {}
    table = change.table
    if table == "settings" and "key" in (new or old):
        key = (new or old)["key"]
        label = _setting_label(key)
        if change.action == "update":
            return (f"Changed “{label}” from {_setting_value(key, old.get('value'))} "
                    f"to {_setting_value(key, new.get('value'))}")
        return f"Set “{label}” to {_setting_value(key, new.get('value'))}" if new else f"Cleared “{label}”"
    # An update names the record as it was ("Changed Jane Smith (P003): Surname Smith → Jones").
    row = {**new, **old} if change.action == "update" else (new or old)
    what = record_phrase(table, row, name_of)
    if change.action == "insert":
        if table == "roles":
            person = name_of(row.get("person_id", ""))
            text = f"Appointed {person} as {row.get('role')} ({row.get('body')}) from {_d(row.get('start'))}"
            return text + (f", term ending {_d(row.get('term_end'))}" if row.get("term_end") else "")
        if table == "acknowledgements":
            return f"Acknowledged {what[len('the acknowledgement of '):]}: “{row.get('reason') or ''}”"
        return f"Added {what}"
    if change.action == "delete":
        if table == "acknowledgements":
            return f"Withdrew {what}"
        return f"Removed {what}"
    changed = [k for k in new if old.get(k) != new.get(k) and k != "id"]
    if table == "roles" and old.get("end") in (None, "") and new.get("end") and \
            set(changed) <= {"end", "end_reason", "gias_end_recorded_on", "ch_end_filed_on"}:
        person = name_of(row.get("person_id", ""))
        reason = f" ({new['end_reason']})" if new.get("end_reason") else ""
        return f"Ended {person}'s appointment as {row.get('role')} ({row.get('body')}) on {_d(new['end'])}{reason}"
    details = "; ".join(f"{field_label(k)} {_v(old.get(k), (table, k))} → {_v(new.get(k), (table, k))}"
                        for k in changed)
    return f"Changed {what}: {details}" if details else f"Changed {what}"


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
            # A sentence; the fields before and after are in its tooltip.
            Column("Details", lambda r: describe_change(r[1], self._name_of),
                   tooltip=lambda r: describe_values(r[1])),
        ], filter_hint="Type to filter the history…", stretch=(2, 5),  # the change and its details take the room
            optional=(3,))  # the sentence says what was done: a narrow window drops Action
        self.body.addWidget(self.table, 1)
        self._names: dict[str, str] = {}

    def _name_of(self, person_id: str) -> str:
        return self._names.get(person_id, person_id)

    def refresh(self) -> None:
        rows = self.session.file.history(limit=5000)
        # People by name: those in the file now, and those the log shows (someone since deleted).
        names = {}
        for _batch, change in rows:
            if change.table == "people":
                row = change.new or change.old or {}
                if row.get("id"):
                    names.setdefault(row["id"], " ".join(x for x in (row.get("forename"), row.get("surname")) if x))
        names.update({p.id: p.full_name for p in self.snapshot.people})
        self._names = names
        self.table.set_rows(rows)
        self.table.view.sortByColumn(-1, self.table.view.horizontalHeader().sortIndicatorOrder())
