"""The published register: what a trust must put on its website about its governance.

    write_register_html(snapshot, "governance.html", as_of=date(2026, 11, 22))
    write_register_pdf(snapshot, "governance.pdf", as_of=date(2026, 11, 22))

Content (ATH 2024 1.45-1.48 / 2.50; rules-research.md 4.3): the governance structure and who
chairs each body; every member, trustee and local governor who served in the 12 months before
as_of with appointment date, term end, date stepped down and who appointed them; their business
and pecuniary interests and relevant relationships; and attendance this academic year so far
and over the last one. Nothing private: no dates of birth, no email addresses, no pay. Everyone
and everything is read from the one publishing model (people_model.py, public audience), the
same the packs use. The PDF declares its language (en-GB) and title and is tagged (a structure
tree of headings, paragraphs and tables; see tagging.py for what PDF/UA still needs).

The HTML is one self-contained page (inline CSS, no scripts, no external assets) that reads on
a phone (tables reflow into labelled cards) and prints cleanly.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, Paragraph, Table

from govboard.domain.enums import BodyType, Role
from govboard.domain.model import BOARD_BODY, MEMBERS_BODY
from govboard.domain.snapshot import TrustSnapshot

from .common import (
    NAME_LIMIT,
    P,
    Styles,
    cell,
    clip,
    esc,
    grid_table,
    long_date,
    name_cell,
    name_esc,
    short_date,
)
from .data import academies_of, chair_of, ordered_bodies
from .people_model import OFFICER_ROLES, PUBLIC, PeopleModel
from .tagging import render_table
from .template import MARGIN, Heading, PackCanvas, PackDocTemplate, PageInfo, TaggedParagraph

__all__ = ["RegisterData", "register_data", "write_register_html", "write_register_pdf"]

LANG = "en-GB"


@dataclass
class PeopleTable:
    title: str  # "Members", "Trustees", "Local governors"
    header: list[str]
    rows: list[list[str]]
    dates: tuple[int, ...]  # columns holding dates (kept on one line)


@dataclass
class RegisterData:
    trust: str
    as_of: date
    since: date
    current_year: str
    last_year: str
    structure: list[tuple[str, str, str, str, int]]  # body, type, academy, chair, in office
    people: list[PeopleTable]
    interests: list[list[str]]
    relationships: list[list[str]]
    attendance: list[list[str]]


INTEREST_HEADER = ["Name", "Roles", "Organisation", "Nature of business", "Nature of interest",
                   "From", "To"]
RELATION_HEADER = ["Name", "Roles", "Relationship", "Related person", "Related person's roles"]


def register_data(snapshot: TrustSnapshot, as_of: date) -> RegisterData:
    """What the published register shows, read from the one publishing model (public audience)."""
    s = snapshot
    model = PeopleModel(s, as_of, PUBLIC)

    committees, lgbs = ordered_bodies(s)
    structure = []
    for body in [s.body_by_name[MEMBERS_BODY], s.body_by_name[BOARD_BODY], *committees, *lgbs]:
        roles = _STRUCTURE_OFFICES.get(body.type, (Role.COMMITTEE_MEMBER,))
        count = len({o.person_id for o in model.offices_in(*roles, body=body.name) if o.in_office(as_of)})
        structure.append((body.name, str(body.type), academies_of(s, body),
                          chair_of(s, body, as_of) or "", count))

    def stepped(o):
        return short_date(o.stepped_down(as_of))

    def term(o):
        return "" if o.stepped_down(as_of) else short_date(o.term_end)

    def role(o):
        note = o.position_note(as_of, short_date)
        return o.title(as_of) + (f" ({note})" if note else "")

    people = [
        PeopleTable("Members", ["Name", "Appointed by", "Appointed", "Stepped down"],
                    [[o.name, o.appointed_by_text, short_date(o.start), stepped(o)]
                     for o in model.group("Members")], (2, 3)),
        PeopleTable("Trustees", ["Name", "Role", "Appointed by", "Appointed", "Term ends", "Stepped down"],
                    [[o.name, role(o), o.appointed_by_text, short_date(o.start), term(o), stepped(o)]
                     for o in model.group("Trustees")], (3, 4, 5)),
        PeopleTable("Local governors", ["Name", "Role", "Local governing body", "Appointed by", "Appointed",
                                        "Term ends", "Stepped down"],
                    [[o.name, role(o), o.body, o.appointed_by_text, short_date(o.start), term(o), stepped(o)]
                     for o in model.group("Local governors")], (4, 5, 6)),
    ]

    interests = []
    for entry in model.interests:
        roles = "; ".join(entry.roles)
        if not entry.interests:
            interests.append([entry.name, roles, entry.none_text, "", "", "", ""])
        for i in entry.interests:
            interests.append([entry.name, roles, i.organisation, i.nature_of_business or "",
                              i.nature_of_interest or "", short_date(i.start), short_date(i.end)])

    relationships = [[r.person_name, "; ".join(r.person_roles), r.words, r.related_name,
                      "; ".join(r.related_roles)] for r in model.relationships]

    attendance = []
    for body in [BOARD_BODY, *[b.name for b in committees], *[b.name for b in lgbs]]:
        seen: set[str] = set()
        for o in sorted(model.offices_in(body=body), key=lambda o: (o.sort_name, o.person_id)):
            if o.person_id in seen or o.role in OFFICER_ROLES:
                continue
            seen.add(o.person_id)
            current, last = model.attendance(o.person_id, body)
            if current.possible or last.possible:
                attendance.append([o.name, body, str(current), str(last)])

    return RegisterData(s.settings.name or "Academy trust", as_of, model.since,
                        model.years.current_label, model.years.last_label, structure, people,
                        interests, relationships, attendance)


_STRUCTURE_OFFICES = {
    BodyType.MEMBERS: (Role.MEMBER,),
    BodyType.BOARD: (Role.TRUSTEE,),
    BodyType.LOCAL_GOVERNING_BODY: (Role.LOCAL_GOVERNOR, Role.HEADTEACHER),
}


def _write_atomically(out_path: Path, write) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out_path.stem}.", suffix=".part", dir=out_path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- HTML --------------------------------------------------------------------------------------

_CSS = """
:root { --ink: #1f2933; --muted: #52606d; --accent: #1d4e89; --rule: #c7d0d9; --zebra: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans",
  Arial, sans-serif; color: var(--ink); line-height: 1.5; background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1.25rem; }
