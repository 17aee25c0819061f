from __future__ import annotations

import json
from datetime import date

import pytest

from govboard.io.companies_house import CompaniesHouseError, read_ch_officers

SAMPLE = {
    "kind": "officer-list",
    "links": {"self": "/company/01234567/officers"},
    "active_count": 1,
    "items": [
        {"name": "Ó BRIAIN, Zoë", "officer_role": "director", "appointed_on": "2021-09-01",
         "date_of_birth": {"month": 2, "year": 1970}},
        {"name": "JONES, Tom", "officer_role": "secretary", "appointed_on": "2019-09-01",
         "resigned_on": "2024-08-31"},
    ],
}


def test_reads_officers(tmp_path):
    path = tmp_path / "officers.json"
    path.write_text(json.dumps(SAMPLE, ensure_ascii=False), encoding="utf-8")
    result = read_ch_officers(path)
    assert result.company_number == "01234567"
    zoe, tom = result.officers
    assert (zoe.name, zoe.officer_role, zoe.appointed_on, zoe.birth_month, zoe.birth_year) == (
        "Ó BRIAIN, Zoë", "director", date(2021, 9, 1), 2, 1970)
    assert zoe.active and not tom.active and tom.resigned_on == date(2024, 8, 31)


def test_not_json(tmp_path):
    path = tmp_path / "officers.json"
    path.write_text("<html>Sign in</html>")
    with pytest.raises(CompaniesHouseError, match=r"^officers.json is not a Companies House officers "
                                                  r"file: it is not JSON"):
        read_ch_officers(path)


def test_json_without_items(tmp_path):
    path = tmp_path / "company.json"
    path.write_text(json.dumps({"company_name": "X"}))
    with pytest.raises(CompaniesHouseError, match="has no 'items' list"):
        read_ch_officers(path)
    path.write_text(json.dumps([1, 2]))
    with pytest.raises(CompaniesHouseError, match="has no 'items' list"):
        read_ch_officers(path)


def test_bad_date(tmp_path):
    path = tmp_path / "o.json"
    path.write_text(json.dumps({"items": [{"name": "A, B", "appointed_on": "yesterday"}]}))
    with pytest.raises(CompaniesHouseError, match="officer 1 has 'yesterday' as appointed_on"):
        read_ch_officers(path)


def test_missing_file(tmp_path):
    with pytest.raises(CompaniesHouseError, match="does not exist"):
        read_ch_officers(tmp_path / "nope.json")
