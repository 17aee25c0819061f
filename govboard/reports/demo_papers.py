"""Small paper PDFs for the sample trust's next board meeting, made with ReportLab.

The sample trust (`govboard.demo`, stdlib only) names the papers its next board meeting's agenda
carries; `attach_demo_papers` writes each as a one- or two-page PDF and gives the agenda items
their hashes. The PDFs are built with ReportLab's invariant mode, so the same day always gives
the same bytes (and the same sample trust file contents).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from govboard.domain.model import AgendaItem, Paper
from govboard.domain.snapshot import TrustSnapshot

from .common import esc

_BODY = ParagraphStyle("paper-body", fontName="Helvetica", fontSize=10.5, leading=14.5, spaceAfter=7)
_TITLE = ParagraphStyle("paper-title", fontName="Helvetica-Bold", fontSize=17, leading=21, spaceAfter=4)
_META = ParagraphStyle("paper-meta", fontName="Helvetica", fontSize=9.5, leading=13,
                       textColor=colors.HexColor("#4a5663"), spaceAfter=12)
_HEAD = ParagraphStyle("paper-head", fontName="Helvetica-Bold", fontSize=12, leading=16, spaceBefore=8,
                       spaceAfter=4)


def _long(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _ceo_report(on: date) -> list:
    return [
        Paragraph("1. Headlines", _HEAD),
        Paragraph("Admissions for September are 96% of capacity across the trust. Attendance is 94.1% "
                  "overall; persistent absence at Kingsmead School has fallen for the second term running.",
                  _BODY),
        Paragraph("2. Staffing", _HEAD),
        Paragraph("Two senior leadership posts were filled this term. Supply spending is 8% below the "
                  "same period last year.", _BODY),
        Paragraph("3. Improvement priorities", _HEAD),
        Paragraph("Reading in Key Stage 2 and mathematics at Key Stage 4 remain the trust's priorities. "
                  "The school improvement team will report on both at the next meeting.", _BODY),
        Paragraph("Trustees are asked to note the report.", _BODY),
    ]


def _accounts(on: date) -> list:
    rows = [["", "Budget to date", "Actual to date", "Variance"],
            ["Income", "£9,612,000", "£9,655,400", "£43,400"],
            ["Staff costs", "£7,301,000", "£7,268,900", "£32,100"],
            ["Premises", "£802,000", "£835,700", "-£33,700"],
            ["Other costs", "£1,154,000", "£1,141,300", "£12,700"],
            ["Surplus", "£355,000", "£409,500", "£54,500"]]
    table = Table(rows, colWidths=[48 * mm, 36 * mm, 36 * mm, 30 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
        ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1f4e79")),
        ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.HexColor("#8896a5")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, colors.HexColor("#f2f5f8")]),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return [
        Paragraph("Summary", _HEAD),
        Paragraph("Income and expenditure to the end of the latest period are in line with the budget "
                  "the board approved. Premises costs are above budget because of the boiler repairs at "
                  "Oakfield Primary Academy, offset by savings on staff costs.", _BODY),
        table,
        Spacer(1, 8),
        Paragraph("Cash and reserves", _HEAD),
        Paragraph("Cash at the end of the period was £4.2 million. Unrestricted reserves are forecast at "
                  "5.1% of income at the year end, within the trust's reserves policy (4-6%).", _BODY),
        Paragraph("Trustees are asked to approve the management accounts.", _BODY),
    ]


def _risk_register(on: date) -> list:
    rows = [["Risk", "Before", "Now", "Change"],
            ["Pupil numbers fall at two primaries", "12", "9", "Lower"],
            ["Cyber attack on the trust's systems", "15", "15", "Unchanged"],
            ["Loss of key finance staff", "8", "12", "Higher"]]
    table = Table(rows, colWidths=[80 * mm, 22 * mm, 22 * mm, 26 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#1f4e79")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f8")]),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return [
        Paragraph("The audit and risk committee reviewed the register at its last meeting. Three risks "
                  "changed score (likelihood times impact, out of 25):", _BODY),
        table,
        Spacer(1, 8),
        Paragraph("Trustees are asked to note the changes and the committee's actions.", _BODY),
    ]


_CONTENT = {
    "Chief executive's report": _ceo_report,
    "Finance report and management accounts": _accounts,
    "Risk register": _risk_register,
}


def paper_pdf(trust: str, meeting_date: date, item: AgendaItem) -> bytes:
    """One paper as PDF bytes; the same arguments always give the same bytes."""
    buffer = io.BytesIO()
    title = item.paper_title or item.title
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=title, author=trust, creator="govboard sample trust",
                            invariant=1)
    story = [Paragraph(esc(trust), _META), Paragraph(esc(title), _TITLE),
             Paragraph(f"Board meeting, {_long(meeting_date)} · item {esc(item.item)} · presented by "
                       f"{esc((item.presenter or 'the chair').lower())}", _META)]
    story += _CONTENT.get(item.title, lambda on: [Paragraph("Trustees are asked to note this paper.", _BODY)])(
        meeting_date)
    doc.build(story)
    return buffer.getvalue()


def attach_demo_papers(snapshot: TrustSnapshot) -> tuple[TrustSnapshot, list[Paper]]:
    """The sample trust with its named papers made and attached: (registers, papers to store)."""
    papers: dict[str, Paper] = {}
    agenda = []
    trust = snapshot.settings.name or "Academy trust"
    for item in snapshot.agenda:
        if item.paper_name and not item.paper_sha256:
            meeting = snapshot.meeting_by_id[item.meeting_id]
            content = paper_pdf(trust, meeting.date, item)
            sha = hashlib.sha256(content).hexdigest()
            papers.setdefault(sha, Paper(sha, item.paper_name, content))
            item = replace(item, paper_sha256=sha)
        agenda.append(item)
    return replace(snapshot, agenda=tuple(agenda)), list(papers.values())
