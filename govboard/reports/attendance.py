"""The attendance statement as a PDF: one table per body, "N out of M" per person.

Written to a temporary file beside the destination and renamed into place, so a failed build
leaves nothing behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from govboard.domain.attendance import AttendanceStatement

from .common import MUTED, PAGE_MARGIN, Styles, cell, esc, grid_table, long_date, scaled
from .fonts import FAMILY

__all__ = ["write_attendance_pdf"]


def _intro(statement: AttendanceStatement) -> str:
    counted = (f"held in {statement.year}" if statement.complete
               else f"held in {statement.year} up to {long_date(statement.as_of)} (the year is not over)")
    return ("Attendance at meetings of the board and its committees: for each person, the meetings "
            f"they attended out of those {counted} while they were in office on that body.")


def statement_story(statement: AttendanceStatement) -> list:
    st = Styles.get()
    width = A4[0] - 2 * PAGE_MARGIN
    story = [Paragraph(esc(statement.trust), st.cover_meta),
             Paragraph(f"Attendance at meetings, {esc(statement.year)}", st.h1),
             Paragraph(esc(_intro(statement)), st.body), Spacer(1, 6)]
    if not statement.bodies:
        story.append(Paragraph("No board or committee meetings are recorded as held in this year.", st.note))
    for body in statement.bodies:
        held = len(body.meetings)
        rows = [[cell(line.name), cell(line.role), cell(line.out_of, st.cell_right), cell(line.note)]
                for line in body.lines]
        block = [Paragraph(esc(body.body), st.h2),
                 Paragraph(f"{held} meeting{'s' if held != 1 else ''} held", st.note)]
        if rows:
            block.append(grid_table(["Name", "Role", "Meetings attended", "Note"], rows,
                                    scaled([40, 16, 20, 24], width), align_right=(2,)))
        else:
            block.append(Paragraph("No one was in office on this body in the year.", st.note))
        story += block
    return story


def write_attendance_pdf(statement: AttendanceStatement, out_path) -> Path:
    out_path = Path(out_path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=".part", dir=out_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FAMILY, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(PAGE_MARGIN, PAGE_MARGIN / 2,
                          f"{statement.trust} · attendance {statement.year} · as at {long_date(statement.as_of)}")
        canvas.drawRightString(A4[0] - PAGE_MARGIN, PAGE_MARGIN / 2, f"Page {doc.page}")
        canvas.restoreState()

    try:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN,
                                topMargin=PAGE_MARGIN, bottomMargin=PAGE_MARGIN,
                                title=f"{statement.trust}: attendance at meetings {statement.year}",
                                author=statement.trust, creator="govboard")
        doc.build(statement_story(statement), onFirstPage=footer, onLaterPages=footer)
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out_path
