"""Robustness probe (issue 16): crashes, two writers, hostile and damaged input, counted.

    python -m bench.probe_robust            # every family, default counts
    python -m bench.probe_robust --only values,paths --seed 7 --fuzz 200

Each family runs real govboard-cli commands on real files in a scratch folder and sorts every
run into: ok (did the right thing), refused (exit 2, one line, file unchanged), crashed (a
traceback, or a raw sqlite3/Python error shown to the user), wrong (accepted something it should
not, or lost data without saying so) and unusable (after a kill, the file could not be opened).
It prints one table; `--json PATH` writes the counts. Not a benchmark row and not a test: a tool
to count what a tester would find, before and after a change.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

CLI = [sys.executable, "-c", "import sys; from govboard.cli import main; sys.exit(main())"]
TODAY = "2026-11-22"
ENV = {**os.environ, "GOVBOARD_TODAY": TODAY, "PYTHONDONTWRITEBYTECODE": "1"}
OUTCOMES = ("ok", "refused", "crashed", "wrong", "unusable")


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.notes: dict[str, list[str]] = defaultdict(list)

    def add(self, family: str, outcome: str, note: str = "") -> None:
        assert outcome in OUTCOMES, outcome
        self.counts[family][outcome] += 1
        if outcome not in ("ok", "refused") and note:
            self.notes[family].append(f"{outcome}: {note}")

    def table(self) -> str:
        lines = [f"{'family':<14}{'tried':>7}" + "".join(f"{o:>10}" for o in OUTCOMES)]
        total: Counter = Counter()
        for family, counts in self.counts.items():
            tried = sum(counts.values())
            total.update(counts)
            lines.append(f"{family:<14}{tried:>7}" + "".join(f"{counts[o]:>10}" for o in OUTCOMES))
        lines.append(f"{'all':<14}{sum(total.values()):>7}" + "".join(f"{total[o]:>10}" for o in OUTCOMES))
        return "\n".join(lines)


def cli(*args, timeout=120, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=env or ENV)


def crashed(proc) -> bool:
    err = proc.stderr
    return ("Traceback" in err or "sqlite3." in err or "Error:" in err.split("govboard-cli:")[0]
            or proc.returncode not in (0, 1, 2))


def one_line_refusal(proc) -> bool:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    return proc.returncode == 2 and bool(lines) and lines[-1].startswith("govboard-cli:") and not crashed(proc)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


# --- fixtures -------------------------------------------------------------------------------------


class Scratch:
    def __init__(self, root: Path):
        self.root = root
        self.n = 0
        self.demo = root / "demo.govboard"
        proc = cli("demo", self.demo, "--as-of", TODAY)
        assert proc.returncode == 0, proc.stderr
        self.workbook = root / "demo.xlsx"
        assert cli("export", self.demo, self.workbook).returncode == 0
        self.papers = root / "papers"
        self.papers.mkdir()

    def folder(self) -> Path:
        """A run's own folder. It holds a copy of the papers the exported workbook's Agenda sheet
        names (relative to the workbook), so a workbook written here is refused only for what a
        run changed in it, never for papers it cannot find."""
        self.n += 1
        path = self.root / f"run{self.n:04d}"
        path.mkdir()
        papers = self.workbook.with_name(f"{self.workbook.stem} papers")
        if papers.is_dir():
            shutil.copytree(papers, path / papers.name)
        return path

    def copy_demo(self, folder: Path) -> Path:
        dest = folder / "trust.govboard"
        shutil.copyfile(self.demo, dest)
        return dest

    def empty(self, folder: Path) -> Path:
        dest = folder / "empty.govboard"
        assert cli("new", dest, "--name", "Probe").returncode == 0
        return dest


def small_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook of these rows. Text openpyxl will not write (control characters) is written
    as Excel itself stores it, escaped as _xHHHH_."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    wb.remove(wb.active)
    tokens = {}
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            out = []
            for v in row:
                if isinstance(v, str) and ILLEGAL_CHARACTERS_RE.search(v):
                    token = f"TOKEN{len(tokens)}X"
                    tokens[token] = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group()):04X}_", v)
                    v = token
                out.append(v)
            ws.append(out)
    wb.save(path)
    if tokens:
        with zipfile.ZipFile(path) as zin:
            members = {i: zin.read(i) for i in zin.infolist()}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
            for info, data in members.items():
                for token, text in tokens.items():
                    data = data.replace(token.encode(), text.encode())
                zout.writestr(info, data)
    return path


def edited_workbook(src: Path, dest: Path, sheet: str, row: int, column: str, value) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1, value=value)
    wb.save(dest)
    return dest


# --- family: kill -9 during writes -----------------------------------------------------------------

WRITER = r"""
import sys, time
from govboard.store import TrustFile, Insert
from govboard.domain import model as m
from govboard.demo import build_demo_trust
from datetime import date
path, mode = sys.argv[1], sys.argv[2]
regs = build_demo_trust(date(2026, 11, 22))
print("ready", flush=True)
n = 0
while True:
    n += 1
    tf = TrustFile.open(path)
    if mode == "replace":
        tf.replace_registers(regs, description=f"loop {n}")
    else:
        tf.apply([Insert(m.Person(f"X{n}-{i}", "Kill", "Test" * 20)) for i in range(300)], f"save {n}")
    tf.close()
