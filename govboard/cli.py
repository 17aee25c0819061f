"""govboard-cli: the headless tool (formats.md section 4).

Exit codes: 0 success (for `check`: no unacknowledged finding at or above --fail-on);
1 `check` found such findings; 2 bad usage or bad input, with a one-line reason on stderr
and nothing written.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__, clock
from .domain.validate import parse_iso_date
from .services import trust as svc
from .store import TrustFile, TrustFileError

EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2


class BadInput(click.ClickException):
    """A one-line reason on stderr and exit code 2."""

    exit_code = EXIT_BAD_INPUT

    def show(self, file=None) -> None:
        click.echo(f"govboard-cli: {self.format_message()}", err=True)


class BadUsage(click.UsageError):
    """Click's usage errors, as one line like every other error (formats.md section 4)."""

    def show(self, file=None) -> None:
        where = self.ctx.command_path if self.ctx else "govboard-cli"
        message = self.format_message().rstrip(".")
        click.echo(f"govboard-cli: {message}; see '{where} --help'", err=True)


class OneLineUsageGroup(click.Group):
    """Re-raises click's usage errors (unknown option, missing argument, no such command) as
    BadUsage: click prints them over four lines, and tools reading stderr expect one."""

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from None


def _one_line(exc: click.UsageError) -> click.UsageError:
    # `govboard-cli` alone shows the help (click raises it as a usage error): left as it is.
    if isinstance(exc, (BadUsage, click.exceptions.NoArgsIsHelpError)):
        return exc
    return BadUsage(exc.format_message(), exc.ctx)


def _as_of(value: str | None) -> date:
    if not value:
        return clock.today()
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise BadInput(f"--as-of: {exc}") from None


def _open(path: str, *, read_only: bool = False) -> TrustFile:
    try:
        tf = TrustFile.open(path, read_only=read_only)
    except TrustFileError as exc:
        raise BadInput(str(exc)) from None
    if tf.recovered:  # said once, here; the command then goes on as usual
        click.echo(f"govboard-cli: note: {tf.recovered}", err=True)
    if tf.read_only and not read_only:
        tf.close()
        raise BadInput(tf.read_only_reason)
    return tf


