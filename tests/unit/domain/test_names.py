"""Names: sort order."""

from govboard.domain.model import Person


def test_people_sort_by_surname_with_accents_folded():
    people = [Person("1", "Wei", "Zhou"), Person("2", "Siobhán", "Ó Briain"), Person("3", "Łukasz", "Nowak"),
              Person("4", "Ann", "Oakley"), Person("5", "Ayşe", "Yılmaz")]
    assert [p.surname for p in sorted(people, key=lambda p: p.sort_name)] == [
        "Nowak", "Ó Briain", "Oakley", "Yılmaz", "Zhou"]
