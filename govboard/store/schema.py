"""The trust file's schema, as numbered sqlite-utils migrations.

Rules for this file: a migration is never edited once released; add a new one instead. Each
runs in one transaction with the row that records it (sqlite-utils 4.x `Migrations`).
Tables are STRICT so a wrong type is refused by SQLite itself, not only by our code.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .schema_names import FILE_FORMAT

MIGRATION_SET = "govboard"

migrations = Migrations(MIGRATION_SET)

_INITIAL_SQL = """
CREATE TABLE govboard_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
    key TEXT PRIMARY KEY,           -- the workbook's Setting name, e.g. 'Term of office years'
    value TEXT NOT NULL
) STRICT;

CREATE TABLE academies (
    urn TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phase TEXT,
    joined_on TEXT,
    left_on TEXT
) STRICT;

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    title TEXT,
    forename TEXT NOT NULL,
    middle_names TEXT,
    surname TEXT NOT NULL,
    date_of_birth TEXT,
    email TEXT
) STRICT;

CREATE TABLE bodies (
    name TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    academy_urn TEXT REFERENCES academies(urn),
    tor_reviewed_on TEXT
) STRICT;

CREATE TABLE roles (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    body TEXT NOT NULL REFERENCES bodies(name),
    appointed_by TEXT,
    start TEXT NOT NULL,
    term_end TEXT,
    "end" TEXT,
    end_reason TEXT,
    gias_start_recorded_on TEXT,
    gias_end_recorded_on TEXT,
    ch_start_filed_on TEXT,
    ch_end_filed_on TEXT,
    CHECK ("end" IS NULL OR "end" >= start)
) STRICT;
CREATE INDEX roles_person ON roles(person_id);
CREATE INDEX roles_body ON roles(body);

CREATE TABLE employment (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    job_title TEXT NOT NULL,
    academy_urn TEXT REFERENCES academies(urn),
    start TEXT NOT NULL,
    "end" TEXT
) STRICT;
CREATE INDEX employment_person ON employment(person_id);

CREATE TABLE relationships (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    related_person_id TEXT NOT NULL REFERENCES people(id),
    relationship TEXT NOT NULL,
    start TEXT,
    "end" TEXT
) STRICT;

CREATE TABLE checks (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    reference TEXT
) STRICT;
CREATE INDEX checks_person ON checks(person_id);

CREATE TABLE interests (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    organisation TEXT NOT NULL,
    company_number TEXT,
    nature_of_business TEXT,
    nature_of_interest TEXT,
    start TEXT,
    "end" TEXT
) STRICT;
CREATE INDEX interests_person ON interests(person_id);

CREATE TABLE declarations (
    id INTEGER PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    declared_on TEXT NOT NULL,
    nothing_to_declare INTEGER
) STRICT;
CREATE INDEX declarations_person ON declarations(person_id);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    body TEXT NOT NULL REFERENCES bodies(name),
    date TEXT NOT NULL,
    papers_sent_on TEXT,
    status TEXT NOT NULL
) STRICT;
CREATE INDEX meetings_body ON meetings(body);

CREATE TABLE attendance (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    person_id TEXT NOT NULL REFERENCES people(id),
    attendance TEXT NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
) STRICT;
CREATE INDEX attendance_person ON attendance(person_id);

CREATE TABLE papers (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    content BLOB NOT NULL
) STRICT;

CREATE TABLE agenda_items (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    item TEXT NOT NULL,
    title TEXT NOT NULL,
    presenter TEXT,
    paper_name TEXT,
    paper_sha256 TEXT REFERENCES papers(sha256),
    confidential INTEGER,
    PRIMARY KEY (meeting_id, item)
) STRICT;

CREATE TABLE rpt_agreements (
    id TEXT PRIMARY KEY,
    related_organisation TEXT NOT NULL,
    company_number TEXT,
    related_person_id TEXT REFERENCES people(id),
    description TEXT,
    direction TEXT NOT NULL,
    confirmed_on TEXT,
    reported_to_dfe_on TEXT,
    dfe_approval TEXT,
    dfe_decision_on TEXT,
    at_cost_statement_on TEXT,
    exemption TEXT,
    novel_or_contentious INTEGER,
    decision_meeting_id TEXT REFERENCES meetings(id),
    conflicted_withdrew INTEGER
) STRICT;

CREATE TABLE rpt_values (
    agreement_id TEXT NOT NULL REFERENCES rpt_agreements(id),
    financial_year TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, financial_year)
) STRICT;

CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    date TEXT NOT NULL,
    supplier TEXT NOT NULL,
    company_number TEXT,
    amount INTEGER NOT NULL,
    description TEXT,
    agreement_id TEXT REFERENCES rpt_agreements(id)
) STRICT;

CREATE TABLE pay_decisions (
    id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL REFERENCES people(id),
    post TEXT,
    executive INTEGER,
    effective_date TEXT NOT NULL,
    salary_before INTEGER,
    salary_after INTEGER NOT NULL,
    decided_by TEXT REFERENCES bodies(name),
    meeting_id TEXT REFERENCES meetings(id),
    evidence TEXT,
    subject_withdrew INTEGER
) STRICT;

CREATE TABLE pay_awards (
    academic_year TEXT PRIMARY KEY,
    percent TEXT NOT NULL
) STRICT;

CREATE TABLE sod_rows (
    ref TEXT PRIMARY KEY,
    area TEXT,
    decision TEXT NOT NULL,
    reserved_to TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    codes TEXT NOT NULL DEFAULT '[]'   -- JSON [[level, "R,C"], ...]
) STRICT;

CREATE TABLE acknowledgements (
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    acknowledged_by TEXT,
    acknowledged_on TEXT,
    expires_on TEXT,
    UNIQUE (rule, subject_kind, subject_key)
) STRICT;

CREATE TABLE gias_snapshots (
    id INTEGER PRIMARY KEY,
    extract_date TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source_name TEXT NOT NULL
) STRICT;

CREATE TABLE gias_records (
    snapshot_id INTEGER NOT NULL REFERENCES gias_snapshots(id) ON DELETE CASCADE,
    gid TEXT NOT NULL,
    urn TEXT,
    uid TEXT,
    companies_house_number TEXT,
    role TEXT NOT NULL,
    title TEXT,
    forename1 TEXT NOT NULL,
    forename2 TEXT,
    surname TEXT NOT NULL,
    appointed_on TEXT,
    term_end TEXT,
    appointing_body TEXT
) STRICT;
CREATE INDEX gias_records_snapshot ON gias_records(snapshot_id);

CREATE TABLE ch_snapshots (
    id INTEGER PRIMARY KEY,
    as_of TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source_name TEXT NOT NULL
) STRICT;

CREATE TABLE ch_officers (
    snapshot_id INTEGER NOT NULL REFERENCES ch_snapshots(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    officer_role TEXT NOT NULL,
    appointed_on TEXT,
    resigned_on TEXT,
    birth_month INTEGER,
    birth_year INTEGER
) STRICT;
CREATE INDEX ch_officers_snapshot ON ch_officers(snapshot_id);

-- The change log: every write is one batch of row changes with old and new values (JSON),
-- so history can be shown and any batch undone.
CREATE TABLE change_batches (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    description TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'edit',   -- edit | undo | redo | import | system
    undoes INTEGER REFERENCES change_batches(id)
) STRICT;

CREATE TABLE changes (
    id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL REFERENCES change_batches(id),
    action TEXT NOT NULL,                 -- insert | update | delete | note
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,                -- JSON object of the key columns
    old TEXT,                             -- JSON row before (NULL for insert)
    new TEXT                              -- JSON row after (NULL for delete)
) STRICT;
CREATE INDEX changes_batch ON changes(batch_id);

INSERT INTO bodies (name, type) VALUES ('Members', 'Members'), ('Board', 'Board');
"""


@migrations()
def m0001_initial(db: Database) -> None:
    for statement in _split_sql(_INITIAL_SQL):
        db.execute(statement)
    db.execute(
        "INSERT INTO govboard_meta (key, value) VALUES ('format', ?)", [FILE_FORMAT]
    )


_MEETING_CYCLE_SQL = """
-- An LGB may serve several academies (a hub or cluster LGB): its URNs as a JSON list. SQLite
-- cannot drop bodies.academy_urn (a foreign key column) inside a migration's transaction, so it
-- stays in the table, always NULL from here on: nothing reads or writes it.
ALTER TABLE bodies ADD COLUMN academy_urns TEXT NOT NULL DEFAULT '[]';
UPDATE bodies SET academy_urns = json_array(academy_urn), academy_urn = NULL WHERE academy_urn IS NOT NULL;
ALTER TABLE bodies ADD COLUMN quorum INTEGER CHECK (quorum IS NULL OR quorum >= 1);

ALTER TABLE meetings ADD COLUMN start_time TEXT;
ALTER TABLE meetings ADD COLUMN venue TEXT;
ALTER TABLE meetings ADD COLUMN minutes_approved_on TEXT;
-- Deferred: an import inserts meetings in sheet order, and minutes are approved at a later meeting.
ALTER TABLE meetings ADD COLUMN minutes_approved_at TEXT REFERENCES meetings(id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE agenda_items ADD COLUMN standing INTEGER;
ALTER TABLE agenda_items ADD COLUMN minute TEXT;
ALTER TABLE agenda_items ADD COLUMN decision TEXT;
ALTER TABLE agenda_items ADD COLUMN outcome TEXT;
ALTER TABLE agenda_items ADD COLUMN paper_title TEXT;

-- Who declared an interest, withdrew, arrived or left at an agenda item. The item is checked by
-- the domain validation, not a foreign key, so renumbering an agenda can move its rows in one batch.
CREATE TABLE item_attendance (
    id INTEGER PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    item TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id),
    what TEXT NOT NULL,
    interest TEXT,
    voted INTEGER,
    UNIQUE (meeting_id, item, person_id, what)
) STRICT;
CREATE INDEX item_attendance_meeting ON item_attendance(meeting_id);

CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    item TEXT,
    action TEXT NOT NULL,
    owner TEXT,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'Open',
    done_on TEXT,
    notes TEXT
) STRICT;
CREATE INDEX actions_meeting ON actions(meeting_id);

