"""Dialog wording shared by every form: the required mark, its legend, and what a blank field says."""

from __future__ import annotations

from govboard.ui.dialogs import CHOOSE_ONE, FieldError, FieldSpec, RecordDialog, missing_words


def test_a_blank_required_field_says_what_to_do():
    assert missing_words("Forename") == "Enter a forename"
    assert missing_words("End date (last day in office)", "date") == "Enter an end date"
    assert missing_words("URN") == "Enter a URN"
    assert missing_words("Agreement ID") == "Enter an agreement ID"
    assert missing_words("Related person", "ref") == "Choose a related person"
    assert missing_words("Check", "choice") == "Choose a check"
    # The domain's own messages (shared with import and the CLI) keep their words after the label.
    assert str(FieldError("Start date", "'31/02/2026' is not a real date (there is no such day)")) == \
        "Start date: '31/02/2026' is not a real date (there is no such day)"
    assert str(FieldError("Financial year", "is required when a value is given")) == \
        "Enter a financial year when a value is given"
    assert str(FieldError("Acknowledged by", "is required", missing="Enter your name")) == "Enter your name"


def test_record_dialogs_mark_required_fields_and_start_choices_on_one_placeholder(qtbot):
    specs = [FieldSpec("name", "Name", required=True), FieldSpec("kind", "Kind", "choice", required=True,
                                                                  choices=[("A", 1), ("B", 2)]),
             FieldSpec("note", "Note")]
    dialog = RecordDialog(None, "Test", specs, {}, lambda v: v)
    qtbot.addWidget(dialog)
    form = dialog.layout().itemAt(0).layout()
    labels = [form.labelForField(dialog.widgets[s.name]).text() for s in specs]
    assert labels == ["Name *", "Kind *", "Note"]
    assert dialog.widgets["kind"].currentText() == CHOOSE_ONE == "(choose one)"
    legend = dialog.findChild(type(dialog.error_label), "requiredLegend")
    assert legend is not None and legend.text() == "* must be filled in"
    dialog.accept()
    assert dialog.error_label.text() == "Enter a name"
    dialog.widgets["name"].setText("x")
    dialog.accept()
    assert dialog.error_label.text() == "Choose a kind"
