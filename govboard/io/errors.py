"""What the readers report: row errors (fixable by the clerk) and whole-file errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class WorkbookError(Exception):
    """The file as a whole cannot be read: not a workbook, corrupt, encrypted, missing."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class GiasError(Exception):
    """A GIAS extract that cannot be read at all (missing, empty, no recognisable header)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CompaniesHouseError(Exception):
    """A Companies House officers file that cannot be read (not JSON, no `items`)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_input_bytes(path: Path, what: str, error: type[Exception]) -> bytes:
    """The bytes of an input file, or `error` with one sentence naming the file: missing, a
    folder, or unreadable. `what` names the kind of file ("a GIAS extract")."""
    name = path.name
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{name}: the file does not exist ({path})") from None
    except IsADirectoryError:
        raise error(f"{name} is a folder, not {what}") from None
    except OSError as exc:
        raise error(f"{name} could not be read: {exc.strerror or exc}") from None


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one place: sheet (or file), row as Excel shows it, column header, message.

    `row` is None for problems with a whole sheet (a missing sheet-level thing); `column` is
    None for problems with a whole row.
    """

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}
