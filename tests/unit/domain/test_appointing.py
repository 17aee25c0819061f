"""Appointing bodies: GIAS's full list, unlisted values kept verbatim through the store and the
workbook, plain-English labels from one function, and the bodies offered for each role."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from govboard.domain.appointing import PLAIN_LABELS, appointing_bodies_for, appointing_body_label
from govboard.domain.enums import AppointedBy, BodyType, Role, UnlistedAppointingBody
from govboard.domain.model import Appointment, Person
from govboard.domain.snapshot import TrustSnapshot
from govboard.io.workbook import read_workbook, write_workbook
from govboard.store import Insert, TrustFile

GIAS_VALUES = [  # formats.md section 2 v2, exactly
    "Any additional members appointed by the members of the academy trust", "Appointed by academy members",
    "Appointed by foundation/Trust", "Appointed by GB/board", "Appointed by LA",
    "Appointed by Regional Schools Commissioner (RSC)", "Appointed by trustees", "Elected by parents",
    "Elected by school staff", "Ex-officio by virtue of office as headteacher/principal",
    "Ex-officio foundation governor (appointed by foundation by virtue of the office they hold)",
    "Foundation/sponsor members", "Interim Executive Board", "N/A", "Nominated by LA and appointed by GB",
    "Nominated by other body and appointed by GB", "Original (signatory) members",
    "Parent appointed by GB/board due to no election candidates",
    "Persons who are appointed by the foundation body or sponsor (if applicable)",
    "Appointed by SSAT original signatory member(s)", "Appointed by SSAT member(s)",
]


def test_every_gias_value_is_listed_and_labelled():
    assert sorted(AppointedBy.labels()) == sorted(GIAS_VALUES)
    for text in GIAS_VALUES:
        member = AppointedBy.from_text(text.upper())
        assert isinstance(member, AppointedBy) and member.listed and member.value == text
        assert PLAIN_LABELS[member] or member is AppointedBy.NOT_APPLICABLE
    assert appointing_body_label("Appointed by GB/board") == "The board (GIAS: Appointed by GB/board)"
    assert appointing_body_label(AppointedBy.GB_BOARD, with_gias=False) == "The board"
    assert appointing_body_label(AppointedBy.GB_BOARD, body_type=BodyType.LOCAL_GOVERNING_BODY,
                                 with_gias=False) == "The local governing body"
    assert appointing_body_label(AppointedBy.NOT_APPLICABLE) == "N/A"
    assert appointing_body_label(AppointedBy.ELECTED_BY_PARENTS) == "Elected by parents"  # nothing to add
    assert appointing_body_label(None) == "" and appointing_body_label("  ") == ""


def test_an_unlisted_value_is_kept_verbatim_and_behaves_like_a_member():
    value = AppointedBy.from_text("  Appointed by   the Diocesan Board ")
    assert isinstance(value, UnlistedAppointingBody) and not value.listed
    assert value == value.value == "Appointed by the Diocesan Board"  # spacing tidied, words kept
    assert not value.is_parent and not value.is_ex_officio
    assert appointing_body_label(value) == "Appointed by the Diocesan Board"
    assert AppointedBy.from_text("") is None


@pytest.mark.parametrize("role,never", [
    (Role.TRUSTEE, AppointedBy.ELECTED_BY_PARENTS), (Role.CHAIR_OF_TRUSTEES, AppointedBy.ELECTED_BY_STAFF),
    (Role.MEMBER, AppointedBy.EX_OFFICIO_HEADTEACHER), (Role.LOCAL_GOVERNOR, AppointedBy.ORIGINAL_SIGNATORY_MEMBERS),
    (Role.ACCOUNTING_OFFICER, AppointedBy.ELECTED_BY_PARENTS),
])
def test_bodies_offered_for_a_role(role, never):
    offered = appointing_bodies_for(role)
    assert never not in offered and offered
    assert AppointedBy.ELECTED_BY_PARENTS in appointing_bodies_for(Role.LGB_CHAIR)
    assert set(appointing_bodies_for(None)) == set(AppointedBy)


def _registers(appointed_by):
    return TrustSnapshot(
        people=(Person("P1", "Ann", "Bee"),),
        appointments=(Appointment("P1", Role.TRUSTEE, "Board", date(2024, 9, 1), appointed_by=appointed_by),),
    )


def test_unlisted_value_survives_the_store_and_the_workbook(tmp_path):
    unlisted = AppointedBy.from_text("Appointed by the Diocesan Board")
    with TrustFile.create(tmp_path / "t.govboard", name="T") as tf:
        tf.apply([Insert(p) for p in _registers(unlisted).people], "people")
        tf.apply([Insert(a) for a in _registers(unlisted).appointments], "roles")
        stored = tf.load_snapshot()
    [appointment] = stored.appointments
    assert isinstance(appointment.appointed_by, UnlistedAppointingBody)
    assert appointment.appointed_by == "Appointed by the Diocesan Board"
    book = write_workbook(stored, tmp_path / "t.xlsx")
    read = read_workbook(book)
    assert read.errors == []
    assert read.registers.appointments[0].appointed_by == unlisted
    # A listed value reads back as its member.
    snap = _registers(AppointedBy.TRUSTEES)
    again = read_workbook(write_workbook(replace(snap), tmp_path / "u.xlsx"))
    assert again.registers.appointments[0].appointed_by is AppointedBy.TRUSTEES
