"""The trust file: schema, migrations, writes with a change log, undo, snapshot loading."""

from .trustfile import (
    Batch,
    Change,
    Delete,
    Insert,
    LoggedChange,
    ReadOnlyError,
    TrustFile,
    TrustFileError,
    Update,
)

__all__ = [
    "Batch", "Change", "Delete", "Insert", "LoggedChange", "ReadOnlyError", "TrustFile",
    "TrustFileError", "Update",
]
