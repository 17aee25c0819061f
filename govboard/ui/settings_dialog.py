"""The trust settings dialog (File > Trust settings…).

Every setting of domain/model.py SETTING_SPECS, grouped on tabs, each with its default and a line
saying what it does and which checks use it. Values are read with the same parsers as the
workbook's Trust sheet; a bad value keeps the dialog open, names the field and changes nothing.
Saving goes through the session, so it is one undoable step and the checks re-run.
"""

from __future__ import annotations

import re
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import clock
from ..domain import model as m
from ..domain.enums import ArticlesModel, HandbookEdition, ScrutinyProvider
from ..domain.names import normalise_company_number
from ..domain.validate import (
    SETTING_RANGES,
    SHORT_TEXT_LENGTH,
    parse_date,
    parse_fraction,
    parse_money,
    parse_text,
    setting_problem,
)
from ..store import TrustFileError
from .dialogs import REQUIRED_MARK, FieldError, combo_value, fill_combo, required_legend
from .models import fmt_date, money

SPECS = {spec.attr: spec for spec in m.SETTING_SPECS}

# The tabs, in the order a clerk meets the settings; every setting appears exactly once.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Trust", ("name", "company_number", "gias_group_uid")),
    ("Governance", ("articles_model", "term_years", "term_warning_days", "employee_trustee_cap",
                    "absence_window_months", "filing_deadline_days", "handbook_edition")),
    ("Audit and risk", ("last_audited_income", "arc_income_threshold", "internal_scrutiny_provider")),
    ("Related parties", ("rpt_approval_threshold", "legacy_rpt_threshold", "at_cost_de_minimis")),
    ("Pay and delegation", ("high_pay_threshold", "high_pay_band_floor", "pay_policy_approved_on",
                            "sod_approved_on")),
)

# One line each, in the rulebook's words, naming the checks the setting drives.
EXPLANATIONS = {
    "name": "The trust's name as registered; it heads the board pack and the published register.",
    "company_number": "The trust's Companies House number: 8 letters or digits, e.g. 08123456.",
    "gias_group_uid": "The trust's group UID on Get Information about Schools (GIAS).",
    "articles_model": "The DfE model articles the trust has adopted. Under the 2021 articles, members who "
                      "are also trustees must be fewer than half of the members (MEM-04).",
    "term_years": "Longest term of office for trustees and local governors; a longer term is a "
                  "finding (TRU-04). Ex-officio appointments are exempt.",
    "term_warning_days": "How long before a term ends to start warning that it is ending (TRU-05).",
    "employee_trustee_cap": "Largest share of trustees who may be employees, as a fraction such as 1/3 (TRU-02).",
    "absence_window_months": "Months of board meetings missed without consent after which the board may "
                             "vacate a trustee's office (TRU-06).",
    "filing_deadline_days": "Days allowed to update GIAS and Companies House after an appointment or "
                            "a resignation (GIAS-01, GIAS-02, CH-01, CH-02).",
    "last_audited_income": "Total income in the last audited accounts, compared with the income that "
                           "needs a separate audit committee (ARC-02, ARC-06). Leave blank if not known.",
    "arc_income_threshold": "Above this income the audit and risk committee must be dedicated, not combined "
                            "with finance (ARC-02), and internal scrutiny done by internal audit (ARC-06).",
    "internal_scrutiny_provider": "Who delivers internal scrutiny: an internal audit function, or other "
                                  "arrangements (ARC-06).",
    "rpt_approval_threshold": "An expenditure agreement confirmed from 01/09/2023 worth more than this in a "
                              "financial year needs DfE approval first (RPT-02, RPT-05).",
    "legacy_rpt_threshold": "Cumulative value in a financial year above which agreements confirmed "
                            "01/04/2019 to 31/08/2023 needed DfE approval (RPT-03).",
    "at_cost_de_minimis": "Agreements at or below this value need no statement that they are at cost (RPT-04).",
    "high_pay_threshold": "An executive salary at or above this draws DfE attention (PAY-06).",
    "high_pay_band_floor": "Two or more executive salaries from this up to the high pay threshold draw DfE "
                           "attention (PAY-06).",
    "pay_policy_approved_on": "When the board last approved the executive pay policy; pay decisions must "
                              "follow it (PAY-02).",
    "sod_approved_on": "When the board last approved the scheme of delegation; it is due every 12 months (SOD-01).",
    "handbook_edition": "The Academy Trust Handbook edition the findings cite. Leave it on the edition in "
                        "force, which changes each 1 September, unless the board has agreed otherwise.",
}