"""


def family_kill(s: Scratch, tally: Tally, runs: int, rng: random.Random) -> None:
    for i in range(runs):
        folder = s.folder()
        trust = s.copy_demo(folder)
        mode = ("replace", "save", "cli")[i % 3]
        if mode == "cli":
            proc = subprocess.Popen([*CLI, "import", trust, s.workbook, "--replace"], env=ENV,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.6, 2.5))
        else:
            proc = subprocess.Popen([sys.executable, "-c", WRITER, str(trust), mode], env=ENV,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            proc.stdout.readline()
            time.sleep(rng.uniform(0.05, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        hot = Path(f"{trust}-journal").exists()
        check = cli("check", trust, "--fail-on", "never")
        if check.returncode != 0:
            tally.add("kill", "unusable" if not crashed(check) else "crashed",
                      f"{mode}, hot journal {hot}: {check.stderr.strip()[-160:]}")
            continue
        copy = folder / "copy.govboard"
        backup = cli("backup", trust, copy)
        if backup.returncode != 0 or cli("check", copy, "--fail-on", "never").returncode != 0:
            tally.add("kill", "unusable", f"{mode}: backup {backup.stderr.strip()[-160:]}")
            continue
        tally.add("kill", "ok")


# --- family: two writers ---------------------------------------------------------------------------

HOLDER = r"""
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
time.sleep(float(sys.argv[2]))
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[3]))
conn.execute("ROLLBACK")
"""


def family_writers(s: Scratch, tally: Tally, rng: random.Random) -> None:
    from openpyxl import load_workbook

    # a. two merge imports of the demo workbook, each changing a different column of one person
    src = load_workbook(s.workbook)
    ws = src["People"]
    header = [c.value for c in ws[1]]
    for i in range(4):
        folder = s.folder()
        trust = s.copy_demo(folder)
        books = []
        for which, (column, value) in enumerate((("Email", f"changed{i}@example.org"),
                                                  ("Middle names", f"Changed{i}"))):
            book = folder / f"book{which}.xlsx"
            edited_workbook(s.workbook, book, "People", 2, column, value)
            books.append((book, column, value))
        procs = [subprocess.Popen([*CLI, "import", trust, b], env=ENV, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for b, _, _ in books]
        outs = [p.communicate(timeout=120) for p in procs]
        codes = [p.returncode for p in procs]
        if any("Traceback" in err or "sqlite3." in err for _, err in outs):
            tally.add("writers", "crashed", f"two imports: {[e.strip()[-120:] for _, e in outs]}")
            continue
        pid = ws.cell(row=2, column=header.index("Person ID") + 1).value
        conn = sqlite3.connect(trust)
        row = conn.execute("SELECT email, middle_names FROM people WHERE id = ?", [pid]).fetchone()
        conn.close()
        landed = [row[0] == books[0][2], row[1] == books[1][2]]
        imported = [c == 0 and "Imported." in o for c, (o, _) in zip(codes, outs)]
        refused = [c == 2 and "in use" in e for c, (_, e) in zip(codes, outs)]
        # Started together, one must win and the other be refused, saying who holds the file:
        # two full-workbook upserts in turn would each overwrite the other's rows without a word.
        if imported.count(True) == 1 and refused.count(True) == 1 and imported == landed:
            tally.add("writers", "refused")
        else:
            said = [(c, (o.strip().splitlines() or [""])[-1][-60:], e.strip()[-100:]) for c, (o, e) in zip(codes, outs)]
            tally.add("writers", "wrong", f"two imports: said imported {imported}, landed {landed}: {said}")

    # b. another program locks the file while an import reads its workbook
    for i, (delay, hold) in enumerate(((0.8, 5.0), (1.5, 5.0), (0.3, 8.0))):
        folder = s.folder()
        trust = s.copy_demo(folder)
        before = digest(trust)
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(trust), str(delay), str(hold)],
                                  env=ENV, stdout=subprocess.PIPE, text=True)
        proc = cli("import", trust, s.workbook, timeout=60)
        holder.wait()
        if crashed(proc):
            tally.add("writers", "crashed", f"external lock {i}: {proc.stderr.strip()[-160:]}")
        elif proc.returncode == 0 or (one_line_refusal(proc) and digest(trust) == before):
            tally.add("writers", "ok" if proc.returncode == 0 else "refused")
        else:
            tally.add("writers", "wrong", f"external lock {i}: {proc.returncode} {proc.stderr.strip()[-160:]}")

    # c. --replace refused by a lock: its backup must not be left behind
    for delay in (0.8, 1.5):
        folder = s.folder()
        trust = s.copy_demo(folder)
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(trust), str(delay), "6"],
                                  env=ENV, stdout=subprocess.PIPE, text=True)
        proc = cli("import", trust, s.workbook, "--replace", timeout=60)
        holder.wait()
        leftovers = [p.name for p in folder.iterdir() if "before-replace" in p.name]
        if crashed(proc):
            tally.add("writers", "crashed", f"replace under lock: {proc.stderr.strip()[-160:]}")
        elif proc.returncode != 0 and leftovers:
            tally.add("writers", "wrong", f"replace refused but left {leftovers}")
        else:
            tally.add("writers", "ok" if proc.returncode == 0 else "refused")

    # d. a second govboard opening the file for writing while one holds it (as the app does)
    second_writer = ("import sys\nfrom govboard.store import TrustFile, TrustFileError\n"
                     "try:\n    tf = TrustFile.open(sys.argv[1])\nexcept TrustFileError as exc:\n"
                     "    print('refused', exc)\nelse:\n    print('opened', tf.read_only)\n")
    for i in range(2):
        folder = s.folder()
        trust = s.copy_demo(folder)
        from govboard.store import TrustFile

        first = TrustFile.open(trust)
        try:
            if i == 0:
                proc = subprocess.run([sys.executable, "-c", second_writer, str(trust)], capture_output=True,
                                      text=True, env=ENV, timeout=60)
                out = proc.stdout.strip()
                if "Traceback" in proc.stderr:
                    tally.add("writers", "crashed", proc.stderr.strip()[-160:])
                else:
                    tally.add("writers", "refused" if out.startswith("refused") and "in use" in out else "wrong",
                              f"a second govboard opened the file for writing: {out}")
            else:  # the command line while the app holds it
                book = edited_workbook(s.workbook, folder / "edit.xlsx", "People", 2, "Email", "x@example.org")
                proc = cli("import", trust, book)
                if crashed(proc):
                    tally.add("writers", "crashed", proc.stderr.strip()[-160:])
                else:
                    tally.add("writers", "refused" if proc.returncode == 2 and "in use" in proc.stderr else "wrong",
                              f"CLI import while the app holds the file: {proc.returncode} "
                              f"{proc.stderr.strip()[-120:]}")
        finally:
            first.close()


# --- family: hostile values -------------------------------------------------------------------------

PERSON = [["Person ID", "Forename", "Surname"], ["P1", "Jane", "Smith"]]


def value_cases() -> list[tuple[str, dict]]:
    def trust(setting, value):
        return {"Trust": [["Setting", "Value"], ["Name", "Probe"], [setting, value]], "People": PERSON}

    def people(col, value):
        base = {"Person ID": "P1", "Forename": "Jane", "Surname": "Smith"}
        base[col] = value
        return {"People": [list(base), list(base.values())]}

    def payment(value):
        return {"Payments": [["Payment ID", "Date", "Supplier", "Amount"], ["X1", "01/09/2025", "Acme", value]]}

    def award(value):
        return {"Pay awards": [["Academic year", "Teachers award percent"], ["2025/26", value]]}

    def meeting(value):
        return {"Meetings": [["Meeting ID", "Body", "Date"], ["M1", "Board", value]]}

    return [
        ("term years 1e20", trust("Term of office years", 1e20)),
        ("term years text 1e20", trust("Term of office years", "100000000000000000000")),
        ("warning days 1e300", trust("Term warning days", 1e300)),
        ("filing days 10^12", trust("Filing deadline days", 10**12)),
        ("absence months 10^9", trust("Absence window months", 10**9)),
        ("term years 0", trust("Term of office years", 0)),
        ("income 1E999", trust("Last audited income", "1E999")),
        ("income 10^20 pence", trust("Last audited income", 10**18)),
        ("threshold 30 digits", trust("RPT approval threshold", "1" * 30)),
        ("cap 1e-300", trust("Employee trustee cap", "1e-300")),
        ("payment 1e20", payment(1e20)),
        ("payment 1E999 text", payment("1E999")),
        ("payment 30 digits", payment("9" * 30)),
        ("payment 10^20", payment(10**20)),
        ("payment -10^15", payment(-(10**15))),
        ("award 1e300", award(1e300)),
        ("award 1E999", award("1E999")),
        ("award -500", award(-500)),
        ("meeting year 0001", meeting("01/01/0001")),
        ("meeting year 9999", meeting("31/12/9999")),
        ("surname 1500 chars", people("Surname", "S" * 1500)),
        ("forename tab", people("Forename", "Ja\tne")),
        ("surname U+FFFF", people("Surname", "Smi\uffffth")),
        ("surname U+FDD0", people("Surname", "Smi\ufdd0th")),
        ("person ID 300 chars", people("Person ID", "P" * 300)),
        ("email 5000 chars", people("Email", "a" * 5000 + "@x.org")),
    ]


def run_import(trust: Path, book: Path, *extra) -> subprocess.CompletedProcess:
    return cli("import", trust, book, *extra)


def family_values(s: Scratch, tally: Tally, rng: random.Random) -> None:
    for name, sheets in value_cases():
        folder = s.folder()
        trust = s.empty(folder)
        before = digest(trust)
        book = small_workbook(folder / "book.xlsx", sheets)
        dry = run_import(trust, book, "--dry-run")
        if crashed(dry):
            tally.add("values", "crashed", f"{name}: dry run: {dry.stderr.strip()[-160:]}")
            continue
        real = run_import(trust, book)
        if crashed(real):
            tally.add("values", "crashed", f"{name}: import: {real.stderr.strip()[-160:]}")
            continue
        if dry.returncode != real.returncode:
            tally.add("values", "wrong", f"{name}: dry run {dry.returncode}, import {real.returncode}")
            continue
        if real.returncode == 2:
            clean = one_line_refusal(real) and digest(trust) == before
            tally.add("values", "refused" if clean else "wrong", f"{name}: refusal not clean")
            continue
        # Accepted: everything after must still work, and it should not have been accepted.
        later = [cli("check", trust, "--fail-on", "never"), cli("pack", trust, folder / "p.pdf"),
                 cli("export", trust, folder / "out.xlsx")]
        bad = [p for p in later if p.returncode != 0]
        if bad:
            tally.add("values", "crashed", f"{name}: accepted, then {bad[0].stderr.strip()[-160:]}")
        else:
            tally.add("values", "wrong", f"{name}: accepted")
    # bit-flipped workbooks
    data = s.workbook.read_bytes()
    for i in range(12):
        folder = s.folder()
        trust = s.copy_demo(folder)
        before = digest(trust)
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(200, len(flipped) - 200)
            flipped[pos] ^= 1 << rng.randrange(8)
        book = folder / "flipped.xlsx"
        book.write_bytes(bytes(flipped))
        proc = run_import(trust, book, "--dry-run")
        if crashed(proc):
            tally.add("values", "crashed", f"bit flip {i}: {proc.stderr.strip()[-160:]}")
        elif proc.returncode == 0 or (one_line_refusal(proc) and digest(trust) == before):
            tally.add("values", "ok" if proc.returncode == 0 else "refused")
        else:
            tally.add("values", "refused" if digest(trust) == before else "wrong",
                      f"bit flip {i}: {proc.stderr.strip()[-160:]}")


# --- family: paper paths ---------------------------------------------------------------------------


def family_paths(s: Scratch, tally: Tally, rng: random.Random) -> None:
    from reportlab.pdfgen import canvas

    secret_dir = s.root / "secret"
    secret_dir.mkdir(exist_ok=True)
    secret = secret_dir / "secret.pdf"
    c = canvas.Canvas(str(secret))
    c.drawString(72, 720, "secret")
    c.save()
    cases = []
    for depth in range(1, 3):
        folder = s.folder()
        sub = folder
        for d in range(depth):
            sub = sub / f"d{d}"
        sub.mkdir(parents=True)
        rel = os.path.relpath(secret, sub)
        cases.append((f"../ escape depth {depth}", sub, rel))
    folder = s.folder()
    cases.append(("absolute path", folder, str(secret)))
    folder = s.folder()
    (folder / "link.pdf").symlink_to(secret)
    cases.append(("symlink out", folder, "link.pdf"))
    folder = s.folder()
    (folder / "fake.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf at all\n")
    cases.append(("fake PDF", folder, "fake.pdf"))
    folder = s.folder()
    big = folder / "big.pdf"
    with big.open("wb") as fh:
        fh.write(secret.read_bytes())
        fh.truncate(60 * 1024 * 1024)
    cases.append(("60 MB PDF", folder, "big.pdf"))
    for name, where, paper in cases:
        trust = s.empty(where)
        book = small_workbook(where / "book.xlsx", {
            "Meetings": [["Meeting ID", "Body", "Date"], ["M1", "Board", "01/09/2025"]],
            "Agenda": [["Meeting ID", "Item", "Title", "Paper"], ["M1", "1", "Secret", paper]],
        })
        proc = run_import(trust, book)
        if crashed(proc):
            tally.add("paths", "crashed", f"{name}: {proc.stderr.strip()[-160:]}")
        elif proc.returncode == 0:
            tally.add("paths", "wrong", f"{name}: the paper was read into the trust file")
        else:
            tally.add("paths", "refused")


# --- family: damaged trust files -------------------------------------------------------------------


def damage_cases(s: Scratch, rng: random.Random) -> list[tuple[str, Path]]:
    out = []

    def sql(name, *statements):
        folder = s.folder()
        trust = s.copy_demo(folder)
        conn = sqlite3.connect(trust)
        for st in statements:
            conn.execute(st)
        conn.commit()
        conn.close()
        out.append((name, trust))

    sql("missing table meetings", "PRAGMA foreign_keys=OFF", "DROP TABLE attendance", "DROP TABLE agenda_items",
        "DROP TABLE meetings")
    sql("missing table people", "PRAGMA foreign_keys=OFF", "DROP TABLE people")
    sql("stored date 31/02/2026", "UPDATE roles SET start = '31/02/2026' WHERE id = (SELECT min(id) FROM roles)")
    sql("stored date garbage", "UPDATE meetings SET date = 'soon' WHERE rowid = 1")
    sql("unknown role", "UPDATE roles SET role = 'Wizard' WHERE id = (SELECT min(id) FROM roles)")
    sql("unknown setting value", "INSERT OR REPLACE INTO settings (key, value) VALUES ('Term of office years', 'x')")
    sql("huge setting value", "INSERT OR REPLACE INTO settings (key, value) VALUES ('Term of office years', '"
        + "9" * 25 + "')")
    sql("money 10^18 pence", "UPDATE payments SET amount = 1000000000000000000 WHERE rowid = 1")
    sql("surname 3000 chars", "UPDATE people SET surname = printf('%.3000c', 'S') WHERE rowid = 1")
    sql("unknown meeting status", "UPDATE meetings SET status = 'Postponed' WHERE rowid = 1")
    data = s.demo.read_bytes()
    for i in range(10):
        folder = s.folder()
        trust = folder / "trust.govboard"
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randrange(100, len(flipped))
            flipped[pos] ^= 1 << rng.randrange(8)
        trust.write_bytes(bytes(flipped))
        out.append((f"bit flip {i}", trust))
    for frac in (0.3, 0.7):
        folder = s.folder()
        trust = folder / "trust.govboard"
        trust.write_bytes(data[: int(len(data) * frac)])
        out.append((f"truncated to {frac:.0%}", trust))
    return out


def family_damaged(s: Scratch, tally: Tally, rng: random.Random) -> None:
    for name, trust in damage_cases(s, rng):
        folder = trust.parent
        before = digest(trust)
        for command in (["check", trust, "--fail-on", "never"], ["backup", trust, folder / "copy.govboard"],
                        ["pack", trust, folder / "pack.pdf"], ["export", trust, folder / "x.xlsx"],
                        ["import", trust, s.workbook, "--dry-run"]):
            proc = cli(*command)
            label = f"{name}: {command[0]}"
            if crashed(proc):
                tally.add("damaged", "crashed", f"{label}: {proc.stderr.strip()[-160:]}")
            elif proc.returncode in (0, 1):
                tally.add("damaged", "ok")
            elif one_line_refusal(proc) and digest(trust) == before:
                tally.add("damaged", "refused")
            else:
                tally.add("damaged", "wrong", f"{label}: {proc.stderr.strip()[-160:]}")
    # imports into a file in a read-only folder
    gias = s.root / "gias.csv"
    gias.write_text("GID,URN,UID,Companies House Number,Role,Title,Forename 1,Forename 2,Surname,"
                    "Date of appointment,Date term of office ends/ended,Appointing body\r\n"
                    "1,,17001,01234567,Trustee,Mrs,Jane,,Smith,01/09/2024,31/08/2028,Appointed by academy members\r\n",
                    encoding="cp1252")
    ch = s.root / "ch.json"
    ch.write_text(json.dumps({"items": [{"name": "SMITH, Jane", "officer_role": "director",
                                         "appointed_on": "2024-09-01"}], "total_results": 1}))
    for command in (["import-gias", gias], ["import-ch", ch], ["import", None]):
        folder = s.folder()
        trust = s.copy_demo(folder)
        if command[1] is None:  # a workbook that changes something, so the import must write
            command = ["import", edited_workbook(s.workbook, s.root / f"ro{s.n}.xlsx", "People", 2, "Email",
                                                 "ro@example.org")]
        before = digest(trust)
        with read_only_folder(folder):
            proc = cli(command[0], trust, *command[1:])
        if crashed(proc):
            tally.add("damaged", "crashed", f"read-only folder {command[0]}: {proc.stderr.strip()[-160:]}")
        elif one_line_refusal(proc) and digest(trust) == before:
            tally.add("damaged", "refused")
        else:
            tally.add("damaged", "wrong", f"read-only folder {command[0]}: {proc.returncode} {proc.stderr[-120:]}")


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """No new files in `folder` while inside: chmod for a normal user; root ignores modes, so
    for root the folder is made immutable (chattr +i), which refuses new entries just the same."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
        try:
            yield
        finally:
            os.chmod(folder, stat.S_IRWXU)


