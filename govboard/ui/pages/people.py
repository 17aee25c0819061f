"""People: everyone the trust records, with their roles, employment, relationships and checks."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ...domain import model as m
from ...domain.appointing import appointing_body_label
from ...domain.enums import CheckKind, Relationship
from ...rules.officers import approval_covers_until
from ...store import Delete, Insert, Update
from ..dialogs import FieldSpec, PersonDialog, RecordDialog, choices, confirm, new_problems, people_choices
from ..models import (
    SEVERITY_COLOURS,
    SEVERITY_WORDS,
    Column,
    findings_tooltip,
    fmt_date,
    rule_words,
    rules_words,
)
from ..widgets import EmptyState, Page, TableBox, button, button_row, gias_builder, label, menu_command


def off_payroll_text(e: m.Employment) -> str:
    """'Yes, DfE approval 20/08/2025' / 'Yes, no DfE approval' for an off-payroll engagement."""
    if not e.off_payroll:
        return ""
    if e.offpayroll_approval_on is None:
        return "Yes, no DfE approval"
    return f"Yes, DfE approval {fmt_date(e.offpayroll_approval_on)}"


def off_payroll_tooltip(e: m.Employment) -> str:
    if not e.off_payroll:
        return "On the trust's payroll"
    if e.offpayroll_approval_on is None:
        return ("Engaged through a company or agency. An accounting officer or CFO off payroll "
                "needs the DfE's approval before the engagement starts (EXE-04).")
    until = approval_covers_until(e)
    return (f"DfE approval of {fmt_date(e.offpayroll_approval_on)}, covering the engagement to "
            f"{fmt_date(until)} (an approval lasts at most 12 months)")


class _SubTable(QWidget):
    """A small table of one person's records with Add / Edit / End-or-remove buttons."""

    def __init__(self, columns: Sequence[Column], actions: Sequence[tuple[str, str, Callable]], *,
                 optional: Sequence[int] = ()):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar, self.buttons = button_row(actions)
        layout.addLayout(bar)
        self.table = TableBox(columns, optional=optional)
        self.table.filter.hide()
        layout.addWidget(self.table)
        self.writable = False
        # Edit and Delete need a row: Add is the first button, the others act on the selection.
        self.table.selection_changed.connect(lambda _: self.update_buttons(self.writable))
        if len(actions) > 1 and actions[1][2] is not None:
            self.table.activated.connect(lambda _: self.buttons[1].isEnabled() and actions[1][2]())
        if len(actions) > 2:
            self.table.delete_with(self.buttons[2])

    def update_buttons(self, writable: bool) -> None:
        self.writable = writable
        chosen = self.table.current() is not None
        for i, b in enumerate(self.buttons):
            b.setEnabled(writable and (i == 0 or chosen))


