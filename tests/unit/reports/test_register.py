"""The published register (HTML and PDF), the fonts and the benchmark baseline."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from govboard.reports.baseline import build_plain_tables_document
from govboard.reports.fonts import FAMILY, license_text, register_fonts
from govboard.reports.register import write_register_html, write_register_pdf

from .factories import AS_OF, small_trust


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    out = tmp_path_factory.mktemp("reg") / "register.html"
    write_register_html(small_trust(), out, as_of=AS_OF)
    return out


def test_fonts_register_once_with_licence():
    assert register_fonts() == FAMILY
    assert register_fonts() == FAMILY
    assert "Bitstream Vera" in license_text()


def test_html_is_self_contained_and_accessible(html):
    source = html.read_text("utf-8")
    assert source.lower().startswith("<!doctype html>")
    parser = Collector()
    parser.feed(source)
    tags = parser.tags
    assert ("html", {"lang": "en-GB"}) in tags
    assert any(t == "meta" and a.get("charset") == "utf-8" for t, a in tags)
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in tags)
    assert not any(t in ("script", "link", "img", "iframe") for t, _ in tags)
    assert "http://" not in source and "https://" not in source
    assert sum(1 for t, _ in tags if t == "table") == sum(1 for t, _ in tags if t == "caption")
    assert any(t == "th" and a.get("scope") == "col" for t, a in tags)
    assert any(t == "th" and a.get("scope") == "row" for t, a in tags)
    assert [t for t, _ in tags if t in ("h1",)] == ["h1"]


def test_html_holds_the_right_people(html):
    parser = Collector()
    parser.feed(html.read_text("utf-8"))
    text = "".join(parser.text)
    for name in ("Zoë Hargreaves", "Łukasz Nowak", "Siobhán Ó Briain", "Thị Mai Nguyễn",
                 "Grace Parentgov", "Hugh Staffmember"):
        assert name in text
    assert "David Recentleaver" in text and "20/09/2026" in text  # stepped down 2 months ago
    assert "Robert Leftlongago" not in text  # stepped down 13 months ago
    assert "Old Co" not in text
    assert "Smith & Sons <Ltd>" in text  # escaped in the source, literal when parsed
    assert "Elected by parents" in text and "The members" in text  # plain words, not GIAS's
    assert "Appointed by academy members" not in text
    assert "Hugh is Jane's spouse or civil partner" in text
    assert "Employee: Teaching assistant, Ash Primary" in text
    assert "zoe@example.org" not in text and "04/03/1970" not in text  # nothing private
    assert "2025/26" in text  # attendance year


def test_register_pdf(tmp_path):
    out = tmp_path / "register.pdf"
    write_register_pdf(small_trust(), out, as_of=AS_OF, invariant=True)
    reader = PdfReader(out)
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert f"Page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()
    assert "Siobhán Ó Briain" in text and "Smith & Sons <Ltd>" in text
    assert "Robert Leftlongago" not in text
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0] == "Governance structure" and "Register of interests" in titles


def test_register_pdf_is_tagged_with_language_and_title(tmp_path):
    import re

    from govboard.demo import build_demo_trust

    day = AS_OF
    out = write_register_pdf(build_demo_trust(day), tmp_path / "register.pdf", as_of=day, invariant=True)
    reader = PdfReader(out)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title.startswith("Hillside Learning Trust: governance and register")
    assert bool(catalog["/MarkInfo"]["/Marked"])
    document = catalog["/StructTreeRoot"]["/K"][0].get_object()
    assert document["/S"] == "/Document"
    kids = [k.get_object() for k in document["/K"]]
    assert kids[0]["/S"] == "/H1"
    assert kids[0]["/ActualText"].startswith("Hillside Learning Trust: governance and register of interests")
    tables = [k for k in kids if k["/S"] == "/Table"]
    assert len(tables) >= 6
    for table in tables:
        rows = [tr.get_object() for tr in table["/K"]]
        kinds = [[cell.get_object()["/S"] for cell in tr["/K"]] for tr in rows]
        assert set(kinds[0]) == {"/TH"}  # the header row, with its scope
        assert all(set(k) == {"/TD"} for k in kinds[1:])  # repeated headers are artifacts
        assert rows[0]["/K"][0].get_object()["/A"]["/Scope"] == "/Column"
    # the long local-governor table runs over pages and is still one table
    pages_of = {id(t): {cell.get_object()["/K"][0].raw_get("/Pg").idnum
                        for tr in t["/K"] for cell in tr.get_object()["/K"]} for t in tables}
    assert any(len(pages) > 1 for pages in pages_of.values())
    for n, page in enumerate(reader.pages):
        assert page["/StructParents"] == n and page["/Tabs"] == "/S"
        stream = page.get_contents().get_data().decode("latin-1")
        opened = len(re.findall(r"\b(?:BDC|BMC)\b", stream))
        assert opened == len(re.findall(r"\bEMC\b", stream)) and opened > 0
        assert "/Artifact BMC" in stream  # running header and footer


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
@pytest.mark.subprocess
def test_html_renders_in_a_headless_browser(html, tmp_path):
    png = tmp_path / "phone.png"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
         "--window-size=400,1200", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 5000


def test_baseline_document(tmp_path):
    out = build_plain_tables_document(small_trust(), tmp_path / "plain.pdf", as_of=AS_OF)
    reader = PdfReader(out)
    assert len(reader.pages) >= 5
    assert not reader.outline
    assert "Zoë Hargreaves" in reader.pages[0].extract_text()
