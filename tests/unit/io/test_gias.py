from __future__ import annotations

from datetime import date

import pytest

from govboard.domain.enums import AppointedBy, BodyType, Role
from govboard.domain.validate import validate_registers
from govboard.io.gias import (
    GiasError,
    extract_date_from_name,
    read_gias_extract,
    registers_from_gias,
    unmapped_roles,
)

HEADER = ("GID,URN,UID,Companies House Number,Role,Title,Forename 1,Forename 2,Surname,"
          "Date of appointment,Date term of office ends/ended,Appointing body")
ROWS = [
    "1001,,17001,01234567,Chair of trustees,Ms,Zoë,,Ó Briain,01/09/2021,31/08/2025,Appointed by academy members",
    "1002,,17001,01234567,Member - individual,Mr,Tom,,Jones,01/09/2019,,Original (signatory) members",
    "1003,,17001,01234567,Trustee,Ms,Zoë,,Ó Briain,01/09/2021,31/08/2025,Appointed by academy members",
    "1004,100001,17001,01234567,Local governor,Mrs,Siobhán,Mary,Kelly,01/01/2023,31/12/2026,Elected by parents",
    "1005,100001,17001,01234567,Chair of local governing body,Mrs,Siobhán,Mary,Kelly,01/09/2024,,Appointed by GB/board",
    "1006,100002,17001,01234567,Shared local governor - group/establishment,Mr,Tom,,Jones,01/09/2022,,Something else",
    "1007,,17001,01234567,Governance professional to a multi-academy trust (MAT),Mr,Ian,,Clerk,01/01/2020,,N/A",
    "1008,,17001,01234567,Accounting officer,Dr,Ann,,Head,01/01/2020,,N/A",
    "1009,,17001,01234567,Member - organisation,,Diocese,,of Nowhere,01/01/2020,,",
    "1010,,99999,07654321,Trustee,Mr,Other,,Trust,01/01/2020,,",
    "1011,,17001,01234567,trustee,Mr,Tom,,Jones,01/09/2020,31/08/2024,Appointed by academy members",
    "1012,,17001,01234567,Trustee,Mr,Tom,,Jones,01/09/2024,31/08/2028,Appointed by academy members",
]


def write_csv(path, rows, encoding="utf-8", header=HEADER, bom=False):
    text = "\r\n".join([header, *rows]) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_reads_each_encoding(tmp_path, encoding, bom):
    path = write_csv(tmp_path / "governancematdata20261115.csv", ROWS, encoding, bom=bom)
    extract = read_gias_extract(path)
    assert extract.errors == []
    assert extract.extract_date_hint == date(2026, 11, 15)
    first = extract.records[0]
    assert (first.gid, first.forename1, first.surname, first.uid) == ("1001", "Zoë", "Ó Briain", "17001")
    assert first.urn is None and first.companies_house_number == "01234567"
    assert first.appointed_on == date(2021, 9, 1) and first.term_end == date(2025, 8, 31)
    assert extract.records[3].forename1 == "Siobhán"
    assert extract.records[1].role == "Member - individual"  # kept as given
    assert len(extract.records) == len(ROWS)


def test_search_download_without_companies_house_column(tmp_path):
    header = HEADER.replace("Companies House Number,", "")
    rows = [",".join(r.split(",")[:3] + r.split(",")[4:]) for r in ROWS[:2]]
    extract = read_gias_extract(write_csv(tmp_path / "governors.csv", rows, header=header))
    assert extract.errors == [] and extract.warnings == []
    assert extract.records[0].companies_house_number is None
    assert extract.extract_date_hint is None


def test_bad_rows_are_errors(tmp_path):
    rows = ["2001,,17001,,Trustee,,Ann,,Bee,31/02/2024,,", ",,17001,,Trustee,,Cat,,Dee,01/01/2024,,",
            ",,,,,,,,,,,"]
    extract = read_gias_extract(write_csv(tmp_path / "x.csv", rows))
    assert [str(e) for e in extract.errors] == [
        "x.csv row 2, column Date of appointment: '31/02/2024' is not a real date (there is no such day)",
        "x.csv row 3, column GID: GID is required",
    ]
    assert extract.records == ()


