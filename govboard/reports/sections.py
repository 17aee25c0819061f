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

from govboard.domain.enums import DfeApproval, Direction, Role, Severity, SodLevel
from govboard.domain.model import BOARD_BODY, DueItem, Finding, RuleInfo
from govboard.domain.related_parties import EARLIER, LEGACY, approval_tests
from govboard.domain.snapshot import TrustSnapshot

from .common import (
    ACCENT_LIGHT,
    INK,
    NAME_LIMIT,
    RULE,
    SEVERITY_COLOURS,
    ZEBRA,
    P,
    Styles,
    cell,
    clip,
    esc,
    grid_table,
    label,
    long_date,
    money,
    name_cell,
    name_esc,
    plural,
    scaled,
    short_date,
)
from .data import academies_of, chair_of, ordered_bodies
from .fonts import BOLD, FAMILY
from .people_model import OFFICER_ROLES, PUBLIC, Office, PeopleModel

SOD_ABBREVIATIONS = {level: level.abbreviation for level in SodLevel}


@dataclass
class Ctx:
    """What every section needs: the data, the date, the room and who will read it.

    `personal` adds dates of birth and email addresses to the board version (off unless asked
    for: a pack is printed and forwarded, and few readers need either).
    """

    snapshot: TrustSnapshot
    as_of: date
    width: float  # portrait frame width in points
    wide_width: float  # landscape frame width
    public: bool = False
    personal: bool = False

    @cached_property
    def st(self) -> Styles:
        return Styles.get()

    @cached_property
    def people(self) -> PeopleModel:
        return PeopleModel(self.snapshot, self.as_of, PUBLIC if self.public else "board")

    @property
    def show_personal(self) -> bool:
        return self.personal and not self.public

    def note(self, text: str) -> Paragraph:
        return Paragraph(text, self.st.note)

    def h3(self, text: str) -> Paragraph:
        return Paragraph(esc(clip(text, NAME_LIMIT)), self.st.h3)

    def attendance_note(self) -> str:
        y = self.people.years
        return (f"Attendance is meetings attended of those held while the person was in office: in "
                f"{y.current_label} up to {long_date(self.as_of)}, and in {y.last_label}. Meetings "
                "with no attendance recorded are not counted.")


def _name_cell(ctx: Ctx, person_id: str, name: str, *, tag: str | None = None) -> Paragraph:
    text = f"<b>{name_esc(name)}</b>"
    if tag:
        text += f"<br/><font size='7' color='#1d4e89'>{esc(tag)}</font>"
    if ctx.show_personal:
        person = ctx.snapshot.person_by_id.get(person_id)
        if person is not None and person.email:
            text += f"<br/><font size='6.5' color='#52606d'>{_email_markup(person.email)}</font>"
    return P(text)


def _email_markup(email: str) -> str:
    """A long address on two lines, broken before its '@' (never inside a word)."""
    local, at, domain = clip(email, NAME_LIMIT).partition("@")
    if at and len(email) > 28:
        return f"{esc(local)}<br/>@{esc(domain)}"
    return esc(email)


def _birth_date(ctx: Ctx, person_id: str) -> str:
    person = ctx.snapshot.person_by_id.get(person_id)
    return short_date(person.date_of_birth) if person is not None else ""


def _empty(ctx: Ctx, text: str) -> Paragraph:
    return ctx.note(esc(text))


def _count_cells(ctx: Ctx, person_id: str, body: str) -> list[str]:
    current, last = ctx.people.attendance(person_id, body)
    return [str(current), str(last)]


def _count_headers(ctx: Ctx) -> list[str]:
    y = ctx.people.years
    return [f"{y.current_label} so far", y.last_label]


# --- members ---------------------------------------------------------------------------------


