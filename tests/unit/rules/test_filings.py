from dataclasses import replace
from datetime import date, datetime

from govboard.domain.enums import Role, Severity
from govboard.domain.model import ChOfficer, ChSnapshot, GiasRecord, GiasSnapshot
from govboard.rules import run_checks

from .factory import AS_OF, LGB, TERM_END, URN


def _new_trustee(trust, start, **kw):
    trust.governor("N1", "Siobhán", "Ó Briain", Role.TRUSTEE, start=start, **kw)


# --- GIAS-01 -------------------------------------------------------------------------------------


def test_gias_01_unrecorded_start_after_deadline(trust):
    _new_trustee(trust, date(2026, 2, 15))  # 14 days before as_of: not yet late
    assert not trust.fires("GIAS-01")
    trust.change_roles("N1", Role.TRUSTEE, start=date(2026, 2, 14))  # 15 days
    [finding] = trust.findings("GIAS-01")
    assert finding.severity == Severity.MUST
    assert finding.evidence["events"][0]["event"] == "start"


def test_gias_01_recorded_late_is_advice(trust):
    _new_trustee(trust, date(2025, 10, 1), gias_start_recorded_on=date(2025, 10, 15))
    assert not trust.fires("GIAS-01")
    trust.change_roles("N1", Role.TRUSTEE, gias_start_recorded_on=date(2025, 10, 16))
    [finding] = trust.findings("GIAS-01")
    assert finding.severity == Severity.ADVICE


def test_gias_01_ends_and_12_month_window(trust):
    trust.change_roles("M5", Role.MEMBER, end=date(2025, 12, 31))
    [finding] = trust.findings("GIAS-01")
    assert finding.subject.key == "M5"
    assert finding.evidence["events"][0]["event"] == "end"
    trust.change_roles("M5", Role.MEMBER, end=date(2025, 3, 1))  # more than 12 months ago
    assert not trust.fires("GIAS-01")


def test_gias_01_one_finding_per_person(trust):
    _new_trustee(trust, date(2025, 10, 1))
    trust.role("N1", Role.LOCAL_GOVERNOR, LGB, start=date(2025, 10, 1), term_end=TERM_END)
    [finding] = trust.findings("GIAS-01")
    assert len(finding.evidence["events"]) == 2


def test_gias_01_ignores_roles_gias_does_not_hold(trust):
    trust.role("T3", Role.COMMITTEE_MEMBER, "Audit and risk committee", start=date(2025, 10, 1))
    assert not trust.fires("GIAS-01")


# --- CH-01 ---------------------------------------------------------------------------------------


def test_ch_01_new_director(trust):
    _new_trustee(trust, date(2025, 10, 1), gias_start_recorded_on=date(2025, 10, 2))
    [finding] = trust.findings("CH-01")
    assert finding.severity == Severity.MUST
    trust.change_roles("N1", Role.TRUSTEE, ch_start_filed_on=date(2025, 10, 20))
    assert trust.findings("CH-01")[0].severity == Severity.ADVICE
    trust.change_roles("N1", Role.TRUSTEE, ch_start_filed_on=date(2025, 10, 15))
    assert not trust.fires("CH-01")


def test_ch_01_reappointment_within_a_day_is_no_event(trust):
    # T3's term ends 2025-08-31 and a new term starts 2025-09-01: nothing to file.
    trust.change_roles("T3", Role.TRUSTEE, start=date(2021, 9, 1), term_end=date(2025, 8, 31),
                       end=date(2025, 8, 31), gias_end_recorded_on=date(2025, 9, 1))
    trust.role("T3", Role.TRUSTEE, start=date(2025, 9, 1), term_end=date(2029, 8, 31),
               gias_start_recorded_on=date(2025, 9, 1))
    assert not trust.fires("CH-01")
    assert not trust.fires("GIAS-01")  # both GIAS records were updated
    # A day between the terms with no trustee office is a departure and a new appointment.
    trust.remove_roles("T3", Role.TRUSTEE)
    trust.role("T3", Role.TRUSTEE, start=date(2021, 9, 1), term_end=date(2025, 8, 30),
               end=date(2025, 8, 30))
    trust.role("T3", Role.TRUSTEE, start=date(2025, 9, 1), term_end=date(2029, 8, 31))
    [finding] = trust.findings("CH-01")
    assert [e["event"] for e in finding.evidence["events"]] == ["end", "start"]


def test_ch_01_final_departure(trust):
    trust.change_roles("T6", Role.TRUSTEE, end=date(2026, 1, 31), gias_end_recorded_on=date(2026, 2, 1))
    [finding] = trust.findings("CH-01")
    assert finding.subject.key == "T6"
    assert not trust.fires("GIAS-01")


