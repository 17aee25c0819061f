"""Pay decisions page (placeholder until its screens land)."""

from __future__ import annotations

from ..widgets import EmptyPage


class PayPage(EmptyPage):
    def __init__(self, session, parent=None):
        super().__init__(session, key="pay", title="Pay decisions", icon_name="pay",
                         text="Executive pay decisions, the teachers' pay awards by year and the pay policy approval date.", parent=parent)
