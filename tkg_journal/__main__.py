"""``python -m tkg_journal`` runs the command line (and, with no sub-command, the app)."""

from tkg_journal.cli import main

raise SystemExit(main())
