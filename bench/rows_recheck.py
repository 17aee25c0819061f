"""Row for the desktop app's edit loop: one small edit, reloaded and re-checked."""

from __future__ import annotations

from pathlib import Path

from bench.runner import Context, row


@row("recheck_after_edit", target_seconds=0.1,
     description="TrustSession.apply of one small edit on the sample trust: write and log it, reload "
                 "the snapshot, re-run every rule and diff the findings (no pages attached)")
def recheck_after_edit(ctx: Context):
    path = Path(ctx.workdir) / "sample-recheck.govboard"
    if not path.exists():
        ctx.run_function("bench.rows_recheck:build_sample", path=str(path))
    work = ctx.run_function("bench.rows_recheck:apply_one_edit", path=str(path))
    return work, None


def build_sample(path: str) -> float:
    from bench.rows_core import BENCH_TODAY
    from govboard.services.trust import create_demo

    create_demo(path, today=BENCH_TODAY).close()
    return 0.0


def apply_one_edit(path: str) -> float:
    import shutil
    import tempfile
    import time
    from dataclasses import replace

    from PySide6.QtCore import QCoreApplication

    from bench.rows_core import BENCH_TODAY
    from govboard.store import TrustFile, Update
    from govboard.ui.session import TrustSession

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - signals need an app
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "sample.govboard"
        shutil.copyfile(path, copy)  # every repeat edits a fresh copy
        session = TrustSession(TrustFile.open(copy))
        session.set_as_of(BENCH_TODAY)
        person = min(session.snapshot.people, key=lambda p: p.id)
        edited = replace(person, email="bench@example.org")
        started = time.perf_counter()
        session.apply([Update(person, edited)], "Edit email")
        elapsed = time.perf_counter() - started
        if session.snapshot.person_by_id[person.id].email != "bench@example.org":
            raise SystemExit("the edit did not land")
        session.close()
    return elapsed
