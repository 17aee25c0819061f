"""File menu actions that read or write whole documents: workbook import/export, GIAS and
Companies House imports, the board pack and the published register, trust settings.

Each function takes the main window; the main window only connects menu actions to them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def _not_yet(window, what: str) -> None:
    QMessageBox.information(window, what, f"{what} is not available in this version yet.")


def import_workbook(window) -> None:
    _not_yet(window, "Import workbook")


def export_workbook(window) -> None:
    _not_yet(window, "Export workbook")


def export_template(window) -> None:
    _not_yet(window, "Export blank template")


def import_gias(window) -> None:
    _not_yet(window, "Import GIAS extract")


def import_companies_house(window) -> None:
    _not_yet(window, "Import Companies House officers")


def offer_gias_wizard(window) -> None:
    """Called after a trust file opens: offer to build an empty trust from a GIAS extract."""


def export_pack(window) -> None:
    _not_yet(window, "Export board pack")


def publish_register(window) -> None:
    _not_yet(window, "Publish register of interests")


def edit_settings(window) -> None:
    _not_yet(window, "Trust settings")
