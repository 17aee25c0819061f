"""The app shell: the unexpected-error dialog and log, remembered geometry, recent files."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from govboard.ui import app as app_module


@pytest.fixture
def log_file():
    """The app's log set up as at start-up (in GOVBOARD_LOG_DIR), removed again afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = app_module.setup_logging()
    yield path
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.mark.qt_no_exception_capture
def test_unexpected_error_shows_a_dialog_and_logs_the_traceback(qtbot, window, log_file, monkeypatch, tmp_path):
    assert log_file.parent == tmp_path / "logs"
    shown = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text(), box.detailedText(), box.parent()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app_module.install_excepthook(lambda: window)

    def broken_slot():
        raise RuntimeError("the board pack printer caught fire")

    QTimer.singleShot(0, broken_slot)  # raised inside the Qt event loop, like a failing button
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)

    title, text, detail, parent = shown[0]
    assert title == "Something went wrong"
    assert "the board pack printer caught fire" in text
    assert str(tmp_path / "logs" / "govboard.log") in text
    assert "Traceback" in detail and "broken_slot" in detail
    assert parent is window
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "Unexpected error" in logged
    assert "RuntimeError: the board pack printer caught fire" in logged and "broken_slot" in logged
    assert window.isVisible()  # the app keeps running


def test_window_geometry_is_remembered(make_window, settings_path, demo_file):
    # The offscreen screen is 800x800 and Qt fits restored windows on the screen, so stay inside it.
    first = make_window(demo_file, size=None)
    first.close()
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    assert settings.value("files/last") == str(demo_file)

    second = make_window()
    second.resize(760, 540)
    second.move(20, 25)
    second.ui.splitter.setSizes([300, 460])
    sizes = second.ui.splitter.sizes()
    second.close()
    assert settings.value("window/geometry") is not None

    third = make_window(size=None)
    assert (third.width(), third.height()) == (760, 540)
    assert third.ui.splitter.sizes() == sizes


def test_recent_files_newest_first(make_window, demo_file, tmp_path):
    other = tmp_path / "Second Trust.govboard"
    shutil.copyfile(demo_file, other)
    window = make_window()
    assert window.recent_files() == []
    window.ui.menuRecent.aboutToShow.emit()
    assert [a.text() for a in window.ui.menuRecent.actions()] == ["No recent files"]

    assert window.open_path(demo_file)
    assert window.open_path(other)
    assert window.recent_files() == [str(other.resolve()), str(demo_file.resolve())]
    window.ui.menuRecent.aboutToShow.emit()
    texts = [a.text() for a in window.ui.menuRecent.actions() if not a.isSeparator()]
    assert texts[:2] == [f"&1 {other.name}", f"&2 {demo_file.name}"]
    assert texts[-1] == "Clear list"

    # Reopening the older one moves it to the top without duplicating it; the menu opens it.
    first_action = next(a for a in window.ui.menuRecent.actions() if a.text() == f"&2 {demo_file.name}")
    first_action.trigger()
    assert window.session.file.path == Path(str(demo_file.resolve()))
    assert window.recent_files() == [str(demo_file.resolve()), str(other.resolve())]
    window.close()

    # A new window (same settings) lists them too; a missing file is shown disabled.
    other.unlink()
    fresh = make_window()
    fresh.ui.menuRecent.aboutToShow.emit()
    actions = {a.text(): a for a in fresh.ui.menuRecent.actions() if not a.isSeparator()}
    assert actions[f"&1 {demo_file.name}"].isEnabled()
    assert not actions[f"&2 {other.name}"].isEnabled()
    actions["Clear list"].trigger()
    assert fresh.recent_files() == []


def test_opening_a_second_file_replaces_every_page(make_window, demo_file, tmp_path):
    other = tmp_path / "Other Trust.govboard"
    shutil.copyfile(demo_file, other)
    window = make_window(demo_file)
    first_session = window.session
    window.show_page("history")
    window.show_page("people")
    assert window.open_path(other)  # used to crash: emptying the stack refreshed pages on the closed file
    assert window.session is not first_session and window.session.file.path == other
    history = window.show_page("history")
    assert history.session is window.session and history.table.model.rowCount() > 0
    with pytest.raises(Exception, match="closed"):
        first_session.file.conn.execute("SELECT 1")


def test_every_page_fits_a_small_screen(make_window, demo_file):
    window = make_window(demo_file, size=(1024, 640))
    for key in list(window.pages):
        window.show_page(key)
        assert window.minimumSizeHint().width() <= 1024, key
        assert window.minimumSizeHint().height() <= 640, key
        assert (window.width(), window.height()) == (1024, 640), key


