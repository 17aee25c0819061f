"""Filing duties and reconciliation (GIAS, CH): changes recorded on GIAS and at Companies House
on time, and the registers agreeing with the latest imported GIAS extract and officer list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from govboard.domain.dates import twelve_months_before, within_last_12_months
from govboard.domain.enums import LOCAL_GOVERNOR_ROLES, TRUSTEE_ROLES, BodyType, Role, Severity
from govboard.domain.gias import TRUST, gias_role, scope_of
from govboard.domain.model import BOARD_BODY, MEMBERS_BODY, Subject
from govboard.domain.names import fold_name, split_ch_name

from .base import continuous_start, iso, long_date, merged_spans, names_list, rule

AREA = "Filing and reconciliation"

# The appointments whose starts and ends must be recorded on GIAS (rulebook: events in scope).
GIAS_ROLES = (
    Role.MEMBER, Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES, Role.ACCOUNTING_OFFICER,
    Role.CHIEF_FINANCIAL_OFFICER, Role.GOVERNANCE_PROFESSIONAL, Role.LOCAL_GOVERNOR, Role.LGB_CHAIR,
)


@dataclass(frozen=True, slots=True)
class FilingEvent:
    """A start or end that must be recorded on a register (GIAS or Companies House)."""

    register: str  # "GIAS" | "Companies House"
    person_id: str
    kind: str  # "start" | "end"
    on: date
    recorded_on: date | None
    what: str  # e.g. "Trustee of Board", "director (trustee)"
    shown_on: date | None = None  # the date of an imported list that shows the change (CH-01)

    def describe(self) -> str:
        """'appointed trustee on 13 January 2026', 'left office as local governor of Oak LGB on
        31 March 2026', 'appointed director (trustee) on ...'."""
        what = self.what[:1].lower() + self.what[1:]
        if self.kind == "start":
            return f"appointed {what} on {long_date(self.on)}"
        return f"left office as {what} on {long_date(self.on)}"

    def evidence(self) -> dict:
        out = {"event": self.kind, "role": self.what, "date": iso(self.on), "recorded_on": iso(self.recorded_on)}
        if self.shown_on is not None:
            out["shown_at_companies_house_on"] = iso(self.shown_on)
        return out


def gias_events(snapshot, as_of: date) -> list[FilingEvent]:
    """Starts and ends of GIAS-recorded appointments in the 12 months before as_of; each term
    is its own record, so a re-appointment is an event."""
    first_day, events = twelve_months_before(as_of), []
    for role in GIAS_ROLES:
        for a in snapshot.appointments_by_role.get(role, ()):
            what = f"{a.role} of {a.body}" if a.role in LOCAL_GOVERNOR_ROLES else str(a.role)
            if first_day <= a.start <= as_of:
                events.append(FilingEvent("GIAS", a.person_id, "start", a.start, a.gias_start_recorded_on, what))
            if a.end is not None and first_day <= a.end <= as_of:
                events.append(FilingEvent("GIAS", a.person_id, "end", a.end, a.gias_end_recorded_on, what))
    return events


def _first_filed(appointments, attr: str) -> date | None:
    dates = [getattr(a, attr) for a in appointments if getattr(a, attr) is not None]
    return min(dates) if dates else None