# The labels a clerk reads. The workbook's Trust sheet keeps its own row names (a contract, see
# formats.md); each field's tooltip gives that name, so a clerk can find it in an exported workbook.
PLAIN_LABELS = {
    "name": "Trust name",
    "company_number": "Company number",
    "gias_group_uid": "Trust's ID on GIAS (group UID)",
    "articles_model": "Model articles adopted",
    "term_years": "Longest term of office",
    "term_warning_days": "Warn before a term ends",
    "employee_trustee_cap": "Most trustees who may be employees",
    "absence_window_months": "Absence after which office may be vacated",
    "filing_deadline_days": "Time to update GIAS and Companies House",
    "last_audited_income": "Income in the last audited accounts",
    "arc_income_threshold": "Income that needs a separate audit committee",
    "internal_scrutiny_provider": "Who carries out internal scrutiny",
    "rpt_approval_threshold": "Related-party value that needs DfE approval",
    "legacy_rpt_threshold": "Related-party approval limit before September 2023",
    "at_cost_de_minimis": "No at-cost statement needed up to",
    "high_pay_threshold": "Salary that draws DfE attention",
    "high_pay_band_floor": "Lower end of the high pay band",
    "pay_policy_approved_on": "Pay policy last approved on",
    "sod_approved_on": "Scheme of delegation last approved on",
    "handbook_edition": "Academy Trust Handbook edition cited",
}


_RULE_CODES = re.compile(r"\s*\(((?:[A-Z]{2,4}-\d{2}(?:, )?)+)\)")


def explanation(attr: str, fallback: str) -> str:
    """The setting's explanation with the checks it drives named by title, not by bare code:
    "… that it is ending. Used by: Term of office ended or ending soon (TRU-05)." """
    text = EXPLANATIONS.get(attr, fallback)
    codes = [code for group in _RULE_CODES.findall(text) for code in group.split(", ")]
    if not codes:
        return text
    from .pages.findings import rule_catalogue

    rules = rule_catalogue()
    named = [f"{rules[code].title} ({code})" if code in rules else code for code in codes]
    return f"{_RULE_CODES.sub('', text)}\nUsed by: {'; '.join(named)}."


def plain_label(spec: m.SettingSpec) -> str:
    """The setting as the dialog, History and the status bar name it."""
    return PLAIN_LABELS.get(spec.attr, spec.label)


def workbook_tip(spec: m.SettingSpec) -> str:
    return f"In the workbook's Trust sheet: “{spec.label}”"


def label_of_row(row_name: str) -> str:
    """A Trust-sheet row name ('Term warning days', as the change log keeps it) in plain words."""
    spec = m.SETTINGS_BY_LABEL.get(str(row_name).casefold())
    return plain_label(spec) if spec else str(row_name)


# Whole-number settings: (lowest, highest, unit).
# The ranges are the domain's (validate.SETTING_RANGES), shared with the workbook and the store.
INT_RANGES = {
    attr: (*SETTING_RANGES[attr], unit) for attr, unit in (
        ("term_years", "years"), ("term_warning_days", "days"), ("absence_window_months", "months"),
        ("filing_deadline_days", "days"))
}

ARTICLES_CHOICES = [("2021 model articles", ArticlesModel.MODEL_2021),
                    ("Pre-2021 model articles", ArticlesModel.PRE_2021)]