# --- GIAS-02 -------------------------------------------------------------------------------------


def _gias(*records, on=date(2026, 2, 1)):
    return GiasSnapshot(1, on, datetime(2026, 2, 1, 9, 0), "governancematdata20260201.csv", tuple(records))


def _record(gid, forename, surname, role, appointed_on, urn=None, term_end=None):
    return GiasRecord(gid, role, forename, surname, urn=urn, appointed_on=appointed_on, term_end=term_end)


def _full_extract(trust, on=date(2026, 2, 1)):
    """A GIAS extract that agrees with the healthy trust."""
    people = {p.id: p for p in trust.people}
    gias_roles = {
        Role.MEMBER: "Member", Role.TRUSTEE: "Trustee", Role.CHAIR_OF_TRUSTEES: "Chair of trustees",
        Role.ACCOUNTING_OFFICER: "Accounting officer",
        Role.CHIEF_FINANCIAL_OFFICER: "Chief financial officer",
        Role.GOVERNANCE_PROFESSIONAL: "Governance professional to a multi-academy trust (MAT)",
        Role.LOCAL_GOVERNOR: "Local governor", Role.LGB_CHAIR: "Chair of local governing body",
    }
    records = []
    for n, a in enumerate(trust.appointments):
        if a.role in gias_roles and a.in_office(on):
            p = people[a.person_id]
            urn = URN if a.body == LGB else None
            records.append(_record(f"G{n}", p.forename, p.surname, gias_roles[a.role], a.start, urn,
                                   a.term_end))
    return records


def test_gias_02_silent_without_extract(trust):
    result = run_checks(trust.snapshot(), AS_OF, only=["GIAS-02"])
    assert result.findings == [] and result.silent[0][0] == "GIAS-02"


def test_gias_02_agreeing_extract(trust):
    trust.gias = _gias(*_full_extract(trust))
    result = run_checks(trust.snapshot(), AS_OF, only=["GIAS-02"])
    assert result.findings == [] and result.silent == []


def test_gias_02_name_folding_matches(trust):
    _new_trustee(trust, date(2024, 1, 1))
    records = _full_extract(trust)
    records = [r for r in records if r.surname != "Ó Briain"]
    records.append(_record("G99", "SIOBHAN", "O'BRIAIN", "Trustee", date(2024, 1, 1)))
    trust.gias = _gias(*records)
    assert not trust.fires("GIAS-02")


def test_gias_02_role_missing_from_gias(trust):
    records = [r for r in _full_extract(trust) if not (r.surname == "Reed" and r.role == "Trustee")]
    trust.gias = _gias(*records)
    [finding] = trust.findings("GIAS-02")
    assert finding.subject.key == "T2"
    assert finding.evidence["issues"][0]["issue"] == "no current GIAS record"


def test_gias_02_a_chair_on_gias_counts_as_a_trustee(trust):
    # GIAS lists a chair once, as "Chair of trustees"; that record covers their trustee role too
    # (formats.md: a Chair of trustees is also a Trustee).
    chair = next(a.person_id for a in trust.appointments if a.role == Role.CHAIR_OF_TRUSTEES)
    surname = next(p.surname for p in trust.people if p.id == chair)
    records = [r for r in _full_extract(trust) if not (r.surname == surname and r.role == "Trustee")]
    assert any(r.surname == surname and r.role == "Chair of trustees" for r in records)
    trust.gias = _gias(*records)
    assert not trust.fires("GIAS-02")
    # Without the chair record either, the trustee role is missing from GIAS.
    trust.gias = _gias(*[r for r in records if r.surname != surname])
    assert chair in {f.subject.key for f in trust.findings("GIAS-02")}


def test_gias_02_grace_for_recent_starts(trust):
    _new_trustee(trust, date(2026, 1, 18))  # 14 days before the extract
    trust.gias = _gias(*_full_extract(trust, on=date(2026, 1, 17)))
    assert not trust.fires("GIAS-02")
    trust.change_roles("N1", Role.TRUSTEE, start=date(2026, 1, 17))  # 15 days before it
    trust.gias = _gias(*[r for r in _full_extract(trust) if r.surname != "Ó Briain"])
    assert [f.subject.key for f in trust.findings("GIAS-02")] == ["N1"]


