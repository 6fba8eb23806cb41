"""The schema, version by version. The ``meta`` row ``schema_version`` holds the applied one.

Each step is frozen once released: a database made by any earlier version is brought
forward by applying the later steps in order, inside one transaction, so a failed
migration leaves the journal exactly as it was. ``tables.py`` declares the resulting
schema for SQLModel; a test checks the two agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Connection = Any  # a sqlcipher3 connection (the driver ships no type hints)

_V1_CORE = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE friction_behaviours (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    description TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE TABLE entries (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN
                         ('conversation', 'feedback', 'reflection', 'coach-notes', 'free')),
    occurred_at      TEXT NOT NULL,
    title            TEXT NOT NULL DEFAULT '',
    body             TEXT NOT NULL DEFAULT '',
    level            INTEGER CHECK (level BETWEEN 1 AND 5),
    share_with_coach INTEGER NOT NULL DEFAULT 0 CHECK (share_with_coach IN (0, 1)),
    who              TEXT NOT NULL DEFAULT '',
    what_happened    TEXT NOT NULL DEFAULT '',
    feeling          TEXT NOT NULL DEFAULT '',
    intensity        INTEGER CHECK (intensity BETWEEN 0 AND 10),
    my_response      TEXT NOT NULL DEFAULT '',
    impact           TEXT NOT NULL DEFAULT '',
    try_next         TEXT NOT NULL DEFAULT '',
    feedback_source  TEXT NOT NULL DEFAULT '',
    sentiment        INTEGER CHECK (sentiment BETWEEN -2 AND 2),
    import_ref       TEXT UNIQUE,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX entries_by_time ON entries (occurred_at);
CREATE INDEX entries_by_level_time ON entries (level, occurred_at);
CREATE INDEX entries_by_kind_time ON entries (kind, occurred_at);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL,
    PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_tag ON entry_tags (tag);

CREATE TABLE experiments (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL,
    level            INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    trigger_text     TEXT NOT NULL,
    old_behaviour    TEXT NOT NULL,
    new_response     TEXT NOT NULL,
    prediction       TEXT NOT NULL DEFAULT '',
    success_criteria TEXT NOT NULL DEFAULT '',
    behaviour_id     INTEGER REFERENCES friction_behaviours (id) ON DELETE SET NULL,
    start_date       TEXT,
    due_date         TEXT,
    status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
                         ('planned', 'active', 'completed', 'abandoned')),
    belief_before    INTEGER CHECK (belief_before BETWEEN 0 AND 100),
    belief_after     INTEGER CHECK (belief_after BETWEEN 0 AND 100),
    learning         TEXT NOT NULL DEFAULT '',
    abandon_reason   TEXT NOT NULL DEFAULT '',
    source_entry_id  INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX experiments_by_status_due ON experiments (status, due_date);
CREATE INDEX experiments_by_behaviour ON experiments (behaviour_id);
CREATE INDEX experiments_by_source_entry ON experiments (source_entry_id);

CREATE TABLE attempts (
    id            INTEGER PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    occurred_at   TEXT NOT NULL,
    did_it        TEXT NOT NULL CHECK (did_it IN ('yes', 'partial', 'no')),
    outcome       INTEGER CHECK (outcome BETWEEN -2 AND 2),
    situation     TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);
CREATE INDEX attempts_by_experiment_time ON attempts (experiment_id, occurred_at);
CREATE INDEX attempts_by_time ON attempts (occurred_at);

CREATE TABLE rating_checkins (
    id         INTEGER PRIMARY KEY,
    rated_on   TEXT NOT NULL UNIQUE,
    note       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE level_ratings (
    checkin_id INTEGER NOT NULL REFERENCES rating_checkins (id) ON DELETE CASCADE,
    level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
    PRIMARY KEY (checkin_id, level)
) WITHOUT ROWID;

CREATE TABLE coach_sessions (
    id         INTEGER PRIMARY KEY,
    held_on    TEXT NOT NULL,
    topics     TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX coach_sessions_by_date ON coach_sessions (held_on);

CREATE TABLE commitments (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER NOT NULL REFERENCES coach_sessions (id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    due_date      TEXT,
    done          INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    experiment_id INTEGER REFERENCES experiments (id) ON DELETE SET NULL
);
CREATE INDEX commitments_by_session ON commitments (session_id);
CREATE INDEX commitments_by_experiment ON commitments (experiment_id);
"""

