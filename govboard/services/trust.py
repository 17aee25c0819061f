"""Trust-file use cases: create, demo, check, import/export, GIAS, Companies House, documents."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from datetime import date
from pathlib import Path

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

    today = today or date.today()
    registers = build_demo_trust(today)
    tf = TrustFile.create(_with_suffix(path))
    try:
        tf.replace_registers(registers, description="Create the sample trust")
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


# --- workbook ---------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    plan: MergePlan | None
    errors: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: bool = False
    backup: Path | None = None
    errors_copy: Path | None = None
    registers: TrustSnapshot | None = None  # as read, with paper hashes attached
    papers: list[m.Paper] = field(default_factory=list)
    settings_given: dict = field(default_factory=dict)


def read_workbook_for_import(tf: TrustFile, workbook: str | os.PathLike, *, today: date | None = None,
                             replace_all: bool = False) -> tuple[ImportOutcome, object]:
    """Read and validate a workbook and plan the merge. Writes nothing."""
    from ..io.workbook import WorkbookError, read_workbook

    try:
        read = read_workbook(Path(workbook), today=today or date.today())
    except WorkbookError as exc:
        raise InputError(str(exc)) from None
    outcome = ImportOutcome(plan=None, errors=list(read.errors), warnings=list(read.warnings))
    if read.errors:
        return outcome, read
    papers = []
    for name, paper_path in read.papers.items():
        try:
            content = Path(paper_path).read_bytes()
        except OSError as exc:
            raise InputError(f"The paper {name} cannot be read: {exc.strerror or exc}") from None
        papers.append(TrustFile.paper_record(Path(paper_path).name, content))
    registers = _attach_paper_hashes(read.registers, read.papers, papers)
    outcome.registers, outcome.papers, outcome.settings_given = registers, papers, dict(read.settings_given)
    current = TrustSnapshot() if replace_all else tf.load_snapshot()
    known = set() if replace_all else {p.sha256 for p in tf.load(m.Paper)}
    outcome.plan = plan_merge(current, registers, settings_given=read.settings_given, papers=papers,
                              known_papers=known)
    return outcome, read


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

    outcome, _ = read_workbook_for_import(tf, workbook, today=today, replace_all=replace_all)
    if outcome.errors:
        if errors_out:
            write_errors_copy(Path(workbook), Path(errors_out), outcome.errors)
            outcome.errors_copy = Path(errors_out)
        return outcome
    if dry_run:
        return outcome
    if replace_all:
        outcome.backup = backup_beside(tf, "before-replace")
        # Missing Trust-sheet rows take the rulebook defaults.
        settings = m.TrustSettings(**outcome.settings_given)
        tf.replace_registers(dataclass_replace(outcome.registers, settings=settings), papers=outcome.papers,
                             description=f"Import {Path(workbook).name} (replace all registers)")
    else:
        apply_merge(tf, outcome.plan, f"Import {Path(workbook).name}")
    outcome.written = True
    return outcome


def backup_beside(tf: TrustFile, label: str) -> Path:
    stamp = date.today().strftime("%Y%m%d")
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

_DATE_IN_NAME = re.compile(r"(20\d{2})(\d{2})(\d{2})")


def import_gias(tf: TrustFile, extract: str | os.PathLike, *, create: bool = False,
                as_of: date | None = None) -> dict:
    from ..io.gias import GiasError, read_gias_extract, registers_from_gias

    path = Path(extract)
    try:
        read = read_gias_extract(path)
    except (GiasError, OSError) as exc:
        raise InputError(str(exc)) from None
    if read.errors:
        raise InputError(f"{path.name}: " + "; ".join(str(e) for e in read.errors[:5]))
    extract_date = as_of or read.extract_date_hint or date.today()
    summary = {"records": len(read.records), "extract_date": extract_date.isoformat(), "created": None}
    if create:
        if not tf.is_empty():
            raise InputError(
                f"{tf.path.name} already holds registers; --create only fills an empty trust file.")
        registers = registers_from_gias(read.records, trust_uid=tf.settings().gias_group_uid)
        plan = plan_merge(tf.load_snapshot(), registers)
        with tf.atomic():
            apply_merge(tf, plan, f"Create registers from GIAS extract {path.name}")
            tf.add_gias_snapshot(extract_date, path.name, read.records)
        summary["created"] = {k: v.new for k, v in plan.counts.items()}
    else:
        tf.add_gias_snapshot(extract_date, path.name, read.records)
    return summary


def import_companies_house(tf: TrustFile, officers_json: str | os.PathLike, *, as_of: date | None = None) -> dict:
    from ..io.companies_house import CompaniesHouseError, read_ch_officers

    path = Path(officers_json)
    try:
        read = read_ch_officers(path)
    except (CompaniesHouseError, OSError) as exc:
        raise InputError(str(exc)) from None
    snapshot_date = as_of or date.today()
    tf.add_ch_snapshot(snapshot_date, path.name, read.officers)
    return {"officers": len(read.officers), "as_of": snapshot_date.isoformat()}


# --- documents --------------------------------------------------------------------------------


def build_pack(tf: TrustFile, out: str | os.PathLike, *, as_of: date, audience: str = "board",
               meeting_id: str | None = None, sections=None, progress=None, invariant: bool = False):
    from .. import rules as engine
    from ..reports.board_pack import build_board_pack

    snapshot = tf.load_snapshot()
    if meeting_id and meeting_id not in snapshot.meeting_by_id:
        raise InputError(f"There is no meeting '{meeting_id}' in {tf.path.name}.")
    result = engine.run_checks(snapshot, as_of)
    return build_board_pack(
        snapshot, result.findings, engine.catalogue(), Path(out), as_of=as_of, audience=audience,
        meeting_id=meeting_id, sections=sections, paper_content=tf.paper_content, progress=progress,
        invariant=invariant, due_items=engine.due_soon(snapshot, as_of),
    )


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


__all__ = [
    "ImportOutcome", "InputError", "TrustFileError", "backup_beside", "build_pack", "build_register",
    "create_demo", "create_trust", "export_workbook", "import_companies_house", "import_gias",
    "import_workbook", "read_workbook_for_import", "run_check",
]