ALTER TABLE employment ADD COLUMN off_payroll INTEGER;
ALTER TABLE employment ADD COLUMN offpayroll_approval_on TEXT;
ALTER TABLE employment ADD COLUMN approval_ends_on TEXT;

ALTER TABLE rpt_agreements ADD COLUMN decision_item TEXT;
ALTER TABLE pay_decisions ADD COLUMN decision_item TEXT;
"""


@migrations()
def m0002_meeting_cycle_and_real_files(db: Database) -> None:
    """formats.md section 1 v2: the meeting cycle (times, venues, minutes, item attendance,
    actions, decision items, quorum), LGBs serving several academies, off-payroll employment."""
    for statement in _split_sql(_MEETING_CYCLE_SQL):
        db.execute(statement)


@migrations()
def m0003_companies_house_pages(db: Database) -> None:
    """formats.md section 3 v2: an officer list knows how many officers Companies House has
    (total_results), so a list of fewer pages than that says it is incomplete; each officer keeps
    its place in the whole list, so pages imported one at a time join up."""
    db.execute("ALTER TABLE ch_snapshots ADD COLUMN total_results INTEGER "
               "CHECK (total_results IS NULL OR total_results >= 0)")
    db.execute("ALTER TABLE ch_officers ADD COLUMN position INTEGER")


# Every foreign key's child column gets an index. SQLite does not need one, but without it each
# delete of a parent row (a person, a meeting) scans the child table, and while a deferred key is
# outstanding (meetings.minutes_approved_at, during an import) so does every insert of a parent:
# importing 4,600 meetings took 0.5 s instead of 0.03 s.
_CHILD_KEY_INDEXES = (
    ("meetings", "minutes_approved_at"),
    ("relationships", "person_id"),
    ("relationships", "related_person_id"),
    ("rpt_agreements", "decision_meeting_id"),
    ("rpt_agreements", "related_person_id"),
    ("payments", "agreement_id"),
    ("pay_decisions", "meeting_id"),
    ("pay_decisions", "person_id"),
    ("pay_decisions", "decided_by"),
    ("item_attendance", "person_id"),
    ("agenda_items", "paper_sha256"),
    ("employment", "academy_urn"),
    ("bodies", "academy_urn"),
    ("change_batches", "undoes"),
)


@migrations()
def m0004_child_key_indexes(db: Database) -> None:
    """Indexes on foreign-key child columns (see _CHILD_KEY_INDEXES)."""
    for table, column in _CHILD_KEY_INDEXES:
        db.execute(f'CREATE INDEX IF NOT EXISTS "{table}_{column}" ON "{table}"("{column}")')


def _split_sql(script: str) -> list[str]:
    """Split a script into statements (no statement here contains a ';' in a string)."""
    statements = []
    for chunk in script.split(";"):
        lines = [line for line in chunk.splitlines() if not line.strip().startswith("--")]
        text = "\n".join(lines).strip()
        if text:
            statements.append(text)
    return statements


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]
