"""The meeting's part of a board pack: the agenda with standing items and paper titles, who is
expected and the apologies received, a reminder of the interests those expected have registered,
the last meeting's minutes (marked draft or approved), the open actions as matters arising, and
the papers merged in (each page reserved in the layout, stamped in by board_pack afterwards).

Kept apart from board_pack.py, which assembles the whole pack, so the registers' sections and the
meeting's can change independently.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from pypdf import PdfReader
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph

from govboard.domain.enums import Attendance, ItemPresence, MeetingStatus
from govboard.domain.meetings import (
    action_state,
    conflicts_at_item,
    expected_attendees,
    open_actions,
    owner_label,
    previous_meeting,
)
from govboard.domain.model import AgendaItem, Meeting
from govboard.domain.snapshot import TrustSnapshot

from .common import P, cell, clip, esc, grid_table, long_date, name_cell, name_esc, scaled, short_date
from .template import Anchor, ContentsEntry, Heading, PageRef, PaperPage

ATTENDANCE_WORDS = {
    Attendance.APOLOGIES_ACCEPTED: "Apologies accepted",
    Attendance.APOLOGIES_NOT_ACCEPTED: "Apologies not accepted",
    Attendance.ABSENT: "Absent",
    Attendance.PRESENT: "Present",
}
PARTS = (
    ("attendance", "Expected to attend, and apologies"),
    ("declarations", "Declarations of interest: a reminder"),
    ("minutes", "Minutes of the last meeting"),
    ("actions", "Matters arising: open actions"),
)


def meeting_name(meeting: Meeting | None) -> str:
    if meeting is None:
        return ""
    body = meeting.body
    return f"{body} meeting" if not body.lower().endswith("meeting") else body


def when_and_where(meeting: Meeting) -> list[str]:
    """The cover's lines: 'Tuesday 19 January 2027, 18:00' and the venue."""
    day = f"{meeting.date:%A} {long_date(meeting.date)}"
    lines = [f"{day}, {meeting.start_time}" if meeting.start_time else day]
    if meeting.venue:
        lines.append(meeting.venue)
    if meeting.status == MeetingStatus.CANCELLED:
        lines.append("This meeting was cancelled.")
    return lines


def item_key(item: AgendaItem) -> str:
    return f"item-{item.item}"


def paper_title(item: AgendaItem) -> str:
    """What the pack calls a paper: its title, else the item's (never the file's name)."""
    return item.paper_title or item.title


@dataclass
class Paper:
    item: AgendaItem
    key: str
    item_key: str
    pages: list  # [(pypdf page, width, height)]
    problem: str | None = None


@dataclass
class MeetingPart:
    """What the pack shows of one meeting, gathered before the layout."""

    snapshot: TrustSnapshot
    meeting: Meeting
    as_of: date
    public: bool
    items: list[AgendaItem] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    left_out: int = 0  # confidential items left out of a public pack

    def paper_for(self, item: AgendaItem) -> Paper | None:
        return next((p for p in self.papers if p.item is item), None)

    def contents(self) -> list[Flowable]:
        """The contents page's lines for this part (under the section's own line)."""
        return [ContentsEntry(title, f"mtg-{key}", 1) for key, title in PARTS] + [
            ContentsEntry(f"Item {p.item.item}: {paper_title(p.item)}", p.key, 1) for p in self.papers]

    def outline(self) -> list[tuple[str, str, int]]:
        """The bookmarks under the section: each item (its paper below it), then the parts."""
        children: list[tuple[str, str, int]] = []
        for item in self.items:
            children.append((f"{item.item}. {item.title}", item_key(item), 1))
            paper = self.paper_for(item)
            if paper is not None:
                children.append((f"Paper: {paper_title(item)}", paper.key, 2))
        children += [(title, f"mtg-{key}", 1) for key, title in PARTS]
        return children


def prepare(snapshot: TrustSnapshot, meeting: Meeting, *, as_of: date, public: bool, paper_content) -> MeetingPart:
    part = MeetingPart(snapshot, meeting, as_of, public)
    for item in snapshot.agenda_by_meeting.get(meeting.id, ()):
        if public and item.confidential:
            part.left_out += 1
            continue
        part.items.append(item)
        if item.paper_sha256:
            part.papers.append(_load_paper(item, len(part.papers), paper_content))
    return part