def members_section(ctx: Ctx) -> list[Flowable]:
    as_of, model = ctx.as_of, ctx.people
    offices = model.group("Members")
    current = len({o.person_id for o in offices if o.in_office(as_of)})
    out: list[Flowable] = [ctx.note(
        f"{plural(current, 'member')} in office on {long_date(as_of)}. Members who stepped down "
        "in the 12 months before that date are listed with the date they left."
    )]
    if not offices:
        return [*out, _empty(ctx, "No members are recorded.")]
    trustees = {o.person_id for o in model.offices_in(Role.TRUSTEE) if o.in_office(as_of)}
    header = ["Name", "Appointed by", "Appointed", "Stepped down", "Also a trustee"]
    if ctx.show_personal:
        header.insert(4, "Date of birth")
    rows = []
    for o in offices:
        row = [
            _name_cell(ctx, o.person_id, o.name),
            cell(o.appointed_by_text),
            short_date(o.start),
            short_date(o.stepped_down(as_of)),
            "Yes" if o.person_id in trustees else "No",
        ]
        if ctx.show_personal:
            row.insert(4, _birth_date(ctx, o.person_id))
        rows.append(row)
    out.append(grid_table(header, rows, [ctx.width]))
    return out


# --- board and committees ------------------------------------------------------------------------


def _role_cell(o: Office, as_of: date) -> Paragraph:
    text = esc(o.title(as_of))
    note = o.position_note(as_of, short_date)
    if note:
        text += f"<br/><font size='7' color='#52606d'>{esc(note)}</font>"
    left = o.stepped_down(as_of)
    if left:
        text += f"<br/><font color='#b42318'>Stepped down {short_date(left)}</font>"
    return P(text)


def board_section(ctx: Ctx) -> list[Flowable]:
    s, as_of, model = ctx.snapshot, ctx.as_of, ctx.people
    offices = model.group("Trustees")
    current = len({o.person_id for o in offices if o.in_office(as_of)})
    out: list[Flowable] = [ctx.note(
        f"{plural(current, 'trustee')} in office on {long_date(as_of)}. {ctx.attendance_note()}"
    ), ctx.h3("Trustees")]
    if offices:
        header = ["Name", "Role", "Appointed by", "Appointed", "Term ends", *_count_headers(ctx)]
        if ctx.show_personal:
            header.insert(5, "Date of birth")
        rows = []
        for o in offices:
            tag = "Employee of the trust" if s.is_employee(o.person_id, as_of) else None
            row = [
                _name_cell(ctx, o.person_id, o.name, tag=tag),
                _role_cell(o, as_of),
                cell(o.appointed_by_text),
                short_date(o.start),
                "" if o.stepped_down(as_of) else short_date(o.term_end),
                *_count_cells(ctx, o.person_id, BOARD_BODY),
            ]
            if ctx.show_personal:
                row.insert(5, _birth_date(ctx, o.person_id))
            rows.append(row)
        n = len(header)
        out.append(grid_table(header, rows, [ctx.width], centre=(n - 2, n - 1)))
    else:
        out.append(_empty(ctx, "No trustees are recorded."))

    # officers: the chair and vice-chair (positions on the trustee office) and the executives
    officer_rows = []
    for o in offices:
        p = o.position_on(as_of) if o.in_office(as_of) else None
        if p is not None and p.role in (Role.CHAIR_OF_TRUSTEES, Role.VICE_CHAIR_OF_TRUSTEES):
            officer_rows.append((0 if p.role == Role.CHAIR_OF_TRUSTEES else 1, p.role, o, p.start))
    for o in model.offices_in(*OFFICER_ROLES):
        if o.in_office(as_of):
            officer_rows.append((2 + OFFICER_ROLES.index(o.role), o.role, o, o.start))
    officer_rows.sort(key=lambda r: (r[0], r[2].sort_name))
    out.append(ctx.h3("Officers"))
    if officer_rows:
        out.append(grid_table(
            ["Role", "Name", "Since", "Term ends"],
            [[cell(str(role)), P(f"<b>{name_esc(o.name)}</b>"), short_date(since),
              short_date(o.term_end)] for _, role, o, since in officer_rows],
            [ctx.width], compact=True))
    else:
        out.append(_empty(ctx, "No officers are recorded."))

    committees, _ = ordered_bodies(s)
    trustee_ids = {o.person_id for o in offices if o.in_office(as_of)}
    for body in committees:
        members = sorted(model.offices_in(Role.COMMITTEE_MEMBER, body=body.name),
                         key=lambda o: (o.sort_name, o.person_id, o.start))
        chair = chair_of(s, body, as_of)
        block: list[Flowable] = [CondPageBreak(90), ctx.h3(body.name)]
        facts = [esc(str(body.type))]
        facts.append(f"Chair: {name_esc(chair)}" if chair else "No chair recorded")
        if body.tor_reviewed_on:
            facts.append(f"Terms of reference reviewed {long_date(body.tor_reviewed_on)}")
        block.append(ctx.note(" · ".join(facts)))
        if members:
            rows = []
            for o in members:
                position = o.position_on(as_of)
                rows.append([
                    P(f"<b>{name_esc(o.name)}</b>"),
                    cell(Role.COMMITTEE_CHAIR if position is not None else Role.COMMITTEE_MEMBER),
                    "Yes" if o.person_id in trustee_ids else "No",
                    short_date(o.start),
                    short_date(o.stepped_down(as_of)),
                    *_count_cells(ctx, o.person_id, body.name),
                ])
            block.append(grid_table(
                ["Name", "Role", "Trustee", "Appointed", "Stepped down", *_count_headers(ctx)],
                rows, [ctx.width], centre=(2, 5, 6)))
        else:
            block.append(_empty(ctx, "No members are recorded."))
        out.extend(block)
    return out


