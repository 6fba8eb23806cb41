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
