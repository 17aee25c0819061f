"""GIAS rows: reading a national governance extract and keeping one trust's rows."""

from __future__ import annotations

import csv
import io
import random
import time
from pathlib import Path

from bench.runner import Context, row

NATIONAL_ROWS = 50_000
HEADER = ["GID", "URN", "UID", "Companies House Number", "Role", "Title", "Forename 1", "Forename 2", "Surname",
          "Date of appointment", "Date term of office ends/ended", "Appointing body"]
TRUST_ROLES = [("Member", "Original (signatory) members"), ("Trustee", "Appointed by academy members"),
               ("Trustee", "Appointed by trustees"), ("Chair of Trustees", "Appointed by GB/board"),
               ("Accounting Officer", "N/A"), ("Chief Financial Officer", "N/A"),
               ("Governance Professional - Multi-Academy Trust (MAT)", "N/A"),
               ("Shared Local Governor - Group", "Appointed by GB/board")]
ACADEMY_ROLES = [("Local Governor", "Elected by parents"), ("Local Governor", "Appointed by GB/board"),
                 ("Chair of Local Governing Body", "Appointed by GB/board"),
                 ("Shared Local Governor - Establishment", "Appointed by trustees")]
FORENAMES = ["Zoë", "Siobhán", "Tomás", "Renée", "Ann", "David", "Priya", "Kwame", "Olu", "Margaret"]
SURNAMES = ["Ó Briain", "Smith", "Ibáñez", "Dubois", "Patel", "Jones", "O'Neill", "Nair", "Asante", "Holloway"]
PICKED_UID = "17001"


def write_national_extract(path: Path, rows: int = NATIONAL_ROWS, seed: int = 11) -> Path:
    """A governancematdata-style national extract as DfE publishes it: Windows-1252, CRLF, quoted
    text, trust-level rows of ~2,500 trusts and academy-level rows of their academies."""
    rnd = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(HEADER)
    gid = 100000
    trust = 0
    written = 0
    while written < rows:
        uid, company = str(17001 + trust), f"{8000000 + trust:08d}"
        trust += 1
        for _ in range(rnd.randint(8, 14)):
            role, body = rnd.choice(TRUST_ROLES)
            gid += 1
            writer.writerow([str(gid), "", uid, company, role, rnd.choice(["Mr", "Mrs", "Ms", "Dr"]),
                             rnd.choice(FORENAMES), "", rnd.choice(SURNAMES),
                             f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{rnd.randint(2015, 2026)}",
                             "" if rnd.random() < 0.6 else f"31/08/{rnd.randint(2024, 2030)}", body])
            written += 1
        for academy in range(rnd.randint(1, 4)):
            urn = str(140000 + trust * 5 + academy)
            for _ in range(rnd.randint(3, 6)):
                role, body = rnd.choice(ACADEMY_ROLES)
                gid += 1
                writer.writerow([str(gid), urn, "", "", role, rnd.choice(["Mr", "Mrs", "Ms"]),
                                 rnd.choice(FORENAMES), "", rnd.choice(SURNAMES),
                                 f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/{rnd.randint(2018, 2026)}",
                                 "", body])
                written += 1
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


@row("gias_national", target=3.0,
     description="read a national GIAS extract of 50,000 rows and keep one trust's, vs Python's csv "
                 "module reading the same file")
def gias_national(ctx: Context):
    path = ctx.workdir / "governancematdata20261115.csv"
    if not path.exists():
        write_national_extract(path)
    work = ctx.run_function("bench.rows_gias:keep_one_trust", path=str(path))
    base = ctx.run_function("bench.rows_gias:csv_read", path=str(path))
    return work, base, {"rows": NATIONAL_ROWS}


def keep_one_trust(path: str) -> float:
    """Worker side: what `import-gias` does before storing (read, pick the trust's rows)."""
    from govboard.domain.model import TrustSettings
    from govboard.domain.snapshot import TrustSnapshot
    from govboard.services import trust as svc

    current = TrustSnapshot(settings=TrustSettings(gias_group_uid=PICKED_UID))
    started = time.perf_counter()
    gias = svc.read_gias_files([path])
    svc.scope_gias(current, gias)
    seconds = time.perf_counter() - started
    assert gias.records and all(r.uid == PICKED_UID for r in gias.records), "the trust's rows were not kept"
    assert sum(r.this_trust + r.other_trusts for r in gias.summary()) == gias.rows_read
    return seconds


def csv_read(path: str) -> float:
    """Baseline: Python's csv module reading every row of the same file."""
    started = time.perf_counter()
    with open(path, encoding="cp1252", newline="") as f:
        rows = list(csv.reader(f))
    seconds = time.perf_counter() - started
    assert len(rows) > 1
    return seconds
