"""The benchmark runner: a registry of rows, fresh subprocesses per measurement, a table and JSON.

A row is a small function registered with `@row(...)` in a `bench/rows_*.py` module. It gets a
`Context` and returns `(work, baseline)` or `(work, baseline, extra)`, where `work` and
`baseline` are `Timing`s (or plain seconds) and `baseline` may be None. Measurements run in fresh
subprocesses through `ctx.run_command(argv)` (wall time of a whole process, e.g. app start-up)
or `ctx.run_function("module:function", **kwargs)` (a function called in a fresh Python, which
may time only its own part), so each has its own peak RSS. The runner calls a row `runs` times
and keeps the best time of each side.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULT_ENV = "GOVBOARD_BENCH_RESULT"


class BenchError(RuntimeError):
    """A measurement could not be taken (the process failed or timed out)."""


@dataclass(frozen=True)
class Timing:
    seconds: float
    peak_rss_mb: float | None = None


@dataclass(frozen=True)
class Row:
    name: str
    func: Callable[[Context], tuple]
    target: float | None = None  # largest acceptable ratio work / baseline
    target_seconds: float | None = None  # largest acceptable seconds (rows without a baseline)
    description: str = ""
    min_runs: int = 1  # repeats at least this many times, whatever --runs says

    @property
    def target_text(self) -> str:
        if self.target is not None:
            return f"<= {self.target:g}x"
        if self.target_seconds is not None:
            return f"<= {self.target_seconds:g}s"
        return "-"


ROWS: dict[str, Row] = {}


def row(name: str, *, target: float | None = None, target_seconds: float | None = None,
        description: str = "", min_runs: int = 1) -> Callable:
    """Register a benchmark row (see bench/README.md)."""

    def register(func: Callable) -> Callable:
        if name in ROWS:
            raise ValueError(f"benchmark row {name!r} is registered twice")
        ROWS[name] = Row(name, func, target, target_seconds, description or (func.__doc__ or "").strip(),
                         min_runs)
        return func

    return register


def discover() -> dict[str, Row]:
    """Import every bench/rows_*.py module so its rows register themselves."""
    for info in pkgutil.iter_modules([str(BENCH_DIR)]):
        if info.name.startswith("rows_"):
            importlib.import_module(f"bench.{info.name}")
    return ROWS


# --- measuring in fresh processes ---------------------------------------------------------------


@dataclass
class Context:
    """What a row gets: the trust size, a scratch directory kept for the whole run (so setup can
    be cached between repeats), and helpers that measure in fresh subprocesses."""

    academies: int = 150
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="govboard-bench-")))
    python: str = sys.executable
    timeout: float = 600.0
    verbose: bool = False

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_DIR), env.get("PYTHONPATH")) if p)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        # The app's data (the sample trust), log and settings go to the scratch folder: a run of
        # the benchmarks leaves the user's recent files, last file and sample trust alone.
        for name, folder in (("GOVBOARD_DATA_DIR", "data"), ("GOVBOARD_LOG_DIR", "logs"),
                             ("GOVBOARD_CONFIG_DIR", "config")):
            env[name] = str(self.workdir / "app" / folder)
        env.update(extra or {})
        return env

    def run_command(self, argv: list[str], *, env: dict[str, str] | None = None,
                    cwd: str | Path | None = None, timeout: float | None = None) -> Timing:
        """Wall time of a whole process from start to exit, and its peak RSS."""
        seconds, rss, _ = self._spawn(argv, self.env(env), cwd, timeout)
        return Timing(seconds, rss)

    def run_function(self, target: str, *, env: dict[str, str] | None = None,
                     timeout: float | None = None, **kwargs) -> Timing:
        """Call `module:function(**kwargs)` in a fresh Python. The function may return the seconds
        its measured part took (setup excluded); if it returns None the whole call is timed.
        Peak RSS is the process's. kwargs must be JSON-serialisable."""
        fd, result_path = tempfile.mkstemp(prefix="result-", suffix=".json", dir=self.workdir)
        os.close(fd)
        extra = {RESULT_ENV: result_path, **(env or {})}
        argv = [self.python, "-m", "bench.worker", target, json.dumps(kwargs)]
        _, rss, _ = self._spawn(argv, self.env(extra), REPO_DIR, timeout)
        try:
            data = json.loads(Path(result_path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BenchError(f"{target}: the worker wrote no result ({exc})") from None
        finally:
            Path(result_path).unlink(missing_ok=True)
        return Timing(float(data["seconds"]), rss)

    def _spawn(self, argv, env, cwd, timeout) -> tuple[float, float, int]:
        limit = timeout or self.timeout
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            started = time.perf_counter()
            proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
            timed_out = threading.Event()

            def kill() -> None:
                timed_out.set()
                proc.kill()

            timer = threading.Timer(limit, kill)
            timer.start()
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            finally:
                timer.cancel()
            seconds = time.perf_counter() - started
            proc.returncode = os.waitstatus_to_exitcode(status)
            # Linux reports ru_maxrss in KiB (and includes the process's own waited-for children).
            rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
            if timed_out.is_set():
                raise BenchError(f"{' '.join(map(str, argv))}: timed out after {limit:g}s")
            if proc.returncode != 0:
                err.seek(0)
                tail = err.read().decode("utf-8", "replace").strip().splitlines()[-5:]
                raise BenchError(f"{' '.join(map(str, argv))}: exit {proc.returncode}: " + " | ".join(tail))
            if self.verbose:
                print(f"    {seconds:8.3f}s {rss:8.1f} MB  {' '.join(map(str, argv))}", file=sys.stderr)
        return seconds, rss, proc.returncode


# --- running rows -------------------------------------------------------------------------------


@dataclass
class Result:
    name: str
    seconds: float | None = None
    baseline_seconds: float | None = None
    peak_rss_mb: float | None = None
    baseline_peak_rss_mb: float | None = None
    extra: dict = field(default_factory=dict)
    error: str | None = None
    target: float | None = None
    target_seconds: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.baseline_seconds:
            return None
        return self.seconds / self.baseline_seconds

    @property
    def passed(self) -> bool | None:
        """True/False against the row's target; None when the row has no target."""
        if self.error:
            return False
        if self.target is not None:
            return self.ratio is not None and self.ratio <= self.target
        if self.target_seconds is not None:
            return self.seconds is not None and self.seconds <= self.target_seconds
        return None

    def as_json(self) -> dict:
        out = {
            "seconds": _round(self.seconds), "baseline_seconds": _round(self.baseline_seconds),
            "ratio": _round(self.ratio), "peak_rss_mb": _round(self.peak_rss_mb, 1),
            "baseline_peak_rss_mb": _round(self.baseline_peak_rss_mb, 1),
            "target": self.target, "target_seconds": self.target_seconds, "passed": self.passed,
        }
        if self.extra:
            out["extra"] = self.extra
        if self.error:
            out["error"] = self.error
        return out


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _as_timing(value) -> Timing | None:
    if value is None or isinstance(value, Timing):
        return value
    return Timing(float(value))


def run_row(spec: Row, ctx: Context, runs: int) -> Result:
    result = Result(spec.name, target=spec.target, target_seconds=spec.target_seconds)
    works: list[Timing] = []
    bases: list[Timing] = []
    try:
        for _ in range(max(1, runs, spec.min_runs)):
            out = spec.func(ctx)
            if not isinstance(out, tuple):
                out = (out, None)
            work, base = _as_timing(out[0]), _as_timing(out[1])
            if len(out) > 2 and out[2]:
                result.extra.update(out[2])
            works.append(work)
            if base is not None:
                bases.append(base)
    except Exception as exc:  # a failing row is reported, the others still run
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    result.seconds = min(w.seconds for w in works)
    rss = [w.peak_rss_mb for w in works if w.peak_rss_mb is not None]
    result.peak_rss_mb = max(rss) if rss else None
    if bases:
        result.baseline_seconds = min(b.seconds for b in bases)
        brss = [b.peak_rss_mb for b in bases if b.peak_rss_mb is not None]
        result.baseline_peak_rss_mb = max(brss) if brss else None
    return result


def format_table(results: list[Result]) -> str:
    def num(value, fmt):
        return "-" if value is None else format(value, fmt)

    header = ("row", "seconds", "baseline", "ratio", "target", "peak RSS MB", "result")
    lines = []
    for r in results:
        status = "ERROR" if r.error else {True: "pass", False: "FAIL", None: "info"}[r.passed]
        lines.append((r.name, num(r.seconds, ".3f"), num(r.baseline_seconds, ".3f"),
                      num(r.ratio, ".2f"), ROWS[r.name].target_text if r.name in ROWS else "-",
                      num(r.peak_rss_mb, ".1f"), status))
    widths = [max(len(str(x)) for x in col) for col in zip(header, *lines)]
    out = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths)))]
    out.append("  ".join("-" * w for w in widths))
    for line in lines:
        out.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))))
    for r in results:
        if r.error:
            out.append(f"{r.name}: {r.error}")
    return "\n".join(out)


