"""Help menu windows: Getting started, Keyboard shortcuts and the rules govboard checks.

Each is a plain window with a text browser, so it can stay open beside the main window while the
clerk works through it. The shortcuts are read from the window's own menus, so the list cannot
drift from what the keys do; the rules come from the rule catalogue, with their sources spelt out.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QMenu, QTextBrowser, QVBoxLayout

from .models import SEVERITY_WORDS

GETTING_STARTED = """
<h2>Getting started</h2>
<p>govboard keeps an academy trust's governance registers in one file on this computer: members,
trustees, committees and local governing bodies, meetings, interests, related parties, pay and the
scheme of delegation. It checks them against the DfE's rules and tells you what needs doing.</p>

<h3>A new trust, step by step</h3>
<p>The <b>Start here</b> list on the Dashboard follows these steps and ticks each one off.</p>
<ol>
<li><b>Trust settings</b> (File &gt; Trust settings, Ctrl+,): the trust's name, company number and
the model articles it has adopted.</li>
<li><b>Academies</b> (Local governing bodies &gt; Add academy): each school with its local governing
body.</li>
<li><b>People</b>: everyone the registers name: members, trustees, local governors, executives and
the governance professional.</li>
<li><b>Members and board</b> (the Members and Board and committees pages): appoint each person to
their role, with the start date and who appointed them; add the board's committees there too.</li>
<li><b>GIAS extract</b> (File &gt; Import GIAS extract): the trust's governance extract from Get
Information about Schools, to compare with the registers. For a new trust it can fill in the
academies, people and roles in one go, in place of steps 2 to 4.</li>
<li><b>Meetings</b> (Meetings and attendance): this year's board meetings, held and planned, and who
attended.</li>
</ol>
<p>Then record each person's interests and yearly declaration (Interests and declarations), the
related-party agreements and the payments ledger (Related parties), executive pay decisions and the
scheme of delegation.</p>
<p>Already keep the registers in a spreadsheet? File &gt; Export blank template gives a workbook
to fill in; File &gt; Import workbook shows what it will change before anything is written.</p>

<h3>Findings</h3>
<p>Every edit is checked at once. <b>Must</b> findings are required by law, the articles or the
Academy Trust Handbook; <b>Should</b> findings are strong DfE preferences; <b>Advice</b> is a
warning or a deadline coming up. Each finding says what to do and the rule it rests on; <i>Go to</i>
opens the record. A new trust starts with many musts: they go as the registers fill in.</p>

<h3>Nothing is lost</h3>
<p>Edit &gt; Undo (Ctrl+Z) steps back through your edits; History lists every change ever made to
the file. Ending an appointment records its end date: nothing is deleted. File &gt; Back up / Save a
copy makes a copy of the file to keep or send.</p>