# The full-text index covers every text the user writes. Its rowid encodes what a row
# points at (id * 4 + type: 0 entry, 1 experiment, 2 attempt) so that the triggers
# update and delete by rowid (a b-tree lookup) instead of scanning an FTS column.
_ENTRY_TEXT = (
    "new.body || char(10) || new.who || char(10) || new.what_happened || char(10)"
    " || new.feeling || char(10) || new.my_response || char(10) || new.impact"
    " || char(10) || new.try_next || char(10) || new.feedback_source"
)
_EXPERIMENT_TEXT = (
    "new.trigger_text || char(10) || new.old_behaviour || char(10)"
    " || new.new_response || char(10) || new.prediction || char(10)"
    " || new.success_criteria || char(10) || new.learning || char(10)"
    " || new.abandon_reason"
)
_ATTEMPT_TEXT = "new.situation || char(10) || new.note"

_INSERT_ENTRY = (
    "INSERT INTO search_index (rowid, level, occurred_at, title, body) "
    f"VALUES (new.id * 4, new.level, new.occurred_at, new.title, {_ENTRY_TEXT});"
)
_INSERT_EXPERIMENT = (
    "INSERT INTO search_index (rowid, level, occurred_at, title, body) "
    "VALUES (new.id * 4 + 1, new.level, coalesce(new.start_date, new.created_at), "
    f"new.title, {_EXPERIMENT_TEXT});"
)
_INSERT_ATTEMPT = (
    "INSERT INTO search_index (rowid, level, occurred_at, title, body) "
    "VALUES (new.id * 4 + 2, (SELECT level FROM experiments WHERE id = new.experiment_id), "
    f"new.occurred_at, '', {_ATTEMPT_TEXT});"
)

_V2_SEARCH = f"""
CREATE VIRTUAL TABLE search_index USING fts5 (
    level UNINDEXED,
    occurred_at UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER entries_index_insert AFTER INSERT ON entries BEGIN
    {_INSERT_ENTRY}
END;
CREATE TRIGGER entries_index_update AFTER UPDATE ON entries BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4;
    {_INSERT_ENTRY}
END;
CREATE TRIGGER entries_index_delete AFTER DELETE ON entries BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4;
END;

CREATE TRIGGER experiments_index_insert AFTER INSERT ON experiments BEGIN
    {_INSERT_EXPERIMENT}
END;
CREATE TRIGGER experiments_index_update AFTER UPDATE ON experiments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
    {_INSERT_EXPERIMENT}
    UPDATE search_index SET level = new.level
     WHERE rowid IN (SELECT id * 4 + 2 FROM attempts WHERE experiment_id = new.id);
END;
CREATE TRIGGER experiments_index_delete AFTER DELETE ON experiments BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER attempts_index_insert AFTER INSERT ON attempts BEGIN
    {_INSERT_ATTEMPT}
END;
CREATE TRIGGER attempts_index_update AFTER UPDATE ON attempts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
    {_INSERT_ATTEMPT}
END;
CREATE TRIGGER attempts_index_delete AFTER DELETE ON attempts BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 4 + 2;
END;
"""


# Drafts: the editor's unsaved state, so a crash loses at most a few seconds of typing.
# It lives in the encrypted database like everything else the user writes.
_V3_DRAFTS = """
CREATE TABLE drafts (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER REFERENCES entries (id) ON DELETE CASCADE,
    payload  TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
"""

# Reminders: the day each experiment was last reminded about, so the app reminds at most
# once a day per experiment (and not again after a restart the same day).
_V4_REMINDERS = """
CREATE TABLE experiment_reminders (
    experiment_id INTEGER PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
    reminded_on   TEXT NOT NULL
);
"""


# The day an experiment was completed or abandoned, so a summary can say what ended in its
# period. Experiments closed before this version get the day of their last change, the
# best record there is of when that happened.
_V5_ENDED_ON = """
ALTER TABLE experiments ADD COLUMN ended_on TEXT;
UPDATE experiments SET ended_on = date(updated_at, 'localtime')
 WHERE status IN ('completed', 'abandoned');
CREATE INDEX experiments_by_ended_on ON experiments (ended_on);
"""

# Action items (commitments with a due date) are reminded about like experiments: at most
# once a day each, and not again after a restart the same day.
_V6_COMMITMENT_REMINDERS = """
CREATE TABLE commitment_reminders (
    commitment_id INTEGER PRIMARY KEY REFERENCES commitments (id) ON DELETE CASCADE,
    reminded_on   TEXT NOT NULL
);
"""

