"""The one clock: what day govboard thinks it is.

The core, the command line and the GUI read "today" here and nowhere else, so a support call, a
demo or a test can set the day with `GOVBOARD_TODAY=yyyy-mm-dd` (rules never read it: they take
as_of). Without the variable this is the machine's date, which libfaketime also moves.
"""

from __future__ import annotations

import os
from datetime import date

ENV_VAR = "GOVBOARD_TODAY"


class ClockError(ValueError):
    """GOVBOARD_TODAY is set but is not a date."""


def today() -> date:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ClockError(f"{ENV_VAR}={value!r} is not a date like 2026-12-06; "
                         f"unset it or give a real date") from None
