"""Who holds a trust file for writing: a small lock record beside it.

SQLite itself keeps two writers from corrupting the file, but it cannot say who the other writer
is, and it lets two people each edit their own stale view of the file in turn. So a govboard that
opens a file for writing leaves `.~lock.<file name>#` beside it (the name LibreOffice uses for the
same purpose, hidden on macOS and Linux) saying which program, computer, user and process holds
it and since when. A second govboard reads it and refuses to write ("in use by govboard on
LAPTOP-3 (jane) since 10:42"); the GUI then opens the file read-only.

The record is removed on close and at exit. One left behind by a crash is ignored when it is
stale: its process is gone (same computer), or, from another computer, it has not been refreshed
for STALE_AFTER (a holder refreshes it every HEARTBEAT while open, so only a holder that stopped
lets it age; one that comes back after that finds it taken over and writes nothing).
Within one process the lock is shared: that process is one govboard.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

HEARTBEAT_SECONDS = 5 * 60
STALE_AFTER_SECONDS = 30 * 60


def lock_path(path: Path) -> Path:
    return path.with_name(f".~lock.{path.name}#")


@dataclass(frozen=True)
class LockInfo:
    """What a lock record says about its holder."""

    app: str
    host: str
    user: str
    pid: int
    since: datetime
    token: str
    refreshed: float  # the record's modification time (seconds since the epoch)
    seen_at: float = 0.0  # the time by the same clock (the folder's file system) when it was read

    def describe(self) -> str:
        """'govboard on LAPTOP-3 (jane) since 10:42' (with the date when it is not today)."""
        when = f"{self.since:%H:%M}"
        if self.since.date() != datetime.now().date():
            when += f" on {self.since:%d/%m/%Y}"
        who = f" ({self.user})" if self.user else ""
        return f"{self.app} on {self.host}{who} since {when}"

    @property
    def ours(self) -> bool:
        return self.host == _host() and self.pid == os.getpid()

    def stale(self, now: float | None = None) -> bool:
        """On this computer: its process has gone. Elsewhere (a shared drive): not refreshed for
        STALE_AFTER_SECONDS, as a holder does every HEARTBEAT_SECONDS while it is running."""
        if self.host == _host():
            return not _pid_alive(self.pid)
        now = (self.seen_at or time.time()) if now is None else now
        return now - self.refreshed > STALE_AFTER_SECONDS


@functools.cache
def _file_system_now(folder: Path) -> float:
    """The time now by the clock that stamps the record: the file system's (on a shared drive, the
    server's), read from a probe file's modification time. A record's age is then right even when
    this computer's clock differs from the one that refreshed it; this computer's clock is the
    fallback where the folder cannot be written."""
    import tempfile

    try:
        fd, name = tempfile.mkstemp(prefix=".~lock-clock.", dir=folder)
    except OSError:
        return time.time()
    try:
        return os.fstat(fd).st_mtime
    finally:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)


def _host() -> str:
    # Asked when a lock is first taken or read. os.uname gives what socket.gethostname does
    # without importing socket (a few milliseconds of every start-up); Windows has no uname.
    if hasattr(os, "uname"):
        return os.uname().nodename or "this computer"
    import socket

    return socket.gethostname() or "this computer"


def read_lock(path: Path) -> LockInfo | None:
    """The lock record beside `path`, or None when there is none. A record that cannot be read
    as one (empty, damaged, another program's) is reported as stale, from a process long gone."""
    record = lock_path(path)
    try:
        refreshed = record.stat().st_mtime
        data = json.loads(record.read_text(encoding="utf-8"))
        return LockInfo(str(data["app"]), str(data["host"]), str(data.get("user", "")), int(data["pid"]),
                        datetime.fromisoformat(data["since"]), str(data.get("token", "")), refreshed,
                        _file_system_now(record.parent))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo("govboard", "?", "", -1, datetime.fromtimestamp(0), "", 0.0)


class InUse(Exception):
    """Another govboard holds the file; `info` says who."""

    def __init__(self, info: LockInfo):
        super().__init__(info.describe())
        self.info = info


class WriterLock:
    """This process's hold on one trust file (shared by every TrustFile it opens on it)."""

    _held: dict[Path, WriterLock] = {}
    _guard = threading.Lock()

    def __init__(self, path: Path, token: str):
        self.path = path
        self.record = lock_path(path)
        self.token = token
        self.users = 0
        self.last_refresh = time.monotonic()

    @classmethod
    def acquire(cls, path: Path, *, who: str = "") -> WriterLock:
        """Take (or share, within this process) the lock on `path`; raise InUse if another holds it.

        Folders where the record cannot be written (read-only media) give no lock: SQLite's own
        locking still keeps writers apart there, only the "who" is missing."""
        key = path.resolve()
        with cls._guard:
            held = cls._held.get(key)
            if held is not None:
                held.users += 1
                return held
            token = os.urandom(16).hex()  # as unique as a uuid4, without importing uuid
            lock = cls(key, token)
            for _attempt in range(3):
                if lock._create(who):
                    break
                info = read_lock(key)
                if info is None:
                    continue  # removed meanwhile: try again
                if info.ours:
                    lock._write(who)  # left by this process's earlier run of the same pid
                    break
                if not info.stale():
                    raise InUse(info)
                with contextlib.suppress(OSError):
                    lock.record.unlink()
            else:
                info = read_lock(key)
                if info is not None:
                    raise InUse(info)
            lock.users = 1
            cls._held[key] = lock
            return lock

    def _payload(self, who: str) -> bytes:
        return json.dumps({
            "app": "govboard", "host": _host(), "user": who, "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds"), "token": self.token,
            "file": self.path.name,
        }).encode("utf-8")

    def _create(self, who: str) -> bool:
        """Create the record, whole, unless one exists. It is written under a name of its own and
        then hard-linked into place: created empty and then written, a second govboard starting
        at the same moment read it empty, took it for a damaged (stale) record, and replaced it,
        and both went on as if they held the file (the first was refused only when it saved)."""
        own = self.record.with_name(f"{self.record.name}.{self.token}")
        try:
            own.write_bytes(self._payload(who))
        except OSError:
            return True  # a folder we cannot write to: no record, nothing to clean up
        try:
            os.link(own, self.record)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links (some network shares)
            return self._create_in_place(who)
        finally:
            with contextlib.suppress(OSError):
                own.unlink()
        if os.name == "nt":
            _hide(self.record)
        return True

    def _create_in_place(self, who: str) -> bool:
        try:
            fd = os.open(self.record, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError:
            return True
        try:
            os.write(fd, self._payload(who))
        finally:
            os.close(fd)
        if os.name == "nt":
            _hide(self.record)
        return True

    def _write(self, who: str) -> None:
        with contextlib.suppress(OSError):
            self.record.write_bytes(self._payload(who))

    def still_ours(self) -> bool:
        """False when another govboard has taken the file over (our record went stale and was
        replaced, say after this computer slept for hours)."""
        info = read_lock(self.path)
        return info is None or info.token in ("", self.token) or info.host == "?"

    def refresh(self, *, force: bool = False) -> None:
        """Keep the record fresh while the file is held (at most once per HEARTBEAT)."""
        if not force and time.monotonic() - self.last_refresh < HEARTBEAT_SECONDS:
            return
        self.last_refresh = time.monotonic()
        if self.still_ours():
            with contextlib.suppress(OSError):
                os.utime(self.record)

    def release(self) -> None:
        with self._guard:
            self.users -= 1
            if self.users > 0:
                return
            self._held.pop(self.path, None)
            info = read_lock(self.path)
            if info is not None and info.token == self.token:
                with contextlib.suppress(OSError):
                    self.record.unlink()

    @classmethod
    def release_all(cls) -> None:
        for lock in list(cls._held.values()):
            lock.users = 1
            lock.release()


atexit.register(WriterLock.release_all)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    except OSError:
        return False
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill(pid, 0) on Windows would terminate the process: ask the kernel instead.
    import ctypes

    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.GetLastError() == 5  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _hide(path: Path) -> None:  # pragma: no cover - Windows only
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x02)  # FILE_ATTRIBUTE_HIDDEN


__all__ = ["HEARTBEAT_SECONDS", "STALE_AFTER_SECONDS", "InUse", "LockInfo", "WriterLock", "lock_path",
           "read_lock"]