SCRUTINY_CHOICES = [("Internal audit function", ScrutinyProvider.INTERNAL_AUDIT),
                    ("Other arrangements", ScrutinyProvider.OTHER)]
EDITION_CHOICES = [(f"Academy Trust Handbook {e.value}", e) for e in HandbookEdition]
EDITION_IN_FORCE = "The edition in force on the date checked"
NOT_RECORDED = "(not recorded)"

_DIGITS = re.compile(r"^\d+$")
_COMPANY_NUMBER = re.compile(r"^[A-Z0-9]{8}$")


def required(spec: m.SettingSpec) -> bool:
    """Settings that cannot be left blank: the name, and every threshold with a default (a spin
    box or a choice always holds a value, so only the typed ones are marked)."""
    return spec.attr == "name" or (restorable(spec) and spec.kind in ("money", "fraction"))


def restorable(spec: m.SettingSpec) -> bool:
    """Restore defaults puts back the rulebook's values; the trust's own facts (its name,
    numbers, income, approval dates, scrutiny provider) have no default and are kept."""
    return spec.default is not None and spec.kind != "text"


def default_text(spec: m.SettingSpec) -> str:
    if not restorable(spec):
        return "No default"
    value = spec.default
    if spec.kind == "money":
        return f"Default {money(value)}"
    if spec.kind == "int":
        return f"Default {value} {INT_RANGES[spec.attr][2]}"
    if spec.kind == "fraction":
        return f"Default {value}"
    if spec.kind == "articles":
        return f"Default {dict((v, t) for t, v in ARTICLES_CHOICES)[value]}"
    return f"Default {value}"


