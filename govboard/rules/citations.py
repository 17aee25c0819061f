"""Where each rule comes from: one citation table per Academy Trust Handbook edition.

Paragraph numbers move between editions, so every paragraph is shown with the edition it was
read in, and a check cites the edition in force on its as-of date (each edition applies from
1 September of its year), or the edition the trust's "Handbook edition" setting names. When a
number is corrected, change its line here and nowhere else.

How sure the numbers are (rulebook: store the edition with the paragraph):
- ATH 2024: as in the rulebook (several are secondary-source readings, see
  reference/rules-research.md). Paras 1.29 and 1.39 (off-payroll accounting officer and CFO) are
  the numbers DfE's own guidance "Academy trusts: off-payroll appointments" gives.
- ATH 2025: only the introduction of the published text is stored, so no paragraph was read in
  the primary text. Paras 1.3-1.6 are at the start of Part 1, before anything the 2025 edition
  added (its first change is para 1.16), and read the same in the 2024/25 wording of Part 1;
  2.27 (executive pay), 3.6 and 3.16 (income thresholds) and 5.5 (novel, contentious or
  repercussive) are the numbers published summaries of the 2025 changes give; 2.3, 2.4 and 3.7
  sit before those unchanged anchors and are kept. Everything else is cited by part and heading,
  not by a guessed number, until it is checked against the handbook itself.

ATH = DfE Academy Trust Handbook; AGG = DfE Academy trust governance guide (2024); MA = DfE model
articles of association (2021 unless stated); KCSIE = Keeping children safe in education (each
edition also in force from 1 September); RPTG = DfE related party transactions guidance
(summary, Oct 2024); PAYG = DfE setting executive salaries guidance (2025); GIAS = GIAS
governance guidance; CA = Companies Act 2006.
"""

from __future__ import annotations

import re
from datetime import date

from govboard.domain.enums import HandbookEdition

# The first day each edition applies. An as-of date before the earliest cites the earliest.
EDITION_IN_FORCE_FROM: dict[HandbookEdition, date] = {
    HandbookEdition.ATH_2024: date(2024, 9, 1),
    HandbookEdition.ATH_2025: date(2025, 9, 1),
}
LATEST_EDITION = max(EDITION_IN_FORCE_FROM, key=EDITION_IN_FORCE_FROM.get)

OFF_PAYROLL_GUIDANCE = 'DfE guidance "Academy trusts: off-payroll appointments"'

# Citations that do not change with the handbook edition.
_SAME_IN_EVERY_EDITION: dict[str, str] = {
    "TRU-01": "MA 2021",
    "TRU-02": "MA 2021 (employee trustees)",
    "TRU-04": "MA 2021 (term of office)",
    "TRU-05": "MA 2021 (term of office); GIAS governance guidance (one record per term)",
    "TRU-06": "MA 2021 (absence without consent)",
    "CHR-01": "MA 2021 (chair and vice-chair)",
    "CHR-02": "MA 2021 (chair elected each school year)",
    "CHR-03": "MA 2021 (chair not an employee)",
    "BRD-03": "MA 2021 (quorum)",
    "BRD-04": "MA 2021 (notice of meetings)",
    "BRD-05": "ESFA investigation findings on rapid board turnover (advice only: no handbook rule)",
    "COM-01": "MA 2021 (committees)",
    "COM-02": "MA 2021 (committees)",
    "LGB-01": "MA 2021 (parent local governors)",
    "LGB-02": "MA 2021 (local governing bodies)",
    "MTG-01": "MA 2021 (conflicts of interest; quorum)",
    "MTG-02": "AGG 2024 (the governance professional's role: minutes)",
    "MTG-03": "AGG 2024 (effective meetings)",
    "MTG-04": "MA 2021 (proceedings); AGG 2024",
    "ARC-05": "AGG 2024",
    "ARC-06": "ATH 2025 para 3.16",  # the duty starts with the 2025 edition
    "RPT-01": "RPTG Oct 2024",
    "RPT-03": "ATH 2022 part 5 (legacy regime)",
    "RPT-05": "RPTG Oct 2024",
    "RPT-06": "MA 2021 (conflicts of interest)",
    "PAY-02": "ATH 2025 para 2.27",  # the pay-policy duty starts with the 2025 edition
    "PAY-03": "PAYG 2025",
    "PAY-04": "MA 2021 (conflicts of interest); PAYG 2025",
    "PAY-05": "PAYG 2025",
    "PAY-06": "DfE executive pay letters (2017-2019)",
    "GIAS-02": "GIAS governance guidance",
    "CH-01": "CA 2006 s167",
    "CH-02": "CA 2006 s162",
}

