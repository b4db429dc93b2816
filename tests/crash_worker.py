"""Makes random edits through the store until it is killed (the kill test's victim).

    python tests/crash_worker.py DB SEED

Prints `READY` once the file is open, then for every edit `BEGIN <json>` before it and
`DONE` once the store method has returned (committed), each line flushed at once, so
whoever kills this process knows exactly which edits were confirmed and which one, at
most, was in flight.

Each line goes out in one write: with PYTHONUNBUFFERED set (CI sets it), print() sends
its arguments as separate writes, and a kill between them left a bare "BEGIN " line.
A kill can still cut a long line short, so the reader ignores a line without its newline.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from referat_desktop.store import Store  # noqa: E402
from store_model import apply_to_model, apply_to_store, random_edit, snapshot  # noqa: E402


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(db_path: str, seed: int) -> None:
    rng = random.Random(seed)
    store = Store.open(db_path)
    model = snapshot(store)
    say("READY")
    n = seed * 1000
    while True:
        n += 1
        edit = random_edit(rng, model, n)
        say("BEGIN " + json.dumps(edit, ensure_ascii=False))
        apply_to_store(store, edit)
        say("DONE")
        model = apply_to_model(model, edit, in_place=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