class PeoplePage(Page):
    key, title, icon_name = "people", "People", "people"
    hint = "Everyone the trust records. Select a person to see and edit their roles, employment, relationships and checks."

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        bar = QHBoxLayout()
        self.add_btn = button("Add person…", "add", self.add_person)
        self.edit_btn = button("Edit person…", "edit", self.edit_person)
        self.delete_btn = button("Delete person…", "end", self.delete_person,
                                 tip="Delete a person entered in error (only when no record refers to them)")
        bar.addWidget(self.add_btn)
        bar.addWidget(self.edit_btn)
        bar.addWidget(self.delete_btn)
        bar.addStretch(1)
        self.body.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        # Open findings per person, built once per refresh: cells and row tints only look them up
        # (a large trust has 2,000 people, each painted many times).
        self._findings_by_person: dict[str, list] = {}
        self.table = TableBox([
            Column("ID", lambda p: p.id),
            Column("Name", lambda p: f"{p.surname}, {p.forename}"),
            Column("Findings", lambda p: rules_words(self._findings_by_person.get(p.id, ())),
                   tooltip=lambda p: findings_tooltip(self._findings_by_person.get(p.id, ()))),
            Column("Current roles", lambda p: self._current_roles(p.id)),
            Column("Email", lambda p: p.email),
        ], filter_hint="Type to filter people by name, ID, role or rule…",
            # the detail pane repeats these (email in the heading, roles on their tab): a narrow
            # list drops them rather than scroll sideways
            optional=(4, 3))
        self.table.model.row_colour = self._row_colour
        self.table.selection_changed.connect(self._show_person)
        self.table.activated.connect(lambda _: self.edit_person())
        self.table.delete_with(self.delete_btn)
        splitter.addWidget(self.table)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        self.person_heading = label("", "pageTitle")
        self.person_facts = label("", "pageHint", wrap=True)
        self.person_findings = label("", wrap=True)
        self.person_findings.setObjectName("personFindings")
        self.person_findings.setTextFormat(Qt.TextFormat.RichText)
        detail_layout.addWidget(self.person_heading)
        detail_layout.addWidget(self.person_facts)
        detail_layout.addWidget(self.person_findings)
        self.tabs = QTabWidget()
        snap = lambda: self.snapshot  # noqa: E731 - read late: the snapshot changes after edits
        self.roles_tab = _SubTable([
            Column("Role", lambda a: a.role), Column("Body", lambda a: a.body),
            Column("Start", lambda a: a.start), Column("Term ends", lambda a: a.term_end),
            Column("Ended", lambda a: a.end), Column("Appointed by", lambda a: appointing_body_label(
                a.appointed_by, body_type=_body_type(snap(), a), with_gias=False),
                tooltip=lambda a: appointing_body_label(a.appointed_by, body_type=_body_type(snap(), a))),
        ], [("Roles are added on the Members, Board and LGB pages", "", None)], optional=(5,))
        self.roles_tab.buttons[0].setEnabled(False)
        self.roles_tab.buttons[0].setFlat(True)
        self.employment_tab = _SubTable([
            Column("Job title", lambda e: e.job_title),
            Column("Academy", lambda e: snap().academy_by_urn[e.academy_urn].name
                   if e.academy_urn in snap().academy_by_urn else "Central"),
            Column("Start", lambda e: e.start), Column("End", lambda e: e.end),
            Column("Off payroll", off_payroll_text, tooltip=off_payroll_tooltip),
        ], [("Add…", "add", self.add_employment), ("Edit…", "edit", self.edit_employment),
            ("Delete…", "end", lambda: self._delete_record(self.employment_tab, "employment"))],
            optional=(1,))
        # A row (A, B, Child) says B is A's child; on B's page it reads "A, Parent".
        self.relationships_tab = _SubTable([
            Column("Related person", lambda r: snap().person_label(self._seen_from_here(r)[0])),
            Column("Is their", lambda r: self._seen_from_here(r)[1]),
            Column("Start", lambda r: r.start), Column("End", lambda r: r.end),
        ], [("Add…", "add", self.add_relationship), ("Edit…", "edit", self.edit_relationship),
            ("Delete…", "end", lambda: self._delete_record(self.relationships_tab, "relationship"))])
        self.checks_tab = _SubTable([
            Column("Check", lambda c: c.kind), Column("Date", lambda c: c.date),
            Column("Reference", lambda c: c.reference),
        ], [("Add…", "add", self.add_check), ("Edit…", "edit", self.edit_check),
            ("Delete…", "end", lambda: self._delete_record(self.checks_tab, "check"))])
        self.tabs.addTab(self.roles_tab, "Roles")
        self.tabs.addTab(self.employment_tab, "Employment")
        self.tabs.addTab(self.relationships_tab, "Relationships")
        self.tabs.addTab(self.checks_tab, "Checks")
        detail_layout.addWidget(self.tabs, 1)
        splitter.addWidget(detail)
        # Half each: the list needs room for names and current roles, not just IDs.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 500])
        self.body.addWidget(splitter, 1)
        self.content = splitter
        self.empty = EmptyState(
            "No one is recorded yet. Everyone the registers name goes here: members, trustees, local "
            "governors, the executives and the governance professional. Add each person, or fill the trust "
            "in from a GIAS governance extract (people, bodies and roles in one go) or a workbook.",
            [("Add person…", "add", self.add_person), ("Build from a GIAS extract…", "open", gias_builder(self)),
             ("Import workbook…", "open", menu_command(self, "actionImportWorkbook"))])
        self.empty.hide()
        self.body.addWidget(self.empty, 1)

    # --- data ------------------------------------------------------------------------------

    def _current_roles(self, person_id: str) -> str:
        as_of = self.session.as_of
        roles = sorted({
            (str(a.role) if a.body in (m.MEMBERS_BODY, m.BOARD_BODY) else f"{a.role}, {a.body}")
            for a in self.snapshot.appointments_by_person.get(person_id, []) if a.in_office(as_of)
        })
        return "; ".join(roles)

    def _row_colour(self, person) -> str | None:
        findings = self._findings_by_person.get(person.id)
        if not findings:
            return None
        return SEVERITY_COLOURS.get(min(findings, key=lambda f: f.severity.rank).severity.value)

    def refresh(self) -> None:
        by_person: dict[str, list] = defaultdict(list)
        for finding in self.session.findings:
            if finding.subject.kind == "person" and not finding.acknowledged:
                by_person[finding.subject.key].append(finding)
        self._findings_by_person = dict(by_person)
        people = sorted(self.snapshot.people, key=lambda p: p.sort_name)
        self.table.set_rows(people, keep=lambda p: p.id)
        self._show_person(self.table.current())
        # No one yet: say what goes here and how, rather than show an empty list and detail pane.
        empty = not people
        self.content.setVisible(not empty)
        self.empty.setVisible(empty)
        for b in (self.add_btn, self.edit_btn, self.delete_btn):
            b.setVisible(not empty)
        for b in self.empty.buttons:
            b.setEnabled(not self.session.read_only)

    def _person_id(self) -> str | None:
        person = self.table.current()
        return person.id if person else None

    def _show_person(self, person) -> None:
        writable = not self.session.read_only
        self.edit_btn.setEnabled(writable and person is not None)
        self.delete_btn.setEnabled(writable and person is not None)
        self.add_btn.setEnabled(writable)
        self.tabs.setEnabled(person is not None)
        for tab in (self.employment_tab, self.relationships_tab, self.checks_tab):
            tab.update_buttons(writable and person is not None)
        if person is None:
            self.person_heading.setText("No one selected")
            self.person_facts.setText("Choose a person in the list, or add one.")
            self.person_findings.hide()
            for tab in (self.roles_tab, self.employment_tab, self.relationships_tab, self.checks_tab):
                tab.table.set_rows([])
            return
        snap = self.snapshot
        title = f"{person.title} " if person.title else ""
        self.person_heading.setText(f"{title}{person.forename} {person.middle_names or ''} {person.surname}".replace("  ", " "))
        facts = [f"ID {person.id}"]
        if person.email:
            facts.append(person.email)
        if person.date_of_birth:
            facts.append(f"born {person.date_of_birth:%d/%m/%Y}")
        if snap.is_employee(person.id, self.session.as_of):
            facts.append("employee")
        self.person_facts.setText(" · ".join(facts))
        self._show_findings(person.id)
        roles = sorted(snap.appointments_by_person.get(person.id, []), key=lambda a: a.start, reverse=True)
        self.roles_tab.table.set_rows(roles)
        self.employment_tab.table.set_rows(snap.employment_by_person.get(person.id, []), keep=lambda e: e.id)
        self.relationships_tab.table.set_rows(snap.relationships_by_person.get(person.id, []), keep=lambda r: r.id)
        self.checks_tab.table.set_rows(sorted(snap.checks_by_person.get(person.id, []), key=lambda c: c.date),
                                       keep=lambda c: c.id)

    def _show_findings(self, person_id: str) -> None:
        """Open findings about the person, worst first, on their worst severity's tint."""
        findings = sorted(self._findings_by_person.get(person_id, ()), key=lambda f: f.sort_key())
        if not findings:
            self.person_findings.hide()
            return
        items = "".join(
            f"<li><b>{html.escape(rule_words(f))}</b> ({SEVERITY_WORDS[f.severity.value]}): "
            f"{html.escape(f.message)}</li>"
            for f in findings)
        self.person_findings.setText(f"<ul style='margin:0; -qt-list-indent:1'>{items}</ul>")
        colour = SEVERITY_COLOURS.get(findings[0].severity.value, "#eef2f6")
        self.person_findings.setStyleSheet(f"QLabel#personFindings {{ background: {colour}; "
                                           "border-radius: 4px; padding: 4px 6px; }")
        self.person_findings.show()

    def go_to(self, kind: str, key: str) -> bool:
        if kind != "person":
            return False
        self.table.filter.clear()
        return self.table.select_where(lambda p: p.id == key)

    # --- people ----------------------------------------------------------------------------

    def add_person(self) -> None:
        person = PersonDialog.ask(self, self.snapshot)
        if person:
            self.session.apply([Insert(person)], f"Add {person.full_name}")
            self.table.select_where(lambda p: p.id == person.id)

    def edit_person(self) -> None:
        current = self.table.current()
        if current is None or self.session.read_only:
            return
        person = PersonDialog.ask(self, self.snapshot, current)
        if person and person != current:
            self.session.apply([Update(current, person)], f"Edit {person.full_name}")

    def _references_to(self, person_id: str) -> list[tuple[int, str, str]]:
        """(count, singular, plural) of each kind of record that names the person."""
        snap = self.snapshot
        counts = [
            (len(snap.appointments_by_person.get(person_id, ())), "appointment", "appointments"),
            (len(snap.attendance_by_person.get(person_id, ())), "attendance record", "attendance records"),
            (sum(1 for d in snap.pay_decisions if d.person_id == person_id), "pay decision", "pay decisions"),
            (sum(1 for a in snap.rpt_agreements if a.related_person_id == person_id),
             "related party agreement", "related party agreements"),
            (len(snap.interests_by_person.get(person_id, ())), "interest", "interests"),
            (len(snap.declarations_by_person.get(person_id, ())), "declaration", "declarations"),
            (len(snap.employment_by_person.get(person_id, ())), "employment record", "employment records"),
            (len(snap.relationships_by_person.get(person_id, ())), "relationship", "relationships"),
            (len(snap.checks_by_person.get(person_id, ())), "check", "checks"),
        ]
        return [c for c in counts if c[0]]

    def delete_person(self) -> None:
        person = self.table.current()
        if person is None or self.session.read_only:
            return
        name = person.full_name
        references = self._references_to(person.id)
        if references:
            QMessageBox.information(self, "Cannot delete person", _cannot_delete_text(name, references))
            return
        if not confirm(
            self, "Delete person",
            f"Delete {name} ({person.id})?\n\nDelete only a person entered in error: nothing else in the "
            "registers names them. Edit > Undo brings them back."):
            return
        # Acknowledged findings about the person would otherwise be left behind, and would silently
        # apply to anyone later given the same ID.
        acknowledgements = [a for a in self.snapshot.acknowledgements
                            if a.subject_kind == "person" and a.subject_key == person.id]
        row = self._proxy_row(person.id)
        self.session.apply([Delete(a) for a in acknowledgements] + [Delete(person)],
                           f"Delete {name} ({person.id})")
        # The row below takes the deleted one's place, as in a file manager.
        remaining = self.table.visible_objects()
        if remaining and row is not None:
            next_id = remaining[min(row, len(remaining) - 1)].id
            self.table.select_where(lambda p: p.id == next_id)

    def _proxy_row(self, person_id: str) -> int | None:
        return next((i for i, p in enumerate(self.table.visible_objects()) if p.id == person_id), None)

    # --- employment, relationships, checks ------------------------------------------------------

    def _edit_record(self, field_name: str, title: str, specs, current, make, *, original=None) -> None:
        """`current` fills the form; `original` (default `current`) is the record replaced."""
        initial = {s.name: getattr(current, s.name) for s in specs} if current else {}
        original = original if original is not None else current
        record = RecordDialog.ask(self, title, specs, initial, make,
                                  lambda r: new_problems(self.snapshot, field_name, original, r))
        if record is None or record == original:
            return
        who = self.snapshot.person_label(self._person_id())
        change = Update(original, record) if original else Insert(record)
        self.session.apply([change], f"{title} ({who})")

    def _delete_record(self, tab: _SubTable, what: str) -> None:
        current = tab.table.current()
        if current is None or self.session.read_only:
            return
        who = self.snapshot.person_label(self._person_id())
        if confirm(
            self, f"Delete {what}",
            f"Delete this {what} of {who}? Delete only a record entered in error; Edit > Undo brings it back."):
            self.session.apply([Delete(current)], f"Delete {what} ({who})")

    def _employment_specs(self):
        academies = [(a.name, a.urn) for a in sorted(self.snapshot.academies, key=lambda a: a.name)]
        return [
            FieldSpec("job_title", "Job title", required=True),
            FieldSpec("academy_urn", "Academy (blank = central)", "choice", choices=academies),
            FieldSpec("start", "Start date", "date", required=True),
            FieldSpec("end", "End date", "date"),
            FieldSpec("off_payroll", "Off payroll (paid through a company or agency)", "bool"),
            # An accounting officer or CFO off payroll needs the approval before starting (EXE-04).
            FieldSpec("offpayroll_approval_on", "DfE off-payroll approval on", "date"),
            FieldSpec("approval_ends_on", "Approval ends on (blank: 12 months)", "date"),
        ]

    def add_employment(self) -> None:
        pid = self._person_id()
        self._edit_record("employment", "Add employment", self._employment_specs(), None,
                          lambda v: m.Employment(person_id=pid, **v))

    def edit_employment(self) -> None:
        current = self.employment_tab.table.current()
        if current:
            self._edit_record("employment", "Edit employment", self._employment_specs(), current,
                              lambda v: replace(current, **v))

    def _seen_from_here(self, rel: m.PersonRelationship) -> tuple[str, Relationship]:
        """(the other person, what they are to the person shown), whichever side the row is on."""
        if rel.person_id == self._person_id():
            return rel.related_person_id, rel.relationship
        return rel.person_id, rel.relationship.inverse

    def _relationship_specs(self):
        pid = self._person_id()
        name = self.snapshot.person_by_id[pid].full_name
        others = [(t, v) for t, v in people_choices(self.snapshot) if v != pid]
        return [
            FieldSpec("related_person_id", "Related person", "ref", required=True, choices=others),
            FieldSpec("relationship", f"Is {name}'s", "choice", required=True, choices=choices(Relationship),
                      missing="Choose the relationship"),
            FieldSpec("start", "Start date", "date"),
            FieldSpec("end", "End date", "date"),
        ]

    def add_relationship(self) -> None:
        pid = self._person_id()
        self._edit_record("relationships", "Add relationship", self._relationship_specs(), None,
                          lambda v: m.PersonRelationship(person_id=pid, **v))

    def edit_relationship(self) -> None:
        """Edited as seen from the person shown; a row recorded from the other side keeps its
        orientation (the History then shows only what changed)."""
        current = self.relationships_tab.table.current()
        if not current:
            return
        other, relationship = self._seen_from_here(current)
        initial = replace(current, related_person_id=other, relationship=relationship)

        def make(values):
            if current.person_id == self._person_id():
                return replace(current, **values)
            return replace(current, person_id=values["related_person_id"],
                           relationship=values["relationship"].inverse, start=values["start"], end=values["end"])

        self._edit_record("relationships", "Edit relationship", self._relationship_specs(), initial, make,
                          original=current)

    def _check_specs(self):
        return [
            FieldSpec("kind", "Check", "choice", required=True, choices=choices(CheckKind)),
            FieldSpec("date", "Date", "date", required=True),
            FieldSpec("reference", "Reference", hint="certificate number or note"),
        ]

    def add_check(self) -> None:
        pid = self._person_id()
        self._edit_record("checks", "Add check", self._check_specs(), None, lambda v: m.Check(person_id=pid, **v))

    def edit_check(self) -> None:
        current = self.checks_tab.table.current()
        if current:
            self._edit_record("checks", "Edit check", self._check_specs(), current, lambda v: replace(current, **v))


def _cannot_delete_text(name: str, references: list[tuple[int, str, str]]) -> str:
    """'Graham Whitlock has 2 appointments and 3 interests; …' with advice that fits what refers."""
    parts = [f"{n} {single if n == 1 else plural}" for n, single, plural in references]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    served = {single for _, single, _ in references} & {"appointment", "attendance record", "pay decision"}
    if served:
        advice = ("End their appointments instead (on the Members, Board or LGB pages): people who served "
                  "stay in the registers.")
    else:
        advice = ("If those records were entered in error too, delete them first (employment, relationships "
                  "and checks on this page; interests and declarations on the Interests page), then delete "
                  "the person. Otherwise keep them: the registers keep what was recorded.")
    return f"{name} has {listed}, so they cannot be deleted. Nothing was deleted.\n\n{advice}"


def _body_type(snapshot, appointment):
    body = snapshot.body_by_name.get(appointment.body)
    return body.type if body else None
