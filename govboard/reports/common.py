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
from reportlab.platypus import Flowable, LongTable, Paragraph, Table, TableStyle

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
            # Wrap at spaces only; a word wider than its column is split mid-word, which
            # fit_widths avoids. (ReportLab 5.1's embeddedHyphenation would break at hyphens,
            # but a table wraps a cell more than once and the second wrap loses the hyphen:
            # "Adeyemi-Clarke" printed as "AdeyemiClarke".)
            splitLongWords=1,
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


NAME_LIMIT = 120
"""Characters of a name or organisation printed in a cell: a 1,500-character surname from a
workbook, GIAS or Companies House is cut (with an ellipsis) rather than filling pages."""
TEXT_LIMIT = 800
"""Characters of any other user text in a cell (descriptions, reasons, details)."""


WORD_LIMIT = 60
"""Characters of one unbroken word (a long e-mail address fits; a runaway token does not)."""


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """`text` cut to at most `limit` characters, at a space where one is near, with an ellipsis;
    any word longer than WORD_LIMIT is cut the same way, so it cannot claim a table's width."""
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        if space > limit * 0.8:
            cut = cut[:space]
        text = cut.rstrip(" ,;:-") + "…"
    if len(text) > WORD_LIMIT and any(len(w) > WORD_LIMIT for w in text.split()):
        text = " ".join(w if len(w) <= WORD_LIMIT else w[: WORD_LIMIT - 1] + "…" for w in text.split(" "))
    return text


def name_esc(value: object) -> str:
    """A person's or organisation's name for Paragraph markup: escaped and clipped."""
    return esc(clip(label(value), NAME_LIMIT))


def cell(value: object, style: ParagraphStyle | None = None, *, limit: int = TEXT_LIMIT):
    """A table cell for user text: escaped, wrapping, clipped. Blank values stay plain strings."""
    text = label(value)
    if not text:
        return ""
    return Paragraph(esc(clip(text, limit)), style or Styles.get().cell)


def name_cell(value: object, style: ParagraphStyle | None = None):
    return cell(value, style, limit=NAME_LIMIT)


# --- measuring and fitting table columns ---------------------------------------------------------

_PAD = 8  # left + right cell padding
_MAX_SHARE = 0.32  # no single unbreakable piece may claim more of a table's width than this
_WIDTHS: dict[tuple[str, str, float], float] = {}


