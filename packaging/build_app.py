"""Freeze govboard with PyInstaller into dist/govboard/ and smoke-test the result.

    pip install -e ".[package]"
    python packaging/build_app.py               # build, then smoke-test
    python packaging/build_app.py --test-only   # smoke-test an existing dist/govboard/

The smoke tests run the frozen programs as a user would, each in a fresh temporary folder: the
app opens the sample trust offscreen and quits once its window is shown; the command line builds
the sample trust, checks it (the same rules must fire as from source) and writes a board pack
(a PDF with the bundled DejaVu fonts, which proves fonts and reportlab's data were bundled).
Exits 1 if the build or any smoke test fails. On Windows, then build the installer with Inno Setup:
    iscc /DAppVersion=<version> packaging\\windows\\govboard.iss
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "govboard.spec"
DIST = ROOT / "dist"
APP_DIR = DIST / "govboard"
WORK = ROOT / "build"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
GUI_EXE = APP_DIR / f"govboard{EXE_SUFFIX}"
CLI_EXE = APP_DIR / f"govboard-cli{EXE_SUFFIX}"
SAMPLE_NAME = "Hillside Learning Trust (sample).govboard"  # govboard.ui.app.demo_path
GUI_TIMEOUT = 60
CLI_TIMEOUT = 120


class Skipped(Exception):
    """A smoke test that cannot run on this machine (said in the summary; not a failure)."""


class Warned(Exception):
    """A smoke test that passed with something the builder should know (not a failure)."""


@dataclass
class Result:
    name: str
    status: str  # PASS, WARN, SKIP or FAIL
    detail: str
    seconds: float


def version() -> str:
    text = (ROOT / "govboard" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def build() -> None:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit('PyInstaller is not installed here: pip install -e ".[package]"') from None
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(DIST), "--workpath", str(WORK), str(SPEC)], check=True, cwd=ROOT)


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1_000_000


def _run(args: list[str], env: dict[str, str], timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run(args, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout, cwd=env["GOVBOARD_DATA_DIR"])


def _tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the frozen app must stand on its own
    data, logs, config = tmp / "data", tmp / "logs", tmp / "config"
    for folder in (data, logs, config):
        folder.mkdir()
    env.update(QT_QPA_PLATFORM="offscreen", GOVBOARD_DATA_DIR=str(data), GOVBOARD_LOG_DIR=str(logs),
               GOVBOARD_CONFIG_DIR=str(config))  # keeps QSettings off the builder's own
    return env


def _open_demo(tmp: Path, env: dict[str, str], wrapper: list[str]) -> str:
    """Start the frozen app on the sample trust; it quits once its window is shown."""
    env["GOVBOARD_BENCH_EXIT_ON_SHOWN"] = "1"
    done = _run([*wrapper, str(GUI_EXE), "--demo"], env, GUI_TIMEOUT)
    if done.returncode != 0:
        raise AssertionError(f"exit {done.returncode}\n{_tail(done.stderr)}")
    sample = Path(env["GOVBOARD_DATA_DIR"]) / SAMPLE_NAME
    if not sample.is_file():
        raise AssertionError(f"no sample trust at {sample}")
    log = Path(env["GOVBOARD_LOG_DIR"]) / "govboard.log"
    errors = [line for line in log.read_text(encoding="utf-8").splitlines() if " ERROR " in line] \
        if log.exists() else []
    if errors:
        raise AssertionError("errors in the log:\n" + "\n".join(errors[:5]))
    return f"window shown and closed; sample trust {sample.stat().st_size // 1024} KB"


def smoke_gui(tmp: Path) -> str:
    return _open_demo(tmp, _environment(tmp), [])


def smoke_gui_opens_file(tmp: Path) -> str:
    """`govboard <file>`, the command the installer's .govboard file association runs."""
    env = _environment(tmp)
    trust = tmp / "opened by argument.govboard"
    subprocess.run([sys.executable, "-m", "govboard.cli", "demo", str(trust)], check=True,
                   capture_output=True, cwd=ROOT)  # made from source: this test is about the GUI
    env["GOVBOARD_BENCH_EXIT_ON_SHOWN"] = "1"
    done = _run([str(GUI_EXE), str(trust)], env, GUI_TIMEOUT)
    if done.returncode != 0:
        raise AssertionError(f"exit {done.returncode}\n{_tail(done.stderr)}")
    # The app's settings are an INI file in the isolated config folder: it names the file opened.
    settings = Path(env["GOVBOARD_CONFIG_DIR"]) / "govboard" / "govboard.ini"
    recorded = str(trust).replace("\\", "\\\\")  # Qt's INI format doubles backslashes (Windows paths)
    if f"last={recorded}" not in settings.read_text(encoding="utf-8"):
        raise AssertionError(f"the app did not record {trust.name} as the file it opened")
    return f"window shown and closed; the app opened {trust.name}"


