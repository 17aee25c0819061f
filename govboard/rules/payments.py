"""Payments to related parties outside any agreement (RPT-07, RPT-08).

Both read the payments ledger as it stood on as_of (a payment dated later is no evidence) and
look for the trust's related persons: members, trustees, local governors, the accounting officer,
the chief executive and the chief financial officer (the senior employees the register of
interests covers), and people recorded as their relatives, each on the payment's date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property

from govboard.domain.dates import financial_year_of
from govboard.domain.enums import Relationship, Role, Severity
from govboard.domain.model import Subject
from govboard.domain.names import fold_name, normalise_company_number, normalise_org, split_ch_name

from .base import iso, long_date, money, names_list, plural, pounds, rule
from .interests import SCOPE_ROLES

AREA = "Related parties"
RELATED_ROLES = SCOPE_ROLES | {Role.CHIEF_EXECUTIVE}

ROLE_WORDS = {
    Role.MEMBER: "member",
    Role.TRUSTEE: "trustee",
    Role.CHAIR_OF_TRUSTEES: "chair of trustees",
    Role.VICE_CHAIR_OF_TRUSTEES: "vice-chair of trustees",
    Role.LOCAL_GOVERNOR: "local governor",
    Role.LGB_CHAIR: "chair of a local governing body",
    Role.ACCOUNTING_OFFICER: "accounting officer",
    Role.CHIEF_EXECUTIVE: "chief executive",
    Role.CHIEF_FINANCIAL_OFFICER: "chief financial officer",
}
# A role that says the other already: a chair of trustees is a trustee.
_IMPLIED = {
    Role.CHAIR_OF_TRUSTEES: Role.TRUSTEE,
    Role.VICE_CHAIR_OF_TRUSTEES: Role.TRUSTEE,
    Role.LGB_CHAIR: Role.LOCAL_GOVERNOR,
}
RELATIONSHIP_WORDS = {
    Relationship.SPOUSE: "spouse or civil partner",
    Relationship.PARTNER: "partner",
    Relationship.PARENT: "parent",
    Relationship.CHILD: "child",
    Relationship.SIBLING: "sibling",
    Relationship.HOUSEHOLD: "household member",
    Relationship.OTHER_CLOSE_FAMILY: "close family member",
}


def role_words(roles) -> list[str]:
    """Plain words for roles, in a fixed order, without those another implies (a chair of
    trustees is a trustee)."""
    held = set(roles)
    held -= {_IMPLIED[r] for r in held if r in _IMPLIED}
    return [words for role, words in ROLE_WORDS.items() if role in held]


class RelatedPersons:
    """Who makes a person related to the trust on a date: the person themself, holding a related
    role, or a role holder they are recorded as a relative of."""

    def __init__(self, snapshot):
        self.snapshot = snapshot
        self._cache: dict[tuple[str, date], list[dict]] = {}

    @cached_property
    def appointments(self) -> dict[str, list]:
        out: dict[str, list] = {}
        by_role = self.snapshot.appointments_by_role
        for role in RELATED_ROLES:
            for a in by_role.get(role, ()):
                out.setdefault(a.person_id, []).append(a)
        return out

    def _held(self, person_id: str, on: date) -> set[Role]:
        return {a.role for a in self.appointments.get(person_id, ()) if a.in_office(on)}

    def through(self, person_id: str, on: date) -> list[dict]:
        """[{"person", "roles", "relationship"?}]: the person if they hold a related role on `on`,
        and each role holder they are then recorded as a relative of ("relationship" says what
        `person_id` is to them)."""
        key = (person_id, on)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        out = []
        roles = self._held(person_id, on)
        if roles:
            out.append({"person": person_id, "roles": role_words(roles)})
        for rel in self.snapshot.relationships_by_person.get(person_id, ()):
            if not rel.in_force(on):
                continue
            if rel.related_person_id == person_id:  # (other, person, R): person is other's R
                other, what = rel.person_id, rel.relationship
            else:  # (person, other, R): other is person's R, so person is other's inverse
                other, what = rel.related_person_id, rel.relationship.inverse
            if other == person_id:
                continue
            roles = self._held(other, on)
            if roles:
                out.append({"person": other, "roles": role_words(roles),
                            "relationship": RELATIONSHIP_WORDS[what]})
        self._cache[key] = out
        return out


def who_words(ctx, holder_id: str, links: Iterable[dict]) -> list[str]:
    """How `holder_id` is a related person, in one phrase: 'Dan Doyle (accounting officer)';
    'Margaret Doyle, the parent of Dan Doyle (accounting officer)'; 'Priya Raghunathan
    (trustee), also the parent of Anjali Raghunathan (local governor)'."""
    links = list(links)
    own = [link for link in links if "relationship" not in link]
    family = [link for link in links if "relationship" in link]
    name = ctx.facts.name(holder_id)
    ties = names_list(list(dict.fromkeys(
        f"the {link['relationship']} of {ctx.facts.name(link['person'])} ({names_list(link['roles'])})"
        for link in family)))
    if own:
        roles = names_list(list(dict.fromkeys(r for link in own for r in link["roles"])))
        return [f"{name} ({roles})" + (f", also {ties}" if ties else "")]
    return [f"{name}, {ties}"] if ties else []


