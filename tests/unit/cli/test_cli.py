"""govboard-cli (formats.md section 4): exit codes 0/1/2, one-line reasons, nothing written on error.

Commands that need modules other parts of the project provide (rules, io, reports, demo) skip
while those modules are missing and run as soon as they land.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from govboard import __version__
from govboard.cli import main
from govboard.domain import model as m
from govboard.store import TrustFile

AS_OF = "2026-11-22"
CLI = Path(sys.executable).with_name("govboard-cli")
COMMANDS = ("new", "demo", "import", "export", "import-gias", "import-ch", "check", "rules", "pack",
            "register", "backup")


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def needs(*modules: str):
    missing = [mod for mod in modules if not _exists(mod)]
    return pytest.mark.skipif(bool(missing), reason=f"not written yet: {', '.join(missing)}")


needs_rules = needs("govboard.rules", "govboard.rules.output")
needs_demo = needs("govboard.demo")
needs_workbook = needs("govboard.io.workbook")


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def assert_bad_input(result, *words):
    """Exit 2 with exactly one line on stderr, starting 'govboard-cli:'."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("govboard-cli: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def digest(path: Path) -> tuple:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture
def trust_path(tmp_path):
    path = tmp_path / "trust.govboard"
    with TrustFile.create(path, name="CLI Trust") as tf:
        tf.save(m.Person("P001", "Zoë", "Ånström"), "Add Zoë")
    return path


@pytest.fixture(scope="module")
def demo_master(tmp_path_factory):
    if not _exists("govboard.demo"):
        pytest.skip("not written yet: govboard.demo")
    path = tmp_path_factory.mktemp("demo") / "hillside.govboard"
    result = run("demo", path, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def demo_book(demo_master):
    """The sample trust exported once as a workbook (read, never changed, by the import tests)."""
    if not _exists("govboard.io.workbook"):
        pytest.skip("not written yet: govboard.io.workbook")
    book = demo_master.with_name("hillside.xlsx")
    result = run("export", demo_master, book)
    assert result.exit_code == 0, result.output
    assert book.read_bytes()[:2] == b"PK"
    return book


@pytest.fixture
def demo_path(demo_master, tmp_path):
    path = tmp_path / "hillside.govboard"
    shutil.copy2(demo_master, path)
    return path


# --- help and version -------------------------------------------------------------------------


def test_every_command_of_the_spec_is_there_and_has_help():
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
    assert set(COMMANDS) <= set(main.commands)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_help_for_every_command(command):
    for flag in ("--help", "-h"):
        result = run(command, flag)
        assert result.exit_code == 0, result.output
        assert f"Usage: main {command}" in result.output or "Usage:" in result.output
        assert result.stderr == ""


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


# --- new --------------------------------------------------------------------------------------


def test_new_creates_a_trust_file(tmp_path):
    path = tmp_path / "Oak Trust.govboard"
    result = run("new", path, "--name", "  Oak Multi-Academy Trust ")
    assert result.exit_code == 0 and result.stderr == ""
    assert str(path) in result.stdout
    with TrustFile.open(path) as tf:
        assert tf.settings().name == "Oak Multi-Academy Trust"
        assert tf.is_empty()


def test_new_adds_the_suffix(tmp_path):
    result = run("new", tmp_path / "oak", "--name", "Oak")
    assert result.exit_code == 0
    assert (tmp_path / "oak.govboard").is_file() and not (tmp_path / "oak").exists()


def test_new_refuses_an_existing_file(trust_path):
    before = digest(trust_path)
    assert_bad_input(run("new", trust_path, "--name", "Again"), "already exists")
    assert digest(trust_path) == before


def test_new_refuses_an_existing_non_trust_file(tmp_path):
    path = tmp_path / "notes.govboard"
    path.write_text("keep me")
    assert_bad_input(run("new", path, "--name", "X"), "already exists")
    assert path.read_text() == "keep me"


def test_new_needs_a_name(tmp_path):
    assert_bad_input(run("new", tmp_path / "t.govboard", "--name", "   "), "name")
    assert list(tmp_path.iterdir()) == []
    result = run("new", tmp_path / "t.govboard")  # --name missing: a usage error
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args, words", [
    (("new", "t.govboard"), ("Missing option '--name'", "'govboard-cli new --help'")),
    (("check", "t.govboard", "--bogus"), ("No such option '--bogus'", "'govboard-cli check --help'")),
    (("check",), ("Missing argument 'FILE'",)),
    (("check", "t.govboard", "--fail-on", "sometimes"), ("'--fail-on'", "'sometimes'")),
    (("nosuch",), ("No such command 'nosuch'", "'govboard-cli --help'")),
])
def test_usage_errors_are_one_line_too(tmp_path, args, words):
    # formats.md: exit 2 "with a one-line reason on stderr"; click's own usage text is four lines.
    assert_bad_input(run(*[tmp_path / a if a.endswith(".govboard") else a for a in args]), *words)
    assert list(tmp_path.iterdir()) == []


