"""`@record` behaves as @dataclass(frozen=True, slots=True) does, with the standard dataclass as
the oracle: the same equality, hash, repr, immutability, slots and dataclass functions."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

import pytest

from govboard.domain import model as m
from govboard.domain.record import record


def _pair(body: dict):
    """The same class made both ways."""
    made = []
    for decorate in (dataclass(frozen=True, slots=True), record):
        made.append(decorate(type("Sample", (), dict(body))))
    return made


ANNOTATED = {
    "__annotations__": {"id": "str", "when": "date | None", "amount": "int", "notes": "dict",
                        "secret": "bytes"},
    "when": None,
    "amount": 0,
    "notes": field(default_factory=dict, compare=False, hash=False),
    "secret": field(default=b"", repr=False),
}


@pytest.mark.parametrize("values", [
    ("A1",), ("A1", date(2026, 9, 1)), ("A1", None, 40_000), ("A1", None, 5, {"why": 1}, b"pdf"),
])
def test_equality_hash_and_repr_are_the_dataclass_ones(values):
    standard, ours = _pair(ANNOTATED)
    a, b = standard(*values), ours(*values)
    assert repr(a) == repr(b)
    assert hash(a) == hash(b)
    assert b == ours(*values)
    assert (b != ours(*values)) is False  # != comes from __eq__
    assert dataclasses.astuple(a) == dataclasses.astuple(b)


def test_fields_left_out_of_comparison_are_left_out_of_equality_and_hash():
    _, ours = _pair(ANNOTATED)
    one, other = ours("A1", notes={"a": 1}), ours("A1", notes={"b": 2})
    assert one == other and hash(one) == hash(other)
    assert ours("A1", amount=1) != ours("A1", amount=2)
    assert "secret" not in repr(ours("A1", secret=b"pdf"))


def test_another_class_with_the_same_values_is_not_equal():
    standard, ours = _pair(ANNOTATED)
    assert ours("A1") != standard("A1") and standard("A1") != ours("A1")
    assert ours("A1").__eq__("A1") is NotImplemented
    assert m.Person("P1", "Ann", "Lee") != m.Academy("P1", "Ann")


def test_records_stay_frozen_slotted_dataclasses():
    person = m.Person("P1", "Ann", "Lee")
    with pytest.raises(dataclasses.FrozenInstanceError):
        person.surname = "Other"  # type: ignore[misc]
    assert not hasattr(person, "__dict__") and dataclasses.is_dataclass(person)
    assert dataclasses.replace(person, surname="Other") == m.Person("P1", "Ann", "Other")
    assert {person, m.Person("P1", "Ann", "Lee")} == {person}
    assert m.Paper("abc", "Minutes.pdf", b"%PDF").__repr__() == "Paper(sha256='abc', name='Minutes.pdf')"


def test_a_record_of_one_field_compares_and_hashes_by_it():
    standard, ours = _pair({"__annotations__": {"only": "str"}})
    assert ours("x") == ours("x") and ours("x") != ours("y")
    assert hash(ours("x")) == hash(standard("x")) and repr(ours("x")) == repr(standard("x"))
