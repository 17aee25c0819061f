"""Buttons read the same on every page: an action that asks or opens a dialog ends in '…', and
deleting or removing carries the same icon."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

ASKING_VERBS = ("Delete", "Remove", "Withdraw", "Add", "Edit", "Appoint", "Reappoint", "End", "Record")


def test_asking_buttons_end_in_an_ellipsis_and_deleting_has_an_icon(window):
    wrong = []
    for key in window.pages:
        page = window.show_page(key)
        for b in page.findChildren(QPushButton):
            text = b.text()
            if text.split(" ")[0] in ASKING_VERBS and not text.endswith("…"):
                wrong.append(f"{key}: '{text}' does not end in '…'")
            if text.split(" ")[0] in ("Delete", "Remove") and b.icon().isNull():
                wrong.append(f"{key}: '{text}' has no icon")
    assert not wrong, wrong