def ch_events(snapshot, as_of: date, deadline: int = 14) -> list[FilingEvent]:
    """Directorship starts and final departures in the 12 months before as_of: trustee terms that
    follow one another within a day are one directorship, so a re-appointment is no event and
    neither is the end it follows. An event the latest officer list on or before as_of shows (an
    appointment, or a resignation, dated from `deadline` days before the event) is filed."""
    by_person: dict[str, list] = {}
    for role in TRUSTEE_ROLES:
        for a in snapshot.appointments_by_role.get(role, ()):
            by_person.setdefault(a.person_id, []).append(a)
    surnames = {fold_name(p.surname) for pid in by_person if (p := snapshot.person_by_id.get(pid))}
    shown = _ch_dates_by_name(snapshot.companies_house_on(as_of), surnames)
    events = []
    what = "director (trustee)"
    for person_id, appointments in by_person.items():
        person = snapshot.person_by_id.get(person_id)
        keys = name_keys(person.forename, person.surname) if person else set()
        for start, end, run in merged_spans(appointments):
            starters = [a for a in run if a.start == start]
            events.append(FilingEvent("Companies House", person_id, "start", start,
                                      _first_filed(starters, "ch_start_filed_on"), what,
                                      _shown(shown, keys, "appointed", start, deadline)))
            if end is not None:
                enders = [a for a in run if a.end == end]
                events.append(FilingEvent("Companies House", person_id, "end", end,
                                          _first_filed(enders, "ch_end_filed_on"), what,
                                          _shown(shown, keys, "resigned", end, deadline)))
    return [e for e in events if within_last_12_months(e.on, as_of)]


def _ch_dates_by_name(officers, surnames: set[str]) -> dict:
    """(name key, "appointed" | "resigned") -> (dates on the list, the list's date), for the
    directors whose folded surname is in `surnames` (a list may hold thousands of officers)."""
    out: dict = {}
    if officers is None:
        return out
    for o in officers.officers:
        role = o.officer_role.casefold()
        if "director" not in role or role.startswith("corporate"):
            continue
        forename, surname = split_ch_name(o.name)
        if fold_name(surname) not in surnames:
            continue
        for key in name_keys(forename, surname):
            for kind, when in (("appointed", o.appointed_on), ("resigned", o.resigned_on)):
                if when is not None and when <= officers.as_of:
                    out.setdefault((key, kind), ([], officers.as_of))[0].append(when)
    return out


def _shown(shown: dict, keys, kind: str, on: date, deadline: int) -> date | None:
    for key in keys:
        dates, listed_on = shown.get((key, kind), ((), None))
        if any((on - when).days <= deadline for when in dates):  # not an earlier directorship's
            return listed_on
    return None


def _filing_findings(ctx, events, register: str):
    deadline = ctx.settings.filing_deadline_days
    by_person: dict[str, list] = {}
    for event in events:
        if event.recorded_on is not None and event.recorded_on > ctx.as_of:
            event = replace(event, recorded_on=None)  # recorded later: not yet on as_of (v2)
        if event.recorded_on is None:
            if event.shown_on is not None:
                continue  # the imported officer list shows it: filed (date of filing unknown)
            if (ctx.as_of - event.on).days > deadline:
                by_person.setdefault(event.person_id, []).append((event, Severity.MUST))
        elif (event.recorded_on - event.on).days > deadline:
            by_person.setdefault(event.person_id, []).append((event, Severity.ADVICE))
    for person_id, items in by_person.items():
        items.sort(key=lambda item: (item[0].on, item[0].kind, item[0].what))
        name = ctx.facts.name(person_id)
        missing = [e for e, sev in items if sev == Severity.MUST]
        told = "notified" if register == "Companies House" else "updated"
        if missing:
            message = (f"{name} was {names_list([e.describe() for e in missing])}, and {register} has "
                       f"still not been {told}, more than {deadline} days later.")
            severity = Severity.MUST
        else:
            parts = [f"{e.describe()} ({register} {told} on {long_date(e.recorded_on)})" for e, _ in items]
            message = (f"{name} was {names_list(parts)}: more than the {deadline} days allowed "
                       f"for telling {register}.")
            severity = Severity.ADVICE
        yield ctx.finding(
            ctx.person(person_id), message,
            {"deadline_days": deadline, "events": [e.evidence() for e, _ in items]},
            severity,
        )