# --- family: fuzzed workbooks ----------------------------------------------------------------------

HOSTILE = [None, "", " ", "1e20", 1e20, 1e300, "1E999", 10**20, "9" * 30, -1, 0, "31/02/2026", "01/01/0001",
           "x" * 2000, "\x00", "\x1b[31m", "\uffff", "\ufffe", "\ud800", "=1+1", "NaN", "inf", True,
           date(1900, 1, 1), date(9999, 12, 31), "P001", "p001", "../../etc/passwd", "Yes", "Maybe",
           3.14159, "£-5", "2.8%", "1/0", "Wizard", "2024/25", "2024/2026", "Board", "Members"]


def mutate_workbook(src: Path, dest: Path, rng: random.Random) -> str:
    from openpyxl import load_workbook

    if rng.random() < 0.25:  # damage the file itself
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
            data[start:start + rng.randint(1, 400)] = bytes(min(400, len(data) - start))
        dest.write_bytes(bytes(data))
        return f"bytes {how}"
    wb = load_workbook(src)
    notes = []
    for _ in range(rng.randint(1, 4)):
        ws = rng.choice([w for w in wb.worksheets if not w.title.startswith("_")])
        if ws.max_row < 1:
            continue
        row = rng.randint(1 if rng.random() < 0.1 else 2, max(2, ws.max_row))
        col = rng.randint(1, max(1, ws.max_column))
        value = rng.choice(HOSTILE)
        try:
            ws.cell(row=row, column=col, value=value)
        except Exception:  # openpyxl refuses control characters itself  # noqa: BLE001
            continue
        notes.append(f"{ws.title}!{row},{col}={value!r:.30}")
    try:
        wb.save(dest)
    except Exception as exc:  # openpyxl refuses some values itself
        shutil.copyfile(src, dest)
        notes.append(f"unsaved {type(exc).__name__}")
    return "; ".join(notes)


