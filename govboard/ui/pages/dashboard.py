"""Dashboard: findings counted by severity, the must-fix list and what falls due soon.

Each count opens the Findings page filtered to its severity; a must-fix row or a due item opens
the record it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain import model as m
from ...domain.enums import Role
from ..models import (
    SEVERITIES,
    SEVERITY_COLOURS,
    SEVERITY_MEANING,
    SEVERITY_TEXT_COLOURS,
    SEVERITY_WORDS,
    Column,
    fmt_date,
    rule_column,
)
from ..widgets import Page, TableBox, button, fit_columns, gias_builder, html_text, label, menu_command

DUE_DAYS = 90
DUE_KIND_WORDS = {"term": "Term ends", "declaration": "Declaration", "filing": "Filing",
                  "chair election": "Chair election", "action": "Action"}
_COUNT_ROLES = {"must": "countMust", "should": "countShould", "advice": "countAdvice"}
MUST_HINT = ("Findings required by law, the articles or the Academy Trust Handbook, not acknowledged. "
             "Double-click one to open its record.")


def due_status(item: m.DueItem, as_of) -> str:
    """'In 12 days', 'Due today', 'Overdue by 5 days', 'Overdue by 3 months', 'Overdue since 2016':
    short enough for the column, and a long-missed filing reads as a year, not 3,873 days."""
    days = (item.due_on - as_of).days
    if item.overdue:
        return "Overdue" if days >= 0 else overdue_words(item.due_on, as_of)
    if days == 0:
        return "Due today"
    return f"In {days} day{'s' if days != 1 else ''}"


def overdue_words(due_on, as_of) -> str:
    days = (as_of - due_on).days
    if days < 60:
        return f"Overdue by {days} day{'s' if days != 1 else ''}"
    months = (as_of.year - due_on.year) * 12 + as_of.month - due_on.month - (as_of.day < due_on.day)
    months = max(months, 2)  # 60 days and more: never "1 months"
    if months < 24:
        return f"Overdue by {months} months"
    return f"Overdue since {due_on.year}"


SMALL_TRUST_PEOPLE = 10  # fewer people than this (or no meetings, or no one appointed): a trust still setting up
START_HERE_HIDDEN_KEY = "start_here/hidden"
DONE_COLOUR, TODO_COLOUR = "#2e7d32", "#8a96a3"


@dataclass(frozen=True)
class StartStep:
    """One step of setting up a trust: what it is, when it counts as done, and where it is done."""

    key: str
    title: str
    what: str
    done: Callable[[object], bool]  # snapshot -> bool
    open: str  # a page key, or "settings" / "gias" for those dialogs


def _in_office(snapshot, role: Role) -> bool:
    return any(a.end is None for a in snapshot.appointments_by_role.get(role, ()))


START_STEPS = (
    StartStep("settings", "Trust settings", "the trust's name, company number and model articles",
              lambda s: bool(s.settings.name and s.settings.company_number), "settings"),
    StartStep("academies", "Academies", "each academy, with its local governing body",
              lambda s: bool(s.academies), "lgbs"),
    StartStep("people", "People", "everyone the registers name",
              lambda s: bool(s.people), "people"),
    StartStep("bodies", "Members and board", "appoint the members and trustees; add the committees",
              lambda s: _in_office(s, Role.MEMBER) and _in_office(s, Role.TRUSTEE), "board"),
    StartStep("gias", "GIAS extract", "import it to compare with the registers, or to build them",
              lambda s: s.gias is not None, "gias"),
    StartStep("meetings", "Meetings", "this year's board meetings, held and planned",
              lambda s: bool(s.meetings_by_body.get(m.BOARD_BODY)), "meetings"),
)


def setting_up(snapshot) -> bool:
    """A trust with few records yet: few people, no board meetings or no one appointed."""
    return (len(snapshot.people) < SMALL_TRUST_PEOPLE or not snapshot.meetings_by_body.get(m.BOARD_BODY)
            or not snapshot.appointments)


class StartHere(QFrame):
    """The 'Start here' list a new trust opens on: each step links to its page or dialog and is
    ticked when done; hidden once everything is done (or when the clerk hides it)."""

    def __init__(self, page: DashboardPage):
        super().__init__()
        self.page = page
        self.setObjectName("startHere")
        self.setStyleSheet("QFrame#startHere { background: #eef4fb; border: 1px solid #b9cfe8; border-radius: 4px; }")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 8, 12, 8)
        outer.setSpacing(4)
        head = QHBoxLayout()
        self.title = label("Start here", "sectionTitle")
        head.addWidget(self.title)
        self.progress = label("", "pageHint")
        head.addWidget(self.progress, 1)
        self.hide_btn = button("Hide this list", None, self.hide_for_this_file,
                               "Hide Start here for this trust file (Help > Getting started has the same steps)")
        self.hide_btn.setProperty("role", "link")
        head.addWidget(self.hide_btn)
        outer.addLayout(head)
        outer.addWidget(label("Set the trust up in this order; each step is ticked when it is done.",
                              "pageHint", wrap=True))
        # Three steps to a row, each a link with a line under it saying what it covers: two short
        # rows leave the findings room on a 768-pixel screen, at 1024 pixels wide too.
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        self.marks: dict[str, QLabel] = {}
        self.links: dict[str, QPushButton] = {}
        per_row = 3
        for n, step in enumerate(START_STEPS):
            row, col = divmod(n, per_row)
            mark = QLabel()
            mark.setObjectName(f"mark_{step.key}")
            mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            link = button(f"{n + 1}. {step.title}", None, lambda _=False, s=step: self.open(s), step.what)
            link.setObjectName(f"step_{step.key}")
            link.setProperty("role", "link")
            link.setCursor(Qt.CursorShape.PointingHandCursor)
            what = label(step.what[:1].upper() + step.what[1:] + ".", "pageHint", wrap=True)
            cell = QVBoxLayout()
            cell.setSpacing(0)
            cell.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
            cell.addWidget(what)
            grid.addWidget(mark, row, col * 2, Qt.AlignmentFlag.AlignTop)
            grid.addLayout(cell, row, col * 2 + 1)
            grid.setColumnStretch(col * 2 + 1, 1)
            self.marks[step.key], self.links[step.key] = mark, link
        outer.addLayout(grid)

    def done(self) -> dict[str, bool]:
        snapshot = self.page.snapshot
        return {step.key: bool(step.done(snapshot)) for step in START_STEPS}

    def refresh(self) -> bool:
        """Tick the steps; return whether the list should show."""
        done = self.done()
        for step in START_STEPS:
            finished = done[step.key]
            mark = self.marks[step.key]
            mark.setText("✓" if finished else "○")
            mark.setStyleSheet(f"color: {DONE_COLOUR if finished else TODO_COLOUR}; font-weight: 700;")
            mark.setToolTip("Done" if finished else "To do")
            mark.setAccessibleName("Done" if finished else "To do")
        count = sum(done.values())
        self.progress.setText(f"· {count} of {len(START_STEPS)} done")
        writable = not self.page.session.read_only
        for key in ("settings", "gias"):
            self.links[key].setEnabled(writable or key == "settings")
        return count < len(START_STEPS) and setting_up(self.page.snapshot) and not self.hidden_for_this_file()

    def open(self, step: StartStep) -> None:
        window = self.page.window()
        if step.open == "settings":
            menu_command(self.page, "actionSettings")()
        elif step.open == "gias":
            gias_builder(self.page)()
        elif hasattr(window, "show_page"):
            window.show_page(step.open)

    def _settings_key(self) -> str | None:
        import hashlib

        window = self.page.window()
        if getattr(window, "settings", None) is None:
            return None
        path = str(self.page.session.file.path.resolve())
        return f"{START_HERE_HIDDEN_KEY}/{hashlib.sha1(path.encode('utf-8')).hexdigest()[:16]}"

    def hidden_for_this_file(self) -> bool:
        key = self._settings_key()
        return key is not None and str(self.page.window().settings.value(key, "")).lower() in ("true", "1")

    def hide_for_this_file(self) -> None:
        key = self._settings_key()
        if key is not None:
            self.page.window().settings.setValue(key, True)
        self.hide()


class CountCard(QLabel):
    """A big count for one severity; click (or Enter / Space when focused) to open it."""

    clicked = Signal(str)

    def __init__(self, severity: str):
        super().__init__()
        self.severity = severity
        self.setProperty("role", _COUNT_ROLES[severity])
        self.setObjectName(f"count_{severity}")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setToolTip(f"Show the {SEVERITY_WORDS[severity].lower()} findings")
        self.setAccessibleName(f"{SEVERITY_WORDS[severity]} findings")
        self.count = 0
        self.acknowledged = 0

    def set_counts(self, count: int, acknowledged: int) -> None:
        self.count, self.acknowledged = count, acknowledged
        word = SEVERITY_WORDS[self.severity]
        ack = (f"+{acknowledged} acknowledged" if acknowledged else "&nbsp;")
        self.setText(
            f"<div style='font-size:26pt;font-weight:600;color:{SEVERITY_TEXT_COLOURS[self.severity]}'>{count}</div>"
            f"<div style='font-size:11pt;font-weight:600;color:#1d2b3a'>{word}</div>"
            f"<div style='color:#3d4a57'>{html_text(SEVERITY_MEANING[self.severity])}</div>"
            f"<div style='color:#51606f'>{ack}</div>"
        )
        self.setAccessibleDescription(f"{count} {word.lower()} findings, {acknowledged} acknowledged")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.severity)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.severity)
            return
        super().keyPressEvent(event)


class DashboardPage(Page):
    key, title, icon_name = "dashboard", "Dashboard", "dashboard"

    def __init__(self, session, parent=None):
        super().__init__(session, parent)
        self.subtitle = label("", "pageHint", wrap=True)
        self.body.addWidget(self.subtitle)
        self.body.addSpacing(6)
        # Built only for a trust still setting up: an established trust's start-up does without it.
        self.start_here: StartHere | None = None
        self._start_here_at = self.body.count()

        cards = QHBoxLayout()
        cards.setSpacing(12)
        self.cards: dict[str, CountCard] = {}
        for sev in SEVERITIES:
            card = CountCard(sev)
            card.clicked.connect(self.open_findings)
            self.cards[sev] = card
            cards.addWidget(card, 1)
        self.body.addLayout(cards)
        self.body.addSpacing(10)

        lists = QVBoxLayout()
        lists.setSpacing(2)
        self.must_title = label("Must fix", "sectionTitle")
        self.must_hint = label(MUST_HINT, "pageHint", wrap=True)
        self.must_table = TableBox([
            rule_column(),
            Column("About", lambda f: f.subject.label or f.subject.key),
            Column("Finding", lambda f: f.message, tooltip=lambda f: f.message),
        ])
        fit_columns(self.must_table, stretch=2, widest={1: 260})
        self.must_table.filter.hide()
        self.must_table.model.row_colour = lambda f: SEVERITY_COLOURS["must"]
        self.must_table.activated.connect(self._open_finding)
        self.must_empty = label("", "note", wrap=True)
        self.must_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.due_title = label("Falls due soon", "sectionTitle")
        self.due_hint = label(f"Terms ending, declarations of interests and filings due in the next "
                              f"{DUE_DAYS} days, and anything overdue, actions from meetings included. "
                              "Double-click one to open it.",
                              "pageHint", wrap=True)
        self.due_table = TableBox([
            Column("Due", lambda i: i.due_on),
            Column("What", lambda i: DUE_KIND_WORDS.get(i.kind, i.kind.capitalize())),
            Column("When", lambda i: due_status(i, self.session.as_of)),
            Column("Details", lambda i: i.description, tooltip=lambda i: i.description),
        ])
        fit_columns(self.due_table, stretch=3)
        self.due_table.filter.hide()
        self.due_table.model.row_colour = lambda i: SEVERITY_COLOURS["must"] if i.overdue else None
        self.due_table.activated.connect(self._open_due)
        self.due_empty = label("", "note", wrap=True)
        self.due_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.lists = lists
        self.holders: dict[str, tuple[QWidget, int]] = {}
        for n, (key, title, hint, table, empty, stretch) in enumerate((
            ("must", self.must_title, self.must_hint, self.must_table, self.must_empty, 3),
            ("due", self.due_title, self.due_hint, self.due_table, self.due_empty, 2),
        )):
            if n:
                lists.addSpacing(12)
            lists.addWidget(title)
            lists.addWidget(hint)
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 4, 0, 0)
            holder_layout.addWidget(table, 1)
            holder_layout.addWidget(empty, 1)
            lists.addWidget(holder, stretch)
            self.holders[key] = (holder, stretch)
        lists.addStretch(0)  # takes the room a list with nothing in it leaves
        self.body.addLayout(lists, 1)

        self.silent_note = label("", "pageHint", wrap=True)
        self.body.addWidget(self.silent_note)

    # --- data ------------------------------------------------------------------------------

    @property
    def result(self):
        return self.session.result

    def counts(self) -> dict[str, tuple[int, int]]:
        """severity -> (unacknowledged, acknowledged)."""
        out = {sev: [0, 0] for sev in SEVERITIES}
        for f in (self.result.findings if self.result else []):
            out[f.severity.value][1 if f.acknowledged else 0] += 1
        return {sev: (a, b) for sev, (a, b) in out.items()}

    def refresh(self) -> None:
        as_of = self.session.as_of
        name = self.snapshot.settings.name or self.session.file.path.stem
        result = self.result
        self._show_start_here()
        if result is None:
            self.subtitle.setText(f"{name} · as at {fmt_date(as_of)} · the governance checks are not "
                                  "available in this build.")
            for card in self.cards.values():
                card.set_counts(0, 0)
            self._fill_must([])
            self._fill_due([])
            self.silent_note.setText("")
            return
        total = len(result.findings)
        open_count = sum(1 for f in result.findings if not f.acknowledged)
        summary = (f"{open_count} finding{'s' if open_count != 1 else ''} to look at"
                   if open_count else "no findings to look at")
        self.subtitle.setText(f"{name} · as at {fmt_date(as_of)} · {summary}"
                              + (f" ({total - open_count} acknowledged)" if total != open_count else ""))
        for sev, (count, acknowledged) in self.counts().items():
            self.cards[sev].set_counts(count, acknowledged)
        self._fill_must([f for f in result.findings if f.severity.value == "must" and not f.acknowledged])
        self._fill_due(self._due_items())
        silent = result.silent
        if silent:
            titles = {f.rule: f.title for f in result.findings}
            titles.update(self._rule_titles())
            ids = "; ".join(f"{titles[rule_id]} ({rule_id})" if rule_id in titles else rule_id
                            for rule_id, _ in silent)
            self.silent_note.setText(
                f"{len(silent)} rule{'s' if len(silent) != 1 else ''} could not run for lack of data "
                f"({ids}); the Findings page says why.")
        else:
            self.silent_note.setText("")

    def _rule_titles(self) -> dict[str, str]:
        try:
            from ...rules import catalogue
        except ImportError:
            return {}
        return {info.id: info.title for info in catalogue()}

    def _due_items(self) -> list[m.DueItem]:
        try:
            from ...rules import due_soon
        except ImportError:
            return []
        return due_soon(self.snapshot, self.session.as_of, DUE_DAYS)

    def _fill_must(self, findings: list[m.Finding]) -> None:
        self.must_title.setText(f"Must fix ({len(findings)})" if findings else "Must fix")
        if self.start_here is not None and self.start_here.isVisibleTo(self):
            # A new trust: the musts are mostly what is not recorded yet, which Start here covers.
            self.must_hint.setText("A new trust starts with these: most are things not recorded yet, and go as "
                                   "you work through Start here. Double-click one to open its record.")
        else:
            self.must_hint.setText(MUST_HINT)
        self.must_table.set_rows(findings, keep=lambda f: f.identity)
        fit_columns(self.must_table, stretch=2, widest={1: 260})
        self.must_table.setVisible(bool(findings))
        self.must_empty.setVisible(not findings)
        self._give_room("must", bool(findings))
        self.must_empty.setText(
            "Nothing must be fixed: no unacknowledged finding is required by law, the articles or "
            f"the Handbook as at {fmt_date(self.session.as_of)}.")

    def _fill_due(self, items: list[m.DueItem]) -> None:
        self.due_title.setText(f"Falls due soon ({len(items)})" if items else "Falls due soon")
        self.due_table.set_rows(items)
        fit_columns(self.due_table, stretch=3)
        self.due_table.setVisible(bool(items))
        self.due_empty.setVisible(not items)
        self._give_room("due", bool(items))
        self.due_empty.setText(f"Nothing falls due in the next {DUE_DAYS} days, and nothing is overdue.")

    def _show_start_here(self) -> None:
        if self.start_here is None:
            if not setting_up(self.snapshot):
                return
            self.start_here = StartHere(self)
            self.body.insertWidget(self._start_here_at, self.start_here)
            self.body.insertSpacing(self._start_here_at + 1, 6)
        self.start_here.setVisible(self.start_here.refresh())

    def _give_room(self, key: str, has_rows: bool) -> None:
        """A list with rows takes its share of the height; an empty one keeps to its sentence."""
        holder, stretch = self.holders[key]
        self.lists.setStretchFactor(holder, stretch if has_rows else 0)
        self.lists.setStretch(self.lists.count() - 1, 0 if any(
            self.lists.stretch(self.lists.indexOf(h)) for h, _ in self.holders.values()) else 1)

    # --- navigation ------------------------------------------------------------------------

    def open_findings(self, severity: str | None) -> None:
        window = self.window()
        page = getattr(window, "pages", {}).get("findings")
        if page is None:
            return
        window.show_page("findings")
        page.show_severity(severity)

    # The navigation helpers live with the Findings page, imported on first click: the
    # dashboard is the first page shown, and that module (with the dialogs it brings) is not
    # needed to draw it.

    def _open_finding(self, finding: m.Finding | None) -> None:
        from .findings import go_to_subject

        if finding is not None:
            go_to_subject(self, finding.subject, finding)

    def _open_due(self, item: m.DueItem | None) -> None:
        from .findings import go_to_subject, open_appointment, open_declarations

        if item is None:
            return
        # A declaration is recorded on the Interests page and a term renewed on the appointment:
        # open those rather than the person's People entry.
        window = self.window()
        person_id = item.subject.key if item.subject.kind == "person" else None
        if person_id and hasattr(window, "pages"):
            if item.kind == "declaration" and open_declarations(window, person_id):
                return
            if item.kind == "term":
                ending = [a for a in self.snapshot.appointments_by_person.get(person_id, ())
                          if a.term_end == item.due_on and a.end is None]
                if ending and open_appointment(window, ending[0]):
                    return
        go_to_subject(self, item.subject)
