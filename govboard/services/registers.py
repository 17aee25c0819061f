"""Merging a set of registers into a trust file: the plan (what is new, changed, unchanged)
and its application as one logged batch. Used by workbook import, GIAS --create and the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..domain import model as m
from ..domain.snapshot import TrustSnapshot
from ..store import Insert, TrustFile, Update
from ..store.trustfile import register_lists, settings_to_text

SHEET_OF = {
    m.Academy: "Academies", m.Person: "People", m.Body: "Bodies", m.Appointment: "Roles",
    m.Employment: "Employment", m.PersonRelationship: "Relationships", m.Check: "Checks",
    m.Interest: "Interests", m.Declaration: "Declarations", m.Meeting: "Meetings",
    m.AttendanceRecord: "Attendance", m.AgendaItem: "Agenda", m.ItemAttendance: "Item attendance",
    m.Action: "Actions",
    m.RptAgreement: "Related party transactions", m.RptValue: "Related party transactions",
    m.Payment: "Payments", m.PayDecision: "Pay decisions", m.PayAward: "Pay awards",
    m.SodRow: "Scheme of delegation", m.Acknowledgement: "Acknowledgements",
}


@dataclass
class SheetCounts:
    """Rows added, changed and unchanged for one register."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0


@dataclass
class MergePlan:
    """What merging registers into a trust file would do; nothing is written until applied."""

    changes: list = field(default_factory=list)
    counts: dict[str, SheetCounts] = field(default_factory=dict)
    settings: m.TrustSettings | None = None
    settings_changed: list[str] = field(default_factory=list)
    # (sheet, column, message) for IDs that differ only in case from one in the trust file:
    # P001 and p001 would be two records that every reference confuses, so neither is written.
    conflicts: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def is_noop(self) -> bool:
        return not self.changes and not self.settings_changed


ID_COLUMN = {
    m.Academy: "URN", m.Person: "Person ID", m.Body: "Body", m.Meeting: "Meeting ID",
    m.RptAgreement: "Agreement ID", m.Payment: "Payment ID", m.PayDecision: "Decision ID",
    m.PayAward: "Academic year", m.SodRow: "Ref",
}


def _folded_ids(cls, existing: dict) -> dict[str, str] | None:
    """{casefolded ID: ID} of a register identified by one text ID, else None."""
    if hasattr(cls, "NATURAL_KEY") or len(cls.KEY) != 1:
        return None
    return {key[0].casefold(): key[0] for key in existing if isinstance(key[0], str)}


def _identity(record) -> tuple:
    cls = type(record)
    names = getattr(cls, "NATURAL_KEY", cls.KEY)
    return tuple(getattr(record, n) for n in names)


def plan_merge(current: TrustSnapshot, incoming: TrustSnapshot, *, settings_given: dict | None = None,
               papers: list[m.Paper] | None = None, known_papers: set[str] | None = None) -> MergePlan:
    """Upsert by ID (natural key where a register has no ID); never deletes."""
    plan = MergePlan()
    if papers:
        known = known_papers or set()
        for paper in papers:
            if paper.sha256 not in known:
                plan.changes.append(Insert(paper))
                known.add(paper.sha256)
    existing_lists = dict(register_lists(current))
    for cls, records in register_lists(incoming):
        if not records:
            continue
        counts = plan.counts.setdefault(SHEET_OF[cls], SheetCounts())
        existing = {_identity(r): r for r in existing_lists.get(cls, ())}
        has_id = "id" in getattr(cls, "KEY", ()) and hasattr(cls, "NATURAL_KEY")
        folded = _folded_ids(cls, existing)
        for record in records:
            old = existing.get(_identity(record))
            if old is None and folded is not None:
                key = getattr(record, cls.KEY[0])
                clash = folded.get(key.casefold())
                if clash is not None:
                    plan.conflicts.append((SHEET_OF[cls], ID_COLUMN.get(cls, cls.KEY[0]), (
                        f"'{key}' differs only in case from '{clash}' already in the trust file; "
                        f"use '{clash}' (IDs are the same whatever their case)")))
                    continue
            if old is None:
                plan.changes.append(Insert(replace(record, id=0) if has_id else record))
                counts.new += 1
                continue
            candidate = replace(record, id=old.id) if has_id else record
            if candidate == old:
                counts.unchanged += 1
            else:
                plan.changes.append(Update(old, candidate))
                counts.changed += 1
    if settings_given:
        new_settings = replace(current.settings, **settings_given)
        before, after = settings_to_text(current.settings), settings_to_text(new_settings)
        plan.settings_changed = [k for k in after if before.get(k) != after[k]]
        plan.settings = new_settings
        counts = plan.counts.setdefault("Trust", SheetCounts())
        counts.changed = len(plan.settings_changed)
        counts.unchanged = len(settings_given) - counts.changed
    return plan


def records_replaced_away(current: TrustSnapshot, incoming: TrustSnapshot) -> list:
    """The records a whole replacement by `incoming` would remove: those of `current` with no
    record of the same identity (ID, or natural key) in `incoming`, in register order."""
    incoming_lists = dict(register_lists(incoming))
    removed = []
    for cls, records in register_lists(current):
        keep = {_identity(r) for r in incoming_lists.get(cls, ())}
        removed.extend(r for r in records if _identity(r) not in keep)
    return removed


def settings_change(before: m.TrustSettings, after: m.TrustSettings) -> list[str]:
    """The Trust-sheet rows whose value differs (compared as the workbook writes them)."""
    old, new = settings_to_text(before), settings_to_text(after)
    return [k for k in new if old.get(k) != new[k]]


def apply_merge(tf: TrustFile, plan: MergePlan, description: str) -> int | None:
    """Apply a plan in one transaction (settings first, then the rows, one logged batch each)."""
    batch = None
    with tf.atomic():
        if plan.settings is not None and plan.settings_changed:
            batch = tf.save_settings(plan.settings, description=f"{description}: trust settings")
        if plan.changes:
            batch, _ = tf.apply(plan.changes, description, kind="import")
    return batch