def test_help_and_version_still_print_normally():
    assert run("--version").stdout.strip() == f"govboard-cli, version {__version__}"
    bare = run()  # no command: the help, as click prints it
    assert bare.output.startswith("Usage: govboard-cli") and "Commands:" in bare.output
    result = run("check", "--help")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: govboard-cli check")


def test_new_in_a_missing_folder(tmp_path):
    assert_bad_input(run("new", tmp_path / "no" / "t.govboard", "--name", "X"), "does not exist")


# --- backup -----------------------------------------------------------------------------------


def test_backup(trust_path, tmp_path):
    dest = tmp_path / "copy.govboard"
    before = digest(trust_path)
    result = run("backup", trust_path, dest)
    assert result.exit_code == 0 and str(dest) in result.stdout
    with TrustFile.open(dest) as tf:
        assert [p.id for p in tf.load(m.Person)] == ["P001"]
    assert digest(trust_path) == before


def test_backup_of_a_file_open_elsewhere(trust_path, tmp_path):
    with TrustFile.open(trust_path) as tf:
        tf.save(m.Person("P002", "Bob", "Lee"), "Add Bob")
        result = run("backup", trust_path, tmp_path / "copy.govboard")
        assert result.exit_code == 0
    with TrustFile.open(tmp_path / "copy.govboard") as copy:
        assert len(copy.load(m.Person)) == 2


def test_backup_of_a_non_trust_file(tmp_path):
    path = tmp_path / "notes.govboard"
    path.write_text("not a trust")
    dest = tmp_path / "copy.govboard"
    assert_bad_input(run("backup", path, dest), "is not a govboard trust file")
    assert not dest.exists() and path.read_text() == "not a trust"


def test_backup_errors(trust_path, tmp_path):
    assert_bad_input(run("backup", tmp_path / "absent.govboard", tmp_path / "c.govboard"), "does not exist")
    assert_bad_input(run("backup", trust_path, trust_path), "open trust file")
    assert_bad_input(run("backup", trust_path, tmp_path / "no" / "c.govboard"), "does not exist")


# --- check ------------------------------------------------------------------------------------


@needs_rules
def test_check_with_a_bad_date(trust_path):
    before = digest(trust_path)
    assert_bad_input(run("check", trust_path, "--as-of", "2026-13-01"), "--as-of", "2026-13-01", "yyyy-mm-dd")
    assert_bad_input(run("check", trust_path, "--as-of", "22/11/2026"), "--as-of")
    assert digest(trust_path) == before


@needs_rules
def test_check_of_a_missing_or_non_trust_file(tmp_path):
    assert_bad_input(run("check", tmp_path / "absent.govboard"), "does not exist")
    text = tmp_path / "notes.govboard"
    text.write_text("hello")
    assert_bad_input(run("check", text), "is not a govboard trust file")


@needs_rules
def test_check_with_an_unknown_rule(trust_path):
    assert_bad_input(run("check", trust_path, "--rule", "NOPE-99", "--as-of", AS_OF), "NOPE-99")


@needs_rules
def test_check_does_not_write(demo_path):
    before = digest(demo_path)
    run("check", demo_path, "--as-of", AS_OF)
    assert digest(demo_path) == before