def test_not_a_gias_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(GiasError, match=r"^x.csv is not a GIAS governance extract: it has no 'GID'"):
        read_gias_extract(path)
    path.write_text("")
    with pytest.raises(GiasError, match="is empty"):
        read_gias_extract(path)
    with pytest.raises(GiasError, match="does not exist"):
        read_gias_extract(tmp_path / "missing.csv")


def test_extract_date_from_name():
    assert extract_date_from_name("governancematdata20261115.csv") == date(2026, 11, 15)
    assert extract_date_from_name("governancematdata20261399.csv") is None
    assert extract_date_from_name("extract.csv") is None


def test_registers_from_gias(tmp_path):
    extract = read_gias_extract(write_csv(tmp_path / "g.csv", ROWS, "cp1252"))
    snap = registers_from_gias(extract.records, trust_uid="17001", as_of=date(2026, 11, 15))
    assert validate_registers(snap) == []
    names = [(p.id, p.title, p.forename, p.middle_names, p.surname) for p in snap.people]
    assert names == [
        ("G0001", "Ms", "Zoë", None, "Ó Briain"),
        ("G0002", "Mr", "Tom", None, "Jones"),
        ("G0003", "Mrs", "Siobhán", "Mary", "Kelly"),
        ("G0004", "Mr", "Ian", None, "Clerk"),
        ("G0005", "Dr", "Ann", None, "Head"),
    ]
    assert snap.settings.gias_group_uid == "17001"
    assert snap.settings.company_number == "01234567"
    assert [a.urn for a in snap.academies] == ["100001", "100002"]
    lgbs = [b for b in snap.bodies if b.type == BodyType.LOCAL_GOVERNING_BODY]
    assert [(b.name, b.academy_urn) for b in lgbs] == [("Academy 100001 LGB", "100001"),
                                                       ("Academy 100002 LGB", "100002")]
    by = {(a.person_id, a.role, a.start): a for a in snap.appointments}
    chair = by[("G0001", Role.CHAIR_OF_TRUSTEES, date(2021, 9, 1))]
    trustee = by[("G0001", Role.TRUSTEE, date(2021, 9, 1))]  # from the chair row and its own row
    assert chair.body == trustee.body == "Board"
    assert chair.end == date(2025, 8, 31) and chair.gias_start_recorded_on == date(2021, 9, 1)
    assert chair.appointed_by == AppointedBy.ACADEMY_MEMBERS
    assert by[("G0002", Role.MEMBER, date(2019, 9, 1))].body == "Members"
    shared = by[("G0002", Role.LOCAL_GOVERNOR, date(2022, 9, 1))]
    assert shared.body == "Academy 100002 LGB" and shared.appointed_by is None
    assert by[("G0003", Role.LGB_CHAIR, date(2024, 9, 1))].body == "Academy 100001 LGB"
    assert by[("G0004", Role.GOVERNANCE_PROFESSIONAL, date(2020, 1, 1))].body == "Board"
    assert by[("G0005", Role.ACCOUNTING_OFFICER, date(2020, 1, 1))].end is None
    # Two consecutive trustee terms: the first ends before the second starts.
    first = by[("G0002", Role.TRUSTEE, date(2020, 9, 1))]
    assert first.end == date(2024, 8, 31)
    assert by[("G0002", Role.TRUSTEE, date(2024, 9, 1))].end is None
    assert not any(a.person_id == "Other" for a in snap.appointments)
    assert unmapped_roles(extract.records) == {"Member - organisation": 1}


def test_registers_from_gias_without_uid_filter(tmp_path):
    extract = read_gias_extract(write_csv(tmp_path / "g.csv", ROWS))
    snap = registers_from_gias(extract.records, trust_uid=None)
    assert any(p.forename == "Other" for p in snap.people)
    assert snap.settings.gias_group_uid is None  # two UIDs: cannot tell
    assert all(a.end is None or a.end < date(2024, 9, 1) for a in snap.appointments)
