"""Trust-file use cases: create, demo, check, import/export, GIAS, Companies House, documents."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from datetime import date
from pathlib import Path

from .. import clock
from ..domain import model as m
from ..domain.snapshot import TrustSnapshot
from ..store import TrustFile, TrustFileError
from .registers import MergePlan, apply_merge, plan_merge


class InputError(Exception):
    """Bad input from the user (a file, a date, an option); the message says what and where."""


def create_trust(path: str | os.PathLike, name: str) -> TrustFile:
    if not name.strip():
        raise InputError("The trust needs a name (--name).")
    return TrustFile.create(_with_suffix(path), name=name.strip())


def create_demo(path: str | os.PathLike, *, today: date | None = None) -> TrustFile:
    from ..demo import build_demo_trust
    from ..reports.demo_papers import attach_demo_papers

    today = today or clock.today()
    registers, papers = attach_demo_papers(build_demo_trust(today))
    tf = TrustFile.create(_with_suffix(path))
    try:
        tf.replace_registers(registers, papers=papers, description="Create the sample trust")
        tf._set_meta("demo_built_for", today.isoformat())
    except BaseException:
        tf.close()
        Path(tf.path).unlink(missing_ok=True)
        raise
    return tf


def demo_built_for(path: Path) -> date | None:
    """The date a sample trust file was built around, or None if it is not one."""
    import sqlite3

    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM govboard_meta WHERE key = 'demo_built_for'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return date.fromisoformat(row[0]) if row else None


def _with_suffix(path) -> Path:
    path = Path(path)
    return path if path.suffix else path.with_suffix(".govboard")


def run_check(snapshot: TrustSnapshot, as_of: date, rules: list[str] | None = None):
    from .. import rules as engine

    if rules:
        known = {info.id for info in engine.catalogue()}
        unknown = [r for r in rules if r.upper() not in known]
        if unknown:
            raise InputError(f"Unknown rule {', '.join(unknown)} (see 'govboard-cli rules').")
        rules = [r.upper() for r in rules]
    return engine.run_checks(snapshot, as_of, only=rules or None)


def explain(snapshot: TrustSnapshot, as_of: date, rules: list[str]):
    """What each rule named read, and why it fired or stayed silent for each subject it weighed."""
    from .. import rules as engine

    try:
        return engine.explain_rules(snapshot, as_of, rules)
    except ValueError as exc:
        raise InputError(str(exc)) from None


# --- workbook ---------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What an import did (or would do): its merge plan, errors, warnings and the files written."""

    plan: MergePlan | None
    errors: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: bool = False
    backup: Path | None = None
    errors_copy: Path | None = None
    registers: TrustSnapshot | None = None  # as read, with paper hashes attached
    papers: list[m.Paper] = field(default_factory=list)
    settings_given: dict = field(default_factory=dict)
    sheet_rows: dict[str, int] = field(default_factory=dict)  # sheet -> data rows read
    # Replacing: registers the file holds rows in that the workbook leaves empty (its sheet is
    # missing or has no rows), so replacing empties them: {sheet: rows that would go}.
    emptied: dict[str, int] = field(default_factory=dict)


def read_workbook_file(workbook: str | os.PathLike, *, today: date | None = None) -> ImportOutcome:
    """Read and validate a workbook and the papers its Agenda names. Opens no trust file, so it
    may run off the GUI thread; `plan_workbook_import` then says what it would change."""
    from ..io.workbook import WorkbookError, read_workbook

    try:
        read = read_workbook(Path(workbook), today=today or clock.today())
    except WorkbookError as exc:
        raise InputError(str(exc)) from None
    outcome = ImportOutcome(plan=None, errors=list(read.errors), warnings=list(read.warnings))
    outcome.sheet_rows = dict(read.sheet_rows)
    if read.errors:
        return outcome
    papers = []
    for name, paper_path in read.papers.items():
        try:
            content = Path(paper_path).read_bytes()
        except OSError as exc:
            raise InputError(f"The paper {name} cannot be read: {exc.strerror or exc}") from None
        papers.append(TrustFile.paper_record(Path(paper_path).name, content))
    registers = _attach_paper_hashes(read.registers, read.papers, papers)
    outcome.registers, outcome.papers, outcome.settings_given = registers, papers, dict(read.settings_given)
    return outcome


