"""No page or dialog fails for want of data: a new empty trust, a trust whose only meeting is
still to come (no past meeting), and the sample trust on a day with no meeting to come. Every
page is shown and every button that opens a dialog (its text ends in '…') is pressed and the
dialog closed; an exception anywhere fails the test (pytest-qt reports errors raised in Qt)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from govboard import clock
from govboard.domain import model as m
from govboard.store import Insert, TrustFile
from govboard.ui import pack_dialog

from .conftest import DialogDriver


def _press_every_dialog_button(qtbot, window) -> list[str]:
    """Show every page and press each enabled 'Something…' button on it; return what was pressed."""
    pressed = []
    for key in list(window.pages):
        page = window.show_page(key)
        qtbot.waitExposed(page)
        for btn in page.findChildren(QPushButton):
            if not (btn.isVisible() and btn.isEnabled() and btn.text().rstrip().endswith("…")):
                continue
            driver = DialogDriver(lambda dialog: dialog.reject(), timeout_ms=3000)
            btn.click()
            qtbot.waitUntil(lambda d=driver: d.handled or QApplication.activeModalWidget() is None, timeout=5000)
            driver.stop()  # a button that opened no dialog must not leave it waiting for the next one
            pressed.append(f"{key}: {btn.text()}")
    return pressed


def _open_file_dialogs(qtbot, window) -> None:
    """The File and Edit menu dialogs that need a trust open: pack, register, settings."""
    pack = pack_dialog.export_pack(window)
    assert pack is not None and pack.isVisible()
    pack.reject()
    driver = DialogDriver(lambda dialog: dialog.reject())
    pack_dialog.publish_register(window)
    driver.result()
    driver = DialogDriver(lambda dialog: dialog.reject())
    window.ui.actionSettings.trigger()
    driver.result()


def test_a_new_empty_trust(qtbot, make_window, tmp_path, messages):
    path = tmp_path / "New.govboard"
    TrustFile.create(path, name="New Trust").close()
    window = make_window(path)
    pressed = _press_every_dialog_button(qtbot, window)
    assert any(p.startswith("people: Add person") for p in pressed), pressed
    assert len({p.split(":")[0] for p in pressed}) >= 6, pressed  # most pages have something to add
    print("pressed:", pressed)
    _open_file_dialogs(qtbot, window)


def test_a_trust_whose_only_meeting_is_still_to_come(qtbot, make_window, tmp_path, messages):
    path = tmp_path / "Young.govboard"
    with TrustFile.create(path, name="Young Trust") as tf:
        tf.apply([Insert(m.Person("P1", "Ada", "Lovelace")),
                  Insert(m.Meeting("M1", m.BOARD_BODY, clock.today() + timedelta(days=30)))], "First meeting")
    window = make_window(path)
    _press_every_dialog_button(qtbot, window)
    _open_file_dialogs(qtbot, window)
    page = window.show_page("meetings")
    assert page.table.current() is None or page.table.current().id == "M1"


@pytest.mark.parametrize("day", ["2027-08-31", "2026-09-01"])
def test_the_sample_trust_with_no_meeting_to_come_or_a_new_year_just_begun(
        qtbot, make_window, tmp_path, messages, monkeypatch, day):
    from govboard.services.trust import create_demo

    monkeypatch.setenv(clock.ENV_VAR, day)
    path = tmp_path / "Sample.govboard"
    create_demo(path, today=clock.today()).close()
    window = make_window(path)
    pack = pack_dialog.export_pack(window)
    assert pack.meeting_combo.count() > 1  # the meetings are offered, latest first when none is to come
    pack.reject()
    _press_every_dialog_button(qtbot, window)
