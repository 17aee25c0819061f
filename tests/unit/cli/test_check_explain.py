"""`govboard-cli check --explain [RULE]` and the citation edition on every face of the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from govboard.cli import main
from govboard.services.trust import create_demo

DEMO_DAY = date(2026, 3, 15)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("explain") / "Hillside.govboard"
    create_demo(path, today=DEMO_DAY).close()
    return path


def test_explain_one_rule_says_what_it_read_and_why_for_each_subject(demo):
    result = run("check", demo, "--as-of", DEMO_DAY, "--explain", "ROI-01")
    assert result.exit_code == 1  # ROI-01 fires (must) for Graham Whitlock
    text = result.stdout
    assert text.startswith("ROI-01 Declaration of interests not made in 12 months [must / advice]")
    assert "What it read:" in text and "people in scope of the register on 15 March 2026" in text
    assert "Fired for (1):" in text and "Graham Whitlock (person P010) [must]" in text
    assert "Siobhán Ó Briain (person P001): declared on" in text
    assert "Source: ATH 2025 part 1 (register of interests)" in text


def test_explain_before_the_file_name_still_reads_the_file(demo):
    result = run("check", "--explain", demo, "--as-of", DEMO_DAY, "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert "Why this matters:" in result.stdout and "Rules silent for lack of data" in result.stdout


def test_explain_with_rule_explains_each_rule_named(demo):
    result = run("check", demo, "--as-of", DEMO_DAY, "--explain", "--rule", "TRU-05", "--rule", "MEM-05",
                 "--fail-on", "never")
    assert result.exit_code == 0
    assert result.stdout.count("What it read:") == 2
    assert "TRU-05 Term of office ended or ending soon" in result.stdout
    assert "MEM-05 Member is also a trustee" in result.stdout


def test_explain_json(demo):
    result = run("check", demo, "--as-of", DEMO_DAY, "--format", "json", "--explain", "RPT-07",
                 "--fail-on", "never")
    payload = json.loads(result.stdout)
    assert set(payload) >= {"trust", "as_of", "rules_version", "counts", "findings", "silent",
                            "handbook_edition", "explanations"}
    assert [f["rule"] for f in payload["findings"]] == ["RPT-07"]  # only the rule explained runs
    [ex] = payload["explanations"]
    assert ex["rule"] == "RPT-07" and ex["handbook_edition"] == "2025"
    [fired] = ex["fired"]
    assert fired["subject"] == {"kind": "organisation", "key": "raghunathan associates",
                                "label": "Raghunathan Associates LLP"}
    assert any("payments dated on or before 15 March 2026" in line for line in ex["read"])


def test_explain_an_unknown_rule_is_bad_usage(demo):
    result = run("check", demo, "--as-of", DEMO_DAY, "--explain", "XYZ-99")
    assert result.exit_code == 2
    assert result.stderr.startswith("govboard-cli: Unknown rule XYZ-99")


def test_text_and_json_show_the_edition_the_run_cited(demo):
    before = run("check", demo, "--as-of", "2025-08-31", "--fail-on", "never", "--rule", "ROI-01").stdout
    after = run("check", demo, "--as-of", "2025-09-01", "--fail-on", "never", "--rule", "ROI-01").stdout
    assert "citing the Academy Trust Handbook 2024" in before.splitlines()[0]
    assert "citing the Academy Trust Handbook 2025" in after.splitlines()[0]
    payload = json.loads(run("check", demo, "--as-of", "2025-08-31", "--format", "json",
                             "--fail-on", "never").stdout)
    cited = {f["citation"] for f in payload["findings"]}
    assert cited and not any("ATH 2025" in c for c in cited if c.startswith("ATH"))
