"""Importing a long meeting as a whole `referat import` process (issue 10, point 5).

    .venv/bin/python bench/import_bench.py

150 and 1,500 items (the sample's six items over and over, bench/archive.py), each into a
new file. Targets: 1,500 items in ≤ 3 s, and ≤ 12× the time of 150 (10× is linear; the
process start and the imports are the same for both). Renumbering every earlier item on
each insert made it 0.95 s and 50 s.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from archive import big_meeting  # noqa: E402
from stats import Figure, figure, timed  # noqa: E402

from referat_desktop.domain import interchange  # noqa: E402

REFERAT = Path(sys.executable).with_name("referat")


def run_all(runs: int = 3) -> list[Figure]:
    figures, medians = [], {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for items, target in ((150, None), (1500, 3.0)):
            source = folder / f"{items}.json"
            source.write_text(interchange.dumps([big_meeting(items)]), encoding="utf-8")
            count = iter(range(runs + 1))

            def once(items: int = items, source: Path = source, count=count) -> None:
                db = folder / f"{items}-{next(count)}.sqlite"  # a new file each time
                subprocess.run([str(REFERAT), "import", str(source), "--db", str(db)],
                               check=True, capture_output=True, timeout=600)

            fig = figure(f"Import a {items:,}-item meeting, whole `referat import` process",
                         timed(once, runs=runs, warmup=0), "s", target)
            figures.append(fig)
            medians[items] = fig.median
    ratio = medians[1500] / medians[150]
    figures.append(Figure("Import 1,500 items ÷ 150 items (10× = linear)", ratio, "", "×", "≤ 12×",
                          ratio <= 12))
    return figures


if __name__ == "__main__":
    for f in run_all():
        print(f"{f.name}: {f.median:.3g} {f.unit} ({f.spread}) target {f.target} met {f.met}")
