"""The benchmark's baseline: the pack's register tables in a plain ReportLab document.

Same fonts, styles and tables as the board pack (the same section builders), but one
SimpleDocTemplate with no cover, contents, outline, running headers or page numbering, so
`bench/` can measure what the pack's extras cost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from govboard.domain.snapshot import TrustSnapshot

from .common import Styles, esc
from .sections import (
    Ctx,
    board_section,
    interests_section,
    lgbs_section,
    members_section,
    pay_section,
    rpt_section,
    sod_section,
)
from .template import MARGIN

__all__ = ["build_plain_tables_document"]


def build_plain_tables_document(snapshot: TrustSnapshot, out_path, *, as_of: date) -> Path:
    """Write the register tables (members to scheme of delegation) as a plain PDF."""
    out_path = Path(out_path)
    st = Styles.get()
    width = A4[0] - 2 * MARGIN
    ctx = Ctx(snapshot, as_of, width, width)
    story = []
    for title, builder in (
        ("Members", members_section),
        ("The board and its committees", board_section),
        ("Local governing bodies", lgbs_section),
        ("Register of interests", interests_section),
        ("Related-party transactions", rpt_section),
        ("Executive pay decisions", pay_section),
        ("Scheme of delegation", lambda c: sod_section(c, width)),
    ):
        if story:
            story.append(PageBreak())
        story.append(Paragraph(esc(title), st.h1))
        story.extend(builder(ctx))
    doc = SimpleDocTemplate(str(out_path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                            topMargin=MARGIN, bottomMargin=MARGIN)
    doc.build(story)
    return out_path