def test_a_full_log_is_rotated_at_start(tmp_path, monkeypatch):
    monkeypatch.setattr(app_module, "LOG_MAX_BYTES", 100)
    log = tmp_path / "logs" / "govboard.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("x" * 150, encoding="utf-8")
    (tmp_path / "logs" / "govboard.log.1").write_text("older", encoding="utf-8")
    app_module._rotate_log(log)
    assert not log.exists()
    assert (tmp_path / "logs" / "govboard.log.1").read_text(encoding="utf-8") == "x" * 150
    assert (tmp_path / "logs" / "govboard.log.2").read_text(encoding="utf-8") == "older"
    small = tmp_path / "logs" / "govboard.log"
    small.write_text("short", encoding="utf-8")
    app_module._rotate_log(small)
    assert small.read_text(encoding="utf-8") == "short"  # under the limit: left alone


def test_window_title_follows_the_trust_name_through_edit_and_undo(window):
    from dataclasses import replace

    original = window.session.snapshot.settings.name
    assert window.windowTitle() == f"{original} — govboard"
    window.session.save_settings(replace(window.session.snapshot.settings, name="Riverside & Vale Trust"))
    assert window.windowTitle() == "Riverside & Vale Trust — govboard"
    window.session.undo()
    assert window.windowTitle() == f"{original} — govboard"


@pytest.mark.qt_no_exception_capture
def test_a_refused_change_is_a_plain_warning_not_a_crash_dialog(qtbot, window, messages, monkeypatch, demo_file):
    import sqlite3

    from govboard.store import Delete, TrustFile

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_excepthook(lambda: window)
    session = window.session
    member = next(a for a in session.snapshot.appointments if a.role.value == "Member")
    person = session.snapshot.person_by_id[member.person_id]
    before = TrustFile.open(demo_file, read_only=True)
    rows_before = before.load_snapshot()
    before.close()

    # Deleting someone whose appointments still name them: the store refuses.
    QTimer.singleShot(0, lambda: session.apply([Delete(person)], "Delete person"))
    qtbot.waitUntil(lambda: bool(messages), timeout=3000)
    kind, title, text = messages[-1]
    assert (kind, title) == ("warning", "The change was not saved")
    assert "other records still refer to it" in text and "as it was before" in text

    # Another program holding the file: a plain sentence about it.
    session.file.conn.execute("PRAGMA busy_timeout = 100")
    blocker = sqlite3.connect(demo_file)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        renamed = type(person)(person.id, person.forename, "Renamed")
        from govboard.store import Update

        QTimer.singleShot(0, lambda: session.apply([Update(person, renamed)], "Rename"))
        qtbot.waitUntil(lambda: len(messages) >= 2, timeout=5000)
    finally:
        blocker.rollback()
        blocker.close()
    kind, title, text = messages[-1]
    assert kind == "warning" and "in use by another program" in text
    after = TrustFile.open(demo_file, read_only=True)
    assert after.load_snapshot() == rows_before
    after.close()
    assert window.isVisible()


def test_the_welcome_page_opens_the_sample_and_lists_recent_files(qtbot, make_window, demo_file, tmp_path):
    window = make_window()
    assert list(window.pages) == ["welcome"]
    page = window.pages["welcome"]
    texts = [b.text() for b in page.findChildren(QPushButton)]
    assert texts == ["Open a trust file…", "New trust file…", "Explore the sample trust"]  # no recent files yet
    assert "--demo" not in " ".join(w.text() for w in page.findChildren(QLabel))

    sample = next(b for b in page.findChildren(QPushButton) if b.text() == "Explore the sample trust")
    qtbot.mouseClick(sample, Qt.MouseButton.LeftButton)
    assert window.session is not None
    assert window.session.file.path == tmp_path / "data" / "Hillside Learning Trust (sample).govboard"

    # A later window with no file lists the files opened before; one click reopens one.
    window.open_path(demo_file)
    again = make_window()
    recent = [b for b in again.pages["welcome"].findChildren(QPushButton) if b.toolTip() == str(demo_file.resolve())]
    assert [b.text() for b in recent] == [demo_file.stem]
    qtbot.mouseClick(recent[0], Qt.MouseButton.LeftButton)
    assert again.session is not None and again.session.file.path.resolve() == demo_file.resolve()
