"""Export the board pack and publish the register of interests."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def export_pack(window) -> None:
    QMessageBox.information(window, "Export board pack", "Export board pack is not available in this version yet.")


def publish_register(window) -> None:
    QMessageBox.information(window, "Publish register of interests", "Publish register of interests is not available in this version yet.")