def _load_paper(item: AgendaItem, index: int, paper_content) -> Paper:
    paper = Paper(item=item, key=f"paper-{index}-{item.item}", item_key=item_key(item), pages=[])
    try:
        data = paper_content(item.paper_sha256) if paper_content is not None else None
    except Exception:  # e.g. the store's "not in this trust file": a note in the pack, not a failure
        data = None
    if not data:
        paper.problem = "The paper's file is not held in the trust file."
        return paper
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        for page in reader.pages:
            if page.rotation:
                page.transfer_rotation_to_content()
            box = page.cropbox
            w, h = float(box.width), float(box.height)
            if w <= 0 or h <= 0:
                raise ValueError("empty page")
            paper.pages.append((page, w, h))
    except Exception as exc:  # a damaged or locked PDF must not stop the pack
        paper.pages = []
        paper.problem = f"The paper could not be read as a PDF ({type(exc).__name__})."
    if not paper.pages and paper.problem is None:
        paper.problem = "The paper has no pages."
    return paper


class _Band(Flowable):
    """Sets the header band text and bookmarks keys on a message page in place of a paper."""

    def __init__(self, band: str, keys: list[str]):
        super().__init__()
        self.band, self.keys = band, keys

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        canv = self.canv
        canv._doctemplate.band_text = self.band
        for key in self.keys:
            canv.mark(key)


# --- the section ---------------------------------------------------------------------------------


def meeting_section(ctx, part: MeetingPart) -> list[Flowable]:
    """The flowables of the pack's "Agenda and papers" section (after its heading)."""
    meeting = part.meeting
    st = ctx.st
    facts = [f"<b>{name_esc(meeting_name(meeting))}</b>", esc(f"{meeting.date:%A} {long_date(meeting.date)}")]
    if meeting.start_time:
        facts.append(esc(meeting.start_time))
    if meeting.venue:
        facts.append(esc(clip(meeting.venue)))
    out: list[Flowable] = [Paragraph(", ".join(facts[:2]) + "".join(f" · {f}" for f in facts[2:]), st.body)]
    status = [str(meeting.status)]
    if meeting.papers_sent_on:
        status.append(f"papers sent {long_date(meeting.papers_sent_on)}")
    out.append(Paragraph(esc(" · ".join(status)), st.note))
    out += _agenda_table(ctx, part)
    out += _attendance(ctx, part)
    out += _declarations(ctx, part)
    out += _minutes(ctx, part)
    out += _matters_arising(ctx, part)
    out += _papers(ctx, part)
    return out


def _part_heading(ctx, key: str) -> Heading:
    title = dict(PARTS)[key]
    return Heading(esc(title), ctx.st.h2, key=f"mtg-{key}", level=1)


def _agenda_table(ctx, part: MeetingPart) -> list[Flowable]:
    rows = []
    for item in part.items:
        paper = part.paper_for(item)
        title = esc(clip(item.title))
        if item.confidential:
            title += " <font color='#b42318'>(confidential)</font>"
        if item.standing:
            title = f"<font color='#52606d'>{title}</font>"
        rows.append([
            [Anchor(item_key(item)), P(f"<b>{name_esc(item.item)}</b>")],
            P(title),
            name_cell(item.presenter),
            cell(paper_title(item)) if item.paper_sha256 else "",
            PageRef(paper.key) if paper else "",
        ])
    out: list[Flowable] = []
    if rows:
        out.append(grid_table(["Item", "Title", "Presenter", "Paper", "Page"], rows,
                              scaled([7, 40, 20, 26, 7], ctx.width)))
        if any(item.standing for item in part.items):
            out.append(ctx.note("Standing items, on every agenda, are shown in grey."))
    else:
        out.append(ctx.note("The agenda has no items yet."))
    if part.left_out:
        out.append(ctx.note(f"{part.left_out} confidential item{'s are' if part.left_out != 1 else ' is'} "
                            "not included in this version."))
    return out


