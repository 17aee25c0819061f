"""An immutable picture of one trust file, indexed once so rules stay linear in the data."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from operator import attrgetter  # C-level keys: these indexes group tens of thousands of rows

from .enums import (
    COMMITTEE_ROLES,
    LOCAL_GOVERNOR_ROLES,
    TRUSTEE_ROLES,
    BodyType,
    Role,
)
from .model import (
    BOARD_BODY,
    MEMBERS_BODY,
    Academy,
    Acknowledgement,
    Action,
    AgendaItem,
    Appointment,
    AttendanceRecord,
    Body,
    Check,
    ChSnapshot,
    Declaration,
    Employment,
    GiasSnapshot,
    Interest,
    ItemAttendance,
    Meeting,
    PayAward,
    PayDecision,
    Payment,
    Person,
    PersonRelationship,
    RptAgreement,
    RptValue,
    SodRow,
    TrustSettings,
)


def _group(items, key) -> dict:
    out: dict = defaultdict(list)
    for item in items:
        out[key(item)].append(item)
    return dict(out)


def scheme_order(row: SodRow) -> tuple:
    """The order of the scheme of delegation's rows: by position, then ref."""
    return (row.position, row.ref)


def _key(record) -> tuple:
    return tuple(getattr(record, name) for name in type(record).KEY)