def test_gias_02_current_record_for_ended_appointment(trust):
    records = _full_extract(trust)
    trust.change_roles("M5", Role.MEMBER, end=date(2026, 1, 18))  # 14 days before the extract
    trust.gias = _gias(*records)
    assert not trust.fires("GIAS-02")
    trust.change_roles("M5", Role.MEMBER, end=date(2026, 1, 17))
    [finding] = trust.findings("GIAS-02")
    assert finding.subject.key == "M5"
    assert finding.evidence["issues"][0]["issue"] == "ended appointment still current on GIAS"


def test_gias_02_start_dates_differ(trust):
    records = [
        r if r.surname != "Stone" else _record(r.gid, r.forename1, r.surname, r.role, date(2023, 9, 2))
        for r in _full_extract(trust)
    ]
    trust.gias = _gias(*records)
    [finding] = trust.findings("GIAS-02")
    assert finding.subject.key == "T3"
    assert finding.evidence["issues"][0]["issue"] == "start dates differ"


def test_gias_02_record_matching_no_one(trust):
    stranger = _record("G99", "Quentin", "Nobody", "Trustee", date(2024, 1, 1))
    ended = _record("G98", "Old", "Timer", "Trustee", date(2010, 1, 1), term_end=date(2014, 1, 1))
    other_role = _record("G97", "Hal", "Other", "Headteacher", date(2010, 1, 1))
    trust.gias = _gias(*_full_extract(trust), stranger, ended, other_role)
    [finding] = trust.findings("GIAS-02")
    assert (finding.subject.kind, finding.subject.key) == ("gias_record", "G99")


def test_gias_02_compares_on_the_extract_date_not_as_of(trust):
    trust.gias = _gias(*_full_extract(trust))
    _new_trustee(trust, date(2026, 2, 20))  # after the extract: GIAS could not know
    assert not trust.fires("GIAS-02")


def test_gias_02_reads_the_extract_dated_on_or_before_as_of(trust):
    """An extract taken after the date checked is no evidence about it (rulebook v2 convention)."""
    earlier = _gias(*_full_extract(trust))
    stranger = _record("G99", "Quentin", "Nobody", "Trustee", date(2024, 1, 1))
    later = replace(_gias(*_full_extract(trust), stranger, on=date(2026, 4, 1)), id=2)
    trust.gias, trust.gias_history = later, (earlier, later)
    assert not trust.fires("GIAS-02")  # as at 1 March 2026 the April extract does not count
    [finding] = trust.findings("GIAS-02", as_of=date(2026, 4, 2))
    assert finding.subject.key == "G99"
    trust.gias_history = (later,)
    result = run_checks(trust.snapshot(), AS_OF, only=["GIAS-02"])
    assert result.findings == [] and "dated after 01/03/2026" in result.silent[0][1]


# --- CH-02 ---------------------------------------------------------------------------------------


def _officers(trust, on=date(2026, 2, 1), extra=()):
    people = {p.id: p for p in trust.people}
    names = sorted({a.person_id for a in trust.appointments
                    if a.role in (Role.TRUSTEE, Role.CHAIR_OF_TRUSTEES) and a.in_office(on)})
    officers = [
        ChOfficer(f"{people[pid].surname.upper()}, {people[pid].forename} Middle", "director",
                  appointed_on=date(2023, 9, 1))
        for pid in names
    ]
    officers.append(ChOfficer("PRICE, Gill", "secretary", appointed_on=date(2020, 1, 1)))
    return ChSnapshot(1, on, datetime(2026, 2, 1, 9, 0), "officers.json", tuple(officers) + tuple(extra))


def test_ch_02_silent_without_officer_list(trust):
    result = run_checks(trust.snapshot(), AS_OF, only=["CH-02"])
    assert result.findings == [] and result.silent[0][0] == "CH-02"


def test_ch_02_agreeing_officer_list(trust):
    trust.companies_house = _officers(trust)
    assert not trust.fires("CH-02")


def test_ch_02_trustee_not_a_director(trust):
    trust.companies_house = _officers(trust)
    _new_trustee(trust, date(2026, 1, 18))  # 14 days before the list
    assert not trust.fires("CH-02")
    trust.change_roles("N1", Role.TRUSTEE, start=date(2026, 1, 17))
    [finding] = trust.findings("CH-02")
    assert (finding.subject.kind, finding.subject.key) == ("person", "N1")


def test_ch_02_director_not_a_trustee(trust):
    stranger = ChOfficer("BLOGGS, Joe", "director", appointed_on=date(2020, 1, 1))
    resigned = ChOfficer("GONE, Ann", "director", appointed_on=date(2020, 1, 1), resigned_on=date(2021, 1, 1))
    trust.companies_house = _officers(trust, extra=[stranger, resigned])
    [finding] = trust.findings("CH-02")
    assert (finding.subject.kind, finding.subject.key) == ("ch_officer", "BLOGGS, Joe")


