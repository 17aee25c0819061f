"""Issue 16 items 3 and 4: hostile values and paper paths in a workbook are row errors naming
sheet, row, column and the allowed range, in the dry run and the import alike; nothing is
written and nothing crashes. The store refuses the same values from any other door."""

from __future__ import annotations

import os
import random
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner
from reportlab.pdfgen import canvas

from govboard.cli import main
from govboard.domain import model as m
from govboard.io import xlsx_read
from govboard.io.workbook import read_workbook
from govboard.services.trust import create_demo
from govboard.store import Insert, TrustFile, TrustFileError

from .factories import tiny_pdf
from .helpers import make_xlsx

PERSON = [["Person ID", "Forename", "Surname"], ["P1", "Jane", "Smith"]]


def _trust_sheet(setting, value):
    return {"Trust": [["Setting", "Value"], ["Name", "Probe"], [setting, value]], "People": PERSON}


def _people(column, value):
    row = {"Person ID": "P1", "Forename": "Jane", "Surname": "Smith", column: value}
    return {"People": [list(row), list(row.values())]}


def _payment(value):
    return {"Payments": [["Payment ID", "Date", "Supplier", "Amount"], ["X1", "01/09/2025", "Acme", value]]}


CASES = [
    # (name, sheets, (sheet, row, column), words in the message)
    ("term years 1e20", _trust_sheet("Term of office years", 1e20), ("Trust", 3, "Value"), "from 1 to 10"),
    ("term years text", _trust_sheet("Term of office years", "1" * 21), ("Trust", 3, "Value"), "from 1 to 10"),
    ("warning days 1e300", _trust_sheet("Term warning days", 1e300), ("Trust", 3, "Value"), "from 0 to 365"),
    ("absence months", _trust_sheet("Absence window months", 10**9), ("Trust", 3, "Value"), "from 1 to 24"),
    ("income 1E999", _trust_sheet("Last audited income", "1E999"), ("Trust", 3, "Value"), "not an amount"),
    ("threshold 30 digits", _trust_sheet("RPT approval threshold", "9" * 30), ("Trust", 3, "Value"),
     "£10,000,000,000.00"),
    ("threshold negative", _trust_sheet("RPT approval threshold", -5), ("Trust", 3, "Value"), "from £0.00"),
    ("cap 1e-300", _trust_sheet("Employee trustee cap", "1e-300"), ("Trust", 3, "Value"), "too fine"),
    ("payment 1e20", _payment(1e20), ("Payments", 2, "Amount"), "£10,000,000,000.00"),
    ("payment 10^20", _payment(10**20), ("Payments", 2, "Amount"), "£10,000,000,000.00"),
    ("payment 30 digits", _payment("9" * 30), ("Payments", 2, "Amount"), "£10,000,000,000.00"),
    ("payment 1E999", _payment("1E999"), ("Payments", 2, "Amount"), "not an amount"),
    ("award 1e300", {"Pay awards": [["Academic year", "Teachers award percent"], ["2025/26", 1e300]]},
     ("Pay awards", 2, "Teachers award percent"), "from -100 to 1000"),
    ("meeting in year 1", {"Meetings": [["Meeting ID", "Body", "Date"], ["M1", "Board", "01/01/0001"]]},
     ("Meetings", 2, "Date"), "1900 to 2100"),
    ("meeting in 9999", {"Meetings": [["Meeting ID", "Body", "Date"], ["M1", "Board", date(9999, 12, 31)]]},
     ("Meetings", 2, "Date"), "1900 to 2100"),
    ("surname 1500", _people("Surname", "S" * 1500), ("People", 2, "Surname"), "at most 100"),
    ("forename tab", _people("Forename", "Ja\tne"), ("People", 2, "Forename"), "one line"),
    ("surname U+FDD0", _people("Surname", "Smi\ufdd0th"), ("People", 2, "Surname"), "U+FDD0"),
    ("person ID 300", _people("Person ID", "P" * 300), ("People", 2, "Person ID"), "at most 50"),
    ("salary negative", {"People": PERSON, "Pay decisions": [
        ["Decision ID", "Person ID", "Effective date", "Salary after"], ["D1", "P1", "01/09/2025", -100]]},
     ("Pay decisions", 2, "Salary after"), "negative"),
]


