"""Interests and declarations: who must keep their interests registered, whether their annual
declaration is made, and each person's interests, declarations and relationships.

Who is in scope and when a declaration falls due are the rulebook's (ROI-01), read from the same
helpers the rules and the dashboard's "Due soon" list use, so a person shown "Overdue" here is the
person ROI-01 names. Ending an interest sets its end date; deleting is only for a record entered in
error, and always asks first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QSplitter,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...domain import model as m
from ...domain.dates import academic_year_of, add_years
from ...domain.enums import Relationship
from ...domain.names import normalise_company_number
from ...domain.snapshot import TrustSnapshot
from ...domain.validate import check_dates_in_order
from ...rules.interests import NEW_APPOINTEE_DAYS, SCOPE_ROLES, InterestScope
from ...store import Delete, Insert, Update
from ..dialogs import (
    CHOOSE_ONE,
    REQUIRED_MARK,
    FieldError,
    FieldSpec,
    RecordDialog,
    confirm,
    new_problems,
    people_choices,
)
from ..models import SEVERITY_WORDS, Column, findings_tooltip, fmt_date, rule_words, rules_words
from ..widgets import EmptyState, Page, TableBox, button, label, page_opener
from .dashboard import DUE_DAYS

# A declaration "falls due soon" inside the same window as the dashboard's Due soon list.
DUE_SOON_DAYS = DUE_DAYS

_COMPANY_NUMBER = re.compile(r"^[A-Z0-9]{8}$")
_REQUIRED_FOR_REGISTER = "needed for the register (ROI-02)"

# --- declaration status ------------------------------------------------------------------------

DECLARED, NOTHING, DUE, OVERDUE, MISSING, NOT_IN_SCOPE = (
    "Declared", "Nothing to declare", "Due", "Overdue", "Missing", "Not in scope")
# Most urgent first, for sorting; colours are the findings' must / should / fine.
_STATUS_RANK = {MISSING: 0, OVERDUE: 0, DUE: 1, DECLARED: 2, NOTHING: 2, NOT_IN_SCOPE: 3}
STATUS_COLOURS = {MISSING: "#fde2e1", OVERDUE: "#fde2e1", DUE: "#fff1d6", DECLARED: "#e3f3e6",
                  NOTHING: "#e3f3e6", NOT_IN_SCOPE: None}
NEEDS_ATTENTION = {DUE, OVERDUE, MISSING}


@dataclass(frozen=True)
class DeclarationStatus:
    word: str
    last: m.Declaration | None  # the latest declaration on or before as_of
    due_on: date | None  # when the next declaration is due (ROI-01 fires from this day)

    @property
    def rank(self) -> int:
        return _STATUS_RANK[self.word]

    def sentence(self, as_of: date) -> str:
        last = self.last
        said = ""
        if last is not None:
            said = (f"Last declaration signed {fmt_date(last.declared_on)}"
                    + (" (nothing to declare)" if last.nothing_to_declare else "") + ". ")
        if self.word == NOT_IN_SCOPE:
            return said + "Not in scope of the register today: they hold no member, trustee, local " \
                          "governor, accounting officer or CFO role."
        if self.word == MISSING:
            return f"No declaration recorded; the first was due by {fmt_date(self.due_on)}."
        if self.word == OVERDUE:
            return said + f"A new one was due by {fmt_date(self.due_on - timedelta(days=1))}."
        if self.word == DUE and last is None:
            return f"Newly appointed: the first declaration is due by {fmt_date(self.due_on)}."
        if self.word == DUE:
            return said + f"The next is due by {fmt_date(self.due_on - timedelta(days=1))}."
        return said + f"Up to date until {fmt_date(self.due_on - timedelta(days=1))}."


def declaration_status(snapshot: TrustSnapshot, scope: InterestScope, person_id: str) -> DeclarationStatus:
    """The person's declaration status on scope.as_of, by ROI-01's reckoning."""
    as_of = scope.as_of
    made = [d for d in snapshot.declarations_by_person.get(person_id, ()) if d.declared_on <= as_of]
    last = max(made, key=lambda d: (d.declared_on, d.id)) if made else None
    if person_id not in scope.people:
        return DeclarationStatus(NOT_IN_SCOPE, last, None)
    if last is None:
        due = scope.first_start(person_id) + timedelta(days=NEW_APPOINTEE_DAYS)
        return DeclarationStatus(MISSING if due <= as_of else DUE, None, due)
    due = add_years(last.declared_on, 1)  # ROI-01 fires from this day: the last is 12 months old
    if due <= as_of:
        return DeclarationStatus(OVERDUE, last, due)
    if due <= as_of + timedelta(days=DUE_SOON_DAYS):
        return DeclarationStatus(DUE, last, due)
    return DeclarationStatus(NOTHING if last.nothing_to_declare else DECLARED, last, due)


@dataclass(frozen=True)
class PersonRow:
    person: m.Person
    roles: str
    status: DeclarationStatus
    findings: tuple[m.Finding, ...]
    current_interests: int


def relationship_text(rel: m.PersonRelationship, person_id: str, snapshot) -> str:
    """'Parent of Anjali Raghunathan': what `person_id` is to the other person.

    A row (A, B, Child) records that B is A's child, so seen from B it reads 'Child of A' and
    seen from A 'Parent of B'.
    """
    if rel.related_person_id == person_id:
        return f"{rel.relationship} of {snapshot.person_label(rel.person_id)}"
    return f"{rel.relationship.inverse} of {snapshot.person_label(rel.related_person_id)}"


def _missing_fields(interest: m.Interest) -> list[str]:
    checks = (("organisation", "organisation"), ("nature_of_business", "nature of business"),
              ("nature_of_interest", "nature of interest"), ("start", "start date"))
    return [name for attr, name in checks if getattr(interest, attr) in (None, "")]


def _interest_tooltip(interest: m.Interest) -> str:
    text = interest.organisation
    if interest.company_number:  # its column leaves a narrow window first
        text += f"\nCompany number {interest.company_number}"
    missing = _missing_fields(interest)
    if missing:
        text += f"\nMissing: {', '.join(missing)} ({_REQUIRED_FOR_REGISTER})"
    return text


class _StatusDelegate(QStyledItemDelegate):
    """Tints the Status cell by urgency and makes overdue and missing bold."""

    def initStyleOption(self, option, index) -> None:  # noqa: N802 - Qt API
        super().initStyleOption(option, index)
        word = index.data()
        colour = STATUS_COLOURS.get(word)
        if colour:
            option.backgroundBrush = QBrush(QColor(colour))
        if word in (OVERDUE, MISSING):
            font = QFont(option.font)
            font.setBold(True)
            option.font = font


class _Section(QWidget):
    """A titled table of the selected person's records, its buttons between title and table."""

    def __init__(self, title: str, columns, actions, extra: list[QWidget] = (), *,
                 stretch: tuple[int, ...] = (), optional: tuple[int, ...] = ()):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        # Options sit on the title's line, so the buttons' line fits a narrow window.
        heading = QHBoxLayout()
        heading.addWidget(label(title, "sectionTitle"))
        heading.addStretch(1)
        for widget in extra:
            heading.addWidget(widget)
        layout.addLayout(heading)
        bar = QHBoxLayout()
        self.buttons: dict[str, object] = {}
        for text, icon_name, slot, tip in actions:
            b = button(text, icon_name, slot, tip)
            self.buttons[text] = b
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        # The long text takes the spare width and elides (its tooltip shows all), never a sideways bar.
        self.table = TableBox(columns, stretch=stretch, optional=optional)
        self.table.filter.hide()
        self.table.view.setMinimumHeight(self.table.view.verticalHeader().defaultSectionSize() * 3)
        layout.addWidget(self.table, 1)


