"""Crash safety: a process editing through the store is killed with SIGKILL; nothing it
reported as saved may be missing, and the file must be whole. The 50-kill run is
bench/crash_kill.py; this quick variant runs in `make test`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crash_harness import LostWork, check_after_kill, run_kills  # noqa: E402
from referat_desktop.store import Store  # noqa: E402
from store_model import apply_to_model, random_meeting_spec, snapshot  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_five_kills_lose_no_confirmed_edit(tmp_path):
    cycles = run_kills(tmp_path / "referat.sqlite", kills=5, seed=7)
    assert len(cycles) == 5
    assert sum(c.confirmed for c in cycles) > 5  # the worker really was editing when killed
    # The daily backup made on the first writable open survived the kills too.
    assert list((tmp_path / "backups").glob("referat-*.sqlite"))


def test_the_check_notices_a_lost_edit(tmp_path):
    """The harness must fail when a confirmed edit is missing (so a pass means something)."""
    import random

    path = tmp_path / "referat.sqlite"
    rng = random.Random(3)
    edit = {"op": "import", "meetings": [random_meeting_spec(rng, 1)]}
    store = Store.open(path)
    model = snapshot(store)
    store.close()
    assert check_after_kill(path, model, None) == (model, False)
    # The edit "in flight" and not in the file: accepted as not committed.
    assert check_after_kill(path, model, edit) == (model, False)
    # The same edit confirmed but not in the file: lost work.
    with pytest.raises(LostWork):
        check_after_kill(path, apply_to_model(model, edit), None)