@pytest.mark.parametrize("name, sheets, where, words", CASES, ids=[c[0] for c in CASES])
def test_a_hostile_value_is_a_row_error_naming_where_and_the_range(tmp_path, name, sheets, where, words):
    book = make_xlsx(tmp_path / "book.xlsx", sheets)
    result = read_workbook(book)
    found = [(e.sheet, e.row, e.column) for e in result.errors]
    assert where in found, [str(e) for e in result.errors]
    message = next(e.message for e in result.errors if (e.sheet, e.row, e.column) == where)
    assert words in message


@pytest.mark.parametrize("name, sheets, where, words", CASES[::3], ids=[c[0] for c in CASES[::3]])
def test_dry_run_and_import_refuse_alike_and_write_nothing(tmp_path, name, sheets, where, words):
    trust = tmp_path / "t.govboard"
    TrustFile.create(trust, name="T").close()
    before = trust.read_bytes()
    book = make_xlsx(tmp_path / "book.xlsx", sheets)
    for extra in (["--dry-run"], []):
        result = CliRunner().invoke(main, ["import", str(trust), str(book), *extra])
        assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
        assert "Traceback" not in result.stderr
        sheet, row, column = where
        assert f"{sheet}, row {row}, {column}: " in result.stderr and words in result.stderr
        assert result.stderr.splitlines()[-1].startswith("govboard-cli: ")
        assert trust.read_bytes() == before


def test_the_store_refuses_what_the_importer_would(tmp_path):
    with TrustFile.create(tmp_path / "t.govboard", name="T") as tf:
        with pytest.raises(TrustFileError, match="surname .* at most 100 are allowed; nothing was saved"):
            tf.apply([Insert(m.Person("P1", "Jane", "S" * 101))], "Add")
        with pytest.raises(TrustFileError, match="Term of office years"):
            tf.save_settings(tf.settings().with_changes(term_years=10**20))
        with pytest.raises(TrustFileError, match="amount"):
            tf.apply([Insert(m.Payment("X", date(2025, 1, 1), "Acme", 10**20))], "Add")
        assert tf.load(m.Person) == [] and tf.load(m.Payment) == []


def test_values_stored_before_bounds_existed_are_refused_on_reading(tmp_path):
    path = tmp_path / "t.govboard"
    TrustFile.create(path, name="T").close()
    import sqlite3

    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('Term warning days', ?)", ["9" * 25])
    conn.close()
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "OverflowError" not in result.stderr
    (line,) = result.stderr.splitlines()
    assert "is damaged" in line and "Term warning days" in line and "from 0 to 365" in line


# --- bit-flipped workbooks ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    trust = folder / "hillside.govboard"
    create_demo(trust).close()
    book = folder / "hillside.xlsx"
    assert CliRunner().invoke(main, ["export", str(trust), str(book)]).exit_code == 0
    return book


def _flip_inside_a_sheet(data: bytes, rng: random.Random) -> bytes:
    """Flip bits inside the compressed data of a worksheet (where zlib itself notices)."""
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = next(i for i in zf.infolist() if i.filename.startswith("xl/worksheets/") and i.compress_size > 400)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for _ in range(3):
        pos = rng.randrange(start + 50, start + info.compress_size - 10)
        out[pos] ^= 1 << rng.randrange(8)
    return bytes(out)


