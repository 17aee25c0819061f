"""Findings: every finding of the governance checks, with its rule, evidence, citation and
remedy; go to the record it is about; acknowledge it (with a reason) or withdraw that.

Acknowledgements are `Acknowledgement` records written through the session, so they are
undoable, logged in History and travel in the trust file. The rulebook: a `should` or `advice`
finding may be acknowledged with a reason and an optional expiry date; a `must` finding only with
a reason (no expiry) and it stays in every report.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ... import clock
from ...domain import model as m
from ...store import Delete, Insert, Update
from ..dialogs import FieldSpec, RecordDialog, confirm
from ..models import (
    SEVERITIES,
    SEVERITY_COLOURS,
    SEVERITY_WORDS,
    Column,
    fmt_date,
    readable_key,
    rule_column,
    rule_words,
)
from ..widgets import Page, TableBox, button, label

_RANK_WORDS = {0: "Must", 1: "Should", 2: "Advice"}


def severity_word(severity) -> str:
    """'Must' / 'Should' / 'Advice' for a Severity or its value."""
    value = getattr(severity, "value", severity)
    return SEVERITY_WORDS.get(str(value), str(value).capitalize())


def rule_catalogue() -> dict[str, m.RuleInfo]:
    """RuleInfo by rule ID, or {} when the rules engine is not available."""
    try:
        from ...rules import catalogue
    except ImportError:
        return {}
    return {info.id: info for info in catalogue()}


ACKNOWLEDGER_KEY = "findings/acknowledged_by"


def _settings_of(widget):
    """The main window's settings (a test's own INI file), else the application's."""
    settings = getattr(widget.window(), "settings", None)
    if settings is None:
        from PySide6.QtCore import QSettings

        settings = QSettings()
    return settings


def spelt_out_citation(citation: str) -> str:
    """'MA 2021' as 'DfE model articles (2021)': the abbreviations mean nothing to most readers."""
    try:
        from ...rules.citations import spelt_out
    except ImportError:
        return citation
    return spelt_out(citation)


def default_acknowledger(widget) -> str:
    """The name typed in the last acknowledgement on this computer, or blank: never the computer's
    login name, which on a shared school laptop is rarely the name a board minute records."""
    return str(_settings_of(widget).value(ACKNOWLEDGER_KEY, "") or "")


def remember_acknowledger(widget, name: str | None) -> None:
    if name:
        _settings_of(widget).setValue(ACKNOWLEDGER_KEY, name)


def acknowledgement_text(finding: m.Finding) -> str:
    """The table's marker: 'Yes', or 'Until 31/03/2027' when it expires; blank when not."""
    ack = finding.acknowledgement if finding.acknowledged else None
    if ack is None:
        return ""
    return f"Until {fmt_date(ack.expires_on)}" if ack.expires_on else "Yes"


# --- evidence as readable lines ----------------------------------------------------------------

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Evidence keys whose plain reading misleads or reads as code.
EVIDENCE_KEYS = {"interest_holder": "Interest held by"}


def evidence_key(key: str) -> str:
    return EVIDENCE_KEYS.get(key) or readable_key(key)