def smoke_gui_native(tmp: Path) -> str:
    """The same on the desktop's own window system: proves its platform plugin was bundled."""
    env = _environment(tmp)
    del env["QT_QPA_PLATFORM"]
    wrapper: list[str] = []
    if sys.platform.startswith("linux"):
        if not shutil.which("xvfb-run"):
            raise Skipped("xvfb-run not installed (apt-get install xvfb xauth)")
        env["QT_QPA_PLATFORM"] = "xcb"
        wrapper = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
    return _open_demo(tmp, env, wrapper)


def _source_rules(trust: Path) -> set[str]:
    """Rules that fire on the same file when run from source (this interpreter)."""
    done = subprocess.run([sys.executable, "-m", "govboard.cli", "check", str(trust), "--format", "json"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    return {finding["rule"] for finding in json.loads(done.stdout)["findings"]}


def smoke_cli(tmp: Path) -> str:
    env = _environment(tmp)
    trust, pdf = tmp / "x.govboard", tmp / "p.pdf"
    steps = []

    done = _run([str(CLI_EXE), "demo", str(trust)], env, CLI_TIMEOUT)
    if done.returncode != 0 or not trust.is_file():
        raise AssertionError(f"demo: exit {done.returncode}\n{_tail(done.stderr)}")
    steps.append("demo ok")

    done = _run([str(CLI_EXE), "check", str(trust), "--format", "json"], env, CLI_TIMEOUT)
    if done.returncode != 1:
        raise AssertionError(f"check: expected exit 1 (findings), got {done.returncode}\n"
                             f"{_tail(done.stderr)}")
    try:
        findings = json.loads(done.stdout)["findings"]
    except (ValueError, KeyError) as exc:
        raise AssertionError(f"check: output is not the findings JSON ({exc})\n"
                             f"{_tail(done.stdout)}") from None
    frozen_rules = {finding["rule"] for finding in findings}
    expected = _source_rules(trust)
    if frozen_rules != expected:
        raise AssertionError(f"check: frozen rules {sorted(frozen_rules)} != from source {sorted(expected)}")
    steps.append(f"check exit 1, {len(findings)} findings ({', '.join(sorted(frozen_rules))})")

    done = _run([str(CLI_EXE), "pack", str(trust), str(pdf)], env, CLI_TIMEOUT)
    if done.returncode != 0 or not pdf.is_file():
        raise AssertionError(f"pack: exit {done.returncode}\n{_tail(done.stderr)}")
    content = pdf.read_bytes()
    if not content.startswith(b"%PDF") or b"DejaVuSans" not in content:
        raise AssertionError("pack: the file is not a PDF with the bundled DejaVu fonts")
    steps.append(f"pack wrote a {len(content) // 1024} KB PDF with DejaVu fonts")
    return "; ".join(steps)


NATIVE_PLATFORM = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")
REQUIRED_FILES = {
    "the window system's Qt plugin": f"PySide6/Qt/plugins/platforms/*{NATIVE_PLATFORM}.*",
    "the offscreen Qt plugin": "PySide6/Qt/plugins/platforms/*qoffscreen.*",
    "SVG icon engine": "PySide6/Qt/plugins/iconengines/*qsvgicon.*",
    "SVG image format": "PySide6/Qt/plugins/imageformats/*qsvg.*",
    "Qt SVG library": "**/*Qt6Svg*",
    "DejaVu fonts": "govboard/reports/fonts/DejaVuSans*.ttf",
    "DejaVu licence": "govboard/reports/fonts/LICENSE-DejaVu.txt",
    "reportlab's fonts": "reportlab/fonts/*",
}
UNWANTED_FILES = ("**/*Qt6Quick*", "**/*Qt6Qml*", "**/*Qt6WebEngine*", "**/*Qt6Pdf*", "**/*Qt6Network*",
                  "**/*Qt6OpenGL*", "**/opengl32sw.dll", "**/translations/*.qm", "**/*libgtk-3*")


def bundle_contents(tmp: Path) -> str:
    """What the app reads at run time is there (on any OS), and what the spec leaves out stays out."""
    del tmp
    internal = APP_DIR / "_internal"
    absent = [what for what, pattern in REQUIRED_FILES.items() if not any(internal.glob(pattern))]
    unwanted = sorted({str(path.relative_to(APP_DIR))
                       for pattern in UNWANTED_FILES for path in internal.glob(pattern)})
    problems = [f"missing: {what}" for what in absent]
    problems += [f"should have been left out: {path}" for path in unwanted[:10]]
    if problems:
        raise AssertionError("\n".join(problems))
    return (f"{len(REQUIRED_FILES)} required kinds of file present; "
            "no Qt Quick/QML/WebEngine/GTK or Qt translations")


def _installed_library_names() -> set[str]:
    """File names of the libraries in this environment's packages (what the build could have bundled)."""
    import PySide6
    import shiboken6

    names = set()
    for package in (PySide6, shiboken6):
        names.update(path.name for path in Path(package.__file__).parent.rglob("*.so*"))
    return names


def missing_libraries(tmp: Path) -> str:
    """Linux: every bundled library and plugin resolves its dependencies (catches over-slimming).

    A missing library the environment has means the spec dropped something needed: a failure. One
    the build machine lacks too is a system library PyInstaller could not bundle: a warning.
    """
    del tmp
    internal = APP_DIR / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    missing: dict[str, set[str]] = {}
    checked = 0
    for path in sorted(internal.rglob("*.so*")):
        if not path.is_file() or path.is_symlink():
            continue
        checked += 1
        out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env).stdout
        for line in out.splitlines():
            if "not found" in line:
                missing.setdefault(line.split()[0], set()).add(path.name)
    dropped = sorted(name for name in missing if name in _installed_library_names())
    if dropped:
        raise AssertionError("\n".join(f"{name} (needed by {', '.join(sorted(missing[name]))}) was left out"
                                        for name in dropped))
    if missing:
        raise Warned(f"{checked} libraries checked; not on this build machine, so not bundled: "
                     f"{', '.join(sorted(missing))} (install them and rebuild for a self-contained "
                     "Linux build)")
    return f"{checked} libraries and plugins resolve all their dependencies"


def run_test(name: str, test: Callable[[Path], str]) -> Result:
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="govboard-smoke-") as tmp:
        try:
            status, detail = "PASS", test(Path(tmp))
        except Skipped as exc:
            status, detail = "SKIP", str(exc)
        except Warned as exc:
            status, detail = "WARN", str(exc)
        except subprocess.TimeoutExpired as exc:
            status, detail = "FAIL", f"timed out after {exc.timeout} s"
        except (AssertionError, OSError) as exc:
            status, detail = "FAIL", str(exc)
    return Result(name, status, detail, time.monotonic() - start)


