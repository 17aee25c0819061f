"""`@record`: a frozen, slotted dataclass whose ==, hash and repr are made without compiling.

Python 3.11 builds each dataclass method by compiling source text, about 0.1 ms a method, and the
registers' 32 record classes are built at every start of the app (3% of its start-up). Their
__eq__, __hash__ and __repr__ behave as the generated ones would (the same fields in the same
order, the same class test) but are closures over the class's fields, made without compiling;
dataclasses still makes __init__ and the frozen __setattr__ and __delattr__.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter


def record(cls: type) -> type:
    """As @dataclass(frozen=True, slots=True), with ==, hash and repr made as closures."""
    cls = dataclass(frozen=True, slots=True, repr=False, eq=False)(cls)
    every = fields(cls)
    compared = _getter(tuple(f.name for f in every if f.compare))
    hashed = _getter(tuple(f.name for f in every if (f.compare if f.hash is None else f.hash)))
    shown = tuple(f.name for f in every if f.repr)

    def __eq__(self, other):  # noqa: N807 - the method it is
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self) -> int:  # noqa: N807
        return hash(hashed(self))

    def __repr__(self) -> str:  # noqa: N807
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({values})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


def _getter(names: tuple[str, ...]):
    """The fields' values as a tuple (attrgetter of one name returns the bare value)."""
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names) if names else (lambda obj: ())