def _date_span(dates: list[date]) -> str:
    first, last = min(dates), max(dates)
    if first == last:
        return f"on {long_date(first)}"
    return f"between {long_date(first)} and {long_date(last)}"


class PaymentCandidates:
    """The payments RPT-07 or RPT-08 must weigh, found in one pass over the ledger: dated on or
    before as_of, linked to no agreement, and paid to a name or company number that matches a
    registered interest (RPT-07) or to a person in the registers by name (RPT-08). The ledger's
    distinct payees are matched first, so each is weighed once, not each of 50,000 payments."""

    def __init__(self, snapshot, as_of: date):
        self.index = InterestIndex(snapshot)
        names, numbers = snapshot.payees
        self.interest_names = {n for n in names if normalise_org(n) in self.index.by_name}
        self.interest_numbers = {n for n in numbers
                                 if n and normalise_company_number(n) in self.index.by_number}
        people: dict[tuple[str, str], list[str]] = {}
        for person in snapshot.people:
            first = (person.forename or "").split()
            if first:
                people.setdefault((fold_name(first[0]), fold_name(person.surname)), []).append(person.id)
        self.people_by_payee = {name: people[key] for name in names
                                if (key := payee_name_key(name)) and key in people}
        wanted_names = self.interest_names | set(self.people_by_payee)
        wanted_numbers = self.interest_numbers
        self.payments = [
            p for p in snapshot.payments
            if (p.supplier in wanted_names or p.company_number in wanted_numbers)
            and not p.agreement_id and p.date <= as_of
        ]


def _candidates(ctx, snapshot) -> PaymentCandidates:
    return ctx.state.shared("payment_candidates", lambda: PaymentCandidates(snapshot, ctx.as_of))


def _related_persons(ctx, snapshot) -> RelatedPersons:
    """One RelatedPersons per run, shared by RPT-07 and RPT-08 (it caches per person and date)."""
    return ctx.state.shared("related_persons", lambda: RelatedPersons(snapshot))


class InterestIndex:
    """Every registered interest, indexed by company number and by normalised organisation name,
    so each payee is one look-up; interests naming the same organisation (by number or name,
    joined transitively) share one organisation key, the smallest normalised name among them."""

    def __init__(self, snapshot):
        self.by_number: dict[str, list] = {}
        self.by_name: dict[str, list] = {}
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for interest in snapshot.interests:
            name = normalise_org(interest.organisation)
            self.by_name.setdefault(name, []).append(interest)
            find("name:" + name)
            if interest.company_number:
                number = normalise_company_number(interest.company_number)
                self.by_number.setdefault(number, []).append(interest)
                a, b = find("name:" + name), find("number:" + number)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        smallest: dict[str, str] = {}
        for name in self.by_name:
            root = find("name:" + name)
            smallest[root] = min(smallest.get(root, name), name)
        self._key = {name: smallest[find("name:" + name)] for name in self.by_name}

    def key_of(self, interest) -> str:
        return self._key[normalise_org(interest.organisation)]

    def candidates(self, supplier: str, company_number: str | None) -> list[tuple[object, str]]:
        """(interest, matched on) for a payee: on company number when both have one, else on
        the normalised name."""
        number = normalise_company_number(company_number) if company_number else ""
        out = []
        if number:
            out.extend((i, "company number") for i in self.by_number.get(number, ()))
        for i in self.by_name.get(normalise_org(supplier), ()):
            if not (number and i.company_number):
                out.append((i, "name"))
        return out


