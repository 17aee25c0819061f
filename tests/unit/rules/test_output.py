import json
from datetime import date

from govboard.domain.enums import Role
from govboard.domain.model import Acknowledgement
from govboard.rules import run_checks
from govboard.rules.output import (
    catalogue_to_json,
    format_catalogue_text,
    format_text,
    result_to_json,
)

from .factory import AS_OF, TRUST_NAME, healthy


def _result():
    t = healthy()
    t.role("T2", Role.MEMBER, "Members", start=date(2023, 10, 1))  # MEM-05 advice
    t.remove_roles("M4", Role.MEMBER)  # MEM-02 should: 4 members with T2
    t.remove_roles("M5", Role.MEMBER)
    t.employ("M1")  # MEM-03 must
    t.acknowledgements.append(Acknowledgement("MEM-02", "body", "Members", "Four is enough for now"))
    return run_checks(t.snapshot(), AS_OF)


def test_result_to_json_shape():
    doc = result_to_json(_result(), TRUST_NAME)
    assert list(doc) == ["trust", "as_of", "rules_version", "counts", "findings"]
    assert doc["trust"] == TRUST_NAME
    assert doc["as_of"] == "2026-03-01"
    assert doc["rules_version"] == "2"
    assert doc["counts"] == {"must": 1, "should": 1, "advice": 1}
    assert [f["rule"] for f in doc["findings"]] == ["MEM-03", "MEM-02", "MEM-05"]
    advice = doc["findings"][2]
    assert list(advice) == ["rule", "severity", "title", "message", "subject", "evidence", "citation",
                            "remedy", "acknowledged"]
    assert advice == {
        "rule": "MEM-05",
        "severity": "advice",
        "title": "Member is also a trustee",
        "message": "Una Reed is both a member and a trustee.",
        "subject": {"kind": "person", "key": "T2", "label": "Una Reed"},
        "evidence": {"member_since": "2023-10-01", "trustee_since": "2023-09-01"},
        "citation": "ATH 2025 para 1.6; AGG 2024 para 2.2",  # the edition in force on AS_OF
        "remedy": advice["remedy"],
        "acknowledged": False,
    }
    assert advice["remedy"]
    assert doc["findings"][1]["acknowledged"] is True
    json.loads(json.dumps(doc))


def test_format_text_groups_by_severity():
    text = format_text(_result(), TRUST_NAME, explain=False)
    assert text.startswith(f"{TRUST_NAME}: governance check as at 2026-03-01")
    assert "1 must, 1 should, 1 advice" in text
    must, should, advice = (text.index("MUST:"), text.index("SHOULD:"), text.index("ADVICE:"))
    assert must < should < advice
    assert "Amara Okafor is a member and also an employee of the trust." in text
    assert "[acknowledged]" in text and "Four is enough for now" in text
    assert "Why this matters" not in text and "silent" not in text


def test_format_text_explain_lists_silent_rules():
    text = format_text(_result(), TRUST_NAME, explain=True)
    assert "Why this matters" in text
    assert "Rules silent for lack of data" in text
    assert "GIAS-02: no GIAS extract has been imported" in text


def test_format_text_with_no_findings():
    text = format_text(run_checks(healthy().snapshot(), AS_OF), TRUST_NAME)
    assert "No findings." in text


def test_catalogue_outputs():
    entries = catalogue_to_json()
    assert len(entries) == 69  # 65 with the other v2 rules, and MTG-01..04
    assert all(list(e) == ["id", "severity", "title", "citation", "explanation"] for e in entries)
    mem_04 = next(e for e in entries if e["id"] == "MEM-04")
    assert mem_04["severity"] == "must"
    text = format_catalogue_text()
    assert "MEM-04 [must / should]" in text and "RPT-07 [must / should]" in text
