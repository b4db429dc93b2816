"""The `referat` process: `cli.main` run as a whole program, started and ended quickly.

`cli.main` is what tests and other Python code call; this is what a shell runs (the
console script and the installer's `referat`; `python -m referat_desktop.cli` ends the same
way, without the collector setting). Two things only make sense for a whole, short-lived
process, so they live here and not in `main`:

- **The cycle collector runs less often.** A start imports reportlab, markdown-it and
  Babel, some 250 modules whose functions, classes and dicts are all young objects: at
  Python's default threshold (700) the collector walked them hundreds of times before the
  export began. Garbage with cycles is still collected, every 100,000 new objects, so a
  large import or export stays bounded in memory.
- **Python's tear-down is skipped.** Once `main` has returned, everything the command
  does is done: the output file written, synced and renamed (export/pipeline.py), the
  database closed (`_read` and `Store.close`, which waits for the backup thread). Freeing
  every module and object one by one then took ~100 ms, a quarter of a sample PDF export
  (measured with strace between the last write and exit_group). Standard streams are
  flushed and `atexit` functions run first, as a normal exit would (process_end.py).
"""

from __future__ import annotations

import gc
from typing import NoReturn

from referat_desktop.process_end import run_as_process

YOUNG_OBJECTS_PER_COLLECTION = 100_000


def run() -> NoReturn:
    """The console script's entry point."""
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, *gc.get_threshold()[1:])
    # Imported after the threshold is set: cli's imports are most of a start.
    from referat_desktop.cli import main

    run_as_process(main)


if __name__ == "__main__":
    run()
