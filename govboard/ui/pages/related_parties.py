"""Related parties: RPT agreements with their values per financial year, the payments ledger,
and payments that look like related-party transactions (RPT-07) waiting to be dealt with.

Every edit is one `session.apply` batch, so turning a payment into an agreement (agreement,
its value and the payment's link) is undone with one Undo.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.dates import financial_year_of, normalise_year_label, parse_year_label, year_label
from ...domain.enums import DfeApproval, Direction, Exemption
from ...domain.names import normalise_company_number, normalise_org
from ...domain.validate import check_dates_in_order
from ...rules.payments import RELATIONSHIP_WORDS
from ...rules.rpt import Agreements  # the RPT-05 grouping: same company number or name
from ...store import Delete, Insert, Update
from ..dialogs import (
    FieldError,
    FieldSpec,
    RecordDialog,
    choices,
    confirm,
    new_problems,
    next_id,
    people_choices,
)
from ..models import SEVERITY_COLOURS, Column, fmt_date, money, rules_words
from ..widgets import EmptyState, Page, TableBox, button, label

NOT_RECORDED = "Not recorded"
_SEVERITY_RANK = {"must": 0, "should": 1, "advice": 2}
_SEVERITY_WORDS = {"must": "Must", "should": "Should", "advice": "Advice"}
_SEVERITY_INK = {"must": "#9b1c1c", "should": "#8a5a00", "advice": "#1f4e79"}
# Payment filter choices on the ledger tab.
ALL_PAYMENTS, UNLINKED, LINKED = "all", "unlinked", "linked"


def worst_severity(findings) -> str | None:
    ranked = sorted((f.severity.value for f in findings), key=lambda s: _SEVERITY_RANK.get(s, 9))
    return ranked[0] if ranked else None


def findings_html(findings, empty: str) -> str:
    """The findings about one record, most serious first, as the pane beside the table shows them."""
    esc = html.escape
    if not findings:
        return f"<p style='color:#51606f'>{esc(empty)}</p>"
    parts = []
    for f in sorted(findings, key=lambda f: f.sort_key()):
        sev = f.severity.value
        ack = " · acknowledged" if f.acknowledged else ""
        parts.append(
            f"<p style='margin:0 0 2px 0'><span style='color:{_SEVERITY_INK.get(sev, '#333')};"
            f"font-weight:600'>{esc(_SEVERITY_WORDS.get(sev, sev))}</span>"
            f" · <b>{esc(f.title)}</b> <span style='color:#51606f'>({esc(f.rule)}){ack}</span></p>"
            f"<p style='margin:0 0 4px 0'>{esc(f.message)}</p>"
            + (f"<p style='margin:0 0 12px 0;color:#51606f'>What to do: {esc(f.remedy)}</p>" if f.remedy else "")
        )
    return "".join(parts)


def _yes_no_unknown(value: bool | None) -> str:
    return NOT_RECORDED if value is None else ("Yes" if value else "No")


def _plain(table: TableBox) -> TableBox:
    """A small table without its filter box (the detail tables are short)."""
    table.filter.hide()
    return table


class RelatedPartiesPage(Page):
    key, title, icon_name = "rpt", "Related parties", "rpt"
    hint = ("Agreements with related parties and their value in each financial year (1 September to "
            "31 August), the payments ledger, and payments to organisations in which a member, trustee "
            "or governor has an interest that no agreement covers yet.")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self._findings: dict[tuple[str, str], list] = {}
        self._payment_by_id: dict[str, m.Payment] = {}
        self._org_filter: tuple[str, str] | None = None  # (organisation key, its name)

        # Shown after go_to("organisation", ...): the tables keep to that organisation.
        self.org_banner = QFrame()
        self.org_banner.setObjectName("orgBanner")
        self.org_banner.setStyleSheet("#orgBanner { background: #e6f0fb; border-radius: 4px; }")
        banner = QHBoxLayout(self.org_banner)
        banner.setContentsMargins(8, 4, 8, 4)
        self.org_banner_text = QLabel("")
        banner.addWidget(self.org_banner_text, 1)
        self.show_all_btn = button("Show all organisations", None, self.clear_organisation_filter)
        banner.addWidget(self.show_all_btn)
        self.org_banner.hide()
        self.body.addWidget(self.org_banner)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_agreements_tab(), "Agreements")
        self.tabs.addTab(self._build_payments_tab(), "Payments ledger")
        self.tabs.addTab(self._build_possible_tab(), "Possible related-party payments")
        self.body.addWidget(self.tabs, 1)

    # --- building the tabs -------------------------------------------------------------------

    def _build_agreements_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.add_agreement_btn = button("Add agreement…", "add", self.add_agreement)
        self.edit_agreement_btn = button("Edit agreement…", "edit", self.edit_agreement)
        bar.addWidget(self.add_agreement_btn)
        bar.addWidget(self.edit_agreement_btn)
        bar.addStretch(1)
        layout.addLayout(bar)

        snap = lambda: self.snapshot  # noqa: E731 - read late: the snapshot changes after edits
        self.agreements = TableBox([
            Column("ID", lambda a: a.id),
            Column("Related organisation", lambda a: a.related_organisation),
            Column("Findings", lambda a: self._rules_text("rpt", a.id)),
            Column("Related person", lambda a: snap().person_label(a.related_person_id) if a.related_person_id else None),
            Column("Total value", lambda a: self._total(a.id), display=money, align_right=True),
            Column("Value by financial year", self._values_text),
            Column("Direction", lambda a: a.direction),
            Column("Confirmed on", lambda a: a.confirmed_on),
            Column("Reported to DfE", lambda a: a.reported_to_dfe_on),
            Column("DfE approval", lambda a: a.dfe_approval),
            Column("DfE decision on", lambda a: a.dfe_decision_on),
            Column("At-cost statement", lambda a: a.at_cost_statement_on),
            Column("Exemption", lambda a: a.exemption),
            Column("Novel or contentious", lambda a: a.novel_or_contentious),
            Column("Deciding meeting", lambda a: self._meeting_text(a.decision_meeting_id),
                   tooltip=lambda a: a.decision_meeting_id or ""),
            Column("Conflicted people withdrew", lambda a: a.conflicted_withdrew, display=_yes_no_unknown),
            Column("Description", lambda a: a.description),
        ], filter_hint="Type to filter agreements by organisation, person, ID or words in the description…",
            stretch=(1, 16))
        self.agreements.model.row_colour = lambda a: SEVERITY_COLOURS.get(
            worst_severity(self._findings.get(("rpt", a.id), ())))
        self.agreements.selection_changed.connect(self._show_agreement)
        self.agreements.activated.connect(lambda _: self.edit_agreement())

        detail = QWidget()
        detail_layout = QHBoxLayout(detail)
        detail_layout.setContentsMargins(0, 6, 0, 0)
        values_box = QWidget()
        values_layout = QVBoxLayout(values_box)
        values_layout.setContentsMargins(0, 0, 0, 0)
        self.agreement_heading = label("", "sectionTitle")
        values_layout.addWidget(self.agreement_heading)
        self.agreement_facts = label("", "pageHint", wrap=True)
        values_layout.addWidget(self.agreement_facts)
        value_bar = QHBoxLayout()
        self.add_value_btn = button("Add value…", "add", self.add_value,
                                    "Record the agreement's value in another financial year")
        self.edit_value_btn = button("Edit value…", "edit", self.edit_value)
        self.remove_value_btn = button("Remove value…", "end", self.remove_value)
        for b in (self.add_value_btn, self.edit_value_btn, self.remove_value_btn):
            value_bar.addWidget(b)
        value_bar.addStretch(1)
        values_layout.addLayout(value_bar)
        self.values = _plain(TableBox([
            Column("Financial year", lambda v: v.financial_year),
            Column("Value", lambda v: v.value, display=money, align_right=True),
        ]))
        self.values.selection_changed.connect(lambda _: self._update_value_buttons())
        self.values.activated.connect(lambda _: self.edit_value())
        self.values.delete_with(self.remove_value_btn)
        values_layout.addWidget(self.values, 1)
        detail_layout.addWidget(values_box, 2)

        findings_box = QWidget()
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.setContentsMargins(8, 0, 0, 0)
        self.agreement_findings_title = label("Findings", "sectionTitle")
        findings_layout.addWidget(self.agreement_findings_title)
        self.agreement_findings = QTextBrowser()
        self.agreement_findings.setObjectName("agreementFindings")
        self.agreement_findings.setAccessibleName("Findings about the selected agreement")
        findings_layout.addWidget(self.agreement_findings, 1)
        detail_layout.addWidget(findings_box, 3)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.agreements)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 300])
        layout.addWidget(splitter, 1)
        self.agreements_content = splitter
        self.agreements_empty = EmptyState(
            "No related-party agreements are recorded yet. Record each agreement the trust has with a person "
            "or organisation related to it (a member, trustee, local governor or senior employee, their "
            "relatives, or a business they have an interest in), with its value in each financial year: the "
            "checks then say which needed reporting to, or approval by, the DfE. A payment in the ledger can "
            "also be turned into an agreement on the Possible related-party payments tab.",
            [("Add agreement…", "add", self.add_agreement)])
        self.agreements_empty.hide()
        layout.addWidget(self.agreements_empty, 1)
        return tab

    def _build_payments_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.import_payments_btn = button("Import payments…", "open", self.import_payments,
                                          "Bring in payments from the finance system's export (CSV or Excel): "
                                          "choose its columns, see a preview, then import")
        self.add_payment_btn = button("Add payment…", "add", self.add_payment)
        self.edit_payment_btn = button("Edit payment…", "edit", self.edit_payment)
        self.delete_payment_btn = button("Delete payment…", "end", self.delete_payment,
                                         "Delete a payment entered or imported in error (Undo brings it back)")
        for b in (self.import_payments_btn, self.add_payment_btn, self.edit_payment_btn, self.delete_payment_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        # The payment's agreement on a row of its own: both rows fit a 1024-pixel window.
        links = QHBoxLayout()
        self.link_btn = button("Link to agreement…", "edit", self.link_payment,
                               "Record which related-party agreement this payment was made under")
        self.unlink_btn = button("Unlink from agreement", "end", self.unlink_payment)
        self.payment_agreement_btn = button("Show agreement", None, self.show_payment_agreement)
        for b in (self.link_btn, self.unlink_btn, self.payment_agreement_btn):
            links.addWidget(b)
        links.addStretch(1)
        self.ledger_summary = label("", "pageHint")
        links.addWidget(self.ledger_summary)
        layout.addLayout(links)
        self.payments = TableBox([
            Column("Payment ID", lambda p: p.id),
            Column("Date", lambda p: p.date),
            Column("Payee", lambda p: p.supplier),
            Column("Company no.", lambda p: p.company_number),  # as on the Interests page
            Column("Amount", lambda p: p.amount, display=money, align_right=True),
            Column("Agreement", lambda p: p.agreement_id, tooltip=self._payment_agreement_text),
            Column("Finding", lambda p: self._rules_text("payment", p.id)),
            Column("Description", lambda p: p.description),
        ], filter_hint="Type to filter payments by payee, ID, company number, agreement or description…",
            stretch=(7,), widest={2: 250})
        self.payments.model.row_colour = lambda p: SEVERITY_COLOURS.get(
            worst_severity(self._findings.get(("payment", p.id), ())))
        self.show_choice = QComboBox()
        self.show_choice.setAccessibleName("Show payments")
        self.show_choice.addItem("All payments", ALL_PAYMENTS)
        self.show_choice.addItem("Not linked to an agreement", UNLINKED)
        self.show_choice.addItem("Linked to an agreement", LINKED)
        self.show_choice.currentIndexChanged.connect(lambda _: self._apply_payment_filter())
        self.payments.filter_bar.addWidget(self.show_choice)
        self.payments.selection_changed.connect(lambda _: self._update_payment_buttons())
        self.payments.activated.connect(lambda _: self.link_payment())
        self.payments.proxy.rowsInserted.connect(lambda *_: self._update_ledger_summary())
        self.payments.proxy.rowsRemoved.connect(lambda *_: self._update_ledger_summary())
        self.payments.proxy.modelReset.connect(self._update_ledger_summary)
        self.payments.proxy.layoutChanged.connect(self._update_ledger_summary)
        self.payments.delete_with(self.delete_payment_btn)
        layout.addWidget(self.payments, 1)
        self.payments_empty = EmptyState(
            "The payments ledger holds what the trust paid to its suppliers. govboard compares each payment "
            "with the register of interests, to find payments to related parties that no agreement covers. "
            "Export the payments from the finance system as a CSV or Excel file and import it here (you choose "
            "which column holds the date, supplier, amount, company number and description, and see every row "
            "before anything is written), or add a payment by hand.",
            [("Import payments…", "open", self.import_payments), ("Add payment…", "add", self.add_payment)])
        self.payments_empty.hide()
        layout.addWidget(self.payments_empty, 1)
        return tab

    def _build_possible_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        self.possible_intro = label("", "pageHint", wrap=True)
        layout.addWidget(self.possible_intro)
        bar = QHBoxLayout()
        self.create_btn = button("Create agreement from payment…", "add", self.create_agreement_from_payment,
                                 "Record the related-party agreement this payment was made under, and link it")
        self.possible_link_btn = button("Link to agreement…", "edit", self.link_possible,
                                        "Link the payment to an agreement already recorded")
        self.show_in_ledger_btn = button("Show in ledger", None, self.show_possible_in_ledger)
        for b in (self.create_btn, self.possible_link_btn, self.show_in_ledger_btn):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        snap = lambda: self.snapshot  # noqa: E731
        self.possible = TableBox([
            Column("Payment ID", lambda f: f.subject.key),
            Column("Date", lambda f: self._payment(f).date if self._payment(f) else None),
            Column("Payee", lambda f: self._payment(f).supplier if self._payment(f) else None),
            Column("Amount", lambda f: self._payment(f).amount if self._payment(f) else None,
                   display=money, align_right=True),
            Column("Matches the interest in", lambda f: "; ".join(
                dict.fromkeys(f"{i['organisation']} (on {i['matched_on']})" for i in _interests(f)))),
            Column("Related to the trust through", lambda f: "; ".join(
                dict.fromkeys(_connection_text(snap(), i) for i in _interests(f))), tooltip=lambda f: f.message),
        ], filter_hint="Type to filter by payee, person or organisation…", stretch=(5,), widest={2: 220, 4: 330})
        self.possible.model.row_colour = lambda f: SEVERITY_COLOURS.get(f.severity.value)
        self.possible.selection_changed.connect(self._show_possible)
        self.possible.activated.connect(lambda _: self.create_agreement_from_payment())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.possible)
        self.possible_detail = QTextBrowser()
        self.possible_detail.setObjectName("possibleDetail")
        self.possible_detail.setAccessibleName("About the selected payment")
        splitter.addWidget(self.possible_detail)
        splitter.setSizes([220, 300])
        layout.addWidget(splitter, 1)
        return tab

    # --- data ----------------------------------------------------------------------------------

    def _rules_text(self, kind: str, key: str) -> str:
        return rules_words(self._findings.get((kind, key), ()))

    def _total(self, agreement_id: str) -> int:
        return sum(v.value for v in self.snapshot.values_of(agreement_id))

    def _values_text(self, agreement) -> str:
        values = sorted(self.snapshot.values_of(agreement.id), key=lambda v: v.financial_year)
        return "; ".join(f"{v.financial_year}: {money(v.value)}" for v in values)

    def _meeting_text(self, meeting_id: str | None) -> str | None:
        if not meeting_id:
            return None
        meeting = self.snapshot.meeting_by_id.get(meeting_id)
        return f"{meeting.body}, {fmt_date(meeting.date)}" if meeting else meeting_id

    def _payment_agreement_text(self, payment) -> str | None:
        if not payment.agreement_id:
            return None
        agreement = self.snapshot.agreement_by_id.get(payment.agreement_id)
        return f"{payment.agreement_id} {agreement.related_organisation}" if agreement else payment.agreement_id

    def _payment(self, finding) -> m.Payment | None:
        return self._payment_by_id.get(finding.subject.key)

    def _possible_findings(self) -> list:
        """One row per payment to review: each payment an RPT-07 finding (one per organisation)
        lists, and each RPT-08 payment, as that finding seen from the payment."""
        return [f for f in payment_findings(self.session.findings)
                if f.rule in ("RPT-07", "RPT-08") and f.subject.key in self._payment_by_id]

    def refresh(self) -> None:
        self._findings = {}
        for f in [*self.session.findings, *payment_findings(self.session.findings, expand_only=True)]:
            self._findings.setdefault((f.subject.kind, f.subject.key), []).append(f)
        snap = self.snapshot
        self._payment_by_id = {p.id: p for p in snap.payments}
        writable = not self.session.read_only
        self.add_agreement_btn.setEnabled(writable)

        self.agreements.set_rows(sorted(snap.rpt_agreements, key=lambda a: a.id), keep=lambda a: a.id)
        self.payments.set_rows(sorted(snap.payments, key=lambda p: (p.date, p.id), reverse=True), keep=lambda p: p.id)
        possible = sorted(self._possible_findings(), key=lambda f: f.subject.key)
        self.possible.set_rows(possible, keep=lambda f: f.subject.key)
        self._apply_organisation_filter()
        self._update_tab_titles()
        self._show_empty_states()
        n = len(possible)
        self.possible_intro.setText(
            "Nothing to review: no payment goes to a related party (an organisation in which a member, "
            "trustee, governor or senior employee, or a relative of one, has a registered interest, or "
            "one of those people by name) without an agreement covering it." if not n else
            f"{n} payment{'s go' if n != 1 else ' goes'} to a related party (an organisation in which a "
            "member, trustee, governor or senior employee, or a relative of one, has a registered "
            "interest (RPT-07), or one of those people by name (RPT-08)), and no related-party agreement "
            "covers it. Record the agreement, or link the payment to one already recorded.")
        if self.agreements.current() is None and self.agreements.proxy.rowCount():
            self.agreements.select_where(lambda a: True)
        if self.possible.current() is None and self.possible.proxy.rowCount():
            self.possible.select_where(lambda f: True)
        self._show_agreement(self.agreements.current())
        self._update_payment_buttons()
        self._show_possible(self.possible.current())

    def _update_tab_titles(self) -> None:
        snap = self.snapshot
        self.tabs.setTabText(0, f"Agreements ({len(snap.rpt_agreements)})")
        self.tabs.setTabText(1, f"Payments ledger ({len(snap.payments)})")
        n = self.possible.model.rowCount()
        self.tabs.setTabText(2, f"Possible related-party payments ({n})")

    def _update_ledger_summary(self) -> None:
        shown = self.payments.visible_objects()
        total = sum(p.amount for p in shown)
        self.ledger_summary.setText(f"{len(shown)} payment{'s' if len(shown) != 1 else ''}, {money(total)}")

    # --- the agreements tab --------------------------------------------------------------------

    def _show_agreement(self, agreement) -> None:
        writable = not self.session.read_only
        self.edit_agreement_btn.setEnabled(writable and agreement is not None)
        self.add_value_btn.setEnabled(writable and agreement is not None)
        if agreement is None:
            self.agreement_heading.setText("No agreement selected")
            self.agreement_facts.setText("Choose an agreement in the list, or add one.")
            self.values.set_rows([])
            self.agreement_findings_title.setText("Findings")
            self.agreement_findings.setHtml(findings_html([], "Select an agreement to see its findings."))
            self._update_value_buttons()
            return
        snap = self.snapshot
        self.agreement_heading.setText(f"{agreement.id}: {agreement.related_organisation}")
        linked = [p for p in snap.payments if p.agreement_id == agreement.id]
        facts = [str(agreement.direction)]
        if agreement.company_number:
            facts.append(f"company {agreement.company_number}")
        if agreement.related_person_id:
            facts.append(f"related person {snap.person_label(agreement.related_person_id)}")
        facts.append(f"{len(linked)} payment{'s' if len(linked) != 1 else ''} linked, "
                     f"{money(sum(p.amount for p in linked))}")
        self.agreement_facts.setText(" · ".join(facts))
        values = sorted(snap.values_of(agreement.id), key=lambda v: v.financial_year)
        self.values.set_rows(values, keep=lambda v: v.financial_year)
        findings = self._findings.get(("rpt", agreement.id), [])
        self.agreement_findings_title.setText(f"Findings about {agreement.id} ({len(findings)})")
        self.agreement_findings.setHtml(findings_html(findings, f"No findings about {agreement.id}."))
        self._update_value_buttons()

    def _update_value_buttons(self) -> None:
        writable = not self.session.read_only
        has_value = self.values.current() is not None
        self.edit_value_btn.setEnabled(writable and has_value)
        self.remove_value_btn.setEnabled(writable and has_value)

    def _agreement_specs(self, adding: bool) -> list[FieldSpec]:
        snap = self.snapshot
        meetings = sorted(snap.meetings, key=lambda mt: mt.date, reverse=True)
        specs = [FieldSpec("id", "Agreement ID", required=True)] if adding else []
        specs += [
            FieldSpec("related_organisation", "Related organisation", required=True),
            FieldSpec("company_number", "Company number"),
            FieldSpec("related_person_id", "Related person", "ref", choices=people_choices(snap)),
            FieldSpec("description", "Description", hint="what is supplied"),
            FieldSpec("direction", "Direction", "choice", required=True, choices=choices(Direction)),
        ]
        if adding:
            specs += [
                FieldSpec("financial_year", "Financial year", hint="e.g. 2025/26 (1 September to 31 August)"),
                FieldSpec("value", "Value in that year", "money"),
            ]
        specs += [
            FieldSpec("confirmed_on", "Confirmed on", "date", hint="contract signed or first order, dd/mm/yyyy"),
            FieldSpec("reported_to_dfe_on", "Reported to DfE on", "date"),
            FieldSpec("dfe_approval", "DfE approval", "choice", choices=choices(DfeApproval)),
            FieldSpec("dfe_decision_on", "DfE decision on", "date"),
            FieldSpec("at_cost_statement_on", "At-cost statement on", "date"),
            FieldSpec("exemption", "Exemption", "choice", choices=choices(Exemption)),
            FieldSpec("novel_or_contentious", "Novel or contentious", "bool"),
            FieldSpec("decision_meeting_id", "Deciding meeting", "ref", choices=[
                (f"{fmt_date(mt.date)} {mt.body} ({mt.id})", mt.id) for mt in meetings]),
            FieldSpec("conflicted_withdrew", "Conflicted people withdrew", "bool"),
        ]
        return specs

    def _check_agreement(self, old, new) -> list[str]:
        problem = check_dates_in_order(new.reported_to_dfe_on, new.dfe_decision_on,
                                       "Reported to DfE on", "DfE decision on")
        if problem:
            return [problem + " (the DfE decides after the agreement is reported)"]
        return new_problems(self.snapshot, "rpt_agreements", old, new)

    def _ask_new_agreement(self, title: str, initial: dict):
        """Ask for a new agreement (and optionally its first year's value); return (agreement, value)."""
        existing = set(self.snapshot.agreement_by_id)
        first_value: dict = {}

        def make(values: dict):
            values = dict(values)
            if values["id"] in existing:
                raise FieldError("Agreement ID", f"'{values['id']}' is already used")
            year, value = values.pop("financial_year"), values.pop("value")
            first_value.clear()
            if value is not None:
                if value < 0:
                    raise FieldError("Value in that year", "must not be negative")
                if not year:
                    raise FieldError("Financial year", "is required when a value is given")
                first_value["year"] = self._year(year, "Financial year")
                first_value["value"] = value
            elif year:
                raise FieldError("Value in that year", f"is required for {year}")
            agreement = m.RptAgreement(**values)
            if problems := self._check_agreement(None, agreement):
                raise ValueError(problems[0])
            return agreement

        agreement = RecordDialog.ask(self, title, self._agreement_specs(True), initial, make)
        if agreement is None:
            return None, None
        value = (m.RptValue(agreement.id, first_value["year"], first_value["value"])
                 if first_value else None)
        return agreement, value

    @staticmethod
    def _year(text: str, field_label: str) -> str:
        try:
            return normalise_year_label(text)
        except ValueError as exc:
            raise FieldError(field_label, str(exc)) from None

    def _new_agreement_initial(self) -> dict:
        return {
            "id": next_id("AGR-", self.snapshot.agreement_by_id),
            "direction": Direction.EXPENDITURE,
            "financial_year": financial_year_of(self.session.as_of),
        }

    def add_agreement(self) -> None:
        if self.session.read_only:
            return
        agreement, value = self._ask_new_agreement("Add a related-party agreement", self._new_agreement_initial())
        if agreement is None:
            return
        changes = [Insert(agreement)] + ([Insert(value)] if value else [])
        self.session.apply(changes, f"Add agreement {agreement.id} with {agreement.related_organisation}")
        self.select_agreement(agreement.id)

    def edit_agreement(self) -> None:
        current = self.agreements.current()
        if current is None or self.session.read_only:
            return
        specs = self._agreement_specs(False)
        initial = {s.name: getattr(current, s.name) for s in specs}

        def make(values: dict):
            record = replace(current, **values)
            if record.decision_meeting_id != current.decision_meeting_id:  # the item was at the old meeting
                record = replace(record, decision_item=None)
            if problems := self._check_agreement(current, record):
                raise ValueError(problems[0])
            return record

        record = RecordDialog.ask(self, f"Edit agreement {current.id}", specs, initial, make)
        if record and record != current:
            self.session.apply([Update(current, record)],
                               f"Edit agreement {current.id} with {record.related_organisation}")

    def _value_specs(self) -> list[FieldSpec]:
        return [
            FieldSpec("financial_year", "Financial year", required=True,
                      hint="e.g. 2025/26 (1 September to 31 August)"),
            FieldSpec("value", "Value", "money", required=True),
        ]

    def _ask_value(self, agreement, current: m.RptValue | None) -> m.RptValue | None:
        taken = {v.financial_year for v in self.snapshot.values_of(agreement.id)}
        if current is not None:
            taken.discard(current.financial_year)

        def make(values: dict) -> m.RptValue:
            year = self._year(values["financial_year"], "Financial year")
            if year in taken:
                raise FieldError("Financial year", f"{agreement.id} already has a value for {year}; edit that one")
            if values["value"] < 0:
                raise FieldError("Value", "must not be negative")
            return m.RptValue(agreement.id, year, values["value"])

        initial = ({"financial_year": current.financial_year, "value": current.value} if current else
                   {"financial_year": self._suggest_year(agreement, taken)})
        title = (f"Edit the value of {agreement.id} in {current.financial_year}" if current
                 else f"Add a value to {agreement.id}")
        return RecordDialog.ask(self, title, self._value_specs(), initial, make)

    def _suggest_year(self, agreement, taken: set[str]) -> str:
        """The year after the latest one recorded, else the year it was confirmed (or this year)."""
        if taken:
            return year_label(max(parse_year_label(y) for y in taken) + 1)
        return financial_year_of(agreement.confirmed_on or self.session.as_of)

    def add_value(self) -> None:
        agreement = self.agreements.current()
        if agreement is None or self.session.read_only:
            return
        value = self._ask_value(agreement, None)
        if value:
            self.session.apply([Insert(value)], f"Add {value.financial_year} value to agreement {agreement.id}")
            self.values.select_where(lambda v: v.financial_year == value.financial_year)

    def edit_value(self) -> None:
        agreement, current = self.agreements.current(), self.values.current()
        if agreement is None or current is None or self.session.read_only:
            return
        value = self._ask_value(agreement, current)
        if value and value != current:
            self.session.apply([Update(current, value)],
                               f"Edit the {current.financial_year} value of agreement {agreement.id}")
            self.values.select_where(lambda v: v.financial_year == value.financial_year)

    def remove_value(self) -> None:
        agreement, current = self.agreements.current(), self.values.current()
        if agreement is None or current is None or self.session.read_only:
            return
        if confirm(
            self, "Remove value",
            f"Remove the {current.financial_year} value ({money(current.value)}) from agreement {agreement.id}?"
            "\n\nYou can undo this with Edit > Undo."):
            self.session.apply([Delete(current)],
                               f"Remove the {current.financial_year} value of agreement {agreement.id}")

    def select_agreement(self, agreement_id: str) -> bool:
        self.tabs.setCurrentIndex(0)
        if not any(a.id == agreement_id for a in self.agreements.visible_objects()):
            self.agreements.filter.clear()
            self.clear_organisation_filter()
        return self.agreements.select_where(lambda a: a.id == agreement_id)

    # --- the payments ledger --------------------------------------------------------------------

    def _apply_payment_filter(self) -> None:
        show = self.show_choice.currentData()
        org = self._org_filter
        if show == ALL_PAYMENTS and org is None:
            self.payments.proxy.set_extra_filter(None)
        else:
            in_org = self._payment_in_organisation

            def keep(p) -> bool:
                if show == UNLINKED and p.agreement_id:
                    return False
                if show == LINKED and not p.agreement_id:
                    return False
                return org is None or in_org(p)

            self.payments.proxy.set_extra_filter(keep)
        self._update_ledger_summary()
        self._update_payment_buttons()

    def _update_payment_buttons(self) -> None:
        writable = not self.session.read_only
        payment = self.payments.current()
        for b in (self.import_payments_btn, self.add_payment_btn, *self.payments_empty.buttons,
                  *self.agreements_empty.buttons):
            b.setEnabled(writable)
        self.edit_payment_btn.setEnabled(writable and payment is not None)
        self.delete_payment_btn.setEnabled(writable and payment is not None)
        self.link_btn.setEnabled(writable and payment is not None and bool(self.snapshot.rpt_agreements))
        self.unlink_btn.setEnabled(writable and payment is not None and bool(payment.agreement_id))
        self.payment_agreement_btn.setEnabled(payment is not None and bool(payment.agreement_id))

    def _ask_link(self, payment) -> m.Payment | None:
        agreements = sorted(self.snapshot.rpt_agreements, key=lambda a: a.id)
        if not agreements:
            QMessageBox.information(self, "No agreements", "There is no related-party agreement to link to yet. "
                                    "Add the agreement first.")
            return None
        # Offer the payee's own agreements first: they are the likely ones.
        payee = normalise_org(payment.supplier)
        number = normalise_company_number(payment.company_number) if payment.company_number else ""

        def same_payee(a) -> bool:
            return (normalise_org(a.related_organisation) == payee
                    or bool(number and a.company_number and normalise_company_number(a.company_number) == number))

        agreements.sort(key=lambda a: (not same_payee(a), a.id))
        specs = [FieldSpec("agreement_id", "Agreement", "ref", required=True, choices=[
            (f"{a.id} {a.related_organisation}" + (f" ({a.description})" if a.description else ""), a.id)
            for a in agreements])]
        initial = {"agreement_id": payment.agreement_id or agreements[0].id}
        dialog = RecordDialog(self, f"Link payment {payment.id} to an agreement", specs, initial,
                              lambda v: replace(payment, agreement_id=v["agreement_id"]))
        # Say which payment this is: the form itself holds only the choice of agreement.
        note = label(f"Payment {payment.id} of {money(payment.amount)} on {fmt_date(payment.date)} to "
                     f"{payment.supplier}" + (f" ({payment.description})" if payment.description else "")
                     + ". Agreements with this payee are listed first.", "note", wrap=True)
        dialog.layout().insertWidget(0, note)
        dialog.resize(max(dialog.width(), 560), dialog.sizeHint().height())
        return dialog.result_record if dialog.exec() == RecordDialog.DialogCode.Accepted else None

    def _link(self, payment) -> None:
        if payment is None or self.session.read_only:
            return
        record = self._ask_link(payment)
        if record and record != payment:
            self.session.apply([Update(payment, record)],
                               f"Link payment {payment.id} to agreement {record.agreement_id}")

    def link_payment(self) -> None:
        self._link(self.payments.current())

    def unlink_payment(self) -> None:
        payment = self.payments.current()
        if payment is None or not payment.agreement_id or self.session.read_only:
            return
        self.session.apply([Update(payment, replace(payment, agreement_id=None))],
                           f"Unlink payment {payment.id} from agreement {payment.agreement_id}")

    def show_payment_agreement(self) -> None:
        payment = self.payments.current()
        if payment is not None and payment.agreement_id:
            self.select_agreement(payment.agreement_id)

    def _show_empty_states(self) -> None:
        """A tab with nothing recorded says what goes there and how, instead of a bare table."""
        no_agreements = not self.snapshot.rpt_agreements
        self.agreements_content.setVisible(not no_agreements)
        self.agreements_empty.setVisible(no_agreements)
        no_payments = not self.snapshot.payments
        self.payments.setVisible(not no_payments)
        self.payments_empty.setVisible(no_payments)
        for w in (self.import_payments_btn, self.add_payment_btn, self.link_btn, self.unlink_btn,
                  self.payment_agreement_btn, self.edit_payment_btn, self.delete_payment_btn, self.ledger_summary):
            w.setVisible(not no_payments)  # the empty state has Import and Add itself
        self.add_agreement_btn.setVisible(not no_agreements)
        self.edit_agreement_btn.setVisible(not no_agreements)

    def import_payments(self) -> None:
        from ..payments_import import import_payments

        if import_payments(self):
            self.tabs.setCurrentIndex(1)

    def _payment_specs(self, adding: bool) -> list[FieldSpec]:
        agreements = sorted(self.snapshot.rpt_agreements, key=lambda a: a.id)
        specs = [FieldSpec("id", "Payment ID", required=True, hint="the finance system's reference, or as proposed")
                 ] if adding else []
        return specs + [
            FieldSpec("date", "Date", "date", required=True),
            FieldSpec("supplier", "Supplier", required=True, hint="who was paid"),
            FieldSpec("amount", "Amount", "money", required=True, hint="£0.00; -£80.00 for a refund"),
            FieldSpec("company_number", "Company number", hint="the supplier's Companies House number, if known"),
            FieldSpec("description", "Description", hint="what it was for"),
            FieldSpec("agreement_id", "Agreement", "ref", hint="the related-party agreement it was made under",
                      choices=[(f"{a.id} {a.related_organisation}", a.id) for a in agreements]),
        ]

    def _make_payment(self, values: dict, current: m.Payment | None) -> m.Payment:
        values = dict(values)
        if values.get("company_number"):
            number = normalise_company_number(values["company_number"])
            if not re.fullmatch(r"[A-Z0-9]{8}", number):
                raise FieldError("Company number", f"'{values['company_number']}' is not a Companies House number "
                                                   "(8 letters or digits, e.g. 08123456)")
            values["company_number"] = number
        if current is None:
            if values["id"] in self._payment_by_id:
                raise FieldError("Payment ID", f"'{values['id']}' is already used")
            record = m.Payment(**values)
        else:
            record = replace(current, **values)
        if problems := new_problems(self.snapshot, "payments", current, record):
            raise ValueError(problems[0])
        return record

    def add_payment(self) -> None:
        if self.session.read_only:
            return
        from ...io.finance import next_payment_id

        initial = {"id": next_payment_id(self._payment_by_id), "date": self.session.as_of}
        record = RecordDialog.ask(self, "Add a payment", self._payment_specs(True), initial,
                                  lambda v: self._make_payment(v, None))
        if record is not None:
            self.session.apply([Insert(record)], f"Add payment {record.id} to {record.supplier}")
            self.select_payment(record.id)

    def edit_payment(self) -> None:
        current = self.payments.current()
        if current is None or self.session.read_only:
            return
        specs = self._payment_specs(False)
        record = RecordDialog.ask(self, f"Edit payment {current.id}", specs,
                                  {s.name: getattr(current, s.name) for s in specs},
                                  lambda v: self._make_payment(v, current))
        if record is not None and record != current:
            self.session.apply([Update(current, record)], f"Edit payment {current.id} to {record.supplier}")
            self.select_payment(record.id)

    def delete_payment(self) -> None:
        current = self.payments.current()
        if current is None or self.session.read_only:
            return
        if confirm(self, "Delete payment",
                   f"Delete payment {current.id} of {money(current.amount)} on {fmt_date(current.date)} to "
                   f"{current.supplier}?\n\nDelete only a payment entered or imported in error. Edit > Undo "
                   "brings it back."):
            self.session.apply([Delete(current)], f"Delete payment {current.id} to {current.supplier}")

    def select_payment(self, payment_id: str) -> bool:
        self.tabs.setCurrentIndex(1)
        if not any(p.id == payment_id for p in self.payments.visible_objects()):
            self.payments.filter.clear()
            self.show_choice.setCurrentIndex(0)
            self.clear_organisation_filter()
        return self.payments.select_where(lambda p: p.id == payment_id)

    # --- possible related-party payments -------------------------------------------------------

    def _show_possible(self, finding) -> None:
        writable = not self.session.read_only
        payment = self._payment(finding) if finding is not None else None
        self.create_btn.setEnabled(writable and payment is not None)
        self.possible_link_btn.setEnabled(writable and payment is not None and bool(self.snapshot.rpt_agreements))
        self.show_in_ledger_btn.setEnabled(payment is not None)
        if finding is None or payment is None:
            self.possible_detail.setHtml(findings_html([], "Select a payment to see which interest it matches."
                                                       if self.possible.proxy.rowCount() else
                                                       "No payment needs review."))
            return
        esc = html.escape
        snap = self.snapshot
        rows = [("Payment", f"{payment.id} on {fmt_date(payment.date)} (financial year {financial_year_of(payment.date)})"),
                ("Payee", payment.supplier + (f", company {payment.company_number}" if payment.company_number else "")),
                ("Amount", money(payment.amount)),
                ("Description", payment.description or "(none)")]
        # One line per registered interest, then everyone who makes it a related party.
        by_interest: dict[tuple, list[str]] = {}
        for i in _interests(finding):
            key = (i["organisation"], i["interest_holder"], i.get("start"), i["matched_on"])
            by_interest.setdefault(key, []).append(_connection_text(snap, i))
        for (organisation, holder, start, matched_on), connections in by_interest.items():
            since = f" since {fmt_date(_iso(start))}" if _iso(start) else ""
            rows.append(("Interest", f"{organisation}, held by {snap.person_label(holder)}{since} "
                                     f"(matched on {matched_on})"))
            rows.append(("Related party", "; ".join(dict.fromkeys(connections))))
        table = "".join(f"<tr><td style='padding:1px 12px 1px 0;color:#51606f' valign='top'>{esc(k)}</td>"
                        f"<td style='padding:1px 0'>{esc(v)}</td></tr>" for k, v in rows)
        self.possible_detail.setHtml(findings_html([finding], "") + f"<table>{table}</table>")

    def _interest_for(self, finding) -> dict:
        """The finding's first matched interest: the one the new agreement is with."""
        interests = _interests(finding)
        return interests[0] if interests else {}

    def create_agreement_from_payment(self) -> None:
        finding = self.possible.current()
        payment = self._payment(finding) if finding is not None else None
        if payment is None or self.session.read_only:
            return
        interest = self._interest_for(finding)
        holder = interest.get("interest_holder")
        initial = self._new_agreement_initial() | {
            "related_organisation": interest.get("organisation") or payment.supplier,
            "company_number": payment.company_number or self._interest_company_number(interest),
            "related_person_id": holder if holder in self.snapshot.person_by_id else None,
            "description": payment.description,
            "direction": Direction.EXPENDITURE,
            # The payment is the latest the trust can have committed: the first order at the latest.
            "confirmed_on": payment.date,
            "financial_year": financial_year_of(payment.date),
            "value": payment.amount,
            "exemption": Exemption.NONE,
        }
        agreement, value = self._ask_new_agreement(f"Create an agreement from payment {payment.id}", initial)
        if agreement is None:
            return
        changes = [Insert(agreement)] + ([Insert(value)] if value else [])
        changes.append(Update(payment, replace(payment, agreement_id=agreement.id)))
        self.session.apply(changes, f"Create agreement {agreement.id} with {agreement.related_organisation} "
                                    f"from payment {payment.id}")
        self.select_agreement(agreement.id)

    def _interest_company_number(self, interest: dict) -> str | None:
        for i in self.snapshot.interests:
            if i.person_id == interest.get("interest_holder") and i.organisation == interest.get("organisation"):
                return i.company_number
        return None

    def link_possible(self) -> None:
        finding = self.possible.current()
        self._link(self._payment(finding) if finding is not None else None)

    def show_possible_in_ledger(self) -> None:
        finding = self.possible.current()
        if finding is not None:
            self.select_payment(finding.subject.key)

    # --- one organisation ---------------------------------------------------------------------

    def _organisation_agreement_ids(self, key: str) -> set[str]:
        groups = Agreements(self.snapshot).group_of
        return {aid for aid, group in groups.items() if group == key}

    def _payment_in_organisation(self, payment) -> bool:
        if self._org_filter is None:
            return True
        key = self._org_filter[0]
        if payment.agreement_id in self._org_agreements:
            return True
        if normalise_org(payment.supplier) == key:
            return True
        return bool(payment.company_number
                    and normalise_company_number(payment.company_number) in self._org_numbers)

    def _apply_organisation_filter(self) -> None:
        if self._org_filter is None:
            self.org_banner.hide()
            self.agreements.proxy.set_extra_filter(None)
        else:
            key, name = self._org_filter
            self._org_agreements = self._organisation_agreement_ids(key)
            self._org_numbers = {
                normalise_company_number(a.company_number) for a in self.snapshot.rpt_agreements
                if a.id in self._org_agreements and a.company_number}
            ids = self._org_agreements
            self.agreements.proxy.set_extra_filter(lambda a: a.id in ids)
            self.org_banner_text.setText(f"Showing only the agreements and payments of {name}.")
            self.org_banner.show()
        self._apply_payment_filter()

    def show_organisation(self, key: str) -> bool:
        ids = self._organisation_agreement_ids(key)
        if not ids:
            return False
        name = next(a.related_organisation for a in sorted(self.snapshot.rpt_agreements, key=lambda a: a.id)
                    if a.id in ids)
        self.agreements.filter.clear()
        self.payments.filter.clear()
        self.show_choice.setCurrentIndex(0)
        self._org_filter = (key, name)
        self._apply_organisation_filter()
        self.tabs.setCurrentIndex(0)
        return self.agreements.select_where(lambda a: True)

    def clear_organisation_filter(self) -> None:
        if self._org_filter is not None:
            self._org_filter = None
            self._apply_organisation_filter()

    # --- navigation ---------------------------------------------------------------------------

    def go_to(self, kind: str, key: str) -> bool:
        if kind == "rpt":
            return key in self.snapshot.agreement_by_id and self.select_agreement(key)
        if kind == "payment":
            if key not in self._payment_by_id:
                return False
            # A payment with an RPT-07 finding opens where it can be dealt with.
            if any(f.subject.key == key for f in self.possible.model.rows):
                self.tabs.setCurrentIndex(2)
                self.possible.filter.clear()
                return self.possible.select_where(lambda f: f.subject.key == key)
            return self.select_payment(key)
        if kind == "organisation":
            # An RPT-07 organisation opens on its first payment to review; else its agreements.
            paid = [p["payment"] for f in self.session.findings
                    if f.rule == "RPT-07" and (f.subject.kind, f.subject.key) == (kind, key)
                    for p in (f.evidence or {}).get("payments", ())]
            listed = {f.subject.key for f in self.possible.model.rows}
            first = next((pid for pid in paid if pid in listed), None)
            if first is not None:
                self.tabs.setCurrentIndex(2)
                self.possible.filter.clear()
                return self.possible.select_where(lambda f: f.subject.key == first)
            return self.show_organisation(key)
        return False


RELATIONSHIP_PHRASES = frozenset(RELATIONSHIP_WORDS.values())


def _interests(finding) -> list[dict]:
    """The finding's matched interests, one entry per related person (RPT-07 v2 evidence lists
    the people who make each interest related under "related_persons")."""
    out = []
    for interest in (finding.evidence or {}).get("interests", ()):
        for link in interest.get("related_persons") or [{}]:
            out.append({**{k: v for k, v in interest.items() if k != "related_persons"},
                        "governor": link.get("person", ""), "roles": link.get("roles", ()),
                        "relationship": link.get("relationship")})
    for person in (finding.evidence or {}).get("persons", ()):  # RPT-08: the payee by name
        for link in person.get("related_through", ()):
            out.append({"organisation": "", "matched_on": "name", "interest_holder": person["person"],
                        "governor": link.get("person", ""), "roles": link.get("roles", ()),
                        "relationship": link.get("relationship")})
    return out


def payment_findings(findings, *, expand_only: bool = False) -> list:
    """Findings about payments: RPT-07's organisation findings repeated once per payment they list
    (subject kind "payment"), then the findings already about a payment (unless `expand_only`)."""
    out = []
    for f in findings:
        if f.rule == "RPT-07" and f.subject.kind == "organisation":
            for p in (f.evidence or {}).get("payments", ()):
                out.append(replace(f, subject=m.Subject("payment", p["payment"],
                                                        f"Payment {p['payment']} to {p.get('supplier', '')}")))
        elif f.subject.kind == "payment" and not expand_only:
            out.append(f)
    return out


def _iso(text):
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _connection_text(snapshot, interest: dict) -> str:
    """'Priya Raghunathan (trustee)', or for a relative's interest
    'Anjali Raghunathan (local governor), Priya Raghunathan's child'."""
    governor_id = interest.get("governor", "")
    governor = snapshot.person_label(governor_id)
    roles = ", ".join(interest.get("roles", ()))
    text = f"{governor} ({roles})" if roles else governor
    holder_id = interest.get("interest_holder", "")
    if not interest.get("relationship") or holder_id == governor_id:
        return text
    holder = snapshot.person_label(holder_id)
    if interest.get("relationship") in RELATIONSHIP_PHRASES:  # v2 words: what the holder is to them
        return f"{text}, whose {interest['relationship']} is {holder}"
    # A relationship reads "related person is the person's <relationship>": find which way round.
    for rel in snapshot.relationships_by_person.get(holder_id, ()):
        if rel.person_id == holder_id and rel.related_person_id == governor_id:
            return f"{text}, {holder}'s {str(rel.relationship).lower()}"
        if rel.person_id == governor_id and rel.related_person_id == holder_id:
            return f"{text}, whose {str(rel.relationship).lower()} is {holder}"
    return f"{text}, a relative of {holder}"
