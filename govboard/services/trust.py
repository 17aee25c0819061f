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
from .registers import MergePlan, apply_merge, plan_merge, settings_change


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
    if replace_all:
        # Every row is written anew, but the settings are compared with the file's own: the
        # replacement gives the Trust sheet's values, and the defaults for rows it leaves out.
        # (Compared with the defaults, a workbook exported a moment earlier showed 7 changed.)
        after = m.TrustSettings(**outcome.settings_given)
        plan.settings = after
        plan.settings_changed = settings_change(tf.settings(), after)
        if "Trust" in plan.counts:
            given_changed = [k for k in plan.settings_changed
                             if m.SETTINGS_BY_LABEL[k.casefold()].attr in outcome.settings_given]
            plan.counts["Trust"].changed = len(plan.settings_changed)
            plan.counts["Trust"].unchanged = len(outcome.settings_given) - len(given_changed)
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


class GiasChoiceNeeded(InputError):
    """The files hold several trusts and nothing says which is this one (`trusts` lists them)."""

    def __init__(self, message: str, trusts: list):
        super().__init__(message)
        self.trusts = trusts


class GiasAcademiesNeeded(InputError):
    """Academy-level rows of a national extract, and no way to tell which academies are this
    trust's (`academies` maps each URN in the files to its rows)."""

    def __init__(self, message: str, academies: dict):
        super().__init__(message)
        self.academies = academies


@dataclass(frozen=True)
class GiasRoleCount:
    """One line of the import summary: a role as GIAS prints it and what became of its rows."""

    role: str
    offices: int  # this trust's rows made into offices (--create)
    reconciliation_only: int  # this trust's rows stored for GIAS-02 but made into no office
    other_trusts: int  # rows of other trusts: ignored, never stored
    makes: str = ""  # what govboard makes of such a row

    @property
    def this_trust(self) -> int:
        return self.offices + self.reconciliation_only


@dataclass
class GiasImport:
    """GIAS files as read, then (`scope_gias`) this trust's rows picked out, before anything is
    stored. Reading opens no trust file, so it may run off the GUI thread."""

    paths: list[Path]
    sources: list
    extract_date: date
    date_from_name: bool
    warnings: list[str] = field(default_factory=list)
    scope: object | None = None  # GiasScope, once chosen
    selection: object | None = None  # GiasSelection: this trust's rows and the others counted
    learnt: dict = field(default_factory=dict)  # settings the files told us (UID, company number)
    # Filled by `plan_gias_create`: what --create would add.
    plan: MergePlan | None = None
    build: object | None = None  # GiasBuild
    backup: Path | None = None
    stored: dict | None = None  # what `store_gias` did

    @property
    def path(self) -> Path:
        return self.paths[0]

    @property
    def names(self) -> str:
        return ", ".join(p.name for p in self.paths)

    @property
    def rows_read(self) -> int:
        if self.selection is not None:
            return self.selection.rows_read  # blank rows not counted
        return sum(len(s.rows) for s in self.sources)

    @property
    def search_download(self) -> bool:
        return any(s.search_download for s in self.sources)

    @property
    def records(self) -> tuple:
        return self.selection.records if self.selection is not None else ()

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

    @property
    def unmapped_roles(self) -> dict[str, int]:
        if self.build is None:
            return {}
        return dict(self.build.kept)

    @property
    def notes(self) -> list[str]:
        notes = list(self.warnings)
        if self.selection is not None and self.selection.nameless:
            where = "; ".join(self.selection.nameless[:5])
            more = f" and {len(self.selection.nameless) - 5} more" if len(self.selection.nameless) > 5 else ""
            notes.append(f"{len(self.selection.nameless)} of this trust's rows have no forename or surname and "
                         f"were left out ({where}{more}).")
        if self.build is not None:
            notes.extend(self.build.notes)
        return notes

    def summary(self) -> list[GiasRoleCount]:
        """By role: this trust's rows made into offices, kept for reconciliation only, and other
        trusts' rows ignored. Roles in the order GIAS lists them, unknown ones after."""
        from ..domain.gias import GIAS_ROLES, gias_role

        sel = self.selection
        if sel is None:
            return []
        made = self.build.made if self.build is not None else {}
        roles = set(sel.this_trust) | set(sel.other_trusts)
        order = {r.name: i for i, r in enumerate(GIAS_ROLES)}
        out = []
        for role in sorted(roles, key=lambda r: (order.get(r, len(order)), r.casefold())):
            offices = made.get(role, 0)
            known = gias_role(role)
            out.append(GiasRoleCount(role, offices, sel.this_trust.get(role, 0) - offices,
                                     sel.other_trusts.get(role, 0),
                                     known.makes if known else "kept for reconciliation only: a role govboard "
                                                               "does not know"))
        return out


