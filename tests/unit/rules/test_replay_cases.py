"""The replay cases (tests/unit/rules/replay.py): each published failure gives the findings it
must, at the severity it must, and nothing else but what the case explains."""

import pytest

from govboard.rules import run_checks

from .replay import REPLAY_CASES


@pytest.mark.parametrize("case", REPLAY_CASES, ids=[c.name for c in REPLAY_CASES])
def test_the_published_failure_is_found(case):
    findings = run_checks(case.build(), case.as_of).findings
    found = {(f.rule, f.subject.key): f.severity for f in findings}
    for (rule, key), severity in case.must_fire.items():
        assert found.get((rule, key)) == severity, (
            f"{case.failure} -> {rule} must fire for {key} ({severity}); found {sorted(found)}")
    others = {rule for (rule, key) in found if (rule, key) not in case.must_fire}
    assert others <= case.also, f"{case.name}: unexpected {sorted(others)}"
    for f in findings:
        assert f.message.endswith(".") and "  " not in f.message, f.message