def test_ch_02_known_person_who_left_is_a_person_finding(trust):
    officers = _officers(trust)
    trust.change_roles("T6", Role.TRUSTEE, end=date(2026, 1, 31))
    trust.companies_house = officers
    [finding] = trust.findings("CH-02")
    assert (finding.subject.kind, finding.subject.key) == ("person", "T6")


def test_ch_02_name_folding(trust):
    _new_trustee(trust, date(2024, 1, 1))
    trust.companies_house = _officers(
        trust, extra=[ChOfficer("O'BRIAIN, SIOBHAN", "director", appointed_on=date(2024, 1, 1))]
    )
    # The generated entry for N1 ("Ó BRIAIN, Siobhán Middle") and the extra one both match N1.
    assert not trust.fires("CH-02")


# --- v2: incomplete lists, corporate officers, CH-01 reading the list ------------------------------


def test_ch_02_on_an_incomplete_list_is_one_advice(trust):
    """Page 1 of a 42-officer list: the trustees it cannot see are not reported missing."""
    full = _officers(trust)
    trust.companies_house = replace(full, officers=full.officers[:2], total_results=42)
    [finding] = trust.findings("CH-02")
    assert finding.severity == Severity.ADVICE and finding.subject.kind == "trust"
    assert "has 2 of 42 officers: import the other pages" in finding.message
    trust.companies_house = replace(full, total_results=len(full.officers))  # every page: complete
    assert not trust.fires("CH-02")


def test_ch_02_corporate_director_is_advice_of_its_own(trust):
    corporate = ChOfficer("ACME TRUSTEE SERVICES LIMITED", "corporate-director", appointed_on=date(2020, 1, 1))
    secretary = ChOfficer("ACME SECRETARIES LIMITED", "corporate-secretary", appointed_on=date(2020, 1, 1))
    trust.companies_house = _officers(trust, extra=[corporate, secretary])
    [finding] = trust.findings("CH-02")
    assert finding.severity == Severity.ADVICE
    assert (finding.subject.kind, finding.subject.key) == ("ch_officer", "ACME TRUSTEE SERVICES LIMITED")
    assert "corporate director" in finding.message


def test_ch_02_reads_the_latest_list_on_or_before_as_of(trust):
    early = _officers(trust, on=date(2026, 2, 1))
    later = replace(_officers(trust, on=date(2026, 4, 1), extra=[ChOfficer("BLOGGS, Joe", "director")]), id=2)
    trust.companies_house = later
    trust.companies_house_history = (early, later)
    assert not trust.fires("CH-02")  # checked on 1 March 2026: the April list is no evidence yet
    assert run_checks(replace(trust.snapshot()), date(2026, 4, 2), only=["CH-02"]).findings


def test_ch_01_filed_when_the_officer_list_shows_it(trust):
    _new_trustee(trust, date(2025, 10, 1), gias_start_recorded_on=date(2025, 10, 2))
    assert trust.findings("CH-01")[0].severity == Severity.MUST
    # The register says nothing about filing, but Companies House's list shows the appointment.
    newcomer = next(p for p in trust.people if p.id == "N1")
    shown = ChOfficer(f"{newcomer.surname.upper()}, {newcomer.forename}", "director", appointed_on=date(2025, 10, 3))
    trust.companies_house = _officers(trust, on=date(2026, 2, 1), extra=[shown])
    assert not trust.fires("CH-01")
    # A list from before the appointment, or one dated after as_of, shows nothing of it.
    trust.companies_house = _officers(trust, on=date(2026, 4, 1), extra=[shown])
    assert trust.fires("CH-01")
    old = ChOfficer(f"{newcomer.surname.upper()}, {newcomer.forename}", "director", appointed_on=date(2015, 1, 1),
                    resigned_on=date(2016, 1, 1))
    trust.companies_house = _officers(trust, extra=[old])
    assert trust.fires("CH-01")  # an earlier directorship is not this appointment


def test_ch_01_final_departure_filed_when_the_list_shows_the_resignation(trust):
    trust.change_roles("T6", Role.TRUSTEE, end=date(2026, 1, 31), gias_end_recorded_on=date(2026, 2, 1))
    assert trust.fires("CH-01")
    t6 = next(p for p in trust.people if p.id == "T6")
    gone = ChOfficer(f"{t6.surname.upper()}, {t6.forename}", "director", appointed_on=date(2023, 9, 1),
                     resigned_on=date(2026, 1, 31))
    trust.companies_house = _officers(trust, on=date(2026, 2, 20), extra=[gone])
    assert not trust.fires("CH-01")