def compile_bytecode() -> None:
    """Compile govboard to bytecode first, as an installed app ships it.

    Without this, a machine with PYTHONDONTWRITEBYTECODE set compiles every module from source
    on every start, which measured compiling rather than the app.
    """
    import compileall

    compileall.compile_dir(REPO_DIR / "govboard", quiet=1, workers=0)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench", description="Run govboard's benchmarks.")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this row (repeatable, or comma-separated)")
    parser.add_argument("--runs", type=int, default=3, help="repeats per row; the best time is kept (3)")
    parser.add_argument("--academies", type=int, default=150, help="size of the synthetic trust (150)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    parser.add_argument("--list", action="store_true", help="list the rows and exit")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before a process is killed")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every process measured")
    args = parser.parse_args(argv)

    rows = discover()
    if args.list:
        for spec in rows.values():
            print(f"{spec.name:24} {spec.target_text:10} {spec.description}")
        return 0
    names = list(rows)
    if args.only:
        names = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
        unknown = [n for n in names if n not in rows]
        if unknown:
            print(f"unknown row(s): {', '.join(unknown)} (try --list)", file=sys.stderr)
            return 2
    compile_bytecode()
    ctx = Context(academies=args.academies, timeout=args.timeout, verbose=args.verbose)
    results = []
    try:
        for name in names:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            results.append(run_row(rows[name], ctx, args.runs))
    finally:
        shutil.rmtree(ctx.workdir, ignore_errors=True)
    print(format_table(results))
    if args.json:
        Path(args.json).write_text(
            json.dumps({r.name: r.as_json() for r in results}, indent=2) + "\n", encoding="utf-8")
    return 1 if any(r.passed is False for r in results) else 0
