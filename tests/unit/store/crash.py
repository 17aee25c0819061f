"""Helpers that leave trust files as crashes, other writers and damage leave them."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Writes 3,000 people in one transaction with a one-page cache, so changed pages reach the file
# before the commit, then waits: killed there, it leaves a hot journal and a half-written file.
_MID_WRITE = textwrap.dedent("""
    import sys, time
    from govboard.domain import model as m
    from govboard.store import Insert, TrustFile
    tf = TrustFile.open(sys.argv[1])
    tf.conn.execute("PRAGMA cache_size = 1")
    with tf.atomic():
        tf.apply([Insert(m.Person(f"K{i}", "Killed", "Midwrite")) for i in range(3000)], "never committed")
        print("mid-write", flush=True)
        time.sleep(120)
""")

# Opens the file for writing as the app does and holds it until told to stop.
_HOLDER = textwrap.dedent("""
    import sys
    from govboard.store import TrustFile
    tf = TrustFile.open(sys.argv[1])
    print("held", flush=True)
    sys.stdin.readline()
    tf.close()
""")


def kill_mid_write(path: Path) -> None:
    """Run a writer on `path` and kill -9 it in the middle of a save."""
    proc = subprocess.Popen([sys.executable, "-c", _MID_WRITE, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "mid-write"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()


@contextlib.contextmanager
def held_by_another_govboard(path: Path):
    """Another govboard process holds `path` open for writing while inside."""
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        if proc.poll() is None:
            proc.stdin.write("\n")
            proc.stdin.flush()
            proc.wait(timeout=30)
        proc.stdin.close()
        proc.stdout.close()


def people(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return conn.execute("SELECT * FROM people ORDER BY id").fetchall()
    finally:
        conn.close()


def _chattr_works(folder: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    probe = folder / "chattr-probe"
    probe.mkdir()
    try:
        ok = subprocess.run(["chattr", "+i", str(probe)], capture_output=True).returncode == 0
        if ok:
            subprocess.run(["chattr", "-i", str(probe)], check=True)
        return ok
    finally:
        probe.rmdir()


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """Nothing new can be created in `folder` while inside. A normal user gets chmod 0500; root
    ignores modes, so for root the folder is made immutable (chattr +i), where it can be."""
    if os.name == "posix" and os.geteuid() == 0:
        if not _chattr_works(folder.parent):
            pytest.skip("running as root where chattr cannot make a folder read-only")
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR)
        try:
            yield
        finally:
            os.chmod(folder, stat.S_IRWXU)
