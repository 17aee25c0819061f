"""The benchmark runner keeps the best time of each side, and a row's min_runs holds whatever
--runs says (start-up rows: the best of 3 moved their ratio by 0.1 between runs)."""

from __future__ import annotations

from bench.rows_core import STARTUP_RUNS
from bench.runner import Context, Row, Timing, discover, run_row


def _counting_row(min_runs: int, times: list[float]) -> tuple[Row, list[int]]:
    calls = []

    def func(ctx):
        calls.append(1)
        seconds = times[len(calls) - 1]
        return Timing(seconds, 10.0), Timing(seconds / 2, 5.0)

    return Row("fake", func, target=2.5, min_runs=min_runs), calls


def test_min_runs_holds_over_a_smaller_runs_and_the_best_of_each_side_is_kept(tmp_path):
    spec, calls = _counting_row(5, [0.9, 0.5, 0.7, 0.4, 0.8])
    result = run_row(spec, Context(academies=1, workdir=tmp_path), runs=3)
    assert len(calls) == 5
    assert (result.seconds, result.baseline_seconds, result.ratio) == (0.4, 0.2, 2.0)


def test_runs_above_min_runs_are_honoured(tmp_path):
    spec, calls = _counting_row(1, [0.3, 0.2, 0.1])
    run_row(spec, Context(academies=1, workdir=tmp_path), runs=3)
    assert len(calls) == 3


def test_the_start_up_rows_keep_the_best_of_at_least_nine():
    rows = discover()
    assert STARTUP_RUNS >= 9
    assert {name: rows[name].min_runs for name in ("startup", "startup_no_trust", "startup_main_form")} \
        == dict.fromkeys(("startup", "startup_no_trust", "startup_main_form"), STARTUP_RUNS)
    assert rows["check"].min_runs == 1