def _guard(func):
    """Turn expected failures into exit code 2 with a one-line reason."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (svc.InputError, TrustFileError) as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            where = f" {exc.filename}" if getattr(exc, "filename", None) else ""
            raise BadInput(f"cannot use{where}: {exc.strerror or exc}") from None

    return wrapper


@click.group("govboard-cli", cls=OneLineUsageGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="govboard-cli")
def main() -> None:
    """govboard: governance registers, compliance checks and board packs for academy trusts."""
    try:
        clock.today()
    except clock.ClockError as exc:
        raise BadInput(str(exc)) from None


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--name", required=True, help="The trust's name.")
@_guard
def new(file: str, name: str) -> None:
    """Create an empty trust file."""
    tf = svc.create_trust(file, name)
    click.echo(f"Created {tf.path}")
    tf.close()


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", help="Build the sample relative to this date (yyyy-mm-dd).")
@_guard
def demo(file: str, as_of: str | None) -> None:
    """Create the sample trust (Hillside Learning Trust) in FILE."""
    tf = svc.create_demo(file, today=_as_of(as_of))
    click.echo(f"Created the sample trust in {tf.path}")
    tf.close()


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("dest", type=click.Path(dir_okay=False))
@_guard
def backup(file: str, dest: str) -> None:
    """Copy FILE to DEST safely, even while the app has it open."""
    result = svc.backup_file(file, dest)
    if result.recovered:
        click.echo(f"govboard-cli: note: {result.recovered}", err=True)
    if result.damaged:
        click.echo(f"govboard-cli: warning: {result.damaged}", err=True)
    click.echo(f"Backed up to {result.path}")


EVERY_RULE = "*"  # `--explain` with no rule named
_RULE_ID = re.compile(r"^[A-Za-z]{2,5}-\d{2}$")


class _CheckCommand(click.Command):
    """`--explain` takes a rule ID when one follows it (`--explain TRU-05`), and nothing otherwise,
    so `check --explain trust.govboard` still reads the file name as FILE."""

    def parse_args(self, ctx, args):
        args = list(args)
        for n, arg in enumerate(args):
            if arg == "--explain" and not (n + 1 < len(args) and _RULE_ID.match(args[n + 1])):
                args[n] = f"--explain={EVERY_RULE}"
        return super().parse_args(ctx, args)


@main.command(cls=_CheckCommand)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", help="Check as at this date (yyyy-mm-dd); default today.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", type=click.Choice(["must", "should", "advice", "never"]), default="must",
              show_default=True, help="Exit 1 when an unacknowledged finding is at or above this.")
@click.option("--rule", "rules", multiple=True, help="Run only this rule (repeatable).")
@click.option("--explain", "explain", is_flag=False, flag_value=EVERY_RULE, default=None, metavar="[RULE]",
              help="Explain the rules and say which were silent and why. With a rule ID, or with --rule: "
                   "what that rule read, and why it fired or stayed silent for each subject.")
@_guard
def check(file: str, as_of: str | None, fmt: str, fail_on: str, rules: tuple[str, ...],
          explain: str | None) -> None:
    """Run the governance checks and list the findings."""
    from .rules import fails
    from .rules.output import (
        explanations_to_json,
        format_explanations,
        format_text,
        result_to_json,
    )

    when = _as_of(as_of)
    tf = _open(file, read_only=True)
    try:
        snapshot = tf.load_snapshot()
    finally:
        tf.close()
    # Rules to explain one by one: the one named after --explain, and those named by --rule; the
    # check runs those rules only (as --rule does).
    named = [explain] if explain not in (None, EVERY_RULE) else []
    explained = list(dict.fromkeys(named + (list(rules) if explain else [])))
    run = list(dict.fromkeys(list(rules) + named))
    result = svc.run_check(snapshot, when, run)
    explanations = svc.explain(snapshot, when, explained) if explained else []
    name = snapshot.settings.name
    if fmt == "json":
        payload = result_to_json(result, name)
        if explain:
            payload["silent"] = [{"rule": r, "reason": why} for r, why in result.silent]
            payload["handbook_edition"] = str(result.handbook_edition)
        if explanations:
            payload["explanations"] = explanations_to_json(explanations)
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    elif explanations:
        click.echo(format_explanations(explanations, name), nl=False)
    else:
        click.echo(format_text(result, name, explain=bool(explain)))
    if fails(result, fail_on):
        sys.exit(EXIT_FINDINGS)


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_command(fmt: str) -> None:
    """List every rule: ID, severity, title, citation and explanation."""
    from .rules.output import catalogue_to_json, format_catalogue_text

    if fmt == "json":
        click.echo(json.dumps(catalogue_to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_catalogue_text())


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--replace", "replace_all", is_flag=True, help="Replace all registers (a backup is written first).")
@click.option("--dry-run", is_flag=True, help="Check the workbook and say what would change; write nothing.")
@click.option("--errors-out", type=click.Path(dir_okay=False),
              help="On errors, write a copy of the workbook with an Errors column here.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_guard
def import_command(file: str, workbook: str, replace_all: bool, dry_run: bool, errors_out: str | None,
                   fmt: str) -> None:
    """Import a trust workbook (.xlsx): all or nothing."""
    if not Path(workbook).exists():
        raise BadInput(f"{workbook} does not exist.")
    # A dry run writes nothing, so it opens the file read-only: not even the header changes.
    tf = _open(file, read_only=dry_run)
    try:
        outcome = svc.import_workbook(tf, workbook, replace_all=replace_all, dry_run=dry_run,
                                      errors_out=errors_out)
    finally:
        tf.close()
    counts = {}
    if outcome.plan:
        counts = {sheet: vars(c) for sheet, c in outcome.plan.counts.items()}
    errors = [
        {"sheet": e.sheet, "row": e.row, "column": e.column, "message": e.message} for e in outcome.errors
    ]
    if fmt == "json":
        click.echo(json.dumps({
            "workbook": str(workbook), "written": outcome.written, "dry_run": dry_run,
            "counts": counts, "errors": errors, "warnings": outcome.warnings, "emptied": outcome.emptied,
            "backup": str(outcome.backup) if outcome.backup else None,
            "errors_out": str(outcome.errors_copy) if outcome.errors_copy else None,
        }, indent=2, ensure_ascii=False))
    else:
        for warning in outcome.warnings:
            click.echo(f"warning: {warning}", err=True)
        if errors:
            for e in outcome.errors:
                where = ", ".join(str(part) for part in (e.sheet, e.row and f"row {e.row}", e.column) if part)
                click.echo(f"{where}: {e.message}", err=True)
            if outcome.errors_copy:
                click.echo(f"An annotated copy is in {outcome.errors_copy}", err=True)
        else:
            for sheet, c in counts.items():
                click.echo(f"{sheet}: {c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged")
            for sheet, n in outcome.emptied.items():
                click.echo(f"{sheet}: emptied, {n} row{'s' if n != 1 else ''} removed (the workbook has none)")
            if outcome.backup:
                click.echo(f"Backup written to {outcome.backup}")
            click.echo("Dry run: nothing was written." if dry_run else "Imported.")
    if errors:
        if fmt == "text":
            click.echo(f"govboard-cli: {len(errors)} problem(s) in {Path(workbook).name}; nothing was imported.",
                       err=True)
        sys.exit(EXIT_BAD_INPUT)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("workbook", type=click.Path(dir_okay=False))
@click.option("--template", is_flag=True, help="Write a blank template instead of the trust's registers.")
@_guard
def export(file: str, workbook: str, template: bool) -> None:
    """Export the whole trust to a workbook (.xlsx)."""
    if template:
        from .io.workbook import write_template

        write_template(Path(workbook))
        click.echo(f"Wrote a blank template to {workbook}")
        return
    tf = _open(file, read_only=True)
    try:
        out = svc.export_workbook(tf, workbook)
    finally:
        tf.close()
    click.echo(f"Exported to {out}")


@main.command(name="import-gias")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("extracts", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--create", is_flag=True, help="Build people, bodies and roles from the extract (empty file only).")
@click.option("--as-of", "as_of", help="The date of the extract (default: from its name, else today).")
@click.option("--uid", help="This trust's GIAS group UID, when the files hold several trusts.")
@click.option("--company-number", "company_number", help="This trust's company number (instead of --uid).")
@click.option("--urn", "urns", multiple=True, help="One of this trust's academies (repeatable), for --create "
                                                  "from a national academy-level extract.")
@_guard
def import_gias(file: str, extracts: tuple[str, ...], create: bool, as_of: str | None, uid: str | None,
                company_number: str | None, urns: tuple[str, ...]) -> None:
    """Store this trust's rows of GIAS governance files (.csv, or the search download's .zip;
    typically the mat and acad extracts together) as one dated snapshot."""
    when = _as_of(as_of) if as_of else None
    tf = _open(file)
    try:
        gias = svc.import_gias(tf, extracts, create=create, as_of=when, uid=uid, company_number=company_number,
                               urns=urns)
    finally:
        tf.close()
    for line in svc.gias_summary_lines(gias, create=create):
        click.echo(line)
    summary = gias.stored
    click.echo(f"Stored {summary['records']} GIAS records of this trust as at {summary['extract_date']}.")
    if gias.learnt:
        learnt = ", ".join(f"{'GIAS group UID' if k == 'gias_group_uid' else 'company number'} {v}"
                           for k, v in gias.learnt.items())
        click.echo(f"Remembered in the trust settings: {learnt}.")
    if summary["created"]:
        made = ", ".join(f"{n} {sheet.lower()}" for sheet, n in summary["created"].items() if n)
        click.echo(f"Created {made}.")
    if summary["backup"]:
        click.echo(f"Backup written to {summary['backup']}")
    for note in gias.notes:
        click.echo(f"note: {note}", err=True)


@main.command(name="import-ch")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("officers", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", help="The date the list was downloaded (default today).")
@_guard
def import_ch(file: str, officers: tuple[str, ...], as_of: str | None) -> None:
    """Store a Companies House officers list (.json; several page files together make one list)
    as a dated snapshot."""
    when = _as_of(as_of) if as_of else None
    tf = _open(file)
    try:
        summary = svc.import_companies_house(tf, officers, as_of=when)
    finally:
        tf.close()
    for warning in summary["warnings"]:
        click.echo(f"warning: {warning}", err=True)
    if summary["joined"]:
        click.echo(f"Joined to the pages already stored for {summary['as_of']} ({summary['joined']}).")
    if summary["complete"]:
        click.echo(f"Stored {summary['officers']} officers as at {summary['as_of']}.")
    else:
        click.echo(f"Stored {summary['shortfall']}.")
        click.echo(f"(Officer list as at {summary['as_of']}: CH-02 compares the trustees with it once it is "
                   "complete.)")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", help="As at this date (yyyy-mm-dd); default today.")
@click.option("--audience", type=click.Choice(["board", "public"]), default="board", show_default=True)
@click.option("--meeting", "meeting_id", metavar="ID|next",
              help="Add this meeting's agenda, apologies, declarations, last minutes, open actions and "
                   "papers; 'next' is the board's next meeting on or after the as-at date.")
@click.option("--personal-details", "personal_details", is_flag=True,
              help="Include dates of birth and email addresses (board audience only).")
@_guard
def pack(file: str, out: str, as_of: str | None, audience: str, meeting_id: str | None,
         personal_details: bool) -> None:
    """Write the board pack as a PDF."""
    if personal_details and audience == "public":
        raise BadInput("--personal-details is for the board audience: the public pack never "
                       "shows dates of birth or email addresses")
    when = _as_of(as_of)
    if not out.lower().endswith(".pdf"):
        raise BadInput(f"{out}: the board pack is written as .pdf")
    tf = _open(file, read_only=True)
    try:
        result = svc.build_pack(tf, out, as_of=when, audience=audience, meeting_id=meeting_id,
                                personal_details=personal_details)
    finally:
        tf.close()
    click.echo(f"Wrote {result.path} ({result.pages} pages)")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--year", required=True, help="The academic year, e.g. 2025/26.")
@_guard
def attendance(file: str, out: str, year: str) -> None:
    """Write the attendance statement (board and committees, 'N out of M') as .pdf or .xlsx."""
    tf = _open(file, read_only=True)
    try:
        path = svc.write_attendance(tf, out, year=year, as_of=clock.today())
    finally:
        tf.close()
    click.echo(f"Wrote {path}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", help="As at this date (yyyy-mm-dd); default today.")
@_guard
def register(file: str, out: str, as_of: str | None) -> None:
    """Write the published register of interests (.html or .pdf)."""
    when = _as_of(as_of)
    tf = _open(file, read_only=True)
    try:
        path = svc.build_register(tf, out, as_of=when)
    finally:
        tf.close()
    click.echo(f"Wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
