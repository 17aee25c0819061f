"""Build clerk-style workbooks by hand with openpyxl."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook, load_workbook


def make_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


PEOPLE = [
    ["Person ID", "Forename", "Surname"],
    ["P1", "Jane", "Smith"],
    ["P2", "Tom", "Jones"],
]


def all_cell_values(path: Path) -> dict[str, list[tuple]]:
    wb = load_workbook(path)
    try:
        return {ws.title: [tuple(c.value for c in row) for row in ws.iter_rows()] for ws in wb.worksheets}
    finally:
        wb.close()


def messages(result) -> list[str]:
    return [str(e) for e in result.errors]