def plan_workbook_import(tf: TrustFile, outcome: ImportOutcome, *, replace_all: bool = False,
                         current: TrustSnapshot | None = None) -> MergePlan | None:
    """What importing a read workbook would do (sets and returns `outcome.plan`); writes nothing.

    `current` is the trust file's snapshot when the caller already holds it."""
    if outcome.errors or outcome.registers is None:
        outcome.plan = None
        return None
    if replace_all:
        outcome.emptied = _emptied_by_replace(tf, outcome.registers)
        current, known = TrustSnapshot(), set()
    else:
        current = current if current is not None else tf.load_snapshot()
        known = {p.sha256 for p in outcome.papers if tf.has_paper(p.sha256)}
    plan = plan_merge(current, outcome.registers, settings_given=outcome.settings_given,
                      papers=outcome.papers, known_papers=known)
    if plan.conflicts:
        from ..io.errors import RowError

        outcome.errors.extend(RowError(sheet, None, column, message) for sheet, column, message in plan.conflicts)
        outcome.plan = None
        return None
    outcome.plan = plan
    return outcome.plan


def _emptied_by_replace(tf: TrustFile, incoming: TrustSnapshot) -> dict[str, int]:
    from ..store.trustfile import register_lists
    from .registers import SHEET_OF

    held = tf.register_counts()
    emptied: dict[str, int] = {}
    for cls, records in register_lists(incoming):
        sheet = SHEET_OF[cls]
        count = held.get(cls, 0)
        if cls is m.Body:
            count = max(0, count - 2)  # Members and Board are always there
        if not records and count and sheet not in emptied:
            emptied[sheet] = count
    return emptied


def describe_emptied(emptied: dict[str, int]) -> str:
    """'Meetings (12 rows) and Payments (300 rows) will be emptied: the workbook has none.'"""
    parts = [f"{sheet} ({n:,} row{'s' if n != 1 else ''})" for sheet, n in emptied.items()]
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    verb = "is" if len(parts) == 1 else "are"
    return f"{listed} {verb} emptied: the workbook has no rows for {'it' if len(parts) == 1 else 'them'}."


def apply_workbook_import(tf: TrustFile, outcome: ImportOutcome, workbook: str | os.PathLike, *,
                          replace_all: bool = False) -> ImportOutcome:
    """Write a read, error-free workbook: upsert by ID, or (replace_all) a backup and then a
    whole replacement. One transaction either way."""
    if outcome.errors:
        raise InputError(f"{Path(workbook).name} has {len(outcome.errors)} problem(s); nothing was imported.")
    if replace_all:
        outcome.backup = backup_beside(tf, "before-replace")
        # Missing Trust-sheet rows take the rulebook defaults.
        settings = m.TrustSettings(**outcome.settings_given)
        try:
            tf.replace_registers(dataclass_replace(outcome.registers, settings=settings), papers=outcome.papers,
                                 description=f"Import {Path(workbook).name} (replace all registers)")
        except BaseException:
            # Nothing was written, so the copy taken for it is not needed (and would mislead).
            outcome.backup.unlink(missing_ok=True)
            outcome.backup = None
            raise
    else:
        if outcome.plan is None:
            plan_workbook_import(tf, outcome)
        apply_merge(tf, outcome.plan, f"Import {Path(workbook).name}")
    outcome.written = True
    return outcome


def read_workbook_for_import(tf: TrustFile, workbook: str | os.PathLike, *, today: date | None = None,
                             replace_all: bool = False) -> tuple[ImportOutcome, object]:
    """Read and validate a workbook and plan the merge. Writes nothing."""
    outcome = read_workbook_file(workbook, today=today)
    plan_workbook_import(tf, outcome, replace_all=replace_all)
    return outcome, None


def _attach_paper_hashes(registers: TrustSnapshot, paper_paths: dict, papers: list[m.Paper]) -> TrustSnapshot:
    if not paper_paths:
        return registers
    by_value = dict(zip(paper_paths, papers))
    agenda = tuple(
        dataclass_replace(item, paper_sha256=by_value[item.paper_name].sha256, paper_name=by_value[item.paper_name].name)
        if item.paper_name in by_value else item
        for item in registers.agenda
    )
    return dataclass_replace(registers, agenda=agenda)