def _width(text: str, font: str, size: float) -> float:
    key = (text, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        if len(_WIDTHS) > 200_000:
            _WIDTHS.clear()
        w = _WIDTHS[key] = stringWidth(text, font, size)
    return w


def measure(value) -> tuple[float, float]:
    """(narrowest, widest) a cell can be: its longest unbreakable piece, its longest line.

    Plain strings never wrap (they are drawn in the cell font); Paragraphs wrap at spaces and
    at <br/>; a list of flowables measures as its widest member.
    """
    if isinstance(value, str):
        w = _width(value, FAMILY, 8) + _PAD if value else 0.0
        return w, w
    if isinstance(value, Paragraph):
        longest_piece = longest_line = line = 0.0
        space = 0.0
        for frag in value.frags:
            if getattr(frag, "lineBreak", False):
                longest_line = max(longest_line, line)
                line = 0.0
                continue
            font, size = frag.fontName, frag.fontSize
            space = _width(" ", font, size)
            for word in frag.text.split():
                w = _width(word, font, size)
                line += w + (space if line else 0.0)
                longest_piece = max(longest_piece, w)
        longest_line = max(longest_line, line)
        return longest_piece + _PAD, longest_line + _PAD
    if isinstance(value, (list, tuple)):
        sizes = [measure(v) for v in value]
        return (max((a for a, _ in sizes), default=0.0), max((b for _, b in sizes), default=0.0))
    return 0.0, 0.0


def column_extents(header: list[str], rows: list[list],
                   skip: frozenset[int] = frozenset()) -> tuple[list[float], list[float]]:
    """Each column's narrowest and widest width over the header and every row but `skip`
    (rows spanning the whole table, such as a group heading, say nothing about one column)."""
    mins = [max((_width(w, BOLD, 8) for w in h.split()), default=0.0) + _PAD for h in header]
    maxs = [_width(h, BOLD, 8) + _PAD for h in header]
    for n, row in enumerate(rows):
        if n in skip:
            continue
        for i, value in enumerate(row):
            if not value:
                continue
            narrow, wide = measure(value)
            if narrow > mins[i]:
                mins[i] = narrow
            if wide > maxs[i]:
                maxs[i] = wide
    return mins, maxs


def fit_widths(total: float, mins: list[float], maxs: list[float],
               pinned: dict[int, float] | None = None) -> list[float]:
    """Column widths adding up to `total`, measured from the content (as a browser lays out a
    table): every column at least its longest unbreakable piece, so nothing breaks mid-word;
    the room left goes to the columns whose text would otherwise wrap, in proportion to what
    they lack. A piece wider than `_MAX_SHARE` of the table (a runaway token) is capped and
    split by the Paragraph instead."""
    pinned = pinned or {}
    cap = total * _MAX_SHARE
    mins = [pinned.get(i, min(m, cap)) for i, m in enumerate(mins)]
    maxs = [pinned.get(i, max(x, mins[i])) for i, x in enumerate(maxs)]
    free = [i for i in range(len(mins)) if i not in pinned]
    if sum(maxs) <= total:
        room = total - sum(maxs)
        weight = sum(maxs[i] for i in free) or 1.0
        return [maxs[i] + (room * maxs[i] / weight if i in free else 0.0) for i in range(len(maxs))]
    if sum(mins) <= total:
        # Columns that need little to fit on one line (a name, a short phrase) get it first,
        # while the room lasts; long text then shares what is left in proportion to its length.
        widths = list(mins)
        room = total - sum(mins)
        gaps = {i: maxs[i] - mins[i] for i in free if maxs[i] > mins[i]}
        while gaps and room > 0.01:
            share = room / len(gaps)
            small = [i for i, gap in gaps.items() if gap <= share]
            if not small:
                want = sum(gaps.values())
                for i, gap in gaps.items():
                    widths[i] += room * gap / want
                return widths
            for i in small:
                widths[i] += gaps.pop(i)
                room -= widths[i] - mins[i]
        if room > 0.01:  # everything fits: share out the rest like the first case
            weight = sum(widths[i] for i in free) or 1.0
            widths = [w + (room * w / weight if i in free else 0.0) for i, w in enumerate(widths)]
        return widths
    # Even the unbreakable pieces do not fit: take the room from the widest columns only, down
    # to a common level, so dates, figures and headers keep their width and only the longest
    # words (a long address or name) are split.
    room = max(total - sum(mins[i] for i in pinned), 0.0)
    widest = sorted((mins[i] for i in free), reverse=True)
    level, above = 0.0, 0.0
    for n, width in enumerate(widest, 1):
        above += width
        rest = sum(widest[n:])
        level = (room - rest) / n
        if n == len(widest) or level >= widest[n]:
            break
    return [min(mins[i], level) if i in free else mins[i] for i in range(len(mins))]


class _SplitsTallRows:
    """A table that moves a row that does not fit to the next page, as usual, but splits a row
    taller than a whole page inside the row (a 1,500-character name must not stop the pack)."""

    def split(self, availWidth, availHeight):
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if not parts and getattr(frame, "_atTop", False):
            self.splitInRow = 1
            try:
                parts = super().split(availWidth, availHeight)
            finally:
                self.splitInRow = 0
        origin = getattr(self, "_tag_origin", self)
        for part in parts:  # a tagged PDF keeps the parts of a table one Table element
            part._tag_origin = origin
        return parts


    def start_height(self, limit: float) -> float:
        """The height of the header row and the first row, measured on their own (laying out a
        whole 2,000-row table to learn whether its first row fits would cost as much as the
        table). Used to keep a heading with the start of its table; `limit` caps the work."""
        total = 0.0
        for row, style_row in zip(self._cellvalues[: self.repeatRows + 1],
                                  self._cellStyles[: self.repeatRows + 1]):
            tallest = 0.0
            for value, style, width in zip(row, style_row, self._colWidths):
                inner = width - style.leftPadding - style.rightPadding
                items = value if isinstance(value, (list, tuple)) else [value]
                height = 0.0
                for item in items:
                    if isinstance(item, Flowable):
                        height += item.wrap(inner, limit)[1]
                    elif item:
                        height += (str(item).count("\n") + 1) * style.leading
                tallest = max(tallest, height + style.topPadding + style.bottomPadding)
            total += tallest
            if total > limit:
                break
        return total


class GridTable(_SplitsTallRows, Table):
    pass


class LongGridTable(_SplitsTallRows, LongTable):
    pass


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
    caps: dict[int, float] | None = None,
    compact: bool = False,
) -> Table:
    """A register table: coloured header row repeated on every page, wrapped cells, zebra rows.

    `widths` gives the table's width (their sum); the columns are measured from the header and
    every cell (see `fit_widths`), `pinned` fixes a column's width (e.g. one holding a nested
    table), `caps` limits how wide a column may grow before its text wraps, and `compact`
    makes a short table only as wide as its content. Short cells may be plain strings (drawn in the cell font, never wrapped);
    anything that can wrap should be a Paragraph (see `cell`).
    """
    st = Styles.get()
    head = [
        Paragraph(esc(h), st.head_right if i in align_right else
                  st.head_centre if i in centre else st.head_cell)
        for i, h in enumerate(header)
    ]
    spanned = frozenset(cmd[1][1] - 1 for cmd in extra_styles or ()
                        if cmd[0] == "SPAN" and cmd[1][0] == 0 and cmd[2][0] == -1 and cmd[1][1] == cmd[2][1])
    mins, maxs = column_extents(header, rows, spanned)
    for i, cap in (caps or {}).items():  # a column that should wrap before it takes the page
        maxs[i] = max(min(maxs[i], cap), mins[i])
    total = sum(widths)
    if compact:  # as wide as its content needs (a small table of counts), no wider
        total = min(total, sum((pinned or {}).get(i, w) for i, w in enumerate(maxs)) + 24)
    widths = fit_widths(total, mins, maxs, pinned)
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
    table_cls = LongGridTable if len(rows) > 40 else GridTable
    return table_cls(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle(commands))


def scaled(widths: list[float], total: float) -> list[float]:
    """Column widths from relative weights so they add up to `total` points."""
    s = sum(widths)
    return [w * total / s for w in widths]


PAGE_MARGIN = 18 * mm
