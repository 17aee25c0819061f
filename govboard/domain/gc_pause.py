"""Pause Python's cyclic garbage collector while building many acyclic objects.

Loading a large trust creates ~100k frozen records, and every few hundred allocations the
collector walks all tracked objects again. The records hold no reference cycles (reference
counting frees them), so pausing the collector while they are built cuts load and check time
by a fifth to a third.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