# --- local governing bodies ------------------------------------------------------------------


def lgbs_section(ctx: Ctx) -> list[Flowable]:
    s, as_of, model = ctx.snapshot, ctx.as_of, ctx.people
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
        in_office = [o for o in model.offices_in(Role.LOCAL_GOVERNOR, Role.HEADTEACHER, body=body.name)
                     if o.in_office(as_of)]
        governors = {o.person_id for o in in_office}
        parents = {o.person_id for o in in_office if o.appointed_by is not None and o.appointed_by.is_parent}
        next_end = min(((o.term_end, o.name) for o in in_office if o.term_end), default=None)
        academy_text = academies_of(s, body)
        chair = chair_of(s, body, as_of)
        rows.append([
            P(f"<b>{name_esc(body.name)}</b>"),
            name_cell(academy_text),
            name_cell(chair) if chair else P("<i>None recorded</i>"),
            str(len(governors)),
            str(len(parents)),
            P(f"{short_date(next_end[0])}<br/><font color='#52606d'>"
              f"{name_esc(next_end[1])}</font>") if next_end else "",
        ])
    out.append(grid_table(
        ["Local governing body", "Academy", "Chair", "Governors in office", "Parent governors",
         "Next term ends"],
        rows, [ctx.width], centre=(3, 4)))
    return out


# --- register of interests -------------------------------------------------------------------


def interests_section(ctx: Ctx) -> list[Flowable]:
    as_of, model = ctx.as_of, ctx.people
    out: list[Flowable] = [ctx.note(
        "Business and pecuniary interests of members, trustees, local governors and officers who "
        "served in the 12 months before "
        f"{long_date(as_of)}, with interests current then or ended within those 12 months."
    )]
    if not model.interests:
        return [*out, _empty(ctx, "Nobody is recorded.")]
    rows: list[list] = []
    commands: list[tuple] = []
    shade = False
    for entry in model.interests:
        first_row = len(rows) + 1  # +1 for the header row
        name = P(f"<b>{name_esc(entry.name)}</b><br/><font size='7' color='#52606d'>"
                 f"{esc('; '.join(entry.roles))}</font>")
        declared = short_date(entry.declaration.declared_on) if entry.declaration else "Not made"
        if entry.interests:
            for n, i in enumerate(entry.interests):
                rows.append([
                    name if n == 0 else "",
                    name_cell(i.organisation),
                    cell(i.nature_of_business),
                    cell(i.nature_of_interest),
                    short_date(i.start),
                    short_date(i.end),
                    declared if n == 0 else "",
                ])
        else:
            rows.append([name, P(f"<i>{entry.none_text}</i>", ctx.st.cell), "", "", "", "", declared])
        last_row = len(rows)
        if shade:
            commands.append(("BACKGROUND", (0, first_row), (-1, last_row), ZEBRA))
        commands.append(("LINEABOVE", (0, first_row), (-1, first_row), 0.6, RULE))
        shade = not shade
    out.append(grid_table(
        ["Name and roles", "Organisation", "Nature of business", "Nature of interest", "From", "To",
         "Declared"],
        rows, [ctx.width], zebra=False, extra_styles=commands))
    out.extend(relationships_block(ctx))
    return out