class SettingsDialog(QDialog):
    def __init__(self, parent, settings: m.TrustSettings, *, read_only: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Trust settings" + (" (read-only)" if read_only else ""))
        self.original = settings
        self.read_only = read_only
        self.result_settings: m.TrustSettings | None = None
        self.editors: dict[str, QWidget] = {}
        self.tab_of: dict[str, int] = {}
        layout = QVBoxLayout(self)
        intro = QLabel("These settings tune the governance checks to the trust. Change them only when the "
                       "trust's articles or the DfE's figures differ from the defaults.")
        intro.setWordWrap(True)
        intro.setProperty("role", "pageHint")
        layout.addWidget(intro)
        self.tabs = QTabWidget()
        pages = []
        for index, (title, attrs) in enumerate(GROUPS):
            pages.append(self._build_tab(attrs, index))
            # Scrolls rather than squeezing the explanations on a short (laptop) screen.
            scroller = QScrollArea()
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setWidget(pages[-1])
            self.tabs.addTab(scroller, title)
        layout.addWidget(self.tabs, 1)
        if not read_only:
            layout.addWidget(required_legend())
        self.error_label = QLabel("")
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        if read_only:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.buttons.rejected.connect(self.reject)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.RestoreDefaults
                                            | QDialogButtonBox.StandardButton.Save
                                            | QDialogButtonBox.StandardButton.Cancel)
            restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
            restore.setText("Restore defaults")
            restore.setToolTip("Put back the rulebook's default for every threshold and period. The trust's "
                               "name, numbers, income, approval dates and scrutiny provider are kept.")
            restore.clicked.connect(self.restore_defaults)
            self.buttons.accepted.connect(self.accept)
            self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.load(settings)
        self._fit(pages)

    def _fit(self, pages: list[QWidget], width: int = 780) -> None:
        """Tall enough for the longest tab's wrapped explanations at `width`, within the screen.

        A grid of word-wrapped labels reports a size hint that ignores their wrapping, which
        clipped the explanations; the height is taken from the layouts' height for that width."""
        inner = width - 60  # the dialog's and the tab frame's margins
        needed = max(page.layout().totalHeightForWidth(inner) for page in pages)
        screen = self.screen().availableGeometry().height() if self.screen() else 768
        for index in range(self.tabs.count()):
            self.tabs.widget(index).setMinimumHeight(min(needed, max(200, screen - 200)))
        self.resize(width, self.sizeHint().height())

    # --- building --------------------------------------------------------------------------

    def _build_tab(self, attrs, index: int) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        grid.setColumnStretch(1, 1)
        # Every tab's fields start at the same place, set by the longest label on any tab.
        widest = max(self.fontMetrics().horizontalAdvance(plain_label(spec) + REQUIRED_MARK)
                     for spec in m.SETTING_SPECS)
        grid.setColumnMinimumWidth(0, widest + 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        row = 0
        for attr in attrs:
            spec = SPECS[attr]
            editor = self._editor(spec)
            editor.setObjectName(attr)
            editor.setAccessibleName(plain_label(spec))
            editor.setToolTip(workbook_tip(spec))
            editor.setEnabled(not self.read_only)
            self.editors[attr] = editor
            self.tab_of[attr] = index
            caption = QLabel(plain_label(spec) + (REQUIRED_MARK if required(spec) else ""))
            caption.setToolTip(workbook_tip(spec))
            caption.setBuddy(editor)
            default = QLabel(default_text(spec))
            default.setStyleSheet("color: #51606f;")
            help_text = QLabel(explanation(attr, spec.help))
            help_text.setWordWrap(True)
            help_text.setStyleSheet("color: #51606f; font-size: 9pt;")
            # Editor and default side by side; the line below explains the setting.
            field = QHBoxLayout()
            field.setContentsMargins(0, 0, 0, 0)
            field.addWidget(editor)
            field.addSpacing(8)
            field.addWidget(default)
            field.addStretch(1)
            grid.addWidget(caption, row, 0)
            grid.addLayout(field, row, 1)
            grid.addWidget(help_text, row + 1, 1)
            grid.setRowMinimumHeight(row + 2, 10)
            row += 3
        grid.setRowStretch(row, 1)
        return page

    def _editor(self, spec: m.SettingSpec) -> QWidget:
        if spec.kind == "int":
            low, high, unit = INT_RANGES[spec.attr]
            box = QSpinBox()
            box.setRange(low, high)
            box.setSuffix(f" {unit}")
            box.setMinimumWidth(130)
            return box
        if spec.kind in m.SETTING_ENUMS:
            combo = QComboBox()
            if spec.kind == "articles":
                fill_combo(combo, ARTICLES_CHOICES)
            elif spec.kind == "edition":
                fill_combo(combo, EDITION_CHOICES, blank=EDITION_IN_FORCE)
            else:
                fill_combo(combo, SCRUTINY_CHOICES, blank=NOT_RECORDED)
            return combo
        edit = QLineEdit()
        hints = {"money": "£0.00", "date": "dd/mm/yyyy", "fraction": "e.g. 1/3"}
        edit.setPlaceholderText(hints.get(spec.kind, ""))
        # Short values get short boxes; names and numbers get room.
        edit.setMinimumWidth(180 if spec.kind in ("money", "date", "fraction") else 320)
        if spec.kind == "money":
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return edit

    # --- values ----------------------------------------------------------------------------

    def load(self, settings: m.TrustSettings) -> None:
        for attr, editor in self.editors.items():
            self._set(SPECS[attr], editor, getattr(settings, attr))

    def _set(self, spec: m.SettingSpec, editor: QWidget, value) -> None:
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QComboBox):
            for i in range(editor.count()):
                if combo_value(editor, i) == value:
                    editor.setCurrentIndex(i)
                    break
        elif spec.kind == "money":
            editor.setText(money(value))
        elif spec.kind == "date":
            editor.setText(fmt_date(value))
        elif spec.kind == "fraction":
            editor.setText("" if value is None else f"{Fraction(value)}")
        else:
            editor.setText(value or "")

    def restore_defaults(self) -> None:
        for attr, editor in self.editors.items():
            spec = SPECS[attr]
            if restorable(spec):
                self._set(spec, editor, spec.default)
        self.error_label.setText("")

    def read(self) -> m.TrustSettings:
        """The settings as entered; raises FieldError naming the first bad field."""
        values = {}
        for attr, editor in self.editors.items():
            spec = SPECS[attr]
            try:
                values[attr] = self._read_one(spec, editor)
            except ValueError as exc:
                self._focus(attr)
                raise FieldError(plain_label(spec), str(exc),
                                 missing="Enter the trust's name" if attr == "name" else
                                 f"Enter {'an amount' if spec.kind == 'money' else 'a share'} for "
                                 f"“{plain_label(spec)}”") from None
        if values["high_pay_band_floor"] > values["high_pay_threshold"]:
            self._focus("high_pay_band_floor")
            raise FieldError(plain_label(SPECS["high_pay_band_floor"]),
                             f"{money(values['high_pay_band_floor'])} is above the high pay threshold "
                             f"{money(values['high_pay_threshold'])}")
        return self.original.with_changes(**values)

    def _read_one(self, spec: m.SettingSpec, editor: QWidget):
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return combo_value(editor)
        text = editor.text()
        if spec.kind == "money":
            value = parse_money(text)
            if value is None:
                if restorable(spec):
                    raise ValueError(f"is required (the default is {money(spec.default)})")
                return None
            if value < 0:
                raise ValueError(f"{money(value)} is less than £0.00")
            problem = setting_problem(spec.attr, spec.kind, value)
            if problem:
                raise ValueError(problem)
            return value
        if spec.kind == "date":
            value = parse_date(text)
            if value is not None and value > clock.today():
                raise ValueError(f"{fmt_date(value)} is in the future")
            return value
        if spec.kind == "fraction":
            value = parse_fraction(text)
            if value is None:
                raise ValueError(f"is required (the default is {spec.default})")
            return value
        value = parse_text(text, required=spec.attr == "name", max_length=SHORT_TEXT_LENGTH, one_line=True)
        if value is not None and spec.attr == "company_number":
            value = normalise_company_number(value)
            if not _COMPANY_NUMBER.match(value):
                raise ValueError(f"'{text.strip()}' is not a Companies House number (8 letters or digits, "
                                 "e.g. 08123456)")
        if value is not None and spec.attr == "gias_group_uid" and not _DIGITS.match(value):
            raise ValueError(f"'{value}' is not a GIAS UID (digits only, e.g. 16824)")
        return value

    def _focus(self, attr: str) -> None:
        self.tabs.setCurrentIndex(self.tab_of[attr])
        self.editors[attr].setFocus()
        if isinstance(self.editors[attr], QLineEdit):
            self.editors[attr].selectAll()

    def accept(self) -> None:
        if self.read_only:
            self.reject()
            return
        try:
            self.result_settings = self.read()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()


def changed_labels(before: m.TrustSettings, after: m.TrustSettings) -> list[str]:
    return [plain_label(spec) for spec in m.SETTING_SPECS if getattr(before, spec.attr) != getattr(after, spec.attr)]


def edit_settings(window) -> None:
    session = getattr(window, "session", None)
    if session is None:
        return
    before = session.snapshot.settings
    dialog = SettingsDialog(window, before, read_only=session.read_only)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_settings is None:
        return
    after = dialog.result_settings
    labels = changed_labels(before, after)
    if not labels:
        return
    what = labels[0] if len(labels) == 1 else (f"{labels[0]} and {labels[1]}" if len(labels) == 2
                                               else f"{labels[0]} and {len(labels) - 1} more")
    try:
        session.save_settings(after, f"Change trust settings: {what}")
    except TrustFileError as exc:  # e.g. the file became read-only or its folder went away
        QMessageBox.warning(window, "Trust settings not saved", f"The settings could not be saved: {exc}")
        return
    if after.name != before.name:
        window.setWindowTitle(f"{after.name} — govboard")
