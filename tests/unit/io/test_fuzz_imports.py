"""Mutated GIAS extracts and Companies House lists through the CLI: each run exits 0 with sensible
data, or exits 2 with one line on stderr and the trust file byte for byte as it was; never a
traceback. A small seeded number of mutants in the normal suite, many more behind `slow`."""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date

import pytest
from click.testing import CliRunner

from govboard.cli import main
from govboard.domain.validate import validate_registers
from govboard.store import TrustFile

from . import gias_files as gf
from .test_companies_house import officer_page

QUICK, SLOW = 25, 400


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- mutations -------------------------------------------------------------------------------------

_NASTY = ["", " ", "\x00", "\ufeff", "\u0000\u0001", "Zoë", "Ó Briain", "\ufffd", "x" * 1500, "01/13/2024",
          "31-02-2024", "2024-02-30", "29/02/2023", "9999999999", "-1", "=cmd|' /C calc'!A0", '"', '""', ",",
          "\r\n", "N/A", "Trustee", "Chair of Trustees", "Shared Local Governor - Group", "17001", "08123456",
          "141001", "１/9/2024", "01/09/0001", "\U0001F600", "Appointed by GB/board", "\udcff"]


def mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        kind = rnd.randrange(6)
        at = rnd.randrange(max(len(data), 1))
        if kind == 0 and data:  # flip a byte
            data[at] = rnd.randrange(256)
        elif kind == 1:  # insert junk
            data[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
        elif kind == 2 and data:  # delete a run
            del data[at:at + rnd.randint(1, 40)]
        elif kind == 3:  # truncate
            del data[at:]
        elif kind == 4:  # duplicate a run
            data[at:at] = data[at:at + rnd.randint(1, 200)]
        else:  # a high byte a Windows-1252 file may hold, or one it may not
            data[at:at] = bytes([rnd.choice([0x81, 0x8D, 0xE9, 0xEB, 0xC3, 0xA9, 0xFF])])
    return bytes(data)


def mutate_cells(rows: list[list[str]], rnd: random.Random) -> list[list[str]]:
    rows = [list(r) for r in rows]
    for _ in range(rnd.randint(1, 6)):
        row = rnd.choice(rows)
        kind = rnd.randrange(4)
        if kind == 0:
            row[rnd.randrange(len(row))] = rnd.choice(_NASTY)
        elif kind == 1:
            del row[rnd.randrange(len(row)):]
        elif kind == 2:
            row.extend(rnd.choice(_NASTY) for _ in range(rnd.randint(1, 3)))
        else:
            rows.insert(rnd.randrange(len(rows) + 1), list(row))
    return rows


def gias_mutant(tmp_path, n: int, rnd: random.Random):
    """A mutated copy of the national trust-level extract (or of the search download's ZIP)."""
    kind = rnd.randrange(4)
    if kind == 3:
        path = gf.write_search_zip(tmp_path / f"governors{n}.zip")
        path.write_bytes(mutate_bytes(path.read_bytes(), rnd))
        return path
    path = tmp_path / f"governancematdata20261115-{n}.csv"
    header, rows = list(gf.MAT_HEADER), gf.mat_rows()
    if kind == 0:
        rows = mutate_cells(rows, rnd)
    if rnd.random() < 0.15:
        rnd.shuffle(header)  # columns in another order: still read by name
    try:
        data = gf.csv_bytes(header, rows, encoding=rnd.choice(["cp1252", "utf-8"]), bom=rnd.random() < 0.3)
    except UnicodeEncodeError:  # a lone surrogate becomes the raw byte it stands for
        data = gf.csv_bytes(header, rows, encoding="utf-8", errors="surrogateescape")
    if kind == 1:
        data = mutate_bytes(data, rnd)
    path.write_bytes(data)
    return path


def ch_mutant(tmp_path, n: int, rnd: random.Random):
    page = officer_page(0, 12, 12)
    kind = rnd.randrange(3)
    values = [None, True, -5, 13, 0, 20240101, 1e308, "2024-01-01garbage", "2024-13-01", "", [], {}, ["A", "B"],
              {"month": 13, "year": -5}, "x" * 2000, "\x00", "SMITH, Jane, Dr", "corporate-director"]
    if kind == 0:
        for _ in range(rnd.randint(1, 4)):
            item = rnd.choice(page["items"])
            key = rnd.choice(["name", "officer_role", "appointed_on", "resigned_on", "date_of_birth", "links"])
            if rnd.random() < 0.2:
                item.pop(key, None)
            else:
                item[key] = rnd.choice(values)
    elif kind == 1:
        key = rnd.choice(["total_results", "start_index", "items_per_page", "items", "links", "company_number"])
        page[key] = rnd.choice(values)
    data = json.dumps(page, ensure_ascii=rnd.random() < 0.5).encode("utf-8")
    if kind == 2:
        data = mutate_bytes(data, rnd)
    path = tmp_path / f"officers{n}.json"
    path.write_bytes(data)
    return path


# --- the properties --------------------------------------------------------------------------------


def _check_outcome(result, trust, before: str, what: str):
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{what}: traceback {result.exception!r}")
    assert result.exit_code in (0, 2), f"{what}: exit {result.exit_code}: {result.output}"
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("govboard-cli: "), f"{what}: {result.stderr!r}"
        assert _sha(trust) == before, f"{what}: refused but the trust file changed"
    return result.exit_code == 0


def _fresh_trust(tmp_path, n: int, **settings):
    trust = tmp_path / f"t{n}.govboard"
    with TrustFile.create(trust, name="Oakfield Learning Trust") as tf:
        if settings:
            tf.save_settings(tf.settings().with_changes(**settings))
    return trust


def _sensible_gias(trust):
    with TrustFile.open(trust, read_only=True) as tf:
        snap = tf.load_snapshot()
    assert validate_registers(snap) == []
    for record in snap.gias.records:
        assert record.forename1.strip() and record.surname.strip()  # never a nameless person
        assert record.gid and record.role
        for d in (record.appointed_on, record.term_end):
            assert d is None or 1900 <= d.year <= 2199
    assert all(p.forename.strip() and p.surname.strip() for p in snap.people)
    return snap


def run_gias_fuzz(tmp_path, count: int, seed: int):
    runner = CliRunner()
    rnd = random.Random(seed)
    accepted = 0
    for n in range(count):
        extract = gias_mutant(tmp_path, n, rnd)
        create = rnd.random() < 0.5
        trust = _fresh_trust(tmp_path, n, **({} if create else {"gias_group_uid": gf.UID}))
        before = _sha(trust)
        args = ["import-gias", str(trust), str(extract), "--as-of", "2026-11-15"]
        if create:
            args += ["--create", "--uid", gf.UID]
        result = runner.invoke(main, args)
        if _check_outcome(result, trust, before, f"mutant {n} ({extract.name}, create={create})"):
            accepted += 1
            _sensible_gias(trust)
            check = runner.invoke(main, ["check", str(trust), "--as-of", "2026-11-22", "--format", "json"])
            assert check.exit_code in (0, 1) and check.exception is None or isinstance(check.exception, SystemExit)
    return accepted


def run_ch_fuzz(tmp_path, count: int, seed: int):
    runner = CliRunner()
    rnd = random.Random(seed)
    accepted = 0
    for n in range(count):
        officers = ch_mutant(tmp_path, n, rnd)
        trust = _fresh_trust(tmp_path, n, company_number="08123456")
        before = _sha(trust)
        result = runner.invoke(main, ["import-ch", str(trust), str(officers), "--as-of", "2026-11-20"])
        if _check_outcome(result, trust, before, f"mutant {n}"):
            accepted += 1
            with TrustFile.open(trust, read_only=True) as tf:
                stored = tf.load_snapshot().companies_house
            for o in stored.officers:
                assert isinstance(o.name, str) and o.name.strip()
                assert o.birth_month is None or 1 <= o.birth_month <= 12
                for d in (o.appointed_on, o.resigned_on):
                    assert d is None or (isinstance(d, date) and 1850 <= d.year <= 2200)
                assert not (o.appointed_on and o.resigned_on and o.resigned_on < o.appointed_on)
            check = runner.invoke(main, ["check", str(trust), "--as-of", "2026-11-22"])
            assert check.exit_code in (0, 1), check.output
    return accepted


def test_gias_importer_fuzz(tmp_path):
    accepted = run_gias_fuzz(tmp_path, QUICK, seed=16)
    assert 0 < accepted < QUICK  # some mutants are read, some refused: both paths ran


def test_ch_importer_fuzz(tmp_path):
    accepted = run_ch_fuzz(tmp_path, QUICK, seed=16)
    assert 0 < accepted < QUICK


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_gias_importer_fuzz_many(tmp_path, seed):
    run_gias_fuzz(tmp_path, SLOW, seed=seed)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2])
def test_ch_importer_fuzz_many(tmp_path, seed):
    run_ch_fuzz(tmp_path, SLOW, seed=seed)