def smoke_tests() -> list[Result]:
    tests: list[tuple[str, Callable[[Path], str]]] = [
        ("Bundle contents", bundle_contents),
        ("GUI: govboard --demo (offscreen)", smoke_gui),
        ("GUI: govboard --demo (native window system)", smoke_gui_native),
        ("GUI: govboard <file> (the file association)", smoke_gui_opens_file),
        ("CLI: govboard-cli demo / check / pack", smoke_cli),
    ]
    if sys.platform.startswith("linux") and shutil.which("ldd"):
        tests.append(("Bundled libraries (ldd)", missing_libraries))
    return [run_test(name, test) for name, test in tests]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test-only", action="store_true", help="smoke-test the existing dist/govboard/")
    args = parser.parse_args(argv)
    if not args.test_only:
        build()
    if not (GUI_EXE.is_file() and CLI_EXE.is_file()):
        print(f"No build in {APP_DIR}: run without --test-only first.", file=sys.stderr)
        return 1
    results = smoke_tests()

    print(f"\ngovboard {version()}: {APP_DIR} is {folder_mb(APP_DIR):.1f} MB")
    for result in results:
        print(f"  [{result.status}] {result.name} ({result.seconds:.1f} s)")
        for line in result.detail.splitlines():
            print(f"         {line}")
    failed = [result for result in results if result.status == "FAIL"]
    if failed:
        print(f"{len(failed)} smoke test(s) failed.", file=sys.stderr)
        return 1
    print("All smoke tests passed.")
    if sys.platform == "win32":
        print(f"Next: iscc /DAppVersion={version()} packaging\\windows\\govboard.iss")
    return 0


if __name__ == "__main__":
    sys.exit(main())