def _person_with_roles(name: str, roles: tuple[str, ...]) -> Paragraph:
    text = f"<b>{name_esc(name)}</b>"
    text += f"<br/><font size='7' color='#52606d'>{esc('; '.join(roles) or 'No role in the trust')}</font>"
    return P(text)


def relationships_block(ctx: Ctx) -> list[Flowable]:
    rows_in = ctx.people.relationships
    out: list[Flowable] = [CondPageBreak(80), ctx.h3("Relevant relationships")]
    if not rows_in:
        return [*out, _empty(ctx, "No relationships between people in the register, or with "
                                  "employees, are recorded.")]
    if ctx.public:
        out.append(ctx.note("Close relationships between members, trustees, local governors, "
                            "officers and employees of the trust."))
    else:
        out.append(ctx.note("Close relationships of the people above, with each person's own "
                            "roles. Relatives with no role in the trust are listed here for "
                            "managing conflicts; the public version leaves them out."))
    header = ["Person and roles", "Relationship", "Related person and roles"]
    rows = []
    for r in rows_in:
        row = [_person_with_roles(r.person_name, r.person_roles), cell(r.words),
               _person_with_roles(r.related_name, r.related_roles)]
        if not ctx.public:
            row += [short_date(r.start), short_date(r.end)]
        rows.append(row)
    if not ctx.public:
        header += ["From", "To"]
    out.append(grid_table(header, rows, [ctx.width]))
    return out


# --- related parties ---------------------------------------------------------------------------


def whole_pounds(pence: int) -> str:
    """A threshold as people say it: '£40,000' (pence only when there are some)."""
    return money(pence) if pence % 100 else money(pence)[:-3]


def rpt_section(ctx: Ctx) -> list[Flowable]:
    s = ctx.snapshot
    settings = s.settings
    tests = approval_tests(s, settings)
    agreements = sorted(s.rpt_agreements, key=lambda a: (a.related_organisation.casefold(), a.id))
    legacy = any(t.regime == LEGACY for t in tests.values())
    intro = (f"Agreements with related parties and their value in each financial year. An "
             f"expenditure agreement confirmed from 1 September 2023 needs the DfE's approval "
             f"before it is confirmed when it is worth more than "
             f"{whole_pounds(settings.rpt_approval_threshold)} in any financial year or is novel "
             "or contentious")
    if legacy:
        intro += (f"; one confirmed from 1 April 2019 to 31 August 2023 needed it when, added to "
                  f"earlier agreements with the same organisation that year, it passed "
                  f"{whole_pounds(settings.legacy_rpt_threshold)}")
    intro += ". Exempt suppliers and income need no approval."
    out: list[Flowable] = [ctx.note(intro)]
    if not agreements:
        return [*out, _empty(ctx, "No related-party agreements are recorded.")]
    rows = []
    for a in agreements:
        test = tests.get(a.id)
        values = s.rpt_values_by_agreement.get(a.id, [])  # snapshot.rpt_values() is shadowed
        value_rows = [[v.financial_year, money(v.value),
                       "▲" if test is not None and test.breached(v) else ""] for v in values]
        value_cell = Table(value_rows, colWidths=[38, 62, 10], hAlign="RIGHT", style=TableStyle([
            ("FONT", (0, 0), (-1, -1), FAMILY, 8, 10), ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("TEXTCOLOR", (2, 0), (2, -1), SEVERITY_COLOURS["must"]),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ])) if value_rows else "–"
        org = f"<b>{name_esc(a.related_organisation)}</b>"
        if a.company_number:
            org += f"<br/><font size='7' color='#52606d'>Company {esc(a.company_number)}</font>"
        if a.description:
            org += f"<br/>{esc(clip(a.description))}"
        row = [esc_plain(a.id), P(org), cell(a.direction), value_cell]
        if not ctx.public:
            row.insert(2, name_cell(s.person_label(a.related_person_id) if a.related_person_id else ""))
            row.append(P("<br/>".join(rpt_status(a, test, ctx.as_of))))
        rows.append(row)
    header = ["Ref", "Related party", "Direction", "Value by financial year"]
    value_col = 3
    if not ctx.public:
        header.insert(2, "Related person")
        header.append("DfE status")
        value_col = 4
    out.append(grid_table(header, rows, [ctx.width], pinned={value_col: 118}))
    out.append(ctx.note("▲ the value that took the agreement over its approval threshold"
                        + (" (legacy agreements: with earlier agreements that year)." if legacy else ".")))
    return out