_ATH_2024: dict[str, str] = {
    "MEM-01": "ATH 2024 para 1.3",
    "MEM-02": "ATH 2024 para 1.3",
    "MEM-03": "ATH 2024 para 1.5",
    "MEM-04": "ATH 2024 para 1.6; MA 2021",
    "MEM-05": "ATH 2024 para 1.6; AGG 2024 para 2.2",
    "TRU-03": "ATH 2024 para 1.22; AGG 2024 para 4.3.1",
    "CHR-04": "KCSIE 2024 (chair of trustees check); GIAS governance guidance",
    "EXE-01": "ATH 2024 para 1.24",
    "EXE-02": "ATH 2024 para 1.28",
    "EXE-03": "ATH 2024 para 1.28",
    "EXE-04": f"ATH 2024 paras 1.29 and 1.39; {OFF_PAYROLL_GUIDANCE}",
    "GP-01": "ATH 2024 para 1.41",
    "GP-02": "ATH 2024 para 1.41",
    "GP-03": "ATH 2024 paras 1.41 and 5.45-5.48",
    "BRD-01": "ATH 2024 para 2.3",
    "BRD-02": "ATH 2024 para 2.3",
    "ARC-01": "ATH 2024 para 3.6",
    "ARC-02": "ATH 2024 para 3.6",
    "ARC-03": "ATH 2024 para 3.7",
    "ARC-04": "ATH 2024 part 3 (audit and risk committee); AGG 2024",
    "ROI-01": "ATH 2024 para 1.45",
    "ROI-02": "ATH 2024 para 1.46",
    "ROI-03": "ATH 2024 paras 5.45-5.48",
    "RPT-02": "RPTG Oct 2024; ATH 2024 para 5.6",
    "RPT-04": "ATH 2024 para 5.49",
    "RPT-07": "RPTG Oct 2024; ATH 2024 paras 5.45-5.48",
    "RPT-08": "RPTG Oct 2024; ATH 2024 paras 5.45-5.48",
    "PAY-01": "ATH 2024 para 2.27",
    "SOD-01": "ATH 2024 para 2.4",
    "SOD-02": "ATH 2024 para 2.4",
    "SOD-03": "MA 2021 (delegation); ATH 2024 para 2.4",
    "SOD-04": "ATH 2024 para 1.6; AGG 2024",
    "SOD-05": "ATH 2024 para 2.4",
    "GIAS-01": "GIAS governance guidance; ATH 2024 part 1",
    "DBS-01": "KCSIE 2024",
    "DBS-02": "ATH 2024 para 1.4; KCSIE 2024",
}

_ATH_2025: dict[str, str] = {
    "MEM-01": "ATH 2025 para 1.3",
    "MEM-02": "ATH 2025 para 1.3",
    "MEM-03": "ATH 2025 para 1.5",
    "MEM-04": "ATH 2025 para 1.6; MA 2021",
    "MEM-05": "ATH 2025 para 1.6; AGG 2024 para 2.2",
    "TRU-03": "ATH 2025 part 1 (trustees: employees as trustees); AGG 2024 para 4.3.1",
    "CHR-04": "KCSIE 2025 (chair of trustees check); GIAS governance guidance",
    "EXE-01": "ATH 2025 part 1 (the accounting officer)",
    "EXE-02": "ATH 2025 part 1 (the chief financial officer)",
    "EXE-03": "ATH 2025 part 1 (the chief financial officer)",
    "EXE-04": "ATH 2025 part 1 (the accounting officer; the chief financial officer: "
              f"off-payroll appointments); {OFF_PAYROLL_GUIDANCE}",
    "GP-01": "ATH 2025 part 1 (the governance professional)",
    "GP-02": "ATH 2025 part 1 (the governance professional)",
    "GP-03": "ATH 2025 part 1 (the governance professional) and part 5 (related party transactions)",
    "BRD-01": "ATH 2025 para 2.3",
    "BRD-02": "ATH 2025 para 2.3",
    "ARC-01": "ATH 2025 para 3.6",
    "ARC-02": "ATH 2025 para 3.6",
    "ARC-03": "ATH 2025 para 3.7",
    "ARC-04": "ATH 2025 part 3 (audit and risk committee); AGG 2024",
    "ROI-01": "ATH 2025 part 1 (register of interests)",
    "ROI-02": "ATH 2025 part 1 (register of interests)",
    "ROI-03": "ATH 2025 part 5 (related party transactions); part 1 (register of interests)",
    "RPT-02": "RPTG Oct 2024; ATH 2025 para 5.5",
    "RPT-04": "ATH 2025 part 5 (related party transactions: at no more than cost)",
    "RPT-07": "RPTG Oct 2024; ATH 2025 part 5 (related party transactions)",
    "RPT-08": "RPTG Oct 2024; ATH 2025 part 5 (related party transactions)",
    "PAY-01": "ATH 2025 paras 2.27 and 2.30",
    "SOD-01": "ATH 2025 para 2.4",
    "SOD-02": "ATH 2025 para 2.4",
    "SOD-03": "MA 2021 (delegation); ATH 2025 para 2.4",
    "SOD-04": "ATH 2025 para 1.6; AGG 2024",
    "SOD-05": "ATH 2025 para 2.4",
    "GIAS-01": "GIAS governance guidance; ATH 2025 part 1",
    "DBS-01": "KCSIE 2025",
    "DBS-02": "ATH 2025 para 1.4; KCSIE 2025",
}

