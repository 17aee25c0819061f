"""A new, empty trust: every page says what goes there and how, with a button, instead of a bare
table (issue 15); and the empty state gives way as soon as there is something to show."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from govboard.domain import model as m
from govboard.domain.enums import Role
from govboard.store import Insert, TrustFile
from govboard.ui.widgets import EmptyState


@pytest.fixture
def empty_window(make_window, tmp_path):
    path = tmp_path / "New Trust.govboard"
    TrustFile.create(path, name="New Trust").close()
    return make_window(path)


def _shown_empty_states(page: QWidget) -> list[EmptyState]:
    return [w for w in page.findChildren(EmptyState) if w.isVisibleTo(page)]


@pytest.mark.parametrize("key, words", [
    ("people", "Everyone the registers name"),
    ("members", "No members are recorded yet"),
    ("board", "No one is appointed to the board yet"),
    ("lgbs", "No academies are recorded yet"),
    ("meetings", "No meetings of the board are recorded yet"),
    ("interests", "No one is in scope of the register of interests yet"),
    ("rpt", "No related-party agreements are recorded yet"),
    ("pay", "No executive pay decisions are recorded yet"),
])
def test_every_page_of_an_empty_trust_says_what_goes_there_and_how(empty_window, key, words):
    page = empty_window.show_page(key)
    shown = _shown_empty_states(page)
    assert len(shown) == 1, key
    state = shown[0]
    assert words in state.text.text()
    buttons = [b for b in state.findChildren(QPushButton) if b.isVisibleTo(state)]
    assert buttons and any(b.isEnabled() for b in buttons), key
    # No bare table beside it: every visible table on the page has rows (or is not there at all).
    from govboard.ui.widgets import TableBox

    bare = [t for t in page.findChildren(TableBox) if t.isVisibleTo(page) and t.model.rowCount() == 0
            and t.filter.isVisibleTo(page)]
    assert not bare, key


def test_scheme_of_delegation_of_an_empty_trust_offers_the_typical_scheme(empty_window):
    page = empty_window.show_page("sod")
    assert page.stack.currentIndex() == 0 and page.starter_btn.isEnabled()


def test_the_empty_state_gives_way_to_the_records(qtbot, empty_window):
    session = empty_window.session
    people = empty_window.show_page("people")
    session.apply([Insert(m.Person("P001", "Ada", "Lovelace"))], "Add Ada")
    assert not people.empty.isVisible() and people.content.isVisible()
    members = empty_window.show_page("members")
    assert members.empty.isVisible() and members.empty.buttons[0].isEnabled()  # Appoint, now someone exists
    assert not members.empty.buttons[1].isVisible()  # no need to send them to People
    session.apply([Insert(m.Appointment("P001", Role.MEMBER, m.MEMBERS_BODY, session.as_of))], "Appoint Ada")
    assert not members.empty.isVisible() and members.table.isVisible()
    interests = empty_window.show_page("interests")
    assert not interests.empty.isVisible() and interests.content.isVisible()  # a member is in scope


def test_read_only_empty_trust_offers_no_edits(make_window, tmp_path):
    path = tmp_path / "New Trust.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window()
    window.set_trust_file(TrustFile.open(path, read_only=True))
    for key in ("people", "meetings", "pay"):
        page = window.show_page(key)
        [state] = _shown_empty_states(page)
        assert not any(b.isEnabled() for b in state.buttons), key
