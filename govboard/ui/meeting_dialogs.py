"""Dialogs of the meeting cycle: an agenda item, an action, a paper to attach.

They use the generic RecordDialog and the domain's validation, so a bad date reads the same
here as in a workbook import.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ..domain import model as m
from ..domain.enums import ActionStatus
from ..domain.meetings import expected_attendees, suggest_action_id
from ..domain.snapshot import TrustSnapshot
from ..store import Update
from .dialogs import FieldError, FieldSpec, RecordDialog, choices, new_problems

PAPER_DIR_KEY = "papers/last_dir"
MAX_PAPER_MB = 50


# --- agenda items --------------------------------------------------------------------------------


def item_specs() -> list[FieldSpec]:
    return [
        FieldSpec("title", "Title", required=True, hint="e.g. Finance report and management accounts"),
        FieldSpec("presenter", "Presenter", hint="e.g. Chief financial officer"),
        FieldSpec("confidential", "Confidential (left out of the public pack)", "check"),
        FieldSpec("standing", "Standing item (on every agenda)", "check"),
    ]


def ask_item(parent: QWidget, title: str, item: m.AgendaItem | None, meeting_id: str) -> m.AgendaItem | None:
    """An agenda item's title, presenter and flags; its number is set by its place on the agenda."""
    initial = {"title": item.title, "presenter": item.presenter, "confidential": bool(item.confidential),
               "standing": bool(item.standing)} if item else {}

    def make(values: dict) -> m.AgendaItem:
        flags = {"confidential": values["confidential"] or None, "standing": values["standing"] or None}
        if item is None:
            return m.AgendaItem(meeting_id, "", values["title"], presenter=values["presenter"], **flags)
        return replace(item, title=values["title"], presenter=values["presenter"], **flags)

    return RecordDialog.ask(parent, title, item_specs(), initial, make)


# --- papers --------------------------------------------------------------------------------------


def read_paper(path: Path) -> bytes:
    """A PDF's bytes, or ValueError naming the file and the problem."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ValueError(f"{path.name} cannot be read: {exc.strerror or exc}") from None
    if size > MAX_PAPER_MB * 1024 * 1024:
        raise ValueError(f"{path.name} is {size / 1024 / 1024:.0f} MB; papers of up to {MAX_PAPER_MB} MB can be "
                         "attached (make a smaller PDF, e.g. with images at screen resolution)")
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path.name} cannot be read: {exc.strerror or exc}") from None
    if not content.lstrip()[:5] == b"%PDF-":
        raise ValueError(f"{path.name} is not a PDF; save or print the paper as a PDF and attach that")
    return content


def paper_title_from(path: Path) -> str:
    """A readable title from a file name: 'CEO_report-v3 FINAL' -> 'CEO report v3 FINAL'."""
    return " ".join(path.stem.replace("_", " ").replace("-", " ").split())


def ask_paper_file(parent: QWidget, settings) -> Path | None:
    start = settings.value(PAPER_DIR_KEY, str(Path.home())) if settings is not None else str(Path.home())
    path, _ = QFileDialog.getOpenFileName(parent, "Attach a paper (PDF)", start, "PDF documents (*.pdf)")
    if not path:
        return None
    if settings is not None:
        settings.setValue(PAPER_DIR_KEY, str(Path(path).parent))
    return Path(path)


def ask_paper_title(parent: QWidget, item: m.AgendaItem, path: Path) -> str | None:
    """The title packs show for the paper (not its file name); None when cancelled."""
    suggestion = item.paper_title if item.paper_sha256 and item.paper_title else (
        item.title if item.title else paper_title_from(path))
    text, ok = QInputDialog.getText(
        parent, "Paper title",
        f"The title of the paper for item {item.item}, as the pack shows it\n(the file is {path.name}):",
        text=suggestion)
    if not ok:
        return None
    return " ".join(text.split()) or item.title


def attach_paper(session, item: m.AgendaItem, path: Path, title: str) -> m.AgendaItem:
    """Store the PDF and point the item at it: one undoable step. Raises ValueError for a file
    that is not a readable PDF (nothing is written then)."""
    content = read_paper(path)
    paper = session.store_paper(path.name, content)
    new = replace(item, paper_name=path.name, paper_sha256=paper.sha256, paper_title=title)
    meeting = session.snapshot.meeting_by_id[item.meeting_id]
    verb = "Replace" if item.paper_sha256 else "Attach"
    session.apply([Update(item, new)], f"{verb} the paper for item {item.item} of the {meeting.body} meeting "
                                       f"on {meeting.date:%d/%m/%Y}")
    return new


def warn_paper(parent: QWidget, problem: str) -> None:
    QMessageBox.warning(parent, "Cannot attach the paper", f"{problem}. Nothing was attached.")


# --- actions -------------------------------------------------------------------------------------


def action_specs(snapshot: TrustSnapshot, meeting: m.Meeting, items: list[m.AgendaItem], adding: bool) -> list[FieldSpec]:
    expected = expected_attendees(snapshot, meeting)
    people = sorted(snapshot.people, key=lambda p: (p.id not in expected, p.sort_name))
    owners = [(f"{p.full_name} ({expected[p.id].lower()})" if p.id in expected else p.full_name, p.id)
              for p in people]
    specs = [FieldSpec("action", "Action", "longtext", required=True)]
    specs += [
        FieldSpec("owner", "Owner", "ref", choices=owners),
        FieldSpec("owner_name", "Or an owner not in the registers", hint="e.g. Site manager"),
        FieldSpec("due_date", "Due date", "date", required=True),
        FieldSpec("item", "Agenda item", "ref", choices=[(f"{i.item}. {i.title}", i.item) for i in items]),
    ]
    if not adding:
        specs += [FieldSpec("status", "Status", "choice", required=True, choices=choices(ActionStatus)),
                  FieldSpec("done_on", "Done on", "date")]
    specs.append(FieldSpec("notes", "Notes", "longtext"))
    return specs


def ask_action(parent: QWidget, snapshot: TrustSnapshot, meeting: m.Meeting, action: m.Action | None = None,
               *, today=None) -> m.Action | None:
    items = list(snapshot.agenda_by_meeting.get(meeting.id, ()))
    in_registers = action is not None and action.owner in snapshot.person_by_id
    initial = {}
    if action is not None:
        initial = {"action": action.action, "owner": action.owner if in_registers else None,
                   "owner_name": None if in_registers else action.owner, "due_date": action.due_date,
                   "item": action.item, "status": action.status, "done_on": action.done_on, "notes": action.notes}

    def make(values: dict) -> m.Action:
        owner = values.pop("owner_name") or values.pop("owner")
        values.pop("owner", None)
        if action is None:
            record = m.Action(suggest_action_id(a.id for a in snapshot.actions), meeting.id, owner=owner, **values)
        else:
            if values["status"] == ActionStatus.DONE and values["done_on"] is None:
                values["done_on"] = today
            if values["status"] != ActionStatus.DONE and values["done_on"] is not None:
                raise FieldError("Done on", "is only for an action that is done (or clear the date)")
            record = replace(action, owner=owner, **values)
        if record.done_on is not None and record.done_on < meeting.date:
            raise FieldError("Done on", f"is before the meeting that agreed the action ({meeting.date:%d/%m/%Y})")
        problems = new_problems(snapshot, "actions", action, record)
        if problems:
            raise ValueError(problems[0])
        return record

    title = f"Add an action from the {meeting.body} meeting on {meeting.date:%d/%m/%Y}" if action is None else \
        f"Edit action {action.id}"
    return RecordDialog.ask(parent, title, action_specs(snapshot, meeting, items, action is None), initial, make)
