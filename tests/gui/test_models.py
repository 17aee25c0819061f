"""Qt's model tester over the table model and the filter proxy, with the demo trust's people."""

from __future__ import annotations

from govboard.domain.names import fold_letters
from govboard.store import TrustFile
from govboard.ui.models import Column, FilterProxy, ObjectRole, RecordTableModel, SortRole

COLUMNS = [
    Column("ID", lambda p: p.id),
    Column("Name", lambda p: f"{p.surname}, {p.forename}"),
    Column("Born", lambda p: p.date_of_birth),
    Column("Email", lambda p: p.email),
]


def _people(demo_file):
    with TrustFile.open(demo_file, read_only=True) as tf:
        return sorted(tf.load_snapshot().people, key=lambda p: p.sort_name)


def test_record_table_model(qtmodeltester, demo_file):
    people = _people(demo_file)
    model = RecordTableModel(COLUMNS)
    model.set_rows(people)
    qtmodeltester.check(model, force_py=False)
    assert model.rowCount() == len(people) > 20
    assert model.index(0, 0).data(ObjectRole) is people[0]
    born = next(r for r, p in enumerate(people) if p.date_of_birth)
    assert model.index(born, 2).data() == people[born].date_of_birth.strftime("%d/%m/%Y")
    model.set_rows(people[:3])  # a reset keeps the model sound
    qtmodeltester.check(model, force_py=False)


def test_filter_proxy(qtmodeltester, demo_file):
    people = _people(demo_file)
    model = RecordTableModel(COLUMNS)
    model.set_rows(people)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=False)

    surname = people[5].surname
    proxy.set_filter_text(surname.upper())
    shown = [proxy.index(r, 0).data(ObjectRole) for r in range(proxy.rowCount())]
    assert shown and all(surname.casefold() in f"{p.surname}, {p.forename}".casefold() for p in shown)
    qtmodeltester.check(proxy, force_py=False)

    proxy.set_filter_text("")
    proxy.set_extra_filter(lambda p: p.date_of_birth is not None)
    assert proxy.rowCount() == sum(1 for p in people if p.date_of_birth)
    proxy.set_extra_filter(None)

    # Dates sort as dates (not as dd/mm/yyyy text), blanks last.
    proxy.sort(2)
    dates = [proxy.index(r, 2).data(SortRole).key for r in range(proxy.rowCount())]
    assert dates == sorted(dates)
    assert proxy.index(proxy.rowCount() - 1, 2).data() in ("", None) or all(p.date_of_birth for p in people)
    qtmodeltester.check(proxy, force_py=False)


def test_names_sort_with_their_unaccented_letters(qtmodeltester):
    names = ["Yılmaz, Ayşe", "Ó Briain, Siobhán", "Nowak, Łukasz", "O'Connell, Seán", "Okafor, Chidi",
             "Zhou, Wei", "oakley, Ann"]
    model = RecordTableModel([Column("Name", lambda name: name)])
    model.set_rows(names)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(0)
    shown = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    # Word by word, as in a printed directory: "O Briain" and "O'Connell" before "Oakley".
    assert shown == ["Nowak, Łukasz", "Ó Briain, Siobhán", "O'Connell, Seán", "oakley, Ann", "Okafor, Chidi",
                     "Yılmaz, Ayşe", "Zhou, Wei"]
    qtmodeltester.check(proxy, force_py=False)


def test_filter_ignores_case_and_accents_both_ways(demo_file):
    people = _people(demo_file)
    model = RecordTableModel(COLUMNS[:2])  # names only: no ASCII email to match by accident
    model.set_rows(people)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    accented = next(p for p in people if not p.surname.isascii())
    plain = fold_letters(accented.surname)
    assert plain.isascii() and plain != accented.surname.casefold()

    def shown():
        return [proxy.index(r, 0).data(ObjectRole) for r in range(proxy.rowCount())]

    for typed in (plain, plain.upper(), accented.surname, f"{accented.forename} {plain}"):
        proxy.set_filter_text(typed)
        assert accented in shown(), typed
    proxy.set_filter_text(f"{plain} zzz-nobody")
    assert shown() == []
