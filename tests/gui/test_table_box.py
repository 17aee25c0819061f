"""TableBox: a double-click or Enter opens a row exactly once; Delete asks for the row's delete action."""

from __future__ import annotations

from PySide6.QtCore import Qt

from govboard.ui.models import Column
from govboard.ui.widgets import TableBox, button


def _table(qtbot) -> tuple[TableBox, list]:
    table = TableBox([Column("Name", lambda r: r["name"]), Column("Town", lambda r: r["town"])])
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    qtbot.waitExposed(table)
    table.set_rows([{"name": "Zoë Adeyemi-Clarke", "town": "Leeds"}, {"name": "Łukasz Nowak", "town": "York"}])
    opened: list = []
    table.activated.connect(opened.append)
    return table, opened


def test_double_click_opens_the_row_once(qtbot):
    table, opened = _table(qtbot)
    view = table.view
    rect = view.visualRect(table.proxy.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [row["name"] for row in opened] == ["Łukasz Nowak"]


def test_enter_opens_the_selected_row_once(qtbot):
    table, opened = _table(qtbot)
    assert table.select_where(lambda row: row["town"] == "Leeds")
    qtbot.keyClick(table.view, Qt.Key.Key_Return)
    qtbot.keyClick(table.view, Qt.Key.Key_Enter)
    assert [row["name"] for row in opened] == ["Zoë Adeyemi-Clarke"] * 2


def test_delete_key_presses_the_delete_button_only_when_it_is_enabled(qtbot):
    table, _ = _table(qtbot)
    deleted: list = []
    delete_btn = button("Delete…", slot=lambda: deleted.append(table.current()["name"]))
    qtbot.addWidget(delete_btn)
    table.delete_with(delete_btn)
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert deleted == []  # no row chosen yet
    assert table.select_where(lambda row: row["town"] == "York")
    qtbot.keyClick(table.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert deleted == []  # Shift+Delete is not Delete
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert deleted == ["Łukasz Nowak"]
    delete_btn.setEnabled(False)  # e.g. a read-only file
    qtbot.keyClick(table.view, Qt.Key.Key_Delete)
    assert deleted == ["Łukasz Nowak"]
    qtbot.keyClick(table.filter, Qt.Key.Key_Delete)  # in the filter box it edits the text
    assert deleted == ["Łukasz Nowak"]


def test_headers_are_left_aligned_on_every_table(qtbot):
    table, _ = _table(qtbot)
    alignment = table.view.horizontalHeader().defaultAlignment()
    assert alignment & Qt.AlignmentFlag.AlignLeft