def read_gias_files(extracts, *, as_of: date | None = None) -> GiasImport:
    """Read and check GIAS files (CSV or ZIP, one or several); opens no trust file. Their date
    is `as_of`, else the date in their names (governancematdata20261115.csv), else today."""
    from ..io.gias import GiasError, read_gias_sources

    if isinstance(extracts, (str, os.PathLike)):
        extracts = [extracts]
    paths = [Path(p) for p in extracts]
    if not paths:
        raise InputError("Give at least one GIAS file.")
    try:
        sources = read_gias_sources(paths)
    except (GiasError, OSError) as exc:
        raise InputError(str(exc)) from None
    warnings = [w for s in sources for w in s.warnings]
    hints = sorted({s.date_hint for s in sources if s.date_hint})
    if len(hints) > 1:
        warnings.append("The files are dated " + ", ".join(f"{d:%d/%m/%Y}" for d in hints)
                        + f": they are stored together as at the latest, {hints[-1]:%d/%m/%Y}.")
    extract_date = as_of or (hints[-1] if hints else None) or clock.today()
    return GiasImport(paths, sources, extract_date, as_of is None and bool(hints), warnings)


read_gias_file = read_gias_files  # one file or several


def _check_uid(uid: str | None) -> str | None:
    uid = (uid or "").strip() or None
    if uid is not None and not uid.isdigit():
        raise InputError(f"--uid: '{uid}' is not a GIAS group UID (digits only, e.g. 16824)")
    return uid


def _check_urns(urns) -> set[str]:
    out = set()
    for urn in urns or ():
        urn = str(urn).strip()
        if not (urn.isdigit() and 5 <= len(urn) <= 7):
            raise InputError(f"--urn: '{urn}' is not an academy URN (six digits, as on GIAS)")
        out.add(urn)
    return out


def _list_trusts(trusts, limit: int = 5) -> str:
    shown = "; ".join(t.describe() for t in trusts[:limit])
    return shown + (f"; and {len(trusts) - limit:,} more" if len(trusts) > limit else "")


