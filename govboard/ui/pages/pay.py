"""Executive pay: pay decisions with their findings, teachers' pay awards by year, and the date the
board last approved the pay policy.

The PAY rules (rulebook "Executive pay") look at these three together: a decision needs evidence,
a policy approved before it, the full board and the person out of the room; its rise is compared
with the teachers' award for the year.
"""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...domain import model as m
from ...domain.dates import academic_year_of, normalise_year_label, parse_year_label, year_label
from ...domain.enums import BodyType
from ...domain.validate import parse_money, parse_percent
from ...rules.pay import ExecutivePay
from ...store import Delete, Insert, Update
from ..dialogs import CHOOSE_ONE, FieldError, FieldSpec, RecordDialog, confirm, fill_combo, new_problems
from ..models import (
    SEVERITY_COLOURS,
    SEVERITY_TEXT_COLOURS,
    SEVERITY_WORDS,
    Column,
    fmt_date,
    money,
    rules_words,
)
from ..widgets import EmptyState, Page, TableBox, button, label

MUTED = "#51606f"
# PAY-02 is the rule that reads the pay policy date; PAY-06 is about the trust's pay as a whole.
POLICY_RULES = ("PAY-02",)
PAY_RULE_PREFIX = "PAY-"
# The decisions' columns the details pane shows too, in the order they leave a narrow list:
# evidence, person withdrew, executive, post, decided by.
OPTIONAL_DECISION_COLUMNS = (9, 10, 7, 6, 8)


# --- how things read -------------------------------------------------------------------------


def increase_of(decision: m.PayDecision) -> tuple[Decimal, int] | None:
    """(percent, pence) of the rise, or None when there is no salary before to compare with."""
    percent = decision.increase_percent
    if percent is None:
        return None
    return percent, decision.salary_after - decision.salary_before


def percent_text(percent: Decimal) -> str:
    """Every percentage on the page with two decimals, so an award (3.00%) lines up with a rise (4.17%)."""
    return f"{percent:.2f}%"


def increase_text(value: tuple[Decimal, int] | None) -> str:
    if value is None:
        return ""
    percent, pence = value
    sign = "+" if pence >= 0 else "−"
    return f"{sign}{money(abs(pence))} ({sign}{percent_text(abs(percent))})"


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def people_by_name(snapshot) -> list[tuple[str, str]]:
    """People as combo items by name; an ID is added only where two people share a name."""
    people = sorted(snapshot.people, key=lambda p: p.sort_name)
    names = [p.full_name for p in people]
    return [(f"{p.full_name} ({p.id})" if names.count(p.full_name) > 1 else p.full_name, p.id) for p in people]


def meeting_label(snapshot, meeting: m.Meeting, *, with_body: bool = True) -> str:
    """'Board, 07/07/2026 (confidential session)': a meeting by its body and date, not its ID."""
    same_day = [mt for mt in snapshot.meetings_by_body.get(meeting.body, []) if mt.date == meeting.date]
    text = f"{meeting.body}, {meeting.date:%d/%m/%Y}" if with_body else f"{meeting.date:%d/%m/%Y}"
    if len(same_day) > 1:
        def confidential(mt):
            return any(item.confidential for item in snapshot.agenda_by_meeting.get(mt.id, []))
        others = [confidential(mt) for mt in same_day if mt.id != meeting.id]
        if confidential(meeting) and not any(others):
            text += " (confidential session)"
        elif confidential(meeting) or not all(others):
            text += f" ({meeting.id})"  # nothing else tells them apart
    return text


def executive_text(snapshot, decision: m.PayDecision) -> str:
    if decision.executive is not None:
        return yes_no(decision.executive)
    # Not recorded: the PAY rules still treat the holder of an executive role as executive.
    return "Yes (by role)" if ExecutivePay(snapshot).holds_executive_role(
        decision.person_id, decision.effective_date) else "Not recorded"