@rule(
    "GIAS-01", ("must", "advice"), "Governance change not recorded on GIAS in time", AREA,
    """Appointments and departures of members, trustees, the chair of trustees, the accounting
    officer, the chief financial officer, the governance professional, local governors and LGB
    chairs must be recorded on GIAS within 14 days (each term is its own record, so a
    re-appointment is a change too). A change more than 14 days old and not recorded is a must; one
    recorded late is advice. Changes in the 12 months before the check date are looked at.""",
    """Update GIAS now and record the date you did so on the role.""",
)
def gias_01(snapshot, ctx):
    ctx.read(f"starts and ends of GIAS-recorded appointments from {long_date(twelve_months_before(ctx.as_of))} "
             f"to {long_date(ctx.as_of)}, and the dates they were recorded on GIAS (a recording dated "
             "after the check date is no evidence)")
    yield from _filing_findings(ctx, gias_events(snapshot, ctx.as_of), "GIAS")


@rule(
    "CH-01", ("must", "advice"), "Director change not filed at Companies House in time", AREA,
    """A trustee's appointment as a director, and their final departure, must be notified to
    Companies House within 14 days. A re-appointment that follows the previous term within a day
    is no change. A change more than 14 days old and not filed is a must; one filed late is advice.
    A change the latest imported Companies House officer list (dated on or before the check date)
    shows, as an appointment or a resignation, counts as filed. Changes in the 12 months before the
    check date are looked at.""",
    """File the appointment (AP01) or termination (TM01) at Companies House now and record the
    filing date on the role.""",
)
def ch_01(snapshot, ctx):
    deadline = ctx.settings.filing_deadline_days
    yield from _filing_findings(ctx, ch_events(snapshot, ctx.as_of, deadline), "Companies House")


# --- reconciliation ------------------------------------------------------------------------------

# The appointments GIAS records, by govboard role.
ROLE_OFFICE = {Role.MEMBER, Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES, Role.ACCOUNTING_OFFICER,
               Role.CHIEF_FINANCIAL_OFFICER, Role.GOVERNANCE_PROFESSIONAL, Role.LOCAL_GOVERNOR, Role.LGB_CHAIR}
# A chair's record also shows the office the chair implies (rulebook: role implication), so a
# Trustee appointment is not "missing" from GIAS when GIAS lists the person as chair only.
IMPLIED_OFFICES = {
    Role.CHAIR_OF_TRUSTEES: (Role.CHAIR_OF_TRUSTEES, Role.TRUSTEE),
    Role.LGB_CHAIR: (Role.LGB_CHAIR, Role.LOCAL_GOVERNOR),
}
# The appointments a record of an office confirms: its own role first; only when the person has
# none of that role, the roles that imply it (a Trustee row and a chair who has no trustee term).
FALLBACK_ROLES = {
    Role.TRUSTEE: (Role.CHAIR_OF_TRUSTEES, Role.VICE_CHAIR_OF_TRUSTEES),
    Role.LOCAL_GOVERNOR: (Role.LGB_CHAIR,),
}
TRUST_PLACE, GROUP_PLACE = "trust", "group"  # where a record sits, besides an academy's URN

def name_keys(forename: str | None, surname: str | None) -> set[tuple[str, str]]:
    """Keys a name is matched under: the whole forename and its first word, each with the surname."""
    first_words = (forename or "").split()
    keys = {(fold_name(forename), fold_name(surname))}
    if first_words:
        keys.add((fold_name(first_words[0]), fold_name(surname)))
    return {k for k in keys if k[0] and k[1]}


def people_by_name(snapshot) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = {}
    for person in snapshot.people:
        for key in name_keys(person.forename, person.surname):
            out.setdefault(key, []).append(person.id)
    return out


def _match_people(index, forename, surname) -> list[str]:
    found: dict[str, None] = {}
    for key in name_keys(forename, surname):
        for pid in index.get(key, ()):
            found.setdefault(pid, None)
    return list(found)