def _json_check(path, *extra):
    result = run("check", path, "--as-of", AS_OF, "--format", "json", "--fail-on", "never", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


SEVERITY_RANK = {"must": 0, "should": 1, "advice": 2}


@needs_rules
def test_check_json_shape(demo_path):
    payload = _json_check(demo_path)
    assert set(payload) >= {"trust", "as_of", "rules_version", "counts", "findings"}
    assert payload["trust"] == "Hillside Learning Trust"
    assert payload["as_of"] == AS_OF and payload["rules_version"] == "2"
    assert set(payload["counts"]) == {"must", "should", "advice"}
    findings = payload["findings"]
    assert findings, "the sample trust is expected to have findings"
    for sev in SEVERITY_RANK:
        assert payload["counts"][sev] == sum(f["severity"] == sev for f in findings)
    keys = {"rule", "severity", "title", "message", "subject", "evidence", "citation", "remedy", "acknowledged"}
    for f in findings:
        assert set(f) >= keys, f
        assert set(f["subject"]) == {"kind", "key", "label"}
        assert isinstance(f["evidence"], dict) and isinstance(f["acknowledged"], bool)
        assert f["severity"] in SEVERITY_RANK and f["title"] and f["message"] and f["citation"]
    order = [(SEVERITY_RANK[f["severity"]], f["rule"], f["subject"]["key"]) for f in findings]
    assert order == sorted(order)
    date.fromisoformat(payload["as_of"])


@needs_rules
def test_check_text_and_json_agree(demo_path):
    payload = _json_check(demo_path)
    result = run("check", demo_path, "--as-of", AS_OF, "--fail-on", "never")
    assert result.exit_code == 0
    assert "Hillside Learning Trust" in result.stdout
    for f in payload["findings"]:
        assert f["rule"] in result.stdout


def _expected_exit(findings, fail_on):
    if fail_on == "never":
        return 0
    worst = SEVERITY_RANK[fail_on]
    return int(any(not f["acknowledged"] and SEVERITY_RANK[f["severity"]] <= worst for f in findings))


@needs_rules
@pytest.mark.parametrize("fail_on", ["must", "should", "advice", "never"])
def test_check_exit_code_follows_fail_on(demo_path, fail_on):
    findings = _json_check(demo_path)["findings"]
    result = run("check", demo_path, "--as-of", AS_OF, "--fail-on", fail_on)
    assert result.exit_code == _expected_exit(findings, fail_on)
    if fail_on == "never":
        assert result.exit_code == 0
    if fail_on == "advice":
        assert result.exit_code == 1  # the sample trust has findings


def _rule_with_only(findings, severity):
    by_rule: dict[str, set] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], set()).add(f["severity"])
    return next((rule for rule, sevs in sorted(by_rule.items()) if sevs == {severity}), None)


@needs_rules
@pytest.mark.parametrize("severity, expected", [
    ("must", {"must": 1, "should": 1, "advice": 1, "never": 0}),
    ("should", {"must": 0, "should": 1, "advice": 1, "never": 0}),
    ("advice", {"must": 0, "should": 0, "advice": 1, "never": 0}),
])
def test_check_fail_on_levels_with_one_rule(demo_path, severity, expected):
    rule = _rule_with_only(_json_check(demo_path)["findings"], severity)
    if rule is None:
        pytest.skip(f"the sample trust has no rule giving only {severity} findings")
    for fail_on, code in expected.items():
        result = run("check", demo_path, "--as-of", AS_OF, "--rule", rule, "--fail-on", fail_on)
        assert result.exit_code == code, (rule, fail_on, result.output)


@needs_rules
def test_an_acknowledged_finding_does_not_fail(demo_path):
    findings = _json_check(demo_path)["findings"]
    rule = _rule_with_only(findings, "advice") or _rule_with_only(findings, "should")
    if rule is None:
        pytest.skip("no advice- or should-only rule in the sample trust")
    with TrustFile.open(demo_path) as tf:
        for f in findings:
            if f["rule"] == rule:
                tf.save(m.Acknowledgement(rule, f["subject"]["kind"], f["subject"]["key"],
                                          "Accepted by the board", "Clerk", date(2026, 11, 1)),
                        "Acknowledge")
    payload = _json_check(demo_path, "--rule", rule)
    assert payload["findings"] and all(f["acknowledged"] for f in payload["findings"])
    result = run("check", demo_path, "--as-of", AS_OF, "--rule", rule, "--fail-on", "advice")
    assert result.exit_code == 0


