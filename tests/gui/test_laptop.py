"""A school laptop: the first window fits the screen, the sidebar folds to icons, every table has
a column chooser and says when columns are hidden, empty columns give way first, and the scheme
of delegation stays readable at 1024 wide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMenu

from govboard.ui.main_window import SIDEBAR_KEY, first_window_geometry
from govboard.ui.widgets import TableBox


@pytest.fixture
def app_style(qapp):
    from govboard.ui.app import _read_qss
    from govboard.ui.forms import govboard_rc  # noqa: F401 - registers the style sheet

    qapp.setStyleSheet(_read_qss())
    yield
    qapp.setStyleSheet("")


# --- the first window ------------------------------------------------------------------------------


@pytest.mark.parametrize("screen, maximised", [
    ((1366, 728), True), ((1024, 728), True), ((1280, 984), True),  # a taskbar takes 40 px
    ((1440, 860), False), ((1920, 1040), False),
])
def test_first_window_is_maximised_below_1440_and_never_larger_than_the_screen(screen, maximised):
    available = QRect(0, 0, *screen)
    geometry, is_maximised = first_window_geometry(available)
    assert is_maximised == maximised
    assert available.contains(geometry)
    if not maximised:  # the designed size where it fits with its frame, centred
        assert geometry.width() <= 1280 and geometry.height() <= 800
        assert geometry.height() <= screen[1] - 40
        assert abs(geometry.center().x() - available.center().x()) <= 1


def test_first_window_here_fills_the_small_offscreen_screen(make_window):
    window = make_window(size=None)
    available = window.screen().availableGeometry()
    assert available.width() < 1440
    assert window.windowState() & Qt.WindowState.WindowMaximized
    assert window.width() <= available.width() and window.height() <= available.height()


def test_remembered_geometry_wins_but_is_clamped_to_the_screen(make_window, settings_path):
    available = make_window(show=False, size=None).screen().availableGeometry()
    big = make_window(size=None)
    big.setWindowState(Qt.WindowState.WindowNoState)
    big.setGeometry(available.x() + 200, available.y() + 150, available.width() + 400, available.height() + 300)
    big.close()  # remembered as it was: bigger than the screen, partly off it
    again = make_window(size=None)
    assert not again.windowState() & Qt.WindowState.WindowMaximized  # the remembered state wins
    assert again.width() <= available.width() and again.height() <= available.height()
    assert available.adjusted(-4, -4, 4, 4).contains(again.frameGeometry())  # the platform's frame aside

    small = make_window(size=None)
    small.setWindowState(Qt.WindowState.WindowNoState)
    small.setGeometry(available.x() + 30, available.y() + 40, 500, 400)
    small.close()
    kept = make_window(size=None)
    assert (kept.width(), kept.height()) == (500, 400)


# --- the sidebar -------------------------------------------------------------------------------------


def test_sidebar_folds_to_icons_and_remembers(qtbot, make_window, demo_file, settings_path):
    window = make_window(demo_file)
    nav = window.ui.navList
    titles = [nav.item(i).text() for i in range(nav.count())]
    assert titles[0] == "Dashboard"
    qtbot.mouseClick(window.sidebar_toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: nav.width() < 100)
    assert [nav.item(i).text() for i in range(nav.count())] == [""] * len(titles)
    assert [nav.item(i).toolTip() for i in range(nav.count())] == titles  # the name, on hover
    assert window.sidebar_action.isChecked()
    assert window.ui.pageStack.width() >= 1280 - 100 - 20  # the page takes the room
    window.close()

    again = make_window(demo_file)  # remembered
    assert again.sidebar_icons_only and again.ui.navList.item(0).text() == ""
    again.sidebar_action.trigger()  # View > Icons only in the sidebar, off again
    assert not again.sidebar_icons_only and again.ui.navList.item(0).text() == "Dashboard"
    qtbot.waitUntil(lambda: again.ui.navList.width() >= again.ui.navList.minimumWidth() >= 200)  # names whole
    assert QSettings(str(settings_path), QSettings.Format.IniFormat).value(SIDEBAR_KEY, type=bool) is False


def test_sidebar_starts_as_icons_on_a_small_screen_until_chosen(qtbot, settings_path):
    from govboard.ui.main_window import MainWindow

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)  # nothing chosen yet
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.screen().availableGeometry().width() < 1200  # the offscreen screen
    assert window.sidebar_icons_only
    window.set_sidebar_icons_only(False)
    chosen = MainWindow(QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(chosen)
    assert not chosen.sidebar_icons_only


# --- the column chooser ---------------------------------------------------------------------------


def _people_table(window) -> TableBox:
    return window.show_page("people").table


def test_right_click_a_heading_to_choose_the_columns(qtbot, window):
    table = _people_table(window)
    header = table.view.horizontalHeader()
    names = [c.header for c in table.model.columns]
    name_col = names.index("Name")
    qtbot.waitExposed(table)
    position = QPoint(header.sectionViewportPosition(name_col) + 5, header.height() // 2)
    header.customContextMenuRequested.emit(position)  # what a right-click on the heading sends
    menu = QApplication.activePopupWidget()
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    actions = [a for a in menu.actions() if a.isCheckable()]
    assert [a.text() for a in actions] == names
    findings = next(a for a in actions if a.text() == "Findings")
    findings.trigger()  # untick: hidden
    menu.close()
    col = names.index("Findings")
    assert table.view.isColumnHidden(col)
    assert table.hidden_hint.isVisible() and table.hidden_hint.text() == "1 column hidden"
    assert "Hidden by you: Findings." in table.hidden_hint.toolTip()

    table.set_column_shown(col, True)  # ticked again
    assert not table.view.isColumnHidden(col) and col not in table.hidden_columns()
    # Shown even if room is short: another column may give way for it, and the hint says so.
    assert not table.hidden_hint.isVisible() or "Hidden by you" not in table.hidden_hint.toolTip()


def test_column_choices_are_kept_for_next_time_by_heading(qtbot, make_window, demo_file, settings_path):
    window = make_window(demo_file)
    table = _people_table(window)
    names = [c.header for c in table.model.columns]
    table.set_column_shown(names.index("Findings"), False)
    table.set_column_shown(names.index("Email"), False)
    table.set_column_shown(names.index("Email"), True)  # ticked again: shown even when room is short
    window.close()

    again = make_window(demo_file)
    table = _people_table(again)
    assert [table.model.columns[c].header for c in sorted(table._user_hidden)] == ["Findings"]
    assert table.view.isColumnHidden(names.index("Findings"))
    assert table.hidden_hint.isVisible() and "Hidden by you: Findings." in table.hidden_hint.toolTip()
    assert names.index("Email") in table._user_shown
    table.show_all_columns()
    again.close()
    third = make_window(demo_file)
    assert _people_table(third)._user_hidden == set()
    assert not _people_table(third).view.isColumnHidden(names.index("Findings"))


def test_a_damaged_column_choice_is_ignored(qtbot, make_window, demo_file, settings_path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue("columns/people/0", "{not json")
    settings.setValue("columns/meetings/0", '{"hidden": ["No such column", ["a list"], 7]}')
    settings.setValue("columns/findings/0", '["not", "a", "choice"]')
    settings.setValue("columns/interests/0", '{"hidden": "Name", "shown": null}')
    settings.sync()
    window = make_window(demo_file)
    assert _people_table(window)._user_hidden == set()
    for key in ("meetings", "findings", "interests"):
        assert window.show_page(key).findChildren(TableBox)[0]._user_hidden == set(), key


def test_the_last_column_cannot_be_hidden(window):
    table = _people_table(window)
    for col in range(1, table.model.columnCount()):
        table.set_column_shown(col, False)
    menu = table.column_menu()
    [only] = [a for a in menu.actions() if a.isCheckable() and a.isChecked()]
    assert not only.isEnabled()
    assert table.hidden_hint.text() == f"{table.model.columnCount() - 1} columns hidden"
    table.show_all_columns()
    assert table.hidden_columns() == [] and not table.hidden_hint.isVisible()


def _tables(page) -> list[TableBox]:
    return [t for t in page.findChildren(TableBox) if t.isVisible()]


def test_at_1024_no_column_vanishes_without_a_hint(qtbot, app_style, make_window, demo_file):
    window = make_window(demo_file, size=(1024, 700))
    seen_hidden = {}
    for key in window.pages:
        page = window.show_page(key)
        qtbot.waitExposed(page)
        qtbot.wait(20)
        for table in _tables(page):
            hidden = [c for c in range(table.model.columnCount()) if table.view.isColumnHidden(c)]
            page_hidden = [c for c in hidden if c not in table.hidden_columns()]
            # Only a column the page never shows (the body on the Board page: chosen above) goes
            # without the hint; every other hidden column is counted in it.
            assert all(c not in table._dropped and c not in table._user_hidden for c in page_hidden)
            assert table.hidden_hint.isVisible() == bool(table.hidden_columns()), key
            if table.hidden_columns():
                seen_hidden[key] = [table.model.columns[c].header for c in table.hidden_columns()]
                assert table.hidden_hint.text().startswith(f"{len(table.hidden_columns())} column")
    assert seen_hidden, "at 1024 something gives way somewhere"
    print("hidden at 1024:", seen_hidden)


def test_empty_columns_keep_only_their_heading_and_give_way_first(qtbot, app_style, make_window, demo_file):
    window = make_window(demo_file, size=(1600, 800))
    page = window.show_page("board")
    table = page.table
    qtbot.waitExposed(table)
    names = [c.header for c in table.model.columns]
    ended, reason = names.index("Ended"), names.index("Reason")
    rows = table.visible_objects()
    assert rows and all(a.end is None for a in rows), "the Board page shows current appointments"
    assert {ended, reason} <= table._empty
    header = table.view.horizontalHeader()
    metrics = header.fontMetrics()
    for col in (ended, reason):  # no more than the heading needs (bold, padded)
        assert header.sectionSize(col) <= metrics.horizontalAdvance(names[col]) * 1.3 + 30

    window.resize(1024, 700)
    qtbot.waitUntil(lambda: table.view.isColumnHidden(ended) or not table._dropped)
    if table._dropped:  # room was short: the empty columns went before anything else
        assert set(table._dropped) <= table._empty | set(table.optional)
        assert "Hidden to make room:" in table.hidden_hint.toolTip()


# --- the scheme of delegation at 1024 ------------------------------------------------------------------


def test_scheme_decisions_wrap_rather_than_being_cut_at_1024(qtbot, app_style, make_window, demo_file):
    window = make_window(demo_file, size=(1024, 700))
    page = window.show_page("sod")
    qtbot.waitExposed(page.view)
    qtbot.waitUntil(lambda: page.view.wordWrap())
    rows = page.view.verticalHeader()
    one_line = rows.defaultSectionSize()
    longest = max((r for kind, r in page.model.entries if kind == "row"), key=lambda r: len(r.decision))
    row = page.model.row_of_ref(longest.ref)
    assert rows.sectionSize(row) > one_line  # whole, on more lines, not "Approve contracts ab…"
    assert rows.sectionSize(row) >= page.view.sizeHintForRow(row)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: not page.view.wordWrap())
    assert rows.sectionSize(row) == one_line