def _places(snapshot, appointment) -> tuple[str, ...]:
    """Where GIAS records an appointment: the trust (Members, the Board, its committees), or an
    LGB's academies, any of them, or the trust's group (a shared governor's `- Group` row)."""
    body = snapshot.body_by_name.get(appointment.body)
    if body is None or body.type != BodyType.LOCAL_GOVERNING_BODY:
        return (TRUST_PLACE,)
    return (*body.academy_urns, GROUP_PLACE)


def _record_place(record, known) -> str:
    if known.level == TRUST:
        return TRUST_PLACE
    return record.urn or GROUP_PLACE


def trust_records(snapshot, records) -> list:
    """The records that are this trust's (formats.md section 2 v2): an extract imported before v2
    may hold other trusts' rows, which are never reconciled."""
    scope = scope_of(snapshot.settings, snapshot.academies)
    if not scope.known:
        return list(records)
    by_trust = bool(scope.uid or scope.company_number)
    return [r for r in records
            if scope.owns(r.uid, r.companies_house_number, r.urn)
            or (r.urn and not scope.urns) or (not r.urn and not by_trust)]


@rule(
    "GIAS-02", "should", "Registers disagree with GIAS", AREA,
    """Compares the registers with this trust's rows of the latest imported GIAS governance
    extract, as they stood on the extract's date: a role in office that started more than 14 days
    before has no current GIAS record; a current GIAS record matches an appointment that ended more
    than 14 days before; the start dates of the same term differ; or a current GIAS record matches
    no one. People are matched on forename and surname ignoring case, accents and punctuation,
    confirmed by role and place: a Trustee row matches the trustee term and a Chair of Trustees row
    the chair role; an academy's row matches the LGB serving that academy, and a shared governor's
    `- Group` row their office on any LGB. Other trusts' rows are never reconciled. It is silent
    until a GIAS extract has been imported.""",
    """Correct GIAS (or the registers, whichever is wrong) and import a fresh extract to confirm.""",
)
def gias_02(snapshot, ctx):
    extract = snapshot.gias_on(ctx.as_of)
    if extract is None:
        if snapshot.gias is not None:
            ctx.declare_silent(f"every imported GIAS extract is dated after {ctx.as_of:%d/%m/%Y}, "
                               "so none shows GIAS as it stood then")
        else:
            ctx.declare_silent("no GIAS extract has been imported")
        return
    on = extract.extract_date
    grace = ctx.settings.filing_deadline_days
    people = people_by_name(snapshot)
    issues: dict[str, list[dict]] = {}

    # Current records under (name key, office, place).
    current_keys: set[tuple] = set()
    current_records = []
    for record in trust_records(snapshot, extract.records):
        known = gias_role(record.role)
        if known is None or known.office is None or (record.term_end is not None and record.term_end < on):
            continue  # roles govboard makes no office of are kept, not reconciled; ended records are history
        place = _record_place(record, known)
        current_records.append((record, known, place))
        for key in name_keys(record.forename1, record.surname):
            for held in IMPLIED_OFFICES.get(known.office, (known.office,)):
                current_keys.add((key, held, place))

    # A role in office that GIAS does not show.
    for role in ROLE_OFFICE:
        for a in snapshot.appointments_by_role.get(role, ()):
            if not a.in_office(on) or (on - a.start).days <= grace:
                continue
            person = snapshot.person_by_id.get(a.person_id)
            if person is None:
                continue
            places = _places(snapshot, a)
            keys = name_keys(person.forename, person.surname)
            if not any((key, role, place) in current_keys for key in keys for place in places):
                issues.setdefault(a.person_id, []).append({
                    "issue": "no current GIAS record", "role": str(a.role), "body": a.body,
                    "start": iso(a.start),
                    "text": f"{_role_text(a)} since {long_date(a.start)} has no current GIAS record",
                })

    # Current GIAS records that match an ended appointment, a different start, or no one.
    for record, known, place in current_records:
        person_ids = _match_people(people, record.forename1, record.surname)
        if not person_ids:
            yield ctx.finding(
                Subject("gias_record", record.gid,
                        f"{record.forename1} {record.surname} ({record.role} on GIAS)"),
                f"GIAS has a current record for {record.forename1} {record.surname} as {record.role}, "
                "who matches no one in the registers.",
                {"gid": record.gid, "role": record.role, "urn": record.urn,
                 "appointed_on": iso(record.appointed_on), "extract_date": iso(on)},
            )
            continue
        mine = [a for pid in person_ids for a in snapshot.appointments_by_person.get(pid, ())
                if place in _places(snapshot, a)]
        candidates = [a for a in mine if a.role == known.office]
        # A term's start may differ from the record's where one office has several records: a
        # hub LGB's academies (each dated from when it joined), a `- Group` row, or a chair
        # standing for the trustee term GIAS lists separately.
        relaxed = known.shared or any(len(_places(snapshot, a)) > 2 for a in candidates)
        if not candidates:
            fallback = FALLBACK_ROLES.get(known.office, ())
            candidates = [a for a in mine if a.role in fallback]
            relaxed = True
        subject_id = candidates[0].person_id if candidates else person_ids[0]
        issue = _record_issue(record, candidates, on, grace, relaxed=relaxed)
        if issue:
            issues.setdefault(subject_id, []).append(issue)

    for person_id, items in issues.items():
        yield ctx.finding(
            ctx.person(person_id),
            f"{ctx.facts.name(person_id)}: {'; '.join(item.pop('text') for item in items)} "
            f"(GIAS extract of {long_date(on)}).",
            {"extract_date": iso(on), "issues": items},
        )