@needs_rules
def test_check_explain_lists_silent_rules_in_json(trust_path):
    payload = _json_check(trust_path, "--explain")
    assert isinstance(payload["silent"], list)
    for entry in payload["silent"]:
        assert set(entry) == {"rule", "reason"}


@needs_rules
def test_check_a_file_from_a_newer_govboard(demo_path):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('govboard', 'm0099_future', '2031-01-01')")
    conn.close()
    before = digest(demo_path)
    assert _json_check(demo_path)["findings"]
    assert digest(demo_path) == before


# --- rules ------------------------------------------------------------------------------------


@needs_rules
def test_rules_json_lists_every_rule():
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    assert isinstance(rules, list) and len(rules) > 10
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    for r in rules:
        assert set(r) >= {"id", "severity", "title", "citation", "explanation"}
        assert r["severity"] in SEVERITY_RANK and r["title"] and r["citation"] and r["explanation"]
    text = run("rules")
    assert text.exit_code == 0
    for rule_id in ids:
        assert rule_id in text.stdout


@needs_rules
def test_every_finding_names_a_listed_rule(demo_path):
    ids = {r["id"] for r in json.loads(run("rules", "--format", "json").stdout)}
    assert {f["rule"] for f in _json_check(demo_path)["findings"]} <= ids


# --- demo -------------------------------------------------------------------------------------


@needs_demo
def test_demo_creates_the_sample_trust(tmp_path):
    path = tmp_path / "sample.govboard"
    result = run("demo", path, "--as-of", AS_OF)
    assert result.exit_code == 0
    with TrustFile.open(path) as tf:
        snapshot = tf.load_snapshot()
    assert snapshot.settings.name == "Hillside Learning Trust"
    assert snapshot.people and snapshot.appointments


@needs_demo
def test_demo_refuses_an_existing_file(trust_path):
    before = digest(trust_path)
    assert_bad_input(run("demo", trust_path), "already exists")
    assert digest(trust_path) == before


@needs_demo
def test_demo_with_a_bad_date(tmp_path):
    assert_bad_input(run("demo", tmp_path / "s.govboard", "--as-of", "2026-02-30"), "--as-of")
    assert list(tmp_path.iterdir()) == []


# --- export and import ------------------------------------------------------------------------


@needs_workbook
@needs_rules
def test_export_then_import_into_a_new_file_gives_the_same_findings(demo_path, demo_book, tmp_path):
    book = demo_book
    fresh = tmp_path / "fresh.govboard"
    assert run("new", fresh, "--name", "Placeholder").exit_code == 0
    result = run("import", fresh, book)
    assert result.exit_code == 0, result.output
    assert "Imported." in result.stdout
    assert _json_check(fresh)["findings"] == _json_check(demo_path)["findings"]


@needs_workbook
def test_sample_trust_export_import_export_is_equal_cell_for_cell(demo_path, demo_book, tmp_path):
    from openpyxl import load_workbook

    fresh = tmp_path / "fresh.govboard"
    assert run("new", fresh, "--name", "Placeholder").exit_code == 0
    assert run("import", fresh, demo_book).exit_code == 0
    again = tmp_path / "again.xlsx"
    assert run("export", fresh, again).exit_code == 0

    def cells(path):
        book = load_workbook(path)
        out = {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
               for sheet in book.worksheets}
        book.close()
        return out

    first, second = cells(demo_book), cells(again)
    assert list(first) == list(second)
    papers_first, papers_second = f"{Path(demo_book).stem} papers", f"{again.stem} papers"
    for title in first:
        # The Paper column names the papers folder, which follows the workbook's own name.
        normalised = [[v.replace(papers_second, papers_first) if isinstance(v, str) else v for v in row]
                      for row in second[title]]
        assert first[title] == normalised, title


