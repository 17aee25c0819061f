"""Convert domain records to table rows and back, from the records' own type hints.

Dates are ISO text, enums their label, booleans 0/1, money whole pence, Decimal text, and the
scheme of delegation's codes JSON. The converters are built once per record class so loading a
large trust costs one function call per column.
"""

from __future__ import annotations

import json
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
    return hint


def _to_db(kind):
    if kind is date:
        return lambda v: v.isoformat()
    if isinstance(kind, type) and issubclass(kind, Enum):
        return lambda v: v.value
    if kind is bool:
        return lambda v: 1 if v else 0
    if kind is Decimal:
        return str
    if typing.get_origin(kind) is tuple:  # SodRow.codes
        return lambda v: json.dumps([[str(level), text] for level, text in v])
    return None


def _from_db(kind):
    if kind is date:
        return date.fromisoformat
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is bool:
        return bool
    if kind is Decimal:
        return Decimal
    if typing.get_origin(kind) is tuple:
        return lambda text: tuple((SodLevel(level), codes) for level, codes in json.loads(text))
    return None


@cache
def _converters(cls) -> tuple[tuple[str, ...], tuple, tuple]:
    hints = typing.get_type_hints(cls)
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
    names, _, from_db = _converters(cls)
    values = [
        (convert(value) if (convert and value is not None) else value)
        for value, convert in zip(row, from_db)
    ]
    return cls(*values) if _positional_ok(cls) else cls(**dict(zip(names, values)))


@cache
def _positional_ok(cls) -> bool:
    return not any(f.kw_only for f in fields(cls))


def key_of(record) -> dict:
    """The primary-key columns of a record as a dict (JSON-ready)."""
    row = to_row(record)
    return {k: row[k] for k in type(record).KEY}


def select_sql(cls) -> str:
    cols = ", ".join(f'"{c}"' for c in columns(cls))
    return f'SELECT {cols} FROM "{cls.TABLE}"'
