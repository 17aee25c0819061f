"""Convert domain records to table rows and back, from the records' own type hints.

Dates are ISO text, enums their label, booleans 0/1, money whole pence, Decimal text, and the
scheme of delegation's codes and an LGB's academy URNs JSON. The converters are built once per record class so loading a
large trust costs one function call per column.
"""

from __future__ import annotations

import functools
import json
import operator
import sys
import types
import typing
from dataclasses import fields
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import cache

from ..domain.enums import SodLevel

_NONE = type(None)


def _strip_optional(hint):
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not _NONE]
        if len(args) == 1:
            return args[0]
        if len(args) < len(typing.get_args(hint)):
            return functools.reduce(operator.or_, args)
    return hint


def _open_choice(kind):
    """The enum of an "enum or text kept verbatim" field (Appointment.appointed_by: AppointedBy
    | UnlistedAppointingBody), whose `from_text` reads either back; else None."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        for arg in typing.get_args(kind):
            if isinstance(arg, type) and issubclass(arg, Enum) and hasattr(arg, "from_text"):
                return arg
    return None


def _is_text_tuple(kind) -> bool:
    return typing.get_origin(kind) is tuple and typing.get_args(kind) == (str, ...)


def _to_db(kind):
    if _open_choice(kind) is not None:
        return str  # a member's label, or the unlisted text itself
    if kind is date:
        return lambda v: v.isoformat()
    if isinstance(kind, type) and issubclass(kind, Enum):
        return lambda v: v.value
    if kind is bool:
        return lambda v: 1 if v else 0
    if kind is Decimal:
        return str
    if _is_text_tuple(kind):  # Body.academy_urns
        return lambda v: json.dumps(list(v))
    if typing.get_origin(kind) is tuple:  # SodRow.codes
        return lambda v: json.dumps([[str(level), text] for level, text in v])
    return None


def _from_db(kind):
    if (choice := _open_choice(kind)) is not None:
        return choice.from_text
    if kind is date:
        return date.fromisoformat
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is bool:
        return bool
    if kind is Decimal:
        return Decimal
    if _is_text_tuple(kind):
        return lambda text: tuple(json.loads(text))
    if typing.get_origin(kind) is tuple:
        return lambda text: tuple((SodLevel(level), codes) for level, codes in json.loads(text))
    return None


_EVALUATED: dict[tuple[str, str], object] = {}


@cache
def _hints(cls) -> dict:
    """The fields' types, from their string annotations. Each distinct annotation is evaluated
    once per module: typing.get_type_hints compiles every field's string anew (~45 ms of opening
    a trust, on every start-up, for strings like 'date | None' repeated across record kinds)."""
    namespace = vars(sys.modules[cls.__module__])
    hints = {}
    try:
        for f in fields(cls):
            kind = f.type
            if isinstance(kind, str):
                key = (cls.__module__, kind)
                if key not in _EVALUATED:
                    _EVALUATED[key] = eval(kind, namespace)  # noqa: S307 - our own annotations
                kind = _EVALUATED[key]
            hints[f.name] = kind
    except NameError:  # a name only a base class's module knows
        return typing.get_type_hints(cls)
    return hints


@cache
def _converters(cls) -> tuple[tuple[str, ...], tuple, tuple]:
    hints = _hints(cls)
    names = tuple(f.name for f in fields(cls))
    to_db = tuple(_to_db(_strip_optional(hints[n])) for n in names)
    from_db = tuple(_from_db(_strip_optional(hints[n])) for n in names)
    return names, to_db, from_db


def columns(cls) -> tuple[str, ...]:
    return _converters(cls)[0]


def to_row(record) -> dict:
    names, to_db, _ = _converters(type(record))
    row = {}
    for name, convert in zip(names, to_db):
        value = getattr(record, name)
        row[name] = convert(value) if (convert and value is not None) else value
    return row


def from_row(cls, row):
    """Build a record from a row tuple in `columns(cls)` order."""
    return row_reader(cls)(row)


@cache
def row_reader(cls):
    """A function row -> record specialised for `cls`.

    Loading a large trust builds ~100k frozen records. A frozen dataclass's `__init__` pays an
    `object.__setattr__` call per field, which costs more than reading the row. For a record
    class of the plain shape (see `fills_twin`), the generated reader instead fills a slotted
    twin of `cls` (ordinary attribute stores, which Python specialises) and then assigns
    `__class__ = cls`, which Python allows between classes with the same slots. The result is an
    ordinary `cls` instance, equal to `cls(...)` of the same values (tested per class), built
    about three times faster. Other classes are built by calling `cls(...)`. Each column's
    conversion is written inline.
    """
    names, _, from_db = _converters(cls)
    hints = _hints(cls)
    env: dict = {"cls": cls}
    values = []
    for index, convert in enumerate(from_db):
        value = f"row[{index}]"
        if convert is None:
            values.append(value)
            continue
        nullable = _strip_optional(hints[names[index]]) is not hints[names[index]]
        if isinstance(convert, type) and issubclass(convert, Enum):
            # A dict lookup instead of Enum.__call__ (slow); unknown text still raises there.
            env[f"m{index}"] = convert._value2member_map_
            env[f"c{index}"] = convert
            call = "(m{i}.get({v}) or c{i}({v}))"
        else:
            env[f"c{index}"] = convert
            call = "c{i}({v})"
        if nullable:
            values.append(f"None if (v{index} := {value}) is None else {call.format(i=index, v=f'v{index}')}")
        else:  # NOT NULL column: no None test
            values.append(call.format(i=index, v=value))
    if fills_twin(cls):
        env.update(twin=type(f"{cls.__name__}Fill", (), {"__slots__": cls.__slots__}), new=object.__new__)
        lines = ["record = new(twin)", *(f"record.{n} = {v}" for n, v in zip(names, values)),
                 "record.__class__ = cls", "return record"]
    else:
        lines = [f"return cls({', '.join(f'{n}=({v})' for n, v in zip(names, values))})"]
    source = f"def read_{cls.__name__}(row):\n    " + "\n    ".join(lines) + "\n"
    exec(compile(source, f"<row_reader {cls.__name__}>", "exec"), env)  # noqa: S102 - generated from type hints only
    return env[f"read_{cls.__name__}"]


def fills_twin(cls) -> bool:
    """Whether `row_reader` may build `cls` by filling a slotted twin: a slotted dataclass
    straight from `object` whose slots are exactly its fields (so no `__weakref__`), with no
    `__post_init__` to skip and no `__init__` or `__new__` of its own beyond the generated one."""
    slots = cls.__dict__.get("__slots__")
    return (cls.__bases__ == (object,) and slots is not None
            and tuple(slots) == tuple(f.name for f in fields(cls))
            and not hasattr(cls, "__post_init__") and "__new__" not in cls.__dict__
            and getattr(cls.__init__, "__qualname__", "") == f"{cls.__qualname__}.__init__"
            and cls.__init__.__code__.co_filename == "<string>")  # dataclass-generated


def key_of(record) -> dict:
    """The primary-key columns of a record as a dict (JSON-ready)."""
    row = to_row(record)
    return {k: row[k] for k in type(record).KEY}


def select_sql(cls) -> str:
    cols = ", ".join(f'"{c}"' for c in columns(cls))
    return f'SELECT {cols} FROM "{cls.TABLE}"'