def readable_value(value, snapshot=None) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            try:
                return fmt_date(date.fromisoformat(value))
            except ValueError:
                return value
        if snapshot is not None and value in snapshot.person_by_id:
            return f"{snapshot.person_label(value)} ({value})"
        return value
    if isinstance(value, dict):
        return "; ".join(f"{evidence_key(k)}: {readable_value(v, snapshot)}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(readable_value(v, snapshot) for v in value) or "(none)"
    return str(getattr(value, "value", value))


def evidence_lines(evidence: dict, snapshot=None) -> list[tuple[int, str]]:
    """(indent, text) lines: 'Key: value', with lists of records one per indented line."""
    lines: list[tuple[int, str]] = []
    for key, value in (evidence or {}).items():
        if isinstance(value, (list, tuple)) and any(isinstance(v, dict) for v in value):
            lines.append((0, f"{evidence_key(key)}:"))
            lines.extend((1, readable_value(v, snapshot)) for v in value)
        elif isinstance(value, dict) and value:
            lines.append((0, f"{evidence_key(key)}:"))
            lines.extend((1, f"{evidence_key(k)}: {readable_value(v, snapshot)}") for k, v in value.items())
        else:
            lines.append((0, f"{evidence_key(key)}: {readable_value(value, snapshot)}"))
    return lines


# --- going to a finding's record ---------------------------------------------------------------


def go_to_subject(page: Page, subject: m.Subject, finding: m.Finding | None = None) -> bool:
    """Open the page holding `subject` in the main window and select it.

    When no page holds that kind of record yet, show the finding on the Findings page instead
    (or stay put) and say so in the status bar.
    """
    window = page.window()
    if not hasattr(window, "go_to"):
        return False
    if finding is not None and _go_to_where_it_is_put_right(window, finding):
        return True
    if window.go_to(subject.kind, subject.key):
        return True
    findings_page = window.pages.get("findings") if hasattr(window, "pages") else None
    if finding is not None and isinstance(findings_page, FindingsPage):
        window.show_page("findings")
        findings_page.select_finding(finding.identity)
    else:
        window.show_page(page.key)
    window.statusBar().showMessage(
        f"{subject.label or subject.key} is not on any page of this version yet; the finding's "
        "evidence says what to look at.", 15000)
    return False


# A finding about a person is put right on the page holding the record at fault: the declaration
# (Interests), the appointment and its filing dates (Members, Board, LGB), the check (People's
# Checks tab). Rules not listed open the person on the People page.
INTERESTS_RULES = ("ROI-",)
CHECKS_RULES = ("DBS-", "CHR-04")
APPOINTMENT_RULES = ("GIAS-01", "CH-01", "TRU-04", "TRU-05", "MEM-03", "MEM-05")


def _go_to_where_it_is_put_right(window, finding: m.Finding) -> bool:
    subject = finding.subject
    if subject.kind != "person" or not hasattr(window, "pages"):
        return False
    rule = finding.rule
    if rule.startswith(INTERESTS_RULES):
        return open_declarations(window, subject.key)
    if rule.startswith(CHECKS_RULES):
        people = window.show_page("people") if "people" in window.pages else None
        if people is None or not people.go_to("person", subject.key):
            return False
        people.tabs.setCurrentWidget(people.checks_tab)
        return True
    if rule.startswith(APPOINTMENT_RULES):
        appointment = appointment_in_evidence(window.session.snapshot, finding)
        return appointment is not None and open_appointment(window, appointment)
    return False


def _open_on(window, page_key: str, person_id: str) -> bool:
    page = window.show_page(page_key) if page_key in window.pages else None
    return page is not None and page.go_to("person", person_id)


def open_declarations(window, person_id: str) -> bool:
    """The person on the Interests page, where a declaration is recorded."""
    return _open_on(window, "interests", person_id)


def open_appointment(window, appointment: m.Appointment) -> bool:
    """The appointment selected on the Members, Board or LGB page, past ones shown if need be."""
    page_key = appointment_page_key(window.session.snapshot, appointment.body)
    page = window.show_page(page_key) if page_key in window.pages else None
    if page is None or not page.go_to("body", appointment.body):
        return False
    if not page.table.select_where(lambda a: a.id == appointment.id):
        page.show_past.setChecked(True)
        return page.table.select_where(lambda a: a.id == appointment.id)
    return True


def appointment_page_key(snapshot, body_name: str) -> str:
    body = snapshot.body_by_name.get(body_name)
    if body_name == m.MEMBERS_BODY:
        return "members"
    if body is not None and str(body.type.value) == "Local governing body":
        return "lgbs"
    return "board"


def appointment_in_evidence(snapshot, finding: m.Finding) -> m.Appointment | None:
    """The person's appointment a finding's evidence names (by body, role and start, or by a
    filing event's role and date); for MEM-03/05 the person's membership."""
    held = list(snapshot.appointments_by_person.get(finding.subject.key, ()))
    if finding.rule.startswith("MEM-"):
        return next((a for a in held if a.body == m.MEMBERS_BODY), None)
    evidence = finding.evidence or {}
    for item in evidence.get("appointments", ()):
        for a in held:
            if (a.body == item.get("body") and str(a.role) == item.get("role")
                    and fmt_iso(a.start) == item.get("start")):
                return a
    for event in evidence.get("events", ()):
        when, role_text = event.get("date"), str(event.get("role", "")).casefold()
        on_date = [a for a in held
                   if fmt_iso(a.end if event.get("event") == "end" else a.start) == when]
        named = [a for a in on_date if str(a.role).casefold() in role_text]
        if named or on_date:
            return (named or on_date)[0]
    return None


def fmt_iso(value) -> str | None:
    return value.isoformat() if value is not None else None


# --- the page ------------------------------------------------------------------------------


class FindingsPage(Page):
    key, title, icon_name = "findings", "Findings", "findings"
    hint = ("Every finding of the governance checks. Select one to see why it fires, the evidence, "
            "the source and what to do; acknowledge a finding the board has decided on.")

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.rules = rule_catalogue()

        # Filters: severity, area, rule (the table has its own type-to-filter box).
        filters = QHBoxLayout()
        self.severity_choice = QComboBox()
        self.severity_choice.setAccessibleName("Severity")
        self.severity_choice.addItem("All severities", None)
        for sev in SEVERITIES:
            self.severity_choice.addItem(SEVERITY_WORDS[sev], sev)
        self.area_choice = QComboBox()
        self.area_choice.setAccessibleName("Area")
        self.area_choice.setMinimumContentsLength(16)
        self.area_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.area_choice.addItem("All areas", None)
        for area in sorted({info.area for info in self.rules.values()}):
            self.area_choice.addItem(area, area)
        self.rule_choice = QComboBox()
        self.rule_choice.setAccessibleName("Rule")
        self.rule_choice.setMinimumContentsLength(22)
        self.rule_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._fill_rule_choice()
        for text, combo in (("Severity", self.severity_choice), ("Area", self.area_choice),
                            ("Rule", self.rule_choice)):
            caption = QLabel(text)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo)
            filters.addSpacing(8)
        filters.addStretch(1)
        self.body.addLayout(filters)
        self.summary = label("", "pageHint")
        self.header_actions.addWidget(self.summary)
        self.severity_choice.currentIndexChanged.connect(lambda _: self._apply_filters())
        self.area_choice.currentIndexChanged.connect(lambda _: self._area_changed())
        self.rule_choice.currentIndexChanged.connect(lambda _: self._apply_filters())
        self.rule_choice.currentIndexChanged.connect(lambda _: self._update_why())

        actions = QHBoxLayout()
        self.go_btn = button("Go to record", None, self.go_to_record, "Open the record this finding is about")
        self.ack_btn = button("Acknowledge…", "edit", self.acknowledge,
                              "Record that the board has considered this finding, and why")
        self.edit_ack_btn = button("Edit acknowledgement…", "edit", self.edit_acknowledgement)
        self.withdraw_btn = button("Withdraw acknowledgement…", "end", self.withdraw_acknowledgement)
        self.why_btn = button("Why?…", None, self.explain,
                              "What the rule read, and why it fired or stayed silent for each person "
                              "or record it weighed")
        for b in (self.go_btn, self.ack_btn, self.edit_ack_btn, self.withdraw_btn, self.why_btn):
            actions.addWidget(b)
        actions.addStretch(1)
        self.body.addLayout(actions)

        # Table above, detail below: the message column gets the window's width.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        self.table = TableBox([
            Column("Severity", lambda f: f.severity.rank, display=lambda r: _RANK_WORDS.get(r, str(r))),
            rule_column(),
            Column("About", lambda f: f.subject.label or f.subject.key,
                   tooltip=lambda f: f"{f.subject.kind}: {f.subject.key}"),
            Column("Finding", lambda f: f.message, tooltip=lambda f: f.message),
            Column("Acknowledged", acknowledgement_text,
                   tooltip=lambda f: f.acknowledgement.reason if f.acknowledged and f.acknowledgement else ""),
        ], filter_hint="Type to filter findings by rule, name or words in the message…",
            stretch=(3,), widest={2: 240})  # the message takes the room; the others give way first
        self.table.model.row_colour = lambda f: SEVERITY_COLOURS.get(f.severity.value)
        self.table.view.setSortingEnabled(True)
        self.table.selection_changed.connect(self._show_finding)
        self.table.activated.connect(lambda _: self.go_to_record())
        splitter.addWidget(self.table)

        self.detail = QTextBrowser()
        self.detail.setObjectName("findingDetail")
        self.detail.setAccessibleName("Finding details")
        self.detail.setOpenLinks(False)
        self.detail.setMinimumHeight(160)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([330, 270])
        self.body.addWidget(splitter, 1)

        # Rules that could not run for lack of data, in a note that opens on request.
        silent_box = QWidget()
        silent_layout = QVBoxLayout(silent_box)
        silent_layout.setContentsMargins(0, 4, 0, 0)
        silent_layout.setSpacing(2)
        self.silent_toggle = QToolButton()
        self.silent_toggle.setObjectName("silentToggle")
        self.silent_toggle.setCheckable(True)
        self.silent_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.silent_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.silent_toggle.setAutoRaise(True)
        self.silent_toggle.toggled.connect(self._toggle_silent)
        self.silent_text = label("", "note", wrap=True)
        self.silent_text.setTextFormat(Qt.TextFormat.RichText)
        self.silent_text.setVisible(False)
        silent_layout.addWidget(self.silent_toggle)
        silent_layout.addWidget(self.silent_text)
        self.body.addWidget(silent_box)
        self._show_finding(None)

    # --- data ------------------------------------------------------------------------------

    @property
    def result(self):
        return self.session.result

    def refresh(self) -> None:
        result = self.result
        findings = list(result.findings) if result else []
        self.table.set_rows(findings, keep=lambda f: f.identity)
        self._update_summary()
        self._update_silent()
        self._select_something()

    def _update_summary(self) -> None:
        result = self.result
        if result is None:
            self.summary.setText("The governance checks are not available.")
            return
        total = len(result.findings)
        shown = self.table.proxy.rowCount()
        acknowledged = sum(1 for f in result.findings if f.acknowledged)
        text = f"As at {fmt_date(result.as_of)}: "
        text += f"{shown} of {total} findings shown" if shown != total else f"{total} finding{'s' if total != 1 else ''}"
        if acknowledged:
            text += f" ({acknowledged} acknowledged)"
        text += f" · citing the Academy Trust Handbook {result.handbook_edition}"
        self.summary.setText(text)

    def _update_silent(self) -> None:
        silent = list(self.result.silent) if self.result else []
        n = len(silent)
        self.silent_toggle.setVisible(bool(silent))
        self.silent_toggle.setText(
            f"{n} rule{'s' if n != 1 else ''} could not run for lack of data" if n else "")
        items = []
        for rule_id, reason in silent:
            info = self.rules.get(rule_id)
            title = f"{html.escape(info.title)} ({html.escape(rule_id)})" if info else html.escape(rule_id)
            items.append(f"<li><b>{title}</b>: {html.escape(reason)}</li>")
        self.silent_text.setText(f"<ul style='margin:0'>{''.join(items)}</ul>" if items else "")
        if not silent:
            self.silent_toggle.setChecked(False)

    def _toggle_silent(self, shown: bool) -> None:
        self.silent_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.silent_text.setVisible(shown)

    # --- filters ---------------------------------------------------------------------------

    def _fill_rule_choice(self) -> None:
        area = self.area_choice.currentData()
        current = self.rule_choice.currentData()
        self.rule_choice.blockSignals(True)
        self.rule_choice.clear()
        self.rule_choice.addItem("All rules", None)
        for rule_id, info in sorted(self.rules.items()):
            if area is None or info.area == area:
                self.rule_choice.addItem(f"{rule_id}  {info.title}", rule_id)
                self.rule_choice.setItemData(self.rule_choice.count() - 1, info.title, Qt.ItemDataRole.ToolTipRole)
        index = self.rule_choice.findData(current) if current is not None else 0
        self.rule_choice.setCurrentIndex(max(index, 0))
        self.rule_choice.blockSignals(False)

    def _area_changed(self) -> None:
        self._fill_rule_choice()
        self._apply_filters()

    def _apply_filters(self) -> None:
        severity = self.severity_choice.currentData()
        area = self.area_choice.currentData()
        rule_id = self.rule_choice.currentData()
        rules = self.rules

        def keep(f: m.Finding) -> bool:
            if severity is not None and f.severity.value != severity:
                return False
            if rule_id is not None and f.rule != rule_id:
                return False
            if area is not None:
                info = rules.get(f.rule)
                if info is None or info.area != area:
                    return False
            return True

        filtered = severity is not None or area is not None or rule_id is not None
        self.table.proxy.set_extra_filter(keep if filtered else None)
        self._update_summary()
        self._select_something()

    def _select_something(self) -> None:
        """Keep the detail pane useful: when nothing is selected, select the first finding shown."""
        if self.table.current() is None and self.table.proxy.rowCount():
            self.table.select_where(lambda f: True)
        self._show_finding(self.table.current())

    def show_severity(self, severity: str | None) -> None:
        """Show only findings of one severity (None: all), clearing the other filters."""
        self.area_choice.setCurrentIndex(0)
        self.rule_choice.setCurrentIndex(0)
        self.table.filter.clear()
        index = self.severity_choice.findData(severity) if severity else 0
        self.severity_choice.setCurrentIndex(max(index, 0))
        self._apply_filters()

    def select_finding(self, identity: tuple[str, str, str]) -> bool:
        if self.table.select_where(lambda f: f.identity == identity):
            return True
        self.show_severity(None)
        return self.table.select_where(lambda f: f.identity == identity)

    def visible_findings(self) -> list[m.Finding]:
        return self.table.visible_objects()

    # --- the detail pane -------------------------------------------------------------------

    def _show_finding(self, finding: m.Finding | None) -> None:
        writable = self.session is not None and not self.session.read_only
        self.go_btn.setEnabled(finding is not None)
        acknowledged = finding is not None and finding.acknowledged
        self.ack_btn.setEnabled(writable and finding is not None and not acknowledged)
        self.edit_ack_btn.setEnabled(writable and acknowledged)
        self.withdraw_btn.setEnabled(writable and acknowledged)
        self._update_why()
        self.detail.setHtml(self._detail_html(finding))

    def _detail_html(self, finding: m.Finding | None) -> str:
        esc = html.escape
        if self.result is None:
            return "<p style='color:#51606f'>The governance checks are not available in this build.</p>"
        if finding is None:
            if not self.result.findings:
                return ("<h3>No findings</h3><p style='color:#51606f'>Every check passes as at "
                        f"{fmt_date(self.result.as_of)}.</p>")
            return ("<p style='color:#51606f'>Select a finding to see why it fires, the evidence, "
                    "the source and what to do.</p>")
        info = self.rules.get(finding.rule)
        colour = {"must": "#9b1c1c", "should": "#8a5a00", "advice": "#1f4e79"}.get(finding.severity.value, "#333")
        left = [
            f"<p style='margin:0'><span style='color:{colour};font-weight:600'>"
            f"{esc(severity_word(finding.severity))}</span>"
            f" <span style='color:#51606f'>· {esc(finding.rule)}"
            f"{' · ' + esc(info.area) if info else ''}</span></p>",
            f"<h3 style='margin-top:4px'>{esc(finding.title)}</h3>",
            f"<p>{esc(finding.message)}</p>",
            f"<p style='color:#51606f'>About: {esc(_about(finding.subject))}</p>",
        ]
        if finding.remedy:
            left.append(_section("What to do", f"<p>{esc(finding.remedy)}</p>"))
        if info and info.explanation:
            left.append(_section("When it fires", f"<p>{esc(info.explanation)}</p>"))
        right = []
        lines = evidence_lines(finding.evidence, self.snapshot)
        if lines:
            rows = "".join(
                f"<div style='margin-left:{16 * indent}px'>{'• ' if indent else ''}{esc(text)}</div>"
                for indent, text in lines
            )
            right.append(_section("Evidence", rows, first=True))
        if finding.citation:
            right.append(_section("Source", f"<p>{esc(spelt_out_citation(finding.citation))}</p>",
                                  first=not right))
        right.append(_section("Acknowledgement", self._acknowledgement_html(finding), first=not right))
        # Two columns: what and why on the left, the facts and the acknowledgement on the right.
        return ("<table width='100%' cellspacing='0' cellpadding='0'><tr>"
                f"<td width='56%' valign='top' style='padding-right:18px'>{''.join(left)}</td>"
                f"<td width='44%' valign='top'>{''.join(right)}</td></tr></table>")

    def _acknowledgement_html(self, finding: m.Finding) -> str:
        esc = html.escape
        ack = finding.acknowledgement if finding.acknowledged else None
        if ack is None:
            stored = self.snapshot.acknowledgement_by_subject.get(finding.identity)
            if stored is not None and stored.expires_on is not None:
                return (f"<p>Not acknowledged: the acknowledgement by {esc(stored.acknowledged_by or 'someone')} "
                        f"expired on {fmt_date(stored.expires_on)} (“{esc(stored.reason)}”).</p>")
            if finding.severity.value == "must":
                return ("<p>Not acknowledged. A must finding can be acknowledged with a reason only; "
                        "it stays in every report until the record is put right.</p>")
            return "<p>Not acknowledged.</p>"
        rows = [("Reason", ack.reason), ("By", ack.acknowledged_by or "(not recorded)"),
                ("On", fmt_date(ack.acknowledged_on) or "(not recorded)"),
                ("Expires", fmt_date(ack.expires_on) if ack.expires_on else "No expiry")]
        out = "".join(f"<div><b>{esc(k)}:</b> {esc(v)}</div>" for k, v in rows)
        if finding.severity.value == "must":
            out += "<p style='color:#51606f'>A must finding stays in every report while it lasts.</p>"
        return out

    # --- actions ---------------------------------------------------------------------------

    def current(self) -> m.Finding | None:
        return self.table.current()

    def _why_rule(self) -> str | None:
        """The rule "Why?" explains: the selected finding's, else the one chosen in the filter."""
        finding = self.current()
        return finding.rule if finding is not None else self.rule_choice.currentData()

    def _update_why(self) -> None:
        rule_id = self._why_rule()
        self.why_btn.setEnabled(self.session is not None and self.result is not None and rule_id is not None)
        self.why_btn.setText(f"Why? ({rule_id})…" if rule_id else "Why?…")
        info = self.rules.get(rule_id) if rule_id else None
        # The button has room for the code only: its title is a hover away.
        self.why_btn.setToolTip(f"Why “{info.title}” ({rule_id}) fired or stayed silent for each person or "
                                "record it weighed" if info else "What the rule read, and why it fired or "
                                "stayed silent for each person or record it weighed")

    def explain(self):
        """Show what the rule read and why it fired or stayed silent, the selected finding first."""
        rule_id = self._why_rule()
        if rule_id is None or self.session is None:
            return None
        from ..explain_dialog import ExplainDialog

        finding = self.current()
        focus = (finding.subject.kind, finding.subject.key) if finding is not None else None
        dialog = ExplainDialog(self, self.session, rule_id, focus)
        dialog.open()
        self._explain_dialog = dialog  # kept while open
        return dialog

    def go_to_record(self) -> None:
        finding = self.current()
        if finding is not None:
            go_to_subject(self, finding.subject, finding)

    def _ack_specs(self, finding: m.Finding) -> list[FieldSpec]:
        specs = [
            FieldSpec("reason", "Reason", "longtext", required=True),
            FieldSpec("acknowledged_by", "Acknowledged by", required=True, hint="your name",
                      missing="Enter the name of the person acknowledging it"),
        ]
        if finding.severity.value != "must":
            specs.append(FieldSpec("expires_on", "Expires on", "date", hint="dd/mm/yyyy, or blank for no expiry"))
        return specs

    def _check_ack(self, ack: m.Acknowledgement) -> list[str]:
        if ack.expires_on is not None:
            if ack.acknowledged_on is not None and ack.expires_on < ack.acknowledged_on:
                return [f"Expires on: {fmt_date(ack.expires_on)} is before the acknowledgement "
                        f"({fmt_date(ack.acknowledged_on)})"]
            if ack.expires_on < self.session.as_of:
                return [f"Expires on: {fmt_date(ack.expires_on)} is before the checks' date "
                        f"({fmt_date(self.session.as_of)}), so the acknowledgement would have no effect"]
        return []

    def _ask_acknowledgement(self, finding: m.Finding, current: m.Acknowledgement | None,
                             title: str) -> m.Acknowledgement | None:
        specs = self._ack_specs(finding)
        if current is not None:
            initial = {s.name: getattr(current, s.name) for s in specs}
        else:
            initial = {"acknowledged_by": default_acknowledger(self) or None}
        must = finding.severity.value == "must"

        def make(values: dict) -> m.Acknowledgement:
            base = current or m.Acknowledgement(
                rule=finding.rule, subject_kind=finding.subject.kind, subject_key=finding.subject.key,
                reason="", acknowledged_on=clock.today())
            values = dict(values)
            if must:
                values["expires_on"] = None  # rulebook: a must finding is acknowledged with a reason only
            return replace(base, **values)

        record = RecordDialog.ask(self, title, specs, initial, make, self._check_ack)
        if record is not None:
            remember_acknowledger(self, record.acknowledged_by)
        return record

    def acknowledge(self) -> None:
        finding = self.current()
        if finding is None or finding.acknowledged or self.session.read_only:
            return
        # An earlier acknowledgement that has expired is renewed, not duplicated.
        stored = self.snapshot.acknowledgement_by_subject.get(finding.identity)
        title = f"Acknowledge {rule_words(finding)}: {finding.subject.label or finding.subject.key}"
        if finding.severity.value == "must":
            title += " (must: reason only)"
        record = self._ask_acknowledgement(finding, None, title)
        if record is None:
            return
        who = finding.subject.label or finding.subject.key
        if stored is not None:
            record = replace(record, id=stored.id)
            self.session.apply([Update(stored, record)], f"Acknowledge {finding.rule} ({who})")
        else:
            self.session.apply([Insert(record)], f"Acknowledge {finding.rule} ({who})")
        self.select_finding(finding.identity)

    def edit_acknowledgement(self) -> None:
        finding = self.current()
        if finding is None or not finding.acknowledged or self.session.read_only:
            return
        current = finding.acknowledgement
        record = self._ask_acknowledgement(
            finding, current,
            f"Edit acknowledgement of {rule_words(finding)}: {finding.subject.label or finding.subject.key}")
        if record is None or record == current:
            return
        who = finding.subject.label or finding.subject.key
        self.session.apply([Update(current, record)], f"Edit acknowledgement of {finding.rule} ({who})")
        self.select_finding(finding.identity)

    def withdraw_acknowledgement(self) -> None:
        finding = self.current()
        if finding is None or not finding.acknowledged or self.session.read_only:
            return
        who = finding.subject.label or finding.subject.key
        if not confirm(
            self, "Withdraw acknowledgement",
            f"Withdraw the acknowledgement of {rule_words(finding)} for {who}?\n\n"
            "The finding will count again. You can undo this (Edit > Undo)."):
            return
        self.session.apply([Delete(finding.acknowledgement)], f"Withdraw acknowledgement of {finding.rule} ({who})")
        self.select_finding(finding.identity)


def _about(subject: m.Subject) -> str:
    """'Graham Whitlock (person P010)'; 'Board (body)' when the label is the key."""
    kind = subject.kind.replace("_", " ")
    if not subject.label or subject.label == subject.key:
        return f"{subject.key} ({kind})"
    return f"{subject.label} ({kind} {subject.key})"


def _section(heading: str, body: str, *, first: bool = False) -> str:
    return (f"<p style='margin-top:{0 if first else 10}px;margin-bottom:2px;color:#1d2b3a;font-weight:600'>"
            f"{html.escape(heading)}</p>{body}")