def import_workbook(tf: TrustFile, workbook: str | os.PathLike, *, replace_all: bool = False,
                    dry_run: bool = False, errors_out: str | os.PathLike | None = None,
                    today: date | None = None) -> ImportOutcome:
    """All or nothing: any error means nothing is written (and an annotated copy if asked)."""
    from ..io.workbook import write_errors_copy

    # The workbook (and its papers) first, with the trust file untouched; then the file is held
    # from reading what the import changes until it commits, so no other writer can slip in.
    outcome = read_workbook_file(workbook, today=today)
    if not outcome.errors:
        if dry_run or replace_all:
            plan_workbook_import(tf, outcome, replace_all=replace_all)
            if not outcome.errors and not dry_run:
                apply_workbook_import(tf, outcome, workbook, replace_all=True)
        else:
            with tf.atomic():
                plan_workbook_import(tf, outcome)
                if not outcome.errors:
                    apply_workbook_import(tf, outcome, workbook)
    if outcome.errors and errors_out:
        write_errors_copy(Path(workbook), Path(errors_out), outcome.errors)
        outcome.errors_copy = Path(errors_out)
    return outcome


@dataclass
class BackupResult:
    """A copy made by `backup_file`: where, and what to tell the user about the source."""

    path: Path
    damaged: str = ""  # the source was damaged: its bytes were copied as they are
    recovered: str = ""  # opening it first rolled back a save a crash interrupted


def backup_file(source: str | os.PathLike, dest: str | os.PathLike) -> BackupResult:
    """Copy a trust file to `dest`.

    A sound file is copied with SQLite's backup API (consistent even while open elsewhere). A
    damaged one cannot be: its bytes are copied as they are, as far as they can be read, and the
    warning says so (a copy of a damaged file is damaged too, but is safe from further harm)."""
    from ..store.trustfile import DamagedFileError

    source, dest = Path(source), Path(dest)
    try:
        tf = TrustFile.open(source, read_only=True)
    except DamagedFileError as exc:
        reason = str(exc)
    else:
        try:
            return BackupResult(tf.backup_to(dest), recovered=tf.recovered)
        except DamagedFileError as exc:
            reason = str(exc)
        except sqlite3.DatabaseError as exc:
            reason = f"{source.name} is damaged ({exc})"
        finally:
            tf.close()
    copied, unreadable = _copy_readable_bytes(source, dest)
    note = f"; {unreadable:,} bytes could not be read and were left as zeros" if unreadable else ""
    return BackupResult(dest, damaged=(
        f"{reason.split(';')[0]}; its {copied:,} bytes were copied as they are to {dest.name}{note}, "
        "so that copy is damaged too"))


def _copy_readable_bytes(source: Path, dest: Path, chunk: int = 1 << 16) -> tuple[int, int]:
    """Copy `source` to `dest` (temporary name, then rename); unreadable chunks become zeros."""
    import tempfile

    if dest.resolve() == source.resolve():
        raise InputError("Choose a different file to back up to; that is the trust file itself.")
    if not dest.parent.is_dir():
        raise InputError(f"The folder {dest.parent} does not exist.")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    copied = unreadable = 0
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            size = os.fstat(src.fileno()).st_size
            while copied + unreadable < size:
                want = min(chunk, size - copied - unreadable)
                try:
                    data = src.read(want)
                except OSError:
                    data = None
                if not data:
                    if data is None:
                        src.seek(copied + unreadable + want)
                        out.write(bytes(want))
                        unreadable += want
                        continue
                    break
                out.write(data)
                copied += len(data)
        os.replace(tmp_name, dest)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return copied, unreadable


def backup_beside(tf: TrustFile, label: str) -> Path:
    stamp = clock.today().strftime("%Y%m%d")
    n = 1
    while True:
        dest = tf.path.with_name(f"{tf.path.stem}.{label}-{stamp}-{n}{tf.path.suffix}")
        if not dest.exists():
            return tf.backup_to(dest)
        n += 1


def export_workbook(tf: TrustFile, workbook: str | os.PathLike) -> Path:
    from ..io.workbook import write_workbook

    dest = Path(workbook)
    if dest.suffix.lower() != ".xlsx":
        raise InputError(f"{dest.name}: the workbook must end in .xlsx")
    if not dest.parent.is_dir():
        raise InputError(f"The folder {dest.parent} does not exist.")
    write_workbook(tf.load_snapshot(), dest, paper_content=tf.paper_content)
    return dest


# --- GIAS and Companies House -----------------------------------------------------------------