@dataclass(frozen=True)
class TrustSnapshot:
    """All registers of a trust as tuples of frozen records, plus lazily built indexes.

    Build one with `store.load_snapshot(trust_file)` or directly in tests. Paper contents are
    not part of the snapshot (they can be large); reports fetch them through the store.
    """

    settings: TrustSettings = field(default_factory=TrustSettings)
    academies: tuple[Academy, ...] = ()
    people: tuple[Person, ...] = ()
    bodies: tuple[Body, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    employment: tuple[Employment, ...] = ()
    relationships: tuple[PersonRelationship, ...] = ()
    checks: tuple[Check, ...] = ()
    interests: tuple[Interest, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    attendance: tuple[AttendanceRecord, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    item_attendance: tuple[ItemAttendance, ...] = ()
    actions: tuple[Action, ...] = ()
    rpt_agreements: tuple[RptAgreement, ...] = ()
    rpt_values: tuple[RptValue, ...] = ()
    payments: tuple[Payment, ...] = ()
    pay_decisions: tuple[PayDecision, ...] = ()
    pay_awards: tuple[PayAward, ...] = ()
    sod_rows: tuple[SodRow, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()
    gias: GiasSnapshot | None = None  # the latest imported extract
    gias_history: tuple[GiasSnapshot, ...] = ()  # every imported extract, oldest first
    companies_house: ChSnapshot | None = None  # the latest imported officer list
    companies_house_history: tuple[ChSnapshot, ...] = ()  # every imported list, oldest first

    # --- edits -----------------------------------------------------------------------------

    def with_records(self, changes) -> TrustSnapshot:
        """This snapshot after `changes`, each (old, new): (None, new) adds a record, (old, None)
        removes one and (old, new) replaces it; records are matched by key, in order.

        What the store holds after the same edit, without reading the whole file again (a
        large trust takes half a second to load). Raises LookupError when a record to replace
        or remove is not here: the caller then reloads instead.
        """
        changed: dict[str, list] = {}
        for old, new in changes:
            name = SNAPSHOT_FIELD[type(old if old is not None else new)]
            rows = changed.get(name)
            if rows is None:
                rows = changed[name] = list(getattr(self, name))
            if old is None:
                rows.append(new)
                continue
            key = _key(old)
            at = next((n for n, row in enumerate(rows) if _key(row) == key), None)
            if at is None:
                raise LookupError(f"{type(old).__name__} {key} is not in the snapshot")
            if new is None:
                del rows[at]
            else:
                rows[at] = new
        if "sod_rows" in changed:  # kept in scheme order, as the store loads them
            changed["sod_rows"].sort(key=scheme_order)
        return replace(self, **{name: tuple(rows) for name, rows in changed.items()})

    # --- lookups ---------------------------------------------------------------------------

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}

    @cached_property
    def body_by_name(self) -> dict[str, Body]:
        bodies = {b.name: b for b in self.bodies}
        # Members and Board exist even if not listed (formats.md, Bodies sheet).
        bodies.setdefault(MEMBERS_BODY, Body(MEMBERS_BODY, BodyType.MEMBERS))
        bodies.setdefault(BOARD_BODY, Body(BOARD_BODY, BodyType.BOARD))
        return bodies

    @cached_property
    def academy_by_urn(self) -> dict[str, Academy]:
        return {a.urn: a for a in self.academies}

    @cached_property
    def meeting_by_id(self) -> dict[str, Meeting]:
        return {m.id: m for m in self.meetings}

    @cached_property
    def agreement_by_id(self) -> dict[str, RptAgreement]:
        return {a.id: a for a in self.rpt_agreements}

    @cached_property
    def appointments_by_person(self) -> dict[str, list[Appointment]]:
        return _group(self.appointments, attrgetter("person_id"))

    @cached_property
    def appointments_by_body(self) -> dict[str, list[Appointment]]:
        return _group(self.appointments, attrgetter("body"))

    @cached_property
    def appointments_by_role(self) -> dict[Role, list[Appointment]]:
        return _group(self.appointments, attrgetter("role"))

    @cached_property
    def employment_by_person(self) -> dict[str, list[Employment]]:
        return _group(self.employment, lambda e: e.person_id)

    @cached_property
    def relationships_by_person(self) -> dict[str, list[PersonRelationship]]:
        """Both directions: a relationship recorded on either person appears under both."""
        out: dict[str, list[PersonRelationship]] = defaultdict(list)
        for rel in self.relationships:
            out[rel.person_id].append(rel)
            out[rel.related_person_id].append(rel)
        return dict(out)

    @cached_property
    def checks_by_person(self) -> dict[str, list[Check]]:
        return _group(self.checks, attrgetter("person_id"))

    @cached_property
    def interests_by_person(self) -> dict[str, list[Interest]]:
        return _group(self.interests, attrgetter("person_id"))

    @cached_property
    def declarations_by_person(self) -> dict[str, list[Declaration]]:
        return _group(self.declarations, attrgetter("person_id"))

    @cached_property
    def meetings_by_body(self) -> dict[str, list[Meeting]]:
        grouped = _group(self.meetings, lambda m: m.body)
        for items in grouped.values():
            items.sort(key=lambda m: (m.date, m.id))
        return grouped

    @cached_property
    def attendance_by_meeting(self) -> dict[str, list[AttendanceRecord]]:
        return _group(self.attendance, attrgetter("meeting_id"))

    @cached_property
    def attendance_by_person(self) -> dict[str, list[AttendanceRecord]]:
        return _group(self.attendance, attrgetter("person_id"))

    @cached_property
    def agenda_by_meeting(self) -> dict[str, list[AgendaItem]]:
        grouped = _group(self.agenda, lambda a: a.meeting_id)
        for items in grouped.values():
            items.sort(key=lambda a: _item_sort_key(a.item))
        return grouped

    @cached_property
    def rpt_values_by_agreement(self) -> dict[str, list[RptValue]]:
        grouped = _group(self.rpt_values, lambda v: v.agreement_id)
        for items in grouped.values():
            items.sort(key=lambda v: v.financial_year)
        return grouped

    @cached_property
    def pay_award_by_year(self) -> dict[str, PayAward]:
        return {a.academic_year: a for a in self.pay_awards}

    @cached_property
    def acknowledgement_by_subject(self) -> dict[tuple[str, str, str], Acknowledgement]:
        return {(a.rule, a.subject_kind, a.subject_key): a for a in self.acknowledgements}

    @cached_property
    def lgb_by_urn(self) -> dict[str, Body]:
        """The LGB serving each academy (a hub LGB serves several)."""
        return {
            urn: b
            for b in self.body_by_name.values()
            if b.type == BodyType.LOCAL_GOVERNING_BODY
            for urn in b.academy_urns
        }

    @cached_property
    def payees(self) -> tuple[frozenset, frozenset]:
        """(payee names, company numbers) found in the payments ledger: ledgers repeat a few
        hundred payees, so the related-party rules weigh each once, not each payment."""
        payments = self.payments
        return (frozenset(map(attrgetter("supplier"), payments)),
                frozenset(map(attrgetter("company_number"), payments)))

    @cached_property
    def item_attendance_by_meeting(self) -> dict[str, list[ItemAttendance]]:
        return _group(self.item_attendance, lambda r: r.meeting_id)

    @cached_property
    def actions_by_meeting(self) -> dict[str, list[Action]]:
        return _group(self.actions, lambda a: a.meeting_id)

    # --- questions the rules and screens ask -------------------------------------------------

    def gias_on(self, on: date) -> GiasSnapshot | None:
        """The latest GIAS extract dated on or before `on` (an extract taken later is no evidence
        about that day); the latest extract when no history is loaded (snapshots built in code)."""
        return _latest_on(self.gias_history or ((self.gias,) if self.gias else ()), on,
                          lambda snap: snap.extract_date)

    def companies_house_on(self, on: date) -> ChSnapshot | None:
        """The latest officer list dated on or before `on`, as gias_on."""
        return _latest_on(self.companies_house_history or ((self.companies_house,) if self.companies_house else ()),
                          on, lambda snap: snap.as_of)

    def person_label(self, person_id: str) -> str:
        person = self.person_by_id.get(person_id)
        return person.full_name if person else person_id

    def is_employee(self, person_id: str, on: date) -> bool:
        return any(e.in_force(on) for e in self.employment_by_person.get(person_id, ()))

    def appointments_in_office(
        self, on: date, roles=None, body: str | None = None
    ) -> list[Appointment]:
        """Appointments in office on `on`, optionally limited to some roles and one body."""
        source = self.appointments_by_body.get(body, ()) if body else self.appointments
        return [
            a for a in source
            if a.in_office(on) and (roles is None or a.role in roles)
        ]

    def trustees_in_office(self, on: date) -> dict[str, list[Appointment]]:
        """Trustees by person; a chair or vice-chair of trustees counts as a trustee."""
        return _group(
            (a for a in self.appointments_in_office(on, TRUSTEE_ROLES)), lambda a: a.person_id
        )

    def members_in_office(self, on: date) -> dict[str, list[Appointment]]:
        return _group(self.appointments_in_office(on, {Role.MEMBER}), lambda a: a.person_id)

    def local_governors_in_office(self, on: date, body: str) -> dict[str, list[Appointment]]:
        """Local governors of one LGB; an LGB chair counts as a local governor of it."""
        return _group(
            self.appointments_in_office(on, LOCAL_GOVERNOR_ROLES, body), lambda a: a.person_id
        )

    def committee_members_in_office(self, on: date, body: str) -> dict[str, list[Appointment]]:
        """Members of a committee; its chair counts as a member."""
        return _group(
            self.appointments_in_office(on, COMMITTEE_ROLES, body), lambda a: a.person_id
        )

    def holders(self, role: Role, on: date, body: str | None = None) -> list[str]:
        """Person IDs holding `role` on `on` (distinct, in a stable order)."""
        seen: dict[str, None] = {}
        if body is None:
            for a in self.appointments_by_role.get(role, ()):
                if a.in_office(on):
                    seen.setdefault(a.person_id, None)
        else:  # a body's own appointments: far fewer than everyone's in that role
            for a in self.appointments_by_body.get(body, ()):
                if a.role == role and a.in_office(on):
                    seen.setdefault(a.person_id, None)
        return list(seen)

    def bodies_of_type(self, *types: BodyType) -> list[Body]:
        return [b for b in self.body_by_name.values() if b.type in types]

    def values_of(self, agreement_id: str) -> list[RptValue]:
        """An agreement's values per financial year, oldest year first."""
        return self.rpt_values_by_agreement.get(agreement_id, [])


def _item_sort_key(item: str) -> tuple:
    """Agenda items sort as numbers part by part: 2 < 4.2 < 10."""
    parts = []
    for part in str(item).replace(" ", "").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(parts)


# The snapshot field holding each kind of record (papers are not part of a snapshot).
SNAPSHOT_FIELD: dict[type, str] = {
    Academy: "academies", Person: "people", Body: "bodies", Appointment: "appointments",
    Employment: "employment", PersonRelationship: "relationships", Check: "checks",
    Interest: "interests", Declaration: "declarations", Meeting: "meetings",
    AttendanceRecord: "attendance", AgendaItem: "agenda", ItemAttendance: "item_attendance",
    Action: "actions", RptAgreement: "rpt_agreements",
    RptValue: "rpt_values", Payment: "payments", PayDecision: "pay_decisions",
    PayAward: "pay_awards", SodRow: "sod_rows", Acknowledgement: "acknowledgements",
}


def _latest_on(history, on: date, dated):
    """The item of `history` with the latest date on or before `on` (the later one on a tie)."""
    found = None
    for item in history:
        if dated(item) <= on and (found is None or dated(item) >= dated(found)):
            found = item
    return found
