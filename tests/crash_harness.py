"""Kill the crash worker with SIGKILL at random moments and check the file after each kill.

Used by tests/test_crash_kill.py (a few kills, in `make test`) and bench/crash_kill.py
(the 50-kill run). After each kill the file must pass `PRAGMA integrity_check`, and its
content must be exactly the model after every confirmed edit, or after those plus the
one edit that was in flight (it may have committed before its DONE was printed).
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from referat_desktop.domain.model import Meeting
from referat_desktop.store import Store
from store_model import apply_to_model, snapshot

WORKER = Path(__file__).resolve().parent / "crash_worker.py"


@dataclass
class KillCycle:
    confirmed: int  # edits the worker reported as saved before it died
    in_flight_committed: bool  # the edit in flight at the kill was found in the file
    seconds: float  # start of the worker to the end of the check


class LostWork(AssertionError):
    pass


def kill_once(db_path: Path, model: list[Meeting], seed: int, rng: random.Random,
              max_delay: float = 0.4) -> tuple[list[Meeting], KillCycle]:
    started = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(db_path), str(seed)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:  # drain stdout so the worker never blocks on a full pipe
        assert worker.stdout is not None
        for line in worker.stdout:
            if not line.endswith("\n"):
                break  # cut short by the kill: the worker never finished saying it
            lines.append(line.rstrip("\n"))
            if line.startswith("READY"):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(30):
        worker.kill()
        raise RuntimeError(f"worker did not start: {worker.stderr.read() if worker.stderr else ''}")
    time.sleep(rng.uniform(0.0, max_delay))
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    reader.join(10)
    stderr = worker.stderr.read() if worker.stderr else ""
    if worker.returncode != -signal.SIGKILL:
        raise RuntimeError(f"worker ended by itself ({worker.returncode}): {stderr[-2000:]}")

    confirmed = 0
    pending = None
    for line in lines:
        if line.startswith("BEGIN "):
            pending = json.loads(line[6:])
        elif line == "DONE":
            model = apply_to_model(model, pending)
            confirmed += 1
            pending = None

    model, committed = check_after_kill(db_path, model, pending)
    return model, KillCycle(confirmed, committed, time.perf_counter() - started)


def check_after_kill(db_path: Path, model: list[Meeting], pending: dict | None) -> tuple[list[Meeting], bool]:
    """Raise LostWork unless the file is whole and holds `model` (or `model` + `pending`).

    Returns the state found and whether the in-flight edit had committed.
    """
    conn = sqlite3.connect(db_path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    if integrity != "ok":
        raise LostWork(f"integrity_check after kill: {integrity}")
    store = Store.open(db_path)  # writable: the dead worker's lock must not stand in the way
    try:
        found = snapshot(store)
    finally:
        store.close()
    if found == model:
        return model, False
    if pending is not None and found == apply_to_model(model, pending):
        return found, True
    raise LostWork(f"the file differs from the last confirmed state ({len(found)} meetings found)")


def run_kills(db_path: Path, kills: int, seed: int = 1, max_delay: float = 0.4) -> list[KillCycle]:
    rng = random.Random(seed)
    model: list[Meeting] = []
    if db_path.exists():
        store = Store.open(db_path)
        model = snapshot(store)
        store.close()
    cycles = []
    for k in range(kills):
        model, cycle = kill_once(db_path, model, seed * 10_000 + k, rng, max_delay)
        cycles.append(cycle)
    return cycles
