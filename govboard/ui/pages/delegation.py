"""Scheme of delegation page (placeholder until its screens land)."""

from __future__ import annotations

from ..widgets import EmptyPage


class DelegationPage(EmptyPage):
    def __init__(self, session, parent=None):
        super().__init__(session, key="sod", title="Scheme of delegation", icon_name="sod",
                         text="The scheme of delegation as an editable matrix of decisions and levels.", parent=parent)
