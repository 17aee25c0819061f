"""The open trust as the GUI sees it: the file, its snapshot, findings, undo and redo.

Every edit goes through `TrustSession.apply()`, which writes one logged batch, reloads the
snapshot, re-runs the checks and tells the pages (signal `changed`) and the status bar what the
edit did to the findings ("1 finding resolved, 1 new").
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from .. import clock
from ..domain.snapshot import TrustSnapshot
from ..store import Change, Insert, TrustFile, Update
from ..store.lockfile import HEARTBEAT_SECONDS
from ..store.trustfile import FileChangedError

log = logging.getLogger(__name__)


class TrustSession(QObject):
    changed = Signal()  # snapshot and findings were refreshed
    status = Signal(str)  # a sentence for the status bar
    undo_state = Signal(str, str)  # (undo text or "", redo text or "")

    def __init__(self, trust_file: TrustFile, parent=None):
        super().__init__(parent)
        self.file = trust_file
        self.as_of = clock.today()
        self.snapshot: TrustSnapshot = trust_file.load_snapshot()
        self._seen_version = self._data_version()
        self.result = None
        self._undo: list[tuple[int, str]] = []
        self._redo: list[tuple[int, str]] = []
        self.undo_barrier: tuple[str, object] | None = None  # (what ended the undo steps, its backup)
        self._run_checks()
        if not trust_file.read_only:
            # Keep the lock record fresh while the file is open, even with no edits.
            self._heartbeat = QTimer(self)
            self._heartbeat.setInterval(HEARTBEAT_SECONDS * 1000)
            self._heartbeat.timeout.connect(trust_file.keep_alive)
            self._heartbeat.start()

    # --- reading ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.file.read_only

    @property
    def findings(self) -> list:
        return list(self.result.findings) if self.result else []

    def findings_for(self, kind: str, key: str) -> list:
        return [f for f in self.findings if f.subject.kind == kind and f.subject.key == key]

    def _run_checks(self) -> None:
        try:
            from ..rules import run_checks
        except ImportError:  # the linter is optional while pages are built
            self.result = None
            return
        self.result = run_checks(self.snapshot, self.as_of)

    def set_as_of(self, when: date) -> None:
        before = {f.identity for f in self.findings}
        self.as_of = when
        self._run_checks()
        after = {f.identity for f in self.findings}
        self.status.emit(describe_finding_change(f"Checked as at {when:%d/%m/%Y}", before, after))
        self.changed.emit()

    # --- writing ---------------------------------------------------------------------------

    def apply(self, changes: list[Change], description: str) -> list:
        """Write changes as one undoable step; returns the records as stored.

        When someone else changed the same rows since they were read, nothing is written
        (FileChangedError): the file is read again, so the screens show it as it now is."""
        try:
            batch, stored = self.file.apply(changes, description)
        except FileChangedError:
            self._seen_version = self._data_version()
            self._after_write("")
            raise
        self._undo.append((batch, description))
        self._redo.clear()
        self._after_write(description, patched=self._patched(changes, stored))
        return stored

    def store_paper(self, name: str, content: bytes):
        """Keep a paper PDF in the trust file; attach it with an `apply` of the agenda item."""
        return self.file.store_paper(name, content)

    def _data_version(self) -> int:
        # SQLite's data_version moves only when another connection (a second window, the
        # command line) commits to the file; our own writes leave it alone.
        return self.file.conn.execute("PRAGMA data_version").fetchone()[0]

    def _patched(self, changes: list[Change], stored: list) -> TrustSnapshot | None:
        """The snapshot with this edit applied in memory, or None to re-read the file (also when
        someone else has written to it since we last read it)."""
        version = self._data_version()
        if version != self._seen_version:
            self._seen_version = version
            return None
        pairs = []
        for change, record in zip(changes, stored):
            if isinstance(change, Insert):
                pairs.append((None, record))
            elif isinstance(change, Update):
                pairs.append((change.old, record))
            else:
                pairs.append((change.record, None))
        try:
            return self.snapshot.with_records(pairs)
        except (LookupError, KeyError):  # a record kind outside the snapshot, or one not found
            return None

    def save_settings(self, settings, description: str = "Change trust settings") -> None:
        batch = self.file.save_settings(settings, description=description)
        if batch is not None:
            self._undo.append((batch, description))
            self._redo.clear()
            self._after_write(description)

    def undo(self) -> None:
        if not self._undo:
            return
        batch, description = self._undo[-1]
        new_batch = self.file.undo_batch(batch)  # may refuse (later changes depend on it): kept
        self._undo.pop()
        self._redo.append((new_batch, description))
        self._after_write(f"Undid: {description}")

    def redo(self) -> None:
        if not self._redo:
            return
        batch, description = self._redo[-1]
        new_batch = self.file.undo_batch(batch, kind="redo")
        self._redo.pop()
        self._undo.append((new_batch, description))
        self._after_write(f"Redid: {description}")

    def reload(self, message: str = "", *, undo_barrier: str = "", backup=None) -> None:
        """Re-read everything (after an import or other whole-file change). Such a change is not
        an undoable step and ends the earlier ones; `undo_barrier` names it ("the GIAS import")
        so Edit > Undo can say why it has nothing to undo, and `backup` is the copy made first."""
        self._undo.clear()
        self._redo.clear()
        self.undo_barrier = (undo_barrier, backup) if undo_barrier else None
        self._after_write(message)

    def _after_write(self, description: str, patched: TrustSnapshot | None = None) -> None:
        before = {f.identity for f in self.findings}
        acked_before = {f.identity for f in self.findings if f.acknowledged}
        self.snapshot = patched if patched is not None else self.file.load_snapshot()
        self._run_checks()
        after = {f.identity for f in self.findings}
        acked_after = {f.identity for f in self.findings if f.acknowledged}
        self.status.emit(describe_finding_change(description, before, after, acked_before, acked_after))
        self.undo_state.emit(*self.undo_texts())
        self.changed.emit()

    def undo_texts(self) -> tuple[str, str]:
        """What Edit > Undo and Redo would do ("" for nothing)."""
        return (self._undo[-1][1] if self._undo else "", self._redo[-1][1] if self._redo else "")

    def close(self) -> None:
        if hasattr(self, "_heartbeat"):
            self._heartbeat.stop()
        self.file.close()


def describe_finding_change(description: str, before: set, after: set,
                            acked_before: set = frozenset(), acked_after: set = frozenset()) -> str:
    resolved, new = len(before - after), len(after - before)
    # Acknowledging or withdrawing changes no finding's identity, but it is what the edit did.
    acknowledged = len((acked_after - acked_before) & before)
    withdrawn = len((acked_before - acked_after) & after)
    parts = []
    if resolved:
        parts.append(f"{resolved} finding{'s' if resolved != 1 else ''} resolved")
    if new:
        parts.append(f"{new} new")
    if acknowledged:
        parts.append(f"{acknowledged} finding{'s' if acknowledged != 1 else ''} acknowledged")
    if withdrawn:
        parts.append(f"{withdrawn} finding{'s' if withdrawn != 1 else ''} no longer acknowledged")
    tail = ", ".join(parts) if parts else "findings unchanged"
    return f"{description}. {tail[0].upper()}{tail[1:]}." if description else f"{tail[0].upper()}{tail[1:]}."
