"""TrustSnapshot.with_records: the snapshot after an edit, without reading the file again."""

from __future__ import annotations

from datetime import date

import pytest

from govboard.domain.enums import SodLevel
from govboard.domain.model import Interest, Person, SodRow
from govboard.domain.snapshot import TrustSnapshot


def _snapshot() -> TrustSnapshot:
    return TrustSnapshot(
        people=(Person("P1", "Zoë", "Adeyemi"), Person("P2", "Łukasz", "Nowak")),
        interests=(Interest("P1", "Okafor Ltd", start=date(2024, 1, 1), id=7),),
        sod_rows=(SodRow("D01", "Budget", position=1, codes=((SodLevel.BOARD, "D"),)),
                  SodRow("D02", "Audit", position=2)),
    )


def test_add_replace_and_remove_in_order():
    before = _snapshot()
    assert before.person_by_id["P2"].forename == "Łukasz"  # an index built before the edit
    after = before.with_records([
        (None, Person("P3", "Siobhán", "Ó Briain")),
        (before.people[1], Person("P2", "Lukas", "Nowak")),
        (before.interests[0], None),
    ])
    assert [p.id for p in after.people] == ["P1", "P2", "P3"]  # replaced in place, added at the end
    assert after.person_by_id["P2"].forename == "Lukas"  # indexes are the new snapshot's own
    assert after.interests == ()
    assert before.people[1].forename == "Łukasz" and len(before.people) == 2  # the old one unchanged


def test_matched_by_key_not_by_equality():
    before = _snapshot()
    stale = Interest("P1", "Okafor Limited", id=7)  # same id, older values
    after = before.with_records([(stale, Interest("P1", "Okafor Ltd", end=date(2026, 1, 1), id=7))])
    assert after.interests[0].end == date(2026, 1, 1)


def test_scheme_rows_stay_in_scheme_order():
    before = _snapshot()
    moved = SodRow("D01", "Budget", position=3, codes=((SodLevel.BOARD, "D"),))
    after = before.with_records([(before.sod_rows[0], moved), (None, SodRow("D00", "Vision", position=0))])
    assert [r.ref for r in after.sod_rows] == ["D00", "D02", "D01"]


def test_a_record_that_is_not_there_is_refused():
    with pytest.raises(LookupError):
        _snapshot().with_records([(Person("P9", "No", "One"), None)])
