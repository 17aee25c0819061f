"""Appointments pages: Members, Board and committees, Local governing bodies.

Who is in office, their role, who appointed them, start and term end; appoint, end (date and
reason) and reappoint for a new term. Ending sets the end date; nothing is deleted.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
)

from ... import clock
from ...domain import model as m
from ...domain.appointing import appointing_body_label
from ...domain.dates import add_years
from ...domain.enums import COMMITTEE_ROLES, BodyType, Role
from ...store import Insert, Update
from ..dialogs import (
    AppointmentDialog,
    FieldError,
    FieldSpec,
    RecordDialog,
    end_appointment_specs,
    new_problems,
)
from ..models import Column, rule_words
from ..widgets import EmptyState, Page, TableBox, button, gias_builder, label, page_opener

BOARD_ROLES = [Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES, Role.VICE_CHAIR_OF_TRUSTEES, Role.ACCOUNTING_OFFICER,
               Role.CHIEF_EXECUTIVE, Role.CHIEF_FINANCIAL_OFFICER, Role.GOVERNANCE_PROFESSIONAL]
TERM_ROLES = {Role.TRUSTEE, Role.LOCAL_GOVERNOR, Role.LGB_CHAIR, Role.MEMBER}


class AppointmentsPage(Page):
    """A list of appointments on some bodies, with a body chooser when there are several."""

    roles: list[Role] = []

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        controls = QHBoxLayout()
        self.body_choice = QComboBox()
        self.body_choice.setAccessibleName("Body")
        # Sized by a minimum length, not the longest name, so the row fits a 1024-pixel screen;
        # it grows into spare room up to a readable width.
        self.body_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.body_choice.setMinimumContentsLength(20)
        self.body_choice.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.body_choice.setMaximumWidth(self.body_choice.fontMetrics().horizontalAdvance("M" * 30))
        self.body_choice.currentIndexChanged.connect(lambda _: self._fill())
        controls.addWidget(self.body_choice, 1)
        self.show_past = QCheckBox("Show past appointments")
        self.show_past.toggled.connect(lambda _: self._fill())
        controls.addStretch(0)  # the chooser widens first, then the buttons move right
        self.appoint_btn = button("Appoint…", "add", self.appoint)
        self.edit_btn = button("Edit…", "edit", self.edit)
        self.end_btn = button("End…", "end", self.end)
        self.reappoint_btn = button("Reappoint…", "redo", self.reappoint,
                                    tip="Reappoint for a new term: this term ends and the next starts the day after")
        for b in (self.appoint_btn, self.edit_btn, self.end_btn, self.reappoint_btn):
            controls.addWidget(b)
        self.add_body_btn = None  # Board and LGB pages: add a committee / an academy
        self.body.addLayout(controls)
        # Committees and LGBs: when the board last reviewed the terms of reference (COM-01) and
        # what the checks say about the body as a whole (LGB-01 parent governors and the like).
        about = QHBoxLayout()
        self.body_facts = label("", "note", wrap=True)
        self.body_facts.setTextFormat(Qt.TextFormat.RichText)
        about.addWidget(self.body_facts, 1)
        self.tor_btn = button("Terms of reference reviewed…", "edit", self.record_tor_review,
                              tip="Record the date the board last reviewed this body's terms of reference")
        about.addWidget(self.tor_btn, 0, Qt.AlignmentFlag.AlignTop)
        self.about_row = about  # the LGB page adds its academies button here
        self.body.addLayout(about)
        self.table = TableBox([
            # "Surname, Forename" and sorted by surname, as on People and Interests.
            Column("Name", lambda a: self._person_name(a.person_id)),
            Column("Role", lambda a: a.role),
            Column("Body", lambda a: a.body),
            # The plain label in the column; GIAS's own wording beside it in the tooltip.
            Column("Appointed by", lambda a: appointing_body_label(a.appointed_by, body_type=self._body_type(a),
                                                                   with_gias=False),
                   tooltip=lambda a: appointing_body_label(a.appointed_by, body_type=self._body_type(a))),
            Column("Start", lambda a: a.start),
            Column("Term ends", lambda a: a.term_end),
            Column("Status", lambda a: appointment_status(a, self.session.as_of)),
            Column("Ended", lambda a: a.end),
            Column("Reason", lambda a: a.end_reason),
        ])
        self.table.view.setColumnHidden(2, True)  # the body is the one chosen above
        self.table.filter_bar.addWidget(self.show_past)
        self.table.activated.connect(lambda _: self.edit())
        self.table.selection_changed.connect(self._update_buttons)
        self.body.addWidget(self.table, 1)
        # A body with no one appointed yet (ever) says who goes there and how.
        self.empty = EmptyState("", [("Appoint…", "add", self.appoint),
                                     ("Open the People page", "people", page_opener(self, "people"))])
        self.empty.hide()
        self.body.addWidget(self.empty, 1)

    def _body_type(self, appointment):
        body = self.snapshot.body_by_name.get(appointment.body)
        return body.type if body else None

    # --- which bodies --------------------------------------------------------------------

    def body_names(self) -> list[str]:
        raise NotImplementedError

    def refresh(self) -> None:
        current = self.body_choice.currentData()
        names = self.body_names()
        self.body_choice.blockSignals(True)
        self.body_choice.clear()
        for name in names:
            self.body_choice.addItem(self.body_label(name), name)
        if current in names:
            self.body_choice.setCurrentIndex(names.index(current))
        self.body_choice.blockSignals(False)
        self.body_choice.setVisible(len(names) > 1)
        self._fill()

    def body_label(self, name: str) -> str:
        return name

    def empty_text(self, body: str) -> str:
        """What goes on the body's list, and how, while no one has been appointed to it."""
        return f"No one is appointed to {body} yet. Appoint its members and its chair."

    def _show_empty(self) -> None:
        body = self.body_choice.currentData()
        empty = body is not None and not self.snapshot.appointments_by_body.get(body)
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)
        for b in (self.appoint_btn, self.edit_btn, self.end_btn, self.reappoint_btn):
            b.setVisible(not empty)
        if empty:
            people = bool(self.snapshot.people)
            self.empty.set_text(self.empty_text(body) + ("" if people else
                                " No one is recorded on the People page yet: add the people first."))
            appoint, to_people = self.empty.buttons
            appoint.setEnabled(people and not self.session.read_only)
            to_people.setVisible(not people)

    def _person_name(self, person_id: str) -> str:
        person = self.snapshot.person_by_id.get(person_id)
        return f"{person.surname}, {person.forename}" if person else person_id

    def _fill(self) -> None:
        body = self.body_choice.currentData()
        as_of = self.session.as_of
        rows = [
            a for a in self.snapshot.appointments_by_body.get(body, [])
            if self.show_past.isChecked() or a.end is None or a.end >= as_of
        ]
        people = self.snapshot.person_by_id
        rows.sort(key=lambda a: (not a.in_office(as_of), _role_order(a.role),
                                 people[a.person_id].sort_name if a.person_id in people else a.person_id))
        # The table fits its columns to the window (TableBox): "Ex-officio by virtue of office as
        # headteacher/principal" gives way and elides (its tooltip has the whole text), never the dates.
        self.table.set_rows(rows, keep=lambda a: a.id)
        self._show_body_facts()
        self._update_buttons()
        self._show_empty()

    def _show_body_facts(self) -> None:
        body = self.snapshot.body_by_name.get(self.body_choice.currentData() or "")
        reviewable = body is not None and body.type not in (BodyType.MEMBERS, BodyType.BOARD)
        self.tor_btn.setVisible(reviewable)
        self.tor_btn.setEnabled(reviewable and not self.session.read_only)
        lines = self.body_lines(body) if body is not None else []
        if reviewable:
            reviewed = (f"<b>{body.tor_reviewed_on:%d/%m/%Y}</b>" if body.tor_reviewed_on
                        else "<b>not recorded</b>")
            lines.append(f"Terms of reference last reviewed by the board: {reviewed}.")
        for finding in self.session.findings_for("body", body.name) if body else []:
            colour = {"must": "#b3261e", "should": "#8a5a00"}.get(str(finding.severity.value), "#1f4e79")
            word = str(finding.severity.value).capitalize()
            lines.append(f"<span style='color:{colour}'><b>{word}</b> · {escape(rule_words(finding))}:</span> "
                         f"{escape(finding.message)}")
        self.body_facts.setText("<br>".join(lines))
        self.body_facts.setVisible(bool(lines))

    def body_lines(self, body) -> list[str]:
        """Facts about the chosen body shown above the table (the LGB page: its academies)."""
        return []

    def record_tor_review(self) -> None:
        body = self.snapshot.body_by_name.get(self.body_choice.currentData() or "")
        if body is None or self.session.read_only:
            return
        today = clock.today()

        def make(values):
            reviewed = values["tor_reviewed_on"]
            if reviewed is not None and reviewed > today:
                raise FieldError("Reviewed on", f"cannot be later than today ({today:%d/%m/%Y})")
            return replace(body, tor_reviewed_on=reviewed)

        record = RecordDialog.ask(
            self, f"Terms of reference of {body.name}",
            [FieldSpec("tor_reviewed_on", "Reviewed on", "date", hint="dd/mm/yyyy, the board meeting's date")],
            {"tor_reviewed_on": body.tor_reviewed_on}, make)
        if record is not None and record != body:
            when = f"{record.tor_reviewed_on:%d/%m/%Y}" if record.tor_reviewed_on else "not recorded"
            self.session.apply([Update(body, record)],
                               f"Record the terms of reference review of {body.name} ({when})")

    def _update_buttons(self, *_):
        current = self.table.current()
        writable = not self.session.read_only
        if self.add_body_btn is not None:
            self.add_body_btn.setEnabled(writable)
        self.appoint_btn.setEnabled(writable and self.body_choice.currentData() is not None)
        for b in (self.edit_btn, self.end_btn):
            b.setEnabled(writable and current is not None)
        self.end_btn.setEnabled(writable and current is not None and current.end is None)
        self.reappoint_btn.setEnabled(writable and current is not None and current.role in TERM_ROLES)

    # --- actions -------------------------------------------------------------------------

    def appoint(self) -> None:
        body = self.body_choice.currentData()
        start = self.session.as_of
        initial = m.Appointment(person_id="", role=self.roles[0], body=body, start=start)
        record = AppointmentDialog.ask(self, self.snapshot, initial, roles=self.roles, bodies=[body])
        if record:
            name = self.snapshot.person_label(record.person_id)
            self.session.apply([Insert(record)], f"Appoint {name} as {record.role} ({record.body})")

    def edit(self) -> None:
        current = self.table.current()
        if current is None or self.session.read_only:
            return
        record = AppointmentDialog.ask(self, self.snapshot, current, roles=self.roles, editing=True)
        if record and record != current:
            name = self.snapshot.person_label(record.person_id)
            self.session.apply([Update(current, record)], f"Edit {name}'s appointment as {record.role}")

    def end(self) -> None:
        current = self.table.current()
        if current is None or current.end is not None:
            return
        name = self.snapshot.person_label(current.person_id)

        def make(values):
            return replace(current, **values)

        def check(record):
            return new_problems(self.snapshot, "appointments", current, record)

        record = RecordDialog.ask(self, f"End {name}'s appointment as {current.role}",
                                  end_appointment_specs(current), {"end": self.session.as_of}, make, check)
        if record:
            self.session.apply([Update(current, record)],
                               f"End {name}'s appointment as {current.role} ({current.body})")

    def reappoint(self) -> None:
        current = self.table.current()
        if current is None:
            return
        name = self.snapshot.person_label(current.person_id)
        # The new term starts the day after the old one ends (or its term end), so nothing overlaps.
        last_day = current.end or current.term_end or self.session.as_of
        start = last_day + timedelta(days=1)
        term_end = add_years(start, self.snapshot.settings.term_years) - timedelta(days=1)
        proposal = replace(current, id=0, start=start, term_end=term_end, end=None, end_reason=None,
                           gias_start_recorded_on=None, gias_end_recorded_on=None,
                           ch_start_filed_on=None, ch_end_filed_on=None)
        changes = []
        old_closed = current
        if current.end is None:
            old_closed = replace(current, end=last_day, end_reason="Term ended (reappointed)")
            changes.append(Update(current, old_closed))
        snapshot = replace(self.snapshot, appointments=tuple(
            old_closed if a == current else a for a in self.snapshot.appointments))
        record = AppointmentDialog.ask(self, snapshot, proposal, roles=[current.role], bodies=[current.body],
                                       title=f"Reappoint {name} as {current.role} for a new term",
                                       fixed_person=True)
        if record is None:
            return
        changes.append(Insert(record))
        self.session.apply(changes, f"Reappoint {name} as {current.role} ({current.body}) for a new term")

    def _add_body_button(self, text: str, slot, tip: str) -> None:
        # Beside the filter row: the row of appointment buttons is full at 1024 pixels.
        self.add_body_btn = button(text, "add", slot, tip=tip)
        self.table.filter_bar.addWidget(self.add_body_btn)

    def _select_body(self, name: str) -> None:
        if name in self.body_names():
            self.body_choice.setCurrentIndex(self.body_names().index(name))

    def go_to(self, kind: str, key: str) -> bool:
        if kind == "body" and key in self.body_names():
            self.body_choice.setCurrentIndex(self.body_names().index(key))
            return True
        if kind == "person":
            for name in self.body_names():
                if any(a.person_id == key for a in self.snapshot.appointments_by_body.get(name, [])):
                    self.body_choice.setCurrentIndex(self.body_names().index(name))
                    if not self.table.select_where(lambda a: a.person_id == key):
                        self.show_past.setChecked(True)
                        self.table.select_where(lambda a: a.person_id == key)
                    return True
        return False