CITATIONS_BY_EDITION: dict[HandbookEdition, dict[str, str]] = {
    HandbookEdition.ATH_2024: {**_SAME_IN_EVERY_EDITION, **_ATH_2024},
    HandbookEdition.ATH_2025: {**_SAME_IN_EVERY_EDITION, **_ATH_2025},
}

# The latest edition's table: what the catalogue shows when no date is in question.
CITATIONS: dict[str, str] = CITATIONS_BY_EDITION[LATEST_EDITION]


def edition_in_force(as_of: date) -> HandbookEdition:
    """The handbook edition that applies on `as_of` (the earliest govboard knows before it)."""
    current = min(EDITION_IN_FORCE_FROM, key=EDITION_IN_FORCE_FROM.get)
    for edition, starts in sorted(EDITION_IN_FORCE_FROM.items(), key=lambda item: item[1]):
        if starts <= as_of:
            current = edition
    return current


def edition_for(as_of: date, chosen: HandbookEdition | str | None = None) -> HandbookEdition:
    """The edition a check as at `as_of` cites: the trust's chosen edition, else the one in force."""
    if chosen:
        return HandbookEdition(chosen)
    return edition_in_force(as_of)


def citation(rule_id: str, edition: HandbookEdition | str) -> str:
    """The rule's citation in `edition`'s table."""
    return CITATIONS_BY_EDITION[HandbookEdition(edition)][rule_id]


# The abbreviations above, spelt out for people reading a citation on screen (the table keeps the
# short form: it is what `rules --format json` and the pack's appendix print).
_SPELT_OUT = (
    (re.compile(r"\bMA (\d{4})\b"), r"DfE model articles (\1)"),
    (re.compile(r"\bMA\b"), "DfE model articles"),
    (re.compile(r"\bATH (\d{4})\b"), r"Academy Trust Handbook \1"),
    (re.compile(r"\bAGG (\d{4})\b"), r"Academy trust governance guide (\1)"),
    (re.compile(r"\bKCSIE (\d{4})\b"), r"Keeping children safe in education \1"),
    (re.compile(r"\bRPTG Oct (\d{4})\b"), r"DfE related party transactions guidance (October \1)"),
    (re.compile(r"\bRPTG\b"), "DfE related party transactions guidance"),
    (re.compile(r"\bPAYG (\d{4})\b"), r"DfE guidance on setting executive salaries (\1)"),
    (re.compile(r"\bCA 2006 s(\d+)\b"), r"Companies Act 2006, section \1"),
    (re.compile(r"\bCA 2006\b"), "Companies Act 2006"),
    (re.compile(r"\bparas\b"), "paragraphs"),
    (re.compile(r"\bpara\b"), "paragraph"),
    # "DfE model articles (2021) (quorum)" reads better as "DfE model articles (2021): quorum".
    (re.compile(r"\((\d{4})\) \(([^)]*)\)"), r"(\1): \2"),
)


def spelt_out(citation: str) -> str:
    """'MA 2021 (quorum); ATH 2024 para 2.3' -> 'DfE model articles (2021): quorum; Academy Trust
    Handbook 2024 paragraph 2.3'."""
    text = citation or ""
    for pattern, words in _SPELT_OUT:
        text = pattern.sub(words, text)
    return text
