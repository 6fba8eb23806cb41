"""Every word of File ▸ Export journal…: the whole journal, to keep or to move elsewhere."""

from __future__ import annotations

EXPORT_TITLE = "Export journal"
EXPORT_INTRO = (
    "Everything you wrote, in a form other apps read: to keep a copy of your own, or to "
    "move to another journal. Nothing leaves this computer unless you send the result."
)
FORMAT_BOX = "Format"
FORMATS = {
    "json": (
        "&JSON: everything, exactly (entries, experiments, sessions); "
        "TKG Journal can import it back"
    ),
    "markdown": "&Markdown: a folder of pages, one per entry, for any editor or Obsidian",
    "jrnl": "jrn&l: one plain-text journal file, for jrnl",
}
ENTRIES_BOX = "Entries"
ALL_ENTRIES = "&All entries"
PERIOD = "F&rom"
PERIOD_TO = "to"
SINCE_NAME = "From day"
UNTIL_NAME = "To day"
WHERE_BOX = "Save to"
PATH_NAME = "Where to save the export"
CHOOSE = "C&hoose…"
CHOOSE_FILE_TITLE = "Export journal to"
CHOOSE_FOLDER_TITLE = "Export journal into a new folder"
FILE_FILTERS = {"json": "JSON (*.json)", "jrnl": "Text (*.txt)"}
NOT_ENCRYPTED = (
    "The export is not encrypted: anyone who can open it can read everything in it. Keep "
    "it somewhere private and delete it when it has served its purpose."
)
EXPORT_BUTTON = "&Export"
CLOSE_BUTTON = "Close"
PROGRESS_NAME = "Export progress"
WRITING = "Writing {done:,} of {total:,} entries…"
DONE = "Exported {entries:,} entries to {path}."
NO_PATH = "Choose where to save the export."

# --- File ▸ Import… -------------------------------------------------------------------
IMPORT_TITLE = "Import"
IMPORT_INTRO = (
    "Bring writing in from another journal app, or from an export of this one. You see "
    "what will be added before anything is written; importing the same file twice adds "
    "nothing."
)
SOURCE_BOX = "From"
SOURCES = {
    "json": "TKG Journal &export (JSON): everything, with experiments and sessions",
    "dayone": "&Day One export (.zip or Journal.json)",
    "markdown": "&Markdown folder (Obsidian, or any .md files)",
    "jrnl": "jrn&l export (jrnl --format json)",
}
SOURCE_FILTERS = {
    "json": "JSON (*.json)",
    "dayone": "Day One export (*.zip *.json)",
    "jrnl": "JSON (*.json)",
}
IMPORT_PATH_BOX = "File or folder"
IMPORT_PATH_NAME = "The file or folder to import"
CHOOSE_IMPORT_TITLE = "Import from"
CHECKING = "Reading the file…"
READY = "Ready to import: {summary}."
NOTHING_NEW = "Everything in it is in the journal already: nothing to import."
ALREADY = " {count:,} already in the journal will be skipped."
IMPORT_BUTTON = "&Import"
IMPORTING = "Importing…"
IMPORTED = "Imported {summary}."
NO_SOURCE_PATH = "Choose the file or folder to import."
#: What the status line under the buttons is called when read aloud ("Status: ...").
STATUS_NAME = "Status"
