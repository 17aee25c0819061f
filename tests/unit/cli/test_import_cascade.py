"""`govboard-cli import` of a workbook with a rejected People row: the root problems only (no
"does not exist" for every row naming that person), the formats.md error fields unchanged, and
nothing written to the trust file."""

from __future__ import annotations

import hashlib
import json

import openpyxl
from click.testing import CliRunner

from govboard.cli import main
from govboard.store import TrustFile


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _book(path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in {
        "People": [["Person ID", "Forename", "Surname", "Date of birth"],
                   ["P001", "Ann", "Ames", "12/03/1964"],
                   ["P002", "Chidi", "Okafor", "31/02/1971"],
                   ["P001", "Ann", "Ames", "12/03/1964"]],
        "Roles": [["Person ID", "Role", "Body", "Start date"],
                  ["P002", "Trustee", "Board", "01/09/2021"],
                  ["P002", "Member", "Members", "01/09/2021"],
                  ["P404", "Trustee", "Board", "01/09/2021"]],
        "Checks": [["Person ID", "Check", "Date"], ["P002", "Enhanced DBS", "01/09/2021"]],
    }.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_import_reports_root_problems_once_and_writes_nothing(tmp_path):
    trust = tmp_path / "t.govboard"
    TrustFile.create(trust, name="T").close()
    book = _book(tmp_path / "broken.xlsx")
    before = _digest(trust)

    result = _run("import", trust, book, "--format", "json", "--errors-out", tmp_path / "errors.xlsx")
    assert result.exit_code == 2
    out = json.loads(result.stdout)
    assert out["written"] is False
    assert [list(e) for e in out["errors"]] == [["sheet", "row", "column", "message"]] * 3
    assert [(e["sheet"], e["row"], e["column"]) for e in out["errors"]] == [
        ("People", 3, "Date of birth"), ("People", 4, "Person ID"), ("Roles", 4, "Person ID")]
    assert out["errors"][0]["message"] == (
        "'31/02/1971' is not a real date (there is no such day); 3 rows on other sheets refer to "
        "person 'P002' and were not checked against it (Roles 2, Checks 1)")
    assert out["errors"][2]["message"].startswith("person 'P404' does not exist")
    assert _digest(trust) == before

    result = _run("import", trust, book, "--dry-run")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("People, row 3, Date of birth: '31/02/1971' is not a real date")
    assert lines[-1] == "govboard-cli: 3 problem(s) in broken.xlsx; nothing was imported."
    assert _digest(trust) == before
