"""Background work (govboard.ui.tasks): file work off the GUI thread, its progress box created
only when shown and gone before anything opened next; driven through the real dialogs."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QEventLoop, QThread, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from govboard.ui import tasks as tasks_module
from govboard.ui import workbook_dialogs as wd
from govboard.ui.tasks import ProgressDialog, Task

from .conftest import finish_tasks

TIMEOUT_MS = 30_000


def progress_boxes(window) -> list[QDialog]:
    """Every progress box the window has, shown or not (QProgressDialog included: the old one)."""
    return [*window.findChildren(QProgressDialog), *window.findChildren(ProgressDialog)]


def answer_open(monkeypatch, path):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


@pytest.fixture
def demo_book(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    book = tmp_path / "exported.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(book), "")))
    wd.export_workbook(window)
    finish_tasks(qtbot, window)
    assert book.exists()
    return book


def test_reading_box_never_comes_back_over_the_import_preview(qtbot, window, demo_book, monkeypatch):
    """Issue 15: after a quick read, "Reading…" showed itself over the preview about 4 s later
    (QProgressDialog's own force-show timer), window-modal, and the preview's buttons did nothing
    until its Cancel was pressed. It happened when the read took less than the box's delay:
    the read here is made quick by reading the workbook beforehand."""
    from govboard import clock
    from govboard.services import trust as svc

    read = svc.read_workbook_file(demo_book, today=clock.today())
    monkeypatch.setattr(svc, "read_workbook_file", lambda path, today: read)
    answer_open(monkeypatch, demo_book)
    seen = {}

    # Plain timers, not qtbot.wait (QTest.qWait runs pending deferred deletes, which hid the bug).
    def look_then_cancel(preview):
        seen["over it"] = [w.windowTitle() for w in QApplication.topLevelWidgets()
                           if isinstance(w, QDialog) and w.isVisible() and w is not preview]
        seen["modal"] = QApplication.activeModalWidget() is preview
        seen["boxes"] = [b.windowTitle() for b in progress_boxes(window)]
        preview.reject()

    def find_preview(tries: int = 500) -> None:
        shown = [d for d in window.findChildren(wd.ImportPreviewDialog) if d.isVisible()]
        if shown:
            QTimer.singleShot(4600, lambda: look_then_cancel(shown[0]))  # past QProgressDialog's 4 s force-show
        elif tries:
            QTimer.singleShot(20, lambda: find_preview(tries - 1))

    # From inside a running event loop, as a menu click is: a deleteLater() made there is not
    # run by the preview's own loop (outside any loop, as a test calls, the first loop runs it).
    loop = QEventLoop()
    QTimer.singleShot(0, find_preview)
    QTimer.singleShot(0, lambda: wd.import_workbook(window))
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    watch = QTimer()
    watch.timeout.connect(lambda: "modal" in seen and loop.quit())
    watch.start(50)
    loop.exec()
    watch.stop()
    assert seen["over it"] == []
    assert seen["modal"]  # the preview answers clicks
    assert seen["boxes"] == []
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Import cancelled; nothing was changed.")


def test_quick_work_shows_no_box_and_leaves_none(qtbot, window):
    results = []
    task = Task(window, "Quick", "Reading…", lambda report: 42, on_done=results.append)
    with qtbot.waitSignal(task.done, timeout=TIMEOUT_MS):
        task.start()
    assert results == [42]
    assert progress_boxes(window) == []
    qtbot.wait(tasks_module.SHOW_AFTER_MS + 200)  # nothing is armed to show later either
    assert progress_boxes(window) == []


def test_slow_work_shows_a_box_that_is_gone_before_on_done_opens_a_dialog(qtbot, window):
    seen = {}

    def on_done(result):
        seen["boxes at on_done"] = progress_boxes(window)
        box = QMessageBox(QMessageBox.Icon.Information, "Done", f"Result {result}", parent=window)
        QTimer.singleShot(300, lambda: (seen.setdefault("over the message", [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, (ProgressDialog, QProgressDialog)) and w.isVisible()]), box.accept()))
        box.exec()  # a nested event loop, as a modal opened from on_done runs

    def look():
        seen["while working"] = [b for b in progress_boxes(window) if b.isVisible()]

    task = Task(window, "Slow", "Writing the file…", lambda report: time.sleep(0.6) or 7, on_done=on_done,
                show_after_ms=100)
    QTimer.singleShot(400, look)
    with qtbot.waitSignal(task.done, timeout=TIMEOUT_MS):
        task.start()
    assert len(seen["while working"]) == 1
    assert seen["while working"][0].cancel_button is None  # the work cannot stop: no Cancel
    assert seen["boxes at on_done"] == [] and seen["over the message"] == []
    assert progress_boxes(window) == []


def test_errors_reach_on_error_on_the_gui_thread(qtbot, window):
    seen = []

    def fail(report):
        raise OSError(28, "No space left on device")

    task = Task(window, "Failing", "Writing…", fail, on_done=lambda r: seen.append("done"),
                on_error=lambda exc: seen.append((exc.strerror, QThread.currentThread() is window.thread())))
    with qtbot.waitSignal(task.done, timeout=TIMEOUT_MS):
        task.start()
    assert seen == [("No space left on device", True)]


def test_an_error_with_no_on_error_goes_to_the_exception_hook(qtbot, window, monkeypatch):
    import sys

    hooked = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: hooked.append(str(exc)))
    task = Task(window, "Failing", "Reading…", lambda report: 1 / 0)
    with qtbot.waitSignal(task.done, timeout=TIMEOUT_MS):
        task.start()
    assert hooked == ["division by zero"]


def test_cancel_stops_the_work_and_the_box_waits_for_it(qtbot, window):
    started, stopped = threading.Event(), threading.Event()
    seen = []

    def work(report):
        started.set()
        for n in range(1000):
            if not report(n, 1000):
                stopped.set()
                return "stopped"
            time.sleep(0.01)
        return "finished"

    task = Task(window, "Pack", "Laying out the pack…", work, cancellable=True, show_after_ms=0,
                on_done=seen.append, on_cancelled=lambda: seen.append("cancelled"))
    task.start()
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: task.dialog.bar.value() > 0, timeout=TIMEOUT_MS)  # progress is shown
    box = task.dialog
    with qtbot.waitSignal(task.done, timeout=TIMEOUT_MS):
        box.cancel_button.click()
        assert box.text.text() == "Stopping…" and not box.cancel_button.isEnabled()
    assert stopped.is_set() and seen == ["cancelled"]
    assert progress_boxes(window) == []


def test_file_actions_are_off_while_a_task_runs_and_closing_asks(qtbot, window, monkeypatch):
    release = threading.Event()
    results = []
    window.tasks.run(window, "Export workbook", "Writing registers.xlsx…",
                     lambda report: release.wait(TIMEOUT_MS / 1000) and "written", on_done=results.append)
    ui = window.ui
    for action in (ui.actionOpen, ui.actionNew, ui.actionImportWorkbook, ui.actionExportWorkbook,
                   ui.actionBackup, ui.actionImportGias, ui.actionExportPack, ui.actionSettings):
        assert not action.isEnabled(), action.text()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    assert not window.close()  # "No": the window stays open and the work goes on
    assert window.isVisible() and "Writing registers.xlsx" in asked[0]
    window.close()  # "Yes": it closes once the work has finished
    assert window.isVisible()
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT_MS)
    assert window.session is None
    assert results == []  # the window closed: the result is not reported into it


def test_actions_come_back_when_the_work_ends(qtbot, window):
    task = window.tasks.run(window, "Back up", "Copying…", lambda report: time.sleep(0.2))
    assert not window.ui.actionBackup.isEnabled()
    with qtbot.waitSignal(task.done, timeout=TIMEOUT_MS):
        pass
    assert window.ui.actionBackup.isEnabled() and window.ui.actionImportWorkbook.isEnabled()


def test_undo_waits_while_file_work_runs_and_comes_back_with_its_text(qtbot, window):
    """A GIAS or workbook read is planned against the file as it is: nothing is undone under it."""
    from govboard.store import Update

    person = window.session.snapshot.people[0]
    window.session.apply([Update(person, type(person)(person.id, person.forename, "Renamed"))], "Rename")
    assert window.ui.actionUndo.isEnabled() and "Rename" in window.ui.actionUndo.text()
    release = threading.Event()
    task = window.tasks.run(window, "Import GIAS extract", "Reading the extract…",
                            lambda report: release.wait(TIMEOUT_MS / 1000))
    assert not window.ui.actionUndo.isEnabled() and not window.ui.actionRedo.isEnabled()
    with qtbot.waitSignal(task.done, timeout=TIMEOUT_MS):
        release.set()
    assert window.ui.actionUndo.isEnabled() and "Rename" in window.ui.actionUndo.text()
    window.ui.actionUndo.trigger()
    assert window.session.snapshot.people[0] == person
    assert window.ui.actionRedo.isEnabled() and not window.ui.actionUndo.isEnabled()


def test_back_up_runs_in_the_background_and_the_copy_opens(qtbot, window, tmp_path, monkeypatch, messages):
    from PySide6.QtWidgets import QFileDialog

    from govboard.store import TrustFile

    copy = tmp_path / "copies" / "Hillside copy.govboard"
    copy.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(copy), "")))
    window.ui.actionBackup.trigger()
    finish_tasks(qtbot, window)
    assert window.statusBar().currentMessage() == f"Saved a copy to {copy}"
    with TrustFile.open(copy, read_only=True) as tf:
        assert {p.id for p in tf.load_snapshot().people} == {p.id for p in window.session.snapshot.people}
    assert [p.name for p in copy.parent.iterdir()] == [copy.name]  # no temporary file left beside it

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "no such folder" / "x.govboard"), "")))
    window.ui.actionBackup.trigger()
    finish_tasks(qtbot, window)
    [(kind, title, text)] = messages
    assert (kind, title) == ("warning", "Back-up failed") and "does not exist" in text
