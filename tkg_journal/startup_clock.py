"""Time since this process started, for ``tkg-journal --startup-time``.

Like ``nvim --startuptime``, the figure should include the interpreter's own start and
every import, so it is measured from the process's start as the OS recorded it (Linux:
``/proc/self/stat``, 10 ms resolution). Elsewhere it falls back to the moment this module
was first imported, which misses only the interpreter's start-up.
"""

from __future__ import annotations

import os
import time

_IMPORTED_AT = time.monotonic()


def seconds_since_process_start() -> float:
    try:
        with open("/proc/self/stat", encoding="ascii") as stat_file:
            # The command name (field 2) may contain spaces; fields after it are fixed.
            fields = stat_file.read().rsplit(")", 1)[1].split()
        with open("/proc/uptime", encoding="ascii") as uptime_file:
            uptime = float(uptime_file.read().split()[0])
        ticks = os.sysconf("SC_CLK_TCK")
        return uptime - int(fields[19]) / ticks  # field 22 of stat: starttime
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED_AT