@rule(
    "RPT-07", ("must", "should"), "Payments to a related party outside any agreement", AREA,
    """Payments to an organisation in which a related person had a registered interest on the
    payment date are related-party transactions and should be covered by a reported related-party
    agreement. Related persons are members, trustees, local governors, the accounting officer, the
    chief executive and the chief financial officer, and people recorded as their relatives. One
    finding per organisation lists its unlinked payments with their financial years; it is a must
    when those payments exceed the DfE approval threshold (£40,000 by default) in one financial
    year, else a should. Payee and interest are matched on company number where both have one,
    otherwise on the organisation name ignoring case, punctuation and the words "the", "ltd",
    "limited", "plc" and "llp". Payments dated after the check date are not counted.""",
    """Check the payments: if the supplier is a related party, record (and report) the agreement,
    seek DfE approval where it is over the threshold, and link the payments to it; if it is a
    different organisation, record its company number.""",
)
def rpt_07(snapshot, ctx):
    index = _candidates(ctx, snapshot).index
    if ctx.explaining:
        payments = ctx.facts.payments
        later = len(snapshot.payments) - len(payments)
        unlinked = sum(1 for p in payments if not p.agreement_id)
        ctx.read(f"{plural(len(payments), 'payment')} dated on or before {long_date(ctx.as_of)}, "
                 f"{unlinked} of them not linked to an agreement"
                 + (f" ({plural(later, 'later payment')} not counted)" if later else ""))
        ctx.read(f"{plural(len(snapshot.interests), 'registered interest')}, matched to payees by "
                 "company number, else by organisation name")
    if not index.by_name:
        return
    related = _related_persons(ctx, snapshot)
    candidates = _candidates(ctx, snapshot)
    by_name, by_number = candidates.interest_names, candidates.interest_numbers
    candidates_by_payee: dict[tuple, list] = {}
    by_org: dict[str, dict] = {}
    hits = [p for p in candidates.payments if p.supplier in by_name or p.company_number in by_number]
    for payment in hits:
        payee = (payment.supplier, payment.company_number)
        candidates = candidates_by_payee.get(payee)
        if candidates is None:
            candidates = candidates_by_payee[payee] = index.candidates(*payee)
        for interest, matched_on in candidates:
            if not interest.in_force(payment.date):
                continue
            links = related.through(interest.person_id, payment.date)
            if not links:
                continue
            org = by_org.setdefault(index.key_of(interest), {"payments": {}, "interests": {}})
            org["payments"][payment.id] = payment
            entry = org["interests"].setdefault(id(interest), (interest, matched_on, []))
            for link in links:
                if link not in entry[2]:
                    entry[2].append(link)
    threshold = ctx.settings.rpt_approval_threshold
    year_by_day: dict[date, str] = {}

    def year_of(on: date) -> str:
        year = year_by_day.get(on)
        if year is None:
            year = year_by_day[on] = financial_year_of(on)
        return year

    for key in sorted(by_org):
        org = by_org[key]
        paid = sorted(org["payments"].values(), key=lambda p: (p.date, p.id))
        interests = sorted(org["interests"].values(), key=lambda e: (e[0].person_id, e[0].organisation))
        label = interests[0][0].organisation
        by_year: dict[str, int] = {}
        for p in paid:
            year = year_of(p.date)
            by_year[year] = by_year.get(year, 0) + p.amount
        over = [year for year, total in sorted(by_year.items()) if total > threshold]
        links_by_holder: dict[str, list] = {}
        for interest, _, links in interests:
            held = links_by_holder.setdefault(interest.person_id, [])
            held.extend(link for link in links if link not in held)
        people = [w for holder, links in links_by_holder.items() for w in who_words(ctx, holder, links)]
        total = sum(p.amount for p in paid)
        if len(by_year) == 1:
            years = f"all in {next(iter(by_year))}" if len(paid) > 1 else next(iter(by_year))
        else:
            years = "; ".join(f"{pounds(amount)} in {year}" for year, amount in sorted(by_year.items()))
        how = (f"on {long_date(paid[0].date)}" if len(paid) == 1 else
               f"in {len(paid)} payments {_date_span([p.date for p in paid])}")
        message = (f"{label} was paid {pounds(total)} {how} outside any related-party agreement "
                   f"({years}). It is a registered interest of {names_list(people)}.")
        if over:
            message += (f" It was paid more than {pounds(threshold)} in {' and in '.join(over)}, which "
                        "needs the DfE's approval.")
        yield ctx.finding(
            Subject("organisation", key, label),
            message,
            {
                "organisation": label,
                "totals_by_year": {year: money(amount) for year, amount in sorted(by_year.items())},
                "threshold": money(threshold),
                "payments": [
                    {"payment": p.id, "date": iso(p.date), "amount": money(p.amount),
                     "financial_year": year_of(p.date), "supplier": p.supplier}
                    for p in paid
                ],
                "interests": [
                    {"organisation": interest.organisation, "matched_on": matched_on,
                     "interest_holder": interest.person_id, "start": iso(interest.start),
                     "related_persons": links}
                    for interest, matched_on, links in interests
                ],
            },
            Severity.MUST if over else Severity.SHOULD,
        )