@dataclass
class GiasImport:
    """A GIAS extract as read, before anything is stored (see `read_gias_file`)."""

    path: Path
    records: tuple
    extract_date: date
    date_from_name: bool
    warnings: list[str] = field(default_factory=list)
    # Filled by `plan_gias_create`: what --create would add.
    plan: MergePlan | None = None
    unmapped_roles: dict[str, int] = field(default_factory=dict)

    @property
    def current_records(self) -> int:
        return sum(1 for r in self.records if r.term_end is None or r.term_end >= self.extract_date)

    @property
    def people(self) -> int:
        return len({((r.title or "").casefold(), r.forename1.casefold(), (r.forename2 or "").casefold(),
                     r.surname.casefold()) for r in self.records})

    @property
    def academies(self) -> int:
        return len({r.urn for r in self.records if r.urn})


def read_gias_file(extract: str | os.PathLike, *, as_of: date | None = None) -> GiasImport:
    """Read and check a GIAS extract; opens no trust file. The extract's date is `as_of`, else
    the date in its name (governancematdata20261115.csv), else today."""
    from ..io.gias import GiasError, read_gias_extract

    path = Path(extract)
    try:
        read = read_gias_extract(path)
    except (GiasError, OSError) as exc:
        raise InputError(str(exc)) from None
    if read.errors:
        more = f" (and {len(read.errors) - 5} more)" if len(read.errors) > 5 else ""
        raise InputError(f"{path.name}: " + "; ".join(str(e) for e in read.errors[:5]) + more)
    extract_date = as_of or read.extract_date_hint or clock.today()
    return GiasImport(path, read.records, extract_date, as_of is None and read.extract_date_hint is not None,
                      list(read.warnings))


def plan_gias_create(tf: TrustFile, gias: GiasImport) -> MergePlan:
    """What building People, Bodies and Roles from the extract would add to an empty trust file."""
    from ..io.gias import registers_from_gias, unmapped_roles

    if not tf.is_empty():
        raise InputError(
            f"{tf.path.name} already holds registers; --create only fills an empty trust file.")
    current = tf.load_snapshot()
    # Terms that ended before the extract's date are ended appointments, not people in office.
    registers = registers_from_gias(gias.records, trust_uid=current.settings.gias_group_uid,
                                    as_of=gias.extract_date)
    # The trust's GIAS UID and company number, when the file does not have them yet.
    settings_given = {
        attr: getattr(registers.settings, attr) for attr in ("gias_group_uid", "company_number")
        if getattr(registers.settings, attr) and not getattr(current.settings, attr)
    }
    gias.plan = plan_merge(current, registers, settings_given=settings_given or None)
    gias.unmapped_roles = unmapped_roles(gias.records)
    return gias.plan


def store_gias(tf: TrustFile, gias: GiasImport, *, create: bool = False) -> dict:
    """Store the extract as a dated snapshot (and, with create, the registers planned from it)."""
    summary = {"records": len(gias.records), "extract_date": gias.extract_date.isoformat(), "created": None}
    if create:
        plan = gias.plan if gias.plan is not None else plan_gias_create(tf, gias)
        with tf.atomic():
            apply_merge(tf, plan, f"Create registers from GIAS extract {gias.path.name}")
            tf.add_gias_snapshot(gias.extract_date, gias.path.name, gias.records)
        summary["created"] = {k: v.new for k, v in plan.counts.items() if k != "Trust"}
    else:
        tf.add_gias_snapshot(gias.extract_date, gias.path.name, gias.records)
    return summary


def import_gias(tf: TrustFile, extract: str | os.PathLike, *, create: bool = False,
                as_of: date | None = None) -> dict:
    gias = read_gias_file(extract, as_of=as_of)
    if create:
        plan_gias_create(tf, gias)
    return store_gias(tf, gias, create=create)


@dataclass
class ChImport:
    """A Companies House officer list as read, before it is stored."""

    path: Path
    officers: tuple
    company_number: str | None

    @property
    def active_directors(self) -> int:
        return sum(1 for o in self.officers if o.active and "director" in o.officer_role.casefold())


def read_ch_file(officers_json: str | os.PathLike) -> ChImport:
    from ..io.companies_house import CompaniesHouseError, read_ch_officers

    path = Path(officers_json)
    try:
        read = read_ch_officers(path)
    except (CompaniesHouseError, OSError) as exc:
        raise InputError(str(exc)) from None
    return ChImport(path, read.officers, read.company_number)


