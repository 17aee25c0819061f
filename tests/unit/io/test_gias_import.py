"""GIAS files through the service and the CLI into real trust files: GIAS-02 from a real CSV,
only this trust's rows stored, the import summary by role, and `import-gias --create` giving a
trust that the same extract then finds nothing wrong with (the round trip)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from govboard.cli import main
from govboard.domain import model as m
from govboard.domain.enums import BodyType, Role
from govboard.rules import run_checks
from govboard.services import trust as svc
from govboard.store import Insert, TrustFile

from . import gias_files as gf
from .test_gias import ROWS, write_csv

EXTRACT_DATE = date(2026, 11, 15)
URN_OPTIONS = [opt for urn in gf.ACADEMIES for opt in ("--urn", urn)]
# Rules a trust built from GIAS must not raise against that same extract (issue 11).
IMPORT_CAUSED = ("GIAS-02", "GP-01", "LGB-01", "LGB-02")


def _trust_with_two_trustees(path):
    tf = TrustFile.create(path, name="Two Trustees Trust")
    tf.apply([
        Insert(m.Person("P1", "Ruth", "Leaver")),
        Insert(m.Person("P2", "Sam", "Stayer")),
        # Ruth left two months before the extract; GIAS still shows her as current.
        Insert(m.Appointment("P1", Role.TRUSTEE, m.BOARD_BODY, date(2022, 9, 1), end=date(2026, 9, 15),
                             gias_start_recorded_on=date(2022, 9, 1))),
        Insert(m.Appointment("P2", Role.TRUSTEE, m.BOARD_BODY, date(2023, 1, 10),
                             gias_start_recorded_on=date(2023, 1, 10))),
    ], "Add two trustees")
    return tf


def test_gias_02_for_a_trustee_who_left_but_is_current_on_gias(tmp_path):
    csv = write_csv(tmp_path / "governancematdata20261115.csv", [
        "5001,,17001,01234567,Trustee,Mrs,Ruth,,Leaver,01/09/2022,,Appointed by academy members",
        "5002,,17001,01234567,Trustee,Mr,Sam,,Stayer,10/01/2023,,Appointed by academy members",
    ], "cp1252")
    with _trust_with_two_trustees(tmp_path / "t.govboard") as tf:
        assert run_checks(tf.load_snapshot(), EXTRACT_DATE, only=["GIAS-02"]).findings == []  # silent: no extract
        gias = svc.import_gias(tf, csv)
        assert gias.stored == {"records": 2, "extract_date": "2026-11-15", "created": None, "backup": None}
        snapshot = tf.load_snapshot()
    assert snapshot.gias.extract_date == EXTRACT_DATE and len(snapshot.gias.records) == 2
    # The one trust in the file is this one: its UID and company number are remembered.
    assert (snapshot.settings.gias_group_uid, snapshot.settings.company_number) == ("17001", "01234567")
    findings = run_checks(snapshot, EXTRACT_DATE, only=["GIAS-02"]).findings
    assert [(f.subject.kind, f.subject.key) for f in findings] == [("person", "P1")]
    [finding] = findings
    assert "still shows Trustee as current, but it ended on 15 September 2026" in finding.message
    assert finding.evidence["issues"][0]["issue"] == "ended appointment still current on GIAS"


def test_gias_02_quiet_when_gias_shows_the_end(tmp_path):
    csv = write_csv(tmp_path / "governancematdata20261115.csv", [
        "5001,,17001,01234567,Trustee,Mrs,Ruth,,Leaver,01/09/2022,15/09/2026,Appointed by academy members",
        "5002,,17001,01234567,Trustee,Mr,Sam,,Stayer,10/01/2023,,Appointed by academy members",
    ])
    with _trust_with_two_trustees(tmp_path / "t.govboard") as tf:
        svc.import_gias(tf, csv)
        snapshot = tf.load_snapshot()
    assert run_checks(snapshot, EXTRACT_DATE, only=["GIAS-02"]).findings == []


def _new_trust(tmp_path, runner, name="new.govboard"):
    trust = tmp_path / name
    assert runner.invoke(main, ["new", str(trust), "--name", "Oakfield Learning Trust"]).exit_code == 0
    return trust


def _findings(runner, trust, as_of="2026-11-22") -> list[dict]:
    check = runner.invoke(main, ["check", str(trust), "--as-of", as_of, "--format", "json"])
    assert check.exit_code in (0, 1), check.output
    return json.loads(check.stdout)["findings"]


def test_create_on_a_file_of_two_trusts_asks_which_then_gives_a_checkable_trust(tmp_path):
    runner = CliRunner()
    trust = _new_trust(tmp_path, runner)
    csv = write_csv(tmp_path / "governancematdata20261115.csv", ROWS, "cp1252")
    refused = runner.invoke(main, ["import-gias", str(trust), str(csv), "--create"])
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1
    assert ("holds 2 trusts: UID 17001, company 01234567, 8 rows, chair Zoë Ó Briain; UID 99999, company 07654321, 1 row. "
            "Choose this trust with --uid (or --company-number)") in refused.stderr
    with TrustFile.open(trust, read_only=True) as tf:
        assert tf.is_empty() and tf.latest_gias() is None  # nothing written
    result = runner.invoke(main, ["import-gias", str(trust), str(csv), "--create", "--uid", "17001",
                                  "--urn", "100001", "--urn", "100002"])
    assert result.exit_code == 0, result.output
    assert "Stored 11 GIAS records of this trust as at 2026-11-15." in result.output
    assert "Created 2 academies, 5 people, 2 bodies, 10 roles." in result.output
    report = _findings(runner, trust)
    assert "MEM-01" in {f["rule"] for f in report}  # one member: the trust can be checked like any other
    # Terms that ended before the extract's date are ended, so the chair whose term ended in 2025
    # is neither "in office after the term" nor missing from GIAS.
    assert [f for f in report if f["subject"]["label"] == "Zoë Ó Briain" and f["rule"] in ("TRU-05", "GIAS-02")] == []
    with TrustFile.open(trust, read_only=True) as tf:
        settings = tf.settings()
        stored = tf.latest_gias()
    assert (settings.gias_group_uid, settings.company_number) == ("17001", "01234567")
    assert {r.uid for r in stored.records} == {"17001"}  # the other trust's row is not stored
    again = runner.invoke(main, ["import-gias", str(trust), str(csv), "--create"])
    assert again.exit_code == 2 and "already holds registers" in again.stderr


@pytest.mark.parametrize("encoding,bom", [("cp1252", False), ("utf-8", True)])
def test_round_trip_national_extracts(tmp_path, encoding, bom):
    """A trust built by --create from the mat and acad extracts, checked against those same
    extracts: no GIAS-02, GP-01 or LGB finding the import itself caused."""
    runner = CliRunner()
    trust = _new_trust(tmp_path, runner)
    mat, acad = gf.write_national(tmp_path, encoding=encoding, bom=bom)
    result = runner.invoke(main, ["import-gias", str(trust), str(mat), str(acad), "--create", "--uid", gf.UID,
                                  *URN_OPTIONS])
    assert result.exit_code == 0, result.output
    ours = len(gf.TRUST_ROWS) + len(gf.ACADEMY_ROWS)
    assert f"Stored {ours} GIAS records of this trust as at 2026-11-15." in result.output
    assert "Remembered in the trust settings: GIAS group UID 17001, company number 08123456." in result.output
    for as_of in ("2026-11-15", "2026-11-22", "2027-01-31"):
        caused = [(f["rule"], f["subject"]["label"], f["message"]) for f in _findings(runner, trust, as_of)
                  if f["rule"] in IMPORT_CAUSED]
        assert caused == [], as_of
    with TrustFile.open(trust, read_only=True) as tf:
        snap = tf.load_snapshot()
    hub = snap.lgb_by_urn["141001"]
    assert hub.academy_urns == gf.HUB and snap.lgb_by_urn["141002"] is hub
    assert len(snap.gias.records) == ours


def test_round_trip_search_download_zip(tmp_path):
    runner = CliRunner()
    trust = _new_trust(tmp_path, runner)
    path = gf.write_search_zip(tmp_path / "governors.zip")
    result = runner.invoke(main, ["import-gias", str(trust), str(path), "--create", "--as-of", "2026-11-15"])
    assert result.exit_code == 0, result.output
    assert "Created 4 academies, 33 people, 3 bodies, 44 roles." in result.output
    assert [f for f in _findings(runner, trust) if f["rule"] in IMPORT_CAUSED] == []
    with TrustFile.open(trust, read_only=True) as tf:
        snap = tf.load_snapshot()
    assert {a.urn for a in snap.academies} == set(gf.ACADEMIES)  # academies from the download's rows
    assert snap.settings.gias_group_uid == gf.UID


def test_import_summary_for_a_national_file(tmp_path):
    runner = CliRunner()
    mat, acad = gf.write_national(tmp_path)
    trust = _new_trust(tmp_path, runner)
    result = runner.invoke(main, ["import-gias", str(trust), str(mat), str(acad), "--create", "--uid", gf.UID,
                                  *URN_OPTIONS])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("Read governancematdata20261115.csv, governanceacaddata20261115.csv: 67 rows, 52 of them "
                        "this trust's (UID 17001, company 08123456, 4 academies).")
    table = {line[:66].rstrip(): line[66:].split() for line in lines[1:lines.index(next(
        x for x in lines if x.startswith("Total"))) + 1]}
    assert table["Role"] == ["Offices", "made", "Reconciliation", "only", "Other", "trusts", "(ignored)"]
    assert table["Trustee"] == ["8", "0", "3"]
    assert table["Chair of Trustees"] == ["2", "0", "1"]
    assert table["Shared Local Governor - Group"] == ["2", "0", "1"]
    assert table["Member - Organisation"] == ["0", "0", "1"]
    assert table["Governor"] == ["0", "0", "1"]
    assert table["Total"] == ["52", "0", "15"]  # every row accounted for: 67 read
    assert "note: Appointing body 'Appointed by the Diocesan Board of Education' (1 row) is not in govboard's " \
           "list of GIAS values: kept as GIAS wrote it." in result.stderr


def test_national_files_into_an_existing_trust_reconcile_only_its_rows(tmp_path):
    """Importing the national files into a trust raises no finding per other trust's row."""
    runner = CliRunner()
    search = gf.write_search_zip(tmp_path / "governors.zip")
    trust = _new_trust(tmp_path, runner)
    assert runner.invoke(main, ["import-gias", str(trust), str(search), "--create", "--as-of", "2026-11-15"]
                         ).exit_code == 0
    mat, acad = gf.write_national(tmp_path)
    result = runner.invoke(main, ["import-gias", str(trust), str(mat), str(acad)])
    assert result.exit_code == 0, result.output
    assert "Kept for reconciliation" in result.stdout.splitlines()[1]
    report = _findings(runner, trust)
    assert [f for f in report if f["rule"] in IMPORT_CAUSED] == []
    assert not any(f["subject"]["kind"] == "gias_record" for f in report)
    with TrustFile.open(trust, read_only=True) as tf:
        assert tf.settings().company_number == gf.COMPANY  # learnt from the national file


