"""Workbook import (with preview) and export, GIAS and Companies House imports."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox


def import_workbook(window) -> None:
    QMessageBox.information(window, "Import workbook", "Import workbook is not available in this version yet.")


def export_workbook(window) -> None:
    QMessageBox.information(window, "Export workbook", "Export workbook is not available in this version yet.")


def export_template(window) -> None:
    QMessageBox.information(window, "Export blank template", "Export blank template is not available in this version yet.")


def import_gias(window) -> None:
    QMessageBox.information(window, "Import GIAS extract", "Import GIAS extract is not available in this version yet.")


def import_companies_house(window) -> None:
    QMessageBox.information(window, "Import Companies House officers", "Import Companies House officers is not available in this version yet.")


def offer_gias_wizard(window) -> None:
    """Called after a trust file opens: offer to build an empty trust from a GIAS extract."""