@pytest.mark.parametrize("seed", range(6))
def test_a_bit_flipped_workbook_is_a_one_line_refusal(demo_book, tmp_path, seed):
    trust = tmp_path / "t.govboard"
    TrustFile.create(trust, name="T").close()
    before = trust.read_bytes()
    book = tmp_path / "flipped.xlsx"
    book.write_bytes(_flip_inside_a_sheet(demo_book.read_bytes(), random.Random(seed)))
    for extra in (["--dry-run"], []):
        result = CliRunner().invoke(main, ["import", str(trust), str(book), *extra])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 2, result.stdout
        (line,) = result.stderr.splitlines()
        assert "flipped.xlsx" in line and ("damaged" in line or "could not be read" in line)
        assert "zlib" not in line.split("(")[0]
        assert trust.read_bytes() == before


# --- paper paths (item 4) ----------------------------------------------------------------------


def _agenda_book(folder, paper):
    return make_xlsx(folder / "book.xlsx", {
        "Meetings": [["Meeting ID", "Body", "Date"], ["M1", "Board", "01/09/2025"]],
        "Agenda": [["Meeting ID", "Item", "Title", "Paper"], ["M1", "1", "Finance", paper]],
    })


@pytest.fixture
def secret(tmp_path):
    folder = tmp_path / "secret"
    folder.mkdir()
    path = folder / "secret.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "not for the trust file")
    c.save()
    return path


def _paper_error(book):
    result = read_workbook(book)
    assert result.papers == {}
    (error,) = result.errors
    assert (error.sheet, error.row, error.column) == ("Agenda", 2, "Paper")
    return error.message


def test_a_path_leading_out_of_the_workbooks_folder_is_refused(tmp_path, secret):
    folder = tmp_path / "clerk" / "board"
    folder.mkdir(parents=True)
    rel = os.path.relpath(secret, folder)
    assert rel.startswith("..")
    assert "outside the workbook's folder" in _paper_error(_agenda_book(folder, rel))
    assert "outside the workbook's folder" in _paper_error(_agenda_book(folder, rel.replace("/", "\\")))


@pytest.mark.parametrize("paper", ["{secret}", "C:\\Users\\clerk\\secret.pdf", "\\\\server\\share\\x.pdf",
                                   "file:///etc/secret.pdf"])
def test_a_full_path_is_refused(tmp_path, secret, paper):
    folder = tmp_path / "board"
    folder.mkdir()
    message = _paper_error(_agenda_book(folder, paper.format(secret=secret)))
    assert "must be given relative to the workbook's folder" in message


def test_a_link_leading_out_is_refused(tmp_path, secret):
    folder = tmp_path / "board"
    folder.mkdir()
    (folder / "link.pdf").symlink_to(secret)
    assert "outside the workbook's folder" in _paper_error(_agenda_book(folder, "link.pdf"))


def test_a_fake_pdf_a_folder_and_a_huge_pdf_are_refused(tmp_path, monkeypatch):
    folder = tmp_path / "board"
    (folder / "papers" / "dir.pdf").mkdir(parents=True)
    (folder / "papers" / "fake.pdf").write_bytes(b"%PDF-1.4\nnot a real PDF\n")
    assert "damaged PDF" in _paper_error(_agenda_book(folder, "papers/fake.pdf"))
    assert "is not a file" in _paper_error(_agenda_book(folder, "papers/dir.pdf"))
    (folder / "papers" / "big.pdf").write_bytes(tiny_pdf() + b" " * 3000)
    monkeypatch.setattr(xlsx_read, "PAPER_MAX_BYTES", 2048)
    assert "a paper may be at most 0 MB" in _paper_error(_agenda_book(folder, "papers/big.pdf"))


def test_a_real_pdf_inside_the_folder_is_taken(tmp_path):
    folder = tmp_path / "board"
    (folder / "papers").mkdir(parents=True)
    (folder / "papers" / "finance.pdf").write_bytes(tiny_pdf("finance"))
    result = read_workbook(_agenda_book(folder, "papers\\finance.pdf"))
    assert result.errors == [] and list(result.papers) == ["papers\\finance.pdf"]
