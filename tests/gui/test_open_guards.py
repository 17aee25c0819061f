"""Opening what is not a usable trust file: a clear message, and the file left byte-for-byte as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from govboard.store import trustfile as trustfile_module

from .conftest import sha256

HOLDER = textwrap.dedent("""
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.readline()
    conn.execute("ROLLBACK")
    conn.close()
""")


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(trustfile_module, "OPEN_TIMEOUT_MS", 300)


def _refused(make_window, messages, path, expected):
    before = sha256(path)
    window = make_window()
    assert window.open_path(path) is False
    assert len(messages) == 1
    kind, title, text = messages[0]
    assert kind == "warning" and title == "Cannot open trust file"
    assert path.name in text and expected in text
    assert window.session is None and list(window.pages) == ["welcome"]
    assert not window.ui.actionBackup.isEnabled() and not window.ui.actionUndo.isEnabled()
    window.close()
    assert sha256(path) == before
    return window


def test_text_file_named_govboard(make_window, messages, tmp_path):
    path = tmp_path / "x.govboard"
    path.write_text("Minutes of the board meeting held on 14 October\n", encoding="utf-8")
    _refused(make_window, messages, path, "is not a govboard trust file")


def test_a_window_started_for_a_file_it_cannot_open_falls_back_to_the_welcome_page(
        make_window, messages, tmp_path):
    # `govboard FILE` builds the window without its welcome page (it would only be replaced).
    path = tmp_path / "x.govboard"
    path.write_text("not a trust\n", encoding="utf-8")
    window = _refused(lambda: make_window(welcome=False), messages, path, "is not a govboard trust file")
    assert window.ui.pageStack.count() == 1


def test_another_apps_sqlite_file(make_window, messages, tmp_path):
    path = tmp_path / "photos.govboard"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    conn.close()
    _refused(make_window, messages, path, "is not a govboard trust file")


@pytest.mark.subprocess
def test_file_locked_by_another_process(make_window, messages, demo_file, short_timeout):
    before = sha256(demo_file)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(demo_file)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        _refused(make_window, messages, demo_file, "is in use by another program")
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=10) == 0
    assert sha256(demo_file) == before
    # Free again: it opens.
    messages.clear()
    window = make_window(demo_file)
    assert window.session is not None and not window.session.read_only and messages == []


def test_a_refused_file_keeps_the_open_one(make_window, messages, demo_file, tmp_path):
    window = make_window(demo_file)
    bad = tmp_path / "notes.govboard"
    bad.write_text("not a trust\n", encoding="utf-8")
    assert window.open_path(bad) is False
    assert window.session is not None and window.session.file.path == demo_file
    assert "people" in window.pages


def test_file_from_a_newer_govboard_opens_read_only(qtbot, make_window, messages, demo_file):
    conn = sqlite3.connect(demo_file)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('govboard', 'm0099_from_the_future', '2031-01-01 00:00:00+00:00')")
    conn.close()
    before = sha256(demo_file)

    window = make_window(demo_file)
    assert window.session.read_only
    assert [(k, t) for k, t, _ in messages] == [("information", "Opened read-only")]
    assert "newer" in messages[0][2] and demo_file.name in messages[0][2]
    assert window.read_only_label.text() == "Read-only"
    assert "newer" in window.read_only_label.toolTip()

    people = window.show_page("people")
    assert people.table.model.rowCount() > 20  # still readable
    assert not people.add_btn.isEnabled()
    people.table.select_where(lambda p: True)
    assert people.table.current() is not None
    assert not people.edit_btn.isEnabled()
    assert not any(b.isEnabled() for tab in (people.employment_tab, people.relationships_tab, people.checks_tab)
                   for b in tab.buttons)
    for key in ("members", "board", "lgbs"):
        page = window.show_page(key)
        page.table.select_where(lambda a: True)
        assert page.table.current() is not None
        assert not any(b.isEnabled() for b in (page.appoint_btn, page.edit_btn, page.end_btn,
                                                 page.reappoint_btn)), key
    meetings = window.show_page("meetings")
    meetings.table.select_where(lambda mt: True)
    assert not meetings.add_btn.isEnabled() and not meetings.edit_btn.isEnabled()
    assert not meetings.save_btn.isEnabled()
    assert all(not meetings.grid.cellWidget(r, 2).isEnabled() for r in range(meetings.grid.rowCount()))
    assert not window.ui.actionUndo.isEnabled() and not window.ui.actionRedo.isEnabled()
    # Double-clicking a row (which opens the edit dialog when writable) does nothing.
    people.edit_person()
    window.close()
    assert sha256(demo_file) == before


def test_opening_and_closing_a_good_file_changes_nothing(make_window, messages, demo_file):
    before = sha256(demo_file)
    window = make_window(demo_file)
    for key in list(window.pages):
        window.show_page(key)
    window.close()
    assert messages == []
    assert sha256(demo_file) == before
