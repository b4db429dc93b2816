"""Bilag files (issue 15): the archive with 500 MB of attachments, and a 300 MB JSON import.

    python bench/attachments_bench.py     (also part of `make bench` through run.py)

The big files are generated once into bench/out/ (git-ignored): the 2,000-meeting archive
copied, with 100 files of 5 MB added to the items of the newest meetings (the ones the
window opens first), and a referat/1 document of about 300 MB (three 75 MB files) written
by streaming, as the program writes one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from stats import Figure, figure, percentile, timed  # noqa: E402

from referat_desktop.domain import interchange  # noqa: E402
from referat_desktop.domain.model import Attachment, Item, Meeting  # noqa: E402
from referat_desktop.store import Store  # noqa: E402

OUT = HERE / "out"
WITH_FILES = OUT / "archive-2000-with-500mb-bilag.sqlite"
BIG_JSON = OUT / "import-300mb.json"
FILES, FILE_SIZE = 100, 5 * 1024 * 1024
JSON_FILES, JSON_FILE_SIZE = 3, 75 * 1024 * 1024


def make_database(archive: Path) -> Path:
    if WITH_FILES.exists():
        return WITH_FILES
    partial = WITH_FILES.with_suffix(".partial")
    shutil.copyfile(archive, partial)
    store = Store.open(partial, backup=False)
    try:
        items = [it.id for m in store.list_meetings()[:10] for it in store.get_meeting(m.id).items]
        with tempfile.TemporaryDirectory() as folder:
            for n in range(FILES):
                path = Path(folder) / f"bilag {n + 1}.pdf"
                path.write_bytes(os.urandom(FILE_SIZE))
                store.add_attachment_file(items[n % len(items)], path)
                path.unlink()
    finally:
        store.close()
    os.replace(partial, WITH_FILES)
    return WITH_FILES


def _random_chunks(size: int) -> Iterator[bytes]:
    step = 3 * 1024 * 1024
    for start in range(0, size, step):
        yield os.urandom(min(step, size - start))


def make_json() -> Path:
    if BIG_JSON.exists():
        return BIG_JSON
    attachments = [Attachment(f"stort bilag {n}.pdf", media_type="application/pdf",
                              read_file=lambda: _random_chunks(JSON_FILE_SIZE)) for n in range(JSON_FILES)]
    meeting = Meeting("Byrådet", dt.date(2026, 11, 24),
                      items=[Item("Budget", attachments=attachments)])
    partial = BIG_JSON.with_suffix(".partial")
    with open(partial, "wb") as out:
        interchange.write([meeting], out)
    os.replace(partial, BIG_JSON)
    return BIG_JSON


def _peaks(command: list[str]) -> tuple[float, float]:
    """Run `command`; its peak resident memory and its peak private (anonymous) memory in
    MB, sampled from /proc every 20 ms. Resident memory counts the pages of the mapped
    JSON file the process has touched, which the system can drop at any time; the private
    figure is what the import itself needs."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    status = Path(f"/proc/{process.pid}/status")
    peak_rss = peak_anon = 0
    while process.poll() is None:
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            peak_rss = max(peak_rss, int(fields.get("VmHWM", "0 kB").split()[0]))
            peak_anon = max(peak_anon, int(fields.get("RssAnon", "0 kB").split()[0]))
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    if process.returncode:
        raise RuntimeError(f"import failed ({process.returncode})")
    return peak_rss / 1024, peak_anon / 1024


def import_figures(runs: int = 3) -> list[Figure]:
    source = make_json()
    size_mb = source.stat().st_size / 1024**2
    rss, anon, seconds = [], [], []
    for _run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            peak_rss, peak_anon = _peaks([sys.executable, "-m", "referat_desktop.cli", "import", str(source),
                                          "--db", str(Path(folder) / "r.sqlite")])
            seconds.append(time.perf_counter() - started)
            rss.append(peak_rss)
            anon.append(peak_anon)
    name = f"JSON import of {size_mb:.0f} MB (3 bilag of 75 MB)"
    return [
        Figure(f"{name}: peak private memory", max(anon), f"max of {runs}", "MB",
               f"≤ {size_mb:.0f} MB (the file's size)", max(anon) <= size_mb),
        Figure(f"{name}: peak resident memory, mapped file pages included", max(rss), f"max of {runs}", "MB"),
        figure(f"{name}, whole process", seconds, "s"),
    ]


def store_figures(db: Path) -> list[Figure]:
    from run import SEARCHES

    store = Store.open(db, backup=False)
    try:
        meeting = store.get_meeting(store.list_meetings()[0].id)
        with_files = [it.id for it in meeting.items if it.attachments]
        reads = timed(lambda: [store.get_item(i) for i in with_files], runs=20)
        section = max((s for it in meeting.items for s in it.sections), key=lambda s: len(s.text))
        counter = iter(range(10**9))
        saves = timed(lambda: store.set_section_text(section.id, f"{section.text} {next(counter)}"),
                      runs=300, warmup=5)
        store.set_section_text(section.id, section.text)
        searches = [t for q in SEARCHES for t in timed(lambda q=q: store.search(q), runs=5)]
    finally:
        store.close()
    per_item = [r / max(1, len(with_files)) for r in reads]
    return [
        figure("500 MB of bilag: reading an item with its bilag listed (store)", per_item, target=50),
        figure("500 MB of bilag: autosave write p99", [percentile(saves, 99)], target=10),
        figure(f"500 MB of bilag: full-text search ({len(SEARCHES)} queries × 5)", searches, target=50),
    ]


def window_figures(db: Path) -> list[Figure]:
    from run import probe

    runs = [probe(db)["visible_s"] for _ in range(3)]
    detail = probe(db, interact=True)
    return [
        figure("500 MB of bilag: window visible", runs, "s", 1),
        figure("500 MB of bilag: switching items", detail["switch_item_s"], target=50),
    ]


def run_all(archive: Path) -> list[Figure]:
    db = make_database(archive)
    return window_figures(db) + store_figures(db) + import_figures()


if __name__ == "__main__":
    from archive import make_archive
    from run import ARCHIVE, table

    make_archive(ARCHIVE)
    print(table(run_all(ARCHIVE)))
