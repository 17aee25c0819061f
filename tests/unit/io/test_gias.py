"""Reading GIAS files as DfE publishes them (formats.md section 2 v2): every role name, both
extracts together, the search download's ZIP, both encodings, both date styles; only this
trust's rows kept, nothing dropped unsaid; and the registers `--create` builds from them."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import date

import pytest

from govboard.domain.enums import AppointedBy, BodyType, Role, UnlistedAppointingBody
from govboard.domain.gias import GIAS_ROLES, GiasScope, gias_role, role_key
from govboard.domain.validate import validate_registers
from govboard.io.gias import (
    GiasError,
    decode_text,
    extract_date_from_name,
    parse_gias_date,
    read_gias_file,
    read_gias_sources,
    registers_from_gias,
    select_rows,
    trusts_in,
    unmapped_roles,
)

from . import gias_files as gf

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
OURS = GiasScope("17001", "01234567", frozenset({"100001", "100002"}))


def write_csv(path, rows, encoding="utf-8", header=HEADER, bom=False):
    text = "\r\n".join([header, *rows]) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def _select(path, scope=OURS, **kw):
    return select_rows(read_gias_file(path), scope, **kw)


# --- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_reads_each_encoding(tmp_path, encoding, bom):
    path = write_csv(tmp_path / "governancematdata20261115.csv", ROWS, encoding, bom=bom)
    [source] = read_gias_file(path)
    assert source.date_hint == date(2026, 11, 15) and not source.search_download
    sel = select_rows([source], OURS)
    assert sel.errors == [] and sel.rows_read == len(ROWS)
    first = sel.records[0]
    assert (first.gid, first.forename1, first.surname, first.uid) == ("1001", "Zoë", "Ó Briain", "17001")
    assert first.urn is None and first.companies_house_number == "01234567"
    assert first.appointed_on == date(2021, 9, 1) and first.term_end == date(2025, 8, 31)
    assert sel.records[3].forename1 == "Siobhán"
    assert sel.records[1].role == "Member - individual"  # kept as given
    assert len(sel.records) == len(ROWS) - 1  # the other trust's row is counted, not kept
    assert sel.other_trusts == Counter({"Trustee": 1})


def test_national_files_of_several_trusts_keep_only_this_trusts_rows(tmp_path):
    mat, acad = gf.write_national(tmp_path)
    sources = read_gias_sources([mat, acad])
    trusts = trusts_in(sources)
    assert [(t.uid, t.company_number, t.rows) for t in trusts] == [
        ("17001", "08123456", len(gf.TRUST_ROWS)), ("17002", "08222222", 4), ("17003", "09333333", 4),
        ("17004", "07444444", 2)]
    assert trusts[0].chair == "Margaret Holloway"
    sel = select_rows(sources, GiasScope("17001", None, frozenset(gf.ACADEMIES)))
    assert len(sel.records) == len(gf.TRUST_ROWS) + len(gf.ACADEMY_ROWS)
    assert {r.uid for r in sel.records if not r.urn} == {"17001"}
    assert {r.urn for r in sel.records if r.urn} == set(gf.ACADEMIES)
    others = len(gf.OTHER_TRUST_ROWS) + len(gf.OTHER_ACADEMY_ROWS)
    assert sum(sel.other_trusts.values()) == others and sel.rows_read == len(sel.records) + others
    # Every row is accounted for, by role as GIAS prints it today.
    assert sel.other_trusts["Member - Organisation"] == 1 and sel.other_trusts["Governor"] == 1
    # The company number alone finds the same trust-level rows (leading zero dropped by Excel too).
    by_company = select_rows(sources, GiasScope(None, "8123456"))
    assert len(by_company.records) == len(gf.TRUST_ROWS)
    # dd-MM-yyyy dates (the academy-level file) read like dd/MM/yyyy.
    hub_row = next(r for r in sel.records if r.gid == "91004")
    assert hub_row.appointed_on == date(2025, 1, 1) and hub_row.term_end == date(2028, 8, 31)


def test_the_search_download_zip(tmp_path):
    path = gf.write_search_zip(tmp_path / "governors.zip")
    [source] = read_gias_file(path)
    assert source.name == "governors.zip (edubase-governor-search-results.csv)"
    assert source.search_download and source.date_hint is None
    sel = select_rows([source], GiasScope("17001"), search_urns=True)
    assert len(sel.records) == len(gf.TRUST_ROWS) + len(gf.ACADEMY_ROWS)
    assert all(r.companies_house_number is None for r in sel.records)
    assert next(r for r in sel.records if r.gid == "90005").surname == "Ó Briain"  # UTF-8


def test_utf8_with_a_stray_byte_is_refused_naming_the_line(tmp_path):
    data = "\r\n".join([HEADER, *ROWS]).encode("utf-8").replace(b"Head", b"He\xe9d")
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(GiasError, match=r"^x.csv is UTF-8 text except for line 9, which has a byte that is not "
                                        r"UTF-8 \(0xE9\)"):
        read_gias_file(path)
    # A file with no UTF-8 at all is Windows-1252, as GIAS publishes it.
    assert decode_text("Zoë Ó Briain".encode("cp1252")) == "Zoë Ó Briain"
    with pytest.raises(GiasError, match="neither UTF-8 nor Windows-1252 text: line 2 has the byte 0x81"):
        decode_text(b"GID\nab\x81c\n", "y.csv")
    assert decode_text("GID,Zoë".encode("utf-16")) == "GID,Zoë"


def test_dates_both_styles_and_bad_ones():
    assert parse_gias_date("01/09/2024") == parse_gias_date("01-09-2024") == date(2024, 9, 1)
    assert parse_gias_date("2024-09-01") == parse_gias_date("1/9/2024") == date(2024, 9, 1)
    assert parse_gias_date("01/09/2024 00:00:00") == date(2024, 9, 1)
    assert parse_gias_date("  ") is None
    for bad, words in (("31/02/2024", "not a real date"), ("tomorrow", "not a date"),
                       ("01/09/0024", "not a sensible date"), ("１/9/2024", "not a date")):
        with pytest.raises(ValueError, match=words):
            parse_gias_date(bad)


def test_bad_rows_of_this_trust_are_errors_and_other_trusts_bad_rows_are_ignored(tmp_path):
    rows = ["2001,,17001,,Trustee,,Ann,,Bee,31/02/2024,,", ",,17001,,Trustee,,Cat,,Dee,01/01/2024,,",
            ",,,,,,,,,,,", "2004,,17001,,Trustee,,,,Nameless,01/01/2024,,",
            "2005,,55555,,Trustee,,Eve,,Fay,99/99/9999,,"]
    sel = _select(write_csv(tmp_path / "x.csv", rows))
    assert [str(e) for e in sel.errors] == [
        "x.csv row 2, column Date of appointment: '31/02/2024' is not a real date (there is no such day)",
        "x.csv row 3, column GID: GID is required",
    ]
    assert sel.records == ()
    assert sel.nameless == ["x.csv line 5"]  # left out and said, never a nameless person
    assert sel.other_trusts == Counter({"Trustee": 1})


def test_not_a_gias_file(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b,c\n1,2,3\n")
    with pytest.raises(GiasError, match=r"^x.csv is not a GIAS governance extract: it has no 'GID'"):
        read_gias_file(path)
    path.write_text("")
    with pytest.raises(GiasError, match="is empty"):
        read_gias_file(path)
    with pytest.raises(GiasError, match="does not exist"):
        read_gias_file(tmp_path / "missing.csv")
    book = tmp_path / "book.xlsx"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(GiasError, match="is an Excel workbook, not a GIAS extract"):
        read_gias_file(book)
    empty_zip = tmp_path / "e.zip"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(GiasError, match="ZIP file with no CSV file in it"):
        read_gias_file(empty_zip)
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(GiasError, match="damaged ZIP"):
        read_gias_file(tmp_path / "broken.zip")


def test_extract_date_from_name():
    assert extract_date_from_name("governancematdata20261115.csv") == date(2026, 11, 15)
    assert extract_date_from_name("governancematdata20261399.csv") is None
    assert extract_date_from_name("extract.csv") is None


# --- role names ----------------------------------------------------------------------------------


def test_every_role_name_gias_prints_is_known():
    names = {r.name for r in GIAS_ROLES}
    assert set(gf.EVERY_ROLE) <= names
    for name in gf.EVERY_ROLE:
        assert gias_role(name.upper()).name == name  # case ignored
        assert gias_role(name.lower().replace(" - ", " – ")).name == name  # any dash
    # GIAS renamed the governance professional roles in 2024: "to a" and "-" read alike.
    assert gias_role("Governance professional to a multi-academy trust (MAT)").name == \
        "Governance Professional - Multi-Academy Trust (MAT)"
    assert gias_role("Governance professional to an individual academy or free school").name == \
        "Local Governance Professional - Individual Academy or Free School"
    assert role_key("Shared  Local governor -Group") == role_key("Shared Local Governor - Group")
    offices = {r.name: r.office for r in GIAS_ROLES}
    assert offices["Chair of Trustees"] == Role.CHAIR_OF_TRUSTEES
    assert offices["Shared Chair of Local Governing Body - Group"] == Role.LGB_CHAIR
    assert offices["Shared Governance Professional - Establishment"] == Role.GOVERNANCE_PROFESSIONAL
    assert offices["Member - Individual"] == Role.MEMBER and offices["Member - Organisation"] is None
    assert gias_role("Head of Everything") is None


# --- building registers --------------------------------------------------------------------------


def test_registers_from_gias(tmp_path):
    sel = _select(write_csv(tmp_path / "g.csv", ROWS, "cp1252"))
    build = registers_from_gias(sel.records, as_of=date(2026, 11, 15), scope=OURS)
    snap = build.registers
    assert validate_registers(snap) == []
    names = [(p.id, p.title, p.forename, p.middle_names, p.surname) for p in snap.people]
    assert names == [
        ("G0001", "Ms", "Zoë", None, "Ó Briain"),
        ("G0002", "Mr", "Tom", None, "Jones"),
        ("G0003", "Mrs", "Siobhán", "Mary", "Kelly"),
        ("G0004", "Mr", "Ian", None, "Clerk"),
        ("G0005", "Dr", "Ann", None, "Head"),
    ]
    assert (snap.settings.gias_group_uid, snap.settings.company_number) == ("17001", "01234567")
    assert [a.urn for a in snap.academies] == ["100001", "100002"]
    lgbs = [b for b in snap.bodies if b.type == BodyType.LOCAL_GOVERNING_BODY]
    assert [(b.name, b.academy_urns) for b in lgbs] == [("Academy 100001 LGB", ("100001",)),
                                                        ("Academy 100002 LGB", ("100002",))]
    by = {(a.person_id, a.role, a.start): a for a in snap.appointments}
    chair = by[("G0001", Role.CHAIR_OF_TRUSTEES, date(2021, 9, 1))]
    trustee = by[("G0001", Role.TRUSTEE, date(2021, 9, 1))]  # from its own row
    assert chair.body == trustee.body == "Board"
    assert chair.end == date(2025, 8, 31) and chair.gias_start_recorded_on == date(2021, 9, 1)
    assert chair.appointed_by == AppointedBy.ACADEMY_MEMBERS
    assert by[("G0002", Role.MEMBER, date(2019, 9, 1))].body == "Members"
    shared = by[("G0002", Role.LOCAL_GOVERNOR, date(2022, 9, 1))]
    assert shared.body == "Academy 100002 LGB"
    assert shared.appointed_by == UnlistedAppointingBody("Something else")  # kept verbatim, never blanked
    assert by[("G0003", Role.LGB_CHAIR, date(2024, 9, 1))].body == "Academy 100001 LGB"
    assert by[("G0004", Role.GOVERNANCE_PROFESSIONAL, date(2020, 1, 1))].body == "Board"
    assert by[("G0005", Role.ACCOUNTING_OFFICER, date(2020, 1, 1))].end is None
    # Two consecutive trustee terms: the first ends before the second starts.
    assert by[("G0002", Role.TRUSTEE, date(2020, 9, 1))].end == date(2024, 8, 31)
    assert by[("G0002", Role.TRUSTEE, date(2024, 9, 1))].end is None
    assert unmapped_roles(sel.records) == {"Member - Organisation": 1}
    assert build.kept == Counter({"Member - Organisation": 1})
    assert sum(build.made.values()) == len(sel.records) - 1
    assert any("'Something else'" in note for note in build.notes)


def test_a_chair_keeps_the_trustee_terms_gias_gives(tmp_path):
    """The chair of trustees' own Trustee records stand as GIAS gives them: the chair row adds
    the chair role, never a new trustee term (issue 11: a 2020 term was ended in 2024)."""
    mat, acad = gf.write_national(tmp_path)
    sel = select_rows(read_gias_sources([mat, acad]), GiasScope("17001", None, frozenset(gf.ACADEMIES)))
    snap = registers_from_gias(sel.records, as_of=date(2026, 11, 15)).registers
    holloway = next(p for p in snap.people if p.surname == "Holloway")
    terms = sorted((a.role.value, a.start, a.end, a.term_end) for a in snap.appointments
                   if a.person_id == holloway.id)
    assert terms == [
        ("Chair of trustees", date(2025, 9, 1), date(2026, 8, 31), date(2026, 8, 31)),
        ("Chair of trustees", date(2026, 9, 1), None, date(2027, 8, 31)),
        ("Trustee", date(2020, 9, 1), date(2024, 8, 31), date(2024, 8, 31)),
        ("Trustee", date(2024, 9, 1), None, date(2028, 8, 31)),
    ]
    assert {a.appointed_by for a in snap.appointments if a.person_id == holloway.id
            and a.role == Role.TRUSTEE} == {AppointedBy.ACADEMY_MEMBERS}


def test_shared_governors_sit_on_their_hub_lgb(tmp_path):
    mat, acad = gf.write_national(tmp_path)
    sel = select_rows(read_gias_sources([mat, acad]), GiasScope("17001", None, frozenset(gf.ACADEMIES)))
    build = registers_from_gias(sel.records, as_of=date(2026, 11, 15))
    snap = build.registers
    assert validate_registers(snap) == []
    lgbs = {b.name: b.academy_urns for b in snap.bodies if b.type == BodyType.LOCAL_GOVERNING_BODY}
    assert lgbs == {"Shared LGB (141001, 141002)": gf.HUB, "Academy 141003 LGB": ("141003",),
                    "Academy 141004 LGB": ("141004",)}
    assert snap.lgb_by_urn["141002"].name == "Shared LGB (141001, 141002)"
    people = {p.surname: p.id for p in snap.people}
    hub = "Shared LGB (141001, 141002)"
    on_hub = {(a.person_id, a.role) for a in snap.appointments if a.body == hub and a.in_office(date(2026, 11, 15))}
    for surname, role in (("Evans", Role.LOCAL_GOVERNOR), ("Evans", Role.LGB_CHAIR), ("Sesay", Role.LOCAL_GOVERNOR),
                          ("Grant", Role.LOCAL_GOVERNOR), ("Romano", Role.LOCAL_GOVERNOR),
                          ("Nair", Role.GOVERNANCE_PROFESSIONAL)):
        assert (people[surname], role) in on_hub, surname
    # One office per shared governor: the Group row and both academies' rows are one term, dated
    # from the earliest (Sesay joined the second academy later).
    sesay = [a for a in snap.appointments if a.person_id == people["Sesay"]]
    assert [(a.role, a.body, a.start, a.end) for a in sesay] == [(Role.LOCAL_GOVERNOR, hub, date(2024, 9, 1), None)]
    # The shared clerk also clerks 141003's own LGB: a clerk does not join LGBs into a hub.
    nair = sorted(a.body for a in snap.appointments if a.person_id == people["Nair"])
    assert nair == ["Academy 141003 LGB", hub]
    # Every row of this trust became an office: nothing kept back, nothing dropped.
    assert sum(build.made.values()) == len(sel.records) and not build.kept


def test_group_rows_without_establishment_rows_go_on_a_shared_lgb_to_fill_in(tmp_path):
    rows = [
        "1,,17001,,Shared Local Governor - Group,Mr,Al,,Hub,01/09/2024,,Appointed by GB/board",
        "2,100001,,,Local Governor,Ms,Bo,,One,01/09/2024,,Elected by parents",
        "3,100002,,,Local Governor,Ms,Cy,,Two,01/09/2024,,Elected by parents",
    ]
    sel = _select(write_csv(tmp_path / "g.csv", rows), GiasScope("17001", None, frozenset({"100001", "100002"})))
    build = registers_from_gias(sel.records, as_of=date(2026, 11, 15))
    assert validate_registers(build.registers) == []
    hub = next(a for a in build.registers.appointments if a.person_id == "G0001")
    assert hub.body == "Shared LGB"
    assert next(b for b in build.registers.bodies if b.name == "Shared LGB").academy_urns == ()
    assert any("Local governing bodies page" in note for note in build.notes)
