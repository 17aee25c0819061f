from datetime import date

from govboard.domain.enums import ArticlesModel, Role, Severity

from .factory import AS_OF


def _drop_members(trust, *person_ids):
    for person_id in person_ids:
        trust.remove_roles(person_id, Role.MEMBER)


def test_mem_01_silent_with_exactly_three_members(trust):
    _drop_members(trust, "M4", "M5")
    assert not trust.fires("MEM-01")


def test_mem_01_fires_with_two_members(trust):
    _drop_members(trust, "M3", "M4", "M5")
    [finding] = trust.findings("MEM-01")
    assert finding.severity == Severity.MUST
    assert (finding.subject.kind, finding.subject.key) == ("body", "Members")
    assert finding.evidence["members_in_office"] == 2


def test_mem_01_counts_members_in_office_on_as_of(trust):
    # A member whose term ends on as_of is still in office; one who starts the day after is not.
    _drop_members(trust, "M3", "M4", "M5")
    trust.role("M3", Role.MEMBER, "Members", start=date(2020, 1, 1), end=AS_OF)
    assert not trust.fires("MEM-01")
    trust.change_roles("M3", Role.MEMBER, start=date(2026, 3, 2), end=None)
    assert trust.fires("MEM-01")


def test_mem_02_boundary(trust):
    assert not trust.fires("MEM-02")
    _drop_members(trust, "M5")
    [finding] = trust.findings("MEM-02")
    assert finding.severity == Severity.SHOULD


def test_mem_03_member_who_is_employee(trust):
    assert not trust.fires("MEM-03")
    trust.employ("M2", start=date(2025, 1, 1))
    [finding] = trust.findings("MEM-03")
    assert finding.subject.key == "M2"
    assert finding.message == "Ben Hughes is a member and also an employee of the trust."


def test_mem_03_past_employment_does_not_count(trust):
    trust.employ("M2", start=date(2020, 1, 1), end=date(2025, 12, 31))
    assert not trust.fires("MEM-03")


def test_mem_04_half_of_members_being_trustees_fires(trust):
    _drop_members(trust, "M5")  # 4 members
    trust.role("T2", Role.MEMBER, "Members")  # 5 members, 1 trustee
    assert not trust.fires("MEM-04")
    trust.role("T3", Role.MEMBER, "Members")  # 6 members, 2 trustees: fewer than half
    assert not trust.fires("MEM-04")
    trust.role("T4", Role.MEMBER, "Members")  # 7 members, 3 trustees: still fewer than half
    assert not trust.fires("MEM-04")
    _drop_members(trust, "M4")  # 6 members, 3 trustees: exactly half
    [finding] = trust.findings("MEM-04")
    assert finding.severity == Severity.MUST
    assert finding.evidence["members_who_are_trustees"] == ["T2", "T3", "T4"]


def test_mem_04_is_should_under_pre_2021_articles(trust):
    _drop_members(trust, "M2", "M3", "M4", "M5")
    trust.role("T2", Role.MEMBER, "Members")
    trust.set(articles_model=ArticlesModel.PRE_2021)
    [finding] = trust.findings("MEM-04")
    assert finding.severity == Severity.SHOULD


def test_mem_05_member_and_trustee(trust):
    assert not trust.fires("MEM-05")
    trust.role("T2", Role.MEMBER, "Members", start=date(2021, 9, 1))
    [finding] = trust.findings("MEM-05")
    assert finding.message == "Una Reed is both a member and a trustee."
    assert finding.evidence == {"member_since": "2021-09-01", "trustee_since": "2023-09-01"}


def test_mem_05_chair_counts_as_trustee(trust):
    # Role implication: a chair of trustees is a trustee even without a Trustee row.
    trust.remove_roles("T1", Role.TRUSTEE)
    trust.role("T1", Role.MEMBER, "Members")
    assert [f.subject.key for f in trust.findings("MEM-05")] == ["T1"]
