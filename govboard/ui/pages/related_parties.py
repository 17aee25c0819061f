"""Related parties page (placeholder until its screens land)."""

from __future__ import annotations

from ..widgets import EmptyPage


class RelatedPartiesPage(EmptyPage):
    def __init__(self, session, parent=None):
        super().__init__(session, key="rpt", title="Related parties", icon_name="rpt",
                         text="Related-party agreements with their values per financial year, DfE reporting and approval, and the payments ledger.", parent=parent)
