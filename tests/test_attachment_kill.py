"""Kill -9 while a bilag file is being added (issue 15): the item has the file whole or
not at all, and the file passes SQLite's integrity check."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

from referat_desktop.domain.model import Item, Meeting
from referat_desktop.store import Store

# Adds the same 12 MB file again and again, saying ADDED after each commit.
WORKER = textwrap.dedent("""
    import sys
    from referat_desktop.store import Store
    store = Store.open(sys.argv[1], backup=False)
    print("READY", flush=True)
    while True:
        store.add_attachment_file(int(sys.argv[2]), sys.argv[3])
        print("ADDED", flush=True)
""")


def test_a_kill_while_adding_leaves_whole_files_only(tmp_path, db_path):
    content = os.urandom(12 * 1024 * 1024)
    digest = hashlib.sha256(content).hexdigest()
    source = tmp_path / "stort bilag.pdf"
    source.write_bytes(content)
    store = Store.open(db_path, backup=False)
    meeting_id = store.add_meeting(Meeting("Byrådet", dt.date(2026, 11, 24), items=[Item("Budget")]))
    item_id = store.get_meeting(meeting_id).items[0].id
    store.close()
    rng = random.Random(15)
    confirmed = 0
    for _kill in range(4):
        command = [sys.executable, "-c", WORKER, str(db_path), str(item_id), str(source)]
        worker = subprocess.Popen(command, stdout=subprocess.PIPE, text=True,
                                  env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert worker.stdout is not None
        assert worker.stdout.readline() == "READY\n"
        time.sleep(rng.uniform(0.05, 0.5))  # somewhere inside a copy of 12 MB
        worker.send_signal(signal.SIGKILL)
        out, _ = worker.communicate()
        confirmed += out.count("ADDED\n")

        conn = sqlite3.connect(db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            rows = conn.execute("SELECT f.size, f.sha256, f.data FROM attachments a"
                                " JOIN attachment_files f ON f.id = a.file_id").fetchall()
        finally:
            conn.close()
        assert confirmed <= len(rows) <= confirmed + 1  # the one in flight may have committed
        for size, sha256, data in rows:
            assert (size, sha256, hashlib.sha256(data).hexdigest()) == (len(content), digest, digest)
        confirmed = len(rows)
