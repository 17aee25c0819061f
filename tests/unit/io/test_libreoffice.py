"""The exported workbook opens in LibreOffice: formula-like text stays text, and a copy saved
by LibreOffice imports to the same registers. Skipped when soffice is not installed."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date

import pytest

from govboard.io.workbook import read_workbook, write_workbook

from .factories import PAPERS, sample_trust

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"), pytest.mark.subprocess]


def _soffice(tmp_path, *args):
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore", *args],
        capture_output=True, text=True, timeout=180, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr


def test_libreoffice_shows_formula_like_text_as_text(tmp_path):
    path = write_workbook(sample_trust(), tmp_path / "trust.xlsx", paper_content=PAPERS.__getitem__)
    out = tmp_path / "csv"
    out.mkdir()
    # Sheet index 3 is People (Trust, Academies, People); filter options: "as shown" on, then the sheet number.
    _soffice(tmp_path, "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,3",
             "--outdir", str(out), str(path))
    (produced,) = list(out.iterdir())
    with produced.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Person ID", "Title", "Forename"]
    p3 = next(r for r in rows if r[0] == "P003")
    assert p3[1:5] == ["-Dr", "=1+1", "+44", "@SUM(A1)"]
    zoe = next(r for r in rows if r[0] == "P002")
    assert zoe[2] == "Zoë" and zoe[5] == "28/02/1970"


def test_libreoffice_resaved_copy_imports_the_same(tmp_path):
    snap = sample_trust()
    path = write_workbook(snap, tmp_path / "trust.xlsx", paper_content=PAPERS.__getitem__)
    out = tmp_path / "resaved"
    out.mkdir()
    _soffice(tmp_path, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path))
    resaved = out / "trust.xlsx"
    shutil.copytree(tmp_path / "trust papers", out / "trust papers")
    result = read_workbook(resaved, today=date(2026, 1, 15))
    assert result.errors == []
    assert result.registers == snap