# --- payments to people --------------------------------------------------------------------------

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd",
                     "sir", "dame", "lady", "lord", "master"})


def payee_name_key(payee: str) -> tuple[str, str] | None:
    """(folded forename, folded surname) when a payee reads as a person's name: "Margaret Doyle",
    "Mrs Margaret Anne Doyle", "DOYLE, Margaret" (Companies House order); None for anything
    shorter than two names. Initials do not match a forename."""
    text = " ".join(str(payee or "").split())
    if "," in text:
        forename, surname = split_ch_name(text)
        words = [w for w in surname.split() if fold_name(w) not in _TITLES]
        surname = " ".join(words)
    else:
        words = [w for w in text.split() if fold_name(w) not in _TITLES]
        if len(words) < 2:
            return None
        forename, surname = words[0], words[-1]
    forename, surname = fold_name(forename), fold_name(surname)
    return (forename, surname) if forename and surname else None


@rule(
    "RPT-08", "should", "Payment to a related person outside any agreement", AREA,
    """A payment whose payee is, by name, a member, trustee, local governor, the accounting
    officer, the chief executive or the chief financial officer on the payment date, or a person
    recorded as a relative of one, is a related-party transaction and should be linked to a
    related-party agreement. Names are compared on forename and surname with case, accents,
    punctuation and titles folded away; initials do not match. Payments dated after the check date
    are not counted.""",
    """Check the payment: if it went to that person, record (and report) it as a related-party
    agreement and link the payment; if the payee is someone else of the same name, note it in the
    payment's description and acknowledge the finding.""",
)
def rpt_08(snapshot, ctx):
    candidates = _candidates(ctx, snapshot)
    if ctx.explaining:
        payments = ctx.facts.payments
        later = len(snapshot.payments) - len(payments)
        ctx.read(f"{plural(len(payments), 'payment')} dated on or before {long_date(ctx.as_of)}"
                 + (f" ({plural(later, 'later payment')} not counted)" if later else "")
                 + f", their payees compared by name with the {plural(len(snapshot.people), 'person', 'people')} "
                 "in the registers")
    related = _related_persons(ctx, snapshot)
    people_by_payee = candidates.people_by_payee
    for payment in [p for p in candidates.payments if p.supplier in people_by_payee]:
        person_ids = people_by_payee[payment.supplier]
        found = [(pid, links) for pid in person_ids if (links := related.through(pid, payment.date))]
        if not found:
            if ctx.explaining:
                ctx.passed(_payment_subject(ctx, payment),
                           f"the payee's name matches {names_list([ctx.facts.name(p) for p in person_ids])}, "
                           f"who held no related role and was no role holder's recorded relative on "
                           f"{long_date(payment.date)}")
            continue
        who = names_list([w for pid, links in found for w in who_words(ctx, pid, links)])
        yield ctx.finding(
            _payment_subject(ctx, payment),
            f"Payment {payment.id} of {pounds(payment.amount)} on {long_date(payment.date)} to "
            f"{payment.supplier} is not linked to any related-party agreement; the payee is "
            f"{who}.",
            {
                "date": iso(payment.date),
                "amount": money(payment.amount),
                "supplier": payment.supplier,
                "financial_year": financial_year_of(payment.date),
                "persons": [{"person": pid, "related_through": links} for pid, links in found],
            },
        )


def _payment_subject(ctx, payment) -> Subject:
    return Subject("payment", payment.id, f"Payment {payment.id} to {payment.supplier}")

