"""GUI fixtures: a fresh demo trust file per test, a main window whose settings live in tmp_path.

The demo trust is built once per session (dated today, like the session's as-at date) and
copied for each test, so every test edits its own file and nothing touches the user's
settings, data folder or log folder.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from govboard.ui.main_window import SIDEBAR_KEY, MainWindow


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVBOARD_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GOVBOARD_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture
def demo_file(demo_master, tmp_path) -> Path:
    path = tmp_path / "Hillside Learning Trust.govboard"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture
def settings_path(tmp_path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, settings_path):
    """Build main windows with QSettings in tmp_path; they are closed at teardown."""
    windows = []

    def make(path: Path | None = None, *, show: bool = True,
             size: tuple[int, int] | None = (1280, 800), welcome: bool = True) -> MainWindow:
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        if not settings.contains(SIDEBAR_KEY):
            # The windows are 1280 wide on an 800-wide offscreen screen: names in the sidebar,
            # as on a big screen, unless a test says otherwise.
            settings.setValue(SIDEBAR_KEY, False)
        window = MainWindow(settings, welcome=welcome)
        qtbot.addWidget(window)
        if size is not None:  # None keeps the geometry the window restored from its settings
            window.setWindowState(Qt.WindowState.WindowNoState)  # the offscreen screen is small: maximised
            window.resize(*size)
        if show:
            window.show()
            qtbot.waitExposed(window)
        if path is not None:
            assert window.open_path(path)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.session is not None:
            # A test may leave edits a page holds: dropped, not asked about, at teardown.
            for key in list(window.pages):
                if window.pages.built(key):
                    window.pages[key].discard_changes()
            window.close()


@pytest.fixture
def window(make_window, demo_file) -> MainWindow:
    return make_window(demo_file)


@pytest.fixture
def messages(monkeypatch) -> list[tuple[str, str, str]]:
    """Record QMessageBox warnings/information/critical/question instead of showing them."""
    seen: list[tuple[str, str, str]] = []

    def recorder(kind, answer=QMessageBox.StandardButton.Ok):
        def show(parent, title, text, *args, **kwargs):
            seen.append((kind, title, text))
            return answer
        return staticmethod(show)

    monkeypatch.setattr(QMessageBox, "warning", recorder("warning"))
    monkeypatch.setattr(QMessageBox, "information", recorder("information"))
    monkeypatch.setattr(QMessageBox, "critical", recorder("critical"))
    monkeypatch.setattr(QMessageBox, "question", recorder("question", QMessageBox.StandardButton.Yes))
    return seen


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class DialogDriver:
    """Runs `fill(dialog)` on the next modal dialog once it is shown.

    Create it before the action that opens the dialog; `fill` should close the dialog (Save
    or Cancel). If `fill` raises or leaves the dialog open, the dialog is rejected so the test
    never blocks; `result()` then re-raises the error.
    """

    def __init__(self, fill, *, timeout_ms: int = 10000):
        self.fill = fill
        self.dialog = None
        self.error: BaseException | None = None
        self.timeout_ms = timeout_ms
        self.handled = False
        self.stopped = False
        QTimer.singleShot(0, lambda: self._poll(timeout_ms))

    def stop(self) -> None:
        """Stop looking: a dialog that opens later (in another test) is left alone."""
        self.stopped = True

    def _poll(self, remaining: int) -> None:
        if self.stopped:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            if remaining > 0:
                QTimer.singleShot(20, lambda: self._poll(remaining - 20))
            return
        self.dialog = dialog
        try:
            self.fill(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by result()
            self.error = exc
        if dialog.isVisible():
            dialog.reject()
        self.handled = True

    def result(self):
        """The dialog `fill` handled. A dialog opened after background work (a file read off
        the GUI thread) appears later: this waits for it, up to the timeout."""
        waited = 0
        while not self.handled and waited < self.timeout_ms:
            QTest.qWait(20)
            waited += 20
        if self.error is not None:
            raise self.error
        assert self.dialog is not None, "no modal dialog appeared"
        return self.dialog


def finish_tasks(qtbot, window, timeout_ms: int = 30000) -> None:
    """Wait for the window's background work (file reads and writes) to end and report back."""
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=timeout_ms)