def scope_gias(current: TrustSnapshot, gias: GiasImport, *, create: bool = False, uid: str | None = None,
               company_number: str | None = None, urns=()) -> object:
    """Decide which rows are this trust's and pick them out (sets `gias.scope`, `gias.selection`
    and `gias.learnt`). The trust is the one its settings name (GIAS group UID, company number),
    else `uid` / `company_number`, else the only trust in the files; its academies are those in
    the registers and `urns`, or for a governor search download every academy in it.

    Raises GiasChoiceNeeded when the files hold several trusts and nothing picks one,
    GiasAcademiesNeeded when --create meets a national academy-level extract with no academies
    named, and InputError for this trust's rows that cannot be read (naming file, line, column)."""
    from ..domain.gias import GiasScope
    from ..domain.names import normalise_company_number
    from ..io.gias import academy_rows, rows_name_no_trust, select_rows, trusts_in

    settings = current.settings
    uid, urns = _check_uid(uid), _check_urns(urns)
    company_number = normalise_company_number(company_number) or None
    known_uid = settings.gias_group_uid or None
    known_company = normalise_company_number(settings.company_number) or None
    if uid and known_uid and uid != known_uid:
        raise InputError(f"--uid {uid}: this trust's GIAS group UID is {known_uid} (Trust settings).")
    if company_number and known_company and company_number != known_company:
        raise InputError(f"--company-number {company_number}: this trust's company number is {known_company} "
                         "(Trust settings).")
    uid, company = uid or known_uid, company_number or known_company
    # Listing the trusts in the files costs a pass over every row: only when none is named.
    trusts = trusts_in(gias.sources) if not (uid or company) else []
    if not uid and not company:
        if len(trusts) > 1:
            raise GiasChoiceNeeded(
                f"{gias.names} hold{'s' if len(gias.paths) == 1 else ''} {len(trusts):,} trusts: "
                f"{_list_trusts(trusts)}. Choose this trust with --uid (or --company-number).", trusts)
        if trusts:
            uid, company = trusts[0].uid, trusts[0].company_number
    urns |= {a.urn for a in current.academies}
    search_urns = not urns and gias.search_download
    unmarked = not trusts and rows_name_no_trust(gias.sources)
    if create and not urns and not search_urns:
        # Academy-level rows that carry no UID or company number: only their URN says whose they are.
        academies = academy_rows([s for s in gias.sources if not s.search_download], unattributed=True)
        if academies:
            raise GiasAcademiesNeeded(
                f"{gias.names} hold{'s' if len(gias.paths) == 1 else ''} academy-level rows for "
                f"{len(academies):,} academies and nothing says which are this trust's: name them with "
                "--urn (once per academy), or use GIAS's governor search download for the trust.",
                dict(academies))
    scope = GiasScope(uid, company, frozenset(urns))
    selection = select_rows(gias.sources, scope, search_urns=search_urns, unmarked=unmarked)
    if not selection.records and not selection.nameless:
        trusts = trusts or trusts_in(gias.sources)
        if trusts or urns:
            where = f" (they hold: {_list_trusts(trusts)})" if trusts else ""
            raise InputError(f"{gias.names} hold no rows of this trust ({scope.describe()}){where}.")
        raise InputError(f"{gias.names} hold no rows that say which trust they belong to.")
    if selection.errors:
        errors = selection.errors
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        raise InputError("; ".join(str(e) for e in errors[:5]) + more)
    if unmarked:
        gias.warnings.append(f"{gias.names} do not say which trust the rows are (no UID, company number or "
                             "URN): they are taken as this trust's.")
    # The UID or company number the trust's own rows carry, when only the other was known.
    for r in selection.records:
        if r.urn:
            continue
        if not uid and r.uid and (not company or normalise_company_number(r.companies_house_number) == company):
            uid = r.uid
        if not company and r.companies_house_number and (not uid or r.uid == uid):
            company = normalise_company_number(r.companies_house_number)
        if uid and company:
            break
    # The academies the rows name are this trust's too (a search download, rows carrying the UID).
    scope = GiasScope(uid, company, frozenset(urns | {r.urn for r in selection.records if r.urn}))
    gias.scope, gias.selection = scope, selection
    gias.learnt = {attr: value for attr, value, known in (("gias_group_uid", uid, known_uid),
                                                          ("company_number", company, known_company))
                   if value and not known}
    return scope


def plan_gias_create(tf: TrustFile, gias: GiasImport) -> MergePlan:
    """What building People, Bodies and Roles from this trust's rows would add to an empty trust
    file (sets `gias.plan` and `gias.build`); writes nothing."""
    from ..io.gias import registers_from_gias

    if not tf.is_empty():
        raise InputError(
            f"{tf.path.name} already holds registers; --create only fills an empty trust file.")
    current = tf.load_snapshot()
    if gias.selection is None:
        scope_gias(current, gias, create=True)
    # Terms that ended before the extract's date are ended appointments, not people in office.
    gias.build = registers_from_gias(gias.records, as_of=gias.extract_date, scope=gias.scope)
    gias.plan = plan_merge(current, gias.build.registers, settings_given=gias.learnt or None)
    return gias.plan


