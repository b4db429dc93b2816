"""The kill test, in full: SIGKILL a process editing through the store, N times.

    .venv/bin/python bench/crash_kill.py --kills 50

Every kill is followed by `PRAGMA integrity_check` and a comparison of the whole file
with the model of every edit the worker confirmed (see tests/crash_harness.py). Prints
one line per kill and a summary such as "50/50 kills survived"; exits 1 on any loss.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import random  # noqa: E402

from crash_harness import LostWork, kill_once  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--max-delay", type=float, default=0.4, help="longest wait before a kill, s")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "referat.sqlite"
        rng = random.Random(args.seed)
        model: list = []
        survived, edits, in_flight, times = 0, 0, 0, []
        started = time.perf_counter()
        for k in range(args.kills):
            try:
                model, cycle = kill_once(db_path, model, args.seed * 10_000 + k, rng, args.max_delay)
            except LostWork as exc:
                print(f"kill {k + 1:3d}: LOST WORK: {exc}")
                continue
            survived += 1
            edits += cycle.confirmed
            in_flight += cycle.in_flight_committed
            times.append(cycle.seconds)
            print(f"kill {k + 1:3d}: ok  {cycle.confirmed:4d} confirmed edits"
                  f"{'  (+ the one in flight)' if cycle.in_flight_committed else ''}  {cycle.seconds:.2f} s")
        total = time.perf_counter() - started
        size = db_path.stat().st_size if db_path.exists() else 0
    print(f"{survived}/{args.kills} kills survived")
    print(f"{edits} confirmed edits checked, {in_flight} in-flight edits found committed, "
          f"{len(model)} meetings at the end, file {size / 1024:.0f} KiB")
    if times:
        print(f"time per kill cycle (start, edit, kill, integrity check, reopen, compare): "
              f"median {statistics.median(times):.2f} s, max {max(times):.2f} s; total {total:.1f} s")
    return 0 if survived == args.kills else 1


if __name__ == "__main__":
    raise SystemExit(main())
