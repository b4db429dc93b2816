"""Ending the `referat` process: `main`'s status as the exit status, without Python's tear-down.

Used by command.py (the console script) and by `python -m referat_desktop.cli`; see
command.py for why the tear-down is skipped. Its own module so that cli.py can use it
without importing command.py, which imports cli.py.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable
from typing import NoReturn


def run_as_process(main: Callable[[], int]) -> NoReturn:
    """Run `main` as the whole process: its return value is the exit status."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`referat list | head -1`); what it read, it has. As Python's
        # documentation advises (signal module, "Note on SIGPIPE"): write no more, exit 1,
        # and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    end_process(code)


def end_process(code: int) -> NoReturn:
    """Exit with `code` now: flush, run `atexit` functions, then leave without tear-down."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed stream: Python's own exit would only complain
            pass
    atexit._run_exitfuncs()  # what sys.exit would run; os._exit alone runs none
    os._exit(code)