def store_gias(tf: TrustFile, gias: GiasImport, *, create: bool = False) -> dict:
    """Store this trust's rows as a dated snapshot (and, with create, the registers planned from
    them, after a backup copy of the file). The UID and company number the files identified are
    remembered in the trust settings."""
    if gias.selection is None:
        scope_gias(tf.load_snapshot(), gias, create=create)
    summary = {"records": len(gias.records), "extract_date": gias.extract_date.isoformat(), "created": None,
               "backup": None}
    source = gias.names if len(gias.names) <= 200 else f"{gias.paths[0].name} and {len(gias.paths) - 1} more"
    if create:
        plan = gias.plan if gias.plan is not None else plan_gias_create(tf, gias)
        gias.backup = backup_beside(tf, "before-gias")
        try:
            with tf.atomic():
                apply_merge(tf, plan, f"Create registers from GIAS ({source})")
                tf.add_gias_snapshot(gias.extract_date, source, gias.records)
        except BaseException:
            # Nothing was written, so the copy taken for it is not needed (and would mislead).
            gias.backup.unlink(missing_ok=True)
            gias.backup = None
            raise
        summary["backup"] = str(gias.backup)
        summary["created"] = {k: v.new for k, v in plan.counts.items() if k != "Trust"}
    else:
        with tf.atomic():
            if gias.learnt:
                tf.save_settings(tf.settings().with_changes(**gias.learnt),
                                 description="Remember the trust's GIAS group UID and company number")
            tf.add_gias_snapshot(gias.extract_date, source, gias.records)
    return summary


def import_gias(tf: TrustFile, extracts, *, create: bool = False, as_of: date | None = None,
                uid: str | None = None, company_number: str | None = None, urns=()) -> GiasImport:
    """Read GIAS files, keep this trust's rows and store them (with create, build the registers)."""
    gias = read_gias_files(extracts, as_of=as_of)
    if create and not tf.is_empty():
        raise InputError(f"{tf.path.name} already holds registers; --create only fills an empty trust file.")
    scope_gias(tf.load_snapshot(), gias, create=create, uid=uid, company_number=company_number, urns=urns)
    if create:
        plan_gias_create(tf, gias)
    gias.stored = store_gias(tf, gias, create=create)
    return gias


