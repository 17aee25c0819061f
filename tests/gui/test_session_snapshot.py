"""The session patches its snapshot in memory after an edit; it must equal a fresh read."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from govboard.domain import model as m
from govboard.domain.enums import AppointedBy, Role
from govboard.store import Delete, Insert, TrustFile, Update
from govboard.ui.session import TrustSession


def _fresh(path) -> object:
    with TrustFile.open(path, read_only=True) as tf:
        return tf.load_snapshot()


def test_snapshot_after_edits_equals_the_file(qtbot, demo_file, monkeypatch):
    session = TrustSession(TrustFile.open(demo_file))
    reads = []
    load = session.file.load_snapshot
    monkeypatch.setattr(session.file, "load_snapshot", lambda: reads.append(1) or load())
    try:
        s = session.snapshot
        person = m.Person("P900", "Siobhán", "Ó Briain-Test", email="s@example.org")
        session.apply([Insert(person)], "Add person")
        (stored,) = session.apply([Insert(m.Appointment(
            person_id="P900", role=Role.TRUSTEE, body=m.BOARD_BODY, start=date(2026, 9, 1),
            appointed_by=AppointedBy.ACADEMY_MEMBERS))], "Appoint")
        assert stored.id != 0  # the store's new id is what the snapshot holds
        session.apply([Update(stored, replace(stored, term_end=date(2030, 8, 31)))], "Term end")
        interest = s.interests[0]
        session.apply([Delete(interest)], "Delete interest")
        row = s.sod_rows[0]
        session.apply([Update(row, replace(row, position=999))], "Move a decision to the end")
        payment = next(p for p in s.payments if p.agreement_id is None)
        agreement = s.rpt_agreements[0]
        session.apply([Update(payment, replace(payment, agreement_id=agreement.id))], "Link payment")
        assert reads == []  # every edit above was applied in memory
        assert session.snapshot == _fresh(demo_file)
        assert session.snapshot.sod_rows[-1].ref == row.ref

        # A paper is not part of the snapshot: the session reads the file again, and stays right.
        paper = TrustFile.paper_record("minutes.pdf", b"%PDF-1.4 test")
        session.apply([Insert(paper)], "Add a paper")
        assert reads == [1]
        assert session.snapshot == _fresh(demo_file)

        session.undo()
        session.undo()
        assert session.snapshot == _fresh(demo_file)
    finally:
        session.close()


def test_a_write_by_another_program_is_read_before_the_next_edit(qtbot, demo_file):
    session = TrustSession(TrustFile.open(demo_file))
    try:
        person = session.snapshot.people[0]
        with TrustFile.open(demo_file) as other:  # a second window, or govboard-cli import
            other.apply([Update(person, replace(person, email="new@example.org"))], "Elsewhere")
        session.apply([Update(person, replace(person, surname="Changed"))], "Here")
        assert session.snapshot == _fresh(demo_file)
        assert session.snapshot.person_by_id[person.id].email == "new@example.org"
    finally:
        session.close()
