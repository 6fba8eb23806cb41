"""A released migration step is never edited: the build fails if one is.

A journal at schema N was written by the code of that time; the steps after N must bring
it forward exactly as they brought every other journal. Editing a released step instead
of adding a new one leaves journals that already ran it on the old definition forever.

What is hashed: the SQL each step actually executes, and its parameters, in order. Each
step is run against a recording connection that keeps every ``execute(sql, params)``
call instead of running it. This beats hashing the step's source text
(``inspect.getsource``): the source of ``_migrate_to_v2`` names ``_V2_SEARCH`` and
``_index_every_row`` but not the SQL they build, so an edit there would pass unseen;
while moving code into a helper or renaming a constant (which changes nothing a journal
sees) would fail. The recorded SQL is what a journal sees, so it is what must not change.

The table was filled from today's steps; steps 1-6 give the same hashes with the code of
0.1.0 (fc7e517), and each of steps 1-5 with the last commit at its own schema, so they are
the released definitions, not just the current ones.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from tkg_journal.storage import migrations

#: sha256 of the (sql, params) calls of each step, by the schema version it brings a
#: database to. A new step needs a new row; a released row never changes.
RELEASED_STEPS: dict[int, str] = {
    1: "7db1131d159078dd29914f2a269b67a1f610f444f868619f68b884c468b26820",
    2: "7433c37799cc55275dc4a97b079df636bc277e2b57138d99ca7eb41a17ecc784",
    3: "40ee7cfa30709a4a63c3c29589a61575b2dc15ae5340d8d2cecd07b04e00a4cd",
    4: "f6c6858460e552cf32de6bd60fe0e3530a76dae19c93a74872c00a0c091af11b",
    5: "2f538c3ba98e23b3abbc5c9d855808c79c508c8ddbb3c879b46945752bdb653d",
    6: "09afc28fda07b9caa86808db7c16692729f41533346a3348eaea8150aae218a7",
    7: "0126a7ea8b79f304bd35e981618561394dd218e3061b9f32daa577c69c1f56f2",
    8: "337c6d1650c166663f6b998f2e77dd12979d9cd6673ff06bd25a39cc7748373f",
    9: "9f0f6ab6566eccc378d4d641da8ff01721cb865c06a62ecd79d1a3f691d188af",
}


class RecordingConnection:
    """Stands in for the sqlcipher3 connection a step is given: keeps the SQL, runs none."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[object]]] = []

    def execute(self, sql: str, params: tuple[object, ...] | list[object] = ()) -> None:
        self.calls.append((sql, list(params)))


def executed(schema: int) -> list[tuple[str, list[object]]]:
    """The calls the step that brings a database to ``schema`` makes, in order."""
    connection = RecordingConnection()
    migrations.MIGRATIONS[schema - 1](connection)
    return connection.calls


def checksum(schema: int) -> str:
    # JSON keeps the boundary between statements and their parameters in the hash.
    text = json.dumps(executed(schema), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_every_step_has_a_checksum() -> None:
    assert len(RELEASED_STEPS) == migrations.SCHEMA_VERSION, (
        "a migration step was added or removed: add its checksum to RELEASED_STEPS "
        "(and never remove a released one)"
    )
    assert sorted(RELEASED_STEPS) == list(range(1, migrations.SCHEMA_VERSION + 1))


@pytest.mark.parametrize("schema", sorted(RELEASED_STEPS), ids=lambda n: f"step-{n}")
def test_a_released_step_is_unchanged(schema: int) -> None:
    assert schema <= migrations.SCHEMA_VERSION, f"migration step {schema} no longer exists"
    assert checksum(schema) == RELEASED_STEPS[schema], (
        f"released migration step {schema} changed; add a new step instead of editing a "
        "released one (if this step was never released, update the checksum)"
    )


def test_the_recording_sees_the_sql_a_step_runs() -> None:
    # The checksums are only as good as the recording: it must see the statements a step
    # builds through helpers (the script split into statements, the backfill of the index).
    calls = executed(2)
    assert calls[0][0].startswith("CREATE VIRTUAL TABLE search_index USING fts5")
    assert any(sql.startswith("INSERT INTO search_index") for sql, _ in calls)


def test_an_edit_to_the_sql_of_a_step_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # The edit this test exists for: a released step's SQL constant changed in place.
    edited = migrations._V3_DRAFTS.replace("payload  TEXT", "payload  BLOB")
    assert edited != migrations._V3_DRAFTS
    monkeypatch.setattr(migrations, "_V3_DRAFTS", edited)
    assert checksum(3) != RELEASED_STEPS[3]
