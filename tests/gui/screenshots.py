"""Regenerate docs/screenshots: every section and every dialog, on three screens, light
and dark, through the same probe that checks they fit (``tests/gui/fit_probe.py``).

    python -m tests.gui.screenshots [OUT_DIR]     # default: docs/screenshots

Writes ``OUT_DIR/<screen>/<theme>/<window>.png`` for a 1024x600 netbook, a 1366x768
laptop and a 1920x1080 screen at 200 % (with every reminder showing at once, the
tightest the windows get), and the README's pictures at 1366x768, light, without
reminders, plus its hierarchy chart drawn by the command line from the same journal.
Fails (exit 1) if any window does not fit, so a picture of a broken window is never
published. PNGs go through ``pngquant`` when it is installed (a third of the
size, no visible change).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: folder name: the screen as the offscreen platform takes it.
SCREENS: dict[str, dict[str, object]] = {
    "1024x600": {"name": "netbook", "x": 0, "y": 0, "width": 1024, "height": 600,
                 "logicalDpi": 96, "dpr": 1},
    "1366x768": {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                 "logicalDpi": 96, "dpr": 1},
    # 192 dpi is how X11 (Xft.dpi) and Windows say 200 %: Qt scales by 2.
    "1920x1080-200": {"name": "hidpi", "x": 0, "y": 0, "width": 1920, "height": 1080,
                      "logicalDpi": 192, "dpr": 1},
}
THEMES = ("light", "dark")
#: The README's pictures: its file name <- a window of the calm 1366x768 light set.
README_PICTURES = {
    "main-window.png": "main-window--a-difficult-conversation.png",
    "experiments.png": "main-window--an-experiment.png",
    "coach-sessions.png": "main-window--coach-sessions.png",
    "progress.png": "main-window--progress.png",
    "quick-capture.png": "quick-capture.png",
}


def probe(screen: dict[str, object], theme: str, shots: Path, work: Path, *,
          calm: bool = False) -> list[str]:
    """Run the probe on ``screen`` in ``theme``; its problems (none: all fit)."""
    config = work / "screens.json"
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    report = work / "report.json"
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    for name in ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_ENABLE_HIGHDPI_SCALING"):
        env.pop(name, None)
    command = [sys.executable, "-m", "tests.gui.fit_probe", str(work / "journal"),
               str(report), "--shots", str(shots), "--theme", theme, *(["--calm"] * calm)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=900,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    problems: list[str] = json.loads(report.read_text(encoding="utf-8"))["problems"]
    return problems


def chart(journal: Path, png: Path) -> None:
    """The hierarchy chart of the probe's demo journal, as ``tkg-journal chart`` draws it."""
    from tests.gui.fit_probe import PASSPHRASE

    env = dict(os.environ, TKG_JOURNAL_PASSPHRASE=PASSPHRASE)
    subprocess.run([sys.executable, "-m", "tkg_journal", "--data-dir", str(journal), "chart",
                    "hierarchy", "--out", str(png)], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, timeout=300)


def shrink(folder: Path) -> None:
    """Quantise the PNGs in ``folder`` in place, if pngquant is installed."""
    pngquant = shutil.which("pngquant")
    if pngquant is None:
        return
    files = sorted(str(p) for p in folder.glob("*.png"))
    subprocess.run([pngquant, "--force", "--ext", ".png", "--skip-if-larger", "--quality",
                    "70-95", *files], check=False)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "docs" / "screenshots"
    failed: list[str] = []
    for screen_name, screen in SCREENS.items():
        for theme in THEMES:
            shots = out / screen_name / theme
            shutil.rmtree(shots, ignore_errors=True)
            with tempfile.TemporaryDirectory(prefix="tkg-shots-") as work:
                problems = probe(screen, theme, shots, Path(work))
            failed += [f"{screen_name} {theme}: {problem}" for problem in problems]
            shrink(shots)
            print(f"{screen_name} {theme}: {len(list(shots.glob('*.png')))} windows")
    with tempfile.TemporaryDirectory(prefix="tkg-shots-") as work:
        calm = Path(work) / "calm"
        failed += probe(SCREENS["1366x768"], "light", calm, Path(work), calm=True)
        for picture, source in README_PICTURES.items():
            shutil.copyfile(calm / source, out / picture)
        chart(Path(work) / "journal", out / "hierarchy.png")
    shrink(out)
    for problem in failed:
        print(problem, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