def gias_summary_lines(gias: GiasImport, *, create: bool) -> list[str]:
    """The import summary as text: what was read, and by role what became of every row."""
    sel = gias.selection
    lines = [f"Read {gias.names}: {gias.rows_read:,} row{'s' if gias.rows_read != 1 else ''}, "
             f"{len(sel.records):,} of them this trust's ({gias.scope.describe()})."]
    rows = gias.summary()
    heads = (["Role", "Offices made", "Reconciliation only", "Other trusts (ignored)"] if create
             else ["Role", "Kept for reconciliation", "Other trusts (ignored)"])
    table = [[r.role, *([f"{r.offices:,}"] if create else []), f"{r.reconciliation_only:,}",
              f"{r.other_trusts:,}"] for r in rows]
    totals = ["Total", *([f"{sum(r.offices for r in rows):,}"] if create else []),
              f"{sum(r.reconciliation_only for r in rows):,}", f"{sum(r.other_trusts for r in rows):,}"]
    widths = [max(len(str(row[i])) for row in (heads, *table, totals)) for i in range(len(heads))]
    for row in (heads, *table, totals):
        lines.append("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths))).rstrip())
    return lines


@dataclass
class ChImport:
    """A Companies House officer list (one page file or several) as read, before it is stored."""

    paths: list[Path]
    officers: tuple
    company_number: str | None
    total_results: int | None = None
    warnings: list[str] = field(default_factory=list)
    positions: tuple = ()  # each officer's place in Companies House's whole list
    joined: str = ""  # the stored pages these were joined to (see `join_stored_pages`)

    @property
    def path(self) -> Path:
        return self.paths[0]

    @property
    def names(self) -> str:
        return ", ".join(p.name for p in self.paths)

    @property
    def active_directors(self) -> int:
        return sum(1 for o in self.officers if o.active and "director" in o.officer_role.casefold())

    @property
    def complete(self) -> bool:
        return self.total_results is None or len(self.officers) >= self.total_results

    @property
    def shortfall(self) -> str:
        """'35 of 42 officers: import the other pages', or '' for a complete list."""
        if self.complete:
            return ""
        return f"{len(self.officers)} of {self.total_results} officers: import the other pages"


def read_ch_files(officers_json) -> ChImport:
    """Read one or more saved officer-list pages of one company and merge them by start_index."""
    from ..io.companies_house import CompaniesHouseError, merge_ch_pages, read_ch_officers

    if isinstance(officers_json, (str, os.PathLike)):
        officers_json = [officers_json]
    paths = [Path(p) for p in officers_json]
    if not paths:
        raise InputError("Give at least one Companies House officers file.")
    try:
        merged = merge_ch_pages([read_ch_officers(p) for p in paths])
    except (CompaniesHouseError, OSError) as exc:
        raise InputError(str(exc)) from None
    return ChImport(paths, merged.officers, merged.company_number, merged.total_results, list(merged.warnings),
                    merged.positions)


read_ch_file = read_ch_files  # one page or several


def check_ch_company(current: TrustSnapshot, read: ChImport) -> None:
    """Refuse another company's officers (the trust's company number is in its settings)."""
    from ..domain.names import normalise_company_number

    ours = normalise_company_number(current.settings.company_number)
    theirs = normalise_company_number(read.company_number)
    if ours and theirs and ours != theirs:
        raise InputError(f"{read.names} {'is' if len(read.paths) == 1 else 'are'} the officers of company "
                         f"{read.company_number}, not this trust's ({current.settings.company_number}).")


def join_stored_pages(tf: TrustFile, read: ChImport, as_of: date) -> ChImport:
    """The other pages of an incomplete list stored for the same day join it: a clerk told
    "35 of 42 officers: import the other pages" may import page 2 on its own."""
    from dataclasses import replace as replace_

    from ..domain.names import normalise_company_number
    from ..io.companies_house import ChOfficers, merge_ch_pages

    stored = tf.latest_companies_house()
    if (stored is None or stored.as_of != as_of or stored.complete or not read.positions
            or (read.total_results is not None and read.total_results != stored.total_results)):
        return read
    positions = tf.ch_positions(stored.id)
    if None in positions or set(positions) & set(read.positions) == set(read.positions):
        return read  # pages saved by an older govboard, or the same pages again
    if read.company_number and normalise_company_number(read.company_number) != normalise_company_number(
            tf.settings().company_number or read.company_number):
        return read
    merged = merge_ch_pages([
        ChOfficers(stored.officers, read.company_number, stored.total_results, names=(stored.source_name,),
                   positions=tuple(positions)),
        ChOfficers(read.officers, read.company_number, read.total_results, names=tuple(p.name for p in read.paths),
                   positions=read.positions),
    ])
    return replace_(read, officers=merged.officers, positions=merged.positions, total_results=merged.total_results,
                    joined=stored.source_name)


def store_companies_house(tf: TrustFile, read: ChImport, as_of: date) -> dict:
    read = join_stored_pages(tf, read, as_of)
    source = read.names if len(read.names) <= 200 else f"{read.paths[0].name} and {len(read.paths) - 1} more"
    if read.joined:
        source = f"{read.joined}, {source}"
    tf.add_ch_snapshot(as_of, source, read.officers, total_results=read.total_results,
                       positions=read.positions or None)
    return {"officers": len(read.officers), "as_of": as_of.isoformat(), "total_results": read.total_results,
            "complete": read.complete, "shortfall": read.shortfall, "joined": read.joined}


def import_companies_house(tf: TrustFile, officers_json, *, as_of: date | None = None) -> dict:
    read = read_ch_files(officers_json)
    check_ch_company(tf.load_snapshot(), read)
    summary = store_companies_house(tf, read, as_of or clock.today())
    summary["warnings"] = list(read.warnings)
    return summary


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
    return write_register_file(tf.load_snapshot(), out, as_of=as_of)


def write_register_file(snapshot: TrustSnapshot, out: str | os.PathLike, *, as_of: date) -> Path:
    """The published register as .html or .pdf (by the name's suffix); opens no trust file, so it
    may run off the GUI thread."""
    from ..reports.register import write_register_html, write_register_pdf

    out = Path(out)
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
    "BackupResult", "ChImport", "GiasAcademiesNeeded", "GiasChoiceNeeded", "GiasImport", "GiasRoleCount",
    "ImportOutcome", "InputError", "TrustFileError", "apply_workbook_import", "backup_beside", "backup_file",
    "build_pack", "build_register", "check_ch_company", "create_demo", "create_trust", "describe_emptied",
    "explain", "export_workbook", "gias_summary_lines", "import_companies_house", "import_gias", "import_workbook",
    "plan_gias_create", "plan_workbook_import", "read_ch_file", "read_ch_files", "read_gias_file",
    "read_gias_files", "read_workbook_file", "read_workbook_for_import", "resolve_meeting", "run_check",
    "scope_gias", "store_companies_house", "store_gias", "write_attendance",
]