# --- the page ----------------------------------------------------------------------------------

SHOW_IN_SCOPE, SHOW_ATTENTION, SHOW_EVERYONE = "scope", "attention", "everyone"


class InterestsPage(Page):
    key, title, icon_name = "interests", "Interests and declarations", "interests"
    hint = ("Members, trustees, local governors, the accounting officer and the chief financial officer "
            "must declare their interests at least every 12 months. Select a person to see and edit "
            "their interests, declarations and relationships.")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)

        self.table = TableBox([
            Column("Name", lambda r: f"{r.person.surname}, {r.person.forename}",
                   tooltip=lambda r: r.roles or "No role in scope of the register"),
            Column("Status", lambda r: (r.status.rank, r.status.word), display=lambda v: v[1],
                   tooltip=lambda r: r.status.sentence(self.session.as_of)),
            Column("Findings", lambda r: rules_words(r.findings), tooltip=lambda r: findings_tooltip(r.findings)),
        ], filter_hint="Type to filter by name or status…", stretch=(0,),
            optional=(2,))  # the person's findings are listed beside the list too
        self.table.view.setItemDelegateForColumn(1, _StatusDelegate(self.table.view))
        self.show_choice = QComboBox()
        self.show_choice.setAccessibleName("Show")
        for text, value in (("Everyone in scope", SHOW_IN_SCOPE),
                            ("Due or overdue only", SHOW_ATTENTION),
                            ("Everyone, in scope or not", SHOW_EVERYONE)):
            self.show_choice.addItem(text, value)
        self.show_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.show_choice.setMinimumContentsLength(19)
        self.show_choice.currentIndexChanged.connect(lambda _: self.refresh())
        self.table.filter_bar.addWidget(self.show_choice)
        self.table.selection_changed.connect(self._show_person)
        self.counts = label("", "pageHint", wrap=True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.counts)
        splitter.addWidget(left)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.setSpacing(4)
        self.person_heading = label("", "pageTitle")
        self.person_facts = label("", "pageHint", wrap=True)
        self.status_line = label("", "note", wrap=True)
        self.status_line.setObjectName("declarationStatus")
        self.findings_line = label("", "note", wrap=True)
        self.findings_line.setTextFormat(Qt.TextFormat.RichText)
        for widget in (self.person_heading, self.person_facts, self.status_line, self.findings_line):
            detail_layout.addWidget(widget)

        self.show_ended = QCheckBox("Show ended interests")
        self.show_ended.toggled.connect(lambda _: self._show_person(self.table.current()))
        self.interests = _Section("Interests", [
            Column("Organisation", lambda i: i.organisation, tooltip=_interest_tooltip),
            Column("Company no.", lambda i: i.company_number),
            Column("Business", lambda i: i.nature_of_business, tooltip=lambda i: f"Nature of business: {i.nature_of_business or '(not given)'}"),
            Column("Interest", lambda i: i.nature_of_interest, tooltip=lambda i: f"Nature of interest: {i.nature_of_interest or '(not given)'}"),
            Column("From", lambda i: i.start),
            Column("To", lambda i: i.end),
        ], [
            ("Add…", "add", self.add_interest, "Add an interest to this person's register"),
            ("Edit…", "edit", self.edit_interest, "Correct or complete the selected interest"),
            ("End…", "end", self.end_interest, "Record the last day of the selected interest"),
            ("Delete…", "end", self.delete_interest, "Delete an interest entered in error (ending it keeps the history)"),
        ], [self.show_ended], stretch=(0, 2, 3), optional=(1,))
        self.interests.table.model.row_colour = self._interest_colour
        self.interests.table.activated.connect(lambda _: self.edit_interest())
        self.interests.table.delete_with(self.interests.buttons["Delete…"])
        self.interests.table.selection_changed.connect(lambda _: self._update_buttons())

        self.declarations = _Section("Declarations", [
            Column("Year", lambda d: academic_year_of(d.declared_on)),
            Column("Signed on", lambda d: d.declared_on),
            Column("Declared", lambda d: {True: "Nothing to declare", False: "Interests as listed"}.get(
                d.nothing_to_declare, "Not stated")),
        ], [
            ("Record declaration…", "add", self.record_declaration, "Record a signed declaration of interests"),
            ("Delete…", "end", self.delete_declaration, "Delete a declaration entered in error"),
        ], stretch=(2,))
        self.declarations.table.selection_changed.connect(lambda _: self._update_buttons())
        self.declarations.table.delete_with(self.declarations.buttons["Delete…"])
        self.relationships = _Section("Relationships", [
            # One column: the sentence needs the width; dates are in the tooltip.
            Column("Relationship", lambda r: relationship_text(r, self._person_id(), self.snapshot)
                   + (f" (ended {fmt_date(r.end)})" if r.end and r.end < self.session.as_of else ""),
                   tooltip=self._relationship_tooltip),
        ], [
            ("Add…", "add", self.add_relationship, "Record a family or household relationship with another person"),
            ("Remove…", "end", self.remove_relationship, "Remove the selected relationship"),
        ], stretch=(0,))
        self.relationships.table.selection_changed.connect(lambda _: self._update_buttons())
        self.relationships.table.delete_with(self.relationships.buttons["Remove…"])

        records = QSplitter(Qt.Orientation.Vertical)
        records.setChildrenCollapsible(False)
        records.addWidget(self.interests)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.setChildrenCollapsible(False)
        lower.addWidget(self.declarations)
        lower.addWidget(self.relationships)
        lower.setSizes([325, 290])
        records.addWidget(lower)
        records.setStretchFactor(0, 3)
        records.setStretchFactor(1, 2)
        detail_layout.addWidget(records, 1)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([440, 560])  # a 1024-pixel window: the filter, names and statuses in full
        self.body.addWidget(splitter, 1)
        self.content = splitter
        self.empty = EmptyState(
            "No one is in scope of the register of interests yet. Members, trustees, local governors, the "
            "accounting officer and the chief financial officer appear here once they are appointed on the "
            "Members, Board and LGB pages; then record each person's interests and their yearly declaration here.",
            [("Members page", "members", page_opener(self, "members")),
             ("Board and committees page", "board", page_opener(self, "board"))])
        self.empty.hide()
        self.body.addWidget(self.empty, 1)

    # --- data ------------------------------------------------------------------------------

    def _rows(self) -> list[PersonRow]:
        snap, as_of = self.snapshot, self.session.as_of
        scope = InterestScope(snap, as_of)
        show = self.show_choice.currentData()
        wanted = set(scope.people)
        if show == SHOW_EVERYONE:
            wanted |= {p.id for p in snap.people}
        rows = []
        for person_id in wanted:
            person = snap.person_by_id.get(person_id)
            if person is None:
                continue
            status = declaration_status(snap, scope, person_id)
            if show == SHOW_ATTENTION and status.word not in NEEDS_ATTENTION:
                continue
            roles = sorted({
                str(a.role) if a.body in (m.MEMBERS_BODY, m.BOARD_BODY) else f"{a.role}, {a.body}"
                for a in snap.appointments_by_person.get(person_id, ())
                if a.role in SCOPE_ROLES and a.in_office(as_of)
            })
            findings = tuple(f for f in self.session.findings_for("person", person_id) if f.rule.startswith("ROI-"))
            current = sum(1 for i in snap.interests_by_person.get(person_id, ()) if i.current(as_of))
            rows.append(PersonRow(person, "; ".join(roles), status, findings, current))
        return sorted(rows, key=lambda r: r.person.sort_name)

    def refresh(self) -> None:
        if self.session is None:
            return
        rows = self._rows()
        self.table.set_rows(rows, keep=lambda r: r.person.id)
        scope = InterestScope(self.snapshot, self.session.as_of)
        statuses = [declaration_status(self.snapshot, scope, pid).word for pid in scope.people]
        late = sum(1 for s in statuses if s in (OVERDUE, MISSING))
        due = statuses.count(DUE)
        self.counts.setText(f"{len(statuses)} people in scope: {len(statuses) - late - due} up to date, "
                            f"{due} due soon, {late} overdue or missing.")
        self._show_person(self.table.current())
        # No one in scope (a new trust): say who will appear and how, not an empty list. Listing
        # everyone still shows the people recorded, in scope or not.
        empty = not scope.people and (self.show_choice.currentData() != SHOW_EVERYONE or not self.snapshot.people)
        self.content.setVisible(not empty)
        self.empty.setVisible(empty)

    def _person_id(self) -> str | None:
        row = self.table.current()
        return row.person.id if row else None

    def _show_person(self, row: PersonRow | None) -> None:
        snap, as_of = self.snapshot, self.session.as_of
        if row is None:
            self.person_heading.setText("No one selected")
            self.person_facts.setText("Choose a person in the list to see their interests and declarations.")
            self.status_line.setText("")
            self.status_line.setStyleSheet("")  # no status: no coloured bar either
            self.status_line.setVisible(False)
            self.findings_line.setText("")
            for section in (self.interests, self.declarations, self.relationships):
                section.table.set_rows([])
            self._update_buttons()
            return
        person = row.person
        self.person_heading.setText(person.full_name)
        facts = [row.roles or "No role in scope of the register", f"ID {person.id}"]
        self.person_facts.setText(" · ".join(facts))
        colour = STATUS_COLOURS.get(row.status.word) or "#eef2f6"
        self.status_line.setText(f"{row.status.word}. {row.status.sentence(as_of)}")
        self.status_line.setStyleSheet(f"background: {colour}; border-radius: 4px; padding: 4px 6px;")
        self.status_line.setVisible(True)
        if row.findings:
            items = "".join(
                f"<li><b>{html.escape(rule_words(f))}</b> ({SEVERITY_WORDS[f.severity.value]}): "
                f"{html.escape(f.message)}</li>" for f in row.findings)
            self.findings_line.setText(f"<ul style='margin:0; -qt-list-indent:1'>{items}</ul>")
        else:
            self.findings_line.setText("No register of interests findings.")
        interests = snap.interests_by_person.get(person.id, [])
        if not self.show_ended.isChecked():
            interests = [i for i in interests if i.current(as_of)]
        self.interests.table.set_rows(sorted(interests, key=lambda i: (i.end is not None, i.organisation.casefold())),
                                      keep=lambda i: i.id)
        self.declarations.table.set_rows(
            sorted(snap.declarations_by_person.get(person.id, []), key=lambda d: d.declared_on, reverse=True),
            keep=lambda d: d.id)
        self.relationships.table.set_rows(snap.relationships_by_person.get(person.id, []), keep=lambda r: r.id)
        self._update_buttons()

    def _relationship_tooltip(self, rel: m.PersonRelationship) -> str:
        text = relationship_text(rel, self._person_id(), self.snapshot)
        if rel.start or rel.end:
            text += f"\nFrom {fmt_date(rel.start) or '(not recorded)'}" + (f" to {fmt_date(rel.end)}" if rel.end else "")
        return text

    def _interest_colour(self, interest: m.Interest) -> str | None:
        if not interest.current(self.session.as_of):
            return "#eef1f4"  # ended: greyed
        return "#fde2e1" if _missing_fields(interest) else None

    def _update_buttons(self) -> None:
        writable = self.session is not None and not self.session.read_only
        person = self._person_id() is not None
        interest = self.interests.table.current()
        b = self.interests.buttons
        b["Add…"].setEnabled(writable and person)
        b["Edit…"].setEnabled(writable and interest is not None)
        b["End…"].setEnabled(writable and interest is not None and interest.end is None)
        b["Delete…"].setEnabled(writable and interest is not None)
        self.declarations.buttons["Record declaration…"].setEnabled(writable and person)
        self.declarations.buttons["Delete…"].setEnabled(writable and self.declarations.table.current() is not None)
        self.relationships.buttons["Add…"].setEnabled(writable and person)
        self.relationships.buttons["Remove…"].setEnabled(writable and self.relationships.table.current() is not None)

    def go_to(self, kind: str, key: str) -> bool:
        if kind != "person" or key not in self.snapshot.person_by_id:
            return False
        self.table.filter.clear()
        if self.table.select_where(lambda r: r.person.id == key):
            return True
        # Not listed under the current choice (e.g. only overdue shown): list everyone.
        self.show_choice.setCurrentIndex(self.show_choice.findData(SHOW_EVERYONE))
        return self.table.select_where(lambda r: r.person.id == key)

    def _who(self) -> str:
        return self.snapshot.person_label(self._person_id())

    # --- interests -------------------------------------------------------------------------

    def _interest_specs(self, *, with_end: bool) -> list[FieldSpec]:
        specs = [
            FieldSpec("organisation", "Organisation", required=True, hint="e.g. Whitlock Consulting Ltd"),
            FieldSpec("company_number", "Company number", hint="8 characters, e.g. 08123456 (if a company)"),
            FieldSpec("nature_of_business", "Nature of business", required=True, hint="e.g. Building contractor",
                      missing="Describe the organisation's business"),
            FieldSpec("nature_of_interest", "Nature of interest", required=True,
                      missing="Describe the interest",
                      hint="e.g. Director, shareholder, employee, trustee"),
            FieldSpec("start", "From (start date)", "date", required=True, missing="Enter a start date"),
        ]
        if with_end:
            specs.append(FieldSpec("end", "To (end date)", "date", hint="dd/mm/yyyy; blank while it continues"))
        return specs

    def _make_interest(self, values: dict, current: m.Interest | None) -> m.Interest:
        number = values.get("company_number")
        if number:
            number = normalise_company_number(number)
            if not _COMPANY_NUMBER.match(number):
                raise FieldError("Company number", f"'{values['company_number']}' is not a Companies House "
                                 "number (8 letters or digits, e.g. 08123456 or SC123456)")
        values = {**values, "company_number": number or None}
        record = replace(current, **values) if current else m.Interest(person_id=self._person_id(), **values)
        if check_dates_in_order(record.start, record.end, "start date", "end date"):
            raise FieldError("To (end date)", f"{fmt_date(record.end)} is before the start date {fmt_date(record.start)}")
        same = [i for i in self.snapshot.interests_by_person.get(record.person_id, ())
                if i.id != record.id and i.organisation.casefold() == record.organisation.casefold()
                and i.start == record.start]
        if same:
            raise FieldError("Organisation", f"{record.organisation} from {fmt_date(record.start)} is already "
                             f"in {self._who()}'s register")
        return record

    def _ask_interest(self, title: str, current: m.Interest | None) -> m.Interest | None:
        specs = self._interest_specs(with_end=current is not None)
        initial = {s.name: getattr(current, s.name) for s in specs} if current else {}
        return RecordDialog.ask(self, title, specs, initial, lambda v: self._make_interest(v, current),
                                lambda r: new_problems(self.snapshot, "interests", current, r))

    def add_interest(self) -> None:
        if self._person_id() is None or self.session.read_only:
            return
        record = self._ask_interest(f"Add an interest for {self._who()}", None)
        if record is None:
            return
        (stored,) = self.session.apply([Insert(record)], f"Add interest {record.organisation} ({self._who()})")
        self.interests.table.select_where(lambda i: i.id == getattr(stored, "id", None))

    def edit_interest(self) -> None:
        current = self.interests.table.current()
        if current is None or self.session.read_only:
            return
        record = self._ask_interest(f"Edit interest ({self._who()})", current)
        if record is not None and record != current:
            self.session.apply([Update(current, record)], f"Edit interest {record.organisation} ({self._who()})")

    def end_interest(self) -> None:
        current = self.interests.table.current()
        if current is None or self.session.read_only:
            return

        def make(values: dict) -> m.Interest:
            end = values["end"]
            if current.start and end < current.start:
                raise FieldError("End date", f"{fmt_date(end)} is before the interest started ({fmt_date(current.start)})")
            return replace(current, end=end)

        record = RecordDialog.ask(
            self, f"End interest in {current.organisation}",
            [FieldSpec("end", "End date (last day of the interest)", "date", required=True)],
            {"end": clock.today()}, make)
        if record is not None and record != current:
            self.session.apply([Update(current, record)],
                               f"End interest {current.organisation} on {fmt_date(record.end)} ({self._who()})")

    def delete_interest(self) -> None:
        current = self.interests.table.current()
        if current is None or self.session.read_only:
            return
        if confirm(
            self, "Delete interest",
            f"Delete {current.organisation} from {self._who()}'s register?\n\n"
            "Only delete an interest entered in error. When an interest has ended, use End… instead so "
            "the register keeps its history. You can undo this (Edit > Undo)."):
            self.session.apply([Delete(current)], f"Delete interest {current.organisation} ({self._who()})")

    # --- declarations ----------------------------------------------------------------------

    def record_declaration(self) -> None:
        person_id = self._person_id()
        if person_id is None or self.session.read_only:
            return
        who = self._who()
        specs = [
            FieldSpec("declared_on", "Date signed", "date", required=True, missing="Enter the date it was signed"),
            FieldSpec("nothing_to_declare", "Declaration", "choice",
                      choices=[("Interests as listed in the register", False), ("Nothing to declare", True)]),
        ]

        def make(values: dict) -> m.Declaration:
            when, nothing = values["declared_on"], values["nothing_to_declare"]
            if nothing is None:
                raise FieldError("Declaration", "choose 'Interests as listed in the register' or 'Nothing to declare'")
            if when > clock.today():
                raise FieldError("Date signed", f"{fmt_date(when)} is in the future")
            if any(d.declared_on == when for d in self.snapshot.declarations_by_person.get(person_id, ())):
                raise FieldError("Date signed", f"a declaration signed on {fmt_date(when)} is already recorded for {who}")
            held = [i.organisation for i in self.snapshot.interests_by_person.get(person_id, ()) if i.in_force(when)]
            if nothing and held:
                raise FieldError("Declaration", f"{who} has {len(held)} interest{'s' if len(held) > 1 else ''} "
                                 f"in force on {fmt_date(when)} ({', '.join(held)}); end "
                                 f"{'them' if len(held) > 1 else 'it'} first, or choose 'Interests as listed'")
            return m.Declaration(person_id=person_id, declared_on=when, nothing_to_declare=nothing)

        dialog = RecordDialog(self, f"Record declaration of interests: {who}", specs,
                              {"declared_on": clock.today()}, make)
        choice = dialog.widgets["nothing_to_declare"]
        choice.setItemText(0, CHOOSE_ONE)  # an explicit answer, never a default
        form = dialog.layout().itemAt(0).layout()
        if isinstance(form, QFormLayout) and form.labelForField(choice) is not None:
            form.labelForField(choice).setText("Declaration" + REQUIRED_MARK)  # required, though it starts blank
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        record = dialog.result_record
        (stored,) = self.session.apply(
            [Insert(record)], f"Record declaration of interests signed {fmt_date(record.declared_on)} ({who})")
        self.declarations.table.select_where(lambda d: d.id == getattr(stored, "id", None))

    def delete_declaration(self) -> None:
        current = self.declarations.table.current()
        if current is None or self.session.read_only:
            return
        if confirm(
            self, "Delete declaration",
            f"Delete the declaration signed on {fmt_date(current.declared_on)} by {self._who()}?\n\n"
            "Only delete a declaration entered in error. You can undo this (Edit > Undo)."):
            self.session.apply([Delete(current)],
                               f"Delete declaration signed {fmt_date(current.declared_on)} ({self._who()})")

    # --- relationships ---------------------------------------------------------------------

    def add_relationship(self) -> None:
        person_id = self._person_id()
        if person_id is None or self.session.read_only:
            return
        who = self._who()
        others = [(t, v) for t, v in people_choices(self.snapshot) if v != person_id]
        specs = [
            FieldSpec("relationship", f"{who} is the", "choice", required=True, missing="Choose the relationship",
                      choices=[(r.value, r) for r in Relationship]),
            FieldSpec("other", "of", "ref", required=True, choices=others, missing="Choose the other person"),
            FieldSpec("start", "From", "date"),
            FieldSpec("end", "To", "date"),
        ]

        def make(values: dict) -> m.PersonRelationship:
            other = values["other"]
            # Stored from this person's side: the row says what the other person is to them.
            record = m.PersonRelationship(person_id=person_id, related_person_id=other,
                                          relationship=values["relationship"].inverse,
                                          start=values["start"], end=values["end"])
            if check_dates_in_order(record.start, record.end, "start", "end"):
                raise FieldError("To", f"{fmt_date(record.end)} is before {fmt_date(record.start)}")
            for rel in self.snapshot.relationships_by_person.get(person_id, ()):
                if {rel.person_id, rel.related_person_id} == {person_id, other}:
                    raise FieldError("of", f"{who} and {self.snapshot.person_label(other)} already have a "
                                     f"relationship recorded ({relationship_text(rel, person_id, self.snapshot)})")
            return record

        record = RecordDialog.ask(self, f"Add relationship: {who}", specs, {}, make,
                                  lambda r: new_problems(self.snapshot, "relationships", None, r))
        if record is None:
            return
        text = relationship_text(record, person_id, self.snapshot)
        (stored,) = self.session.apply([Insert(record)], f"Add relationship: {who}, {text[0].lower()}{text[1:]}")
        self.relationships.table.select_where(lambda r: r.id == getattr(stored, "id", None))

    def remove_relationship(self) -> None:
        current = self.relationships.table.current()
        person_id = self._person_id()
        if current is None or person_id is None or self.session.read_only:
            return
        text = relationship_text(current, person_id, self.snapshot)
        if confirm(
            self, "Remove relationship",
            f"Remove the relationship '{self._who()}: {text}'?\n\n"
            "The related-party checks will no longer treat them as related. You can undo this (Edit > Undo)."):
            self.session.apply([Delete(current)], f"Remove relationship: {self._who()}, {text[0].lower()}{text[1:]}")


