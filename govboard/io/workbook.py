"""The trust workbook (formats.md section 1): read, export, blank template, errors copy.

Pure file <-> domain objects: nothing here touches the database or Qt.

    read_workbook(path, *, today=None) -> WorkbookRead
    write_workbook(snapshot, path, *, paper_content=None) -> Path
    write_template(path) -> Path
    write_errors_copy(source_path, dest_path, errors) -> Path
"""

from __future__ import annotations

from .errors import RowError, WorkbookError
from .schema import FORMAT_VERSION, SHEETS, Column, SheetSpec
from .xlsx_read import WorkbookRead, read_workbook
from .xlsx_write import write_errors_copy, write_template, write_workbook

__all__ = [
    "FORMAT_VERSION",
    "SHEETS",
    "Column",
    "RowError",
    "SheetSpec",
    "WorkbookError",
    "WorkbookRead",
    "read_workbook",
    "write_errors_copy",
    "write_template",
    "write_workbook",
]