def _attendance(ctx, part: MeetingPart) -> list[Flowable]:
    snap, meeting = part.snapshot, part.meeting
    expected = expected_attendees(snap, meeting)
    recorded = {a.person_id: a.attendance for a in snap.attendance_by_meeting.get(meeting.id, ())}
    people = list(expected) + [pid for pid in recorded if pid not in expected]
    people.sort(key=lambda pid: snap.person_by_id[pid].sort_name if pid in snap.person_by_id else pid)
    out: list[Flowable] = [_part_heading(ctx, "attendance")]
    apologies = [pid for pid in people if recorded.get(pid) in (
        Attendance.APOLOGIES_ACCEPTED, Attendance.APOLOGIES_NOT_ACCEPTED, Attendance.ABSENT)]
    if apologies:
        names = ", ".join(snap.person_label(pid) for pid in apologies)
        out.append(Paragraph(f"<b>Apologies received:</b> {esc(names)}.", ctx.st.body))
    else:
        out.append(Paragraph("No apologies have been received.", ctx.st.body))
    if not people:
        out.append(ctx.note(esc(f"No one is recorded in office on {meeting.body} on {long_date(meeting.date)}.")))
        return out
    rows = [[name_cell(snap.person_label(pid)), cell(expected.get(pid, "(not in office then)")),
             cell(ATTENDANCE_WORDS.get(recorded.get(pid), "Expected") if pid in recorded else "Expected")]
            for pid in people]
    out.append(grid_table(["Name", "Role", "Attendance"], rows, scaled([40, 35, 25], ctx.width)))
    return out


def _declarations(ctx, part: MeetingPart) -> list[Flowable]:
    snap, meeting = part.snapshot, part.meeting
    out: list[Flowable] = [_part_heading(ctx, "declarations"), Paragraph(
        "Everyone attending declares any interest in an item before it is discussed and leaves the "
        "room for an item in which they have a conflict. The register of interests records these "
        "current interests of the people expected at this meeting:", ctx.st.body)]
    expected = expected_attendees(snap, meeting)
    people = sorted(expected, key=lambda pid: snap.person_by_id[pid].sort_name if pid in snap.person_by_id else pid)
    rows = []
    for pid in people:
        for interest in snap.interests_by_person.get(pid, ()):
            if interest.in_force(meeting.date):
                rows.append([name_cell(snap.person_label(pid)), name_cell(interest.organisation),
                             cell(interest.nature_of_interest), cell(interest.nature_of_business)])
    if rows:
        out.append(grid_table(["Name", "Organisation", "Interest", "Business"], rows,
                              scaled([24, 34, 20, 22], ctx.width)))
    else:
        out.append(ctx.note("None of them has an interest in the register."))
    known = []
    for item in part.items:
        for conflict in conflicts_at_item(snap, meeting, item.item):
            known.append(f"Item {esc(item.item)} ({esc(item.title)}): {esc(snap.person_label(conflict.person_id))}, "
                         f"{esc(conflict.reason)}.")
    if known:
        out.append(Paragraph("<b>Conflicts the agenda already shows</b> (the decision at the item concerns "
                             "them):", ctx.st.body))
        out += [Paragraph(text, ctx.st.body) for text in known]
    return out


def _minutes(ctx, part: MeetingPart) -> list[Flowable]:
    snap, meeting = part.snapshot, part.meeting
    last = previous_meeting(snap, meeting)
    out: list[Flowable] = [_part_heading(ctx, "minutes")]
    if last is None:
        out.append(ctx.note(esc(f"No earlier meeting of {meeting.body} is recorded.")))
        return out
    approved = last.minutes_approved_on
    if approved is not None and approved <= part.as_of:
        where = snap.meeting_by_id.get(last.minutes_approved_at or "")
        mark = (f"<font color='#175cd3'><b>APPROVED</b></font> on {esc(long_date(approved))}"
                + (f" at the meeting of {esc(long_date(where.date))}" if where is not None else "") + ".")
    else:
        mark = "<font color='#b42318'><b>DRAFT</b></font>: for approval at this meeting."
    out.append(Paragraph(f"{esc(meeting_name(last))}, {esc(long_date(last.date))}"
                         + (f", {esc(last.start_time)}" if last.start_time else "")
                         + (f", {esc(last.venue)}" if last.venue else "") + f". {mark}", ctx.st.body))
    records = snap.attendance_by_meeting.get(last.id, ())
    present = sorted((r.person_id for r in records if r.attendance == Attendance.PRESENT),
                     key=lambda pid: snap.person_by_id[pid].sort_name if pid in snap.person_by_id else pid)
    away = [r.person_id for r in records if r.attendance in (Attendance.APOLOGIES_ACCEPTED,
                                                             Attendance.APOLOGIES_NOT_ACCEPTED)]
    if present:
        out.append(Paragraph(f"<b>Present:</b> {esc(', '.join(snap.person_label(p) for p in present))}.",
                             ctx.st.body))
    if away:
        out.append(Paragraph(f"<b>Apologies:</b> {esc(', '.join(snap.person_label(p) for p in away))}.",
                             ctx.st.body))
    rows_by_item: dict[str, list] = {}
    for r in snap.item_attendance_by_meeting.get(last.id, ()):
        rows_by_item.setdefault(r.item, []).append(r)
    items = snap.agenda_by_meeting.get(last.id, ())
    shown = 0
    for item in items:
        if part.public and item.confidential:
            continue
        shown += 1
        block: list[Flowable] = [Paragraph(f"{esc(item.item)}. {esc(item.title)}", ctx.st.h3)]
        declared = [r for r in rows_by_item.get(item.item, ()) if r.what == ItemPresence.DECLARED_INTEREST]
        withdrew = [r for r in rows_by_item.get(item.item, ()) if r.what == ItemPresence.WITHDREW]
        if declared or withdrew:
            said = []
            if declared:
                said.append("Declared an interest: " + ", ".join(
                    snap.person_label(r.person_id) + (f" ({r.interest})" if r.interest else "") for r in declared))
            if withdrew:
                said.append("Withdrew for this item: " + ", ".join(snap.person_label(r.person_id) for r in withdrew))
            block.append(Paragraph(f"<i>{esc('. '.join(said))}.</i>", ctx.st.body))
        block.append(Paragraph(esc(item.minute), ctx.st.body) if item.minute
                     else ctx.note("No minute recorded."))
        if item.decision or item.outcome:
            decided = f"<b>Decision:</b> {esc(item.decision)}" if item.decision else "<b>Outcome:</b>"
            if item.outcome:
                decided += f" <font color='#52606d'>({esc(str(item.outcome))})</font>" if item.decision else \
                    f" {esc(str(item.outcome))}"
            block.append(Paragraph(decided, ctx.st.body))
        out += block
    if not shown:
        out.append(ctx.note("No minutes are recorded for that meeting."))
    return out


