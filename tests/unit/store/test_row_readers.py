"""The store's generated row readers: the fast path for plain records, `cls(...)` for the rest."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

import pytest

from govboard.domain import model as m
from govboard.domain.enums import Role
from govboard.store.mapping import fills_twin, row_reader


def test_every_record_type_takes_the_fast_path():
    # The check benchmark depends on it; a record class that grows a __post_init__ (say) drops
    # to the slower cls(...) reader, and this names it.
    assert [c.__name__ for c in m.RECORD_TYPES if not fills_twin(c)] == []


@dataclass(frozen=True, slots=True)
class Normalised:
    name: str
    role: Role
    start: date | None = None

    def __post_init__(self):
        object.__setattr__(self, "name", self.name.strip())


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Referenced:
    name: str
    start: date | None = None


@dataclass(frozen=True, slots=True)
class Base:
    name: str


@dataclass(frozen=True, slots=True)
class Derived(Base):
    start: date | None = None


@dataclass(frozen=True)
class Unslotted:
    name: str
    start: date | None = None


@pytest.mark.parametrize("cls", [Normalised, Referenced, Derived, Unslotted])
def test_other_record_shapes_are_built_by_their_own_init(cls):
    assert not fills_twin(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    raw = {"name": "  Zoë O'Brien  ", "role": "Trustee", "start": "2025-09-01"}
    record = row_reader(cls)(tuple(raw[n] for n in names))
    values = {"name": "  Zoë O'Brien  ", "role": Role.TRUSTEE, "start": date(2025, 9, 1)}
    assert type(record) is cls
    assert record == cls(**{n: values[n] for n in names})
    if cls is Normalised:
        assert record.name == "Zoë O'Brien"  # __post_init__ ran


def test_a_null_in_a_nullable_column_reads_as_none():
    record = row_reader(Normalised)(("x", "Member", None))
    assert record == Normalised("x", Role.MEMBER, None)