def findings_html(findings, *, empty: str) -> str:
    """Each finding in a tinted box: severity, rule ID and title, the message, what to do. A
    remedy already given for the same rule above is not repeated."""
    esc = html.escape
    if not findings:
        return f"<p style='color:{MUTED}'>{esc(empty)}</p>"
    out, remedies_given = [], set()
    for f in sorted(findings, key=lambda f: f.sort_key()):
        sev = f.severity.value
        ack = " · acknowledged" if f.acknowledged else ""
        remedy = ""
        if f.remedy and (f.rule, f.remedy) not in remedies_given:
            remedies_given.add((f.rule, f.remedy))
            remedy = f"<p style='margin-top:4px'><b>What to do:</b> {esc(f.remedy)}</p>"
        out.append(
            f"<table width='100%' cellpadding='6' cellspacing='0' bgcolor='{SEVERITY_COLOURS.get(sev, '#eeeeee')}'>"
            f"<tr><td><p style='margin:0'><span style='color:{SEVERITY_TEXT_COLOURS.get(sev, '#333')};"
            f"font-weight:600'>{esc(SEVERITY_WORDS.get(sev, sev))}</span> · <b>{esc(f.title)}</b> "
            f"<span style='color:{MUTED}'>({esc(f.rule)}){esc(ack)}</span></p>"
            f"<p style='margin-top:4px'>{esc(f.message)}</p>{remedy}</td></tr></table>"
        )
    # A thin gap between the boxes so each reads as one finding.
    return "<p style='margin:0;font-size:3pt'>&nbsp;</p>".join(out)


