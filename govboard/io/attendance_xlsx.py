"""The attendance statement as a workbook: one row per person per body, for the annual report."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from govboard.domain.attendance import AttendanceStatement

from .xlsx_write import FORMULA_START, _save_atomically

HEADERS = ("Body", "Name", "Role", "Meetings attended", "Out of", "Attendance", "Note")
WIDTHS = (34, 30, 12, 18, 10, 14, 34)


def _text(value: str):
    # Names and bodies are the trust's text: never run as a formula.
    return "'" + value if value.startswith(FORMULA_START) else value


def write_attendance_xlsx(statement: AttendanceStatement, out_path) -> Path:
    out_path = Path(out_path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Attendance"
    ws.append(HEADERS)
    for n, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[ws.cell(1, n).column_letter].width = width
    for c in ws[1]:
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="1D4E89")
        c.alignment = Alignment(vertical="center")
    ws.freeze_panes = "A2"
    for body in statement.bodies:
        for line in body.lines:
            ws.append([_text(body.body), _text(line.name), line.role, line.attended, line.possible,
                       line.out_of, _text(line.note) or None])
    notes = wb.create_sheet("About")
    notes.append(["Trust", _text(statement.trust)])
    notes.append(["Academic year", statement.year])
    notes.append(["Meetings counted", f"held from {statement.start:%d/%m/%Y} to "
                  f"{min(statement.end, statement.as_of):%d/%m/%Y}, while each person was in office on the body"])
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 80
    _save_atomically(wb, out_path)
    return out_path
