"""When a related-party agreement needed the DfE's approval, asked once for rules and reports.

The RPT-02 and RPT-03 checks and the board pack's related-party table read the same answer
from `approval_tests`, so the pack can never print "Not required" beside a finding that says
approval was needed. Two regimes (rulebook, RPT section):

- agreements confirmed from 1 September 2023: more than the RPT approval threshold (£40,000) in
  any single financial year, or novel or contentious;
- agreements confirmed 1 April 2019 to 31 August 2023: the value in a financial year, added to
  earlier agreements with the same related organisation that year, passes the legacy
  cumulative threshold (£20,000).

Income and exempt suppliers never need approval; agreements confirmed before April 2019 are
outside both regimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from .enums import DfeApproval, Direction
from .model import RptAgreement, RptValue, TrustSettings
from .names import normalise_company_number, normalise_org

CURRENT_REGIME_FROM = date(2023, 9, 1)
LEGACY_REGIME = (date(2019, 4, 1), date(2023, 8, 31))

CURRENT = "current"
LEGACY = "legacy"
EARLIER = "earlier"  # confirmed before 1 April 2019: no approval regime


def regime_of(agreement: RptAgreement) -> str:
    """Which approval rules apply: by the confirmation date; not yet confirmed means today's."""
    confirmed = agreement.confirmed_on
    if confirmed is None or confirmed >= CURRENT_REGIME_FROM:
        return CURRENT
    if confirmed >= LEGACY_REGIME[0]:
        return LEGACY
    return EARLIER


def is_expenditure(agreement: RptAgreement) -> bool:
    return agreement.direction == Direction.EXPENDITURE


def approved_in_time(agreement: RptAgreement) -> bool:
    """Approved by the DfE on or before the agreement was confirmed."""
    return (
        agreement.dfe_approval == DfeApproval.APPROVED
        and agreement.dfe_decision_on is not None
        and agreement.confirmed_on is not None
        and agreement.dfe_decision_on <= agreement.confirmed_on
    )


class Agreements:
    """The trust's agreements with their yearly values and related-organisation groups."""

    def __init__(self, snapshot):
        self.snapshot = snapshot

    def values(self, agreement_id: str) -> list[RptValue]:
        return self.snapshot.rpt_values_by_agreement.get(agreement_id, [])

    @cached_property
    def group_of(self) -> dict[str, str]:
        """Agreement ID -> organisation key. Agreements share a key when they have the same
        company number or the same normalised organisation name (joined transitively)."""
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a in self.snapshot.rpt_agreements:
            name_key = "name:" + normalise_org(a.related_organisation)
            find(name_key)
            if a.company_number:
                number_key = "number:" + normalise_company_number(a.company_number)
                root_a, root_b = find(name_key), find(number_key)
                if root_a != root_b:
                    parent[max(root_a, root_b)] = min(root_a, root_b)
        # Name the group by the smallest normalised name in it, so the subject key is a name.
        names: dict[str, str] = {}
        for a in self.snapshot.rpt_agreements:
            root = find("name:" + normalise_org(a.related_organisation))
            name = normalise_org(a.related_organisation)
            names[root] = min(names.get(root, name), name)
        return {
            a.id: names[find("name:" + normalise_org(a.related_organisation))]
            for a in self.snapshot.rpt_agreements
        }


@dataclass(frozen=True)
class ApprovalTest:
    """Whether one expenditure agreement needed the DfE's approval before confirmation, and why.

    `breaches` are the financial years whose value took it over `threshold`, each with the total
    of earlier agreements with the same organisation that year (always 0 under the current
    regime, where agreements are not added up).
    """

    agreement_id: str
    regime: str
    threshold: int | None  # pence; None outside both regimes
    breaches: tuple[tuple[RptValue, int], ...]
    novel_or_contentious: bool
    approved_in_time: bool

    @property
    def cumulative(self) -> bool:
        return self.regime == LEGACY

    @property
    def needed(self) -> bool:
        if self.regime == CURRENT:
            return bool(self.breaches) or self.novel_or_contentious
        return self.regime == LEGACY and bool(self.breaches)

    def breached(self, value: RptValue) -> bool:
        return any(v is value for v, _ in self.breaches)


def approval_tests(snapshot, settings: TrustSettings) -> dict[str, ApprovalTest]:
    """Agreement ID -> its approval test, for every non-exempt expenditure agreement.

    Income and exempt agreements are absent: no approval is ever needed for them. Legacy totals
    run over the agreements with a confirmation date in date order, as RPT-03 reads them.
    """
    agreements = Agreements(snapshot)
    current_threshold = settings.rpt_approval_threshold
    legacy_threshold = settings.legacy_rpt_threshold
    candidates = sorted(
        (a for a in snapshot.rpt_agreements if is_expenditure(a) and not a.exempt),
        key=lambda a: (a.confirmed_on is None, a.confirmed_on or date.min, a.id),
    )
    running: dict[tuple[str, str], int] = {}  # (organisation, financial year) -> total so far
    tests: dict[str, ApprovalTest] = {}
    for a in candidates:
        regime = regime_of(a)
        values = agreements.values(a.id)
        legacy_breaches = []
        if a.confirmed_on is not None:
            group = agreements.group_of[a.id]
            for v in values:
                before = running.get((group, v.financial_year), 0)
                if before + v.value > legacy_threshold:
                    legacy_breaches.append((v, before))
                running[(group, v.financial_year)] = before + v.value
        if regime == CURRENT:
            threshold = current_threshold
            breaches = tuple((v, 0) for v in values if v.value > current_threshold)
        elif regime == LEGACY:
            threshold, breaches = legacy_threshold, tuple(legacy_breaches)
        else:
            threshold, breaches = None, ()
        tests[a.id] = ApprovalTest(a.id, regime, threshold, breaches,
                                   bool(a.novel_or_contentious), approved_in_time(a))
    return tests