header.page { border-bottom: 3px solid var(--accent); margin-bottom: 1rem; }
h1 { color: var(--accent); font-size: 1.75rem; line-height: 1.2; margin: 0.5rem 0; }
h2 { color: var(--accent); font-size: 1.3rem; margin: 2rem 0 0.5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.4rem; }
p.lead, p.note { color: var(--muted); margin: 0.25rem 0 0.75rem; }
nav ul { padding-left: 1.2rem; }
a { color: var(--accent); }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; color: var(--ink); }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem;
  border-bottom: 1px solid var(--rule); overflow-wrap: break-word; }
td.date { white-space: nowrap; }
thead th { background: var(--accent); color: #fff; }
tbody tr:nth-child(even) { background: var(--zebra); }
td.num, th.num { text-align: right; }
@media (max-width: 40rem) {
  main { padding: 0.75rem; }
  h1 { font-size: 1.4rem; }
  table, caption, tbody, tr, td, th[scope=row] { display: block; width: 100%; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  tr { border: 1px solid var(--rule); border-radius: 6px; margin-bottom: 0.6rem; padding: 0.3rem 0.5rem; }
  tbody tr:nth-child(even) { background: #fff; }
  td, th[scope=row] { border: 0; padding: 0.15rem 0; display: grid;
    grid-template-columns: 9rem 1fr; gap: 0.5rem; text-align: left; }
  td.num { text-align: left; }
  td::before, th[scope=row]::before { content: attr(data-label); font-weight: 600;
    color: var(--muted); }
  td:empty { display: none; }
}
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .table-wrap { overflow: visible; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _table(caption: str, header: list[str], rows: list[list[str]], ident: str,
           numeric: tuple[int, ...] = (), dates: tuple[int, ...] = ()) -> str:
    """An accessible table: caption, column headers, a row header in the first column.

    The explicit ARIA roles keep the table semantics when the phone layout turns rows into
    cards (display: block drops them in some browsers).
    """
    e = escape
    out = [f'<div class="table-wrap" role="region" aria-labelledby="{ident}" tabindex="0">',
           '<table role="table">', f'<caption id="{ident}">{e(caption)}</caption>',
           '<thead role="rowgroup"><tr role="row">']
    for i, h in enumerate(header):
        cls = ' class="num"' if i in numeric else ""
        out.append(f'<th scope="col" role="columnheader"{cls}>{e(h)}</th>')
    out.append('</tr></thead><tbody role="rowgroup">')
    for row in rows:
        out.append('<tr role="row">')
        for i, value in enumerate(row):
            lab = e(header[i])
            if i == 0:
                out.append(f'<th scope="row" role="rowheader" data-label="{lab}">'
                           f'{e(clip(value, NAME_LIMIT))}</th>')
            else:
                cls = ' class="num"' if i in numeric else ' class="date"' if i in dates else ""
                out.append(f'<td role="cell" data-label="{lab}"{cls}>{e(clip(value))}</td>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def render_register_html(data: RegisterData) -> str:
    e = escape
    when = long_date(data.as_of)
    title = f"{data.trust}: governance and register of interests"
    parts = [
        "<!doctype html>",
        f'<html lang="{LANG}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(clip(title, NAME_LIMIT))}</title>",
        f'<meta name="description" content="Governance arrangements, members, trustees, local '
        f'governors and their interests at {e(clip(data.trust, NAME_LIMIT))}, as at {e(when)}.">',
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        '<header class="page">',
        f"<h1>{e(clip(title, NAME_LIMIT))}</h1>",
        f'<p class="lead">As at {e(when)}. People who served at any time in the 12 months before '
        "that date are included, with the date they stepped down. A re-appointment or re-election "
        "that follows on without a break continues the same period of office.</p>",
        "</header>",
        '<nav aria-label="On this page"><ul>'
        '<li><a href="#structure">Governance structure</a></li>'
        '<li><a href="#people">Members, trustees and local governors</a></li>'
        '<li><a href="#interests">Register of interests</a></li>'
        '<li><a href="#relationships">Relevant relationships</a></li>'
        '<li><a href="#attendance">Attendance</a></li></ul></nav>',
        '<section aria-labelledby="structure"><h2 id="structure">Governance structure</h2>',
        '<p class="note">The members, the board of trustees, its committees and the local '
        "governing bodies, with who chairs each.</p>",
        _table("Governance structure and chairs", ["Body", "Type", "Academy", "Chair", "In office"],
               [[b, t, a, c or "None recorded", str(n)] for b, t, a, c, n in data.structure],
               "cap-structure", numeric=(4,)),
        "</section>",
        '<section aria-labelledby="people"><h2 id="people">Members, trustees and local governors</h2>',
    ]
    for table in data.people:
        ident = "cap-" + table.title.lower().replace(" ", "-")
        parts.append(f"<h3>{e(table.title)}</h3>")
        if table.rows:
            parts.append(_table(f"{table.title} serving in the 12 months to {when}", table.header,
                                table.rows, ident, dates=table.dates))
        else:
            parts.append(f'<p class="note">No {e(table.title.lower())} are recorded.</p>')
    parts.append("</section>")
    parts.append('<section aria-labelledby="interests"><h2 id="interests">Register of interests</h2>')
    parts.append('<p class="note">Business and pecuniary interests, including governance roles in '
                 "other schools and charities, current at the date above or ended within the "
                 "previous 12 months. &ldquo;No declaration made&rdquo; means the person has not "
                 "yet made a declaration; &ldquo;Nothing to declare&rdquo; that they declared "
                 "none.</p>")
    parts.append(_table("Register of business and pecuniary interests", INTEREST_HEADER,
                        data.interests, "cap-interests", dates=(5, 6)) if data.interests
                 else '<p class="note">Nobody is recorded.</p>')
    parts.append("</section>")
    parts.append('<section aria-labelledby="relationships"><h2 id="relationships">Relevant '
                 "relationships</h2>")
    parts.append('<p class="note">Close family relationships between members, trustees, local '
                 "governors, officers and employees of the trust.</p>")
    parts.append(_table("Relevant relationships", RELATION_HEADER, data.relationships,
                        "cap-relationships") if data.relationships
                 else '<p class="note">No relevant relationships are declared.</p>')
    parts.append("</section>")
    parts.append('<section aria-labelledby="attendance"><h2 id="attendance">Attendance</h2>')
    parts.append(f'<p class="note">Meetings attended of those held while the person was in office: '
                 f"in the academic year {e(data.current_year)} up to {e(when)}, and in "
                 f"{e(data.last_year)}.</p>")
    parts.append(_table(f"Attendance at board, committee and local governing body meetings, "
                        f"{data.current_year} so far and {data.last_year}",
                        ["Name", "Body", f"{data.current_year} so far", data.last_year],
                        data.attendance, "cap-attendance", numeric=(2, 3)) if data.attendance
                 else '<p class="note">No meetings are recorded for these years.</p>')
    parts.append("</section>")
    parts.append(f'<footer><p class="note">Published by {e(clip(data.trust, NAME_LIMIT))}. Register '
                 f"as at {e(when)}.</p></footer>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def write_register_html(snapshot: TrustSnapshot, out_path, *, as_of: date) -> Path:
    out_path = Path(out_path)
    text = render_register_html(register_data(snapshot, as_of))

    def write(tmp):
        Path(tmp).write_text(text, encoding="utf-8")

    _write_atomically(out_path, write)
    return out_path


# --- PDF -----------------------------------------------------------------------------------------


def _name(value: str) -> Paragraph:
    return P(f"<b>{name_esc(value)}</b>")


def write_register_pdf(snapshot: TrustSnapshot, out_path, *, as_of: date,
                       invariant: bool = False) -> Path:
    out_path = Path(out_path)
    data = register_data(snapshot, as_of)
    st = Styles.get()
    width = A4[0] - 2 * MARGIN
    when = long_date(as_of)
    title = f"{data.trust}: governance and register of interests"
    story = [
        Heading(name_esc(title), st.h1, key="sec-structure", level=0, outline="Governance structure",
                header="Governance structure"),
        TaggedParagraph(f"As at {esc(when)}. People who served at any time in the 12 months before that "
                  "date are included, with the date they stepped down. A re-appointment or "
                  "re-election that follows on without a break continues the same period of "
                  "office.", st.note),
        TaggedParagraph("Governance structure and chairs", st.h2),
        grid_table(["Body", "Type", "Academy", "Chair", "In office"],
                   [[_name(b), cell(t), name_cell(a), name_cell(c) if c else P("<i>None recorded</i>"),
                     str(n)] for b, t, a, c, n in data.structure],
                   [width], align_right=(4,)),
    ]
    story += [PageBreak(),
              Heading("Members, trustees and local governors", st.h1, key="sec-people", level=0,
                      outline="Members, trustees and local governors",
                      header="Members, trustees and local governors")]
    for n, table in enumerate(data.people):
        story.append(Heading(esc(table.title), st.h2, key=f"sec-people-{n}", level=1,
                             outline=table.title))
        if table.rows:
            story.append(grid_table(
                table.header,
                [[_name(r[0]), *[r[i] if i in table.dates else cell(r[i])
                                 for i in range(1, len(r))]] for r in table.rows],
                [width]))
        else:
            story.append(TaggedParagraph(f"No {esc(table.title.lower())} are recorded.", st.note))
    story += [PageBreak(), Heading("Register of interests", st.h1, key="sec-interests", level=0,
                                   outline="Register of interests", header="Register of interests")]
    story.append(TaggedParagraph("&ldquo;No declaration made&rdquo; means the person has not yet made a "
                           "declaration; &ldquo;Nothing to declare&rdquo; that they declared none.",
                           st.note))
    story.append(grid_table(
        ["Name and roles", *INTEREST_HEADER[2:]],
        [[P(f"<b>{name_esc(r[0])}</b><br/><font size='7' color='#52606d'>{esc(r[1])}</font>"),
          name_cell(r[2]), cell(r[3]), cell(r[4]), r[5], r[6]]
         for r in data.interests],
        [width]) if data.interests
        else TaggedParagraph("Nobody is recorded.", st.note))
    story += [Heading("Relevant relationships", st.h2, key="sec-relationships", level=1,
                      outline="Relevant relationships")]
    story.append(grid_table(
        ["Name and roles", "Relationship", "Related person and roles"],
        [[P(f"<b>{name_esc(r[0])}</b><br/><font size='7' color='#52606d'>{esc(r[1])}</font>"),
          cell(r[2]),
          P(f"<b>{name_esc(r[3])}</b><br/><font size='7' color='#52606d'>{esc(r[4])}</font>")]
         for r in data.relationships],
        [width]) if data.relationships
        else TaggedParagraph("No relevant relationships are declared.", st.note))
    story += [PageBreak(), Heading("Attendance", st.h1, key="sec-attendance", level=0,
                                   outline="Attendance", header="Attendance")]
    story.append(TaggedParagraph(f"Meetings attended of those held while the person was in office: in "
                           f"the academic year {esc(data.current_year)} up to {esc(when)}, and in "
                           f"{esc(data.last_year)}.", st.note))
    story.append(grid_table(
        ["Name", "Body", f"{data.current_year} so far", data.last_year],
        [[_name(r[0]), name_cell(r[1]), r[2], r[3]] for r in data.attendance],
        [width], centre=(2, 3)) if data.attendance
        else TaggedParagraph("No meetings are recorded for these years.", st.note))

    for flowable in story:  # tables tag their rows and cells through ReportLab's renderCB
        if isinstance(flowable, Table):
            flowable._renderCB = render_table

    def write(tmp):
        doc = PackDocTemplate(
            tmp, info=PageInfo(trust_name=data.trust, footer_left=f"Register as at {when}"),
            invariant=1 if invariant else 0, first_numbered=1, first_template="body",
            title=f"{clip(data.trust, NAME_LIMIT)}: governance and register of interests, {when}",
            author=clip(data.trust, NAME_LIMIT), subject="Published governance register",
            creator="govboard", lang=LANG, tagged=True,
        )
        doc.build(story, canvasmaker=PackCanvas)

    _write_atomically(out_path, write)
    return out_path
