"""The trust settings dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def edit_settings(window) -> None:
    QMessageBox.information(window, "Trust settings", "Trust settings is not available in this version yet.")
