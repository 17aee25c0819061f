"""Background work: file work runs on a worker thread, its outcome comes back by signal.

A `Task` runs one plain function off the GUI thread and calls `on_done(result)` (or
`on_error(exc)`, or `on_cancelled()`) later, on the GUI thread; the caller never waits. The work
gets plain data in and hands plain data back (snapshots, paths, bytes): never the trust file,
whose SQLite connection belongs to the GUI thread, and never a Qt object.

The progress dialog does not exist until the work has run for `show_after_ms` (quick work shows
nothing) and the same code that learns the work ended destroys it, at once, before `on_done`
runs: it can never be left over a dialog that `on_done` opens. (QProgressDialog is not used: it
arms a force-show timer of its own in its constructor, which showed "Reading…" over the next
dialog after work shorter than the delay.) Cancel is offered only where the work honours it: the
work receives `report(done, total) -> bool` and stops when it answers False.

`Tasks` is the window's list of running tasks: file actions are disabled while it is busy, and
closing the window asks first.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 600  # quick work shows no progress dialog at all (as Anki)
PROGRESS_READ_MS = 100  # how often a shown dialog reads the work's progress

Report = Callable[[int, int], bool]


class ProgressDialog(QDialog):
    """A window-modal box with a sentence, a bar and, for work that can stop, a Cancel button.

    Escape and the close button do what Cancel does, and nothing where there is no Cancel."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget, title: str, text: str, *, cancellable: bool):
        super().__init__(parent)
        self.setObjectName("taskProgress")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        self.text = QLabel(text)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the work reports a total
        layout.addWidget(self.bar)
        self.cancel_button = None
        if cancellable:
            row = QHBoxLayout()
            row.addStretch(1)
            self.cancel_button = QPushButton("Cancel")
            self.cancel_button.clicked.connect(self.reject)
            row.addWidget(self.cancel_button)
            layout.addLayout(row)

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            if self.bar.maximum() != 100:
                self.bar.setRange(0, 100)
            self.bar.setValue(min(100, done * 100 // total))

    def stopping(self) -> None:
        self.text.setText("Stopping…")
        if self.cancel_button is not None:
            self.cancel_button.setEnabled(False)

    def reject(self) -> None:
        # The dialog closes when the work has stopped, never before: Task ends it.
        if self.cancel_button is not None and self.cancel_button.isEnabled():
            self.cancel_requested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        event.ignore()
        self.reject()


class Task(QObject):
    """One piece of work on a worker thread; see the module's docstring.

    `work(report)` runs on the worker; `report(done, total)` returns False once Cancel was
    pressed. `on_done(result)`, `on_error(exc)` and `on_cancelled()` run on the GUI thread, then
    `done` is emitted and the task deletes itself. With no `on_error` an error goes to the app's
    exception hook (the "Something went wrong" dialog and the log).
    """

    done = Signal()
    progressed = Signal(int, int)  # (done, total), read from the work while progress is shown
    _work_ended = Signal()  # emitted on the worker thread, delivered on the GUI thread

    def __init__(self, parent: QWidget, title: str, text: str, work: Callable[[Report], object], *,
                 on_done: Callable[[object], None] | None = None,
                 on_error: Callable[[BaseException], None] | None = None,
                 on_cancelled: Callable[[], None] | None = None,
                 cancellable: bool = False, dialog: bool = True, show_after_ms: int | None = None):
        super().__init__(parent)
        self.setObjectName(f"task: {title}")
        self.title, self.text = title, text
        self._work = work
        self._on_done, self._on_error, self._on_cancelled = on_done, on_error, on_cancelled
        self.cancellable = cancellable
        self._dialog_wanted = dialog
        self.dialog: ProgressDialog | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._progress = (0, 0)
        self._outcome: tuple[bool, object] | None = None
        self._dropped = False  # the window is closing: no on_done
        self.running = False
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(SHOW_AFTER_MS if show_after_ms is None else show_after_ms)
        self._show_timer.timeout.connect(self._show_dialog)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(PROGRESS_READ_MS)
        self._progress_timer.timeout.connect(self._read_progress)
        self._work_ended.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._run, name=f"govboard: {title}", daemon=True)

    # --- the GUI thread ---

    def start(self) -> Task:
        self.running = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        if self._dialog_wanted:
            self._show_timer.start()
        self._thread.start()
        return self

    def watch_progress(self) -> None:
        """Read the work's progress (signal `progressed`) from now on, dialog or not."""
        self._progress_timer.start()

    def cancel(self) -> None:
        """Ask the work to stop; it ends through on_cancelled once it has."""
        if not self.cancellable or self._stop.is_set():
            return
        self._stop.set()
        if self.dialog is not None:
            self.dialog.stopping()

    @property
    def cancelling(self) -> bool:
        return self._stop.is_set()

    def drop_result(self) -> None:
        """The window is closing: let the work end without calling on_done; stop it if it can."""
        self._dropped = True
        self.cancel()

    def _show_dialog(self) -> None:
        if not self.running:
            return
        parent = self.parent()
        self.dialog = ProgressDialog(parent if isinstance(parent, QWidget) else None, self.title, self.text,
                                     cancellable=self.cancellable)
        self.dialog.cancel_requested.connect(self.cancel)
        if self._stop.is_set():
            self.dialog.stopping()
        self.dialog.show_progress(*self._read_report())
        self.dialog.show()
        self._progress_timer.start()

    def _read_report(self) -> tuple[int, int]:
        with self._lock:
            return self._progress

    def _read_progress(self) -> None:
        done, total = self._read_report()
        if self.dialog is not None and not self._stop.is_set():
            self.dialog.show_progress(done, total)
        self.progressed.emit(done, total)

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.hide()
        # Destroyed now, not by deleteLater(): a nested event loop opened next (a modal dialog)
        # would not run the deferred delete.
        shiboken6.delete(dialog)

    def _finish(self) -> None:
        self._thread.join()
        self._show_timer.stop()
        self._progress_timer.stop()
        self._close_dialog()
        self.running = False
        QGuiApplication.restoreOverrideCursor()
        with self._lock:
            ok, value = self._outcome
        try:
            if self._dropped:
                if not ok:
                    log.warning("%s ended with an error after its window closed: %r", self.title, value)
            elif self._stop.is_set():
                if not ok and not _is_cancel(value):
                    log.warning("%s: error while stopping: %r", self.title, value)
                if self._on_cancelled is not None:
                    self._on_cancelled()
            elif ok:
                if self._on_done is not None:
                    self._on_done(value)
            elif self._on_error is not None:
                self._on_error(value)
            else:
                sys.excepthook(type(value), value, value.__traceback__)
        finally:
            self.done.emit()
            self.deleteLater()

    # --- the worker thread ---

    def _report(self, done: int, total: int) -> bool:
        with self._lock:
            self._progress = (done, total)
        return not self._stop.is_set()

    def _run(self) -> None:
        try:
            outcome = (True, self._work(self._report))
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            outcome = (False, exc)
        with self._lock:
            self._outcome = outcome
        with contextlib.suppress(RuntimeError):  # destroyed with its window: nobody is waiting
            self._work_ended.emit()


def _is_cancel(exc: object) -> bool:
    return type(exc).__name__ in ("PackCancelled", "Cancelled")


class Tasks(QObject):
    """The tasks a window is running. `busy_changed` says when the first starts or the last ends."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._running: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def running(self) -> list[Task]:
        return list(self._running)

    def start(self, task: Task) -> Task:
        self._running.append(task)
        task.done.connect(lambda: self._ended(task))
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        return task.start()

    def run(self, parent: QWidget, title: str, text: str, work: Callable[[Report], object], **kwargs) -> Task:
        """Build a Task (see its arguments) and start it."""
        return self.start(Task(parent, title, text, work, **kwargs))

    def _ended(self, task: Task) -> None:
        if task in self._running:
            self._running.remove(task)
            if not self._running:
                self.busy_changed.emit(False)

    def describe(self) -> str:
        return "; ".join(t.text.rstrip("…. ") for t in self._running)

    def drop_results(self) -> None:
        for task in self._running:
            task.drop_result()