def _role_text(appointment) -> str:
    if appointment.role in LOCAL_GOVERNOR_ROLES or appointment.body not in (MEMBERS_BODY, BOARD_BODY):
        return f"{appointment.role} of {appointment.body}"
    return str(appointment.role)


def _record_issue(record, candidates, on: date, grace: int, *, relaxed: bool = False) -> dict | None:
    base = {"gid": record.gid, "gias_role": record.role, "gias_appointed_on": iso(record.appointed_on)}
    if not candidates:
        return {**base, "issue": "no matching appointment",
                "text": f"GIAS has a current record as {record.role} that matches no appointment"}
    current = [a for a in candidates if a.in_office(on)]
    if current:
        if record.appointed_on is None or any(a.start == record.appointed_on for a in current):
            return None
        if relaxed and any(a.start <= record.appointed_on for a in current):
            return None  # the record dates from within the term (see gias_02)
        a = min(current, key=lambda a: a.start)
        return {**base, "issue": "start dates differ", "start": iso(a.start),
                "text": f"GIAS has {record.role} from {long_date(record.appointed_on)}, the registers "
                        f"from {long_date(a.start)}"}
    ended = [a for a in candidates if a.end is not None and a.end < on]
    if ended:
        last = max(ended, key=lambda a: a.end)
        if (on - last.end).days > grace:
            return {**base, "issue": "ended appointment still current on GIAS", "end": iso(last.end),
                    "text": f"GIAS still shows {record.role} as current, but it ended on {long_date(last.end)}"}
        return None
    # Only appointments starting after the extract's date: the same term, dated differently.
    a = min(candidates, key=lambda a: a.start)
    if record.appointed_on is not None and a.start != record.appointed_on:
        return {**base, "issue": "start dates differ", "start": iso(a.start),
                "text": f"GIAS has {record.role} from {long_date(record.appointed_on)}, the registers "
                        f"from {long_date(a.start)}"}
    return None


def _is_corporate(officer) -> bool:
    return officer.officer_role.casefold().startswith("corporate")