<h3>Try it first</h3>
<p>The sample trust (Hillside Learning Trust, made up) has a few weaknesses for the checks to find:
open it from the window with no file open, or with <code>govboard --demo</code>.</p>
"""

# Keys that work without a menu item, in the words of what they do.
TABLE_KEYS = (
    ("Enter, or double-click", "Open (edit) the selected row"),
    ("Delete", "Delete the selected row, where the page offers Delete (it asks first)"),
    ("Type in the box above a table", "Show only the rows containing every word typed"),
    ("Click a column heading", "Sort by that column; click again to reverse"),
    ("Enter or Space on a Dashboard count", "Open the findings of that severity"),
    ("Alt + the underlined letter", "Go to that field in a dialog, or open that menu"),
    ("Escape", "Close a dialog without saving"),
)


def _key_text(action) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def shortcut_rows(window) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command with a shortcut, in menu order."""
    rows = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), f"{path} > {action.menu().title().replace('&', '')}")
                continue
            if not action.shortcut().isEmpty():
                rows.append((path, action.text().replace("&", "").rstrip("…").rstrip("."), _key_text(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), top.menu().title().replace("&", ""))
    return rows


def shortcuts_html(window) -> str:
    esc = html.escape
    menu_rows = "".join(f"<tr><td><b>{esc(keys)}</b></td><td>{esc(menu)} &gt; {esc(command)}</td></tr>"
                        for menu, command, keys in shortcut_rows(window))
    table_rows = "".join(f"<tr><td><b>{esc(keys)}</b></td><td>{esc(what)}</td></tr>" for keys, what in TABLE_KEYS)
    style = "cellspacing='0' cellpadding='4'"
    return (f"<h2>Keyboard shortcuts</h2><h3>Menu commands</h3><table {style}>{menu_rows}</table>"
            f"<h3>In tables and dialogs</h3><table {style}>{table_rows}</table>")


def rules_html(catalogue, words: str = "") -> str:
    """The rule catalogue by area: ID, title, severity, when it fires and its source spelt out."""
    from ..rules.citations import spelt_out

    esc = html.escape
    wanted = [w.casefold() for w in words.split()]
    by_area: dict[str, list] = {}
    for info in catalogue:
        text = " ".join((info.id, info.title, info.explanation, info.area, spelt_out(info.citation))).casefold()
        if all(w in text for w in wanted):
            by_area.setdefault(info.area, []).append(info)
    if not by_area:
        return f"<p>No rule mentions “{esc(words)}”.</p>"
    parts = ["<h2>The rules govboard checks</h2>",
             "<p>Must: required by law, the articles or the Academy Trust Handbook. Should: a DfE strong "
             "preference or firm good practice. Advice: warnings and deadlines coming up.</p>"]
    for area in sorted(by_area):
        parts.append(f"<h3>{esc(area)}</h3>")
        for info in by_area[area]:
            severities = " or ".join(SEVERITY_WORDS.get(s.value, s.value)
                                     for s in (info.severities or (info.severity,)))
            parts.append(
                f"<p style='margin-bottom:2px'><b>{esc(info.title)}</b> "
                f"<span style='color:#51606f'>({esc(info.id)} · {esc(severities)})</span></p>"
                f"<p style='margin:0 0 2px 0'>{esc(info.explanation)}</p>"
                f"<p style='margin:0 0 10px 0;color:#51606f'>Source: {esc(spelt_out(info.citation))}</p>")
    return "".join(parts)


class HelpWindow(QDialog):
    """A non-modal window of help text (closes with Escape), optionally with a filter box."""

    def __init__(self, parent, title: str, text: str = "", *, filter_hint: str = "", render=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("helpWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.render = render
        layout = QVBoxLayout(self)
        self.filter = None
        if render is not None:
            self.filter = QLineEdit()
            self.filter.setPlaceholderText(filter_hint)
            self.filter.setClearButtonEnabled(True)
            self.filter.setAccessibleName("Filter")
            self.filter.textChanged.connect(lambda words: self.browser.setHtml(render(words)))
            layout.addWidget(self.filter)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(render("") if render is not None else text)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        # Sized to sit beside the main window on a 1366 x 768 screen, and to fit a 1024 x 768 one.
        screen = parent.screen().availableGeometry() if parent is not None and parent.screen() else None
        width = min(760, screen.width() - 40) if screen else 760
        height = min(640, screen.height() - 80) if screen else 640
        self.resize(width, height)


def _show(window, key: str, make) -> HelpWindow:
    """One window per kind: asking again raises the one already open."""
    open_windows = getattr(window, "help_windows", None)
    if open_windows is None:
        open_windows = window.help_windows = {}
    existing = open_windows.get(key)
    if existing is not None:
        existing.raise_()
        existing.activateWindow()
        return existing
    help_window = make()
    open_windows[key] = help_window
    help_window.destroyed.connect(lambda *_: open_windows.pop(key, None))
    help_window.show()
    return help_window


def show_getting_started(window) -> HelpWindow:
    return _show(window, "start", lambda: HelpWindow(window, "Getting started", GETTING_STARTED))


def show_shortcuts(window) -> HelpWindow:
    return _show(window, "keys", lambda: HelpWindow(window, "Keyboard shortcuts", shortcuts_html(window)))


def show_rules(window) -> HelpWindow:
    from ..rules import catalogue

    rules = catalogue()
    return _show(window, "rules", lambda: HelpWindow(
        window, "The rules govboard checks", filter_hint="Type to find a rule by ID, word or source…",
        render=lambda words: rules_html(rules, words)))
