"""Where each rule comes from: the one table of citations.

Paragraph numbers move between editions, so every paragraph is shown with the edition it was
read in. Several numbers are secondary-source readings (see reference/rules-research.md): when
one is corrected, change its line here and nowhere else.

ATH = DfE Academy Trust Handbook; AGG = DfE Academy trust governance guide (2024); MA = DfE model
articles of association (2021 unless stated); KCSIE = Keeping children safe in education;
RPTG = DfE related party transactions guidance (summary, Oct 2024); PAYG = DfE setting executive
salaries guidance (2025); GIAS = GIAS governance guidance; CA = Companies Act 2006.
"""

from __future__ import annotations

CITATIONS: dict[str, str] = {
    "MEM-01": "ATH 2024 para 1.3",
    "MEM-02": "ATH 2024 para 1.3",
    "MEM-03": "ATH 2024 para 1.5",
    "MEM-04": "ATH 2024 para 1.6; MA 2021",
    "MEM-05": "ATH 2024 para 1.6; AGG 2024 para 2.2",
    "TRU-01": "MA 2021",
    "TRU-02": "MA 2021 (employee trustees)",
    "TRU-03": "ATH 2024 para 1.22; AGG 2024 para 4.3.1",
    "TRU-04": "MA 2021 (term of office)",
    "TRU-05": "MA 2021 (term of office); GIAS governance guidance (one record per term)",
    "TRU-06": "MA 2021 (absence without consent)",
    "CHR-01": "MA 2021 (chair and vice-chair)",
    "CHR-02": "MA 2021 (chair elected each school year)",
    "CHR-03": "MA 2021 (chair not an employee)",
    "CHR-04": "KCSIE 2024 (chair of trustees check); GIAS governance guidance",
    "EXE-01": "ATH 2024 para 1.24",
    "EXE-02": "ATH 2024 para 1.28",
    "EXE-03": "ATH 2024 para 1.28",
    "GP-01": "ATH 2024 para 1.41",
    "GP-02": "ATH 2024 para 1.41",
    "BRD-01": "ATH 2024 para 2.3",
    "BRD-02": "ATH 2024 para 2.3",
    "BRD-03": "MA 2021 (quorum)",
    "BRD-04": "MA 2021 (notice of meetings)",
    "COM-01": "MA 2021 (committees)",
    "COM-02": "MA 2021 (committees)",
    "LGB-01": "MA 2021 (parent local governors)",
    "LGB-02": "MA 2021 (local governing bodies)",
    "ARC-01": "ATH 2024 para 3.6",
    "ARC-02": "ATH 2025 para 3.6",
    "ARC-03": "ATH 2024 para 3.7",
    "ARC-04": "ATH 2024 part 3 (audit and risk committee); AGG 2024",
    "ARC-05": "AGG 2024",
    "ARC-06": "ATH 2025 para 3.16",
    "ROI-01": "ATH 2024 para 1.45",
    "ROI-02": "ATH 2024 para 1.46",
    "RPT-01": "RPTG Oct 2024",
    "RPT-02": "RPTG Oct 2024; ATH 2024 para 5.6",
    "RPT-03": "ATH 2022 part 5 (legacy regime)",
    "RPT-04": "ATH 2024 para 5.49",
    "RPT-05": "RPTG Oct 2024",
    "RPT-06": "MA 2021 (conflicts of interest)",
    "RPT-07": "RPTG Oct 2024; ATH 2024 para 1.45",
    "PAY-01": "ATH 2024 para 2.27",
    "PAY-02": "ATH 2025 para 2.27",
    "PAY-03": "PAYG 2025",
    "PAY-04": "MA 2021 (conflicts of interest); PAYG 2025",
    "PAY-05": "PAYG 2025",
    "PAY-06": "DfE executive pay letters (2017-2019)",
    "SOD-01": "ATH 2024 para 2.4",
    "SOD-02": "ATH 2024 para 2.4",
    "SOD-03": "MA 2021 (delegation); ATH 2024 para 2.4",
    "SOD-04": "ATH 2024 para 1.6; AGG 2024",
    "SOD-05": "ATH 2024 para 2.4",
    "GIAS-01": "GIAS governance guidance; ATH 2024 part 1",
    "GIAS-02": "GIAS governance guidance",
    "CH-01": "CA 2006 s167",
    "CH-02": "CA 2006 s162",
    "DBS-01": "KCSIE 2024",
    "DBS-02": "ATH 2024 para 1.4; KCSIE 2024",
}
