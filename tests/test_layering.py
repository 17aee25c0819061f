"""Only govboard.ui may import PySide6: the core must import without Qt (design.md, "The shape").

One fresh interpreter imports every core module in turn and reports the first module after whose
import PySide6 appeared in sys.modules. Modules are found as pkgutil.walk_packages would, but
without importing packages to recurse (walk_packages would import govboard.ui itself); govboard.ui
and the GUI entry point govboard.__main__ are left out. Modules not written yet are not found.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess  # waits on a child process: not under libfaketime

ROOT = Path(__file__).resolve().parents[1]

# The design's core; modules not written yet are simply not found by the walk.
CORE_PREFIXES = ("govboard.domain", "govboard.store", "govboard.services", "govboard.cli",
                 "govboard.rules", "govboard.io", "govboard.reports", "govboard.demo", "govboard.clock")

_PROBE = textwrap.dedent("""
    import importlib, json, pkgutil, sys, traceback

    top = sys.argv[1]
    package = importlib.import_module(top)

    def is_gui(name):
        return name == top + ".ui" or name.startswith(top + ".ui.") or name.endswith(".__main__")

    def walk(path, prefix):
        # like pkgutil.walk_packages, but without importing packages (the GUI's included) to recurse
        for info in pkgutil.iter_modules(path, prefix):
            if is_gui(info.name):
                continue
            yield info.name
            if info.ispkg:
                yield from walk([p + "/" + info.name.rsplit(".", 1)[1] for p in path], info.name + ".")

    names = [top] + list(walk(package.__path__, top + "."))
    report = {"checked": [], "offenders": {}, "errors": {}}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as exc:
            report["errors"][name] = f"{type(exc).__name__}: {exc}"
            continue
        report["checked"].append(name)
        qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
        if qt:
            report["offenders"][name] = qt[:5]
            break  # later modules would be blamed for this one
    print(json.dumps(report))
""")


def test_core_modules_import_without_pyside6():
    proc = subprocess.run([sys.executable, "-c", _PROBE, "govboard"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])

    assert report["offenders"] == {}, f"these core modules pull in Qt: {report['offenders']}"
    assert report["errors"] == {}, f"these core modules fail to import: {report['errors']}"
    checked = set(report["checked"])
    assert {"govboard.domain.model", "govboard.store.trustfile", "govboard.services.trust",
            "govboard.cli"} <= checked
    assert all(name.startswith(CORE_PREFIXES) or name == "govboard" for name in checked), sorted(checked)
    assert not any(name.startswith("govboard.ui") for name in checked)


def test_the_probe_would_notice_qt(tmp_path):
    """The check itself works: a package whose core module imports PySide6 is reported."""
    pytest.importorskip("PySide6.QtCore")
    pkg = tmp_path / "fakeapp"
    (pkg / "ui").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "ui" / "__init__.py").write_text("import PySide6.QtCore\n")  # allowed: the GUI
    (pkg / "core.py").write_text("X = 1\n")
    (pkg / "leaky.py").write_text("from PySide6 import QtCore\n")
    proc = subprocess.run([sys.executable, "-c", _PROBE, "fakeapp"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert list(report["offenders"]) == ["fakeapp.leaky"]
    assert "fakeapp.core" in report["checked"] and "fakeapp.ui" not in report["checked"]
