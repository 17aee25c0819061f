"""The real entry point, `python -m govboard`, started as a user starts it (in a subprocess,
offscreen), with its data, log and settings in a temporary folder. It quits once its window
has been shown (GOVBOARD_BENCH_EXIT_ON_SHOWN)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from govboard.store import TrustFile

pytestmark = pytest.mark.subprocess  # waits on a child process: not under libfaketime

SAMPLE_NAME = "Hillside Learning Trust (sample).govboard"


def _start(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOVBOARD_BENCH_EXIT_ON_SHOWN="1",
               GOVBOARD_DATA_DIR=str(tmp_path / "data"), GOVBOARD_LOG_DIR=str(tmp_path / "logs"),
               GOVBOARD_CONFIG_DIR=str(tmp_path / "config"))
    return subprocess.run([sys.executable, "-m", "govboard", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def _settings(tmp_path: Path) -> QSettings:
    path = tmp_path / "config" / "govboard" / "govboard.ini"
    assert path.is_file(), "the app kept its settings somewhere other than GOVBOARD_CONFIG_DIR"
    return QSettings(str(path), QSettings.Format.IniFormat)


def _log_errors(tmp_path: Path) -> list[str]:
    log = tmp_path / "logs" / "govboard.log"
    return [line for line in log.read_text(encoding="utf-8").splitlines() if " ERROR " in line]


def test_demo_builds_and_opens_the_sample_trust_then_reopens_it_next_time(tmp_path):
    first = _start(tmp_path, "--demo")
    assert first.returncode == 0, first.stderr
    sample = tmp_path / "data" / SAMPLE_NAME
    with TrustFile.open(sample) as trust:
        assert len(trust.load_snapshot().academies) >= 4
    assert _settings(tmp_path).value("files/last") == str(sample)
    assert _log_errors(tmp_path) == []
    built = sample.stat().st_mtime_ns

    # Started with no file, the app reopens the last one; the sample is not rebuilt the same day.
    again = _start(tmp_path)
    assert again.returncode == 0, again.stderr
    assert sample.stat().st_mtime_ns == built
    assert _settings(tmp_path).value("files/last") == str(sample)
    assert _log_errors(tmp_path) == []


def test_first_start_with_no_file_shows_the_welcome_page_and_records_no_file(tmp_path):
    done = _start(tmp_path)
    assert done.returncode == 0, done.stderr
    settings = _settings(tmp_path)  # written on close: window layout, but no file
    assert settings.value("window/geometry") is not None
    assert settings.value("files/last") is None
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_the_garbage_collector_is_back_on_once_the_window_is_up(tmp_path):
    """Start-up pauses Python's cyclic collector (nothing it builds is garbage); the running app,
    and a start that fails before its window, must have it on again."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GOVBOARD_BENCH_EXIT_ON_SHOWN="1",
               GOVBOARD_DATA_DIR=str(tmp_path / "data"), GOVBOARD_LOG_DIR=str(tmp_path / "logs"),
               GOVBOARD_CONFIG_DIR=str(tmp_path / "config"))
    probe = ("import gc, sys\n"
             "from govboard.ui import app\n"
             "code = app.main(['--demo'])\n"
             "print(code, gc.isenabled())\n"
             "try:\n"
             "    app.main(['--no-such-option'])\n"
             "except SystemExit:\n"
             "    print('refused', gc.isenabled())\n")
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["0 True", "refused True"]