def _matters_arising(ctx, part: MeetingPart) -> list[Flowable]:
    snap, meeting = part.snapshot, part.meeting
    out: list[Flowable] = [_part_heading(ctx, "actions")]
    confidential = {(i.meeting_id, i.item) for i in snap.agenda if i.confidential}
    actions = [a for a in open_actions(snap, part.as_of, before=meeting.date - timedelta(days=1), body=meeting.body)
               if not (part.public and (a.meeting_id, a.item) in confidential)]
    if not actions:
        out.append(ctx.note(esc(f"No actions from earlier meetings of {meeting.body} are open.")))
        return out
    rows = []
    overdue_rows = []
    for n, a in enumerate(actions, start=1):
        source = snap.meeting_by_id[a.meeting_id]
        state = action_state(a, part.as_of)
        if state == "Overdue":
            overdue_rows.append(n)
        rows.append([cell(a.action), name_cell(owner_label(snap, a.owner)), short_date(a.due_date),
                     cell(f"{short_date(source.date)}" + (f", item {a.item}" if a.item else "")), state])
    styles = [("TEXTCOLOR", (4, r), (4, r), "#b42318") for r in overdue_rows]
    out.append(grid_table(["Action", "Owner", "Due", "From the meeting of", "Status"], rows,
                          scaled([44, 18, 11, 17, 10], ctx.width), extra_styles=styles))
    out.append(ctx.note(f"Status as at {long_date(part.as_of)}."))
    return out


def _papers(ctx, part: MeetingPart) -> list[Flowable]:
    st = ctx.st
    out: list[Flowable] = []
    for paper in part.papers:
        item = paper.item
        band = f"Item {item.item}: {item.title}"
        keys = [paper.key]
        title = paper_title(item)
        # The band names the item on the left; the paper's own title on the right when it has one.
        right = title if item.paper_title and item.paper_title != item.title else "Paper"
        if paper.problem:
            out += [NextPageTemplate("paper"), PageBreak(), _Band(f"{band}\t{right}", keys),
                    Paragraph(f"<b>{esc(title)}</b>", st.h2),
                    Paragraph(esc(paper.problem) + " Ask the governance professional for a copy.", st.body)]
            continue
        for n, (page, w, h) in enumerate(paper.pages):
            tpl = "paper-landscape" if w > h else "paper"
            out += [NextPageTemplate(tpl), PageBreak(),
                    PaperPage(page, w, h, f"{band}\t{right} · page {n + 1} of {len(paper.pages)}",
                              keys if n == 0 else [])]
    return out


__all__ = ["MeetingPart", "Paper", "item_key", "meeting_name", "meeting_section", "paper_title", "prepare",
           "when_and_where"]
