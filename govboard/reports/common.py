"""Formatting, styles and table helpers shared by the board pack, the register and the baseline.

Conventions: money is whole pence in the domain and prints as "£40,000.00"; dates in running
text print as "1 September 2025" and in table cells as "01/09/2025"; enum values print as their
labels. Every piece of user text goes through `esc` before it enters Paragraph markup.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import LongTable, Paragraph, Table, TableStyle

from .fonts import BOLD, FAMILY, register_fonts

# --- text ------------------------------------------------------------------------------------


def esc(value: object) -> str:
    """Text made safe for Paragraph markup ("Smith & Sons <Ltd>" stays literal)."""
    if value is None:
        return ""
    return _xml_escape(str(value))


def money(pence: int | None) -> str:
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    pounds, p = divmod(abs(int(pence)), 100)
    return f"{sign}£{pounds:,}.{p:02d}"


def long_date(d: date | None) -> str:
    """'1 September 2025'."""
    if d is None:
        return ""
    return f"{d.day} {d:%B} {d.year}"


def short_date(d: date | None) -> str:
    """'01/09/2025' (table cells)."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def label(value: object) -> str:
    """An enum's label (str(enum)), a bool as Yes/No, None as blank."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


# --- colours and styles -----------------------------------------------------------------------

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
ACCENT = colors.HexColor("#1d4e89")  # headings, header band
ACCENT_LIGHT = colors.HexColor("#e8eef6")
RULE = colors.HexColor("#c7d0d9")
ZEBRA = colors.HexColor("#f5f7fa")
SEVERITY_COLOURS = {
    "must": colors.HexColor("#b42318"),
    "should": colors.HexColor("#b54708"),
    "advice": colors.HexColor("#175cd3"),
}


class Styles:
    """Paragraph styles built once per process (after the fonts are registered)."""

    _instance: Styles | None = None

    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle(
            "gb-body", fontName=FAMILY, fontSize=9.5, leading=12.5, textColor=INK,
            spaceAfter=4, alignment=TA_LEFT,
        )
        self.body = base
        self.small = ParagraphStyle("gb-small", parent=base, fontSize=8, leading=10, textColor=MUTED)
        self.cell = ParagraphStyle("gb-cell", parent=base, fontSize=8, leading=10, spaceAfter=0)
        self.cell_bold = ParagraphStyle("gb-cell-bold", parent=self.cell, fontName=BOLD)
        self.cell_right = ParagraphStyle("gb-cell-right", parent=self.cell, alignment=TA_RIGHT)
        self.head_cell = ParagraphStyle(
            "gb-head-cell", parent=self.cell, fontName=BOLD, textColor=colors.white
        )
        self.head_right = ParagraphStyle("gb-head-right", parent=self.head_cell, alignment=TA_RIGHT)
        self.head_centre = ParagraphStyle("gb-head-centre", parent=self.head_cell, alignment=TA_CENTER)
        self.h1 = ParagraphStyle(
            "gb-h1", parent=base, fontName=BOLD, fontSize=17, leading=21, textColor=ACCENT,
            spaceBefore=0, spaceAfter=10,
        )
        self.h2 = ParagraphStyle(
            "gb-h2", parent=base, fontName=BOLD, fontSize=12, leading=15, textColor=ACCENT,
            spaceBefore=10, spaceAfter=5, keepWithNext=1,
        )
        self.h3 = ParagraphStyle(
            "gb-h3", parent=base, fontName=BOLD, fontSize=10, leading=13, textColor=INK,
            spaceBefore=8, spaceAfter=3, keepWithNext=1,
        )
        self.note = ParagraphStyle(
            "gb-note", parent=base, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=6
        )
        self.cover_title = ParagraphStyle(
            "gb-cover-title", parent=base, fontName=BOLD, fontSize=28, leading=34,
            textColor=ACCENT, spaceAfter=14,
        )
        self.cover_sub = ParagraphStyle(
            "gb-cover-sub", parent=base, fontSize=15, leading=20, textColor=INK, spaceAfter=8
        )
        self.cover_meta = ParagraphStyle(
            "gb-cover-meta", parent=base, fontSize=11, leading=15, textColor=MUTED, spaceAfter=4
        )
        self.toc = [
            ParagraphStyle("gb-toc0", parent=base, fontName=BOLD, fontSize=10.5, leading=14),
            ParagraphStyle("gb-toc1", parent=base, fontSize=9.5, leading=12.5, leftIndent=14),
            ParagraphStyle("gb-toc2", parent=base, fontSize=8.5, leading=11, leftIndent=28,
                           textColor=MUTED),
        ]

    @classmethod
    def get(cls) -> Styles:
        if cls._instance is None:
            cls._instance = Styles()
        return cls._instance


def P(text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph from markup that the caller has already escaped."""
    return Paragraph(text, style or Styles.get().cell)


