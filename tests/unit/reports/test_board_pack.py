"""The board pack PDF, opened again with pypdf."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from govboard.reports.board_pack import SECTIONS, PackCancelled, build_board_pack, included_sections
from govboard.reports.common import esc, long_date, money, short_date

from .factories import AS_OF, findings_and_rules, papers, small_trust


def outline_titles(reader: PdfReader, outline=None, level=0) -> list[tuple[int, str, int]]:
    out = []
    for entry in reader.outline if outline is None else outline:
        if isinstance(entry, list):
            out += outline_titles(reader, entry, level + 1)
        else:
            out.append((level, entry.title, reader.get_destination_page_number(entry)))
    return out


def text_of(reader: PdfReader) -> str:
    """All the text, with line breaks inside wrapped cells folded to spaces."""
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture(scope="module")
def trust():
    return small_trust()


@pytest.fixture(scope="module")
def board_pack(trust, tmp_path_factory):
    findings, rules, due = findings_and_rules()
    out = tmp_path_factory.mktemp("pack") / "board.pdf"
    result = build_board_pack(trust, findings, rules, out, as_of=AS_OF, due_items=due,
                              invariant=True)
    return result, PdfReader(out)


@pytest.fixture(scope="module")
def meeting_pack(trust, tmp_path_factory):
    findings, rules, due = findings_and_rules()
    out = tmp_path_factory.mktemp("pack") / "meeting.pdf"
    content = papers()
    result = build_board_pack(trust, findings, rules, out, as_of=AS_OF, due_items=due,
                              meeting_id="B4", paper_content=content.get, invariant=True)
    return result, PdfReader(out)


@pytest.fixture(scope="module")
def public_pack(trust, tmp_path_factory):
    findings, rules, due = findings_and_rules()
    out = tmp_path_factory.mktemp("pack") / "public.pdf"
    result = build_board_pack(trust, findings, rules, out, as_of=AS_OF, due_items=due,
                              meeting_id="B4", paper_content=papers().get, invariant=True,
                              audience="public")
    return result, PdfReader(out)


def test_formatting_helpers():
    from datetime import date

    assert money(40_000_00) == "£40,000.00"
    assert money(1) == "£0.01"
    assert money(-250_00) == "-£250.00"
    assert long_date(date(2025, 9, 1)) == "1 September 2025"
    assert short_date(date(2025, 9, 1)) == "01/09/2025"
    assert esc("Smith & Sons <Ltd>") == "Smith &amp; Sons &lt;Ltd&gt;"


def test_page_count_and_outline_match_sections(board_pack):
    result, reader = board_pack
    assert result.pages == len(reader.pages)
    top = [title for level, title, _ in outline_titles(reader) if level == 0]
    expected = [SECTIONS[k] for k in SECTIONS if k != "agenda"]
    assert top == ["Contents", *expected]
    pages = [page for level, _, page in outline_titles(reader) if level == 0]
    assert pages == sorted(pages) and pages[0] == 1  # contents follows the cover


def test_page_numbers_and_header(board_pack):
    result, reader = board_pack
    total = len(reader.pages) - 1  # the cover is not numbered
    first = reader.pages[1].extract_text()
    assert f"Page 1 of {total}" in first
    assert f"Page {total} of {total}" in reader.pages[-1].extract_text()
    assert "Page" not in reader.pages[0].extract_text().split("Position")[0]
    # the running header names the section on its own page (drawn in onPageEnd)
    for level, title, page in outline_titles(reader):
        if level == 0 and title != "Contents":
            assert reader.pages[page].extract_text().count(title) >= 2, title
    # the contents lists each section with its printed page number
    contents = reader.pages[1].extract_text()
    for level, title, page in outline_titles(reader):
        if level == 0 and title != "Contents":
            assert re.search(re.escape(title) + r"\s*\n?\s*" + str(page), contents), title


def test_text_with_accents_and_markup_is_literal(board_pack):
    _, reader = board_pack
    text = text_of(reader)
    for name in ("Zoë Hargreaves", "Łukasz Nowak", "Siobhán Ó Briain", "Nguyễn"):
        assert name in text
    assert "Smith & Sons <Ltd>" in text
    assert "£45,000.00" in text
    assert "Chair of trustees" in text and "CHAIR_OF_TRUSTEES" not in text
    assert "The members" in text  # who appointed them, in plain words
    assert "Appointed by academy members" not in text and "GB/board" not in text  # GIAS jargon


def test_board_version_contents(board_pack):
    _, reader = board_pack
    text = text_of(reader)
    assert "Must fix (1)" in text
    assert "Founding member; chair until the 2027 review." in text  # acknowledged, with reason
    assert "Overdue" in text and "Far in the future" not in text  # due in the next 90 days
    assert "£152,000.00" in text  # pay decision
    assert "04/03/1970" not in text and "zoe@example.org" not in text  # only when asked for
    assert "Robert Leftlongago" not in text  # left 13 months ago
    assert "David Recentleaver" in text  # left 2 months ago
    assert "3 of 3" in text  # attendance, attended of possible
    assert "RPT-03 · Related-party agreement above £40,000 without approval" in text  # appendix
    assert "TRU-99" not in text  # rules not cited stay out of the appendix


def test_personal_details_only_when_asked_for(trust, tmp_path):
    findings, rules, due = findings_and_rules()
    out = tmp_path / "personal.pdf"
    build_board_pack(trust, findings, rules, out, as_of=AS_OF, due_items=due, invariant=True,
                     personal_details=True, sections=["members", "board"])
    text = text_of(PdfReader(out))
    assert "04/03/1970" in text and "zoe@example.org" in text
    assert "dates of birth and email addresses" in text  # the cover says so
    public = tmp_path / "public.pdf"
    build_board_pack(trust, findings, rules, public, as_of=AS_OF, audience="public",
                     personal_details=True, sections=["members", "board"])
    text = text_of(PdfReader(public))
    assert "04/03/1970" not in text and "zoe@example.org" not in text  # never in public


def test_metadata_and_fonts(board_pack):
    _, reader = board_pack
    meta = reader.metadata
    assert meta.title.startswith("Hillside Learning Trust")
    assert meta.author == "Hillside Learning Trust"
    assert "Members" in meta.subject
    fonts = set()
    for page in reader.pages:
        used = set(re.findall(rb"(/[\w+]+)\s+[\d.]+\s+Tf", page.get_contents().get_data()))
        for name, font in page["/Resources"]["/Font"].items():
            font = font.get_object()
            if str(font["/BaseFont"]) == "/Helvetica":
                # ReportLab always lists its default font; no text may be drawn in it
                assert name.encode() not in used
                continue
            fonts.add(str(font["/BaseFont"]))
            descendant = font.get("/DescendantFonts")
            if descendant:
                descriptor = descendant[0].get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, "TrueType font not embedded"
    assert any("DejaVuSans-Bold" in f for f in fonts)
    assert any(f.endswith("DejaVuSans") or "+DejaVuSans" in f for f in fonts)


def test_sod_pages_are_landscape(board_pack):
    _, reader = board_pack
    page = next(p for lv, t, p in outline_titles(reader) if t == "Scheme of delegation")
    box = reader.pages[page].mediabox
    assert box.width > box.height


def test_meeting_papers_merged_with_bookmarks_and_numbering(meeting_pack):
    result, reader = meeting_pack
    outline = outline_titles(reader)
    assert outline[1][:2] == (0, "Agenda and papers")
    items = [t for lv, t, _ in outline if lv == 1]
    assert items[:4] == ["1. Welcome, apologies and declarations of interest",
                         "2. Finance report: management accounts to October",
                         "3. Executive pay review", "4. Risk register & <new> risks"]
    paper_pages = {t: p for lv, t, p in outline if lv == 2}
    # Papers go by their title (here, with none given, the item's), never by file name (v2).
    assert set(paper_pages) == {"Paper: Finance report: management accounts to October",
                                "Paper: Executive pay review", "Paper: Risk register & <new> risks"}
    total = len(reader.pages) - 1
    fin = paper_pages["Paper: Finance report: management accounts to October"]
    for offset, n in ((0, 1), (1, 2)):
        text = reader.pages[fin + offset].extract_text()
        assert f"PAPERTEXT-Fin-{n}" in text  # the paper's own content
        assert "Item 2: Finance report: management accounts to October" in text  # header band
        assert f"Page {fin + offset} of {total}" in text  # continuous numbering
    risk = reader.pages[paper_pages["Paper: Risk register & <new> risks"]]
    assert "PAPERTEXT-Ris-1" in risk.extract_text()
    assert risk.mediabox.width > risk.mediabox.height  # a landscape paper stays landscape
    # the agenda lists each paper's page number
    agenda = reader.pages[outline[1][2]].extract_text()
    assert str(fin) in agenda
    assert "Risk register & <new> risks" in agenda


def test_public_pack_leaves_out_private_things(public_pack):
    _, reader = public_pack
    text = text_of(reader)
    top = [t for lv, t, _ in outline_titles(reader) if lv == 0]
    assert "Compliance summary" not in top and "Executive pay decisions" not in top
    assert "Appendix: rules cited" not in top
    assert "Members" in top and "Register of interests" in top
    assert "£152,000.00" not in text
    assert "Must fix" not in text and "RPT-03" not in text
    assert "04/03/1970" not in text and "zoe@example.org" not in text
    assert "Executive pay review" not in text and "PAPERTEXT-Pay" not in text
    assert "PAPERTEXT-Fin-1" in text
    assert "1 confidential item is not included" in text
    assert "Public version" in text


def test_sections_subset(trust, tmp_path):
    findings, rules, due = findings_and_rules()
    out = tmp_path / "subset.pdf"
    build_board_pack(trust, findings, rules, out, as_of=AS_OF, sections=["members", "sod"],
                     invariant=True)
    top = [t for lv, t, _ in outline_titles(PdfReader(out)) if lv == 0]
    assert top == ["Contents", "Members", "Scheme of delegation"]
    assert included_sections("public", None, True)[0] == "agenda"
    with pytest.raises(ValueError):
        included_sections("board", ["nonsense"], False)


def test_invariant_build_is_reproducible(trust, tmp_path):
    findings, rules, due = findings_and_rules()
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        build_board_pack(trust, findings, rules, out, as_of=AS_OF, due_items=due, invariant=True)
    assert a.read_bytes() == b.read_bytes()


def test_progress_and_cancel_leave_no_file(trust, tmp_path):
    findings, rules, due = findings_and_rules()
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return True

    out = tmp_path / "done.pdf"
    build_board_pack(trust, findings, rules, out, as_of=AS_OF, progress=progress,
                     meeting_id="B4", paper_content=papers().get)
    assert seen[-1][0] == seen[-1][1] and seen[0][0] == 0
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    calls = []

    def cancel(done, total):
        calls.append(done)
        return len(calls) < 5

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(PackCancelled):
        build_board_pack(trust, findings, rules, out, as_of=AS_OF, progress=cancel,
                         meeting_id="B4", paper_content=papers().get)
    assert list(tmp_path.iterdir()) == [tmp_path / "done.pdf"]


def test_unreadable_or_missing_paper_does_not_stop_the_pack(trust, tmp_path):
    findings, rules, due = findings_and_rules()
    content = {"sha-fin": b"not a pdf at all"}
    out = tmp_path / "broken.pdf"
    build_board_pack(trust, findings, rules, out, as_of=AS_OF, meeting_id="B4",
                     paper_content=content.get, invariant=True)
    text = text_of(PdfReader(out))
    assert "could not be read as a PDF" in text
    assert "not held in the trust file" in text


def test_paper_lookup_that_raises_is_a_note(trust, tmp_path):
    """The store's paper_content raises for a hash it does not hold (services.build_pack passes it)."""
    findings, rules, _ = findings_and_rules()
    held = papers()

    def paper_content(sha256: str) -> bytes:
        if sha256 not in held or sha256 == "sha-risk":
            raise LookupError(f"The paper {sha256} is not in this trust file.")
        return held[sha256]

    out = tmp_path / "missing.pdf"
    build_board_pack(trust, findings, rules, out, as_of=AS_OF, meeting_id="B4",
                     paper_content=paper_content, invariant=True)
    text = text_of(PdfReader(out))
    assert "not held in the trust file" in text
    assert "Finance report" in text


