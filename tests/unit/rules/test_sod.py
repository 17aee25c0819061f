from datetime import date

from govboard.domain.enums import ReservedTo, Role, SodLevel
from govboard.domain.model import SodRow


def _row(ref, codes, reserved_to=None):
    return SodRow(ref, f"Decision {ref}", reserved_to=reserved_to, codes=tuple(codes.items()))


def test_sod_01_approval_within_12_months(trust):
    trust.set(sod_approved_on=date(2025, 3, 2))
    assert not trust.fires("SOD-01")
    trust.set(sod_approved_on=date(2025, 3, 1))
    assert trust.fires("SOD-01")
    trust.set(sod_approved_on=None)
    assert trust.findings("SOD-01")[0].subject.kind == "trust"


def test_sod_02_orphan_and_conflict(trust):
    assert not trust.fires("SOD-02")
    trust.sod_rows += [
        _row("9", {SodLevel.BOARD: "R", SodLevel.CHIEF_EXECUTIVE: "C"}),
        _row("10", {SodLevel.BOARD: "D", SodLevel.CHIEF_EXECUTIVE: "D,R"}),
    ]
    findings = trust.findings("SOD-02")
    assert [(f.subject.kind, f.subject.key) for f in findings] == [("sod_row", "10"), ("sod_row", "9")]


def test_sod_03_reserved_matters(trust):
    assert not trust.fires("SOD-03")
    trust.sod_rows += [
        _row("9", {SodLevel.BOARD: "D"}, ReservedTo.MEMBERS),
        _row("10", {SodLevel.CHIEF_EXECUTIVE: "D", SodLevel.BOARD: "M"}, ReservedTo.BOARD),
        _row("11", {SodLevel.BOARD: "D", SodLevel.CHIEF_EXECUTIVE: "R"}, ReservedTo.BOARD),
    ]
    assert sorted(f.subject.key for f in trust.findings("SOD-03")) == ["10", "9"]


def test_sod_04_members_acting_as_board(trust):
    assert not trust.fires("SOD-04")  # row 1 is reserved to members
    trust.sod_rows.append(_row("9", {SodLevel.MEMBERS: "D"}))
    trust.sod_rows.append(_row("10", {SodLevel.MEMBERS: "D"}, ReservedTo.BOARD))
    assert sorted(f.subject.key for f in trust.findings("SOD-04")) == ["10", "9"]


def test_sod_05_level_that_does_not_exist(trust):
    assert not trust.fires("SOD-05")
    trust.sod_rows.append(_row("9", {SodLevel.FINANCE: "R", SodLevel.BOARD: "D",
                                     SodLevel.STANDARDS: "C"}))
    [finding] = trust.findings("SOD-05")  # consulted-only levels do not count
    assert (finding.subject.kind, finding.subject.key) == ("sod_level", "Finance committee")
    assert finding.evidence["rows"] == ["9"]


def test_sod_05_role_nobody_holds(trust):
    trust.remove_roles("CEO", Role.CHIEF_EXECUTIVE)
    [finding] = trust.findings("SOD-05")
    assert finding.subject.key == "Chief executive"
    assert finding.evidence["rows"] == ["3"]