def family_fuzz(s: Scratch, tally: Tally, rng: random.Random, count: int) -> None:
    for i in range(count):
        folder = s.folder()
        trust = s.empty(folder)
        before = digest(trust)
        book = folder / "fuzz.xlsx"
        what = mutate_workbook(s.workbook, book, rng)
        proc = run_import(trust, book)
        if crashed(proc):
            tally.add("fuzz", "crashed", f"{i} {what}: {proc.stderr.strip()[-200:]}")
            continue
        if proc.returncode == 2:
            clean = one_line_refusal(proc) or (proc.stderr.strip().splitlines()[-1].startswith("govboard-cli:"))
            tally.add("fuzz", "refused" if clean and digest(trust) == before else "wrong",
                      f"{i} {what}: refused but file changed")
            continue
        out1, out2 = folder / "a.xlsx", folder / "b.xlsx"
        second = folder / "again.govboard"
        steps = [cli("export", trust, out1), cli("check", trust, "--fail-on", "never")]
        if all(p.returncode == 0 for p in steps):
            steps.append(cli("new", second, "--name", "x"))
            steps.append(run_import(second, out1, "--replace"))
            steps.append(cli("export", second, out2))
        bad = [p for p in steps if p.returncode != 0]
        if bad:
            tally.add("fuzz", "crashed" if crashed(bad[0]) else "wrong",
                      f"{i} {what}: accepted, then {bad[0].stderr.strip()[-200:]}")
            continue
        if _sheet_values(out1) != _sheet_values(out2):
            tally.add("fuzz", "wrong", f"{i} {what}: re-export differs")
            continue
        tally.add("fuzz", "ok")


