"""`make bench`: every figure that has a target, in one table, also written to results.md.

Each figure is the median of several runs with its spread. The big archive (2,000
meetings × 12 items, bench/archive.py) is generated once into bench/out/.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from archive import make_archive  # noqa: E402
from stats import Figure, figure, percentile, timed  # noqa: E402

from referat_desktop.store import Store  # noqa: E402

ARCHIVE = HERE / "out" / "archive-2000.sqlite"
RESULTS = HERE / "results.md"
BEGIN, END = "<!-- make bench: begin -->", "<!-- make bench: end -->"
SEARCHES = ["sociale investeringer", "Charlottekvarteret", "madproduktion", "19/18529", "vækstregnskab",
            "budgetanalyse frivillige", "økonomi", "år"]


def probe(db: Path, interact: bool = False) -> dict:
    command = [sys.executable, str(HERE / "window_probe.py"), str(db), str(time.time())]
    started = time.time()
    command[-1] = str(started)
    if interact:
        command.append("--interact")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def window_figures() -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.sqlite"
        Store.open(empty).close()
        runs = [probe(empty)["visible_s"] for _ in range(5)]
        figures.append(figure("Window visible, empty database (process start → painted)", runs, "s", 1))
    runs = [probe(ARCHIVE)["visible_s"] for _ in range(5)]
    figures.append(figure("Window visible, 2,000-meeting archive", runs, "s", 1))
    detail = probe(ARCHIVE, interact=True)
    figures.append(figure("Opening a meeting (12 items), archive", detail["open_meeting_s"][1:], target=100))
    figures.append(figure("Switching items (to its Sagsfremstilling)", detail["switch_item_s"], target=50))
    figures.append(figure("Meeting mode on or off (F11), archive", detail["meeting_mode_s"], target=100))
    figures.append(Figure("Peak memory, window with the archive open", detail["peak_rss_mb"], "", "MB",
                          "≤ 250 MB", detail["peak_rss_mb"] <= 250))
    return figures


def store_figures() -> list[Figure]:
    store = Store.open(ARCHIVE)
    try:
        meeting = store.get_meeting(store.list_meetings()[0].id)
        section = max((s for it in meeting.items for s in it.sections), key=lambda s: len(s.text))
        counter = iter(range(10**9))
        saves = timed(lambda: store.set_section_text(section.id, f"{section.text} {next(counter)}"),
                      runs=300, warmup=5)
        store.set_section_text(section.id, section.text)
        figures = [
            figure("Autosave write p50, archive", saves, target=10),
            figure("Autosave write p99, archive", [percentile(saves, 99)], target=10),
        ]
        searches = [t for q in SEARCHES for t in timed(lambda q=q: store.search(q), runs=5)]
        label = f"Full-text search, archive ({len(SEARCHES)} queries × 5)"
        figures.append(figure(label, searches, target=50))
    finally:
        store.close()
    return figures


def kill_figure(kills: int = 50) -> Figure:
    done = subprocess.run([sys.executable, str(HERE / "crash_kill.py"), "--kills", str(kills)],
                          capture_output=True, text=True, timeout=1800)
    found = re.search(r"(\d+)/(\d+) kills survived", done.stdout)
    survived = int(found.group(1)) if found else 0
    if not found:  # the run itself failed: say why rather than only "0 of 50"
        print(f"crash_kill.py failed (exit {done.returncode}):\n{done.stdout[-1500:]}\n{done.stderr[-3000:]}",
              file=sys.stderr)
    return Figure(f"Crash test: SIGKILL during edits, {kills} times: kills survived", survived, "",
                  f"of {kills}", f"{kills}/{kills}", survived == kills)


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    names = (line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
             if line.startswith("model name")) if cpuinfo.exists() else iter(())
    cpu = next(names, platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30 if hasattr(os, "sysconf") else 0
    python = f"Python {platform.python_version()} from {sys.base_prefix}"  # which build: pyenv, Debian …
    return (f"{platform.platform()}, {python}, SQLite {sqlite3.sqlite_version}, "
            f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB; load average before the run "
            f"{os.getloadavg()[0]:.2f}")


def table(figures: list[Figure]) -> str:
    lines = ["| Measure | Median | Spread | Target | Met |", "|---|---|---|---|---|"]
    for f in figures:
        value = f"{f.median:.3g}" if f.median < 100 else f"{f.median:.0f}"
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        lines.append(f"| {f.name} | {value} {f.unit} | {f.spread} | {f.target} | {met} |")
    return "\n".join(lines)


def write_results(text: str) -> None:
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Measured figures\n"
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in old:
        new = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _m: block, old, flags=re.S)
    else:
        head, _, rest = old.partition("\n")
        new = f"{head}\n\n{block}\n{rest}"
    RESULTS.write_text(new, encoding="utf-8")


def main() -> int:
    from checkpoint_bench import run_all as checkpoint_figures
    from export_bench import run_all as export_figures
    from html_bench import run_all as html_figures
    from import_bench import run_all as import_figures

    about = machine()
    # Byte-compile the program first, as pip and the installer do for a user. Without it a
    # machine with PYTHONDONTWRITEBYTECODE set (this workplace's) compiles every module in
    # every process it starts, and the window and whole-process figures measure the
    # compiler (about 0.2 s).
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "src" / "referat_desktop", quiet=1)
    print(f"Preparing the archive ({ARCHIVE.name}) if needed …", flush=True)
    make_archive(ARCHIVE)
    figures = (window_figures() + store_figures() + checkpoint_figures(ARCHIVE) + import_figures()
               + export_figures() + html_figures())
    if "--no-kill" not in sys.argv:
        figures.append(kill_figure())
    text = "\n".join([
        f"## `make bench`, {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Machine: {about}.",
        "",
        table(figures),
    ])
    print(text)
    write_results(text)
    return 0 if all(f.met is not False for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