@rule(
    "CH-02", ("must", "advice"), "Registers disagree with Companies House", AREA,
    """Compares the trustees with the latest imported Companies House officer list dated on or
    before the check date, as they stood on its date: every trustee in office who started more
    than 14 days before must be an active director, and every active director must be a trustee in
    office. It runs only on a complete list (all the pages Companies House gives); an incomplete
    one gets one advice finding instead. A corporate director (an organisation) cannot be matched
    to a trustee: each is one advice finding. It is silent until an officer list has been
    imported.""",
    """File the missing appointment or termination at Companies House (or correct the registers),
    then import a fresh officer list (every page of it) to confirm.""",
)
def ch_02(snapshot, ctx):
    officers = snapshot.companies_house_on(ctx.as_of)
    if officers is None:
        ctx.declare_silent("no Companies House officer list dated on or before the check date has been imported")
        return
    on = officers.as_of
    grace = ctx.settings.filing_deadline_days
    active = [o for o in officers.officers
              if "director" in o.officer_role.casefold() and (o.resigned_on is None or o.resigned_on > on)]
    seen_corporate: set[str] = set()
    for o in active:
        if _is_corporate(o) and o.name not in seen_corporate:
            seen_corporate.add(o.name)
            yield ctx.finding(
                Subject("ch_officer", o.name, o.name),
                f"{o.name} is a corporate director at Companies House (officer list of {long_date(on)}): an "
                "organisation cannot be matched to a trustee, so check it is meant to be a director.",
                {"officer_name": o.name, "officer_role": o.officer_role, "appointed_on": iso(o.appointed_on),
                 "officer_list_date": iso(on)},
                Severity.ADVICE,
            )
    if not officers.complete:
        yield ctx.finding(
            ctx.trust(),
            f"The Companies House officer list of {long_date(on)} has {len(officers.officers)} of "
            f"{officers.total_results} officers: import the other pages. The trustees are compared with "
            "it once it is complete.",
            {"officer_list_date": iso(on), "officers": len(officers.officers),
             "total_results": officers.total_results},
            Severity.ADVICE,
        )
        return
    directors = [o for o in active if not _is_corporate(o)]
    director_keys: dict[tuple[str, str], list] = {}
    for o in directors:
        forename, surname = split_ch_name(o.name)
        for key in name_keys(forename, surname):
            director_keys.setdefault(key, []).append(o)

    trustee_runs: dict[str, list] = {}
    for a in ctx.facts.trustee_appointments:
        trustee_runs.setdefault(a.person_id, []).append(a)
    trustees_on: dict[str, date] = {}
    for person_id, appointments in trustee_runs.items():
        since = continuous_start(appointments, on)
        if since is not None:
            trustees_on[person_id] = since

    matched_directors: set[int] = set()
    for person_id, since in sorted(trustees_on.items()):
        person = snapshot.person_by_id.get(person_id)
        keys = name_keys(person.forename, person.surname) if person else set()
        found = [o for key in keys for o in director_keys.get(key, ())]
        matched_directors.update(id(o) for o in found)
        if found or (on - since).days <= grace:
            continue
        yield ctx.finding(
            ctx.person(person_id),
            f"{ctx.facts.name(person_id)} has been a trustee since {long_date(since)} but is not an "
            f"active director at Companies House (officer list of {long_date(on)}).",
            {"trustee_since": iso(since), "officer_list_date": iso(on)},
        )

    people = people_by_name(snapshot)
    seen: set[tuple[str, str]] = set()
    for o in directors:
        if id(o) in matched_directors:
            continue
        forename, surname = split_ch_name(o.name)
        person_ids = _match_people(people, forename, surname)
        subject = ctx.person(person_ids[0]) if person_ids else Subject("ch_officer", o.name, o.name)
        if (subject.kind, subject.key) in seen:
            continue
        seen.add((subject.kind, subject.key))
        yield ctx.finding(
            subject,
            f"{o.name} is an active director at Companies House but not a trustee in office "
            f"(officer list of {long_date(on)}).",
            {"officer_name": o.name, "appointed_on": iso(o.appointed_on), "officer_list_date": iso(on)},
        )
