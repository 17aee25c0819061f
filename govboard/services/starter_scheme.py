"""A typical scheme of delegation to start from (rules-research.md section 2.2).

A trust with no scheme recorded can begin from these 35 common-practice decisions (a middle-of-
the-road multi-academy trust delegating to local governing bodies) and then edit them to match
what its board approved. Where the research table gives two deciders for one decision (row 28:
the board appoints the internal auditor, the audit and risk committee agrees the programme) or
none (row 23: the board and finance committee both monitor), the row here keeps exactly one D,
so the starting scheme raises no SOD-02 or SOD-03 finding of its own.
"""

from __future__ import annotations

from govboard.domain.enums import ReservedTo, SodLevel
from govboard.domain.model import SodRow

_M, _B, _ARC, _FC, _RC = (SodLevel.MEMBERS, SodLevel.BOARD, SodLevel.AUDIT_AND_RISK, SodLevel.FINANCE,
                          SodLevel.REMUNERATION)
_CEO, _CFO, _LGB, _HT = (SodLevel.CHIEF_EXECUTIVE, SodLevel.CHIEF_FINANCIAL_OFFICER,
                         SodLevel.LOCAL_GOVERNING_BODY, SodLevel.HEADTEACHER)
_RM, _RB = ReservedTo.MEMBERS, ReservedTo.BOARD

# (area, decision, reserved to, {level: codes}); the numbers are rules-research.md 2.2's rows.
TYPICAL_SCHEME: tuple[tuple[str, str, ReservedTo | None, dict[SodLevel, str]], ...] = (
    # 1-7: matters reserved to the members by the Companies Act and the articles
    ("Constitution", "Amend the articles of association", _RM, {_M: "D", _B: "R", _CEO: "C"}),
    ("Constitution", "Appoint or remove members", _RM, {_M: "D", _B: "C"}),
    ("Constitution", "Appoint or remove member-appointed trustees", _RM, {_M: "D", _B: "C"}),
    ("Audit", "Appoint or remove the external auditors", _RM, {_M: "D", _B: "R", _ARC: "R"}),
    ("Accounts", "Receive the annual report and audited accounts", _RM, {_M: "D", _B: "R", _ARC: "C"}),
    ("Constitution", "Change the trust's name or wind the trust up", _RM, {_M: "D", _B: "R"}),
    ("Constitution", "Direct the trustees by special resolution", _RM, {_M: "D", _B: "I"}),
    # 8-17: the board's own matters
    ("Strategy", "Approve academies joining or leaving the trust", _RB,
     {_M: "C", _B: "D", _CEO: "R", _LGB: "C", _HT: "C"}),
    ("Strategy", "Set the trust's vision, strategy and ethos", _RB,
     {_M: "C", _B: "D", _CEO: "R", _LGB: "C", _HT: "C"}),
    ("Governance", "Approve and review the scheme of delegation, committee structure and terms of reference",
     _RB, {_B: "D", _CEO: "R", _LGB: "C"}),
    ("Governance", "Appoint co-opted trustees", _RB, {_B: "D"}),
    ("Governance", "Elect the chair and vice-chair of the board each year", _RB, {_B: "D"}),
    ("Governance", "Appoint or remove the governance professional", _RB, {_B: "D", _CEO: "C"}),
    ("Governance", "Appoint or remove LGB chairs and local governors", _RB, {_B: "D", _CEO: "C", _LGB: "R"}),
    ("People", "Appoint the chief executive and accounting officer", _RB, {_B: "D", _RC: "R"}),
    ("Pay", "Chief executive's performance review and pay", _RB, {_B: "D", _RC: "R"}),
    ("Pay", "Appoint the CFO and other central executives and set their pay", _RB,
     {_B: "D", _RC: "R", _CEO: "R"}),
    # 18-19: staffing below the executive
    ("People", "Appoint a headteacher", None, {_B: "D", _CEO: "R", _LGB: "C"}),
    ("People", "Appoint other staff within the approved structure", None, {_CEO: "M", _LGB: "I", _HT: "D"}),
    # 20-27: pay policy and money
    ("Pay", "Staff pay policy (trust-wide)", _RB, {_B: "D", _FC: "R", _RC: "R", _CEO: "R"}),
    ("Finance", "Approve the annual budget and three-year forecast", _RB,
     {_B: "D", _FC: "R", _CEO: "R", _CFO: "R", _LGB: "C", _HT: "C"}),
    ("Finance", "Prepare and monitor academy budgets", None,
     {_FC: "M", _CEO: "D", _CFO: "R", _LGB: "M", _HT: "R"}),
    ("Finance", "Scrutinise the monthly management accounts", None, {_B: "M", _FC: "D", _CFO: "R"}),
    ("Finance", "Approve the financial regulations and financial scheme of delegation", _RB,
     {_B: "D", _FC: "R", _ARC: "C", _CFO: "R"}),
    ("Finance", "Approve contracts above the board's limit and novel, contentious or repercussive "
     "transactions", _RB, {_B: "D", _FC: "R", _CEO: "R", _CFO: "R"}),
    ("Related parties", "Approve related-party transactions and report them to DfE", _RB,
     {_B: "D", _FC: "R", _ARC: "M", _CFO: "R"}),
    ("Accounts", "Approve the annual report and accounts and sign the governance statement", _RB,
     {_B: "D", _FC: "R", _ARC: "R", _CFO: "R"}),
    # 28-35: assurance, policies and the academies
    ("Audit", "Agree the internal scrutiny programme and review its findings", None,
     {_B: "I", _ARC: "D", _CEO: "C", _CFO: "C"}),
    ("Risk", "Approve the risk register (at least annually)", None,
     {_B: "D", _ARC: "R,M", _CEO: "R", _LGB: "C", _HT: "C"}),
    ("Policies", "Approve trust-wide statutory policies", None, {_B: "D", _FC: "C", _CEO: "R", _LGB: "C"}),
    ("Policies", "Approve academy-specific policies and their local application", None,
     {_CEO: "M", _LGB: "D", _HT: "R"}),
    ("Admissions", "Determine admission arrangements (the trust is the admission authority)", _RB,
     {_B: "D", _CEO: "R", _LGB: "C", _HT: "C"}),
    ("Pupils", "Suspensions and permanent exclusions", None, {_CEO: "I", _LGB: "M", _HT: "D"}),
    ("Safeguarding", "Safeguarding policy and oversight of single central record checks", None,
     {_B: "D", _CEO: "R", _LGB: "M", _HT: "R"}),
    ("Governance", "Keep and publish the register of interests", None,
     {_B: "D", _ARC: "M", _CEO: "R", _LGB: "I", _HT: "I"}),
)


def typical_scheme() -> tuple[SodRow, ...]:
    """The starting scheme as records: refs D01..D35, positions 1..35, codes in level order."""
    rows = []
    for position, (area, decision, reserved, codes) in enumerate(TYPICAL_SCHEME, start=1):
        ordered = tuple((level, codes[level]) for level in SodLevel if level in codes)
        rows.append(SodRow(f"D{position:02d}", decision, area=area, reserved_to=reserved,
                           position=position, codes=ordered))
    return tuple(rows)
