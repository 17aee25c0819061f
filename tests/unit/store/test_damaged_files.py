"""Issue 16 item 6: a damaged trust file is refused with one line (what is wrong, that nothing
was changed, that backup copies can be opened instead), by every command; never a traceback.
`backup` of a damaged file copies the bytes it can read and says so; imports into a file in a
read-only folder are refused plainly."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from govboard.cli import main
from govboard.services.trust import create_demo
from govboard.store import TrustFile
from govboard.store.trustfile import DamagedFileError

from .crash import read_only_folder

AS_OF = "2026-11-22"


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "hillside.govboard"
    create_demo(path).close()
    book = folder / "hillside.xlsx"
    assert CliRunner().invoke(main, ["export", str(path), str(book)]).exit_code == 0
    return path


@pytest.fixture
def demo(demo_master, tmp_path):
    path = tmp_path / "hillside.govboard"
    shutil.copyfile(demo_master, path)
    return path


def _sql(path, *statements):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _bad_text(path):
    """Overwrite one stored name's bytes in place with bytes that are not UTF-8."""
    data = bytearray(path.read_bytes())
    at = data.find(b"Hillside Learning Trust")
    assert at > 0
    data[at:at + 4] = b"\xff\xfe\xff\xfe"
    path.write_bytes(bytes(data))


def _wreck_pages(path):
    """Zero the middle of the file: b-tree pages SQLite will find malformed."""
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(3, len(data) // page - 1, 2):
        data[n * page + 8:n * page + 64] = bytes(56)
    path.write_bytes(bytes(data))


DAMAGE = {
    "missing table": (lambda p: _sql(p, "PRAGMA foreign_keys=OFF", "DROP TABLE attendance",
                                     "DROP TABLE meetings"), "no such table"),
    "impossible date": (lambda p: _sql(p, "UPDATE roles SET start = '31/02/2026' WHERE id = (SELECT min(id) "
                                          "FROM roles)"), "31/02/2026"),
    "unknown role": (lambda p: _sql(p, "UPDATE roles SET role = 'Wizard' WHERE id = (SELECT min(id) "
                                       "FROM roles)"), "Wizard"),
    "unreadable setting": (lambda p: _sql(p, "INSERT OR REPLACE INTO settings (key, value) "
                                             "VALUES ('Term of office years', 'four')"), "four"),
    "bytes that are not text": (_bad_text, "Could not decode to UTF-8"),
    "wrecked pages": (_wreck_pages, "damaged"),
}

COMMANDS = [
    ("check", lambda p, t: ["check", p, "--as-of", AS_OF]),
    ("pack", lambda p, t: ["pack", p, t / "pack.pdf", "--as-of", AS_OF]),
    ("register", lambda p, t: ["register", p, t / "register.html", "--as-of", AS_OF]),
    ("export", lambda p, t: ["export", p, t / "out.xlsx"]),
    ("import", lambda p, t: ["import", p, p.parent.parent / "demo0" / "hillside.xlsx"]),
    ("import --dry-run", lambda p, t: ["import", p, p.parent.parent / "demo0" / "hillside.xlsx", "--dry-run"]),
]


@pytest.mark.parametrize("damage", sorted(DAMAGE))
@pytest.mark.parametrize("command", [c[0] for c in COMMANDS])
def test_every_command_refuses_a_damaged_file_in_one_line(demo, demo_master, tmp_path, damage, command):
    make, words = DAMAGE[damage]
    make(demo)
    before = demo.read_bytes()
    args = dict(COMMANDS)[command](demo, tmp_path)
    if command.startswith("import"):
        args[2] = demo_master.with_name("hillside.xlsx")
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    (line,) = result.stderr.splitlines()
    assert line.startswith("govboard-cli: hillside.govboard is damaged")
    assert words in line and "nothing was changed" in line and "govboard-cli backup" in line
    assert demo.read_bytes() == before
    assert not (tmp_path / "pack.pdf").exists() and not (tmp_path / "out.xlsx").exists()


def test_the_store_says_which_register_is_damaged(demo):
    DAMAGE["unknown role"][0](demo)
    with TrustFile.open(demo, read_only=True) as tf, pytest.raises(DamagedFileError) as info:
        tf.load_snapshot()
    assert "the roles register holds a value govboard cannot read: 'Wizard' is not a valid Role" in str(info.value)


def test_backup_of_a_damaged_file_copies_its_bytes_and_says_so(demo, tmp_path):
    _wreck_pages(demo)
    copy = tmp_path / "copy.govboard"
    result = CliRunner().invoke(main, ["backup", str(demo), str(copy)])
    assert result.exit_code == 0, result.stderr
    (warning,) = result.stderr.splitlines()
    assert warning.startswith("govboard-cli: warning: hillside.govboard is damaged")
    assert "bytes were copied as they are to copy.govboard" in warning and "damaged too" in warning
    assert copy.read_bytes() == demo.read_bytes()
    assert f"Backed up to {copy}" in result.stdout


def test_backup_of_a_file_with_damaged_text_is_a_faithful_copy(demo, tmp_path):
    _bad_text(demo)  # SQLite's own pages are sound: the backup API copies them as they are
    copy = tmp_path / "copy.govboard"
    result = CliRunner().invoke(main, ["backup", str(demo), str(copy)])
    assert result.exit_code == 0 and result.stderr == ""
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


@pytest.fixture
def extracts(tmp_path):
    gias = tmp_path / "governancematdata20261101.csv"
    gias.write_text(
        "GID,URN,UID,Companies House Number,Role,Title,Forename 1,Forename 2,Surname,Date of appointment,"
        "Date term of office ends/ended,Appointing body\r\n"
        "1,,17001,01234567,Trustee,Mrs,Jane,,Smith,01/09/2024,31/08/2028,Appointed by academy members\r\n",
        encoding="cp1252")
    ch = tmp_path / "officers.json"
    ch.write_text(json.dumps({"items": [{"name": "SMITH, Jane", "officer_role": "director",
                                         "appointed_on": "2024-09-01"}], "total_results": 1}))
    return {"import-gias": gias, "import-ch": ch}


@pytest.mark.parametrize("command", ["import-gias", "import-ch"])
def test_imports_into_a_file_in_a_read_only_folder_are_refused(demo, extracts, command):
    before = demo.read_bytes()
    with read_only_folder(demo.parent):
        result = CliRunner().invoke(main, [command, str(demo), str(extracts[command])])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert "read-only" in line and "nothing was changed" in line
    assert demo.read_bytes() == before
