import pytest

from govboard.domain.names import fold_name, normalise_company_number, normalise_org, split_ch_name


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Siobhán Ó Briain", "SIOBHAN O'BRIAIN"),
        ("Siobhán", "siobhan"),
        ("O’Brien", "OBRIEN"),
        ("Anne-Marie", "Anne Marie"),
        ("Łukasz", "LUKASZ"),
        ("Øyvind", "Oyvind"),
        ("Đorđe", "Dorde"),
        ("Weiß", "WEISS"),
        ("Æthelred", "Aethelred"),
        ("Cœur", "Coeur"),
        ("Þór", "Thor"),
        ("Işık", "Isik"),
        ("Zoë", "Zoe"),
    ],
)
def test_fold_name_matches_variants(left, right):
    assert fold_name(left) == fold_name(right)


def test_fold_name_keeps_different_names_apart():
    assert fold_name("Smith") != fold_name("Smyth")
    assert fold_name("Siobhán Ó Briain") == "siobhanobriain"
    assert fold_name("") == "" and fold_name(None) == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("O BRIAIN, Siobhan Mary", ("Siobhan", "O BRIAIN")),
        ("SMITH, Jane", ("Jane", "SMITH")),
        ("SMITH, Jane Alice, Dr", ("Jane", "SMITH")),
        ("Jane Alice Smith", ("Jane", "Smith")),
        ("SMITH,", ("", "SMITH")),
    ],
)
def test_split_ch_name(name, expected):
    assert split_ch_name(name) == expected


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("The Smith Partnership Ltd", "SMITH PARTNERSHIP LIMITED"),
        ("Smith Partnership Ltd.", "smith partnership"),
        ("Acme PLC", "ACME"),
        ("Jones & Co LLP", "Jones and Co"),
        ("St Mary's Services", "ST MARYS SERVICES"),
        ("Crème Café Ltd", "CREME CAFE LIMITED"),
    ],
)
def test_normalise_org_matches(left, right):
    assert normalise_org(left) == normalise_org(right)


def test_normalise_org_does_not_overmatch():
    assert normalise_org("Smithson Ltd") != normalise_org("Smith Ltd")
    assert normalise_org("Smith Ltd") == "smith"
    assert normalise_org("The Smith Partnership Ltd") == "smith partnership"


def test_company_numbers_keep_their_leading_zeros():
    assert normalise_company_number("1234567") == normalise_company_number("01234567")
    assert normalise_company_number("sc 123456") == "SC123456"