def appointment_status(appointment: m.Appointment, as_of) -> str:
    """In office, leaving (an end date recorded and still to come, or today), past or not yet started.

    The end date is the last day in office, so on that day the person is still in office; but a
    row that says "In office" beside its end date reads as if the ending had not been saved."""
    if appointment.start > as_of:
        return "Appointed, not yet started"
    if appointment.end is None:
        return "In office"
    if appointment.end == as_of:
        return "Last day today"
    if appointment.end > as_of:
        return f"Leaving {appointment.end:%d/%m/%Y}"
    return "Past"


def _role_order(role: Role) -> int:
    order = [Role.CHAIR_OF_TRUSTEES, Role.LGB_CHAIR, Role.COMMITTEE_CHAIR, Role.VICE_CHAIR_OF_TRUSTEES,
             Role.ACCOUNTING_OFFICER, Role.CHIEF_EXECUTIVE, Role.CHIEF_FINANCIAL_OFFICER, Role.HEADTEACHER]
    return order.index(role) if role in order else len(order)


class AcademiesServedDialog(QDialog):
    """Tick the academies a local governing body serves (several for a shared or hub LGB)."""

    def __init__(self, parent, snapshot, body):
        super().__init__(parent)
        self.setObjectName("academiesServedDialog")
        self.setWindowTitle(f"Academies served by {body.name}")
        self.resize(520, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(label(
            "Tick each academy this local governing body serves. A shared (hub) LGB serves several; an "
            "academy is served by one LGB, so ticking one served elsewhere moves it here.", "note", wrap=True))
        served_by = snapshot.lgb_by_urn
        self.list = QListWidget()
        self.list.setObjectName("academies")
        for academy in sorted(snapshot.academies, key=lambda a: (a.name.casefold(), a.urn)):
            other = served_by.get(academy.urn)
            where = f" — now served by {other.name}" if other is not None and other.name != body.name else ""
            item = QListWidgetItem(f"{academy.name} ({academy.urn}){where}")
            item.setData(Qt.ItemDataRole.UserRole, academy.urn)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if academy.urn in body.academy_urns else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @property
    def chosen(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    @classmethod
    def ask(cls, parent, snapshot, body) -> list[str] | None:
        dialog = cls(parent, snapshot, body)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


class MembersPage(AppointmentsPage):
    key, title, icon_name = "members", "Members", "members"
    hint = "The company's members (guarantors). They appoint trustees and should mostly be independent of the board."
    roles = [Role.MEMBER]

    def body_names(self) -> list[str]:
        return [m.MEMBERS_BODY]

    def empty_text(self, body: str) -> str:
        return ("No members are recorded yet. The members are the company's guarantors: at least three (the "
                "DfE prefers five), most of them independent of the board. Appoint each one with the date "
                "they became a member and who appointed them.")


class BoardPage(AppointmentsPage):
    key, title, icon_name = "board", "Board and committees", "board"
    hint = "Trustees, officers and each committee's membership. Choose the board or a committee above."

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self._add_body_button("Add committee…", self.add_committee, "Set up a new committee of the board")

    def body_names(self) -> list[str]:
        committees = sorted(b.name for b in self.snapshot.bodies_of_type(*[t for t in BodyType if t.is_committee]))
        return [m.BOARD_BODY, *committees]

    def empty_text(self, body: str) -> str:
        if body == m.BOARD_BODY:
            return ("No one is appointed to the board yet. Appoint the trustees (at least three), the chair and "
                    "vice-chair, the accounting officer, the chief financial officer and the governance "
                    "professional, each with the date they started. Add the board's committees with "
                    "Add committee….")
        return super().empty_text(body)

    def add_committee(self) -> None:
        if self.session.read_only:
            return
        taken = {b.name.casefold() for b in self.snapshot.bodies}

        def make(values):
            name = " ".join((values["name"] or "").split())
            if name.casefold() in taken:
                raise FieldError("Name", f"there is already a body called '{name}'")
            return m.Body(name=name, type=values["type"])

        kinds = [(str(t), t) for t in BodyType if t.is_committee]
        record = RecordDialog.ask(
            self, "Add committee",
            [FieldSpec("name", "Name", required=True, hint="e.g. Finance and Resources Committee"),
             FieldSpec("type", "Kind", "choice", required=True, choices=kinds, missing="Choose the kind of committee",
                       hint="An audit and risk committee is what the ARC checks look for")],
            {"type": BodyType.OTHER_COMMITTEE}, make)
        if record is not None:
            self.session.apply([Insert(record)], f"Add committee {record.name}")
            self._select_body(record.name)

    def _fill(self) -> None:
        body = self.body_choice.currentData()
        self.roles = BOARD_ROLES if body == m.BOARD_BODY else sorted(COMMITTEE_ROLES, key=lambda r: r.value)
        super()._fill()


class LgbPage(AppointmentsPage):
    key, title, icon_name = "lgbs", "Local governing bodies", "lgb"
    hint = "Each academy's local governing body: governors, chair, who appointed them and when terms end."
    roles = [Role.LOCAL_GOVERNOR, Role.LGB_CHAIR, Role.HEADTEACHER]

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self._add_body_button("Add academy…", self.add_academy,
                              "Add an academy that joined the trust, with its local governing body")
        self.academies_btn = button("Academies served…", "edit", self.edit_academies,
                                    tip="Choose the academies this local governing body serves (a shared or "
                                        "hub LGB serves several)")
        self.academies_btn.setObjectName("academiesServed")
        self.about_row.insertWidget(1, self.academies_btn, 0, Qt.AlignmentFlag.AlignTop)
        # A new trust has no academies yet: say how to add them rather than show a bare table.
        self.no_academies = EmptyState(
            "No academies are recorded yet. Use Add academy… for each academy and its local governing body, or "
            "build the trust from a GIAS governance extract, which brings in the academies, people and roles "
            "together.",
            [("Add academy…", "add", self.add_academy), ("Build from a GIAS extract…", "open", gias_builder(self))])
        self.empty_note = self.no_academies.text  # the sentence (older tests read it)
        self.no_academies.hide()
        self.body.addWidget(self.no_academies, 1)

    def body_names(self) -> list[str]:
        return sorted(b.name for b in self.snapshot.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY))

    def empty_text(self, body: str) -> str:
        return (f"No one is appointed to {body} yet. Appoint its local governors (at least two elected by "
                "parents), its chair and the headteacher, each with the date they started and who appointed them.")

    def add_academy(self) -> None:
        if self.session.read_only:
            return
        urns = {a.urn for a in self.snapshot.academies}
        taken = {b.name.casefold() for b in self.snapshot.bodies}
        lgbs = {b.name.casefold(): b for b in self.snapshot.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY)}
        made: dict = {}

        def make(values):
            urn = (values["urn"] or "").strip()
            if not (urn.isdigit() and len(urn) == 6):
                raise FieldError("URN", f"'{urn}' is not a URN (six digits, as on GIAS)")
            if urn in urns:
                raise FieldError("URN", f"academy {urn} is already recorded")
            name = " ".join((values["name"] or "").split())
            lgb = " ".join((values["lgb"] or "").split()) or f"{name} LGB"
            existing = lgbs.get(lgb.casefold())
            if existing is not None:  # the academy joins a shared LGB
                made["lgb"] = replace(existing, academy_urns=(*existing.academy_urns, urn))
                made["old"] = existing
            elif lgb.casefold() in taken:
                raise FieldError("Local governing body", f"there is already a body called '{lgb}'")
            else:
                made["lgb"] = m.Body(name=lgb, type=BodyType.LOCAL_GOVERNING_BODY, academy_urns=(urn,))
            return m.Academy(urn=urn, name=name, phase=values["phase"] or None, joined_on=values["joined_on"])

        record = RecordDialog.ask(
            self, "Add academy",
            [FieldSpec("urn", "URN", required=True, hint="six digits, as on GIAS"),
             FieldSpec("name", "Academy name", required=True),
             FieldSpec("phase", "Phase", hint="e.g. Primary, Secondary, All-through"),
             FieldSpec("joined_on", "Joined the trust on", "date", hint="dd/mm/yyyy"),
             FieldSpec("lgb", "Local governing body",
                       hint="blank for '<academy name> LGB', or the name of a shared LGB it joins")],
            {}, make)
        if record is not None:
            if "old" in made:
                self.session.apply([Insert(record), Update(made["old"], made["lgb"])],
                                   f"Add academy {record.name}, served by {made['lgb'].name}")
            else:
                self.session.apply([Insert(record), Insert(made["lgb"])],
                                   f"Add academy {record.name} and its local governing body")
            self._select_body(made["lgb"].name)

    def body_label(self, name: str) -> str:
        body = self.snapshot.body_by_name[name]
        academy = self.snapshot.academy_by_urn.get(body.academy_urn or "")
        if academy and academy.name not in name:
            return f"{name} — {academy.name}"
        if len(body.academy_urns) > 1:
            return f"{name} — {len(body.academy_urns)} academies"
        return name

    def body_lines(self, body) -> list[str]:
        self.academies_btn.setEnabled(not self.session.read_only)
        if not body.academy_urns:
            return ["<b>Serves no academy yet.</b> Choose the academies it serves (Academies served…): "
                    "until then the local governing body checks pass it by."]
        names = [escape(self._academy_text(urn)) for urn in body.academy_urns]
        shared = " (a shared LGB)" if len(names) > 1 else ""
        return [f"Serves{shared}: {', '.join(names)}."]

    def _academy_text(self, urn: str) -> str:
        academy = self.snapshot.academy_by_urn.get(urn)
        return f"{academy.name} ({urn})" if academy and academy.name != f"Academy {urn}" else f"Academy {urn}"

    def edit_academies(self) -> None:
        body = self.snapshot.body_by_name.get(self.body_choice.currentData() or "")
        if body is None or self.session.read_only:
            return
        chosen = AcademiesServedDialog.ask(self, self.snapshot, body)
        if chosen is None or tuple(chosen) == body.academy_urns:
            return
        changes = [Update(body, replace(body, academy_urns=tuple(chosen)))]
        # An academy is served by one LGB: one ticked here leaves the LGB that served it.
        for other in self.snapshot.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY):
            if other.name != body.name and set(other.academy_urns) & set(chosen):
                kept = tuple(u for u in other.academy_urns if u not in chosen)
                changes.append(Update(other, replace(other, academy_urns=kept)))
        names = ", ".join(chosen) if chosen else "none"
        self.session.apply(changes, f"Set the academies {body.name} serves ({names})")

    def refresh(self) -> None:
        super().refresh()
        empty = not self.body_names()
        self.academies_btn.setVisible(not empty)
        if empty:
            self.table.set_rows([])
            self.table.hide()
            self.empty.hide()
            for b in (self.appoint_btn, self.edit_btn, self.end_btn, self.reappoint_btn):
                b.setVisible(False)
        self.no_academies.setVisible(empty)
        for b in self.no_academies.buttons:
            b.setEnabled(not self.session.read_only)

