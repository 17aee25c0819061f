"""govboard-cli for the meeting cycle: `pack --meeting next` and `attendance FILE OUT --year`."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from govboard.cli import main

from .test_cli import AS_OF, assert_bad_input, run


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "hillside.govboard"
    result = run("demo", path, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def demo_path(demo_master, tmp_path):
    path = tmp_path / "hillside.govboard"
    shutil.copy2(demo_master, path)
    return path


def test_attendance_is_a_command():
    assert "attendance" in main.commands
    result = run("attendance", "--help")
    assert result.exit_code == 0 and "--year" in result.stdout


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_attendance_statement(demo_path, tmp_path, monkeypatch, suffix):
    monkeypatch.setenv("GOVBOARD_TODAY", AS_OF)  # the sample trust was built for that day
    out = tmp_path / f"attendance{suffix}"
    result = run("attendance", demo_path, out, "--year", "2025/26")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Wrote {out}"
    if suffix == ".pdf":
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
        assert "Attendance at meetings, 2025/26" in text
        assert "Board" in text and "Audit and Risk Committee" in text
        assert "Siobhán Ó Briain" in text and " out of " in text
    else:
        book = load_workbook(out, read_only=True)
        try:
            rows = list(book["Attendance"].iter_rows(values_only=True))
        finally:
            book.close()
        assert rows[0] == ("Body", "Name", "Role", "Meetings attended", "Out of", "Attendance", "Note")
        chair = next(r for r in rows if r[0] == "Board" and r[1] == "Siobhán Ó Briain")
        assert chair[2] == "Chair" and chair[5] == f"{chair[3]} out of {chair[4]}" and chair[4] >= 3


def test_attendance_errors(demo_path, tmp_path):
    assert_bad_input(run("attendance", demo_path, tmp_path / "a.docx", "--year", "2025/26"), ".pdf or .xlsx")
    assert_bad_input(run("attendance", demo_path, tmp_path / "a.pdf", "--year", "2025/27"), "--year")
    assert_bad_input(run("attendance", demo_path, tmp_path / "nowhere" / "a.pdf", "--year", "2025/26"), "folder")
    assert_bad_input(run("attendance", demo_path, tmp_path / "a.pdf"), "--year")
    assert list(tmp_path.glob("a.*")) == []


def test_pack_for_the_next_meeting(demo_path, tmp_path):
    out = tmp_path / "next.pdf"
    result = run("pack", demo_path, out, "--as-of", AS_OF, "--meeting", "next")
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages[:3]).split())
    assert "Board meeting" in text and "Minutes of the last meeting" in text


def test_pack_next_with_no_coming_meeting(demo_path, tmp_path):
    out = tmp_path / "next.pdf"
    assert_bad_input(run("pack", demo_path, out, "--as-of", "2031-01-01", "--meeting", "next"),
                     "no board meeting on or after 01/01/2031")
    assert not out.exists()
