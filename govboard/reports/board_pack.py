"""The board pack: cover, contents, agenda and papers, compliance summary, registers, appendix.

    result = build_board_pack(snapshot, findings, rules, "pack.pdf", as_of=date(2026, 11, 22))

The pack is laid out in one pass (see template.py) and written to a temporary file beside the
destination, renamed into place at the end; a cancelled or failed build leaves no file. With a
meeting, each agenda paper's pages are reserved in the layout (so numbering, contents and
bookmarks are right) and stamped in with pypdf afterwards, scaled to fit under a header band
naming the item.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter, Transformation
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from govboard.domain.model import DueItem, Finding, Meeting, RuleInfo
from govboard.domain.snapshot import TrustSnapshot

from .common import ACCENT, MUTED, Styles, esc, long_date, name_esc
from .fonts import BOLD, FAMILY
from .meeting_pack import MeetingPart, meeting_name, meeting_section, prepare, when_and_where
from .sections import (
    Ctx,
    appendix_section,
    board_section,
    interests_section,
    lgbs_section,
    members_section,
    pay_section,
    rpt_section,
    sod_section,
    summary_section,
)
from .template import (
    MARGIN,
    ContentsEntry,
    Heading,
    PackCancelled,
    PackCanvas,
    PackDocTemplate,
    PageInfo,
)

__all__ = ["SECTIONS", "PackCancelled", "PackResult", "build_board_pack"]

SECTIONS: dict[str, str] = {
    "agenda": "Agenda and papers",
    "summary": "Compliance summary",
    "members": "Members",
    "board": "The board and its committees",
    "lgbs": "Local governing bodies",
    "interests": "Register of interests",
    "rpt": "Related-party transactions",
    "pay": "Executive pay decisions",
    "sod": "Scheme of delegation",
    "appendix": "Appendix: rules cited",
}
"""Section key -> title, in pack order. Cover and contents are always included; "agenda" only
with a meeting; "summary", "pay" and "appendix" only for the board audience."""

BOARD_ONLY = frozenset({"summary", "pay", "appendix"})
AUDIENCES = ("board", "public")
LANDSCAPE_SECTIONS = frozenset({"sod"})

PORTRAIT_W = A4[0] - 2 * MARGIN
LANDSCAPE_W = landscape(A4)[0] - 2 * MARGIN


@dataclass(frozen=True)
class PackResult:
    pages: int
    path: Path


def included_sections(audience: str, sections: Iterable[str] | None, has_meeting: bool) -> list[str]:
    """The section keys a pack will contain, in order."""
    wanted = set(SECTIONS) if sections is None else set(sections)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown pack sections: {', '.join(sorted(unknown))}")
    keys = [k for k in SECTIONS if k in wanted]
    if not has_meeting:
        keys = [k for k in keys if k != "agenda"]
    if audience == "public":
        keys = [k for k in keys if k not in BOARD_ONLY]
    return keys


def build_board_pack(
    snapshot: TrustSnapshot,
    findings: list[Finding],
    rules: list[RuleInfo],
    out_path,
    *,
    as_of: date,
    audience: str = "board",
    meeting_id: str | None = None,
    sections: Iterable[str] | None = None,
    paper_content: Callable[[str], bytes | None] | None = None,
    progress: Callable[[int, int], bool | None] | None = None,
    invariant: bool = False,
    title: str | None = None,
    due_items: list[DueItem] | None = None,
    personal_details: bool = False,
) -> PackResult:
    """Write the board pack PDF to `out_path` and return its page count.

    `progress(done, total)` is called as the pack builds; returning False stops it with
    PackCancelled and no file. Raises ValueError for an unknown audience, section or meeting.
    `personal_details` adds dates of birth and email addresses (board version only).
    """
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be 'board' or 'public', not {audience!r}")
    meeting: Meeting | None = None
    if meeting_id is not None:
        meeting = snapshot.meeting_by_id.get(meeting_id)
        if meeting is None:
            raise ValueError(f"no meeting with ID {meeting_id!r}")
    keys = included_sections(audience, sections, meeting is not None)
    public = audience == "public"
    out_path = Path(out_path)
    trust = snapshot.settings.name or "Academy trust"
    st = Styles.get()
    ctx = Ctx(snapshot, as_of, PORTRAIT_W, LANDSCAPE_W, public=public,
              personal=personal_details and not public)

    part: MeetingPart | None = None
    if meeting is not None:
        part = prepare(snapshot, meeting, as_of=as_of, public=public, paper_content=paper_content)
    papers = part.papers if part is not None else []

    # --- the story ---
    doc_title = title or (f"{trust}: {_meeting_name(meeting)} pack, {long_date(meeting.date)}"
                          if meeting else f"{trust}: governance pack as at {long_date(as_of)}")
    story: list[Flowable] = _cover(st, trust, title, meeting, as_of, public, snapshot, ctx.personal)
    story += [NextPageTemplate("body"), PageBreak(),
              Heading("Contents", st.h1, key="contents", level=0, outline="Contents")]
    for k in keys:
        story.append(ContentsEntry(SECTIONS[k], f"sec-{k}", 0))
        if k == "agenda" and part is not None:
            story += part.contents()

    for k in keys:
        template = "landscape" if k in LANDSCAPE_SECTIONS else "body"
        children = part.outline() if k == "agenda" and part is not None else []
        story += [
            NextPageTemplate(template), PageBreak(),
            Heading(esc(SECTIONS[k]), st.h1, key=f"sec-{k}", level=0, outline=SECTIONS[k],
                    outline_children=children, header=SECTIONS[k]),
        ]
        if k == "agenda":
            story += meeting_section(ctx, part)
        elif k == "summary":
            story += summary_section(ctx, findings, due_items or [])
        elif k == "members":
            story += members_section(ctx)
        elif k == "board":
            story += board_section(ctx)
        elif k == "lgbs":
            story += lgbs_section(ctx)
        elif k == "interests":
            story += interests_section(ctx)
        elif k == "rpt":
            story += rpt_section(ctx)
        elif k == "pay":
            story += pay_section(ctx)
        elif k == "sod":
            story += sod_section(ctx)
        elif k == "appendix":
            story += appendix_section(ctx, findings, rules)

    # --- progress ---
    n_story = len(story)
    n_stamp = sum(len(p.pages) for p in papers)
    total = n_story + n_stamp + 1

    high = [0]  # split flowables go back into the story, so keep the high-water mark

    def report(done: int) -> None:
        high[0] = max(high[0], min(done, total))
        if progress is not None and progress(high[0], total) is False:
            raise PackCancelled("board pack cancelled")

    def tick() -> None:
        report(n_story - len(story))

    # --- build ---
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=".part", dir=out_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        report(0)
        info = PageInfo(
            trust_name=trust,
            footer_left=(f"{_meeting_name(meeting)}, {long_date(meeting.date)} · " if meeting else "")
            + f"position as at {long_date(as_of)}",
            footer_centre="Public version" if public else "Board version: confidential",
        )
        target = io.BytesIO() if papers else str(tmp)
        doc = PackDocTemplate(
            target, info=info, progress=tick, invariant=1 if invariant else 0,
            title=doc_title, author=trust, creator="govboard",
            subject=(f"{'Public' if public else 'Board'} pack: "
                     + ", ".join(SECTIONS[k] for k in keys)),
            keywords="board pack, governance, academy trust",
        )
        canvases: list[PackCanvas] = []

        def make_canvas(*args, **kwargs):
            canv = PackCanvas(*args, **kwargs)
            canvases.append(canv)
            return canv

        doc.build(story, canvasmaker=make_canvas)
        pages = canvases[-1].gb_pages_total() + 1
        if papers:
            report(n_story)
            _stamp_papers(target.getvalue(), doc, tmp, report, n_story, doc_title, trust)
        report(total)
        os.replace(tmp, out_path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return PackResult(pages=pages, path=out_path)


# --- cover ---------------------------------------------------------------------------------------


def _meeting_name(meeting: Meeting | None) -> str:
    return meeting_name(meeting)


def _cover(st, trust, title, meeting, as_of, public, snapshot, personal) -> list[Flowable]:
    kind = title or ("Board pack" if meeting else "Governance pack")
    out: list[Flowable] = [Spacer(1, 52 * mm),
                           Paragraph(name_esc(kind.upper()), _kicker(st)),
                           Paragraph(name_esc(trust), st.cover_title)]
    if meeting is not None:
        out.append(Paragraph(name_esc(_meeting_name(meeting)), st.cover_sub))
        for line in when_and_where(meeting):
            out.append(Paragraph(name_esc(line), st.cover_sub))
    else:
        out.append(Paragraph("Governance registers and compliance", st.cover_sub))
    out.append(Spacer(1, 10 * mm))
    out.append(Paragraph(f"Position as at {esc(long_date(as_of))}", st.cover_meta))
    if snapshot.settings.company_number:
        out.append(Paragraph(f"Company number {esc(snapshot.settings.company_number)}", st.cover_meta))
    out.append(Spacer(1, 10 * mm))
    if public:
        audience = ("<b>Public version.</b> Compliance findings, pay decisions, the DfE's approval "
                    "of related-party agreements and who they relate to, relatives with no role "
                    "in the trust, dates of birth, email addresses and confidential agenda items "
                    "are left out.")
    else:
        audience = ("<b>Board version: confidential.</b> For trustees and the governance "
                    "professional. Contains compliance findings and pay decisions"
                    + ("; and personal data (dates of birth and email addresses)" if personal else "")
                    + "; do not circulate further.")
    box = Table([[Paragraph(audience, st.body)]], colWidths=[120 * mm], hAlign="LEFT",
                style=TableStyle([("BOX", (0, 0), (-1, -1), 0.8, ACCENT),
                                  ("FONT", (0, 0), (-1, -1), FAMILY, 9),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 8),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                                  ("TOPPADDING", (0, 0), (-1, -1), 6),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    out.append(box)
    return out


def _kicker(st):
    return ParagraphStyle("gb-kicker", parent=st.body, fontName=BOLD, fontSize=10, leading=14,
                          textColor=MUTED, spaceAfter=6)


def _stamp_papers(pdf: bytes, doc: PackDocTemplate, tmp: Path, report, done: int,
                  doc_title: str, trust: str) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for n, place in enumerate(doc.paper_placements, 1):
        src = place.source
        box = src.cropbox
        x, y, w, h = place.rect
        s = w / float(box.width)
        t = Transformation().translate(-float(box.left), -float(box.bottom)).scale(s, s).translate(x, y)
        writer.pages[place.page_index].merge_transformed_page(src, t, over=True, expand=False)
        report(done + n)
    writer.add_metadata({"/Title": doc_title, "/Author": trust, "/Creator": "govboard"})
    with open(tmp, "wb") as fh:
        writer.write(fh)