def rpt_status(a, test, as_of: date) -> list[str]:
    """The DfE status lines of one agreement, from the same approval test RPT-02/RPT-03 use."""
    red = "<font color='#b42318'>{}</font>"
    lines = []
    if a.direction != Direction.EXPENDITURE:
        return ["Income: no DfE report or approval needed"]
    if a.exempt:
        lines.append(f"Exempt: {esc(label(a.exemption))}")
    elif test is not None and test.needed:
        if test.approved_in_time:
            lines.append(f"<b>Approved</b> {short_date(a.dfe_decision_on)}")
        else:
            lines.append(red.format(f"<b>DfE approval needed</b>: {esc(_approval_state(a, as_of))}"))
    elif test is not None and test.regime == EARLIER:
        lines.append("Confirmed before April 2019: no approval regime")
    else:
        lines.append("<b>Not required</b>")
    if a.reported_to_dfe_on and a.confirmed_on and a.reported_to_dfe_on > a.confirmed_on:
        # RPT-01: reporting is due before confirmation.
        lines.append(red.format(f"Reported {short_date(a.reported_to_dfe_on)}, after confirmation "
                                f"on {short_date(a.confirmed_on)}"))
    elif a.reported_to_dfe_on:
        lines.append(f"Reported {short_date(a.reported_to_dfe_on)}")
    elif a.confirmed_on is not None and a.confirmed_on <= as_of:
        lines.append(red.format("Not reported"))
    else:
        lines.append("To be reported before confirmation")
    return lines


def _approval_state(a, as_of: date) -> str:
    """What the record says, for an agreement that needed approval and lacks a timely one."""
    when = f" {short_date(a.dfe_decision_on)}" if a.dfe_decision_on else ""
    if a.dfe_approval == DfeApproval.APPROVED:
        return f"approved{when}, after confirmation"
    if a.dfe_approval == DfeApproval.DECLINED:
        return f"declined{when}"
    if a.dfe_approval == DfeApproval.REQUESTED:
        return "requested, not yet approved"
    if a.confirmed_on is None or a.confirmed_on > as_of:
        return "to be sought before confirmation"
    return "none recorded"


def esc_plain(value) -> Paragraph | str:
    """Short identifiers: a plain string if short, else a wrapping Paragraph."""
    text = label(value)
    return text if len(text) <= 8 else cell(text, limit=NAME_LIMIT)


# --- executive pay -----------------------------------------------------------------------------


def pay_section(ctx: Ctx) -> list[Flowable]:
    s = ctx.snapshot
    decisions = sorted(s.pay_decisions, key=lambda d: (d.effective_date, d.id), reverse=True)
    out: list[Flowable] = [ctx.note(
        "Pay decisions for executive and senior posts, most recent first. Rise is the increase "
        "on the salary before; Withdrew says whether the person left the meeting for the "
        "decision. Confidential to the board."
    )]
    if not decisions:
        return [*out, _empty(ctx, "No pay decisions are recorded.")]
    rows = []
    for d in decisions:
        pct = d.increase_percent
        meeting = s.meeting_by_id.get(d.meeting_id or "")
        decided = d.decided_by or (meeting.body if meeting else "")
        if meeting is not None:
            decided = f"{decided}, {short_date(meeting.date)}" if decided else short_date(meeting.date)
        elif d.meeting_id:
            decided = f"{decided} ({d.meeting_id})" if decided else d.meeting_id
        rows.append([
            P(f"<b>{name_esc(s.person_label(d.person_id))}</b>"),
            name_cell(d.post),
            short_date(d.effective_date),
            money(d.salary_before),
            money(d.salary_after),
            f"{pct}%" if pct is not None else "",
            cell(decided),
            label(d.subject_withdrew),
        ])
    out.append(grid_table(
        ["Person", "Post", "Effective", "Salary before", "Salary after", "Rise", "Decided by",
         "Withdrew"],
        rows, [ctx.width], align_right=(3, 4, 5)))
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
    return P(_severity_markup(sev))


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
                          [ctx.width * 0.6], align_right=(1, 2, 3), compact=True,
                          extra_styles=[("FONT", (0, -1), (-1, -1), BOLD, 8, 10),
                                        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK)]))
    must = [f for f in open_ if f.severity == Severity.MUST]
    out.append(ctx.h3(f"Must fix ({len(must)})"))
    if must:
        out.extend(_findings_tables(ctx, must, with_severity=False))
    else:
        out.append(ctx.note("Nothing must be fixed."))
    other = [f for f in open_ if f.severity != Severity.MUST]
    out.append(ctx.h3(f"Should fix and advice ({len(other)})"))
    if other:
        out.extend(_findings_tables(ctx, other, with_severity=True))
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


