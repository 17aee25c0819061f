"""The synthetic benchmark trust: sound registers, sizes that scale, deterministic."""

from datetime import date

from bench.synth import generate_trust
from govboard.domain.enums import BodyType, MeetingStatus
from govboard.domain.validate import validate_registers

TODAY = date(2026, 3, 15)


def test_small_trust_is_sound_and_sized():
    trust = generate_trust(5, today=TODAY)
    assert validate_registers(trust) == []
    assert len(trust.academies) == 5
    lgbs = trust.bodies_of_type(BodyType.LOCAL_GOVERNING_BODY)
    assert len(lgbs) == 5
    for lgb in lgbs:
        assert 9 <= len(trust.local_governors_in_office(TODAY, lgb.name)) <= 14
    # 5 LGBs x 6 meetings x 5 years, plus the board and four committees
    assert 150 <= len([m for m in trust.meetings if m.body.endswith("LGB")]) <= 160
    assert len(trust.meetings) >= 240
    assert trust.attendance and trust.declarations and trust.checks and trust.employment
    assert any(m.status == MeetingStatus.SCHEDULED for m in trust.meetings)
    assert len(trust.trustees_in_office(TODAY)) >= 10
    assert 60 <= len(trust.people) <= 120
    assert trust.payments == () and trust.rpt_agreements == ()


def test_ledger_and_agreements():
    trust = generate_trust(5, today=TODAY, payments=500, agreements=10)
    assert validate_registers(trust) == []
    assert len(trust.payments) == 500
    assert len(trust.rpt_agreements) == 10
    assert trust.rpt_values
    assert any(p.agreement_id for p in trust.payments)
    interest_orgs = {i.organisation for i in trust.interests}
    assert any(p.supplier in interest_orgs for p in trust.payments)


def test_deterministic():
    assert generate_trust(5, today=TODAY, seed=3) == generate_trust(5, today=TODAY, seed=3)
    assert generate_trust(5, today=TODAY, seed=3) != generate_trust(5, today=TODAY, seed=4)
