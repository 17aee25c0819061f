"""dialogs.confirm: the one Yes/No question every delete asks, driven as a real QMessageBox
(not the `messages` fixture) so the default button a stray Enter presses is what is tested."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from govboard.ui.dialogs import confirm

from .conftest import DialogDriver

pytestmark = pytest.mark.gui


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def ask(parent, qtbot, key=None, click=None, **kwargs) -> tuple[bool, dict]:
    """Answer the box by a key or a button click; returns the answer and what the box showed
    (read while it is open: QMessageBox.question deletes its box when it returns)."""
    shown: dict = {}

    def answer(box: QMessageBox) -> None:
        Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        shown.update(title=box.windowTitle(), text=box.text(),
                     buttons=sorted(b.text().replace("&", "") for b in box.buttons()),
                     default={box.button(Yes): "Yes", box.button(No): "No"}.get(box.defaultButton()))
        if click is not None:
            box.button(click).click()
        else:
            qtbot.keyClick(box, key)

    driver = DialogDriver(answer)
    result = confirm(parent, "Delete person", "Delete Ann Example (P001)?", **kwargs)
    driver.result()
    return result, shown


def test_enter_answers_no_by_default(parent, qtbot):
    answer, shown = ask(parent, qtbot, key=Qt.Key.Key_Return)
    assert answer is False
    assert shown == {"title": "Delete person", "text": "Delete Ann Example (P001)?",
                     "buttons": ["No", "Yes"], "default": "No"}


def test_enter_answers_yes_when_yes_is_the_default(parent, qtbot):
    answer, shown = ask(parent, qtbot, key=Qt.Key.Key_Return, default_yes=True)
    assert answer is True
    assert shown["default"] == "Yes"


def test_clicking_yes_answers_yes(parent, qtbot):
    answer, _ = ask(parent, qtbot, click=QMessageBox.StandardButton.Yes)
    assert answer is True


def test_escape_answers_no_even_when_yes_is_the_default(parent, qtbot):
    answer, _ = ask(parent, qtbot, key=Qt.Key.Key_Escape, default_yes=True)
    assert answer is False