@needs_workbook
def test_reimport_and_dry_run(demo_path, demo_book):
    book = demo_book
    before = digest(demo_path)
    result = run("import", demo_path, book, "--dry-run", "--format", "json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["dry_run"] is True and payload["written"] is False and payload["errors"] == []
    assert all(c["new"] == 0 and c["changed"] == 0 for c in payload["counts"].values()), payload["counts"]
    assert digest(demo_path) == before
    result = run("import", demo_path, book, "--format", "json")
    payload = json.loads(result.stdout)
    assert result.exit_code == 0 and payload["written"] is True
    assert all(c["new"] == 0 and c["changed"] == 0 for c in payload["counts"].values())


@needs_workbook
def test_replace_dry_run_of_a_fresh_export_changes_no_setting(demo_path, demo_book):
    """Replacing everything with a workbook exported moments earlier reported 7 trust settings
    changed: the settings were compared with the defaults, not with the file's own (issue 15)."""
    result = run("import", demo_path, demo_book, "--replace", "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    trust = json.loads(result.stdout)["counts"]["Trust"]
    assert trust["changed"] == 0 and trust["unchanged"] > 0
    # A setting the workbook does change still counts.
    from openpyxl import load_workbook

    wb = load_workbook(demo_book)
    sheet = wb["Trust"]
    row = next(r for r in sheet.iter_rows() if r[0].value == "Term warning days")
    row[1].value = 90
    edited = demo_book.with_name("hillside-one-setting-edited.xlsx")  # beside it: its papers resolve
    wb.save(edited)
    result = run("import", demo_path, edited, "--replace", "--dry-run", "--format", "json")
    assert json.loads(result.stdout)["counts"]["Trust"]["changed"] == 1


@needs_workbook
def test_import_replace_writes_a_backup(demo_path, demo_book):
    book = demo_book
    result = run("import", demo_path, book, "--replace", "--format", "json")
    assert result.exit_code == 0, result.output
    backup = Path(json.loads(result.stdout)["backup"])
    assert backup.is_file() and backup.parent == demo_path.parent
    with TrustFile.open(backup, read_only=True) as tf:
        assert tf.settings().name == "Hillside Learning Trust"


@needs_workbook
def test_import_errors(trust_path, tmp_path):
    before = digest(trust_path)
    assert_bad_input(run("import", trust_path, tmp_path / "absent.xlsx"), "does not exist")
    not_a_book = tmp_path / "registers.xlsx"
    not_a_book.write_text("name,role\n")
    result = run("import", trust_path, not_a_book)
    assert result.exit_code == 2 and result.stderr.strip().splitlines()[-1].startswith("govboard-cli:")
    assert digest(trust_path) == before
    book = tmp_path / "template.xlsx"
    assert run("export", trust_path, book, "--template").exit_code == 0
    assert_bad_input(run("import", tmp_path / "absent.govboard", book), "does not exist")


@needs_workbook
def test_import_with_a_bad_row_writes_nothing_and_an_errors_copy(trust_path, tmp_path):
    import openpyxl

    book = tmp_path / "bad.xlsx"
    assert run("export", trust_path, book).exit_code == 0
    wb = openpyxl.load_workbook(book)
    sheet = wb["People"]
    headers = [c.value for c in sheet[1]]
    values = {h: None for h in headers}
    values.update({"Person ID": "P002", "Forename": "Bad", "Surname": "Date"})
    dob = next((h for h in headers if h and "birth" in str(h).lower()), None)
    if dob is None:
        pytest.skip("People sheet has no date of birth column")
    values[dob] = "31/02/2024"
    sheet.append([values[h] for h in headers])
    wb.save(book)
    before = digest(trust_path)
    errors_copy = tmp_path / "bad-errors.xlsx"
    result = run("import", trust_path, book, "--errors-out", errors_copy)
    assert result.exit_code == 2
    assert "31/02/2024" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("govboard-cli:")
    assert digest(trust_path) == before
    assert errors_copy.is_file()


@needs_workbook
def test_export_errors(trust_path, tmp_path):
    assert_bad_input(run("export", trust_path, tmp_path / "out.txt"), ".xlsx")
    assert_bad_input(run("export", trust_path, tmp_path / "no" / "out.xlsx"), "does not exist")
    assert_bad_input(run("export", tmp_path / "absent.govboard", tmp_path / "out.xlsx"), "does not exist")
    assert not (tmp_path / "out.xlsx").exists()


# --- GIAS and Companies House -----------------------------------------------------------------


@needs("govboard.io.gias")
def test_import_gias_errors(trust_path, tmp_path):
    before = digest(trust_path)
    assert_bad_input(run("import-gias", trust_path, tmp_path / "absent.csv"))
    assert_bad_input(run("import-gias", trust_path, tmp_path / "absent.csv", "--as-of", "2026-02-30"), "--as-of")
    assert digest(trust_path) == before


@needs("govboard.io.companies_house")
def test_import_ch_errors(trust_path, tmp_path):
    before = digest(trust_path)
    assert_bad_input(run("import-ch", trust_path, tmp_path / "absent.json"))
    bad = tmp_path / "officers.json"
    bad.write_text("{not json")
    assert_bad_input(run("import-ch", trust_path, bad))
    assert digest(trust_path) == before


# --- documents --------------------------------------------------------------------------------


@needs("govboard.reports.board_pack")
def test_pack(demo_path, tmp_path):
    out = tmp_path / "pack.pdf"
    result = run("pack", demo_path, out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:5] == b"%PDF-"
    assert "pages" in result.stdout


@needs("govboard.reports.board_pack")
def test_pack_personal_details_only_on_request(demo_path, tmp_path):
    from pypdf import PdfReader

    def text(path):
        return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())

    plain, personal = tmp_path / "plain.pdf", tmp_path / "personal.pdf"
    assert run("pack", demo_path, plain, "--as-of", AS_OF).exit_code == 0
    result = run("pack", demo_path, personal, "--as-of", AS_OF, "--personal-details")
    assert result.exit_code == 0, result.output
    assert "@hillsidetrust.org.uk" not in text(plain) and "Date of birth" not in text(plain)
    assert "@hillsidetrust.org.uk" in text(personal) and "Date of birth" in text(personal)
    assert_bad_input(run("pack", demo_path, tmp_path / "public.pdf", "--as-of", AS_OF,
                         "--audience", "public", "--personal-details"), "board audience")
    assert not (tmp_path / "public.pdf").exists()


@needs("govboard.reports.board_pack")
def test_pack_errors(demo_path, tmp_path):
    assert_bad_input(run("pack", demo_path, tmp_path / "pack.txt", "--as-of", AS_OF), ".pdf")
    assert_bad_input(run("pack", demo_path, tmp_path / "pack.pdf", "--as-of", AS_OF, "--meeting", "NO-SUCH"),
                     "NO-SUCH")
    assert_bad_input(run("pack", demo_path, tmp_path / "pack.pdf", "--as-of", "2026-13-01"), "--as-of")
    assert not (tmp_path / "pack.pdf").exists()


@needs("govboard.reports.register")
@pytest.mark.parametrize("suffix, magic", [(".html", b"<"), (".pdf", b"%PDF-")])
def test_register(demo_path, tmp_path, suffix, magic):
    out = tmp_path / f"register{suffix}"
    result = run("register", demo_path, out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().lstrip()[: len(magic)].lower() == magic.lower()


@needs("govboard.reports.register")
def test_register_errors(demo_path, tmp_path):
    assert_bad_input(run("register", demo_path, tmp_path / "register.docx", "--as-of", AS_OF), ".html or .pdf")


# --- the installed command, in a real process -------------------------------------------------


@pytest.mark.skipif(not CLI.exists(), reason="govboard-cli is not installed in this environment")
@pytest.mark.subprocess
def test_installed_command_in_a_subprocess(tmp_path):
    path = tmp_path / "real.govboard"

    def cli(*args):
        return subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, timeout=60)

    made = cli("new", path, "--name", "Real Trust")
    assert made.returncode == 0 and made.stderr == "" and path.is_file()
    again = cli("new", path, "--name", "Real Trust")
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and again.stderr.startswith("govboard-cli: ")
    assert "Traceback" not in again.stderr
    copy = cli("backup", path, tmp_path / "copy.govboard")
    assert copy.returncode == 0
    with TrustFile.open(tmp_path / "copy.govboard") as tf:
        assert tf.settings().name == "Real Trust"
    not_trust = tmp_path / "x.govboard"
    not_trust.write_text("x")
    bad = cli("backup", not_trust, tmp_path / "y.govboard")
    assert bad.returncode == 2 and bad.stderr.startswith("govboard-cli: ") and bad.stderr.count("\n") == 1
    assert cli("--help").returncode == 0
