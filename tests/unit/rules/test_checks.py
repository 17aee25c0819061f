from datetime import date

from govboard.domain.enums import CheckKind, Role, Severity

from .factory import LGB


def _without(trust, person_id, kind):
    trust.checks = [c for c in trust.checks if not (c.person_id == person_id and c.kind == kind)]


def test_dbs_01_missing_enhanced_dbs(trust):
    assert not trust.fires("DBS-01")
    _without(trust, "L2", CheckKind.ENHANCED_DBS)
    _without(trust, "M1", CheckKind.ENHANCED_DBS)
    assert [f.subject.key for f in trust.findings("DBS-01")] == ["L2", "M1"]


def test_dbs_01_scope_is_members_trustees_and_local_governors(trust):
    trust.check("CEO", CheckKind.IDENTITY, date(2020, 1, 1))  # CEO is not a governor
    trust.role("CFO", Role.COMMITTEE_MEMBER, "Audit and risk committee", start=date(2024, 1, 1))
    assert not trust.fires("DBS-01")


def test_dbs_02_missing_section_128_is_must(trust):
    _without(trust, "T3", CheckKind.SECTION_128)
    [finding] = trust.findings("DBS-02")
    assert finding.severity == Severity.MUST


def test_dbs_02_check_after_start_is_should(trust):
    _without(trust, "L2", CheckKind.SECTION_128)
    trust.check("L2", CheckKind.SECTION_128, date(2023, 9, 1))  # on the start date: fine
    assert not trust.fires("DBS-02")
    _without(trust, "L2", CheckKind.SECTION_128)
    trust.check("L2", CheckKind.SECTION_128, date(2023, 9, 2))
    [finding] = trust.findings("DBS-02")
    assert finding.severity == Severity.SHOULD
    assert finding.subject.key == "L2"


def test_dbs_02_reappointment_does_not_restart(trust):
    trust.change_roles("L3", Role.LOCAL_GOVERNOR, start=date(2019, 9, 1), end=date(2023, 8, 31))
    trust.role("L3", Role.LOCAL_GOVERNOR, LGB, start=date(2023, 9, 1))
    assert trust.findings("DBS-02")[0].evidence["in_office_since"] == "2019-09-01"