def _sheet_values(path: Path) -> dict:
    """Every sheet's values. Paper paths lead with the workbook's own papers folder ("a papers/"
    beside a.xlsx), so that part is left out: two exports of the same trust compare equal."""
    from openpyxl import load_workbook

    own = f"{path.stem} papers/"

    def plain(value):
        return value[len(own):] if isinstance(value, str) and value.startswith(own) else value

    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(plain(v) for v in r) for r in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets if not ws.title.startswith("_")}
    finally:
        wb.close()


# --- family: smaller ------------------------------------------------------------------------------


def family_small(s: Scratch, tally: Tally, rng: random.Random) -> None:
    # --replace with a sheet missing: the summary must say it empties that register
    folder = s.folder()
    trust = s.copy_demo(folder)
    book = small_workbook(folder / "people.xlsx", {"People": [["Person ID", "Forename", "Surname"],
                                                              ["P1", "Jane", "Smith"]]})
    proc = run_import(trust, book, "--replace", "--dry-run")
    said = "emptied" in proc.stdout.lower() or "empties" in proc.stdout.lower() or "removed" in proc.stdout.lower()
    tally.add("small", "ok" if said else "wrong", "--replace summary does not say it empties other registers")
    # the log file's mode
    folder = s.folder()
    env = {**ENV, "GOVBOARD_LOG_DIR": str(folder), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", "from govboard.ui.app import setup_logging; setup_logging()"],
                   env=env, capture_output=True, timeout=60)
    log = folder / "govboard.log"
    mode = stat.S_IMODE(log.stat().st_mode) if log.exists() else None
    tally.add("small", "ok" if mode is not None and mode & 0o077 == 0 else "wrong", f"log file mode {mode and oct(mode)}")
    # read-only commands on a WAL file leave no -wal/-shm
    folder = s.folder()
    trust = s.copy_demo(folder)
    conn = sqlite3.connect(trust)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    for command in (["check", trust, "--fail-on", "never"], ["export", trust, folder / "x.xlsx"]):
        cli(*command)
        side = [p.name for p in folder.iterdir() if p.name.endswith(("-wal", "-shm"))]
        tally.add("small", "wrong" if side else "ok", f"{command[0]} left {side}")
        for p in folder.iterdir():
            if p.name.endswith(("-wal", "-shm")):
                p.unlink()
    # --dry-run leaves the bytes alone
    folder = s.folder()
    trust = s.copy_demo(folder)
    before = digest(trust)
    cli("import", trust, s.workbook, "--dry-run")
    tally.add("small", "ok" if digest(trust) == before else "wrong", "--dry-run changed the file's bytes")
    folder = s.folder()
    trust = s.copy_demo(folder)
    conn = sqlite3.connect(trust)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    before = digest(trust)
    cli("import", trust, s.workbook, "--dry-run")
    tally.add("small", "ok" if digest(trust) == before else "wrong", "--dry-run rewrote a WAL file's header")
    # IDs differing only in case
    folder = s.folder()
    trust = s.empty(folder)
    book = small_workbook(folder / "case.xlsx", {"People": [["Person ID", "Forename", "Surname"],
                                                            ["P001", "Jane", "Smith"], ["p001", "Tom", "Jones"]]})
    proc = run_import(trust, book)
    conn = sqlite3.connect(trust)
    n = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    conn.close()
    tally.add("small", "wrong" if n == 2 else ("crashed" if crashed(proc) else "refused"),
              "P001 and p001 stored as two people")
    # ...and across imports
    folder = s.folder()
    trust = s.empty(folder)
    run_import(trust, small_workbook(folder / "a.xlsx", {"People": [["Person ID", "Forename", "Surname"],
                                                                    ["P001", "Jane", "Smith"]]}))
    proc = run_import(trust, small_workbook(folder / "b.xlsx", {"People": [["Person ID", "Forename", "Surname"],
                                                                           ["p001", "Tom", "Jones"]]}))
    conn = sqlite3.connect(trust)
    n = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    conn.close()
    tally.add("small", "wrong" if n == 2 else ("crashed" if crashed(proc) else "refused"),
              "p001 added beside P001 by a second import")


FAMILIES = ("kill", "writers", "values", "paths", "damaged", "fuzz", "small")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probe_robust", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(FAMILIES))
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--fuzz", type=int, default=60)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each bad run")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    root = Path(tempfile.mkdtemp(prefix="govboard-probe-"))
    tally = Tally()
    try:
        s = Scratch(root)
        for family in args.only.split(","):
            started = time.monotonic()
            if family == "kill":
                family_kill(s, tally, args.kills, rng)
            elif family == "fuzz":
                family_fuzz(s, tally, rng, args.fuzz)
            else:
                globals()[f"family_{family}"](s, tally, rng)
            print(f"{family}: {time.monotonic() - started:.0f} s", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print(f"kept {root}", file=sys.stderr)
    print(tally.table())
    if args.verbose:
        for family, notes in tally.notes.items():
            for note in notes:
                print(f"  {family}: {note}")
    if args.json:
        args.json.write_text(json.dumps({f: dict(c) for f, c in tally.counts.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
