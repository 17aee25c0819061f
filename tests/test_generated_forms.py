"""The committed compiled forms and resources match their sources (packaging/build_qt.py)."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_QT = ROOT / "packaging" / "build_qt.py"


def _has_tool(name: str) -> bool:
    return bool(shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent)))


def _build_qt():
    spec = importlib.util.spec_from_file_location("govboard_build_qt", BUILD_QT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (_has_tool("pyside6-uic") and _has_tool("pyside6-rcc")),
                    reason="pyside6-uic/pyside6-rcc not installed")
@pytest.mark.subprocess
def test_generated_forms_are_fresh():
    stale = _build_qt().stale_modules()
    assert stale == [], f"regenerate with: python packaging/build_qt.py (stale: {', '.join(stale)})"