def test_choosing_the_trust_and_its_academies(tmp_path):
    runner = CliRunner()
    mat, acad = gf.write_national(tmp_path)
    trust = _new_trust(tmp_path, runner)
    no_academies = runner.invoke(main, ["import-gias", str(trust), str(mat), str(acad), "--create", "--uid", "17001"])
    assert no_academies.exit_code == 2
    assert "academy-level rows for 7 academies and nothing says which are this trust's: name them with --urn" \
        in no_academies.stderr
    bad_uid = runner.invoke(main, ["import-gias", str(trust), str(mat), "--create", "--uid", "17x"])
    assert bad_uid.exit_code == 2 and "not a GIAS group UID" in bad_uid.stderr
    absent = runner.invoke(main, ["import-gias", str(trust), str(mat), "--create", "--uid", "12345"])
    assert absent.exit_code == 2 and "hold no rows of this trust (UID 12345)" in absent.stderr
    # The trust-level file alone, chosen by company number: the trust without its academies.
    by_company = runner.invoke(main, ["import-gias", str(trust), str(mat), "--create", "--company-number", "8123456"])
    assert by_company.exit_code == 0, by_company.output
    with TrustFile.open(trust, read_only=True) as tf:
        snap = tf.load_snapshot()
    assert snap.settings.gias_group_uid == "17001" and snap.settings.company_number == "08123456"
    # Shared governors' Group rows with no academies to place them: one LGB to fill in.
    assert [b.name for b in snap.bodies if b.type == BodyType.LOCAL_GOVERNING_BODY] == ["Shared LGB"]
    mismatch = runner.invoke(main, ["import-gias", str(trust), str(mat), "--uid", "17002"])
    assert mismatch.exit_code == 2 and "this trust's GIAS group UID is 17001" in mismatch.stderr


def test_gias_02_ignores_other_trusts_rows_stored_before_v2(tmp_path):
    """An extract stored whole by an older govboard: other trusts' rows are never reconciled."""
    mat, acad = gf.write_national(tmp_path)
    from govboard.domain.gias import GiasScope
    from govboard.io.gias import read_gias_sources, select_rows

    everything = select_rows(read_gias_sources([mat, acad]), GiasScope(
        None, None, frozenset(gf.ACADEMIES) | {"150001", "150002", "150003"}), search_urns=False)
    with TrustFile.create(tmp_path / "t.govboard", name="T") as tf:
        tf.save_settings(tf.settings().with_changes(gias_group_uid="17001"))
        all_rows = [*everything.records]
        others = select_rows(read_gias_sources([mat]), GiasScope("17002"))
        tf.add_gias_snapshot(EXTRACT_DATE, "old.csv", all_rows + list(others.records))
        snap = tf.load_snapshot()
    findings = run_checks(snap, EXTRACT_DATE, only=["GIAS-02"]).findings
    keys = {f.subject.key for f in findings if f.subject.kind == "gias_record"}
    assert not keys & {"80001", "80002", "80003", "80004"}  # trust 17002's rows
