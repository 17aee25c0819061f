"""Core rows: application start-up and generating the synthetic trust."""

from __future__ import annotations

import time
from datetime import date

from bench.runner import BENCH_DIR, REPO_DIR, Context, row

# A fixed day, so every run generates the same trust.
BENCH_TODAY = date(2026, 3, 15)
EXIT_ON_SHOWN = {"QT_QPA_PLATFORM": "offscreen", "GOVBOARD_BENCH_EXIT_ON_SHOWN": "1"}


@row("startup", target=1.5,
     description="process start to main window shown on the sample trust, vs an empty QMainWindow")
def startup(ctx: Context):
    app = ctx.run_command([ctx.python, "-m", "govboard", "--demo"], env=EXIT_ON_SHOWN, cwd=REPO_DIR,
                          timeout=120)
    baseline = ctx.run_command([ctx.python, str(BENCH_DIR / "baseline_qt.py")], env=EXIT_ON_SHOWN,
                               cwd=REPO_DIR, timeout=120)
    return app, baseline


@row("synth", description="generate the synthetic trust (--academies) in memory (informational)")
def synth(ctx: Context):
    work = ctx.run_function("bench.rows_core:generate_synthetic", academies=ctx.academies)
    return work, None, {"academies": ctx.academies}


def generate_synthetic(academies: int) -> float:
    """Worker side of `synth`: time only the generation (imports excluded)."""
    from bench.synth import generate_trust

    started = time.perf_counter()
    generate_trust(academies, today=BENCH_TODAY)
    return time.perf_counter() - started
