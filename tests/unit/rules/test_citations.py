"""Citations by handbook edition: one table per edition, chosen by the date or the trust's setting."""

import re
from datetime import date

import pytest

from govboard.domain.enums import HandbookEdition
from govboard.rules import catalogue, run_checks
from govboard.rules.base import REGISTRY
from govboard.rules.citations import (
    CITATIONS_BY_EDITION,
    citation,
    edition_for,
    edition_in_force,
)

from .factory import healthy

# Duties that began with the 2025 edition cite it whatever the date; RPT-03 is the legacy regime.
CITES_2025_ALWAYS = {"ARC-06", "PAY-02"}


def test_every_edition_covers_every_rule():
    for edition, table in CITATIONS_BY_EDITION.items():
        assert set(table) == set(REGISTRY), edition


@pytest.mark.parametrize("edition", list(HandbookEdition))
def test_each_table_cites_its_own_edition(edition):
    for rule_id, text in CITATIONS_BY_EDITION[edition].items():
        years = set(re.findall(r"\bATH (\d{4})\b", text))
        if not years or rule_id == "RPT-03":
            continue
        expected = {"2025"} if rule_id in CITES_2025_ALWAYS else {edition.value}
        assert years == expected, (rule_id, text)
        # No guessed numbers: a paragraph, or a part with its heading.
        assert not re.search(r"\d\.x\b|\?\?", text), (rule_id, text)


def test_the_edition_in_force_changes_on_1_september_2025():
    assert edition_in_force(date(2025, 8, 31)) == HandbookEdition.ATH_2024
    assert edition_in_force(date(2025, 9, 1)) == HandbookEdition.ATH_2025
    assert edition_in_force(date(2020, 1, 1)) == HandbookEdition.ATH_2024  # the earliest known
    assert edition_for(date(2026, 3, 1), "2024") == HandbookEdition.ATH_2024  # the trust's choice


def test_findings_cite_the_edition_in_force_on_as_of():
    t = healthy()
    t.remove_roles("M5")  # MEM-02
    for as_of, edition in ((date(2025, 8, 31), "2024"), (date(2025, 9, 1), "2025")):
        result = run_checks(t.snapshot(), as_of, only=["MEM-02"])
        assert result.handbook_edition == edition
        [finding] = result.findings
        assert finding.citation == f"ATH {edition} para 1.3"


def test_the_trusts_handbook_edition_setting_wins():
    t = healthy()
    t.remove_roles("M5")
    t.set(handbook_edition=HandbookEdition.ATH_2024)
    result = run_checks(t.snapshot(), date(2026, 3, 1), only=["MEM-02"])
    assert result.handbook_edition == "2024"
    assert result.findings[0].citation == "ATH 2024 para 1.3"


def test_catalogue_can_cite_either_edition():
    by_2024 = {r.id: r.citation for r in catalogue("2024")}
    by_2025 = {r.id: r.citation for r in catalogue()}  # the latest by default
    assert by_2024["GP-01"] == citation("GP-01", "2024") == "ATH 2024 para 1.41"
    assert by_2025["GP-01"] == "ATH 2025 part 1 (the governance professional)"
    assert by_2024["EXE-04"].startswith("ATH 2024 paras 1.29 and 1.39")