def test_bad_arguments(trust, tmp_path):
    with pytest.raises(ValueError):
        build_board_pack(trust, [], [], tmp_path / "x.pdf", as_of=AS_OF, audience="everyone")
    with pytest.raises(ValueError):
        build_board_pack(trust, [], [], tmp_path / "x.pdf", as_of=AS_OF, meeting_id="nope")
    assert not (tmp_path / "x.pdf").exists()


def test_sod_area_heading_once_even_when_the_trusts_order_returns_to_it(tmp_path):
    from dataclasses import replace

    from govboard.domain.enums import SodLevel
    from govboard.domain.model import SodRow

    trust = small_trust()
    board = ((SodLevel.BOARD, "D"),)
    rows = (SodRow("1", "Set the budget", "Finance", None, position=1, codes=board),
            SodRow("2", "Appoint the headteacher", "People", None, position=2, codes=board),
            SodRow("3", "Approve the accounts", "Finance", None, position=3, codes=board))
    snapshot = replace(trust, sod_rows=rows)
    out = tmp_path / "sod.pdf"
    build_board_pack(snapshot, [], [], out, as_of=AS_OF, sections=["sod"])
    reader = PdfReader(str(out))
    page = next(p for lv, t, p in outline_titles(reader) if t == "Scheme of delegation")
    lines = [line.strip() for line in reader.pages[page].extract_text().splitlines()]
    assert lines.count("Finance") == 1 and lines.count("People") == 1
    text = " ".join(lines)
    assert text.index("Finance") < text.index("Set the budget") < text.index("Approve the accounts") \
        < text.index("People") < text.index("Appoint the headteacher")
