"""services.registers: plan_merge/apply_merge upsert and never delete; replace_registers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from govboard.domain import model as m
from govboard.domain.enums import BodyType, CheckKind, Role
from govboard.domain.snapshot import TrustSnapshot
from govboard.services.registers import apply_merge, plan_merge
from govboard.store import TrustFileError
from govboard.store.trustfile import register_lists

from . import records
from .conftest import dump


def _total(plan, attr):
    return sum(getattr(c, attr) for c in plan.counts.values())


def _merge(tf, incoming, **kw):
    plan = plan_merge(tf.load_snapshot(), incoming, **kw)
    apply_merge(tf, plan, "Import test.xlsx")
    return plan


def _as_imported():
    """Registers as a workbook import gives them: no store ids (and no stored papers)."""
    return records.without_papers(records.registers(with_ids=False))


def test_first_merge_inserts_everything(trust):
    incoming = _as_imported()
    plan = _merge(trust, incoming)
    n_records = sum(len(items) for _, items in register_lists(incoming))
    # Members and Board already exist in a new file, so they count as changed (their review dates)
    assert _total(plan, "new") + _total(plan, "changed") == n_records
    assert plan.counts["Bodies"].changed == 2 and plan.counts["Bodies"].new == 1
    assert plan.counts["People"].new == 2
    loaded = trust.load_snapshot()
    assert len(loaded.people) == 2 and len(loaded.appointments) == 1
    assert all(a.id > 0 for a in loaded.appointments)
    batch = trust.batches(limit=1)[0]
    assert (batch.kind, batch.description) == ("import", "Import test.xlsx")


def test_reimporting_the_same_registers_changes_nothing(trust):
    _merge(trust, _as_imported())
    before = dump(trust)
    batches = len(trust.batches())
    plan = plan_merge(trust.load_snapshot(), _as_imported())
    assert plan.is_noop
    assert _total(plan, "new") == 0 and _total(plan, "changed") == 0
    assert _total(plan, "unchanged") == sum(len(items) for _, items in register_lists(_as_imported()))
    assert apply_merge(trust, plan, "Import again") is None
    assert dump(trust) == before and len(trust.batches()) == batches


def test_changing_one_field_is_one_change(trust):
    _merge(trust, _as_imported())
    incoming = _as_imported()
    people = (replace(incoming.people[0], email="zoe@new.example"), incoming.people[1])
    appointments = (replace(incoming.appointments[0], end_reason="Resigned"),)
    plan = _merge(trust, replace(incoming, people=people, appointments=appointments))
    assert (plan.counts["People"].new, plan.counts["People"].changed, plan.counts["People"].unchanged) == (0, 1, 1)
    assert (plan.counts["Roles"].new, plan.counts["Roles"].changed) == (0, 1)
    assert _total(plan, "changed") == 2 and _total(plan, "new") == 0
    loaded = trust.load_snapshot()
    assert {p.id: p.email for p in loaded.people}["P001"] == "zoe@new.example"
    [role] = loaded.appointments
    assert role.end_reason == "Resigned"
    # the update kept the stored id: one role row, not two
    assert trust.conn.execute("SELECT count(*) FROM roles").fetchone()[0] == 1


def test_records_only_in_the_file_stay(trust):
    _merge(trust, _as_imported())
    extra_person = m.Person("P050", "Only", "In-the-file")
    trust.save(extra_person, "Add by hand")
    extra_check = trust.save(m.Check("P050", CheckKind.IDENTITY, date(2024, 5, 1)), "Check by hand")
    before = dump(trust)
    # a workbook that lists just one person and nothing else
    plan = _merge(trust, TrustSnapshot(people=(records.registers().people[0],)))
    assert plan.is_noop
    assert dump(trust) == before
    loaded = trust.load_snapshot()
    assert extra_person in loaded.people and extra_check in loaded.checks
    assert len(loaded.meetings) == len(records.registers().meetings)


def test_natural_key_matching_for_registers_without_ids(trust):
    trust.save(m.Person("P1", "Ann", "Lee"), "Add")
    first = trust.save(m.Appointment("P1", Role.TRUSTEE, "Board", date(2020, 9, 1)), "Appoint")
    # same person, role, body and start -> the same appointment, now ended
    ended = m.Appointment("P1", Role.TRUSTEE, "Board", date(2020, 9, 1), end=date(2024, 8, 31))
    # a new term starting the next day -> a new appointment
    again = m.Appointment("P1", Role.TRUSTEE, "Board", date(2024, 9, 1))
    plan = _merge(trust, TrustSnapshot(appointments=(ended, again)))
    assert (plan.counts["Roles"].new, plan.counts["Roles"].changed) == (1, 1)
    stored = sorted(trust.load(m.Appointment), key=lambda a: a.start)
    assert stored[0] == replace(ended, id=first.id)
    assert stored[1].start == date(2024, 9, 1) and stored[1].id not in (0, first.id)


def test_settings_merge(trust):
    plan = plan_merge(trust.load_snapshot(), TrustSnapshot(),
                      settings_given={"term_years": 3, "name": "Test Trust"})
    assert plan.settings_changed == ["Term of office years"]
    assert (plan.counts["Trust"].changed, plan.counts["Trust"].unchanged) == (1, 1)
    apply_merge(trust, plan, "Import")
    assert trust.settings().term_years == 3 and trust.settings().name == "Test Trust"


def test_a_merge_that_fails_writes_nothing(trust):
    before = dump(trust)
    bad = TrustSnapshot(people=(m.Person("P1", "Ann", "Lee"),),
                        appointments=(m.Appointment("P404", Role.MEMBER, "Members", date(2024, 1, 1)),))
    plan = plan_merge(trust.load_snapshot(), bad, settings_given={"term_years": 2})
    with pytest.raises(TrustFileError):
        apply_merge(trust, plan, "Import bad.xlsx")
    assert dump(trust) == before
    assert trust.settings().term_years == 4


def test_merged_papers_are_added_once(trust):
    paper = records.paper()
    incoming = records.registers(with_ids=False)
    plan = _merge(trust, incoming, papers=[paper], known_papers=set())
    assert any(getattr(c, "record", None) == paper for c in plan.changes)
    assert trust.paper_content(paper.sha256) == records.PAPER_BYTES
    again = plan_merge(trust.load_snapshot(), incoming, papers=[paper],
                       known_papers={p.sha256 for p in trust.load(m.Paper)})
    assert again.is_noop


# --- replace_registers ------------------------------------------------------------------------


def test_replace_registers_replaces_everything_and_keeps_members_and_board(trust):
    trust.replace_registers(records.registers(), papers=[records.paper()])
    smaller = TrustSnapshot(
        settings=m.TrustSettings(name="Replaced Trust"),
        people=(m.Person("X1", "Xavier", "Ng"),),
        bodies=(m.Body("Finance", BodyType.FINANCE),),
        appointments=(m.Appointment("X1", Role.COMMITTEE_CHAIR, "Finance", date(2025, 9, 1)),),
    )
    trust.replace_registers(smaller)
    loaded = trust.load_snapshot()
    assert loaded.people == smaller.people
    assert sorted(b.name for b in loaded.bodies) == ["Board", "Finance", "Members"]
    assert {b.name: b.type for b in loaded.bodies}["Members"] == BodyType.MEMBERS
    assert [(a.person_id, a.body) for a in loaded.appointments] == [("X1", "Finance")]
    for name in ("academies", "employment", "relationships", "checks", "interests", "declarations",
                 "meetings", "attendance", "agenda", "rpt_agreements", "rpt_values", "payments",
                 "pay_decisions", "pay_awards", "sod_rows", "acknowledgements"):
        assert getattr(loaded, name) == (), name
    assert trust.load(m.Paper) == []
    assert loaded.settings == m.TrustSettings(name="Replaced Trust")
    batch = trust.batches(limit=1)[0]
    notes = {c.table: (c.old, c.new) for c in trust.changes_of(batch.id)}
    assert notes["people"] == ({"rows": 2}, {"rows": 1})


def test_replace_registers_that_fails_changes_nothing(trust):
    trust.replace_registers(records.registers(), papers=[records.paper()])
    before = dump(trust)
    broken = TrustSnapshot(appointments=(m.Appointment("NOBODY", Role.MEMBER, "Members", date(2024, 1, 1)),))
    with pytest.raises(TrustFileError):
        trust.replace_registers(broken)
    assert dump(trust) == before
