"""GIAS files in the layouts DfE publishes (formats.md section 2 v2), written byte for byte as GIAS
writes them: the national trust-level and academy-level extracts (Windows-1252, CRLF, quoted text,
four trusts), and the governor search download (a ZIP holding edubase-governor-search-results.csv,
UTF-8 without BOM, every field quoted, no Companies House Number column).

This trust, Oakfield Learning Trust (UID 17001, company 08123456), has four academies: 141001 and
141002 share a hub LGB (shared governors and a shared chair sit for both), 141003 and 141004 have
their own. Every role name GIAS prints appears in the files (other trusts hold the SSAT and SAT
ones), with both governance-professional spellings, both date styles and appointing bodies
govboard did not list before v2, and one it still does not.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

MAT_HEADER = ["GID", "URN", "UID", "Companies House Number", "Role", "Title", "Forename 1", "Forename 2",
              "Surname", "Date of appointment", "Date term of office ends/ended", "Appointing body"]
SEARCH_HEADER = [h for h in MAT_HEADER if h != "Companies House Number"]

UID, COMPANY = "17001", "08123456"
HUB = ("141001", "141002")
ACADEMIES = ("141001", "141002", "141003", "141004")
EXTRACT_DAY = "20261115"

# This trust's trust-level rows: (GID, role, title, forename 1, forename 2, surname, appointed, ends, body)
TRUST_ROWS = [
    ("90001", "Member", "Mr", "Harold", "", "Finch", "01/09/2015", "", "Original (signatory) members"),
    ("90002", "Member", "Mrs", "Agnes", "", "Moreau", "01/09/2015", "", "Original (signatory) members"),
    ("90003", "Member", "Dr", "Kwame", "", "Asante", "01/09/2019", "",
     "Any additional members appointed by the members of the academy trust"),
    ("90004", "Member", "Revd", "Clare", "", "Whitfield", "01/09/2019", "", "Foundation/sponsor members"),
    ("90005", "Member", "Ms", "Zoë", "", "Ó Briain", "01/09/2021", "",
     "Any additional members appointed by the members of the academy trust"),
    # The chair: two trustee terms as GIAS records them, and two annual chair elections.
    ("90010", "Trustee", "Mrs", "Margaret", "Ann", "Holloway", "01/09/2020", "31/08/2024",
     "Appointed by academy members"),
    ("90011", "Trustee", "Mrs", "Margaret", "Ann", "Holloway", "01/09/2024", "31/08/2028",
     "Appointed by academy members"),
    ("90012", "Chair of Trustees", "Mrs", "Margaret", "Ann", "Holloway", "01/09/2025", "31/08/2026",
     "Appointed by GB/board"),
    ("90013", "Chair of Trustees", "Mrs", "Margaret", "Ann", "Holloway", "01/09/2026", "31/08/2027",
     "Appointed by GB/board"),
    ("90014", "Trustee", "Mr", "Dev", "", "Patel", "01/09/2023", "31/08/2027", "Appointed by academy members"),
    ("90015", "Trustee", "Ms", "Renée", "", "Dubois", "15/01/2024", "14/01/2028", "Appointed by trustees"),
    ("90016", "Trustee", "Mr", "Tomás", "", "Ibáñez", "01/09/2022", "31/08/2026",
     "Appointed by Regional Schools Commissioner (RSC)"),
    ("90017", "Trustee", "Mr", "Tomás", "", "Ibáñez", "01/09/2026", "31/08/2030",
     "Appointed by Regional Schools Commissioner (RSC)"),
    ("90018", "Trustee", "Prof", "Helen", "", "Marsh", "01/01/2025", "31/12/2028", "Appointed by academy members"),
    ("90019", "Trustee", "Dr", "Kwame", "", "Asante", "01/09/2023", "31/08/2027", "Appointed by academy members"),
    ("90020", "Accounting Officer", "Dr", "Sarah", "", "Okafor", "01/04/2021", "", "N/A"),
    # The outgoing CFO's end is the day before the successor starts.
    ("90021", "Chief Financial Officer", "Mr", "Peter", "", "Lang", "01/09/2018", "31/03/2025", "N/A"),
    ("90022", "Chief Financial Officer", "Ms", "Amira", "", "Haddad", "01/04/2025", "", "N/A"),
    # The clerk, before and after GIAS renamed the role in 2024.
    ("90023", "Governance professional to a multi-academy trust (MAT)", "Mrs", "Joan", "", "Pritchard",
     "01/01/2019", "31/12/2023", "N/A"),
    ("90024", "Governance Professional - Multi-Academy Trust (MAT)", "Mr", "Owen", "", "Lloyd", "01/01/2024", "",
     "N/A"),
    # Group-level shared governors and clerk of the hub LGB.
    ("90030", "Shared Local Governor - Group", "Mrs", "Bronwen", "", "Evans", "01/09/2023", "31/08/2027",
     "Appointed by GB/board"),
    ("90031", "Shared Local Governor - Group", "Mr", "Ibrahim", "", "Sesay", "01/09/2024", "31/08/2028",
     "Appointed by trustees"),
    ("90032", "Shared Chair of Local Governing Body - Group", "Mrs", "Bronwen", "", "Evans", "01/09/2025",
     "31/08/2026", "Appointed by GB/board"),
    ("90033", "Shared Chair of Local Governing Body - Group", "Mrs", "Bronwen", "", "Evans", "01/09/2026",
     "31/08/2027", "Appointed by GB/board"),
    ("90034", "Shared Governance Professional - Group", "Ms", "Priya", "", "Nair", "01/09/2022", "", "N/A"),
]

# This trust's academy-level rows: (GID, URN, role, title, forename 1, forename 2, surname, appointed, ends, body)
ACADEMY_ROWS = [
    # The hub LGB (141001 and 141002): shared governors, chair and clerk at both academies ...
    ("91001", "141001", "Shared Local Governor - Establishment", "Mrs", "Bronwen", "", "Evans", "01-09-2023",
     "31-08-2027", "Appointed by GB/board"),
    ("91002", "141002", "Shared Local Governor - Establishment", "Mrs", "Bronwen", "", "Evans", "01-09-2023",
     "31-08-2027", "Appointed by GB/board"),
    ("91003", "141001", "Shared Local Governor - Establishment", "Mr", "Ibrahim", "", "Sesay", "01-09-2024",
     "31-08-2028", "Appointed by trustees"),
    ("91004", "141002", "Shared Local Governor - Establishment", "Mr", "Ibrahim", "", "Sesay", "01-01-2025",
     "31-08-2028", "Appointed by trustees"),
    ("91005", "141001", "Shared Chair of Local Governing Body - Establishment", "Mrs", "Bronwen", "", "Evans",
     "01-09-2026", "31-08-2027", "Appointed by GB/board"),
    ("91006", "141002", "Shared Chair of Local Governing Body - Establishment", "Mrs", "Bronwen", "", "Evans",
     "01-09-2026", "31-08-2027", "Appointed by GB/board"),
    ("91007", "141001", "Shared Governance Professional - Establishment", "Ms", "Priya", "", "Nair", "01-09-2022",
     "", "N/A"),
    ("91008", "141002", "Shared Governance Professional - Establishment", "Ms", "Priya", "", "Nair", "01-09-2022",
     "", "N/A"),
    ("91009", "141003", "Shared Governance Professional - Establishment", "Ms", "Priya", "", "Nair", "01-09-2022",
     "", "N/A"),
    # ... and each academy's own parent and staff governors.
    ("91010", "141001", "Local Governor", "Mrs", "Fiona", "", "Grant", "01-10-2024", "30-09-2028",
     "Elected by parents"),
    ("91011", "141002", "Local Governor", "Mr", "Luca", "", "Romano", "01-10-2023", "30-09-2027",
     "Parent appointed by GB/board due to no election candidates"),
    ("91012", "141001", "Local Governor", "Ms", "Nia", "", "Jones", "01-10-2024", "30-09-2028",
     "Elected by school staff"),
    ("91013", "141002", "Local Governor", "Mr", "Sam", "", "O'Neill", "01-09-2025", "31-08-2029",
     "Ex-officio by virtue of office as headteacher/principal"),
    # 141003: its own LGB.
    ("91020", "141003", "Chair of Local Governing Body", "Mr", "Gareth", "", "Hughes", "01-09-2026",
     "31-08-2027", "Appointed by GB/board"),
    ("91021", "141003", "Local Governor", "Mr", "Gareth", "", "Hughes", "01-09-2022", "31-08-2026",
     "Nominated by LA and appointed by GB"),
    ("91022", "141003", "Local Governor", "Mr", "Gareth", "", "Hughes", "01-09-2026", "31-08-2030",
     "Nominated by LA and appointed by GB"),
    ("91023", "141003", "Local Governor", "Mrs", "Aoife", "", "Byrne", "01-11-2023", "31-10-2027",
     "Elected by parents"),
    ("91024", "141003", "Local Governor", "Mr", "Chen", "", "Wei", "01-11-2023", "31-10-2027",
     "Elected by parents"),
    ("91025", "141003", "Local Governor", "Ms", "Grace", "", "Adeyemi", "01-02-2024", "31-01-2028",
     "Appointed by LA"),
    ("91026", "141003", "Local Governor", "Revd", "Mark", "", "Tolley", "01-09-2021", "",
     "Ex-officio foundation governor (appointed by foundation by virtue of the office they hold)"),
    # 141004: its own LGB, a local clerk, an interim board appointee and a body govboard does not list.
    ("91030", "141004", "Chair of Local Governing Body", "Ms", "Hannah", "", "Fry", "01-09-2026", "31-08-2027",
     "Appointed by GB/board"),
    ("91031", "141004", "Local Governor", "Ms", "Hannah", "", "Fry", "01-09-2024", "31-08-2028",
     "Appointed by foundation/Trust"),
    ("91032", "141004", "Local Governor", "Mr", "Olu", "", "Bankole", "01-03-2025", "28-02-2029",
     "Elected by parents"),
    ("91033", "141004", "Local Governor", "Mrs", "Maria", "", "Silva", "01-03-2025", "28-02-2029",
     "Elected by parents"),
    ("91034", "141004", "Local Governor", "Mr", "Ray", "", "Dunn", "01-06-2025", "31-05-2029",
     "Interim Executive Board"),
    ("91035", "141004", "Local Governor", "Mrs", "Ruth", "", "Abbott", "01-06-2025", "31-05-2029",
     "Appointed by the Diocesan Board of Education"),
    ("91036", "141004", "Local Governance Professional - Individual Academy or Free School", "Mr", "Tim", "",
     "Clarke", "01-09-2024", "", "N/A"),
]

# Other trusts in the national files: a MAT, a secure single-academy trust and a single-academy trust.
OTHER_TRUST_ROWS = [
    ("80001", "", "17002", "08222222", "Member", "Mr", "Alan", "", "Other", "01/09/2016", "", "Original (signatory) members"),
    ("80002", "", "17002", "08222222", "Trustee", "Ms", "Beth", "", "Other", "01/09/2022", "", "Appointed by academy members"),
    ("80003", "", "17002", "08222222", "Chair of Trustees", "Ms", "Beth", "", "Other", "01/09/2026", "", "Appointed by GB/board"),
    ("80004", "", "17002", "08222222", "Shared Local Governor - Group", "Mr", "Carl", "", "Other", "01/09/2024", "", "Appointed by GB/board"),
    ("80010", "", "17003", "09333333", "Member - Individual", "Mr", "Dan", "", "Secure", "01/09/2020", "", "Appointed by SSAT original signatory member(s)"),
    ("80011", "", "17003", "09333333", "Member - Organisation", "", "Secure Futures", "", "Foundation", "01/09/2020", "", "Appointed by SSAT member(s)"),
    ("80012", "", "17003", "09333333", "Governance Professional - Secure Single-Academy Trust (SSAT)", "Ms", "Eve", "", "Secure", "01/09/2021", "", "N/A"),
    ("80013", "", "17003", "09333333", "Trustee", "Mr", "Finn", "", "Secure", "01/09/2021", "", "Appointed by SSAT member(s)"),
    ("80020", "", "17004", "07444444", "Governance Professional - Single-Academy Trust (SAT)", "Mrs", "Gail", "", "Single", "01/09/2019", "", "N/A"),
    ("80021", "", "17004", "07444444", "Trustee", "Mr", "Hal", "", "Single", "01/09/2019", "", "Appointed by academy members"),
]
OTHER_ACADEMY_ROWS = [
    ("81001", "150001", "Local Governor", "Mr", "Ian", "", "Elsewhere", "01-09-2024", "", "Elected by parents"),
    ("81002", "150001", "Shared Local Governor - Establishment", "Mr", "Carl", "", "Other", "01-09-2024", "", "Appointed by GB/board"),
    ("81003", "150002", "Chair of Local Governing Body", "Ms", "Jo", "", "Elsewhere", "01-09-2025", "", "Appointed by GB/board"),
    ("81004", "150003", "Governor", "Mr", "Ken", "", "Maintained", "01-09-2023", "", "Appointed by LA"),
    ("81005", "150003", "Chair of Governors", "Mrs", "Liz", "", "Maintained", "01-09-2023", "", "Appointed by GB/board"),
]

EVERY_ROLE = [  # formats.md section 2 v2, as GIAS prints them
    "Member", "Trustee", "Chair of Trustees", "Accounting Officer", "Chief Financial Officer", "Local Governor",
    "Chair of Local Governing Body", "Shared Local Governor - Group", "Shared Local Governor - Establishment",
    "Shared Chair of Local Governing Body - Group", "Shared Chair of Local Governing Body - Establishment",
    "Governance Professional - Multi-Academy Trust (MAT)", "Shared Governance Professional - Group",
    "Shared Governance Professional - Establishment",
    "Local Governance Professional - Individual Academy or Free School",
    "Governance Professional - Single-Academy Trust (SAT)", "Member - Individual", "Member - Organisation",
    "Governance Professional - Secure Single-Academy Trust (SSAT)",
]


def mat_rows() -> list[list[str]]:
    ours = [[gid, "", UID, COMPANY, role, title, f1, f2, sn, start, end, body]
            for gid, role, title, f1, f2, sn, start, end, body in TRUST_ROWS]
    return ours + [list(r) for r in OTHER_TRUST_ROWS]


def acad_rows() -> list[list[str]]:
    ours = [[gid, urn, "", "", role, title, f1, f2, sn, start, end, body]
            for gid, urn, role, title, f1, f2, sn, start, end, body in ACADEMY_ROWS]
    others = [[gid, urn, "", "", role, title, f1, f2, sn, start, end, body]
              for gid, urn, role, title, f1, f2, sn, start, end, body in OTHER_ACADEMY_ROWS]
    return ours + others


def csv_bytes(header, rows, *, encoding: str, quote_all: bool = False, bom: bool = False,
              errors: str = "strict") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = out.getvalue().encode(encoding, errors)
    return (b"\xef\xbb\xbf" + data) if bom else data


def write_national(folder: Path, *, encoding: str = "cp1252", bom: bool = False) -> tuple[Path, Path]:
    """governancematdata<date>.csv and governanceacaddata<date>.csv, as DfE publishes them."""
    mat = folder / f"governancematdata{EXTRACT_DAY}.csv"
    acad = folder / f"governanceacaddata{EXTRACT_DAY}.csv"
    mat.write_bytes(csv_bytes(MAT_HEADER, mat_rows(), encoding=encoding, bom=bom))
    acad.write_bytes(csv_bytes(MAT_HEADER, acad_rows(), encoding=encoding, bom=bom))
    return mat, acad


def search_rows() -> list[list[str]]:
    """The governor search for this trust: its group's rows and its academies' rows."""
    rows = [[r[0], r[1], r[2], *r[4:]] for r in mat_rows() if r[2] == UID]
    rows += [[r[0], r[1], r[2], *r[4:]] for r in acad_rows() if r[1] in ACADEMIES]
    return rows


def write_search_zip(path: Path, rows=None) -> Path:
    """The governor search download: a ZIP holding edubase-governor-search-results.csv."""
    data = csv_bytes(SEARCH_HEADER, search_rows() if rows is None else rows, encoding="utf-8", quote_all=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("edubase-governor-search-results.csv", data)
    return path
