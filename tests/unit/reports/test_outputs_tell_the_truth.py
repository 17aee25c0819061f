"""Issue 13: the register, the public pack and the board pack a company secretary would circulate
unedited. Each test reads a real PDF or HTML file back and names the item of the issue it covers;
each failed on the outputs before the publishing model (at 7600ba9)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from govboard.demo import build_demo_trust
from govboard.domain.enums import (
    AppointedBy,
    Attendance,
    BodyType,
    DfeApproval,
    Direction,
    Exemption,
    Role,
)
from govboard.domain.model import (
    Appointment,
    AttendanceRecord,
    Body,
    Meeting,
    Person,
    RptAgreement,
    RptValue,
    TrustSettings,
)
from govboard.domain.snapshot import TrustSnapshot
from govboard.reports.board_pack import build_board_pack
from govboard.reports.register import write_register_html, write_register_pdf
from govboard.rules import catalogue, due_soon, run_checks

DEMO_DAY = date(2026, 12, 6)


class Tables(HTMLParser):
    """The register's tables as {caption id: [[cell text, ...], ...]}."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "caption":
            self._table = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._table[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def text_of(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def raw_lines(path) -> list[str]:
    return [line for page in PdfReader(path).pages for line in page.extract_text().splitlines()]


def section(path, title: str) -> str:
    """The text of one section: from its heading to the next section's page (found through the
    outline; a heading not in the outline is looked for in its section's text)."""
    reader = PdfReader(path)
    entries = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    for n, (level, name, first) in enumerate(entries):
        if name == title:
            last = next((p for lv, _, p in entries[n + 1:] if lv <= level and p > first), len(pages))
            text = " ".join(pages[first:max(last, first + 1)])
            return text[text.index(title):]
    raise AssertionError(f"no section {title!r}")


def subsection(path, parent: str, title: str, until: str | None = None) -> str:
    text = section(path, parent)
    text = text[text.index(title):]
    return text[:text.index(until)] if until else text


@pytest.fixture(scope="module")
def demo():
    return build_demo_trust(DEMO_DAY)


@pytest.fixture(scope="module")
def demo_outputs(demo, tmp_path_factory):
    folder = tmp_path_factory.mktemp("truth")
    findings = run_checks(demo, DEMO_DAY).findings
    board, public = folder / "board.pdf", folder / "public.pdf"
    build_board_pack(demo, findings, catalogue(), board, as_of=DEMO_DAY,
                     due_items=due_soon(demo, DEMO_DAY), invariant=True)
    build_board_pack(demo, findings, catalogue(), public, as_of=DEMO_DAY, audience="public",
                     invariant=True)
    html = write_register_html(demo, folder / "register.html", as_of=DEMO_DAY)
    pdf = write_register_pdf(demo, folder / "register.pdf", as_of=DEMO_DAY, invariant=True)
    parser = Tables()
    parser.feed(html.read_text("utf-8"))
    return {"board": board, "public": public, "html": parser.tables, "pdf": pdf}


# --- Wrong ---------------------------------------------------------------------------------------


def test_relationship_shows_each_persons_own_roles(demo_outputs):
    """Wrong 1: 'Priya Raghunathan - Child - Anjali Raghunathan - roles: Trustee; Committee
    member' gave Priya's roles as Anjali's."""
    rows = demo_outputs["html"]["cap-relationships"][1:]
    [row] = [r for r in rows if "Anjali Raghunathan" in r]
    assert row == ["Priya Raghunathan", "Trustee", "Anjali is Priya's daughter", "Anjali Raghunathan",
                   "Local governor, Kingsmead School LGB"]
    for pdf in ("board", "public", "pdf"):
        block = (section(demo_outputs[pdf], "Relevant relationships") if pdf == "pdf"
                 else subsection(demo_outputs[pdf], "Register of interests", "Relevant relationships"))
        assert "Anjali is Priya's daughter" in block, pdf
        assert "Local governor, Kingsmead School LGB" in block, pdf
        assert "Committee member" not in block, pdf


def test_register_shows_continuous_service_once(demo_outputs):
    """Wrong 2: yearly chair elections read as stepping down; a headteacher listed twice."""
    trustees = demo_outputs["html"]["cap-trustees"][1:]
    names = [r[0] for r in trustees]
    assert len(names) == len(set(names))
    [chair] = [r for r in trustees if r[0] == "Siobhán Ó Briain"]
    assert chair[1].startswith("Chair of trustees") and chair[-1] == ""  # not stepped down
    assert "31/08/2026" not in " ".join(" ".join(r) for r in trustees)  # last year's election
    governors = demo_outputs["html"]["cap-local-governors"][1:]
    assert [r[0] for r in governors].count("Efua Boateng") == 1
    pdf = text_of(demo_outputs["pdf"])
    assert pdf.count("Efua Boateng") == text_of(demo_outputs["pdf"]).count("Efua Boateng")
    assert "Stepped down 31/08/2026" not in text_of(demo_outputs["board"])


def legacy_rpt_trust() -> TrustSnapshot:
    """A 2022 agreement that took the year's total with one organisation past £20,000 (RPT-03),
    recorded as 'Not required'; and an unreported income agreement no rule asks about."""
    people = (Person("P1", "Dana", "Okoro"), Person("P2", "Sam", "Reid"))
    agreements = (
        RptAgreement("A1", "Okoro Builders Ltd", Direction.EXPENDITURE, related_person_id="P1",
                     confirmed_on=date(2022, 10, 3), reported_to_dfe_on=date(2022, 10, 1),
                     dfe_approval=DfeApproval.NOT_REQUIRED, at_cost_statement_on=date(2022, 10, 1),
                     exemption=Exemption.NONE, conflicted_withdrew=True),
        RptAgreement("A2", "Okoro Builders Ltd", Direction.EXPENDITURE, related_person_id="P1",
                     confirmed_on=date(2023, 2, 1), reported_to_dfe_on=date(2023, 1, 20),
                     dfe_approval=DfeApproval.NOT_REQUIRED, at_cost_statement_on=date(2023, 1, 20),
                     exemption=Exemption.NONE, conflicted_withdrew=True),
        RptAgreement("A3", "Reid Lettings", Direction.INCOME, related_person_id="P2",
                     confirmed_on=date(2025, 1, 10), conflicted_withdrew=True),
    )
    values = (RptValue("A1", "2022/23", 15_000_00), RptValue("A2", "2022/23", 8_000_00),
              RptValue("A3", "2024/25", 6_000_00))
    appts = (Appointment("P1", Role.TRUSTEE, "Board", date(2020, 1, 1)),
             Appointment("P2", Role.TRUSTEE, "Board", date(2020, 1, 1)))
    return TrustSnapshot(settings=TrustSettings(name="Legacy Trust"), people=people,
                         appointments=appts, rpt_agreements=agreements, rpt_values=values)


def test_rpt_status_agrees_with_the_findings(tmp_path):
    """Wrong 3: 'Not required' beside an RPT-03 must; one £40,000 threshold for every year; a
    red 'Not reported' for income."""
    trust, as_of = legacy_rpt_trust(), date(2026, 11, 22)
    findings = run_checks(trust, as_of).findings
    assert [f.subject.key for f in findings if f.rule in ("RPT-02", "RPT-03")] == ["A2"]
    out = tmp_path / "pack.pdf"
    build_board_pack(trust, findings, catalogue(), out, as_of=as_of, sections=["rpt"])
    lines = raw_lines(out)
    text = section(out, "Related-party transactions")
    assert "£20,000" in text and "£40,000" in text  # each regime's threshold
    assert "£40,000.00" not in text and "£20,000.00" not in text  # as people say it
    a2 = text[text.index("A2 "):text.index("A3 ")]
    assert "Not required" not in a2 and "DfE approval needed" in a2
    a3 = text[text.index("A3 "):]
    assert "Not reported" not in a3 and "no DfE report or approval needed" in a3
    assert not any("Not reported" in line for line in lines)


def test_attendance_this_year_beside_the_last(tmp_path):
    """Wrong 4: '2 of 2' (last year) beside a TRU-06 finding that the trustee attended none of
    this year's board meetings."""
    as_of = date(2026, 3, 15)
    meetings = [Meeting("M1", "Board", date(2024, 10, 1)), Meeting("M2", "Board", date(2025, 3, 1)),
                Meeting("M3", "Board", date(2025, 10, 1)), Meeting("M4", "Board", date(2026, 1, 10))]
    people = [Person("P1", "Ola", "Absent"), Person("P2", "Kim", "Present"), Person("P3", "Lee", "Third")]
    attendance = [AttendanceRecord(m, p, Attendance.PRESENT)
                  for m in ("M1", "M2", "M3", "M4") for p in ("P2", "P3")]
    attendance += [AttendanceRecord("M1", "P1", Attendance.PRESENT),
                   AttendanceRecord("M2", "P1", Attendance.PRESENT),
                   AttendanceRecord("M3", "P1", Attendance.ABSENT),
                   AttendanceRecord("M4", "P1", Attendance.ABSENT)]
    trust = TrustSnapshot(
        settings=TrustSettings(name="Attendance Trust"), people=tuple(people),
        appointments=tuple(Appointment(p.id, Role.TRUSTEE, "Board", date(2020, 1, 1)) for p in people),
        meetings=tuple(meetings), attendance=tuple(attendance))
    findings = run_checks(trust, as_of).findings
    assert [f.subject.key for f in findings if f.rule == "TRU-06"] == ["P1"]
    out = tmp_path / "pack.pdf"
    build_board_pack(trust, findings, catalogue(), out, as_of=as_of, sections=["board"])
    layout = "\n".join(p.extract_text(extraction_mode="layout") for p in PdfReader(out).pages)
    row = next(line for line in layout.splitlines() if "Ola Absent" in line)
    assert re.search(r"0 of 2\s+2 of 2", row), row  # this year so far, then 2024/25
    assert "2025/26 so far" in text_of(out)


# --- Embarrassing ---------------------------------------------------------------------------------


def test_nothing_breaks_mid_word(demo_outputs):
    lines = raw_lines(demo_outputs["board"])
    for whole in ("Adeyemi-Clarke", "Executive", "07/07/2026", "Financial"):
        assert any(whole in line for line in lines), whole
    for broken in ("Increas", "Ex ecutive", "C larke", "07/ 07"):
        assert not any(line.rstrip().endswith(broken) for line in lines), broken
    text = text_of(demo_outputs["board"])
    assert "Rise" in text and "Withdrew" in text


def test_no_personal_details_unless_asked(demo, demo_outputs):
    for key in ("board", "public", "pdf"):
        text = text_of(demo_outputs[key])
        assert not any(p.email and p.email in text for p in demo.people), key
        assert "Date of birth" not in text, key


def test_honest_words_for_declarations(demo_outputs):
    interests = subsection(demo_outputs["board"], "Register of interests", "Name and roles",
                           "Relevant relationships")
    assert " None " not in interests + " "
    assert "No declaration made" in interests and "Not made" in interests  # the clerk, Bethan
    register = demo_outputs["html"]["cap-interests"]
    assert not any("No interests declared" in cell for row in register for cell in row)


def test_no_near_blank_page_after_the_severity_counts(tmp_path):
    from .factories import AS_OF, big_trust

    trust = big_trust(30)
    findings = run_checks(trust, AS_OF).findings
    out = tmp_path / "summary.pdf"
    build_board_pack(trust, findings, catalogue(), out, as_of=AS_OF, sections=["summary"])
    reader = PdfReader(out)
    first = reader.pages[2].extract_text()  # cover, contents, then the summary
    assert "Compliance summary" in first and "Must fix (" in first
    assert len(first.splitlines()) > 30  # the must-fix table starts under the counts


def test_plain_appointing_words_and_whole_pound_thresholds(demo_outputs):
    board = text_of(demo_outputs["board"])
    register = text_of(demo_outputs["pdf"])
    for text in (board, register):
        assert "GB/board" not in text and "foundation/Trust" not in text
    assert "£40,000 " in board and "£40,000.00 in any" not in board


# --- Personal data in the public pack -------------------------------------------------------------


def test_public_pack_publishes_what_the_register_publishes(demo_outputs, tmp_path):
    block = subsection(demo_outputs["public"], "Register of interests", "Relevant relationships")
    assert "Karim is Fatima's spouse or civil partner" in block
    assert "18/07/2009" not in block  # no dates of relationships
    rpt = section(demo_outputs["public"], "Related-party transactions")
    assert "DfE status" not in rpt and "Not required" not in rpt and "Approved" not in rpt
    assert "Related person" not in rpt and "Sadia Ahmed" not in rpt


def test_public_pack_leaves_out_relatives_with_no_role(tmp_path):
    from govboard.domain.enums import Relationship
    from govboard.domain.model import PersonRelationship

    trust = TrustSnapshot(
        settings=TrustSettings(name="Family Trust"),
        people=(Person("P1", "James", "O'Neill", title="Mr"), Person("P2", "Maeve", "O'Neill")),
        bodies=(Body("Board", BodyType.BOARD),),
        appointments=(Appointment("P1", Role.TRUSTEE, "Board", date(2020, 1, 1),
                                  appointed_by=AppointedBy.ACADEMY_MEMBERS),),
        relationships=(PersonRelationship("P1", "P2", Relationship.SPOUSE, start=date(1995, 6, 10), id=1),),
    )
    as_of = date(2026, 11, 22)
    board, public = tmp_path / "board.pdf", tmp_path / "public.pdf"
    build_board_pack(trust, [], [], board, as_of=as_of, sections=["interests"])
    build_board_pack(trust, [], [], public, as_of=as_of, sections=["interests"], audience="public")
    assert "Maeve O'Neill" in text_of(board) and "10/06/1995" in text_of(board)
    assert "Maeve O'Neill" not in text_of(public) and "10/06/1995" not in text_of(public)


# --- long text never stops a PDF (issue 16 item 4) -------------------------------------------------


def test_a_1500_character_name_or_organisation_is_clipped_not_fatal(tmp_path):
    from .factories import AS_OF, findings_and_rules, small_trust

    word = "Wolfeschlegelsteinhausenberger" * 50  # 1,500 characters, no space to wrap at
    words = ("Northern Federated Multi Academy Charitable Partnership " * 30)[:1500]
    trust = small_trust()
    trust = replace(
        trust,
        settings=replace(trust.settings, name=words),
        people=tuple(replace(p, surname=word) if p.id in ("P004", "P010") else p for p in trust.people),
        interests=tuple(replace(i, organisation=words if n % 2 else word)
                        for n, i in enumerate(trust.interests)),
        rpt_agreements=tuple(replace(a, related_organisation=word, description=words)
                             for a in trust.rpt_agreements),
    )
    findings, rules, due = findings_and_rules()
    outputs = {"board": tmp_path / "board.pdf", "public": tmp_path / "public.pdf",
               "register": tmp_path / "register.pdf"}
    build_board_pack(trust, findings, rules, outputs["board"], as_of=AS_OF, due_items=due,
                     meeting_id="B4")
    build_board_pack(trust, findings, rules, outputs["public"], as_of=AS_OF, audience="public")
    write_register_pdf(trust, outputs["register"], as_of=AS_OF)
    html = write_register_html(trust, tmp_path / "register.html", as_of=AS_OF).read_text("utf-8")
    for key, path in outputs.items():
        reader = PdfReader(path)
        text = text_of(path)
        assert "Wolfesch" in text and "…" in text, key  # there, and visibly cut short
        assert word not in text.replace(" ", ""), key  # never the whole 1,500 characters
        assert len(reader.pages) < 40, key
    assert word not in html and "…" in html
