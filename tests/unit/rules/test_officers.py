from datetime import date

from govboard.domain.enums import CheckKind, Role

from .factory import AS_OF, LGB


def test_chr_01_no_chair(trust):
    assert not trust.fires("CHR-01")
    trust.remove_roles("T1", Role.CHAIR_OF_TRUSTEES)
    [finding] = trust.findings("CHR-01")
    assert finding.message == "No chair of trustees is in office."


def test_chr_01_two_chairs(trust):
    trust.role("T2", Role.CHAIR_OF_TRUSTEES, start=date(2025, 9, 15))
    [finding] = trust.findings("CHR-01")
    assert sorted(finding.evidence["chairs"]) == ["T1", "T2"]
    assert "2 people" in finding.message


def test_chr_02_chair_elected_more_than_12_months_ago(trust):
    trust.change_roles("T1", Role.CHAIR_OF_TRUSTEES, start=date(2025, 3, 2))
    assert not trust.fires("CHR-02")  # within the 12 months before as_of
    trust.change_roles("T1", Role.CHAIR_OF_TRUSTEES, start=date(2025, 3, 1))
    [finding] = trust.findings("CHR-02")
    assert finding.subject.key == "T1"


def test_chr_03_chair_is_employee(trust):
    assert not trust.fires("CHR-03")
    trust.employ("T1")
    trust.employ("L1")
    findings = trust.findings("CHR-03")
    assert [f.subject.key for f in findings] == ["L1", "T1"]
    assert f"chair of {LGB}" in findings[0].message


def test_chr_04_sos_check_before_continuous_chair_time(trust):
    # Chair since 2024-09-10, re-elected 2025-09-15 (the day after the first term ended).
    trust.change_roles("T1", Role.CHAIR_OF_TRUSTEES, start=date(2025, 9, 15))
    trust.role("T1", Role.CHAIR_OF_TRUSTEES, start=date(2024, 9, 10), end=date(2025, 9, 14))
    trust.checks = [c for c in trust.checks if c.kind != CheckKind.SOS_CHAIR_CHECK]
    trust.check("T1", CheckKind.SOS_CHAIR_CHECK, date(2024, 9, 10))
    assert not trust.fires("CHR-04")
    trust.checks = [c for c in trust.checks if c.kind != CheckKind.SOS_CHAIR_CHECK]
    trust.check("T1", CheckKind.SOS_CHAIR_CHECK, date(2025, 1, 1))  # re-election does not restart
    [finding] = trust.findings("CHR-04")
    assert finding.evidence["chair_since"] == "2024-09-10"


def test_chr_04_no_check(trust):
    trust.checks = [c for c in trust.checks if c.kind != CheckKind.SOS_CHAIR_CHECK]
    [finding] = trust.findings("CHR-04")
    assert "no Secretary of State chair check" in finding.message


def test_exe_01_accounting_officer(trust):
    assert not trust.fires("EXE-01")
    trust.role("CFO", Role.ACCOUNTING_OFFICER, start=date(2024, 1, 1))
    [finding] = trust.findings("EXE-01")
    assert finding.subject.kind == "trust" and finding.subject.key == "Hillside Learning Trust"
    trust.remove_roles("CFO", Role.ACCOUNTING_OFFICER)
    trust.remove_roles("CEO", Role.ACCOUNTING_OFFICER)
    assert trust.findings("EXE-01")[0].message == "No accounting officer is in office."


def test_exe_02_no_cfo(trust):
    assert not trust.fires("EXE-02")
    trust.change_roles("CFO", Role.CHIEF_FINANCIAL_OFFICER, end=date(2026, 2, 28))
    assert trust.fires("EXE-02")


def test_exe_03_ao_is_cfo(trust):
    assert not trust.fires("EXE-03")
    trust.role("CEO", Role.CHIEF_FINANCIAL_OFFICER, start=date(2025, 1, 1))
    [finding] = trust.findings("EXE-03")
    assert finding.subject.key == "CEO"


def test_gp_01_no_governance_professional(trust):
    assert not trust.fires("GP-01")
    trust.change_roles("GP", Role.GOVERNANCE_PROFESSIONAL, body=LGB)  # clerk to an LGB only
    assert trust.fires("GP-01")


def test_gp_02_clerk_is_a_trustee(trust):
    assert not trust.fires("GP-02")
    trust.role("GP", Role.TRUSTEE, start=date(2024, 1, 1), term_end=date(2028, 1, 1))
    [finding] = trust.findings("GP-02")
    assert finding.message == "Gill Price is the board's governance professional and also a trustee."


def test_gp_02_clerk_is_a_headteacher(trust):
    trust.role("GP", Role.HEADTEACHER, LGB, start=date(2024, 1, 1), end=AS_OF)
    assert trust.fires("GP-02")