# The search index again, with a one-letter prefix index: the first letter typed in the
# search field matches most of a journal, and without one FTS5 merged the hits of every
# word starting with that letter on each keystroke ("t" on 10,000 entries: 34 ms of the
# 50 a keystroke may take; 23 ms with it, for an index 22% larger). FTS5 cannot change
# a table's prefix option, so the table is made again and filled from the rows with the
# triggers' own expressions; the triggers (on the other tables) stay as they are.
_V7_SEARCH_PREFIXES = """
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_index USING fts5 (
    level UNINDEXED,
    occurred_at UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
"""

# What open windows held when the journal was locked or the app quit (a dialog's typed
# text, a quick capture), kept encrypted until the window is opened again with it. Entry
# drafts stay in ``drafts``: they are the editor's own, offered after a crash.
_V8_WINDOW_DRAFTS = """
CREATE TABLE window_drafts (
    id       INTEGER PRIMARY KEY,
    window   TEXT NOT NULL,
    payload  TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
"""

# Patterns (storage/pattern_queries.py) read who, feeling, intensity and the like of every
# difficult conversation and piece of feedback in a period. Those rows are spread over the
# whole entries table among the long texts, so the read decrypted nearly every page of it
# (0.31 s of CPU for all time at 100,000 entries). This index holds just those columns,
# for just those two kinds, in a few per cent of the file: the read becomes a scan of it
# (0.09 s). Partial, so that writing any other kind of entry costs nothing more. The
# WHERE is the one the query says word for word: that is how SQLite knows it may use it.
_V9_PATTERNS_INDEX = """
CREATE INDEX entries_for_patterns ON entries (
    kind, occurred_at, level, share_with_coach, intensity, sentiment,
    who, feedback_source, feeling
) WHERE kind IN ('conversation', 'feedback');
"""


def _select_from(insert_sql: str, table: str) -> str:
    """Turn a trigger's ``INSERT .. VALUES (new.x, ..)`` into ``INSERT .. SELECT x, .. FROM t``
    so the backfill indexes existing rows with exactly the triggers' expressions."""
    head, values = insert_sql.rstrip(";").split(" VALUES (", 1)
    return f"{head} SELECT {values[:-1].replace('new.', f'{table}.')} FROM {table}"


def statements(script: str) -> list[str]:
    """Split a script into statements (trigger bodies hold ``;`` too), so a migration runs
    them one by one inside the caller's transaction: the driver's ``executescript``
    would commit first."""
    from sqlcipher3 import complete_statement

    found, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement: {pending.strip()[:60]}")
    return found


def _run(conn: Connection, script: str) -> None:
    for statement in statements(script):
        conn.execute(statement)


def _migrate_to_v1(conn: Connection) -> None:
    _run(conn, _V1_CORE)


def _index_every_row(conn: Connection) -> None:
    conn.execute(_select_from(_INSERT_ENTRY, "entries"))
    conn.execute(_select_from(_INSERT_EXPERIMENT, "experiments"))
    conn.execute(_select_from(_INSERT_ATTEMPT, "attempts"))


def _migrate_to_v2(conn: Connection) -> None:
    _run(conn, _V2_SEARCH)
    _index_every_row(conn)


def _migrate_to_v3(conn: Connection) -> None:
    _run(conn, _V3_DRAFTS)


def _migrate_to_v4(conn: Connection) -> None:
    _run(conn, _V4_REMINDERS)


def _migrate_to_v5(conn: Connection) -> None:
    _run(conn, _V5_ENDED_ON)


def _migrate_to_v6(conn: Connection) -> None:
    _run(conn, _V6_COMMITMENT_REMINDERS)


def _migrate_to_v7(conn: Connection) -> None:
    _run(conn, _V7_SEARCH_PREFIXES)
    _index_every_row(conn)
    # One merged b-tree instead of one segment per thousand rows or so: faster to search.
    conn.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")


def _migrate_to_v8(conn: Connection) -> None:
    _run(conn, _V8_WINDOW_DRAFTS)
    # PRAGMA secure_delete zeroes a deleted row's pages, but FTS5 keeps a deleted entry's
    # words in its index segments until they merge; its own secure-delete option (kept in
    # the index's config, so set once, here) removes them when the row goes.
    conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1)")


def _migrate_to_v9(conn: Connection) -> None:
    _run(conn, _V9_PATTERNS_INDEX)


#: MIGRATIONS[n] brings a database from version n to n + 1.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _migrate_to_v1,
    _migrate_to_v2,
    _migrate_to_v3,
    _migrate_to_v4,
    _migrate_to_v5,
    _migrate_to_v6,
    _migrate_to_v7,
    _migrate_to_v8,
    _migrate_to_v9,
]
SCHEMA_VERSION = len(MIGRATIONS)
