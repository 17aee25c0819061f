"""Continuous service: terms of office that follow one another without a gap are one period.

A re-appointment at the end of a term, or a chair's yearly re-election, does not end someone's
service: the next term starting on, or the day after, the previous one's last day continues it.
The rules (TRU-06, CHR-04, the filing checks) and the published outputs (register, packs) both
read service through these two functions, so a report never shows a step-down that no rule sees.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .model import Appointment


def merged_spans(appointments: Iterable[Appointment]) -> list[tuple[date, date | None, list]]:
    """Unbroken runs of appointments as (start, end or None, appointments in the run), oldest first.

    A term that starts within a day of the previous one ending (or overlaps it) continues the run.
    """
    runs: list[tuple[date, date | None, list]] = []
    for a in sorted(appointments, key=lambda a: (a.start, a.end or date.max)):
        if runs:
            start, end, members = runs[-1]
            if end is None or a.start <= end + timedelta(days=1):
                new_end = None if end is None or a.end is None else max(end, a.end)
                members.append(a)
                runs[-1] = (start, new_end, members)
                continue
        runs.append((a.start, a.end, [a]))
    return runs


def continuous_start(appointments: Iterable[Appointment], on: date) -> date | None:
    """Start of the unbroken run of `appointments` that covers `on`, or None if none covers it.

    Terms that follow one another within a day (re-appointment, annual re-election) join up, so
    the run starts at the first of them.
    """
    for start, end, _ in merged_spans(appointments):
        if start <= on and (end is None or end >= on):
            return start
    return None
