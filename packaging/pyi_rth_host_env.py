"""PyInstaller runtime hook (build.spec): the programs the frozen app starts get the
machine's library path, not the bundle's.

On Linux the bundle's launcher starts Python with ``LD_LIBRARY_PATH`` pointing into the
bundle (saving any earlier value as ``LD_LIBRARY_PATH_ORIG``). Every child process
inherits it: xdg-open and the PDF viewer it opens after an export, the browser for a link,
``update-desktop-database`` after ``--install-desktop-entry``. A Qt program among them (a
KDE desktop's Okular, say) would then load the bundle's Qt instead of its own and fail or
crash. The app itself no longer needs the variable once running: the dynamic loader reads
it once, when the process starts, and keeps using it for every later library load.
(The app starting itself again, as ``--self-test`` does, goes through the launcher, which
sets it anew.)
"""

import os

if "LD_LIBRARY_PATH_ORIG" in os.environ:
    os.environ["LD_LIBRARY_PATH"] = os.environ.pop("LD_LIBRARY_PATH_ORIG")
else:
    os.environ.pop("LD_LIBRARY_PATH", None)
