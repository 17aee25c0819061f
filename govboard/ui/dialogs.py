"""Edit dialogs. Each has `ask(...)` returning a domain record (or None when cancelled), so
tests can drive the dialog itself or monkeypatch `ask`.

Validation is the domain's: the same parse functions and `validate_registers` the workbook
import uses, so a bad date reads the same in a dialog, an import error and the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, is_dataclass, replace
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain import model as m
from ..domain.appointing import appointing_bodies_for, appointing_body_label
from ..domain.dates import add_years
from ..domain.enums import AppointedBy, Choice, Role
from ..domain.snapshot import TrustSnapshot
from ..domain.validate import (
    LONG_TEXT_LENGTH,
    MONEY_LIMIT,
    NON_NEGATIVE_MONEY,
    TEXT_LIMITS,
    parse_date,
    parse_field_text,
    parse_money,
    parse_text,
    record_problems,
    validate_registers,
)
from .forms.ui_appointment_dialog import Ui_AppointmentDialog
from .forms.ui_person_dialog import Ui_PersonDialog
from .models import fmt_date


def confirm(parent: QWidget | None, title: str, text: str, *, default_yes: bool = False) -> bool:
    """Ask a Yes/No question; True when the user answers Yes.

    No is the default so a stray Enter never deletes anything; pass default_yes=True only where
    Yes is the harmless answer. Escape or closing the box answers No.
    """
    Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    # QMessageBox.question itself (not a QMessageBox built here): the GUI tests patch it.
    answer = QMessageBox.question(parent, title, text, Yes | No, Yes if default_yes else No)
    return answer == Yes


REQUIRED = "is required"  # the domain's word for a blank required field (shared with import and CLI)
REQUIRED_MARK = " *"
REQUIRED_LEGEND = "* must be filled in"


def with_article(noun: str) -> str:
    """'a forename', 'an end date', 'a URN', 'an ID' (acronyms by their letter's sound)."""
    first = noun.split()[0] if noun.split() else noun
    if len(first) > 1 and first.isupper():
        vowel_sound = first[0] in "AEFHILMNORSX"
    else:
        vowel_sound = noun[:1].lower() in "aeio"
    return f"{'an' if vowel_sound else 'a'} {noun}"


def missing_words(label: str, kind: str = "text") -> str:
    """What to do about a blank required field, in plain words: 'Enter a forename', 'Choose a
    person'. The label loses any note in brackets and its capital (but not an acronym's)."""
    noun = label.split(" (")[0].strip()
    first = noun.split()[0] if noun.split() else noun
    if not (len(first) > 1 and first.isupper()):
        noun = noun[:1].lower() + noun[1:]
    verb = "Choose" if kind in ("choice", "ref", "bool") else "Enter"
    return f"{verb} {with_article(noun)}"


def required_legend() -> QLabel:
    """The line under a form that explains its asterisks; the same in every dialog."""
    legend = QLabel(REQUIRED_LEGEND)
    legend.setObjectName("requiredLegend")
    legend.setStyleSheet("color: #51606f;")
    return legend


def mark_required(*labels: QLabel) -> None:
    """Add the asterisk to the labels of a designer form's required fields."""
    for lbl in labels:
        if not lbl.text().endswith(REQUIRED_MARK):
            lbl.setText(lbl.text() + REQUIRED_MARK)


class FieldError(ValueError):
    """A field's problem as the dialog shows it: the domain's message after the field's label
    ("Start date: '31/02/2026' is not a real date"), or, for a blank required field, what to do
    ("Enter a start date"); `missing` words it where the label is not a noun."""

    def __init__(self, label: str, message: str, *, kind: str = "text", missing: str = ""):
        if message.startswith(REQUIRED):
            super().__init__((missing or missing_words(label, kind)) + message[len(REQUIRED):])
        else:
            super().__init__(f"{label}: {message}")


def read_date(edit: QLineEdit, label: str, *, required: bool = False) -> date | None:
    try:
        value = parse_date(edit.text())
    except ValueError as exc:
        raise FieldError(label, str(exc)) from None
    if required and value is None:
        raise FieldError(label, REQUIRED)
    return value


def read_text(edit: QLineEdit, label: str, *, required: bool = False, field: str = "") -> str | None:
    """The text in `edit`, within the bounds of the record field `field` (length, one line)."""
    try:
        return parse_field_text(field, edit.text(), required=required)
    except ValueError as exc:
        raise FieldError(label, str(exc)) from None


def check_record(record, labels: dict[str, str] | None = None):
    """Raise FieldError for the first field of `record` outside its bounds (the store would
    refuse it too, with a less friendly message); return the record."""
    problems = record_problems(record) if is_dataclass(record) else []
    if problems:
        name, message = problems[0]
        raise FieldError((labels or {}).get(name, name.replace("_", " ").capitalize()), message)
    return record


# Qt turns str subclasses (our StrEnum choices) into plain str in item data, so each item also
# keeps the Python value itself, boxed, under its own role; read it back with combo_value().
ValueRole = Qt.ItemDataRole.UserRole + 7


class _Boxed:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def add_choice(combo: QComboBox, text: str, value) -> None:
    combo.addItem(text, value)
    combo.setItemData(combo.count() - 1, _Boxed(value), ValueRole)


def combo_value(combo: QComboBox, index: int | None = None):
    """The Python value of the current (or given) item, enum members intact."""
    index = combo.currentIndex() if index is None else index
    if index < 0:
        return None
    boxed = combo.itemData(index, ValueRole)
    return boxed.value if isinstance(boxed, _Boxed) else combo.itemData(index)


def fill_combo(combo: QComboBox, items: Sequence[tuple[str, object]], current=None, *, blank: str | None = None):
    combo.clear()
    if blank is not None:
        add_choice(combo, blank, None)
    for text, value in items:
        add_choice(combo, text, value)
    if current is not None:
        for i in range(combo.count()):
            if combo_value(combo, i) == current:
                combo.setCurrentIndex(i)
                break


def new_problems(snapshot: TrustSnapshot, field_name: str, old, new) -> list[str]:
    """Cross-record problems the change would introduce (overlaps, unknown references)."""
    items = list(getattr(snapshot, field_name))
    if old is not None:
        items = [new if item == old else item for item in items]
    else:
        items.append(new)
    before = {str(p) for p in validate_registers(snapshot)}
    changed = replace(snapshot, **{field_name: tuple(items)})
    return [p.message for p in validate_registers(changed) if str(p) not in before]


class _ValidatingDialog(QDialog):
    """Keeps the dialog open and shows the message while the input is not valid."""

    error_label: QLabel

    def build(self):  # returns the record or raises ValueError
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_record = self.build()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        super().accept()


class PersonDialog(_ValidatingDialog):
    def __init__(self, parent, snapshot: TrustSnapshot, person: m.Person | None = None):
        super().__init__(parent)
        self.ui = Ui_PersonDialog()
        self.ui.setupUi(self)
        self.error_label = self.ui.errorLabel
        self.snapshot, self.person = snapshot, person
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        mark_required(self.ui.forenameLabel, self.ui.surnameLabel, self.ui.personIdLabel)
        self.ui.mainLayout.insertWidget(1, required_legend())
        # The first field a person fills; the ID (last) is proposed for them.
        self.ui.forename.setFocus()
        if person:
            self.setWindowTitle(f"Edit {person.full_name}")
            self.ui.personId.setText(person.id)
            self.ui.personId.setReadOnly(True)  # other registers refer to it
            self.ui.title.setText(person.title or "")
            self.ui.forename.setText(person.forename)
            self.ui.middleNames.setText(person.middle_names or "")
            self.ui.surname.setText(person.surname)
            self.ui.dateOfBirth.setText(fmt_date(person.date_of_birth))
            self.ui.email.setText(person.email or "")
        else:
            self.setWindowTitle("Add a person")
            self.ui.personId.setText(next_id("P", (p.id for p in snapshot.people)))

    def build(self) -> m.Person:
        ui = self.ui
        # Read in the form's order, so the first problem named is the first on screen.
        title = read_text(ui.title, "Title", field="title")
        forename = read_text(ui.forename, "Forename", required=True, field="forename")
        middle_names = read_text(ui.middleNames, "Middle names", field="middle_names")
        surname = read_text(ui.surname, "Surname", required=True, field="surname")
        date_of_birth = read_date(ui.dateOfBirth, "Date of birth")
        email = read_text(ui.email, "Email", field="email")
        person_id = read_text(ui.personId, "Person ID", required=True, field="id")
        if self.person is None or person_id.casefold() != self.person.id.casefold():
            # P001 and p001 would be two people every reference confuses.
            taken = next((p for p in self.snapshot.people if p.id.casefold() == person_id.casefold()), None)
            if taken is not None:
                raise FieldError("Person ID", f"'{person_id}' is already used by {taken.full_name}"
                                 + ("" if taken.id == person_id else f" (as '{taken.id}')"))
        return m.Person(id=person_id, title=title, forename=forename, middle_names=middle_names,
                        surname=surname, date_of_birth=date_of_birth, email=email)

    @classmethod
    def ask(cls, parent, snapshot: TrustSnapshot, person: m.Person | None = None) -> m.Person | None:
        dialog = cls(parent, snapshot, person)
        return dialog.result_record if dialog.exec() == QDialog.DialogCode.Accepted else None


def next_id(prefix: str, existing) -> str:
    numbers = [int(x[len(prefix):]) for x in existing if x.startswith(prefix) and x[len(prefix):].isdigit()]
    return f"{prefix}{(max(numbers) + 1) if numbers else 1:03d}"


SHOW_ALL_BODIES = "show all appointing bodies"  # the last entry of the Appointed by list


class AppointmentDialog(_ValidatingDialog):
    def __init__(self, parent, snapshot: TrustSnapshot, initial: m.Appointment | None = None, *,
                 roles: Sequence[Role] | None = None, bodies: Sequence[str] | None = None,
                 editing: bool = False, title: str | None = None, fixed_person: bool = False):
        super().__init__(parent)
        self.ui = Ui_AppointmentDialog()
        self.ui.setupUi(self)
        self.error_label = self.ui.errorLabel
        self.snapshot, self.initial, self.editing = snapshot, initial, editing
        self.ui.buttonBox.accepted.connect(self.accept)
        self.ui.buttonBox.rejected.connect(self.reject)
        mark_required(self.ui.personLabel, self.ui.roleLabel, self.ui.bodyLabel, self.ui.startDateLabel)
        self.ui.mainLayout.insertWidget(1, required_legend())
        people = sorted(snapshot.people, key=lambda p: p.sort_name)
        # No one is chosen for a new appointment: a preselected first name was too easy to save by mistake.
        fill_combo(self.ui.person, [(f"{p.surname}, {p.forename} ({p.id})", p.id) for p in people],
                   (initial.person_id or None) if initial else None, blank=CHOOSE_ONE)
        fill_combo(self.ui.role, [(r.value, r) for r in (roles or list(Role))], initial.role if initial else None)
        body_names = bodies or sorted(snapshot.body_by_name)
        fill_combo(self.ui.body, [(b, b) for b in body_names], initial.body if initial else None)
        self._fill_appointed_by(initial.appointed_by if initial else None)
        self.ui.role.currentIndexChanged.connect(lambda _: self._fill_appointed_by(self.appointed_by))
        self.ui.appointedBy.activated.connect(self._appointed_by_chosen)
        if initial:
            self.ui.startDate.setText(fmt_date(initial.start))
            self.ui.termEndDate.setText(fmt_date(initial.term_end))
            self.ui.giasStart.setText(fmt_date(initial.gias_start_recorded_on))
            self.ui.chStart.setText(fmt_date(initial.ch_start_filed_on))
        if title is None:
            body = initial.body if initial and initial.body else ""
            title = "Edit appointment" if editing else (f"Appoint to {body}" if body else "Appoint")
        self.setWindowTitle(title)
        if editing:  # who and what are the appointment's identity; dates and filings can change
            for combo in (self.ui.person, self.ui.role, self.ui.body):
                combo.setEnabled(False)
        elif fixed_person:  # a reappointment is of the same person
            self.ui.person.setEnabled(False)
        # The term end follows the start date as it is typed (not only on leaving the field),
        # until the clerk types a term end of their own.
        # A proposed term end (a reappointment's) follows the start date too.
        proposed = self._term_end_for_start()
        self._suggested_term_end = proposed if proposed and proposed == self.ui.termEndDate.text().strip() else ""
        self.ui.startDate.textChanged.connect(self._suggest_term_end)
        self.ui.role.currentIndexChanged.connect(self._suggest_term_end)
        if not editing:
            self._suggest_term_end()  # a new appointment's proposed start date is already whole

    # --- who appointed them: the bodies that apply to the role, the rest behind "Show all" ------

    @property
    def appointed_by(self):
        value = combo_value(self.ui.appointedBy)
        return None if value is SHOW_ALL_BODIES else value

    def _fill_appointed_by(self, current, *, show_all: bool = False) -> None:
        """Offer the appointing bodies that can appoint to the chosen role (a trustee is never
        elected by parents), then "Show all appointing bodies…". A value recorded earlier that
        does not apply stays offered (all of them are shown), and an unlisted one as written."""
        offered = list(appointing_bodies_for(combo_value(self.ui.role)))
        if current is not None and current not in offered:
            show_all = show_all or current.listed
        if show_all:
            offered = list(AppointedBy)
        body = self.snapshot.body_by_name.get(self.ui.body.currentData() or "")
        items = [(appointing_body_label(a, body_type=body.type if body else None), a) for a in offered]
        if current is not None and not current.listed:
            items.append((f"{current} (not in GIAS's list)", current))
        if len(offered) < len(AppointedBy):
            items.append(("Show all appointing bodies…", SHOW_ALL_BODIES))
        combo = self.ui.appointedBy
        combo.blockSignals(True)
        fill_combo(combo, items, current, blank="(not recorded)")
        combo.blockSignals(False)
        self._last_appointed_by = current

    def _appointed_by_chosen(self, index: int) -> None:
        if combo_value(self.ui.appointedBy, index) is SHOW_ALL_BODIES:
            self._fill_appointed_by(self._last_appointed_by, show_all=True)
            self.ui.appointedBy.showPopup()
        else:
            self._last_appointed_by = self.appointed_by

    def _term_end_for_start(self) -> str | None:
        """The usual term end for the start date typed: "" for a role without a fixed term,
        None while the start date is not (yet) a whole date."""
        if combo_value(self.ui.role) not in (Role.TRUSTEE, Role.LOCAL_GOVERNOR, Role.LGB_CHAIR):
            return ""
        try:
            start = parse_date(self.ui.startDate.text())
        except ValueError:
            return None
        if start is None:
            return None
        return fmt_date(add_years(start, self.snapshot.settings.term_years) - timedelta(days=1))

    def _suggest_term_end(self, *_) -> None:
        current = self.ui.termEndDate.text().strip()
        if current and current != self._suggested_term_end:
            return  # typed by the clerk, or the appointment's own
        suggestion = self._term_end_for_start()
        if suggestion is None:
            if current:
                return  # half-typed: the last suggestion stays until the date is whole again
            suggestion = ""
        if suggestion != current:
            self.ui.termEndDate.setText(suggestion)
        self._suggested_term_end = suggestion

    def build(self) -> m.Appointment:
        ui = self.ui
        if ui.person.currentData() is None:
            raise FieldError("Person", REQUIRED, kind="choice",
                             missing="Choose a person (add them on the People page first)")
        base = self.initial if self.editing else None
        record = m.Appointment(
            person_id=ui.person.currentData(),
            role=combo_value(ui.role),
            body=ui.body.currentData(),
            start=read_date(ui.startDate, "Start date", required=True),
            appointed_by=self.appointed_by,
            term_end=read_date(ui.termEndDate, "Term end date"),
            end=base.end if base else None,
            end_reason=base.end_reason if base else None,
            gias_start_recorded_on=read_date(ui.giasStart, "GIAS updated on"),
            gias_end_recorded_on=base.gias_end_recorded_on if base else None,
            ch_start_filed_on=read_date(ui.chStart, "Companies House filed on"),
            ch_end_filed_on=base.ch_end_filed_on if base else None,
            id=base.id if base else 0,
        )
        problems = new_problems(self.snapshot, "appointments", base, record)
        if problems:
            raise ValueError(problems[0])
        return record

    @classmethod
    def ask(cls, parent, snapshot, initial=None, **kwargs) -> m.Appointment | None:
        dialog = cls(parent, snapshot, initial, **kwargs)
        return dialog.result_record if dialog.exec() == QDialog.DialogCode.Accepted else None


# --- a generic form for the simpler registers ------------------------------------------------


CHOOSE_ONE = "(choose one)"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a generic record form. kind: text, longtext, date, choice, bool, money, ref."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: Sequence[tuple[str, object]] = ()
    hint: str = ""
    missing: str = ""  # what to do when a required field is blank, where the label is not a noun


class RecordDialog(_ValidatingDialog):
    """A form built from FieldSpecs; `make(values)` turns the parsed values into a record."""

    def __init__(self, parent, title: str, specs: Sequence[FieldSpec], initial: dict,
                 make: Callable[[dict], object], check: Callable[[object], list[str]] | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.specs, self.make, self.check = list(specs), make, check
        self.widgets: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in self.specs:
            widget = self._widget_for(spec, initial.get(spec.name))
            widget.setObjectName(spec.name)
            widget.setAccessibleName(spec.label)
            self.widgets[spec.name] = widget
            form.addRow(spec.label + (REQUIRED_MARK if spec.required else ""), widget)
        layout.addLayout(form)
        if any(spec.required for spec in self.specs):
            layout.addWidget(required_legend())
        self.error_label = QLabel("")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    @staticmethod
    def _widget_for(spec: FieldSpec, value) -> QWidget:
        if spec.kind in ("choice", "ref"):
            combo = QComboBox()
            # A required choice starts on "(choose one)" unless it already holds a valid value:
            # a preselected first item was too easy to save by mistake (a wrong person linked).
            chosen = value is not None and any(v == value for _, v in spec.choices)
            blank = (None if chosen else CHOOSE_ONE) if spec.required else ""
            fill_combo(combo, spec.choices, value, blank=blank)
            return combo
        if spec.kind == "bool":
            combo = QComboBox()
            fill_combo(combo, [("Yes", True), ("No", False)], value, blank="(not recorded)")
            return combo
        if spec.kind == "check":
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if spec.kind == "longtext":
            edit = QPlainTextEdit(value or "")
            edit.setFixedHeight(80)
            return edit
        edit = QLineEdit()
        if spec.kind == "date":
            edit.setText(fmt_date(value))
            edit.setPlaceholderText(spec.hint or "dd/mm/yyyy")
        elif spec.kind == "money":
            edit.setText("" if value is None else f"{value / 100:,.2f}")
            edit.setPlaceholderText(spec.hint or "£0.00")
        else:
            edit.setText("" if value is None else str(value))
            edit.setPlaceholderText(spec.hint)
        return edit

    def values(self) -> dict:
        out = {}
        for spec in self.specs:
            widget = self.widgets[spec.name]
            try:
                if isinstance(widget, QComboBox):
                    value = combo_value(widget)
                elif isinstance(widget, QCheckBox):
                    value = widget.isChecked()
                elif isinstance(widget, QPlainTextEdit):
                    value = parse_text(widget.toPlainText(),
                                       max_length=TEXT_LIMITS.get(spec.name, LONG_TEXT_LENGTH))
                elif spec.kind == "date":
                    value = parse_date(widget.text())
                elif spec.kind == "money":
                    value = parse_money(widget.text(), minimum=0 if spec.name in NON_NEGATIVE_MONEY else
                                        -MONEY_LIMIT)
                else:
                    value = parse_field_text(spec.name, widget.text())
            except ValueError as exc:
                raise FieldError(spec.label, str(exc), kind=spec.kind, missing=spec.missing) from None
            if spec.required and value in (None, ""):
                raise FieldError(spec.label, REQUIRED, kind=spec.kind, missing=spec.missing)
            out[spec.name] = value
        return out

    def build(self):
        record = check_record(self.make(self.values()), {spec.name: spec.label for spec in self.specs})
        if self.check:
            problems = self.check(record)
            if problems:
                raise ValueError(problems[0])
        return record

    @classmethod
    def ask(cls, parent, title, specs, initial, make, check=None):
        dialog = cls(parent, title, specs, initial, make, check)
        return dialog.result_record if dialog.exec() == QDialog.DialogCode.Accepted else None


def choices(enum: type[Choice]) -> list[tuple[str, object]]:
    return [(member.value, member) for member in enum]


def people_choices(snapshot: TrustSnapshot) -> list[tuple[str, str]]:
    return [(f"{p.surname}, {p.forename} ({p.id})", p.id) for p in sorted(snapshot.people, key=lambda p: p.sort_name)]


def end_appointment_specs(appointment: m.Appointment) -> list[FieldSpec]:
    return [
        FieldSpec("end", "End date (last day in office)", "date", required=True),
        FieldSpec("end_reason", "Reason", "text", hint="e.g. Resigned, Term ended, Removed"),
        FieldSpec("gias_end_recorded_on", "GIAS updated on", "date"),
        FieldSpec("ch_end_filed_on", "Companies House filed on", "date"),
    ]