def store_companies_house(tf: TrustFile, read: ChImport, as_of: date) -> dict:
    tf.add_ch_snapshot(as_of, read.path.name, read.officers)
    return {"officers": len(read.officers), "as_of": as_of.isoformat()}


def import_companies_house(tf: TrustFile, officers_json: str | os.PathLike, *, as_of: date | None = None) -> dict:
    return store_companies_house(tf, read_ch_file(officers_json), as_of or clock.today())


# --- documents --------------------------------------------------------------------------------


def build_pack(tf: TrustFile, out: str | os.PathLike, *, as_of: date, audience: str = "board",
               meeting_id: str | None = None, sections=None, progress=None, invariant: bool = False,
               personal_details: bool = False):
    from .. import rules as engine
    from ..reports.board_pack import build_board_pack

    snapshot = tf.load_snapshot()
    meeting_id = resolve_meeting(snapshot, meeting_id, as_of, tf.path.name)
    result = engine.run_checks(snapshot, as_of)
    return build_board_pack(
        snapshot, result.findings, engine.catalogue(result.handbook_edition), Path(out), as_of=as_of,
        audience=audience,
        meeting_id=meeting_id, sections=sections, paper_content=tf.paper_content, progress=progress,
        invariant=invariant, due_items=engine.due_soon(snapshot, as_of),
        personal_details=personal_details,
    )


NEXT_MEETING = "next"


def resolve_meeting(snapshot: TrustSnapshot, meeting_id: str | None, as_of: date, file_name: str) -> str | None:
    """A meeting ID as given, or for `next` the board's next meeting on or after `as_of` (not
    cancelled). InputError names what is missing."""
    from ..domain.meetings import next_meeting

    if not meeting_id:
        return None
    if meeting_id.strip().casefold() == NEXT_MEETING:
        coming = next_meeting(snapshot, as_of)
        if coming is None:
            raise InputError(f"There is no board meeting on or after {as_of:%d/%m/%Y} in {file_name}; "
                             "add it on the Meetings page, or name a meeting with --meeting ID.")
        return coming.id
    if meeting_id not in snapshot.meeting_by_id:
        raise InputError(f"There is no meeting '{meeting_id}' in {file_name}.")
    return meeting_id


def build_register(tf: TrustFile, out: str | os.PathLike, *, as_of: date) -> Path:
    from ..reports.register import write_register_html, write_register_pdf

    out = Path(out)
    snapshot = tf.load_snapshot()
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        write_register_html(snapshot, out, as_of=as_of)
    elif suffix == ".pdf":
        write_register_pdf(snapshot, out, as_of=as_of)
    else:
        raise InputError(f"{out.name}: the register is written as .html or .pdf")
    return out


def write_attendance(tf: TrustFile, out: str | os.PathLike, *, year: str, as_of: date) -> Path:
    """The attendance statement for academic year `year` ('2025/26') as .pdf or .xlsx."""
    from ..domain.attendance import attendance_statement
    from ..domain.dates import parse_year_label

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InputError(f"{out.name}: the attendance statement is written as .pdf or .xlsx")
    if not out.parent.is_dir():
        raise InputError(f"The folder {out.parent} does not exist.")
    try:
        parse_year_label(year)
    except ValueError as exc:
        raise InputError(f"--year: {exc}") from None
    statement = attendance_statement(tf.load_snapshot(), year, as_of)
    if suffix == ".pdf":
        from ..reports.attendance import write_attendance_pdf

        return write_attendance_pdf(statement, out)
    from ..io.attendance_xlsx import write_attendance_xlsx

    return write_attendance_xlsx(statement, out)


__all__ = [
    "ChImport", "GiasImport", "ImportOutcome", "InputError", "TrustFileError", "apply_workbook_import",
    "BackupResult", "backup_beside", "backup_file", "build_pack", "build_register", "create_demo",
    "create_trust", "describe_emptied", "explain", "export_workbook",
    "import_companies_house", "import_gias", "import_workbook", "plan_gias_create", "plan_workbook_import",
    "read_ch_file", "read_gias_file", "read_workbook_file", "read_workbook_for_import", "run_check",
    "resolve_meeting", "store_companies_house", "store_gias", "write_attendance",
]
