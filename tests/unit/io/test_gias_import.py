"""GIAS extracts through the service and the CLI into real trust files: GIAS-02 from a real CSV,
and `import-gias --create` giving a trust the linter can check."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from govboard.cli import main
from govboard.domain import model as m
from govboard.domain.enums import Role
from govboard.rules import run_checks
from govboard.services import trust as svc
from govboard.store import Insert, TrustFile

from .test_gias import ROWS, write_csv

EXTRACT_DATE = date(2026, 11, 15)


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
        summary = svc.import_gias(tf, csv)
        assert summary == {"records": 2, "extract_date": "2026-11-15", "created": None}
        snapshot = tf.load_snapshot()
    assert snapshot.gias.extract_date == EXTRACT_DATE and len(snapshot.gias.records) == 2
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


def test_create_on_an_empty_file_gives_a_checkable_trust(tmp_path):
    runner = CliRunner()
    trust = tmp_path / "new.govboard"
    assert runner.invoke(main, ["new", str(trust), "--name", "New Trust"]).exit_code == 0
    csv = write_csv(tmp_path / "governancematdata20261115.csv", ROWS, "cp1252")
    result = runner.invoke(main, ["import-gias", str(trust), str(csv), "--create"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Stored 12 GIAS records as at 2026-11-15.",
        "Created 2 academies, 6 people, 2 bodies, 11 roles.",
    ]
    check = runner.invoke(main, ["check", str(trust), "--as-of", "2026-11-22", "--format", "json"])
    assert check.exit_code in (0, 1), check.output
    report = json.loads(check.stdout)
    assert report["trust"] == "New Trust"
    rules = {f["rule"] for f in report["findings"]}
    assert "MEM-01" in rules  # one member: the trust can be checked like any other
    # Terms that ended before the extract's date are ended, so the chair whose term ended in 2025
    # is neither "in office after the term" nor missing from GIAS.
    about_zoe = [f for f in report["findings"] if f["subject"]["label"] == "Zoë Ó Briain"
                 and f["rule"] in ("TRU-05", "GIAS-02")]
    assert about_zoe == []
    with TrustFile.open(trust, read_only=True) as tf:
        settings = tf.settings()
    # Two UIDs and two company numbers in ROWS: govboard cannot tell which is the trust's.
    assert (settings.gias_group_uid, settings.company_number) == (None, None)
    again = runner.invoke(main, ["import-gias", str(trust), str(csv), "--create"])
    assert again.exit_code == 2 and "already holds registers" in again.stderr


def test_create_takes_the_trust_uid_and_company_number(tmp_path):
    rows = [r for r in ROWS if ",99999," not in r]  # one trust only
    csv = write_csv(tmp_path / "governancematdata20261115.csv", rows)
    trust = tmp_path / "new.govboard"
    with TrustFile.create(trust, name="One Trust") as tf:
        gias = svc.read_gias_file(csv)
        plan = svc.plan_gias_create(tf, gias)
        assert gias.unmapped_roles == {"Member - organisation": 1}
        assert {k: c.new for k, c in plan.counts.items() if k != "Trust"} == {
            "Academies": 2, "People": 5, "Bodies": 2, "Roles": 10}  # "Other Trust" left out
        assert tf.is_empty()  # planning writes nothing
        svc.store_gias(tf, gias, create=True)
        settings = tf.settings()
        snapshot = tf.load_snapshot()
    assert (settings.gias_group_uid, settings.company_number) == ("17001", "01234567")
    assert settings.name == "One Trust"
    assert snapshot.gias.extract_date == EXTRACT_DATE
