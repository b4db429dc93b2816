"""What a checkpoint costs (store/checkpoint.py), and autosave with checkpoints between.

    .venv/bin/python bench/checkpoint_bench.py [DB]

After a typical burst of edits (four autosaves of a long section and a fact changed, as
a secretary typing a sentence and tabbing on), the window's poll runs `Store.checkpoint()`
on the UI thread: copying the WAL into the main file and syncing it. Its p99 must stay
well under a frame's worth of lag; autosave p99 must stay ≤ 10 ms with checkpoints
running between the bursts. PASSIVE (what the store uses) is measured beside TRUNCATE,
the other candidate, on the same bursts. DB defaults to a fresh file with the sample
meeting; `make bench` passes the 2,000-meeting archive (on a copy).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive import sample_meeting  # noqa: E402
from stats import Figure, figure, percentile  # noqa: E402

from referat_desktop.store import Store  # noqa: E402

BURSTS = 150


def bursts(store: Store, checkpoint, runs: int = BURSTS) -> tuple[list[float], list[float]]:
    """Seconds per autosave and per checkpoint over `runs` bursts."""
    meeting_id = store.list_meetings()[0].id
    meeting = store.get_meeting(meeting_id)
    section = max((s for it in meeting.items for s in it.sections), key=lambda s: len(s.text))
    saves, checkpoints = [], []
    for run in range(runs):
        for key in range(4):
            start = time.perf_counter()
            store.set_section_text(section.id, f"{section.text} {run}-{key}")
            saves.append(time.perf_counter() - start)
        store.update_meeting(meeting_id, location=f"Mødelokale {run}")
        start = time.perf_counter()
        checkpoint()
        checkpoints.append(time.perf_counter() - start)
    store.set_section_text(section.id, section.text)
    return saves, checkpoints


def run_all(db: Path | None = None) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "checkpoint.sqlite"
        if db is not None:
            shutil.copy(db, path)
        store = Store.open(path, backup=False)
        try:
            if db is None:
                store.import_meetings([sample_meeting()])
            store.checkpoint()
            saves, passive = bursts(store, store.checkpoint)
            truncate_saves, truncate = bursts(
                store, lambda: store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            )
        finally:
            store.close()
    where = "archive" if db is not None else "sample meeting"
    return [
        # On the UI thread after a pause in typing: it must not hold up a keystroke.
        figure(f"Checkpoint after an edit burst p50 ({where})", passive, target=16,
               target_text="≤ 16 ms (one frame)"),
        figure(f"Checkpoint after an edit burst p99 ({where})", [percentile(passive, 99)], target=16,
               target_text="≤ 16 ms (one frame)"),
        figure(f"Autosave write p99 with checkpoints between bursts ({where})", [percentile(saves, 99)],
               target=10),
        figure("  for comparison, TRUNCATE checkpoints: checkpoint p99", [percentile(truncate, 99)]),
        figure("  for comparison, TRUNCATE checkpoints: autosave p99", [percentile(truncate_saves, 99)]),
    ]


if __name__ == "__main__":
    for f in run_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"{f.name}: {f.median:.2f} {f.unit} ({f.spread}) target {f.target} met {f.met}")
