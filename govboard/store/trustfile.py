"""One trust = one SQLite file (`.govboard`). Opening, guarding, writing, undo and backup.

Every write goes through `TrustFile.apply()`: one transaction that changes the rows and appends
a batch to the change log (who, when, table, key, old row, new row). Undo applies the inverse
of a logged batch as a new batch, so history is never rewritten.

Journal mode is DELETE, not WAL: the file is a document clerks copy and email, and with WAL
recent edits live in a `-wal` sidecar a copy would miss. Writes here are small and rare.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import fields as _fields
from datetime import date, datetime
from pathlib import Path

from .. import __version__
from ..domain import model as m
from ..domain.gc_pause import gc_paused
from ..domain.snapshot import SNAPSHOT_FIELD, TrustSnapshot, scheme_order
from ..domain.validate import parse_fraction, record_problems, setting_problem, settings_problems
from . import mapping
from .lockfile import InUse, LockInfo, WriterLock, read_lock
from .schema_names import FILE_FORMAT, MIGRATION_NAMES


def known_migration_names() -> list[str]:
    return list(MIGRATION_NAMES)


class _LazyMigrations:
    """schema.migrations, imported on first use (only when a migration has to run)."""

    def __getattr__(self, name):
        from .schema import migrations as real

        return getattr(real, name)


migrations = _LazyMigrations()

SQLITE_HEADER = b"SQLite format 3\x00"
OPEN_TIMEOUT_MS = 2000


class TrustFileError(Exception):
    """A trust file cannot be opened or written; the message is for the user."""


class ReadOnlyError(TrustFileError):
    pass


class FileInUseError(TrustFileError):
    """Another govboard (or another program) holds the file for writing; `holder` says who when
    a lock record does."""

    def __init__(self, message: str, holder: LockInfo | None = None):
        super().__init__(message)
        self.holder = holder


class CannotWriteError(TrustFileError):
    """The file, or the folder it is in, cannot be written: it can still be opened read-only."""


class DamagedFileError(TrustFileError):
    """The file is damaged: it cannot be read as a trust file (nothing was changed)."""


class FileChangedError(TrustFileError):
    """Someone else changed what a write would change since it was read; nothing was saved."""


BACKUP_HINT = "copies made with 'govboard-cli backup' (File > Back up) can be opened instead"


class _UndoConflict(Exception):
    """The row an undo would change is no longer as the change log left it."""


# --- changes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Insert:
    """A change: add `record`."""

    record: object


@dataclass(frozen=True)
class Update:
    """A change: replace `old` with `new`."""

    old: object
    new: object


@dataclass(frozen=True)
class Delete:
    """A change: remove `record`."""

    record: object


Change = Insert | Update | Delete


@dataclass(frozen=True)
class Batch:
    """One logged step of the change log (what the user did)."""

    id: int
    at: datetime
    who: str
    description: str
    kind: str
    undoes: int | None


@dataclass(frozen=True)
class LoggedChange:
    """One row of the change log: table, key, old and new values."""

    batch_id: int
    action: str
    table: str
    key: dict
    old: dict | None
    new: dict | None


_SAVEPOINTS = itertools.count(1)
_TABLE_CLASSES = {cls.TABLE: cls for cls in m.RECORD_TYPES}


def _owner_only_create(path: Path) -> None:
    """Create an empty file readable and writable by its owner only (0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _default_who() -> str:
    # getpass.getuser() reads these first; importing getpass (and pwd) costs start-up time.
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if who := os.environ.get(name):
            return who
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no login name in some service contexts
        return "unknown"


class TrustFile:
    """An open trust file. Use `TrustFile.create()` or `TrustFile.open()`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool, reason: str = ""):
        self.path = path
        self.conn = conn
        self._db = None
        self.read_only = read_only
        self.read_only_reason = reason
        self.who = _default_who()
        self.backup_made: Path | None = None
        # Set when opening rolled back a save a crash interrupted: a sentence for the user.
        self.recovered: str = ""
        self._lock: WriterLock | None = None
        # PRAGMA data_version when the registers were last read (see _check_unchanged).
        self._seen_version: int | None = None

    @property
    def db(self):
        """A sqlite-utils Database over the same connection (for migrations)."""
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    @contextlib.contextmanager
    def atomic(self):
        """One transaction; nested blocks use savepoints (the same rules as sqlite-utils)."""
        if self.conn.in_transaction:
            savepoint = f"govboard_{next(_SAVEPOINTS)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
        else:
            self._check_lock_is_ours()
            # IMMEDIATE: the write lock is taken now, so what the block reads is what it changes
            # (a deferred BEGIN would let another writer in between, then fail on the upgrade).
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise _write_error(self.path, exc) from None
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except sqlite3.OperationalError as exc:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise _write_error(self.path, exc) from None
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise

    def keep_alive(self) -> None:
        """Refresh the lock record, so another computer does not take it for stale (the GUI
        calls this every few minutes while the file is open)."""
        if self._lock is not None:
            self._lock.refresh(force=True)

    def _check_lock_is_ours(self) -> None:
        if self._lock is None:
            return
        if not self._lock.still_ours():
            holder = read_lock(self.path)
            who = holder.describe() if holder else "another govboard"
            raise FileInUseError(
                f"{self.path.name} has been taken over by {who}, so nothing was saved; close it "
                "here and open it again when they have finished", holder)
        self._lock.refresh()

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike, *, name: str = "") -> TrustFile:
        path = Path(path)
        if path.exists():
            raise TrustFileError(f"{path} already exists; choose another name or open it.")
        if not path.parent.is_dir():
            raise TrustFileError(f"The folder {path.parent} does not exist.")
        _owner_only_create(path)
        try:
            lock = WriterLock.acquire(path, who=_default_who())
        except InUse as exc:
            path.unlink(missing_ok=True)
            raise _in_use(path, exc.info) from None
        try:
            conn = sqlite3.connect(path, timeout=OPEN_TIMEOUT_MS / 1000)
            tf = cls(path, conn, read_only=False)
            tf._lock = lock
            lock = None
            tf._configure()
            migrations.apply(tf.db)
            tf._set_meta("created_by", f"govboard {__version__}")
            if name:
                tf.save_settings(replace(tf.settings(), name=name), description="Create trust file")
            return tf
        except Exception:
            if lock is not None:
                lock.release()
            else:
                tf.close()
            path.unlink(missing_ok=True)
            raise

    @classmethod
    def open(cls, path: str | os.PathLike, *, read_only: bool = False) -> TrustFile:
        """Open an existing trust file, refusing anything that is not one.

        Nothing is written to a file that is refused, locked or from a newer govboard.
        Pending migrations run only after a copy of the file has been taken.
        """
        path = Path(path)
        if not path.exists():
            raise TrustFileError(f"{path} does not exist.")
        if path.is_dir():
            raise TrustFileError(f"{path} is a folder, not a trust file.")
        try:
            with open(path, "rb") as fh:
                first_page = fh.read(100)
        except PermissionError:
            raise TrustFileError(f"You do not have permission to read {path}.") from None
        except OSError as exc:
            raise TrustFileError(f"{path} cannot be read: {exc.strerror or exc}.") from None
        if first_page[:len(SQLITE_HEADER)] != SQLITE_HEADER:
            raise TrustFileError(f"{path.name} is not a govboard trust file.")
        wal = first_page[18:20] == b"\x02\x02"  # the file format's read/write versions: 2 is WAL

        # A save that a crash or power cut interrupted leaves a "hot" journal beside the file.
        # A read-only connection cannot roll it back (every read would fail), so roll it back
        # first with a writable one: the file is then as it was after its last complete save.
        recovered = _recover_after_crash(path)

        uri = path.resolve().as_uri() + "?mode=ro"
        try:
            probe = sqlite3.connect(uri, uri=True, timeout=OPEN_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            raise TrustFileError(f"{path.name} cannot be opened: {exc}.") from None
        try:
            applied, is_trust = _inspect(probe, path)
        finally:
            probe.close()
        if not is_trust:
            raise TrustFileError(f"{path.name} is not a govboard trust file.")
        unknown = [n for n in applied if n not in known_migration_names()]
        if unknown or read_only:
            reason = "Opened read-only."
            if unknown:
                reason = (f"{path.name} was saved by a newer version of govboard; it is open read-only. "
                          "Install the latest govboard to change it.")
            conn = _read_only_connection(path, uri, wal)
            if unknown or all(n in applied for n in known_migration_names()):
                tf = cls(path, conn, read_only=True, reason=reason)
                tf._configure(read_only=True)
            else:
                tf = cls._read_older(path, conn)
            tf.recovered = recovered
            return tf
        if not os.access(path, os.W_OK):
            raise CannotWriteError(
                f"{path.name} is read-only on disk; copy it somewhere you can write, or open it read-only."
            )
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise CannotWriteError(_read_only_folder_message(path))
        try:
            lock = WriterLock.acquire(path, who=_default_who())
        except InUse as exc:
            raise _in_use(path, exc.info) from None
        try:
            conn = sqlite3.connect(path, timeout=OPEN_TIMEOUT_MS / 1000)
        except sqlite3.Error as exc:
            lock.release()
            raise TrustFileError(f"{path.name} cannot be opened: {exc}.") from None
        tf = cls(path, conn, read_only=False)
        tf._lock = lock
        tf.recovered = recovered
        try:
            tf._configure()
            tf._check_not_locked()
            applied_now = {r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'govboard'")}
            pending = [n for n in known_migration_names() if n not in applied_now]
            if pending:
                tf.backup_made = tf._copy_before_migration(pending[0])
                try:
                    migrations.apply(tf.db)
                except Exception as exc:  # each step rolls back on its own; say so plainly
                    failed = migrations.pending(tf.db)[0].name
                    detail = " ".join(str(exc).split()) or type(exc).__name__
                    raise TrustFileError(
                        f"{path.name} could not be upgraded for this version of govboard "
                        f"(step {failed} failed: {detail}). The step was rolled back; "
                        f"a copy taken before upgrading is {tf.backup_made.name}."
                    ) from exc
        except BaseException:
            tf.close()
            raise
        return tf

    @classmethod
    def _read_older(cls, path: Path, source: sqlite3.Connection) -> TrustFile:
        """A file from an older govboard, opened read-only: upgraded in memory, never on disk.

        Reading needs today's schema, and a read-only open must not write (a copy would
        otherwise be taken and the file changed); the upgrade happens when it is next opened
        for writing."""
        conn = sqlite3.connect(":memory:")
        try:
            with contextlib.closing(source):
                source.backup(conn)
            tf = cls(path, conn, read_only=True,
                     reason="Opened read-only; it was saved by an earlier govboard and is upgraded "
                            "when you next open it to make changes.")
            tf._configure(read_only=True)
            migrations.apply(tf.db)
        except Exception as exc:
            conn.close()
            raise TrustFileError(f"{path.name} cannot be read: {exc}.") from None
        return tf

    def _configure(self, *, read_only: bool = False) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {OPEN_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            # journal_mode reads the file; it only writes if the mode changes.
            mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() == "wal":
                self.conn.execute("PRAGMA journal_mode = DELETE")

    def _check_not_locked(self) -> None:
        """Fail clearly when another program holds the file (BEGIN IMMEDIATE writes nothing)."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise FileInUseError(
                    f"{self.path.name} is in use by another program. Close it there and try again."
                ) from None
            raise _write_error(self.path, exc) from None

    def _copy_before_migration(self, first_pending: str) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        dest = self.path.with_name(f"{self.path.stem}.before-{first_pending}-{stamp}{self.path.suffix}")
        self.backup_to(dest)
        return dest

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()

    def __enter__(self) -> TrustFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- meta and settings -----------------------------------------------------------------

    def _set_meta(self, key: str, value: str) -> None:
        with self.atomic():
            self.conn.execute(
                "INSERT INTO govboard_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )

    def settings(self) -> m.TrustSettings:
        stored = dict(self.conn.execute("SELECT key, value FROM settings").fetchall())
        return settings_from_text(stored)

    def save_settings(self, settings: m.TrustSettings, *, description: str = "Change trust settings") -> int | None:
        stored = dict(self.conn.execute("SELECT key, value FROM settings").fetchall())
        old_text, new_text = settings_to_text(settings_from_text(stored)), settings_to_text(settings)
        changed = {k: v for k, v in new_text.items() if old_text.get(k) != v}
        if not changed:
            return None
        self._require_writable()
        problems = settings_problems(settings)
        if problems:
            label, message = problems[0]
            raise TrustFileError(f"{label}: {message}; the settings were not saved")
        with self.atomic():
            batch = self._new_batch(description, "edit")
            for key, value in changed.items():
                # Log the row as stored (a default is not stored), so undo restores it exactly.
                before = stored.get(key)
                if value is None:
                    if before is None:
                        continue
                    self.conn.execute("DELETE FROM settings WHERE key = ?", [key])
                else:
                    self.conn.execute(
                        "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        [key, value],
                    )
                self._log(batch, "update" if before is not None and value is not None
                          else ("insert" if value is not None else "delete"),
                          "settings", {"key": key},
                          None if before is None else {"key": key, "value": before},
                          None if value is None else {"key": key, "value": value})
        return batch

    # --- writing ---------------------------------------------------------------------------

    def _require_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason or f"{self.path.name} is open read-only.")

    def _new_batch(self, description: str, kind: str, undoes: int | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO change_batches (at, who, description, kind, undoes) VALUES (?, ?, ?, ?, ?)",
            [datetime.now().isoformat(timespec="seconds"), self.who, description, kind, undoes],
        )
        return cur.lastrowid

    def _log(self, batch: int, action: str, table: str, key: dict, old: dict | None, new: dict | None):
        self.conn.execute(
            "INSERT INTO changes (batch_id, action, table_name, row_key, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            [batch, action, table, _dumps(key), None if old is None else _dumps(old),
             None if new is None else _dumps(new)],
        )

    def apply(self, changes: Sequence[Change], description: str, *, kind: str = "edit",
              undoes: int | None = None, log_rows: bool = True) -> tuple[int, list]:
        """Apply changes in one transaction and log them as one batch.

        Returns (batch id, the records as stored: inserts get their new integer ids).
        Raises TrustFileError with a plain message when a reference does not resolve.
        """
        self._require_writable()
        for change in changes:
            _check_bounds(change.record if isinstance(change, (Insert, Delete)) else change.new,
                          skip=isinstance(change, Delete))
        stored: list = []
        try:
            with self.atomic():
                self._check_unchanged(changes)
                batch = self._new_batch(description, kind, undoes)
                for change in changes:
                    stored.append(self._apply_one(batch, change, log_rows))
        except sqlite3.IntegrityError as exc:
            raise TrustFileError(_integrity_message(exc)) from None
        except sqlite3.OperationalError as exc:  # locked by another program, disk full, …
            raise _write_error(self.path, exc) from None
        return batch, stored

    def _check_unchanged(self, changes: Sequence[Change]) -> None:
        """Refuse changes planned on rows someone else has changed since they were read.

        PRAGMA data_version moves only when another connection commits; when it has, every row
        an update or delete would touch must still hold what the caller read (for an update,
        in the columns it changes), or nothing is written. Runs inside the write transaction,
        so nobody can change the rows between this check and the write."""
        if self._seen_version is None:
            return
        version = self._data_version()
        if version == self._seen_version:
            return
        for change in changes:
            if isinstance(change, Update):
                old_row, new_row = mapping.to_row(change.old), mapping.to_row(change.new)
                columns = [k for k, v in new_row.items() if old_row.get(k) != v]
                record = change.old
            elif isinstance(change, Delete):
                old_row = mapping.to_row(change.record)
                columns = [k for k in old_row if not isinstance(old_row[k], bytes)]
                record = change.record
            else:
                continue
            if type(record) is m.Paper or not columns:
                continue
            key = mapping.key_of(record)
            current = self._fetch_row(type(record).TABLE, key)
            if current is None or any(current.get(c) != old_row.get(c) for c in columns):
                raise FileChangedError(
                    f"{_describe(record)} was changed in {self.path.name} by someone else (another "
                    "window or program) since govboard read it, so your change was not saved. The "
                    "file has been read again: make the change again if it is still needed")

    def _apply_one(self, batch: int, change: Change, log_rows: bool):
        if isinstance(change, Insert):
            record = change.record
            row = mapping.to_row(record)
            table = type(record).TABLE
            if "id" in row and isinstance(row["id"], int) and row["id"] == 0:
                row.pop("id")
                cur = self.conn.execute(_insert_sql(table, row), list(row.values()))
                record = replace(record, id=cur.lastrowid)
                row = mapping.to_row(record)
            else:
                self.conn.execute(_insert_sql(table, row), list(row.values()))
            if log_rows:
                self._log(batch, "insert", table, mapping.key_of(record), None, _loggable(row))
            return record
        if isinstance(change, Update):
            old_row, new_row = mapping.to_row(change.old), mapping.to_row(change.new)
            table = type(change.new).TABLE
            key = mapping.key_of(change.old)
            sets = {k: v for k, v in new_row.items() if old_row.get(k) != v}
            if sets:
                where = " AND ".join(f'"{k}" = ?' for k in key)
                assign = ", ".join(f'"{k}" = ?' for k in sets)
                cur = self.conn.execute(
                    f'UPDATE "{table}" SET {assign} WHERE {where}', [*sets.values(), *key.values()]
                )
                if cur.rowcount != 1:
                    raise TrustFileError(f"The {table} record {key} no longer exists.")
                if log_rows:
                    self._log(batch, "update", table, key, _loggable(old_row), _loggable(new_row))
            return change.new
        if isinstance(change, Delete):
            record = change.record
            table = type(record).TABLE
            key = mapping.key_of(record)
            where = " AND ".join(f'"{k}" = ?' for k in key)
            old_row = self._fetch_row(table, key) or mapping.to_row(record)
            self.conn.execute(f'DELETE FROM "{table}" WHERE {where}', list(key.values()))
            if log_rows:
                self._log(batch, "delete", table, key, _loggable(old_row), None)
            return record
        raise TypeError(f"not a change: {change!r}")

    def _fetch_row(self, table: str, key: dict) -> dict | None:
        where = " AND ".join(f'"{k}" = ?' for k in key)
        cur = self.conn.execute(f'SELECT * FROM "{table}" WHERE {where}', list(key.values()))
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row))

    def save(self, record, description: str, *, old=None) -> object:
        """Insert a new record (old is None) or update `old` to `record`. Returns it as stored."""
        change = Insert(record) if old is None else Update(old, record)
        _, stored = self.apply([change], description)
        return stored[0]

    def delete(self, record, description: str) -> None:
        self.apply([Delete(record)], description)

    # --- undo ------------------------------------------------------------------------------

    def batches(self, limit: int | None = None, search: str | None = None) -> list[Batch]:
        sql = "SELECT id, at, who, description, kind, undoes FROM change_batches"
        args: list = []
        if search:
            sql += " WHERE description LIKE ? OR who LIKE ?"
            args += [f"%{search}%", f"%{search}%"]
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [
            Batch(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5])
            for r in self.conn.execute(sql, args)
        ]

    def changes_of(self, batch_id: int) -> list[LoggedChange]:
        rows = self.conn.execute(
            "SELECT batch_id, action, table_name, row_key, old, new FROM changes "
            "WHERE batch_id = ? ORDER BY id", [batch_id],
        )
        return [
            LoggedChange(r[0], r[1], r[2], json.loads(r[3]),
                         None if r[4] is None else json.loads(r[4]),
                         None if r[5] is None else json.loads(r[5]))
            for r in rows
        ]

    def history(self, limit: int = 5000, search: str | None = None) -> list[tuple[Batch, LoggedChange]]:
        """Newest first: each logged row change with its batch."""
        sql = (
            "SELECT b.id, b.at, b.who, b.description, b.kind, b.undoes, "
            "c.action, c.table_name, c.row_key, c.old, c.new "
            "FROM changes c JOIN change_batches b ON b.id = c.batch_id"
        )
        args: list = []
        if search:
            sql += (" WHERE b.description LIKE ? OR b.who LIKE ? OR c.table_name LIKE ? "
                    "OR c.old LIKE ? OR c.new LIKE ?")
            args = [f"%{search}%"] * 5
        sql += f" ORDER BY c.id DESC LIMIT {int(limit)}"
        out = []
        for r in self.conn.execute(sql, args):
            batch = Batch(r[0], datetime.fromisoformat(r[1]), r[2], r[3], r[4], r[5])
            change = LoggedChange(r[0], r[6], r[7], json.loads(r[8]),
                                  None if r[9] is None else json.loads(r[9]),
                                  None if r[10] is None else json.loads(r[10]))
            out.append((batch, change))
        return out

    def undo_batch(self, batch_id: int, *, kind: str = "undo") -> int:
        """Apply the inverse of a logged batch as a new batch; returns the new batch id."""
        self._require_writable()
        batch = next((b for b in self.batches() if b.id == batch_id), None)
        if batch is None:
            raise TrustFileError(f"There is no change {batch_id} to undo.")
        logged = self.changes_of(batch_id)
        verb = "Undo" if kind == "undo" else "Redo"
        description = batch.description
        for prefix in ("Undo: ", "Redo: "):
            if description.startswith(prefix):
                description = description[len(prefix):]
        try:
            with self.atomic():
                new_batch = self._new_batch(f"{verb}: {description}", kind, batch_id)
                for change in reversed(logged):
                    self._invert(new_batch, change)
        except sqlite3.IntegrityError as exc:
            raise TrustFileError(
                f"'{batch.description}' cannot be undone because later changes depend on it "
                f"({_integrity_message(exc)})"
            ) from None
        except _UndoConflict as exc:
            raise TrustFileError(
                f"'{batch.description}' cannot be undone because later changes depend on it ({exc})"
            ) from None
        return new_batch

    def _invert(self, batch: int, change: LoggedChange) -> None:
        table, key = change.table, change.key
        where = " AND ".join(f'"{k}" = ?' for k in key)
        if change.action == "insert":
            cur = self.conn.execute(f'DELETE FROM "{table}" WHERE {where}', list(key.values()))
            if cur.rowcount != 1:
                raise _UndoConflict(f"the {table} record {_dumps(key)} no longer exists")
            self._log(batch, "delete", table, key, change.new, None)
        elif change.action == "delete":
            row = _unloggable(table, change.old)
            self.conn.execute(_insert_sql(table, row), list(row.values()))
            self._log(batch, "insert", table, key, None, change.old)
        elif change.action == "update":
            row = _unloggable(table, change.old)
            # The row is found by its key as the update left it: an update may change the key.
            current = {k: (change.new or {}).get(k, v) for k, v in key.items()}
            assign = ", ".join(f'"{k}" = ?' for k in row)
            cur = self.conn.execute(f'UPDATE "{table}" SET {assign} WHERE {where}',
                                    [*row.values(), *current.values()])
            if cur.rowcount != 1:
                raise _UndoConflict(f"the {table} record {_dumps(current)} no longer exists")
            self._log(batch, "update", table, current, change.new, change.old)
        # "note" entries (imports summarised per table) have no inverse

    # --- reading ---------------------------------------------------------------------------

    def load(self, cls) -> list:
        if cls is m.Paper:
            rows = self.conn.execute("SELECT sha256, name FROM papers ORDER BY name")
            return [m.Paper(sha, name) for sha, name in rows]
        return list(map(mapping.row_reader(cls), self.conn.execute(mapping.select_sql(cls))))

    def load_snapshot(self) -> TrustSnapshot:
        """The whole trust as an immutable snapshot (paper contents excluded).

        A file damaged outside govboard (a table gone, a date or a role it cannot read, pages
        that are not what they should be) raises DamagedFileError naming what is wrong."""
        with gc_paused():
            version = self._data_version()
            snapshot = self._load_snapshot()
            self._seen_version = version
            return snapshot

    def _load_snapshot(self) -> TrustSnapshot:
        registers = {}
        for cls, name in SNAPSHOT_FIELD.items():
            with self._reading(f"the {cls.TABLE.replace('_', ' ')} register"):
                registers[name] = tuple(self.load(cls))
        registers["sod_rows"] = tuple(sorted(registers["sod_rows"], key=scheme_order))
        with self._reading("the trust settings"):
            settings = self.settings()
        with self._reading("the GIAS extract"):
            gias = self.latest_gias()
            gias_history = self.gias_history(gias)
        with self._reading("the Companies House list"):
            companies_house = self.latest_companies_house()
            history = self.companies_house_history(companies_house)
        return TrustSnapshot(settings=settings, gias=gias, gias_history=gias_history,
                             companies_house=companies_house, companies_house_history=history, **registers)

    @contextlib.contextmanager
    def _reading(self, what: str):
        """Turn what a damaged or locked file raises while `what` is read into one sentence."""
        try:
            yield
        except TrustFileError:
            raise
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise FileInUseError(
                    f"{self.path.name} is in use by another program, so it cannot be read just now; "
                    "nothing was changed. Try again in a moment.") from None
            raise DamagedFileError(_damaged_message(self.path, f"{what}: {text}")) from None
        except sqlite3.DatabaseError as exc:
            raise DamagedFileError(_damaged_message(self.path, f"{what}: {exc}")) from None
        except (ValueError, TypeError, KeyError, LookupError, OverflowError, ArithmeticError) as exc:
            detail = str(exc) or type(exc).__name__
            raise DamagedFileError(_damaged_message(self.path, f"{what} holds a value govboard cannot "
                                                               f"read: {detail}")) from None

    def _data_version(self) -> int:
        try:
            return self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return -1

    # --- papers ----------------------------------------------------------------------------

    def paper_content(self, sha256: str) -> bytes:
        row = self.conn.execute("SELECT content FROM papers WHERE sha256 = ?", [sha256]).fetchone()
        if row is None:
            raise TrustFileError(f"The paper {sha256[:12]} is not in this trust file.")
        return row[0]

    @staticmethod
    def paper_record(name: str, content: bytes) -> m.Paper:
        import hashlib  # loads OpenSSL: not needed until a paper is stored

        return m.Paper(hashlib.sha256(content).hexdigest(), name, content)

    def store_paper(self, name: str, content: bytes) -> m.Paper:
        """Keep a paper's PDF in the file (once per content) and return its record.

        Papers are addressed by their content, so storing one changes no register and is not
        logged: the edit is the agenda item that names it (undoing that leaves the bytes here,
        where a redo finds them again)."""
        self._require_writable()
        paper = self.paper_record(name, content)
        try:
            with self.atomic():
                self.conn.execute("INSERT OR IGNORE INTO papers (sha256, name, content) VALUES (?, ?, ?)",
                                  [paper.sha256, paper.name, paper.content])
        except sqlite3.OperationalError as exc:
            raise TrustFileError(_write_failed_message(self.path, exc)) from None
        return paper

    def has_paper(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM papers WHERE sha256 = ?", [sha256]).fetchone() is not None

    # --- GIAS and Companies House snapshots ------------------------------------------------

    def add_gias_snapshot(self, extract_date: date, source_name: str, records: Iterable[m.GiasRecord]) -> int:
        self._require_writable()
        records = list(records)
        with self.atomic():
            batch = self._new_batch(f"Import GIAS extract {source_name} ({len(records)} records)", "import")
            cur = self.conn.execute(
                "INSERT INTO gias_snapshots (extract_date, imported_at, source_name) VALUES (?, ?, ?)",
                [extract_date.isoformat(), datetime.now().isoformat(timespec="seconds"), source_name],
            )
            snap_id = cur.lastrowid
            cols = [f.name for f in _fields(m.GiasRecord)]
            sql = (f"INSERT INTO gias_records (snapshot_id, {', '.join(cols)}) "
                   f"VALUES (?, {', '.join('?' for _ in cols)})")
            self.conn.executemany(sql, [[snap_id, *[_plain(getattr(r, c)) for c in cols]] for r in records])
            self._log(batch, "insert", "gias_snapshots", {"id": snap_id}, None,
                      {"id": snap_id, "extract_date": extract_date.isoformat(), "source_name": source_name,
                       "records": len(records)})
        return snap_id

    def latest_gias(self) -> m.GiasSnapshot | None:
        row = self.conn.execute(
            "SELECT id, extract_date, imported_at, source_name FROM gias_snapshots "
            "ORDER BY extract_date DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else self._gias_snapshot(row)

    def gias_history(self, latest: m.GiasSnapshot | None = None) -> tuple[m.GiasSnapshot, ...]:
        """Every imported GIAS extract, the latest of each date, oldest first (GIAS-02 reads the
        latest on or before the date it checks). `latest`, if loaded already, is reused."""
        rows = self.conn.execute(
            "SELECT id, extract_date, imported_at, source_name FROM gias_snapshots s "
            "WHERE id = (SELECT MAX(id) FROM gias_snapshots t WHERE t.extract_date = s.extract_date) "
            "ORDER BY extract_date"
        ).fetchall()
        return tuple(latest if latest is not None and row[0] == latest.id else self._gias_snapshot(row)
                     for row in rows)

    def _gias_snapshot(self, row) -> m.GiasSnapshot:
        cols = [f.name for f in _fields(m.GiasRecord)]
        records = []
        for values in self.conn.execute(
            f"SELECT {', '.join(cols)} FROM gias_records WHERE snapshot_id = ? ORDER BY rowid", [row[0]]
        ):
            data = dict(zip(cols, values))
            for k in ("appointed_on", "term_end"):
                if data[k]:
                    data[k] = date.fromisoformat(data[k])
            records.append(m.GiasRecord(**data))
        return m.GiasSnapshot(row[0], date.fromisoformat(row[1]), datetime.fromisoformat(row[2]), row[3],
                              tuple(records))

    def add_ch_snapshot(self, as_of: date, source_name: str, officers: Iterable[m.ChOfficer], *,
                        total_results: int | None = None, positions: Sequence[int] | None = None) -> int:
        """Store an officer list; `positions` are the officers' places in Companies House's whole
        list (start_index + place on the page), so pages imported one at a time can be joined."""
        self._require_writable()
        officers = list(officers)
        positions = list(positions) if positions is not None else [None] * len(officers)
        with self.atomic():
            batch = self._new_batch(f"Import Companies House officers {source_name} ({len(officers)})", "import")
            cur = self.conn.execute(
                "INSERT INTO ch_snapshots (as_of, imported_at, source_name, total_results) VALUES (?, ?, ?, ?)",
                [as_of.isoformat(), datetime.now().isoformat(timespec="seconds"), source_name, total_results],
            )
            snap_id = cur.lastrowid
            cols = [f.name for f in _fields(m.ChOfficer)]
            sql = (f"INSERT INTO ch_officers (snapshot_id, position, {', '.join(cols)}) "
                   f"VALUES (?, ?, {', '.join('?' for _ in cols)})")
            self.conn.executemany(sql, [[snap_id, pos, *[_plain(getattr(o, c)) for c in cols]]
                                        for o, pos in zip(officers, positions)])
            self._log(batch, "insert", "ch_snapshots", {"id": snap_id}, None,
                      {"id": snap_id, "as_of": as_of.isoformat(), "source_name": source_name,
                       "officers": len(officers), "total_results": total_results})
        return snap_id

    def _ch_snapshot(self, row) -> m.ChSnapshot:
        cols = [f.name for f in _fields(m.ChOfficer)]
        officers = []
        iso = date.fromisoformat
        for values in self.conn.execute(
            f"SELECT {', '.join(cols)} FROM ch_officers WHERE snapshot_id = ? ORDER BY rowid", [row[0]]
        ):
            data = dict(zip(cols, values))
            for k in ("appointed_on", "resigned_on"):
                if data[k]:
                    data[k] = iso(data[k])
            officers.append(m.ChOfficer(**data))
        return m.ChSnapshot(row[0], iso(row[1]), datetime.fromisoformat(row[2]), row[3], tuple(officers), row[4])

    def ch_positions(self, snapshot_id: int) -> list[int | None]:
        """Each stored officer's place in Companies House's whole list, in stored order."""
        return [row[0] for row in self.conn.execute(
            "SELECT position FROM ch_officers WHERE snapshot_id = ? ORDER BY rowid", [snapshot_id])]

    def latest_companies_house(self) -> m.ChSnapshot | None:
        row = self.conn.execute(
            "SELECT id, as_of, imported_at, source_name, total_results FROM ch_snapshots "
            "ORDER BY as_of DESC, id DESC LIMIT 1"
        ).fetchone()
        return None if row is None else self._ch_snapshot(row)

    def companies_house_history(self, latest: m.ChSnapshot | None = None) -> tuple[m.ChSnapshot, ...]:
        """Every imported officer list, the latest of each date, oldest first (CH-01 reads the
        latest on or before the date it checks). `latest`, if loaded already, is reused."""
        rows = self.conn.execute(
            "SELECT id, as_of, imported_at, source_name, total_results FROM ch_snapshots s "
            "WHERE id = (SELECT MAX(id) FROM ch_snapshots t WHERE t.as_of = s.as_of) ORDER BY as_of"
        ).fetchall()
        return tuple(latest if latest is not None and row[0] == latest.id else self._ch_snapshot(row)
                     for row in rows)

    # --- whole-register writes (import, demo) ---------------------------------------------

    def register_counts(self) -> dict[type, int]:
        """Rows held per register: {record class: count}."""
        with self._reading("the registers"):
            return {cls: self.conn.execute(f'SELECT count(*) FROM "{cls.TABLE}"').fetchone()[0]
                    for cls in m.RECORD_TYPES}

    def is_empty(self) -> bool:
        """True when no register holds a record (the fixed Members and Board bodies aside)."""
        for cls in m.RECORD_TYPES:
            sql = f'SELECT 1 FROM "{cls.TABLE}"'
            if cls is m.Body:
                sql += " WHERE name NOT IN ('Members', 'Board')"
            if self.conn.execute(sql + " LIMIT 1").fetchone():
                return False
        return True

    def replace_registers(self, registers: TrustSnapshot, *, papers: Iterable[m.Paper] = (),
                          description: str = "Replace all registers") -> int:
        """Replace every register with `registers` in one transaction.

        The log keeps one note per table (how many rows went and came) rather than every row:
        callers take a backup first (`--replace` does), which is the way back.
        """
        self._require_writable()
        problems = settings_problems(registers.settings)
        if problems:
            raise TrustFileError(f"Trust settings: {problems[0][0]}: {problems[0][1]}; nothing was changed")
        for _cls, records in _register_lists(registers):
            for record in records:
                _check_bounds(record)
        try:
            with self.atomic():
                batch = self._new_batch(description, "import")
                counts_before = {}
                for cls in reversed(m.RECORD_TYPES):
                    counts_before[cls.TABLE] = self.conn.execute(f'SELECT count(*) FROM "{cls.TABLE}"').fetchone()[0]
                    self.conn.execute(f'DELETE FROM "{cls.TABLE}"')
                self.conn.execute("DELETE FROM settings")
                listed = {b.name for b in registers.bodies}
                for fixed in (m.MEMBERS_BODY, m.BOARD_BODY):
                    if fixed not in listed:  # they exist even if not listed
                        self.conn.execute("INSERT INTO bodies (name, type) VALUES (?, ?)", [fixed, fixed])
                self._write_settings_rows(registers.settings)
                inserted = self._bulk_insert(registers, papers)
                for table, count in inserted.items():
                    self._log(batch, "note", table, {}, {"rows": counts_before.get(table, 0)}, {"rows": count})
        except sqlite3.IntegrityError as exc:
            raise TrustFileError(_integrity_message(exc)) from None
        return batch

    def _write_settings_rows(self, settings: m.TrustSettings) -> None:
        for key, value in settings_to_text(settings).items():
            if value is not None:
                self.conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])

    def _bulk_insert(self, registers: TrustSnapshot, papers: Iterable[m.Paper]) -> dict[str, int]:
        counts: dict[str, int] = {}
        paper_rows = [(p.sha256, p.name, p.content) for p in papers]
        if paper_rows:
            self.conn.executemany("INSERT OR IGNORE INTO papers (sha256, name, content) VALUES (?, ?, ?)", paper_rows)
            counts["papers"] = len(paper_rows)
        for cls, records in _register_lists(registers):
            if cls is m.Paper or not records:
                continue
            rows = [mapping.to_row(r) for r in records]
            if "id" in rows[0] and isinstance(rows[0]["id"], int):
                for r in rows:
                    if r["id"] == 0:
                        r["id"] = None
            cols = list(rows[0])
            sql = (f'INSERT INTO "{cls.TABLE}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f'VALUES ({", ".join("?" for _ in cols)})')
            self.conn.executemany(sql, [list(r.values()) for r in rows])
            counts[cls.TABLE] = len(rows)
        return counts

    # --- backup ----------------------------------------------------------------------------

    def backup_to(self, dest: str | os.PathLike) -> Path:
        """Copy the trust file with SQLite's backup API to a temporary name, then rename."""
        dest = Path(dest)
        if dest.resolve() == self.path.resolve():
            raise TrustFileError("Choose a different file to back up to; that is the open trust file.")
        if not dest.parent.is_dir():
            raise TrustFileError(f"The folder {dest.parent} does not exist.")
        import tempfile

        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            os.chmod(tmp, 0o600)
            target = sqlite3.connect(tmp)
            try:
                with self._reading("its pages"):
                    self.conn.backup(target)
            finally:
                target.close()
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return dest


# --- helpers -----------------------------------------------------------------------------------


JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def _journal_path(path: Path) -> Path:
    return path.with_name(f"{path.name}-journal")


def _hot_journal(path: Path) -> bool:
    """A rollback journal with a live header beside `path`: a save is under way, or was cut off."""
    try:
        with open(_journal_path(path), "rb") as fh:
            return fh.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC
    except OSError:
        return False


def _recover_after_crash(path: Path) -> str:
    """Roll back a save a crash interrupted; return a sentence saying so, or "" when there was
    nothing to do (no journal, or a live govboard is saving right now)."""
    if not _hot_journal(path):
        return ""
    holder = read_lock(path)
    if holder is not None and not holder.stale() and not holder.ours:
        return ""  # its owner is alive and mid-save: not ours to touch
    journal = _journal_path(path)
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)):
        raise CannotWriteError(
            f"{path.name} was not closed properly (govboard or the computer stopped while saving) and "
            "must be repaired before it can be opened, which needs permission to change it and its "
            f"folder; nothing was changed. Copy it together with {journal.name} to a folder you can "
            "write to and open the copy.")
    try:
        conn = sqlite3.connect(path, timeout=OPEN_TIMEOUT_MS / 1000)
        try:
            conn.execute(f"PRAGMA busy_timeout = {OPEN_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls the journal back
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise FileInUseError(f"{path.name} is in use by another program. Close it there and try again.") from None
        raise DamagedFileError(_damaged_message(path, str(exc))) from None
    except sqlite3.DatabaseError as exc:
        raise DamagedFileError(_damaged_message(path, str(exc))) from None
    if _hot_journal(path):
        return ""  # someone else is saving after all
    return (f"{path.name} was not closed properly last time (govboard or the computer stopped while "
            "saving a change). That unfinished change was undone; everything saved before it is in the file.")


def _read_only_connection(path: Path, uri: str, wal: bool) -> sqlite3.Connection:
    """A connection that reads. On a file in WAL mode (another tool switched it) a mode=ro
    connection leaves -wal and -shm files behind; a writable one that only reads (query_only)
    removes them on close, so a read-only command leaves the folder as it found it."""
    if wal and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK):
        conn = sqlite3.connect(path, timeout=OPEN_TIMEOUT_MS / 1000)
        conn.execute("PRAGMA query_only = ON")
        return conn
    return sqlite3.connect(uri, uri=True, timeout=OPEN_TIMEOUT_MS / 1000)


