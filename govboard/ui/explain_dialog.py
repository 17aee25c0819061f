"""Why a rule fired, or stayed silent, for each subject: the Findings page's "Why?" window.

It runs the one rule again with its explanation notes on (the ordinary check keeps none), and
shows when the rule fires, what it read, the subjects it fired for and those it weighed and
passed, with the reason. A clerk who disagrees with a finding, or expected one, can see the
evidence the rule weighed and what to correct.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
)

from ..domain import model as m
from ..domain.names import fold_letters
from ..services import trust as svc
from .models import SEVERITY_WORDS, fmt_date

_COLOURS = {"must": "#9b1c1c", "should": "#8a5a00", "advice": "#1f4e79"}


def _subject_html(subject: m.Subject) -> str:
    label = subject.label or subject.key
    kind = subject.kind.replace("_", " ")
    extra = "" if label == subject.key else f" <span style='color:#51606f'>({html.escape(kind)} {html.escape(subject.key)})</span>"
    return f"<b>{html.escape(label)}</b>{extra}"


def explanation_html(ex, *, focus: tuple[str, str] | None = None, text_filter: str = "") -> str:
    """The explanation as HTML; `focus` (kind, key) puts that subject's answer first, and
    `text_filter` keeps only subjects whose name or reason contains it (accents and case aside)."""
    from ..rules.citations import spelt_out  # "MA 2021" as "DfE model articles (2021)"

    esc = html.escape
    r = ex.rule
    wanted = fold_letters(text_filter.strip())

    def keep(subject: m.Subject, text: str) -> bool:
        return not wanted or wanted in fold_letters(f"{subject.label} {subject.key} {text}")

    severities = " / ".join(SEVERITY_WORDS.get(s.value, s.value) for s in r.severities)
    out = [
        f"<h3 style='margin-bottom:2px'>{esc(r.title)} ({esc(r.id)})</h3>",
        f"<p style='color:#51606f;margin-top:0'>{esc(severities)} · as at {fmt_date(ex.as_of)} · "
        f"Source: {esc(spelt_out(r.citation))} (Academy Trust Handbook {esc(str(ex.handbook_edition))}, the "
        "edition this check cites)</p>",
    ]
    if focus is not None:
        finding, why = ex.about(*focus)
        if finding is not None:
            colour = _COLOURS.get(finding.severity.value, "#333")
            out.append(f"<p style='background:#f3f6f9;padding:6px'>{_subject_html(finding.subject)}: "
                       f"<span style='color:{colour}'>fired ({esc(SEVERITY_WORDS.get(finding.severity.value, ''))})"
                       f"</span>. {esc(finding.message)}</p>")
        elif why is not None:
            subject = next(s for s, _ in ex.passed if (s.kind, s.key) == focus)
            out.append(f"<p style='background:#f3f6f9;padding:6px'>{_subject_html(subject)}: stayed "
                       f"silent, because: {esc(why)}.</p>")
    out.append(f"<p><b>When it fires.</b> {esc(r.explanation)}</p>")
    out.append("<p style='margin-bottom:2px'><b>What it read</b></p><ul style='margin-top:0'>")
    out += [f"<li>{esc(text)}</li>" for text in ex.read] or [
        "<li>What “When it fires” names (this rule does not list its reading yet).</li>"]
    out += [f"<li>It could not run: {esc(reason)}.</li>" for reason in ex.silent]
    out.append("</ul>")
    fired = [f for f in ex.findings if keep(f.subject, f.message)]
    out.append(f"<p style='margin-bottom:2px'><b>Fired for ({len(fired)}"
               f"{f' of {len(ex.findings)}' if len(fired) != len(ex.findings) else ''})</b></p>")
    if fired:
        out.append("<ul style='margin-top:0'>")
        for f in fired:
            colour = _COLOURS.get(f.severity.value, "#333")
            ack = " (acknowledged)" if f.acknowledged else ""
            out.append(f"<li>{_subject_html(f.subject)} <span style='color:{colour}'>"
                       f"{esc(SEVERITY_WORDS.get(f.severity.value, f.severity.value))}{ack}</span>: "
                       f"{esc(f.message)}</li>")
        out.append("</ul>")
    else:
        out.append("<p style='margin-top:0;color:#51606f'>Nothing.</p>")
    passed = [(s, why) for s, why in ex.passed if keep(s, why)]
    out.append(f"<p style='margin-bottom:2px'><b>Weighed and passed ({len(passed)}"
               f"{f' of {len(ex.passed)}' if len(passed) != len(ex.passed) else ''})</b></p>")
    if passed:
        out.append("<ul style='margin-top:0'>")
        out += [f"<li>{_subject_html(s)}: {esc(why)}</li>" for s, why in passed]
        out.append("</ul>")
    elif not ex.read:
        out.append("<p style='margin-top:0;color:#51606f'>This rule does not list the subjects it "
                   "passed yet.</p>")
    else:
        out.append("<p style='margin-top:0;color:#51606f'>None.</p>")
    return "".join(out)


class ExplainDialog(QDialog):
    """The explanation of one rule as at the session's date, optionally about one subject."""

    def __init__(self, parent, session, rule_id: str, focus: tuple[str, str] | None = None):
        super().__init__(parent)
        [self.explanation] = svc.explain(session.snapshot, session.as_of, [rule_id])
        self.focus = focus
        self.setWindowTitle(f"Why “{self.explanation.rule.title}” ({rule_id}) fired or stayed silent")
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setObjectName("explainFilter")
        self.filter.setPlaceholderText("Type a name or words to find a subject…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Find a subject")
        layout.addWidget(self.filter)
        self.browser = QTextBrowser()
        self.browser.setObjectName("explanation")
        self.browser.setAccessibleName("Explanation")
        self.browser.setOpenLinks(False)
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(lambda _: self._render())
        self._render()
        self.resize(760, 560)
        self.setWindowModality(Qt.WindowModality.WindowModal)

    def _render(self) -> None:
        self.browser.setHtml(explanation_html(self.explanation, focus=self.focus,
                                              text_filter=self.filter.text()))

    def text(self) -> str:
        return self.browser.toPlainText()
