"""Issue 16 item 7: a fuzz test of the workbook importer.

Seeded mutants of the sample trust's exported workbook (hostile cell values, damaged bytes) are
imported with `govboard-cli import`. Each must end in one of two ways: exit 0 with registers
that export, import and export again to the same cells; or exit 2 with the reason on stderr
(one line when the file as a whole is refused, row errors then one line otherwise) and the
trust file byte-for-byte unchanged. Never a traceback.

A few mutants run in the normal suite; `pytest -m slow` runs many more (the `slow` marker is
left out by default through addopts in pyproject.toml).
"""

from __future__ import annotations

import random
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from govboard.cli import main
from govboard.services.trust import create_demo
from govboard.store import TrustFile

QUICK = 6
SLOW = 150

HOSTILE = [
    None, "", " ", "1e20", 1e20, 1e300, "1E999", 10**20, "9" * 30, -1, 0, "31/02/2026", "01/01/0001",
    "x" * 5000, "\uffff", "\ufdd0", "=1+1", "NaN", "inf", True, date(1900, 1, 1), date(2100, 12, 31),
    "P001", "p001", "../../etc/passwd.pdf", "C:\\secret.pdf", "Yes", "Maybe", 3.14159, "£-5", "2.8%",
    "1/0", "Wizard", "2024/25", "2024/2026", "Board", "Members", "line\nbreak", "tab\tbed", "Ó Briain",
]


@pytest.fixture(scope="module")
def base_book(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    trust = folder / "hillside.govboard"
    create_demo(trust, today=date(2026, 11, 22)).close()
    book = folder / "hillside.xlsx"
    assert CliRunner().invoke(main, ["export", str(trust), str(book)]).exit_code == 0
    return book


def mutate(src: Path, dest: Path, rng: random.Random) -> str:
    """Write a mutant of `src` to `dest`; return what was done (for the failure message)."""
    if rng.random() < 0.25:
        data = bytearray(src.read_bytes())
        how = rng.choice(("flip", "truncate", "zero"))
        if how == "flip":
            for _ in range(rng.randint(1, 6)):
                pos = rng.randrange(len(data))
                data[pos] ^= 1 << rng.randrange(8)
        elif how == "truncate":
            data = data[: rng.randrange(len(data))]
        else:
            start = rng.randrange(len(data))
            data[start:start + 400] = bytes(len(data[start:start + 400]))
        dest.write_bytes(bytes(data))
        return f"bytes {how}"
    wb = load_workbook(src)
    notes = []
    sheets = [ws for ws in wb.worksheets if not ws.title.startswith("_")]
    for _ in range(rng.randint(1, 4)):
        ws = rng.choice(sheets)
        row = rng.randint(1 if rng.random() < 0.1 else 2, max(2, ws.max_row))
        col = rng.randint(1, max(1, ws.max_column))
        value = rng.choice(HOSTILE)
        try:
            ws.cell(row=row, column=col, value=value)
        except Exception:  # openpyxl refuses some characters itself  # noqa: BLE001
            continue
        notes.append(f"{ws.title}!R{row}C{col}={value!r:.30}")
    wb.save(dest)
    return "; ".join(notes)


def _cells(path: Path) -> dict:
    # Papers are written to a folder named after the workbook ("a-2 papers/..."): compared by the
    # path inside it, so two exports of the same registers compare equal.
    folder = f"{path.stem} papers/"

    def same(value):
        return "papers/" + value[len(folder):] if isinstance(value, str) and value.startswith(folder) else value

    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(same(v) for v in r) for r in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets if not ws.title.startswith("_")}
    finally:
        wb.close()


def _invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _no_traceback(result, what: str) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{what}: {type(result.exception).__name__}: {result.exception}")


def check_mutant(base_book: Path, folder: Path, seed: int) -> None:
    rng = random.Random(seed)
    book = folder / f"mutant-{seed}.xlsx"
    what = mutate(base_book, book, rng)
    for papers in base_book.parent.iterdir():  # the papers folder beside the workbook
        if papers.is_dir() and not (folder / papers.name).exists():
            shutil.copytree(papers, folder / papers.name)
    trust = folder / f"trust-{seed}.govboard"
    TrustFile.create(trust, name="Fuzz").close()
    before = trust.read_bytes()
    result = _invoke("import", trust, book)
    _no_traceback(result, f"seed {seed} ({what})")
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert lines and lines[-1].startswith("govboard-cli: "), f"seed {seed} ({what}): {result.stderr}"
        if "problem(s) in" in lines[-1]:  # row errors, each on its own line, then the summary
            assert all(line.startswith("warning: ") or ": " in line for line in lines[:-1]), result.stderr
        else:  # the workbook as a whole was refused
            assert len(lines) == 1, f"seed {seed} ({what}): {result.stderr}"
        assert trust.read_bytes() == before, f"seed {seed} ({what}): refused but the file changed"
        return
    assert result.exit_code == 0, f"seed {seed} ({what}): exit {result.exit_code} {result.stderr}"
    check = _invoke("check", trust, "--as-of", "2026-11-22", "--fail-on", "never")
    _no_traceback(check, f"seed {seed} ({what}): check")
    assert check.exit_code == 0, check.stderr
    first, second = folder / f"a-{seed}.xlsx", folder / f"b-{seed}.xlsx"
    assert _invoke("export", trust, first).exit_code == 0
    again = folder / f"again-{seed}.govboard"
    TrustFile.create(again, name="Again").close()
    reimport = _invoke("import", again, first, "--replace")
    _no_traceback(reimport, f"seed {seed} ({what}): re-import")
    assert reimport.exit_code == 0, f"seed {seed} ({what}): its own export was refused: {reimport.stderr}"
    assert _invoke("export", again, second).exit_code == 0
    assert _cells(first) == _cells(second), f"seed {seed} ({what}): the export does not re-export to itself"


@pytest.mark.parametrize("seed", range(QUICK))
def test_mutated_workbooks_import_cleanly_or_are_refused_cleanly(base_book, tmp_path, seed):
    check_mutant(base_book, tmp_path, seed)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(QUICK, QUICK + SLOW))
def test_many_mutated_workbooks(base_book, tmp_path, seed):
    check_mutant(base_book, tmp_path, seed)