def _browser(name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setObjectName(name)
    browser.setAccessibleName(name)
    browser.setOpenLinks(False)
    return browser


# --- the decision dialog ---------------------------------------------------------------------


class PayDecisionDialog(RecordDialog):
    """The generic form, with meetings narrowed to the chosen body and the rise worked out live."""

    def __init__(self, parent, title, specs, initial, make, snapshot):
        self.snapshot = snapshot
        super().__init__(parent, title, specs, initial, make)
        if initial.get("person_id") is None:
            # No one is proposed: a new decision must name its person on purpose.
            fill_combo(self.widgets["person_id"], people_by_name(snapshot), blank=CHOOSE_ONE)
        self.body_combo: QComboBox = self.widgets["decided_by"]
        self.meeting_combo: QComboBox = self.widgets["meeting_id"]
        self.body_combo.currentIndexChanged.connect(lambda _: self._fill_meetings(None))
        self._fill_meetings(initial.get("meeting_id"))
        form = self.layout().itemAt(0).layout()
        self.increase_label = QLabel("")
        self.increase_label.setObjectName("increase")
        row = next(i for i in range(form.rowCount())
                   if form.itemAt(i, QFormLayout.ItemRole.FieldRole).widget() is self.widgets["salary_after"])
        form.insertRow(row + 1, "Increase", self.increase_label)
        for name in ("salary_before", "salary_after"):
            self.widgets[name].textChanged.connect(self._show_increase)
        self._show_increase()

    def _fill_meetings(self, current) -> None:
        body = self.body_combo.currentData()
        meetings = sorted(self.snapshot.meetings_by_body.get(body, []) if body else [],
                          key=lambda mt: mt.date, reverse=True)
        fill_combo(self.meeting_combo, [(meeting_label(self.snapshot, mt, with_body=False), mt.id) for mt in meetings],
                   current, blank="(not recorded)" if meetings else "(choose the body first)")

    def _show_increase(self) -> None:
        try:
            before = parse_money(self.widgets["salary_before"].text())
            after = parse_money(self.widgets["salary_after"].text())
        except ValueError:
            self.increase_label.setText("")
            return
        if not before or after is None or before <= 0:
            self.increase_label.setText("(needs the salary before and after)")
            return
        self.increase_label.setText(increase_text(increase_of(m.PayDecision("", "", clock.today(), after,
                                                                            salary_before=before))))

    @classmethod
    def ask(cls, parent, title, specs, initial, make, snapshot):  # noqa: D102 - as RecordDialog.ask
        dialog = cls(parent, title, specs, initial, make, snapshot)
        return dialog.result_record if dialog.exec() == RecordDialog.DialogCode.Accepted else None


# --- the page ----------------------------------------------------------------------------------


class PayPage(Page):
    key, title, icon_name = "pay", "Pay decisions", "pay"
    hint = ("Executive pay decisions with the findings of the pay checks, the teachers' pay award for "
            "each year (rises above it need a justification) and when the board approved the pay policy.")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        bar = QHBoxLayout()
        self.add_btn = button("Add decision…", "add", self.add_decision)
        self.edit_btn = button("Edit decision…", "edit", self.edit_decision)
        self.delete_btn = button("Delete decision…", "end", self.delete_decision,
                                 tip="Remove a decision entered in error (Undo brings it back)")
        for b in (self.add_btn, self.edit_btn, self.delete_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        self.body.addLayout(bar)

        # The decisions across the page's width (their money columns are never cut short), and
        # below them the selected decision's details beside the pay awards and the pay policy.
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.setChildrenCollapsible(False)
        snap = lambda: self.snapshot  # noqa: E731 - read late: the snapshot changes after edits
        self.table = TableBox([
            Column("Name", lambda d: snap().person_label(d.person_id)),
            Column("Effective", lambda d: d.effective_date),
            Column("Salary before", lambda d: d.salary_before, display=money, align_right=True),
            Column("Salary after", lambda d: d.salary_after, display=money, align_right=True),
            Column("Increase", increase_of, display=increase_text, align_right=True),
            Column("Findings", lambda d: self._finding_rules(d.id)),
            Column("Post", lambda d: d.post),
            Column("Executive", lambda d: executive_text(snap(), d)),
            Column("Decided by", lambda d: self._decided_by(d)),
            Column("Evidence", lambda d: d.evidence),
            Column("Person withdrew", lambda d: d.subject_withdrew, display=lambda v: yes_no(v) or "Not recorded"),
        ], filter_hint="Type to filter decisions by name, post or body…", stretch=(9,),
            # The details below show these too: in a narrow window they leave the list, evidence first.
            optional=OPTIONAL_DECISION_COLUMNS)
        self.table.model.row_colour = self._row_colour
        self.table.selection_changed.connect(self._show_decision)
        self.table.activated.connect(lambda _: self.edit_decision())
        self.table.delete_with(self.delete_btn)
        outer.addWidget(self.table)
        # No decision yet: what goes here and how, in the list's place (awards and policy stay below).
        self.empty = EmptyState(
            "No executive pay decisions are recorded yet. Record each decision on the pay of the chief "
            "executive and the other senior leaders: the salary before and after, who decided and at which "
            "meeting, and whether the person withdrew. Rises are compared with the teachers' pay award below.",
            [("Add decision…", "add", self.add_decision)])
        self.empty.hide()
        outer.addWidget(self.empty)

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 8, 8, 0)
        self.decision_heading = label("", "sectionTitle", wrap=True)
        detail_layout.addWidget(self.decision_heading)
        self.decision_detail = _browser("Selected decision and its findings")
        detail_layout.addWidget(self.decision_detail, 1)
        detail.setMinimumWidth(280)  # the evidence reads in lines, not a word or two at a time
        bottom.addWidget(detail)
        self.decision_box = detail

        # Teachers' pay awards above the pay policy, beside the decision.
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 8, 0, 0)
        side_layout.addWidget(label("Teachers' pay awards", "sectionTitle"))
        awards_bar = QHBoxLayout()  # below the title: the two fit beside the details in a narrow window
        self.add_award_btn = button("Add…", "add", self.add_award, tip="Add the teachers' pay award for a year")
        self.edit_award_btn = button("Edit…", "edit", self.edit_award)
        self.delete_award_btn = button("Delete…", "end", self.delete_award)
        for b in (self.add_award_btn, self.edit_award_btn, self.delete_award_btn):
            awards_bar.addWidget(b)
        awards_bar.addStretch(1)
        side_layout.addLayout(awards_bar)
        self.awards = TableBox([
            Column("Academic year", lambda a: a.academic_year),
            Column("Teachers' award", lambda a: a.percent, display=percent_text, align_right=True),
            Column("Executive rises", lambda a: self._rises_in(a.academic_year),
                   tooltip=lambda a: "Executive pay rises effective that year"),
        ])
        self.awards.filter.hide()
        self.awards.selection_changed.connect(lambda _: self._update_buttons())
        self.awards.activated.connect(lambda _: self.edit_award())
        self.awards.delete_with(self.delete_award_btn)
        self.awards.view.setMinimumHeight(self.awards.view.verticalHeader().defaultSectionSize() * 3)
        side_layout.addWidget(self.awards, 1)
        self.no_awards = label("No teachers' pay awards are recorded yet. Add the award for each academic year "
                               "(e.g. 5.5% for 2024/25): executive pay rises are compared with it.", "note", wrap=True)
        self.no_awards.hide()
        side_layout.addWidget(self.no_awards)

        policy_bar = QHBoxLayout()
        policy_bar.addWidget(label("Executive pay policy", "sectionTitle"))
        policy_bar.addStretch(1)
        self.policy_btn = button("Edit…", "edit", self.edit_policy_date,
                                 tip="Change the date the board last approved the pay policy")
        policy_bar.addWidget(self.policy_btn)
        side_layout.addLayout(policy_bar)
        self.policy_date = label("", wrap=True)
        self.policy_date.setObjectName("policyDate")
        side_layout.addWidget(self.policy_date)
        self.policy_findings = _browser("Pay policy findings")
        side_layout.addWidget(self.policy_findings, 1)
        bottom.addWidget(side)
        bottom.setStretchFactor(0, 4)
        bottom.setStretchFactor(1, 5)  # the awards' three headings fit a 1024-pixel window
        bottom.setSizes([440, 560])
        outer.addWidget(bottom)
        outer.setStretchFactor(0, 2)
        outer.setStretchFactor(1, 2)  # the empty state, in the list's place
        outer.setStretchFactor(2, 3)
        outer.setSizes([240, 240, 360])
        self.body.addWidget(outer, 1)

    # --- data ------------------------------------------------------------------------------

    def _findings(self, decision_id: str) -> list:
        return self.session.findings_for("pay_decision", decision_id)

    def _finding_rules(self, decision_id: str) -> str:
        return rules_words(self._findings(decision_id))

    def _row_colour(self, decision) -> str | None:
        findings = [f for f in self._findings(decision.id) if not f.acknowledged]
        if not findings:
            return None
        worst = min(findings, key=lambda f: f.severity.rank)
        return SEVERITY_COLOURS.get(worst.severity.value)

    def _decided_by(self, decision) -> str:
        meeting = self.snapshot.meeting_by_id.get(decision.meeting_id) if decision.meeting_id else None
        if meeting is not None:
            if decision.decided_by in (None, meeting.body):
                return meeting_label(self.snapshot, meeting)
            return f"{decision.decided_by} ({meeting_label(self.snapshot, meeting)})"
        return decision.decided_by or ""

    def _rises_in(self, year: str) -> str:
        rises = [d.increase_percent for d in self.snapshot.pay_decisions
                 if academic_year_of(d.effective_date) == year and d.increase_percent is not None]
        return ", ".join(percent_text(p) for p in sorted(rises))

    def refresh(self) -> None:
        decisions = sorted(self.snapshot.pay_decisions, key=lambda d: (d.effective_date, d.id), reverse=True)
        self.table.set_rows(decisions, keep=lambda d: d.id)
        if self.table.current() is None and decisions:
            self.table.select_where(lambda d: d.id == decisions[0].id)
        awards = sorted(self.snapshot.pay_awards, key=lambda a: a.academic_year, reverse=True)
        self.awards.set_rows(awards, keep=lambda a: a.academic_year)
        if self.awards.current() is None:  # the year we are in, so Edit… is ready
            this_year = academic_year_of(self.session.as_of)
            self.awards.select_where(lambda a: a.academic_year == this_year)
        self._show_decision(self.table.current())
        self._show_policy()
        empty = not decisions
        self.table.setVisible(not empty)
        self.empty.setVisible(empty)
        self.decision_box.setVisible(not empty)  # nothing to select, nothing to show about it
        self.awards.setVisible(bool(awards))
        self.no_awards.setVisible(not awards)
        for b in (self.add_btn, self.edit_btn, self.delete_btn):
            b.setVisible(not empty)
        self.empty.buttons[0].setEnabled(not self.session.read_only)

    def _update_buttons(self) -> None:
        writable = not self.session.read_only
        has_decision = self.table.current() is not None
        self.add_btn.setEnabled(writable)
        self.edit_btn.setEnabled(writable and has_decision)
        self.delete_btn.setEnabled(writable and has_decision)
        self.add_award_btn.setEnabled(writable)
        self.edit_award_btn.setEnabled(writable and self.awards.current() is not None)
        self.delete_award_btn.setEnabled(writable and self.awards.current() is not None)
        self.policy_btn.setEnabled(writable)

    def _show_decision(self, decision) -> None:
        self._update_buttons()
        esc = html.escape
        if decision is None:
            self.decision_heading.setText("No decision selected")
            self.decision_detail.setHtml(
                f"<p style='color:{MUTED}'>Choose a pay decision in the list to see its details and "
                "findings, or add one.</p>")
            return
        snap = self.snapshot
        self.decision_heading.setText(
            f"{snap.person_label(decision.person_id)}" + (f", {decision.post}" if decision.post else ""))
        rise = increase_text(increase_of(decision))
        facts = [
            ("Effective", fmt_date(decision.effective_date)),
            ("Salary", (f"{money(decision.salary_before)} → " if decision.salary_before else "")
             + money(decision.salary_after)),
            ("Increase", rise or "Not known (no salary before)"),
            ("Executive", executive_text(snap, decision)),
            ("Decided by", self._decided_by(decision) or "Not recorded"),
            ("Person withdrew", yes_no(decision.subject_withdrew) or "Not recorded"),
            ("Evidence", decision.evidence or "None recorded"),
            ("Decision ID", decision.id),
        ]
        rows = "".join(f"<tr><td style='color:{MUTED};padding-right:10px' valign='top'>{esc(k)}</td>"
                       f"<td>{esc(v)}</td></tr>" for k, v in facts)
        findings = self._findings(decision.id)
        heading = f"Findings ({len(findings)})" if findings else "Findings"
        self.decision_detail.setHtml(
            f"<table cellspacing='0' cellpadding='1'>{rows}</table>"
            f"<p style='margin-top:10px;margin-bottom:4px;font-weight:600'>{heading}</p>"
            + findings_html(findings, empty="None: this decision passes the executive pay checks.")
        )

    def _policy_findings(self) -> list:
        return [f for f in self.session.findings
                if f.rule in POLICY_RULES or (f.rule.startswith(PAY_RULE_PREFIX) and f.subject.kind == "trust")]

    def _show_policy(self) -> None:
        approved = self.snapshot.settings.pay_policy_approved_on
        if approved is None:
            self.policy_date.setText("Approved on: <b>not recorded</b>")
        else:
            months = _months_between(approved, self.session.as_of)
            ago = ("" if months < 0 else " (this month)" if months == 0
                   else f" ({months} month{'s' if months != 1 else ''} ago)")
            self.policy_date.setText(f"Approved on: <b>{approved:%d/%m/%Y}</b>{ago}")
        self.policy_findings.setHtml(
            f"<p style='margin:0 0 4px 0;color:{MUTED}'>Findings about the pay policy and the trust's "
            "executive pay as a whole:</p>"
            + findings_html(self._policy_findings(), empty=self._policy_all_clear(approved)))

    def _policy_all_clear(self, approved: date | None) -> str:
        """What the pay policy's findings say when there are none: only what is true."""
        if not self.snapshot.pay_decisions:
            if approved is None:
                return "None yet: no pay policy approval is recorded, and no pay decisions have been entered."
            return "None: no pay decisions have been entered yet."
        if approved is None:
            # PAY-02 would list every executive decision from 1 September 2025 without one.
            return ("None, though no pay policy approval is recorded: no executive pay decision from "
                    "1 September 2025 has been entered.")
        return ("None: every executive pay decision from 1 September 2025 was taken after the policy "
                "was approved.")

    # --- decisions -------------------------------------------------------------------------

    def _decision_specs(self, adding: bool) -> list[FieldSpec]:
        snap = self.snapshot
        order = {BodyType.BOARD: 0, BodyType.REMUNERATION: 1}
        bodies = sorted(snap.body_by_name.values(), key=lambda b: (order.get(b.type, 2), b.name))
        specs = [FieldSpec("id", "Decision ID", required=True)] if adding else []
        return specs + [
            FieldSpec("person_id", "Person", "ref", required=True, choices=people_by_name(snap)),
            FieldSpec("post", "Post", hint="e.g. Chief Executive Officer"),
            FieldSpec("executive", "Executive", "bool"),
            FieldSpec("effective_date", "Effective date", "date", required=True),
            FieldSpec("salary_before", "Salary before", "money"),
            FieldSpec("salary_after", "Salary after", "money", required=True, missing="Enter the salary after the decision"),
            FieldSpec("decided_by", "Decided by", "ref", choices=[(b.name, b.name) for b in bodies]),
            FieldSpec("meeting_id", "Meeting", "ref"),
            FieldSpec("evidence", "Benchmark or evidence", "longtext"),
            FieldSpec("subject_withdrew", "Person withdrew from the decision", "bool"),
        ]

    def _ask_decision(self, title: str, current: m.PayDecision | None, initial: dict):
        snap = self.snapshot

        def make(values: dict) -> m.PayDecision:
            if values.get("salary_before") is not None and values["salary_before"] <= 0:
                raise FieldError("Salary before", "must be more than £0 (leave it blank if not known)")
            if values["salary_after"] < 0:
                raise FieldError("Salary after", "cannot be negative")
            meeting = snap.meeting_by_id.get(values["meeting_id"]) if values["meeting_id"] else None
            if meeting is not None and values["decided_by"] and meeting.body != values["decided_by"]:
                raise FieldError("Meeting", f"is a meeting of {meeting.body}, not {values['decided_by']}")
            if current is None:
                if values["id"] in {d.id for d in snap.pay_decisions}:
                    raise FieldError("Decision ID", f"'{values['id']}' is already used")
                return m.PayDecision(**values)
            record = replace(current, **values)
            if record.meeting_id != current.meeting_id:  # the deciding item was at the old meeting
                record = replace(record, decision_item=None)
            return record

        def check(record) -> list[str]:
            return new_problems(snap, "pay_decisions", current, record)

        dialog_make = lambda values: _checked(make(values), check)  # noqa: E731
        return PayDecisionDialog.ask(self, title, self._decision_specs(current is None), initial, dialog_make, snap)

    def add_decision(self) -> None:
        if self.session.read_only:
            return
        existing = [d.id for d in self.snapshot.pay_decisions]
        year = self.session.as_of.year
        number = 1
        while f"PD-{year}-{number:02d}" in existing:
            number += 1
        initial = {"id": f"PD-{year}-{number:02d}", "executive": True, "decided_by": m.BOARD_BODY}
        record = self._ask_decision("Add a pay decision", None, initial)
        if record:
            name = self.snapshot.person_label(record.person_id)
            self.session.apply([Insert(record)], f"Add pay decision {record.id} for {name}")
            self.table.filter.clear()
            self.table.select_where(lambda d: d.id == record.id)

    def edit_decision(self) -> None:
        current = self.table.current()
        if current is None or self.session.read_only:
            return
        initial = {name: getattr(current, name) for name in (
            "person_id", "post", "executive", "effective_date", "salary_before", "salary_after",
            "decided_by", "meeting_id", "evidence", "subject_withdrew")}
        name = self.snapshot.person_label(current.person_id)
        record = self._ask_decision(f"Edit pay decision {current.id} for {name}", current, initial)
        if record and record != current:
            self.session.apply([Update(current, record)], f"Edit pay decision {current.id} for {name}")

    def delete_decision(self) -> None:
        current = self.table.current()
        if current is None or self.session.read_only:
            return
        name = self.snapshot.person_label(current.person_id)
        if confirm(
            self, "Delete pay decision",
            f"Delete the pay decision for {name} effective {current.effective_date:%d/%m/%Y} "
            f"({money(current.salary_after)})?\n\nDelete only a decision entered in error: a decision "
            "the board took stays on the record even if it is later changed. Undo brings it back."):
            self.session.apply([Delete(current)], f"Delete pay decision {current.id} for {name}")

    # --- teachers' pay awards ----------------------------------------------------------------

    def _award_specs(self, adding: bool) -> list[FieldSpec]:
        specs = [FieldSpec("academic_year", "Academic year", required=True, hint="e.g. 2025/26")] if adding else []
        return specs + [FieldSpec("percent", "Teachers' award (%)", required=True, hint="e.g. 4.0")]

    @staticmethod
    def _read_percent(text) -> Decimal:
        try:
            percent = parse_percent(text)
        except ValueError as exc:
            raise FieldError("Teachers' award (%)", str(exc)) from None
        if percent is None or not (Decimal(0) <= percent <= Decimal(100)):
            raise FieldError("Teachers' award (%)", "must be between 0% and 100%")
        return percent

    def add_award(self) -> None:
        if self.session.read_only:
            return
        known = {a.academic_year for a in self.snapshot.pay_awards}

        def make(values: dict) -> m.PayAward:
            try:
                year = normalise_year_label(values["academic_year"])
            except ValueError as exc:
                raise FieldError("Academic year", str(exc)) from None
            if year in known:
                raise FieldError("Academic year", f"{year} already has an award; edit it instead")
            return m.PayAward(year, self._read_percent(values["percent"]))

        latest = max(known, default=None)
        initial = {"academic_year": year_label(parse_year_label(latest) + 1)} if latest else {}
        record = RecordDialog.ask(self, "Add a teachers' pay award", self._award_specs(True), initial, make)
        if record:
            self.session.apply([Insert(record)], f"Add the teachers' pay award for {record.academic_year}")
            self.awards.select_where(lambda a: a.academic_year == record.academic_year)

    def edit_award(self) -> None:
        current = self.awards.current()
        if current is None or self.session.read_only:
            return
        record = RecordDialog.ask(
            self, f"Teachers' pay award for {current.academic_year}", self._award_specs(False),
            {"percent": current.percent}, lambda v: replace(current, percent=self._read_percent(v["percent"])))
        if record and record != current:
            self.session.apply([Update(current, record)],
                               f"Change the teachers' pay award for {current.academic_year} to {percent_text(record.percent)}")

    def delete_award(self) -> None:
        current = self.awards.current()
        if current is None or self.session.read_only:
            return
        if confirm(
            self, "Delete teachers' pay award",
            f"Delete the teachers' pay award for {current.academic_year} ({percent_text(current.percent)})? Executive rises "
            "that year will then not be compared with it."):
            self.session.apply([Delete(current)], f"Delete the teachers' pay award for {current.academic_year}")

    # --- pay policy --------------------------------------------------------------------------

    def edit_policy_date(self) -> None:
        if self.session.read_only:
            return
        settings = self.snapshot.settings
        today = clock.today()

        def make(values: dict) -> date | None:
            approved = values["pay_policy_approved_on"]
            if approved is not None and approved > today:
                raise FieldError("Pay policy approved on",
                                 f"cannot be later than today ({today:%d/%m/%Y}); record it once approved")
            return _Approved(approved)

        spec = FieldSpec("pay_policy_approved_on", "Pay policy approved on", "date",
                         hint="dd/mm/yyyy (blank if never approved)")
        result = RecordDialog.ask(self, "Pay policy approval", [spec],
                                  {"pay_policy_approved_on": settings.pay_policy_approved_on}, make)
        if result is None or result.on == settings.pay_policy_approved_on:
            return
        what = f"to {result.on:%d/%m/%Y}" if result.on else "as not recorded"
        self.session.save_settings(settings.with_changes(pay_policy_approved_on=result.on),
                                   f"Set the pay policy approval date {what}")

    # --- navigation --------------------------------------------------------------------------

    def go_to(self, kind: str, key: str) -> bool:
        if kind != "pay_decision" or not any(d.id == key for d in self.snapshot.pay_decisions):
            return False
        if self.table.model.rowCount() != len(self.snapshot.pay_decisions):
            self.refresh()  # the page may not have been shown yet
        self.table.filter.clear()
        return self.table.select_where(lambda d: d.id == key)


class _Approved:
    """The dialog's result: a date or None (a bare None would read as 'cancelled')."""

    __slots__ = ("on",)

    def __init__(self, on: date | None):
        self.on = on


def _checked(record, check):
    problems = check(record)
    if problems:
        raise ValueError(problems[0])
    return record


def _months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


