"""The typical scheme a trust can start from: 35 decisions that pass the scheme's own rules."""

from __future__ import annotations

from datetime import date

from govboard.domain.enums import ReservedTo, SodLevel
from govboard.domain.snapshot import TrustSnapshot
from govboard.domain.validate import parse_delegation_codes, validate_registers
from govboard.rules import run_checks
from govboard.services.starter_scheme import TYPICAL_SCHEME, typical_scheme
from govboard.store import Insert, TrustFile


def test_thirty_five_rows_with_unique_refs_and_positions():
    rows = typical_scheme()
    assert len(rows) == len(TYPICAL_SCHEME) == 35
    assert [r.ref for r in rows] == [f"D{n:02d}" for n in range(1, 36)]
    assert [r.position for r in rows] == list(range(1, 36))
    assert all(r.decision.strip() and r.area for r in rows)
    # Rows 1-7 of the research table are the members' reserved matters.
    assert [r.reserved_to for r in rows[:7]] == [ReservedTo.MEMBERS] * 7
    assert ReservedTo.MEMBERS not in {r.reserved_to for r in rows[7:]}


def test_every_cell_is_canonical_and_in_level_order():
    level_order = list(SodLevel)
    for row in typical_scheme():
        levels = [level for level, _ in row.codes]
        assert levels == sorted(levels, key=level_order.index), row.ref
        for level, text in row.codes:
            # The same text a user typing it, or the workbook import, would store.
            assert parse_delegation_codes(text) == text, (row.ref, level)


def test_each_row_has_exactly_one_decider_at_a_level_it_is_allowed():
    for row in typical_scheme():
        deciders = row.levels_with("D")
        assert len(deciders) == 1, row.ref
        if row.reserved_to == ReservedTo.MEMBERS:
            assert deciders == [SodLevel.MEMBERS], row.ref
        elif row.reserved_to == ReservedTo.BOARD:
            assert deciders == [SodLevel.BOARD], row.ref
        else:
            assert deciders != [SodLevel.MEMBERS], row.ref


def test_the_rules_find_nothing_wrong_with_the_rows():
    snapshot = TrustSnapshot(sod_rows=typical_scheme())
    assert validate_registers(snapshot) == []
    result = run_checks(snapshot, date(2026, 3, 1), only=["SOD-02", "SOD-03", "SOD-04"])
    assert result.findings == []
    # The checks do look at these rows: breaking one row is found at once.
    first, *rest = typical_scheme()
    broken = first.__class__(first.ref, first.decision, area=first.area, reserved_to=first.reserved_to,
                             position=first.position, codes=((SodLevel.BOARD, "D"),))
    result = run_checks(TrustSnapshot(sod_rows=(broken, *rest)), date(2026, 3, 1),
                        only=["SOD-02", "SOD-03", "SOD-04"])
    assert [(f.rule, f.subject.key) for f in result.findings] == [("SOD-03", "D01")]


def test_rows_round_trip_through_a_trust_file(tmp_path):
    path = tmp_path / "New trust.govboard"
    with TrustFile.create(path, name="New Trust") as tf:
        tf.apply([Insert(row) for row in typical_scheme()], "Start from a typical scheme")
    with TrustFile.open(path, read_only=True) as tf:
        assert tf.load_snapshot().sod_rows == typical_scheme()
