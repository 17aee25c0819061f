"""The pack for a meeting (issue 12): cover with date, time and venue; the agenda with standing
items and paper titles; apologies; the declarations reminder; the last minutes marked draft or
approved; open actions as matters arising; the papers. Built from the sample trust, read back."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from govboard.domain.meetings import next_meeting, previous_meeting
from govboard.services.trust import InputError, build_pack, create_demo, resolve_meeting
from govboard.store import TrustFile

from .test_board_pack import outline_titles, text_of

DAY = date(2026, 3, 15)  # the next board meeting is Tuesday 17 March 2026; the last was 20 January


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "hillside.govboard"
    create_demo(path, today=DAY).close()
    return path


def _pack(demo, tmp_path, meeting="next", audience="board", as_of=DAY):
    out = tmp_path / f"{audience}.pdf"
    with TrustFile.open(demo, read_only=True) as tf:
        result = build_pack(tf, out, as_of=as_of, audience=audience, meeting_id=meeting, invariant=True)
        snapshot = tf.load_snapshot()
    return result, PdfReader(out), snapshot


def test_next_board_meeting_pack(demo, tmp_path):
    result, reader, snap = _pack(demo, tmp_path)
    coming = next_meeting(snap, DAY)
    assert coming.date == date(2026, 3, 17)
    text = text_of(reader)
    cover = reader.pages[0].extract_text()
    assert "Tuesday 17 March 2026, 18:00" in cover and "Hillside Academy, Learning Resource Centre" in cover

    # The agenda: standing items and the papers by their titles, never their file names.
    agenda = [i for i in snap.agenda_by_meeting[coming.id]]
    assert "Welcome, apologies and quorum" in text and "Date of the next meeting" in text
    for item in agenda:
        if item.paper_name:
            assert item.paper_title in text
            assert item.paper_name not in text
    assert "Standing items, on every agenda, are shown in grey." in text

    # Apologies, and the interests of those expected.
    assert "Apologies received: Graham Whitlock." in text
    assert "Okafor Facilities Management Ltd" in text  # the vice-chair's registered interest

    # The last meeting's minutes, in draft, with its decisions; the open actions.
    last = previous_meeting(snap, coming)
    assert last.date == date(2026, 1, 20)
    assert "20 January 2026, 18:00, Hillside Academy, Learning Resource Centre. DRAFT: for approval" in text
    assert "The board approved the management accounts. (Approved)" in text
    assert "Arrange the trustees' visit to Brookvale Primary Academy" in text and "Overdue" in text

    # The papers are merged in, each page under a band naming its item and title.
    assert "Admissions for September are 96% of capacity" in text
    assert "Item 5: Finance report and" in text  # the band (elided where the title is long)
    outline = outline_titles(reader)
    titles = [t for _, t, _ in outline]
    for part in ("Expected to attend, and apologies", "Declarations of interest: a reminder",
                 "Minutes of the last meeting", "Matters arising: open actions",
                 "Paper: Management accounts and finance report"):
        assert part in titles, part
    assert result.pages == len(reader.pages)


def test_public_pack_leaves_out_the_confidential_minutes(tmp_path_factory, tmp_path):
    # Built on 1 September 2026: the last board meeting (July) decided executive pay in a
    # confidential item the chief executive and the CFO left the room for.
    path = tmp_path_factory.mktemp("september") / "hillside.govboard"
    day = date(2026, 9, 1)
    create_demo(path, today=day).close()
    _, board, snap = _pack(path, tmp_path, as_of=day)
    coming = next_meeting(snap, day)
    last = previous_meeting(snap, coming)
    pay_item = next(i for i in snap.agenda_by_meeting[last.id] if i.confidential)
    text = text_of(board)
    assert pay_item.title in text
    assert "Withdrew for this item: Zoë Adeyemi-Clarke, Ifeoma Nwosu" in text
    _, public, _ = _pack(path, tmp_path, audience="public", as_of=day)
    text = text_of(public)
    assert pay_item.title not in text and "Withdrew for this item" not in text
    assert "The board approved the management accounts." in text


def test_a_held_meetings_pack_marks_the_earlier_minutes_approved(demo, tmp_path):
    with TrustFile.open(demo, read_only=True) as tf:
        snap = tf.load_snapshot()
    board = [m for m in snap.meetings_by_body["Board"] if m.date < DAY]
    meeting = board[-1]  # 20 January 2026: it approved the minutes of the meeting before
    earlier = previous_meeting(snap, meeting)
    assert earlier.minutes_approved_at == meeting.id
    _, reader, _ = _pack(demo, tmp_path, meeting=meeting.id)
    text = text_of(reader)
    assert f"APPROVED on {earlier.minutes_approved_on.day} {earlier.minutes_approved_on:%B %Y}" in text
    assert "DRAFT" not in text


def test_next_needs_a_coming_board_meeting(demo):
    with TrustFile.open(demo, read_only=True) as tf:
        snap = tf.load_snapshot()
    assert resolve_meeting(snap, "next", DAY, "x") == next_meeting(snap, DAY).id
    assert resolve_meeting(snap, "NEXT", DAY, "x") == next_meeting(snap, DAY).id
    assert resolve_meeting(snap, None, DAY, "x") is None
    with pytest.raises(InputError, match="no board meeting on or after 01/01/2031"):
        resolve_meeting(snap, "next", date(2031, 1, 1), "hillside.govboard")
    with pytest.raises(InputError, match="no meeting 'NOPE'"):
        resolve_meeting(snap, "NOPE", DAY, "hillside.govboard")
