"""Interests and declarations page (placeholder until its screens land)."""

from __future__ import annotations

from ..widgets import EmptyPage


class InterestsPage(EmptyPage):
    def __init__(self, session, parent=None):
        super().__init__(session, key="interests", title="Interests and declarations", icon_name="interests",
                         text="Each person's interests and annual declarations, who is due or overdue, and relationships between people.", parent=parent)
