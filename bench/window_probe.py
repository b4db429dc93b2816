"""Measures the real window in a process of its own; prints one JSON line.

Usage: window_probe.py DB START_EPOCH [--interact]
START_EPOCH is time.time() taken by the parent just before it started this process, so
"visible" covers the interpreter, the imports, opening the file and the first paint.
With --interact it then opens meetings, switches items and goes in and out of meeting mode,
and reports peak memory.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time


def main() -> None:
    db, start = sys.argv[1], float(sys.argv[2])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from referat_desktop.app import open_window

    app = QApplication(sys.argv[:1])
    settings = QSettings(os.path.join(tempfile.mkdtemp(), "bench.ini"), QSettings.Format.IniFormat)
    window = open_window(db, settings)
    window.show()
    app.processEvents()
    window.repaint()  # the first paint is done when this returns
    visible = time.time() - start
    result: dict[str, object] = {"visible_s": visible}
    if "--interact" in sys.argv:
        result.update(interact(app, window))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    print(json.dumps(result))


def interact(app, window) -> dict[str, list[float]]:
    from referat_desktop.ui.item_tree import SECTION_KIND_ROLE

    store = window.session
    meetings = [m.id for m in store.list_meetings()[:40:4]]
    open_times, switch_times = [], []
    for meeting_id in meetings:
        started = time.perf_counter()
        window.meeting_view.select_meeting(meeting_id)
        app.processEvents()
        open_times.append(time.perf_counter() - started)
    model, view = window.item_model, window.item_view
    for _round in range(3):
        for row in range(model.rowCount()):
            item = model.index(row, 0)
            # the longest section of each item: what a secretary reads most
            target = next(
                (model.index(r, 0, item) for r in range(model.rowCount(item))
                 if model.index(r, 0, item).data(SECTION_KIND_ROLE) == "sagsfremstilling"),
                item,
            )
            started = time.perf_counter()
            view.setCurrentIndex(target)
            app.processEvents()
            window.repaint()
            switch_times.append(time.perf_counter() - started)
    # Meeting mode (F11) in and out, each switch painted: the panes fold, the decision and
    # its Indstilling are shown, and the layout comes back.
    mode_times = []
    view.setCurrentIndex(model.index(1, 0))
    app.processEvents()
    for _round in range(10):
        started = time.perf_counter()
        window.acts.meeting_mode.trigger()
        app.processEvents()
        window.repaint()
        mode_times.append(time.perf_counter() - started)
    return {"open_meeting_s": open_times, "switch_item_s": switch_times, "meeting_mode_s": mode_times}


if __name__ == "__main__":
    main()
