"""The document template shared by the board pack and the register PDF.

One layout pass, not a multiBuild: every page number that is not known while a page is laid out
("of Y" in the footer, the page numbers in the contents and in the agenda) is drawn as a named
PDF form XObject that `PackCanvas.save` defines once the whole document has been laid out. The
contents entries are known before the build (the story is ours), so the contents page has its
final size from the start and nothing moves; a second pass would only repeat the layout work.

- Headers naming the current section are drawn in `onPageEnd` (after the page's flowables).
- Section headings bookmark themselves, add an outline entry and become the running header.
- The cover is not numbered; printed page 1 is the page after it, and PDF page labels say the
  same so a viewer's page box matches the printed numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
)

from .common import ACCENT, ACCENT_LIGHT, MUTED, RULE, Styles, esc
from .fonts import BOLD, FAMILY, register_fonts
from .tagging import Tagger

MARGIN = 18 * mm
HEADER_H = 12 * mm
FOOTER_H = 12 * mm
BAND_H = 14 * mm  # header band on merged paper pages

_FORM_SAFE = re.compile(r"[^A-Za-z0-9_]")


class PackCancelled(Exception):
    """The progress callback asked to stop; no output file was left behind."""


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis until it fits `width` points on one line."""
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits with its ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid].rstrip() + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _form_name(prefix: str, key: str) -> str:
    return f"{prefix}_{_FORM_SAFE.sub('_', key)}"