def _in_use(path: Path, holder: LockInfo) -> FileInUseError:
    return FileInUseError(
        f"{path.name} is in use by {holder.describe()}; nothing was changed. Try again when it is "
        "closed there, or open it read-only.", holder)


def _read_only_folder_message(path: Path) -> str:
    return (f"The folder {path.resolve().parent} is read-only, so govboard cannot save changes to {path.name} "
            "(it keeps a journal beside the file while saving); nothing was changed. Copy the file "
            "to a folder you can write to, or open it read-only.")


def _damaged_message(path: Path, detail: str) -> str:
    detail = " ".join(str(detail).split())
    if len(detail) > 160:
        detail = detail[:160] + "…"
    return f"{path.name} is damaged ({detail}); nothing was changed. {BACKUP_HINT[0].upper()}{BACKUP_HINT[1:]}."


def _write_error(path: Path, exc: sqlite3.OperationalError) -> TrustFileError:
    """An OperationalError while writing, as a sentence for the user."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return FileInUseError(_write_failed_message(path, exc))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return CannotWriteError(
            f"{path.name} cannot be written here (the file or its folder is read-only), so nothing was "
            "saved; copy it to a folder you can write to")
    if "full" in text:
        return TrustFileError(f"the disk holding {path.name} is full, so nothing was saved; free some "
                              "space and try again")
    if "malformed" in text or "not a database" in text:
        return DamagedFileError(_damaged_message(path, text))
    return TrustFileError(_write_failed_message(path, exc))


def read_meta(path: Path, key: str) -> str | None:
    """One value of a trust file's govboard_meta, read without opening the file as a trust file
    (no lock, no migration, no write); None when the file or the value is not there or unreadable."""
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM govboard_meta WHERE key = ?", [key]).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def _inspect(conn: sqlite3.Connection, path: Path) -> tuple[list[str], bool]:
    """(applied govboard migration names, whether this is a govboard trust file)."""
    try:
        conn.execute(f"PRAGMA busy_timeout = {OPEN_TIMEOUT_MS}")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "govboard_meta" not in tables:
            return [], False
        fmt = conn.execute("SELECT value FROM govboard_meta WHERE key = 'format'").fetchone()
        if not fmt or fmt[0] != FILE_FORMAT:
            return [], False
        applied = []
        if "_sqlite_migrations" in tables:
            applied = [r[0] for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'govboard' ORDER BY rowid")]
        return applied, True
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "locked" in text or "busy" in text:
            raise FileInUseError(
                f"{path.name} is in use by another program. Close it there and try again."
            ) from None
        if "not a database" in text or "malformed" in text or "encrypted" in text:
            raise DamagedFileError(
                f"{path.name} is damaged or is not a govboard trust file; nothing was changed. "
                f"If it is a trust file, {BACKUP_HINT}.") from None
        raise TrustFileError(f"{path.name} cannot be read: {text}.") from None
    except (UnicodeDecodeError, ValueError) as exc:  # text bytes damaged inside the file
        raise DamagedFileError(_damaged_message(path, f"unreadable text: {exc}")) from None


def _describe(record) -> str:
    key = mapping.key_of(record)
    shown = ", ".join(str(v) for v in key.values() if v not in (None, 0)) or type(record).__name__
    return f"The {type(record).TABLE.replace('_', ' ')} record {shown}"


def _check_bounds(record, *, skip: bool = False) -> None:
    """Refuse a record with a value outside its bounds (validate.record_problems): the last
    guard, behind the dialogs and importers, so nothing stored can later break a rule or report."""
    if skip or type(record) is m.Paper:
        return
    problems = record_problems(record)
    if problems:
        field, message = problems[0]
        raise TrustFileError(f"{_describe(record)}: {field.replace('_', ' ')} {message}; nothing was saved")


def _register_lists(snapshot: TrustSnapshot) -> list[tuple[type, Sequence]]:
    """Every register with its records, in RECORD_TYPES order (records before what refers to them)."""
    return [(cls, getattr(snapshot, SNAPSHOT_FIELD[cls])) for cls in m.RECORD_TYPES if cls in SNAPSHOT_FIELD]


register_lists = _register_lists


def _insert_sql(table: str, row: dict) -> str:
    cols = ", ".join(f'"{c}"' for c in row)
    return f'INSERT INTO "{table}" ({cols}) VALUES ({", ".join("?" for _ in row)})'


def _loggable(row: dict) -> dict:
    # Paper contents are logged by hash only; the bytes stay in the papers table.
    return {k: (f"<{len(v)} bytes>" if isinstance(v, bytes) else v) for k, v in row.items()}


def _unloggable(table: str, row: dict) -> dict:
    if table == "papers":
        raise TrustFileError("A paper's contents cannot be restored from the change log.")
    if table in ("gias_snapshots", "ch_snapshots"):
        # Imports are logged as a one-line summary, not their rows.
        raise TrustFileError("An imported extract cannot be restored from the change log; import it again.")
    return dict(row)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False, default=str)


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def _write_failed_message(path: Path, exc: sqlite3.OperationalError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (f"{path.name} is in use by another program, so the change was not saved; close "
                "the other program (or the other govboard window) and try again")
    return f"the change could not be saved to {path.name} ({text}); nothing was changed"


def _integrity_message(exc: sqlite3.IntegrityError) -> str:
    text = str(exc)
    if "FOREIGN KEY" in text:
        return "a record it refers to does not exist, or other records still refer to it"
    if "UNIQUE" in text or "PRIMARY KEY" in text:
        column = text.split(":")[-1].strip()
        return f"a record with the same {column} already exists"
    if "NOT NULL" in text:
        column = text.split(":")[-1].strip()
        return f"{column} is required"
    if "CHECK" in text:
        return "an end date comes before its start date, or a required reason is missing"
    return text


# --- settings as the workbook's text ----------------------------------------------------------


def settings_to_text(settings: m.TrustSettings) -> dict[str, str | None]:
    """Settings as {workbook label: text}; None where the setting is empty."""
    out: dict[str, str | None] = {}
    for spec in m.SETTING_SPECS:
        value = getattr(settings, spec.attr)
        if value is None or value == "":
            out[spec.label] = None
        elif spec.kind == "date":
            out[spec.label] = value.isoformat()
        elif spec.kind in m.SETTING_ENUMS:
            out[spec.label] = value.value
        else:
            out[spec.label] = str(value)
    return out


def settings_from_text(stored: dict[str, str]) -> m.TrustSettings:
    values: dict = {}
    for spec in m.SETTING_SPECS:
        text = stored.get(spec.label)
        if text is None:
            continue
        if spec.kind == "date":
            values[spec.attr] = date.fromisoformat(text)
        elif spec.kind in ("int", "money"):
            values[spec.attr] = int(text)
        elif spec.kind == "fraction":
            values[spec.attr] = parse_fraction(text)
        elif spec.kind in m.SETTING_ENUMS:
            values[spec.attr] = m.SETTING_ENUMS[spec.kind].parse(text)
        else:
            values[spec.attr] = text
        problem = setting_problem(spec.attr, spec.kind, values.get(spec.attr))
        if problem:
            raise ValueError(f"{spec.label}: {problem}")
    return m.TrustSettings(**values)

