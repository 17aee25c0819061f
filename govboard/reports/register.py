"""The published register: what a trust must put on its website about its governance.

    write_register_html(snapshot, "governance.html", as_of=date(2026, 11, 22))
    write_register_pdf(snapshot, "governance.pdf", as_of=date(2026, 11, 22))

Content (ATH 2024 1.45-1.48 / 2.50; rules-research.md 4.3): the governance structure and who
chairs each body; every member, trustee and local governor who served in the 12 months before
as_of with appointment date, term end, date stepped down and who appointed them; their business
and pecuniary interests and relevant relationships; and attendance over the last academic
year. Nothing private: no dates of birth, no email addresses, no pay.

The HTML is one self-contained page (inline CSS, no scripts, no external assets) that reads on
a phone (tables reflow into labelled cards) and prints cleanly.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, Paragraph

from govboard.domain.enums import LOCAL_GOVERNOR_ROLES, TRUSTEE_ROLES, BodyType, Role
from govboard.domain.model import BOARD_BODY, MEMBERS_BODY, Appointment
from govboard.domain.snapshot import TrustSnapshot

from .common import P, Styles, cell, esc, grid_table, label, long_date, scaled, short_date
from .data import AttendanceIndex, attendance_year, chair_of, ordered_bodies, recent_appointments
from .template import MARGIN, Heading, PackCanvas, PackDocTemplate, PageInfo

__all__ = ["RegisterData", "register_data", "write_register_html", "write_register_pdf"]

REGISTER_ROLES = frozenset({Role.MEMBER}) | TRUSTEE_ROLES | LOCAL_GOVERNOR_ROLES | {Role.HEADTEACHER}


@dataclass
class RegisterData:
    trust: str
    as_of: date
    since: date
    year: str
    structure: list[tuple[str, str, str, str, int]]  # body, type, academy, chair, in office
    people: list[tuple[str, list[list[str]]]]  # group title -> rows
    interests: list[list[str]]
    relationships: list[list[str]]
    attendance: list[list[str]]


PEOPLE_HEADER = ["Name", "Role", "Body", "Appointed by", "Appointed", "Term ends", "Stepped down"]
INTEREST_HEADER = ["Name", "Organisation", "Nature of business", "Nature of interest", "From", "To"]
RELATION_HEADER = ["Name", "Relationship", "Related person", "Related person's roles"]


def _group_of(appt: Appointment) -> str | None:
    if appt.role == Role.MEMBER:
        return "Members"
    if appt.role in TRUSTEE_ROLES:
        return "Trustees"
    if appt.role in LOCAL_GOVERNOR_ROLES or appt.role == Role.HEADTEACHER:
        return "Local governors"
    return None


def register_data(snapshot: TrustSnapshot, as_of: date) -> RegisterData:
    s = snapshot
    appts = [a for a in recent_appointments(s, as_of, REGISTER_ROLES)
             if not (a.role == Role.HEADTEACHER and s.body_by_name.get(a.body) is None)]
    since = as_of - timedelta(days=365)
    start, end, year = attendance_year(as_of)

    committees, lgbs = ordered_bodies(s)
    structure = []
    for body in [s.body_by_name[MEMBERS_BODY], s.body_by_name[BOARD_BODY], *committees, *lgbs]:
        academy = s.academy_by_urn.get(body.academy_urn or "")
        if body.type == BodyType.MEMBERS:
            count = len(s.members_in_office(as_of))
        elif body.type == BodyType.BOARD:
            count = len(s.trustees_in_office(as_of))
        elif body.type == BodyType.LOCAL_GOVERNING_BODY:
            count = len({a.person_id for a in s.appointments_in_office(
                as_of, LOCAL_GOVERNOR_ROLES | {Role.HEADTEACHER}, body.name)})
        else:
            count = len(s.committee_members_in_office(as_of, body.name))
        structure.append((body.name, str(body.type), academy.name if academy else "",
                          chair_of(s, body, as_of) or "", count))

    groups: dict[str, list[tuple]] = {"Members": [], "Trustees": [], "Local governors": []}
    for a in appts:
        g = _group_of(a)
        person = s.person_by_id.get(a.person_id)
        if g is None or person is None:
            continue
        groups[g].append((person.sort_name, a.body.casefold(), a.start, person.full_name, a))
    people = []
    for title, items in groups.items():
        rows = []
        for *_, name, a in sorted(items, key=lambda t: t[:3]):
            rows.append([name, str(a.role), a.body, label(a.appointed_by), short_date(a.start),
                         short_date(a.term_end), short_date(a.end) if a.end and a.end <= as_of else ""])
        people.append((title, rows))

    person_ids = sorted({a.person_id for a in appts if a.person_id in s.person_by_id},
                        key=lambda p: (s.person_by_id[p].sort_name, p))
    interests = []
    for pid in person_ids:
        name = s.person_by_id[pid].full_name
        mine = [i for i in s.interests_by_person.get(pid, ())
                if (i.end is None or i.end >= since) and (i.start is None or i.start <= as_of)]
        mine.sort(key=lambda i: (i.start or date.min, i.organisation.casefold()))
        if not mine:
            decls = s.declarations_by_person.get(pid, ())
            latest = max(decls, key=lambda d: d.declared_on) if decls else None
            text = "Nothing to declare" if latest and latest.nothing_to_declare else "No interests declared"
            interests.append([name, text, "", "", "", ""])
        for i in mine:
            interests.append([name, i.organisation, i.nature_of_business or "",
                              i.nature_of_interest or "", short_date(i.start), short_date(i.end)])

    relationships = []
    covered = set(person_ids)
    seen = set()
    for pid in person_ids:
        for rel in s.relationships_by_person.get(pid, ()):
            ident = (rel.person_id, rel.related_person_id, rel.relationship)
            if ident in seen or (rel.end is not None and rel.end < since):
                continue
            seen.add(ident)
            other = rel.related_person_id if rel.person_id == pid else rel.person_id
            roles = _roles_of(s, other, as_of)
            if other not in covered and not roles:
                continue  # only relationships with members, trustees, governors or employees
            relationships.append([s.person_label(rel.person_id), str(rel.relationship),
                                  s.person_label(rel.related_person_id), "; ".join(roles)])

    index = AttendanceIndex(s, start, end)
    attendance = []
    attendance_bodies = [BOARD_BODY, *[b.name for b in committees], *[b.name for b in lgbs]]
    body_people: dict[str, set[str]] = {}
    for a in appts:
        body_people.setdefault(a.body, set()).add(a.person_id)
    for a in recent_appointments(s, as_of, None):
        if s.body_by_name.get(a.body) is not None and s.body_by_name[a.body].type.is_committee:
            body_people.setdefault(a.body, set()).add(a.person_id)
    for body in attendance_bodies:
        for pid in sorted(body_people.get(body, ()),
                          key=lambda p: (s.person_by_id[p].sort_name if p in s.person_by_id else p)):
            count = index.get(pid, body)
            if count.possible:
                attendance.append([s.person_label(pid), body, str(count.attended), str(count.possible)])

    return RegisterData(s.settings.name or "Academy trust", as_of, since, year, structure, people,
                        interests, relationships, attendance)


def _roles_of(s: TrustSnapshot, person_id: str, as_of: date) -> list[str]:
    roles = []
    for a in s.appointments_by_person.get(person_id, ()):
        if a.in_office(as_of) and a.role in REGISTER_ROLES:
            text = str(a.role) if a.body in (MEMBERS_BODY, BOARD_BODY) else f"{a.role}, {a.body}"
            if text not in roles:
                roles.append(text)
    for e in s.employment_by_person.get(person_id, ()):
        if e.in_force(as_of):
            roles.append(f"Employee ({e.job_title})")
    return roles


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
                out.append(f'<th scope="row" role="rowheader" data-label="{lab}">{e(value)}</th>')
            else:
                cls = ' class="num"' if i in numeric else ' class="date"' if i in dates else ""
                out.append(f'<td role="cell" data-label="{lab}"{cls}>{e(value)}</td>')
        out.append("</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def render_register_html(data: RegisterData) -> str:
    e = escape
    when = long_date(data.as_of)
    parts = [
        "<!doctype html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(data.trust)}: governance and register of interests</title>",
        f'<meta name="description" content="Governance arrangements, members, trustees, local '
        f'governors and their interests at {e(data.trust)}, as at {e(when)}.">',
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        '<header class="page">',
        f"<h1>{e(data.trust)}: governance and register of interests</h1>",
        f'<p class="lead">As at {e(when)}. People who served at any time in the 12 months before '
        "that date are included, with the date they stepped down.</p>",
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
    for title, rows in data.people:
        ident = "cap-" + title.lower().replace(" ", "-")
        parts.append(f"<h3>{e(title)}</h3>")
        if rows:
            parts.append(_table(f"{title} serving in the 12 months to {when}", PEOPLE_HEADER, rows,
                                ident, dates=(4, 5, 6)))
        else:
            parts.append(f'<p class="note">No {e(title.lower())} are recorded.</p>')
    parts.append("</section>")
    parts.append('<section aria-labelledby="interests"><h2 id="interests">Register of interests</h2>')
    parts.append('<p class="note">Business and pecuniary interests, including governance roles in '
                 "other schools and charities, current at the date above or ended within the "
                 "previous 12 months.</p>")
    parts.append(_table("Register of business and pecuniary interests", INTEREST_HEADER,
                        data.interests, "cap-interests", dates=(4, 5)) if data.interests
                 else '<p class="note">Nobody is recorded.</p>')
    parts.append("</section>")
    parts.append('<section aria-labelledby="relationships"><h2 id="relationships">Relevant '
                 "relationships</h2>")
    parts.append('<p class="note">Relationships between members, trustees and local governors, '
                 "and with employees of the trust.</p>")
    parts.append(_table("Relevant relationships", RELATION_HEADER, data.relationships,
                        "cap-relationships") if data.relationships
                 else '<p class="note">No relevant relationships are declared.</p>')
    parts.append("</section>")
    parts.append(f'<section aria-labelledby="attendance"><h2 id="attendance">Attendance in '
                 f"{e(data.year)}</h2>")
    parts.append(f'<p class="note">Meetings attended out of those the person could have attended '
                 f"in the academic year {e(data.year)}.</p>")
    parts.append(_table(f"Attendance at board, committee and local governing body meetings, "
                        f"{data.year}", ["Name", "Body", "Attended", "Out of a possible"],
                        data.attendance, "cap-attendance", numeric=(2, 3)) if data.attendance
                 else '<p class="note">No meetings are recorded for that year.</p>')
    parts.append("</section>")
    parts.append(f'<footer><p class="note">Published by {e(data.trust)}. Register as at '
                 f"{e(when)}.</p></footer>")
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


def write_register_pdf(snapshot: TrustSnapshot, out_path, *, as_of: date,
                       invariant: bool = False) -> Path:
    out_path = Path(out_path)
    data = register_data(snapshot, as_of)
    st = Styles.get()
    width = A4[0] - 2 * MARGIN
    when = long_date(as_of)
    story = [
        Heading(esc(f"{data.trust}: governance and register of interests"), st.h1,
                key="sec-structure", level=0, outline="Governance structure",
                header="Governance structure"),
        Paragraph(f"As at {esc(when)}. People who served at any time in the 12 months before that "
                  "date are included, with the date they stepped down.", st.note),
        Paragraph("Governance structure and chairs", st.h2),
        grid_table(["Body", "Type", "Academy", "Chair", "In office"],
                   [[P(f"<b>{esc(b)}</b>"), cell(t), cell(a), cell(c) if c else P("<i>None recorded</i>"),
                     str(n)] for b, t, a, c, n in data.structure],
                   scaled([28, 22, 22, 20, 8], width), align_right=(4,)),
    ]
    story += [PageBreak(),
              Heading("Members, trustees and local governors", st.h1, key="sec-people", level=0,
                      outline="Members, trustees and local governors",
                      header="Members, trustees and local governors")]
    for n, (title, rows) in enumerate(data.people):
        story.append(Heading(esc(title), st.h2, key=f"sec-people-{n}", level=1, outline=title))
        if rows:
            story.append(grid_table(
                PEOPLE_HEADER,
                [[P(f"<b>{esc(r[0])}</b>"), cell(r[1]), cell(r[2]), cell(r[3]), r[4], r[5], r[6]]
                 for r in rows],
                scaled([18, 14, 16, 22, 10, 10, 10], width)))
        else:
            story.append(Paragraph(f"No {esc(title.lower())} are recorded.", st.note))
    story += [PageBreak(), Heading("Register of interests", st.h1, key="sec-interests", level=0,
                                   outline="Register of interests", header="Register of interests")]
    story.append(grid_table(
        INTEREST_HEADER,
        [[P(f"<b>{esc(r[0])}</b>"), cell(r[1]), cell(r[2]), cell(r[3]), r[4], r[5]]
         for r in data.interests],
        scaled([20, 26, 22, 16, 8, 8], width)) if data.interests
        else Paragraph("Nobody is recorded.", st.note))
    story += [Heading("Relevant relationships", st.h2, key="sec-relationships", level=1,
                      outline="Relevant relationships")]
    story.append(grid_table(
        RELATION_HEADER, [[P(f"<b>{esc(r[0])}</b>"), cell(r[1]), P(f"<b>{esc(r[2])}</b>"), cell(r[3])]
                          for r in data.relationships],
        scaled([22, 18, 22, 38], width)) if data.relationships
        else Paragraph("No relevant relationships are declared.", st.note))
    story += [PageBreak(), Heading(esc(f"Attendance in {data.year}"), st.h1, key="sec-attendance",
                                   level=0, outline=f"Attendance in {data.year}",
                                   header="Attendance")]
    story.append(grid_table(
        ["Name", "Body", "Attended", "Out of a possible"],
        [[P(f"<b>{esc(r[0])}</b>"), cell(r[1]), r[2], r[3]] for r in data.attendance],
        scaled([35, 41, 12, 12], width), align_right=(2, 3)) if data.attendance
        else Paragraph("No meetings are recorded for that year.", st.note))

    def write(tmp):
        doc = PackDocTemplate(
            tmp, info=PageInfo(trust_name=data.trust, footer_left=f"Register as at {when}"),
            invariant=1 if invariant else 0, first_numbered=1, first_template="body",
            title=f"{data.trust}: governance and register of interests, {when}",
            author=data.trust, subject="Published governance register", creator="govboard",
        )
        doc.build(story, canvasmaker=PackCanvas)

    _write_atomically(out_path, write)
    return out_path
