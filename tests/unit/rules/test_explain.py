"""Explanations: what a rule read, and why it fired or stayed silent for each subject."""

from datetime import date

import pytest

from govboard.domain.enums import CheckKind, Role
from govboard.rules import explain_rules, run_checks
from govboard.rules.output import explanations_to_json, format_explanations

from .factory import AS_OF, TRUST_NAME, healthy


def test_explanation_lists_findings_and_the_subjects_passed_with_reasons():
    t = healthy()
    t.checks = [c for c in t.checks if not (c.person_id == "T3" and c.kind == CheckKind.ENHANCED_DBS)]
    t.check("T4", CheckKind.ENHANCED_DBS, date(2026, 3, 2))  # after as_of: not counted, said so
    [ex] = explain_rules(t.snapshot(), AS_OF, ["dbs-01"])
    assert ex.rule.id == "DBS-01" and ex.rule.citation == "KCSIE 2025" and ex.handbook_edition == "2025"
    assert [f.subject.key for f in ex.findings] == ["T3"]
    assert "1 later check not counted" in ex.read[0]
    finding, why = ex.about("person", "T3")
    assert finding is not None and why is None
    finding, why = ex.about("person", "T4")
    assert finding is None and why == "enhanced DBS check dated 1 June 2023"
    assert ex.about("person", "NOBODY") == (None, None)
    # The ordinary check gives the same findings, and keeps no trace.
    assert [f.identity for f in run_checks(t.snapshot(), AS_OF, only=["DBS-01"]).findings] == \
        [f.identity for f in ex.findings]


def test_silence_for_lack_of_data_is_explained():
    [ex] = explain_rules(healthy().snapshot(), AS_OF, ["GIAS-02"])
    assert ex.findings == [] and ex.silent == ["no GIAS extract has been imported"]


def test_why_a_term_ending_later_is_not_flagged():
    t = healthy()
    t.change_roles("T3", Role.TRUSTEE, term_end=date(2026, 4, 30))
    [ex] = explain_rules(t.snapshot(), AS_OF, ["TRU-05"])
    assert [f.subject.key for f in ex.findings] == ["T3"]
    assert ex.about("person", "T4")[1] == "term as trustee ends on 31 August 2027"


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="XYZ-99"):
        explain_rules(healthy().snapshot(), AS_OF, ["XYZ-99"])


@pytest.mark.parametrize("rule_id", ["MEM-01", "TRU-05", "EXE-04", "RPT-07", "ROI-03", "BRD-05", "GP-03",
                                     "COM-01", "SOD-01", "PAY-06"])
def test_text_and_json_faces(rule_id):
    t = healthy()
    t.remove_roles("M5")  # something to fire for MEM-01's neighbour, nothing for most
    explanations = explain_rules(t.snapshot(), AS_OF, [rule_id])
    text = format_explanations(explanations, TRUST_NAME)
    assert text.startswith(f"{rule_id} ")
    assert "What it read:" in text and "Fired for (" in text and "Weighed and passed (" in text
    assert "Academy Trust Handbook 2025" in text
    [doc] = explanations_to_json(explanations)
    assert list(doc) == ["rule", "title", "citation", "handbook_edition", "when_it_fires", "read",
                         "could_not_run", "fired", "passed"]
    assert doc["read"], f"{rule_id} says nothing about what it read"