class PackCanvas(Canvas):
    """A canvas that fills in page numbers after layout, through named forms.

    `mark(key)` records the printed page of a destination; `page_ref(key, x, y)` draws that
    number right-aligned at x; `page_footer(x, y)` draws "Page X of Y" right-aligned at x.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gb_tagger = None  # a tagging.Tagger while a tagged PDF is built
        self.gb_first_numbered = 2  # physical page that prints as "Page 1"
        self.gb_pages: dict[str, int] = {}
        self.gb_refs: dict[str, tuple[str, float]] = {}
        self.gb_footers: dict[int, tuple[str, float]] = {}

    def printed_page(self) -> int:
        return self.getPageNumber() - self.gb_first_numbered + 1

    def mark(self, key: str, *, horizontal: float | None = None) -> None:
        """Bookmark this page (or a height on it, in local coordinates) as `key`."""
        if horizontal is None:
            self.bookmarkPage(key, fit="XYZ", top=self._pagesize[1], left=0, zoom=0)
        else:
            self.bookmarkHorizontal(key, 0, horizontal)
        self.gb_pages.setdefault(key, self.printed_page())

    def page_ref(self, key: str, x: float, y: float, font: str = FAMILY, size: float = 9) -> None:
        # One form per key, font and size: the contents and the agenda print the same page
        # number in their own type (the agenda's took the contents' larger size).
        name = _form_name("pr", f"{key}_{font}_{size:g}")
        self.gb_refs.setdefault(name, (key, font, size))
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def page_footer(self, x: float, y: float, font: str = FAMILY, size: float = 7.5) -> None:
        n = self.printed_page()
        self.gb_footers[n] = (font, size)
        self.saveState()
        self.translate(x, y)
        self.doForm(f"pn_{n}")
        self.restoreState()

    def save(self) -> None:
        total = max(self.gb_pages_total(), 1)
        for n, (font, size) in self.gb_footers.items():
            self.beginForm(f"pn_{n}", lowerx=-200, lowery=-4, upperx=0, uppery=size + 2)
            self.setFont(font, size)
            self.setFillColor(MUTED)
            self.drawRightString(0, 0, f"Page {n} of {total}")
            self.endForm()
        for name, (key, font, size) in self.gb_refs.items():
            page = self.gb_pages.get(key)
            self.beginForm(name, lowerx=-60, lowery=-4, upperx=0, uppery=size + 2)
            self.setFont(font, size)
            self.drawRightString(0, 0, str(page) if page is not None else "–")
            self.endForm()
        if self.gb_tagger is not None:
            self.gb_tagger.write(self)
        super().save()

    def gb_pages_total(self) -> int:
        # After the last showPage the canvas stands on an empty page that is never emitted.
        return self.getPageNumber() - 1 - self.gb_first_numbered + 1


# --- flowables -------------------------------------------------------------------------------


class TaggedParagraph(Paragraph):
    """A paragraph of the story that marks itself as a P (or H1-H3 by its style) in a tagged
    PDF. Paragraphs inside table cells stay plain: the cell is their structure element."""

    def draw(self):
        tagger = getattr(self.canv, "gb_tagger", None)
        if tagger is None:
            super().draw()
            return
        text = " ".join(self.getPlainText().split())
        tagger.begin(self.canv, tagger.element(tagger.tag_for_style(self.style), text))
        super().draw()
        tagger.end(self.canv)


class Heading(TaggedParagraph):
    """A heading that bookmarks itself; level 0 headings start a section."""

    def __init__(self, text: str, style, *, key: str, level: int, outline: str | None = None,
                 outline_children: list[tuple[str, str, int]] | None = None, header: str | None = None):
        super().__init__(text, style)
        self.key = key
        self.level = level
        self.outline = outline  # plain text for the outline (None: not in the outline)
        self.outline_children = outline_children or []
        self.header = header

    def draw(self):
        canv = self.canv
        if isinstance(canv, PackCanvas):
            canv.mark(self.key, horizontal=self.height + 6 if self.level else None)
        else:
            canv.bookmarkPage(self.key)
        super().draw()


class Anchor(Flowable):
    """A zero-size bookmark (e.g. inside an agenda table row)."""

    def __init__(self, key: str):
        super().__init__()
        self.key = key
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        if isinstance(self.canv, PackCanvas):
            self.canv.mark(self.key, horizontal=12)


class PageRef(Flowable):
    """A page number filled in after layout (right-aligned within its cell)."""

    def __init__(self, key: str, size: float = 8):
        super().__init__()
        self.key = key
        self.size = size

    def wrap(self, aw, ah):
        self.width = aw
        self.height = self.size + 2
        return aw, self.height

    def draw(self):
        canv = self.canv
        if isinstance(canv, PackCanvas):
            canv.page_ref(self.key, self.width, 2, size=self.size)
            canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


class ContentsEntry(Flowable):
    """One line of the contents: title, dot leader, page number; the whole line is a link."""

    NUMBER_W = 36

    def __init__(self, title: str, key: str, level: int):
        super().__init__()
        self.key = key
        self.level = level
        self.para = Paragraph(esc(title), Styles.get().toc[min(level, 2)])

    def wrap(self, aw, ah):
        self.width = aw
        _, h = self.para.wrap(aw - self.NUMBER_W - 12, ah)
        self.height = h + (6 if self.level == 0 else 2)
        return aw, self.height

    def draw(self):
        canv = self.canv
        style = self.para.style
        top_pad = 4 if self.level == 0 else 1
        self.para.drawOn(canv, 0, self.height - self.para.height - top_pad)
        widths = self.para.getActualLineWidths0()
        last = widths[-1] if widths else style.leftIndent
        y = self.height - self.para.height - top_pad + style.leading - style.fontSize + 1
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setDash(0.6, 2.4)
        canv.setLineWidth(0.8)
        x0, x1 = last + 6, self.width - self.NUMBER_W + 4
        if x1 > x0:
            canv.line(x0, y, x1, y)
        canv.restoreState()
        if isinstance(canv, PackCanvas):
            canv.page_ref(self.key, self.width, y, font=style.fontName, size=style.fontSize)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


@dataclass
class PaperPlacement:
    page_index: int  # 0-based physical page in the ReportLab output
    source: object  # a pypdf PageObject
    rect: tuple[float, float, float, float]  # x, y, w, h in page coordinates


class PaperPage(Flowable):
    """A page reserved for one page of a merged paper; its content is stamped in afterwards."""

    def __init__(self, source, src_w: float, src_h: float, band: str, keys: list[str]):
        super().__init__()
        self.source = source
        self.src_w, self.src_h = src_w, src_h
        self.band = band
        self.keys = keys

    def wrap(self, aw, ah):
        self.width, self.height = aw, ah - 1
        return self.width, self.height

    def draw(self):
        canv = self.canv
        doc = canv._doctemplate
        for key in self.keys:
            canv.mark(key)
        doc.band_text = self.band
        s = min(self.width / self.src_w, self.height / self.src_h, 1.0)
        w, h = self.src_w * s, self.src_h * s
        x = (self.width - w) / 2
        y = self.height - h
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.rect(x, y, w, h, stroke=1, fill=0)
        canv.restoreState()
        ax, ay = canv.absolutePosition(x, y)
        doc.paper_placements.append(
            PaperPlacement(canv.getPageNumber() - 1, self.source, (ax, ay, w, h))
        )


# --- the template ----------------------------------------------------------------------------


@dataclass
class PageInfo:
    trust_name: str
    footer_left: str
    footer_centre: str = ""
    extra: dict = field(default_factory=dict)


class KeepHeadingWithStart(KeepTogether):
    """keepWithNext for headings: a heading moves to the next page only when not even the start
    of what follows it fits beneath (a table's header row and first row, a paragraph's first
    lines). ReportLab's KeepTogether moves the whole group whenever all of it does not fit, so
    a heading over a long table left a page 80% blank."""

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        content = self._content[:]
        if aH >= self._H:
            return content
        *heads, last = content
        used = 0.0
        for f in heads:
            _, h = f.wrapOn(self.canv, aW, aH)
            used += h + f.getSpaceBefore() + f.getSpaceAfter()
        rest = aH - used - last.getSpaceBefore() - 1
        if heads and rest > 0:
            if hasattr(last, "start_height"):  # our tables: measure the first rows alone
                if last.start_height(rest) <= rest:
                    return content  # the frame places the headings, then splits the table
            else:
                last.wrapOn(self.canv, aW, rest)
                if last.split(aW, rest):
                    return content
        return super().split(aW, aH)


class PackDocTemplate(BaseDocTemplate):
    """Cover, portrait body, landscape body and paper page templates with running headers."""

    def __init__(self, filename, *, info: PageInfo, progress: Callable[[], None] | None = None,
                 first_numbered: int = 2, first_template: str = "cover", tagged: bool = False,
                 **kwargs):
        register_fonts()
        kwargs.setdefault("pagesize", A4)
        kwargs.setdefault("initialFontName", FAMILY)  # else every page carries Helvetica
        kwargs.setdefault("initialFontSize", 9)
        kwargs.setdefault("keepTogetherClass", KeepHeadingWithStart)
        kwargs.setdefault("lang", "en-GB")  # the catalog's /Lang, for screen readers
        kwargs.setdefault("displayDocTitle", 1)  # viewers show the title, not the file name
        super().__init__(filename, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, **kwargs)
        self.info = info
        self.tagged = tagged
        self._tick = progress
        self.first_numbered = first_numbered
        self.current_section = ""
        self.band_text = ""
        self.paper_placements: list[PaperPlacement] = []
        pw, ph = A4
        lw, lh = landscape(A4)

        def body_frame(w, h, top_extra=0.0):
            return Frame(MARGIN, MARGIN + FOOTER_H, w - 2 * MARGIN,
                         h - 2 * MARGIN - HEADER_H - FOOTER_H - top_extra,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")

        self.addPageTemplates([
            PageTemplate("cover", [Frame(MARGIN + 8 * mm, MARGIN, pw - 2 * MARGIN - 8 * mm,
                                         ph - 2 * MARGIN, id="cover")],
                         onPageEnd=self._draw_cover, pagesize=A4),
            PageTemplate("body", [body_frame(pw, ph)], onPageEnd=self._draw_body, pagesize=A4),
            PageTemplate("landscape", [body_frame(lw, lh)], onPageEnd=self._draw_body,
                         pagesize=(lw, lh)),
            PageTemplate("paper", [body_frame(pw, ph, BAND_H - HEADER_H + 4)],
                         onPageEnd=self._draw_paper, pagesize=A4),
            PageTemplate("paper-landscape", [body_frame(lw, lh, BAND_H - HEADER_H + 4)],
                         onPageEnd=self._draw_paper, pagesize=(lw, lh)),
        ])
        self._firstPageTemplateIndex = [t.id for t in self.pageTemplates].index(first_template)

    # --- hooks ---

    def beforeDocument(self):
        self.current_section = ""
        self.band_text = ""
        self.paper_placements = []
        self.canv.showOutline()
        if self.tagged and isinstance(self.canv, PackCanvas):
            self.canv.gb_tagger = Tagger()
        if isinstance(self.canv, PackCanvas):
            self.canv.gb_first_numbered = self.first_numbered
            if self.first_numbered == 2:
                self.canv.addPageLabel(0, prefix="Cover")
                self.canv.addPageLabel(1, style="D", start=1)

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            if flowable.level == 0:
                self.current_section = flowable.header or flowable.getPlainText()
            if flowable.outline is not None:
                self.canv.addOutlineEntry(flowable.outline, flowable.key, flowable.level, closed=True)
            for title, key, level in flowable.outline_children:
                self.canv.addOutlineEntry(title, key, level, closed=True)
        if self._tick is not None:
            self._tick()

    # --- page decorations (drawn after the page's content, so they name the right section) ---

    def _footer(self, canv, w):
        canv.saveState()
        canv.setFont(FAMILY, 7.5)
        canv.setFillColor(MUTED)
        y = MARGIN + 2
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, y + 10, w - MARGIN, y + 10)
        left = self.info.footer_left
        if self.info.footer_centre:
            left = f"{self.info.footer_centre} · {left}"
        canv.drawString(MARGIN, y, fit_line(left, FAMILY, 7.5, w - 2 * MARGIN - 70))
        if isinstance(canv, PackCanvas):
            canv.page_footer(w - MARGIN, y)
        canv.restoreState()

    def _draw_body(self, canv, doc):
        with _artifact(canv):
            self._draw_body_decorations(canv)

    def _draw_body_decorations(self, canv):
        w, h = canv._pagesize
        canv.saveState()
        y = h - MARGIN - 8
        room = w - 2 * MARGIN
        section = fit_line(self.current_section, FAMILY, 8, room * 0.45)
        canv.setFont(BOLD, 8)
        canv.setFillColor(ACCENT)
        canv.drawString(MARGIN, y, fit_line(self.info.trust_name, BOLD, 8,
                                            room - stringWidth(section, FAMILY, 8) - 16))
        canv.setFont(FAMILY, 8)
        canv.setFillColor(MUTED)
        canv.drawRightString(w - MARGIN, y, section)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, y - 5, w - MARGIN, y - 5)
        canv.restoreState()
        self._footer(canv, w)

    def _draw_paper(self, canv, doc):
        with _artifact(canv):
            self._draw_paper_decorations(canv)

    def _draw_paper_decorations(self, canv):
        w, h = canv._pagesize
        canv.saveState()
        top = h - MARGIN
        canv.setFillColor(ACCENT)
        canv.rect(MARGIN, top - BAND_H, w - 2 * MARGIN, BAND_H, stroke=0, fill=1)
        canv.setFillColor(ACCENT_LIGHT)
        canv.setFont(FAMILY, 7)
        canv.drawString(MARGIN + 6, top - 5.5 * mm + 2,
                        fit_line(self.info.trust_name, FAMILY, 7, (w - 2 * MARGIN) * 0.6))
        canv.drawRightString(w - MARGIN - 6, top - 5.5 * mm + 2, self.current_section)
        title, _, detail = self.band_text.partition("\t")
        y = top - BAND_H + 4 * mm - 2
        canv.setFont(FAMILY, 8)
        detail = fit_line(detail, FAMILY, 8, (w - 2 * MARGIN) * 0.45)
        detail_w = canv.stringWidth(detail, FAMILY, 8)
        canv.drawRightString(w - MARGIN - 6, y, detail)
        canv.setFillColorRGB(1, 1, 1)
        title = fit_line(title, BOLD, 9.5, w - 2 * MARGIN - 12 - detail_w - 12)
        canv.setFont(BOLD, 9.5)
        canv.drawString(MARGIN + 6, y, title)
        canv.restoreState()
        self._footer(canv, w)

    def _draw_cover(self, canv, doc):
        with _artifact(canv):
            self._draw_cover_decorations(canv)

    def _draw_cover_decorations(self, canv):
        w, h = canv._pagesize
        canv.saveState()
        canv.setFillColor(ACCENT)
        canv.rect(0, 0, 8 * mm + MARGIN - 4 * mm, h, stroke=0, fill=1)
        canv.setFont(FAMILY, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN + 8 * mm, MARGIN,
                        fit_line(self.info.footer_left, FAMILY, 7.5, w - 2 * MARGIN - 8 * mm))
        canv.restoreState()


@contextmanager
def _artifact(canv):
    """Page furniture (running headers, footers, bands) is an artifact in a tagged PDF."""
    tagger = getattr(canv, "gb_tagger", None)
    if tagger is not None:
        tagger.begin_artifact(canv)
    try:
        yield
    finally:
        if tagger is not None:
            tagger.end(canv)
