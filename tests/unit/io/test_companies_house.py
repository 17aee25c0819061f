from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from govboard.cli import main
from govboard.io.companies_house import CompaniesHouseError, merge_ch_pages, read_ch_officers
from govboard.store import TrustFile

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


# --- v2: every field checked, pages merged ---------------------------------------------------------

COMPANY = "08123456"


def officer_page(start: int, count: int, total: int, *, company=COMPANY, per_page=35) -> dict:
    """A page of GET /company/{number}/officers: actives first, then the resigned."""
    items = []
    for i in range(start, start + count):
        item = {"name": f"SURNAME{i:02d}, Forename{i:02d} Middle", "officer_role": "director",
                "appointed_on": "2020-09-01", "date_of_birth": {"month": 1 + i % 12, "year": 1960 + i}}
        if i >= 10:
            item["resigned_on"] = "2022-08-31"
        items.append(item)
    return {"kind": "officer-list", "links": {"self": f"/company/{company}/officers"}, "etag": "x",
            "items": items, "items_per_page": per_page, "start_index": start, "total_results": total,
            "active_count": min(total, 10), "resigned_count": max(total - 10, 0), "inactive_count": 0}


def write_pages(tmp_path, total=42, per_page=35):
    paths = []
    for n, start in enumerate(range(0, total, per_page), start=1):
        path = tmp_path / f"officers-page{n}.json"
        path.write_text(json.dumps(officer_page(start, min(per_page, total - start), total)))
        paths.append(path)
    return paths


@pytest.mark.parametrize("item,words", [
    ({"name": "A, B", "appointed_on": "2024-01-01garbage"}, "officer 1 has '2024-01-01garbage' as appointed_on"),
    ({"name": "A, B", "appointed_on": 20240101}, "officer 1 has 20240101 as appointed_on"),
    ({"name": "A, B", "appointed_on": "2024-13-01"}, "officer 1 has '2024-13-01' as appointed_on, which is not a real date"),
    ({"name": "A, B", "appointed_on": "0005-01-01"}, "the year is not a sensible one"),
    ({"name": "A, B", "date_of_birth": {"month": 13, "year": 1970}}, "13 as date_of_birth month (1 to 12 expected)"),
    ({"name": "A, B", "date_of_birth": {"month": -1, "year": 1970}}, "-1 as date_of_birth month"),
    ({"name": "A, B", "date_of_birth": {"month": 1, "year": -5}}, "-5 as date_of_birth year"),
    ({"name": "A, B", "date_of_birth": "1970-01"}, "date_of_birth that is not a month and a year"),
    ({"name": ["A", "B"]}, "officer 1's name is not text"),
    ({"name": "   "}, "officer 1 has no name"),
    ({"name": "A, B", "officer_role": 7}, "officer 1's officer_role is not text"),
    ({"name": "A, B", "appointed_on": "2024-05-01", "resigned_on": "2024-01-01"},
     "officer 1 resigned on 2024-01-01, before being appointed on 2024-05-01"),
    ("just text", "officer 1 is not an officer record"),
])
def test_each_field_is_checked(tmp_path, item, words):
    path = tmp_path / "o.json"
    path.write_text(json.dumps({"items": [item], "start_index": 0}))
    with pytest.raises(CompaniesHouseError) as raised:
        read_ch_officers(path)
    assert raised.value.message.startswith("o.json: ") and words in raised.value.message


def test_problems_are_numbered_in_the_whole_list_and_all_reported(tmp_path):
    path = tmp_path / "page2.json"
    items = [{"name": f"P{i}, X", "appointed_on": "bad"} for i in range(7)]
    path.write_text(json.dumps({"items": items, "start_index": 35, "total_results": 42}))
    with pytest.raises(CompaniesHouseError) as raised:
        read_ch_officers(path)
    assert "officer 36 has 'bad' as appointed_on" in raised.value.message
    assert raised.value.message.endswith("(and 2 more)") and len(raised.value.problems) == 7


def test_pages_merge_by_start_index(tmp_path):
    first, second = write_pages(tmp_path)
    page1 = read_ch_officers(first)
    assert (len(page1.officers), page1.total_results, page1.complete) == (35, 42, False)
    assert page1.shortfall_text == "35 of 42 officers: import the other pages"
    merged = merge_ch_pages([read_ch_officers(second), page1, read_ch_officers(first)])  # any order, twice
    assert merged.complete and len(merged.officers) == 42 and merged.company_number == COMPANY
    assert [o.name for o in merged.officers[:2]] == ["SURNAME00, Forename00 Middle", "SURNAME01, Forename01 Middle"]
    assert merged.officers[-1].name.startswith("SURNAME41") and merged.positions == tuple(range(42))
    other = tmp_path / "other.json"
    other.write_text(json.dumps(officer_page(35, 7, 42, company="09999999")))
    with pytest.raises(CompaniesHouseError, match="is company 08123456 but other.json is company 09999999"):
        merge_ch_pages([page1, read_ch_officers(other)])


def _trust(tmp_path) -> str:
    path = tmp_path / "t.govboard"
    with TrustFile.create(path, name="Oakfield") as tf:
        tf.save_settings(tf.settings().with_changes(company_number=COMPANY))
    return str(path)


def test_import_ch_pages_together_or_one_at_a_time(tmp_path):
    runner = CliRunner()
    first, second = write_pages(tmp_path)
    trust = _trust(tmp_path)
    one = runner.invoke(main, ["import-ch", trust, str(first), "--as-of", "2026-11-20"])
    assert one.exit_code == 0, one.output
    assert one.stdout.splitlines()[0] == "Stored 35 of 42 officers: import the other pages."
    with TrustFile.open(trust, read_only=True) as tf:
        stored = tf.latest_companies_house()
    assert (len(stored.officers), stored.total_results, stored.complete) == (35, 42, False)
    # Page 2 on its own joins page 1 stored for the same day (it used to replace it).
    two = runner.invoke(main, ["import-ch", trust, str(second), "--as-of", "2026-11-20"])
    assert two.exit_code == 0, two.output
    assert "Joined to the pages already stored for 2026-11-20 (officers-page1.json)." in two.stdout
    assert "Stored 42 officers as at 2026-11-20." in two.stdout
    with TrustFile.open(trust, read_only=True) as tf:
        joined = tf.load_snapshot().companies_house
    assert joined.complete and len(joined.officers) == 42
    assert joined.source_name == "officers-page1.json, officers-page2.json"
    together = runner.invoke(main, ["import-ch", trust, str(second), str(first), "--as-of", "2026-11-21"])
    assert together.exit_code == 0 and "Stored 42 officers as at 2026-11-21." in together.stdout


def test_import_ch_refuses_another_company_and_bad_files_leaving_the_file_alone(tmp_path):
    runner = CliRunner()
    trust = _trust(tmp_path)
    before = (tmp_path / "t.govboard").read_bytes()
    other = tmp_path / "other.json"
    other.write_text(json.dumps(officer_page(0, 3, 3, company="09999999")))
    refused = runner.invoke(main, ["import-ch", trust, str(other)])
    assert refused.exit_code == 2 and "officers of company 09999999, not this trust's (08123456)" in refused.stderr
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"items": [{"name": "A, B", "appointed_on": "2024-01-01garbage"}]}))
    refused = runner.invoke(main, ["import-ch", trust, str(bad)])
    assert refused.exit_code == 2 and len(refused.stderr.splitlines()) == 1
    assert (tmp_path / "t.govboard").read_bytes() == before