def cell(value: object, style: ParagraphStyle | None = None):
    """A table cell for user text: escaped, wrapping. Blank values stay plain strings (cheap)."""
    text = label(value)
    if not text:
        return ""
    return Paragraph(esc(text), style or Styles.get().cell)


_PAD = 8  # left + right cell padding
_SAMPLE_ROWS = 300
_MAX_WORD = 110  # longer words (email addresses) are split by the Paragraph instead


def _longest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(w, font, size) for w in text.split()), default=0.0)


def _min_widths(header: list[str], rows: list[list], pinned: dict[int, float]) -> list[float]:
    """The narrowest each column can be without breaking a word or clipping a plain string.

    Plain strings never wrap, so their full width counts; for Paragraphs the longest word does
    (sampled from the first rows: a register has the same kind of text all the way down).
    """
    mins = [_longest_word(h, BOLD, 8) + _PAD for h in header]
    for row in rows[:_SAMPLE_ROWS]:
        for i, value in enumerate(row):
            if i in pinned or not value:
                continue
            if isinstance(value, str):
                w = stringWidth(value, BOLD, 8) + _PAD
            elif isinstance(value, Paragraph):
                text = value.getPlainText()
                w = min(_longest_word(text, BOLD if "<b>" in value.text else FAMILY,
                                      value.style.fontSize) + _PAD, _MAX_WORD)
            else:
                continue
            if w > mins[i]:
                mins[i] = w
    for i, w in pinned.items():
        mins[i] = w
    return mins


def fit_widths(preferred: list[float], mins: list[float]) -> list[float]:
    """Keep the total of `preferred`, raising narrow columns to their minimum."""
    total = sum(preferred)
    if sum(mins) >= total:
        return [m * total / sum(mins) for m in mins]
    widths = list(preferred)
    fixed: set[int] = set()
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if i not in fixed and w < mins[i] - 0.01]
        if not short:
            break
        fixed.update(short)
        room = total - sum(mins[i] for i in fixed)
        flexible = [i for i in range(len(widths)) if i not in fixed]
        weight = sum(preferred[i] for i in flexible)
        widths = [mins[i] if i in fixed else preferred[i] * room / weight for i in range(len(widths))]
    return widths


def grid_table(
    header: list[str],
    rows: list[list],
    widths: list[float],
    *,
    align_right: tuple[int, ...] = (),
    centre: tuple[int, ...] = (),
    extra_styles: list[tuple] | None = None,
    zebra: bool = True,
    pinned: dict[int, float] | None = None,
) -> Table:
    """A register table: coloured header row repeated on every page, wrapped cells, zebra rows.

    `widths` are the preferred column widths in points (see `scaled`); columns too narrow for
    their header words, their plain strings or their longest word are widened at the expense
    of the others (`pinned` fixes a column's width, e.g. one holding a nested table).
    Short cells may be plain strings (drawn in the cell font, never wrapped); anything that can
    wrap should be a Paragraph (see `cell`).
    """
    st = Styles.get()
    head = [
        Paragraph(esc(h), st.head_right if i in align_right else
                  st.head_centre if i in centre else st.head_cell)
        for i, h in enumerate(header)
    ]
    widths = fit_widths(widths, _min_widths(header, rows, pinned or {}))
    data = [head, *rows]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), FAMILY, 8, 10),
        ("TEXTCOLOR", (0, 1), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
    ]
    if zebra and len(rows) > 2:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    for col in align_right:
        commands.append(("ALIGN", (col, 1), (col, -1), "RIGHT"))
    for col in centre:
        commands.append(("ALIGN", (col, 0), (col, -1), "CENTER"))
    if extra_styles:
        commands.extend(extra_styles)
    # LongTable lays out long tables with less re-measuring when they split across pages.
    table_cls = LongTable if len(rows) > 40 else Table
    table = table_cls(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle(commands))
    return table


def scaled(widths: list[float], total: float) -> list[float]:
    """Column widths from relative weights so they add up to `total` points."""
    s = sum(widths)
    return [w * total / s for w in widths]


PAGE_MARGIN = 18 * mm