# A pack lists at most this many findings of one rule (a 200,000-officer Companies House list
# gave 66,000 CH-02 findings: 1,500 pages no board reads); the rest are counted, with where to see them.
MAX_FINDINGS_PER_RULE = 200
# Rows per table: ReportLab copies every row still to come at each page break of a table, so one
# table of n rows costs n^2; tables of at most this many rows keep a long list linear.
TABLE_CHUNK_ROWS = 150


def _findings_tables(ctx: Ctx, findings: list[Finding], *, with_severity: bool) -> list[Flowable]:
    """Findings grouped under their rule: the rule's title and what to do once, then what each
    finding is about and says. (A row per finding repeating title and remedy made a 1,000-finding
    summary 130 pages long, and a board reads it rule by rule anyway.) Long lists are cut into
    several tables (see TABLE_CHUNK_ROWS), a rule's heading repeated where its findings continue."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.rule, []).append(f)
    tables: list[Flowable] = []
    rows: list[list] = []
    commands: list[tuple] = []

    def flush() -> None:
        if rows:
            tables.append(grid_table(["About", "Finding"], list(rows), [ctx.width], zebra=False,
                                     extra_styles=list(commands), caps={0: ctx.width * 0.3}))
        rows.clear()
        commands.clear()

    def heading(text: str) -> None:
        rows.append([P(text), ""])
        i = len(rows)
        # The rule's row spans the table and stays on the page of its first finding.
        commands.extend([("SPAN", (0, i), (-1, i)), ("BACKGROUND", (0, i), (-1, i), ACCENT_LIGHT),
                         ("NOSPLIT", (0, i), (-1, i + 1))])

    for rule_id, items in groups.items():
        first = items[0]
        head = f"<b>{esc(rule_id)} · {esc(first.title)}</b>"
        if len(items) > 1:
            head += f" ({len(items)})"
        if with_severity:
            severities = sorted({f.severity for f in items}, key=lambda sev: sev.rank)
            head = " / ".join(_severity_markup(sev) for sev in severities) + " · " + head
        continued = f"<b>{esc(rule_id)} · {esc(first.title)}</b> (continued)"
        if first.remedy:
            head += f"<br/><font color='#52606d'>What to do: {esc(first.remedy)}</font>"
        if len(rows) >= TABLE_CHUNK_ROWS - 1:
            flush()
        heading(head)
        for f in items[:MAX_FINDINGS_PER_RULE]:
            if len(rows) >= TABLE_CHUNK_ROWS:
                flush()
                heading(continued)
            message = esc(clip(f.message))
            if f.remedy and f.remedy != first.remedy:
                message += f"<br/><font color='#52606d'>What to do: {esc(f.remedy)}</font>"
            rows.append([name_cell(f.subject.label or f.subject.key), P(message)])
        if len(items) > MAX_FINDINGS_PER_RULE:
            more = len(items) - MAX_FINDINGS_PER_RULE
            rows.append(["", P(f"<i>and {more:,} more {esc(rule_id)} findings, not listed here: see Findings "
                               f"in govboard, or govboard-cli check --rule {esc(rule_id)}.</i>")])
    flush()
    return tables


def _severity_markup(sev: Severity) -> str:
    colour = SEVERITY_COLOURS[sev.value].hexval().replace("0x", "#")
    return f"<font color='{colour}'><b>{esc(str(sev).capitalize())}</b></font>"


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
