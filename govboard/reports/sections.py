"""The register tables and the compliance summary, as lists of flowables.

Shared by the board pack, the register PDF and the plain baseline document, so the benchmark
compares like with like. Section headings are added by the caller.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from govboard.domain.enums import (
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    Role,
    Severity,
    SodLevel,
)
from govboard.domain.model import BOARD_BODY, MEMBERS_BODY, DueItem, Finding, RuleInfo
from govboard.domain.snapshot import TrustSnapshot

from .common import (
    ACCENT_LIGHT,
    INK,
    RULE,
    SEVERITY_COLOURS,
    ZEBRA,
    P,
    Styles,
    cell,
    esc,
    grid_table,
    label,
    long_date,
    money,
    plural,
    scaled,
    short_date,
)
from .data import (
    GOVERNANCE_ROLES,
    OFFICER_ROLES,
    AttendanceIndex,
    attendance_year,
    by_person,
    chair_of,
    current_term_end,
    first_start,
    last_end,
    ordered_bodies,
    recent_appointments,
    role_summary,
    sorted_people,
)
from .fonts import BOLD, FAMILY

SOD_ABBREVIATIONS = {level: level.abbreviation for level in SodLevel}


@dataclass
class Ctx:
    """What every section needs: the data, the date, the room and who will read it."""

    snapshot: TrustSnapshot
    as_of: date
    width: float  # portrait frame width in points
    wide_width: float  # landscape frame width
    public: bool = False

    @cached_property
    def st(self) -> Styles:
        return Styles.get()

    @cached_property
    def year(self) -> tuple[date, date, str]:
        return attendance_year(self.as_of)

    @cached_property
    def attendance(self) -> AttendanceIndex:
        start, end, _ = self.year
        return AttendanceIndex(self.snapshot, start, end)

    def note(self, text: str) -> Paragraph:
        return Paragraph(text, self.st.note)

    def h3(self, text: str) -> Paragraph:
        return Paragraph(esc(text), self.st.h3)


def _name_cell(ctx: Ctx, person, *, with_email: bool, tag: str | None = None) -> Paragraph:
    text = f"<b>{esc(person.full_name)}</b>"
    if tag:
        text += f"<br/><font size='7' color='#1d4e89'>{esc(tag)}</font>"
    if with_email and person.email:
        text += f"<br/><font size='7' color='#52606d'>{esc(person.email)}</font>"
    return P(text)


def _empty(ctx: Ctx, text: str) -> Paragraph:
    return ctx.note(esc(text))


# --- members ---------------------------------------------------------------------------------


def members_section(ctx: Ctx) -> list[Flowable]:
    s, as_of = ctx.snapshot, ctx.as_of
    appts = by_person(recent_appointments(s, as_of, {Role.MEMBER}, MEMBERS_BODY))
    trustees = s.trustees_in_office(as_of)
    people = sorted_people(s, appts)
    current = sum(1 for p in people if any(a.in_office(as_of) for a in appts[p.id]))
    out: list[Flowable] = [ctx.note(
        f"{plural(current, 'member')} in office on {long_date(as_of)}. Members who stepped down "
        "in the 12 months before that date are listed with the date they left."
    )]
    if not people:
        return [*out, _empty(ctx, "No members are recorded.")]
    header = ["Name", "Appointed by", "Appointed", "Stepped down", "Also a trustee"]
    weights = [30, 34, 14, 14, 12]
    if not ctx.public:
        header.insert(4, "Date of birth")
        weights = [28, 28, 13, 13, 13, 10]
    rows = []
    for p in people:
        mine = appts[p.id]
        row = [
            _name_cell(ctx, p, with_email=not ctx.public),
            cell(_appointed_by(mine)),
            short_date(first_start(mine)),
            short_date(last_end(mine, as_of)),
            "Yes" if p.id in trustees else "No",
        ]
        if not ctx.public:
            row.insert(4, short_date(p.date_of_birth))
        rows.append(row)
    out.append(grid_table(header, rows, scaled(weights, ctx.width)))
    return out


def _appointed_by(appts) -> str:
    labels = {label(a.appointed_by) for a in appts if a.appointed_by}
    return "; ".join(sorted(labels))


# --- board and committees ------------------------------------------------------------------------


def board_section(ctx: Ctx) -> list[Flowable]:
    s, as_of = ctx.snapshot, ctx.as_of
    _, _, year = ctx.year
    appts = by_person(recent_appointments(s, as_of, TRUSTEE_ROLES, BOARD_BODY))
    people = sorted_people(s, appts)
    current = sum(1 for p in people if any(a.in_office(as_of) for a in appts[p.id]))
    out: list[Flowable] = [ctx.note(
        f"{plural(current, 'trustee')} in office on {long_date(as_of)}. Attendance counts the "
        f"meetings held in the academic year {year} while the person was in office "
        "(attended of possible)."
    ), ctx.h3("Trustees")]
    if people:
        header = ["Name", "Role", "Appointed by", "Appointed", "Term ends",
                  f"Board meetings {year}"]
        weights = [26, 20, 24, 10, 10, 10]
        if not ctx.public:
            header.insert(5, "Date of birth")
            weights = [24, 18, 22, 10, 10, 10, 10]
        rows = []
        for p in people:
            mine = appts[p.id]
            now = [a for a in mine if a.in_office(as_of)] or mine
            roles = sorted({a.role for a in now}, key=lambda r: list(Role).index(r))
            role_text = esc(", ".join(str(r) for r in roles if r != Role.TRUSTEE) or str(Role.TRUSTEE))
            left = last_end(mine, as_of)
            if left:
                role_text += f"<br/><font color='#b42318'>Stepped down {short_date(left)}</font>"
            name = _name_cell(ctx, p, with_email=not ctx.public,
                              tag="Employee of the trust" if s.is_employee(p.id, as_of) else None)
            row = [
                name,
                P(role_text),
                cell(_appointed_by(mine)),
                short_date(first_start(mine)),
                short_date(current_term_end(mine, as_of)),
                str(ctx.attendance.get(p.id, BOARD_BODY)),
            ]
            if not ctx.public:
                row.insert(5, short_date(p.date_of_birth))
            rows.append(row)
        out.append(grid_table(header, rows, scaled(weights, ctx.width), centre=(len(header) - 1,)))
    else:
        out.append(_empty(ctx, "No trustees are recorded."))

    # officers
    officer_rows = []
    for role in OFFICER_ROLES:
        for a in sorted(s.appointments_by_role.get(role, ()), key=lambda a: a.start):
            if a.in_office(as_of):
                officer_rows.append([cell(str(role)), P(f"<b>{esc(s.person_label(a.person_id))}</b>"),
                                     short_date(a.start), short_date(a.term_end)])
    out.append(ctx.h3("Officers"))
    if officer_rows:
        out.append(grid_table(["Role", "Name", "Since", "Term ends"], officer_rows,
                              scaled([30, 40, 15, 15], ctx.width)))
    else:
        out.append(_empty(ctx, "No officers are recorded."))

    committees, _ = ordered_bodies(s)
    trustee_ids = s.trustees_in_office(as_of)
    for body in committees:
        cappts = by_person(recent_appointments(s, as_of, None, body.name))
        chair = chair_of(s, body, as_of)
        block: list[Flowable] = [CondPageBreak(90), ctx.h3(body.name)]
        facts = [esc(str(body.type))]
        facts.append(f"Chair: {esc(chair)}" if chair else "No chair recorded")
        if body.tor_reviewed_on:
            facts.append(f"Terms of reference reviewed {long_date(body.tor_reviewed_on)}")
        block.append(ctx.note(" · ".join(facts)))
        cpeople = sorted_people(s, cappts)
        if cpeople:
            rows = []
            for p in cpeople:
                mine = cappts[p.id]
                now = [a for a in mine if a.in_office(as_of)] or mine
                role = Role.COMMITTEE_CHAIR if any(a.role == Role.COMMITTEE_CHAIR for a in now) else None
                rows.append([
                    P(f"<b>{esc(p.full_name)}</b>"),
                    cell(role or Role.COMMITTEE_MEMBER),
                    "Yes" if p.id in trustee_ids else "No",
                    short_date(first_start(mine)),
                    short_date(last_end(mine, as_of)),
                    str(ctx.attendance.get(p.id, body.name)),
                ])
            block.append(grid_table(
                ["Name", "Role", "Trustee", "Appointed", "Stepped down", f"Meetings {year}"],
                rows, scaled([32, 18, 10, 13, 13, 14], ctx.width), centre=(2, 5)))
        else:
            block.append(_empty(ctx, "No members are recorded."))
        out.extend(block)
    return out


# --- local governing bodies ------------------------------------------------------------------


def lgbs_section(ctx: Ctx) -> list[Flowable]:
    s, as_of = ctx.snapshot, ctx.as_of
    _, lgbs = ordered_bodies(s)
    out: list[Flowable] = [ctx.note(
        f"{plural(len(lgbs), 'local governing body', 'local governing bodies')} on "
        f"{long_date(as_of)}. Governors in office include the chair and any ex-officio "
        "headteacher; the next term to end is shown with the governor's name."
    )]
    if not lgbs:
        return [*out, _empty(ctx, "No local governing bodies are recorded.")]
    rows = []
    for body in lgbs:
        in_office = s.appointments_in_office(as_of, LOCAL_GOVERNOR_ROLES | {Role.HEADTEACHER}, body.name)
        governors = {a.person_id for a in in_office}
        parents = {a.person_id for a in in_office if a.appointed_by is not None and a.appointed_by.is_parent}
        next_end = min(((a.term_end, a.person_id) for a in in_office if a.term_end), default=None)
        academy = s.academy_by_urn.get(body.academy_urn or "")
        academy_text = academy.name if academy else (body.academy_urn or "")
        chair = chair_of(s, body, as_of)
        rows.append([
            P(f"<b>{esc(body.name)}</b>"),
            cell(academy_text),
            cell(chair) if chair else P("<i>None recorded</i>"),
            str(len(governors)),
            str(len(parents)),
            P(f"{short_date(next_end[0])}<br/><font color='#52606d'>"
              f"{esc(s.person_label(next_end[1]))}</font>") if next_end else "",
        ])
    out.append(grid_table(
        ["Local governing body", "Academy", "Chair", "Governors in office", "Parent governors",
         "Next term ends"],
        rows, scaled([24, 24, 20, 10, 10, 16], ctx.width), centre=(3, 4)))
    return out


# --- register of interests -------------------------------------------------------------------


def interest_people(ctx: Ctx):
    """Everyone the register covers: governance roles in the last 12 months, and officers."""
    appts = recent_appointments(ctx.snapshot, ctx.as_of, GOVERNANCE_ROLES | set(OFFICER_ROLES))
    grouped = by_person(appts)
    return sorted_people(ctx.snapshot, grouped), grouped


def interests_section(ctx: Ctx) -> list[Flowable]:
    s, as_of = ctx.snapshot, ctx.as_of
    since = as_of - timedelta(days=365)
    people, grouped = interest_people(ctx)
    out: list[Flowable] = [ctx.note(
        "Business and pecuniary interests of members, trustees, local governors and officers who "
        "served in the 12 months before "
        f"{long_date(as_of)}, with interests current then or ended within those 12 months."
    )]
    if not people:
        return [*out, _empty(ctx, "Nobody is recorded.")]
    rows: list[list] = []
    commands: list[tuple] = []
    shade = False
    for p in people:
        interests = [
            i for i in s.interests_by_person.get(p.id, ())
            if (i.end is None or i.end >= since) and (i.start is None or i.start <= as_of)
        ]
        interests.sort(key=lambda i: (i.start or date.min, i.organisation.casefold()))
        decls = s.declarations_by_person.get(p.id, ())
        latest = max(decls, key=lambda d: d.declared_on) if decls else None
        first_row = len(rows) + 1  # +1 for the header row
        name = P(f"<b>{esc(p.full_name)}</b><br/><font size='7' color='#52606d'>"
                 f"{esc(role_summary(grouped[p.id]))}</font>")
        declared = short_date(latest.declared_on) if latest else "None"
        if interests:
            for n, i in enumerate(interests):
                rows.append([
                    name if n == 0 else "",
                    cell(i.organisation),
                    cell(i.nature_of_business),
                    cell(i.nature_of_interest),
                    short_date(i.start),
                    short_date(i.end),
                    declared if n == 0 else "",
                ])
        else:
            nothing = "Nothing to declare" if latest and latest.nothing_to_declare else "No interests recorded"
            rows.append([name, P(f"<i>{nothing}</i>", ctx.st.cell), "", "", "", "", declared])
        last_row = len(rows)
        if shade:
            commands.append(("BACKGROUND", (0, first_row), (-1, last_row), ZEBRA))
        commands.append(("LINEABOVE", (0, first_row), (-1, first_row), 0.6, RULE))
        shade = not shade
    out.append(grid_table(
        ["Name and roles", "Organisation", "Nature of business", "Nature of interest", "From", "To",
         "Declared"],
        rows, scaled([22, 24, 18, 14, 7, 7, 8], ctx.width), zebra=False, extra_styles=commands))
    out.extend(relationships_block(ctx, people))
    return out


def relationships_block(ctx: Ctx, people) -> list[Flowable]:
    s, as_of = ctx.snapshot, ctx.as_of
    since = as_of - timedelta(days=365)
    covered = {p.id for p in people}
    seen = set()
    rows = []
    for p in people:
        for rel in s.relationships_by_person.get(p.id, ()):
            if rel.id and rel.id in seen or (rel.end is not None and rel.end < since):
                continue
            if not rel.id and (rel.person_id, rel.related_person_id, rel.relationship) in seen:
                continue
            seen.add(rel.id or (rel.person_id, rel.related_person_id, rel.relationship))
            other = rel.related_person_id if rel.person_id == p.id else rel.person_id
            rows.append([
                P(f"<b>{esc(s.person_label(rel.person_id))}</b>"),
                cell(rel.relationship),
                P(f"<b>{esc(s.person_label(rel.related_person_id))}</b>"),
                cell(_connection(ctx, other, covered)),
                short_date(rel.start),
                short_date(rel.end),
            ])
    out: list[Flowable] = [CondPageBreak(80), ctx.h3("Relevant relationships")]
    if not rows:
        return [*out, _empty(ctx, "No relationships between people in the register, or with "
                                  "employees, are recorded.")]
    out.append(ctx.note(
        "Close relationships of the people above with other members, trustees, local governors "
        "or employees of the trust."))
    out.append(grid_table(["Person", "Relationship", "Related person", "Related person's roles",
                           "From", "To"], rows, scaled([22, 17, 22, 23, 8, 8], ctx.width)))
    return out


def _connection(ctx: Ctx, person_id: str, covered: set[str]) -> str:
    s, as_of = ctx.snapshot, ctx.as_of
    parts = []
    appts = [a for a in s.appointments_by_person.get(person_id, ()) if a.in_office(as_of)]
    if appts:
        parts.append(role_summary(appts))
    jobs = [e for e in s.employment_by_person.get(person_id, ()) if e.in_force(as_of)]
    for e in jobs:
        where = s.academy_by_urn[e.academy_urn].name if e.academy_urn in s.academy_by_urn else "central team"
        parts.append(f"Employee: {e.job_title}, {where}")
    return "; ".join(parts) or "No current role"


# --- related parties ---------------------------------------------------------------------------


def rpt_section(ctx: Ctx) -> list[Flowable]:
    s = ctx.snapshot
    threshold = s.settings.rpt_approval_threshold
    agreements = sorted(s.rpt_agreements, key=lambda a: (a.related_organisation.casefold(), a.id))
    out: list[Flowable] = [ctx.note(
        f"Agreements with related parties and their value in each financial year. Values above "
        f"{money(threshold)} in a year need the DfE's approval before the agreement is made "
        "unless an exemption applies."
    )]
    if not agreements:
        return [*out, _empty(ctx, "No related-party agreements are recorded.")]
    rows = []
    for a in agreements:
        values = s.rpt_values_by_agreement.get(a.id, [])  # snapshot.rpt_values() is shadowed
        value_rows = [
            [v.financial_year, money(v.value), "▲" if v.value > threshold else ""] for v in values
        ]
        value_cell = Table(value_rows, colWidths=[38, 62, 10], hAlign="RIGHT", style=TableStyle([
            ("FONT", (0, 0), (-1, -1), FAMILY, 8, 10), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("TEXTCOLOR", (2, 0), (2, -1), SEVERITY_COLOURS["must"]),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ])) if value_rows else "–"
        status = []
        if a.exempt:
            status.append(f"Exempt: {esc(label(a.exemption))}")
        if a.dfe_approval:
            status.append(f"<b>{esc(label(a.dfe_approval))}</b>"
                          + (f" {short_date(a.dfe_decision_on)}" if a.dfe_decision_on else ""))
        if a.reported_to_dfe_on:
            status.append(f"Reported {short_date(a.reported_to_dfe_on)}")
        else:
            status.append("<font color='#b42318'>Not reported</font>")
        org = f"<b>{esc(a.related_organisation)}</b>"
        if a.company_number:
            org += f"<br/><font size='7' color='#52606d'>Company {esc(a.company_number)}</font>"
        if a.description:
            org += f"<br/>{esc(a.description)}"
        rows.append([
            esc_plain(a.id),
            P(org),
            cell(s.person_label(a.related_person_id) if a.related_person_id else ""),
            cell(a.direction),
            value_cell,
            P("<br/>".join(status)),
        ])
    out.append(grid_table(
        ["Ref", "Related party", "Related person", "Direction", "Value by financial year",
         "DfE status"], rows, scaled([8, 28, 16, 12, 20, 16], ctx.width), pinned={4: 118}))
    out.append(ctx.note("▲ above the approval threshold for that year."))
    return out


def esc_plain(value) -> Paragraph | str:
    """Short identifiers: a plain string if short, else a wrapping Paragraph."""
    text = label(value)
    return text if len(text) <= 8 else cell(text)


# --- executive pay -----------------------------------------------------------------------------


def pay_section(ctx: Ctx) -> list[Flowable]:
    s = ctx.snapshot
    decisions = sorted(s.pay_decisions, key=lambda d: (d.effective_date, d.id), reverse=True)
    out: list[Flowable] = [ctx.note(
        "Pay decisions for executive and senior posts, most recent first. Confidential to the board."
    )]
    if not decisions:
        return [*out, _empty(ctx, "No pay decisions are recorded.")]
    rows = []
    for d in decisions:
        pct = d.increase_percent
        meeting = s.meeting_by_id.get(d.meeting_id or "")
        rows.append([
            P(f"<b>{esc(s.person_label(d.person_id))}</b>"),
            cell(d.post),
            short_date(d.effective_date),
            money(d.salary_before),
            money(d.salary_after),
            f"{pct}%" if pct is not None else "",
            cell(d.decided_by),
            cell(f"{meeting.body}, {short_date(meeting.date)}" if meeting else d.meeting_id),
            label(d.subject_withdrew),
        ])
    out.append(grid_table(
        ["Person", "Post", "Effective", "Salary before", "Salary after", "Increase", "Decided by",
         "Meeting", "Subject withdrew"],
        rows, scaled([15, 14, 10, 12, 12, 8, 11, 11, 9], ctx.width), align_right=(3, 4, 5)))
    return out


# --- scheme of delegation ------------------------------------------------------------------------


def sod_section(ctx: Ctx, width: float | None = None) -> list[Flowable]:
    s = ctx.snapshot
    width = width or ctx.wide_width
    approved = s.settings.sod_approved_on
    out: list[Flowable] = [ctx.note(
        (f"Approved by the board on {long_date(approved)}. " if approved else
         "No approval date is recorded. ")
        + "D decides, R recommends, C is consulted, M monitors, I is informed. "
        + "Columns: " + ", ".join(f"<b>{v}</b> {esc(str(k))}" for k, v in SOD_ABBREVIATIONS.items())
        + "."
    )]
    rows_in = sorted(s.sod_rows, key=lambda r: (r.position, _ref_key(r.ref)))
    # One heading per area, areas in the order they first appear (as the Scheme of delegation
    # page shows them): a trust's own order may come back to an area later.
    first_seen: dict[str, int] = {}
    for n, r in enumerate(rows_in):
        first_seen.setdefault(r.area or "", n)
    rows_in.sort(key=lambda r: first_seen[r.area or ""])
    if not rows_in:
        return [*out, _empty(ctx, "No scheme of delegation is recorded.")]
    levels = list(SodLevel)
    header = ["Ref", "Decision", "Reserved to", *[SOD_ABBREVIATIONS[lv] for lv in levels]]
    level_w = 34
    ref_w, res_w = 30, 52
    widths = [ref_w, width - ref_w - res_w - level_w * len(levels), res_w] + [level_w] * len(levels)
    rows: list[list] = []
    commands: list[tuple] = [
        ("ALIGN", (3, 0), (-1, -1), "CENTER"),
        ("FONT", (3, 1), (-1, -1), BOLD, 8.5, 10),
        ("LINEBEFORE", (3, 0), (-1, -1), 0.25, RULE),
    ]
    area = None
    for r in rows_in:
        if r.area and r.area != area:
            area = r.area
            rows.append([P(f"<b>{esc(area)}</b>", ctx.st.cell)] + [""] * (len(header) - 1))
            i = len(rows)
            # NOSPLIT keeps the heading on the same page as the area's first decision.
            commands += [("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), ACCENT_LIGHT),
                         ("NOSPLIT", (0, i), (-1, i + 1))]
        row = [esc_plain(r.ref), cell(r.decision), label(r.reserved_to)]
        for lv in levels:
            codes = r.codes_at(lv)
            text = ",".join(c for c in "DRCMI" if c in codes)
            row.append(text)
            if "D" in codes:
                i = len(rows) + 1
                col = 3 + levels.index(lv)
                commands.append(("BACKGROUND", (col, i), (col, i), colors.HexColor("#dbe7f5")))
        rows.append(row)
    table = grid_table(header, rows, widths, zebra=False, extra_styles=commands)
    out.append(table)
    return out


def _ref_key(ref: str):
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in str(ref).split("."))


# --- compliance summary ------------------------------------------------------------------------


def _sev(sev: Severity) -> Paragraph:
    colour = SEVERITY_COLOURS[sev.value].hexval().replace("0x", "#")
    return P(f"<font color='{colour}'><b>{esc(str(sev).capitalize())}</b></font>")


def _finding_cell(f: Finding) -> Paragraph:
    return P(f"<b>{esc(f.title)}</b><br/>{esc(f.message)}")


def summary_section(ctx: Ctx, findings: list[Finding], due_items: list[DueItem]) -> list[Flowable]:
    open_ = [f for f in findings if not f.acknowledged]
    acked = [f for f in findings if f.acknowledged]
    c_open = Counter(f.severity for f in open_)
    c_ack = Counter(f.severity for f in acked)
    out: list[Flowable] = [ctx.note(
        f"The compliance checks as at {long_date(ctx.as_of)}. A finding marked acknowledged has "
        "been reviewed and accepted by the board, with the reason recorded."
    )]
    count_rows = [
        [_sev(sev), str(c_open[sev]), str(c_ack[sev]), str(c_open[sev] + c_ack[sev])]
        for sev in Severity
    ]
    count_rows.append([P("<b>Total</b>"), str(len(open_)), str(len(acked)), str(len(findings))])
    out.append(grid_table(["Severity", "Open", "Acknowledged", "Total"], count_rows,
                          scaled([40, 20, 20, 20], ctx.width * 0.6), align_right=(1, 2, 3),
                          extra_styles=[("FONT", (0, -1), (-1, -1), BOLD, 8, 10),
                                        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK)]))
    must = [f for f in open_ if f.severity == Severity.MUST]
    out.append(ctx.h3(f"Must fix ({len(must)})"))
    if must:
        out.append(_findings_table(ctx, must, with_severity=False))
    else:
        out.append(ctx.note("Nothing must be fixed."))
    other = [f for f in open_ if f.severity != Severity.MUST]
    out.append(ctx.h3(f"Should fix and advice ({len(other)})"))
    if other:
        out.append(_findings_table(ctx, other, with_severity=True))
    else:
        out.append(ctx.note("No other open findings."))
    out.append(ctx.h3(f"Acknowledged findings ({len(acked)})"))
    if acked:
        rows = []
        for f in acked:
            ack = f.acknowledgement
            who = ""
            if ack is not None:
                who = esc(ack.acknowledged_by or "")
                if ack.acknowledged_on:
                    who += ("<br/>" if who else "") + short_date(ack.acknowledged_on)
            rows.append([
                P(f"<b>{esc(f.rule)}</b>"),
                _finding_cell(f),
                cell(ack.reason if ack else ""),
                P(who) if who else "",
                short_date(ack.expires_on) if ack else "",
            ])
        out.append(grid_table(["Rule", "Finding", "Reason", "Acknowledged", "Expires"], rows,
                              scaled([10, 40, 28, 12, 10], ctx.width)))
    else:
        out.append(ctx.note("No findings are acknowledged."))
    out.extend(due_block(ctx, due_items))
    return out


def _findings_table(ctx: Ctx, findings: list[Finding], *, with_severity: bool):
    rows = []
    for f in findings:
        row = [
            P(f"<b>{esc(f.rule)}</b>"),
            _finding_cell(f),
            cell(f.subject.label or f.subject.key),
            cell(f.remedy),
        ]
        if with_severity:
            row.insert(1, _sev(f.severity))
        rows.append(row)
    header = ["Rule", "Finding", "About", "What to do"]
    weights = [10, 46, 16, 28]
    if with_severity:
        header.insert(1, "Severity")
        weights = [10, 9, 41, 14, 26]
    return grid_table(header, rows, scaled(weights, ctx.width))


def due_block(ctx: Ctx, due_items: list[DueItem]) -> list[Flowable]:
    horizon = ctx.as_of + timedelta(days=90)
    items = sorted((d for d in due_items if d.overdue or d.due_on <= horizon),
                   key=lambda d: (not d.overdue, d.due_on, d.kind, d.subject.key))
    out: list[Flowable] = [ctx.h3(f"Falling due in the next 90 days ({len(items)})")]
    if not items:
        return [*out, ctx.note(f"Nothing falls due before {long_date(horizon)}.")]
    rows = []
    for d in items:
        when = short_date(d.due_on)
        if d.overdue:
            when = P(f"{when}<br/><font color='#b42318'><b>Overdue</b></font>")
        rows.append([when, cell(d.kind.capitalize()), cell(d.subject.label or d.subject.key),
                     cell(d.description)])
    out.append(grid_table(["Due", "What", "About", "Details"], rows,
                          scaled([13, 17, 22, 48], ctx.width)))
    return out


def appendix_section(ctx: Ctx, findings: list[Finding], rules: list[RuleInfo]) -> list[Flowable]:
    st = ctx.st
    cited = sorted({f.rule for f in findings})
    by_id = {r.id: r for r in rules}
    out: list[Flowable] = [ctx.note(
        "The rules behind the findings in this pack, with the guidance they come from."
    )]
    if not cited:
        return [*out, ctx.note("No rules are cited: there are no findings.")]
    for rule_id in cited:
        r = by_id.get(rule_id)
        if r is None:
            f = next(f for f in findings if f.rule == rule_id)
            block = [Paragraph(f"{esc(rule_id)} · {esc(f.title)}", st.h3),
                     Paragraph(esc(f.citation), st.small)]
        else:
            facts = [f"Severity: {esc(str(r.severity))}", esc(r.area)]
            if r.citation:
                facts.append(esc(r.citation))
            block = [
                Paragraph(f"{esc(r.id)} · {esc(r.title)}", st.h3),
                Paragraph(" · ".join(facts), st.small),
                Paragraph(esc(r.explanation), st.body),
            ]
            if r.remedy:
                block.append(Paragraph(f"<b>What to do:</b> {esc(r.remedy)}", st.body))
        block.append(Spacer(1, 4))
        out.append(KeepTogether(block))
    return out
